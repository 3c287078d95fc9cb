//! Ranking, operators, qualifiers, errors and narrowing.

use super::*;

#[test]
fn bundled_ranking_puts_the_right_item_first() {
    let (lib, index) = bundled();
    assert_eq!(first_id(lib, index, "kenya"), "kenya");
    assert_eq!(first_id(lib, index, "aware"), "singoei-aware");
    assert_eq!(first_id(lib, index, "singoei"), "korir-singoei");
    assert_eq!(first_id(lib, index, "Sing'oei"), "korir-singoei");
    assert_eq!(first_id(lib, index, "oas"), "oas");
    assert_eq!(first_id(lib, index, "mss"), "mss");
    assert_eq!(
        first_id(lib, index, "kny"),
        "kenya",
        "a fuzzy name beats a fuzzy alias"
    );
    assert_eq!(
        first_id(lib, index, "funding"),
        "kenyan-officials-funding-secure"
    );
    let oas_troops = ids(lib, &search(index, "oas troops"));
    assert_eq!(
        oas_troops[..3],
        ["oas-force", "oas-force-deployment", "us-weighs-oas-force"]
    );
}

#[test]
fn qualifiers_filter_by_type_status_and_date() {
    let (lib, index) = bundled();
    let quotes = search(index, "type:quote aware");
    assert_eq!(ids(lib, &quotes)[0], "singoei-aware");
    assert!(quotes.iter().all(|h| matches!(h.item, ItemRef::Quote(_))));
    assert_eq!(
        ids(lib, &search(index, "status:scheduled")),
        ["mss-scheduled-end"]
    );
    let planned = search(index, "status:planned,scheduled");
    assert!(planned.iter().all(|h| matches!(h.item, ItemRef::Event(_))));
    // Sure dates first (21 May), then dates that only could fall in May, unknown last.
    let may = ids(lib, &search(index, "date:2025-05"));
    assert_eq!(may[..2], ["kenya-confirms-awareness", "singoei-aware"]);
    assert!(
        may.contains(&"alvin-jamaica-meeting".to_owned()),
        "before 2025-05-09 could be in May"
    );
    assert!(
        may.contains(&"kenya-reinforcements".to_owned()),
        "after 2024-06 could be May 2025"
    );
    assert!(
        may.contains(&"new-troops-arrive".to_owned()),
        "unknown dates match every date"
    );
    assert!(
        !may.contains(&"mss-approved".to_owned()),
        "October 2023 is not May 2025"
    );
    assert!(!may.contains(&"kenya".to_owned()), "actors have no date");
    // Unknown dates on their own, or left out.
    let unknown = ids(lib, &search(index, "date:unknown"));
    assert!(unknown.contains(&"new-troops-arrive".to_owned()));
    assert_eq!(unknown, ids(lib, &search(index, "dated:no")));
    assert!(
        unknown
            .iter()
            .all(|id| !may[..2].contains(id) && id != "kenya"),
        "{unknown:?}"
    );
    let dated = ids(lib, &search(index, "date:2025-05 dated:yes"));
    assert!(!dated.contains(&"new-troops-arrive".to_owned()));
    assert!(
        dated.contains(&"kenya-reinforcements".to_owned()),
        "bounded dates are dated"
    );
    assert_eq!(
        dated.len() + unknown.iter().filter(|u| may.contains(u)).count(),
        may.len()
    );
    let after = ids(lib, &search(index, "after:2025-06"));
    assert_eq!(after[0], "mss-scheduled-end");
    assert!(!after.contains(&"kenya-confirms-awareness".to_owned()));
    assert!(
        after.contains(&"us-embassy-jamaica-post".to_owned()),
        "after 2025-05-09 may be June"
    );
    let before = ids(lib, &search(index, "before:2024-06"));
    assert!(before.contains(&"mss-approved".to_owned()));
    assert!(
        before.contains(&"kenya-first-contingent".to_owned()),
        "June 2024 is inclusive"
    );
    assert!(!before.contains(&"mss-scheduled-end".to_owned()));
    let sources = ids(lib, &search(index, "type:source after:2025-05-21"));
    assert_eq!(
        sources,
        ["haiti-2025-05/article"],
        "sources filter by publication date"
    );
}

