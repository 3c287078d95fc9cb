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

/// Whether a candidate of `len` characters can be close enough to some word of at most
/// [`MAX_WORD_CHARS`]: edit distance is at least the difference in length.
fn may_be_close(len: usize) -> bool {
    len.saturating_sub(max_distance(len)) <= MAX_WORD_CHARS
}

use super::link::Kind;

/// The candidate closest to `wrong`, if it is close enough to be a plausible typo.
pub fn closest<'a>(wrong: &str, candidates: &mut dyn Iterator<Item = &'a str>) -> Option<&'a str> {
    if wrong.chars().count() > MAX_WORD_CHARS {
        return None;
    }
    let wrong = wrong.to_lowercase();
    let len = wrong.chars().count();
    candidates
        .filter_map(|c| {
            // Edit distance is at least the difference in length: a candidate too long or
            // too short to be close enough is not compared, whatever its length.
            let (c_lower, allowed) = (c.to_lowercase(), max_distance(c.chars().count()));
            (c_lower.chars().count().abs_diff(len) <= allowed)
                .then(|| (strsim::damerau_levenshtein(&wrong, &c_lower), c))
        })
        .filter(|(d, c)| *d > 0 && *d <= max_distance(c.chars().count()))
        .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)))
        .map(|(_, c)| c)
}

/// "Did you mean" for ids across a whole library, with bounded work.
///
/// Checking every unknown reference against every id is quadratic: 8,000 near-miss
/// references against 8,000 actors took minutes. Instead, each id is indexed under its
/// lower-cased form and every form with one character deleted (a symmetric-delete index),
/// so a lookup costs a few probes per character and finds every id within one edit,
/// any difference of case, and many two-edit substitutions. Only when that finds nothing
/// does a query fall back to scanning ids of similar length, and those scans share a fixed
/// budget, so the total work stays linear in the library's size.
///
/// Lengths are bounded too. A word longer than [`MAX_WORD_CHARS`] is only matched with an
/// id that differs from it in case alone, and such a word is never compared with an id
/// more than two characters longer, so ids longer than that are indexed under their
/// lower-cased form only: the index holds a few entries per character of the ids, where
/// every deleted form of a 32,000-character id took a gigabyte. The index keeps a hash of
/// each form, not the form, and every candidate it finds is compared in full, so a
/// collision costs a comparison and never a wrong answer.
pub struct IdSuggester<'a> {
    ids: Vec<(&'a str, Kind)>,
    /// Each id lower-cased, by the same index.
    lower: Vec<String>,
    /// (hash of a form, index of its id), sorted.
    forms: Vec<(u64, u32)>,
    by_len: HashMap<usize, Vec<u32>>,
    budget: Budget,
}

/// How many candidate comparisons the fallback scans may make in all: about a fifth of a
/// second (2,000 unknown references among 400 files took 2.5 s with four times as many).
const SCAN_BUDGET: usize = 500_000;

/// How much work the comparisons of an [`IdSuggester`] may do in all, whichever way it found
/// the candidates: edit-distance cells, or characters for a comparison of case alone, and
/// one for each candidate the index gives. The scans' budget spent on ids of eight
/// characters costs 40 million, about a fifth of a second; this much stops scans of ids of
/// 64 characters after 15,000 comparisons rather than 500,000 (6 s).
const CELL_BUDGET: u64 = 64_000_000;

/// The longest id a word of at most [`MAX_WORD_CHARS`] is compared with: the index finds ids
/// one character longer than the word, and the scans ids two characters longer.
const MAX_COMPARED_CHARS: usize = MAX_WORD_CHARS + 2;

/// What an [`IdSuggester`] may still spend (see [`SCAN_BUDGET`] and [`CELL_BUDGET`]), so that
/// suggesters used one after another can share one budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    scans: usize,
    cells: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Self {
            scans: SCAN_BUDGET,
            cells: CELL_BUDGET,
        }
    }
}

impl Budget {
    /// Nothing left: what a budget handed on to a suggester leaves behind.
    pub const SPENT: Self = Self { scans: 0, cells: 0 };

    /// Takes `cells` if there are that many left.
    fn spend(&mut self, cells: u64) -> bool {
        let left = self.cells.checked_sub(cells);
        if let Some(left) = left {
            self.cells = left;
        }
        left.is_some()
    }
}

