//! Hostile input, round 2 (issue #10): each case found by an independent attack run, as a
//! test. Work is counted, never timed.

// Making FIFOs and paths past PATH_MAX needs libc calls that std does not offer.
#![allow(unsafe_code)]

mod common;
mod hostile_offence;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use briefing::model::{Bounds, LoadOptions, Text, load_paths};
use briefing::synth::cases::{stray_keys, unknown_cites};
use common::hostile::{HEAD, actor, load_text};
use hostile_offence::offence;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn briefing(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .args(paths)
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

fn assert_clean(out: &Output, what: &str) {
    assert_eq!(
        offence(&out.stdout),
        None,
        "{what} stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        offence(&out.stderr),
        None,
        "{what} stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Case 1: an id carrying an escape sequence, C1 controls or a bidi override never reaches
/// `search`'s output, as text or JSON; such an id is an error with its position.
#[test]
fn case1_hostile_ids_never_reach_search_output() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = HEAD.to_owned();
    text += &actor("evil\\u001b]0;pwned\\u0007", "");
    text += &actor("c1\\u009b31m\\u009d", "");
    text += &actor("rlo\\u202eevil", "");
    text += &actor("plain-evil", "");
    std::fs::write(dir.path().join("ids.toml"), &text).unwrap();
    for args in [&["search", "evil"][..], &["search", "--json", "evil"]] {
        let out = briefing(args, &[dir.path()]);
        assert_clean(&out, &format!("{args:?}"));
    }
    let (_, report) = load_text(&text);
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains(
            "actor id `evil^[]0;pwned^G` contains a control or invisible character (U+001B)"
        )),
        "{messages:#?}"
    );
    assert!(messages.iter().any(|m| m.contains("(U+202E)")));
    assert_eq!(report.error_count(), 3, "{messages:#?}");
}

/// Case 1 with ids that load: `search` prints each id display-safe.
#[test]
fn case1_search_prints_unusual_ids_safely() {
    let dir = tempfile::tempdir().unwrap();
    let text = HEAD.to_owned() + &actor("Ünusual Id", "");
    std::fs::write(dir.path().join("a.toml"), &text).unwrap();
    let out = briefing(&["search", "evil"], &[dir.path()]);
    assert_clean(&out, "search");
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "actor\tÜnusual Id\tEvil Ünusual Id\n"
    );
}

/// Case 2: a symlink that leaves the folder given on the command line is not followed, so a
/// secret it points to is never quoted.
#[cfg(unix)]
#[test]
fn case2_symlinks_out_of_the_folder_are_not_followed() {
    let outside = tempfile::tempdir().unwrap();
    let secret = outside.path().join("credentials");
    std::fs::write(&secret, "[default]\ntoken = hunter2-secret\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(&secret, dir.path().join("x.toml")).unwrap();
    std::os::unix::fs::symlink("/proc/self/environ", dir.path().join("env.toml")).unwrap();
    // A link inside the folder is followed.
    std::fs::create_dir(dir.path().join("real")).unwrap();
    std::fs::copy(
        fixture("valid/minimal.toml"),
        dir.path().join("real/m.toml"),
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.path().join("real/m.toml"), dir.path().join("link.toml"))
        .unwrap();
    for args in [&["check"][..], &["check", "--format", "json"]] {
        let out = briefing(args, &[dir.path()]);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("hunter2"), "{all}");
        assert!(!all.contains("PATH="), "{all}");
        assert!(all.contains("it is a symlink to a file outside"), "{all}");
        assert_clean(&out, "check");
    }
    let (lib, report) = load_paths(&[dir.path().to_path_buf()], LoadOptions::default()).unwrap();
    // The linked briefing loads once through the link and clashes with itself once.
    assert!(
        lib.briefings.iter().any(|b| b.path.ends_with("link.toml")),
        "{report:#?}"
    );
}

