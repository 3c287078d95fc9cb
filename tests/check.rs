//! `briefing check` on good and bad inputs: exact messages, exact line:col, exit codes.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

mod common;
use common::cli::{briefing, root, stems};

/// Runs `check --format json` and returns (exit code, diagnostics, counts).
fn check_json(paths: &[&Path]) -> (i32, Vec<Value>, Value) {
    let out = briefing()
        .arg("check")
        .arg("--format")
        .arg("json")
        .args(paths)
        .output()
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).expect("check --format json prints JSON");
    (
        out.status.code().unwrap(),
        v["diagnostics"].as_array().unwrap().clone(),
        v["counts"].clone(),
    )
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn bundled_briefing_checks_clean_with_enough_content() {
    let (code, diags, counts) =
        check_json(&[&Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")]);
    assert_eq!(code, 0, "{diags:?}");
    assert!(diags.is_empty(), "{diags:?}");
    assert!(counts["actors"].as_u64().unwrap() >= 25);
    assert!(counts["events"].as_u64().unwrap() >= 9);
    assert!(counts["quotes"].as_u64().unwrap() >= 6);
}

#[test]
fn check_without_paths_checks_the_bundled_briefings() {
    let out = briefing().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("checked 2 files: 2 briefings, "),
        "{stderr}"
    );
    assert!(
        stderr.trim_end().ends_with("0 errors, 0 warnings"),
        "{stderr}"
    );
}

/// One expected diagnostic: (severity, line, column, message, help).
type Expect = (&'static str, u64, u64, &'static str, Option<&'static str>);

/// Every class of bad input and every typical authoring mistake, each in its own fixture,
/// with every diagnostic it must give, in order.
const CASES: &[(&str, &[Expect])] = &[
    (
        "after_as_of",
        &[(
            "warning",
            22,
            8,
            "this event is dated after the briefing's `as_of`",
            Some(
                "a briefing tells what was known on its `as_of` date: check the date, or give the status it had then (e.g. `scheduled`)",
            ),
        )],
    ),
    (
        "bad_status",
        &[(
            "error",
            23,
            10,
            "unknown status `ocurred`",
            Some("did you mean `occurred`?"),
        )],
    ),
    (
        "bare_date",
        &[(
            "error",
            22,
            8,
            "this date needs quotes",
            Some("dates are strings: write `date = \"2025-05-02\"`"),
        )],
    ),
    (
        "bare_date_forms",
        &[
            (
                "error",
                5,
                85,
                "this date needs quotes",
                Some(
                    "dates are strings: write `date = \"between 2025-04 and 2025-05\"`; fields, values and references are checked once the file parses",
                ),
            ),
            (
                "error",
                6,
                81,
                "this date needs quotes",
                Some("dates are strings: write `date = \"unknown\"`"),
            ),
            (
                "error",
                12,
                9,
                "this date needs quotes",
                Some("dates are strings: write `as_of = \"2025-05\"`"),
            ),
            (
                "error",
                19,
                13,
                "this date needs quotes",
                Some("dates are strings: write `published = \"after 2025-04\"`"),
            ),
            (
                "error",
                31,
                8,
                "this date needs quotes",
                Some("dates are strings: write `date = \"2025\"`"),
            ),
            (
                "error",
                38,
                8,
                "this date needs quotes",
                Some("dates are strings: write `date = \"before 2025-05-02\"`"),
            ),
            (
                "error",
                45,
                8,
                "this date needs quotes",
                Some("dates are strings: write `date = \"2025-05-02\"`"),
            ),
        ],
    ),
    (
        "bounded_as_of",
        &[(
            "warning",
            4,
            9,
            "`as_of` is a range, not a date",
            Some(
                "a briefing is what was known on a date: give the day (or month) you wrote it; a range sorts by its end, and `after` by its start",
            ),
        )],
    ),
    (
        "cite_not_a_list",
        &[(
            "error",
            33,
            8,
            "`cite` is a list of tables",
            Some("write `cite = [{ … }]`, with the brackets"),
        )],
    ),
    (
        "crlf",
        &[(
            "error",
            31,
            11,
            "unknown actor `bob` in speaker",
            Some(
                "no briefing being loaded defines `bob`; if another briefing of your library does, load them together (e.g. `briefing check FOLDER`)",
            ),
        )],
    ),
    (
        "deep_nesting",
        &[(
            "error",
            1,
            69,
            "nesting deeper than 64 levels",
            Some("briefings never need deep nesting; is this file damaged?"),
        )],
    ),
    (
        "date_spellings",
        &[
            (
                "error",
                4,
                9,
                "invalid date: `2025-6-5` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                Some("did you mean \"2025-06-05\"?"),
            ),
            (
                "error",
                11,
                13,
                "invalid date: `05/06/2025` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                Some(
                    "`05/06/2025` could be read with the day first or the month first: write it as YYYY-MM-DD",
                ),
            ),
            (
                "error",
                23,
                8,
                "invalid date: `21 May 2025` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                Some("did you mean \"2025-05-21\"?"),
            ),
            (
                "error",
                31,
                8,
                "invalid date: `May 21, 2025` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                Some("did you mean \"between 2025-05-21 and 2025-06-01\"?"),
            ),
            (
                "error",
                40,
                8,
                "invalid date: `Sept. 2025` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD",
                Some("did you mean \"2025-09\"?"),
            ),
        ],
    ),
    (
        "duplicate_id",
        &[(
            "error",
            36,
            6,
            "duplicate id `alice`: an actor and an event",
            Some("actor, event and quote ids share one namespace; rename one of them"),
        )],
    ),
    (
        "empty",
        &[(
            "error",
            1,
            1,
            "this file is empty",
            Some("a briefing needs at least a [briefing] table; see `briefing format`"),
        )],
    ),
    (
        "id_case",
        &[
            (
                "warning",
                13,
                6,
                "actor id `Alice` has uppercase letters",
                Some(
                    "ids are case-sensitive, and every reference must match exactly: write `alice` here and in every reference",
                ),
            ),
            (
                "error",
                24,
                21,
                "unknown actor `alice` in event participant",
                Some(
                    "the id is defined as `Alice`, but ids are lowercase: write `alice` in its definition, and this reference is right as it is",
                ),
            ),
            (
                "error",
                31,
                11,
                "unknown actor `alice` in speaker",
                Some(
                    "the id is defined as `Alice`, but ids are lowercase: write `alice` in its definition, and this reference is right as it is",
                ),
            ),
        ],
    ),
    (
        "impossible_day",
        &[(
            "error",
            22,
            8,
            "invalid date: 2025-02 has no day 30: it has 28 days",
            Some("February 2025 has 28 days"),
        )],
    ),
    (
        "impossible_month",
        &[(
            "error",
            4,
            9,
            "invalid date: month 13 does not exist: months run from 01 to 12",
            Some("there is no month 13"),
        )],
    ),
    (
        "list_as_string",
        &[(
            "error",
            17,
            11,
            "`aliases` is a list",
            Some("aliases is a list: write `aliases = [\"Al\"]`"),
        )],
    ),
    (
        "missing_briefing",
        &[(
            "error",
            1,
            1,
            "this file has no [briefing] table",
            Some(
                "start the file with a [briefing] table: id, title, as_of and summary; see `briefing format`",
            ),
        )],
    ),
    (
        "missing_field",
        &[(
            "error",
            27,
            1,
            "missing field `speaker`",
            Some(
                "add the id of the actor who said it, as its [[actors]] table gives it: `speaker = \"…\"`",
            ),
        )],
    ),
    (
        "near_miss_key",
        &[(
            "error",
            23,
            1,
            "unknown key `stauts`",
            Some("did you mean `status`?"),
        )],
    ),
    (
        "no_citation",
        &[(
            "error",
            17,
            8,
            "no citation: every item must cite at least one source",
            Some("add e.g. cite = [{ source = \"memo\", locator = \"¶3\" }]"),
        )],
    ),
    (
        "not_utf8",
        &[(
            "error",
            21,
            26,
            "this file is not valid UTF-8 (bad byte 0xFF)",
            Some("briefing files must be UTF-8; re-save the file with that encoding"),
        )],
    ),
    (
        "nul_byte",
        &[(
            "error",
            30,
            12,
            "invalid basic string, expected non-double-quote visible characters, `\\`",
            Some(
                "fix the TOML syntax first: fields, values and references are checked once the file parses",
            ),
        )],
    ),
    (
        "participant_string",
        &[(
            "error",
            24,
            11,
            "each entry of `actors` is a table",
            Some("write `{ actor = \"alice\" }`, with an optional `role`"),
        )],
    ),
    (
        "reversed_range",
        &[(
            "error",
            32,
            8,
            "invalid date: the range starts (2025-06) after it ends (2024-01)",
            Some("the range runs backwards: did you mean \"between 2024-01 and 2025-06\"?"),
        )],
    ),
    (
        "published_after_as_of",
        &[(
            "warning",
            11,
            13,
            "this source was published after the briefing's `as_of`",
            Some(
                "a briefing can only draw on what was published by its `as_of` date: check the source's `published`, or the briefing's `as_of`",
            ),
        )],
    ),
    (
        "self_affiliation",
        &[(
            "warning",
            17,
            17,
            "actor `alice` is affiliated with itself",
            Some("`affiliations` lists other actors it belongs to or works for"),
        )],
    ),
    (
        "self_relation",
        &[(
            "warning",
            38,
            6,
            "a relation from `alice` to itself",
            Some(
                "a relation joins two actors; say what an actor does alone in its `role` or `summary`",
            ),
        )],
    ),
    (
        "single_table",
        &[(
            "error",
            12,
            1,
            "`[actors]` is a single table, but actors are a list of tables",
            Some(
                "write `[[actors]]` above each one; references to them are checked once this is fixed",
            ),
        )],
    ),
    (
        "singular_table",
        &[
            (
                "error",
                12,
                1,
                "unknown table `[[actor]]`",
                Some("did you mean `[[actors]]`?"),
            ),
            (
                "error",
                24,
                21,
                "unknown actor `alice` in event participant",
                Some(
                    "`alice` is defined under `[[actor]]`, which is ignored: did you mean `[[actors]]`?",
                ),
            ),
            (
                "error",
                31,
                11,
                "unknown actor `alice` in speaker",
                Some(
                    "`alice` is defined under `[[actor]]`, which is ignored: did you mean `[[actors]]`?",
                ),
            ),
        ],
    ),
    (
        "syntax",
        &[(
            "error",
            3,
            28,
            "invalid basic string, expected `\"`",
            Some(
                "fix the TOML syntax first: fields, values and references are checked once the file parses",
            ),
        )],
    ),
    (
        "syntax_many",
        &[
            (
                "error",
                10,
                15,
                "invalid basic string, expected `\"`",
                Some(
                    "fix the TOML syntax first: fields, values and references are checked once the file parses",
                ),
            ),
            (
                "error",
                18,
                1,
                "duplicate key `name`",
                Some("a key or table is defined once; remove one of them, or merge them"),
            ),
        ],
    ),
    (
        "too_many_key_points",
        &[(
            "warning",
            6,
            14,
            "9 key points; the format asks for three to seven",
            Some(
                "a reader takes in a short list at a glance: merge the close ones, or move detail into the summary",
            ),
        )],
    ),
    (
        "unknown_actor",
        &[(
            "error",
            31,
            11,
            "unknown actor `alicia` in speaker",
            Some(
                "did you mean `alice`? If another briefing of your library defines `alicia`, check the two together.",
            ),
        )],
    ),
    (
        "unknown_as_of",
        &[(
            "warning",
            4,
            9,
            "`as_of` is unknown",
            Some(
                "a briefing is what was known on a date: give the day (or month) you wrote it; with an unknown `as_of` it counts as the oldest of the library, never as the latest",
            ),
        )],
    ),
    (
        "unknown_event",
        &[(
            "error",
            32,
            10,
            "unknown event or actor `memo-writen` in `about` entry",
            Some(
                "did you mean `memo-written`? If another briefing of your library defines `memo-writen`, check the two together.",
            ),
        )],
    ),
    (
        "unknown_key",
        &[(
            "warning",
            31,
            1,
            "unknown key `speeker`",
            Some("did you mean `speaker`?"),
        )],
    ),
    (
        "unknown_source",
        &[(
            "error",
            33,
            20,
            "unknown source `mem`",
            Some("did you mean `memo`?"),
        )],
    ),
    (
        "utf16",
        &[(
            "error",
            1,
            1,
            "this file is UTF-16, not UTF-8",
            Some("save it as UTF-8 (without a byte-order mark)"),
        )],
    ),
    (
        "wrong_type",
        &[(
            "error",
            3,
            9,
            "`title` is text and needs quotes",
            Some("write `title = \"42\"`"),
        )],
    ),
];

