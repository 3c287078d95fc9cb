//! A guard against absurdly nested TOML, checked before `toml` builds anything, so that a
//! hostile file gets a clear error instead of exhausting a thread's stack.
//!
//! What nests is the tree `toml` builds, which serde (and `Drop`) then walk recursively.
//! Every table, array and inline table is a level, and so is every part of a dotted key:
//! `a.b.c = 1` puts `1` three tables down, whether the key is in a `[table.header]`, at the
//! start of a line or inside an inline table. A part of a path that names an array of
//! tables is two levels (the array, then its last table). Brackets alone undercount:
//! `{k.k.k = {k.k.k = 1}}` is six levels deep in two pairs of braces, and 60 dotted parts
//! in each of 60 nested inline tables are 3,600 levels in 7 KB.
//!
//! Two passes, both linear:
//!
//! - [`bound`]: a quick upper bound over `toml`'s own tokens (so strings and comments end
//!   exactly where `toml` ends them), which allocates nothing. Every briefing a person
//!   writes passes here.
//! - [`exact::deepest`], only when the bound is over [`MAX_DEPTH`]: `toml`'s own event
//!   parser, followed the way `toml`'s document builder follows it, so that the depth is
//!   that of the tree `toml` would build, and the error points at the first table, array
//!   or key part that would sit too deep.

mod exact;

use toml_parser::Source;
use toml_parser::lexer::TokenKind;

use super::diag::Diagnostic;

/// Deeper than any real briefing needs: an item's citations (`[[quotes]]`, then `cite = [{
/// source = … }]`) are four levels deep.
pub const MAX_DEPTH: usize = 64;

/// More values, arrays and tables than one briefing file ever holds: `toml` builds a node of
/// about 150 bytes for each, so 3.9 million numbers in a list of 7.8 MB took 700 MB to
/// parse before a single one could be found wrong.
pub const MAX_VALUES: usize = 1_000_000;

/// Returns an error at the first table, array or key part that `toml` would build deeper
/// than [`MAX_DEPTH`] levels.
pub fn check(text: &str) -> Option<Diagnostic> {
    if bound(text) <= MAX_DEPTH {
        return None;
    }
    let at = exact::deepest(text)?;
    Some(
        Diagnostic::error(format!("nesting deeper than {MAX_DEPTH} levels"))
            .at(0, at)
            .label("too deep here")
            .help("briefings never need deep nesting; is this file damaged?"),
    )
}

/// The error for a file with more than [`MAX_VALUES`] values (counted by the `=`, `,`, `[`
/// and `{` around them), at the one past the limit. A file of fewer bytes cannot have that
/// many, and is not looked at. Checked before any decoder builds anything.
pub(crate) fn too_many_values(text: &str) -> Option<Diagnostic> {
    if text.len() <= MAX_VALUES {
        return None;
    }
    let mut values = 0usize;
    for token in Source::new(text).lex() {
        if matches!(
            token.kind(),
            TokenKind::Equals
                | TokenKind::Comma
                | TokenKind::LeftSquareBracket
                | TokenKind::LeftCurlyBracket
        ) {
            values += 1;
            if values > MAX_VALUES {
                let at = token.span().start()..token.span().end();
                return Some(
                    Diagnostic::error(format!("more than {MAX_VALUES} values in one file"))
                        .at(0, at)
                        .label("one too many")
                        .help("briefings never need so many; is this file damaged?"),
                );
            }
        }
    }
    None
}

/// An upper bound on how deep any table or array of `text` sits in `toml`'s tree, or the
/// first running bound past [`MAX_DEPTH`].
///
/// A container's depth is made of three parts, each bounded from the tokens alone:
/// - its table header: at most two levels per part of the header's key (a part may name an
///   array of tables), so at most twice the dots on a header line, plus two. The largest
///   header so far is used, since which header a line belongs to can depend on `toml`'s
///   recovery from an error.
/// - the key at the start of its statement, at most two levels per part, and the keys of
///   the inline tables around it, one level per part: at most twice the dots, plus two.
/// - the arrays and inline tables around it: one level for each.
///
/// Dots and brackets are counted from the last line that starts outside every bracket: a
/// statement never begins before that. Brackets close only when they match the innermost
/// open one, so the count never closes a bracket that `toml` still has open; when it keeps
/// more open than `toml` does (after a syntax error), the bound only grows.
fn bound(text: &str) -> usize {
    let mut open: Vec<TokenKind> = Vec::new();
    // The largest header part seen, and dots and brackets since a line began outside every
    // bracket.
    let (mut header, mut since) = (0usize, 0usize);
    // On a line that starts with `[`: its dots so far, and whether `toml` certainly reads it
    // as a header (it starts outside every bracket), so its brackets open nothing.
    let mut header_line: Option<(usize, bool)> = None;
    let mut line_start = true;
    let mut worst = 0usize;
    for token in Source::new(text).lex() {
        let kind = token.kind();
        match kind {
            TokenKind::Newline | TokenKind::Eof => {
                if let Some((dots, _)) = header_line.take() {
                    header = header.max(2 * (dots + 1));
                }
                if open.is_empty() {
                    since = 0;
                }
                line_start = true;
            }
            TokenKind::Whitespace => {}
            _ => {
                if std::mem::take(&mut line_start) && kind == TokenKind::LeftSquareBracket {
                    header_line = Some((0, open.is_empty()));
                    if open.is_empty() {
                        continue;
                    }
                }
                if kind == TokenKind::Dot
                    && let Some((dots, _)) = &mut header_line
                {
                    *dots += 1;
                }
                if matches!(header_line, Some((_, true))) {
                    continue;
                }
                match kind {
                    TokenKind::Dot => since += 2,
                    TokenKind::LeftSquareBracket | TokenKind::LeftCurlyBracket => {
                        open.push(kind);
                        since += 1;
                    }
                    TokenKind::RightSquareBracket | TokenKind::RightCurlyBracket => {
                        let opener = if kind == TokenKind::RightSquareBracket {
                            TokenKind::LeftSquareBracket
                        } else {
                            TokenKind::LeftCurlyBracket
                        };
                        if open.last() == Some(&opener) {
                            open.pop();
                        }
                    }
                    _ => {}
                }
            }
        }
        worst = worst.max(header + 2 + since);
        if worst > MAX_DEPTH {
            return worst;
        }
    }
    worst
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
mod tests;
