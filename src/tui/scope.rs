//! What the panes show: which briefings (all, one series, one briefing) and as of when.
//! The view itself is the model's ([`View`]); this module names it for the header, moves
//! it with the scope and time-travel keys, and lists the picker's choices.

use crate::model::{BriefingIx, ItemRef, Library, PartialDate, Scope, View};

/// The header's title for the current scope.
#[must_use]
pub fn label(lib: &Library) -> String {
    let in_scope = lib.briefings.iter().filter(|b| b.in_scope()).count();
    match &lib.view().scope {
        Scope::All if lib.briefings.len() == 1 => lib.briefings[0].title.safe().to_owned(),
        Scope::All => {
            // The series of the briefings in view; of the library when none is (a date
            // before every briefing). Drawn every frame: one pass, and a set only once a
            // second series turns up.
            let mut shown = lib.briefings.iter().filter(|b| b.in_scope()).peekable();
            let series: Vec<&str> = match shown.peek() {
                None => lib.series_names(),
                Some(first) => {
                    let first = first.series_name();
                    let mut others: std::collections::HashSet<&str> =
                        std::collections::HashSet::new();
                    for b in shown {
                        if b.series_name() != first {
                            others.insert(b.series_name());
                        }
                    }
                    std::iter::once(first).chain(others).collect()
                }
            };
            match series.as_slice() {
                [""] => format!("all {}", briefings(in_scope)),
                [one] => series_label(one, in_scope),
                series => format!("all {} · {} series", briefings(in_scope), series.len()),
            }
        }
        Scope::Series(name) => series_label(name, in_scope),
        Scope::Briefing(b) => lib.briefings[*b].title.safe().to_owned(),
    }
}

/// "1 briefing", "3 briefings".
fn briefings(n: usize) -> String {
    format!("{n} briefing{}", if n == 1 { "" } else { "s" })
}

fn series_label(name: &str, n: usize) -> String {
    let name = crate::model::text::safe_line(name);
    let s = if n == 1 { "" } else { "s" };
    if name.is_empty() {
        format!("briefings without a series · {n} briefing{s}")
    } else {
        format!("{name} series · {n} briefing{s}")
    }
}

/// A short name for a scope, for status lines: [`scope_parts`] joined.
#[must_use]
pub fn scope_name(lib: &Library, scope: &Scope) -> String {
    match scope_parts(lib, scope) {
        (name, Some(date)) => format!("{name} ({date})"),
        (name, None) => name,
    }
}

/// A scope's name, on one line, and for one briefing its date apart, so that the picker
/// can cut a long title and still show the date.
#[must_use]
pub fn scope_parts(lib: &Library, scope: &Scope) -> (String, Option<String>) {
    match scope {
        Scope::All => (format!("all {}", briefings(lib.briefings.len())), None),
        Scope::Series(name) if name.is_empty() => ("briefings without a series".to_owned(), None),
        Scope::Series(name) => (
            format!("the {} series", crate::model::text::safe_line(name)),
            None,
        ),
        Scope::Briefing(b) => {
            let br = &lib.briefings[*b];
            (
                crate::model::text::one_line(br.title.safe()).into_owned(),
                Some(br.as_of.to_string()),
            )
        }
    }
}

/// The header's date: "as of 2025-10-01", and whether this is an earlier view than the
/// library's latest state.
#[must_use]
pub fn as_of_label(lib: &Library) -> (String, bool) {
    if lib.is_earlier_view()
        && let Some(d) = lib.view().as_of
    {
        return (format!("as of {d} (earlier view)"), true);
    }
    let latest = lib.briefings.iter().rev().find(|b| b.in_scope());
    (
        latest.map_or_else(String::new, |b| format!("as of {}", b.as_of)),
        false,
    )
}

