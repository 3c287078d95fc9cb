//! One file on its own: decoded, parsed and checked, or its checked result taken from the
//! warm-start cache. What needs the other files (linking) is `load`'s business.

use std::path::Path;
use std::sync::Arc;

use super::cache::{Cache, Outcome};
use super::check::{self, Checked};
use super::diag::{Diagnostic, SourceFile, Work};
use super::passage::TextRead;

/// One file after parsing and checking on its own.
pub(crate) struct ParsedFile {
    pub file: SourceFile,
    pub outcome: Parsed,
    pub work: Work,
    /// When the text was let go: the xxh3-64 of the file's bytes, to read it again.
    pub reread: Option<u64>,
    /// The sources' text files it read.
    pub texts: Vec<TextRead>,
}

pub(crate) enum Parsed {
    Ok(Box<check::Checked>),
    Failed(Vec<Diagnostic>),
}

impl ParsedFile {
    /// True when the file fails on its own, before any other file is considered.
    pub fn failed(&self) -> bool {
        match &self.outcome {
            Parsed::Failed(_) => true,
            Parsed::Ok(c) => c.broken,
        }
    }

    /// Keeps where a file broken on its own would place its briefing: it gives none, and
    /// live reload may report it without linking it (its last good version stands in).
    fn place(&mut self) {
        if let Parsed::Ok(c) = &self.outcome
            && c.broken
        {
            self.file.placement = c.meta.placement();
        }
    }

    /// The outcome, as the cache keeps it.
    fn take_outcome(&mut self) -> Outcome {
        match std::mem::replace(&mut self.outcome, Parsed::Failed(Vec::new())) {
            Parsed::Ok(c) => Outcome::Checked(c),
            Parsed::Failed(diags) => Outcome::Failed(diags, self.work),
        }
    }

    /// Sets the outcome from what the cache keeps.
    fn put_outcome(&mut self, outcome: Outcome) {
        (self.outcome, self.work) = match outcome {
            Outcome::Checked(c) => {
                let work = c.work;
                (Parsed::Ok(c), work)
            }
            Outcome::Failed(diags, work) => (Parsed::Failed(diags), work),
        };
    }
}

/// Decodes, parses and checks one file on its own, or takes the result from the cache.
/// Without `keep_text`, a file's text is let go when it has no diagnostics. With
/// `text_files`, its sources' text files are read afterwards: they are never cached, since
/// they can change while the briefing does not.
pub(crate) fn parse_one(
    path: &Path,
    bytes: Result<Vec<u8>, String>,
    cache: Option<&Cache>,
    keep_text: bool,
    text_files: bool,
) -> ParsedFile {
    let key = match (&bytes, cache) {
        (Ok(b), Some(c)) => Some(c.key(b)),
        _ => None,
    };
    let hash = match &bytes {
        Ok(b) if !keep_text => Some(xxhash_rust::xxh3::xxh3_64(b)),
        _ => None,
    };
    let mut parsed = match (cache, key) {
        (Some(cache), Some(key)) => match cache.get(key) {
            Some(outcome) => from_cache(path, bytes, outcome, keep_text, text_files),
            None => {
                let mut parsed = check_one(path, bytes, keep_text, text_files);
                // A file that is not text is not worth keeping: it fails at once.
                if parsed.file.quote {
                    let outcome = parsed.take_outcome();
                    cache.put(key, &outcome);
                    parsed.put_outcome(outcome);
                }
                parsed
            }
        },
        _ => check_one(path, bytes, keep_text, text_files),
    };
    if text_files && let Parsed::Ok(c) = &mut parsed.outcome {
        parsed.texts = super::passage::attach(c, path, parsed.file.text.as_deref());
    }
    parsed.place();
    let clean = matches!(&parsed.outcome, Parsed::Ok(c) if c.diagnostics.is_empty());
    if clean && let Some(hash) = hash {
        parsed.file.text = None;
        parsed.reread = Some(hash);
    }
    parsed
}

/// A file's checked result from its cache entry under `key`, without its bytes: it has no
/// text to quote. `None` if the entry is gone or unsound.
pub(crate) fn from_entry(
    path: &Path,
    key: super::cache::Key,
    cache: &Cache,
    text_files: bool,
) -> Option<ParsedFile> {
    let mut parsed = from_cache(path, Err(String::new()), cache.get(key)?, false, text_files);
    parsed.file.quote = false;
    parsed.place();
    if text_files && let Parsed::Ok(c) = &mut parsed.outcome {
        // No text to quote, so no part of a string to point at: the same warnings name
        // the file alone.
        parsed.texts = super::passage::attach(c, path, None);
    }
    Some(parsed)
}

