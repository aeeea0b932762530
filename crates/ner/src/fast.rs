//! The tagging path of a loaded (quantised) model, with the same output as
//! `sentence_features` + `viterbi_q`, but much faster.
//!
//! The model is linear: a token's emission scores are the sum of the weight rows of its
//! features. Most features depend on one word form only (the word, its affixes, shapes and
//! clusters, and what it adds as a neighbour at each offset), so their rows are summed once
//! per distinct form into a few small vectors kept in a per-thread lexicon. Features over two
//! or three words (bigrams, the shape trigram, a neighbour's word with this word's shape) are
//! still hashed per token, but from hash states cached per form. Integer sums are exact, so
//! the scores, and the tags, are bit-for-bit those of the feature-by-feature path.
use crate::features::{
    has_upper, is_all_caps, label_type, lower, shape, templates as t, GAZ_TYPES, N_LABELS,
};
use crate::hash::{FastMap, FastSet, FeatHasher};
use crate::model::{decode, Compact, Model};
use std::cell::RefCell;
use std::rc::Rc;

type Vec9 = [i32; N_LABELS];

/// Beyond this many word forms the lexicon is emptied (at a document boundary), so that
/// memory stays bounded on endless streams: about 0.5 KB a form, some 33 MB per thread at
/// most. 3000 Reuters stories have about 20,000 forms.
const MAX_WORDS: usize = 1 << 16;

/// Offsets of the context templates, in the order the feature extractor uses them.
const OFFSETS: [isize; 4] = [-2, -1, 1, 2];

/// What one word form contributes, computed once.
struct Word {
    lower: Low,
    /// shared by the words of the same shape (a few hundred), so that reading it rarely
    /// misses the cache
    sshape: Rc<str>,
    lower_id: u32,
    cap: bool,
    all_caps: bool,
    alpha: bool,
    digit: bool,
    /// everything that depends on this word and the two sentence flags only, by
    /// `caps_sent | first << 1`: bias, word, lower case, affixes, shape, clusters, the short
    /// shape (by "the sentence is in capitals"), lower case + "first in sentence", and the
    /// flag features
    own: [Vec9; 4],
    /// what it adds as a neighbour (see `NbRows`)
    nb: NbRows,
    /// the short shape's class: 0 "x", 1 "Xx", 2 another
    sclass: u8,
    /// hash states of (offset, lower case) for the neighbour-word × own-shape features
    ctxlowsh: [u64; 4],
    /// hash state of the bigram feature (previous word, word) after this word as the previous
    big_as_prev: u64,
    /// hash state of the bigram feature (word, next word) after this word as the current one
    big_as_cur: u64,
    /// hash state of the shape trigram after this word's short shape
    sh3: u64,
    /// the gazetteer's counts for the lower case alone, and whether longer phrases start
    /// with it
    gaz_one: Option<[u16; GAZ_TYPES]>,
    gaz_prefix: bool,
}

/// A word's lower case, inside its entry when it is short (nearly always), so that the
/// bigram features hash it without following a pointer to memory that is rarely in cache.
enum Low {
    Inline { len: u8, buf: [u8; LOW_INLINE] },
    Heap(Box<str>),
}

/// Longest lower case kept inline (the enum is then as large as a `String`).
const LOW_INLINE: usize = 22;

impl Low {
    fn new(s: &str) -> Self {
        let b = s.as_bytes();
        if b.len() > LOW_INLINE {
            return Low::Heap(s.into());
        }
        let mut buf = [0; LOW_INLINE];
        buf[..b.len()].copy_from_slice(b);
        Low::Inline {
            len: b.len() as u8,
            buf,
        }
    }

    #[inline]
    fn as_bytes(&self) -> &[u8] {
        match self {
            Low::Inline { len, buf } => buf.get(..usize::from(*len)).unwrap_or_default(),
            Low::Heap(s) => s.as_bytes(),
        }
    }

