//! Hostile input, round 3: what reaches the terminal from the reading state, the config,
//! `diff`, the clipboard and command-line dates, and files in their place that are not
//! regular files (a FIFO, a link to `/dev/zero`). Each case states what it expects.

// Making a FIFO needs a libc call that std does not offer.
#![allow(unsafe_code)]

mod common;
mod hostile_offence;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use briefing::model::{LoadOptions, load_paths};
use briefing::tui::action::{Action, Effect};
use briefing::tui::app::App;
use briefing::tui::theme::Theme;
use common::Pty;
use common::drive::act;
use hostile_offence::offence;

/// An OSC title change, a screen clear, a C1 CSI and a bidi override: what an attacker
/// would hide in a value.
const PAYLOAD: &str = "\u{1b}]0;pwned\u{7}\u{1b}[2J\u{9b}31m\u{202e}";

/// The same payload as JSON escapes, for writing it into a JSON file.
const PAYLOAD_JSON: &str = r"\u001b]0;pwned\u0007\u001b[2J\u009b31m\u202e";

/// A home folder with its config, state and cache folders inside it.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// The folder `state.json` lives in, created.
    fn state_dir(&self) -> PathBuf {
        let d = self.path().join(".local/state/briefing");
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn env(&self) -> Vec<(String, String)> {
        common::home_env(self.path())
    }

    /// The binary with this home, as a script would run it.
    fn briefing(&self, args: &[&str]) -> Command {
        let mut cmd = common::cli::briefing();
        cmd.args(args).env_remove("BRIEFING_CONFIG");
        for (k, v) in self.env() {
            cmd.env(k, v);
        }
        cmd
    }
}

fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid, NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// Runs a command with no stdin, failing (and killing it) if it takes longer than 20 s:
/// a FIFO or `/dev/zero` must never hang it.
fn run_within(mut cmd: Command, what: &str) -> Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("{what} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn assert_clean(out: &Output, what: &str) {
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        assert_eq!(
            offence(bytes),
            None,
            "{what} {stream}: {}",
            String::from_utf8_lossy(bytes)
        );
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn briefing_with(dir: &Path, name: &str, id: &str, as_of: &str, actor_name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            r#"[briefing]
id = "{id}"
title = "T"
as_of = "{as_of}"
series = "s"
summary = "S"

[[sources]]
id = "a"
title = "A"
kind = "other"
url = "javascript:alert(5)"

[[actors]]
id = "x"
name = "{actor_name} \u009b31m\u202eevil\u007f\u200b"
kind = "person"
role = "r \u009d0;t\u009c \u2066"
cite = [{{ source = "a", locator = "\u202e1\u009b\r\n2" }}]
"#
        ),
    )
    .unwrap();
    path
}

/// `diff --json` escapes DEL, C1, bidi and invisible characters as `\uXXXX`, as every other
/// JSON output does, and a JSON reader still gets the exact text back. The text and
/// Markdown diffs of the same files are clean too.
#[test]
fn diff_output_is_safe_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let old = briefing_with(dir.path(), "old.toml", "b1", "2025-01-01", "Old");
    let new = briefing_with(dir.path(), "new.toml", "b2", "2025-02-01", "New");
    let home = Home::new();
    let diff = |args: &[&str]| {
        let mut cmd = home.briefing(&["diff"]);
        cmd.args(args).arg(&old).arg(&new);
        run_within(cmd, "diff")
    };
    let json = diff(&["--json"]);
    assert_eq!(json.status.code(), Some(1), "{}", stderr(&json));
    assert_clean(&json, "diff --json");
    let out = String::from_utf8(json.stdout.clone()).unwrap();
    assert!(
        out.contains(r"Old \u009B31m\u202Eevil\u007F\u200B"),
        "{out}"
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let change = &v["changes"][0];
    assert_eq!(change["label"], "New \u{9b}31m\u{202e}evil\u{7f}\u{200b}");
    assert_eq!(
        change["fields"][0]["old"],
        "Old \u{9b}31m\u{202e}evil\u{7f}\u{200b}"
    );
    for args in [&["--format", "text"][..], &["--format", "markdown"]] {
        assert_clean(&diff(args), &format!("diff {args:?}"));
    }
}

