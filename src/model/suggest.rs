//! "Did you mean …?" suggestions, with bounded work.
//!
//! A suggestion compares the wrong word with candidates by edit distance, which costs the
//! product of their lengths. [`Suggester`] keeps that linear in practice: it only compares
//! candidates of a plausible length, remembers answers for words it has seen, refuses words
//! too long to be typos, and stops suggesting once a per-file budget of work is spent.

use std::collections::HashMap;

/// Words longer than this (in characters) get no suggestion: no one mistypes a 65-character
/// id into another one, and edit distance on long strings is costly.
pub const MAX_WORD_CHARS: usize = 64;

/// The largest edit distance accepted for a candidate of `len` characters.
fn max_distance(len: usize) -> usize {
    (len.max(3) / 3).max(2)
}

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    if wrong.chars().count() > MAX_WORD_CHARS {
        return None;
    }
    let wrong = wrong.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&wrong, &c.to_lowercase()), c))
        .filter(|(d, c)| *d > 0 && *d <= max_distance(c.chars().count()))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// Suggestions from one set of candidates, for many wrong words, within a budget.
pub struct Suggester {
    /// (length in chars, lowercased, original), sorted by length.
    candidates: Vec<(usize, String, String)>,
    seen: HashMap<String, Option<usize>>,
    budget: u64,
    /// Work done so far: edit-distance cells computed.
    pub work: u64,
}

impl Suggester {
    /// Work allowed per suggester: about a hundred thousand comparisons of short ids.
    pub const BUDGET: u64 = 20_000_000;

    pub fn new<'a>(candidates: impl Iterator<Item = &'a str>) -> Self {
        let mut candidates: Vec<(usize, String, String)> = candidates
            .filter(|c| c.chars().count() <= MAX_WORD_CHARS + max_distance(MAX_WORD_CHARS))
            .map(|c| (c.chars().count(), c.to_lowercase(), c.to_owned()))
            .collect();
        candidates.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.2.cmp(&b.2)));
        Self {
            candidates,
            seen: HashMap::new(),
            budget: Self::BUDGET,
            work: 0,
        }
    }

    /// The closest candidate, as [`closest`] would find it, or `None` when there is none or
    /// the budget is spent.
    pub fn closest(&mut self, wrong: &str) -> Option<&str> {
        let found = match self.seen.get(wrong) {
            Some(&known) => known,
            None => {
                let found = self.search(wrong);
                self.seen.insert(wrong.to_owned(), found);
                found
            }
        };
        found.map(|i| self.candidates[i].2.as_str())
    }

    /// The index of the closest candidate.
    fn search(&mut self, wrong: &str) -> Option<usize> {
        let len = wrong.chars().count();
        if len > MAX_WORD_CHARS {
            return None;
        }
        let wrong = wrong.to_lowercase();
        // A candidate more than its allowed distance longer or shorter cannot match.
        let lo = self
            .candidates
            .partition_point(|c| c.0 + max_distance(c.0) < len);
        let mut best: Option<(usize, usize)> = None;
        for (i, (clen, lower, original)) in self.candidates.iter().enumerate().skip(lo) {
            if *clen > len + max_distance(*clen) {
                break;
            }
            let cost = ((len + 1) * (clen + 1)) as u64;
            if self.work + cost > self.budget {
                return None;
            }
            self.work += cost;
            let d = strsim::damerau_levenshtein(&wrong, lower);
            if d > 0
                && d <= max_distance(*clen)
                && best.is_none_or(|(bd, bi)| (d, original) < (bd, &self.candidates[bi].2))
            {
                best = Some((d, i));
            }
        }
        best.map(|(_, i)| i)
    }
}

#[cfg(test)]
mod tests {
    use super::{Suggester, closest};

    #[test]
    fn suggests_near_misses_only() {
        let keys = ["speaker", "date", "context"];
        assert_eq!(
            closest("speeker", &mut keys.iter().copied()),
            Some("speaker")
        );
        assert_eq!(
            closest("contxt", &mut keys.iter().copied()),
            Some("context")
        );
        assert_eq!(closest("zebra", &mut keys.iter().copied()), None);
    }

    #[test]
    fn the_suggester_agrees_with_closest() {
        let ids = [
            "article",
            "memo",
            "reuters-2025-05-21",
            "ap",
            "un-report",
            "artcle",
        ];
        let mut s = Suggester::new(ids.iter().copied());
        for wrong in [
            "articel",
            "mem",
            "reuters-2025-05-12",
            "a",
            "un-reprot",
            "zzzzzzz",
        ] {
            assert_eq!(
                s.closest(wrong),
                closest(wrong, &mut ids.iter().copied()),
                "{wrong}"
            );
        }
    }

    #[test]
    fn work_stays_within_the_budget() {
        let ids: Vec<String> = (0..50_000).map(|i| format!("source-{i:06}")).collect();
        let mut s = Suggester::new(ids.iter().map(String::as_str));
        for i in 0..2_000 {
            let _ = s.closest(&format!("source-{i:06}x"));
        }
        assert!(s.work <= Suggester::BUDGET, "{}", s.work);
    }
}
