//! Rule-based entity types over tokens: MONEY, PERCENT, QUANTITY, DATE, TIME; facility names;
//! the CoNLL → output label mapping (GPE/LOC, NORP/MISC); person titles and canonical names.
use crate::hash::FastSet;
use dateline_core::hash::WordList;
use std::sync::OnceLock;

/// A token as the rules see it.
pub struct T<'a> {
    pub s: &'a str,
    pub lower: std::borrow::Cow<'a, str>,
}

pub fn toks<'a>(words: &[&'a str]) -> Vec<T<'a>> {
    words
        .iter()
        .map(|s| T {
            s,
            lower: crate::features::lower(s),
        })
        .collect()
}

/// `toks` of every sentence of a document, the lower-cased forms written into `buf` (one
/// buffer for the document rather than a string per capitalised word).
pub fn doc_toks<'a>(sents: &[Vec<&'a str>], buf: &'a mut String) -> Vec<Vec<T<'a>>> {
    buf.clear();
    // where each word's lower case is in `buf`; None where the word is its own lower case
    let mut at: Vec<Option<(usize, usize)>> = Vec::with_capacity(sents.iter().map(Vec::len).sum());
    for w in sents.iter().flatten() {
        if !w.chars().any(char::is_uppercase) {
            at.push(None);
            continue;
        }
        let start = buf.len();
        if w.is_ascii() {
            buf.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            buf.push_str(&w.to_lowercase());
        }
        at.push(Some((start, buf.len())));
    }
    let buf: &'a String = buf;
    let mut at = at.into_iter();
    sents
        .iter()
        .map(|ws| {
            ws.iter()
                .map(|&s| {
                    let lower = match at.next().flatten().and_then(|(a, b)| buf.get(a..b)) {
                        Some(l) => std::borrow::Cow::Borrowed(l),
                        None => crate::features::lower(s),
                    };
                    T { s, lower }
                })
                .collect()
        })
        .collect()
}

/// A rule match in token indices `[start, end)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub value: Option<f64>,
    pub unit: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Money,
    Percent,
    Quantity,
    Date,
    Time,
}

const MONTHS: &[&str] = &[
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
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
const REL_DAYS: &[&str] = &["yesterday", "today", "tomorrow", "tonight"];
const YEAR_PREPS: &[&str] = &[
    "in", "since", "by", "until", "till", "before", "after", "from", "to", "of", "during", "early",
    "late", "mid", "through",
];
const TIMEZONES: &[&str] = &[
    "gmt", "utc", "ist", "est", "edt", "cst", "cdt", "pst", "pdt", "et", "bst", "cet", "cest",
    "pkt", "jst",
];
const UNITS: &[&str] = &[
    "km",
    "kms",
    "kilometres",
    "kilometers",
    "kilometre",
    "kilometer",
    "miles",
    "mile",
    "metres",
    "meters",
    "metre",
    "meter",
    "m",
    "cm",
    "mm",
    "feet",
    "foot",
    "ft",
    "inches",
    "inch",
    "kg",
    "kgs",
    "kilograms",
    "kilogram",
    "kilos",
    "grams",
    "gram",
    "g",
    "tonnes",
    "tonne",
    "tons",
    "ton",
    "lbs",
    "lb",
    "pounds-weight",
    "barrels",
    "barrel",
    "bpd",
    "acres",
    "acre",
    "hectares",
    "hectare",
    "litres",
    "liters",
    "litre",
    "liter",
    "gallons",
    "gallon",
    "degrees",
    "mph",
    "kph",
    "km/h",
    "megawatts",
    "mw",
    "gw",
    "kw",
    "bushels",
    "ounces",
    "oz",
];

/// Multiplier words and suffixes.
fn multiplier(w: &str) -> Option<f64> {
    Some(match w {
        "hundred" => 1e2,
        "thousand" | "k" => 1e3,
        "million" | "millions" | "mln" | "mn" | "m" => 1e6,
        "billion" | "billions" | "bln" | "bn" | "b" => 1e9,
        "trillion" | "trillions" | "tn" | "trn" => 1e12,
        "crore" | "crores" => 1e7,
        "lakh" | "lakhs" => 1e5,
        _ => return None,
    })
}

fn number_word(w: &str) -> Option<f64> {
    Some(match w {
        "one" | "a" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "fifteen" => 15.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "hundred" => 100.0,
        "dozen" => 12.0,
        "several" | "few" => f64::NAN,
        _ => return None,
    })
}

/// "300", "1,000", "4.5", "4.5bn" → (number, multiplier from a glued suffix).
pub fn parse_number(w: &str) -> Option<(f64, f64)> {
    let digits_end = w
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || *c == ',' || *c == '.'))
        .map(|(i, _)| i)
        .unwrap_or(w.len());
    if digits_end == 0 || !w.as_bytes().first().is_some_and(|b| b.is_ascii_digit()) {
        return None;
    }
    let (num, rest) = w.split_at(digits_end);
    let cleaned: String = num.chars().filter(|c| *c != ',').collect();
    let v: f64 = cleaned.trim_end_matches('.').parse().ok()?;
    if rest.is_empty() {
        return Some((v, 1.0));
    }
    let m = multiplier(&rest.to_lowercase())?;
    Some((v, m))
}