    fn as_str(&self) -> &str {
        match self {
            // whole, valid UTF-8 copied from a `str`: the conversion cannot fail
            Low::Inline { len, buf } => buf
                .get(..usize::from(*len))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or_default(),
            Low::Heap(s) => s,
        }
    }
}

/// What a word adds as the neighbour at `OFFSETS[k]` (its word, short shape and clusters),
/// at `3 * k + class` by the short shape class of the word it is the neighbour of ("x", "Xx"
/// or another, see `by_class`).
type NbSet = [Vec9; 12];

/// `NbSet` as 16-bit integers when every sum fits (nearly always: these are sums of a few
/// rows), which shrinks what the tagger reads per word by a third; the 32-bit rows otherwise.
/// Either way the sums are exact.
// the narrow rows are inline on purpose: boxing them would add the pointer chase this saves
#[allow(clippy::large_enum_variant)]
enum NbRows {
    Narrow([[i16; N_LABELS]; 12]),
    Wide(Box<NbSet>),
}

impl NbRows {
    fn new(nb: &[[Vec9; 3]; 4]) -> Self {
        let mut n = [[0i16; N_LABELS]; 12];
        for (d, s) in n.iter_mut().zip(nb.iter().flatten()) {
            for (x, &v) in d.iter_mut().zip(s) {
                match i16::try_from(v) {
                    Ok(v) => *x = v,
                    Err(_) => {
                        let mut w = [[0; N_LABELS]; 12];
                        for (d, s) in w.iter_mut().zip(nb.iter().flatten()) {
                            *d = *s;
                        }
                        return NbRows::Wide(Box::new(w));
                    }
                }
            }
        }
        NbRows::Narrow(n)
    }

    /// Adds what the word adds as the neighbour at `OFFSETS[k]` of a word of short shape
    /// class `cls` to `acc`.
    #[inline]
    fn add_to(&self, acc: &mut Vec9, k: usize, cls: usize) {
        let r = 3 * k + cls;
        match self {
            NbRows::Narrow(n) => {
                if let Some(row) = n.get(r) {
                    for (a, &w) in acc.iter_mut().zip(row) {
                        *a += i32::from(w);
                    }
                }
            }
            NbRows::Wide(w) => {
                if let Some(row) = w.get(r) {
                    add_vec(acc, row);
                }
            }
        }
    }
}

struct Lexicon {
    model_id: u64,
    /// word forms of up to 15 bytes, packed into an integer (see `short_key`)
    short_ids: FastMap<u128, u32>,
    /// longer word forms
    ids: FastMap<Box<str>, u32>,
    /// the short shapes of the words
    shapes: FastSet<Rc<str>>,
    words: Vec<Word>,
    lower_ids: FastMap<Box<str>, u32>,
    bos: Word,
    eos: Word,
    flags_v: Vec<Vec9>,
    /// lower-cased gazetteer phrases cut before one of their spaces: a key that is not here
    /// cannot grow into a phrase
    gaz_prefixes: FastSet<Box<str>>,
    /// by lower-case id, for the document being tagged (emptied, not freed, between
    /// documents, so that they stay small and in cache): (lower-case occurrences,
    /// capitalised non-initial ones) and the labels seen so far
    forms: FastMap<u32, (u32, u32)>,
    hist: FastMap<u32, [u16; 5]>,
    gaz_v: [[Vec9; 3]; GAZ_TYPES],
    /// document-context feature by (k, first | caps_sent << 1)
    doc_v: [[Vec9; 4]; 4],
    /// history features: 0..5 the types seen, 5..10 the most frequent one
    hist_v: [Vec9; 10],
}

thread_local! {
    static LEXICON: RefCell<Option<Box<Lexicon>>> = const { RefCell::new(None) };
}

#[inline]
fn add_row(acc: &mut Vec9, q: &Compact, bucket: u32) {
    for (a, &w) in acc.iter_mut().zip(q.row_or_zero(bucket)) {
        *a += i32::from(w);
    }
}

