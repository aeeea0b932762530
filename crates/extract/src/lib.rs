//! Extraction: clean text and metadata from the ingested record.
//!
//! * HTML pages: the main text comes from [`dom_smoothie`] (a Readability port; chosen over
//!   rs-trafilatura by measurement, see the README), metadata from JSON-LD, meta tags,
//!   `<time>` elements, the URL and date lines on the page ([`meta`]).
//! * Plain text: kept as close to the input as possible; only scraping junk is removed
//!   ([`clean`]). A headline first line becomes the title and a dateline such as
//!   "| September 1 , 2015 , 12:51 IST" gives the publication time ([`date`]).
//! * Relative dates in the text ("yesterday", "on Tuesday") are resolved against the
//!   publication date ([`relative`]).
pub mod boiler;
pub mod clean;
pub mod date;
pub mod meta;
pub mod relative;

use dateline_core::{Document, Published, SourceRecord, Stage, StageError};

#[derive(Debug, Default)]
pub struct Extractor;

impl Stage for Extractor {
    fn name(&self) -> &'static str {
        "extract"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        let rec = &doc.source_record;
        let out = match (&rec.text, &rec.html) {
            (Some(t), _) => from_text(rec, t),
            (None, Some(h)) => from_html(rec, h),
            (None, None) => {
                return Err(StageError::failed("extract", "record has no text or html"))
            }
        };
        doc.text = out.text;
        doc.title = out.title;
        doc.authors = out.authors;
        doc.published = out.published;
        doc.timezone = out.timezone;
        doc.site = out.site;
        doc.source = doc.url.as_deref().and_then(host_of);
        doc.dateline = dateline_place(&doc.text);
        doc.language = out.lang.or_else(|| detect_language(&doc.text));
        if let Some(p) = doc.published {
            doc.relative_dates = relative::resolve_relative_dates(&doc.text, p.date());
        }
        Ok(())
    }
}

/// What extraction found, before it is written into the document.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<Published>,
    pub timezone: Option<String>,
    pub site: Option<String>,
    pub lang: Option<String>,
}

fn hint_published(rec: &SourceRecord) -> Option<(Published, Option<String>)> {
    let s = rec.published.as_deref()?;
    Published::parse(s)
        .map(|p| (p, None))
        .or_else(|| date::parse_date(s).map(|f| (f.published, f.tz)))
        .or_else(|| date::parse_wire_date(s).map(|d| (Published::Date(d), None)))
}

/// A first line that reads as a headline: short, no final full stop, more text below.
fn headline_line(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let (first, rest) = t.split_once('\n')?;
    let first = first.trim();
    let words = first.split_whitespace().count();
    let ends_like_sentence = first.ends_with(['.', ',', ';', ':']) && !first.ends_with("...");
    let opens_quote = first.starts_with(['"', '“']) && !first.ends_with(['"', '”']);
    let lower_start = first.chars().next().is_some_and(char::is_lowercase);
    if words == 0
        || words > 30
        || first.len() > 300
        || ends_like_sentence
        || opens_quote
        || lower_start
    {
        return None;
    }
    if rest.trim().len() < first.len() {
        return None;
    }
    Some(first)
}

/// A date in the first lines of a plain text (a dateline) with the time zone as written.
fn text_dateline(text: &str) -> Option<(Published, Option<String>)> {
    let head = first_chars(text, 400);
    date::find_date(head).map(|f| (f.published, f.tz))
}

/// Plain text: keep it as given, minus junk.
pub fn from_text(rec: &SourceRecord, raw: &str) -> Extracted {
    let text = clean::clean_text(raw).into_owned();
    let title = rec
        .title
        .clone()
        .or_else(|| headline_line(&text).map(str::to_string));
    let (published, timezone) = match hint_published(rec).or_else(|| text_dateline(&text)) {
        Some((p, tz)) => (Some(p), tz),
        None => (None, None),
    };
    Extracted {
        text,
        title,
        authors: rec.authors.clone(),
        published,
        timezone,
        ..Default::default()
    }
}

fn absolute_url(u: Option<&str>) -> Option<&str> {
    u.filter(|u| {
        (u.starts_with("http://") || u.starts_with("https://")) && !u.contains(char::is_whitespace)
    })
}

/// Collapses spaces inside lines, trims lines and keeps at most one blank line in a row.
fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let l = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if l.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(&l);
    }
    out
}

