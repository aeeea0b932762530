//! Reader for the PETRARCH verb dictionary (CAMEO 2.0 format, `dictionaries.rst`): synsets,
//! verb synonym blocks with their irregular forms and codes, and the noun/preposition patterns
//! that refine a verb's code ("ASK * (FOR {FINANCIAL AID})" → 0231).
use dateline_actors::dict::{norm_word, plural};
use dateline_actors::PhraseTable;
use std::collections::HashMap;

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
    pub synsets: Vec<Vec<Vec<String>>>,
    syn_names: HashMap<String, u32>,
    /// Codes of the patterns written for each verb (from their `# VERB` comments).
    pattern_codes: HashMap<String, Vec<String>>,
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
        let i = self.synsets.len() as u32;
        self.synsets.push(Vec::new());
        self.syn_names.insert(key, i);
        i
    }

    fn parse_elems(&mut self, s: &str) -> Vec<Elem> {
        let mut out = Vec::new();
        for w in s.split(|c: char| c.is_whitespace() || "(){}".contains(c)) {
            let w = w.trim();
            if w.is_empty() || matches!(w, "$" | "+" | "^" | "%" | "-" | "@") {
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
        let mut cur_syn: Option<(u32, bool)> = None;
        let mut block: Option<u32> = None;
        for raw in text.lines() {
            let line = strip_comment(raw).trim_end();
            let t = line.trim();
            if t.is_empty() || t.starts_with('<') || t.starts_with('~') {
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
                    patterns: Vec::new(),
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
                if let Some(set) = self.synsets.get_mut(sid as usize) {
                    if !no_pl {
                        let mut pl = words.clone();
                        if let Some(last) = pl.last_mut() {
                            *last = plural(last);
                        }
                        set.push(pl);
                    }
                    set.push(words);
                }
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
                self.forms.insert(f, entry);
            }
        }
        self.set_fallbacks();
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

    fn elem_matches(&self, e: &Elem, words: &[String], i: usize) -> Option<usize> {
        match e {
            Elem::Word(w) => {
                let t = words.get(i)?;
                (t == w || (t.starts_with(w.as_str()) && t.len() <= w.len() + 3 && w.len() >= 4))
                    .then_some(1)
            }
            Elem::Syn(s) => self.synsets.get(*s as usize)?.iter().find_map(|ph| {
                let n = ph.len();
                (i + n <= words.len() && ph.iter().zip(&words[i..i + n]).all(|(a, b)| a == b))
                    .then_some(n)
            }),
        }
    }

    /// Whether `elems` occur in order within `words[lo..hi]`.
    fn seq_in(&self, elems: &[Elem], words: &[String], lo: usize, hi: usize) -> bool {
        let mut i = lo;
        'outer: for e in elems {
            while i < hi {
                if let Some(n) = self.elem_matches(e, words, i) {
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
    pub fn code_for(
        &self,
        entry: u32,
        words: &[String],
        v: usize,
        ve: usize,
        lo: usize,
        hi: usize,
    ) -> Option<String> {
        let e = self.entries.get(entry as usize)?;
        let block = self.blocks.get(e.block as usize)?;
        let mut best: Option<(usize, &Pattern)> = None;
        for p in &block.patterns {
            let n = p.pre.len() + p.post.len();
            if n == 0 || best.is_some_and(|(bn, _)| bn >= n) {
                continue;
            }
            if self.seq_in(&p.post, words, (v + 1).min(ve), hi) && self.seq_in(&p.pre, words, lo, v)
            {
                best = Some((n, p));
            }
        }
        if let Some((_, p)) = best {
            return p.code.clone();
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
