//! Exact matching: substrings and anchored terms, and how good an occurrence is.
//!
//! An occurrence scores by where it sits: a whole field beats a field's start, which beats
//! a word's start; a word's end adds a little, and nearer the start of its field is
//! better ("aware" early in a quote beats it late in a title). The name or title itself
//! beats an alias.

use super::index::Hay;
use super::query::Anchor;
use super::tight::{is_word_byte, is_word_start, occurrences, word_starts_of};

/// Occurrences looked at per scan when none starts a word.
const MAX_OCCURRENCES: usize = 32;

/// An occurrence of a needle: in which field, how good, and at which byte.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Found {
    pub(crate) field: usize,
    pub(crate) quality: i64,
    pub(crate) at: usize,
}

/// The best occurrence of `needle` inside one field, among the fields that start in
/// `from..to`: a whole field or a field's start if there is one, else the first occurrence
/// that starts a word, else the first occurrence.
pub(crate) fn best_substring(hay: &Hay<'_>, needle: &str, from: usize, to: usize) -> Option<Found> {
    if let &[b] = needle.as_bytes()
        && is_word_byte(b)
    {
        return best_byte(hay, b, from, to);
    }
    best_in(hay, needle, from, to, true)
}

/// [`best_substring`] without the one-letter path; `visit_words` takes the word starts
/// first when no field starts with the needle, which gives the same answer as the scan
/// unless a haystack holds dozens of occurrences inside words before one at a word's start.
fn best_in(
    hay: &Hay<'_>,
    needle: &str,
    from: usize,
    to: usize,
    visit_words: bool,
) -> Option<Found> {
    // `contains` has a SIMD path for short needles and rejects most items fastest.
    if needle.is_empty() || !hay.text[from..to].contains(needle) {
        return None;
    }
    let first_field = hay.field_at(from);
    let mut best: Option<Found> = None;
    let consider = |best: &mut Option<Found>, field: usize, quality: i64, at: usize| {
        if best.is_none_or(|b| quality > b.quality) {
            *best = Some(Found { field, quality, at });
        }
    };
    for f in first_field..hay.starts.len() {
        let range = hay.field(f);
        if range.start >= to {
            break;
        }
        if range.start >= from && hay.text[range.clone()].starts_with(needle) {
            let q = quality(&hay.text[range.clone()], 0, needle.len(), f);
            consider(&mut best, f, q, range.start);
        }
    }
    if best.is_some() {
        return best;
    }
    // No field starts with it: the first occurrence that starts a word, or the first one.
    let bytes = hay.text.as_bytes();
    let n = needle.as_bytes();
    if visit_words && is_word_byte(n[0]) {
        // Visit the word starts instead of every byte.
        let word_start = word_starts_of(bytes, n[0], from, to).find(|&at| {
            bytes[at..].starts_with(n) && at + n.len() <= hay.field(hay.field_at(at)).end
        });
        let first = find(&bytes[from..to], n).map(|i| from + i);
        for at in word_start.into_iter().chain(first) {
            let f = hay.field_at(at);
            let range = hay.field(f);
            if at + n.len() <= range.end {
                let q = quality(&hay.text[range.clone()], at - range.start, n.len(), f);
                consider(&mut best, f, q, at);
            }
        }
        if best.is_some() {
            return best;
        }
    }
    let (mut f, mut pos, mut seen) = (first_field, from, 0);
    while let Some(at) = find(&bytes[pos..to], n).map(|i| pos + i) {
        pos = at + 1;
        while f + 1 < hay.starts.len() && hay.starts[f + 1] as usize <= at {
            f += 1;
        }
        let range = hay.field(f);
        if at + n.len() > range.end {
            continue; // spans two fields
        }
        let word = is_word_start(bytes, at);
        if word || best.is_none() {
            let field = &hay.text[range.clone()];
            consider(
                &mut best,
                f,
                quality(field, at - range.start, n.len(), f),
                at,
            );
        }
        seen += 1;
        if word || seen >= MAX_OCCURRENCES {
            break;
        }
    }
    best
}

/// [`best_substring`] for a needle of one letter or digit, the first keystroke of most
/// searches and the one that matches the most items: the same answer from one look at the
/// field starts and one `memchr` walk over the letter's occurrences (the first, then the
/// first at a word's start), where the general path scans the haystack several times.
fn best_byte(hay: &Hay<'_>, b: u8, from: usize, to: usize) -> Option<Found> {
    let bytes = hay.text.as_bytes();
    let first_field = hay.field_at(from);
    let mut best: Option<Found> = None;
    let consider = |best: &mut Option<Found>, field: usize, at: usize| {
        let range = hay.field(field);
        let quality = quality(&hay.text[range.clone()], at - range.start, 1, field);
        if best.is_none_or(|x| quality > x.quality) {
            *best = Some(Found { field, quality, at });
        }
    };
    for f in first_field..hay.starts.len() {
        let range = hay.field(f);
        if range.start >= to {
            break;
        }
        if range.start >= from && bytes.get(range.start) == Some(&b) && range.start < range.end {
            consider(&mut best, f, range.start);
        }
    }
    if best.is_some() {
        return best;
    }
    // The first occurrence, and the first at a word's start: often the same one.
    let mut found = occurrences(bytes, b, from, to);
    let first = found.next();
    let word_start = match first {
        Some(at) if is_word_start(bytes, at) => None,
        Some(_) => found.find(|&at| is_word_start(bytes, at)),
        None => None,
    };
    for at in word_start.into_iter().chain(first) {
        consider(&mut best, hay.field_at(at), at);
    }
    best
}

