//! The store as the six Parquet tables, row for row what the Spark job writes for the same
//! `dateline extract` output: each document's annotations (stored in the output form, code
//! points) are turned into rows exactly as `dateline_job.tables()` does.
use super::{arrow_schema, columns, partition_date, pq_err, Ty, TABLES, UNKNOWN_DATE};
use crate::{Result, Store, StoreError};
use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::{
    ArrayRef, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray,
    TimestampMicrosecondArray,
};
use dateline_core::{Document, Place};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;
use serde::Serialize;
use std::collections::HashMap;
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows buffered per table before they are handed to the Parquet writer.
const ROWS_PER_BATCH: usize = 4096;
/// Rows per row group (the writer keeps one row group's encoded pages in memory).
const ROWS_PER_GROUP: usize = 65_536;

/// Rows written per table, and the date partitions.
#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct ExportCounts {
    pub documents: u64,
    pub entities: u64,
    pub quotes: u64,
    pub events: u64,
    pub places: u64,
    pub claims: u64,
    pub dates: u64,
}

/// One cell.
enum V {
    S(Option<String>),
    I(Option<i32>),
    L(Option<i64>),
    D(Option<f64>),
    T(Option<i64>),
    A(Vec<String>),
}

enum Col {
    S(Vec<Option<String>>),
    I(Vec<Option<i32>>),
    L(Vec<Option<i64>>),
    D(Vec<Option<f64>>),
    T(Vec<Option<i64>>),
    A(Vec<Vec<String>>),
}

impl Col {
    fn new(t: Ty) -> Col {
        match t {
            Ty::Str => Col::S(Vec::new()),
            Ty::Int => Col::I(Vec::new()),
            Ty::Long => Col::L(Vec::new()),
            Ty::Double => Col::D(Vec::new()),
            Ty::Ts => Col::T(Vec::new()),
            Ty::StrList => Col::A(Vec::new()),
        }
    }

    fn push(&mut self, v: V) -> bool {
        match (self, v) {
            (Col::S(c), V::S(x)) => c.push(x),
            (Col::I(c), V::I(x)) => c.push(x),
            (Col::L(c), V::L(x)) => c.push(x),
            (Col::D(c), V::D(x)) => c.push(x),
            (Col::T(c), V::T(x)) => c.push(x),
            (Col::A(c), V::A(x)) => c.push(x),
            _ => return false,
        }
        true
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Col::S(c) => Arc::new(StringArray::from(std::mem::take(c))),
            Col::I(c) => Arc::new(Int32Array::from(std::mem::take(c))),
            Col::L(c) => Arc::new(Int64Array::from(std::mem::take(c))),
            Col::D(c) => Arc::new(Float64Array::from(std::mem::take(c))),
            Col::T(c) => {
                Arc::new(TimestampMicrosecondArray::from(std::mem::take(c)).with_timezone("UTC"))
            }
            Col::A(c) => {
                let mut b = ListBuilder::new(StringBuilder::new()).with_field(Arc::new(
                    arrow_schema::Field::new("element", arrow_schema::DataType::Utf8, true),
                ));
                for list in std::mem::take(c) {
                    for s in list {
                        b.values().append_value(s);
                    }
                    b.append(true);
                }
                Arc::new(b.finish())
            }
        }
    }
}

/// One table's open partition file and its buffered rows.
struct TableOut {
    name: &'static str,
    schema: Arc<arrow_schema::Schema>,
    cols: Vec<Col>,
    rows: usize,
    writer: Option<(PathBuf, ArrowWriter<File>)>,
    written: u64,
}

impl TableOut {
    fn new(name: &'static str) -> TableOut {
        TableOut {
            name,
            schema: arrow_schema(name),
            cols: columns(name).iter().map(|&(_, t)| Col::new(t)).collect(),
            rows: 0,
            writer: None,
            written: 0,
        }
    }

    fn push(&mut self, row: Vec<V>) -> Result<()> {
        if row.len() != self.cols.len() {
            return Err(StoreError::Parquet(format!(
                "{}: {} values for {} columns",
                self.name,
                row.len(),
                self.cols.len()
            )));
        }
        for (i, (c, v)) in self.cols.iter_mut().zip(row).enumerate() {
            if !c.push(v) {
                let col = columns(self.name).get(i).map_or("?", |c| c.0);
                return Err(StoreError::Parquet(format!(
                    "{}.{col}: value of the wrong type",
                    self.name
                )));
            }
        }
        self.rows += 1;
        Ok(())
    }

