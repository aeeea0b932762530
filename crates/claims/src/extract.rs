//! Claim extraction: the propositions a document asserts, with who asserts them.
//!
//! Sources, in order: every quote (`doc.quotes`), reported statements the quotes stage did not
//! cover ("Aziz's claim that …", "the remarks made by … Sartaj Aziz that …"), and the headline
//! and lead, which the publisher asserts. Each claim gets its polarity (negation), modality
//! (hedged or certain), date (a relative date in its sentence, else the publication date) and
//! the entities it is about.
use crate::lex;
use dateline_core::{Claim, Document, Modality, Polarity, Span};

/// Nouns that introduce a reported proposition with "that".
#[cfg_attr(not(test), allow(dead_code))]
const CLAIM_NOUNS: &[&str] = &[
    "allegation",
    "assertion",
    "assurance",
    "belief",
    "claim",
    "contention",
    "denial",
    "insistence",
    "remark",
    "remarks",
    "statement",
    "suggestion",
    "view",
    "warning",
];

/// Speech verbs that report a statement ("X said P", "P, X said").
const SPEECH_VERBS: &[&str] = &[
    "added",
    "announced",
    "argued",
    "asserted",
    "claimed",
    "claims",
    "declared",
    "insisted",
    "maintained",
    "noted",
    "said",
    "says",
    "stated",
    "warned",
];

#[cfg_attr(not(test), allow(dead_code))]
const NOT_NAME_STARTS: &[&str] = &[
    "also",
    "although",
    "and",
    "april",
    "august",
    "but",
    "december",
    "earlier",
    "february",
    "friday",
    "however",
    "january",
    "july",
    "june",
    "later",
    "march",
    "meanwhile",
    "monday",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "today",
    "tuesday",
    "wednesday",
    "yesterday",
];

/// A clause that starts with these is not an assertion of its own.
const SUBORDINATORS: &[&str] = &[
    "although", "as", "asked", "because", "if", "in", "on", "unless", "when", "whether", "while",
];

/// Words that hedge an assertion (modality), beyond negation.
#[cfg_attr(not(test), allow(dead_code))]
const HEDGES: &[&str] = &[
    "allegedly",
    "apparently",
    "appear",
    "appears",
    "believe",
    "believed",
    "believes",
    "could",
    "expect",
    "expects",
    "hope",
    "hopeful",
    "likely",
    "may",
    "maybe",
    "might",
    "perhaps",
    "possibly",
    "probably",
    "reportedly",
    "seem",
    "seems",
    "suggest",
    "suggests",
    "suspect",
    "think",
    "thinks",
    "unlikely",
    "would",
];

/// [`HEDGING_CUES`]`.contains(w)`, as a match.
fn is_hedging_cue(w: &str) -> bool {
    matches!(
        w,
        "alleged"
            | "believes"
            | "claimed"
            | "estimated"
            | "guessed"
            | "speculated"
            | "suggested"
            | "suspects"
            | "thinks"
    )
}

/// [`SPEECH_VERBS`]`.contains(w)`, as a match.
fn is_speech_verb(w: &str) -> bool {
    matches!(
        w,
        "added"
            | "announced"
            | "argued"
            | "asserted"
            | "claimed"
            | "claims"
            | "declared"
            | "insisted"
            | "maintained"
            | "noted"
            | "said"
            | "says"
            | "stated"
            | "warned"
    )
}

/// [`CLAIM_NOUNS`]`.contains(w)`, as a match.
fn is_claim_noun(w: &str) -> bool {
    matches!(
        w,
        "allegation"
            | "assertion"
            | "assurance"
            | "belief"
            | "claim"
            | "contention"
            | "denial"
            | "insistence"
            | "remark"
            | "remarks"
            | "statement"
            | "suggestion"
            | "view"
            | "warning"
    )
}

/// [`NOT_NAME_STARTS`]`.contains(w)`, as a match.
fn is_not_name_start(w: &str) -> bool {
    matches!(
        w,
        "also"
            | "although"
            | "and"
            | "april"
            | "august"
            | "but"
            | "december"
            | "earlier"
            | "february"
            | "friday"
            | "however"
            | "january"
            | "july"
            | "june"
            | "later"
            | "march"
            | "meanwhile"
            | "monday"
            | "november"
            | "october"
            | "saturday"
            | "september"
            | "sunday"
            | "thursday"
            | "today"
            | "tuesday"
            | "wednesday"
            | "yesterday"
    )
}

