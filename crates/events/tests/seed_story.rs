//! Golden test: the seed story (a real wire story, `haqqani-2015-09-01`) and the events a
//! careful analyst codes from it (`.expected.json`, copied as a fixture).
use dateline_actors::ActorsStage;
use dateline_core::{Document, Event, Pipeline, SourceFormat, SourceRecord};
use dateline_events::EventsStage;

const TEXT: &str = include_str!("fixtures/haqqani-2015-09-01.txt");
const EXPECTED: &str = include_str!("fixtures/haqqani-2015-09-01.expected.json");

fn run() -> Document {
    let pipeline = Pipeline::new()
        .with(dateline_extract::Extractor)
        .with(dateline_text::Segmenter)
        .with(dateline_ner::NerStage)
        .with(dateline_quotes::QuotesStage)
        .with(ActorsStage::default())
        .with(dateline_geo::GeoStage::default())
        .with(EventsStage::default());
    let mut doc = Document::from_record(SourceRecord {
        id: "haqqani".into(),
        format: SourceFormat::Text,
        text: Some(TEXT.into()),
        published: Some("2015-09-01T12:51:00+05:30".into()),
        ..Default::default()
    });
    pipeline.run(&mut doc).expect("pipeline runs");
    doc
}

/// The actor root an expected event names: a code ("USA") or a name ("Haqqani network").
fn matches_actor(expected: &str, got: Option<(&str, &str)>) -> bool {
    let Some((code, text)) = got else {
        return expected.is_empty();
    };
    if expected.len() == 3 && expected.chars().all(|c| c.is_ascii_uppercase()) {
        code.get(..3) == Some(expected)
    } else {
        text.to_lowercase().contains(&expected.to_lowercase())
    }
}

/// How many expected events a coded event matches, each coded event used once: same source
/// and target (by root code or name) and a CAMEO root in `code` or `also_ok`.
fn matched(events: &[Event]) -> (usize, usize) {
    let exp: serde_json::Value = serde_json::from_str(EXPECTED).expect("fixture parses");
    let list = exp["events"].as_array().cloned().unwrap_or_default();
    let mut used = vec![false; events.len()];
    let mut n = 0;
    for e in &list {
        let src = e["source"].as_str().unwrap_or("");
        let tgt = e["target"].as_str().unwrap_or("");
        let mut codes = vec![e["code"].as_str().unwrap_or("").to_string()];
        if let Some(a) = e["also_ok"].as_array() {
            codes.extend(a.iter().filter_map(|x| x.as_str()).map(str::to_string));
        }
        let hit = events.iter().enumerate().position(|(i, ev)| {
            !used[i]
                && matches_actor(src, Some((&ev.source.code, &ev.source.text)))
                && matches_actor(
                    tgt,
                    ev.target
                        .as_ref()
                        .map(|t| (t.code.as_str(), t.text.as_str())),
                )
                && codes.iter().any(|c| ev.cameo.starts_with(c.as_str()))
        });
        if let Some(i) = hit {
            used[i] = true;
            n += 1;
        }
    }
    (n, list.len())
}

#[test]
fn seed_story_actors() {
    let doc = run();
    let codes: Vec<&str> = doc
        .actors
        .iter()
        .filter_map(|a| a.code.as_deref())
        .collect();
    for want in ["USA", "PAK", "IND"] {
        assert!(
            codes.iter().any(|c| c.starts_with(want)),
            "no {want} actor in {codes:?}"
        );
    }
    // "Pentagon" → USAMIL, "Pakistani diplomat" → PAKGOV
    assert!(codes.contains(&"USAMIL"), "{codes:?}");
    assert!(codes.contains(&"PAKGOV"), "{codes:?}");
}

#[test]
fn seed_story_events_regression() {
    let doc = run();
    assert!(!doc.events.is_empty());
    for e in &doc.events {
        assert!(doc.sentences.contains(&e.span), "event span is a sentence");
        assert!(e.cameo.len() >= 2 && e.cameo.bytes().all(|b| b.is_ascii_digit()));
    }
    for e in &doc.events {
        eprintln!(
            "{} {} -> {:?} {}",
            e.cameo,
            e.source.code,
            e.target.as_ref().map(|t| &t.code),
            doc.span_text(e.span).chars().take(60).collect::<String>()
        );
    }
    let (n, _) = matched(&doc.events);
    // what the coder reaches today; raise as it improves
    assert!(n >= 6, "matched {n}");
}

/// The bar: at least 6 of the 8 expected events. It rests on the speaker of each quotation
/// ("State Department Spokesman Mark Toner" → USAGOV for the "We ..." events), NER entities
/// for actors the dictionaries name only in other forms ("Haqqani network"), and the
/// extension patterns ("expressed concern to", "poses a threat to", "work with").
#[test]
fn seed_story_six_of_eight_events() {
    let doc = run();
    let (n, total) = matched(&doc.events);
    assert!(n >= 6, "matched {n} of {total}");
}

#[test]
fn seed_story_events_have_places() {
    let doc = run();
    // "Davis said the Haqqani network from inside Pakistan ... to US forces in Afghanistan"
    let placed = doc.events.iter().filter(|e| e.place.is_some()).count();
    assert!(placed > 0, "no event has a place");
    for e in &doc.events {
        if let Some(p) = e.place.and_then(|i| doc.places.get(i)) {
            assert!(
                e.span.contains(&p.span),
                "place outside the event's sentence"
            );
        }
    }
}
