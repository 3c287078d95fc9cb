//! Match positions, on non-ASCII text too, and properties over generated input.

use super::*;

#[test]
fn highlight_marks_the_matched_chars() {
    let (lib, index) = bundled();
    let kenya = lib.find("korir-singoei").unwrap();
    let h = index.highlight(lib, kenya, &Query::parse("singoei").unwrap());
    assert_eq!(h.primary, "Korir Sing’oei");
    // S i n g ’ o e i: every letter but the curly apostrophe (char 10).
    assert_eq!(h.primary_pos, [6, 7, 8, 9, 11, 12, 13]);
    let (label, text, pos) = h.secondary.unwrap();
    assert_eq!(
        (label, text.as_str(), pos.as_slice()),
        ("alias", "Singoei", &[0, 1, 2, 3, 4, 5, 6][..])
    );
    let h = index.highlight(lib, kenya, &Query::parse("sing'oei").unwrap());
    assert_eq!(
        h.primary_pos,
        [6, 7, 8, 9, 10, 11, 12, 13],
        "the apostrophe matches too"
    );
    let quote = lib.find("singoei-aware").unwrap();
    let h = index.highlight(lib, quote, &Query::parse("aware").unwrap());
    assert_eq!(h.primary_pos, [12, 13, 14, 15, 16]);
    let role = index.highlight(
        lib,
        lib.find("kenya").unwrap(),
        &Query::parse("zzz").unwrap(),
    );
    assert_eq!(
        role.secondary.map(|s| s.0),
        Some("role"),
        "unmatched rows still get context"
    );
}

#[test]
fn highlight_on_cjk_and_combining_marks() {
    // Decomposed "Dvořák" is NFC-composed at load: positions index the composed text.
    let lib = library(&actors(&[
        "東京の会議 Tokyo",
        "Dvor\u{30C}a\u{301}k q\u{307}uark",
    ]));
    let index = SearchIndex::build(&lib);
    let h = index.highlight(&lib, ItemRef::Actor(0), &Query::parse("会議").unwrap());
    assert_eq!(h.primary_pos, [3, 4]);
    let h = index.highlight(&lib, ItemRef::Actor(1), &Query::parse("dvorak").unwrap());
    assert_eq!(h.primary, "Dvořák q\u{307}uark");
    assert_eq!(h.primary_pos, [0, 1, 2, 3, 4, 5]);
    let h = index.highlight(&lib, ItemRef::Actor(1), &Query::parse("'uark").unwrap());
    assert_eq!(
        h.primary_pos,
        [9, 10, 11, 12],
        "after q and its combining dot"
    );
}

/// Characters that terminals and the layout measure otherwise are searched as their
/// stand-ins: the words around them are found, at their places in the display-safe text.
#[test]
fn text_around_a_stand_in_for_a_width_is_found() {
    let lib = library(&actors(&[
        "Bagua \u{2630} Qian",
        "rods \u{1D360}\u{1D361} abacus",
    ]));
    let index = SearchIndex::build(&lib);
    let h = index.highlight(&lib, ItemRef::Actor(0), &Query::parse("'qian").unwrap());
    assert_eq!(h.primary, "Bagua ⟨U+2630⟩ Qian");
    assert_eq!(h.primary_pos, [15, 16, 17, 18]);
    assert_eq!(ids(&lib, &search(&index, "bagua qian")), ["a0"]);
    assert_eq!(ids(&lib, &search(&index, "'rods 'abacus")), ["a1"]);
    let h = index.highlight(&lib, ItemRef::Actor(1), &Query::parse("'abacus").unwrap());
    assert_eq!(h.primary_pos, [24, 25, 26, 27, 28, 29]);
}

