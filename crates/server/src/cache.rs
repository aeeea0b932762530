//! A small response cache for GET requests under `/api`.
//!
//! Entries are keyed by path and query string and tagged with the store's data version
//! ([`dateline_store::Store::data_version`]), which a background task polls every 250 ms and
//! which `POST /api/ingest` bumps at once: a write anywhere (this process or another `dateline
//! ingest`) invalidates every entry. Bounded in entries and in bytes per entry; when full it
//! is simply cleared (popular queries come straight back).
use axum::body::Bytes;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;

pub const MAX_ENTRIES: usize = 4096;
pub const MAX_ENTRY_BYTES: usize = 256 << 10;

#[derive(Default)]
pub struct ResponseCache {
    generation: AtomicU64,
    last_seen_version: AtomicU64,
    map: Mutex<HashMap<String, (u64, Bytes)>>,
}

impl ResponseCache {
    pub fn generation(&self) -> u64 {
        self.generation.load(Ordering::Acquire)
    }

    /// Invalidates every entry.
    pub fn bump(&self) {
        self.generation.fetch_add(1, Ordering::AcqRel);
    }

    /// Invalidates when the store's data version moved.
    pub fn observe_version(&self, v: i64) {
        let v = v as u64;
        if self.last_seen_version.swap(v, Ordering::AcqRel) != v {
            self.bump();
        }
    }

    pub fn get(&self, key: &str) -> Option<Bytes> {
        let g = self.generation();
        let map = self.map.lock().ok()?;
        map.get(key)
            .filter(|(eg, _)| *eg == g)
            .map(|(_, b)| b.clone())
    }

    pub fn put(&self, key: String, generation: u64, body: Bytes) {
        if body.len() > MAX_ENTRY_BYTES || generation != self.generation() {
            return;
        }
        if let Ok(mut map) = self.map.lock() {
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
            map.insert(key, (generation, body));
        }
    }
}