#[inline]
fn add_vec(acc: &mut Vec9, v: &Vec9) {
    for (a, &w) in acc.iter_mut().zip(v) {
        *a += w;
    }
}

fn vec_of(q: &Compact, bits: u32, h: FeatHasher) -> Vec9 {
    let mut v = [0; N_LABELS];
    add_row(&mut v, q, h.bucket(bits));
    v
}

impl Lexicon {
    fn new(m: &Model) -> Self {
        let (q, bits) = (&m.qweights, m.bits);
        let flags_v = (0..128u64)
            .map(|f| vec_of(q, bits, FeatHasher::new(t::FLAGS).num(f)))
            .collect();
        let mut gaz_v = [[[0; N_LABELS]; 3]; GAZ_TYPES];
        for (ty, row) in gaz_v.iter_mut().enumerate() {
            for (pos, v) in row.iter_mut().enumerate() {
                *v = vec_of(
                    q,
                    bits,
                    FeatHasher::new(t::GAZ).num(ty as u64).num(pos as u64),
                );
            }
        }
        let mut doc_v = [[[0; N_LABELS]; 4]; 4];
        for (k, row) in doc_v.iter_mut().enumerate() {
            for (c, v) in row.iter_mut().enumerate() {
                *v = vec_of(q, bits, FeatHasher::new(t::DOC).num(k as u64).num(c as u64));
            }
        }
        let mut hist_v = [[0; N_LABELS]; 10];
        for (i, v) in hist_v.iter_mut().enumerate() {
            let n = if i < 5 { i as u64 } else { 10 + (i - 5) as u64 };
            *v = vec_of(q, bits, FeatHasher::new(t::HIST).num(n));
        }
        let mut gaz_prefixes = FastSet::default();
        for k in m.gaz.map.keys() {
            for (i, b) in k.bytes().enumerate() {
                if b == b' ' {
                    if let Some(p) = k.get(..i) {
                        gaz_prefixes.insert(p.into());
                    }
                }
            }
        }
        Lexicon {
            model_id: m.id(),
            short_ids: FastMap::default(),
            ids: FastMap::default(),
            shapes: FastSet::default(),
            words: Vec::new(),
            lower_ids: FastMap::default(),
            bos: boundary(m, "<s>"),
            eos: boundary(m, "</s>"),
            flags_v,
            gaz_prefixes,
            forms: FastMap::default(),
            hist: FastMap::default(),
            gaz_v,
            doc_v,
            hist_v,
        }
    }

    fn clear(&mut self) {
        self.short_ids.clear();
        self.ids.clear();
        self.shapes.clear();
        self.words.clear();
        self.lower_ids.clear();
        self.forms.clear();
        self.hist.clear();
    }

    /// Starts a document: the per-document tables hold nothing.
    fn start_document(&mut self) {
        self.forms.clear();
        self.hist.clear();
    }

    fn id(&mut self, m: &Model, w: &str) -> u32 {
        let short = short_key(w);
        let known = match short {
            Some(k) => self.short_ids.get(&k),
            None => self.ids.get(w),
        };
        if let Some(&i) = known {
            return i;
        }
        let low = lower(w);
        let nl = self.lower_ids.len() as u32;
        let lower_id = match self.lower_ids.get(low.as_ref()) {
            Some(&i) => i,
            None => {
                self.lower_ids.insert(low.as_ref().into(), nl);
                nl
            }
        };
        let mut word = make_word(m, &self.flags_v, w, &low, lower_id);
        word.gaz_one = m.gaz.map.get(low.as_ref()).copied();
        word.gaz_prefix = self.gaz_prefixes.contains(low.as_ref());
        match self.shapes.get(word.sshape.as_ref()) {
            Some(sh) => word.sshape = Rc::clone(sh),
            None => {
                self.shapes.insert(Rc::clone(&word.sshape));
            }
        }
        let i = self.words.len() as u32;
        self.words.push(word);
        match short {
            Some(k) => self.short_ids.insert(k, i),
            None => self.ids.insert(w.into(), i),
        };
        i
    }
}

