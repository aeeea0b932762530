//! The six Parquet tables of `scale/SCHEMA.md` (feature `parquet`): written by
//! [`Store::export_parquet`](crate::Store::export_parquet) and by the Spark job
//! (`scale/spark/dateline_job.py`), read back by [`ParquetDataset`].
//!
//! Layout: `DIR/<table>/date=YYYY-MM-DD/part-*.parquet` (`date=unknown` when the document has
//! no publication date). The partition column lives in the directory name only, as Spark writes
//! it. Offsets are code points into `documents.text`.
mod export;
mod import;

pub use export::ExportCounts;
pub use import::{table_rows, ParquetDataset, PartitionDocs};

use crate::StoreError;
use arrow_schema::{DataType, Field, Schema};
use std::sync::Arc;

/// The tables, in the order the Spark job writes them.
pub const TABLES: [&str; 6] = [
    "documents",
    "entities",
    "quotes",
    "events",
    "places",
    "claims",
];

/// The partition column (a directory level `date=...`, not a column inside the files).
pub const PARTITION_COLUMN: &str = "date";

/// The partition value of documents without a publication date.
pub const UNKNOWN_DATE: &str = "unknown";

/// Column types, as SCHEMA.md names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ty {
    /// `string`
    Str,
    /// `int` (32-bit)
    Int,
    /// `bigint`
    Long,
    /// `double`
    Double,
    /// `timestamp` (UTC instant, microseconds)
    Ts,
    /// `array<string>`
    StrList,
}

use Ty::{Double, Int, Long, Str, StrList, Ts};

const DOCUMENTS: &[(&str, Ty)] = &[
    ("id", Str),
    ("url", Str),
    ("title", Str),
    ("published", Str),
    ("published_ts", Ts),
    ("timezone", Str),
    ("authors", StrList),
    ("site", Str),
    ("source", Str),
    ("language", Str),
    ("dateline", Str),
    ("text", Str),
    ("text_chars", Int),
    ("n_entities", Int),
    ("n_quotes", Int),
    ("n_events", Int),
    ("n_places", Int),
    ("n_claims", Int),
    ("warnings", StrList),
    ("error", Str),
];

const ENTITIES: &[(&str, Ty)] = &[
    ("doc_id", Str),
    ("idx", Int),
    ("start", Long),
    ("end", Long),
    ("label", Str),
    ("text", Str),
    ("canonical", Str),
    ("titles", StrList),
    ("actor_code", Str),
    ("value", Double),
    ("unit", Str),
];

const QUOTES: &[(&str, Ty)] = &[
    ("doc_id", Str),
    ("idx", Int),
    ("start", Long),
    ("end", Long),
    ("text", Str),
    ("kind", Str),
    ("cue_start", Long),
    ("cue_end", Long),
    ("cue_text", Str),
    ("speaker_start", Long),
    ("speaker_end", Long),
    ("speaker_text", Str),
    ("speaker_name", Str),
    ("speaker_titles", StrList),
    ("actor_id", Str),
];

const EVENTS: &[(&str, Ty)] = &[
    ("GLOBALEVENTID", Long),
    ("SQLDATE", Int),
    ("MonthYear", Int),
    ("Year", Int),
    ("FractionDate", Double),
    ("Actor1Code", Str),
    ("Actor1Name", Str),
    ("Actor1CountryCode", Str),
    ("Actor1KnownGroupCode", Str),
    ("Actor1Type1Code", Str),
    ("Actor1Type2Code", Str),
    ("Actor1Type3Code", Str),
    ("Actor2Code", Str),
    ("Actor2Name", Str),
    ("Actor2CountryCode", Str),
    ("Actor2KnownGroupCode", Str),
    ("Actor2Type1Code", Str),
    ("Actor2Type2Code", Str),
    ("Actor2Type3Code", Str),
    ("IsRootEvent", Int),
    ("EventCode", Str),
    ("EventBaseCode", Str),
    ("EventRootCode", Str),
    ("QuadClass", Int),
    ("GoldsteinScale", Double),
    ("NumMentions", Int),
    ("NumSources", Int),
    ("NumArticles", Int),
    ("AvgTone", Double),
    ("ActionGeo_Type", Int),
    ("ActionGeo_FullName", Str),
    ("ActionGeo_CountryCode", Str),
    ("ActionGeo_ADM1Code", Str),
    ("ActionGeo_Lat", Double),
    ("ActionGeo_Long", Double),
    ("ActionGeo_FeatureID", Long),
    ("SOURCEURL", Str),
    ("doc_id", Str),
    ("idx", Int),
    ("plover", Str),
    ("sentence_start", Long),
    ("sentence_end", Long),
    ("verb", Str),
    ("event_date", Str),
    ("place_idx", Int),
];

