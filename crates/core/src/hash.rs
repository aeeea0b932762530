//! A fast hash for short word keys, shared by the stages whose dictionaries are probed for
//! nearly every token (actors, events, quotes), where SipHash cost more than the lookup.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// FxHash-style, eight bytes a step. Not DoS-resistant: use it for dictionary tables built
/// from shipped data, not for maps keyed by untrusted input that grow without bound.
#[derive(Debug, Clone, Copy, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    #[inline]
    fn add(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for WordHasher {
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.add(u64::from_le_bytes(a));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut a = [0u8; 8];
            a[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(a) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// The [`BuildHasher`](std::hash::BuildHasher) of [`WordHasher`].
pub type WordBuild = BuildHasherDefault<WordHasher>;
/// A hash map with [`WordHasher`].
pub type WordMap<K, V> = HashMap<K, V, WordBuild>;
/// A hash set with [`WordHasher`].
pub type WordSet<K> = HashSet<K, WordBuild>;

/// A fixed list of words, looked up through a hash set built on first use: membership tests
/// in inner loops without a linear scan, and without building the set per call.
pub struct WordList {
    words: &'static [&'static str],
    set: std::sync::OnceLock<WordSet<&'static str>>,
}

impl WordList {
    pub const fn new(words: &'static [&'static str]) -> WordList {
        WordList {
            words,
            set: std::sync::OnceLock::new(),
        }
    }

    /// Whether `w` is one of the words, as written.
    #[inline]
    pub fn contains(&self, w: &str) -> bool {
        self.set
            .get_or_init(|| self.words.iter().copied().collect())
            .contains(w)
    }

    /// Whether `w`, ASCII-lower-cased, is one of the words, for lists of short lower-case
    /// ASCII words (a non-ASCII word, or one longer than 24 bytes, never is).
    pub fn contains_ascii_lower(&self, w: &str) -> bool {
        let mut buf = [0u8; 24];
        let Some(b) = buf.get_mut(..w.len()) else {
            return false;
        };
        if !w.is_ascii() {
            return false;
        }
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).is_ok_and(|k| self.contains(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tail_length_changes_the_hash() {
        let h = |s: &str| {
            let mut x = WordHasher::default();
            x.write(s.as_bytes());
            x.finish()
        };
        assert_ne!(h("a"), h("a\0"));
        assert_eq!(h("SAID"), h("SAID"));
    }
}
