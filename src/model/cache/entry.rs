//! One cache entry on disk: a header that says what it is, then the encoded outcome.
//!
//! ```text
//! magic "BRFC" | format u32 | key u128 | payload length u64 | xxh3-64 of payload | payload
//! ```
//! (little-endian). An entry is used only if every header field matches and the checksum
//! holds; the decoded outcome is then checked for what the loader relies on (citations that
//! point at one of the file's sources), so no entry can make a load panic.

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::{FORMAT, Key};
use crate::model::check::Checked;
use crate::model::diag::{Diagnostic, Work};

const MAGIC: &[u8; 4] = b"BRFC";
const HEADER: usize = 4 + 4 + 16 + 8 + 8;

/// What checking one file on its own gave.
#[derive(Serialize, Deserialize)]
pub(crate) enum Outcome {
    /// It loads on its own: its drafts, warnings and cost.
    Checked(Box<Checked>),
    /// It fails on its own: its diagnostics and what finding them cost.
    Failed(Vec<Diagnostic>, Work),
}

/// The magic of a blob entry: a whole library or a search index (see [`super::Cache::put_blob`]).
const BLOB_MAGIC: &[u8; 4] = b"BRFB";

/// An entry as its header and its payload, to be written one after the other, or `None` if
/// the outcome cannot be encoded.
pub(crate) fn encode(outcome: &Outcome, key: Key) -> Option<[Vec<u8>; 2]> {
    let payload = postcard::to_stdvec(outcome).ok()?;
    Some([header(*MAGIC, &[&payload], key), payload])
}

/// The header of a blob entry whose payload is `parts`, one after the other.
pub(crate) fn blob_header(parts: &[&[u8]], key: Key) -> Vec<u8> {
    header(*BLOB_MAGIC, parts, key)
}

/// The payload of a blob entry, if it is a sound entry for `key`.
pub(crate) fn blob_payload(bytes: &[u8], key: Key) -> Option<&[u8]> {
    payload(*BLOB_MAGIC, bytes, key)
}

/// magic, format, key, payload length, payload checksum, for a payload written as `parts`
/// one after the other.
fn header(magic: [u8; 4], parts: &[&[u8]], key: Key) -> Vec<u8> {
    let mut sum = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        sum.update(part);
    }
    let len: usize = parts.iter().map(|p| p.len()).sum();
    let mut out = Vec::with_capacity(HEADER);
    out.extend_from_slice(&magic);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&(len as u64).to_le_bytes());
    out.extend_from_slice(&sum.digest().to_le_bytes());
    out
}

/// The outcome an entry holds, if it is a sound entry for `key`.
pub(crate) fn decode(bytes: &[u8], key: Key) -> Option<Outcome> {
    let outcome: Outcome = postcard::from_bytes(payload(*MAGIC, bytes, key)?).ok()?;
    valid(&outcome).then_some(outcome)
}

/// The payload of an entry whose header says it is `magic`'s kind for `key`, with the
/// length and checksum it gives.
fn payload(magic: [u8; 4], bytes: &[u8], key: Key) -> Option<&[u8]> {
    let (header, payload) = bytes.split_at_checked(HEADER)?;
    let field = |at: usize, len: usize| &header[at..at + len];
    let u64_at = |at: usize| u64::from_le_bytes(field(at, 8).try_into().unwrap_or_default());
    let sound = field(0, 4) == magic
        && field(4, 4) == FORMAT.to_le_bytes()
        && field(8, 16) == key.to_le_bytes()
        && u64_at(24) == payload.len() as u64
        && u64_at(32) == xxh3_64(payload);
    sound.then_some(payload)
}

/// What the loader relies on: every citation names one of the file's sources.
fn valid(outcome: &Outcome) -> bool {
    let Outcome::Checked(c) = outcome else {
        return true;
    };
    let n = c.sources.len();
    let ok = |cites: &[crate::model::check::LocalCite]| cites.iter().all(|x| x.source < n);
    c.actors.iter().all(|a| ok(&a.cite))
        && c.relations.iter().all(|r| ok(&r.cite))
        && c.events.iter().all(|e| ok(&e.cite))
        && c.quotes.iter().all(|q| ok(&q.cite))
}

#[cfg(all(test, feature = "synth"))]
mod codecs {
    //! Measures the cache's encoder against parsing on generated briefings:
    //! `cargo test --release --lib codecs -- --ignored --nocapture`. postcard was chosen
    //! over bitcode this way (see the commit that added the cache for the figures).
    use std::time::Instant;

    use super::*;

    #[test]
    #[ignore = "a measurement, not a test"]
    fn compare_encoders() {
        let files = crate::synth::generate(200, 42);
        let toml: usize = files.iter().map(|(_, t)| t.len()).sum();
        let started = Instant::now();
        let checked: Vec<Checked> = files
            .iter()
            .map(|(_, t)| crate::model::check::check_file(t).expect("valid"))
            .collect();
        let parse = started.elapsed();
        eprintln!(
            "{}, {toml} bytes of TOML, parse+check {parse:.2?}",
            crate::model::progress::files(files.len())
        );
        let run = |name: &str,
                   enc: &dyn Fn(&Checked) -> Vec<u8>,
                   dec: &dyn Fn(&[u8]) -> Checked| {
            let started = Instant::now();
            let blobs: Vec<Vec<u8>> = checked.iter().map(enc).collect();
            let encode = started.elapsed();
            let size: usize = blobs.iter().map(Vec::len).sum();
            let started = Instant::now();
            for b in &blobs {
                std::hint::black_box(dec(b));
            }
            let decode = started.elapsed();
            eprintln!(
                "{name:>9}: {size} bytes ({:.2}x the TOML), encode {encode:.2?}, decode {decode:.2?} ({:.1}x faster than parsing)",
                size as f64 / toml as f64,
                parse.as_secs_f64() / decode.as_secs_f64()
            );
        };
        run("postcard", &|c| postcard::to_stdvec(c).unwrap(), &|b| {
            postcard::from_bytes(b).unwrap()
        });
    }
}
