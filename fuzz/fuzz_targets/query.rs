//! Any string → a query or a clear error, never a panic; a parsed query searches the bundled
//! briefing and highlights without panicking, with positions inside the text.
#![no_main]

use std::sync::OnceLock;

use briefing::model::{Library, load_bundled};
use briefing::search::{Query, SearchIndex};
use libfuzzer_sys::fuzz_target;

fn bundled() -> &'static (Library, SearchIndex) {
    static LIB: OnceLock<(Library, SearchIndex)> = OnceLock::new();
    LIB.get_or_init(|| {
        let (lib, _) = load_bundled();
        let index = SearchIndex::build(&lib);
        (lib, index)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(query) = Query::parse(text) else { return };
    let (lib, index) = bundled();
    let hits = index.search(&query, None, &|| false).expect("not cancelled");
    for hit in hits.iter().take(5) {
        let h = index.highlight(lib, hit.item, &query);
        let n = h.primary.chars().count();
        assert!(h.primary_pos.iter().all(|&p| p < n));
        assert!(h.primary_pos.windows(2).all(|w| w[0] < w[1]));
    }
});