#[test]
fn every_bad_input_class_has_its_messages_positions_and_help() {
    for (name, expected) in CASES {
        let path = fixture(&format!("invalid/{name}.toml"));
        let (code, diags, _) = check_json(&[&path]);
        let got: Vec<(String, u64, u64, String, Option<String>)> = diags
            .iter()
            .map(|d| {
                (
                    d["severity"].as_str().unwrap().to_owned(),
                    d["line"].as_u64().unwrap_or(0),
                    d["column"].as_u64().unwrap_or(0),
                    d["message"].as_str().unwrap().to_owned(),
                    d["help"].as_str().map(str::to_owned),
                )
            })
            .collect();
        let want: Vec<(String, u64, u64, String, Option<String>)> = expected
            .iter()
            .map(|(s, l, c, m, h)| {
                (
                    (*s).to_owned(),
                    *l,
                    *c,
                    (*m).to_owned(),
                    h.map(str::to_owned),
                )
            })
            .collect();
        assert_eq!(got, want, "{name}");
        for d in &diags {
            assert!(
                d["file"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("{name}.toml")),
                "{name}"
            );
        }
        let errors = expected.iter().any(|e| e.0 == "error");
        assert_eq!(code, i32::from(errors), "{name}");
    }
}

#[test]
fn every_fixture_in_the_folder_is_covered() {
    let names = stems(&fixture("invalid"));
    let mut covered: Vec<String> = CASES.iter().map(|c| c.0.to_owned()).collect();
    covered.sort();
    assert_eq!(names, covered);
}

