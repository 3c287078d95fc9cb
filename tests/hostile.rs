//! Hostile input: escape sequences, bidi controls, odd bytes and odd files. Nothing crashes,
//! nothing reaches the terminal unescaped, and the other files still load.

mod common;
mod hostile_offence;

use std::path::{Path, PathBuf};
use std::process::Command;

use briefing::model::{LoadOptions, load_paths};
use briefing::tui::action::{Action, Focus, Pane};
use briefing::tui::app::App;
use briefing::tui::theme::Theme;
use common::Pty;
use hostile_offence::{is_forbidden, offence};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn briefing() -> Command {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
}

#[test]
fn the_offence_checker_catches_what_it_should() {
    assert!(offence(b"\x1b[1;31mok\x1b[0m").is_none());
    assert!(offence(b"\x1b]0;title\x07").is_some());
    assert!(offence("\u{9b}31m".as_bytes()).is_some());
    assert!(offence("a\u{202e}b".as_bytes()).is_some());
}

#[test]
fn browsing_hostile_files_writes_only_our_own_escapes_and_keeps_the_title() {
    let dir = fixture("hostile");
    let mut pty = Pty::spawn(&[dir.to_str().unwrap()], 100, 30);
    pty.wait_for("all 2 briefings");
    // The payload is on screen, visibly.
    pty.send("2");
    pty.wait_for("^[]0;pwned-title^G");
    for keys in [
        "l",
        "jjjjjjjjjjjjjjjjjjjj",
        "h",
        "j",
        "jj",
        "3",
        "l",
        "jjjjjjjj",
        "4",
        "l",
        "jjjjjj",
        "1",
        "j",
        "jjjj",
    ] {
        // Help opening after the keys shows that they have been handled and drawn.
        pty.send(keys);
        pty.send("?");
        pty.wait_for("Help · Esc closes");
        pty.send("\x1b");
        pty.wait_until(|s| !s.contains("Help · Esc closes"), "help to close");
    }
    // The first briefing's detail shows its title's escapes as visible text.
    pty.send("1gl");
    pty.wait_until(
        |s| s.contains("^[]0;pwned-title^G"),
        "the title's OSC and BEL in caret notation",
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let raw = pty.raw.lock().unwrap().clone();
    assert_eq!(offence(&raw), None);
    assert!(
        pty.parser.lock().unwrap().callbacks().0.is_empty(),
        "the window title was changed"
    );
    pty.assert_restored();
}

#[test]
fn hostile_text_is_shown_visibly_in_every_pane() {
    let (lib, report) =
        load_paths(&[fixture("hostile/injection.toml")], LoadOptions::default()).unwrap();
    assert_eq!(report.error_count(), 0);
    let mut app = App::new(lib, report, Theme::new(false));
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(160, 50)).unwrap();
    let mut seen = String::new();
    for pane in Pane::ALL {
        app.update(Action::FocusPane(pane));
        app.update(Action::FocusDetail);
        // One briefing has no changes to list; every other pane opens a detail.
        assert_eq!(
            app.focus() == Focus::Detail,
            pane != Pane::Changes,
            "{pane:?}"
        );
        briefing::tui::view::render(&mut terminal, &mut app).unwrap();
        let buf = terminal.backend().buffer();
        for cell in &buf.content {
            seen.push_str(cell.symbol());
        }
        assert!(
            !seen.chars().any(|c| c.is_control() || is_forbidden(c)),
            "{pane:?}"
        );
    }
    assert!(seen.contains("^[]0;pwned-title^G"));
    assert!(seen.contains("⟨U+202E⟩"));
    assert!(seen.contains("⟨U+009B⟩"));
}

#[test]
fn check_quotes_hostile_source_lines_and_file_names_safely() {
    let dir = tempfile::tempdir().unwrap();
    // A raw ESC is not allowed in TOML, so this is a syntax error quoting the line.
    std::fs::write(
        dir.path().join("raw.toml"),
        "[briefing]\ntitle = \"x\u{1b}]0;pwned\u{7}\u{202e}y\"\n",
    )
    .unwrap();
    let evil_name = dir.path().join("evil\u{1b}]0;name\u{7}.toml");
    std::fs::write(&evil_name, "not toml at all =").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt as _;
        let name = std::ffi::OsStr::from_bytes(b"latin1-\xe9t\xe9.toml");
        std::fs::write(dir.path().join(name), "= broken").unwrap();
    }
    let out = briefing().arg("check").arg(dir.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        offence(&out.stderr),
        None,
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("evil^[]0;name^G.toml"), "{stderr}");
    assert!(stderr.contains("latin1-�t�.toml"), "{stderr}");
    assert!(stderr.contains("x^[]0;pwned^G⟨U+202E⟩y"), "{stderr}");
    let json = briefing()
        .args(["check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(offence(&json.stdout), None);
}

#[cfg(unix)]
#[test]
fn odd_files_are_reported_by_path_and_the_rest_load() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(fixture("valid/minimal.toml"), d.join("good.toml")).unwrap();
    assert!(
        Command::new("mkfifo")
            .arg(d.join("fifo.toml"))
            .status()
            .unwrap()
            .success()
    );
    symlink(d.join("nowhere.toml"), d.join("dangling.toml")).unwrap();
    symlink(d.join("loop-b.toml"), d.join("loop-a.toml")).unwrap();
    symlink(d.join("loop-a.toml"), d.join("loop-b.toml")).unwrap();
    std::fs::create_dir(d.join("folder.toml")).unwrap();
    let (lib, report) = load_paths(&[d.to_path_buf()], LoadOptions::default()).unwrap();
    assert_eq!(lib.briefings.len(), 1, "the good file loads");
    let problems: Vec<(String, String)> = report
        .diagnostics
        .iter()
        .map(|x| {
            (
                report.files[x.file.unwrap()]
                    .display
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
                x.message.clone(),
            )
        })
        .collect();
    let expect = |name: &str, msg: &str| {
        assert!(
            problems.iter().any(|(n, m)| n == name && m.contains(msg)),
            "{name}: {msg} in {problems:#?}"
        );
    };
    expect("fifo.toml", "not a regular file");
    expect("dangling.toml", "no such file (or a symlink to nothing)");
    expect("loop-a.toml", "too many levels of symbolic links");
    expect("folder.toml", "it is a directory");
    assert_eq!(problems.len(), 5, "{problems:#?}");
}

