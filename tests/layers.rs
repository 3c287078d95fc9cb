//! The shape of the house, checked from the source: no module of `src/tui` imports, directly
//! or indirectly, a module that imports it; `tui::action` imports nothing from `tui`; and
//! the lower layers never name the upper ones (`model` < `search` < `state` < `tui` <
//! `config` < `cli`).
//!
//! Imports are read from `use` declarations and from paths in the code (`super::x::f()`,
//! `crate::tui::x::T`, `child::f()`), with comments and string literals removed first. A
//! path counts as an import of the longest module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A module path such as `tui::panes::list`.
type Module = Vec<String>;

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `dir`, with its module path.
fn modules(dir: &Path) -> Vec<(Module, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src()).unwrap().with_extension("");
                let mut m: Module = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if m.last().is_some_and(|s| s == "mod") {
                    m.pop();
                }
                out.push((m, path));
            }
        }
    }
    out.sort();
    out
}

/// The code without comments, string literals and char literals.
fn strip(code: &str) -> String {
    let c: Vec<char> = code.chars().collect();
    let mut out = String::with_capacity(code.len());
    let mut i = 0;
    while i < c.len() {
        match c[i] {
            '/' if c.get(i + 1) == Some(&'/') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if c.get(i + 1) == Some(&'*') => {
                let mut depth = 0;
                loop {
                    if c.get(i) == Some(&'/') && c.get(i + 1) == Some(&'*') {
                        depth += 1;
                        i += 2;
                    } else if c.get(i) == Some(&'*') && c.get(i + 1) == Some(&'/') {
                        depth -= 1;
                        i += 2;
                        if depth == 0 {
                            break;
                        }
                    } else if i >= c.len() {
                        break;
                    } else {
                        i += 1;
                    }
                }
            }
            'r' if matches!(c.get(i + 1), Some('"' | '#'))
                && !c
                    .get(i.wrapping_sub(1))
                    .is_some_and(|p| p.is_alphanumeric() || *p == '_') =>
            {
                let mut hashes = 0;
                let mut j = i + 1;
                while c.get(j) == Some(&'#') {
                    hashes += 1;
                    j += 1;
                }
                if c.get(j) != Some(&'"') {
                    out.push('r');
                    i += 1;
                    continue;
                }
                j += 1;
                while j < c.len()
                    && !(c[j] == '"' && (1..=hashes).all(|k| c.get(j + k) == Some(&'#')))
                {
                    j += 1;
                }
                i = j + 1 + hashes;
                out.push_str("\"\"");
            }
            '"' => {
                i += 1;
                while i < c.len() && c[i] != '"' {
                    i += if c[i] == '\\' { 2 } else { 1 };
                }
                i += 1;
                out.push_str("\"\"");
            }
            '\'' if c.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < c.len() && c[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '\'' if c.get(i + 2) == Some(&'\'') => i += 3,
            ch => {
                out.push(ch);
                i += 1;
            }
        }
    }
    out
}

/// Expands a `use` tree such as `super::{a, b::{c, D}}` into full paths.
fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree = tree.trim();
    let Some(open) = tree.find('{') else {
        let path = tree.split(" as ").next().unwrap_or(tree).trim();
        let path = path.strip_suffix("::self").unwrap_or(path);
        out.push(format!("{prefix}{path}"));
        return;
    };
    let base = format!("{prefix}{}", &tree[..open]);
    let inner = &tree[open + 1..tree.rfind('}').unwrap()];
    let (mut depth, mut start) = (0, 0);
    for (i, ch) in inner.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                expand_item(&base, &inner[start..i], out);
                start = i + 1;
            }
            _ => {}
        }
    }
    expand_item(&base, &inner[start..], out);
}

fn expand_item(base: &str, item: &str, out: &mut Vec<String>) {
    match item.trim() {
        "" => {}
        "self" => out.push(base.trim_end_matches(':').to_owned()),
        item => expand(base, item, out),
    }
}

