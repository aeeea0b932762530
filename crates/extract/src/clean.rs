//! Cleaning scraped text: WordPress shortcodes, photo credits, HTML entities and stray markup.
//!
//! The cleaning keeps everything else byte for byte (line breaks included), so that offsets in
//! the clean text stay close to those in the input.
use std::borrow::Cow;

/// Shortcodes whose content is never article text (captions, galleries, embeds).
const JUNK_BLOCKS: &[&str] = &[
    "caption",
    "wp_caption",
    "gallery",
    "embed",
    "video",
    "audio",
    "playlist",
    "tweet",
    "twitter",
    "instagram",
    "youtube",
    "facebook",
    "image",
    "img",
    "photo",
    "ad",
    "ads",
    "adsense",
    "related",
    "vc_single_image",
];

/// Cleans scraped text; returns the input unchanged (borrowed) when there is nothing to do.
pub fn clean_text(s: &str) -> Cow<'_, str> {
    let mut out: Cow<'_, str> = Cow::Borrowed(s);
    if out.contains('[') {
        if let Some(t) = strip_shortcodes(&out) {
            out = Cow::Owned(t);
        }
    }
    if out.contains('<') {
        if let Some(t) = strip_tags(&out) {
            out = Cow::Owned(t);
        }
    }
    if out.contains('&') {
        if let Cow::Owned(t) = html_escape::decode_html_entities(&out) {
            out = Cow::Owned(t);
        }
    }
    if out.contains('(') {
        if let Some(t) = strip_photo_credits(&out) {
            out = Cow::Owned(t);
        }
    }
    if out.contains('\u{a0}') {
        out = Cow::Owned(out.replace('\u{a0}', " "));
    }
    out
}

/// Appends `s[from..to]` to `out`, dropping one space where a removal left two.
fn push_part(out: &mut String, part: &str) {
    if out.ends_with([' ', '\t']) && part.starts_with([' ', '\t']) {
        out.push_str(&part[1..]);
    } else if (out.is_empty() || out.ends_with('\n')) && part.starts_with(' ') {
        out.push_str(part.trim_start_matches(' '));
    } else {
        out.push_str(part);
    }
}

/// A shortcode tag at `s[i..]` (which starts with '['): (name, is_closing, end byte).
fn shortcode_at(s: &str, i: usize) -> Option<(&str, bool, usize)> {
    let rest = s.get(i + 1..)?;
    let (closing, body) = match rest.strip_prefix('/') {
        Some(b) => (true, b),
        None => (false, rest),
    };
    let name_len = body
        .bytes()
        .take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_' || *b == b'-')
        .count();
    if name_len == 0 || name_len > 40 || !body.as_bytes()[0].is_ascii_lowercase() {
        return None;
    }
    let name = &body[..name_len];
    let after = &body[name_len..];
    let close = after.find(']')?;
    if close > 2000 || after[..close].contains(['\n', '[']) {
        return None;
    }
    let attrs = &after[..close];
    // `[caption id="…"]`, `[/caption]`, `[embed]`: a known name, or attributes with `=`
    let known = JUNK_BLOCKS.contains(&name);
    if !(known || closing && attrs.is_empty() || attrs.contains('=') && attrs.starts_with(' ')) {
        return None;
    }
    if !attrs.is_empty() && !attrs.starts_with([' ', '/']) {
        return None;
    }
    let end = i + 1 + usize::from(closing) + name_len + close + 1;
    Some((name, closing, end))
}

fn strip_shortcodes(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut changed = false;
    let mut search = 0;
    while let Some(off) = s.get(search..).and_then(|r| r.find('[')) {
        let i = search + off;
        let Some((name, closing, end)) = shortcode_at(s, i) else {
            search = i + 1;
            continue;
        };
        let mut cut_end = end;
        if !closing && JUNK_BLOCKS.contains(&name) {
            // drop the content up to the matching closing tag, when there is one nearby
            let closer = format!("[/{name}]");
            if let Some(c) = s.get(end..).and_then(|r| r.find(&closer)) {
                if c < 5000 {
                    cut_end = end + c + closer.len();
                }
            }
        }
        push_part(&mut out, &s[last..i]);
        last = cut_end;
        search = cut_end;
        changed = true;
    }
    if !changed {
        return None;
    }
    push_part(&mut out, &s[last..]);
    Some(out)
}

