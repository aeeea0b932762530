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
