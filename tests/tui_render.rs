//! What reaches the terminal is what was drawn: frames drawn with `TestBackend` are replayed
//! through a terminal emulator (vt100) the way ratatui sends them, so a wide character
//! that hides an overlay's border fails here even though the buffer holds the border.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use briefing::model::{ItemRef, Library, LoadOptions, Report, load_paths};
use briefing::tui::action::{Action, Pane};
use briefing::tui::app::App;
use briefing::tui::panes::axis::short_date;
use briefing::tui::panes::row::Row;
use briefing::tui::theme::Theme;
use briefing::tui::view;
use common::drive::{act, acts, type_text};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, CellWidth};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The wide-character fixture: CJK and emoji in every list and detail, at both column
/// parities.
fn wide() -> App {
    let (lib, report) = load_paths(&[fixture("wide/wide.toml")], LoadOptions::default()).unwrap();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    App::new(lib, report, Theme::new(false))
}

/// Each row as the frame means it: every cell's symbol, less the blank a wide character
/// covers.
fn drawn_rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    (area.top()..area.bottom())
        .map(|y| {
            let mut row = String::new();
            for x in area.left()..area.right() {
                let s = buf[(x, y)].symbol();
                let covered = x > area.left() && buf[(x - 1, y)].cell_width() == 2 && s == " ";
                if !covered {
                    row.push_str(s);
                }
            }
            row
        })
        .collect()
}

/// Each row as a terminal shows it after receiving the frame as ratatui sends it (the
/// diff from a blank screen).
fn terminal_rows(buf: &Buffer) -> Vec<String> {
    let area = buf.area;
    let mut bytes = String::new();
    for (x, y, cell) in Buffer::empty(area).diff(buf) {
        let _ = write!(bytes, "\x1b[{};{}H{}", y + 1, x + 1, cell.symbol());
    }
    let mut parser = vt100::Parser::new(area.height, area.width, 0);
    parser.process(bytes.as_bytes());
    let screen = parser.screen();
    (0..area.height)
        .map(|y| {
            let mut row = String::new();
            for x in 0..area.width {
                let cell = screen.cell(y, x).expect("a cell on screen");
                if cell.is_wide_continuation() {
                    continue;
                }
                row.push_str(if cell.has_contents() {
                    cell.contents()
                } else {
                    " "
                });
            }
            row
        })
        .collect()
}

/// Draws a frame at a size, hands its geometry to the app and returns the frame's buffer:
/// what was drawn, before ratatui's diff decides what to send.
fn frame(app: &mut App, w: u16, h: u16) -> Buffer {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    let mut drawn = None;
    terminal
        .draw(|f| {
            let geometry = view::draw(f, app);
            drawn = Some((f.buffer_mut().clone(), geometry));
        })
        .unwrap();
    let (buf, geometry) = drawn.expect("a frame");
    app.update(Action::Drawn(geometry));
    buf
}

/// The terminal shows exactly what the frame holds.
fn assert_shown_as_drawn(buf: &Buffer, what: &str) {
    let (drawn, shown) = (drawn_rows(buf), terminal_rows(buf));
    for (y, (d, s)) in drawn.iter().zip(&shown).enumerate() {
        assert_eq!(
            d,
            s,
            "{what}: row {y} drawn (left) differs from what the terminal shows (right); screen:\n{}",
            shown.join("\n")
        );
    }
}

/// The overlays, each opened on a fresh app at a pane.
fn open_overlay(app: &mut App, overlay: &str) {
    match overlay {
        "none" => {}
        "help" => acts(app, [Action::ToggleHelp]),
        "problems" => acts(app, [Action::OpenProblems]),
        "scope" => acts(app, [Action::PickScope]),
        "bookmarks" => acts(app, [Action::ToggleBookmark, Action::OpenBookmarks]),
        "search" => {
            act(app, Action::OpenSearch);
            type_text(app, "海水");
        }
        "network" => {
            assert!(app.open("tanaka"));
            act(app, Action::OpenNetwork);
        }
        other => panic!("no overlay {other}"),
    }
}

