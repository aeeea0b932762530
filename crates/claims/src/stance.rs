//! The stance model: does a body agree with a claim, disagree, discuss it, or not address it?
//!
//! Two stages of gradient-boosted trees over dense lexical features (TF-IDF and BM25
//! similarity, word/char n-gram overlap, entity and number overlap, refutation, hedging,
//! support and negation cues near the claim-bearing sentences): first related vs unrelated,
//! then agree / disagree / discuss among the related.
use crate::features::{self, Idf, TextRep};
use crate::gbdt::{Gbdt, Params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::path::Path;
use std::sync::OnceLock;

#[derive(Debug, thiserror::Error)]
pub enum StanceError {
    #[error("stance model: {0}")]
    Model(String),
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("data: {0}")]
    Data(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    Agree,
    Disagree,
    Discuss,
    Unrelated,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Agree,
        Stance::Disagree,
        Stance::Discuss,
        Stance::Unrelated,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            Stance::Agree => "agree",
            Stance::Disagree => "disagree",
            Stance::Discuss => "discuss",
            Stance::Unrelated => "unrelated",
        }
    }
    pub fn parse(s: &str) -> Option<Stance> {
        Stance::ALL.into_iter().find(|x| x.as_str() == s)
    }
    fn index(&self) -> usize {
        *self as usize
    }
}

/// Probabilities for agree, disagree, discuss, unrelated (in that order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StanceScores {
    pub probs: [f32; 4],
    pub stance: Stance,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StanceModel {
    pub version: u32,
    pub idf: Idf,
    pub related: Gbdt,
    pub stance: Gbdt,
    /// Multipliers applied to the agree/disagree/discuss probabilities before the argmax.
    pub class_bias: [f32; 3],
    pub related_threshold: f32,
}

/// The shipped model, trained by `dateline train stance` on the FNC-1 dev part.
static EMBEDDED: &[u8] = include_bytes!("../model/stance.json.gz");

impl StanceModel {
    /// The model shipped in the repository (parsed once).
    pub fn embedded() -> Result<&'static StanceModel, StanceError> {
        static M: OnceLock<Result<StanceModel, String>> = OnceLock::new();
        M.get_or_init(|| StanceModel::from_gz(EMBEDDED).map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| StanceError::Model(e.clone()))
    }

    pub fn from_gz(bytes: &[u8]) -> Result<StanceModel, StanceError> {
        let mut s = String::new();
        flate2::read::GzDecoder::new(bytes).read_to_string(&mut s)?;
        let mut m: StanceModel =
            serde_json::from_str(&s).map_err(|e| StanceError::Model(e.to_string()))?;
        m.related.prepare();
        m.stance.prepare();
        if m.related.n_feat != features::n_features() || m.stance.n_feat != features::n_features() {
            return Err(StanceError::Model(format!(
                "model has {} features, code has {}",
                m.related.n_feat,
                features::n_features()
            )));
        }
        Ok(m)
    }

    pub fn load(path: &Path) -> Result<StanceModel, StanceError> {
        StanceModel::from_gz(&std::fs::read(path)?)
    }

    pub fn save(&self, path: &Path) -> Result<(), StanceError> {
        let json = serde_json::to_vec(self).map_err(|e| StanceError::Model(e.to_string()))?;
        let f = std::fs::File::create(path)?;
        let mut gz = flate2::write::GzEncoder::new(f, flate2::Compression::best());
        std::io::Write::write_all(&mut gz, &json)?;
        gz.finish()?;
        Ok(())
    }

    /// Preprocess a text once (bodies are usually scored against many claims).
    pub fn rep(&self, text: &str) -> TextRep {
        TextRep::new(text, &self.idf)
    }

    pub fn predict_reps(&self, claim: &TextRep, body: &TextRep) -> StanceScores {
        let x = features::features(claim, body, &self.idf);
        self.predict_features(&x)
    }

    pub fn predict(&self, claim: &str, body: &str) -> StanceScores {
        self.predict_reps(&self.rep(claim), &self.rep(body))
    }

    /// P(related) and P(agree, disagree, discuss | related).
    pub fn raw(&self, x: &[f32]) -> (f32, Vec<f32>) {
        let r = self.related.predict_proba(x);
        (
            r.get(1).copied().unwrap_or(0.0),
            self.stance.predict_proba(x),
        )
    }

    fn predict_features(&self, x: &[f32]) -> StanceScores {
        let (p_rel, s) = self.raw(x);
        decide(p_rel, &s, self.related_threshold, self.class_bias)
    }
}

