//! Reading the six tables back into documents (byte spans, ready for
//! [`Store::insert_documents`](crate::Store::insert_documents)), one date partition at a time.
use super::{columns, pq_err, Ty, TABLES};
use crate::{Result, StoreError};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use dateline_core::{
    Claim, Document, Entity, EntityLabel, Event, EventActor, Mention, Modality, Place, Polarity,
    Published, Quote, QuoteKind, SourceFormat, SourceRecord, Span,
};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ProjectionMask;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A directory of the six tables (the Spark job's output, or `dateline export --format
/// parquet`'s): `DIR/<table>/<key>=<value>/*.parquet`, or unpartitioned `DIR/<table>/*.parquet`.
#[derive(Debug, Clone)]
pub struct ParquetDataset {
    root: PathBuf,
    partitions: Vec<String>,
}

/// The documents of one partition, and what could not be loaded.
#[derive(Debug, Default)]
pub struct PartitionDocs {
    /// Documents with **byte** spans, annotations in their original order. The tables do not
    /// carry paragraphs and sentences: run the text stage (`dateline_text::segment`) to fill
    /// them before storing.
    pub documents: Vec<Document>,
    /// `(id, error)` of records the pipeline could not process (`documents.error` set).
    pub failed: Vec<(String, String)>,
    /// Rows left out: no id, a repeated key, an unknown document, a missing span or label.
    pub skipped_rows: u64,
}

fn skip_name(name: &str) -> bool {
    name.starts_with('_') || name.starts_with('.')
}

fn is_parquet(p: &Path) -> bool {
    p.is_file()
        && p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| !skip_name(n) && n.ends_with(".parquet"))
}

/// `*.parquet` files under `dir` (recursively when `deep`), sorted.
fn parquet_files(dir: &Path, deep: bool, out: &mut Vec<PathBuf>) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .map(|e| e.map(|e| e.path()))
        .collect::<std::io::Result<_>>()?;
    entries.sort();
    for p in entries {
        if is_parquet(&p) {
            out.push(p);
        } else if deep
            && p.is_dir()
            && p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !skip_name(n))
        {
            parquet_files(&p, true, out)?;
        }
    }
    Ok(())
}

impl ParquetDataset {
    /// Opens a directory holding at least the `documents` table.
    pub fn open(dir: impl AsRef<Path>) -> Result<ParquetDataset> {
        let root = dir.as_ref().to_path_buf();
        let docs = root.join("documents");
        if !docs.is_dir() {
            return Err(StoreError::Parquet(format!(
                "{}: no `documents` table here (expected {}/documents/date=.../*.parquet)",
                root.display(),
                root.display()
            )));
        }
        let mut partitions = Vec::new();
        let mut unpartitioned = false;
        for e in std::fs::read_dir(&docs)? {
            let p = e?.path();
            let Some(name) = p.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if skip_name(name) {
                continue;
            }
            if p.is_dir() && name.contains('=') {
                partitions.push(name.to_string());
            } else if is_parquet(&p) {
                unpartitioned = true;
            }
        }
        partitions.sort();
        if unpartitioned {
            partitions.insert(0, String::new());
        }
        Ok(ParquetDataset { root, partitions })
    }

    /// The partition directories of `documents` (`date=2015-09-01`, ...; `""` for files
    /// directly in the table directory), sorted.
    pub fn partitions(&self) -> &[String] {
        &self.partitions
    }

