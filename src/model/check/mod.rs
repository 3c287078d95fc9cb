//! Checks one parsed file on its own: types, required fields, dates, vocabularies, local
//! ids and citations, and odd-but-valid content. What needs the whole library (references
//! to actors, events and quotes in any file) is left to `link`.
//!
//! One pass: syntax first (every syntax error the parser recovers from); then, if the file
//! parses, every missing field, value of the wrong type and bad value, in every item; then
//! `link` checks every reference, even in a file with errors. Each kind of item has its own
//! function in [`items`]; they share a [`values::Checker`], which collects every problem.

mod bare;
pub(crate) mod curly;
mod dates;
mod fields;
mod items;
mod odd;
mod refs;
mod types;
pub(crate) mod values;

use toml::Spanned;

use super::diag::{Applicability, Diagnostic, Work};
use super::raw::{self, Tab, WrongList};

pub use super::draft::{
    ActorDraft, Checked, EventDraft, LocalCite, MetaDraft, QuoteDraft, Ref, RelationDraft,
    SourceDraft,
};

pub(crate) use bare::quote_bare_dates;
use values::Checker;

/// Each table of a top-level list made into a draft by `each` with its index (see
/// [`values::tables_in`]); the others are reported.
fn tables<T, D>(
    ck: &mut Checker<'_>,
    list: Vec<Spanned<Tab<T>>>,
    name: &str,
    each: impl FnMut(&mut Checker<'_>, usize, Spanned<T>) -> D,
) -> Vec<D> {
    let wrong = |ck: &mut Checker<'_>, span, found: raw::Found| {
        let d = ck.error(span, format!("each of `{name}` is a table"));
        d.label = Some(found.a().into());
        d.help = Some(format!("write each one as a `[[{name}]]` table"));
    };
    values::tables_in(ck, list, wrong, each)
}

/// A top-level list that is not a list of tables: `[actors]` for `[[actors]]`, say.
fn wrong_list(ck: &mut Checker<'_>, w: &WrongList) {
    let written = ck.written(&w.span);
    let header = format!("[{}]", w.name);
    if written.trim() == header || written.replace(' ', "") == header {
        let want = format!("[[{}]]", w.name);
        ck.push_error(
            Diagnostic::error(format!(
                "`{header}` is a single table, but {} are a list of tables",
                w.name
            ))
            .at(0, w.span.clone())
            .label("one table")
            .help(format!(
                "write `{want}` above each one; references to them are checked once this is fixed"
            ))
            .fix(w.span.clone(), want, Applicability::MachineApplicable),
        );
    } else {
        ck.push_error(
            Diagnostic::error(format!("`{}` is a list of tables", w.name))
                .at(0, w.span.clone())
                .label(w.found.a())
                .help(format!("write each one as a `[[{}]]` table", w.name)),
        );
    }
}

/// The `[briefing]` table, or the error that it is missing or not a table.
fn briefing_table(
    ck: &mut Checker<'_>,
    b: Option<Spanned<Tab<raw::Meta>>>,
) -> Option<Spanned<raw::Meta>> {
    let Some(b) = b else {
        let d = ck.error(0..0, "this file has no [briefing] table");
        d.label = Some("expected a [briefing] table".into());
        d.help = Some("start the file with a [briefing] table: id, title, as_of and summary; see `briefing format`".into());
        return None;
    };
    let span = b.span();
    match b.into_inner() {
        Tab::Ok(m) => Some(Spanned::new(span, m)),
        Tab::Wrong(found) => {
            let d = ck.error(span, "`briefing` must be one table, written `[briefing]`");
            d.label = Some(found.a().into());
            d.help = Some(
                "start the file with a single [briefing] table: id, title, as_of and summary"
                    .into(),
            );
            None
        }
    }
}

