//! Small hostile briefings built in code: a header with one source, actors with extra keys,
//! and a load of one file's text.

use std::path::PathBuf;

use briefing::model::{Library, LoadOptions, Report, load_sources};

/// A briefing `b` with one source `s`, before any item.
pub const HEAD: &str = "[briefing]\nid = \"b\"\ntitle = \"T\"\nas_of = \"2025\"\nsummary = \"S\"\n\n[[sources]]\nid = \"s\"\ntitle = \"S\"\nkind = \"report\"\n";

/// An actor `id` named "Evil {id}" citing `s`, with `extra` lines before its citation.
pub fn actor(id: &str, extra: &str) -> String {
    format!(
        "\n[[actors]]\nid = \"{id}\"\nname = \"Evil {id}\"\nkind = \"person\"\nrole = \"r\"\n{extra}cite = [{{ source = \"s\", locator = \"1\" }}]\n"
    )
}

/// Loads `text` as the only file of a library, on one thread.
pub fn load_text(text: &str) -> (Library, Report) {
    load_sources(
        vec![(PathBuf::from("x.toml"), Ok(text.as_bytes().to_vec()))],
        LoadOptions {
            threads: 1,
            ..LoadOptions::default()
        },
    )
}