/// A word form of up to 15 bytes as one integer: its bytes, then zeros, then its length in
/// the last byte (so that the forms map one to one onto keys). Compared and hashed without
/// following a pointer.
fn short_key(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut a = [0u8; 16];
    a[..b.len()].copy_from_slice(b);
    a[15] = b.len() as u8;
    Some(u128::from_le_bytes(a))
}

/// Features of a sentence-boundary pseudo-word ("<s>", "</s>"), which has no clusters.
fn boundary(m: &Model, s: &str) -> Word {
    let (q, bits) = (&m.qweights, m.bits);
    let mut nb = [[[0; N_LABELS]; 3]; 4];
    let mut ctxlowsh = [0; 4];
    for (k, &d) in OFFSETS.iter().enumerate() {
        let d = d as u64;
        let mut v = [0; N_LABELS];
        add_row(
            &mut v,
            q,
            FeatHasher::new(t::CTXW)
                .num(d)
                .bytes(s.as_bytes())
                .bucket(bits),
        );
        add_row(
            &mut v,
            q,
            FeatHasher::new(t::CTXSH)
                .num(d)
                .bytes(s.as_bytes())
                .bucket(bits),
        );
        ctxlowsh[k] = FeatHasher::new(t::CTXLOWSH)
            .num(d)
            .bytes(s.as_bytes())
            .state();
        nb[k] = by_class(q, bits, v, ctxlowsh[k]);
    }
    Word {
        lower: Low::new(s),
        sshape: s.into(),
        lower_id: u32::MAX,
        cap: false,
        all_caps: false,
        alpha: false,
        digit: false,
        own: [[0; N_LABELS]; 4],
        nb: NbRows::new(&nb),
        sclass: 2,
        ctxlowsh,
        big_as_prev: FeatHasher::new(t::BIGRAM)
            .num(0)
            .bytes(s.as_bytes())
            .state(),
        big_as_cur: 0,
        sh3: FeatHasher::new(t::SH3).bytes(s.as_bytes()).state(),
        gaz_one: None,
        gaz_prefix: false,
    }
}

