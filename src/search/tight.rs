//! The gate every fuzzy match must pass: the needle aligns the way people abbreviate.
//!
//! The fuzzy matcher's own score barely penalises gaps, so without this gate "zzzz" finds
//! four z's spread over a paragraph and "aware" finds a, w, a, r, e scattered over a
//! sentence, and such matches crowd out real ones.

use std::ops::Range;

/// A quick necessary test for a fuzzy match: where the needle's bytes, taken leftmost in
/// order, end. A prefix of the haystack at least that long also holds them.
pub(crate) fn subsequence_end(hay: &[u8], needle: &[u8]) -> Option<usize> {
    let mut pos = 0;
    for &b in needle {
        pos += hay[pos..].iter().position(|&h| h == b)? + 1;
    }
    Some(pos)
}

/// Whether `needle` can be aligned in `hay` the way people abbreviate: it starts at a word
/// start; each later piece either starts one of the next few words or skips a few letters
/// inside the current word, and only about one piece in four does the latter. "kny" in "kenya",
/// "oas" in "Organisation of American States" and "discontnt" in "discontent" pass;
/// letters picked from all over a sentence do not.
///
/// Works on bytes: needle chars are compared as UTF-8 sequences, which only ever match at
/// char starts, and word starts follow [`is_word_start`].
///
/// Returns the byte range the alignment spans, which is all the fuzzy matcher then needs
/// to score: scoring a word or two instead of a paragraph is what keeps fuzzy search fast.
///
pub(crate) fn tight_window(hay: &str, needle: &str) -> Option<Range<usize>> {
    align(hay.as_bytes(), needle.as_bytes())
}

fn align(hay: &[u8], needle: &[u8]) -> Option<Range<usize>> {
    let &lead = needle.first()?;
    let first = &needle[..utf8_len(lead)];
    let rest = &needle[first.len()..];
    let try_start = |start: usize| {
        let pos = start + first.len();
        // The second strategy can only differ if the first ever had a choice.
        let mut chose = false;
        let end = aligns(hay, pos, rest, true, &mut chose)
            .or_else(|| chose.then(|| aligns(hay, pos, rest, false, &mut chose))?);
        end.map(|end| start..end)
    };
    if is_word_byte(lead) {
        word_starts_of(hay, lead, 0, hay.len())
            .filter(|&s| starts_with(&hay[s..], first))
            .take(MAX_STARTS)
            .find_map(try_start)
    } else {
        (0..hay.len())
            .filter(|&p| hay[p] == lead && is_word_start(hay, p) && starts_with(&hay[p..], first))
            .take(MAX_STARTS)
            .find_map(try_start)
    }
}

/// Word starts in `from..to` whose byte is `b` (a byte of a word, see [`is_word_byte`]), in
/// order. Found by looking for the byte, which `memchr` does many bytes at a time, then at
/// the byte before it: nothing to keep (bits of word starts took an eighth of a byte per
/// byte of text, 2.4 MB of the index at 1,000 briefings).
pub(crate) fn word_starts_of(
    hay: &[u8],
    b: u8,
    from: usize,
    to: usize,
) -> impl Iterator<Item = usize> + '_ {
    occurrences(hay, b, from, to).filter(|&at| is_word_start(hay, at))
}

/// Where byte `b` occurs in `from..to`, in order.
pub(crate) fn occurrences(
    hay: &[u8],
    b: u8,
    from: usize,
    to: usize,
) -> impl Iterator<Item = usize> + '_ {
    let to = to.min(hay.len());
    memchr::memchr_iter(b, hay.get(from..to).unwrap_or_default()).map(move |i| from + i)
}

/// Every word start from byte `pos` on, in order: the next few are all an alignment step
/// looks at, a few bytes ahead.
fn word_starts_after(hay: &[u8], pos: usize) -> impl Iterator<Item = usize> + '_ {
    let mut next = pos;
    std::iter::from_fn(move || {
        while next < hay.len() {
            let at = next;
            next += 1;
            if is_word_byte(hay[at]) && is_word_start(hay, at) {
                return Some(at);
            }
        }
        None
    })
}

/// Words a piece may jump ahead: "of" may be skipped in "Organisation of American States".
const MAX_WORDS_AHEAD: usize = 3;
/// Start positions tried for the first char.
const MAX_STARTS: usize = 16;