/// A currency written before the amount.
fn currency_before(w: &str) -> Option<&'static str> {
    Some(match w {
        "$" | "usd" | "us$" | "dollars" => "USD",
        "€" | "eur" => "EUR",
        "£" | "gbp" | "stg" => "GBP",
        "¥" | "jpy" | "yen" => "JPY",
        "₹" | "inr" | "rs" | "rs." => "INR",
        "pkr" => "PKR",
        "cny" | "rmb" => "CNY",
        "chf" => "CHF",
        "cad" | "c$" => "CAD",
        "aud" | "a$" => "AUD",
        "rub" => "RUB",
        "dm" => "DEM",
        _ => return None,
    })
}

/// A currency written after the amount.
fn currency_after(w: &str) -> Option<&'static str> {
    Some(match w {
        "dollars" | "dollar" | "usd" => "USD",
        "euros" | "euro" | "eur" => "EUR",
        "pounds" | "pound" | "sterling" | "gbp" => "GBP",
        "yen" => "JPY",
        "rupees" | "rupee" | "inr" => "INR",
        "yuan" | "renminbi" => "CNY",
        "francs" | "franc" => "FRF",
        "marks" | "mark" => "DEM",
        "roubles" | "rubles" => "RUB",
        "cents" | "cent" => "USD",
        _ => return None,
    })
}

fn is_year(w: &str) -> bool {
    w.len() == 4
        && w.bytes().all(|b| b.is_ascii_digit())
        && (w.starts_with("19") || w.starts_with("20"))
}

fn is_day(w: &str) -> bool {
    let d = w.trim_end_matches(|c: char| c.is_alphabetic());
    let suf = &w[d.len()..];
    !d.is_empty()
        && d.len() <= 2
        && d.bytes().all(|b| b.is_ascii_digit())
        && d.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n))
        && matches!(suf, "" | "st" | "nd" | "rd" | "th")
}

fn is_month(t: &T) -> bool {
    // "may", "march" lower-case are words, not months
    t.s.chars().next().is_some_and(|c| c.is_uppercase())
        && MONTHS.contains(&t.lower.trim_end_matches('.'))
}

/// An amount starting at `i`: (end, value) over "300", "300 million", "4.5bn", "a dozen".
fn amount(t: &[T], i: usize) -> Option<(usize, f64)> {
    let w = t.get(i)?;
    let (mut v, mut end) = if let Some((v, m)) = parse_number(&w.lower) {
        (v * m, i + 1)
    } else {
        let v = number_word(&w.lower)?;
        if w.lower == "a" {
            // "a million dollars", not "a dollar"
            multiplier(&t.get(i + 1)?.lower)?;
        }
        (v, i + 1)
    };
    while let Some(m) = t.get(end).and_then(|x| multiplier(&x.lower)) {
        v *= m;
        end += 1;
    }
    Some((end, v))
}

/// All rule matches in one sentence, left to right, non-overlapping.
pub fn find(t: &[T]) -> Vec<Match> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < t.len() {
        if let Some(m) = may_start(&t[i]).then(|| match_at(t, i)).flatten() {
            i = m.end.max(i + 1);
            out.push(m);
        } else {
            i += 1;
        }
    }
    out
}

/// Words (besides months, weekdays and relative days) a match can start with: the currencies
/// of `currency_before`, "us", the words of `number_word`, "last", "next", "this".
const MATCH_STARTS: &[&str] = &[
    "$", "usd", "us$", "dollars", "€", "eur", "£", "gbp", "stg", "¥", "jpy", "yen", "₹", "inr",
    "rs", "rs.", "pkr", "cny", "rmb", "chf", "cad", "c$", "aud", "a$", "rub", "dm", "us", "one",
    "a", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "hundred", "dozen", "several",
    "few", "last", "next", "this",
];

