//! Word-level text handling shared by the stance model, claim extraction and clustering:
//! tokenising, a light suffix stemmer, stop words and the cue lexicons.

/// A fast, non-cryptographic hasher (FxHash) for the many small string maps of the features.
#[derive(Default, Clone, Copy)]
pub struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self.add(u64::from_le_bytes(b));
        }
        for &b in chunks.remainder() {
            self.add(u64::from(b));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

impl Fx {
    #[inline]
    fn add(&mut self, w: u64) {
        self.0 = (self.0.rotate_left(5) ^ w).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

pub type FxBuild = std::hash::BuildHasherDefault<Fx>;
pub type FxMap<K, V> = std::collections::HashMap<K, V, FxBuild>;
pub type FxSet<K> = std::collections::HashSet<K, FxBuild>;

/// A word of the input, lower-cased, with whether it was capitalised and where it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub lower: String,
    pub capital: bool,
    pub number: bool,
    /// Byte offset of the word in the text it came from.
    pub start: usize,
}

/// Split `text` into words: runs of alphanumerics (apostrophes inside a word are kept so that
/// "didn't" stays one word). Numbers keep inner `.`/`,` ("3.5", "1,000").
pub fn words(text: &str) -> Vec<Word> {
    words_ref(text)
        .into_iter()
        .map(|w| Word {
            lower: w.lower.into_owned(),
            capital: w.capital,
            number: w.number,
            start: w.start,
        })
        .collect()
}

/// A word of the input as [`words`] gives it, borrowing the text where its lower-cased form
/// is the text itself (most words): no allocation per word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordRef<'a> {
    pub lower: std::borrow::Cow<'a, str>,
    pub capital: bool,
    pub number: bool,
    /// Byte offset of the word in the text it came from.
    pub start: usize,
}

impl WordRef<'_> {
    /// The lower-cased word.
    #[inline]
    pub fn l(&self) -> &str {
        &self.lower
    }
}

/// [`words`] without an allocation per word: the same words, offsets and flags.
pub fn words_ref(text: &str) -> Vec<WordRef<'_>> {
    if text.is_ascii() {
        return words_ref_ascii(text);
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut start = 0usize;
    let mut end = 0usize;
    let mut capital = false;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let inner_punct = (c == '\'' || c == '’') && !cur.is_empty();
        let num_punct = (c == '.' || c == ',')
            && !cur.is_empty()
            && cur
                .bytes()
                .all(|d| d.is_ascii_digit() || d == b',' || d == b'.')
            && chars.peek().is_some_and(|(_, n)| n.is_ascii_digit());
        if c.is_alphanumeric() || num_punct {
            if cur.is_empty() {
                start = i;
                capital = c.is_uppercase();
            }
            if c.is_ascii() {
                cur.push(c.to_ascii_lowercase());
            } else {
                cur.extend(c.to_lowercase());
            }
            end = i + c.len_utf8();
        } else if inner_punct && chars.peek().is_some_and(|(_, n)| n.is_alphabetic()) {
            cur.push('\'');
            end = i + c.len_utf8();
        } else if !cur.is_empty() {
            push_word_ref(text, &mut out, &mut cur, (start, end), capital);
        }
    }
    if !cur.is_empty() {
        push_word_ref(text, &mut out, &mut cur, (start, end), capital);
    }
    out
}

/// [`words_ref`] over ASCII text, byte by byte: the same rules, lower-casing only words
/// that have a capital.
fn words_ref_ascii(text: &str) -> Vec<WordRef<'_>> {
    words_ref_ascii_with(text, None)
}

/// [`words_ref`] of `text` given `lower`, the same text ASCII-lower-cased (same length, e.g.
/// a slice of a document lower-cased once with [`str::to_ascii_lowercase`]): the words borrow
/// their lower-cased forms from `lower` instead of allocating one per capitalised word.
/// Falls back to [`words_ref`] when `text` is not ASCII or `lower` does not match it in length.
pub fn words_ref_lowered<'a>(text: &'a str, lower: &'a str) -> Vec<WordRef<'a>> {
    if text.is_ascii() && lower.len() == text.len() {
        words_ref_ascii_with(text, Some(lower))
    } else {
        words_ref(text)
    }
}

fn words_ref_ascii_with<'a>(text: &'a str, lowered: Option<&'a str>) -> Vec<WordRef<'a>> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 5);
    let mut i = 0usize;
    while i < b.len() {
        if !b[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        let mut upper = false;
        // All digits, ',' and '.' so far (a number may keep inner '.' and ',').
        let mut numeric = true;
        while let Some(&c) = b.get(i) {
            if c.is_ascii_alphanumeric() {
                upper |= c.is_ascii_uppercase();
                numeric &= c.is_ascii_digit();
                i += 1;
            } else if (c == b'.' || c == b',')
                && numeric
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
            } else if c == b'\'' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                numeric = false;
                i += 1;
            } else {
                break;
            }
        }
        let raw = text.get(start..i).unwrap_or("");
        let lower = if !upper {
            std::borrow::Cow::Borrowed(raw)
        } else if let Some(l) = lowered.and_then(|l| l.get(start..i)) {
            std::borrow::Cow::Borrowed(l)
        } else {
            std::borrow::Cow::Owned(raw.to_ascii_lowercase())
        };
        out.push(WordRef {
            lower,
            capital: b[start].is_ascii_uppercase(),
            number: b[start].is_ascii_digit(),
            start,
        });
    }
    out
}

