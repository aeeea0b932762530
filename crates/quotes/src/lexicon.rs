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
    m
}

impl CueModel {
    /// Smoothed probability that `word` between `prev` and `next` (raw token texts) is part of
    /// an attribution cue, with the word's cue count; backs off from (prev, next) context to
    /// next context to the word alone.
    pub fn score(&self, word: &str, prev: Option<&str>, next: Option<&str>) -> Option<(f32, u32)> {
        let &(p, t) = self.words.get(word)?;
        let pw = p as f32 / (t as f32 + 2.0);
        let nc = next_class(next);
        let pc = prev_class(prev);
        let mut key = String::with_capacity(word.len() + 16);
        key.push_str(word);
        key.push('\t');
        key.push_str("n:");
        key.push_str(nc);
        let pn = match self.contexts.get(&key) {
            Some(&(a, b)) => (a as f32 + 2.0 * pw) / (b as f32 + 2.0),
            None => pw,
        };
        key.truncate(word.len() + 1);
        key.push_str("pn:");
        key.push_str(pc);
        key.push('|');
        key.push_str(nc);
        let ppn = match self.contexts.get(&key) {
            Some(&(a, b)) => (a as f32 + 2.0 * pn) / (b as f32 + 2.0),
            None => pn,
        };
        Some((ppn, p))
    }
}

/// The class of the token after a cue candidate.
pub fn next_class(next: Option<&str>) -> &'static str {
    let Some(n) = next else { return "end" };
    let lower = lower_cow(n);
    let w = &*lower;
    match w {
        "that" => "that",
        "," => ",",
        ":" => ":",
        "\"" | "“" | "”" | "'" | "‘" | "’" | "`" => "q",
        "." | "!" | "?" | ";" => "end",
        "to" | "for" | "on" | "about" | "of" | "with" | "as" | "in" | "by" | "up" | "out"
        | "at" => match w {
            "to" => "to",
            "for" => "for",
            "on" => "on",
            "about" => "about",
            "of" => "of",
            "with" => "with",
            "as" => "as",
            "in" => "in",
            "by" => "by",
            "up" => "up",
            "out" => "out",
            _ => "at",
        },
        _ if is_determiner(w) => "det",
        _ if is_pronoun(w) || matches!(w, "him" | "me" | "us" | "them" | "her") => "pro",
        _ if n.starts_with(|c: char| c.is_uppercase()) => "cap",
        _ if n.starts_with(|c: char| c.is_ascii_digit()) => "num",
        _ => "w",
    }
}

/// The class of the token before a cue candidate.
pub fn prev_class(prev: Option<&str>) -> &'static str {
    let Some(p) = prev else { return "^" };
    let lower = lower_cow(p);
    let w = &*lower;
    match w {
        "," => ",",
        "\"" | "“" | "”" | "'" | "’" => "q",
        "." | "!" | "?" | ";" | ":" => "^",
        "and" | "but" | "or" => "and",
        "to" => "to",
        _ if is_aux(w) => "aux",
        _ if is_determiner(w) => "det",
        _ if is_pronoun(w) => "pro",
        _ if p.starts_with(|c: char| c.is_uppercase()) => "cap",
        _ if w.ends_with("ly") => "adv",
        _ => "w",
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