/// Whether a match can start at this token: what every branch of `match_at` needs first (a
/// digit, a currency, "us", a number word, a month, a weekday, a relative day, "last", "next"
/// or "this"), or a little more (a month need not be capitalised here).
fn may_start(w: &T) -> bool {
    static STARTS: OnceLock<FastSet<&'static str>> = OnceLock::new();
    let l = &*w.lower;
    if l.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return true;
    }
    let starts = STARTS.get_or_init(|| {
        MATCH_STARTS
            .iter()
            .chain(MONTHS)
            .chain(WEEKDAYS)
            .chain(REL_DAYS)
            .copied()
            .collect()
    });
    // the longest start word is nine bytes ("september", "wednesday", "yesterday")
    let trimmed = l.trim_end_matches('.');
    trimmed.len() <= 9
        && (starts.contains(trimmed) || (trimmed.len() != l.len() && starts.contains(l)))
}

fn mk(start: usize, end: usize, kind: Kind) -> Match {
    Match {
        start,
        end,
        kind,
        value: None,
        unit: None,
    }
}

fn match_at(t: &[T], i: usize) -> Option<Match> {
    let w = &t[i];
    let next = |k: usize| t.get(i + k).map(|x| &*x.lower).unwrap_or("");
    // MONEY: currency first ("$4.5bn", "USD 300 million", "US$ 5")
    let mut cur_start = i;
    let mut cur = currency_before(&w.lower);
    let mut after_cur = i + 1;
    if w.lower == "us" && next(1) == "$" {
        cur = Some("USD");
        after_cur = i + 2;
    }
    if w.s == "dollars" {
        cur = None;
    }
    if let Some(c) = cur {
        if let Some((end, v)) = amount(t, after_cur) {
            return Some(Match {
                start: cur_start,
                end,
                kind: Kind::Money,
                value: (!v.is_nan()).then_some(v),
                unit: Some(c.to_string()),
            });
        }
    }
    cur_start = i;
    // amounts: followed by a currency word, percent or unit
    if let Some((end, v)) = amount(t, i) {
        let after = t.get(end).map(|x| &*x.lower).unwrap_or("");
        let numeric = parse_number(&w.lower).is_some();
        let val = (!v.is_nan()).then_some(v);
        if let Some(c) = currency_after(after) {
            // "300 million US dollars"
            return Some(Match {
                start: cur_start,
                end: end + 1,
                kind: Kind::Money,
                value: val,
                unit: Some(c.to_string()),
            });
        }
        if (after == "us" || after == "u.s.")
            && t.get(end + 1).is_some_and(|x| x.lower == "dollars")
        {
            return Some(Match {
                start: cur_start,
                end: end + 2,
                kind: Kind::Money,
                value: val,
                unit: Some("USD".into()),
            });
        }
        if numeric && (after == "%" || after == "percent" || after == "pct") {
            let mut m = mk(i, end + 1, Kind::Percent);
            m.value = val;
            return Some(m);
        }
        if numeric && after == "per" && t.get(end + 1).is_some_and(|x| x.lower == "cent") {
            let mut m = mk(i, end + 2, Kind::Percent);
            m.value = val;
            return Some(m);
        }
        if numeric && UNITS.contains(&after) {
            let mut m = mk(i, end + 1, Kind::Quantity);
            m.value = val;
            m.unit = Some(after.to_string());
            return Some(m);
        }
    }
    // TIME: "12:51 IST", "10 a.m.", "3 pm", "noon"
    if parse_number(&w.lower).is_some_and(|(v, m)| m == 1.0 && v.fract() == 0.0 && v <= 24.0) {
        let mut end = i + 1;
        let mut ok = false;
        if next(1) == ":"
            && t.get(i + 2)
                .is_some_and(|x| x.s.len() == 2 && x.s.bytes().all(|b| b.is_ascii_digit()))
        {
            end = i + 3;
            ok = true;
        }
        let ap = t.get(end).map(|x| &*x.lower).unwrap_or("");
        if matches!(
            ap,
            "am" | "pm" | "a.m." | "p.m." | "a.m" | "p.m" | "hrs" | "hours"
        ) && (ok || ap != "hours")
        {
            end += 1;
            ok = true;
        }
        if ok {
            if t.get(end).is_some_and(|x| {
                TIMEZONES.contains(&&*x.lower) && x.s.chars().all(|c| c.is_uppercase())
            }) {
                end += 1;
            }
            return Some(mk(i, end, Kind::Time));
        }
    }
    // DATE
    if is_month(w) {
        let mut end = i + 1;
        if t.get(end).is_some_and(|x| x.s == ".") {
            end += 1;
        }
        let mut any = false;
        if t.get(end).is_some_and(|x| is_day(&x.lower)) {
            end += 1;
            any = true;
        }
        let save = end;
        if t.get(end).is_some_and(|x| x.s == ",") {
            end += 1;
        }
        if t.get(end).is_some_and(|x| is_year(&x.lower)) {
            end += 1;
            any = true;
        } else {
            end = save;
        }
        // "May" alone is too ambiguous; "September" alone is a date
        if any
            || !matches!(
                &*w.lower,
                "may" | "march" | "jan" | "mar" | "sept" | "dec" | "oct" | "nov" | "aug" | "feb"
            )
        {
            // "1 September 2015": take the day before
            let start = if i > 0 && is_day(&t[i - 1].lower) {
                i - 1
            } else {
                i
            };
            return Some(mk(start, end, Kind::Date));
        }
    }
    if is_day(&w.lower) && t.get(i + 1).is_some_and(is_month) {
        let mut end = i + 2;
        if t.get(end).is_some_and(|x| is_year(&x.lower)) {
            end += 1;
        }
        return Some(mk(i, end, Kind::Date));
    }
    if WEEKDAYS.contains(&&*w.lower) || REL_DAYS.contains(&&*w.lower) {
        let mut end = i + 1;
        if matches!(next(1), "morning" | "afternoon" | "evening" | "night") {
            end += 1;
        }
        return Some(mk(i, end, Kind::Date));
    }
    if matches!(&*w.lower, "last" | "next" | "this")
        && matches!(
            next(1),
            "week" | "month" | "year" | "weekend" | "summer" | "winter" | "spring" | "autumn"
        )
    {
        return Some(mk(i, i + 2, Kind::Date));
    }
    // ISO dates 2015-09-01
    if w.s.len() == 10
        && w.s.as_bytes().get(4) == Some(&b'-')
        && w.s.as_bytes().get(7) == Some(&b'-')
        && is_year(&w.s[..4])
    {
        return Some(mk(i, i + 1, Kind::Date));
    }
    if is_year(&w.lower) && i > 0 && YEAR_PREPS.contains(&&*t[i - 1].lower) {
        return Some(mk(i, i + 1, Kind::Date));
    }
    None
}