fn push_word_ref<'a>(
    text: &'a str,
    out: &mut Vec<WordRef<'a>>,
    cur: &mut String,
    (start, end): (usize, usize),
    capital: bool,
) {
    let number = cur.chars().next().is_some_and(|c| c.is_ascii_digit());
    let lower = match text.get(start..end) {
        Some(raw) if raw == cur.as_str() => std::borrow::Cow::Borrowed(raw),
        _ => std::borrow::Cow::Owned(cur.clone()),
    };
    cur.clear();
    out.push(WordRef {
        lower,
        capital,
        number,
        start,
    });
}

/// A light English suffix stemmer: enough to match "dismantled"/"dismantling"/"dismantles".
pub fn stem(w: &str) -> String {
    let w = w.strip_suffix("'s").unwrap_or(w);
    if w.len() <= 3 || !w.is_ascii() {
        return w.to_string();
    }
    const RULES: &[(&str, &str)] = &[
        ("ational", "ate"),
        ("ization", "ize"),
        ("iveness", "ive"),
        ("fulness", "ful"),
        ("ousness", "ous"),
        ("nesses", ""),
        ("ments", "ment"),
        ("ingly", ""),
        ("ities", "ity"),
        ("ies", "y"),
        ("ied", "y"),
        ("sses", "ss"),
        ("ings", ""),
        ("ing", ""),
        ("edly", ""),
        ("ed", ""),
        ("ly", ""),
        ("es", ""),
        ("s", ""),
    ];
    for (suf, rep) in RULES {
        if let Some(base) = w.strip_suffix(suf) {
            if base.len() >= 3 && !(suf == &"s" && (base.ends_with('s') || base.ends_with('u'))) {
                let mut s = format!("{base}{rep}");
                // "dismantl" / "dismantle" → same key: drop a trailing 'e'.
                if s.len() > 4 && s.ends_with('e') {
                    s.pop();
                }
                // "stopp" → "stop"
                let b = s.as_bytes();
                if b.len() > 4
                    && b[b.len() - 1] == b[b.len() - 2]
                    && !matches!(b[b.len() - 1], b'l' | b's' | b'z')
                {
                    s.pop();
                }
                return s;
            }
        }
    }
    let mut s = w.to_string();
    if s.len() > 4 && s.ends_with('e') {
        s.pop();
    }
    s
}

/// A stop word: one hash probe in a set built once from [`STOP`] (a binary search over the
/// list cost several string comparisons per word, and this is asked of nearly every word).
pub fn is_stop(w: &str) -> bool {
    static SET: std::sync::OnceLock<FxSet<&'static str>> = std::sync::OnceLock::new();
    // no stop word is longer than ten bytes: most words need no probe
    w.len() <= STOP_MAX_LEN
        && SET
            .get_or_init(|| STOP.iter().copied().collect())
            .contains(w)
}

/// The length of the longest stop word (checked by a test).
const STOP_MAX_LEN: usize = 10;

/// Negation words (and any word ending in "n't").
pub fn is_negation(w: &str) -> bool {
    w.ends_with("n't")
        || matches!(
            w,
            "cannot"
                | "neither"
                | "never"
                | "no"
                | "nobody"
                | "none"
                | "nor"
                | "not"
                | "nothing"
                | "nowhere"
                | "without"
        )
}

pub fn is_refute(w: &str) -> bool {
    REFUTE.binary_search(&w).is_ok()
}

pub fn is_hedge(w: &str) -> bool {
    HEDGE.binary_search(&w).is_ok()
}

pub fn is_support(w: &str) -> bool {
    SUPPORT.binary_search(&w).is_ok()
}

pub fn is_report(w: &str) -> bool {
    REPORT.binary_search(&w).is_ok()
}

// All lists sorted (checked by a test) for binary search.
const STOP: &[&str] = &[
    "a",
    "about",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "been",
    "before",
    "being",
    "between",
    "both",
    "but",
    "by",
    "can",
    "did",
    "do",
    "does",
    "doing",
    "during",
    "each",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "in",
    "into",
    "is",
    "it",
    "it's",
    "its",
    "itself",
    "just",
    "me",
    "more",
    "most",
    "my",
    "myself",
    "now",
    "of",
    "off",
    "on",
    "once",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "ourselves",
    "out",
    "over",
    "own",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
];

/// The negation words [`is_negation`] matches (kept as a list for its test).
#[cfg_attr(not(test), allow(dead_code))]
const NEGATION: &[&str] = &[
    "cannot", "neither", "never", "no", "nobody", "none", "nor", "not", "nothing", "nowhere",
    "without",
];