/// A file whose checked result came from the cache: only its text is made again, and
/// only if it is kept: when asked to, when the file has diagnostics, or when reading its
/// text files may give it some (the text is let go afterwards if it stays clean).
fn from_cache(
    path: &Path,
    bytes: Result<Vec<u8>, String>,
    outcome: Outcome,
    keep_text: bool,
    text_files: bool,
) -> ParsedFile {
    let mut file = SourceFile::new(path);
    let clean = matches!(&outcome, Outcome::Checked(c) if stays_clean(c, text_files));
    if let Ok(mut bytes) = bytes
        && (keep_text || !clean)
        && let Ok(bom) = decode(&bytes)
    {
        bytes.drain(..bom);
        file.text = String::from_utf8(bytes).ok().map(Arc::from);
    }
    let mut parsed = ParsedFile {
        file,
        outcome: Parsed::Failed(Vec::new()),
        work: Work::default(),
        reread: None,
        texts: Vec::new(),
    };
    parsed.put_outcome(outcome);
    parsed
}

/// Decodes, parses and checks one file on its own. Its text is kept (a copy) when asked to,
/// when it has diagnostics that quote it, or when reading its sources' text files
/// (`text_files`) may give it some; `parse_one` lets it go if it stays clean.
fn check_one(
    path: &Path,
    bytes: Result<Vec<u8>, String>,
    keep_text: bool,
    text_files: bool,
) -> ParsedFile {
    let mut file = SourceFile::new(path);
    let done = |file, outcome, work| ParsedFile {
        file,
        outcome,
        work,
        reread: None,
        texts: Vec::new(),
    };
    let fail = |d: Diagnostic| Parsed::Failed(vec![d.in_file(0)]);
    let bytes = match bytes {
        Ok(b) => b,
        Err(why) => {
            let d = Diagnostic::error(format!("cannot read this file: {why}"));
            return done(file, fail(d), Work::default());
        }
    };
    let text = match text_of(bytes) {
        Ok(text) => text,
        Err(bytes) => {
            let d = decode(&bytes).err().unwrap_or_else(|| {
                Box::new(Diagnostic::error("this file is not UTF-8 text").at(0, 0..0))
            });
            // Keep the valid prefix for the line and column, but never quote it: a file that
            // is not UTF-8 text is not a briefing, and may hold anything.
            let at = d.span.as_ref().map_or(0, |s| s.start);
            let valid = std::str::from_utf8(&bytes[..at]).unwrap_or_default();
            file.text = Some(Arc::from(valid));
            file.quote = false;
            return done(file, Parsed::Failed(vec![*d]), Work::default());
        }
    };
    if text.trim().is_empty() {
        file.text = Some(Arc::from(text));
        let d = Diagnostic::error("this file is empty")
            .at(0, 0..0)
            .label("nothing here")
            .help("a briefing needs at least a [briefing] table; see `briefing format`");
        return done(file, Parsed::Failed(vec![d]), Work::default());
    }
    let (outcome, work) = match check::check_file(&text) {
        Ok(c) => {
            let work = c.work;
            (Parsed::Ok(Box::new(c)), work)
        }
        Err((diags, work)) => (Parsed::Failed(diags), work),
    };
    let clean = matches!(&outcome, Parsed::Ok(c) if stays_clean(c, text_files));
    if keep_text || !clean {
        file.text = Some(Arc::from(text));
    }
    done(file, outcome, work)
}

/// Whether a checked file has no diagnostics and can get none from its sources' text files
/// (read only with `text_files`): its text will not be quoted.
fn stays_clean(c: &Checked, text_files: bool) -> bool {
    c.diagnostics.is_empty() && !(text_files && c.sources.iter().any(|s| s.text_file.is_some()))
}

/// The UTF-8 byte-order mark, skipped at the start of a file.
const BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];

/// The text of a file's bytes, less a byte-order mark, checked as UTF-8 once; or the bytes
/// as they were, for [`decode`] to say what is wrong with them.
fn text_of(mut bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(bytes);
    }
    let bom = bytes.starts_with(&BOM);
    if bom {
        bytes.drain(..BOM.len());
    }
    String::from_utf8(bytes).map_err(|e| {
        let mut bytes = e.into_bytes();
        if bom {
            bytes.splice(0..0, BOM);
        }
        bytes
    })
}

/// Checks that bytes are UTF-8 text and returns the length of a byte-order mark to skip, or
/// says why they are not, pointing at the offending byte.
pub(crate) fn decode(bytes: &[u8]) -> Result<usize, Box<Diagnostic>> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let d = Diagnostic::error("this file is UTF-16, not UTF-8")
            .help("save it as UTF-8 (without a byte-order mark)");
        return Err(Box::new(d.at(0, 0..0)));
    }
    let body = bytes.strip_prefix(&BOM).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(_) => Ok(bytes.len() - body.len()),
        Err(e) => {
            let at = e.valid_up_to() + (bytes.len() - body.len());
            let d = Diagnostic::error(format!(
                "this file is not valid UTF-8 (bad byte 0x{:02X})",
                bytes[at]
            ))
            .label("invalid UTF-8 starts here")
            .help("briefing files must be UTF-8; re-save the file with that encoding");
            Err(Box::new(d.at(0, at..at)))
        }
    }
}