/// Every path the code names: `use` trees expanded, and `a::b::c` chains elsewhere.
fn paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    let mut others = String::new();
    while let Some(at) = find_use(rest) {
        others.push_str(&rest[..at]);
        let end = at + rest[at..].find(';').unwrap();
        expand("", &rest[at + 4..end], &mut out);
        rest = &rest[end + 1..];
    }
    others.push_str(rest);
    let is_ident = |c: char| c.is_alphanumeric() || c == '_';
    let chars: Vec<char> = others.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if is_ident(chars[i]) && (i == 0 || !is_ident(chars[i - 1]) && chars[i - 1] != ':') {
            let start = i;
            while i < chars.len() && (is_ident(chars[i]) || chars[i] == ':') {
                i += 1;
            }
            let path: String = chars[start..i].iter().collect();
            if path.contains("::") {
                out.push(path.trim_end_matches(':').to_owned());
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Where the next `use` declaration starts (after `pub`, `pub(crate)` and the like).
fn find_use(code: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = code[from..].find("use ") {
        let at = from + i;
        let before = code[..at].chars().next_back();
        if before.is_none_or(|c| c.is_whitespace() || c == ')' || c == ';' || c == '}') {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

/// The module a path names, seen from module `m` with child modules `children`.
fn resolve(m: &Module, children: &BTreeSet<String>, path: &str) -> Option<Module> {
    let segs: Vec<&str> = path.split("::").collect();
    let mut base: Module = match segs[0] {
        "crate" => Vec::new(),
        "self" => m.clone(),
        "super" => m[..m.len() - 1].to_vec(),
        child if children.contains(child) => {
            let mut c = m.clone();
            c.push(child.to_owned());
            return Some(extend(c, &segs[1..]));
        }
        _ => return None,
    };
    let mut rest = &segs[1..];
    while rest.first() == Some(&"super") {
        base.pop();
        rest = &rest[1..];
    }
    Some(extend(base, rest))
}

fn extend(mut base: Module, rest: &[&str]) -> Module {
    base.extend(rest.iter().map(|s| (*s).to_owned()));
    base
}

/// The import graph of the modules under `src/tui`.
fn graph() -> BTreeMap<Module, BTreeSet<Module>> {
    let all: Vec<(Module, PathBuf)> = modules(&src());
    let known: BTreeSet<Module> = all.iter().map(|(m, _)| m.clone()).collect();
    let mut graph = BTreeMap::new();
    for (m, file) in all.iter().filter(|(m, _)| m[0] == "tui") {
        let code = strip(&std::fs::read_to_string(file).unwrap());
        let mut edges = BTreeSet::new();
        imports(m, &code, &known, &mut edges);
        edges.retain(|t| t.first().is_some_and(|t| t == "tui") && t != m);
        graph.insert(m.clone(), edges);
    }
    graph
}

/// The modules that code in module `m` names. Inline modules (`mod tests { … }`) count as
/// part of the file's module.
fn imports(m: &Module, code: &str, known: &BTreeSet<Module>, out: &mut BTreeSet<Module>) {
    let (outer, inline) = inline_modules(code);
    for (name, body) in inline {
        let mut inner = BTreeSet::new();
        imports(
            &extend(m.clone(), &[name.as_str()]),
            &body,
            known,
            &mut inner,
        );
        out.extend(inner.into_iter().filter(|t| !t.starts_with(m)));
    }
    let children: BTreeSet<String> = known
        .iter()
        .filter(|k| k.len() == m.len() + 1 && k.starts_with(m))
        .map(|k| k[m.len()].clone())
        .collect();
    for path in paths(&outer) {
        let Some(mut target) = resolve(m, &children, &path) else {
            continue;
        };
        while !target.is_empty() && !known.contains(&target) {
            target.pop();
        }
        out.insert(target);
    }
}

/// Splits out the inline modules: the code without them, and each one's name and body.
fn inline_modules(code: &str) -> (String, Vec<(String, String)>) {
    let mut outer = String::new();
    let mut inline = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("mod ") {
        let head = &rest[at + 4..];
        let name: String = head
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let after = head[name.len()..].trim_start();
        let starts_word = rest[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        if name.is_empty() || !after.starts_with('{') || !starts_word {
            outer.push_str(&rest[..at + 4]);
            rest = &rest[at + 4..];
            continue;
        }
        outer.push_str(&rest[..at]);
        let open = rest.len() - after.len();
        let mut depth = 0;
        let mut end = rest.len();
        for (i, ch) in rest[open..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + i;
                        break;
                    }
                }
                _ => {}
            }
        }
        inline.push((name, rest[open + 1..end].to_owned()));
        rest = &rest[(end + 1).min(rest.len())..];
    }
    outer.push_str(rest);
    (outer, inline)
}

fn name(m: &Module) -> String {
    m.join("::")
}

/// A cycle through the graph, if there is one.
fn find_cycle(graph: &BTreeMap<Module, BTreeSet<Module>>) -> Option<Vec<Module>> {
    fn visit(
        m: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        stack: &mut Vec<Module>,
        done: &mut BTreeSet<Module>,
    ) -> Option<Vec<Module>> {
        if let Some(at) = stack.iter().position(|s| s == m) {
            let mut cycle = stack[at..].to_vec();
            cycle.push(m.clone());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        stack.push(m.clone());
        for next in graph.get(m).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(m.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_in_tui_imports_a_module_that_imports_it() {
    let graph = graph();
    assert!(graph.len() > 20, "found the tui modules");
    if let Some(cycle) = find_cycle(&graph) {
        let names: Vec<String> = cycle.iter().map(name).collect();
        panic!("import cycle: {}", names.join(" → "));
    }
}

#[test]
fn the_action_module_imports_nothing_from_tui() {
    let graph = graph();
    let action = graph.get(&vec!["tui".to_owned(), "action".to_owned()]);
    let imports: Vec<String> = action.expect("tui::action").iter().map(name).collect();
    assert!(imports.is_empty(), "tui::action imports {imports:?}");
}

#[test]
fn lower_layers_never_name_upper_ones() {
    let forbidden = [
        (
            "model",
            &[
                "crate::search",
                "crate::state",
                "crate::tui",
                "crate::config",
                "crate::cli",
            ][..],
        ),
        (
            "search",
            &["crate::state", "crate::tui", "crate::config", "crate::cli"][..],
        ),
        ("state", &["crate::tui", "crate::config", "crate::cli"][..]),
        ("tui", &["crate::config", "crate::cli"][..]),
        ("config", &["crate::cli"][..]),
    ];
    for (m, file) in modules(&src()) {
        let code = strip(&std::fs::read_to_string(&file).unwrap());
        for (layer, names) in forbidden {
            if m[0] == layer {
                for path in paths(&code) {
                    assert!(
                        !names.iter().any(|n| path.starts_with(n)),
                        "{} names `{path}`",
                        name(&m)
                    );
                }
            }
        }
    }
}

fn t_(s: &str) -> Module {
    s.split("::").map(str::to_owned).collect()
}

#[test]
fn the_checker_sees_imports_in_every_form() {
    let code = strip(
        "use super::{a, b::{self, C}};\n// use crate::tui::x;\nlet s = \"crate::tui::y\";\n\
         pub(crate) use crate::tui::z as w;\nfn f() { child::g(); super::super::h::i(); }",
    );
    let m: Module = vec!["tui".into(), "p".into(), "q".into()];
    let children = BTreeSet::from(["child".to_owned()]);
    let resolved: BTreeSet<String> = paths(&code)
        .iter()
        .filter_map(|p| resolve(&m, &children, p))
        .map(|m| name(&m))
        .collect();
    let expected = [
        "tui::p::a",
        "tui::p::b",
        "tui::p::b::C",
        "tui::z",
        "tui::p::q::child::g",
        "tui::h::i",
    ];
    assert_eq!(
        resolved,
        expected
            .iter()
            .map(|s| (*s).to_owned())
            .collect::<BTreeSet<_>>()
    );
    // An inline test module's `super` is the file's own module.
    let known = BTreeSet::from([t_("tui::p::q"), t_("tui::p"), t_("tui::r")]);
    let mut found = BTreeSet::new();
    let code = strip("mod tests { use super::*; use crate::tui::r::X; }\nfn f() {}");
    imports(&t_("tui::p::q"), &code, &known, &mut found);
    assert_eq!(found, BTreeSet::from([t_("tui::r")]));
    // A cycle is found and named.
    let t = |s: &str| -> Module { s.split("::").map(str::to_owned).collect() };
    let graph = BTreeMap::from([
        (t("tui::a"), BTreeSet::from([t("tui::b")])),
        (t("tui::b"), BTreeSet::from([t("tui::a")])),
    ]);
    assert_eq!(
        find_cycle(&graph).unwrap(),
        [t("tui::a"), t("tui::b"), t("tui::a")]
    );
}
