//! Links checked files into one library over time.
//!
//! An id names one thing across the library: when several briefings define `kenya`, each
//! adds a version of the same actor (see [`super::item`]). Within one briefing an id is
//! defined once (the per-file check enforces that). What still stops a file from loading:
//! - a briefing id used by another file, or an id used for another kind of item;
//! - a reference that no loaded briefing defines.
//!
//! A file is loaded whole or not at all. Dropping a file can leave others pointing at
//! nothing, so dropping runs on a worklist: each file is re-checked only when an id it
//! refers to loses its last definition, which keeps the whole pass linear.

use std::collections::hash_map::Entry;
use std::collections::{HashSet, VecDeque};

use super::FastMap as HashMap;
use std::ops::Range;

use rayon::prelude::*;

use super::Text;
use super::build::Plan;
use super::check::{Checked, Ref};
use super::diag::{Applicability, Diagnostic, FileId, Report};
use super::suggest::{Budget, IdSuggester};
use super::view::order_key;

thread_local! {
    static WORK: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}

/// Counts linker work on this thread: references resolved and suggestion candidates
/// compared. Linking runs on the calling thread, so a test can measure how the work grows
/// with the input without timing anything.
pub(crate) fn count_work(n: usize) {
    WORK.with(|w| w.set(w.get() + n as u64));
}

/// The linker work counted on this thread so far (see [`count_work`]).
#[doc(hidden)]
pub fn link_work() -> u64 {
    WORK.with(std::cell::Cell::get)
}

/// The kinds of item that share the id namespace.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Kind {
    Actor,
    Event,
    Quote,
}

impl Kind {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Self::Actor => "actor",
            Self::Event => "event",
            Self::Quote => "quote",
        }
    }
}

/// "an actor", "an event", "a quote".
pub(crate) fn a_kind(kind: Kind) -> String {
    format!("{} {}", article(kind), kind.name())
}

fn article(kind: Kind) -> &'static str {
    match kind {
        Kind::Actor | Kind::Event => "an",
        Kind::Quote => "a",
    }
}

/// Where an id is first defined, how many loaded files define it, and its item's index
/// among the items of its kind. Kept small: there is one for every id of the library while
/// linking (a million at 10,000 briefings), and files are far smaller than 4 GiB.
struct Def {
    kind: Kind,
    file: u32,
    span: (u32, u32),
    count: u32,
    /// The item's index: ids are numbered in order of first definition, per kind.
    index: u32,
}

impl Def {
    fn new(kind: Kind, file: FileId, span: &Range<usize>, index: u32) -> Self {
        let small = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        Self {
            kind,
            file: small(file),
            span: (small(span.start), small(span.end)),
            count: 1,
            index,
        }
    }

    /// The first loaded file, in briefing order, that defines the id.
    fn file(&self) -> FileId {
        self.file as FileId
    }

    fn span(&self) -> Range<usize> {
        self.span.0 as usize..self.span.1 as usize
    }
}

/// Links checked files (in file order) into a library, reporting what stops a file from
/// loading. The result does not depend on the order files were parsed in.
///
/// `named` says, by file, whether the file was named on its own rather than found in a
/// folder (see [`super::load::assemble_with`]).
pub fn link(
    checked: Vec<Checked>,
    report: &mut Report,
    texts: super::Texts,
    named: &[bool],
) -> super::Library {
    let Linked { order, good, plan } = plan(&checked, report, texts, named);
    let paths: Vec<std::path::PathBuf> = checked
        .iter()
        .map(|c| report.files[c.file].path.clone())
        .collect();
    super::build::build(checked, &order, &good, plan, paths, report)
}

/// Links checked files as [`link`] does, reporting the same, and counts what the library
/// would hold under the view of everything, without making it.
pub fn count(checked: &[Checked], report: &mut Report, named: &[bool]) -> super::Counts {
    let Linked { order, good, plan } = plan(checked, report, super::Texts::AsParsed, named);
    super::build::count(checked, &order, &good, &plan, report)
}