#[test]
fn month_and_day_precision_in_date_qualifiers() {
    let (lib, index) = bundled();
    let day = ids(lib, &search(index, "type:event date:2025-05-21"));
    assert!(day.contains(&"kenya-confirms-awareness".to_owned()));
    assert!(
        !day.contains(&"alvin-jamaica-meeting".to_owned()),
        "9 May is not 21 May"
    );
    assert!(
        day.contains(&"us-weighs-oas-force".to_owned()),
        "before 2025-05-21 includes it"
    );
    // A month matches any of its days, and a year any of its months; bounded dates match
    // wherever they could fall.
    let oct = ids(lib, &search(index, "type:event date:2025-10-31 !unknown"));
    assert_eq!(
        oct,
        ["mss-scheduled-end", "kenya-reinforcements"],
        "the embassy post is undated, so `!unknown` leaves it out"
    );
    let year = ids(lib, &search(index, "type:event date:2023 !unknown"));
    assert_eq!(
        year,
        [
            "mss-approved",
            "alvin-jamaica-meeting",
            "us-weighs-oas-force"
        ],
        "`before` dates could fall in 2023 too"
    );
}

#[test]
fn every_operator_does_what_the_docs_say() {
    let lib = library(&actors(&[
        "Alpha Bravo",
        "Bravo Alpha",
        "Alphabet Soup",
        "Charlie",
        "Delta Echo",
    ]));
    let index = SearchIndex::build(&lib);
    let names = |q: &str| -> Vec<String> {
        let mut v: Vec<String> = search(&index, q)
            .iter()
            .map(|h| lib.label(h.item))
            .collect();
        v.sort();
        v
    };
    assert_eq!(
        names("'alpha"),
        ["Alpha Bravo", "Alphabet Soup", "Bravo Alpha"]
    );
    assert_eq!(names("^alpha"), ["Alpha Bravo", "Alphabet Soup"]);
    assert_eq!(names("alpha$"), ["Bravo Alpha"]);
    assert_eq!(names("^charlie$"), ["Charlie"]);
    assert_eq!(names("alpha !soup"), ["Alpha Bravo", "Bravo Alpha"]);
    assert_eq!(names("charlie | echo"), ["Charlie", "Delta Echo"]);
    assert_eq!(names("\"bravo alpha\""), ["Bravo Alpha"]);
    assert_eq!(
        names("!\"alpha bravo\" alpha"),
        ["Alphabet Soup", "Bravo Alpha"]
    );
    assert_eq!(names("abs"), ["Alphabet Soup"], "fuzzy: a…b…s tightly");
    assert_eq!(
        names("'abs"),
        Vec::<String>::new(),
        "exact: no substring `abs`"
    );
    assert_eq!(names("type:actor charlie"), ["Charlie"]);
    assert_eq!(names("!type:actor"), ["Source"]);
    assert_eq!(
        names("'r:"),
        Vec::<String>::new(),
        "a quoted `word:` is text"
    );
}

#[test]
fn smart_case_and_folding() {
    let lib = library(&actors(&[
        "Sing’oei",
        "singer",
        "Chávez",
        "MSS",
        "mss group",
    ]));
    let index = SearchIndex::build(&lib);
    let names = |q: &str| -> Vec<String> {
        search(&index, q)
            .iter()
            .map(|h| lib.label(h.item))
            .collect()
    };
    assert_eq!(names("sing'oei"), ["Sing’oei"], "curly apostrophes fold");
    assert_eq!(
        names("Sing"),
        ["Sing’oei"],
        "uppercase makes the term case-sensitive"
    );
    assert_eq!(names("sing").len(), 2, "lowercase matches either case");
    assert_eq!(names("chavez"), ["Chávez"], "accents fold");
    assert_eq!(
        names("Chavez"),
        ["Chávez"],
        "accents fold in case-sensitive terms too"
    );
    assert_eq!(names("'MSS"), ["MSS"]);
    assert_eq!(names("!MSS 'mss"), ["mss group"]);
}

