//! Hostile input, round 3: files as deep as the tree `toml` would build, many diagnostics on
//! one line, long lists, stacked marks and repeated relations, found by an independent
//! attack run, as tests. Work is counted or output measured, never timed.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

use briefing::model::{LoadOptions, load_paths};
use common::hostile::{HEAD, actor, load_text};

fn briefing(args: &[&str], paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_briefing"))
        .args(args)
        .args(paths)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

/// `levels` inline tables, one in the other, each under a key of `parts` dotted parts:
/// `levels * parts` levels deep in `levels` pairs of braces.
fn dotted_inline(levels: usize, parts: usize) -> String {
    let key = vec!["k"; parts].join(".");
    format!(
        "z = {}1{}\n",
        format!("{{{key} = ").repeat(levels),
        "}".repeat(levels)
    )
}

/// Runs `f` on a thread with a stack of `bytes`, as the loader's threads would.
fn on_stack<R: Send + 'static>(bytes: usize, f: impl FnOnce() -> R + Send + 'static) -> R {
    std::thread::Builder::new()
        .stack_size(bytes)
        .spawn(f)
        .unwrap()
        .join()
        .unwrap()
}

/// Case 1: dotted keys inside inline tables nest as deep as brackets do: 60 parts in each
/// of 60 tables (7 KB) overflowed the stack of every thread that parsed them. Every
/// command now refuses them at the first level too deep.
#[test]
fn case1_dotted_keys_in_inline_tables_are_refused_without_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dotted_inline(60, 60);
    assert!(deep.len() < 8_000);
    // Two files, so that they are parsed on the worker threads.
    for name in ["a.toml", "c.toml"] {
        std::fs::write(dir.path().join(name), &deep).unwrap();
    }
    for args in [
        &["check"][..],
        &["check", "--format", "json"],
        &["search", "k"],
        &["export", "--format", "json"],
    ] {
        let out = briefing(args, &[dir.path()]);
        assert!(
            out.status.code().is_some(),
            "{args:?} died: {:?}",
            out.status
        );
        let all = String::from_utf8_lossy(&out.stdout) + String::from_utf8_lossy(&out.stderr);
        let said = if args[0] == "search" {
            "2 error(s)"
        } else {
            "nesting deeper than 64 levels"
        };
        assert!(all.contains(said), "{args:?}: {all}");
    }
    let (lib, report) = load_paths(&[dir.path().to_path_buf()], LoadOptions::default()).unwrap();
    assert_eq!(lib.briefings.len(), 0);
    assert_eq!(report.error_count(), 2);
    // The first part too deep: `z`'s table is level 1 and its key's parts 2 to 61, so the
    // second table's key is too deep at its fourth part.
    let d = &report.diagnostics[0];
    let second = deep.match_indices("{k").nth(1).unwrap().0;
    assert_eq!(d.span, Some(second + 7..second + 8));
    // One file, on the calling thread, with a spawned thread's stack.
    let (_, report) = on_stack(2 << 20, move || load_text(&deep));
    assert_eq!(report.error_count(), 1);
}

/// Case 1: every construct that nests counts: dotted table headers, dotted keys, arrays of
/// tables whose paths go through other arrays of tables, and arrays of inline tables.
#[test]
fn case1_every_construct_that_nests_counts() {
    let parts = |n: usize| vec!["a"; n].join(".");
    let cases = [
        format!("{HEAD}[zz.{}]\n", parts(64)),
        format!("{HEAD}zz.{} = 1\n", parts(65)),
        (0..33).fold(String::new(), |mut s, i| {
            writeln!(s, "[[zz{}]]", ".a".repeat(i)).unwrap();
            s
        }),
        format!("{HEAD}zz = {}1{}\n", "[{a.a = ".repeat(22), "}]".repeat(22)),
        format!("{HEAD}[zz.{}]\nb = {{{} = 1}}\n", parts(40), parts(30)),
    ];
    for text in &cases {
        let (_, report) = on_stack(2 << 20, {
            let text = text.clone();
            move || load_text(&text)
        });
        let messages: Vec<&str> = report
            .diagnostics
            .iter()
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(messages, ["nesting deeper than 64 levels"], "{text}");
    }
}