/// Case 2: a file that is not UTF-8 text is never quoted, only located.
#[test]
fn case2_a_file_that_is_not_utf8_is_not_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let mut bytes = b"token = \"hunter2-secret\" ".to_vec();
    bytes.push(0xff);
    std::fs::write(dir.path().join("bin.toml"), &bytes).unwrap();
    let out = briefing(&["check"], &[dir.path()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(stderr.contains("bin.toml:1:26"), "{stderr}");
    assert!(
        stderr.contains("not valid UTF-8 (bad byte 0xFF)"),
        "{stderr}"
    );
}

/// Case 3: unknown keys cost one extra parse per file, however many there are.
#[test]
fn case3_unknown_keys_cost_a_constant_number_of_parses() {
    let (_, small) = load_text(&stray_keys(250));
    let (_, big) = load_text(&stray_keys(1_000));
    assert_eq!(small.warning_count(), 250);
    assert_eq!(big.warning_count(), 1_000);
    assert_eq!(small.work.parses, 2);
    assert_eq!(big.work.parses, 2);
    // Every warning still has its position.
    assert!(big.diagnostics.iter().all(|d| d.span.is_some()));
}

/// Case 3: suggestions for unknown sources grow at most linearly.
#[test]
fn case3_unknown_source_suggestions_scale_linearly() {
    // Within the thousand errors a file keeps.
    let (_, small) = load_text(&unknown_cites(250));
    let (_, big) = load_text(&unknown_cites(1_000));
    assert_eq!(small.error_count(), 250);
    assert_eq!(big.error_count(), 1_000);
    let (w1, w4) = (small.work.suggestion_cells, big.work.suggestion_cells);
    assert!(w1 > 0);
    assert!(w4 <= 4 * w1 + w1 / 2, "n: {w1} cells, 4n: {w4} cells");
}

/// Case 4: a path that becomes a FIFO while loading never blocks the load.
#[cfg(unix)]
#[test]
fn case4_a_fifo_swapped_in_during_loading_does_not_hang() {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, mpsc};
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_path_buf();
    let good = std::fs::read(fixture("valid/minimal.toml")).unwrap();
    let target = d.join("race.toml");
    std::fs::write(&target, &good).unwrap();
    let stop = Arc::new(AtomicBool::new(false));
    let swapper = {
        let (d, stop) = (d.clone(), stop.clone());
        std::thread::spawn(move || {
            let mut i = 0u64;
            while !stop.load(Ordering::Relaxed) {
                let tmp = d.join(format!(".swap-{i}"));
                if i.is_multiple_of(2) {
                    let c = std::ffi::CString::new(tmp.to_str().unwrap()).unwrap();
                    // SAFETY: a valid, NUL-terminated path.
                    unsafe { libc::mkfifo(c.as_ptr(), 0o644) };
                } else {
                    std::fs::write(&tmp, &good).unwrap();
                }
                let _ = std::fs::rename(&tmp, d.join("race.toml"));
                i += 1;
            }
        })
    };
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..300 {
            let (_, report) = load_paths(std::slice::from_ref(&d), LoadOptions::default()).unwrap();
            assert!(report.files.len() <= 1);
        }
        let _ = tx.send(());
    });
    let finished = rx.recv_timeout(std::time::Duration::from_secs(120));
    stop.store(true, Ordering::Relaxed);
    swapper.join().unwrap();
    assert!(finished.is_ok(), "a load blocked on a FIFO");
}

/// Builds `levels` nested folders named `name` under `root`, one at a time relative to the
/// last (so the paths may pass `PATH_MAX`), writing `file(level)` as `f.toml` in each level
/// that gets one. Returns nothing; the tree is removed with `remove_tree`.
#[cfg(unix)]
fn deep_tree(root: &Path, name: &str, levels: usize, file: &dyn Fn(usize) -> Option<String>) {
    use std::ffi::CString;
    let c = |s: &str| CString::new(s).unwrap();
    // SAFETY: plain POSIX calls on valid, NUL-terminated paths and descriptors we own.
    unsafe {
        let mut fd = libc::open(c(root.to_str().unwrap()).as_ptr(), libc::O_DIRECTORY);
        assert!(fd >= 0);
        for level in 1..=levels {
            assert_eq!(
                libc::mkdirat(fd, c(name).as_ptr(), 0o755),
                0,
                "level {level}"
            );
            let next = libc::openat(fd, c(name).as_ptr(), libc::O_DIRECTORY);
            assert!(next >= 0, "level {level}");
            libc::close(fd);
            fd = next;
            if let Some(text) = file(level) {
                let f = libc::openat(
                    fd,
                    c("f.toml").as_ptr(),
                    libc::O_CREAT | libc::O_WRONLY,
                    0o644,
                );
                assert!(f >= 0);
                let n = libc::write(f, text.as_ptr().cast(), text.len());
                assert_eq!(n, text.len().cast_signed());
                libc::close(f);
            }
        }
        libc::close(fd);
    }
}

/// Removes a tree too deep for path-based removal, one level at a time.
#[cfg(unix)]
fn remove_tree(root: &Path, name: &str) {
    let ok = Command::new("rm")
        .arg("-rf")
        .arg(name)
        .current_dir(root)
        .status()
        .unwrap()
        .success();
    assert!(ok);
}

/// Case 5: files past the system's path length limit are reported, never skipped silently.
#[cfg(unix)]
#[test]
fn case5_files_past_path_max_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    let name = "n".repeat(200);
    // 30 levels of 200-byte names: the path passes 4096 bytes around level 20.
    deep_tree(dir.path(), &name, 30, &|level| {
        Some(minimal.replace("\"mini\"", &format!("\"mini{level}\"")))
    });
    let opts = LoadOptions {
        walk: Bounds {
            max_depth: 1_000,
            ..Bounds::default()
        },
        ..LoadOptions::default()
    };
    let (_, report) = load_paths(&[dir.path().to_path_buf()], opts).unwrap();
    // The level of a path: how many of the long folders it is under.
    let level = |p: &Path| {
        p.components()
            .filter(|c| c.as_os_str() == name.as_str())
            .count()
    };
    let seen: Vec<usize> = report
        .files
        .iter()
        .filter(|f| f.path.ends_with("f.toml"))
        .map(|f| level(&f.path))
        .collect();
    let unreachable: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("PATH_MAX"))
        .map(|d| level(&report.files[d.file.unwrap()].path))
        .collect();
    assert!(!unreachable.is_empty(), "{:#?}", report.diagnostics);
    // Every level's file was either looked at or lies under a folder reported unreachable.
    for l in 1..=30 {
        assert!(
            seen.contains(&l) || unreachable.iter().any(|&u| u <= l),
            "level {l} went missing silently: seen {seen:?}, unreachable {unreachable:?}"
        );
    }
    assert!(seen.len() >= 15, "{seen:?}");
    remove_tree(dir.path(), &name);
}

