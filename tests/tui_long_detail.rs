//! A detail of thousands of lines (a briefing's key points, an actor's History): its lines
//! are measured once per width, and no move or frame measures them again, so each costs
//! the rows on screen. A counter of measured lines shows it without timing anything.

mod common;

use std::path::PathBuf;

use briefing::model::{LoadOptions, load_sources};
use briefing::tui::action::{Action, Focus};
use briefing::tui::app::App;
use briefing::tui::panes::detail::{DetailLine, lines_measured};
use briefing::tui::theme::Theme;
use common::drive::{act, draw, text};

fn app_of(files: Vec<(String, String)>) -> App {
    let inputs = files
        .into_iter()
        .map(|(path, text)| (PathBuf::from(path), Ok(text.into_bytes())))
        .collect();
    let (lib, report) = load_sources(inputs, LoadOptions::default());
    assert_eq!(report.error_count(), 0, "{:#?}", report.diagnostics);
    App::new(lib, report, Theme::new(false))
}

/// One briefing, `kp`, with `n` key points `point 0` to `point {n-1}`.
fn key_points(n: usize) -> App {
    let points: Vec<String> = (0..n).map(|i| format!("\"point {i}\"")).collect();
    let text = format!(
        "[briefing]\nid = \"kp\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\nkey_points = [{}]\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n",
        points.join(", ")
    );
    app_of(vec![("kp.toml".into(), text)])
}

/// `n` briefings of one series, each defining actor `x` with another role: its History has
/// a line for each.
fn long_history(n: usize) -> App {
    let files = (0..n)
        .map(|i| {
            let text = format!(
                "[briefing]\nid = \"b{i}\"\ntitle = \"B{i}\"\nas_of = \"{}-01-01\"\nseries = \"s\"\nsummary = \"S\"\n\n\
                 [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n\n\
                 [[actors]]\nid = \"x\"\nname = \"X\"\nkind = \"person\"\nrole = \"role {i}\"\n\
                 cite = [{{ source = \"s\", locator = \"1\" }}]\n",
                1000 + i
            );
            (format!("b{i:04}.toml"), text)
        })
        .collect();
    app_of(files)
}

/// The detail lines measured while `f` runs.
fn measured(app: &mut App, f: impl FnOnce(&mut App)) -> usize {
    let before = lines_measured();
    f(app);
    usize::try_from(lines_measured() - before).unwrap()
}

/// An action and the frame after it.
fn key(app: &mut App, action: Action, w: u16, h: u16) -> usize {
    measured(app, |app| {
        act(app, action);
        draw(app, w, h);
    })
}

/// The detail's last line the cursor can rest on.
fn last_selectable(app: &App) -> usize {
    let lines = app.detail_lines();
    lines.iter().rposition(DetailLine::selectable).unwrap()
}

/// Every move in the detail, and every frame after it, measures no line again.
fn moves_measure_nothing(app: &mut App, w: u16, h: u16) {
    let detail = app.geometry().detail.unwrap().area;
    let (x, y) = (detail.x + 2, detail.y + 3);
    for action in [
        Action::Bottom,
        Action::MoveUp,
        Action::MoveDown,
        Action::PageUp,
        Action::HalfPageUp,
        Action::HalfPageDown,
        Action::PageDown,
        Action::Top,
        Action::MoveDown,
        Action::NextPane,
        Action::PrevPane,
        Action::ScrollDown(x, y),
        Action::ScrollUp(x, y),
        Action::Click(x, y),
        Action::Bottom,
    ] {
        assert_eq!(key(app, action.clone(), w, h), 0, "{action:?}");
    }
}

#[test]
fn g_and_every_move_in_a_detail_of_10000_key_points_measure_no_line_again() {
    let mut app = key_points(10_000);
    assert!(app.open("kp"));
    let n = app.detail_lines().len();
    assert!(n > 10_000, "{n}");
    // The first frame measures every line once.
    assert_eq!(measured(&mut app, |app| drop(draw(app, 120, 40))), n);
    moves_measure_nothing(&mut app, 120, 40);

    // `G` lands on the last line, with the view at the end.
    assert_eq!(app.current().detail_line(), last_selectable(&app));
    let s = text(&draw(&mut app, 120, 40));
    assert!(s.contains("point 9999"), "{s}");
    assert!(!s.contains("point 9960"), "{s}");
    let last = app.detail_lines()[last_selectable(&app)].plain();
    assert!(s.contains(last.trim()), "{last:?} not shown:\n{s}");

    // A resize measures each line once again, and the last line stays in view.
    assert_eq!(measured(&mut app, |app| drop(draw(app, 90, 30))), n);
    let s = text(&draw(&mut app, 90, 30));
    assert!(s.contains(last.trim()), "{last:?} not shown at 90x30:\n{s}");
    assert_eq!(key(&mut app, Action::MoveUp, 90, 30), 0);

    // `g` goes back to the top.
    assert_eq!(key(&mut app, Action::Top, 90, 30), 0);
    assert_eq!(app.current().detail_line(), 0);
    assert_eq!(app.current().detail.offset(), 0);

    // Back in the list, the detail drawn beside it measures nothing again; the next
    // item's detail is measured once.
    act(&mut app, Action::Bottom);
    assert_eq!(key(&mut app, Action::FocusList, 90, 30), 0);
    assert_eq!(app.focus(), Focus::List);
    let measured = key(&mut app, Action::MoveDown, 90, 30);
    assert!(app.current().selected_item() != app.lib().find("kp"));
    assert_eq!(measured, app.detail_lines().len());
    assert_eq!(key(&mut app, Action::MoveUp, 90, 30), n);
    assert_eq!(key(&mut app, Action::FocusDetail, 90, 30), 0);
}

#[test]
fn g_and_every_move_in_a_long_history_measure_no_line_again() {
    let mut app = long_history(300);
    assert!(app.open("x"));
    let history = app
        .detail_lines()
        .iter()
        .filter(|l| l.version.is_some())
        .count();
    assert!(history >= 300, "{history} History lines");
    let n = app.detail_lines().len();
    assert_eq!(measured(&mut app, |app| drop(draw(app, 100, 30))), n);
    moves_measure_nothing(&mut app, 100, 30);
    assert_eq!(app.current().detail_line(), last_selectable(&app));
}