// ---------------------------------------------------------------------------------------
// Name types

/// Words that make a CoNLL LOC a natural place (LOC) rather than a political one (GPE).
const GEO_FEATURES: &[&str] = &[
    "river",
    "mountain",
    "mountains",
    "mount",
    "mt",
    "sea",
    "ocean",
    "gulf",
    "bay",
    "lake",
    "valley",
    "desert",
    "island",
    "islands",
    "peninsula",
    "coast",
    "strait",
    "straits",
    "canal",
    "plain",
    "plains",
    "basin",
    "range",
    "hills",
    "forest",
    "region",
    "channel",
    "pass",
    "delta",
];
const CONTINENTS: &[&str] = &[
    "africa",
    "asia",
    "europe",
    "north america",
    "south america",
    "latin america",
    "antarctica",
    "middle east",
    "the middle east",
    "balkans",
    "the balkans",
    "caucasus",
    "sahel",
    "horn of africa",
    "central asia",
    "southeast asia",
    "south asia",
    "east asia",
    "eastern europe",
    "western europe",
    "central america",
    "scandinavia",
    "arctic",
    "mediterranean",
    "the gulf",
    "gulf",
    "persian gulf",
    "pacific",
    "atlantic",
    "himalayas",
    "kashmir",
];
pub const FAC_HEADS: &[&str] = &[
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
    "square",
    "museum",
    "highway",
    "motorway",
    "road",
    "street",
    "avenue",
    "port",
    "harbour",
    "harbor",
    "shrine",
    "camp",
    "compound",
    "plaza",
    "mall",
    "center",
    "centre",
    "building",
    "house",
    "consulate",
    "barracks",
    "terminal",
];
/// Nationality / religious / political group words (CoNLL MISC → NORP).
const NORP_WORDS: &[&str] = &[
    "muslim",
    "muslims",
    "christian",
    "christians",
    "jewish",
    "jew",
    "jews",
    "sunni",
    "sunnis",
    "shia",
    "shias",
    "shiite",
    "shiites",
    "hindu",
    "hindus",
    "sikh",
    "sikhs",
    "buddhist",
    "buddhists",
    "kurd",
    "kurds",
    "kurdish",
    "arab",
    "arabs",
    "republican",
    "republicans",
    "democrat",
    "democrats",
    "catholic",
    "catholics",
    "protestant",
    "protestants",
    "islamist",
    "islamists",
    "pashtun",
    "pashtuns",
    "baloch",
    "tajik",
    "uzbek",
    "hazara",
    "alawite",
    "alawites",
    "druze",
    "yazidi",
    "yazidis",
    "coptic",
    "copts",
    "orthodox",
    "western",
    "islamic",
    "arabic",
];

