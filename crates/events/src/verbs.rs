//! Reader for the PETRARCH verb dictionary (CAMEO 2.0 format, `dictionaries.rst`): synsets,
//! verb synonym blocks with their irregular forms and codes, and the noun/preposition patterns
//! that refine a verb's code ("ASK * (FOR {FINANCIAL AID})" → 0231).
use dateline_actors::dict::FnvMap;
use dateline_actors::dict::WordTable;
use dateline_actors::dict::{norm_word, plural};
use dateline_actors::{PhraseTable, NO_WORD};
use std::cell::Cell;
use std::collections::HashMap;

/// Words a pattern element may skip (determiners, adjectives) to find its match.
const MAX_GAP: usize = 3;

/// One pattern element: a word (matched with regular plurals) or a synset.
#[derive(Debug, Clone, PartialEq)]
pub enum Elem {
    Word(String),
    Syn(u32),
}

#[derive(Debug, Clone)]
pub struct Pattern {
    pub pre: Vec<Elem>,
    pub post: Vec<Elem>,
    pub code: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Block {
    pub code: Option<String>,
    pub patterns: Vec<Pattern>,
    /// Patterns by their first plain word (an index to skip the patterns that cannot match),
    /// as ranks in `order`.
    anchors: WordTable<Vec<u32>>,
    /// The byte lengths of the anchor words, as bits (bit 31: 31 bytes or more): a stem of
    /// another length is not looked up.
    anchor_lens: u32,
    /// Patterns made of synsets only, as ranks in `order`.
    unanchored: Vec<u32>,
    /// Pattern indices, longest pattern first (ties in list order): the first candidate in
    /// this order that matches is the most specific match.
    order: Vec<u32>,
}

#[derive(Debug, Clone)]
pub struct VerbEntry {
    pub block: u32,
    pub code: Option<String>,
    /// The verb's lemma as written ("REJECT", "ASK_FOR").
    pub lemma: String,
    /// For a verb with no code of its own or of its block: the code most of the patterns
    /// written for it carry (the `# VERB` comments), used when no pattern matches.
    pub fallback: Option<String>,
}

/// The verb dictionary.
#[derive(Debug, Clone, Default)]
pub struct VerbDict {
    /// Every verb form (one or more words) → index into `entries`.
    pub forms: PhraseTable,
    pub entries: Vec<VerbEntry>,
    pub blocks: Vec<Block>,
    /// Synset phrases, each a list of words.
    /// The phrases of every synset, each after a word that marks its synset (see
    /// [`syn_marker`]), so that the words of a sentence are looked up once for all synsets.
    pub synsets: PhraseTable,
    syn_count: u32,
    /// Synset → the id of its marker word in `synsets`.
    syn_marks: Vec<u32>,
    syn_names: HashMap<String, u32>,
    /// Codes of the patterns written for each verb (from their `# VERB` comments).
    pattern_codes: HashMap<String, Vec<String>>,
    /// Verb-verb transformations ("~ a (b . ATTACK) SAY = a b 112").
    pub transforms: Vec<Transform>,
    /// Lemma → the blocks that list a verb with that lemma (sorted), for the transformations.
    lemma_blocks: FnvMap<String, Vec<u32>>,
}

/// Who the inner event's source is, relative to the outer verb's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InnerSource {
    /// `a`: the same actor (or an unresolved pronoun).
    Same,
    /// `b`: another actor.
    Other,
    /// `_`: none (an infinitive).
    Absent,
    /// `.`: anyone.
    Any,
}

/// "A says B attacked" → "A accuses B": PETRARCH's verb transformations.
#[derive(Debug, Clone)]
pub struct Transform {
    pub outer: String,
    /// `None` for `Q` (any verb).
    pub inner: Option<String>,
    pub inner_source: InnerSource,
    /// The result's target is the inner event's source (`(b . X) ... = a b`) rather than its
    /// target (`(a b X) ... = a b`).
    pub target_is_inner_source: bool,
    /// `None` for `Q`: keep the inner code.
    pub code: Option<String>,
}

/// "[042:043]" → "042"; "[:173]" → "173"; "[---]" → None.
fn parse_code(inner: &str) -> Option<String> {
    let inner = inner.trim();
    let mut parts = inner.split(':');
    let a = parts.next().unwrap_or("").trim();
    let b = parts.next().unwrap_or("").trim();
    let c = if a.is_empty() { b } else { a };
    (!c.is_empty() && c.bytes().all(|x| x.is_ascii_digit())).then(|| c.to_string())
}

