//! `briefing diff`: what changed between two briefings, two folders, or the library as known
//! on a date and now. Exit codes follow diff(1): 0 identical, 1 different, 2 trouble.

use std::fmt::Write as _;
use std::io::{IsTerminal as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::{Value, json};

use crate::model::diff::{Change, ChangeKind, Diff, ItemKind, compare};
use crate::model::history::{FieldChange, Value as FieldValue};
use crate::model::text::{display_safe, for_stream, one_line, safe_line};
use crate::model::{Library, PartialDate, Report, View};

use super::ColorChoice;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A git-diff-like layout, coloured on a terminal.
    Text,
    Json,
    Markdown,
}

/// What to compare.
pub enum Sides {
    /// Two files or folders.
    Paths { old: PathBuf, new: PathBuf },
    /// The library as known on a date, against its latest state.
    Since { date: String, paths: Vec<PathBuf> },
}

/// The two states compared, with a label for each.
struct Compared {
    old: Library,
    new: Library,
    old_label: String,
    new_label: String,
}

pub fn run(sides: Sides, format: Format, color: ColorChoice) -> ExitCode {
    let compared = match load(sides) {
        Ok(c) => c,
        Err(e) => {
            super::say::plain(e);
            return ExitCode::from(2);
        }
    };
    let diff = compare(&compared.old, &compared.new);
    let out = match format {
        Format::Text => {
            let color = color.enabled(std::io::stdout().is_terminal());
            for_stream(&to_text(&compared, &diff, color)).into_owned()
        }
        Format::Json => super::json::to_string_pretty(&to_json(&compared, &diff)),
        Format::Markdown => for_stream(&to_markdown(&compared, &diff)).into_owned(),
    };
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        super::say::error(format_args!("cannot write the diff: {e}"));
        return ExitCode::from(2);
    }
    if diff.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Loads a side, refusing one with errors: a diff of half-loaded briefings would mislead.
fn load_side(paths: &[PathBuf]) -> Result<Library, String> {
    let (lib, report) =
        super::load(paths, crate::model::Derived::All).map_err(|e| format!("error: {e}"))?;
    refuse_errors(&report)?;
    Ok(lib)
}

fn refuse_errors(report: &Report) -> Result<(), String> {
    if report.error_count() == 0 {
        return Ok(());
    }
    Err(format!(
        "{}error: the briefings have {} error(s), so the diff would be incomplete\nhelp: fix them first; `briefing check` shows them",
        report.render_all(false),
        report.error_count()
    ))
}

fn load(sides: Sides) -> Result<Compared, String> {
    match sides {
        Sides::Paths { old, new } => {
            let before = load_side(std::slice::from_ref(&old))?;
            let after_alone = load_side(std::slice::from_ref(&new))?;
            warn_if_backwards(&before, &after_alone, &old, &new);
            let shared = after_alone.briefings.iter().any(|b| {
                matches!(
                    before.find(b.id.raw()),
                    Some(crate::model::ItemRef::Briefing(_))
                )
            });
            // NEW's own briefings name it, not the library it makes with OLD ("2
            // briefings" for one file read on top of another).
            let mut new_label = side_label(&after_alone, &display(&new));
            // Different briefings: NEW is the next step of OLD's story, so compare OLD with
            // what the library knows once NEW is added (latest wins). The same briefings in
            // two versions: compare them state against state.
            let after = if shared {
                after_alone
            } else {
                new_label.push_str(", read after the old side");
                load_side(&[old.clone(), new.clone()])?
            };
            Ok(Compared {
                old_label: side_label(&before, &display(&old)),
                new_label,
                old: before,
                new: after,
            })
        }
        Sides::Since { date, paths } => {
            let date =
                PartialDate::parse(date.trim()).map_err(|e| format!("error: --since: {e}"))?;
            let new = load_side(&paths)?;
            let mut old = new.clone();
            old.set_view(View {
                as_of: Some(date),
                ..View::default()
            });
            Ok(Compared {
                old_label: side_label(&old, &format!("as of {date}")),
                new_label: side_label(&new, "now"),
                old,
                new,
            })
        }
    }
}

/// Says so when NEW's latest briefing is older than OLD's: the diff reads from OLD to
/// NEW, so everything would read backwards (what OLD added, shown as removed).
fn warn_if_backwards(before: &Library, after: &Library, old: &Path, new: &Path) {
    fn latest(lib: &Library) -> Option<&crate::model::Briefing> {
        lib.briefings
            .iter()
            .filter(|b| b.in_scope())
            .max_by_key(|b| crate::model::order_key(b.as_of))
    }
    if let (Some(o), Some(n)) = (latest(before), latest(after))
        && crate::model::order_key(n.as_of) < crate::model::order_key(o.as_of)
    {
        super::say::warning(format_args!(
            "{} (as of {}) is older than {} (as of {}): the diff reads from the first to the second, so its changes read backwards\nhelp: give the older briefing first",
            display(new),
            n.as_of,
            display(old),
            o.as_of,
        ));
    }
}

