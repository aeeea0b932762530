//! Readers for the PETRARCH/Phoenix actor and agent dictionary formats (`dictionaries.rst`).
//!
//! Phrases are stored as sequences of normalised words (see [`norm_word`]) in a table keyed by
//! their first word, so a longest-match lookup at a token costs one hash probe.
use std::collections::HashMap;

/// Normalises one word for dictionary matching: upper case, without periods ("U.S." → "US"),
/// with typographic apostrophes made plain.
pub fn norm_word(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    norm_word_into(w, &mut s);
    s
}

/// [`norm_word`] into `s` (cleared first), reusing its buffer.
pub fn norm_word_into(w: &str, s: &mut String) {
    s.clear();
    if w.is_ascii() {
        s.extend(
            w.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_uppercase())),
        );
        return;
    }
    for c in w.chars() {
        match c {
            '.' => {}
            '’' | '‘' => s.push('\''),
            c if c.is_ascii() => s.push(c.to_ascii_uppercase()),
            c => s.extend(c.to_uppercase()),
        }
    }
}

/// Splits a dictionary phrase ("HAMID_KARZAI_", "HAMAS WING") into normalised words.
///
/// Dotted initialisms ("U.N.") become one word per letter, as the tokenizer splits them.
pub(crate) fn phrase_words(p: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in p.split(['_', ' ']).filter(|w| !w.is_empty()) {
        let parts: Vec<&str> = w.split_terminator('.').collect();
        if parts.len() >= 2 && w.ends_with('.') && parts.iter().all(|x| x.chars().count() == 1) {
            out.extend(parts.iter().map(|x| norm_word(x)));
        } else {
            let n = norm_word(w);
            if !n.is_empty() {
                out.push(n);
            }
        }
    }
    out
}

/// Regular English plural of an upper-case word.
pub fn plural(w: &str) -> String {
    if w.ends_with("SS") || w.ends_with("SH") || w.ends_with("CH") || w.ends_with('X') {
        format!("{w}ES")
    } else if let Some(stem) = w.strip_suffix('Y') {
        if stem.ends_with(['A', 'E', 'O', 'U']) {
            format!("{w}S")
        } else {
            format!("{stem}IES")
        }
    } else {
        format!("{w}S")
    }
}

/// A hash map with the shared word hash (dictionary keys are short upper-case words).
pub type FnvMap<K, V> = dateline_core::hash::WordMap<K, V>;

/// Id of a word that is in no dictionary phrase (see [`Vocab::id`]).
pub const NO_WORD: u32 = u32::MAX;

/// A word of at most [`ShortWord::MAX`] bytes as a map key: compared and hashed as two
/// numbers, without following a pointer to its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ShortWord {
    bytes: [u64; 2],
    len: u8,
}

impl ShortWord {
    const MAX: usize = 16;

    #[inline]
    fn new(w: &str) -> Option<ShortWord> {
        let b = w.as_bytes();
        let mut a = [0u8; ShortWord::MAX];
        a.get_mut(..b.len())?.copy_from_slice(b);
        let (lo, hi) = a.split_at(8);
        let num = |x: &[u8]| x.try_into().map(u64::from_le_bytes).unwrap_or(0);
        Some(ShortWord {
            bytes: [num(lo), num(hi)],
            len: b.len() as u8,
        })
    }
}

impl std::hash::Hash for ShortWord {
    #[inline]
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.bytes[0]);
        state.write_u64(self.bytes[1] ^ u64::from(self.len) << 56);
    }
}

/// A map keyed by words, for dictionaries probed with the words of every sentence: words
/// of up to 16 bytes (nearly all) are held in the table itself.
#[derive(Debug, Clone)]
pub struct WordTable<V> {
    short: FnvMap<ShortWord, V>,
    long: FnvMap<Box<str>, V>,
}

impl<V> Default for WordTable<V> {
    fn default() -> Self {
        WordTable {
            short: FnvMap::default(),
            long: FnvMap::default(),
        }
    }
}

impl<V> WordTable<V> {
    #[inline]
    pub fn get(&self, w: &str) -> Option<&V> {
        match ShortWord::new(w) {
            Some(k) => self.short.get(&k),
            None => self.long.get(w),
        }
    }

