//! Format detection from the first bytes (and the name as a tie-breaker), and decoding of HTML
//! in its declared character set.
use crate::IngestError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detected {
    Gzip,
    Warc,
    Jsonl,
    Feed,
    Html,
    Text,
    Binary,
    Empty,
}

/// Detects the format of an input from its first bytes (`head`, a few KB) and its name.
pub fn detect_format(head: &[u8], name: &str) -> Detected {
    if head.is_empty() {
        return Detected::Empty;
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Detected::Gzip;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let t = &head[start..];
    if t.is_empty() {
        return Detected::Empty;
    }
    if t.starts_with(b"WARC/") {
        return Detected::Warc;
    }
    let probe = &head[..head.len().min(8192)];
    if probe.contains(&0) || is_binary(probe) {
        return Detected::Binary;
    }
    let lname = name.to_ascii_lowercase();
    let lname = lname.trim_end_matches(".gz");
    if t.starts_with(b"{")
        && (lname.ends_with(".jsonl")
            || lname.ends_with(".ndjson")
            || lname.ends_with(".json")
            || !lname.contains('.')
            || lname == "-")
    {
        return Detected::Jsonl;
    }
    let lower: Vec<u8> = t[..t.len().min(2048)].to_ascii_lowercase();
    let has = |n: &[u8]| memchr::memmem::find(&lower, n).is_some();
    if t.starts_with(b"<") {
        if (has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf")) && !has(b"<html") {
            return Detected::Feed;
        }
        if has(b"<html")
            || has(b"<!doctype html")
            || has(b"<head")
            || has(b"<body")
            || has(b"<div")
            || has(b"<p")
            || has(b"<article")
            || has(b"<meta")
        {
            return Detected::Html;
        }
    }
    if lname.ends_with(".html") || lname.ends_with(".htm") || lname.ends_with(".xhtml") {
        return Detected::Html;
    }
    if lname.ends_with(".rss")
        || lname.ends_with(".atom")
        || (lname.ends_with(".xml") && (has(b"<rss") || has(b"<feed")))
    {
        return Detected::Feed;
    }
    if t.starts_with(b"{") && lname.ends_with(".txt") {
        return Detected::Text;
    }
    if t.starts_with(b"{") {
        return Detected::Jsonl;
    }
    Detected::Text
}

/// Many control characters (other than tab, CR, LF, FF, ESC) mean binary data.
fn is_binary(b: &[u8]) -> bool {
    let ctrl = b
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    ctrl * 100 > b.len().max(1)
}

/// The `charset=` of a Content-Type value or a `<meta>` tag near the start of a page.
fn charset_in(s: &[u8]) -> Option<String> {
    let lower = s.to_ascii_lowercase();
    let i = memchr::memmem::find(&lower, b"charset=")? + 8;
    let rest = &lower[i..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|c| !(c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')))
        .unwrap_or(rest.len());
    let cs = String::from_utf8_lossy(&rest[..end]).to_string();
    (!cs.is_empty()).then_some(cs)
}

/// Decodes an HTML page: UTF-8 when it is valid, else the charset the headers or the page
/// declare, else windows-1252 (the web's default).
pub fn decode_html(bytes: &[u8], content_type: Option<&str>) -> Result<String, IngestError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let declared = content_type
        .and_then(|c| charset_in(c.as_bytes()))
        .or_else(|| charset_in(&bytes[..bytes.len().min(4096)]));
    let enc = declared
        .as_deref()
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            if bytes[..bytes.len().min(8192)].contains(&0) {
                return Err(IngestError::Binary {
                    origin: String::new(),
                });
            }
            match enc {
                Some(enc) if enc != encoding_rs::UTF_8 => Ok(enc.decode(bytes).0.into_owned()),
                Some(_) => Err(IngestError::InvalidUtf8 {
                    origin: String::new(),
                    at: e.valid_up_to(),
                }),
                None => Ok(encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_formats() {
        assert_eq!(detect_format(b"WARC/1.0\r\n", "x.warc"), Detected::Warc);
        assert_eq!(detect_format(b"{\"id\":1}\n", "a.jsonl"), Detected::Jsonl);
        assert_eq!(
            detect_format(b"<?xml version=\"1.0\"?><rss>", "f"),
            Detected::Feed
        );
        assert_eq!(detect_format(b"<!DOCTYPE html><html>", "p"), Detected::Html);
        assert_eq!(detect_format(b"Hello world.", "a.txt"), Detected::Text);
        assert_eq!(detect_format(b"\x00\x01\x02ELF", "a.bin"), Detected::Binary);
        assert_eq!(detect_format(b"", "a.txt"), Detected::Empty);
        assert_eq!(detect_format(b"  \n ", "a.txt"), Detected::Empty);
        assert_eq!(detect_format(&[0x1f, 0x8b, 8], "a.gz"), Detected::Gzip);
    }

    #[test]
    fn decodes_declared_charsets() {
        let latin1 = b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>";
        assert!(decode_html(latin1, None).unwrap().contains("café"));
        assert!(decode_html(b"<p>caf\xe9</p>", Some("text/html; charset=utf-8")).is_err());
    }
}
