//! Word lists: the learned cue table and the small closed classes the rules need.
use std::borrow::Cow;
use std::sync::OnceLock;

/// A hash map keyed by words, with the shared word hash.
pub type WordMap<V> = dateline_core::hash::WordMap<String, V>;

/// `s` lower-cased, borrowed when it already is.
fn lower_cow(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// The learned cue table (see `train.rs`), compiled in.
const CUES_TSV: &str = include_str!("../data/cues.tsv");

const ATTRS_TSV: &str = include_str!("../data/attrs.tsv");

/// The learned attribution filter: how often candidates with a feature were right on the
/// training data (feature → (right, seen)).
#[derive(Debug, Default)]
pub struct AttrModel {
    pub counts: WordMap<(u32, u32)>,
}

pub fn attr_model() -> &'static AttrModel {
    static T: OnceLock<AttrModel> = OnceLock::new();
    T.get_or_init(|| AttrModel::parse(ATTRS_TSV))
}

impl AttrModel {
    pub fn parse(tsv: &str) -> AttrModel {
        let mut counts = WordMap::default();
        for line in tsv.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut it = line.split('\t');
            let (Some(k), Some(p), Some(t)) = (it.next(), it.next(), it.next()) else {
                continue;
            };
            if let (Ok(p), Ok(t)) = (p.trim().parse::<u32>(), t.trim().parse::<u32>()) {
                counts.insert(k.to_string(), (p, t));
            }
        }
        AttrModel { counts }
    }

    /// Probability that a candidate with these features (first: its rule alone) is right:
    /// the mean of the feature estimates, each smoothed toward the rule's rate.
    pub fn score(&self, features: &[String]) -> Option<f32> {
        let (first, rest) = features.split_first()?;
        let &(p, t) = self.counts.get(first)?;
        let base = (p as f32 + 1.0) / (t as f32 + 2.0);
        if rest.is_empty() {
            return Some(base);
        }
        let sum: f32 = rest
            .iter()
            .map(|f| match self.counts.get(f) {
                Some(&(a, b)) => (a as f32 + 2.0 * base) / (b as f32 + 2.0),
                None => base,
            })
            .sum();
        Some(sum / rest.len() as f32)
    }

    /// [`AttrModel::keep`] for the features `pattern` and `pattern|TAGvalue` for each
    /// `(TAG, value)` of `rest`, built in `buf` instead of one string each.
    pub fn keep_parts(
        &self,
        pattern: &str,
        rest: [(&str, &str); 3],
        min: f32,
        buf: &mut String,
    ) -> bool {
        let Some(&(p, t)) = self.counts.get(pattern) else {
            return true;
        };
        let base = (p as f32 + 1.0) / (t as f32 + 2.0);
        let mut est = [0f32; 3];
        for (e, (tag, value)) in est.iter_mut().zip(rest) {
            buf.clear();
            buf.push_str(pattern);
            buf.push('|');
            buf.push_str(tag);
            buf.push_str(value);
            *e = match self.counts.get(buf.as_str()) {
                Some(&(a, b)) => (a as f32 + 2.0 * base) / (b as f32 + 2.0),
                None => base,
            };
        }
        let sum: f32 = est.iter().sum();
        sum / est.len() as f32 >= min
    }

    /// Keep a candidate unless the model knows its rule and scores it below `min`.
    pub fn keep(&self, features: &[String], min: f32) -> bool {
        self.score(features).is_none_or(|p| p >= min)
    }
}

/// Cue statistics: per word, and per word in context (neighbour classes).
#[derive(Debug, Default)]
pub struct CueModel {
    /// word → (times inside a cue, times seen)
    pub words: WordMap<(u32, u32)>,
    /// "word\tcontext" → (times inside a cue, times seen)
    pub contexts: WordMap<(u32, u32)>,
    /// `words` and `contexts` by word, with context classes as numbers: one probe per word
    /// instead of one per context key (built by [`parse_model`]).
    by_word: WordMap<CueEntry>,
    /// A bit per [`gate_bit`] of each word of `by_word`: most tokens are no cue word, and this
    /// small table (which stays in cache) turns most of them away without probing the map.
    gate: Vec<u64>,
}

/// Bits in [`CueModel::gate`].
const GATE_BITS: usize = 1 << 14;

/// The gate bit of a word: from its length and its first three and last two bytes.
fn gate_bit(w: &str) -> usize {
    let b = w.as_bytes();
    let mut h = b.len() as u64;
    for &c in b.iter().take(3).chain(b.iter().rev().take(2)) {
        h = h.wrapping_mul(31).wrapping_add(u64::from(c));
    }
    (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 50) as usize % GATE_BITS
}