    /// The value of `w`, made by `f` when `w` is new.
    pub fn get_or_insert_with(&mut self, w: &str, f: impl FnOnce() -> V) -> &mut V {
        match ShortWord::new(w) {
            Some(k) => self.short.entry(k).or_insert_with(f),
            None => self.long.entry(w.into()).or_insert_with(f),
        }
    }

    pub fn insert(&mut self, w: &str, v: V) {
        match ShortWord::new(w) {
            Some(k) => self.short.insert(k, v),
            None => self.long.insert(w.into(), v),
        };
    }

    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub fn is_empty(&self) -> bool {
        self.short.is_empty() && self.long.is_empty()
    }

    pub fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
    }
}

/// Dictionary words numbered densely from 0, so that phrases are compared as ids and a word
/// of the text is hashed once, however many phrases it could start or continue.
#[derive(Debug, Default, Clone)]
pub struct Vocab {
    ids: WordTable<u32>,
    /// id → word
    words: Vec<Box<str>>,
}

impl Vocab {
    /// The id of `w`, added when new.
    pub fn intern(&mut self, w: &str) -> u32 {
        if let Some(&id) = self.ids.get(w) {
            return id;
        }
        let id = self.words.len() as u32;
        self.ids.insert(w, id);
        self.words.push(w.into());
        id
    }

    /// The id of `w`, or [`NO_WORD`].
    #[inline]
    pub fn id(&self, w: &str) -> u32 {
        self.ids.get(w).copied().unwrap_or(NO_WORD)
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Every word with its id.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        self.words.iter().zip(0u32..).map(|(w, id)| (&**w, id))
    }
}

/// Phrases of words as ids (see [`Vocab`]), indexed by their first word, so that a
/// longest-match lookup at a token costs one probe of the vocabulary (none when the ids are
/// given) and a binary search among the phrases that start with that word.
#[derive(Debug, Default, Clone)]
pub struct PhraseTable {
    vocab: Vocab,
    /// word id → index into `heads`, or [`NO_WORD`] for a word that starts no phrase
    head_of: Vec<u32>,
    heads: Vec<Head>,
}

/// The phrases that start with one word.
#[derive(Debug, Default, Clone)]
struct Head {
    /// The word alone.
    single: Option<u32>,
    /// Longer phrases: (second word, the words after it, value), sorted by second word.
    multi: Vec<(u32, Box<[u32]>, u32)>,
    /// The second words of `multi` as bits (see [`second_bit`]): most words after a head
    /// are ruled out without a search.
    seconds: u64,
}

/// The bit of a second word in `Head::seconds`.
#[inline]
fn second_bit(id: u32) -> u64 {
    1 << (id % 64)
}

impl PhraseTable {
    pub fn insert(&mut self, words: Vec<String>, value: u32) {
        let ids: Vec<u32> = words.iter().map(|w| self.vocab.intern(w)).collect();
        let Some((&w0, rest)) = ids.split_first() else {
            return;
        };
        if self.head_of.len() < self.vocab.len() {
            self.head_of.resize(self.vocab.len(), NO_WORD);
        }
        let hi = match self.head_of.get(w0 as usize) {
            Some(&h) if h != NO_WORD => h as usize,
            _ => {
                self.heads.push(Head::default());
                let h = self.heads.len() - 1;
                if let Some(slot) = self.head_of.get_mut(w0 as usize) {
                    *slot = h as u32;
                }
                h
            }
        };
        let Some(head) = self.heads.get_mut(hi) else {
            return;
        };
        let Some((&w1, rest)) = rest.split_first() else {
            head.single = Some(value);
            return;
        };
        // a later entry for the same phrase replaces the earlier one (user dictionaries win)
        let lo = head.multi.partition_point(|e| e.0 < w1);
        let hi = head.multi.partition_point(|e| e.0 <= w1);
        head.seconds |= second_bit(w1);
        if let Some(e) = head.multi[lo..hi].iter_mut().find(|e| *e.1 == *rest) {
            e.2 = value;
        } else {
            head.multi.insert(hi, (w1, rest.into(), value));
        }
    }

    /// The id of `w` in this table's vocabulary, or [`NO_WORD`].
    #[inline]
    pub fn id(&self, w: &str) -> u32 {
        self.vocab.id(w)
    }

