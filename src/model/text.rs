//! Display-safe text.
//!
//! Strings from briefing files are untrusted. Each one is turned into a display-safe form
//! once, at load time: control characters, C1 codes, bidi controls and zero-width characters
//! become visible tokens (`^[`, `⟨U+202E⟩`), tabs are expanded and the text is NFC-normalised.
//! The author's exact text is kept beside it for export.

use std::borrow::Cow;
use std::fmt::Write as _;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_general_category::GeneralCategory;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Tab stops used when expanding tabs.
const TAB_WIDTH: usize = 4;

/// A string from a briefing file: the author's exact text plus its display-safe form.
///
/// The safe form is only stored when it differs, which it rarely does. Clean text is one
/// [`CompactString`]: inline when short (ids, locators, names), as most strings of a
/// library are, so a warm start decodes them without an allocation each. A `Text` takes 24
/// bytes, and so does an `Option<Text>`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text(Repr);

#[derive(Clone, Debug, PartialEq, Eq)]
enum Repr {
    /// Text that is its own display-safe form.
    Plain(CompactString),
    /// Text whose display-safe form differs.
    Escaped(Box<Escaped>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Escaped {
    raw: CompactString,
    safe: Box<str>,
}

impl Default for Text {
    fn default() -> Self {
        Self(Repr::Plain(CompactString::default()))
    }
}

impl Text {
    /// Wraps untrusted text, computing its display-safe form.
    pub fn new(raw: impl Into<CompactString>) -> Self {
        let raw = raw.into();
        match display_safe(&raw) {
            Cow::Borrowed(_) => Self(Repr::Plain(raw)),
            Cow::Owned(safe) => Self::escaped(raw, safe.into_boxed_str()),
        }
    }

    fn escaped(raw: CompactString, safe: Box<str>) -> Self {
        Self(Repr::Escaped(Box::new(Escaped { raw, safe })))
    }

    /// The author's exact text, for export.
    pub fn raw(&self) -> &str {
        match &self.0 {
            Repr::Plain(s) => s,
            Repr::Escaped(e) => &e.raw,
        }
    }

    /// The display-safe text: the only form that may reach a terminal.
    pub fn safe(&self) -> &str {
        match &self.0 {
            Repr::Plain(s) => s,
            Repr::Escaped(e) => &e.safe,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.raw().trim().is_empty()
    }

    /// The same text, with whatever it keeps on the heap copied into memory of the calling
    /// thread's. A load parses on rayon's threads, among the parser's short-lived
    /// allocations; a library that kept those strings where they were made would keep
    /// most of the parser's memory pages in use, each for a few strings.
    #[must_use]
    pub(crate) fn fresh(self) -> Self {
        match self.0 {
            Repr::Plain(s) if s.is_heap_allocated() => Self(Repr::Plain(CompactString::new(&s))),
            Repr::Plain(s) => Self(Repr::Plain(s)),
            Repr::Escaped(e) => Self::escaped(CompactString::new(&e.raw), e.safe.as_ref().into()),
        }
    }
}

/// Only the author's exact text is kept, in exports and in the warm-start cache alike. The
/// display-safe form is made again whenever a `Text` is read back, since no file, the cache's
/// included, is trusted to say what is safe to show.
impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.raw())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        CompactString::deserialize(deserializer).map(Self::new)
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.safe())
    }
}

/// True for characters that must never reach a terminal as themselves: invisible formatting
/// characters (bidi controls, zero-width characters, every default-ignorable code point) and
/// characters whose width terminals disagree on, which leave stale cells on screen. Code
/// points Unicode has not assigned (general category Cn) are among the latter: a terminal
/// may draw one at no width, one cell or two; until this program knows a later Unicode's
/// meaning for one, it is shown as its number.
pub fn is_invisible_format(c: char) -> bool {
    listed_invisible(c) || plane_end(c) || {
        let category = unicode_general_category::get_general_category(c);
        category == GeneralCategory::Unassigned || width_disagrees(c, category)
    }
}

/// The noncharacters at the end of every plane (U+FFFE, U+1FFFF, …).
fn plane_end(c: char) -> bool {
    (u32::from(c) & 0xFFFE) == 0xFFFE
}

/// The characters [`is_invisible_format`] names one by one: each is invisible, changes
/// what is around it, or is drawn at widths that differ with what follows it.
fn listed_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'                  // soft hyphen
        | '\u{034F}'                // combining grapheme joiner
        | '\u{0600}'..='\u{0605}'   // Arabic prepended concatenation marks
        | '\u{061C}'                // Arabic letter mark
        | '\u{06DD}'                // Arabic end of ayah
        | '\u{070F}'                // Syriac abbreviation mark
        | '\u{0890}' | '\u{0891}'   // Arabic pound and piastre marks above
        | '\u{08E2}'                // Arabic disputed end of ayah
        | '\u{115F}' | '\u{1160}'   // Hangul fillers
        | '\u{17B4}' | '\u{17B5}'   // Khmer inherent vowels
        | '\u{180B}'..='\u{180F}'   // Mongolian variation selectors and vowel separator
        | '\u{200B}'..='\u{200F}'   // zero-width space/joiners, LRM, RLM
        | '\u{2028}' | '\u{2029}'   // line and paragraph separators
        | '\u{202A}'..='\u{202E}'   // bidi embeddings and overrides
        | '\u{2060}'..='\u{206F}'   // word joiner, bidi isolates, invisible operators
        | '\u{3164}'                // Hangul filler
        | '\u{E000}'..='\u{F8FF}'   // private use: drawn at any width a font likes
        | '\u{FDD0}'..='\u{FDEF}'   // noncharacters
        | '\u{FE00}'..='\u{FE0F}'   // variation selectors: terminals disagree on their width
                                    // (VS15 and VS16 after a character are let go instead)
        | '\u{FEFF}'                // byte-order mark / zero-width no-break space
        | '\u{FFA0}'                // halfwidth Hangul filler
        | '\u{FFF0}'..='\u{FFFB}'   // unassigned specials, interlinear annotation
        | '\u{110BD}' | '\u{110CD}' // Kaithi number signs
        | '\u{13430}'..='\u{1343F}' // Egyptian hieroglyph format controls
        | '\u{1BCA0}'..='\u{1BCA3}' // shorthand format controls
        | '\u{1D173}'..='\u{1D17A}' // musical symbol format controls
        | '\u{1F1E6}'..='\u{1F1FF}' // regional indicators: a pair is a flag that terminals
                                    // draw in one cell, two, or four, leaving stale cells
        | '\u{1F3FB}'..='\u{1F3FF}' // emoji skin-tone modifiers
        | '\u{E0000}'..='\u{E0FFF}' // tags, supplementary variation selectors, reserved ignorables
        | '\u{F0000}'..='\u{10FFFF}' // supplementary private use
    )
}

