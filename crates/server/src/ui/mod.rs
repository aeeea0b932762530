//! The web UI's routes: server-rendered HTML pages (templates and charts in `dateline-ui`),
//! filled from the store's query API through [`crate::AppState::read`]. Every page reads without
//! JavaScript.
use crate::{ApiError, AppState};
use axum::extract::{Path, Query as QueryParams, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use dateline_store::{Hit, Kind, Page, Query, Snippet, Store};
use dateline_ui::annotate::escape;
use dateline_ui::svg::{NetEdge, NetNode, TimePoint};
use dateline_ui::views::*;
use dateline_ui::Ui;
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

/// Results one facet computation looks at.
const FACET_SAMPLE: i64 = 500;

fn ui() -> Result<&'static Arc<Ui>, ApiError> {
    static UI: OnceLock<Result<Arc<Ui>, String>> = OnceLock::new();
    UI.get_or_init(|| Ui::new().map(Arc::new).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| ApiError::internal(format!("templates: {e}")))
}

/// UI routes, merged beside `/api` by [`crate::router`].
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/search") }))
        .route("/search", get(search))
        .route("/documents/{id}", get(document))
        .route("/actors", get(actors))
        .route("/actors/{id}", get(actor))
        .route("/network", get(network))
        .route("/contested", get(contested))
        .route(
            "/static/style.css",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
                    dateline_ui::STYLE_CSS,
                )
            }),
        )
        .route(
            "/static/app.js",
            get(|| async {
                (
                    [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
                    dateline_ui::APP_JS,
                )
            }),
        )
}

/// An HTML error page with the right status.
struct PageError(ApiError);

impl From<ApiError> for PageError {
    fn from(e: ApiError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let page = ErrorPage {
            status: self.0.status.as_u16(),
            message: self.0.message.clone(),
            ..Default::default()
        };
        match ui().and_then(|u| {
            u.render("error.html", &page)
                .map_err(|e| ApiError::internal(e.to_string()))
        }) {
            Ok(html) => (self.0.status, Html(html)).into_response(),
            Err(e) => e.into_response(),
        }
    }
}

type PageResult = Result<Html<String>, PageError>;

fn render<S: serde::Serialize>(template: &str, ctx: &S) -> PageResult {
    ui()?
        .render(template, ctx)
        .map(Html)
        .map_err(|e| PageError(ApiError::internal(e.to_string())))
}

fn chrome(q: &str, nav: &str) -> Chrome {
    Chrome {
        q: q.to_string(),
        nav: nav.to_string(),
    }
}

/// Snippet text escaped, highlights wrapped in `<mark>`.
fn snippet_html(s: &Snippet) -> String {
    let chars: Vec<char> = s.text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut hs: Vec<[usize; 2]> = s
        .highlights
        .iter()
        .copied()
        .filter(|h| h[0] < h[1] && h[1] <= chars.len())
        .collect();
    hs.sort_unstable();
    for h in hs {
        if h[0] < i {
            continue;
        }
        out.push_str(&escape(&chars[i..h[0]].iter().collect::<String>()));
        out.push_str("<mark>");
        out.push_str(&escape(&chars[h[0]..h[1]].iter().collect::<String>()));
        out.push_str("</mark>");
        i = h[1];
    }
    out.push_str(&escape(
        &chars[i.min(chars.len())..].iter().collect::<String>(),
    ));
    out
}

#[derive(Debug, Default, Deserialize)]
struct SearchParams {
    q: Option<String>,
    kind: Option<String>,
    cursor: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

fn with_dates(q: &str, from: &Option<String>, to: &Option<String>) -> String {
    let mut s = q.trim().to_string();
    for (k, v) in [("from", from), ("to", to)] {
        if let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            if !s.contains(&format!("{k}:")) {
                s.push_str(&format!(" {k}:{v}"));
            }
        }
    }
    s.trim().to_string()
}

