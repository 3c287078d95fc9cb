//! Authoring: one pass over every mistake, `check --fix`, the scaffold, a briefing written
//! as a new author would, and the wording of messages. The schema and the README's
//! examples are in tests/schema.rs.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::cli::{briefing, check_json, root};

/// `check --color never` on paths: (exit code, stderr).
fn check_human(args: &[&str], paths: &[&Path]) -> (i32, String) {
    let out = briefing()
        .args(["check", "--color", "never"])
        .args(args)
        .args(paths)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn many_mistakes() -> PathBuf {
    root().join("tests/fixtures/authoring/many_mistakes.toml")
}

/// The stderr of a check with the folder of `path` replaced, so a snapshot is stable.
fn stable(stderr: &str, path: &Path) -> String {
    stderr.replace(&path.parent().unwrap().display().to_string(), "DIR")
}

#[test]
fn one_run_reports_every_mistake_with_its_place_and_help() {
    let path = many_mistakes();
    let (code, stderr) = check_human(&[], &[&path]);
    assert_eq!(code, 1);
    let v = check_json(&[&path]);
    let diags = v["diagnostics"].as_array().unwrap();
    let distinct: std::collections::BTreeSet<&str> = diags
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert!(distinct.len() >= 12, "{distinct:#?}");
    for d in diags {
        assert!(
            d["line"].as_u64().is_some() && d["column"].as_u64().is_some(),
            "{d}"
        );
        assert!(
            d["help"].as_str().is_some(),
            "every one of these has a help line: {d}"
        );
    }
    insta::assert_snapshot!("many_mistakes_in_one_run", stable(&stderr, &path));
}

#[test]
fn check_fix_applies_the_certain_fixes_and_leaves_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("many.toml");
    std::fs::copy(many_mistakes(), &copy).unwrap();
    let before = std::fs::read_to_string(&copy).unwrap();
    let v = check_json(&[&copy]);
    let fixable = v["fixable"].as_u64().unwrap();
    assert_eq!(fixable, 7, "{v:#}");
    let (code, stderr) = check_human(&["--fix"], &[&copy]);
    assert_eq!(code, 1, "{stderr}");
    let after = std::fs::read_to_string(&copy).unwrap();
    for (old, new) in [
        ("stauts = \"occurred\"", "status = \"occurred\""),
        ("date = 2024-12-01\n", "date = \"2024-12-01\"\n"),
        ("aliases = \"Nairobi\"", "aliases = [\"Nairobi\"]"),
        ("sumary =", "summary ="),
        ("[[actor]]\n", "[[actors]]\n"),
        (
            "cite = { source = \"memo\", locator = \"p3\" }",
            "cite = [{ source = \"memo\", locator = \"p3\" }]",
        ),
        ("actors = [\"kenya\"]", "actors = [{ actor = \"kenya\" }]"),
    ] {
        assert!(
            before.contains(old) && after.contains(new),
            "{old} → {new}\n{after}"
        );
    }
    // Nothing inside a string was touched: the typos in values are still there.
    for kept in [
        "\"schedulled\"",
        "\"msss\"",
        "\"contry\"",
        "\"mem\"",
        "\"2025-13\"",
        "\"m23\"",
    ] {
        assert!(after.contains(kept), "{kept}");
    }
    assert!(
        stderr.starts_with("fixed ") && stderr.contains("many.toml:67:1: `stauts` → `status`"),
        "{stderr}"
    );
    // A second check shows only what is left, and nothing is fixable any more.
    let v = check_json(&[&copy]);
    assert_eq!(v["fixable"], 0);
    let left: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    insta::assert_debug_snapshot!("many_mistakes_after_fix", left);
}

/// Every form of date written bare (`2025-05`, `after 2025-04`, `unknown`, … in tables and
/// in inline tables), which TOML cannot parse: `--fix` quotes each one and changes nothing
/// else, comments and spacing included, and the result checks clean.
#[test]
fn check_fix_quotes_every_bare_date_form_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("bare.toml");
    let fixture = root().join("tests/fixtures/invalid/bare_date_forms.toml");
    std::fs::copy(&fixture, &copy).unwrap();
    let before = std::fs::read_to_string(&copy).unwrap();
    let v = check_json(&[&copy]);
    assert_eq!(v["fixable"], 7, "{v:#}");
    let (code, stderr) = check_human(&["--fix"], &[&copy]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("bare.toml:12:9: `2025-05` → `\"2025-05\"`"),
        "{stderr}"
    );
    let mut want = before.clone();
    for bare in [
        "between 2025-04 and 2025-05,",
        "unknown,",
        "2025-05   #",
        "after 2025-04\n",
        "2025\n",
        "before 2025-05-02\n",
        "2025-05-02\n",
    ] {
        let value = bare.trim_end_matches([',', '#', '\n', ' ']);
        let old = format!("= {bare}");
        assert!(want.contains(&old), "{old}");
        want = want.replacen(&old, &format!("= \"{value}\"{}", &bare[value.len()..]), 1);
    }
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), want);
    let v = check_json(&[&copy]);
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v:#}");
}

