//! Direct quotes against the text they cite: a `kind = "direct"` quote is the speaker's
//! words, so they are in the paragraphs its citations name, in order.
//!
//! What quoting conventions allow is allowed: a cut (`…` or `...`) leaves words out and an
//! insertion in square brackets adds the author's own; double quotation marks are not part
//! of the words (a quote over two paragraphs has a mark at the start of each in a
//! newspaper, and a quote may hold one the source does not); the quote may end with its
//! own full stop where the source goes on with a comma, a dash or a closing mark, and may
//! start with a capital where the source goes on mid-sentence. Text is compared in
//! Unicode's composed form, so an accent typed as a combining mark matches the same letter
//! written as one char. What is not allowed: a cut that moves words (the pieces must come
//! in the source's order, each as often as it is quoted), a cut inside a word, and a full
//! stop that ends a sentence the source goes on with ("We are not there." for "we are not
//! there yet").

use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization as _, is_nfc_quick};

use super::super::check::{LocalCite, QuoteDraft};
use super::super::diag::Diagnostic;
use super::super::text::safe_line;
use super::depart::Passage;
use super::{Against, Form, LOOSER, not_verbatim, paragraph_range};

/// Double quotation marks: not part of a quote's words.
pub(super) const DOUBLE_MARKS: &[char] = &['"', '“', '”', '„', '‟', '«', '»', '″'];

/// Single marks, taken off the ends of a quote's text.
pub(super) const SINGLE_MARKS: &[char] = &['\'', '‘', '’', '‚', '‛'];

/// What may follow, in the source, the words of a quote that ends with its own full stop
/// (after spaces): the end of the paragraph, or a mark that ends or breaks a sentence.
const SENTENCE_BREAKS: &[char] = &[
    '.', ',', ';', ':', '!', '?', '—', '–', '-', '…', ')', '’', '\'',
];

/// One piece of a quote: words between cuts.
#[derive(Debug, PartialEq, Eq)]
struct Piece {
    text: String,
    /// The quote's last piece, which ended with a `.`, `,`, `;` or `:` of its own.
    ends_sentence: bool,
    /// Next to an insertion, which may stand for part of a word ("[T]he", "ban[s]"): the
    /// piece may start, or end, inside a word of the source.
    open: (bool, bool),
}

