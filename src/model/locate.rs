//! Finding where an item is written in a briefing file, for opening an editor there. The
//! file is read as it is now, so the line is right even after edits since it was loaded.

use super::lenient::{Str, Tab};
use super::parse;

/// The line (from 1) where an item of a table is defined: its `id`, or the `[briefing]`
/// table's. `table` is `briefing`, `sources`, `actors`, `events` or `quotes`. `None` when
/// the file does not parse or has no such item.
#[must_use]
pub fn line_of(text: &str, table: &str, id: &str) -> Option<usize> {
    let parsed = parse::parse(text).ok()?;
    let f = &parsed.file;
    let span = match table {
        "briefing" => f
            .briefing
            .as_ref()
            .and_then(|b| id_span(b, |m| m.id.as_ref(), id)),
        "sources" => f
            .sources
            .iter()
            .find_map(|s| id_span(s, |x| x.id.as_ref(), id)),
        "actors" => f
            .actors
            .iter()
            .find_map(|a| id_span(a, |x| x.id.as_ref(), id)),
        "events" => f
            .events
            .iter()
            .find_map(|e| id_span(e, |x| x.id.as_ref(), id)),
        "quotes" => f
            .quotes
            .iter()
            .find_map(|q| id_span(q, |x| x.id.as_ref(), id)),
        _ => None,
    }?;
    let mut at = span.start.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    Some(text[..at].matches('\n').count() + 1)
}

/// The span of an item's `id` when it is the one asked for.
fn id_span<T>(
    t: &toml::Spanned<Tab<T>>,
    id_of: fn(&T) -> Option<&super::raw::S>,
    id: &str,
) -> Option<std::ops::Range<usize>> {
    let Tab::Ok(item) = t.get_ref() else {
        return None;
    };
    let s = id_of(item)?;
    matches!(s.get_ref(), Str::Ok(v) if v.trim() == id).then(|| s.span())
}

#[cfg(test)]
mod tests {
    use super::line_of;

    #[test]
    fn items_are_found_on_their_id_lines() {
        let text = "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"s\"\n\n[[sources]]\nid = \"a\"\ntitle = \"A\"\nkind = \"report\"\n\n[[actors]]\nname = \"K\"\nid = \"kenya\"\nkind = \"country\"\nrole = \"r\"\ncite = [{ source = \"a\", locator = \"1\" }]\n";
        assert_eq!(line_of(text, "briefing", "b"), Some(2));
        assert_eq!(line_of(text, "sources", "a"), Some(8));
        assert_eq!(line_of(text, "actors", "kenya"), Some(14));
        assert_eq!(line_of(text, "actors", "nobody"), None);
        assert_eq!(line_of("not toml [", "actors", "kenya"), None);
    }
}