/// A briefing named through a symlink in another folder: `--fix` replaces the file the
/// link names, in that file's folder, and the link stays a link.
#[cfg(unix)]
#[test]
fn check_fix_through_a_link_fixes_the_file_and_keeps_the_link() {
    let (links, files) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (link, file) = (
        links.path().join("link.toml"),
        files.path().join("bare.toml"),
    );
    std::fs::copy(
        root().join("tests/fixtures/invalid/bare_date_forms.toml"),
        &file,
    )
    .unwrap();
    std::os::unix::fs::symlink(&file, &link).unwrap();
    let (code, stderr) = check_human(&["--fix"], &[&link]);
    assert_eq!(code, 0, "{stderr}");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("= \"2025-05\"")
    );
    let count = |dir: &Path| std::fs::read_dir(dir).unwrap().count();
    assert_eq!(
        (count(links.path()), count(files.path())),
        (1, 1),
        "no temporary file left"
    );
}

/// A bare date stops the parser, so the file's other fixable mistakes (a misspelt key and
/// table name, a list written as a string) show only once it is quoted: one `--fix` fixes
/// them all, checking again between rounds, and says so for each.
#[test]
fn check_fix_fixes_what_shows_only_after_a_bare_date_is_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("both.toml");
    std::fs::write(
        &copy,
        "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = 2025-06-01\nsummary = \"S\"\ntags = \"one\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n\n\
         [[actor]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\nrole = \"r\"\ncite = [{ source = \"s\", locator = \"1\" }]\n\n\
         [[events]]\nid = \"e\"\ntitle = \"T\"\ndate = \"2025\"\nstauts = \"occurred\"\ncite = [{ source = \"s\", locator = \"1\" }]\n",
    )
    .unwrap();
    let (code, stderr) = check_human(&["--fix"], &[&copy]);
    assert_eq!(code, 0, "{stderr}");
    for fixed in [
        "`2025-06-01` → `\"2025-06-01\"`",
        "`\"one\"` → `[\"one\"]`",
        "`[[actor]]` → `[[actors]]`",
        "`stauts` → `status`",
    ] {
        assert!(stderr.contains(fixed), "{fixed}:\n{stderr}");
    }
    assert!(!stderr.contains("can fix"), "{stderr}");
    let v = check_json(&[&copy]);
    assert_eq!(v["diagnostics"], serde_json::json!([]), "{v:#}");
}

/// Curly quotes typed where straight ones belong are named as such, not as a value that
/// "must be quoted"; `--fix` makes them straight where that keeps the text between them,
/// and leaves the value in a list alone.
#[test]
fn curly_quotes_around_a_value_are_named_and_fixed_where_certain() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("curly.toml");
    std::fs::write(
        &copy,
        "[briefing]\nid = \"b\"\ntitle = “Sella: a quick note” # typed on a phone\nas_of = \"2025-06-01\"\n\
         summary = ‘Kenya’s “plan”’\ntags = [“water”]\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n",
    )
    .unwrap();
    let (code, stderr) = check_human(&[], &[&copy]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(
            "error: curly quotes cannot delimit a TOML string\n --> DIR/curly.toml:3:9\n"
                .replace("DIR", &dir.path().display().to_string())
                .as_str()
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "help: TOML strings are written between straight quotes: write `title = \"Sella: a quick note\"`; fields, values and references are checked once the file parses\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("must be quoted"), "{stderr}");
    let v = check_json(&[&copy]);
    assert_eq!(v["fixable"], 2, "{v:#}");
    let (code, stderr) = check_human(&["--fix"], &[&copy]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("curly.toml:3:9: `“Sella: a quick note”` → `\"Sella: a quick note\"`"),
        "{stderr}"
    );
    let after = std::fs::read_to_string(&copy).unwrap();
    assert!(
        after.contains(
            "title = \"Sella: a quick note\" # typed on a phone\nas_of = \"2025-06-01\"\n\
             summary = \"Kenya’s “plan”\"\ntags = [“water”]\n"
        ),
        "{after}"
    );
    let v = check_json(&[&copy]);
    let left: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(left, ["curly quotes cannot delimit a TOML string"]);
}

/// One typo in a table's name is one problem: the misnamed table is the error that has the
/// fix, and every citation of the source it hides is one more error, with its first places
/// quoted, the rest counted, and the table named as the reason (170 errors before).
#[test]
fn a_misnamed_sources_table_is_one_error_and_its_citations_one_more() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("typo.toml");
    let bundled = std::fs::read_to_string(root().join("briefings/haiti-2025-05.toml")).unwrap();
    std::fs::write(&copy, bundled.replacen("[[sources]]", "[[source]]", 1)).unwrap();
    let v = check_json(&[&copy]);
    let diags = v["diagnostics"].as_array().unwrap();
    let messages: Vec<&str> = diags
        .iter()
        .map(|d| d["message"].as_str().unwrap())
        .collect();
    assert_eq!(
        messages,
        ["unknown table `[[source]]`", "unknown source `article`"],
        "{v:#}"
    );
    let uses = bundled.matches("source = \"article\"").count();
    assert!(uses > 100, "{uses}");
    assert_eq!(
        diags[1]["related"].as_array().unwrap().len(),
        uses - 1,
        "{:#}",
        diags[1]
    );
    assert_eq!(
        diags[1]["help"],
        "`article` is defined under `[[source]]`, which is ignored: did you mean `[[sources]]`?"
    );
    let (code, stderr) = check_human(&[], &[&copy]);
    assert_eq!(code, 1);
    assert_eq!(stderr.matches("also here").count(), 3, "{stderr}");
    assert!(
        stderr.contains(&format!("note: and {} more places\n", uses - 4)),
        "{stderr}"
    );
    assert!(stderr.contains("; 2 errors, 0 warnings"), "{stderr}");
    let (code, stderr) = check_human(&["--fix"], &[&copy]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), bundled);
}