fn hit_view(h: &Hit) -> SearchHit {
    match h {
        Hit::Document(d) => SearchHit {
            kind: "document".into(),
            doc_id: d.id.to_string(),
            title: d.title.clone().unwrap_or_else(|| d.ext_id.clone()),
            published: d.published.clone(),
            source: d.source.clone(),
            snippet_html: snippet_html(&d.snippet),
            ..Default::default()
        },
        Hit::Quote(q) => SearchHit {
            kind: "quote".into(),
            doc_id: q.doc.to_string(),
            title: q.doc_title.clone().unwrap_or_default(),
            published: q.published.clone(),
            snippet_html: snippet_html(&q.snippet),
            speaker: q.speaker_name.clone().or_else(|| q.speaker.clone()),
            actor_id: q.actor.map(|a| a.to_string()),
            ..Default::default()
        },
        Hit::Event(e) => {
            let who = match &e.target {
                Some(t) => format!(
                    "{} ({}) → {} ({})",
                    e.source.text, e.source.code, t.text, t.code
                ),
                None => format!("{} ({})", e.source.text, e.source.code),
            };
            SearchHit {
                kind: "event".into(),
                doc_id: e.doc.to_string(),
                title: e.doc_title.clone().unwrap_or_default(),
                published: e.date.clone(),
                snippet_html: format!(
                    "<strong>{}</strong> — {}",
                    escape(&who),
                    escape(&e.sentence)
                ),
                actor_id: e.source.actor.map(|a| a.to_string()),
                code: Some(e.cameo.clone()),
                plover: e.plover.clone(),
                ..Default::default()
            }
        }
    }
}

/// Facets of a result sample: publishers, actors, event categories, and hits per day.
struct Facets {
    publishers: Vec<Facet>,
    actors: Vec<Facet>,
    categories: Vec<Facet>,
    days: Vec<(String, u64)>,
}

fn facets(hits: &[Hit], base_q: &str) -> Facets {
    let mut pubs: HashMap<String, u64> = HashMap::new();
    let mut actors: HashMap<String, u64> = HashMap::new();
    let mut cats: HashMap<String, u64> = HashMap::new();
    let mut days: BTreeMap<String, u64> = BTreeMap::new();
    for h in hits {
        match h {
            Hit::Document(d) => {
                if let Some(s) = &d.source {
                    *pubs.entry(s.clone()).or_default() += 1;
                }
                if let Some(p) = d.published.as_deref().and_then(|p| p.get(..10)) {
                    *days.entry(p.to_string()).or_default() += 1;
                }
            }
            Hit::Quote(q) => {
                if let Some(s) = q.speaker_name.as_ref().or(q.speaker.as_ref()) {
                    *actors.entry(s.clone()).or_default() += 1;
                }
                if let Some(p) = q.published.as_deref().and_then(|p| p.get(..10)) {
                    *days.entry(p.to_string()).or_default() += 1;
                }
            }
            Hit::Event(e) => {
                *actors.entry(e.source.text.clone()).or_default() += 1;
                if let Some(t) = &e.target {
                    *actors.entry(t.text.clone()).or_default() += 1;
                }
                if let Some(p) = &e.plover {
                    *cats.entry(p.clone()).or_default() += 1;
                }
                if let Some(p) = e.date.as_deref().and_then(|p| p.get(..10)) {
                    *days.entry(p.to_string()).or_default() += 1;
                }
            }
        }
    }
    let top = |m: HashMap<String, u64>, field: &str| -> Vec<Facet> {
        let mut v: Vec<(String, u64)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        v.truncate(12);
        v.into_iter()
            .map(|(value, count)| {
                let q = format!("{base_q} {field}:\"{}\"", value.replace('"', ""))
                    .trim()
                    .to_string();
                Facet { value, count, q }
            })
            .collect()
    };
    Facets {
        publishers: top(pubs, "source"),
        actors: top(actors, "actor"),
        categories: top(cats, "plover"),
        days: days.into_iter().collect(),
    }
}

