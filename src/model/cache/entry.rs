//! One cache entry on disk: a header that says what it is, then the encoded outcome.
//!
//! ```text
//! magic "BRFC" | format u32 | key u128 | payload length u64 | xxh3-64 of payload | payload
//! ```
//! (little-endian). An entry is used only if every header field matches and the checksum
//! holds; the decoded outcome is then checked for what the loader relies on (citations that
//! point at one of the file's sources), so no entry can make a load panic.

use std::fs::File;
use std::io::{Read as _, Seek as _, SeekFrom};
use std::sync::Mutex;

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

/// The magic of a blob entry: a whole library or a search index, in parts (see
/// [`super::Cache::put_parts`]).
const BLOB_MAGIC: &[u8; 4] = b"BRFB";

/// How much of a blob entry is read at a time while its checksum is verified.
const CHUNK: usize = 1 << 20;

/// An entry as its header and its payload, to be written one after the other, or `None` if
/// the outcome cannot be encoded.
pub(crate) fn encode(outcome: &Outcome, key: Key) -> Option<[Vec<u8>; 2]> {
    let payload = postcard::to_stdvec(outcome).ok()?;
    Some([header(*MAGIC, &[&payload], key), payload])
}

/// A blob entry's header and frame, to be written before its parts: the frame is the number
/// of parts and each one's length, so that each can be read back alone.
pub(crate) fn blob_start(parts: &[&[u8]], key: Key) -> [Vec<u8>; 2] {
    let mut frame = Vec::with_capacity(8 * (parts.len() + 1));
    frame.extend_from_slice(&(parts.len() as u64).to_le_bytes());
    for p in parts {
        frame.extend_from_slice(&(p.len() as u64).to_le_bytes());
    }
    let mut all = vec![frame.as_slice()];
    all.extend_from_slice(parts);
    [header(*BLOB_MAGIC, &all, key), frame]
}

/// A sound blob entry, open for reading one part at a time: a whole library or index is
/// never held in memory encoded, only the part being decoded.
pub(crate) struct Parts {
    /// The open entry. Entries are replaced by renaming, never written in place, so what
    /// was verified stays what is read.
    file: Mutex<File>,
    /// Each part's offset in the file and its length.
    at: Vec<(u64, usize)>,
}

impl Parts {
    /// The entry in `file`, if its header is for `key` and its payload matches its checksum
    /// and its frame.
    pub(crate) fn open(mut file: File, key: Key) -> Option<Self> {
        let len = file.metadata().ok()?.len();
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let payload = len.checked_sub(HEADER as u64)?;
        let sum = check_header(*BLOB_MAGIC, &header, key, payload)?;
        // The whole payload is verified before any of it is decoded, a chunk at a time.
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let mut buf = vec![0u8; CHUNK];
        let mut left = payload;
        while left > 0 {
            let n = usize::try_from(left.min(CHUNK as u64)).ok()?;
            file.read_exact(&mut buf[..n]).ok()?;
            hasher.update(&buf[..n]);
            left -= n as u64;
        }
        if hasher.digest() != sum {
            return None;
        }
        file.seek(SeekFrom::Start(HEADER as u64)).ok()?;
        let mut word = [0u8; 8];
        file.read_exact(&mut word).ok()?;
        let count = u64::from_le_bytes(word);
        // Each part's length takes eight bytes of the frame.
        if count > payload / 8 {
            return None;
        }
        let mut next = HEADER as u64 + 8 * (count + 1);
        let mut at = Vec::with_capacity(usize::try_from(count).ok()?);
        for _ in 0..count {
            file.read_exact(&mut word).ok()?;
            let part = u64::from_le_bytes(word);
            at.push((next, usize::try_from(part).ok()?));
            next = next.checked_add(part)?;
        }
        (next == len).then(|| Self {
            file: Mutex::new(file),
            at,
        })
    }

    /// How many parts the entry has.
    pub(crate) fn len(&self) -> usize {
        self.at.len()
    }

    /// The length of part `i` in bytes (0 past the last).
    pub(crate) fn len_of(&self, i: usize) -> usize {
        self.at.get(i).map_or(0, |&(_, len)| len)
    }

    /// The bytes of part `i`.
    pub(crate) fn get(&self, i: usize) -> Option<Vec<u8>> {
        let &(at, len) = self.at.get(i)?;
        let mut bytes = vec![0u8; len];
        let mut file = self.file.lock().ok()?;
        file.seek(SeekFrom::Start(at)).ok()?;
        file.read_exact(&mut bytes).ok()?;
        Some(bytes)
    }