    fn files(&self, table: &str, partition: &str) -> Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let dir = self.root.join(table);
        if partition.is_empty() {
            if dir.is_dir() {
                parquet_files(&dir, false, &mut out)?;
            }
        } else {
            let d = dir.join(partition);
            if d.is_dir() {
                parquet_files(&d, true, &mut out)?;
            }
        }
        Ok(out)
    }

    /// Reads one partition of every table into documents.
    pub fn read_partition(&self, partition: &str) -> Result<PartitionDocs> {
        let mut out = PartitionDocs::default();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut docs: Vec<Document> = Vec::new();
        for f in self.files("documents", partition)? {
            for b in read_batches(&f, "documents")? {
                let r = Rows::new(&b, "documents", &f)?;
                for i in 0..r.len {
                    let Some(id) = r.s("id", i) else {
                        out.skipped_rows += 1;
                        continue;
                    };
                    if by_id.contains_key(&id) {
                        out.skipped_rows += 1;
                        continue;
                    }
                    if let Some(err) = r.s("error", i) {
                        out.failed.push((id, err));
                        continue;
                    }
                    by_id.insert(id.clone(), docs.len());
                    docs.push(document_row(&r, i, id));
                }
            }
        }
        let mut anns: Vec<Pending> = (0..docs.len()).map(|_| Pending::default()).collect();
        for table in TABLES.iter().skip(1) {
            for f in self.files(table, partition)? {
                for b in read_batches(&f, table)? {
                    let r = Rows::new(&b, table, &f)?;
                    for i in 0..r.len {
                        let slot = r
                            .s("doc_id", i)
                            .and_then(|d| by_id.get(&d).copied())
                            .and_then(|k| anns.get_mut(k));
                        let (Some(slot), Some(idx)) = (slot, r.l("idx", i)) else {
                            out.skipped_rows += 1;
                            continue;
                        };
                        let kept = match *table {
                            "entities" => entity_row(&r, i).map(|x| slot.entities.push((idx, x))),
                            "quotes" => quote_row(&r, i).map(|x| slot.quotes.push((idx, x))),
                            "events" => event_row(&r, i).map(|x| slot.events.push((idx, x))),
                            "places" => place_row(&r, i).map(|x| slot.places.push((idx, x))),
                            "claims" => claim_row(&r, i).map(|x| slot.claims.push((idx, x))),
                            _ => None,
                        };
                        if kept.is_none() {
                            out.skipped_rows += 1;
                        }
                    }
                }
            }
        }
        for (mut d, p) in docs.into_iter().zip(anns) {
            out.skipped_rows += p.attach(&mut d);
            to_bytes(&mut d);
            out.documents.push(d);
        }
        Ok(out)
    }
}

/// A table's rows for one document, with their `idx`, before they are put in order.
#[derive(Default)]
struct Pending {
    entities: Vec<(i64, Entity)>,
    quotes: Vec<(i64, Quote)>,
    events: Vec<(i64, (Event, Option<i64>))>,
    places: Vec<(i64, Place)>,
    claims: Vec<(i64, (Claim, Option<i64>))>,
}

/// Sorts by `idx` and drops repeated ones; returns the items, the positions of the `idx`
/// values, and how many were dropped.
fn ordered<T>(mut v: Vec<(i64, T)>) -> (Vec<T>, HashMap<i64, usize>, u64) {
    v.sort_by_key(|x| x.0);
    let n = v.len();
    let mut pos = HashMap::new();
    let mut out = Vec::with_capacity(n);
    for (idx, x) in v {
        if pos.contains_key(&idx) {
            continue;
        }
        pos.insert(idx, out.len());
        out.push(x);
    }
    let dropped = (n - out.len()) as u64;
    (out, pos, dropped)
}

impl Pending {
    /// Puts the rows into the document in `idx` order, and maps the cross references (an
    /// event's `place_idx`, a claim's `quote_idx`) to positions. Returns the rows dropped.
    fn attach(self, d: &mut Document) -> u64 {
        let (entities, _, a) = ordered(self.entities);
        let (quotes, quote_pos, b) = ordered(self.quotes);
        let (places, place_pos, c) = ordered(self.places);
        let (events, _, e) = ordered(self.events);
        let (claims, _, f) = ordered(self.claims);
        d.entities = entities;
        d.quotes = quotes;
        d.places = places;
        d.events = events
            .into_iter()
            .map(|(mut ev, place)| {
                ev.place = place.and_then(|p| place_pos.get(&p).copied());
                ev
            })
            .collect();
        d.claims = claims
            .into_iter()
            .map(|(mut c, quote)| {
                c.quote = quote.and_then(|q| quote_pos.get(&q).copied());
                c
            })
            .collect();
        a + b + c + e + f
    }
}

