//! Averaged-perceptron training with Viterbi decoding, leave-one-document-out gazetteer
//! features, word clusters and prediction-history features; dev-set model selection.
use crate::clusters::{self, ClusterParams};
use crate::features::{
    label_of, label_type, sentence_features, Clusters, DocContext, Gazetteer, History, Resources,
    N_LABELS, TYPES,
};
use crate::hash::FastSet;
use crate::hash::Rng;
use crate::model::{viterbi, Model};
use crate::NerError;
use std::collections::HashSet;
use std::io::BufRead;
use std::path::{Path, PathBuf};

/// A CoNLL document: sentences of (token, gold tag).
#[derive(Debug, Clone, Default)]
pub struct ConllDoc {
    pub sents: Vec<Vec<String>>,
    pub tags: Vec<Vec<String>>,
}

/// Reads a CoNLL-2003 file: token first, gold tag in the last column; `-DOCSTART-` splits docs.
pub fn read_conll(path: &Path) -> Result<Vec<ConllDoc>, NerError> {
    let f = std::fs::File::open(path)?;
    let mut docs = vec![ConllDoc::default()];
    let mut ws = Vec::new();
    let mut ts = Vec::new();
    let flush = |docs: &mut Vec<ConllDoc>, ws: &mut Vec<String>, ts: &mut Vec<String>| {
        if !ws.is_empty() {
            if let Some(d) = docs.last_mut() {
                d.sents.push(std::mem::take(ws));
                d.tags.push(std::mem::take(ts));
            }
        }
    };
    for line in std::io::BufReader::new(f).lines() {
        let line = line?;
        let t = line.trim();
        if t.starts_with("-DOCSTART-") {
            flush(&mut docs, &mut ws, &mut ts);
            if docs.last().is_some_and(|d| !d.sents.is_empty()) {
                docs.push(ConllDoc::default());
            }
            continue;
        }
        if t.is_empty() {
            flush(&mut docs, &mut ws, &mut ts);
            continue;
        }
        let cols: Vec<&str> = t.split_whitespace().collect();
        let (Some(w), Some(tag)) = (cols.first(), cols.last()) else {
            continue;
        };
        ws.push((*w).to_string());
        ts.push((*tag).to_string());
    }
    flush(&mut docs, &mut ws, &mut ts);
    docs.retain(|d| !d.sents.is_empty());
    Ok(docs)
}

/// Entity spans (type, start, end) of an IOB/IOB2 tag sequence, conlleval-style.
pub fn spans(labels: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, usize)> = None;
    for (i, &l) in labels.iter().enumerate() {
        let t = label_type(l);
        let begin = !crate::features::is_inside(l) && t.is_some();
        match (cur, t) {
            (Some((ct, _)), Some(tt)) if tt == ct && !begin => {}
            _ => {
                if let Some((ct, cs)) = cur.take() {
                    out.push((ct, cs, i));
                }
                if let Some(tt) = t {
                    cur = Some((tt, i));
                }
            }
        }
    }
    if let Some((ct, cs)) = cur {
        out.push((ct, cs, labels.len()));
    }
    out
}

pub struct TrainParams {
    pub epochs: usize,
    pub seed: u64,
    pub bits: u32,
    pub corpus: Vec<PathBuf>,
    pub geonames: Option<PathBuf>,
    pub cluster: ClusterParams,
}

/// Entity-level F1 of `model` on `docs`.
pub fn evaluate(model: &Model, docs: &[ConllDoc]) -> (f64, f64, f64) {
    let (mut tp, mut np, mut ng) = (0usize, 0usize, 0usize);
    for d in docs {
        let sents: Vec<Vec<&str>> = d
            .sents
            .iter()
            .map(|s| s.iter().map(|w| w.as_str()).collect())
            .collect();
        let pred = model.tag_document(&sents);
        for (p, g) in pred.iter().zip(&d.tags) {
            let g: Vec<usize> = g.iter().map(|t| label_of(t)).collect();
            let ps: HashSet<_> = spans(p).into_iter().collect();
            let gs: HashSet<_> = spans(&g).into_iter().collect();
            tp += ps.intersection(&gs).count();
            np += ps.len();
            ng += gs.len();
        }
    }
    let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
    let r = if ng > 0 { tp as f64 / ng as f64 } else { 0.0 };
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f)
}

