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
    assert!(md.contains("· direct · article ¶5"));
}

/// `export -o target` without `--force` exits 2, saying the target already exists.
fn refused_without_force(target: &std::path::Path) {
    let out = briefing()
        .args(["export", "--format", "markdown", "-o"])
        .arg(target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
}

#[test]
fn export_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    std::fs::write(&target, "old").unwrap();
    refused_without_force(&target);
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

/// A stream has no cells: Bengali's vowel sign, shown by number on the screen for its
/// width, is itself in an export, `search` and `diff`; a bidi override stays a number.
#[test]
fn streams_keep_letters_shown_by_number_on_the_screen_for_their_width_alone() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml");
    let text = std::fs::read_to_string(fixture)
        .unwrap()
        .replace("name = \"Alice\"", "name = \"মুহাম্মদ ইসলাম \\u202Eevil\"");
    let file = dir.path().join("a.toml");
    std::fs::write(&file, text).unwrap();
    let run = |args: &[&str]| {
        let out = briefing().args(args).arg(&file).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let md = run(&["export", "--format", "markdown"]);
    let found = run(&["search", "ইসলাম"]);
    for out in [&md, &found] {
        assert!(out.contains("মুহাম্মদ ইসলাম ⟨U+202E⟩evil"), "{out}");
        assert!(!out.contains('\u{202E}'), "{out}");
    }
}

/// `tests/fixtures/export/NAME`.
fn export_fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/export")
        .join(name)
}

/// The Markdown export of `files`, cut into its per-briefing sections.
fn markdown_sections(files: &[&str]) -> Vec<String> {
    let out = briefing()
        .args(["export", "--format", "markdown"])
        .args(files.iter().map(|f| export_fixture(f)))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .split("\n---\n")
        .map(|s| s.trim_start().to_owned())
        .collect()
}

#[test]
fn each_markdown_section_shows_only_its_own_briefings_items() {
    let sections = markdown_sections(&["river-1.toml", "river-2.toml"]);
    assert_eq!(sections.len(), 2);
    let (early, late) = (&sections[0], &sections[1]);
    assert!(early.starts_with("# River: rationing begins"), "{early}");
    // river-2 adds `aid` to the summit both describe and gives the quote to `ortiz`: the
    // earlier section keeps its own participants, speaker, roles and sources.
    for leak in [
        "Food Aid Programme",
        "Lena Ortiz",
        "report p.",
        "[^",
        "hosts the summit",
    ] {
        assert!(
            !early.contains(leak),
            "`{leak}` leaked into river-1:\n{early}"
        );
    }
    let early_actors: Vec<&str> = early
        .lines()
        .skip_while(|l| *l != "## Actors")
        .take_while(|l| *l != "## Relations")
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Actor"))
        .collect();
    assert_eq!(
        early_actors,
        [
            "| Water Ministry | organization | runs the rationing | radio ¶1 |",
            "| Farmers' Cooperative | group | the farmers of the valley | radio ¶2 |",
        ]
    );
    assert!(early.contains(
        "| 2025-02 | ◌ scheduled | Water summit | Water Ministry; Farmers' Cooperative | radio ¶3 |"
    ));
    assert!(early.contains(
        "— **Farmers' Cooperative**, the farmers of the valley, 2025-01-08 · direct · radio ¶2"
    ));
    // The later section has its own versions, footnote and all.
    assert!(late.contains(
        "| Food Aid Programme | organization | funds fodder for the valley | report p. 1[^1] |"
    ));
    assert!(
        late.contains("| Farmers' Cooperative | group | receives the food aid | report p. 3 |")
    );
    assert!(late.contains(
        "— **Lena Ortiz**, spokesperson of the cooperative, 2025-01-08 · direct · report p. 3"
    ));
    assert!(late.contains("[^1]: report p. 1: “The programme funds fodder.”"));
}

#[test]
fn an_actor_a_briefing_only_names_is_not_cited_with_another_briefings_sources() {
    let sections = markdown_sections(&["river-1.toml", "river-2.toml", "aside.toml"]);
    let aside = sections
        .iter()
        .find(|s| s.starts_with("# Aside"))
        .expect("the aside section");
    // `aside` names `aid` in its event but only river-2 describes it.
    assert!(
        aside.contains(
            "## Actors\n\nAlso named here, described in another briefing: Food Aid Programme (`river-2`).\n"
        ),
        "{aside}"
    );
    assert!(!aside.contains("| Actor |"), "{aside}");
    for leak in ["report p.", "funds fodder", "[^"] {
        assert!(
            !aside.contains(leak),
            "`{leak}` leaked into aside:\n{aside}"
        );
    }
    assert!(
        aside.contains("| Food Aid Programme (visits) | note ¶1 |"),
        "{aside}"
    );
}

