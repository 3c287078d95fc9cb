//! Unknown keys: find where they are, what was probably meant, and whether renaming the key
//! is a safe, machine-applicable fix.
//!
//! serde reports each ignored key as a path of map keys and array indices. The file is parsed
//! once more, into toml's document tree, and every path is resolved against that one tree, so
//! the cost is one extra parse per file however many keys are unknown.
//!
//! A top-level table whose name is a near miss of one of the format's tables (`[[actor]]` for
//! `[[actors]]`) is an error rather than a warning: everything in it would be lost. The ids it
//! defines are kept, so that a reference to one can say where it went.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::diag::{Applicability, Diagnostic, Edit, Fix};
use super::raw::{ARRAYS, known_keys};
use super::suggest::closest;
use super::text::safe_line;

/// One step of a path to an ignored key: a key exactly as serde saw it (dots and all), or an
/// index into an array.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// An unknown key, with its warning (or error) and where it sits.
#[derive(Clone, Debug)]
pub struct Unknown {
    pub path: Vec<Segment>,
    pub diag: Diagnostic,
}

impl Unknown {
    /// The key as serde saw it.
    pub fn key(&self) -> &str {
        match self.path.last() {
            Some(Segment::Key(k)) => k,
            _ => "",
        }
    }

    /// The path of the table holding the key.
    pub fn table(&self) -> &[Segment] {
        &self.path[..self.path.len().saturating_sub(1)]
    }
}

/// An id defined in a table that is ignored because its name is a near miss
/// (`[[actor]]`), with what the table should be called.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IgnoredId {
    pub id: String,
    pub written: String,
    pub meant: String,
}

/// The segments of a `serde_ignored` path, without serde's option markers and toml's span
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

/// A diagnostic for every unknown key, in the order given, and the ids defined in ignored
/// near-miss tables. `root` is the parsed document, or `None` when it could not be parsed
/// again (then the diagnostics have no position).
pub fn unknown_keys(
    text: &str,
    root: Option<&DeTable<'_>>,
    paths: Vec<Vec<Segment>>,
) -> (Vec<Unknown>, Vec<IgnoredId>) {
    let mut ignored = Vec::new();
    let unknown = paths
        .into_iter()
        .map(|path| {
            let found = root.and_then(|r| find(r, &path));
            let diag = unknown_key(text, found.as_ref(), &path, &mut ignored);
            Unknown { path, diag }
        })
        .collect();
    (unknown, ignored)
}

/// An unknown key found in the document tree: its span, its table and its value.
struct Found<'a, 'i> {
    span: Range<usize>,
    table: &'a DeTable<'i>,
    value: &'a toml::Spanned<DeValue<'i>>,
}

/// The diagnostic for one unknown key. The key is quoted as written in the file when its
/// position is known (so `"a.b"` keeps its quotes), and as serde saw it otherwise.
fn unknown_key(
    text: &str,
    found: Option<&Found<'_, '_>>,
    path: &[Segment],
    ignored: &mut Vec<IgnoredId>,
) -> Diagnostic {
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
    let span = found.map(|f| f.span.clone());
    let written = span
        .clone()
        .and_then(|s| text.get(s))
        .unwrap_or(key.as_str());
    let known = known_keys(&tables);
    if known.contains(&"cite") && ["excerpt", "locator"].contains(&key.as_str()) {
        let mut d = Diagnostic::warning(format!("`{key}` belongs in a citation, not in the item"))
            .in_file(0)
            .label("not a key of the item; it is ignored");
        d.span = span;
        d.help = Some(
            "put it in the item's `cite` list: cite = [{ source = \"…\", locator = \"¶5\", excerpt = \"…\" }]".into(),
        );
        return d;
    }
    // Other words only inside a table: a top-level table under another name is not a
    // near miss.
    let synonym = (!tables.is_empty()).then(|| synonym(key, known)).flatten();
    let meant = synonym.or_else(|| closest(key, &mut known.iter().copied()));
    if tables.is_empty()
        && let (Some(meant), Some(f)) = (meant, found)
        && let Some(d) = near_miss_table(text, key, meant, f, ignored)
    {
        return d;
    }
    let mut d = Diagnostic::warning(format!("unknown key `{}`", safe_line(written)))
        .in_file(0)
        .label("not part of the briefing format; it is ignored");
    d.span = span;
    match (meant, found) {
        (Some(meant), Some(f)) => {
            d.help = Some(format!("did you mean `{meant}`?"));
            d.fix = Some(Fix {
                edits: vec![Edit {
                    span: f.span.clone(),
                    replacement: meant.to_owned(),
                }],
                // Another word for the same thing is a guess at what was meant: a person
                // looks first.
                applicability: if synonym.is_some() {
                    Applicability::MaybeIncorrect
                } else {
                    rename_applicability(key, meant, known, f.table)
                },
            });
        }
        (Some(meant), None) => d.help = Some(format!("did you mean `{meant}`?")),
        (None, _) if !known.is_empty() => {
            d.help = Some(format!("known keys here: {}", known.join(", ")));
        }
        (None, _) => {}
    }
    d
}