/// Whether `c` is shown by number on the screen only because the layout and terminals
/// measure it differently (Bengali's vowel sign `া`, the trigram `☰`): a printable
/// character of an assigned code point that does nothing to what is around it.
fn shown_by_number_for_width_alone(c: char) -> bool {
    !plainly_safe(c) && !c.is_control() && !listed_invisible(c) && !plane_end(c) && {
        let category = unicode_general_category::get_general_category(c);
        category != GeneralCategory::Unassigned && width_disagrees(c, category)
    }
}

/// How many marks end `s`, counted up to [`MAX_MARKS`].
fn trailing_marks(s: &str) -> usize {
    s.chars()
        .rev()
        .take(MAX_MARKS)
        .take_while(|&c| stacks(c))
        .count()
}

/// Display-safe text for a stream (a file, a pipe, lines printed rather than laid out in
/// cells): each character the display-safe form shows by number only for its width
/// ([`shown_by_number_for_width_alone`]) is itself again, since a stream has no cells for
/// it to push aside. Everything shown by number for what it does (controls, bidi,
/// invisible characters, unassigned code points) stays a number.
pub fn for_stream(safe: &str) -> Cow<'_, str> {
    const OPEN: &str = "⟨U+";
    if !safe.contains(OPEN) {
        return Cow::Borrowed(safe);
    }
    let mut out = String::with_capacity(safe.len());
    // Marks on the last character written: no more are given back than the screen allows
    // (`MAX_MARKS`); one kept as a number still counts, so a long run stays numbers.
    let mut marks = 0usize;
    let mut rest = safe;
    while let Some(at) = rest.find(OPEN) {
        let text = &rest[..at];
        marks = if text.chars().all(stacks) {
            marks + text.chars().count()
        } else {
            trailing_marks(text)
        };
        out.push_str(text);
        let after = &rest[at + OPEN.len()..];
        let digits = after
            .bytes()
            .take(6)
            .take_while(u8::is_ascii_hexdigit)
            .count();
        let c = (digits >= 4 && after[digits..].starts_with('⟩'))
            .then(|| u32::from_str_radix(&after[..digits], 16).ok())
            .flatten()
            .and_then(char::from_u32)
            // Only a stand-in as this program writes one (`⟨U+09BE⟩`, not `⟨U+09be⟩`).
            .filter(|&c| format!("{:04X}", u32::from(c)) == after[..digits]);
        let Some(c) = c else {
            out.push_str(OPEN);
            rest = after;
            marks = 0;
            continue;
        };
        let end = digits + '⟩'.len_utf8();
        // The marks written after it count too: together, no more than the limit.
        let after_it = after[end..]
            .chars()
            .take(MAX_MARKS + 1)
            .take_while(|&c| stacks(c))
            .count();
        if shown_by_number_for_width_alone(c) && (!stacks(c) || marks + 1 + after_it <= MAX_MARKS) {
            if stacks(c) && (out.is_empty() || out.ends_with('\n')) {
                out.push(DOTTED_CIRCLE); // as the screen's form does for a mark alone
            }
            out.push(c);
        } else {
            out.push_str(&rest[at..at + OPEN.len() + end]);
        }
        marks = if stacks(c) { marks + 1 } else { 0 };
        rest = &after[end..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Characters that `unicode-width` (which ratatui lays the screen out by) and terminals
/// measure differently, found by comparing it with glibc's `wcwidth` (what tmux and many
/// terminals use): each one drawn as itself would move everything after it on its line.
/// - Spacing characters `unicode-width` counts as no width, since they extend a grapheme:
///   some vowel signs of Bengali, Oriya, Tamil, Kannada, Malayalam and Sinhala (U+09BE,
///   U+0BBE), prepended letters (U+0D4E), Hangul tone marks (U+302E). Terminals give them
///   a cell (two for the tone marks). The Hangul jamo that follow a leading consonant are
///   not among them: terminals agree they take no cell of their own.
/// - Non-spacing marks it counts as a cell (the Tifinagh consonant joiner, U+2D7F).
/// - Khmer U+17A4 (two cells) and U+17D8 (three), which terminals draw in one.
/// - Symbols whose width Unicode has since changed, and a few of ambiguous width
///   ([`measured_otherwise`]).
/// - Characters newer than the terminals' tables ([`super::newer`]).
fn width_disagrees(c: char, category: GeneralCategory) -> bool {
    use GeneralCategory as G;
    use unicode_width::UnicodeWidthChar as _;
    let width = c.width().unwrap_or(0);
    let conjoining_jamo = matches!(c, '\u{1160}'..='\u{11FF}' | '\u{D7B0}'..='\u{D7FF}');
    let non_spacing = matches!(category, G::NonspacingMark | G::EnclosingMark);
    let spacing = !non_spacing
        && !matches!(
            category,
            G::Format
                | G::Control
                | G::LineSeparator
                | G::ParagraphSeparator
                | G::Surrogate
                | G::PrivateUse
                | G::Unassigned
        );
    (width == 0 && spacing && !conjoining_jamo)
        || (width > 0 && non_spacing)
        || width > 2
        || c == '\u{17A4}'
        || measured_otherwise(c)
        || super::newer::after_unicode_14(c)
}

/// Characters `unicode-width` and glibc's `wcwidth` both know but give different widths, all
/// of them outside the tests above. Unicode 16 made the Yijing trigrams, monograms and
/// digrams, the Tai Xuan Jing symbols and the counting rod numerals wide, so `unicode-width`
/// counts two cells where terminals draw one (`☰`); the circled numbers on black squares,
/// of ambiguous width, it counts as one cell and glibc as two (`㉈`); and Ahom U+1171E, a
/// spacing mark since Unicode 15, it counts as a cell and glibc as none. Found by comparing
/// the two on every code point (glibc 2.36); the hexagrams (U+4DC0–4DFF) and `☸` next to
/// these measure the same in both.
fn measured_otherwise(c: char) -> bool {
    // One compare for everything before the first of them: Latin, Greek, Cyrillic, Arabic,
    // the Indic scripts. Kana and the common CJK ideographs never get here (plainly safe).
    c >= '\u{2630}'
        && matches!(c,
            '\u{2630}'..='\u{2637}'     // trigrams
            | '\u{268A}'..='\u{268F}'   // monograms and digrams
            | '\u{3248}'..='\u{324F}'   // circled numbers ten to eighty on black squares
            | '\u{1171E}'               // Ahom consonant sign medial Ra
            | '\u{1D300}'..='\u{1D356}' // Tai Xuan Jing symbols
            | '\u{1D360}'..='\u{1D376}' // counting rod numerals
        )
}

/// Common characters that are their own display-safe form, whatever surrounds them: none
/// needs a stand-in, each is its own NFC form (quick check "yes") and none combines with
/// what comes before it (canonical combining class 0). A test checks every one of them.
fn plainly_safe(c: char) -> bool {
    matches!(c,
        '\n' | ' '..='~'
        | '\u{A0}'..='\u{AC}' | '\u{AE}'..='\u{24F}' // Latin-1 and Latin Extended, less the soft hyphen
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' // dashes, quotes, bullets
        | '\u{20A0}'..='\u{20C0}' // currency signs
        | '\u{3041}'..='\u{3096}' | '\u{30A1}'..='\u{30FA}' // kana
        | '\u{4E00}'..='\u{9FFF}' // CJK ideographs
        | '\u{AC00}'..='\u{D7A3}' // Hangul syllables
    )
}

/// True for characters that the display-safe form replaces with a visible stand-in. Newline
/// is kept (multi-line fields wrap on it); everything else that is a control is shown.
pub fn needs_escape(c: char) -> bool {
    // The common characters first, without a table: none of them needs one (tested).
    !plainly_safe(c) && shown_as_stand_in(c)
}

/// [`needs_escape`] by the tables alone.
fn shown_as_stand_in(c: char) -> bool {
    (c.is_control() && c != '\n') || is_invisible_format(c)
}

/// Characters terminals draw at different widths that have a canonical spelling they agree
/// on: Thai and Lao SARA AM are drawn as NIKHAHIT plus SARA AA, their compatibility
/// decomposition, which looks the same.
fn width_safe_spelling(c: char) -> Option<&'static str> {
    match c {
        '\u{0E33}' => Some("\u{0E4D}\u{0E32}"),
        '\u{0EB3}' => Some("\u{0ECD}\u{0EB2}"),
        _ => None,
    }
}

fn needs_change(c: char) -> bool {
    needs_escape(c) || width_safe_spelling(c).is_some()
}

/// True for a byte that is not printable ASCII or a newline (bytes from 0x80 included).
fn unprintable(b: u8) -> bool {
    // Printable is 0x20..=0x7E; bytes from 0x80 wrap past it too.
    b.wrapping_sub(0x20) > 0x5E && b != b'\n'
}

/// True when every character of `s` is [`plainly_safe`]: text that is its own display-safe
/// form. A warm start runs this over every string of the library, most of them short and
/// all printable ASCII, so that case is answered first, 16 bytes at a time without a branch
/// inside (the compiler makes vector compares of it); only text with other characters is
/// decoded, and then only the characters between runs of printable ASCII.
fn plainly_safe_text(s: &str) -> bool {
    printable_ascii(s.as_bytes()) || plainly_safe_chars(s)
}

/// Bytes per vector compare in [`printable_ascii`] and [`plainly_safe_chars`].
const CHUNK: usize = 16;

/// Whether `chunk` holds a byte that is not printable ASCII or a newline.
fn any_unprintable(chunk: &[u8]) -> bool {
    chunk.iter().fold(false, |any, &b| any | unprintable(b))
}

/// Whether every byte is printable ASCII or a newline. The last chunk overlaps the one
/// before it, and text shorter than a chunk is padded with spaces, so that every byte is
/// looked at in a whole chunk.
fn printable_ascii(bytes: &[u8]) -> bool {
    let Some(last) = bytes.len().checked_sub(CHUNK) else {
        let mut padded = [b' '; CHUNK];
        padded[..bytes.len()].copy_from_slice(bytes);
        return !any_unprintable(&padded);
    };
    !bytes.chunks_exact(CHUNK).any(any_unprintable) && !any_unprintable(&bytes[last..])
}

/// [`plainly_safe_text`] for text that is not all printable ASCII.
fn plainly_safe_chars(s: &str) -> bool {
    let bytes = s.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if let Some(chunk) = bytes.get(i..i + CHUNK)
            && !any_unprintable(chunk)
        {
            i += CHUNK;
            continue;
        }
        if !unprintable(b) {
            i += 1;
            continue;
        }
        // `i` is always at a character boundary: only whole characters are passed.
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        if !plainly_safe(c) {
            return false;
        }
        i += c.len_utf8();
    }
    true
}

