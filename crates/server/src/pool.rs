use crate::ApiError;
use dateline_store::Store;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// A fixed set of store connections for readers. A call takes the first idle connection,
/// or waits for one in round-robin order.
pub struct StorePool {
    conns: Vec<Mutex<Store>>,
    next: AtomicUsize,
}

impl StorePool {
    pub fn open(dir: &Path, n: usize) -> Result<StorePool, dateline_store::StoreError> {
        let conns = (0..n.max(1))
            .map(|_| Store::open(dir).map(Mutex::new))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(StorePool {
            conns,
            next: AtomicUsize::new(0),
        })
    }

    pub fn with<T>(&self, f: impl FnOnce(&Store) -> Result<T, ApiError>) -> Result<T, ApiError> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.conns.len();
        for i in 0..n {
            if let Some(Ok(guard)) = self.conns.get((start + i) % n).map(|m| m.try_lock()) {
                return f(&guard);
            }
        }
        let m = self
            .conns
            .get(start % n)
            .ok_or_else(|| ApiError::internal("no store connection"))?;
        let guard = m.lock().unwrap_or_else(|p| p.into_inner());
        f(&guard)
    }
}
