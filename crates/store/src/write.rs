//! Writing documents: deduplication, annotations, actor merging, full-text index.
use crate::hash::{bands, canonical_url, content_hash, fnv1a, hamming, simhash};
use crate::{Result, Store};
use dateline_core::{ActorKind, Document, EntityLabel, SourceRecord};
use rusqlite::{params, OptionalExtension, Transaction};
use serde::Serialize;

/// Simhash distance at or below which two documents are near-duplicates.
pub const NEAR_DUPLICATE_BITS: u32 = 3;

/// What happened to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Outcome {
    /// Stored as a new document.
    Added { id: i64 },
    /// Same canonical URL, new content: replaced in place.
    Updated { id: i64 },
    /// Same canonical URL and content: nothing to do.
    Unchanged { id: i64 },
    /// The same content is already stored (another id or URL): not stored again.
    Duplicate { of: i64 },
    /// Stored, linked to the near-identical copy it repeats (`duplicate_of`).
    NearDuplicate { id: i64, of: i64 },
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
pub struct IngestCounts {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub duplicates: u64,
    pub near_duplicates: u64,
}

impl IngestCounts {
    pub fn add(&mut self, o: &Outcome) {
        match o {
            Outcome::Added { .. } => self.added += 1,
            Outcome::Updated { .. } => self.updated += 1,
            Outcome::Unchanged { .. } => self.unchanged += 1,
            Outcome::Duplicate { .. } => self.duplicates += 1,
            Outcome::NearDuplicate { .. } => self.near_duplicates += 1,
        }
    }
}

/// A stable hash of the record as it came in (id, URL, body): a re-run skips records whose raw
/// hash is stored without running the pipeline again.
pub fn raw_hash(rec: &SourceRecord) -> i64 {
    let mut buf = Vec::with_capacity(64);
    buf.extend_from_slice(rec.id.as_bytes());
    buf.push(0);
    buf.extend_from_slice(rec.url.as_deref().unwrap_or("").as_bytes());
    buf.push(0);
    let body_hash = fnv1a(rec.text.as_deref().unwrap_or("").as_bytes())
        ^ fnv1a(rec.html.as_deref().unwrap_or("").as_bytes()).rotate_left(1);
    buf.extend_from_slice(&body_hash.to_le_bytes());
    fnv1a(&buf) as i64
}

fn kind_str(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Person => "person",
        ActorKind::Group => "group",
        ActorKind::Place => "place",
    }
}

impl Store {
    /// Whether a record with this raw hash ([`raw_hash`]) is already stored.
    pub fn has_raw(&self, raw: i64) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT 1 FROM documents WHERE raw_hash = ?1
                 UNION ALL SELECT 1 FROM seen_raw WHERE raw_hash = ?1 LIMIT 1",
            )?
            .exists([raw])?)
    }

    /// Writes processed documents (byte spans, as the pipeline leaves them) in one transaction.
    pub fn insert_documents(&mut self, docs: &[Document]) -> Result<Vec<Outcome>> {
        let r = self.insert_inner(docs);
        if r.is_err() {
            // the transaction rolled back: actor ids handed out in it are gone
            self.actors.reset();
        }
        r
    }

    fn insert_inner(&mut self, docs: &[Document]) -> Result<Vec<Outcome>> {
        let tx = self.conn.transaction()?;
        let mut out = Vec::with_capacity(docs.len());
        for d in docs {
            out.push(insert_one(&tx, &mut self.actors, d)?);
        }
        tx.commit()?;
        Ok(out)
    }
}

