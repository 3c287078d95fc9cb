//! Dates written the way people write them rather than the way the format does: `2025-6-5`,
//! `21 May 2025`, `May 21, 2025`, `May 2025`, `2025/06/05`, `17/03/2025`. Each of these can
//! be read one way only, so `check` suggests the format's spelling ("did you mean
//! "2025-06-05"?"). A date whose day and month could be either way round (`05/06/2025`: 5
//! June, or May 6) is never guessed; a year of two digits neither. A date of numbers that
//! no reading makes a date (`31/02/2025`, `13/13/2025`) is told why.
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

/// Why a date of numbers with the year last is not guessed, bounds and ranges included:
/// its day and month could be either way round (`05/06/2025`), its year has two digits
/// (`5.6.25`), or no reading of it is a date (`31/02/2025`, `13/13/2025`). `None` for any
/// other value.
pub(crate) fn unread(value: &str) -> Option<String> {
    let value = value.trim();
    if value.len() > LONGEST {
        return None;
    }
    let lower = value.to_lowercase();
    let rest = ["after ", "before ", "between "]
        .into_iter()
        .find_map(|p| lower.strip_prefix(p))
        .unwrap_or(&lower);
    let (from, to) = rest.split_once(" and ").unwrap_or((rest, ""));
    [from, to]
        .into_iter()
        .find_map(|part| match year_last(part.trim())? {
            YearLast::Unread(why) => Some(why),
            YearLast::Date(_) => None,
        })
}

/// How a date of numbers with the year last reads (`17/03/2025`, `3-17-2025`, `5.6.25`).
#[derive(Debug, PartialEq, Eq)]
enum YearLast {
    /// One way only: the format's spelling of it.
    Date(String),
    /// Not guessed; why, as help for the author.
    Unread(String),
}

/// A day and a month of one or two digits in either order, then a year, with one
/// separator throughout; `None` for anything else. With the year in four digits, a part
/// above 12 can only be the day, so `17/03/2025` and `03/17/2025` are both 17 March 2025;
/// `05/06/2025` could be either, and `05/05/2025` is the same either way.
fn year_last(written: &str) -> Option<YearLast> {
    let sep = written.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let digits = |p: &str, len: std::ops::RangeInclusive<usize>| {
        len.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    let parts: Vec<&str> = written.split(sep).collect();
    let [one, two, year] = parts.as_slice() else {
        return None;
    };
    if !(digits(one, 1..=2) && digits(two, 1..=2) && digits(year, 2..=4)) {
        return None;
    }
    if year.len() != 4 {
        return Some(YearLast::Unread(format!(
            "`{written}` does not give the year in four digits: write it as YYYY-MM-DD"
        )));
    }
    let (first, second) = (number(one)?, number(two)?);
    let month = |m: u32| (1..=12).contains(&m);
    // (day, month, which comes first) for each reading whose month is one.
    let day_first = month(second).then_some((first, second, "day"));
    let month_first = month(first).then_some((second, first, "month"));
    let (day, month, which) = match (day_first, month_first) {
        (Some(_), Some(_)) if first != second => {
            return Some(YearLast::Unread(format!(
                "`{written}` could be read with the day first or the month first: write it as YYYY-MM-DD"
            )));
        }
        (Some(reading), _) | (None, Some(reading)) => reading,
        (None, None) => {
            let why = if first == second {
                format!("there is no month {one}")
            } else {
                format!("neither {one} nor {two} is a month")
            };
            return Some(YearLast::Unread(format!(
                "`{written}` is not a date either way round: {why}"
            )));
        }
    };
    let spelt = format!("{year}-{month:02}-{day:02}");
    Some(match PartialDate::parse(&spelt) {
        Ok(date) => YearLast::Date(date.to_string()),
        Err(why) => YearLast::Unread(format!(
            "`{written}` can be read only with the {which} first, and {why}"
        )),
    })
}

/// One date in the format's spelling, from any unambiguous spelling of it (lower case).
fn partial(s: &str) -> Option<String> {
    let s = s.trim();
    if let Some(numeric) = year_first(s) {
        return Some(numeric);
    }
    if let Some(read) = year_last(s) {
        return match read {
            YearLast::Date(spelt) => Some(spelt),
            YearLast::Unread(_) => None,
        };
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
            // A part above 12 can only be the day, whichever comes first.
            ("17/03/2025", "2025-03-17"),
            ("03/17/2025", "2025-03-17"),
            ("17.03.2025", "2025-03-17"),
            ("3-17-2025", "2025-03-17"),
            ("13/05/2025", "2025-05-13"),
            ("29/02/2024", "2024-02-29"),
            // The same either way round.
            ("05/05/2025", "2025-05-05"),
            ("before 17/03/2025", "before 2025-03-17"),
            (
                "between 13/1/2025 and 17/03/2025",
                "between 2025-01-13 and 2025-03-17",
            ),
        ] {
            assert_eq!(suggest(written).as_deref(), Some(meant), "{written}");
        }
    }

    #[test]
    fn what_could_be_read_two_ways_or_is_no_date_is_not_guessed() {
        for written in [
            "05/06/2025",
            "5-6-2025",
            "17/03/25",
            "31/02/2025",
            "02/31/2025",
            "13/13/2025",
            "13/14/2025",
            "00/05/2025",
            "between 17/03/2025 and 05/06/2025",
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
    }

    #[test]
    fn a_date_of_numbers_that_is_not_guessed_says_why() {
        for (written, why) in [
            (
                "05/06/2025",
                "`05/06/2025` could be read with the day first or the month first: write it as YYYY-MM-DD",
            ),
            (
                "before 5-6-2025",
                "`5-6-2025` could be read with the day first or the month first: write it as YYYY-MM-DD",
            ),
            (
                "between 17/03/2025 and 05/06/2025",
                "`05/06/2025` could be read with the day first or the month first: write it as YYYY-MM-DD",
            ),
            (
                "17/03/25",
                "`17/03/25` does not give the year in four digits: write it as YYYY-MM-DD",
            ),
            (
                "31/02/2025",
                "`31/02/2025` can be read only with the day first, and 2025-02 has no day 31: it has 28 days",
            ),
            (
                "02/31/2025",
                "`02/31/2025` can be read only with the month first, and 2025-02 has no day 31: it has 28 days",
            ),
            (
                "13/13/2025",
                "`13/13/2025` is not a date either way round: there is no month 13",
            ),
            (
                "32.13.2025",
                "`32.13.2025` is not a date either way round: neither 32 nor 13 is a month",
            ),
        ] {
            assert_eq!(unread(written).as_deref(), Some(why), "{written}");
        }
        for read in [
            "17/03/2025",
            "05/05/2025",
            "2025/06/05",
            "21 May 2025",
            "2025-13-1",
            "spring 2025",
        ] {
            assert_eq!(unread(read), None, "{read}");
        }
    }
}