#[test]
fn human_diagnostics_look_like_rustc() {
    let out = briefing()
        .args(["check", "--color", "never"])
        .arg(fixture("invalid/unknown_key.toml"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let expected_tail = "\
31 | speeker = \"alice\"
   | ^^^^^^^ not part of the briefing format; it is ignored
   |
help: did you mean `speaker`?
checked 1 file: 1 briefing, 1 actor, 0 relations, 1 event, 1 quote, 1 source; 0 errors, 1 warning
";
    assert!(
        stderr.starts_with("warning: unknown key `speeker`\n"),
        "{stderr}"
    );
    assert!(
        stderr.contains("invalid/unknown_key.toml:31:1\n"),
        "{stderr}"
    );
    assert!(stderr.ends_with(expected_tail), "{stderr}");
}

#[test]
fn one_broken_file_does_not_stop_two_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    std::fs::write(dir.path().join("a.toml"), &good).unwrap();
    let second = good
        .replace("\"mini\"", "\"mini2\"")
        .replace("alice", "bob")
        .replace("memo-written", "memo2");
    std::fs::write(dir.path().join("b.toml"), second).unwrap();
    std::fs::copy(
        fixture("invalid/syntax.toml"),
        dir.path().join("c-broken.toml"),
    )
    .unwrap();
    let (code, diags, counts) = check_json(&[dir.path()]);
    assert_eq!(code, 1);
    assert_eq!(counts["briefings"], 2);
    assert_eq!(counts["actors"], 2);
    assert_eq!(diags.len(), 1);
    assert!(
        diags[0]["file"]
            .as_str()
            .unwrap()
            .ends_with("c-broken.toml")
    );
}

#[test]
fn a_directory_named_toml_and_an_oversized_file_are_reported_by_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("x.toml")).unwrap();
    let big = "# padding\n".repeat(900_000);
    std::fs::write(dir.path().join("big.toml"), big).unwrap();
    std::fs::copy(fixture("valid/minimal.toml"), dir.path().join("ok.toml")).unwrap();
    let (code, diags, counts) = check_json(&[dir.path()]);
    assert_eq!(code, 1);
    assert_eq!(counts["briefings"], 1);
    let messages: Vec<(String, String)> = diags
        .iter()
        .map(|d| {
            (
                d["file"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert!(messages[0].0.ends_with("big.toml"));
    assert_eq!(
        messages[0].1,
        "cannot read this file: it is 9000000 bytes, over the 8 MiB limit for a briefing file"
    );
    assert!(messages[1].0.ends_with("x.toml"));
    assert_eq!(
        messages[1].1,
        "cannot read this file: it is a directory, not a briefing file"
    );
}

#[test]
fn a_missing_path_is_a_usage_error() {
    let out = briefing()
        .args(["check", "/definitely/not/here"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/definitely/not/here: no such file"));
}

#[test]
fn export_json_round_trips_the_counts() {
    let out = briefing()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    let (_, _, counts) = check_json(&[&Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings")]);
    for key in [
        "briefings",
        "actors",
        "relations",
        "events",
        "quotes",
        "sources",
    ] {
        assert_eq!(
            v[key].as_array().unwrap().len() as u64,
            counts[key].as_u64().unwrap(),
            "{key}"
        );
    }
    // Dates keep their precision, and every item keeps its sources.
    let approval = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["date"]["value"] == "2023-10")
        .unwrap();
    assert_eq!(approval["date"]["precision"], "month");
    for key in ["actors", "relations", "events", "quotes"] {
        for item in v[key].as_array().unwrap() {
            assert!(
                !item["cite"].as_array().unwrap().is_empty(),
                "{key}: {item}"
            );
        }
    }
}

#[test]
fn check_as_of_counts_the_library_as_known_then_like_export() {
    let files = [
        fixture("export/river-1.toml"),
        fixture("export/river-2.toml"),
    ];
    let run = |args: &[&str]| {
        let out = briefing().args(args).args(&files).output().unwrap();
        (
            out.status.code(),
            out.stdout,
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    // Before every briefing: nothing is known, a note says why, and the summary says as of
    // when.
    let (code, _, stderr) = run(&["check", "--as-of", "2025-01-01"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stderr,
        "note: no briefing is known as of 2025-01-01: the earliest is as of 2025-01-10\n\
         checked 2 files: 0 briefings, 0 actors, 0 relations, 0 events, 0 quotes, 0 sources \
         (as of 2025-01-01); 0 errors, 0 warnings\n"
    );
    // Between them: only river-1 counts.
    let (_, _, stderr) = run(&["check", "--as-of", "2025-01-31"]);
    assert!(
        stderr.starts_with(
            "checked 2 files: 1 briefing, 2 actors, 1 relation, 1 event, 1 quote, 1 source \
             (as of 2025-01-31);"
        ),
        "{stderr}"
    );
    // Without --as-of, everything, and no date.
    let (_, _, stderr) = run(&["check"]);
    assert!(
        stderr.starts_with(
            "checked 2 files: 2 briefings, 4 actors, 2 relations, 1 event, 1 quote, 2 sources; "
        ),
        "{stderr}"
    );
    // The JSON counts are the items `export` writes as of the same date.
    for date in ["2025-01-01", "2025-01-31", "2025-02-20"] {
        let (_, check, _) = run(&["check", "--format", "json", "--as-of", date]);
        let check: Value = serde_json::from_slice(&check).unwrap();
        assert_eq!(check["as_of"], date);
        let (_, export, _) = run(&["export", "--format", "json", "--as-of", date]);
        let export: Value = serde_json::from_slice(&export).unwrap();
        for key in [
            "briefings",
            "actors",
            "relations",
            "events",
            "quotes",
            "sources",
        ] {
            assert_eq!(
                export[key].as_array().unwrap().len() as u64,
                check["counts"][key].as_u64().unwrap(),
                "{key} as of {date}"
            );
        }
    }
    let (_, check, _) = run(&["check", "--format", "json"]);
    let check: Value = serde_json::from_slice(&check).unwrap();
    assert_eq!(check["as_of"], Value::Null);
}

#[test]
fn export_keeps_the_authors_exact_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("valid/minimal.toml"))
        .unwrap()
        .replace("Hello.", "Hello\\u001b[2J.");
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let out = briefing()
        .args(["export", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains('\u{1b}'),
        "the escape is JSON-encoded, never raw"
    );
    let v: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(v["quotes"][0]["text"], "Hello\u{1b}[2J.");
}

#[test]
fn a_briefing_id_cannot_also_name_an_actor() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("valid/minimal.toml"))
        .unwrap()
        .replace("id = \"mini\"", "id = \"alice\"");
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let (code, diags, _) = check_json(&[dir.path()]);
    assert_eq!(code, 1);
    assert_eq!(
        diags[0]["message"],
        "actor id `alice` is already used by a briefing"
    );
}

/// Two items of one kind with one id: the help speaks of that kind, not of the namespace
/// the kinds share.
#[test]
fn two_actors_with_one_id_are_told_to_be_one_or_renamed() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    let twice = text.replacen(
        "[[events]]",
        "[[actors]]\nid = \"alice\"\nname = \"Alice B\"\nkind = \"person\"\nrole = \"r\"\n\
         cite = [{ source = \"memo\", locator = \"p1\" }]\n\n[[events]]",
        1,
    );
    std::fs::write(dir.path().join("a.toml"), twice).unwrap();
    let (code, diags, _) = check_json(&[dir.path()]);
    assert_eq!(code, 1);
    let d = diags
        .iter()
        .find(|d| d["message"] == "duplicate id `alice`: two actors")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(
        d["help"],
        "an id names one actor in a briefing: rename one of them, or make the two one actor"
    );
}

#[test]
fn a_reference_into_a_dropped_file_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    std::fs::write(dir.path().join("a.toml"), &good).unwrap();
    // b names a's event `memo-written` as an actor (so it is dropped) and defines carol,
    // whom c refers to.
    let b = good
        .replace("\"mini\"", "\"b\"")
        .replace("as_of = \"2025-05\"", "as_of = \"2025-06\"")
        .replace("memo-written", "b-event")
        .replace("alice-hello", "b-hello")
        + "\n[[actors]]\nid = \"memo-written\"\nname = \"M\"\nkind = \"other\"\nrole = \"r\"\ncite = [{ source = \"memo\", locator = \"p8\" }]\n"
        + "\n[[actors]]\nid = \"carol\"\nname = \"Carol\"\nkind = \"person\"\nrole = \"r\"\ncite = [{ source = \"memo\", locator = \"p9\" }]\n";
    std::fs::write(dir.path().join("b.toml"), b).unwrap();
    let c = std::fs::read_to_string(fixture("valid/second.toml"))
        .unwrap()
        .replace("to = \"alice\"", "to = \"carol\"");
    std::fs::write(dir.path().join("c.toml"), c).unwrap();
    let (_, diags, counts) = check_json(&[dir.path()]);
    assert_eq!(counts["briefings"], 1);
    let unknown = diags
        .iter()
        .find(|d| d["message"] == "unknown actor `carol` in relation target (`to`)")
        .expect("c.toml's reference");
    assert!(
        unknown["help"]
            .as_str()
            .unwrap()
            .ends_with(
                "b.toml, which is left out (id `memo-written` names an actor here but an event elsewhere): fix that file and this resolves"
            ),
        "{unknown}"
    );
}

/// A reference that differs from an id by case alone, where the id is the one with capitals,
/// points at the definition as what to change: it does not suggest capitals in the
/// reference, in the same file or another. A reference with capitals of its own is
/// suggested the lowercase id; one to a lowercase id is suggested that id, as before.
#[test]
fn a_reference_differing_by_case_from_an_uppercase_id_points_at_the_definition() {
    let minimal = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    let by_message = |diags: &[Value], m: &str| -> Value {
        diags
            .iter()
            .find(|d| d["message"] == m)
            .unwrap_or_else(|| panic!("{m}: {diags:#?}"))
            .clone()
    };
    let lowercase_it =
        "the id is defined as `Alice`, but ids are lowercase: write `alice` in its definition";

    // In one file: `alice` and `ALICE` for `Alice`.
    let dir = tempfile::tempdir().unwrap();
    let one = minimal
        .replace("id = \"alice\"", "id = \"Alice\"")
        .replace("speaker = \"alice\"", "speaker = \"ALICE\"");
    std::fs::write(dir.path().join("a.toml"), one).unwrap();
    let (code, diags, _) = check_json(&[dir.path()]);
    assert_eq!(code, 1);
    let lower = by_message(&diags, "unknown actor `alice` in event participant");
    assert_eq!(
        lower["help"],
        format!("{lowercase_it}, and this reference is right as it is")
    );
    assert!(lower["suggestion"].is_null(), "{lower:#}");
    assert_eq!(lower["related"][0]["line"], 13, "{lower:#}");
    assert_eq!(lower["related"][0]["label"], "defined as `Alice` here");
    let upper = by_message(&diags, "unknown actor `ALICE` in speaker");
    assert_eq!(upper["help"], format!("{lowercase_it} and here"));
    assert_eq!(upper["suggestion"]["edits"][0]["replacement"], "\"alice\"");
    assert_eq!(upper["related"][0]["line"], 13, "{upper:#}");

    // Across files: `Alice` loads (with its warning), another briefing says `alice`; and
    // `Bob` for a lowercase `bob` is suggested `bob`.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.toml"),
        minimal.replace("\"alice\"", "\"Alice\""),
    )
    .unwrap();
    let second = std::fs::read_to_string(fixture("valid/second.toml"))
        .unwrap()
        .replace("speaker = \"bob\"", "speaker = \"Bob\"");
    std::fs::write(dir.path().join("b.toml"), second).unwrap();
    let (_, diags, _) = check_json(&[dir.path()]);
    let across = by_message(&diags, "unknown actor `alice` in relation target (`to`)");
    assert_eq!(
        across["help"],
        format!("{lowercase_it}, and this reference is right as it is")
    );
    assert!(across["suggestion"].is_null(), "{across:#}");
    let related = &across["related"][0];
    assert!(
        related["file"].as_str().unwrap().ends_with("a.toml") && related["line"] == 13,
        "{across:#}"
    );
    let bob = by_message(&diags, "unknown actor `Bob` in speaker");
    assert_eq!(bob["help"], "ids are case-sensitive: did you mean `bob`?");
    assert_eq!(bob["suggestion"]["edits"][0]["replacement"], "\"bob\"");
}

/// A near miss (`alcie`, `ALICR`) of an id with capitals (`Alice`) is suggested the id as
/// it is to be written, lowercase, and pointed at the definition to lowercase, as a
/// reference differing by case alone is: taking the suggestion and lowercasing the
/// definition makes a file that checks clean, where suggesting `Alice` moved the error to
/// the definition's warning. The places count characters, not bytes.
#[test]
fn a_near_miss_of_an_uppercase_id_is_suggested_the_lowercase_id() {
    let minimal = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let text = minimal
        .replace("id = \"alice\"", "id = \"Alice\"")
        .replace("speaker = \"alice\"", "speaker = \"alcie\"")
        .replace(
            "actors = [{ actor = \"alice\", role = \"author\" }]",
            "actors = [{ role = \"l’autrice à Pétion-Ville\", actor = \"ALICR\" }]",
        );
    std::fs::write(&path, &text).unwrap();
    let (code, diags, _) = check_json(&[&path]);
    assert_eq!(code, 1);
    let errors: Vec<&Value> = diags.iter().filter(|d| d["severity"] == "error").collect();
    let got: Vec<(&str, String, Place)> = errors
        .iter()
        .map(|d| {
            let suggestion = &d["suggestion"];
            assert_eq!(suggestion["applicability"], "MaybeIncorrect", "{d:#}");
            assert_eq!(suggestion["edits"][0]["replacement"], "\"alice\"", "{d:#}");
            assert_eq!(d["related"][0]["label"], "defined as `Alice` here", "{d:#}");
            assert_eq!(d["related"][0]["line"], 13, "{d:#}");
            (
                d["message"].as_str().unwrap(),
                d["help"].as_str().unwrap().to_owned(),
                place(d),
            )
        })
        .collect();
    let help = |id: &str| {
        format!(
            "did you mean `alice`? The id is defined as `Alice`, but ids are lowercase: write `alice` in its definition and here. If another briefing of your library defines `{id}`, check the two together."
        )
    };
    // `l’autrice à Pétion-Ville` is 24 characters in 28 bytes.
    let participant = "actors = [{ role = \"l’autrice à Pétion-Ville\", actor = ";
    let column = u64::try_from(participant.chars().count()).unwrap() + 1;
    assert_eq!(
        got,
        [
            (
                "unknown actor `ALICR` in event participant",
                help("ALICR"),
                (24, column, column + 7),
            ),
            (
                "unknown actor `alcie` in speaker",
                help("alcie"),
                (31, 11, 18),
            ),
        ]
    );

    // The suggested edits, with the definition lowercased as the help says, check clean.
    let fixed = with_suggestions(&text, &errors).replace("id = \"Alice\"", "id = \"alice\"");
    std::fs::write(&path, fixed).unwrap();
    let (code, diags, _) = check_json(&[&path]);
    assert_eq!((code, diags.len()), (0, 0), "{diags:#?}");
}

/// A place as `check --format json` gives it on one line: (line, column, end column).
type Place = (u64, u64, u64);

fn place(d: &Value) -> Place {
    assert_eq!(d["line"], d["end_line"], "{d:#}");
    let n = |k: &str| d[k].as_u64().unwrap();
    (n("line"), n("column"), n("end_column"))
}

/// `text` with the suggested edits of `diags` made.
fn with_suggestions(text: &str, diags: &[&Value]) -> String {
    let mut edits: Vec<(usize, usize, &str)> = diags
        .iter()
        .flat_map(|d| d["suggestion"]["edits"].as_array().into_iter().flatten())
        .map(|e| {
            let at = |k: &str| usize::try_from(e[k].as_u64().unwrap()).unwrap();
            let replacement = e["replacement"].as_str().unwrap();
            (at("byte_start"), at("byte_end"), replacement)
        })
        .collect();
    edits.sort_unstable();
    let mut out = text.to_owned();
    for (start, end, replacement) in edits.into_iter().rev() {
        out.replace_range(start..end, replacement);
    }
    out
}

/// Where both `Alice` and `alice` are ids, a near miss `alcie` means the one written as
/// ids are, and is suggested it as any near miss is, with no definition to change.
#[test]
fn a_near_miss_of_an_id_defined_with_and_without_capitals_is_the_lowercase_one() {
    let minimal = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    let both = minimal.replace("speaker = \"alice\"", "speaker = \"alcie\"")
        + "\n[[actors]]\nid = \"Alice\"\nname = \"Another Alice\"\nkind = \"person\"\nrole = \"r\"\n\
           cite = [{ source = \"memo\", locator = \"p3\" }]\n";
    std::fs::write(&path, both).unwrap();
    let (_, diags, _) = check_json(&[&path]);
    let speaker = diags
        .iter()
        .find(|d| d["message"] == "unknown actor `alcie` in speaker")
        .unwrap_or_else(|| panic!("{diags:#?}"));
    assert_eq!(
        speaker["help"],
        "did you mean `alice`? If another briefing of your library defines `alcie`, check the two together."
    );
    assert_eq!(
        speaker["suggestion"]["edits"][0]["replacement"],
        "\"alice\""
    );
    assert!(
        speaker["related"].as_array().unwrap().is_empty(),
        "{speaker:#}"
    );
}

/// A key defined twice names the key and points at its first definition in the table.
#[test]
fn a_duplicate_key_names_itself_and_its_first_definition() {
    let out = briefing()
        .arg("check")
        .arg(fixture("invalid/syntax_many.toml"))
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("error: duplicate key `name`"), "{err}");
    let first = err
        .find("first defined here")
        .expect("the first definition");
    let shown = &err[..first];
    assert!(shown.contains("15 | name = \"Alice\""), "{err}");
    assert!(shown.contains("18 | name = \"again\""), "{err}");
}

#[test]
fn a_file_given_twice_or_beside_its_folder_is_one_briefing() {
    let folder = root().join("tests/fixtures/series");
    let file = folder.join("s1.toml");
    for args in [vec![&file, &file], vec![&folder, &file]] {
        let out = briefing().arg("check").args(&args).output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(out.status.success(), "{args:?}: {err}");
        assert!(!err.contains("duplicate briefing id"), "{err}");
    }
    let out = briefing()
        .args(["check", "--format", "json"])
        .arg(&file)
        .arg(&file)
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["files"], 1);
}

/// Warnings pass by default and fail with `--deny-warnings`, which says why it failed;
/// a clean file passes either way.
#[test]
fn deny_warnings_fails_a_check_that_has_only_warnings() {
    let warned = fixture("invalid/bounded_as_of.toml");
    let run = |args: &[&str], path: &Path| {
        let out = briefing()
            .arg("check")
            .args(args)
            .arg(path)
            .output()
            .unwrap();
        (
            out.status.code().unwrap(),
            String::from_utf8(out.stderr).unwrap(),
        )
    };
    let (code, stderr) = run(&[], &warned);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("0 errors, 1 warning"), "{stderr}");
    let (code, stderr) = run(&["--deny-warnings"], &warned);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.ends_with("error: 1 warning, and --deny-warnings fails on warnings\n"),
        "{stderr}"
    );
    let (code, _) = run(&["--deny-warnings", "--format", "json"], &warned);
    assert_eq!(code, 1);
    let clean = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings");
    let (code, stderr) = run(&["--deny-warnings"], &clean);
    assert_eq!(code, 0, "{stderr}");
}

