use std::fmt::Write as _;

use toml::de::{DeTable, DeValue};

use super::exact::depth;
use super::*;

/// How deep the deepest table or array of the tree `toml` builds is (the root is 0),
/// walked without recursion.
fn built_depth(text: &str) -> usize {
    let (root, _) = DeTable::parse_recoverable(text);
    let mut stack: Vec<(&DeValue<'_>, usize)> = root
        .get_ref()
        .iter()
        .map(|(_, v)| (v.get_ref(), 1))
        .collect();
    let mut max = 0;
    while let Some((value, d)) = stack.pop() {
        match value {
            DeValue::Table(t) => {
                max = max.max(d);
                stack.extend(t.iter().map(|(_, v)| (v.get_ref(), d + 1)));
            }
            DeValue::Array(a) => {
                max = max.max(d);
                stack.extend(a.iter().map(|v| (v.get_ref(), d + 1)));
            }
            _ => {}
        }
    }
    max
}

/// The text of the span a diagnostic points at.
fn at(text: &str) -> (usize, &str) {
    let d = check(text).expect("too deep");
    let span = d.span.expect("a span");
    (span.start, &text[span])
}

#[test]
fn deep_arrays_and_tables_are_refused() {
    let deep = "a = ".to_owned() + &"[".repeat(100_000);
    let d = check(&deep).expect("too deep");
    assert_eq!(d.span, Some(4 + MAX_DEPTH..5 + MAX_DEPTH));
    let inline = "a = ".to_owned() + &"{a=".repeat(100_000);
    assert!(check(&inline).is_some());
}

#[test]
fn brackets_in_strings_and_comments_do_not_count() {
    let text = format!(
        "a = \"{}\"\n# {}\nb = '''{}'''\nc = \"\"\"\n{}\"\"\"\n",
        "[".repeat(200),
        "{".repeat(200),
        "[".repeat(200),
        "{a.".repeat(200),
    );
    assert!(check(&text).is_none());
    assert_eq!(bound(&text), 2, "only the statements' keys count");
    assert!(check("[[quotes]]\ncite = [{ source = \"a\", locator = \"¶1\" }]\n").is_none());
}

/// The attack: 60 dotted parts in each of 60 nested inline tables are 3,600 levels in 60
/// pairs of braces.
#[test]
fn dotted_keys_in_inline_tables_count() {
    let key = vec!["k"; 60].join(".");
    let text = format!(
        "z = {}1{}",
        format!("{{{key} = ").repeat(60),
        "}".repeat(60)
    );
    // `z`'s table is level 1, its key's parts 2 to 61; the second table's fourth part is 65.
    let second = text.match_indices("{k").nth(1).unwrap().0;
    assert_eq!(at(&text), (second + 7, "k"));
    // Just under the bound: a table of 63 parts in `z`, whose value is a table at 64.
    let fits = format!("z = {{{} = {{}}}}", vec!["k"; 63].join("."));
    assert_eq!(depth(&fits), Some(64));
    assert_eq!(built_depth(&fits), 64);
    assert!(check(&fits).is_none());
    let over = format!("z = {{{} = {{}}}}", vec!["k"; 64].join("."));
    assert_eq!(at(&over), (over.find(" = {}").unwrap() + 3, "{"));
}

#[test]
fn dotted_headers_and_keys_count() {
    let header = |parts: usize| format!("[{}]\n", vec!["a"; parts].join("."));
    assert!(check(&header(MAX_DEPTH)).is_none());
    let over = header(MAX_DEPTH + 1);
    assert_eq!(at(&over), (over.len() - 3, "a"));
    // A plain dotted key: its parts but the last are tables, the last holds the value.
    let key = |parts: usize| format!("{} = 1\n", vec!["a"; parts].join("."));
    assert!(check(&key(MAX_DEPTH + 1)).is_none());
    let over = key(MAX_DEPTH + 2);
    assert_eq!(at(&over).0, 2 * MAX_DEPTH);
    // Under a header, the header's depth adds.
    let both = format!("{}{}", header(32), key(34));
    assert_eq!(depth(&both), Some(65));
    assert_eq!(built_depth(&both), 65);
    assert!(check(&both).is_some());
}

/// A part that names an array of tables is two levels: the array and its last table.
#[test]
fn arrays_of_tables_count_twice() {
    let chain = |n: usize| {
        (1..=n).fold(String::new(), |mut s, i| {
            write!(s, "[[{}]]\nx = 1\n", vec!["t"; i].join(".")).unwrap();
            s
        })
    };
    assert_eq!(depth(&chain(32)), Some(64));
    assert_eq!(built_depth(&chain(32)), 64);
    assert!(check(&chain(32)).is_none());
    let over = chain(33);
    assert_eq!(at(&over), (over.len() - 10, "t"));
    // A dotted key through an array of tables goes into its last table, as far as `toml`
    // gets: it builds the value, then refuses to put it in a table that a header defined.
    let through = "[[x.t]]\n[x]\nt.k = {}\n";
    assert_eq!(depth(through), Some(4));
    assert_eq!(built_depth(through), 3);
}

#[test]
fn briefings_pass_the_quick_bound() {
    for (_, text) in crate::synth::generate(3, 1) {
        assert!(bound(&text) <= 12, "{}", bound(&text));
        assert_eq!(depth(&text), Some(built_depth(&text)));
    }
}

/// A tiny generator: xorshift, so that the cases are the same on every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        usize::try_from(self.0 % n as u64).unwrap()
    }
}

