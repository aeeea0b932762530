//! Actor resolution: maps person, organisation and place mentions to canonical actors with
//! CAMEO-style codes (country or IGO/NGO root plus sectors), from PETRARCH/Phoenix dictionaries.
//!
//! The stage phrase-matches the actor and agent dictionaries over each sentence's tokens
//! (longest match, as PETRARCH does), joins country words with the titles and roles next to
//! them ("Pakistani diplomat" → PAKGOV, "government of Pakistan" → PAKGOV, "Hungarian and
//! Romanian officials" → HUNGOV + ROUGOV), resolves later short mentions to the fullest
//! earlier one, and takes NER entities, when present, as extra candidates.
pub mod dict;

use dateline_core::{Actor, ActorKind, Document, EntityLabel, Span, Stage, StageError};
pub use dict::{
    norm_word, norm_word_into, ActorDict, AgentCode, AgentDict, DatedCode, PhraseTable, Vocab,
    NO_WORD,
};
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The shipped default dictionaries (MIT, Open Event Data Alliance; see `dicts/LICENSE`).
const DEFAULT_ACTORS: [&str; 4] = [
    include_str!("../dicts/Phoenix.Countries.actors.txt"),
    include_str!("../dicts/Phoenix.International.actors.txt"),
    include_str!("../dicts/Phoenix.MilNonState.actors.txt"),
    // short forms the Phoenix files lack ("State Department", "Haqqani network")
    include_str!("../dicts/Dateline.actors.txt"),
];
const DEFAULT_AGENTS: &str = include_str!("../dicts/Phoenix.agents.txt");

static DEFAULT: LazyLock<Arc<Lexicon>> = LazyLock::new(|| {
    let mut l = Lexicon::default();
    for t in DEFAULT_ACTORS {
        l.actors.add_text(t);
    }
    l.agents.add_text(DEFAULT_AGENTS);
    Arc::new(l)
});

#[derive(Debug, thiserror::Error)]
pub enum DictError {
    #[error("cannot read dictionary {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// Actor and agent dictionaries together.
#[derive(Debug, Default, Clone)]
pub struct Lexicon {
    pub actors: ActorDict,
    pub agents: AgentDict,
}

impl Lexicon {
    /// The compiled-in Phoenix dictionaries, parsed once per process.
    pub fn shared_default() -> Arc<Lexicon> {
        DEFAULT.clone()
    }

