//! Dates that keep their precision.
//!
//! "2023-10" means some time in October 2023, never 1 October 2023. A date may also be
//! unknown or only bounded ("after 2024-06"). Each date knows the earliest and latest day it
//! could be, which is what sorting and the search qualifiers use.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar date at year, month or day precision.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: u16,
    /// 1–12, or 0 at year precision.
    month: u8,
    /// 1–31, or 0 at year or month precision.
    day: u8,
}

/// How precisely a [`PartialDate`] is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Why a date string was rejected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Syntax(String),
    #[error("month {0} does not exist: months run from 01 to 12")]
    Month(u32),
    #[error("{year}-{month:02} has no day {day}: it has {max} days")]
    Day {
        year: u16,
        month: u8,
        day: u32,
        max: u8,
    },
    #[error("the range starts ({0}) after it ends ({1})")]
    Reversed(PartialDate, PartialDate),
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A day as a sortable number: `yyyymmdd`.
pub type DayKey = u32;

impl PartialDate {
    pub fn precision(self) -> Precision {
        if self.month == 0 {
            Precision::Year
        } else if self.day == 0 {
            Precision::Month
        } else {
            Precision::Day
        }
    }

    pub fn year(self) -> u16 {
        self.year
    }

    /// The first day this date could be.
    pub fn first_day(self) -> DayKey {
        let month = if self.month == 0 { 1 } else { self.month };
        let day = if self.day == 0 { 1 } else { self.day };
        key(self.year, month, day)
    }

    /// The last day this date could be.
    pub fn last_day(self) -> DayKey {
        let month = if self.month == 0 { 12 } else { self.month };
        let day = if self.day == 0 {
            days_in_month(self.year, month)
        } else {
            self.day
        };
        key(self.year, month, day)
    }

    /// The day a [`DayKey`] names, at day precision; `None` for a key that is no day.
    pub fn from_day_key(k: DayKey) -> Option<Self> {
        let year = u16::try_from(k / 10_000).ok()?;
        let month = u8::try_from(k / 100 % 100).ok()?;
        let day = u8::try_from(k % 100).ok()?;
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Self { year, month, day })
    }

    /// A date from its parts (0 for a month or day not given), if there is such a date.
    fn checked(year: u16, month: u8, day: u8) -> Option<Self> {
        let ok = year <= 9999
            && month <= 12
            && (day == 0 || (month >= 1 && day <= days_in_month(year, month)));
        ok.then_some(Self { year, month, day })
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// # Errors
    /// [`DateError::Syntax`] when `s` is not in one of those forms, [`DateError::Month`]
    /// for a month outside 01–12, and [`DateError::Day`] for a day its month does not have.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let syntax = || DateError::Syntax(s.to_owned());
        let mut parts = s.split('-');
        let year = parts.next().ok_or_else(syntax)?;
        let month = parts.next();
        let day = parts.next();
        if parts.next().is_some() {
            return Err(syntax());
        }
        let year = digits(year, 4).ok_or_else(syntax)?;
        let year = u16::try_from(year).map_err(|_| syntax())?;
        let Some(month) = month else {
            return Ok(Self {
                year,
                month: 0,
                day: 0,
            });
        };
        let month = digits(month, 2).ok_or_else(syntax)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        let month = u8::try_from(month).map_err(|_| syntax())?;
        let Some(day) = day else {
            return Ok(Self {
                year,
                month,
                day: 0,
            });
        };
        let day = digits(day, 2).ok_or_else(syntax)?;
        let max = days_in_month(year, month);
        if day == 0 || day > u32::from(max) {
            return Err(DateError::Day {
                year,
                month,
                day,
                max,
            });
        }
        Ok(Self {
            year,
            month,
            day: u8::try_from(day).map_err(|_| syntax())?,
        })
    }
}

fn key(year: u16, month: u8, day: u8) -> DayKey {
    u32::from(year) * 10_000 + u32::from(month) * 100 + u32::from(day)
}