/// The output label for a CoNLL LOC: GPE for countries, cities, states; LOC for the rest.
pub fn loc_label(lower_words: &[&str]) -> dateline_core::EntityLabel {
    use dateline_core::EntityLabel;
    let joined = lower_words.join(" ");
    if lower_words.last().is_some_and(|w| FAC_HEADS.contains(w)) && lower_words.len() > 1 {
        return EntityLabel::Fac;
    }
    if CONTINENTS.contains(&joined.as_str()) || lower_words.iter().any(|w| GEO_FEATURES.contains(w))
    {
        EntityLabel::Loc
    } else {
        EntityLabel::Gpe
    }
}

/// The output label for a CoNLL MISC: NORP for nationalities, religions, political groups.
/// The output label for a CoNLL MISC: NORP for nationalities, religions, political groups.
/// `is_place` tells whether a lower-cased name is a known place: "Pakistani" and "Iraqis" are
/// NORP because Pakistan and Iraq are places; "Haqqani" is not.
pub fn misc_label(words: &[&str], is_place: impl Fn(&str) -> bool) -> dateline_core::EntityLabel {
    use dateline_core::EntityLabel;
    if words.len() == 1 {
        let w = words[0].to_lowercase();
        let w = w.trim_start_matches("pro-").trim_start_matches("anti-");
        if NORP_WORDS.contains(&w) {
            return EntityLabel::Norp;
        }
        if w.contains('.') || w.chars().any(|c| c.is_ascii_digit()) {
            return EntityLabel::Misc;
        }
        let demonym = [
            "an", "ans", "ian", "ians", "ese", "ish", "ch", "ean", "eans",
        ]
        .iter()
        .any(|s| w.ends_with(s));
        if demonym {
            return EntityLabel::Norp;
        }
        // "-i" demonyms need their place: Pakistan(i), Iraq(is), Somalia → Somali
        let stem = w.strip_suffix("is").or_else(|| w.strip_suffix('i'));
        if let Some(stem) = stem {
            if !stem.is_empty() && (is_place(stem) || is_place(&format!("{w}a"))) {
                return EntityLabel::Norp;
            }
        }
    }
    EntityLabel::Misc
}

// ---------------------------------------------------------------------------------------
// Titles

