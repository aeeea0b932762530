//! Date and time parsing for publication times: ISO 8601 / RFC 3339, RFC 2822, written dates in
//! several languages ("September 1, 2015", "1. September 2015", "11 de mayo de 2022"), numeric
//! dates, times with a UTC offset or a time-zone abbreviation ("12:51 IST"), and dates in URLs.
//!
//! Everything here is total: any input gives `None` or a valid date, never a panic.
use dateline_core::Published;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::Offset;

/// A date found in a string, with where it was and the zone abbreviation it carried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub published: Published,
    /// The time-zone abbreviation as written ("IST"), when the time carried one.
    pub tz: Option<String>,
    /// Byte range of the date expression in the searched string.
    pub start: usize,
    pub end: usize,
}

/// UTC offsets (in minutes) of common time-zone abbreviations in news datelines.
/// Ambiguous ones take their most common news reading (IST = India, BST = British Summer).
pub fn tz_offset_minutes(abbrev: &str) -> Option<i32> {
    let m = match abbrev {
        "UTC" | "GMT" | "Z" | "UT" | "WET" => 0,
        "IST" => 330,
        "PKT" => 300,
        "NPT" => 345,
        "BDT" => 360,
        "EST" => -300,
        "EDT" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        "AKST" => -540,
        "AKDT" => -480,
        "HST" => -600,
        "AST" => -240,
        "ADT" => -180,
        "NST" => -210,
        "NDT" => -150,
        "BST" | "CET" | "MEZ" | "WEST" | "WAT" => 60,
        "CEST" | "MESZ" | "EET" | "CAT" | "SAST" => 120,
        "EEST" | "MSK" | "EAT" | "TRT" => 180,
        "GST" => 240,
        "ICT" | "WIB" => 420,
        "HKT" | "SGT" | "PHT" | "AWST" | "MYT" | "WITA" => 480,
        "JST" | "KST" | "WIT" => 540,
        "ACST" => 570,
        "AEST" => 600,
        "ACDT" => 630,
        "AEDT" => 660,
        "NZST" => 720,
        "NZDT" => 780,
        _ => return None,
    };
    Some(m)
}

/// Month number of a month name or abbreviation (English, German, French, Spanish, Italian,
/// Portuguese, Dutch), lower-cased, without a trailing period.
pub fn month_number(w: &str) -> Option<i8> {
    let m = match w {
        "january" | "jan" | "januar" | "jänner" | "janvier" | "enero" | "gennaio" | "janeiro"
        | "januari" | "ene" | "janv" | "января" | "январь" | "січня" | "stycznia" => {
            1
        }
        "february" | "feb" | "februar" | "feber" | "février" | "fevrier" | "febrero"
        | "febbraio" | "fevereiro" | "februari" | "févr" | "fév" | "февраля" | "лютого"
        | "lutego" => 2,
        "march" | "mar" | "märz" | "maerz" | "mär" | "mars" | "marzo" | "março" | "maart"
        | "марта" | "березня" | "marca" => 3,
        "april" | "apr" | "avril" | "abril" | "aprile" | "abr" | "avr" | "апреля" | "квітня"
        | "kwietnia" => 4,
        "may" | "mai" | "mayo" | "maggio" | "maio" | "mei" | "мая" | "травня" | "maja" => {
            5
        }
        "june" | "jun" | "juni" | "juin" | "junio" | "giugno" | "junho" | "июня" | "червня"
        | "czerwca" => 6,
        "july" | "jul" | "juli" | "juillet" | "julio" | "luglio" | "julho" | "juil" | "июля"
        | "липня" | "lipca" => 7,
        "august" | "aug" | "août" | "aout" | "agosto" | "ago" | "augustus" | "августа"
        | "серпня" | "sierpnia" => 8,
        "september" | "sep" | "sept" | "septembre" | "septiembre" | "setiembre" | "settembre"
        | "setembro" | "set" | "сентября" | "вересня" | "września" => 9,
        "october" | "oct" | "oktober" | "okt" | "octobre" | "octubre" | "ottobre" | "outubro"
        | "out" | "октября" | "жовтня" | "października" => 10,
        "november" | "nov" | "novembre" | "noviembre" | "novembro" | "ноября" | "листопада"
        | "listopada" => 11,
        "december" | "dec" | "dezember" | "dez" | "décembre" | "decembre" | "déc" | "diciembre"
        | "dic" | "dicembre" | "dezembro" | "декабря" | "грудня" | "grudnia" => 12,
        _ => return None,
    };
    Some(m)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Num,
    Word,
    Punct,
}

