//! The tagger model: hashed feature weights per label, label transitions, clusters and
//! gazetteer; Viterbi decoding; a compact gzip'd binary format.
use crate::features::{
    is_inside, label_type, sentence_features, Clusters, DocContext, Gazetteer, History, Resources,
    GAZ_TYPES, N_LABELS,
};
use crate::NerError;
use std::io::{Read, Write};

const MAGIC: &[u8; 8] = b"DLNER01\n";

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Model {
    pub bits: u32,
    /// `weights[bucket * N_LABELS + label]` (training; empty in a loaded model)
    pub weights: Vec<f32>,
    /// The same, quantised and compacted (a loaded model): only buckets with a weight keep a
    /// row, found through a bitmap with rank counts, so the table stays in cache.
    pub qweights: Compact,
    pub scale: f32,
    /// `trans[prev * N_LABELS + label]`, prev == N_LABELS is the sentence start.
    pub trans: Vec<f32>,
    pub clusters: Clusters,
    pub gaz: Gazetteer,
    /// Identifies this model (a clone gets a new one) for the per-thread caches of the fast
    /// tagging path.
    id: ModelId,
}

#[derive(Debug)]
struct ModelId(u64);

impl Default for ModelId {
    fn default() -> Self {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        ModelId(NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
    }
}

impl Clone for ModelId {
    fn clone(&self) -> Self {
        ModelId::default()
    }
}

/// Whether label `l` may follow `prev` in IOB2 (I-X only after B-X or I-X).
#[inline]
pub fn allowed(prev: usize, l: usize) -> bool {
    if !is_inside(l) {
        return true;
    }
    prev < N_LABELS && prev != 0 && label_type(prev) == label_type(l)
}

impl Model {
    pub fn empty(bits: u32) -> Self {
        Model {
            bits,
            weights: vec![0.0; (1usize << bits) * N_LABELS],
            qweights: Compact::default(),
            scale: 1.0,
            trans: vec![0.0; (N_LABELS + 1) * N_LABELS],
            clusters: Clusters::default(),
            gaz: Gazetteer::default(),
            id: ModelId::default(),
        }
    }

    pub fn resources(&self) -> Resources<'_> {
        Resources {
            clusters: &self.clusters,
            gaz: &self.gaz,
            leave_out: None,
            bits: self.bits,
        }
    }

    /// Identifies this model instance (see `ModelId`).
    pub(crate) fn id(&self) -> u64 {
        self.id.0
    }

    /// Tags one document (a list of tokenised sentences); returns label ids per token.
    pub fn tag_document(&self, sents: &[Vec<&str>]) -> Vec<Vec<usize>> {
        if !self.qweights.is_empty() && crate::features::ablation_mask() == 0 {
            return crate::fast::tag_document(self, sents);
        }
        self.tag_document_slow(sents)
    }

    /// `tag_document` feature by feature (training, ablations, and the reference the fast
    /// path is tested against).
    pub fn tag_document_slow(&self, sents: &[Vec<&str>]) -> Vec<Vec<usize>> {
        let res = self.resources();
        let doc = DocContext::new(sents);
        let mut hist = History::default();
        let mut feats = Vec::new();
        let mut out = Vec::with_capacity(sents.len());
        for s in sents {
            sentence_features(s, &res, &doc, &mut feats);
            for (w, f) in s.iter().zip(feats.iter_mut()) {
                if crate::features::has_upper(w) {
                    hist.features(w, &crate::features::lower(w), self.bits, f);
                }
            }
            let labels = if self.qweights.is_empty() {
                viterbi(&self.weights, &self.trans, &feats)
            } else {
                viterbi_q(&self.qweights, self.scale, &self.trans, &feats)
            };
            hist.update(s, &labels);
            out.push(labels);
        }
        out
    }

