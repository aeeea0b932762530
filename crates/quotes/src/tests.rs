use super::*;

fn run(text: &str) -> Vec<Quote> {
    let mut d = Document::from_text("t", text);
    d.text = text.to_string();
    dateline_text::segment(&mut d);
    find_quotes(&d, &Config::default())
}

#[test]
fn direct_after_with_speaker() {
    let q = run("\"We will win,\" Mark Toner said.");
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].kind, QuoteKind::Direct);
    assert_eq!(q[0].speaker_name.as_deref(), Some("Mark Toner"));
    assert_eq!(q[0].cue.as_ref().map(|c| c.text.as_str()), Some("said"));
}
