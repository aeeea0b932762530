//! Trains the toponym-resolution ranker (a conditional-logit model over candidate features)
//! from gold toponyms with coordinates, and writes its weights as JSON.
//!
//!     cargo run --release -p dateline-geo --example train_ranker -- \
//!         ../shared/data/geo/eval/trnews.jsonl crates/geo/data/ranker.json
//!
//! Deterministic (no sampling). Trained on TR-News so that GeoVirus stays held out.
use dateline_core::Span;
use dateline_geo::gazetteer::{key, km, Gazetteer};
use dateline_geo::resolve::{self, Context, Weights, NF};
use dateline_geo::{find_dateline, Mention};

struct Item {
    feats: Vec<[f64; NF]>,
    labels: Vec<bool>,
}

fn byte_at(text: &str, ch: usize) -> usize {
    text.char_indices()
        .nth(ch)
        .map(|(b, _)| b)
        .unwrap_or(text.len())
}

fn build(docs: &[serde_json::Value], gaz: &Gazetteer, w: &Weights) -> Vec<Item> {
    let mut items = Vec::new();
    for d in docs {
        let Some(text) = d["text"].as_str() else {
            continue;
        };
        let mut gold = Vec::new();
        let mut mentions = Vec::new();
        for t in d["toponyms"].as_array().into_iter().flatten() {
            let (Some(s), Some(e)) = (t["start"].as_u64(), t["end"].as_u64()) else {
                continue;
            };
            let span = Span::new(byte_at(text, s as usize), byte_at(text, e as usize));
            let k = key(span.text(text));
            let cands = gaz.lookup_key(&k);
            if cands.is_empty() {
                continue;
            }
            gold.push((t["lat"].as_f64(), t["lon"].as_f64()));
            mentions.push(Mention {
                span,
                key: k,
                cands,
                sentence: None,
                from_ner: false,
                facility: false,
            });
        }
        let dl_country = find_dateline(text)
            .and_then(|s| {
                let m = Mention {
                    span: s,
                    key: key(s.text(text)),
                    cands: gaz.lookup(s.text(text)),
                    sentence: None,
                    from_ner: false,
                    facility: false,
                };
                resolve::prior_best(&m, gaz, w)
            })
            .and_then(|i| gaz.entry(i))
            .map(|e| e.country.to_string());
        let ctx = Context::build(&mentions, gaz, w, dl_country);
        for (i, m) in mentions.iter().enumerate() {
            let (Some(glat), Some(glon)) = gold[i] else {
                continue;
            };
            let mut it = Item {
                feats: Vec::new(),
                labels: Vec::new(),
            };
            for &c in &m.cands {
                let Some(e) = gaz.entry(c) else { continue };
                it.feats
                    .push(resolve::features(i, &e, &mentions, text, gaz, &ctx));
                it.labels
                    .push(km(glat, glon, e.lat as f64, e.lon as f64) <= 161.0);
            }
            if it.labels.iter().any(|&l| l) && it.labels.iter().any(|&l| !l) {
                items.push(it);
            }
        }
    }
    items
}

fn train(items: &[Item], init: &Weights) -> Weights {
    let mut w = init.0;
    let lr = 0.5;
    let l2 = 1e-3;
    for _epoch in 0..400 {
        let mut g = [0.0; NF];
        for it in items {
            let s: Vec<f64> = it
                .feats
                .iter()
                .map(|f| f.iter().zip(&w).map(|(a, b)| a * b).sum())
                .collect();
            let mx = s.iter().cloned().fold(f64::MIN, f64::max);
            let z: f64 = s.iter().map(|x| (x - mx).exp()).sum();
            let zp: f64 = s
                .iter()
                .zip(&it.labels)
                .filter(|(_, &l)| l)
                .map(|(x, _)| (x - mx).exp())
                .sum();
            for (k, f) in it.feats.iter().enumerate() {
                let p = (s[k] - mx).exp() / z;
                let q = if it.labels[k] {
                    (s[k] - mx).exp() / zp
                } else {
                    0.0
                };
                for j in 0..NF {
                    g[j] += (q - p) * f[j];
                }
            }
        }
        let n = items.len().max(1) as f64;
        for j in 0..NF {
            w[j] += lr * (g[j] / n - l2 * w[j]);
        }
    }
    Weights(w)
}

fn accuracy(items: &[Item], w: &Weights) -> f64 {
    let ok = items
        .iter()
        .filter(|it| {
            let best = it
                .feats
                .iter()
                .enumerate()
                .max_by(|a, b| w.score(a.1).total_cmp(&w.score(b.1)))
                .map(|x| x.0);
            best.is_some_and(|b| it.labels[b])
        })
        .count();
    ok as f64 / items.len().max(1) as f64
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (out, train_paths) = match args.split_last() {
        Some((out, paths)) if !paths.is_empty() => (out.clone(), paths.to_vec()),
        _ => {
            eprintln!("usage: train_ranker TRAIN.jsonl... OUT.json");
            std::process::exit(2);
        }
    };
    let docs: Vec<serde_json::Value> = train_paths
        .iter()
        .flat_map(|p| {
            std::fs::read_to_string(p)
                .unwrap_or_default()
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect::<Vec<_>>()
        })
        .collect();
    let gaz = Gazetteer::global();
    let mut w = Weights::default();
    for round in 0..2 {
        let items = build(&docs, gaz, &w);
        eprintln!(
            "round {round}: {} ambiguous toponyms; accuracy before {:.4}",
            items.len(),
            accuracy(&items, &w)
        );
        w = train(&items, &w);
        eprintln!("round {round}: accuracy after {:.4}", accuracy(&items, &w));
    }
    if let Err(e) = std::fs::write(&out, w.to_json() + "\n") {
        eprintln!("cannot write {out}: {e}");
        std::process::exit(1);
    }
    eprintln!("wrote {out}");
}
