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

use super::link::Kind;

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

/// "Did you mean" for ids across a whole library, with bounded work.
///
/// Checking every unknown reference against every id is quadratic: 8,000 near-miss
/// references against 8,000 actors took minutes. Instead, each id is indexed under its
/// lower-cased form and every form with one character deleted (a symmetric-delete index),
/// so a lookup costs a few hash probes per character and finds every id within one edit,
/// any difference of case, and many two-edit substitutions. Only when that finds nothing
/// does a query fall back to scanning ids of similar length, and those scans share a fixed
/// budget, so the total work stays linear in the library's size.
pub struct IdSuggester<'a> {
    ids: Vec<(&'a str, Kind)>,
    /// Each id lower-cased, by the same index.
    lower: Vec<String>,
    deletes: HashMap<String, Vec<u32>>,
    by_len: HashMap<usize, Vec<u32>>,
    budget: usize,
}

/// How many candidate comparisons the fallback scans may make in all: about a fifth of a
/// second (2,000 unknown references among 400 files took 2.5 s with four times as many).
const SCAN_BUDGET: usize = 500_000;

impl<'a> IdSuggester<'a> {
    pub fn new(ids: impl Iterator<Item = (&'a str, Kind)>) -> Self {
        let mut ids: Vec<(&str, Kind)> = ids.collect();
        ids.sort_unstable();
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_len: HashMap<usize, Vec<u32>> = HashMap::new();
        let lower: Vec<String> = ids.iter().map(|(id, _)| id.to_lowercase()).collect();
        for (i, lower) in lower.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            by_len.entry(lower.chars().count()).or_default().push(i);
            for key in one_deleted(lower).chain(std::iter::once(lower.clone())) {
                let list = deletes.entry(key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Self {
            ids,
            lower,
            deletes,
            by_len,
            budget: SCAN_BUDGET,
        }
    }

    /// The closest id of one of `kinds`, if one is a plausible typo of `wrong`.
    pub fn suggest(&mut self, wrong: &str, kinds: &[Kind]) -> Option<&'a str> {
        let lower = wrong.to_lowercase();
        let mut candidates: Vec<u32> = one_deleted(&lower)
            .chain(std::iter::once(lower.clone()))
            .filter_map(|k| self.deletes.get(&k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let best = self.best(&lower, wrong, kinds, &candidates);
        if best.is_some() {
            return best;
        }
        let len = lower.chars().count();
        let mut scan = Vec::new();
        for l in len.saturating_sub(2)..=len + 2 {
            scan.extend(self.by_len.get(&l).into_iter().flatten().copied());
        }
        if scan.len() > self.budget {
            return None;
        }
        self.budget -= scan.len();
        self.best(&lower, wrong, kinds, &scan)
    }

    fn best(
        &self,
        lower: &str,
        wrong: &str,
        kinds: &[Kind],
        candidates: &[u32],
    ) -> Option<&'a str> {
        super::link::count_work(candidates.len());
        candidates
            .iter()
            .map(|&i| (self.ids[i as usize], &self.lower[i as usize]))
            .filter(|((id, kind), _)| kinds.contains(kind) && *id != wrong)
            .filter_map(|((id, _), id_lower)| {
                let d = strsim::damerau_levenshtein(lower, id_lower);
                (d <= (id.chars().count().max(3) / 3).max(2)).then_some((d, id))
            })
            .min()
            .map(|(_, id)| id)
    }
}

/// Every form of `s` with one character deleted.
fn one_deleted(s: &str) -> impl Iterator<Item = String> + '_ {
    s.char_indices().map(move |(i, c)| {
        let mut out = String::with_capacity(s.len());
        out.push_str(&s[..i]);
        out.push_str(&s[i + c.len_utf8()..]);
        out
    })
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
    fn ids_are_suggested_across_case_and_kind() {
        use super::{IdSuggester, Kind};
        let ids = [
            ("M23", Kind::Actor),
            ("mss", Kind::Actor),
            ("mss-end", Kind::Event),
        ];
        let mut s = IdSuggester::new(ids.iter().copied());
        assert_eq!(s.suggest("m23", &[Kind::Actor]), Some("M23"));
        assert_eq!(s.suggest("msss", &[Kind::Actor]), Some("mss"));
        assert_eq!(s.suggest("mss-edn", &[Kind::Event]), Some("mss-end"));
        assert_eq!(s.suggest("mss-edn", &[Kind::Actor]), None);
        assert_eq!(s.suggest("zzzzzz", &[Kind::Actor]), None);
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
    fn id_scans_stop_at_their_budget() {
        use super::{IdSuggester, SCAN_BUDGET};
        use crate::model::link::{Kind, link_work};
        let ids: Vec<String> = (0..10_000).map(|i| format!("id{i:06}")).collect();
        let mut s = IdSuggester::new(ids.iter().map(|id| (id.as_str(), Kind::Actor)));
        let before = link_work();
        // Far from every id: each falls back to scanning the ids of similar length.
        let found = (0..2_000)
            .filter_map(|i| s.suggest(&format!("xyzw{i:04}"), &[Kind::Actor]))
            .count();
        assert_eq!(found, 0);
        let work = usize::try_from(link_work() - before).unwrap();
        assert!(work <= SCAN_BUDGET + 2_000 * 8, "{work} comparisons");
        assert!(work >= SCAN_BUDGET / 2, "the scans ran: {work}");
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