#[test]
fn a_permission_denied_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked.toml");
    std::fs::copy(fixture("valid/minimal.toml"), &locked).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    }
    if std::fs::read(&locked).is_ok() {
        // Running as root: permissions do not apply, so there is nothing to observe.
        eprintln!("skipped: this user can read a mode-000 file");
        return;
    }
    let (_, report) = load_paths(&[dir.path().to_path_buf()], LoadOptions::default()).unwrap();
    assert_eq!(
        report.diagnostics[0].message,
        "cannot read this file: permission denied"
    );
}

#[test]
fn a_file_deleted_between_listing_and_reading_is_reported() {
    // The reader sees a path that no longer exists, as after a race with a deletion.
    let gone = fixture("invalid/this-file-was-deleted.toml");
    let inputs = vec![
        (
            gone.clone(),
            Err("no such file (or a symlink to nothing)".to_owned()),
        ),
        (
            fixture("valid/minimal.toml"),
            Ok(std::fs::read(fixture("valid/minimal.toml")).unwrap()),
        ),
    ];
    let (lib, report) = briefing::model::load_sources(inputs, LoadOptions::default());
    assert_eq!(lib.briefings.len(), 1);
    assert_eq!(
        report.diagnostics[0].message,
        "cannot read this file: no such file (or a symlink to nothing)"
    );
    assert_eq!(report.files[0].path, gone);
}

/// Every row of every pane keeps its borders at odd widths, whatever the text.
#[test]
fn layout_breaking_text_never_breaks_a_border() {
    let (lib, report) = load_paths(&[fixture("hostile")], LoadOptions::default()).unwrap();
    let mut app = App::new(lib, report, Theme::new(false));
    for (w, h) in [(91, 23), (97, 31), (120, 40), (133, 17), (57, 19), (44, 12)] {
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
        for pane in Pane::ALL {
            for focus in [Action::FocusList, Action::FocusDetail] {
                app.update(Action::FocusPane(pane));
                app.update(Action::Bottom);
                app.update(focus);
                briefing::tui::view::render(&mut terminal, &mut app).unwrap();
                let buf = terminal.backend().buffer();
                for y in 3..h - 2 {
                    let first = buf[(0, y)].symbol();
                    let last = buf[(w - 1, y)].symbol();
                    assert!(
                        ["│", "┃"].contains(&first),
                        "{w}x{h} {pane:?} row {y}: left edge {first:?}"
                    );
                    assert!(
                        ["│", "▲", "▼", "█", "║", "┃"].contains(&last),
                        "{w}x{h} {pane:?} row {y}: right edge {last:?}"
                    );
                    if w >= 90 {
                        let list = app.geometry().list.unwrap().area;
                        let split = list.x + list.width;
                        let s = buf[(split, y)].symbol();
                        assert!(
                            ["│", "▲", "▼", "█", "║"].contains(&s),
                            "{w}x{h} {pane:?} row {y}: split {s:?}"
                        );
                    }
                }
            }
        }
    }
}

/// Nothing the program does writes to the briefing folder.
#[test]
fn check_export_and_browse_leave_the_folder_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().join("briefings");
    std::fs::create_dir(&d).unwrap();
    std::fs::copy(fixture("valid/minimal.toml"), d.join("a.toml")).unwrap();
    std::fs::copy(fixture("valid/second.toml"), d.join("b.toml")).unwrap();
    let snapshot = |d: &Path| -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let meta = std::fs::metadata(&p).unwrap();
                (
                    p.clone(),
                    std::fs::read(&p).unwrap(),
                    meta.modified().unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let before = snapshot(&d);
    let dir_mtime = std::fs::metadata(&d).unwrap().modified().unwrap();
    for mode in [0o755, 0o555] {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(mode)).unwrap();
        }
        assert!(
            briefing()
                .arg("check")
                .arg(&d)
                .output()
                .unwrap()
                .status
                .success()
        );
        assert!(
            briefing()
                .args(["export", "--format", "json"])
                .arg(&d)
                .output()
                .unwrap()
                .status
                .success()
        );
        assert!(
            briefing()
                .args(["export", "--format", "markdown"])
                .arg(&d)
                .output()
                .unwrap()
                .status
                .success()
        );
        let mut pty = Pty::spawn(&[d.to_str().unwrap()], 100, 30);
        pty.wait_for("all 2 briefings");
        pty.send("2jl3j4");
        pty.wait_for("[4 Quo");
        pty.send("q");
        assert_eq!(pty.wait_exit(), 0);
        assert_eq!(snapshot(&d), before, "mode {mode:o}");
        assert_eq!(
            std::fs::metadata(&d).unwrap().modified().unwrap(),
            dir_mtime
        );
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