#[test]
fn unknown_qualifiers_and_bad_dates_are_clear_errors() {
    let err = |q: &str| Query::parse(q).unwrap_err().to_string();
    assert_eq!(
        err("foo:bar"),
        "unknown qualifier `foo:` (known: type, status, date, after, before, dated, briefing, series, tag, is); write `'foo:` to search for the text"
    );
    assert_eq!(
        err("after:2025-13"),
        "bad date in `after:2025-13`: month 13 does not exist: months run from 01 to 12"
    );
    assert!(err("date:2025-02-30").contains("has no day 30"));
    assert!(err("before:25").contains("is not a date"));
    assert_eq!(
        err("type:thing"),
        "unknown type `thing` (known: actor, event, quote, source, briefing)"
    );
    assert!(err("status:p").contains("ambiguous"));
    assert!(err("type:").contains("needs a value"));
    assert!(err("after:unknown").contains("use `date:unknown`"));
    assert!(err("dated:maybe").contains("needs yes or no"));
    assert!(matches!(Query::parse("'foo:bar"), Ok(q) if !q.is_empty()));
    assert!(Query::parse("10:30").is_ok(), "digits before `:` are text");
    assert_eq!(
        Query::parse("type:q").unwrap(),
        Query::parse("type:quote").unwrap()
    );
    assert_eq!(
        Query::parse("status:sched").unwrap(),
        Query::parse("status:scheduled").unwrap()
    );
    assert!(matches!(Query::parse("! ^ ' |"), Ok(q) if q.is_empty()));
    let _: QueryError = Query::parse("x:").unwrap_err();
}

#[test]
fn narrowing_is_only_allowed_when_sound() {
    assert!(can_narrow("", "k"));
    assert!(can_narrow("keny", "kenya"));
    assert!(can_narrow("keny", "kenyA"));
    assert!(
        can_narrow("sin", "sing"),
        "fuzzy matching is monotone in the needle"
    );
    assert!(can_narrow("ken ", "ken oas"));
    assert!(can_narrow("a | b", "a | bc"));
    assert!(can_narrow("^keny", "^kenya"));
    assert!(can_narrow("\"we are", "\"we are aw"));
    assert!(can_narrow("type:quote ", "type:quote aware"));
    assert!(
        !can_narrow("!ken", "!keny"),
        "a longer negation excludes less"
    );
    assert!(!can_narrow("ken ", "ken | oas"), "an OR adds hits");
    assert!(!can_narrow("ken |", "ken | oas"));
    assert!(!can_narrow("ken$", "ken$a"), "the anchor turns into text");
    assert!(
        !can_narrow("date", "date:2025"),
        "text turns into a qualifier"
    );
    assert!(
        !can_narrow("after:2025", "after:2025-06"),
        "qualifiers are never extended"
    );
    assert!(!can_narrow("keny", "ken"), "deleting is not narrowing");
    assert!(!can_narrow("ken", "oas"));
}

#[test]
fn narrowed_results_equal_full_results() {
    let (lib, index) = bundled();
    for text in [
        "kenyan officers",
        "sing'oei aware",
        "type:event mss",
        "oas | un force",
    ] {
        let mut prev: Option<(String, Vec<Hit>)> = None;
        let mut typed = String::new();
        for c in text.chars() {
            typed.push(c);
            let Ok(q) = Query::parse(&typed) else {
                continue;
            };
            let narrow = prev
                .as_ref()
                .filter(|(old, _)| can_narrow(old, &typed))
                .map(|(_, hits)| hits.as_slice());
            let narrowed = index.search(&q, narrow, &|| false).unwrap();
            let full = index.search(&q, None, &|| false).unwrap();
            assert_eq!(ids(lib, &narrowed), ids(lib, &full), "typing `{typed}`");
            prev = Some((typed.clone(), narrowed));
        }
    }
}

