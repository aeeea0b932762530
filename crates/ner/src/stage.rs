//! The pipeline stage: statistical names + rule-based types + titles + canonical names.
use crate::features::{label_type, TYPES};
use crate::hash::{FastMap, FastSet};
use crate::model::Model;
use crate::rules::{self, Kind, T};
use crate::train::spans;
use dateline_core::{Document, Entity, EntityLabel, Span};
use std::borrow::Cow;
use std::sync::OnceLock;

/// Lower-case words that, after a name, make it an organisation ("Haqqani network").
const ORG_SUFFIX: &[&str] = &[
    "network",
    "group",
    "militia",
    "movement",
    "faction",
    "brigade",
    "brigades",
    "organisation",
    "organization",
    "cartel",
    "gang",
    "clan",
    "alliance",
    "coalition",
    "syndicate",
];
fn is_org_suffix(w: &str) -> bool {
    static SET: dateline_core::hash::WordList = dateline_core::hash::WordList::new(ORG_SUFFIX);
    SET.contains(w)
}

/// Facility heads that make a capitalised name a FAC when written as part of it.
const FAC_HEADS: &[&str] = &[
    "hotel",
    "airport",
    "hospital",
    "bridge",
    "stadium",
    "palace",
    "embassy",
    "mosque",
    "church",
    "cathedral",
    "temple",
    "prison",
    "jail",
    "tower",
    "towers",
    "station",
    "dam",
    "base",
    "airbase",
    "museum",
    "highway",
    "motorway",
    "road",
    "street",
    "avenue",
    "shrine",
    "plaza",
    "mall",
    "building",
    "consulate",
    "barracks",
    "terminal",
    "airfield",
    "hall",
];

/// A name or rule match in token indices of one sentence.
#[derive(Debug, Clone)]
struct Cand {
    sent: usize,
    start: usize,
    end: usize,
    label: EntityLabel,
    value: Option<f64>,
    unit: Option<String>,
    /// A fuller form known from context ("(Susan) Rice" → "Susan Rice").
    full: Option<String>,
    titles: Vec<String>,
}