/// The note that more problems of a file are not shown comes last among that file's
/// diagnostics, after the ones shown and before the next file's, in JSON and on the
/// terminal: in a file past the limit of problems, and in one past the limit of syntax
/// errors.
#[test]
fn the_note_of_problems_not_shown_comes_last_in_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let tags = vec!["1"; 1500].join(", ");
    let many = format!(
        "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\ntags = [{tags}]\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n"
    );
    let mut syntax = String::new();
    for i in 0..1100 {
        let _ = writeln!(syntax, "k{i} = @");
    }
    let (a, b) = (dir.path().join("a.toml"), dir.path().join("b.toml"));
    std::fs::write(&a, many).unwrap();
    std::fs::write(&b, syntax).unwrap();
    let (_, diags, _) = check_json(&[&a, &b]);
    let files: Vec<&str> = diags.iter().map(|d| d["file"].as_str().unwrap()).collect();
    let mut groups = files.clone();
    groups.dedup();
    assert_eq!(
        groups.len(),
        2,
        "each file's diagnostics together: {groups:?}"
    );
    for (file, note) in groups.iter().zip([
        "500 more problems in this file are not shown",
        "100 more syntax errors are not shown",
    ]) {
        let messages: Vec<&str> = diags
            .iter()
            .filter(|d| d["file"] == *file)
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        assert!(messages.len() > 1, "{file}: {messages:?}");
        let first = &messages[..messages.len().min(3)];
        assert_eq!(messages.last(), Some(&note), "{file}: {first:?}");
    }
    let out = briefing()
        .args(["check", "--color", "never"])
        .args([&a, &b])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let at = |s: &str| stderr.find(s).unwrap_or_else(|| panic!("{s}:\n{stderr}"));
    // a.toml: the error on its tags, then the note; then b.toml's first syntax error.
    assert!(at("error: `tags` is text and needs quotes") < at("warning: 500 more problems"));
    assert!(at("warning: 500 more problems") < at("b.toml:1:"));
    assert!(stderr.rfind("b.toml:").unwrap() < at("warning: 100 more syntax errors"));
}

