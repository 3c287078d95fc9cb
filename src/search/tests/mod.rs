//! Tests on the bundled briefing, on small libraries written for one test, and on
//! generated queries and texts.

mod highlight;
mod ranking;

use std::fmt::Write as _;
use std::path::PathBuf;

use proptest::prelude::*;

use super::highlight::positions;
use super::matching::Fuzzy;
use super::query::TextTerm;
use super::{Hit, Query, QueryError, SearchIndex, can_narrow};
use crate::model::{ItemRef, Library, LoadOptions, load_sources};

/// The bundled May 2025 briefing alone and its index, built once for all tests: the
/// ranking and date expectations below are pinned to its content.
pub(super) fn bundled() -> &'static (Library, SearchIndex) {
    static BUNDLED: std::sync::OnceLock<(Library, SearchIndex)> = std::sync::OnceLock::new();
    BUNDLED.get_or_init(|| {
        let (path, text) = crate::model::BUNDLED[0];
        assert!(path.ends_with("haiti-2025-05.toml"));
        let input = vec![(PathBuf::from(path), Ok(text.as_bytes().to_vec()))];
        let (lib, report) = load_sources(input, LoadOptions::default());
        assert_eq!(report.error_count(), 0);
        let index = SearchIndex::build(&lib);
        (lib, index)
    })
}

pub(super) fn search(index: &SearchIndex, q: &str) -> Vec<Hit> {
    let q = Query::parse(q).unwrap_or_else(|e| panic!("`{q}` parses: {e}"));
    index.search(&q, None, &|| false).expect("not cancelled")
}

/// The ids of the hits, in order.
pub(super) fn ids(lib: &Library, hits: &[Hit]) -> Vec<String> {
    hits.iter().map(|h| lib.id_of(h.item)).collect()
}

pub(super) fn first_id(lib: &Library, index: &SearchIndex, q: &str) -> String {
    let hits = search(index, q);
    assert!(!hits.is_empty(), "`{q}` finds something");
    lib.id_of(hits[0].item)
}

/// A library from one briefing file's text.
pub(super) fn library(toml: &str) -> Library {
    let input = vec![(PathBuf::from("t.toml"), Ok(toml.as_bytes().to_vec()))];
    let (lib, report) = load_sources(input, LoadOptions::default());
    assert_eq!(report.error_count(), 0, "{:?}", report.diagnostics);
    lib
}

/// A briefing with one actor per name given, and nothing else.
pub(super) fn actors(names: &[&str]) -> String {
    let mut t = String::from(
        "[briefing]\nid = \"t\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\n\
         [[sources]]\nid = \"s\"\ntitle = \"Source\"\nkind = \"report\"\n",
    );
    for (i, name) in names.iter().enumerate() {
        let _ = write!(
            t,
            "[[actors]]\nid = \"a{i}\"\nname = \"{name}\"\nkind = \"person\"\nrole = \"r\"\n\
             cite = [{{ source = \"s\", locator = \"1\" }}]\n"
        );
    }
    t
}
