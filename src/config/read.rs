//! Reading config text: TOML parsed with spans, each setting checked, and every problem a
//! diagnostic pointing into the file. A setting that cannot be used keeps its default.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Color, Config, did_you_mean, expand};
use crate::model::diag::SourceFile;
use crate::model::{Diagnostic, Report};
use crate::tui::theme::{
    COLOR_WORDS, MODIFIER_WORDS, Preset, STYLE_NAMES, StyleError, parse_style,
};

/// Every top-level setting.
pub(super) const SETTINGS: [&str; 8] = [
    "library",
    "color",
    "watch",
    "split",
    "read_after",
    "state",
    "keys",
    "theme",
];

/// A value in the file.
pub(super) type Value<'i> = Spanned<DeValue<'i>>;

/// Collects diagnostics for one file.
pub(super) struct Reader<'t> {
    pub(super) text: &'t str,
    pub(super) report: Report,
}

impl Reader<'_> {
    pub(super) fn error(
        &mut self,
        span: Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        self.push(Diagnostic::error(message), span, label, help);
    }

    pub(super) fn warning(
        &mut self,
        span: Range<usize>,
        message: String,
        label: &str,
        help: Option<String>,
    ) {
        self.push(Diagnostic::warning(message), span, label, help);
    }

    fn push(&mut self, d: Diagnostic, span: Range<usize>, label: &str, help: Option<String>) {
        let mut d = d.at(0, span);
        if !label.is_empty() {
            d = d.label(label);
        }
        if let Some(help) = help {
            d = d.help(help);
        }
        self.report.diagnostics.push(d);
    }

    /// The span of `word` inside a string value's span, or the whole value.
    pub(super) fn word_span(&self, value: Range<usize>, word: &str) -> Range<usize> {
        self.text
            .get(value.clone())
            .and_then(|s| s.find(word))
            .filter(|_| !word.is_empty())
            .map_or(value.clone(), |at| {
                value.start + at..value.start + at + word.len()
            })
    }

    fn bool(&mut self, name: &str, v: &Value<'_>) -> Option<bool> {
        let b = v.get_ref().as_bool();
        if b.is_none() {
            self.error(
                v.span(),
                format!("`{name}` must be true or false"),
                &format!("this is {}", kind(v)),
                None,
            );
        }
        b
    }

    /// A string, or one of a list of strings.
    pub(super) fn strings<'v>(
        &mut self,
        name: &str,
        v: &'v Value<'_>,
    ) -> Vec<(&'v str, Range<usize>)> {
        match v.get_ref() {
            DeValue::String(s) => vec![(s.as_ref(), v.span())],
            DeValue::Array(items) => items
                .iter()
                .filter_map(|item| match item.get_ref() {
                    DeValue::String(s) => Some((s.as_ref(), item.span())),
                    _ => {
                        self.error(
                            item.span(),
                            format!("`{name}` must list strings"),
                            &format!("this is {}", kind(item)),
                            None,
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                self.error(
                    v.span(),
                    format!("`{name}` must be a string or a list of strings"),
                    &format!("this is {}", kind(v)),
                    None,
                );
                Vec::new()
            }
        }
    }
}

/// "a string", "an integer", … for messages.
pub(super) fn kind(v: &Value<'_>) -> &'static str {
    match v.get_ref() {
        DeValue::String(_) => "a string",
        DeValue::Integer(_) => "an integer",
        DeValue::Float(_) => "a number",
        DeValue::Boolean(_) => "true or false",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// Reads a whole config file.
pub(super) fn read(text: &str, path: &Path) -> (Config, Report) {
    let mut file = SourceFile::new(path);
    file.text = Some(Arc::from(text));
    let mut r = Reader {
        text,
        report: Report {
            files: vec![file],
            ..Report::default()
        },
    };
    let mut config = Config::default();
    if let Some(d) = crate::model::nesting::check(text) {
        r.error(
            d.span.unwrap_or(0..0),
            format!("the config file cannot be read: {}", d.message),
            "too deep here",
            Some("every setting keeps its default until this is fixed".into()),
        );
        return (config, r.report);
    }
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            // Worded as in a briefing: a key defined twice is named, with its first place.
            let mut d = crate::model::toml_error(&e, text);
            d.span.get_or_insert(0..0);
            d.message = format!(
                "the config file is not valid TOML: {}",
                d.message.trim_end_matches('.')
            );
            let keeps = "every setting keeps its default until this is fixed";
            d.help = Some(match d.help.take() {
                Some(help) => format!("{help}; {keeps}"),
                None => keeps.into(),
            });
            r.report.diagnostics.push(d);
            return (config, r.report);
        }
    };
    let base = path.parent().unwrap_or(Path::new("."));
    for (key, v) in root.get_ref() {
        setting(&mut r, &mut config, key, v, base);
    }
    // The settings come in the order of the parser's table, not of the file.
    r.report.sort_by_position();
    (config, r.report)
}

fn setting(
    r: &mut Reader<'_>,
    config: &mut Config,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    v: &Value<'_>,
    base: &Path,
) {
    match key.get_ref().as_ref() {
        "library" => {
            config.library = r
                .strings("library", v)
                .into_iter()
                .map(|(s, _)| expand(s, base))
                .collect();
        }
        "color" => config.color = color(r, v).or(config.color),
        "watch" => config.watch = r.bool("watch", v).unwrap_or(config.watch),
        "state" => config.state = r.bool("state", v).unwrap_or(config.state),
        "split" => config.split = split(r, v).unwrap_or(config.split),
        "read_after" => read_after(r, v, config),
        "keys" => config.keys = super::keys::read(r, v),
        "theme" => theme(r, config, v),
        other => r.warning(
            key.span(),
            format!("unknown setting `{}`", crate::model::text::safe_line(other)),
            "not a config setting; it is ignored",
            did_you_mean(other, SETTINGS),
        ),
    }
}

fn color(r: &mut Reader<'_>, v: &Value<'_>) -> Option<Color> {
    const CHOICES: [(&str, Color); 3] = [
        ("auto", Color::Auto),
        ("always", Color::Always),
        ("never", Color::Never),
    ];
    let s = v.get_ref().as_str();
    if let Some(c) = s.and_then(|s| CHOICES.iter().find(|(n, _)| *n == s)) {
        return Some(c.1);
    }
    r.error(
        v.span(),
        "`color` must be \"auto\", \"always\" or \"never\"".into(),
        &format!(
            "this is {}",
            if s.is_some() { "another word" } else { kind(v) }
        ),
        s.and_then(|s| did_you_mean(s, CHOICES.iter().map(|(n, _)| *n))),
    );
    None
}

fn split(r: &mut Reader<'_>, v: &Value<'_>) -> Option<u16> {
    let n = v
        .get_ref()
        .as_integer()
        .and_then(|i| i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok());
    match n
        .and_then(|n| u16::try_from(n).ok())
        .filter(|n| (20..=80).contains(n))
    {
        Some(n) => Some(n),
        None => {
            r.error(
                v.span(),
                "`split` must be a whole number from 20 to 80: the list's share of the width, in percent".into(),
                "",
                None,
            );
            None
        }
    }
}

/// `read_after = 1.0`: seconds, up to an hour; `0` turns reading by time off.
fn read_after(r: &mut Reader<'_>, v: &Value<'_>, config: &mut Config) {
    let secs = match v.get_ref() {
        DeValue::Integer(i) => i.as_str().replace('_', "").parse::<f64>().ok(),
        DeValue::Float(f) => f.as_str().replace('_', "").parse::<f64>().ok(),
        _ => None,
    };
    match secs.filter(|s| (0.0..=3600.0).contains(s)) {
        Some(s) => config.read_after = (s > 0.0).then(|| Duration::from_secs_f64(s)),
        None => {
            r.error(
                v.span(),
                "`read_after` must be a number of seconds from 0 to 3600".into(),
                "",
                Some("0 marks items read only with the toggle key".into()),
            );
        }
    }
}

fn theme(r: &mut Reader<'_>, config: &mut Config, v: &Value<'_>) {
    let Some(table) = v.get_ref().as_table() else {
        r.error(
            v.span(),
            "`theme` must be a table".into(),
            &format!("this is {}", kind(v)),
            Some("write it as [theme]".into()),
        );
        return;
    };
    styles(r, config, table, "");
}

/// The styles of a theme table; dotted names may be written as nested tables
/// (`status.occurred = "green"`).
fn styles(r: &mut Reader<'_>, config: &mut Config, table: &DeTable<'_>, prefix: &str) {
    for (key, v) in table {
        let name = format!("{prefix}{}", key.get_ref());
        if name == "preset" {
            match v.get_ref().as_str().and_then(Preset::from_name) {
                Some(p) => config.preset = p,
                None => r.error(
                    v.span(),
                    "`preset` must be \"dark\", \"light\" or \"mono\"".into(),
                    "",
                    v.get_ref()
                        .as_str()
                        .and_then(|s| did_you_mean(s, Preset::NAMES.iter().map(|(n, _)| *n))),
                ),
            }
            continue;
        }
        if let DeValue::Table(inner) = v.get_ref() {
            styles(r, config, inner, &format!("{name}."));
            continue;
        }
        if !STYLE_NAMES.contains(&name.as_str()) {
            r.warning(
                key.span(),
                format!("unknown style `{}`", crate::model::text::safe_line(&name)),
                "not a style name; it is ignored",
                did_you_mean(&name, STYLE_NAMES),
            );
            continue;
        }
        let Some(spec) = v.get_ref().as_str() else {
            r.error(
                v.span(),
                format!("the style `{name}` must be a string such as \"bold yellow\""),
                &format!("this is {}", kind(v)),
                None,
            );
            continue;
        };
        match parse_style(spec) {
            Ok(style) => config.styles.push((name, style)),
            Err(e) => style_error(r, v.span(), &e),
        }
    }
}

fn style_error(r: &mut Reader<'_>, span: Range<usize>, e: &StyleError) {
    let words = COLOR_WORDS
        .iter()
        .copied()
        .chain(MODIFIER_WORDS.iter().map(|(n, _)| *n))
        .chain(["on", "plain"]);
    let (span, help) = match e {
        StyleError::Unknown(w) => (
            r.word_span(span, w),
            did_you_mean(w, words).or_else(|| {
                Some("colours are names (red, darkgray, lightblue), #rrggbb or 0–255; modifiers are bold, dim, italic, underlined, reversed, crossed".into())
            }),
        ),
        StyleError::TwoColors(w) => (r.word_span(span, w), Some("write a background colour after `on`, e.g. \"white on blue\"".into())),
        StyleError::OnWithoutColor => (span, None),
    };
    r.error(
        span,
        crate::model::text::safe_line(&e.to_string()),
        "",
        help,
    );
}
