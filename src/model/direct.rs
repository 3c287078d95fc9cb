//! The common shape of a briefing, decoded straight from `toml`'s events, without the
//! document tree that `toml` builds first and serde then walks.
//!
//! Most of a cold load was that tree and the serde walk over it (with `serde_ignored`
//! capturing every key): about three times what the TOML parser itself costs. A briefing as
//! people write it, and as the format doc shows it, has one shape: `[briefing]`, then
//! `[[sources]]`, `[[actors]]`, … headers, each followed by `key = value` lines whose values
//! are strings, lists of strings, or lists of inline tables of strings (`cite = [{ … }]`).
//! This module reads exactly that shape from the event stream of `toml`'s own parser (the
//! same lexer, parser, whitespace validation and string decoding that `toml` uses) into the
//! same [`raw::File`] serde would give, spans included.
//!
//! Anything else gives `None`, and the file takes the general path (`parse`): a syntax or
//! decoding error of any kind, a key outside the format, a key given twice, a dotted key, a
//! value of another type, a table the format does not have, a `[briefing]` given twice, or
//! brackets nested deeper than the shape needs. That path finds and words every problem,
//! with the positions the parser reports, so this one never has to: it only has to be
//! exact on what it accepts. A test holds it to that against the general path on every
//! briefing the tests have, and on random damage to them.

use std::borrow::Cow;
use std::ops::Range;

use toml::Spanned;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::{Event, EventKind, RecursionGuard, ValidateWhitespace, parse_document};
use toml_parser::{ParseError, Source};

use super::raw::{
    ARRAYS, Actor, Cite, Event as EventTable, File, List, Meta, Participant, Quote, Relation, S,
    Source as SourceTable, Str, Tab, Tables,
};

/// The deepest brackets of the shape: a list of inline tables (`cite = [{ … }]`).
const DEPTH: u32 = 2;

/// Decodes a file that has the common shape, one slice at a time (`cuts` are the slices'
/// starts, the first 0: each starts at a table header, outside any string or bracket, as
/// `parse` cuts large files), so that only one slice's tokens and events are alive at once.
/// `None` when the file is anything else.
pub fn decode(text: &str, cuts: &[usize]) -> Option<File> {
    let mut file = File::default();
    let mut briefing = false;
    for (i, &start) in cuts.iter().enumerate() {
        let end = cuts.get(i + 1).copied().unwrap_or(text.len());
        Walk::slice(text.get(start..end)?, start, &mut file, &mut briefing)?;
    }
    Some(file)
}

/// The table whose `key = value` lines are being read.
enum Open {
    Meta(Range<usize>, Meta),
    Source(Range<usize>, SourceTable),
    Actor(Range<usize>, Actor),
    Relation(Range<usize>, Relation),
    Event(Range<usize>, EventTable),
    Quote(Range<usize>, Quote),
}

impl Open {
    /// A new table for a `[[name]]` header.
    fn array(name: &str, span: Range<usize>) -> Option<Self> {
        Some(match name {
            "sources" => Self::Source(span, SourceTable::default()),
            "actors" => Self::Actor(span, Actor::default()),
            "relations" => Self::Relation(span, Relation::default()),
            "events" => Self::Event(span, EventTable::default()),
            "quotes" => Self::Quote(span, Quote::default()),
            _ => return None,
        })
    }

    fn set(&mut self, key: &str, w: &mut Walk<'_, '_>) -> Option<()> {
        match self {
            Self::Meta(_, t) => t.set(key, w),
            Self::Source(_, t) => t.set(key, w),
            Self::Actor(_, t) => t.set(key, w),
            Self::Relation(_, t) => t.set(key, w),
            Self::Event(_, t) => t.set(key, w),
            Self::Quote(_, t) => t.set(key, w),
        }
    }

    /// Puts the finished table where serde would: `[briefing]`, or the end of its array.
    fn close(self, file: &mut File) {
        fn push<T>(list: &mut Vec<Spanned<Tab<T>>>, span: Range<usize>, t: T) {
            list.push(Spanned::new(span, Tab::Ok(t)));
        }
        match self {
            Self::Meta(span, t) => file.briefing = Some(Spanned::new(span, Tab::Ok(t))),
            Self::Source(span, t) => push(&mut file.sources, span, t),
            Self::Actor(span, t) => push(&mut file.actors, span, t),
            Self::Relation(span, t) => push(&mut file.relations, span, t),
            Self::Event(span, t) => push(&mut file.events, span, t),
            Self::Quote(span, t) => push(&mut file.quotes, span, t),
        }
    }