/// One word of the cue model with its contexts.
#[derive(Debug, Default)]
pub struct CueEntry {
    /// Times inside a cue, times seen.
    p: u32,
    t: u32,
    /// Next-class context: (class id, in cue, seen).
    next: Vec<(u8, u32, u32)>,
    /// Previous- and next-class context: (prev class id, next class id, in cue, seen).
    prev_next: Vec<(u8, u8, u32, u32)>,
}

impl CueEntry {
    /// [`CueModel::score`] of this word.
    pub fn score(&self, prev: Option<&str>, next: Option<&str>) -> (f32, u32) {
        let (p, t) = (self.p, self.t);
        let pw = p as f32 / (t as f32 + 2.0);
        let nc = next_class_id(next);
        let pc = prev_class_id(prev);
        let pn = match self.next.iter().find(|e| e.0 == nc) {
            Some(&(_, a, b)) => (a as f32 + 2.0 * pw) / (b as f32 + 2.0),
            None => pw,
        };
        let ppn = match self.prev_next.iter().find(|e| e.0 == pc && e.1 == nc) {
            Some(&(_, _, a, b)) => (a as f32 + 2.0 * pn) / (b as f32 + 2.0),
            None => pn,
        };
        (ppn, p)
    }
}

pub fn cue_model() -> &'static CueModel {
    static T: OnceLock<CueModel> = OnceLock::new();
    T.get_or_init(|| parse_model(CUES_TSV))
}

pub fn parse_model(tsv: &str) -> CueModel {
    let mut m = CueModel::default();
    for line in tsv.lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut it = line.split('\t');
        let (Some(w), Some(c), Some(p), Some(t)) = (it.next(), it.next(), it.next(), it.next())
        else {
            continue;
        };
        let (Ok(p), Ok(t)) = (p.trim().parse::<u32>(), t.trim().parse::<u32>()) else {
            continue;
        };
        if c == "*" {
            m.words.insert(w.to_string(), (p, t));
        } else {
            m.contexts.insert(format!("{w}\t{c}"), (p, t));
        }
    }
    for (w, &(p, t)) in &m.words {
        m.by_word.insert(
            w.clone(),
            CueEntry {
                p,
                t,
                ..CueEntry::default()
            },
        );
    }
    m.gate = vec![0u64; GATE_BITS / 64];
    for w in m.by_word.keys() {
        let g = gate_bit(w);
        if let Some(x) = m.gate.get_mut(g / 64) {
            *x |= 1 << (g % 64);
        }
    }
    for (k, &(p, t)) in &m.contexts {
        let Some((w, c)) = k.split_once('\t') else {
            continue;
        };
        let Some(e) = m.by_word.get_mut(w) else {
            continue;
        };
        // only the contexts `score` can ask for: classes it never yields are never looked up
        if let Some(n) = c.strip_prefix("n:") {
            if let Some(n) = class_id(NEXT_CLASSES, n) {
                e.next.push((n, p, t));
            }
        } else if let Some((a, b)) = c.strip_prefix("pn:").and_then(|x| x.split_once('|')) {
            if let (Some(a), Some(b)) = (class_id(PREV_CLASSES, a), class_id(NEXT_CLASSES, b)) {
                e.prev_next.push((a, b, p, t));
            }
        }
    }
    m
}

fn class_id(classes: &[&str], c: &str) -> Option<u8> {
    classes
        .iter()
        .position(|x| *x == c)
        .and_then(|i| u8::try_from(i).ok())
}

impl CueModel {
    /// Smoothed probability that `word` between `prev` and `next` (raw token texts) is part of
    /// an attribution cue, with the word's cue count; backs off from (prev, next) context to
    /// next context to the word alone.
    pub fn score(&self, word: &str, prev: Option<&str>, next: Option<&str>) -> Option<(f32, u32)> {
        Some(self.entry(word)?.score(prev, next))
    }

    /// The word's entry, when the model knows it as a cue word.
    pub fn entry(&self, word: &str) -> Option<&CueEntry> {
        let g = gate_bit(word);
        if self
            .gate
            .get(g / 64)
            .is_some_and(|x| x & (1 << (g % 64)) == 0)
        {
            return None;
        }
        self.by_word.get(word)
    }
}

