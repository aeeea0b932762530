//! Feature hashing: a feature is a template id plus a few byte strings, hashed into a bucket.

/// A small, fast, deterministic 64-bit hasher (FNV-1a over the bytes, finished with a mix).
#[derive(Clone, Copy)]
pub struct FeatHasher(u64, pub u32);

impl FeatHasher {
    #[inline]
    pub fn new(template: u32) -> Self {
        FeatHasher(
            0xcbf2_9ce4_8422_2325 ^ (u64::from(template).wrapping_mul(0x9e37_79b9_7f4a_7c15)),
            template,
        )
    }
    /// Continues from a `state` taken after the same template's first parts.
    #[inline]
    pub fn resume(template: u32, state: u64) -> Self {
        FeatHasher(state, template)
    }
    /// The running state (see `resume`).
    #[inline]
    pub fn state(self) -> u64 {
        self.0
    }
    #[inline]
    pub fn bytes(mut self, b: &[u8]) -> Self {
        let mut h = self.0;
        for &x in b {
            h ^= u64::from(x);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        // separator so ("ab","c") differs from ("a","bc")
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        self.0 = h;
        self
    }
    #[inline]
    pub fn num(mut self, n: u64) -> Self {
        self.0 = mix(self.0 ^ n.wrapping_mul(0xff51_afd7_ed55_8ccd));
        self
    }
    /// The bucket in a table of `1 << bits` entries.
    #[inline]
    pub fn bucket(self, bits: u32) -> u32 {
        (mix(self.0) >> (64 - bits)) as u32
    }
}

#[inline]
fn mix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

/// A seeded xorshift generator for deterministic shuffles and projections.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(mix(seed ^ 0x2545_f491_4f6c_dd1d) | 1)
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// A hash of a sign for random projections: +1 or -1, deterministic in (a, b).
pub fn sign(a: u64, b: u64) -> f32 {
    if mix(a.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b) & 1 == 0 {
        1.0
    } else {
        -1.0
    }
}

/// A fast, deterministic hasher for the string-keyed maps on the tagging path.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0 ^ 0xcbf2_9ce4_8422_2325;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            h = (h ^ u64::from_le_bytes(a))
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29);
        }
        for &b in chunks.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0 ^ u64::from(i)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.0 = (self.0 ^ i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    #[inline]
    fn finish(&self) -> u64 {
        mix(self.0)
    }
}

pub type FastBuild = std::hash::BuildHasherDefault<FastHasher>;
pub type FastMap<K, V> = std::collections::HashMap<K, V, FastBuild>;
pub type FastSet<K> = std::collections::HashSet<K, FastBuild>;