async fn search(
    State(st): State<AppState>,
    p: Result<QueryParams<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> PageResult {
    let QueryParams(p) = p.map_err(|e| ApiError::bad_request(e.to_string()))?;
    let q = with_dates(p.q.as_deref().unwrap_or(""), &p.from, &p.to);
    let mut page_view = SearchPage {
        chrome: chrome(&q, "search"),
        q: q.clone(),
        ..Default::default()
    };
    let parsed = Query::parse(&q).and_then(|mut parsed| {
        if let Some(k) = p.kind.as_deref() {
            parsed.kind = Kind::parse(k)?;
        }
        Ok(parsed)
    });
    let parsed = match parsed {
        Ok(x) => x,
        Err(e) => {
            page_view.error = Some(e.to_string());
            page_view.kind = "documents".into();
            return render("search.html", &page_view);
        }
    };
    let cursor = p.cursor.clone();
    let result = st
        .read(move |s: &Store| {
            let page = Page::new(Some(20), cursor.as_deref())?;
            let res = s.search(&parsed, &page)?;
            let sample = s.search(&parsed, &Page::new(Some(FACET_SAMPLE), None)?)?;
            Ok((res, sample))
        })
        .await;
    match result {
        Ok((res, sample)) => {
            page_view.kind = match res.kind {
                Kind::Quotes => "quotes",
                Kind::Events => "events",
                _ => "documents",
            }
            .into();
            page_view.hits = res.hits.iter().map(hit_view).collect();
            page_view.next_cursor = res.next_cursor;
            page_view.total = sample.hits.len() as u64;
            let f = facets(&sample.hits, &q);
            page_view.publishers = f.publishers;
            page_view.actors = f.actors;
            page_view.categories = f.categories;
            if f.days.len() > 1 {
                page_view.set_histogram(&f.days);
            }
        }
        Err(e) if e.status == StatusCode::BAD_REQUEST => {
            page_view.error = Some(e.message);
            page_view.kind = "documents".into();
        }
        Err(e) => return Err(e.into()),
    }
    render("search.html", &page_view)
}

fn parse_id(s: &str) -> Result<i64, ApiError> {
    s.trim()
        .parse::<i64>()
        .map_err(|_| ApiError::not_found(format!("no such page: {s:?}")))
}

async fn document(State(st): State<AppState>, Path(id): Path<String>) -> PageResult {
    let id = parse_id(&id)?;
    let stored = st
        .read(move |s: &Store| Ok(s.document(id)?))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
    let d = &stored.document;
    // document-local actor ids → corpus actor ids
    let local: HashMap<&str, i64> = stored
        .actors
        .iter()
        .filter_map(|a| Some((a.local_id.as_deref()?, a.actor)))
        .collect();
    let by_name: HashMap<&str, i64> = stored
        .actors
        .iter()
        .map(|a| (a.name.as_str(), a.actor))
        .collect();
    let entity_actor = |i: usize| -> Option<String> {
        let e = d.entities.get(i)?;
        let a = d.actors.get(e.actor?)?;
        local.get(a.id.as_str()).map(|x| x.to_string())
    };
    let view = ArticleView {
        id: stored.id.to_string(),
        title: d.title.clone(),
        url: d.url.clone(),
        source: d.source.clone(),
        site: d.site.clone(),
        published: d.published.map(|p| p.to_string()),
        timezone: d.timezone.clone(),
        authors: d.authors.clone(),
        text: d.text.clone(),
        paragraphs: d.paragraphs.iter().map(|s| (s.start, s.end)).collect(),
        sentences: d.sentences.iter().map(|s| (s.start, s.end)).collect(),
        entities: d
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| EntityView {
                start: e.span.start,
                end: e.span.end,
                label: e.label.as_str().to_string(),
                actor_id: entity_actor(i),
            })
            .collect(),
        quotes: d
            .quotes
            .iter()
            .map(|q| {
                let actor_id = q
                    .speaker_entity
                    .and_then(entity_actor)
                    .or_else(|| {
                        q.actor_id
                            .as_deref()
                            .and_then(|l| local.get(l))
                            .map(|x| x.to_string())
                    })
                    .or_else(|| {
                        q.speaker_name
                            .as_deref()
                            .and_then(|n| by_name.get(n))
                            .map(|x| x.to_string())
                    });
                QuoteView {
                    start: q.span.start,
                    end: q.span.end,
                    kind: serde_json::to_value(q.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    speaker_name: q.speaker_name.clone(),
                    actor_id,
                    cue: q.cue.as_ref().map(|c| c.text.clone()),
                }
            })
            .collect(),
        events: d
            .events
            .iter()
            .map(|e| EventView {
                sentence: d
                    .sentences
                    .iter()
                    .position(|s| s.start <= e.span.start && e.span.start < s.end.max(s.start + 1))
                    .unwrap_or(0),
                source: e.source.text.clone(),
                source_code: Some(e.source.code.clone()).filter(|c| !c.is_empty()),
                target: e.target.as_ref().map(|t| t.text.clone()),
                target_code: e
                    .target
                    .as_ref()
                    .map(|t| t.code.clone())
                    .filter(|c| !c.is_empty()),
                cameo: e.cameo.clone(),
                plover: e.plover.clone(),
                quad_class: e.quad_class,
                goldstein: e.goldstein,
                date: e.date.clone(),
            })
            .collect(),
        places: d
            .places
            .iter()
            .map(|p| PlaceView {
                start: p.span.start,
                end: p.span.end,
                name: p.name.clone().unwrap_or_else(|| p.text.clone()),
                lat: p.lat,
                lon: p.lon,
                country: p.country.clone(),
            })
            .collect(),
    };
    let mut page = ArticlePage::new(view);
    page.chrome = chrome("", "search");
    render("article.html", &page)
}

#[derive(Debug, Default, Deserialize)]
struct ActorsParams {
    q: Option<String>,
}

fn summary(a: &dateline_store::ActorSummary) -> ActorSummary {
    ActorSummary {
        id: a.id.to_string(),
        name: a.name.clone(),
        kind: a.kind.clone(),
        code: a.code.clone(),
        titles: a.titles.clone(),
        quotes: a.quotes.max(0) as u64,
        events: a.events.max(0) as u64,
        documents: a.documents.max(0) as u64,
    }
}

async fn actors(
    State(st): State<AppState>,
    QueryParams(p): QueryParams<ActorsParams>,
) -> PageResult {
    let q = p.q.unwrap_or_default();
    let name = q.clone();
    let (list, _) = st
        .read(move |s: &Store| Ok(s.actors(Some(&name), &Page::new(Some(200), None)?)?))
        .await?;
    let page = ActorsPage {
        chrome: chrome("", "actors"),
        q,
        actors: list.iter().map(summary).collect(),
    };
    render("actors.html", &page)
}

async fn actor(State(st): State<AppState>, Path(id): Path<String>) -> PageResult {
    let key = id.clone();
    let detail = st
        .read(move |s: &Store| {
            let Some(id) = s.find_actor(&key)? else {
                return Ok(None);
            };
            Ok(s.actor(id, 1000)?)
        })
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no actor {id:?}")))?;
    let me = detail.actor.id;
    // timeline: events per day as source and as target
    let mut days: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    let mut counter: HashMap<i64, (String, u64, [u64; 5])> = HashMap::new();
    for e in &detail.events {
        let day = e
            .date
            .as_deref()
            .and_then(|d| d.get(..10))
            .unwrap_or("unknown")
            .to_string();
        let slot = days.entry(day).or_default();
        let q = e.quad_class.unwrap_or(0).clamp(0, 4) as usize;
        if e.source.actor == Some(me) {
            slot.0 += 1;
            if let Some(t) = e
                .target
                .as_ref()
                .and_then(|t| Some((t.actor?, t.text.clone())))
            {
                let c = counter.entry(t.0).or_insert((t.1, 0, [0; 5]));
                c.1 += 1;
                c.2[q] += 1;
            }
        }
        if e.target.as_ref().and_then(|t| t.actor) == Some(me) {
            slot.1 += 1;
            if let Some(a) = e.source.actor {
                let c = counter
                    .entry(a)
                    .or_insert((e.source.text.clone(), 0, [0; 5]));
                c.1 += 1;
                c.2[q] += 1;
            }
        }
    }
    let points: Vec<TimePoint> = days
        .into_iter()
        .filter(|(d, _)| d != "unknown")
        .map(|(date, (s, t))| TimePoint {
            date,
            as_source: s,
            as_target: t,
        })
        .collect();
    let mut counterparts: Vec<Counterpart> = counter
        .into_iter()
        .filter(|(id, _)| *id != me)
        .map(|(id, (name, count, quads))| Counterpart {
            id: id.to_string(),
            name,
            count,
            quad: (1..5)
                .max_by_key(|&i| quads[i])
                .filter(|&i| quads[i] > 0)
                .unwrap_or(0) as u8,
        })
        .collect();
    for c in &detail.co_actors {
        if c.id != me && !counterparts.iter().any(|x| x.id == c.id.to_string()) {
            counterparts.push(Counterpart {
                id: c.id.to_string(),
                name: c.name.clone(),
                count: c.documents.max(0) as u64,
                quad: 0,
            });
        }
    }
    counterparts.sort_by(|a, b| {
        (b.quad > 0)
            .cmp(&(a.quad > 0))
            .then(b.count.cmp(&a.count))
            .then(a.name.cmp(&b.name))
    });
    counterparts.truncate(15);
    // quotes grouped by article, newest first
    let mut groups: Vec<QuoteGroup> = Vec::new();
    for q in &detail.quotes {
        let item = QuoteItem {
            text: q.text.clone(),
            kind: q.kind.clone(),
            sentence: None,
        };
        match groups.iter_mut().find(|g| g.doc_id == q.doc.to_string()) {
            Some(g) => g.quotes.push(item),
            None => groups.push(QuoteGroup {
                doc_id: q.doc.to_string(),
                title: q
                    .doc_title
                    .clone()
                    .unwrap_or_else(|| format!("document {}", q.doc)),
                published: q.published.clone(),
                quotes: vec![item],
            }),
        }
    }
    groups.sort_by(|a, b| b.published.cmp(&a.published));
    // the claims this actor made (its side first) and who disputes them
    let name = detail.actor.name.clone();
    let filter = dateline_store::ClaimFilter {
        actor: Some(name.clone()),
        ..Default::default()
    };
    let clusters = st
        .read(move |s: &Store| Ok(s.claim_clusters(&filter, &Page::new(Some(50), None)?)?))
        .await?;
    let lname = name.to_lowercase();
    let claims = clusters
        .clusters
        .iter()
        .map(|c| {
            let mut v = contested_view(c);
            let by_me =
                |l: &[ClaimSide]| l.iter().any(|s| s.speaker.to_lowercase().contains(&lname));
            if !by_me(&v.support) && by_me(&v.oppose) {
                std::mem::swap(&mut v.support, &mut v.oppose);
                if let Some(t) = v.support.first() {
                    v.proposition = t.text.clone();
                }
            }
            v
        })
        .collect();
    let mut page = ActorPage {
        claims,
        chrome: chrome("", "actors"),
        actor: summary(&detail.actor),
        quote_groups: groups,
        counterparts,
        ..Default::default()
    };
    page.set_timeline(&points);
    render("actor.html", &page)
}

#[derive(Debug, Default, Deserialize)]
struct NetworkParams {
    q: Option<String>,
    from: Option<String>,
    to: Option<String>,
}

async fn network(
    State(st): State<AppState>,
    QueryParams(p): QueryParams<NetworkParams>,
) -> PageResult {
    let q = p.q.clone().unwrap_or_default();
    let full = with_dates(&q, &p.from, &p.to);
    let parsed = Query::parse(&full).map_err(ApiError::from)?;
    let only_actor = parsed.actor.first().cloned();
    let (events, comentions) = st
        .read(move |s: &Store| {
            let mut eq = parsed.clone();
            eq.kind = Kind::Events;
            let ev = s.search(&eq, &Page::new(Some(1000), None)?)?;
            let actor = match &only_actor {
                Some(a) => s.find_actor(a)?,
                None => None,
            };
            let edges = if only_actor.is_some() && actor.is_none() {
                Vec::new()
            } else {
                s.network(actor, 60)?
            };
            Ok((ev.hits, edges))
        })
        .await?;
    // edges from coded events, coloured by their dominant quad class
    let mut agg: HashMap<(String, String), (f64, [u64; 5])> = HashMap::new();
    let mut names: HashMap<String, (String, f64)> = HashMap::new();
    for h in &events {
        let Hit::Event(e) = h else { continue };
        let (Some(a), Some(t)) = (
            e.source.actor,
            e.target
                .as_ref()
                .and_then(|t| t.actor.map(|x| (x, t.text.clone()))),
        ) else {
            continue;
        };
        if a == t.0 {
            continue;
        }
        let (ka, kb) = (a.to_string(), t.0.to_string());
        names
            .entry(ka.clone())
            .or_insert((e.source.text.clone(), 0.0))
            .1 += 1.0;
        names.entry(kb.clone()).or_insert((t.1.clone(), 0.0)).1 += 1.0;
        let key = if ka < kb { (ka, kb) } else { (kb, ka) };
        let slot = agg.entry(key).or_insert((0.0, [0; 5]));
        slot.0 += 2.0;
        slot.1[e.quad_class.unwrap_or(0).clamp(0, 4) as usize] += 1;
    }
    let dated = p.from.as_deref().is_some_and(|s| !s.is_empty())
        || p.to.as_deref().is_some_and(|s| !s.is_empty());
    if !dated {
        for e in &comentions {
            let (ka, kb) = (e.source.to_string(), e.target.to_string());
            names
                .entry(ka.clone())
                .or_insert((e.source_name.clone(), 0.0))
                .1 += e.comentions as f64;
            names
                .entry(kb.clone())
                .or_insert((e.target_name.clone(), 0.0))
                .1 += e.comentions as f64;
            let key = if ka < kb { (ka, kb) } else { (kb, ka) };
            agg.entry(key).or_insert((0.0, [0; 5])).0 += e.comentions as f64;
        }
    }
    let mut edges: Vec<NetEdge> = agg
        .into_iter()
        .map(|((a, b), (w, quads))| NetEdge {
            a,
            b,
            weight: w,
            quad: (1..5)
                .max_by_key(|&i| quads[i])
                .filter(|&i| quads[i] > 0)
                .unwrap_or(0) as u8,
        })
        .collect();
    edges.sort_by(|x, y| {
        y.weight
            .total_cmp(&x.weight)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
    edges.truncate(80);
    let mut nodes: Vec<NetNode> = names
        .into_iter()
        .filter(|(id, _)| edges.iter().any(|e| &e.a == id || &e.b == id))
        .map(|(id, (label, weight))| NetNode { id, label, weight })
        .collect();
    nodes.sort_by(|a, b| a.id.cmp(&b.id));
    let mut page = NetworkPage {
        chrome: chrome("", "network"),
        q,
        from: p.from.unwrap_or_default(),
        to: p.to.unwrap_or_default(),
        ..Default::default()
    };
    page.set_graph(nodes, edges);
    render("network.html", &page)
}

/// A stored claim cluster as the UI shows it: the proposition, and who stands on each side.
fn contested_view(c: &dateline_store::StoredCluster) -> ContestedClaim {
    let side = |r: &dateline_store::StoredStatement| ClaimSide {
        speaker: r.claimant.clone().unwrap_or_else(|| "unattributed".into()),
        actor_id: None,
        date: r.date.clone(),
        text: r.text.clone(),
        doc_id: r.doc.to_string(),
        sentence: r.sentence,
    };
    ContestedClaim {
        id: c.cluster.to_string(),
        proposition: c.claim.clone(),
        support: c.for_.iter().map(side).collect(),
        oppose: c.against.iter().map(side).collect(),
    }
}

async fn contested(State(st): State<AppState>) -> PageResult {
    let filter = dateline_store::ClaimFilter {
        contested: true,
        ..Default::default()
    };
    let clusters = st
        .read(move |s: &Store| Ok(s.claim_clusters(&filter, &Page::new(Some(100), None)?)?))
        .await?;
    let claims = clusters.clusters.iter().map(contested_view).collect();
    render(
        "contested.html",
        &ContestedPage {
            chrome: chrome("", "contested"),
            claims,
        },
    )
}
