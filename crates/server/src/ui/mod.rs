//! The web UI's routes (server-rendered HTML pages). The UI issue fills this module in, next to
//! `api/`; its handlers use [`crate::AppState::read`] to call the store's query API directly.
use crate::AppState;
use axum::Router;

/// UI routes, merged beside `/api` by [`crate::router`]. Empty until the UI lands.
pub fn routes() -> Router<AppState> {
    Router::new()
}