#[test]
fn wide_characters_never_cover_an_overlay_or_a_neighbouring_pane() {
    let overlays = [
        "none",
        "help",
        "problems",
        "scope",
        "bookmarks",
        "search",
        "network",
    ];
    let mut frames = 0;
    for pane in [Pane::Overview, Pane::Actors, Pane::Timeline, Pane::Quotes] {
        for overlay in overlays {
            for w in [80, 81, 99, 100, 101, 110, 111, 119, 120, 121] {
                let mut app = wide();
                act(&mut app, Action::FocusPane(pane));
                open_overlay(&mut app, overlay);
                // A detail's wide lines lie across the list's right border too.
                let buf = frame(&mut app, w, 30);
                assert_shown_as_drawn(&buf, &format!("{pane:?} + {overlay} at {w}x30"));
                frames += 1;
            }
        }
    }
    assert_eq!(frames, 4 * 7 * 10);
}

/// The screen's rows as the frame means them.
fn screen(app: &mut App, w: u16, h: u16) -> Vec<String> {
    drawn_rows(&frame(app, w, h))
}

/// The display column at which `needle` starts in `row`.
fn column(row: &str, needle: &str) -> Option<usize> {
    row.find(needle)
        .map(|i| unicode_width::UnicodeWidthStr::width(&row[..i]))
}

/// The screen with the first problem opened in the problems panel, and the row quoting the
/// line whose gutter reads `gutter`.
fn problem_rows(
    lib: &Library,
    report: &Report,
    (w, h): (u16, u16),
    gutter: &str,
) -> (Vec<String>, usize) {
    let mut app = App::new(lib.clone(), report.clone(), Theme::new(false));
    acts(&mut app, [Action::OpenProblems, Action::Activate]);
    let rows = screen(&mut app, w, h);
    let at = rows
        .iter()
        .position(|r| r.contains(gutter))
        .unwrap_or_else(|| panic!("the quoted line at {w}x{h}:\n{}", rows.join("\n")));
    (rows, at)
}

#[test]
fn a_quoted_line_wider_than_the_problems_panel_is_cut_with_its_carets_under_it() {
    let (lib, report) =
        load_paths(&[fixture("render/excerpt.toml")], LoadOptions::default()).unwrap();
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    for (w, h) in [(80, 24), (100, 30), (120, 40), (200, 40)] {
        let (rows, at) = problem_rows(&lib, &report, (w, h), "21 | ");
        let all = rows.join("\n");
        let (source, carets) = (&rows[at], &rows[at + 1]);
        // The gutter stays, on the quoted line and under it.
        let bar = column(source, "21 |").unwrap() + 3;
        assert_eq!(column(carets, "|"), Some(bar), "gutter at {w}x{h}:\n{all}");
        // The carets start under the word where the excerpt departs from its paragraph,
        // far along the line.
        assert_eq!(
            column(carets, "^"),
            column(source, "into diverted"),
            "carets at {w}x{h}:\n{all}"
        );
        // Nothing of the snippet wrapped: no caret row without its gutter.
        assert!(
            !rows
                .iter()
                .any(|r| r.trim_start_matches(['│', '┌', ' ']).starts_with('^')),
            "a wrapped caret row at {w}x{h}:\n{all}"
        );
        assert!(
            all.contains("¶2 has “inquiry found"),
            "the label at {w}x{h}:\n{all}"
        );
        if w < 200 {
            // Cut by the panel (`…`) or by the renderer around the span (`...`).
            assert!(
                source.contains('…') || source.contains("..."),
                "the cut is marked at {w}x{h}:\n{all}"
            );
        }
    }
}