impl<'a> IdSuggester<'a> {
    pub fn new(ids: impl Iterator<Item = (&'a str, Kind)>) -> Self {
        Self::with_budget(ids, Budget::default())
    }

    /// A suggester that may spend `budget`, what is left of another's.
    pub fn with_budget(ids: impl Iterator<Item = (&'a str, Kind)>, budget: Budget) -> Self {
        let mut ids: Vec<(&str, Kind)> = ids.collect();
        ids.sort_unstable();
        let mut forms: Vec<(u64, u32)> = Vec::new();
        let mut by_len: HashMap<usize, Vec<u32>> = HashMap::new();
        let lower: Vec<String> = ids.iter().map(|(id, _)| id.to_lowercase()).collect();
        let mut buf = String::new();
        for (i, lower) in lower.iter().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            let len = lower.chars().count();
            if len > MAX_COMPARED_CHARS {
                forms.push((form_hash(lower), i));
                continue;
            }
            by_len.entry(len).or_default().push(i);
            each_form(lower, &mut buf, |h| forms.push((h, i)));
        }
        forms.sort_unstable();
        forms.dedup();
        Self {
            ids,
            lower,
            forms,
            by_len,
            budget,
        }
    }

    /// What is left of the budget, to hand on to another suggester.
    pub fn budget(&self) -> Budget {
        self.budget
    }

    /// The closest id of one of `kinds`, if one is a plausible typo of `wrong`.
    pub fn suggest(&mut self, wrong: &str, kinds: &[Kind]) -> Option<&'a str> {
        let lower = wrong.to_lowercase();
        let len = lower.chars().count();
        // Places in `forms`: each found by a binary search, so that what they hold can be
        // counted against the budget before it is gathered.
        let mut found = Vec::new();
        if len > MAX_WORD_CHARS {
            // Too long to be a typo: only the same id in other capitals is looked for.
            found.push(self.probe(form_hash(&lower)));
        } else {
            each_form(&lower, &mut String::new(), |h| found.push(self.probe(h)));
        }
        let gathered: usize = found.iter().map(ExactSizeIterator::len).sum();
        if !self.budget.spend(gathered as u64) {
            return None;
        }
        let mut candidates: Vec<u32> = found
            .into_iter()
            .flat_map(|r| self.forms[r].iter().map(|&(_, i)| i))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        let best = self.best(&lower, wrong, kinds, &candidates);
        if best.is_some() || len > MAX_WORD_CHARS {
            return best;
        }
        let lens = len.saturating_sub(2)..=len + 2;
        let count: usize = lens
            .clone()
            .map(|l| self.by_len.get(&l).map_or(0, Vec::len))
            .sum();
        if count > self.budget.scans {
            return None;
        }
        self.budget.scans -= count;
        let scan: Vec<u32> = lens
            .flat_map(|l| self.by_len.get(&l).into_iter().flatten().copied())
            .collect();
        self.best(&lower, wrong, kinds, &scan)
    }

    /// The places in `forms` of the ids with a form of hash `h`.
    fn probe(&self, h: u64) -> std::ops::Range<usize> {
        let start = self.forms.partition_point(|&(f, _)| f < h);
        let end = start + self.forms[start..].partition_point(|&(f, _)| f == h);
        start..end
    }

    /// The closest of `candidates` to `lower`, within the distance its length allows, if
    /// the budget pays for comparing them all.
    fn best(
        &mut self,
        lower: &str,
        wrong: &str,
        kinds: &[Kind],
        candidates: &[u32],
    ) -> Option<&'a str> {
        super::link::count_work(candidates.len());
        let len = lower.chars().count();
        let long = len > MAX_WORD_CHARS;
        // Only an id whose length is within its allowed distance can be close enough, and a
        // word too long for edit distance is only compared for equality.
        let mut cost = 0_u64;
        let mut plausible: Vec<(&'a str, &str)> = Vec::new();
        for &i in candidates {
            let ((id, kind), id_lower) = (self.ids[i as usize], &self.lower[i as usize]);
            let clen = id_lower.chars().count();
            if !kinds.contains(&kind)
                || id == wrong
                || clen.abs_diff(len) > max_distance(id.chars().count())
            {
                continue;
            }
            cost += if long {
                len as u64 + 1
            } else {
                (len as u64 + 1) * (clen as u64 + 1)
            };
            plausible.push((id, id_lower));
        }
        if !self.budget.spend(cost) {
            return None;
        }
        plausible
            .into_iter()
            .filter_map(|(id, id_lower)| {
                let d = if long {
                    (lower == id_lower).then_some(0)?
                } else {
                    strsim::damerau_levenshtein(lower, id_lower)
                };
                (d <= max_distance(id.chars().count())).then_some((d, id))
            })
            .min()
            .map(|(_, id)| id)
    }
}