fn make_word(m: &Model, flags_v: &[Vec9], w: &str, low: &str, lower_id: u32) -> Word {
    let (q, bits) = (&m.qweights, m.bits);
    let mut base = [0; N_LABELS];
    let mut add = |h: FeatHasher| add_row(&mut base, q, h.bucket(bits));
    add(FeatHasher::new(t::BIAS));
    add(FeatHasher::new(t::W).bytes(w.as_bytes()));
    add(FeatHasher::new(t::LOW).bytes(low.as_bytes()));
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
            add(FeatHasher::new(t::PRE).num(k as u64).bytes(p.as_bytes()));
            add(FeatHasher::new(t::SUF).num(k as u64).bytes(s.as_bytes()));
        }
    }
    let mut shp = String::new();
    shape(w, false, &mut shp);
    add(FeatHasher::new(t::SHAPE).bytes(shp.as_bytes()));
    let clus = m.clusters.get(w, low);
    if let Some((path, len)) = clus {
        for p in [4u8, 6, 10, 20] {
            let l = p.min(len);
            let pre = path >> (len - l);
            add(FeatHasher::new(t::CLUS)
                .num(u64::from(p))
                .num(u64::from(pre) | (u64::from(l) << 32)));
            if l == len {
                break;
            }
        }
    } else {
        add(FeatHasher::new(t::CLUS).num(99));
    }
    let mut sshape = String::new();
    shape(w, true, &mut sshape);
    let sshape_v = [0u64, 1].map(|c| {
        vec_of(
            q,
            bits,
            FeatHasher::new(t::SSHAPE).num(c).bytes(sshape.as_bytes()),
        )
    });
    let lowsh_v = [0u64, 1].map(|f| {
        vec_of(
            q,
            bits,
            FeatHasher::new(t::LOWSH).bytes(low.as_bytes()).num(f),
        )
    });
    let mut nb = [[[0; N_LABELS]; 3]; 4];
    let mut ctxlowsh = [0; 4];
    for (k, &d) in OFFSETS.iter().enumerate() {
        let mut v = [0; N_LABELS];
        let v = &mut v;
        let d = d as u64;
        add_row(
            v,
            q,
            FeatHasher::new(t::CTXW)
                .num(d)
                .bytes(low.as_bytes())
                .bucket(bits),
        );
        add_row(
            v,
            q,
            FeatHasher::new(t::CTXSH)
                .num(d)
                .bytes(sshape.as_bytes())
                .bucket(bits),
        );
        if let Some((path, len)) = clus {
            for p in [4u8, 10] {
                let l = p.min(len);
                let pre = path >> (len - l);
                add_row(
                    v,
                    q,
                    FeatHasher::new(t::CTXCLUS)
                        .num(d)
                        .num(u64::from(p))
                        .num(u64::from(pre) | (u64::from(l) << 32))
                        .bucket(bits),
                );
            }
        }
        ctxlowsh[k] = FeatHasher::new(t::CTXLOWSH)
            .num(d)
            .bytes(low.as_bytes())
            .state();
        nb[k] = by_class(q, bits, *v, ctxlowsh[k]);
    }
    let cap = has_upper(w);
    let all_caps = is_all_caps(w);
    let digit = w.chars().any(|c| c.is_ascii_digit());
    let flag_bits = (cap as u8) << 1
        | (all_caps as u8) << 2
        | (w.contains('-') as u8) << 4
        | (w.contains('.') as u8) << 5
        | (digit as u8) << 6;
    let mut own = [[0; N_LABELS]; 4];
    for (c, v) in own.iter_mut().enumerate() {
        let (caps_sent, first) = (c & 1, c >> 1);
        *v = base;
        add_vec(v, &sshape_v[caps_sent]);
        add_vec(v, &lowsh_v[first]);
        let flags = first as u8 | flag_bits | (caps_sent as u8) << 3;
        if let Some(f) = flags_v.get(flags as usize) {
            add_vec(v, f);
        }
    }
    let sclass = SHAPE_CLASSES
        .iter()
        .position(|c| *c == sshape.as_str())
        .unwrap_or(2) as u8;
    Word {
        lower: Low::new(low),
        big_as_prev: FeatHasher::new(t::BIGRAM)
            .num(0)
            .bytes(low.as_bytes())
            .state(),
        big_as_cur: FeatHasher::new(t::BIGRAM)
            .num(1)
            .bytes(low.as_bytes())
            .state(),
        sh3: FeatHasher::new(t::SH3).bytes(sshape.as_bytes()).state(),
        gaz_one: None,
        gaz_prefix: false,
        sshape: sshape.into(),
        lower_id,
        cap,
        all_caps,
        alpha: w.chars().any(|c| c.is_alphabetic()),
        digit,
        own,
        nb: NbRows::new(&nb),
        sclass,
        ctxlowsh,
    }
}

/// The short shapes that most words have, in the order of `Word::sclass`.
const SHAPE_CLASSES: [&str; 2] = ["x", "Xx"];

/// A neighbour's vector by the class of the word it is the neighbour of: with the
/// neighbour-word × shape feature for the common shapes, without it for the others.
fn by_class(q: &Compact, bits: u32, v: Vec9, state: u64) -> [Vec9; 3] {
    let with = |s: &str| {
        let mut x = v;
        add_row(
            &mut x,
            q,
            FeatHasher::resume(t::CTXLOWSH, state)
                .bytes(s.as_bytes())
                .bucket(bits),
        );
        x
    };
    [with(SHAPE_CLASSES[0]), with(SHAPE_CLASSES[1]), v]
}