    /// Part `i` decoded as a `T`.
    pub(crate) fn decode<T: serde::de::DeserializeOwned>(&self, i: usize) -> Option<T> {
        postcard::from_bytes(&self.get(i)?).ok()
    }

    /// The `len` items put in the parts `range`, a run of items each, decoded a few parts at
    /// a time on rayon's threads and moved into place, so that only those few parts are
    /// held encoded or twice.
    pub(crate) fn decode_runs<T: serde::de::DeserializeOwned + Send>(
        &self,
        range: std::ops::Range<usize>,
        len: usize,
    ) -> Option<Vec<T>> {
        use rayon::prelude::*;
        // Every item takes at least a byte, so a tampered count cannot reserve more.
        let bytes: usize = range.clone().map(|i| self.len_of(i)).sum();
        let mut out = Vec::with_capacity(len.min(bytes));
        let wave = 2 * rayon::current_num_threads();
        let ids: Vec<usize> = range.collect();
        for some in ids.chunks(wave) {
            let decoded: Vec<Option<Vec<T>>> = some.par_iter().map(|&i| self.decode(i)).collect();
            for d in decoded {
                out.extend(d?);
            }
        }
        (out.len() == len).then_some(out)
    }
}

/// magic, format, key, payload length, payload checksum, for a payload written as `parts`
/// one after the other.
fn header(magic: [u8; 4], parts: &[&[u8]], key: Key) -> Vec<u8> {
    let mut sum = xxhash_rust::xxh3::Xxh3::new();
    for part in parts {
        sum.update(part);
    }
    let len: usize = parts.iter().map(|p| p.len()).sum();
    header_of(magic, len as u64, sum.digest(), key)
}

/// magic, format, key, payload length, payload checksum.
fn header_of(magic: [u8; 4], len: u64, sum: u64, key: Key) -> Vec<u8> {
    let mut out = Vec::with_capacity(HEADER);
    out.extend_from_slice(&magic);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(&key.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&sum.to_le_bytes());
    out
}

/// Writes a blob entry for `key` into `file` (empty, at its start) as [`blob_start`] and
/// its parts would be, making the parts one job at a time: a few jobs are encoded at once
/// on rayon's threads and written before the next are made, so only those parts are held,
/// never the whole blob. Their lengths and the checksum are filled in afterwards, the
/// checksum from the file as written. `Ok(false)` if a part could not be made.
pub(crate) fn write_blob<J: Sync, B: AsRef<[u8]> + Send>(
    file: &mut File,
    key: Key,
    jobs: &[J],
    encode: impl Fn(&J) -> Option<B> + Sync,
) -> std::io::Result<bool> {
    use rayon::prelude::*;
    use std::io::Write as _;
    let frame_len = 8 * (jobs.len() as u64 + 1);
    file.seek(SeekFrom::Start(HEADER as u64 + frame_len))?;
    let mut frame = Vec::with_capacity(8 * (jobs.len() + 1));
    frame.extend_from_slice(&(jobs.len() as u64).to_le_bytes());
    // One part per thread at a time: parts are large (a few megabytes of search text),
    // and the write is off the screen's path.
    let wave = rayon::current_num_threads();
    for some in jobs.chunks(wave) {
        let made: Vec<Option<B>> = some.par_iter().map(&encode).collect();
        for part in made {
            let Some(part) = part else {
                return Ok(false);
            };
            let part = part.as_ref();
            file.write_all(part)?;
            frame.extend_from_slice(&(part.len() as u64).to_le_bytes());
        }
    }
    finish_blob(file, key, &frame)
}

/// As [`write_blob`], with each job's part written straight into the file by `write`, one
/// after the other on the calling thread: no part is held encoded. For a writer off the
/// screen's path: encoded parts (up to a megabyte each, two at a time, each freed a moment
/// later) raised the peak that a library and its index already set by a few megabytes.
pub(crate) fn write_blob_streamed<J>(
    file: &mut File,
    key: Key,
    jobs: &[J],
    write: impl Fn(&J, &mut dyn std::io::Write) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    use std::io::Write as _;
    let frame_len = 8 * (jobs.len() as u64 + 1);
    file.seek(SeekFrom::Start(HEADER as u64 + frame_len))?;
    let mut frame = Vec::with_capacity(8 * (jobs.len() + 1));
    frame.extend_from_slice(&(jobs.len() as u64).to_le_bytes());
    let mut out = Counted {
        inner: std::io::BufWriter::with_capacity(STREAM_BUFFER, &mut *file),
        written: 0,
        failed: None,
    };
    for job in jobs {
        let before = out.written;
        if let Err(e) = write(job, &mut out) {
            // An encoder may wrap the file's error in one of its own ("buffer full" for a
            // full disk): the file's own is the one to report.
            return Err(out.failed.take().unwrap_or(e));
        }
        frame.extend_from_slice(&(out.written - before).to_le_bytes());
    }
    out.inner.flush()?;
    drop(out);
    finish_blob(file, key, &frame)
}