/// Words authors use for a key of the format under another name, by the key they mean.
/// A spelling close to a key is found by edit distance; these are other words, which edit
/// distance matches to the wrong key (`note` is two edits from `cite`).
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "summary",
        &[
            "note",
            "notes",
            "description",
            "desc",
            "details",
            "bio",
            "abstract",
            "overview",
        ],
    ),
    (
        "cite",
        &[
            "citation",
            "citations",
            "cites",
            "source",
            "sources",
            "refs",
            "references",
        ],
    ),
    ("aliases", &["aka", "alias", "also_known_as", "other_names"]),
    ("kind", &["type", "category"]),
    ("name", &["full_name", "label"]),
    ("title", &["name", "headline", "label"]),
    ("text", &["quote", "content", "body", "words"]),
    ("speaker", &["said_by", "by", "author", "who"]),
    ("date", &["when", "on", "day"]),
    ("actors", &["participants", "involved", "parties"]),
    ("about", &["subjects", "topics", "regarding"]),
    ("url", &["link", "href", "uri"]),
    ("publisher", &["outlet", "publication", "source"]),
    ("published", &["date", "published_on", "publication_date"]),
    ("locator", &["paragraph", "para", "page", "location", "at"]),
    ("as_of", &["date", "as_at", "asof"]),
];

