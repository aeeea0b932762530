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

use dateline_actors::{norm_word, sentence_words};
use dateline_core::{Document, Event, EventActor, Mention, Span, Stage, StageError};
use std::path::Path;
use std::sync::{Arc, LazyLock};
pub use verbs::VerbDict;

const DEFAULT_VERBS: &str = include_str!("../dicts/CAMEO.2.0.txt");
const DEFAULT_DISCARDS: &str = include_str!("../dicts/Phoenix.discards.txt");

static DEFAULT_VERB_DICT: LazyLock<Arc<VerbDict>> =
    LazyLock::new(|| Arc::new(VerbDict::from_text(DEFAULT_VERBS)));
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
#[derive(Debug, Clone, Default)]
pub struct Discards {
    /// (upper-case phrase, whole story, must end at a word boundary)
    items: Vec<(String, bool, bool)>,
}

impl Discards {
    pub fn from_text(text: &str) -> Discards {
        let mut items = Vec::new();
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
            let p = l.trim_end_matches('_').replace('_', " ").to_uppercase();
            if !p.is_empty() {
                items.push((p, story, exact));
            }
        }
        Discards { items }
    }

    pub fn from_files(paths: &[&Path]) -> Result<Discards, DictError> {
        let mut d = Discards::default();
        for p in paths {
            d.items.extend(Discards::from_text(&read(p)?).items);
        }
        Ok(d)
    }

    /// `Some(true)` when a story-level phrase occurs, `Some(false)` for a sentence-level one.
    pub fn check(&self, text: &str) -> Option<bool> {
        let up = format!(" {} ", text.to_uppercase());
        let mut hit = None;
        for (p, story, exact) in &self.items {
            let needle_start = format!(" {p}");
            let mut from = 0;
            while let Some(pos) = up[from..].find(&needle_start) {
                let end = from + pos + needle_start.len();
                let ok = !*exact
                    || up[end..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric());
                if ok {
                    if *story {
                        return Some(true);
                    }
                    hit = Some(false);
                    break;
                }
                from = end;
            }
        }
        hit
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
const CLAUSE_BREAK: &[&str] = &[
    ",",
    ";",
    ":",
    "WHICH",
    "WHO",
    "WHOM",
    "THAT",
    "BUT",
    "WHILE",
    "AS",
    "BECAUSE",
    "WHEN",
    "IF",
    "SAID",
    "SAYS",
    "SAYING",
    "ACCORDING",
    "WHERE",
    "UNTIL",
    "UNLESS",
    "ALTHOUGH",
    "THOUGH",
    "\"",
    "“",
    "”",
    "(",
    ")",
    "--",
];
/// Prepositions that put an actor in a location or a modifier rather than in subject position.
const LOCATIVE: &[&str] = &[
    "IN", "AT", "NEAR", "FROM", "OF", "TO", "ON", "INSIDE", "OUTSIDE", "BY", "WITH", "FOR",
    "AGAINST", "ABOUT",
];

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

#[derive(Debug, Clone)]
struct M {
    toks: (usize, usize),
    actor: usize,
    code: String,
    span: Span,
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

impl EventsStage {
    fn sentence_events(&self, doc: &Document, si: usize, ms: &[M], out: &mut Vec<Event>) {
        let Some(&sent) = doc.sentences.get(si) else {
            return;
        };
        let (raw, words, spans) = sentence_words(doc, si);
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
            if let Some((len, entry)) = self.verbs.forms.longest(&words, i) {
                let prev = i.checked_sub(1).map(|p| words[p].as_str());
                let nounish = prev
                    .is_some_and(|p| DETERMINERS.contains(&p) || PREPOSITIONS.contains(&p))
                    || !words[i].chars().all(|c| c.is_alphabetic() || c == '-');
                let proper = i > 0 && is_cap(raw[i]) && raw[i].chars().any(|c| c.is_lowercase());
                // mostly a noun ("forces", "plans", "talks") unless the context is verbal
                let verbal_ctx = prev
                    .is_some_and(|p| VERBAL_CONTEXT.contains(&p) || p.ends_with("LY"))
                    || (i > 0 && ms.iter().any(|m| m.toks.1 == i));
                let rare_verb = lexicon::VerbLexicon::shipped()
                    .verbness(&words[i], 3)
                    .is_some_and(|v| v < 0.2);
                if !nounish && !proper && !(rare_verb && !verbal_ctx) {
                    vs.push((i, i + len, entry));
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
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
                if !between.is_empty()
                    && between
                        .iter()
                        .all(|w| matches!(w.as_str(), "AND" | "," | "OR"))
                {
                    lo -= 1;
                } else {
                    break;
                }
            }
            let mut hi = j;
            while hi + 1 < ms.len() {
                let (a, b) = (&ms[hi], &ms[hi + 1]);
                let between = &words[a.toks.1.min(b.toks.0)..b.toks.0];
                if !between.is_empty()
                    && between
                        .iter()
                        .all(|w| matches!(w.as_str(), "AND" | "," | "OR"))
                {
                    hi += 1;
                } else {
                    break;
                }
            }
            (lo..=hi).collect()
        };
        let mut groups: Vec<Vec<Event>> = Vec::new();
        for (k, &(v, ve, entry)) in vs.iter().enumerate() {
            let mut evs: Vec<Event> = Vec::new();
            let next_v = vs.get(k + 1).map(|x| x.0).unwrap_or(n);
            let _ = next_v;
            // the clause after the verb runs to the next clause break
            let hi = (ve..n)
                .find(|&t| CLAUSE_BREAK.contains(&words[t].as_str()))
                .unwrap_or(n)
                .min(ve + 20);
            // and before it, back to the previous break other than a comma
            let clause_lo = (0..v)
                .rev()
                .find(|&t| {
                    let w = words[t].as_str();
                    w != "," && CLAUSE_BREAK.contains(&w)
                })
                .map(|t| t + 1)
                .unwrap_or(0);
            let lo = v.saturating_sub(6);
            let Some(mut code) = self.verbs.code_for(entry, &words, v, ve, lo, hi) else {
                continue;
            };
            {
                // "will provide", "agreed to meet", "is prepared to lift"
                let mut p = v;
                while p > 0 && SKIPPABLE.contains(&words[p - 1].as_str()) {
                    p -= 1;
                }
                let mut q = p;
                if q > 0 && words[q - 1] == "TO" {
                    q -= 1;
                    if q > 0 && matches!(words[q - 1].as_str(), "IS" | "ARE" | "WAS" | "WERE") {
                        q -= 1;
                    }
                }
                let gov = (q.saturating_sub(2)..q).any(|t| INTENT.contains(&words[t].as_str()))
                    || (p > 0 && INTENT.contains(&words[p - 1].as_str()));
                if gov {
                    code = intent(&code);
                }
            }
            // "A urged B to V": the governing verb carries the event
            if v > 0 && words[v - 1] == "TO" && k > 0 {
                let (pv, pve, pe) = vs[k - 1];
                if v - pve <= 6
                    && self
                        .verbs
                        .code_for(pe, &words, pv, pve, pv.saturating_sub(6), v)
                        .is_some()
                {
                    continue;
                }
            }
            // passive?
            let mut p = v;
            while p > 0 && SKIPPABLE.contains(&words[p - 1].as_str()) {
                p -= 1;
            }
            let passive = p > 0
                && BE.contains(&words[p - 1].as_str())
                && (words[v].ends_with("ED") || words[v].ends_with("EN"));
            let before = ms.iter().rposition(|m| m.toks.1 <= v);
            // the subject: the clause's first actor that is not inside a prepositional phrase
            let subject = ms
                .iter()
                .position(|m| {
                    m.toks.0 >= clause_lo
                        && m.toks.1 <= v
                        && !(m.toks.0 > 0 && LOCATIVE.contains(&words[m.toks.0 - 1].as_str()))
                })
                .or(before);
            let after_from =
                |from: usize, to: usize| ms.iter().position(|m| m.toks.0 >= from && m.toks.0 < to);
            let (src, tgt) = if passive {
                let by = (ve..hi.min(n)).find(|&t| words[t] == "BY");
                let s = by.and_then(|b| after_from(b + 1, (b + 5).min(n)));
                (s, before)
            } else {
                let s = subject;
                let t = after_from(ve, hi).filter(|&t| Some(t) != s);
                (s, t)
            };
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
                span: Span::new(spans[v].start, spans[ve - 1].end),
                text: doc
                    .text
                    .get(spans[v].start..spans[ve - 1].end)
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
                groups.push(evs);
            }
        }
        // the main event: the first verb that codes something more than a statement
        let pick = groups
            .iter()
            .position(|g| g.iter().any(|e| !e.cameo.starts_with("01")))
            .unwrap_or(0);
        let mut evs = if groups.is_empty() {
            Vec::new()
        } else {
            groups.swap_remove(pick)
        };
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

impl Stage for EventsStage {
    fn name(&self) -> &'static str {
        "events"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        if doc.sentences.is_empty() {
            return Ok(());
        }
        if self.discards.check(&doc.text) == Some(true) {
            return Ok(());
        }
        // actor mentions with token ranges, per sentence
        let mut all: Vec<(usize, Span, String)> = Vec::new();
        for (ai, a) in doc.actors.iter().enumerate() {
            if let Some(code) = &a.code {
                for m in &a.mentions {
                    all.push((ai, *m, code.clone()));
                }
            }
        }
        all.sort_by_key(|x| (x.1.start, std::cmp::Reverse(x.1.end)));
        let mut events = Vec::new();
        for si in 0..doc.sentences.len() {
            let sent = doc.sentences[si];
            if self.discards.check(doc.span_text(sent)).is_some() {
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
                            actor: *ai,
                            code: code.clone(),
                            span: *span,
                        });
                    }
                }
            }
            ms.sort_by_key(|m| m.toks);
            self.sentence_events(doc, si, &ms, &mut events);
        }
        doc.events = events;
        let _ = norm_word;
        Ok(())
    }
}
