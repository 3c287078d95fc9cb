//! The JSON Schema of the format (`briefing schema`, briefings/briefing.schema.json): in
//! sync with the loader both ways, valid for every valid briefing, and rejecting an invalid
//! fixture for every case it can express; and the examples of briefings/README.md, each
//! checked.

use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;
use common::cli::{briefing, check_json, root, stems};

fn schema() -> Value {
    let text = std::fs::read_to_string(root().join("briefings/briefing.schema.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// The schema's errors for a TOML text, as JSON paths and messages.
fn schema_errors(toml_text: &str) -> Vec<String> {
    let instance: Value = toml::from_str(toml_text).expect("the TOML parses");
    let schema = schema();
    let validator = jsonschema::validator_for(&schema).expect("the schema is a valid JSON Schema");
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

/// `briefing COMMAND` succeeds and prints the published file at `path` (from the root).
fn prints_published(command: &str, path: &str) {
    let out = briefing().arg(command).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    let published = std::fs::read_to_string(root().join(path)).unwrap();
    assert_eq!(printed, published, "`briefing {command}` against {path}");
}

#[test]
fn briefing_schema_prints_the_published_schema() {
    prints_published("schema", "briefings/briefing.schema.json");
}

/// An author with only the binary has the format: `briefing format` prints it, and a new
/// briefing and `check` point there.
#[test]
fn briefing_format_prints_the_published_format() {
    prints_published("format", "briefings/README.md");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.toml");
    let out = briefing()
        .args(["new", "--title", "T"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let made = std::fs::read_to_string(&path).unwrap();
    assert!(
        made.contains("`briefing format` prints the format"),
        "{made}"
    );
    assert!(!made.contains("README"), "{made}");
}

/// The schema's definition for one of the loader's tables.
fn definition<'a>(schema: &'a Value, table: &str) -> &'a Value {
    let defs = &schema["definitions"];
    match table {
        "" => schema,
        "briefing" => &defs["briefing"],
        "sources" => &defs["source"],
        "actors" => &defs["actor"],
        "relations" => &defs["relation"],
        "events" => &defs["event"],
        "quotes" => &defs["quote"],
        "cite" => &defs["cite"]["items"],
        "participant" => &defs["participant"],
        other => panic!("a table the schema test does not know: {other}"),
    }
}

#[test]
fn the_schema_and_the_loader_accept_the_same_keys() {
    let schema = schema();
    for (table, keys) in briefing::model::FORMAT_KEYS {
        let def = definition(&schema, table);
        assert_eq!(
            def["additionalProperties"], false,
            "{table}: unknown keys are flagged"
        );
        let mut in_schema: Vec<&str> = def["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("{table}"))
            .keys()
            .map(String::as_str)
            .collect();
        in_schema.sort_unstable();
        let mut loader: Vec<&str> = keys.to_vec();
        loader.sort_unstable();
        assert_eq!(in_schema, loader, "keys of `{table}`");
        for key in *keys {
            let prop = &def["properties"][*key];
            assert!(
                prop["description"].is_string() || prop.get("$ref").is_some(),
                "{table}.{key} has a description for the editor"
            );
        }
    }
}

#[test]
fn the_schema_lists_every_spelling_of_every_vocabulary() {
    use briefing::model::{ActorKind, QuoteKind, RelationKind, SourceKind, Status};
    let schema = schema();
    let defs = &schema["definitions"];
    let spellings = |v: &Value| -> Vec<String> {
        let mut out: Vec<String> = v["enum"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_owned())
            .collect();
        out.sort();
        out
    };
    let sorted = |it: &mut dyn Iterator<Item = &'static str>| -> Vec<String> {
        let mut out: Vec<String> = it.map(str::to_owned).collect();
        out.sort();
        out
    };
    let props = |d: &str, k: &str| defs[d]["properties"][k].clone();
    assert_eq!(
        spellings(&props("actor", "kind")),
        sorted(&mut ActorKind::all_spellings())
    );
    assert_eq!(
        spellings(&props("event", "status")),
        sorted(&mut Status::all_spellings())
    );
    assert_eq!(
        spellings(&props("quote", "kind")),
        sorted(&mut QuoteKind::all_spellings())
    );
    assert_eq!(
        spellings(&props("relation", "kind")),
        sorted(&mut RelationKind::all_spellings())
    );
    assert_eq!(
        spellings(&props("source", "kind")),
        sorted(&mut SourceKind::all_spellings())
    );
}

/// Every spelling `check` accepts is documented: briefings/README.md has a row for each
/// value with other spellings, listing exactly those; and `"unknown"` in any case is a date
/// to the loader, the schema and the README alike.
#[test]
fn the_format_readme_lists_every_other_spelling_check_accepts() {
    use briefing::model::{ActorKind, DateSpec, QuoteKind, RelationKind, SourceKind, Status};
    fn rows(what: &str, all: &[&'static [&'static str]]) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for spellings in all.iter().filter(|s| s.len() > 1) {
            let others: Vec<String> = spellings[1..].iter().map(|s| format!("`{s}`")).collect();
            let _ = writeln!(
                out,
                "| {what} | `{}` | {} |",
                spellings[0],
                others.join(", ")
            );
        }
        out
    }
    macro_rules! all {
        ($t:ty) => {
            <$t>::ALL.iter().map(|v| v.spellings()).collect::<Vec<_>>()
        };
    }
    let table = [
        rows("source `kind`", &all!(SourceKind)),
        rows("actor `kind`", &all!(ActorKind)),
        rows("relation `kind`", &all!(RelationKind)),
        rows("event `status`", &all!(Status)),
        rows("quote `kind`", &all!(QuoteKind)),
    ]
    .concat();
    let readme = std::fs::read_to_string(root().join("briefings/README.md")).unwrap();
    let header = "| vocabulary | spelling | also accepted |\n|---|---|---|\n";
    assert!(
        readme.contains(&format!("{header}{table}\n")),
        "the README's table of other spellings should be:\n{header}{table}"
    );
    assert!(readme.contains("`\"Unknown\"`"));
    let schema = schema();
    let date = jsonschema::validator_for(&schema["definitions"]["date"]).unwrap();
    for unknown in ["unknown", "Unknown", "UNKNOWN"] {
        assert_eq!(DateSpec::parse(unknown), Ok(DateSpec::Unknown), "{unknown}");
        assert!(date.is_valid(&Value::from(unknown)), "{unknown}");
    }
}

/// The README's complete example, which uses every key of the format.
fn complete_example() -> String {
    readme_blocks()
        .into_iter()
        .find(|b| b.contains("[[quotes]]") && b.contains("key_points"))
        .expect("the README's complete example")
}

#[test]
fn the_schema_requires_exactly_what_check_requires() {
    let schema = schema();
    let base = complete_example();
    let dir = tempfile::tempdir().unwrap();
    for (table, keys) in briefing::model::FORMAT_KEYS {
        let required: Vec<&str> = definition(&schema, table)["required"]
            .as_array()
            .map(|r| r.iter().map(|k| k.as_str().unwrap()).collect())
            .unwrap_or_default();
        for key in *keys {
            // A text file lives beside its briefing: the README's example, which stands
            // alone, cannot name one without drawing a warning. It is optional.
            if *key == "text_file" {
                assert!(!required.contains(key));
                continue;
            }
            let Some(text) = without_key(&base, table, key) else {
                panic!("the complete example has `{key}` in `{table}`");
            };
            let path = dir.path().join("t.toml");
            std::fs::write(&path, &text).unwrap();
            let v = check_json(&[&path]);
            let missing = v["diagnostics"].as_array().unwrap().iter().any(|d| {
                d["severity"] == "error"
                    && (d["message"] == format!("missing field `{key}`")
                        || d["message"]
                            .as_str()
                            .unwrap()
                            .starts_with("this file has no [briefing]")
                        || d["message"]
                            .as_str()
                            .unwrap()
                            .starts_with("this briefing has no [[sources]]"))
            });
            assert_eq!(
                missing,
                required.contains(key),
                "`{key}` in `{table}`: {v:#}"
            );
            assert_eq!(
                !schema_errors(&text).is_empty(),
                required.contains(key),
                "`{key}` in `{table}`"
            );
        }
    }
}

/// The complete example without one key of one table (its first occurrence).
fn without_key(text: &str, table: &str, key: &str) -> Option<String> {
    match table {
        "" => {
            let header = if key == "briefing" {
                "[briefing]".to_owned()
            } else {
                format!("[[{key}]]")
            };
            // Drop every table of that name, up to the next header of another name.
            let mut out = String::new();
            let mut dropping = false;
            for line in text.lines() {
                if line.starts_with('[') {
                    dropping = line.trim() == header;
                }
                if !dropping {
                    out.push_str(line);
                    out.push('\n');
                }
            }
            Some(out).filter(|o| o.len() < text.len())
        }
        "cite" => {
            let (a, b) = match key {
                "source" => ("{ source = \"article\", locator", "{ locator"),
                "excerpt" => (", excerpt = \"Kenyan authorities confirmed …\" }", " }"),
                _ => (", locator = \"¶4\", excerpt", ", excerpt"),
            };
            text.contains(a).then(|| text.replacen(a, b, 1))
        }
        "participant" => {
            let (a, b) = if key == "actor" {
                ("{ actor = \"mss-example\", role", "{ role")
            } else {
                (", role = \"the mission approved\" }", " }")
            };
            text.contains(a).then(|| text.replacen(a, b, 1))
        }
        _ => {
            let header = if table == "briefing" {
                "[briefing]".to_owned()
            } else {
                format!("[[{table}]]")
            };
            let start = text.find(&format!("\n{header}\n"))? + 1;
            let rest = &text[start..];
            let at = rest.find(&format!("\n{key} = "))? + 1;
            let line_end = rest[at..].find('\n').map_or(rest.len(), |e| at + e + 1);
            // A value over several lines runs to the next line that starts a key or table.
            let mut end = line_end;
            let value = rest[at..line_end]
                .split("  #")
                .next()
                .unwrap_or_default()
                .trim_end();
            let value_open = value.ends_with(['[', '\\']);
            if value_open {
                while end < rest.len() {
                    let next = &rest[end..];
                    let line = next.lines().next().unwrap_or_default();
                    if line.contains('=') && !line.starts_with(' ')
                        || line.starts_with('[')
                        || line.starts_with('#')
                    {
                        break;
                    }
                    end += line.len() + 1;
                }
            }
            Some(format!(
                "{}{}{}",
                &text[..start],
                &rest[..at],
                &rest[end.min(rest.len())..]
            ))
        }
    }
}

/// Files the loader accepts without errors.
fn valid_files() -> Vec<PathBuf> {
    let mut out = vec![
        root().join("briefings/haiti-2025-05.toml"),
        root().join("briefings/haiti-2025-10.toml"),
        root().join("tests/fixtures/authoring/new_author.toml"),
    ];
    for dir in ["tests/fixtures/valid", "tests/fixtures/series"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        out.extend(files);
    }
    out
}

#[test]
fn the_schema_accepts_the_bundled_briefings_and_every_valid_fixture() {
    let files = valid_files();
    assert!(files.len() >= 7);
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(
            schema_errors(&text),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
    }
    for block in readme_blocks() {
        assert_eq!(schema_errors(&block), Vec::<String>::new(), "{block}");
    }
}

/// What the schema can say about each invalid fixture: `Some(path)` where it rejects it
/// (the JSON path of the first error), `None` with the reason where only `check` can tell.
const SCHEMA_VERDICTS: &[(&str, Result<&str, &str>)] = &[
    (
        "after_as_of",
        Err("a date after as_of: only check compares dates"),
    ),
    ("bad_status", Ok("/events/0/status")),
    ("bare_date", Ok("/events/0/date")),
    (
        "bare_date_forms",
        Err("`2025-05` and `after 2025-04` bare are not TOML values, so not TOML"),
    ),
    ("bounded_as_of", Err("a range as_of is valid; check warns")),
    ("cite_not_a_list", Ok("/quotes/0/cite")),
    ("crlf", Err("a reference: only check knows the other items")),
    ("date_spellings", Ok("/briefing/as_of")),
    (
        "deep_nesting",
        Err("nested past the TOML parser's limit, so not TOML it reads"),
    ),
    (
        "duplicate_id",
        Err("a duplicate id: only check knows the other items"),
    ),
    ("empty", Ok("")),
    ("id_case", Ok("/actors/0/id")),
    (
        "impossible_day",
        Err("the calendar: only check knows February has 28 days"),
    ),
    ("impossible_month", Ok("/briefing/as_of")),
    ("list_as_string", Ok("/actors/0/aliases")),
    ("missing_briefing", Ok("")),
    ("missing_field", Ok("/quotes/0")),
    ("near_miss_key", Ok("/events/0")),
    ("no_citation", Ok("/actors/0/cite")),
    ("not_utf8", Err("not UTF-8, so not TOML")),
    ("nul_byte", Err("a TOML syntax error")),
    ("participant_string", Ok("/events/0/actors/0")),
    (
        "published_after_as_of",
        Err("a source published after as_of: only check compares dates"),
    ),
    (
        "reversed_range",
        Err("a reversed range: only check compares the bounds"),
    ),
    ("self_affiliation", Err("odd but valid; check warns")),
    ("self_relation", Err("odd but valid; check warns")),
    ("single_table", Ok("/actors")),
    ("singular_table", Ok("")),
    ("syntax", Err("a TOML syntax error")),
    ("syntax_many", Err("TOML syntax errors")),
    (
        "too_many_key_points",
        Err("advice with a limit; check warns"),
    ),
    (
        "unknown_actor",
        Err("a reference: only check knows the other items"),
    ),
    (
        "unknown_as_of",
        Err("an unknown as_of is valid; check warns"),
    ),
    (
        "unknown_event",
        Err("a reference: only check knows the other items"),
    ),
    ("unknown_key", Ok("/quotes/0")),
    (
        "unknown_source",
        Err("a reference: only check knows the sources"),
    ),
    ("utf16", Err("not UTF-8, so not TOML")),
    ("wrong_type", Ok("/briefing/title")),
];

#[test]
fn the_schema_rejects_an_invalid_fixture_for_every_case_it_can_express() {
    let dir = root().join("tests/fixtures/invalid");
    let names = stems(&dir);
    let listed: Vec<&str> = SCHEMA_VERDICTS.iter().map(|v| v.0).collect();
    assert_eq!(names, listed, "every invalid fixture has a schema verdict");
    let mut rejected = 0;
    for (name, verdict) in SCHEMA_VERDICTS {
        let bytes = std::fs::read(dir.join(format!("{name}.toml"))).unwrap();
        let Ok(text) = String::from_utf8(bytes) else {
            assert!(verdict.is_err(), "{name}");
            continue;
        };
        let Ok(instance) = toml::from_str::<Value>(&text) else {
            assert!(
                verdict.is_err(),
                "{name} is not TOML, so the schema cannot see it"
            );
            continue;
        };
        let schema = schema();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|e| e.instance_path().to_string())
            .collect();
        match verdict {
            Ok(path) => {
                rejected += 1;
                assert!(errors.iter().any(|e| e == path), "{name}: {errors:?}");
            }
            Err(why) => assert!(errors.is_empty(), "{name} ({why}): {errors:?}"),
        }
    }
    assert!(rejected >= 15, "{rejected}");
}

// ── briefings/README.md ──────────────────────────────────────────────────────

fn readme_blocks() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("briefings/README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match &mut current {
            None if line.trim_start().starts_with("```toml") => current = Some(String::new()),
            Some(block) if line.trim_start().starts_with("```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    assert!(current.is_none(), "an unclosed ```toml block");
    blocks
}

#[test]
fn every_toml_example_in_the_format_readme_checks_clean() {
    let blocks = readme_blocks();
    assert!(blocks.len() >= 5, "{}", blocks.len());
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        assert!(
            block.contains("[briefing]"),
            "example {i} is a whole briefing:\n{block}"
        );
        let path = dir.path().join(format!("example-{i}.toml"));
        std::fs::write(&path, block).unwrap();
        let v = check_json(&[&path]);
        assert_eq!(v["errors"], 0, "example {i}:\n{block}\n{v:#}");
        assert_eq!(v["warnings"], 0, "example {i}:\n{block}\n{v:#}");
        paths.push(path);
    }
    // Loaded together, they are one library: shared ids (`unsc`) are one actor.
    let refs: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    let v = check_json(&refs);
    assert_eq!(v["errors"], 0, "{v:#}");
    assert_eq!(v["counts"]["briefings"], blocks.len());
}

/// The worked `diff` example of briefings/README.md is what `briefing diff` prints.
#[test]
fn the_format_s_diff_example_is_the_program_s_output() {
    let readme = std::fs::read_to_string(root().join("briefings/README.md")).unwrap();
    let command = "briefing diff tests/fixtures/series/s1.toml tests/fixtures/series/s3.toml";
    let after = &readme[readme.find(command).expect("the example is there")..];
    let start = after.find("```\n---").expect("its output follows") + 4;
    let shown = &after[start..start + after[start..].find("```").unwrap()];
    let out = briefing()
        .current_dir(root())
        .args([
            "diff",
            "tests/fixtures/series/s1.toml",
            "tests/fixtures/series/s3.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), shown);
}
