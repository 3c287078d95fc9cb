//! `briefing new PATH --title "…"`: writes a minimal, valid, commented briefing to start
//! from, with one of each item and placeholder text that `check` points at until it is
//! replaced. It never overwrites a file, and writes atomically.

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::model::PartialDate;

/// What to put in the new briefing.
pub struct Spec<'a> {
    pub title: &'a str,
    pub series: Option<&'a str>,
    pub as_of: Option<&'a str>,
}

pub fn run(path: &Path, spec: &Spec<'_>) -> ExitCode {
    let shown = crate::model::diag::display_path(path);
    let as_of = match spec.as_of.map(str::trim) {
        Some(d) => match PartialDate::parse(d) {
            Ok(d) => d.to_string(),
            Err(e) => {
                super::say::error(format_args!("--as-of: {e}"));
                return ExitCode::from(2);
            }
        },
        None => today(),
    };
    if path.extension().is_none_or(|e| e != "toml") {
        let mut named = path.as_os_str().to_owned();
        named.push(".toml");
        eprintln!(
            "error: {shown} does not end in .toml\nhelp: `briefing` loads only *.toml files; e.g. `briefing new {}`",
            super::say::shell_path(Path::new(&named))
        );
        return ExitCode::from(2);
    }
    if path.symlink_metadata().is_ok() {
        eprintln!(
            "error: {shown} already exists\nhelp: `briefing new` never overwrites a file; choose another name"
        );
        return ExitCode::from(2);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // A new library's first briefing may be written into a folder not made yet, as the
    // README's example does (`briefing new briefings/…`): the folder is made.
    // Not through `..`: `a/x/../b.toml` names no `a/x` to make.
    let parented = dir
        .components()
        .any(|c| matches!(c, std::path::Component::ParentDir));
    if dir.symlink_metadata().is_err() && !parented {
        if let Err(e) = std::fs::create_dir_all(dir) {
            super::say::error(format_args!(
                "cannot make the folder {}: {e}",
                crate::model::diag::display_path(dir)
            ));
            return ExitCode::from(2);
        }
        eprintln!("made the folder {}", crate::model::diag::display_path(dir));
    }
    let schema_beside = dir.join("briefing.schema.json").is_file();
    let text = scaffold(&id_from(path), spec, &as_of, schema_beside);
    match super::atomic::write(path, text.as_bytes(), super::atomic::Mode::CreateNew) {
        Ok(()) => {
            eprintln!(
                "wrote {shown}: replace the placeholders, then run `briefing check {}`",
                super::say::shell_path(path)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            super::say::error(format_args!("cannot write {shown}: {e}"));
            ExitCode::from(2)
        }
    }
}

/// A briefing id from the file name: its letters folded as search folds them (`São Tomé`
/// → `sao-tome`, `ÜBER` → `uber`), lowercase, with runs of other characters as `-`.
///
/// Ids are plain (a-z, 0-9, `-`, `_`, `.`; `check` warns of anything else), so a letter
/// with no plain form (`日本`, `ß`) cannot be kept. Dropping it alone would give two such
/// names one id (`日本` and `中国` would both be `briefing`), so the id then ends in six hex
/// digits of a hash of the file name: `briefing-1b2c3d` for `日本.toml`, `2025-4e5f6a` for
/// `日本 2025.toml`. A name with nothing to keep and nothing dropped (`!!.toml`) gives
/// `briefing`.
pub fn id_from(path: &Path) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    use unicode_normalization::char::is_combining_mark;
    let stem: String = path
        .file_stem()
        .map(|s| s.to_string_lossy().nfc().collect())
        .unwrap_or_default();
    let mut id = String::new();
    let mut dropped = false;
    for c in stem.chars().filter(|&c| !is_combining_mark(c)) {
        let c = crate::search::fold(c);
        if c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_' {
            id.push(c);
        } else {
            dropped |= c.is_alphanumeric();
            if !id.ends_with('-') {
                id.push('-');
            }
        }
    }
    let id = id.trim_matches('-');
    let id = if id.is_empty() { "briefing" } else { id };
    if dropped {
        let hash = xxhash_rust::xxh3::xxh3_64(stem.as_bytes());
        format!("{id}-{:06x}", hash >> 40)
    } else {
        id.to_owned()
    }
}

