//! Feature extraction for the tagger: local, context, cluster, gazetteer and document features.
use crate::hash::{FastMap, FastSet, FeatHasher};

/// Entity types of the statistical tagger (CoNLL).
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Labels: O, then B-/I- per type.
pub const N_LABELS: usize = 1 + 2 * TYPES.len();

pub fn label_name(l: usize) -> String {
    if l == 0 || l >= N_LABELS {
        "O".to_string()
    } else {
        let t = TYPES[(l - 1) / 2];
        if (l - 1) % 2 == 0 {
            format!("B-{t}")
        } else {
            format!("I-{t}")
        }
    }
}

pub fn label_of(tag: &str) -> usize {
    let (bi, t) = match tag.split_once('-') {
        Some(x) => x,
        None => return 0,
    };
    let Some(ti) = TYPES.iter().position(|x| *x == t) else {
        return 0;
    };
    match bi {
        "B" => 1 + 2 * ti,
        "I" => 2 + 2 * ti,
        _ => 0,
    }
}

/// Type index of a label (None for O).
pub fn label_type(l: usize) -> Option<usize> {
    (l > 0 && l < N_LABELS).then(|| (l - 1) / 2)
}

pub fn is_inside(l: usize) -> bool {
    l > 0 && l < N_LABELS && (l - 1) % 2 == 1
}

/// Word shape: X for upper, x for lower, d for digit, others kept; `short` collapses runs.
pub fn shape(w: &str, short: bool, out: &mut String) {
    out.clear();
    let mut last = '\0';
    for (n, c) in w.chars().enumerate() {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else if c.is_alphabetic() {
            'a'
        } else {
            c
        };
        if short && s == last {
            continue;
        }
        if !short && n >= 12 {
            break;
        }
        out.push(s);
        last = s;
    }
}

/// Lower case, without allocating when the word has no upper-case letter.
pub fn lower(s: &str) -> std::borrow::Cow<'_, str> {
    if s.chars().any(|c| c.is_uppercase()) {
        std::borrow::Cow::Owned(s.to_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub fn has_upper(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

pub fn is_all_caps(w: &str) -> bool {
    let mut any = false;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_uppercase() {
            any = true;
        }
    }
    any
}

/// Brown-style word clusters: a bit path per word.
#[derive(Debug, Default, Clone)]
pub struct Clusters {
    pub map: FastMap<String, (u32, u8)>,
}

impl Clusters {
    pub fn get(&self, w: &str, lower: &str) -> Option<(u32, u8)> {
        if let Some(p) = self.map.get(w) {
            return Some(*p);
        }
        if let Some(p) = self.map.get(lower) {
            return Some(*p);
        }
        // ALL CAPS: try Title case
        if is_all_caps(w) {
            let mut t = String::with_capacity(w.len());
            for (i, c) in lower.chars().enumerate() {
                if i == 0 {
                    t.extend(c.to_uppercase());
                } else {
                    t.push(c);
                }
            }
            return self.map.get(&t).copied();
        }
        None
    }
}

/// Gazetteer of lower-cased phrases with, per type, the number of training documents that
/// contain the phrase as an entity of that type.
#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    pub map: FastMap<String, [u16; 5]>,
    pub max_len: usize,
}

/// Extra gazetteer type: known place names from GeoNames (index 4).
pub const GAZ_TYPES: usize = 5;

impl Gazetteer {
    pub fn add(&mut self, phrase: &str, ty: usize, n: u16) {
        let e = self.map.entry(phrase.to_string()).or_insert([0; 5]);
        if let Some(x) = e.get_mut(ty) {
            *x = x.saturating_add(n);
        }
        self.max_len = self.max_len.max(phrase.split(' ').count());
    }
}

/// What the feature extractor needs besides the tokens.
pub struct Resources<'a> {
    pub clusters: &'a Clusters,
    pub gaz: &'a Gazetteer,
    /// Phrases (lower-cased, type) of the document being trained on, left out of the gazetteer.
    pub leave_out: Option<&'a FastSet<(String, usize)>>,
    pub bits: u32,
}

pub struct TokInfo<'a> {
    pub lower: std::borrow::Cow<'a, str>,
    pub cap: bool,
}