#[derive(Debug, Clone, Copy)]
struct Tok {
    kind: Kind,
    start: usize,
    end: usize,
}

fn lex(s: &str) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut it = s.char_indices().peekable();
    while let Some((i, c)) = it.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Num
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            out.push(Tok {
                kind: Kind::Punct,
                start: i,
                end: i + c.len_utf8(),
            });
            continue;
        };
        let mut end = i + c.len_utf8();
        while let Some(&(j, d)) = it.peek() {
            let same = match kind {
                Kind::Num => d.is_ascii_digit(),
                _ => d.is_alphabetic() && !d.is_ascii_digit(),
            };
            if !same {
                break;
            }
            end = j + d.len_utf8();
            it.next();
        }
        out.push(Tok {
            kind,
            start: i,
            end,
        });
    }
    out
}

/// A lower-cased word: the word itself when it has no upper case, a copy on the stack when
/// it is short ASCII, else an allocated [`str::to_lowercase`] (the same text in every case).
enum Lower<'a> {
    Same(&'a str),
    Stack([u8; Lower::STACK], u8),
    Heap(String),
}

impl<'a> Lower<'a> {
    const STACK: usize = 24;

    fn new(w: &'a str) -> Self {
        if !w.is_ascii() {
            return Lower::Heap(w.to_lowercase());
        }
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return Lower::Same(w);
        }
        match u8::try_from(w.len()) {
            Ok(n) if w.len() <= Self::STACK => {
                let mut buf = [0u8; Self::STACK];
                for (d, s) in buf.iter_mut().zip(w.bytes()) {
                    *d = s.to_ascii_lowercase();
                }
                Lower::Stack(buf, n)
            }
            _ => Lower::Heap(w.to_ascii_lowercase()),
        }
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            Lower::Same(s) => s,
            // ASCII bytes only, so always valid UTF-8
            Lower::Stack(b, n) => b
                .get(..usize::from(*n))
                .and_then(|b| std::str::from_utf8(b).ok())
                .unwrap_or(""),
            Lower::Heap(s) => s,
        }
    }
}

struct Lexed<'a> {
    s: &'a str,
    toks: Vec<Tok>,
}

impl<'a> Lexed<'a> {
    fn text(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.s.get(t.start..t.end))
            .unwrap_or("")
    }
    fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }
    fn num(&self, i: usize) -> Option<(i32, usize)> {
        if self.kind(i)? != Kind::Num {
            return None;
        }
        let t = self.text(i);
        if t.len() > 8 {
            return None;
        }
        t.parse::<i32>().ok().map(|n| (n, t.len()))
    }
    fn punct(&self, i: usize, set: &[char]) -> bool {
        self.kind(i) == Some(Kind::Punct)
            && self
                .text(i)
                .chars()
                .next()
                .is_some_and(|c| set.contains(&c))
    }
    /// Word token `i` lower-cased; short ASCII words (nearly all) are not allocated.
    fn word_lower(&self, i: usize) -> Option<Lower<'a>> {
        (self.kind(i)? == Kind::Word).then(|| Lower::new(self.text(i)))
    }
    fn month(&self, i: usize) -> Option<i8> {
        month_number(&self.word_lower(i)?)
    }
    /// Tokens i and i+1 touch (no space between).
    fn adjacent(&self, i: usize) -> bool {
        match (self.toks.get(i), self.toks.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }
}

/// Years a news page can plausibly carry as its publication date.
fn year_ok(y: i32) -> bool {
    (1995..=2035).contains(&y)
}