/// What linking fixes before the library is made: the files in briefing order, which of
/// them load, and the [`Plan`].
struct Linked {
    order: Vec<usize>,
    good: Vec<bool>,
    plan: Plan,
}

/// Finds what stops a file from loading, reporting it, and plans the library of the
/// files that load.
fn plan(checked: &[Checked], report: &mut Report, texts: super::Texts, named: &[bool]) -> Linked {
    let mut good: Vec<bool> = checked.iter().map(|c| !c.broken).collect();
    let order = briefing_order(checked);
    // The files left out for a clash of ids: their references are checked with those of
    // the files that have errors of their own, once the library is known.
    let mut clashed = Vec::new();
    clash_briefing_ids(checked, &mut good, &mut clashed, report);
    let Numbered {
        mut defs,
        mut counts,
        own,
    } = clash_kinds(checked, &order, &mut good, &mut clashed, report);
    let unresolved = drop_unresolved(checked, &order, &mut good, &mut defs, own, report, named);
    let (left_out, mut resolved) = (unresolved.left_out, unresolved.resolved);
    check_left_out(checked, &defs, &unresolved.dropped, clashed, report, named);
    if left_out {
        // Rare: the files left out defined ids, and came first for some. The ids of the
        // files that remain are numbered again, and, the remaining files being consistent,
        // clash nowhere; what was read of the old numbers goes.
        drop(defs);
        let mut none = Report::default();
        Numbered { defs, counts, .. } =
            clash_kinds(checked, &order, &mut good, &mut Vec::new(), &mut none);
        debug_assert!(none.diagnostics.is_empty(), "loaded files clash nowhere");
        resolved.fill_with(|| None);
    }
    let files: Vec<(&Checked, Option<Resolved>)> = order
        .iter()
        .filter(|&&fi| good[fi])
        .map(|&fi| (&checked[fi], resolved[fi].take()))
        .collect();
    drop(resolved);
    let files: Vec<(&Checked, Resolved)> = files
        .into_par_iter()
        .map(|(c, r)| {
            let r = r.or_else(|| resolve(c, &defs, None).0);
            (
                c,
                r.unwrap_or_else(|| unreachable!("a loaded file's references resolve")),
            )
        })
        .collect();
    // The definitions go before the library is made.
    drop(defs);
    let plan = Plan::new(files, counts, texts);
    Linked { order, good, plan }
}

/// Files in briefing order: by `as_of` (see [`super::view`]), then briefing id, then path.
fn briefing_order(checked: &[Checked]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..checked.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&checked[a].meta, &checked[b].meta);
        order_key(x.as_of)
            .cmp(&order_key(y.as_of))
            .then_with(|| x.id.raw().cmp(y.id.raw()))
            .then(a.cmp(&b))
    });
    order
}

/// A briefing id names one file: a second file with the same id is left out (and added
/// to `clashed`).
fn clash_briefing_ids(
    checked: &[Checked],
    good: &mut [bool],
    clashed: &mut Vec<usize>,
    report: &mut Report,
) {
    let mut seen: HashMap<&str, usize> = HashMap::default();
    for (fi, c) in checked.iter().enumerate() {
        if c.broken {
            continue;
        }
        match seen.get(c.meta.id.raw()) {
            Some(&prev) => {
                good[fi] = false;
                clashed.push(fi);
                report.diagnostics.push(
                    Diagnostic::error(format!("duplicate briefing id `{}`", c.meta.id))
                        .at(c.file, c.meta.id_span.clone())
                        .label("defined again here")
                        .related(checked[prev].file, checked[prev].meta.id_span.clone(), "first defined here")
                        .help("each briefing has its own id; give this one a new id, e.g. with its date"),
                );
            }
            None => {
                seen.insert(c.meta.id.raw(), fi);
            }
        }
    }
}