fn bracket(s: &str) -> Option<(usize, &str)> {
    let a = s.rfind('[')?;
    let b = s[a..].find(']')?;
    Some((a, &s[a + 1..a + b]))
}

/// Parses "a (b . ATTACK) SAY = a b 112".
fn parse_transform(s: &str) -> Option<Transform> {
    let toks: Vec<String> = s
        .replace(['(', ')'], " ")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    // a x y VERB TOP = p q CODE
    if toks.len() < 9 || toks[5] != "=" {
        return None;
    }
    let outer_src = toks[0].as_str();
    let inner_source = match toks[1].as_str() {
        x if x == outer_src => InnerSource::Same,
        "_" => InnerSource::Absent,
        "." => InnerSource::Any,
        _ => InnerSource::Other,
    };
    let res_tgt = toks[7].as_str();
    let inner = (toks[3] != "Q").then(|| norm_word(&toks[3]));
    let code = toks[8]
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| toks[8].clone());
    Some(Transform {
        outer: norm_word(&toks[4]),
        inner,
        inner_source,
        target_is_inner_source: res_tgt == toks[1] && inner_source == InnerSource::Other,
        code,
    })
}

/// Regular verb forms of an upper-case verb.
pub fn verb_forms(v: &str) -> Vec<String> {
    let mut out = vec![v.to_string()];
    let (s, ed, ing) = if let Some(stem) = v.strip_suffix('E') {
        (format!("{v}S"), format!("{v}D"), format!("{stem}ING"))
    } else if let Some(stem) = v
        .strip_suffix('Y')
        .filter(|st| !st.ends_with(['A', 'E', 'O', 'U']))
    {
        (
            format!("{stem}IES"),
            format!("{stem}IED"),
            format!("{v}ING"),
        )
    } else if v.ends_with("SS") || v.ends_with("SH") || v.ends_with("CH") || v.ends_with('X') {
        (format!("{v}ES"), format!("{v}ED"), format!("{v}ING"))
    } else {
        (format!("{v}S"), format!("{v}ED"), format!("{v}ING"))
    };
    out.extend([s, ed, ing]);
    out
}

/// The word that marks the phrases of synset `sid` in [`VerbDict::synsets`]. A token that
/// reads the same is harmless: markers only ever start a phrase, and the first word of a
/// synset lookup is the marker itself, never a token.
fn syn_marker(sid: u32) -> String {
    format!("&{sid}")
}

/// A synset lookup not made yet, in [`SynMemo`].
const UNSEEN: u32 = NO_WORD - 1;

/// The ids of a sentence's words in [`VerbDict::synsets`], each looked up when first needed.
#[derive(Debug, Clone)]
pub struct SynMemo(Vec<Cell<u32>>);

impl SynMemo {
    /// A memo for a sentence of `n` words.
    pub fn new(n: usize) -> SynMemo {
        SynMemo(vec![Cell::new(UNSEEN); n])
    }
}

/// The bit of a word length in [`Block::anchor_lens`].
fn len_bit(len: usize) -> u32 {
    1 << len.min(31)
}

fn strip_comment(l: &str) -> &str {
    l.split('#').next().unwrap_or("")
}

impl VerbDict {
    pub fn from_text(text: &str) -> VerbDict {
        let mut d = VerbDict::default();
        d.add_text(text);
        d
    }

    fn syn_id(&mut self, name: &str) -> u32 {
        let key = name.trim_end_matches('_').to_string();
        if let Some(&i) = self.syn_names.get(&key) {
            return i;
        }
        let i = self.syn_count;
        self.syn_count += 1;
        self.syn_names.insert(key, i);
        i
    }

    fn parse_elems(&mut self, s: &str) -> Vec<Elem> {
        let mut out = Vec::new();
        for w in s.split(|c: char| c.is_whitespace() || "(){}".contains(c)) {
            let w = w.trim();
            // "(P TO ...)" marks a prepositional phrase in the older format
            if w.is_empty() || matches!(w, "$" | "+" | "^" | "%" | "-" | "@" | "P") {
                continue;
            }
            if let Some(name) = w.strip_prefix('&') {
                let id = self.syn_id(name);
                out.push(Elem::Syn(id));
            } else {
                for part in w.split('_') {
                    let n = norm_word(part.trim_matches(|c| "$+^%@".contains(c)));
                    if !n.is_empty() {
                        out.push(Elem::Word(n));
                    }
                }
            }
        }
        out
    }

