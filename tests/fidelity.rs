//! Fidelity of the bundled briefings to their source articles (issue #17).
//!
//! The rules are those of `briefings/CONTRIBUTING.md`; these tests check the parts a machine
//! can check, against copies of the cited paragraphs kept under `tests/fixtures/seed/` (so
//! nothing outside the repository is read):
//!
//! - **Quotes are verbatim.** Every `kind = "direct"` quote occurs in a paragraph it cites,
//!   with typographic quotes, apostrophes and whitespace normalised; `…` marks omitted words
//!   (such as a "he said" between two quoted sentences), and the pieces must occur in order.
//! - **Locators exist.** Every citation, including the `(¶N, …)` that ends each key point,
//!   names a source of the briefing and a paragraph `¶N` within the source's count, kept in
//!   the seed test data.
//! - **Attribution is kept.** A claims table per briefing lists each paragraph of the source
//!   that carries someone's claim (cue verbatim, speaker, and the words that would restate
//!   it). Every sentence or `;`-clause of the briefing's own prose (summary, key points,
//!   roles, notes, event summaries, date notes, quote contexts) that restates such a claim
//!   must also carry an attribution word. Exempt: quote texts (direct ones are verbatim;
//!   reported ones are marked by their kind) and the title and participant roles of an event
//!   whose `status = "reported"`. The table itself is checked: its cues occur verbatim, and
//!   every kept paragraph with an attribution cue word has an entry. This is a tripwire, not
//!   a proof: a paraphrase that avoids every marker passes, so the human review stays the rule.
//! - **Excerpts** (prepared for #13) occur exactly in the paragraph their item cites, and
//!   each sits on that citation in the briefing, verbatim.
//!
//! Each check is also run on a deliberately broken briefing (`tests/fixtures/fidelity/`) and
//! must report exactly the planted faults.

mod fidelity {
    mod broken;
    pub mod checks;
    pub mod doc;
    pub mod seed;
    pub mod text;
}

use std::path::{Path, PathBuf};

use fidelity::checks::{self, Seeds};
use fidelity::doc::Doc;
use fidelity::seed::{Claims, Excerpts, Seed, load_toml};

/// A briefing and its test data.
struct Case {
    briefing: &'static str,
    /// (source id, paragraphs file)
    seeds: &'static [(&'static str, &'static str)],
    claims: &'static str,
    excerpts: &'static str,
}

const MAY: Case = Case {
    briefing: "briefings/haiti-2025-05.toml",
    seeds: &[(
        "article",
        "tests/fixtures/seed/haiti-2025-05.paragraphs.txt",
    )],
    claims: "tests/fixtures/seed/haiti-2025-05.claims.toml",
    excerpts: "tests/fixtures/seed/excerpts-haiti-2025-05.toml",
};

const OCTOBER: Case = Case {
    briefing: "briefings/haiti-2025-10.toml",
    seeds: &[
        (
            "article",
            "tests/fixtures/seed/haiti-2025-10.paragraphs.txt",
        ),
        ("ap", "tests/fixtures/seed/haiti-2025-10-ap.paragraphs.txt"),
    ],
    claims: "tests/fixtures/seed/haiti-2025-10.claims.toml",
    excerpts: "tests/fixtures/seed/excerpts-haiti-2025-10.toml",
};

const BUNDLED: &[Case] = &[MAY, OCTOBER];

/// The broken fixture, checked against the May seed.
const BROKEN: Case = Case {
    briefing: "tests/fixtures/fidelity/broken.toml",
    seeds: MAY.seeds,
    claims: MAY.claims,
    excerpts: "tests/fixtures/fidelity/broken-excerpts.toml",
};

fn path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

struct Loaded {
    name: &'static str,
    doc: Doc,
    seeds: Seeds,
    claims: Claims,
    excerpts: Excerpts,
}

fn load(case: &Case) -> Loaded {
    let text = std::fs::read_to_string(path(case.briefing)).unwrap();
    let doc = Doc::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", case.briefing));
    let seeds = case
        .seeds
        .iter()
        .map(|(id, file)| ((*id).to_owned(), Seed::load(&path(file))))
        .collect();
    Loaded {
        name: case.briefing,
        doc,
        seeds,
        claims: load_toml(&path(case.claims)),
        excerpts: load_toml(&path(case.excerpts)),
    }
}

fn assert_clean(name: &str, rule: &str, problems: &[String]) {
    assert!(
        problems.is_empty(),
        "{name}: {rule}:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn direct_quotes_occur_verbatim_in_their_paragraphs() {
    for case in BUNDLED {
        let l = load(case);
        let (problems, checked) = checks::direct_quote_problems(&l.doc, &l.seeds);
        assert_clean(l.name, "direct quotes", &problems);
        assert!(
            checked >= 2,
            "{}: only {checked} direct quotes seen",
            l.name
        );
    }
}

#[test]
fn every_locator_names_a_kept_paragraph_of_a_declared_source() {
    for case in BUNDLED {
        let l = load(case);
        assert_clean(
            l.name,
            "locators",
            &checks::locator_problems(&l.doc, &l.seeds),
        );
        assert_clean(l.name, "key points", &checks::key_point_problems(&l.doc));
        let cited: usize = l.doc.items().iter().map(|i| i.cites.len()).sum();
        assert!(cited >= 50, "{}: only {cited} citations seen", l.name);
    }
}

#[test]
fn attributed_claims_are_never_restated_as_fact() {
    for case in BUNDLED {
        let l = load(case);
        assert_clean(
            l.name,
            "claims table",
            &checks::claim_table_problems(&l.claims.claim, &l.seeds),
        );
        let (problems, restated) = checks::attribution_problems(&l.doc, &l.claims.claim);
        assert_clean(l.name, "attribution", &problems);
        assert!(
            restated >= 10,
            "{}: only {restated} restatements seen",
            l.name
        );
    }
}

#[test]
fn excerpts_occur_exactly_in_the_paragraphs_their_items_cite() {
    for case in BUNDLED {
        let l = load(case);
        let problems = checks::excerpt_problems(&l.excerpts.excerpt, &l.doc, &l.seeds);
        assert_clean(l.name, "excerpts", &problems);
        assert!(l.excerpts.excerpt.len() >= 10, "{}: few excerpts", l.name);
    }
}

#[test]
fn the_briefings_carry_every_prepared_excerpt_verbatim_on_its_citation() {
    for case in BUNDLED {
        let l = load(case);
        let (problems, checked) = checks::inline_excerpt_problems(&l.doc, &l.seeds);
        assert_clean(l.name, "inline excerpts", &problems);
        assert_clean(
            l.name,
            "folded excerpts",
            &checks::unfolded_excerpts(&l.excerpts.excerpt, &l.doc),
        );
        assert_eq!(checked, l.excerpts.excerpt.len(), "{}", l.name);
    }
}
