use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use dateline_store::StoreError;

/// An error answered as JSON: `{"error": {"status": 400, "message": "..."}}`.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
    pub fn bad_request(m: impl Into<String>) -> ApiError {
        Self::new(StatusCode::BAD_REQUEST, m)
    }
    pub fn not_found(m: impl Into<String>) -> ApiError {
        Self::new(StatusCode::NOT_FOUND, m)
    }
    pub fn internal(m: impl Into<String>) -> ApiError {
        Self::new(StatusCode::INTERNAL_SERVER_ERROR, m)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Query(_) | StoreError::BadParam(_) => ApiError::bad_request(e.to_string()),
            StoreError::Sqlite(rusqlite_err) if is_busy(&rusqlite_err) => ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("store busy: {rusqlite_err}"),
            ),
            other => ApiError::internal(other.to_string()),
        }
    }
}

fn is_busy(e: &dyn std::error::Error) -> bool {
    let s = e.to_string();
    s.contains("database is locked") || s.contains("busy")
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": {"status": self.status.as_u16(), "message": self.message}
        });
        (self.status, Json(body)).into_response()
    }
}
