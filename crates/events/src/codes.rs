//! CAMEO code tables: CAMEO → PLOVER category, Goldstein score and quad class.
use std::collections::HashMap;
use std::sync::LazyLock;

const PLOVER_TABLE: &str = include_str!("../dicts/CAMEO2PLOVER-2021.txt");
const GOLDSTEIN_JSON: &str = include_str!("../dicts/phoenix_goldstein_quad.json");

static PLOVER: LazyLock<HashMap<String, String>> = LazyLock::new(|| parse_plover(PLOVER_TABLE));
static GOLDSTEIN: LazyLock<(HashMap<String, f32>, HashMap<String, u8>)> =
    LazyLock::new(|| parse_goldstein(GOLDSTEIN_JSON));

/// Parses "030: AGREE, ..." lines.
pub fn parse_plover(text: &str) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for line in text.lines() {
        let l = line.trim_start();
        let Some((code, rest)) = l.split_once(':') else {
            continue;
        };
        if code.len() < 2 || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let rest = rest.split('#').next().unwrap_or("");
        let mut fields = rest.split(',').map(str::trim);
        let cat = fields.next().unwrap_or("");
        let mode = fields.next().unwrap_or("");
        if !cat.is_empty() && cat.bytes().all(|c| c.is_ascii_uppercase() || c == b'_') {
            m.insert(code.to_string(), ontology_name(code, cat, mode).to_string());
        }
    }
    m
}

/// The 2021 table still uses some draft category names; the PLOVER ontology
/// (`PLOVER-README.md`) calls CAMEO 10 DEMAND, 11 DISAPPROVE, the "investigate" mode of 09
/// INVESTIGATE, and CAMEO 19 (conventional military force) FIGHT.
fn ontology_name<'a>(code: &str, cat: &'a str, mode: &str) -> &'a str {
    match cat {
        "REQUEST" => "DEMAND",
        "ACCUSE" if mode == "investigate" || code.starts_with("09") => "INVESTIGATE",
        "ACCUSE" => "DISAPPROVE",
        "ASSAULT" if code.starts_with("19") => "FIGHT",
        c => c,
    }
}

fn parse_goldstein(text: &str) -> (HashMap<String, f32>, HashMap<String, u8>) {
    let v: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let g = v
        .get("goldstein_scale")
        .and_then(|x| x.as_object())
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_f64()? as f32)))
                .collect()
        })
        .unwrap_or_default();
    let q = v
        .get("quad_conversion")
        .and_then(|x| x.as_object())
        .map(|o| {
            o.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_u64()? as u8)))
                .collect()
        })
        .unwrap_or_default();
    (g, q)
}

fn by_prefix<'a, T>(m: &'a HashMap<String, T>, code: &str) -> Option<&'a T> {
    let mut c = code.trim();
    while !c.is_empty() {
        if let Some(v) = m.get(c) {
            return Some(v);
        }
        c = &c[..c.len() - 1];
    }
    None
}

/// PLOVER category of a CAMEO code (longest known prefix).
/// The PLOVER category of a CAMEO code. The 2021 table drops CAMEO 02 (appeals); they map to
/// DEMAND, the nearest category, as the PLOVER gold codes requests ("sought", "called for").
pub fn plover(cameo: &str) -> Option<&'static str> {
    by_prefix(&PLOVER, cameo)
        .map(String::as_str)
        .or_else(|| cameo.starts_with("02").then_some("DEMAND"))
}

pub fn goldstein(cameo: &str) -> Option<f32> {
    by_prefix(&GOLDSTEIN.0, cameo).copied()
}

pub fn quad_class(cameo: &str) -> Option<u8> {
    GOLDSTEIN.1.get(cameo.get(..2)?).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables() {
        assert_eq!(plover("036"), Some("AGREE"));
        assert_eq!(plover("0361"), Some("AGREE"));
        assert_eq!(plover("021"), Some("DEMAND"));
        assert_eq!(quad_class("190"), Some(4));
        assert_eq!(plover("1011"), Some("DEMAND"));
        assert_eq!(plover("112"), Some("DISAPPROVE"));
        assert_eq!(plover("091"), Some("INVESTIGATE"));
        assert_eq!(plover("193"), Some("FIGHT"));
        assert_eq!(plover("180"), Some("ASSAULT"));
        assert!(goldstein("190").is_some_and(|g| g < 0.0));
    }
}