    /// The vocabulary of the phrases.
    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    /// The longest phrase starting at `words[i]`: `(length in words, value)`.
    pub fn longest<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, u32)> {
        self.longest_by(words.len(), i, |k| {
            words.get(k).map_or(NO_WORD, |w| self.id(w.as_ref()))
        })
    }

    /// [`PhraseTable::longest`] over the words' ids (from [`PhraseTable::id`]).
    #[inline]
    pub fn longest_ids(&self, ids: &[u32], i: usize) -> Option<(usize, u32)> {
        self.longest_by(ids.len(), i, |k| ids.get(k).copied().unwrap_or(NO_WORD))
    }

    /// The longest phrase that starts with word `first` and goes on with words `i..` of
    /// `len`, given the id of each word: `(length in words, counting first, value)`.
    #[inline]
    pub fn longest_after(
        &self,
        first: u32,
        len: usize,
        i: usize,
        id_at: impl Fn(usize) -> u32,
    ) -> Option<(usize, u32)> {
        if i >= len {
            return None;
        }
        self.longest_by(len - i + 1, 0, |k| {
            if k == 0 {
                first
            } else {
                id_at(i + k - 1)
            }
        })
    }

    /// The longest phrase starting at word `i` of `len`, given the id of each word.
    #[inline]
    fn longest_by(
        &self,
        len: usize,
        i: usize,
        id_at: impl Fn(usize) -> u32,
    ) -> Option<(usize, u32)> {
        if i >= len {
            return None;
        }
        let h = *self.head_of.get(id_at(i) as usize)?;
        let head = self.heads.get(h as usize)?;
        let mut best: Option<(usize, u32)> = head.single.map(|v| (1, v));
        if head.multi.is_empty() || i + 1 >= len {
            return best;
        }
        let w1 = id_at(i + 1);
        if w1 == NO_WORD || head.seconds & second_bit(w1) == 0 {
            return best;
        }
        let lo = head.multi.partition_point(|e| e.0 < w1);
        for (_, rest, v) in head.multi[lo..].iter().take_while(|e| e.0 == w1) {
            let n = rest.len() + 2;
            if best.is_some_and(|(bn, _)| bn >= n) || i + n > len {
                continue;
            }
            if rest.iter().enumerate().all(|(k, &r)| r == id_at(i + 2 + k)) {
                best = Some((n, *v));
            }
        }
        best
    }

    pub fn len(&self) -> usize {
        self.heads
            .iter()
            .map(|h| usize::from(h.single.is_some()) + h.multi.len())
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }
}

/// A code with optional date restrictions, as in an actor dictionary record.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DatedCode {
    pub default: Option<String>,
    /// `(from, to, code)` with dates as YYYYMMDD numbers, bounds inclusive.
    pub ranges: Vec<(u32, u32, String)>,
}

impl DatedCode {
    /// The code that applies on `date` (YYYYMMDD); without a date, the default or the latest.
    pub fn at(&self, date: Option<u32>) -> Option<&str> {
        if let Some(d) = date {
            if let Some((_, _, c)) = self.ranges.iter().find(|(a, b, _)| *a <= d && d <= *b) {
                // a country keeps its present-day code: "Serbia" in 2000 is SRB, not SCGSRB
                match self.default.as_deref() {
                    Some(def) if def.len() == 3 && c.get(..3) != Some(def) => return Some(def),
                    _ => return Some(c),
                }
            }
            return self.default.as_deref();
        }
        self.default
            .as_deref()
            .or_else(|| self.ranges.iter().max_by_key(|r| r.1).map(|r| r.2.as_str()))
    }
}

/// Expands a 6- or 8-digit dictionary date to YYYYMMDD.
fn parse_date(s: &str) -> Option<u32> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.len() {
        8 => s.parse().ok(),
        6 => {
            let n: u32 = s.parse().ok()?;
            let yy = n / 10000;
            // TABARI convention: two-digit years up to 30 are 20xx
            let century = if yy <= 30 { 20_000_000 } else { 19_000_000 };
            Some(century + n)
        }
        _ => None,
    }
}

/// Parses the inside of `[...]`: "USAGOV", "USAGOV 450703-470121", "X <010101", "X >010101".
fn parse_restriction(inner: &str, into: &mut DatedCode) {
    let mut parts = inner.split_whitespace();
    let Some(code) = parts.next() else { return };
    let code = code.to_string();
    match parts.next() {
        None => into.default = Some(code),
        Some(r) => {
            let range = if let Some(d) = r.strip_prefix('<') {
                parse_date(d).map(|d| (0, d, code))
            } else if let Some(d) = r.strip_prefix('>') {
                parse_date(d).map(|d| (d, u32::MAX, code))
            } else if let Some((a, b)) = r.split_once('-') {
                parse_date(a).zip(parse_date(b)).map(|(a, b)| (a, b, code))
            } else {
                None
            };
            if let Some(r) = range {
                into.ranges.push(r);
            }
        }
    }
}

