//! Segmentation: paragraphs, sentences and tokens, with byte offsets into the clean text.
//!
//! Sentence splitting knows news abbreviations ("Capt.", "U.S.", "Gen.", "Jan."), initials
//! ("J. R. R."), decimals and quotation marks that close a sentence (`."`).
use dateline_core::{Document, Span, Stage, StageError, Token};

#[derive(Debug, Default)]
pub struct Segmenter;

impl Stage for Segmenter {
    fn name(&self) -> &'static str {
        "text"
    }
    fn process(&self, doc: &mut Document) -> Result<(), StageError> {
        segment(doc);
        Ok(())
    }
}

/// Fills `paragraphs`, `sentences` and `tokens` from `doc.text`.
pub fn segment(doc: &mut Document) {
    let text = doc.text.as_str();
    let paragraphs = paragraphs(text);
    let mut sentences = Vec::with_capacity(text.len() / 64 + 1);
    let mut tokens = Vec::with_capacity(text.len() / 4 + 1);
    let mut chars = Vec::new();
    let mut toks = Vec::new();
    for p in &paragraphs {
        toks.clear();
        tokenize_into(text, *p, &mut chars, &mut toks);
        for s in split_sentences(text, &toks) {
            let si = sentences.len() as u32;
            let span = Span::new(toks[s.0].start, toks[s.1 - 1].end);
            sentences.push(span);
            tokens.extend(toks[s.0..s.1].iter().map(|t| Token {
                span: *t,
                sentence: si,
            }));
        }
    }
    doc.paragraphs = paragraphs;
    doc.sentences = sentences;
    doc.tokens = tokens;
}

/// Paragraphs are separated by line breaks; surrounding whitespace is trimmed from each.
///
/// Hard-wrapped text (wire copy wrapped at ~70 characters, see [`is_hard_wrapped`]) is
/// handled differently: a single line break inside a run of wrapped lines counts as a
/// space, while blank lines, indented lines, bullets and short lines that end a sentence
/// still break paragraphs. The spans always index the original text.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let lines = lines(text);
    let mut out = Vec::new();
    let push = |s: usize, e: usize, out: &mut Vec<Span>| {
        let seg = &text[s..e];
        let lead = seg.len() - seg.trim_start().len();
        let trail = seg.len() - seg.trim_end().len();
        if s + lead < e - trail {
            out.push(Span::new(s + lead, e - trail));
        }
    };
    let Some(wrap) = wrap_profile(text, &lines, text.is_ascii()) else {
        for l in &lines {
            push(l.start, l.end, &mut out);
        }
        return out;
    };
    let mut start: Option<usize> = None;
    for (i, l) in lines.iter().enumerate() {
        let para_start = *start.get_or_insert(l.start);
        let joins = lines
            .get(i + 1)
            .is_some_and(|next| wrap.joins(l.text(text), next.text(text)));
        if !joins {
            push(para_start, l.end, &mut out);
            start = None;
        }
    }
    out
}

/// The lines of `text` (without their `\n`).
fn lines(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        out.push(Span::new(start, i));
        start = i + 1;
    }
    out.push(Span::new(start, text.len()));
    out
}

/// What a hard-wrapped text looks like: its wrap width and left margin (in chars).
#[derive(Clone, Copy, Debug)]
struct Wrap {
    width: usize,
    margin: usize,
    /// The text is ASCII: a line's length in bytes is its length in chars.
    ascii: bool,
}

/// The number of chars of `s`, which is ASCII when `ascii` says so.
fn char_count(s: &str, ascii: bool) -> usize {
    if ascii {
        s.len()
    } else {
        s.chars().count()
    }
}