    /// Hands the buffered rows to the writer of partition `dir` (opened on first use).
    fn flush(
        &mut self,
        root: &Path,
        part_dir: &Path,
        part_no: usize,
        props: &WriterProperties,
    ) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        if self.writer.is_none() {
            let d = root.join(self.name).join(part_dir);
            std::fs::create_dir_all(&d)?;
            let path = d.join(format!("part-{part_no:05}.snappy.parquet"));
            let f = File::create(&path)?;
            let w = ArrowWriter::try_new(f, self.schema.clone(), Some(props.clone()))
                .map_err(|e| pq_err(&path, e))?;
            self.writer = Some((path, w));
        }
        let cols: Vec<ArrayRef> = self.cols.iter_mut().map(Col::finish).collect();
        let n = self.rows;
        self.rows = 0;
        if let Some((path, w)) = self.writer.as_mut() {
            let batch =
                RecordBatch::try_new(self.schema.clone(), cols).map_err(|e| pq_err(path, e))?;
            w.write(&batch).map_err(|e| pq_err(path, e))?;
        }
        self.written += n as u64;
        Ok(())
    }

    fn close(
        &mut self,
        root: &Path,
        part_dir: &Path,
        part_no: usize,
        props: &WriterProperties,
    ) -> Result<()> {
        self.flush(root, part_dir, part_no, props)?;
        if let Some((path, w)) = self.writer.take() {
            w.close().map_err(|e| pq_err(&path, e))?;
        }
        Ok(())
    }
}

/// Splits a CAMEO actor code into (country, known group, type1, type2, type3) as the Spark
/// job does: three-character chunks; a group root (`IGO`, `NGO`, ...) is followed by the
/// known group, a country root by nothing; then up to three type codes.
fn split_actor_code(code: &str) -> [Option<String>; 5] {
    const GROUP_ROOTS: [&str; 6] = ["IGO", "NGO", "MNC", "IMG", "UIS", "REB"];
    let chars: Vec<char> = code.chars().collect();
    let chunk = |i: usize| -> Option<String> {
        let s: String = chars.iter().skip(3 * i).take(3).collect();
        (!s.is_empty()).then_some(s)
    };
    let root: String = chars.iter().take(3).collect();
    let group = GROUP_ROOTS.contains(&root.as_str());
    let country = !group && chars.len() >= 3;
    let types = |k: usize| {
        if group {
            chunk(k + 2)
        } else if country {
            chunk(k + 1)
        } else {
            None
        }
    };
    [
        if country { chunk(0) } else { None },
        if group { chunk(1) } else { None },
        types(0),
        types(1),
        types(2),
    ]
}

/// Spark's `xxhash64(doc_id, idx)` (seed 42; a string hashes its UTF-8 bytes, an int its four
/// little-endian bytes, each seeded with the hash so far): the events' `GLOBALEVENTID`.
pub(crate) fn global_event_id(doc_id: Option<&str>, idx: i32) -> i64 {
    use twox_hash::XxHash64;
    let mut h: u64 = 42;
    if let Some(d) = doc_id {
        h = XxHash64::oneshot(h, d.as_bytes());
    }
    XxHash64::oneshot(h, &idx.to_le_bytes()) as i64
}

/// An `f32` as the `double` Spark reads from its JSON form (shortest decimal, then parsed).
fn f32_as_json_double(x: f32) -> f64 {
    x.to_string().parse().unwrap_or(f64::from(x))
}

fn idx(i: usize) -> Option<i32> {
    i32::try_from(i).ok()
}

fn long(x: usize) -> Option<i64> {
    i64::try_from(x).ok()
}

fn count(n: usize) -> Option<i32> {
    Some(i32::try_from(n).unwrap_or(i32::MAX))
}

/// `published` as a UTC instant in microseconds; null when only a date is known.
fn published_micros(p: &str) -> Option<i64> {
    if p.len() <= 10 {
        return None;
    }
    let ts: jiff::Timestamp = p.parse().ok()?;
    Some(ts.as_microsecond())
}

