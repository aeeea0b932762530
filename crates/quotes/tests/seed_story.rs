//! Golden test: the seed story's ten quotes, each with its speaker and cue.
use dateline_core::{Document, QuoteKind};

const STORY: &str = include_str!("fixtures/haqqani-2015-09-01.txt");
const EXPECTED: &str = include_str!("fixtures/haqqani-2015-09-01.expected.json");

/// Quote text without its quotation marks and without a leading complementiser ("that ..."),
/// which the expected file leaves out and PolNeAR-style annotation keeps.
fn trim_marks(s: &str) -> &str {
    let s = s.trim_matches(|c: char| c.is_whitespace() || "\"“”'‘’".contains(c));
    s.strip_prefix("that ").unwrap_or(s)
}

#[test]
fn seed_story_all_ten_quotes_with_speakers() {
    let mut doc = Document::from_text("haqqani", STORY);
    doc.text = STORY.to_string();
    dateline_text::segment(&mut doc);
    let quotes = dateline_quotes::find_quotes(&doc, &dateline_quotes::Config::default());
    let expected: serde_json::Value = serde_json::from_str(EXPECTED).unwrap();
    let expected = expected["quotes"].as_array().unwrap();
    assert_eq!(expected.len(), 10);
    let mut failures = Vec::new();
    for e in expected {
        let starts = e["starts"].as_str().unwrap();
        let kind = match e["kind"].as_str().unwrap() {
            "direct" => QuoteKind::Direct,
            "mixed" => QuoteKind::Mixed,
            _ => QuoteKind::Indirect,
        };
        let speaker = e["speaker"].as_str().unwrap();
        let cue = e["cue"].as_str();
        let found = quotes.iter().find(|q| {
            let t = trim_marks(&q.text);
            // a mixed quotation's content holds the quoted fragment
            t.starts_with(starts) || (kind == QuoteKind::Mixed && t.contains(starts))
        });
        let Some(q) = found else {
            failures.push(format!("missing quote starting {starts:?}"));
            continue;
        };
        if q.kind != kind {
            failures.push(format!("{starts:?}: kind {:?}, want {kind:?}", q.kind));
        }
        if q.speaker_name.as_deref() != Some(speaker) {
            failures.push(format!(
                "{starts:?}: speaker {:?}, want {speaker:?}",
                q.speaker_name
            ));
        }
        let got_cue = q.cue.as_ref().map(|c| c.text.as_str());
        if got_cue != cue {
            failures.push(format!("{starts:?}: cue {got_cue:?}, want {cue:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
