//! Prints every searchable item of a library as one line: the texts `briefing search`
//! matches, in the form `fzf --filter` reads, for side-by-side benchmarks.
//!
//! `cargo run --release --example search_lines -- DIR > lines.txt`

use std::io::{BufWriter, Write as _};

use briefing::model::{ItemRef, LoadOptions, load_paths};

fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).expect("usage: search_lines DIR");
    let (lib, _) =
        load_paths(&[dir.into()], LoadOptions::default()).map_err(std::io::Error::other)?;
    let items = (0..lib.actors.len())
        .map(ItemRef::Actor)
        .chain((0..lib.events.len()).map(ItemRef::Event))
        .chain((0..lib.quotes.len()).map(ItemRef::Quote))
        .chain((0..lib.sources.len()).map(ItemRef::Source));
    let mut out = BufWriter::new(std::io::stdout().lock());
    for item in items {
        let fields: Vec<String> = briefing::search::fields(&lib, item)
            .into_iter()
            .map(|(_, text)| text.replace('\n', " "))
            .collect();
        writeln!(out, "{}", fields.join(" · "))?;
    }
    out.flush()
}
