//! The library as a Markdown document: deterministic, readable on GitHub and through pandoc,
//! with every item keeping its citation.
//!
//! Text is the display-safe form (control characters shown visibly, so a document printed
//! to a terminal cannot attack it) with Markdown's own special characters escaped.

use std::fmt::Write as _;

use crate::model::text::{in_quotes, one_line};
use crate::model::{
    ActorIx, ActorVersion, Briefing, Citation, EventVersion, Library, QuoteKind, QuoteVersion,
    Subject, Text,
};

/// Escapes text for a Markdown paragraph: nothing in it can start formatting, a list or an
/// entity (`&amp;` stays those five characters). A line break
/// stays one (a hard break); a blank line between paragraphs stays a blank line, with no
/// trailing spaces.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut previous_blank = false;
    for (i, line) in s.split('\n').enumerate() {
        let blank = line.trim().is_empty();
        if i > 0 {
            out.push_str(if blank || previous_blank {
                "\n"
            } else {
                "  \n"
            });
        }
        previous_blank = blank;
        if blank {
            continue;
        }
        let trimmed = line.trim_start();
        let lead = line.len() - trimmed.len();
        out.push_str(&line[..lead]);
        // `1.` or `2)` at a line's start would begin an ordered list.
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let numbered = (1..=9).contains(&digits)
            && matches!(trimmed.as_bytes().get(digits), Some(b'.' | b')'));
        for (j, c) in trimmed.chars().enumerate() {
            let special = matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&'
            ) || (j == 0 && matches!(c, '#' | '+' | '-' | '=' | '!'))
                || (numbered && j == digits);
            if special {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// Escaped text continued inside a block quote: each of its lines, blank ones too, starts
/// with `>`.
fn in_quote_block(escaped: &str) -> String {
    let mut out = String::with_capacity(escaped.len() + 8);
    for (i, line) in escaped.split('\n').enumerate() {
        if i > 0 {
            out.push_str(if line.is_empty() { "\n>" } else { "\n> " });
        }
        out.push_str(line);
    }
    out
}

/// Escapes text for one table cell: one line, pipes escaped.
fn cell(s: &str) -> String {
    esc(one_line(s).trim())
}

fn t(text: &Text) -> &str {
    text.safe()
}

/// An author's text as one line of Markdown prose: escaped like a cell.
fn prose(text: &Text) -> String {
    cell(t(text))
}

/// A source's URL: a link only when it is a web or mail address written plainly, since a
/// renderer would make `javascript:` or `data:` clickable too; anything else is shown as
/// code, never linked.
fn url(u: &Text) -> String {
    let raw = u.raw().trim();
    let scheme = raw.split_once(':').map(|(s, _)| s.to_ascii_lowercase());
    let linkable = matches!(scheme.as_deref(), Some("http" | "https" | "mailto"))
        && raw == u.safe().trim()
        && !raw
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '<' | '>'));
    if linkable {
        format!("<{raw}>")
    } else {
        code(&one_line(t(u)))
    }
}