/// Parses exactly `len` ASCII digits.
fn digits(s: &str, len: usize) -> Option<u32> {
    if s.len() == len && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.precision() {
            Precision::Year => write!(f, "{:04}", self.year),
            Precision::Month => write!(f, "{:04}-{:02}", self.year, self.month),
            Precision::Day => write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day),
        }
    }
}

/// A date as honestly as the source gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum DateSpec {
    /// The source does not say.
    #[default]
    Unknown,
    /// Known at the precision given.
    On(PartialDate),
    /// This date or later (inclusive).
    After(PartialDate),
    /// This date or earlier (inclusive).
    Before(PartialDate),
    /// Somewhere in this inclusive range.
    Between(PartialDate, PartialDate),
}

impl DateSpec {
    /// Parses the forms documented in briefings/README.md.
    ///
    /// # Errors
    /// Whatever [`PartialDate::parse`] rejects in a date given, [`DateError::Syntax`] for a
    /// `between` with no `and`, and [`DateError::Reversed`] for a range that starts after it
    /// ends.
    pub fn parse(s: &str) -> Result<Self, DateError> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("unknown") {
            return Ok(Self::Unknown);
        }
        // A bound whose date is more than one word is quoted whole: in `after 2025-03 and
        // before 2025-05`, the date is not `2025-03 and before 2025-05`.
        let bound = |rest: &str| {
            PartialDate::parse(rest.trim()).map_err(|e| match e {
                DateError::Syntax(_) if rest.trim().contains(' ') => {
                    DateError::Syntax(s.to_owned())
                }
                e => e,
            })
        };
        if let Some(rest) = s.strip_prefix("after ") {
            return Ok(Self::After(bound(rest)?));
        }
        if let Some(rest) = s.strip_prefix("before ") {
            return Ok(Self::Before(bound(rest)?));
        }
        if let Some(rest) = s.strip_prefix("between ") {
            let (from, to) = rest
                .split_once(" and ")
                .ok_or_else(|| DateError::Syntax(s.to_owned()))?;
            let from = PartialDate::parse(from.trim())?;
            let to = PartialDate::parse(to.trim())?;
            if from.first_day() > to.last_day() {
                return Err(DateError::Reversed(from, to));
            }
            return Ok(Self::Between(from, to));
        }
        PartialDate::parse(s).map(Self::On)
    }

    /// The earliest day this could be, if bounded below.
    pub fn earliest(self) -> Option<DayKey> {
        match self {
            Self::On(d) | Self::After(d) | Self::Between(d, _) => Some(d.first_day()),
            Self::Before(_) | Self::Unknown => None,
        }
    }

    /// The latest day this could be, if bounded above.
    pub fn latest(self) -> Option<DayKey> {
        match self {
            Self::On(d) | Self::Before(d) | Self::Between(_, d) => Some(d.last_day()),
            Self::After(_) | Self::Unknown => None,
        }
    }

    /// Whether this date could fall anywhere in the inclusive range of days.
    pub fn could_overlap(self, from: DayKey, to: DayKey) -> bool {
        self.earliest().is_none_or(|e| e <= to) && self.latest().is_none_or(|l| l >= from)
    }

    pub fn is_known(self) -> bool {
        !matches!(self, Self::Unknown)
    }

    /// The year a timeline groups this date under, if any.
    pub fn year(self) -> Option<u16> {
        match self {
            Self::On(d) | Self::After(d) | Self::Before(d) => Some(d.year()),
            Self::Between(a, b) if a.year() == b.year() => Some(a.year()),
            Self::Between(a, _) => Some(a.year()),
            Self::Unknown => None,
        }
    }

    /// The timeline order: by the day a date most plausibly anchors on, coarser precision
    /// first, uncertain after certain at the same anchor, unknown last.
    pub fn timeline_cmp(self, other: Self) -> Ordering {
        self.sort_key().cmp(&other.sort_key())
    }

    /// A key that orders dates as [`DateSpec::timeline_cmp`] does, for sorting long lists
    /// by a key worked out once per date (`sort_by_cached_key`) rather than per comparison.
    pub fn timeline_key(self) -> u64 {
        let (known, day, precision, kind) = self.sort_key();
        u64::from(known) << 48 | u64::from(day) << 16 | u64::from(precision) << 8 | u64::from(kind)
    }

    fn sort_key(self) -> (u8, DayKey, u8, u8) {
        match self {
            Self::On(d) => (0, d.first_day(), d.precision() as u8, 0),
            Self::After(d) => (0, d.first_day(), d.precision() as u8, 1),
            Self::Between(d, _) => (0, d.first_day(), d.precision() as u8, 2),
            Self::Before(d) => (0, d.last_day(), d.precision() as u8, 3),
            Self::Unknown => (1, 0, 0, 0),
        }
    }
}

