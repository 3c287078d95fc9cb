//! Character folding shared by the index, the query and highlighting.
//!
//! Every fold maps one char to exactly one char, so a char index into a folded string is
//! also a char index into the original: that is what lets highlighting skip any mapping.

use unicode_normalization::char::decompose_canonical;

/// Folds the differences people do not type: accents on Latin letters (`é` → `e`, as fzf
/// does), curly quotes and apostrophes (`’` → `'`), and the dash family (`–` → `-`). Case
/// is kept, so smart-case terms can still compare it.
pub(crate) fn case_key(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{3000}' => ' ',
        // Fullwidth Latin letters, digits and signs are the ASCII ones typed in a CJK
        // input mode; halfwidth katakana are the katakana (`ｶ` is `カ`). A voiced one is
        // two chars halfwidth (`ﾃﾞ`) and one as usual (`デ`): one char for one, they
        // cannot be made the same, and `デンキ` does not find `ﾃﾞﾝｷ`.
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
        '\u{FF61}'..='\u{FF9F}' => halfwidth(c),
        _ => strip_latin_accent(c),
    }
}

/// A halfwidth katakana letter or mark as its usual (fullwidth) form, when that is one
/// char; its sound marks (`ﾞ`) fold to the combining ones a kana letter decomposes into.
fn halfwidth(c: char) -> char {
    let mut out = None;
    let mut count = 0;
    unicode_normalization::char::decompose_compatible(c, |d| {
        count += 1;
        out = Some(d);
    });
    match out {
        Some(d) if count == 1 => match d {
            '\u{309B}' => '\u{3099}',
            '\u{309C}' => '\u{309A}',
            _ => d,
        },
        _ => c,
    }
}

/// The base letter of a precomposed Latin letter with diacritics, or the char itself.
/// Letters with a stroke or bar (`ł`, `ø`, `đ`) have no decomposition in Unicode; they
/// fold to their base letter as fzf folds them, so "lodz" finds "Łódź" as "soren" finds
/// "Søren".
fn strip_latin_accent(c: char) -> char {
    let stroked = match c {
        'Ł' | 'Ŀ' | 'Ƚ' => 'L',
        'ł' | 'ŀ' | 'ƚ' => 'l',
        'Ø' => 'O',
        'ø' => 'o',
        'Đ' | 'Ð' => 'D',
        'đ' | 'ð' => 'd',
        'Ħ' => 'H',
        'ħ' => 'h',
        'Ŧ' => 'T',
        'ŧ' => 't',
        'Ɨ' => 'I',
        'ı' | 'ɨ' => 'i',
        'Ƀ' => 'B',
        'ƀ' => 'b',
        'Ƶ' => 'Z',
        'ƶ' => 'z',
        _ => '\0',
    };
    if stroked != '\0' {
        return stroked;
    }
    let mut first = None;
    decompose_canonical(c, |d| {
        if first.is_none() {
            first = Some(d);
        }
    });
    match first {
        Some(base) if base.is_ascii_alphabetic() => base,
        _ => c,
    }
}

/// The fully folded form used for case-insensitive matching.
pub(crate) fn fold(c: char) -> char {
    let c = case_key(c);
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c == 'ς' {
        return 'σ';
    }
    // Keep the 1:1 char mapping: `İ` lowercases to `i` plus a combining dot; keep the `i`.
    c.to_lowercase().next().unwrap_or(c)
}

/// Folds a whole string (char for char).
pub(crate) fn fold_str(s: &str) -> String {
    s.chars().map(fold).collect()
}

/// Applies [`case_key`] to a whole string (char for char).
pub(crate) fn case_key_str(s: &str) -> String {
    s.chars().map(case_key).collect()
}

/// One bit of the char-set prefilter: a–z, 0–9, then everything else hashed into 28 bits.
/// Spaces get no bit: every haystack has them.
pub(crate) fn mask_bit(folded: char) -> u64 {
    match folded {
        'a'..='z' => 1 << (folded as u32 - 'a' as u32),
        '0'..='9' => 1 << (26 + folded as u32 - '0' as u32),
        ' ' => 0,
        c => 1 << (36 + (c as u32 % 28)),
    }
}

/// The prefilter mask of an already folded string.
pub(crate) fn mask_of(folded: &str) -> u64 {
    folded.chars().fold(0, |m, c| m | mask_bit(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_quotes_and_dashes() {
        assert_eq!(fold_str("Sing’oei"), "sing'oei");
        assert_eq!(fold_str("Chávez ÉTÉ"), "chavez ete");
        assert_eq!(fold_str("US–Jamaica"), "us-jamaica");
        // Only Latin letters lose their accents, as in fzf.
        assert_eq!(fold_str("ΣΟΦΊΑ"), "σοφία");
        assert_eq!(case_key_str("Sing’oei É"), "Sing'oei E");
    }

    #[test]
    fn folding_keeps_the_char_count() {
        for s in [
            "İstanbul",
            "ẞtraße",
            "Kelvin \u{212A}",
            "東京 ﬁ",
            "e\u{301}",
        ] {
            assert_eq!(fold_str(s).chars().count(), s.chars().count(), "{s}");
        }
    }

    #[test]
    fn fullwidth_and_halfwidth_forms_fold_to_the_usual_ones() {
        assert_eq!(fold_str("ＩＭＦ　２０２５"), "imf 2025");
        assert_eq!(case_key_str("ＩＭＦ"), "IMF");
        // ﾃﾞﾝｷ is テ, a sound mark, ン, キ: one char for each, as everywhere.
        assert_eq!(fold_str("ﾃﾞﾝｷ"), "テ\u{3099}ンキ");
        assert_eq!(fold_str("ｷｭｳｼｭｳ"), "キュウシュウ");
        // A kana with its sound mark stays itself: デ is not テ.
        assert_eq!(fold_str("デンキ"), "デンキ");
    }

    #[test]
    fn non_latin_letters_keep_their_marks() {
        // Cyrillic й is its own letter, not и with a breve.
        assert_eq!(fold_str("Й"), "й");
        assert_eq!(fold_str("Ωμέγα"), "ωμέγα");
    }

    #[test]
    fn latin_letters_with_a_stroke_fold_to_their_base_letter() {
        assert_eq!(
            fold_str("Łódź Søren Đorđe Ħal ıstanbul"),
            "lodz soren dorde hal istanbul"
        );
        assert_eq!(case_key_str("Łódź Søren"), "Lodz Soren");
    }

    #[test]
    fn mask_covers_ascii_and_hashes_the_rest() {
        assert_eq!(mask_of("ab"), 0b11);
        assert_eq!(mask_of(" "), 0);
        assert_ne!(mask_of("東"), 0);
        assert_eq!(mask_of("abc") & mask_of("ab"), mask_of("ab"));
    }
}