/// Reads the raw corpora (JSONL, optionally gzip'd, with a `text` field) into token sequences.
pub fn read_corpus(paths: &[PathBuf], extra: &[ConllDoc]) -> Result<Vec<Vec<String>>, NerError> {
    let mut out = Vec::new();
    for p in paths {
        let f = std::fs::File::open(p)?;
        let r: Box<dyn std::io::Read> = if p.extension().is_some_and(|e| e == "gz") {
            Box::new(flate2::read::GzDecoder::new(f))
        } else {
            Box::new(f)
        };
        for line in std::io::BufReader::new(r).lines() {
            let line = line?;
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            for key in ["title", "text"] {
                if let Some(t) = v.get(key).and_then(|t| t.as_str()) {
                    for para in t.split("\n\n") {
                        let mut toks = Vec::new();
                        clusters::tokenize_raw(para, &mut toks);
                        if !toks.is_empty() {
                            out.push(toks);
                        }
                    }
                }
            }
        }
    }
    for d in extra {
        out.extend(d.sents.iter().cloned());
    }
    Ok(out)
}

/// Adds GeoNames country and city names (type 4: place) to the gazetteer.
fn add_geonames(gaz: &mut Gazetteer, dir: &Path) -> Result<(), NerError> {
    let mut add_file = |name: &str, min_pop: i64| -> Result<(), NerError> {
        let p = dir.join(name);
        let f = std::fs::File::open(&p)?;
        let r: Box<dyn std::io::Read> = if name.ends_with(".gz") {
            Box::new(flate2::read::GzDecoder::new(f))
        } else {
            Box::new(f)
        };
        for line in std::io::BufReader::new(r).lines() {
            let line = line?;
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            let pop = v
                .get("population")
                .and_then(|x| x.as_i64())
                .unwrap_or(i64::MAX);
            if pop < min_pop {
                continue;
            }
            for key in ["name", "asciiname"] {
                if let Some(n) = v.get(key).and_then(|x| x.as_str()) {
                    let mut toks = Vec::new();
                    clusters::tokenize_raw(n, &mut toks);
                    if !toks.is_empty() && toks.len() <= 5 {
                        gaz.add(&toks.join(" ").to_lowercase(), 4, 1);
                    }
                }
            }
        }
        Ok(())
    };
    add_file("countries.jsonl", 0)?;
    add_file("us_states.jsonl", 0)?;
    add_file("continents.jsonl", 0)?;
    add_file("cities15000.jsonl.gz", 100_000)?;
    Ok(())
}

struct Prepared {
    words: Vec<Vec<Vec<String>>>,
    lowers: Vec<Vec<Vec<String>>>,
    gold: Vec<Vec<Vec<usize>>>,
    feats: Vec<Vec<Vec<Vec<u32>>>>,
}

