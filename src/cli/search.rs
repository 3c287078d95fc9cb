//! `briefing search`: ranked hits on stdout, one per line or as JSON.

use std::io::{IsTerminal as _, Write as _};
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Map, Value, json};

use crate::model::text::{for_stream, one_line};
use crate::model::{ItemRef, Library};
use crate::search::{self, Highlight, Hit, Query, SearchIndex};

use super::ColorChoice;

/// Emphasis for matched chars: bold and underline, so it reads without colour support.
const EMPHASIS_ON: &str = "\x1b[1;4m";
const EMPHASIS_OFF: &str = "\x1b[22;24m";

pub fn run(
    query: &str,
    paths: &[PathBuf],
    as_of: Option<&str>,
    json: bool,
    limit: Option<usize>,
    color: ColorChoice,
) -> ExitCode {
    let query = match Query::parse(query) {
        Ok(q) => q,
        Err(e) => {
            super::say::error(format_args!("bad query: {e}"));
            return ExitCode::from(2);
        }
    };
    let (library, report) = match super::load_as_of(paths, as_of, crate::model::Derived::All) {
        Ok((library, report)) => (super::keep(library), report),
        Err(e) => {
            super::say::error(e);
            return ExitCode::from(2);
        }
    };
    if report.files.is_empty() {
        eprintln!("error: no briefing files (*.toml) found");
        return ExitCode::from(2);
    }
    if report.error_count() > 0 {
        eprintln!(
            "warning: the briefings have {} error(s); what could not be loaded is not searched (`briefing check` shows them)",
            report.error_count()
        );
    }
    let index = super::keep(SearchIndex::build(&library));
    if let Some(unknown) = index.unknown_name(&query) {
        super::say::error(format_args!("bad query: {unknown}"));
        return ExitCode::from(2);
    }
    let mut hits = index.search(&query, None, &|| false).unwrap_or_default();
    hits.truncate(limit.unwrap_or(usize::MAX));
    if hits.is_empty() {
        // A briefing named, but dated after `--as-of`: nothing of it is in view.
        for b in library.briefings.iter().filter(|b| !b.is_known()) {
            if query.names_briefing(b.id.raw()) {
                super::say::note(format_args!(
                    "briefing `{}` is as of {}, after --as-of {}: nothing it says is in view",
                    b.id.raw(),
                    b.as_of,
                    as_of.unwrap_or_default()
                ));
            }
        }
    }
    if query.has_date_range() {
        let undated = hits.iter().filter(|h| index.is_undated(h.item)).count();
        if undated > 0 {
            eprintln!(
                "{} {}: {} dated + {undated} undated; an unknown date could fall in any range, so it matches every date qualifier (add `dated:yes` to leave those out)",
                hits.len(),
                if hits.len() == 1 { "hit" } else { "hits" },
                hits.len() - undated
            );
        }
    }
    let out = if json {
        super::json::to_string_pretty(&to_json(&library, &index, &query, &hits))
    } else {
        let emphasis = color.enabled(std::io::stdout().is_terminal());
        for_stream(&to_lines(&library, &index, &query, &hits, emphasis)).into_owned()
    };
    let mut stdout = std::io::stdout().lock();
    let written = stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush());
    if let Err(e) = written
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        super::say::error(format_args!("cannot write the results: {e}"));
        return ExitCode::from(2);
    }
    if hits.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `kind<TAB>id<TAB>text`, one hit per line.
fn to_lines(lib: &Library, index: &SearchIndex, q: &Query, hits: &[Hit], emphasis: bool) -> String {
    let mut out = String::new();
    for hit in hits {
        let h = index.highlight(lib, hit.item, q);
        let id = lib.display_id(hit.item);
        out.push_str(search::kind_name(hit.item));
        out.push('\t');
        out.push_str(&id);
        out.push('\t');
        if emphasis {
            out.push_str(&emphasise(&h.primary, &h.primary_pos));
        } else {
            out.push_str(&h.primary);
        }
        out.push('\n');
    }
    out
}

/// Wraps each run of matched chars in bold-underline.
fn emphasise(text: &str, positions: &[usize]) -> String {
    let mut out = String::with_capacity(text.len() + positions.len() * 8);
    let mut pos = positions.iter().peekable();
    let mut on = false;
    for (i, c) in text.chars().enumerate() {
        let hit = pos.next_if(|p| **p == i).is_some();
        if hit != on {
            out.push_str(if hit { EMPHASIS_ON } else { EMPHASIS_OFF });
            on = hit;
        }
        out.push(c);
    }
    if on {
        out.push_str(EMPHASIS_OFF);
    }
    out
}

fn to_json(lib: &Library, index: &SearchIndex, q: &Query, hits: &[Hit]) -> Value {
    let rows = hits.iter().map(|hit| {
        let Highlight {
            primary,
            primary_pos,
            secondary,
        } = index.highlight(lib, hit.item, q);
        let secondary = secondary.map_or(Value::Null, |(field, text, positions)| {
            json!({ "field": field, "text": text, "positions": positions })
        });
        json!({
            "kind": search::kind_name(hit.item),
            "id": lib.id_of(hit.item),
            "score": hit.score,
            "text": primary,
            "fields": fields(lib, hit.item),
            "undated": index.is_undated(hit.item),
            "positions": primary_pos,
            "secondary": secondary,
        })
    });
    Value::Array(rows.collect())
}

/// The searchable fields as an object; fields that can repeat (aliases, actors) are
/// arrays under a plural key.
fn fields(lib: &Library, item: ItemRef) -> Value {
    let mut map = Map::new();
    for (label, text) in search::fields(lib, item) {
        let text = Value::String(one_line(&text).into_owned());
        match label {
            "alias" | "actor" => {
                let key = if label == "alias" {
                    "aliases"
                } else {
                    "actors"
                };
                let list = map
                    .entry(key.to_owned())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if let Value::Array(list) = list {
                    list.push(text);
                }
            }
            _ => {
                map.insert(label.replace(' ', "_"), text);
            }
        }
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emphasis_wraps_runs_of_matched_chars() {
        assert_eq!(
            emphasise("Sing’oei", &[0, 1, 5]),
            "\x1b[1;4mSi\x1b[22;24mng’\x1b[1;4mo\x1b[22;24mei"
        );
        assert_eq!(emphasise("ab", &[]), "ab");
    }
}