    /// The name of the table's header.
    fn name(&self) -> &'static str {
        match self {
            Self::Meta(..) => "briefing",
            Self::Source(..) => "sources",
            Self::Actor(..) => "actors",
            Self::Relation(..) => "relations",
            Self::Event(..) => "events",
            Self::Quote(..) => "quotes",
        }
    }

    fn cites(&mut self) -> Option<&mut Option<Tables<Cite>>> {
        match self {
            Self::Actor(_, t) => Some(&mut t.cite),
            Self::Relation(_, t) => Some(&mut t.cite),
            Self::Event(_, t) => Some(&mut t.cite),
            Self::Quote(_, t) => Some(&mut t.cite),
            Self::Meta(..) | Self::Source(..) => None,
        }
    }

    fn participants(&mut self) -> Option<&mut Option<Tables<Participant>>> {
        match self {
            Self::Event(_, t) => Some(&mut t.actors),
            _ => None,
        }
    }
}

/// A table of an item's list written with its own header: `[[actors.cite]]` is a citation
/// of the last actor, `[[events.actors]]` a participant of the last event.
enum Sub {
    Cite(Range<usize>, Cite),
    Participant(Range<usize>, Participant),
}

/// The item being read, the table of one of its lists being read, if any, and which of
/// its lists were started by such headers (only those can take more).
struct Item {
    open: Open,
    sub: Option<Sub>,
    headed_cites: bool,
    headed_participants: bool,
}

impl Item {
    fn new(open: Open) -> Self {
        Self {
            open,
            sub: None,
            headed_cites: false,
            headed_participants: false,
        }
    }

    /// Starts a table of the list `child` under its header: the list is made by the first
    /// such header, with that header's span, as `toml` makes an array of tables. A list
    /// already given as a value cannot be added to (a `toml` error).
    fn sub(&mut self, child: &str, span: Range<usize>) -> Option<()> {
        self.close_sub();
        self.sub = Some(match child {
            "cite" if headed(self.open.cites()?, &mut self.headed_cites, &span) => {
                Sub::Cite(span, Cite::default())
            }
            "actors"
                if headed(
                    self.open.participants()?,
                    &mut self.headed_participants,
                    &span,
                ) =>
            {
                Sub::Participant(span, Participant::default())
            }
            _ => return None,
        });
        Some(())
    }

    fn set(&mut self, key: &str, w: &mut Walk<'_, '_>) -> Option<()> {
        match &mut self.sub {
            Some(Sub::Cite(_, t)) => t.set(key, w),
            Some(Sub::Participant(_, t)) => t.set(key, w),
            None => self.open.set(key, w),
        }
    }

    /// Puts the table of a list at the end of its list.
    fn close_sub(&mut self) {
        fn push<T>(list: Option<&mut Option<Tables<T>>>, span: Range<usize>, t: T) {
            if let Some(list) = list.and_then(Option::as_mut)
                && let List::Ok(items) = list.get_mut()
            {
                items.push(Spanned::new(span, Tab::Ok(t)));
            }
        }
        match self.sub.take() {
            Some(Sub::Cite(span, t)) => push(self.open.cites(), span, t),
            Some(Sub::Participant(span, t)) => push(self.open.participants(), span, t),
            None => {}
        }
    }

    fn close(mut self, file: &mut File) {
        self.close_sub();
        self.open.close(file);
    }
}

/// Whether `list` takes tables under headers: it does if the first such header makes it
/// now (with that header's span), or if one made it earlier.
fn headed<T>(list: &mut Option<Tables<T>>, by_headers: &mut bool, span: &Range<usize>) -> bool {
    if list.is_none() {
        *list = Some(Spanned::new(span.clone(), List::Ok(Vec::new())));
        *by_headers = true;
    }
    *by_headers
}

/// A table of the format: takes the value of one of its keys, or refuses the key.
trait Fields: Default {
    fn set(&mut self, key: &str, w: &mut Walk<'_, '_>) -> Option<()>;
}

/// Fills a field once: a key given twice is a `toml` error, for the general path to report.
fn once<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value?);
    Some(())
}