/// A date in another spelling that reads one way only gets the format's spelling as a
/// suggestion, in the JSON as rustc gives one; `--fix` changes no string, so it leaves
/// them for the author, and quotes only the bare date it can quote as written.
#[test]
fn a_date_spelt_another_way_is_a_suggestion_that_fix_leaves_to_the_author() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("dates.toml");
    let text = "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025-6-5\"\nsummary = \"S\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\npublished = 2025-06-01\n\n\
         [[events]]\nid = \"e\"\ntitle = \"E\"\ndate = \"21 May 2025\"\nstatus = \"occurred\"\ncite = [{ source = \"s\", locator = \"1\" }]\n";
    std::fs::write(&copy, text).unwrap();
    let (code, stderr) = check_human(&["--fix"], &[&copy]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with("fixed ") && stderr.contains("`2025-06-01` → `\"2025-06-01\"`"),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&copy).unwrap(),
        text.replace("= 2025-06-01", "= \"2025-06-01\"")
    );
    let v = check_json(&[&copy]);
    assert_eq!(v["fixable"], 0, "{v:#}");
    let got: Vec<(&str, &str, &str, &str)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = &d["suggestion"];
            (
                d["message"].as_str().unwrap(),
                d["help"].as_str().unwrap(),
                s["applicability"].as_str().unwrap(),
                s["edits"][0]["replacement"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "invalid date: `2025-6-5` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                "did you mean \"2025-06-05\"?",
                "MaybeIncorrect",
                "\"2025-06-05\"",
            ),
            (
                "invalid date: `21 May 2025` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                "did you mean \"2025-05-21\"?",
                "MaybeIncorrect",
                "\"2025-05-21\"",
            ),
        ]
    );
}

/// A date of numbers whose day and month go one way only (`17/03/2025`: there is no month
/// 17) gets the format's spelling as the other spellings do, whichever comes first and in
/// bounds too; only one that reads both ways (`05/06/2025`) is said to be ambiguous, and one
/// that no reading makes a date says why. `--fix` leaves every one of them as written.
#[test]
fn a_day_and_month_that_read_one_way_only_are_suggested_and_only_real_ambiguity_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("dates.toml");
    let mut text = String::from(
        "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025-06-30\"\nsummary = \"S\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n",
    );
    let dates = [
        "17/03/2025",
        "03/17/2025",
        "17.03.2025",
        "before 17-03-2025",
        "05/06/2025",
        "31/02/2025",
        "13/13/2025",
    ];
    for (i, date) in dates.iter().enumerate() {
        write!(
            text,
            "\n[[events]]\nid = \"e{i}\"\ntitle = \"E\"\ndate = \"{date}\"\nstatus = \"occurred\"\ncite = [{{ source = \"s\", locator = \"1\" }}]\n"
        )
        .unwrap();
    }
    std::fs::write(&copy, &text).unwrap();
    let (code, stderr) = check_human(&["--fix"], &[&copy]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text, "{stderr}");
    assert!(
        stderr.contains("help: did you mean \"2025-03-17\"?"),
        "{stderr}"
    );
    let v = check_json(&[&copy]);
    assert_eq!(v["fixable"], 0, "{v:#}");
    let got: Vec<(&str, Option<&str>)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = &d["suggestion"];
            if !s.is_null() {
                assert_eq!(s["applicability"], "MaybeIncorrect", "{d}");
            }
            (
                d["help"].as_str().unwrap(),
                s["edits"][0]["replacement"].as_str(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("did you mean \"2025-03-17\"?", Some("\"2025-03-17\"")),
            ("did you mean \"2025-03-17\"?", Some("\"2025-03-17\"")),
            ("did you mean \"2025-03-17\"?", Some("\"2025-03-17\"")),
            (
                "did you mean \"before 2025-03-17\"?",
                Some("\"before 2025-03-17\"")
            ),
            (
                "`05/06/2025` could be read with the day first or the month first: write it as YYYY-MM-DD",
                None
            ),
            (
                "`31/02/2025` can be read only with the day first, and February 2025 has 28 days",
                None
            ),
            (
                "`13/13/2025` is not a date either way round: there is no month 13",
                None
            ),
        ]
    );
}

/// A place as `check --format json` gives it on one line: (line, column, end column).
type Place = (u64, u64, u64);

/// Where `needle` sits in `text`, as `check` reports a place, counting characters from 1,
/// not bytes.
fn place_of(text: &str, needle: &str) -> Place {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..at].chars().count() + 1;
    let count = |n: usize| u64::try_from(n).unwrap();
    (
        count(text[..at].matches('\n').count() + 1),
        count(column),
        count(column + needle.chars().count()),
    )
}

