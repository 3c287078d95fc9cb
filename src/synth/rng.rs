//! The generator's PRNG: seeded, portable, one stream per briefing.

/// splitmix64: tiny, fast and good enough for test data. Each briefing gets its own stream.
pub(super) struct Rng(u64);

impl Rng {
    pub(super) fn new(seed: u64, stream: u64) -> Self {
        let mut r = Self(stream);
        let mixed = r.next();
        Self(seed ^ mixed)
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub(super) fn below(&mut self, n: usize) -> usize {
        // Below `n`, so it fits.
        usize::try_from((u128::from(self.next()) * n as u128) >> 64).unwrap_or(0)
    }

    /// Uniform in `lo..=hi`.
    pub(super) fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub(super) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// In `0..n`, strongly biased towards the start (roughly `1/(i+1)`), so that a few
    /// shared actors recur in many briefings, as the UN or the US do. Integers only, so the
    /// output is the same on every platform.
    pub(super) fn skewed(&mut self, n: usize) -> usize {
        let scales = usize::BITS - n.leading_zeros();
        let scale = self.below(scales as usize + 1);
        self.below(n.min(1 << scale))
    }
}
