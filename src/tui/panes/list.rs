//! A pane's list: its rows, the selection (which never rests on a header) and drawing the
//! rows on screen, and only those.

use std::sync::atomic::{AtomicUsize, Ordering};

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::Line;
use ratatui::widgets::{HighlightSpacing, List, ListItem, ListState};

use super::content::Content;
use super::row::Row;
use crate::model::{ItemRef, Library, RelationIx};
use crate::tui::action::View;
use crate::tui::scroll::{follow, max_offset, render_scrollbar};
use crate::tui::text::{fit, fit_right, width};
use crate::tui::theme::Theme;

/// How many list rows have been built, ever: lets a test prove that a frame builds only
/// the visible rows, without timing anything.
pub static ROWS_BUILT: AtomicUsize = AtomicUsize::new(0);

/// A list of rows with a selection and a scroll offset.
#[derive(Clone, Debug, Default)]
pub struct ItemList {
    rows: Vec<Row>,
    /// How many rows are items or relations (not headers); counted once per rebuild, not
    /// per frame.
    items: usize,
    /// Items whose label another row of the list shares: they always show their
    /// briefing's tag. Worked out on the first frame that needs it (a narrow screen with
    /// several briefings in scope), not on every rebuild: hashing every label of a big
    /// list costs milliseconds that a start should not pay.
    ambiguous: std::sync::OnceLock<std::collections::HashSet<ItemRef>>,
    state: ListState,
    /// The widths of the rows' columns, measured once per rebuild.
    pub columns: super::content::Columns,
}

impl ItemList {
    /// The rows.
    #[must_use]
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// How many rows can be selected: items and relations.
    #[must_use]
    pub fn items(&self) -> usize {
        self.items
    }

    /// The selected row (0 when the list is empty).
    #[must_use]
    pub fn selected(&self) -> usize {
        self.state.selected().unwrap_or(0)
    }

    /// The first row the view shows.
    #[must_use]
    pub fn offset(&self) -> usize {
        self.state.offset()
    }

    /// The selected item, if the list has one.
    #[must_use]
    pub fn selected_item(&self) -> Option<ItemRef> {
        match self.rows.get(self.selected()) {
            Some(Row::Item(item)) => Some(*item),
            _ => None,
        }
    }

    /// The selected relation, if a relation row is selected.
    #[must_use]
    pub fn selected_relation(&self) -> Option<RelationIx> {
        match self.rows.get(self.selected()) {
            Some(Row::Relation(r)) => Some(*r),
            _ => None,
        }
    }

    /// The selected row, if it is an item or a relation.
    #[must_use]
    pub fn selected_row(&self) -> Option<&Row> {
        self.rows.get(self.selected()).filter(|r| r.is_selectable())
    }

    /// Replaces the rows, keeping the row `keep` selected if it is still there (else the
    /// first item). Returns whether it was.
    pub fn replace(&mut self, rows: Vec<Row>, keep: Option<&Row>) -> bool {
        self.items = rows.iter().filter(|r| r.is_selectable()).count();
        self.ambiguous = std::sync::OnceLock::new();
        self.rows = rows;
        let at = keep
            .filter(|r| r.is_selectable())
            .and_then(|keep| self.rows.iter().position(|r| r == keep));
        self.state
            .select((!self.rows.is_empty()).then_some(at.unwrap_or(0)));
        let offset = self.offset().min(self.rows.len().saturating_sub(1));
        *self.state.offset_mut() = offset;
        self.skip_headers(true);
        at.is_some()
    }

    /// Where an item is.
    #[must_use]
    pub fn position(&self, item: ItemRef) -> Option<usize> {
        self.rows.iter().position(|r| *r == Row::Item(item))
    }

    /// Moves the selection by `delta` rows, past headers. Returns whether it moved.
    pub fn move_by(&mut self, delta: isize) -> bool {
        let n = self.rows.len();
        if n == 0 {
            return false;
        }
        let before = self.selected();
        self.state
            .select(Some(before.saturating_add_signed(delta).min(n - 1)));
        self.skip_headers(delta >= 0);
        self.selected() != before
    }