/// The classes [`next_class`] yields, by id.
const NEXT_CLASSES: &[&str] = &[
    "end", "that", ",", ":", "q", "to", "for", "on", "about", "of", "with", "as", "in", "by", "up",
    "out", "at", "det", "pro", "cap", "num", "w",
];

/// The classes [`prev_class`] yields, by id.
const PREV_CLASSES: &[&str] = &[
    "^", ",", "q", "and", "to", "aux", "det", "pro", "cap", "adv", "w",
];

/// The class of the token after a cue candidate.
pub fn next_class(next: Option<&str>) -> &'static str {
    NEXT_CLASSES
        .get(usize::from(next_class_id(next)))
        .copied()
        .unwrap_or("w")
}

/// [`next_class`] as an index into [`NEXT_CLASSES`].
fn next_class_id(next: Option<&str>) -> u8 {
    let Some(n) = next else { return 0 };
    let lower = lower_cow(n);
    let w = &*lower;
    match w {
        "that" => 1,
        "," => 2,
        ":" => 3,
        "\"" | "“" | "”" | "'" | "‘" | "’" | "`" => 4,
        "." | "!" | "?" | ";" => 0,
        "to" => 5,
        "for" => 6,
        "on" => 7,
        "about" => 8,
        "of" => 9,
        "with" => 10,
        "as" => 11,
        "in" => 12,
        "by" => 13,
        "up" => 14,
        "out" => 15,
        "at" => 16,
        _ if is_determiner(w) => 17,
        _ if is_pronoun(w) || matches!(w, "him" | "me" | "us" | "them" | "her") => 18,
        _ if n.starts_with(|c: char| c.is_uppercase()) => 19,
        _ if n.starts_with(|c: char| c.is_ascii_digit()) => 20,
        _ => 21,
    }
}

/// The class of the token before a cue candidate.
pub fn prev_class(prev: Option<&str>) -> &'static str {
    PREV_CLASSES
        .get(usize::from(prev_class_id(prev)))
        .copied()
        .unwrap_or("w")
}

/// [`prev_class`] as an index into [`PREV_CLASSES`].
fn prev_class_id(prev: Option<&str>) -> u8 {
    let Some(p) = prev else { return 0 };
    let lower = lower_cow(p);
    let w = &*lower;
    match w {
        "," => 1,
        "\"" | "“" | "”" | "'" | "’" => 2,
        "." | "!" | "?" | ";" | ":" => 0,
        "and" | "but" | "or" => 3,
        "to" => 4,
        _ if is_aux(w) => 5,
        _ if is_determiner(w) => 6,
        _ if is_pronoun(w) => 7,
        _ if p.starts_with(|c: char| c.is_uppercase()) => 8,
        _ if w.ends_with("ly") => 9,
        _ => 10,
    }
}

pub fn is_aux(w: &str) -> bool {
    matches!(
        w,
        "has"
            | "have"
            | "had"
            | "is"
            | "was"
            | "are"
            | "were"
            | "be"
            | "been"
            | "being"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "did"
            | "does"
            | "do"
            | "'s"
            | "’s"
            | "'ve"
            | "’ve"
            | "'d"
            | "’d"
            | "'ll"
            | "’ll"
    )
}

/// Adverbs that sit between a subject and its cue ("also said", "has repeatedly said").
pub fn is_cue_adverb(w: &str) -> bool {
    (w.len() > 4 && w.ends_with("ly") && w != "only" && w != "family")
        || matches!(
            w,
            "also"
                | "further"
                | "almost"
                | "since"
                | "first"
                | "later"
                | "then"
                | "again"
                | "often"
                | "long"
                | "once"
                | "still"
                | "never"
                | "not"
                | "n't"
                | "already"
                | "even"
                | "just"
                | "previously"
        )
}

pub fn is_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who" | "which"
    )
}

pub fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the"
            | "a"
            | "an"
            | "another"
            | "some"
            | "many"
            | "several"
            | "most"
            | "other"
            | "both"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "this"
            | "these"
            | "those"
            | "one"
            | "two"
            | "three"
            | "few"
            | "all"
            | "any"
            | "each"
            | "every"
            | "no"
            | "more"
    )
}