/// Checks a direct quote against the places it cites that have a text (`cited`: each
/// citation with its text's [`Against`]). Quiet when none of them has a text, when a
/// locator has a warning of its own, or when the quote is in one of them.
pub(super) fn check(
    q: &QuoteDraft,
    cited: &[(&LocalCite, usize)],
    against: &mut [Against<'_>],
) -> Option<Diagnostic> {
    let pieces = pieces(q.text.raw());
    if pieces.is_empty() {
        return None;
    }
    let mut places = Vec::new();
    for &(cite, at) in cited {
        let count = against[at].text.paragraphs.len();
        let Some(range) = paragraph_range(cite.locator.raw()).filter(|r| *r.end() <= count) else {
            continue;
        };
        let cited = range.start() - 1..*range.end();
        let size = against[at].bytes(&cited);
        if !Against::spend(against[at].checks, 6 * size) {
            against[at].skipped_quotes += 1;
            return None;
        }
        let text = against[at].plain_joined(&cited);
        if in_order(&text, &pieces, same) {
            return None;
        }
        places.push((cite, at, cited, text));
    }
    let (cite, at, cited, text) = places.into_iter().next()?;
    let against = &mut against[at];
    let (locator, name) = (cite.locator.safe(), safe_line(against.name));
    let how = LOOSER
        .into_iter()
        .find(|&(form, _)| in_order(&joined(against, &cited, form), &pieces, form))
        .map(|(_, how)| how);
    let span = q.text_span.clone();
    let quote = q.text.raw();
    // A quote that is there in a looser form is pointed at its first character that
    // differs as written; one that is not, at the first word that differs loosely.
    if let Some(how) = how {
        let d = not_verbatim(
            format!("this direct quote differs from {locator} of `{name}` {how}"),
            span.clone(),
            "a direct quote is verbatim: copy it exactly as the text has it (… marks a cut, [ ] words you add)",
        );
        let departures = against.departures(&cited, quote, Passage::Quote, false);
        return Some(against.point(d, departures, (quote, &span), locator, "the quote"));
    }
    let missing = pieces
        .iter()
        .position(|p| !in_order(&text, std::slice::from_ref(p), same));
    let Some(missing) = missing else {
        return Some(
            Diagnostic::warning(format!(
                "this direct quote's parts are in another order in {locator} of `{name}`"
            ))
            .at(0, span)
            .label("not in the source's order")
            .help("a cut (…) leaves words out but cannot move them: quote the parts in the order the text has them, or as two quotes"),
        );
    };
    let anywhere = against.find_anywhere(&pieces[missing].text);
    let elsewhere = anywhere.filter(|n| !cited.contains(&(n - 1)));
    let wider = wider(against, &cited, &pieces);
    // Only a quote whose words are nowhere else has a closest place in the cited text.
    let nowhere = wider.is_none() && anywhere.is_none();
    let help = match (wider, elsewhere) {
        (Some((from, to)), _) => format!("it runs across ¶{from}–¶{to}: cite that range"),
        (None, None) if anywhere.is_some() => format!(
            "its words are in {locator}, but it stops inside a word or a sentence of the text: quote to a word's end (a full stop only where the text ends a sentence) and mark a cut with …"
        ),
        (None, Some(n)) if pieces.len() == 1 => format!("it is in ¶{n}: cite that paragraph"),
        (None, Some(n)) => format!(
            "“{}…” is in ¶{n}: cite that paragraph too",
            safe_line(short(&pieces[missing].text))
        ),
        (None, None) => "a direct quote is verbatim: copy it as the text has it, with … for a cut and [ ] around words you add; a paraphrase is `kind = \"reported\"`".to_owned(),
    };
    let d = Diagnostic::warning(format!("this direct quote is not in {locator} of `{name}`"))
        .at(0, span.clone())
        .label("not found in the cited paragraph")
        .help(help);
    let departures = if nowhere {
        against.departures(&cited, quote, Passage::Quote, true)
    } else {
        Vec::new()
    };
    Some(against.point(d, departures, (quote, &span), locator, "the quote"))
}

/// Whether a direct quote's text holds any of the speaker's words: something other than
/// cuts (`…`) and insertions in square brackets. That is a letter or digit outside the
/// brackets, as [`pieces`] splits the text, found without making the pieces: this is asked
/// of every direct quote, most of which have no text to be checked against.
pub(crate) fn has_words(text: &str) -> bool {
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c.is_alphanumeric() {
            return true;
        }
        rest = if c == '[' {
            rest.find(']').map_or("", |j| &rest[j + 1..])
        } else {
            &rest[c.len_utf8()..]
        };
    }
    false
}

/// A text as it is compared in its plainest form: composed, without double marks.
fn same(s: &str) -> String {
    s.to_owned()
}

/// The cited paragraphs (from 0) in one of the [`LOOSER`] forms, composed, without double
/// marks, and joined by one space (a quote may run on from one paragraph into the next).
/// As written, they are [`Against::plain_joined`].
fn joined(against: &Against<'_>, cited: &Range<usize>, form: Form) -> String {
    let parts: Vec<String> = cited
        .clone()
        .map(|i| plain(&form(against.raw(i))))
        .collect();
    parts.join(" ")
}

/// Composed, without double marks, spaces left by a removed mark made one.
pub(super) fn plain(s: &str) -> String {
    // Most texts are already in their plainest form: copied at memory speed.
    if is_plain(s) {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    // A mark was left out right after a letter: if a letter follows, the mark parted two
    // words (Korean's `무사하다"고`, the quoted words and their particle) and a space does.
    let mut glued = false;
    let mut push = |c: char| {
        if DOUBLE_MARKS.contains(&c) {
            glued = out.chars().next_back().is_some_and(char::is_alphanumeric);
            return;
        }
        if std::mem::take(&mut glued) && c.is_alphanumeric() {
            out.push(' ');
        }
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    };
    // Composing is the costly part, and text is nearly always composed already.
    if matches!(is_nfc_quick(s.chars()), IsNormalized::Yes) {
        s.chars().for_each(&mut push);
    } else {
        s.nfc().for_each(&mut push);
    }
    out
}

/// Whether [`plain`] leaves `s` as it is: no double mark, no two spaces in a row, and
/// composed. One pass over the bytes; only a text with a char from U+0300 on (combining
/// marks start there, and every char before it is composed and a starter) is looked up in
/// Unicode's tables.
fn is_plain(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut beyond_latin = false;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            if b == b'"' || b == b' ' && bytes.get(i + 1) == Some(&b' ') {
                return false;
            }
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if DOUBLE_MARKS.contains(&c) {
            return false;
        }
        beyond_latin |= c >= '\u{300}';
        i += c.len_utf8();
    }
    !beyond_latin || matches!(is_nfc_quick(s.chars()), IsNormalized::Yes)
}

