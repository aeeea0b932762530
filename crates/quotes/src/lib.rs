//! Quotes and speakers: direct, mixed and indirect quotations, each with its cue and the
//! speaker it is attributed to, resolved to the fullest name in the document.
//!
//! The stage works over the segmenter's tokens and sentences:
//! 1. [`marks::direct_spans`] pairs quotation marks into direct quotations;
//! 2. each direct quotation looks for its attribution right after it (`," Toner said`,
//!    `," said Toner`, `" ― Name`) or right before it (`Toner said: "`, `NAME: "`);
//! 3. every remaining cue word (from the lexicon learned on PolNeAR, see [`train`]) yields an
//!    indirect or mixed quotation: `X said (that) CONTENT`, `CONTENT, X said`, `according to
//!    X, CONTENT`, `..., citing X`; cue nouns add `X's claim that CONTENT`;
//! 4. a learned filter (`data/attrs.tsv`, cross-fitted on PolNeAR train by `dateline train
//!    quotes`) drops candidates whose rule, cue word, speaker kind and length were mostly wrong
//!    on unseen text, and a weak cue nested in another attribution's content is dropped;
//! 5. a quotation with no cue continues the previous speaker;
//! 6. speaker mentions are resolved: pronouns by gender and recency, surnames and short
//!    forms to the fullest form, role nouns ("the spokesman") to the person holding the role.
//!
//! Names come from `doc.entities` (PERSON/ORG/GPE/NORP) when NER ran, and otherwise from
//! capitalised-token runs.
use dateline_core::{Document, Mention, Quote, QuoteKind, Span, Stage, StageError};

pub mod lexicon;
pub mod marks;
mod names;
pub mod train;

use lexicon::*;
use names::{NameIndex, Resolved};

/// Default minimum cue precision (learned table) for a word to anchor an attribution.
pub const DEFAULT_MIN_PRECISION: f32 = 0.27;
/// Default minimum learned probability for a candidate attribution to be kept.
pub const DEFAULT_MIN_ATTR: f32 = 0.6;
/// Default minimum number of times a word was seen inside a cue.
pub const DEFAULT_MIN_COUNT: u32 = 3;

/// The quotes stage, with the default [`Config`].
#[derive(Debug, Default, Clone, Copy)]
pub struct QuotesStage;

/// Thresholds of the quote finder.
#[derive(Debug, Clone)]
pub struct Config {
    /// Minimum learned cue precision for a word to anchor an attribution.
    pub min_precision: f32,
    /// Minimum times a word was seen inside a cue.
    pub min_count: u32,
    /// Minimum learned probability that a candidate attribution is right.
    pub min_attr: f32,
    /// Minimum cue precision for an attribution nested in another one's content to stay.
    pub nested_cue: f32,
}

impl Default for Config {
    fn default() -> Self {
        let env = |k: &str| std::env::var(k).ok();
        Config {
            min_precision: env("DATELINE_QUOTES_MIN_PREC")
                .and_then(|v| v.parse().ok())
                .unwrap_or(DEFAULT_MIN_PRECISION),
            min_count: env("DATELINE_QUOTES_MIN_COUNT")
                .and_then(|v| v.parse().ok())
                .unwrap_or(DEFAULT_MIN_COUNT),
            nested_cue: env("DATELINE_QUOTES_NESTED_CUE")
                .and_then(|v| v.parse().ok())
                .unwrap_or(0.7),
            min_attr: env("DATELINE_QUOTES_MIN_ATTR")
                .and_then(|v| v.parse().ok())
                .unwrap_or(DEFAULT_MIN_ATTR),
        }
    }
}

impl Stage for QuotesStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        static CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
        doc.quotes = find_quotes(doc, CONFIG.get_or_init(Config::default));
        Ok(())
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Tok<'a> {
    pub span: Span,
    /// The token lower-cased: a slice of the text when that is already lower case.
    pub lower: &'a str,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Starts with a letter.
    pub alpha: bool,
    /// Inside a direct quotation (marks included).
    pub inq: bool,
    /// An all-capitals word of two letters or more ("US", "NATO"): a name, never a stop word.
    pub acronym: bool,
}

/// A found attribution, in token and byte terms.
#[derive(Debug, Clone)]
struct Attr {
    content: Span,
    cue: Option<(usize, usize)>,
    speaker: Option<(usize, usize)>,
    /// Appositive title tokens ("the Pentagon spokesman").
    appos: Option<(usize, usize)>,
    /// Index of the direct quotation this attribution is about.
    direct: Option<usize>,
    /// A quotation with no cue: the previous speaker continues.
    continuation: bool,
    /// Which rule found it (a feature of the learned attribution filter).
    pattern: &'static str,
}

pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub toks: Vec<Tok<'a>>,
    /// Token range of each sentence.
    sents: Vec<(usize, usize)>,
    /// Sentence index of each token.
    tsent: Vec<usize>,
    direct: Vec<Span>,
    used: Vec<bool>,
    /// Cue-model verdict per token.
    anchor: Vec<bool>,
}

fn is_quote_mark(s: &str) -> bool {
    matches!(s, "\"" | "“" | "”" | "„" | "«" | "»" | "'" | "`")
}

fn is_end_punct(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | ";" | "..." | "…")
}

/// Runs the quote finder over a segmented document, with the compiled-in models.
pub fn find_quotes(doc: &Document, cfg: &Config) -> Vec<Quote> {
    find_quotes_with(doc, cfg, cue_model(), Some(attr_model()), None)
}

/// Features of one candidate attribution, for training the attribution filter.
#[derive(Debug, Clone)]
pub struct Candidate {
    /// Content span (bytes), whitespace-trimmed.
    pub span: Span,
    pub features: Vec<String>,
}