fn strip_comment(line: &str) -> &str {
    let line = line.split('#').next().unwrap_or("");
    line.split(';').next().unwrap_or("")
}

fn is_markup(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("<!--") || t.starts_with("-->") || t.starts_with('<')
}

/// Splits "PHRASE {PLURALS} [CODE] rest" into (phrase, braces, code).
fn split_entry(s: &str) -> (&str, Option<&str>, Option<&str>) {
    let code = s
        .find('[')
        .and_then(|a| s[a + 1..].find(']').map(|b| &s[a + 1..a + 1 + b]));
    let head_end = s.find(['[', '{']).unwrap_or(s.len());
    let braces = s
        .find('{')
        .and_then(|a| s[a + 1..].find('}').map(|b| &s[a + 1..a + 1 + b]));
    (s[..head_end].trim(), braces, code)
}

/// Actor dictionary: phrases → dated codes.
#[derive(Debug, Default, Clone)]
pub struct ActorDict {
    pub table: PhraseTable,
    pub codes: Vec<DatedCode>,
}

impl ActorDict {
    /// Adds the records of one actor dictionary file.
    pub fn add_text(&mut self, text: &str) {
        let mut phrases: Vec<(Vec<String>, bool)> = Vec::new();
        let mut code = DatedCode::default();
        let flush =
            |phrases: &mut Vec<(Vec<String>, bool)>, code: &mut DatedCode, me: &mut ActorDict| {
                if !phrases.is_empty() && (code.default.is_some() || !code.ranges.is_empty()) {
                    let idx = me.codes.len() as u32;
                    me.codes.push(std::mem::take(code));
                    for (words, stem) in phrases.drain(..) {
                        if stem {
                            if let Some(last) = words.last() {
                                let mut pl = words.clone();
                                let n = pl.len();
                                pl[n - 1] = plural(last);
                                me.table.insert(pl, idx);
                            }
                        }
                        me.table.insert(words, idx);
                    }
                }
                phrases.clear();
                *code = DatedCode::default();
            };
        for raw in text.lines() {
            if is_markup(raw) {
                continue;
            }
            let line = strip_comment(raw);
            if line.trim().is_empty() {
                continue;
            }
            let indented = raw.starts_with([' ', '\t']);
            let t = line.trim();
            if indented && t.starts_with('[') {
                if let Some(inner) = t.strip_prefix('[').and_then(|x| x.split(']').next()) {
                    parse_restriction(inner, &mut code);
                }
                continue;
            }
            let (syn, body) = match t.strip_prefix('+') {
                Some(b) => (true, b),
                None => (false, t),
            };
            if !syn {
                flush(&mut phrases, &mut code, self);
            }
            let (phrase, _, c) = split_entry(body);
            if let Some(c) = c {
                parse_restriction(c, &mut code);
            }
            let stem = !phrase.ends_with('_');
            let words = phrase_words(phrase);
            if !words.is_empty() {
                phrases.push((words, stem));
            }
        }
        flush(&mut phrases, &mut code, self);
    }
}

/// An agent code: `~GOV` is appended to the actor's code, `NGO~` is put before it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentCode {
    pub code: String,
    pub prefix: bool,
}

/// Agent dictionary: titles and roles → sector codes.
#[derive(Debug, Default, Clone)]
pub struct AgentDict {
    pub table: PhraseTable,
    pub codes: Vec<AgentCode>,
}

