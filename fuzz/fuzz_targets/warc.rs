//! The WARC reader must never panic, on plain or gzipped, whole or truncated input.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let r = dateline_ingest::warc::WarcRecords::new(data, "fuzz.warc");
    for rec in r.take(1000) {
        let _ = rec;
    }
    let _ = dateline_ingest::warc::http_payload(data);
});
