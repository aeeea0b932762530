//! Regression tests, each named after what broke, and property tests: no input panics.
use dateline_core::{Document, Entity, EntityLabel};
use proptest::prelude::*;

fn tag(text: &str) -> Vec<Entity> {
    let mut doc = Document::from_text("t", text);
    doc.text = text.to_string();
    dateline_text::segment(&mut doc);
    dateline_ner::annotate_with(&mut doc, None);
    doc.entities
}

fn has_model() -> bool {
    let ok = dateline_ner::embedded_model().is_some();
    if !ok {
        eprintln!("no embedded NER model in this build: skipping");
    }
    ok
}

#[test]
fn us_with_periods_is_one_token_not_u_and_s() {
    if !has_model() {
        return;
    }
    let e = tag("The U.S. President Donald Trump met U.S. officials on Monday.");
    assert!(
        e.iter()
            .any(|e| e.text == "U.S." && e.label == EntityLabel::Gpe),
        "{e:?}"
    );
    assert!(!e.iter().any(|e| e.text == "U." || e.text == "S."), "{e:?}");
    let trump = e.iter().find(|e| e.text == "Donald Trump").expect("person");
    assert_eq!(trump.titles, vec!["U.S. President".to_string()]);
}

#[test]
fn place_canonical_is_not_a_longer_name_that_contains_it() {
    if !has_model() {
        return;
    }
    let e = tag("The United States Navy sailed. The United States protested.");
    for x in e.iter().filter(|e| e.text == "United States") {
        assert_eq!(x.canonical.as_deref(), Some("United States"));
    }
}

#[test]
fn appositive_title_is_a_title_not_an_org() {
    if !has_model() {
        return;
    }
    let e = tag("Jeff Rathke, State Department Spokesperson, said the talks went well.");
    let p = e
        .iter()
        .find(|e| e.label == EntityLabel::Person)
        .expect("person");
    assert_eq!(p.titles, vec!["State Department Spokesperson".to_string()]);
    assert!(!e
        .iter()
        .any(|x| x.label == EntityLabel::Org && x.text == "State Department Spokesperson"));
}

#[test]
fn empty_and_punctuation_only_documents() {
    assert!(tag("").is_empty());
    let _ = tag("... !!! ((( ))) $ % 12:");
}

#[test]
fn model_bytes_that_are_not_a_model_are_an_error() {
    assert!(dateline_ner::Model::load(b"").is_err());
    assert!(dateline_ner::Model::load(b"not gzip at all").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn annotate_never_panics(s in "\\PC{0,200}") {
        let ents = tag(&s);
        for e in ents {
            prop_assert!(e.span.start <= e.span.end && e.span.end <= s.len());
            prop_assert!(s.is_char_boundary(e.span.start) && s.is_char_boundary(e.span.end));
        }
    }

    #[test]
    fn rules_never_panic(words in proptest::collection::vec("[A-Za-z0-9$%.,:()\u{20ac}-]{1,6}", 0..30)) {
        let refs: Vec<&str> = words.iter().map(|w| w.as_str()).collect();
        let t = dateline_ner::rules::toks(&refs);
        for m in dateline_ner::rules::find(&t) {
            prop_assert!(m.start < m.end && m.end <= refs.len());
        }
        for p in 0..refs.len() {
            for (a, b) in dateline_ner::rules::titles_before(&t, p) {
                prop_assert!(a < b && b <= p);
            }
            let _ = dateline_ner::rules::title_after(&t, p);
        }
    }

    #[test]
    fn parse_number_never_panics(s in "\\PC{0,12}") {
        let _ = dateline_ner::rules::parse_number(&s);
    }

    #[test]
    fn model_load_never_panics(b in proptest::collection::vec(any::<u8>(), 0..64)) {
        let _ = dateline_ner::Model::load(&b);
    }
}

#[test]
fn sentence_initial_preposition_is_not_part_of_a_name() {
    if !has_model() {
        return;
    }
    let e = tag("Near Mosul, three strikes destroyed an ISIL tactical unit.");
    assert!(!e.iter().any(|x| x.text.starts_with("Near")), "{e:?}");
}

#[test]
fn title_does_not_end_in_a_preposition() {
    let w: Vec<&str> = "the Special Advisor to Jane Doe".split(' ').collect();
    let t = dateline_ner::rules::toks(&w);
    let got: Vec<String> = dateline_ner::rules::titles_before(&t, 4)
        .iter()
        .map(|(a, b)| w[*a..*b].join(" "))
        .collect();
    assert_eq!(got, vec!["Special Advisor"]);
}