/// Parses and checks one file.
///
/// # Errors
/// Only the syntax errors of a file that does not parse, and what parsing cost. A file that
/// parses always gives its drafts; its `diagnostics` hold every error and warning, and
/// `broken` says whether any is an error.
pub fn check_file(text: &str) -> Result<Checked, (Vec<Diagnostic>, Work)> {
    let parsed = super::parse::parse(text)?;
    let file = parsed.file;
    let mut ck = Checker::new(text, parsed.unknown, parsed.work);
    for w in &file.wrong {
        wrong_list(&mut ck, w);
    }
    let table = briefing_table(&mut ck, file.briefing);
    let briefing_span = table.as_ref().map(Spanned::span);
    let meta = items::meta(&mut ck, table);
    let mut local = items::Local::new(parsed.ignored.clone());
    // Every item id of the file goes into one table: sized once.
    local.expect_ids(file.actors.len() + file.events.len() + file.quotes.len());
    let sources: Vec<SourceDraft> = tables(&mut ck, file.sources, "sources", |ck, i, s| {
        items::source(ck, i, s, &mut local, meta.as_of)
    });
    // A `[[sources]]` table of the wrong shape, or under a near-miss name, has its own error.
    if let Some(span) = briefing_span.filter(|_| sources.is_empty())
        && !file.wrong.iter().any(|w| w.name == "sources")
        && !parsed.ignored.iter().any(|ig| ig.meant == "[[sources]]")
    {
        let d = ck.error(span, "this briefing has no [[sources]]");
        d.help = Some("every fact cites a source; declare at least one [[sources]] table".into());
    }
    let actors = tables(&mut ck, file.actors, "actors", |ck, i, a| {
        items::actor(ck, i, a, &mut local)
    });
    let relations = tables(&mut ck, file.relations, "relations", |ck, i, r| {
        items::relation(ck, i, r, &mut local)
    });
    let as_of = meta.as_of;
    let events = tables(&mut ck, file.events, "events", |ck, i, e| {
        items::event(ck, i, e, &mut local, as_of)
    });
    let quotes = tables(&mut ck, file.quotes, "quotes", |ck, i, q| {
        items::quote(ck, i, q, &mut local, as_of)
    });
    let dropped = ck.dropped_note();
    let mut diagnostics = super::diag::merge_repeats(ck.errors);
    diagnostics.append(&mut ck.warnings);
    diagnostics.extend(ck.unknown.into_iter().map(|u| u.diag));
    diagnostics.sort_by_key(|d| d.span.as_ref().map_or(0, |s| s.start));
    diagnostics.extend(dropped);
    let mut checked = Checked {
        file: 0,
        meta,
        sources,
        actors,
        relations,
        events,
        quotes,
        broken: diagnostics.iter().any(Diagnostic::is_error),
        // Items in a table of the wrong shape are lost: references to them would all be
        // reported as unknown, so references wait until the shape is fixed.
        skip_references: file
            .wrong
            .iter()
            .any(|w| matches!(w.name, "actors" | "events" | "quotes")),
        diagnostics,
        ignored: parsed.ignored,
        work: ck.work,
    };
    checked.fit();
    Ok(checked)
}

/// Turns a toml syntax error into a diagnostic with its span and the parser's message.
pub(crate) fn toml_error(e: &toml::de::Error, text: &str) -> Diagnostic {
    let message = e.message().trim();
    let mut d = Diagnostic::error(message.lines().next().unwrap_or(message)).in_file(0);
    if let Some(span) = e.span() {
        d.span = Some(span.start.min(text.len())..span.end.min(text.len()));
    }
    if message.starts_with("duplicate key") {
        d.label = Some("defined again here".into());
        d.help = Some("a key or table is defined once; remove one of them, or merge them".into());
        if let Some(span) = d.span.clone()
            && let Some(key) = text.get(span.clone()).filter(|k| !k.is_empty())
        {
            d.message = format!("duplicate key `{}`", super::text::safe_line(key));
            if let Some(first) = first_definition(text, span.start, key) {
                d = d.related(0, first, "first defined here");
            }
        }
    }
    d
}

/// Where a key defined twice at byte `at` was first defined: the same key at the start of
/// an earlier line of the same table (up to the header above it), or, for a table header
/// written twice (`[theme]`), the key in the first header written the same way.
fn first_definition(text: &str, at: usize, key: &str) -> Option<std::ops::Range<usize>> {
    let before = text.get(..at)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    if before[line_start..].trim_start().starts_with('[') {
        return first_header(text, line_start, key);
    }
    // The line of the second definition first, which holds only what is before its key.
    let mut end = before.len();
    loop {
        let start = before[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = &before[start..end];
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            return None;
        }
        if let Some(rest) = trimmed.strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            let from = start + (line.len() - trimmed.len());
            return Some(from..from + key.len());
        }
        if start == 0 {
            return None;
        }
        end = start - 1;
    }
}

/// The span of `key` in the first header line before `line_start` written as the header
/// that starts there (spaces and a comment aside).
fn first_header(text: &str, line_start: usize, key: &str) -> Option<std::ops::Range<usize>> {
    // `[ keys . search ]  # mine` is `[keys.search]`.
    let header = |line: &str| -> String {
        let line = line.split('#').next().unwrap_or_default();
        line.chars().filter(|c| !c.is_whitespace()).collect()
    };
    let rest = &text[line_start..];
    let this = header(&rest[..rest.find('\n').unwrap_or(rest.len())]);
    let mut start = 0;
    for line in text[..line_start].split_inclusive('\n') {
        if header(line) == this
            && let Some(at) = line.rfind(key)
        {
            return Some(start + at..start + at + key.len());
        }
        start += line.len();
    }
    None
}
