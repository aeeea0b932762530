//! The query API: plain functions on [`Store`] that the CLI, the HTTP API and the web UI call.
use crate::actors::normalise;
use crate::query::{Kind, Query};
use crate::{Result, Store, StoreError};
use dateline_core::Document;
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension, Row};
use serde::Serialize;
use std::collections::HashMap;

/// Highest page size.
pub const MAX_LIMIT: usize = 1000;
const HL_OPEN: char = '\u{2}';
const HL_CLOSE: char = '\u{3}';

/// One page request: up to `limit` results after `cursor` (from the previous page).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    pub limit: usize,
    pub(crate) offset: usize,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: 20,
            offset: 0,
        }
    }
}

impl Page {
    /// Validates a page size (1..=1000) and an opaque cursor from a previous page.
    pub fn new(limit: Option<i64>, cursor: Option<&str>) -> Result<Page> {
        let limit = match limit {
            None => 20,
            Some(l) if (1..=MAX_LIMIT as i64).contains(&l) => l as usize,
            Some(l) => {
                return Err(StoreError::BadParam(format!(
                    "limit {l}: must be between 1 and {MAX_LIMIT}"
                )))
            }
        };
        let offset = match cursor.filter(|c| !c.is_empty()) {
            None => 0,
            Some(c) => c
                .strip_prefix("o")
                .and_then(|n| usize::from_str_radix(n, 16).ok())
                .filter(|n| *n <= 1 << 40)
                .ok_or_else(|| StoreError::BadParam(format!("cursor {c:?} is not valid")))?,
        };
        Ok(Page { limit, offset })
    }

    pub(crate) fn next(&self, got: usize) -> Option<String> {
        (got > self.limit).then(|| format!("o{:x}", self.offset + self.limit))
    }
}

/// A snippet of text with highlighted ranges (code points into `text`, end-exclusive).
#[derive(Debug, Clone, Serialize, PartialEq, Eq, Default)]
pub struct Snippet {
    pub text: String,
    pub highlights: Vec<[usize; 2]>,
}

impl Snippet {
    fn from_marked(s: &str) -> Snippet {
        let mut text = String::with_capacity(s.len());
        let mut highlights = Vec::new();
        let mut n = 0usize;
        let mut open = None;
        let mut space = false;
        for c in s.trim().chars() {
            match c {
                HL_OPEN => open = Some(n),
                HL_CLOSE => {
                    if let Some(o) = open.take() {
                        highlights.push([o, n]);
                    }
                }
                // runs of whitespace (hard-wrapped wire copy) become one space
                c if c.is_whitespace() => space = true,
                c => {
                    if space && n > 0 {
                        text.push(' ');
                        n += 1;
                        if let Some(o) = open.as_mut().filter(|o| **o == n - 1) {
                            *o = n;
                        }
                    }
                    space = false;
                    text.push(c);
                    n += 1;
                }
            }
        }
        Snippet { text, highlights }
    }

    fn plain(s: &str, max_chars: usize) -> Snippet {
        let mut text: String = s.chars().take(max_chars).collect();
        if s.chars().nth(max_chars).is_some() {
            text.push('…');
        }
        Snippet {
            text: text.split_whitespace().collect::<Vec<_>>().join(" "),
            highlights: Vec::new(),
        }
    }

