//! Dates written the way people write them rather than the way the format does: `2025-6-5`,
//! `21 May 2025`, `May 21, 2025`, `May 2025`, `2025/06/05`. Each of these can be read one
//! way only, so `check` suggests the format's spelling ("did you mean "2025-06-05"?"). A
//! date whose day and month could be either way round (`05/06/2025`: 5 June, or May 6) is
//! never guessed; a year of two digits neither.
//!
//! A suggestion is only a suggestion: `check --fix` never changes the text of a string.

use super::super::date::{DateSpec, PartialDate};

/// English month names and their common abbreviations, by month.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sep", "sept"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

/// The longest value worth reading: a `between` of two dates written out in words.
const LONGEST: usize = 80;

/// The format's spelling of a date written in another unambiguous way, bounds and ranges
/// included (`after 21 May 2025` → `after 2025-05-21`); `None` when the value is not
/// one, is already right, or could be read more than one way.
pub(crate) fn suggest(value: &str) -> Option<String> {
    let value = value.trim();
    if value.len() > LONGEST {
        return None;
    }
    let lower = value.to_lowercase();
    let (prefix, rest) = ["after ", "before ", "between "]
        .into_iter()
        .find_map(|p| Some((p, lower.strip_prefix(p)?)))
        .unwrap_or(("", lower.as_str()));
    let spelt = if prefix == "between " {
        let (from, to) = rest.split_once(" and ")?;
        format!("between {} and {}", partial(from)?, partial(to)?)
    } else {
        format!("{prefix}{}", partial(rest)?)
    };
    (spelt != value && DateSpec::parse(&spelt).is_ok()).then_some(spelt)
}

/// Whether a value is a date of numbers whose day and month could be either way round
/// (`05/06/2025`, `5-6-2025`), so that no spelling is suggested.
pub(crate) fn day_month_order(value: &str) -> bool {
    let value = value.trim();
    let Some(sep) = value.chars().find(|c| matches!(c, '/' | '-' | '.')) else {
        return false;
    };
    let parts: Vec<&str> = value.split(sep).collect();
    let number = |s: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    matches!(parts.as_slice(), [a, b, y] if number(a, 1..=2) && number(b, 1..=2) && number(y, 2..=4))
}

/// One date in the format's spelling, from any unambiguous spelling of it (lower case).
fn partial(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(numeric) = year_first(s) {
        return Some(numeric);
    }
    // Words: `21 may 2025`, `may 21, 2025`, `may 2025`, `21-may-2025`, `sept. 2025`.
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '-' | '/'))
        .filter(|w| !w.is_empty())
        .collect();
    let (year, month, day) = match words.as_slice() {
        [d, m, y] if month(m).is_some() => (year(y)?, month(m)?, Some(day(d)?)),
        [m, d, y] if month(m).is_some() => (year(y)?, month(m)?, Some(day(d)?)),
        [m, y] => (year(y)?, month(m)?, None),
        _ => return None,
    };
    let spelt = match day {
        Some(d) => format!("{year}-{month:02}-{d:02}"),
        None => format!("{year}-{month:02}"),
    };
    PartialDate::parse(&spelt).ok().map(|d| d.to_string())
}

/// `2025-6-5`, `2025/06/05`, `2025.6`: a year of four digits first, then a month and a day
/// of one or two digits, one separator throughout.
fn year_first(s: &str) -> Option<String> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = s.split(sep);
    let year = parts.next().filter(|y| y.len() == 4).and_then(number)?;
    let month = number(parts.next()?)?;
    let day = parts.next().map(number);
    if parts.next().is_some() {
        return None;
    }
    let spelt = match day {
        Some(d) => format!("{year:04}-{month:02}-{:02}", d?),
        None => format!("{year:04}-{month:02}"),
    };
    PartialDate::parse(&spelt).ok().map(|d| d.to_string())
}

/// One to four ASCII digits.
fn number(s: &str) -> Option<u32> {
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn year(s: &str) -> Option<u32> {
    number(s).filter(|_| s.len() == 4)
}

/// A day of the month, with an ordinal ending or not: `21`, `21st`, `2nd`.
fn day(s: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .into_iter()
        .find_map(|end| s.strip_suffix(end))
        .unwrap_or(s);
    number(digits).filter(|&d| digits.len() <= 2 && (1..=31).contains(&d))
}

/// A month's number from its English name or abbreviation (`sept.` too).
fn month(s: &str) -> Option<u32> {
    let name = s.strip_suffix('.').unwrap_or(s);
    let i = MONTHS.iter().position(|names| names.contains(&name))?;
    u32::try_from(i + 1).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unambiguous_spellings_get_the_formats_spelling() {
        for (written, meant) in [
            ("2025-6-5", "2025-06-05"),
            ("2025-06-5", "2025-06-05"),
            ("2025-6", "2025-06"),
            ("2025/06/05", "2025-06-05"),
            ("2025.6.5", "2025-06-05"),
            ("21 May 2025", "2025-05-21"),
            ("21st May, 2025", "2025-05-21"),
            ("2 Sept. 2025", "2025-09-02"),
            ("21-May-2025", "2025-05-21"),
            ("May 21, 2025", "2025-05-21"),
            ("December 3rd 2024", "2024-12-03"),
            ("May 2025", "2025-05"),
            ("feb 2024", "2024-02"),
            ("After 21 May 2025", "after 2025-05-21"),
            ("before 2025-6", "before 2025-06"),
            (
                "between May 2025 and 2025-6-30",
                "between 2025-05 and 2025-06-30",
            ),
            (" 2025-6-5 ", "2025-06-05"),
        ] {
            assert_eq!(suggest(written).as_deref(), Some(meant), "{written}");
        }
    }

    #[test]
    fn what_could_be_read_two_ways_or_is_no_date_is_not_guessed() {
        for written in [
            "05/06/2025",
            "5-6-2025",
            "13/05/2025",
            "21 May 25",
            "21 May",
            "Mayday 2025",
            "2025-06-05",
            "2025",
            "2025-13-1",
            "31 June 2025",
            "2025-6-5-1",
            "between May 2025",
            "spring 2025",
            "",
            "after",
        ] {
            assert_eq!(suggest(written), None, "{written}");
        }
        assert!(day_month_order("05/06/2025"));
        assert!(day_month_order("5.6.25"));
        assert!(!day_month_order("2025/06/05"));
        assert!(!day_month_order("21 May 2025"));
    }
}