/// Text as an inline code span, fenced with more backticks than it holds in a row.
fn code(s: &str) -> String {
    let s = s.trim();
    let mut run = 0;
    let mut longest = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let pad = if s.starts_with('`') || s.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Excerpts become footnotes, numbered through the whole document.
#[derive(Default)]
struct Notes {
    next: usize,
    /// This briefing's footnotes, written after it.
    pending: Vec<String>,
}

impl Notes {
    /// A footnote mark for an excerpt, with the footnote queued.
    fn mark(&mut self, lib: &Library, c: &Citation, excerpt: &Text) -> String {
        self.next += 1;
        let n = self.next;
        self.pending.push(format!(
            "[^{n}]: {} {}: {}",
            esc(lib.sources[c.source].id.safe()),
            prose(&c.locator),
            in_quotes(&prose(excerpt))
        ));
        format!("[^{n}]")
    }

    fn write(&mut self, out: &mut String) {
        if !self.pending.is_empty() {
            out.push('\n');
            for note in self.pending.drain(..) {
                out.push_str(&note);
                out.push('\n');
            }
        }
    }
}

/// Citations as a table cell: "article ¶1, ¶4; ap ¶2", each excerpt a footnote mark.
fn cites(lib: &Library, c: &[Citation], notes: &mut Notes) -> String {
    let mut groups: Vec<(usize, Vec<String>)> = Vec::new();
    for cite in c {
        let mut loc = cell(cite.locator.safe());
        if let Some(e) = &cite.excerpt {
            loc.push_str(&notes.mark(lib, cite, e));
        }
        match groups.iter_mut().find(|(s, _)| *s == cite.source) {
            Some((_, locs)) => locs.push(loc),
            None => groups.push((cite.source, vec![loc])),
        }
    }
    let parts: Vec<String> = groups
        .into_iter()
        .map(|(s, locs)| format!("{} {}", cell(lib.sources[s].id.safe()), locs.join(", ")))
        .collect();
    parts.join("; ")
}

/// Renders the whole library.
pub fn render(lib: &Library) -> String {
    let mut out = String::new();
    let mut notes = Notes::default();
    for b in (0..lib.briefings.len()).filter(|&b| lib.briefings[b].in_scope()) {
        if !out.is_empty() {
            out.push_str("\n---\n\n");
        }
        briefing(&mut out, lib, b, &mut notes);
        notes.write(&mut out);
    }
    out
}

/// One briefing's part of the document: its heading, a section for each kind of item it
/// gives, and its sources.
fn briefing(out: &mut String, lib: &Library, b: usize, notes: &mut Notes) {
    heading(out, &lib.briefings[b]);
    actors(out, lib, b, notes);
    relations(out, lib, b, notes);
    timeline(out, lib, b, notes);
    quotes(out, lib, b, notes);
    sources(out, lib, b);
}

/// The briefing's title, date and id, summary, key points and tags.
fn heading(out: &mut String, br: &Briefing) {
    let _ = writeln!(out, "# {}\n", cell(t(&br.title)));
    let _ = writeln!(
        out,
        "*As of {} · briefing `{}`*\n",
        br.as_of,
        one_line(t(&br.id)).replace('`', "'")
    );
    let _ = writeln!(out, "{}\n", esc(t(&br.summary).trim()));
    if !br.key_points.is_empty() {
        out.push_str("## Key points\n\n");
        for k in &br.key_points {
            let _ = writeln!(out, "- {}", prose(k));
        }
        out.push('\n');
    }
    if !br.tags.is_empty() {
        let tags: Vec<String> = br
            .tags
            .iter()
            .map(|x| format!("`{}`", one_line(t(x)).replace('`', "'")))
            .collect();
        let _ = writeln!(out, "Tags: {}\n", tags.join(" "));
    }
}

/// The "Actors" section: the briefing's own actors, as it describes them; then the actors
/// it only names, which another briefing describes: never with that briefing's role or
/// sources.
fn actors(out: &mut String, lib: &Library, b: usize, notes: &mut Notes) {
    let (own, named): (Vec<ActorIx>, Vec<ActorIx>) = lib
        .actors_in(b)
        .into_iter()
        .partition(|&a| lib.actors[a].version_in(b).is_some());
    if !own.is_empty() || !named.is_empty() {
        out.push_str("## Actors\n\n");
    }
    if !own.is_empty() {
        own_actors(out, lib, b, &own, notes);
    }
    if !named.is_empty() {
        named_actors(out, lib, &named);
    }
}

/// The table of the actors the briefing describes, then their affiliations and summaries.
fn own_actors(out: &mut String, lib: &Library, b: usize, own: &[ActorIx], notes: &mut Notes) {
    out.push_str("| Actor | Kind | Role | Source |\n|---|---|---|---|\n");
    let versions: Vec<&ActorVersion> = own
        .iter()
        .filter_map(|&a| lib.actors[a].version_in(b))
        .collect();
    for x in &versions {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            actor_name(x),
            x.kind.as_str(),
            cell(t(&x.role)),
            cites(lib, &x.cite, notes)
        );
    }
    out.push('\n');
    let about: Vec<String> = versions
        .iter()
        .filter_map(|x| about_actor(lib, b, x))
        .collect();
    // Not every line is a summary when an actor gives only its affiliations.
    let heading = if versions.iter().any(|x| !x.affiliations.is_empty()) {
        "Affiliations and summaries"
    } else {
        "Summaries"
    };
    summaries(out, heading, &about);
}

