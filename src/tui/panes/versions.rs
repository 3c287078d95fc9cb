//! The library over time in a detail view: which briefing's version is shown, and the
//! History section with every known version, what changed, and each version's citations.

use std::fmt::Write as _;

use ratatui::style::Style;
use ratatui::text::Span;

use super::detail::Builder;
use crate::model::history::{FieldChange, ID_FIELDS, Step, Value};
use crate::model::text::{display_safe, one_line};
use crate::model::{BriefingIx, ItemRef, Library, Mark, RelationVersion, Scope, Version};
use crate::tui::text::count;

/// The briefing that the ✎ and ✚ marks are about: "this briefing" when one briefing is in
/// scope (see `Library::set_view`), else "the latest briefing" of each series.
pub(super) fn marked_in(lib: &Library) -> &'static str {
    match lib.view().scope {
        Scope::Briefing(_) => "this briefing",
        _ => "the latest briefing",
    }
}

/// Longer values than this are shown on lines of their own, before and after.
const INLINE: usize = 48;

impl Builder<'_> {
    /// The "from" row: which briefing's version is shown, and how the item changed in the
    /// latest briefing of its series. Only when several briefings are loaded.
    pub fn provenance(&mut self, briefing: BriefingIx, versions: usize, mark: Mark) {
        let lib = self.lib;
        if lib.briefings.len() < 2 {
            return;
        }
        let br = &lib.briefings[briefing];
        let mut text = format!("{} · as of {}", br.id.safe(), br.as_of);
        if versions > 1 {
            text.push_str(" · ");
            text.push_str(&count(versions, "version", "versions"));
            text.push_str(" known");
        }
        let what = match mark {
            Mark::New => Some("✚ new"),
            Mark::Changed => Some("✎ changed"),
            Mark::None => None,
        };
        // On a line of its own: wrapped after the versions, it left a `·` at a line's end.
        if let Some(what) = what {
            let _ = write!(text, "\n{what} in {}", marked_in(lib));
        }
        self.field("from", &text);
    }

    /// The History section: each known version, oldest first, as a link to `item` as that
    /// version's briefing has it, with what changed from the one before and its citations.
    /// Only when several briefings are loaded.
    pub fn history<V: Version>(&mut self, item: ItemRef, steps: &[Step<'_, V>]) {
        self.versions(steps, "first described", |b, version, spans| {
            b.version_link(item, version, spans);
        });
    }

    /// A relation's History, as an item's: every statement with what changed from the one
    /// before (its note). A relation is not an item to show as one briefing has it, so
    /// each line links to its briefing.
    pub fn relation_history(&mut self, steps: &[Step<'_, RelationVersion>]) {
        self.versions(steps, "first stated", |b, version, spans| {
            b.link(ItemRef::Briefing(version), spans);
        });
    }

    /// The History section of any kind of item: `first` names what its first version did,
    /// and `link` adds a version's line.
    fn versions<V: Version>(
        &mut self,
        steps: &[Step<'_, V>],
        first: &str,
        link: impl Fn(&mut Self, BriefingIx, Vec<Span<'static>>),
    ) {
        let lib = self.lib;
        if lib.briefings.len() < 2 || steps.is_empty() {
            return;
        }
        let title = format!("History ({})", count(steps.len(), "version", "versions"));
        self.heading(title);
        for (i, step) in steps.iter().enumerate() {
            let b = step.version.briefing();
            let br = &lib.briefings[b];
            let what = match (i, step.changes.len()) {
                (0, _) => first.to_owned(),
                (_, 0) => "no changes".to_owned(),
                (_, _) => {
                    let names: Vec<&str> = step.changes.iter().map(|c| c.field).collect();
                    format!("changed {}", names.join(", ").replace('_', " "))
                }
            };
            let cites = super::detail::cite_short(lib, step.version.cite());
            link(
                self,
                b,
                vec![
                    Span::styled(format!("{} ", br.as_of), self.theme.dim),
                    Span::raw(format!("{}  ", one_line(br.id.safe()))),
                    Span::raw(what),
                    Span::styled(format!("  {cites}"), self.theme.dim),
                ],
            );
            for change in &step.changes {
                self.change(change);
            }
        }
    }

    /// One field's change, as wrapped text under its version, its lines hanging under the
    /// value.
    fn change(&mut self, c: &FieldChange) {
        let field = c.field.replace('_', " ");
        let ids = ID_FIELDS.contains(&c.field);
        let name = |s: &str| if ids { self.name_of(s) } else { safe(s) };
        if let Some(list) = c.list_change() {
            // Each role changed on a line of its own, under the first.
            let lines = list.lines(name, safe);
            self.labelled(&format!("    {field}: "), &lines.join("\n"), self.theme.dim);
            return;
        }
        let value = |v: &Value| match v {
            Value::One(s) => name(s),
            _ => safe(&v.render()),
        };
        let (old, new) = (value(&c.old), value(&c.new));
        let short = |s: &str| s.chars().count() <= INLINE && !s.contains('\n');
        if short(&old) && short(&new) {
            self.labelled(
                &format!("    {field}: "),
                &format!("{old} → {new}"),
                Style::new(),
            );
        } else {
            self.labelled(
                &format!("    {field} was: "),
                &shown(&c.old, &old),
                self.theme.dim,
            );
            self.labelled(
                &format!("    {field} now: "),
                &shown(&c.new, &new),
                Style::new(),
            );
        }
    }

    /// An item a field names by its id, as the browser names it: an actor by its short
    /// name (and its id where another actor shares the name), an event or a quote by its
    /// title or text; the id itself where the library has no such item.
    fn name_of(&self, id: &str) -> String {
        let lib = self.lib;
        match lib.find(id) {
            Some(ItemRef::Actor(a)) => lib.with_id(a, &one_line(lib.actors[a].short())),
            Some(item @ (ItemRef::Event(_) | ItemRef::Quote(_))) => {
                one_line(lib.label_str(item)).into_owned()
            }
            _ => safe(id),
        }
    }
}

fn safe(s: &str) -> String {
    one_line(&display_safe(s)).into_owned()
}

fn shown(v: &Value, safe: &str) -> String {
    match v {
        Value::None => "(not given)".to_owned(),
        _ => safe.to_owned(),
    }
}