/// The quote finder with explicit models. Without a `filter` every candidate attribution is
/// kept; `candidates`, when given, receives each candidate with its features.
pub fn find_quotes_with(
    doc: &Document,
    stage: &Config,
    cues: &CueModel,
    filter: Option<&AttrModel>,
    candidates: Option<&mut Vec<Candidate>>,
) -> Vec<Quote> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let text = doc.text.as_str();
    let direct = marks::direct_spans(text, &doc.paragraphs);
    // lower-cased forms of the tokens: an ASCII text is lower-cased once as a whole and each
    // token borrows its slice; otherwise the tokens that change, end to end
    let ascii = text.is_ascii();
    let mut lowered = String::new();
    let mut lowered_at: Vec<Option<(usize, usize)>> = Vec::new();
    if ascii {
        lowered = text.to_ascii_lowercase();
    } else {
        lowered_at.reserve(doc.tokens.len());
        for t in &doc.tokens {
            let s = t.span.text(text);
            let at = if s.is_ascii() {
                s.bytes().any(|b| b.is_ascii_uppercase()).then(|| {
                    let a = lowered.len();
                    lowered.push_str(s);
                    if let Some(x) = lowered.get_mut(a..) {
                        x.make_ascii_lowercase();
                    }
                    (a, lowered.len())
                })
            } else {
                let l = s.to_lowercase();
                (l != s).then(|| {
                    let a = lowered.len();
                    lowered.push_str(&l);
                    (a, lowered.len())
                })
            };
            lowered_at.push(at);
        }
    }
    let mut toks = Vec::with_capacity(doc.tokens.len());
    let mut tsent = Vec::with_capacity(doc.tokens.len());
    let mut sents: Vec<(usize, usize)> = Vec::new();
    let mut di = 0;
    for (i, t) in doc.tokens.iter().enumerate() {
        let s = t.span.text(text);
        let first = s.chars().next();
        while di < direct.len() && direct[di].end <= t.span.start {
            di += 1;
        }
        let inq = direct
            .get(di)
            .is_some_and(|d| d.start <= t.span.start && t.span.end <= d.end);
        toks.push(Tok {
            span: t.span,
            lower: if ascii {
                t.span.text(&lowered)
            } else {
                match lowered_at.get(i).copied().flatten() {
                    Some((a, b)) => lowered.get(a..b).unwrap_or(""),
                    None => s,
                }
            },
            cap: first.is_some_and(|c| c.is_uppercase()),
            alpha: first.is_some_and(|c| c.is_alphabetic()),
            inq,
            // all capitals (or dots) and two characters or more; the cheap test first
            acronym: s.chars().all(|c| c.is_uppercase() || c == '.') && s.chars().nth(1).is_some(),
        });
        let si = t.sentence as usize;
        match sents.last_mut() {
            Some(last) if tsent.last() == Some(&si) => last.1 = i + 1,
            _ => sents.push((i, i + 1)),
        }
        tsent.push(sents.len() - 1);
    }
    let n = toks.len();
    let mut ctx = Ctx {
        text,
        toks,
        sents,
        tsent,
        direct,
        used: vec![false; n],
        anchor: Vec::new(),
    };
    ctx.anchor = (0..n).map(|i| ctx.cue_candidate(i, stage, cues)).collect();
    let mut attrs = ctx.direct_attributions();
    let verbs = ctx.verb_attributions(&attrs);
    attrs.extend(verbs);
    attrs.extend(ctx.noun_attributions());
    if let Some(out) = candidates {
        out.extend(attrs.iter().map(|a| Candidate {
            span: trim_span(text, a.content),
            features: ctx.features(a),
        }));
    }
    if let Some(m) = filter {
        let mut buf = String::new();
        attrs.retain(|a| ctx.keep(a, m, stage.min_attr, &mut buf));
    }
    ctx.drop_nested(&mut attrs, cues, stage.nested_cue);
    attrs.sort_by_key(|a| (a.content.start, a.content.end));
    ctx.continuations(&mut attrs);
    if attrs.is_empty() {
        // nothing to attribute: no need for the document's name mentions
        return Vec::new();
    }
    let names = NameIndex::build(doc, &ctx.toks);
    ctx.to_quotes(doc, &names, attrs)
}

impl<'a> Ctx<'a> {
    /// Features of an attribution for the learned filter: the rule that found it, with its
    /// cue word, the kind of speaker mention, and the content length.
    fn features(&self, a: &Attr) -> Vec<String> {
        let (p, cue, spk, len) = self.feature_parts(a);
        vec![
            p.to_string(),
            format!("{p}|c:{cue}"),
            format!("{p}|s:{spk}"),
            format!("{p}|l:{len}"),
        ]
    }

    /// The parts of [`Ctx::features`]: rule, cue word, speaker kind, length class.
    fn feature_parts(&self, a: &Attr) -> (&'static str, &str, &'static str, &'static str) {
        let p = a.pattern;
        let cue = a
            .cue
            .map(|(_, e)| self.lower(e.saturating_sub(1)))
            .unwrap_or_default();
        let spk = match a.speaker {
            None => "none",
            Some((s, e)) if e == s + 1 && is_pronoun(self.lower(s)) => "pro",
            Some((s, e)) if (s..e).any(|k| self.toks[k].cap) => "name",
            Some(_) => "np",
        };
        let n = self
            .tok_from(a.content.end)
            .saturating_sub(self.tok_from(a.content.start));
        let len = match n {
            0..=3 => "1",
            4..=8 => "2",
            9..=20 => "3",
            21..=40 => "4",
            _ => "5",
        };
        (p, cue, spk, len)
    }

