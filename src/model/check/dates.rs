//! Dates written the way people write them rather than the way the format does: `2025-6-5`,
//! `21 May 2025`, `May 21, 2025`, `May 2025`, `2025/06/05`, `17/03/2025`. Each of these can
//! be read one way only, so `check` suggests the format's spelling ("did you mean
//! "2025-06-05"?"). A date whose day and month could be either way round (`05/06/2025`: 5
//! June, or May 6) is never guessed; a year of two digits neither. A date that no reading
//! makes one, in any spelling (`2025-02-30`, `2025-13`, `31/02/2025`, `13/13/2025`, `30
//! February 2025`), is told why in words ("February 2025 has 28 days"), with nothing to
//! apply: which date was meant is the source's to say.
//!
//! A suggestion is only a suggestion: `check --fix` never changes the text of a string.

use super::super::date::{DateError, DateSpec, PartialDate};

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

/// What `check` tells the author of a date value that does not parse, beyond the parse
/// error itself.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Advice {
    /// Why the value is not the date it seems to be, in words: `February 2025 has 28
    /// days`, `the range runs backwards`; none for a date only spelt another way.
    pub why: Option<String>,
    /// The format's spelling of the one date the value can be, when there is one.
    pub meant: Option<String>,
}

impl Advice {
    /// The help line of a date value's error.
    pub(crate) fn help(&self) -> String {
        match (&self.why, &self.meant) {
            (Some(why), Some(meant)) => format!("{why}: did you mean \"{meant}\"?"),
            (None, Some(meant)) => format!("did you mean \"{meant}\"?"),
            (Some(why), None) => why.clone(),
            (None, None) => GENERIC.into(),
        }
    }
}

/// The help for a date value that is none of the forms `check` can read.
pub(crate) const GENERIC: &str = "dates look like \"2025\", \"2025-05\", \"2025-05-21\", \"after 2024-06\", \"before 2025-05-21\", \"between 2024-06 and 2025-05\" or \"unknown\"";

/// What to say of a date value that is not one of the format's, bounds and ranges
/// included; `None` when it cannot be read as a date at all (or is one already).
///
/// - Written another way that reads one way only (`after 21 May 2025`, `17/03/2025`): the
///   format's spelling as `meant`.
/// - Not guessed (`05/06/2025` reads both ways, `5.6.25` has a year of two digits), or
///   no date in any spelling (`2025-02-30`, `31/02/2025`, `2025-13`, `30 February 2025`):
///   why, and nothing to apply.
/// - A range that starts after it ends, in any spelling read one way only (`between
///   2025-03-17 and 2025-03-12`, `between 17/03/2025 and 13/03/2025`): its ends the other
///   way round, in the format's spelling, the one edit that keeps both dates as written.
///   An end that reads both ways (`12/03/2025`) is not guessed from the other end.
pub(crate) fn advise(value: &str) -> Option<Advice> {
    let value = value.trim();
    if value.len() > LONGEST {
        return None;
    }
    let mut lower = value.to_lowercase();
    if let Some((from, to)) = as_range(&lower) {
        lower = format!("between {from} and {to}");
    }
    let (prefix, rest) = ["after ", "before ", "between "]
        .into_iter()
        .find_map(|p| Some((p, lower.strip_prefix(p)?)))
        .unwrap_or(("", lower.as_str()));
    let readings: Vec<Option<Reading>> = match rest.split_once(" and ") {
        Some((from, to)) => vec![partial(from), partial(to)],
        None => vec![partial(rest)],
    };
    if let Some(why) = readings.iter().find_map(|r| match r {
        Some(Reading::Unread(why)) => Some(why.clone()),
        _ => None,
    }) {
        return Some(Advice {
            why: Some(why),
            meant: None,
        });
    }
    let spelt = match (prefix, readings.as_slice()) {
        ("between ", [Some(Reading::Date(from)), Some(Reading::Date(to))]) => {
            format!("between {from} and {to}")
        }
        (prefix, [Some(Reading::Date(date))]) if prefix != "between " => {
            format!("{prefix}{date}")
        }
        _ => return None,
    };
    match DateSpec::parse(&spelt) {
        Ok(_) => (spelt != value).then_some(Advice {
            why: None,
            meant: Some(spelt),
        }),
        Err(DateError::Reversed(from, to)) => Some(Advice {
            why: Some("the range runs backwards".into()),
            meant: Some(format!("between {to} and {from}")),
        }),
        Err(_) => None,
    }
}

/// The two ends of a range written another way than the format's `between A and B`:
/// `A to B` (or `until`, `through`, `till`, a dash between spaces, an en dash), each
/// maybe after `from`; and two bounds joined, `after A and before B` in either order.
/// `value` is in lower case.
fn as_range(value: &str) -> Option<(&str, &str)> {
    if let Some(ends) = two_bounds(value) {
        return Some(ends);
    }
    let rest = value.strip_prefix("from ").unwrap_or(value);
    let (from, to) = [
        " to ",
        " until ",
        " till ",
        " through ",
        " - ",
        " – ",
        "–",
        " — ",
    ]
    .into_iter()
    .find_map(|sep| rest.split_once(sep))?;
    let (from, to) = (from.trim(), to.trim());
    (!from.is_empty() && !to.is_empty()).then_some((from, to))
}

