//! The RSS/Atom reader must never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = dateline_ingest::feed::feed_records(data, "fuzz.xml");
});
