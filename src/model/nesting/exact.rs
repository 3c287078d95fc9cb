//! The exact depth of the tree `toml` would build: `toml`'s event parser, with its events
//! followed the way `toml`'s document builder (`toml::de::parser`) follows them, step for
//! step, including how it recovers from syntax errors, but keeping only depths instead of
//! values.
//!
//! The one approximation errs on the deep side: which paths are arrays of tables is kept
//! as a set of hashed paths, so a path that named an array of tables in an earlier table of
//! the same array is still counted as one (one level more than `toml` builds).

use std::borrow::Cow;
use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;

use toml_parser::decoder::Encoding;
use toml_parser::parser::{Event, EventKind, EventReceiver, parse_document};
use toml_parser::{ErrorSink, Source, Span};

use super::MAX_DEPTH;

/// The span of the first table, array or key part that `toml` would build deeper than
/// [`MAX_DEPTH`], or of the first bracket nested deeper than that; `None` if there is none.
pub fn deepest(text: &str) -> Option<Range<usize>> {
    walk(text, |walk, refused| {
        walk.deepest.or(refused).map(|s| s.start()..s.end())
    })
}

/// How deep the deepest table or array of `text` is, for tests; `None` past [`MAX_DEPTH`]
/// brackets.
#[cfg(test)]
pub fn depth(text: &str) -> Option<usize> {
    walk(text, |walk, refused| refused.is_none().then_some(walk.max))
}

fn walk<R>(text: &str, then: impl FnOnce(&Walk<'_, '_>, Option<Span>) -> R) -> R {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut record = Record::default();
    parse_document(&tokens, &mut record, &mut ());
    drop(tokens);
    let mut walk = Walk {
        source,
        events: &record.events,
        at: 0,
        arrays_of_tables: HashSet::new(),
        table: (0, ROOT),
        deepest: None,
        max: 0,
    };
    walk.document();
    then(&walk, record.refused)
}

/// Records the parser's events, and refuses to enter a bracket nested more than
/// [`MAX_DEPTH`] deep, so that the parser's own recursion stays bounded. Each bracket is at
/// least one level below the one around it, so such a file is too deep whatever else it
/// holds. From there on, nothing more is recorded: the events before it are enough to find
/// an earlier place that is too deep.
#[derive(Default)]
struct Record {
    events: Vec<Event>,
    open: usize,
    refused: Option<Span>,
}

impl Record {
    fn push(&mut self, kind: EventKind, encoding: Option<Encoding>, span: Span) {
        if self.refused.is_none() {
            self.events.push(Event::new_unchecked(kind, encoding, span));
        }
    }

    fn open(&mut self, kind: EventKind, span: Span) -> bool {
        if self.refused.is_some() {
            return false;
        }
        if self.open == MAX_DEPTH {
            self.refused = Some(span);
            return false;
        }
        self.open += 1;
        self.push(kind, None, span);
        true
    }

    fn close(&mut self, kind: EventKind, span: Span) {
        self.open = self.open.saturating_sub(1);
        self.push(kind, None, span);
    }
}

impl EventReceiver for Record {
    fn std_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableOpen, None, span);
    }
    fn std_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::StdTableClose, None, span);
    }
    fn array_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableOpen, None, span);
    }
    fn array_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ArrayTableClose, None, span);
    }
    fn inline_table_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.open(EventKind::InlineTableOpen, span)
    }
    fn inline_table_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close(EventKind::InlineTableClose, span);
    }
    fn array_open(&mut self, span: Span, _: &mut dyn ErrorSink) -> bool {
        self.open(EventKind::ArrayOpen, span)
    }
    fn array_close(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.close(EventKind::ArrayClose, span);
    }
    fn simple_key(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        self.push(EventKind::SimpleKey, encoding, span);
    }
    fn key_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::KeySep, None, span);
    }
    fn key_val_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::KeyValSep, None, span);
    }
    fn scalar(&mut self, span: Span, encoding: Option<Encoding>, _: &mut dyn ErrorSink) {
        self.push(EventKind::Scalar, encoding, span);
    }
    fn value_sep(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::ValueSep, None, span);
    }
    fn whitespace(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Whitespace, None, span);
    }
    fn comment(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Comment, None, span);
    }
    fn newline(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Newline, None, span);
    }
    fn error(&mut self, span: Span, _: &mut dyn ErrorSink) {
        self.push(EventKind::Error, None, span);
    }
}

/// The hash of the root's path.
const ROOT: u64 = 0;
/// The path of a table `toml` builds but never attaches (its header has no key).
const DETACHED: u64 = 1;

/// Follows the events as `toml`'s builder does. Its recursion follows brackets, which
/// [`Record`] bounds.
struct Walk<'i, 'e> {
    source: Source<'i>,
    events: &'e [Event],
    at: usize,
    /// Hashed paths (from the root) that name an array of tables.
    arrays_of_tables: HashSet<u64>,
    /// The depth and hashed path of the table that statements go into.
    table: (usize, u64),
    deepest: Option<Span>,
    /// The deepest table or array so far.
    max: usize,
}

impl Walk<'_, '_> {
    fn next(&mut self) -> Option<Event> {
        let e = self.events.get(self.at).copied();
        self.at += usize::from(e.is_some());
        e
    }

    fn peek(&self, ahead: usize) -> Option<EventKind> {
        self.events.get(self.at + ahead).map(Event::kind)
    }

    /// A table or array at `depth`, written at `span`.
    fn container(&mut self, depth: usize, span: Span) {
        self.max = self.max.max(depth);
        if depth > MAX_DEPTH && self.deepest.is_none() {
            self.deepest = Some(span);
        }
    }

