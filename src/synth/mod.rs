//! Synthetic briefing libraries of any size, for tests and benchmarks.
//!
//! [`generate`] turns a count and a seed into format-v1 TOML files that load with no errors
//! and no warnings. Each briefing holds about 100 searchable items (2–3 sources, ~25 actors,
//! ~35 events, ~35 quotes) plus ~15 relations, with every date precision and status, direct
//! and reported quotes of 40–300 characters, and about a third of the text non-ASCII
//! (accented names, curly quotes, em dashes, some CJK).
//!
//! `synth/b00000.toml` also defines a pool of ~200 shared actors (states, organisations,
//! missions, groups) that the other briefings refer to by id, as a real folder of briefings
//! shares actors. Popular ones (the first of each list) are picked more often.
//!
//! Output is a pure function of the seed: the same seed gives byte-identical files, and
//! briefing `k` does not depend on how many briefings are asked for, so a small library is
//! a prefix of a larger one. Everything is invented from word lists by a small PRNG; no
//! title, name or quote describes a real event.
//!
//! The generator is test and benchmark code: it is compiled only with the `synth` cargo
//! feature, which the tests, benchmarks and examples turn on and the shipped binary does
//! not. Its modules: [`rng`] (the seeded PRNG), `text` (TOML escaping, ids and ASCII
//! folding), `words` (the word lists), `briefing` (one briefing: dates, names, sentences) and
//! `sections` (one briefing's TOML sections).

mod briefing;
pub mod cases;
mod rng;
mod sections;
mod series;
mod text;
mod words;

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::iter::{IntoParallelIterator as _, ParallelIterator as _};

use crate::model::{self, Library, LoadOptions, Report};
use text::{lines, slug};
use words::{
    COUNTRIES, EAST_ASIAN, FAMILY, GIVEN, GROUPS, MISSIONS, ORGANISATIONS, PLACES, PORTFOLIOS,
    PUBLISHERS, TOPICS,
};

/// About how many searchable items (actors, events, quotes and sources) one generated
/// briefing holds, for sizing a library by items.
pub const ITEMS_PER_BRIEFING: usize = 97;

/// Generates `briefings` files as (relative path, TOML text), in load order.
#[must_use]
pub fn generate(briefings: usize, seed: u64) -> Vec<(PathBuf, String)> {
    build_all(briefings, seed, |b, text| (relative_path(b), text))
}

/// Generates `briefings` files in `series` series (see [`series`]): the same ids described
/// again over time, with status changes, sharper dates, role changes, relations no longer
/// stated, items left out, quotes repeated verbatim and a few new items per step.
///
/// # Panics
/// If `series` is 0.
#[must_use]
pub fn generate_series(briefings: usize, series: usize, seed: u64) -> Vec<(PathBuf, String)> {
    assert!(series > 0, "at least one series");
    let words = Words::new();
    (0..briefings)
        .into_par_iter()
        .map(|b| (relative_path(b), words.series_briefing(b, series, seed)))
        .collect()
}

/// Writes a generated library of series under `dir`, like [`write`].
///
/// # Errors
/// The first I/O error met while creating the folder or writing a file.
pub fn write_series(dir: &Path, briefings: usize, series: usize, seed: u64) -> io::Result<u64> {
    fs::create_dir_all(dir.join("synth"))?;
    let words = Words::new();
    (0..briefings)
        .into_par_iter()
        .map(|b| {
            let text = words.series_briefing(b, series, seed);
            fs::write(dir.join(relative_path(b)), &text).map(|()| text.len() as u64)
        })
        .collect::<Vec<_>>()
        .into_iter()
        .sum()
}

/// Writes a generated library under `dir` (as `dir/synth/bNNNNN.toml`) and returns the total
/// number of bytes written. Each file is written as soon as it is made, so memory stays flat.
///
/// # Errors
///
/// The first I/O error met while creating the folder or writing a file.
pub fn write(dir: &Path, briefings: usize, seed: u64) -> io::Result<u64> {
    fs::create_dir_all(dir.join("synth"))?;
    build_all(briefings, seed, |b, text| {
        fs::write(dir.join(relative_path(b)), &text).map(|()| text.len() as u64)
    })
    .into_iter()
    .sum()
}