/// Case 1: a briefing nested right up to the bound loads, warning about the unknown key,
/// even on a thread with a quarter of a spawned thread's stack: the bound is what keeps the
/// recursion small.
#[test]
fn case1_a_briefing_at_the_bound_loads_on_a_small_stack() {
    // The actor's table is level 2, `zz`'s 3, its key's parts 4 to 63, and the last
    // value 64.
    let text = HEAD.to_owned()
        + &actor(
            "x",
            &format!("zz = {{{} = {{}}}}\n", vec!["k"; 61].join(".")),
        );
    let (lib, report) = on_stack(512 << 10, move || load_text(&text));
    assert_eq!(lib.actors.len(), 1, "{:#?}", report.diagnostics);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    assert!(
        report.diagnostics[0].message.contains("zz"),
        "{:#?}",
        report.diagnostics
    );
}

/// `n` unknown keys in one inline table, all on one line.
fn strays_on_one_line(n: usize) -> String {
    let keys = (0..n).fold(String::new(), |mut s, i| {
        write!(s, ", k{i} = 1").unwrap();
        s
    });
    format!(
        "{HEAD}\n[[actors]]\nid = \"x\"\nname = \"N\"\nkind = \"person\"\nrole = \"r\"\ncite = [{{ source = \"s\", locator = \"1\"{keys} }}]\n"
    )
}

/// Case 2: each diagnostic on a long line quotes a window of it, not the whole line made
/// display-safe and handed to the renderer: 6,000 unknown keys on one 65 KB line took
/// 18.5 s. Twice the diagnostics give twice the output, each still at its true column.
#[test]
fn case2_diagnostics_on_one_long_line_cost_the_same_each() {
    let dir = tempfile::tempdir().unwrap();
    let mut sizes = Vec::new();
    for n in [1_000, 2_000] {
        let path = dir.path().join(format!("s{n}.toml"));
        let text = strays_on_one_line(n);
        std::fs::write(&path, &text).unwrap();
        let out = briefing(&["check"], &[&path]);
        let err = String::from_utf8(out.stderr).unwrap();
        assert_eq!(err.matches("warning: unknown key").count(), n);
        // The last key's warning points at it: line and column in characters.
        let at = text.find(&format!("k{} = 1", n - 1)).unwrap();
        let line = text[..at].lines().count();
        let col = at - text[..at].rfind('\n').unwrap();
        assert!(err.contains(&format!("s{n}.toml:{line}:{col}\n")), "{col}");
        // No quoted line is longer than a terminal's width or so.
        let longest = err.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(longest < 200, "a line of {longest} characters");
        sizes.push(err.len());
    }
    assert!(sizes[1] <= 2 * sizes[0] + 4_096, "{sizes:?}");
}

/// A briefing of series `s` whose actor `x` has `aliases`.
fn with_aliases(id: &str, as_of: &str, aliases: impl Iterator<Item = String>) -> String {
    let list: Vec<String> = aliases.map(|a| format!("\"{a}\"")).collect();
    format!(
        "[briefing]\nid = \"{id}\"\ntitle = \"T\"\nas_of = \"{as_of}\"\nseries = \"s\"\nsummary = \"S\"\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n\n[[actors]]\nid = \"x\"\nname = \"N\"\nkind = \"person\"\nrole = \"r\"\naliases = [{}]\ncite = [{{ source = \"s\", locator = \"1\" }}]\n",
        list.join(",")
    )
}

