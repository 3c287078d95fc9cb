//! Bytes → diagnostics or a library. Nothing may panic, and everything rendered must be
//! display-safe.
#![no_main]

use std::path::PathBuf;

use briefing::model::{LoadOptions, load_sources};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let opts = LoadOptions { threads: 1, ..LoadOptions::default() };
    let (lib, report) = load_sources(vec![(PathBuf::from("fuzz.toml"), Ok(data.to_vec()))], opts);
    let rendered = report.render_all(false);
    assert!(!rendered.contains('\u{1b}'), "an escape reached the diagnostics");
    let _ = report.to_json();
    for a in &lib.actors {
        assert!(!a.name.safe().contains('\u{1b}'));
    }
});
