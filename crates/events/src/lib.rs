//! Event coding: who did what to whom, with CAMEO codes, PLOVER categories, Goldstein scores
//! and quad classes.
//!
//! Per sentence: the verb dictionary (CAMEO 2.0, PETRARCH format) finds the event verbs and,
//! through its noun/preposition patterns, their codes; a light clause analysis over the actor
//! mentions that the actors stage found picks the source (the nearest actor before the verb,
//! or the `by` phrase of a passive) and the target (the first actor after the verb in its
//! clause); coordinated actors ("A and B") give one event each. Discard phrases (sports,
//! entertainment, idioms) stop a sentence or a whole story from being coded.
pub mod codes;
pub mod gdelt;
pub mod lexicon;
pub mod verbs;

use dateline_core::hash::WordMap;
use dateline_core::{Document, Event, EventActor, Mention, Span, Stage, StageError, Token};
use std::path::Path;
use std::sync::{Arc, LazyLock};
pub use verbs::VerbDict;

const DEFAULT_VERBS: &str = include_str!("../dicts/CAMEO.2.0.txt");
/// The older PETRARCH verb dictionary: it adds verbs CAMEO 2.0 lacks ("urge", "call on").
const EXTRA_VERBS: &str = include_str!("../dicts/newdict.txt");
/// Dateline's own patterns and verbs on top of the two ("expressed concern to", "work with").
const DATELINE_VERBS: &str = include_str!("../dicts/Dateline.verbs.txt");
const DEFAULT_DISCARDS: &str = include_str!("../dicts/Phoenix.discards.txt");

static DEFAULT_VERB_DICT: LazyLock<Arc<VerbDict>> = LazyLock::new(|| {
    let mut d = VerbDict::from_text(DEFAULT_VERBS);
    d.add_missing(EXTRA_VERBS);
    d.extend(DATELINE_VERBS);
    Arc::new(d)
});
static DEFAULT_DISCARD_LIST: LazyLock<Arc<Discards>> =
    LazyLock::new(|| Arc::new(Discards::from_text(DEFAULT_DISCARDS)));

#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("cannot read dictionary {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

fn read(p: &Path) -> Result<String, DictError> {
    std::fs::read_to_string(p).map_err(|e| DictError::Io {
        path: p.display().to_string(),
        source: e,
    })
}

/// The discard list: phrases that stop a sentence (or, with `+`, a story) from being coded.
/// Matched case-insensitively (ASCII) at word starts: the phrases are indexed by their first
/// [`KEY_LEN`] bytes, so each word start costs one probe of a small table.
#[derive(Debug, Clone, Default)]
pub struct Discards {
    /// The phrases as bytes, ASCII lower case.
    pats: Vec<Box<[u8]>>,
    /// (whole story, must end at a word boundary), parallel to `pats`.
    items: Vec<(bool, bool)>,
    /// The first [`KEY_LEN`] bytes of a phrase (see [`key_at`]) → the phrases that start so.
    by_key: WordMap<u32, Vec<u32>>,
    /// The keys of `by_key` hashed to one bit each (see [`key_bit`]): most word starts are
    /// ruled out without a probe of `by_key`.
    key_bits: Vec<u64>,
    /// Phrases shorter than [`KEY_LEN`] bytes, tried at every word start.
    short: Vec<u32>,
}

/// How many leading bytes of a discard phrase index it.
const KEY_LEN: usize = 4;

/// How many bits `Discards::key_bits` has, as a power of two.
const KEY_BITS_LOG2: u32 = 14;

/// The bit of a key in `Discards::key_bits`: (word, mask).
fn key_bit(k: u32) -> (usize, u64) {
    let h = k.wrapping_mul(0x9e37_79b1) >> (32 - KEY_BITS_LOG2);
    ((h >> 6) as usize, 1 << (h & 63))
}

/// The [`KEY_LEN`] bytes of `b` at `at`, ASCII lower case, as one number.
fn key_at(b: &[u8], at: usize) -> Option<u32> {
    let k: [u8; KEY_LEN] = b.get(at..at + KEY_LEN)?.try_into().ok()?;
    Some(u32::from_le_bytes(k.map(|c| c.to_ascii_lowercase())))
}

impl Discards {
    pub fn from_text(text: &str) -> Discards {
        Discards::from_texts(&[text])
    }

    fn from_texts(texts: &[&str]) -> Discards {
        let mut d = Discards::default();
        for text in texts {
            for line in text.lines() {
                let l = line.split('#').next().unwrap_or("").trim();
                if l.is_empty() || l.starts_with('<') {
                    continue;
                }
                let (story, l) = match l.strip_prefix('+') {
                    Some(r) => (true, r.trim()),
                    None => (false, l),
                };
                let exact = l.ends_with('_');
                let p = l.trim_end_matches('_').replace('_', " ");
                if p.is_empty() {
                    continue;
                }
                let id = d.pats.len() as u32;
                let mut bytes = p.into_bytes();
                bytes.make_ascii_lowercase();
                match key_at(&bytes, 0) {
                    Some(k) => {
                        if d.key_bits.is_empty() {
                            d.key_bits = vec![0; 1 << (KEY_BITS_LOG2 - 6)];
                        }
                        let (w, bit) = key_bit(k);
                        if let Some(x) = d.key_bits.get_mut(w) {
                            *x |= bit;
                        }
                        d.by_key.entry(k).or_default().push(id);
                    }
                    None => d.short.push(id),
                }
                d.pats.push(bytes.into_boxed_slice());
                d.items.push((story, exact));
            }
        }
        d
    }