    /// Dictionaries read from files; an empty list of actor (agent) files keeps the defaults
    /// for that kind.
    pub fn from_files(actors: &[&Path], agents: &[&Path]) -> Result<Lexicon, DictError> {
        let read = |p: &Path| {
            std::fs::read_to_string(p).map_err(|e| DictError::Io {
                path: p.display().to_string(),
                source: e,
            })
        };
        let mut l = Lexicon::default();
        if actors.is_empty() {
            l.actors = DEFAULT.actors.clone();
        }
        for p in actors {
            l.actors.add_text(&read(p)?);
        }
        if agents.is_empty() {
            l.agents = DEFAULT.agents.clone();
        }
        for p in agents {
            l.agents.add_text(&read(p)?);
        }
        Ok(l)
    }
}

/// Words that may stand between a country word and a title ("Pakistani *top* diplomat").
const MODIFIERS: &[&str] = &[
    "SENIOR",
    "TOP",
    "HIGH",
    "HIGH-RANKING",
    "FORMER",
    "ACTING",
    "DEPUTY",
    "CHIEF",
    "LEADING",
    "LOCAL",
    "REGIONAL",
    "STATE",
    "NATIONAL",
    "FEDERAL",
    "ARMED",
    "ISLAMIST",
    "MILITANT",
    "NEW",
    "INTERIM",
    "RULING",
    "OPPOSITION",
    "RIGHTS",
    "SECURITY",
    "GOVERNMENT",
    "DEFENSE",
    "DEFENCE",
    "FOREIGN",
    "ELITE",
    "SPECIAL",
    "OFFICIAL",
    "UNIDENTIFIED",
    "ANONYMOUS",
    "TWO",
    "THREE",
    "SEVERAL",
    "MANY",
    "SOME",
];

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Piece {
    Actor(u32),
    Agent(u32),
}

/// An actor mention found in one sentence.
#[derive(Debug, Clone, PartialEq)]
pub struct Mention {
    /// Token range within the sentence, end-exclusive.
    pub toks: (usize, usize),
    pub span: Span,
    /// CAMEO-style code; `None` for a title or role with no country ("police").
    pub code: Option<String>,
    /// The agent code alone, for role-only mentions ("GOV").
    pub agent: Option<String>,
    /// Name-like mention (starts with a capital) rather than a role.
    pub named: bool,
}

/// Country roots in the CAMEO dictionaries that ISO 3166 replaced or never had.
const OBSOLETE_ROOTS: &[(&str, &str)] = &[
    ("TMP", "TLS"),
    ("ROM", "ROU"),
    ("ZAR", "COD"),
    ("ANG", "AGO"),
];

/// The code with its country root in present-day ISO 3166 alpha-3.
pub fn iso_root(code: &str) -> String {
    for (old, new) in OBSOLETE_ROOTS {
        if let Some(rest) = code.strip_prefix(old) {
            return format!("{new}{rest}");
        }
    }
    code.to_string()
}

/// Composes an actor code with an agent code.
fn compose(actor: &str, agent: &AgentCode) -> String {
    if agent.prefix {
        format!("{}{}", agent.code, actor)
    } else if actor.ends_with(agent.code.as_str()) {
        actor.to_string()
    } else {
        format!("{actor}{}", agent.code)
    }
}

impl Lexicon {
    /// Finds the actor mentions in one sentence given its tokens' original text and
    /// normalised words. `date` (YYYYMMDD) selects dated codes.
    pub fn sentence_mentions(
        &self,
        raw: &[&str],
        words: &[String],
        spans: &[Span],
        date: Option<u32>,
    ) -> Vec<Mention> {
        let actor_ids: Vec<u32> = words.iter().map(|w| self.actors.table.id(w)).collect();
        let agent_ids: Vec<u32> = words.iter().map(|w| self.agents.table.id(w)).collect();
        self.mentions(raw, words, (&actor_ids, &agent_ids), spans, date)
    }