fn document_row(r: &Rows, i: usize, id: String) -> Document {
    let url = r.s("url", i);
    let text = r.s("text", i).unwrap_or_default();
    let published = r.s("published", i);
    Document {
        id: id.clone(),
        url: url.clone(),
        title: r.s("title", i),
        published: published.as_deref().and_then(Published::parse),
        timezone: r.s("timezone", i),
        authors: r.a("authors", i),
        site: r.s("site", i),
        source: r.s("source", i),
        language: r.s("language", i),
        dateline: r.s("dateline", i),
        warnings: r.a("warnings", i),
        source_record: SourceRecord {
            id,
            format: SourceFormat::Jsonl,
            url,
            published,
            text: Some(text.clone()),
            ..Default::default()
        },
        text,
        ..Default::default()
    }
}

fn span(r: &Rows, i: usize, start: &str, end: &str) -> Option<Span> {
    let s = usize::try_from(r.l(start, i)?).ok()?;
    let e = usize::try_from(r.l(end, i)?).ok()?;
    Some(Span::new(s, e))
}

fn from_name<T: serde::de::DeserializeOwned>(s: Option<String>) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s?)).ok()
}

fn entity_row(r: &Rows, i: usize) -> Option<Entity> {
    let label: EntityLabel = from_name(r.s("label", i))?;
    let mut e = Entity::new(span(r, i, "start", "end")?, label, r.s("text", i)?);
    e.canonical = r.s("canonical", i);
    e.titles = r.a("titles", i);
    e.actor_code = r.s("actor_code", i);
    e.value = r.d("value", i);
    e.unit = r.s("unit", i);
    Some(e)
}

fn mention(r: &Rows, i: usize, prefix: &str) -> Option<Mention> {
    Some(Mention {
        span: span(r, i, &format!("{prefix}_start"), &format!("{prefix}_end"))?,
        text: r.s(&format!("{prefix}_text"), i)?,
    })
}

fn quote_row(r: &Rows, i: usize) -> Option<Quote> {
    Some(Quote {
        span: span(r, i, "start", "end")?,
        text: r.s("text", i).unwrap_or_default(),
        kind: from_name(r.s("kind", i)).unwrap_or(QuoteKind::Direct),
        cue: mention(r, i, "cue"),
        speaker: mention(r, i, "speaker"),
        speaker_name: r.s("speaker_name", i),
        speaker_titles: r.a("speaker_titles", i),
        speaker_entity: None,
        actor_id: r.s("actor_id", i),
    })
}

/// The event, and its `place_idx`.
fn event_row(r: &Rows, i: usize) -> Option<(Event, Option<i64>)> {
    let span = span(r, i, "sentence_start", "sentence_end")?;
    let cameo = r.s("EventCode", i)?;
    let target = match (r.s("Actor2Code", i), r.s("Actor2Name", i)) {
        (None, None) => None,
        (code, text) => Some(EventActor {
            text: text.unwrap_or_default(),
            code: code.unwrap_or_default(),
            span: None,
            actor: None,
        }),
    };
    let ev = Event {
        source: EventActor {
            text: r.s("Actor1Name", i).unwrap_or_default(),
            code: r.s("Actor1Code", i).unwrap_or_default(),
            span: None,
            actor: None,
        },
        target,
        cameo,
        plover: r.s("plover", i),
        goldstein: r.d("GoldsteinScale", i).map(|g| g as f32),
        quad_class: r.l("QuadClass", i).and_then(|q| u8::try_from(q).ok()),
        span,
        // the tables keep the verb's text only: its span is found in the sentence later
        verb: r.s("verb", i).map(|text| Mention {
            span: Span::new(usize::MAX, usize::MAX),
            text,
        }),
        date: r.s("event_date", i),
        place: None,
    };
    Some((ev, r.l("place_idx", i)))
}

