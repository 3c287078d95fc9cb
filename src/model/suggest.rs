//! "Did you mean …?" suggestions.

use std::collections::HashMap;

use super::link::Kind;

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    let wrong = wrong.to_lowercase();
    candidates
        .map(|c| (strsim::damerau_levenshtein(&wrong, &c.to_lowercase()), c))
        .filter(|(d, c)| *d > 0 && *d <= (c.chars().count().max(3) / 3).max(2))
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
    deletes: HashMap<String, Vec<u32>>,
    by_len: HashMap<usize, Vec<u32>>,
    budget: usize,
}

/// How many candidate comparisons the fallback scans may make in all.
const SCAN_BUDGET: usize = 2_000_000;

impl<'a> IdSuggester<'a> {
    pub fn new(ids: impl Iterator<Item = (&'a str, Kind)>) -> Self {
        let mut ids: Vec<(&str, Kind)> = ids.collect();
        ids.sort_unstable();
        let mut deletes: HashMap<String, Vec<u32>> = HashMap::new();
        let mut by_len: HashMap<usize, Vec<u32>> = HashMap::new();
        for (i, (id, _)) in ids.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let lower = id.to_lowercase();
            by_len.entry(lower.chars().count()).or_default().push(i);
            for key in one_deleted(&lower).chain(std::iter::once(lower.clone())) {
                let list = deletes.entry(key).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
        Self {
            ids,
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
            .map(|&i| self.ids[i as usize])
            .filter(|(id, kind)| kinds.contains(kind) && *id != wrong)
            .filter_map(|(id, _)| {
                let d = strsim::damerau_levenshtein(lower, &id.to_lowercase());
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

#[cfg(test)]
mod tests {
    use super::closest;

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
}
