//! `briefing export`: the Markdown document, and safe writing to files.

use std::path::Path;

mod common;
use common::cli::briefing;

#[test]
fn markdown_export_of_the_bundled_briefing() {
    let out = briefing()
        .args(["export", "--format", "markdown"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let md = String::from_utf8(out.stdout).unwrap();
    insta::assert_snapshot!(md);
}

#[test]
fn markdown_export_is_deterministic_and_keeps_citations() {
    let run = || {
        briefing()
            .args(["export", "--format", "markdown"])
            .output()
            .unwrap()
            .stdout
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    let md = String::from_utf8(a).unwrap();
    for section in [
        "## Key points",
        "## Actors",
        "## Timeline",
        "## Quotes and reported statements",
        "## Sources",
    ] {
        assert!(md.contains(section), "{section}");
    }
    // Every table row ends with a citation cell.
    for row in md.lines().filter(|l| {
        l.starts_with("| ")
            && !l.starts_with("| Actor")
            && !l.starts_with("| Date")
            && !l.starts_with("| From")
    }) {
        assert!(row.contains("article ¶") || row.contains("ap ¶"), "{row}");
    }
    assert!(md.contains("| 2023-10 | ● occurred | UN Security Council approves the MSS |"));
    assert!(md.contains("direct quote · article ¶5"));
}

#[test]
fn export_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    std::fs::write(&target, "old").unwrap();
    let out = briefing()
        .args(["export", "--format", "markdown", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");

    let out = briefing()
        .args(["export", "--format", "markdown", "--force", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("# Haiti")
    );
}

#[test]
fn a_failed_write_leaves_the_old_file_intact_and_no_debris() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    std::fs::write(&target, "old").unwrap();
    let out = briefing()
        .args(["export", "--format", "markdown", "--force", "-o"])
        .arg(&target)
        .env("BRIEFING_TEST_FAIL_WRITE", "1")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("simulated write failure"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        [std::ffi::OsString::from("out.md")],
        "temporary files were left behind"
    );
}

#[test]
fn markdown_shows_hostile_text_visibly() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml");
    let text = std::fs::read_to_string(fixture)
        .unwrap()
        .replace("Hello.", "Hello\\u001b]0;pwned\\u0007 *bold* | pipe");
    std::fs::write(dir.path().join("a.toml"), text).unwrap();
    let out = briefing()
        .args(["export", "--format", "markdown"])
        .arg(dir.path())
        .output()
        .unwrap();
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(!md.contains('\u{1b}'));
    assert!(
        md.contains("Hello^\\[\\]0;pwned^G \\*bold\\* \\| pipe"),
        "{md}"
    );
}
