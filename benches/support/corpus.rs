//! A deterministic synthetic library for the search benchmark.
//!
//! Briefings of 100 searchable items each (1 source, 30 actors, 40 events, 29 quotes) are
//! written as TOML in the documented format and loaded through the real loader, so the
//! index sees exactly what a user's files would give it. Text is made of realistic words
//! and names, sentences run 40–300 chars, and about a third of the items hold non-ASCII
//! text (accented Latin, Cyrillic, Greek, CJK, curly quotes). A rare name, "Jomo Kenyatta",
//! appears in about one item in a thousand so that rare queries have something to find.

use std::fmt::Write as _;
use std::path::PathBuf;

use briefing::model::{Library, LoadOptions, load_sources};

pub const ITEMS_PER_BRIEFING: usize = 100;

const WORDS: &[&str] = &[
    "government",
    "security",
    "mission",
    "force",
    "police",
    "officers",
    "troops",
    "funding",
    "council",
    "minister",
    "talks",
    "agreement",
    "ceasefire",
    "election",
    "border",
    "regional",
    "international",
    "support",
    "deployment",
    "negotiations",
    "sanctions",
    "humanitarian",
    "crisis",
    "gangs",
    "violence",
    "capital",
    "province",
    "parliament",
    "opposition",
    "coalition",
    "president",
    "spokesperson",
    "delegation",
    "summit",
    "embassy",
    "statement",
    "report",
    "budget",
    "donor",
    "trust",
    "fund",
    "contingent",
    "equipment",
    "vehicles",
    "logistics",
    "stabilisation",
    "peacekeeping",
    "mandate",
    "vote",
    "resolution",
    "observers",
    "refugees",
    "aid",
    "convoy",
    "checkpoint",
    "airport",
    "port",
    "fuel",
    "prices",
    "protest",
    "strike",
    "court",
    "ruling",
    "investigation",
    "allegations",
    "corruption",
    "reform",
    "constitution",
    "transition",
    "authority",
    "partners",
    "allies",
    "commitment",
    "pressure",
    "concerns",
    "delays",
    "casualties",
    "frontline",
    "operations",
    "training",
    "command",
    "headquarters",
    "said",
    "says",
    "announced",
    "confirmed",
    "denied",
    "warned",
    "agreed",
    "rejected",
    "proposed",
    "approved",
    "welcomed",
    "criticised",
    "expects",
    "plans",
    "will",
    "would",
    "the",
    "a",
    "of",
    "to",
    "in",
    "and",
    "for",
    "on",
    "with",
    "after",
    "before",
    "during",
    "new",
    "second",
    "last",
    "next",
    "several",
    "most",
    "many",
    "local",
    "national",
    "joint",
];

const NAMES_ASCII: &[&str] = &[
    "Ruto", "Mwangi", "Otieno", "Smith", "Johnson", "Garcia", "Martinez", "Henry", "Moise", "Jean",
    "Pierre", "Baptiste", "Alvin", "Harris", "Clarke", "Campbell", "Brown", "Silva", "Santos",
    "Lopez", "Okafor", "Adeyemi", "Kamau", "Wanjiru", "Mensah", "Diallo", "Nkosi",
];

const NAMES_OTHER: &[&str] = &[
    "Sing’oei",
    "Müller",
    "Søren",
    "José",
    "Łukasz",
    "Nguyễn",
    "Ólafur",
    "François",
    "Zoë",
    "Çelik",
    "Dvořák",
    "Ñúñez",
    "Þórsdóttir",
    "Иванов",
    "Петрова",
    "Παπαδόπουλος",
    "王伟",
    "佐藤",
    "김민준",
    "Ærøskøbing",
    "Gonçalves",
    "Hernández",
    "Kowalczyk",
    "Władysław",
];

const PLACES_ASCII: &[&str] = &[
    "Port-au-Prince",
    "Nairobi",
    "Kingston",
    "Washington",
    "New York",
    "Geneva",
    "Kyiv",
];

const PLACES_OTHER: &[&str] = &[
    "Bogotá",
    "Brasília",
    "Cap-Haïtien",
    "Montréal",
    "São Paulo",
    "Zürich",
    "Αθήνα",
    "東京",
];

const ACTOR_KINDS: &[&str] = &[
    "person",
    "country",
    "organization",
    "mission",
    "group",
    "other",
];
const STATUSES: &[&str] = &[
    "occurred",
    "planned",
    "scheduled",
    "proposed",
    "reported",
    "ongoing",
];

/// SplitMix64: small, fast and the same on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }

    fn chance(&mut self, per_thousand: u64) -> bool {
        self.next() % 1000 < per_thousand
    }
}

/// A person's name; `exotic` ones use non-ASCII names.
fn name(rng: &mut Rng, exotic: bool) -> String {
    if rng.chance(1) {
        return "Jomo Kenyatta".into();
    }
    let first = if exotic {
        rng.pick(NAMES_OTHER)
    } else {
        rng.pick(NAMES_ASCII)
    };
    format!("{first} {}", rng.pick(NAMES_ASCII))
}