    /// [`Lexicon::sentence_mentions`] given each word's ids in the actor and the agent table
    /// (see [`PhraseTable::id`]).
    fn mentions<S: AsRef<str>>(
        &self,
        raw: &[&str],
        words: &[S],
        (actor_ids, agent_ids): (&[u32], &[u32]),
        spans: &[Span],
        date: Option<u32>,
    ) -> Vec<Mention> {
        // 1. longest-match pieces
        let mut pieces: Vec<(usize, usize, Piece)> = Vec::new();
        let mut i = 0;
        while i < words.len() {
            let a = self
                .actors
                .table
                .longest_ids(actor_ids, i)
                .filter(|&(n, _)| {
                    // names are capitalised somewhere ("the United Nations", "US" but not "us")
                    raw[i..i + n].iter().any(|w| is_cap(w))
                });
            let g = self.agents.table.longest_ids(agent_ids, i);
            let pick = match (a, g) {
                (Some((na, ca)), Some((ng, cg))) => {
                    if ng > na {
                        Some((ng, Piece::Agent(cg)))
                    } else {
                        Some((na, Piece::Actor(ca)))
                    }
                }
                (Some((na, ca)), None) => Some((na, Piece::Actor(ca))),
                (None, Some((ng, cg))) => Some((ng, Piece::Agent(cg))),
                (None, None) => None,
            };
            if let Some((n, p)) = pick {
                pieces.push((i, i + n, p));
                i += n;
            } else {
                i += 1;
            }
        }
        // 2. compose actors with neighbouring agents
        let code_of = |c: u32| -> Option<String> {
            self.actors
                .codes
                .get(c as usize)
                .and_then(|d| d.at(date))
                .map(iso_root)
        };
        let agent_of = |c: u32| self.agents.codes.get(c as usize);
        let gap_ok = |from: usize, to: usize| {
            (from..to).all(|k| {
                let w = words[k].as_ref();
                MODIFIERS.contains(&w) || w == "'S"
            }) && to - from <= 2
        };
        let mut out: Vec<Mention> = Vec::new();
        let mut used = vec![false; pieces.len()];
        let mk = |s: usize, e: usize, code: Option<String>, agent: Option<String>| Mention {
            toks: (s, e),
            span: Span::new(spans[s].start, spans[e - 1].end),
            named: raw[s..e].iter().any(|w| is_cap(w)),
            code,
            agent,
        };
        let mut k = 0;
        while k < pieces.len() {
            if used[k] {
                k += 1;
                continue;
            }
            let (s, e, p) = pieces[k];
            match p {
                Piece::Actor(c) => {
                    let Some(code) = code_of(c) else {
                        k += 1;
                        continue;
                    };
                    // compound "A and B officials": find the agent after the chain
                    let mut chain = vec![(s, e, code)];
                    let mut j = k + 1;
                    while j < pieces.len() {
                        let (s2, e2, p2) = pieces[j];
                        let prev_end = chain.last().map(|x| x.1).unwrap_or(e);
                        let conj = s2 == prev_end + 1
                            && matches!(words[prev_end].as_ref(), "AND" | "," | "OR");
                        match p2 {
                            Piece::Actor(c2) if conj => {
                                if let Some(code2) = code_of(c2) {
                                    chain.push((s2, e2, code2));
                                    used[j] = true;
                                    j += 1;
                                    continue;
                                }
                                break;
                            }
                            _ => break,
                        }
                    }
                    let last_end = chain.last().map(|x| x.1).unwrap_or(e);
                    let agent = pieces.get(j).and_then(|&(s2, e2, p2)| match p2 {
                        Piece::Agent(g) if gap_ok(last_end, s2) => Some((j, e2, g)),
                        _ => None,
                    });
                    match agent {
                        Some((jj, e2, g)) if agent_of(g).is_some() => {
                            used[jj] = true;
                            let ag = agent_of(g).cloned().unwrap_or(AgentCode {
                                code: String::new(),
                                prefix: false,
                            });
                            let n = chain.len();
                            for (idx, (cs, ce, code)) in chain.into_iter().enumerate() {
                                // the last member spans the shared title
                                let end = if idx + 1 == n { e2 } else { ce };
                                out.push(mk(cs, end, Some(compose(&code, &ag)), None));
                            }
                        }
                        _ => {
                            for (cs, ce, code) in chain {
                                out.push(mk(cs, ce, Some(code), None));
                            }
                        }
                    }
                    k += 1;
                }
                Piece::Agent(g) => {
                    let Some(ag) = agent_of(g) else {
                        k += 1;
                        continue;
                    };
                    // "government of Pakistan", "envoy to India", "the Indian embassy"
                    let next = pieces.get(k + 1).copied();
                    let mut joined = false;
                    if let Some((s2, e2, Piece::Actor(c2))) = next {
                        let link = words.get(e).map(AsRef::as_ref);
                        let gap_the = s2 == e + 1
                            && matches!(link, Some("OF" | "TO" | "FOR" | "FROM" | "IN"));
                        let gap_the2 = s2 == e + 2
                            && matches!(link, Some("OF" | "TO" | "FOR" | "FROM" | "IN"))
                            && words.get(e + 1).is_some_and(|w| w.as_ref() == "THE");
                        if gap_the || gap_the2 {
                            if let Some(code) = code_of(c2) {
                                // "adviser to Pakistan Prime Minister": take the title after
                                let mut end = e2;
                                let mut code = code;
                                if let Some(&(s3, e3, Piece::Agent(g3))) = pieces.get(k + 2) {
                                    if s3 == e2 {
                                        if let Some(ag3) = agent_of(g3) {
                                            code = compose(&code, ag3);
                                            end = e3;
                                            used[k + 2] = true;
                                        }
                                    }
                                }
                                out.push(mk(s, end, Some(compose(&code, ag)), None));
                                used[k + 1] = true;
                                joined = true;
                            }
                        }
                    }
                    if !joined {
                        if ag.prefix {
                            out.push(mk(s, e, Some(ag.code.clone()), None));
                        } else {
                            out.push(mk(s, e, None, Some(ag.code.clone())));
                        }
                    }
                    k += 1;
                }
            }
        }
        out.sort_by_key(|m| m.toks);
        out
    }
}

impl Lexicon {
    /// The code a title or role phrase gives its holder ("State Department Spokesman" →
    /// USAGOV, "adviser to Pakistan Prime Minister" → PAKGOV): the first coded mention in it.
    /// A spokesman speaks for the body named, so a trailing media sector is dropped.
    pub fn title_code(&self, title: &str, date: Option<u32>) -> Option<String> {
        let raw: Vec<&str> = title
            .split(|c: char| c.is_whitespace() || c == ',')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-'))
            .filter(|w| !w.is_empty())
            .collect();
        if raw.is_empty() {
            return None;
        }
        let words: Vec<String> = raw.iter().map(|w| norm_word(w)).collect();
        let spans = vec![Span::new(0, 0); raw.len()];
        let ms = self.sentence_mentions(&raw, &words, &spans, date);
        let code = ms.iter().find_map(|m| m.code.clone())?;
        Some(match code.strip_suffix("MED") {
            Some(rest) if rest.len() >= 3 => rest.to_string(),
            _ => code,
        })
    }
}

/// The document date as YYYYMMDD, for dated dictionary codes.
pub fn doc_date(doc: &Document) -> Option<u32> {
    let d = doc.published?.date();
    let (y, m, dd) = (d.year(), d.month(), d.day());
    (y > 0).then(|| y as u32 * 10000 + m as u32 * 100 + dd as u32)
}

/// Per-sentence words for matching: original token texts and normalised words.
pub fn sentence_words(doc: &Document, si: usize) -> (Vec<&str>, Vec<String>, Vec<Span>) {
    let toks = doc.sentence_tokens(si);
    let raw: Vec<&str> = toks.iter().map(|t| doc.span_text(t.span)).collect();
    let words = raw.iter().map(|w| norm_word(w)).collect();
    let spans = toks.iter().map(|t| t.span).collect();
    (raw, words, spans)
}

/// Fills `doc.actors` and each name entity's `actor_code`/`actor`.
#[derive(Debug, Clone)]
pub struct ActorsStage {
    lex: Arc<Lexicon>,
    ids: Arc<WordIds>,
}

/// Each word of the actor and agent phrases with its id in both tables, so that a token is
/// looked up once for the two.
#[derive(Debug, Default)]
struct WordIds {
    ids: dict::WordTable<(u32, u32)>,
}

impl WordIds {
    fn new(lex: &Lexicon) -> WordIds {
        let mut ids = dict::WordTable::default();
        let none = || (NO_WORD, NO_WORD);
        for (w, id) in lex.actors.table.vocab().iter() {
            ids.get_or_insert_with(w, none).0 = id;
        }
        for (w, id) in lex.agents.table.vocab().iter() {
            ids.get_or_insert_with(w, none).1 = id;
        }
        WordIds { ids }
    }

