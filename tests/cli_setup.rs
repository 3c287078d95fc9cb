//! Setting up from the shell: completions, the man page, `config`, "did you mean" for a
//! mistyped command, and `--help`. Every run has its own home folder.

use std::path::Path;
use std::process::{Command, Output};

fn run_in(home: &Path, cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .current_dir(cwd)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env_remove("BRIEFING_CONFIG")
        .output()
        .unwrap()
}

fn run(args: &[&str]) -> Output {
    let home = tempfile::tempdir().unwrap();
    run_in(home.path(), home.path(), args)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn have(tool: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn bash_completions_parse_and_name_the_commands() {
    let out = run(&["completions", "bash"]);
    assert_eq!(out.status.code(), Some(0));
    let script = stdout(&out);
    for word in [
        "check",
        "search",
        "export",
        "config",
        "completions",
        "--no-state",
    ] {
        assert!(script.contains(word), "{word}");
    }
    if have("bash") {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("briefing.bash");
        std::fs::write(&file, &script).unwrap();
        let check = Command::new("bash").arg("-n").arg(&file).output().unwrap();
        assert!(
            check.status.success(),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

#[test]
fn every_shell_gets_a_script() {
    for (shell, mark) in [
        ("zsh", "#compdef briefing"),
        ("fish", "complete -c briefing"),
        ("elvish", "edit:completion:arg-completer[briefing]"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = run(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}");
        assert!(stdout(&out).contains(mark), "{shell}");
    }
    let out = run(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_man_page_renders() {
    let out = run(&["man"]);
    assert_eq!(out.status.code(), Some(0));
    let roff = stdout(&out);
    assert!(
        roff.starts_with(".ie \\n(.g .ds Aq") || roff.contains(".TH briefing"),
        "{roff}"
    );
    assert!(roff.contains(".TH briefing"));
    if have("man") {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("briefing.1");
        std::fs::write(&file, &roff).unwrap();
        let shown = Command::new("man")
            .args(["-l", "-P", "cat"])
            .arg(&file)
            .env("MANWIDTH", "80")
            .output()
            .unwrap();
        if shown.status.success() {
            let text = String::from_utf8_lossy(&shown.stdout);
            assert!(text.contains("briefing"), "{text}");
            assert!(text.contains("--no-state"), "{text}");
        }
    }
}

#[test]
fn a_mistyped_command_gets_a_suggestion_but_a_real_path_is_a_path() {
    let out = run(&["serach", "kenya"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("unrecognized subcommand 'serach'"), "{err}");
    assert!(err.contains("search"), "{err}");
    // A file of that name is opened like any PATH (here: refused, as there is no
    // terminal), not taken for a command.
    let home = tempfile::tempdir().unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/valid/minimal.toml"),
        home.path().join("serach"),
    )
    .unwrap();
    let out = run_in(home.path(), home.path(), &["serach"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the browser needs a terminal"),
        "{}",
        stderr(&out)
    );
    // A word far from every command is a missing file, as before.
    let out = run(&["zzzzzzzz"]);
    assert!(
        !stderr(&out).contains("unrecognized subcommand"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn help_describes_every_path_and_has_examples() {
    let out = run(&["--help"]);
    let help = stdout(&out);
    assert!(help.contains("Examples:"), "{help}");
    assert!(help.contains("briefing config --default > ~/.config/briefing/config.toml"));
    assert!(help.contains("[PATH]..."), "{help}");
    assert!(help.contains("none means the config's"), "{help}");
    for cmd in ["check", "search", "export"] {
        let out = run(&[cmd, "--help"]);
        assert!(stdout(&out).contains("none means your library"), "{cmd}");
    }
}

#[test]
fn config_path_default_and_check() {
    let home = tempfile::tempdir().unwrap();
    let out = run_in(home.path(), home.path(), &["config", "--path"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out).trim(),
        home.path()
            .join(".config/briefing/config.toml")
            .to_string_lossy()
    );
    assert!(stderr(&out).contains("does not exist yet"));
    // --config and BRIEFING_CONFIG choose another file.
    let other = home.path().join("other.toml");
    let out = run_in(
        home.path(),
        home.path(),
        &["config", "--path", "--config", other.to_str().unwrap()],
    );
    assert_eq!(stdout(&out).trim(), other.to_string_lossy());
    let out = Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(["config", "--path"])
        .env("HOME", home.path())
        .env("BRIEFING_CONFIG", &other)
        .output()
        .unwrap();
    assert_eq!(stdout(&out).trim(), other.to_string_lossy());
    // A broken config: `config` shows it and exits 1; other commands still work.
    std::fs::write(&other, "libary = 1\nwatch = 3\n").unwrap();
    let out = run_in(
        home.path(),
        home.path(),
        &["config", "--config", other.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("warning: unknown setting `libary`"), "{err}");
    assert!(err.contains("help: did you mean `library`?"), "{err}");
    assert!(err.contains("other.toml:2:9"), "{err}");
    assert!(err.contains("1 error, 1 warning"), "{err}");
    let out = run_in(
        home.path(),
        home.path(),
        &["search", "kenya", "--config", other.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(stderr(&out).contains("`watch` must be true or false"));
}

#[test]
fn export_of_bookmarks_without_any_says_how_to_make_one() {
    let out = run(&["export", "--bookmarks", "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Nothing is bookmarked yet"));
    let out = run(&["export", "--bookmarks", "--format", "json"]);
    assert_eq!(
        stdout(&out).trim().replace([' ', '\n'], ""),
        "{\"bookmarks\":[]}"
    );
}

/// A config file named by `--config` that is not there: the defaults are used and `check`
/// goes on, so it is said as a warning, not an error.
#[test]
fn a_missing_named_config_is_a_warning() {
    let home = tempfile::tempdir().unwrap();
    let missing = home.path().join("nowhere.toml");
    let out = run_in(
        home.path(),
        home.path(),
        &["--config", missing.to_str().unwrap(), "check"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with("warning: no config file here"),
        "{}",
        stderr(&out)
    );
}
