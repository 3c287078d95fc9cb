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

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rayon::iter::{IntoParallelIterator as _, ParallelIterator as _};

use crate::model::{self, Library, LoadOptions, Report};

/// Generates `briefings` files as (relative path, TOML text), in load order.
#[must_use]
pub fn generate(briefings: usize, seed: u64) -> Vec<(PathBuf, String)> {
    build_all(briefings, seed, |b, text| (relative_path(b), text))
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

/// splitmix64: tiny, fast and good enough for test data. Each briefing gets its own stream.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, stream: u64) -> Self {
        let mut r = Self(stream);
        let mixed = r.next();
        Self(seed ^ mixed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.next()) * n as u128) >> 64) as usize
    }

    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// In `0..n`, strongly biased towards the start (roughly `1/(i+1)`), so that a few
    /// shared actors recur in many briefings, as the UN or the US do. Integers only, so the
    /// output is the same on every platform.
    fn skewed(&mut self, n: usize) -> usize {
        let scales = usize::BITS - n.leading_zeros();
        let scale = self.below(scales as usize + 1);
        self.below(n.min(1 << scale))
    }
}

/// A non-empty, trimmed line per entry.
fn lines(s: &'static str) -> Vec<&'static str> {
    s.lines().map(str::trim).filter(|l| !l.is_empty()).collect()
}

/// Folds a letter to ASCII for ids and plain-Latin aliases; `None` keeps it, `Some("")` drops it.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ạ' | 'ả' | 'ấ' | 'ặ' => {
            "a"
        }
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => "A",
        'ç' | 'ć' | 'č' => "c",
        'Ç' | 'Č' | 'Ć' => "C",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'ệ' | 'ế' | 'ề' => "e",
        'È' | 'É' | 'Ê' => "E",
        'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ị' => "i",
        'Í' | 'Î' => "I",
        'ñ' | 'ń' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'ộ' | 'ố' | 'ơ' | 'ờ' => "o",
        'Ó' | 'Ö' | 'Ø' => "O",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ư' | 'ứ' => "u",
        'Ú' | 'Ü' => "U",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        'æ' => "ae",
        'œ' => "oe",
        'ł' => "l",
        'Ł' => "L",
        'đ' => "d",
        'Đ' => "D",
        'ş' | 'ș' | 'ś' | 'š' => "s",
        'Ş' | 'Ș' | 'Ś' | 'Š' => "S",
        'ţ' | 'ț' => "t",
        'ğ' => "g",
        'ź' | 'ż' | 'ž' => "z",
        'ř' => "r",
        '’' | '\'' => "",
        _ => return None,
    })
}

/// The name in plain Latin letters, or `None` when it already is.
fn ascii_alias(name: &str) -> Option<String> {
    if name.is_ascii() {
        return None;
    }
    let mut out = String::with_capacity(name.len());
    for c in name.chars() {
        match fold(c) {
            Some(s) => out.push_str(s),
            None => out.push(c),
        }
    }
    out.is_ascii().then_some(out)
}

