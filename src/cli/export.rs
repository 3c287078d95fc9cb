//! `briefing export`: the loaded library as JSON. Exports keep the author's exact text
//! (safely escaped by the JSON encoder), dates at their precision, and every citation.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use serde_json::{Value, json};

use crate::model::text::for_stream;
use crate::model::{Citation, DateSpec, Library, Subject, Text};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Json,
    Markdown,
}

/// Where the export goes.
pub struct Target<'a> {
    pub output: Option<&'a std::path::Path>,
    pub force: bool,
}

pub fn run(
    paths: &[PathBuf],
    as_of: Option<&str>,
    format: Format,
    target: &Target<'_>,
    bookmarks: Option<&crate::state::Marks>,
) -> ExitCode {
    // A link, even one to nothing, is a file there. `--force` replaces the file it names and
    // keeps the link (see `atomic`).
    if let Some(out) = target.output
        && out.symlink_metadata().is_ok()
        && !target.force
    {
        eprintln!(
            "error: {} already exists\nhelp: add --force to overwrite it",
            crate::model::diag::display_path(out)
        );
        return ExitCode::from(2);
    }
    let (library, report) = match super::load_as_of(paths, as_of, crate::model::Derived::All) {
        Ok((library, report)) => (super::keep(library), report),
        Err(e) => {
            super::say::error(e);
            return ExitCode::from(2);
        }
    };
    if report.error_count() > 0 {
        let _ = report.write_all(
            &mut std::io::stderr().lock(),
            false,
            super::say::stderr_columns(),
        );
        eprintln!(
            "warning: {} file(s) with errors were left out of the export",
            count_bad_files(&report)
        );
    }
    let out = match (format, bookmarks) {
        (Format::Json, None) => super::json::to_string_pretty(&to_json(&library)),
        // A document has no cells to misplace: characters shown by number on the screen
        // for their width alone are themselves (`for_stream`).
        (Format::Markdown, None) => for_stream(&super::markdown::render(&library)).into_owned(),
        (Format::Json, Some(marks)) => {
            super::json::to_string_pretty(&super::bookmarks::json(&library, marks))
        }
        (Format::Markdown, Some(marks)) => {
            for_stream(&super::bookmarks::markdown(&library, marks)).into_owned()
        }
    };
    if let Some(path) = target.output {
        return match write_atomically(path, out.as_bytes(), target.force) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                super::say::error(format_args!(
                    "cannot write {}: {e}",
                    crate::model::diag::display_path(path)
                ));
                ExitCode::from(2)
            }
        };
    }
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        super::say::error(format_args!("cannot write the export: {e}"));
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// Writes to a temporary file beside `path`, then renames it over `path`, so an interrupted
/// export never leaves a half-written file and a failed one leaves the old file intact.
/// Without `force` it never replaces a file, even one made while the library loaded. With
/// it, a symlink's file is replaced and the link kept, and a device or FIFO
/// (`/dev/stdout`) is written into, never replaced.
fn write_atomically(path: &std::path::Path, bytes: &[u8], force: bool) -> Result<(), String> {
    let mode = if force {
        super::atomic::Mode::ReplaceOrWriteInto
    } else {
        super::atomic::Mode::CreateNew
    };
    super::atomic::write(path, bytes, mode).map_err(|e| {
        if force || path.symlink_metadata().is_err() {
            e
        } else {
            format!("{e}; add --force to overwrite it")
        }
    })
}

fn count_bad_files(report: &crate::model::Report) -> usize {
    let mut files: Vec<usize> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.file)
        .collect();
    files.sort_unstable();
    files.dedup();
    files.len()
}

fn opt(t: Option<&Text>) -> Value {
    t.map_or(Value::Null, |t| Value::String(t.raw().to_owned()))
}

fn texts(v: &[Text]) -> Value {
    Value::Array(
        v.iter()
            .map(|t| Value::String(t.raw().to_owned()))
            .collect(),
    )
}

/// A date with its precision spelled out, and the first and last day it could be.
fn date(d: DateSpec) -> Value {
    let day = |k: Option<u32>| {
        k.map(|k| format!("{:04}-{:02}-{:02}", k / 10_000, k / 100 % 100, k % 100))
    };
    let precision = match d {
        DateSpec::Unknown => "unknown",
        DateSpec::On(p) => match p.precision() {
            crate::model::Precision::Year => "year",
            crate::model::Precision::Month => "month",
            crate::model::Precision::Day => "day",
        },
        DateSpec::After(_) | DateSpec::Before(_) | DateSpec::Between(..) => "bounded",
    };
    json!({ "value": d.to_string(), "precision": precision, "earliest": day(d.earliest()), "latest": day(d.latest()) })
}