/// `top` (keys of the top-level table), then the briefing and source every date test
/// below needs.
fn with_dates(top: &str) -> String {
    format!(
        "{top}\n[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025-06-30\"\nsummary = \"S\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n"
    )
}

/// A date that no calendar has, in the format's spelling or another, says why in words
/// ("February 2025 has 28 days"), not the list of forms a date may take, and has nothing
/// to apply: which day was meant is the source's to say. Its place is the quoted value,
/// counted in characters when text of more than one byte comes before it on its line.
#[test]
fn an_impossible_date_says_why_and_points_at_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dates.toml");
    let dates = [
        ("\"2025-02-30\"", "February 2025 has 28 days"),
        ("\"2025-13-01\"", "there is no month 13"),
        ("\"2025-04-31\"", "April 2025 has 30 days"),
        (
            "\"2023-02-29\"",
            "2023 is not a leap year: February 2023 has 28 days",
        ),
        ("\"after 2025/06/31\"", "June 2025 has 30 days"),
        ("\"30 February 2025\"", "February 2025 has 28 days"),
        (
            "\"31/02/2025\"",
            "`31/02/2025` can be read only with the day first, and February 2025 has 28 days",
        ),
    ];
    let mut events = String::from("events = [\n");
    for (i, (date, _)) in dates.iter().enumerate() {
        writeln!(
            events,
            "  {{ id = \"e{i}\", title = \"Été à Pétion-Ville, n°{i}\", date = {date}, status = \"occurred\", cite = [{{ source = \"s\", locator = \"1\" }}] }},"
        )
        .unwrap();
    }
    events.push(']');
    let text = with_dates(&events);
    std::fs::write(&path, &text).unwrap();
    let v = check_json(&[&path]);
    let got: Vec<(&str, bool, Place)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            assert_eq!(d["line"], d["end_line"], "{d}");
            (
                d["help"].as_str().unwrap(),
                d["suggestion"].is_null(),
                (
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                    d["end_column"].as_u64().unwrap(),
                ),
            )
        })
        .collect();
    let want: Vec<(&str, bool, Place)> = dates
        .iter()
        .map(|(date, why)| (*why, true, place_of(&text, &format!("date = {date}"))))
        .map(|(why, none, (line, col, end))| (why, none, (line, col + 7, end)))
        .collect();
    assert_eq!(got, want, "{v:#}");
}

/// A range that starts after it ends gets its ends the other way round as a suggestion,
/// in the format's spelling, whether its dates are written as the format writes them or
/// in numbers with the year last; `--fix` leaves it, as it leaves every string.
#[test]
fn a_reversed_range_gets_the_same_suggestion_however_its_dates_are_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ranges.toml");
    let ranges = [
        "between 2025-03-17 and 2025-03-12",
        "between 17/03/2025 and 13/03/2025",
        "between 17.03.2025 and 2025-03-13",
        "between 17 March 2025 and 13 March 2025",
    ];
    let mut events = String::from("events = [\n");
    for (i, range) in ranges.iter().enumerate() {
        writeln!(
            events,
            "  {{ id = \"e{i}\", title = \"Pétion-Ville n°{i}\", date = \"{range}\", status = \"occurred\", cite = [{{ source = \"s\", locator = \"1\" }}] }},"
        )
        .unwrap();
    }
    events.push(']');
    let text = with_dates(&events);
    std::fs::write(&path, &text).unwrap();
    let (code, stderr) = check_human(&["--fix"], &[&path]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{stderr}");
    let v = check_json(&[&path]);
    let got: Vec<(String, &str, String, Place)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = &d["suggestion"];
            (
                d["help"].as_str().unwrap().to_owned(),
                s["applicability"].as_str().unwrap(),
                s["edits"][0]["replacement"].as_str().unwrap().to_owned(),
                (
                    d["line"].as_u64().unwrap(),
                    d["column"].as_u64().unwrap(),
                    d["end_column"].as_u64().unwrap(),
                ),
            )
        })
        .collect();
    let (one, two) = (
        "between 2025-03-12 and 2025-03-17",
        "between 2025-03-13 and 2025-03-17",
    );
    let want: Vec<(String, &str, String, Place)> = ranges
        .iter()
        .zip([one, two, two, two])
        .map(|(range, meant)| {
            let quoted = format!("\"{range}\"");
            let (line, col, end) = place_of(&text, &format!("date = {quoted}"));
            (
                format!("the range runs backwards: did you mean \"{meant}\"?"),
                "MaybeIncorrect",
                format!("\"{meant}\""),
                (line, col + 7, end),
            )
        })
        .collect();
    assert_eq!(got, want, "{v:#}");
}

