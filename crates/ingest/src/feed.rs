//! RSS and Atom feeds (through `feed-rs`): one record per item, from its content, or from its
//! summary and link.
use crate::IngestError;
use dateline_core::{SourceFormat, SourceRecord};

/// Parses a feed document into one record per item.
pub fn feed_records(bytes: &[u8], origin: &str) -> Result<Vec<SourceRecord>, IngestError> {
    let feed = feed_rs::parser::parse(bytes).map_err(|e| IngestError::Format {
        origin: origin.to_string(),
        message: format!("not a valid RSS/Atom feed: {e}"),
    })?;
    let mut out = Vec::new();
    for (i, e) in feed.entries.into_iter().enumerate() {
        let link = e.links.first().map(|l| l.href.clone());
        let title = e.title.map(|t| t.content);
        let published = e.published.or(e.updated).map(|d| d.to_rfc3339());
        let authors: Vec<String> = e
            .authors
            .into_iter()
            .filter_map(|p| p.name)
            .filter(|n| !n.trim().is_empty())
            .collect();
        let content = e
            .content
            .and_then(|c| c.body)
            .filter(|b| !b.trim().is_empty());
        let summary = e
            .summary
            .map(|s| s.content)
            .filter(|b| !b.trim().is_empty());
        let Some(body) = content.or(summary) else {
            continue;
        };
        let id = if e.id.is_empty() {
            link.clone()
                .unwrap_or_else(|| format!("{origin}#{}", i + 1))
        } else {
            e.id
        };
        let is_html = body.contains('<');
        out.push(SourceRecord {
            id,
            format: SourceFormat::Feed,
            origin: Some(format!("{origin}#{}", i + 1)),
            url: link,
            title,
            published,
            authors,
            text: (!is_html).then(|| body.clone()),
            html: is_html.then_some(body),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
        <item><title>First</title><link>https://x.com/a</link><description>Short summary.</description>
        <pubDate>Tue, 01 Sep 2015 07:21:00 GMT</pubDate></item>
        <item><title>Second</title><link>https://x.com/b</link><description>&lt;p&gt;HTML body&lt;/p&gt;</description></item>
        </channel></rss>"#;
        let r = feed_records(rss, "f.rss").unwrap();
        assert_eq!(r.len(), 2);
        assert_eq!(r[0].title.as_deref(), Some("First"));
        assert_eq!(r[0].url.as_deref(), Some("https://x.com/a"));
        assert_eq!(r[0].text.as_deref(), Some("Short summary."));
        assert!(r[0]
            .published
            .as_deref()
            .unwrap()
            .starts_with("2015-09-01T07:21:00"));
        assert!(r[1].html.is_some());
        assert!(feed_records(b"plainly not xml", "bad").is_err());
    }
}
