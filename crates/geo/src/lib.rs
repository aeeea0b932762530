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
                    cands: gaz.lookup(d),
                    sentence: None,
                    from_ner: false,
                    facility: false,
                };
                resolve::prior_best(&m, gaz, &self.weights)
            })
            .and_then(|i| gaz.entry(i))
            .map(|e| e.country.to_string())
            .filter(|c| !c.is_empty());
        let chosen = resolve::resolve(&mentions, &doc.text, gaz, &self.weights, dateline_country);
        doc.places = mentions
            .iter()
            .zip(chosen)
            .filter_map(|(m, c)| {
                let e = gaz.entry(c?)?;
                let mut p = place(m.span, &doc.text, &e);
                if m.facility {
                    p.feature = Some("facility".to_string());
                }
                Some(p)
            })
            .collect();
        doc.places.sort_by_key(|p| (p.span.start, p.span.end));
        // ActionGeo: events (coded before this stage) get the place of their sentence, else
        // the dateline place
        for i in 0..doc.events.len() {
            let Some(start) = doc
                .events
                .get(i)
                .filter(|e| e.place.is_none())
                .map(|e| e.span.start)
            else {
                continue;
            };
            let place = doc
                .sentence_at(start)
                .and_then(|s| place_for_sentence(doc, s))
                .or_else(|| place_for_sentence(doc, usize::MAX));
            if let Some(e) = doc.events.get_mut(i) {
                e.place = place;
            }
        }
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
        country: (!e.country.is_empty()).then(|| e.country.to_string()),
        admin1: (!e.admin1.is_empty()).then(|| e.admin1.to_string()),
        name: Some(e.name.to_string()),
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
                facility: false,
            });
        }
    }
    out
}