/// Today's date (UTC), as `YYYY-MM-DD`.
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let days = i64::try_from(secs / 86_400).unwrap_or(0);
    let (y, m, d) = civil(days);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = u32::try_from(doy - (153 * mp + 2) / 5 + 1).unwrap_or(1);
    let m = u32::try_from(if mp < 10 { mp + 3 } else { mp - 9 }).unwrap_or(1);
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// A TOML basic string holding `s` exactly.
fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a new briefing.
pub fn scaffold(id: &str, spec: &Spec<'_>, as_of: &str, schema_beside: bool) -> String {
    let directive = if schema_beside {
        "#:schema ./briefing.schema.json\n"
    } else {
        "# Editor support: `briefing schema > briefing.schema.json` beside this file, then make\n\
         # the first line `#:schema ./briefing.schema.json` (taplo: VS Code, Helix, Zed, Neovim).\n"
    };
    let line = |key: &str, value: &str, comment: &str| {
        let line = format!("{key} = {}", quoted(value));
        let pad = " ".repeat(36usize.saturating_sub(line.chars().count()).max(1));
        format!("{line}{pad}# {comment}\n")
    };
    let series = spec.series.map_or_else(
        || {
            "# series = \"…\"                      # optional: the situation this briefing follows\n"
                .into()
        },
        |s| line("series", s, "the situation this briefing follows"),
    );
    TEMPLATE
        .replace("{directive}", directive)
        .replace(
            "{id_line}\n",
            &line(
                "id",
                id,
                "unique in your library; lowercase a-z, 0-9, - _ .",
            ),
        )
        .replace("{title}", &quoted(spec.title))
        .replace(
            "{as_of_line}\n",
            &line(
                "as_of",
                as_of,
                "the date this briefing describes (what was known then)",
            ),
        )
        .replace("{series}\n", &series)
}

const TEMPLATE: &str = r#"{directive}# A briefing: one situation at one point in time. `briefing format` prints the format.
# Values that start with TODO, and ids that start with todo-, are placeholders:
# `briefing check` points at each item that still holds one.

[briefing]
{id_line}
title = {title}
{as_of_line}
{series}
# A trailing backslash joins lines, so the summary wraps freely on screen and in exports;
# without it, every line break is kept.
summary = """\
  TODO: what is going on and why it matters, in your own words. \
  A second sentence continues the same paragraph.\
  """
key_points = [                      # optional: one line each, up to seven
  "TODO: the first thing a reader must know.",
]
tags = []                           # optional: shown with the briefing; `tag:NAME` searches its items

# ── Sources: what the facts come from ────────────────────────────────────────────
[[sources]]
id = "todo-source"                  # citations below use this id
title = "TODO: the source's title"
kind = "news-article"               # news-article | report | statement | social-media
                                    #   | transcript | dataset | other
published = "unknown"               # a date (see Dates in `briefing format`), or "unknown"
# publisher = "…"                   # leave out what the source does not say
# url = "https://…"
# note = "How locators count: ¶N is the Nth non-blank line."

# ── Actors: who is involved ──────────────────────────────────────────────────────
[[actors]]
id = "todo-person"
name = "TODO: the name as the source gives it"
kind = "person"                     # person | country | organization | mission | group | other
role = "TODO: one line, how they figure here"
# aliases = ["…"]                   # a list, even for one name
# affiliations = ["todo-group"]     # ids of actors they belong to
cite = [{ source = "todo-source", locator = "¶1" }]

[[actors]]
id = "todo-group"
name = "TODO: the name of an organization, country or group"
kind = "organization"
role = "TODO: one line, how it figures here"
cite = [{ source = "todo-source", locator = "¶1" }]

