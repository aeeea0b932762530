//! Property tests over the same entry points as the cargo-fuzz targets `html` and `date`
//! in `fuzz/`, so that `cargo test` on stable covers them: no input may panic.
use dateline_core::{SourceFormat, SourceRecord};
use proptest::prelude::*;

fn htmlish() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("<html><head><title>T</title>".to_string()),
            Just("<script type=\"application/ld+json\">{\"datePublished\":\"".to_string()),
            Just("\"}</script>".to_string()),
            Just(
                "<meta property=\"article:published_time\" content=\"2015-09-01T12:51:00+05:30\">"
                    .to_string()
            ),
            Just("<article><p>".to_string()),
            Just("</p><ul><li><a href=\"/x\">link</a></li>".to_string()),
            Just("<time datetime=\"2020-02-30\">".to_string()),
            Just("[caption id=\"a\"]".to_string()),
            "\\PC{0,30}",
        ],
        0..15,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn html_extraction_never_panics(html in htmlish()) {
        let rec = SourceRecord {
            id: "p".into(),
            format: SourceFormat::Html,
            url: Some("https://example.com/2015/09/01/a".into()),
            html: Some(html.clone()),
            ..Default::default()
        };
        let out = dateline_extract::from_html(&rec, &html);
        // every byte of text is valid (it is a String) and no NUL byte comes from nowhere
        let nul_in = html.contains('\u{0}');
        prop_assert!(!out.text.contains('\u{0}') || nul_in, "NUL byte from nowhere");
    }

    #[test]
    fn dates_and_relative_dates_never_panic(s in "\\PC{0,120}") {
        for f in dateline_extract::date::find_dates(&s).take(100) {
            prop_assert!(f.start <= f.end && f.end <= s.len());
        }
        let _ = dateline_extract::date::date_from_url(&s);
        let _ = dateline_extract::relative::resolve_relative_dates(&s, jiff::civil::date(2015, 9, 1));
    }
}