/// A quoted line that fits in the problems panel is shown whole, whatever the length of its
/// label: a long label moves to a line of its own, wrapped, rather than cutting the line
/// (`146 | … = "planed"` had hidden the key in a panel 88 columns wide).
#[test]
fn a_quoted_line_that_fits_the_problems_panel_is_not_cut_for_its_long_label() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("status.toml");
    let text = std::fs::read_to_string(fixture("valid/minimal.toml"))
        .unwrap()
        .replace("status = \"occurred\"", "status = \"planed\"");
    std::fs::write(&path, text).unwrap();
    let (lib, report) = load_paths(&[path], LoadOptions::default()).unwrap();
    assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
    for (w, h) in [(60, 30), (80, 24), (94, 30), (120, 40), (200, 40)] {
        let (rows, at) = problem_rows(&lib, &report, (w, h), "23 | ");
        let all = rows.join("\n");
        let (source, carets) = (&rows[at], &rows[at + 1]);
        assert!(
            source.contains("23 | status = \"planed\"") && !source.contains('…'),
            "the line whole at {w}x{h}:\n{all}"
        );
        assert_eq!(
            column(carets, "^"),
            column(source, "\"planed\""),
            "carets at {w}x{h}:\n{all}"
        );
        // The label is all there, if on lines of its own.
        let label =
            "expected one of `occurred`, `planned`, `scheduled`, `proposed`, `reported`, `ongoing`";
        let words: Vec<&str> = rows
            .iter()
            .skip(at + 1)
            .map(|r| r.trim_matches(['│', ' ']))
            .take_while(|r| r.starts_with('|') && r.len() > 1)
            .flat_map(|r| r.split(['|', '^', ' ']))
            .filter(|s| !s.is_empty())
            .collect();
        assert_eq!(words.join(" "), label, "the label whole at {w}x{h}:\n{all}");
    }
}

#[test]
fn the_scope_picker_cuts_a_long_title_but_keeps_its_date_and_shown_mark() {
    let (lib, report) = load_paths(&[fixture("series")], LoadOptions::default()).unwrap();
    let mut app = App::new(lib, report, Theme::new(false));
    // Show the last briefing alone, then open the picker again on it.
    act(&mut app, Action::PickScope);
    acts(&mut app, std::iter::repeat_n(Action::MoveDown, 4));
    acts(&mut app, [Action::Activate, Action::PickScope]);
    for w in [50, 60, 80, 120] {
        let rows = screen(&mut app, w, 20);
        let all = rows.join("\n");
        let last = rows
            .iter()
            .find(|r| r.contains("(2024-12-01)"))
            .unwrap_or_else(|| panic!("the last briefing's date at {w}:\n{all}"));
        assert!(
            last.contains("▶") && last.contains(" (2024-12-01)  (shown)│"),
            "date and mark at {w}: {last:?}\n{all}"
        );
        let second = rows
            .iter()
            .find(|r| r.contains("(2024-06-01)"))
            .unwrap_or_else(|| panic!("the second briefing's date at {w}:\n{all}"));
        assert!(
            !second.contains(")…") && !second.contains(") …"),
            "{second:?}"
        );
    }
}

/// The timeline's axis: the first row inside the list pane.
fn axis_row(app: &mut App, w: u16, h: u16) -> (String, String) {
    act(app, Action::FocusPane(Pane::Timeline));
    let rows = screen(app, w, h);
    (rows[3].clone(), rows.join("\n"))
}