impl fmt::Display for DateSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unknown => f.write_str("unknown"),
            Self::On(d) => write!(f, "{d}"),
            Self::After(d) => write!(f, "after {d}"),
            Self::Before(d) => write!(f, "before {d}"),
            Self::Between(a, b) => write!(f, "between {a} and {b}"),
        }
    }
}

/// As written in a briefing (`"after 2024-06"`) in human-readable formats such as JSON; in
/// the cache's compact binary form, as numbers.
impl Serialize for DateSpec {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            return serializer.collect_str(self);
        }
        let d = |p: &PartialDate| (p.year, p.month, p.day);
        match self {
            Self::Unknown => Compact::Unknown,
            Self::On(p) => Compact::On(d(p)),
            Self::After(p) => Compact::After(d(p)),
            Self::Before(p) => Compact::Before(d(p)),
            Self::Between(a, b) => Compact::Between(d(a), d(b)),
        }
        .serialize(serializer)
    }
}

/// Reads the form [`Serialize`] writes, checking it as a file's date is checked.
impl<'de> Deserialize<'de> for DateSpec {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        if deserializer.is_human_readable() {
            let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
            return Self::parse(&s).map_err(D::Error::custom);
        }
        let d = |(year, month, day): (u16, u8, u8)| {
            PartialDate::checked(year, month, day).ok_or_else(|| D::Error::custom("no such date"))
        };
        Ok(match Compact::deserialize(deserializer)? {
            Compact::Unknown => Self::Unknown,
            Compact::On(p) => Self::On(d(p)?),
            Compact::After(p) => Self::After(d(p)?),
            Compact::Before(p) => Self::Before(d(p)?),
            Compact::Between(a, b) => {
                let (a, b) = (d(a)?, d(b)?);
                if a.first_day() > b.last_day() {
                    return Err(D::Error::custom("a reversed range"));
                }
                Self::Between(a, b)
            }
        })
    }
}

/// A [`DateSpec`] in the cache: (year, month, day), 0 for a month or day not given.
#[derive(Serialize, Deserialize)]
enum Compact {
    Unknown,
    On((u16, u8, u8)),
    After((u16, u8, u8)),
    Before((u16, u8, u8)),
    Between((u16, u8, u8), (u16, u8, u8)),
}

/// As `YYYY`, `YYYY-MM` or `YYYY-MM-DD` in human-readable formats; as numbers in the
/// cache's binary form, checked when read back.
impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.collect_str(self)
        } else {
            (self.year, self.month, self.day).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error as _;
        if deserializer.is_human_readable() {
            let s = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
            return Self::parse(&s).map_err(D::Error::custom);
        }
        let (year, month, day) = <(u16, u8, u8)>::deserialize(deserializer)?;
        Self::checked(year, month, day).ok_or_else(|| D::Error::custom("no such date"))
    }
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // yyyy_mm_dd day keys read better grouped by field
mod tests {
    use super::*;

