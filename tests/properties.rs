//! Property tests for open-ended inputs: dates, and whole files of arbitrary bytes.

use std::path::PathBuf;

use briefing::model::{DateSpec, LoadOptions, load_sources};
use proptest::prelude::*;

const MINIMAL: &str = include_str!("fixtures/valid/minimal.toml");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_date_string_parses_or_errors_and_valid_ones_round_trip(s in "\\PC{0,30}") {
        if let Ok(d) = DateSpec::parse(&s) {
            prop_assert_eq!(DateSpec::parse(&d.to_string()), Ok(d));
            if let (Some(a), Some(b)) = (d.earliest(), d.latest()) {
                prop_assert!(a <= b);
            }
        }
    }

    #[test]
    fn day_dates_never_pad_or_lose_precision(y in 1000u16..3000, m in 1u8..=12, d in 1u8..=28) {
        let day = format!("{y:04}-{m:02}-{d:02}");
        let month = format!("{y:04}-{m:02}");
        prop_assert_eq!(DateSpec::parse(&day).unwrap().to_string(), day);
        prop_assert_eq!(DateSpec::parse(&month).unwrap().to_string(), month);
    }

    #[test]
    fn arbitrary_bytes_load_or_report_without_panicking(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let (_, report) = load_sources(vec![(PathBuf::from("x.toml"), Ok(bytes))], LoadOptions { threads: 1, ..LoadOptions::default() });
        let rendered = report.render_all(false);
        prop_assert!(!rendered.contains('\x1b'), "an escape reached the diagnostics");
    }

    #[test]
    fn mutated_briefings_load_or_report_with_a_position(at in 0usize..MINIMAL.len(), junk in "\\PC{0,8}") {
        let mut text = MINIMAL.to_owned();
        let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
        text.insert_str(at, &junk);
        let (lib, report) = load_sources(vec![(PathBuf::from("x.toml"), Ok(text.into_bytes()))], LoadOptions { threads: 1, ..LoadOptions::default() });
        // Either the briefing loads, or every error says where it is.
        if lib.briefings.is_empty() {
            prop_assert!(report.error_count() > 0);
            for d in report.diagnostics.iter().filter(|d| d.is_error()) {
                prop_assert!(report.location(d).is_some());
            }
        }
    }
}
