use std::path::{Path, PathBuf};

use proptest::prelude::*;

use super::super::parse::{self, SLICED_FROM};
use super::decode;

/// What the general path makes of a text, as far as the direct decoder could give it: the
/// tables with every span (`Spanned`'s `Debug` shows spans, its `==` does not), or why not.
fn general(text: &str) -> Result<String, String> {
    let (headers, cuts) = parse::slicing(text);
    match parse::general(text, &headers, &cuts) {
        Ok(p) if p.unknown.is_empty() && p.ignored.is_empty() => Ok(format!("{:#?}", p.file)),
        Ok(p) => Err(format!(
            "unknown keys ({})",
            p.unknown.len() + p.ignored.len()
        )),
        Err((d, _)) => Err(format!("errors ({})", d.len())),
    }
}

/// The direct decoder's tables, whole and in the slices `parse` would cut.
fn direct(text: &str) -> Option<String> {
    let cuts = parse::cuts(&parse::headers(text));
    let whole = decode(text, &[0]).map(|f| format!("{f:#?}"));
    let sliced = decode(text, &cuts).map(|f| format!("{f:#?}"));
    assert_eq!(
        whole, sliced,
        "slicing changed what the direct decoder gave"
    );
    whole
}

/// The property: whatever the direct decoder accepts, it decodes exactly as the general
/// path does. Returns whether it accepted.
fn agrees(text: &str) -> bool {
    let Some(got) = direct(text) else {
        return false;
    };
    match general(text) {
        Ok(want) => {
            assert_eq!(got, want, "the direct decoder differs on:\n{text}");
            true
        }
        Err(why) => panic!("the direct decoder accepted a file with {why}:\n{text}"),
    }
}

fn toml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a test folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            toml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
}

/// Every briefing the repository has: the bundled ones and every test fixture, valid or
/// not (the config fixtures are not briefings, and are refused).
fn corpus() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    toml_files(&root.join("briefings"), &mut files);
    toml_files(&root.join("tests/fixtures"), &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?)))
        .collect()
}

#[test]
fn the_bundled_briefings_and_the_fixtures_decode_as_the_general_path_does() {
    let corpus = corpus();
    assert!(corpus.len() > 40, "only {} found", corpus.len());
    let mut accepted = Vec::new();
    for (path, text) in &corpus {
        if agrees(text) {
            accepted.push(path.file_name().unwrap().to_string_lossy().into_owned());
        }
    }
    for bundled in ["haiti-2025-05.toml", "haiti-2025-10.toml"] {
        assert!(
            accepted.iter().any(|a| a == bundled),
            "{bundled} took the general path"
        );
    }
    assert!(accepted.len() > 20, "only {accepted:?}");
}

#[test]
fn generated_libraries_decode_as_the_general_path_does() {
    let files = crate::synth::generate(40, 7)
        .into_iter()
        .chain(crate::synth::generate_series(30, 3, 11));
    for (path, text) in files {
        assert!(agrees(&text), "the general path took {}", path.display());
    }
}

/// A file large enough to be parsed in slices, which the general path joins.
#[test]
fn a_sliced_file_decodes_as_the_general_path_does() {
    let (_, one) = crate::synth::generate(1, 3).remove(0);
    let items = one.split_once("\n[[actors]]").expect("actors").1;
    let mut text = one.clone();
    let mut n = 0;
    while text.len() < 3 * SLICED_FROM {
        n += 1;
        let more = items.replace("id = \"", &format!("id = \"x{n}-"));
        text.push_str("\n[[actors]]");
        text.push_str(&more);
    }
    assert!(parse::slicing(&text).1.len() > 3);
    assert!(agrees(&text));
}

/// Each thread keeps its token and event lists from one file to the next: a file decodes
/// the same after a larger one, after one the decoder gave up on half-way and after one
/// that does not parse as it does on a thread that has decoded nothing.
#[test]
fn a_thread_carries_nothing_from_one_file_to_the_next() {
    let (_, one) = crate::synth::generate(1, 5).remove(0);
    let first = one.clone();
    let alone = std::thread::spawn(move || direct(&first))
        .join()
        .expect("decoded");
    assert!(alone.is_some());
    let (_, larger) = crate::synth::generate(3, 9).remove(2);
    let given_up = format!("{one}\n[mystery]\nkey = \"value\"\n");
    let broken = format!("{one}\n[[actors]\nid = \"x\"\n");
    for before in [larger, given_up, broken] {
        let _ = decode(&before, &[0]);
        assert_eq!(direct(&one), alone);
    }
}

