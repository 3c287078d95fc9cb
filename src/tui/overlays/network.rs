//! The network view: an actor's ego network, the actor in the middle and the actors it is
//! related to around it, each edge labelled with the relation's kind and an arrow for its
//! direction. Every row reads left to right as a sentence: relations pointing at the actor
//! sit on the left ("Kenya ─leads──▶ MSS", MSS in the middle), relations from it on the
//! right ("MSS ─part of──▶ UN"). A symmetric relation ("talks with") has no direction: it
//! is always on the right, with an arrow at each end, whichever actor the file names first.
//! The arrow keys move between neighbours, Enter opens one.

use super::common::Outcome;
use crate::model::{ActorIx, ItemRef, Library, RelationIx};
use crate::tui::action::Action;

/// One relation of the centre, as drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    /// The relation.
    pub relation: RelationIx,
    /// The actor at the other end.
    pub other: ActorIx,
    /// From the centre to the other actor, as the file states it.
    pub outgoing: bool,
    /// The relation reads the same both ways ("talks with"): drawn on the right, from the
    /// centre, with an arrow at each end.
    pub mutual: bool,
    /// Drawn on the left: the relation points at the centre.
    pub left: bool,
}

/// The network view's state: whose network, and the selected relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Network {
    /// The actor in the middle.
    pub center: ActorIx,
    /// The selected edge, an index into [`edges`].
    pub selected: usize,
}

/// The centre's relations in view: those pointing at it on the left, those from it and
/// the symmetric ones on the right, each side in the library's order. Left side first.
/// The sides are never balanced by moving an edge across: on the wrong side, its row would
/// read backwards.
#[must_use]
pub fn edges(lib: &Library, center: ActorIx) -> Vec<Edge> {
    let (mut left, right): (Vec<Edge>, Vec<Edge>) = lib.actor_relations[center]
        .iter()
        .map(|&r| {
            let r = r as usize;
            let rel = &lib.relations[r];
            let outgoing = rel.from == center;
            let mutual = rel.kind.is_symmetric();
            Edge {
                relation: r,
                other: if outgoing { rel.to } else { rel.from },
                outgoing,
                mutual,
                left: !outgoing && !mutual,
            }
        })
        .partition(|e| e.left);
    left.extend(right);
    left
}

/// The side and row of each edge: (left count, right count, row of each edge on its side).
#[must_use]
pub fn rows(edges: &[Edge]) -> (usize, usize, Vec<usize>) {
    let (mut l, mut r) = (0, 0);
    let mut at = Vec::with_capacity(edges.len());
    for e in edges {
        if e.left {
            at.push(l);
            l += 1;
        } else {
            at.push(r);
            r += 1;
        }
    }
    (l, r, at)
}

impl Network {
    /// The network of an actor, its first relation selected.
    #[must_use]
    pub fn new(center: ActorIx) -> Self {
        Self {
            center,
            selected: 0,
        }
    }

    /// The selected edge, if the actor has relations in view.
    #[must_use]
    pub fn selected_edge(&self, lib: &Library) -> Option<Edge> {
        edges(lib, self.center).get(self.selected).copied()
    }

    /// Handles an action.
    pub fn update(&mut self, action: &Action, lib: &Library) -> Outcome {
        let edges = edges(lib, self.center);
        let n = edges.len();
        if n > 0 {
            self.selected = self.selected.min(n - 1);
        }
        match action {
            Action::MoveUp
            | Action::ScrollUp(..)
            | Action::MoveDown
            | Action::ScrollDown(..)
            | Action::Top
            | Action::Bottom => self.vertical(&edges, action),
            Action::MoveLeft => self.across(&edges, true),
            Action::MoveRight => self.across(&edges, false),
            Action::NextPane if n > 0 => self.selected = (self.selected + 1) % n,
            Action::PrevPane if n > 0 => self.selected = (self.selected + n - 1) % n,
            Action::Activate => {
                return match edges.get(self.selected) {
                    Some(e) => Outcome::Open(ItemRef::Actor(e.other)),
                    None => Outcome::Status("no relations to follow".into()),
                };
            }
            Action::Back => return Outcome::Back,
            Action::CloseOverlay | Action::OpenNetwork => return Outcome::Close,
            Action::Quit => return Outcome::Quit,
            _ => {}
        }
        Outcome::Stay
    }

    /// Up or down on the same side, a row or to its first or last neighbour, stopping at
    /// its ends.
    fn vertical(&mut self, edges: &[Edge], action: &Action) {
        let Some(cur) = edges.get(self.selected) else {
            return;
        };
        let side: Vec<usize> = (0..edges.len())
            .filter(|&i| edges[i].left == cur.left)
            .collect();
        let pos = side.iter().position(|&i| i == self.selected).unwrap_or(0);
        if let Some(next) = crate::tui::scroll::stepped(action, pos, side.len(), 1) {
            self.selected = side[next];
        }
    }

    /// To the other side (`to_left` or right), the neighbour at the nearest height.
    fn across(&mut self, edges: &[Edge], to_left: bool) {
        let Some(cur) = edges.get(self.selected) else {
            return;
        };
        if cur.left == to_left {
            return;
        }
        let (l, r, at) = rows(edges);
        let (from_n, to_n) = if to_left { (r, l) } else { (l, r) };
        if to_n == 0 {
            return;
        }
        // Rows are spread over the same height on both sides: match by middle.
        let row = at[self.selected];
        let target = ((2 * row + 1) * to_n / (2 * from_n.max(1))).min(to_n - 1);
        if let Some(i) = (0..edges.len()).find(|&i| edges[i].left == to_left && at[i] == target) {
            self.selected = i;
        }
    }
}
