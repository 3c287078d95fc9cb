//! Characters newer than the terminals' width tables.
//!
//! A terminal measures each character with its own table, most often the C library's
//! `wcwidth`, which lags Unicode by years (glibc 2.36, in Debian 12, knows Unicode 14). A
//! character it does not know is drawn at no width, one cell or two, or dropped, whatever
//! this program measured with the current tables, and the cells after it are left stale.
//! So characters assigned after Unicode 14.0 are shown by number until the terminals catch
//! up: new emoji (U+1FAE8 🫨), scripts and CJK ideographs (Extension I).

/// The code points assigned in Unicode 15.0 to 16.0 (the version of
/// `unicode-general-category` and `unicode-width` here), in order. Made by listing the
/// code points `unicode-general-category` says are assigned and Python 3.11's
/// `unicodedata` (Unicode 14.0) says are not.
const AFTER_14: &[(char, char)] = &[
    ('\u{0897}', '\u{0897}'),
    ('\u{0CF3}', '\u{0CF3}'),
    ('\u{0ECE}', '\u{0ECE}'),
    ('\u{1B4E}', '\u{1B4F}'),
    ('\u{1B7F}', '\u{1B7F}'),
    ('\u{1C89}', '\u{1C8A}'),
    ('\u{2427}', '\u{2429}'),
    ('\u{2FFC}', '\u{2FFF}'),
    ('\u{31E4}', '\u{31E5}'),
    ('\u{31EF}', '\u{31EF}'),
    ('\u{A7CB}', '\u{A7CD}'),
    ('\u{A7DA}', '\u{A7DC}'),
    ('\u{105C0}', '\u{105F3}'),
    ('\u{10D40}', '\u{10D65}'),
    ('\u{10D69}', '\u{10D85}'),
    ('\u{10D8E}', '\u{10D8F}'),
    ('\u{10EC2}', '\u{10EC4}'),
    ('\u{10EFC}', '\u{10EFF}'),
    ('\u{1123F}', '\u{11241}'),
    ('\u{11380}', '\u{11389}'),
    ('\u{1138B}', '\u{1138B}'),
    ('\u{1138E}', '\u{1138E}'),
    ('\u{11390}', '\u{113B5}'),
    ('\u{113B7}', '\u{113C0}'),
    ('\u{113C2}', '\u{113C2}'),
    ('\u{113C5}', '\u{113C5}'),
    ('\u{113C7}', '\u{113CA}'),
    ('\u{113CC}', '\u{113D5}'),
    ('\u{113D7}', '\u{113D8}'),
    ('\u{113E1}', '\u{113E2}'),
    ('\u{116D0}', '\u{116E3}'),
    ('\u{11B00}', '\u{11B09}'),
    ('\u{11BC0}', '\u{11BE1}'),
    ('\u{11BF0}', '\u{11BF9}'),
    ('\u{11F00}', '\u{11F10}'),
    ('\u{11F12}', '\u{11F3A}'),
    ('\u{11F3E}', '\u{11F5A}'),
    ('\u{1342F}', '\u{1342F}'),
    ('\u{13439}', '\u{13455}'),
    ('\u{13460}', '\u{143FA}'),
    ('\u{16100}', '\u{16139}'),
    ('\u{16D40}', '\u{16D79}'),
    ('\u{18CFF}', '\u{18CFF}'),
    ('\u{1B132}', '\u{1B132}'),
    ('\u{1B155}', '\u{1B155}'),
    ('\u{1CC00}', '\u{1CCF9}'),
    ('\u{1CD00}', '\u{1CEB3}'),
    ('\u{1D2C0}', '\u{1D2D3}'),
    ('\u{1DF25}', '\u{1DF2A}'),
    ('\u{1E030}', '\u{1E06D}'),
    ('\u{1E08F}', '\u{1E08F}'),
    ('\u{1E4D0}', '\u{1E4F9}'),
    ('\u{1E5D0}', '\u{1E5FA}'),
    ('\u{1E5FF}', '\u{1E5FF}'),
    ('\u{1F6DC}', '\u{1F6DC}'),
    ('\u{1F774}', '\u{1F776}'),
    ('\u{1F77B}', '\u{1F77F}'),
    ('\u{1F7D9}', '\u{1F7D9}'),
    ('\u{1F8B2}', '\u{1F8BB}'),
    ('\u{1F8C0}', '\u{1F8C1}'),
    ('\u{1FA75}', '\u{1FA77}'),
    ('\u{1FA87}', '\u{1FA89}'),
    ('\u{1FA8F}', '\u{1FA8F}'),
    ('\u{1FAAD}', '\u{1FAAF}'),
    ('\u{1FABB}', '\u{1FABF}'),
    ('\u{1FAC6}', '\u{1FAC6}'),
    ('\u{1FACE}', '\u{1FACF}'),
    ('\u{1FADA}', '\u{1FADC}'),
    ('\u{1FADF}', '\u{1FADF}'),
    ('\u{1FAE8}', '\u{1FAE9}'),
    ('\u{1FAF7}', '\u{1FAF8}'),
    ('\u{1FBCB}', '\u{1FBEF}'),
    ('\u{2B739}', '\u{2B739}'),
    ('\u{2EBF0}', '\u{2EE5D}'),
    ('\u{31350}', '\u{323AF}'),
];

/// Whether `c` was assigned after Unicode 14.0.
pub fn after_unicode_14(c: char) -> bool {
    AFTER_14
        .binary_search_by(|&(start, end)| {
            if end < c {
                std::cmp::Ordering::Less
            } else if start > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ranges_are_in_order_and_apart() {
        assert!(AFTER_14.iter().all(|(s, e)| s <= e));
        assert!(AFTER_14.windows(2).all(|w| w[0].1 < w[1].0));
    }

    #[test]
    fn new_characters_are_found_and_old_ones_not() {
        for c in [
            '\u{1FAE8}',
            '\u{1FAE9}',
            '\u{2EBF0}',
            '\u{0CF3}',
            '\u{31350}',
        ] {
            assert!(after_unicode_14(c), "{c:?}");
        }
        for c in [
            'a',
            '\u{1FAE7}',
            '\u{1F600}',
            '\u{4E00}',
            '\u{0CF2}',
            '\u{10FFFF}',
        ] {
            assert!(!after_unicode_14(c), "{c:?}");
        }
    }
}
