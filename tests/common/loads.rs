//! Loads to compare: a cold one, and the check that another load gave the same.

use std::path::Path;

use briefing::model::{Library, LoadOptions, Report, load_paths};

/// A load without any cache.
pub fn cold(root: &Path) -> (Library, Report) {
    load_paths(&[root.to_path_buf()], LoadOptions::default()).unwrap()
}

/// The library, the report and the rendered diagnostics are a cold load's.
pub fn assert_same(got: &(Library, Report), want: &(Library, Report)) {
    assert!(got.0 == want.0, "the library differs from a cold load's");
    assert_eq!(got.1, want.1, "the report differs from a cold load's");
    assert_eq!(got.1.render_all(false), want.1.render_all(false));
    assert_eq!(got.1.to_json(), want.1.to_json());
}