/// `(SQLDATE, MonthYear, Year, FractionDate)` of a `YYYY-MM-DD` day.
fn gdelt_dates(day: Option<&str>) -> (Option<i32>, Option<i32>, Option<i32>, Option<f64>) {
    let Some(day) = day else {
        return (None, None, None, None);
    };
    let num = |s: &str| -> Option<i32> {
        let t: String = s.chars().filter(|&c| c != '-').collect();
        if t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        t.parse().ok()
    };
    let prefix = |n: usize| -> String { day.chars().take(n).collect() };
    let sqldate = num(day);
    let month_year = num(&prefix(7));
    let year = num(&prefix(4));
    let fraction = match (year, day.parse::<jiff::civil::Date>().ok()) {
        (Some(y), Some(d)) => Some(f64::from(y) + f64::from(d.day_of_year() - 1) / 365.0),
        _ => None,
    };
    (sqldate, month_year, year, fraction)
}

/// GDELT `ActionGeo_Type`: 1 country, 2 US state, 3 US city, 4 world city, 5 world state.
fn geo_type(p: &Place) -> i32 {
    let us = matches!(p.country.as_deref(), Some("US") | Some("USA"));
    match p.feature.as_deref() {
        Some("country") => 1,
        Some("admin1") if us => 2,
        Some("admin1") => 5,
        _ if us => 3,
        _ => 4,
    }
}

fn s(x: &Option<String>) -> V {
    V::S(x.clone())
}

fn st(x: &str) -> V {
    V::S(Some(x.to_string()))
}