/// Implements [`Fields`]: each field with the reader of its value's type.
macro_rules! fields {
    ($($t:ty { $($f:ident: $read:ident),* })*) => {$(
        impl Fields for $t {
            fn set(&mut self, key: &str, w: &mut Walk<'_, '_>) -> Option<()> {
                match key {
                    $(stringify!($f) => once(&mut self.$f, fields!(@read w $read)),)*
                    _ => None,
                }
            }
        }
    )*};
    (@read $w:ident string) => { $w.string() };
    (@read $w:ident strings) => { $w.strings() };
    (@read $w:ident cites) => { $w.tables::<Cite>() };
    (@read $w:ident participants) => { $w.tables::<Participant>() };
}

fields! {
    Meta {
        id: string, title: string, as_of: string, series: string, summary: string,
        key_points: strings, tags: strings
    }
    SourceTable {
        id: string, title: string, kind: string, published: string, publisher: string,
        url: string, note: string, text_file: string
    }
    Cite { source: string, locator: string, excerpt: string }
    Actor {
        id: string, name: string, short_name: string, aliases: strings, kind: string,
        role: string, affiliations: strings, summary: string, cite: cites
    }
    Relation { from: string, kind: string, to: string, note: string, cite: cites }
    Participant { actor: string, role: string }
    EventTable {
        id: string, title: string, date: string, date_note: string, status: string,
        summary: string, actors: participants, cite: cites
    }
    Quote {
        id: string, kind: string, text: string, speaker: string, date: string,
        date_note: string, context: string, about: strings, cite: cites
    }
}

/// A table header's keys and span.
type Header<'s> = (Cow<'s, str>, Option<Cow<'s, str>>, Range<usize>);

/// One slice's tokens and events, kept by each thread between the slices it parses. Made
/// anew for each file, they were a load's largest allocations, a few hundred KB each: given
/// back to the system between two files and faulted in again, page by page, for the next.
#[derive(Default)]
struct Scratch {
    tokens: Vec<Token>,
    events: Vec<Event>,
}

/// The most room, in bytes, a thread's [`Scratch`] list keeps between slices: a slice of a
/// large file is about 64 KB of text (`parse::SLICE_BYTES`), a few times that in tokens.
const SCRATCH_KEPT: usize = 1024 * 1024;

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Scratch {
    /// This thread's scratch lists, empty.
    fn take() -> Self {
        SCRATCH.with_borrow_mut(std::mem::take)
    }

    /// Keeps the lists' room for the next slice, unless a huge one made them too large.
    fn give_back(mut self) {
        self.tokens.clear();
        self.events.clear();
        let kept = |room: usize, each: usize| room * each <= SCRATCH_KEPT;
        if kept(self.tokens.capacity(), size_of::<Token>())
            && kept(self.events.capacity(), size_of::<Event>())
        {
            SCRATCH.set(self);
        }
    }
}

/// Lets go of the calling thread's scratch lists, once a load has parsed every file.
pub(crate) fn let_go_of_scratch() {
    SCRATCH.take();
}

/// Reads one slice's events.
struct Walk<'e, 's> {
    source: Source<'s>,
    events: &'e [Event],
    at: usize,
    /// Where the slice starts in its file: added to every span.
    offset: usize,
    /// The first error the parser or a decoder reported.
    error: Option<ParseError>,
}