    pub fn add_text(&mut self, text: &str) {
        self.add(text, false);
    }

    /// Adds only the verbs this dictionary does not have yet (a secondary dictionary).
    pub fn add_missing(&mut self, text: &str) {
        self.add(text, true);
    }

    /// Adds an extension file: verbs not yet listed are added with their block, and the
    /// patterns under a verb that is already listed join that verb's existing block (so a
    /// supplement can add "- * CONCERN TO [111]" to EXPRESS without repeating the block).
    pub fn extend(&mut self, text: &str) {
        let mut block_text = String::new();
        let flush = |d: &mut VerbDict, t: &mut String| {
            if !t.is_empty() {
                d.add_block_extension(t);
                t.clear();
            }
        };
        for line in text.lines() {
            if line.trim_start().starts_with("---") {
                flush(self, &mut block_text);
            }
            block_text.push_str(line);
            block_text.push('\n');
        }
        flush(self, &mut block_text);
    }

    /// One block of an extension file (see [`VerbDict::extend`]).
    fn add_block_extension(&mut self, text: &str) {
        // the block of the first listed verb that the dictionary already has
        let existing = text.lines().find_map(|l| {
            let t = strip_comment(l).trim();
            if t.is_empty() || t.starts_with(['-', '<', '&', '~', '+']) {
                return None;
            }
            let head = t.split(['{', '[']).next().unwrap_or("").trim();
            let words: Vec<String> = head
                .split('_')
                .filter(|w| !w.is_empty())
                .map(norm_word)
                .collect();
            if words.is_empty() {
                return None;
            }
            self.forms
                .longest(&words, 0)
                .filter(|&(n, _)| n == words.len())
                .and_then(|(_, e)| self.block_of(e))
        });
        match existing {
            Some(b) => {
                // parse the patterns into a scratch block, then move them over
                let before = self.blocks.len();
                let only_patterns: String = text
                    .lines()
                    .filter(|l| {
                        let t = l.trim_start();
                        t.starts_with("---") || t.starts_with('-')
                    })
                    .map(|l| format!("{l}\n"))
                    .collect();
                self.add(&only_patterns, true);
                let moved: Vec<Pattern> = self
                    .blocks
                    .drain(before..)
                    .flat_map(|bl| bl.patterns)
                    .collect();
                if let Some(bl) = self.blocks.get_mut(b as usize) {
                    bl.patterns.extend(moved);
                }
                self.index_patterns();
            }
            None => self.add(text, true),
        }
    }