    pub fn from_files(paths: &[&Path]) -> Result<Discards, DictError> {
        let texts = paths
            .iter()
            .map(|p| read(p))
            .collect::<Result<Vec<_>, _>>()?;
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        Ok(Discards::from_texts(&refs))
    }

    /// `Some(true)` when a story-level phrase occurs, `Some(false)` for a sentence-level one.
    pub fn check(&self, text: &str) -> Option<bool> {
        let (story, at) = self.hits(text);
        if story {
            Some(true)
        } else {
            (!at.is_empty()).then_some(false)
        }
    }

    /// One pass over `text`: whether a story-level phrase occurs, and where sentence-level
    /// ones start (byte offsets, in text order).
    pub fn hits(&self, text: &str) -> (bool, Vec<usize>) {
        let mut at = Vec::new();
        if self.pats.is_empty() {
            return (false, at);
        }
        let b = text.as_bytes();
        let mut after_word = false;
        for (s, &c) in b.iter().enumerate() {
            // a phrase starts a word
            let starts = !after_word;
            after_word = c.is_ascii_alphanumeric();
            if !starts {
                continue;
            }
            let keyed = key_at(b, s)
                .filter(|&k| {
                    let (w, bit) = key_bit(k);
                    self.key_bits.get(w).is_some_and(|x| x & bit != 0)
                })
                .and_then(|k| self.by_key.get(&k))
                .map(Vec::as_slice)
                .unwrap_or_default();
            if keyed.is_empty() && self.short.is_empty() {
                continue;
            }
            for &id in keyed.iter().chain(&self.short) {
                let (Some(p), Some(&(story, exact))) =
                    (self.pats.get(id as usize), self.items.get(id as usize))
                else {
                    continue;
                };
                let end = s + p.len();
                let found = b.get(s..end).is_some_and(|t| t.eq_ignore_ascii_case(p))
                    && (!exact || b.get(end).is_none_or(|c| !c.is_ascii_alphanumeric()));
                if found {
                    if story {
                        return (true, at);
                    }
                    at.push(s);
                }
            }
        }
        (false, at)
    }
}

/// Options for event coding.
#[derive(Debug, Clone, Copy, Default)]
pub struct EventsOptions {
    /// Code only events with both a source and a target (PETRARCH's `require_dyad`).
    pub require_dyad: bool,
}

/// Codes `doc.events` from the actors stage's mentions and the verb dictionary.
#[derive(Debug, Clone)]
pub struct EventsStage {
    verbs: Arc<VerbDict>,
    discards: Arc<Discards>,
    opts: EventsOptions,
}

impl Default for EventsStage {
    fn default() -> Self {
        EventsStage {
            verbs: DEFAULT_VERB_DICT.clone(),
            discards: DEFAULT_DISCARD_LIST.clone(),
            opts: EventsOptions::default(),
        }
    }
}

impl EventsStage {
    pub fn new(verbs: Arc<VerbDict>, discards: Arc<Discards>, opts: EventsOptions) -> Self {
        EventsStage {
            verbs,
            discards,
            opts,
        }
    }

    /// User verb and discard files; an empty list keeps the default for that kind.
    pub fn from_files(
        verbs: &[&Path],
        discards: &[&Path],
        opts: EventsOptions,
    ) -> Result<Self, DictError> {
        let v = if verbs.is_empty() {
            DEFAULT_VERB_DICT.clone()
        } else {
            let mut d = VerbDict::default();
            for p in verbs {
                d.add_text(&read(p)?);
            }
            Arc::new(d)
        };
        let dl = if discards.is_empty() {
            DEFAULT_DISCARD_LIST.clone()
        } else {
            Arc::new(Discards::from_files(discards)?)
        };
        Ok(EventsStage::new(v, dl, opts))
    }
}

const DETERMINERS: &[&str] = &[
    "THE", "A", "AN", "ITS", "THEIR", "HIS", "HER", "OUR", "MY", "YOUR", "THIS", "THESE", "THOSE",
    "'S", "OF", "ANY", "NO", "EACH", "EVERY", "SUCH", "MORE", "MOST",
];
const PREPOSITIONS: &[&str] = &[
    "IN", "ON", "AT", "FOR", "WITH", "FROM", "ABOUT", "AGAINST", "OVER", "INTO", "UNDER", "DURING",
    "AMID", "DESPITE", "VIA",
];
/// Participles that work as prepositions ("aircraft including gunships").
const PREPOSITIONAL_PARTICIPLES: &[&str] = &[
    "INCLUDING",
    "REGARDING",
    "CONCERNING",
    "FOLLOWING",
    "ACCORDING",
    "PENDING",
    "EXCLUDING",
    "CONSIDERING",
];
/// Words after which a following action is an intention ("will provide", "agreed to meet").
const INTENT: &[&str] = &[
    "WILL",
    "WOULD",
    "SHALL",
    "'LL",
    "AGREED",
    "AGREES",
    "AGREE",
    "PREPARED",
    "READY",
    "WILLING",
    "COMMITTED",
    "PLANS",
    "PLANNED",
    "PLAN",
    "INTENDS",
    "INTENDED",
    "PROMISED",
    "PROMISES",
    "PLEDGED",
    "PLEDGES",
    "VOWED",
    "VOWS",
    "OFFERED",
    "OFFERS",
    "DECIDED",
    "DECIDES",
    "EXPECTED",
    "SET",
];