fn place_row(r: &Rows, i: usize) -> Option<Place> {
    Some(Place {
        span: span(r, i, "start", "end")?,
        text: r.s("text", i).unwrap_or_default(),
        lat: r.d("lat", i)?,
        lon: r.d("lon", i)?,
        geonameid: r.l("geonameid", i).and_then(|g| u64::try_from(g).ok()),
        country: r.s("country", i),
        admin1: r.s("admin1", i),
        name: r.s("name", i),
        feature: r.s("feature", i),
    })
}

/// The claim, and its `quote_idx`.
fn claim_row(r: &Rows, i: usize) -> Option<(Claim, Option<i64>)> {
    let c = Claim {
        span: span(r, i, "start", "end")?,
        text: r.s("text", i).unwrap_or_default(),
        claimant: r.s("claimant", i),
        polarity: from_name(r.s("polarity", i)).unwrap_or(Polarity::Positive),
        modality: from_name(r.s("modality", i)).unwrap_or(Modality::Certain),
        date: r.s("claim_date", i),
        about: r.a("about", i),
        quote: None,
    };
    Some((c, r.l("quote_idx", i)))
}

/// Code-point offsets → byte offsets (clamped to the text).
struct ByteMap {
    /// Byte offset of every code point, when the text is not ASCII.
    starts: Option<Vec<usize>>,
    len: usize,
}

impl ByteMap {
    fn new(text: &str) -> ByteMap {
        ByteMap {
            starts: (!text.is_ascii()).then(|| text.char_indices().map(|(b, _)| b).collect()),
            len: text.len(),
        }
    }
    fn byte(&self, cp: usize) -> usize {
        match &self.starts {
            None => cp.min(self.len),
            Some(s) => s.get(cp).copied().unwrap_or(self.len),
        }
    }
    fn span(&self, s: &mut Span) {
        s.start = self.byte(s.start);
        s.end = self.byte(s.end).max(s.start);
    }
}

/// The document's spans from code points (as in the tables) to bytes (as the pipeline and
/// `Store::insert_documents` have them); the event verbs' spans are found in their sentences.
fn to_bytes(d: &mut Document) {
    let m = ByteMap::new(&d.text);
    for e in &mut d.entities {
        m.span(&mut e.span);
    }
    for q in &mut d.quotes {
        m.span(&mut q.span);
        for x in [&mut q.cue, &mut q.speaker].into_iter().flatten() {
            m.span(&mut x.span);
        }
    }
    for p in &mut d.places {
        m.span(&mut p.span);
    }
    for c in &mut d.claims {
        m.span(&mut c.span);
    }
    for ev in &mut d.events {
        m.span(&mut ev.span);
        if let Some(v) = &mut ev.verb {
            let sentence = ev.span.text(&d.text);
            let at = (!v.text.is_empty())
                .then(|| sentence.find(v.text.as_str()))
                .flatten();
            v.span = match at {
                Some(k) => Span::new(ev.span.start + k, ev.span.start + k + v.text.len()),
                None => Span::new(ev.span.start, ev.span.start),
            };
        }
    }
}

/// A batch's columns by name, decoded to plain values. A column the file does not have reads
/// as null throughout.
struct Rows {
    len: usize,
    cols: HashMap<&'static str, Data>,
}

enum Data {
    S(Vec<Option<String>>),
    L(Vec<Option<i64>>),
    D(Vec<Option<f64>>),
    A(Vec<Vec<String>>),
}

impl Rows {
    fn new(b: &RecordBatch, table: &str, path: &Path) -> Result<Rows> {
        let mut cols = HashMap::new();
        for &(name, ty) in columns(table) {
            let Some(arr) = b.column_by_name(name) else {
                continue;
            };
            let bad = |what: &str| {
                pq_err(
                    path,
                    format!(
                        "column {table}.{name} is {}, expected {what}",
                        arr.data_type()
                    ),
                )
            };
            let data = match ty {
                Ty::Str => Data::S(strings(arr).ok_or_else(|| bad("a string"))?),
                Ty::Int | Ty::Long => Data::L(ints(arr).ok_or_else(|| bad("an integer"))?),
                Ty::Double => Data::D(doubles(arr).ok_or_else(|| bad("a double"))?),
                Ty::StrList => Data::A(string_lists(arr).ok_or_else(|| bad("array<string>"))?),
                Ty::Ts => continue,
            };
            cols.insert(name, data);
        }
        Ok(Rows {
            len: b.num_rows(),
            cols,
        })
    }