    /// Selects a row if it is an item or a relation. Returns whether the selection changed.
    pub fn select_row(&mut self, row: usize) -> bool {
        if !self.rows.get(row).is_some_and(Row::is_selectable) || row == self.selected() {
            return false;
        }
        self.state.select(Some(row));
        true
    }

    /// Scrolls the view (not the selection) by `delta` rows, keeping `page` rows filled.
    pub fn scroll(&mut self, delta: isize, page: usize) {
        let offset = self
            .offset()
            .saturating_add_signed(delta)
            .min(max_offset(self.rows.len(), page));
        *self.state.offset_mut() = offset;
    }

    /// Takes the offset the last frame showed.
    pub fn set_offset(&mut self, offset: usize) {
        *self.state.offset_mut() = offset;
    }

    /// How many rows below the first one shown the selected row is (0 when the view has
    /// been scrolled below it).
    #[must_use]
    pub fn selected_row_on_screen(&self) -> usize {
        self.selected().saturating_sub(self.offset())
    }

    /// Scrolls the view so that the selected row is `row` rows below the first one shown,
    /// or as near as the rows above it allow: where the rows are the ones of
    /// [`ItemList::selected_row_on_screen`], the view is the one it was then; where they
    /// changed, the selection keeps its place on screen.
    pub fn place_selected(&mut self, row: usize) {
        *self.state.offset_mut() = self.selected().saturating_sub(row);
    }

    /// Moves past header rows in the direction of travel; at an end, the other way.
    fn skip_headers(&mut self, down: bool) {
        let n = self.rows.len();
        if n == 0 {
            return;
        }
        let header = |i: usize| matches!(self.rows[i], Row::Header(_));
        let mut i = self.selected().min(n - 1);
        while header(i) {
            if down && i + 1 < n {
                i += 1;
            } else if !down && i > 0 {
                i -= 1;
            } else {
                break;
            }
        }
        if header(i) {
            while i + 1 < n && header(i) {
                i += 1;
            }
            while i > 0 && header(i) {
                i -= 1;
            }
        }
        self.state.select(Some(i));
    }

    /// Draws the visible rows in `area` (inside the pane's border) and a scrollbar on the
    /// border `outer`. Returns the view and, when focused, where the cursor goes.
    pub fn render(
        &self,
        frame: &mut Frame<'_>,
        outer: Rect,
        area: Rect,
        cx: &ListCx<'_>,
    ) -> (View, Option<Position>) {
        let height = usize::from(area.height);
        let n = self.rows.len();
        let selected = self.selected();
        let mut offset = self.offset().min(n.saturating_sub(1));
        if cx.follow {
            offset = follow(offset, selected, height, |_| 1);
        }
        let t = cx.theme;
        // One column stays free before the border; the marker takes two.
        let w = usize::from(area.width.saturating_sub(1));
        let tag_room = self.tag_room(cx);
        let items: Vec<ListItem<'_>> = self.rows[offset.min(n)..n.min(offset + height)]
            .iter()
            .map(|row| {
                ROWS_BUILT.fetch_add(1, Ordering::Relaxed);
                let line = match row {
                    Row::Header(label) => fit(
                        vec![ratatui::text::Span::styled(
                            format!("── {label} "),
                            t.heading,
                        )],
                        w.saturating_sub(2),
                    ),
                    Row::Item(item) => self.item_line(*item, w.saturating_sub(2), tag_room, cx),
                    Row::Relation(r) => relation_line(*r, w.saturating_sub(2), cx),
                };
                ListItem::new(line)
            })
            .collect();
        let marked = (selected >= offset && self.selected_row().is_some())
            .then(|| selected - offset)
            .filter(|&i| i < items.len());
        let empty = items.is_empty();
        let list = List::new(items)
            .highlight_symbol("▶ ")
            .highlight_spacing(HighlightSpacing::Always)
            .highlight_style(if cx.focused {
                t.selected
            } else {
                t.selected_unfocused
            });
        let rows_area = Rect {
            width: area.width.saturating_sub(1),
            ..area
        };
        frame.render_stateful_widget(
            list,
            rows_area,
            &mut ListState::default().with_selected(marked),
        );
        if empty {
            frame.render_widget(Line::styled("  (nothing here)", t.dim), area);
        }
        if n > height {
            render_scrollbar(frame, outer, n - height, offset);
        }
        let cursor = marked.filter(|_| cx.focused).map(|i| Position {
            x: area.x,
            y: area.y + u16::try_from(i).unwrap_or(0),
        });
        (View { area, offset }, cursor)
    }
}

