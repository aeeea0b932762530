//! Property tests: segmentation never panics and its spans stay well formed on any text,
//! hard-wrapped or not.
use dateline_core::Document;
use proptest::prelude::*;

fn check(s: &str) {
    let mut d = Document::from_text("t", s);
    d.text = s.to_string();
    dateline_text::segment(&mut d);
    let mut last = 0;
    for p in &d.paragraphs {
        assert!(p.start >= last && p.start < p.end && p.end <= s.len());
        assert!(s.is_char_boundary(p.start) && s.is_char_boundary(p.end));
        let t = p.text(s);
        assert_eq!(t, t.trim());
        last = p.end;
    }
    for sp in &d.sentences {
        // a sentence never crosses a paragraph break
        assert!(d
            .paragraphs
            .iter()
            .any(|p| p.start <= sp.start && sp.end <= p.end));
    }
    for t in &d.tokens {
        assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
    }
}

proptest! {
    #[test]
    fn any_text_segments_safely(s in "\\PC{0,300}") {
        check(&s);
    }

    #[test]
    fn wrapped_like_text_segments_safely(
        lines in prop::collection::vec("( {0,4})[a-zA-Z0-9 ,.\"“é]{0,80}", 0..20)
    ) {
        check(&lines.join("\n"));
    }
}