/// Every id a file defines, with its kind and span.
pub(crate) fn ids_of(c: &Checked) -> impl Iterator<Item = (Kind, &Text, &Range<usize>)> {
    let actors = c.actors.iter().map(|a| (Kind::Actor, &a.id, &a.id_span));
    let events = c.events.iter().map(|e| (Kind::Event, &e.id, &e.id_span));
    let quotes = c.quotes.iter().map(|q| (Kind::Quote, &q.id, &q.id_span));
    actors.chain(events).chain(quotes)
}

/// Every id a file defines, by id.
type Defs<'a> = HashMap<&'a str, Def>;

/// A library's ids numbered: the table, how many actors, events and quotes there are, and
/// by file its own ids' indexes as [`Resolved::own`] keeps them.
struct Numbered<'a> {
    defs: Defs<'a>,
    counts: [usize; 3],
    own: Vec<Option<Box<[u32]>>>,
}

/// The same id for two kinds of item, or an item id equal to a briefing id, is an error
/// that names both places. The first definition in briefing order sets the kind; a later
/// file that disagrees is left out (and added to `clashed`).
///
/// Gives each id its item's index, in order of first definition among the files that are
/// not left out, and says how many actors, events and quotes there are. By file, the
/// indexes of its own ids as [`Resolved::own`] keeps them: each is known as the id is
/// looked up here, where looking them up again for every file cost a tenth of linking.
fn clash_kinds<'a>(
    checked: &'a [Checked],
    order: &[usize],
    good: &mut [bool],
    clashed: &mut Vec<usize>,
    report: &mut Report,
) -> Numbered<'a> {
    let briefing_ids: HashMap<&str, usize> = order
        .iter()
        .filter(|&&fi| good[fi])
        .map(|&fi| (checked[fi].meta.id.raw(), fi))
        .collect();
    // Sized once for every id: growing it would hold the table twice while it moves.
    let ids: usize = checked.iter().map(Checked::defined_ids).sum();
    let mut defs: Defs =
        HashMap::with_capacity_and_hasher(ids, foldhash::fast::RandomState::default());
    // The next index of each kind.
    let mut next = [0_u32; 3];
    // What the file being looked at added, undone if it clashes: ids it defined first,
    // and ids it defined again.
    let (mut first, mut again): (Vec<&str>, Vec<&str>) = (Vec::new(), Vec::new());
    let mut owns: Vec<Option<Box<[u32]>>> = checked.iter().map(|_| None).collect();
    for &fi in order {
        if !good[fi] {
            continue;
        }
        let c = &checked[fi];
        let mut clashes = Vec::new();
        let mut own = Vec::with_capacity(c.defined_ids());
        // Each id is looked up once, and added as it is found; a file that clashes has
        // what it added taken back, so that only loaded files define ids.
        for (kind, id, span) in ids_of(c) {
            if let Some(&b) = briefing_ids.get(id.raw()) {
                clashes.push(
                    Diagnostic::error(format!("{} id `{id}` is already used by a briefing", kind.name()))
                        .at(c.file, span.clone())
                        .label(format!("{} id", kind.name()))
                        .related(checked[b].file, checked[b].meta.id_span.clone(), "briefing id")
                        .help("briefing ids share the namespace of actors, events and quotes, so that `--open ID` is never ambiguous; rename one of them"),
                );
            }
            match defs.entry(id.raw()) {
                // Another file's definition sets the kind; a file's own ids are not
                // compared with each other here (checking the file did that).
                Entry::Occupied(def) if def.get().file() != c.file && def.get().kind != kind => {
                    let def = def.get();
                    clashes.push(
                        Diagnostic::error(format!(
                            "id `{id}` names {} here but {} elsewhere",
                            a_kind(kind),
                            a_kind(def.kind)
                        ))
                        .at(c.file, span.clone())
                        .label(format!("{} id", kind.name()))
                        .related(def.file(), def.span(), format!("{} id", def.kind.name()))
                        .help("an id names one thing across the library; rename one of them"),
                    );
                }
                Entry::Occupied(mut def) => {
                    def.get_mut().count += 1;
                    own.push(def.get().index);
                    again.push(id.raw());
                }
                Entry::Vacant(v) => {
                    v.insert(Def::new(kind, c.file, span, next[kind as usize]));
                    own.push(next[kind as usize] | FIRST);
                    next[kind as usize] += 1;
                    first.push(id.raw());
                }
            }
        }
        if clashes.is_empty() {
            owns[fi] = Some(own.into_boxed_slice());
        } else {
            for id in &again {
                if let Some(def) = defs.get_mut(id) {
                    def.count -= 1;
                }
            }
            // The ids this file defined first are the last of their kinds to be numbered,
            // so the numbers stay without gaps.
            for id in &first {
                if let Some(def) = defs.remove(id) {
                    next[def.kind as usize] -= 1;
                }
            }
            good[fi] = false;
            clashed.push(fi);
            report.diagnostics.extend(clashes);
        }
        first.clear();
        again.clear();
    }
    Numbered {
        defs,
        counts: next.map(|n| n as usize),
        own: owns,
    }
}