/// A date written without quotes in a spelling the parser cannot take is told in place of
/// the parser's own error, whichever the parser gives for it: one that reads both ways or
/// is no date is "not a date", with why and no fix (quotes alone would not make a date of
/// it); one that reads one way only "needs quotes", with the format's spelling as a
/// suggestion that `--fix` leaves to the author. Its place is the bare value, counted in
/// characters after the text of more than one byte before it on its line.
#[test]
fn a_bare_date_the_parser_rejects_needs_quotes_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let e = "dates are strings, in quotes: e.g. `date = \"2025-05-21\"`, `date = \"2025-05\"` or `date = \"unknown\"`";
    let later = "(fields, values and references are checked once the file parses)";
    for (i, (date, message, help)) in [
        (
            "03/04/2025",
            "`03/04/2025` is not a date".to_owned(),
            format!("`03/04/2025` could be read with the day first or the month first: write it as YYYY-MM-DD; {e}"),
        ),
        (
            "31/02/2025",
            "`31/02/2025` is not a date".to_owned(),
            format!("`31/02/2025` can be read only with the day first, and February 2025 has 28 days; {e}"),
        ),
        (
            "17.03.25",
            "`17.03.25` is not a date".to_owned(),
            format!("`17.03.25` does not give the year in four digits: write it as YYYY-MM-DD; {e}"),
        ),
        (
            "17/03/2025",
            "this date needs quotes".to_owned(),
            format!("dates are strings: did you mean `date = \"2025-03-17\"`? {later}"),
        ),
        (
            "2025-3-4",
            "this date needs quotes".to_owned(),
            format!("dates are strings: did you mean `date = \"2025-03-04\"`? {later}"),
        ),
        (
            "between 17/03/2025 and 13/03/2025",
            "this date needs quotes".to_owned(),
            format!("dates are strings, and the range runs backwards: did you mean `date = \"between 2025-03-13 and 2025-03-17\"`? {later}"),
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let path = dir.path().join(format!("bare{i}.toml"));
        let text = with_dates(&format!(
            "events = [{{ id = \"e\", title = \"Été à Pétion-Ville\", date = {date}, status = \"occurred\", cite = [{{ source = \"s\", locator = \"1\" }}] }}]"
        ));
        std::fs::write(&path, &text).unwrap();
        let v = check_json(&[&path]);
        let diags = v["diagnostics"].as_array().unwrap();
        assert_eq!(diags.len(), 1, "{date}: {v:#}");
        let d = &diags[0];
        assert_eq!(d["message"], message.as_str(), "{d:#}");
        assert_eq!(d["label"], "written without quotes", "{d:#}");
        assert_eq!(d["help"], help.as_str(), "{d:#}");
        let (line, column, end) = place_of(&text, date);
        assert_eq!(
            (&d["line"], &d["column"], &d["end_line"], &d["end_column"]),
            (&line.into(), &column.into(), &line.into(), &end.into()),
            "{d:#}"
        );
        // Nothing is certain enough for `--fix`.
        check_human(&["--fix"], &[&path]);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text, "{date}");
    }
}

#[test]
fn check_fix_refuses_the_bundled_briefings() {
    let out = briefing().args(["check", "--fix"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("compiled into the program"));
}

#[test]
fn json_suggestions_say_how_sure_they_are() {
    let v = check_json(&[&many_mistakes()]);
    let find = |msg: &str| -> Value {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["message"] == msg)
            .unwrap_or_else(|| panic!("{msg}"))["suggestion"]
            .clone()
    };
    let key = find("unknown key `stauts`");
    assert_eq!(key["applicability"], "MachineApplicable");
    assert_eq!(key["edits"][0]["replacement"], "status");
    assert_eq!(
        (
            key["edits"][0]["line"].as_u64(),
            key["edits"][0]["column"].as_u64()
        ),
        (Some(67), Some(1))
    );
    let status = find("unknown status `schedulled`");
    assert_eq!(status["applicability"], "MaybeIncorrect");
    assert_eq!(status["edits"][0]["replacement"], "\"scheduled\"");
    let reference = find("unknown actor `msss` in relation target (`to`)");
    assert_eq!(reference["applicability"], "MaybeIncorrect");
    assert_eq!(find("missing field `speaker`"), Value::Null);
}

