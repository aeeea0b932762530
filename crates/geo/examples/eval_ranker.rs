//! Re-resolves the places of `dateline extract` output with other ranker weights, so weights can
//! be compared without rebuilding the binary (recognition stays as it was):
//!
//!     cargo run --release -p dateline-geo --example eval_ranker -- PRED.jsonl WEIGHTS.json OUT.jsonl
//!
//! then score OUT.jsonl with `score_geo.py`. Facility places keep their point.
use dateline_core::Span;
use dateline_geo::gazetteer::{key, Gazetteer};
use dateline_geo::resolve::{self, Weights};
use dateline_geo::{find_dateline, Mention};

fn byte_at(text: &str, ch: usize) -> usize {
    text.char_indices()
        .nth(ch)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pred, weights, out] = args.as_slice() else {
        eprintln!("usage: eval_ranker PRED.jsonl WEIGHTS.json OUT.jsonl");
        std::process::exit(2);
    };
    let w = std::fs::read_to_string(weights)
        .ok()
        .and_then(|s| Weights::from_json(&s))
        .unwrap_or_else(Weights::shipped);
    let gaz = Gazetteer::global();
    let mut lines = Vec::new();
    for l in std::fs::read_to_string(pred).unwrap_or_default().lines() {
        let Ok(mut r) = serde_json::from_str::<serde_json::Value>(l) else {
            continue;
        };
        let text = r["text"].as_str().unwrap_or("").to_string();
        let places = r["places"].as_array().cloned().unwrap_or_default();
        let mut idx = Vec::new();
        let mut mentions = Vec::new();
        for (pi, p) in places.iter().enumerate() {
            if p["feature"] == "facility" {
                continue;
            }
            let (Some(s), Some(e)) = (p["start"].as_u64(), p["end"].as_u64()) else {
                continue;
            };
            let span = Span::new(byte_at(&text, s as usize), byte_at(&text, e as usize));
            let k = key(span.text(&text));
            let cands = gaz.lookup_key(&k);
            if cands.is_empty() {
                continue;
            }
            idx.push(pi);
            mentions.push(Mention {
                span,
                key: k,
                cands,
                sentence: None,
                from_ner: false,
                facility: false,
            });
        }
        let dl = find_dateline(&text)
            .and_then(|s| {
                let m = Mention {
                    span: s,
                    key: key(s.text(&text)),
                    cands: gaz.lookup(s.text(&text)),
                    sentence: None,
                    from_ner: false,
                    facility: false,
                };
                resolve::prior_best(&m, gaz, &w)
            })
            .and_then(|i| gaz.entry(i))
            .map(|e| e.country.to_string())
            .filter(|c| !c.is_empty());
        let chosen = resolve::resolve(&mentions, &text, gaz, &w, dl);
        let mut places = places;
        for (pi, c) in idx.iter().zip(chosen) {
            if let (Some(e), Some(p)) = (c.and_then(|c| gaz.entry(c)), places.get_mut(*pi)) {
                p["lat"] = serde_json::json!(e.lat as f64);
                p["lon"] = serde_json::json!(e.lon as f64);
                p["name"] = serde_json::json!(e.name);
                p["feature"] = serde_json::json!(e.kind.as_str());
                p["country"] = serde_json::json!(e.country);
            }
        }
        r["places"] = serde_json::json!(places);
        lines.push(r.to_string());
    }
    if let Err(e) = std::fs::write(out, lines.join("\n") + "\n") {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
}