    /// The snippet with highlights wrapped in `open`/`close` (for terminals and plain text).
    pub fn render(&self, open: &str, close: &str) -> String {
        let mut out = String::new();
        for (i, c) in self.text.chars().enumerate() {
            if self.highlights.iter().any(|h| h[0] == i) {
                out.push_str(open);
            }
            out.push(c);
            if self.highlights.iter().any(|h| h[1] == i + 1) {
                out.push_str(close);
            }
        }
        out
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DocHit {
    pub id: i64,
    pub ext_id: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    /// BM25 score (lower is better), when the query had free text.
    pub score: Option<f64>,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, Serialize)]
pub struct QuoteHit {
    pub id: i64,
    pub doc: i64,
    pub doc_title: Option<String>,
    pub published: Option<String>,
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub kind: String,
    pub cue: Option<String>,
    pub speaker: Option<String>,
    pub speaker_name: Option<String>,
    pub actor: Option<i64>,
    pub snippet: Snippet,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventActorRef {
    pub text: String,
    pub code: String,
    pub actor: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventPlace {
    pub name: String,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub country: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EventHit {
    pub id: i64,
    pub doc: i64,
    pub doc_title: Option<String>,
    pub date: Option<String>,
    pub source: EventActorRef,
    pub target: Option<EventActorRef>,
    pub cameo: String,
    pub plover: Option<String>,
    pub goldstein: Option<f64>,
    pub quad_class: Option<i64>,
    pub start: i64,
    pub end: i64,
    pub sentence: String,
    pub place: Option<EventPlace>,
}

/// One search result.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Hit {
    Document(DocHit),
    Quote(QuoteHit),
    Event(EventHit),
}

#[derive(Debug, Clone, Serialize)]
pub struct SearchResults {
    pub kind: Kind,
    pub hits: Vec<Hit>,
    /// Pass back as `cursor` for the next page; absent on the last page.
    pub next_cursor: Option<String>,
}

/// A document with all its annotations (code-point spans), as stored.
#[derive(Debug, Clone, Serialize)]
pub struct StoredDocument {
    pub id: i64,
    pub ext_id: String,
    /// The first copy, when this document is a near-duplicate wire copy.
    pub duplicate_of: Option<i64>,
    /// Near-duplicate copies linked to this document.
    pub copies: Vec<i64>,
    /// Corpus actors named in the document, with their document-local ids.
    pub actors: Vec<DocActor>,
    pub ingested_at: String,
    pub document: Document,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocActor {
    pub actor: i64,
    pub name: String,
    pub local_id: Option<String>,
    pub mentions: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorSummary {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub code: Option<String>,
    pub country: Option<String>,
    pub titles: Vec<String>,
    pub documents: i64,
    pub quotes: i64,
    pub events: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct CoActor {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub code: Option<String>,
    /// Documents both are named in.
    pub documents: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActorDetail {
    pub actor: ActorSummary,
    pub quotes: Vec<QuoteHit>,
    pub events: Vec<EventHit>,
    pub co_actors: Vec<CoActor>,
}

/// Timeline bucket size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    Day,
    /// ISO weeks, labelled by their Monday.
    Week,
}

impl Bucket {
    pub fn parse(s: &str) -> Result<Bucket> {
        match s {
            "day" => Ok(Bucket::Day),
            "week" => Ok(Bucket::Week),
            o => Err(StoreError::BadParam(format!(
                "bucket {o:?}: expected day or week"
            ))),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct TimelinePoint {
    /// `YYYY-MM-DD`: the day, or the Monday of the week.
    pub date: String,
    pub events: i64,
    pub goldstein_mean: Option<f64>,
    /// Events per quad class 1..4 (verbal coop., material coop., verbal conflict, material conflict).
    pub quad_class: [i64; 4],
}

#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    pub source: i64,
    pub source_name: String,
    pub target: i64,
    pub target_name: String,
    /// Coded events between the two (either direction).
    pub events: i64,
    /// Documents naming both.
    pub comentions: i64,
    /// `2 × events + comentions`.
    pub weight: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimRef {
    pub id: i64,
    pub doc: i64,
    pub text: String,
    pub claimant: Option<String>,
    pub polarity: String,
    pub modality: String,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimCluster {
    pub cluster: i64,
    pub claims: Vec<ClaimRef>,
    pub positive: i64,
    pub negative: i64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClaimsPage {
    pub clusters: Vec<ClaimCluster>,
    pub next_cursor: Option<String>,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Stats {
    pub documents: i64,
    pub near_duplicates: i64,
    pub bytes: i64,
    pub entities: i64,
    pub quotes: i64,
    pub actors: i64,
    pub events: i64,
    pub places: i64,
    pub claims: i64,
}

/// SQL conditions and their parameters.
#[derive(Default)]
struct Conds {
    sql: Vec<String>,
    params: Vec<Value>,
}

impl Conds {
    fn push(&mut self, sql: impl Into<String>, params: impl IntoIterator<Item = Value>) {
        self.sql.push(sql.into());
        self.params.extend(params);
    }
    fn where_sql(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!(" AND {}", self.sql.join(" AND "))
        }
    }
}

fn text(v: &str) -> Value {
    Value::Text(v.to_string())
}

fn like(v: &str) -> Value {
    let esc = v
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    Value::Text(format!("%{esc}%"))
}

const QUOTE_COLS: &str = "q.id, q.doc, d.title, d.published, q.start, q.end, q.text, q.kind, \
                          q.cue, q.speaker, q.speaker_name, q.actor";
const EVENT_COLS: &str = "ev.id, ev.doc, d.title, ev.date, ev.source_text, ev.source_code, \
    ev.source_actor, ev.target_text, ev.target_code, ev.target_actor, ev.cameo, ev.plover, \
    ev.goldstein, ev.quad_class, ev.start, ev.end, substr(d.text, ev.start + 1, ev.end - ev.start), \
    ev.place, ev.lat, ev.lon, ev.country";

fn quote_row(r: &Row, snippet: Option<String>) -> rusqlite::Result<QuoteHit> {
    let text: String = r.get(6)?;
    Ok(QuoteHit {
        id: r.get(0)?,
        doc: r.get(1)?,
        doc_title: r.get(2)?,
        published: r.get(3)?,
        start: r.get(4)?,
        end: r.get(5)?,
        kind: r.get(7)?,
        cue: r.get(8)?,
        speaker: r.get(9)?,
        speaker_name: r.get(10)?,
        actor: r.get(11)?,
        snippet: match snippet {
            Some(s) => Snippet::from_marked(&s),
            None => Snippet::plain(&text, 300),
        },
        text,
    })
}

fn event_row(r: &Row) -> rusqlite::Result<EventHit> {
    let target_text: Option<String> = r.get(7)?;
    let place: Option<String> = r.get(17)?;
    Ok(EventHit {
        id: r.get(0)?,
        doc: r.get(1)?,
        doc_title: r.get(2)?,
        date: r.get(3)?,
        source: EventActorRef {
            text: r.get(4)?,
            code: r.get(5)?,
            actor: r.get(6)?,
        },
        target: match target_text {
            Some(t) => Some(EventActorRef {
                text: t,
                code: r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                actor: r.get(9)?,
            }),
            None => None,
        },
        cameo: r.get(10)?,
        plover: r.get(11)?,
        goldstein: r.get(12)?,
        quad_class: r.get(13)?,
        start: r.get(14)?,
        end: r.get(15)?,
        sentence: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
        place: match place {
            Some(name) => Some(EventPlace {
                name,
                lat: r.get(18)?,
                lon: r.get(19)?,
                country: r.get(20)?,
            }),
            None => None,
        },
    })
}

impl Store {
    /// Corpus actor ids whose normalised name is `name`.
    fn actor_ids(&self, name: &str) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT id FROM actors WHERE norm = ?1")?;
        let ids = st
            .query_map([normalise(name)], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }

    /// Conditions on the documents table `d` shared by every kind, plus kind-specific ones.
    fn conditions(&self, q: &Query, kind: Kind) -> Result<Conds> {
        let mut c = Conds::default();
        c.push("d.duplicate_of IS NULL", []);
        for s in &q.source {
            c.push(
                "(d.source LIKE ?1 ESCAPE '\\' OR d.site LIKE ?1 ESCAPE '\\' OR d.url LIKE ?1 ESCAPE '\\')"
                    .replace("?1", "?"),
                [like(s), like(s), like(s)],
            );
        }
        for o in &q.org {
            c.push(
                "EXISTS (SELECT 1 FROM entities e WHERE e.doc = d.id AND e.label IN ('ORG','NORP') \
                 AND (e.canonical = ? COLLATE NOCASE OR e.text = ? COLLATE NOCASE))",
                [text(o), text(o)],
            );
        }
        for p in &q.place {
            let mut params = Vec::new();
            let ev = if kind == Kind::Events {
                params.push(text(p));
                "ev.place = ? COLLATE NOCASE OR "
            } else {
                ""
            };
            params.extend([text(p), text(p), text(p), text(p)]);
            c.push(
                format!(
                    "({ev}EXISTS (SELECT 1 FROM places p WHERE p.doc = d.id AND (p.text = ? COLLATE NOCASE OR p.name = ? COLLATE NOCASE)) \
                     OR EXISTS (SELECT 1 FROM entities e WHERE e.doc = d.id AND e.label IN ('GPE','LOC','FAC') \
                     AND (e.canonical = ? COLLATE NOCASE OR e.text = ? COLLATE NOCASE)))"
                ),
                params,
            );
        }
        for a in &q.actor {
            let ids = self.actor_ids(a)?;
            let list = if ids.is_empty() {
                "NULL".to_string()
            } else {
                ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
            };
            c.push(
                match kind {
                    Kind::Quotes => format!("q.actor IN ({list})"),
                    Kind::Events => {
                        format!("(ev.source_actor IN ({list}) OR ev.target_actor IN ({list}))")
                    }
                    _ => format!(
                        "EXISTS (SELECT 1 FROM doc_actors da WHERE da.doc = d.id AND da.actor IN ({list}))"
                    ),
                },
                [],
            );
        }
        for s in &q.speaker {
            match kind {
                Kind::Quotes => c.push("q.speaker_name LIKE ? ESCAPE '\\'", [like(s)]),
                _ => c.push(
                    "EXISTS (SELECT 1 FROM quotes q2 WHERE q2.doc = d.id AND q2.speaker_name LIKE ? ESCAPE '\\')",
                    [like(s)],
                ),
            }
        }
        for code in &q.code {
            let pat = Value::Text(format!("{code}%"));
            match kind {
                Kind::Events => c.push("ev.cameo LIKE ?", [pat]),
                _ => c.push(
                    "EXISTS (SELECT 1 FROM events e2 WHERE e2.doc = d.id AND e2.cameo LIKE ?)",
                    [pat],
                ),
            }
        }
        for p in &q.plover {
            match kind {
                Kind::Events => c.push("ev.plover = ? COLLATE NOCASE", [text(p)]),
                _ => c.push(
                    "EXISTS (SELECT 1 FROM events e2 WHERE e2.doc = d.id AND e2.plover = ? COLLATE NOCASE)",
                    [text(p)],
                ),
            }
        }
        let date_col = if kind == Kind::Events {
            "ev.date"
        } else {
            "d.pub_date"
        };
        if let Some(f) = &q.from {
            c.push(format!("{date_col} >= ?"), [text(f)]);
        }
        if let Some(t) = &q.to {
            c.push(format!("{date_col} <= ?"), [text(t)]);
        }
        Ok(c)
    }

    /// Searches documents, quotes or events (see [`Query`]); ranked, with snippets.
    pub fn search(&self, q: &Query, page: &Page) -> Result<SearchResults> {
        let kind = q.effective_kind();
        let fts = q.fts_expression();
        let c = self.conditions(q, kind)?;
        let mut params = Vec::new();
        let lim = (page.limit + 1) as i64;
        let off = page.offset as i64;
        let mut hits: Vec<Hit> = match kind {
            Kind::Documents | Kind::Auto => {
                let sql = match &fts {
                    Some(m) => {
                        params.push(text(m));
                        format!(
                            "SELECT d.id, d.ext_id, d.title, d.published, d.source, d.url, \
                             rank, \
                             snippet(documents_fts, 1, char(2), char(3), '…', 24) \
                             FROM documents_fts JOIN documents d ON d.id = documents_fts.rowid \
                             WHERE documents_fts MATCH ?{} ORDER BY rank LIMIT {lim} OFFSET {off}",
                            c.where_sql()
                        )
                    }
                    None => format!(
                        "SELECT d.id, d.ext_id, d.title, d.published, d.source, d.url, NULL, \
                         substr(d.text, 1, 240) FROM documents d WHERE 1{} \
                         ORDER BY d.pub_date DESC, d.id DESC LIMIT {lim} OFFSET {off}",
                        c.where_sql()
                    ),
                };
                params.extend(c.params);
                let mut st = self.conn.prepare_cached(&sql)?;
                let rows = st.query_map(params_from_iter(params), |r| {
                    let snip: String = r.get::<_, Option<String>>(7)?.unwrap_or_default();
                    let score: Option<f64> = r.get(6)?;
                    Ok(Hit::Document(DocHit {
                        id: r.get(0)?,
                        ext_id: r.get(1)?,
                        title: r.get(2)?,
                        published: r.get(3)?,
                        source: r.get(4)?,
                        url: r.get(5)?,
                        snippet: if score.is_some() {
                            Snippet::from_marked(&snip)
                        } else {
                            Snippet::plain(&snip, 200)
                        },
                        score,
                    }))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            Kind::Quotes => {
                let sql = match &fts {
                    Some(m) => {
                        params.push(text(m));
                        format!(
                            "SELECT {QUOTE_COLS}, snippet(quotes_fts, 0, char(2), char(3), '…', 40) \
                             FROM quotes_fts JOIN quotes q ON q.id = quotes_fts.rowid \
                             JOIN documents d ON d.id = q.doc \
                             WHERE quotes_fts MATCH ?{} ORDER BY rank LIMIT {lim} OFFSET {off}",
                            c.where_sql()
                        )
                    }
                    None => format!(
                        "SELECT {QUOTE_COLS}, NULL FROM quotes q LEFT JOIN documents d ON d.id = q.doc \
                         WHERE 1{} ORDER BY d.pub_date DESC, q.doc DESC, q.idx LIMIT {lim} OFFSET {off}",
                        c.where_sql()
                    ),
                };
                params.extend(c.params);
                let mut st = self.conn.prepare_cached(&sql)?;
                let rows = st.query_map(params_from_iter(params), |r| {
                    Ok(Hit::Quote(quote_row(r, r.get(12)?)?))
                })?;
                rows.collect::<rusqlite::Result<_>>()?
            }
            Kind::Events => {
                let mut extra = String::new();
                if let Some(m) = &fts {
                    params.push(text(m));
                    extra = " AND d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)"
                        .into();
                }
                let sql = format!(
                    "SELECT {EVENT_COLS} FROM events ev LEFT JOIN documents d ON d.id = ev.doc \
                     WHERE 1{extra}{} ORDER BY ev.date DESC, ev.id DESC LIMIT {lim} OFFSET {off}",
                    c.where_sql()
                );
                params.extend(c.params);
                let mut st = self.conn.prepare_cached(&sql)?;
                let rows =
                    st.query_map(params_from_iter(params), |r| Ok(Hit::Event(event_row(r)?)))?;
                rows.collect::<rusqlite::Result<_>>()?
            }
        };
        let next_cursor = page.next(hits.len());
        hits.truncate(page.limit);
        Ok(SearchResults {
            kind,
            hits,
            next_cursor,
        })
    }

    /// Events matching the query (the `kind` is forced to events).
    pub fn events(&self, q: &Query, page: &Page) -> Result<SearchResults> {
        let mut q = q.clone();
        q.kind = Kind::Events;
        self.search(&q, page)
    }

    /// Event counts by day or ISO week, for timelines.
    pub fn event_timeline(&self, q: &Query, bucket: Bucket) -> Result<Vec<TimelinePoint>> {
        let c = self.conditions(q, Kind::Events)?;
        let mut params = Vec::new();
        let mut extra = String::new();
        if let Some(m) = q.fts_expression() {
            params.push(text(&m));
            extra =
                " AND d.id IN (SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?)".into();
        }
        params.extend(c.params.iter().cloned());
        let b = match bucket {
            Bucket::Day => "ev.date",
            Bucket::Week => "date(ev.date, 'weekday 0', '-6 days')",
        };
        let sql = format!(
            "SELECT {b} AS bucket, count(*), avg(ev.goldstein), \
             sum(ev.quad_class = 1), sum(ev.quad_class = 2), sum(ev.quad_class = 3), sum(ev.quad_class = 4) \
             FROM events ev LEFT JOIN documents d ON d.id = ev.doc \
             WHERE ev.date IS NOT NULL{extra}{} GROUP BY bucket ORDER BY bucket LIMIT 10000",
            c.where_sql()
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(params), |r| {
            Ok(TimelinePoint {
                date: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                events: r.get(1)?,
                goldstein_mean: r.get(2)?,
                quad_class: [
                    r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                    r.get::<_, Option<i64>>(4)?.unwrap_or(0),
                    r.get::<_, Option<i64>>(5)?.unwrap_or(0),
                    r.get::<_, Option<i64>>(6)?.unwrap_or(0),
                ],
            })
        })?;
        Ok(rows
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|p| !p.date.is_empty())
            .collect())
    }

    /// The document with every annotation, or `None` for an unknown id.
    pub fn document(&self, id: i64) -> Result<Option<StoredDocument>> {
        let row: Option<(String, Option<i64>, String, String, String)> = self
            .conn
            .prepare_cached(
                "SELECT ext_id, duplicate_of, text, annotations, ingested_at FROM documents WHERE id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
            .optional()?;
        let Some((ext_id, duplicate_of, body, ann, ingested_at)) = row else {
            return Ok(None);
        };
        let mut document: Document = serde_json::from_str(&ann)?;
        document.text = body;
        let copies = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE duplicate_of = ?1 ORDER BY id")?
            .query_map([id], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        let actors = self
            .conn
            .prepare_cached(
                "SELECT da.actor, a.name, da.local_id, da.mentions FROM doc_actors da \
                 JOIN actors a ON a.id = da.actor WHERE da.doc = ?1 ORDER BY da.mentions DESC, a.name",
            )?
            .query_map([id], |r| {
                Ok(DocActor {
                    actor: r.get(0)?,
                    name: r.get(1)?,
                    local_id: r.get(2)?,
                    mentions: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(StoredDocument {
            id,
            ext_id,
            duplicate_of,
            copies,
            actors,
            ingested_at,
            document,
        }))
    }

    fn actor_summaries(
        &self,
        where_sql: &str,
        params: Vec<Value>,
        tail: &str,
    ) -> Result<Vec<ActorSummary>> {
        let sql = format!(
            "SELECT a.id, a.name, a.kind, a.code, a.country, a.titles, \
             (SELECT count(*) FROM doc_actors da CROSS JOIN documents d ON d.id = da.doc WHERE da.actor = a.id AND d.duplicate_of IS NULL) AS ndocs, \
             (SELECT count(*) FROM quotes q WHERE q.actor = a.id), \
             (SELECT count(*) FROM events ev WHERE ev.source_actor = a.id OR ev.target_actor = a.id) \
             FROM actors a WHERE 1{where_sql} {tail}"
        );
        let mut st = self.conn.prepare_cached(&sql)?;
        let rows = st.query_map(params_from_iter(params), |r| {
            let titles: String = r.get(5)?;
            Ok(ActorSummary {
                id: r.get(0)?,
                name: r.get(1)?,
                kind: r.get(2)?,
                code: r.get(3)?,
                country: r.get(4)?,
                titles: serde_json::from_str(&titles).unwrap_or_default(),
                documents: r.get(6)?,
                quotes: r.get(7)?,
                events: r.get(8)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// Actors, most documented first; `name` filters by a substring of the name.
    pub fn actors(
        &self,
        name: Option<&str>,
        page: &Page,
    ) -> Result<(Vec<ActorSummary>, Option<String>)> {
        let (w, p) = match name.filter(|n| !n.trim().is_empty()) {
            Some(n) => (
                " AND a.name LIKE ? ESCAPE '\\'".to_string(),
                vec![like(n.trim())],
            ),
            None => (String::new(), vec![]),
        };
        let mut v = self.actor_summaries(
            &w,
            p,
            &format!(
                "ORDER BY ndocs DESC, a.id LIMIT {} OFFSET {}",
                page.limit + 1,
                page.offset
            ),
        )?;
        let next = page.next(v.len());
        v.truncate(page.limit);
        Ok((v, next))
    }

    /// One actor with its quotes, events (up to `max` each) and co-occurring actors.
    pub fn actor(&self, id: i64, max: usize) -> Result<Option<ActorDetail>> {
        let Some(actor) = self
            .actor_summaries(" AND a.id = ?", vec![Value::Integer(id)], "")?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let max = max.min(MAX_LIMIT) as i64;
        let quotes = self
            .conn
            .prepare_cached(&format!(
                "SELECT {QUOTE_COLS}, NULL FROM quotes q LEFT JOIN documents d ON d.id = q.doc \
                 WHERE q.actor = ?1 AND d.duplicate_of IS NULL \
                 ORDER BY d.pub_date DESC, q.doc DESC, q.idx LIMIT ?2"
            ))?
            .query_map(params![id, max], |r| quote_row(r, None))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let events = self
            .conn
            .prepare_cached(&format!(
                "SELECT {EVENT_COLS} FROM events ev LEFT JOIN documents d ON d.id = ev.doc \
                 WHERE (ev.source_actor = ?1 OR ev.target_actor = ?1) AND d.duplicate_of IS NULL \
                 ORDER BY ev.date DESC, ev.id DESC LIMIT ?2"
            ))?
            .query_map(params![id, max], event_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let co_actors = self
            .conn
            .prepare_cached(
                "SELECT a.id, a.name, a.kind, a.code, count(*) AS n FROM doc_actors x \
                 CROSS JOIN doc_actors y ON y.doc = x.doc AND y.actor != x.actor \
                 CROSS JOIN documents d ON d.id = x.doc AND d.duplicate_of IS NULL \
                 JOIN actors a ON a.id = y.actor \
                 WHERE x.actor = ?1 GROUP BY a.id ORDER BY n DESC, a.id LIMIT 50",
            )?
            .query_map([id], |r| {
                Ok(CoActor {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    kind: r.get(2)?,
                    code: r.get(3)?,
                    documents: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(ActorDetail {
            actor,
            quotes,
            events,
            co_actors,
        }))
    }

    /// Corpus actor id by exact id or by name.
    pub fn find_actor(&self, id_or_name: &str) -> Result<Option<i64>> {
        if let Ok(id) = id_or_name.trim().parse::<i64>() {
            let hit: Option<i64> = self
                .conn
                .prepare_cached("SELECT id FROM actors WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?;
            if hit.is_some() {
                return Ok(hit);
            }
        }
        Ok(self.actor_ids(id_or_name)?.into_iter().next())
    }

    /// Weighted actor–actor edges (events in either direction, and co-mentions), heaviest
    /// first; only edges touching `actor` when given.
    pub fn network(&self, actor: Option<i64>, limit: usize) -> Result<Vec<Edge>> {
        let limit = limit.clamp(1, MAX_LIMIT);
        let mut edges: HashMap<(i64, i64), (i64, i64)> = HashMap::new();
        let key = |a: i64, b: i64| if a < b { (a, b) } else { (b, a) };
        {
            let (w, p): (&str, Vec<Value>) = match actor {
                Some(a) => (
                    " AND (ev.source_actor = ? OR ev.target_actor = ?)",
                    vec![Value::Integer(a), Value::Integer(a)],
                ),
                None => ("", vec![]),
            };
            let sql = format!(
                "SELECT ev.source_actor, ev.target_actor, count(*) FROM events ev \
                 CROSS JOIN documents d ON d.id = ev.doc AND d.duplicate_of IS NULL \
                 WHERE ev.source_actor IS NOT NULL AND ev.target_actor IS NOT NULL \
                 AND ev.source_actor != ev.target_actor{w} GROUP BY 1, 2"
            );
            let mut st = self.conn.prepare_cached(&sql)?;
            let mut rows = st.query(params_from_iter(p))?;
            while let Some(r) = rows.next()? {
                let e = edges.entry(key(r.get(0)?, r.get(1)?)).or_default();
                e.0 += r.get::<_, i64>(2)?;
            }
        }
        {
            let sql = match actor {
                Some(_) => {
                    "SELECT x.actor, y.actor, count(*) AS n FROM doc_actors x \
                     CROSS JOIN doc_actors y ON y.doc = x.doc AND y.actor != x.actor \
                     CROSS JOIN documents d ON d.id = x.doc AND d.duplicate_of IS NULL \
                     WHERE x.actor = ?1 GROUP BY 1, 2 ORDER BY n DESC LIMIT ?2"
                }
                None => {
                    "SELECT x.actor, y.actor, count(*) AS n FROM doc_actors x \
                     CROSS JOIN doc_actors y ON y.doc = x.doc AND y.actor > x.actor \
                     CROSS JOIN documents d ON d.id = x.doc AND d.duplicate_of IS NULL \
                     WHERE ?1 IS NULL GROUP BY 1, 2 ORDER BY n DESC LIMIT ?2"
                }
            };
            let mut st = self.conn.prepare_cached(sql)?;
            let mut rows = st.query(params![actor, (limit * 4) as i64])?;
            while let Some(r) = rows.next()? {
                let e = edges.entry(key(r.get(0)?, r.get(1)?)).or_default();
                e.1 += r.get::<_, i64>(2)?;
            }
        }
        let mut list: Vec<((i64, i64), (i64, i64))> = edges.into_iter().collect();
        list.sort_by(|a, b| {
            let wa = 2 * a.1 .0 + a.1 .1;
            let wb = 2 * b.1 .0 + b.1 .1;
            wb.cmp(&wa).then(a.0.cmp(&b.0))
        });
        list.truncate(limit);
        let mut names: HashMap<i64, String> = HashMap::new();
        let mut st = self
            .conn
            .prepare_cached("SELECT name FROM actors WHERE id = ?1")?;
        let mut name = |id: i64| -> Result<String> {
            if let Some(n) = names.get(&id) {
                return Ok(n.clone());
            }
            let n: String = st
                .query_row([id], |r| r.get(0))
                .optional()?
                .unwrap_or_default();
            names.insert(id, n.clone());
            Ok(n)
        };
        let mut out = Vec::with_capacity(list.len());
        for ((a, b), (ev, co)) in list {
            // with an actor, that actor is always the source end
            let (s, t) = match actor {
                Some(x) if b == x => (b, a),
                _ => (a, b),
            };
            out.push(Edge {
                source: s,
                source_name: name(s)?,
                target: t,
                target_name: name(t)?,
                events: ev,
                comentions: co,
                weight: 2 * ev + co,
            });
        }
        Ok(out)
    }

    /// Claim clusters holding both polarities: contested claims. The claims engine assigns
    /// `claims.cluster`; until it does, this is empty.
    pub fn contested_claims(&self, page: &Page) -> Result<ClaimsPage> {
        let mut st = self.conn.prepare_cached(
            "SELECT c.cluster, sum(c.polarity = 'positive') AS pos, sum(c.polarity = 'negative') AS neg \
             FROM claims c CROSS JOIN documents d ON d.id = c.doc AND d.duplicate_of IS NULL \
             WHERE c.cluster IS NOT NULL GROUP BY c.cluster HAVING pos > 0 AND neg > 0 \
             ORDER BY count(*) DESC, c.cluster LIMIT ?1 OFFSET ?2",
        )?;
        let heads = st
            .query_map(params![(page.limit + 1) as i64, page.offset as i64], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let next_cursor = page.next(heads.len());
        let mut clusters = Vec::new();
        let mut cst = self.conn.prepare_cached(
            "SELECT c.id, c.doc, c.text, c.claimant, c.polarity, c.modality, coalesce(c.date, d.pub_date) \
             FROM claims c CROSS JOIN documents d ON d.id = c.doc AND d.duplicate_of IS NULL \
             WHERE c.cluster = ?1 ORDER BY c.polarity, c.id LIMIT 100",
        )?;
        for (cluster, positive, negative) in heads.into_iter().take(page.limit) {
            let claims = cst
                .query_map([cluster], |r| {
                    Ok(ClaimRef {
                        id: r.get(0)?,
                        doc: r.get(1)?,
                        text: r.get(2)?,
                        claimant: r.get(3)?,
                        polarity: r.get(4)?,
                        modality: r.get(5)?,
                        date: r.get(6)?,
                    })
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            clusters.push(ClaimCluster {
                cluster,
                claims,
                positive,
                negative,
            });
        }
        Ok(ClaimsPage {
            clusters,
            next_cursor,
        })
    }

    /// Row counts.
    pub fn stats(&self) -> Result<Stats> {
        let c = |sql: &str| -> Result<i64> { Ok(self.conn.query_row(sql, [], |r| r.get(0))?) };
        Ok(Stats {
            documents: c("SELECT count(*) FROM documents")?,
            near_duplicates: c("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL")?,
            bytes: c("SELECT coalesce(sum(bytes), 0) FROM documents")?,
            entities: c("SELECT count(*) FROM entities")?,
            quotes: c("SELECT count(*) FROM quotes")?,
            actors: c("SELECT count(*) FROM actors")?,
            events: c("SELECT count(*) FROM events")?,
            places: c("SELECT count(*) FROM places")?,
            claims: c("SELECT count(*) FROM claims")?,
        })
    }
}
