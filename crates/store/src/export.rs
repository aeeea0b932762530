//! Streaming exports: JSON Lines (the extract output form), GDELT 2.0-style event TSV, and
//! Parquet (with the `parquet` feature). Each reads the store row by row and writes as it goes,
//! so memory stays flat however large the store is.
use crate::{Result, Store};
use dateline_core::Document;
use std::io::Write;

/// GDELT 2.0 event table columns, in order.
pub const GDELT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Tabs and newlines would break the TSV.
fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Known IGO/NGO and group roots that are not countries.
const NON_COUNTRY_ROOTS: [&str; 6] = ["IGO", "NGO", "MNC", "IMG", "UIS", "REB"];

/// Splits a CAMEO actor code into (country, known group, type1, type2, type3).
fn split_code(code: &str) -> [String; 5] {
    let chunks: Vec<String> = code
        .as_bytes()
        .chunks(3)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect();
    let mut out: [String; 5] = Default::default();
    let mut rest = &chunks[..];
    if let Some(first) = chunks.first() {
        if NON_COUNTRY_ROOTS.contains(&first.as_str()) {
            out[1] = chunks.get(1).cloned().unwrap_or_default();
            rest = chunks.get(2..).unwrap_or(&[]);
        } else if first.len() == 3 {
            out[0] = first.clone();
            rest = chunks.get(1..).unwrap_or(&[]);
        }
    }
    for (i, t) in rest.iter().take(3).enumerate() {
        out[2 + i] = t.clone();
    }
    out
}

fn geo_type(feature: Option<&str>, country: Option<&str>) -> &'static str {
    let us = matches!(country, Some("US") | Some("USA"));
    match feature {
        Some("country") => "1",
        Some("admin1") if us => "2",
        Some("admin1") => "5",
        _ if us => "3",
        _ => "4",
    }
}