/// The briefing a scope change is about: the one the selected item's shown version comes
/// from, else the latest briefing in scope.
#[must_use]
pub fn anchor(lib: &Library, selected: Option<ItemRef>) -> Option<BriefingIx> {
    let from_item = selected.and_then(|item| match item {
        ItemRef::Briefing(b) => Some(b),
        ItemRef::Source(s) => Some(lib.sources[s].briefing),
        ItemRef::Actor(a) => lib.actors[a].is_known().then(|| lib.actors[a].briefing),
        ItemRef::Event(e) => lib.events[e].is_known().then(|| lib.events[e].briefing),
        ItemRef::Quote(q) => lib.quotes[q].is_known().then(|| lib.quotes[q].briefing),
    });
    from_item.or_else(|| {
        lib.briefings
            .iter()
            .rposition(crate::model::Briefing::in_scope)
    })
}

/// The next scope in the cycle all → series → briefing → all, around `anchor`. A series
/// step that would show the same briefings as its neighbour is skipped.
#[must_use]
pub fn cycle(lib: &Library, anchor: Option<BriefingIx>) -> Scope {
    let Some(b) = anchor else { return Scope::All };
    let series = lib.briefings[b].series_name();
    let members = lib
        .briefings
        .iter()
        .filter(|x| x.series_name() == series)
        .count();
    let useful_series = members > 1 && members < lib.briefings.len();
    match &lib.view().scope {
        Scope::All if useful_series => Scope::Series(series.into()),
        Scope::All | Scope::Series(_) if lib.briefings.len() > 1 => Scope::Briefing(b),
        _ => Scope::All,
    }
}

/// What the picker offers: all briefings, then series by series, each series with more
/// than one briefing followed by its briefings, a series of one by its briefing alone.
#[must_use]
pub fn choices(lib: &Library) -> Vec<Scope> {
    // Series in order of their first briefing, each with its briefings in order.
    let mut series: Vec<(&str, Vec<BriefingIx>)> = Vec::new();
    let mut at: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for (b, briefing) in lib.briefings.iter().enumerate() {
        let name = briefing.series_name();
        let i = *at.entry(name).or_insert_with(|| {
            series.push((name, Vec::new()));
            series.len() - 1
        });
        series[i].1.push(b);
    }
    let mut out = vec![Scope::All];
    for (name, members) in series {
        if members.len() > 1 {
            out.push(Scope::Series(name.into()));
        }
        out.extend(members.into_iter().map(Scope::Briefing));
    }
    out
}

/// The view one briefing date earlier or later than the current one; later than the
/// latest date is "now". `Err` says why there is nowhere to go.
///
/// # Errors
/// A message for the status line when the view is already at the first or latest state.
pub fn step(lib: &Library, earlier: bool) -> Result<View, String> {
    // The dates of the briefings in scope: another series' dates change nothing in view,
    // and a briefing is not there before its own date.
    let scope = &lib.view().scope;
    let dates = lib.briefing_dates_in(scope);
    let within = match scope {
        Scope::All => String::new(),
        scope => format!(" of {}", scope_name(lib, scope)),
    };
    let now = lib.view().as_of.map(PartialDate::last_day);
    let current = now.unwrap_or(u32::MAX);
    let as_of = if earlier {
        // The latest date before the one shown; "now" shows the last date.
        let shown = dates
            .iter()
            .rev()
            .find(|d| d.last_day() <= current)
            .map_or(0, |d| d.last_day());
        match dates.iter().rev().find(|d| d.last_day() < shown) {
            Some(d) => Some(*d),
            None => return Err(format!("this is the earliest briefing date{within}")),
        }
    } else {
        match dates.iter().find(|d| d.last_day() > current) {
            Some(d) if Some(d) != dates.last() => Some(*d),
            Some(_) => None,
            None if within.is_empty() => {
                return Err("this is the latest state of the library".to_owned());
            }
            None => return Err(format!("this is the latest state{within}")),
        }
    };
    Ok(View {
        as_of,
        scope: lib.view().scope.clone(),
    })
}