const REFUTE: &[&str] = &[
    "baseless",
    "bogus",
    "debunk",
    "debunked",
    "debunks",
    "denial",
    "denied",
    "denies",
    "deny",
    "denying",
    "despite",
    "dismissed",
    "doubt",
    "doubts",
    "fabricated",
    "fake",
    "faked",
    "false",
    "falsely",
    "fraud",
    "hoax",
    "hoaxes",
    "incorrect",
    "lie",
    "lies",
    "misleading",
    "myth",
    "nope",
    "photoshopped",
    "prank",
    "refute",
    "refuted",
    "refutes",
    "retract",
    "retracted",
    "retraction",
    "satire",
    "satirical",
    "scam",
    "untrue",
    "wrong",
];

const HEDGE: &[&str] = &[
    "alleged",
    "allegedly",
    "apparently",
    "appears",
    "believed",
    "claim",
    "claimed",
    "claiming",
    "claims",
    "could",
    "if",
    "likely",
    "may",
    "might",
    "perhaps",
    "possibly",
    "probably",
    "purported",
    "purportedly",
    "reportedly",
    "rumor",
    "rumored",
    "rumors",
    "rumour",
    "rumours",
    "seem",
    "seemed",
    "seems",
    "speculation",
    "suggest",
    "suggested",
    "suggests",
    "supposedly",
    "unclear",
    "unconfirmed",
    "unverified",
    "whether",
];

const SUPPORT: &[&str] = &[
    "actually",
    "announced",
    "confirm",
    "confirmed",
    "confirming",
    "confirms",
    "evidence",
    "indeed",
    "official",
    "officially",
    "proof",
    "proved",
    "proven",
    "revealed",
    "reveals",
    "showed",
    "shows",
    "true",
    "verified",
];

const REPORT: &[&str] = &[
    "according",
    "report",
    "reported",
    "reporting",
    "reports",
    "said",
    "say",
    "says",
    "source",
    "sources",
    "told",
    "wrote",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for l in [STOP, NEGATION, REFUTE, HEDGE, SUPPORT, REPORT] {
            let mut s = l.to_vec();
            s.sort_unstable();
            assert_eq!(s, l.to_vec());
        }
    }

    #[test]
    fn fast_lookups_are_the_lists() {
        assert_eq!(STOP.iter().map(|w| w.len()).max(), Some(STOP_MAX_LEN));
        for w in STOP {
            assert!(is_stop(w), "{w}");
        }
        for w in NEGATION {
            assert!(is_negation(w), "{w}");
        }
        for w in ["said", "", "themselvesx", "nota", "didn't"] {
            assert_eq!(is_stop(w), STOP.binary_search(&w).is_ok(), "{w}");
            assert_eq!(
                is_negation(w),
                w.ends_with("n't") || NEGATION.binary_search(&w).is_ok(),
                "{w}"
            );
        }
    }

    #[test]
    fn lowered_words_are_the_same_words() {
        for t in [
            "It didn't cost $1,000.50, Mr. O'Neil said.",
            "ACME Corp's Q3 EPS rose to 1.05 dlrs...1,2,3. 4.,5 ,7 .8 end.",
            "Net 1,000.50 vs 3.5.6 a,1 1,a 'tis rock'n'roll don't' O'Neil's 12'3 x'",
            "ÉCOLE Straße İstanbul",
            "",
        ] {
            let l = t.to_ascii_lowercase();
            assert_eq!(words_ref_lowered(t, &l), words_ref(t), "{t}");
        }
    }

    #[test]
    fn tokenises_contractions_and_numbers() {
        let w: Vec<String> = words("It didn't cost $1,000.50, Mr. O’Neil said.")
            .into_iter()
            .map(|w| w.lower)
            .collect();
        assert_eq!(
            w,
            vec!["it", "didn't", "cost", "1,000.50", "mr", "o'neil", "said"]
        );
        assert!(is_negation("didn't"));
    }

    #[test]
    fn words_ref_gives_the_same_words() {
        for t in [
            "It didn't cost $1,000.50, Mr. O’Neil said.",
            "ÉCOLE Straße İstanbul 3.5 1,000 x.1 a'b ’s K-9 “quoted” 12,a",
            "",
            "'s claim that. by that that ’s “”",
            "Net 1,000.50 vs 3.5.6 a,1 1,a 'tis rock'n'roll don't' O'Neil's 12'3 x'",
            "ACME Corp's Q3 EPS rose to 1.05 dlrs...1,2,3. 4.,5 ,7 .8 end.",
        ] {
            let a = words(t);
            let b = words_ref(t);
            assert_eq!(a.len(), b.len(), "{t}");
            for (x, y) in a.iter().zip(&b) {
                assert_eq!(x.lower, y.lower.as_ref(), "{t}");
                assert_eq!(
                    (x.capital, x.number, x.start),
                    (y.capital, y.number, y.start)
                );
            }
        }
    }

    #[test]
    fn stems_inflections_together() {
        assert_eq!(stem("dismantled"), stem("dismantling"));
        assert_eq!(stem("dismantled"), stem("dismantle"));
        assert_eq!(stem("networks"), stem("network"));
        assert_eq!(stem("stopped"), stem("stop"));
        assert_eq!(stem("threats"), "threat");
    }
}
