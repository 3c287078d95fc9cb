//! Parsing the query language: fzf's terms and operators plus typed qualifiers.
//!
//! A query is a list of groups that must all hold (AND); a group is a list of alternatives
//! of which one must hold (OR, written `a | b`). See the module docs of [`super`] for the
//! syntax as users see it.

use crate::model::date::DayKey;
use crate::model::text::safe_line;
use crate::model::{PartialDate, Status};

use super::fold::{case_key_str, fold_str, mask_of};
use super::index::Kind;

/// Where a term must sit inside a field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Anchor {
    None,
    /// `^term`: a field starts with it.
    Start,
    /// `term$`: a field ends with it.
    End,
    /// `^term$`: a field is exactly it.
    Both,
}

/// A term that matches text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TextTerm {
    pub(crate) negate: bool,
    /// Fuzzy (subsequence) rather than exact (substring or anchored).
    pub(crate) fuzzy: bool,
    pub(crate) anchor: Anchor,
    /// The text as typed, after the operators.
    pub(crate) text: String,
    /// Fully folded, for case-insensitive terms and the prefilter.
    pub(crate) folded: String,
    /// Accents and quotes folded but case kept, for case-sensitive terms.
    pub(crate) keyed: String,
    /// Smart case: the term holds an uppercase letter.
    pub(crate) case_sensitive: bool,
    pub(crate) mask: u64,
}

/// A typed qualifier, already resolved to what it keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Filter {
    /// A bit per [`Kind`].
    Kind(u8),
    /// A bit per index in [`Status::ALL`]; only events have a status.
    Status(u8),
    /// Items whose date could fall anywhere in these inclusive days.
    Date { from: DayKey, to: DayKey },
    /// Items a briefing describes, by a hash of its id.
    Briefing(u64),
    /// Items a briefing of a series describes, by a hash of the series name.
    Series(u64),
    /// Items a briefing with a tag describes, by a hash of the tag (see [`tag_name`]).
    Tag(u64),
    /// A bit per [`crate::model::Mark`]: new or changed in the latest briefing.
    Mark(u8),
    /// Items whose date is unknown (`date:unknown`).
    Undated,
    /// `dated:yes`: items whose date is known, exactly or bounded; `dated:no`: the same as
    /// `date:unknown`. Items without a date (actors) are neither.
    Dated(bool),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Term {
    Text(TextTerm),
    Filter { negate: bool, filter: Filter },
}

/// A parsed query. Parsing never panics; a malformed query is a [`QueryError`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// All must hold; within a group, one alternative must.
    pub(crate) groups: Vec<Vec<Term>>,
    /// Chars every matching item must contain (folded), for the prefilter.
    pub(crate) mask: u64,
    /// The briefing ids, series names and tags the query names (`briefing:`, `series:`,
    /// `tag:`), as typed: a name the library does not have is worth saying (see
    /// [`super::SearchIndex::unknown_name`]).
    pub(crate) names: Vec<(Named, String)>,
    /// Whether briefings are searched too: when the query asks for them (`type:briefing`)
    /// or its caller does ([`Query::with_briefings`], a pane's filter). Otherwise a search
    /// finds items, as its "N of M" counts them.
    pub(crate) briefings: bool,
}

/// What a `briefing:`, `series:` or `tag:` qualifier names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Named {
    Briefing,
    Series,
    Tag,
}

/// Why a query could not be parsed. The message fits on one line.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// A `word:` that is not a qualifier.
    #[error(
        "unknown qualifier `{0}:` (known: type, status, date, after, before, dated, briefing, series, tag, is); write `'{0}:` to search for the text"
    )]
    UnknownQualifier(String),
    /// A qualifier without a value, and an example of one.
    #[error("`{0}:` needs a value, e.g. {1}")]
    MissingValue(&'static str, &'static str),
    /// A `type:` that is not a kind of item.
    #[error("unknown type `{0}` (known: actor, event, quote, source, briefing)")]
    UnknownType(String),
    /// A `status:` that is not a status, and the known ones.
    #[error("unknown status `{0}` (known: {1})")]
    UnknownStatus(String, String),
    /// `is:` with something other than `new` or `changed`.
    #[error("unknown `is:{0}` (known: new, changed)")]
    UnknownIs(String),
    /// A value that could mean several things, and which.
    #[error("`{0}` is ambiguous: it could be {1}")]
    Ambiguous(String, String),
    /// A `dated:` that is not yes or no.
    #[error("`dated:{0}` needs yes or no: `dated:yes` keeps known dates, `dated:no` unknown ones")]
    BadDated(String),
    /// A date that cannot be read, and why.
    #[error("bad date in `{token}`: {reason}")]
    BadDate {
        /// The qualifier as written.
        token: String,
        /// What is wrong with its date.
        reason: String,
    },
}

