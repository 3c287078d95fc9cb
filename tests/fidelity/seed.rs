//! Test data kept from the source articles: their cited paragraphs, the attributed claims
//! found in them, and the excerpts prepared for #13.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

/// The paragraphs of one source that its briefing cites, by number.
///
/// File format: one paragraph per line as `¶N text`; `#` lines are comments, and the
/// comment `# paragraphs: N` gives the number of paragraphs the source has (or, for a copy
/// that breaks off, the number the copy holds).
#[derive(Debug)]
pub struct Seed {
    pub count: usize,
    pub paragraphs: BTreeMap<usize, String>,
}

impl Seed {
    pub fn parse(text: &str) -> Result<Seed, String> {
        let mut count = None;
        let mut paragraphs = BTreeMap::new();
        for (i, line) in text.lines().enumerate() {
            if let Some(n) = line.strip_prefix("# paragraphs:") {
                count = Some(
                    n.trim()
                        .parse()
                        .map_err(|e| format!("line {}: {e}", i + 1))?,
                );
            } else if !line.starts_with('#') && !line.trim().is_empty() {
                let (n, body) = line
                    .strip_prefix('¶')
                    .and_then(|l| l.split_once(' '))
                    .ok_or_else(|| format!("line {}: expected `¶N text`", i + 1))?;
                let n: usize = n.parse().map_err(|e| format!("line {}: {e}", i + 1))?;
                if paragraphs.insert(n, body.to_owned()).is_some() {
                    return Err(format!("line {}: ¶{n} twice", i + 1));
                }
            }
        }
        let count = count.ok_or("no `# paragraphs: N` line")?;
        if let Some(&n) = paragraphs.keys().find(|&&n| n == 0 || n > count) {
            return Err(format!("¶{n} is outside ¶1..¶{count}"));
        }
        Ok(Seed { count, paragraphs })
    }

    pub fn load(path: &Path) -> Seed {
        let text = std::fs::read_to_string(path)
            .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
        Seed::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// The paragraph a locator such as `¶5` names, if it is stored.
    pub fn paragraph(&self, locator: &str) -> Option<&str> {
        self.paragraphs
            .get(&paragraph_number(locator)?)
            .map(String::as_str)
    }
}

/// `¶N` → N, for N ≥ 1 written without leading zeros; anything else → `None`.
pub fn paragraph_number(locator: &str) -> Option<usize> {
    let digits = locator.strip_prefix('¶')?;
    let ok = !digits.is_empty()
        && !digits.starts_with('0')
        && digits.chars().all(|c| c.is_ascii_digit());
    ok.then(|| digits.parse().ok()).flatten()
}

/// An attributed claim in a source paragraph, and the words that would restate it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claim {
    #[serde(default = "article")]
    pub source: String,
    pub locator: String,
    /// The attribution in the source, verbatim ("have lamented", "According to").
    pub cue: String,
    /// Who the claim belongs to, for the reader of the table.
    pub speaker: String,
    /// Lower-case fragments that restate the claim; matched inside the briefing's prose.
    #[serde(default)]
    pub markers: Vec<String>,
    /// Why the paragraph's cue needs no attribution downstream (required when `markers` is
    /// empty): e.g. a resolution's own terms.
    pub why: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Claims {
    pub claim: Vec<Claim>,
}

/// A short verbatim passage of a cited paragraph, for an item's citation (#13).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excerpt {
    pub item: String,
    #[serde(default = "article")]
    pub source: String,
    pub locator: String,
    pub text: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Excerpts {
    pub excerpt: Vec<Excerpt>,
}

fn article() -> String {
    "article".into()
}

/// Reads and parses a TOML test-data file, panicking with its path on failure.
pub fn load_toml<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let text =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("reading {}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
