//! `briefing export --bookmarks`: only the bookmarked items, each with its citation, for a
//! report. A bookmark whose item is no longer in the library is listed as missing, with
//! the label it had.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::markdown::esc;
use crate::model::text::{one_line, safe_line};
use crate::model::{ItemRef, Library};
use crate::state::{Bookmark, Kind, Marks, Store, state_dir};
use crate::tui::panes::citation;

/// The bookmarks kept for the library opened with `paths`.
pub(super) fn marks(paths: &[PathBuf]) -> Result<Marks, ExitCode> {
    let Some(dir) = state_dir() else {
        eprintln!("error: there is no home folder, so there are no bookmarks");
        return Err(ExitCode::from(2));
    };
    Store::peek(&dir, paths).map_err(|e| {
        super::say::error(e);
        ExitCode::from(2)
    })
}

/// The order kinds are listed in. A found item is listed under the kind it is, whatever
/// kind the state file says it was.
const ORDER: [(Kind, &str); 5] = [
    (Kind::Actor, "Actors"),
    (Kind::Event, "Events"),
    (Kind::Quote, "Quotes"),
    (Kind::Source, "Sources"),
    (Kind::Briefing, "Briefings"),
];

/// What a bookmark shows: its citation line, or its label when the item has none.
fn line(lib: &Library, item: ItemRef) -> String {
    citation(lib, item).unwrap_or_else(|| safe_line(&lib.label(item)))
}

/// The bookmarks as Markdown: a section per kind, then the missing ones.
pub(super) fn markdown(lib: &Library, marks: &Marks) -> String {
    let all = marks.bookmarks();
    let found: Vec<(&Bookmark, Option<ItemRef>)> =
        all.iter().map(|b| (b, lib.find(&b.id))).collect();
    let mut out = String::from("# Bookmarks\n\n");
    let n = all.len();
    let _ = writeln!(
        out,
        "*{n} bookmarked item{}*\n",
        if n == 1 { "" } else { "s" }
    );
    if n == 0 {
        out.push_str("Nothing is bookmarked yet: `m` on an item in the browser bookmarks it.\n");
        return out;
    }
    for (kind, heading) in ORDER {
        let items: Vec<ItemRef> = found
            .iter()
            .filter_map(|(_, item)| *item)
            .filter(|&item| Kind::of(item) == kind)
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {heading}\n");
        for item in items {
            let _ = writeln!(out, "- {}", esc(&one_line(&line(lib, item))));
        }
        out.push('\n');
    }
    let missing: Vec<&Bookmark> = found
        .iter()
        .filter(|(_, item)| item.is_none())
        .map(|(b, _)| *b)
        .collect();
    if !missing.is_empty() {
        out.push_str("## Missing\n\nBookmarked, but no longer in the library:\n\n");
        for b in missing {
            let _ = writeln!(
                out,
                "- {} ({} `{}`)",
                esc(&safe_line(&b.label)),
                b.kind.label(),
                safe_line(&b.id).replace('`', "'")
            );
        }
        out.push('\n');
    }
    out
}

/// The bookmarks as JSON: one object per bookmark, in the order they were made.
pub(super) fn json(lib: &Library, marks: &Marks) -> Value {
    let items: Vec<Value> = marks
        .bookmarks()
        .iter()
        .map(|b| {
            let item = lib.find(&b.id);
            json!({
                "id": b.id,
                "kind": item.map_or(b.kind, Kind::of).label(),
                "label": item.map_or_else(|| b.label.clone(), |i| lib.label(i)),
                "missing": item.is_none(),
                "citation": item.and_then(|i| citation(lib, i)),
                "added": b.added,
            })
        })
        .collect();
    json!({ "bookmarks": items })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load_bundled;
    use crate::state::Change;

    /// The state file is the user's to edit: a kind it gives wrongly does not move an item
    /// to another heading.
    #[test]
    fn a_found_item_is_listed_under_the_kind_it_is() {
        let (lib, _) = load_bundled();
        let actor = lib.actors[0].id.raw().to_owned();
        let mut marks = Marks::default();
        marks.apply(&Change::Bookmark(Bookmark {
            id: actor.clone(),
            kind: Kind::Quote,
            label: "forged".into(),
            added: 1,
        }));
        let md = markdown(&lib, &marks);
        assert!(md.contains("## Actors"), "{md}");
        assert!(!md.contains("## Quotes"), "{md}");
        let json = json(&lib, &marks);
        assert_eq!(json["bookmarks"][0]["kind"], "actor");
        assert_eq!(json["bookmarks"][0]["id"], actor.as_str());
    }
}