fn indent(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

fn is_bullet(line: &str) -> bool {
    let t = line.trim_start();
    let mut cs = t.chars();
    match cs.next() {
        Some('-' | '*' | '•' | '·' | '–' | '—' | '>') => {
            cs.next().is_some_and(char::is_whitespace)
        }
        Some(c) if c.is_ascii_digit() => {
            let rest = t.trim_start_matches(|c: char| c.is_ascii_digit());
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', ':', '"', '”', '’', ')', '…'])
}

impl Wrap {
    /// Whether the line break between `line` and `next` is a soft wrap.
    fn joins(&self, line: &str, next: &str) -> bool {
        if is_blank(line) || is_blank(next) || is_bullet(next) {
            return false;
        }
        if indent(next) > self.margin {
            return false;
        }
        let len = char_count(line.trim_end(), self.ascii);
        // a short line that ends a sentence ends its paragraph
        !(ends_sentence(line) && len * 10 < self.width * 8)
    }
}

/// Detects hard-wrapped text: enough lines, most non-final lines of a run close to one
/// width of at most ~100 characters, and line breaks that cut sentences (the next line
/// goes on in lower case). Paragraph-per-line text (news pages, PolNeAR, GeoVirus) has
/// long lines that start upper case and is left alone.
fn wrap_profile(text: &str, lines: &[Span], ascii: bool) -> Option<Wrap> {
    const MAX_WIDTH: usize = 100;
    const MIN_WIDTH: usize = 40;
    let strs: Vec<&str> = lines.iter().map(|l| l.text(text)).collect();
    let mut lens: Vec<usize> = strs
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| char_count(l.trim_end(), ascii))
        .collect();
    if lens.len() < 4 {
        return None;
    }
    lens.sort_unstable();
    // the wrap width: the 90th percentile, so a stray long line does not set it
    let width = *lens.get(lens.len() * 9 / 10)?;
    if !(MIN_WIDTH..=MAX_WIDTH).contains(&width) {
        return None;
    }
    if lens.last().is_some_and(|&m| m > width * 3 / 2 + 10) {
        return None; // some lines are whole paragraphs
    }
    // the usual left margin
    let mut margins: Vec<usize> = strs
        .iter()
        .filter(|l| !is_blank(l))
        .map(|l| indent(l))
        .collect();
    margins.sort_unstable();
    let margin = *margins.get(margins.len() / 2)?;
    // breaks between two non-blank lines whose next line is not indented: most such lines
    // are nearly full, and a fair share of next lines go on in lower case
    let (mut breaks, mut full, mut lower) = (0usize, 0usize, 0usize);
    for w in strs.windows(2) {
        let (a, b) = (w[0], w[1]);
        if is_blank(a) || is_blank(b) || indent(b) > margin {
            continue;
        }
        breaks += 1;
        if char_count(a.trim_end(), ascii) * 10 >= width * 7 {
            full += 1;
        }
        let first = b.trim_start().chars().next().unwrap_or(' ');
        if first.is_lowercase() || first.is_ascii_digit() || matches!(first, ',' | ';' | '(') {
            lower += 1;
        }
    }
    (breaks >= 3 && full * 10 >= breaks * 6 && lower * 5 >= breaks).then_some(Wrap {
        width,
        margin,
        ascii,
    })
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Space,
    Alnum,
    Other,
}

fn class(c: char) -> Class {
    if c.is_whitespace() {
        Class::Space
    } else if c.is_alphanumeric() {
        Class::Alnum
    } else {
        Class::Other
    }
}

/// Tokenizes `span` of `text`: words (with inner hyphens, apostrophes, periods of
/// abbreviations), numbers (with inner `.`, `,`), clitics ("'s", "n't") and single
/// punctuation marks.
pub fn tokenize(text: &str, span: Span) -> Vec<Span> {
    let mut out = Vec::new();
    tokenize_into(text, span, &mut Vec::new(), &mut out);
    out
}

/// The characters of a paragraph by index, with their byte offsets.
trait CharSeq {
    /// Number of characters.
    fn n(&self) -> usize;
    /// Character `i` (`i < n`).
    fn ch(&self, i: usize) -> char;
    /// Byte offset of character `i`; the paragraph's length from `n` on.
    fn pos(&self, i: usize) -> usize;
}

/// An ASCII paragraph: its bytes are its characters, no decoding needed.
struct AsciiSeq<'a>(&'a [u8]);

impl CharSeq for AsciiSeq<'_> {
    fn n(&self) -> usize {
        self.0.len()
    }
    fn ch(&self, i: usize) -> char {
        char::from(self.0[i])
    }
    fn pos(&self, i: usize) -> usize {
        i.min(self.0.len())
    }
}

/// Any other paragraph, decoded once into (byte offset, char) pairs.
struct Decoded<'a> {
    chars: &'a [(usize, char)],
    len: usize,
}

impl CharSeq for Decoded<'_> {
    fn n(&self) -> usize {
        self.chars.len()
    }
    fn ch(&self, i: usize) -> char {
        self.chars[i].1
    }
    fn pos(&self, i: usize) -> usize {
        self.chars.get(i).map_or(self.len, |c| c.0)
    }
}