/// A date matched at token `i`: (date, index of the token after it).
fn date_at(lx: &Lexed, i: usize) -> Option<(Date, usize)> {
    let mk = |y: i32, m: i32, d: i32| -> Option<Date> {
        if !year_ok(y) {
            return None;
        }
        Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()
    };
    // numeric forms
    if let Some((a, alen)) = lx.num(i) {
        // YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD
        if alen == 4 && lx.punct(i + 1, &['-', '/', '.']) && lx.adjacent(i) {
            let sep = lx.text(i + 1);
            if let (Some((m, ml)), Some((d, dl))) = (lx.num(i + 2), lx.num(i + 4)) {
                if ml <= 2 && dl <= 2 && lx.text(i + 3) == sep {
                    if let Some(dt) = mk(a, m, d) {
                        return Some((dt, i + 5));
                    }
                }
            }
        }
        // YYYYMMDD only when it stands alone as 8 digits (URLs, ids)
        if alen == 8 {
            let y = a / 10000;
            if let Some(dt) = mk(y, (a / 100) % 100, a % 100) {
                if (1995..=2100).contains(&y) {
                    return Some((dt, i + 1));
                }
            }
        }
        if alen <= 2 {
            // DD.MM.YYYY, DD/MM/YYYY (MM/DD/YYYY when the first cannot be a day-first month)
            if lx.punct(i + 1, &['.', '/', '-']) && lx.adjacent(i) {
                let sep = lx.text(i + 1);
                if let (Some((b, bl)), Some((y, yl))) = (lx.num(i + 2), lx.num(i + 4)) {
                    // "23.09.22": a two-digit year after dots means 20YY
                    let (y, yl) = if yl == 2 && sep == "." && !lx.punct(i + 5, &['.']) {
                        (2000 + y, 4)
                    } else {
                        (y, yl)
                    };
                    if bl <= 2 && lx.text(i + 3) == sep && (yl == 4) {
                        let d = if sep == "/" && a <= 12 && b > 12 {
                            mk(y, a, b)
                        } else if sep == "/" && a <= 12 && b <= 12 {
                            // ambiguous: US order
                            mk(y, a, b)
                        } else {
                            mk(y, b, a)
                        };
                        if let Some(d) = d {
                            return Some((d, i + 5));
                        }
                    }
                }
            }
            // D[.|st|nd|rd|th] [de] Month[.|,] [de] YYYY
            let mut j = i + 1;
            if lx.punct(j, &['.']) {
                j += 1;
            } else if let Some(w) = lx.word_lower(j) {
                if matches!(&*w, "st" | "nd" | "rd" | "th" | "er") && lx.adjacent(i) {
                    j += 1;
                }
            }
            if lx.word_lower(j).as_deref() == Some("de")
                || lx.word_lower(j).as_deref() == Some("of")
            {
                j += 1;
            }
            if let Some(m) = lx.month(j) {
                j += 1;
                while lx.punct(j, &['.', ',']) {
                    j += 1;
                }
                if lx.word_lower(j).as_deref() == Some("de") {
                    j += 1;
                }
                if let Some((y, 4)) = lx.num(j) {
                    if let Some(d) = mk(y, i32::from(m), a) {
                        return Some((d, j + 1));
                    }
                }
            }
        }
        return None;
    }
    // Month D[st], YYYY (the day is looked at before the month name: most words are not
    // followed by a number, and the month lookup lower-cases the word)
    let mut j = i + 1;
    if lx.punct(j, &['.']) {
        j += 1;
    }
    if let Some((d, dl)) = lx.num(j) {
        if dl <= 2 {
            if let Some(m) = lx.month(i) {
                j += 1;
                if let Some(w) = lx.word_lower(j) {
                    if matches!(&*w, "st" | "nd" | "rd" | "th") {
                        j += 1;
                    }
                }
                while lx.punct(j, &[',', '.']) {
                    j += 1;
                }
                if let Some((y, 4)) = lx.num(j) {
                    if let Some(dt) = mk(y, i32::from(m), d) {
                        return Some((dt, j + 1));
                    }
                }
            }
        }
    }
    None
}

