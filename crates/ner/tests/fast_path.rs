//! The fast tagging path (per-form cached feature sums) must give exactly the tags of the
//! feature-by-feature path.
use proptest::prelude::*;

fn model() -> Option<&'static dateline_ner::Model> {
    let m = dateline_ner::embedded_model();
    if m.is_none() {
        eprintln!("no embedded NER model in this build: skipping");
    }
    m
}

#[test]
fn fast_tagger_gives_the_tags_of_the_slow_one_on_conll_dev() {
    let Some(m) = model() else {
        return;
    };
    let Some(data) = dateline_core::shared_data_dir(env!("CARGO_MANIFEST_DIR")) else {
        eprintln!("../shared/data not found: skipping the CoNLL comparison");
        return;
    };
    let p = data.join("ner").join("conll2003").join("dev.txt");
    let Ok(docs) = dateline_ner::train::read_conll(&p) else {
        eprintln!("{} not readable: skipping", p.display());
        return;
    };
    let mut ntok = 0;
    for d in &docs {
        let sents: Vec<Vec<&str>> = d
            .sents
            .iter()
            .map(|s| s.iter().map(|w| w.as_str()).collect())
            .collect();
        assert_eq!(m.tag_document(&sents), m.tag_document_slow(&sents));
        ntok += sents.iter().map(|s| s.len()).sum::<usize>();
    }
    assert!(ntok > 40_000, "{ntok} tokens");
}

#[test]
fn fast_tagger_handles_empty_sentences_and_boundary_look_alikes() {
    let Some(m) = model() else {
        return;
    };
    let sents: Vec<Vec<&str>> = vec![
        vec![],
        vec!["<s>", "</s>", "Kabul", "</s>"],
        vec!["\"", "Mosul", "fell", "."],
        vec!["U.S.", "PRESIDENT", "OBAMA", "SAID", "ON", "MONDAY"],
        vec![],
        vec![
            "Obama", "'s", "aides", "met", "Obama", "in", "Kabul", "Serena", "Hotel",
        ],
    ];
    assert_eq!(m.tag_document(&sents), m.tag_document_slow(&sents));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn fast_tagger_agrees_with_the_slow_one(
        doc in proptest::collection::vec(
            proptest::collection::vec("[A-Za-z0-9.'\"()\u{e9}\u{c9}-]{1,8}|Kabul|Obama|the|New|York", 0..14),
            0..6,
        )
    ) {
        if let Some(m) = dateline_ner::embedded_model() {
            let sents: Vec<Vec<&str>> =
                doc.iter().map(|s| s.iter().map(|w| w.as_str()).collect()).collect();
            prop_assert_eq!(m.tag_document(&sents), m.tag_document_slow(&sents));
        }
    }
}