    /// A path one part longer.
    fn extend(&self, path: u64, part: Event) -> u64 {
        let mut key = Cow::Borrowed("");
        if let Some(raw) = self.source.get(part) {
            raw.decode_key(&mut key, &mut ());
        }
        let mut h = DefaultHasher::new();
        (path, key.as_ref()).hash(&mut h);
        // 0 and 1 are the root's and detached tables' paths.
        h.finish().max(2)
    }

    /// `toml`'s `document`: headers and statements.
    fn document(&mut self) {
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::StdTableOpen | EventKind::ArrayTableOpen => {
                    let is_array = event.kind() == EventKind::ArrayTableOpen;
                    let key = self.header();
                    self.start_table(is_array, key.as_deref());
                }
                EventKind::SimpleKey => {
                    let key = self.key(event);
                    let Some(mut next) = self.next() else { break };
                    if next.kind() == EventKind::Whitespace {
                        let Some(after) = self.next() else { break };
                        next = after;
                    }
                    if next.kind() != EventKind::KeyValSep {
                        break;
                    }
                    if self.peek(0) == Some(EventKind::Whitespace) {
                        self.next();
                    }
                    let depth = self.statement(&key);
                    self.value(depth);
                }
                _ => {}
            }
        }
    }

    /// `toml`'s `on_table`: the last key before the header closes, if any.
    fn header(&mut self) -> Option<Vec<Event>> {
        let mut key = None;
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::StdTableClose | EventKind::ArrayTableClose => break,
                EventKind::SimpleKey => key = Some(self.key(event)),
                _ => {}
            }
        }
        key
    }

    /// `toml`'s `start_table` and `descend_path` from the root: each part of the path is a
    /// table, or an array of tables and its last table; the last part is the table, or a
    /// new table in an array of tables.
    fn start_table(&mut self, is_array: bool, key: Option<&[Event]>) {
        let Some((last, path)) = key.and_then(<[Event]>::split_last) else {
            self.table = (0, DETACHED);
            return;
        };
        let (mut depth, mut hash) = (0, ROOT);
        for &part in path {
            hash = self.extend(hash, part);
            depth += 1 + usize::from(self.arrays_of_tables.contains(&hash));
            self.container(depth, part.span());
        }
        hash = self.extend(hash, *last);
        if is_array {
            self.arrays_of_tables.insert(hash);
            depth += 2;
        } else {
            depth += 1;
        }
        self.container(depth, last.span());
        self.table = (depth, hash);
    }

    /// The depth of a statement's value: each part of its key before the last is a table
    /// in the current one, or an array of tables and its last table.
    fn statement(&mut self, key: &[Event]) -> usize {
        let (mut depth, mut hash) = self.table;
        let Some((_, path)) = key.split_last() else {
            return depth + 1;
        };
        for &part in path {
            depth += 1;
            if !self.arrays_of_tables.is_empty() {
                hash = self.extend(hash, part);
                depth += usize::from(self.arrays_of_tables.contains(&hash));
            }
            self.container(depth, part.span());
        }
        depth + 1
    }

    /// `toml`'s `on_key`: the parts of a dotted key, from its first.
    fn key(&mut self, first: Event) -> Vec<Event> {
        let mut parts = Vec::new();
        let mut current = Some(first);
        if self.more_key() {
            while let Some(event) = self.next() {
                match event.kind() {
                    EventKind::SimpleKey => {
                        current = Some(event);
                        if !self.more_key() {
                            break;
                        }
                    }
                    EventKind::KeySep => parts.extend(current.take()),
                    _ => {}
                }
            }
        }
        parts.extend(current);
        parts
    }

    fn more_key(&self) -> bool {
        match self.peek(0) {
            Some(EventKind::KeySep) => true,
            Some(EventKind::Whitespace) => self.peek(1) == Some(EventKind::KeySep),
            _ => false,
        }
    }

    /// `toml`'s `value`: one event, which may open an array or inline table at `depth`.
    fn value(&mut self, depth: usize) {
        match self.next() {
            Some(e) if e.kind() == EventKind::InlineTableOpen => self.inline_table(e, depth),
            Some(e) if e.kind() == EventKind::ArrayOpen => self.array(e, depth),
            _ => {}
        }
    }

    /// `toml`'s `on_array`: its values are one level down.
    fn array(&mut self, open: Event, depth: usize) {
        self.container(depth, open.span());
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::InlineTableOpen => self.inline_table(event, depth + 1),
                EventKind::ArrayOpen => self.array(event, depth + 1),
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::InlineTableClose
                | EventKind::SimpleKey
                | EventKind::KeySep
                | EventKind::KeyValSep
                | EventKind::StdTableClose
                | EventKind::ArrayTableClose
                | EventKind::ArrayClose => break,
                _ => {}
            }
        }
    }

    /// `toml`'s `on_inline_table`: each value is as many levels down as its key has parts.
    /// A value without a key is built and dropped; it is counted as one level down.
    fn inline_table(&mut self, open: Event, depth: usize) {
        self.container(depth, open.span());
        let mut parts = 1;
        while let Some(event) = self.next() {
            match event.kind() {
                EventKind::SimpleKey => {
                    let key = self.key(event);
                    parts = key.len();
                    for (i, part) in key[..parts - 1].iter().enumerate() {
                        self.container(depth + 1 + i, part.span());
                    }
                }
                EventKind::InlineTableOpen => self.inline_table(event, depth + parts),
                EventKind::ArrayOpen => self.array(event, depth + parts),
                EventKind::ValueSep => parts = 1,
                EventKind::StdTableOpen
                | EventKind::ArrayTableOpen
                | EventKind::StdTableClose
                | EventKind::ArrayClose
                | EventKind::ArrayTableClose
                | EventKind::KeySep
                | EventKind::InlineTableClose => break,
                _ => {}
            }
        }
    }
}
