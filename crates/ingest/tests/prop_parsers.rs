//! Property tests over the same entry points as the cargo-fuzz targets in `fuzz/` (feed,
//! WARC), so that `cargo test` on stable covers them too: no input may panic.
use proptest::prelude::*;

/// Bytes that look a little like a feed or a WARC file, so the parsers get past their
/// first checks.
fn feedish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just("<rss><channel><item><title>".to_string()),
            Just("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry>".to_string()),
            Just("<description><![CDATA[<p>x</p>".to_string()),
            Just("</item>".to_string()),
            Just("<link>https://a.b/c</link>".to_string()),
            "\\PC{0,20}",
        ],
        0..12,
    )
    .prop_map(|v| v.concat().into_bytes())
}

fn warcish() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(
        prop_oneof![
            Just("WARC/1.0\r\nWARC-Type: response\r\n".to_string()),
            Just("Content-Length: 40\r\n\r\n".to_string()),
            Just("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_string()),
            Just("\r\n\r\n".to_string()),
            "\\PC{0,20}",
        ],
        0..10,
    )
    .prop_map(|v| v.concat().into_bytes())
}

proptest! {
    #[test]
    fn feed_parser_never_panics(data in feedish()) {
        let _ = dateline_ingest::feed::feed_records(&data, "p.xml");
    }

    #[test]
    fn warc_parser_never_panics(data in warcish()) {
        for rec in dateline_ingest::warc::WarcRecords::new(&data[..], "p.warc").take(100) {
            let _ = rec;
        }
        let _ = dateline_ingest::warc::http_payload(&data);
    }

    #[test]
    fn raw_bytes_never_panic(data in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = dateline_ingest::feed::feed_records(&data, "p.xml");
        let _ = dateline_ingest::warc::http_payload(&data);
        for rec in dateline_ingest::warc::WarcRecords::new(&data[..], "p.warc").take(100) {
            let _ = rec;
        }
    }
}
