//! Format detection and reading of any byte string (gzip, WARC, JSONL, feed, HTML, text).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for r in dateline_ingest::read_bytes(data.to_vec(), "fuzz").take(1000) {
        let _ = r;
    }
});
