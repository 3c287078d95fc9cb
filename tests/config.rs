//! The config file: a fixture per mistake with its exact diagnostic, the default config,
//! key overrides in the footer and help, and the theme presets, all as the user sees them.

mod common;

use std::path::{Path, PathBuf};

use briefing::config::{self, Config};
use briefing::model::{Report, load_bundled};
use briefing::tui::action::{Action, Focus, Mode, Pane};
use briefing::tui::app::App;
use briefing::tui::keymap::{Keymap, key_label};
use briefing::tui::theme::{Preset, STYLE_NAMES, Theme};
use common::drive::{acts, draw, styled, text};
use ratatui::crossterm::event::KeyEvent;
use ratatui::style::{Color, Modifier, Style};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(name)
}

/// Reads a fixture as the program would, with a short path in the diagnostics.
fn read(name: &str) -> (Config, Report) {
    let text = std::fs::read_to_string(fixture(name)).unwrap();
    config::parse(&text, Path::new(&format!("config/{name}")))
}

/// The one diagnostic a fixture gives: (location, message, help).
fn only(name: &str) -> (String, String, Option<String>) {
    let (_, report) = read(name);
    assert_eq!(
        report.diagnostics.len(),
        1,
        "{name}:\n{}",
        report.render_all(false)
    );
    let d = &report.diagnostics[0];
    (
        report.location(d).unwrap(),
        d.message.clone(),
        d.help.clone(),
    )
}

/// Each config fixture with one mistake: (file, where it is reported, message, help).
const MISTAKES: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "unknown_setting.toml",
        "config/unknown_setting.toml:2:1",
        "unknown setting `libary`",
        Some("did you mean `library`?"),
    ),
    (
        "unknown_action.toml",
        "config/unknown_action.toml:2:1",
        "unknown action `mvoe_down`",
        Some("did you mean `move_down`?"),
    ),
    (
        "unknown_key.toml",
        "config/unknown_key.toml:2:20",
        "unknown key `entr` in `ctrl-entr`",
        Some("did you mean `enter`?"),
    ),
    (
        "unknown_modifier.toml",
        "config/unknown_modifier.toml:2:10",
        "unknown modifier `hyper` in `hyper-q`",
        Some("the modifiers are ctrl-, alt- and shift-"),
    ),
    (
        "unknown_mode.toml",
        "config/unknown_mode.toml:1:7",
        "unknown mode `serch`",
        Some("did you mean `search`?"),
    ),
    (
        "action_not_in_mode.toml",
        "config/action_not_in_mode.toml:2:1",
        "`open_search` does nothing in help mode",
        Some(
            "the actions of help mode are close_overlay, move_down, move_up, page_down, page_up, half_page_down, half_page_up, top, bottom",
        ),
    ),
    (
        "colliding_keys.toml",
        "config/colliding_keys.toml:3:14",
        "`/` is bound to both `copy` and `open_search` in browse mode",
        Some("give one of them another key; `copy` keeps its default keys (y) until then"),
    ),
    (
        "two_overrides_collide.toml",
        "config/two_overrides_collide.toml:3:9",
        "`x` is bound to both `quit` and `copy` in browse mode",
        Some("give one of them another key; `quit` keeps its default keys (q, Ctrl-c) until then"),
    ),
    (
        "unknown_style.toml",
        "config/unknown_style.toml:2:1",
        "unknown style `accnet`",
        Some("did you mean `accent`?"),
    ),
    (
        "unknown_colour.toml",
        "config/unknown_colour.toml:2:15",
        "`yelow` is neither a colour nor a modifier",
        Some("did you mean `yellow`?"),
    ),
    (
        "unknown_preset.toml",
        "config/unknown_preset.toml:2:10",
        "`preset` must be \"dark\", \"light\" or \"mono\"",
        Some("did you mean `light`?"),
    ),
    (
        "split_out_of_range.toml",
        "config/split_out_of_range.toml:1:9",
        "`split` must be a whole number from 20 to 80: the list's share of the width, in percent",
        None,
    ),
    (
        "unknown_color_choice.toml",
        "config/unknown_color_choice.toml:1:9",
        "`color` must be \"auto\", \"always\" or \"never\"",
        Some("did you mean `always`?"),
    ),
    (
        "read_after_negative.toml",
        "config/read_after_negative.toml:1:14",
        "`read_after` must be a number of seconds from 0 to 3600",
        Some("0 marks items read only with the toggle key"),
    ),
    (
        "wrong_type.toml",
        "config/wrong_type.toml:1:9",
        "`watch` must be true or false",
        None,
    ),
];

