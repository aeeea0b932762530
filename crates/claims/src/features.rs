//! Claim/body representations and the dense feature vector the stance model learns from.
use crate::lex::{self, Word};
use crate::lex::{FxMap as HashMap, FxSet as HashSet};
use serde::{Deserialize, Serialize};

/// Inverse document frequencies of stems, learned from the training bodies.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Idf {
    pub docs: u32,
    pub df: HashMap<String, u32>,
}

impl Idf {
    pub fn from_docs<'a>(docs: impl Iterator<Item = &'a str>) -> Idf {
        let mut df: HashMap<String, u32> = HashMap::default();
        let mut n = 0u32;
        for d in docs {
            n += 1;
            let set: HashSet<String> = content_stems(&lex::words(d)).into_iter().collect();
            for s in set {
                *df.entry(s).or_default() += 1;
            }
        }
        // Words seen once carry no more than an unseen word: drop them to keep the model small.
        df.retain(|_, c| *c > 1);
        Idf { docs: n, df }
    }
    pub fn get(&self, stem: &str) -> f32 {
        let df = self.df.get(stem).copied().unwrap_or(0) as f32;
        ((self.docs as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }
}

fn content_stems(ws: &[Word]) -> Vec<String> {
    ws.iter()
        .filter(|w| !lex::is_stop(&w.lower) && !lex::is_negation(&w.lower))
        .map(|w| lex::stem(&w.lower))
        .collect()
}

pub const N_CUES: usize = 5;

fn cues(ws: &[Word]) -> [f32; N_CUES] {
    let mut c = [0f32; N_CUES];
    for w in ws {
        let l = w.lower.as_str();
        c[0] += f32::from(u8::from(lex::is_negation(l)));
        c[1] += f32::from(u8::from(lex::is_refute(l)));
        c[2] += f32::from(u8::from(lex::is_hedge(l)));
        c[3] += f32::from(u8::from(lex::is_support(l)));
        c[4] += f32::from(u8::from(lex::is_report(l)));
    }
    c
}

/// A sparse TF-IDF vector, L2-normalised.
#[derive(Debug, Clone, Default)]
pub struct Vector {
    pub w: HashMap<String, f32>,
}

impl Vector {
    fn new(stems: &[String], idf: &Idf) -> Vector {
        let mut w: HashMap<String, f32> = HashMap::default();
        for s in stems {
            *w.entry(s.clone()).or_default() += 1.0;
        }
        for (s, v) in w.iter_mut() {
            *v = (1.0 + v.ln()) * idf.get(s);
        }
        let norm = w.values().map(|v| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            w.values_mut().for_each(|v| *v /= norm);
        }
        Vector { w }
    }
    pub fn cos(&self, o: &Vector) -> f32 {
        let (a, b) = if self.w.len() <= o.w.len() {
            (self, o)
        } else {
            (o, self)
        };
        a.w.iter()
            .map(|(k, v)| v * b.w.get(k).copied().unwrap_or(0.0))
            .sum()
    }
}

/// One sentence of a body.
#[derive(Debug, Clone)]
pub struct Sent {
    pub vec: Vector,
    pub stems: HashSet<String>,
    pub cues: [f32; N_CUES],
    pub neg: u32,
    pub question: bool,
    pub quoted: bool,
}

/// Everything the model needs from one text (a claim or a body), computed once.
#[derive(Debug, Clone, Default)]
pub struct TextRep {
    pub words: usize,
    pub vec: Vector,
    pub stems: Vec<String>,
    pub stem_set: HashSet<String>,
    pub tf: HashMap<String, u32>,
    pub bigrams: HashSet<(String, String)>,
    pub char4: HashSet<u64>,
    pub caps: HashSet<String>,
    pub numbers: HashSet<String>,
    pub sents: Vec<Sent>,
    pub cues: [f32; N_CUES],
    pub questions: usize,
    /// Stems in order, all words (for longest common run).
    pub seq: Vec<String>,
}

impl TextRep {
    pub fn new(text: &str, idf: &Idf) -> TextRep {
        let ws = lex::words(text);
        let stems = content_stems(&ws);
        let mut tf: HashMap<String, u32> = HashMap::default();
        for s in &stems {
            *tf.entry(s.clone()).or_default() += 1;
        }
        let seq: Vec<String> = ws.iter().map(|w| lex::stem(&w.lower)).collect();
        let bigrams = seq
            .windows(2)
            .map(|p| (p[0].clone(), p[1].clone()))
            .collect();
        let norm: String = ws
            .iter()
            .map(|w| w.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let chars: Vec<char> = norm.chars().collect();
        let char4 = chars.windows(4).map(hash_chars).collect();
        let mut caps = HashSet::default();
        let mut numbers = HashSet::default();
        for (i, w) in ws.iter().enumerate() {
            if w.number {
                numbers.insert(w.lower.clone());
            } else if w.capital && i > 0 && !lex::is_stop(&w.lower) {
                caps.insert(lex::stem(&w.lower));
            }
        }
        let sents = split_sentences(text)
            .into_iter()
            .filter_map(|s| {
                let sw = lex::words(s);
                if sw.is_empty() {
                    return None;
                }
                let st = content_stems(&sw);
                let c = cues(&sw);
                Some(Sent {
                    vec: Vector::new(&st, idf),
                    stems: st.into_iter().collect(),
                    cues: c,
                    neg: c[0] as u32,
                    question: s.contains('?'),
                    quoted: s.contains('"') || s.contains('“') || s.contains('”'),
                })
            })
            .collect();
        TextRep {
            words: ws.len(),
            vec: Vector::new(&stems, idf),
            stem_set: stems.iter().cloned().collect(),
            stems,
            tf,
            bigrams,
            char4,
            caps,
            numbers,
            sents,
            cues: cues(&ws),
            questions: text.matches('?').count(),
            seq,
        }
    }
}

fn hash_chars(w: &[char]) -> u64 {
    let mut h: u64 = 0xcbf29ce484222325;
    for c in w {
        h ^= *c as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

/// Sentences by a simple rule: line breaks, and `.!?` followed by space.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0usize;
    let b = text.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        let end = match c {
            b'\n' => Some(i),
            b'.' | b'!' | b'?' => {
                let next = b.get(i + 1).copied();
                (next.is_none() || next == Some(b' ')).then_some(i + 1)
            }
            _ => None,
        };
        if let Some(e) = end {
            if let Some(s) = text.get(start..e) {
                if !s.trim().is_empty() {
                    out.push(s.trim());
                }
            }
            start = e;
        }
    }
    if let Some(s) = text.get(start..) {
        if !s.trim().is_empty() {
            out.push(s.trim());
        }
    }
    out
}

pub const FEATURE_NAMES: &[&str] = &[
    "cos_body",
    "cos_top1",
    "cos_top3",
    "cos_lead",
    "overlap",
    "overlap_idf",
    "jaccard",
    "lead_overlap_idf",
    "bigram",
    "char4",
    "run",
    "caps",
    "claim_caps",
    "numbers",
    "claim_numbers",
    "claim_len",
    "body_len",
    "body_sents",
    "best_pos",
    "sents_cos10",
    "sents_half",
    "best_cover",
    "bm25",
    "neg_body",
    "neg_top3",
    "neg_top1",
    "neg_wsum",
    "neg_claim",
    "refute_body",
    "refute_top3",
    "refute_top1",
    "refute_wsum",
    "refute_claim",
    "hedge_body",
    "hedge_top3",
    "hedge_top1",
    "hedge_wsum",
    "hedge_claim",
    "support_body",
    "support_top3",
    "support_top1",
    "support_wsum",
    "support_claim",
    "report_body",
    "report_top3",
    "report_top1",
    "report_wsum",
    "report_claim",
    "q_body",
    "q_top1",
    "q_claim",
    "quoted_top3",
    "polarity",
    "refute_lead",
    "hedge_lead",
];

pub fn n_features() -> usize {
    FEATURE_NAMES.len()
}

/// The feature vector of (claim, body).
pub fn features(c: &TextRep, b: &TextRep, idf: &Idf) -> Vec<f32> {
    let mut f = Vec::with_capacity(FEATURE_NAMES.len());
    let nc = c.stem_set.len().max(1) as f32;
    // Sentence similarities.
    let sims: Vec<f32> = b.sents.iter().map(|s| s.vec.cos(&c.vec)).collect();
    let mut order: Vec<usize> = (0..sims.len()).collect();
    order.sort_by(|&i, &j| sims[j].total_cmp(&sims[i]));
    let top: Vec<usize> = order.iter().copied().take(3).collect();
    let top1 = top.first().copied();
    f.push(c.vec.cos(&b.vec));
    f.push(top1.map_or(0.0, |i| sims[i]));
    f.push(top.iter().map(|&i| sims[i]).sum::<f32>() / top.len().max(1) as f32);
    f.push(sims.iter().take(2).copied().fold(0.0, f32::max));
    let inter: Vec<&String> = c
        .stem_set
        .iter()
        .filter(|s| b.stem_set.contains(*s))
        .collect();
    let idf_c: f32 = c.stem_set.iter().map(|s| idf.get(s)).sum::<f32>().max(1e-6);
    f.push(inter.len() as f32 / nc);
    f.push(inter.iter().map(|s| idf.get(s)).sum::<f32>() / idf_c);
    let union = c.stem_set.len() + b.stem_set.len() - inter.len();
    f.push(inter.len() as f32 / union.max(1) as f32);
    let lead: HashSet<&String> = b.sents.iter().take(3).flat_map(|s| &s.stems).collect();
    f.push(
        c.stem_set
            .iter()
            .filter(|s| lead.contains(s))
            .map(|s| idf.get(s))
            .sum::<f32>()
            / idf_c,
    );
    f.push(
        c.bigrams.iter().filter(|g| b.bigrams.contains(*g)).count() as f32
            / c.bigrams.len().max(1) as f32,
    );
    f.push(
        c.char4.iter().filter(|g| b.char4.contains(*g)).count() as f32
            / c.char4.len().max(1) as f32,
    );
    f.push(longest_run(&c.seq, &b.bigrams) as f32 / c.seq.len().max(1) as f32);
    f.push(if c.caps.is_empty() {
        -1.0
    } else {
        c.caps.iter().filter(|s| b.stem_set.contains(*s)).count() as f32 / c.caps.len() as f32
    });
    f.push(c.caps.len() as f32);
    f.push(if c.numbers.is_empty() {
        -1.0
    } else {
        c.numbers.iter().filter(|s| b.numbers.contains(*s)).count() as f32 / c.numbers.len() as f32
    });
    f.push(c.numbers.len() as f32);
    f.push(nc);
    f.push((b.words as f32 + 1.0).ln());
    f.push(b.sents.len() as f32);
    f.push(top1.map_or(1.0, |i| i as f32 / b.sents.len().max(1) as f32));
    f.push(sims.iter().filter(|&&s| s > 0.1).count() as f32 / sims.len().max(1) as f32);
    let covers: Vec<f32> = b
        .sents
        .iter()
        .map(|s| c.stem_set.iter().filter(|t| s.stems.contains(*t)).count() as f32 / nc)
        .collect();
    f.push(covers.iter().filter(|&&v| v >= 0.5).count() as f32 / covers.len().max(1) as f32);
    f.push(covers.iter().copied().fold(0.0, f32::max));
    // BM25 of the body for the claim as query, normalised by the query's total idf.
    let avgdl = 350.0f32;
    let dl = b.stems.len() as f32;
    let bm: f32 = c
        .stem_set
        .iter()
        .map(|s| {
            let tf = b.tf.get(s).copied().unwrap_or(0) as f32;
            idf.get(s) * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * dl / avgdl))
        })
        .sum();
    f.push(bm / idf_c);
    let nwords = (b.words as f32).max(1.0);
    let wsum: f32 = sims.iter().sum::<f32>().max(1e-3);
    for k in 0..N_CUES {
        f.push(b.cues[k] * 100.0 / nwords);
        f.push(top.iter().map(|&i| b.sents[i].cues[k]).sum());
        f.push(top1.map_or(0.0, |i| b.sents[i].cues[k]));
        f.push(
            b.sents
                .iter()
                .zip(&sims)
                .map(|(s, w)| s.cues[k] * w)
                .sum::<f32>()
                / wsum,
        );
        f.push(c.cues[k]);
    }
    f.push(b.questions as f32 / b.sents.len().max(1) as f32);
    f.push(top1.map_or(0.0, |i| f32::from(u8::from(b.sents[i].question))));
    f.push(c.questions as f32);
    f.push(top.iter().filter(|&&i| b.sents[i].quoted).count() as f32);
    let claim_neg = c.cues[0] as u32 % 2;
    f.push(top1.map_or(0.0, |i| {
        f32::from(u8::from(claim_neg != b.sents[i].neg % 2))
    }));
    f.push(b.sents.iter().take(3).map(|s| s.cues[1]).sum());
    f.push(b.sents.iter().take(3).map(|s| s.cues[2]).sum());
    debug_assert_eq!(f.len(), FEATURE_NAMES.len());
    f
}

/// Longest run of consecutive claim words whose bigrams all occur in the body.
fn longest_run(seq: &[String], bigrams: &HashSet<(String, String)>) -> usize {
    let mut best = 0;
    let mut cur = 0;
    for p in seq.windows(2) {
        if bigrams.contains(&(p[0].clone(), p[1].clone())) {
            cur += 1;
            best = best.max(cur + 1);
        } else {
            cur = 0;
        }
    }
    best
}
