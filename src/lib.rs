//! `briefing`: a terminal browser for situation briefings.
//!
//! Layers, each using only those below it:
//! - [`model`]: TOML files become a validated, cross-referenced [`model::Library`];
//! - [`search`]: a library and a query become ranked hits with match positions;
//! - [`tui`]: the interactive screen;
//! - [`cli`]: argument parsing and the non-interactive commands;
//! - `synth` (only with the `synth` feature): a deterministic generator of synthetic
//!   libraries, for tests, benchmarks and examples.

#![warn(missing_docs)]

// TODO(#11): document model's and cli's public items; another branch is reshaping them
// now, so their docs are left to it.
#[allow(missing_docs)]
pub mod cli;
#[allow(missing_docs)]
pub mod model;
pub mod search;
#[cfg(feature = "synth")]
pub mod synth;
pub mod tui;