/// The line naming the actors the briefing only names, each with the briefing that
/// describes it.
fn named_actors(out: &mut String, lib: &Library, named: &[ActorIx]) {
    let names: Vec<String> = named
        .iter()
        .map(|&a| {
            let x = lib.actors[a].shown();
            let from = one_line(t(&lib.briefings[x.briefing].id)).replace('`', "'");
            format!("{} (`{from}`)", cell(t(&x.name)))
        })
        .collect();
    let _ = writeln!(
        out,
        "Also named here, described in another briefing: {}.\n",
        names.join("; ")
    );
}

/// The "Relations" table, when the briefing states any.
fn relations(out: &mut String, lib: &Library, b: usize, notes: &mut Notes) {
    let br = &lib.briefings[b];
    if br.relations.is_empty() {
        return;
    }
    out.push_str("## Relations\n\n| From | Relation | To | Source |\n|---|---|---|---|\n");
    for &r in &br.relations {
        let rel = &lib.relations[r];
        let Some(x) = rel.version_in(b) else { continue };
        let mut kind = rel.kind.as_str().to_owned();
        if let Some(note) = &x.note {
            let _ = write!(kind, " ({})", one_line(t(note)));
        }
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            cell(t(&lib.actors[rel.from].as_in(b).name)),
            cell(&kind),
            cell(t(&lib.actors[rel.to].as_in(b).name)),
            cites(lib, &x.cite, notes)
        );
    }
    out.push('\n');
}

/// The "Timeline" section: a table of the briefing's events, then their summaries and
/// date notes.
fn timeline(out: &mut String, lib: &Library, b: usize, notes: &mut Notes) {
    // This briefing's own versions, in its own timeline order.
    let mut events: Vec<&EventVersion> = lib.briefings[b]
        .events
        .iter()
        .filter_map(|&e| lib.events[e].version_in(b))
        .collect();
    events.sort_by(|x, y| x.date.timeline_cmp(y.date));
    if events.is_empty() {
        return;
    }
    out.push_str(
        "## Timeline\n\n| Date | Status | Event | Actors | Source |\n|---|---|---|---|---|\n",
    );
    for x in &events {
        event_row(out, lib, b, x, notes);
    }
    out.push('\n');
    let about: Vec<String> = events
        .iter()
        .filter_map(|x| {
            let summary = x.summary.as_ref()?;
            Some(format!(
                "- **{}** ({}): {}",
                cell(t(&x.title)),
                cell(&x.date.to_string()),
                prose(summary)
            ))
        })
        .collect();
    summaries(out, "Summaries", &about);
    date_notes(out, &events);
}

/// An event's row of the timeline table: its date (marked when it has a note), status,
/// title, actors with their roles, and sources.
fn event_row(out: &mut String, lib: &Library, b: usize, x: &EventVersion, notes: &mut Notes) {
    let who: Vec<String> = x
        .actors
        .iter()
        .map(|p| match &p.role {
            Some(role) => {
                format!(
                    "{} ({})",
                    t(&lib.actors[p.actor].as_in(b).name),
                    one_line(t(role))
                )
            }
            None => t(&lib.actors[p.actor].as_in(b).name).to_owned(),
        })
        .collect();
    let mut date = x.date.to_string();
    if x.date_note.is_some() {
        date.push_str(" †");
    }
    let _ = writeln!(
        out,
        "| {} | {} {} | {} | {} | {} |",
        cell(&date),
        x.status.symbol(),
        x.status.as_str(),
        cell(t(&x.title)),
        cell(&who.join("; ")),
        cites(lib, &x.cite, notes)
    );
}