#[test]
fn each_mistake_is_reported_where_it_is_with_a_fix() {
    for (name, at, message, help) in MISTAKES {
        let (got_at, got_message, got_help) = only(name);
        assert_eq!(
            (got_at.as_str(), got_message.as_str(), got_help.as_deref()),
            (*at, *message, *help),
            "{name}"
        );
    }
}

#[test]
fn a_file_that_is_not_toml_is_located_and_keeps_every_default() {
    let (config, report) = read("not_toml.toml");
    assert_eq!(report.diagnostics.len(), 1);
    let d = &report.diagnostics[0];
    assert!(
        d.message.starts_with("the config file is not valid TOML"),
        "{}",
        d.message
    );
    assert!(
        report
            .location(d)
            .unwrap()
            .starts_with("config/not_toml.toml:")
    );
    assert!(config.library.is_empty());
}

/// A theme nested far deeper than any setting is refused before it is read (the theme's
/// styles are read recursively), at the first part too deep, keeping every default.
#[test]
fn a_deeply_nested_config_is_refused_and_keeps_every_default() {
    let text = format!("[theme]\n{} = \"red\"\n", vec!["status"; 100].join("."));
    let (config, report) = config::parse(&text, Path::new("config/deep.toml"));
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(
        messages,
        ["the config file cannot be read: nesting deeper than 64 levels"]
    );
    assert_eq!(
        report.location(&report.diagnostics[0]).unwrap(),
        "config/deep.toml:2:442"
    );
    assert!(config.library.is_empty());
}

#[test]
fn diagnostics_render_like_rustc_with_a_caret() {
    let mut all = String::new();
    for name in [
        "unknown_action.toml",
        "unknown_key.toml",
        "colliding_keys.toml",
        "unknown_colour.toml",
        "wrong_type.toml",
    ] {
        all.push_str(&read(name).1.render_all(false));
    }
    insta::assert_snapshot!(all);
}

#[test]
fn a_broken_setting_keeps_its_default_and_the_rest_apply() {
    let (config, report) = read("wrong_type.toml");
    assert_eq!(report.error_count(), 1);
    assert!(config.watch, "the broken `watch` keeps its default");
    assert_eq!(config.split, 30, "the valid `split` applies");
    let (config, _) = read("colliding_keys.toml");
    assert_eq!(
        config.keys.key(Mode::Browse, &Action::Copy).as_deref(),
        Some("y"),
        "the colliding override is left out"
    );
    assert_eq!(
        config
            .keys
            .key(Mode::Browse, &Action::OpenSearch)
            .as_deref(),
        Some("/")
    );
}

#[test]
fn the_default_config_reads_back_without_a_problem() {
    let text = config::default_config();
    let (config, report) = config::parse(&text, Path::new("config.toml"));
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        report.render_all(false)
    );
    assert!(config.library.is_empty());
    // Every key and style the program has is documented in it.
    for b in briefing::tui::keymap::DEFAULTS {
        assert!(
            text.contains(&format!("# {} = [", b.action.name().unwrap())),
            "{:?}",
            b.action
        );
    }
    for name in STYLE_NAMES.iter().filter(|n| **n != "accent") {
        assert!(
            text.contains(&format!("# {name} = ")) || text.contains(&format!("# {name:?} = ")),
            "{name}"
        );
    }
}

#[test]
fn uncommenting_every_setting_of_the_default_config_changes_nothing() {
    let setting = |line: &str| {
        let rest = line.strip_prefix("# ")?;
        let (key, _) = rest.split_once(" = ")?;
        let key = key.trim_matches('"');
        key.chars()
            .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
            .then_some(rest.to_owned())
    };
    let text: String = config::default_config()
        .lines()
        .map(|l| setting(l).unwrap_or_else(|| l.to_owned()) + "\n")
        .collect();
    // The example library does not exist; everything else is the default.
    let text = text.replace("library = [\"~/briefings\"]", "library = []");
    let (config, report) = config::parse(&text, Path::new("config.toml"));
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        report.render_all(false)
    );
    // The same keys, described and placed in the footer and help as the defaults are.
    let defaults = Keymap::default();
    for mode in Mode::ALL {
        assert_eq!(
            config.keys.help_entries(mode),
            defaults.help_entries(mode),
            "{mode:?}"
        );
        for focus in [Focus::List, Focus::Detail] {
            assert_eq!(
                config.keys.footer_entries(mode, focus),
                defaults.footer_entries(mode, focus),
                "{mode:?}"
            );
        }
        for b in defaults.bindings().iter().filter(|b| b.mode == mode) {
            let key = KeyEvent::new(b.code, b.mods);
            assert_eq!(config.keys.lookup(mode, &key), Some(b.action.clone()));
        }
    }
    assert_eq!(config.theme(true), Theme::new(true));
    assert!(config.watch && config.state);
    assert_eq!(config.split, 40);
}

