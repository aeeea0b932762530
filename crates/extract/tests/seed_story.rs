//! Golden test: the seed story (a scraped wire story with WordPress caption junk and a
//! spaced-out dateline) through the real pipeline stages extract → segment.
use dateline_core::{Document, Pipeline, SourceFormat, SourceRecord};

const STORY: &str = include_str!("../../../tests/fixtures/haqqani-2015-09-01.txt");

fn run() -> Document {
    let pipeline = Pipeline::new()
        .with(dateline_extract::Extractor)
        .with(dateline_text::Segmenter);
    let mut doc = Document::from_record(SourceRecord {
        id: "haqqani".into(),
        format: SourceFormat::Text,
        text: Some(STORY.to_string()),
        ..Default::default()
    });
    pipeline.run(&mut doc).expect("pipeline runs");
    doc
}

#[test]
fn seed_story_title_and_publication_time() {
    let doc = run();
    assert_eq!(
        doc.title.as_deref(),
        Some("Threats From Haqqani Network And Other Terror Outfits Continues To Emanate From Pak: US")
    );
    let out = serde_json::to_value(doc.to_output()).unwrap();
    assert_eq!(out["published"], "2015-09-01T12:51:00+05:30");
    assert_eq!(doc.timezone.as_deref(), Some("IST"));
}

#[test]
fn seed_story_text_has_no_scraping_junk() {
    let doc = run();
    for junk in [
        "[caption",
        "[/caption]",
        "attachment_99598",
        "(Photo: PTI) (Photo: PTI)",
    ] {
        assert!(!doc.text.contains(junk), "text still contains {junk:?}");
    }
    assert!(doc.text.contains("wiped out. \"We recognise"));
    // everything else is kept as given
    assert!(doc
        .text
        .contains("USD 300 million under the Coalition Support Fund."));
}

#[test]
fn seed_story_yesterday_is_resolved() {
    let doc = run();
    let y: Vec<_> = doc
        .relative_dates
        .iter()
        .filter(|r| r.text == "yesterday")
        .collect();
    assert!(!y.is_empty());
    assert!(y.iter().all(|r| r.resolves_to == "2015-08-31"));
    assert_eq!(doc.span_text(y[0].span), "yesterday");
}

#[test]
fn seed_story_segments() {
    let doc = run();
    assert!(doc.sentences.len() > 15);
    // "Capt Jeff Davis" stays in one sentence
    let s = doc
        .sentences
        .iter()
        .map(|s| doc.span_text(*s))
        .find(|s| s.contains("Capt Jeff Davis"))
        .unwrap();
    assert!(s.contains("told reporters during an off camera news conference"));
}
