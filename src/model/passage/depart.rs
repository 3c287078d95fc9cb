//! Where a passage that is not in the text it cites (an excerpt, a direct quote) first
//! departs from it: the longest start of the passage that the text holds, and what each of
//! them has where they stop matching. A warning then points at that part of the passage,
//! "¶5 has “sides have promised to…” where the quote has “sides promised to live…”", rather
//! than underlining the whole passage with "not found".
//!
//! The two are compared in the form the check that failed compares them in: as written, or
//! with typography, spacing and letter case folded (see [`LOOSER`](super::LOOSER)). A
//! passage that only differs in typography is compared as written, which points at the
//! first character that differs; one that is not in the text even loosely is compared
//! loosely, which points at the first word that differs, past the typography. A direct
//! quote is compared as its check compares it: without double quotation marks, composed,
//! piece by piece between its cuts (`…`) and insertions (`[…]`), each piece where the one
//! before it ends, and each free to start with a capital.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

use super::super::text::safe_line;
use super::direct::DOUBLE_MARKS;
use super::normalise_char;

/// How much of a text a departure is looked for in: beyond this the warning keeps the
/// whole passage. Cited paragraphs are a few hundred bytes; this is a long chapter.
pub(super) const LARGEST: usize = 256 * 1024;

/// How many words the excerpts in a message show, from a word before the departure, and
/// how many characters at most before it and after it.
const WORDS: usize = 4;
const BEFORE: usize = 24;
const AFTER: usize = 32;

/// What kind of passage is compared: they are compared differently.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Passage {
    /// An excerpt: one passage, as written.
    Excerpt,
    /// A direct quote: pieces between cuts and insertions, without double marks.
    Quote,
}

/// Where a passage departs from the text it cites.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Departure {
    /// The bytes of the passage, as written, where it departs: the differing character,
    /// or, compared loosely, the word.
    pub(super) at: Range<usize>,
    /// The passage from a word before the departure, a few words on: display-safe.
    pub(super) ours: String,
    /// The text from the same place: display-safe.
    pub(super) theirs: String,
    /// Whether the text ends where the passage goes on.
    pub(super) text_ends: bool,
}

impl Departure {
    /// The label under the departure: what the text has there against what the passage
    /// has. `place` names the text ("¶5"), `what` the passage ("the quote").
    ///
    /// Each side stands between curly quotes, or between backticks when either holds a
    /// double quote mark of its own, which curly delimiters would blur: in “promise"…” or
    /// “taps,” she said.”, which mark ends the text?
    pub(super) fn label(&self, place: &str, what: &str) -> String {
        let (ours, theirs) = (&self.ours, &self.theirs);
        let marked = |s: &str| s.contains(['"', '“', '”', '„', '‟', '″']);
        let (open, close) = if marked(ours) || marked(theirs) {
            ("`", "`")
        } else {
            ("“", "”")
        };
        let ends = if self.text_ends { "ends with" } else { "has" };
        format!("{place} {ends} {open}{theirs}{close} where {what} has {open}{ours}{close}")
    }
}

/// A text in the form it is compared in, with where each of its bytes was in the text as
/// written.
struct Mapped {
    text: String,
    /// Per byte of `text`: the bytes of the written character (or the character and its
    /// combining marks, when they were composed) that it comes from.
    from: Vec<(u32, u32)>,
}