/// What a streamed blob writes through at once.
const STREAM_BUFFER: usize = 64 << 10;

/// A writer that counts the bytes written through it (a streamed part's length) and keeps
/// the last error of the writer under it.
struct Counted<W> {
    inner: W,
    written: u64,
    failed: Option<std::io::Error>,
}

impl<W: std::io::Write> Counted<W> {
    fn keep<T>(&mut self, result: std::io::Result<T>) -> std::io::Result<T> {
        result.inspect_err(|e| self.failed = Some(std::io::Error::new(e.kind(), e.to_string())))
    }
}

impl<W: std::io::Write> std::io::Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let written = self.inner.write(buf);
        let n = self.keep(written)?;
        self.written += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        let flushed = self.inner.flush();
        self.keep(flushed)
    }
}

/// Ends a blob whose parts are written: its frame (the part count and lengths) after the
/// header, then the header with the payload's length and checksum, read from the file as
/// written.
fn finish_blob(file: &mut File, key: Key, frame: &[u8]) -> std::io::Result<bool> {
    use std::io::Write as _;
    file.seek(SeekFrom::Start(HEADER as u64))?;
    file.write_all(frame)?;
    file.seek(SeekFrom::Start(HEADER as u64))?;
    let mut sum = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0u8; STREAM_BUFFER];
    let mut len = 0u64;
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        sum.update(&buf[..n]);
        len += n as u64;
    }
    file.seek(SeekFrom::Start(0))?;
    file.write_all(&header_of(*BLOB_MAGIC, len, sum.digest(), key))?;
    Ok(true)
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
    let sum = check_header(magic, header, key, payload.len() as u64)?;
    (xxh3_64(payload) == sum).then_some(payload)
}

/// The checksum a header gives, if it says it is `magic`'s kind for `key` with a payload of
/// `len` bytes.
fn check_header(magic: [u8; 4], header: &[u8], key: Key, len: u64) -> Option<u64> {
    let field = |at: usize, n: usize| header.get(at..at + n);
    let u64_at = |at: usize| Some(u64::from_le_bytes(field(at, 8)?.try_into().ok()?));
    let sound = field(0, 4)? == magic
        && field(4, 4)? == FORMAT.to_le_bytes()
        && field(8, 16)? == key.to_le_bytes()
        && u64_at(24)? == len;
    if sound { u64_at(32) } else { None }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A streamed part that cannot be written fails with the file's own error, not with
    /// the encoder's wrapping of it ("buffer full" for a full disk).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_streamed_write_that_fails_says_why() {
        let mut full = File::options().write(true).open("/dev/full").unwrap();
        let big = vec![7u32; 100_000];
        let err = write_blob_streamed(&mut full, 1, &[()], |(), out| {
            postcard::to_io(&big, out)
                .map(drop)
                .map_err(std::io::Error::other)
        })
        .unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::StorageFull, "{err}");
    }

    /// Streamed parts are framed as encoded ones: each reads back alone.
    #[test]
    fn streamed_parts_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("blob");
        let mut file = File::options()
            .create(true)
            .truncate(true)
            .read(true)
            .write(true)
            .open(&path)
            .unwrap();
        let long = vec![9; 70_000];
        let parts: [&[u8]; 3] = [b"first", b"", &long];
        let written = write_blob_streamed(&mut file, 5, &parts, |p, out| out.write_all(p));
        assert!(written.unwrap());
        drop(file);
        let bytes = std::fs::read(&path).unwrap();
        let mut whole = Vec::new();
        for p in parts {
            whole.extend_from_slice(p);
        }
        let [header, frame] = blob_start(&parts, 5);
        assert_eq!(&bytes[..header.len()], &header[..]);
        assert_eq!(&bytes[header.len()..header.len() + frame.len()], &frame[..]);
        assert_eq!(&bytes[header.len() + frame.len()..], &whole[..]);
    }
}
