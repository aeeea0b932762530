//! Page metadata from HTML: title, authors, publication time, site name and language, read from
//! JSON-LD, meta tags, `<time>` elements, the URL and date-bearing page elements.
use crate::date::{date_from_url, find_date, parse_date, FoundDate};
use dateline_core::Published;
use dom_query::{Document, NodeRef};
use serde_json::Value;

/// What the page says about itself.
#[derive(Debug, Default, Clone)]
pub struct PageMeta {
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<FoundDate>,
    /// Where the publication time came from ("json-ld", "meta", "time", "url", "text").
    pub published_from: Option<&'static str>,
    pub site: Option<String>,
    pub lang: Option<String>,
}

#[derive(Default)]
struct JsonLd {
    published: Option<String>,
    created: Option<String>,
    headline: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "Article",
    "NewsArticle",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "BlogPosting",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "TechArticle",
    "ScholarlyArticle",
    "Report",
    "WebPage",
    "ItemPage",
    "AboutPage",
    "Review",
    "Recipe",
    "DiscussionForumPosting",
    "Event",
    "VideoObject",
];

fn has_type(v: &Value, types: &[&str]) -> bool {
    match v.get("@type") {
        Some(Value::String(t)) => types.contains(&t.as_str()),
        Some(Value::Array(a)) => a
            .iter()
            .any(|t| t.as_str().is_some_and(|t| types.contains(&t))),
        _ => false,
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Array(a) => a.iter().find_map(|x| str_of(Some(x))),
        Value::Object(o) => str_of(o.get("name")).or_else(|| str_of(o.get("@value"))),
        _ => None,
    }
}

fn names_of(v: Option<&Value>, out: &mut Vec<String>) {
    match v {
        Some(Value::String(s)) => {
            let s = s.trim();
            if !s.is_empty() && !s.starts_with("http") {
                out.push(s.to_string());
            }
        }
        Some(Value::Array(a)) => a.iter().for_each(|x| names_of(Some(x), out)),
        Some(Value::Object(o)) => names_of(o.get("name"), out),
        _ => {}
    }
}

fn walk_ld(v: &Value, ld: &mut JsonLd, depth: usize) {
    if depth > 8 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().for_each(|x| walk_ld(x, ld, depth + 1)),
        Value::Object(o) => {
            let is_article = has_type(v, ARTICLE_TYPES);
            let is_page = has_type(
                v,
                &["WebPage", "ItemPage", "AboutPage", "Event", "VideoObject"],
            );
            // an image, person or organisation carries its own dates, not the article's
            let other_type = o.contains_key("@type") && !is_article;
            if is_article || o.contains_key("datePublished") {
                // a real article beats a WebPage wrapper
                let take = ld.published.is_none() || !is_page;
                if let Some(d) = str_of(o.get("datePublished")).filter(|_| !other_type) {
                    if ld.published.is_none() || take && !is_page {
                        ld.published = Some(d);
                    }
                }
                if ld.created.is_none() && !other_type {
                    ld.created = str_of(o.get("dateCreated"));
                }
                if !is_page || ld.headline.is_none() {
                    if let Some(h) = str_of(o.get("headline")) {
                        ld.headline = Some(h);
                    }
                }
                if ld.authors.is_empty() {
                    names_of(o.get("author"), &mut ld.authors);
                    if ld.authors.is_empty() {
                        names_of(o.get("creator"), &mut ld.authors);
                    }
                }
                if ld.publisher.is_none() {
                    ld.publisher = str_of(o.get("publisher"));
                }
            }
            if let Some(g) = o.get("@graph") {
                walk_ld(g, ld, depth + 1);
            }
            if let Some(m) = o.get("mainEntity") {
                walk_ld(m, ld, depth + 1);
            }
        }
        _ => {}
    }
}

fn json_ld(doc: &Document) -> JsonLd {
    let mut ld = JsonLd::default();
    for n in doc.select("script[type=\"application/ld+json\"]").nodes() {
        let raw = n.text();
        let t = raw
            .trim()
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("//]]>")
            .trim()
            .trim_end_matches(';');
        if let Ok(v) = serde_json::from_str::<Value>(t) {
            walk_ld(&v, &mut ld, 0);
        }
    }
    ld
}

