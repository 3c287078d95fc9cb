//! Match positions for the rows on screen.
//!
//! Computing positions costs about as much as matching, so the search itself records
//! none; the screen asks for the few rows it shows. Positions are char indices into the
//! display-safe one-line text returned alongside, because that is what gets drawn.

use crate::model::text::one_line;
use crate::model::{ItemRef, Library};

use super::Highlight;
use super::fields::fields_of;
use super::fold::{case_key_str, fold_str};
use super::index::{Hay, SearchIndex};
use super::matching::Fuzzy;
use super::query::{Anchor, Query, TextTerm};
use super::substring::best_substring;
use super::tight::tight_window;

/// A secondary text is cut so that its first match shows within this many chars.
const CONTEXT_LEAD: usize = 48;
/// How many chars before the first match a cut secondary text keeps.
const CONTEXT_BEFORE: usize = 16;

impl SearchIndex {
    /// Match positions for one item: its primary text (name, title or quote text) and the
    /// secondary field that matched best, for a second line of context.
    ///
    /// When no other field matched (or only the id, and the primary text shows the match),
    /// the secondary line is the item's first context field
    /// (an actor's role, an event's summary or date, a quote's speaker, a source's
    /// publisher or kind) with no positions. A long secondary text whose first match lies
    /// far in is cut to start shortly before it, behind a `…`.
    pub fn highlight(&self, lib: &Library, item: ItemRef, q: &Query) -> Highlight {
        let mut buf = Vec::new();
        let nprimary = fields_of(lib, item, &mut buf);
        let Some((_, primary)) = buf.first() else {
            return Highlight {
                primary: one_line(&lib.label(item)).into_owned(),
                primary_pos: Vec::new(),
                secondary: None,
            };
        };
        let fuzzy = Fuzzy::for_positions();
        let terms: Vec<&TextTerm> = q.text_terms().collect();
        let primary = one_line(primary).into_owned();
        let (primary_pos, _) = positions(&primary, &terms, &fuzzy);
        let mut best: Option<(usize, String, Vec<usize>)> = None;
        let mut best_weight = 0;
        for (f, (label, text)) in buf.iter().enumerate().skip(1) {
            // An id that matched tells nothing the marked primary text does not.
            if *label == super::fields::Label::Id && !primary_pos.is_empty() {
                continue;
            }
            let text = one_line(text).into_owned();
            let (pos, weight) = positions(&text, &terms, &fuzzy);
            if weight > best_weight {
                best_weight = weight;
                best = Some((f, text, pos));
            }
        }
        let fallback = || {
            let f = nprimary.max(1);
            buf.get(f)
                .map(|(_, text)| (f, one_line(text).into_owned(), Vec::new()))
        };
        let secondary = best.or_else(fallback).map(|(f, text, pos)| {
            let (mut text, pos) = window(&text, pos);
            // An actor named here whom another actor shares a name with is told apart by
            // its id, as everywhere else.
            if let Some(a) = field_actor(lib, item, &buf, f) {
                text = lib.with_id(a, &text);
            }
            (buf[f].0.as_str(), text, pos)
        });
        Highlight {
            primary,
            primary_pos,
            secondary,
        }
    }
}

/// The actor a field of an item's names: a quote's speaker, or an event's participant.
fn field_actor(
    lib: &Library,
    item: ItemRef,
    fields: &[(super::fields::Label, std::borrow::Cow<'_, str>)],
    f: usize,
) -> Option<usize> {
    use super::fields::Label;
    match (item, fields[f].0) {
        (ItemRef::Quote(q), Label::Speaker) => Some(lib.quotes[q].speaker),
        (ItemRef::Event(e), Label::Actor) => {
            let first = fields.iter().position(|(l, _)| *l == Label::Actor)?;
            lib.events[e].actors.get(f - first).map(|p| p.actor)
        }
        _ => None,
    }
}

/// Char positions of every positive term in one field's text, and a weight saying how well
/// the field matched (2 per exact match, 1 per fuzzy one). A fuzzy term is marked where it
/// aligns like an abbreviation, as in the search itself.
pub(crate) fn positions(text: &str, terms: &[&TextTerm], fuzzy: &Fuzzy) -> (Vec<usize>, usize) {
    let folded = fold_str(text);
    let mut keyed = None;
    let mut out = Vec::new();
    let mut weight = 0;
    for t in terms {
        let (hay, needle) = if t.case_sensitive {
            (&*keyed.get_or_insert_with(|| case_key_str(text)), &t.keyed)
        } else {
            (&folded, &t.folded)
        };
        let len = needle.chars().count();
        let exact = match t.anchor {
            Anchor::None => {
                let one = Hay {
                    text: hay,
                    starts: &[0],
                    nprimary: 1,
                };
                best_occurrence(&one, needle)
            }
            Anchor::Start => hay.starts_with(needle.as_str()).then_some(0),
            Anchor::End => hay
                .ends_with(needle.as_str())
                .then(|| hay.chars().count() - len),
            Anchor::Both => (hay == needle).then_some(0),
        };
        if let Some(at) = exact {
            out.extend(at..at + len);
            weight += 2;
        } else if t.fuzzy
            && let Some(window) = tight_window(hay, needle)
            && let Some((_, pos)) = fuzzy.positions(&hay[window.clone()], needle)
        {
            // The same span the search scored, so the marks show why the row matched.
            let offset = hay[..window.start].chars().count();
            out.extend(pos.into_iter().map(|p| p + offset));
            weight += 1;
        }
    }
    out.sort_unstable();
    out.dedup();
    (out, weight)
}

/// The char index where the best occurrence of `needle` starts.
fn best_occurrence(hay: &Hay<'_>, needle: &str) -> Option<usize> {
    let found = best_substring(hay, needle, 0, hay.text.len())?;
    Some(hay.text[..found.at].chars().count())
}

/// Cuts a long text so its first match shows near the start, remapping the positions.
fn window(text: &str, pos: Vec<usize>) -> (String, Vec<usize>) {
    let Some(&first) = pos.first() else {
        return (text.to_owned(), pos);
    };
    if first <= CONTEXT_LEAD {
        return (text.to_owned(), pos);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut cut = first - CONTEXT_BEFORE;
    // Start at a word if one starts shortly after the cut.
    if let Some(space) = chars[cut..first].iter().position(|c| *c == ' ') {
        cut += space + 1;
    }
    let mut out = String::from("…");
    out.extend(&chars[cut..]);
    let pos = pos.into_iter().map(|p| p - cut + 1).collect();
    (out, pos)
}
