//! Boilerplate removal before main-text extraction: page furniture (navigation, figures and
//! their captions, share bars, related-story boxes, bylines, tag lists) that Readability keeps
//! when it sits inside the article container.
use dom_query::{Document, NodeRef};

/// Elements that are never article text.
const DROP_TAGS: &str = "nav, aside, figure, figcaption, button, iframe, svg, select, dialog";

/// Words in a class or id that mark furniture. Matched against whole words of the attribute
/// (split at spaces, `-` and `_`), so "share-bar" matches and "shareholders" does not.
const FURNITURE: &[&str] = &[
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "subscribe",
    "promo",
    "advert",
    "advertisement",
    "caption",
    "credit",
    "credits",
    "breadcrumb",
    "breadcrumbs",
    "comments",
    "outbrain",
    "taboola",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "paywall",
    "signup",
];

fn has_word(n: &NodeRef, words: &[&str]) -> bool {
    ["class", "id"].iter().any(|a| {
        n.attr(a).is_some_and(|v| {
            v.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
                .any(|w| words.contains(&w.to_ascii_lowercase().as_str()))
        })
    })
}

fn is_furniture(n: &NodeRef) -> bool {
    has_word(n, FURNITURE)
}

/// Removes page furniture from `doc` in place. Containers that hold most of the page's text
/// are kept whatever their names say.
pub fn remove_furniture(doc: &Document) {
    let body_len = doc.select("body").text().len().max(1);
    let keep = |n: &NodeRef| -> bool {
        let name = n
            .node_name()
            .map(|s| s.to_ascii_lowercase())
            .unwrap_or_default();
        if matches!(name.as_str(), "html" | "body" | "main" | "article" | "h1") {
            return true;
        }
        let len = n.text().len();
        len * 10 > body_len * 2
    };
    for n in doc.select(DROP_TAGS).nodes() {
        if !keep(n) {
            n.remove_from_parent();
        }
    }
    let cands: Vec<NodeRef> = doc
        .select("body [class], body [id]")
        .nodes()
        .iter()
        .filter(|n| is_furniture(n))
        .cloned()
        .collect();
    for n in cands {
        if !keep(&n) {
            n.remove_from_parent();
        }
    }
}

/// Class or id words of bylines and post meta lines.
const BYLINE: &[&str] = &[
    "author", "authors", "byline", "meta", "vcard", "autor", "posted", "postmeta", "entry",
];

/// Elements that may be link boxes (related stories, tag clouds, "more from" lists).
const LINK_BOX_TAGS: &str = "body ul, body ol, body div, body section, body table, body p";

fn text_len(s: &str) -> usize {
    s.split_whitespace().map(|w| w.chars().count() + 1).sum()
}

/// Whether `n` is mostly links: at least three links whose text makes up most of its own
/// text, with little running text per link (a related-stories box or a tag list, not a
/// paragraph that cites a few sources).
fn is_link_box(n: &NodeRef) -> bool {
    // bylines and post meta lines (author, date, categories) are link-dense too, but the
    // metadata pass reads the author from them
    if has_word(n, BYLINE) || n.find(&["time"]).len() + n.find(&["abbr"]).len() > 0 {
        return false;
    }
    let links = n.find(&["a"]);
    if links.len() < 3 {
        return false;
    }
    let total = text_len(&n.text());
    if total == 0 {
        return false;
    }
    let linked: usize = links.iter().map(|a| text_len(&a.text())).sum();
    let plain = total.saturating_sub(linked);
    linked * 10 >= total * 7 && plain < 25 * links.len()
}

/// Removes link boxes: elements whose text is mostly link text (scored by link density, not
/// by class names). Containers that hold most of the page's text are kept.
pub fn remove_link_boxes(doc: &Document) {
    let body_len = text_len(&doc.select("body").text()).max(1);
    let cands: Vec<NodeRef> = doc
        .select(LINK_BOX_TAGS)
        .nodes()
        .iter()
        .filter(|n| is_link_box(n))
        .cloned()
        .collect();
    for n in cands {
        if text_len(&n.text()) * 10 <= body_len * 2 {
            n.remove_from_parent();
        }
    }
}