/// What a reference may point to, and what it is called in messages.
pub(crate) struct RefUse<'a> {
    pub(crate) r: &'a Ref,
    pub(crate) kinds: &'static [Kind],
    pub(crate) what: &'static str,
}

/// Every reference a file makes.
pub(crate) fn refs_of<'a>(c: &'a Checked) -> Vec<RefUse<'a>> {
    const ACTOR: &[Kind] = &[Kind::Actor];
    const SUBJECT: &[Kind] = &[Kind::Event, Kind::Actor];
    let mut refs = Vec::new();
    let mut add = |r: &'a Ref, kinds, what| {
        if !r.id.is_empty() {
            refs.push(RefUse { r, kinds, what });
        }
    };
    for a in &c.actors {
        a.affiliations
            .iter()
            .for_each(|r| add(r, ACTOR, "affiliation"));
    }
    for r in &c.relations {
        add(&r.from, ACTOR, "relation source (`from`)");
        add(&r.to, ACTOR, "relation target (`to`)");
    }
    for e in &c.events {
        e.actors
            .iter()
            .for_each(|(r, _)| add(r, ACTOR, "event participant"));
    }
    for q in &c.quotes {
        add(&q.speaker, ACTOR, "speaker");
        q.about
            .iter()
            .for_each(|r| add(r, SUBJECT, "`about` entry"));
    }
    refs
}

/// What [`drop_unresolved`] found.
struct Unresolved<'a> {
    /// Whether it left out any file.
    left_out: bool,
    /// Per file, what its ids and references were found to be (see [`resolve`]), good as
    /// long as no file was left out.
    resolved: Vec<Option<Resolved>>,
    /// Ids that only files left out define, each with the first such file.
    dropped: HashMap<&'a str, FileId>,
}

