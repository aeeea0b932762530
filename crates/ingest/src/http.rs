//! Fetching a page or a feed over HTTP(S), with a timeout and a size limit.
use crate::{IngestError, MAX_DOC_BYTES};
use std::time::Duration;

/// How long one fetch may take, connection and body together.
pub const FETCH_TIMEOUT: Duration = Duration::from_secs(30);

/// Fetches `url`: (content type, body). Non-2xx statuses, timeouts and network errors are
/// clear errors that name the URL.
pub fn fetch(url: &str) -> Result<(Option<String>, Vec<u8>), IngestError> {
    fetch_with_timeout(url, FETCH_TIMEOUT)
}

pub fn fetch_with_timeout(
    url: &str,
    timeout: Duration,
) -> Result<(Option<String>, Vec<u8>), IngestError> {
    let err = |m: String| IngestError::Http {
        origin: url.to_string(),
        message: m,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(timeout))
        .http_status_as_error(false)
        .user_agent(concat!("dateline/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut resp = agent
        .get(url)
        .call()
        .map_err(|e| err(format!("fetch failed: {e}")))?;
    let status = resp.status();
    if !status.is_success() {
        return Err(err(format!("HTTP status {}", status.as_u16())));
    }
    let ctype = resp
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = resp
        .body_mut()
        .with_config()
        .limit(MAX_DOC_BYTES as u64)
        .read_to_vec()
        .map_err(|e| err(format!("reading the body failed: {e}")))?;
    Ok((ctype, body))
}