/// The rows of one document (in the output form: code-point spans) in each table.
fn document_rows(d: &Document, date: &str, out: &mut [TableOut; 6]) -> Result<()> {
    let published = d.published.map(|p| p.to_string());
    let doc_id = Some(d.id.clone());
    let [documents, entities, quotes, events, places, claims] = out;
    documents.push(vec![
        V::S(doc_id.clone()),
        s(&d.url),
        s(&d.title),
        V::S(published.clone()),
        V::T(published.as_deref().and_then(published_micros)),
        s(&d.timezone),
        V::A(d.authors.clone()),
        s(&d.site),
        s(&d.source),
        s(&d.language),
        s(&d.dateline),
        st(&d.text),
        V::I(count(d.text.chars().count())),
        V::I(count(d.entities.len())),
        V::I(count(d.quotes.len())),
        V::I(count(d.events.len())),
        V::I(count(d.places.len())),
        V::I(count(d.claims.len())),
        V::A(d.warnings.clone()),
        V::S(None),
    ])?;
    for (i, e) in d.entities.iter().enumerate() {
        entities.push(vec![
            V::S(doc_id.clone()),
            V::I(idx(i)),
            V::L(long(e.span.start)),
            V::L(long(e.span.end)),
            st(e.label.as_str()),
            st(&e.text),
            s(&e.canonical),
            V::A(e.titles.clone()),
            s(&e.actor_code),
            V::D(e.value),
            s(&e.unit),
        ])?;
    }
    for (i, q) in d.quotes.iter().enumerate() {
        let kind = serde_json::to_value(q.kind)?;
        quotes.push(vec![
            V::S(doc_id.clone()),
            V::I(idx(i)),
            V::L(long(q.span.start)),
            V::L(long(q.span.end)),
            st(&q.text),
            V::S(kind.as_str().map(str::to_string)),
            V::L(q.cue.as_ref().and_then(|c| long(c.span.start))),
            V::L(q.cue.as_ref().and_then(|c| long(c.span.end))),
            V::S(q.cue.as_ref().map(|c| c.text.clone())),
            V::L(q.speaker.as_ref().and_then(|c| long(c.span.start))),
            V::L(q.speaker.as_ref().and_then(|c| long(c.span.end))),
            V::S(q.speaker.as_ref().map(|c| c.text.clone())),
            s(&q.speaker_name),
            V::A(q.speaker_titles.clone()),
            s(&q.actor_id),
        ])?;
    }
    let pub_day = (date != UNKNOWN_DATE).then_some(date);
    for (i, ev) in d.events.iter().enumerate() {
        let day = ev.date.as_deref().or(pub_day);
        let (sqldate, month_year, year, fraction) = gdelt_dates(day);
        let geo = ev.place.and_then(|p| d.places.get(p));
        let a1 = split_actor_code(&ev.source.code);
        let a2 = ev
            .target
            .as_ref()
            .map(|t| split_actor_code(&t.code))
            .unwrap_or_default();
        let is_root = d
            .paragraphs
            .first()
            .map(|p| i32::from(ev.span.start < p.end));
        let cameo = &ev.cameo;
        let prefix = |n: usize| -> String { cameo.chars().take(n).collect() };
        let i32idx = idx(i).unwrap_or(i32::MAX);
        let [c1, g1, t11, t12, t13] = a1;
        let [c2, g2, t21, t22, t23] = a2;
        let mut row = vec![
            V::L(Some(global_event_id(Some(&d.id), i32idx))),
            V::I(sqldate),
            V::I(month_year),
            V::I(year),
            V::D(fraction),
            st(&ev.source.code),
            st(&ev.source.text),
            V::S(c1),
            V::S(g1),
            V::S(t11),
            V::S(t12),
            V::S(t13),
            V::S(ev.target.as_ref().map(|t| t.code.clone())),
            V::S(ev.target.as_ref().map(|t| t.text.clone())),
            V::S(c2),
            V::S(g2),
            V::S(t21),
            V::S(t22),
            V::S(t23),
            V::I(is_root),
            st(cameo),
            st(&prefix(3)),
            st(&prefix(2)),
            V::I(ev.quad_class.map(i32::from)),
            V::D(ev.goldstein.map(f32_as_json_double)),
            V::I(Some(1)),
            V::I(Some(1)),
            V::I(Some(1)),
            V::D(None),
            V::I(geo.map(geo_type)),
            V::S(geo.and_then(|p| p.name.clone())),
            V::S(geo.and_then(|p| p.country.clone())),
            V::S(geo.and_then(|p| p.admin1.clone())),
            V::D(geo.map(|p| p.lat)),
            V::D(geo.map(|p| p.lon)),
            V::L(
                geo.and_then(|p| p.geonameid)
                    .and_then(|g| i64::try_from(g).ok()),
            ),
            s(&d.url),
        ];
        row.extend([
            V::S(doc_id.clone()),
            V::I(idx(i)),
            s(&ev.plover),
            V::L(long(ev.span.start)),
            V::L(long(ev.span.end)),
            V::S(ev.verb.as_ref().map(|v| v.text.clone())),
            s(&ev.date),
            V::I(ev.place.and_then(idx)),
        ]);
        events.push(row)?;
    }
    for (i, p) in d.places.iter().enumerate() {
        places.push(vec![
            V::S(doc_id.clone()),
            V::I(idx(i)),
            V::L(long(p.span.start)),
            V::L(long(p.span.end)),
            st(&p.text),
            V::D(Some(p.lat)),
            V::D(Some(p.lon)),
            V::L(p.geonameid.and_then(|g| i64::try_from(g).ok())),
            s(&p.country),
            s(&p.admin1),
            s(&p.name),
            s(&p.feature),
        ])?;
    }
    for (i, c) in d.claims.iter().enumerate() {
        let pol = serde_json::to_value(c.polarity)?;
        let modality = serde_json::to_value(c.modality)?;
        claims.push(vec![
            V::S(doc_id.clone()),
            V::I(idx(i)),
            V::L(long(c.span.start)),
            V::L(long(c.span.end)),
            st(&c.text),
            s(&c.claimant),
            V::S(pol.as_str().map(str::to_string)),
            V::S(modality.as_str().map(str::to_string)),
            s(&c.date),
            V::A(c.about.clone()),
            V::I(c.quote.and_then(idx)),
        ])?;
    }
    Ok(())
}

