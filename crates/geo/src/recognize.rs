//! Toponym recognition: NER's GPE/LOC/FAC spans plus gazetteer matches over capitalised token
//! runs that NER missed, with filters for names inside larger names, sentence-initial common
//! words, month and title words, and people named like places.
use crate::gazetteer::{key, Gazetteer, Kind};
use dateline_core::{Document, EntityLabel, Span};

/// A place-name mention with its gazetteer candidates.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub key: String,
    pub cands: Vec<u32>,
    pub sentence: Option<usize>,
    /// From NER (trusted) rather than from the gazetteer scan.
    pub from_ner: bool,
}

/// Words that are capitalised for reasons other than being a place.
const STOP: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
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
                let k = key(e.span.text(text));
                let cands = gaz.lookup_key(&k).to_vec();
                if !cands.is_empty() {
                    out.push(Mention {
                        span: e.span,
                        key: k,
                        cands,
                        sentence: doc.sentence_at(e.span.start),
                        from_ner: true,
                    });
                }
            }
            EntityLabel::Person | EntityLabel::Org => blocked.push(e.span),
            _ => {}
        }
    }

    let maxw = gaz.max_name_tokens();
    let n = toks.len();
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
        while j < n && j < i + maxw {
            let Some(tj) = toks.get(j) else { break };
            if tj.sentence != sent {
                break;
            }
            let wj = tok(j);
            if j > i && !is_cap(wj) && !is_connector(wj) {
                break;
            }
            let slice = text.get(t0.span.start..tj.span.end).unwrap_or("");
            let k = key(slice);
            if !gaz.lookup_key(&k).is_empty() {
                best = Some((j, tj.span.end, k.clone()));
            }
            // "U.S." / "Calif." : the tokenizer splits the final period off
            if tok(j + 1) == "." && toks.get(j + 1).is_some_and(|t| t.span.start == tj.span.end) {
                let kd = format!("{k}.");
                if !gaz.lookup_key(&kd).is_empty() {
                    best = Some((j + 1, tj.span.end + 1, kd));
                }
            }
            j += 1;
        }
        let Some((last, mut end, k)) = best else {
            i += 1;
            continue;
        };
        let span0 = Span::new(t0.span.start, end);
        let cands = gaz.lookup_key(&k).to_vec();
        let mut keep = accept(doc, gaz, i, last, &k, &cands);
        if blocked.iter().any(|b| b.overlaps(&span0)) {
            keep = false;
        }
        if out.iter().any(|m| m.span.overlaps(&span0)) {
            keep = false;
        }
        if keep {
            // "Nyanza Province": take a following place-type word into the span
            let nxt = tok(last + 1);
            if TYPE_TAIL.contains(&nxt.to_lowercase().as_str())
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
            });
            i = last + 1;
        } else {
            i += 1;
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

/// The filters for a gazetteer match over tokens `i..=last`.
fn accept(doc: &Document, gaz: &Gazetteer, i: usize, last: usize, k: &str, cands: &[u32]) -> bool {
    let text = doc.text.as_str();
    let toks = &doc.tokens;
    let tok = |j: usize| toks.get(j).map(|t| t.span.text(text)).unwrap_or("");
    let surface = match (toks.get(i), toks.get(last)) {
        (Some(a), Some(b)) => text.get(a.span.start..b.span.end).unwrap_or(""),
        _ => return false,
    };
    if STOP.contains(&k) || k.chars().filter(|c| c.is_alphabetic()).count() < 2 {
        return false;
    }
    // all-caps short forms only when curated ("US", "UK"), never "WHO" or "IT"
    let letters: String = surface.chars().filter(|c| c.is_alphabetic()).collect();
    let all_caps = letters.chars().all(char::is_uppercase);
    if all_caps
        && letters.len() <= 4
        && !CURATED_CAPS.contains(&letters.as_str())
        && !surface.contains('.')
    {
        return false;
    }
    let sent = toks.get(i).map(|t| t.sentence);
    let first_in_sentence = i == 0
        || toks.get(i - 1).map(|t| t.sentence) != sent
        || matches!(tok(i - 1), "\"" | "“" | "'" | "‘" | "(" | "-" | "—" | ":");
    let entries: Vec<_> = cands.iter().filter_map(|&c| gaz.entry(c)).collect();
    let big = entries.iter().any(|e| {
        matches!(
            e.kind,
            Kind::Country | Kind::Continent | Kind::Region | Kind::Admin1
        )
    });
    let max_pop = entries.iter().map(|e| e.population).max().unwrap_or(0);
    if gaz.is_common_word(k) && (first_in_sentence || !big && max_pop < 100_000) {
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
    let prev_l = prev.to_lowercase();
    let next_l = next.to_lowercase();
    // people named like places: "George Washington", "Washington said"
    if !big {
        if is_cap(prev) && !LEAD_OK.contains(&prev_l.as_str()) && gaz.lookup(prev).is_empty() {
            return false;
        }
        if is_cap(next) && ORG_TAIL.contains(&next_l.as_str()) {
            return false;
        }
        if is_cap(next)
            && !TYPE_TAIL.contains(&next_l.as_str())
            && gaz.lookup(next).is_empty()
            && next != ","
        {
            return false;
        }
        // small towns (no GeoNames city ≥ 15,000) need a locative cue or a container after a comma
        let only_small = entries
            .iter()
            .all(|e| e.kind == Kind::City && e.geonameid == 0 || e.kind == Kind::Admin2);
        if only_small {
            let locative = matches!(
                prev_l.as_str(),
                "in" | "at" | "near" | "from" | "to" | "outside" | "of" | "into" | "around"
            ) || (i >= 1
                && matches!(
                    tok(i - 1).to_lowercase().as_str(),
                    "in" | "at" | "near" | "from" | "outside"
                ));
            let container =
                next == "," && is_cap(tok(last + 2)) && !gaz.lookup(tok(last + 2)).is_empty();
            if !locative && !container {
                return false;
            }
        }
    }
    if matches!(next_l.as_str(), "said" | "says" | "told" | "added") && !big {
        return false;
    }
    true
}