/// A name typed with a character shown by number (Bengali's vowel sign aa, U+09BE) finds
/// the item: the query is read in the display-safe form the text is searched in.
#[test]
fn a_name_typed_with_a_character_shown_by_number_is_found() {
    let lib = library(&actors(&["মুহাম্মদ রফিকুল ইসলাম", "রফিকুল আহমেদ"]));
    let index = SearchIndex::build(&lib);
    assert_eq!(ids(&lib, &search(&index, "ইসলাম")), ["a0"]);
    assert_eq!(ids(&lib, &search(&index, "'মুহাম্মদ")), ["a0"]);
    let h = index.highlight(&lib, ItemRef::Actor(0), &Query::parse("'ইসলাম").unwrap());
    assert_eq!(h.primary, "মুহ⟨U+09BE⟩ম্মদ রফিকুল ইসল⟨U+09BE⟩ম");
    assert_eq!(h.primary_pos.len(), "ইসল⟨U+09BE⟩ম".chars().count());
    // The `U` of a stand-in makes no term case-sensitive.
    let lib = library(&actors(&["Kাb"]));
    let index = SearchIndex::build(&lib);
    assert_eq!(ids(&lib, &search(&index, "'kাb")), ["a0"]);
    // A qualifier's value names a series as written.
    let lib = library(&actors(&["Someone"]).replacen(
        "as_of = \"2025\"\n",
        "as_of = \"2025\"\nseries = \"ঢাকা\"\n",
        1,
    ));
    let index = SearchIndex::build(&lib);
    assert_eq!(ids(&lib, &search(&index, "series:ঢাকা someone")), ["a0"]);
}

/// Japanese typed in its usual forms finds halfwidth katakana (unvoiced: see
/// `fold::case_key`), and Latin letters typed plainly find fullwidth ones.
#[test]
fn usual_forms_find_halfwidth_and_fullwidth_ones() {
    let lib = library(&actors(&["ｷｭｳｼｭｳ 九州", "ＩＭＦ 東京事務所", "キュウ"]));
    let index = SearchIndex::build(&lib);
    assert_eq!(ids(&lib, &search(&index, "キュウシュウ")), ["a0"]);
    assert_eq!(ids(&lib, &search(&index, "imf")), ["a1"]);
    let h = index.highlight(
        &lib,
        ItemRef::Actor(0),
        &Query::parse("キュウシュウ").unwrap(),
    );
    assert_eq!(h.primary_pos, [0, 1, 2, 3, 4, 5]);
}

fn terms(q: &Query) -> Vec<&TextTerm> {
    q.text_terms().collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Any text parses the same way every time, and then narrows itself; or it fails with
    /// a one-line message, and nothing narrows from it.
    #[test]
    fn any_query_parses_or_fails_with_a_one_line_message(s in "\\PC{0,40}") {
        match Query::parse(&s) {
            Ok(q) => {
                prop_assert_eq!(Query::parse(&s), Ok(q));
                prop_assert!(can_narrow(&s, &s), "{:?} does not narrow itself", s);
            }
            Err(e) => {
                let message = e.to_string();
                prop_assert!(!message.is_empty() && !message.contains('\n'), "{:?}", message);
                let longer = format!("{s}x");
                prop_assert!(!can_narrow(&s, &longer));
            }
        }
    }

    #[test]
    fn query_like_strings_parse_or_error(s in "[!^'\"|$:a-z0-9 \\-]{0,30}") {
        if let Ok(q) = Query::parse(&s) {
            let (lib, index) = bundled();
            let hits = index.search(&q, None, &|| false).unwrap();
            for h in hits.iter().take(5) {
                let hl = index.highlight(lib, h.item, &q);
                prop_assert!(hl.primary_pos.iter().all(|&p| p < hl.primary.chars().count()));
            }
        }
    }

    #[test]
    fn narrowing_while_typing_never_changes_the_result(text in "[a-z' !^|\"]{1,14}") {
        let (lib, index) = bundled();
        let mut prev: Option<(String, Vec<Hit>)> = None;
        let mut typed = String::new();
        for c in text.chars() {
            typed.push(c);
            let Ok(q) = Query::parse(&typed) else { continue };
            let narrow = prev
                .as_ref()
                .filter(|(old, _)| can_narrow(old, &typed))
                .map(|(_, hits)| hits.as_slice());
            let narrowed = index.search(&q, narrow, &|| false).unwrap();
            let full = index.search(&q, None, &|| false).unwrap();
            prop_assert_eq!(ids(lib, &narrowed), ids(lib, &full), "typing {:?}", typed);
            prev = Some((typed.clone(), narrowed));
        }
    }

    #[test]
    fn positions_are_in_range_and_increasing(
        text in "\\PC{0,60}",
        query in "[a-zA-Zé’東 ]{1,12}",
    ) {
        if let Ok(q) = Query::parse(&query) {
            let (pos, _) = positions(&text, &terms(&q), &Fuzzy::for_positions());
            let len = text.chars().count();
            prop_assert!(pos.iter().all(|&p| p < len));
            prop_assert!(pos.windows(2).all(|w| w[0] < w[1]));
        }
    }
}