#[test]
fn markdown_keeps_each_briefings_summaries_short_names_affiliations_and_date_notes() {
    let sections = markdown_sections(&["lake-1.toml", "lake-2.toml"]);
    assert_eq!(sections.len(), 2);
    let (early, late) = (&sections[0], &sections[1]);
    // Everything the earlier briefing says, with Markdown's specials escaped.
    for line in [
        "| Lake Authority (short: LA \\*first\\*) | organization | plans the dam | daily ¶1 |",
        "Affiliations and summaries:\n\n- **Lake Authority** (affiliated with Lake Province): Runs the \\*lake\\* \\| since 1990\n",
        "Summaries:\n\n- **Dam hearing** (2025-04): A first hearing on the \\_dam\\_ plan\n",
        "— **Lake Authority**, plans the dam, 2025-03 † · reported · daily ¶4\n",
        "Date note: † The paper gives only the \\<month\\>\n",
    ] {
        assert!(
            early.contains(line),
            "`{line}` missing from lake-1:\n{early}"
        );
    }
    // The later briefing's own versions, and none of the earlier one's.
    for line in [
        "| Lake Authority | organization | defends the dam | minutes p. 1 |",
        "- **Lake Authority**: Later account of the authority\n",
        "- **Dam hearing** (2025-04-15): Later account of the hearing\n",
        "— **Lake Authority**, defends the dam, 2025-03-08 † · direct · minutes p. 3\n",
        "Date note: † Later date note\n",
    ] {
        assert!(late.contains(line), "`{line}` missing from lake-2:\n{late}");
    }
    for leak in [
        "short: LA",
        "affiliated with",
        "Runs the",
        "first hearing",
        "only the",
    ] {
        assert!(!late.contains(leak), "`{leak}` leaked into lake-2:\n{late}");
    }
    assert!(
        !early.contains("Later"),
        "lake-2 leaked into lake-1:\n{early}"
    );
}

#[test]
fn markdown_writes_the_first_spelling_of_every_vocabulary() {
    // lake-1 and lake-2 spell their kinds `org`, `state`, `related-to`, `news`, `post`,
    // `paraphrase`, `verbatim` and `happened`.
    let md = markdown_sections(&["lake-1.toml", "lake-2.toml"]).join("\n---\n");
    for spelling in [
        "| organization |",
        "| country |",
        "| Lake Province | other | Lake Authority |",
        "news-article, published",
        "social-media, published",
        "· reported ·",
        "· direct ·",
        "● occurred",
    ] {
        assert!(md.contains(spelling), "`{spelling}` missing:\n{md}");
    }
    for other in [
        "| org |",
        "related to",
        "news article",
        "social media",
        "direct quote",
    ] {
        assert!(!md.contains(other), "`{other}` written:\n{md}");
    }
}

/// A link at the output path, even one to nothing, is a file there: without `--force` it
/// is left as it is and nothing is made where it points.
#[cfg(unix)]
#[test]
fn export_refuses_a_link_to_nothing_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.md");
    let pointed = dir.path().join("elsewhere.md");
    std::os::unix::fs::symlink(&pointed, &target).unwrap();
    refused_without_force(&target);
    assert!(target.symlink_metadata().unwrap().file_type().is_symlink());
    assert!(!pointed.exists());
}

/// `export --format markdown --force -o target` on the bundled briefing.
fn export_forced(target: &Path) -> std::process::Output {
    briefing()
        .args(["export", "--format", "markdown", "--force", "-o"])
        .arg(target)
        .output()
        .unwrap()
}

/// The names in `dir`, sorted.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// With `--force`, a symlink to a file has that file replaced, atomically in its own
/// folder, and stays a link; without it, the link is refused as any file is.
#[cfg(unix)]
#[test]
fn export_with_force_replaces_the_file_a_link_names_and_keeps_the_link() {
    let (links, files) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (link, file) = (links.path().join("out.md"), files.path().join("report.md"));
    std::fs::write(&file, "old").unwrap();
    std::os::unix::fs::symlink(&file, &link).unwrap();
    refused_without_force(&link);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "old");

    let out = export_forced(&link);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(std::fs::read_link(&link).unwrap(), file);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("# Haiti")
    );
    assert_eq!(names_in(links.path()), ["out.md"], "no temporary file left");
    assert_eq!(
        names_in(files.path()),
        ["report.md"],
        "no temporary file left"
    );
}