const PLACES: &[(&str, Ty)] = &[
    ("doc_id", Str),
    ("idx", Int),
    ("start", Long),
    ("end", Long),
    ("text", Str),
    ("lat", Double),
    ("lon", Double),
    ("geonameid", Long),
    ("country", Str),
    ("admin1", Str),
    ("name", Str),
    ("feature", Str),
];

const CLAIMS: &[(&str, Ty)] = &[
    ("doc_id", Str),
    ("idx", Int),
    ("start", Long),
    ("end", Long),
    ("text", Str),
    ("claimant", Str),
    ("polarity", Str),
    ("modality", Str),
    ("claim_date", Str),
    ("about", StrList),
    ("quote_idx", Int),
];

/// The columns of a table as written in its files (the partition column `date` excluded),
/// with their SCHEMA.md types.
pub(crate) fn columns(table: &str) -> &'static [(&'static str, Ty)] {
    match table {
        "documents" => DOCUMENTS,
        "entities" => ENTITIES,
        "quotes" => QUOTES,
        "events" => EVENTS,
        "places" => PLACES,
        "claims" => CLAIMS,
        _ => &[],
    }
}

/// The element field of `array<string>` columns (the Parquet LIST convention's name).
fn list_item() -> Arc<Field> {
    Arc::new(Field::new("element", DataType::Utf8, true))
}

pub(crate) fn data_type(t: Ty) -> DataType {
    match t {
        Str => DataType::Utf8,
        Int => DataType::Int32,
        Long => DataType::Int64,
        Double => DataType::Float64,
        Ts => DataType::Timestamp(arrow_schema::TimeUnit::Microsecond, Some("UTC".into())),
        StrList => DataType::List(list_item()),
    }
}

/// The Arrow schema of a table's files: every column nullable, as Spark writes them.
pub(crate) fn arrow_schema(table: &str) -> Arc<Schema> {
    Arc::new(Schema::new(
        columns(table)
            .iter()
            .map(|&(n, t)| Field::new(n, data_type(t), true))
            .collect::<Vec<_>>(),
    ))
}

/// A Parquet or Arrow error, with the file it came from.
pub(crate) fn pq_err(path: &std::path::Path, e: impl std::fmt::Display) -> StoreError {
    StoreError::Parquet(format!("{}: {e}", path.display()))
}

/// The `date` partition of a document: the first ten characters of `published` when they are
/// a `YYYY-MM-DD` date, else `unknown` (as the Spark job computes it).
pub fn partition_date(published: Option<&str>) -> String {
    let Some(p) = published else {
        return UNKNOWN_DATE.to_string();
    };
    let b = p.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let is_date = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10);
    match p.get(..10) {
        Some(d) if is_date => d.to_string(),
        _ => UNKNOWN_DATE.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_dates() {
        assert_eq!(
            partition_date(Some("2015-09-01T12:51:00+05:30")),
            "2015-09-01"
        );
        assert_eq!(partition_date(Some("2015-09-01")), "2015-09-01");
        assert_eq!(partition_date(Some("2015-9-01")), "unknown");
        assert_eq!(partition_date(Some("")), "unknown");
        assert_eq!(partition_date(None), "unknown");
    }

    #[test]
    fn every_table_has_a_schema() {
        for t in TABLES {
            assert!(!columns(t).is_empty(), "{t}");
            assert_eq!(arrow_schema(t).fields().len(), columns(t).len());
        }
    }
}