fn insert_one(
    tx: &Transaction,
    actors: &mut crate::actors::ActorIndex,
    doc: &Document,
) -> Result<Outcome> {
    let raw = raw_hash(&doc.source_record);
    let out = doc.to_output();
    let chash = content_hash(&out.text);
    let canon = out.url.as_deref().and_then(canonical_url);
    let mut replace: Option<i64> = None;
    if let Some(c) = &canon {
        let hit: Option<(i64, i64)> = tx
            .prepare_cached("SELECT id, content_hash FROM documents WHERE canonical_url = ?1")?
            .query_row([c], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        if let Some((id, h)) = hit {
            if h == chash {
                return Ok(Outcome::Unchanged { id });
            }
            replace = Some(id);
        }
    }
    if replace.is_none() {
        let mut st = tx
            .prepare_cached("SELECT id, text FROM documents WHERE content_hash = ?1 ORDER BY id")?;
        let mut rows = st.query([chash])?;
        while let Some(r) = rows.next()? {
            let text: String = r.get(1)?;
            if content_hash(&text) == chash {
                let of: i64 = r.get(0)?;
                tx.prepare_cached("INSERT OR IGNORE INTO seen_raw(raw_hash, doc) VALUES (?1, ?2)")?
                    .execute(params![raw, of])?;
                return Ok(Outcome::Duplicate { of });
            }
        }
    }
    let sim = simhash(&out.text);
    let mut near: Option<i64> = None;
    if replace.is_none() && !out.text.trim().is_empty() {
        let mut st = tx.prepare_cached(
            "SELECT d.id, d.simhash FROM simhash_bands b JOIN documents d ON d.id = b.doc
             WHERE b.band = ?1 AND b.value = ?2 AND d.duplicate_of IS NULL ORDER BY d.id",
        )?;
        'bands: for (band, value) in bands(sim).iter().enumerate() {
            let mut rows = st.query(params![band as i64, value])?;
            while let Some(r) = rows.next()? {
                let h: i64 = r.get(1)?;
                if hamming(h, sim) <= NEAR_DUPLICATE_BITS {
                    near = Some(r.get(0)?);
                    break 'bands;
                }
            }
        }
    }
    if let Some(id) = replace {
        delete_annotations(tx, id)?;
    }
    let pub_date = out.published.map(|p| p.date().to_string());
    let mut ann = out.clone();
    ann.text = String::new();
    let ann_json = serde_json::to_string(&ann)?;
    let now = jiff::Timestamp::now().to_string();
    tx.prepare_cached(
        "INSERT INTO documents(id, ext_id, url, canonical_url, raw_hash, content_hash, simhash,
            duplicate_of, title, published, pub_date, source, site, language, text, bytes,
            annotations, ingested_at)
         VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18)",
    )?
    .execute(params![
        replace,
        out.id,
        out.url,
        canon,
        raw,
        chash,
        sim,
        near,
        out.title,
        out.published.map(|p| p.to_string()),
        pub_date,
        out.source,
        out.site,
        out.language,
        out.text,
        out.text.len() as i64,
        ann_json,
        now,
    ])?;
    let id = tx.last_insert_rowid();
    let id = replace.unwrap_or(id);
    tx.prepare_cached("INSERT INTO documents_fts(rowid, title, text) VALUES (?1, ?2, ?3)")?
        .execute(params![id, out.title.as_deref().unwrap_or(""), out.text])?;
    {
        let mut st =
            tx.prepare_cached("INSERT INTO simhash_bands(band, value, doc) VALUES (?1, ?2, ?3)")?;
        for (band, value) in bands(sim).iter().enumerate() {
            st.execute(params![band as i64, value, id])?;
        }
    }
    write_annotations(tx, actors, id, &out)?;
    Ok(match (replace, near) {
        (Some(id), _) => Outcome::Updated { id },
        (None, Some(of)) => Outcome::NearDuplicate { id, of },
        (None, None) => Outcome::Added { id },
    })
}

fn delete_annotations(tx: &Transaction, id: i64) -> Result<()> {
    // keep the FTS indexes in step (external content tables need the old values)
    tx.execute(
        "INSERT INTO documents_fts(documents_fts, rowid, title, text)
         SELECT 'delete', id, coalesce(title, ''), text FROM documents WHERE id = ?1",
        [id],
    )?;
    tx.execute(
        "INSERT INTO quotes_fts(quotes_fts, rowid, text, speaker_name)
         SELECT 'delete', id, text, coalesce(speaker_name, '') FROM quotes WHERE doc = ?1",
        [id],
    )?;
    for t in [
        "seen_raw",
        "simhash_bands",
        "doc_actors",
        "entities",
        "quotes",
        "events",
        "places",
        "claims",
        "relative_dates",
    ] {
        tx.execute(&format!("DELETE FROM {t} WHERE doc = ?1"), [id])?;
    }
    tx.execute(
        "UPDATE documents SET duplicate_of = NULL WHERE duplicate_of = ?1",
        [id],
    )?;
    tx.execute("DELETE FROM documents WHERE id = ?1", [id])?;
    Ok(())
}

