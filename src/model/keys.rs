//! Unknown keys: find where they are and what was probably meant.

use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::diag::Diagnostic;
use super::raw::known_keys;
use super::suggest::closest;
use super::text::safe_line;

/// A warning for an unknown key at a serde_ignored path such as `quotes.3.speeker`.
pub fn unknown_key(text: &str, path: &str) -> Diagnostic {
    // serde_ignored writes `?` for options and names toml's span wrappers; skip both.
    let segments: Vec<&str> = path
        .split('.')
        .filter(|s| *s != "?" && !s.starts_with("$__serde_spanned"))
        .collect();
    let key = segments.last().copied().unwrap_or(path);
    let tables: Vec<&str> = segments[..segments.len().saturating_sub(1)]
        .iter()
        .copied()
        .filter(|s| s.parse::<usize>().is_err())
        .collect();
    let mut d = Diagnostic::warning(format!("unknown key `{}`", safe_line(key)))
        .in_file(0)
        .label("not part of the briefing format; it is ignored");
    if let Some(span) = key_span(text, &segments) {
        d.span = Some(span);
    }
    if let Some(s) = closest(key, &mut known_keys(&tables).iter().copied()) {
        d.help = Some(format!("did you mean `{s}`?"));
    } else if !known_keys(&tables).is_empty() {
        d.help = Some(format!(
            "known keys here: {}",
            known_keys(&tables).join(", ")
        ));
    }
    d
}

/// The span of the key at `path` (table names and array indices), found by re-parsing.
fn key_span(text: &str, path: &[&str]) -> Option<Range<usize>> {
    let root = DeTable::parse(text).ok()?;
    let mut table: &DeTable<'_> = root.get_ref();
    let mut i = 0;
    while i < path.len() {
        let (k, v) = table.get_key_value(path[i])?;
        if i + 1 == path.len() {
            return Some(k.span());
        }
        let mut value: &DeValue<'_> = v.get_ref();
        i += 1;
        while let (DeValue::Array(items), Some(ix)) = (value, path[i].parse::<usize>().ok()) {
            value = items.get(ix)?.get_ref();
            i += 1;
            if i == path.len() {
                return None;
            }
        }
        table = value.as_table()?;
    }
    None
}

#[cfg(test)]
mod tests {
    #[test]
    fn finds_nested_key_spans() {
        let text = "[briefing]\nid = \"x\"\n\n[[quotes]]\nid = \"a\"\n\n[[quotes]]\nspeeker = \"b\"\ncite = [{ source = \"s\", locatr = \"1\" }]\n";
        let span = super::key_span(text, &["quotes", "1", "speeker"]).expect("found");
        assert_eq!(&text[span], "speeker");
        let span = super::key_span(text, &["quotes", "1", "cite", "0", "locatr"]).expect("found");
        assert_eq!(&text[span], "locatr");
    }
}
