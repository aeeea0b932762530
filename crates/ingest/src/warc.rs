//! A streaming WARC reader: yields the HTML of `response` (and `resource`) records one at a time.
//! Works on plain and gzipped WARC (read through a multi-member gzip decoder by the caller).
use crate::{decode_html, IngestError, MAX_DOC_BYTES};
use dateline_core::{SourceFormat, SourceRecord};
use std::io::{BufRead, Read};

/// A WARC record's headers (lower-cased names) and its content block.
type Block = (Vec<(String, String)>, Vec<u8>);

pub struct WarcRecords<R: BufRead> {
    reader: R,
    name: String,
    done: bool,
    n: usize,
}

impl<R: BufRead> WarcRecords<R> {
    pub fn new(reader: R, name: impl Into<String>) -> Self {
        WarcRecords {
            reader,
            name: name.into(),
            done: false,
            n: 0,
        }
    }

    fn truncated(&mut self, what: &str) -> IngestError {
        self.done = true;
        IngestError::Truncated {
            origin: format!("{}#{}", self.name, self.n),
            message: what.to_string(),
        }
    }

    fn read_line(&mut self, buf: &mut Vec<u8>) -> Result<usize, IngestError> {
        buf.clear();
        let n = (&mut self.reader)
            .take(64 * 1024)
            .read_until(b'\n', buf)
            .map_err(|e| self.truncated(&e.to_string()))?;
        Ok(n)
    }

    /// The next record of any type: (headers, block), or None at a clean end.
    fn next_block(&mut self) -> Option<Result<Block, IngestError>> {
        let mut line = Vec::new();
        // skip the blank lines between records
        loop {
            match self.read_line(&mut line) {
                Err(e) => return Some(Err(e)),
                Ok(0) => return None,
                Ok(_) if line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(_) => break,
            }
        }
        if !line.starts_with(b"WARC/") {
            self.done = true;
            return Some(Err(IngestError::Format {
                origin: format!("{}#{}", self.name, self.n),
                message: "not a WARC record header".into(),
            }));
        }
        let mut headers = Vec::new();
        loop {
            match self.read_line(&mut line) {
                Err(e) => return Some(Err(e)),
                Ok(0) => return Some(Err(self.truncated("WARC header cut short"))),
                Ok(_) => {
                    let l = String::from_utf8_lossy(&line);
                    let l = l.trim_end();
                    if l.is_empty() {
                        break;
                    }
                    if let Some((k, v)) = l.split_once(':') {
                        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
                    }
                    if headers.len() > 1000 {
                        return Some(Err(self.truncated("too many WARC headers")));
                    }
                }
            }
        }
        let len: u64 = match header(&headers, "content-length").and_then(|v| v.parse().ok()) {
            Some(l) => l,
            None => {
                self.done = true;
                return Some(Err(IngestError::Format {
                    origin: format!("{}#{}", self.name, self.n),
                    message: "WARC record without Content-Length".into(),
                }));
            }
        };
        if len > MAX_DOC_BYTES as u64 {
            // skip it without holding it in memory
            return match std::io::copy(&mut (&mut self.reader).take(len), &mut std::io::sink()) {
                Ok(n) if n == len => Some(Err(IngestError::TooLarge {
                    origin: format!("{}#{}", self.name, self.n),
                    size: len,
                })),
                Ok(_) => Some(Err(self.truncated("WARC record body cut short"))),
                Err(e) => Some(Err(self.truncated(&e.to_string()))),
            };
        }
        let mut block = Vec::with_capacity(len.min(1 << 20) as usize);
        match (&mut self.reader).take(len).read_to_end(&mut block) {
            Ok(n) if n as u64 == len => Some(Ok((headers, block))),
            Ok(_) => Some(Err(self.truncated("WARC record body cut short"))),
            Err(e) => Some(Err(self.truncated(&e.to_string()))),
        }
    }
}

fn header<'a>(h: &'a [(String, String)], k: &str) -> Option<&'a str> {
    h.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

