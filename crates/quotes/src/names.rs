//! Name mentions in the document and speaker resolution: pronouns, surnames, short forms and
//! role nouns to the fullest name in the document.
use crate::lexicon::*;
use crate::{Ctx, Tok};
use dateline_core::{Document, EntityLabel, Span};

#[derive(Debug, Clone)]
struct NameMention {
    span: Span,
    /// Token range of the name itself (titles excluded).
    toks: (usize, usize),
    text: String,
    /// Where the last word of `text` starts, found once: `fullest` compares it with every
    /// other mention's for each speaker it resolves.
    last_at: usize,
    /// Lower-cased title words in front of the name ("pentagon spokesman capt").
    titles: Vec<String>,
    title_text: Option<String>,
    person: Option<bool>,
    gender: Option<Gender>,
    entity: Option<usize>,
    inq: bool,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Resolved {
    pub name: Option<String>,
    pub titles: Vec<String>,
    pub entity: Option<usize>,
}

pub(crate) struct NameIndex {
    mentions: Vec<NameMention>,
}

fn tok_from(toks: &[Tok], b: usize) -> usize {
    toks.partition_point(|t| t.span.start < b)
}

fn span_of(toks: &[Tok], a: usize, b: usize) -> Option<Span> {
    Some(Span::new(
        toks.get(a)?.span.start,
        toks.get(b.checked_sub(1)?)?.span.end,
    ))
}

impl NameIndex {
    pub fn build(doc: &Document, toks: &[Tok]) -> NameIndex {
        let text = doc.text.as_str();
        let mut mentions = Vec::new();
        let ner = doc.entities.iter().any(|e| {
            matches!(
                e.label,
                EntityLabel::Person | EntityLabel::Org | EntityLabel::Gpe | EntityLabel::Norp
            )
        });
        if ner {
            for (ei, e) in doc.entities.iter().enumerate() {
                if !matches!(
                    e.label,
                    EntityLabel::Person | EntityLabel::Org | EntityLabel::Gpe | EntityLabel::Norp
                ) {
                    continue;
                }
                let a = tok_from(toks, e.span.start);
                let b = tok_from(toks, e.span.end);
                if a >= b {
                    continue;
                }
                // strip titles the tagger kept inside the name
                let mut core = a;
                while core + 1 < b && is_title_word(toks[core].lower) {
                    core += 1;
                }
                let mut m = mention(text, toks, core, b, a);
                m.person = Some(e.label == EntityLabel::Person);
                m.entity = Some(ei);
                for t in &e.titles {
                    m.titles
                        .extend(t.split_whitespace().map(|w| w.to_lowercase()));
                }
                mentions.push(m);
            }
        } else {
            let mut i = 0;
            while i < toks.len() {
                if !(toks[i].cap && toks[i].alpha) {
                    i += 1;
                    continue;
                }
                let mut j = i + 1;
                while j < toks.len() {
                    let t = &toks[j];
                    let gap = text.get(toks[j - 1].span.end..t.span.start).unwrap_or("\n");
                    if gap.contains('\n') {
                        break;
                    }
                    if t.cap && t.alpha {
                        j += 1;
                    } else if t.lower == "of"
                        && toks.get(j + 1).is_some_and(|n| n.cap)
                        && is_title_word(toks[j - 1].lower)
                    {
                        j += 2;
                    } else {
                        break;
                    }
                }
                let mut a = i;
                while a < j
                    && !toks[a].acronym
                    && (is_np_stop(toks[a].lower) || is_determiner(toks[a].lower))
                {
                    a += 1;
                }
                if a < j {
                    let mut core = a;
                    while core + 1 < j
                        && (is_title_word(toks[core].lower) || toks[core].lower == "of")
                    {
                        core += 1;
                    }
                    // all titles ("White House"): an organisation
                    if core + 1 == j && is_title_word(toks[core].lower) {
                        core = a;
                    }
                    mentions.push(mention(text, toks, core, j, a));
                }
                i = j;
            }
        }
        mentions.sort_by_key(|m| m.span.start);
        // a surname alone is a person when a fuller person name ends with it
        let persons: Vec<(String, Option<Gender>)> = mentions
            .iter()
            .filter(|m| m.person == Some(true))
            .map(|m| (m.last().to_string(), m.gender))
            .collect();
        for m in &mut mentions {
            if persons.is_empty() {
                break;
            }
            let own_last = m.text.get(m.last_at..).map_or("", str::trim_end);
            for (last, g) in &persons {
                if own_last == last {
                    if m.person.is_none() {
                        m.person = Some(true);
                    }
                    if m.gender.is_none() {
                        m.gender = *g;
                    }
                }
            }
        }
        NameIndex { mentions }
    }

