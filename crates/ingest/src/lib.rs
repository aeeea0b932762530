//! Ingest: turns files, directories, stdin and URLs into [`SourceRecord`]s.
use dateline_core::{SourceFormat, SourceRecord};
use serde::Deserialize;

mod detect;
pub mod feed;
pub mod http;
mod reader;
pub mod warc;

pub use detect::{decode_html, detect_format, Detected};

/// Largest single document (a text or HTML file, a WARC record, a fetched page) ingest reads.
pub const MAX_DOC_BYTES: usize = 64 << 20;

/// Why one input (or one record of it) could not be read. The run goes on with the next one.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("line {line}: invalid JSON: {message}")]
    BadJson { line: usize, message: String },
    #[error("line {line}: record has neither `text` nor `html`")]
    NoBody { line: usize },
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("{origin}: {source}")]
    Read {
        origin: String,
        source: std::io::Error,
    },
    #[error("{origin}: empty input")]
    Empty { origin: String },
    #[error("{origin}: binary data, not text, HTML, JSONL, WARC or a feed")]
    Binary { origin: String },
    #[error("{origin}: invalid UTF-8 at byte {at}")]
    InvalidUtf8 { origin: String, at: usize },
    #[error("{origin}: input too large ({size} bytes; the limit is {MAX_DOC_BYTES})")]
    TooLarge { origin: String, size: u64 },
    #[error("{origin}: truncated input: {message}")]
    Truncated { origin: String, message: String },
    #[error("{origin}: {message}")]
    Format { origin: String, message: String },
    #[error("{origin}: {message}")]
    Http { origin: String, message: String },
}

impl IngestError {
    /// Where the failed record came from (a path, `path#n`, a URL), for the error record's id.
    pub fn origin(&self) -> Option<&str> {
        match self {
            IngestError::BadJson { .. } | IngestError::NoBody { .. } | IngestError::Io(_) => None,
            IngestError::Read { origin, .. }
            | IngestError::Empty { origin }
            | IngestError::Binary { origin }
            | IngestError::InvalidUtf8 { origin, .. }
            | IngestError::TooLarge { origin, .. }
            | IngestError::Truncated { origin, .. }
            | IngestError::Format { origin, .. }
            | IngestError::Http { origin, .. } => Some(origin),
        }
    }

    pub(crate) fn with_origin(self, o: &str) -> Self {
        match self {
            IngestError::InvalidUtf8 { at, .. } => IngestError::InvalidUtf8 {
                origin: o.to_string(),
                at,
            },
            IngestError::Binary { .. } => IngestError::Binary {
                origin: o.to_string(),
            },
            IngestError::Empty { .. } => IngestError::Empty {
                origin: o.to_string(),
            },
            other => other,
        }
    }
}

#[derive(Deserialize)]
struct JsonlIn {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    html: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    published: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    authors: Option<Vec<String>>,
}

fn value_to_string(v: serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::Null => None,
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

/// Parses one JSONL line `{id, text|html, url?, title?, published?}` (line numbers from 1).
///
/// On error the returned id (when the JSON had one) lets the caller still echo it.
pub fn parse_jsonl_record(
    line: &str,
    line_no: usize,
) -> Result<SourceRecord, (Option<String>, IngestError)> {
    let r: JsonlIn = serde_json::from_str(line).map_err(|e| {
        // best effort: recover the id from a record that is otherwise bad
        let id = serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v.get("id").cloned())
            .and_then(value_to_string);
        (
            id,
            IngestError::BadJson {
                line: line_no,
                message: e.to_string(),
            },
        )
    })?;
    let id =
        r.id.and_then(value_to_string)
            .unwrap_or_else(|| format!("line-{line_no}"));
    if r.text.is_none() && r.html.is_none() {
        return Err((Some(id), IngestError::NoBody { line: line_no }));
    }
    let format = if r.html.is_some() {
        SourceFormat::Html
    } else {
        SourceFormat::Text
    };
    Ok(SourceRecord {
        id,
        format,
        origin: Some(format!("line {line_no}")),
        url: r.url,
        title: r.title,
        published: r.published.or(r.date).and_then(value_to_string),
        authors: r.authors.unwrap_or_default(),
        text: r.text,
        html: r.html,
    })
}

/// Reads every input named in `inputs` (files, directories recursively, `-` for stdin,
/// `http(s)://` URLs), detecting the format, and yields one record (or one per-record error) at
/// a time. Memory stays bounded: files are streamed record by record.
pub fn read_inputs(
    inputs: &[String],
) -> Box<dyn Iterator<Item = Result<SourceRecord, IngestError>> + Send> {
    Box::new(reader::Inputs::new(inputs))
}

/// Reads the records of one input held in memory (format detected from the bytes and `name`).
pub fn read_bytes(
    bytes: Vec<u8>,
    name: &str,
) -> Box<dyn Iterator<Item = Result<SourceRecord, IngestError>> + Send> {
    reader::records_from_bytes(bytes, name.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_record_fields() {
        let r = parse_jsonl_record(r#"{"id": 7, "text": "Hi.", "published": "2015-09-01"}"#, 1)
            .unwrap();
        assert_eq!(r.id, "7");
        assert_eq!(r.published.as_deref(), Some("2015-09-01"));
        assert_eq!(r.format, SourceFormat::Text);
    }

    proptest::proptest! {
        /// Any line gives a record or an error, never a panic; ids and text round-trip.
        #[test]
        fn jsonl_reader_never_panics(line in ".{0,200}") {
            let _ = parse_jsonl_record(&line, 1);
        }

        #[test]
        fn jsonl_round_trips(id in "[a-z0-9]{1,10}", text in "\\PC{0,100}") {
            let line = serde_json::json!({"id": id, "text": text}).to_string();
            let r = parse_jsonl_record(&line, 1).unwrap();
            proptest::prop_assert_eq!(r.id, id);
            proptest::prop_assert_eq!(r.text.as_deref(), Some(text.as_str()));
        }

        #[test]
        fn any_bytes_read_without_panic(data in proptest::collection::vec(proptest::num::u8::ANY, 0..300)) {
            for r in read_bytes(data, "p") {
                let _ = r;
            }
        }
    }

    #[test]
    fn bad_json_keeps_line_number() {
        let (id, e) = parse_jsonl_record("{not json", 3).unwrap_err();
        assert!(id.is_none());
        assert!(e.to_string().starts_with("line 3"));
        let (id, _) = parse_jsonl_record(r#"{"id": "a"}"#, 4).unwrap_err();
        assert_eq!(id.as_deref(), Some("a"));
    }
}