/// Every key of every table, and every way TOML can write a string, a list and a key.
const EVERY_FORM: &str = r#"
# a comment
[ briefing ]  # after a header
"id" = "every-form"
title = 'literal \no escape'
as_of = "2025-05-01"
series = "forms"
summary = """
multi-line with an escape \u00e9 and a "quote" \
  and a continued line"""
key_points = [
  "one",   # a comment in a list
  'two',
  """three""",
]
tags = []

[[sources]]
id = "s"
title = "T\tab"
kind = "news-article"
published = "2025"
publisher = "P"
url = "https://example.org"
note = '''literal
multi-line'''
text_file = "s.txt"

[[ actors ]]
id = "a"
name = "A"
short_name = "A."
aliases = ["Ay", "Aa",]
kind = "person"
role = "r"
affiliations = ["b"]
summary = "s"
cite = [{ source = "s", locator = "¶1", excerpt = "e" }, {}]

[[actors]]

[[relations]]
from = "a"
kind = "ally-of"
to = "b"
note = "n"
cite = [
  { source = "s" },
]

[[events]]
id = "e"
title = "E"
date = "2025-05"
date_note = "n"
status = "ongoing"
summary = "s"
actors = [{ actor = "a", role = "r" }, { "actor" = "b" }]
cite = [{ source = "s", locator = "¶2" }]

[[quotes]]
id = "q"
kind = "statement"
text = "“Said.”"
speaker = "a"
date = "2025-05-02"
date_note = "n"
context = "c"
about = ["e"]
cite = [{ source = "s", locator = "¶3" }]
"#;

/// Lists of tables written with their own headers, as `toml`'s serializer writes them.
const HEADED: &str = r#"
[briefing]
id = "headed"

[[actors]]
id = "a"

[[actors.cite]]
source = "s"
locator = "¶1"

[[ actors . "cite" ]]
source = "t"

[[actors]]
id = "b"
cite = []

[[events]]
id = "e"

[[events.actors]]
actor = "a"

[[events.cite]]
source = "s"

[[events.actors]]
actor = "b"
role = "r"

[[quotes]]
id = "q"

[[quotes.cite]]

[[relations]]
from = "a"

[[relations.cite]]
excerpt = "x"
"#;

#[test]
fn every_key_and_every_way_of_writing_a_string_decodes_directly() {
    assert!(agrees(EVERY_FORM));
    assert!(agrees(&EVERY_FORM.replace('\n', "\r\n")));
    assert!(agrees(HEADED));
}

/// What the direct decoder leaves to the general path among headed lists.
#[test]
fn headed_lists_outside_the_common_shape_take_the_general_path() {
    let cases: &[(&str, &str)] = &[
        (
            "id = \"b\"\ncite = []",
            "id = \"b\"\ncite = []\n[[actors.cite]]",
        ),
        ("[[quotes.cite]]", "[quotes.cite]"),
        ("[[quotes.cite]]", "[[quotes.cite.x]]"),
        ("[[quotes.cite]]", "[[quotes.about]]"),
        ("[[quotes.cite]]", "[[events.cite]]"),
        ("[[relations.cite]]", "[[relations.cite]]\nsource.x = \"s\""),
        (
            "[[actors]]\nid = \"a\"",
            "[[actors.cite]]\n[[actors]]\nid = \"a\"",
        ),
        (
            "[briefing]\nid = \"headed\"",
            "[briefing]\nid = \"headed\"\n[[briefing.cite]]",
        ),
        (
            "[briefing]\nid = \"headed\"",
            "[briefing]\nid = \"headed\"\n[[sources]]\n[[sources.cite]]",
        ),
    ];
    all_refused(HEADED, cases);
}

/// What the direct decoder leaves to the general path, one change to [`EVERY_FORM`] each.
#[test]
fn everything_outside_the_common_shape_takes_the_general_path() {
    let cases: &[(&str, &str)] = &[
        ("title = 'literal", "title.x = 'literal"),
        ("series = \"forms\"", "serie = \"forms\""),
        (
            "series = \"forms\"",
            "series = \"forms\"\nseries = \"again\"",
        ),
        ("series = \"forms\"", "series = 3"),
        ("as_of = \"2025-05-01\"", "as_of = 2025-05-01"),
        ("tags = []", "tags = \"x\""),
        ("tags = []", "tags = [[]]"),
        ("tags = []", "tags = [1]"),
        ("[[sources]]", "[briefing]"),
        ("[[sources]]", "[sources]"),
        ("[[sources]]", "[[source]]"),
        ("[[quotes]]", "[[events.actors]]"),
        ("# a comment\n", "stray = 1\n"),
        ("{ source = \"s\" }", "{ source = \"s\", source = \"t\" }"),
        ("{ source = \"s\" }", "{ source.x = \"s\" }"),
        ("{ source = \"s\" }", "{ source = \"s\", page = \"1\" }"),
        ("{ source = \"s\" }", "{ source = { x = \"s\" } }"),
        ("{ source = \"s\" }", "\"s\""),
        ("aliases = [\"Ay\"", "aliases = [{}, \"Ay\""),
        ("\"T\\tab\"", "\"T\\qab\""),
        ("# a comment\n", "# a \u{7} comment\n"),
        ("id = \"q\"", "id = \"q"),
        ("cite = [\n", "cite = [[\n"),
    ];
    all_refused(EVERY_FORM, cases);
}