/// Leaves out every file with a reference that no loaded file defines, until what remains
/// is consistent. Linear: a file is looked at again only when an id it uses loses its last
/// definition.
fn drop_unresolved<'a>(
    checked: &'a [Checked],
    order: &[usize],
    good: &mut [bool],
    defs: &mut Defs<'a>,
    mut own: Vec<Option<Box<[u32]>>>,
    report: &mut Report,
    named: &[bool],
) -> Unresolved<'a> {
    // The files that use each id, made when an id first loses its last definition: a
    // sound library never needs it (10 MB at 10,000 briefings).
    let mut users: Option<HashMap<&str, Vec<usize>>> = None;
    let users_of = |good: &[bool]| {
        let mut users: HashMap<&str, Vec<usize>> = HashMap::default();
        for &fi in order.iter().filter(|&&fi| good[fi]) {
            for u in refs_of(&checked[fi]) {
                let list = users.entry(u.r.id.as_str()).or_default();
                if list.last() != Some(&fi) {
                    list.push(fi);
                }
            }
        }
        users
    };
    // Ids that only files already left out define: a reference to one says why.
    let mut dropped_def: HashMap<&str, FileId> = HashMap::default();
    for &fi in order.iter().filter(|&&fi| !good[fi]) {
        for (_, id, _) in ids_of(&checked[fi]) {
            if !defs.contains_key(id.raw()) {
                dropped_def.entry(id.raw()).or_insert(checked[fi].file);
            }
        }
    }
    // Until a file is left out, every file is looked at against the same definitions, so
    // they are all looked at first, on rayon's workers; most libraries leave none out.
    let (resolved, refs): (Vec<Option<Resolved>>, Vec<usize>) = {
        let good: &[bool] = good;
        let defs: &Defs = defs;
        checked
            .par_iter()
            .zip(own.par_iter_mut())
            .enumerate()
            .map(|(fi, (c, own))| {
                if good[fi] {
                    resolve(c, defs, own.take())
                } else {
                    (None, 0)
                }
            })
            .unzip()
    };
    count_work(refs.iter().sum());
    let mut left_out_any = false;
    let mut suggester: Option<IdSuggester> = None;
    let mut queue: VecDeque<usize> = order.iter().copied().filter(|&fi| good[fi]).collect();
    while let Some(fi) = queue.pop_front() {
        if !good[fi] || (!left_out_any && resolved[fi].is_some()) {
            continue;
        }
        let c = &checked[fi];
        let ctx = Context {
            defs,
            dropped: &dropped_def,
            named,
            report,
        };
        let mut no_own = Budget::SPENT;
        let problems = unresolved(c, &ctx, &HashSet::new(), &mut no_own, &mut suggester);
        if problems.is_empty() {
            continue;
        }
        let users = users.get_or_insert_with(|| users_of(good));
        good[fi] = false;
        left_out_any = true;
        report.diagnostics.extend(problems);
        for (_, id, _) in ids_of(c) {
            let Some(def) = defs.get_mut(id.raw()) else {
                continue;
            };
            def.count -= 1;
            if def.count == 0 {
                dropped_def.insert(id.raw(), c.file);
                queue.extend(users.get(id.raw()).into_iter().flatten().copied());
            }
        }
    }
    Unresolved {
        left_out: left_out_any,
        resolved,
        dropped: dropped_def,
    }
}

/// Marks an item index in [`Resolved::own`] whose item the file is the first to define.
pub(crate) const FIRST: u32 = 1 << 31;

/// Marks a reference's target in [`Resolved::targets`] that is an event; unmarked, an
/// actor.
pub(crate) const EVENT: u32 = 1 << 31;

/// What a loaded file's ids and references are, by the definitions: what making its part
/// of the library needs, with nothing left to look up.
pub(crate) struct Resolved {
    /// The indexes of its actors, events and quotes, in the order it gives them (see
    /// [`ids_of`]), each marked [`FIRST`] where the file is the first to define the item.
    pub(crate) own: Box<[u32]>,
    /// What each of its references points to, in the order [`refs_of`] gives them.
    pub(crate) targets: Box<[u32]>,
    /// What each of its relations relates: from, kind, to.
    pub(crate) relations: Box<[(usize, super::RelationKind, usize)]>,
}

/// What a file's ids and references are among `defs`, if every reference resolves (when
/// they do, [`unresolved`] finds nothing); and how many references it makes. `own` is the
/// file's ids' indexes when [`clash_kinds`] gave them.
fn resolve(c: &Checked, defs: &Defs, own: Option<Box<[u32]>>) -> (Option<Resolved>, usize) {
    let refs = refs_of(c);
    let targets: Option<Box<[u32]>> = refs
        .iter()
        .map(|u| {
            let def = defs.get(u.r.id.as_str());
            resolves_to(def, u.kinds).then(|| def.map_or(0, target))
        })
        .collect();
    let made = targets.and_then(|targets| {
        let index = |id: &str| defs.get(id).map(|d| d.index);
        let own = match own {
            Some(own) => own,
            None => ids_of(c)
                .map(|(_, id, _)| {
                    let def = defs.get(id.raw())?;
                    Some(if def.file() == c.file {
                        def.index | FIRST
                    } else {
                        def.index
                    })
                })
                .collect::<Option<_>>()?,
        };
        let relations = c
            .relations
            .iter()
            .map(|r| {
                Some((
                    index(&r.from.id)? as usize,
                    r.kind,
                    index(&r.to.id)? as usize,
                ))
            })
            .collect::<Option<_>>()?;
        Some(Resolved {
            own,
            targets,
            relations,
        })
    });
    (made, refs.len())
}