/// An unknown source with no id of the file close to it is told the ids the file declares,
/// the first five and how many more, so the help names what to write; a near miss is still
/// suggested the closest id.
#[test]
fn an_unknown_source_is_told_the_sources_of_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let with_sources = |ids: &[&str], cited: &str| {
        let mut text =
            "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\n".to_owned();
        for id in ids {
            let _ = write!(
                text,
                "\n[[sources]]\nid = \"{id}\"\ntitle = \"S\"\nkind = \"report\"\n"
            );
        }
        let _ = write!(
            text,
            "\n[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\nrole = \"r\"\n\
             cite = [{{ source = \"{cited}\", locator = \"¶1\" }}]\n"
        );
        let path = dir.path().join("b.toml");
        std::fs::write(&path, text).unwrap();
        let (_, diags, _) = check_json(&[&path]);
        let d = diags
            .iter()
            .find(|d| d["message"] == format!("unknown source `{cited}`"))
            .unwrap_or_else(|| panic!("{diags:#?}"))
            .clone();
        d["help"].as_str().unwrap().to_owned()
    };
    assert_eq!(
        with_sources(&["bulletin", "wire", "rc-statement"], "report"),
        "the sources of this file are `bulletin`, `wire` and `rc-statement`"
    );
    assert_eq!(
        with_sources(&["s1", "s2", "s3", "s4", "s5", "s6", "s7"], "report"),
        "the sources of this file are `s1`, `s2`, `s3`, `s4`, `s5` and 2 more"
    );
    assert_eq!(
        with_sources(&["memo"], "report"),
        "the only source of this file is `memo`"
    );
    assert_eq!(
        with_sources(&[], "report"),
        "this file declares no sources: sources are declared in [[sources]] tables of the same file"
    );
    assert_eq!(
        with_sources(&["bulletin", "wire"], "bulletn"),
        "did you mean `bulletin`?"
    );
}

