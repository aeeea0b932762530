//! The SQLite schema. Every span stored is in Unicode code points of the document text, as in
//! the JSON interface (`Document::to_output`).

/// Version 2 added `seen_raw`; older stores are upgraded in place on open (every statement
/// below is `IF NOT EXISTS`).
pub const VERSION: i64 = 2;

pub const SCHEMA: &str = r#"
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
    id            INTEGER PRIMARY KEY,
    ext_id        TEXT NOT NULL,
    url           TEXT,
    canonical_url TEXT,
    raw_hash      INTEGER NOT NULL,
    content_hash  INTEGER NOT NULL,
    simhash       INTEGER NOT NULL,
    duplicate_of  INTEGER REFERENCES documents(id),
    title         TEXT,
    published     TEXT,
    pub_date      TEXT,
    source        TEXT,
    site          TEXT,
    language      TEXT,
    text          TEXT NOT NULL,
    bytes         INTEGER NOT NULL,
    annotations   TEXT NOT NULL,
    ingested_at   TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS documents_canonical_url ON documents(canonical_url)
    WHERE canonical_url IS NOT NULL;
CREATE INDEX IF NOT EXISTS documents_content_hash ON documents(content_hash);
CREATE INDEX IF NOT EXISTS documents_raw_hash ON documents(raw_hash);
CREATE INDEX IF NOT EXISTS documents_pub_date ON documents(pub_date);
CREATE INDEX IF NOT EXISTS documents_duplicate_of ON documents(duplicate_of);

-- Raw hashes of records that were not stored because their content already is (duplicates):
-- a re-run skips them before the pipeline, like stored documents.
CREATE TABLE IF NOT EXISTS seen_raw (
    raw_hash INTEGER PRIMARY KEY,
    doc      INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS simhash_bands (
    band  INTEGER NOT NULL,
    value INTEGER NOT NULL,
    doc   INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS simhash_bands_bv ON simhash_bands(band, value);
CREATE INDEX IF NOT EXISTS simhash_bands_doc ON simhash_bands(doc);

CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(
    title, text, content='documents', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE IF NOT EXISTS actors (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    norm     TEXT NOT NULL,
    kind     TEXT NOT NULL,
    code     TEXT,
    country  TEXT,
    titles   TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX IF NOT EXISTS actors_norm ON actors(norm);
CREATE INDEX IF NOT EXISTS actors_code ON actors(code);

CREATE TABLE IF NOT EXISTS doc_actors (
    doc      INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor    INTEGER NOT NULL REFERENCES actors(id),
    local_id TEXT,
    mentions INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (doc, actor)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_actors_actor ON doc_actors(actor, doc);

CREATE TABLE IF NOT EXISTS entities (
    doc        INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    end        INTEGER NOT NULL,
    label      TEXT NOT NULL,
    text       TEXT NOT NULL,
    canonical  TEXT,
    actor_code TEXT,
    actor      INTEGER,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS entities_label_text ON entities(label, canonical);

CREATE TABLE IF NOT EXISTS quotes (
    id             INTEGER PRIMARY KEY,
    doc            INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    start          INTEGER NOT NULL,
    end            INTEGER NOT NULL,
    text           TEXT NOT NULL,
    kind           TEXT NOT NULL,
    cue            TEXT,
    speaker        TEXT,
    speaker_name   TEXT,
    speaker_titles TEXT NOT NULL DEFAULT '[]',
    actor          INTEGER REFERENCES actors(id)
);
CREATE INDEX IF NOT EXISTS quotes_doc ON quotes(doc);
CREATE INDEX IF NOT EXISTS quotes_actor ON quotes(actor);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    text, speaker_name, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE IF NOT EXISTS events (
    id           INTEGER PRIMARY KEY,
    doc          INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx          INTEGER NOT NULL,
    start        INTEGER NOT NULL,
    end          INTEGER NOT NULL,
    source_text  TEXT NOT NULL,
    source_code  TEXT NOT NULL,
    source_actor INTEGER REFERENCES actors(id),
    target_text  TEXT,
    target_code  TEXT,
    target_actor INTEGER REFERENCES actors(id),
    cameo        TEXT NOT NULL,
    plover       TEXT,
    goldstein    REAL,
    quad_class   INTEGER,
    verb         TEXT,
    date         TEXT,
    place        TEXT,
    lat          REAL,
    lon          REAL,
    country      TEXT,
    admin1       TEXT,
    geonameid    INTEGER
);
CREATE INDEX IF NOT EXISTS events_doc ON events(doc);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);
CREATE INDEX IF NOT EXISTS events_source_actor ON events(source_actor);
CREATE INDEX IF NOT EXISTS events_target_actor ON events(target_actor);

CREATE TABLE IF NOT EXISTS places (
    doc       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    name      TEXT,
    lat       REAL NOT NULL,
    lon       REAL NOT NULL,
    geonameid INTEGER,
    country   TEXT,
    admin1    TEXT,
    feature   TEXT,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS places_name ON places(name);

CREATE TABLE IF NOT EXISTS claims (
    id        INTEGER PRIMARY KEY,
    doc       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx       INTEGER NOT NULL,
    start     INTEGER NOT NULL,
    end       INTEGER NOT NULL,
    text      TEXT NOT NULL,
    claimant  TEXT,
    polarity  TEXT NOT NULL,
    modality  TEXT NOT NULL,
    date      TEXT,
    about     TEXT NOT NULL DEFAULT '[]',
    quote_idx INTEGER,
    -- Filled by the claims engine: claims about the same proposition share a cluster.
    cluster   INTEGER
);
CREATE INDEX IF NOT EXISTS claims_doc ON claims(doc);
CREATE INDEX IF NOT EXISTS claims_cluster ON claims(cluster);

CREATE TABLE IF NOT EXISTS relative_dates (
    doc         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    resolves_to TEXT NOT NULL,
    PRIMARY KEY (doc, idx)
) WITHOUT ROWID;
"#;
