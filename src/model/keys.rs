//! Unknown keys: find where they are and what was probably meant.
//!
//! serde reports each ignored key as a path of map keys and array indices. The file is parsed
//! once more, into toml's document tree, and every path is resolved against that one tree, so
//! the cost is one extra parse per file however many keys are unknown.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::diag::Diagnostic;
use super::raw::known_keys;
use super::suggest::closest;
use super::text::safe_line;

/// One step of a path to an ignored key: a key exactly as serde saw it (dots and all), or an
/// index into an array.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// The segments of a serde_ignored path, without serde's option markers and toml's span
/// wrappers.
pub fn segments(path: &serde_ignored::Path<'_>) -> Vec<Segment> {
    let mut out = Vec::new();
    let mut at = path;
    loop {
        at = match at {
            serde_ignored::Path::Root => break,
            serde_ignored::Path::Seq { parent, index } => {
                out.push(Segment::Index(*index));
                parent
            }
            serde_ignored::Path::Map { parent, key } => {
                if !key.starts_with("$__serde_spanned") {
                    out.push(Segment::Key(key.clone()));
                }
                parent
            }
            serde_ignored::Path::Some { parent }
            | serde_ignored::Path::NewtypeStruct { parent }
            | serde_ignored::Path::NewtypeVariant { parent } => parent,
        };
    }
    out.reverse();
    out
}

/// Warnings for every unknown key, in the order given. `root` is the parsed document, or
/// `None` when it could not be parsed again (then the warnings have no position).
pub fn unknown_keys(
    text: &str,
    root: Option<&DeTable<'_>>,
    paths: &[Vec<Segment>],
) -> Vec<Diagnostic> {
    paths
        .iter()
        .map(|path| {
            let span = root.and_then(|r| key_span(r, path));
            unknown_key(text, span, path)
        })
        .collect()
}

/// A warning for one unknown key. The key is quoted as written in the file when its
/// position is known (so `"a.b"` keeps its quotes), and as serde saw it otherwise.
fn unknown_key(text: &str, span: Option<Range<usize>>, path: &[Segment]) -> Diagnostic {
    let Some(Segment::Key(key)) = path.last() else {
        return Diagnostic::warning("unknown key").in_file(0);
    };
    let tables: Vec<&str> = path[..path.len() - 1]
        .iter()
        .filter_map(|s| match s {
            Segment::Key(k) => Some(k.as_str()),
            Segment::Index(_) => None,
        })
        .collect();
    let written = span
        .clone()
        .and_then(|s| text.get(s))
        .unwrap_or(key.as_str());
    let mut d = Diagnostic::warning(format!("unknown key `{}`", safe_line(written)))
        .in_file(0)
        .label("not part of the briefing format; it is ignored");
    d.span = span;
    let known = known_keys(&tables);
    if let Some(s) = closest(key, &mut known.iter().copied()) {
        d.help = Some(format!("did you mean `{s}`?"));
    } else if !known.is_empty() {
        d.help = Some(format!("known keys here: {}", known.join(", ")));
    }
    d
}

/// The span of the key at `path` in the document tree.
fn key_span(root: &DeTable<'_>, path: &[Segment]) -> Option<Range<usize>> {
    let mut table = root;
    let mut i = 0;
    while i < path.len() {
        let Segment::Key(key) = &path[i] else {
            return None;
        };
        let (k, v) = table.get_key_value(key.as_str())?;
        if i + 1 == path.len() {
            return Some(k.span());
        }
        let mut value: &DeValue<'_> = v.get_ref();
        i += 1;
        while let (DeValue::Array(items), Some(Segment::Index(ix))) = (value, path.get(i)) {
            value = items.get(*ix)?.get_ref();
            i += 1;
        }
        if i == path.len() {
            return None;
        }
        table = value.as_table()?;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::Segment::{Index, Key};
    use super::*;

    fn k(s: &str) -> Segment {
        Key(s.to_owned())
    }

    #[test]
    fn finds_nested_key_spans() {
        let text = "[briefing]\nid = \"x\"\n\n[[quotes]]\nid = \"a\"\n\n[[quotes]]\nspeeker = \"b\"\ncite = [{ source = \"s\", locatr = \"1\" }]\n";
        let root = DeTable::parse(text).unwrap();
        let span = key_span(root.get_ref(), &[k("quotes"), Index(1), k("speeker")]).unwrap();
        assert_eq!(&text[span], "speeker");
        let path = [k("quotes"), Index(1), k("cite"), Index(0), k("locatr")];
        let span = key_span(root.get_ref(), &path).unwrap();
        assert_eq!(&text[span], "locatr");
    }

    #[test]
    fn a_quoted_key_with_dots_is_one_key() {
        let text = "[briefing]\n\"a.b\" = 1\n";
        let root = DeTable::parse(text).unwrap();
        let d = unknown_keys(text, Some(root.get_ref()), &[vec![k("briefing"), k("a.b")]]);
        assert_eq!(d[0].message, "unknown key `\"a.b\"`");
        assert_eq!(d[0].span, Some(11..16));
    }
}