impl ItemList {
    /// An item's row: its mark (✎ changed, ✚ new) when the library has a history, the
    /// pane's own spans, and its briefing's tag on the right when several briefings are in
    /// scope and the screen is wide or the label alone is ambiguous. The pane's spans are
    /// laid out in the columns left of `tag_room`, on every row alike, tagged or not: the
    /// rows' columns line up whatever their tags.
    fn item_line(
        &self,
        item: ItemRef,
        w: usize,
        tag_room: usize,
        cx: &ListCx<'_>,
    ) -> Line<'static> {
        let (lib, t) = (cx.lib, cx.theme);
        let history = has_history(lib, item);
        let mut spans = Vec::new();
        let mut gutter = 0;
        if let Some(reading) = cx.reading {
            let (unread, bookmark) = (reading.is_unread(item), reading.is_bookmarked(lib, item));
            spans.push(ratatui::text::Span::styled(
                if unread { "•" } else { " " },
                t.unread,
            ));
            spans.push(ratatui::text::Span::styled(
                if bookmark { "★ " } else { "  " },
                t.bookmark,
            ));
            gutter += 3;
        }
        if history && cx.marks {
            spans.push(ratatui::text::Span::styled(
                format!("{} ", item_mark(lib, item).symbol()),
                t.badge,
            ));
            gutter += 2;
        }
        let tag = (tag_room > 0 && (cx.tags.wide || self.ambiguous(lib).contains(&item)))
            .then(|| crate::tui::scope::row_briefing(lib, item))
            .flatten()
            .and_then(|b| cx.tags.names.get(b).cloned());
        let own = w.saturating_sub(gutter + tag_room);
        let row = fit(cx.content.row_in(lib, item, t, own, self.columns), own).spans;
        match tag {
            Some(tag) => {
                let head = [spans, row].concat();
                let tag = vec![ratatui::text::Span::styled(tag, t.dim)];
                fit_right(head, tag, 2, w)
            }
            None => {
                spans.extend(row);
                fit(spans, w)
            }
        }
    }

    /// The columns kept for briefings' tags at the right of the item rows (two blanks and
    /// the widest tag), on every row alike: when several briefings are in scope and the
    /// list tags every row (a wide screen) or has rows whose labels alone are ambiguous;
    /// else none.
    fn tag_room(&self, cx: &ListCx<'_>) -> usize {
        // A list's items are of one kind as to history (the Overview's have none): its
        // first item says.
        let first = self.rows.iter().find_map(|row| match row {
            Row::Item(item) => Some(*item),
            _ => None,
        });
        let tagged = cx.tags.many
            && first.is_some_and(|item| has_history(cx.lib, item))
            && (cx.tags.wide || !self.ambiguous(cx.lib).is_empty());
        if !tagged {
            return 0;
        }
        cx.tags
            .names
            .iter()
            .map(|tag| width(tag) + 2)
            .max()
            .unwrap_or(0)
    }

    /// The items whose label another item of the list shares, worked out once.
    fn ambiguous(&self, lib: &Library) -> &std::collections::HashSet<ItemRef> {
        self.ambiguous.get_or_init(|| ambiguous(&self.rows, lib))
    }
}

