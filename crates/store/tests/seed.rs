//! The seed story (a real wire story, quotable freely) with hand-made annotations, stored and
//! queried through the public query API.
use dateline_store::{Bucket, Kind, Outcome, Page, Query, Store};

include!("common/seed_doc.rs");

#[test]
fn actor_query_returns_jeff_davis_four_quotes() {
    let dir = tempdir("seed-actor");
    let mut s = Store::open(&dir).unwrap();
    let out = s.insert_documents(&[seed_document()]).unwrap();
    assert!(matches!(out[0], Outcome::Added { .. }));
    let q = Query::parse(r#"actor:"Jeff Davis""#).unwrap();
    let r = s.search(&q, &Page::default()).unwrap();
    assert_eq!(r.kind, Kind::Quotes);
    let quotes: Vec<_> = r
        .hits
        .iter()
        .map(|h| match h {
            dateline_store::Hit::Quote(q) => q.clone(),
            other => panic!("not a quote: {other:?}"),
        })
        .collect();
    assert_eq!(quotes.len(), 4, "{quotes:#?}");
    assert!(quotes
        .iter()
        .all(|q| q.speaker_name.as_deref() == Some("Jeff Davis")));
    assert!(quotes[0]
        .text
        .starts_with("We have expressed our deep concern"));
    // code-point spans: the stored span indexes the text by characters
    let doc = s.document(quotes[0].doc).unwrap().unwrap();
    let chars: Vec<char> = doc.document.text.chars().collect();
    let got: String = chars[quotes[0].start as usize..quotes[0].end as usize]
        .iter()
        .collect();
    assert_eq!(got, quotes[0].text);
    // speaker: is a substring match on the name; free text narrows within quotes
    let q = Query::parse("speaker:toner kind:quotes").unwrap();
    assert_eq!(s.search(&q, &Page::default()).unwrap().hits.len(), 1);
    let q = Query::parse(r#"actor:"Jeff Davis" urged"#).unwrap();
    let r = s.search(&q, &Page::default()).unwrap();
    assert_eq!(r.hits.len(), 1);
    match &r.hits[0] {
        dateline_store::Hit::Quote(q) => assert_eq!(q.snippet.highlights.len(), 1),
        _ => panic!(),
    }
}

#[test]
fn second_insert_is_idempotent_and_copies_are_linked() {
    let dir = tempdir("seed-dedup");
    let mut s = Store::open(&dir).unwrap();
    let d = seed_document();
    s.insert_documents(std::slice::from_ref(&d)).unwrap();
    // same URL (tracking params differ), same text: unchanged
    let mut again = d.clone();
    again.url = Some("http://www.indianexpress.com/article/world/haqqani/".into());
    assert!(matches!(
        s.insert_documents(&[again]).unwrap()[0],
        Outcome::Unchanged { .. }
    ));
    // another id, no URL, same text: a duplicate, not stored
    let mut dup = d.clone();
    dup.id = "other".into();
    dup.url = None;
    assert!(matches!(
        s.insert_documents(&[dup]).unwrap()[0],
        Outcome::Duplicate { .. }
    ));
    // a wire copy with a trailing credit line: stored, linked
    let mut copy = d.clone();
    copy.id = "copy".into();
    copy.url = Some("https://example.org/haqqani".into());
    copy.text.push_str(" (With inputs from PTI)");
    let o = s.insert_documents(&[copy]).unwrap()[0];
    let Outcome::NearDuplicate { id, of } = o else {
        panic!("{o:?}")
    };
    assert_eq!(s.stats().unwrap().documents, 2);
    assert_eq!(s.document(of).unwrap().unwrap().copies, vec![id]);
    // copies are not double counted in searches
    let q = Query::parse("haqqani").unwrap();
    assert_eq!(s.search(&q, &Page::default()).unwrap().hits.len(), 1);
    // same URL, new content: updated in place
    let mut upd = d.clone();
    upd.text = upd.text.replace("Haqqani", "Haqani");
    upd.quotes.clear();
    upd.events.clear();
    upd.places.clear();
    upd.entities.clear();
    upd.claims.clear();
    assert!(matches!(
        s.insert_documents(&[upd]).unwrap()[0],
        Outcome::Updated { .. }
    ));
    // only the linked copy's quotes remain
    assert_eq!(s.stats().unwrap().quotes, 6);
    s.integrity_check().unwrap();
}

#[test]
fn events_timeline_network_actors() {
    let dir = tempdir("seed-events");
    let mut s = Store::open(&dir).unwrap();
    s.insert_documents(&[seed_document()]).unwrap();
    let q = Query::parse("code:02 plover:demand from:2015-08 to:2015-09").unwrap();
    let r = s.events(&q, &Page::default()).unwrap();
    assert_eq!(r.hits.len(), 1);
    let dateline_store::Hit::Event(ev) = &r.hits[0] else {
        panic!()
    };
    assert_eq!(
        ev.place.as_ref().map(|p| p.name.as_str()),
        Some("Islamabad")
    );
    assert!(ev.sentence.starts_with("\"We have urged"));
    assert!(s
        .events(&Query::parse("code:19").unwrap(), &Page::default())
        .unwrap()
        .hits
        .is_empty());
    let tl = s.event_timeline(&Query::default(), Bucket::Week).unwrap();
    assert_eq!(tl.len(), 1);
    assert_eq!(tl[0].date, "2015-08-31");
    assert_eq!(tl[0].quad_class, [0, 0, 1, 0]);
    let pentagon = s.find_actor("Pentagon").unwrap().unwrap();
    let net = s.network(Some(pentagon), 10).unwrap();
    assert!(net
        .iter()
        .any(|e| e.target_name == "Pakistan" && e.events == 1));
    let davis = s.find_actor("jeff davis").unwrap().unwrap();
    let a = s.actor(davis, 100).unwrap().unwrap();
    assert_eq!(a.quotes.len(), 4);
    assert!(a.co_actors.iter().any(|c| c.name == "Mark Toner"));
    let (list, _) = s.actors(Some("davis"), &Page::default()).unwrap();
    assert_eq!(list.len(), 1);
    assert!(s.actor(999_999, 10).unwrap().is_none());
    assert!(s.document(999_999).unwrap().is_none());
    // place and org filters, source
    for (query, n) in [
        ("place:islamabad", 1),
        ("place:karachi", 0),
        ("org:pentagon", 1),
        ("source:indianexpress", 1),
        ("source:reuters", 0),
        ("from:2016-01-01", 0),
    ] {
        let r = s
            .search(&Query::parse(query).unwrap(), &Page::default())
            .unwrap();
        assert_eq!(r.hits.len(), n, "{query}");
    }
    assert!(s
        .contested_claims(&Page::default())
        .unwrap()
        .clusters
        .is_empty());
}

#[test]
fn pages_and_cursors() {
    let dir = tempdir("pages");
    let mut s = Store::open(&dir).unwrap();
    let docs: Vec<Document> = (0..25)
        .map(|i| {
            let mut d = Document::from_text(format!("d{i}"), "");
            let words: Vec<String> = (0..60)
                .map(|w| format!("w{}", (w * 7919 + i * 104729) % 10007))
                .collect();
            d.text = format!("Oil story number {i}: {}", words.join(" "));
            d
        })
        .collect();
    s.insert_documents(&docs).unwrap();
    let q = Query::parse("oil").unwrap();
    let p1 = s.search(&q, &Page::new(Some(10), None).unwrap()).unwrap();
    assert_eq!(p1.hits.len(), 10);
    let c = p1.next_cursor.clone().unwrap();
    let p3 = s
        .search(&q, &Page::new(Some(20), Some(&c)).unwrap())
        .unwrap();
    assert_eq!(p3.hits.len(), 15);
    assert!(p3.next_cursor.is_none());
    assert!(Page::new(Some(-1), None).is_err());
    assert!(Page::new(Some(0), None).is_err());
    assert!(Page::new(None, Some("zzz")).is_err());
    let mut jsonl = Vec::new();
    assert_eq!(s.export_jsonl(&mut jsonl).unwrap(), 25);
}

#[test]
fn gdelt_export_has_header_and_counts() {
    let dir = tempdir("gdelt");
    let mut s = Store::open(&dir).unwrap();
    let d = seed_document();
    let mut other = d.clone();
    other.id = "b".into();
    other.url = Some("https://dawn.com/x".into());
    other.source = Some("dawn.com".into());
    other.text = format!(
        "Another paper. {}",
        d.text.replace("Haqqani", "Haqqani group")
    );
    s.insert_documents(&[d, other]).unwrap();
    let mut out = Vec::new();
    assert_eq!(s.export_gdelt(&mut out).unwrap(), 2);
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(lines[0].len(), 61);
    let col = |name: &str| lines[0].iter().position(|c| *c == name).unwrap();
    let row = &lines[1];
    assert_eq!(row.len(), 61);
    assert_eq!(row[col("SQLDATE")], "20150831");
    assert_eq!(row[col("Actor1CountryCode")], "USA");
    assert_eq!(row[col("Actor1Type1Code")], "MIL");
    assert_eq!(row[col("EventRootCode")], "02");
    assert_eq!(row[col("EventBaseCode")], "021");
    assert_eq!(row[col("NumArticles")], "2");
    assert_eq!(row[col("NumSources")], "2");
    assert_eq!(row[col("ActionGeo_FullName")], "Islamabad");
}

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("dateline-store-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}
