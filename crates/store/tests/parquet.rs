//! The six Parquet tables (feature `parquet`): the seed story through export and back, and
//! damaged files giving errors that name them.
#![cfg(feature = "parquet")]
use dateline_store::{Outcome, ParquetDataset, Store, StoreError};

include!("common/seed_doc.rs");

fn tempdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("dateline-store-pq-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

/// The seed story with a non-ASCII title and text, so that code points and bytes differ.
fn seed_with_accents() -> Document {
    let mut d = seed_document();
    d.text = format!("Café “Haqqani” report — {}", d.text);
    let shift = d.text.len() - seed_document().text.len();
    let mv = |s: &mut Span| {
        s.start += shift;
        s.end += shift;
    };
    d.entities.iter_mut().for_each(|e| mv(&mut e.span));
    for q in &mut d.quotes {
        mv(&mut q.span);
        for m in [&mut q.cue, &mut q.speaker].into_iter().flatten() {
            mv(&mut m.span);
        }
    }
    d.events.iter_mut().for_each(|e| mv(&mut e.span));
    d.places.iter_mut().for_each(|p| mv(&mut p.span));
    d.claims.iter_mut().for_each(|c| mv(&mut c.span));
    d
}

#[test]
fn seed_story_round_trips_through_parquet() {
    let dir = tempdir("roundtrip");
    let mut s1 = Store::open(dir.join("s1")).unwrap();
    let seed = seed_with_accents();
    s1.insert_documents(std::slice::from_ref(&seed)).unwrap();
    let c = s1.export_parquet(&dir.join("out")).unwrap();
    assert_eq!(
        (
            c.documents,
            c.entities,
            c.quotes,
            c.events,
            c.places,
            c.claims,
            c.dates
        ),
        (
            1,
            seed.entities.len() as u64,
            seed.quotes.len() as u64,
            1,
            1,
            1,
            1
        )
    );
    assert!(dir.join("out/events/date=2015-09-01").is_dir());
    // an export does not overwrite
    assert!(s1.export_parquet(&dir.join("out")).is_err());

    let data = ParquetDataset::open(dir.join("out")).unwrap();
    assert_eq!(data.partitions(), ["date=2015-09-01"]);
    let p = data.read_partition("date=2015-09-01").unwrap();
    assert_eq!((p.failed.len(), p.skipped_rows), (0, 0));
    let [d] = &p.documents[..] else {
        panic!("{} documents", p.documents.len())
    };
    // byte spans again, equal to what went in
    assert_eq!(d.text, seed.text);
    assert_eq!(d.published, seed.published);
    assert_eq!(d.entities, seed.entities);
    assert_eq!(d.places, seed.places);
    assert_eq!(d.claims, seed.claims);
    for (a, b) in d.quotes.iter().zip(&seed.quotes) {
        assert_eq!(
            (a.span, &a.text, &a.speaker, &a.speaker_name),
            (b.span, &b.text, &b.speaker, &b.speaker_name)
        );
    }
    let (a, b) = (&d.events[0], &seed.events[0]);
    assert_eq!(
        (a.span, &a.cameo, a.goldstein, &a.date, a.place),
        (b.span, &b.cameo, b.goldstein, &b.date, b.place)
    );
    assert_eq!(
        (&a.source.code, a.target.as_ref().map(|t| &t.code)),
        (&b.source.code, b.target.as_ref().map(|t| &t.code))
    );

    let mut s2 = Store::open(dir.join("s2")).unwrap();
    assert!(matches!(
        s2.insert_documents(&p.documents).unwrap()[0],
        Outcome::Added { .. }
    ));
    assert!(matches!(
        s2.insert_documents(&p.documents).unwrap()[0],
        Outcome::Unchanged { .. }
    ));
    let (x, y) = (s1.stats().unwrap(), s2.stats().unwrap());
    assert_eq!(
        (
            x.documents,
            x.bytes,
            x.entities,
            x.quotes,
            x.events,
            x.places,
            x.claims
        ),
        (
            y.documents,
            y.bytes,
            y.entities,
            y.quotes,
            y.events,
            y.places,
            y.claims
        )
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn damaged_parquet_file_is_an_error_naming_it() {
    let dir = tempdir("damaged");
    let mut s = Store::open(dir.join("s")).unwrap();
    s.insert_documents(&[seed_document()]).unwrap();
    s.export_parquet(&dir.join("out")).unwrap();
    let part_dir = dir.join("out/quotes/date=2015-09-01");
    let file = std::fs::read_dir(&part_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .next()
        .unwrap();
    let good = std::fs::read(&file).unwrap();
    let data = ParquetDataset::open(dir.join("out")).unwrap();
    for damaged in [
        good[..good.len() / 2].to_vec(),
        good[..good.len() - 1].to_vec(),
        b"not parquet at all".to_vec(),
        Vec::new(),
    ] {
        std::fs::write(&file, &damaged).unwrap();
        match data.read_partition("date=2015-09-01") {
            Err(StoreError::Parquet(m)) => assert!(m.contains(&*file.to_string_lossy()), "{m}"),
            other => panic!("{} bytes: {other:?}", damaged.len()),
        }
    }
    assert!(ParquetDataset::open(dir.join("s")).is_err());
    let _ = std::fs::remove_dir_all(&dir);
}
