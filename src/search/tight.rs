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
/// inside the current word, and only one piece in four does the latter. "kny" in "kenya",
/// "oas" in "Organisation of American States" and "discontnt" in "discontent" pass;
/// letters picked from all over a sentence do not.
///
/// Works on bytes: needle chars are compared as UTF-8 sequences, which only ever match at
/// char starts, and word starts follow [`is_word_start`].
///
/// Returns the byte range the alignment spans, which is all the fuzzy matcher then needs
/// to score: scoring a word or two instead of a paragraph is what keeps fuzzy search fast.
pub(crate) fn tight_window(hay: &str, needle: &str) -> Option<Range<usize>> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let &lead = needle.first()?;
    let first = &needle[..utf8_len(lead)];
    let rest = &needle[first.len()..];
    let allowed = 1 + char_count(needle) / 4;
    let mut tried = 0;
    let mut at = 0;
    while let Some(i) = hay[at..].iter().position(|&b| b == lead) {
        let start = at + i;
        at = start + 1;
        if !is_word_start(hay, start) || !starts_with(&hay[start..], first) {
            continue;
        }
        let pos = start + first.len();
        // The second strategy can only differ if the first ever had a choice to make.
        let mut chose = false;
        let end = aligns(hay, pos, rest, allowed, true, &mut chose)
            .or_else(|| chose.then(|| aligns(hay, pos, rest, allowed, false, &mut chose))?);
        if let Some(end) = end {
            return Some(start..end);
        }
        tried += 1;
        if tried >= MAX_STARTS {
            break;
        }
    }
    None
}

/// Whether [`tight_window`] finds an alignment.
#[cfg(test)]
fn is_tight(hay: &str, needle: &str) -> bool {
    tight_window(hay, needle).is_some()
}

/// Words a piece may jump ahead: "of" may be skipped in "Organisation of American States".
const MAX_WORDS_AHEAD: usize = 3;
/// Start positions tried for the first char.
const MAX_STARTS: usize = 32;

/// Aligns the rest of a needle greedily from byte `pos`, continuing a run when the next
/// char matches, else taking the nearest allowed start (a word start first, if
/// `prefer_words`). Returns where the alignment ends; sets `chose` when a piece could have
/// started either inside the word or at a later word start.
fn aligns(
    hay: &[u8],
    mut pos: usize,
    rest: &[u8],
    allowed: usize,
    prefer_words: bool,
    chose: &mut bool,
) -> Option<usize> {
    let mut mid_word = 0;
    let mut i = 0;
    while i < rest.len() {
        let c = &rest[i..i + utf8_len(rest[i])];
        i += c.len();
        if starts_with(&hay[pos..], c) {
            pos += c.len();
            continue;
        }
        let mut in_word = pos > 0 && is_word_byte(hay[pos - 1]);
        let mut words = 0;
        let mut inside: Option<usize> = None;
        let mut start: Option<usize> = None;
        for (j, &b) in hay.iter().enumerate().skip(pos) {
            let word = is_word_byte(b);
            if word && !in_word {
                words += 1;
                if words > MAX_WORDS_AHEAD {
                    break;
                }
            }
            if b == c[0] && starts_with(&hay[j..], c) {
                if !in_word {
                    start = Some(j);
                    break;
                }
                if words == 0 && inside.is_none() {
                    inside = Some(j);
                    if !prefer_words {
                        break;
                    }
                }
            }
            in_word = word;
        }
        *chose |= inside.is_some();
        let at = match (inside, start) {
            (_, Some(s)) if prefer_words || inside.is_none() => s,
            (Some(i), _) => {
                mid_word += 1;
                if mid_word > allowed {
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

fn char_count(s: &[u8]) -> usize {
    s.iter().filter(|&&b| !(0x80..0xC0).contains(&b)).count()
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
        assert_eq!(&hay[4..30], "organisation of american s");
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
