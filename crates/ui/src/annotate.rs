//! Renders text with overlapping annotations as well-nested HTML.
//!
//! One general mechanism: every annotation is a [`Mark`] (a span plus an opening tag). At each
//! boundary all open tags are closed and the marks active in the next segment reopened, so any
//! overlap of entities, quotes and sentences still gives valid HTML.

/// An annotation over `[start, end)` in **byte** offsets of the text being rendered.
#[derive(Debug, Clone)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    /// The opening tag, e.g. `<mark class="ent ent-person">`. Must be trusted HTML.
    pub open: String,
    /// The closing tag, e.g. `</mark>`.
    pub close: &'static str,
}

/// Escapes text for HTML element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Byte offset of each code-point offset in `text` (one entry per char, plus the end).
pub fn char_to_byte_table(text: &str) -> Vec<usize> {
    let mut t: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    t.push(text.len());
    t
}

/// Renders `text[range]` with `marks` (clipped to the range) and zero-width `anchors`
/// (`(byte offset, html)` inserted before the character at that offset).
pub fn render(
    text: &str,
    range: (usize, usize),
    marks: &[Mark],
    anchors: &[(usize, String)],
) -> String {
    let (lo, hi) = (range.0.min(text.len()), range.1.min(text.len()));
    let mut active: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.start < hi && m.end > lo && m.start < m.end)
        .collect();
    // outer marks first: earlier start, then longer
    active.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    let mut points: Vec<usize> = vec![lo, hi];
    for m in &active {
        points.push(m.start.clamp(lo, hi));
        points.push(m.end.clamp(lo, hi));
    }
    for (p, _) in anchors {
        if (lo..hi).contains(p) {
            points.push(*p);
        }
    }
    points.retain(|p| text.is_char_boundary(*p));
    points.sort_unstable();
    points.dedup();
    let mut out = String::with_capacity((hi - lo) * 2);
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        for (p, html) in anchors {
            if *p == a {
                out.push_str(html);
            }
        }
        let open: Vec<&&Mark> = active
            .iter()
            .filter(|m| m.start <= a && m.end >= b)
            .collect();
        for m in &open {
            out.push_str(&m.open);
        }
        out.push_str(&escape(&text[a..b]));
        for m in open.iter().rev() {
            out.push_str(m.close);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(s: usize, e: usize, c: &str) -> Mark {
        Mark {
            start: s,
            end: e,
            open: format!("<b class=\"{c}\">"),
            close: "</b>",
        }
    }

    #[test]
    fn overlapping_marks_nest_validly() {
        let t = "abcdef";
        let html = render(t, (0, 6), &[mark(0, 4, "q"), mark(2, 6, "e")], &[]);
        assert_eq!(
            html,
            "<b class=\"q\">ab</b><b class=\"q\"><b class=\"e\">cd</b></b><b class=\"e\">ef</b>"
        );
    }

    #[test]
    fn escapes_and_clips() {
        let t = "x<y>&z";
        assert_eq!(
            render(t, (1, 5), &[mark(0, 3, "a")], &[]),
            "<b class=\"a\">&lt;y</b>&gt;&amp;"
        );
    }

    #[test]
    fn anchors_and_bad_offsets_are_safe() {
        let t = "é b";
        // 1 is inside 'é': dropped rather than panicking
        let html = render(
            t,
            (0, 4),
            &[mark(1, 3, "a")],
            &[(0, "<a id=\"s-0\"></a>".into())],
        );
        assert!(html.starts_with("<a id=\"s-0\"></a>"));
        assert!(html.contains("b"));
    }
}