fn display(p: &std::path::Path) -> String {
    crate::model::diag::display_path(p)
}

/// `path (as of 2025-05-21: haiti-2025-05)`: what a side holds. As of a date, a briefing
/// dated more coarsely that may fall on or before it, but is placed after it (`2025-04`
/// counts as its last day), is named as left out, so the side says why it is not there.
fn side_label(lib: &Library, name: &str) -> String {
    let known: Vec<_> = lib.briefings.iter().filter(|b| b.in_scope()).collect();
    let label = held(&known, name);
    let Some(date) = lib.view().as_of else {
        return label;
    };
    let maybe: Vec<String> = lib
        .briefings
        .iter()
        .filter(|b| !b.is_known() && b.as_of.earliest().is_some_and(|e| e <= date.last_day()))
        .map(|b| format!("{} (as of {})", b.id.safe(), b.as_of))
        .collect();
    if maybe.is_empty() {
        return label;
    }
    format!(
        "{label}; left out, as it may be later than {date}: {}",
        maybe.join(", ")
    )
}

/// What a side's briefings are.
fn held(known: &[&crate::model::Briefing], name: &str) -> String {
    match known {
        [] => format!("{name} (no briefings)"),
        [b] => format!("{name} (as of {}: {})", b.as_of, b.id.safe()),
        [.., last] => format!(
            "{name} ({} briefings, latest as of {}: {})",
            known.len(),
            last.as_of,
            last.id.safe()
        ),
    }
}

/// The one-line summary: "2 changed, 1 added, 0 removed, 1 not restated". An item added
/// or changed and then no longer stated is one change, counted as added or changed; the
/// summary says how many of those there are, so that its count of relations not restated
/// never seems to contradict a line above it.
fn tally_line(diff: &Diff) -> String {
    let [added, removed, changed, not_restated] = diff.tally();
    if diff.is_empty() {
        return "no changes".to_owned();
    }
    let mut line =
        format!("{changed} changed, {added} added, {removed} removed, {not_restated} not restated");
    let later = diff
        .changes
        .iter()
        .filter(|c| c.since.is_some() && c.change != ChangeKind::NotRestated)
        .count();
    if later > 0 {
        let _ = write!(line, " ({later} added or changed, then not restated)");
    }
    line
}

fn styled(color: bool, code: &str, s: &str) -> String {
    if color {
        format!("\x1b[{code}m{s}\x1b[0m")
    } else {
        s.to_owned()
    }
}

fn sign_style(c: &ChangeKind) -> &'static str {
    match c {
        ChangeKind::Added => "32",
        ChangeKind::Removed => "31",
        ChangeKind::Changed(_) => "33",
        ChangeKind::NotRestated => "36",
    }
}

/// One field change as text lines, indented; list fields as what was added and removed,
/// and whose role changed, by id.
fn field_lines(f: &FieldChange) -> Vec<String> {
    if let Some(list) = f.list_change() {
        // Each role changed on a line of its own, under the first.
        let head = format!("{}: ", f.field);
        let under = " ".repeat(head.chars().count());
        let lines = list.lines(value_line, value_line);
        return lines
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{}{l}", if i == 0 { &head } else { &under }))
            .collect();
    }
    let short = |v: &FieldValue| {
        let s = v.render();
        (s.chars().count() <= 40 && !s.contains('\n')).then(|| value_line(&s))
    };
    match (short(&f.old), short(&f.new)) {
        (Some(a), Some(b)) => vec![format!("{}: {a} → {b}", f.field)],
        _ => vec![
            format!("{}:", f.field),
            format!("  - {}", value_line(&f.old.render())),
            format!("  + {}", value_line(&f.new.render())),
        ],
    }
}

/// An added or removed item's headline fields, a line each: `role: lead nation of the MSS`.
fn headline(c: &Change) -> Vec<String> {
    c.headline()
        .into_iter()
        .map(|(field, value)| format!("{field}: {}", value_line(&value.render())))
        .collect()
}

/// Where a change comes from: "haiti-2025-10 (as of 2025-10-01): article ¶3, ¶5".
fn provenance(c: &Change) -> String {
    let Some(b) = &c.briefing else {
        return String::new();
    };
    let cite = if c.cite.is_empty() {
        String::new()
    } else {
        format!(": {}", c.cite.join("; "))
    };
    let last = if c.since.is_some() {
        "last stated in "
    } else {
        ""
    };
    safe_line(&format!("{last}{} (as of {}){cite}", b.id, b.as_of))
}

/// A value from a briefing on one line: display-safe, a line break shown as `⏎` as the
/// browser and the Markdown export show it (a relation's notes stated twice are joined by
/// one), not as the `^J` of a control character.
fn value_line(s: &str) -> String {
    one_line(&display_safe(s)).into_owned()
}

