//! The HTTP API end to end through the router (no socket): bad input gets a 4xx with a JSON
//! error body, never a 500.
use axum::body::{to_bytes, Body};
use axum::http::{Request, StatusCode};
use dateline_core::{Document, Pipeline, Stage, StageError};
use dateline_server::{router, AppState, Config};
use serde_json::Value;
use std::sync::Arc;
use tower::ServiceExt;

/// Stands in for extraction: the record's text becomes the document text.
struct CopyText;
impl Stage for CopyText {
    fn name(&self) -> &'static str {
        "copy-text"
    }
    fn process(&self, d: &mut Document) -> Result<(), StageError> {
        d.text = d.source_record.text.clone().unwrap_or_default();
        d.title = d.source_record.title.clone();
        Ok(())
    }
}

fn app(name: &str, token: Option<&str>) -> axum::Router {
    let dir = std::env::temp_dir().join(format!(
        "dateline-server-test-{name}-{}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    let mut c = Config::new(&dir);
    c.readers = 2;
    c.max_body = 1 << 20;
    c.token = token.map(str::to_string);
    let state = AppState::new(c, Arc::new(Pipeline::new().with(CopyText))).unwrap();
    router(state)
}

async fn call(app: &axum::Router, req: Request<Body>) -> (StatusCode, Value) {
    let resp = app.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let ct = resp
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap_or("").to_string())
        .unwrap_or_default();
    let bytes = to_bytes(resp.into_body(), 1 << 26).await.unwrap();
    let v: Value = serde_json::from_slice(&bytes).unwrap_or_else(|_| {
        panic!(
            "not JSON ({status}, {ct}): {:?}",
            String::from_utf8_lossy(&bytes)
        )
    });
    (status, v)
}

async fn get(app: &axum::Router, uri: &str) -> (StatusCode, Value) {
    call(app, Request::get(uri).body(Body::empty()).unwrap()).await
}

fn post(uri: &str, body: impl Into<Body>, token: Option<&str>) -> Request<Body> {
    let mut r = Request::post(uri).header("content-type", "application/json");
    if let Some(t) = token {
        r = r.header("authorization", format!("Bearer {t}"));
    }
    r.body(body.into()).unwrap()
}

fn assert_error(status: StatusCode, v: &Value, want: StatusCode) {
    assert_eq!(status, want, "{v}");
    assert_eq!(v["error"]["status"], want.as_u16(), "{v}");
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
}

#[tokio::test]
async fn openapi_document() {
    let app = app("openapi", None);
    let (s, v) = get(&app, "/api/openapi.json").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["openapi"], "3.1.0");
    for p in [
        "/api/search",
        "/api/documents/{id}",
        "/api/actors",
        "/api/actors/{id}",
        "/api/events",
        "/api/network",
        "/api/ingest",
        "/api/claims",
    ] {
        assert!(v["paths"][p].is_object(), "{p}");
    }
}

#[tokio::test]
async fn bad_query_syntax_is_400() {
    let app = app("badq", None);
    let (s, v) = get(&app, "/api/search?q=actor:%22Jeff").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    assert!(v["error"]["message"]
        .as_str()
        .unwrap()
        .contains("unterminated"));
    let (s, v) = get(&app, "/api/search?q=colour:red").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let (s, v) = get(&app, "/api/search?kind=tweets").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let (s, v) = get(&app, "/api/events?bucket=month").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let (s, v) = get(&app, "/api/search?cursor=nonsense").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn unknown_id_is_404_and_bad_id_400() {
    let app = app("ids", None);
    let (s, v) = get(&app, "/api/documents/12345").await;
    assert_error(s, &v, StatusCode::NOT_FOUND);
    let (s, v) = get(&app, "/api/actors/777").await;
    assert_error(s, &v, StatusCode::NOT_FOUND);
    let (s, v) = get(&app, "/api/documents/abc").await;
    assert_error(s, &v, StatusCode::BAD_REQUEST);
    let (s, v) = get(&app, "/api/network?actor=Nobody%20Atall").await;
    assert_error(s, &v, StatusCode::NOT_FOUND);
    let (s, v) = get(&app, "/api/no-such-thing").await;
    assert_error(s, &v, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn negative_page_size_is_400() {
    let app = app("neg", None);
    for uri in [
        "/api/search?q=oil&limit=-1",
        "/api/events?limit=-5",
        "/api/actors?limit=0",
        "/api/claims?limit=100000",
        "/api/search?limit=ten",
    ] {
        let (s, v) = get(&app, uri).await;
        assert_error(s, &v, StatusCode::BAD_REQUEST);
    }
}

#[tokio::test]
async fn fifty_megabyte_body_is_413() {
    let app = app("big", None);
    let body = vec![b' '; 50 << 20];
    let (s, v) = call(&app, post("/api/ingest", body, None)).await;
    assert_error(s, &v, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn invalid_json_is_400() {
    let app = app("badjson", None);
    for body in [
        "{not json",
        "[]",
        r#"{"articles": [{"id": 1}]}"#,
        r#"{"articles": [{"id": 1, "text": 5}]}"#,
    ] {
        let (s, v) = call(&app, post("/api/ingest", body, None)).await;
        assert_error(s, &v, StatusCode::BAD_REQUEST);
    }
    let (s, v) = call(
        &app,
        Request::delete("/api/search").body(Body::empty()).unwrap(),
    )
    .await;
    assert_error(s, &v, StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn ingest_with_token_then_search() {
    let app = app("ingest", Some("s3cret"));
    let body = r#"{"articles": [
        {"id": "a1", "title": "Oil prices climb", "published": "1987-03-02",
         "text": "Crude oil prices rose sharply on Monday as OPEC ministers met in Vienna."}]}"#;
    let (_, v) = get(&app, "/api/search?q=opec&limit=5").await;
    assert!(v["hits"].as_array().unwrap().is_empty());
    let (s, v) = call(&app, post("/api/ingest", body, None)).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED);
    let (s, v) = call(&app, post("/api/ingest", body, Some("wrong"))).await;
    assert_error(s, &v, StatusCode::UNAUTHORIZED);
    let (s, v) = call(&app, post("/api/ingest", body, Some("s3cret"))).await;
    assert_eq!(s, StatusCode::OK, "{v}");
    assert_eq!(v["results"][0]["outcome"], "added");
    let (s, v) = call(&app, post("/api/ingest", body, Some("s3cret"))).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["results"][0]["outcome"], "duplicate");
    let (s, v) = get(&app, "/api/search?q=opec&limit=5").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["kind"], "documents");
    let hit = &v["hits"][0];
    assert_eq!(hit["title"], "Oil prices climb");
    assert_eq!(hit["snippet"]["highlights"][0], serde_json::json!([43, 47]));
    let id = hit["id"].as_i64().unwrap();
    let (s, v) = get(&app, &format!("/api/documents/{id}")).await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(v["document"]["id"], "a1");
    assert!(v["document"]["text"]
        .as_str()
        .unwrap()
        .starts_with("Crude oil"));
    let (s, v) = get(&app, "/api/events?bucket=day").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["timeline"].as_array().unwrap().is_empty());
    let (s, _) = get(&app, "/api/network").await;
    assert_eq!(s, StatusCode::OK);
    let (s, v) = get(&app, "/api/claims").await;
    assert_eq!(s, StatusCode::OK);
    assert!(v["clusters"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn cors_is_off_by_default() {
    let app = app("cors", None);
    let resp = app
        .oneshot(Request::get("/api/stats").body(Body::empty()).unwrap())
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers().get("access-control-allow-origin").is_none());
}