/// Tags one document like `Model::tag_document`; only for a model with quantised weights.
pub(crate) fn tag_document(m: &Model, sents: &[Vec<&str>]) -> Vec<Vec<usize>> {
    LEXICON.with(|cell| {
        let mut slot = cell.borrow_mut();
        let lex = match slot.as_mut() {
            Some(l) if l.model_id == m.id() => l,
            _ => slot.insert(Box::new(Lexicon::new(m))),
        };
        if lex.words.len() > MAX_WORDS {
            lex.clear();
        }
        tag_with(lex, m, sents)
    })
}

fn tag_with(lex: &mut Lexicon, m: &Model, sents: &[Vec<&str>]) -> Vec<Vec<usize>> {
    let ids: Vec<Vec<u32>> = sents
        .iter()
        .map(|s| s.iter().map(|w| lex.id(m, w)).collect())
        .collect();
    lex.start_document();
    let Lexicon {
        words,
        bos,
        eos,
        flags_v: _,
        gaz_prefixes,
        forms,
        hist,
        gaz_v,
        doc_v,
        hist_v,
        ..
    } = lex;
    let word = |i: u32| words.get(i as usize);
    // document context: lower case → (lower-case occurrences, capitalised non-initial ones)
    let mut caps: Vec<bool> = Vec::with_capacity(sents.len());
    for s in &ids {
        let caps_sent = s
            .iter()
            .filter(|&&i| word(i).is_some_and(|w| w.all_caps))
            .count()
            * 2
            > s.len();
        caps.push(caps_sent);
        for (i, w) in s.iter().filter_map(|&i| word(i)).enumerate() {
            if !w.alpha {
                continue;
            }
            let e = forms.entry(w.lower_id).or_default();
            if !w.cap {
                e.0 += 1;
            } else if i > 0 && !caps_sent && !w.all_caps {
                e.1 += 1;
            }
        }
    }
    let (q, bits, scale) = (&m.qweights, m.bits, m.scale);
    let mut out = Vec::with_capacity(sents.len());
    let mut emit: Vec<f32> = Vec::new();
    let mut gaz: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut key = String::new();
    let mut toks: Vec<&Word> = Vec::new();
    for ((s, sid), &caps_sent) in sents.iter().zip(&ids).zip(&caps) {
        toks.clear();
        toks.extend(sid.iter().filter_map(|&i| word(i)));
        if toks.len() != s.len() {
            // cannot happen: every token has an entry
            out.push(vec![0; s.len()]);
            continue;
        }
        let n = toks.len();
        gazetteer_matches(m, gaz_prefixes, &toks, &mut key, &mut gaz);
        emit.clear();
        emit.resize(n * N_LABELS, 0.0);
        let first_after = matches!(s.first().copied(), Some("\"" | "'" | "(" | "``" | "-"));
        let at = |j: isize| -> &Word {
            if j < 0 {
                bos
            } else {
                toks.get(j as usize).copied().unwrap_or(eos)
            }
        };
        for (i, (w, e)) in toks.iter().zip(emit.chunks_exact_mut(N_LABELS)).enumerate() {
            let first = i == 0 || (i == 1 && first_after);
            let mut acc = w.own[caps_sent as usize | (first as usize) << 1];
            let ss = w.sshape.as_bytes();
            let cls = usize::from(w.sclass.min(2));
            for (k, &d) in OFFSETS.iter().enumerate() {
                let x = at(i as isize + d);
                x.nb.add_to(&mut acc, k, cls);
                if cls == 2 {
                    add_row(
                        &mut acc,
                        q,
                        FeatHasher::resume(t::CTXLOWSH, x.ctxlowsh[k])
                            .bytes(ss)
                            .bucket(bits),
                    );
                }
            }
            let (p, nx) = (at(i as isize - 1), at(i as isize + 1));
            add_row(
                &mut acc,
                q,
                FeatHasher::resume(t::BIGRAM, p.big_as_prev)
                    .bytes(w.lower.as_bytes())
                    .bucket(bits),
            );
            add_row(
                &mut acc,
                q,
                FeatHasher::resume(t::BIGRAM, w.big_as_cur)
                    .bytes(nx.lower.as_bytes())
                    .bucket(bits),
            );
            add_row(
                &mut acc,
                q,
                FeatHasher::resume(t::SH3, p.sh3)
                    .bytes(ss)
                    .bytes(nx.sshape.as_bytes())
                    .bucket(bits),
            );
            for &(ty, pos) in gaz.get(i).map(|g| g.as_slice()).unwrap_or(&[]) {
                if let Some(v) = gaz_v.get(ty).and_then(|r| r.get(pos)) {
                    add_vec(&mut acc, v);
                }
                add_row(
                    &mut acc,
                    q,
                    FeatHasher::new(t::GAZ)
                        .num(ty as u64)
                        .num(pos as u64)
                        .bytes(ss)
                        .bucket(bits),
                );
            }
            if w.cap {
                if let Some(&(lowc, titlec)) = forms.get(&w.lower_id) {
                    let k = (lowc > 0) as usize | ((titlec > 0) as usize) << 1;
                    let c = first as usize | (caps_sent as usize) << 1;
                    add_vec(&mut acc, &doc_v[k][c]);
                }
                if let Some(c) = hist.get(&w.lower_id) {
                    let total: u32 = c.iter().map(|&x| u32::from(x)).sum();
                    if total > 0 {
                        let mut best = 0;
                        for ty in 0..5 {
                            if c[ty] > c[best] {
                                best = ty;
                            }
                            if c[ty] > 0 {
                                add_vec(&mut acc, &hist_v[ty]);
                            }
                        }
                        add_vec(&mut acc, &hist_v[5 + best]);
                    }
                }
            }
            for (x, a) in e.iter_mut().zip(acc) {
                *x = a as f32 * scale;
            }
        }
        let labels = decode(&m.trans, &emit);
        // history: labels given so far to capitalised words
        for (w, &l) in toks.iter().zip(&labels) {
            if !w.cap || !w.alpha {
                continue;
            }
            let slot = label_type(l).unwrap_or(4);
            let e = hist.entry(w.lower_id).or_insert([0; 5]);
            if let Some(x) = e.get_mut(slot) {
                *x = x.saturating_add(1);
            }
        }
        out.push(labels);
    }
    out
}