    /// The ids of `w` in the actor and the agent table.
    #[inline]
    fn get(&self, w: &str) -> (u32, u32) {
        self.ids.get(w).copied().unwrap_or((NO_WORD, NO_WORD))
    }
}

static DEFAULT_IDS: LazyLock<Arc<WordIds>> = LazyLock::new(|| Arc::new(WordIds::new(&DEFAULT)));

impl Default for ActorsStage {
    fn default() -> Self {
        ActorsStage {
            lex: Lexicon::shared_default(),
            ids: DEFAULT_IDS.clone(),
        }
    }
}

impl ActorsStage {
    pub fn new(lex: Arc<Lexicon>) -> Self {
        let ids = Arc::new(WordIds::new(&lex));
        ActorsStage { lex, ids }
    }

    pub fn lexicon(&self) -> &Arc<Lexicon> {
        &self.lex
    }
}

/// Id prefix of actors whose country was inferred from the sentence ("police" → the country
/// named nearby): events use them only when no named actor fills a slot.
pub const ROLE_ID_PREFIX: &str = "role:";

fn actor_id(code: &str, name: &str) -> String {
    let slug: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{code}:{slug}")
}

impl Stage for ActorsStage {
    fn name(&self) -> &'static str {
        "actors"
    }

    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let date = doc_date(doc);
        // (span, code, name)
        let mut found: Vec<(Span, String, String, bool)> = Vec::new();
        let mut prev_sentence_start = 0;
        // per-sentence buffers, reused (see `sentence_words`)
        let mut raw: Vec<&str> = Vec::new();
        let mut words: Vec<String> = Vec::new();
        let mut actor_ids: Vec<u32> = Vec::new();
        let mut agent_ids: Vec<u32> = Vec::new();
        let mut spans: Vec<Span> = Vec::new();
        for si in 0..doc.sentences.len() {
            let toks = doc.sentence_tokens(si);
            raw.clear();
            raw.extend(toks.iter().map(|t| doc.span_text(t.span)));
            spans.clear();
            spans.extend(toks.iter().map(|t| t.span));
            if words.len() < toks.len() {
                words.resize(toks.len(), String::new());
            }
            for (w, r) in words.iter_mut().zip(&raw) {
                norm_word_into(r, w);
            }
            let words = words.get(..toks.len()).unwrap_or_default();
            actor_ids.clear();
            agent_ids.clear();
            for w in words {
                let (a, g) = self.ids.get(w);
                actor_ids.push(a);
                agent_ids.push(g);
            }
            let ms = self
                .lex
                .mentions(&raw, words, (&actor_ids, &agent_ids), &spans, date);
            let first_in_sentence = found.len();
            for (k, m) in ms.iter().enumerate() {
                let name = doc.span_text(m.span).to_string();
                if let Some(code) = &m.code {
                    found.push((m.span, code.clone(), name, false));
                } else if let Some(agent) = &m.agent {
                    // a role with no country ("police", "the government") belongs to the
                    // country last named in this sentence or the one before, or else to the
                    // next one named in this sentence
                    let country = found[prev_sentence_start..]
                        .iter()
                        .rev()
                        .map(|f| &f.1)
                        .chain(ms[k + 1..].iter().filter_map(|x| x.code.as_ref()))
                        .find_map(|c| {
                            c.get(..3)
                                .filter(|r| r.bytes().all(|b| b.is_ascii_uppercase()))
                                .map(str::to_string)
                        });
                    if let Some(country) = country {
                        found.push((m.span, format!("{country}{agent}"), name, true));
                    }
                }
            }
            prev_sentence_start = first_in_sentence;
        }
        // NER entities as extra candidates: overlapping mention gives the code; a title right
        // before or an appositive right after a person gives it too; short forms resolve to
        // the fullest earlier name.
        let mut alias: HashMap<String, (String, String)> = HashMap::new();
        let text = doc.text.as_str();
        for ei in 0..doc.entities.len() {
            let e = &doc.entities[ei];
            if !e.label.is_name() {
                continue;
            }
            let span = e.span;
            let name = e.canonical.clone().unwrap_or_else(|| e.text.clone());
            let is_person = e.label == EntityLabel::Person;
            let mut code = found
                .iter()
                .find(|f| f.0.overlaps(&span))
                .map(|f| f.1.clone());
            if code.is_none() && is_person {
                // the person's own titles, as the NER stage attached them
                code = e.titles.iter().find_map(|t| self.lex.title_code(t, date));
            }
            if code.is_none() && is_person {
                // "Spokesman Mark Toner" / "Sartaj Aziz, adviser to Pakistan PM"
                code = found
                    .iter()
                    .filter(|f| {
                        (f.0.end <= span.start
                            && text
                                .get(f.0.end..span.start)
                                .is_some_and(|g| g.trim().is_empty()))
                            || (f.0.start >= span.end
                                && text
                                    .get(span.end..f.0.start)
                                    .is_some_and(|g| g.trim() == ","))
                    })
                    .map(|f| f.1.clone())
                    .next();
            }
            if code.is_none() {
                let key = norm_word(&name);
                if let Some((c, _)) = alias.get(&key) {
                    code = Some(c.clone());
                } else if let Some(last) = name.split_whitespace().last() {
                    if let Some((c, _)) = alias.get(&norm_word(last)) {
                        code = Some(c.clone());
                    }
                }
            }
            if let Some(c) = code {
                let full = name.clone();
                alias.insert(norm_word(&full), (c.clone(), full.clone()));
                if let Some(last) = full.split_whitespace().last() {
                    alias
                        .entry(norm_word(last))
                        .or_insert((c.clone(), full.clone()));
                }
                if !found.iter().any(|f| f.0 == span) {
                    found.push((span, c, name, false));
                }
            }
        }
        found.sort_by_key(|f| f.0);
        // group into actors
        let mut index: HashMap<(String, String), usize> = HashMap::new();
        let mut actors: Vec<Actor> = Vec::new();
        let mut span_actor: Vec<(Span, usize)> = Vec::new();
        for (span, code, name, inferred) in found {
            let key = (code.clone(), norm_word(&name));
            let ai = *index.entry(key).or_insert_with(|| {
                actors.push(Actor {
                    id: if inferred {
                        format!("{ROLE_ID_PREFIX}{}", actor_id(&code, &name))
                    } else {
                        actor_id(&code, &name)
                    },
                    name: name.clone(),
                    kind: ActorKind::Group,
                    country: code.get(..3).map(str::to_string),
                    code: Some(code.clone()),
                    titles: Vec::new(),
                    mentions: Vec::new(),
                });
                actors.len() - 1
            });
            if let Some(a) = actors.get_mut(ai) {
                a.mentions.push(span);
            }
            span_actor.push((span, ai));
        }
        for e in &mut doc.entities {
            if let Some(&(_, ai)) = span_actor.iter().find(|(s, _)| s.overlaps(&e.span)) {
                e.actor = Some(ai);
                e.actor_code = actors.get(ai).and_then(|a| a.code.clone());
                if let Some(a) = actors.get_mut(ai) {
                    a.kind = match e.label {
                        EntityLabel::Person => ActorKind::Person,
                        EntityLabel::Gpe | EntityLabel::Loc => ActorKind::Place,
                        _ => a.kind,
                    };
                }
            }
        }
        doc.actors = actors;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Document {
        let mut d = Document::from_text("t", text);
        d.text = text.to_string();
        dateline_core::Pipeline::new()
            .with(TestSeg)
            .with(ActorsStage::default())
            .run(&mut d)
            .unwrap();
        d
    }