/// Removes things that look like HTML tags or comments (`<p>`, `</a>`, `<br/>`, `<!-- -->`).
fn strip_tags(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut changed = false;
    let mut search = 0;
    while let Some(off) = s.get(search..).and_then(|r| r.find('<')) {
        let i = search + off;
        let rest = &s[i + 1..];
        let end = if rest.starts_with("!--") {
            rest.find("-->").map(|e| i + 1 + e + 3)
        } else {
            let body = rest.strip_prefix('/').unwrap_or(rest);
            let ok = body.as_bytes().first().is_some_and(u8::is_ascii_alphabetic);
            let name_len = body
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric())
                .count();
            let next = body.as_bytes().get(name_len).copied();
            if ok && matches!(next, Some(b'>' | b' ' | b'/' | b'\n' | b'\t')) {
                rest.find('>')
                    .filter(|e| *e < 1000 && !rest[..*e].contains('<'))
                    .map(|e| i + 1 + e + 1)
            } else {
                None
            }
        };
        match end {
            Some(e) => {
                push_part(&mut out, &s[last..i]);
                last = e;
                search = e;
                changed = true;
            }
            None => search = i + 1,
        }
    }
    if !changed {
        return None;
    }
    push_part(&mut out, &s[last..]);
    Some(out)
}

/// Is `inner` (the text between parentheses) a photo credit: "Photo: PTI", "Photo credit:
/// Reuters", "Image: AP", "PTI Photo", "File photo"?
fn is_photo_credit(inner: &str) -> bool {
    if inner.len() > 80 || inner.contains(['(', ')', '\n']) {
        return false;
    }
    // lower-cased on the stack when ASCII (the usual case): `inner` is at most 80 bytes
    let t = inner.trim();
    let mut buf = [0u8; 80];
    let heap: String;
    let l: &str = match buf.get_mut(..t.len()) {
        Some(dst) if t.is_ascii() => {
            for (d, s) in dst.iter_mut().zip(t.bytes()) {
                *d = s.to_ascii_lowercase();
            }
            std::str::from_utf8(dst).unwrap_or_default()
        }
        _ => {
            heap = t.to_lowercase();
            &heap
        }
    };
    const HEADS: &[&str] = &[
        "photo:",
        "photo :",
        "photos:",
        "photo credit",
        "photo courtesy",
        "photograph:",
        "image:",
        "image credit",
        "image courtesy",
        "picture:",
        "pic:",
        "credit:",
        "photo/",
        "foto:",
        "bild:",
        "file photo",
        "representational image",
        "representative image",
    ];
    if HEADS.iter().any(|h| l.starts_with(h)) {
        return true;
    }
    let capitalised = t.chars().next().is_some_and(char::is_uppercase);
    capitalised
        && l.split_whitespace().count() <= 4
        && (l.ends_with(" photo") || l.ends_with(" photos"))
}

fn strip_photo_credits(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    let mut changed = false;
    let mut search = 0;
    while let Some(off) = s.get(search..).and_then(|r| r.find('(')) {
        let i = search + off;
        let Some(close) = s[i + 1..].find(')') else {
            break;
        };
        let inner = &s[i + 1..i + 1 + close];
        let e = i + 1 + close + 1;
        if is_photo_credit(inner) {
            push_part(&mut out, &s[last..i]);
            last = e;
            changed = true;
            search = e;
        } else {
            search = i + 1;
        }
    }
    if !changed {
        return None;
    }
    push_part(&mut out, &s[last..]);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wordpress_caption_and_repeated_credit() {
        let s = "wiped out. [caption id=\"attachment_99598\" align=\"aligncenter\" width=\"700\"](Photo: PTI) (Photo: PTI)[/caption] \"We recognise";
        let c = clean_text(s);
        assert_eq!(c, "wiped out. \"We recognise");
    }

    #[test]
    fn credits_entities_and_tags() {
        assert_eq!(
            clean_text("Delhi (Photo: PTI) (Photo: PTI) said"),
            "Delhi said"
        );
        assert_eq!(clean_text("AT&amp;T&#8217;s <b>deal</b>"), "AT&T’s deal");
        assert_eq!(clean_text("a <!-- x --> b"), "a b");
        assert_eq!(clean_text("x [gallery ids=\"1,2\"] y"), "x y");
        assert_eq!(clean_text("[embed]http://x[/embed]Text"), "Text");
    }

    #[test]
    fn leaves_normal_text_alone() {
        for s in [
            "He said [sic] that 3 < 4 and (maybe) more.",
            "The [Ed.] note (see photo) stays; a<b.",
            "Brackets [1] and [a] stay",
        ] {
            assert_eq!(clean_text(s), s);
        }
    }
}
