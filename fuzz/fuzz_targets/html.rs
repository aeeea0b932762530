//! HTML extraction (main text + metadata) must never panic.
#![no_main]
use dateline_core::{SourceFormat, SourceRecord};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    let rec = SourceRecord {
        id: "fuzz".into(),
        format: SourceFormat::Html,
        url: Some("https://example.com/2015/09/01/a".into()),
        html: Some(html.to_string()),
        ..Default::default()
    };
    let _ = dateline_extract::from_html(&rec, &html);
    let _ = dateline_extract::clean::clean_text(&html);
});