/// The query language for `briefing search --help`.
pub const QUERY_HELP: &str = "\
Search: ranked hits on stdout (kind, id, text); exit 0 hits / 1 none / 2 error.

The query works like fzf: every space-separated term must match.
  kenya oas         fuzzy: the letters in order, like an abbreviation
  'aware            exact text           \"are aware\"   exact phrase
  ^sing  force$     a field starts / ends with it;  ^kenya$  a field is exactly it
  !kenyan           leave out items containing it
  oas | un          either term
  Kenya             an uppercase letter makes the term case-sensitive

Qualifiers:
  type:quote        actor, event, quote, source or briefing (type:actor,event); briefings
                    are searched only when named so, or in a pane's filter
  status:planned    occurred, planned, scheduled, proposed, reported, ongoing
  date:2025-05      the date could fall in May 2025
  after:2024-06     the date could be June 2024 or later (inclusive)
  before:2025       the date could be 2025 or earlier (inclusive)
  date:unknown      the date is unknown
  dated:yes         the date is known (exactly or bounded); dated:no = date:unknown
  briefing:ID       described by that briefing (e.g. briefing:haiti-2025-10)
  series:NAME       described by a briefing of that series (e.g. series:haiti)
  tag:TAG           described by a briefing with that tag (e.g. tag:security)
  is:changed        changed in the latest briefing of its series (is:new: new in it)
Dates are YYYY, YYYY-MM or YYYY-MM-DD. An item matches a date qualifier wherever its date
could fall, so an unknown date matches every one of them: such hits are counted apart on
stderr (\"12 hits: 3 dated + 9 undated\"), and `dated:yes` leaves them out. Actors have no
date; sources use their publication date.";

const QUALIFIERS: &[&str] = &[
    "type", "status", "after", "before", "date", "dated", "briefing", "series", "tag", "is",
];

/// The query syntax as (example, meaning) rows, for the help overlay: one list, so the
/// help cannot drift from what the parser accepts (a test parses every example).
pub const SYNTAX: &[(&str, &str)] = &[
    (
        "kenya oas",
        "every term must match; letters in order, like an abbreviation",
    ),
    ("'aware", "exact text"),
    ("\"are aware\"", "exact phrase, spaces included"),
    ("^sing", "a field starts with it"),
    ("force$", "a field ends with it"),
    ("^kenya$", "a field is exactly it"),
    ("!kenyan", "leave out items containing it"),
    ("oas | un", "either term"),
    (
        "type:quote",
        "actor, event, quote, source or briefing; type:actor,event",
    ),
    (
        "status:proposed",
        "occurred, planned, scheduled, proposed, reported, ongoing",
    ),
    ("briefing:haiti-2025-10", "described by that briefing"),
    ("series:haiti", "described by a briefing of that series"),
    ("tag:security", "described by a briefing with that tag"),
    (
        "is:changed",
        "changed (or is:new, new) in the latest briefing of its series",
    ),
    (
        "date:2025-05",
        "the date could fall in May 2025 (unknown dates too)",
    ),
    (
        "after:2024-06",
        "the date could be June 2024 or later (unknown dates too)",
    ),
    (
        "before:2025",
        "the date could be 2025 or earlier (unknown dates too)",
    ),
    ("date:unknown", "the date is unknown"),
    ("dated:yes", "the date is known: leaves out unknown dates"),
    ("Kenya", "an uppercase letter makes the term case-sensitive"),
];

impl Query {
    /// The query, searching briefings too (see [`Query::briefings`]).
    #[must_use]
    pub fn with_briefings(mut self) -> Self {
        self.briefings = true;
        self
    }

    /// Parses a query.
    ///
    /// # Errors
    /// An unknown qualifier, a qualifier without a value, an unknown type or status, or a
    /// date that is not YYYY, YYYY-MM or YYYY-MM-DD or does not exist.
    pub fn parse(s: &str) -> Result<Self, QueryError> {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut names = Vec::new();
        let mut join = false;
        let mut rest = s;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            let (token, after) = next_token(rest)?;
            rest = after;
            match token {
                Token::Or => join = !groups.is_empty(),
                Token::Empty => {}
                Token::Term(term, name) => {
                    names.extend(name);
                    match groups.last_mut() {
                        Some(group) if join => group.push(term),
                        _ => groups.push(vec![term]),
                    }
                    join = false;
                }
            }
        }
        let mask = groups.iter().fold(0, |m, g| m | group_mask(g));
        let briefing = 1 << Kind::Briefing as u8;
        let briefings = groups.iter().flatten().any(|t| {
            matches!(t, Term::Filter { negate: false, filter: Filter::Kind(bits) } if bits & briefing != 0)
        });
        Ok(Self {
            groups,
            mask,
            names,
            briefings,
        })
    }

    /// Whether a `briefing:` qualifier of the query names this briefing id.
    pub fn names_briefing(&self, id: &str) -> bool {
        (self.names.iter()).any(|(named, name)| *named == Named::Briefing && name == id)
    }

    /// True when the query holds no term at all (it then matches everything).
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// Whether a qualifier matches dates (`date:`, `after:`, `before:`): unknown dates then
    /// match too, and are worth counting apart.
    pub fn has_date_range(&self) -> bool {
        self.groups.iter().flatten().any(|t| {
            matches!(
                t,
                Term::Filter {
                    negate: false,
                    filter: Filter::Date { .. }
                }
            )
        })
    }

    /// Whether any term matches text (rather than filtering by type, status or date).
    pub fn has_text(&self) -> bool {
        self.text_terms().next().is_some()
    }

    /// Every positive text term, for highlighting.
    pub(crate) fn text_terms(&self) -> impl Iterator<Item = &TextTerm> {
        self.groups.iter().flatten().filter_map(|t| match t {
            Term::Text(t) if !t.negate => Some(t),
            _ => None,
        })
    }
}