// Template ids.
const T_BIAS: u32 = 0;
const T_W: u32 = 1;
const T_LOW: u32 = 2;
const T_PRE: u32 = 3;
const T_SUF: u32 = 4;
const T_SHAPE: u32 = 5;
const T_SSHAPE: u32 = 6;
const T_CTXW: u32 = 7;
const T_CTXSH: u32 = 8;
const T_BIGRAM: u32 = 9;
const T_FLAGS: u32 = 10;
const T_CLUS: u32 = 11;
const T_GAZ: u32 = 12;
const T_DOC: u32 = 13;
const T_SH3: u32 = 14;
const T_HIST: u32 = 15;
const T_CTXCLUS: u32 = 16;
const T_LOWSH: u32 = 17;
const T_CTXLOWSH: u32 = 18;

/// The template ids, for the fast tagging path (`crate::fast`).
pub mod templates {
    pub const BIAS: u32 = super::T_BIAS;
    pub const W: u32 = super::T_W;
    pub const LOW: u32 = super::T_LOW;
    pub const PRE: u32 = super::T_PRE;
    pub const SUF: u32 = super::T_SUF;
    pub const SHAPE: u32 = super::T_SHAPE;
    pub const SSHAPE: u32 = super::T_SSHAPE;
    pub const CTXW: u32 = super::T_CTXW;
    pub const CTXSH: u32 = super::T_CTXSH;
    pub const BIGRAM: u32 = super::T_BIGRAM;
    pub const FLAGS: u32 = super::T_FLAGS;
    pub const CLUS: u32 = super::T_CLUS;
    pub const GAZ: u32 = super::T_GAZ;
    pub const DOC: u32 = super::T_DOC;
    pub const SH3: u32 = super::T_SH3;
    pub const HIST: u32 = super::T_HIST;
    pub const CTXCLUS: u32 = super::T_CTXCLUS;
    pub const LOWSH: u32 = super::T_LOWSH;
    pub const CTXLOWSH: u32 = super::T_CTXLOWSH;
}

/// Per-document context: how each lower-cased word is written elsewhere in the document.
#[derive(Default)]
pub struct DocContext {
    /// lower → (lowercase occurrences, capitalised non-initial occurrences)
    pub forms: FastMap<String, (u32, u32)>,
}

impl DocContext {
    pub fn new(sents: &[Vec<&str>]) -> Self {
        let mut forms: FastMap<String, (u32, u32)> = FastMap::default();
        for s in sents {
            let caps_sent = s.iter().filter(|w| is_all_caps(w)).count() * 2 > s.len();
            for (i, w) in s.iter().enumerate() {
                if !w.chars().any(|c| c.is_alphabetic()) {
                    continue;
                }
                let l = lower(w);
                let e = match forms.get_mut(l.as_ref()) {
                    Some(e) => e,
                    None => forms.entry(l.into_owned()).or_default(),
                };
                if !has_upper(w) {
                    e.0 += 1;
                } else if i > 0 && !caps_sent && !is_all_caps(w) {
                    e.1 += 1;
                }
            }
        }
        DocContext { forms }
    }
}

/// Feature templates switched off for ablation experiments (`DATELINE_NER_ABLATE`, a bit mask
/// of template ids); read once.
fn ablated(t: u32) -> bool {
    ablation_mask() & (1 << t) != 0
}

/// The `DATELINE_NER_ABLATE` mask (0: every template on).
pub fn ablation_mask() -> u64 {
    static MASK: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *MASK.get_or_init(|| {
        std::env::var("DATELINE_NER_ABLATE")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    })
}