impl Store {
    /// Writes every stored document (near-duplicate copies included, as `dateline ingest
    /// --parquet` expects them) as the six tables of `scale/SCHEMA.md` under `dir`, partitioned
    /// by publication date. `dir` must not hold any of the tables yet. Streams: one document at
    /// a time is in memory, plus up to 4,096 buffered rows per table.
    pub fn export_parquet(&self, dir: &Path) -> Result<ExportCounts> {
        for t in TABLES {
            if dir.join(t).exists() {
                return Err(StoreError::Parquet(format!(
                    "{} already exists; export into a new directory",
                    dir.join(t).display()
                )));
            }
        }
        for t in TABLES {
            // every table exists, even with no rows (as Spark leaves them)
            std::fs::create_dir_all(dir.join(t))?;
        }
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(ROWS_PER_GROUP))
            .build();
        // the partition of every document, then the documents one by one in partition order
        let part_expr = "CASE WHEN published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*' \
                         THEN substr(published, 1, 10) ELSE 'unknown' END";
        let order: Vec<(String, i64)> = self
            .conn
            .prepare(&format!(
                "SELECT {part_expr} AS part, id FROM documents ORDER BY part, id"
            ))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut get = self
            .conn
            .prepare("SELECT text, annotations FROM documents WHERE id = ?1")?;
        let mut out: [TableOut; 6] = TABLES.map(TableOut::new);
        let mut current: Option<String> = None;
        let mut part_files: HashMap<String, usize> = HashMap::new();
        let mut dates = 0u64;
        let mut part_dir = PathBuf::new();
        let mut part_no = 0usize;
        for (_, id) in order {
            let (text, ann): (String, String) =
                get.query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            let mut doc: Document = serde_json::from_str(&ann)?;
            doc.text = text;
            // the stored `published` and the annotations' agree; the latter is authoritative
            let date = partition_date(doc.published.map(|p| p.to_string()).as_deref());
            if current.as_deref() != Some(date.as_str()) {
                for t in out.iter_mut() {
                    t.close(dir, &part_dir, part_no, &props)?;
                }
                let n = part_files.entry(date.clone()).or_insert(0);
                if *n == 0 {
                    dates += 1;
                }
                part_no = *n;
                *n += 1;
                part_dir = PathBuf::from(format!("date={date}"));
                current = Some(date.clone());
            }
            document_rows(&doc, &date, &mut out)?;
            for t in out.iter_mut() {
                if t.rows >= ROWS_PER_BATCH {
                    t.flush(dir, &part_dir, part_no, &props)?;
                }
            }
        }
        for t in out.iter_mut() {
            t.close(dir, &part_dir, part_no, &props)?;
        }
        let [d, e, q, ev, p, c] = out.map(|t| t.written);
        Ok(ExportCounts {
            documents: d,
            entities: e,
            quotes: q,
            events: ev,
            places: p,
            claims: c,
            dates,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_as_the_spark_job_does() {
        let some = |s: &str| Some(s.to_string());
        assert_eq!(
            split_actor_code("IGOUNOGOV"),
            [None, some("UNO"), some("GOV"), None, None]
        );
        assert_eq!(
            split_actor_code("PAKGOVMIL"),
            [some("PAK"), None, some("GOV"), some("MIL"), None]
        );
        assert_eq!(split_actor_code(""), [None, None, None, None, None]);
        assert_eq!(split_actor_code("PA"), [None, None, None, None, None]);
        assert_eq!(
            split_actor_code("PAKG"),
            [some("PAK"), None, some("G"), None, None]
        );
    }

    #[test]
    fn global_event_ids_are_sparks_xxhash64() {
        // SELECT xxhash64('haqqani', 0), xxhash64('GUM_news_afghan', 3),
        //        xxhash64(CAST(NULL AS STRING), 2) -- PySpark 4.3
        assert_eq!(global_event_id(Some("haqqani"), 0), 6938937934818472664);
        assert_eq!(
            global_event_id(Some("GUM_news_afghan"), 3),
            -1919832809083439539
        );
        assert_eq!(global_event_id(None, 2), 8420071140774656230);
    }

    #[test]
    fn gdelt_dates_of_a_day() {
        let (d, m, y, f) = gdelt_dates(Some("2015-09-01"));
        assert_eq!((d, m, y), (Some(20150901), Some(201509), Some(2015)));
        let f = f.unwrap_or(0.0);
        // Spark: 2015 + (dayofyear - 1) / 365.0D
        assert_eq!(f, 2015.6657534246576);
        assert_eq!(gdelt_dates(None), (None, None, None, None));
    }

    #[test]
    fn goldstein_is_the_json_double() {
        assert_eq!(f32_as_json_double(2.8), 2.8);
        assert_eq!(f32_as_json_double(-10.0), -10.0);
    }

    #[test]
    fn published_instants() {
        assert_eq!(published_micros("2015-09-01"), None);
        assert_eq!(published_micros("1970-01-01T05:30:00+05:30"), Some(0),);
    }
}