/// Chars an item must hold for the group to match: those shared by all alternatives, or
/// none when an alternative is a negation or a qualifier.
fn group_mask(group: &[Term]) -> u64 {
    group.iter().fold(u64::MAX, |m, t| match t {
        Term::Text(t) if !t.negate => m & t.mask,
        _ => 0,
    })
}

enum Token {
    Or,
    /// Operators with nothing after them yet, like a lone `!` while typing: ignored.
    Empty,
    /// A term, with the briefing or series it names, if any.
    Term(Term, Option<(Named, String)>),
}

/// Reads one token from the start of `s` (which starts with a non-space).
fn next_token(s: &str) -> Result<(Token, &str), QueryError> {
    if let Some(after) = s.strip_prefix('|')
        && after.chars().next().is_none_or(char::is_whitespace)
    {
        return Ok((Token::Or, after));
    }
    let mut rest = s;
    let negate = eat(&mut rest, '!');
    let exact = eat(&mut rest, '\'');
    let start = eat(&mut rest, '^');
    if let Some(inner) = rest.strip_prefix('"') {
        // A phrase runs to the closing quote, or to the end while it is still being typed.
        let (phrase, mut after) = inner.split_once('"').unwrap_or((inner, ""));
        let end = eat(&mut after, '$');
        let term = text_term(phrase, negate, false, anchor(start, end));
        return Ok((term, after));
    }
    let len = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let (word, after) = rest.split_at(len);
    if !exact
        && !start
        && let Some((name, value)) = word.split_once(':')
        && !name.is_empty()
        && name.chars().all(char::is_alphabetic)
    {
        let filter = qualifier(name, value)?;
        let named = match filter {
            Filter::Briefing(_) => Some((Named::Briefing, value.to_owned())),
            Filter::Series(_) => Some((Named::Series, value.to_owned())),
            Filter::Tag(_) => Some((Named::Tag, tag_name(value).to_owned())),
            _ => None,
        };
        return Ok((Token::Term(Term::Filter { negate, filter }, named), after));
    }
    let (word, end) = match word.strip_suffix('$') {
        Some(w) if !w.is_empty() => (w, true),
        _ => (word, false),
    };
    let fuzzy = !negate && !exact && !start && !end;
    Ok((text_term(word, negate, fuzzy, anchor(start, end)), after))
}