/// At most this many combining marks (and other characters of no width) are kept on one
/// character, more than any script stacks; the rest are counted in a visible stand-in. A
/// name of one `e` and a million accents is one cell on screen, and would otherwise cost 2
/// MB of output every time that cell is drawn.
pub const MAX_MARKS: usize = 16;

/// Whether a character is drawn on the cell of the one before it: a combining mark, or any
/// other character of no width that is not shown by a stand-in.
fn stacks(c: char) -> bool {
    use unicode_width::UnicodeWidthChar as _;
    // Below U+0300 only controls and the soft hyphen have no width, and they are shown;
    // no plainly safe character stacks (tested).
    c >= '\u{300}'
        && !plainly_safe(c)
        && (unicode_normalization::char::is_combining_mark(c) || c.width() == Some(0))
}

/// What a mark with no character to sit on is drawn on (`◌́`).
const DOTTED_CIRCLE: char = '\u{25CC}';

/// Whether a mark starts `s` or one of its lines, with no character to sit on.
fn bare_mark(s: &str) -> bool {
    let mut line_start = true;
    s.chars().any(|c| {
        let bare = line_start && stacks(c) && !needs_escape(c);
        line_start = c == '\n';
        bare
    })
}

/// Whether some character carries more than [`MAX_MARKS`] marks.
fn overloaded(s: &str) -> bool {
    let mut run = 0;
    s.chars().any(|c| {
        run = if stacks(c) { run + 1 } else { 0 };
        run > MAX_MARKS
    })
}