fn norm_token(s: &str) -> Cow<'_, str> {
    if !s.is_ascii()
        && s.chars()
            .any(|c| matches!(c, '“' | '”' | '„' | '‘' | '’' | '«' | '»'))
    {
        Cow::Owned(
            s.chars()
                .map(|c| match c {
                    '“' | '”' | '„' | '«' | '»' => '"',
                    '‘' | '’' => '\'',
                    c => c,
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Fills `doc.entities` from `doc.tokens` / `doc.sentences`.
pub fn annotate(doc: &mut Document, model: Option<&Model>) {
    let nsent = doc.sentences.len();
    let mut sent_toks: Vec<Vec<Span>> = Vec::with_capacity(nsent);
    let text = doc.text.as_str();
    // the tokens of each sentence (as `Document::sentence_tokens`, in one pass)
    let all = doc.tokens.as_slice();
    let mut cur = 0;
    for i in 0..nsent {
        while all.get(cur).is_some_and(|t| (t.sentence as usize) < i) {
            cur += 1;
        }
        let lo = cur;
        while all.get(cur).is_some_and(|t| t.sentence as usize == i) {
            cur += 1;
        }
        sent_toks.push(merge_initials(text, &all[lo..cur]));
    }
    let words: Vec<Vec<Cow<str>>> = sent_toks
        .iter()
        .map(|s| s.iter().map(|sp| norm_token(sp.text(text))).collect())
        .collect();
    let refs: Vec<Vec<&str>> = words
        .iter()
        .map(|s| s.iter().map(|w| w.as_ref()).collect())
        .collect();
    let labels: Vec<Vec<usize>> = match model {
        Some(m) => m.tag_document(&refs),
        None => refs.iter().map(|s| vec![0; s.len()]).collect(),
    };
    let mut cands: Vec<Cand> = Vec::new();
    // pass 1: names per sentence
    let mut lows = String::new();
    let toks_by_sent: Vec<Vec<T>> = rules::doc_toks(&refs, &mut lows);
    let mut names_by_sent: Vec<Vec<Cand>> = Vec::with_capacity(refs.len());
    for (si, (ws, ls)) in refs.iter().zip(&labels).enumerate() {
        let t = &toks_by_sent[si];
        let mut names: Vec<Cand> = Vec::new();
        for (ty, a, b) in spans(ls) {
            let label = match TYPES.get(ty).copied() {
                Some("PER") => EntityLabel::Person,
                Some("ORG") => EntityLabel::Org,
                Some("LOC") => {
                    let lw: Vec<&str> = t[a..b].iter().map(|x| &*x.lower).collect();
                    rules::loc_label(&lw)
                }
                _ => rules::misc_label(&ws[a..b], |w| {
                    model
                        .and_then(|m| m.gaz.map.get(w))
                        .is_some_and(|c| c[2] + c[4] > 0)
                }),
            };
            let _ = label_type;
            names.push(cand(si, a, b, label));
        }
        leading_prepositions(t, &mut names, model);
        known_groups(t, &mut names);
        org_suffixes(t, si, &mut names);
        facilities(t, si, &mut names, model);
        persons_fixups(t, si, &mut names);
        names_by_sent.push(names);
    }
    consistent_labels(&toks_by_sent, &mut names_by_sent);
    // pass 2: rule types and titles
    for (si, mut names) in names_by_sent.into_iter().enumerate() {
        let t = &toks_by_sent[si];
        // rule types: they win over names they contain, lose to names they cut
        for m in rules::find(t) {
            let label = match m.kind {
                Kind::Money => EntityLabel::Money,
                Kind::Percent => EntityLabel::Percent,
                Kind::Quantity => EntityLabel::Quantity,
                Kind::Date => EntityLabel::Date,
                Kind::Time => EntityLabel::Time,
            };
            let cut = names.iter().any(|n| {
                n.start < m.end && m.start < n.end && !(m.start <= n.start && n.end <= m.end)
            });
            if cut {
                continue;
            }
            names.retain(|n| !(m.start <= n.start && n.end <= m.end));
            let mut c = cand(si, m.start, m.end, label);
            c.value = m.value;
            c.unit = m.unit;
            names.push(c);
        }
        // titles of persons
        let mut titles: Vec<Cand> = Vec::new();
        for n in names.iter_mut().filter(|n| n.label == EntityLabel::Person) {
            let mut found = rules::titles_before(t, n.start);
            found.extend(rules::title_after(t, n.end));
            for (a, b) in found {
                let s = Span::new(sent_toks[si][a].start, sent_toks[si][b - 1].end);
                let title = s.text(text).to_string();
                if !n.titles.contains(&title) {
                    n.titles.push(title);
                }
                if !titles.iter().any(|x| x.start == a && x.end == b) {
                    titles.push(cand(si, a, b, EntityLabel::Title));
                }
            }
        }
        // a "name" that is exactly a title ("State Department Spokesperson") is the title
        names.retain(|n| {
            n.label == EntityLabel::Person
                || !titles.iter().any(|x| x.start == n.start && x.end == n.end)
                || !rules::is_title_head(&t[n.end - 1].lower)
        });
        cands.extend(names);
        cands.extend(titles);
    }
    // to entities
    let mut ents: Vec<Entity> = Vec::with_capacity(cands.len());
    let mut fulls: Vec<Option<String>> = Vec::with_capacity(cands.len());
    for c in cands {
        let (Some(a), Some(b)) = (
            sent_toks.get(c.sent).and_then(|s| s.get(c.start)),
            sent_toks
                .get(c.sent)
                .and_then(|s| c.end.checked_sub(1).and_then(|e| s.get(e))),
        ) else {
            continue;
        };
        let span = Span::new(a.start, b.end);
        let mut e = Entity::new(span, c.label, span.text(text));
        e.value = c.value;
        e.unit = c.unit;
        e.titles = c.titles;
        ents.push(e);
        fulls.push(c.full);
    }
    canonicalise(&mut ents, &fulls);
    // stable, as the order of equal spans is the order of the candidates
    ents.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    doc.entities = ents;
}

/// Abbreviations written with periods ("U.S.", "U.N.") are one token for the tagger, however
/// the segmenter split them: contiguous tokens that together read as letter-period pairs are
/// merged.
fn merge_initials(text: &str, toks: &[dateline_core::Token]) -> Vec<Span> {
    let is_initials = |s: &str| {
        let b = s.as_bytes();
        b.len() >= 4
            && b.len() % 2 == 0
            && b.chunks(2)
                .all(|c| c[0].is_ascii_alphabetic() && c[1] == b'.')
    };
    let spans = |i: usize| toks[i].span;
    let mut out: Vec<Span> = Vec::with_capacity(toks.len());
    let mut i = 0;
    while i < toks.len() {
        let mut best = i;
        let mut j = i + 1;
        while j < toks.len() && spans(j).start == spans(j - 1).end && j - i < 8 {
            if is_initials(Span::new(spans(i).start, spans(j).end).text(text)) {
                best = j;
            }
            j += 1;
        }
        out.push(Span::new(spans(i).start, spans(best).end));
        i = best + 1;
    }
    out
}

/// One label per name in a document: a single-word name written the same way elsewhere in the
/// document takes the label most of its mentions got ("Palmyra" GPE three times, PERSON once).
fn consistent_labels(toks: &[Vec<T>], names: &mut [Vec<Cand>]) {
    let relabel = |l: EntityLabel| {
        matches!(
            l,
            EntityLabel::Person
                | EntityLabel::Org
                | EntityLabel::Gpe
                | EntityLabel::Loc
                | EntityLabel::Misc
                | EntityLabel::Norp
        )
    };
    let mut votes: FastMap<&str, Vec<(EntityLabel, usize)>> = Default::default();
    for (si, ns) in names.iter().enumerate() {
        for n in ns
            .iter()
            .filter(|n| n.end - n.start == 1 && relabel(n.label) && n.full.is_none())
        {
            let Some(w) = toks.get(si).and_then(|t| t.get(n.start)) else {
                continue;
            };
            let v = votes.entry(w.s).or_default();
            match v.iter_mut().find(|x| x.0 == n.label) {
                Some(x) => x.1 += 1,
                None => v.push((n.label, 1)),
            }
        }
    }
    for (si, ns) in names.iter_mut().enumerate() {
        for n in ns
            .iter_mut()
            .filter(|n| n.end - n.start == 1 && relabel(n.label) && n.full.is_none())
        {
            let Some(w) = toks.get(si).and_then(|t| t.get(n.start)) else {
                continue;
            };
            let Some(v) = votes.get(w.s) else {
                continue;
            };
            let total: usize = v.iter().map(|x| x.1).sum();
            if let Some(best) = v.iter().max_by_key(|x| x.1) {
                if best.1 * 2 > total && best.0 != n.label {
                    n.label = best.0;
                }
            }
        }
    }
}

fn cand(sent: usize, start: usize, end: usize, label: EntityLabel) -> Cand {
    Cand {
        sent,
        start,
        end,
        label,
        value: None,
        unit: None,
        full: None,
        titles: Vec::new(),
    }
}

/// "Haqqani network": a name (or capitalised words) followed by an organisation noun.
fn org_suffixes(t: &[T], si: usize, names: &mut Vec<Cand>) {
    for j in 1..t.len() {
        if is_cap(t[j].s) || !is_org_suffix(&t[j].lower) {
            continue;
        }
        let prev = j - 1;
        let start = if let Some(n) = names.iter().find(|n| n.start <= prev && prev < n.end) {
            // a person's name + "network" is a group named after them ("Haqqani network")
            if n.end != j || n.label == EntityLabel::Norp {
                continue;
            }
            n.start
        } else {
            if !is_cap(t[prev].s) || prev == 0 {
                continue;
            }
            let mut s = prev;
            while s > 1 && is_cap(t[s - 1].s) && t[s - 1].lower != "the" {
                s -= 1;
            }
            s
        };
        // GPE + group ("Afghan group") is not a name
        if let Some(n) = names.iter().find(|n| n.start == start && n.end == j) {
            if matches!(n.label, EntityLabel::Gpe | EntityLabel::Loc) {
                continue;
            }
        }
        names.retain(|n| !(n.start < j + 1 && start < n.end));
        names.push(cand(si, start, j + 1, EntityLabel::Org));
    }
}

/// Names of armed groups and other non-state actors (Phoenix MilNonState dictionary, MIT).
static GROUPS_SRC: &str = include_str!("../data/Phoenix.MilNonState.actors.txt");
static GROUPS: OnceLock<FastSet<String>> = OnceLock::new();

fn groups() -> &'static FastSet<String> {
    GROUPS.get_or_init(|| {
        let mut out = FastSet::default();
        for line in GROUPS_SRC.lines() {
            let l = line.trim().trim_start_matches('+');
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let name = l.split([' ', '[', '#']).next().unwrap_or("");
            // drop "(AAIA)" abbreviations
            let mut clean = String::new();
            let mut depth = 0;
            for c in name.chars() {
                match c {
                    '(' => depth += 1,
                    ')' => depth -= 1,
                    _ if depth > 0 => {}
                    '_' => clean.push(' '),
                    c => clean.extend(c.to_lowercase()),
                }
            }
            let clean = clean.split_whitespace().collect::<Vec<_>>().join(" ");
            if clean.len() > 2 {
                out.insert(clean);
            }
        }
        out
    })
}

/// A name the tagger took for a place or a miscellaneous name, but that is a known group
/// ("Taliban"), is an organisation.
fn known_groups(t: &[T], names: &mut [Cand]) {
    let mut key = String::new();
    for n in names.iter_mut() {
        if !matches!(
            n.label,
            EntityLabel::Gpe | EntityLabel::Loc | EntityLabel::Misc | EntityLabel::Norp
        ) {
            continue;
        }
        key.clear();
        for (k, x) in t[n.start..n.end].iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(&x.lower);
        }
        if groups().contains(key.as_str()) {
            n.label = EntityLabel::Org;
        }
    }
}

/// Capitalised prepositions that the tagger can take for the start of a name at the start of a
/// sentence ("Near Mosul, ...").
const LEAD_PREPS: &[&str] = &[
    "near",
    "in",
    "at",
    "from",
    "outside",
    "inside",
    "across",
    "into",
    "to",
    "on",
    "by",
    "with",
    "for",
    "around",
    "throughout",
    "within",
];

/// "Near Mosul" tagged as one name: drop the preposition; what is left is a place when the
/// gazetteer knows it as one.
fn leading_prepositions(t: &[T], names: &mut [Cand], model: Option<&Model>) {
    for n in names.iter_mut() {
        if n.end - n.start < 2 || !LEAD_PREPS.contains(&&*t[n.start].lower) {
            continue;
        }
        n.start += 1;
        let key = t[n.start..n.end]
            .iter()
            .map(|x| &*x.lower)
            .collect::<Vec<_>>()
            .join(" ");
        let place = model
            .and_then(|m| m.gaz.map.get(&key))
            .is_some_and(|c| c[2] + c[4] > 0 && c[2] + c[4] >= c[0] + c[1] + c[3]);
        if place && n.label == EntityLabel::Person {
            n.label = EntityLabel::Gpe;
        }
    }
}

/// "Kabul Serena Hotel": capitalised words ending in a capitalised facility head. A known
/// place at its start stays a place of its own ("Kabul").
fn facilities(t: &[T], si: usize, names: &mut Vec<Cand>, model: Option<&Model>) {
    for j in 1..t.len() {
        if !is_cap(t[j].s) || !is_cap(t[j - 1].s) || !FAC_HEADS.contains(&&*t[j].lower) {
            continue;
        }
        let mut s = j - 1;
        while s > 0 && is_cap(t[s - 1].s) {
            s -= 1;
        }
        if matches!(&*t[s].lower, "the" | "a" | "an") {
            s += 1;
        }
        if s >= j {
            continue;
        }
        // keep places named inside the facility ("Kabul"), drop other names it overlaps
        names.retain(|n| {
            let overlaps = n.start < j + 1 && s < n.end;
            let inside_place = s <= n.start
                && n.end <= j
                && matches!(n.label, EntityLabel::Gpe | EntityLabel::Loc);
            !overlaps || inside_place
        });
        let has_place = names
            .iter()
            .any(|n| n.start == s && matches!(n.label, EntityLabel::Gpe | EntityLabel::Loc));
        if !has_place {
            if let Some(m) = model {
                // the longest known place that starts the name (but is not all of it)
                let mut best = None;
                let mut key = String::new();
                for (k, tok) in t.iter().enumerate().take(j - 1).skip(s) {
                    if k > s {
                        key.push(' ');
                    }
                    key.push_str(&tok.lower);
                    if let Some(c) = m.gaz.map.get(&key) {
                        let place = c[2] + c[4];
                        if place > 0 && place >= c[0] + c[1] + c[3] {
                            best = Some(k + 1);
                        }
                    }
                }
                if let Some(e) = best {
                    names.push(cand(si, s, e, EntityLabel::Gpe));
                }
            }
        }
        names.push(cand(si, s, j + 1, EntityLabel::Fac));
    }
}

/// Persons: ranks at the start of a span are titles ("Capt Jeff Davis" → "Jeff Davis");
/// "(Susan) Rice" is Susan Rice; a "name" ending in a title word right before a person is a
/// title ("National Security Adviser (Susan) Rice").
fn persons_fixups(t: &[T], si: usize, names: &mut Vec<Cand>) {
    // "( Susan ) Rice": a person in parentheses followed by a capitalised surname
    let mut add = Vec::new();
    for n in names.iter() {
        if n.label == EntityLabel::Person
            && n.start >= 1
            && t[n.start - 1].s == "("
            && t.get(n.end).is_some_and(|x| x.s == ")")
            && t.get(n.end + 1)
                .is_some_and(|x| is_cap(x.s) && rules::is_name_like(x.s))
            && !names
                .iter()
                .any(|m| m.start <= n.end + 1 && n.end + 1 < m.end)
        {
            let mut e = n.end + 2;
            while t
                .get(e)
                .is_some_and(|x| is_cap(x.s) && rules::is_name_like(x.s))
                && e < n.end + 3
            {
                e += 1;
            }
            add.push(cand(si, n.end + 1, e, EntityLabel::Person));
        }
    }
    names.extend(add);
    // names ending in a title word, right before a person
    let person_starts: Vec<usize> = names
        .iter()
        .filter(|n| n.label == EntityLabel::Person)
        .map(|n| n.start)
        .collect();
    names.retain(|n| {
        if n.label == EntityLabel::Person || n.label == EntityLabel::Fac {
            return true;
        }
        let last = &t[n.end - 1].lower;
        let before_person = person_starts.contains(&n.end)
            || (t.get(n.end).is_some_and(|x| x.s == "(") && person_starts.contains(&(n.end + 1)));
        !(before_person && rules::is_title_head(last))
    });
    for n in names.iter_mut() {
        if n.label != EntityLabel::Person {
            continue;
        }
        while n.end - n.start > 1 && rules::is_rank_word(&t[n.start].lower) {
            n.start += 1;
        }
    }
    let mut fulls: Vec<(usize, usize, String)> = Vec::new();
    for n in names.iter() {
        if n.label == EntityLabel::Person
            && n.start >= 3
            && t[n.start - 1].s == ")"
            && t[n.start - 3].s == "("
            && is_cap(t[n.start - 2].s)
        {
            let first = t[n.start - 2].s;
            let rest: Vec<&str> = t[n.start..n.end].iter().map(|x| x.s).collect();
            fulls.push((n.start, n.start - 2, format!("{first} {}", rest.join(" "))));
        }
    }
    for (pstart, first, full) in fulls {
        for n in names.iter_mut() {
            if n.start == pstart || (n.start == first && n.end == first + 1) {
                n.full = Some(full.clone());
                n.label = EntityLabel::Person;
            }
        }
    }
}

/// A name's text with its whitespace runs made single spaces, borrowed when already so.
fn squash_spaces(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let clean = s.is_ascii()
        && b.first() != Some(&b' ')
        && b.last() != Some(&b' ')
        && !b.iter().any(|c| (9..=13).contains(c))
        && !b.windows(2).any(|w| w == b"  ");
    if clean {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// `canonical`: the fullest form of each name in the document; titles shared across mentions.
fn canonicalise(ents: &mut [Entity], fulls: &[Option<String>]) {
    let n = ents.len();
    let mut canon: Vec<Option<String>> = vec![None; n];
    {
        let forms: Vec<Cow<str>> = ents
            .iter()
            .zip(fulls)
            .map(|(e, f)| match f {
                Some(f) => Cow::Borrowed(f.as_str()),
                None => squash_spaces(&e.text),
            })
            .collect();
        let toks: Vec<Vec<&str>> = forms.iter().map(|f| f.split(' ').collect()).collect();
        // only persons and organisations take a longer form of the same label
        let persons: Vec<usize> = (0..n)
            .filter(|&j| ents[j].label == EntityLabel::Person)
            .collect();
        let orgs: Vec<usize> = (0..n)
            .filter(|&j| ents[j].label == EntityLabel::Org)
            .collect();
        for i in 0..n {
            if !ents[i].label.is_name() {
                continue;
            }
            let same: &[usize] = match ents[i].label {
                EntityLabel::Person => &persons,
                EntityLabel::Org => &orgs,
                _ => &[],
            };
            let mut best = i;
            for &j in same {
                if toks[j].len() <= toks[best].len() {
                    continue;
                }
                // persons: a longer name ending in the same surname; organisations: a longer
                // name that adds an organisation noun ("Haqqani" → "Haqqani network")
                let ok = match ents[i].label {
                    EntityLabel::Person => {
                        toks[j].last() == toks[i].last() && contains_seq(&toks[j], &toks[i])
                    }
                    EntityLabel::Org => {
                        toks[j].len() == toks[i].len() + 1
                            && toks[j].starts_with(&toks[i])
                            && toks[j]
                                .last()
                                .is_some_and(|w| is_org_suffix(&w.to_lowercase()))
                    }
                    _ => false,
                };
                if ok {
                    best = j;
                }
            }
            canon[i] = Some(forms[best].to_string());
        }
    }
    // titles: shared by all mentions of the same person
    let mut groups: Vec<Vec<String>> = Vec::new();
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    {
        let mut ids: FastMap<&str, usize> = FastMap::default();
        for (i, (e, c)) in ents.iter().zip(&canon).enumerate() {
            if let (EntityLabel::Person, Some(c)) = (e.label, c) {
                let g = *ids.entry(c.as_str()).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                group_of[i] = Some(g);
                if let Some(v) = groups.get_mut(g) {
                    for t in &e.titles {
                        if !v.contains(t) {
                            v.push(t.clone());
                        }
                    }
                }
            }
        }
    }
    for ((e, c), g) in ents.iter_mut().zip(canon).zip(group_of) {
        if let Some(v) = g.and_then(|g| groups.get(g)) {
            e.titles = v.clone();
        }
        e.canonical = c;
    }
}

fn contains_seq(hay: &[&str], needle: &[&str]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_keeps_the_label_most_of_its_mentions_got() {
        let sents = [
            vec!["Palmyra", "fell"],
            vec!["In", "Palmyra"],
            vec!["Palmyra", "burned"],
        ];
        let toks: Vec<Vec<T>> = sents.iter().map(|s| rules::toks(s)).collect();
        let mut names = vec![
            vec![cand(0, 0, 1, EntityLabel::Person)],
            vec![cand(1, 1, 2, EntityLabel::Gpe)],
            vec![cand(2, 0, 1, EntityLabel::Gpe)],
        ];
        consistent_labels(&toks, &mut names);
        assert!(names.iter().flatten().all(|n| n.label == EntityLabel::Gpe));
        // no majority: labels stay
        let mut names = vec![
            vec![cand(0, 0, 1, EntityLabel::Person)],
            vec![cand(1, 1, 2, EntityLabel::Gpe)],
            vec![],
        ];
        consistent_labels(&toks, &mut names);
        assert_eq!(names[0][0].label, EntityLabel::Person);
    }
}