/// A time right after a date at token `j`: (time, offset, tz abbreviation, next token).
fn time_at(lx: &Lexed, mut j: usize) -> Option<(Time, Option<Offset>, Option<String>, usize)> {
    // separators between date and time
    for _ in 0..3 {
        if lx.punct(j, &[',', '|', '-', '@', '/', '–', '·', '•', '(']) {
            j += 1;
        } else if let Some(w) = lx.word_lower(j) {
            if matches!(
                &*w,
                "t" | "at" | "um" | "à" | "a" | "às" | "alle" | "om" | "kl" | "klo"
            ) {
                j += 1;
                if lx.punct(j, &['.']) {
                    j += 1;
                }
            } else {
                break;
            }
        } else {
            break;
        }
    }
    let (h, hl) = lx.num(j)?;
    if hl > 2 || !lx.punct(j + 1, &[':', 'h', '.']) {
        return None;
    }
    let (mi, ml) = lx.num(j + 2)?;
    if ml != 2 {
        return None;
    }
    let mut k = j + 3;
    let mut sec = 0;
    if lx.punct(k, &[':']) {
        if let Some((s, 2)) = lx.num(k + 1) {
            sec = s;
            k += 2;
            if lx.punct(k, &['.', ',']) && lx.kind(k + 1) == Some(Kind::Num) {
                k += 2;
            }
        }
    }
    let mut hour = h;
    if let Some(w) = lx.word_lower(k) {
        let ampm = match &*w {
            "am" => Some(false),
            "pm" => Some(true),
            "a" | "p"
                if lx.punct(k + 1, &['.']) && lx.word_lower(k + 2).as_deref() == Some("m") =>
            {
                Some(&*w == "p")
            }
            _ => None,
        };
        if let Some(pm) = ampm {
            if w.len() == 1 {
                k += 3;
                if lx.punct(k, &['.']) {
                    k += 1;
                }
            } else {
                k += 1;
            }
            if hour == 12 {
                hour = 0;
            }
            if pm {
                hour += 12;
            }
        }
    }
    let time = Time::new(
        i8::try_from(hour).ok()?,
        i8::try_from(mi).ok()?,
        i8::try_from(sec).ok()?,
        0,
    )
    .ok()?;
    // offset: Z, +05:30, +0530, -04, or an abbreviation (optionally "GMT+5:30", "(IST)")
    let mut tz = None;
    let mut offset = None;
    if lx.punct(k, &['(']) {
        k += 1;
    }
    if lx.kind(k) == Some(Kind::Word) {
        let w = lx.text(k);
        if w == "Z" || w == "z" {
            offset = Some(Offset::UTC);
            k += 1;
        } else if w.chars().all(|c| c.is_ascii_uppercase()) {
            if let Some(m) = tz_offset_minutes(w) {
                tz = Some(w.to_string());
                offset = Offset::from_seconds(m * 60).ok();
                k += 1;
            }
        }
    }
    if lx.punct(k, &['+', '-', '−'])
        && (offset.is_none() || matches!(tz.as_deref(), Some("GMT" | "UTC")))
    {
        let sign = if lx.text(k) == "+" { 1 } else { -1 };
        if let Some((n, nl)) = lx.num(k + 1) {
            let mins = match nl {
                4 => Some((n / 100) * 60 + n % 100),
                1 | 2 => {
                    if lx.punct(k + 2, &[':']) {
                        lx.num(k + 3).map(|(m, _)| n * 60 + m)
                    } else {
                        Some(n * 60)
                    }
                }
                _ => None,
            };
            if let Some(mins) = mins.filter(|m| *m <= 14 * 60) {
                offset = Offset::from_seconds(sign * mins * 60).ok();
                k += if nl <= 2 && lx.punct(k + 2, &[':']) {
                    4
                } else {
                    2
                };
                if tz.as_deref().is_some_and(|t| t == "GMT" || t == "UTC") {
                    tz = None;
                }
            }
        }
    }
    Some((time, offset, tz, k))
}