/// `base` decodes directly, and none of its changes (`from` → `to`, each alone) does.
fn all_refused(base: &str, changes: &[(&str, &str)]) {
    assert!(agrees(base));
    for (from, to) in changes {
        assert!(base.contains(from), "{from}");
        let text = base.replacen(from, to, 1);
        assert!(direct(&text).is_none(), "accepted {to:?}");
    }
}

/// Deep brackets stop at the shape's depth, however deep they go.
#[test]
fn deep_nesting_is_left_to_the_general_path() {
    let deep = format!(
        "[briefing]\ntags = {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    assert!(direct(&deep).is_none());
    let inline = format!(
        "[briefing]\ntags = {}{}\n",
        "{a=".repeat(50_000),
        "}".repeat(50_000)
    );
    assert!(direct(&inline).is_none());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Damage anywhere: a byte replaced, removed or doubled, or a line dropped. Whatever the
    /// direct decoder still accepts, it decodes as the general path does.
    #[test]
    fn damaged_briefings_decode_as_the_general_path_or_not_at_all(
        headed in any::<bool>(),
        at in any::<prop::sample::Index>(),
        how in 0u8..4,
        byte in prop::sample::select(b" \t\n\"'#=[]{},.\\abz019-\r".to_vec()),
    ) {
        let mut bytes = if headed { HEADED } else { EVERY_FORM }.as_bytes().to_vec();
        let at = at.index(bytes.len());
        match how {
            0 => bytes[at] = byte,
            1 => { bytes.remove(at); }
            2 => bytes.insert(at, byte),
            _ => {
                let start = bytes[..at].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
                let end = bytes[at..].iter().position(|&b| b == b'\n').map_or(bytes.len(), |p| at + p);
                bytes.drain(start..end);
            }
        }
        if let Ok(text) = String::from_utf8(bytes) {
            agrees(&text);
        }
    }
}

/// Bare keys are taken as they are written, unchecked (see `decode_key`): that is sound
/// only while every name the decoder accepts is made of characters a bare key may have.
#[test]
fn every_name_the_decoder_accepts_is_a_plain_bare_key() {
    let names = super::super::raw::FORMAT
        .iter()
        .flat_map(|(_, keys)| keys.iter())
        .chain(super::super::raw::ARRAYS)
        .chain(&["briefing"]);
    for name in names {
        assert!(
            !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
            "{name}"
        );
    }
    // A bare key with a character no bare key may have is the general path's to report.
    assert!(direct(&EVERY_FORM.replacen("series =", "séries =", 1)).is_none());
}

#[test]
fn a_one_line_string_with_any_byte_decodes_as_the_general_path_does() {
    // Every ASCII character, at the start, the end and either side of a 16-byte chunk's
    // edge, in a basic and a literal string: plain text is taken as it is, and what needs
    // decoding or is refused is left to the decoder, which agrees with the general path.
    let mut taken = 0;
    for c in (0..=0x7F_u8).map(char::from).chain(['é', '¶', '中']) {
        for at in [0, 1, 14, 15, 16, 17, 31, 32, 34] {
            let mut inner: Vec<char> = vec!['x'; 35];
            inner[at] = c;
            let inner: String = inner.into_iter().collect();
            for (open, close) in [("\"", "\""), ("'", "'")] {
                let text = format!("[briefing]\nid = {open}{inner}{close}\n");
                let accepted = agrees(&text);
                taken += usize::from(accepted);
                let plain = c == '\t'
                    || (c >= ' '
                        && c != '\u{7F}'
                        && !(open == "\"" && (c == '"' || c == '\\'))
                        && c != '\'');
                if plain {
                    assert!(accepted, "{c:?} at {at} in {open}…{close}");
                }
            }
        }
    }
    assert!(taken > 1000, "{taken}");
}