#[test]
fn the_timeline_axis_always_marks_the_view_s_date() {
    // As of 2025-09-15, with rows dated before it and into 2026.
    for (w, h) in [(80, 24), (120, 40), (200, 40)] {
        let mut app = wide();
        let (axis, all) = axis_row(&mut app, w, h);
        assert_eq!(axis.matches('┃').count(), 1, "at {w}x{h}:\n{all}");
        assert_eq!(axis.matches('▲').count(), 1, "at {w}x{h}:\n{all}");
        // 2025-07 falls before the view's date, 2026 after it.
        let (before, after) = axis.split_once('┃').unwrap();
        assert!(before.contains(['▲', '█']), "at {w}x{h}: {axis}");
        assert!(after.contains('█'), "at {w}x{h}: {axis}");
    }
    // In every view of a series, the latest as well as the earlier ones.
    let (lib, report) = load_paths(&[fixture("series")], LoadOptions::default()).unwrap();
    let mut app = App::new(lib, report, Theme::new(false));
    for step in 0..3 {
        let (axis, all) = axis_row(&mut app, 120, 40);
        assert_eq!(axis.matches('┃').count(), 1, "view {step}:\n{all}");
        act(&mut app, Action::EarlierView);
    }
}

/// The part of `row` from display column `col` on.
fn from_column(row: &str, col: usize) -> &str {
    let mut at = 0;
    for (i, c) in row.char_indices() {
        if at >= col {
            return &row[i..];
        }
        at += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
    }
    ""
}

#[test]
fn an_indented_line_of_a_summary_keeps_its_indent_in_the_detail_view() {
    for (w, h) in [(80, 24), (120, 40)] {
        let mut app = wide();
        assert!(app.open("plant-proposed-b"));
        let rows = screen(&mut app, w, h);
        let all = rows.join("\n");
        let find = |needle: &str| {
            rows.iter()
                .position(|r| r.contains(needle))
                .unwrap_or_else(|| panic!("{needle} at {w}x{h}:\n{all}"))
        };
        let head = find("Rationing in three tiers:");
        let left = column(&rows[head], "Rationing").unwrap();
        let towns = find("• towns:");
        assert_eq!(towns, head + 1, "at {w}x{h}:\n{all}");
        assert_eq!(
            column(&rows[towns], "•"),
            Some(left + 2),
            "at {w}x{h}:\n{all}"
        );
        // The bullet's text wraps under its first word, not back at the margin.
        let text_at = column(&rows[towns], "towns").unwrap();
        let next = from_column(&rows[towns + 1], left);
        let indent = next.len() - next.trim_start().len();
        assert_eq!(left + indent, text_at, "at {w}x{h}:\n{all}");
        assert_eq!(
            column(&rows[find("• villages:")], "•"),
            Some(left + 2),
            "at {w}x{h}:\n{all}"
        );
    }
}

/// briefings/README.md: the browser writes each vocabulary's first spelling, whatever
/// spelling the file used (`org`): in full, in a detail and in the list's kind column.
#[test]
fn the_browser_writes_the_first_spelling_of_kinds() {
    let path = fixture("export/lake-1.toml");
    let (lib, report) = load_paths(&[path], LoadOptions::default()).unwrap();
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let mut app = App::new(lib, report, Theme::new(false));
    assert!(app.open("authority"));
    let all = screen(&mut app, 120, 40).join("\n");
    let row = all
        .lines()
        .find(|l| l.contains("▶ Lake Authority"))
        .unwrap_or_else(|| panic!("{all}"));
    assert!(row.contains(" organization "), "the list column:\n{all}");
    assert!(
        all.contains("kind        organization"),
        "the detail:\n{all}"
    );
    assert!(!all.contains(" org "), "{all}");
}

/// A briefing of series `m` as of `as_of` describing Ördög with `role`, and giving his
/// words of 15 March verbatim; `more` adds items.
fn ordog_briefing(id: &str, as_of: &str, role: &str, more: &str) -> String {
    format!(
        "[briefing]\nid = \"{id}\"\ntitle = \"T\"\nas_of = \"{as_of}\"\nseries = \"m\"\nsummary = \"S\"\n\n\
         [[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n\n\
         [[actors]]\nid = \"ordog\"\nname = \"Zoltán Ördög\"\nkind = \"person\"\nrole = \"{role}\"\n\
         cite = [{{ source = \"s\", locator = \"1\" }}]\n\n\
         [[quotes]]\nid = \"not-alone\"\nkind = \"direct\"\n\
         text = \"We will not let a single village face this water alone.\"\nspeaker = \"ordog\"\n\
         date = \"2025-03-15\"\ncite = [{{ source = \"s\", locator = \"2\" }}]\n{more}"
    )
}