    fn s(&self, name: &str, i: usize) -> Option<String> {
        match self.cols.get(name) {
            Some(Data::S(v)) => v.get(i).cloned().flatten(),
            _ => None,
        }
    }
    fn l(&self, name: &str, i: usize) -> Option<i64> {
        match self.cols.get(name) {
            Some(Data::L(v)) => v.get(i).copied().flatten(),
            _ => None,
        }
    }
    fn d(&self, name: &str, i: usize) -> Option<f64> {
        match self.cols.get(name) {
            Some(Data::D(v)) => v.get(i).copied().flatten(),
            _ => None,
        }
    }
    fn a(&self, name: &str, i: usize) -> Vec<String> {
        match self.cols.get(name) {
            Some(Data::A(v)) => v.get(i).cloned().unwrap_or_default(),
            _ => Vec::new(),
        }
    }
}

fn owned<'a>(it: impl Iterator<Item = Option<&'a str>>) -> Vec<Option<String>> {
    it.map(|x| x.map(str::to_string)).collect()
}

fn strings(a: &ArrayRef) -> Option<Vec<Option<String>>> {
    if let Some(s) = a.as_string_opt::<i32>() {
        Some(owned(s.iter()))
    } else if let Some(s) = a.as_string_opt::<i64>() {
        Some(owned(s.iter()))
    } else {
        a.as_string_view_opt().map(|s| owned(s.iter()))
    }
}

fn ints(a: &ArrayRef) -> Option<Vec<Option<i64>>> {
    macro_rules! prim {
        ($t:ty) => {
            a.as_primitive_opt::<$t>().map(|p| {
                p.iter()
                    .map(|x| x.and_then(|v| i64::try_from(v).ok()))
                    .collect()
            })
        };
    }
    match a.data_type() {
        DataType::Int8 => prim!(Int8Type),
        DataType::Int16 => prim!(Int16Type),
        DataType::Int32 => prim!(Int32Type),
        DataType::Int64 => prim!(Int64Type),
        DataType::UInt8 => prim!(UInt8Type),
        DataType::UInt16 => prim!(UInt16Type),
        DataType::UInt32 => prim!(UInt32Type),
        DataType::UInt64 => prim!(UInt64Type),
        _ => None,
    }
}

fn doubles(a: &ArrayRef) -> Option<Vec<Option<f64>>> {
    match a.data_type() {
        DataType::Float64 => a
            .as_primitive_opt::<Float64Type>()
            .map(|p| p.iter().collect()),
        DataType::Float32 => a
            .as_primitive_opt::<Float32Type>()
            .map(|p| p.iter().map(|x| x.map(f64::from)).collect()),
        _ => None,
    }
}

/// Timestamps as microseconds since the epoch.
fn timestamps(a: &ArrayRef) -> Option<Vec<Option<i64>>> {
    let DataType::Timestamp(unit, _) = a.data_type() else {
        return None;
    };
    match unit {
        TimeUnit::Second => a.as_primitive_opt::<TimestampSecondType>().map(|p| {
            p.iter()
                .map(|x| x.and_then(|v| v.checked_mul(1_000_000)))
                .collect()
        }),
        TimeUnit::Millisecond => a.as_primitive_opt::<TimestampMillisecondType>().map(|p| {
            p.iter()
                .map(|x| x.and_then(|v| v.checked_mul(1_000)))
                .collect()
        }),
        TimeUnit::Microsecond => a
            .as_primitive_opt::<TimestampMicrosecondType>()
            .map(|p| p.iter().collect()),
        TimeUnit::Nanosecond => a
            .as_primitive_opt::<TimestampNanosecondType>()
            .map(|p| p.iter().map(|x| x.map(|v| v.div_euclid(1_000))).collect()),
    }
}