/// Cue verbs that hedge what they report.
#[cfg_attr(not(test), allow(dead_code))]
const HEDGING_CUES: &[&str] = &[
    "alleged",
    "believes",
    "claimed",
    "estimated",
    "guessed",
    "speculated",
    "suggested",
    "suspects",
    "thinks",
];

/// Polarity by negation: negative when the text carries an odd number of negations
/// ("no longer exists", "has not taken a decision"), not counting "not only".
pub fn polarity(text: &str) -> Polarity {
    polarity_ws(&lex::words_ref(text))
}

fn polarity_ws(ws: &[lex::WordRef<'_>]) -> Polarity {
    let mut n = 0usize;
    for (i, w) in ws.iter().enumerate() {
        if lex::is_negation(&w.lower) {
            let next = ws.get(i + 1).map(|w| w.l());
            if w.lower == "not" && next == Some("only") {
                continue;
            }
            n += 1;
        }
    }
    if n % 2 == 1 {
        Polarity::Negative
    } else {
        Polarity::Positive
    }
}

/// Modality: hedged when the text or its cue verb hedges the assertion.
pub fn modality(text: &str, cue: Option<&str>) -> Modality {
    modality_ws(&lex::words_ref(text), cue)
}

/// `HEDGES.contains(w)`, as a match (one length test per word instead of a scan).
fn is_hedge(w: &str) -> bool {
    matches!(
        w,
        "allegedly"
            | "apparently"
            | "appear"
            | "appears"
            | "believe"
            | "believed"
            | "believes"
            | "could"
            | "expect"
            | "expects"
            | "hope"
            | "hopeful"
            | "likely"
            | "may"
            | "maybe"
            | "might"
            | "perhaps"
            | "possibly"
            | "probably"
            | "reportedly"
            | "seem"
            | "seems"
            | "suggest"
            | "suggests"
            | "suspect"
            | "think"
            | "thinks"
            | "unlikely"
            | "would"
    )
}

fn modality_ws(ws: &[lex::WordRef<'_>], cue: Option<&str>) -> Modality {
    let hedged = ws.iter().any(|w| is_hedge(w.l()))
        || cue.is_some_and(|c| lex::words_ref(c).iter().any(|w| is_hedging_cue(w.l())));
    if hedged {
        Modality::Hedged
    } else {
        Modality::Certain
    }
}

fn trim_quote(s: &str) -> &str {
    s.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '"' | '“' | '”' | '\'' | '‘' | '’' | ',' | '.' | ';' | ':'
            )
    })
}

/// The document text lower-cased once (ASCII letters only, so byte offsets stay the same),
/// for tokenising its slices without lower-casing word by word.
struct DocLower<'a> {
    text: &'a str,
    lower: String,
}

impl<'a> DocLower<'a> {
    fn new(text: &'a str) -> Self {
        DocLower {
            text,
            lower: text.to_ascii_lowercase(),
        }
    }