    fn add(&mut self, text: &str, keep_existing: bool) {
        let mut cur_syn: Option<(u32, bool)> = None;
        let mut block: Option<u32> = None;
        for raw in text.lines() {
            let line = strip_comment(raw).trim_end();
            let t = line.trim();
            if let Some(tr) = t.strip_prefix('~') {
                if let Some(x) = parse_transform(tr) {
                    self.transforms.push(x);
                }
                continue;
            }
            if t.is_empty() || t.starts_with('<') {
                continue;
            }
            if let Some(name) = t.strip_prefix('&') {
                let name = name.split_whitespace().next().unwrap_or("");
                let plurals = !name.ends_with('_');
                cur_syn = Some((self.syn_id(name), plurals));
                continue;
            }
            if t.starts_with("---") {
                cur_syn = None;
                let code = bracket(t).and_then(|(_, c)| parse_code(c));
                self.blocks.push(Block {
                    code,
                    ..Default::default()
                });
                block = Some(self.blocks.len() as u32 - 1);
                continue;
            }
            if let (Some((sid, plurals)), Some(p)) = (cur_syn, t.strip_prefix('+')) {
                let p = p.split_whitespace().next().unwrap_or("");
                let no_pl = !plurals || p.ends_with('_');
                let words: Vec<String> = p
                    .split('_')
                    .filter(|w| !w.is_empty())
                    .map(norm_word)
                    .collect();
                if words.is_empty() {
                    continue;
                }
                let mut phrase = Vec::with_capacity(words.len() + 1);
                phrase.push(syn_marker(sid));
                phrase.extend(words);
                if !no_pl {
                    let mut pl = phrase.clone();
                    if let Some(last) = pl.last_mut() {
                        *last = plural(last);
                    }
                    self.synsets.insert(pl, 0);
                }
                self.synsets.insert(phrase, 0);
                continue;
            }
            let Some(b) = block else { continue };
            if let Some(pat) = t.strip_prefix('-') {
                let (body, code) = match bracket(pat) {
                    Some((a, c)) => (&pat[..a], parse_code(c)),
                    None => (pat, None),
                };
                let (pre, post) = match body.split_once('*') {
                    Some((a, b)) => (a, b),
                    None => ("", body),
                };
                let pre = self.parse_elems(pre);
                let post = self.parse_elems(post);
                if let (Some(c), Some(name)) = (
                    code.as_ref(),
                    raw.split('#')
                        .nth(1)
                        .and_then(|x| x.split_whitespace().next()),
                ) {
                    self.pattern_codes
                        .entry(norm_word(name))
                        .or_default()
                        .push(c.clone());
                }
                if let Some(bl) = self.blocks.get_mut(b as usize) {
                    bl.patterns.push(Pattern { pre, post, code });
                }
                continue;
            }
            // a verb line: "HURRY {HURRIES HURRYING HURRIED } [020]" or "+ASK_FOR {...}"
            let (head, code) = match bracket(t) {
                Some((a, c)) => (&t[..a], parse_code(c)),
                None => (t, None),
            };
            let (main, irregular) = match (head.find('{'), head.find('}')) {
                (Some(a), Some(z)) if z > a => (&head[..a], Some(&head[a + 1..z])),
                _ => (head, None),
            };
            let main = main.trim();
            if main.is_empty() {
                continue;
            }
            let entry = self.entries.len() as u32;
            self.entries.push(VerbEntry {
                block: b,
                code,
                lemma: norm_word(main.trim_start_matches('+')).replace('+', ""),
                fallback: None,
            });
            let mut forms: Vec<Vec<String>> = Vec::new();
            let to_words = |s: &str| -> (Vec<String>, usize) {
                let parts: Vec<&str> = s.split('_').filter(|w| !w.is_empty()).collect();
                let vi = parts.iter().position(|w| w.starts_with('+')).unwrap_or(0);
                (
                    parts
                        .iter()
                        .map(|w| norm_word(w.trim_start_matches('+')))
                        .collect(),
                    vi,
                )
            };
            let (words, vi) = to_words(main);
            if words.is_empty() {
                continue;
            }
            match irregular {
                Some(irr) => {
                    forms.push(words.clone());
                    for f in irr.split_whitespace() {
                        let (w, _) = to_words(f);
                        if !w.is_empty() {
                            forms.push(w);
                        }
                    }
                    if irr.trim().is_empty() {
                        // "{}": only the given form
                    }
                }
                None => {
                    if let Some(v) = words.get(vi) {
                        for f in verb_forms(v) {
                            let mut w = words.clone();
                            w[vi] = f;
                            forms.push(w);
                        }
                    }
                }
            }
            for f in forms {
                let existing = self
                    .forms
                    .longest(&f, 0)
                    .filter(|&(n, _)| n == f.len())
                    .map(|(_, e)| e);
                if let Some(old) = existing {
                    // a second listing of a verb without a code does not hide a coded one
                    if keep_existing || (!self.has_code(entry) && self.has_code(old)) {
                        continue;
                    }
                }
                self.forms.insert(f, entry);
            }
        }
        self.set_fallbacks();
        self.index_patterns();
    }

    fn index_patterns(&mut self) {
        self.syn_marks = (0..self.syn_count)
            .map(|sid| self.synsets.id(&syn_marker(sid)))
            .collect();
        self.lemma_blocks.clear();
        for e in &self.entries {
            let v = self.lemma_blocks.entry(e.lemma.clone()).or_default();
            if let Err(at) = v.binary_search(&e.block) {
                v.insert(at, e.block);
            }
        }
        for b in &mut self.blocks {
            b.anchors.clear();
            b.anchor_lens = 0;
            b.unanchored.clear();
            let len = |p: &Pattern| p.pre.len() + p.post.len();
            let mut order: Vec<u32> = (0..b.patterns.len() as u32).collect();
            order.sort_by_key(|&i| {
                std::cmp::Reverse(b.patterns.get(i as usize).map(len).unwrap_or(0))
            });
            for (rank, &i) in order.iter().enumerate() {
                let Some(p) = b.patterns.get(i as usize) else {
                    continue;
                };
                let i = rank;
                let anchor = p.post.iter().chain(&p.pre).find_map(|e| match e {
                    Elem::Word(w) => Some(w.clone()),
                    Elem::Syn(_) => None,
                });
                match anchor {
                    Some(w) => {
                        b.anchor_lens |= len_bit(w.len());
                        b.anchors.get_or_insert_with(&w, Vec::new).push(i as u32);
                    }
                    None => b.unanchored.push(i as u32),
                }
            }
            b.order = order;
        }
    }

