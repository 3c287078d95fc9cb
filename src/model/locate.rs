//! Finding where an item is written in a briefing file, for opening an editor there. The
//! file is read as it is now, so the line is right even after edits since it was loaded.

use super::parse;

/// The line (from 1) where an item of a table is defined: its `id`, or the `[briefing]`
/// table's. `table` is `briefing`, `sources`, `actors`, `events` or `quotes`. `None` when
/// the file does not parse or has no such item.
#[must_use]
pub fn line_of(text: &str, table: &str, id: &str) -> Option<usize> {
    let parsed = parse::parse(text).ok()?;
    let f = &parsed.file;
    let same = |s: &super::raw::S| s.get_ref().trim() == id;
    let span = match table {
        "briefing" => Some(f.briefing.get_ref().id.span()),
        "sources" => f
            .sources
            .iter()
            .map(|s| &s.get_ref().id)
            .find(|s| same(s))
            .map(toml::Spanned::span),
        "actors" => f
            .actors
            .iter()
            .map(|a| &a.get_ref().id)
            .find(|s| same(s))
            .map(toml::Spanned::span),
        "events" => f
            .events
            .iter()
            .map(|e| &e.get_ref().id)
            .find(|s| same(s))
            .map(toml::Spanned::span),
        "quotes" => f
            .quotes
            .iter()
            .map(|q| &q.get_ref().id)
            .find(|s| same(s))
            .map(toml::Spanned::span),
        _ => None,
    }?;
    let mut at = span.start.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    Some(text[..at].matches('\n').count() + 1)
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
