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

fn one(text: &str) -> Quote {
    let q = run(text);
    assert_eq!(q.len(), 1, "{q:#?}");
    q.into_iter().next().unwrap()
}

#[test]
fn inverted_speaker_after_cue() {
    let q = one("\"We are not going anywhere,\" said Mark Toner.");
    assert_eq!(q.speaker_name.as_deref(), Some("Mark Toner"));
    assert_eq!(q.kind, QuoteKind::Direct);
}

#[test]
fn apposition_between_name_and_cue() {
    let q =
        one("\"The threat is real,\" Capt Jeff Davis, the Pentagon spokesman, said on Tuesday.");
    assert_eq!(q.speaker_name.as_deref(), Some("Jeff Davis"));
    assert!(q
        .speaker_titles
        .iter()
        .any(|t| t.contains("Pentagon spokesman")));
}

#[test]
fn speaker_before_colon() {
    let q = one("Mark Toner told reporters: \"We want to see more steps.\"");
    assert_eq!(q.speaker_name.as_deref(), Some("Mark Toner"));
    assert_eq!(q.cue.map(|c| c.text), Some("told".to_string()));
}

#[test]
fn pronoun_resolves_to_latest_person_and_surname_to_full_name() {
    let q = run(
        "Sartaj Aziz spoke in Islamabad. \"The network is gone,\" he said. \
                 Aziz said the army had cleared the area.",
    );
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(q[0].speaker.as_ref().map(|s| s.text.as_str()), Some("he"));
    assert_eq!(q[0].speaker_name.as_deref(), Some("Sartaj Aziz"));
    assert_eq!(q[1].kind, QuoteKind::Indirect);
    assert_eq!(q[1].speaker_name.as_deref(), Some("Sartaj Aziz"));
    assert!(q[1].text.starts_with("the army had cleared"));
}

#[test]
fn according_to_gives_speaker_and_content() {
    let q = one("The talks will resume next week, according to State Department officials.");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert!(q.text.starts_with("The talks will resume next week"));
    assert!(q.speaker.unwrap().text.contains("officials"));
}

#[test]
fn mixed_quote_covers_its_clause() {
    let q = one("Davis said the network \"clearly poses a threat\" to US forces.");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert!(q.text.starts_with("the network"));
}

#[test]
fn cueless_quoted_paragraph_continues_previous_speaker() {
    let q = run("\"We are hopeful,\" Jeff Davis said.\n\"That is one of the reasons why we continue to work with them.\"");
    assert_eq!(q.len(), 2, "{q:#?}");
    assert!(q[1].cue.is_none());
    assert_eq!(q[1].speaker_name.as_deref(), Some("Jeff Davis"));
}

#[test]
fn country_speaks_and_resolves_to_full_name() {
    let q = run("The US has said that the threat continues. Few in the United States agree.");
    assert_eq!(q[0].speaker_name.as_deref(), Some("United States"));
    assert_eq!(q[0].cue.as_ref().map(|c| c.text.as_str()), Some("has said"));
}

#[test]
fn role_noun_resolves_to_title_holder() {
    let q = run("State Department spokesman Mark Toner spoke on Monday. \
                 The spokesman said the talks had stalled.");
    let last = q.last().unwrap();
    assert_eq!(last.speaker_name.as_deref(), Some("Mark Toner"));
}

#[test]
fn uses_ner_entities_when_present() {
    let text = "\"It is over,\" the senator from Ohio, Rob Portman, said.";
    let mut d = Document::from_text("t", text);
    d.text = text.to_string();
    dateline_text::segment(&mut d);
    let s = text.find("Rob Portman").unwrap();
    d.entities.push(dateline_core::Entity::new(
        Span::new(s, s + "Rob Portman".len()),
        dateline_core::EntityLabel::Person,
        "Rob Portman",
    ));
    let q = find_quotes(&d, &Config::default());
    assert_eq!(q.len(), 1);
    assert_eq!(q[0].speaker_name.as_deref(), Some("Rob Portman"));
    assert_eq!(q[0].speaker_entity, Some(0));
}

#[test]
fn empty_and_unsegmented_documents_give_nothing() {
    assert!(run("").is_empty());
    let d = Document::from_text("t", "\"x,\" he said");
    assert!(find_quotes(&d, &Config::default()).is_empty());
}