/// A reference's target, as [`Resolved::targets`] keeps it.
fn target(def: &Def) -> u32 {
    match def.kind {
        Kind::Event => def.index | EVENT,
        Kind::Actor | Kind::Quote => def.index,
    }
}

/// Whether a reference to one of `kinds` resolves to `def`, its id's definition.
fn resolves_to(def: Option<&Def>, kinds: &[Kind]) -> bool {
    def.is_some_and(|def| def.count > 0 && kinds.contains(&def.kind))
}

/// What resolving a file's references looks at.
struct Context<'c, 'a> {
    defs: &'c Defs<'a>,
    /// Ids that only files already left out define.
    dropped: &'c HashMap<&'c str, FileId>,
    /// By file, whether it was named on its own, not found in a folder: such a file may
    /// refer to a briefing that was not named with it.
    named: &'c [bool],
    report: &'c Report,
}

/// References in files with errors of their own, and in files left out for a clash of ids
/// (`clashed`): they are not loaded, but their references are checked all the same
/// (against the library and the file's own ids), so that one run reports every problem.
/// Files are taken in file order. A file left out for a reference that does not resolve
/// has had its references reported already, and is not looked at again.
fn check_left_out(
    checked: &[Checked],
    defs: &Defs,
    dropped: &HashMap<&str, FileId>,
    mut clashed: Vec<usize>,
    report: &mut Report,
    named: &[bool],
) {
    clashed.sort_unstable();
    let mut clashed = clashed.into_iter().peekable();
    let mut found = Vec::new();
    let mut suggester: Option<IdSuggester> = None;
    // Each file's own ids get a suggester of their own; they share one budget.
    let mut own_budget = Budget::default();
    for (fi, c) in checked.iter().enumerate() {
        let clash = clashed.next_if_eq(&fi).is_some();
        if !(c.broken || clash) || c.skip_references {
            continue;
        }
        let own: HashSet<(&str, Kind)> = ids_of(c).map(|(k, id, _)| (id.raw(), k)).collect();
        let ctx = Context {
            defs,
            dropped,
            named,
            report,
        };
        found.extend(unresolved(c, &ctx, &own, &mut own_budget, &mut suggester));
    }
    report.diagnostics.extend(found);
}

/// The diagnostics for a file's references that do not resolve, in the library or among
/// the file's `own` ids (for a file that is not loaded itself). Suggestions among the own
/// ids spend `own_budget`.
fn unresolved<'a>(
    c: &Checked,
    ctx: &Context<'_, 'a>,
    own: &HashSet<(&str, Kind)>,
    own_budget: &mut Budget,
    suggester: &mut Option<IdSuggester<'a>>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let refs = refs_of(c);
    count_work(refs.len());
    let mut local: Option<IdSuggester<'_>> = None;
    for RefUse { r, kinds, what } in refs {
        if kinds.iter().any(|k| own.contains(&(r.id.as_str(), *k))) {
            continue;
        }
        let def = ctx.defs.get(r.id.as_str());
        if resolves_to(def, kinds) {
            continue;
        }
        // Only a reference that does not resolve is worded.
        let wanted = kinds
            .iter()
            .map(|k| k.name())
            .collect::<Vec<_>>()
            .join(" or ");
        let id = Text::new(r.id.as_str());
        match def {
            Some(def) if def.count > 0 => {
                let expected = format!("{} {wanted}", article(kinds[0]));
                out.push(
                    Diagnostic::error(format!(
                        "{what} `{id}` is {}, not {expected}",
                        a_kind(def.kind)
                    ))
                    .at(c.file, r.span.clone())
                    .label(format!("expected {expected} id"))
                    .related(def.file(), def.span(), "defined here"),
                );
            }
            _ => {
                let d = Diagnostic::error(format!("unknown {wanted} `{id}` in {what}"))
                    .at(c.file, r.span.clone())
                    .label(format!("no loaded briefing defines this {wanted}"));
                let near = || {
                    if own.is_empty() {
                        return None;
                    }
                    let l = local.get_or_insert_with(|| {
                        let budget = std::mem::replace(own_budget, Budget::SPENT);
                        IdSuggester::with_budget(own.iter().copied(), budget)
                    });
                    l.suggest(&r.id, kinds).map(str::to_owned)
                };
                out.push(explain(d, c, r, kinds, ctx, near, suggester));
            }
        }
    }
    if let Some(l) = local {
        *own_budget = l.budget();
    }
    super::diag::merge_repeats(out)
}

