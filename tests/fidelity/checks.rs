//! The fidelity checks. Each returns the problems it finds as readable lines; an empty list
//! means the rule holds. They are run on the bundled briefings and on a broken fixture.

use std::collections::BTreeMap;

use super::doc::{Doc, FieldKind, key_point_cites};
use super::seed::{Claim, Excerpt, Seed, paragraph_number};
use super::text::{ATTRIBUTION_WORDS, fold, has_word, normalise, occurs_in, seed_cue, sentences};

/// The seeds of one briefing, by source id.
pub type Seeds = BTreeMap<String, Seed>;

/// Every citation (including the key points' inline ones) names a declared source, and a
/// paragraph `¶N` that exists in it and is kept in the test data.
pub fn locator_problems(doc: &Doc, seeds: &Seeds) -> Vec<String> {
    let mut problems = Vec::new();
    for item in doc.items() {
        for cite in &item.cites {
            let at = format!("{}: {} {}", item.label, cite.source, cite.locator);
            if !doc.sources.iter().any(|s| s.id == cite.source) {
                problems.push(format!("{at}: no such source in the briefing"));
                continue;
            }
            let Some(seed) = seeds.get(&cite.source) else {
                problems.push(format!("{at}: no seed text for this source"));
                continue;
            };
            match paragraph_number(&cite.locator) {
                None => problems.push(format!("{at}: a locator is written ¶N, N ≥ 1")),
                Some(n) if n > seed.count => {
                    problems.push(format!("{at}: the source has ¶1..¶{}", seed.count));
                }
                Some(_) if seed.paragraph(&cite.locator).is_none() => {
                    problems.push(format!("{at}: paragraph not kept in the seed test data"));
                }
                Some(_) => {}
            }
        }
    }
    problems
}

/// Every key point ends with its citation, `(¶N, …)` or `(source ¶N, …; source ¶M)`.
pub fn key_point_problems(doc: &Doc) -> Vec<String> {
    let default = doc.sources.first().map_or("article", |s| s.id.as_str());
    doc.briefing
        .key_points
        .iter()
        .enumerate()
        .filter(|(_, p)| key_point_cites(p, default).is_none())
        .map(|(i, p)| format!("key point {}: no trailing citation: “{p}”", i + 1))
        .collect()
}

/// Every direct quote occurs verbatim (normalised) in one of the paragraphs it cites.
/// Returns the problems and the number of direct quotes checked.
pub fn direct_quote_problems(doc: &Doc, seeds: &Seeds) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let direct: Vec<_> = doc.quotes.iter().filter(|q| q.kind == "direct").collect();
    for q in &direct {
        let found = q.cite.iter().any(|c| {
            seeds
                .get(&c.source)
                .and_then(|s| s.paragraph(&c.locator))
                .is_some_and(|p| occurs_in(&q.text, p))
        });
        if !found {
            let at: Vec<_> = q
                .cite
                .iter()
                .map(|c| format!("{} {}", c.source, c.locator))
                .collect();
            problems.push(format!(
                "quote {}: “{}” is not verbatim in {}",
                q.id,
                q.text,
                at.join(", ")
            ));
        }
    }
    (problems, direct.len())
}

/// Dropped attribution. For every attributed claim in the claims table, any sentence of the
/// briefing's own prose that repeats it (contains one of its markers) must also carry an
/// attribution word ("say", "report", "according to", …). Exempt: direct-quote text (checked
/// verbatim instead), reported-quote text (its kind is the attribution), and the title and
/// participant roles of an event marked `status = "reported"` (labels next to the status).
/// Returns the problems and the number of sentences that repeated a claim.
pub fn attribution_problems(doc: &Doc, claims: &[Claim]) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut restated = 0;
    for item in doc.items() {
        for field in &item.fields {
            let exempt = match field.kind {
                FieldKind::Verbatim | FieldKind::Paraphrase => true,
                FieldKind::Label => item.reported,
                FieldKind::Prose => false,
            };
            if exempt {
                continue;
            }
            for sentence in sentences(field.text) {
                let Some((claim, marker)) = restated_claim(&sentence, claims) else {
                    continue;
                };
                restated += 1;
                if !has_word(&sentence, ATTRIBUTION_WORDS) {
                    problems.push(format!(
                        "{} {}: “{sentence}” restates {} {} ({}: “{marker}”) as fact",
                        item.label, field.name, claim.source, claim.locator, claim.speaker
                    ));
                }
            }
        }
    }
    (problems, restated)
}

fn restated_claim<'c>(sentence: &str, claims: &'c [Claim]) -> Option<(&'c Claim, &'c str)> {
    let folded = fold(sentence);
    claims.iter().find_map(|c| {
        c.markers
            .iter()
            .find(|m| folded.contains(m.as_str()))
            .map(|m| (c, m.as_str()))
    })
}