/// [`tokenize`] appending to `out`, with `chars` as scratch space (reused across calls).
fn tokenize_into(text: &str, span: Span, chars: &mut Vec<(usize, char)>, out: &mut Vec<Span>) {
    let s = &text[span.start..span.end];
    out.reserve(s.len() / 4 + 1);
    if s.is_ascii() {
        tokenize_seq(s, span.start, &AsciiSeq(s.as_bytes()), out);
        return;
    }
    chars.clear();
    chars.reserve(s.len());
    chars.extend(s.char_indices());
    let seq = Decoded {
        chars,
        len: s.len(),
    };
    tokenize_seq(s, span.start, &seq, out);
}

/// The tokenizer proper over the characters `cs` of `s`, which starts at byte `base`.
fn tokenize_seq<C: CharSeq>(s: &str, base: usize, cs: &C, out: &mut Vec<Span>) {
    let span = Span::new(base, base + s.len());
    let n = cs.n();
    let at = |i: usize| if i < n { Some(cs.ch(i)) } else { None };
    let pos = |i: usize| cs.pos(i);
    let mut i = 0;
    while i < n {
        let c = cs.ch(i);
        match class(c) {
            Class::Space => i += 1,
            Class::Other => {
                // "..." as one token
                let mut j = i + 1;
                if c == '.' {
                    while at(j) == Some('.') {
                        j += 1;
                    }
                }
                out.push(Span::new(span.start + pos(i), span.start + pos(j)));
                i = j;
            }
            Class::Alnum => {
                let mut j = i + 1;
                loop {
                    match at(j) {
                        Some(c2) if c2.is_alphanumeric() => j += 1,
                        // inner joiners: 3.5, 1,000, U.S, co-op, O'Neil, AT&T
                        Some(c2)
                            if matches!(c2, '.' | ',' | '-' | '\'' | '’' | '&' | '/' | '_')
                                && at(j + 1).is_some_and(|c3| c3.is_alphanumeric()) =>
                        {
                            let prev = cs.ch(j - 1);
                            let next = cs.ch(j + 1);
                            let ok = match c2 {
                                ',' => prev.is_ascii_digit() && next.is_ascii_digit(),
                                '.' => {
                                    (prev.is_ascii_digit() && next.is_ascii_digit())
                                        || (is_single_letter_run(cs, j) && next.is_alphabetic())
                                }
                                '\'' | '’' => {
                                    // keep O'Neil together; split clitics below
                                    !is_clitic_at(cs, j + 1)
                                }
                                '/' => prev.is_ascii_digit() && next.is_ascii_digit(),
                                _ => true,
                            };
                            if ok {
                                j += 2;
                            } else {
                                break;
                            }
                        }
                        _ => break,
                    }
                }
                // "n't": split "didn't" -> "did" "n't"
                let word = &s[pos(i)..pos(j)];
                let mut end = j;
                if word.len() > 3 && (word.ends_with("n't") || word.ends_with("n’t")) {
                    let cut =
                        word.len() - "n't".len() - if word.ends_with("n’t") { 2 } else { 0 };
                    out.push(Span::new(span.start + pos(i), span.start + pos(i) + cut));
                    out.push(Span::new(span.start + pos(i) + cut, span.start + pos(j)));
                    i = j;
                    continue;
                }
                // abbreviation or initial: attach the trailing period ("U.S.", "Capt.", "J.")
                if at(end) == Some('.') && takes_period(word) {
                    end += 1;
                }
                out.push(Span::new(span.start + pos(i), span.start + pos(end)));
                i = end;
                // clitic: 's 're ...
                if matches!(at(i), Some('\'') | Some('’')) && is_clitic_at(cs, i + 1) {
                    let mut k = i + 1;
                    while at(k).is_some_and(|c| c.is_alphabetic()) {
                        k += 1;
                    }
                    out.push(Span::new(span.start + pos(i), span.start + pos(k)));
                    i = k;
                }
            }
        }
    }
}

fn is_single_letter_run<C: CharSeq>(cs: &C, dot: usize) -> bool {
    // the letter before the dot stands alone (start, or preceded by another '.')
    dot >= 1 && cs.ch(dot - 1).is_alphabetic() && (dot < 2 || !cs.ch(dot - 2).is_alphanumeric())
}