/// A device is written into, never replaced: a rename over `/dev/null` once left it a
/// regular file for every program. As root the test writes to a stand-in made with `mknod`
/// (a mistake here must not break the machine); otherwise to `/dev/null` itself, which only
/// root could replace.
#[cfg(unix)]
#[test]
fn export_with_force_writes_into_a_device_and_leaves_it_one() {
    use std::os::unix::fs::{FileTypeExt as _, MetadataExt as _};
    let dir = tempfile::tempdir().unwrap();
    let stand_in = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&stand_in)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let root = std::fs::metadata(dir.path()).unwrap().uid() == 0;
    let device = match (made, root) {
        (true, _) => stand_in.as_path(),
        (false, false) if Path::new("/dev/null").exists() => Path::new("/dev/null"),
        _ => {
            eprintln!("skipped: root without mknod, or no /dev/null");
            return;
        }
    };
    let out = export_forced(device);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let kind = device.symlink_metadata().unwrap().file_type();
    assert!(
        kind.is_char_device(),
        "{} is now {kind:?}",
        device.display()
    );
    if made {
        assert_eq!(names_in(dir.path()), ["null"], "no temporary file left");
    }
}

/// A FIFO is written into, as a shell's `>` would: its reader gets the export, and it is
/// still a FIFO. Without `--force` it is refused, as any file there is.
#[cfg(unix)]
#[test]
fn export_with_force_writes_into_a_fifo() {
    use std::io::Read as _;
    use std::os::unix::fs::{FileTypeExt as _, OpenOptionsExt as _};
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    refused_without_force(&fifo);
    // Opened first, without waiting for a writer, so that a FIFO that is replaced rather
    // than written into ends the test instead of hanging it.
    let mut reader = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(&fifo)
        .unwrap();
    let mut child = briefing()
        .args(["export", "--format", "markdown", "--force", "-o"])
        .arg(&fifo)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let (mut got, mut buf) = (Vec::new(), [0_u8; 8192]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    let mut exited = false;
    loop {
        match reader.read(&mut buf) {
            Ok(0) if exited => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {}
            Err(e) => panic!("{e}"),
        }
        if !exited {
            exited = child.try_wait().unwrap().is_some();
            assert!(std::time::Instant::now() < deadline, "export did not end");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(
        String::from_utf8_lossy(&got).starts_with("# Haiti"),
        "{} bytes came through the FIFO",
        got.len()
    );
    assert!(fifo.symlink_metadata().unwrap().file_type().is_fifo());
    assert_eq!(names_in(dir.path()), ["pipe.md"], "no temporary file left");
}

/// A link to `/proc/self/fd/1`, as `/dev/stdout` is: the export goes to the command's
/// stdout, and the link stays.
#[cfg(target_os = "linux")]
#[test]
fn export_with_force_to_a_link_to_stdout_writes_to_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let out = export_forced(&link);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("# Haiti"));
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(names_in(dir.path()), ["stdout"], "no temporary file left");
}

/// `-o /dev/stdout --force` with stdout appended to a file (`>> log.md`) appends: the
/// file is the shell's, neither replaced nor written from its start.
#[cfg(target_os = "linux")]
#[test]
fn export_to_dev_stdout_appended_to_a_file_appends() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log.md");
    std::fs::write(&log, "earlier\n").unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("\"$0\" export --format markdown -o /dev/stdout --force >> \"$1\"")
        .arg(env!("CARGO_BIN_EXE_briefing"))
        .arg(&log)
        .env("XDG_CONFIG_HOME", dir.path().join("c"))
        .env("XDG_STATE_HOME", dir.path().join("s"))
        .env("XDG_CACHE_HOME", dir.path().join("k"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(
        text.starts_with("earlier\n# Haiti"),
        "{}",
        &text[..40.min(text.len())]
    );
    assert_eq!(names_in(dir.path()), ["log.md"], "no temporary file left");
}

/// A folder is never replaced, `--force` or not.
#[test]
fn export_with_force_refuses_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = export_forced(dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains(": it is a folder"), "{stderr}");
    assert!(dir.path().is_dir());
    assert!(names_in(dir.path()).is_empty(), "no temporary file left");
}
