//! The real binary in a real pseudo-terminal: keys in, screen out, terminal restored.

mod common;

use common::{Pty, selected_is};

#[test]
fn browse_follow_a_link_and_quit_cleanly() {
    let mut pty = Pty::spawn(&[], 120, 40);
    pty.wait_for("Haiti: US weighs an OAS-led force");
    pty.wait_for("[2 Actors 52");
    pty.send("2");
    pty.wait_for("Korir Sing’oei");
    // Into Sing'oei's detail and along his first link.
    pty.send("jjjjjjjj");
    pty.wait_until(
        |s| {
            s.lines()
                .any(|l| l.contains('▶') && l.contains("Korir Sing’oei"))
        },
        "Sing'oei selected",
    );
    pty.send("\r");
    pty.wait_for("Kenya's Principal Secretary for Foreign Affairs");
    pty.send("?");
    pty.wait_for("Help · Esc closes");
    pty.send("\x1b");
    pty.wait_until(|s| !s.contains("Help · Esc closes"), "help closed");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

/// Back shows the list as it was left: the actor selected on the same screen row, under
/// the same first row, after a link to an actor near the top of the list scrolled it
/// there (the item used to come back at the top or bottom of the list).
#[test]
fn back_restores_the_list_scrolled_as_it_was() {
    let mut pty = Pty::spawn(&[], 100, 30);
    pty.wait_for("[2 Actors 52");
    pty.send("2");
    pty.wait_for("Korir Sing’oei");
    // The list's rows as (selected, label), whatever read marks come and go.
    let rows = |s: &str| -> Vec<(bool, String)> {
        s.lines()
            .skip(3)
            .take(25)
            .filter_map(|l| l.split('│').nth(1))
            .map(|r| {
                let label = r.trim_start_matches(['▶', ' ', '•', '★', '✚', '✎']);
                (r.starts_with('▶'), label.trim_end().to_owned())
            })
            .collect()
    };
    // Down past a screenful (the list scrolls once drawn) and up again: the list
    // scrolled, the selection mid-screen.
    pty.send(&"j".repeat(30));
    pty.wait_until(
        |s| {
            rows(s)
                .first()
                .is_some_and(|(_, l)| !l.starts_with("United States"))
        },
        "the list scrolled",
    );
    pty.send(&"k".repeat(12));
    pty.wait_until(
        |s| selected_is(s, "Latin American countries") && rows(s).len() == 25,
        "Latin American countries selected",
    );
    // A frame can be half drawn: the list as left is the one that stays, whole (its 25
    // rows, the selection on one of them), and the same twice in a row.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let left = loop {
        let before = rows(&pty.screen());
        std::thread::sleep(std::time::Duration::from_millis(300));
        let whole = before.len() == 25 && before.iter().any(|(selected, _)| *selected);
        if (whole && rows(&pty.screen()) == before) || std::time::Instant::now() > deadline {
            break before;
        }
    };
    let at = left.iter().position(|(selected, _)| *selected).unwrap();
    assert!(at > 5 && !left[0].1.starts_with("OAS force"), "{left:?}");
    // Into the detail, to its first link (the relation to the OAS force) and along it.
    pty.send("\r");
    pty.send("\t");
    pty.send("\r");
    pty.wait_until(|s| selected_is(s, "OAS force"), "the OAS force selected");
    pty.send("\x7f"); // Backspace
    pty.wait_until(
        |s| rows(s) == left,
        "the list as it was left, Latin American countries on the same row",
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}

#[test]
fn open_flag_starts_on_the_item() {
    let mut pty = Pty::spawn(&["--open", "mss-approved"], 120, 40);
    pty.wait_for("UN Security Council approves the MSS");
    pty.wait_for("status      ● occurred");
    pty.send("\x03"); // Ctrl-C quits too
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn without_a_terminal_the_browser_points_to_the_other_commands() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_briefing"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("needs a terminal"), "{stderr}");
    assert!(stderr.contains("briefing check"), "{stderr}");
}

#[test]
fn y_copies_a_citation_with_the_exact_osc52_bytes() {
    let mut pty = Pty::spawn(&["--open", "singoei-aware"], 120, 40);
    pty.wait_for("Direct quote (verbatim)");
    pty.send("h"); // back to the list, so `y` copies the selected quote itself
    pty.send("y");
    pty.wait_for("copied: “Yes, we are aware.");
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    let expected_text = "“Yes, we are aware. That is a greater involvement of Caribbean countries, and it will serve to make the Haitian stabilisation effort a collective international effort enhancing its likely success” — Korir Sing’oei, Kenya's Principal Secretary for Foreign Affairs, 2025-05-21 (News article (untitled in the source text) on US plans for an OAS-led force in Haiti and strains in the Kenya-led MSS, ¶5)";
    let expected = briefing::tui::osc52(expected_text);
    assert!(expected.starts_with("\x1b]52;c;4oCcWWVzLCB3ZSBhcmUgYXdhcmUu"));
    assert!(expected.ends_with("\x1b\\"), "ends with ST");
    let raw = pty.raw.lock().unwrap().clone();
    let raw = String::from_utf8_lossy(&raw);
    assert_eq!(
        raw.matches(&expected).count(),
        1,
        "the OSC 52 sequence was not written exactly once"
    );
}

#[test]
fn search_open_a_quote_and_come_back_to_the_search() {
    let mut pty = Pty::spawn(&[], 120, 40);
    pty.wait_for("[2 Actors 52");
    pty.send("/");
    pty.wait_for("Search · Enter opens");
    pty.send("aware");
    pty.wait_for("of 92");
    pty.wait_until(
        |s| s.contains("▶ quote  Yes, we are aware."),
        "the quote as the first result",
    );
    pty.send("\r");
    pty.wait_for("Direct quote (verbatim)");
    pty.wait_until(
        |s| !s.contains("Search · Enter opens"),
        "the overlay to close",
    );
    assert!(pty.screen().contains("[4 Quotes 15"));
    pty.send("\x7f"); // Backspace
    pty.wait_for("Search · Enter opens");
    pty.wait_for("/ aware");
    pty.send("\x1b");
    pty.wait_until(
        |s| !s.contains("Search · Enter opens"),
        "Esc to close the overlay",
    );
    pty.send("/");
    pty.wait_for("/ aware"); // Esc kept the query
    pty.send("\x1b");
    // Wait for the overlay to close: Esc and q sent together would read as Alt-q.
    pty.wait_until(
        |s| !s.contains("Search · Enter opens"),
        "Esc to close the overlay",
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
    pty.assert_restored();
}

#[test]
fn pasted_escapes_arrive_as_plain_text() {
    let mut pty = Pty::spawn(&[], 120, 40);
    pty.wait_for("[2 Actors 52");
    pty.send("/");
    pty.wait_for("Search · Enter opens");
    // A bracketed paste holding an escape sequence that would retitle the window.
    pty.send("\x1b[200~kenya\x1b]0;pwned\x07\x1b[201~");
    pty.wait_for("/ kenya ]0;pwned");
    assert!(pty.parser.lock().unwrap().callbacks().0.is_empty());
    pty.send("\x1b");
    pty.wait_until(
        |s| !s.contains("Search · Enter opens"),
        "Esc to close the overlay",
    );
    pty.send("q");
    assert_eq!(pty.wait_exit(), 0);
}
