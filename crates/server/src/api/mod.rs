//! The JSON API under `/api` (documented by `/api/openapi.json`).
mod openapi;

use crate::{ApiError, AppState};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Path, Query as QueryParams, Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use dateline_core::{Document, SourceFormat, SourceRecord};
use dateline_store::{Bucket, Kind, Page, Query};
use serde::Deserialize;
use serde_json::{json, Value};

/// Most articles accepted by one `POST /api/ingest`.
pub const MAX_INGEST_ARTICLES: usize = 1000;

pub fn routes(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/api/openapi.json", get(openapi::handler))
        .route("/api/stats", get(stats))
        .route("/api/search", get(search))
        .route("/api/documents/{id}", get(document))
        .route("/api/actors", get(actors))
        .route("/api/actors/{id}", get(actor))
        .route("/api/events", get(events))
        .route("/api/network", get(network))
        .route("/api/claims", get(claims))
        .route(
            "/api/ingest",
            post(ingest).layer(DefaultBodyLimit::max(state.config.max_body)),
        )
        .layer(DefaultBodyLimit::max(state.config.max_body))
}

/// Time limit, CORS header (only when configured), and JSON bodies for errors axum answers
/// itself (405).
pub async fn limits(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let cache_key = (state.config.cache && req.method() == Method::GET)
        .then(|| req.uri().to_string())
        .filter(|k| k.starts_with("/api/"));
    if let Some(k) = &cache_key {
        if let Some(body) = state.cache.get(k) {
            let mut r = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
            cors(&state, &mut r);
            return r;
        }
    }
    let generation = state.cache.generation();
    let mut resp = match tokio::time::timeout(state.config.timeout, next.run(req)).await {
        Ok(r) => r,
        Err(_) => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!(
                "request took longer than the {} ms limit",
                state.config.timeout.as_millis()
            ),
        )
        .into_response(),
    };
    if resp.status() == StatusCode::METHOD_NOT_ALLOWED
        && !resp.headers().contains_key(header::CONTENT_TYPE)
    {
        resp = ApiError::new(StatusCode::METHOD_NOT_ALLOWED, "method not allowed").into_response();
    }
    if let (Some(k), StatusCode::OK) = (cache_key, resp.status()) {
        let (parts, body) = resp.into_parts();
        match axum::body::to_bytes(body, crate::cache::MAX_ENTRY_BYTES * 64).await {
            Ok(bytes) => {
                state.cache.put(k, generation, bytes.clone());
                resp = Response::from_parts(parts, axum::body::Body::from(bytes));
            }
            Err(e) => return ApiError::internal(format!("response body: {e}")).into_response(),
        }
    }
    cors(&state, &mut resp);
    resp
}

fn cors(state: &AppState, resp: &mut Response) {
    if let Some(origin) = &state.config.cors_origin {
        if let Ok(v) = HeaderValue::from_str(origin) {
            resp.headers_mut()
                .insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, v);
        }
    }
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such endpoint (see /api/openapi.json)")
}

/// Query-string parameters shared by the list endpoints. All are strings so that a bad value
/// gets a precise message rather than a generic rejection.
#[derive(Debug, Default, Deserialize)]
pub struct Params {
    q: Option<String>,
    kind: Option<String>,
    limit: Option<String>,
    cursor: Option<String>,
    bucket: Option<String>,
    name: Option<String>,
    actor: Option<String>,
    contested: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

type ParamsResult = Result<QueryParams<Params>, QueryRejection>;

fn params(p: ParamsResult) -> Result<Params, ApiError> {
    p.map(|QueryParams(p)| p)
        .map_err(|e| ApiError::bad_request(format!("bad query string: {e}")))
}

impl Params {
    fn page(&self) -> Result<Page, ApiError> {
        let limit = match self.limit.as_deref() {
            None | Some("") => None,
            Some(l) => Some(
                l.trim()
                    .parse::<i64>()
                    .map_err(|_| ApiError::bad_request(format!("limit {l:?}: not an integer")))?,
            ),
        };
        Ok(Page::new(limit, self.cursor.as_deref())?)
    }
    fn query(&self) -> Result<Query, ApiError> {
        let mut q = Query::parse(self.q.as_deref().unwrap_or(""))?;
        if let Some(k) = self.kind.as_deref() {
            q.kind = Kind::parse(k)?;
        }
        Ok(q)
    }
}

fn parse_id(s: &str) -> Result<i64, ApiError> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| ApiError::bad_request(format!("id {s:?}: not an integer")))
}

