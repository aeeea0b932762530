//! Sentence-level coding tests with the shipped dictionaries: who did what to whom.
use dateline_actors::ActorsStage;
use dateline_core::{Document, Event, Pipeline};
use dateline_events::{EventsOptions, EventsStage};

fn code(text: &str) -> Vec<Event> {
    let mut doc = Document::from_text("t", text);
    Pipeline::new()
        .with(dateline_extract::Extractor)
        .with(dateline_text::Segmenter)
        .with(ActorsStage::default())
        .with(EventsStage::default())
        .run(&mut doc)
        .expect("pipeline runs");
    doc.events
}

fn triples(evs: &[Event]) -> Vec<(String, String, String)> {
    evs.iter()
        .map(|e| {
            (
                e.source.code.chars().take(3).collect(),
                e.target
                    .as_ref()
                    .map(|t| t.code.chars().take(3).collect())
                    .unwrap_or_default(),
                e.cameo.chars().take(2).collect(),
            )
        })
        .collect()
}

fn has(evs: &[Event], s: &str, t: &str, root: &str) -> bool {
    triples(evs)
        .iter()
        .any(|(a, b, c)| a == s && b == t && c == root)
}

#[test]
fn active_voice() {
    let e = code("The United States fired anti-aircraft batteries at Russia this week.");
    assert!(has(&e, "USA", "RUS", "19"), "{:?}", triples(&e));
}

#[test]
fn passive_voice_takes_the_by_phrase_as_source() {
    let e = code("The Russian embassy was attacked by Ukrainian protesters.");
    assert!(
        triples(&e).iter().any(|(s, t, _)| s == "UKR" && t == "RUS"),
        "{:?}",
        triples(&e)
    );
}

#[test]
fn compound_subject_gives_one_event_each() {
    let e = code("Israeli and Egyptian officials met in Geneva on Monday.");
    let t = triples(&e);
    assert!(t.iter().any(|x| x.0 == "ISR"), "{t:?}");
    assert!(t.iter().any(|x| x.0 == "EGY"), "{t:?}");
}

#[test]
fn urged_b_to_codes_the_appeal() {
    let e = code("The United States urged the government of Pakistan to redouble its efforts.");
    assert!(has(&e, "USA", "PAK", "02"), "{:?}", triples(&e));
}

#[test]
fn a_said_b_attacked_is_an_accusation() {
    let e = code("The US said that Iraq had attacked Kuwait.");
    assert!(has(&e, "USA", "IRQ", "11"), "{:?}", triples(&e));
}

#[test]
fn modal_must_is_a_demand() {
    let e = code("Britain said on Friday that Sudan must reach an agreement with the rebels.");
    assert!(has(&e, "GBR", "SDN", "10"), "{:?}", triples(&e));
}

#[test]
fn plover_category_and_goldstein_are_filled() {
    let e = code("Israeli soldiers arrested more than 100 Palestinians on Saturday.");
    let ev = e.first().expect("an event");
    assert!(ev.plover.is_some());
    assert!(ev.goldstein.is_some());
    assert!(ev.quad_class.is_some());
}

// Regressions, named after what broke.

#[test]
fn us_forces_is_not_a_verb() {
    let e = code("Militants pose a threat to US forces in Afghanistan.");
    assert!(e
        .iter()
        .all(|ev| ev.verb.as_ref().is_none_or(|v| v.text != "forces")));
}

#[test]
fn dotted_initialism_is_an_actor() {
    let e = code("Serbia demanded a meeting of the U.N. Security Council.");
    assert!(has(&e, "SRB", "IGO", "10"), "{:?}", triples(&e));
}

#[test]
fn sports_sentences_are_discarded() {
    let e = code("Brazil beat Argentina 2-1 in the World Cup final on Sunday.");
    assert!(e.is_empty(), "{:?}", triples(&e));
}

#[test]
fn require_dyad_drops_targetless_events() {
    let mut doc = Document::from_text("t", "Russia threatened retaliation on Monday.");
    Pipeline::new()
        .with(dateline_extract::Extractor)
        .with(dateline_text::Segmenter)
        .with(ActorsStage::default())
        .with(
            EventsStage::from_files(&[], &[], EventsOptions { require_dyad: true })
                .expect("defaults load"),
        )
        .run(&mut doc)
        .expect("pipeline runs");
    assert!(doc.events.iter().all(|e| e.target.is_some()));
}

#[test]
fn garbage_input_does_not_panic() {
    for t in [
        "",
        "\u{feff}",
        "«»“”\"\"\"",
        "U.S.-led , , ; said said said",
        "\u{0}\u{1}x",
    ] {
        let _ = code(t);
    }
}

#[test]
fn quoted_fragment_keeps_its_subject_and_target() {
    // regression: the opening quotation mark ended the clause, so the source fell back to
    // the nearest actor (Pakistan) and the closing one hid the target
    let e = code(
        "Davis said the Haqqani network from inside Pakistan \"clearly poses a threat\" to US forces in Afghanistan.",
    );
    assert!(has(&e, "AFG", "USA", "13"), "{:?}", triples(&e));
}

#[test]
fn extension_patterns_code_concern_and_work_with() {
    let e = code(
        "The Pentagon expressed deep concern to the government of Pakistan about the attacks.",
    );
    assert!(has(&e, "USA", "PAK", "11"), "{:?}", triples(&e));
    let e = code("The Pentagon will continue to work with the government of Pakistan.");
    assert!(
        triples(&e)
            .iter()
            .any(|(s, t, c)| s == "USA" && t == "PAK" && (c == "03" || c == "06")),
        "{:?}",
        triples(&e)
    );
}

#[test]
fn negated_cooperation_is_a_rejection() {
    let e = code("The United States will not supply arms to Israel.");
    assert!(has(&e, "USA", "ISR", "12"), "{:?}", triples(&e));
}
