//! View models: what each page shows. The server fills them from the store.
use crate::annotate::{self, char_to_byte_table, Mark};
use crate::svg;
use serde::Serialize;

/// Shared by every page: the query in the header box and the active navigation item.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Chrome {
    pub q: String,
    pub nav: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EntityView {
    pub start: usize,
    pub end: usize,
    pub label: String,
    pub actor_id: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct QuoteView {
    pub start: usize,
    pub end: usize,
    pub kind: String,
    pub speaker_name: Option<String>,
    pub actor_id: Option<String>,
    pub cue: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct EventView {
    /// Index of the sentence the event was coded from.
    pub sentence: usize,
    pub source: String,
    pub source_code: Option<String>,
    pub target: Option<String>,
    pub target_code: Option<String>,
    pub cameo: String,
    pub plover: Option<String>,
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
    pub date: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PlaceView {
    pub start: usize,
    pub end: usize,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
    pub country: Option<String>,
}

/// A document with its annotations; offsets in code points of `text`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticleView {
    pub id: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
    pub site: Option<String>,
    pub published: Option<String>,
    pub timezone: Option<String>,
    pub authors: Vec<String>,
    pub text: String,
    pub paragraphs: Vec<(usize, usize)>,
    pub sentences: Vec<(usize, usize)>,
    pub entities: Vec<EntityView>,
    pub quotes: Vec<QuoteView>,
    pub events: Vec<EventView>,
    pub places: Vec<PlaceView>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ArticlePage {
    pub chrome: Chrome,
    pub doc: ArticleView,
    /// The annotated paragraphs as trusted HTML.
    pub paragraphs_html: Vec<String>,
    pub entity_legend: Vec<(String, usize)>,
}

fn label_class(label: &str) -> String {
    label.to_ascii_lowercase()
}

impl ArticlePage {
    /// Builds the annotated text: entities highlighted by type, quotes underlined and linked to
    /// their speaker, a `#s-N` anchor at each sentence start.
    pub fn new(doc: ArticleView) -> Self {
        let text = doc.text.as_str();
        let table = char_to_byte_table(text);
        let b = |c: usize| table.get(c).copied().unwrap_or(text.len());
        let mut marks: Vec<Mark> = Vec::new();
        for q in &doc.quotes {
            let who = q.speaker_name.as_deref().unwrap_or("unknown speaker");
            let (open, close) = match &q.actor_id {
                Some(id) => (
                    format!(
                        "<a class=\"quote quote-{}\" href=\"/actors/{}\" title=\"{} quote: {}\">",
                        annotate::escape(&q.kind),
                        annotate::escape(id),
                        annotate::escape(&q.kind),
                        annotate::escape(who)
                    ),
                    "</a>",
                ),
                None => (
                    format!(
                        "<span class=\"quote quote-{}\" title=\"{} quote: {}\">",
                        annotate::escape(&q.kind),
                        annotate::escape(&q.kind),
                        annotate::escape(who)
                    ),
                    "</span>",
                ),
            };
            marks.push(Mark {
                start: b(q.start),
                end: b(q.end),
                open,
                close,
            });
        }
        let mut legend: std::collections::BTreeMap<String, usize> = Default::default();
        for e in &doc.entities {
            *legend.entry(e.label.clone()).or_default() += 1;
            let title = match &e.actor_id {
                Some(id) => format!(" data-actor=\"{}\"", annotate::escape(id)),
                None => String::new(),
            };
            marks.push(Mark {
                start: b(e.start),
                end: b(e.end),
                open: format!(
                    "<mark class=\"ent ent-{}\" title=\"{}\"{title}>",
                    annotate::escape(&label_class(&e.label)),
                    annotate::escape(&e.label)
                ),
                close: "</mark>",
            });
        }
        let anchors: Vec<(usize, String)> = doc
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| (b(s.0), format!("<a class=\"sent\" id=\"s-{i}\"></a>")))
            .collect();
        let paragraphs: Vec<(usize, usize)> = if doc.paragraphs.is_empty() {
            vec![(0, text.chars().count())]
        } else {
            doc.paragraphs.clone()
        };
        let paragraphs_html = paragraphs
            .iter()
            .map(|p| annotate::render(text, (b(p.0), b(p.1)), &marks, &anchors))
            .collect();
        ArticlePage {
            chrome: Chrome::default(),
            doc,
            paragraphs_html,
            entity_legend: legend.into_iter().collect(),
        }
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Facet {
    pub value: String,
    pub count: u64,
    /// The query that narrows the search to this value.
    pub q: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchHit {
    /// "document", "quote" or "event".
    pub kind: String,
    pub doc_id: String,
    pub title: String,
    pub published: Option<String>,
    pub source: Option<String>,
    /// Snippet as trusted HTML with `<mark>` highlights (the server escapes the text).
    pub snippet_html: String,
    pub speaker: Option<String>,
    pub actor_id: Option<String>,
    /// For events: the CAMEO code and PLOVER category, and the sentence anchor.
    pub code: Option<String>,
    pub plover: Option<String>,
    pub sentence: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct SearchPage {
    pub chrome: Chrome,
    pub q: String,
    /// "documents", "quotes" or "events".
    pub kind: String,
    pub total: u64,
    pub hits: Vec<SearchHit>,
    pub next_cursor: Option<String>,
    pub error: Option<String>,
    pub publishers: Vec<Facet>,
    pub actors: Vec<Facet>,
    pub categories: Vec<Facet>,
    /// Documents per day, as an SVG histogram (trusted HTML).
    pub histogram_svg: String,
}

impl SearchPage {
    pub fn set_histogram(&mut self, bins: &[(String, u64)]) {
        self.histogram_svg = svg::histogram(bins, None);
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ActorSummary {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub code: Option<String>,
    pub titles: Vec<String>,
    pub quotes: u64,
    pub events: u64,
    pub documents: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ActorsPage {
    pub chrome: Chrome,
    pub q: String,
    pub actors: Vec<ActorSummary>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct QuoteItem {
    pub text: String,
    pub kind: String,
    pub sentence: Option<usize>,
}

/// An actor's quotes in one article.
#[derive(Debug, Clone, Default, Serialize)]
pub struct QuoteGroup {
    pub doc_id: String,
    pub title: String,
    pub published: Option<String>,
    pub quotes: Vec<QuoteItem>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counterpart {
    pub id: String,
    pub name: String,
    pub count: u64,
    pub quad: u8,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ClaimSide {
    pub speaker: String,
    pub actor_id: Option<String>,
    pub date: Option<String>,
    pub text: String,
    pub doc_id: String,
    pub sentence: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ContestedClaim {
    pub id: String,
    pub proposition: String,
    pub support: Vec<ClaimSide>,
    pub oppose: Vec<ClaimSide>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ActorPage {
    pub chrome: Chrome,
    pub actor: ActorSummary,
    pub quote_groups: Vec<QuoteGroup>,
    pub counterparts: Vec<Counterpart>,
    pub claims: Vec<ContestedClaim>,
    /// Events over time as source and target (trusted SVG).
    pub timeline_svg: String,
    /// Optional world map of the actor's events (trusted SVG), from the geo stage.
    pub map_svg: Option<String>,
}

impl ActorPage {
    pub fn set_timeline(&mut self, points: &[svg::TimePoint]) {
        self.timeline_svg = svg::timeline(points);
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct NetworkPage {
    pub chrome: Chrome,
    pub q: String,
    pub from: String,
    pub to: String,
    pub svg: String,
    pub edges: Vec<svg::NetEdge>,
    pub nodes: Vec<svg::NetNode>,
}

impl NetworkPage {
    pub fn set_graph(&mut self, nodes: Vec<svg::NetNode>, edges: Vec<svg::NetEdge>) {
        self.svg = svg::network(&nodes, &edges);
        self.nodes = nodes;
        self.edges = edges;
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ContestedPage {
    pub chrome: Chrome,
    pub claims: Vec<ContestedClaim>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ErrorPage {
    pub chrome: Chrome,
    pub status: u16,
    pub message: String,
}
