//! The OpenAPI 3.1 document for the JSON API, written by hand (no schema macro dependency).
use axum::Json;
use serde_json::{json, Value};

fn param(name: &str, desc: &str, schema: Value) -> Value {
    json!({"name": name, "in": "query", "required": false, "description": desc, "schema": schema})
}

fn page_params() -> Vec<Value> {
    vec![
        param(
            "limit",
            "Page size, 1 to 1000 (default 20).",
            json!({"type": "integer", "minimum": 1, "maximum": 1000}),
        ),
        param(
            "cursor",
            "Opaque cursor from the previous page's `next_cursor`.",
            json!({"type": "string"}),
        ),
    ]
}

fn q_param() -> Value {
    param(
        "q",
        "Query language: free text plus actor:\"Jeff Davis\", speaker:, org:, place:, code:04 (CAMEO prefix), plover:CONSULT, from:YYYY-MM-DD, to:YYYY-MM-DD, source:, kind:documents|quotes|events.",
        json!({"type": "string"}),
    )
}

fn ok(desc: &str) -> Value {
    json!({
        "200": {"description": desc, "content": {"application/json": {"schema": {"type": "object"}}}},
        "400": {"$ref": "#/components/responses/Error"},
        "503": {"$ref": "#/components/responses/Error"}
    })
}

fn id_param(what: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "description": format!("{what} id"),
           "schema": {"type": "integer"}})
}

pub fn document() -> Value {
    let mut search_params = vec![
        q_param(),
        param(
            "kind",
            "documents, quotes or events (default: chosen from the filters).",
            json!({"type": "string", "enum": ["auto", "documents", "quotes", "events"]}),
        ),
    ];
    search_params.extend(page_params());
    let mut events_params = vec![
        q_param(),
        param(
            "bucket",
            "Aggregate by day or ISO week (labelled by Monday) instead of listing.",
            json!({"type": "string", "enum": ["day", "week"]}),
        ),
    ];
    events_params.extend(page_params());
    let mut actors_params = vec![param(
        "name",
        "Substring of the actor name.",
        json!({"type": "string"}),
    )];
    actors_params.extend(page_params());
    let mut claims_params = vec![
        param(
            "contested",
            "Only contested clusters: both sides held, by different speakers.",
            json!({"type": "boolean"}),
        ),
        param(
            "actor",
            "A statement by this speaker (case-insensitive substring).",
            json!({"type": "string"}),
        ),
        param(
            "from",
            "A statement dated on or after this day.",
            json!({"type": "string", "format": "date"}),
        ),
        param(
            "to",
            "A statement dated on or before this day.",
            json!({"type": "string", "format": "date"}),
        ),
    ];
    claims_params.extend(page_params());
    let mut with_404 = ok("The record.");
    if let Some(m) = with_404.as_object_mut() {
        m.insert(
            "404".into(),
            json!({"$ref": "#/components/responses/Error"}),
        );
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Dateline API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Who said what, and who did what to whom, when and where: documents, quotes, actors, events and claims extracted from news. All spans are Unicode code points of the document text. Errors are JSON: {\"error\": {\"status\", \"message\"}}."
        },
        "paths": {
            "/api/search": {"get": {
                "summary": "Search documents, quotes or events; ranked, with snippets and highlight ranges.",
                "parameters": search_params, "responses": ok("A page of hits.")}},
            "/api/documents/{id}": {"get": {
                "summary": "One document with all annotations and its near-duplicate copies.",
                "parameters": [id_param("Document")], "responses": with_404.clone()}},
            "/api/actors": {"get": {
                "summary": "Actors merged across the corpus, most documented first.",
                "parameters": actors_params, "responses": ok("A page of actors.")}},
            "/api/actors/{id}": {"get": {
                "summary": "An actor with its quotes, events and co-occurring actors.",
                "parameters": [id_param("Actor"), page_params()[0].clone()], "responses": with_404}},
            "/api/events": {"get": {
                "summary": "Coded events with filters, or counts by day/week for timelines.",
                "parameters": events_params, "responses": ok("Events or a timeline.")}},
            "/api/network": {"get": {
                "summary": "Weighted actor-actor edges from events and co-mentions.",
                "parameters": [param("actor", "Actor id or name; all edges when absent.", json!({"type": "string"})), page_params()[0].clone()],
                "responses": ok("Edges.")}},
            "/api/claims": {"get": {
                "summary": "Claim clusters: statements about the same proposition across speakers, articles and time, each on its side (`for`/`against`) with who, when, the text, the document and a link to the sentence. Contested clusters (both sides, different speakers) come first.",
                "parameters": claims_params, "responses": ok("A page of claim clusters: {clusters: [{cluster, claim, contested, for, against, for_speakers, against_speakers}], next_cursor}.")}},
            "/api/stats": {"get": {"summary": "Row counts.", "responses": ok("Counts.")}},
            "/api/ingest": {"post": {
                "summary": "Run the pipeline over articles and store them (size-limited; bearer token when configured).",
                "security": [{"bearer": []}, {}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["articles"],
                    "properties": {"articles": {"type": "array", "maxItems": super::MAX_INGEST_ARTICLES, "items": {
                        "type": "object",
                        "properties": {
                            "id": {"type": ["string", "integer"]}, "text": {"type": "string"},
                            "html": {"type": "string"}, "url": {"type": "string"},
                            "title": {"type": "string"}, "published": {"type": "string"},
                            "authors": {"type": "array", "items": {"type": "string"}}}}}}}}}},
                "responses": {
                    "200": {"description": "Per-article outcome (added, updated, unchanged, duplicate, near_duplicate) or error."},
                    "400": {"$ref": "#/components/responses/Error"},
                    "401": {"$ref": "#/components/responses/Error"},
                    "413": {"$ref": "#/components/responses/Error"}}}},
            "/api/openapi.json": {"get": {"summary": "This document.", "responses": {"200": {"description": "OpenAPI 3.1"}}}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {"Error": {"description": "An error.", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"error": {"type": "object", "properties": {
                    "status": {"type": "integer"}, "message": {"type": "string"}}}}}}}}}
        }
    })
}

pub async fn handler() -> Json<Value> {
    Json(document())
}