/// Meta tags as (lower-cased key, content), keyed by property, name, itemprop or http-equiv.
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in doc.select("meta").nodes() {
        let Some(content) = n.attr("content").or_else(|| n.attr("value")) else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for k in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = n.attr(k) {
                out.push((key.trim().to_ascii_lowercase(), content.to_string()));
            }
        }
    }
    out
}

fn meta<'a>(tags: &'a [(String, String)], keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        tags.iter()
            .find(|(key, _)| key == k)
            .map(|(_, v)| v.as_str())
    })
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "article:published",
    "datepublished",
    "og:published_time",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "pub_date",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "originalpublicationdate",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date.created",
    "dcterms.created",
    "dc.date",
    "dcterms.date",
    "date",
    "citation_publication_date",
    "citation_date",
    "citation_online_date",
    "rnews:datepublished",
    "cxenseparse:recs:publishtime",
    "article_date_original",
    "release_date",
    "date_published",
    "datecreated",
    "created",
    "creation_date",
];

/// Meta keys that name a date without saying it is the publication date.
const WEAK_DATE_KEYS: &[&str] = &["date", "dc.date", "dcterms.date"];

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "last-modified",
    "lastmod",
    "dcterms.modified",
    "dc.date.modified",
];

fn clean_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn decode(s: &str) -> String {
    clean_ws(&html_escape::decode_html_entities(s))
}

fn parse_meta_date(s: &str) -> Option<FoundDate> {
    // a bare time stamp in seconds or milliseconds
    if s.len() >= 9 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = s.parse().ok()?;
        let secs = if s.len() == 13 { n / 1000 } else { n };
        let ts = jiff::Timestamp::from_second(secs).ok()?;
        let local = jiff::tz::Offset::UTC.to_datetime(ts);
        return Some(FoundDate {
            published: Published::DateTime {
                local,
                offset: jiff::tz::Offset::UTC,
            },
            tz: None,
            start: 0,
            end: s.len(),
        });
    }
    parse_date(s)
}

/// The first date in an element's `datetime`/`content` attribute or its text.
fn node_date(n: &NodeRef) -> Option<FoundDate> {
    for a in ["datetime", "content", "data-datetime", "title"] {
        if let Some(v) = n.attr(a) {
            if let Some(d) = parse_meta_date(v.trim()) {
                return Some(d);
            }
        }
    }
    let t = n.text();
    let t = t.trim();
    if t.len() < 200 {
        return find_date(t);
    }
    None
}

/// The first date shown in an element whose class or id suggests a date line, or in a `<time>`.
fn visible_date(doc: &Document) -> Option<FoundDate> {
    let cands = doc.select("body time, body span, body div, body p, body li, body small, body abbr, body header, body a, body strong, body em, body b, body dd, body td");
    cands
        .nodes()
        .iter()
        .filter(|n| n.node_name().is_some_and(|t| &*t == "time") || date_hint(n))
        .find_map(|n| {
            let t = n.text();
            (t.len() < 300).then(|| find_date(&t)).flatten()
        })
}

/// A date line placed right below the headline (`<h1>` then "Stand: 07.11.2023, 07:30 Uhr"):
/// one of the next two elements after the first `<h1>`, short, and mostly the date.
fn headline_date(doc: &Document) -> Option<FoundDate> {
    let h1s = doc.select("body h1");
    let h1 = h1s.nodes().first()?;
    let mut next = h1.next_element_sibling();
    for _ in 0..2 {
        let n = next?;
        let t = n.text();
        let t = t.trim();
        if !t.is_empty() {
            if t.chars().count() > 80 {
                return None;
            }
            if let Some(f) = find_date(t) {
                let rest = t.len() - (f.end - f.start);
                if rest <= 30 {
                    return Some(f);
                }
            }
        }
        next = n.next_element_sibling();
    }
    None
}