/// The timeline's "Date notes:" list, written only when an event has a date note.
fn date_notes(out: &mut String, events: &[&EventVersion]) {
    let notes: Vec<String> = events
        .iter()
        .filter_map(|x| {
            x.date_note
                .as_ref()
                .map(|n| format!("- † {}: {}", cell(t(&x.title)), prose(n)))
        })
        .collect();
    if !notes.is_empty() {
        out.push_str("Date notes:\n\n");
        out.push_str(&notes.join("\n"));
        out.push_str("\n\n");
    }
}

/// The "Quotes and reported statements" section, when the briefing gives any.
fn quotes(out: &mut String, lib: &Library, b: usize, notes: &mut Notes) {
    let br = &lib.briefings[b];
    if br.quotes.is_empty() {
        return;
    }
    out.push_str("## Quotes and reported statements\n\n");
    for &q in &br.quotes {
        let Some(x) = lib.quotes[q].version_in(b) else {
            continue;
        };
        quote(out, lib, b, x, notes);
    }
}

/// A quote as a block quote with its speaker, date, kind and sources, then its date note,
/// context and what it is about.
fn quote(out: &mut String, lib: &Library, b: usize, x: &QuoteVersion, notes: &mut Notes) {
    // The speaker's role as this briefing gives it, or none when it only names them.
    let speaker = lib.actors[x.speaker].as_in(b);
    let role = lib.actors[x.speaker]
        .version_in(b)
        .map(|s| format!("{}, ", cell(t(&s.role))))
        .unwrap_or_default();
    match x.kind {
        QuoteKind::Direct => {
            let _ = writeln!(out, "> “{}”", in_quote_block(&esc(t(&x.text).trim())));
        }
        QuoteKind::Reported => {
            let _ = writeln!(
                out,
                "> *Reported:* {}",
                in_quote_block(&esc(t(&x.text).trim()))
            );
        }
    }
    out.push_str(">\n");
    let mark = if x.date_note.is_some() { " †" } else { "" };
    let _ = writeln!(
        out,
        "> — **{}**, {role}{}{mark} · {} · {}\n",
        cell(t(&speaker.name)),
        x.date,
        x.kind.as_str(),
        cites(lib, &x.cite, notes)
    );
    if let Some(note) = &x.date_note {
        let _ = writeln!(out, "Date note: † {}\n", prose(note));
    }
    if let Some(context) = &x.context {
        let _ = writeln!(out, "Context: {}\n", prose(context));
    }
    if !x.about.is_empty() {
        let about: Vec<String> = x
            .about
            .iter()
            .map(|s| match *s {
                Subject::Actor(a) => cell(t(&lib.actors[a].as_in(b).name)),
                Subject::Event(e) => cell(t(&lib.events[e].as_in(b).title)),
            })
            .collect();
        let _ = writeln!(out, "About: {}\n", about.join("; "));
    }
}

/// The "Sources" list: each source's id, title, kind, date, publisher, address and note.
fn sources(out: &mut String, lib: &Library, b: usize) {
    out.push_str("## Sources\n\n");
    for &s in &lib.briefings[b].sources {
        let x = &lib.sources[s];
        let _ = write!(
            out,
            "- **{}**: {}. {}, published {}",
            esc(t(&x.id)),
            cell(t(&x.title)),
            x.kind.as_str(),
            x.published
        );
        if let Some(p) = &x.publisher {
            let _ = write!(out, ", {}", cell(t(p)));
        }
        if let Some(u) = &x.url {
            let _ = write!(out, ", {}", url(u));
        }
        out.push_str(".\n");
        if let Some(note) = &x.note {
            let _ = writeln!(out, "  {}", prose(note));
        }
    }
}