/// The first occurrence of `needle` in `hay`. Haystacks are short, so a scan for the first
/// byte then a compare beats building a two-way searcher.
fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let (&first, rest) = needle.split_first()?;
    let last_start = hay.len().checked_sub(needle.len())?;
    let mut pos = 0;
    while pos <= last_start {
        let i = pos + hay[pos..=last_start].iter().position(|&b| b == first)?;
        if hay[i + 1..].starts_with(rest) {
            return Some(i);
        }
        pos = i + 1;
    }
    None
}

/// The best field that starts with, ends with or is `needle`: (field, quality), preferring
/// the primary group.
pub(crate) fn best_anchored(hay: &Hay<'_>, needle: &str, anchor: Anchor) -> Option<(usize, i64)> {
    let mut best: Option<(usize, i64)> = None;
    for f in 0..hay.starts.len() {
        let field = &hay.text[hay.field(f)];
        let at = match anchor {
            Anchor::Start if field.starts_with(needle) => 0,
            Anchor::End if field.ends_with(needle) => field.len() - needle.len(),
            Anchor::Both if field == needle => 0,
            _ => continue,
        };
        let q = quality(field, at, needle.len(), f);
        let better = match best {
            None => true,
            Some((bf, bq)) => (f < hay.nprimary, q) > (bf < hay.nprimary, bq),
        };
        if better {
            best = Some((f, q));
        }
    }
    best
}

/// How good a match at byte `at` (of `len` bytes) in `field` is.
pub(crate) fn quality(field: &str, at: usize, len: usize, field_index: usize) -> i64 {
    let end = at + len;
    let mut q = 0;
    if at == 0 && end == field.len() {
        q += 400;
    } else if at == 0 {
        q += 200;
    }
    let bytes = field.as_bytes();
    if is_word_start(bytes, at) {
        q += 100;
    }
    if bytes.get(end).is_none_or(|&b| !is_word_byte(b)) {
        q += 50;
    }
    if field_index == 0 {
        q += 20;
    }
    q - i64::try_from(at.min(200) / 2).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hay<'a>(text: &'a str, starts: &'a [u32]) -> Hay<'a> {
        Hay {
            text,
            starts,
            nprimary: 1,
        }
    }

    #[test]
    fn substrings_never_span_two_fields() {
        let h = hay("ab cd", &[0, 3]);
        assert!(best_substring(&h, "b c", 0, 5).is_none());
        let found = best_substring(&h, "cd", 0, 5).unwrap();
        assert_eq!((found.field, found.at), (1, 3));
    }

    #[test]
    fn word_starts_beat_earlier_mid_word_matches() {
        let field = "unaware we are aware";
        assert!(quality(field, 15, 5, 0) > quality(field, 2, 5, 0));
        let h = hay(field, &[0]);
        assert_eq!(best_substring(&h, "aware", 0, field.len()).unwrap().at, 15);
    }

    #[test]
    fn whole_fields_and_field_starts_win() {
        let h = hay("kenyan army kenya", &[0, 12]);
        let found = best_substring(&h, "kenya", 0, h.text.len()).unwrap();
        assert_eq!(found.field, 1);
        assert_eq!(
            best_anchored(&h, "army", Anchor::End),
            Some((0, quality("kenyan army", 7, 4, 0)))
        );
    }

    #[test]
    fn visiting_word_starts_gives_the_answer_of_the_scan() {
        let text = "unaware kenya we are aware of it kenyan aware";
        let h = hay(text, &[0, 33]);
        for (needle, want) in [
            ("aware", Some((0, 21))),
            ("kenya", Some((1, 33))),
            ("are", Some((0, 17))),
            ("e", Some((0, 6))),
            ("it k", None),
            ("zz", None),
        ] {
            let scan = best_in(&h, needle, 0, text.len(), false);
            let visit = best_in(&h, needle, 0, text.len(), true);
            let at = |f: Option<Found>| f.map(|f| (f.field, f.at, f.quality));
            assert_eq!(at(visit), at(scan), "{needle}");
            assert_eq!(visit.map(|f| (f.field, f.at)), want, "{needle}");
        }
    }

    #[test]
    fn one_letter_needles_give_the_general_answer() {
        let text = "unaware Kenya we are aware of it kenyan 9 aware";
        let folded = text.to_lowercase();
        let starts = [0, 8, 33];
        let h = Hay {
            nprimary: 2,
            ..hay(&folded, &starts)
        };
        for needle in ["a", "k", "w", "9", "o", "z", "n"] {
            for (from, to) in [(0, folded.len()), (0, 32), (32, folded.len())] {
                let general = best_in(&h, needle, from, to, false);
                let fast = best_substring(&h, needle, from, to);
                assert_eq!(
                    general.map(|f| (f.field, f.at, f.quality)),
                    fast.map(|f| (f.field, f.at, f.quality)),
                    "{needle} in {from}..{to}"
                );
            }
        }
    }

    #[test]
    fn find_handles_edges() {
        assert_eq!(find(b"abcabd", b"abd"), Some(3));
        assert_eq!(find(b"ab", b"abc"), None);
        assert_eq!(find(b"", b"a"), None);
    }
}