/// Elements whose class or id suggests a date line ("date", "time", "published", "byline").
fn date_hint(n: &NodeRef) -> bool {
    let mut s = String::new();
    for a in ["class", "id", "itemprop"] {
        if let Some(v) = n.attr(a) {
            s.push_str(&v.to_ascii_lowercase());
            s.push(' ');
        }
    }
    if s.contains("update") || s.contains("modif") || s.contains("comment") {
        return false;
    }
    [
        "date",
        "time",
        "publish",
        "posted",
        "byline",
        "meta",
        "datum",
        "fecha",
        "data",
        "info",
        "author",
        "dateline",
        "submitted",
        "created",
    ]
    .iter()
    .any(|k| s.contains(k))
}

fn is_url(s: &str) -> bool {
    s.starts_with("http://")
        || s.starts_with("https://")
        || s.starts_with("www.")
        || s.starts_with('/')
}

fn split_authors(s: &str, out: &mut Vec<String>) {
    let s = decode(s);
    let s = s
        .trim()
        .trim_start_matches("By ")
        .trim_start_matches("by ")
        .trim_start_matches("Von ")
        .trim_start_matches("von ")
        .trim();
    if s.is_empty() || is_url(s) || s.len() > 120 {
        return;
    }
    for part in s.split([',', ';', '|']) {
        for p in part.split(" and ").flat_map(|p| p.split(" und ")) {
            let p = p.trim();
            if !p.is_empty() && !out.iter().any(|o| o == p) {
                out.push(p.to_string());
            }
        }
    }
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    Some(host.trim_start_matches("www.").to_ascii_lowercase())
}