/// The dateline at the start of an article ("ISLAMABAD —", "KABUL (Reuters) -",
/// "WASHINGTON, Sept. 1 (AP) --"): the span of the place part.
pub fn find_dateline(text: &str) -> Option<Span> {
    let lead = text.len() - text.trim_start().len();
    // the first 80 characters, borrowed
    let rest = text.get(lead..).unwrap_or("");
    let head = rest
        .char_indices()
        .nth(80)
        .and_then(|(end, _)| rest.get(..end))
        .unwrap_or(rest);
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

/// The GDELT-style geography of a place (the ActionGeo/Actor1Geo/Actor2Geo columns).
#[derive(Debug, Clone, PartialEq)]
pub struct GdeltGeo {
    /// 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1).
    pub geo_type: u8,
    /// "Kabul, Kabul, Afghanistan".
    pub full_name: String,
    /// ISO 3166-1 alpha-2 (GDELT itself uses FIPS 10-4 country codes).
    pub country_code: String,
    /// First-level subdivision name.
    pub adm1: String,
    pub lat: f64,
    pub lon: f64,
    /// GeoNames id where known.
    pub feature_id: Option<u64>,
}

/// GDELT geography columns for a resolved place.
pub fn gdelt_geo(p: &Place) -> GdeltGeo {
    let gaz = Gazetteer::global();
    let cc = p.country.clone().unwrap_or_default();
    let country_name = gaz.country(&cc).map(|(_, e)| e.name).unwrap_or("");
    let feature = p.feature.as_deref().unwrap_or("");
    let geo_type = match (feature, cc.as_str()) {
        ("country", _) => 1,
        ("admin1", "US") => 2,
        ("admin1", _) => 5,
        (_, "US") => 3,
        _ => 4,
    };
    let name = p.name.clone().unwrap_or_else(|| p.text.clone());
    let mut parts = vec![name.as_str()];
    if let Some(a) = p.admin1.as_deref().filter(|a| *a != name && geo_type != 1) {
        parts.push(a);
    }
    if geo_type != 1 && !country_name.is_empty() {
        parts.push(country_name);
    }
    GdeltGeo {
        geo_type,
        full_name: parts.join(", "),
        country_code: cc,
        adm1: p.admin1.clone().unwrap_or_default(),
        lat: p.lat,
        lon: p.lon,
        feature_id: p.geonameid,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn geoparse(text: &str) -> Document {
        let mut doc = Document::from_text("t", text);
        doc.text = text.to_string();
        dateline_text::segment(&mut doc);
        let _ = GeoStage::default().process(&mut doc);
        doc
    }

    fn texts(doc: &Document) -> Vec<&str> {
        doc.places.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn datelines() {
        let t = "ISLAMABAD — Pakistan said on Monday.";
        assert_eq!(find_dateline(t).map(|s| s.text(t)), Some("ISLAMABAD"));
        let t = "KABUL (Reuters) - A blast hit the city.";
        assert_eq!(find_dateline(t).map(|s| s.text(t)), Some("KABUL"));
        let t = "WASHINGTON, Sept. 1 (AP) -- Officials said.";
        assert_eq!(find_dateline(t).map(|s| s.text(t)), Some("WASHINGTON"));
        assert_eq!(find_dateline("The US has said that: the threat"), None);
        let doc = geoparse("KABUL (Reuters) - A blast hit the city.");
        assert_eq!(doc.dateline.as_deref(), Some("KABUL"));
        assert_eq!(
            doc.places.first().and_then(|p| p.country.as_deref()),
            Some("AF")
        );
    }

    #[test]
    fn regression_person_named_washington_is_not_a_place() {
        let doc = geoparse("George Washington crossed the river with his men.");
        assert!(
            texts(&doc).iter().all(|t| !t.contains("Washington")),
            "{:?}",
            doc.places
        );
    }

    #[test]
    fn regression_sentence_initial_common_word_is_not_a_place() {
        let doc = geoparse("Reading the report, officials in Paris said it was late.");
        assert_eq!(texts(&doc), vec!["Paris"]);
        assert_eq!(doc.places[0].country.as_deref(), Some("FR"));
    }

    #[test]
    fn regression_containment_pandi_bulacan() {
        let doc = geoparse("Hogs were culled at a farm in Pandi, Bulacan on Sunday.");
        let pandi = doc
            .places
            .iter()
            .find(|p| p.text == "Pandi")
            .expect("Pandi");
        assert_eq!(pandi.country.as_deref(), Some("PH"));
        assert!(doc.places.iter().any(|p| p.text == "Bulacan"));
    }

    #[test]
    fn regression_disease_named_after_a_place_is_not_a_place() {
        let doc = geoparse("Cases of Marburg virus were reported in Uganda.");
        assert_eq!(texts(&doc), vec!["Uganda"]);
    }

    #[test]
    fn action_geo_prefers_the_sentence_place() {
        let doc = geoparse("ISLAMABAD — Talks were held. Troops moved into Kandahar on Monday.");
        let i = place_for_sentence(&doc, 1).expect("a place");
        assert_eq!(doc.places[i].text, "Kandahar");
        let g = gdelt_geo(&doc.places[i]);
        assert_eq!(g.geo_type, 4);
        assert_eq!(g.country_code, "AF");
        assert!(g.full_name.ends_with("Afghanistan"), "{}", g.full_name);
        let j = place_for_sentence(&doc, 0).expect("the dateline place");
        assert_eq!(doc.places[j].text, "ISLAMABAD");
    }

    #[test]
    fn events_get_the_place_of_their_sentence() {
        use dateline_core::{Event, EventActor, Span};
        let text = "ISLAMABAD — Talks were held. Troops moved into Kandahar on Monday.";
        let mut doc = Document::from_text("t", text);
        doc.text = text.to_string();
        dateline_text::segment(&mut doc);
        let actor = EventActor {
            text: "Troops".into(),
            code: "AFGMIL".into(),
            span: None,
            actor: None,
        };
        let mk = |span: Span| Event {
            source: actor.clone(),
            target: None,
            cameo: "190".into(),
            plover: None,
            goldstein: None,
            quad_class: Some(4),
            span,
            verb: None,
            date: None,
            place: None,
        };
        let s0 = doc.sentences[0];
        let s1 = doc.sentences[1];
        doc.events = vec![mk(s0), mk(s1)];
        GeoStage::default().process(&mut doc).expect("geo");
        let at = |i: usize| doc.events[i].place.map(|p| doc.places[p].text.as_str());
        assert_eq!(at(0), Some("ISLAMABAD"));
        assert_eq!(at(1), Some("Kandahar"));
    }

    #[test]
    fn regression_long_lists_of_places_stay_linear() {
        // a 20,000-mention list must not go quadratic in the spatial context
        let names = [
            "Paris", "Lyon", "Berlin", "Madrid", "Kabul", "Lagos", "Quito", "Lima",
        ];
        let text: String = (0..20_000)
            .map(|i| format!("In {} it rained. ", names[i % names.len()]))
            .collect();
        let doc = geoparse(&text);
        assert_eq!(doc.places.len(), 20_000);
    }

    proptest! {
        #[test]
        fn dateline_never_panics_and_stays_in_bounds(s in "\\PC{0,120}") {
            if let Some(sp) = find_dateline(&s) {
                prop_assert!(sp.end <= s.len());
                prop_assert!(s.get(sp.start..sp.end).is_some());
            }
        }

        #[test]
        fn geoparse_never_panics(s in "[A-Za-z ,.()—-]{0,200}") {
            let doc = geoparse(&s);
            for p in &doc.places {
                prop_assert!(doc.text.get(p.span.start..p.span.end).is_some());
            }
        }
    }
}