async fn stats(State(st): State<AppState>) -> Result<Response, ApiError> {
    let s = st.read(|s| Ok(s.stats()?)).await?;
    Ok(Json(s).into_response())
}

async fn search(State(st): State<AppState>, p: ParamsResult) -> Result<Response, ApiError> {
    let p = params(p)?;
    let (q, page) = (p.query()?, p.page()?);
    let r = st.read(move |s| Ok(s.search(&q, &page)?)).await?;
    Ok(Json(r).into_response())
}

async fn document(
    State(st): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let d = st.read(move |s| Ok(s.document(id)?)).await?;
    match d {
        Some(d) => Ok(Json(d).into_response()),
        None => Err(ApiError::not_found(format!("no document {id}"))),
    }
}

async fn actors(State(st): State<AppState>, p: ParamsResult) -> Result<Response, ApiError> {
    let p = params(p)?;
    let page = p.page()?;
    let name = p.name.clone();
    let (actors, next) = st
        .read(move |s| Ok(s.actors(name.as_deref(), &page)?))
        .await?;
    Ok(Json(json!({"actors": actors, "next_cursor": next})).into_response())
}

async fn actor(
    State(st): State<AppState>,
    Path(id): Path<String>,
    p: ParamsResult,
) -> Result<Response, ApiError> {
    let id = parse_id(&id)?;
    let page = params(p)?.page()?;
    let a = st
        .read(move |s| Ok(s.actor(id, page.limit.max(100))?))
        .await?;
    match a {
        Some(a) => Ok(Json(a).into_response()),
        None => Err(ApiError::not_found(format!("no actor {id}"))),
    }
}

async fn events(State(st): State<AppState>, p: ParamsResult) -> Result<Response, ApiError> {
    let p = params(p)?;
    let q = p.query()?;
    match p.bucket.as_deref() {
        Some(b) => {
            let bucket = Bucket::parse(b)?;
            let tl = st.read(move |s| Ok(s.event_timeline(&q, bucket)?)).await?;
            Ok(Json(json!({"bucket": bucket, "timeline": tl})).into_response())
        }
        None => {
            let page = p.page()?;
            let r = st.read(move |s| Ok(s.events(&q, &page)?)).await?;
            Ok(Json(r).into_response())
        }
    }
}

async fn network(State(st): State<AppState>, p: ParamsResult) -> Result<Response, ApiError> {
    let p = params(p)?;
    let limit = p.page()?.limit;
    let actor = p.actor.clone().filter(|a| !a.trim().is_empty());
    let r = st
        .read(move |s| {
            let id = match &actor {
                Some(a) => Some(
                    s.find_actor(a)?
                        .ok_or_else(|| ApiError::not_found(format!("no actor {a:?}")))?,
                ),
                None => None,
            };
            Ok((id, s.network(id, limit)?))
        })
        .await?;
    Ok(Json(json!({"actor": r.0, "edges": r.1})).into_response())
}

async fn claims(State(st): State<AppState>, p: ParamsResult) -> Result<Response, ApiError> {
    let p = params(p)?;
    let page = p.page()?;
    let contested = match p.contested.as_deref().map(str::trim) {
        None | Some("") | Some("false") | Some("0") => false,
        Some("true") | Some("1") => true,
        Some(v) => {
            return Err(ApiError::bad_request(format!(
                "contested {v:?}: expected true or false"
            )))
        }
    };
    let nonempty = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    let filter = dateline_store::ClaimFilter {
        contested,
        actor: nonempty(p.actor),
        from: nonempty(p.from),
        to: nonempty(p.to),
    };
    let r = st
        .read(move |s| Ok(s.claim_clusters(&filter, &page)?))
        .await?;
    Ok(Json(r).into_response())
}

