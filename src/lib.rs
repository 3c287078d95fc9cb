//! `briefing`: a terminal browser for situation briefings.
//!
//! Layers, each using only those below it:
//! - [`model`]: TOML files become a validated, cross-referenced [`model::Library`];
//! - [`search`]: a library and a query become ranked hits with match positions;
//! - [`state`]: reading state (read marks, bookmarks, the last position) on disk;
//! - [`tui`]: the interactive screen;
//! - [`config`]: the user's config file, read into keys, a theme and defaults;
//! - [`cli`]: argument parsing and the non-interactive commands;
//! - `synth` (only with the `synth` feature): a deterministic generator of synthetic
//!   libraries, for tests, benchmarks and examples.

#![warn(missing_docs)]

// TODO(#11): document model's and cli's public items; another branch is reshaping them
// now, so their docs are left to it.
#[allow(missing_docs)]
pub mod cli;
pub mod config;
#[allow(missing_docs)]
pub mod model;
pub mod search;
pub mod state;
#[cfg(feature = "synth")]
pub mod synth;
pub mod tui;