/// A quote whose text changed from an earlier briefing is pointed at where the later text
/// departs from the earlier one, with what each has there, as a misquoted excerpt is; the
/// same with the cache warm as cold, and without it.
#[test]
fn a_changed_quote_is_pointed_at_where_its_text_departs() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let briefing_with = |id: &str, as_of: &str, text: &str| {
        format!(
            "[briefing]\nid = \"{id}\"\ntitle = \"T\"\nas_of = \"{as_of}\"\nsummary = \"S\"\n\n\
             [[sources]]\nid = \"src\"\ntitle = \"S\"\nkind = \"report\"\n\n\
             [[actors]]\nid = \"li\"\nname = \"Li\"\nkind = \"person\"\nrole = \"r\"\n\
             cite = [{{ source = \"src\", locator = \"¶1\" }}]\n\n\
             [[quotes]]\nid = \"q\"\nkind = \"direct\"\nspeaker = \"li\"\ndate = \"2025\"\n\
             text = \"{text}\"\ncite = [{{ source = \"src\", locator = \"¶1\" }}]\n"
        )
    };
    let earlier = "It is holding at ninety-six per cent of its design capacity.";
    let later = "It is holding at ninety-six per cent of design capacity.";
    let a = dir.path().join("a.toml");
    let b = dir.path().join("b.toml");
    std::fs::write(&a, briefing_with("a", "2025-03", earlier)).unwrap();
    let b_text = briefing_with("b", "2025-04", later);
    std::fs::write(&b, &b_text).unwrap();
    let run = |extra: &[&str]| {
        let out = briefing()
            .args(["check", "--format", "json"])
            .args(extra)
            .arg(dir.path())
            .env("XDG_CACHE_HOME", cache.path())
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        v["diagnostics"].as_array().unwrap().clone()
    };
    let line = b_text[..b_text.find("text = ").unwrap()].lines().count() + 1;
    let column = "text = \"".len() + later.find("design").unwrap() + 1;
    let column = u64::try_from(column).unwrap();
    for (extra, when) in [
        (&[][..], "cold"),
        (&[][..], "warm"),
        (&["--no-cache"][..], "uncached"),
    ] {
        let diags = run(extra);
        assert_eq!(diags.len(), 1, "{when}: {diags:#?}");
        let d = &diags[0];
        assert_eq!(
            d["message"],
            "quote `q` has different text than in an earlier briefing"
        );
        assert!(d["file"].as_str().unwrap().ends_with("b.toml"), "{d:#}");
        assert_eq!(
            place(d),
            (line as u64, column, column + 6),
            "{when}: the word `design`: {d:#}"
        );
        let label = d["label"].as_str().unwrap();
        assert!(
            label.starts_with("the earlier version has “") && label.contains("of its design"),
            "{when}: {label}"
        );
        assert!(
            label.contains("where this version has “of design"),
            "{when}: {label}"
        );
        assert_eq!(d["related"][0]["label"], "earlier version", "{d:#}");
        assert!(
            d["related"][0]["file"]
                .as_str()
                .unwrap()
                .ends_with("a.toml")
        );
    }
}
