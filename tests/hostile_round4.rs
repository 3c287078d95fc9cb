//! Hostile input, round 4: files that cost far more than their size — millions of
//! mistakes in one file, millions of values for `toml` to build, and one relation stated a
//! hundred thousand times. Each is bounded; none is timed here (see `benches/hostile.rs`).

mod common;

use std::fmt::Write as _;

use common::hostile::{HEAD, actor, load_text};

/// A briefing whose `tags` are `n` numbers: `n` values of the wrong type.
fn numbers_as_tags(n: usize) -> String {
    let items = vec!["1"; n].join(",");
    HEAD.replace(
        "summary = \"S\"\n",
        &format!("summary = \"S\"\ntags = [{items}]\n"),
    )
}

/// Millions of mistakes keep a thousand errors, and say how many more there are. The same
/// mistake made again and again is one error with every kept place.
#[test]
fn a_file_with_many_mistakes_keeps_the_first_thousand_and_counts_the_rest() {
    let (_, report) = load_text(&numbers_as_tags(3000));
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1);
    assert_eq!(1 + errors[0].related.len(), 1000);
    let last = report.diagnostics.last().unwrap();
    assert_eq!(
        last.message,
        "2000 more problems in this file are not shown"
    );
}

/// Past a million values, a file is refused before `toml` builds a node for each.
#[test]
fn a_file_of_more_than_a_million_values_is_refused_before_it_is_built() {
    let (lib, report) = load_text(&numbers_as_tags(1_100_000));
    assert_eq!(lib.briefings.len(), 0);
    let messages: Vec<&str> = report
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages, ["more than 1000000 values in one file"]);
}

/// A relation stated again and again is one relation, its citation given once.
#[test]
fn a_relation_stated_many_times_is_one_relation_with_its_citations_once_each() {
    let mut text = format!("{HEAD}{}{}", actor("a", ""), actor("c", ""));
    for i in 0..20_000 {
        let locator = if i % 2 == 0 { "¶1" } else { "¶2" };
        let _ = write!(
            text,
            "\n[[relations]]\nfrom = \"a\"\nkind = \"supports\"\nto = \"c\"\ncite = [{{ source = \"s\", locator = \"{locator}\" }}]\n"
        );
    }
    let (lib, report) = load_text(&text);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(briefing::model::Diagnostic::is_error),
        "{:?}",
        report.diagnostics.first()
    );
    assert_eq!(lib.relations.len(), 1);
    let locators: Vec<&str> = lib.relations[0]
        .cite
        .iter()
        .map(|c| c.locator.raw())
        .collect();
    assert_eq!(locators, ["¶1", "¶2"]);
}

/// `y` on an actor with 20,000 citations copies nothing rather than sending 140 KB to the
/// terminal in one clipboard sequence, and says why.
#[test]
fn a_copy_too_big_for_a_clipboard_is_refused() {
    use briefing::tui::action::{Action, Effect};
    use briefing::tui::app::App;
    use briefing::tui::theme::Theme;
    let cites: Vec<String> = (0..20_000)
        .map(|i| format!("{{ source = \"s\", locator = \"p{i}\" }}"))
        .collect();
    let text = format!(
        "{HEAD}\n[[actors]]\nid = \"a\"\nname = \"A\"\nkind = \"person\"\nrole = \"r\"\ncite = [{}]\n",
        cites.join(", ")
    );
    let (lib, report) = load_text(&text);
    let mut app = App::new(lib, report, Theme::new(false));
    assert!(app.open("a"));
    common::drive::act(&mut app, Action::FocusList);
    let effects = common::drive::act(&mut app, Action::Copy);
    assert!(
        !effects.iter().any(|e| matches!(e, Effect::Copy(_))),
        "{effects:?}"
    );
    let status = app.status().unwrap();
    assert!(status.starts_with("not copied: "), "{status}");
}
