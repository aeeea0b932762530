//! Claim clusters in the store: the claims engine's clusterer ([`dateline_claims::cluster`])
//! run incrementally as documents arrive.
//!
//! - [`Store::claim_index`] rebuilds the clusterer from the claims already clustered (replayed
//!   in claim-id order, so the cluster ids come out as they were stored); the watermark of the
//!   last claim seen is kept in `meta` (`claims_clustered_upto`).
//! - [`Store::cluster_new_claims`] adds the claims written since (near-duplicate wire copies
//!   are left out: a copy is not a second speaker), and rewrites the clusters they touched:
//!   `claims.cluster`, each statement's side (`claim_sides`: +1 for, -1 against, as the claims
//!   crate's [`ClusterView`](dateline_claims::ClusterView) splits them) and the cluster's
//!   proposition and contested flag (`claim_clusters`).
//! - [`Store::claim_clusters`] lists clusters (contested ones first, or only them), filtered by
//!   speaker and date, with both sides and a link to each statement's sentence.
use crate::{Page, Result, Store, StoreError};
use dateline_claims::{ClaimClusterer, StanceModel, Statement};
use dateline_core::Polarity;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap, HashSet};

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS claim_clusters (
    id        INTEGER PRIMARY KEY,
    claim     TEXT NOT NULL,
    contested INTEGER NOT NULL,
    size      INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_clusters_contested ON claim_clusters(contested, size);
CREATE TABLE IF NOT EXISTS claim_sides (
    claim   INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    cluster INTEGER NOT NULL,
    side    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS claim_sides_cluster ON claim_sides(cluster);
";

const WATERMARK: &str = "claims_clustered_upto";

/// The clusterer with the store rows of its statements.
pub struct ClaimIndex {
    clusterer: ClaimClusterer<'static>,
    /// Claim row id of each statement, by (document row id, claim index).
    rows: HashMap<(i64, usize), i64>,
    /// The highest claim row id seen.
    upto: i64,
}

impl ClaimIndex {
    /// Number of clusters.
    pub fn clusters(&self) -> usize {
        self.clusterer.clusters().len()
    }
}

/// Which clusters to list.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    /// Only contested clusters (both sides held by different speakers).
    pub contested: bool,
    /// A statement by this speaker (case-insensitive substring of the claimant).
    pub actor: Option<String>,
    /// A statement dated on or after this day (`YYYY-MM-DD`).
    pub from: Option<String>,
    /// A statement dated on or before this day.
    pub to: Option<String>,
}

/// One statement of a cluster.
#[derive(Debug, Clone, Serialize)]
pub struct StoredStatement {
    /// Claim row id.
    pub id: i64,
    /// Document row id (`/api/documents/{doc}`).
    pub doc: i64,
    pub doc_ext_id: String,
    pub text: String,
    pub claimant: Option<String>,
    pub polarity: String,
    pub modality: String,
    pub date: Option<String>,
    /// Code-point span of the claim in its document.
    pub start: i64,
    pub end: i64,
    /// Index of the sentence holding the claim.
    pub sentence: Option<usize>,
    /// Where the statement is shown: `/documents/{doc}#s-{sentence}`.
    pub link: String,
}

/// A cluster: the proposition and the statements on each side.
#[derive(Debug, Clone, Serialize)]
pub struct StoredCluster {
    pub cluster: i64,
    pub claim: String,
    pub contested: bool,
    #[serde(rename = "for")]
    pub for_: Vec<StoredStatement>,
    pub against: Vec<StoredStatement>,
    pub for_speakers: Vec<String>,
    pub against_speakers: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ClusterPage {
    pub clusters: Vec<StoredCluster>,
    pub next_cursor: Option<String>,
}

fn ensure_tables(conn: &Connection) -> Result<()> {
    conn.execute_batch(TABLES)?;
    Ok(())
}

fn model() -> Result<&'static StanceModel> {
    StanceModel::embedded().map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))
}

/// A claim row as the clusterer takes it.
struct Row {
    id: i64,
    doc: i64,
    idx: i64,
    statement: Statement,
}