/// `briefing new briefings/x.toml` in a folder without `briefings/` makes it, and says so.
#[test]
fn a_new_briefing_in_a_folder_not_made_yet_makes_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library/teesta/teesta-2024-07.toml");
    let out = briefing()
        .arg("new")
        .arg(&path)
        .args(["--title", "Teesta floods"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(path.is_file());
    assert!(stderr.contains("made the folder"), "{stderr}");
    assert!(stderr.contains("teesta"), "{stderr}");
    // Nor through `..`, where the folder before it would be made for nothing.
    let out = briefing()
        .arg("new")
        .arg(dir.path().join("a/x/../b.toml"))
        .args(["--title", "B"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("a").exists());
    // Where a file stands in the way of the folder, nothing is made.
    let blocked = dir.path().join("plain");
    std::fs::write(&blocked, "x").unwrap();
    let out = briefing()
        .arg("new")
        .arg(blocked.join("x.toml"))
        .args(["--title", "X"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&blocked).unwrap(), "x");
}

#[test]
fn a_scaffold_checks_clean_but_for_its_placeholders() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("Lakeland 2025-06.toml");
    let out = briefing()
        .arg("new")
        .arg(&path)
        .args([
            "--title",
            "Lakeland: \"talks\" stall",
            "--series",
            "lakeland",
            "--as-of",
            "2025-06-01",
        ])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("id = \"lakeland-2025-06\""), "{text}");
    assert!(
        text.contains("title = \"Lakeland: \\\"talks\\\" stall\""),
        "{text}"
    );
    let v = check_json(&[&path]);
    assert_eq!(v["errors"], 0, "{v:#}");
    let counts = &v["counts"];
    for (key, n) in [
        ("actors", 2),
        ("relations", 1),
        ("events", 1),
        ("quotes", 1),
        ("sources", 1),
    ] {
        assert_eq!(counts[key], n, "{key}");
    }
    let warnings = v["diagnostics"].as_array().unwrap();
    assert_eq!(warnings.len(), 6, "{warnings:#?}");
    for w in warnings {
        assert_eq!(w["label"], "replace this placeholder", "{w}");
    }
    // Refuses to overwrite, and leaves the file as it was.
    let again = briefing()
        .arg("new")
        .arg(&path)
        .args(["--title", "Other"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // The scaffold is valid for the schema too.
    let instance: Value = toml::from_str(&text).unwrap();
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(root().join("briefings/briefing.schema.json")).unwrap(),
    )
    .unwrap();
    assert!(jsonschema::is_valid(&schema, &instance));
}

#[test]
fn a_scaffold_with_the_schema_beside_it_names_the_schema() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("briefing.schema.json"), "{}").unwrap();
    let path = dir.path().join("b.toml");
    let out = briefing()
        .arg("new")
        .arg(&path)
        .args(["--title", "T"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("#:schema ./briefing.schema.json\n"),
        "{text}"
    );
    let bad = briefing()
        .arg("new")
        .arg(dir.path().join("c.toml"))
        .args(["--title", "T", "--as-of", "2025-13"])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("c.toml").exists());
}

#[test]
fn a_briefing_written_from_the_readme_alone_checks_clean() {
    let path = root().join("tests/fixtures/authoring/new_author.toml");
    let v = check_json(&[&path]);
    assert_eq!(
        (v["errors"].as_u64(), v["warnings"].as_u64()),
        (Some(0), Some(0)),
        "{v:#}"
    );
    assert_eq!(v["counts"]["actors"], 4);
}

// ── The words of messages ────────────────────────────────────────────────────