/// The decision rule over the two stages' probabilities.
pub fn decide(p_rel: f32, s: &[f32], related_threshold: f32, class_bias: [f32; 3]) -> StanceScores {
    {
        let mut probs = [0f32; 4];
        for (p, v) in probs.iter_mut().zip(s) {
            *p = p_rel * v;
        }
        probs[3] = 1.0 - p_rel;
        let stance = if p_rel < related_threshold {
            Stance::Unrelated
        } else {
            let mut best = 0;
            for k in 1..3 {
                if s.get(k).copied().unwrap_or(0.0) * class_bias[k]
                    > s.get(best).copied().unwrap_or(0.0) * class_bias[best]
                {
                    best = k;
                }
            }
            Stance::ALL[best]
        };
        StanceScores { probs, stance }
    }
}

/// One labelled FNC-1 pair.
#[derive(Debug, Clone)]
pub struct Pair {
    pub id: String,
    pub claim: String,
    pub body_id: String,
    pub stance: Stance,
}

/// The FNC-1 data: pairs plus bodies by id.
pub struct FncData {
    pub pairs: Vec<Pair>,
    pub bodies: HashMap<String, String>,
}

fn read_jsonl_gz(path: &Path) -> Result<Vec<serde_json::Value>, StanceError> {
    let f = std::fs::File::open(path)?;
    let r: Box<dyn BufRead> = if path.extension().is_some_and(|e| e == "gz") {
        Box::new(std::io::BufReader::new(flate2::read::GzDecoder::new(f)))
    } else {
        Box::new(std::io::BufReader::new(f))
    };
    let mut out = Vec::new();
    for line in r.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        out.push(serde_json::from_str(&line).map_err(|e| StanceError::Data(e.to_string()))?);
    }
    Ok(out)
}

fn field(v: &serde_json::Value, k: &str) -> Result<String, StanceError> {
    match v.get(k) {
        Some(serde_json::Value::String(s)) => Ok(s.clone()),
        Some(serde_json::Value::Number(n)) => Ok(n.to_string()),
        _ => Err(StanceError::Data(format!("missing field {k}"))),
    }
}

impl FncData {
    /// Read `pairs.jsonl[.gz]` and `bodies.jsonl[.gz]` from `dir`.
    pub fn load(dir: &Path) -> Result<FncData, StanceError> {
        let pick = |name: &str| {
            let gz = dir.join(format!("{name}.jsonl.gz"));
            if gz.is_file() {
                gz
            } else {
                dir.join(format!("{name}.jsonl"))
            }
        };
        let mut bodies = HashMap::new();
        for v in read_jsonl_gz(&pick("bodies"))? {
            bodies.insert(field(&v, "body_id")?, field(&v, "text")?);
        }
        let mut pairs = Vec::new();
        for v in read_jsonl_gz(&pick("pairs"))? {
            let stance = field(&v, "stance")?;
            let body_id = field(&v, "body_id")?;
            if !bodies.contains_key(&body_id) {
                return Err(StanceError::Data(format!("unknown body {body_id}")));
            }
            pairs.push(Pair {
                id: field(&v, "id")?,
                claim: field(&v, "claim")?,
                body_id,
                stance: Stance::parse(&stance)
                    .ok_or_else(|| StanceError::Data(format!("bad stance {stance}")))?,
            });
        }
        Ok(FncData { pairs, bodies })
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    pub related: Params,
    pub stance: Params,
    /// Row weights of agree, disagree, discuss in the second stage.
    pub class_weight: [f32; 3],
    pub class_bias: [f32; 3],
    pub related_threshold: f32,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            related: Params {
                rounds: 200,
                depth: 5,
                ..Params::default()
            },
            stance: Params {
                rounds: 250,
                depth: 5,
                learning_rate: 0.05,
                ..Params::default()
            },
            class_weight: [1.0, 2.0, 1.0],
            class_bias: [1.0, 1.5, 1.0],
            related_threshold: 0.5,
        }
    }
}

fn featurise(data: &FncData, pairs: &[&Pair], idf: &Idf) -> Vec<Vec<f32>> {
    let mut body_reps: HashMap<&str, TextRep> = HashMap::new();
    let mut claim_reps: HashMap<&str, TextRep> = HashMap::new();
    for p in pairs {
        body_reps.entry(p.body_id.as_str()).or_insert_with(|| {
            TextRep::new(data.bodies.get(&p.body_id).map_or("", |s| s.as_str()), idf)
        });
        claim_reps
            .entry(p.claim.as_str())
            .or_insert_with(|| TextRep::new(&p.claim, idf));
    }
    let empty = TextRep::default();
    pairs
        .iter()
        .map(|p| {
            let b = body_reps.get(p.body_id.as_str()).unwrap_or(&empty);
            let c = claim_reps.get(p.claim.as_str()).unwrap_or(&empty);
            features::features(c, b, idf)
        })
        .collect()
}

/// Train the two-stage model on `pairs`.
pub fn train(data: &FncData, pairs: &[&Pair], cfg: &TrainConfig) -> StanceModel {
    let mut body_ids: Vec<&str> = pairs.iter().map(|p| p.body_id.as_str()).collect();
    body_ids.sort_unstable();
    body_ids.dedup();
    let idf = Idf::from_docs(
        body_ids
            .iter()
            .map(|b| data.bodies.get(*b).map_or("", |s| s.as_str())),
    );
    let x = featurise(data, pairs, &idf);
    train_on_features(idf, &x, pairs, cfg)
}

