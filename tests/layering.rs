//! The modules stay in layers: no top-level module of `src/` reaches back to one that uses it
//! (content is under every feature, device under water and the diary, app above all). A cycle
//! is how a new feature ends up importing the page that shows it.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

/// The top-level module each file of `src/` belongs to, and the text it imports from.
fn sources(dir: &Path, top: Option<&str>, out: &mut Vec<(String, String)>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let module = top.map_or(name.clone(), str::to_string);
        if path.is_dir() {
            sources(&path, Some(&module), out);
        } else if path.extension().is_some_and(|e| e == "rs")
            && !matches!(module.as_str(), "lib" | "main")
            // A module's tests in a file of their own (`mod tests;`) may use anything too.
            && name != "tests"
        {
            let text = fs::read_to_string(&path).expect("a source file is readable");
            // A file's own tests may use anything.
            let code = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default();
            out.push((module, code.to_string()));
        }
    }
}

/// `crate::name` paths and the first names inside `use crate::{a, b::c}`.
fn modules_named(code: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let code: String = code
        .lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n");
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut start = true;
            for (i, ch) in group.char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && (c.is_alphanumeric() || c == '_') => {
                        let name: String = group[i..]
                            .chars()
                            .take_while(|c| c.is_alphanumeric() || *c == '_')
                            .collect();
                        names.insert(name);
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            names.insert(name);
        }
    }
    names
}

fn cycle_from(
    module: &str,
    graph: &BTreeMap<String, BTreeSet<String>>,
    path: &mut Vec<String>,
) -> Option<Vec<String>> {
    for next in graph.get(module).into_iter().flatten() {
        if let Some(at) = path.iter().position(|m| m == next) {
            let mut cycle = path[at..].to_vec();
            cycle.push(next.clone());
            return Some(cycle);
        }
        path.push(next.clone());
        if let Some(cycle) = cycle_from(next, graph, path) {
            return Some(cycle);
        }
        path.pop();
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        None,
        &mut files,
    );
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, code) in &files {
        let uses = modules_named(code)
            .into_iter()
            .filter(|name| name != module);
        graph.entry(module.clone()).or_default().extend(uses);
    }
    assert!(
        graph["app"].contains("content"),
        "the import reading works: {graph:?}"
    );
    for module in graph.keys() {
        let cycle = cycle_from(module, &graph, &mut vec![module.clone()]);
        assert!(
            cycle.is_none(),
            "an import cycle: {}",
            cycle.unwrap_or_default().join(" -> ")
        );
    }
}

#[test]
fn the_reading_finds_grouped_and_plain_imports() {
    let code = "use crate::{ui::PageMeta, device::{self, Key}};\nlet x = crate::clock::now(); // crate::app";
    let found: Vec<String> = modules_named(code).into_iter().collect();
    assert_eq!(found, ["clock", "device", "ui"]);
}