/// One article of a `POST /api/ingest` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ArticleIn {
    id: Option<Value>,
    text: Option<String>,
    html: Option<String>,
    url: Option<String>,
    title: Option<String>,
    published: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum IngestBody {
    Wrapped { articles: Vec<ArticleIn> },
    List(Vec<ArticleIn>),
    One(ArticleIn),
}

async fn ingest(
    State(st): State<AppState>,
    headers: axum::http::HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    if !st.config.allow_ingest {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest is disabled on this server",
        ));
    }
    if let Some(token) = &st.config.token {
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "));
        if given != Some(token.as_str()) {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "a valid `Authorization: Bearer <token>` header is required",
            ));
        }
    }
    let body = body.map_err(|e| {
        let status = e.status();
        if status == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                status,
                format!(
                    "request body larger than the {} byte limit",
                    st.config.max_body
                ),
            )
        } else {
            ApiError::new(status, e.body_text())
        }
    })?;
    let parsed: IngestBody = serde_json::from_slice(&body).map_err(|e| {
        ApiError::bad_request(format!(
            "invalid JSON: {e} (expected {{\"articles\": [{{\"id\", \"text\"|\"html\", \"url\"?, \"title\"?, \"published\"?}}]}})"
        ))
    })?;
    let articles = match parsed {
        IngestBody::Wrapped { articles } | IngestBody::List(articles) => articles,
        IngestBody::One(a) => vec![a],
    };
    if articles.is_empty() {
        return Err(ApiError::bad_request("no articles in the body"));
    }
    if articles.len() > MAX_INGEST_ARTICLES {
        return Err(ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("at most {MAX_INGEST_ARTICLES} articles per request"),
        ));
    }
    let mut records = Vec::with_capacity(articles.len());
    for (i, a) in articles.into_iter().enumerate() {
        if a.text.is_none() && a.html.is_none() {
            return Err(ApiError::bad_request(format!(
                "article {i}: needs `text` or `html`"
            )));
        }
        let id = match a.id {
            None | Some(Value::Null) => format!("api-{i}"),
            Some(Value::String(s)) => s,
            Some(v) => v.to_string(),
        };
        records.push(SourceRecord {
            id,
            format: if a.html.is_some() {
                SourceFormat::Html
            } else {
                SourceFormat::Text
            },
            origin: Some("POST /api/ingest".into()),
            url: a.url,
            title: a.title,
            published: a.published,
            authors: a.authors,
            text: a.text,
            html: a.html,
        });
    }
    let pipeline = st.pipeline.clone();
    let writer = st.writer.clone();
    let cache = st.cache.clone();
    let result = tokio::task::spawn_blocking(move || -> Result<Value, ApiError> {
        let mut docs = Vec::new();
        let mut results = Vec::new();
        for rec in records {
            let id = rec.id.clone();
            let mut d = Document::from_record(rec);
            match pipeline.run(&mut d) {
                Ok(()) => docs.push(d),
                Err(e) => results.push(json!({"id": id, "error": e.to_string()})),
            }
        }
        let mut w = writer.lock().unwrap_or_else(|p| p.into_inner());
        let outcomes = w.insert_documents(&docs);
        let outcomes = match outcomes {
            Ok(o) => w.update_claim_clusters().map(|_| o),
            Err(e) => Err(e),
        };
        cache.bump();
        let outcomes = outcomes?;
        for (d, o) in docs.iter().zip(outcomes) {
            let mut v = json!(o);
            if let Some(m) = v.as_object_mut() {
                m.insert("id".into(), json!(d.id));
            }
            results.push(v);
        }
        Ok(json!({"results": results}))
    })
    .await
    .map_err(|e| ApiError::internal(format!("ingest worker failed: {e}")))??;
    Ok(Json(result).into_response())
}
