/// Maps byte offsets in a UTF-8 string to code-point offsets.
///
/// Built once per document; each lookup is a binary search over the positions of multi-byte
/// characters, so ASCII-only text costs nothing.
#[derive(Debug, Clone)]
pub struct CharMap {
    /// (byte offset of a multi-byte char, extra bytes accumulated up to and including it)
    multi: Vec<(usize, usize)>,
    len_bytes: usize,
}

impl CharMap {
    pub fn new(text: &str) -> Self {
        let mut multi = Vec::new();
        if text.is_ascii() {
            return CharMap {
                multi,
                len_bytes: text.len(),
            };
        }
        let mut extra = 0usize;
        for (i, c) in text.char_indices() {
            let l = c.len_utf8();
            if l > 1 {
                extra += l - 1;
                multi.push((i, extra));
            }
        }
        CharMap {
            multi,
            len_bytes: text.len(),
        }
    }

    /// Code-point offset of the byte offset `b` (clamped to the text; a byte inside a
    /// multi-byte character maps to that character's start).
    pub fn char_offset(&self, b: usize) -> usize {
        let b = b.min(self.len_bytes);
        if self.multi.is_empty() {
            return b;
        }
        // number of multi-byte chars that start strictly before b
        let idx = self.multi.partition_point(|&(pos, _)| pos < b);
        if idx == 0 {
            return b;
        }
        let (pos, extra) = self.multi[idx - 1];
        let extra_before = if idx >= 2 { self.multi[idx - 2].1 } else { 0 };
        let char_len = extra - extra_before + 1;
        if b < pos + char_len {
            // b points inside the character that starts at `pos`
            return pos - extra_before;
        }
        b - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_identity() {
        let m = CharMap::new("hello");
        assert_eq!(m.char_offset(0), 0);
        assert_eq!(m.char_offset(5), 5);
        assert_eq!(m.char_offset(9), 5);
    }

    #[test]
    fn multibyte_counts_code_points() {
        let s = "a“b”c é";
        let m = CharMap::new(s);
        for (ci, (bi, _)) in s.char_indices().enumerate() {
            assert_eq!(m.char_offset(bi), ci, "byte {bi}");
        }
        assert_eq!(m.char_offset(s.len()), s.chars().count());
        // inside the 3-byte “ at byte 1
        assert_eq!(m.char_offset(2), 1);
        assert_eq!(m.char_offset(3), 1);
    }
}