impl AgentDict {
    pub fn add_text(&mut self, text: &str) {
        let mut subst: HashMap<String, Vec<String>> = HashMap::new();
        for raw in text.lines() {
            if is_markup(raw) {
                continue;
            }
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with('!') {
                if let Some((k, v)) = line.split_once('=') {
                    subst.insert(
                        k.trim().to_string(),
                        v.split(',').map(|x| x.trim().to_string()).collect(),
                    );
                }
                continue;
            }
            let (phrase, braces, code) = split_entry(line);
            let Some(code) = code else { continue };
            // "[~LEG}" occurs in the wild: take up to any closing bracket
            let code = code.trim().trim_end_matches('}');
            let ac = if let Some(c) = code.strip_prefix('~') {
                AgentCode {
                    code: c.to_string(),
                    prefix: false,
                }
            } else if let Some(c) = code.strip_suffix('~') {
                AgentCode {
                    code: c.to_string(),
                    prefix: true,
                }
            } else {
                AgentCode {
                    code: code.to_string(),
                    prefix: false,
                }
            };
            let idx = self.codes.len() as u32;
            self.codes.push(ac);
            // substitution markers
            let mut forms: Vec<(String, bool)> = Vec::new();
            if let Some((marker, items)) = subst.iter().find(|(k, _)| phrase.contains(k.as_str())) {
                for it in items {
                    forms.push((phrase.replace(marker.as_str(), it), false));
                }
            } else {
                forms.push((phrase.to_string(), braces.is_none()));
                if let Some(b) = braces {
                    for p in b.split_whitespace() {
                        forms.push((p.to_string(), false));
                    }
                }
            }
            for (f, auto_plural) in forms {
                let words = phrase_words(&f);
                if words.is_empty() {
                    continue;
                }
                if auto_plural && !f.ends_with('_') {
                    if let Some(last) = words.last() {
                        let mut pl = words.clone();
                        let n = pl.len();
                        pl[n - 1] = plural(last);
                        self.table.insert(pl, idx);
                    }
                }
                self.table.insert(words, idx);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_records_with_dates_and_synonyms() {
        let mut d = ActorDict::default();
        d.add_text(
            "AFGHANISTAN_  [AFG]\n+AFGHAN_\n+KABUL_\n\nJAMES_BYRNES_  ; CountryInfo.txt\n\t[USAELI 18970101-450703]\n\t[USAGOV 450703-470121]\nISRAELI [ISR]\n",
        );
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        let (n, i) = d.table.longest(&w("KABUL SAID"), 0).unwrap();
        assert_eq!((n, d.codes[i as usize].at(None)), (1, Some("AFG")));
        let (n, i) = d.table.longest(&w("JAMES BYRNES"), 0).unwrap();
        assert_eq!(n, 2);
        assert_eq!(d.codes[i as usize].at(Some(19460101)), Some("USAGOV"));
        assert_eq!(d.codes[i as usize].at(None), Some("USAGOV"));
        assert!(d.table.longest(&w("ISRAELIS"), 0).is_some());
        assert!(d.table.longest(&w("AFGHANS"), 0).is_none());
    }

    #[test]
    fn agents_with_plurals_and_substitutions() {
        let mut d = AgentDict::default();
        d.add_text("!PERSON! = MAN, MEN\nCONGRESS!PERSON! [~LEG]\nPOLICE {} [~COP]\nMINISTRY [~GOV]\nHUMAN_RIGHTS_BODY  [NGO~]\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n");
        let w = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        for p in [
            "CONGRESSMEN",
            "POLICE",
            "MINISTRIES",
            "HUMAN RIGHTS BODY",
            "ATTORNEYS GENERAL",
        ] {
            assert!(d.table.longest(&w(p), 0).is_some(), "{p}");
        }
        assert!(d.table.longest(&w("POLICES"), 0).is_none());
        let (_, i) = d.table.longest(&w("HUMAN RIGHTS BODY"), 0).unwrap();
        assert!(d.codes[i as usize].prefix);
    }

    #[test]
    fn norm_strips_periods() {
        assert_eq!(norm_word("U.S."), "US");
        assert_eq!(norm_word("Pakistan’s"), "PAKISTAN'S");
    }
}

#[cfg(test)]
mod prop {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn actor_parser_never_panics(s in "(\\PC|[\\[\\]{}_+#;<>~!=\\t\\n-]){0,200}") {
            let mut d = ActorDict::default();
            d.add_text(&s);
            let _ = d.table.longest(&["X".to_string()], 0);
        }

        #[test]
        fn agent_parser_never_panics(s in "(\\PC|[\\[\\]{}_+#;<>~!=\\t\\n-]){0,200}") {
            let mut d = AgentDict::default();
            d.add_text(&s);
        }

        #[test]
        fn norm_word_never_panics(s in "\\PC{0,40}") {
            let _ = norm_word(&s);
            let _ = phrase_words(&s);
        }
    }
}