fn string_lists(a: &ArrayRef) -> Option<Vec<Vec<String>>> {
    let one =
        |v: ArrayRef| -> Option<Vec<String>> { Some(strings(&v)?.into_iter().flatten().collect()) };
    let mut out = Vec::with_capacity(a.len());
    if let Some(l) = a.as_list_opt::<i32>() {
        for x in l.iter() {
            out.push(match x {
                Some(v) => one(v)?,
                None => Vec::new(),
            });
        }
    } else if let Some(l) = a.as_list_opt::<i64>() {
        for x in l.iter() {
            out.push(match x {
                Some(v) => one(v)?,
                None => Vec::new(),
            });
        }
    } else {
        return None;
    }
    Some(out)
}

/// Every record batch of one file, the table's known columns only. A file that is not Parquet,
/// is cut short or is corrupt gives an error naming it (the reader's panics on malformed data
/// are caught and turned into errors too).
fn read_batches(path: &Path, table: &str) -> Result<Vec<RecordBatch>> {
    let read = || -> Result<Vec<RecordBatch>> {
        let f = std::fs::File::open(path).map_err(|e| pq_err(path, e))?;
        let b = ParquetRecordBatchReaderBuilder::try_new(f).map_err(|e| pq_err(path, e))?;
        let wanted: Vec<usize> = b
            .schema()
            .fields()
            .iter()
            .enumerate()
            .filter(|(_, f)| columns(table).iter().any(|c| c.0 == f.name()))
            .map(|(i, _)| i)
            .collect();
        let mask = ProjectionMask::roots(b.parquet_schema(), wanted);
        let reader = b
            .with_projection(mask)
            .with_batch_size(4096)
            .build()
            .map_err(|e| pq_err(path, e))?;
        reader
            .map(|b| b.map_err(|e| pq_err(path, e)))
            .collect::<Result<Vec<_>>>()
    };
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)) {
        Ok(r) => r,
        Err(_) => Err(pq_err(path, "the Parquet reader failed on malformed data")),
    }
}

/// Every row of one table under `dir` (all partitions), as JSON objects with the partition
/// column (`date`) taken from the directory name: for tests and inspection. Timestamps are
/// microseconds since the epoch.
pub fn table_rows(
    dir: impl AsRef<Path>,
    table: &str,
) -> Result<Vec<serde_json::Map<String, serde_json::Value>>> {
    use serde_json::{json, Value};
    let root = dir.as_ref().join(table);
    let mut files = Vec::new();
    if root.is_dir() {
        parquet_files(&root, true, &mut files)?;
    }
    let mut out = Vec::new();
    for f in files {
        let part: Option<(String, String)> = f
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
            .and_then(|n| n.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()));
        for b in read_batches(&f, table)? {
            let mut cols: Vec<(&str, Vec<Value>)> = Vec::new();
            for &(name, ty) in columns(table) {
                let Some(a) = b.column_by_name(name) else {
                    continue;
                };
                let vals: Option<Vec<Value>> = match ty {
                    Ty::Str => strings(a).map(|v| v.into_iter().map(|x| json!(x)).collect()),
                    Ty::Int | Ty::Long => {
                        ints(a).map(|v| v.into_iter().map(|x| json!(x)).collect())
                    }
                    Ty::Double => doubles(a).map(|v| v.into_iter().map(|x| json!(x)).collect()),
                    Ty::Ts => timestamps(a).map(|v| v.into_iter().map(|x| json!(x)).collect()),
                    Ty::StrList => {
                        string_lists(a).map(|v| v.into_iter().map(|x| json!(x)).collect())
                    }
                };
                let vals = vals.ok_or_else(|| {
                    pq_err(&f, format!("column {table}.{name} is {}", a.data_type()))
                })?;
                cols.push((name, vals));
            }
            for i in 0..b.num_rows() {
                let mut row = serde_json::Map::new();
                for (name, v) in &cols {
                    row.insert(name.to_string(), v.get(i).cloned().unwrap_or(Value::Null));
                }
                if let Some((k, v)) = &part {
                    row.insert(k.clone(), Value::String(v.clone()));
                }
                out.push(row);
            }
        }
    }
    Ok(out)
}