impl Mapped {
    /// `s` in the form `kind` compares it in: with `loose`, typography and spacing folded
    /// and in lower case ([`LOOSER`](super::LOOSER)'s last form).
    fn new(s: &str, kind: Passage, loose: bool) -> Self {
        let mut m = Self {
            text: String::with_capacity(s.len()),
            from: Vec::with_capacity(s.len()),
        };
        let quote = kind == Passage::Quote;
        let mut chars = s.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let mut end = i + c.len_utf8();
            // A quote is compared composed: a letter and the marks after it are one.
            let mut group: Option<String> = None;
            while quote && chars.peek().is_some_and(|&(_, m)| is_combining_mark(m)) {
                let (j, mark) = chars.next().unwrap_or_default();
                group.get_or_insert_with(|| c.to_string()).push(mark);
                end = j + mark.len_utf8();
            }
            let src = (small(i), small(end));
            match group {
                Some(g) => g.nfc().for_each(|c| m.push(c, src, quote, loose)),
                None => m.push(c, src, quote, loose),
            }
        }
        m
    }

    fn push(&mut self, c: char, src: (u32, u32), quote: bool, loose: bool) {
        let c = if loose { normalise_char(c) } else { c };
        if quote && DOUBLE_MARKS.contains(&c) {
            return;
        }
        if c == ' '
            && (quote || loose)
            && (self.text.ends_with(' ') || loose && self.text.is_empty())
        {
            return;
        }
        let mut emit = |c: char| {
            self.text.push(c);
            self.from.extend(std::iter::repeat_n(src, c.len_utf8()));
        };
        if loose {
            c.to_lowercase().for_each(&mut emit);
        } else {
            emit(c);
        }
    }

    /// Where the character at byte `i` of `text` starts in the text as written; the end
    /// of the written text for `i` at the end.
    fn start(&self, i: usize, written: &str) -> usize {
        self.from.get(i).map_or(written.len(), |r| r.0 as usize)
    }

    /// Where the character before byte `i` of `text` ends in the text as written.
    fn end(&self, i: usize) -> usize {
        i.checked_sub(1)
            .and_then(|i| self.from.get(i))
            .map_or(0, |r| r.1 as usize)
    }
}