/// Case 3: two versions of a list compare through a set of each: two briefings whose actor
/// has 50,000 aliases each took 14.5 s to diff (`Vec::contains` for every alias). Here
/// every alias changes, and each one is reported once, in order.
#[test]
fn case3_two_long_lists_compare_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let n = 20_000;
    let old = dir.path().join("old.toml");
    let new = dir.path().join("new.toml");
    std::fs::write(
        &old,
        with_aliases("old", "2025-01-01", (0..n).map(|i| format!("a{i}"))),
    )
    .unwrap();
    std::fs::write(
        &new,
        with_aliases("new", "2025-02-01", (0..n).map(|i| format!("b{i}"))),
    )
    .unwrap();
    let out = briefing(&["diff"], &[&old, &new]);
    let text = String::from_utf8(out.stdout).unwrap();
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("aliases:"))
        .unwrap();
    let parts: Vec<&str> = line.trim_start()["aliases: ".len()..].split(", ").collect();
    assert_eq!(parts.len(), 2 * n);
    assert_eq!(parts[0], "+b0");
    assert_eq!(parts[n - 1], format!("+b{}", n - 1));
    assert_eq!(parts[n], "-a0");
    assert_eq!(parts[2 * n - 1], format!("-a{}", n - 1));
    assert!(
        text.ends_with("1 changed, 0 added, 0 removed, 0 not restated\n"),
        "{text}"
    );
}

/// Case 4: one character carries at most 16 marks on screen; the rest are counted in a
/// visible stand-in. A name of `e` and 100,000 accents drew 200 KB into one cell of every
/// frame (a million accents: 1.8 MB per keypress); now a frame holds at most a screenful.
#[test]
fn case4_a_cell_carries_a_bounded_number_of_marks() {
    use briefing::tui::action::{Action, Pane};
    use briefing::tui::app::App;
    use briefing::tui::theme::Theme;

    let name = format!("e{}", "\u{316}".repeat(100_000));
    let text = HEAD.to_owned() + &actor("x", "").replace("Evil x", &name);
    let (lib, report) = load_text(&text);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    assert_eq!(
        lib.actors[0].name.raw(),
        name,
        "the author's text is kept for export"
    );
    assert!(lib.actors[0].name.safe().ends_with("⟨+99984 marks⟩"));
    let mut app = App::new(lib, report, Theme::new(false));
    app.update(Action::FocusPane(Pane::Actors));
    app.update(Action::FocusDetail);
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(80, 24)).unwrap();
    briefing::tui::view::render(&mut terminal, &mut app).unwrap();
    let buf = terminal.backend().buffer();
    let bytes: usize = buf.content.iter().map(|c| c.symbol().len()).sum();
    let screen: String = buf
        .content
        .iter()
        .map(ratatui::buffer::Cell::symbol)
        .collect();
    assert!(screen.contains("⟨+99984 marks⟩"), "the cut is shown");
    // 80x24 cells, each at most a character and 16 marks of 2 bytes.
    assert!(bytes <= 80 * 24 * 4, "{bytes} bytes on an 80x24 screen");
}

/// Found on the way: one relation stated 60,000 times in a briefing, each with its own
/// note, took 22 s to load, since each repetition joined the notes so far into a new
/// display-safe text. The notes are now joined once; the result is the same.
#[test]
fn a_relation_stated_many_times_joins_its_notes_once() {
    let n = 5_000;
    let mut text = HEAD.to_owned() + &actor("x", "") + &actor("y", "");
    for i in 0..n {
        write!(
            text,
            "\n[[relations]]\nfrom = \"x\"\nkind = \"funds\"\nto = \"y\"\nnote = \"n{i}\"\ncite = [{{ source = \"s\", locator = \"{i}\" }}]\n"
        )
        .unwrap();
    }
    // The same note twice is kept once.
    for _ in 0..2 {
        text += "\n[[relations]]\nfrom = \"y\"\nkind = \"funds\"\nto = \"x\"\nnote = \"same\"\ncite = [{ source = \"s\", locator = \"1\" }]\n";
    }
    let (lib, report) = load_text(&text);
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    assert_eq!(lib.relations.len(), 2);
    assert_eq!(
        lib.relations[1].shown().note.as_ref().unwrap().raw(),
        "same"
    );
    let r = &lib.relations[0];
    let want: Vec<String> = (0..n).map(|i| format!("n{i}")).collect();
    let note = r.shown().note.as_ref().unwrap().raw();
    assert!(note == want.join("\n"), "{}…", &note[..40]);
    assert_eq!(r.cite.len(), n);
}