/// Case 5: folders nested 3,000 deep end in one report at the depth bound.
#[cfg(unix)]
#[test]
fn case5_deep_nesting_is_reported_at_the_depth_bound() {
    let dir = tempfile::tempdir().unwrap();
    let minimal = std::fs::read_to_string(fixture("valid/minimal.toml")).unwrap();
    deep_tree(dir.path(), "d", 3_000, &|level| {
        (level == 3_000).then(|| minimal.clone())
    });
    let (lib, report) = load_paths(&[dir.path().to_path_buf()], LoadOptions::default()).unwrap();
    assert_eq!(lib.briefings.len(), 0);
    assert_eq!(report.diagnostics.len(), 1, "{:#?}", report.diagnostics);
    assert!(
        report.diagnostics[0]
            .message
            .contains("more than 32 levels below"),
        "{}",
        report.diagnostics[0].message
    );
    remove_tree(dir.path(), "d");
}

/// Case 6: a file argument that is a symlink to `/` is walked with the folder rules and
/// stops at the bound, saying so.
#[cfg(unix)]
#[test]
fn case6_a_symlink_to_the_root_is_walked_within_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("everything.toml");
    std::os::unix::fs::symlink("/", &link).unwrap();
    let opts = LoadOptions {
        walk: Bounds {
            max_depth: 3,
            max_entries: 2_000,
        },
        ..LoadOptions::default()
    };
    let (_, report) = load_paths(&[link], opts).unwrap();
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("stopped after 2000 entries")
                || d.message.contains("more than 3 levels below")),
        "{:#?}",
        report.diagnostics
    );
    assert!(report.files.len() <= 2_000);
}

/// Case 8: characters whose width terminals disagree on are shown visibly.
#[test]
fn case8_width_ambiguous_characters_are_display_unsafe() {
    for c in [
        '\u{0600}',
        '\u{0605}',
        '\u{06DD}',
        '\u{070F}',
        '\u{08E2}',
        '\u{110BD}',
        '\u{1F3FB}',
        '\u{1F3FF}',
        '\u{E0100}',
        '\u{E01EF}',
        '\u{0890}',
        '\u{110CD}',
        '\u{034F}',
        '\u{115F}',
        '\u{3164}',
        '\u{1D173}',
        '\u{E000}',
        // Measured otherwise by `unicode-width` and glibc's `wcwidth`.
        '\u{2630}',
        '\u{268F}',
        '\u{3248}',
        '\u{1171E}',
        '\u{1D300}',
        '\u{1D376}',
    ] {
        let t = Text::new(format!("a{c}b"));
        assert_eq!(
            t.safe(),
            format!("a⟨U+{:04X}⟩b", u32::from(c)),
            "U+{:04X}",
            u32::from(c)
        );
        assert_eq!(t.raw(), format!("a{c}b"));
    }
    // Thai SARA AM is drawn as its decomposition, which every terminal measures alike.
    assert_eq!(Text::new("ทำ").safe(), "ท\u{0E4D}\u{0E32}");
}

/// Case 9: a quoted key with a dot is one key, reported as written, with its position.
#[test]
fn case9_a_quoted_dotted_key_is_reported_as_written() {
    let text = HEAD.replace("summary = \"S\"\n", "summary = \"S\"\n\"a.b\" = 1\n");
    let (_, report) = load_text(&text);
    assert_eq!(report.diagnostics.len(), 1, "{report:#?}");
    let d = &report.diagnostics[0];
    assert_eq!(d.message, "unknown key `\"a.b\"`");
    assert_eq!(
        report.files[0].line_col(d.span.clone().unwrap().start),
        Some((6, 1))
    );
}

/// Case 11: JSON export escapes DEL, C1 and bidi characters, and a reader gets the exact
/// text back.
#[test]
fn case11_json_export_escapes_unsafe_characters_losslessly() {
    let path = fixture("hostile/injection.toml");
    let out = briefing(&["export", "--format", "json"], &[&path]);
    assert_eq!(out.status.code(), Some(0));
    assert_clean(&out, "export");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("\\u009B"), "C1 escaped");
    assert!(stdout.contains("\\u202E"), "bidi escaped");
    let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let (lib, _) = load_paths(&[path], LoadOptions::default()).unwrap();
    assert_eq!(v["actors"][0]["name"], lib.actors[0].name.raw());
    let out = briefing(
        &["search", "--json", "evil"],
        &[&fixture("hostile/injection.toml")],
    );
    assert_clean(&out, "search --json");
    let out = briefing(&["check", "--format", "json"], &[&fixture("hostile")]);
    assert_clean(&out, "check --format json");
}