/// A sentence of 40–300 chars.
fn sentence(rng: &mut Rng, exotic: bool) -> String {
    let target = 40 + rng.below(261);
    let mut s = String::new();
    while s.chars().count() < target {
        if !s.is_empty() {
            s.push(' ');
        }
        match rng.below(14) {
            0 => s.push_str(&name(rng, exotic)),
            1 if exotic => s.push_str(rng.pick(PLACES_OTHER)),
            1 => s.push_str(rng.pick(PLACES_ASCII)),
            2 if exotic => s.push_str(rng.pick(NAMES_OTHER)),
            _ => s.push_str(rng.pick(WORDS)),
        }
    }
    let mut out: String = s.chars().take(300).collect();
    out = out.trim_end().to_owned();
    if let Some(first) = out.get(..1) {
        out = first.to_uppercase() + &out[1..];
    }
    out.push('.');
    out
}

fn date(rng: &mut Rng) -> String {
    let y = 2015 + rng.below(11);
    let m = 1 + rng.below(12);
    let d = 1 + rng.below(28);
    match rng.below(10) {
        0 => "unknown".into(),
        1 => format!("{y}"),
        2 | 3 => format!("{y}-{m:02}"),
        4 => format!("after {y}-{m:02}"),
        5 => format!("before {y}-{m:02}-{d:02}"),
        _ => format!("{y}-{m:02}-{d:02}"),
    }
}

/// TOML basic-string escaping.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// One briefing file with 100 searchable items.
pub fn briefing(n: usize, rng: &mut Rng) -> String {
    let mut t = String::with_capacity(24 * 1024);
    let b = format!("b{n}");
    let _ = writeln!(
        t,
        "[briefing]\nid = \"{b}\"\ntitle = {}\nas_of = \"2025-05-21\"\nsummary = {}\n",
        q(&sentence(rng, false)),
        q(&sentence(rng, false))
    );
    // One item in five writes non-ASCII text; with the names of the actors events and
    // quotes mention, about a third of all haystacks hold some.
    let exotic = |rng: &mut Rng| rng.below(5) == 0;
    let x = exotic(rng);
    let _ = writeln!(
        t,
        "[[sources]]\nid = \"src\"\ntitle = {}\nkind = \"news-article\"\npublished = \"{}\"\npublisher = {}\n",
        q(&sentence(rng, x)),
        date(rng),
        q(rng.pick(PLACES_ASCII))
    );
    let cite = "cite = [{ source = \"src\", locator = \"¶1\" }]";
    for a in 0..30 {
        let x = exotic(rng);
        let kind = rng.pick(ACTOR_KINDS);
        let nm = if kind == "person" {
            name(rng, x)
        } else {
            sentence(rng, x)
                .chars()
                .take(40)
                .collect::<String>()
                .trim_end_matches('.')
                .to_owned()
        };
        let _ = writeln!(
            t,
            "[[actors]]\nid = \"{b}-a{a}\"\nname = {}\naliases = [{}]\nkind = \"{kind}\"\nrole = {}\nsummary = {}\n{cite}\n",
            q(&nm),
            q(&name(rng, x)),
            q(&sentence(rng, x).chars().take(80).collect::<String>()),
            q(&sentence(rng, x))
        );
    }
    for e in 0..40 {
        let x = exotic(rng);
        let (p1, p2) = (rng.below(30), rng.below(30));
        let _ = writeln!(
            t,
            "[[events]]\nid = \"{b}-e{e}\"\ntitle = {}\ndate = \"{}\"\nstatus = \"{}\"\nsummary = {}\nactors = [{{ actor = \"{b}-a{p1}\" }}, {{ actor = \"{b}-a{p2}\" }}]\n{cite}\n",
            q(&sentence(rng, x).chars().take(90).collect::<String>()),
            date(rng),
            rng.pick(STATUSES),
            q(&sentence(rng, x))
        );
    }
    for k in 0..29 {
        let x = exotic(rng);
        let _ = writeln!(
            t,
            "[[quotes]]\nid = \"{b}-q{k}\"\nkind = \"{}\"\ntext = {}\nspeaker = \"{b}-a{}\"\ndate = \"{}\"\ncontext = {}\n{cite}\n",
            if rng.below(2) == 0 {
                "direct"
            } else {
                "reported"
            },
            q(&sentence(rng, x)),
            rng.below(30),
            date(rng),
            q(&sentence(rng, x).chars().take(120).collect::<String>())
        );
    }
    t
}

/// A library of about `items` searchable items, the same for the same size every time.
pub fn library(items: usize) -> Library {
    let files = items.div_ceil(ITEMS_PER_BRIEFING);
    let mut rng = Rng::new(0x005E_A7C4_2025);
    let inputs = (0..files)
        .map(|n| {
            let text = briefing(n, &mut rng);
            (
                PathBuf::from(format!("synthetic/b{n}.toml")),
                Ok(text.into_bytes()),
            )
        })
        .collect();
    let (lib, report) = load_sources(inputs, LoadOptions::default());
    assert_eq!(
        report.error_count(),
        0,
        "the generator writes valid briefings"
    );
    lib
}