/// Every string literal in the program's sources (not the synthetic generator's word
/// lists, not tests), with its file and line.
fn literals() -> Vec<(String, usize, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root().join("src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if !p.ends_with("synth") && !p.ends_with("tests") {
                    stack.push(p);
                }
                continue;
            }
            if p.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap();
            let code = text.split("#[cfg(test)]").next().unwrap_or_default();
            for (n, line) in code.lines().enumerate() {
                let line = line.trim_start();
                if line.starts_with("//") {
                    continue;
                }
                for (i, part) in line.split('"').enumerate() {
                    if i % 2 == 1 {
                        out.push((p.display().to_string(), n + 1, part.to_owned()));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn no_message_says_a_before_a_vowel_or_counts_one_in_the_plural() {
    let lits = literals();
    assert!(lits.len() > 500, "{}", lits.len());
    let mut slips = Vec::new();
    let counted = [
        "files",
        "errors",
        "warnings",
        "briefings",
        "actors",
        "events",
        "quotes",
        "sources",
        "relations",
        "hits",
        "items",
        "matches",
        "fixes",
        "points",
        "lines",
        "keys",
    ];
    for (file, line, lit) in &lits {
        let words: Vec<&str> = lit.split_whitespace().collect();
        for pair in words.windows(2) {
            let next = pair[1].trim_start_matches(['`', '(', '"', '\'']);
            let first = next.chars().next().unwrap_or(' ');
            // "a event", "a actor", "a issue": "a" before a vowel sound. ("a u…" is
            // usually "you": "a unique", "a user".)
            if pair[0] == "a" && "aeioAEIO".contains(first) && !next.starts_with("one") {
                slips.push(format!("{file}:{line}: \"a {next}\" in {lit:?}"));
            }
            // "an briefing": "an" before a consonant (but "an `id`", "an {x}" are fine).
            if pair[0] == "an" && first.is_ascii_alphabetic() && !"aeiouhAEIOUH".contains(first) {
                slips.push(format!("{file}:{line}: \"an {next}\" in {lit:?}"));
            }
            // "1 files", "1 errors": a literal one before a counted plural.
            if pair[0] == "1" && counted.contains(&next) {
                slips.push(format!("{file}:{line}: \"1 {next}\" in {lit:?}"));
            }
        }
        // "{n} actors" with nothing choosing the singular: flagged unless the same line
        // chooses between one and many.
        for noun in counted {
            if lit.contains(&format!("}} {noun}")) && !lit.contains("{}s") {
                let source = std::fs::read_to_string(file).unwrap();
                let text = source.lines().nth(line - 1).unwrap_or_default();
                let guarded = text.contains("== 1")
                    || text.contains("plural")
                    || PLURAL_OK.iter().any(|(ok, _)| lit.contains(ok));
                if !guarded {
                    slips.push(format!(
                        "{file}:{line}: a count before \"{noun}\" may be 1: {lit:?}"
                    ));
                }
            }
        }
    }
    assert!(slips.is_empty(), "wording slips:\n{}", slips.join("\n"));
}

/// Messages with a count before a plural where the count is never one, each with why.
const PLURAL_OK: &[(&str, &str)] = &[
    ("{n} key points", "only said above seven"),
    (
        "({} briefings, latest as of",
        "cli/diff.rs: the arm for one briefing comes first",
    ),
    (
        "{n} briefings",
        "tui/panes/overview.rs: only shown for more than one",
    ),
];

#[test]
fn counts_of_one_read_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/invalid/unknown_key.toml")).unwrap();
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let (_, stderr) = check_human(&[], &[dir.path()]);
    assert!(
        stderr.contains("checked 1 file: 1 briefing, 1 actor, 0 relations, 1 event, 1 quote, 1 source; 0 errors, 1 warning\n"),
        "{stderr}"
    );
    let near_miss = root().join("tests/fixtures/invalid/near_miss_key.toml");
    let (_, stderr) = check_human(&[], &[&near_miss]);
    assert!(stderr.contains("; 1 error, 0 warnings\n"), "{stderr}");
    assert!(stderr.contains("checked 1 file, 1 left out: "), "{stderr}");
    let hint = format!(
        "help: `briefing check --fix {}` can fix one of these for you\n",
        near_miss.display()
    );
    assert!(stderr.ends_with(&hint), "{stderr}");
}

/// Two curly-quoted values on one line, `“a” “b”`, may be one value with quotes inside or
/// two: the straight quotes are suggested, never applied by `--fix`.
#[test]
fn curly_quotes_that_may_close_early_are_only_suggested() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("curly.toml");
    let text = "[briefing]\nid = \"b\"\ntitle = “a” “b”\nas_of = \"2025-06-01\"\nsummary = \"s\"\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n";
    std::fs::write(&copy, text).unwrap();
    let v = check_json(&[&copy]);
    assert_eq!(v["fixable"], 0, "{v:#}");
    let (_, stderr) = check_human(&["--fix"], &[&copy]);
    assert!(stderr.contains("curly quotes cannot delimit"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), text);
}

/// A briefing with one of each item that checks clean: source `s`, actors `a` and `c`, event
/// `e` and quote `q`.
const ONE_OF_EACH: &str = "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025-06-05\"\nsummary = \"S\"\n\n\
    [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\npublished = \"2025-06-01\"\n\n\
    [[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\nrole = \"r\"\ncite = [{ source = \"s\", locator = \"1\" }]\n\n\
    [[actors]]\nid = \"c\"\nname = \"C\"\nkind = \"country\"\nrole = \"r\"\ncite = [{ source = \"s\", locator = \"1\" }]\n\n\
    [[relations]]\nfrom = \"a\"\nkind = \"leads\"\nto = \"c\"\ncite = [{ source = \"s\", locator = \"1\" }]\n\n\
    [[events]]\nid = \"e\"\ntitle = \"E\"\ndate = \"2025-06-01\"\nstatus = \"occurred\"\ncite = [{ source = \"s\", locator = \"1\" }]\n\n\
    [[quotes]]\nid = \"q\"\nkind = \"direct\"\ntext = \"Words.\"\nspeaker = \"a\"\ndate = \"2025-06-01\"\ncite = [{ source = \"s\", locator = \"1\" }]\n";

/// Values written without quotes: (as written, as mistaken, message, label ends with,
/// applicability of the fix).
type Unquoted = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);
const UNQUOTED: &[Unquoted] = &[
    (
        "status = \"occurred\"",
        "status = 3",
        "unknown status `3`",
        "`reported`, `ongoing`",
        None,
    ),
    (
        "kind = \"report\"",
        "kind = 3",
        "unknown source kind `3`",
        "`dataset`, `other`",
        None,
    ),
    (
        "kind = \"person\"",
        "kind = 2.5",
        "unknown actor kind `2.5`",
        "`group`, `other`",
        None,
    ),
    (
        "kind = \"leads\"",
        "kind = true",
        "unknown relation kind `true`",
        "`represents`, `other`",
        None,
    ),
    (
        "kind = \"direct\"",
        "kind = 1",
        "unknown quote kind `1`",
        "`direct`, `reported`",
        None,
    ),
    (
        "kind = \"direct\"",
        "kind = 1979-01-01",
        "unknown quote kind `1979-01-01`",
        "`direct`, `reported`",
        None,
    ),
    // A bare word: the file does not parse, and the same rule holds.
    (
        "status = \"occurred\"",
        "status = ocurred",
        "unknown status `ocurred`",
        "`reported`, `ongoing`",
        Some("MaybeIncorrect"),
    ),
    (
        "kind = \"person\"",
        "kind = persn",
        "unknown actor kind `persn`",
        "`group`, `other`",
        Some("MaybeIncorrect"),
    ),
    (
        "status = \"occurred\"",
        "status = scheduled",
        "`status` is text and needs quotes",
        "written without quotes",
        Some("MachineApplicable"),
    ),
    (
        "kind = \"report\"",
        "kind = report",
        "`kind` is text and needs quotes",
        "written without quotes",
        Some("MachineApplicable"),
    ),
    // Dates.
    (
        "date = \"2025-06-01\"",
        "date = 3",
        "`3` is not a date",
        "a number",
        None,
    ),
    (
        "date = \"2025-06-01\"",
        "date = 20250601",
        "`20250601` is not a date",
        "a number",
        None,
    ),
    (
        "published = \"2025-06-01\"",
        "published = 2025-02-30",
        "`2025-02-30` is not a date",
        "written without quotes",
        None,
    ),
    (
        "date = \"2025-06-01\"",
        "date = 2025",
        "this date needs quotes",
        "a number",
        Some("MachineApplicable"),
    ),
    (
        "title = \"T\"",
        "title = 42",
        "`title` is text and needs quotes",
        "a number",
        Some("MachineApplicable"),
    ),
    // References: quoting is certain only for an id the file defines, of the right kind.
    (
        "speaker = \"a\"",
        "speaker = a",
        "this text needs quotes",
        "written without quotes",
        Some("MachineApplicable"),
    ),
    (
        "speaker = \"a\"",
        "speaker = ana",
        "this text needs quotes",
        "written without quotes",
        Some("MaybeIncorrect"),
    ),
    (
        "speaker = \"a\"",
        "speaker = e",
        "this text needs quotes",
        "written without quotes",
        Some("MaybeIncorrect"),
    ),
    (
        "to = \"c\"",
        "to = c",
        "this text needs quotes",
        "written without quotes",
        Some("MachineApplicable"),
    ),
    (
        "source = \"s\"",
        "source = s",
        "this text needs quotes",
        "written without quotes",
        Some("MachineApplicable"),
    ),
    (
        "source = \"s\"",
        "source = t",
        "this text needs quotes",
        "written without quotes",
        Some("MaybeIncorrect"),
    ),
];