/// Head words of person titles and roles.
pub const TITLE_HEADS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "secretary",
    "minister",
    "president",
    "adviser",
    "advisor",
    "ambassador",
    "envoy",
    "director",
    "chief",
    "commander",
    "general",
    "governor",
    "senator",
    "representative",
    "mayor",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "premier",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "attorney",
    "prosecutor",
    "official",
    "officer",
    "leader",
    "head",
    "captain",
    "colonel",
    "lieutenant",
    "major",
    "sergeant",
    "admiral",
    "deputy",
    "undersecretary",
    "under-secretary",
    "counsel",
    "diplomat",
    "analyst",
    "professor",
    "editor",
    "correspondent",
    "economist",
    "coach",
    "manager",
    "founder",
    "executive",
    "treasurer",
    "commissioner",
    "inspector",
    "superintendent",
    "sheikh",
    "mullah",
    "imam",
    "cleric",
    "emir",
    "vice-president",
    "spokesmen",
    "negotiator",
    "administrator",
    "coordinator",
    "co-ordinator",
    "chairperson",
    "president-elect",
    "speaker",
    "strategist",
    "researcher",
    "lawmaker",
    "legislator",
    "mp",
    "congressman",
    "congresswoman",
    "militant",
    "commentator",
    "dr",
    "gen",
    "capt",
    "col",
    "lt",
    "maj",
    "sgt",
    "adm",
    "sen",
    "rep",
    "gov",
    "brig",
    "cmdr",
    "cdr",
    "prof",
    "amb",
];
/// Ranks and honorifics written right before a name; a title of their own ("Capt").
pub const RANKS: &[&str] = &[
    "capt",
    "captain",
    "gen",
    "general",
    "col",
    "colonel",
    "lt",
    "lieutenant",
    "maj",
    "major",
    "sgt",
    "sergeant",
    "adm",
    "admiral",
    "dr",
    "prof",
    "sen",
    "senator",
    "rep",
    "gov",
    "judge",
    "sheikh",
    "mullah",
    "imam",
    "cmdr",
    "cdr",
    "brig",
    "cpl",
    "pvt",
    "gen.",
    "lt.",
    "col.",
    "capt.",
    "dr.",
    "sen.",
    "rep.",
    "gov.",
    "maj.",
    "sgt.",
    "adm.",
    "brig.",
    "prof.",
    "cmdr.",
    "president",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "ambassador",
];
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "mr.", "mrs.", "ms.", "miss", "sir", "dame", "lord", "lady",
];
const STOPS: &[&str] = &[
    "the",
    "a",
    "an",
    "by",
    "said",
    "says",
    "say",
    "told",
    "tells",
    "that",
    "who",
    "when",
    "as",
    "is",
    "was",
    "has",
    "had",
    "have",
    "were",
    "are",
    "be",
    "been",
    "with",
    "from",
    "while",
    "after",
    "before",
    "according",
    "but",
    "since",
    "if",
    "which",
    "whom",
    "whose",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "your",
    "met",
    "meets",
    "between",
    "among",
    "like",
];
const PREPS: &[&str] = &["to", "of", "for", "on", "at", "in"];

/// A word that can be part of a name: letters (and inner hyphens, apostrophes, periods).
pub fn is_name_like(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphabetic())
        && s.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
}

static TITLE_HEAD_SET: WordList = WordList::new(TITLE_HEADS);
static RANK_SET: WordList = WordList::new(RANKS);
static STOP_SET: WordList = WordList::new(STOPS);

pub fn is_title_head(lower: &str) -> bool {
    TITLE_HEAD_SET.contains(lower.trim_end_matches('.'))
}

fn is_rank(lower: &str) -> bool {
    RANK_SET.contains(lower) || RANK_SET.contains(lower.trim_end_matches('.'))
}

/// A rank or honorific written before a name (`RANKS`), after dropping trailing periods.
pub fn is_rank_word(lower: &str) -> bool {
    RANK_SET.contains(lower.trim_end_matches('.'))
}

fn is_punct(s: &str) -> bool {
    !s.chars().any(|c| c.is_alphanumeric())
}