impl Store {
    /// Every document, one JSON object per line, in the `dateline extract` output form.
    /// Near-duplicate copies are included, with `"duplicate_of"` naming the first copy's
    /// `ext_id`... in a `store` object: `{"store": {"id", "duplicate_of"}}`.
    pub fn export_jsonl(&self, mut w: impl Write) -> Result<u64> {
        let mut st = self
            .conn
            .prepare("SELECT id, duplicate_of, text, annotations FROM documents ORDER BY id")?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let dup: Option<i64> = r.get(1)?;
            let mut doc: Document = serde_json::from_str(&r.get::<_, String>(3)?)?;
            doc.text = r.get(2)?;
            let mut v = serde_json::to_value(&doc)?;
            if let Some(o) = v.as_object_mut() {
                o.insert(
                    "store".into(),
                    serde_json::json!({"id": id, "duplicate_of": dup}),
                );
            }
            serde_json::to_writer(&mut w, &v)?;
            w.write_all(b"\n")?;
            n += 1;
        }
        w.flush()?;
        Ok(n)
    }

    /// Events as GDELT 2.0-style TSV with a header line. Near-duplicate copies are not exported
    /// as events of their own; `NumMentions` counts every copy, `NumArticles` distinct original
    /// documents and `NumSources` distinct publishers reporting the same (date, actors, code).
    pub fn export_gdelt(&self, mut w: impl Write) -> Result<u64> {
        writeln!(w, "{}", GDELT_COLUMNS.join("\t"))?;
        let mut st = self.conn.prepare(
            "WITH agg AS (
                SELECT ev.date AS date, ev.source_code AS sc, coalesce(ev.target_code, '') AS tc,
                       ev.cameo AS cameo, count(*) AS mentions,
                       count(DISTINCT CASE WHEN d.duplicate_of IS NULL THEN d.id END) AS articles,
                       count(DISTINCT coalesce(d.source, d.site, '')) AS sources
                FROM events ev CROSS JOIN documents d ON d.id = ev.doc
                GROUP BY 1, 2, 3, 4)
             SELECT ev.id, ev.date, ev.source_code, ev.source_text, ev.target_code, ev.target_text,
                    ev.idx, ev.cameo, ev.quad_class, ev.goldstein,
                    agg.mentions, agg.sources, agg.articles,
                    ev.place, ev.country, ev.admin1, ev.lat, ev.lon, ev.geonameid,
                    (SELECT p.feature FROM places p WHERE p.doc = ev.doc AND p.lat = ev.lat AND p.lon = ev.lon LIMIT 1),
                    d.ingested_at, coalesce(d.url, d.ext_id)
             FROM events ev CROSS JOIN documents d ON d.id = ev.doc AND d.duplicate_of IS NULL
             JOIN agg ON agg.date IS ev.date AND agg.sc = ev.source_code
                 AND agg.tc = coalesce(ev.target_code, '') AND agg.cameo = ev.cameo
             ORDER BY ev.id",
        )?;
        let mut rows = st.query([])?;
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let date: Option<String> = r.get(1)?;
            let (sqldate, monthyear, year, frac) = match date
                .as_deref()
                .and_then(|d| d.parse::<jiff::civil::Date>().ok())
            {
                Some(d) => (
                    d.strftime("%Y%m%d").to_string(),
                    d.strftime("%Y%m").to_string(),
                    d.year().to_string(),
                    format!(
                        "{:.4}",
                        f64::from(d.year()) + f64::from(d.day_of_year() - 1) / 365.0
                    ),
                ),
                None => Default::default(),
            };
            let a1code: String = r.get(2)?;
            let a1name: String = r.get(3)?;
            let a2code: Option<String> = r.get(4)?;
            let a2name: Option<String> = r.get(5)?;
            let cameo: String = r.get(7)?;
            let quad: Option<i64> = r.get(8)?;
            let gold: Option<f64> = r.get(9)?;
            let place: Option<String> = r.get(13)?;
            let country: Option<String> = r.get(14)?;
            let admin1: Option<String> = r.get(15)?;
            let lat: Option<f64> = r.get(16)?;
            let lon: Option<f64> = r.get(17)?;
            let gid: Option<i64> = r.get(18)?;
            let feature: Option<String> = r.get(19)?;
            let added: String = r.get(20)?;
            let url: String = r.get(21)?;
            let s1 = split_code(&a1code);
            let s2 = split_code(a2code.as_deref().unwrap_or(""));
            let base = cameo.get(..3).unwrap_or(&cameo).to_string();
            let root = cameo.get(..2).unwrap_or(&cameo).to_string();
            let mut f: Vec<String> = Vec::with_capacity(61);
            f.push(r.get::<_, i64>(0)?.to_string());
            f.extend([sqldate, monthyear, year, frac]);
            f.push(clean(&a1code));
            f.push(clean(&a1name));
            f.push(s1[0].clone());
            f.push(s1[1].clone());
            f.extend([String::new(), String::new(), String::new()]);
            f.extend([s1[2].clone(), s1[3].clone(), s1[4].clone()]);
            f.push(clean(a2code.as_deref().unwrap_or("")));
            f.push(clean(a2name.as_deref().unwrap_or("")));
            f.push(s2[0].clone());
            f.push(s2[1].clone());
            f.extend([String::new(), String::new(), String::new()]);
            f.extend([s2[2].clone(), s2[3].clone(), s2[4].clone()]);
            f.push(if r.get::<_, i64>(6)? == 0 { "1" } else { "0" }.to_string());
            f.extend([clean(&cameo), clean(&base), clean(&root)]);
            f.push(quad.map(|q| q.to_string()).unwrap_or_default());
            f.push(gold.map(|g| format!("{g:.1}")).unwrap_or_default());
            for i in 10..13 {
                f.push(r.get::<_, i64>(i)?.to_string());
            }
            f.push(String::new()); // AvgTone: not computed
                                   // actor geos: not resolved per actor
            for _ in 0..2 {
                f.extend(std::iter::repeat_n(String::new(), 8));
            }
            match &place {
                Some(p) => {
                    f.push(geo_type(feature.as_deref(), country.as_deref()).to_string());
                    f.push(clean(p));
                    f.push(country.clone().unwrap_or_default());
                    f.push(admin1.clone().unwrap_or_default());
                    f.push(String::new());
                    f.push(lat.map(|v| format!("{v:.4}")).unwrap_or_default());
                    f.push(lon.map(|v| format!("{v:.4}")).unwrap_or_default());
                    f.push(gid.map(|g| g.to_string()).unwrap_or_default());
                }
                None => f.extend(std::iter::repeat_n(String::new(), 8)),
            }
            f.push(
                added
                    .chars()
                    .filter(char::is_ascii_digit)
                    .take(14)
                    .collect(),
            );
            f.push(clean(&url));
            debug_assert_eq!(f.len(), GDELT_COLUMNS.len());
            writeln!(w, "{}", f.join("\t"))?;
            n += 1;
        }
        w.flush()?;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_actor_codes() {
        assert_eq!(split_code("PAKGOV")[0], "PAK");
        assert_eq!(split_code("PAKGOV")[2], "GOV");
        assert_eq!(split_code("IGOUNO")[1], "UNO");
        assert_eq!(split_code("")[0], "");
        assert_eq!(split_code("é")[0], "");
    }
}
