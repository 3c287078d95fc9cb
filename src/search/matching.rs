//! Matching one term against one item, and the scores that rank the hits.
//!
//! Each term is scored in one of four tiers, best first:
//! 1. an exact (substring or anchored) match in the primary text: the name and its
//!    variants, the title, or the quote text;
//! 2. a fuzzy match in the primary text;
//! 3. an exact match in another field;
//! 4. a fuzzy match anywhere.
//!
//! Within a tier, an exact match scores by where it sits (a whole field, a field's start, a
//! word's start and end, nearer the start), and a fuzzy one in the primary text by the
//! fuzzy matcher's score of the span the match covers. Fuzzy matches in other fields, the
//! last tier, are ordered by how few chars their span skips.
//! The fuzzy matcher only runs when no substring settles the tier, so short and common
//! queries, the expensive ones, rarely reach it.
//!
//! A fuzzy match must also pass [`is_tight`]: the needle aligns the way people abbreviate.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher as _;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::index::Hay;
use super::query::{Anchor, TextTerm};
use super::substring::{best_anchored, best_substring};
use super::tight::{subsequence_end, tight_window};

pub(crate) const PRIMARY_EXACT: i64 = 40_000;
pub(crate) const PRIMARY_FUZZY: i64 = 30_000;
pub(crate) const OTHER_EXACT: i64 = 20_000;
pub(crate) const OTHER_FUZZY: i64 = 10_000;
/// Keeps a score within its tier.
const WITHIN: i64 = 4_999;
/// Added when two or more text terms all matched exactly (in any field).
pub(crate) const ALL_EXACT: i64 = 15_000;

/// Whether a term's score comes from an exact tier.
pub(crate) fn is_exact(score: i64) -> bool {
    (PRIMARY_EXACT - WITHIN..=PRIMARY_EXACT + WITHIN).contains(&score)
        || (OTHER_EXACT - WITHIN..=OTHER_EXACT + WITHIN).contains(&score)
}
/// Haystacks longer than this many chars get the matcher's linear scorer instead of its
/// quadratic one, so one huge field cannot stall a search.
const MAX_MATRIX_CHARS: usize = 2048;

/// The fuzzy matcher, kept behind this interface so it can be tuned or swapped. Make one
/// per thread: the matcher keeps per-thread buffers, and sharing one was measured slower.
pub(crate) struct Fuzzy {
    skim: SkimMatcherV2,
}

impl Fuzzy {
    /// A matcher for searching many items.
    pub(crate) fn for_search() -> Self {
        Self {
            // Case is folded by us: compare chars as they are.
            skim: SkimMatcherV2::default()
                .respect_case()
                .element_limit(2 * (MAX_MATRIX_CHARS + 1)),
        }
    }

    /// A matcher for the positions of one item.
    pub(crate) fn for_positions() -> Self {
        Self {
            skim: SkimMatcherV2::default().respect_case(),
        }
    }

    pub(crate) fn score(&self, hay: &str, needle: &str) -> Option<i64> {
        self.skim.fuzzy_match(hay, needle)
    }

    /// Char indices of the best fuzzy alignment.
    pub(crate) fn positions(&self, hay: &str, needle: &str) -> Option<(i64, Vec<usize>)> {
        self.skim.fuzzy_indices(hay, needle)
    }
}

/// Scores a positive text term, as `needle` (its folded or case-keyed form), against the
/// haystack of the same form; `None` if it does not match.
pub(crate) fn score(term: &TextTerm, needle: &str, hay: &Hay<'_>, fuzzy: &Fuzzy) -> Option<i64> {
    // A name capitalised as names are ("Peñaloza") is its id ("penaloza") folded; other
    // capitals ("KENYA", "kEnYa") ask for themselves, as a case-sensitive term does.
    if is_the_id(hay, needle)
        || (term.case_sensitive && capitalised(&term.keyed) && is_the_id(hay, &term.folded))
    {
        return Some(PRIMARY_EXACT + WITHIN);
    }
    match term.anchor {
        Anchor::None if term.fuzzy => score_fuzzy(hay, needle, fuzzy),
        Anchor::None => {
            let found = best_substring(hay, needle, 0, hay.text.len())?;
            Some(tiered(found.field < hay.nprimary, true, found.quality))
        }
        anchor => {
            let (f, q) = best_anchored(hay, needle, anchor)?;
            Some(tiered(f < hay.nprimary, true, q))
        }
    }
}

/// Whether `needle` is the item's whole id, its last field (see
/// [`super::fields::fields_of`]): a term that names an item by its id ranks it above every
/// other exact match, as a surname that is also the title's first word would not.
fn is_the_id(hay: &Hay<'_>, needle: &str) -> bool {
    hay.starts.len() > hay.nprimary && hay.text.get(hay.field(hay.starts.len() - 1)) == Some(needle)
}

/// Whether the only capital is the first character.
fn capitalised(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(char::is_uppercase) && !chars.any(char::is_uppercase)
}