# ── Relations between two actors ─────────────────────────────────────────────────
[[relations]]
from = "todo-person"
kind = "member-of"                  # leads | funds | contributes-to | member-of | part-of
                                    #   | supports | opposes | proposes | talks-with
                                    #   | represents | other
to = "todo-group"
cite = [{ source = "todo-source", locator = "¶1" }]

# ── Events: what happened, or is planned, when ───────────────────────────────────
[[events]]
id = "todo-event"
title = "TODO: what happened, in one line"
date = "unknown"                    # "2025", "2025-05", "2025-05-21", "after 2024-06", …
status = "occurred"                 # occurred | planned | scheduled | proposed | reported
                                    #   | ongoing
actors = [{ actor = "todo-person" }]  # who took part; add role = "…" if it helps
cite = [{ source = "todo-source", locator = "¶2" }]

# ── Quotes (verbatim) and reported statements ────────────────────────────────────
[[quotes]]
id = "todo-quote"
kind = "direct"                     # direct: the exact words | reported: a paraphrase
text = "TODO: the exact words"
speaker = "todo-person"
date = "unknown"
about = ["todo-event"]              # optional: ids of the events or actors it concerns
cite = [{ source = "todo-source", locator = "¶3" }]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_the_file_name() {
        assert_eq!(id_from(Path::new("dir/Gaza 2025-06.toml")), "gaza-2025-06");
        assert_eq!(id_from(Path::new("!!.toml")), "briefing");
    }

    /// Accented letters fold as search folds them, in either normal form of the file
    /// name; letters with no plain form leave a hash of the name, so that names differing
    /// only in them keep different ids, and every id made is a plain one.
    #[test]
    fn ids_fold_accents_and_keep_names_of_other_scripts_apart() {
        assert_eq!(id_from(Path::new("t/São-Tomé 2025.toml")), "sao-tome-2025");
        assert_eq!(
            id_from(Path::new("t/Sa\u{303}o-Tome\u{301}.toml")),
            "sao-tome"
        );
        assert_eq!(id_from(Path::new("ÜBER.toml")), "uber");
        assert_eq!(id_from(Path::new("Łódź.toml")), "lodz");
        let japan = id_from(Path::new("日本.toml"));
        let china = id_from(Path::new("中国.toml"));
        let japan_2025 = id_from(Path::new("日本 2025.toml"));
        assert!(japan.starts_with("briefing-") && japan.len() == "briefing-".len() + 6);
        assert!(japan_2025.starts_with("2025-"), "{japan_2025}");
        assert_ne!(japan, china);
        assert_eq!(
            japan,
            id_from(Path::new("elsewhere/日本.toml")),
            "the same name, the same id"
        );
        let plain = |b: u8| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.');
        for id in [japan, china, japan_2025, id_from(Path::new("Straße.toml"))] {
            assert!(id.bytes().all(plain), "{id}");
        }
    }

    #[test]
    fn civil_dates_round_the_epoch_and_leap_days() {
        assert_eq!(civil(0), (1970, 1, 1));
        assert_eq!(civil(19_782), (2024, 2, 29));
        assert_eq!(civil(-1), (1969, 12, 31));
    }

    /// The template's example note says how locators count as the format does, in its words.
    #[test]
    fn the_template_counts_locators_as_the_format_does() {
        let doc = super::super::schema::FORMAT;
        let at = doc
            .find("note = \"How locators count")
            .expect("the format's note");
        let closing = at + doc[at..].find("\" ").unwrap();
        let note = &doc[at..=closing];
        assert!(note.contains("non-blank line"), "{note}");
        let spec = Spec {
            title: "T",
            series: None,
            as_of: None,
        };
        let text = scaffold("x", &spec, "2025", false);
        assert!(text.contains(&format!("# {note}\n")), "{note}\n{text}");
    }

    #[test]
    fn titles_are_escaped() {
        assert_eq!(quoted("a \"b\" \\ \u{1b}"), "\"a \\\"b\\\" \\\\ \\u001B\"");
    }
}