    #[test]
    fn the_cache_form_is_numbers_and_comes_back_checked() {
        for s in [
            "unknown",
            "2023",
            "2024-02",
            "2024-02-29",
            "after 2024-06",
            "before 2025-05-21",
            "between 2024-06 and 2025-05",
        ] {
            let d = DateSpec::parse(s).unwrap();
            let bytes = postcard::to_stdvec(&d).unwrap();
            assert!(bytes.len() <= 9, "{s}: {} bytes", bytes.len());
            assert_eq!(postcard::from_bytes::<DateSpec>(&bytes).unwrap(), d, "{s}");
            assert_eq!(
                serde_json::to_string(&d).unwrap(),
                format!("{:?}", d.to_string())
            );
        }
        // Dates that cannot be: month 13, 30 February, a day without a month, a reversed
        // range.
        let bad = [
            postcard::to_stdvec(&Compact::On((2024, 13, 0))).unwrap(),
            postcard::to_stdvec(&Compact::On((2023, 2, 29))).unwrap(),
            postcard::to_stdvec(&Compact::After((2023, 0, 5))).unwrap(),
            postcard::to_stdvec(&Compact::Between((2025, 1, 0), (2024, 1, 0))).unwrap(),
        ];
        for b in bad {
            assert!(postcard::from_bytes::<DateSpec>(&b).is_err(), "{b:?}");
        }
    }

    #[test]
    fn precision_is_kept() {
        for s in [
            "2023",
            "2023-10",
            "2025-05-21",
            "after 2024-06",
            "before 2025-05-21",
            "between 2024-06 and 2025-05-21",
            "unknown",
        ] {
            assert_eq!(DateSpec::parse(s).unwrap().to_string(), s);
        }
        let month = PartialDate::parse("2023-10").unwrap();
        assert_eq!(month.precision(), Precision::Month);
        assert_eq!(month.first_day(), 2023_10_01);
        assert_eq!(month.last_day(), 2023_10_31);
    }

    #[test]
    fn impossible_dates_are_rejected() {
        assert_eq!(
            PartialDate::parse("2025-02-30"),
            Err(DateError::Day {
                year: 2025,
                month: 2,
                day: 30,
                max: 28
            })
        );
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert_eq!(PartialDate::parse("2025-13"), Err(DateError::Month(13)));
        assert!(matches!(
            PartialDate::parse("25-1-1"),
            Err(DateError::Syntax(_))
        ));
        assert!(matches!(
            DateSpec::parse("between 2025-06 and 2024-01"),
            Err(DateError::Reversed(..))
        ));
    }

    #[test]
    fn overlap_respects_precision_and_bounds() {
        let may = DateSpec::parse("2025-05").unwrap();
        assert!(may.could_overlap(2025_05_21, 2025_05_21));
        assert!(!may.could_overlap(2025_06_01, 2025_06_30));
        let after = DateSpec::parse("after 2024-06").unwrap();
        assert!(after.could_overlap(2030_01_01, 2030_12_31));
        assert!(!after.could_overlap(2024_01_01, 2024_05_31));
        assert!(DateSpec::Unknown.could_overlap(1900_01_01, 1900_01_01));
    }

    #[test]
    fn timeline_order_puts_months_before_their_days_and_unknown_last() {
        let mut dates: Vec<DateSpec> = [
            "unknown",
            "2025-05-21",
            "2025-05",
            "2023-10",
            "2025",
            "after 2024-06",
            "2024-06",
        ]
        .iter()
        .map(|s| DateSpec::parse(s).unwrap())
        .collect();
        dates.sort_by(|a, b| a.timeline_cmp(*b));
        let shown: Vec<String> = dates.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "2023-10",
                "2024-06",
                "after 2024-06",
                "2025",
                "2025-05",
                "2025-05-21",
                "unknown"
            ]
        );
    }

    #[test]
    fn the_timeline_key_orders_as_the_timeline_does() {
        let dates: Vec<DateSpec> = [
            "unknown",
            "2025-05-21",
            "2025-05",
            "2025",
            "after 2024-06",
            "before 2024-06",
            "before 2024",
            "between 2024-06-01 and 2024-07-02",
            "between 2024 and 2026",
            "2024-06-01",
            "9999-12-31",
            "0001-01",
            "after 2025-05-21",
        ]
        .iter()
        .map(|s| DateSpec::parse(s).unwrap())
        .collect();
        for a in &dates {
            for b in &dates {
                assert_eq!(
                    a.timeline_key().cmp(&b.timeline_key()),
                    a.timeline_cmp(*b),
                    "{a} against {b}"
                );
            }
        }
    }
}