fn small(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Where `passage` departs from `text` (the cited paragraphs as written, joined by one
/// space), compared as written or `loose`ly: the first place, then the places after it, at
/// most [`MOST`], so that one run of `check` shows every word to mend. Past each departure
/// the rest of its piece is looked for where the text goes on (within [`RESYNC`] bytes:
/// a word changed, added or left out); where that match stops is the next departure, and
/// where it cannot be found the list ends. None when the text is too large to look in,
/// when the passage is in it (piece by piece, in order), or when not even its first letter
/// is: then there is no closest place to point at.
pub(super) fn departures(passage: &str, text: &str, kind: Passage, loose: bool) -> Vec<Departure> {
    let mut out = Vec::new();
    if text.len() > LARGEST || passage.len() > LARGEST {
        return out;
    }
    let q = Mapped::new(passage, kind, loose);
    let t = Mapped::new(text, kind, loose);
    // A quote may start with a capital where the text goes on mid-sentence, in each piece.
    let flip = kind == Passage::Quote && !loose;
    let mut from = 0;
    let pieces = pieces(&q.text, kind);
    let Some(last) = pieces.len().checked_sub(1) else {
        return out;
    };
    for (n, piece) in pieces.into_iter().enumerate() {
        let spelt = &q.text[piece.clone()];
        let own_stop = spelt.trim_end_matches(['.', ',', ';', ':']);
        let found = find(&t.text[from..], spelt, flip).or_else(|| {
            (n == last && own_stop.len() < spelt.len())
                .then(|| find(&t.text[from..], own_stop, flip))
                .flatten()
        });
        if let Some((at, len)) = found {
            from += at + len;
            continue;
        }
        let Some((kept, at, len)) = longest_start(&t.text[from..], spelt, flip) else {
            return out;
        };
        if !spelt[..kept].chars().any(char::is_alphanumeric) {
            return out;
        }
        // Matching from `q_from` and `t_from`, departing at `q_at` and `t_at`.
        let (mut q_from, mut q_at) = (piece.start, piece.start + kept);
        let (mut t_from, mut t_at) = (from + at, from + at + len);
        loop {
            let (d, q_past) =
                described(&q, passage, &t, text, (q_from, q_at), (t_from, t_at), loose);
            out.push(d);
            if out.len() == MOST {
                return out;
            }
            // The rest of the piece, past the departing character or word.
            let rest_at = q_past + q.text[q_past..piece.end].len()
                - q.text[q_past..piece.end].trim_start_matches(' ').len();
            let rest = &q.text[rest_at..piece.end];
            if !rest.chars().any(char::is_alphanumeric) {
                break;
            }
            let window_end = super::super::diag::floor_char_boundary(
                &t.text,
                (t_at + RESYNC + rest.len()).min(t.text.len()),
            );
            let window = &t.text[t_at..window_end];
            // `longest_start` looks for a start shorter than the whole; the passage's own
            // full stop may end it where the text goes on, as for the first departure.
            let rest_stop = rest.trim_end_matches(['.', ',', ';', ':']);
            let found = find(window, rest, flip)
                .or_else(|| {
                    (n == last && rest_stop.len() < rest.len())
                        .then(|| find(window, rest_stop, flip))
                        .flatten()
                })
                .map(|(at, len)| (rest.len(), at, len));
            let Some((kept, at, len)) = found.or_else(|| longest_start(window, rest, flip)) else {
                return out;
            };
            let whole = kept == rest.len();
            let held = rest[..kept].chars().filter(|c| c.is_alphanumeric()).count();
            if at > RESYNC || (!whole && held < MIN_HELD) {
                return out;
            }
            if whole {
                t_at += at + len;
                break;
            }
            (q_from, q_at) = (rest_at, rest_at + kept);
            (t_from, t_at) = (t_at + at, t_at + at + len);
        }
        from = t_at;
    }
    out
}

/// The most departures one passage is pointed at: as many as a diagnostic quotes (the
/// first place and its related ones), since a passage that departs more often than that
/// is not a copy with slips but another passage.
pub(super) const MOST: usize = 1 + crate::model::diag::PLACES_QUOTED;

/// How far past a departure, in bytes of the text, the rest of the passage is looked for.
pub(super) const RESYNC: usize = 64;

/// The fewest letters and digits the passage must hold again, after a departure, for the
/// place where it stops to count as the next departure rather than a chance match.
const MIN_HELD: usize = 3;

/// The departure found at byte `q_at` of the passage and `t_at` of the text, in their
/// compared forms, each matching from `q_from` and `t_from` up to there; and where the
/// departing character or word ends in the passage's compared form.
fn described(
    q: &Mapped,
    passage: &str,
    t: &Mapped,
    text: &str,
    (q_from, q_at): (usize, usize),
    (t_from, t_at): (usize, usize),
    loose: bool,
) -> (Departure, usize) {
    let word = |c: char| c.is_alphanumeric();
    let next = |s: &str, i: usize| s[i..].chars().next();
    let prev = |s: &str, i: usize| s[..i].chars().next_back();
    // The caret: the character that differs; compared loosely, the word it is in (or the
    // next one, from a space).
    let (mut start, mut end) = (q_at, q_at + next(&q.text, q_at).map_or(0, char::len_utf8));
    if loose {
        let inside = prev(&q.text, q_at).is_some_and(word)
            && (next(&q.text, q_at).is_some_and(word)
                || next(&t.text, t_at).is_some_and(|c| word(c) || c == '\''));
        if inside {
            while start > q_from && prev(&q.text, start).is_some_and(word) {
                start -= prev(&q.text, start).map_or(1, char::len_utf8);
            }
        }
        while next(&q.text, start) == Some(' ') {
            start += 1;
        }
        end = start;
        while next(&q.text, end).is_some_and(word) {
            end += next(&q.text, end).map_or(1, char::len_utf8);
        }
        if end == start {
            end = start + next(&q.text, start).map_or(0, char::len_utf8);
        }
    }
    let at = q.start(start, passage)..q.end(end).max(q.start(start, passage));
    // Each excerpt starts a word before the departure, at the same place in both.
    let before = |s: &str, from: usize, at: usize| {
        let mut i = at;
        let back = |i: &mut usize, keep: &dyn Fn(char) -> bool| {
            while *i > from && prev(s, *i).is_some_and(keep) {
                *i -= prev(s, *i).map_or(1, char::len_utf8);
            }
        };
        back(&mut i, &|c| c != ' ');
        if i == at {
            back(&mut i, &|c| c == ' ');
            back(&mut i, &|c| c != ' ');
        }
        i
    };
    let ours = excerpt(
        passage,
        q.start(before(&q.text, q_from, q_at), passage),
        q.start(q_at, passage),
    );
    let theirs = excerpt(
        text,
        t.start(before(&t.text, t_from, t_at), text),
        t.start(t_at, text),
    );
    let departure = Departure {
        at,
        ours,
        theirs,
        text_ends: t_at >= t.text.len(),
    };
    (departure, end)
}

/// `s` from byte `from` (at most [`BEFORE`] characters before byte `at`), through
/// [`WORDS`] words (at most [`AFTER`] characters after `at`), display-safe, with `…`
/// where it is cut short.
fn excerpt(s: &str, from: usize, at: usize) -> String {
    let mut out = String::new();
    let mut from = from;
    if s[from..at].chars().count() > BEFORE {
        from = s[..at]
            .char_indices()
            .rev()
            .nth(BEFORE - 1)
            .map_or(from, |(i, _)| i);
        out.push('…');
    }
    let (mut words, mut after, mut in_word) = (0, 0, false);
    let mut end = from;
    for (i, c) in s[from..].char_indices() {
        let pos = from + i;
        if pos >= at {
            if after == AFTER {
                break;
            }
            after += 1;
        }
        let space = c.is_whitespace();
        if space && in_word {
            words += 1;
            if words >= WORDS && pos > at {
                break;
            }
        }
        in_word = !space;
        end = pos + c.len_utf8();
    }
    out.push_str(s[from..end].trim());
    if s[end..].chars().any(|c| !c.is_whitespace()) {
        out.push('…');
    }
    safe_line(&out)
}

/// Where `needle` first is in `hay`, and how long it is there: as spelt, or with its first
/// letter in the other case when `flip`.
fn find(hay: &str, needle: &str, flip: bool) -> Option<(usize, usize)> {
    if let Some(at) = hay.find(needle) {
        return Some((at, needle.len()));
    }
    let other = flip.then(|| super::direct::flipped(needle)).flatten()?;
    hay.find(&other).map(|at| (at, other.len()))
}

/// The longest start of `needle` that `hay` holds: its length in `needle`, and where it is
/// in `hay` and how long it is there. A start that is there makes every shorter start be
/// there, so the length is searched for by halves.
fn longest_start(hay: &str, needle: &str, flip: bool) -> Option<(usize, usize, usize)> {
    let bounds: Vec<usize> = needle
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(needle.len()))
        .collect();
    // bounds[lo] is held, bounds[hi] is not (the whole needle is not there).
    let (mut lo, mut hi) = (0, bounds.len() - 1);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if find(hay, &needle[..bounds[mid]], flip).is_some() {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    let kept = bounds[lo];
    if kept == 0 {
        return None;
    }
    let (at, len) = find(hay, &needle[..kept], flip)?;
    Some((kept, at, len))
}

/// The byte ranges of the pieces of a passage in its compared form: the whole of an
/// excerpt; a quote split at its cuts and insertions, each piece without the spaces around
/// it, the quote without the single marks around it, and without pieces that hold no
/// letter or digit.
fn pieces(text: &str, kind: Passage) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if kind == Passage::Excerpt {
        if !text.is_empty() {
            out.push(0..text.len());
        }
        return out;
    }
    let single = super::direct::SINGLE_MARKS;
    out.extend(
        super::direct::split_at_cuts(text)
            .into_iter()
            .map(|(r, ..)| r),
    );
    let n = out.len();
    out.into_iter()
        .enumerate()
        .map(|(k, r)| {
            let mut piece = &text[r.clone()];
            piece = piece.trim_matches(' ');
            if k == 0 {
                piece = piece.trim_start_matches(single).trim_start_matches(' ');
            }
            if k + 1 == n {
                piece = piece.trim_end_matches(single).trim_end_matches(' ');
            }
            let from = piece.as_ptr() as usize - text.as_ptr() as usize;
            from..from + piece.len()
        })
        .filter(|r| text[r.clone()].chars().any(char::is_alphanumeric))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first place `passage` departs from `text`.
    fn departure(passage: &str, text: &str, kind: Passage, loose: bool) -> Option<Departure> {
        departures(passage, text, kind, loose).into_iter().next()
    }

    /// The passage's departing part, and the label, for `passage` against `text`.
    fn depart(passage: &str, text: &str, kind: Passage, loose: bool) -> Option<(String, String)> {
        let d = departure(passage, text, kind, loose)?;
        Some((passage[d.at.clone()].to_owned(), d.label("¶5", "the quote")))
    }

    /// Every departing part of `passage` against `text`.
    fn parts(passage: &str, text: &str, kind: Passage, loose: bool) -> Vec<String> {
        departures(passage, text, kind, loose)
            .into_iter()
            .map(|d| passage[d.at].to_owned())
            .collect()
    }

    #[test]
    fn every_word_that_departs_is_found_in_one_pass() {
        let text = "Labour minister Maria Jose Penaloza told reporters that the government would propose a mediation table before the strike date.";
        // Two words changed.
        let excerpt = "Labour minister Maria Jose Penaloza told journalists that the government would propose a mediation desk before the strike date.";
        assert_eq!(
            parts(excerpt, text, Passage::Excerpt, true),
            ["journalists", "desk"]
        );
        // A word left out, one added, one changed.
        let excerpt = "Labour minister Maria Penaloza told the reporters that the government will propose a mediation table before the strike date.";
        assert_eq!(
            parts(excerpt, text, Passage::Excerpt, true),
            ["Penaloza", "the", "will"]
        );
        // As written: each letter whose case differs.
        let excerpt = "Labour minister maria Jose penaloza told reporters";
        assert_eq!(parts(excerpt, text, Passage::Excerpt, false), ["m", "p"]);
        let d = departures(excerpt, text, Passage::Excerpt, false);
        assert_eq!(
            d[1].label("¶6", "the excerpt"),
            "¶6 has “Jose Penaloza told reporters…” where the excerpt has “Jose penaloza told reporters”"
        );
    }

    #[test]
    fn departures_end_where_the_rest_of_the_passage_is_not_near() {
        let text =
            "The union said the strike would go on until the port authority returned to the table.";
        // After "walkout", nothing of the passage is near: one departure, no chance
        // matches of a short word further on.
        assert_eq!(
            parts(
                "The union said the walkout, which began in March, will end when wages rise.",
                text,
                Passage::Excerpt,
                true
            ),
            ["walkout"]
        );
        // A direct quote: a departure in each piece between its cuts.
        let text = "“We will not sign a deal that sells the night shift,” Ortúzar said, “and the cranes stay still until it is paid.”";
        assert_eq!(
            parts(
                "We will not sign a contract that sells the night shift … the cranes stay quiet until it is paid",
                text,
                Passage::Quote,
                true
            ),
            ["contract", "quiet"]
        );
    }

    #[test]
    fn a_quote_departs_at_the_first_word_the_text_does_not_have_there() {
        let text = "“The numbers will be the numbers, and both sides have promised to live with them,” Haddad said.";
        assert_eq!(
            depart(
                "The numbers will be the numbers, and both sides promised to live with them.",
                text,
                Passage::Quote,
                true
            ),
            Some((
                "promised".into(),
                "¶5 has “sides have promised to…” where the quote has “sides promised to live…”"
                    .into()
            ))
        );
        let text =
            "“We are not turning off anyone's taps. We are keeping a reservoir alive,” Marr said.";
        assert_eq!(
            depart(
                "We are not turning off anyones taps.",
                text,
                Passage::Quote,
                true
            ),
            Some((
                "anyones".into(),
                "¶5 has “anyone's taps. We are…” where the quote has “anyones taps.”".into()
            ))
        );
        let text = "It was a unilateral act that leaves half a million people on rations.";
        assert_eq!(
            depart(
                "A unilateral act, that leaves half a million people on rations",
                text,
                Passage::Quote,
                true
            ),
            Some((
                ",".into(),
                "¶5 has “act that leaves half…” where the quote has “act, that leaves half…”"
                    .into()
            ))
        );
    }

    #[test]
    fn a_quote_that_differs_in_typography_departs_at_the_first_character_that_differs() {
        let text = "“We are not turning off anyone's taps,” she said.";
        assert_eq!(
            depart(
                "We are not turning off anyone’s taps.",
                text,
                Passage::Quote,
                false
            ),
            Some((
                "’".into(),
                "¶5 has `anyone's taps,” she said.` where the quote has `anyone’s taps.`".into()
            ))
        );
    }

    #[test]
    fn pieces_between_cuts_are_followed_in_order() {
        let text = "We met on Monday. The talks went well, and we will meet again in June.";
        // The first piece is there; the second departs in `July`, after `Ju`.
        let d = departure(
            "We met … we will meet again in July.",
            text,
            Passage::Quote,
            true,
        )
        .unwrap();
        assert_eq!(&"We met … we will meet again in July."[d.at], "July");
        assert_eq!(d.theirs, "June.");
        assert_eq!(d.ours, "July.");
        // A quote that ends where the text does not.
        let d = departure(
            "The talks went well, and we will meet again in June soon",
            text,
            Passage::Quote,
            true,
        )
        .unwrap();
        assert_eq!(d.theirs, "June.");
        assert!(!d.text_ends);
        let d = departure(
            "meet again in June. Then",
            "we will meet again in June.",
            Passage::Excerpt,
            false,
        )
        .unwrap();
        assert!(d.text_ends);
        assert_eq!(
            d.label("¶2", "the excerpt"),
            "¶2 ends with “June.” where the excerpt has “June. Then”"
        );
    }

    #[test]
    fn an_excerpt_departs_where_it_is_written_even_through_composed_letters() {
        // The caret lands on the passage as written: after a decomposed é in a quote.
        let quote = "Le ministre a parle\u{301} hier de la paix";
        let d = departure(
            quote,
            "Le ministre a parlé hier de la guerre.",
            Passage::Quote,
            true,
        )
        .unwrap();
        assert_eq!(&quote[d.at], "paix");
        assert_eq!(d.theirs, "la guerre.");
        // Excerpts are compared as written, letter case and all.
        let d = departure(
            "Kenya’s Officers",
            "Kenya’s officers said no.",
            Passage::Excerpt,
            false,
        )
        .unwrap();
        assert_eq!(&"Kenya’s Officers"[d.at], "O");
    }

    #[test]
    fn no_closest_place_is_no_departure() {
        assert_eq!(
            departure("Nothing alike", "xyz", Passage::Quote, true),
            None
        );
        assert_eq!(departure("[…]", "xyz", Passage::Quote, true), None);
        assert_eq!(
            departure("in it", "it is in it.", Passage::Excerpt, false),
            None
        );
        // Control characters in either side are shown, not sent.
        let d = departure("say \u{1b}[2J no", "say yes", Passage::Excerpt, false).unwrap();
        assert_eq!(d.ours, "say ^[[2J no");
    }
}
