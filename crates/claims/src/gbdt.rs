//! Gradient-boosted decision trees, multiclass (softmax), histogram-based, seeded.
//!
//! Small and dependency-free: the stance model has a few dozen dense features and some
//! thousands of rows, so exact quantile bins, depth-limited trees and a softmax objective are
//! all it needs.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Params {
    pub rounds: usize,
    pub depth: usize,
    pub learning_rate: f32,
    pub lambda: f32,
    pub min_hessian: f32,
    pub subsample: f32,
    pub bins: usize,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            rounds: 200,
            depth: 5,
            learning_rate: 0.1,
            lambda: 1.0,
            min_hessian: 1.0,
            subsample: 0.8,
            bins: 64,
            seed: 7,
        }
    }
}

/// One regression tree, stored flat. A node with `feat < 0` is a leaf whose value is `value`.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Tree {
    pub feat: Vec<i32>,
    pub value: Vec<f32>,
    pub left: Vec<u32>,
    pub right: Vec<u32>,
}

impl Tree {
    fn eval(&self, x: &[f32]) -> f32 {
        let mut i = 0usize;
        loop {
            let f = self.feat.get(i).copied().unwrap_or(-1);
            let v = self.value.get(i).copied().unwrap_or(0.0);
            if f < 0 {
                return v;
            }
            let xv = x.get(f as usize).copied().unwrap_or(0.0);
            i = if xv <= v {
                self.left.get(i).copied().unwrap_or(0) as usize
            } else {
                self.right.get(i).copied().unwrap_or(0) as usize
            };
            if i == 0 {
                return 0.0; // malformed tree: never loop
            }
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Gbdt {
    pub n_class: usize,
    pub n_feat: usize,
    pub base: Vec<f32>,
    /// `trees[round * n_class + class]`.
    pub trees: Vec<Tree>,
    /// All trees' nodes in one array for fast evaluation (built by [`Gbdt::prepare`]).
    #[serde(skip)]
    flat: Vec<Node>,
    /// Index of each tree's root in `flat`.
    #[serde(skip)]
    roots: Vec<u32>,
}

/// A node of the flat layout: a leaf when `feat` is `u32::MAX`.
#[derive(Debug, Clone, Copy)]
struct Node {
    feat: u32,
    value: f32,
    left: u32,
    right: u32,
}

impl Gbdt {
    /// Lay the trees out flat for prediction; call after deserialising.
    pub fn prepare(&mut self) {
        self.flat.clear();
        self.roots.clear();
        for t in &self.trees {
            let off = self.flat.len() as u32;
            self.roots.push(off);
            for i in 0..t.feat.len() {
                let f = t.feat[i];
                let leaf = f < 0 || (f as usize) >= self.n_feat;
                let l = t.left.get(i).copied().unwrap_or(0) as usize;
                let r = t.right.get(i).copied().unwrap_or(0) as usize;
                // Children must come after their parent (so evaluation always terminates).
                let ok = !leaf && l > i && r > i && l < t.feat.len() && r < t.feat.len();
                self.flat.push(Node {
                    feat: if ok { f as u32 } else { u32::MAX },
                    value: t.value.get(i).copied().unwrap_or(0.0),
                    left: off + l as u32,
                    right: off + r as u32,
                });
            }
        }
    }

    /// Class probabilities for one row.
    pub fn predict_proba(&self, x: &[f32]) -> Vec<f32> {
        let mut s = self.base.clone();
        let k = self.n_class.max(1);
        if self.roots.len() == self.trees.len() && x.len() >= self.n_feat {
            for (i, &root) in self.roots.iter().enumerate() {
                let mut n = root as usize;
                let v = loop {
                    let Some(node) = self.flat.get(n) else {
                        break 0.0;
                    };
                    if node.feat == u32::MAX {
                        break node.value;
                    }
                    let xv = x.get(node.feat as usize).copied().unwrap_or(0.0);
                    n = if xv <= node.value {
                        node.left
                    } else {
                        node.right
                    } as usize;
                };
                if let Some(sv) = s.get_mut(i % k) {
                    *sv += v;
                }
            }
        } else {
            for (i, t) in self.trees.iter().enumerate() {
                if let Some(v) = s.get_mut(i % k) {
                    *v += t.eval(x);
                }
            }
        }
        softmax(&mut s);
        s
    }

    /// Train on rows `x` (each `n_feat` long), labels `y` in `0..n_class`, and row weights.
    pub fn train(x: &[Vec<f32>], y: &[usize], w: &[f32], n_class: usize, p: &Params) -> Gbdt {
        let n = x.len();
        let n_feat = x.first().map_or(0, |r| r.len());
        let cuts: Vec<Vec<f32>> = (0..n_feat)
            .map(|f| quantile_cuts(x.iter().map(|r| r[f]), p.bins))
            .collect();
        let binned: Vec<Vec<u8>> = (0..n_feat)
            .map(|f| {
                x.iter()
                    .map(|r| cuts[f].partition_point(|&c| c < r[f]) as u8)
                    .collect()
            })
            .collect();
        // Base score: log prior.
        let mut prior = vec![1e-3f32; n_class];
        for (yi, wi) in y.iter().zip(w) {
            prior[*yi] += wi;
        }
        let tot: f32 = prior.iter().sum();
        let base: Vec<f32> = prior.iter().map(|c| (c / tot).ln()).collect();
        let mut score: Vec<Vec<f32>> = vec![base.clone(); n];
        let mut trees = Vec::with_capacity(p.rounds * n_class);
        let mut rng = p.seed.max(1);
        let mut g = vec![0f32; n];
        let mut h = vec![0f32; n];
        for _ in 0..p.rounds {
            let probs: Vec<Vec<f32>> = score
                .iter()
                .map(|s| {
                    let mut s = s.clone();
                    softmax(&mut s);
                    s
                })
                .collect();
            let rows: Vec<u32> = (0..n as u32)
                .filter(|_| next_f32(&mut rng) < p.subsample)
                .collect();
            for k in 0..n_class {
                for i in 0..n {
                    let pk = probs[i][k];
                    let t = if y[i] == k { 1.0 } else { 0.0 };
                    g[i] = (pk - t) * w[i];
                    h[i] = (pk * (1.0 - pk)).max(1e-6) * w[i];
                }
                let mut tree = Tree::default();
                build(&mut tree, &binned, &cuts, &g, &h, rows.clone(), 0, p);
                for (i, s) in score.iter_mut().enumerate() {
                    s[k] += tree.eval(&x[i]);
                }
                trees.push(tree);
            }
        }
        let mut m = Gbdt {
            n_class,
            n_feat,
            base,
            trees,
            flat: Vec::new(),
            roots: Vec::new(),
        };
        m.prepare();
        m
    }
}

fn softmax(s: &mut [f32]) {
    let m = s.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut z = 0.0;
    for v in s.iter_mut() {
        *v = (*v - m).exp();
        z += *v;
    }
    for v in s.iter_mut() {
        *v /= z.max(f32::MIN_POSITIVE);
    }
}

fn next_f32(s: &mut u64) -> f32 {
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    (*s >> 40) as f32 / (1u64 << 24) as f32
}

fn quantile_cuts(vals: impl Iterator<Item = f32>, bins: usize) -> Vec<f32> {
    let mut v: Vec<f32> = vals.filter(|x| x.is_finite()).collect();
    v.sort_by(|a, b| a.total_cmp(b));
    v.dedup();
    if v.len() <= bins {
        // Cut between consecutive distinct values.
        return v.windows(2).map(|w| (w[0] + w[1]) / 2.0).collect();
    }
    let mut cuts: Vec<f32> = (1..bins)
        .map(|i| {
            let j = i * v.len() / bins;
            (v[j - 1] + v[j]) / 2.0
        })
        .collect();
    cuts.dedup();
    cuts
}

/// Grow node `tree.len()` from `rows`; returns its index.
#[allow(clippy::too_many_arguments)]
fn build(
    tree: &mut Tree,
    binned: &[Vec<u8>],
    cuts: &[Vec<f32>],
    g: &[f32],
    h: &[f32],
    rows: Vec<u32>,
    depth: usize,
    p: &Params,
) -> u32 {
    let id = tree.feat.len() as u32;
    let (gs, hs) = rows.iter().fold((0f64, 0f64), |(a, b), &r| {
        (a + g[r as usize] as f64, b + h[r as usize] as f64)
    });
    let lambda = p.lambda as f64;
    let leaf = (-gs / (hs + lambda)) as f32 * p.learning_rate;
    tree.feat.push(-1);
    tree.value.push(leaf);
    tree.left.push(0);
    tree.right.push(0);
    if depth >= p.depth || hs < 2.0 * p.min_hessian as f64 {
        return id;
    }
    let parent = gs * gs / (hs + lambda);
    let mut best: Option<(f64, usize, usize)> = None;
    let mut hg = vec![0f64; 256];
    let mut hh = vec![0f64; 256];
    for (f, col) in binned.iter().enumerate() {
        let nb = cuts[f].len() + 1;
        if nb < 2 {
            continue;
        }
        hg[..nb].iter_mut().for_each(|v| *v = 0.0);
        hh[..nb].iter_mut().for_each(|v| *v = 0.0);
        for &r in &rows {
            let b = col[r as usize] as usize;
            hg[b] += g[r as usize] as f64;
            hh[b] += h[r as usize] as f64;
        }
        let (mut gl, mut hl) = (0f64, 0f64);
        for b in 0..nb - 1 {
            gl += hg[b];
            hl += hh[b];
            let (gr, hr) = (gs - gl, hs - hl);
            if hl < p.min_hessian as f64 || hr < p.min_hessian as f64 {
                continue;
            }
            let gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
            if gain > 1e-9 && best.is_none_or(|(bg, _, _)| gain > bg) {
                best = Some((gain, f, b));
            }
        }
    }
    let Some((_, f, b)) = best else {
        return id;
    };
    let (l, r): (Vec<u32>, Vec<u32>) = rows
        .into_iter()
        .partition(|&i| (binned[f][i as usize] as usize) <= b);
    tree.feat[id as usize] = f as i32;
    tree.value[id as usize] = cuts[f][b];
    let li = build(tree, binned, cuts, g, h, l, depth + 1, p);
    let ri = build(tree, binned, cuts, g, h, r, depth + 1, p);
    tree.left[id as usize] = li;
    tree.right[id as usize] = ri;
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_xor_like_rule() {
        let mut x = Vec::new();
        let mut y = Vec::new();
        let mut s = 3u64;
        for _ in 0..600 {
            let a = next_f32(&mut s);
            let b = next_f32(&mut s);
            x.push(vec![a, b]);
            y.push(usize::from((a > 0.5) != (b > 0.5)));
        }
        let w = vec![1.0; x.len()];
        let m = Gbdt::train(&x, &y, &w, 2, &Params::default());
        let right = x
            .iter()
            .zip(&y)
            .filter(|(r, &c)| {
                let p = m.predict_proba(r);
                usize::from(p[1] > p[0]) == c
            })
            .count();
        assert!(right > 570, "{right}");
        // The flat layout gives the same scores as walking the trees.
        let mut slow = m.clone();
        slow.roots.clear();
        for r in x.iter().take(100) {
            assert_eq!(m.predict_proba(r), slow.predict_proba(r));
        }
    }
}