/// Reads everything the page says about itself. `url` is the page address when known.
pub fn page_meta(doc: &Document, url: Option<&str>) -> PageMeta {
    let ld = json_ld(doc);
    let tags = meta_tags(doc);
    let mut m = PageMeta::default();

    // title
    let headings = |sel: &str| -> Vec<String> {
        doc.select(sel)
            .nodes()
            .iter()
            .map(|n| decode(&n.text()))
            .filter(|t| !t.is_empty() && t.chars().count() < 300)
            .take(3)
            .collect()
    };
    let h1s = headings("h1");
    let h2s = headings("h2");
    let og = meta(
        &tags,
        &[
            "og:title",
            "twitter:title",
            "dc.title",
            "parsely-title",
            "sailthru.title",
        ],
    )
    .map(decode);
    let title_tag = doc
        .select("head title")
        .nodes()
        .first()
        .map(|n| decode(&n.text()))
        .filter(|t| !t.is_empty());
    let headline = ld.headline.as_deref().map(decode);
    let site_name = meta(&tags, &["og:site_name", "application-name"])
        .map(decode)
        .or_else(|| ld.publisher.as_deref().map(decode));
    let host = url.and_then(host_of);
    m.title = choose_title(
        &h1s,
        &h2s,
        og.as_deref(),
        headline.as_deref(),
        title_tag.as_deref(),
        site_name.as_deref(),
        host.as_deref(),
    );

    // publication time
    let pick = |d: Option<FoundDate>, from: &'static str, m: &mut PageMeta| {
        if m.published.is_none() {
            if let Some(d) = d {
                m.published = Some(d);
                m.published_from = Some(from);
            }
        }
    };
    pick(
        ld.published.as_deref().and_then(parse_meta_date),
        "json-ld",
        &mut m,
    );
    let meta_date = PUBLISHED_KEYS
        .iter()
        .find_map(|k| meta(&tags, &[k]).and_then(parse_meta_date).map(|d| (*k, d)));
    if let Some((key, d)) = meta_date {
        let from = if WEAK_DATE_KEYS.contains(&key) {
            "meta-date"
        } else {
            "meta"
        };
        pick(Some(d), from, &mut m);
    }
    // A bare `date` meta tag often carries the day the page was last touched; a date line
    // shown on the page a little earlier than that is the publication day.
    if m.published_from == Some("meta-date") {
        if let (Some(shown), Some(tagged)) = (visible_date(doc), m.published.as_ref()) {
            let (a, b) = (shown.published.date(), tagged.published.date());
            let gap = b.since(a).map(|s| s.get_days()).unwrap_or(i32::MAX);
            if a < b && gap <= 62 {
                m.published = Some(shown);
                m.published_from = Some("text");
            }
        }
    }
    pick(
        ld.created.as_deref().and_then(parse_meta_date),
        "json-ld",
        &mut m,
    );
    if m.published.is_none() {
        let nodes =
            doc.select("[itemprop=\"datePublished\"], time[pubdate], [property=\"datePublished\"]");
        pick(nodes.nodes().iter().find_map(node_date), "time", &mut m);
    }
    if m.published.is_none() {
        let url_date = url.and_then(date_from_url);
        pick(
            url_date.map(|d| FoundDate {
                published: Published::Date(d),
                tz: None,
                start: 0,
                end: 0,
            }),
            "url",
            &mut m,
        );
    }
    if m.published.is_none() {
        let times = doc.select("time");
        pick(times.nodes().iter().find_map(node_date), "time", &mut m);
    }
    if m.published.is_none() {
        pick(headline_date(doc), "text", &mut m);
    }
    if m.published.is_none() {
        pick(visible_date(doc), "text", &mut m);
    }
    // A UTC time stamp names the day in UTC; the page's readers (and its own date line) see
    // the day in the site's zone, known from its country domain or language.
    if let Some(Published::DateTime { local, offset }) = m.published.as_ref().map(|f| f.published) {
        if offset.seconds() == 0 {
            let lang = doc
                .select("html")
                .nodes()
                .first()
                .and_then(|n| n.attr("lang"))
                .map(|l| l.chars().take(2).collect::<String>().to_ascii_lowercase());
            let host = url.and_then(host_of);
            if let Some(mins) =
                crate::date::site_offset_minutes(host.as_deref(), lang.as_deref(), local)
            {
                if let Ok(off) = jiff::tz::Offset::from_seconds(mins * 60) {
                    if let Ok(ts) = jiff::tz::Offset::UTC.to_timestamp(local) {
                        if let Some(f) = m.published.as_mut() {
                            f.published = Published::DateTime {
                                local: off.to_datetime(ts),
                                offset: off,
                            };
                        }
                    }
                }
            }
        }
    }
    // A UTC time stamp whose zone the site does not reveal may fall on the next (or previous)
    // day of the page's own calendar. When the URL names the day, one day away from the UTC
    // day, the URL's day is the local one: keep it (the local time itself is unknown).
    if let Some(Published::DateTime { local, offset }) = m.published.as_ref().map(|f| f.published) {
        if offset.seconds() == 0 {
            if let Some(url_day) = url.and_then(date_from_url) {
                // offsets run from -12:00 to +14:00
                let hour = local.time().hour();
                let near = (hour < 12 && local.date().yesterday().ok() == Some(url_day))
                    || (hour >= 10 && local.date().tomorrow().ok() == Some(url_day));
                if near {
                    if let Some(f) = m.published.as_mut() {
                        f.published = Published::Date(url_day);
                        f.tz = None;
                    }
                    m.published_from = Some("url");
                }
            }
        }
    }
    if m.published.is_none() {
        pick(
            MODIFIED_KEYS
                .iter()
                .find_map(|k| meta(&tags, &[k]).and_then(parse_meta_date)),
            "modified",
            &mut m,
        );
    }

    // authors
    let mut authors = Vec::new();
    if let Some(a) = meta(
        &tags,
        &[
            "author",
            "article:author",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "byl",
            "citation_author",
        ],
    ) {
        split_authors(a, &mut authors);
    }
    if authors.is_empty() {
        for a in &ld.authors {
            split_authors(a, &mut authors);
        }
    }
    if authors.is_empty() {
        for n in doc.select("[itemprop=\"author\"] [itemprop=\"name\"], [rel=\"author\"], [itemprop=\"author\"]").nodes().iter().take(3) {
            split_authors(&n.text(), &mut authors);
            if !authors.is_empty() {
                break;
            }
        }
    }
    m.authors = authors;

    m.site = meta(&tags, &["og:site_name", "application-name", "publisher"])
        .map(decode)
        .or_else(|| ld.publisher.as_deref().map(decode))
        .filter(|s| !s.is_empty());

    let lang = doc
        .select("html")
        .nodes()
        .first()
        .and_then(|n| n.attr("lang").or_else(|| n.attr("xml:lang")))
        .map(|s| s.to_string())
        .or_else(|| {
            meta(
                &tags,
                &["content-language", "og:locale", "language", "dc.language"],
            )
            .map(str::to_string)
        });
    m.lang = lang.and_then(|l| {
        let code: String = l
            .trim()
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_lowercase();
        (code.len() == 2 || code.len() == 3).then_some(code)
    });
    m
}

