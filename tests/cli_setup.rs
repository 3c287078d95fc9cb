//! Setting up from the shell: completions, the man page, `config`, "did you mean" for a
//! mistyped command, and `--help`. Every run has its own home folder.

use std::path::Path;
use std::process::{Command, Output};

/// `command` with `home` as its home folder and its XDG folders under it, no config named.
fn at_home(mut command: Command, home: &Path) -> Output {
    command
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env_remove("BRIEFING_CONFIG")
        .output()
        .unwrap()
}

fn run_in(home: &Path, cwd: &Path, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_briefing"));
    command.args(args).current_dir(cwd);
    at_home(command, home)
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

/// `run_in`, for a command printed for the user: `sh` runs it as printed, with `briefing`
/// standing for this build.
fn run_printed(home: &Path, command: &str) -> Output {
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg(format!(
            "briefing() {{ \"$BRIEFING_BIN\" \"$@\"; }}; {command}"
        ))
        .current_dir(home)
        .env("BRIEFING_BIN", env!("CARGO_BIN_EXE_briefing"));
    at_home(sh, home)
}

/// The command between the backticks after `before` in `text`.
fn printed_after<'a>(text: &'a str, before: &str) -> &'a str {
    let from = text
        .find(before)
        .unwrap_or_else(|| panic!("{before:?} in {text}"))
        + before.len();
    let to = text[from..].find('`').unwrap_or_else(|| panic!("{text}"));
    &text[from..from + to]
}

/// A command printed for the user to run quotes each path that needs it, POSIX-shell
/// style, so that it runs as printed when pasted; a path of plain characters is printed
/// as it is, and a control character in a path is shown, never sent to the terminal.
#[test]
fn printed_commands_quote_their_paths_and_run_as_printed() {
    let home = tempfile::tempdir().unwrap();
    let home = home.path();
    std::fs::create_dir(home.join("tmpnew")).unwrap();
    for (name, shown) in [
        (
            "tmpnew/Mérêva Flood 2025-03.toml",
            "'tmpnew/Mérêva Flood 2025-03.toml'",
        ),
        ("tmpnew/it's here.toml", r"'tmpnew/it'\''s here.toml'"),
        ("tmpnew/plain_1.2-x+y@z.toml", "tmpnew/plain_1.2-x+y@z.toml"),
    ] {
        let out = run_in(home, home, &["new", name, "--title", "T"]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let err = stderr(&out);
        let command = printed_after(&err, "then run `");
        assert_eq!(command, format!("briefing check {shown}"), "{err}");
        let ran = run_printed(home, command);
        assert_eq!(ran.status.code(), Some(0), "{command}: {}", stderr(&ran));
        assert!(stderr(&ran).contains("checked 1 file"), "{}", stderr(&ran));
    }
    // A name without .toml: the suggested name is quoted whole.
    let out = run_in(home, home, &["new", "tmpnew/a b", "--title", "T"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        printed_after(&stderr(&out), "e.g. `"),
        "briefing new 'tmpnew/a b.toml'"
    );
    // A control character is shown in caret notation, inside the quotes.
    let out = run_in(
        home,
        home,
        &["new", "tmpnew/a\u{1b}[31mb.toml", "--title", "T"],
    );
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert_eq!(
        printed_after(&err, "then run `"),
        "briefing check 'tmpnew/a^[[31mb.toml'"
    );
    // `config`'s command to write a config file quotes where it writes.
    let config = home.join("my configs/config.toml");
    let out = run_in(
        home,
        home,
        &["config", "--config", config.to_str().unwrap()],
    );
    let command = printed_after(&stderr(&out), "help: `").to_owned();
    assert_eq!(
        command,
        format!("briefing config --default > '{}'", config.display())
    );
    std::fs::create_dir(home.join("my configs")).unwrap();
    assert_eq!(run_printed(home, &command).status.code(), Some(0));
    assert!(std::fs::read_to_string(&config).unwrap().contains("[keys"));
    // `check`'s hint that `--fix` can fix some of the problems names the paths to fix.
    let folder = home.join("my briefings");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/near_miss_key.toml"),
        folder.join("a.toml"),
    )
    .unwrap();
    let out = run_in(home, home, &["check", "my briefings"]);
    assert_eq!(out.status.code(), Some(1));
    let command = printed_after(&stderr(&out), "help: `").to_owned();
    assert_eq!(
        command,
        "briefing check --fix 'my briefings'",
        "{}",
        stderr(&out)
    );
    let ran = run_printed(home, &command);
    assert_eq!(ran.status.code(), Some(0), "{}", stderr(&ran));
}