#[test]
fn cancelled_searches_return_nothing() {
    let (_, index) = bundled();
    let q = Query::parse("kenya").unwrap();
    assert!(index.search(&q, None, &|| true).is_none());
}

#[test]
fn ties_break_by_kind_then_timeline() {
    let (lib, index) = bundled();
    let hits = search(index, "type:event");
    let mut timeline: Vec<String> = lib
        .timeline
        .iter()
        .map(|&e| lib.id_of(ItemRef::Event(e)))
        .collect();
    assert_eq!(ids(lib, &hits), timeline);
    // Every item, and no briefing: those are searched when asked for.
    let all = search(index, "");
    assert_eq!(all.len(), lib.item_count());
    assert_eq!(index.len(), lib.item_count() + lib.briefings.len());
    assert!(matches!(all[0].item, ItemRef::Actor(0)));
    assert!(matches!(all.last().unwrap().item, ItemRef::Source(_)));
    timeline.clear();
}

#[test]
fn many_items_search_on_two_threads_with_the_same_result() {
    // Enough items for several units of work; the order must not depend on the threads.
    let names: Vec<String> = (0..17_000)
        .map(|i| format!("Person {i} of Kenya"))
        .collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let lib = library(&actors(&refs));
    let index = SearchIndex::build(&lib);
    let first = search(&index, "per 12");
    assert_eq!(first, search(&index, "per 12"));
    assert_eq!(lib.label(first[0].item), "Person 12 of Kenya");
    assert_eq!(search(&index, "kenya").len(), 17_000);
    // Cancelled part-way, on either thread's watch, the search returns nothing.
    let polls = std::cell::Cell::new(0);
    let q = Query::parse("kenya").unwrap();
    let cancel_on_second_poll = || {
        polls.set(polls.get() + 1);
        polls.get() > 1
    };
    assert!(index.search(&q, None, &cancel_on_second_poll).is_none());
    let progress = std::cell::Cell::new((0, 0));
    let done = index.search_with_progress(&q, None, &|| false, &|d, t| progress.set((d, t)));
    assert!(done.is_some());
    assert_eq!(progress.get().1, index.len(), "every actor and the source");
}

#[test]
fn every_syntax_example_parses_and_finds_something() {
    // Both bundled briefings: some examples are about the series and what changed.
    let (lib, _) = crate::model::load_bundled();
    let index = SearchIndex::build(&lib);
    for (example, _) in super::super::SYNTAX {
        let q = Query::parse(example).unwrap_or_else(|e| panic!("`{example}`: {e}"));
        assert!(!q.is_empty());
        let hits = index.search(&q, None, &|| false).unwrap();
        assert!(
            !hits.is_empty(),
            "`{example}` finds something in the bundled briefing"
        );
    }
}

/// A term that is an item's whole id names that item: it ranks first, above an event whose
/// title starts with the same word (where the person's name ends with it), and its second
/// line shows the actor's role rather than the id the name already shows matched.
#[test]
fn a_term_equal_to_an_id_ranks_its_item_first() {
    let toml = actors(&["María José Peñaloza"]).replace("id = \"a0\"", "id = \"penaloza\"")
        + "[[events]]\nid = \"resigns\"\ntitle = \"Peñaloza steps down\"\ndate = \"2025\"\n\
           status = \"occurred\"\nactors = [{ actor = \"penaloza\" }]\n\
           cite = [{ source = \"s\", locator = \"1\" }]\n";
    let lib = library(&toml);
    let index = SearchIndex::build(&lib);
    assert_eq!(
        ids(&lib, &search(&index, "penaloza")),
        ["penaloza", "resigns"]
    );
    assert_eq!(
        ids(&lib, &search(&index, "Peñaloza")),
        ["penaloza", "resigns"]
    );
    // Other capitals are case-sensitive, as ever: they do not name the id.
    assert!(search(&index, "PENALOZA").is_empty());
    assert!(search(&index, "peÑaloza").is_empty());
    // Part of an id is no id: the title's start ranks first, as before.
    assert_eq!(ids(&lib, &search(&index, "penal"))[0], "resigns");
    let q = Query::parse("penaloza").unwrap();
    let h = index.highlight(&lib, ItemRef::Actor(0), &q);
    assert_eq!(h.secondary.map(|(label, ..)| label), Some("role"));
}