impl<'s> Walk<'_, 's> {
    /// Parses one slice and reads its tables into `file`; `briefing` says whether an
    /// earlier slice had `[briefing]`.
    fn slice(text: &'s str, offset: usize, file: &mut File, briefing: &mut bool) -> Option<()> {
        let source = Source::new(text);
        let mut scratch = Scratch::take();
        let Scratch { tokens, events } = &mut scratch;
        // As `Lexer::into_vec` sizes it: about two tokens for every seven bytes.
        tokens.reserve(text.len() / 7 * 2);
        tokens.extend(source.lex());
        events.reserve(tokens.len());
        let mut error = None;
        {
            let mut valid = ValidateWhitespace::new(events, source);
            let mut guard = RecursionGuard::new(&mut valid, DEPTH);
            parse_document(tokens, &mut guard, &mut error);
        }
        let read = error.is_none().then(|| {
            let mut walk = Walk {
                source,
                events,
                at: 0,
                offset,
                error,
            };
            walk.reserve(file);
            walk.document(file, briefing)?;
            walk.error.is_none().then_some(())
        });
        scratch.give_back();
        read.flatten()
    }

    /// The statements of the slice: headers and `key = value` lines.
    fn document(&mut self, file: &mut File, briefing: &mut bool) -> Option<()> {
        let mut open: Option<Item> = None;
        while let Some(e) = self.next() {
            match e.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    let array = e.kind() == EventKind::ArrayTableOpen;
                    let (first, second, span) = self.header(e)?;
                    match (second, open.as_mut()) {
                        // `[[actors.cite]]`: a table of the last item's list.
                        (Some(child), Some(item)) if array && first == item.open.name() => {
                            item.sub(&child, span)?;
                        }
                        (None, _) => {
                            if let Some(item) = open.take() {
                                item.close(file);
                            }
                            open = Some(Item::new(if array {
                                Open::array(&first, span)?
                            } else if first == "briefing" && !*briefing {
                                *briefing = true;
                                Open::Meta(span, Meta::default())
                            } else {
                                return None;
                            }));
                        }
                        _ => return None,
                    }
                }
                EventKind::SimpleKey => {
                    let key = self.key(e)?;
                    open.as_mut()?.set(&key, self)?;
                }
                _ => return None,
            }
        }
        if let Some(item) = open {
            item.close(file);
        }
        Some(())
    }

    /// Makes room in the file's lists for the items this slice starts with a header, as
    /// serde sizes each list it reads: pushing one by one would leave up to half of each
    /// list's room unused.
    fn reserve(&self, file: &mut File) {
        let mut counts = [0usize; 5];
        let mut events = self.events.iter().filter(|e| {
            !matches!(
                e.kind(),
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline
            )
        });
        while let Some(e) = events.next() {
            if e.kind() != EventKind::ArrayTableOpen {
                continue;
            }
            let (Some(key), Some(close)) = (events.next(), events.next()) else {
                break;
            };
            if close.kind() == EventKind::ArrayTableClose
                && let Some(raw) = self.source.get(key)
                && let Some(i) = ARRAYS.iter().position(|a| *a == raw.as_str())
            {
                counts[i] += 1;
            }
        }
        let [sources, actors, relations, events, quotes] = counts;
        file.sources.reserve(sources);
        file.actors.reserve(actors);
        file.relations.reserve(relations);
        file.events.reserve(events);
        file.quotes.reserve(quotes);
    }

    /// The next event that is not whitespace, a comment or a line break. The parser has
    /// checked the syntax, so these only separate what matters here.
    fn next(&mut self) -> Option<Event> {
        while let Some(&e) = self.events.get(self.at) {
            self.at += 1;
            if !matches!(
                e.kind(),
                EventKind::Whitespace | EventKind::Comment | EventKind::Newline
            ) {
                return Some(e);
            }
        }
        None
    }

    fn span(&self, from: Event, to: Event) -> Range<usize> {
        from.span().start() + self.offset..to.span().end() + self.offset
    }

    /// A table header of one or two plain keys (`[briefing]`, `[[actors]]`,
    /// `[[actors.cite]]`): the first, the second if any, and the span from bracket to
    /// bracket as `toml` gives it.
    fn header(&mut self, open: Event) -> Option<Header<'s>> {
        let close = match open.kind() {
            EventKind::StdTableOpen => EventKind::StdTableClose,
            _ => EventKind::ArrayTableClose,
        };
        let first = self.next()?;
        let first = self.decode_key(first)?;
        let mut e = self.next()?;
        let mut second = None;
        if e.kind() == EventKind::KeySep {
            let key = self.next()?;
            second = Some(self.decode_key(key)?);
            e = self.next()?;
        }
        (e.kind() == close).then(|| (first, second, self.span(open, e)))
    }

    /// The key of a `key = value`, up to the `=`: one plain key, not dotted.
    fn key(&mut self, key: Event) -> Option<Cow<'s, str>> {
        let name = self.decode_key(key)?;
        (self.next()?.kind() == EventKind::KeyValSep).then_some(name)
    }

    /// A key's name, borrowed from the text unless it has escapes.
    fn decode_key(&mut self, key: Event) -> Option<Cow<'s, str>> {
        if key.kind() != EventKind::SimpleKey {
            return None;
        }
        let raw = self.source.get(key)?;
        if key.encoding().is_none() {
            // A bare key is its own name. It is not checked for characters a bare key
            // cannot have: every name this module accepts is made of letters and `_`, so a
            // key that has any other character is refused when it is looked up.
            return Some(Cow::Borrowed(raw.as_str()));
        }
        let mut out = Cow::Borrowed("");
        raw.decode_key(&mut out, &mut self.error);
        self.error.is_none().then_some(out)
    }

    /// A string value.
    fn string(&mut self) -> Option<S> {
        let e = self.next()?;
        self.scalar(e)
    }

    fn scalar(&mut self, e: Event) -> Option<S> {
        if e.kind() != EventKind::Scalar {
            return None;
        }
        let raw = self.source.get(e)?;
        if let Some(plain) = plain_string(raw.as_str(), e.encoding()) {
            return Some(Spanned::new(self.span(e, e), Str::Ok(plain.into())));
        }
        let mut out = Cow::Borrowed("");
        let kind = raw.decode_scalar(&mut out, &mut self.error);
        (kind == ScalarKind::String && self.error.is_none())
            .then(|| Spanned::new(self.span(e, e), Str::Ok(out.into())))
    }

    /// A list of strings.
    fn strings(&mut self) -> Option<Spanned<List<S>>> {
        self.list(Self::scalar)
    }

    /// A list of inline tables of the format.
    fn tables<T: Fields>(&mut self) -> Option<Tables<T>> {
        self.list(Self::inline_table)
    }

    /// A list, each value read by `item` from its first event.
    fn list<T>(
        &mut self,
        mut item: impl FnMut(&mut Self, Event) -> Option<T>,
    ) -> Option<Spanned<List<T>>> {
        let open = self.next().filter(|e| e.kind() == EventKind::ArrayOpen)?;
        let mut items = Vec::with_capacity(self.count_values());
        loop {
            let e = self.next()?;
            match e.kind() {
                EventKind::ArrayClose => {
                    return Some(Spanned::new(self.span(open, e), List::Ok(items)));
                }
                EventKind::ValueSep => {}
                _ => items.push(item(self, e)?),
            }
        }
    }

    /// How many values the list just opened holds, so that it is allocated once and
    /// exactly (a vector grown by pushing keeps room for four at least).
    fn count_values(&self) -> usize {
        let (mut depth, mut n) = (0usize, 0);
        for e in &self.events[self.at..] {
            match e.kind() {
                EventKind::ArrayOpen | EventKind::InlineTableOpen => {
                    n += usize::from(depth == 0);
                    depth += 1;
                }
                EventKind::ArrayClose | EventKind::InlineTableClose if depth == 0 => break,
                EventKind::ArrayClose | EventKind::InlineTableClose => depth -= 1,
                EventKind::Scalar => n += usize::from(depth == 0),
                _ => {}
            }
        }
        n
    }

    /// An inline table of the format, from its `{`.
    fn inline_table<T: Fields>(&mut self, open: Event) -> Option<Spanned<Tab<T>>> {
        if open.kind() != EventKind::InlineTableOpen {
            return None;
        }
        let mut table = T::default();
        loop {
            let e = self.next()?;
            match e.kind() {
                EventKind::InlineTableClose => {
                    return Some(Spanned::new(self.span(open, e), Tab::Ok(table)));
                }
                EventKind::ValueSep => {}
                EventKind::SimpleKey => {
                    let key = self.key(e)?;
                    table.set(&key, self)?;
                }
                _ => return None,
            }
        }
    }
}