/// Static features of every token of one sentence (bucket ids).
pub fn sentence_features(
    sent: &[&str],
    res: &Resources,
    doc: &DocContext,
    out: &mut Vec<Vec<u32>>,
) {
    let n = sent.len();
    let bits = res.bits;
    let infos: Vec<TokInfo> = sent
        .iter()
        .map(|w| TokInfo {
            lower: lower(w),
            cap: has_upper(w),
        })
        .collect();
    let caps_sent = sent.iter().filter(|w| is_all_caps(w)).count() * 2 > n;
    let mut shapes: Vec<String> = Vec::with_capacity(n);
    let mut sshapes: Vec<String> = Vec::with_capacity(n);
    let mut tmp = String::new();
    for w in sent {
        shape(w, false, &mut tmp);
        shapes.push(tmp.clone());
        shape(w, true, &mut tmp);
        sshapes.push(tmp.clone());
    }
    let clus: Vec<Option<(u32, u8)>> = sent
        .iter()
        .zip(&infos)
        .map(|(w, t)| res.clusters.get(w, &t.lower))
        .collect();
    let gaz = gazetteer_matches(&infos, sent, res);
    let get = |i: isize| -> (&str, &str) {
        if i < 0 {
            ("<s>", "<s>")
        } else if i as usize >= n {
            ("</s>", "</s>")
        } else {
            let k = i as usize;
            (&*infos[k].lower, sshapes[k].as_str())
        }
    };
    // reuse the per-token buffers of the previous sentence
    out.truncate(n);
    for v in out.iter_mut() {
        v.clear();
    }
    out.resize_with(n, || Vec::with_capacity(96));
    for i in 0..n {
        let mut f: Vec<u32> = std::mem::take(&mut out[i]);
        let w = sent[i];
        let low: &str = &infos[i].lower;
        let add = |f: &mut Vec<u32>, h: FeatHasher| {
            if !ablated(h.1) {
                f.push(h.bucket(bits))
            }
        };
        add(&mut f, FeatHasher::new(T_BIAS));
        add(&mut f, FeatHasher::new(T_W).bytes(w.as_bytes()));
        add(&mut f, FeatHasher::new(T_LOW).bytes(low.as_bytes()));
        // affixes
        // byte offsets of the first five char boundaries and of the last four, so that
        // prefixes and suffixes are slices of `low` (no per-token allocation)
        let nchars = low.chars().count();
        let mut heads = [0usize; 5];
        for (slot, (b, _)) in heads.iter_mut().zip(low.char_indices()) {
            *slot = b;
        }
        for k in 1..=4usize {
            if nchars > k {
                let (Some(&pe), Some((se, _))) = (heads.get(k), low.char_indices().nth_back(k - 1))
                else {
                    continue;
                };
                let (Some(p), Some(s)) = (low.get(..pe), low.get(se..)) else {
                    continue;
                };
                add(
                    &mut f,
                    FeatHasher::new(T_PRE).num(k as u64).bytes(p.as_bytes()),
                );
                add(
                    &mut f,
                    FeatHasher::new(T_SUF).num(k as u64).bytes(s.as_bytes()),
                );
            }
        }
        add(&mut f, FeatHasher::new(T_SHAPE).bytes(shapes[i].as_bytes()));
        add(
            &mut f,
            FeatHasher::new(T_SSHAPE)
                .num(caps_sent as u64)
                .bytes(sshapes[i].as_bytes()),
        );
        // flags
        let first = i == 0 || (i == 1 && matches!(sent[0], "\"" | "'" | "(" | "``" | "-"));
        let flags = (first as u64)
            | (infos[i].cap as u64) << 1
            | (is_all_caps(w) as u64) << 2
            | (caps_sent as u64) << 3
            | (w.contains('-') as u64) << 4
            | (w.contains('.') as u64) << 5
            | (w.chars().any(|c| c.is_ascii_digit()) as u64) << 6;
        add(&mut f, FeatHasher::new(T_FLAGS).num(flags));
        // context words and shapes, -2..=2
        for d in [-2isize, -1, 1, 2] {
            let (cw, cs) = get(i as isize + d);
            add(
                &mut f,
                FeatHasher::new(T_CTXW).num(d as u64).bytes(cw.as_bytes()),
            );
            add(
                &mut f,
                FeatHasher::new(T_CTXSH).num(d as u64).bytes(cs.as_bytes()),
            );
            add(
                &mut f,
                FeatHasher::new(T_CTXLOWSH)
                    .num(d as u64)
                    .bytes(cw.as_bytes())
                    .bytes(sshapes[i].as_bytes()),
            );
        }
        add(
            &mut f,
            FeatHasher::new(T_LOWSH)
                .bytes(low.as_bytes())
                .num(first as u64),
        );
        let (pw, ps) = get(i as isize - 1);
        let (nw, ns) = get(i as isize + 1);
        add(
            &mut f,
            FeatHasher::new(T_BIGRAM)
                .num(0)
                .bytes(pw.as_bytes())
                .bytes(low.as_bytes()),
        );
        add(
            &mut f,
            FeatHasher::new(T_BIGRAM)
                .num(1)
                .bytes(low.as_bytes())
                .bytes(nw.as_bytes()),
        );
        add(
            &mut f,
            FeatHasher::new(T_SH3)
                .bytes(ps.as_bytes())
                .bytes(sshapes[i].as_bytes())
                .bytes(ns.as_bytes()),
        );
        // clusters
        if let Some((path, len)) = clus[i] {
            for p in [4u8, 6, 10, 20] {
                let l = p.min(len);
                let pre = path >> (len - l);
                add(
                    &mut f,
                    FeatHasher::new(T_CLUS)
                        .num(u64::from(p))
                        .num(u64::from(pre) | (u64::from(l) << 32)),
                );
                if l == len {
                    break;
                }
            }
        } else {
            add(&mut f, FeatHasher::new(T_CLUS).num(99));
        }
        for d in [-2isize, -1, 1, 2] {
            let j = i as isize + d;
            if j < 0 || j as usize >= n {
                continue;
            }
            if let Some((path, len)) = clus[j as usize] {
                for p in [4u8, 10] {
                    let l = p.min(len);
                    let pre = path >> (len - l);
                    add(
                        &mut f,
                        FeatHasher::new(T_CTXCLUS)
                            .num(d as u64)
                            .num(u64::from(p))
                            .num(u64::from(pre) | (u64::from(l) << 32)),
                    );
                }
            }
        }
        // gazetteer
        for &(ty, pos) in &gaz[i] {
            add(
                &mut f,
                FeatHasher::new(T_GAZ).num(ty as u64).num(pos as u64),
            );
            add(
                &mut f,
                FeatHasher::new(T_GAZ)
                    .num(ty as u64)
                    .num(pos as u64)
                    .bytes(sshapes[i].as_bytes()),
            );
        }
        // document context: how this word is written elsewhere
        if infos[i].cap {
            if let Some(&(lowc, titlec)) = doc.forms.get(low) {
                let k = (lowc > 0) as u64 | ((titlec > 0) as u64) << 1;
                add(
                    &mut f,
                    FeatHasher::new(T_DOC)
                        .num(k)
                        .num(first as u64 | (caps_sent as u64) << 1),
                );
            }
        }
        out[i] = f;
    }
}