/// Makes untrusted text safe to draw. Newlines are kept (multi-line fields wrap on them);
/// `\r\n` becomes `\n`; every other control or invisible formatting character is shown.
pub fn display_safe(s: &str) -> Cow<'_, str> {
    // Most text is printable ASCII with at most a few letters and punctuation marks from
    // elsewhere that need nothing either.
    if plainly_safe_text(s) {
        return Cow::Borrowed(s);
    }
    let safe = escaped(s);
    match unjoin_ligatures(&safe) {
        Some(unjoined) => Cow::Owned(unjoined),
        None => safe,
    }
}

/// The Arabic letters of joining group Lam, which `unicode-width` draws with a following Alef
/// as one cell.
fn is_lam(c: char) -> bool {
    matches!(c, '\u{0644}' | '\u{06B5}'..='\u{06B8}' | '\u{08A6}')
}

/// The Arabic letters of joining group Alef.
fn is_alef(c: char) -> bool {
    matches!(
        c,
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0627}' | '\u{0671}'
            ..='\u{0673}' | '\u{0675}' | '\u{0773}' | '\u{0774}'
    )
}

/// Khmer consonants that `unicode-width` counts as no width after a coeng sign (U+17D2).
fn is_coeng_consonant(c: char) -> bool {
    matches!(c,
        '\u{1780}'..='\u{1782}' | '\u{1784}'..='\u{1787}' | '\u{1789}'..='\u{178C}'
        | '\u{178E}'..='\u{1793}' | '\u{1795}'..='\u{1798}' | '\u{179B}'..='\u{179D}'
        | '\u{17A0}' | '\u{17A2}' | '\u{17A7}' | '\u{17AB}' | '\u{17AC}' | '\u{17AF}'
    )
}

/// The presentation form of Lam followed by an Alef: one character, one cell in
/// `unicode-width` and in terminals alike, and the way Lam-Alef is written.
fn lam_alef(alef: char) -> Option<char> {
    match alef {
        '\u{0622}' => Some('\u{FEF5}'),
        '\u{0623}' => Some('\u{FEF7}'),
        '\u{0625}' => Some('\u{FEF9}'),
        '\u{0627}' => Some('\u{FEFB}'),
        _ => None,
    }
}

/// `s` with each Lam directly followed by an Alef written as their ligature's presentation
/// form, as display-safe text has them, so that a search typed with the two letters finds
/// the text. `None` when there is none.
fn lam_alef_forms(s: &str) -> Option<String> {
    if !s.contains('\u{0644}') {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match chars
            .peek()
            .copied()
            .and_then(lam_alef)
            .filter(|_| c == '\u{0644}')
        {
            Some(form) => {
                chars.next();
                out.push(form);
                changed = true;
            }
            None => out.push(c),
        }
    }
    changed.then_some(out)
}

/// Breaks the sequences `unicode-width` measures as ligatures, narrower than the characters
/// terminals draw one by one: ratatui places a span after the one before it by the span's
/// measured width, so the last character of "سلام" (Lam-Alef counted as one cell) was drawn
/// over, and pane titles lost a cell. Lam directly followed by Alef becomes their ligature's
/// presentation form ("سﻻم"), one cell everywhere; an Alef after a Lam and marks, a Khmer
/// coeng sign before a consonant and the second of two Lisu tone letters are shown by
/// number. `None` when there is none.
fn unjoin_ligatures(s: &str) -> Option<String> {
    use unicode_width::UnicodeWidthChar as _;
    let maybe = |c: char| is_lam(c) || c == '\u{17D2}' || ('\u{A4F8}'..='\u{A4FB}').contains(&c);
    if !s.chars().any(maybe) {
        return None;
    }
    let formed = lam_alef_forms(s);
    let s = formed.as_deref().unwrap_or(s);
    let mut out = String::with_capacity(s.len() + 8);
    // Whether a Lam came last, with only characters of no width after it.
    let mut after_lam = false;
    let mut previous = None;
    let mut changed = formed.is_some();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        let alef = after_lam && is_alef(c);
        let coeng = c == '\u{17D2}' && chars.peek().copied().is_some_and(is_coeng_consonant);
        let tone = ('\u{A4FC}'..='\u{A4FD}').contains(&c)
            && previous.is_some_and(|p| ('\u{A4F8}'..='\u{A4FB}').contains(&p));
        if alef || coeng || tone {
            let _ = write!(out, "⟨U+{:04X}⟩", u32::from(c));
            changed = true;
        } else {
            out.push(c);
        }
        if is_lam(c) {
            after_lam = true;
        } else if c.width().unwrap_or(0) > 0 {
            after_lam = false;
        }
        previous = Some(c);
    }
    changed.then_some(out)
}

