//! # dateline-store: the embedded store, search index and query API
//!
//! A store is a directory (`./dateline-data` by default) holding one SQLite database,
//! `dateline.sqlite`, in WAL mode: documents with every annotation kind (entities, quotes,
//! actors, events, places, claims, relative dates) in their own tables, and SQLite FTS5
//! full-text indexes over document titles and bodies and over quotes. All spans in the store are
//! **code points** of the document text, as in the JSON interface.
//!
//! ## Writing
//! - [`Store::open`] creates or opens a store; [`Store::insert_documents`] writes a batch of
//!   processed documents in **one transaction** (crash safe: a batch is either all there or not
//!   at all; `kill -9` leaves a store that opens cleanly).
//! - Idempotent and incremental: a document is keyed by its canonical URL
//!   ([`hash::canonical_url`]) and by a content hash of its clean text. The same URL with the
//!   same content is skipped, with new content it is updated in place; the same content under
//!   another id or URL is skipped as a duplicate. A near-duplicate (a wire copy: simhash of
//!   3-word shingles within 3 bits) is stored but linked to the first copy
//!   (`duplicate_of`), and is not counted in aggregates, exports' counts or the network.
//! - [`Store::has_raw`] lets a re-run skip records already stored before running the pipeline.
//! - Actors are merged across the corpus ([`actors`]): by normalised name within the same kind (places and groups as one),
//!   when their CAMEO country codes are compatible; a one-word person name ("Davis") joins the
//!   only compatible multi-word person with that surname. Quote speakers and event actors resolve
//!   to corpus actors too.
//!
//! ## Reading (the API the HTTP server and the web UI call)
//! All of these are plain functions on [`Store`]; they take `&self` and return serde-ready
//! structs:
//! - [`Store::search`]`(&Query, &Page)` → [`SearchResults`]: documents, quotes or events matching
//!   the query language of [`Query::parse`] (free text plus `actor:`, `speaker:`, `org:`,
//!   `place:`, `code:`, `plover:`, `from:`, `to:`, `source:`, `kind:`), ranked (BM25 for free
//!   text, newest first otherwise), with snippets and highlight ranges.
//! - [`Store::document`]`(id)` → the document with all its annotations and its copies.
//! - [`Store::actors`]`(name_filter, &Page)` and [`Store::actor`]`(id)` → an actor with its
//!   quotes, events and co-occurring actors.
//! - [`Store::events`]`(&Query, &Page)` and [`Store::event_timeline`]`(&Query, Bucket)` → event
//!   lists and counts by day or ISO week (with mean Goldstein score).
//! - [`Store::network`]`(actor, limit)` → weighted actor–actor edges from events and
//!   co-mentions.
//! - [`Store::contested_claims`]`(&Page)` → claim clusters with both polarities.
//! - [`Store::stats`] → counts.
//! - Export: [`Store::export_jsonl`], [`Store::export_gdelt`] (and `export_parquet` with the
//!   `parquet` feature: the six tables of `scale/SCHEMA.md`) stream row by row in constant
//!   memory. `parquet_io::ParquetDataset` reads such tables (or the Spark job's) back into
//!   documents for [`Store::insert_documents`].
//!
//! Pagination is by an opaque `cursor` string returned with each page ([`Page`]).
pub mod actors;
pub mod claims;
pub mod export;
pub mod hash;
#[cfg(feature = "parquet")]
pub mod parquet_io;
pub mod query;
mod read;
mod schema;
mod write;

pub use claims::{ClaimFilter, ClaimIndex, ClusterPage, StoredCluster, StoredStatement};
pub use query::{Kind, Query};
pub use read::*;
pub use write::{raw_hash, IngestCounts, Outcome};

#[cfg(feature = "parquet")]
pub use parquet_io::{ExportCounts, ParquetDataset, PartitionDocs};

use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The database file inside a store directory.
pub const DB_FILE: &str = "dateline.sqlite";

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The query could not be parsed (bad syntax, unknown field, bad date).
    #[error("bad query: {0}")]
    Query(String),
    /// A request parameter was out of range (page size, cursor, bucket).
    #[error("bad parameter: {0}")]
    BadParam(String),
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// A Parquet file could not be read or written (names the file).
    #[error("parquet: {0}")]
    Parquet(String),
    #[error("store {path}: {message}")]
    Open { path: PathBuf, message: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// One connection to a store. Not `Sync`: a server keeps one per worker.
pub struct Store {
    conn: Connection,
    dir: PathBuf,
    actors: actors::ActorIndex,
}

impl Store {
    /// Opens (creating when needed) the store in `dir`.
    pub fn open(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::Open {
            path: dir.clone(),
            message: e.to_string(),
        })?;
        let conn = Connection::open(dir.join(DB_FILE))?;
        Self::configure(&conn)?;
        let read_version = |conn: &Connection| -> Option<String> {
            conn.query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .ok()
        };
        // an existing store is opened without taking the write lock
        let mut version = read_version(&conn);
        let older = version
            .as_deref()
            .and_then(|v| v.parse::<i64>().ok())
            .is_some_and(|v| v < schema::VERSION);
        if older {
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {} UPDATE meta SET value = '{}' WHERE key = 'schema_version'; COMMIT;",
                schema::SCHEMA,
                schema::VERSION
            ))?;
            version = read_version(&conn);
        }
        if version.is_none() {
            conn.execute_batch(&format!(
                "BEGIN IMMEDIATE; {} INSERT OR IGNORE INTO meta(key, value) VALUES ('schema_version', '{}'); \
                 INSERT INTO documents_fts(documents_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)'); COMMIT;",
                schema::SCHEMA,
                schema::VERSION
            ))?;
            version = read_version(&conn);
        }
        match version {
            None => {
                conn.execute(
                    "INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?1)",
                    [schema::VERSION.to_string()],
                )?;
            }
            Some(v) if v == schema::VERSION.to_string() => {}
            Some(v) => {
                return Err(StoreError::Open {
                    path: dir,
                    message: format!(
                        "schema version {v}, this build reads version {}",
                        schema::VERSION
                    ),
                })
            }
        }
        Ok(Store {
            conn,
            dir,
            actors: actors::ActorIndex::default(),
        })
    }

    /// Opens an existing store for reading only (the server's query workers).
    pub fn open_existing(dir: impl AsRef<Path>) -> Result<Store> {
        let dir = dir.as_ref().to_path_buf();
        if !dir.join(DB_FILE).is_file() {
            return Err(StoreError::Open {
                path: dir,
                message: "no store here (run `dateline ingest` first)".into(),
            });
        }
        Self::open(dir)
    }

    fn configure(conn: &Connection) -> Result<()> {
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -32000;
             PRAGMA mmap_size = 268435456;",
        )?;
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// `PRAGMA integrity_check`: `Ok(())` when the database is sound.
    pub fn integrity_check(&self) -> Result<()> {
        let r: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if r == "ok" {
            Ok(())
        } else {
            Err(StoreError::Open {
                path: self.dir.clone(),
                message: format!("integrity check failed: {r}"),
            })
        }
    }

    /// A number that changes whenever any connection commits a change to the store
    /// (`PRAGMA data_version` plus this connection's own changes): caches key on it.
    pub fn data_version(&self) -> Result<i64> {
        let v: i64 = self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?;
        Ok(v.wrapping_add(self.conn.total_changes() as i64))
    }

    /// Folds the WAL into the main file and refreshes the query planner's statistics (after a
    /// large ingest).
    pub fn checkpoint(&self) -> Result<()> {
        self.conn.execute_batch("PRAGMA optimize;")?;
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        Ok(())
    }
}