fn is_clitic_at<C: CharSeq>(cs: &C, i: usize) -> bool {
    // the run of letters from `i`, lower-cased: "s", "re", "ll", "ve", "d" or "m"
    let mut w = [' '; 2];
    let mut n = 0;
    for c in (i..cs.n()).map(|k| cs.ch(k)) {
        if !c.is_alphabetic() {
            break;
        }
        if n == 2 {
            return false;
        }
        w[n] = c.to_ascii_lowercase();
        n += 1;
    }
    matches!(
        (n, w),
        (1, ['s' | 'd' | 'm', _]) | (2, ['r', 'e'] | ['l', 'l'] | ['v', 'e'])
    )
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "capt", "col", "gen", "lt",
    "maj", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "gov", "sen", "rep", "rev", "hon", "pres",
    "supt", "insp", "det", "atty", "amb", "brig", "cmdt", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs",
    "fri", "sat", "sun", "inc", "corp", "co", "ltd", "bros", "no", "nos", "vol", "vs", "etc", "al",
    "approx", "dept", "est", "fig", "govt", "univ", "assn", "ave", "blvd", "rd", "ala", "ariz",
    "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la", "md",
    "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn", "tex",
    "va", "vt", "wash", "wis", "wyo", "e.g", "i.e", "op", "cf", "p", "pp", "spc", "gens", "sens",
    "reps", "messrs", "msgr", "rt", "dist", "mssrs",
];

fn takes_period(word: &str) -> bool {
    if word.chars().count() == 1 && word.chars().all(|c| c.is_alphabetic()) {
        return true; // initials
    }
    if word.contains('.') && word.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true; // U.S, e.g
    }
    let mut buf = [0u8; 8];
    ascii_lower(word, &mut buf).is_some_and(|w| ABBREVIATIONS.contains(&w))
}

/// `word.to_ascii_lowercase()` in `buf`, or `None` when it is longer than `buf` (longer than
/// any abbreviation this module knows).
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 8]) -> Option<&'b str> {
    let dst = buf.get_mut(..word.len())?;
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    // only ASCII bytes changed, so the bytes are still the UTF-8 of a lower-cased `word`
    std::str::from_utf8(dst).ok()
}

/// Abbreviations that usually do not end a sentence even before a capitalised word.
fn is_title_abbrev(word: &str) -> bool {
    let mut buf = [0u8; 8];
    // longer words are neither listed nor single letters
    let Some(w) = ascii_lower(word.trim_end_matches('.'), &mut buf) else {
        return false;
    };
    matches!(
        w,
        "mr" | "mrs"
            | "ms"
            | "dr"
            | "prof"
            | "capt"
            | "col"
            | "gen"
            | "lt"
            | "maj"
            | "sgt"
            | "cpl"
            | "pvt"
            | "adm"
            | "cmdr"
            | "cdr"
            | "gov"
            | "sen"
            | "rep"
            | "rev"
            | "hon"
            | "pres"
            | "supt"
            | "insp"
            | "det"
            | "atty"
            | "amb"
            | "brig"
            | "st"
            | "mt"
            | "ft"
            | "no"
            | "nos"
            | "vs"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "e.g"
            | "i.e"
            | "cf"
            | "op"
            | "p"
            | "pp"
            | "al"
            | "spc"
            | "gens"
            | "sens"
            | "reps"
            | "messrs"
            | "msgr"
            | "rt"
            | "dist"
    ) || (w.chars().count() == 1 && w.chars().all(|c| c.is_alphabetic()))
}

/// Words that usually open a sentence (so an acronym before them ends one).
fn is_sentence_opener(w: &str) -> bool {
    matches!(
        w,
        "The"
            | "A"
            | "An"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "You"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "As"
            | "For"
            | "If"
            | "When"
            | "While"
            | "After"
            | "Before"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "There"
            | "His"
            | "Her"
            | "Their"
            | "Its"
            | "Our"
            | "Some"
            | "Many"
            | "Most"
            | "Other"
            | "Meanwhile"
            | "However"
            | "Still"
            | "Yet"
            | "So"
            | "Then"
            | "Now"
            | "Since"
            | "Although"
            | "Though"
            | "Officials"
            | "Earlier"
            | "Later"
            | "Last"
            | "No"
            | "Not"
            | "What"
            | "Why"
            | "How"
            | "Who"
            | "Where"
            | "Asked"
            | "According"
            | "Under"
            | "With"
            | "By"
            | "From"
            | "To"
            | "Also"
    )
}

fn is_closer(s: &str) -> bool {
    matches!(s, "\"" | "”" | "’" | "'" | ")" | "]" | "»")
}