/// The display-safe form before ligatures are broken (see [`display_safe`]).
fn escaped(s: &str) -> Cow<'_, str> {
    match without_presentation_selectors(s) {
        Some(bare) => Cow::Owned(escaped_as_is(&bare).into_owned()),
        None => escaped_as_is(s),
    }
}

/// `s` without each presentation selector that directly follows a character drawn as
/// itself (see [`is_presentation_selector`]), before anything else is done to it, so that
/// what is left is normalised as a whole (`e`, VS16 and an acute accent become `é`).
/// `None` when there is none to let go.
fn without_presentation_selectors(s: &str) -> Option<String> {
    if !s.contains(['\u{FE0E}', '\u{FE0F}']) {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let (mut after_base, mut dropped) = (false, false);
    for c in s.chars() {
        if is_presentation_selector(c) && after_base {
            after_base = false;
            dropped = true;
            continue;
        }
        after_base = is_base(c);
        out.push(c);
    }
    dropped.then_some(out)
}

/// [`escaped`] once the presentation selectors are let go.
fn escaped_as_is(s: &str) -> Cow<'_, str> {
    let nfc = !matches!(is_nfc_quick(s.chars()), IsNormalized::Yes) && s.nfc().ne(s.chars());
    if !nfc && !s.chars().any(needs_change) && !overloaded(s) && !bare_mark(s) {
        return Cow::Borrowed(s);
    }
    let normal: Cow<'_, str> = if nfc {
        Cow::Owned(s.nfc().collect())
    } else {
        Cow::Borrowed(s)
    };
    let mut out = String::with_capacity(normal.len().min(1 << 16) + 8);
    let mut column = 0usize;
    // Marks on the current character, and how many of them were left out.
    let (mut marks, mut dropped) = (0usize, 0usize);
    // At the start of the text or of a line, where a mark has no character to sit on.
    let mut line_start = true;
    let mut chars = normal.chars().peekable();
    while let Some(c) = chars.next() {
        if !needs_escape(c) && stacks(c) {
            if std::mem::take(&mut line_start) {
                // A mark alone is drawn on a dotted circle, as Unicode shows one: drawn
                // bare, a terminal puts it on whatever cell is left of it.
                out.push(DOTTED_CIRCLE);
                column += 1;
            }
            marks += 1;
            if marks > MAX_MARKS {
                dropped += 1;
                continue;
            }
        } else {
            marks = 0;
            push_dropped(&mut out, &mut dropped);
        }
        line_start = c == '\n';
        match c {
            '\n' => {
                out.push('\n');
                column = 0;
                continue;
            }
            '\r' if chars.peek() == Some(&'\n') => continue,
            '\t' => {
                let pad = TAB_WIDTH - column % TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', pad));
                column += pad;
                continue;
            }
            _ => {}
        }
        let before = out.len();
        push_visible(&mut out, c);
        column += out[before..].chars().count();
    }
    push_dropped(&mut out, &mut dropped);
    Cow::Owned(out)
}

/// VS15 and VS16, which ask for a character's text or emoji presentation (`⚠️` is `⚠` and
/// VS16). `unicode-width` counts `⚠️` as two cells and terminals as one, so a selector is
/// never drawn; one right after the character it selects for is let go, leaving the
/// character alone, which measures the same everywhere. Any other selector, and a second
/// one, is shown by number, so that no run of them can hide anything.
pub(crate) fn is_presentation_selector(c: char) -> bool {
    matches!(c, '\u{FE0E}' | '\u{FE0F}')
}

/// Whether `c` is drawn as itself in a cell or two of its own, so that a presentation
/// selector after it selects for it.
pub(crate) fn is_base(c: char) -> bool {
    use unicode_width::UnicodeWidthChar as _;
    !needs_escape(c) && width_safe_spelling(c).is_none() && c.width().unwrap_or(0) > 0
}

/// Appends the stand-in for marks left out, if any.
fn push_dropped(out: &mut String, dropped: &mut usize) {
    match std::mem::take(dropped) {
        0 => {}
        1 => out.push_str("⟨+1 mark⟩"),
        n => {
            let _ = write!(out, "⟨+{n} marks⟩");
        }
    }
}

/// Appends `c`, or a visible stand-in when `c` must not reach a terminal.
fn push_visible(out: &mut String, c: char) {
    match c {
        '\u{0}'..='\u{1F}' => {
            out.push('^');
            out.push(char::from(b'@' + c as u8));
        }
        '\u{7F}' => out.push_str("^?"),
        c if needs_escape(c) => {
            let _ = write!(out, "⟨U+{:04X}⟩", u32::from(c));
        }
        c => match width_safe_spelling(c) {
            Some(spelling) => out.push_str(spelling),
            None => out.push(c),
        },
    }
}

