//! Golden test on the seed story (a real wire story, quoted freely): every person,
//! organisation and place an analyst lists (`haqqani-2015-09-01.expected.json`), with the right
//! type; each person with the listed titles; the amount with its value and currency.
use dateline_core::{Document, Entity, EntityLabel};

const STORY: &str = include_str!("fixtures/haqqani-2015-09-01.txt");

fn entities() -> Vec<Entity> {
    let mut doc = Document::from_text("haqqani", STORY);
    doc.text = STORY.to_string();
    dateline_text::segment(&mut doc);
    dateline_ner::annotate_with(&mut doc, None);
    doc.entities
}

fn find<'a>(ents: &'a [Entity], name: &str, labels: &[EntityLabel]) -> Option<&'a Entity> {
    ents.iter().find(|e| {
        labels.contains(&e.label) && (e.text == name || e.canonical.as_deref() == Some(name))
    })
}

#[test]
fn seed_story_names_titles_and_amount() {
    if dateline_ner::embedded_model().is_none() {
        eprintln!("no embedded NER model in this build: skipping");
        return;
    }
    let ents = entities();
    for e in &ents {
        eprintln!(
            "{:?} {:?} canonical={:?} titles={:?}",
            e.label, e.text, e.canonical, e.titles
        );
    }
    use EntityLabel::*;
    let persons: &[(&str, &[&str])] = &[
        ("Mark Toner", &["State Department Spokesman"]),
        (
            "Sartaj Aziz",
            &["advisor to Pakistan Prime Minister on foreign affairs and national security"],
        ),
        ("Susan Rice", &["National Security Adviser"]),
        ("Jeff Davis", &["Pentagon spokesman", "Capt"]),
        ("Ashton Carter", &["US Defense Secretary"]),
    ];
    let mut missing = Vec::new();
    for (name, titles) in persons {
        match find(&ents, name, &[Person]) {
            None => missing.push(format!("PERSON {name}")),
            Some(e) => {
                for t in *titles {
                    if !e.titles.iter().any(|x| x == t) {
                        missing.push(format!("title {t:?} of {name} (has {:?})", e.titles));
                    }
                }
            }
        }
    }
    let others: &[(&str, &[EntityLabel])] = &[
        ("Haqqani network", &[Org]),
        ("Taliban", &[Org]),
        ("State Department", &[Org]),
        ("Pentagon", &[Org]),
        ("Coalition Support Fund", &[Org, Misc]),
        ("PTI", &[Org]),
        ("Pakistan", &[Gpe]),
        ("United States", &[Gpe]),
        ("US", &[Gpe]),
        ("Afghanistan", &[Gpe]),
        ("North Waziristan", &[Gpe]),
        ("Islamabad", &[Gpe]),
        ("Kabul", &[Gpe]),
        ("Kabul Serena Hotel", &[Fac]),
    ];
    for (name, labels) in others {
        if find(&ents, name, labels).is_none() {
            missing.push(format!("{labels:?} {name}"));
        }
    }
    // the mentions resolve to the fullest form
    for (short, full) in [
        ("Aziz", "Sartaj Aziz"),
        ("Davis", "Jeff Davis"),
        ("Toner", "Mark Toner"),
    ] {
        if !ents
            .iter()
            .any(|e| e.text == short && e.canonical.as_deref() == Some(full))
        {
            missing.push(format!("{short} → {full}"));
        }
    }
    match ents.iter().find(|e| e.label == Money) {
        Some(m) => {
            assert_eq!(m.text, "USD 300 million");
            assert_eq!(m.value, Some(300_000_000.0));
            assert_eq!(m.unit.as_deref(), Some("USD"));
        }
        None => missing.push("MONEY USD 300 million".into()),
    }
    assert!(missing.is_empty(), "missing: {missing:#?}");
}

#[test]
fn no_person_swallows_a_title() {
    let ents = entities();
    for e in ents.iter().filter(|e| e.label == EntityLabel::Person) {
        assert!(!e.text.starts_with("Capt"), "{}", e.text);
    }
}
