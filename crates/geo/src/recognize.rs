//! Toponym recognition: NER's GPE/LOC/FAC spans plus gazetteer matches over capitalised token
//! runs that NER missed, with filters for names inside larger names, sentence-initial common
//! words, month and title words, and people named like places.
use crate::gazetteer::{key, Gazetteer, Kind};
use dateline_core::hash::{WordList, WordMap, WordSet};
use dateline_core::{Document, EntityLabel, Span};
use std::borrow::Cow;

/// A place-name mention with its gazetteer candidates.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub key: String,
    pub cands: Vec<u32>,
    pub sentence: Option<usize>,
    /// From NER (trusted) rather than from the gazetteer scan.
    pub from_ner: bool,
    /// A facility named after the town it stands in ("Kabul Serena Hotel"): the span is the
    /// facility, the candidates are the town's.
    pub facility: bool,
}

/// Words that end a facility name; a town name before them places the facility in that town.
const FACILITY: &[&str] = &[
    "hotel",
    "airport",
    "hospital",
    "university",
    "stadium",
    "bridge",
    "station",
    "mosque",
    "church",
    "cathedral",
    "museum",
    "prison",
    "jail",
    "zoo",
    "campus",
    "college",
    "embassy",
    "consulate",
    "port",
    "harbour",
    "harbor",
    "dam",
    "base",
];

/// Whether a lower-case word is capitalised for reasons other than being a place.
fn is_stop(k: &str) -> bool {
    static SET: WordList = WordList::new(STOP);
    SET.contains(k) || dateline_core::is_month_or_weekday(k)
}

/// [`is_stop`] for a word in any case (lower-cases only non-ASCII words).
fn is_stop_word(w: &str) -> bool {
    if w.is_ascii() {
        let mut buf = [0u8; 24];
        let Some(b) = buf.get_mut(..w.len()) else {
            return false; // no stop word is that long
        };
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        return std::str::from_utf8(b).is_ok_and(is_stop);
    }
    is_stop(&w.to_lowercase())
}

static LEAD_OK_SET: WordList = WordList::new(LEAD_OK);
static TITLES_SET: WordList = WordList::new(TITLES);
static TYPE_TAIL_SET: WordList = WordList::new(TYPE_TAIL);
static FACILITY_SET: WordList = WordList::new(FACILITY);

/// `w` lower-cased, borrowed when it already is (lower-cases non-ASCII words as
/// `str::to_lowercase` does).
fn lower(w: &str) -> Cow<'_, str> {
    if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(w)
    } else {
        Cow::Owned(w.to_lowercase())
    }
}

/// Countries, continents, regions and sizeable first-level subdivisions: areas that outweigh
/// a neighbouring capitalised word.
fn is_area_kind(kind: Kind, population: u64) -> bool {
    matches!(kind, Kind::Country | Kind::Continent | Kind::Region)
        || (kind == Kind::Admin1 && population >= 100_000)
}

/// What the gazetteer says about the single words of one document, asked once per word.
struct WordFacts<'a> {
    map: WordMap<&'a str, u8>,
}

/// Some entry named by the word is an area ([`is_area_kind`]).
const AREA: u8 = 1;
/// The word is a demonym.
const DEMONYM: u8 = 2;
/// Some entry named by the word has 100,000 people or more.
const KNOWN: u8 = 4;
/// The word starts a longer key ([`Gazetteer::probe`]).
const PREFIX: u8 = 8;
/// The word is a key.
const EXACT: u8 = 16;
/// The bits above have been filled in for the entries / for the probe.
const ENTRIES_DONE: u8 = 32;
const PROBE_DONE: u8 = 64;