/// `after A and before B`, or `before B and after A`: (A, B).
fn two_bounds(value: &str) -> Option<(&str, &str)> {
    let (first, second) = value.split_once(" and ")?;
    if let (Some(from), Some(to)) = (first.strip_prefix("after "), second.strip_prefix("before ")) {
        return Some((from, to));
    }
    let (to, from) = (
        first.strip_prefix("before ")?,
        second.strip_prefix("after ")?,
    );
    Some((from, to))
}

/// How one date, written in numbers or words, reads.
#[derive(Debug, PartialEq, Eq)]
enum Reading {
    /// One way only: the format's spelling of it.
    Date(String),
    /// Not guessed, or no date whichever way it is read; why, as help for the author.
    Unread(String),
}

/// A day and a month of one or two digits in either order, then a year, with one
/// separator throughout; `None` for anything else. With the year in four digits, a part
/// above 12 can only be the day, so `17/03/2025` and `03/17/2025` are both 17 March 2025;
/// `05/06/2025` could be either, and `05/05/2025` is the same either way.
fn year_last(written: &str) -> Option<Reading> {
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
        return Some(Reading::Unread(format!(
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
            return Some(Reading::Unread(format!(
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
            return Some(Reading::Unread(format!(
                "`{written}` is not a date either way round: {why}"
            )));
        }
    };
    Some(match read(&format!("{year}-{month:02}-{day:02}"))? {
        Reading::Unread(why) => Reading::Unread(format!(
            "`{written}` can be read only with the {which} first, and {why}"
        )),
        date @ Reading::Date(_) => date,
    })
}

/// One date in the format's spelling, or why it is none, from any spelling of it that
/// reads one way only (lower case): the format's own, numbers with the year first or last,
/// or words.
fn partial(s: &str) -> Option<Reading> {
    let s = s.trim();
    if let Ok(date) = PartialDate::parse(s) {
        return Some(Reading::Date(date.to_string()));
    }
    if let Some(numeric) = year_first(s) {
        return Some(numeric);
    }
    if let Some(read) = year_last(s) {
        return Some(read);
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
    read(&match day {
        Some(d) => format!("{year}-{month:02}-{d:02}"),
        None => format!("{year}-{month:02}"),
    })
}

/// A date of the format's spelling as a [`Reading`]: the date, or why no calendar has it
/// (`2025-02-30`, `2025-13`); `None` when it is not the format's spelling after all.
fn read(spelt: &str) -> Option<Reading> {
    match PartialDate::parse(spelt) {
        Ok(date) => Some(Reading::Date(date.to_string())),
        Err(e) => impossible(&e).map(Reading::Unread),
    }
}

/// Why a date in the format's spelling is no date, in words: `there is no month 13`,
/// `February 2025 has 28 days`, `2023 is not a leap year: February 2023 has 28 days`.
/// `None` for an error of spelling rather than of the calendar.
fn impossible(e: &DateError) -> Option<String> {
    match *e {
        DateError::Month(m) => Some(format!("there is no month {m}")),
        DateError::Day { day: 0, .. } => Some("there is no day 0".into()),
        DateError::Day {
            year,
            month,
            day,
            max,
        } => {
            let name = MONTHS[usize::from(month).checked_sub(1)?][0];
            let mut chars = name.chars();
            let name: String = chars
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(chars)
                .collect();
            Some(if month == 2 && day == 29 {
                format!("{year} is not a leap year: {name} {year} has {max} days")
            } else {
                format!("{name} {year} has {max} days")
            })
        }
        DateError::Syntax(_) | DateError::Reversed(..) => None,
    }
}

/// `2025-6-5`, `2025/06/05`, `2025.6`: a year of four digits first, then a month and a day
/// of one or two digits, one separator throughout.
fn year_first(s: &str) -> Option<Reading> {
    let sep = s.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let mut parts = s.split(sep);
    let year = parts.next().filter(|y| y.len() == 4).and_then(number)?;
    let month = number(parts.next()?)?;
    let day = parts.next().map(number);
    if parts.next().is_some() {
        return None;
    }
    read(&match day {
        Some(d) => format!("{year:04}-{month:02}-{:02}", d?),
        None => format!("{year:04}-{month:02}"),
    })
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

    /// The format's spelling of a date written in another way that reads one way only.
    fn suggest(value: &str) -> Option<String> {
        advise(value)?.meant
    }

    /// A range written with `to`, a dash or two bounds is given the format's `between`,
    /// its ends in the format's spelling and in order; an end that reads both ways is not
    /// guessed.
    #[test]
    fn a_range_written_another_way_gets_the_formats_between() {
        for written in [
            "2025-03-02 to 2025-03-05",
            "from 2025-03-02 to 2025-03-05",
            "2025-03-02 until 5 March 2025",
            "2025-03-02 – 2025-03-05",
            "2025-03-02–2025-03-05",
            "2025-03-02 - 2025-03-05",
            "after 2025-03-02 and before 2025-03-05",
            "before 2025-03-05 and after 2 March 2025",
            "2025-03-05 to 2025-03-02",
        ] {
            assert_eq!(
                suggest(written).as_deref(),
                Some("between 2025-03-02 and 2025-03-05"),
                "{written}"
            );
        }
        assert_eq!(
            suggest("March 2025 to May 2025").as_deref(),
            Some("between 2025-03 and 2025-05")
        );
        assert_eq!(suggest("2025-03-02 to 05/06/2025"), None);
        assert_eq!(suggest("2025-03-02 to"), None);
        // A bound of more than one word is quoted whole in the error.
        assert_eq!(
            DateSpec::parse("after 2025-03-02 and before 2025-04")
                .unwrap_err()
                .to_string(),
            "`after 2025-03-02 and before 2025-04` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"
        );
    }

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
                "`31/02/2025` can be read only with the day first, and February 2025 has 28 days",
            ),
            (
                "02/31/2025",
                "`02/31/2025` can be read only with the month first, and February 2025 has 28 days",
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
            assert_eq!(why_only(written).as_deref(), Some(why), "{written}");
        }
        for read in ["17/03/2025", "05/05/2025", "2025/06/05", "21 May 2025"] {
            assert!(advise(read).unwrap().why.is_none(), "{read}");
        }
        assert_eq!(advise("spring 2025"), None);
    }

    /// A range that starts after it ends is given its ends the other way round, whichever
    /// spelling its ends have, as a range of the format's own is; an end that reads both
    /// ways is still not guessed.
    #[test]
    fn a_reversed_range_in_any_spelling_gets_its_ends_the_other_way_round() {
        let swapped = "between 2025-03-12 and 2025-03-17";
        for written in [
            "between 2025-03-17 and 2025-03-12",
            "between 17/03/2025 and 2025-03-12",
            "between 17 March 2025 and 12 March 2025",
            "Between 2025-3-17 and 2025/03/12",
        ] {
            let advice = advise(written).unwrap();
            assert_eq!(advice.meant.as_deref(), Some(swapped), "{written}");
            assert_eq!(
                advice.help(),
                format!("the range runs backwards: did you mean \"{swapped}\"?"),
                "{written}"
            );
        }
        assert_eq!(
            suggest("between 17/03/2025 and 13/03/2025").as_deref(),
            Some("between 2025-03-13 and 2025-03-17")
        );
        assert_eq!(
            suggest("between 2025-06 and 2024").as_deref(),
            Some("between 2024 and 2025-06")
        );
        // 12/03/2025 could be 3 December, after 17 March: not guessed.
        assert_eq!(
            why_only("between 17/03/2025 and 12/03/2025").as_deref(),
            Some(
                "`12/03/2025` could be read with the day first or the month first: write it as YYYY-MM-DD"
            )
        );
        // A range that overlaps itself, a month and a day in it, is not reversed.
        assert_eq!(advise("between 2025-03 and 2025-03-12"), None);
    }

    /// The help of a value that gets a reason and nothing to apply.
    fn why_only(value: &str) -> Option<String> {
        let advice = advise(value)?;
        assert_eq!(advice.meant, None, "{value}");
        advice.why
    }

    /// A date that no calendar has says why in words, in every spelling that is read and in
    /// bounds and ranges, and is never given a date to apply: 2025-02-30 could be 28
    /// February or 2 March, 2025-13-01 a typo of any month.
    #[test]
    fn an_impossible_date_in_any_spelling_says_why_and_guesses_nothing() {
        for (written, why) in [
            ("2025-02-30", "February 2025 has 28 days"),
            ("2025-04-31", "April 2025 has 30 days"),
            ("2024-02-30", "February 2024 has 29 days"),
            (
                "2023-02-29",
                "2023 is not a leap year: February 2023 has 28 days",
            ),
            ("2025-13-01", "there is no month 13"),
            ("2025-13", "there is no month 13"),
            ("2025-00-05", "there is no month 0"),
            ("2025-02-00", "there is no day 0"),
            ("2025-6-31", "June 2025 has 30 days"),
            ("2025/02/30", "February 2025 has 28 days"),
            ("2025-13-1", "there is no month 13"),
            ("31 June 2025", "June 2025 has 30 days"),
            (
                "February 29, 2023",
                "2023 is not a leap year: February 2023 has 28 days",
            ),
            ("after 2025-09-31", "September 2025 has 30 days"),
            (
                "between 2025-02-30 and 2025-03-05",
                "February 2025 has 28 days",
            ),
            ("between 2025-01 and 2025-13", "there is no month 13"),
            // A date of numbers with the year last says the same of its only reading.
            (
                "29/02/2023",
                "`29/02/2023` can be read only with the day first, and 2023 is not a leap year: February 2023 has 28 days",
            ),
        ] {
            assert_eq!(why_only(written).as_deref(), Some(why), "{written}");
            let help = advise(written).unwrap().help();
            assert_eq!(help, why, "{written}");
        }
        // Every date the calendar has is read as it is, at every precision.
        for written in ["2024-02-29", "2025-12-31", "2025-12", "2025"] {
            assert_eq!(advise(written), None, "{written}");
        }
    }
}