    /// Resolves the speaker mention `[s, e)`.
    pub fn resolve(
        &self,
        ctx: &Ctx,
        doc: &Document,
        s: usize,
        e: usize,
        appos: Option<(usize, usize)>,
    ) -> Resolved {
        let toks = &ctx.toks;
        let Some(sp) = span_of(toks, s, e) else {
            return Resolved::default();
        };
        let mut titles: Vec<String> = Vec::new();
        if let Some((a, b)) = appos {
            let mut a = a;
            while a < b && is_determiner(toks[a].lower) {
                a += 1;
            }
            if let Some(t) = span_of(toks, a, b) {
                titles.push(t.text(ctx.text).to_string());
            }
        }
        if e == s + 1 && is_pronoun(toks[s].lower) {
            let w = toks[s].lower;
            let m = match w {
                "he" | "she" => {
                    let g = if w == "he" {
                        Gender::Male
                    } else {
                        Gender::Female
                    };
                    self.before(sp.start, |m| {
                        m.person == Some(true) && m.gender.is_none_or(|x| x == g)
                    })
                }
                "it" => self.before(sp.start, |m| m.person == Some(false)),
                "who" => self
                    .before(sp.start, |_| true)
                    .filter(|m| sp.start.saturating_sub(m.span.end) < 40),
                _ => None,
            };
            return match m {
                Some(m) => self.resolved_from(doc, m, titles),
                None => Resolved::default(),
            };
        }
        // a name inside the phrase: the last one
        if let Some(m) = self
            .mentions
            .iter()
            .rev()
            .find(|m| sp.contains(&m.span) || (m.span.overlaps(&sp) && m.toks.1 <= e))
        {
            let mut r = self.resolved_from(doc, m, titles);
            // title words of the phrase in front of the name
            let mut a = s;
            while a < m.toks.0 && is_determiner(toks[a].lower) {
                a += 1;
            }
            if a < m.toks.0 {
                if let Some(t) = span_of(toks, a, m.toks.0) {
                    let t = t.text(ctx.text).trim().to_string();
                    if !t.is_empty() && !r.titles.contains(&t) {
                        r.titles.insert(0, t);
                    }
                }
            }
            return r;
        }
        // a role noun: "the spokesman" → the last person holding that title
        let head = toks[e - 1].lower;
        if is_title_word(head) {
            if let Some(m) = self.before(sp.start, |m| m.titles.iter().any(|t| t == head)) {
                return self.resolved_from(doc, m, titles);
            }
        }
        Resolved {
            name: None,
            titles,
            entity: None,
        }
    }

    /// The most recent mention before byte `b`, outside quotations, that passes `f`.
    fn before(&self, b: usize, f: impl Fn(&NameMention) -> bool) -> Option<&NameMention> {
        let k = self.mentions.partition_point(|m| m.span.end <= b);
        self.mentions[..k].iter().rev().find(|m| !m.inq && f(m))
    }

    fn resolved_from(&self, doc: &Document, m: &NameMention, mut titles: Vec<String>) -> Resolved {
        let full = self.fullest(doc, m);
        if let Some(t) = &full.title_text {
            if !titles.contains(t) {
                titles.insert(0, t.clone());
            }
        }
        if let Some(t) = &m.title_text {
            if !titles.contains(t) {
                titles.insert(0, t.clone());
            }
        }
        Resolved {
            name: Some(alias_in(doc, &full.text).unwrap_or_else(|| full.text.clone())),
            titles,
            entity: m.entity.or(full.entity),
        }
    }