/// The intention form of an action code: cooperative actions become "express intent"
/// (03x), hostile ones threats (13x), as PETRARCH's verb combinations do.
fn intent(code: &str) -> String {
    let sub = match code.get(..2) {
        Some("04") => "036",
        Some("05") => "032",
        Some("06") => "030",
        Some("07") => "033",
        Some("08") => "035",
        Some("15") => "138",
        Some("16") => "132",
        Some("17") => "137",
        Some("18") | Some("19") | Some("20") => "138",
        Some("14") => "131",
        _ => return code.to_string(),
    };
    sub.to_string()
}

/// Tokens that end a clause for finding a verb's target.
fn is_clause_break(w: &str) -> bool {
    matches!(
        w,
        "," | ";"
            | ":"
            | "WHICH"
            | "WHO"
            | "WHOM"
            | "THAT"
            | "BUT"
            | "WHILE"
            | "AS"
            | "BECAUSE"
            | "WHEN"
            | "IF"
            | "SAID"
            | "SAYS"
            | "SAYING"
            | "ACCORDING"
            | "WHERE"
            | "UNTIL"
            | "UNLESS"
            | "ALTHOUGH"
            | "THOUGH"
            | "\""
            | "“"
            | "”"
            | "("
            | ")"
            | "--"
    )
}

/// Prepositions that put an actor in a location or a modifier rather than in subject position.
const LOCATIVE: &[&str] = &[
    "IN", "AT", "NEAR", "FROM", "OF", "TO", "ON", "INSIDE", "OUTSIDE", "BY", "WITH", "FOR",
    "AGAINST", "ABOUT",
];

/// How many tokens after the verb its patterns may reach.
const PATTERN_REACH: usize = 5;

/// Words after which a verb-or-noun form is read as a verb.
const VERBAL_CONTEXT: &[&str] = &[
    "TO", "WILL", "WOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "SHOULD", "SHALL", "HAS",
    "HAVE", "HAD", "DID", "DOES", "DO", "IS", "ARE", "WAS", "WERE", "BEEN", "BE", "NOT", "N'T",
    "THEY", "HE", "SHE", "WE", "I", "IT", "WHO", "WHICH", "THAT", "ALSO", "THEN",
];

const BE: &[&str] = &[
    "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "GET", "GOT", "GETS",
];
const SKIPPABLE: &[&str] = &["NOT", "ALSO", "REPORTEDLY", "ALLEGEDLY", "JUST", "N'T"];

/// A coded verb of a sentence: (verb index, dictionary entry, source, target, code).
type Coded = (usize, u32, Option<usize>, Option<usize>, String);

#[derive(Debug, Clone)]
struct M {
    toks: (usize, usize),
    /// A role whose country was inferred: used only when no named actor fills the slot.
    weak: bool,
    actor: usize,
    code: String,
    span: Span,
}

/// PLOVER's FIGHT is conventional military force; violence by rebels, insurgents or other
/// irregular forces ("guerrillas killed two soldiers") is ASSAULT. The CAMEO code keeps the
/// verb's reading (19x, as PETRARCH codes it); only the PLOVER category follows the actor.
fn irregular_violence(e: &mut Event) {
    if !e.cameo.starts_with("19") {
        return;
    }
    let sectors = e.source.code.get(3..).unwrap_or("");
    let irregular = ["REB", "INS", "UAF", "TER", "CRM"]
        .iter()
        .any(|s| sectors.contains(s))
        || matches!(e.source.code.get(..3), Some("REB" | "INS" | "UAF"));
    if irregular {
        e.plover = Some("ASSAULT".to_string());
    }
}

/// Roots that are not countries: international, non-state and transnational actors.
const NON_STATE_ROOTS: &[&str] = &["IGO", "NGO", "IMG", "MNC", "UIS", "REB", "INS", "CVL"];

/// The target of a targetless domestic event: protests, force postures, coercion and
/// violence with no named target are coded, as CAMEO and PLOVER coders do, against the
/// source's own country ("Albanians demonstrated in Serbia" → SRB → SRB).
fn domestic_target(source: &EventActor, cameo: &str) -> Option<EventActor> {
    if !matches!(
        cameo.get(..2),
        Some("14" | "15" | "17" | "18" | "19" | "20")
    ) {
        return None;
    }
    let root = source.code.get(..3)?;
    if !root.bytes().all(|b| b.is_ascii_uppercase()) || NON_STATE_ROOTS.contains(&root) {
        return None;
    }
    Some(EventActor {
        text: source.text.clone(),
        code: root.to_string(),
        span: None,
        actor: None,
    })
}

