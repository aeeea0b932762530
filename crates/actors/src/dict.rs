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

/// The words of a phrase after its first two, and its value.
type Tail = (Box<[String]>, u32);

/// Phrases keyed by their first word and, for longer phrases, their second, so that a
/// longest-match lookup at a token costs two hash probes.
#[derive(Debug, Default, Clone)]
pub struct PhraseTable {
    /// first word → the phrases it starts
    first: FnvMap<String, First>,
}

/// The phrases that start with one word: the word alone, and longer ones by second word.
#[derive(Debug, Default, Clone)]
struct First {
    single: Option<u32>,
    multi: FnvMap<String, Vec<Tail>>,
}

impl PhraseTable {
    pub fn insert(&mut self, words: Vec<String>, value: u32) {
        let mut it = words.into_iter();
        let Some(w0) = it.next() else { return };
        let first = self.first.entry(w0).or_default();
        let Some(w1) = it.next() else {
            first.single = Some(value);
            return;
        };
        let rest: Box<[String]> = it.collect();
        let v = first.multi.entry(w1).or_default();
        // a later entry for the same phrase replaces the earlier one (user dictionaries win)
        if let Some(e) = v.iter_mut().find(|(r, _)| *r == rest) {
            e.1 = value;
        } else {
            v.push((rest, value));
        }
    }

    /// The longest phrase starting at `words[i]`: `(length in words, value)`.
    pub fn longest<S: AsRef<str>>(&self, words: &[S], i: usize) -> Option<(usize, u32)> {
        let w0 = words.get(i)?.as_ref();
        let first = self.first.get(w0)?;
        let mut best: Option<(usize, u32)> = first.single.map(|v| (1, v));
        let Some(w1) = words.get(i + 1) else {
            return best;
        };
        if first.multi.is_empty() {
            return best;
        }
        let Some(cands) = first.multi.get(w1.as_ref()) else {
            return best;
        };
        for (rest, v) in cands {
            let n = rest.len() + 2;
            if best.is_some_and(|(bn, _)| bn >= n) || i + n > words.len() {
                continue;
            }
            if rest
                .iter()
                .zip(&words[i + 2..i + n])
                .all(|(a, b)| a == b.as_ref())
            {
                best = Some((n, *v));
            }
        }
        best
    }

    pub fn len(&self) -> usize {
        self.first
            .values()
            .map(|f| {
                usize::from(f.single.is_some()) + f.multi.values().map(Vec::len).sum::<usize>()
            })
            .sum()
    }

    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
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