/// Makes every briefing and hands it to `each`, on rayon's threads. Each briefing is a pure
/// function of its index and the seed, and the results keep the index order, so the result
/// does not depend on the thread count.
fn build_all<R: Send>(
    briefings: usize,
    seed: u64,
    each: impl Fn(usize, String) -> R + Sync,
) -> Vec<R> {
    let words = Words::new();
    (0..briefings)
        .into_par_iter()
        .map(|b| each(b, words.briefing(b, seed)))
        .collect()
}

/// Generates a library in memory and loads it with [`model::load_sources`].
#[must_use]
pub fn load(briefings: usize, seed: u64) -> (Library, Report) {
    let inputs = generate(briefings, seed)
        .into_iter()
        .map(|(path, text)| (path, Ok(text.into_bytes())))
        .collect();
    model::load_sources(inputs, LoadOptions::default())
}

/// The ids of the shared actors that `synth/b00000.toml` defines and the others refer to.
#[must_use]
pub fn shared_actor_ids() -> Vec<String> {
    Words::new().shared.into_iter().map(|s| s.id).collect()
}

/// Zero-padded so that sorted order (the order the loader reads a folder in) is numeric
/// order up to 100,000 briefings.
fn relative_path(b: usize) -> PathBuf {
    PathBuf::from(format!("synth/b{b:05}.toml"))
}

/// One actor of the shared pool.
struct Shared {
    id: String,
    name: &'static str,
    short: &'static str,
    aliases: Vec<&'static str>,
    kind: &'static str,
    affiliation: &'static str,
}

/// The word lists, split into slices once per call of the public functions.
struct Words {
    shared: Vec<Shared>,
    countries: Range<usize>,
    orgs: Range<usize>,
    missions: Range<usize>,
    groups: Range<usize>,
    given: Vec<&'static str>,
    family: Vec<&'static str>,
    /// (name, romanisation)
    east_asian: Vec<(&'static str, &'static str)>,
    places: Vec<&'static str>,
    topics: Vec<&'static str>,
    portfolios: Vec<&'static str>,
    publishers: Vec<&'static str>,
}

impl Words {
    fn new() -> Self {
        let mut shared = Vec::new();
        let mut add = |list: &'static str, kind: &'static str, id_from_short: bool| {
            let start = shared.len();
            for line in lines(list) {
                let mut f = line.split('|');
                let name = f.next().unwrap_or_default();
                let short = f.next().unwrap_or_default();
                let aliases = f.next().unwrap_or_default();
                let affiliation = f.next().unwrap_or_default();
                let id = if id_from_short && !short.is_empty() {
                    slug(short)
                } else {
                    slug(name)
                };
                shared.push(Shared {
                    id,
                    name,
                    short,
                    aliases: aliases.split(',').filter(|a| !a.is_empty()).collect(),
                    kind,
                    affiliation,
                });
            }
            start..shared.len()
        };
        let countries = add(COUNTRIES, "country", false);
        let orgs = add(ORGANISATIONS, "organization", true);
        let missions = add(MISSIONS, "mission", true);
        let groups = add(GROUPS, "group", true);
        Self {
            shared,
            countries,
            orgs,
            missions,
            groups,
            given: GIVEN.split_whitespace().collect(),
            family: FAMILY.split_whitespace().collect(),
            east_asian: lines(EAST_ASIAN)
                .into_iter()
                .map(|l| l.split_once('|').unwrap_or((l, l)))
                .collect(),
            places: lines(PLACES),
            topics: lines(TOPICS),
            portfolios: lines(PORTFOLIOS),
            publishers: lines(PUBLISHERS),
        }
    }

    fn briefing(&self, b: usize, seed: u64) -> String {
        let mut g = briefing::Gen::new(self, b, seed);
        g.write_all();
        g.out
    }

    /// Briefing `b` of a library in `series` series: the first of its series as generated,
    /// the later ones restated from it.
    fn series_briefing(&self, b: usize, series: usize, seed: u64) -> String {
        let (s, step) = series::place(b, series);
        let first = series::name_series(&self.briefing(s, seed), s, series);
        if step == 0 {
            first
        } else {
            series::restate(&first, b, series, step, seed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_ids_are_unique() {
        let ids = shared_actor_ids();
        let unique: std::collections::HashSet<_> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
    }

    /// Quotes in other languages are used whole, so each must reach the 40-character floor
    /// without its placeholders.
    #[test]
    fn foreign_quotes_are_long_enough() {
        for t in words::FOREIGN {
            let bare = t.replace("{p}", "").replace("{a}", "");
            assert!(bare.chars().count() >= 40, "{t}");
        }
    }
}