#[test]
fn library_paths_expand_the_home_folder_and_start_from_the_config_folder() {
    let (config, report) = config::parse(
        "library = [\"~/briefings\", \"local\", \"/abs\"]\n",
        Path::new("/etc/briefing/config.toml"),
    );
    assert!(report.diagnostics.is_empty());
    let home = std::env::home_dir().unwrap();
    assert_eq!(
        config.library,
        [
            home.join("briefings"),
            PathBuf::from("/etc/briefing/local"),
            PathBuf::from("/abs")
        ]
    );
}

fn app_with(config: &Config, color: bool) -> App {
    let (lib, report) = load_bundled();
    let mut app = App::new(lib, report, config.theme(color));
    app.set_keys(config.keys.clone());
    app
}

#[test]
fn key_overrides_show_in_the_footer_and_help() {
    let (config, report) = config::parse(
        "[keys]\nquit = [\"x\", \"ctrl-q\"]\ntoggle_help = [\"f1\"]\nopen_search = [\"ctrl-f\"]\n\n[keys.help]\nclose_overlay = [\"f1\", \"esc\"]\n",
        Path::new("config.toml"),
    );
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        report.render_all(false)
    );
    let mut app = app_with(&config, false);
    let browse = text(&draw(&mut app, 120, 40));
    let footer = browse.lines().nth(39).unwrap();
    assert!(footer.contains("x quit"), "{footer}");
    assert!(footer.contains("Ctrl-f search"), "{footer}");
    assert!(footer.contains("F1 help"), "{footer}");
    assert!(!footer.contains("q quit"), "{footer}");
    acts(&mut app, [Action::ToggleHelp]);
    insta::assert_snapshot!(text(&draw(&mut app, 120, 40)));
}

#[test]
fn a_colliding_override_is_reported_in_the_problems_panel() {
    let text_in = std::fs::read_to_string(fixture("colliding_keys.toml")).unwrap();
    let (config, report) = config::parse(&text_in, Path::new("config.toml"));
    let mut app = app_with(&config, false);
    app.add_problems(&report);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(screen.contains("⚠ 1 problem (p)"), "{screen}");
    acts(&mut app, [Action::OpenProblems]);
    let screen = text(&draw(&mut app, 120, 40));
    assert!(
        screen.contains("`/` is bound to both `copy` and `open_search` in browse mode"),
        "{screen}"
    );
}

fn preset_screen(preset: &str) -> String {
    let (config, report) = config::parse(
        &format!("[theme]\npreset = \"{preset}\"\n"),
        Path::new("config.toml"),
    );
    assert!(report.diagnostics.is_empty());
    let mut app = app_with(&config, true);
    acts(&mut app, [Action::FocusPane(Pane::Timeline)]);
    styled(&draw(&mut app, 80, 24))
}

/// Every style of a theme by its config name, one per line.
fn style_table(theme: &Theme) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    for n in STYLE_NAMES {
        let _ = writeln!(out, "{n:<20} {:?}", theme.get(n).unwrap());
    }
    out
}

#[test]
fn the_light_preset() {
    insta::assert_snapshot!(
        "light_styles",
        style_table(&Theme::preset(Preset::Light, true))
    );
    insta::assert_snapshot!("light_timeline_80x24", preset_screen("light"));
}

#[test]
fn the_mono_preset() {
    let mono = Theme::preset(Preset::Mono, true);
    assert_eq!(mono, Theme::new(false), "mono is the colourless theme");
    insta::assert_snapshot!("mono_styles", style_table(&mono));
    let screen = preset_screen("mono");
    assert!(
        !screen.contains("fg Some"),
        "mono draws no colour:\n{screen}"
    );
    insta::assert_snapshot!("mono_timeline_80x24", screen);
}