/// A valid document of dotted keys, arrays, inline tables, headers and arrays of tables,
/// with fresh names so that nothing is defined twice.
fn document(rng: &mut Rng) -> String {
    fn key(rng: &mut Rng, names: &mut usize) -> String {
        let parts = 1 + rng.below(4);
        (0..parts)
            .map(|_| {
                *names += 1;
                format!("k{names}")
            })
            .collect::<Vec<_>>()
            .join(".")
    }
    fn value(rng: &mut Rng, names: &mut usize, budget: usize) -> String {
        match if budget == 0 { 0 } else { rng.below(3) } {
            0 => "1.5".into(),
            1 => {
                let n = rng.below(3);
                let items: Vec<String> = (0..n).map(|_| value(rng, names, budget - 1)).collect();
                format!("[{}]", items.join(", "))
            }
            _ => {
                let n = rng.below(3);
                let items: Vec<String> = (0..n)
                    .map(|_| format!("{} = {}", key(rng, names), value(rng, names, budget - 1)))
                    .collect();
                format!("{{{}}}", items.join(", "))
            }
        }
    }
    let mut names = 0;
    let mut out = String::new();
    let mut chain = 0;
    for _ in 0..rng.below(6) {
        match rng.below(3) {
            0 => {}
            1 => writeln!(out, "[{}]", key(rng, &mut names)).unwrap(),
            _ => {
                // Each table of the chain `q.q.q…` is an array of tables in the one above.
                chain = (chain + 1).min(1 + rng.below(chain + 1));
                writeln!(out, "[[{}]]", vec!["q"; chain].join(".")).unwrap();
            }
        }
        for _ in 0..rng.below(3) {
            let budget = rng.below(5);
            let key = key(rng, &mut names);
            writeln!(out, "{key} = {}", value(rng, &mut names, budget)).unwrap();
        }
    }
    out
}

/// The depth is the depth of the tree `toml` builds, for every construct that nests.
#[test]
fn the_depth_is_that_of_the_tree_toml_builds() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..3_000 {
        let text = document(&mut rng);
        assert!(DeTable::parse(&text).is_ok(), "{text}");
        let built = built_depth(&text);
        assert_eq!(depth(&text), Some(built), "{text}");
        assert!(bound(&text) >= built, "{text}");
    }
}

/// Pieces of TOML, most of them broken, so that `toml` recovers from errors in every way.
const PIECES: &[&str] = &[
    "[",
    "]",
    "[[",
    "]]",
    "{",
    "}",
    "=",
    ",",
    ".",
    "a",
    "b",
    "\"a\"",
    "'b'",
    " ",
    "\n",
    "1.5",
    "#c\n",
    "x = ",
    "a.b = ",
    "[[a]]\n",
    "[a.b]\n",
    "{ k.l = ",
    "\"\"\"m\n\"\"\"",
    "\r\n",
    "a.a.a",
    "\r",
];

/// Whatever the text, broken or not, neither the depth nor the bound is ever less than the
/// depth of what `toml` builds from it.
#[test]
fn no_text_is_deeper_than_its_bound() {
    let mut rng = Rng(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let n = rng.below(40);
        let text: String = (0..n).map(|_| PIECES[rng.below(PIECES.len())]).collect();
        let built = built_depth(&text);
        let exact = depth(&text).expect("few brackets");
        assert!(
            exact >= built,
            "depth {exact} < {built} built from {text:?}"
        );
        assert!(
            bound(&text) >= exact,
            "bound {} < {exact} for {text:?}",
            bound(&text)
        );
    }
}