/// Words that end a noun phrase when walking over it: verbs, prepositions, conjunctions,
/// relatives, adverbs of time.
pub fn is_np_stop(w: &str) -> bool {
    is_aux(w)
        || matches!(
            w,
            "that"
                | "which"
                | "who"
                | "whom"
                | "whose"
                | "what"
                | "when"
                | "where"
                | "while"
                | "and"
                | "or"
                | "but"
                | "nor"
                | "so"
                | "yet"
                | "if"
                | "because"
                | "as"
                | "than"
                | "to"
                | "in"
                | "on"
                | "at"
                | "by"
                | "for"
                | "with"
                | "from"
                | "into"
                | "about"
                | "after"
                | "before"
                | "during"
                | "since"
                | "until"
                | "over"
                | "under"
                | "against"
                | "between"
                | "through"
                | "without"
                | "within"
                | "among"
                | "like"
                | "not"
                | "n't"
                | "also"
                | "there"
                | "here"
                | "then"
                | "now"
                | "yesterday"
                | "today"
                | "tomorrow"
                | "monday"
                | "tuesday"
                | "wednesday"
                | "thursday"
                | "friday"
                | "saturday"
                | "sunday"
                | "earlier"
                | "later"
                | "recently"
                | "last"
                | "this"
                | "said"
                | "says"
                | "say"
                | "told"
                | "according"
                | "however"
                | "him"
                | "me"
                | "us"
                | "them"
                | "it"
                | "he"
                | "she"
                | "they"
                | "we"
                | "i"
                | "you"
                | "do"
                | "did"
                | "does"
                | "just"
                | "even"
                | "only"
        )
}

/// Honorifics and titles that precede a name ("Capt Jeff Davis", "Sen. Ted Cruz").
pub fn is_title_word(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "miss"
            | "dr"
            | "prof"
            | "sen"
            | "senator"
            | "rep"
            | "gov"
            | "governor"
            | "gen"
            | "general"
            | "capt"
            | "captain"
            | "col"
            | "colonel"
            | "lt"
            | "maj"
            | "major"
            | "sgt"
            | "adm"
            | "admiral"
            | "cmdr"
            | "president"
            | "vice"
            | "secretary"
            | "minister"
            | "prime"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokesperson's"
            | "adviser"
            | "advisor"
            | "chief"
            | "director"
            | "ambassador"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "leader"
            | "judge"
            | "justice"
            | "mayor"
            | "king"
            | "queen"
            | "prince"
            | "sheikh"
            | "pope"
            | "father"
            | "rev"
            | "speaker"
            | "attorney"
            | "commissioner"
            | "candidate"
            | "nominee"
            | "official"
            | "officer"
            | "head"
            | "deputy"
            | "foreign"
            | "defense"
            | "defence"
            | "state"
            | "department"
            | "pentagon"
            | "white"
            | "house"
            | "national"
            | "security"
            | "former"
            | "democratic"
            | "republican"
            | "presidential"
            | "press"
            | "campaign"
            | "manager"
            | "chancellor"
            | "premier"
            | "lord"
            | "sir"
            | "dame"
            | "councillor"
            | "congressman"
            | "congresswoman"
            | "representative"
            | "analyst"
            | "professor"
            | "executive"
            | "ceo"
            | "founder"
            | "economist"
            | "lawyer"
            | "host"
            | "anchor"
    )
}

/// Words that mark a capitalised name as an organisation, not a person.
pub fn is_org_word(w: &str) -> bool {
    matches!(
        w,
        "department"
            | "ministry"
            | "office"
            | "house"
            | "committee"
            | "council"
            | "party"
            | "times"
            | "post"
            | "news"
            | "journal"
            | "network"
            | "agency"
            | "bureau"
            | "commission"
            | "court"
            | "congress"
            | "senate"
            | "government"
            | "administration"
            | "campaign"
            | "university"
            | "institute"
            | "center"
            | "centre"
            | "foundation"
            | "association"
            | "union"
            | "bank"
            | "group"
            | "company"
            | "corp"
            | "inc"
            | "ltd"
            | "army"
            | "force"
            | "forces"
            | "police"
            | "service"
            | "pentagon"
            | "kremlin"
            | "nations"
            | "states"
            | "press"
            | "reuters"
            | "ap"
            | "cnn"
            | "bbc"
            | "fbi"
            | "cia"
            | "nato"
            | "un"
            | "eu"
            | "us"
            | "u.s."
            | "uk"
            | "gop"
            | "republicans"
            | "democrats"
            | "organization"
            | "organisation"
            | "media"
            | "magazine"
            | "tribune"
            | "herald"
            | "telegraph"
            | "guardian"
            | "daily"
            | "fund"
            | "board"
            | "authority"
    )
}