/// Aligns the rest of a needle greedily from byte `pos`, continuing a run when the next
/// char matches, else taking the nearest allowed start (a word start first, if
/// `prefer_words`). Returns where the alignment ends; sets `chose` when a piece could have
/// started either inside the word or at a later word start.
///
/// The allowance for pieces starting inside a word grows with the chars placed so far
/// (one, plus one per four chars) rather than with the needle's length, so whatever
/// passes for "kenya" also passes for "keny": narrowing relies on that.
fn aligns(
    hay: &[u8],
    mut pos: usize,
    rest: &[u8],
    prefer_words: bool,
    chose: &mut bool,
) -> Option<usize> {
    let mut mid_word = 0;
    let (mut i, mut placed) = (0, 1);
    while i < rest.len() {
        let c = &rest[i..i + utf8_len(rest[i])];
        i += c.len();
        placed += 1;
        if starts_with(&hay[pos..], c) {
            pos += c.len();
            continue;
        }
        let mut ahead = word_starts_after(hay, pos).take(MAX_WORDS_AHEAD);
        let word_end = ahead.next();
        let inside = hay[pos..word_end.unwrap_or(hay.len())]
            .iter()
            .position(|&b| b == c[0])
            .map(|j| pos + j)
            .filter(|&j| starts_with(&hay[j..], c));
        let start = word_end
            .into_iter()
            .chain(ahead)
            .find(|&s| starts_with(&hay[s..], c));
        *chose |= inside.is_some();
        let at = match (inside, start) {
            (_, Some(s)) if prefer_words || inside.is_none() => s,
            (Some(i), _) => {
                mid_word += 1;
                if mid_word > 1 + (placed - 1) / 4 {
                    return None;
                }
                i
            }
            (None, _) => return None,
        };
        pos = at + c.len();
    }
    Some(pos)
}

/// `starts_with` for the 1–4 bytes of one char, without a call to `memcmp`.
fn starts_with(hay: &[u8], c: &[u8]) -> bool {
    hay.len() >= c.len() && hay.iter().zip(c).all(|(a, b)| a == b)
}

/// The length of the UTF-8 sequence a lead byte starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Whether a byte belongs to a word: ASCII letters and digits, and every byte of a
/// non-ASCII char (most of which are letters).
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

/// Whether byte `at` starts a word: the byte before it is not part of one.
pub(crate) fn is_word_start(hay: &[u8], at: usize) -> bool {
    at == 0 || !is_word_byte(hay[at - 1])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_tight(hay: &str, needle: &str) -> bool {
        tight_window(hay, needle).is_some()
    }

    #[test]
    fn tight_fuzzy_matches_pass_and_scattered_ones_do_not() {
        for (hay, needle) in [
            ("kenya", "kny"),
            ("organisation of american states", "oas"),
            ("multinational security support mission", "mss"),
            ("discontent among officers", "discontnt"),
            ("united states", "unsta"),
            ("korir sing'oei", "singoei"),
            ("x abx ab", "ab"),
            ("the quick brown fox jumps over the lazy dog", "tqbfjotld"),
        ] {
            assert!(is_tight(hay, needle), "{needle} in {hay}");
        }
        for (hay, needle) in [
            ("new troops arrive in the mss", "oas"),
            ("facility protection and sent", "oas"),
            ("after new troops arrived", "aware"),
            ("brazil, colombia, venezuela, zanzibar", "zzzz"),
        ] {
            assert!(!is_tight(hay, needle), "{needle} in {hay}");
        }
    }

    #[test]
    fn the_window_spans_the_alignment() {
        let hay = "the organisation of american states";
        assert_eq!(tight_window(hay, "oas"), Some(4..30));
        assert_eq!(tight_window(&hay[..20], "oas"), None);
        assert_eq!(&hay[4..30], "organisation of american s");
    }

    proptest::proptest! {
        #[test]
        fn word_starts_are_those_found_byte_by_byte(
            hay in proptest::collection::vec(
                proptest::sample::select(b"ab Z9-_ \x80\xc3\xa9.0/:@`[{".to_vec()),
                0..200,
            ),
            b in proptest::sample::select(b"aZ9\xc3".to_vec()),
            from in 0usize..220,
            to in 0usize..220,
        ) {
            let every = |from: usize, to: usize| {
                (from..to.min(hay.len()))
                    .filter(|&p| is_word_byte(hay[p]) && is_word_start(&hay, p))
                    .collect::<Vec<_>>()
            };
            let of_b: Vec<usize> = every(from, to).into_iter().filter(|&p| hay[p] == b).collect();
            proptest::prop_assert_eq!(word_starts_of(&hay, b, from, to).collect::<Vec<_>>(), of_b);
            proptest::prop_assert_eq!(
                word_starts_after(&hay, from).collect::<Vec<_>>(),
                every(from, hay.len())
            );
        }
    }

    #[test]
    fn non_ascii_needles_align_by_char() {
        assert!(is_tight("sing'oei møller", "sm"));
        assert!(is_tight("東京 大阪", "東大"));
        assert!(!is_tight("x東京", "京"));
    }

    #[test]
    fn subsequence_ends_where_the_last_byte_matched() {
        assert_eq!(subsequence_end(b"kenya nation", b"kny"), Some(4));
        assert_eq!(subsequence_end(b"kenya", b"ykn"), None);
    }
}