    /// [`AttrModel::keep`] of this attribution's features, without building them one by one.
    fn keep(&self, a: &Attr, m: &AttrModel, min: f32, buf: &mut String) -> bool {
        let (p, cue, spk, len) = self.feature_parts(a);
        m.keep_parts(p, [("c:", cue), ("s:", spk), ("l:", len)], min, buf)
    }

    /// Drops an attribution whose cue sits inside another one's content ("X said he
    /// [refused] to ...") unless its cue is a strong speech verb ("X said he says ...").
    fn drop_nested(&self, attrs: &mut Vec<Attr>, cues: &CueModel, min: f32) {
        let starts: Vec<Option<usize>> = attrs
            .iter()
            .map(|b| {
                let (c0, c1) = b.cue?;
                if b.direct.is_some() {
                    return None;
                }
                let head = self.lower(c1.saturating_sub(1));
                let strong = cues
                    .words
                    .get(head)
                    .is_some_and(|&(p, t)| p as f32 / (t as f32 + 2.0) >= min);
                (!strong).then(|| self.toks.get(c0).map(|t| t.span.start))?
            })
            .collect();
        let contents: Vec<Span> = attrs.iter().map(|a| a.content).collect();
        let mut k = 0;
        attrs.retain(|_| {
            let i = k;
            k += 1;
            let Some(cb) = starts[i] else { return true };
            !contents
                .iter()
                .enumerate()
                .any(|(j, c)| j != i && c.start <= cb && cb < c.end)
        });
    }

