//! Overview: the briefings (to choose a scope from) and their sources.

use ratatui::text::Span;

use super::content::Content;
use super::detail::Builder;
use super::row::Row;
use crate::model::text::one_line;
use crate::model::{ItemRef, Library};
use crate::tui::action::{Action, Mode};
use crate::tui::keymap::Keymap;
use crate::tui::scope::Scope;
use crate::tui::theme::Theme;

/// The Overview pane: choosing a briefing here sets the scope of the others.
pub struct Overview;

impl Content for Overview {
    fn rows(&self, lib: &Library, _: Scope, keys: &Keymap) -> Vec<Row> {
        rows(lib, keys)
    }

    fn row(&self, lib: &Library, item: ItemRef, theme: &Theme, _: usize) -> Vec<Span<'static>> {
        match item {
            ItemRef::Briefing(b) => briefing_row(lib, b, theme),
            ItemRef::Source(s) => source_row(lib, s, theme),
            _ => Vec::new(),
        }
    }

    fn detail(&self, b: &mut Builder<'_>, item: ItemRef, scope: Scope) {
        match item {
            ItemRef::Briefing(i) => briefing_detail(b, i, scope),
            ItemRef::Source(i) => source_detail(b, i),
            _ => {}
        }
    }
}

fn rows(lib: &Library, keys: &Keymap) -> Vec<Row> {
    let mut rows = Vec::new();
    if lib.briefings.len() > 1 {
        let n = lib.briefings.len();
        rows.push(Row::Header(
            match keys.key(Mode::Browse, &Action::Activate) {
                Some(key) => format!("{n} briefings · {key} shows one, or all"),
                None => format!("{n} briefings"),
            },
        ));
    }
    for (i, b) in lib.briefings.iter().enumerate() {
        rows.push(Row::Item(ItemRef::Briefing(i)));
        rows.extend(b.sources.iter().map(|&s| Row::Item(ItemRef::Source(s))));
    }
    rows
}

fn briefing_row(lib: &Library, b: usize, theme: &Theme) -> Vec<Span<'static>> {
    let br = &lib.briefings[b];
    vec![
        Span::styled("▣ ", theme.badge),
        Span::styled(one_line(br.title.safe()).into_owned(), theme.title),
        Span::styled(format!("  {}", br.as_of), theme.dim),
    ]
}

fn source_row(lib: &Library, s: usize, theme: &Theme) -> Vec<Span<'static>> {
    let src = &lib.sources[s];
    vec![
        Span::styled("   ⧉ ", theme.dim),
        Span::raw(one_line(src.title.safe()).into_owned()),
    ]
}

fn briefing_detail(b: &mut Builder<'_>, i: usize, scope: Scope) {
    let lib = b.lib;
    let br = &lib.briefings[i];
    b.text(br.title.safe(), b.theme.title);
    b.field("as of", &br.as_of.to_string());
    b.field("file", &crate::model::diag::display_path(&br.path));
    if lib.briefings.len() > 1 {
        let key = b.keys.key(Mode::Browse, &Action::Activate);
        let showing = match (scope == Scope::Briefing(i), key) {
            (true, Some(key)) => format!("this briefing ({key} on another to switch)"),
            (true, None) => "this briefing".to_owned(),
            (false, Some(key)) => format!("press {key} in the list to show only this briefing"),
            (false, None) => "all briefings".to_owned(),
        };
        b.field("panes", &showing);
    }
    b.field(
        "contains",
        &format!(
            "{} actors · {} events · {} quotes · {} relations",
            br.actors.len(),
            br.events.len(),
            br.quotes.len(),
            br.relations.len()
        ),
    );
    if !br.tags.is_empty() {
        let tags: Vec<String> = br
            .tags
            .iter()
            .map(|t| format!("#{}", one_line(t.safe())))
            .collect();
        b.field("tags", &tags.join(" "));
    }
    b.heading("Summary");
    b.text(br.summary.safe(), ratatui::style::Style::new());
    if !br.key_points.is_empty() {
        b.heading("Key points");
        for k in &br.key_points {
            b.text(&format!("• {}", k.safe()), ratatui::style::Style::new());
        }
    }
    b.links("Sources", &br.sources, |b, &s| {
        let src = &b.lib.sources[s];
        (
            ItemRef::Source(s),
            vec![
                Span::raw(one_line(src.title.safe()).into_owned()),
                Span::styled(format!("  {}", src.kind.label()), b.theme.dim),
            ],
        )
    });
}

fn source_detail(b: &mut Builder<'_>, i: usize) {
    let lib = b.lib;
    let s = &lib.sources[i];
    b.text(s.title.safe(), b.theme.title);
    b.field("id", &lib.id_of(ItemRef::Source(i)));
    b.field("kind", s.kind.label());
    b.field("published", &s.published.to_string());
    b.field(
        "publisher",
        s.publisher.as_ref().map_or("not given", |p| p.safe()),
    );
    b.field("url", s.url.as_ref().map_or("not given", |u| u.safe()));
    if let Some(note) = &s.note {
        b.heading("Note");
        b.text(note.safe(), ratatui::style::Style::new());
    }
    b.links("Briefing", &[s.briefing], |b, &br| {
        (
            ItemRef::Briefing(br),
            vec![Span::raw(
                one_line(b.lib.briefings[br].title.safe()).into_owned(),
            )],
        )
    });
}
