//! The search overlay's state: the query being edited, and the latest results.

use super::app::Action;
use crate::model::{ItemRef, Library};

/// The query line and results of the search overlay.
#[derive(Debug, Default)]
pub struct SearchState {
    pub query: String,
    /// Cursor position in chars.
    pub cursor: usize,
    pub results: Vec<ItemRef>,
    pub selected: usize,
    pub offset: usize,
    /// A malformed query's message.
    pub error: Option<String>,
    /// Searchable items in the library: the M of "N of M".
    pub total: usize,
}

impl SearchState {
    pub fn rebuild(&mut self, lib: &Library) {
        self.total = lib.item_count();
    }

    pub fn set_query(&mut self, query: String) {
        self.cursor = query.chars().count();
        self.query = query;
    }

    pub fn selected_item(&self) -> Option<ItemRef> {
        self.results.get(self.selected).copied()
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.results.is_empty() {
            return;
        }
        self.selected = self
            .selected
            .saturating_add_signed(delta)
            .min(self.results.len() - 1);
    }

    pub fn select(&mut self, row: usize) {
        if row < self.results.len() {
            self.selected = row;
        }
    }

    fn byte_at(&self, char_ix: usize) -> usize {
        self.query
            .char_indices()
            .nth(char_ix)
            .map_or(self.query.len(), |(i, _)| i)
    }

    /// Applies an editing action to the query line.
    pub fn edit(&mut self, action: Action) {
        let len = self.query.chars().count();
        match action {
            Action::Type(c) => {
                let at = self.byte_at(self.cursor);
                self.query.insert(at, c);
                self.cursor += 1;
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(len),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = len,
            Action::DeleteBack if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.query.remove(at);
                self.cursor -= 1;
            }
            Action::DeleteWord => {
                let chars: Vec<char> = self.query.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.query.replace_range(a..b, "");
                self.cursor = start;
            }
            Action::ClearQuery => {
                let b = self.byte_at(self.cursor);
                self.query.replace_range(..b, "");
                self.cursor = 0;
            }
            _ => {}
        }
    }

    /// Inserts pasted text as plain characters: controls become spaces, so a pasted escape
    /// sequence arrives as harmless text.
    pub fn paste(&mut self, text: &str) {
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            self.edit(Action::Type(c));
        }
    }
}

/// Draws the visible results, two lines each: badge and text, then context.
pub fn render_results(
    frame: &mut ratatui::Frame<'_>,
    app: &mut super::app::App,
    area: ratatui::layout::Rect,
) {
    use ratatui::text::Span;
    let per_page = usize::from(area.height / 2).max(1);
    let s = &mut app.search;
    if s.selected < s.offset {
        s.offset = s.selected;
    } else if s.selected >= s.offset + per_page {
        s.offset = s.selected + 1 - per_page;
    }
    app.screen.overlay_offset = s.offset;
    let t = app.theme;
    let w = usize::from(area.width);
    let mut lines = Vec::new();
    for (i, &item) in app
        .search
        .results
        .iter()
        .enumerate()
        .skip(app.search.offset)
        .take(per_page)
    {
        let (badge, context) = result_context(&app.lib, item);
        let sel = i == app.search.selected;
        let mut first = vec![
            Span::styled(if sel { "▶ " } else { "  " }, t.key),
            Span::styled(format!("{badge:<6} "), t.badge),
        ];
        first.push(Span::raw(
            crate::model::text::one_line(&app.lib.label(item)).into_owned(),
        ));
        let first = super::text::fit(first, w);
        lines.push(if sel { first.style(t.selected) } else { first });
        lines.push(super::text::fit(
            vec![Span::raw("         "), Span::styled(context, t.dim)],
            w,
        ));
    }
    frame.render_widget(ratatui::widgets::Paragraph::new(lines), area);
}

/// A kind badge and a line of context for a result row.
pub fn result_context(lib: &Library, item: ItemRef) -> (&'static str, String) {
    use crate::model::text::one_line;
    match item {
        ItemRef::Actor(a) => {
            let x = &lib.actors[a];
            (
                "actor",
                format!("{} · {}", x.kind.label(), one_line(x.role.safe())),
            )
        }
        ItemRef::Event(e) => {
            let x = &lib.events[e];
            (
                "event",
                format!("{} {} {}", x.date, x.status.symbol(), x.status.label()),
            )
        }
        ItemRef::Quote(q) => {
            let x = &lib.quotes[q];
            (
                "quote",
                format!(
                    "{} · {} · {}",
                    lib.actors[x.speaker].name.safe(),
                    x.date,
                    x.kind.label()
                ),
            )
        }
        ItemRef::Source(s) => ("source", lib.sources[s].kind.label().to_owned()),
        ItemRef::Briefing(_) => ("brief", String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editing_moves_by_characters_not_bytes() {
        let mut s = SearchState::default();
        s.paste("Sing’oei aware");
        assert_eq!(s.cursor, 14);
        s.edit(Action::DeleteWord);
        assert_eq!(s.query, "Sing’oei ");
        s.edit(Action::CursorLeft);
        s.edit(Action::CursorLeft);
        s.edit(Action::DeleteBack);
        assert_eq!(s.query, "Sing’oi ");
        s.edit(Action::ClearQuery);
        assert_eq!(s.query, "i ", "Ctrl-U deletes to the start, as in a shell");
    }

    #[test]
    fn pasted_escapes_become_plain_text() {
        let mut s = SearchState::default();
        s.paste("a\u{1b}[2Jb\nc");
        assert_eq!(s.query, "a [2Jb c");
    }
}