/// Splits a paragraph's tokens into sentences: returns `[start, end)` token index ranges.
pub fn split_sentences(text: &str, toks: &[Span]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let n = toks.len();
    let mut i = 0;
    while i < n {
        let t = toks[i].text(text);
        let mut boundary = false;
        let mut end = i + 1;
        if matches!(t, "." | "!" | "?" | "..." | "…") || (t.ends_with('.') && t.len() > 1) {
            // absorb closing quotes/brackets: said." / (sic).)
            while end < n && is_closer(toks[end].text(text)) && toks[end].start == toks[end - 1].end
            {
                end += 1;
            }
            let next = toks.get(end).map(|t| t.text(text));
            boundary = match next {
                None => true,
                Some(nx) => {
                    let first = nx.chars().next().unwrap_or(' ');
                    let starts_upper = first.is_uppercase()
                        || first.is_ascii_digit()
                        || matches!(nx, "\"" | "“" | "‘" | "'" | "(" | "[" | "-" | "—");
                    if t.len() > 1 && t.ends_with('.') {
                        // "U.S." or "Capt." — a sentence ends here only before a capital
                        // that does not look like a continued name, and never after titles.
                        let word = t;
                        if is_title_abbrev(word) {
                            false
                        } else if word.matches('.').count() >= 2 {
                            // "U.S. officials" goes on; "in the U.S. He left" ends. After an
                            // acronym only a word that usually opens a sentence starts one.
                            is_sentence_opener(nx)
                                || matches!(nx, "\"" | "“" | "‘" | "(" | "-" | "—")
                        } else {
                            starts_upper && !nx.ends_with('.')
                        }
                    } else {
                        starts_upper || !first.is_alphanumeric() && !matches!(nx, "," | ";" | ":")
                    }
                }
            };
        }
        if boundary {
            out.push((start, end));
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < n {
        out.push((start, n));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s, Span::new(0, s.len()))
            .iter()
            .map(|t| t.text(s))
            .collect()
    }

    fn sents(s: &str) -> Vec<String> {
        let mut d = Document::from_text("t", s);
        d.text = s.to_string();
        segment(&mut d);
        d.sentences
            .iter()
            .map(|sp| sp.text(s).to_string())
            .collect()
    }

    #[test]
    fn tokens_split_punctuation_and_clitics() {
        assert_eq!(
            toks("\"We don't,\" Aziz's aide said: $4.5bn in 2015."),
            vec![
                "\"", "We", "do", "n't", ",", "\"", "Aziz", "'s", "aide", "said", ":", "$",
                "4.5bn", "in", "2015", "."
            ]
        );
        assert_eq!(
            toks("U.S. forces, co-op 1,000"),
            vec!["U.S.", "forces", ",", "co-op", "1,000"]
        );
        assert_eq!(toks("O'Neil"), vec!["O'Neil"]);
        // regression: "U.S." inside a sentence was split into "U." "S."
        assert_eq!(toks("in the U.S. Army"), vec!["in", "the", "U.S.", "Army"]);
    }

    #[test]
    fn ascii_and_decoded_paths_tokenize_alike() {
        let s = "\"We don't,\" Aziz's aide said: $4.5bn in 2015. U.S. co-op 1,000 J. R. O'Neil ... p.m. They're x";
        let mut ascii = Vec::new();
        tokenize_seq(s, 3, &AsciiSeq(s.as_bytes()), &mut ascii);
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        let mut decoded = Vec::new();
        let seq = Decoded {
            chars: &chars,
            len: s.len(),
        };
        tokenize_seq(s, 3, &seq, &mut decoded);
        assert_eq!(ascii, decoded);
        assert_eq!(ascii.len(), toks(s).len());
    }

    #[test]
    fn clitics_are_whole_letter_runs() {
        // only a run of exactly "s", "re", "ll", "ve", "d" or "m" (any case) splits off
        assert_eq!(
            toks("They're rock'n he'dd I'M we'lll O'Neil"),
            vec!["They", "'re", "rock'n", "he'dd", "I", "'M", "we'lll", "O'Neil"]
        );
    }

    #[test]
    fn abbreviations_do_not_split_sentences() {
        assert_eq!(
            sents("Capt. Jeff Davis spoke in the U.S. on Jan. 5. He left."),
            vec!["Capt. Jeff Davis spoke in the U.S. on Jan. 5.", "He left."]
        );
        assert_eq!(
            sents("J. R. Smith said so. Then he went."),
            vec!["J. R. Smith said so.", "Then he went."]
        );
    }

    #[test]
    fn acronyms_end_sentences_only_before_openers() {
        assert_eq!(
            sents("U.S. officials met U.N. envoys in the U.S. He left. Gen. Raheel Sharif spoke."),
            vec![
                "U.S. officials met U.N. envoys in the U.S.",
                "He left.",
                "Gen. Raheel Sharif spoke."
            ]
        );
        assert_eq!(
            sents("Lt. Gen. Smith and Sgt. Maj. Jones met Mr. J. K. Rowling at 5 p.m. Tuesday."),
            vec!["Lt. Gen. Smith and Sgt. Maj. Jones met Mr. J. K. Rowling at 5 p.m. Tuesday."]
        );
        assert_eq!(
            sents("The deal closed on Jan. 5 in Washington, D.C. The firm, Acme Inc., won."),
            vec![
                "The deal closed on Jan. 5 in Washington, D.C.",
                "The firm, Acme Inc., won."
            ]
        );
    }

    #[test]
    fn closing_quote_stays_with_sentence() {
        assert_eq!(
            sents("\"It is over.\" Aziz said. \"Yes!\" he added"),
            vec!["\"It is over.\"", "Aziz said.", "\"Yes!\" he added"]
        );
    }

    #[test]
    fn paragraphs_and_sentence_tokens() {
        let s = "First para. Two.\n\nSecond para.";
        let mut d = Document::from_text("t", s);
        d.text = s.into();
        segment(&mut d);
        assert_eq!(d.paragraphs.len(), 2);
        assert_eq!(d.sentences.len(), 3);
        assert_eq!(d.sentence_tokens(2).len(), 3);
    }

    #[test]
    fn hard_wrapped_lines_join_into_paragraphs() {
        let s = "Showers continued throughout the week in\nthe Bahia cocoa zone, alleviating the drought since early\nJanuary and improving prospects for the coming temporao,\nalthough normal humidity levels have not been restored,\nComissaria Smith said in its weekly review.\n    The dry period means the temporao will be late this year.\n    Arrivals for the week ended February 22 were 155,221 bags\nof 60 kilos making a cumulative total for the season of 5.93\nmln against 5.81 at the same stage last year.\n\n Reuter";
        let mut d = Document::from_text("t", s);
        d.text = s.into();
        segment(&mut d);
        let paras: Vec<&str> = d.paragraphs.iter().map(|p| p.text(s)).collect();
        assert_eq!(paras.len(), 4, "{paras:?}");
        assert!(paras[0].starts_with("Showers") && paras[0].ends_with("weekly review."));
        assert_eq!(
            paras[1],
            "The dry period means the temporao will be late this year."
        );
        assert!(paras[2].starts_with("Arrivals") && paras[2].ends_with("last year."));
        assert_eq!(paras[3], "Reuter");
        let sents: Vec<&str> = d.sentences.iter().map(|p| p.text(s)).collect();
        assert_eq!(sents.len(), 4, "{sents:?}");
        assert!(sents[0].contains("early\nJanuary"));
    }

    #[test]
    fn paragraph_per_line_text_is_not_treated_as_wrapped() {
        let s = "The minister said the talks had failed and would not resume this year at all.\nHe left.\nOfficials in the capital declined to comment on the report on Tuesday night.\nThe opposition called for an inquiry into the matter and for new elections soon.\nNo date was set.";
        let ps = paragraphs(s);
        assert_eq!(ps.len(), 5);
    }

    #[test]
    fn short_wrapped_text_with_bullets_keeps_bullets_apart() {
        let s = "The company said on Monday that it would cut about 1,200 jobs\nacross its plants in the region, citing weak demand for its\nproducts and rising costs of raw materials and energy this year.\n- first item of the list\n- second item of the list";
        let ps: Vec<&str> = paragraphs(s).iter().map(|p| p.text(s)).collect();
        assert_eq!(ps.len(), 3, "{ps:?}");
    }

    #[test]
    fn unicode_text_is_safe() {
        let s = "Zoë said “ça va” — 東京 is big…  Ok.";
        let mut d = Document::from_text("t", s);
        d.text = s.into();
        segment(&mut d);
        for t in &d.tokens {
            assert!(s.is_char_boundary(t.span.start) && s.is_char_boundary(t.span.end));
        }
    }
}