/// Whether the pieces, each in `form`, are in `text` one after the other, each starting and
/// ending at a word's edge (or with its first letter in the other case), and the last,
/// if it ended a sentence of its own, followed by the end of the text or a sentence break.
fn in_order(text: &str, pieces: &[Piece], form: Form) -> bool {
    let mut from = 0;
    for p in pieces {
        let spelt = plain(&form(&p.text));
        // The other case only when the piece as spelt is not there: trying both for every
        // piece would scan the rest of the text once per piece.
        let found =
            first_at(text, &spelt, from, p).or_else(|| first_at(text, &flipped(&spelt)?, from, p));
        match found {
            Some(end) => from = end,
            None => return false,
        }
    }
    true
}

/// Whether `c` is a letter or digit of a script that writes its words without spaces
/// between them: Chinese, Japanese, Thai, Lao, Khmer, Myanmar. Any edge between two of
/// them may end a word, so a quote may stop there.
fn unspaced(c: char) -> bool {
    matches!(c,
        '\u{0E00}'..='\u{0EFF}'     // Thai, Lao
        | '\u{1000}'..='\u{109F}'   // Myanmar
        | '\u{1780}'..='\u{17FF}'   // Khmer
        | '\u{3005}'..='\u{3007}'   // 々 〆 〇
        | '\u{3040}'..='\u{30FF}'   // hiragana, katakana
        | '\u{31F0}'..='\u{31FF}'   // katakana phonetic extensions
        | '\u{3400}'..='\u{4DBF}'   // CJK ideographs, extension A
        | '\u{4E00}'..='\u{9FFF}'   // CJK ideographs
        | '\u{F900}'..='\u{FAFF}'   // compatibility ideographs
        | '\u{FF66}'..='\u{FF9F}'   // halfwidth katakana
        | '\u{20000}'..='\u{3134F}' // ideographs of the supplementary planes
    )
}