/// Splits an HTTP response into (content type, body), undoing chunked transfer encoding and
/// gzip/deflate content encoding.
pub fn http_payload(block: &[u8]) -> Result<(Option<String>, Vec<u8>), String> {
    let split = memchr::memmem::find(block, b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| memchr::memmem::find(block, b"\n\n").map(|i| (i, i + 2)))
        .ok_or("HTTP response without a header end")?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let body = &block[split.1..];
    let mut ctype = None;
    let mut chunked = false;
    let mut encoding = None;
    for l in head.lines().skip(1) {
        if let Some((k, v)) = l.split_once(':') {
            let k = k.trim().to_ascii_lowercase();
            let v = v.trim();
            match k.as_str() {
                "content-type" => ctype = Some(v.to_string()),
                "transfer-encoding" => chunked = v.eq_ignore_ascii_case("chunked"),
                "content-encoding" => encoding = Some(v.to_ascii_lowercase()),
                _ => {}
            }
        }
    }
    let mut body = if chunked {
        dechunk(body)
    } else {
        body.to_vec()
    };
    match encoding.as_deref() {
        Some("gzip" | "x-gzip") => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(MAX_DOC_BYTES as u64)
                .read_to_end(&mut out)
                .map_err(|e| format!("bad gzip body: {e}"))?;
            body = out;
        }
        Some("deflate") => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .take(MAX_DOC_BYTES as u64)
                .read_to_end(&mut out)
                .map_err(|e| format!("bad deflate body: {e}"))?;
            body = out;
        }
        _ => {}
    }
    Ok((ctype, body))
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    while let Some(nl) = memchr::memchr(b'\n', b) {
        let size_line = String::from_utf8_lossy(&b[..nl]);
        let hex = size_line.trim().split(';').next().unwrap_or("");
        let Ok(size) = usize::from_str_radix(hex, 16) else {
            // not chunked after all
            out.extend_from_slice(b);
            break;
        };
        b = &b[nl + 1..];
        if size == 0 {
            break;
        }
        let take = size.min(b.len());
        out.extend_from_slice(&b[..take]);
        b = &b[take..];
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
    }
    out
}

impl<R: BufRead> Iterator for WarcRecords<R> {
    type Item = Result<SourceRecord, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let (headers, block) = match self.next_block()? {
                Ok(x) => x,
                Err(e) => return Some(Err(e)),
            };
            self.n += 1;
            let typ = header(&headers, "warc-type")
                .unwrap_or("")
                .to_ascii_lowercase();
            let ctype = header(&headers, "content-type")
                .unwrap_or("")
                .to_ascii_lowercase();
            let id = header(&headers, "warc-record-id")
                .map(|s| s.trim_matches(['<', '>']).to_string())
                .unwrap_or_else(|| format!("{}#{}", self.name, self.n));
            let url =
                header(&headers, "warc-target-uri").map(|s| s.trim_matches(['<', '>']).to_string());
            let origin = format!("{}#{}", self.name, self.n);
            let (payload_type, payload) = match typ.as_str() {
                "response" if ctype.contains("application/http") => match http_payload(&block) {
                    Ok(x) => x,
                    Err(message) => return Some(Err(IngestError::Format { origin, message })),
                },
                "resource" => (Some(ctype.clone()), block),
                _ => continue,
            };
            let pt = payload_type.unwrap_or_default().to_ascii_lowercase();
            if !(pt.is_empty() || pt.contains("html")) {
                continue;
            }
            let html = match decode_html(&payload, Some(&pt)) {
                Ok(h) => h,
                Err(e) => return Some(Err(e.with_origin(&origin))),
            };
            if html.trim().is_empty() {
                continue;
            }
            return Some(Ok(SourceRecord {
                id,
                format: SourceFormat::Warc,
                origin: Some(origin),
                url,
                // WARC-Date is the crawl time, not the publication time: not used as a hint
                html: Some(html),
                ..Default::default()
            }));
        }
        None
    }
}
