//! Ingest: turns files, directories, stdin and URLs into [`SourceRecord`]s.
use dateline_core::{SourceFormat, SourceRecord};
use serde::Deserialize;

#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("line {line}: invalid JSON: {message}")]
    BadJson { line: usize, message: String },
    #[error("line {line}: record has neither `text` nor `html`")]
    NoBody { line: usize },
    #[error("{0}")]
    Io(#[from] std::io::Error),
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

/// Reads every input named in `inputs` (files, directories recursively, `-` for stdin; later
/// also URLs), detecting the format, and yields one record (or one per-record error) at a time.
///
/// Placeholder: only JSONL and plain-text files so far; the foundation issue completes it.
pub fn read_inputs(
    inputs: &[String],
) -> Box<dyn Iterator<Item = Result<SourceRecord, IngestError>> + Send> {
    let mut out: Vec<Result<SourceRecord, IngestError>> = Vec::new();
    for path in inputs {
        match read_file(path) {
            Err(e) => out.push(Err(IngestError::Io(e))),
            Ok(s) if path.ends_with(".jsonl") || path.ends_with(".jsonl.gz") => {
                for (i, line) in s.lines().enumerate() {
                    if line.trim().is_empty() {
                        continue;
                    }
                    out.push(parse_jsonl_record(line, i + 1).map_err(|(_, e)| e));
                }
            }
            Ok(s) => out.push(Ok(SourceRecord {
                id: path.clone(),
                format: SourceFormat::Text,
                origin: Some(path.clone()),
                text: Some(s),
                ..Default::default()
            })),
        }
    }
    Box::new(out.into_iter())
}

/// A file's text, gunzipped when its name ends in `.gz`.
fn read_file(path: &str) -> std::io::Result<String> {
    if path.ends_with(".gz") {
        use std::io::Read;
        let f = std::fs::File::open(path)?;
        let mut s = String::new();
        flate2::read::MultiGzDecoder::new(std::io::BufReader::new(f)).read_to_string(&mut s)?;
        Ok(s)
    } else {
        std::fs::read_to_string(path)
    }
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

    #[test]
    fn bad_json_keeps_line_number() {
        let (id, e) = parse_jsonl_record("{not json", 3).unwrap_err();
        assert!(id.is_none());
        assert!(e.to_string().starts_with("line 3"));
        let (id, _) = parse_jsonl_record(r#"{"id": "a"}"#, 4).unwrap_err();
        assert_eq!(id.as_deref(), Some("a"));
    }
}