/// Whether an exact term, as `needle`, occurs anywhere (for negations).
pub(crate) fn occurs(term: &TextTerm, needle: &str, hay: &Hay<'_>) -> bool {
    match term.anchor {
        Anchor::None => best_substring(hay, needle, 0, hay.text.len()).is_some(),
        anchor => best_anchored(hay, needle, anchor).is_some(),
    }
}

fn tiered(primary: bool, exact: bool, within: i64) -> i64 {
    let base = match (primary, exact) {
        (true, true) => PRIMARY_EXACT,
        (true, false) => PRIMARY_FUZZY,
        (false, true) => OTHER_EXACT,
        (false, false) => OTHER_FUZZY,
    };
    base + within.clamp(-WITHIN, WITHIN)
}

/// Tries the tiers in order, sharing passes over the haystack: one `contains` tells
/// whether any exact match exists, and one alignment over the whole haystack usually
/// settles whether the primary text holds a fuzzy match too.
fn score_fuzzy(hay: &Hay<'_>, needle: &str, fuzzy: &Fuzzy) -> Option<i64> {
    // One letter: a match is an exact match, and a fuzzy one can only start a word, which
    // an exact one does too. The primary text first, then the rest.
    if needle.len() == 1 {
        let primary_end = hay.primary_end();
        return best_substring(hay, needle, 0, primary_end)
            .map(|found| tiered(true, true, found.quality))
            .or_else(|| {
                best_substring(hay, needle, primary_end, hay.text.len())
                    .map(|found| tiered(false, true, found.quality))
            });
    }
    score_fuzzy_general(hay, needle, fuzzy)
}

/// [`score_fuzzy`] without its shortcut for one letter.
fn score_fuzzy_general(hay: &Hay<'_>, needle: &str, fuzzy: &Fuzzy) -> Option<i64> {
    let primary_end = hay.primary_end();
    let primary = &hay.text[..primary_end];
    // The matcher's score of the span, plus the same small preferences exact matches get:
    // the name itself over an alias, and a span that starts its field.
    let fuzzy_score = |w: Range<usize>| {
        let f = hay.field_at(w.start);
        let place =
            if f == 0 { 20 } else { 0 } + if hay.field(f).start == w.start { 10 } else { 0 };
        fuzzy.score(&hay.text[w], needle).map(|s| s + place)
    };
    if hay.text.contains(needle) {
        if let Some(found) = best_substring(hay, needle, 0, primary_end) {
            return Some(tiered(true, true, found.quality));
        }
        if let Some(s) = tight_window(primary, needle).and_then(fuzzy_score) {
            return Some(tiered(true, false, s));
        }
        if let Some(found) = best_substring(hay, needle, primary_end, hay.text.len()) {
            return Some(tiered(false, true, found.quality));
        }
    }
    subsequence_end(hay.text.as_bytes(), needle.as_bytes())?;
    let window = tight_window(hay.text, needle)?;
    if window.end <= primary_end {
        return fuzzy_score(window).map(|s| tiered(true, false, s));
    }
    // The leftmost alignment runs past the primary text; a later one may still fit in it.
    if window.start < primary_end
        && let Some(s) = tight_window(primary, needle).and_then(fuzzy_score)
    {
        return Some(tiered(true, false, s));
    }
    // The last tier is ordered by how tight the alignment is, which costs nothing more:
    // these rows come after every better match, and scoring them all was a quarter of
    // the time of a short query.
    let slack = hay.text[window].chars().count() - needle.chars().count();
    Some(tiered(
        false,
        false,
        -i64::try_from(slack).unwrap_or(WITHIN),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::{Query, Term};

    fn term(s: &str) -> TextTerm {
        match &Query::parse(s).unwrap().groups[0][0] {
            Term::Text(t) => t.clone(),
            Term::Filter { .. } => unreachable!(),
        }
    }

    #[test]
    fn one_letter_terms_score_as_on_the_general_path() {
        let hay = Hay {
            text: "kenya lead nation of the east african community",
            starts: &[0, 6, 18],
            nprimary: 1,
        };
        let f = Fuzzy::for_search();
        for c in ["k", "l", "n", "o", "m", "y", "z", "-"] {
            let t = term(c);
            assert_eq!(
                score(&t, &t.folded, &hay, &f),
                score_fuzzy_general(&hay, &t.folded, &f),
                "{c}"
            );
        }
    }

    #[test]
    fn tiers_prefer_exact_then_primary() {
        let h = Hay {
            text: "kenya lead nation",
            starts: &[0, 6],
            nprimary: 1,
        };
        let f = Fuzzy::for_search();
        let run = |s: &str| score(&term(s), &term(s).folded, &h, &f);
        let whole = run("kenya").unwrap();
        assert!((PRIMARY_EXACT..PRIMARY_EXACT + WITHIN).contains(&whole));
        let other = run("nation").unwrap();
        assert!((OTHER_EXACT..PRIMARY_FUZZY - WITHIN).contains(&other));
        let fuzzy = run("kny").unwrap();
        assert!((PRIMARY_FUZZY - WITHIN..=PRIMARY_FUZZY + WITHIN).contains(&fuzzy));
        assert!(run("zz").is_none());
    }
}