/// Display-safe text on one line: newlines shown as `⏎`, for rows and headers.
pub fn one_line(s: &str) -> Cow<'_, str> {
    if s.contains('\n') {
        Cow::Owned(s.trim_end_matches('\n').replace('\n', " ⏎ "))
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` between quotation marks, to set quoted words apart: `“…”`, or `‘…’` when `s` itself
/// opens or closes with a double quotation mark, which would otherwise double up
/// (`““We will…,” she said.”`). The words inside stay as written.
#[must_use]
pub fn in_quotes(s: &str) -> String {
    const DOUBLE: [char; 6] = ['"', '“', '”', '„', '«', '»'];
    if s.starts_with(DOUBLE) || s.ends_with(DOUBLE) {
        format!("‘{s}’")
    } else {
        format!("“{s}”")
    }
}

/// Makes a string that did not come from a briefing's values, such as a file name or a
/// line of source text, safe to print. Newlines are shown too.
pub fn safe_line(s: &str) -> String {
    let safe = display_safe(s);
    let mut out = String::with_capacity(safe.len());
    for c in safe.chars() {
        if c == '\n' {
            out.push_str("^J");
        } else {
            out.push(c);
        }
    }
    out
}

/// Makes a message safe to print on stderr or a status line. Error messages quote what
/// they could not use (serde and TOML errors quote the value, a bad date repeats it), and
/// that can come from any file or argument. Newlines are kept, so a message can have a
/// `help:` line; every other control or invisible character is shown. Every message that
/// may quote outside text goes through here where it is printed.
pub fn safe_message(s: &str) -> Cow<'_, str> {
    display_safe(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_that_open_or_close_with_quotation_marks_are_set_apart_by_single_ones() {
        use super::in_quotes;
        assert_eq!(in_quotes("the levee held"), "“the levee held”");
        assert_eq!(
            in_quotes("“We will not,” Ördög told reporters."),
            "‘“We will not,” Ördög told reporters.’"
        );
        assert_eq!(in_quotes("he said \"no\""), "‘he said \"no\"’");
        assert_eq!(in_quotes("«Non», dit-il"), "‘«Non», dit-il’");
        // Quotation marks inside the words are the words' own.
        assert_eq!(in_quotes("a “fair” deal"), "“a “fair” deal”");
    }

    #[test]
    fn a_presentation_selector_after_its_character_is_let_go() {
        use unicode_width::UnicodeWidthStr as _;
        for (raw, safe) in [
            ("\u{26A0}\u{FE0F} Warning", "\u{26A0} Warning"),
            ("rain \u{1F327}\u{FE0F}", "rain \u{1F327}"),
            ("\u{263A}\u{FE0E}", "\u{263A}"),
            // A keycap: the enclosing mark stays on its digit.
            ("1\u{FE0F}\u{20E3}", "1\u{20E3}"),
            // Only one, only right after a character drawn as itself.
            ("a\u{FE0F}\u{FE0F}", "a\u{27E8}U+FE0F\u{27E9}"),
            ("\u{FE0F}x", "\u{27E8}U+FE0F\u{27E9}x"),
            ("\u{26A0}\n\u{FE0F}", "\u{26A0}\n\u{27E8}U+FE0F\u{27E9}"),
            ("\u{26A0}\t\u{FE0F}", "\u{26A0}   \u{27E8}U+FE0F\u{27E9}"),
            (
                "\u{202E}\u{FE0F}",
                "\u{27E8}U+202E\u{27E9}\u{27E8}U+FE0F\u{27E9}",
            ),
            ("x\u{301}\u{FE0F}", "x\u{301}\u{27E8}U+FE0F\u{27E9}"),
            // What is left is normalised as a whole.
            ("e\u{FE0F}\u{301}", "\u{E9}"),
            // Other selectors are shown, as they were.
            ("\u{845B}\u{FE00}", "\u{845B}\u{27E8}U+FE00\u{27E9}"),
            ("\u{845B}\u{E0100}", "\u{845B}\u{27E8}U+E0100\u{27E9}"),
        ] {
            let got = display_safe(raw);
            assert_eq!(got, safe, "{raw:?}");
            // What is left measures as the sum of its characters, as terminals count it.
            let cells: usize = got
                .chars()
                .filter(|&c| c != '\n')
                .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
                .sum();
            assert_eq!(got.replace('\n', "").width(), cells, "{raw:?}");
        }
    }

    #[test]
    fn plainly_safe_characters_need_nothing_whatever_surrounds_them() {
        use unicode_normalization::char::canonical_combining_class;
        let mut n = 0;
        for c in (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| plainly_safe(c))
        {
            let one = c.to_string();
            assert!(
                !shown_as_stand_in(c) && width_safe_spelling(c).is_none(),
                "{c:?} needs a stand-in"
            );
            assert!(
                !unicode_normalization::char::is_combining_mark(c)
                    && unicode_width::UnicodeWidthChar::width(c) != Some(0),
                "{c:?} stacks on the character before it"
            );
            assert_eq!(canonical_combining_class(c), 0, "{c:?} combines");
            assert!(
                matches!(is_nfc_quick(one.chars()), IsNormalized::Yes),
                "{c:?} may change under NFC"
            );
            assert_eq!(
                display_safe(&format!("{one}x{one}")),
                format!("{one}x{one}")
            );
            n += 1;
        }
        assert!(n > 30_000, "{n}");
    }

    use super::*;

    #[test]
    fn plainly_safe_text_is_every_character_plainly_safe() {
        // Every byte, and characters on either side of the line, at every offset of a
        // 16-byte chunk and of the tail after one.
        let chars = (0..=0x7F_u32)
            .chain([0xA0, 0xAD, 0xE9, 0x200B, 0x2019, 0x202E, 0x4E2D, 0x1F600])
            .filter_map(char::from_u32);
        for c in chars {
            for len in [1, 8, 15, 16, 17, 31, 32, 33] {
                for at in 0..len {
                    let mut text: Vec<char> = vec!['a'; len];
                    text[at] = c;
                    let text: String = text.into_iter().collect();
                    assert_eq!(
                        plainly_safe_text(&text),
                        plainly_safe(c),
                        "{c:?} at {at} of {len}"
                    );
                }
            }
        }
        assert!(plainly_safe_text(""));
    }

    #[test]
    fn unassigned_code_points_are_shown_by_number() {
        // The last code point of Hangul Jamo Extended-B, a gap in Greek, and one in plane 3.
        for c in ['\u{D7FF}', '\u{0378}', '\u{3FFFD}'] {
            assert!(needs_escape(c), "{c:?}");
            let shown = format!("⟨U+{:04X}⟩", u32::from(c));
            assert_eq!(display_safe(&format!("a{c}b")), format!("a{shown}b"));
        }
        // Assigned neighbours are left alone.
        for c in ['\u{D7FB}', 'ﷺ'] {
            assert!(!needs_escape(c), "{c:?}");
        }
    }

    #[test]
    fn a_mark_with_nothing_to_sit_on_is_drawn_on_a_dotted_circle() {
        assert_eq!(display_safe("\u{301}abc"), "\u{25CC}\u{301}abc");
        assert_eq!(display_safe("one\n\u{301}two"), "one\n\u{25CC}\u{301}two");
        assert_eq!(
            display_safe("e\u{301}"),
            "é",
            "a mark on a letter is left on it"
        );
        assert_eq!(
            display_safe("x \u{301}y"),
            "x \u{301}y",
            "a space is something to sit on"
        );
    }

    #[test]
    fn a_stream_gets_back_the_characters_shown_by_number_for_their_width_alone() {
        let bengali = "মুহাম্মদ রফিকুল ইসলাম";
        let safe = display_safe(bengali);
        assert!(safe.contains("⟨U+09BE⟩"), "{safe}");
        assert_eq!(for_stream(&safe), bengali);
        assert_eq!(for_stream(&display_safe("☰ ാ ா")), "☰ ാ ா");
        // What a character does stays shown by number.
        for attack in [
            "a\u{202E}b",
            "x\u{1B}[31m",
            "zero\u{200B}width",
            "\u{E000}",
            "\u{0378}",
        ] {
            let safe = display_safe(attack);
            assert_eq!(for_stream(&safe), safe, "{attack:?}");
        }
        // A mark given back with nothing to sit on gets the dotted circle; marks written
        // after one given back count towards the limit.
        assert_eq!(
            for_stream(&display_safe("\u{2D7F}abc")),
            "\u{25CC}\u{2D7F}abc"
        );
        let around = format!("e{}\u{0897}{}", "\u{300}".repeat(15), "\u{300}".repeat(16));
        let streamed = for_stream(&display_safe(&around)).into_owned();
        assert!(streamed.contains("⟨U+0897⟩"), "{streamed}");
        // Still no more than `MAX_MARKS` marks on one character.
        let zalgo = format!("e{}", "\u{0897}".repeat(5000));
        let streamed = for_stream(&display_safe(&zalgo)).into_owned();
        assert!(streamed.starts_with(&format!("e{}", "\u{0897}".repeat(MAX_MARKS))));
        assert_eq!(
            streamed.matches('\u{0897}').count(),
            MAX_MARKS,
            "{streamed}"
        );
        // Text that only looks like a stand-in is left as written.
        for literal in [
            "⟨U+0041⟩",
            "⟨U+09BE",
            "⟨U+09BEX⟩",
            "⟨U+⟩",
            "⟨U+1234567⟩",
            "⟨U+09be⟩",
            "⟨U+0009BE⟩",
        ] {
            assert_eq!(for_stream(literal), literal);
        }
        // Over every code point: what a stream gets back is printable and does nothing to
        // its neighbours.
        let mut back = 0;
        for c in (0..=u32::from(char::MAX))
            .filter_map(char::from_u32)
            .filter(|&c| needs_escape(c))
        {
            let stand_in = format!("⟨U+{:04X}⟩", u32::from(c));
            if for_stream(&stand_in) != stand_in {
                back += 1;
                assert!(!c.is_control() && !listed_invisible(c), "{c:?}");
                assert_ne!(
                    unicode_general_category::get_general_category(c),
                    GeneralCategory::Format,
                    "{c:?}"
                );
            }
        }
        assert!(back > 100, "{back}");
    }

    #[test]
    fn characters_measured_otherwise_by_terminals_are_shown_by_number() {
        for c in [
            '\u{09BE}',
            '\u{0BBE}',
            '\u{0D4E}',
            '\u{302E}',
            '\u{2D7F}',
            '\u{17A4}',
            '\u{17D8}',
            '\u{1FAE8}',
            '\u{2EBF0}',
            '\u{1F1FA}',
            // Measured otherwise though both know them: the first and last of each range.
            '\u{2630}',
            '\u{2637}',
            '\u{268A}',
            '\u{268F}',
            '\u{3248}',
            '\u{324F}',
            '\u{1171E}',
            '\u{1D300}',
            '\u{1D356}',
            '\u{1D360}',
            '\u{1D376}',
        ] {
            assert!(needs_escape(c), "{c:?}");
        }
        assert_eq!(display_safe("🇺🇸 US"), "⟨U+1F1FA⟩⟨U+1F1F8⟩ US");
        assert_eq!(
            display_safe("বাংলা"),
            "ব⟨U+09BE⟩ংল⟨U+09BE⟩",
            "the rest of the word is kept"
        );
        // What terminals and unicode-width agree on is kept: Devanagari's spacing vowel
        // signs, conjoining Hangul jamo, combining accents, wide ideographs, older emoji.
        for c in [
            '\u{093E}',
            '\u{1161}',
            '\u{11A8}',
            '\u{0301}',
            '中',
            '😀',
            '\u{1FAE7}',
            // The neighbours of those ranges, which both measure alike: ☯ and ☸ one cell,
            // the hexagrams and ㉐ two, Ahom U+1171D and U+1171F no cell.
            '\u{262F}',
            '\u{2638}',
            '\u{2689}',
            '\u{2690}',
            '\u{3247}',
            '\u{3250}',
            '\u{4DC0}',
            '\u{4DFF}',
            '\u{1171D}',
            '\u{1171F}',
            '\u{1D377}',
        ] {
            assert!(!needs_escape(c), "{c:?}");
        }
    }

    /// A line with characters `unicode-width` and terminals measure otherwise, among wide
    /// ideographs and emoji: once safe, what ratatui measures the line as is what its
    /// characters add up to, each of the stand-ins' characters one cell wide as terminals
    /// draw them too, and the ideographs and emoji are kept.
    #[test]
    fn a_line_with_characters_measured_otherwise_measures_as_drawn() {
        use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};
        let raw =
            "乾 \u{2630} 坤 \u{2637} \u{268A}\u{268B} \u{3248} \u{1D306} \u{1D360} 𑜀\u{1171E} 😀 ☸";
        let safe = display_safe(raw);
        assert_eq!(
            safe,
            "乾 ⟨U+2630⟩ 坤 ⟨U+2637⟩ ⟨U+268A⟩⟨U+268B⟩ ⟨U+3248⟩ ⟨U+1D306⟩ ⟨U+1D360⟩ \
             𑜀⟨U+1171E⟩ 😀 ☸"
        );
        let sum: usize = safe.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(safe.width(), sum);
        // Three wide characters (乾, 坤, 😀); every other character is one cell.
        assert_eq!(sum, safe.chars().count() + 3);
        // Kept raw, it measured six cells more than terminals draw it: six symbols counted
        // as two cells each are drawn in one, and ㉈ (a cell short) and U+1171E (a cell
        // over) cancel out.
        assert_eq!(raw.width(), raw.chars().count() + 3 + 6);
    }

    /// Emoji sequences keep what they had: a flag's regional indicators and a joiner are
    /// shown, a presentation selector after its emoji is let go.
    #[test]
    fn emoji_sequences_are_unchanged_by_the_width_ranges() {
        assert_eq!(display_safe("🇭🇹 Haiti"), "⟨U+1F1ED⟩⟨U+1F1F9⟩ Haiti");
        assert_eq!(display_safe("👩\u{200D}⚕\u{FE0F}"), "👩⟨U+200D⟩⚕");
        assert_eq!(display_safe("❤\u{FE0F} love"), "❤ love");
        // A selector after a stand-in is shown too, as after any other.
        assert_eq!(display_safe("\u{2630}\u{FE0F}"), "⟨U+2630⟩⟨U+FE0F⟩");
    }

    /// What ratatui measures a span by (`unicode-width` on the whole string) is what it and
    /// terminals draw (the characters' widths one by one), ligatures included.
    #[test]
    fn ligatures_are_broken_so_a_span_measures_what_is_drawn() {
        use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};
        for text in [
            "سلام",
            "الهلال الأحمر",
            "لآ لأ لإ",
            "ل\u{064E}ا",
            "ڸا",
            "ក្ក ស្រុក",
            "ꓹꓼ ꓸꓽ",
            "مرحبا",
        ] {
            let safe = display_safe(text);
            let drawn: usize = safe.chars().map(|c| c.width().unwrap_or(0)).sum();
            assert_eq!(safe.width(), drawn, "{text:?} -> {safe:?}");
        }
        assert_eq!(display_safe("سلام"), "س\u{FEFB}م");
        assert_eq!(display_safe("ل\u{064E}ا"), "ل\u{064E}⟨U+0627⟩");
        assert_eq!(display_safe("ក្ក"), "ក⟨U+17D2⟩ក");
        assert!(matches!(display_safe("مرحبا"), Cow::Borrowed(_)));
    }

    #[test]
    fn clean_text_is_borrowed() {
        assert!(matches!(
            display_safe("Korir Sing’oei — 2025"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn escapes_become_visible() {
        assert_eq!(display_safe("a\u{1b}[2Jb"), "a^[[2Jb");
        assert_eq!(display_safe("\u{1b}]0;title\u{7}"), "^[]0;title^G");
        assert_eq!(
            display_safe("x\u{9b}y\u{9d}z\u{85}"),
            "x⟨U+009B⟩y⟨U+009D⟩z⟨U+0085⟩"
        );
        assert_eq!(display_safe("ab\u{202E}cd\u{2066}"), "ab⟨U+202E⟩cd⟨U+2066⟩");
        assert_eq!(display_safe("\u{FEFF}z\u{200B}"), "⟨U+FEFF⟩z⟨U+200B⟩");
        assert_eq!(display_safe("del\u{7f}"), "del^?");
    }

    /// Zalgo text: marks past [`MAX_MARKS`] on one character are counted, not kept; what
    /// real scripts stack is kept as it is.
    #[test]
    fn marks_past_the_cap_are_counted_not_kept() {
        let zalgo = format!("e{}x", "\u{301}".repeat(1_000));
        // NFC makes `e` and the first accent one `é`.
        let want = format!("é{}⟨+983 marks⟩x", "\u{301}".repeat(MAX_MARKS));
        assert_eq!(display_safe(&zalgo), want);
        let under = format!("e{}", "\u{316}".repeat(MAX_MARKS));
        assert!(matches!(display_safe(&under), Cow::Borrowed(_)));
        let over = format!("{under}\u{316}\n{under}\u{316}");
        let one = format!("e{}⟨+1 mark⟩", "\u{316}".repeat(MAX_MARKS));
        assert_eq!(display_safe(&over), format!("{one}\n{one}"));
        for real in [
            "Nguyễn Tấn Dũng",
            "नमस्ते दुनिया",
            "བོད་སྐད་",
            "בְּרֵאשִׁ֖ית",
            "ﷲ مُحَمَّدٌ",
        ] {
            assert!(!overloaded(real), "{real}");
        }
    }

    #[test]
    fn tabs_expand_to_stops_and_crlf_folds() {
        assert_eq!(display_safe("a\tb"), "a   b");
        assert_eq!(display_safe("abcd\tb"), "abcd    b");
        assert_eq!(display_safe("one\r\ntwo\rthree"), "one\ntwo^Mthree");
    }

    #[test]
    fn text_is_nfc_normalised() {
        // NFD Hangul and a combining acute accent.
        assert_eq!(display_safe("\u{1112}\u{1161}\u{11AB}"), "한");
        assert_eq!(display_safe("e\u{301}"), "é");
    }

    #[test]
    fn text_keeps_raw_for_export() {
        let t = Text::new("a\u{1b}b");
        assert_eq!(t.raw(), "a\u{1b}b");
        assert_eq!(t.safe(), "a^[b");
        let clean = Text::new("plain");
        assert_eq!(clean.safe(), "plain");
    }

    #[test]
    fn messages_keep_their_lines_and_lose_their_escapes() {
        assert_eq!(
            safe_message("error: `\u{1b}]0;t\u{7}\u{9b}31m\u{202e}` is bad\nhelp: fix it"),
            "error: `^[]0;t^G⟨U+009B⟩31m⟨U+202E⟩` is bad\nhelp: fix it"
        );
    }

    #[test]
    fn safe_line_shows_newlines() {
        assert_eq!(safe_line("a\nb\u{1b}"), "a^Jb^[");
    }
}