/// The help for an unknown reference: the id's ignored table, the file left out that
/// defines it, the closest id, or where else it may be defined.
fn explain<'a>(
    d: Diagnostic,
    c: &Checked,
    r: &Ref,
    kinds: &[Kind],
    ctx: &Context<'_, 'a>,
    near: impl FnOnce() -> Option<String>,
    suggester: &mut Option<IdSuggester<'a>>,
) -> Diagnostic {
    let id = Text::new(r.id.as_str());
    if let Some(ig) = c.ignored.iter().find(|ig| ig.id == r.id) {
        return d.help(format!(
            "`{id}` is defined under `{}`, which is ignored: did you mean `{}`?",
            ig.written, ig.meant
        ));
    }
    if let Some(&file) = ctx.dropped.get(r.id.as_str()).filter(|&&f| f != c.file) {
        // Its first error, as `check` names it among the files left out.
        let why = ctx
            .report
            .diagnostics
            .iter()
            .find(|d| d.file == Some(file) && d.is_error())
            .map(|d| format!(" ({})", super::text::safe_line(&d.message)))
            .unwrap_or_default();
        return d.help(format!(
            "`{id}` is defined in {}, which is left out{why}: fix that file and this resolves",
            ctx.report.files[file].display
        ));
    }
    let found = near().or_else(|| {
        let s = suggester.get_or_insert_with(|| {
            IdSuggester::new(
                ctx.defs
                    .iter()
                    .filter(|(_, d)| d.count > 0)
                    .map(|(k, d)| (*k, d.kind)),
            )
        });
        s.suggest(&r.id, kinds).map(str::to_owned)
    });
    // Only a file named on its own may refer to a briefing that is not being loaded: a
    // folder's briefings are all loaded already.
    let named = ctx.named.get(c.file).copied().unwrap_or(false);
    let elsewhere = if named {
        format!(" If another briefing of your library defines `{id}`, check the two together.")
    } else {
        String::new()
    };
    // An id with capitals whose lowercase form is an id of its own is not the one to
    // lowercase: that one is what was meant.
    let found = found.map(|s| {
        let lower = s.to_lowercase();
        if lower != s && resolves_to(ctx.defs.get(lower.as_str()), kinds) {
            lower
        } else {
            s
        }
    });
    match found {
        Some(s) if s != s.to_lowercase() => misspelt_definition(d, c, r, ctx, &s, &elsewhere),
        Some(s) => {
            let case = s.to_lowercase() == r.id.to_lowercase();
            let help = if case {
                format!("ids are case-sensitive: did you mean `{}`?", Text::new(s.as_str()))
            } else {
                format!("did you mean `{}`?{elsewhere}", Text::new(s.as_str()))
            };
            d.help(help)
                .fix(r.span.clone(), format!("\"{s}\""), Applicability::MaybeIncorrect)
        }
        None if named => d.help(format!(
            "no briefing being loaded defines `{id}`; if another briefing of your library does, load them together (e.g. `briefing check FOLDER`)"
        )),
        None => d.help(format!(
            "no briefing being loaded defines `{id}`: correct the id here, or define it"
        )),
    }
}