fn eat(s: &mut &str, c: char) -> bool {
    match s.strip_prefix(c) {
        Some(rest) => {
            *s = rest;
            true
        }
        None => false,
    }
}

fn anchor(start: bool, end: bool) -> Anchor {
    match (start, end) {
        (false, false) => Anchor::None,
        (true, false) => Anchor::Start,
        (false, true) => Anchor::End,
        (true, true) => Anchor::Both,
    }
}

fn text_term(text: &str, negate: bool, fuzzy: bool, anchor: Anchor) -> Token {
    if text.is_empty() {
        return Token::Empty;
    }
    // Items are searched in their display-safe text, where Lam-Alef is one character and a
    // character shown by number (a Bengali vowel sign, `⟨U+09BE⟩`) is its number: a term
    // typed with the characters is read the same way. Its case is the case typed (the
    // `U` of a stand-in makes no term case-sensitive); qualifiers' values (`series:`)
    // name things as written and are left as typed.
    let shown = crate::model::text::display_safe(text).into_owned();
    let folded = fold_str(&shown);
    let term = Term::Text(TextTerm {
        negate,
        fuzzy,
        anchor,
        mask: mask_of(&folded),
        folded,
        keyed: case_key_str(&shown),
        case_sensitive: text.chars().any(char::is_uppercase),
        text: shown,
    });
    Token::Term(term, None)
}

fn qualifier(name: &str, value: &str) -> Result<Filter, QueryError> {
    let lower = name.to_lowercase();
    let Some(&known) = QUALIFIERS.iter().find(|q| **q == lower) else {
        return Err(QueryError::UnknownQualifier(safe_line(name)));
    };
    if value.is_empty() {
        let example = match known {
            "type" => "`type:quote` (actor, event, quote, source, briefing)",
            "status" => "`status:planned`",
            "briefing" => "`briefing:haiti-2025-10` (a briefing id)",
            "series" => "`series:haiti` (a series name)",
            "tag" => "`tag:security` (a briefing's tag)",
            "is" => "`is:new` or `is:changed`",
            "dated" => "`dated:yes` or `dated:no`",
            _ => "a date as YYYY, YYYY-MM or YYYY-MM-DD",
        };
        return Err(QueryError::MissingValue(known, example));
    }
    match known {
        "type" => list(value, parse_kind).map(Filter::Kind),
        "status" => list(value, parse_status).map(Filter::Status),
        "briefing" => Ok(Filter::Briefing(name_hash(value))),
        "series" => Ok(Filter::Series(name_hash(value))),
        "tag" => Ok(Filter::Tag(name_hash(tag_name(value)))),
        "is" => list(value, parse_mark).map(Filter::Mark),
        "dated" => match value.to_lowercase().as_str() {
            "yes" | "y" | "true" => Ok(Filter::Dated(true)),
            "no" | "n" | "false" => Ok(Filter::Dated(false)),
            _ => Err(QueryError::BadDated(safe_line(value))),
        },
        "date" if value.eq_ignore_ascii_case("unknown") => Ok(Filter::Undated),
        _ if value.eq_ignore_ascii_case("unknown") => Err(QueryError::BadDate {
            token: safe_line(&format!("{name}:{value}")),
            reason: "an unknown date is neither before nor after another; use `date:unknown`, or `dated:yes` to leave unknown dates out".into(),
        }),
        _ => {
            let date = PartialDate::parse(value).map_err(|e| QueryError::BadDate {
                token: safe_line(&format!("{name}:{value}")),
                reason: e.to_string(),
            })?;
            let (first, last) = (date.first_day(), date.last_day());
            Ok(match known {
                "after" => Filter::Date {
                    from: first,
                    to: DayKey::MAX,
                },
                "before" => Filter::Date { from: 0, to: last },
                _ => Filter::Date {
                    from: first,
                    to: last,
                },
            })
        }
    }
}

/// A tag as `tag:` and the index compare it: as written, without the `#` it is shown with.
pub(crate) fn tag_name(tag: &str) -> &str {
    tag.strip_prefix('#').unwrap_or(tag)
}

