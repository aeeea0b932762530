//! Word clusters learned from raw text: distributional vectors (PPMI over left/right
//! neighbours, randomly projected) split by recursive spherical 2-means into a binary tree, so
//! that every word gets a Brown-style bit path whose prefixes are coarser clusters.
//! Deterministic: fixed seeds, ties broken by frequency then spelling.
use crate::features::Clusters;
use crate::hash::{sign, FastMap};

pub struct ClusterParams {
    pub max_words: usize,
    pub min_count: u32,
    pub contexts: usize,
    pub dims: usize,
    pub max_depth: u8,
    pub min_leaf: usize,
}

impl Default for ClusterParams {
    fn default() -> Self {
        ClusterParams {
            max_words: 60_000,
            min_count: 3,
            contexts: 500,
            dims: 64,
            max_depth: 20,
            min_leaf: 4,
        }
    }
}

/// Splits raw text into CoNLL-like tokens: whitespace, then leading/trailing punctuation and
/// clitics peeled off.
pub fn tokenize_raw(text: &str, out: &mut Vec<String>) {
    for w in text.split_whitespace() {
        let mut s = w;
        let mut tail: Vec<&str> = Vec::new();
        while let Some(c) = s.chars().next() {
            if c.is_alphanumeric() {
                break;
            }
            out.push(c.to_string());
            s = &s[c.len_utf8()..];
        }
        while let Some(c) = s.chars().last() {
            if c.is_alphanumeric() {
                break;
            }
            // keep the period of abbreviations such as "U.S." and "Corp."
            if c == '.' && s.len() > 1 && s[..s.len() - 1].contains('.') {
                break;
            }
            tail.push(&s[s.len() - c.len_utf8()..]);
            s = &s[..s.len() - c.len_utf8()];
        }
        if let Some(stem) = s.strip_suffix("'s") {
            if !stem.is_empty() {
                out.push(stem.to_string());
                out.push("'s".to_string());
                s = "";
            }
        }
        if !s.is_empty() {
            out.push(s.to_string());
        }
        out.extend(tail.iter().rev().map(|t| t.to_string()));
    }
}

/// Learns clusters from an iterator of token sequences (one per sentence or document).
pub fn learn<'a>(
    seqs: impl Iterator<Item = &'a [String]> + Clone,
    p: &ClusterParams,
    mut progress: impl FnMut(&str),
) -> Clusters {
    // vocabulary
    let mut counts: FastMap<&str, u32> = FastMap::default();
    let mut ntok = 0u64;
    for s in seqs.clone() {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
            ntok += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> = counts
        .iter()
        .filter(|(_, &c)| c >= p.min_count)
        .map(|(w, c)| (*w, *c))
        .collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    vocab.truncate(p.max_words);
    progress(&format!(
        "clusters: {ntok} tokens, {} word types, clustering {}",
        counts.len(),
        vocab.len()
    ));
    let index: FastMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (*w, i))
        .collect();
    let nctx = p.contexts.min(vocab.len());
    // co-occurrence with left/right neighbour among the top `nctx` words (plus "other")
    let width = 2 * (nctx + 1);
    let mut co: Vec<FastMap<u32, u32>> = vec![FastMap::default(); vocab.len()];
    let ctx_of = |w: Option<&String>| -> usize {
        match w.and_then(|w| index.get(w.as_str())) {
            Some(&i) if i < nctx => i,
            _ => nctx,
        }
    };
    for s in seqs {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let l = ctx_of(if i > 0 { s.get(i - 1) } else { None });
            let r = ctx_of(s.get(i + 1));
            *co[wi].entry(l as u32).or_default() += 1;
            *co[wi].entry((nctx + 1 + r) as u32).or_default() += 1;
        }
    }
    let mut ctx_tot = vec![0f64; width];
    let mut total = 0f64;
    for m in &co {
        let mut entries: Vec<(&u32, &u32)> = m.iter().collect();
        entries.sort();
        for (&c, &n) in entries {
            ctx_tot[c as usize] += f64::from(n);
            total += f64::from(n);
        }
    }
    // PPMI, randomly projected to `dims`, L2-normalised
    let dims = p.dims;
    let mut vecs = vec![0f32; vocab.len() * dims];
    for (wi, m) in co.iter().enumerate() {
        let mut entries: Vec<(&u32, &u32)> = m.iter().collect();
        entries.sort();
        let wt: f64 = entries.iter().map(|(_, &n)| f64::from(n)).sum();
        let v = &mut vecs[wi * dims..(wi + 1) * dims];
        for (&c, &n) in entries {
            let pmi = (f64::from(n) * total / (wt * ctx_tot[c as usize])).ln();
            if pmi <= 0.0 {
                continue;
            }
            for (d, x) in v.iter_mut().enumerate() {
                *x += pmi as f32 * sign(u64::from(c), d as u64);
            }
        }
        normalise(v);
    }
    progress("clusters: vectors ready, splitting");
    let mut out = Clusters::default();
    let all: Vec<usize> = (0..vocab.len()).collect();
    let mut stack: Vec<(Vec<usize>, u32, u8)> = vec![(all, 0, 0)];
    while let Some((members, path, depth)) = stack.pop() {
        if depth >= p.max_depth || members.len() <= p.min_leaf {
            for &m in &members {
                out.map.insert(vocab[m].0.to_string(), (path, depth));
            }
            continue;
        }
        let (a, b) = two_means(&vecs, dims, &members);
        if a.is_empty() || b.is_empty() {
            for &m in &members {
                out.map.insert(vocab[m].0.to_string(), (path, depth));
            }
            continue;
        }
        stack.push((a, path << 1, depth + 1));
        stack.push((b, (path << 1) | 1, depth + 1));
    }
    progress(&format!("clusters: {} words placed", out.map.len()));
    out
}

fn normalise(v: &mut [f32]) {
    let n = v.iter().map(|x| x * x).sum::<f32>().sqrt();
    if n > 0.0 {
        for x in v.iter_mut() {
            *x /= n;
        }
    }
}

fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Spherical 2-means on `members` (sorted by frequency, most frequent first).
fn two_means(vecs: &[f32], dims: usize, members: &[usize]) -> (Vec<usize>, Vec<usize>) {
    let row = |i: usize| &vecs[i * dims..(i + 1) * dims];
    // seeds: the most frequent word, and the member least similar to it
    let first = members[0];
    let mut second = members[members.len() - 1];
    let mut low = f32::INFINITY;
    for &m in members.iter().skip(1) {
        let s = dot(row(first), row(m));
        if s < low {
            low = s;
            second = m;
        }
    }
    let mut ca = row(first).to_vec();
    let mut cb = row(second).to_vec();
    let mut assign = vec![false; members.len()];
    for _ in 0..12 {
        let mut changed = false;
        for (k, &m) in members.iter().enumerate() {
            let r = row(m);
            let to_b = dot(r, &cb) > dot(r, &ca);
            if to_b != assign[k] {
                assign[k] = to_b;
                changed = true;
            }
        }
        let mut na = vec![0f32; dims];
        let mut nb = vec![0f32; dims];
        for (k, &m) in members.iter().enumerate() {
            let t = if assign[k] { &mut nb } else { &mut na };
            for (x, y) in t.iter_mut().zip(row(m)) {
                *x += y;
            }
        }
        normalise(&mut na);
        normalise(&mut nb);
        ca = na;
        cb = nb;
        if !changed {
            break;
        }
    }
    let mut a = Vec::new();
    let mut b = Vec::new();
    for (k, &m) in members.iter().enumerate() {
        if assign[k] {
            b.push(m);
        } else {
            a.push(m);
        }
    }
    (a, b)
}