/// Where the first fitting occurrence of `piece` (spelt `spelt`) at or after `from` ends.
fn first_at(text: &str, spelt: &str, from: usize, piece: &Piece) -> Option<usize> {
    // A letter of a word that spaces end: a piece starting or ending between two of them
    // starts or ends inside a word.
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() && !unspaced(c));
    let mut start = from;
    while let Some(i) = text.get(start..)?.find(spelt) {
        let at = start + i;
        let end = at + spelt.len();
        let (before, after) = (text[..at].chars().next_back(), text[end..].chars().next());
        let edges = (piece.open.0 || !(word(before) && word(spelt.chars().next())))
            && (piece.open.1 || !(word(after) && word(spelt.chars().next_back())));
        let sentence = !piece.ends_sentence
            || text[end..]
                .trim_start()
                .chars()
                .next()
                .is_none_or(|c| SENTENCE_BREAKS.contains(&c));
        if edges && sentence {
            return Some(end);
        }
        start = at + text[at..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// A piece with its first letter in the other case, if that is another piece.
pub(super) fn flipped(piece: &str) -> Option<String> {
    let mut chars = piece.chars();
    let first = chars.next()?;
    let other: String = if first.is_uppercase() {
        first.to_lowercase().chain(chars).collect()
    } else {
        first.to_uppercase().chain(chars).collect()
    };
    (other != piece).then_some(other)
}

/// The cited range with the paragraph before or after it, from 1, when the quote is in
/// that: the range the citation meant.
fn wider(
    against: &mut Against<'_>,
    cited: &Range<usize>,
    pieces: &[Piece],
) -> Option<(usize, usize)> {
    let count = against.text.paragraphs.len();
    let size = against.bytes(cited);
    if !Against::spend(against.hints, 4 * size) {
        return None;
    }
    [
        cited.start.saturating_sub(1)..cited.end,
        cited.start..(cited.end + 1).min(count),
    ]
    .into_iter()
    .filter(|r| r.len() > cited.len())
    .find(|r| {
        // The paragraph added, alone, holding it all is a wrong locator, not a short range.
        let added = if r.start < cited.start {
            r.start
        } else {
            r.end - 1
        };
        in_order(&against.plain_joined(r), pieces, same)
            && !in_order(&against.plain_joined(&(added..added + 1)), pieces, same)
    })
    .map(|r| (r.start + 1, r.end))
}

/// The pieces of a quote's text: the text split at cuts (`…`, `...`) and at insertions in
/// square brackets, composed, without double marks, trimmed, without the single marks
/// around it; the last without a `.`, `,`, `;` or `:` that ends the quote (noted). Pieces
/// without a letter or digit are left out.
fn pieces(text: &str) -> Vec<Piece> {
    let text = plain(text);
    let text = text.trim().trim_matches(SINGLE_MARKS);
    // (piece, whether an insertion comes before it, and after it).
    let mut raw: Vec<(&str, bool, bool)> = split_at_cuts(text)
        .into_iter()
        .map(|(r, before, after)| (&text[r], before, after))
        .collect();
    let (tail, inserted, _) = raw.pop().unwrap_or(("", false, false));
    let last = tail.trim_end().trim_end_matches(['.', ',', ';', ':']);
    let ends_sentence = last.len() < tail.trim_end().len();
    raw.push((last, inserted, false));
    let n = raw.len();
    raw.into_iter()
        .enumerate()
        .map(|(i, (p, after, before))| Piece {
            // Spaces next to an insertion are the source's own: "[the] effort" is "effort".
            text: p.trim().to_owned(),
            ends_sentence: ends_sentence && i + 1 == n,
            open: (after && !p.starts_with(' '), before && !p.ends_with(' ')),
        })
        .filter(|p| p.text.chars().any(char::is_alphanumeric))
        .collect()
}

/// A quote's text split at its cuts (`…`, `...`) and insertions in square brackets: each
/// piece's byte range, whether an insertion comes before it, and after it. There is always
/// a last piece, perhaps empty.
pub(super) fn split_at_cuts(text: &str) -> Vec<(Range<usize>, bool, bool)> {
    let mut out = Vec::new();
    let (mut start, mut inserted) = (0, false);
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let skip_to = match c {
            '…' => Some((i + c.len_utf8(), false)),
            '.' if text[i..].starts_with("...") => Some((i + 3, false)),
            '[' => Some((text[i..].find(']').map_or(text.len(), |j| i + j + 1), true)),
            _ => None,
        };
        if let Some((end, insertion)) = skip_to {
            out.push((start..i, inserted, insertion));
            (start, inserted) = (end, insertion);
            while chars.peek().is_some_and(|&(j, _)| j < end) {
                chars.next();
            }
        }
    }
    out.push((start..text.len(), inserted, false));
    out
}

/// The first few words of a piece, for a message.
fn short(piece: &str) -> &str {
    let end = (piece.char_indices())
        .filter(|&(_, c)| c == ' ')
        .nth(4)
        .map_or(piece.len(), |(i, _)| i);
    &piece[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick answers agree with the pieces and with the slow path, on texts with
    /// every kind of mark, cut, insertion, space and char the two look at.
    #[test]
    fn the_quick_answers_agree_with_the_pieces_and_the_slow_path() {
        use proptest::prelude::*;
        let alphabet = prop::sample::select(vec![
            "a",
            "Z",
            "7",
            " ",
            "  ",
            ".",
            "...",
            "…",
            "[",
            "]",
            "[sic]",
            "\"",
            "“",
            "”",
            "«",
            "»",
            "″",
            "'",
            "’",
            ",",
            "é",
            "e\u{301}",
            "\u{301}",
            "\u{316}",
            "ñ",
            "—",
            "京",
            "\u{1100}\u{1161}",
            "Ω",
            "\u{2126}",
            "ﬁ",
            "\u{200B}",
        ]);
        let mut runner = proptest::test_runner::TestRunner::deterministic();
        runner
            .run(&prop::collection::vec(alphabet, 0..12), |parts| {
                let text: String = parts.concat();
                prop_assert_eq!(has_words(&text), !pieces(&text).is_empty(), "{:?}", text);
                if is_plain(&text) {
                    let mut slow = String::new();
                    for c in text.nfc() {
                        if !(DOUBLE_MARKS.contains(&c) || c == ' ' && slow.ends_with(' ')) {
                            slow.push(c);
                        }
                    }
                    prop_assert_eq!(slow, text.clone(), "plain already: {:?}", text);
                }
                Ok(())
            })
            .unwrap();
        assert!(!is_plain("a  b") && !is_plain("“a”") && !is_plain("e\u{301}"));
        assert!(is_plain("l’été — « »".trim_end_matches([' ', '«', '»'])));
    }

    fn texts(text: &str) -> Vec<String> {
        pieces(text).into_iter().map(|p| p.text).collect()
    }

    fn quoted_in(quote: &str, source: &str) -> bool {
        in_order(&plain(source), &pieces(quote), same)
    }

    #[test]
    fn a_quote_is_cut_at_ellipses_and_insertions() {
        assert_eq!(
            texts("“That is … and it will [the mission] serve...”"),
            ["That is", "and it will", "serve"]
        );
        assert_eq!(texts("[…] a whole [unclosed"), ["a whole"]);
        assert!(texts("“ … ”").is_empty());
        assert_eq!(texts("Yes, we are aware."), ["Yes, we are aware"]);
        assert!(pieces("Yes, we are aware.")[0].ends_sentence);
        assert!(!pieces("Yes … we are aware")[0].ends_sentence);
    }

    #[test]
    fn what_quoting_allows_passes() {
        let source = "“Yes, we are aware,” the minister said. “That is a greater involvement.";
        for quote in [
            "Yes, we are aware.",
            "yes, we are aware",
            "The minister said.",
            "Yes … the minister said",
            "That is a [much] greater involvement.",
            "aware, the minister said. That is",
        ] {
            assert!(quoted_in(quote, source), "{quote}");
        }
        // An accent as a combining mark is the same letter.
        assert!(quoted_in(
            "Le ministre a parle\u{301}",
            "Le ministre a parlé."
        ));
    }

    #[test]
    fn what_quoting_forbids_is_caught() {
        let source = "We are not there yet — but we are closer than we have been. Trust is built, and trust is kept.";
        for quote in [
            "closer than we have been … We are not there yet",
            "trust … trust … trust",
            "We are not there.",
            "We are not th… closer",
            "are clos",
        ] {
            assert!(!quoted_in(quote, source), "{quote}");
        }
        assert!(quoted_in("We are not there yet.", source), "a dash follows");
        assert!(quoted_in("Trust … trust is kept", source));
    }

    /// Chinese and Japanese put no spaces between words, so a quote may stop at any of
    /// their characters; Korean quotes end where the quotative particle is glued to the
    /// closing mark.
    #[test]
    fn quotes_in_scripts_without_spaces_may_stop_between_any_two_characters() {
        let ja = "気象庁は「命を守る行動を最優先にしてください」と述べた。";
        assert!(quoted_in("命を守る行動を…", ja));
        assert!(quoted_in("命を守る行動を…してください", ja));
        assert!(quoted_in("最優先に", ja));
        assert!(
            !quoted_in("してください…命を守る", ja),
            "order still counts"
        );
        let zh = "他说：“我们必须保护人民的生命。”";
        assert!(quoted_in("我们必须保护人民", zh));
        let ko = "그는 \"기상이 나빴지만 모두 무사하다\"고 말했다.";
        assert_eq!(plain("무사하다\"고"), "무사하다 고");
        assert!(quoted_in("기상이 나빴지만 모두 무사하다", ko));
        assert!(
            !quoted_in("기상이 나빴지만 모두 무사하", ko),
            "Hangul words are spaced"
        );
        // Latin words still end at their edges.
        assert!(!quoted_in("are clos", "We are closer."));
        assert_eq!(plain("the \"word\" here"), "the word here");
    }

    #[test]
    fn an_insertion_may_stand_for_part_of_a_word() {
        let source = "The ceasefire must hold, the envoys said of the bans.";
        assert!(quoted_in("[T]he ceasefire must hold", source));
        assert!(quoted_in("the envoys said of the ban[s]", source));
        assert!(quoted_in("[The] ceasefire must hold", source));
        assert!(!quoted_in("[The] easefire must hold", source));
    }

    #[test]
    fn plain_text_is_composed_without_double_marks() {
        // Each way into `plain`: plain ASCII, ASCII with marks or double spaces, composed
        // text from elsewhere, decomposed text.
        assert_eq!(plain("Yes, we are aware."), "Yes, we are aware.");
        assert_eq!(plain(r#"He said "yes"  twice"#), "He said yes twice");
        assert_eq!(plain("« Oui »,  dit-il — déjà"), " Oui , dit-il — déjà");
        assert_eq!(plain("“De\u{301}ja\u{300}”  vu"), "Déjà vu");
    }
}