/// The claims table is sound and complete: each entry's cue occurs in its paragraph, its
/// markers are folded (lower case, plain quotes), an entry without markers says why, and
/// every kept paragraph that contains an attribution cue word has an entry.
pub fn claim_table_problems(claims: &[Claim], seeds: &Seeds) -> Vec<String> {
    let mut problems = Vec::new();
    for c in claims {
        let at = format!("claim {} {}", c.source, c.locator);
        match seeds.get(&c.source).and_then(|s| s.paragraph(&c.locator)) {
            None => problems.push(format!("{at}: paragraph not in the seed test data")),
            Some(p) if !occurs_in(&c.cue, p) => {
                problems.push(format!("{at}: cue “{}” is not in the paragraph", c.cue));
            }
            Some(_) => {}
        }
        if c.markers.is_empty() && c.why.as_deref().is_none_or(|w| w.trim().is_empty()) {
            problems.push(format!("{at}: no markers and no `why`"));
        }
        for m in c.markers.iter().filter(|m| fold(m) != **m || m.is_empty()) {
            problems.push(format!("{at}: marker “{m}” must be folded: “{}”", fold(m)));
        }
    }
    for (source, seed) in seeds {
        for (n, text) in &seed.paragraphs {
            let locator = format!("¶{n}");
            let covered = claims
                .iter()
                .any(|c| &c.source == source && c.locator == locator);
            if let (false, Some(cue)) = (covered, seed_cue(text)) {
                problems.push(format!(
                    "{source} {locator}: contains the cue “{cue}” but has no entry in the claims table"
                ));
            }
        }
    }
    problems
}

/// Every excerpt belongs to an item that cites its paragraph, is short (≤ 300 characters),
/// and occurs in that paragraph exactly as the seed writes it: curly quotes and apostrophes
/// included. A match that needs normalising is reported as such.
pub fn excerpt_problems(excerpts: &[Excerpt], doc: &Doc, seeds: &Seeds) -> Vec<String> {
    let items = doc.items();
    let mut problems = Vec::new();
    for e in excerpts {
        let at = format!("excerpt for {} ({} {})", e.item, e.source, e.locator);
        match items.iter().find(|i| i.id == Some(e.item.as_str())) {
            None => problems.push(format!("{at}: no item with that id")),
            Some(item)
                if !item
                    .cites
                    .iter()
                    .any(|c| c.source == e.source && c.locator == e.locator) =>
            {
                problems.push(format!("{at}: the item does not cite that paragraph"));
            }
            Some(_) => {}
        }
        let len = e.text.chars().count();
        if len == 0 || len > 300 || e.text.contains('…') {
            problems.push(format!(
                "{at}: an excerpt is one short passage without ellipses"
            ));
        }
        let Some(paragraph) = seeds.get(&e.source).and_then(|s| s.paragraph(&e.locator)) else {
            problems.push(format!("{at}: paragraph not in the seed test data"));
            continue;
        };
        if !paragraph.contains(e.text.as_str()) {
            let why = if normalise(paragraph).contains(&normalise(&e.text)) {
                "differs from the seed in quotes, apostrophes or spacing"
            } else {
                "is not in the paragraph"
            };
            problems.push(format!("{at}: “{}” {why}", e.text));
        }
    }
    problems
}

/// The excerpts written on the briefing's own citations: each occurs exactly in the paragraph
/// its citation names, and is one short passage. Returns the problems and the number of
/// excerpts checked.
pub fn inline_excerpt_problems(doc: &Doc, seeds: &Seeds) -> (Vec<String>, usize) {
    let mut problems = Vec::new();
    let mut checked = 0;
    for item in doc.items() {
        for cite in &item.cites {
            let Some(text) = &cite.excerpt else { continue };
            checked += 1;
            let at = format!(
                "excerpt on {} ({} {})",
                item.label, cite.source, cite.locator
            );
            let len = text.chars().count();
            if len == 0 || len > 300 || text.contains('…') {
                problems.push(format!(
                    "{at}: an excerpt is one short passage without ellipses"
                ));
            }
            let paragraph = seeds
                .get(&cite.source)
                .and_then(|s| s.paragraph(&cite.locator));
            match paragraph {
                None => problems.push(format!("{at}: paragraph not in the seed test data")),
                Some(p) if p.contains(text.as_str()) => {}
                Some(p) if normalise(p).contains(&normalise(text)) => problems.push(format!(
                    "{at}: “{text}” differs from the seed in quotes, apostrophes or spacing"
                )),
                Some(_) => problems.push(format!("{at}: “{text}” is not in the paragraph")),
            }
        }
    }
    (problems, checked)
}

/// Every prepared excerpt sits, with its exact text, on the citation it was prepared for.
pub fn unfolded_excerpts(excerpts: &[Excerpt], doc: &Doc) -> Vec<String> {
    let items = doc.items();
    excerpts
        .iter()
        .filter(|e| {
            !items.iter().any(|i| {
                i.id == Some(e.item.as_str())
                    && i.cites.iter().any(|c| {
                        c.source == e.source
                            && c.locator == e.locator
                            && c.excerpt.as_deref() == Some(e.text.as_str())
                    })
            })
        })
        .map(|e| {
            format!(
                "excerpt for {} ({} {}) is not on that citation",
                e.item, e.source, e.locator
            )
        })
        .collect()
}