fn found(lx: &Lexed, i: usize) -> Option<FoundDate> {
    let (date, j) = date_at(lx, i)?;
    let start = lx.toks.get(i)?.start;
    let (published, tz, endtok) = match time_at(lx, j) {
        Some((time, Some(offset), tz, k)) => (
            Published::DateTime {
                local: DateTime::from_parts(date, time),
                offset,
            },
            tz,
            k,
        ),
        _ => (Published::Date(date), None, j),
    };
    let end = endtok
        .checked_sub(1)
        .and_then(|e| lx.toks.get(e))
        .map_or(start, |t| t.end);
    Some(FoundDate {
        published,
        tz,
        start,
        end,
    })
}

/// The first date (with its time and offset when given) anywhere in `s`.
pub fn find_date(s: &str) -> Option<FoundDate> {
    find_dates(s).next()
}

/// Every date in `s`, in order.
pub fn find_dates(s: &str) -> impl Iterator<Item = FoundDate> + '_ {
    let lx = Lexed { s, toks: lex(s) };
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < lx.toks.len() {
            if let Some(f) = found(&lx, i) {
                // continue after this match
                while i < lx.toks.len() && lx.toks[i].start < f.end {
                    i += 1;
                }
                return Some(f);
            }
            i += 1;
        }
        None
    })
}

/// Parses a date value as meta tags and JSON-LD give it ("2015-09-01T12:51:00+05:30",
/// "Tue, 01 Sep 2015 07:21:00 GMT", "September 1, 2015"). A time without any offset is
/// kept as a date only: the page's own offset is unknown.
pub fn parse_date(s: &str) -> Option<FoundDate> {
    let s = s.trim();
    if s.len() > 200 {
        return find_date(s.get(..200).unwrap_or(""));
    }
    find_date(s)
}

