//! A guard against absurdly nested TOML, checked before the real parser runs, so that a
//! hostile file gets a clear error instead of exhausting the stack.

use super::diag::Diagnostic;

/// Deeper than any real briefing needs (an array of inline tables is depth 3).
pub const MAX_DEPTH: usize = 64;

/// Returns an error at the first bracket that nests deeper than [`MAX_DEPTH`].
///
/// Strings and comments are skipped so that brackets inside them do not count.
pub fn check(text: &str) -> Option<Diagnostic> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    // Inside `[table.header]`, brackets are not values; headers never nest.
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' | b'\'' => i = skip_string(bytes, i),
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(
                        Diagnostic::error(format!("nesting deeper than {MAX_DEPTH} levels"))
                            .at(0, i..i + 1)
                            .label("too deep here")
                            .help("briefings never need deep nesting; is this file damaged?"),
                    );
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Returns the index of the last byte of the string starting at `start`.
pub(crate) fn skip_string(bytes: &[u8], start: usize) -> usize {
    let quote = bytes[start];
    let triple = bytes.get(start..start + 3) == Some(&[quote; 3][..]);
    let mut i = start + if triple { 3 } else { 1 };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\\' && quote == b'"' {
            i += 2;
            continue;
        }
        if b == quote {
            if !triple {
                return i;
            }
            if bytes.get(i..i + 3) == Some(&[quote; 3][..]) {
                // Up to two more quotes may close a triple-quoted string.
                let mut end = i + 2;
                while bytes.get(end + 1) == Some(&quote) && end < i + 4 {
                    end += 1;
                }
                return end;
            }
        }
        if b == b'\n' && !triple {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_arrays_and_tables_are_refused() {
        let deep = "a = ".to_owned() + &"[".repeat(100_000);
        let d = check(&deep).expect("too deep");
        assert_eq!(d.span, Some(4 + MAX_DEPTH..5 + MAX_DEPTH));
        let inline = "a = ".to_owned() + &"{a=".repeat(100_000);
        assert!(check(&inline).is_some());
    }

    #[test]
    fn brackets_in_strings_and_comments_do_not_count() {
        let text = format!(
            "a = \"{}\"\n# {}\nb = '''{}'''\n",
            "[".repeat(200),
            "{".repeat(200),
            "[".repeat(200)
        );
        assert!(check(&text).is_none());
        assert!(check("[[quotes]]\ncite = [{ source = \"a\", locator = \"¶1\" }]\n").is_none());
    }
}
