//! The [`Checker`] and its value helpers: a required or optional string, a list, a list of
//! tables, a date, an id, a closed vocabulary. Every value of the wrong type is reported
//! in plain words with what to write instead ("dates are strings: write
//! `date = "2024-12-01"`"), and every missing required field once, with its help.

use std::collections::HashMap;
use std::ops::Range;

use toml::Spanned;

use super::super::diag::{Applicability, Diagnostic, Work};
use super::super::keys::{Segment, Unknown};
use super::super::raw::{Found, List, S, Str, Tab, Tables};
use super::super::suggest::closest;
use super::super::text::needs_escape;
use super::super::{DateSpec, Text};
use super::fields;

/// Where a field sits: the item it belongs to, for messages and unknown-key pairing. The
/// path serde reports unknown keys under is only built when there are unknown keys, so an
/// item costs no allocation here.
#[derive(Clone, Debug)]
pub(super) struct At {
    /// "quote", "citation", "briefing".
    pub what: &'static str,
    /// The table as the format writes it: `[[quotes]]`, `cite`.
    pub table: &'static str,
    /// The top-level table and the item's index in it (`None` for `[briefing]`).
    pub top: (&'static str, Option<usize>),
    /// A list of tables inside the item and the index in it: `("cite", 0)`.
    pub inner: Option<(&'static str, usize)>,
    /// The item's span: its header or inline table.
    pub span: Range<usize>,
}

impl At {
    pub(super) fn child(
        &self,
        key: &'static str,
        index: usize,
        what: &'static str,
        span: Range<usize>,
    ) -> Self {
        Self {
            what,
            table: key,
            top: self.top,
            inner: Some((key, index)),
            span,
        }
    }

    /// The path of the item's table, as serde reports unknown keys in it.
    fn path(&self) -> Vec<Segment> {
        let mut path = vec![Segment::Key(self.top.0.to_owned())];
        path.extend(self.top.1.map(Segment::Index));
        if let Some((key, i)) = self.inner {
            path.push(Segment::Key(key.to_owned()));
            path.push(Segment::Index(i));
        }
        path
    }
}

/// Collects problems while converting.
pub(super) struct Checker<'t> {
    pub text: &'t str,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
    pub work: Work,
    /// Unknown keys, not yet reported: one may turn out to be a misspelt required field.
    pub unknown: Vec<Unknown>,
    /// Unknown keys by the path of their table, built on the first missing field.
    by_table: Option<HashMap<Vec<Segment>, Vec<usize>>>,
    /// Placeholder values of the current item (see [`is_placeholder`]): key and span.
    placeholders: Vec<(&'static str, Range<usize>)>,
    /// Errors and warnings past [`MAX_KEPT`] of each: counted, not kept.
    pub dropped: usize,
    /// Where an error past the limit is made, to be thrown away.
    spare: Diagnostic,
}

/// The most errors, and the most warnings, kept for one file: a file of a few megabytes
/// can hold millions of mistakes (a list of 3.9 million numbers where text belongs), and
/// keeping a diagnostic for each took gigabytes and wrote a gigabyte to stderr. The rest
/// are counted and said in one line (see [`Checker::dropped_note`]).
pub(crate) const MAX_KEPT: usize = 1000;

/// Whether a value is a placeholder left by `briefing new`: text that starts with `TODO`, or
/// an id that starts with `todo-`.
pub(crate) fn is_placeholder(s: &str) -> bool {
    let s = s.trim_start();
    s.starts_with("TODO") || s.starts_with("todo-")
}

/// A string value that was there and was a string.
pub(super) type Value = Spanned<compact_str::CompactString>;

impl<'t> Checker<'t> {
    pub fn new(text: &'t str, unknown: Vec<Unknown>, work: Work) -> Self {
        Self {
            text,
            errors: Vec::new(),
            warnings: Vec::new(),
            work,
            unknown,
            by_table: None,
            placeholders: Vec::new(),
            dropped: 0,
            spare: Diagnostic::error(""),
        }
    }

    /// Keeps an error, or counts it past [`MAX_KEPT`].
    pub fn push_error(&mut self, d: Diagnostic) {
        if self.errors.len() < MAX_KEPT {
            self.errors.push(d);
        } else {
            self.dropped += 1;
        }
    }

    /// The note that `dropped` problems are not shown, if any were dropped.
    pub fn dropped_note(&self) -> Option<Diagnostic> {
        (self.dropped > 0).then(|| {
            let more = match self.dropped {
                1 => "1 more problem in this file is not shown".to_owned(),
                n => format!("{n} more problems in this file are not shown"), // 2 or more: plural
            };
            Diagnostic::more_not_shown(
                more,
                format!(
                    "only the first {MAX_KEPT} errors and {MAX_KEPT} warnings of a file are kept, each place of an error made again counting as one; fix those and check again" // a thousand: plural
                ),
            )
        })
    }

    /// Notes a placeholder value of the current item.
    pub fn note_placeholder(&mut self, key: &'static str, v: &Value) {
        if is_placeholder(v.get_ref()) {
            self.placeholders.push((key, v.span()));
        }
    }

    /// One warning per item that still holds placeholders, at the first one.
    pub fn flush_placeholders(&mut self, what: &str) {
        let Some((_, span)) = self.placeholders.first().cloned() else {
            return;
        };
        let mut keys: Vec<String> = self
            .placeholders
            .drain(..)
            .map(|(k, _)| format!("`{k}`"))
            .collect();
        keys.dedup();
        self.warn(
            Diagnostic::warning(format!("this {what} still holds placeholder text"))
                .at(0, span)
                .label("replace this placeholder")
                .help(format!(
                    "still to write: {} (values that start with TODO, ids that start with todo-)",
                    keys.join(", ")
                )),
        );
    }

    /// Adds an error for the caller to fill in. Past [`MAX_KEPT`], the error is filled in
    /// and thrown away.
    pub fn error(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let d = Diagnostic::error(message).at(0, span);
        if self.errors.len() < MAX_KEPT {
            self.errors.push(d);
            self.errors.last_mut().expect("just pushed")
        } else {
            self.dropped += 1;
            self.spare = d;
            &mut self.spare
        }
    }

    pub fn warn(&mut self, d: Diagnostic) {
        if self.warnings.len() < MAX_KEPT {
            self.warnings.push(d.in_file(0));
        } else {
            self.dropped += 1;
        }
    }

    /// A required string: missing, of the wrong type, or there.
    pub fn required(&mut self, f: &mut Option<S>, key: &'static str, at: &At) -> Option<Value> {
        match f.take() {
            None => {
                self.missing(key, at);
                None
            }
            Some(s) => self.string(s, key, at.table),
        }
    }

    /// An optional string: absent, of the wrong type (reported), or there.
    pub fn optional(&mut self, f: &mut Option<S>, key: &'static str) -> Option<Value> {
        f.take().and_then(|s| self.string(s, key, ""))
    }

    /// A string of `key` in a table written `table` (`[[events]]`), which says what the
    /// field holds when it is not a string.
    fn string(&mut self, s: S, key: &'static str, table: &str) -> Option<Value> {
        let span = s.span();
        match s.into_inner() {
            Str::Ok(v) => Some(Spanned::new(span, v)),
            Str::Wrong(found) => {
                self.not_text(span, key, table, found);
                None
            }
        }
    }

    /// Required text: must not be blank.
    pub fn text(&mut self, f: &mut Option<S>, key: &'static str, at: &At) -> Text {
        let Some(v) = self.required(f, key, at) else {
            return Text::default();
        };
        self.note_placeholder(key, &v);
        if v.get_ref().trim().is_empty() {
            self.error(v.span(), format!("`{key}` is empty")).label =
                Some("write something here".into());
        }
        Text::new(v.into_inner())
    }

    /// Optional text; blank counts as absent.
    pub fn opt_text(&mut self, f: &mut Option<S>, key: &'static str) -> Option<Text> {
        let v = self
            .optional(f, key)
            .filter(|v| !v.get_ref().trim().is_empty())?;
        self.note_placeholder(key, &v);
        Some(Text::new(v.into_inner()))
    }

    /// A list of strings; a single string where a list belongs is an error with a fix.
    pub fn strings(&mut self, f: &mut Option<Spanned<List<S>>>, key: &'static str) -> Vec<Value> {
        let Some(list) = f.take() else {
            return Vec::new();
        };
        let span = list.span();
        match list.into_inner() {
            List::Ok(items) => items
                .into_iter()
                .filter_map(|s| self.string(s, key, ""))
                .collect(),
            List::Wrong(found) => {
                self.not_list(span, key, found);
                Vec::new()
            }
        }
    }

    /// A list of tables (citations, participants), each with its span and index.
    pub fn tables<T>(
        &mut self,
        f: Option<Tables<T>>,
        key: &'static str,
    ) -> Vec<(usize, Spanned<T>)> {
        let Some(list) = f else {
            return Vec::new();
        };
        let span = list.span();
        match list.into_inner() {
            List::Ok(items) => tables_in(
                self,
                items,
                |ck, span, found| ck.not_table(span, key, found),
                |_, i, t| (i, t),
            ),
            List::Wrong(found) => {
                self.not_list(span, key, found);
                Vec::new()
            }
        }
    }

    /// A required field is missing. An unknown key in the same table that is a near miss
    /// of it (`stauts`) is the likely cause: that key's warning becomes the error, with its
    /// rename as the fix, and no second error is reported.
    pub fn missing(&mut self, key: &'static str, at: &At) {
        if let Some(ix) = self.near_miss(key, at) {
            let u = &mut self.unknown[ix];
            u.diag.severity = super::super::Severity::Error;
            u.diag.label = Some(format!(
                "`{key}` is required in {}, and this looks like it",
                at.table
            ));
            u.diag.help = Some(format!("did you mean `{key}`?"));
            if let Some(fix) = &mut u.diag.fix {
                // The missing field settles which key was meant, and it is not there yet.
                key.clone_into(&mut fix.edits[0].replacement);
                fix.applicability = Applicability::MachineApplicable;
            }
            return;
        }
        let d = self.error(at.span.clone(), format!("missing field `{key}`"));
        d.label = Some(format!("this {} needs `{key}`", at.what));
        d.help = Some(fields::help(at.table, key));
    }

    fn near_miss(&mut self, key: &str, at: &At) -> Option<usize> {
        if self.unknown.is_empty() {
            return None;
        }
        let unknown = &self.unknown;
        let index = self.by_table.get_or_insert_with(|| {
            let mut m: HashMap<Vec<Segment>, Vec<usize>> = HashMap::new();
            for (i, u) in unknown.iter().enumerate() {
                m.entry(u.table().to_vec()).or_default().push(i);
            }
            m
        });
        let candidates = index.get(&at.path())?;
        let found = candidates.iter().copied().find(|&i| {
            let u = &unknown[i];
            !u.diag.is_error() && closest(u.key(), &mut std::iter::once(key)).is_some()
        })?;
        Some(found)
    }

    /// The file's text under a span, as written.
    pub fn written(&self, span: &Range<usize>) -> String {
        self.text.get(span.clone()).unwrap_or_default().to_owned()
    }

    /// A date, or `None` (reported) when it is not one. A date written in another way that
    /// can be read only one way (`21 May 2025`) gets the format's spelling as a suggestion;
    /// one that is no date in any reading (`2025-02-30`) is told why.
    pub fn date(&mut self, v: &Value) -> Option<DateSpec> {
        match DateSpec::parse(v.get_ref()) {
            Ok(d) => Some(d),
            Err(e) => {
                let advice = super::dates::advise(v.get_ref());
                let help = advice
                    .as_ref()
                    .map_or_else(|| super::dates::GENERIC.into(), super::dates::Advice::help);
                let meant = advice.and_then(|a| a.meant);
                let mut d = Diagnostic::error(format!("invalid date: {e}"))
                    .at(0, v.span())
                    .help(help);
                if let Some(meant) = meant {
                    // Only a suggestion: `check --fix` never changes the text of a string.
                    d = d.fix(
                        v.span(),
                        format!("\"{meant}\""),
                        Applicability::MaybeIncorrect,
                    );
                }
                self.push_error(d);
                None
            }
        }
    }

    /// A required date, with its span when it is a valid one.
    pub fn req_date(
        &mut self,
        f: &mut Option<S>,
        key: &'static str,
        at: &At,
    ) -> (DateSpec, Option<Range<usize>>) {
        match self.required(f, key, at) {
            Some(v) => match self.date(&v) {
                Some(d) => (d, Some(v.span())),
                None => (DateSpec::Unknown, None),
            },
            None => (DateSpec::Unknown, None),
        }
    }

    /// An id. Ids are typed, linked and printed everywhere, so a control or invisible
    /// character in one is an error (it could only be an accident or an attack). Ids are
    /// case-sensitive and lowercase by rule: an uppercase letter, or a character outside
    /// the plain set, draws a warning.
    pub fn id(&mut self, f: &mut Option<S>, what: &str, at: &At) -> (Text, Range<usize>) {
        let Some(v) = self.required(f, "id", at) else {
            return (Text::default(), at.span.clone());
        };
        self.note_placeholder("id", &v);
        let plain = |b: &u8| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.');
        if !v.get_ref().is_empty() && v.get_ref().as_bytes().iter().all(plain) {
            // Nearly every id: nothing to trim or report, in one pass over its bytes.
            let span = v.span();
            return (Text::new(v.into_inner()), span);
        }
        let (id, span) = (v.get_ref().as_str(), v.span());
        if id.trim().is_empty() {
            self.error(span.clone(), format!("{what} id is empty"));
        } else if let Some(bad) = id.trim().chars().find(|&c| needs_escape(c)) {
            let d = self.error(
                span.clone(),
                format!(
                    "{what} id `{}` contains a control or invisible character (U+{:04X})",
                    Text::new(id),
                    u32::from(bad)
                ),
            );
            d.label = Some("not allowed in an id".into());
            d.help = Some("ids may use letters, digits, `-`, `_` and `.`".into());
        } else if id.chars().any(char::is_uppercase) {
            let lower = id.to_lowercase();
            self.warn(
                Diagnostic::warning(format!("{what} id `{}` has uppercase letters", Text::new(id)))
                    .at(0, span.clone())
                    .label("ids are lowercase")
                    .help(format!(
                        "ids are case-sensitive, and every reference must match exactly: write `{}` here and in every reference",
                        Text::new(lower.as_str())
                    )),
            );
        } else if !id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
        {
            self.warn(
                Diagnostic::warning(format!(
                    "{what} id `{}` has characters outside a-z, 0-9, `-`, `_` and `.`",
                    Text::new(id)
                ))
                .at(0, span.clone())
                .help("plain ids are easier to type in `--open` and search"),
            );
        }
        (Text::new(id.trim()), span)
    }

    /// A closed vocabulary; an unknown word gets the closest spelling as a suggestion.
    pub fn vocab<T: Copy>(&mut self, v: &Value, what: &str, voc: &Vocab<T>) -> T {
        (voc.parse)(v.get_ref()).unwrap_or_else(|| {
            let value = Text::new(v.get_ref().as_str());
            let suggestion = suggest_word(v.get_ref(), voc.spellings);
            let plain = self.written(&v.span()).starts_with('"');
            let mut d = Diagnostic::error(format!("unknown {what} `{value}`"))
                .at(0, v.span())
                .label(format!("expected one of {}", (voc.expected)()));
            if let Some(sug) = suggestion {
                d = d.help(format!("did you mean `{sug}`?"));
                if plain {
                    d = d.fix(
                        v.span(),
                        format!("\"{sug}\""),
                        Applicability::MaybeIncorrect,
                    );
                }
            }
            self.push_error(d);
            voc.fallback
        })
    }
}

/// Words authors use for a value of a closed vocabulary, by the value they mean: only ever
/// a suggestion, never accepted. Edit distance alone suggests `talks` for `backs`.
const MEANINGS: &[(&str, &[&str])] = &[
    (
        "supports",
        &[
            "backs",
            "backed",
            "endorses",
            "allied-with",
            "ally-of",
            "allies-with",
            "favours",
            "favors",
        ],
    ),
    (
        "opposes",
        &[
            "against", "opposed", "rejects", "fights", "rivals", "rival-of",
        ],
    ),
    (
        "leads",
        &["heads", "chairs", "runs", "commands", "directs", "manages"],
    ),
    (
        "funds",
        &["finances", "pays", "sponsors", "donates", "bankrolls"],
    ),
    ("member-of", &["belongs-to", "in", "joined"]),
    (
        "talks-with",
        &["negotiates-with", "meets", "meets-with", "negotiates"],
    ),
    (
        "represents",
        &["speaks-for", "spokesperson-for", "on-behalf-of"],
    ),
    (
        "occurred",
        &["done", "completed", "took-place", "past", "held"],
    ),
    ("scheduled", &["expected", "upcoming", "due"]),
    (
        "reported",
        &["rumoured", "rumored", "unconfirmed", "claimed"],
    ),
    (
        "ongoing",
        &["in-progress", "continuing", "current", "active"],
    ),
    (
        "organization",
        &["agency", "company", "ngo", "institution", "union", "body"],
    ),
    (
        "group",
        &["militia", "gang", "movement", "faction", "coalition"],
    ),
    ("person", &["individual", "official", "human"]),
];

/// The value of the vocabulary that `word` is another word for, if any (see [`MEANINGS`]).
fn meant(word: &str, mut spellings: impl Iterator<Item = &'static str>) -> Option<&'static str> {
    if word.len() > 40 {
        return None;
    }
    let word = word.trim().to_lowercase().replace(['_', ' '], "-");
    let (value, _) = MEANINGS
        .iter()
        .find(|(_, words)| words.contains(&word.as_str()))?;
    spellings.find(|s| s == value)
}

/// The word of a closed vocabulary that `word` is likely meant for: another word for it
/// (see [`MEANINGS`]), or the closest spelling.
pub(super) fn suggest_word(
    word: &str,
    spellings: fn() -> Box<dyn Iterator<Item = &'static str>>,
) -> Option<&'static str> {
    meant(word, spellings()).or_else(|| closest(word, &mut spellings()))
}

/// A closed vocabulary: how to parse it, what to say is expected, and a fallback.
pub(super) struct Vocab<T> {
    pub parse: fn(&str) -> Option<T>,
    pub expected: fn() -> String,
    pub spellings: fn() -> Box<dyn Iterator<Item = &'static str>>,
    pub fallback: T,
}

macro_rules! vocab {
    ($t:ident, $fallback:expr) => {
        $crate::model::check::values::Vocab {
            parse: $t::parse,
            expected: $t::expected,
            spellings: || Box::new($t::all_spellings()),
            fallback: $fallback,
        }
    };
}
pub(super) use vocab;

/// The items of a list that are tables, each made into `D` by `each` with its place in the
/// list as it is taken from the list (a table is large: a list of the tables alone, made
/// first, would copy every one once more); `wrong` hears of every other one.
pub(super) fn tables_in<T, D>(
    ck: &mut Checker<'_>,
    items: Vec<Spanned<Tab<T>>>,
    mut wrong: impl FnMut(&mut Checker<'_>, Range<usize>, Found),
    mut each: impl FnMut(&mut Checker<'_>, usize, Spanned<T>) -> D,
) -> Vec<D> {
    let mut out = Vec::with_capacity(items.len());
    for (i, t) in items.into_iter().enumerate() {
        let span = t.span();
        match t.into_inner() {
            Tab::Ok(t) => out.push(each(ck, i, Spanned::new(span, t))),
            Tab::Wrong(found) => wrong(ck, span, found),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ActorKind, RelationKind, Status};

    #[test]
    fn another_word_for_a_value_suggests_that_value() {
        let rel = || Box::new(RelationKind::all_spellings()) as Box<dyn Iterator<Item = _>>;
        assert_eq!(meant("backs", &mut rel()), Some("supports"));
        assert_eq!(meant("Negotiates With", &mut rel()), Some("talks-with"));
        // Only a value of the vocabulary at hand.
        assert_eq!(meant("militia", &mut rel()), None);
        assert_eq!(
            meant("militia", &mut ActorKind::all_spellings()),
            Some("group")
        );
        assert_eq!(
            meant("upcoming", &mut Status::all_spellings()),
            Some("scheduled")
        );
        assert_eq!(meant("zebra", &mut Status::all_spellings()), None);
    }
}
