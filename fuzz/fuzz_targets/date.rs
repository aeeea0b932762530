//! The date, URL-date and relative-date parsers must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let s = String::from_utf8_lossy(data);
    for f in dateline_extract::date::find_dates(&s).take(1000) {
        assert!(f.start <= f.end && f.end <= s.len());
    }
    let _ = dateline_extract::date::date_from_url(&s);
    let d = jiff::civil::date(2015, 9, 1);
    let _ = dateline_extract::relative::resolve_relative_dates(&s, d);
});