/// A value written without quotes in a field with a fixed set of values (every closed
/// vocabulary of the format) or in a date field: quoting is a certain fix only when the
/// quoted value is valid. Otherwise the error names the value as unknown (with the words
/// allowed) or as not a date, and `--fix` leaves the file as it is; the closest word is
/// only a suggestion. Whatever `--fix` does quote checks clean afterwards.
#[test]
fn quotes_are_a_certain_fix_only_where_they_make_a_valid_value() {
    let base = ONE_OF_EACH;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.toml");
    std::fs::write(&path, base).unwrap();
    assert_eq!(check_json(&[&path])["errors"], 0);
    for &(good, bad, message, label, applicability) in UNQUOTED {
        let text = base.replacen(good, bad, 1);
        std::fs::write(&path, &text).unwrap();
        let v = check_json(&[&path]);
        let d = &v["diagnostics"][0];
        assert_eq!(v["errors"], 1, "{bad}: {v:#}");
        assert_eq!(d["message"], message, "{bad}: {v:#}");
        assert!(
            d["label"].as_str().unwrap().ends_with(label),
            "{bad}: {d:#}"
        );
        assert_eq!(
            d["suggestion"]["applicability"].as_str(),
            applicability,
            "{bad}: {d:#}"
        );
        let (_, stderr) = check_human(&["--fix"], &[&path]);
        let after = std::fs::read_to_string(&path).unwrap();
        if applicability == Some("MachineApplicable") {
            assert_eq!(
                check_json(&[&path])["errors"],
                0,
                "{bad}: {after}\n{stderr}"
            );
        } else {
            assert_eq!(after, text, "{bad}: --fix leaves it alone\n{stderr}");
        }
    }
}

/// A reference written without quotes to an id the file does not define (of that kind) is
/// only a suggestion: its help says that the file defines no such id, and names the closest
/// id where there is one.
#[test]
fn a_bare_reference_to_no_id_of_the_file_is_only_suggested() {
    const LATER: &str = "fields, values and references are checked once the file parses";
    let cases = [
        (
            "speaker = \"a\"",
            "speaker = ana",
            format!(
                "ids are strings, in quotes, and this file defines no actor `ana`: did you mean `speaker = \"a\"`? ({LATER})"
            ),
            "\"a\"",
        ),
        (
            "speaker = \"a\"",
            "speaker = zzzzz",
            format!(
                "ids are strings, in quotes, but this file defines no actor `zzzzz`: correct the id, or quote it if another briefing defines it; {LATER}"
            ),
            "\"zzzzz\"",
        ),
        (
            "source = \"s\"",
            "source = t",
            format!(
                "ids are strings, in quotes, and this file defines no source `t`: did you mean `source = \"s\"`? ({LATER})"
            ),
            "\"s\"",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.toml");
    for (good, bad, help, replacement) in cases {
        std::fs::write(&path, ONE_OF_EACH.replacen(good, bad, 1)).unwrap();
        let v = check_json(&[&path]);
        let d = &v["diagnostics"][0];
        assert_eq!(v["errors"], 1, "{bad}: {v:#}");
        assert_eq!(d["help"], help.as_str(), "{bad}");
        let fix = &d["suggestion"];
        assert_eq!(fix["applicability"], "MaybeIncorrect", "{bad}");
        assert_eq!(fix["edits"][0]["replacement"], replacement, "{bad}");
    }
}