/// As `features::gazetteer_matches`, over lexicon entries (no leave-out set).
fn gazetteer_matches(
    m: &Model,
    prefixes: &FastSet<Box<str>>,
    toks: &[&Word],
    key: &mut String,
    out: &mut Vec<Vec<(usize, usize)>>,
) {
    let n = toks.len();
    for v in out.iter_mut() {
        v.clear();
    }
    if out.len() < n {
        out.resize_with(n, Vec::new);
    }
    let maxl = m.gaz.max_len.min(8);
    for i in 0..n {
        if !toks[i].cap {
            continue;
        }
        let first = toks[i];
        for l in 1..=maxl.min(n - i) {
            let last = toks[i + l - 1];
            let counts = if l == 1 {
                first.gaz_one.as_ref()
            } else {
                // no phrase goes on from here
                let more = if l == 2 {
                    first.gaz_prefix
                } else {
                    prefixes.contains(key.as_str())
                };
                if !more {
                    break;
                }
                if l == 2 {
                    key.clear();
                    key.push_str(first.lower.as_str());
                }
                key.push(' ');
                key.push_str(last.lower.as_str());
                m.gaz.map.get(key.as_str())
            };
            let Some(counts) = counts else {
                continue;
            };
            if !last.cap && !last.digit {
                continue;
            }
            for (ty, &c) in counts.iter().enumerate() {
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
}