/// Words given again verbatim by later briefings keep the role their speaker had when
/// they spoke: Ördög's words of 15 March are an interior minister's, though the June
/// briefing, which gives them again, has him acting prime minister; words he said in June
/// are the prime minister's. In the copied citation and on the detail's Speaker line,
/// which says what he is now.
#[test]
fn words_given_again_later_keep_the_role_their_speaker_had_then() {
    let june = "\n[[quotes]]\nid = \"new-government\"\nkind = \"direct\"\ntext = \"This government will rebuild.\"\nspeaker = \"ordog\"\ndate = \"2025-06-02\"\ncite = [{ source = \"s\", locator = \"3\" }]\n";
    let files = [
        ("m-03", "2025-03-18", "interior minister", ""),
        ("m-04", "2025-04-10", "interior minister", ""),
        ("m-06", "2025-06", "acting prime minister", june),
    ];
    let inputs = files
        .iter()
        .map(|(id, as_of, role, more)| {
            let text = ordog_briefing(id, as_of, role, more);
            (PathBuf::from(format!("{id}.toml")), Ok(text.into_bytes()))
        })
        .collect();
    let (lib, report) = briefing::model::load_sources(inputs, LoadOptions::default());
    assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
    let mut app = App::new(lib, report, Theme::new(false));
    let cite = |app: &App, id: &str| {
        let q = app.lib().find(id).expect("the quote");
        briefing::tui::panes::citation(app.lib(), q).expect("a citation")
    };
    let march = cite(&app, "not-alone");
    assert!(
        march.contains("— Zoltán Ördög, interior minister, 2025-03-15"),
        "{march}"
    );
    assert!(!march.contains("prime"), "{march}");
    let june = cite(&app, "new-government");
    assert!(
        june.contains("— Zoltán Ördög, acting prime minister, 2025-06-02"),
        "{june}"
    );
    let speaker = speaker_line(&mut app, "not-alone");
    assert!(
        speaker.contains("Zoltán Ördög  person · interior minister · now acting prime minister"),
        "{speaker}"
    );
    assert!(app.open("new-government"));
    let s = screen(&mut app, 160, 45).join("\n");
    assert!(s.contains("person · acting prime minister"), "{s}");
    assert!(!s.contains(" · now "), "{s}");
}

/// The series a user wrote (`tests/fixtures/puerto`): quotes with a date of every shape
/// and long speakers' names, actors of two kinds, an undated quote.
fn puerto() -> App {
    let (lib, report) = load_paths(&[fixture("puerto")], LoadOptions::default()).unwrap();
    assert_eq!(report.error_count(), 0);
    App::new(lib, report, Theme::new(false))
}

/// The rows of the current pane's list (the first box on screen, between its borders), at
/// a height that holds every row of the fixture's lists, trailing blanks trimmed.
fn list_rows(app: &mut App, w: u16) -> Vec<String> {
    screen(app, w, 30)
        .iter()
        .skip(3)
        .filter_map(|l| Some(l.split('│').nth(1)?.trim_end().to_owned()))
        .filter(|r| !r.is_empty())
        .collect()
}

/// The list's rows at every width from the smallest screen to a wide one, each row holding
/// its word of `whole` uncut (followed by a space or ending the row); `more` checks the rest.
fn rows_keep_whole(app: &mut App, whole: &[&str], mut more: impl FnMut(u16, &[String])) {
    for w in 40..=200 {
        let rows = list_rows(app, w);
        assert_eq!(rows.len(), whole.len(), "{w} columns: {rows:#?}");
        for (row, word) in rows.iter().zip(whole) {
            assert!(
                row.contains(&format!(" {word} ")) || row.ends_with(&format!(" {word}")),
                "{w} columns: {word} is cut in {row:?}"
            );
        }
        more(w, &rows);
    }
}

fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// Every quote row shows its own date whole, at every width from the smallest screen to a
/// wide one, the speaker and the words giving way to it; the dates line up, in a column
/// before the words or at the right end of the rows. Where the list has room (72 columns
/// or more), speakers are not cut.
#[test]
fn every_quote_row_keeps_its_date_whole_at_every_width() {
    let dates = [
        "2025-03-08",
        "2025-03-08‥03-09",
        "2025-03-25‥03-31",
        "≤2025-04-02",
        "≤2025-04-02",
        "2025-05-13",
        "undated",
    ];
    let mut app = puerto();
    act(&mut app, Action::FocusPane(Pane::Quotes));
    rows_keep_whole(&mut app, &dates, |w, rows| {
        let at_end = rows.iter().zip(dates).all(|(r, d)| r.ends_with(d))
            && rows
                .iter()
                .all(|r| display_width(r) == display_width(&rows[0]));
        let starts: Vec<Option<usize>> = rows
            .iter()
            .zip(dates)
            .map(|(r, d)| column(r, &format!(" {d} ")))
            .collect();
        let in_column = starts.iter().all(|s| s.is_some() && *s == starts[0]);
        assert!(at_end || in_column, "{w} columns: {rows:#?}");
        let list_w = if w < 90 { w - 2 } else { w * 2 / 5 - 2 };
        if list_w >= 72 {
            assert!(
                rows[4].contains("María José Peñaloza") && rows[2].contains("Abdullah Al-Kuwari"),
                "{w} columns: {rows:#?}"
            );
        }
    });
    // The user's screen: 100 columns, the list beside the detail.
    let rows = list_rows(&mut app, 100);
    assert!(rows[0].ends_with("  2025-03-08"), "{rows:#?}");
    assert!(rows[6].ends_with("  undated"), "{rows:#?}");
}

/// The timeline's rows start with their dates, whole at every width, quotes' (`"`) too.
#[test]
fn every_timeline_row_keeps_its_date_whole_at_every_width() {
    let mut app = puerto();
    act(&mut app, Action::FocusPane(Pane::Timeline));
    act(&mut app, Action::ToggleTimelineQuotes);
    let lib = app.lib();
    let dates: Vec<String> = app
        .current()
        .rows()
        .iter()
        .filter_map(|r| match r {
            Row::Item(ItemRef::Event(e)) => Some(short_date(lib.events[*e].date)),
            Row::Item(ItemRef::Quote(q)) => Some(short_date(lib.quotes[*q].date)),
            _ => None,
        })
        .collect();
    assert_eq!(dates.len(), 15);
    for w in 40..=200 {
        let rows: Vec<String> = list_rows(&mut app, w)
            .into_iter()
            .skip(1) // the axis
            .filter(|r| !r.contains("── "))
            .collect();
        assert_eq!(rows.len(), dates.len(), "{w} columns: {rows:#?}");
        for (row, date) in rows.iter().zip(&dates) {
            assert!(
                row.contains(&format!(" {date} ")),
                "{w} columns: {date} is not whole in {row:?}"
            );
        }
    }
}

/// An actor's kind shows whole wherever the name keeps room beside it, and a row without
/// the role gives its name every column up to its own kind: a person's name is not cut
/// for another row's `organization`, nor a kind for spare blanks.
#[test]
fn actor_rows_keep_kinds_whole_and_names_take_the_spare_room() {
    let kinds = [
        "organization",
        "person",
        "organization",
        "person",
        "organization",
        "person",
        "person",
    ];
    let mut app = puerto();
    act(&mut app, Action::FocusPane(Pane::Actors));
    rows_keep_whole(&mut app, &kinds, |w, rows| {
        if rows.iter().zip(kinds).all(|(r, k)| r.ends_with(k)) {
            assert!(
                rows[3].contains("María José Peñaloza") && rows[5].contains("Abdullah Al-Kuwari"),
                "{w} columns: {rows:#?}"
            );
        }
    });
    // The user's screen: 100 columns, the list beside the detail, too narrow for roles.
    let rows = list_rows(&mut app, 100);
    assert!(
        rows.iter()
            .zip(kinds)
            .all(|(r, k)| r.ends_with(&format!(" {k}"))),
        "{rows:#?}"
    );
}