/// The view's date for a change to `scope`: the same date, unless no briefing in the scope
/// is known on it, which would show an empty view under the name of a briefing or series
/// not yet written. Then the scope's first date (or "now", if that is the latest of the
/// library), and true.
#[must_use]
pub fn as_of_for(lib: &Library, scope: &Scope) -> (Option<PartialDate>, bool) {
    let as_of = lib.view().as_of;
    let Some(cutoff) = as_of.map(PartialDate::last_day) else {
        return (None, false);
    };
    let dates = lib.briefing_dates_in(scope);
    match dates.first() {
        Some(first) if first.last_day() > cutoff => {
            let latest = lib.briefing_dates().last().map(|d| d.last_day());
            let moved = (latest != Some(first.last_day())).then_some(*first);
            (moved, true)
        }
        _ => (as_of, false),
    }
}

/// Whether an item can be shown in the current view; if not, the view to switch to.
#[must_use]
pub fn reach(lib: &Library, item: ItemRef) -> Option<View> {
    let (known, in_scope) = match item {
        ItemRef::Briefing(_) | ItemRef::Source(_) => (true, true),
        ItemRef::Actor(a) => (lib.actors[a].is_known(), lib.actors[a].in_scope()),
        ItemRef::Event(e) => (lib.events[e].is_known(), lib.events[e].in_scope()),
        ItemRef::Quote(q) => (lib.quotes[q].is_known(), lib.quotes[q].in_scope()),
    };
    if in_scope {
        return None;
    }
    Some(View {
        as_of: if known { lib.view().as_of } else { None },
        scope: Scope::All,
    })
}

/// Short tags naming each briefing, for list rows, indexed by briefing: `@` and its date
/// when every briefing in scope is of one series (as short as still tells them apart),
/// else `@` and its id. The `@` says that this is the briefing a row's version comes from,
/// not a date of the item: `@2025-06` beside a quote said on 2025-04-14 must not read as
/// its date. Built once per frame, so a row costs a lookup, not a scan of the library.
#[must_use]
pub fn tags(lib: &Library) -> Vec<String> {
    untagged(lib)
        .into_iter()
        .map(|t| format!("{TAG}{t}"))
        .collect()
}

/// What marks a briefing's tag in a row.
pub const TAG: &str = "@";

/// The tags without their mark.
fn untagged(lib: &Library) -> Vec<String> {
    let in_scope: Vec<&crate::model::Briefing> =
        lib.briefings.iter().filter(|b| b.in_scope()).collect();
    let first = in_scope.first().map(|b| b.series_name());
    let one_series = in_scope.iter().all(|b| Some(b.series_name()) == first);
    if !one_series {
        return lib
            .briefings
            .iter()
            .map(|b| {
                crate::model::text::one_line(b.id.safe())
                    .chars()
                    .take(16)
                    .collect()
            })
            .collect();
    }
    let dates: Vec<String> = in_scope.iter().map(|b| b.as_of.to_string()).collect();
    let mut count: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for d in &dates {
        for n in [4, 7] {
            if d.len() > n && d.is_char_boundary(n) {
                *count.entry(&d[..n]).or_default() += 1;
            }
        }
    }
    lib.briefings
        .iter()
        .map(|b| {
            let own = b.as_of.to_string();
            [4, 7]
                .into_iter()
                .filter(|&n| own.len() > n && own.is_char_boundary(n))
                .map(|n| &own[..n])
                .find(|short| count.get(short) == Some(&1))
                .map_or_else(|| own.clone(), str::to_owned)
        })
        .collect()
}

/// The briefing whose version a list row shows.
#[must_use]
pub fn row_briefing(lib: &Library, item: ItemRef) -> Option<BriefingIx> {
    match item {
        ItemRef::Actor(i) => Some(lib.actors[i].briefing),
        ItemRef::Event(i) => Some(lib.events[i].briefing),
        ItemRef::Quote(i) => Some(lib.quotes[i].briefing),
        ItemRef::Briefing(_) | ItemRef::Source(_) => None,
    }
}