    fn lower(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.lower).unwrap_or("")
    }
    /// First token starting at or after byte `b`.
    fn tok_from(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < b)
    }
    /// Is there a line break between bytes `a` and `b`?
    fn breaks(&self, a: usize, b: usize) -> bool {
        self.text
            .get(a.min(b)..b.max(a))
            .is_some_and(|s| s.contains('\n'))
    }

    /// Does the learned cue model take token `i` as a cue?
    fn cue_candidate(&self, i: usize, cfg: &Config, cues: &CueModel) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if !t.alpha || t.inq || is_cue_adverb(t.lower) || is_aux(t.lower) {
            return false;
        }
        // most words are no cue: no need to look at their neighbours
        let Some(entry) = cues.entry(t.lower) else {
            return false;
        };
        // a capitalised word inside a sentence is a name ("Todd Stern")
        if t.cap
            && i > 0
            && self.tsent.get(i - 1) == self.tsent.get(i)
            && !matches!(
                self.lower(i - 1),
                "\"" | "“" | "”" | "'" | "(" | ":" | "—" | "–"
            )
        {
            return false;
        }
        let nb = |k: Option<usize>| -> Option<&str> {
            let k = k?;
            let n = self.toks.get(k)?;
            let (a, b) = if k < i {
                (n.span.end, t.span.start)
            } else {
                (t.span.end, n.span.start)
            };
            if self.breaks(a, b) {
                None
            } else {
                Some(n.span.text(self.text))
            }
        };
        let raw_prev = nb(i.checked_sub(1));
        let raw_next = nb(Some(i + 1));
        let (p, c) = entry.score(raw_prev, raw_next);
        p >= cfg.min_precision && c >= cfg.min_count
    }

    fn is_anchor(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if !t.alpha || t.inq {
            return false;
        }
        if t.lower == "according" {
            return self.lower(i + 1) == "to";
        }
        if is_noun_cue(t.lower) && !matches!(t.lower, "claims" | "reports" | "comment") {
            return false;
        }
        self.anchor.get(i).copied().unwrap_or(false)
    }

    /// Extends a cue anchor left over auxiliaries and adverbs ("has also said").
    fn cue_start(&self, i: usize, lo: usize) -> usize {
        let mut j = i;
        while j > lo {
            let w = self.lower(j - 1);
            if is_aux(w) || is_cue_adverb(w) {
                j -= 1;
            } else {
                break;
            }
        }
        // "he's said": keep the clitic only when a pronoun/name precedes
        j
    }

    /// The noun phrase ending right before token `end` (exclusive), not before `lo`.
    fn np_back(&self, end: usize, lo: usize) -> Option<(usize, usize)> {
        if end <= lo {
            return None;
        }
        let last = self.toks.get(end - 1)?;
        if last.inq {
            return None;
        }
        if is_pronoun(last.lower) && last.lower != "which" && !last.acronym {
            return Some((end - 1, end));
        }
        let mut j = end;
        while j > lo {
            let t = &self.toks[j - 1];
            if t.inq {
                break;
            }
            let w = t.lower;
            if w == "'s" || w == "’s" {
                if j < end {
                    j -= 1;
                    continue;
                }
                break;
            }
            if w == ")" {
                // a parenthesis inside the phrase: "Rep. Gregory Meeks (D-N.Y.)"
                let open = (lo.max(j.saturating_sub(8))..j - 1)
                    .rev()
                    .find(|&k| self.lower(k) == "(");
                if let Some(k) = open {
                    j = k;
                    continue;
                }
                break;
            }
            if !t.alpha && !t.lower.starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
            if w == "of" {
                // "Secretary of State", "one of the officials"
                let next_cap = self.toks.get(j).is_some_and(|n| n.cap);
                if j < end && (next_cap || matches!(self.lower(j), "the" | "his" | "her")) {
                    j -= 1;
                    continue;
                }
                break;
            }
            if is_determiner(w) {
                j -= 1;
                break;
            }
            if (is_np_stop(w) || is_pronoun(w)) && !t.acronym {
                break;
            }
            if j < end && self.is_anchor(j - 1) && !t.cap {
                break;
            }
            j -= 1;
            if end - j >= 9 {
                break;
            }
        }
        (j < end).then_some((j, end))
    }

    /// Speaker before a cue starting at `cs`: a plain noun phrase or `NAME, APPOSITIVE,`.
    /// Returns (speaker, appositive).
    #[allow(clippy::type_complexity)]
    fn speaker_before(
        &self,
        cs: usize,
        lo: usize,
    ) -> Option<((usize, usize), Option<(usize, usize)>)> {
        if cs <= lo {
            return None;
        }
        if self.lower(cs - 1) == "," {
            // `NAME, APPOSITIVE[, RELATIVE CLAUSE], said`: the nearest comma-bounded segment
            // (before the last) that is a whole name phrase
            let commas: Vec<usize> = (lo..cs - 1)
                .filter(|&k| self.lower(k) == "," && !self.toks[k].inq)
                .collect();
            // `ROLE, NAME, said`: the segment right before the cue is itself a name
            if let Some(&last) = commas.last() {
                if let Some(np) = self.np_back(cs - 1, last + 1) {
                    let all_caps = (np.0..np.1).all(|k| self.toks[k].cap || !self.toks[k].alpha);
                    if np.0 == last + 1 && all_caps && np.1 - np.0 <= 4 {
                        let st = commas
                            .len()
                            .checked_sub(2)
                            .map(|i| commas[i] + 1)
                            .unwrap_or(lo);
                        return Some((np, Some((st, last))));
                    }
                }
            }
            for si in (0..commas.len()).rev() {
                let et = commas[si];
                let st = if si == 0 { lo } else { commas[si - 1] + 1 };
                if cs - st > 45 {
                    break;
                }
                let Some(np) = self.np_back(et, st) else {
                    continue;
                };
                let full = np.0 == st
                    || (np.0 == st + 1
                        && matches!(
                            self.lower(st),
                            "but" | "and" | "however" | "meanwhile" | "still" | "yet" | "so"
                        ));
                let named = (np.0..np.1).any(|k| {
                    let t = &self.toks[k];
                    t.acronym || (t.cap && (k > lo || np.1 - np.0 >= 2))
                }) || (np.1 - np.0 == 1 && is_pronoun(self.lower(np.0)));
                if full && named {
                    return Some((np, Some((et + 1, cs - 1))));
                }
            }
            return None;
        }
        self.np_back(cs, lo).map(|s| (s, None))
    }

    /// The noun phrase starting at `start`, not past `hi`.
    fn np_after(&self, start: usize, hi: usize) -> Option<(usize, usize)> {
        let mut j = start;
        if j < hi && is_pronoun(self.lower(j)) {
            return Some((j, j + 1));
        }
        while j < hi && is_determiner(self.lower(j)) {
            j += 1;
        }
        while j < hi {
            let t = &self.toks[j];
            let w = t.lower;
            if t.inq {
                break;
            }
            if w == "'s" || w == "’s" {
                j += 1;
                continue;
            }
            if w == "of"
                && self
                    .toks
                    .get(j + 1)
                    .is_some_and(|n| n.cap || n.lower == "the")
            {
                j += 1;
                continue;
            }
            if !t.alpha && !w.starts_with(|c: char| c.is_ascii_digit()) {
                break;
            }
            if is_np_stop(w) && !t.acronym {
                break;
            }
            j += 1;
            if j - start >= 9 {
                break;
            }
        }
        // a phrase of determiners only is no phrase
        let has_word = (start..j).any(|k| !is_determiner(self.lower(k)));
        (j > start && has_word).then_some((start, j))
    }

    /// Last content token of a sentence range (drops final punctuation).
    fn content_end(&self, lo: usize, hi: usize) -> usize {
        let mut e = hi;
        while e > lo && {
            let w = self.lower(e - 1);
            is_end_punct(w) || w == "," || w == ":"
        } {
            e -= 1;
        }
        e
    }

    /// Byte span of tokens `[a, b)`, grown to cover any direct quotation it cuts into.
    fn content_span(&self, a: usize, b: usize) -> Option<Span> {
        if a >= b {
            return None;
        }
        let mut s = Span::new(self.toks.get(a)?.span.start, self.toks.get(b - 1)?.span.end);
        for d in &self.direct {
            if d.overlaps(&s) {
                s.start = s.start.min(d.start);
                s.end = s.end.max(d.end);
            }
        }
        Some(s)
    }

    /// Attributions of direct quotations: after (`," X said`) or before (`X said: "`).
    fn direct_attributions(&mut self) -> Vec<Attr> {
        let mut out = Vec::new();
        for qi in 0..self.direct.len() {
            let q = self.direct[qi];
            if let Some(a) = self
                .attr_after(qi, q)
                .or_else(|| self.attr_dash(qi, q))
                .or_else(|| self.attr_before(qi, q))
            {
                if let Some((c0, c1)) = a.cue {
                    for u in &mut self.used[c0..c1] {
                        *u = true;
                    }
                }
                out.push(a);
            }
        }
        // an interrupted quotation: `"A," X said. "B."` is one quotation
        let mut merged: Vec<Attr> = Vec::new();
        let mut taken: Vec<usize> = out.iter().filter_map(|a| a.direct).collect();
        taken.sort_unstable();
        for a in out {
            let Some(qi) = a.direct else {
                merged.push(a);
                continue;
            };
            let q = self.direct[qi];
            let mut a = a;
            let after = a.cue.map(|c| c.0).unwrap_or(0) > self.tok_from(q.end);
            let after = after || a.speaker.is_some_and(|s| s.0 >= self.tok_from(q.end));
            if let (true, Some(next)) = (after, self.direct.get(qi + 1)) {
                if taken.binary_search(&(qi + 1)).is_err() && !self.breaks(q.end, next.start) {
                    // only the attribution clause between them
                    let k = self.tok_from(next.start);
                    let cue_sent = a.cue.and_then(|c| self.tsent.get(c.0)).copied();
                    let next_sent = self.tsent.get(k).copied();
                    let gap_ok = match (cue_sent, next_sent) {
                        (Some(c), Some(nx)) => {
                            nx == c || (nx == c + 1 && self.sents.get(nx).is_some_and(|s| s.0 == k))
                        }
                        _ => false,
                    };
                    // no other cue between ("he said, adding that "...")
                    let from = a
                        .cue
                        .map(|c| c.1)
                        .unwrap_or(k)
                        .max(a.speaker.map(|s| s.1).unwrap_or(0));
                    let gap_ok = gap_ok
                        && !(from..k).any(|x| {
                            self.is_anchor(x)
                                && matches!(self.lower(x + 1), "that" | ":" | "," | "\"" | "“")
                        });
                    if gap_ok {
                        a.content.end = next.end;
                        taken.push(qi + 1);
                        taken.sort_unstable();
                    }
                }
            }
            merged.push(a);
        }
        merged
    }

    fn attr_after(&self, qi: usize, q: Span) -> Option<Attr> {
        // `... end."` closes the sentence: what follows is a new one
        let inner = self.text.get(q.start..q.end).unwrap_or("");
        let inner = inner.trim_end_matches(|c: char| "\"”'’»` ".contains(c));
        if inner.ends_with('.') && !inner.ends_with("..") {
            return None;
        }
        let start = self.tok_from(q.end);
        let first = self.toks.get(start)?;
        if first.inq || self.breaks(q.end, first.span.start) {
            return None;
        }
        let hi = self.sents.get(*self.tsent.get(start)?)?.1;
        let lim = hi.min(start + 45);
        for a in start..lim {
            let t = &self.toks[a];
            if t.inq || is_end_punct(t.lower) {
                break;
            }
            if !self.is_anchor(a) {
                continue;
            }
            let cs = self.cue_start(a, start);
            let cue_end = if self.lower(a) == "according" {
                a + 2
            } else {
                a + 1
            };
            let lead = if self.lower(start) == "," {
                start + 1
            } else {
                start
            };
            let (speaker, appos) = if cs <= lead {
                // inverted: `," said Toner`
                (self.np_after(cue_end, hi), None)
            } else {
                match self.speaker_before(cs, start) {
                    Some((sp, app)) if sp.0 == lead => (Some(sp), app),
                    _ => continue,
                }
            };
            if speaker.is_none() {
                continue;
            }
            return Some(Attr {
                content: q,
                cue: Some((cs, cue_end)),
                speaker,
                appos,
                direct: Some(qi),
                continuation: false,
                pattern: "d_after",
            });
        }
        None
    }

    fn attr_before(&self, qi: usize, q: Span) -> Option<Attr> {
        let k = self.tok_from(q.start);
        if k == 0 {
            return None;
        }
        let mut e = k; // exclusive end of the attribution clause
        if matches!(self.lower(e - 1), ":" | ",") {
            e -= 1;
        }
        let prev = self.toks.get(e.checked_sub(1)?)?;
        if prev.inq || self.breaks(prev.span.end, q.start) {
            return None;
        }
        let lo = self.sents.get(*self.tsent.get(e - 1)?)?.0;
        // the anchor right before, or an addressee between ("told reporters:")
        let mut a = None;
        for back in 1..=4usize {
            let Some(x) = e.checked_sub(back) else { break };
            if x < lo {
                break;
            }
            if self.is_anchor(x) {
                if !self.used[x] && (back == 1 || takes_addressee(self.lower(x))) {
                    a = Some(x);
                }
                break;
            }
        }
        let Some(a) = a else {
            // `NAME: "..."` (headlines, transcripts): the colon is the cue
            if e < k && self.lower(e) == ":" {
                let sp = self.np_back(e, lo)?;
                if sp.0 == lo && (sp.0..sp.1).any(|x| self.toks[x].cap) {
                    return Some(Attr {
                        content: q,
                        cue: Some((e, e + 1)),
                        speaker: Some(sp),
                        appos: None,
                        direct: Some(qi),
                        continuation: false,
                        pattern: "d_colon",
                    });
                }
            }
            return None;
        };
        let cs = self.cue_start(a, lo);
        let (sp, app) = self.speaker_before(cs, lo)?;
        Some(Attr {
            content: q,
            cue: Some((cs, a + 1)),
            speaker: Some(sp),
            appos: app,
            direct: Some(qi),
            continuation: false,
            pattern: "d_before",
        })
    }

    /// `"..." ― Name`: a dash before a name that ends its line.
    fn attr_dash(&self, qi: usize, q: Span) -> Option<Attr> {
        let k = self.tok_from(q.end);
        let t = self.toks.get(k)?;
        if !matches!(t.lower, "―" | "—" | "–" | "-" | "--") || self.breaks(q.end, t.span.start)
        {
            return None;
        }
        let mut e = k + 1;
        while e < self.toks.len() && e < k + 8 {
            let x = &self.toks[e];
            if self.breaks(self.toks[e - 1].span.end, x.span.start)
                || !(x.alpha || x.lower == "." || x.lower == "-")
            {
                break;
            }
            e += 1;
        }
        let name = (k + 1, e);
        let ends_line = self.toks.get(e).is_none_or(|x| {
            self.breaks(self.toks[e - 1].span.end, x.span.start)
                || is_end_punct(x.lower)
                || x.lower == ","
        });
        if e > k + 1 && ends_line && self.toks[k + 1].cap {
            return Some(Attr {
                content: q,
                cue: Some((k, k + 1)),
                speaker: Some(name),
                appos: None,
                direct: Some(qi),
                continuation: false,
                pattern: "d_dash",
            });
        }
        None
    }

    /// Indirect and mixed quotations around cue verbs.
    fn verb_attributions(&mut self, prior: &[Attr]) -> Vec<Attr> {
        let mut out: Vec<Attr> = Vec::new();
        for si in 0..self.sents.len() {
            let (lo, hi) = self.sents[si];
            let end = self.content_end(lo, hi);
            for i in lo..hi {
                if self.used[i] || !self.is_anchor(i) {
                    continue;
                }
                let found = self.verb_attr(i, lo, hi, end).or_else(|| {
                    // the speaker of the sentence's earlier attribution, or its subject
                    let inherited = prior
                        .iter()
                        .chain(out.iter())
                        .filter(|a| a.cue.is_some_and(|c| c.0 >= lo && c.1 <= i))
                        .filter_map(|a| a.speaker)
                        .next_back()
                        .or_else(|| {
                            self.np_after(lo, hi).filter(|&(a, b)| {
                                b <= i
                                    && (a..b).any(|k| self.toks[k].cap || is_pronoun(self.lower(k)))
                            })
                        });
                    self.shared_subject_attr(i, lo, hi, end, inherited)
                });
                if let Some(a) = found {
                    if let Some((c0, c1)) = a.cue {
                        for u in &mut self.used[c0..c1] {
                            *u = true;
                        }
                    }
                    out.push(a);
                }
            }
        }
        out
    }

    fn verb_attr(&self, i: usize, lo: usize, hi: usize, end: usize) -> Option<Attr> {
        let w = self.lower(i);
        let prev = if i > lo { self.lower(i - 1) } else { "" };
        if w == "according" {
            let sp = self.np_after(i + 2, hi)?;
            let content = if i == lo || (i == lo + 1 && !self.toks[lo].alpha) {
                // "According to X, CONTENT"
                let mut c = sp.1;
                while c < end && self.lower(c) != "," {
                    c += 1;
                }
                self.content_span(c + 1, end)?
            } else if prev == "," {
                self.content_span(lo, i - 1)?
            } else {
                return None;
            };
            return Some(Attr {
                content,
                cue: Some((i, i + 2)),
                speaker: Some(sp),
                appos: None,
                direct: None,
                continuation: false,
                pattern: "according",
            });
        }
        // a cue noun in verb form after a determiner is a noun
        if is_determiner(prev) || prev == "'s" || prev == "’s" || prev == "to" {
            return None;
        }
        let cs = self.cue_start(i, lo);
        let tail_short = {
            let mut k = i + 1;
            let mut n = 0;
            let mut ok = true;
            while k < end && self.lower(k) != "," {
                let t = &self.toks[k];
                if t.inq || t.lower == "that" || n >= 6 {
                    ok = false;
                    break;
                }
                n += 1;
                k += 1;
            }
            ok
        };
        if let Some((sp, app)) = self.speaker_before(cs, lo) {
            let before_ok = sp.0 > lo && {
                let p = self.lower(sp.0 - 1);
                p == "," || is_quote_mark(p)
            };
            if before_ok && tail_short {
                // CONTENT, X said.   or   CONTENT, X said, MORE CONTENT.
                let mut ce = sp.0 - 1;
                while ce > lo && matches!(self.lower(ce - 1), "," | "\"" | "”") {
                    ce -= 1;
                }
                let mut k = i + 1;
                while k < end && self.lower(k) != "," {
                    k += 1;
                }
                let more = k + 1 < end && !self.is_anchor(k + 1) && !self.toks[k + 1].inq;
                // the content starts after an earlier clause of the sentence ("..., but CONTENT,
                // X said")
                let cstart = (lo..ce)
                    .rev()
                    .find(|&x| {
                        !self.toks[x].inq
                            && (self.lower(x) == ";"
                                || (self.lower(x) == ","
                                    && self.lower(x + 1) == "but"
                                    && x + 2 < ce))
                    })
                    .map(|x| if self.lower(x) == ";" { x + 1 } else { x + 2 })
                    .unwrap_or(lo);
                let content = if more {
                    self.content_span(cstart, end)?
                } else {
                    self.content_span(cstart, ce)?
                };
                return Some(Attr {
                    content,
                    cue: Some((cs, i + 1)),
                    speaker: Some(sp),
                    appos: app,
                    direct: None,
                    continuation: false,
                    pattern: "before",
                });
            }
            // X said (that) CONTENT
            let start = self.content_start(i, end);
            let content = self.content_span(start, self.clause_end(start, end))?;
            return Some(Attr {
                content,
                cue: Some((cs, i + 1)),
                speaker: Some(sp),
                appos: app,
                direct: None,
                continuation: false,
                pattern: "after",
            });
        }
        // CONTENT, said X.
        if cs > lo && self.lower(cs - 1) == "," {
            let sp = self.np_after(i + 1, hi)?;
            if sp.1 >= end || self.lower(sp.1) == "," {
                let content = self.content_span(lo, cs - 1)?;
                return Some(Attr {
                    content,
                    cue: Some((cs, i + 1)),
                    speaker: Some(sp),
                    appos: None,
                    direct: None,
                    continuation: false,
                    pattern: "inverted",
                });
            }
        }
        None
    }

    /// Cues without their own subject: `..., citing X`, `... and said X`, `Citing X, Trump ...`.
    fn shared_subject_attr(
        &self,
        i: usize,
        lo: usize,
        hi: usize,
        end: usize,
        inherited: Option<(usize, usize)>,
    ) -> Option<Attr> {
        let w = self.lower(i);
        let cs = self.cue_start(i, lo);
        let prev = if cs > lo { self.lower(cs - 1) } else { "" };
        let gerund = w.len() > 4 && w.ends_with("ing");
        let first = cs == lo
            || (cs == lo + 1 && matches!(self.lower(lo), "but" | "and" | "while" | "after"));
        if gerund && first {
            // "Citing X, Trump said ..."
            let mut c = i + 1;
            while c < end && self.lower(c) != "," {
                c += 1;
            }
            let speaker = self.np_after(c + 1, hi)?;
            let content = self.content_span(i + 1, c)?;
            return Some(Attr {
                content,
                cue: Some((cs, i + 1)),
                speaker: Some(speaker),
                appos: None,
                direct: None,
                continuation: false,
                pattern: "lead_gerund",
            });
        }
        if !((gerund && prev == ",") || prev == "and") {
            return None;
        }
        let speaker = inherited?;
        let start = self.content_start(i, end);
        let content = self.content_span(start, self.clause_end(start, end))?;
        Some(Attr {
            content,
            cue: Some((cs, i + 1)),
            speaker: Some(speaker),
            appos: None,
            direct: None,
            continuation: false,
            pattern: "shared",
        })
    }

    /// Where reported content that starts at `start` ends: the sentence end, or an earlier
    /// break into a new clause (`, but`, `, which`, `, adding`, `; `, ` — `).
    fn clause_end(&self, start: usize, end: usize) -> usize {
        let mut k = start + 2;
        while k < end {
            let t = &self.toks[k];
            if !t.inq {
                let w = t.lower;
                if matches!(w, ";" | "—" | "–" | "--") {
                    return k;
                }
                // "... and says he will ..."
                if w == "and"
                    && (self.is_anchor(k + 1)
                        || (is_aux(self.lower(k + 1)) && self.is_anchor(k + 2)))
                {
                    return k;
                }
                if w == "," {
                    let nx = self.lower(k + 1);
                    let nx2 = self.lower(k + 2);
                    let breaks = matches!(
                        nx,
                        "but"
                            | "while"
                            | "although"
                            | "though"
                            | "whereas"
                            | "which"
                            | "who"
                            | "according"
                            | "even"
                            | "as"
                            | "after"
                            | "before"
                            | "because"
                            | "since"
                            | "so"
                            | "yet"
                            | "when"
                            | "where"
                    ) || (nx.len() > 5 && nx.ends_with("ing"))
                        || (nx == "and"
                            && (is_pronoun(nx2) || self.is_anchor(k + 2) || self.is_anchor(k + 3)))
                        || self.is_anchor(k + 1);
                    if breaks && !self.toks.get(k + 1).is_some_and(|n| n.inq) {
                        return k;
                    }
                }
            }
            k += 1;
        }
        end
    }

    /// Where the content begins after a cue verb: past an addressee, adverbials and "that".
    fn content_start(&self, i: usize, end: usize) -> usize {
        let mut j = i + 1;
        // a particle belongs to the cue: "pointed out", "referred to Mr. X"
        if matches!(self.lower(j), "out" | "up")
            || (self.lower(j) == "to"
                && self.toks.get(j + 1).is_some_and(|t| {
                    t.cap || is_determiner(t.lower) || is_pronoun(t.lower) || !t.alpha
                }))
        {
            j += 1;
        }
        // "that" a few tokens on, past an adverbial or an addressee ("said on Monday that",
        // "told reporters that"), but not a relative "that" ("says there is a law that")
        let first = self.lower(j);
        let adverbial = matches!(
            first,
            "in" | "on"
                | "at"
                | "during"
                | "to"
                | "with"
                | "after"
                | "before"
                | "from"
                | "about"
                | "for"
                | "last"
                | "this"
                | "earlier"
                | "later"
                | "yesterday"
                | "today"
                | "tonight"
                | "recently"
                | "again"
                | "repeatedly"
                | ","
                | "privately"
                | "publicly"
                | "late"
                | "early"
                | "over"
                | "through"
                | "while"
                | "when"
        ) || is_cue_adverb(first)
            || self.toks.get(j).is_some_and(|t| t.cap && !t.acronym)
            || takes_addressee(self.lower(i));
        let reach = if first == "that" || first == ":" {
            j + 1
        } else if adverbial {
            (j + 12).min(end)
        } else {
            j
        };
        for k in j..reach.min(end) {
            let w = self.lower(k);
            // the complementiser belongs to the content, as annotators mark it
            if w == "that" {
                return k;
            }
            if w == ":" {
                return k + 1;
            }
            if self.toks[k].inq || is_end_punct(w) {
                break;
            }
        }
        if takes_addressee(self.lower(i)) {
            if let Some(np) = self.np_after(j, end) {
                j = np.1;
            }
        }
        while j < end && matches!(self.lower(j), "," | ":") {
            j += 1;
        }
        j
    }

    /// `X's claim that CONTENT`, `the remarks made by X that CONTENT`, `a NYT report that`.
    fn noun_attributions(&mut self) -> Vec<Attr> {
        let mut out = Vec::new();
        for si in 0..self.sents.len() {
            let (lo, hi) = self.sents[si];
            let end = self.content_end(lo, hi);
            for i in lo..hi {
                let t = &self.toks[i];
                if t.inq || self.used[i] || !is_noun_cue(t.lower) {
                    continue;
                }
                // find "that" shortly after, with an optional by-phrase
                let mut k = i + 1;
                let mut by: Option<usize> = None;
                while k < end && k <= i + 16 {
                    let w = self.lower(k);
                    if w == "that" {
                        break;
                    }
                    if w == "by" || (w == "from" && by.is_none()) {
                        by = Some(k);
                    }
                    if is_end_punct(w) || self.toks[k].inq || (w == "," && by.is_none()) {
                        k = end;
                        break;
                    }
                    k += 1;
                }
                if k >= end || self.lower(k) != "that" || (k > i + 1 && by.is_none()) {
                    continue;
                }
                let speaker = if let Some(b) = by {
                    (b + 1 < k).then_some((b + 1, k))
                } else if i > lo && matches!(self.lower(i - 1), "'s" | "’s") {
                    self.np_back(i - 1, lo)
                } else if i > lo && matches!(self.lower(i - 1), "his" | "her" | "their" | "its") {
                    Some((i - 1, i))
                } else {
                    // "a New York Times report that"
                    let np = self.np_back(i, lo);
                    np.and_then(|(a, _)| {
                        let mut a = a;
                        while a < i && is_determiner(self.lower(a)) {
                            a += 1;
                        }
                        (a < i && self.toks[a].cap).then_some((a, i))
                    })
                };
                let Some(speaker) = speaker else { continue };
                let Some(content) = self.content_span(k, end) else {
                    continue;
                };
                self.used[i] = true;
                out.push(Attr {
                    content,
                    cue: Some((i, i + 1)),
                    speaker: Some(speaker),
                    appos: None,
                    direct: None,
                    continuation: false,
                    pattern: "noun",
                });
            }
        }
        out
    }

    /// Direct quotations with no attribution: a quoted sentence continues the previous
    /// speaker; a quoted fragment inside another quotation's content is part of that one.
    fn continuations(&self, attrs: &mut Vec<Attr>) {
        let mut covered: Vec<bool> = vec![false; self.direct.len()];
        for a in attrs.iter() {
            for (qi, d) in self.direct.iter().enumerate() {
                if a.content.overlaps(d) {
                    covered[qi] = true;
                }
            }
        }
        for (qi, d) in self.direct.iter().enumerate() {
            if covered[qi] {
                continue;
            }
            let k = self.tok_from(d.start);
            let Some(si) = self.tsent.get(k) else {
                continue;
            };
            let sent_start = self.sents.get(*si).map(|s| s.0).unwrap_or(k);
            let starts_sentence =
                k == sent_start || self.breaks(self.toks[k.saturating_sub(1)].span.end, d.start);
            let words = self.tok_from(d.end).saturating_sub(k);
            if !starts_sentence || words < 6 {
                continue;
            }
            attrs.push(Attr {
                content: *d,
                cue: None,
                speaker: None,
                appos: None,
                direct: Some(qi),
                continuation: true,
                pattern: "cont",
            });
        }
        attrs.sort_by_key(|a| (a.content.start, a.content.end));
    }

    fn to_quotes(&self, doc: &Document, names: &NameIndex, attrs: Vec<Attr>) -> Vec<Quote> {
        let mut out: Vec<Quote> = Vec::with_capacity(attrs.len());
        let mut prev: Option<(Option<Mention>, Resolved)> = None;
        for a in attrs {
            let (speaker, resolved) = if a.continuation {
                match &prev {
                    Some((m, r)) => (m.clone(), r.clone()),
                    None => continue,
                }
            } else {
                let sp = a.speaker.map(|(s, e)| self.mention(s, e));
                let r = a
                    .speaker
                    .map(|(s, e)| names.resolve(self, doc, s, e, a.appos))
                    .unwrap_or_default();
                (sp, r)
            };
            let content = trim_span(self.text, a.content);
            if content.is_empty() {
                continue;
            }
            let kind = self.kind_of(content);
            prev = Some((speaker.clone(), resolved.clone()));
            out.push(Quote {
                span: content,
                text: content.text(self.text).to_string(),
                kind,
                cue: a.cue.map(|(s, e)| self.mention(s, e)),
                speaker,
                speaker_name: resolved.name,
                speaker_titles: resolved.titles,
                speaker_entity: resolved.entity,
                actor_id: None,
            });
        }
        out
    }

    fn mention(&self, s: usize, e: usize) -> Mention {
        let span = match (
            self.toks.get(s),
            e.checked_sub(1).and_then(|x| self.toks.get(x)),
        ) {
            (Some(a), Some(b)) => Span::new(a.span.start, b.span.end),
            _ => Span::default(),
        };
        Mention {
            span,
            text: span.text(self.text).to_string(),
        }
    }

    fn kind_of(&self, c: Span) -> QuoteKind {
        let mut inside = false;
        for d in &self.direct {
            if d.contains(&c) || c.contains(d) && trim_span(self.text, *d) == c {
                return QuoteKind::Direct;
            }
            if trim_span(self.text, *d) == c || (c.contains(d) && d.len() + 3 >= c.len()) {
                return QuoteKind::Direct;
            }
            if c.overlaps(d) {
                inside = true;
            }
        }
        if inside {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        }
    }
}

/// Trims whitespace at both ends of a span.
fn trim_span(text: &str, s: Span) -> Span {
    let Some(t) = text.get(s.start..s.end) else {
        return Span::new(s.start, s.start);
    };
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead + trail >= t.len() {
        return Span::new(s.start, s.start);
    }
    Span::new(s.start + lead, s.end - trail)
}

#[cfg(test)]
mod tests;