/// One step of an item's history as JSON: the briefing, what changed from the step
/// before, and the citations of this version.
fn history_json<V: crate::model::Version>(
    lib: &Library,
    steps: &[crate::model::history::Step<'_, V>],
    cites: &dyn Fn(&[Citation]) -> Value,
) -> Value {
    let value = |v: &crate::model::history::Value| match v {
        crate::model::history::Value::None => Value::Null,
        crate::model::history::Value::One(s) => Value::String(s.clone()),
        crate::model::history::Value::Many(l) => {
            l.iter().map(|e| Value::String(e.to_string())).collect()
        }
    };
    steps
        .iter()
        .map(|s| {
            let b = &lib.briefings[s.version.briefing()];
            json!({
                "briefing": b.id.raw(),
                "as_of": b.as_of.to_string(),
                "changes": s.changes.iter().map(|c| json!({
                    "field": c.field, "old": value(&c.old), "new": value(&c.new),
                })).collect::<Vec<_>>(),
                "cite": cites(s.version.cite()),
            })
        })
        .collect()
}

fn mark(m: crate::model::Mark) -> Value {
    match m {
        crate::model::Mark::None => Value::Null,
        m => Value::String(m.word().to_owned()),
    }
}

/// Converts the library, as its view shows it, to the export document: each item once,
/// with the briefing whose version it shows and its history.
pub fn to_json(lib: &Library) -> Value {
    let source_id = |i: usize| lib.id_of(crate::model::ItemRef::Source(i));
    let cites = |c: &[Citation]| -> Value {
        c.iter()
            .map(|c| {
                let mut v = json!({ "source": source_id(c.source), "locator": c.locator.raw() });
                if let Some(e) = &c.excerpt {
                    v["excerpt"] = json!(e.raw());
                }
                v
            })
            .collect()
    };
    let actor_id = |i: usize| lib.actors[i].id.raw().to_owned();
    let briefing_id = |i: usize| lib.briefings[i].id.raw().to_owned();
    json!({
        "format": 2,
        "as_of": lib.view().as_of.map(|d| d.to_string()),
        "briefings": lib.briefings.iter().filter(|b| b.in_scope()).map(|b| json!({
            "id": b.id.raw(),
            "title": b.title.raw(),
            "as_of": date(b.as_of),
            "series": opt(b.series.as_ref()),
            "previous": b.previous.map(briefing_id),
            "summary": b.summary.raw(),
            "key_points": texts(&b.key_points),
            "tags": texts(&b.tags),
            "file": b.path.to_string_lossy(),
        })).collect::<Vec<_>>(),
        "sources": lib.sources.iter().enumerate().filter(|(_, s)| lib.briefings[s.briefing].in_scope()).map(|(i, s)| json!({
            "id": source_id(i),
            "briefing": briefing_id(s.briefing),
            "title": s.title.raw(),
            "kind": s.kind,
            "published": date(s.published),
            "publisher": opt(s.publisher.as_ref()),
            "url": opt(s.url.as_ref()),
            "note": opt(s.note.as_ref()),
        })).collect::<Vec<_>>(),
        "actors": lib.actors.iter().enumerate().filter(|(_, a)| a.in_scope()).map(|(i, a)| json!({
            "id": a.id.raw(),
            "briefing": briefing_id(a.briefing),
            "name": a.name.raw(),
            "short_name": opt(a.short_name.as_ref()),
            "aliases": texts(&a.aliases),
            "kind": a.kind,
            "role": a.role.raw(),
            "affiliations": a.affiliations.iter().map(|&i| actor_id(i)).collect::<Vec<_>>(),
            "summary": opt(a.summary.as_ref()),
            "cite": cites(&a.cite),
            "mark": mark(a.mark()),
            "history": history_json(lib, &lib.actor_history(i), &cites),
        })).collect::<Vec<_>>(),
        "relations": lib.relations.iter().enumerate().filter(|(_, r)| r.in_scope()).map(|(i, r)| json!({
            "from": actor_id(r.from),
            "kind": r.kind,
            "to": actor_id(r.to),
            "briefing": briefing_id(r.briefing),
            "note": opt(r.note.as_ref()),
            "cite": cites(&r.cite),
            "mark": mark(r.mark()),
            "not_restated_since": r.not_restated_since().map(|b| json!({
                "briefing": briefing_id(b), "as_of": lib.briefings[b].as_of.to_string(),
            })),
            "history": history_json(lib, &lib.relation_history(i), &cites),
        })).collect::<Vec<_>>(),
        "events": lib.timeline.iter().map(|&i| (i, &lib.events[i])).map(|(i, e)| json!({
            "id": e.id.raw(),
            "briefing": briefing_id(e.briefing),
            "title": e.title.raw(),
            "date": date(e.date),
            "date_note": opt(e.date_note.as_deref()),
            "status": e.status,
            "summary": opt(e.summary.as_ref()),
            "actors": e.actors.iter().map(|p| json!({ "actor": actor_id(p.actor), "role": opt(p.role.as_ref()) })).collect::<Vec<_>>(),
            "cite": cites(&e.cite),
            "mark": mark(e.mark()),
            "history": history_json(lib, &lib.event_history(i), &cites),
        })).collect::<Vec<_>>(),
        "quotes": lib.quotes.iter().enumerate().filter(|(_, q)| q.in_scope()).map(|(i, q)| json!({
            "id": q.id.raw(),
            "briefing": briefing_id(q.briefing),
            "kind": q.kind,
            "text": q.text.raw(),
            "speaker": actor_id(q.speaker),
            "date": date(q.date),
            "date_note": opt(q.date_note.as_deref()),
            "context": opt(q.context.as_ref()),
            "about": q.about.iter().map(|s| match *s {
                Subject::Actor(a) => actor_id(a),
                Subject::Event(e) => lib.events[e].id.raw().to_owned(),
            }).collect::<Vec<_>>(),
            "cite": cites(&q.cite),
            "mark": mark(q.mark()),
            "history": history_json(lib, &lib.quote_history(i), &cites),
        })).collect::<Vec<_>>(),
    })
}