/// An actor's table cell: its name, then the short name and the aliases this briefing
/// gives it.
fn actor_name(x: &ActorVersion) -> String {
    let mut also = Vec::new();
    if let Some(short) = &x.short_name {
        also.push(format!("short: {}", cell(t(short))));
    }
    if !x.aliases.is_empty() {
        let aliases: Vec<&str> = x.aliases.iter().map(Text::safe).collect();
        also.push(format!("also {}", cell(&aliases.join(", "))));
    }
    let name = cell(t(&x.name));
    if also.is_empty() {
        name
    } else {
        format!("{name} ({})", also.join("; "))
    }
}

/// One list line for an actor: its affiliations and summary as this briefing gives them,
/// or nothing when it gives neither.
fn about_actor(lib: &Library, b: usize, x: &ActorVersion) -> Option<String> {
    if x.summary.is_none() && x.affiliations.is_empty() {
        return None;
    }
    let mut line = format!("- **{}**", cell(t(&x.name)));
    if !x.affiliations.is_empty() {
        let names: Vec<String> = x
            .affiliations
            .iter()
            .map(|&a| cell(t(&lib.actors[a].as_in(b).name)))
            .collect();
        let _ = write!(line, " (affiliated with {})", names.join("; "));
    }
    match &x.summary {
        Some(summary) => {
            let _ = write!(line, ": {}", prose(summary));
        }
        None => line.push('.'),
    }
    Some(line)
}

/// A section's "Summaries:" list (or another `heading`), written only when it has lines.
fn summaries(out: &mut String, heading: &str, lines: &[String]) {
    if !lines.is_empty() {
        let _ = write!(out, "{heading}:\n\n");
        out.push_str(&lines.join("\n"));
        out.push_str("\n\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_stay_breaks_and_blank_lines_paragraphs() {
        assert_eq!(esc("one\ntwo"), "one  \ntwo");
        assert_eq!(esc("one.\n\nTwo.\n  \nThree"), "one.\n\nTwo.\n\nThree");
        assert!(!esc("a\n\n\nb").contains(" \n"), "no trailing spaces");
        assert_eq!(
            in_quote_block(&esc("one\ntwo\n\n> three")),
            "one  \n> two\n>\n> \\> three"
        );
    }

    #[test]
    fn markdown_specials_are_escaped() {
        assert_eq!(
            esc("a*b_c|d [x](y) <b>"),
            "a\\*b\\_c\\|d \\[x\\](y) \\<b\\>"
        );
        assert_eq!(esc("# not a heading"), "\\# not a heading");
        // Nor a list, nor an entity: the author's `&lt;` is what the reader sees.
        assert_eq!(
            esc("Intro\n1. not a list\n  2) nor this\n2025. A year"),
            "Intro  \n1\\. not a list  \n  2\\) nor this  \n2025\\. A year"
        );
        assert_eq!(esc("1.5 million"), "1\\.5 million");
        assert_eq!(esc("&lt;b&gt; &#36;5"), "\\&lt;b\\&gt; \\&#36;5");
        assert_eq!(cell("two\nlines"), "two ⏎ lines");
    }

    #[test]
    fn only_web_and_mail_addresses_are_links() {
        let shown = |u: &str| url(&Text::new(u));
        assert_eq!(
            shown("https://example.org/a?b=1"),
            "<https://example.org/a?b=1>"
        );
        assert_eq!(shown("HTTP://example.org"), "<HTTP://example.org>");
        assert_eq!(
            shown("mailto:desk@example.org"),
            "<mailto:desk@example.org>"
        );
        assert_eq!(shown("javascript:alert(5)"), "`javascript:alert(5)`");
        assert_eq!(
            shown("data:text/html,<b>x</b>"),
            "`data:text/html,<b>x</b>`"
        );
        assert_eq!(shown("https://a.org/x y"), "`https://a.org/x y`");
        assert_eq!(
            shown("https://a.org/\u{202e}x"),
            "`https://a.org/⟨U+202E⟩x`"
        );
        assert_eq!(shown("java`script:x"), "``java`script:x``");
        assert_eq!(shown("`x"), "`` `x ``");
    }
}