/// A comparison key for titles: lower case, one kind of quote and dash, single spaces.
fn title_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            '“' | '”' | '„' | '«' | '»' | '‟' => '"',
            '‘' | '’' | '‚' | '‛' | '`' | '´' => '\'',
            '–' | '—' | '‐' | '‑' => '-',
            c => c,
        };
        out.extend(c.to_lowercase());
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

const TITLE_SEPS: &[&str] = &[
    " | ", " – ", " — ", " - ", " :: ", " « ", " » ", " · ", " // ", " ~ ",
];

/// The parts of a title separated by a site-name separator ("Title | Section | Site").
fn title_parts(title: &str) -> Vec<&str> {
    for sep in TITLE_SEPS {
        if title.contains(sep) {
            return title
                .split(sep)
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .collect();
        }
    }
    vec![title.trim()]
}

/// Strips site-name parts from a title: drops parts that are the site name, then keeps the
/// longest remaining part.
fn strip_site(title: &str, is_site: &dyn Fn(&str) -> bool) -> String {
    let parts = title_parts(title);
    if parts.len() < 2 {
        return title.trim().to_string();
    }
    let rest: Vec<&str> = parts.iter().copied().filter(|p| !is_site(p)).collect();
    if rest.len() == 1 && rest.len() < parts.len() {
        return rest[0].to_string();
    }
    let pool = if rest.is_empty() { &parts } else { &rest };
    pool.iter()
        .max_by_key(|p| p.chars().count())
        .map_or_else(|| title.trim().to_string(), |p| p.to_string())
}

fn choose_title(
    h1s: &[String],
    h2s: &[String],
    og: Option<&str>,
    headline: Option<&str>,
    title_tag: Option<&str>,
    site: Option<&str>,
    host: Option<&str>,
) -> Option<String> {
    let site_key = site.map(title_key);
    let host_key: Option<String> = host
        .and_then(|h| h.split('.').rev().nth(1))
        .map(str::to_ascii_lowercase);
    let is_site = |s: &str| -> bool {
        let k = title_key(s);
        if site_key.as_deref() == Some(k.as_str()) {
            return true;
        }
        let squashed: String = k.chars().filter(|c| c.is_alphanumeric()).collect();
        host_key
            .as_deref()
            .is_some_and(|h| !h.is_empty() && squashed == h)
    };
    let mut sources: Vec<String> = Vec::new();
    for s in [og, headline, title_tag].into_iter().flatten() {
        if !is_site(s) {
            sources.push(title_key(s));
        }
        for p in title_parts(s) {
            if !is_site(p) {
                sources.push(title_key(p));
            }
        }
    }
    let agrees = |h: &str| -> bool {
        let k = title_key(h);
        k.chars().count() > 3
            && sources.iter().any(|s| {
                s == &k
                    || (s.contains(&k) && k.chars().count() * 2 > s.chars().count())
                    || (k.contains(s.as_str()) && s.chars().count() * 2 > k.chars().count())
            })
    };
    // a visible heading that agrees with the page's own metadata is the surest
    for h in h1s.iter().chain(h2s.iter()) {
        if !is_site(h) && agrees(h) {
            return Some(h.clone());
        }
    }
    if let Some(o) = og.filter(|o| !o.is_empty() && !is_site(o)) {
        return Some(strip_site(o, &is_site));
    }
    if let Some(h) = headline.filter(|o| !o.is_empty() && !is_site(o)) {
        return Some(h.to_string());
    }
    let h1s: Vec<&String> = h1s.iter().filter(|h| !is_site(h)).collect();
    if h1s.len() == 1 {
        return h1s.first().map(|h| h.to_string());
    }
    title_tag
        .map(|t| strip_site(t, &is_site))
        .filter(|t| !t.is_empty())
        .or_else(|| h1s.first().map(|h| h.to_string()))
}
