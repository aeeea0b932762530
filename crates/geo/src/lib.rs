//! Geography: the shipped gazetteer, toponym recognition and resolution ([`GeoStage`]), the
//! dateline, a place lookup for events ([`place_for_sentence`]) and an SVG world map
//! ([`render_world_map`]).
//!
//! Gazetteer data: GeoNames (CC BY 4.0), see `data/NOTICE`.
pub mod gazetteer;
pub mod map;
pub mod recognize;
pub mod resolve;

use dateline_core::{Document, Place, Span, Stage, StageError};
pub use gazetteer::{Entry, Gazetteer, Kind};
pub use map::render_world_map;
pub use recognize::Mention;
pub use resolve::Weights;

/// The geography stage: fills `doc.places` (sorted by start) and `doc.dateline`.
#[derive(Debug, Clone)]
pub struct GeoStage {
    /// Also emit demonyms and country adjectives ("Pakistani" → Pakistan) as places. Off by
    /// default: most geoparsing gold (GeoVirus, LGL) does not count them as toponyms.
    pub demonyms: bool,
    weights: Weights,
}

impl Default for GeoStage {
    fn default() -> Self {
        GeoStage {
            demonyms: false,
            weights: Weights::shipped(),
        }
    }
}

impl GeoStage {
    pub fn with_demonyms(mut self, on: bool) -> Self {
        self.demonyms = on;
        self
    }
    pub fn with_weights(mut self, w: Weights) -> Self {
        self.weights = w;
        self
    }
}

impl Stage for GeoStage {
    fn name(&self) -> &'static str {
        "geo"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let gaz = Gazetteer::global();
        let dl = find_dateline(&doc.text);
        if doc.dateline.is_none() {
            doc.dateline = dl.map(|s| s.text(&doc.text).to_string());
        }
        let mut mentions = recognize::recognize(doc, gaz);
        if self.demonyms {
            mentions.extend(demonym_mentions(doc, gaz, &mentions));
            mentions.sort_by_key(|m| m.span.start);
        }
        let dateline_country = doc
            .dateline
            .as_deref()
            .and_then(|d| {
                let m = Mention {
                    span: Span::default(),
                    key: gazetteer::key(d),
                    cands: gaz.lookup(d).to_vec(),
                    sentence: None,
                    from_ner: false,
                };
                resolve::prior_best(&m, gaz, &self.weights)
            })
            .and_then(|i| gaz.entry(i))
            .map(|e| e.country.clone())
            .filter(|c| !c.is_empty());
        let chosen = resolve::resolve(&mentions, &doc.text, gaz, &self.weights, dateline_country);
        doc.places = mentions
            .iter()
            .zip(chosen)
            .filter_map(|(m, c)| {
                let e = gaz.entry(c?)?;
                Some(place(m.span, &doc.text, e))
            })
            .collect();
        doc.places.sort_by_key(|p| (p.span.start, p.span.end));
        Ok(())
    }
}

fn place(span: Span, text: &str, e: &Entry) -> Place {
    Place {
        span,
        text: span.text(text).to_string(),
        lat: (e.lat as f64 * 1e4).round() / 1e4,
        lon: (e.lon as f64 * 1e4).round() / 1e4,
        geonameid: (e.geonameid != 0).then_some(e.geonameid as u64),
        country: (!e.country.is_empty()).then(|| e.country.clone()),
        admin1: (!e.admin1.is_empty()).then(|| e.admin1.clone()),
        name: Some(e.name.clone()),
        feature: Some(e.kind.as_str().to_string()),
    }
}

/// Demonym and adjective mentions ("Pakistani", "Afghan"), resolved to their country.
fn demonym_mentions(doc: &Document, gaz: &Gazetteer, taken: &[Mention]) -> Vec<Mention> {
    let mut out = Vec::new();
    for t in &doc.tokens {
        let w = t.span.text(&doc.text);
        if !w.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        if taken.iter().any(|m| m.span.overlaps(&t.span)) {
            continue;
        }
        let cands: Vec<u32> = gaz
            .demonym(w)
            .iter()
            .filter_map(|cc| gaz.country(cc).map(|x| x.0))
            .collect();
        if !cands.is_empty() {
            out.push(Mention {
                span: t.span,
                key: gazetteer::key(w),
                cands,
                sentence: Some(t.sentence as usize),
                from_ner: false,
            });
        }
    }
    out
}

/// The dateline at the start of an article ("ISLAMABAD —", "KABUL (Reuters) -",
/// "WASHINGTON, Sept. 1 (AP) --"): the span of the place part.
pub fn find_dateline(text: &str) -> Option<Span> {
    let lead = text.len() - text.trim_start().len();
    let head: String = text[lead..].chars().take(80).collect();
    // the dash or colon that ends the dateline
    let cut = ["—", "–", " - ", "--", ":"]
        .iter()
        .filter_map(|d| head.find(d))
        .min()?;
    let pre = head.get(..cut)?;
    // the place: up to a comma or parenthesis
    let place_end = pre.find([',', '(']).unwrap_or(pre.len());
    let place = pre.get(..place_end)?.trim_end();
    let letters: Vec<char> = place.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 3 || place.split_whitespace().count() > 4 {
        return None;
    }
    if !letters.iter().all(|c| c.is_uppercase()) {
        return None;
    }
    Some(Span::new(lead, lead + place.len()))
}

/// The place for an event in sentence `sentence` (ActionGeo): the most specific place named in
/// that sentence, else the dateline place, else the first place of the document. Returns an
/// index into `doc.places`.
pub fn place_for_sentence(doc: &Document, sentence: usize) -> Option<usize> {
    let rank = |p: &Place| match p.feature.as_deref() {
        Some("city") | Some("facility") => 0,
        Some("admin2") => 1,
        Some("admin1") => 2,
        Some("country") => 3,
        _ => 4,
    };
    if let Some(s) = doc.sentences.get(sentence) {
        let best = doc
            .places
            .iter()
            .enumerate()
            .filter(|(_, p)| s.contains(&p.span))
            .min_by_key(|(i, p)| (rank(p), *i));
        if let Some((i, _)) = best {
            return Some(i);
        }
    }
    if let Some(d) = &doc.dateline {
        let k = gazetteer::key(d);
        if let Some(i) = doc.places.iter().position(|p| gazetteer::key(&p.text) == k) {
            return Some(i);
        }
    }
    (!doc.places.is_empty()).then_some(0)
}