impl<'a> WordFacts<'a> {
    fn new() -> WordFacts<'a> {
        WordFacts {
            map: WordMap::with_capacity_and_hasher(64, Default::default()),
        }
    }

    /// The facts about word `w` that `need` (ENTRIES_DONE and/or PROBE_DONE) asks for.
    fn get(&mut self, gaz: &Gazetteer, w: &'a str, need: u8) -> u8 {
        let have = self.map.get(w).copied().unwrap_or(0);
        if have & need == need {
            return have;
        }
        let k = key(w);
        let mut f = have;
        if need & ENTRIES_DONE != 0 && have & ENTRIES_DONE == 0 {
            f |= ENTRIES_DONE;
            for (kind, population) in gaz.ids_of(&k).filter_map(|e| gaz.kind_population(e)) {
                if is_area_kind(kind, population) {
                    f |= AREA;
                }
                if population >= 100_000 {
                    f |= KNOWN;
                }
                if f & (AREA | KNOWN) == AREA | KNOWN {
                    break;
                }
            }
            if gaz.is_demonym_key(&k) {
                f |= DEMONYM;
            }
        }
        if need & PROBE_DONE != 0 && have & PROBE_DONE == 0 {
            f |= PROBE_DONE;
            let (prefix, exact) = gaz.probe(&k);
            if prefix {
                f |= PREFIX;
            }
            if exact {
                f |= EXACT;
            }
        }
        self.map.insert(w, f);
        f
    }
}

/// Words that are capitalised for reasons other than being a place (besides the month and
/// weekday names, see [`is_stop`]).
const STOP: &[&str] = &[
    "western",
    "eastern",
    "northern",
    "southern",
    "federal",
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "general",
    "god",
    "christmas",
    "easter",
    "ramadan",
    "i",
    "a",
    "an",
    "the",
    "this",
    "that",
    "it",
    "he",
    "she",
    "we",
    "they",
    "but",
    "and",
    "or",
    "if",
    "as",
    "at",
    "in",
    "on",
    "of",
    "for",
    "by",
    "to",
    "so",
    "no",
    "yes",
    "said",
    "says",
    "university",
    "police",
    "hospital",
    "church",
    "army",
    "street",
    "road",
    "district",
    "province",
    "county",
    "state",
    "city",
    "island",
    "ocean",
    "sea",
    "lake",
    "river",
    "mount",
    "valley",
    "west",
    "east",
    "north",
    "south",
    "central",
    "bay",
    "gulf",
    "union",
    "republic",
    "kingdom",
    "centre",
    "center",
    "health",
    "ministry",
    "department",
    "college",
    "school",
    "airport",
    "hotel",
    "court",
    "house",
    "hall",
    "park",
    "national",
    "international",
    "world",
    "global",
    "new",
    "old",
    "grand",
    "royal",
    "mission",
    "ebola",
    "aids",
    "sars",
    "bird",
    "swine",
    "flu",
];

/// Capitalised words that may stand before a place without making it part of a longer name.
const LEAD_OK: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "near",
    "outside",
    "inside",
    "across",
    "throughout",
    "of",
    "the",
    "and",
    "but",
    "for",
    "by",
    "with",
    "on",
    "into",
    "between",
    "since",
    "while",
    "when",
    "where",
    "as",
    "both",
    "like",
    "after",
    "before",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "north",
    "south",
    "east",
    "west",
    "greater",
    "upper",
    "lower",
    "rural",
    "downtown",
    "suburban",
    "coastal",
    "a",
    "an",
    "all",
    "some",
    "many",
    "most",
];

/// Words after a place that make the whole run a facility or organisation name.
const ORG_TAIL: &[&str] = &[
    "hotel",
    "university",
    "college",
    "school",
    "hospital",
    "airport",
    "airlines",
    "airways",
    "street",
    "road",
    "avenue",
    "bridge",
    "stadium",
    "times",
    "post",
    "herald",
    "tribune",
    "journal",
    "news",
    "press",
    "institute",
    "company",
    "corp",
    "inc",
    "ltd",
    "bank",
    "club",
    "fc",
    "united",
    "rovers",
    "city",
    "council",
    "police",
    "department",
    "ministry",
    "zoo",
    "museum",
    "church",
    "mosque",
    "cathedral",
    "center",
    "centre",
    "station",
    "square",
    "park",
    "hall",
    "house",
    "court",
    "prison",
    "jail",
    "campus",
    "county",
    "state",
];

/// Place-type words that extend a name to the right ("Nyanza Province").
const TYPE_TAIL: &[&str] = &[
    "province",
    "county",
    "district",
    "region",
    "state",
    "prefecture",
    "governorate",
    "territory",
    "island",
    "islands",
    "valley",
];