/// A lowercase id made of `a-z`, `0-9` and single `-`.
fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut push = |s: &str| {
        for c in s.chars() {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
    };
    for c in name.chars() {
        match fold(c) {
            Some(s) => push(s),
            None => push(c.encode_utf8(&mut [0; 4])),
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// Appends `s` as a TOML basic string. Clean runs are copied whole: this is the hot loop.
fn push_str(out: &mut String, s: &str) {
    out.push('"');
    // Most text needs no escapes: check that in blocks the compiler can vectorise.
    let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7F;
    if !s
        .as_bytes()
        .chunks(32)
        .any(|c| c.iter().fold(false, |any, &b| any | needs(b)))
    {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut clean = 0;
    for (i, b) in s.bytes().enumerate() {
        // TOML forbids raw ASCII control characters in basic strings; everything else,
        // including C1 controls, may appear as itself.
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            0..0x20 | 0x7F => "",
            _ => continue,
        };
        out.push_str(&s[clean..i]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{b:04X}");
        } else {
            out.push_str(escape);
        }
        clean = i + 1;
    }
    out.push_str(&s[clean..]);
    out.push('"');
}

/// Appends `n` in decimal, zero-padded to `width`. `format!` is slow in this hot loop.
fn push_num(out: &mut String, n: usize, width: usize) {
    let mut digits = [b'0'; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let start = i.min(digits.len() - width.min(digits.len()));
    out.extend(digits[start..].iter().map(|&d| char::from(d)));
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
        let mut g = Gen::new(self, b, seed);
        g.write_all();
        g.out
    }
}

/// An actor a briefing can point at.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Who {
    Shared(usize),
    Local(usize),
}

struct Local {
    id: String,
    name: String,
    short: Option<String>,
    kind: &'static str,
}

/// Builds one briefing file.
struct Gen<'w> {
    w: &'w Words,
    rng: Rng,
    b: usize,
    seed: u64,
    /// Months since year 0 (`year * 12 + month - 1`) of the as-of date, and its day.
    as_of: (i64, i64),
    home: usize,
    cast: Vec<usize>,
    topics: Vec<&'static str>,
    places: Vec<&'static str>,
    /// (id, kind) of each source.
    sources: Vec<(&'static str, &'static str)>,
    locals: Vec<Local>,
    /// Locals before this index are bodies, from it on people.
    first_person: usize,
    events: usize,
    out: String,
}

impl<'w> Gen<'w> {
    fn new(w: &'w Words, b: usize, seed: u64) -> Self {
        let mut rng = Rng::new(seed, b as u64);
        let year = rng.range(2016, 2025) as i64;
        let as_of = (year * 12 + rng.below(12) as i64, rng.range(1, 28) as i64);
        let home = w.countries.start + rng.skewed(w.countries.len());
        let mut cast = vec![home];
        let mut add = |rng: &mut Rng, r: &Range<usize>, n: usize| {
            for _ in 0..n {
                let i = r.start + rng.skewed(r.len());
                if !cast.contains(&i) {
                    cast.push(i);
                }
            }
        };
        let n = rng.range(3, 5);
        add(&mut rng, &w.countries, n);
        let n = rng.range(2, 4);
        add(&mut rng, &w.orgs, n);
        let n = rng.below(2);
        add(&mut rng, &w.missions, n);
        let n = usize::from(rng.chance(30));
        add(&mut rng, &w.groups, n);
        let topics = (0..4).map(|_| *rng.pick(&w.topics)).collect();
        let places = (0..5).map(|_| *rng.pick(&w.places)).collect();
        let mut sources = vec![("article", "news-article")];
        let extra = [
            ("report", "report"),
            ("transcript", "transcript"),
            ("statement", "statement"),
            ("post", "social-media"),
            ("dataset", "dataset"),
        ];
        let first = rng.below(extra.len());
        sources.push(extra[first]);
        if rng.chance(50) {
            sources.push(extra[(first + 1 + rng.below(extra.len() - 1)) % extra.len()]);
        }
        Self {
            w,
            rng,
            b,
            seed,
            as_of,
            home,
            cast,
            topics,
            places,
            sources,
            locals: Vec::new(),
            first_person: 0,
            events: 0,
            out: String::with_capacity(48 * 1024),
        }
    }

    fn write_all(&mut self) {
        let _ = writeln!(
            self.out,
            "# Synthetic briefing {} (seed {}), generated by briefing::synth for tests and\n\
             # benchmarks. Everything in it is invented: no real events, people or statements.",
            self.b, self.seed
        );
        if self.b == 0 {
            self.out.push_str(
                "# This file also defines the shared actors that the other briefings refer to.\n",
            );
        }
        self.write_meta();
        self.write_sources();
        self.make_locals();
        self.out.push_str("\n# ── Actors ──\n");
        if self.b == 0 {
            for i in 0..self.w.shared.len() {
                self.write_shared_actor(i);
            }
        }
        for i in 0..self.locals.len() {
            self.write_local_actor(i);
        }
        self.out.push_str("\n# ── Relations ──\n");
        for _ in 0..self.rng.range(12, 18) {
            self.write_relation();
        }
        self.out.push_str("\n# ── Events ──\n");
        self.events = self.rng.range(30, 40);
        for i in 0..self.events {
            self.write_event(i);
        }
        self.out.push_str("\n# ── Quotes ──\n");
        for i in 0..self.rng.range(30, 40) {
            self.write_quote(i);
        }
    }

    // ── Small writers ──

    fn kv(&mut self, key: &str, value: &str) {
        self.out.push_str(key);
        self.out.push_str(" = ");
        push_str(&mut self.out, value);
        self.out.push('\n');
    }

    /// `id = "bN.eNN"`: the id of this briefing's event (`e`) or quote (`q`) number `i`.
    fn item_id(&mut self, kind: char, i: usize) {
        self.out.push_str("id = \"b");
        push_num(&mut self.out, self.b, 1);
        self.out.push('.');
        self.out.push(kind);
        push_num(&mut self.out, i, 2);
        self.out.push_str("\"\n");
    }

    fn kv_list<S: AsRef<str>>(&mut self, key: &str, values: &[S]) {
        if values.is_empty() {
            return;
        }
        self.out.push_str(key);
        self.out.push_str(" = [");
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.out.push_str(", ");
            }
            push_str(&mut self.out, v.as_ref());
        }
        self.out.push_str("]\n");
    }

    /// One or two citations, with a locator in the style of the source: `¶12`, `p. 4`,
    /// `00:41:07`, `row 30` or `post 2`.
    fn cite(&mut self) {
        let n = if self.rng.chance(15) { 2 } else { 1 };
        self.out.push_str("cite = [");
        for i in 0..n {
            let (id, kind) = *self.rng.pick(&self.sources);
            if i > 0 {
                self.out.push_str(", ");
            }
            self.out.push_str("{ source = \"");
            self.out.push_str(id);
            self.out.push_str("\", locator = \"");
            let (out, r) = (&mut self.out, &mut self.rng);
            match kind {
                "report" => {
                    out.push_str("p. ");
                    push_num(out, r.range(1, 60), 1);
                }
                "transcript" => {
                    push_num(out, r.below(2), 2);
                    out.push(':');
                    push_num(out, r.below(60), 2);
                    out.push(':');
                    push_num(out, r.below(60), 2);
                }
                "dataset" => {
                    out.push_str("row ");
                    push_num(out, r.range(2, 900), 1);
                }
                "social-media" => {
                    out.push_str("post ");
                    push_num(out, r.range(1, 12), 1);
                }
                _ => {
                    out.push('¶');
                    push_num(out, r.range(1, 40), 1);
                }
            }
            self.out.push_str("\" }");
        }
        self.out.push_str("]\n");
    }

    // ── Dates ──

    /// Appends a date `offset` months from the as-of date, at a random precision.
    fn point(&mut self, out: &mut String, offset: i64) {
        let m = self.as_of.0 + offset;
        let (year, month) = (m.div_euclid(12) as usize, m.rem_euclid(12) as usize + 1);
        push_num(out, year, 4);
        match self.rng.below(100) {
            0..50 => {
                let day = if offset == 0 {
                    self.as_of.1 as usize
                } else {
                    self.rng.range(1, 28)
                };
                out.push('-');
                push_num(out, month, 2);
                out.push('-');
                push_num(out, day, 2);
            }
            50..85 => {
                out.push('-');
                push_num(out, month, 2);
            }
            _ => {}
        }
    }

    /// A date spec in the months `lo..=hi` around the as-of date, with the given weights
    /// (percent) for plain, after, before and between; the rest is unknown. Bounded dates
    /// come with a note saying why.
    fn date(&mut self, lo: i64, hi: i64, weights: [usize; 4]) -> (String, Option<&'static str>) {
        let offset = lo + self.rng.below((hi - lo + 1) as usize) as i64;
        let r = self.rng.below(100);
        let [on, after, before, between] = weights;
        let mut d = String::with_capacity(32);
        let note = if r < on {
            self.point(&mut d, offset);
            self.rng
                .chance(5)
                .then_some("The source gives no more detail.")
        } else if r < on + after {
            d.push_str("after ");
            self.point(&mut d, offset);
            Some("Bounded below by the latest event the source mentions.")
        } else if r < on + after + before {
            d.push_str("before ");
            self.point(&mut d, offset);
            Some("The source says only that it had happened by then.")
        } else if r < on + after + before + between {
            // Ends at the chosen month, so past events stay before the as-of date.
            let span = self.rng.range(1, 8) as i64;
            d.push_str("between ");
            self.point(&mut d, offset - span);
            d.push_str(" and ");
            self.point(&mut d, offset);
            Some("The source places it somewhere in this range.")
        } else {
            d.push_str("unknown");
            Some("The source does not say when.")
        };
        (d, note)
    }

    // ── Names and text ──

    fn who_id(&self, who: Who) -> &str {
        match who {
            Who::Shared(i) => &self.w.shared[i].id,
            Who::Local(i) => &self.locals[i].id,
        }
    }

    fn who_name(&self, who: Who) -> &str {
        match who {
            Who::Shared(i) => self.w.shared[i].name,
            Who::Local(i) => &self.locals[i].name,
        }
    }

    fn who_short(&self, who: Who) -> &str {
        match who {
            Who::Shared(i) if !self.w.shared[i].short.is_empty() => self.w.shared[i].short,
            Who::Local(i) => self.locals[i]
                .short
                .as_deref()
                .unwrap_or(&self.locals[i].name),
            _ => self.who_name(who),
        }
    }

    /// Anyone in this briefing: its own actors or the shared ones it draws on.
    fn anyone(&mut self) -> Who {
        let n = self.locals.len() + self.cast.len();
        let i = self.rng.below(n);
        if i < self.locals.len() {
            Who::Local(i)
        } else {
            Who::Shared(self.cast[i - self.locals.len()])
        }
    }

    fn other_than(&mut self, not: Who) -> Who {
        loop {
            let who = self.anyone();
            if who != not {
                return who;
            }
        }
    }

    fn place(&mut self) -> &'static str {
        self.places[self.rng.below(self.places.len())]
    }

    fn topic(&mut self) -> &'static str {
        if self.rng.chance(50) {
            self.topics[0]
        } else {
            self.topics[self.rng.below(self.topics.len())]
        }
    }

    /// Fills a template: `{a}` an actor, `{s}` the speaker, `{h}` the home country, `{p}` a
    /// place, `{t}` a topic, `{m}` a month ahead, `{n}` a number, `{x}` a tension. Two
    /// `{a}` in a row name different actors.
    fn fill(&mut self, template: &str, speaker: Option<Who>) -> String {
        let mut out = String::with_capacity(template.len() + 64);
        let mut rest = template;
        let mut last_actor = None;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let key = rest.as_bytes().get(open + 1).copied().unwrap_or(b'?');
            rest = &rest[(open + 3).min(rest.len())..];
            match key {
                b'a' => {
                    let who = loop {
                        let who = self.anyone();
                        if Some(who) != speaker && Some(who) != last_actor {
                            break who;
                        }
                    };
                    last_actor = Some(who);
                    out.push_str(self.who_name(who));
                }
                b's' => {
                    let who = speaker.unwrap_or(Who::Shared(self.home));
                    out.push_str(self.who_short(who));
                }
                b'h' => out.push_str(self.w.shared[self.home].name),
                b'p' => out.push_str(self.place()),
                b't' => out.push_str(self.topic()),
                b'm' => {
                    let m = self.as_of.0 + self.rng.range(1, 12) as i64;
                    out.push_str(MONTHS[m.rem_euclid(12) as usize]);
                    out.push(' ');
                    push_num(&mut out, m.div_euclid(12) as usize, 4);
                }
                b'n' => {
                    let n = self.rng.range(12, 9_000);
                    if n >= 1000 {
                        push_num(&mut out, n / 1000, 1);
                        out.push(',');
                        push_num(&mut out, n % 1000, 3);
                    } else {
                        push_num(&mut out, n, 1);
                    }
                }
                b'x' => {
                    let t = *self.rng.pick(TENSIONS);
                    let x = self.fill(t, speaker);
                    out.push_str(&x);
                }
                _ => {}
            }
        }
        out.push_str(rest);
        out
    }

    /// Fills one template picked at random, for use mid-sentence.
    fn phrase(&mut self, templates: &[&str]) -> String {
        let t = *self.rng.pick(templates);
        self.fill(t, None)
    }

    /// Fills one template picked at random, with its first letter capitalised.
    fn fill_one(&mut self, templates: &[&str], speaker: Option<Who>) -> String {
        let t = *self.rng.pick(templates);
        let mut out = self.fill(t, speaker);
        if let Some(first) = out.chars().next().filter(char::is_ascii_lowercase) {
            out.replace_range(..1, &first.to_ascii_uppercase().to_string());
        }
        out
    }

    /// Text of about `target` characters (never more than `max`): a sentence from `first`,
    /// then sentences from `more`, no template twice.
    fn sentences(
        &mut self,
        first: &[&str],
        more: &[&str],
        target: usize,
        max: usize,
        speaker: Option<Who>,
    ) -> String {
        debug_assert!(more.len() <= 64, "`used` is a 64-bit set");
        let k = self.rng.below(first.len());
        let mut out = self.fill_one(&first[k..=k], speaker);
        let mut chars = out.chars().count();
        let mut used = if std::ptr::eq(first, more) { 1 << k } else { 0 };
        let mut misses = 0;
        while chars < target && misses < 4 {
            let k = self.rng.below(more.len());
            if used & (1 << k) != 0 {
                misses += 1;
                continue;
            }
            used |= 1 << k;
            let s = self.fill_one(&more[k..=k], speaker);
            let n = s.chars().count();
            if chars + 1 + n > max {
                misses += 1;
                continue;
            }
            out.push(' ');
            out.push_str(&s);
            chars += 1 + n;
        }
        out
    }

    // ── Sections ──

    fn write_meta(&mut self) {
        self.out.push_str("\n[briefing]\n");
        let id = format!("synth-{:05}", self.b);
        self.kv("id", &id);
        let title = self.fill_one(TITLES, None);
        self.kv("title", &title);
        let as_of = format!("{}-{:02}", month_str(self.as_of.0), self.as_of.1);
        self.kv("as_of", &as_of);
        let summary = self.sentences(SUMMARIES, SUMMARIES, 350, 900, None);
        self.kv("summary", &summary);
        let n = self.rng.range(3, 6);
        let mut points: Vec<String> = Vec::with_capacity(n);
        let mut used = 0u64;
        while points.len() < n {
            let k = self.rng.below(SUMMARIES.len());
            if used & (1 << k) == 0 {
                used |= 1 << k;
                points.push(self.fill_one(&SUMMARIES[k..=k], None));
            }
        }
        self.kv_list("key_points", &points);
        let tags = [
            slug(self.w.shared[self.home].name),
            slug(self.topics[0].trim_start_matches("the ")),
            "synthetic".to_owned(),
        ];
        self.kv_list("tags", &tags);
    }

    fn write_sources(&mut self) {
        self.out.push_str("\n# ── Sources ──\n");
        for i in 0..self.sources.len() {
            let (id, kind) = self.sources[i];
            self.out.push_str("\n[[sources]]\n");
            self.kv("id", id);
            let publisher = *self.rng.pick(&self.w.publishers);
            let topic = self.topics[0];
            let title = match kind {
                "news-article" => format!("{publisher}: news article on {topic}"),
                "transcript" => format!("Transcript of a press conference on {topic}"),
                "dataset" => format!("Figures on {topic}, {publisher}"),
                "social-media" => format!("Posts on {topic} by officials"),
                _ => format!("{} on {topic}", capitalise(kind)),
            };
            self.kv("title", &title);
            self.kv("kind", kind);
            let (published, _) = self.date(-2, 0, [70, 20, 5, 0]);
            self.kv("published", &published);
            if self.rng.chance(70) {
                self.kv("publisher", publisher);
            }
            if self.rng.chance(60) {
                let url = format!("https://example.org/synth/{:05}/{id}", self.b);
                self.kv("url", &url);
            }
            if kind == "news-article" {
                self.kv("note", "Locators: ¶N is the Nth paragraph of the article.");
            }
        }
    }

    /// Invents this briefing's own actors: organisations and groups first, then a joint
    /// commission and perhaps a fund, then the people who belong to them.
    fn make_locals(&mut self) {
        let home = self.w.shared[self.home].name;
        for _ in 0..self.rng.range(4, 6) {
            let portfolio = *self.rng.pick(&self.w.portfolios);
            let place = self.place();
            let (name, short) = match self.rng.below(6) {
                0 | 1 => (
                    format!("{home} Ministry of {portfolio}"),
                    Some(format!("Ministry of {portfolio}")),
                ),
                2 => (format!("{place} Port Authority"), None),
                3 => (format!("National {portfolio} Agency"), None),
                4 => (format!("{place} Chamber of Commerce"), None),
                _ => ((*self.rng.pick(FOREIGN_BODIES)).to_owned(), None),
            };
            self.add_local(name, short, "organization", None);
        }
        for _ in 0..self.rng.range(2, 4) {
            let name = self.fill_one(GROUP_NAMES, None);
            self.add_local(name, None, "group", None);
        }
        let topic = self.topics[0];
        self.add_local(
            format!("Joint commission on {topic}"),
            None,
            "mission",
            None,
        );
        if self.rng.chance(50) {
            let name = format!("{} Trust Fund", self.places[0]);
            self.add_local(name, None, "other", None);
        }
        self.first_person = self.locals.len();
        for _ in 0..self.rng.range(12, 18) {
            if self.rng.chance(10) {
                let (name, romanised) = *self.rng.pick(&self.w.east_asian);
                let short = Some(romanised.to_owned());
                self.add_local(name.to_owned(), short, "person", Some(romanised));
            } else {
                let given = *self.rng.pick(&self.w.given);
                let family = *self.rng.pick(&self.w.family);
                let short = Some(family.to_owned());
                self.add_local(format!("{given} {family}"), short, "person", None);
            }
        }
    }

    /// Adds an actor of this briefing, with an id made unique by a counter if need be.
    fn add_local(
        &mut self,
        name: String,
        short: Option<String>,
        kind: &'static str,
        romanised: Option<&str>,
    ) {
        let base = format!("b{}.{}", self.b, slug(romanised.unwrap_or(&name)));
        let mut id = base.clone();
        let mut k = 2;
        while self.locals.iter().any(|l| l.id == id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.locals.push(Local {
            id,
            name,
            short,
            kind,
        });
    }

    fn write_shared_actor(&mut self, i: usize) {
        let s = &self.w.shared[i];
        self.out.push_str("\n[[actors]]\n");
        self.kv("id", &s.id);
        self.kv("name", s.name);
        if !s.short.is_empty() {
            self.kv("short_name", s.short);
        }
        self.kv_list("aliases", &s.aliases);
        self.kv("kind", s.kind);
        let roles = match s.kind {
            "country" => COUNTRY_ROLES,
            "organization" => ORG_ROLES,
            "mission" => MISSION_ROLES,
            _ => GROUP_ROLES,
        };
        let role = *self.rng.pick(roles);
        self.kv("role", role);
        if !s.affiliation.is_empty() {
            self.kv_list("affiliations", &[s.affiliation]);
        }
        if self.rng.chance(30) {
            let summary = self.sentences(SUMMARIES, SUMMARIES, 80, 300, None);
            self.kv("summary", &summary);
        }
        self.cite();
    }

    fn write_local_actor(&mut self, i: usize) {
        self.out.push_str("\n[[actors]]\n");
        let Local {
            id,
            name,
            short,
            kind,
        } = &self.locals[i];
        let (id, name, short, kind) = (id.clone(), name.clone(), short.clone(), *kind);
        let person = kind == "person";
        self.kv("id", &id);
        self.kv("name", &name);
        if let Some(short) = short.as_ref().filter(|_| !person || self.rng.chance(60)) {
            self.kv("short_name", short);
        }
        // People are searched for by the spelling a reader's keyboard gives.
        let mut aliases = Vec::new();
        match ascii_alias(&name) {
            Some(plain) if self.rng.chance(60) => aliases.push(plain),
            None if person && !name.is_ascii() => aliases.extend(short),
            _ => {}
        }
        self.kv_list("aliases", &aliases);
        self.kv("kind", kind);
        let mut affiliations = Vec::new();
        let role = if person {
            let org = self.rng.below(self.first_person);
            let org_name = self.locals[org]
                .short
                .as_ref()
                .unwrap_or(&self.locals[org].name)
                .clone();
            let position = *self.rng.pick(POSITIONS);
            if self.rng.chance(80) {
                affiliations.push(self.locals[org].id.clone());
            }
            if self.rng.chance(25) {
                let c = self.cast[self.rng.below(self.cast.len())];
                affiliations.push(self.w.shared[c].id.clone());
            }
            format!("{position} {org_name}")
        } else {
            if self.rng.chance(40) {
                affiliations.push(self.w.shared[self.home].id.clone());
            }
            self.phrase(BODY_ROLES)
        };
        self.kv("role", &role);
        self.kv_list("affiliations", &affiliations);
        if self.rng.chance(25) {
            let summary = self.sentences(SUMMARIES, SUMMARIES, 60, 300, None);
            self.kv("summary", &summary);
        }
        self.cite();
    }

    fn write_relation(&mut self) {
        self.out.push_str("\n[[relations]]\n");
        let from = Who::Local(self.rng.below(self.locals.len()));
        let to = self.other_than(from);
        let from_id = self.who_id(from).to_owned();
        let to_id = self.who_id(to).to_owned();
        self.kv("from", &from_id);
        let is_person = |w: Who| matches!(w, Who::Local(i) if i >= self.first_person);
        let kinds = match (is_person(from), is_person(to)) {
            (true, true) => PERSON_PERSON,
            (true, false) => PERSON_BODY,
            (false, true) => BODY_PERSON,
            (false, false) => BODY_BODY,
        };
        let kind = *self.rng.pick(kinds);
        self.kv("kind", kind);
        self.kv("to", &to_id);
        if self.rng.chance(40) {
            let note = self.fill_one(RELATION_NOTES, None);
            self.kv("note", &note);
        }
        self.cite();
    }

    fn write_event(&mut self, i: usize) {
        self.out.push_str("\n[[events]]\n");
        self.item_id('e', i);
        let status = *self.rng.pick(STATUSES);
        let who: Vec<Who> = {
            let mut v = vec![self.anyone()];
            for _ in 0..self.rng.range(0, 2) {
                let w = self.anyone();
                if !v.contains(&w) {
                    v.push(w);
                }
            }
            v
        };
        let lead = self.who_short(who[0]).to_owned();
        let verb = *self.rng.pick(VERBS);
        let mut forms = verb.split('|');
        let (third, plain, gerund) = (
            forms.next().unwrap_or(verb),
            forms.next().unwrap_or(verb),
            forms.next().unwrap_or(verb),
        );
        let object = self.phrase(OBJECTS);
        let title = match status {
            "occurred" => [&lead, " ", third, " ", &object].concat(),
            "reported" => [&lead, " reportedly ", third, " ", &object].concat(),
            "planned" => [&lead, " plans to ", plain, " ", &object].concat(),
            "scheduled" => [&lead, " due to ", plain, " ", &object].concat(),
            "proposed" => {
                let p = self.phrase(PROPOSALS);
                [&lead, " proposes ", &p].concat()
            }
            _ => [&lead, " continues ", gerund, " ", &object].concat(),
        };
        self.kv("title", &title);
        let (date, note) = match status {
            "occurred" | "reported" => self.date(-36, 0, [70, 8, 8, 10]),
            "planned" => self.date(1, 18, [60, 10, 15, 10]),
            "scheduled" => self.date(1, 12, [85, 0, 5, 10]),
            "proposed" => self.date(1, 24, [30, 20, 20, 10]),
            _ => self.date(-24, -1, [30, 50, 0, 15]),
        };
        self.kv("date", &date);
        if let Some(note) = note.filter(|_| self.rng.chance(50)) {
            self.kv("date_note", note);
        }
        self.kv("status", status);
        if self.rng.chance(30) {
            let summary = self.sentences(SUMMARIES, SUMMARIES, 100, 300, None);
            self.kv("summary", &summary);
        }
        // One participant fits on a line; several get a line each, as authors write them.
        let (open, sep, close) = if who.len() == 1 {
            ("actors = [", "", "]\n")
        } else {
            ("actors = [\n", "  ", ",\n")
        };
        self.out.push_str(open);
        for &w in &who {
            self.out.push_str(sep);
            self.out.push_str("{ actor = ");
            let id = match w {
                Who::Shared(i) => &self.w.shared[i].id,
                Who::Local(i) => &self.locals[i].id,
            };
            push_str(&mut self.out, id);
            if self.rng.chance(80) {
                self.out.push_str(", role = ");
                let role = *self.rng.pick(EVENT_ROLES);
                push_str(&mut self.out, role);
            }
            self.out.push_str(" }");
            self.out.push_str(close);
        }
        if who.len() > 1 {
            self.out.push_str("]\n");
        }
        self.cite();
    }

    fn write_quote(&mut self, i: usize) {
        self.out.push_str("\n[[quotes]]\n");
        self.item_id('q', i);
        let speaker = if self.rng.chance(90) {
            Who::Local(self.rng.range(self.first_person, self.locals.len() - 1))
        } else {
            self.anyone()
        };
        let direct = self.rng.chance(60);
        self.kv("kind", if direct { "direct" } else { "reported" });
        // Most quotes are short; a few run long.
        let target = 40 + self.rng.below(261).min(self.rng.below(261));
        let text = if !direct {
            self.sentences(REPORTED, REPORTED_MORE, target, 300, Some(speaker))
        } else if self.rng.chance(12) {
            self.fill_one(FOREIGN, Some(speaker))
        } else {
            self.sentences(DIRECT, DIRECT, target, 300, Some(speaker))
        };
        self.kv("text", &text);
        let sid = self.who_id(speaker).to_owned();
        self.kv("speaker", &sid);
        let (date, note) = self.date(-12, 0, [80, 5, 5, 3]);
        self.kv("date", &date);
        if date == "unknown" {
            self.kv("date_note", note.unwrap_or_default());
        }
        if self.rng.chance(40) {
            let context = self.fill_one(CONTEXTS, Some(speaker));
            self.kv("context", &context);
        }
        let mut about = Vec::new();
        for _ in 0..self.rng.below(3) {
            let a = if self.rng.chance(60) {
                let mut id = String::with_capacity(12);
                id.push('b');
                push_num(&mut id, self.b, 1);
                id.push_str(".e");
                push_num(&mut id, self.rng.below(self.events), 2);
                id
            } else {
                let who = self.other_than(speaker);
                self.who_id(who).to_owned()
            };
            if !about.contains(&a) {
                about.push(a);
            }
        }
        self.kv_list("about", &about);
        self.cite();
    }
}

