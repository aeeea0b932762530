//! The streaming input iterator behind [`crate::read_inputs`].
use crate::detect::{decode_html, detect_format, Detected};
use crate::warc::WarcRecords;
use crate::{feed, http, parse_jsonl_record, IngestError, MAX_DOC_BYTES};
use dateline_core::{SourceFormat, SourceRecord};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;

type Records = Box<dyn Iterator<Item = Result<SourceRecord, IngestError>> + Send>;

enum Pending {
    Path(PathBuf),
    Stdin,
    Url(String),
}

pub struct Inputs {
    queue: VecDeque<Pending>,
    current: Option<Records>,
}

impl Inputs {
    pub fn new(inputs: &[String]) -> Self {
        let queue = inputs
            .iter()
            .map(|s| {
                if s == "-" {
                    Pending::Stdin
                } else if s.starts_with("http://") || s.starts_with("https://") {
                    Pending::Url(s.clone())
                } else {
                    Pending::Path(PathBuf::from(s))
                }
            })
            .collect();
        Inputs {
            queue,
            current: None,
        }
    }
}

impl Iterator for Inputs {
    type Item = Result<SourceRecord, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(cur) = &mut self.current {
                if let Some(r) = cur.next() {
                    return Some(r);
                }
                self.current = None;
            }
            match self.queue.pop_front()? {
                Pending::Stdin => {
                    self.current =
                        Some(records_from_reader(Box::new(std::io::stdin()), "-".into()));
                }
                Pending::Url(u) => match http::fetch(&u) {
                    Ok((ctype, body)) => {
                        self.current = Some(records_from_bytes(body, u, ctype.as_deref()));
                    }
                    Err(e) => return Some(Err(e)),
                },
                Pending::Path(p) => {
                    let name = p.display().to_string();
                    if p.is_dir() {
                        match std::fs::read_dir(&p) {
                            Ok(rd) => {
                                let mut entries: Vec<PathBuf> =
                                    rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                                entries.sort();
                                for e in entries.into_iter().rev() {
                                    let hidden = e
                                        .file_name()
                                        .and_then(|n| n.to_str())
                                        .is_some_and(|n| n.starts_with('.'));
                                    if !hidden {
                                        self.queue.push_front(Pending::Path(e));
                                    }
                                }
                            }
                            Err(source) => {
                                return Some(Err(IngestError::Read {
                                    origin: name,
                                    source,
                                }))
                            }
                        }
                        continue;
                    }
                    match std::fs::File::open(&p) {
                        Ok(f) => self.current = Some(records_from_reader(Box::new(f), name)),
                        Err(source) => {
                            return Some(Err(IngestError::Read {
                                origin: name,
                                source,
                            }))
                        }
                    }
                }
            }
        }
    }
}

fn once(r: Result<SourceRecord, IngestError>) -> Records {
    Box::new(std::iter::once(r))
}

/// Detects the format of a stream and yields its records, streaming where the format allows.
pub(crate) fn records_from_reader(r: Box<dyn Read + Send>, name: String) -> Records {
    let mut br = BufReader::with_capacity(1 << 16, r);
    let head = match br.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(source) => {
            return once(Err(IngestError::Read {
                origin: name,
                source,
            }))
        }
    };
    match detect_format(&head, &name) {
        Detected::Gzip => {
            let gz = flate2::read::MultiGzDecoder::new(br);
            let inner = name.trim_end_matches(".gz").to_string();
            records_from_reader(Box::new(gz), inner)
        }
        Detected::Warc => Box::new(WarcRecords::new(br, name)),
        Detected::Jsonl => Box::new(JsonlRecords {
            reader: br,
            name,
            line: 0,
            done: false,
        }),
        _ => {
            let mut buf = Vec::new();
            match br.take(MAX_DOC_BYTES as u64 + 1).read_to_end(&mut buf) {
                Ok(_) if buf.len() > MAX_DOC_BYTES => once(Err(IngestError::TooLarge {
                    origin: name,
                    size: buf.len() as u64,
                })),
                Ok(_) => records_from_bytes(buf, name, None),
                Err(e)
                    if e.kind() == std::io::ErrorKind::UnexpectedEof
                        || e.kind() == std::io::ErrorKind::InvalidInput
                        || e.kind() == std::io::ErrorKind::InvalidData =>
                {
                    once(Err(IngestError::Truncated {
                        origin: name,
                        message: e.to_string(),
                    }))
                }
                Err(source) => once(Err(IngestError::Read {
                    origin: name,
                    source,
                })),
            }
        }
    }
}

