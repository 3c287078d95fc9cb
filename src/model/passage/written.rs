//! Locators that name paragraphs in words (`para 6`, `paragraph 6`, `par. 6`, `¶¶ 5–7`) or
//! that may name pages (`p. 6`, `page 6`, a bare `6`), for the warning that such a locator
//! names no paragraph of a source's text file: a paragraph named in words is suggested its
//! `¶` form, and a page only the paragraph its excerpt is found in.

use std::ops::RangeInclusive;

/// What a locator names in words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Named {
    /// Paragraphs, by a word for them: their `¶` form is meant.
    Paragraphs(RangeInclusive<usize>),
    /// Pages, or a bare number: which paragraph is meant, nothing in it says.
    Pages,
}

/// What `locator` names, when it is a word for paragraphs or pages (any case, with or
/// without a full stop) and a number or a range of them, as a `¶` locator would write it.
pub(super) fn named(locator: &str) -> Option<Named> {
    let lower = locator.trim().to_lowercase();
    let word_end = lower
        .find(|c: char| !(c.is_alphabetic() || c == '¶'))
        .unwrap_or(lower.len());
    let (word, rest) = lower.split_at(word_end);
    let rest = rest.strip_prefix('.').unwrap_or(rest);
    let range = super::paragraph_range(&format!("¶{rest}"))?;
    match word {
        "para" | "paras" | "paragraph" | "paragraphs" | "par" | "pars" | "¶¶" => {
            Some(Named::Paragraphs(range))
        }
        "" | "p" | "pp" | "pg" | "pgs" | "page" | "pages" => Some(Named::Pages),
        _ => None,
    }
}

/// A range of paragraphs as a locator: `¶6`, `¶5–¶7`.
pub(super) fn pilcrow(range: &RangeInclusive<usize>) -> String {
    if range.start() == range.end() {
        format!("¶{}", range.start())
    } else {
        format!("¶{}–¶{}", range.start(), range.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_paragraphs_and_pages_are_told_apart() {
        let paragraphs = |r: RangeInclusive<usize>| Some(Named::Paragraphs(r));
        assert_eq!(named("para 6"), paragraphs(6..=6));
        assert_eq!(named("Paragraph 6"), paragraphs(6..=6));
        assert_eq!(named("par. 6"), paragraphs(6..=6));
        assert_eq!(named("para6"), paragraphs(6..=6));
        assert_eq!(named("paras 5-7"), paragraphs(5..=7));
        assert_eq!(named("PARAGRAPHS 5–¶7"), paragraphs(5..=7));
        assert_eq!(named("¶¶ 5–7"), paragraphs(5..=7));
        for pages in [
            "p. 6",
            "p6",
            "pp. 5-6",
            "page 6",
            "Pages 5–6",
            "pg 6",
            "6",
            "5-6",
        ] {
            assert_eq!(named(pages), Some(Named::Pages), "{pages}");
        }
        for other in [
            "para",
            "para 0",
            "para 7-3",
            "p. 6a",
            "1:23",
            "chapter 2",
            "section 4",
            "para 6 and 7",
            "",
        ] {
            assert_eq!(named(other), None, "{other}");
        }
        assert_eq!(pilcrow(&(6..=6)), "¶6");
        assert_eq!(pilcrow(&(5..=7)), "¶5–¶7");
    }
}
