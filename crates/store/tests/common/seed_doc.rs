// The seed story (a real wire story, quotable freely) with hand-made annotations as the quote,
// entity, event and geo stages will produce them. Shared by the store's tests and the CLI's
// (`include!`d, so that it is not a published API).
use dateline_core::*;

const SEED: &str = include_str!("../fixtures/haqqani-2015-09-01.txt");

fn span_of(text: &str, needle: &str) -> Span {
    let s = text.find(needle).expect(needle);
    Span::new(s, s + needle.len())
}

/// The quoted passage that starts with `start`, up to the closing quotation mark.
fn quote(text: &str, start: &str, kind: QuoteKind, speaker: Option<&str>, name: &str) -> Quote {
    let s = text.find(start).expect(start);
    let e = s + text[s..].find('"').expect("closing quote");
    Quote {
        span: Span::new(s, e),
        text: text[s..e].to_string(),
        kind,
        cue: None,
        speaker: speaker.map(|sp| Mention {
            span: span_of(text, sp),
            text: sp.to_string(),
        }),
        speaker_name: Some(name.to_string()),
        speaker_titles: vec![],
        speaker_entity: None,
        actor_id: None,
    }
}

/// The seed story as the later stages will annotate it (quotes, entities, one event, a place).
pub fn seed_document() -> Document {
    let mut d = Document::from_text("haqqani-2015-09-01", SEED);
    d.text = SEED.to_string();
    d.url = Some("https://indianexpress.com/article/world/haqqani?utm_source=feed".into());
    d.title = Some(
        "Threats From Haqqani Network And Other Terror Outfits Continues To Emanate From Pak: US"
            .into(),
    );
    d.published = Published::parse("2015-09-01T12:51:00+05:30");
    d.source = Some("indianexpress.com".into());
    let t = d.text.clone();
    d.quotes = vec![
        quote(
            &t,
            "We recognise that",
            QuoteKind::Direct,
            Some("Mark Toner"),
            "Mark Toner",
        ),
        quote(
            &t,
            "The infrastructure supporting",
            QuoteKind::Direct,
            Some("Aziz"),
            "Sartaj Aziz",
        ),
        quote(
            &t,
            "We have expressed our deep concern",
            QuoteKind::Direct,
            Some("Jeff Davis"),
            "Jeff Davis",
        ),
        quote(
            &t,
            "We have urged the Government",
            QuoteKind::Direct,
            Some("he said"),
            "Jeff Davis",
        ),
        quote(
            &t,
            "clearly poses a threat",
            QuoteKind::Mixed,
            Some("Davis said"),
            "Jeff Davis",
        ),
        quote(
            &t,
            "That is one of the reasons why",
            QuoteKind::Direct,
            None,
            "Jeff Davis",
        ),
    ];
    for (name, label) in [
        ("Mark Toner", EntityLabel::Person),
        ("Sartaj Aziz", EntityLabel::Person),
        ("Jeff Davis", EntityLabel::Person),
        ("Pentagon", EntityLabel::Org),
        ("Islamabad", EntityLabel::Gpe),
    ] {
        d.entities.push(Entity::new(span_of(&t, name), label, name));
    }
    d.places.push(Place {
        span: span_of(&t, "Islamabad"),
        text: "Islamabad".into(),
        lat: 33.72,
        lon: 73.04,
        geonameid: Some(1176615),
        country: Some("PK".into()),
        admin1: None,
        name: Some("Islamabad".into()),
        feature: Some("PPLC".into()),
    });
    let sent = span_of(&t, "\"We have urged the Government of Pakistan");
    d.events.push(Event {
        source: EventActor {
            text: "Pentagon".into(),
            code: "USAMIL".into(),
            span: None,
            actor: None,
        },
        target: Some(EventActor {
            text: "Pakistan".into(),
            code: "PAKGOV".into(),
            span: None,
            actor: None,
        }),
        cameo: "0212".into(),
        plover: Some("DEMAND".into()),
        goldstein: Some(-0.3),
        quad_class: Some(3),
        span: sent,
        verb: None,
        date: Some("2015-08-31".into()),
        place: Some(0),
    });
    d.claims.push(Claim {
        span: span_of(&t, "wiped out the Haqqani network"),
        text: "wiped out the Haqqani network".into(),
        claimant: Some("Sartaj Aziz".into()),
        polarity: Polarity::Positive,
        modality: Modality::Certain,
        date: None,
        about: vec!["Haqqani network".into()],
        quote: None,
    });
    d
}

