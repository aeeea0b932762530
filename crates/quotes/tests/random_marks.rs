//! Property test: random quotation marks never make the stage panic, every span it returns is
//! valid, and an unbalanced mark never drops the quotations after it.
use dateline_core::Document;
use proptest::prelude::*;

fn run(text: &str) -> Vec<dateline_core::Quote> {
    let mut doc = Document::from_text("p", text);
    doc.text = text.to_string();
    dateline_text::segment(&mut doc);
    dateline_quotes::find_quotes(&doc, &dateline_quotes::Config::default())
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\"".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("''".to_string()),
        Just("«".to_string()),
        Just("'".to_string()),
        Just(" said ".to_string()),
        Just(" Smith ".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just(" according to ".to_string()),
        Just(" he ".to_string()),
        "[a-zA-Zé ]{1,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_marks_never_panic(parts in prop::collection::vec(piece(), 0..60)) {
        let text: String = parts.concat();
        for q in run(&text) {
            prop_assert!(q.span.start <= q.span.end && q.span.end <= text.len());
            prop_assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
            if let Some(s) = &q.speaker {
                prop_assert!(s.span.end <= text.len());
            }
        }
    }

    #[test]
    fn unbalanced_mark_keeps_later_quotes(prefix in "[a-zA-Z ,]{0,40}", mark in prop_oneof![Just("\""), Just("“"), Just("''")]) {
        let text = format!(
            "{prefix} {mark}stray words here.\n\"We will stay the course,\" Mark Toner said.\n"
        );
        let quotes = run(&text);
        prop_assert!(
            quotes.iter().any(|q| q.text.contains("We will stay the course")
                && q.speaker_name.as_deref() == Some("Mark Toner")),
            "lost the later quotation: {:?}", quotes
        );
    }
}
