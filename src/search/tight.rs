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
/// `words` are the haystack's word starts from [`word_starts`] when the index has them;
/// if it is too short, they are computed here.
pub(crate) fn tight_window(hay: &str, words: &[u64], needle: &str) -> Option<Range<usize>> {
    if words.len() >= hay.len().div_ceil(64) {
        return align(hay.as_bytes(), words, needle.as_bytes());
    }
    SCRATCH.with_borrow_mut(|scratch| {
        word_starts(hay.as_bytes(), scratch);
        align(hay.as_bytes(), scratch, needle.as_bytes())
    })
}

fn align(hay: &[u8], words: &[u64], needle: &[u8]) -> Option<Range<usize>> {
    let &lead = needle.first()?;
    let first = &needle[..utf8_len(lead)];
    let rest = &needle[first.len()..];
    let try_start = |start: usize| {
        let pos = start + first.len();
        // The second strategy can only differ if the first ever had a choice.
        let mut chose = false;
        let end = aligns(hay, words, pos, rest, true, &mut chose)
            .or_else(|| chose.then(|| aligns(hay, words, pos, rest, false, &mut chose))?);
        end.map(|end| start..end)
    };
    if is_word_byte(lead) {
        starts_from(words, 0, hay.len())
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

thread_local! {
    /// Word starts computed for haystacks the index has none for, reused between calls.
    static SCRATCH: std::cell::RefCell<Vec<u64>> = std::cell::RefCell::default();
}

/// Computes the word starts of a haystack as a bit set, one `u64` per 64 bytes. Alignment
/// steps then find "the next three word starts" by counting bits instead of walking bytes.
pub(crate) fn word_starts(hay: &[u8], out: &mut Vec<u64>) {
    out.clear();
    let mut carry = 0;
    for chunk in hay.chunks(64) {
        let word = mask(chunk, is_word_byte);
        out.push(word & !((word << 1) | carry));
        carry = word >> 63;
    }
}

/// Word starts at or after byte `pos` and before `len`, in order.
pub(crate) fn starts_from(words: &[u64], pos: usize, len: usize) -> Starts<'_> {
    let block = pos / 64;
    Starts {
        words,
        block,
        bits: words.get(block).map_or(0, |b| b & (u64::MAX << (pos % 64))),
        len,
    }
}

/// The iterator behind [`starts_from`]: written out, it is much cheaper than a chain of
/// adapters in this hot loop.
pub(crate) struct Starts<'a> {
    words: &'a [u64],
    block: usize,
    bits: u64,
    len: usize,
}

impl Iterator for Starts<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            self.block += 1;
            if self.block >= self.words.len() || self.block * 64 >= self.len {
                return None;
            }
            self.bits = self.words[self.block];
        }
        let pos = self.block * 64 + self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        (pos < self.len).then_some(pos)
    }
}

/// Bit `i` is set when `f(chunk[i])`.
fn mask(chunk: &[u8], f: impl Fn(u8) -> bool) -> u64 {
    chunk
        .iter()
        .enumerate()
        .fold(0, |m, (i, &b)| m | (u64::from(f(b)) << i))
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
    words: &[u64],
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
        let mut ahead = starts_from(words, pos, hay.len()).take(MAX_WORDS_AHEAD);
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
        tight_window(hay, &[], needle).is_some()
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
        assert_eq!(tight_window(hay, &[], "oas"), Some(4..30));
        let mut words = Vec::new();
        word_starts(hay.as_bytes(), &mut words);
        assert_eq!(tight_window(hay, &words, "oas"), Some(4..30));
        assert_eq!(
            tight_window(&hay[..20], &words, "oas"),
            None,
            "bits past the end are ignored"
        );
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