/// Short lines that are page furniture rather than article text.
const FURNITURE_LINES: &[&str] = &[
    "image",
    "caption",
    "close",
    "published",
    "updated",
    "advertisement",
    "share",
    "tweet",
    "email",
    "print",
    "read more",
    "continue reading",
    "related",
    "comments",
    "photo",
    "video",
    "share this article",
    "share this",
    "follow us",
    "sponsored",
    "anzeige",
    "werbung",
    "weiterlesen",
    "teilen",
    "publicidad",
    "tags",
    "text size",
    "print article",
    "order reprints",
    "don't miss",
    // headings of related-story, comment and author boxes
    "mehr zum thema",
    "zum weiterlesen",
    "schon gelesen?",
    "auch lesen",
    "lesen sie auch",
    "meistgelesene artikel",
    "meistdiskutierte artikel",
    "neueste artikel",
    "beiträge zum thema",
    "über den autor",
    "you might also like",
    "related articles",
    "related stories",
    "more stories",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte dich auch interessieren",
    "keine kommentare",
    "kommentar verfassen",
    "kommentare schreiben",
    "kommentieren",
    "rezept drucken",
    "bild anzeigen",
    "lade weitere inhalte",
];

/// Labels that open a "read also" line: a link to another story set inside the text
/// ("Lea también: ...", "Read more: ...").
const READ_ALSO: &[&str] = &[
    "lea también:",
    "lea más:",
    "lea:",
    "lee también:",
    "mire:",
    "vea también:",
    "puedes ver:",
    "le puede interesar:",
    "te puede interesar:",
    "read also:",
    "also read:",
    "read more:",
    "see also:",
    "auch lesen:",
    "lesen sie auch:",
    "lire aussi:",
    "à lire aussi:",
    "leia também:",
    "leia mais:",
];

/// Words that mark a date line as a publication stamp ("Published: 10:48, Nov 19, 2019").
const STAMP_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "publicado",
    "actualizado",
    "veröffentlicht",
    "aktualisiert",
    "publié",
    "mis à jour",
    "pubblicato",
    "original",
];

/// Drops furniture words ("Share", "Advertisement") and short bylines from extracted text.
/// (Repeated paragraphs stay: dropping them cost recall on the benchmark.)
fn drop_furniture_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for para in text.split('\n') {
        let p = para.trim();
        if p.is_empty() {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push('\n');
            }
            continue;
        }
        let words = p.split_whitespace().count();
        let lower = p.trim_end_matches([':', '.', '!']).to_lowercase();
        let furniture = FURNITURE_LINES.contains(&lower.as_str())
            || FURNITURE_LINES.contains(&p.to_lowercase().as_str())
            || (words <= 30 && READ_ALSO.iter().any(|l| lower.starts_with(l)));
        let byline =
            words <= 8 && (p.starts_with("By ") || p.starts_with("Von ") || p.starts_with("Por "));
        let date_line = words <= 12
            && date::find_date(p).is_some_and(|f| {
                (f.end - f.start) * 5 >= p.len() * 2
                    || STAMP_WORDS.iter().any(|w| lower.contains(w))
            });
        if furniture || byline || date_line {
            continue;
        }
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(p);
    }
    out.trim_end().to_string()
}

/// Below this many bytes of main text, the boilerplate pass is suspected of taking the article.
const SHORT_BODY: usize = 400;

/// What Readability found in a page.
#[derive(Default)]
struct Article {
    body: String,
    title: Option<String>,
    byline: Option<String>,
    time: Option<String>,
    site: Option<String>,
}

fn readability(dom: dom_query::Document, url: Option<&str>) -> Article {
    let cfg = dom_smoothie::Config {
        text_mode: dom_smoothie::TextMode::Formatted,
        ..Default::default()
    };
    match dom_smoothie::Readability::with_document(dom, absolute_url(url), Some(cfg)) {
        Ok(mut r) => match r.parse() {
            Ok(a) => Article {
                body: a.text_content.to_string(),
                title: Some(a.title).filter(|t| !t.is_empty()),
                byline: a.byline,
                time: a.published_time,
                site: a.site_name,
            },
            Err(_) => Article {
                body: r.doc.select("body").formatted_text().to_string(),
                ..Default::default()
            },
        },
        Err(_) => Article::default(),
    }
}

