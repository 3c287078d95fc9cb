//! Keeps wide characters whole in a frame's buffer.
//!
//! A wide character (CJK, most emoji) sits in one cell and covers the next. When a later
//! widget writes into the covered cell (an overlay's border, the pane beside), the buffer
//! holds both; ratatui's diff assumes that never happens and skips the covered cell, so the
//! terminal shows the wide character over what was drawn there, and an overlay loses its
//! border. [`mend`] restores the assumption once a frame is drawn: a wide character that
//! lost its second half becomes a blank, as a terminal does when half of one is
//! overwritten. [`clear`] does the same at the edge of an area it blanks, where what covers
//! the second half is itself a blank and [`mend`] cannot tell.
//!
//! A grapheme of several characters that each take a cell (a Devanagari consonant and its
//! spacing vowel sign, `मो`; halfwidth katakana and its sound mark, `ｶﾞ`) is one wide cell
//! to ratatui but separate cells to the terminal, which keeps the second when the first is
//! overwritten. [`mend`] gives each of its characters the cell the terminal draws it in,
//! so the diff clears each one it no longer holds.

use std::num::NonZeroU16;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::widgets::{Clear, Widget};

/// How far left of an edge a character can start and still reach over it: the widest
/// grapheme a terminal draws takes two cells; one more for safety.
const REACH: u16 = 3;

/// Blanks every wide character whose covered cells hold something else, or that runs off
/// the right edge of the buffer.
pub fn mend(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let w = buf[(x, y)].cell_width();
            if w <= 1 {
                x += 1;
                continue;
            }
            let end = x.saturating_add(w);
            let whole = end <= area.right() && (x + 1..end).all(|c| buf[(c, y)].symbol() == " ");
            if whole {
                split(buf, x, y, w);
                x = end;
            } else {
                // Only this cell: what covers its second half is drawn as it is.
                buf[(x, y)].set_symbol(" ");
                x += 1;
            }
        }
    }
}

/// Puts each character of the grapheme at `(x, y)` that takes a cell of its own (with the
/// marks that take none after it) in the cell the terminal draws it in, when together
/// they take no more than the grapheme's `w` cells. Any other grapheme is left as it is.
fn split(buf: &mut Buffer, x: u16, y: u16, w: u16) {
    use unicode_width::UnicodeWidthChar as _;
    let symbol = buf[(x, y)].symbol();
    let mut chars = symbol.chars();
    let Some(first) = chars.next() else {
        return;
    };
    if chars.all(|c| c.width().unwrap_or(0) == 0) {
        // One character, or one and its marks: the terminal keeps them together, in the
        // cells the first takes. ratatui counts a halfwidth sound mark (`ﾞ`) alone as two
        // cells; drawn in one, the cell after it is the diff's to clear.
        let drawn = first
            .width()
            .map_or(0, |w| u16::try_from(w).unwrap_or(u16::MAX));
        if let Some(drawn) = NonZeroU16::new(drawn).filter(|d| d.get() < w) {
            buf[(x, y)].diff_option = CellDiffOption::ForcedWidth(drawn);
        }
        return;
    }
    let mut pieces: Vec<(String, u16)> = Vec::new();
    for c in symbol.chars() {
        let cw = c
            .width()
            .map_or(0, |w| u16::try_from(w).unwrap_or(u16::MAX));
        match pieces.last_mut() {
            Some((piece, _)) if cw == 0 => piece.push(c),
            _ => pieces.push((c.to_string(), cw)),
        }
    }
    // ratatui may count more cells than the terminal draws (it counts a halfwidth sound
    // mark twice); the cells left over stay blank, as they are.
    if pieces.iter().map(|&(_, cw)| cw).sum::<u16>() > w || pieces.iter().any(|p| p.1 == 0) {
        return;
    }
    let cell = buf[(x, y)].clone();
    let mut at = x;
    for (piece, cw) in pieces {
        let Some(width) = NonZeroU16::new(cw) else {
            return;
        };
        buf[(at, y)] = cell.clone();
        buf[(at, y)].set_symbol(&piece);
        if piece.as_str().cell_width() != cw {
            // Its width as the terminal draws it: ratatui counts a halfwidth sound mark
            // alone as two cells, and would skip the cell after it. Elsewhere ratatui's
            // own count stands, and with it its repaint of a wide character's trail.
            buf[(at, y)].diff_option = CellDiffOption::ForcedWidth(width);
        }
        at += cw;
    }
}