#[test]
fn named_styles_override_the_preset() {
    let (config, report) = config::parse(
        "[theme]\npreset = \"light\"\naccent = \"green\"\n\"status.occurred\" = \"bold red\"\nstatus.planned = \"italic\"\n",
        Path::new("config.toml"),
    );
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        report.render_all(false)
    );
    let theme = config.theme(true);
    assert_eq!(theme.key, Style::new().fg(Color::Green));
    assert_eq!(
        theme.status(briefing::model::Status::Occurred),
        Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
    );
    assert_eq!(
        theme.status(briefing::model::Status::Planned),
        Style::new().add_modifier(Modifier::ITALIC)
    );
    // Without colour, only the modifiers remain.
    assert_eq!(
        config
            .theme(false)
            .status(briefing::model::Status::Occurred),
        Style::new().add_modifier(Modifier::BOLD)
    );
}

/// The README's example config is one the program takes whole: no error, no warning (its
/// key overrides once bound a key twice).
#[test]
fn the_readme_s_example_config_checks_clean() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let keys = readme
        .find("[keys]                      # browsing")
        .expect("the example");
    let start = readme[..keys].rfind("```toml\n").expect("its block") + "```toml\n".len();
    let end = keys + readme[keys..].find("```").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(&path, &readme[start..end]).unwrap();
    let out = common::cli::briefing()
        .args(["config", "--config"])
        .arg(&path)
        .output()
        .unwrap();
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.ends_with("0 errors, 0 warnings\n"), "{err}");
}

/// A config's problems come in the order of the file, line then column, whatever order
/// its settings and tables are read in, as `check` gives a briefing's.
#[test]
fn diagnostics_come_in_the_order_of_the_file() {
    let text = "library = 3\ncolr = \"auto\"\nwatch = \"yes\"\nsplit = 400\nread_after = -1\n\
        state = 2\n\n[keys]\nmove_upp = [\"k\"]\ntop = [\"ctrl-zz\"]\n\n[keys.search]\nclosee = [\"esc\"]\n\n\
        [theme]\npreset = \"neon\"\nselected = { fg = \"chartreuse\" }\nfooter = { bg = \"nope\" }\n\n\
        [themes]\n";
    let (_, report) = config::parse(text, Path::new("config.toml"));
    let lines: Vec<usize> = report
        .diagnostics
        .iter()
        .map(|d| {
            report.files[0]
                .line_col(d.span.clone().unwrap().start)
                .unwrap()
                .0
        })
        .collect();
    assert!(lines.len() >= 12, "{lines:?}\n{}", report.render_all(false));
    let mut sorted = lines.clone();
    sorted.sort_unstable();
    assert_eq!(lines, sorted, "\n{}", report.render_all(false));
}

/// A key that is not drawn as a character of its own (a joiner, a selector, a mark alone,
/// a regional indicator, a control) is refused where it is written, so that the help and
/// the footer never draw it; a visible character, wide ones too, is a key.
#[test]
fn a_key_that_cannot_be_shown_is_refused() {
    for key in [
        "\\u200d",
        "\\ufe0f",
        "\\u0301",
        "\\U0001f1e6",
        "\\u0007",
        "\\u202e",
    ] {
        let text = format!("[keys]\nmove_down = [\"{key}\"]\n");
        let (config, report) = config::parse(&text, Path::new("config.toml"));
        assert_eq!(
            report.error_count(),
            1,
            "{key}: {}",
            report.render_all(false)
        );
        let d = &report.diagnostics[0];
        assert!(
            d.message.contains("cannot be a key"),
            "{key}: {}",
            d.message
        );
        assert!(
            d.message.chars().all(|c| c == '\n' || !c.is_control()),
            "{key}: {:?}",
            d.message
        );
        let down = config.keys.key(Mode::Browse, &Action::MoveDown);
        assert_eq!(
            down,
            Keymap::default().key(Mode::Browse, &Action::MoveDown),
            "{key}"
        );
    }
    for key in ["é", "あ", "ß"] {
        let text = format!("[keys]\nmove_down = [\"{key}\"]\n");
        let (config, report) = config::parse(&text, Path::new("config.toml"));
        assert!(
            report.diagnostics.is_empty(),
            "{key}: {}",
            report.render_all(false)
        );
        assert_eq!(
            config.keys.key(Mode::Browse, &Action::MoveDown).as_deref(),
            Some(key)
        );
    }
}

