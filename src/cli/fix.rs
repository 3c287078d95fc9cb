//! `briefing check --fix`: applies the machine-applicable suggestions of a check.
//!
//! Only keys, table headers and the quoting or bracketing of a value are ever changed:
//! renaming `stauts` to `status`, `[[actor]]` to `[[actors]]`, quoting a bare date, making
//! the curly quotes around a value straight, putting a lone string in a list. Nothing
//! inside a string value is touched: before a file is written, every string value of the
//! original must still be in the result, or the file is left alone. A suggestion whose edits overlap one already taken waits for the next run.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

use toml::de::{DeTable, DeValue};

use crate::model::diag::{Fix, LineIndex, Report};
use crate::model::text::safe_line;

/// One edit that was applied, for the report: where, and the text before and after.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub span: Range<usize>,
    pub before: String,
    pub after: String,
}

/// What `--fix` did to one file.
pub struct FileFixes {
    /// The display-safe path.
    pub display: String,
    /// The text before fixing, for line and column numbers.
    pub text: String,
    pub applied: Vec<Applied>,
}

/// Applies fixes to a text, skipping any fix with an edit that overlaps one already taken.
pub fn apply(text: &str, fixes: &[&Fix]) -> (String, Vec<Applied>) {
    let mut taken: Vec<(Range<usize>, &str)> = Vec::new();
    for fix in fixes {
        let fits = fix.edits.iter().all(|e| {
            text.get(e.span.clone()).is_some()
                && taken
                    .iter()
                    .all(|(t, _)| e.span.end <= t.start || e.span.start >= t.end)
        });
        if fits {
            taken.extend(
                fix.edits
                    .iter()
                    .map(|e| (e.span.clone(), e.replacement.as_str())),
            );
        }
    }
    taken.sort_by_key(|(s, _)| s.start);
    let mut out = String::with_capacity(text.len() + 64);
    let mut applied = Vec::with_capacity(taken.len());
    let mut at = 0;
    for (span, new) in taken {
        out.push_str(&text[at..span.start]);
        out.push_str(new);
        applied.push(Applied {
            before: text[span.clone()].to_owned(),
            after: new.to_owned(),
            span: span.clone(),
        });
        at = span.end;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// True when `after` keeps every string value of `before`: the proof that no fix changed
/// the inside of a string. When `before` parses, `after` must too. When it does not (a bare
/// `date = 2025-05` is a syntax error), the strings are those the parser recovers from
/// each, and `after` may still hold other syntax errors. What the parser recovers from a
/// value written without straight quotes (`title = “Sella”`) it gives as a string too, but
/// the author wrote none there: only values written in quotes count in `before`.
pub fn keeps_strings(before: &str, after: &str) -> bool {
    let (old, new, written) = match (DeTable::parse(before), DeTable::parse(after)) {
        (Ok(old), Ok(new)) => (old, new, None),
        (Ok(_), Err(_)) => return false,
        (Err(_), _) => (
            DeTable::parse_recoverable(before).0,
            DeTable::parse_recoverable(after).0,
            Some(before),
        ),
    };
    let mut counts: HashMap<String, i64> = HashMap::new();
    strings(new.get_ref(), None, &mut |s| {
        *counts.entry(s.to_owned()).or_default() += 1;
    });
    let mut ok = true;
    strings(old.get_ref(), written, &mut |s| {
        let n = counts.entry(s.to_owned()).or_default();
        *n -= 1;
        ok &= *n >= 0;
    });
    ok
}

/// Calls `f` with every string value of `table`; with the `text` it was recovered from,
/// only with those written in quotes there.
fn strings(table: &DeTable<'_>, text: Option<&str>, f: &mut dyn FnMut(&str)) {
    for v in table.values() {
        value_strings(v, text, f);
    }
}

fn value_strings(v: &toml::Spanned<DeValue<'_>>, text: Option<&str>, f: &mut dyn FnMut(&str)) {
    match v.get_ref() {
        DeValue::String(s) => {
            let quoted = text.is_none_or(|t| {
                t.get(v.span().start..)
                    .is_some_and(|rest| rest.starts_with(['"', '\'']))
            });
            if quoted {
                f(s);
            }
        }
        DeValue::Array(items) => items.iter().for_each(|i| value_strings(i, text, f)),
        DeValue::Table(t) => strings(t, text, f),
        _ => {}
    }
}

/// Applies every machine-applicable fix in the report to its file, writing each changed
/// file atomically.
///
/// # Errors
/// Per file, a message when it could not be fixed (changed on disk since it was read, a
/// result that would not keep its strings, or a failed write); the other files are fixed.
pub fn fix_files(report: &Report) -> (Vec<FileFixes>, Vec<String>) {
    let mut by_file: Vec<Vec<&Fix>> = vec![Vec::new(); report.files.len()];
    for d in report.diagnostics.iter().filter(|d| d.is_fixable()) {
        if let (Some(f), Some(fix)) = (d.file, &d.fix) {
            by_file[f].push(fix);
        }
    }
    let (mut done, mut failed) = (Vec::new(), Vec::new());
    for (f, fixes) in by_file.into_iter().enumerate() {
        if fixes.is_empty() {
            continue;
        }
        let file = &report.files[f];
        match fix_one(&file.path, file.text.as_deref(), &fixes) {
            Ok((text, applied)) => done.push(FileFixes {
                display: file.display.clone(),
                text,
                applied,
            }),
            Err(e) => failed.push(format!("cannot fix {}: {e}", file.display)),
        }
    }
    (done, failed)
}

/// Fixes one file whose checked text was `checked`.
fn fix_one(
    path: &Path,
    checked: Option<&str>,
    fixes: &[&Fix],
) -> Result<(String, Vec<Applied>), String> {
    // Read as the check read it: a path swapped for a FIFO since cannot hang the fix.
    let bytes = crate::model::read_file(path)?;
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let text = std::str::from_utf8(&bytes[bom..]).map_err(|_| "it is not UTF-8".to_owned())?;
    if checked != Some(text) {
        return Err("it changed while it was being checked; run the check again".into());
    }
    let (fixed, applied) = apply(text, fixes);
    if !keeps_strings(text, &fixed) {
        return Err("the fixes would change a string value, so none was applied".into());
    }
    let mut out = bytes[..bom].to_vec();
    out.extend_from_slice(fixed.as_bytes());
    // Through a symlink, the file it names is replaced and the link kept; a path swapped
    // for anything but a regular file since it was read is refused.
    super::atomic::write(path, &out, super::atomic::Mode::Replace)?;
    Ok((text.to_owned(), applied))
}

/// One line per applied edit: `` fixed path:line:col: `before` → `after` ``.
pub fn describe(fixes: &[FileFixes]) -> String {
    let mut out = String::new();
    for f in fixes {
        let index = LineIndex::new(&f.text);
        for a in &f.applied {
            let (line, col) = index.line_col(&f.text, a.span.start);
            let _ = writeln!(
                out,
                "fixed {}:{line}:{col}: `{}` → `{}`",
                f.display,
                safe_line(&a.before),
                safe_line(&a.after)
            );
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diag::{Applicability, Edit};

    fn fix(edits: &[(Range<usize>, &str)]) -> Fix {
        Fix {
            edits: edits
                .iter()
                .map(|(s, r)| Edit {
                    span: s.clone(),
                    replacement: (*r).to_owned(),
                })
                .collect(),
            applicability: Applicability::MachineApplicable,
        }
    }

    #[test]
    fn edits_apply_in_order_and_overlaps_wait() {
        let text = "stauts = 1\ndate = 2024-01-02\n";
        let a = fix(&[(0..6, "status")]);
        let b = fix(&[(18..28, "\"2024-01-02\"")]);
        let clash = fix(&[(2..8, "x")]);
        let (out, applied) = apply(text, &[&a, &clash, &b]);
        assert_eq!(out, "status = 1\ndate = \"2024-01-02\"\n");
        assert_eq!(applied.len(), 2);
        assert_eq!(applied[0].before, "stauts");
    }

    #[test]
    fn a_fix_inside_a_string_is_caught() {
        let before = "a = \"schedulled\"\nb = 2024-01-02\n";
        assert!(keeps_strings(
            before,
            "a = \"schedulled\"\nb = \"2024-01-02\"\n"
        ));
        assert!(!keeps_strings(
            before,
            "a = \"scheduled\"\nb = 2024-01-02\n"
        ));
        assert!(!keeps_strings(before, "a = \"schedulled\n"));
        // A file that does not parse: quoting a bare date keeps its strings, and a fix
        // inside one of them is still caught.
        let broken = "a = \"schedulled\"\nb = 2024-01\nc = \"x\" d\n";
        assert!(keeps_strings(
            broken,
            "a = \"schedulled\"\nb = \"2024-01\"\nc = \"x\" d\n"
        ));
        assert!(!keeps_strings(
            broken,
            "a = \"scheduled\"\nb = \"2024-01\"\nc = \"x\" d\n"
        ));
        // Straight quotes for curly ones keep the text between them; the strings written
        // in quotes are still held to.
        let curly = "a = “Sella: a note”\nb = \"kept\"\n";
        assert!(keeps_strings(
            curly,
            "a = \"Sella: a note\"\nb = \"kept\"\n"
        ));
        assert!(!keeps_strings(
            curly,
            "a = \"Sella: a note\"\nb = \"lost\"\n"
        ));
    }
}