/// Trains a model; `progress` receives one line per step.
pub fn train(
    train_docs: &[ConllDoc],
    dev_docs: &[ConllDoc],
    p: &TrainParams,
    mut progress: impl FnMut(&str),
) -> Result<Model, NerError> {
    // word clusters from raw text (and the training tokens)
    let clusters = if p.corpus.is_empty() {
        Clusters::default()
    } else {
        let seqs = read_corpus(&p.corpus, train_docs)?;
        clusters::learn(seqs.iter().map(|s| s.as_slice()), &p.cluster, &mut progress)
    };
    // gazetteer from the training entities: count of documents per (phrase, type)
    let mut gaz = Gazetteer::default();
    let mut own: Vec<FastSet<(String, usize)>> = Vec::new();
    for d in train_docs {
        let mut set = FastSet::default();
        for (s, t) in d.sents.iter().zip(&d.tags) {
            let labels: Vec<usize> = t.iter().map(|x| label_of(x)).collect();
            for (ty, a, b) in spans(&labels) {
                if b - a <= 6 {
                    let phrase = s[a..b]
                        .iter()
                        .map(|w| w.to_lowercase())
                        .collect::<Vec<_>>()
                        .join(" ");
                    set.insert((phrase, ty));
                }
            }
        }
        for (ph, ty) in &set {
            gaz.add(ph, *ty, 1);
        }
        own.push(set);
    }
    if let Some(g) = &p.geonames {
        add_geonames(&mut gaz, g)?;
    }
    progress(&format!("gazetteer: {} phrases", gaz.map.len()));
    let mut model = Model::empty(p.bits);
    model.clusters = clusters;
    model.gaz = gaz;
    // static features, once
    let mut prep = Prepared {
        words: vec![],
        lowers: vec![],
        gold: vec![],
        feats: vec![],
    };
    for (d, own_set) in train_docs.iter().zip(&own) {
        let res = Resources {
            clusters: &model.clusters,
            gaz: &model.gaz,
            leave_out: Some(own_set),
            bits: p.bits,
        };
        let sents: Vec<Vec<&str>> = d
            .sents
            .iter()
            .map(|s| s.iter().map(|w| w.as_str()).collect())
            .collect();
        let ctx = DocContext::new(&sents);
        let mut df = Vec::new();
        for s in &sents {
            let mut f = Vec::new();
            sentence_features(s, &res, &ctx, &mut f);
            df.push(f);
        }
        prep.feats.push(df);
        prep.words.push(d.sents.clone());
        prep.lowers.push(
            d.sents
                .iter()
                .map(|s| s.iter().map(|w| w.to_lowercase()).collect())
                .collect(),
        );
        prep.gold.push(
            d.tags
                .iter()
                .map(|t| t.iter().map(|x| label_of(x)).collect())
                .collect(),
        );
    }
    progress(&format!(
        "features ready for {} documents",
        train_docs.len()
    ));
    let nw = model.weights.len();
    let mut acc = vec![0f64; nw];
    let mut tacc = vec![0f64; model.trans.len()];
    let mut c: f64 = 1.0;
    let mut rng = Rng::new(p.seed);
    let mut order: Vec<usize> = (0..train_docs.len()).collect();
    let mut best: Option<(f64, Model, usize)> = None;
    for epoch in 1..=p.epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        let mut ntok = 0usize;
        for &di in &order {
            let mut hist = History::default();
            for si in 0..prep.feats[di].len() {
                let words: Vec<&str> = prep.words[di][si].iter().map(|w| w.as_str()).collect();
                let mut feats = prep.feats[di][si].clone();
                for (k, f) in feats.iter_mut().enumerate() {
                    hist.features(words[k], &prep.lowers[di][si][k], p.bits, f);
                }
                let pred = viterbi(&model.weights, &model.trans, &feats);
                let gold = &prep.gold[di][si];
                ntok += gold.len();
                if pred != *gold {
                    for i in 0..gold.len() {
                        let (g, q) = (gold[i], pred[i]);
                        if g != q {
                            errors += 1;
                            for &b in &feats[i] {
                                let base = b as usize * N_LABELS;
                                model.weights[base + g] += 1.0;
                                model.weights[base + q] -= 1.0;
                                acc[base + g] += c;
                                acc[base + q] -= c;
                            }
                        }
                        let gp = if i == 0 { N_LABELS } else { gold[i - 1] };
                        let qp = if i == 0 { N_LABELS } else { pred[i - 1] };
                        if gp != qp || g != q {
                            model.trans[gp * N_LABELS + g] += 1.0;
                            model.trans[qp * N_LABELS + q] -= 1.0;
                            tacc[gp * N_LABELS + g] += c;
                            tacc[qp * N_LABELS + q] -= c;
                        }
                    }
                }
                hist.update(&words, &pred);
                c += 1.0;
            }
        }
        // averaged weights
        let mut avg = model.clone();
        for (w, a) in avg.weights.iter_mut().zip(&acc) {
            *w -= (*a / c) as f32;
        }
        for (w, a) in avg.trans.iter_mut().zip(&tacc) {
            *w -= (*a / c) as f32;
        }
        let (pr, re, f1) = if dev_docs.is_empty() {
            (0.0, 0.0, 0.0)
        } else {
            evaluate(&avg, dev_docs)
        };
        progress(&format!(
            "epoch {epoch}: {errors} token errors / {ntok} ({:.2}%), dev P {:.4} R {:.4} F1 {:.4}",
            100.0 * errors as f64 / ntok.max(1) as f64,
            pr,
            re,
            f1
        ));
        if best.as_ref().is_none_or(|b| f1 > b.0) || dev_docs.is_empty() {
            best = Some((f1, avg, epoch));
        }
    }
    let (f1, m, e) = best.ok_or_else(|| NerError::Format("no epochs".into()))?;
    progress(&format!(
        "selected epoch {e} (dev F1 {f1:.4}) of {}",
        p.epochs
    ));
    let _ = TYPES;
    Ok(m)
}