/// A publication date given as a hint in a wire format that [`parse_date`] does not read:
/// "26-FEB-1987 15:01:01.79" (Reuters), i.e. `DD-MON-YYYY[ HH:MM[:SS[.ff]]]`, any year. The
/// time carries no offset, so only the date is kept.
pub fn parse_wire_date(s: &str) -> Option<Date> {
    let day_part = s.split_whitespace().next()?;
    let mut it = day_part.split('-');
    let (d, m, y) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || d.len() > 2 || y.len() != 4 {
        return None;
    }
    let month = month_number(&m.to_lowercase())?;
    Date::new(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// The UTC offset (minutes) a site most likely writes its dates in, from its country-code
/// domain or page language, at UTC instant `utc` (EU summer time included). `None` when
/// unknown.
pub fn site_offset_minutes(host: Option<&str>, lang: Option<&str>, utc: DateTime) -> Option<i32> {
    let tld = host.and_then(|h| h.rsplit('.').next()).unwrap_or("");
    let cet = [
        "de", "at", "ch", "fr", "it", "nl", "be", "es", "pl", "cz", "dk", "se", "no", "hu", "lu",
        "si", "sk", "hr",
    ];
    let eet = ["fi", "gr", "ro", "bg", "ua", "ee", "lv", "lt"];
    let eu_summer = || {
        // last Sunday of March to last Sunday of October, 01:00 UTC
        let last_sunday = |m: i8| -> Option<DateTime> {
            let end = Date::new(utc.year(), m, 31).ok()?;
            let back = i64::from(end.weekday().to_sunday_zero_offset());
            let d = end.checked_sub(jiff::Span::new().days(back)).ok()?;
            Some(DateTime::from_parts(d, Time::new(1, 0, 0, 0).ok()?))
        };
        matches!((last_sunday(3), last_sunday(10)), (Some(a), Some(b)) if utc >= a && utc < b)
    };
    let base = if cet.contains(&tld) {
        Some(60)
    } else if eet.contains(&tld) {
        Some(120)
    } else if tld == "uk" || tld == "ie" || tld == "pt" {
        Some(0)
    } else {
        let fixed = match tld {
            "ar" | "uy" | "br" => Some(-180),
            "cl" | "bo" | "ve" | "py" => Some(-240),
            "co" | "pe" | "ec" => Some(-300),
            "mx" => Some(-360),
            "ru" => Some(180),
            "in" => Some(330),
            "jp" | "kr" => Some(540),
            "cn" | "tw" | "hk" | "sg" => Some(480),
            _ => None,
        };
        if fixed.is_some() {
            return fixed;
        }
        match lang {
            Some("de" | "fr" | "it" | "nl" | "pl" | "cs" | "da" | "sv" | "nb" | "hu") => Some(60),
            _ => None,
        }
    };
    let base = base?;
    let europe = base == 0 || base == 60 || base == 120;
    Some(if europe && eu_summer() {
        base + 60
    } else {
        base
    })
}

/// A full date in a URL path: `/2015/09/01/`, `/2015-09-01-title`, `/20150901/`.
pub fn date_from_url(url: &str) -> Option<Date> {
    let path = url
        .split_once("://")
        .map_or(url, |(_, r)| r.split_once('/').map_or("", |(_, p)| p));
    let path = path.split(['?', '#']).next().unwrap_or("");
    let b = path.as_bytes();
    let digits = |i: usize, n: usize| -> Option<i32> {
        let seg = b.get(i..i + n)?;
        if seg.iter().all(u8::is_ascii_digit) {
            std::str::from_utf8(seg).ok()?.parse().ok()
        } else {
            None
        }
    };
    let boundary = |i: usize| i == 0 || b.get(i - 1).is_some_and(|c| !c.is_ascii_alphanumeric());
    for i in 0..b.len() {
        if !boundary(i) {
            continue;
        }
        // "/29-10-2021": day-month-year
        if let (Some(d), Some(m), Some(y)) = (digits(i, 2), digits(i + 3, 2), digits(i + 6, 4)) {
            let seps = b.get(i + 2) == Some(&b'-') && b.get(i + 5) == Some(&b'-');
            if seps && !b.get(i + 10).is_some_and(u8::is_ascii_digit) && (1995..=2100).contains(&y)
            {
                if let (Ok(m), Ok(d), Ok(y)) = (i8::try_from(m), i8::try_from(d), i16::try_from(y))
                {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        let Some(y) = digits(i, 4) else { continue };
        if !(1995..=2100).contains(&y) {
            continue;
        }
        let sep = b.get(i + 4).copied();
        if matches!(sep, Some(b'/') | Some(b'-') | Some(b'_')) {
            let mlen = if digits(i + 5, 2).is_some() { 2 } else { 1 };
            let Some(m) = digits(i + 5, mlen) else {
                continue;
            };
            if b.get(i + 5 + mlen).copied() != sep {
                continue;
            }
            let d0 = i + 6 + mlen;
            let dlen = if digits(d0, 2).is_some() { 2 } else { 1 };
            let Some(d) = digits(d0, dlen) else { continue };
            if b.get(d0 + dlen).is_some_and(u8::is_ascii_digit) {
                continue;
            }
            if let (Ok(m), Ok(d), Ok(y)) = (i8::try_from(m), i8::try_from(d), i16::try_from(y)) {
                if let Ok(date) = Date::new(y, m, d) {
                    return Some(date);
                }
            }
        } else if let Some(n) = digits(i, 8) {
            if b.get(i + 8).is_some_and(u8::is_ascii_alphanumeric) {
                continue;
            }
            let (y, m, d) = (n / 10000, (n / 100) % 100, n % 100);
            if let (Ok(m), Ok(d), Ok(y)) = (i8::try_from(m), i8::try_from(d), i16::try_from(y)) {
                if (1995..=2100).contains(&i32::from(y)) {
                    if let Ok(date) = Date::new(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> String {
        parse_date(s)
            .map(|f| f.published.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn lower_is_to_lowercase() {
        let long = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(2);
        for w in [
            "",
            "sept",
            "Sept",
            "SEPT",
            "März",
            "DÉCEMBRE",
            "İstanbul",
            long.as_str(),
        ] {
            assert_eq!(&*Lower::new(w), w.to_lowercase(), "{w}");
        }
    }

    #[test]
    fn spaced_dateline_with_ist() {
        let f = find_date("| September 1 , 2015 , 12:51 IST").unwrap();
        assert_eq!(f.published.to_string(), "2015-09-01T12:51:00+05:30");
        assert_eq!(f.tz.as_deref(), Some("IST"));
    }

    #[test]
    fn common_forms() {
        assert_eq!(p("2015-09-01T12:51:00+05:30"), "2015-09-01T12:51:00+05:30");
        assert_eq!(p("2015-09-01T07:21:00Z"), "2015-09-01T07:21:00+00:00");
        assert_eq!(
            p("2015-09-01T07:21:00.000-0400"),
            "2015-09-01T07:21:00-04:00"
        );
        assert_eq!(p("2015-09-01 07:21"), "2015-09-01");
        assert_eq!(
            p("Tue, 01 Sep 2015 07:21:00 GMT"),
            "2015-09-01T07:21:00+00:00"
        );
        assert_eq!(
            p("Tue, 01 Sep 2015 07:21:00 +0530"),
            "2015-09-01T07:21:00+05:30"
        );
        assert_eq!(
            p("Sept. 1st, 2015 at 3:05 p.m. EDT"),
            "2015-09-01T15:05:00-04:00"
        );
        assert_eq!(p("1. September 2015, 12:00 Uhr"), "2015-09-01");
        assert_eq!(p("11 de mayo de 2022"), "2022-05-11");
        assert_eq!(p("01.09.2015"), "2015-09-01");
        assert_eq!(p("Veröffentlicht am 3. März 2019"), "2019-03-03");
        assert_eq!(p("nothing here 12:00"), "");
        assert_eq!(p("2015-02-30"), "");
        assert_eq!(p("15 августа 2016, 13:43"), "2016-08-15");
        assert_eq!(p("23.09.22"), "2022-09-23");
        assert_eq!(p("2099-12-31"), "");
    }

    proptest::proptest! {
        /// Any string: no panic, spans on char boundaries, in order.
        #[test]
        fn date_parser_is_total(s in "\\PC{0,80}") {
            let mut last = 0;
            for f in find_dates(&s) {
                proptest::prop_assert!(f.start >= last && f.start <= f.end && f.end <= s.len());
                proptest::prop_assert!(s.is_char_boundary(f.start) && s.is_char_boundary(f.end));
                last = f.end;
            }
            let _ = date_from_url(&s);
        }

        /// Generated dates in several written forms parse back to the same day.
        #[test]
        fn written_dates_round_trip(y in 1995i16..2036, m in 1i8..=12, d in 1i8..=28) {
            const MONTHS: [&str; 12] = ["January", "February", "March", "April", "May", "June",
                "July", "August", "September", "October", "November", "December"];
            let want = format!("{y:04}-{m:02}-{d:02}");
            let name = MONTHS[(m - 1) as usize];
            for s in [
                want.clone(),
                format!("{name} {d}, {y}"),
                format!("{d} {name} {y}"),
                format!("{d:02}.{m:02}.{y}"),
                format!("{want}T10:00:00+02:00"),
            ] {
                let got = parse_date(&s).map(|f| f.published.date().to_string());
                proptest::prop_assert_eq!(got.as_deref(), Some(want.as_str()), "{}", s);
            }
        }
    }

    #[test]
    fn url_dates() {
        let d = |u: &str| date_from_url(u).map(|d| d.to_string());
        assert_eq!(
            d("https://x.com/2015/09/01/story/").as_deref(),
            Some("2015-09-01")
        );
        assert_eq!(
            d("https://x.com/news/2015-9-1-story").as_deref(),
            Some("2015-09-01")
        );
        assert_eq!(
            d("https://x.com/a/20150901/b").as_deref(),
            Some("2015-09-01")
        );
        assert_eq!(d("https://x.com/2015/09/story"), None);
        assert_eq!(
            d("https://x.de/meldungen/29-10-2021").as_deref(),
            Some("2021-10-29")
        );
        assert_eq!(d("https://x.com/id/123456789"), None);
    }

    #[test]
    fn reuters_hint_day_mon_year_with_hyphens_parses() {
        assert_eq!(
            parse_wire_date("26-FEB-1987 15:01:01.79")
                .map(|d| d.to_string())
                .as_deref(),
            Some("1987-02-26")
        );
        assert_eq!(parse_wire_date(" 3-mar-1987"), Date::new(1987, 3, 3).ok());
        assert_eq!(parse_wire_date("26-FOO-1987"), None);
        assert_eq!(parse_wire_date("2015-09-01"), None);
    }
}