    /// `sub` lower-cased (ASCII letters) when it is a slice of the document text.
    fn lower_of(&self, sub: &str) -> Option<&str> {
        let off = (sub.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if off + sub.len() > self.text.len() {
            return None;
        }
        self.lower.get(off..off + sub.len())
    }

    /// [`lex::words_ref`] of `sub`, borrowing lower-cased words from the document's
    /// lower-cased text when `sub` is a slice of it.
    fn words<'s>(&'s self, sub: &'s str) -> Vec<lex::WordRef<'s>> {
        match self.lower_of(sub) {
            Some(l) => lex::words_ref_lowered(sub, l),
            None => lex::words_ref(sub),
        }
    }
}

/// The sentences of `doc`: the segmenter's, or a simple split when it has not run.
fn sentences(doc: &Document) -> Vec<Span> {
    if !doc.sentences.is_empty() {
        return doc.sentences.clone();
    }
    let t = doc.text.as_str();
    crate::features::split_sentences(t)
        .into_iter()
        .filter_map(|s| {
            let start = (s.as_ptr() as usize).checked_sub(t.as_ptr() as usize)?;
            Some(Span::new(start, start + s.len()))
        })
        .collect()
}

/// Runs of capitalised words ("Sartaj Aziz", "North Waziristan"), skipping a capitalised
/// function word that only starts the text.
pub fn capitalised_runs(text: &str) -> Vec<String> {
    capitalised_runs_ws(text, &lex::words_ref(text))
}

/// [`capitalised_runs`] of `text` given its words.
fn capitalised_runs_ws(text: &str, ws: &[lex::WordRef<'_>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut run_start = 0usize;
    let flush = |run: &mut Vec<&str>, start: usize, out: &mut Vec<String>| {
        if run.is_empty() {
            return;
        }
        if start == 0 && run.len() == 1 {
            let w = run[0].to_lowercase();
            if lex::is_stop(&w) || lex::is_negation(&w) {
                run.clear();
                return;
            }
        }
        let mut r: Vec<&str> = run.clone();
        while r.first().is_some_and(|w| lex::is_stop(&w.to_lowercase())) {
            r.remove(0);
        }
        if !r.is_empty() {
            out.push(r.join(" "));
        }
        run.clear();
    };
    for (i, w) in ws.iter().enumerate() {
        let raw = text.get(w.start..w.start + w.lower.len()).unwrap_or("");
        if w.capital && !w.number {
            if run.is_empty() {
                run_start = i;
            }
            run.push(raw);
        } else {
            flush(&mut run, run_start, &mut out);
        }
    }
    flush(&mut run, run_start, &mut out);
    out.sort();
    out.dedup();
    out
}

/// The fullest form of `name` in the document: an entity's canonical name, or the longest
/// capitalised run that ends with it ("Aziz" → "Sartaj Aziz").
pub fn resolve_name(doc: &Document, name: &str) -> String {
    resolve_name_in(doc, name, &std::cell::OnceCell::new(), None)
}

/// [`resolve_name`] with the document's capitalised runs computed once for all names.
fn resolve_name_in(
    doc: &Document,
    name: &str,
    runs: &std::cell::OnceCell<Vec<String>>,
    dl: Option<&DocLower<'_>>,
) -> String {
    let name = name.trim();
    for e in &doc.entities {
        if e.text == name {
            if let Some(c) = &e.canonical {
                return c.clone();
            }
        }
    }
    for q in &doc.quotes {
        if let Some(n) = &q.speaker_name {
            if n != name && n.ends_with(&format!(" {name}")) {
                return n.clone();
            }
        }
    }
    let suffix = format!(" {name}");
    runs.get_or_init(|| match dl {
        Some(dl) => capitalised_runs_ws(&doc.text, &dl.words(&doc.text)),
        None => capitalised_runs(&doc.text),
    })
    .iter()
    .filter(|r| r.ends_with(&suffix) && r.split(' ').count() <= 4)
    .max_by_key(|r| r.len())
    .cloned()
    .unwrap_or_else(|| name.to_string())
}

/// Entities the claim span is about (canonical names), excluding its claimant.
fn about(doc: &Document, span: Span, claimant: Option<&str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in &doc.entities {
        if e.label.is_name() && span.overlaps(&e.span) {
            let n = e.canonical.clone().unwrap_or_else(|| e.text.clone());
            if Some(n.as_str()) != claimant && !out.contains(&n) {
                out.push(n);
            }
        }
    }
    if doc.entities.is_empty() {
        // No NER ran: fall back to capitalised names in the claim.
        for r in capitalised_runs(span.text(&doc.text)) {
            if Some(r.as_str()) != claimant && !out.contains(&r) {
                out.push(r);
            }
        }
    }
    out
}

fn claim_date(doc: &Document, span: Span, sents: &[Span]) -> Option<String> {
    let sent = sents.iter().find(|s| s.overlaps(&span)).copied();
    if let Some(s) = sent {
        // A relative date in the claim's sentence but outside the claim itself dates the
        // statement ("… has been dismantled," Aziz had said yesterday).
        if let Some(r) = doc.relative_dates.iter().find(|r| s.contains(&r.span)) {
            return Some(r.resolves_to.clone());
        }
    }
    doc.published.map(|p| p.date().to_string())
}

/// The publisher as a claimant: the site name, else the source key, else the URL's host.
pub fn publisher(doc: &Document) -> Option<String> {
    doc.site.clone().or_else(|| doc.source.clone()).or_else(|| {
        let u = doc.url.as_deref()?;
        let rest = u.split("://").nth(1).unwrap_or(u);
        rest.split('/')
            .next()
            .map(|h| h.trim_start_matches("www.").to_string())
    })
}

/// Extract every claim of `doc` (quotes, reported statements, headline, lead).
pub fn extract_claims(doc: &Document) -> Vec<Claim> {
    let sents = sentences(doc);
    let dl = DocLower::new(&doc.text);
    let mut claims: Vec<Claim> = Vec::new();
    for (qi, q) in doc.quotes.iter().enumerate() {
        let text = trim_quote(q.span.text(&doc.text));
        let text = if text.is_empty() {
            trim_quote(&q.text)
        } else {
            text
        };
        let ws = dl.words(text);
        if ws.len() < 3 {
            continue;
        }
        let claimant = q
            .speaker_name
            .clone()
            .or_else(|| q.speaker.as_ref().map(|s| s.text.clone()));
        claims.push(Claim {
            span: q.span,
            text: text.to_string(),
            polarity: polarity_ws(&ws),
            modality: modality_ws(&ws, q.cue.as_ref().map(|c| c.text.as_str())),
            date: claim_date(doc, q.span, &sents),
            about: about(doc, q.span, claimant.as_deref()),
            claimant,
            quote: Some(qi),
        });
    }
    let mut last_speaker: Option<String> = None;
    let runs = std::cell::OnceCell::new();
    for s in &sents {
        let text = s.text(&doc.text);
        if !may_report(text, dl.lower_of(text)) {
            continue;
        }
        let ws = dl.words(text);
        let mut found = reported(doc, &dl, *s, text, &ws, &runs);
        found.extend(speech(doc, &dl, *s, text, &ws, &mut last_speaker, &runs));
        for (span, claimant) in found {
            if doc.quotes.iter().any(|q| q.span.overlaps(&span))
                || claims.iter().any(|c| c.span.overlaps(&span))
            {
                continue;
            }
            let text = trim_quote(span.text(&doc.text));
            let (polarity, modality) = {
                let tws = dl.words(text);
                (polarity_ws(&tws), modality_ws(&tws, None))
            };
            let text = text.to_string();
            claims.push(Claim {
                span,
                polarity,
                modality,
                date: claim_date(doc, span, &sents),
                about: about(doc, span, Some(&claimant)),
                text,
                claimant: Some(claimant),
                quote: None,
            });
        }
    }
    let pubr = publisher(doc);
    if let Some(title) = doc
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let span = doc
            .text
            .find(title)
            .map_or(Span::new(0, 0), |i| Span::new(i, i + title.len()));
        claims.push(Claim {
            span,
            text: title.to_string(),
            claimant: pubr.clone(),
            polarity: polarity(title),
            modality: modality(title, None),
            date: doc.published.map(|p| p.date().to_string()),
            about: if span.is_empty() {
                capitalised_runs(title)
            } else {
                about(doc, span, None)
            },
            quote: None,
        });
    }
    // The lead: the first real sentence of the body, unless it is the headline or attributed.
    let title = doc.title.as_deref().unwrap_or("").trim();
    if let Some(lead) = sents.iter().find(|s| {
        let t = s.text(&doc.text).trim();
        (title.is_empty() || !t.contains(title)) && is_prose_ws(&dl.words(t))
    }) {
        let attributed = claims
            .iter()
            .filter(|c| c.claimant != pubr || c.quote.is_some())
            .any(|c| c.span.overlaps(lead));
        if !attributed {
            let text = lead.text(&doc.text).trim();
            let ws = dl.words(text);
            let (polarity, modality) = (polarity_ws(&ws), modality_ws(&ws, None));
            let text = text.to_string();
            claims.push(Claim {
                span: *lead,
                polarity,
                modality,
                date: claim_date(doc, *lead, &sents),
                about: about(doc, *lead, None),
                text,
                claimant: pubr,
                quote: None,
            });
        }
    }
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims
}

/// Whether sentence `text` may hold a reported statement: the word "that" or a speech verb
/// (a substring test, so never false when [`reported`] or [`speech`] would find one).
///
/// `lower` is `text` ASCII-lower-cased when the caller has it at hand.
fn may_report(text: &str, lower: Option<&str>) -> bool {
    if !text.is_ascii() {
        return true;
    }
    let owned;
    let lower = match lower {
        Some(l) if l.len() == text.len() => l,
        _ => {
            owned = text.to_ascii_lowercase();
            owned.as_str()
        }
    };
    // "said" first: most sentences of news that report anything have it
    lower.contains("said")
        || lower.contains("that")
        || SPEECH_VERBS.iter().any(|v| lower.contains(v))
}

/// A sentence of prose, not a table row or a dateline: at least four lower-case words, two
/// of them function words, and few numbers.
pub fn is_prose(t: &str) -> bool {
    is_prose_ws(&lex::words_ref(t))
}

/// [`is_prose`] of a text's words, counted in one pass.
fn is_prose_ws(ws: &[lex::WordRef<'_>]) -> bool {
    let (mut lower, mut stops, mut nums) = (0usize, 0usize, 0usize);
    for w in ws {
        if w.number {
            nums += 1;
        } else if !w.capital {
            lower += 1;
        }
        if lex::is_stop(&w.lower) {
            stops += 1;
        }
    }
    lower >= 4 && stops >= 2 && nums * 4 <= ws.len()
}

/// Reported statements in sentence `s`: "<X>'s claim that P" and "<noun> (made) by <X> that P".
fn reported(
    doc: &Document,
    dl: &DocLower<'_>,
    s: Span,
    text: &str,
    ws: &[lex::WordRef<'_>],
    runs: &std::cell::OnceCell<Vec<String>>,
) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for (i, w) in ws.iter().enumerate() {
        if w.lower != "that" {
            continue;
        }
        // Look back for a claim noun within a few words.
        let lo = i.saturating_sub(20);
        let Some(ni) = (lo..i)
            .rev()
            .find(|&j| ws.get(j).is_some_and(|w| is_claim_noun(w.l())))
        else {
            continue;
        };
        let between = &ws[ni + 1..i];
        let speaker = if let Some(bi) = between.iter().position(|w| w.lower == "by") {
            // "by advisor ... Sartaj Aziz that": the last capitalised run before "that".
            let after = &between[bi + 1..];
            let caps: Vec<&lex::WordRef<'_>> = after
                .iter()
                .rev()
                .take_while(|w| w.capital)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if caps.is_empty() {
                continue;
            }
            let a = caps.first().map_or(0, |w| w.start);
            let b = caps.last().map_or(0, |w| w.start + w.lower.len());
            text.get(a..b).map(str::to_string)
        } else if between.is_empty() && i - ni == 1 {
            possessor(text, ws, ni)
        } else {
            None
        };
        let Some(speaker) = speaker else { continue };
        // The proposition: after "that" to the end of the sentence, cut at a trailing
        // apposition (", a claim …", ", which …").
        let start = w.start + w.lower.len();
        let mut end = text.len();
        for cut in [", a claim", ", which", ", an assertion", "; "] {
            if let Some(k) = text.get(start..).and_then(|t| t.find(cut)) {
                end = end.min(start + k);
            }
        }
        let rel = Span::new(s.start + start, s.start + end);
        let prop = trim_quote(rel.text(&doc.text));
        if dl.words(prop).len() < 3 {
            continue;
        }
        let off = rel.text(&doc.text).find(prop).unwrap_or(0);
        let span = Span::new(rel.start + off, rel.start + off + prop.len());
        out.push((span, resolve_name_in(doc, &speaker, runs, Some(dl))));
    }
    out
}

/// Reported speech in sentence `s`: "<Speaker> said (that) P" and "P, <Speaker> said". A
/// pronoun speaker takes the last named speaker of the document.
fn speech(
    doc: &Document,
    dl: &DocLower<'_>,
    s: Span,
    text: &str,
    ws: &[lex::WordRef<'_>],
    last: &mut Option<String>,
    runs: &std::cell::OnceCell<Vec<String>>,
) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    let Some(vi) = ws.iter().position(|w| is_speech_verb(w.l())) else {
        return out;
    };
    let verb = &ws[vi];
    // "The US has said": step over an auxiliary to reach the speaker.
    let aux = vi > 0
        && ws
            .get(vi - 1)
            .is_some_and(|w| matches!(w.l(), "had" | "has" | "have" | "was" | "were"));
    let vi_name = if aux { vi - 1 } else { vi };
    // The speaker: the capitalised run (or a pronoun) right before the verb.
    let mut k = vi_name;
    while k > 0 && ws.get(k - 1).is_some_and(|w| w.capital && !w.number) {
        k -= 1;
        // A gap other than a space (a comma) ends the name.
        if let (Some(a), Some(b)) = (ws.get(k), ws.get(k + 1)) {
            if text
                .get(a.start + a.lower.len()..b.start)
                .is_some_and(|g| g.trim() != "")
            {
                k += 1;
                break;
            }
        }
    }
    let run_start = k;
    // Sentence adverbs and dates are not part of the name ("Monday Petrobras said").
    while k < vi_name
        && ws
            .get(k)
            .is_some_and(|w| is_not_name_start(w.l()) || lex::is_stop(&w.lower))
    {
        k += 1;
    }
    let speaker = if k < vi_name {
        let a = ws[k].start;
        let b = ws[vi_name - 1].start + ws[vi_name - 1].lower.len();
        let name = text.get(a..b).unwrap_or("").to_string();
        if name.split(' ').all(|w| lex::is_stop(&w.to_lowercase())) {
            None
        } else {
            Some(resolve_name_in(doc, &name, runs, Some(dl)))
        }
    } else if vi_name > 0
        && ws
            .get(vi_name - 1)
            .is_some_and(|w| matches!(w.l(), "he" | "it" | "she" | "they" | "we"))
    {
        last.clone()
    } else {
        None
    };
    let Some(speaker) = speaker else {
        return out;
    };
    *last = Some(speaker.clone());
    let before = ws
        .get(run_start)
        .and_then(|w| text.get(..w.start))
        .unwrap_or("")
        .trim_end();
    let after_verb = ws.len() - vi - 1;
    let prop = if before.ends_with(',') && dl.words(before).len() >= 4 && after_verb <= 6 {
        // "P, X said ..."
        let st = text.len() - text.trim_start().len();
        Span::new(s.start + st, s.start + before.len() - 1)
    } else if run_start == 0 || before.is_empty() || before.ends_with(',') {
        // "X said (on Monday) (that) P", also after a fronted clause ("Asked about it, X said P")
        let mut st = verb.start + verb.lower.len();
        let rest = text.get(st..).unwrap_or("");
        if let Some(i) = rest.find(" that ") {
            if dl.words(rest.get(..i).unwrap_or("")).len() <= 4 {
                st += i + " that ".len();
            }
        }
        let end = text.trim_end().len();
        Span::new(s.start + st, s.start + end)
    } else {
        return out;
    };
    let p = trim_quote(prop.text(&doc.text));
    let pws = dl.words(p);
    let first = pws.first().map_or("", |w| w.l());
    if !is_prose_ws(&pws) || SUBORDINATORS.contains(&first) {
        return out;
    }
    let off = prop.text(&doc.text).find(p).unwrap_or(0);
    out.push((
        Span::new(prop.start + off, prop.start + off + p.len()),
        speaker,
    ));
    out
}

/// "Aziz's" / "top Pakistani diplomat's" right before word `ni`: the possessor phrase.
fn possessor(text: &str, ws: &[lex::WordRef<'_>], ni: usize) -> Option<String> {
    let p = ws.get(ni.checked_sub(1)?)?;
    let base = p.lower.strip_suffix("'s")?;
    if base.is_empty() {
        return None;
    }
    let end = p.start + base.len();
    // Extend left over capitalised words, or a short lower-case noun phrase.
    let mut first = ni - 1;
    let mut k = ni - 1;
    while k > 0 && ni - 1 - k < 4 {
        let w = ws.get(k - 1)?;
        if lex::is_stop(&w.lower)
            || lex::is_negation(&w.lower)
            || w.number
            || (!w.capital && (w.lower.ends_with("ing") || w.lower.ends_with("ed")))
        {
            break;
        }
        // A gap in the text (comma etc.) ends the phrase.
        let gap = text.get(w.start + w.lower.len()..ws.get(k)?.start)?;
        if gap.trim() != "" {
            break;
        }
        first = k - 1;
        k -= 1;
    }
    let start = ws.get(first)?.start;
    let phrase = text.get(start..end)?.trim();
    if phrase.is_empty() {
        return None;
    }
    // A possessive pronoun ("his claim") is not a speaker we can name.
    Some(phrase.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negation_polarity() {
        assert_eq!(
            polarity("the Haqqani network no longer exists in Pakistan"),
            Polarity::Negative
        );
        assert_eq!(
            polarity("Carter has not taken a decision on certifying"),
            Polarity::Negative
        );
        assert_eq!(
            polarity("The infrastructure has been dismantled"),
            Polarity::Positive
        );
        assert_eq!(polarity("not only this but that"), Polarity::Positive);
    }

    #[test]
    fn hedge_match_is_the_hedge_list() {
        for w in HEDGES {
            assert!(is_hedge(w), "{w}");
        }
        assert!(!is_hedge("said"));
    }

    #[test]
    fn word_matches_are_the_lists() {
        for w in HEDGING_CUES {
            assert!(is_hedging_cue(w), "{w}");
        }
        for w in SPEECH_VERBS {
            assert!(is_speech_verb(w), "{w}");
        }
        for w in CLAIM_NOUNS {
            assert!(is_claim_noun(w), "{w}");
        }
        for w in NOT_NAME_STARTS {
            assert!(is_not_name_start(w), "{w}");
        }
        for w in ["", "say", "claimx", "mondays"] {
            assert!(!is_hedging_cue(w) && !is_speech_verb(w) && !is_claim_noun(w));
            assert!(!is_not_name_start(w));
        }
    }

    #[test]
    fn may_report_finds_every_cue() {
        for t in ["He said so", "It is THAT one", "they Warned", "no cue here"] {
            let l = t.to_ascii_lowercase();
            let want = l.contains("that") || SPEECH_VERBS.iter().any(|v| l.contains(v));
            assert_eq!(may_report(t, None), want, "{t}");
            assert_eq!(may_report(t, Some(&l)), want, "{t}");
        }
    }

    #[test]
    fn hedged_modality() {
        assert_eq!(
            modality("they would do what they need to do", None),
            Modality::Hedged
        );
        assert_eq!(modality("it has been dismantled", None), Modality::Certain);
        assert_eq!(
            modality("it has been dismantled", Some("claimed")),
            Modality::Hedged
        );
    }

    #[test]
    fn possessive_reported_claim() {
        let mut d = Document::from_text("t", "");
        d.text = "Sartaj Aziz spoke. Toner said, which appears contrary to Aziz's claim that the Haqqani network no longer exists in Pakistan.".into();
        let cs = extract_claims(&d);
        let c = cs
            .iter()
            .find(|c| c.text.starts_with("the Haqqani network"))
            .expect("reported claim");
        assert_eq!(c.claimant.as_deref(), Some("Sartaj Aziz"));
        assert_eq!(c.polarity, Polarity::Negative);
        assert_eq!(c.text, "the Haqqani network no longer exists in Pakistan");
    }

    #[test]
    fn reported_speech_both_orders() {
        let mut d = Document::from_text("t", "");
        d.text = "Normal humidity levels have not been restored, Comissaria Smith said in its weekly review. Comissaria Smith said on Monday that arrivals were late this year.".into();
        let cs = extract_claims(&d);
        let a = cs
            .iter()
            .find(|c| c.text.starts_with("Normal humidity"))
            .expect("P, X said");
        assert_eq!(a.claimant.as_deref(), Some("Comissaria Smith"));
        assert_eq!(a.polarity, Polarity::Negative);
        assert_eq!(a.text, "Normal humidity levels have not been restored");
        let b = cs
            .iter()
            .find(|c| c.text.starts_with("arrivals"))
            .expect("X said that P");
        assert_eq!(b.text, "arrivals were late this year");
    }

    #[test]
    fn speaker_before_auxiliary() {
        let mut d = Document::from_text("t", "");
        d.text = "The US has said that the threat from terrorist groups continues to emanate from inside Pakistan.".into();
        let cs = extract_claims(&d);
        let c = cs
            .iter()
            .find(|c| c.text.starts_with("the threat"))
            .expect("has said that P");
        assert_eq!(c.claimant.as_deref(), Some("US"));
    }

    #[test]
    fn no_panic_on_odd_text() {
        let mut d = Document::from_text("t", "");
        d.text = "'s claim that. by that that ’s “”".into();
        d.title = Some("x".into());
        let _ = extract_claims(&d);
    }
}