    /// The fullest form of `m` in the document: the longest name with the same last word that
    /// contains all of `m`'s words; ties go to the nearest one before `m`.
    fn fullest<'m>(&'m self, _doc: &Document, m: &'m NameMention) -> &'m NameMention {
        let last = m.last();
        let words: Vec<&str> = m.text.split_whitespace().collect();
        let mut best = m;
        let mut best_key = (words.len(), 0usize, 0usize);
        for c in &self.mentions {
            if c.last() != last {
                continue;
            }
            let cw: Vec<&str> = c.text.split_whitespace().collect();
            if cw.len() <= words.len() || !words.iter().all(|w| cw.contains(w)) {
                continue;
            }
            let before = (c.span.start <= m.span.start) as usize;
            let near = usize::MAX - m.span.start.abs_diff(c.span.start);
            let key = (cw.len(), before, near);
            if key > best_key {
                best_key = key;
                best = c;
            }
        }
        best
    }
}

impl NameMention {
    /// The last word of the mention's text.
    fn last(&self) -> &str {
        self.text.get(self.last_at..).map_or("", str::trim_end)
    }
}

/// Where the last whitespace-separated word of `s` starts (its length when `s` is all whitespace, so that the
/// slice from there is empty like the word).
fn last_word_at(s: &str) -> usize {
    let t = s.trim_end();
    match t.char_indices().rev().find(|(_, c)| c.is_whitespace()) {
        Some((i, c)) => i + c.len_utf8(),
        None if t.is_empty() => s.len(),
        None => 0,
    }
}

/// The last whitespace-separated word of `s` (what [`last_word_at`] finds, for its test).
#[cfg(test)]
fn last_word(s: &str) -> &str {
    s.split_whitespace().next_back().unwrap_or("")
}

/// "US" → "United States" when the document spells it out.
fn alias_in(doc: &Document, name: &str) -> Option<String> {
    let full = alias_full(name)?;
    doc.text.contains(full).then(|| full.to_string())
}

fn mention(text: &str, toks: &[Tok], core: usize, end: usize, run_start: usize) -> NameMention {
    let span = span_of(toks, core, end).unwrap_or_default();
    // titles: inside the capitalised run, and lower-case title words just before it
    let mut ts = run_start;
    while ts > 0 && ts + 4 > run_start && {
        let t = &toks[ts - 1];
        let same_line = !text
            .get(t.span.end..toks[ts].span.start)
            .unwrap_or("\n")
            .contains('\n');
        same_line
            && t.alpha
            && !is_determiner(t.lower)
            && (is_title_word(t.lower) || (t.cap && !is_np_stop(t.lower)))
    } {
        ts -= 1;
    }
    let titles: Vec<String> = toks[ts..core].iter().map(|t| t.lower.to_string()).collect();
    let title_text = span_of(toks, ts, core).map(|s| s.text(text).to_string());
    let words: Vec<&str> = toks[core..end].iter().map(|t| t.lower).collect();
    let orgish = words.iter().any(|w| is_org_word(w)) || alias_full(span.text(text)).is_some();
    let person_title = titles.iter().any(|t| {
        is_title_word(t)
            && !is_org_word(t)
            && !matches!(
                t.as_str(),
                "state"
                    | "white"
                    | "national"
                    | "security"
                    | "foreign"
                    | "defense"
                    | "defence"
                    | "campaign"
                    | "press"
                    | "democratic"
                    | "republican"
                    | "presidential"
            )
    });
    let person = if orgish {
        Some(false)
    } else if person_title || (2..=3).contains(&words.len()) {
        Some(true)
    } else {
        None
    };
    let gender = titles.iter().find_map(|t| gender_of_title(t));
    let name = span.text(text).to_string();
    NameMention {
        span,
        toks: (core, end),
        last_at: last_word_at(&name),
        text: name,
        titles,
        title_text: title_text.filter(|t| !t.is_empty()),
        person,
        gender,
        entity: None,
        inq: toks.get(core).is_some_and(|t| t.inq),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_word_at_finds_the_last_word() {
        for t in [
            "Sartaj Aziz",
            "Aziz",
            "",
            "  ",
            "New  York \n",
            "a\u{2003}b",
            " x",
        ] {
            assert_eq!(
                t.get(last_word_at(t)..).map(str::trim_end),
                Some(last_word(t)),
                "{t:?}"
            );
        }
    }
}
