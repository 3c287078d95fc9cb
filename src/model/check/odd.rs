//! Content that parses and means something odd: warnings, each with its reason.
//!
//! - a relation from an actor to itself, an actor affiliated with itself, an actor taking
//!   part twice in one event;
//! - more than seven key points (the format asks for three to seven: a reader takes in a
//!   short list at a glance);
//! - an `as_of` that is unknown or a range (it still sorts, but rarely as the author means);
//! - an occurred event, a quote or a source's `published` dated after the briefing's `as_of`.

use std::ops::Range;

use super::super::diag::Diagnostic;
use super::super::view::order_key;
use super::super::{DateSpec, Text};
use super::values::Checker;
use super::{MetaDraft, Ref};

/// The most key points the format asks for.
pub(crate) const MAX_KEY_POINTS: usize = 7;

pub(super) fn meta(
    ck: &mut Checker<'_>,
    m: &MetaDraft,
    as_of: Option<Range<usize>>,
    points: Option<Range<usize>>,
) {
    if let (Some(span), n) = (points, m.key_points.len())
        && n > MAX_KEY_POINTS
    {
        ck.warn(
            Diagnostic::warning(format!("{n} key points; the format asks for three to seven"))
                .at(0, span)
                .label(format!("{} more than seven", n - MAX_KEY_POINTS))
                .help("a reader takes in a short list at a glance: merge the close ones, or move detail into the summary"),
        );
    }
    let Some(span) = as_of else { return };
    match m.as_of {
        DateSpec::Unknown => ck.warn(
            Diagnostic::warning("`as_of` is unknown")
                .at(0, span)
                .label("sorts before every dated briefing")
                .help("a briefing is what was known on a date: give the day (or month) you wrote it; with an unknown `as_of` it counts as the oldest of the library, never as the latest"),
        ),
        DateSpec::On(_) => {}
        bounded => {
            let key = order_key(bounded);
            ck.warn(
                Diagnostic::warning("`as_of` is a range, not a date")
                    .at(0, span)
                    .label(format!("sorts as {}", day(key)))
                    .help("a briefing is what was known on a date: give the day (or month) you wrote it; a range sorts by its end, and `after` by its start"),
            );
        }
    }
}

fn day(k: u32) -> String {
    format!("{:04}-{:02}-{:02}", k / 10_000, k / 100 % 100, k % 100)
}

pub(super) fn self_relation(ck: &mut Checker<'_>, from: &Ref, to: &Ref) {
    if !from.id.is_empty() && from.id == to.id {
        ck.warn(
            Diagnostic::warning(format!("a relation from `{}` to itself", Text::new(from.id.as_str())))
                .at(0, to.span.clone())
                .label("the same actor as `from`")
                .related(0, from.span.clone(), "from here")
                .help("a relation joins two actors; say what an actor does alone in its `role` or `summary`"),
        );
    }
}

pub(super) fn affiliations(ck: &mut Checker<'_>, id: &Text, refs: &[Ref]) {
    for r in refs.iter().filter(|r| !id.is_empty() && r.id == id.raw()) {
        ck.warn(
            Diagnostic::warning(format!("actor `{id}` is affiliated with itself"))
                .at(0, r.span.clone())
                .label("the actor's own id")
                .help("`affiliations` lists other actors it belongs to or works for"),
        );
    }
}

pub(super) fn participants(ck: &mut Checker<'_>, actors: &[(Ref, Option<Text>)]) {
    for (i, (r, _)) in actors.iter().enumerate() {
        if let Some((first, _)) = actors[..i]
            .iter()
            .find(|(p, _)| !p.id.is_empty() && p.id == r.id)
        {
            ck.warn(
                Diagnostic::warning(format!(
                    "`{}` takes part twice in this event",
                    Text::new(r.id.as_str())
                ))
                .at(0, r.span.clone())
                .label("listed again here")
                .related(0, first.span.clone(), "first listed here")
                .help("list each actor once, with every role it played in one `role`"),
            );
        }
    }
}

/// A date that falls wholly after the briefing's `as_of`, where that cannot be known yet.
pub(super) fn after_as_of(
    ck: &mut Checker<'_>,
    what: &str,
    date: DateSpec,
    known_past: bool,
    as_of: DateSpec,
    span: Range<usize>,
) {
    let (Some(start), Some(end)) = (date.earliest(), as_of.latest()) else {
        return;
    };
    if known_past && start > end {
        let message = if what == "source" {
            "this source was published after the briefing's `as_of`".to_owned()
        } else {
            format!("this {what} is dated after the briefing's `as_of`")
        };
        ck.warn(
            Diagnostic::warning(message)
                .at(0, span)
                .label(format!("after {}", day(end)))
                .help(match what {
                    "event" => "a briefing tells what was known on its `as_of` date: check the date, or give the status it had then (e.g. `scheduled`)",
                    "source" => "a briefing can only draw on what was published by its `as_of` date: check the source's `published`, or the briefing's `as_of`",
                    _ => "a briefing tells what was known on its `as_of` date: check the date of the quote, or the briefing's `as_of`",
                }),
        );
    }
}
