//! GDELT 2.0-style event rows (tab-separated), for `dateline export --format gdelt`.
use dateline_core::{Document, Event};

/// The GDELT 2.0 event table columns, tab-separated.
pub const HEADER: &str = "GLOBALEVENTID\tSQLDATE\tMonthYear\tYear\tFractionDate\t\
Actor1Code\tActor1Name\tActor1CountryCode\tActor1KnownGroupCode\tActor1EthnicCode\tActor1Religion1Code\tActor1Religion2Code\tActor1Type1Code\tActor1Type2Code\tActor1Type3Code\t\
Actor2Code\tActor2Name\tActor2CountryCode\tActor2KnownGroupCode\tActor2EthnicCode\tActor2Religion1Code\tActor2Religion2Code\tActor2Type1Code\tActor2Type2Code\tActor2Type3Code\t\
IsRootEvent\tEventCode\tEventBaseCode\tEventRootCode\tQuadClass\tGoldsteinScale\tNumMentions\tNumSources\tNumArticles\tAvgTone\t\
Actor1Geo_Type\tActor1Geo_FullName\tActor1Geo_CountryCode\tActor1Geo_ADM1Code\tActor1Geo_ADM2Code\tActor1Geo_Lat\tActor1Geo_Long\tActor1Geo_FeatureID\t\
Actor2Geo_Type\tActor2Geo_FullName\tActor2Geo_CountryCode\tActor2Geo_ADM1Code\tActor2Geo_ADM2Code\tActor2Geo_Lat\tActor2Geo_Long\tActor2Geo_FeatureID\t\
ActionGeo_Type\tActionGeo_FullName\tActionGeo_CountryCode\tActionGeo_ADM1Code\tActionGeo_ADM2Code\tActionGeo_Lat\tActionGeo_Long\tActionGeo_FeatureID\t\
DATEADDED\tSOURCEURL";

/// Counts over the store for one event (same actors, code and day).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub mentions: u64,
    pub sources: u64,
    pub articles: u64,
}

/// Makes a value safe for a TSV cell.
fn cell(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r') {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Splits a CAMEO actor code into (country/IGO root, up to three 3-letter type codes).
fn actor_parts(code: &str) -> (String, [String; 3]) {
    let root = code.get(..3).unwrap_or("").to_string();
    let mut types: [String; 3] = Default::default();
    let rest = code.get(3..).unwrap_or("");
    for (i, t) in types.iter_mut().enumerate() {
        *t = rest.get(i * 3..i * 3 + 3).unwrap_or("").to_string();
    }
    (root, types)
}

fn actor_cols(out: &mut Vec<String>, a: Option<(&str, &str)>) {
    match a {
        Some((code, name)) => {
            let (root, types) = actor_parts(code);
            // IGO/NGO roots are not countries
            let country = if matches!(root.as_str(), "IGO" | "NGO" | "NGM" | "MNC" | "---") {
                String::new()
            } else {
                root
            };
            out.push(cell(code));
            out.push(cell(&name.to_uppercase()));
            out.push(country);
            out.extend(std::iter::repeat_n(String::new(), 4));
            out.extend(types);
        }
        None => out.extend(std::iter::repeat_n(String::new(), 10)),
    }
}

/// One GDELT row for `ev` of `doc`. `event_id` is the caller's GLOBALEVENTID.
pub fn row(doc: &Document, ev: &Event, event_id: u64, counts: Counts) -> String {
    let date = ev
        .date
        .clone()
        .or_else(|| doc.published.map(|p| p.date().to_string()))
        .unwrap_or_default();
    let digits: String = date.chars().filter(|c| c.is_ascii_digit()).collect();
    let year = digits.get(..4).unwrap_or("").to_string();
    let month_year = digits.get(..6).unwrap_or("").to_string();
    let fraction = match (
        digits.get(..4).and_then(|y| y.parse::<f64>().ok()),
        digits.get(4..6).and_then(|m| m.parse::<f64>().ok()),
        digits.get(6..8).and_then(|d| d.parse::<f64>().ok()),
    ) {
        (Some(y), Some(m), Some(d)) => format!("{:.4}", y + ((m - 1.0) * 30.0 + d) / 365.0),
        _ => String::new(),
    };
    let mut c: Vec<String> = vec![
        event_id.to_string(),
        digits.clone(),
        month_year,
        year,
        fraction,
    ];
    actor_cols(&mut c, Some((&ev.source.code, &ev.source.text)));
    actor_cols(
        &mut c,
        ev.target
            .as_ref()
            .map(|t| (t.code.as_str(), t.text.as_str())),
    );
    let code = &ev.cameo;
    let base = code.get(..3).unwrap_or(code).to_string();
    let root = code.get(..2).unwrap_or(code).to_string();
    let is_root = doc.paragraphs.first().is_some_and(|p| p.contains(&ev.span)) as u8;
    c.push(is_root.to_string());
    c.push(code.clone());
    c.push(base);
    c.push(root);
    c.push(ev.quad_class.map(|q| q.to_string()).unwrap_or_default());
    c.push(ev.goldstein.map(|g| format!("{g:.1}")).unwrap_or_default());
    c.push(counts.mentions.to_string());
    c.push(counts.sources.to_string());
    c.push(counts.articles.to_string());
    c.push(String::new()); // AvgTone: not computed
                           // actor geo: not resolved per actor
    c.extend(std::iter::repeat_n(String::new(), 16));
    match ev.place.and_then(|i| doc.places.get(i)) {
        Some(p) => {
            let kind = match p.feature.as_deref() {
                Some("country") => "1",
                Some("admin1") => "2",
                _ => "4",
            };
            c.push(kind.to_string());
            c.push(cell(p.name.as_deref().unwrap_or(&p.text)));
            c.push(p.country.clone().unwrap_or_default());
            c.push(p.admin1.clone().unwrap_or_default());
            c.push(String::new());
            c.push(format!("{:.4}", p.lat));
            c.push(format!("{:.4}", p.lon));
            c.push(p.geonameid.map(|g| g.to_string()).unwrap_or_default());
        }
        None => c.extend(std::iter::repeat_n(String::new(), 8)),
    }
    c.push(digits);
    c.push(cell(doc.url.as_deref().unwrap_or("")));
    c.join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;
    use dateline_core::{EventActor, Span};

    #[test]
    fn row_has_header_columns() {
        let mut d = Document::from_text("x", "The US urged Pakistan to act.");
        d.text = "The US urged Pakistan to act.".into();
        d.url = Some("https://example.com/a".into());
        let ev = Event {
            source: EventActor {
                text: "US".into(),
                code: "USAGOV".into(),
                span: None,
                actor: None,
            },
            target: Some(EventActor {
                text: "Pakistan".into(),
                code: "PAK".into(),
                span: None,
                actor: None,
            }),
            cameo: "0234".into(),
            plover: Some("REQUEST".into()),
            goldstein: Some(3.4),
            quad_class: Some(1),
            span: Span::new(0, 29),
            verb: None,
            date: Some("2015-09-01".into()),
            place: None,
        };
        let r = row(&d, &ev, 7, Counts::default());
        let cols: Vec<&str> = r.split('\t').collect();
        assert_eq!(cols.len(), HEADER.split('\t').count());
        assert_eq!(cols[1], "20150901");
        assert_eq!(cols[5], "USAGOV");
        assert_eq!(cols[7], "USA");
        assert_eq!(cols[12], "GOV");
        assert_eq!(cols[26], "0234");
        assert_eq!(cols[27], "023");
        assert_eq!(cols[28], "02");
        assert_eq!(cols.last(), Some(&"https://example.com/a"));
    }
}