fn is_cap(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Titles written before a person whose first token is `p` (token indices, `[start, end)`),
/// e.g. "Pentagon spokesman Capt Jeff Davis" → ["Pentagon spokesman" (0..2), "Capt" (2..3)].
pub fn titles_before(t: &[T], p: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut j = p; // exclusive end of the title region
                   // "(Susan) Rice": skip the parenthesised first name
    if j >= 3 && t[j - 1].s == ")" && t[j - 3].s == "(" && is_cap(t[j - 2].s) {
        j -= 3;
    }
    // honorifics are not titles
    while j > 0 && HONORIFICS.contains(&&*t[j - 1].lower) {
        j -= 1;
    }
    // a rank right before the name is a title of its own
    if j > 0 && is_rank(&t[j - 1].lower) && is_cap(t[j - 1].s) {
        let mut k = j - 1;
        // "Lt Gen", "Brig Gen"
        while k > 0 && is_rank(&t[k - 1].lower) && is_cap(t[k - 1].s) && p - k < 4 {
            k -= 1;
        }
        // a rank that is the head of a longer title ("Defense Secretary", "Prime Minister") is
        // handled below
        let modifiers = k > 0
            && is_cap(t[k - 1].s)
            && !STOP_SET.contains(&t[k - 1].lower)
            && !is_punct(t[k - 1].s);
        if !modifiers {
            out.push((k, j));
            j = k;
            if j > 0 && t[j - 1].s == "." {
                // "Capt. Jeff Davis" tokenised as "Capt" "."
                return out;
            }
        }
    }
    // the window: back to the nearest hard stop
    let mut k = j;
    while k > 0 && j - k < 16 {
        let w = &t[k - 1];
        if (is_punct(w.s) && w.s != "-" && w.s != "&")
            || STOP_SET.contains(&w.lower)
            || w.lower == "'s"
        {
            break;
        }
        k -= 1;
    }
    // leftmost head such that everything to the name is title-like
    for h in k..j {
        if !is_title_head(&t[h].lower) {
            continue;
        }
        let pp = t.get(h + 1).is_some_and(|x| PREPS.contains(&&*x.lower));
        let tail_ok = pp
            || t[h + 1..j]
                .iter()
                .all(|x| is_cap(x.s) || is_title_head(&x.lower) || x.s == "-" || x.s == "&");
        if !tail_ok {
            continue;
        }
        // modifiers before the head: capitalised words (and lowercase modifiers of a
        // capitalised title)
        let mut s = h;
        while s > k && (is_cap(t[s - 1].s) || t[s - 1].s == "-" || t[s - 1].lower == "&") {
            s -= 1;
        }
        // a title does not end in a preposition or conjunction ("Special Advisor to")
        let mut e = j;
        while e > s && (PREPS.contains(&&*t[e - 1].lower) || &*t[e - 1].lower == "and") {
            e -= 1;
        }
        if s < e {
            out.push((s, e));
        }
        break;
    }
    out.sort();
    out
}

/// An appositive title after a person: "Mark Toner, a State Department spokesman, said".
pub fn title_after(t: &[T], end: usize) -> Option<(usize, usize)> {
    if t.get(end).is_none_or(|x| x.s != ",") {
        return None;
    }
    let mut s = end + 1;
    while t
        .get(s)
        .is_some_and(|x| matches!(&*x.lower, "the" | "a" | "an"))
    {
        s += 1;
    }
    let mut e = s;
    while e < t.len() && e - s < 14 {
        let w = &t[e];
        if is_punct(w.s) && w.s != "-" && w.s != "&" {
            break;
        }
        if matches!(
            &*w.lower,
            "said" | "says" | "told" | "who" | "which" | "and" | "has" | "had" | "is" | "was"
        ) {
            break;
        }
        e += 1;
    }
    if e == s
        || t.get(e)
            .is_some_and(|x| !matches!(x.s, "," | "." | ";" | ")" | "\""))
            && e < t.len()
    {
        return None;
    }
    // it must contain a head, and start with a capital or a head
    let head = (s..e).position(|i| is_title_head(&t[i].lower))?;
    if !(is_cap(t[s].s) || head == 0) {
        return None;
    }
    Some((s, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> Vec<(String, Kind, Option<f64>, Option<String>)> {
        let words: Vec<&str> = s.split(' ').collect();
        let t = toks(&words);
        find(&t)
            .into_iter()
            .map(|m| (words[m.start..m.end].join(" "), m.kind, m.value, m.unit))
            .collect()
    }

    #[test]
    fn money_forms() {
        let r = run("release USD 300 million under the fund");
        assert_eq!(r[0].0, "USD 300 million");
        assert_eq!(r[0].2, Some(300e6));
        assert_eq!(r[0].3.as_deref(), Some("USD"));
        let r = run("it cost $ 4.5bn last year");
        assert_eq!(r[0].0, "$ 4.5bn");
        assert_eq!(r[0].2, Some(4.5e9));
        let r = run("paid 300 million dollars");
        assert_eq!(r[0].0, "300 million dollars");
        assert_eq!(r[0].3.as_deref(), Some("USD"));
    }

    #[test]
    fn percent_date_time_quantity() {
        let r = run("rose 5.2 % on Monday");
        assert_eq!(r[0].1, Kind::Percent);
        assert_eq!(r[1], ("Monday".into(), Kind::Date, None, None));
        let r = run("September 1 , 2015 , 12 : 51 IST");
        assert_eq!(r[0].0, "September 1 , 2015");
        assert_eq!(r[1].0, "12 : 51 IST");
        assert_eq!(r[1].1, Kind::Time);
        let r = run("a 40 km convoy in 2008");
        assert_eq!(r[0].1, Kind::Quantity);
        assert_eq!(r[1].0, "2008");
        assert!(run("you may go").is_empty());
    }

    #[test]
    fn i_demonyms_need_their_place() {
        use dateline_core::EntityLabel;
        let places = |w: &str| matches!(w, "pakistan" | "iraq" | "somalia");
        assert_eq!(misc_label(&["Pakistani"], places), EntityLabel::Norp);
        assert_eq!(misc_label(&["Iraqis"], places), EntityLabel::Norp);
        assert_eq!(misc_label(&["Somali"], places), EntityLabel::Norp);
        assert_eq!(misc_label(&["Haqqani"], places), EntityLabel::Misc);
        assert_eq!(misc_label(&["German"], places), EntityLabel::Norp);
        assert_eq!(misc_label(&["Muslims"], places), EntityLabel::Norp);
        assert_eq!(misc_label(&["Olympics"], places), EntityLabel::Misc);
    }

    #[test]
    fn match_starts_are_what_match_at_needs() {
        // the slow form of `may_start`
        let slow = |w: &T| {
            let l = &*w.lower;
            l.as_bytes().first().is_some_and(u8::is_ascii_digit)
                || currency_before(l).is_some()
                || l == "us"
                || number_word(l).is_some()
                || is_month(w)
                || WEEKDAYS.contains(&l)
                || REL_DAYS.contains(&l)
                || matches!(l, "last" | "next" | "this")
        };
        let all: Vec<&str> = MATCH_STARTS
            .iter()
            .chain(MONTHS)
            .chain(WEEKDAYS)
            .chain(REL_DAYS)
            .copied()
            .collect();
        assert!(all.iter().all(|w| w.len() <= 9));
        let mut words: Vec<String> = Vec::new();
        for w in all.iter().chain(&[
            "Dollars", "RS.", "Sept.", "Jan.", "us.", "x", "Mayor", "1st",
        ]) {
            words.push(w.to_string());
            words.push(format!("{w}."));
            let mut c = w.chars();
            if let Some(f) = c.next() {
                words.push(f.to_uppercase().chain(c).collect());
            }
        }
        for w in &words {
            let t = toks(&[w.as_str()]);
            if slow(&t[0]) {
                assert!(may_start(&t[0]), "{w}");
            }
            if may_start(&t[0]) && !slow(&t[0]) {
                assert_eq!(match_at(&t, 0), None, "{w}");
            }
        }
    }

    #[test]
    fn parse_numbers() {
        assert_eq!(parse_number("1,000"), Some((1000.0, 1.0)));
        assert_eq!(parse_number("4.5bn"), Some((4.5, 1e9)));
        assert_eq!(parse_number("abc"), None);
        assert_eq!(parse_number("3x"), None);
    }

    #[test]
    fn titles() {
        let w: Vec<&str> = "\" Pentagon spokesman Capt Jeff Davis told"
            .split(' ')
            .collect();
        let t = toks(&w);
        let got: Vec<String> = titles_before(&t, 4)
            .iter()
            .map(|(a, b)| w[*a..*b].join(" "))
            .collect();
        assert_eq!(got, vec!["Pentagon spokesman", "Capt"]);
        let w: Vec<&str> = "remarks made by advisor to Pakistan Prime Minister on foreign affairs and national security Sartaj Aziz that".split(' ').collect();
        let t = toks(&w);
        let got: Vec<String> = titles_before(&t, 14)
            .iter()
            .map(|(a, b)| w[*a..*b].join(" "))
            .collect();
        assert_eq!(
            got,
            vec!["advisor to Pakistan Prime Minister on foreign affairs and national security"]
        );
        let w: Vec<&str> = "The National Security Adviser ( Susan ) Rice was"
            .split(' ')
            .collect();
        let t = toks(&w);
        let got: Vec<String> = titles_before(&t, 7)
            .iter()
            .map(|(a, b)| w[*a..*b].join(" "))
            .collect();
        assert_eq!(got, vec!["National Security Adviser"]);
        let w: Vec<&str> = "the minister met with Mark Toner".split(' ').collect();
        let t = toks(&w);
        assert!(titles_before(&t, 4).is_empty());
        let w: Vec<&str> = "Mark Toner , a State Department spokesman , said"
            .split(' ')
            .collect();
        let t = toks(&w);
        let (a, b) = title_after(&t, 2).unwrap();
        assert_eq!(w[a..b].join(" "), "State Department spokesman");
    }
}