/// The value of a one-line string that needs no decoding: its text between the quotes, when
/// that has no escape and no character the string cannot hold. Most strings of a briefing
/// are such, and this answers them 16 bytes at a time; any other string, and any string
/// with a problem, is left to `toml_parser`'s decoder, which says what is wrong.
fn plain_string(raw: &str, encoding: Option<Encoding>) -> Option<&str> {
    let quote = match encoding? {
        Encoding::BasicString => b'"',
        Encoding::LiteralString => b'\'',
        Encoding::MlBasicString | Encoding::MlLiteralString => return None,
    };
    let inner = raw
        .strip_prefix(char::from(quote))?
        .strip_suffix(char::from(quote))?;
    // In a basic string a backslash starts an escape; in a literal one it is itself.
    let escape = if quote == b'"' { b'\\' } else { quote };
    let refused = |b: u8| (b < 0x20 && b != b'\t') || b == 0x7F || b == quote || b == escape;
    let bytes = inner.as_bytes();
    let mut chunks = bytes.chunks_exact(16);
    let clean = chunks
        .by_ref()
        .all(|chunk| !chunk.iter().fold(false, |any, &b| any | refused(b)))
        && !chunks.remainder().iter().any(|&b| refused(b));
    clean.then_some(inner)
}

#[cfg(test)]
mod tests;