/// An HTML page: main text and metadata.
pub fn from_html(rec: &SourceRecord, html: &str) -> Extracted {
    let dom = dom_query::Document::from(html);
    let url = rec.url.as_deref();
    let pm = meta::page_meta(&dom, url);
    // last resort for the date: the first date anywhere in the page's text
    let page_date = if pm.published.is_none() && rec.published.is_none() {
        let body = dom.select("body").text();
        date::find_date(&body).map(|f| (f.published, f.tz))
    } else {
        None
    };
    boiler::remove_furniture(&dom);
    boiler::remove_link_boxes(&dom);
    let mut art = readability(dom, url);
    // The boilerplate pass can take the article's own container with it (a wrapper whose
    // class says "related" or "social"); when little is left, the page read without the pass
    // gives the text, if it finds much more.
    if art.body.trim().len() < SHORT_BODY {
        let plain = readability(dom_query::Document::from(html), url);
        if plain.body.trim().len() >= 2 * art.body.trim().len().max(SHORT_BODY / 2) {
            art = plain;
        }
    }
    let Article {
        body,
        title: article_title,
        byline: article_byline,
        time: article_time,
        site: article_site,
    } = art;
    let mut text = drop_furniture_lines(&tidy(&clean::clean_text(&body)));
    let title = rec.title.clone().or(pm.title).or(article_title);
    // the headline repeated at the top of the body is not body text
    if let Some(t) = &title {
        if let Some((first, rest)) = text.split_once('\n') {
            if first.trim().eq_ignore_ascii_case(t.trim()) {
                text = rest.trim_start().to_string();
            }
        }
    }
    let mut authors = rec.authors.clone();
    if authors.is_empty() {
        authors = pm.authors;
    }
    if authors.is_empty() {
        if let Some(b) = article_byline {
            let b = b
                .trim()
                .trim_start_matches("By ")
                .trim_start_matches("by ")
                .trim();
            if !b.is_empty() && b.len() < 100 {
                authors.push(b.to_string());
            }
        }
    }
    let found = hint_published(rec)
        .or_else(|| pm.published.map(|f| (f.published, f.tz)))
        .or_else(|| {
            article_time
                .as_deref()
                .and_then(date::parse_date)
                .map(|f| (f.published, f.tz))
        })
        .or_else(|| text_dateline(&text))
        .or(page_date);
    let (published, timezone) = match found {
        Some((p, tz)) => (Some(p), tz),
        None => (None, None),
    };
    Extracted {
        text,
        title,
        authors,
        published,
        timezone,
        site: pm.site.or(article_site),
        lang: pm.lang,
    }
}

/// The host of a URL, without `www.` ("indianexpress.com").
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.trim_start_matches("www.");
    (!host.is_empty() && host.contains('.')).then(|| host.to_ascii_lowercase())
}