/// The help for a reference to an id that breaks the rule that ids are lowercase
/// (`Haixing`), whether it differs by case alone (`haixing`, `HAIXING`) or is a near miss
/// (`haixng`): the definition is what to change, so the help points there, with the
/// definition as a related place. A lowercase reference of the same letters is right as it
/// is and gets no edit; any other gets the lowercase id as its suggested edit, so that the
/// two changes together make a file that checks, where suggesting `Haixing` would only
/// move the error to the definition's warning.
fn misspelt_definition(
    d: Diagnostic,
    c: &Checked,
    r: &Ref,
    ctx: &Context<'_, '_>,
    defined: &str,
    elsewhere: &str,
) -> Diagnostic {
    let lower = defined.to_lowercase();
    let (shown, lower_shown) = (Text::new(defined), Text::new(lower.as_str()));
    let place = ids_of(c)
        .find(|(_, id, _)| id.raw() == defined)
        .map(|(_, _, span)| (c.file, span.clone()))
        .or_else(|| ctx.defs.get(defined).map(|def| (def.file(), def.span())));
    let mut d = match place {
        Some((file, span)) => d.related(file, span, format!("defined as `{shown}` here")),
        None => d,
    };
    // "the id is defined as …", or "The id …" to begin a sentence.
    let lowercase_it =
        format!("id is defined as `{shown}`, but ids are lowercase: write `{lower_shown}`");
    if r.id.as_str() == lower {
        return d.help(format!(
            "the {lowercase_it} in its definition, and this reference is right as it is"
        ));
    }
    d = if r.id.to_lowercase() == lower {
        d.help(format!("the {lowercase_it} in its definition and here"))
    } else {
        d.help(format!(
            "did you mean `{lower_shown}`? The {lowercase_it} in its definition and here.{elsewhere}"
        ))
    };
    d.fix(
        r.span.clone(),
        format!("\"{lower}\""),
        Applicability::MaybeIncorrect,
    )
}

#[cfg(test)]
mod tests {
    use super::super::one_file::{Parsed, parse_one};
    use super::*;

    /// A generated library's files, checked and numbered as a load numbers them.
    fn checked(files: Vec<(std::path::PathBuf, String)>) -> Vec<Checked> {
        files
            .into_iter()
            .enumerate()
            .map(|(i, (path, text))| {
                match parse_one(&path, Ok(text.into_bytes()), None, true, false).outcome {
                    Parsed::Ok(mut c) => {
                        c.file = i;
                        *c
                    }
                    Parsed::Failed(d) => panic!("a generated file fails: {:?}", d[0].message),
                }
            })
            .collect()
    }

    #[test]
    fn the_indexes_found_while_numbering_are_those_looked_up() {
        for (briefings, series, seed) in [(30, 3, 7), (24, 1, 11)] {
            let checked = checked(crate::synth::generate_series(briefings, series, seed));
            let order = briefing_order(&checked);
            let (mut good, mut report) = (vec![true; checked.len()], Report::default());
            let n = clash_kinds(&checked, &order, &mut good, &mut Vec::new(), &mut report);
            assert!(report.diagnostics.is_empty() && good.iter().all(|&g| g));
            assert!(
                n.defs.values().any(|d| d.count > 1),
                "ids are defined again"
            );
            for (c, own) in checked.iter().zip(n.own) {
                let own = own.expect("every file loads");
                let found = resolve(c, &n.defs, None)
                    .0
                    .expect("every reference resolves");
                assert_eq!(own, found.own);
            }
        }
    }

    #[test]
    fn a_file_that_clashes_has_no_indexes() {
        let mut files = checked(crate::synth::generate_series(6, 1, 5));
        let order = briefing_order(&files);
        // An event with an actor's id, in a later file.
        let actor = files[order[0]].actors[0].id.clone();
        files[order[3]].events[0].id = actor;
        let (mut good, mut report) = (vec![true; files.len()], Report::default());
        let n = clash_kinds(&files, &order, &mut good, &mut Vec::new(), &mut report);
        assert_eq!(report.diagnostics.len(), 1);
        for (fi, own) in n.own.iter().enumerate() {
            assert_eq!(own.is_some(), fi != order[3], "file {fi}");
        }
    }
}
