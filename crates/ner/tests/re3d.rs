//! Scores the tagger on the Dstl re3d documents (`../shared/data/ner/re3d`): PERSON,
//! ORG and LOC (GPE/LOC/FAC), exact character spans. Skips when the shared data is absent.
//! `cargo test --release -p dateline-ner --test re3d -- --nocapture` prints the figures.
use dateline_core::{Document, EntityLabel};
use std::collections::{HashMap, HashSet};
use std::io::BufRead;

fn jsonl(p: &std::path::Path) -> Vec<serde_json::Value> {
    let Ok(f) = std::fs::File::open(p) else {
        return Vec::new();
    };
    std::io::BufReader::new(f)
        .lines()
        .map_while(Result::ok)
        .filter_map(|l| serde_json::from_str(&l).ok())
        .collect()
}

#[test]
fn re3d_person_org_loc_exact_span() {
    let Some(data) = dateline_core::shared_data_dir(env!("CARGO_MANIFEST_DIR")) else {
        eprintln!("../shared/data not found: skipping the re3d score");
        return;
    };
    if dateline_ner::embedded_model().is_none() {
        eprintln!("no embedded NER model in this build: skipping");
        return;
    }
    let root = data.join("ner").join("re3d");
    let Ok(dirs) = std::fs::read_dir(&root) else {
        eprintln!("{} not found: skipping", root.display());
        return;
    };
    let mut dirs: Vec<_> = dirs
        .filter_map(Result::ok)
        .map(|d| d.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    // (type, tp, pred, gold)
    let mut counts: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    // the same, counting only gold names (capitalised, not a pronoun): re3d also marks "we",
    // "the city" and "mourners", which a name tagger does not aim at
    let mut named = (0usize, 0usize, 0usize);
    let mut ndocs = 0;
    for dir in dirs {
        let docs = jsonl(&dir.join("documents.json"));
        let ents = jsonl(&dir.join("entities.json"));
        let mut gold: HashMap<String, HashSet<(&'static str, u64, u64)>> = HashMap::new();
        for e in &ents {
            let ty = match e["type"].as_str() {
                Some("Person") => "PER",
                Some("Organisation") => "ORG",
                Some("Location") => "LOC",
                _ => continue,
            };
            let (Some(id), Some(b), Some(en)) = (
                e["documentId"].as_str(),
                e["begin"].as_u64(),
                e["end"].as_u64(),
            ) else {
                continue;
            };
            gold.entry(id.to_string()).or_default().insert((ty, b, en));
        }
        for d in &docs {
            let (Some(id), Some(text)) = (d["_id"].as_str(), d["text"].as_str()) else {
                continue;
            };
            ndocs += 1;
            let mut doc = Document::from_text(id, text);
            doc.text = text.to_string();
            dateline_text::segment(&mut doc);
            dateline_ner::annotate_with(&mut doc, None);
            let out = doc.to_output();
            let pred: HashSet<(&'static str, u64, u64)> = out
                .entities
                .iter()
                .filter_map(|e| {
                    let ty = match e.label {
                        EntityLabel::Person => "PER",
                        EntityLabel::Org => "ORG",
                        EntityLabel::Gpe | EntityLabel::Loc | EntityLabel::Fac => "LOC",
                        _ => return None,
                    };
                    Some((ty, e.span.start as u64, e.span.end as u64))
                })
                .collect();
            let g = gold.remove(id).unwrap_or_default();
            let chars: Vec<char> = text.chars().collect();
            let is_name = |b: u64, e: u64| {
                let s: String = chars
                    .get(b as usize..e as usize)
                    .unwrap_or(&[])
                    .iter()
                    .collect();
                let first = s.split_whitespace().next().unwrap_or("");
                s.chars().next().is_some_and(|c| c.is_uppercase())
                    && !matches!(
                        first,
                        "I" | "We"
                            | "He"
                            | "She"
                            | "They"
                            | "It"
                            | "The"
                            | "This"
                            | "These"
                            | "Our"
                            | "Their"
                            | "His"
                            | "Her"
                            | "Its"
                    )
            };
            let gn: HashSet<_> = g.iter().filter(|x| is_name(x.1, x.2)).collect();
            let pn: HashSet<_> = pred.iter().filter(|x| is_name(x.1, x.2)).collect();
            named.0 += pn.intersection(&gn).count();
            named.1 += pn.len();
            named.2 += gn.len();
            for ty in ["PER", "ORG", "LOC"] {
                let p: HashSet<_> = pred.iter().filter(|x| x.0 == ty).collect();
                let gg: HashSet<_> = g.iter().filter(|x| x.0 == ty).collect();
                let c = counts.entry(ty).or_default();
                c.0 += p.intersection(&gg).count();
                c.1 += p.len();
                c.2 += gg.len();
            }
        }
    }
    let f = |tp: usize, np: usize, ng: usize| {
        let p = tp as f64 / np.max(1) as f64;
        let r = tp as f64 / ng.max(1) as f64;
        (
            p,
            r,
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            },
        )
    };
    let mut all = (0, 0, 0);
    for ty in ["PER", "ORG", "LOC"] {
        let c = counts.get(ty).copied().unwrap_or_default();
        let (p, r, f1) = f(c.0, c.1, c.2);
        eprintln!("re3d {ty}: p {p:.4} r {r:.4} f1 {f1:.4} (gold {})", c.2);
        all = (all.0 + c.0, all.1 + c.1, all.2 + c.2);
    }
    let (p, r, f1) = f(all.0, all.1, all.2);
    eprintln!("re3d {ndocs} documents, PER/ORG/LOC exact span: p {p:.4} r {r:.4} f1 {f1:.4}");
    let (np, nr, nf) = f(named.0, named.1, named.2);
    eprintln!("re3d names only (capitalised gold and predictions, no pronouns or 'The ...'): p {np:.4} r {nr:.4} f1 {nf:.4}");
    // a floor against regressions (re3d also marks nominal mentions such as "mourners")
    assert!(f1 > 0.3, "re3d F1 {f1:.4}");
}
