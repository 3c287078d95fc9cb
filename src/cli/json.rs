//! JSON output that is safe to print. `serde_json` escapes only what JSON requires (C0
//! controls, `"` and `\`), so DEL, C1 controls, bidi controls and other invisible characters
//! would reach whoever prints the output. Here every character that the display-safe form
//! shows visibly is written as a `\uXXXX` escape instead: the text stays exact (any JSON
//! reader gets the same string back) and the bytes stay harmless on a terminal.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::model::text::needs_escape;

/// Pretty-printed JSON with every display-unsafe character escaped, ending in a newline.
pub fn to_string_pretty<T: Serialize + ?Sized>(value: &T) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, Safe(PrettyFormatter::new()));
    // Serialising a `Value` or a derived struct into memory cannot fail.
    let _ = value.serialize(&mut ser);
    out.push(b'\n');
    // The formatter writes only whole UTF-8 characters and ASCII escapes.
    String::from_utf8(out).unwrap_or_default()
}

/// Escapes display-unsafe characters in string fragments; everything else is `F`'s layout.
struct Safe<F>(F);

/// Writes `c` as one `\uXXXX` escape, or a surrogate pair above U+FFFF.
fn write_escaped<W: ?Sized + io::Write>(w: &mut W, c: char) -> io::Result<()> {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        write!(w, "\\u{unit:04X}")?;
    }
    Ok(())
}

macro_rules! delegate {
    ($($name:ident),*) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
            self.0.$name(w)
        }
    )*};
}

macro_rules! delegate_first {
    ($($name:ident),*) => {$(
        fn $name<W: ?Sized + io::Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
            self.0.$name(w, first)
        }
    )*};
}

impl<F: Formatter> Formatter for Safe<F> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if needs_escape(c) {
                self.0.write_string_fragment(w, &fragment[start..i])?;
                write_escaped(w, c)?;
                start = i + c.len_utf8();
            }
        }
        self.0.write_string_fragment(w, &fragment[start..])
    }

    delegate!(
        begin_array,
        end_array,
        end_array_value,
        begin_object,
        end_object,
        begin_object_value,
        end_object_value
    );
    delegate_first!(begin_array_value, begin_object_key);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    #[test]
    fn unsafe_characters_are_escaped_and_the_text_survives() {
        let text = "a\u{7f}b\u{9b}c\u{202e}d\u{1b}]0;t\u{7}e\u{E0100}f·ü";
        let out = super::to_string_pretty(&json!({ "id": text }));
        assert!(out.is_ascii() || out.chars().all(|c| !super::needs_escape(c) || c == '\n'));
        assert!(
            out.contains(r"a\u007Fb\u009Bc\u202Ed\u001b]0;t\u0007e\uDB40\uDD00f·ü"),
            "{out}"
        );
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["id"], text);
        assert!(out.starts_with("{\n  \"id\""), "pretty layout kept: {out}");
    }
}