/// `tag:` keeps the items a briefing with that tag describes, the same as naming each such
/// briefing with `briefing:`; the `#` it is shown with may be typed; a tag no briefing has
/// is named, with what was meant.
#[test]
fn a_tag_keeps_what_the_briefings_with_it_describe() {
    let (lib, _) = crate::model::load_bundled();
    let index = SearchIndex::build(&lib);
    let with = |tag: &str| -> Vec<String> {
        let mut found = Vec::new();
        for b in lib
            .briefings
            .iter()
            .filter(|b| b.tags.iter().any(|t| t.raw() == tag))
        {
            found.extend(ids(
                &lib,
                &search(&index, &format!("briefing:{} type:event", b.id.raw())),
            ));
        }
        found.sort();
        found.dedup();
        found
    };
    let tagged = |q: &str| {
        let mut found = ids(&lib, &search(&index, q));
        found.sort();
        found
    };
    // One briefing has each of these; both have `security`.
    let (gsf, peacekeeping, both) = (with("gsf"), with("peacekeeping"), with("security"));
    assert!(!gsf.is_empty() && !peacekeeping.is_empty());
    assert_ne!(gsf, peacekeeping);
    assert_eq!(tagged("tag:gsf type:event"), gsf);
    assert_eq!(tagged("tag:#peacekeeping type:event"), peacekeeping);
    assert_eq!(tagged("tag:security type:event"), both);
    assert!(both.len() > gsf.len().max(peacekeeping.len()));
    assert!(
        tagged("!tag:gsf type:event")
            .iter()
            .all(|id| !gsf.contains(id))
    );
    let q = Query::parse("tag:secur kenya").unwrap();
    assert_eq!(
        index.unknown_name(&q).as_deref(),
        Some("no tag `secur` in these briefings; did you mean `security`?")
    );
    assert_eq!(index.unknown_name(&Query::parse("tag:#gsf").unwrap()), None);
}

/// Briefings are searched when the query names them (`type:briefing`) or its caller asks
/// (a pane's filter), by title, summary, key points, tags and id; otherwise a search
/// finds items alone, as its "N of M" counts them.
#[test]
fn briefings_are_searched_when_asked_for() {
    let (lib, _) = crate::model::load_bundled();
    let index = SearchIndex::build(&lib);
    let kinds = |hits: &[Hit]| {
        hits.iter()
            .filter(|h| matches!(h.item, ItemRef::Briefing(_)))
            .count()
    };
    assert_eq!(kinds(&search(&index, "council")), 0);
    assert_eq!(index.in_view(), lib.item_count());
    let q = Query::parse("council").unwrap().with_briefings();
    let with = index.search(&q, None, &|| false).unwrap();
    assert_eq!(kinds(&with), 2, "both summaries name the Council");
    assert_eq!(with.len(), search(&index, "council").len() + 2);
    // The title, a key point, a tag and the id are searched.
    for (q, id) in [
        ("type:briefing gang suppression", "haiti-2025-10"),
        ("type:briefing 'disbursements", "haiti-2025-05"),
        ("type:briefing ^caribbean$", "haiti-2025-05"),
        ("type:b haiti-2025-10", "haiti-2025-10"),
    ] {
        assert_eq!(ids(&lib, &search(&index, q)), [id], "{q}");
    }
    // Asking for briefings is not narrowing what was found without them.
    assert!(!can_narrow("council", "council type:briefing"));
    assert!(can_narrow(
        "council type:briefing",
        "council type:briefing gang"
    ));
}