/// Appends `w` normalised as [`dateline_actors::norm_word`] does it (upper case, no dots,
/// straight apostrophes), without a String of its own.
fn norm_word_into(w: &str, out: &mut String) {
    if w.is_ascii() {
        out.extend(
            w.bytes()
                .filter(|&b| b != b'.')
                .map(|b| char::from(b.to_ascii_uppercase())),
        );
        return;
    }
    for c in w.chars() {
        match c {
            '.' => {}
            '’' | '‘' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_uppercase()),
            c => out.extend(c.to_uppercase()),
        }
    }
}

/// The normalised words of a sentence's tokens, all in `buf` (reused from sentence to
/// sentence).
fn sentence_words<'b>(doc: &Document, toks: &[Token], buf: &'b mut String) -> Vec<&'b str> {
    buf.clear();
    let mut ends = Vec::with_capacity(toks.len());
    for t in toks {
        norm_word_into(doc.span_text(t.span), buf);
        ends.push(buf.len());
    }
    let buf: &'b str = buf;
    let mut start = 0;
    ends.iter()
        .map(|&e| {
            let w = buf.get(start..e).unwrap_or("");
            start = e;
            w
        })
        .collect()
}

fn is_quote_mark(w: &str) -> bool {
    matches!(w, "\"" | "“" | "”" | "''" | "``")
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

impl EventsStage {
    /// Applies the first verb transformation that fits two consecutive coded verbs.
    fn transform(
        &self,
        doc: &Document,
        coded: &[Coded],
        ms: &[M],
        sent: Span,
        date: &Option<String>,
        words: &[&str],
    ) -> Option<(usize, Event)> {
        use verbs::InnerSource;
        let _ = words;
        for pair in coded.windows(2) {
            let (o, i) = (&pair[0], &pair[1]);
            let (Some(osrc), ob) = (o.2, self.verbs.block_of(o.1)) else {
                continue;
            };
            let ib = self.verbs.block_of(i.1);
            for t in &self.verbs.transforms {
                if !self.verbs.block_has_lemma(ob, &t.outer) {
                    continue;
                }
                if let Some(inner) = &t.inner {
                    if !self.verbs.block_has_lemma(ib, inner) {
                        continue;
                    }
                }
                let same = |x: usize| ms.get(x).map(|m| &m.code) == ms.get(osrc).map(|m| &m.code);
                let fits = match t.inner_source {
                    InnerSource::Same => i.2.is_none_or(same),
                    InnerSource::Other => i.2.is_some_and(|x| !same(x)),
                    InnerSource::Absent => i.2.is_none(),
                    InnerSource::Any => true,
                };
                if !fits {
                    continue;
                }
                let tgt = if t.target_is_inner_source { i.2 } else { i.3 };
                let code = t.code.clone().unwrap_or_else(|| i.4.clone());
                let actor = |j: usize| {
                    ms.get(j).map(|m| EventActor {
                        text: doc.span_text(m.span).to_string(),
                        code: m.code.clone(),
                        span: Some(m.span),
                        actor: Some(m.actor),
                    })
                };
                let source = actor(osrc)?;
                let target = tgt.and_then(actor);
                if self.opts.require_dyad && target.is_none() {
                    continue;
                }
                return Some((
                    o.0,
                    Event {
                        source,
                        target,
                        plover: codes::plover(&code).map(str::to_string),
                        goldstein: codes::goldstein(&code),
                        quad_class: codes::quad_class(&code),
                        cameo: code,
                        span: sent,
                        verb: None,
                        date: date.clone(),
                        place: None,
                    },
                ));
            }
        }
        None
    }

    fn sentence_events(
        &self,
        doc: &Document,
        si: usize,
        ms: &[M],
        buf: &mut String,
        out: &mut Vec<Event>,
    ) {
        let Some(&sent) = doc.sentences.get(si) else {
            return;
        };
        if ms.is_empty() {
            // no actor: no source for any event
            return;
        }
        let toks = doc.sentence_tokens(si);
        let words = sentence_words(doc, toks, buf);
        let n = words.len();
        if n == 0 {
            return;
        }
        let in_mention = |i: usize| ms.iter().any(|m| m.toks.0 <= i && i < m.toks.1);
        // verbs
        let mut vs: Vec<(usize, usize, u32)> = Vec::new();
        let mut i = 0;
        while i < n {
            if in_mention(i) {
                i += 1;
                continue;
            }
            if let Some((len, entry)) = self.verbs.longest_form(&words, i) {
                let prev = i.checked_sub(1).map(|p| words[p]);
                let nounish = prev
                    .is_some_and(|p| DETERMINERS.contains(&p) || PREPOSITIONS.contains(&p))
                    || !words[i].chars().all(|c| c.is_alphabetic() || c == '-')
                    || PREPOSITIONAL_PARTICIPLES.contains(&words[i]);
                let raw = doc.span_text(toks[i].span);
                let proper = i > 0 && is_cap(raw) && raw.chars().any(|c| c.is_lowercase());
                // mostly a noun ("forces", "plans", "talks") unless the context is verbal
                let vness = lexicon::VerbLexicon::shipped().verbness(words[i], 3);
                let strong_ctx =
                    prev.is_some_and(|p| VERBAL_CONTEXT.contains(&p) || p.ends_with("LY"));
                // right after an actor ("Russia attacked") unless never a verb ("US forces")
                let verbal_ctx = strong_ctx
                    || (i > 0
                        && ms.iter().any(|m| m.toks.1 == i)
                        && vness.is_none_or(|v| v >= 0.05));
                let rare_verb = vness.is_some_and(|v| v < 0.2);
                if !nounish && !proper && (!rare_verb || verbal_ctx) {
                    vs.push((i, i + len, entry));
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
        if vs.is_empty() {
            return;
        }
        let syn_memo = verbs::SynMemo::new(n);
        // which words end a clause
        let brk: Vec<bool> = words.iter().map(|w| is_clause_break(w)).collect();
        let date = doc
            .relative_dates
            .iter()
            .find(|r| sent.contains(&r.span))
            .map(|r| r.resolves_to.clone())
            .or_else(|| doc.published.map(|p| p.date().to_string()));
        let group = |j: usize| -> Vec<usize> {
            // coordinated mentions around ms[j]
            let mut lo = j;
            while lo > 0 {
                let (a, b) = (&ms[lo - 1], &ms[lo]);
                let between = &words[a.toks.1.min(b.toks.0)..b.toks.0];
                if !between.is_empty() && between.iter().all(|w| matches!(*w, "AND" | "," | "OR")) {
                    lo -= 1;
                } else {
                    break;
                }
            }
            let mut hi = j;
            while hi + 1 < ms.len() {
                let (a, b) = (&ms[hi], &ms[hi + 1]);
                let between = &words[a.toks.1.min(b.toks.0)..b.toks.0];
                if !between.is_empty() && between.iter().all(|w| matches!(*w, "AND" | "," | "OR")) {
                    hi += 1;
                } else {
                    break;
                }
            }
            (lo..=hi).collect()
        };
        let mut groups: Vec<(usize, Vec<Event>)> = Vec::new();
        let mut last_coded: Option<usize> = None;
        // every coded verb: (index, entry, source, target, code)
        let mut coded: Vec<Coded> = Vec::new();
        for (k, &(v, ve, entry)) in vs.iter().enumerate() {
            let mut evs: Vec<Event> = Vec::new();
            let next_v = vs.get(k + 1).map(|x| x.0).unwrap_or(n);
            let _ = next_v;
            // the clause after the verb runs to the next clause break
            // (a quotation mark does not end it: `"clearly poses a threat" to US forces`)
            let hi = (ve..n.min(ve + 20))
                .find(|&t| brk[t] && !is_quote_mark(words[t]))
                .unwrap_or(n)
                .min(ve + 20);
            // and before it, back to the previous break other than a comma, or a quotation
            // mark that opens mid-clause (no actor between it and the verb)
            let clause_lo = (0..v)
                .rev()
                .find(|&t| {
                    let w = words[t];
                    w != ","
                        && brk[t]
                        && (!is_quote_mark(w) || ms.iter().any(|m| m.toks.0 > t && m.toks.1 <= v))
                })
                .map(|t| t + 1)
                .unwrap_or(0);
            let lo = v.saturating_sub(6);
            let Some(mut code) = self.verbs.code_for_in(
                entry,
                &words,
                &syn_memo,
                v,
                ve,
                lo,
                hi.min(ve + PATTERN_REACH),
            ) else {
                continue;
            };
            {
                // "will provide", "agreed to meet", "is prepared to lift"
                let mut p = v;
                while p > 0 && SKIPPABLE.contains(&words[p - 1]) {
                    p -= 1;
                }
                let mut q = p;
                if q > 0 && words[q - 1] == "TO" {
                    q -= 1;
                    if q > 0 && matches!(words[q - 1], "IS" | "ARE" | "WAS" | "WERE") {
                        q -= 1;
                    }
                }
                let gov = (q.saturating_sub(2)..q).any(|t| INTENT.contains(&words[t]))
                    || (p > 0 && INTENT.contains(&words[p - 1]));
                if gov {
                    code = intent(&code);
                }
                // "would not provide support", "refused to meet": a negated cooperative
                // action is a rejection
                let neg = (q.saturating_sub(3).max(clause_lo)..v)
                    .any(|t| matches!(words[t], "NOT" | "N'T" | "NEVER"));
                if neg && matches!(code.get(..2), Some("03" | "04" | "05" | "06" | "07" | "08")) {
                    code = "120".to_string();
                }
            }
            // "A urged B to V": the governing verb carries the event when it coded one
            let mut governed = false;
            if v > 0 && words[v - 1] == "TO" && k > 0 {
                let (_, pve, _) = vs[k - 1];
                if v - pve <= 6 && last_coded == Some(k - 1) {
                    governed = true;
                }
            }
            // passive?
            let mut p = v;
            while p > 0 && SKIPPABLE.contains(&words[p - 1]) {
                p -= 1;
            }
            let passive = p > 0
                && BE.contains(&words[p - 1])
                && (words[v].ends_with("ED") || words[v].ends_with("EN"));
            // named actors first; inferred roles ("police") only when none fits
            let first_of = |f: &dyn Fn(&M) -> bool| {
                ms.iter()
                    .position(|m| !m.weak && f(m))
                    .or_else(|| ms.iter().position(f))
            };
            let before = ms
                .iter()
                .rposition(|m| !m.weak && m.toks.1 <= v)
                .or_else(|| ms.iter().rposition(|m| m.toks.1 <= v));
            // the subject: the clause's first actor that is not inside a prepositional phrase
            let subject = first_of(&|m: &M| {
                m.toks.0 >= clause_lo
                    && m.toks.1 <= v
                    && !(m.toks.0 > 0 && LOCATIVE.contains(&words[m.toks.0 - 1]))
            })
            .or(before);
            let after_from =
                |from: usize, to: usize| first_of(&|m: &M| m.toks.0 >= from && m.toks.0 < to);
            let mut demand: Option<(usize, usize)> = None;
            // ", dismissing ...": a participle after a comma shares the main clause's subject
            let participle = v > 0 && words[v - 1] == "," && words[v].ends_with("ING");
            let subject = if participle {
                first_of(&|m: &M| {
                    m.toks.1 <= v && !(m.toks.0 > 0 && LOCATIVE.contains(&words[m.toks.0 - 1]))
                })
                .or(subject)
            } else {
                subject
            };
            // "X said (that) Y must V": X demands of Y
            let modal = {
                let mut p = v;
                while p > 0 && SKIPPABLE.contains(&words[p - 1]) {
                    p -= 1;
                }
                p > 0 && matches!(words[p - 1], "MUST" | "SHOULD")
            };
            if modal && !passive {
                let speaker = first_of(&|m: &M| {
                    m.toks.1 <= v && !(m.toks.0 > 0 && LOCATIVE.contains(&words[m.toks.0 - 1]))
                });
                if let (Some(sp), Some(b)) = (speaker, before) {
                    if sp != b && ms[sp].toks.1 < ms[b].toks.0 {
                        code = "100".to_string();
                        demand = Some((sp, b));
                    }
                }
            }
            let (src, tgt) = if let Some((sp, b)) = demand {
                (Some(sp), Some(b))
            } else if passive {
                let by = (ve..hi.min(n)).find(|&t| words[t] == "BY");
                let s = by.and_then(|b| after_from(b + 1, (b + 5).min(n)));
                (s, before)
            } else {
                let s = subject;
                let mut t = after_from(ve, hi).filter(|&t| Some(t) != s);
                if t.is_none() {
                    // "demanded (on Friday) that the United States ...": the complement's subject
                    if let Some(th) = (ve..(ve + 5).min(n)).find(|&x| words[x] == "THAT") {
                        let end = (th + 1..n).find(|&x| brk[x]).unwrap_or(n);
                        t = after_from(th + 1, end).filter(|&t| Some(t) != s);
                    }
                }
                (s, t)
            };
            // an infinitive's own source is the governing verb's object, if any
            let src = if governed && v > 0 && words[v - 1] == "TO" {
                before.filter(|&b| ms[b].toks.1 + 1 >= v)
            } else {
                src
            };
            coded.push((k, entry, src, tgt, code.clone()));
            if governed {
                continue;
            }
            let Some(src) = src else { continue };
            let tgt_group = tgt.map(group).unwrap_or_default();
            let src_group = group(src);
            if self.opts.require_dyad && tgt_group.is_empty() {
                continue;
            }
            let actor = |j: usize| {
                ms.get(j).map(|m| EventActor {
                    text: doc.span_text(m.span).to_string(),
                    code: m.code.clone(),
                    span: Some(m.span),
                    actor: Some(m.actor),
                })
            };
            let verb = Mention {
                span: Span::new(toks[v].span.start, toks[ve - 1].span.end),
                text: doc
                    .text
                    .get(toks[v].span.start..toks[ve - 1].span.end)
                    .unwrap_or("")
                    .to_string(),
            };
            for &s in &src_group {
                let targets: Vec<Option<usize>> = if tgt_group.is_empty() {
                    vec![None]
                } else {
                    tgt_group.iter().map(|&t| Some(t)).collect()
                };
                for t in targets {
                    let (Some(sa), ta) = (actor(s), t.and_then(actor)) else {
                        continue;
                    };
                    if ta.as_ref().is_some_and(|ta| ta.code == sa.code) {
                        continue;
                    }
                    evs.push(Event {
                        source: sa,
                        target: ta,
                        plover: codes::plover(&code).map(str::to_string),
                        goldstein: codes::goldstein(&code),
                        quad_class: codes::quad_class(&code),
                        cameo: code.clone(),
                        span: sent,
                        verb: Some(verb.clone()),
                        date: date.clone(),
                        place: None,
                    });
                }
            }
            if !evs.is_empty() {
                groups.push((k, evs));
                last_coded = Some(k);
            }
        }
        // verb-verb transformations: "A said B attacked" → A accuses B
        if let Some((k, ev)) = self.transform(doc, &coded, ms, sent, &date, &words) {
            match groups.iter().position(|g| g.0 >= k) {
                Some(i) if groups[i].0 == k => groups[i].1 = vec![ev],
                Some(i) => groups.insert(i, (k, vec![ev])),
                None => groups.push((k, vec![ev])),
            }
        }
        // the main event: the first verb that codes something more than a statement
        let substantive = |g: &(usize, Vec<Event>)| g.1.iter().any(|e| !e.cameo.starts_with("01"));
        let pick = groups
            .iter()
            .position(|g| substantive(g) && g.1.iter().any(|e| e.target.is_some()))
            .or_else(|| groups.iter().position(substantive))
            .unwrap_or(0);
        let mut evs = if groups.is_empty() {
            Vec::new()
        } else {
            groups.swap_remove(pick).1
        };
        for e in &mut evs {
            irregular_violence(e);
            if e.target.is_none() {
                e.target = domestic_target(&e.source, &e.cameo);
            }
        }
        let mut seen = std::collections::HashSet::new();
        evs.retain(|e| {
            seen.insert((
                e.source.code.clone(),
                e.target.as_ref().map(|t| t.code.clone()),
                e.cameo.clone(),
            ))
        });
        out.extend(evs);
    }
}

/// Quotations with the actor of their speaker: from the quotes stage when it ran, otherwise
/// from the first coded actor in the attribution after the closing quote mark, or, for "he
/// said" and unattributed follow-ups, the previous quotation's speaker.
fn quote_speakers(doc: &Document, all: &[(usize, Span, String)]) -> Vec<(Span, (usize, String))> {
    let mention_in = |lo: usize, hi: usize| {
        all.iter()
            .find(|(_, s, _)| s.start >= lo && s.end <= hi)
            .map(|(ai, _, c)| (*ai, c.clone()))
    };
    let mut out: Vec<(Span, (usize, String))> = Vec::new();
    if !doc.quotes.is_empty() {
        let mut prev: Option<(usize, String)> = None;
        for q in &doc.quotes {
            let by_entity = q
                .speaker_entity
                .and_then(|i| doc.entities.get(i))
                .and_then(|e| e.actor)
                .and_then(|ai| {
                    doc.actors
                        .get(ai)
                        .and_then(|a| a.code.clone().map(|c| (ai, c)))
                });
            let sp = by_entity
                .or_else(|| {
                    q.speaker
                        .as_ref()
                        .and_then(|m| mention_in(m.span.start, m.span.end.max(m.span.start)))
                })
                .or_else(|| prev.clone());
            if let Some(sp) = sp {
                out.push((q.span, sp.clone()));
                prev = Some(sp);
            }
        }
        return out;
    }
    // quotation marks: curly pairs, straight ones alternating
    let text = &doc.text;
    let mut regions: Vec<Span> = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(i + c.len_utf8()),
            ('"', None) => open = Some(i + 1),
            ('”' | '"', Some(o)) => {
                regions.push(Span::new(o, i));
                open = None;
            }
            _ => {}
        }
    }
    let mut prev: Option<(usize, String)> = None;
    for r in regions {
        let close = r.end + 1;
        let sent_end = doc
            .sentence_at(close.min(text.len().saturating_sub(1)))
            .and_then(|si| doc.sentences.get(si))
            .map(|s| s.end)
            .unwrap_or(close)
            .max(close);
        // the attribution after the quotation, up to the next quotation mark
        // (", Toner said, which ..." stops at the comma after the attribution)
        let attr_end = text
            .get(close..sent_end)
            .and_then(|t| {
                let first_word = t.find(|c: char| c.is_alphanumeric()).unwrap_or(0);
                t[first_word..]
                    .find(['"', '“', ','])
                    .map(|k| k + first_word)
            })
            .map(|k| close + k)
            .unwrap_or(sent_end);
        let sp = mention_in(close, attr_end).or_else(|| prev.clone());
        if let Some(sp) = sp {
            out.push((r, sp.clone()));
            prev = Some(sp);
        }
    }
    out
}

/// Where an event in sentence `sent` happened: the most specific place named in the sentence
/// (a city over a region over a country), else the dateline place. An index into `doc.places`.
fn event_place(doc: &Document, sent: Span) -> Option<usize> {
    let rank = |p: &dateline_core::Place| match p.feature.as_deref() {
        Some("city") | Some("facility") => 0,
        Some("admin2") => 1,
        Some("admin1") => 2,
        Some("country") => 3,
        _ => 4,
    };
    let in_sentence = doc
        .places
        .iter()
        .enumerate()
        .filter(|(_, p)| sent.contains(&p.span))
        .min_by_key(|(i, p)| (rank(p), *i))
        .map(|(i, _)| i);
    in_sentence.or_else(|| {
        let d = doc.dateline.as_deref()?.trim();
        doc.places.iter().position(|p| {
            p.text.trim().eq_ignore_ascii_case(d)
                || p.name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(d))
        })
    })
}

impl Stage for EventsStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        if doc.sentences.is_empty() {
            return Ok(());
        }
        let (story_discard, discard_at) = self.discards.hits(&doc.text);
        if story_discard {
            return Ok(());
        }
        let discarded: std::collections::HashSet<usize> = discard_at
            .iter()
            .filter_map(|&b| doc.sentence_at(b))
            .collect();
        // actor mentions with token ranges, per sentence
        let mut all: Vec<(usize, Span, String)> = Vec::new();
        let mut weak_actor = vec![false; doc.actors.len()];
        for (ai, a) in doc.actors.iter().enumerate() {
            weak_actor[ai] = a.id.starts_with(dateline_actors::ROLE_ID_PREFIX);
            if let Some(code) = &a.code {
                for m in &a.mentions {
                    all.push((ai, *m, code.clone()));
                }
            }
        }
        all.sort_by_key(|x| (x.1.start, std::cmp::Reverse(x.1.end)));
        let speakers = quote_speakers(doc, &all);
        let mut events = Vec::new();
        let mut buf = String::new();
        for si in 0..doc.sentences.len() {
            let sent = doc.sentences[si];
            if discarded.contains(&si) {
                continue;
            }
            let toks = doc.sentence_tokens(si);
            let mut ms: Vec<M> = Vec::new();
            for (ai, span, code) in all.iter().filter(|x| sent.contains(&x.1)) {
                let s = toks.iter().position(|t| t.span.start >= span.start);
                let e = toks.iter().rposition(|t| t.span.end <= span.end);
                if let (Some(s), Some(e)) = (s, e) {
                    if e >= s && !ms.iter().any(|m| m.toks.0 <= s && s < m.toks.1) {
                        ms.push(M {
                            toks: (s, e + 1),
                            weak: weak_actor.get(*ai).copied().unwrap_or(false),
                            actor: *ai,
                            code: code.clone(),
                            span: *span,
                        });
                    }
                }
            }
            // "we"/"I" inside a quotation stand for its speaker
            for (ti, t) in toks.iter().enumerate() {
                if !matches!(doc.span_text(t.span), "We" | "we" | "I") {
                    continue;
                }
                let Some((_, (ai, code))) = speakers.iter().find(|(q, _)| q.contains(&t.span))
                else {
                    continue;
                };
                if !ms.iter().any(|m| m.toks.0 <= ti && ti < m.toks.1) {
                    ms.push(M {
                        toks: (ti, ti + 1),
                        weak: false,
                        actor: *ai,
                        code: code.clone(),
                        span: t.span,
                    });
                }
            }
            ms.sort_by_key(|m| m.toks);
            let first = events.len();
            self.sentence_events(doc, si, &ms, &mut buf, &mut events);
            if events.len() > first {
                let place = event_place(doc, sent);
                for e in &mut events[first..] {
                    e.place = place;
                }
            }
        }
        doc.events = events;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(code: &str) -> EventActor {
        EventActor {
            text: "x".into(),
            code: code.into(),
            span: None,
            actor: None,
        }
    }

    #[test]
    fn irregular_forces_fighting_is_unconventional_violence() {
        let mut e = Event {
            source: actor("AFGREB"),
            target: Some(actor("USAMIL")),
            cameo: "190".into(),
            plover: codes::plover("190").map(str::to_string),
            goldstein: None,
            quad_class: None,
            span: Span::new(0, 1),
            verb: None,
            date: None,
            place: None,
        };
        let mut m = e.clone();
        irregular_violence(&mut e);
        assert_eq!(e.cameo, "190");
        assert_eq!(e.plover.as_deref(), Some("ASSAULT"));
        m.source = actor("RUSMIL");
        irregular_violence(&mut m);
        assert_eq!(m.plover.as_deref(), Some("FIGHT"));
    }

    #[test]
    fn discards_match_at_word_starts_without_case() {
        let d = Discards::from_text("SOCCER\nWORLD_CUP_\n+MANCHESTER UNITED\nFA\n");
        assert_eq!(d.hits("They play soccer."), (false, vec![10]));
        assert_eq!(d.hits("Soccerball"), (false, vec![0]));
        assert_eq!(d.hits("indoorsoccer"), (false, vec![]));
        // `_` at the end: the phrase must end a word
        assert_eq!(d.hits("the World Cup."), (false, vec![4]));
        assert_eq!(d.hits("the World Cups"), (false, vec![]));
        assert_eq!(d.hits("a FA cup"), (false, vec![2]));
        assert_eq!(d.check("Manchester United won"), Some(true));
        assert_eq!(d.check("nothing here"), None);
    }

    #[test]
    fn domestic_target_for_targetless_conflict_only() {
        let t = domestic_target(&actor("SRBCVL"), "145").map(|a| a.code);
        assert_eq!(t.as_deref(), Some("SRB"));
        assert!(domestic_target(&actor("SRBGOV"), "040").is_none());
        assert!(domestic_target(&actor("IGOUNO"), "190").is_none());
        assert!(domestic_target(&actor("role"), "190").is_none());
    }
}