/// Resets an area, as ratatui's `Clear` does, and blanks any wide character left of it
/// that reaches into it.
pub fn clear(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    Clear.render(area, buf);
    for y in area.top()..area.bottom() {
        for back in 1..=REACH {
            let Some(x) = area.x.checked_sub(back).filter(|&x| x >= buf.area.x) else {
                break;
            };
            if buf[(x, y)].cell_width() > back {
                buf[(x, y)].set_symbol(" ");
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Modifier, Style};

    use super::*;

    fn row(buf: &Buffer, y: u16) -> String {
        (buf.area.left()..buf.area.right())
            .map(|x| buf[(x, y)].symbol())
            .collect()
    }

    #[test]
    fn a_wide_character_under_a_border_gives_way_to_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "a海水b", Style::new().bold());
        // A border over the second half of 海, then over the first half of 水.
        buf.set_string(2, 0, "│", Style::new());
        buf.set_string(3, 0, "│", Style::new());
        mend(&mut buf);
        assert_eq!(row(&buf, 0), "a ││ b  ");
        // The blank keeps the style of what it replaces.
        assert_eq!(buf[(1, 0)].modifier, Modifier::BOLD);
    }

    #[test]
    fn whole_wide_characters_are_left_alone() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 1));
        buf.set_string(0, 0, "海 💧x", Style::new());
        let before = buf.clone();
        mend(&mut buf);
        assert_eq!(buf, before);
    }

    #[test]
    fn a_wide_character_overwritten_by_another_keeps_the_later_one() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
        buf.set_string(0, 0, "海水", Style::new());
        buf.set_string(1, 0, "淡", Style::new());
        mend(&mut buf);
        assert_eq!(buf[(0, 0)].symbol(), " ");
        assert_eq!(buf[(1, 0)].symbol(), "淡");
        assert_eq!(buf[(2, 0)].symbol(), " ");
    }

    #[test]
    fn a_wide_character_cut_by_the_right_edge_is_blanked() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf[(2, 0)].set_symbol("海");
        mend(&mut buf);
        assert_eq!(row(&buf, 0), "   ");
    }

    #[test]
    fn clearing_an_area_blanks_the_wide_character_reaching_into_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 8, 2));
        buf.set_string(0, 0, "a海水淡b", Style::new().red());
        buf.set_string(0, 1, "海水淡水", Style::new());
        clear(&mut buf, Rect::new(2, 0, 3, 2));
        // Row 0: 海 at 1 reached into the area; 淡 at 5 starts after it.
        assert_eq!(row(&buf, 0), "a    淡 b");
        // Row 1: 海 at 0 ends before the area; 水 and 淡 start inside it; 水 at 6 after.
        assert_eq!(row(&buf, 1), "海     水 ");
    }

    #[test]
    fn a_grapheme_of_characters_the_terminal_draws_apart_gets_a_cell_for_each() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 14, 1));
        buf.set_string(0, 0, "मोदी त्री ｶﾞ海", Style::new().bold());
        mend(&mut buf);
        let cells: Vec<&str> = (0..14).map(|x| buf[(x, 0)].symbol()).collect();
        // ratatui gives `ｶﾞ` three cells where the terminal draws two: the third stays blank.
        assert_eq!(
            cells,
            [
                "म", "ो", "द", "ी", " ", "त्", "र", "ी", " ", "ｶ", "ﾞ", " ", "海", " "
            ]
        );
        assert!(
            (0..14)
                .filter(|&x| buf[(x, 0)].symbol() != " ")
                .all(|x| buf[(x, 0)].modifier == Modifier::BOLD)
        );
        // A consonant and its marks that take no cell stay one cell.
        let mut buf = Buffer::empty(Rect::new(0, 0, 3, 1));
        buf.set_string(0, 0, "रें", Style::new());
        mend(&mut buf);
        assert_eq!(buf[(0, 0)].symbol(), "रें");
    }

    /// The columns the diff writes going from a mended row of `before` to one of `after`.
    fn written(before: &str, after: &str) -> Vec<u16> {
        let row = |text: &str| {
            let mut buf = Buffer::empty(Rect::new(0, 0, 6, 1));
            buf.set_string(0, 0, text, Style::new());
            mend(&mut buf);
            buf
        };
        let (prev, next) = (row(before), row(after));
        prev.diff(&next).iter().map(|&(x, _, _)| x).collect()
    }

    /// What the terminal still shows after the diff: a vowel sign in the second cell of a
    /// name replaced by a shorter one is written over, not left behind.
    #[test]
    fn the_diff_clears_every_cell_a_split_grapheme_held() {
        assert_eq!(written("मोदी", "a"), [0, 1, 2, 3]);
        // A halfwidth sound mark takes one cell: the Devanagari after it is written too.
        assert_eq!(written("मोदी", "ｶﾞ"), [0, 1, 2, 3]);
        // A sound mark alone, which ratatui counts as two cells, takes one: what was in
        // the next cell is cleared.
        let cleared = written("XYZW", "ﾞab");
        assert!(cleared.contains(&1), "{cleared:?}");
    }
}