/// Records of a document held in memory (a small file, a fetched page).
pub(crate) fn records_from_bytes(buf: Vec<u8>, name: String, ctype: Option<&str>) -> Records {
    let mut kind = detect_format(&buf, &name);
    if let Some(ct) = ctype.map(str::to_ascii_lowercase) {
        if (ct.contains("rss") || ct.contains("atom")) && kind != Detected::Binary {
            kind = Detected::Feed;
        } else if ct.contains("html") && matches!(kind, Detected::Text) {
            kind = Detected::Html;
        }
    }
    match kind {
        Detected::Empty => once(Err(IngestError::Empty { origin: name })),
        Detected::Binary => once(Err(IngestError::Binary { origin: name })),
        Detected::Gzip | Detected::Warc | Detected::Jsonl => {
            records_from_reader(Box::new(std::io::Cursor::new(buf)), name)
        }
        Detected::Feed => match feed::feed_records(&buf, &name) {
            Ok(v) if v.is_empty() => once(Err(IngestError::Empty { origin: name })),
            Ok(v) => Box::new(v.into_iter().map(Ok)),
            Err(e) => once(Err(e)),
        },
        Detected::Html => {
            let r = decode_html(&buf, ctype).map_err(|e| e.with_origin(&name));
            once(r.map(|html| {
                let url = name.starts_with("http").then(|| name.clone());
                SourceRecord {
                    id: name.clone(),
                    format: SourceFormat::Html,
                    origin: Some(name),
                    url,
                    html: Some(html),
                    ..Default::default()
                }
            }))
        }
        Detected::Text => {
            let r = match String::from_utf8(buf) {
                Ok(s) => Ok(SourceRecord {
                    id: name.clone(),
                    format: SourceFormat::Text,
                    origin: Some(name.clone()),
                    url: name.starts_with("http").then(|| name.clone()),
                    text: Some(s.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(s)),
                    ..Default::default()
                }),
                Err(e) => Err(IngestError::InvalidUtf8 {
                    origin: name,
                    at: e.utf8_error().valid_up_to(),
                }),
            };
            once(r)
        }
    }
}

/// JSON Lines, one record per line, read lazily.
struct JsonlRecords<R: BufRead> {
    reader: R,
    name: String,
    line: usize,
    done: bool,
}

impl<R: BufRead + Send> Iterator for JsonlRecords<R> {
    type Item = Result<SourceRecord, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        while !self.done {
            buf.clear();
            let n = match (&mut self.reader)
                .take(MAX_DOC_BYTES as u64 + 1)
                .read_until(b'\n', &mut buf)
            {
                Ok(n) => n,
                Err(e) => {
                    self.done = true;
                    return Some(Err(IngestError::Truncated {
                        origin: format!("{}:{}", self.name, self.line + 1),
                        message: e.to_string(),
                    }));
                }
            };
            if n == 0 {
                return None;
            }
            self.line += 1;
            let origin = format!("{}:{}", self.name, self.line);
            if buf.len() > MAX_DOC_BYTES {
                // skip the rest of this line
                let mut sink = Vec::new();
                while let Ok(k) = (&mut self.reader)
                    .take(1 << 20)
                    .read_until(b'\n', &mut sink)
                {
                    if k == 0 || sink.ends_with(b"\n") {
                        break;
                    }
                    sink.clear();
                }
                return Some(Err(IngestError::TooLarge {
                    origin,
                    size: buf.len() as u64,
                }));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let s = match std::str::from_utf8(&buf) {
                Ok(s) => s,
                Err(e) => {
                    return Some(Err(IngestError::InvalidUtf8 {
                        origin,
                        at: e.valid_up_to(),
                    }))
                }
            };
            return Some(
                parse_jsonl_record(s.trim(), self.line)
                    .map(|mut r| {
                        r.origin = Some(origin);
                        r.format = if r.html.is_some() {
                            SourceFormat::Html
                        } else {
                            SourceFormat::Text
                        };
                        r
                    })
                    .map_err(|(_, e)| e),
            );
        }
        None
    }
}