/// Nouns that report speech when followed by a "that" clause ("Aziz's claim that ...",
/// "the remarks made by X that ...").
pub fn is_noun_cue(w: &str) -> bool {
    matches!(
        w,
        "claim"
            | "claims"
            | "remarks"
            | "remark"
            | "comments"
            | "comment"
            | "statement"
            | "assertion"
            | "assertions"
            | "allegation"
            | "allegations"
            | "warning"
            | "warnings"
            | "insistence"
            | "argument"
            | "suggestion"
            | "announcement"
            | "admission"
            | "promise"
            | "pledge"
            | "denial"
            | "assurance"
            | "assurances"
            | "accusation"
            | "accusations"
            | "contention"
            | "report"
            | "reports"
    )
}

/// Verbs whose first object is the addressee, not the content ("told reporters that ...").
pub fn takes_addressee(w: &str) -> bool {
    matches!(
        w,
        "told"
            | "tell"
            | "tells"
            | "telling"
            | "assured"
            | "assures"
            | "warned"
            | "warns"
            | "reminded"
            | "reminds"
            | "informed"
            | "informs"
            | "urged"
            | "urges"
            | "asked"
            | "asks"
            | "promised"
            | "promises"
            | "convinced"
            | "advised"
            | "notified"
    )
}

/// Country and organisation short forms whose full form a document often spells out.
pub fn alias_full(w: &str) -> Option<&'static str> {
    Some(match w {
        "US" | "U.S." | "U.S" | "USA" | "U.S.A." | "America" => "United States",
        "UK" | "U.K." | "Britain" => "United Kingdom",
        "UN" | "U.N." => "United Nations",
        "EU" | "E.U." => "European Union",
        "UAE" => "United Arab Emirates",
        _ => return None,
    })
}

pub fn gender_of_title(w: &str) -> Option<Gender> {
    match w.trim_end_matches('.') {
        "mr" | "sir" | "king" | "prince" | "lord" | "father" | "spokesman" | "chairman"
        | "congressman" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "queen" | "dame" | "princess" | "spokeswoman" | "chairwoman"
        | "congresswoman" => Some(Gender::Female),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scoring by string keys that [`CueEntry`] replaces.
    fn score_by_keys(
        m: &CueModel,
        word: &str,
        prev: Option<&str>,
        next: Option<&str>,
    ) -> Option<(f32, u32)> {
        let &(p, t) = m.words.get(word)?;
        let pw = p as f32 / (t as f32 + 2.0);
        let (nc, pc) = (next_class(next), prev_class(prev));
        let pn = match m.contexts.get(&format!("{word}\tn:{nc}")) {
            Some(&(a, b)) => (a as f32 + 2.0 * pw) / (b as f32 + 2.0),
            None => pw,
        };
        let ppn = match m.contexts.get(&format!("{word}\tpn:{pc}|{nc}")) {
            Some(&(a, b)) => (a as f32 + 2.0 * pn) / (b as f32 + 2.0),
            None => pn,
        };
        Some((ppn, p))
    }

    #[test]
    fn entry_scores_are_the_keyed_scores() {
        let m = cue_model();
        let ctx = [
            None,
            Some("that"),
            Some(","),
            Some("The"),
            Some("he"),
            Some("Reuters"),
            Some("3"),
            Some("to"),
            Some("“"),
            Some("has"),
            Some("quickly"),
            Some("and"),
            Some("."),
            Some("word"),
        ];
        let mut words: Vec<&String> = m.words.keys().collect();
        words.sort();
        for w in words.iter().copied().chain([&"notacueword".to_string()]) {
            for prev in ctx {
                for next in ctx {
                    let a = m.score(w, prev, next);
                    let b = score_by_keys(m, w, prev, next);
                    assert_eq!(
                        a.map(|x| (x.0.to_bits(), x.1)),
                        b.map(|x| (x.0.to_bits(), x.1)),
                        "{w} {prev:?} {next:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_gate_lets_every_cue_word_through() {
        let m = cue_model();
        for w in m.words.keys() {
            assert!(m.entry(w).is_some(), "{w}");
        }
        assert!(m.entry("notacueword").is_none());
        assert!(m.entry("").is_none());
    }

    #[test]
    fn class_ids_name_the_classes() {
        assert_eq!(next_class(None), "end");
        assert_eq!(next_class(Some("At")), "at");
        assert_eq!(next_class(Some("Him")), "pro");
        assert_eq!(prev_class(None), "^");
        assert_eq!(prev_class(Some("slowly")), "adv");
        assert_eq!(prev_class(Some("Slowly")), "cap");
        assert_eq!(prev_class(Some("or")), "and");
    }
}