    pub fn save(&self) -> Result<Vec<u8>, NerError> {
        let mut b: Vec<u8> = Vec::new();
        b.extend_from_slice(MAGIC);
        b.extend_from_slice(&self.bits.to_le_bytes());
        b.extend_from_slice(&(N_LABELS as u32).to_le_bytes());
        for t in &self.trans {
            b.extend_from_slice(&t.to_le_bytes());
        }
        let max = self
            .weights
            .iter()
            .fold(0f32, |m, w| m.max(w.abs()))
            .max(1e-6);
        let scale = max / 32000.0;
        b.extend_from_slice(&scale.to_le_bytes());
        // bucket-major i16, stored as a plane of low bytes then high bytes (compresses better)
        let q: Vec<i16> = self
            .weights
            .iter()
            .map(|w| (w / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        b.extend(q.iter().map(|x| x.to_le_bytes()[0]));
        b.extend(q.iter().map(|x| x.to_le_bytes()[1]));
        let mut gaz: Vec<(&String, &[u16; GAZ_TYPES])> = self.gaz.map.iter().collect();
        gaz.sort();
        b.extend_from_slice(&(gaz.len() as u32).to_le_bytes());
        for (k, v) in gaz {
            put_str(&mut b, k);
            for x in v {
                b.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut cl: Vec<(&String, &(u32, u8))> = self.clusters.map.iter().collect();
        cl.sort();
        b.extend_from_slice(&(cl.len() as u32).to_le_bytes());
        for (k, (p, l)) in cl {
            put_str(&mut b, k);
            b.extend_from_slice(&p.to_le_bytes());
            b.push(*l);
        }
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&b)?;
        Ok(enc.finish()?)
    }

    pub fn load(gz: &[u8]) -> Result<Self, NerError> {
        // gzip's trailer holds the decoded size (mod 2^32): one allocation, no regrowing
        let size = gz
            .len()
            .checked_sub(4)
            .and_then(|i| gz.get(i..))
            .map_or(0, |t| u32::from_le_bytes([t[0], t[1], t[2], t[3]]) as usize);
        let mut b = Vec::with_capacity(size.min(1 << 30));
        flate2::read::GzDecoder::new(gz).read_to_end(&mut b)?;
        let mut r = Reader { b: &b, p: 0 };
        if r.take(8)? != MAGIC {
            return Err(NerError::Format("not a dateline NER model".into()));
        }
        let bits = r.u32()?;
        let nl = r.u32()? as usize;
        if nl != N_LABELS || !(8..=26).contains(&bits) {
            return Err(NerError::Format("model label set or size mismatch".into()));
        }
        let mut trans = Vec::with_capacity((N_LABELS + 1) * N_LABELS);
        for _ in 0..(N_LABELS + 1) * N_LABELS {
            trans.push(r.f32()?);
        }
        let scale = r.f32()?;
        let n = (1usize << bits) * N_LABELS;
        let lo = r.take(n)?;
        let hi = r.take(n)?;
        let qweights = Compact::new(
            bits,
            lo.iter().zip(hi).map(|(&l, &h)| i16::from_le_bytes([l, h])),
        );
        let mut gaz = Gazetteer::default();
        for _ in 0..r.u32()? {
            let k = r.string()?;
            let mut v = [0u16; GAZ_TYPES];
            for x in v.iter_mut() {
                let t = r.take(2)?;
                *x = u16::from_le_bytes([t[0], t[1]]);
            }
            gaz.max_len = gaz.max_len.max(k.split(' ').count());
            gaz.map.insert(k, v);
        }
        let mut clusters = Clusters::default();
        for _ in 0..r.u32()? {
            let k = r.string()?;
            let p = r.u32()?;
            let l = r.take(1)?[0];
            clusters.map.insert(k, (p, l));
        }
        Ok(Model {
            bits,
            weights: Vec::new(),
            qweights,
            scale,
            trans,
            clusters,
            gaz,
            id: ModelId::default(),
        })
    }
}

fn put_str(b: &mut Vec<u8>, s: &str) {
    b.extend_from_slice(&(s.len() as u32).to_le_bytes());
    b.extend_from_slice(s.as_bytes());
}

struct Reader<'a> {
    b: &'a [u8],
    p: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], NerError> {
        let s = self
            .b
            .get(self.p..self.p.saturating_add(n))
            .ok_or_else(|| NerError::Format("truncated model".into()))?;
        self.p += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, NerError> {
        let t = self.take(4)?;
        Ok(u32::from_le_bytes([t[0], t[1], t[2], t[3]]))
    }
    fn f32(&mut self) -> Result<f32, NerError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn string(&mut self) -> Result<String, NerError> {
        let n = self.u32()? as usize;
        let t = self.take(n)?;
        String::from_utf8(t.to_vec()).map_err(|_| NerError::Format("bad string in model".into()))
    }
}

/// First-order Viterbi over emission features and label transitions, IOB2-constrained.
pub fn viterbi(weights: &[f32], trans: &[f32], feats: &[Vec<u32>]) -> Vec<usize> {
    let mut emit = vec![0f32; feats.len() * N_LABELS];
    for (i, f) in feats.iter().enumerate() {
        let e = &mut emit[i * N_LABELS..(i + 1) * N_LABELS];
        for &b in f {
            let base = b as usize * N_LABELS;
            if let Some(w) = weights.get(base..base + N_LABELS) {
                for (x, y) in e.iter_mut().zip(w) {
                    *x += *y;
                }
            }
        }
    }
    decode(trans, &emit)
}

/// Quantised weights of the buckets that have any, behind a rank bitmap.
#[derive(Debug, Clone, Default)]
pub struct Compact {
    /// per 64 buckets: which have a row, and how many rows come before (one cache line
    /// holds four blocks)
    blocks: Vec<Block>,
    /// the rows, then one row of zeros for the buckets without weights
    rows: Vec<[i16; N_LABELS]>,
}

#[derive(Debug, Clone, Copy, Default)]
struct Block {
    present: u64,
    rank: u32,
}

const ZERO_ROW: [i16; N_LABELS] = [0; N_LABELS];

impl Compact {
    fn new(bits: u32, weights: impl Iterator<Item = i16>) -> Self {
        let nb = 1usize << bits;
        let mut blocks = vec![Block::default(); nb.div_ceil(64)];
        let mut rows = Vec::new();
        let mut row = [0i16; N_LABELS];
        for (k, w) in weights.enumerate() {
            row[k % N_LABELS] = w;
            if k % N_LABELS == N_LABELS - 1 {
                if row.iter().any(|&x| x != 0) {
                    let b = k / N_LABELS;
                    if let Some(p) = blocks.get_mut(b / 64) {
                        p.present |= 1 << (b % 64);
                    }
                    rows.push(row);
                }
                row = [0; N_LABELS];
            }
        }
        let mut c = 0u32;
        for p in blocks.iter_mut() {
            p.rank = c;
            c += p.present.count_ones();
        }
        rows.push(ZERO_ROW);
        Compact { blocks, rows }
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The row index of bucket `b`: the zero row when it has no weights. Without a branch on
    /// presence, so that the loads of several lookups overlap.
    #[inline]
    fn index(&self, b: u32) -> usize {
        let b = b as usize;
        let blk = self.blocks.get(b / 64).copied().unwrap_or_default();
        let bit = 1u64 << (b % 64);
        let r = blk.rank as usize + (blk.present & (bit - 1)).count_ones() as usize;
        let zero = self.rows.len().saturating_sub(1);
        if blk.present & bit != 0 {
            r
        } else {
            zero
        }
    }

    /// The weights of bucket `b` (zeros when it has none).
    #[inline]
    pub fn row_or_zero(&self, b: u32) -> &[i16; N_LABELS] {
        self.rows.get(self.index(b)).unwrap_or(&ZERO_ROW)
    }

    /// Row indices of the buckets in `bs` that have weights, in order, into `out` (cleared).
    #[inline]
    fn row_indices(&self, bs: &[u32], out: &mut Vec<usize>) {
        out.clear();
        out.extend(bs.iter().map(|&b| self.index(b)));
    }

    /// The weights of bucket `b`, if it has any.
    #[inline]
    pub fn row(&self, b: u32) -> Option<&[i16]> {
        let b = b as usize;
        let blk = self.blocks.get(b / 64)?;
        let bit = 1u64 << (b % 64);
        if blk.present & bit == 0 {
            return None;
        }
        let r = blk.rank as usize + (blk.present & (bit - 1)).count_ones() as usize;
        self.rows.get(r).map(|r| r.as_slice())
    }
}

/// Viterbi with quantised weights.
pub fn viterbi_q(weights: &Compact, scale: f32, trans: &[f32], feats: &[Vec<u32>]) -> Vec<usize> {
    let mut emit = vec![0f32; feats.len() * N_LABELS];
    let mut hits: Vec<usize> = Vec::new();
    for (i, f) in feats.iter().enumerate() {
        let mut acc = [0i32; N_LABELS];
        // two passes: first every feature's row index (independent loads, no branch on
        // presence), then the rows, so that the memory accesses overlap
        weights.row_indices(f, &mut hits);
        for &r in &hits {
            if let Some(w) = weights.rows.get(r) {
                for (x, y) in acc.iter_mut().zip(w) {
                    *x += i32::from(*y);
                }
            }
        }
        for (x, a) in emit[i * N_LABELS..(i + 1) * N_LABELS].iter_mut().zip(acc) {
            *x = a as f32 * scale;
        }
    }
    decode(trans, &emit)
}

pub(crate) fn decode(trans: &[f32], emit: &[f32]) -> Vec<usize> {
    const N: usize = N_LABELS;
    let n = emit.len() / N;
    if n == 0 {
        return Vec::new();
    }
    let (Some(tr), Some(start)) = (trans.get(..N * N), trans.get(N * N..N * N + N)) else {
        return vec![0; n];
    };
    let mut back = vec![[0u8; N]; n];
    let mut rows = emit.chunks_exact(N);
    let mut score = [f32::NEG_INFINITY; N];
    if let Some(e) = rows.next() {
        for l in 0..N {
            if allowed(N, l) {
                score[l] = start[l] + e[l];
            }
        }
    }
    for (e, bk) in rows.zip(back.iter_mut().skip(1)) {
        let mut next = [0f32; N];
        for l in 0..N {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0;
            if is_inside(l) {
                // only B-X (l - 1) and I-X (l) may come before I-X
                for p in [l - 1, l] {
                    let s = score[p] + tr[p * N + l];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
            } else {
                for (p, &sp) in score.iter().enumerate() {
                    let s = sp + tr[p * N + l];
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
            }
            next[l] = best + e[l];
            bk[l] = arg as u8;
        }
        score = next;
    }
    let mut best = 0;
    for l in 1..N {
        if score[l] > score[best] {
            best = l;
        }
    }
    let mut out = vec![0usize; n];
    let mut cur = best;
    for (o, bk) in out.iter_mut().zip(&back).rev() {
        *o = cur;
        cur = bk[cur] as usize;
    }
    out
}
