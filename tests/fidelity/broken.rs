//! Each check rejects the deliberately broken fixture, reporting exactly the planted faults
//! (and nothing on the lines planted as sound), so a check that stopped working would fail
//! here rather than pass the bundled briefings vacuously.

use super::checks;
use super::seed::{Claims, load_toml};
use crate::{BROKEN, MAY, load, path};

/// Asserts that every problem starts with one of `expected`, and each of `expected` starts
/// exactly one problem.
fn assert_exactly(problems: &[String], expected: &[&str]) {
    for e in expected {
        let n = problems.iter().filter(|p| p.starts_with(e)).count();
        assert_eq!(
            n, 1,
            "expected one problem starting “{e}”, got:\n{problems:#?}"
        );
    }
    for p in problems {
        assert!(
            expected.iter().any(|e| p.starts_with(e)),
            "unexpected problem: {p}"
        );
    }
}

#[test]
fn an_altered_or_misplaced_direct_quote_is_rejected() {
    let l = load(&BROKEN);
    let (problems, checked) = checks::direct_quote_problems(&l.doc, &l.seeds);
    assert_eq!(checked, 3);
    assert_exactly(
        &problems,
        &["quote singoei-altered:", "quote embassy-wrong-paragraph:"],
    );
}

#[test]
fn bad_locators_and_uncited_key_points_are_rejected() {
    let l = load(&BROKEN);
    assert_exactly(
        &checks::locator_problems(&l.doc, &l.seeds),
        &[
            "key point 3: article ¶30: the source has ¶1..¶24",
            "actor korir-singoei: article ¶0: a locator is written ¶N",
            "actor korir-singoei: article 5: a locator is written ¶N",
            "actor korir-singoei: article ¶17: paragraph not kept",
            "actor korir-singoei: wire ¶1: no seed text",
        ],
    );
    assert_exactly(&checks::key_point_problems(&l.doc), &["key point 2:"]);
}

#[test]
fn dropped_attribution_is_rejected_and_marked_items_keep_their_exemptions() {
    let l = load(&BROKEN);
    let (problems, _) = checks::attribution_problems(&l.doc, &l.claims.claim);
    assert_exactly(
        &problems,
        &[
            "briefing summary summary:",
            "key point 3 text: “Frontline work",
            "actor haitian-gangs summary:",
            "relation kenya opposes haitian-gangs note:",
            "event armored-vehicle-failures summary:",
            "event mss-scheduled-end title:",
            "quote officers-reassigned context:",
        ],
    );
}

#[test]
fn an_unsound_or_incomplete_claims_table_is_rejected() {
    let l = load(&MAY);
    let claims: Claims = load_toml(&path("tests/fixtures/fidelity/broken-claims.toml"));
    assert_exactly(
        &checks::claim_table_problems(&claims.claim, &l.seeds),
        &[
            "claim article ¶3: cue",
            "claim article ¶4: no markers",
            "claim article ¶12: marker “Overtask”",
            "claim article ¶17: paragraph not in the seed",
            "article ¶13: contains the cue “lamented”",
        ],
    );
}

#[test]
fn excerpts_that_are_not_exact_or_not_cited_are_rejected() {
    let l = load(&BROKEN);
    assert_exactly(
        &checks::excerpt_problems(&l.excerpts.excerpt, &l.doc, &l.seeds),
        &[
            "excerpt for korir-singoei (article ¶5): “said Dr. Korir Sing'oei” differs",
            "excerpt for haitian-gangs (article ¶13): “Kenyan personnel were pulled from facility protection” is not",
            "excerpt for kenya (article ¶1): the item does not cite",
            "excerpt for nobody (article ¶22): no item",
            "excerpt for armored-vehicle-failures (article ¶15): an excerpt is one short passage",
            "excerpt for armored-vehicle-failures (article ¶15): “Several",
        ],
    );
}

#[test]
fn an_inline_excerpt_that_is_not_in_its_paragraph_is_rejected() {
    let l = load(&BROKEN);
    let (problems, checked) = checks::inline_excerpt_problems(&l.doc, &l.seeds);
    assert_eq!(checked, 1);
    assert_exactly(
        &problems,
        &["excerpt on actor kenya (article ¶22): “Kenya sent its first contingent"],
    );
    // The broken fixture carries none of its prepared excerpts on its citations.
    let unfolded = checks::unfolded_excerpts(&l.excerpts.excerpt, &l.doc);
    assert_eq!(unfolded.len(), l.excerpts.excerpt.len());
}