/// Calls `f` with the hash of `s` and of every form of `s` with one character deleted,
/// building each form in `buf`.
fn each_form(s: &str, buf: &mut String, mut f: impl FnMut(u64)) {
    f(form_hash(s));
    for (i, c) in s.char_indices() {
        buf.clear();
        buf.push_str(&s[..i]);
        buf.push_str(&s[i + c.len_utf8()..]);
        f(form_hash(buf));
    }
}

fn form_hash(form: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(form.as_bytes())
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
            .filter(|c| may_be_close(c.chars().count()))
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

    /// A candidate up to half as long again as the longest word is still compared, as
    /// [`closest`] compares it: 26 edits are within the 30 allowed for 90 characters.
    #[test]
    fn the_suggester_agrees_with_closest_on_long_candidates() {
        let word = "a".repeat(64);
        let ids = [format!("{word}{}", "b".repeat(26)), "b".repeat(97)];
        let mut s = Suggester::new(ids.iter().map(String::as_str));
        let near = closest(&word, &mut ids.iter().map(String::as_str));
        assert_eq!(near, Some(ids[0].as_str()));
        assert_eq!(s.closest(&word), near);
    }

    /// An id or a word too long to be a typo is not compared by edit distance: a
    /// 32,000-character id is indexed under one form, not under 32,000 forms of 31,999
    /// characters, and a word as long only finds the same id in other capitals, for work
    /// in proportion to its length.
    #[test]
    fn long_ids_and_words_are_matched_in_case_only() {
        use super::{IdSuggester, Kind};
        let long = "ab".repeat(16_000);
        let id = format!("X{long}");
        let ids = [(id.as_str(), Kind::Actor), ("speaker", Kind::Actor)];
        let mut s = IdSuggester::new(ids.iter().copied());
        // "speaker" and its seven forms with a letter deleted, and the long id once.
        assert_eq!(s.forms.len(), 8 + 1);
        assert_eq!(s.suggest("nosuchactor", &[Kind::Actor]), None);
        assert_eq!(s.suggest("speeker", &[Kind::Actor]), Some("speaker"));
        let before = s.budget();
        assert_eq!(
            s.suggest(&format!("x{long}"), &[Kind::Actor]),
            Some(id.as_str())
        );
        assert_eq!(s.suggest(&format!("y{long}"), &[Kind::Actor]), None);
        assert_eq!(s.suggest(&format!("X{long}b"), &[Kind::Actor]), None);
        assert_eq!(s.suggest(&format!("x{long}"), &[Kind::Event]), None);
        let spent = before.cells - s.budget().cells;
        assert!(spent <= 2 * (id.len() as u64 + 2), "{spent} cells");
    }

    /// Scans among ids as long as a word may be stop when the comparisons' cells run out,
    /// long before the 500,000 comparisons of the scans' own budget. Each word is two
    /// transpositions from one id, which only a scan finds.
    #[test]
    fn scans_among_long_ids_stop_at_the_cells_budget() {
        use super::{CELL_BUDGET, IdSuggester, Kind};
        let mut seed = 7_u64;
        let mut letter = || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            char::from(b'a' + u8::try_from((seed >> 33) % 26).unwrap())
        };
        // Letters that differ where they are swapped.
        let ids: Vec<String> = (0..2_000)
            .map(|_| {
                let mut id: Vec<char> = (0..64).map(|_| letter()).collect();
                id.splice(0..2, ['a', 'b']);
                id.splice(40..42, ['c', 'd']);
                id.into_iter().collect()
            })
            .collect();
        let mut s = IdSuggester::new(ids.iter().map(|id| (id.as_str(), Kind::Actor)));
        let swapped = |id: &str| {
            let mut c: Vec<char> = id.chars().collect();
            c.swap(0, 1);
            c.swap(40, 41);
            c.into_iter().collect::<String>()
        };
        assert_eq!(
            s.suggest(&swapped(&ids[0]), &[Kind::Actor]),
            Some(ids[0].as_str())
        );
        let answered = ids
            .iter()
            .filter(|id| s.suggest(&swapped(id), &[Kind::Actor]).is_some())
            .count();
        let per_scan = 65 * 65 * 2_000;
        assert!(answered >= 1, "no scan ran");
        assert!(
            answered as u64 <= CELL_BUDGET / per_scan,
            "{answered} scans of 2,000 ids of 64 characters"
        );
    }
}