/// Whether an item's row can show its mark and tag: the library has a history, and the
/// item is an actor, an event or a quote.
fn has_history(lib: &Library, item: ItemRef) -> bool {
    lib.briefings.len() > 1 && !matches!(item, ItemRef::Briefing(_) | ItemRef::Source(_))
}

/// A relation's row: the pane's spans, after a blank gutter where item rows have their
/// read marks (relations have none).
fn relation_line(r: RelationIx, w: usize, cx: &ListCx<'_>) -> Line<'static> {
    let gutter = if cx.reading.is_some() { 3 } else { 0 };
    let mut spans = vec![ratatui::text::Span::raw(" ".repeat(gutter))];
    let own = w.saturating_sub(gutter);
    spans.extend(fit(cx.content.relation_row(cx.lib, r, cx.theme, own), own).spans);
    fit(spans, w)
}

/// How an item changed in the latest briefing of its series.
fn item_mark(lib: &Library, item: ItemRef) -> crate::model::Mark {
    match item {
        ItemRef::Actor(i) => lib.actors[i].mark(),
        ItemRef::Event(i) => lib.events[i].mark(),
        ItemRef::Quote(i) => lib.quotes[i].mark(),
        ItemRef::Briefing(_) | ItemRef::Source(_) => crate::model::Mark::None,
    }
}

/// The items of a list whose label another item of it shares (as the rows name them).
fn ambiguous(rows: &[Row], lib: &Library) -> std::collections::HashSet<ItemRef> {
    use std::collections::hash_map::Entry;
    let mut out = std::collections::HashSet::new();
    if lib.briefings.len() < 2 {
        return out;
    }
    // Each label's first item, and whether it is already known to be shared.
    let mut first: std::collections::HashMap<&str, (ItemRef, bool), foldhash::fast::RandomState> =
        std::collections::HashMap::with_capacity_and_hasher(
            rows.len(),
            foldhash::fast::RandomState::default(),
        );
    for row in rows {
        if let Row::Item(item) = row {
            // An actor another shares a name with is named with its id, which no other
            // actor has.
            if let ItemRef::Actor(a) = item
                && lib.namesake(*a)
            {
                continue;
            }
            match first.entry(lib.label_str(*item)) {
                Entry::Vacant(v) => {
                    v.insert((*item, false));
                }
                Entry::Occupied(mut o) => {
                    let (one, shared) = o.get_mut();
                    if !*shared {
                        out.insert(*one);
                        *shared = true;
                    }
                    out.insert(*item);
                }
            }
        }
    }
    out
}

/// When rows show their briefing's tag.
#[derive(Clone, Debug, Default)]
pub struct Tags {
    /// Several briefings are in scope.
    pub many: bool,
    /// The screen is wide enough to show tags on every row.
    pub wide: bool,
    /// Each briefing's tag (see [`crate::tui::scope::tags`]); empty when none are shown.
    pub names: std::sync::Arc<[String]>,
}

/// What drawing a list needs besides the list.
pub struct ListCx<'a> {
    /// The library the rows point into.
    pub lib: &'a Library,
    /// Styles.
    pub theme: &'a Theme,
    /// How the pane draws its rows.
    pub content: &'a dyn Content,
    /// Whether the list has the keyboard.
    pub focused: bool,
    /// Whether the view follows the selection (not while an overlay has the keyboard
    /// and the wheel has moved the view away).
    pub follow: bool,
    /// Whether item rows start with their new/changed mark (the Changes pane has its own).
    pub marks: bool,
    /// Reading state, when it is kept: rows start with their unread (`•`) and bookmark
    /// (`★`) marks.
    pub reading: Option<&'a crate::tui::reading::Reading>,
    /// When rows show their briefing's tag.
    pub tags: Tags,
}