fn load_rows(conn: &Connection, after: i64, upto: i64) -> Result<Vec<Row>> {
    let mut st = conn.prepare(
        "SELECT c.id, c.doc, c.idx, c.text, c.claimant, c.polarity, coalesce(c.date, d.pub_date), \
         c.about, c.start, c.end \
         FROM claims c CROSS JOIN documents d ON d.id = c.doc AND d.duplicate_of IS NULL \
         WHERE c.id > ?1 AND c.id <= ?2 ORDER BY c.id",
    )?;
    let rows = st
        .query_map(params![after, upto], |r| {
            let doc: i64 = r.get(1)?;
            let idx: i64 = r.get(2)?;
            let polarity: String = r.get(5)?;
            let about: String = r.get(7)?;
            Ok(Row {
                id: r.get(0)?,
                doc,
                idx,
                statement: Statement {
                    doc_id: doc.to_string(),
                    claim: usize::try_from(idx).unwrap_or(0),
                    text: r.get(3)?,
                    claimant: r.get(4)?,
                    polarity: if polarity == "negative" {
                        Polarity::Negative
                    } else {
                        Polarity::Positive
                    },
                    date: r.get(6)?,
                    about: serde_json::from_str(&about).unwrap_or_default(),
                    start: usize::try_from(r.get::<_, i64>(8)?).unwrap_or(0),
                    end: usize::try_from(r.get::<_, i64>(9)?).unwrap_or(0),
                },
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows)
}

impl Store {
    /// The claim clusterer as the store left it: every claim clustered so far, replayed in
    /// order.
    pub fn claim_index(&self) -> Result<ClaimIndex> {
        ensure_tables(&self.conn)?;
        let upto: i64 = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [WATERMARK], |r| {
                r.get::<_, String>(0)
            })
            .optional()?
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        let mut ix = ClaimIndex {
            clusterer: ClaimClusterer::new(model()?),
            rows: HashMap::new(),
            upto,
        };
        for row in load_rows(&self.conn, 0, upto)? {
            ix.rows.insert((row.doc, row.idx as usize), row.id);
            ix.clusterer.add(row.statement);
        }
        Ok(ix)
    }

    /// Clusters the claims stored since the index was built or last updated, and writes the
    /// clusters they touched. Returns the number of claims added.
    pub fn cluster_new_claims(&mut self, ix: &mut ClaimIndex) -> Result<usize> {
        ensure_tables(&self.conn)?;
        let max: i64 = self
            .conn
            .query_row("SELECT coalesce(max(id), 0) FROM claims", [], |r| r.get(0))?;
        if max <= ix.upto {
            return Ok(0);
        }
        let rows = load_rows(&self.conn, ix.upto, max)?;
        let n = rows.len();
        let mut touched: BTreeSet<usize> = BTreeSet::new();
        for row in rows {
            ix.rows.insert((row.doc, row.idx as usize), row.id);
            touched.insert(ix.clusterer.add(row.statement));
        }
        let tx = self.conn.transaction()?;
        {
            let mut up_cluster = tx.prepare_cached(
                "INSERT OR REPLACE INTO claim_clusters(id, claim, contested, size) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut up_claim = tx.prepare_cached("UPDATE claims SET cluster = ?1 WHERE id = ?2")?;
            let mut up_side = tx.prepare_cached(
                "INSERT OR REPLACE INTO claim_sides(claim, cluster, side) \
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM claims WHERE id = ?1)",
            )?;
            for ci in touched {
                let Some(c) = ix.clusterer.clusters().get(ci) else {
                    continue;
                };
                // Contested only on the clusterer's strict test (an opposed pair on the same
                // proposition, in a cluster small enough to be one): a speaker on each side
                // sharing a name was too loose (3 of 20 Reuters clusters really opposed).
                let v = ix.clusterer.view(c);
                let cid = ci as i64;
                let contested = v.contested;
                up_cluster.execute(params![cid, v.claim, contested as i64, c.len() as i64])?;
                for (side, list) in [(1i64, &v.for_), (-1, &v.against)] {
                    for s in list.iter() {
                        let doc: i64 = s.doc_id.parse().unwrap_or(-1);
                        if let Some(id) = ix.rows.get(&(doc, s.claim)) {
                            up_claim.execute(params![cid, id])?;
                            up_side.execute(params![id, cid, side])?;
                        }
                    }
                }
            }
            tx.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
                params![WATERMARK, max.to_string()],
            )?;
        }
        tx.commit()?;
        ix.upto = max;
        Ok(n)
    }

    /// Rebuilds the index and clusters any claims not yet clustered (one-off callers: the
    /// HTTP ingest, `dateline claims --store`).
    pub fn update_claim_clusters(&mut self) -> Result<usize> {
        let mut ix = self.claim_index()?;
        self.cluster_new_claims(&mut ix)
    }

    /// Claim clusters, contested first (or only contested ones), largest first.
    pub fn claim_clusters(&self, f: &ClaimFilter, page: &Page) -> Result<ClusterPage> {
        ensure_tables(&self.conn)?;
        for d in [&f.from, &f.to].into_iter().flatten() {
            if jiff::civil::Date::strptime("%Y-%m-%d", d).is_err() {
                return Err(StoreError::BadParam(format!(
                    "date {d:?}: expected YYYY-MM-DD"
                )));
            }
        }
        let actor = f
            .actor
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(|a| format!("%{}%", a.to_lowercase()));
        let mut st = self.conn.prepare_cached(
            "SELECT k.id, k.claim, k.contested FROM claim_clusters k \
             WHERE (?1 = 0 OR k.contested = 1) AND k.size >= 2 \
             AND EXISTS (SELECT 1 FROM claim_sides s CROSS JOIN claims c ON c.id = s.claim \
                 CROSS JOIN documents d ON d.id = c.doc \
                 WHERE s.cluster = k.id \
                 AND (?2 IS NULL OR lower(c.claimant) LIKE ?2) \
                 AND (?3 IS NULL OR coalesce(c.date, d.pub_date) >= ?3) \
                 AND (?4 IS NULL OR substr(coalesce(c.date, d.pub_date), 1, 10) <= ?4)) \
             ORDER BY k.contested DESC, k.size DESC, k.id LIMIT ?5 OFFSET ?6",
        )?;
        let heads = st
            .query_map(
                params![
                    f.contested as i64,
                    actor,
                    f.from,
                    f.to,
                    (page.limit + 1) as i64,
                    page.offset as i64
                ],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, i64>(2)? != 0,
                    ))
                },
            )?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let next_cursor = page.next(heads.len());
        let mut members = self.conn.prepare_cached(
            "SELECT c.id, c.doc, d.ext_id, c.text, c.claimant, c.polarity, c.modality, \
             coalesce(c.date, d.pub_date), c.start, c.end, s.side \
             FROM claim_sides s CROSS JOIN claims c ON c.id = s.claim \
             CROSS JOIN documents d ON d.id = c.doc \
             WHERE s.cluster = ?1 ORDER BY s.side DESC, c.id LIMIT 200",
        )?;
        let mut sentences: HashMap<i64, Vec<(i64, i64)>> = HashMap::new();
        let mut clusters = Vec::new();
        for (cluster, claim, contested) in heads.into_iter().take(page.limit) {
            let rows = members
                .query_map([cluster], |r| {
                    Ok((
                        StoredStatement {
                            id: r.get(0)?,
                            doc: r.get(1)?,
                            doc_ext_id: r.get(2)?,
                            text: r.get(3)?,
                            claimant: r.get(4)?,
                            polarity: r.get(5)?,
                            modality: r.get(6)?,
                            date: r.get(7)?,
                            start: r.get(8)?,
                            end: r.get(9)?,
                            sentence: None,
                            link: String::new(),
                        },
                        r.get::<_, i64>(10)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            let mut c = StoredCluster {
                cluster,
                claim,
                contested,
                for_: Vec::new(),
                against: Vec::new(),
                for_speakers: Vec::new(),
                against_speakers: Vec::new(),
            };
            for (mut s, side) in rows {
                if let std::collections::hash_map::Entry::Vacant(e) = sentences.entry(s.doc) {
                    e.insert(self.sentence_spans(s.doc)?);
                }
                s.sentence = sentences.get(&s.doc).and_then(|v| {
                    v.iter()
                        .position(|&(a, b)| a <= s.start && s.start < b.max(a + 1))
                });
                s.link = match s.sentence {
                    Some(n) => format!("/documents/{}#s-{n}", s.doc),
                    None => format!("/documents/{}", s.doc),
                };
                let (list, speakers) = if side > 0 {
                    (&mut c.for_, &mut c.for_speakers)
                } else {
                    (&mut c.against, &mut c.against_speakers)
                };
                let who = s.claimant.clone().unwrap_or_else(|| "(unknown)".into());
                if !speakers.iter().any(|w| w.eq_ignore_ascii_case(&who)) {
                    speakers.push(who);
                }
                list.push(s);
            }
            clusters.push(c);
        }
        Ok(ClusterPage {
            clusters,
            next_cursor,
        })
    }

    /// Sentence spans (code points) of a document, from its stored annotations.
    fn sentence_spans(&self, doc: i64) -> Result<Vec<(i64, i64)>> {
        let ann: Option<String> = self
            .conn
            .query_row(
                "SELECT annotations FROM documents WHERE id = ?1",
                [doc],
                |r| r.get(0),
            )
            .optional()?;
        let v: serde_json::Value = match ann {
            Some(a) => serde_json::from_str(&a).unwrap_or_default(),
            None => return Ok(Vec::new()),
        };
        let spans = v
            .get("sentences")
            .and_then(|s| s.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| Some((s.get("start")?.as_i64()?, s.get("end")?.as_i64()?)))
                    .collect()
            })
            .unwrap_or_default();
        Ok(spans)
    }
}

/// Distinct speakers, for tests and callers that only want names.
pub fn speakers(c: &StoredCluster) -> (Vec<String>, Vec<String>) {
    let dedup = |v: &[StoredStatement]| -> Vec<String> {
        let mut seen = HashSet::new();
        v.iter()
            .filter_map(|s| s.claimant.clone())
            .filter(|n| seen.insert(n.to_lowercase()))
            .collect()
    };
    (dedup(&c.for_), dedup(&c.against))
}