/// With quotes on the timeline (`"`), an undated quote is listed last under "date
/// unknown", as undated events are, and counted: the tab says 8 events and 7 quotes. The
/// selection reaches it, and a filter finds it.
#[test]
fn undated_quotes_join_the_timeline_under_date_unknown() {
    let mut app = puerto();
    act(&mut app, Action::FocusPane(Pane::Timeline));
    act(&mut app, Action::ToggleTimelineQuotes);
    let floor = app.lib().find("ortuzar-floor").expect("the undated quote");
    assert_eq!(app.current().list.items(), 15);
    let s = screen(&mut app, 100, 30);
    assert!(s[1].contains("[3 Timeline 15"), "{}", s.join("\n"));
    let rows = app.current().rows();
    assert_eq!(
        rows[rows.len() - 2..],
        [Row::Header("date unknown".into()), Row::Item(floor),],
        "{rows:?}"
    );
    act(&mut app, Action::Bottom);
    assert_eq!(app.current().selected_item(), Some(floor));
    let rows = list_rows(&mut app, 100);
    assert!(
        rows[rows.len() - 2].contains("── date unknown"),
        "{rows:#?}"
    );
    let last = &rows[rows.len() - 1];
    assert!(
        last.starts_with("▶") && last.contains(" undated ") && last.contains("“ Joaquín Or"),
        "{rows:#?}"
    );
    act(&mut app, Action::Top);
    act(&mut app, Action::OpenFilter);
    type_text(&mut app, "floor");
    act(&mut app, Action::Activate);
    assert_eq!(app.current().list.items(), 1);
    assert_eq!(app.current().selected_item(), Some(floor));
    // Off again, the timeline lists its events only.
    act(&mut app, Action::CloseOverlay);
    act(&mut app, Action::ToggleTimelineQuotes);
    assert!(
        app.current()
            .rows()
            .iter()
            .all(|r| !matches!(r, Row::Item(ItemRef::Quote(_))))
    );
}

/// Turning the timeline's quotes off (`"`) while a quote is selected selects the event
/// nearest to it in date, of those just above and below it (the one above on a tie: an
/// event of the quote's own day), not the first row; turning them on again keeps it.
#[test]
fn timeline_quotes_off_selects_the_event_nearest_the_quote() {
    let mut app = puerto();
    act(&mut app, Action::FocusPane(Pane::Timeline));
    act(&mut app, Action::ToggleTimelineQuotes);
    let rows = app.current().rows().to_vec();
    let quotes: Vec<usize> = (0..rows.len())
        .filter(|&i| matches!(rows[i], Row::Item(ItemRef::Quote(_))))
        .collect();
    assert!(quotes.len() >= 5, "{rows:?}");
    let (mut away_from_first, mut checked_the_vote) = (0, false);
    for at in quotes {
        act(&mut app, Action::Top);
        while app.current().list.selected() < at {
            act(&mut app, Action::MoveDown);
        }
        assert_eq!(app.current().list.selected(), at);
        let lib = app.lib();
        let day = |i: usize| match rows[i] {
            Row::Item(ItemRef::Event(e)) => lib.events[e].date.timeline_key() >> 16,
            Row::Item(ItemRef::Quote(q)) => lib.quotes[q].date.timeline_key() >> 16,
            _ => unreachable!(),
        };
        let event = |i: &usize| matches!(rows[*i], Row::Item(ItemRef::Event(_)));
        let above = (0..at).rev().find(event);
        let below = (at + 1..rows.len()).find(event);
        let nearest = [above, below]
            .into_iter()
            .flatten()
            .min_by_key(|&i| (day(i).abs_diff(day(at)), i > at))
            .map(|i| rows[i].clone());
        if let Row::Item(quote) = rows[at]
            && app.lib().find("authority-dialogue") == Some(quote)
        {
            checked_the_vote = true;
            // Two rows below the vote, one above the next event: the vote's day is nearer.
            let vote = app.lib().find("strike-vote").map(Row::Item);
            assert_eq!(nearest, vote, "{rows:?}");
            assert_eq!(
                at,
                rows.iter().position(|r| Some(r) == vote.as_ref()).unwrap() + 2
            );
        }
        act(&mut app, Action::ToggleTimelineQuotes);
        assert_eq!(
            app.current().selected_row(),
            nearest.as_ref(),
            "from row {at}"
        );
        away_from_first += usize::from(app.current().list.selected() > 1);
        act(&mut app, Action::ToggleTimelineQuotes);
        assert_eq!(
            app.current().selected_row(),
            nearest.as_ref(),
            "from row {at}, on"
        );
    }
    assert!(away_from_first > 0, "every nearest event is the first row");
    assert!(checked_the_vote);
}