/// The name, title or relation in full; a quote's text (a paragraph, at times) to its
/// first 60 characters, in a line of text: its fields below give it whole when it changed.
fn label(c: &Change) -> String {
    let l = value_line(&c.label);
    if c.kind == ItemKind::Quote && l.chars().count() > 60 {
        format!("{}…", l.chars().take(59).collect::<String>())
    } else {
        l
    }
}

fn to_text(cmp: &Compared, diff: &Diff, color: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        styled(color, "1", &format!("--- {}", cmp.old_label))
    );
    let _ = writeln!(
        out,
        "{}",
        styled(color, "1", &format!("+++ {}", cmp.new_label))
    );
    for c in &diff.changes {
        let head = format!(
            "{} {} {}  {}",
            c.change.sign(),
            c.kind.as_str(),
            safe_line(&c.id),
            label(c)
        );
        let _ = writeln!(out, "{}", styled(color, sign_style(&c.change), &head));
        if let ChangeKind::Changed(fields) = &c.change {
            for f in fields {
                for line in field_lines(f) {
                    let _ = writeln!(out, "    {line}");
                }
            }
        }
        for line in headline(c) {
            let _ = writeln!(out, "    {line}");
        }
        if let Some(b) = &c.since {
            let _ = writeln!(
                out,
                "    not restated since {} ({}), which describes both actors",
                b.as_of,
                safe_line(&b.id)
            );
        }
        let _ = writeln!(
            out,
            "    {}",
            styled(color, "2", &format!("[{}]", provenance(c)))
        );
    }
    let _ = writeln!(out, "{}", tally_line(diff));
    out
}

fn value_json(v: &FieldValue) -> Value {
    match v {
        FieldValue::None => Value::Null,
        FieldValue::One(s) => Value::String(s.clone()),
        FieldValue::Many(list) => list.iter().map(|e| Value::String(e.to_string())).collect(),
    }
}

fn to_json(cmp: &Compared, diff: &Diff) -> Value {
    let [added, removed, changed, not_restated] = diff.tally();
    json!({
        "old": cmp.old_label,
        "new": cmp.new_label,
        "summary": { "added": added, "removed": removed, "changed": changed, "not_restated": not_restated },
        "changes": diff.changes.iter().map(|c| json!({
            "kind": c.kind,
            "id": c.id,
            "label": c.label,
            "change": c.change.word(),
            "fields": match &c.change {
                ChangeKind::Changed(fields) => fields.iter().map(|f| json!({
                    "field": f.field, "old": value_json(&f.old), "new": value_json(&f.new),
                })).collect::<Vec<_>>(),
                // What an added item gives, or a removed one gave: every field given.
                ChangeKind::Added | ChangeKind::Removed => c.content.iter().map(|(field, v)| {
                    let (old, new) = match c.change {
                        ChangeKind::Added => (Value::Null, value_json(v)),
                        _ => (value_json(v), Value::Null),
                    };
                    json!({ "field": field, "old": old, "new": new })
                }).collect(),
                ChangeKind::NotRestated => Vec::new(),
            },
            "briefing": c.briefing.as_ref().map(|b| json!({ "id": b.id, "as_of": b.as_of })),
            "not_restated_since": c.since.as_ref().map(|b| json!({ "id": b.id, "as_of": b.as_of })),
            "cite": c.cite,
        })).collect::<Vec<_>>(),
    })
}

fn to_markdown(cmp: &Compared, diff: &Diff) -> String {
    use super::markdown::esc;
    let mut out = String::new();
    let _ = writeln!(out, "# What changed\n");
    let _ = writeln!(out, "- **Before:** {}", esc(&cmp.old_label));
    let _ = writeln!(out, "- **After:** {}", esc(&cmp.new_label));
    let _ = writeln!(out, "- **Summary:** {}\n", esc(&tally_line(diff)));
    for (title, want) in [
        ("Changed", "changed"),
        ("Added", "added"),
        ("Not restated", "not restated"),
        ("Removed", "removed"),
    ] {
        let items: Vec<&Change> = diff
            .changes
            .iter()
            .filter(|c| c.change.word() == want)
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {title}\n");
        for c in items {
            let _ = writeln!(
                out,
                "- **{} `{}`** {} ({})",
                c.kind.as_str(),
                safe_line(&c.id).replace('`', "'"),
                esc(&value_line(&c.label)),
                esc(&provenance(c))
            );
            if let ChangeKind::Changed(fields) = &c.change {
                for f in fields {
                    // A field's old and new values on lines of their own (indented in
                    // the text layout) are a list nested under the field.
                    for line in field_lines(f) {
                        let nested = if line.starts_with(' ') { "  " } else { "" };
                        let _ = writeln!(out, "  {nested}- {}", esc(line.trim_start()));
                    }
                }
            }
            for line in headline(c) {
                let _ = writeln!(out, "  - {}", esc(&line));
            }
            if let Some(b) = &c.since {
                let line = format!("not restated since {} ({})", b.as_of, safe_line(&b.id));
                let _ = writeln!(out, "  - {}", esc(&line));
            }
        }
        out.push('\n');
    }
    out
}