/// Writes every annotation of `d` (code-point spans) for document `id`.
fn write_annotations(
    tx: &Transaction,
    actors: &mut crate::actors::ActorIndex,
    id: i64,
    d: &Document,
) -> Result<()> {
    use std::collections::HashMap;
    // document actors → corpus actors
    let mut local: Vec<Option<i64>> = Vec::with_capacity(d.actors.len());
    let mut mentions: HashMap<i64, (Option<String>, i64)> = HashMap::new();
    for a in &d.actors {
        let cid = actors.resolve(
            tx,
            &a.name,
            kind_str(a.kind),
            a.code.as_deref(),
            a.country.as_deref(),
            &a.titles,
        )?;
        if let Some(c) = cid {
            let e = mentions.entry(c).or_insert((Some(a.id.clone()), 0));
            e.1 += a.mentions.len().max(1) as i64;
        }
        local.push(cid);
    }
    let local_by_id: HashMap<&str, usize> = d
        .actors
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    // no actor stage output: people and organisations named in the text stand in
    let mut entity_actor: Vec<Option<i64>> = vec![None; d.entities.len()];
    for (i, e) in d.entities.iter().enumerate() {
        let cid = match e.actor.and_then(|a| local.get(a).copied().flatten()) {
            Some(c) => Some(c),
            None if d.actors.is_empty()
                && matches!(e.label, EntityLabel::Person | EntityLabel::Org) =>
            {
                let name = e.canonical.as_deref().unwrap_or(&e.text);
                let kind = if e.label == EntityLabel::Person {
                    "person"
                } else {
                    "group"
                };
                let c = actors.resolve(tx, name, kind, e.actor_code.as_deref(), None, &e.titles)?;
                if let Some(c) = c {
                    mentions.entry(c).or_insert((None, 0)).1 += 1;
                }
                c
            }
            None => None,
        };
        entity_actor[i] = cid;
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO entities(doc, idx, start, end, label, text, canonical, actor_code, actor)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9)",
        )?;
        for (i, e) in d.entities.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                e.span.start as i64,
                e.span.end as i64,
                e.label.as_str(),
                e.text,
                e.canonical.as_deref().unwrap_or(&e.text),
                e.actor_code,
                entity_actor.get(i).copied().flatten(),
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO quotes(doc, idx, start, end, text, kind, cue, speaker, speaker_name,
                speaker_titles, actor) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
        )?;
        let mut fts = tx.prepare_cached(
            "INSERT INTO quotes_fts(rowid, text, speaker_name) VALUES (?1,?2,?3)",
        )?;
        for (i, q) in d.quotes.iter().enumerate() {
            let mut actor = q
                .actor_id
                .as_deref()
                .and_then(|a| local_by_id.get(a))
                .and_then(|&i| local.get(i).copied().flatten())
                .or_else(|| {
                    q.speaker_entity
                        .and_then(|e| entity_actor.get(e).copied().flatten())
                });
            if actor.is_none() {
                if let Some(name) = q.speaker_name.as_deref() {
                    let kind = match q.speaker_entity.and_then(|e| d.entities.get(e)) {
                        Some(e) if e.label != EntityLabel::Person => "group",
                        _ => "person",
                    };
                    actor = actors.resolve(tx, name, kind, None, None, &q.speaker_titles)?;
                }
            }
            if let Some(a) = actor {
                mentions.entry(a).or_insert((None, 0)).1 += 1;
            }
            let kind = serde_json::to_value(q.kind)?;
            st.execute(params![
                id,
                i as i64,
                q.span.start as i64,
                q.span.end as i64,
                q.text,
                kind.as_str().unwrap_or("direct"),
                q.cue.as_ref().map(|c| c.text.as_str()),
                q.speaker.as_ref().map(|c| c.text.as_str()),
                q.speaker_name,
                serde_json::to_string(&q.speaker_titles)?,
                actor,
            ])?;
            fts.execute(params![
                tx.last_insert_rowid(),
                q.text,
                q.speaker_name.as_deref().unwrap_or("")
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO places(doc, idx, start, end, text, name, lat, lon, geonameid, country,
                admin1, feature) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)",
        )?;
        for (i, p) in d.places.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                p.span.start as i64,
                p.span.end as i64,
                p.text,
                p.name.as_deref().unwrap_or(&p.text),
                p.lat,
                p.lon,
                p.geonameid.map(|g| g as i64),
                p.country,
                p.admin1,
                p.feature,
            ])?;
        }
    }
    {
        let pub_date = d.published.map(|p| p.date().to_string());
        let mut st = tx.prepare_cached(
            "INSERT INTO events(doc, idx, start, end, source_text, source_code, source_actor,
                target_text, target_code, target_actor, cameo, plover, goldstein, quad_class, verb,
                date, place, lat, lon, country, admin1, geonameid)
             VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22)",
        )?;
        for (i, ev) in d.events.iter().enumerate() {
            let mut resolve_ea = |ea: &dateline_core::EventActor| -> Result<Option<i64>> {
                if let Some(c) = ea.actor.and_then(|a| local.get(a).copied().flatten()) {
                    return Ok(Some(c));
                }
                let kind = if ea.code.len() == 3 { "place" } else { "group" };
                let code = (!ea.code.is_empty()).then_some(ea.code.as_str());
                Ok(actors.resolve(tx, &ea.text, kind, code, None, &[])?)
            };
            let sa = resolve_ea(&ev.source)?;
            let ta = match &ev.target {
                Some(t) => resolve_ea(t)?,
                None => None,
            };
            for a in [sa, ta].into_iter().flatten() {
                mentions.entry(a).or_insert((None, 0)).1 += 1;
            }
            let place = ev.place.and_then(|p| d.places.get(p));
            st.execute(params![
                id,
                i as i64,
                ev.span.start as i64,
                ev.span.end as i64,
                ev.source.text,
                ev.source.code,
                sa,
                ev.target.as_ref().map(|t| t.text.as_str()),
                ev.target.as_ref().map(|t| t.code.as_str()),
                ta,
                ev.cameo,
                ev.plover,
                ev.goldstein.map(f64::from),
                ev.quad_class.map(i64::from),
                ev.verb.as_ref().map(|v| v.text.as_str()),
                ev.date.clone().or_else(|| pub_date.clone()),
                place.map(|p| p.name.as_deref().unwrap_or(&p.text)),
                place.map(|p| p.lat),
                place.map(|p| p.lon),
                place.and_then(|p| p.country.as_deref()),
                place.and_then(|p| p.admin1.as_deref()),
                place.and_then(|p| p.geonameid.map(|g| g as i64)),
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO claims(doc, idx, start, end, text, claimant, polarity, modality, date,
                about, quote_idx) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11)",
        )?;
        for (i, c) in d.claims.iter().enumerate() {
            let pol = serde_json::to_value(c.polarity)?;
            let modality = serde_json::to_value(c.modality)?;
            st.execute(params![
                id,
                i as i64,
                c.span.start as i64,
                c.span.end as i64,
                c.text,
                c.claimant,
                pol.as_str().unwrap_or("positive"),
                modality.as_str().unwrap_or("certain"),
                c.date,
                serde_json::to_string(&c.about)?,
                c.quote.map(|q| q as i64),
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO relative_dates(doc, idx, start, end, text, resolves_to)
             VALUES (?1,?2,?3,?4,?5,?6)",
        )?;
        for (i, r) in d.relative_dates.iter().enumerate() {
            st.execute(params![
                id,
                i as i64,
                r.span.start as i64,
                r.span.end as i64,
                r.text,
                r.resolves_to
            ])?;
        }
    }
    {
        let mut st = tx.prepare_cached(
            "INSERT INTO doc_actors(doc, actor, local_id, mentions) VALUES (?1,?2,?3,?4)",
        )?;
        for (actor, (lid, n)) in mentions {
            st.execute(params![id, actor, lid, n])?;
        }
    }
    Ok(())
}