/// The hash a briefing id, series name or tag is looked up by, in a query and in the
/// index alike.
pub(crate) fn name_hash(s: &str) -> u64 {
    use std::hash::{Hash as _, Hasher as _};
    let mut h = std::hash::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn parse_mark(v: &str) -> Result<u8, QueryError> {
    use crate::model::Mark;
    let options = [("new", Mark::New as u8), ("changed", Mark::Changed as u8)];
    by_prefix(v, &options)?.ok_or_else(|| QueryError::UnknownIs(safe_line(v)))
}

/// Parses `a,b,c` into a bit set.
fn list(value: &str, one: fn(&str) -> Result<u8, QueryError>) -> Result<u8, QueryError> {
    value
        .split(',')
        .filter(|v| !v.is_empty())
        .try_fold(0, |bits, v| Ok(bits | (1 << one(v)?)))
}

/// Resolves a value by exact spelling or unique prefix, so `type:q` already works.
fn by_prefix<T: Copy>(value: &str, options: &[(&str, T)]) -> Result<Option<T>, QueryError> {
    let v = value.to_lowercase();
    if let Some((_, t)) = options.iter().find(|(name, _)| *name == v) {
        return Ok(Some(*t));
    }
    let found: Vec<&(&str, T)> = options.iter().filter(|(n, _)| n.starts_with(&v)).collect();
    match found.as_slice() {
        [] => Ok(None),
        [(_, t)] => Ok(Some(*t)),
        many => {
            let names: Vec<String> = many.iter().map(|(n, _)| format!("`{n}`")).collect();
            Err(QueryError::Ambiguous(safe_line(value), names.join(" or ")))
        }
    }
}

fn parse_kind(value: &str) -> Result<u8, QueryError> {
    let options = [
        ("actor", Kind::Actor),
        ("event", Kind::Event),
        ("quote", Kind::Quote),
        ("source", Kind::Source),
        ("briefing", Kind::Briefing),
    ];
    let singular = value
        .strip_suffix('s')
        .filter(|v| v.len() > 1)
        .unwrap_or(value);
    match by_prefix(singular, &options)? {
        Some(kind) => Ok(kind as u8),
        None => Err(QueryError::UnknownType(safe_line(value))),
    }
}

fn parse_status(value: &str) -> Result<u8, QueryError> {
    let index = |s: Status| Status::ALL.iter().position(|x| *x == s).unwrap_or(0);
    if let Some(s) = Status::parse(value) {
        return u8::try_from(index(s)).map_err(|_| unknown_status(value));
    }
    let options: Vec<(&str, Status)> = Status::ALL.iter().map(|s| (s.as_str(), *s)).collect();
    match by_prefix(value, &options)? {
        Some(s) => u8::try_from(index(s)).map_err(|_| unknown_status(value)),
        None => Err(unknown_status(value)),
    }
}

fn unknown_status(value: &str) -> QueryError {
    let known: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
    QueryError::UnknownStatus(safe_line(value), known.join(", "))
}

/// Whether the hits of `old` may be used as the candidates for `new`: true only when every
/// item matching `new` is sure to match `old`.
///
/// That holds when `new` only appends to `old`, keeps every group of `old` with the same
/// alternatives, and changes at most the text of positive text terms by extending it
/// (a longer fuzzy, substring or anchored needle only matches less). Extending a negation,
/// a qualifier or an anchor, or joining a new `| b` onto the last group, can add hits, so
/// all of those return false.
pub fn can_narrow(old: &str, new: &str) -> bool {
    if !new.starts_with(old) {
        return false;
    }
    let (Ok(old), Ok(new)) = (Query::parse(old), Query::parse(new)) else {
        return false;
    };
    // A query that searches briefings searches what the other did not.
    new.briefings == old.briefings
        && new.groups.len() >= old.groups.len()
        && old
            .groups
            .iter()
            .zip(&new.groups)
            .all(|(o, n)| o.len() == n.len() && o.iter().zip(n).all(|(o, n)| narrows(o, n)))
}

fn narrows(old: &Term, new: &Term) -> bool {
    match (old, new) {
        (Term::Text(o), Term::Text(n)) => {
            o == n
                || (!o.negate
                    && !n.negate
                    && o.fuzzy == n.fuzzy
                    && o.anchor == n.anchor
                    && matches!(o.anchor, Anchor::None | Anchor::Start)
                    && n.text.starts_with(&o.text))
        }
        _ => old == new,
    }
}