/// `quit = []` would leave no way out: it is refused, and quit keeps its keys.
#[test]
fn quit_without_a_key_is_refused_and_keeps_its_keys() {
    let (config, report) = config::parse("[keys]\nquit = []\n", Path::new("config.toml"));
    assert_eq!(report.error_count(), 1, "{}", report.render_all(false));
    assert_eq!(report.diagnostics[0].message, "`quit` needs a key");
    assert_eq!(
        config.keys.key(Mode::Browse, &Action::Quit),
        Keymap::default().key(Mode::Browse, &Action::Quit)
    );
    assert!(config.keys.key(Mode::Browse, &Action::Quit).is_some());
}

/// A key, an action or a table written twice is named, at its second place, with its
/// first as a related place, as a briefing's duplicate key is; the config is not valid
/// TOML, so every setting keeps its default. (file, second place, key, first place)
const DUPLICATES: &[(&str, &str, &str, &str)] = &[
    ("duplicate_setting.toml", "3:1", "color", "1:1"),
    ("duplicate_action.toml", "4:1", "move_down", "2:1"),
    ("duplicate_table.toml", "7:2", "theme", "1:2"),
];

#[test]
fn a_key_written_twice_is_named_at_both_places() {
    for (name, second, key, first) in DUPLICATES {
        let (config, report) = read(name);
        assert_eq!(
            report.diagnostics.len(),
            1,
            "{name}:\n{}",
            report.render_all(false)
        );
        let d = &report.diagnostics[0];
        let file = &report.files[0];
        let at = |span: &std::ops::Range<usize>| {
            let (line, col) = file.line_col(span.start).unwrap();
            format!("{line}:{col}")
        };
        assert!(d.is_error(), "{name}");
        assert_eq!(
            d.message,
            format!("the config file is not valid TOML: duplicate key `{key}`"),
            "{name}"
        );
        assert_eq!(
            report.location(d).unwrap(),
            format!("config/{name}:{second}")
        );
        assert_eq!(d.label.as_deref(), Some("defined again here"), "{name}");
        let related: Vec<(String, &str)> = d
            .related
            .iter()
            .map(|r| (at(&r.at.span), r.label.as_str()))
            .collect();
        assert_eq!(
            related,
            [(first.to_string(), "first defined here")],
            "{name}"
        );
        assert_eq!(
            d.help.as_deref(),
            Some(
                "a key or table is defined once; remove one of them, or merge them; every setting keeps its default until this is fixed"
            ),
            "{name}"
        );
        assert_eq!(config.color, None, "{name}: the defaults are kept");
        assert_eq!(config.preset, Preset::default(), "{name}");
    }
}

/// An action given a value that is not keys (a number, `true`, a list of numbers)
/// is reported and keeps its default keys, as one whose keys are all refused does; only
/// `[]` unbinds an action.
#[test]
fn an_action_given_no_keys_by_mistake_keeps_its_defaults() {
    let move_down = |keys: &Keymap| -> Vec<String> {
        keys.bindings()
            .iter()
            .filter(|b| b.mode == Mode::Browse && b.action == Action::MoveDown)
            .map(key_label)
            .collect()
    };
    let defaults = move_down(&Keymap::default());
    assert!(!defaults.is_empty());
    for value in ["3", "true", "2.5", "[3]", "[3, false]"] {
        let text = format!("[keys]\nmove_down = {value}\n");
        let (config, report) = config::parse(&text, Path::new("config.toml"));
        assert!(report.error_count() >= 1, "{value}");
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| d.message.starts_with("`move_down` must")),
            "{value}: {}",
            report.render_all(false)
        );
        assert_eq!(
            move_down(&config.keys),
            defaults,
            "{value}: {}",
            report.render_all(false)
        );
    }
    // A list with one good key among wrong values binds that key.
    let (config, _) = config::parse("[keys]\nmove_down = [3, \"x\"]\n", Path::new("c.toml"));
    assert_eq!(move_down(&config.keys), ["x"]);
    // `[]` unbinds.
    let (config, report) = config::parse("[keys]\ncopy = []\n", Path::new("c.toml"));
    assert!(
        report.diagnostics.is_empty(),
        "{}",
        report.render_all(false)
    );
    assert_eq!(config.keys.key(Mode::Browse, &Action::Copy), None);
}
