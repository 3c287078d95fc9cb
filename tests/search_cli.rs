//! `briefing search` end to end: output lines, JSON, exit codes and error messages.

use std::process::{Command, Output};

use serde_json::Value;

fn search(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .arg("search")
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("stdout is UTF-8")
}

#[test]
fn kenya_lists_the_actor_first() {
    let out = search(&["kenya"]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert_eq!(text.lines().next(), Some("actor\tkenya\tKenya"));
    assert!(
        text.lines().all(|l| l.split('\t').count() == 3),
        "kind, id, text"
    );
    assert!(
        !text.contains('\x1b'),
        "no escape codes when stdout is not a terminal"
    );
}

#[test]
fn color_always_emphasises_the_matched_chars() {
    let out = search(&["--color", "always", "kenya"]);
    let first = stdout(&out).lines().next().unwrap_or_default().to_owned();
    assert_eq!(first, "actor\tkenya\t\x1b[1;4mKenya\x1b[22;24m");
}

#[test]
fn json_quotes_about_being_aware() {
    let out = search(&["--json", "type:quote aware"]);
    assert_eq!(out.status.code(), Some(0));
    let hits: Value = serde_json::from_slice(&out.stdout).expect("valid JSON");
    let hits = hits.as_array().expect("an array");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| h["kind"] == "quote"));
    let first = &hits[0];
    assert_eq!(first["id"], "singoei-aware");
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .starts_with("Yes, we are aware.")
    );
    assert_eq!(first["positions"], serde_json::json!([12, 13, 14, 15, 16]));
    assert_eq!(first["fields"]["speaker"], "Korir Sing’oei");
    assert!(first["score"].is_i64());
    assert!(first["secondary"]["field"].is_string());
    assert!(first["secondary"]["positions"].is_array());
}

#[test]
fn limit_caps_the_hits() {
    let out = search(&["--limit", "2", "kenya"]);
    assert_eq!(stdout(&out).lines().count(), 2);
}

/// `--limit 0` would print nothing and exit 1 as for no hits: it is a usage error, as
/// clap gives one, and nothing is searched.
#[test]
fn limit_0_is_a_usage_error() {
    for bad in ["0", "-1", "two"] {
        let out = search(&[&format!("--limit={bad}"), "kenya"]);
        assert_eq!(out.status.code(), Some(2), "--limit {bad}");
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.starts_with(&format!("error: invalid value '{bad}' for '--limit <N>': ")),
            "{err}"
        );
        assert!(err.contains("at least 1"), "{err}");
    }
    let out = search(&["--limit", "1", "kenya"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out).lines().count(), 1);
}

#[test]
fn no_hits_exit_1() {
    let out = search(&["zzzz"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let json = search(&["--json", "zzzz"]);
    assert_eq!(json.status.code(), Some(1));
    assert_eq!(stdout(&json).trim(), "[]");
}

#[test]
fn bad_queries_exit_2_with_a_message() {
    let out = search(&["foo:bar"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown qualifier `foo:`"), "{err}");
    let out = search(&["after:2025-13"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("month 13 does not exist"));
}

#[test]
fn paths_are_searched_instead_of_the_bundled_briefing() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/valid");
    let out = search(&["type:actor", dir]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "actor\talice\tAlice\nactor\tbob\tBob\n");
}

/// Issue #10 case 12: ids are searchable, as the README says: an exact term finds the item
/// whose id it is, even when no other field holds it.
#[test]
fn ids_are_searchable() {
    let out = search(&["'kenyan-officers-vehicle-failures"]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    assert!(
        text.starts_with("quote\tkenyan-officers-vehicle-failures\t"),
        "{text}"
    );
    let json = search(&["--json", "'korir-singoei"]);
    let v: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(v[0]["id"], "korir-singoei");
    assert_eq!(v[0]["fields"]["id"], "korir-singoei");
}

/// Display-safe text writes Lam-Alef as its ligature (one cell everywhere); a query typed
/// with the two letters still finds it, as a fuzzy term and as exact text.
#[test]
fn arabic_lam_alef_is_found_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("b.toml");
    std::fs::write(
        &path,
        "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n\n\
         [[actors]]\nid = \"salam\"\nname = \"جمعية السلام\"\nkind = \"group\"\nrole = \"r\"\ncite = [{ source = \"s\", locator = \"1\" }]\n",
    )
    .unwrap();
    for query in ["السلام", "'السلام"] {
        let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
            .args(["search", "--json", query])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{query}: {}", stdout(&out));
        let hits: Value = serde_json::from_str(&stdout(&out)).unwrap();
        assert!(stdout(&out).contains("salam"), "{query}: {hits}");
    }
}