/// The dateline place that opens an article ("ISLAMABAD, Sept 1 (Reuters) -" → "ISLAMABAD").
pub fn dateline_place(text: &str) -> Option<String> {
    for para in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(4)
    {
        let caps: String = para
            .chars()
            .take_while(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-'))
            .collect();
        let caps = caps.trim_end_matches([' ', '-']);
        let letters = caps.chars().filter(|c| c.is_alphabetic()).count();
        let after = para.get(caps.len()..).unwrap_or("");
        if letters >= 3
            && caps.len() <= 40
            && (after.starts_with(',')
                || after.starts_with(" (")
                || after.starts_with(" —")
                || after.starts_with(" -")
                || after.starts_with(" –"))
        {
            return Some(caps.trim().to_string());
        }
    }
    None
}

/// The language of the text (ISO 639-1 where there is one), when it is clear. A sample of
/// 400 characters is enough for whatlang and keeps detection off the profile.
pub fn detect_language(text: &str) -> Option<String> {
    let sample = first_chars(text, 400);
    let stats = if sample.is_ascii() {
        SampleStats::of_ascii(sample.as_bytes())
    } else {
        SampleStats::of(sample)
    };
    if stats.words < 5 {
        return None;
    }
    if stats.looks_english() {
        return Some("en".to_string());
    }
    // tables of figures have no clear language
    if stats.letters * 10 < stats.nonspace * 7 {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    Some(iso639_1(info.lang()).to_string())
}

/// The first `n` characters of `text` (all of it when shorter).
fn first_chars(text: &str, n: usize) -> &str {
    // when the first `n` bytes are ASCII they are the first `n` characters
    if let Some(head) = text.get(..n.min(text.len())) {
        if head.is_ascii() {
            return head;
        }
    }
    let end = text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
    text.get(..end).unwrap_or(text)
}

/// What [`detect_language`] counts in its sample, in one pass.
#[derive(Debug, Default, PartialEq, Eq)]
struct SampleStats {
    /// Words between whitespace.
    words: usize,
    /// Characters that are not whitespace.
    nonspace: usize,
    /// Alphabetic characters.
    letters: usize,
    /// Runs of letters.
    letter_words: usize,
    /// Letter runs that are English function words.
    stop_hits: usize,
    /// Which function words were seen, by index.
    distinct_stops: u64,
}

impl SampleStats {
    fn of(sample: &str) -> Self {
        let mut st = SampleStats {
            words: sample.split_whitespace().count(),
            nonspace: sample.chars().filter(|c| !c.is_whitespace()).count(),
            letters: sample.chars().filter(|c| c.is_alphabetic()).count(),
            ..Default::default()
        };
        for w in sample
            .split(|c: char| !c.is_alphabetic())
            .filter(|w| !w.is_empty())
        {
            st.letter_word(w.as_bytes());
        }
        st
    }

    /// [`SampleStats::of`] for ASCII text, byte by byte.
    fn of_ascii(sample: &[u8]) -> Self {
        let mut st = SampleStats::default();
        let mut in_word = false;
        let mut run_start: Option<usize> = None;
        for (i, &b) in sample.iter().enumerate() {
            // `char::is_whitespace` on ASCII: space and \t \n \x0B \x0C \r
            let space = b == b' ' || (b'\t'..=b'\r').contains(&b);
            if !space {
                st.nonspace += 1;
                if !in_word {
                    st.words += 1;
                }
            }
            in_word = !space;
            if b.is_ascii_alphabetic() {
                st.letters += 1;
                run_start.get_or_insert(i);
            } else if let Some(s) = run_start.take() {
                st.letter_word(sample.get(s..i).unwrap_or_default());
            }
        }
        if let Some(s) = run_start {
            st.letter_word(sample.get(s..).unwrap_or_default());
        }
        st
    }

    fn letter_word(&mut self, w: &[u8]) {
        self.letter_words += 1;
        if let Some(i) = english_stop_word(w) {
            self.stop_hits += 1;
            self.distinct_stops |= 1 << i;
        }
    }

    /// A fast path before whatlang (whose fixed cost per call dominated the pipeline): text
    /// in which English function words make up a good share of the words is English.
    fn looks_english(&self) -> bool {
        self.letter_words >= 8
            && self.stop_hits * 100 >= self.letter_words * 20
            && self.distinct_stops.count_ones() >= 4
    }
}

/// The index of `w` (ASCII case ignored) among the English function words that
/// [`SampleStats::looks_english`] counts: "the", "and", "of", "to", "in", "a", "is", "that", "for", "on",
/// "was", "said", "with", "he", "it", "as", "at", "by", "from", "his", "has", "have", "be",
/// "are", "an", "its", "were", "which", "will", "this", "not", "but", "they", "had", "would".
fn english_stop_word(b: &[u8]) -> Option<u32> {
    if b.len() > 5 {
        return None;
    }
    let mut l = [0u8; 5];
    for (d, s) in l.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(match l.get(..b.len())? {
        b"the" => 0,
        b"and" => 1,
        b"of" => 2,
        b"to" => 3,
        b"in" => 4,
        b"a" => 5,
        b"is" => 6,
        b"that" => 7,
        b"for" => 8,
        b"on" => 9,
        b"was" => 10,
        b"said" => 11,
        b"with" => 12,
        b"he" => 13,
        b"it" => 14,
        b"as" => 15,
        b"at" => 16,
        b"by" => 17,
        b"from" => 18,
        b"his" => 19,
        b"has" => 20,
        b"have" => 21,
        b"be" => 22,
        b"are" => 23,
        b"an" => 24,
        b"its" => 25,
        b"were" => 26,
        b"which" => 27,
        b"will" => 28,
        b"this" => 29,
        b"not" => 30,
        b"but" => 31,
        b"they" => 32,
        b"had" => 33,
        b"would" => 34,
        _ => return None,
    })
}

fn iso639_1(l: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match l {
        Eng => "en",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Ita => "it",
        Por => "pt",
        Nld => "nl",
        Rus => "ru",
        Ukr => "uk",
        Pol => "pl",
        Ces => "cs",
        Tur => "tr",
        Ara => "ar",
        Pes => "fa",
        Urd => "ur",
        Hin => "hi",
        Ben => "bn",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Swe => "sv",
        Dan => "da",
        Nob => "nb",
        Fin => "fi",
        Ell => "el",
        Heb => "he",
        Hun => "hu",
        Ron => "ro",
        Ind => "id",
        Vie => "vi",
        Tha => "th",
        other => other.code(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_fast_path_and_whatlang() {
        let en = "The minister said on Tuesday that the talks with the rebels would resume in the capital.";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        let de = "Der Minister sagte am Dienstag, dass die Gespräche mit den Rebellen in der Hauptstadt wieder aufgenommen werden.";
        assert_eq!(detect_language(de).as_deref(), Some("de"));
    }

    #[test]
    fn ascii_sample_stats_match_the_general_count() {
        for s in [
            "",
            "  The minister said on Tuesday that the talks would resume.\n",
            "Shr 73 cts vs 60 cts\n    Net 43,792,000 vs 36,480,000\tYear\x0bx\x0cy\rz",
            "a-b c--d THE And of;to IN",
            "word",
        ] {
            assert_eq!(
                SampleStats::of_ascii(s.as_bytes()),
                SampleStats::of(s),
                "{s:?}"
            );
        }
        assert_eq!(first_chars("abc", 400), "abc");
        assert_eq!(first_chars("abcdef", 4), "abcd");
        assert_eq!(first_chars("aé€bc", 3), "aé€");
    }

    #[test]
    fn host_and_dateline() {
        assert_eq!(
            host_of("https://www.indianexpress.com/a/b?x").as_deref(),
            Some("indianexpress.com")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(
            dateline_place("ISLAMABAD, Sept 1 (Reuters) - Pakistan said").as_deref(),
            Some("ISLAMABAD")
        );
        assert_eq!(dateline_place("The US said"), None);
    }

    #[test]
    fn html_page_metadata() {
        let html = r#"<html lang="en-GB"><head><title>Big news | Daily Planet</title>
        <meta property="og:site_name" content="Daily Planet">
        <meta property="article:published_time" content="2015-09-01T12:51:00+05:30">
        <meta name="author" content="Lois Lane"></head><body><nav>Home News</nav>
        <article><h1>Big news</h1><p>The first paragraph of the story is long enough to be the main text of the page, with several words in it and more.</p>
        <p>The second paragraph adds more detail about what happened yesterday in Metropolis, where people were watching.</p></article></body></html>"#;
        let rec = SourceRecord {
            id: "x".into(),
            url: Some("https://www.dailyplanet.com/2015/09/01/big-news".into()),
            html: Some(html.into()),
            ..Default::default()
        };
        let e = from_html(&rec, html);
        assert_eq!(e.title.as_deref(), Some("Big news"));
        assert_eq!(
            e.published.map(|p| p.to_string()).as_deref(),
            Some("2015-09-01T12:51:00+05:30")
        );
        assert_eq!(e.authors, vec!["Lois Lane"]);
        assert_eq!(e.site.as_deref(), Some("Daily Planet"));
        assert_eq!(e.lang.as_deref(), Some("en"));
        assert!(e.text.contains("first paragraph"), "{}", e.text);
        assert!(!e.text.contains("Home News"));
    }

    fn page(url: &str, head: &str, body: &str) -> Extracted {
        let html = format!("<html><head><title>T</title>{head}</head><body><article><h1>T</h1>{body}<p>The first paragraph of the story is long enough to be the main text of the page, with several words in it and more.</p><p>The second paragraph adds more detail about what happened yesterday in Metropolis, where people were watching.</p></article></body></html>");
        let rec = SourceRecord {
            id: "x".into(),
            url: Some(url.into()),
            html: Some(html.clone()),
            ..Default::default()
        };
        from_html(&rec, &html)
    }

    #[test]
    fn url_day_wins_over_utc_stamp_one_day_off() {
        let e = page(
            "https://example.com/2020/02/24/story",
            r#"<meta property="article:published_time" content="2020-02-25T02:25:54Z">"#,
            "",
        );
        assert_eq!(
            e.published.map(|p| p.to_string()).as_deref(),
            Some("2020-02-24")
        );
    }

    #[test]
    fn shown_date_beats_bare_date_meta_tag() {
        let e = page(
            "https://example.de/artikel/story",
            r#"<meta name="date" content="2020-04-30">"#,
            r#"<div class="Date"><time>29.04.2020, 12:01 Uhr</time></div>"#,
        );
        assert_eq!(
            e.published.map(|p| p.date().to_string()).as_deref(),
            Some("2020-04-29")
        );
    }

    #[test]
    fn related_links_box_is_dropped() {
        let e = page(
            "https://example.com/a",
            "",
            r#"<div><a href="/1">Other story one</a> <a href="/2">Other story two</a> <a href="/3">Other story three</a></div>"#,
        );
        assert!(e.text.contains("first paragraph"), "{}", e.text);
        assert!(!e.text.contains("Other story"), "{}", e.text);
    }

    #[test]
    fn read_also_lines_and_related_headings_are_dropped() {
        let e = page(
            "https://example.com/a",
            "",
            r#"<p>Lea también: Otra noticia que no es parte de esta historia</p><p>Mehr zum Thema</p>"#,
        );
        assert!(e.text.contains("first paragraph"), "{}", e.text);
        assert!(!e.text.contains("Otra noticia"), "{}", e.text);
        assert!(!e.text.contains("Mehr zum Thema"), "{}", e.text);
    }

    #[test]
    fn date_line_right_below_headline_beats_first_date_on_page() {
        let html = r#"<html><head><title>T</title></head><body>
        <div class="teaser">Newsletter vom 09.11.2021</div>
        <div class="content"><h1>Die Lage im laufenden Jahr</h1><p><em>10.11.2021</em></p>
        <p>The first paragraph of the story is long enough to be the main text of the page, with several words in it and more.</p>
        <p>The second paragraph adds more detail about what happened yesterday in Metropolis, where people were watching.</p></div></body></html>"#;
        let rec = SourceRecord {
            id: "x".into(),
            url: Some("https://example.de/meldung.html".into()),
            html: Some(html.into()),
            ..Default::default()
        };
        let e = from_html(&rec, html);
        assert_eq!(
            e.published.map(|p| p.date().to_string()).as_deref(),
            Some("2021-11-10")
        );
    }

    #[test]
    fn json_ld_image_date_is_not_the_article_date() {
        let e = page(
            "https://example.de/nachrichten/story",
            r#"<script type="application/ld+json">{"@type": "ImageObject", "name": "Photo", "datePublished": "2023-11-06"}</script>
            <meta property="article:published_time" content="2023-11-07T07:30:00+01:00">"#,
            "",
        );
        assert_eq!(
            e.published.map(|p| p.date().to_string()).as_deref(),
            Some("2023-11-07")
        );
    }

    #[test]
    fn article_container_named_modal_survives_boilerplate_pass() {
        // a large inline script makes the article a small share of the body's text, and the
        // container's class carries a furniture word ("modal")
        let script = "var x = 1;".repeat(2000);
        let html = format!(
            r#"<html><head><title>T</title></head><body><script>{script}</script>
            <div class="box article modal-enabled"><h1>Big news</h1>
            <p>The first paragraph of the story is long enough to be the main text of the page, with several words in it and more.</p>
            <p>The second paragraph adds more detail about what happened yesterday in Metropolis, where people were watching.</p>
            <p>A third paragraph says what the mayor of Metropolis answered when he was asked about it later in the evening.</p>
            <p>A fourth paragraph quotes the police chief, who said that nobody had been hurt and that the square would reopen on Friday.</p>
            <p>A fifth paragraph recalls that the same thing happened in the city two years ago, when the fountain in the square broke down.</p></div>
            <div class="more"><a href="/1">More stories</a></div></body></html>"#
        );
        let rec = SourceRecord {
            id: "x".into(),
            url: Some("https://example.com/a".into()),
            html: Some(html.clone()),
            ..Default::default()
        };
        let e = from_html(&rec, &html);
        assert!(e.text.contains("first paragraph"), "{}", e.text);
        assert!(e.text.contains("mayor of Metropolis"), "{}", e.text);
    }
}