/// A state file whose serde error quotes an escape sequence (a bad version hash, an
/// unknown bookmark kind) is reported with the sequence shown, not sent.
#[test]
fn state_file_errors_are_printed_safely() {
    for state in [
        format!(r#"{{"format":1,"read":{{"x":["{PAYLOAD_JSON}"]}},"libraries":{{}}}}"#),
        format!(
            r#"{{"format":1,"read":{{}},"libraries":{{"k":{{"bookmarks":[{{"id":"a","kind":"{PAYLOAD_JSON}","label":"l","added":1}}]}}}}}}"#
        ),
    ] {
        let home = Home::new();
        std::fs::write(home.state_dir().join("state.json"), &state).unwrap();
        let out = run_within(
            home.briefing(&["export", "--bookmarks", "--format", "json", "--bundled"]),
            "export --bookmarks",
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert_clean(&out, "export --bookmarks");
        let err = stderr(&out);
        assert!(
            err.starts_with("error: the reading state file is damaged (")
                && err.contains("^[]0;pwned^G^[[2J⟨U+009B⟩31m⟨U+202E⟩"),
            "{err}"
        );
    }
}

/// The browser says the same before it takes the screen, on its status line, and after
/// it quits; none of it sends the payload, and the window title never changes.
#[test]
fn the_browser_shows_a_damaged_state_file_safely() {
    let home = Home::new();
    let state = home.state_dir().join("state.json");
    std::fs::write(
        &state,
        format!(r#"{{"format":1,"read":{{"x":["{PAYLOAD_JSON}"]}},"libraries":{{}}}}"#),
    )
    .unwrap();
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut pty = Pty::spawn_with(&[], 120, 30, &env);
    pty.wait_for("is damaged");
    // Damage it again, so that saving on the way out fails and says so too.
    std::fs::write(
        &state,
        format!(r#"{{"format":1,"read":{{"y":["{PAYLOAD_JSON}"]}},"libraries":{{}}}}"#),
    )
    .unwrap();
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let raw = pty.raw.lock().unwrap().clone();
    assert_eq!(offence(&raw), None, "{}", String::from_utf8_lossy(&raw));
    assert!(pty.parser.lock().unwrap().callbacks().0.is_empty());
    let shown = String::from_utf8_lossy(&raw);
    assert!(shown.contains("⟨U+202E⟩"), "the payload is shown: {shown}");
}

/// A FIFO or a link to `/dev/zero` in place of the state file neither hangs nor fills
/// memory: it is refused as "not a regular file", in no time.
#[test]
fn a_state_file_that_is_a_fifo_or_dev_zero_is_refused() {
    for kind in ["fifo", "zero"] {
        let home = Home::new();
        let state = home.state_dir().join("state.json");
        if kind == "fifo" {
            mkfifo(&state);
        } else {
            std::os::unix::fs::symlink("/dev/zero", &state).unwrap();
        }
        let out = run_within(
            home.briefing(&["export", "--bookmarks", "--format", "json", "--bundled"]),
            &format!("export --bookmarks with a {kind} state file"),
        );
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("cannot be read (it is not a regular file"),
            "{kind}: {}",
            stderr(&out)
        );
    }
}

/// The browser draws its first frame with a FIFO for a state file and another for its
/// lock file, and quits normally.
#[test]
fn the_browser_starts_with_fifos_for_its_state_files() {
    let home = Home::new();
    let dir = home.state_dir();
    mkfifo(&dir.join("state.json"));
    mkfifo(&dir.join("state.lock"));
    let env = home.env();
    let env: Vec<(&str, &str)> = env.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let mut pty = Pty::spawn_with(&[], 120, 30, &env);
    pty.wait_for("Actors");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

/// A FIFO or a link to `/dev/zero` as the config file is reported, and the defaults are
/// used: `check` finishes.
#[test]
fn a_config_that_is_a_fifo_or_dev_zero_is_refused() {
    for kind in ["fifo", "zero"] {
        let home = Home::new();
        let dir = home.path().join(".config/briefing");
        std::fs::create_dir_all(&dir).unwrap();
        let config = dir.join("config.toml");
        if kind == "fifo" {
            mkfifo(&config);
        } else {
            std::os::unix::fs::symlink("/dev/zero", &config).unwrap();
        }
        let out = run_within(
            home.briefing(&["check", "--bundled"]),
            &format!("check with a {kind} config"),
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stderr(&out).contains(
                "the config file cannot be read (it is not a regular file (a FIFO, socket or device?)); the defaults are used"
            ),
            "{kind}: {}",
            stderr(&out)
        );
    }
}

/// What `y` copies of the actor of a hostile briefing whose name starts with `name`, and
/// the status line after it.
fn copied(name: &str) -> (String, String) {
    let dir = tempfile::tempdir().unwrap();
    briefing_with(dir.path(), "b.toml", "b1", "2025-01-01", name);
    let (lib, report) = load_paths(&[dir.path().to_path_buf()], LoadOptions::default()).unwrap();
    let mut app = App::new(lib, report, Theme::new(false));
    assert!(app.open("x"));
    act(&mut app, Action::FocusList);
    let effects = act(&mut app, Action::Copy);
    let [Effect::Copy(text)] = effects.as_slice() else {
        panic!("one copy effect, not {effects:?}");
    };
    (text.clone(), app.status().unwrap_or_default().to_owned())
}

/// `y` copies one line of display-safe text: a locator's `\r\n` is shown as `⏎` like the
/// other fields' line breaks, never copied as a line break that a shell would run.
#[test]
fn copy_is_one_safe_line() {
    let (text, _) = copied("Name");
    assert!(!text.contains(['\n', '\r']), "{text:?}");
    assert!(!text.chars().any(hostile_offence::is_forbidden), "{text:?}");
    assert!(text.contains("⟨U+202E⟩1⟨U+009B⟩ ⏎ 2"), "{text}");
}

/// The clipboard is no screen: a letter shown by number for its width alone is copied as
/// itself, while the status line that says what was copied keeps the number.
#[test]
fn copy_gives_back_letters_shown_by_number_for_their_width_alone() {
    let (text, status) = copied("মুহাম্মদ");
    assert!(text.contains("মুহাম্মদ"), "{text}");
    assert!(!text.chars().any(hostile_offence::is_forbidden), "{text:?}");
    assert!(status.contains("মুহ⟨U+09BE⟩ম্মদ"), "{status}");
}

/// A source's `javascript:` URL is shown as code in a Markdown export, never as a link.
#[test]
fn markdown_links_only_web_addresses() {
    let dir = tempfile::tempdir().unwrap();
    let file = briefing_with(dir.path(), "b.toml", "b1", "2025-01-01", "Name");
    let home = Home::new();
    let mut cmd = home.briefing(&["export", "--format", "markdown"]);
    cmd.arg(&file);
    let out = run_within(cmd, "export --format markdown");
    assert_clean(&out, "export --format markdown");
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains(", `javascript:alert(5)`."), "{md}");
    assert!(!md.contains("<javascript:"), "{md}");
}

/// A bad date on the command line is repeated in the error with its escapes shown.
#[test]
fn command_line_dates_are_echoed_safely() {
    let bad = format!("2025-13{PAYLOAD}");
    let dir = tempfile::tempdir().unwrap();
    let new_file = dir.path().join("n.toml");
    let home = Home::new();
    let cases: Vec<Vec<String>> = vec![
        vec![
            "search".into(),
            "kenya".into(),
            "--as-of".into(),
            bad.clone(),
        ],
        vec!["search".into(), format!("date:{bad}")],
        vec![
            "export".into(),
            "--format".into(),
            "json".into(),
            "--as-of".into(),
            bad.clone(),
        ],
        vec!["check".into(), "--as-of".into(), bad.clone()],
        vec!["diff".into(), "--since".into(), bad.clone()],
        vec![
            "new".into(),
            new_file.to_string_lossy().into_owned(),
            "--title".into(),
            "T".into(),
            "--as-of".into(),
            bad.clone(),
        ],
    ];
    for args in cases {
        let mut cmd = home.briefing(&[]);
        cmd.args(&args).arg("--bundled");
        let out = run_within(cmd, &args[0]);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        assert_clean(&out, &format!("{args:?}"));
        assert!(
            stderr(&out).contains("2025-13^[]0;pwned^G^[[2J⟨U+009B⟩31m⟨U+202E⟩"),
            "{args:?}: {}",
            stderr(&out)
        );
    }
    assert!(!new_file.exists());
    // The browser too, though it needs a terminal for anything else.
    let mut pty = Pty::spawn(&["--as-of", &bad], 80, 24);
    assert_eq!(pty.wait_exit(), 2);
    let raw = pty.raw.lock().unwrap().clone();
    assert_eq!(offence(&raw), None, "{}", String::from_utf8_lossy(&raw));
    assert!(String::from_utf8_lossy(&raw).contains("⟨U+202E⟩"));
}