fn train_on_features(idf: Idf, x: &[Vec<f32>], pairs: &[&Pair], cfg: &TrainConfig) -> StanceModel {
    let y_rel: Vec<usize> = pairs
        .iter()
        .map(|p| usize::from(p.stance != Stance::Unrelated))
        .collect();
    let w1 = vec![1.0; x.len()];
    let related = Gbdt::train(x, &y_rel, &w1, 2, &cfg.related);
    let (mut xs, mut ys, mut ws) = (Vec::new(), Vec::new(), Vec::new());
    for (xi, p) in x.iter().zip(pairs) {
        if p.stance != Stance::Unrelated {
            xs.push(xi.clone());
            ys.push(p.stance.index());
            ws.push(cfg.class_weight[p.stance.index()]);
        }
    }
    let stance = Gbdt::train(&xs, &ys, &ws, 3, &cfg.stance);
    StanceModel {
        version: 1,
        idf,
        related,
        stance,
        class_bias: cfg.class_bias,
        related_threshold: cfg.related_threshold,
    }
}

/// FNC-1 score (normalised) and per-class/macro F1, as `score_stance.py` computes them.
#[derive(Debug, Clone, Default)]
pub struct Score {
    pub fnc: f64,
    pub macro_f1: f64,
    pub f1: [f64; 4],
    pub confusion: [[usize; 4]; 4],
}

pub fn score(gold: &[Stance], pred: &[Stance]) -> Score {
    let (mut s, mut best) = (0f64, 0f64);
    let mut conf = [[0usize; 4]; 4];
    for (g, p) in gold.iter().zip(pred) {
        best += 0.25 + if *g != Stance::Unrelated { 0.75 } else { 0.0 };
        if (*g == Stance::Unrelated) == (*p == Stance::Unrelated) {
            s += 0.25;
            if *g != Stance::Unrelated && g == p {
                s += 0.75;
            }
        }
        conf[g.index()][p.index()] += 1;
    }
    let mut f1 = [0f64; 4];
    for (k, f) in f1.iter_mut().enumerate() {
        let tp = conf[k][k] as f64;
        let fp: f64 = (0..4).filter(|&g| g != k).map(|g| conf[g][k] as f64).sum();
        let fnn: f64 = (0..4).filter(|&p| p != k).map(|p| conf[k][p] as f64).sum();
        let pr = if tp + fp > 0.0 { tp / (tp + fp) } else { 0.0 };
        let rc = if tp + fnn > 0.0 { tp / (tp + fnn) } else { 0.0 };
        *f = if pr + rc > 0.0 {
            2.0 * pr * rc / (pr + rc)
        } else {
            0.0
        };
    }
    Score {
        fnc: if best > 0.0 { s / best } else { 0.0 },
        macro_f1: f1.iter().sum::<f64>() / 4.0,
        f1,
        confusion: conf,
    }
}

/// k-fold cross-validation with folds grouped by body (no body is in both train and test).
/// Returns the out-of-fold raw probabilities (see [`StanceModel::raw`]), in the order of
/// `data.pairs`.
pub fn cross_validate(
    data: &FncData,
    k: usize,
    seed: u64,
    cfg: &TrainConfig,
) -> Vec<(f32, Vec<f32>)> {
    let mut bodies: Vec<&str> = data.pairs.iter().map(|p| p.body_id.as_str()).collect();
    bodies.sort_unstable();
    bodies.dedup();
    // Seeded shuffle (Fisher-Yates, xorshift).
    let mut s = seed.max(1);
    for i in (1..bodies.len()).rev() {
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        bodies.swap(i, (s % (i as u64 + 1)) as usize);
    }
    let fold: HashMap<&str, usize> = bodies
        .iter()
        .enumerate()
        .map(|(i, b)| (*b, i % k.max(2)))
        .collect();
    let mut pred = vec![(0.0, Vec::new()); data.pairs.len()];
    for f in 0..k.max(2) {
        let train_pairs: Vec<&Pair> = data
            .pairs
            .iter()
            .filter(|p| fold.get(p.body_id.as_str()) != Some(&f))
            .collect();
        let m = train(data, &train_pairs, cfg);
        let test: Vec<(usize, &Pair)> = data
            .pairs
            .iter()
            .enumerate()
            .filter(|(_, p)| fold.get(p.body_id.as_str()) == Some(&f))
            .collect();
        let tp: Vec<&Pair> = test.iter().map(|(_, p)| *p).collect();
        let x = featurise(data, &tp, &m.idf);
        for ((i, _), xi) in test.iter().zip(&x) {
            pred[*i] = m.raw(xi);
        }
    }
    pred
}