/// The key of the table that `key` is another word for, if the table has that key.
fn synonym(key: &str, known: &[&'static str]) -> Option<&'static str> {
    let key = key.to_lowercase().replace('-', "_");
    SYNONYMS
        .iter()
        .find(|(meant, words)| known.contains(meant) && words.contains(&key.as_str()))
        .map(|(meant, _)| *meant)
}

/// Renaming a key is safe when the new name is the only candidate that close and the table
/// does not already have it.
fn rename_applicability(
    key: &str,
    meant: &str,
    known: &[&str],
    table: &DeTable<'_>,
) -> Applicability {
    let distance = |c: &str| strsim::damerau_levenshtein(&key.to_lowercase(), c);
    let best = distance(meant);
    let rivals = known
        .iter()
        .filter(|c| **c != meant && distance(c) == best)
        .count();
    if rivals == 0 && table.get(meant).is_none() {
        Applicability::MachineApplicable
    } else {
        Applicability::MaybeIncorrect
    }
}

/// `[[actor]]` for `[[actors]]`, `[briefings]` for `[briefing]`: a table of the format
/// under a near-miss name. Everything in it is ignored, so this is an error; renaming its
/// headers is the fix.
fn near_miss_table(
    text: &str,
    key: &str,
    meant: &str,
    f: &Found<'_, '_>,
    ignored: &mut Vec<IgnoredId>,
) -> Option<Diagnostic> {
    let is_array = ARRAYS.contains(&meant);
    let (headers, tables): (Vec<Range<usize>>, Vec<&DeTable<'_>>) = match f.value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|t| Some((t.span(), t.get_ref().as_table()?)))
            .unzip(),
        DeValue::Table(t) => (vec![f.value.span()], vec![t]),
        _ => return None,
    };
    let from_headers = !headers.is_empty()
        && headers
            .iter()
            .all(|h| text.get(h.clone()).is_some_and(|s| s.starts_with('[')));
    let (written, want) = if is_array {
        (format!("[[{key}]]"), format!("[[{meant}]]"))
    } else {
        (format!("[{key}]"), format!("[{meant}]"))
    };
    let shown = if from_headers {
        text.get(headers[0].clone()).unwrap_or(&written).to_owned()
    } else {
        key.to_owned()
    };
    for t in &tables {
        if let Some(id) = t.get("id").and_then(|v| v.get_ref().as_str()) {
            ignored.push(IgnoredId {
                id: id.to_owned(),
                written: safe_line(&shown),
                meant: want.clone(),
            });
        }
    }
    let noun = if from_headers { "table" } else { "key" };
    let mut d = Diagnostic::error(format!("unknown {noun} `{}`", safe_line(&shown)))
        .at(
            0,
            if from_headers {
                headers[0].clone()
            } else {
                f.span.clone()
            },
        )
        .label("not part of the briefing format: everything in it is ignored")
        .help(format!(
            "did you mean `{}`?",
            if from_headers { &want } else { meant }
        ));
    let edits: Vec<Edit> = if from_headers {
        // Arrays of tables need the double brackets, a single table the single ones: the
        // whole header is rewritten, so `[actor]` becomes `[[actors]]` in one step.
        headers
            .iter()
            .map(|h| Edit {
                span: h.clone(),
                replacement: want.clone(),
            })
            .collect()
    } else {
        vec![Edit {
            span: f.span.clone(),
            replacement: meant.to_owned(),
        }]
    };
    let plain = from_headers
        && headers.iter().all(|h| {
            text.get(h.clone())
                .is_some_and(|s| !s.contains(['.', '"', '\'']))
        });
    d.fix = Some(Fix {
        edits,
        // Headers of an array of tables may join tables already there; any other key must
        // not be there yet.
        applicability: if (plain || !from_headers) && (is_array || f.table.get(meant).is_none()) {
            Applicability::MachineApplicable
        } else {
            Applicability::MaybeIncorrect
        },
    });
    Some(d)
}

/// The key at `path` in the document tree: its span, its table and its value.
fn find<'a, 'i>(root: &'a DeTable<'i>, path: &[Segment]) -> Option<Found<'a, 'i>> {
    let mut table = root;
    let mut i = 0;
    while i < path.len() {
        let Segment::Key(key) = &path[i] else {
            return None;
        };
        let (k, v) = table.get_key_value(key.as_str())?;
        if i + 1 == path.len() {
            return Some(Found {
                span: k.span(),
                table,
                value: v,
            });
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
        let f = find(root.get_ref(), &[k("quotes"), Index(1), k("speeker")]).unwrap();
        assert_eq!(&text[f.span], "speeker");
        let path = [k("quotes"), Index(1), k("cite"), Index(0), k("locatr")];
        let f = find(root.get_ref(), &path).unwrap();
        assert_eq!(&text[f.span], "locatr");
    }

    #[test]
    fn another_word_for_a_key_suggests_that_key_for_a_person_to_check() {
        let text = "[[actors]]\nnote = \"x\"\n\n[[events]]\nDescription = \"x\"\n\n[[sources]]\nlink = \"x\"\n\n[[actors]]\nsumary = \"x\"\n\n[actor]\nnote = 1\n";
        let root = DeTable::parse(text).unwrap();
        let paths = vec![
            vec![k("actors"), Index(0), k("note")],
            vec![k("events"), Index(0), k("Description")],
            vec![k("sources"), Index(0), k("link")],
            vec![k("actors"), Index(1), k("sumary")],
        ];
        let (d, _) = unknown_keys(text, Some(root.get_ref()), paths);
        let helps: Vec<_> = d.iter().map(|u| u.diag.help.as_deref().unwrap()).collect();
        assert_eq!(
            helps,
            [
                "did you mean `summary`?",
                "did you mean `summary`?",
                "did you mean `url`?",
                "did you mean `summary`?",
            ]
        );
        let applicability: Vec<_> = d
            .iter()
            .map(|u| u.diag.fix.as_ref().unwrap().applicability)
            .collect();
        // Another word is a guess; a misspelling with one key that close is certain.
        assert_eq!(
            applicability,
            [
                Applicability::MaybeIncorrect,
                Applicability::MaybeIncorrect,
                Applicability::MaybeIncorrect,
                Applicability::MachineApplicable,
            ]
        );
        // A top-level near miss is still a table of the format under a near-miss name.
        let (d, _) = unknown_keys(text, Some(root.get_ref()), vec![vec![k("actor")]]);
        assert!(d[0].diag.help.as_deref().unwrap().contains("[[actors]]"));
    }

    #[test]
    fn an_excerpt_beside_the_citations_is_sent_into_them() {
        let text = "[[quotes]]\nexcerpt = \"x\"\n";
        let root = DeTable::parse(text).unwrap();
        let path = vec![k("quotes"), Index(0), k("excerpt")];
        let (d, _) = unknown_keys(text, Some(root.get_ref()), vec![path]);
        assert_eq!(
            d[0].diag.message,
            "`excerpt` belongs in a citation, not in the item"
        );
        assert!(d[0].diag.help.as_deref().unwrap().contains("cite = [{"));
        assert_eq!(d[0].diag.span, Some(11..18));
    }

    #[test]
    fn a_quoted_key_with_dots_is_one_key() {
        let text = "[briefing]\n\"a.b\" = 1\n";
        let root = DeTable::parse(text).unwrap();
        let (d, _) = unknown_keys(
            text,
            Some(root.get_ref()),
            vec![vec![k("briefing"), k("a.b")]],
        );
        assert_eq!(d[0].diag.message, "unknown key `\"a.b\"`");
        assert_eq!(d[0].diag.span, Some(11..16));
    }

    #[test]
    fn a_near_miss_table_is_an_error_with_a_fix_for_every_header() {
        let text = "[[actor]]\nid = \"un\"\n\n[[actor]]\nid = \"eu\"\n";
        let root = DeTable::parse(text).unwrap();
        let (d, ids) = unknown_keys(text, Some(root.get_ref()), vec![vec![k("actor")]]);
        let d = &d[0].diag;
        assert!(d.is_error());
        assert_eq!(d.message, "unknown table `[[actor]]`");
        let fix = d.fix.as_ref().unwrap();
        assert_eq!(fix.applicability, Applicability::MachineApplicable);
        assert_eq!(fix.edits.len(), 2);
        assert!(
            fix.edits
                .iter()
                .all(|e| &text[e.span.clone()] == "[[actor]]")
        );
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[0].meant, "[[actors]]");
    }

    #[test]
    fn renaming_is_unsafe_when_the_key_is_already_there() {
        let text = "[briefing]\ntitle = \"a\"\ntitel = \"b\"\nsumary = \"c\"\n";
        let root = DeTable::parse(text).unwrap();
        let paths = vec![
            vec![k("briefing"), k("titel")],
            vec![k("briefing"), k("sumary")],
        ];
        let (d, _) = unknown_keys(text, Some(root.get_ref()), paths);
        let applicability = |i: usize| d[i].diag.fix.as_ref().unwrap().applicability;
        assert_eq!(applicability(0), Applicability::MaybeIncorrect);
        assert_eq!(applicability(1), Applicability::MachineApplicable);
    }
}
