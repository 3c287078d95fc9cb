//! A one-line text editor: the search query now, a pane filter later.
//!
//! The cursor moves by characters, never bytes, and pasted text arrives as plain text.

use super::action::Action;

/// A line of text with a cursor.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    /// Cursor position in chars.
    cursor: usize,
}

impl LineEditor {
    /// The text.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position, in characters from the start.
    #[must_use]
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Replaces the text and puts the cursor at its end.
    pub fn set(&mut self, text: String) {
        self.cursor = text.chars().count();
        self.text = text;
    }

    fn byte_at(&self, char_ix: usize) -> usize {
        self.text
            .char_indices()
            .nth(char_ix)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Applies an editing action. Returns whether the text changed; actions that are not
    /// about editing change nothing.
    pub fn edit(&mut self, action: &Action) -> bool {
        let before = self.text.len();
        let len = self.text.chars().count();
        match action {
            Action::Type(c) => self.insert(*c),
            Action::Paste(text) => {
                // Controls become spaces, so a pasted escape sequence is harmless text. Put
                // in at once: a character at a time, a long paste cost its length squared.
                let plain: String = text
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                let at = self.byte_at(self.cursor);
                self.text.insert_str(at, &plain);
                self.cursor += plain.chars().count();
            }
            Action::CursorLeft => self.cursor = self.cursor.saturating_sub(1),
            Action::CursorRight => self.cursor = (self.cursor + 1).min(len),
            Action::CursorHome => self.cursor = 0,
            Action::CursorEnd => self.cursor = len,
            Action::DeleteBack if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
            }
            Action::DeleteForward if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
            }
            Action::DeleteWord => {
                let chars: Vec<char> = self.text.chars().collect();
                let mut start = self.cursor;
                while start > 0 && chars[start - 1] == ' ' {
                    start -= 1;
                }
                while start > 0 && chars[start - 1] != ' ' {
                    start -= 1;
                }
                let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
                self.text.replace_range(a..b, "");
                self.cursor = start;
            }
            Action::ClearQuery => {
                let b = self.byte_at(self.cursor);
                self.text.replace_range(..b, "");
                self.cursor = 0;
            }
            _ => {}
        }
        // Every edit that changes the text changes its length.
        self.text.len() != before
    }

    fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delete_takes_the_character_under_the_cursor() {
        let mut line = LineEditor::default();
        line.set("abcdef".into());
        assert!(
            !line.edit(&Action::DeleteForward),
            "nothing under the cursor at the end"
        );
        line.edit(&Action::CursorLeft);
        line.edit(&Action::CursorLeft);
        assert!(line.edit(&Action::DeleteForward));
        assert_eq!((line.text(), line.cursor()), ("abcdf", 4));
        assert!(line.edit(&Action::ClearQuery));
        assert_eq!((line.text(), line.cursor()), ("f", 0));
    }

    #[test]
    fn editing_moves_by_characters_not_bytes() {
        let mut line = LineEditor::default();
        assert!(line.edit(&Action::Paste("Sing’oei aware".into())));
        assert_eq!(line.cursor(), 14);
        line.edit(&Action::DeleteWord);
        assert_eq!(line.text(), "Sing’oei ");
        assert!(!line.edit(&Action::CursorLeft));
        line.edit(&Action::CursorLeft);
        assert!(line.edit(&Action::DeleteBack));
        assert_eq!(line.text(), "Sing’oi ");
        line.edit(&Action::ClearQuery);
        assert_eq!(
            line.text(),
            "i ",
            "Ctrl-U deletes to the start, as in a shell"
        );
        assert!(!line.edit(&Action::MoveDown));
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_whole() {
        let mut line = LineEditor::default();
        line.set("kenya".into());
        line.edit(&Action::CursorHome);
        line.edit(&Action::CursorRight);
        assert!(line.edit(&Action::Paste("ইসলাম\u{1b}x".into())));
        assert_eq!(line.text(), "kইসলাম xenya");
        assert_eq!(line.cursor(), 8);
        let long = "a".repeat(200_000);
        line.edit(&Action::Paste(long));
        assert_eq!(line.text().len(), 200_000 + "kইসলাম xenya".len());
        assert_eq!(line.cursor(), 200_008);
    }

    #[test]
    fn pasted_escapes_become_plain_text() {
        let mut line = LineEditor::default();
        line.edit(&Action::Paste("a\u{1b}[2Jb\nc".into()));
        assert_eq!(line.text(), "a [2Jb c");
    }
}
