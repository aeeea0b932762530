//! Direct quotations: pairs quotation marks into spans, paragraph by paragraph.
//!
//! Straight `"` marks are classified as opening or closing by their neighbours; curly and
//! guillemet marks carry their direction. A quotation may run over several paragraphs when a
//! paragraph ends inside it and the next paragraph opens with a quotation mark (the usual
//! typographic convention). An opening mark that is never closed is dropped at the end of its
//! paragraph, so an unbalanced mark never swallows the rest of the document.
use dateline_core::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Either,
}

/// The mark at byte `b` (char `c`) and its length in bytes: `"`, curly marks, guillemets, and
/// the typewriter pairs `''` and ``` `` ```.
fn mark_of(text: &str, b: usize, c: char) -> Option<(Mark, usize)> {
    let len = match c {
        '\'' | '`' if text.get(b + 1..b + 2) == Some(if c == '`' { "`" } else { "'" }) => 2,
        '\'' | '`' => return None,
        _ => c.len_utf8(),
    };
    if c == '`' {
        return Some((Mark::Open, len));
    }
    let m = match c {
        '“' | '„' | '«' => Some(Mark::Open),
        '”' | '»' => Some(Mark::Close),
        '"' | '\'' => {
            let prev = text.get(..b).and_then(|s| s.chars().next_back());
            let next = text.get(b + len..).and_then(|s| s.chars().next());
            let prev_open = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:".contains(p));
            let next_close = next.is_none_or(|n| n.is_whitespace() || ",.;:!?)]}—–".contains(n));
            match (prev_open, next_close) {
                (true, false) => Some(Mark::Open),
                (false, true) => Some(Mark::Close),
                _ => Some(Mark::Either),
            }
        }
        _ => None,
    };
    m.map(|m| (m, len))
}

/// Whether byte `b` can start a quotation mark: `"`, `'`, `` ` ``, or the lead byte of `“ ” „`
/// (E2) or `« »` (C2). Never a UTF-8 continuation byte, so skipping to one stays on a char
/// boundary.
fn can_start_mark(b: u8) -> bool {
    matches!(b, b'"' | b'\'' | b'`' | 0xE2 | 0xC2)
}

/// Spans of direct quotations, quotation marks included, in document order.
pub fn direct_spans(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut out = Vec::new();
    // a quotation left open at the end of the previous paragraph, which started that paragraph
    let mut pending: Option<(usize, usize)> = None; // (start, end of last paragraph)
    for p in paragraphs {
        let Some(ptext) = text.get(p.start..p.end) else {
            continue;
        };
        let mut open: Option<usize> = None;
        let mut first = true;
        let mut skip_to = 0;
        let bytes = ptext.as_bytes();
        let mut off = 0;
        while let Some(c) = ptext.get(off..).and_then(|r| r.chars().next()) {
            let b = p.start + off;
            off += c.len_utf8();
            // past the first non-space, only marks matter: skip to the next byte that can
            // start one
            if !first {
                while off < bytes.len() && !can_start_mark(bytes[off]) {
                    off += 1;
                }
            }
            if b < skip_to {
                continue;
            }
            let Some((m, len)) = mark_of(text, b, c) else {
                if !c.is_whitespace() {
                    if first {
                        // paragraph does not open with a mark: a pending quotation ends where
                        // its paragraph ended
                        if let Some((s, e)) = pending.take() {
                            out.push(Span::new(s, e));
                        }
                    }
                    first = false;
                }
                continue;
            };
            skip_to = b + len;
            let at_start = first;
            first = false;
            let m = match m {
                Mark::Either if open.is_some() => Mark::Close,
                Mark::Either => Mark::Open,
                m => m,
            };
            match m {
                Mark::Open => {
                    if at_start {
                        if let Some((s, _)) = pending.take() {
                            open = Some(s);
                            continue;
                        }
                    }
                    // an earlier mark in this paragraph that never closed is dropped
                    open = Some(b);
                }
                Mark::Close | Mark::Either => {
                    if let Some(s) = open.take() {
                        out.push(Span::new(s, b + len));
                    }
                }
            }
        }
        if first {
            continue;
        }
        if let Some((s, e)) = pending.take() {
            out.push(Span::new(s, e));
        }
        if let Some(s) = open {
            // left open: keep it only when the quotation opened its paragraph (or continued
            // from an earlier one); otherwise the mark was a stray
            let opened_paragraph = s < p.start
                || text
                    .get(p.start..s)
                    .is_some_and(|pre| pre.trim().is_empty());
            if opened_paragraph {
                pending = Some((s, p.end));
            }
        }
    }
    if let Some((s, e)) = pending {
        out.push(Span::new(s, e));
    }
    out.retain(|s| s.len() > 2);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &str) -> Vec<&str> {
        let ps = dateline_text::paragraphs(t);
        direct_spans(t, &ps)
            .into_iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn straight_and_curly() {
        assert_eq!(
            spans(r#"He said "yes, sir," and “no.”"#),
            vec![r#""yes, sir,""#, "“no.”"]
        );
    }

    #[test]
    fn typewriter_double_apostrophes() {
        assert_eq!(spans("He said ''no way,'' and left."), vec!["''no way,''"]);
        assert_eq!(spans("It's Jones' car."), Vec::<&str>::new());
    }

    #[test]
    fn unbalanced_mark_does_not_swallow_the_rest() {
        let t = "He said \"no and left.\nNext paragraph \"quoted\" here.";
        assert_eq!(spans(t), vec!["\"quoted\""]);
    }

    #[test]
    fn quotation_continues_over_paragraphs() {
        let t = "\"First part.\n\"Second part,\" she said.";
        assert_eq!(spans(t), vec!["\"First part.\n\"Second part,\""]);
    }

    #[test]
    fn open_quoted_paragraph_without_continuation_ends_at_paragraph() {
        let t = "\"First part.\nPlain paragraph.";
        assert_eq!(spans(t), vec!["\"First part."]);
    }
}