const CURATED_CAPS: &[&str] = &["US", "USA", "UK", "UAE", "DRC", "NSW", "PRC", "DPRK"];

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_connector(s: &str) -> bool {
    if (s.starts_with("d'") || s.starts_with("d’")) && s.len() > 3 {
        return true;
    }
    matches!(
        s,
        "of" | "de"
            | "del"
            | "la"
            | "le"
            | "du"
            | "al"
            | "el"
            | "upon"
            | "on"
            | "da"
            | "do"
            | "dos"
            | "das"
            | "di"
            | "van"
            | "von"
            | "der"
            | "den"
            | "-"
            | "and"
            | "y"
            | "en"
    )
}

/// Recognises place mentions in a segmented document.
pub fn recognize(doc: &Document, gaz: &Gazetteer) -> Vec<Mention> {
    let text = doc.text.as_str();
    let toks = &doc.tokens;
    let tok = |i: usize| toks.get(i).map(|t| t.span.text(text)).unwrap_or("");
    let mut out: Vec<Mention> = Vec::new();

    // NER spans first: trusted for GPE/LOC/FAC; PERSON/ORG spans block gazetteer matches.
    let mut blocked: Vec<Span> = Vec::new();
    for e in &doc.entities {
        match e.label {
            EntityLabel::Gpe | EntityLabel::Loc | EntityLabel::Fac => {
                let span = extend_left(doc, gaz, e.span);
                let k = key(span.text(text));
                let cands = gaz.lookup_key(&k);
                if !cands.is_empty() {
                    out.push(Mention {
                        span,
                        key: k,
                        cands,
                        sentence: doc.sentence_at(e.span.start),
                        from_ner: true,
                        facility: e.label == EntityLabel::Fac,
                    });
                }
            }
            EntityLabel::Person | EntityLabel::Org => {
                // a name that is exactly a well-known place ("DRC", "Darfur", "NSW") is taken
                // as NER's mistake; a place inside a longer name stays blocked
                let whole_place = gaz
                    .ids_of(&key(e.span.text(text)))
                    .filter_map(|c| gaz.kind_population(c))
                    .any(|(kind, population)| match kind {
                        Kind::City => population >= 100_000,
                        _ => true,
                    });
                if !whole_place {
                    blocked.push(e.span);
                }
            }
            _ => {}
        }
    }

    // sorted spans that gazetteer matches must not overlap: NER names and NER places
    blocked.extend(out.iter().map(|m| m.span));
    blocked.sort();
    let hits = |sp: &Span| -> bool {
        // spans are sorted by start; any overlap starts before sp.end
        let hi = blocked.partition_point(|b| b.start < sp.end);
        blocked[..hi].iter().rev().take(64).any(|b| b.overlaps(sp))
    };
    let mut facts = WordFacts::new();
    let persons = person_tokens(doc, gaz, &mut facts);
    let maxw = gaz.max_name_tokens();
    let n = toks.len();
    let mut kbuf = String::new();
    let mut i = 0;
    while i < n {
        let Some(t0) = toks.get(i) else { break };
        let w0 = tok(i);
        if !is_cap(w0) {
            i += 1;
            continue;
        }
        let sent = t0.sentence;
        // longest gazetteer match starting at token i
        let mut best: Option<(usize, usize, String)> = None; // (last token, end byte, key)
        let mut j = i;
        // the key of tokens i..=j, grown a token at a time (the same as key() of the slice)
        kbuf.clear();
        let mut kend = t0.span.start;
        while j < n && j < i + maxw {
            let Some(tj) = toks.get(j) else { break };
            if tj.sentence != sent {
                break;
            }
            let wj = tok(j);
            if j > i && !is_cap(wj) && !is_connector(wj) {
                break;
            }
            let piece = text.get(kend..tj.span.end).unwrap_or("");
            if !kbuf.is_empty() && piece.starts_with(char::is_whitespace) {
                kbuf.push(' ');
            }
            crate::gazetteer::key_into(piece, &mut kbuf);
            kend = tj.span.end.max(kend);
            let (prefix, exact) = if j == i {
                // the first window is the word itself: asked once per word
                let f = facts.get(gaz, w0, PROBE_DONE);
                (f & PREFIX != 0, f & EXACT != 0)
            } else {
                gaz.probe(&kbuf)
            };
            if !prefix {
                break;
            }
            if exact {
                best = Some((j, tj.span.end, kbuf.clone()));
            }
            // "U.S." / "Calif." : the tokenizer splits the final period off
            if tok(j + 1) == "." && toks.get(j + 1).is_some_and(|t| t.span.start == tj.span.end) {
                kbuf.push('.');
                if gaz.has_key(&kbuf) {
                    best = Some((j + 1, tj.span.end + 1, kbuf.clone()));
                }
                kbuf.pop();
            }
            j += 1;
        }
        let Some((last, mut end, k)) = best else {
            // "Pakistan-administered", "Canada-wide", "EU-Canada": a country in a compound
            if w0.contains('-') && !hits(&t0.span) {
                let mut off = 0;
                for part in w0.split('-') {
                    let cands: Vec<u32> = if is_cap(part) {
                        gaz.lookup(part)
                            .into_iter()
                            .filter(|&c| {
                                gaz.entry(c).is_some_and(|e| {
                                    matches!(e.kind, Kind::Country | Kind::Continent)
                                        || (e.kind == Kind::Admin1 && e.population >= 1_000_000)
                                })
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                    if !cands.is_empty() && !is_stop(&key(part)) {
                        let sp = Span::new(t0.span.start + off, t0.span.start + off + part.len());
                        out.push(Mention {
                            span: sp,
                            key: key(part),
                            cands,
                            sentence: Some(sent as usize),
                            from_ner: false,
                            facility: false,
                        });
                    }
                    off += part.len() + 1;
                }
            }
            i += 1;
            continue;
        };
        let span0 = Span::new(t0.span.start, end);
        let cands = gaz.lookup_key(&k);
        // "Kabul Serena Hotel": a facility in the town it is named after
        let mut fac_end = None;
        let mut q = last + 1;
        while q <= last + 3 && toks.get(q).is_some_and(|t| t.sentence == sent) && is_cap(tok(q)) {
            if FACILITY_SET.contains_ascii_lower(tok(q)) {
                fac_end = Some(q);
            }
            q += 1;
        }
        // (only asked for before a facility word)
        let town_cands: Vec<u32> = match fac_end {
            Some(_) => cands
                .iter()
                .copied()
                .filter(|&c| gaz.kind_population(c).is_some_and(|(k, _)| k == Kind::City))
                .collect(),
            None => Vec::new(),
        };
        if let (Some(fe), false) = (fac_end, town_cands.is_empty()) {
            let fspan = Span::new(
                t0.span.start,
                toks.get(fe).map(|t| t.span.end).unwrap_or(end),
            );
            if !hits(&fspan) {
                out.push(Mention {
                    span: fspan,
                    key: k,
                    cands: town_cands,
                    sentence: Some(sent as usize),
                    from_ner: false,
                    facility: true,
                });
            }
            i = fe + 1;
            continue;
        }
        let mut keep = accept(doc, gaz, &mut facts, i, last, &k, &cands);
        if i == last
            && persons.contains(w0)
            && !cands
                .iter()
                .filter_map(|&c| gaz.kind_population(c))
                .any(|(k, _)| matches!(k, Kind::Country | Kind::Continent))
        {
            keep = false;
        }
        if hits(&span0) {
            keep = false;
        }
        if keep {
            // "Nyanza Province": take a following place-type word into the span
            let nxt = tok(last + 1);
            if TYPE_TAIL_SET.contains_ascii_lower(nxt)
                && toks.get(last + 1).is_some_and(|t| t.sentence == sent)
            {
                if let Some(t) = toks.get(last + 1) {
                    end = t.span.end;
                }
            }
            out.push(Mention {
                span: Span::new(t0.span.start, end),
                key: k,
                cands,
                sentence: Some(sent as usize),
                from_ner: false,
                facility: false,
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// A place span from NER grown to the left over up to two capitalised tokens when the longer
/// name is in the gazetteer: NER often cuts "Democratic Republic of Congo" to "Republic of
/// Congo" (another country) and "People's Republic of China" to "Republic of China" (Taiwan).
fn extend_left(doc: &Document, gaz: &Gazetteer, span: Span) -> Span {
    let text = doc.text.as_str();
    let toks = &doc.tokens;
    let first = toks.partition_point(|t| t.span.start < span.start);
    let Some(sent) = toks.get(first).map(|t| t.sentence) else {
        return span;
    };
    let mut best = span;
    for back in 1..=3 {
        let Some(t) = first.checked_sub(back).and_then(|i| toks.get(i)) else {
            break;
        };
        let w = t.span.text(text);
        if t.sentence != sent || !(is_cap(w) || w == "'s" || w == "’s") {
            break;
        }
        if !is_cap(w) {
            continue;
        }
        let wider = Span::new(t.span.start, span.end);
        if gaz.has_key(&key(wider.text(text))) {
            best = wider;
        }
    }
    best
}

/// Titles that introduce a person's name.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "secretary",
    "senator",
    "sen",
    "gen",
    "general",
    "prof",
    "professor",
    "sir",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "governor",
    "gov",
    "mayor",
    "chairman",
    "director",
    "spokesman",
    "spokeswoman",
    "rep",
    "judge",
    "lord",
    "lady",
    "sheikh",
    "imam",
    "captain",
    "capt",
    "col",
    "colonel",
    "lt",
    "sgt",
    "chief",
    "dr.",
    "mr.",
    "mrs.",
    "ms.",
    "officer",
    "commissioner",
    "ambassador",
];

/// Single tokens used as people's names in this document: after a title ("President
/// Obama"), or in a run of two or three capitalised words that is not itself a place and
/// names no country or region ("Nelson Mandela", "Michael Smith").
fn person_tokens<'a>(
    doc: &'a Document,
    gaz: &Gazetteer,
    facts: &mut WordFacts<'a>,
) -> WordSet<&'a str> {
    let text = doc.text.as_str();
    let toks = &doc.tokens;
    let tok = |j: usize| toks.get(j).map(|t| t.span.text(text)).unwrap_or("");
    let mut set = WordSet::default();
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let w = tok(i);
        if !is_cap(w) || LEAD_OK_SET.contains_ascii_lower(w) {
            i += 1;
            continue;
        }
        let sent = toks.get(i).map(|t| t.sentence);
        let mut j = i;
        while j + 1 < n
            && toks.get(j + 1).map(|t| t.sentence) == sent
            && is_cap(tok(j + 1))
            && !is_stop_word(tok(j + 1))
        {
            j += 1;
        }
        let titled = i > 0 && TITLES_SET.contains_ascii_lower(tok(i - 1));
        let len = j - i + 1;
        if titled || (2..=3).contains(&len) {
            let whole = text
                .get(toks.get(i).map_or(0, |t| t.span.start)..toks.get(j).map_or(0, |t| t.span.end))
                .unwrap_or("");
            let placey = gaz.has_key(&key(whole))
                || (i..=j).any(|q| {
                    let w = tok(q);
                    TYPE_TAIL_SET.contains_ascii_lower(w)
                        || facts.get(gaz, w, ENTRIES_DONE) & (AREA | DEMONYM) != 0
                });
            if titled || !placey {
                for q in i..=j {
                    // a well-known town keeps its reading ("CDC Atlanta", "Buffalo Public Schools")
                    let known = !titled && facts.get(gaz, tok(q), ENTRIES_DONE) & KNOWN != 0;
                    if !known {
                        set.insert(tok(q));
                    }
                }
            }
        }
        i = j + 1;
    }
    set
}

/// The filters for a gazetteer match over tokens `i..=last`.
fn accept<'a>(
    doc: &'a Document,
    gaz: &Gazetteer,
    facts: &mut WordFacts<'a>,
    i: usize,
    last: usize,
    k: &str,
    cands: &[u32],
) -> bool {
    let text = doc.text.as_str();
    let toks = &doc.tokens;
    let tok = |j: usize| toks.get(j).map(|t| t.span.text(text)).unwrap_or("");
    let surface = match (toks.get(i), toks.get(last)) {
        (Some(a), Some(b)) => text.get(a.span.start..b.span.end).unwrap_or(""),
        _ => return false,
    };
    if is_stop(k) || k.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return false;
    }
    // all-caps short forms only when curated ("US", "UK"), never "WHO" or "IT"
    let letters = || surface.chars().filter(|c| c.is_alphabetic());
    let all_caps = letters().all(char::is_uppercase);
    let letter_bytes: usize = letters().map(char::len_utf8).sum();
    if all_caps
        && letter_bytes <= 4
        && !CURATED_CAPS.contains(&letters().collect::<String>().as_str())
        && !surface.contains('.')
    {
        return false;
    }
    let sent = toks.get(i).map(|t| t.sentence);
    let first_in_sentence = i == 0
        || toks.get(i - 1).map(|t| t.sentence) != sent
        || matches!(tok(i - 1), "\"" | "“" | "'" | "‘" | "(" | "-" | "—" | ":");
    // (kind, population) of each candidate: all the filters below look at but one name
    let entries: Vec<(Kind, u64)> = cands
        .iter()
        .filter_map(|&c| gaz.kind_population(c))
        .collect();
    // areas that outweigh a neighbouring capitalised word: countries, continents, regions and
    // sizeable first-level subdivisions (not the Isle of Man's "Michael")
    let big = entries.iter().any(|&(kind, pop)| is_area_kind(kind, pop));
    let max_pop = entries.iter().map(|e| e.1).max().unwrap_or(0);
    let common = gaz.is_common_word(k);
    if common && (first_in_sentence || !big && max_pop < 100_000) {
        return false;
    }
    // a short single word that is only some place's alternate name ("Jin" for Tsu)
    let primary = || {
        cands
            .iter()
            .filter_map(|&c| gaz.entry(c))
            .any(|e| crate::gazetteer::key_eq(e.name, k))
    };
    if i == last && letters().count() <= 4 && !all_caps && !primary() {
        return false;
    }
    // a nationality that is also some region's name ("Somali refugees")
    if gaz.is_demonym_key(k) && !entries.iter().any(|e| e.0 == Kind::Country) {
        return false;
    }
    let prev = if i == 0 || first_in_sentence {
        ""
    } else {
        tok(i - 1)
    };
    let next = toks
        .get(last + 1)
        .filter(|t| Some(t.sentence) == sent)
        .map(|t| t.span.text(text))
        .unwrap_or("");
    let prev_l = lower(prev);
    let next_l = lower(next);
    // people named like places: "George Washington", "Washington said"
    let country_like = entries
        .iter()
        .any(|e| matches!(e.0, Kind::Country | Kind::Continent));
    let mut area_word = |w: &'a str| facts.get(gaz, w, ENTRIES_DONE) & AREA != 0;
    if !country_like && is_cap(prev) && !LEAD_OK.contains(&&*prev_l) && !area_word(prev) {
        return false;
    }
    if common && is_cap(next) && !TYPE_TAIL.contains(&&*next_l) && !area_word(next) {
        return false;
    }
    if !big {
        if is_cap(next) && ORG_TAIL.contains(&&*next_l) {
            return false;
        }
        if is_cap(next) && !TYPE_TAIL.contains(&&*next_l) && !area_word(next) {
            return false;
        }
        // small towns (no GeoNames city ≥ 15,000) need a locative cue or a container after a comma
        let only_small = entries
            .iter()
            .all(|&(kind, pop)| matches!(kind, Kind::City | Kind::Admin2) && pop < 15_000);
        if only_small {
            let locative = matches!(
                &*prev_l,
                "in" | "at" | "near" | "from" | "to" | "outside" | "of" | "into" | "around"
            ) || (i >= 1
                && matches!(
                    tok(i - 1).to_lowercase().as_str(),
                    "in" | "at" | "near" | "from" | "outside"
                ));
            let container =
                next == "," && is_cap(tok(last + 2)) && gaz.has_key(&key(tok(last + 2)));
            if !locative && !container {
                return false;
            }
        }
    }
    // "Marburg virus", "Lassa fever": a place name used for a disease
    if matches!(
        &*next_l,
        "virus" | "fever" | "disease" | "strain" | "flu" | "ebolavirus" | "encephalitis"
    ) {
        return false;
    }
    let locative_prev = matches!(
        &*prev_l,
        "in" | "at" | "near" | "from" | "to" | "outside" | "into" | "around" | "across"
    );
    if matches!(&*next_l, "said" | "says" | "told" | "added") && !big && !locative_prev {
        return false;
    }
    true
}