/// For each token, the (gazetteer type, position: 0 begin / 1 inside / 2 whole) of matches
/// covering it. Longest match first, from each capitalised start.
fn gazetteer_matches(
    infos: &[TokInfo],
    sent: &[&str],
    res: &Resources,
) -> Vec<Vec<(usize, usize)>> {
    let n = infos.len();
    let mut out: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    let maxl = res.gaz.max_len.min(8);
    let mut key = String::new();
    for i in 0..n {
        if !infos[i].cap {
            continue;
        }
        key.clear();
        for l in 1..=maxl.min(n - i) {
            if l > 1 {
                key.push(' ');
            }
            key.push_str(&infos[i + l - 1].lower);
            let Some(counts) = res.gaz.map.get(key.as_str()) else {
                continue;
            };
            // the last token of a match must be capitalised or a number
            if !infos[i + l - 1].cap && !sent[i + l - 1].chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            for (ty, &c) in counts.iter().enumerate() {
                let mut c = u32::from(c);
                if let Some(lo) = res.leave_out {
                    if ty < TYPES.len() && lo.contains(&(key.clone(), ty)) {
                        c = c.saturating_sub(1);
                    }
                }
                if c == 0 {
                    continue;
                }
                for k in 0..l {
                    let pos = if l == 1 {
                        2
                    } else if k == 0 {
                        0
                    } else {
                        1
                    };
                    if let Some(v) = out.get_mut(i + k) {
                        v.push((ty, pos));
                    }
                }
            }
        }
    }
    out
}

/// Extended prediction history: labels given earlier in the document to the same word.
#[derive(Default)]
pub struct History {
    pub counts: FastMap<String, [u16; 5]>,
}

impl History {
    /// Dynamic features for token `w` (only capitalised words carry history).
    pub fn features(&self, w: &str, lower: &str, bits: u32, out: &mut Vec<u32>) {
        if !has_upper(w) {
            return;
        }
        let Some(c) = self.counts.get(lower) else {
            return;
        };
        let total: u32 = c.iter().map(|&x| u32::from(x)).sum();
        if total == 0 {
            return;
        }
        let mut best = 0;
        for t in 0..5 {
            if c[t] > c[best] {
                best = t;
            }
            if c[t] > 0 {
                out.push(FeatHasher::new(T_HIST).num(t as u64).bucket(bits));
            }
        }
        out.push(FeatHasher::new(T_HIST).num(10 + best as u64).bucket(bits));
    }

    /// Records the labels of a tagged sentence.
    pub fn update(&mut self, sent: &[&str], labels: &[usize]) {
        for (w, &l) in sent.iter().zip(labels) {
            if !has_upper(w) || !w.chars().any(|c| c.is_alphabetic()) {
                continue;
            }
            let slot = label_type(l).unwrap_or(4);
            let l = lower(w);
            let e = match self.counts.get_mut(l.as_ref()) {
                Some(e) => e,
                None => self.counts.entry(l.into_owned()).or_insert([0; 5]),
            };
            e[slot] = e[slot].saturating_add(1);
        }
    }
}