    struct TestSeg;
    impl Stage for TestSeg {
        fn name(&self) -> &'static str {
            "seg"
        }
        fn process(&self, doc: &mut Document) -> Result<(), StageError> {
            // whitespace + punctuation tokens, one sentence
            let mut toks = Vec::new();
            let b = doc.text.as_bytes();
            let mut i = 0;
            while i < b.len() {
                if b[i].is_ascii_whitespace() {
                    i += 1;
                    continue;
                }
                if matches!(b[i], b',' | b'"') {
                    toks.push(Span::new(i, i + 1));
                    i += 1;
                    continue;
                }
                let s = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b',' | b'"') {
                    i += 1;
                }
                toks.push(Span::new(s, i));
            }
            doc.sentences = vec![Span::new(0, doc.text.len())];
            doc.tokens = toks
                .into_iter()
                .map(|span| dateline_core::Token { span, sentence: 0 })
                .collect();
            Ok(())
        }
    }

    fn codes(d: &Document) -> Vec<String> {
        d.actors.iter().filter_map(|a| a.code.clone()).collect()
    }

    #[test]
    fn country_adjective_plus_title() {
        let d = run("Senior Hungarian and Romanian officials agreed");
        let c = codes(&d);
        assert!(c.iter().any(|c| c.starts_with("HUN")), "{c:?}");
        assert!(c.iter().any(|c| c.starts_with("ROU")), "{c:?}");
    }

    #[test]
    fn pentagon_and_government_of() {
        let d = run("the Pentagon urged the government of Pakistan");
        let c = codes(&d);
        assert!(c.iter().any(|c| c.starts_with("USA")), "{c:?}");
        assert!(c.iter().any(|c| c == "PAKGOV"), "{c:?}");
    }

    #[test]
    fn ner_entities_get_actor_codes_and_aliases() {
        let text = "Spokesman Mark Toner met Pakistan officials. Toner left.";
        let mut d = Document::from_text("t", text);
        d.text = text.to_string();
        let span_of = |s: &str, from: usize| {
            let a = text[from..].find(s).map(|x| x + from).unwrap_or(0);
            Span::new(a, a + s.len())
        };
        d.entities = vec![
            dateline_core::Entity::new(span_of("Mark Toner", 0), EntityLabel::Person, "Mark Toner"),
            dateline_core::Entity::new(span_of("Pakistan", 0), EntityLabel::Gpe, "Pakistan"),
            dateline_core::Entity::new(span_of("Toner", 30), EntityLabel::Person, "Toner"),
        ];
        dateline_core::Pipeline::new()
            .with(TestSeg)
            .with(ActorsStage::default())
            .run(&mut d)
            .unwrap();
        assert_eq!(d.entities[1].actor_code.as_deref(), Some("PAK"));
        assert!(d.entities[1].actor.is_some());
    }

    #[test]
    fn titles_give_the_body_a_person_speaks_for() {
        let lex = Lexicon::shared_default();
        let code = |t: &str| lex.title_code(t, None);
        assert_eq!(
            code("State Department Spokesman").as_deref(),
            Some("USAGOV")
        );
        assert_eq!(code("Pentagon spokesman").as_deref(), Some("USAMIL"));
        assert!(code("advisor to Pakistan Prime Minister").is_some_and(|c| c.starts_with("PAK")));
        assert_eq!(code("National Security Adviser"), None);
    }

    #[test]
    fn a_role_after_the_verb_is_not_an_appositive() {
        // regression: "Mark Toner told reporters" gave Toner the reporters' code (MED)
        let text = "Pakistan said this. Mark Toner told reporters that.";
        let mut d = Document::from_text("t", text);
        d.text = text.to_string();
        let a = text.find("Mark Toner").unwrap_or(0);
        d.entities = vec![dateline_core::Entity::new(
            Span::new(a, a + "Mark Toner".len()),
            EntityLabel::Person,
            "Mark Toner",
        )];
        dateline_core::Pipeline::new()
            .with(TestSeg)
            .with(ActorsStage::default())
            .run(&mut d)
            .unwrap();
        assert!(
            !d.entities[0]
                .actor_code
                .as_deref()
                .is_some_and(|c| c.ends_with("MED")),
            "{:?}",
            d.entities[0].actor_code
        );
    }

    #[test]
    fn lowercase_us_is_not_america() {
        let d = run("he told us");
        assert!(codes(&d).is_empty());
    }
}