    /// The longest verb form starting at `words[i]`: `(length in words, entry)`.
    pub fn longest_form<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, u32)> {
        self.forms.longest(words, i)
    }

    /// Whether `block` lists a verb whose lemma is `lemma`.
    pub fn block_has_lemma(&self, block: Option<u32>, lemma: &str) -> bool {
        block.is_some_and(|b| {
            self.lemma_blocks
                .get(lemma)
                .is_some_and(|v| v.binary_search(&b).is_ok())
        })
    }

    /// The block of verb entry `entry`.
    pub fn block_of(&self, entry: u32) -> Option<u32> {
        self.entries.get(entry as usize).map(|e| e.block)
    }

    fn has_code(&self, entry: u32) -> bool {
        self.entries.get(entry as usize).is_some_and(|e| {
            e.code.is_some()
                || self
                    .blocks
                    .get(e.block as usize)
                    .is_some_and(|b| b.code.is_some())
        })
    }

    /// A verb whose block has no code takes the code most of its own patterns carry when at
    /// least three patterns and 40% of them share its root code ("REJECT" → 120).
    fn set_fallbacks(&mut self) {
        for i in 0..self.entries.len() {
            let e = &self.entries[i];
            let block_code = self
                .blocks
                .get(e.block as usize)
                .and_then(|b| b.code.clone());
            if e.code.is_some() || block_code.is_some() {
                continue;
            }
            let Some(codes) = self.pattern_codes.get(&e.lemma) else {
                continue;
            };
            let mut roots: HashMap<&str, usize> = HashMap::new();
            for c in codes {
                if let Some(r) = c.get(..2) {
                    *roots.entry(r).or_default() += 1;
                }
            }
            let Some((root, n)) = roots
                .into_iter()
                .max_by_key(|&(r, n)| (n, std::cmp::Reverse(r)))
            else {
                continue;
            };
            if n < 3 || n * 10 < codes.len() * 4 {
                continue;
            }
            let mut full: HashMap<&str, usize> = HashMap::new();
            for c in codes.iter().filter(|c| c.starts_with(root)) {
                *full.entry(c.as_str()).or_default() += 1;
            }
            let best = full
                .into_iter()
                .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c)))
                .map(|(c, _)| c.to_string());
            self.entries[i].fallback = best;
        }
    }

    fn elem_matches<S: AsRef<str>>(
        &self,
        e: &Elem,
        words: &[S],
        memo: &SynMemo,
        i: usize,
    ) -> Option<usize> {
        match e {
            Elem::Word(w) => {
                let t = words.get(i)?.as_ref();
                (t == w || (t.starts_with(w.as_str()) && t.len() <= w.len() + 3 && w.len() >= 4))
                    .then_some(1)
            }
            Elem::Syn(s) => {
                let mark = *self.syn_marks.get(*s as usize)?;
                let id_at = |k: usize| match memo.0.get(k) {
                    Some(c) if c.get() == UNSEEN => {
                        let id = words
                            .get(k)
                            .map_or(NO_WORD, |w| self.synsets.id(w.as_ref()));
                        c.set(id);
                        id
                    }
                    Some(c) => c.get(),
                    None => NO_WORD,
                };
                self.synsets
                    .longest_after(mark, words.len(), i, id_at)
                    .map(|(n, _)| n - 1)
            }
        }
    }

    /// Whether `elems` occur in order within `words[lo..hi]`.
    fn seq_in<S: AsRef<str>>(
        &self,
        elems: &[Elem],
        words: &[S],
        memo: &SynMemo,
        lo: usize,
        hi: usize,
    ) -> bool {
        let mut i = lo;
        'outer: for e in elems {
            // each element within a few words of the previous one
            let stop = hi.min(i + MAX_GAP + 1);
            while i < stop {
                if let Some(n) = self.elem_matches(e, words, memo, i) {
                    i += n;
                    continue 'outer;
                }
                i += 1;
            }
            return false;
        }
        true
    }

    /// The code for verb entry `entry` at `words[v..ve]`, given the clause window `[lo, hi)`:
    /// the most specific matching pattern, else the verb's own code, else its block's.
    pub fn code_for<S: AsRef<str>>(
        &self,
        entry: u32,
        words: &[S],
        v: usize,
        ve: usize,
        lo: usize,
        hi: usize,
    ) -> Option<String> {
        self.code_for_in(entry, words, &SynMemo::new(words.len()), v, ve, lo, hi)
    }

    /// [`VerbDict::code_for`] with the words' synset lookups kept in `memo` (one per
    /// sentence, made for `words`), so that no word is looked up twice.
    #[allow(clippy::too_many_arguments)]
    pub fn code_for_in<S: AsRef<str>>(
        &self,
        entry: u32,
        words: &[S],
        memo: &SynMemo,
        v: usize,
        ve: usize,
        lo: usize,
        hi: usize,
    ) -> Option<String> {
        let e = self.entries.get(entry as usize)?;
        let block = self.blocks.get(e.block as usize)?;
        // candidate patterns: those whose anchor word (or a stem of it) is in the window
        let mut cands: Vec<u32> = block.unanchored.clone();
        let window = words
            .get(lo.min(v)..hi.max(v).min(words.len()))
            .unwrap_or(&[]);
        for t in window {
            let t = t.as_ref();
            for k in 0..=3usize {
                let Some(stem) = t.len().checked_sub(k).and_then(|n| t.get(..n)) else {
                    break;
                };
                if k > 0 && stem.len() < 4 {
                    break;
                }
                if block.anchor_lens & len_bit(stem.len()) == 0 {
                    continue;
                }
                if let Some(ids) = block.anchors.get(stem) {
                    cands.extend_from_slice(ids);
                }
            }
        }
        // by rank: the longest patterns first, so that the first match is the best one
        cands.sort_unstable();
        cands.dedup();
        let pats = cands
            .iter()
            .filter_map(|&r| block.order.get(r as usize))
            .filter_map(|&i| block.patterns.get(i as usize));
        for p in pats {
            if p.pre.is_empty() && p.post.is_empty() {
                continue;
            }
            if self.seq_in(&p.post, words, memo, (v + 1).min(ve), hi)
                && self.seq_in(&p.pre, words, memo, lo, v)
            {
                return p.code.clone();
            }
        }
        e.code
            .clone()
            .or_else(|| block.code.clone())
            .or_else(|| e.fallback.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: &str = "&AID_\n+AID\n+ASSISTANCE\n\n---  ASK   [---]  ---\n+ASK_FOR {+ASKED_FOR +ASKING_FOR +ASKS_FOR} [020]\nASK     [020]\nQUERY {QUERYING QUERIES QUERIED }\n- * (FOR {FINANCIAL &AID})                                [0231]        # ASK\n- * MEETING  [026]\n\n---  MEET   [040]  ---\nMEET {MEETS MET MEETING}\n";

    fn w(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn forms_and_patterns() {
        let d = VerbDict::from_text(D);
        let words = w("ISRAEL ASKED FOR FINANCIAL AID");
        let (n, e) = d.forms.longest(&words, 1).unwrap();
        assert_eq!(n, 2);
        assert_eq!(
            d.code_for(e, &words, 1, 1 + n, 0, words.len()).as_deref(),
            Some("0231")
        );
        let words = w("ISRAEL ASKS JORDAN");
        let (n, e) = d.forms.longest(&words, 1).unwrap();
        assert_eq!(
            d.code_for(e, &words, 1, 1 + n, 0, words.len()).as_deref(),
            Some("020")
        );
        let words = w("THEY MET");
        let (_, e) = d.forms.longest(&words, 1).unwrap();
        assert_eq!(d.code_for(e, &words, 1, 2, 0, 2).as_deref(), Some("040"));
        assert!(d.forms.longest(&w("QUERIED"), 0).is_some());
    }

    #[test]
    fn codes() {
        assert_eq!(parse_code("042:043").as_deref(), Some("042"));
        assert_eq!(parse_code(":173").as_deref(), Some("173"));
        assert_eq!(parse_code("---"), None);
    }

    #[test]
    fn regular_forms() {
        assert_eq!(verb_forms("URGE"), ["URGE", "URGES", "URGED", "URGING"]);
        assert_eq!(verb_forms("DENY"), ["DENY", "DENIES", "DENIED", "DENYING"]);
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn verb_parser_never_panics(s in "(\\PC|[\\[\\]{}()_+#&*$%^:~=\\t\\n-]){0,300}") {
            let d = VerbDict::from_text(&s);
            let words: Vec<String> = vec!["A".into(), "B".into()];
            for e in 0..d.entries.len() as u32 {
                let _ = d.code_for(e, &words, 0, 1, 0, 2);
            }
        }
    }
}