/// The Overview's source rows show their publication dates whole at every width, at the
/// right edge in the briefings' date column; the title gives way.
#[test]
fn overview_source_rows_show_their_publication_dates_whole_at_every_width() {
    let mut app = puerto();
    act(&mut app, Action::FocusPane(Pane::Overview));
    let published = ["2025-03-09", "2025-03-08", "2025-04-02", "2025-05-20"];
    for w in 40..=200 {
        let rows = list_rows(&mut app, w);
        let sources: Vec<&String> = rows.iter().filter(|r| r.contains('⧉')).collect();
        assert_eq!(sources.len(), published.len(), "{w} columns: {rows:#?}");
        let briefing = rows
            .iter()
            .find(|r| r.contains('▣'))
            .expect("a briefing row");
        for (row, date) in sources.iter().zip(published) {
            assert!(row.ends_with(&format!("  {date}")), "{w} columns: {row:?}");
            assert_eq!(
                display_width(row),
                display_width(briefing),
                "{w} columns: the dates make one column: {rows:#?}"
            );
        }
    }
}

/// A quote's speaker is described as the quote's briefing has them: Peñaloza's April quote
/// names her "labour minister; chairs the mediation table", as April had her, though the
/// May briefing (shown for her) has her as former minister; in the copied citation and on
/// the detail's Speaker line.
/// The line under a quote's "Speaker" heading, at 160x45.
fn speaker_line(app: &mut App, quote: &str) -> String {
    assert!(app.open(quote));
    let s = screen(app, 160, 45).join("\n");
    s.lines()
        .skip_while(|l| !l.contains("Speaker"))
        .nth(1)
        .unwrap_or_else(|| panic!("{s}"))
        .to_owned()
}

#[test]
fn a_quote_names_its_speaker_s_role_as_of_the_quote_s_briefing() {
    let mut app = puerto();
    let q = app.lib().find("penaloza-three").expect("the April quote");
    let april = "María José Peñaloza, labour minister; chairs the mediation table";
    let cited = briefing::tui::panes::citation(app.lib(), q).unwrap();
    assert!(cited.contains(april), "{cited}");
    assert!(!cited.contains("former"), "{cited}");
    let speaker = speaker_line(&mut app, "penaloza-three");
    assert!(
        speaker.contains("· labour minister; chairs the mediation table"),
        "{speaker}"
    );
    // The actor's own detail shows the latest role.
    assert!(app.open("penaloza"));
    let s = screen(&mut app, 160, 45).join("\n");
    assert!(s.contains("former labour minister"), "{s}");
}
