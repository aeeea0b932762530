//! # dateline-server: the HTTP JSON API (and, later, the web UI)
//!
//! [`router`] builds the axum application from an [`AppState`]; [`serve`] binds it (to
//! `127.0.0.1:8080` unless told otherwise) and runs it until Ctrl-C.
//!
//! Layout: `api/` holds the JSON API under `/api` (handlers, the OpenAPI document, errors);
//! `ui/` is where the server-rendered web UI adds its routes ([`ui::routes`]), calling the
//! store's query API ([`dateline_store::Store`]) through the same [`AppState::read`] helper.
//!
//! Limits: a request body limit (default 10 MiB, `413` beyond it), a per-request time limit
//! (default 10 s, `503`), page sizes 1..=1000; every error is a JSON body
//! `{"error": {"status": 400, "message": "..."}}`. CORS is off unless an origin is configured.
//! `POST /api/ingest` requires `Authorization: Bearer <token>` when a token is configured.
#![recursion_limit = "256"]

pub mod api;
mod cache;
mod error;
mod pool;
pub mod ui;

pub use cache::ResponseCache;
pub use error::ApiError;
pub use pool::StorePool;

use axum::Router;
use dateline_core::Pipeline;
use dateline_store::Store;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct Config {
    pub store: PathBuf,
    pub addr: SocketAddr,
    /// Bearer token required by `POST /api/ingest`; `None`: no authentication.
    pub token: Option<String>,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Per-request time limit.
    pub timeout: Duration,
    /// Read connections to the store (default: CPU count, at least 2).
    pub readers: usize,
    /// `Access-Control-Allow-Origin` to send; `None` (the default): CORS off.
    pub cors_origin: Option<String>,
    /// Cache GET responses until the store changes.
    pub cache: bool,
    /// Whether `POST /api/ingest` is enabled at all.
    pub allow_ingest: bool,
}

impl Config {
    pub fn new(store: impl Into<PathBuf>) -> Config {
        Config {
            store: store.into(),
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            token: None,
            max_body: 10 << 20,
            timeout: Duration::from_secs(10),
            readers: std::thread::available_parallelism()
                .map(|n| n.get())
                .unwrap_or(2)
                .max(2),
            cors_origin: None,
            cache: true,
            allow_ingest: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    #[error("{0}")]
    Store(#[from] dateline_store::StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Shared by every handler.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub pool: Arc<StorePool>,
    /// The one write connection.
    pub writer: Arc<Mutex<Store>>,
    /// The pipeline `POST /api/ingest` runs.
    pub pipeline: Arc<Pipeline>,
    /// GET responses, invalidated by any write to the store.
    pub cache: Arc<ResponseCache>,
}

impl AppState {
    /// Opens the store (creating it if needed) with `config.readers` read connections.
    pub fn new(config: Config, pipeline: Arc<Pipeline>) -> Result<AppState, ServerError> {
        let writer = Store::open(&config.store)?;
        let pool = StorePool::open(&config.store, config.readers)?;
        Ok(AppState {
            config: Arc::new(config),
            pool: Arc::new(pool),
            writer: Arc::new(Mutex::new(writer)),
            pipeline,
            cache: Arc::new(ResponseCache::default()),
        })
    }

    /// Runs a read-only store call on a blocking thread with a pooled connection.
    pub async fn read<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = self.pool.clone();
        tokio::task::spawn_blocking(move || pool.with(f))
            .await
            .map_err(|e| ApiError::internal(format!("worker failed: {e}")))?
    }
}

/// The whole application: `/api/...` plus the UI routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::routes(&state))
        .merge(ui::routes())
        .fallback(api::not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            api::limits,
        ))
        .with_state(state)
}

/// Binds and serves until Ctrl-C.
pub fn serve(config: Config, pipeline: Arc<Pipeline>) -> Result<(), ServerError> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let addr = config.addr;
        let state = AppState::new(config, pipeline)?;
        // notice writes by other processes (a concurrent `dateline ingest`)
        let watch = state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(std::time::Duration::from_millis(250));
            loop {
                tick.tick().await;
                let w = watch.clone();
                let v = watch.read(|s| Ok(s.data_version()?)).await;
                if let Ok(v) = v {
                    w.cache.observe_version(v);
                }
            }
        });
        let listener = tokio::net::TcpListener::bind(addr).await?;
        eprintln!(
            "dateline serve: listening on http://{}",
            listener.local_addr()?
        );
        axum::serve(listener, router(state))
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await?;
        Ok(())
    })
}