/// `YYYY-MM` for a count of months since year 0.
fn month_str(months: i64) -> String {
    format!(
        "{:04}-{:02}",
        months.div_euclid(12),
        months.rem_euclid(12) + 1
    )
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const STATUSES: &[&str] = &[
    "occurred",
    "occurred",
    "occurred",
    "occurred",
    "planned",
    "scheduled",
    "proposed",
    "reported",
    "reported",
    "ongoing",
    "ongoing",
];

/// Relation kinds that make sense between people and bodies; together they use all 11.
const PERSON_PERSON: &[&str] = &["talks-with", "supports", "opposes", "other"];
const PERSON_BODY: &[&str] = &[
    "member-of",
    "represents",
    "leads",
    "supports",
    "opposes",
    "talks-with",
];
const BODY_PERSON: &[&str] = &["supports", "opposes", "funds", "other"];
const BODY_BODY: &[&str] = &[
    "funds",
    "contributes-to",
    "part-of",
    "member-of",
    "supports",
    "opposes",
    "proposes",
    "talks-with",
    "other",
    "leads",
];

// ── Word lists ──────────────────────────────────────────────────────────────────────────

/// Countries: `name|short|aliases`. The first ones are picked most often.
const COUNTRIES: &str = "
    United States|US|U.S.,Washington
    China||Beijing,北京
    France||Paris
    United Kingdom|UK|Britain,London
    Russia||Moscow
    Germany||Deutschland,Berlin
    Brazil||Brasil,Brasília
    Kenya||Nairobi
    Haiti||Haïti,Port-au-Prince
    India||New Delhi
    Japan||日本,Tokyo
    South Africa||Pretoria
    Nigeria||Abuja
    Türkiye||Turkey,Ankara
    Mexico||México
    Colombia||Bogotá
    Ethiopia||Addis Ababa
    Egypt||Cairo
    Canada||Ottawa
    Argentina||Buenos Aires
    Chile||Santiago
    Peru||Perú,Lima
    Venezuela||Caracas
    Jamaica||Kingston
    Dominican Republic||Santo Domingo
    Cuba||La Habana
    Guatemala||
    Honduras||Tegucigalpa
    El Salvador||San Salvador
    Nicaragua||Managua
    Costa Rica||San José
    Panama||Panamá
    Ecuador||Quito
    Bolivia||La Paz
    Paraguay||Asunción
    Uruguay||Montevideo
    Bahamas||Nassau
    Barbados||Bridgetown
    Trinidad and Tobago||Port of Spain
    Guyana||Georgetown
    Suriname||Paramaribo
    Belize||Belmopan
    Côte d’Ivoire||Ivory Coast,Abidjan
    Senegal||Sénégal,Dakar
    Ghana||Accra
    Mali||Bamako
    Burkina Faso||Ouagadougou
    Niger||Niamey
    Chad||Tchad,N’Djamena
    Cameroon||Cameroun,Yaoundé
    Democratic Republic of the Congo|DRC|RDC,Kinshasa
    Republic of the Congo||Brazzaville
    Central African Republic|CAR|Centrafrique,Bangui
    Gabon||Libreville
    São Tomé and Príncipe||São Tomé
    Equatorial Guinea||Malabo
    Angola||Luanda
    Mozambique||Moçambique,Maputo
    Zambia||Lusaka
    Zimbabwe||Harare
    Malawi||Lilongwe
    Tanzania||Dodoma
    Uganda||Kampala
    Rwanda||Kigali
    Burundi||Gitega
    South Sudan||Juba
    Sudan||Khartoum
    Somalia||Mogadishu
    Djibouti||
    Eritrea||Asmara
    Madagascar||Antananarivo
    Mauritius||Port Louis
    Namibia||Windhoek
    Botswana||Gaborone
    Lesotho||Maseru
    Eswatini||Mbabane
    Morocco||Maroc,Rabat
    Algeria||Algérie,Algiers
    Tunisia||Tunisie,Tunis
    Libya||Tripoli
    Benin||Bénin,Cotonou
    Togo||Lomé
    Guinea||Guinée,Conakry
    Sierra Leone||Freetown
    Liberia||Monrovia
    Mauritania||Nouakchott
    Cabo Verde||Cape Verde,Praia
    Saudi Arabia||Riyadh
    United Arab Emirates|UAE|Abu Dhabi
    Qatar||Doha
    Iran||Tehran
    Iraq||Baghdad
    Jordan||Amman
    Lebanon||Liban,Beirut
    Israel||
    Syria||Damascus
    Yemen||Sana’a
    Oman||Muscat
    Pakistan||Islamabad
    Afghanistan||Kabul
    Bangladesh||Dhaka
    Sri Lanka||Colombo
    Nepal||Kathmandu
    Myanmar||Burma,Naypyidaw
    Thailand||Bangkok
    Vietnam|Việt Nam|Hà Nội,Hanoi
    Cambodia||Phnom Penh
    Indonesia||Jakarta
    Malaysia||Kuala Lumpur
    Philippines||Manila
    Singapore||
    South Korea|ROK|서울,Seoul
    Mongolia||Ulaanbaatar
    Kazakhstan||Astana
    Uzbekistan||Tashkent
    Australia||Canberra
    New Zealand|NZ|Aotearoa,Wellington
    Fiji||Suva
    Papua New Guinea|PNG|Port Moresby
    Ukraine||Kyiv
    Poland||Polska,Warsaw
    Italy||Italia,Rome
    Spain||España,Madrid
    Portugal||Lisboa,Lisbon
    Netherlands||Nederland,The Hague
    Belgium||Belgique,Brussels
    Switzerland||Schweiz,Suisse,Bern
    Austria||Österreich,Wien
    Sweden||Sverige,Stockholm
    Norway||Norge,Oslo
    Denmark||Danmark,København
    Finland||Suomi,Helsinki
    Iceland||Ísland,Reykjavík
    Ireland||Éire,Dublin
    Greece||Athens
    Czechia||Česko,Prague
    Hungary||Magyarország,Budapest
    Romania||România,Bucharest
    Serbia||Belgrade
    Georgia||Tbilisi
    Armenia||Yerevan
    Azerbaijan||Baku
";

/// Organisations: `name|short|aliases`; the id comes from the short name when there is one.
const ORGANISATIONS: &str = "
    United Nations|UN|Nations Unies
    UN Security Council|UNSC|Security Council
    African Union|AU|Union africaine
    European Union|EU|Union européenne
    Organisation of American States|OAS|OEA
    International Monetary Fund|IMF|FMI
    World Bank||Banque mondiale
    Caribbean Community|CARICOM|
    Economic Community of West African States|ECOWAS|CEDEAO
    UN General Assembly|UNGA|
    Southern African Development Community|SADC|
    Intergovernmental Authority on Development|IGAD|
    East African Community|EAC|
    Association of Southeast Asian Nations|ASEAN|
    Arab League||League of Arab States
    Gulf Cooperation Council|GCC|
    World Health Organization|WHO|OMS
    World Food Programme|WFP|PAM
    UN Refugee Agency|UNHCR|HCR
    UNICEF||
    International Committee of the Red Cross|ICRC|CICR
    International Organization for Migration|IOM|OIM
    UN Development Programme|UNDP|PNUD
    Food and Agriculture Organization|FAO|
    International Labour Organization|ILO|OIT
    World Trade Organization|WTO|OMC
    International Atomic Energy Agency|IAEA|
    NATO||North Atlantic Treaty Organization,OTAN
    OSCE||Organization for Security and Co-operation in Europe
    Council of Europe||Conseil de l’Europe
    International Criminal Court|ICC|CPI
    Interpol||
    Mercosur||Mercosul,Mercado Común del Sur
    Andean Community|CAN|Comunidad Andina
    CELAC||Comunidad de Estados Latinoamericanos y Caribeños
    Pacific Islands Forum|PIF|
    Commonwealth of Nations||The Commonwealth
    Organisation internationale de la Francophonie|OIF|La Francophonie
    OPEC||Organization of the Petroleum Exporting Countries
    Inter-American Development Bank|IDB|BID
    African Development Bank|AfDB|BAD
    Asian Development Bank|ADB|
    Shanghai Cooperation Organisation|SCO|
    Médecins Sans Frontières|MSF|Doctors Without Borders
    Amnesty International||
    Human Rights Watch|HRW|
    International Crisis Group||Crisis Group
    Norwegian Refugee Council|NRC|
";

/// Missions: `name|short|aliases|affiliation id`.
const MISSIONS: &str = "
    Multinational Security Support Mission|MSS|Kenya-led mission|kenya
    UN Multidimensional Integrated Stabilization Mission in the Central African Republic|MINUSCA||un
    UN Organization Stabilization Mission in the DR Congo|MONUSCO||un
    UN Mission in South Sudan|UNMISS||un
    UN Interim Force in Lebanon|UNIFIL|FINUL|un
    UN Mission for the Referendum in Western Sahara|MINURSO||un
    UN Peacekeeping Force in Cyprus|UNFICYP||un
    UN Integrated Office in Haiti|BINUH||un
    UN Assistance Mission in Afghanistan|UNAMA||un
    AU Support and Stabilisation Mission in Somalia|AUSSOM||au
    SADC Mission in Mozambique|SAMIM||sadc
    EU Naval Force Operation Atalanta|EUNAVFOR Atalanta|Operation Atalanta|eu
    EUFOR Althea||Operation Althea|eu
    Kosovo Force|KFOR||nato
    ECOWAS Standby Force||Force en attente de la CEDEAO|ecowas
";

/// Transnational groups: `name|short|aliases`.
const GROUPS: &str = "
    International Transport Workers’ Federation|ITF|
    International Federation of Journalists|IFJ|
    La Vía Campesina||Via Campesina
    Transparency International|TI|
    Red de Mujeres Mediadoras||Women Mediators Network
    International Trade Union Confederation|ITUC|Confédération syndicale internationale
    Global Fishing Watch||
    Consejo Indígena Centroamericano|CICA|
    Fédération des Ports d’Afrique||
    Greenpeace||
";

const GIVEN: &str = "
    Amara Korir José Zoë Léa Ngozi Mariana Tomás Fatou Kwame Aisha Carlos Ana Olga Pieter
    Ines Sofía Björn Dmitri Priya Rahul Leila Omar Hannah Jean-Baptiste Chidi Wanjiru
    Esperanza Mateus Noa Ingrid Yusuf Mei Kofi Abebe Elif Renée François Ximena Raúl
    Joaquín Małgorzata Søren Thandiwe Grace Daniel Sarah Peter Ruth Alvin Michael Laura
    Hugo Nadia Samuel Lucía Ahmed Miriam David Joseph Mary Paul Anne James Emma John Rose
    Victor Helen Mark Alice Simon Esther Patrick Irene George Julia Robert Clara Henry
";

const FAMILY: &str = "
    Sing’oei Okonkwo Mwangi Núñez Müller Dubois Silva Santos Diallo Mensah Haddad Kowalski
    Novak Rossi García Pérez López Fernández Gonçalves Ødegaard Jovanović Öztürk Nguyen
    Tran Kamau Otieno Abdi Hassan Moreau Lefèvre Schmidt Wagner Johansson Andersen Kelly
    Murphy Smith Brown Clarke Baptiste Pierre Joseph Charles Mbeki Dlamini Banda Phiri
    Adeyemi Bello Sesay Kamara Ruiz Castro Vargas Rocha Ferreira Koné Traoré Touré Çelik
    Walker Green Hughes Wright Evans Roberts Taylor Wilson Moore Martin Thompson Lewis Hall
    Young Allen King Scott Baker Adams Nelson Carter Mitchell Ward Cooper Reed Bailey Cox
";

/// East Asian names written in their own script: `name|romanisation`.
const EAST_ASIAN: &str = "
    李明|Li Ming
    王芳|Wang Fang
    張偉|Zhang Wei
    陳靜|Chen Jing
    劉洋|Liu Yang
    田中美咲|Tanaka Misaki
    佐藤健|Sato Ken
    山本優|Yamamoto Yu
    김민준|Kim Min-jun
    이서연|Lee Seo-yeon
";

const PLACES: &str = "
    São Paulo
    Zürich
    Bogotá
    Port-au-Prince
    Nairobi
    Kraków
    Reykjavík
    Malmö
    Köln
    Montréal
    Yaoundé
    Asunción
    Medellín
    Düsseldorf
    Genève
    Curaçao
    東京
    北京
    서울
    Mombasa
    Kisumu
    Lagos
    Accra
    Dakar
    Abidjan
    Kinshasa
    Goma
    Juba
    Addis Ababa
    Djibouti
    Mogadishu
    Kampala
    Kigali
    Dar es Salaam
    Maputo
    Harare
    Lusaka
    Johannesburg
    Cape Town
    Cairo
    Tunis
    Casablanca
    Beirut
    Amman
    Istanbul
    Geneva
    Brussels
    The Hague
    Vienna
    New York
    Washington
    Miami
    Kingston
    Santo Domingo
    Panama City
    Lima
    Quito
    Santiago
    Buenos Aires
    Manila
    Jakarta
    Bangkok
    Dhaka
    Karachi
    Sydney
";

const TOPICS: &str = "
    the fisheries quota
    the port security plan
    the grain export corridor
    the water-sharing accord
    the debt restructuring
    the electoral calendar
    the mining licences
    the vaccine shipments
    the border crossings
    the refugee returns
    the ceasefire monitoring
    the power-sharing formula
    the rail concession
    the pension reform
    the police deployment
    the trust fund disbursements
    the customs union
    the hydropower dam
    the fuel subsidy
    the disarmament programme
    the drought response
    the lithium contracts
    the coastal evacuation plan
    the cholera vaccination drive
    the prison transfer deal
    the airport reopening
    the school reopening plan
    the land titling scheme
    the river dredging project
    the broadband tender
    the constitutional review
    the wage agreement
    the migrant reception centres
    the food price controls
    the gang demobilisation talks
    the emergency budget
    the election observer mission
    the mangrove restoration fund
    the cross-border rail link
    the fertiliser import deal
";

const PORTFOLIOS: &str = "
    Finance
    Water
    Fisheries
    the Interior
    Defence
    Health
    Transport
    Energy
    Justice
    Foreign Affairs
    Trade
    Agriculture
    Education
    Labour
    Mines
";

const PUBLISHERS: &str = "
    Daily Nation
    The Gleaner
    Le Nouvelliste
    Folha de S.Paulo
    El País
    Le Monde
    Süddeutsche Zeitung
    Neue Zürcher Zeitung
    The East African
    Mail & Guardian
    Jeune Afrique
    Al-Ahram
    朝日新聞
    The Straits Times
    Reuters
    Agence France-Presse
    Associated Press
    Radio Télévision Caraïbes
";

const FOREIGN_BODIES: &[&str] = &[
    "Ministère de l’Intérieur",
    "Secretaría de Seguridad Ciudadana",
    "Agência Nacional de Águas",
    "Bundesamt für Migration",
    "Comité national de crise",
    "Defensoría del Pueblo",
    "Polícia Federal",
    "Conseil présidentiel de transition",
    "Fundação Oswaldo Cruz",
    "Cámara de Comercio Binacional",
];

const GROUP_NAMES: &[&str] = &[
    "{p} Fishers’ Cooperative",
    "{p} Residents’ Association",
    "National Union of Port Workers",
    "Coalition for Clean Elections",
    "Collectif des familles de {p}",
    "Movimiento Ciudadano por {p}",
    "{p} Traders’ Guild",
    "Women’s Peace Network of {p}",
    "Students’ Front",
    "Veterans’ Association",
];

const POSITIONS: &[&str] = &[
    "Minister at the",
    "Principal Secretary at the",
    "spokesperson for the",
    "director at the",
    "chair of the",
    "deputy head of the",
    "special envoy of the",
    "legal adviser to the",
    "field coordinator for the",
    "negotiator for the",
    "treasurer of the",
    "founding member of the",
];

const COUNTRY_ROLES: &[&str] = &[
    "regional power with a stake in the outcome",
    "donor government",
    "neighbouring state",
    "troop-contributing country",
    "host state",
    "mediator in regional talks",
    "major trading partner",
];

const ORG_ROLES: &[&str] = &[
    "regional organisation",
    "multilateral lender",
    "UN body",
    "humanitarian organisation",
    "intergovernmental body",
    "monitoring body",
];

const MISSION_ROLES: &[&str] = &[
    "multinational mission in the region",
    "peace operation whose mandate is under review",
    "security mission deployed in the region",
];

const GROUP_ROLES: &[&str] = &[
    "international network of civil-society groups",
    "advocacy group",
    "federation of trade unions",
];

const BODY_ROLES: &[&str] = &[
    "government body responsible for {t}",
    "body that oversees {t}",
    "local group opposed to {t}",
    "lobby pressing for {t}",
    "coordinates the response in {p}",
    "manages the money for {t}",
];

const TITLES: &[&str] = &[
    "{h}: talks on {t} stall as {x}",
    "{h}: {a} and {a} at odds over {t}",
    "{h}: {t} in doubt after {x}",
    "{h}: pressure grows on {t} as {x}",
    "{h}: what is at stake in {t}",
    "{h} — {a} weighs {t} while {x}",
];

const TENSIONS: &[&str] = &[
    "port workers strike",
    "donors delay payments",
    "the opposition boycotts parliament",
    "floods cut the road to {p}",
    "a court suspends the deal",
    "gangs tighten their grip on {p}",
    "prices rise in {p}",
    "a minister resigns",
    "protests spread to {p}",
    "the rainy season begins early",
    "talks move to {p}",
    "an audit finds gaps in the accounts",
];

const SUMMARIES: &[&str] = &[
    "{a} and {a} met in {p} to discuss {t}.",
    "The decision follows weeks of pressure from {a}.",
    "Officials in {p} said the move would affect about {n} people.",
    "{a} called it “a necessary step”; {a} called it premature.",
    "No timetable was given.",
    "The source does not say who else attended.",
    "{t} is on hold while {x}.",
    "{a} says it has not been consulted on {t}.",
    "Funding for {t} is due to run out in {m}.",
    "Critics in {p} say the plan ignores {t} — and the people it affects.",
    "{a} is expected to respond before {m}.",
    "Negotiators from {a} travelled to {p} for a second round.",
];

const VERBS: &[&str] = &[
    "signs|sign|signing",
    "announces|announce|announcing",
    "suspends|suspend|suspending",
    "approves|approve|approving",
    "rejects|reject|rejecting",
    "reviews|review|reviewing",
    "funds|fund|funding",
    "blocks|block|blocking",
    "renegotiates|renegotiate|renegotiating",
    "monitors|monitor|monitoring",
    "extends|extend|extending",
    "postpones|postpone|postponing",
];

const OBJECTS: &[&str] = &[
    "{t}",
    "a review of {t}",
    "talks on {t} in {p}",
    "new rules on {t}",
    "emergency funding for {t}",
    "a joint statement on {t}",
];

const PROPOSALS: &[&str] = &[
    "a joint commission on {t}",
    "a moratorium on {t}",
    "a regional force for {p}",
    "a new timetable for {t}",
    "an independent audit of {t}",
    "talks in {p} on {t}",
];

const EVENT_ROLES: &[&str] = &[
    "host",
    "signatory",
    "mediator",
    "observer",
    "funder",
    "target of criticism",
    "organiser",
    "chief negotiator",
    "garant de l’accord",
    "anfitrión",
];

const RELATION_NOTES: &[&str] = &[
    "A working relationship rather than a formal one.",
    "Since {m}, according to the source.",
    "Disputed by {a}.",
    "Mainly through {t}.",
    "The source is vague about how close the tie is.",
];

const DIRECT: &[&str] = &[
    "We will not accept {t} without guarantees for {p}.",
    "The people of {p} deserve better than {t} as it stands.",
    "Our position has not changed — {t} must come first.",
    "I have spoken with {a}, and we agree on the next steps.",
    "Nobody in {p} believes the “temporary” arrangement will hold.",
    "Yes, we are aware of the discussions, and we welcome the role of {a}.",
    "If the money does not arrive by {m}, {t} will collapse.",
    "Let me be clear: {t} is not negotiable.",
    "We have {n} officers in {p} and not one armoured vehicle that works.",
    "This is a good day for {p}.",
    "We asked {a} for help three times. Three times.",
    "The numbers speak for themselves: {n} families have left {p} since January.",
    "We are doing the work; others are doing the talking.",
];

const REPORTED: &[&str] = &[
    "{s} said {a} had agreed to review {t}.",
    "According to {s}, the talks in {p} ended without agreement on {t}.",
    "{s} told reporters that {t} would be delayed until {m}.",
    "{s} denied that {a} was blocking {t}.",
    "{s} described the plan as “unworkable” and called for a new round of talks in {p}.",
    "{s} said around {n} people had been displaced near {p}.",
    "{s} warned that funding for {t} would run out by {m}.",
    "{s} welcomed the offer from {a} but said {p} had not been consulted.",
];

/// Later sentences of a reported statement, which need not name the speaker again.
const REPORTED_MORE: &[&str] = &[
    "{s} added that {a} had not yet replied.",
    "No date was given for the next round of talks.",
    "The remarks came a day after talks in {p}.",
    "Asked about {t}, {s} declined to give figures.",
    "{s} also criticised {a} for the delays.",
    "The source does not say whether {a} was present.",
];

/// Direct quotes in the speaker's own language, each at least 40 characters.
const FOREIGN: &[&str] = &[
    "Il n’y a pas de solution militaire à cette crise, et nous le répétons depuis des mois.",
    "No vamos a firmar nada sin consultar a las comunidades de {p}.",
    "Wir brauchen eine Lösung für {p}, keine weiteren Gipfel.",
    "我们支持对话，但任何协议都必须尊重当地社区的意见。在资金到位之前，我们会继续与各方保持沟通。",
    "Não há acordo possível sem as comunidades de {p} — nenhum.",
    "私たちは対話を支持しますが、地域社会の声を無視した合意は受け入れられません。協議は続けます。",
    "Nous attendons toujours les fonds promis par {a} ; rien n’est arrivé.",
];

const CONTEXTS: &[&str] = &[
    "Speaking to reporters in {p}.",
    "In a statement posted on social media.",
    "At a press conference after talks with {a}.",
    "In a radio interview broadcast from {p}.",
    "Quoted by an aide; the source gives no venue.",
    "During a hearing on {t}.",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_plain_and_names_fold_to_ascii() {
        assert_eq!(slug("Côte d’Ivoire"), "cote-divoire");
        assert_eq!(slug("São Tomé and Príncipe"), "sao-tome-and-principe");
        assert_eq!(slug("Korir Sing’oei"), "korir-singoei");
        assert_eq!(
            ascii_alias("Małgorzata Ødegaard").as_deref(),
            Some("Malgorzata Odegaard")
        );
        assert_eq!(ascii_alias("李明"), None);
        assert_eq!(ascii_alias("Peter Smith"), None);
    }

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
        for t in FOREIGN {
            let bare = t.replace("{p}", "").replace("{a}", "");
            assert!(bare.chars().count() >= 40, "{t}");
        }
    }

    #[test]
    fn toml_strings_are_escaped() {
        let mut out = String::new();
        push_str(&mut out, "a \"b\" \\ \n \u{7}");
        assert_eq!(out, r#""a \"b\" \\ \n \u0007""#);
    }
}
