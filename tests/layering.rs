//! The modules stay in layers, at every level: no module of `src/` reaches back to a sibling that
//! uses it. At the top, content is under every feature, device under water and the diary, app
//! above all; inside a feature, the state under the parts that show it and the browser glue that
//! drives it. A cycle is how a new feature ends up importing the page that shows it, or a state
//! type the code that reads it from the browser.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

type ModulePath = Vec<String>;

/// A file of `src/`: its module path and its code without its tests or comments.
struct Source {
    module: ModulePath,
    code: String,
}

fn sources(dir: &Path, module: &[String], out: &mut Vec<Source>) {
    for entry in fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let mut inner = module.to_vec();
        if path.is_dir() {
            inner.push(name);
            sources(&path, &inner, out);
            continue;
        }
        // A module's tests in a file of their own (`mod tests;`) may use anything.
        if path.extension().is_none_or(|e| e != "rs") || name == "tests" {
            continue;
        }
        if !matches!(name.as_str(), "mod" | "lib" | "main") {
            inner.push(name);
        }
        let text = fs::read_to_string(&path).expect("a source file is readable");
        out.push(Source {
            module: inner,
            code: code_of(&text),
        });
    }
}

/// A file's code without its own tests (which may use anything) or comments.
fn code_of(text: &str) -> String {
    [
        "#[cfg(test)]\nmod tests",
        "#[cfg(test)]\npub(crate) mod tests",
    ]
    .iter()
    .fold(text, |code, tests| {
        code.split(tests).next().unwrap_or_default()
    })
    .lines()
    .map(|line| line.split("//").next().unwrap_or_default())
    .collect::<Vec<_>>()
    .join("\n")
}

fn is_name(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The path that starts `code`, through `::`; one path per member of a `{...}` group.
fn paths_after(code: &str) -> Vec<Vec<String>> {
    let mut segments = Vec::new();
    let mut rest = code;
    loop {
        let name: String = rest.chars().take_while(|&c| is_name(c)).collect();
        if name.is_empty() {
            break;
        }
        segments.push(name.clone());
        rest = &rest[name.len()..];
        match rest.strip_prefix("::") {
            Some(after) => rest = after,
            None => return vec![segments],
        }
    }
    let Some(group) = rest.strip_prefix('{') else {
        return vec![segments];
    };
    let (mut depth, mut start, mut found) = (0, true, Vec::new());
    for (i, ch) in group.char_indices() {
        match ch {
            '{' => depth += 1,
            '}' if depth == 0 => break,
            '}' => depth -= 1,
            ',' if depth == 0 => start = true,
            c if start && depth == 0 && is_name(c) => {
                for tail in paths_after(&group[i..]) {
                    found.push(segments.iter().cloned().chain(tail).collect());
                }
                start = false;
            }
            _ => {}
        }
    }
    found
}

/// The spans of a file's inline `mod name { ... }` blocks, where `super` is the file itself.
fn inline_modules(code: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    for (at, _) in code.match_indices("mod ") {
        let rest = &code[at + 4..];
        let name_len = rest.chars().take_while(|&c| is_name(c)).count();
        if name_len == 0 || !rest[name_len..].trim_start().starts_with('{') {
            continue;
        }
        let open = at + 4 + name_len + rest[name_len..].find('{').unwrap_or(0);
        let mut depth = 0;
        for (i, ch) in code[open..].char_indices() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        spans.push(open..open + i);
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    spans
}

/// Every module a file names through `crate::`, `super::` or `self::`. (A bare `a::b` can
/// only name one of its own children, which is no edge between siblings.)
fn named(source: &Source, modules: &BTreeSet<ModulePath>) -> BTreeSet<ModulePath> {
    let code = &source.code;
    let inline = inline_modules(code);
    let mut found = BTreeSet::new();
    for (at, _) in code.match_indices(|c: char| is_name(c)) {
        let relative = ["crate::", "super::", "self::"];
        if !relative.iter().any(|start| code[at..].starts_with(start))
            || code[..at].ends_with("::")
            || code[..at].ends_with(is_name)
        {
            continue;
        }
        for path in paths_after(&code[at..]) {
            let Some((first, rest)) = path.split_first() else {
                continue;
            };
            let base: ModulePath = match first.as_str() {
                "crate" => Vec::new(),
                "self" => source.module.clone(),
                "super" => {
                    let supers = 1 + rest.iter().take_while(|s| *s == "super").count();
                    // Inside an inline module the first `super` is the file's own module.
                    let inside = inline.iter().any(|span| span.contains(&at));
                    let up = supers - usize::from(inside);
                    let keep = source.module.len().saturating_sub(up);
                    let mut base = source.module[..keep].to_vec();
                    base.extend(rest.iter().skip(supers - 1).cloned());
                    found.insert(base);
                    continue;
                }
                _ => continue,
            };
            let mut full = base;
            full.extend(rest.iter().cloned());
            found.insert(full);
        }
    }
    // Each to the deepest module it names.
    found
        .into_iter()
        .filter_map(|mut path| {
            while !path.is_empty() && !modules.contains(&path) {
                path.pop();
            }
            (!path.is_empty()).then_some(path)
        })
        .collect()
}

/// Per parent module, which of its children use which others.
type Levels = BTreeMap<ModulePath, BTreeMap<String, BTreeSet<String>>>;

fn levels(files: &[Source]) -> Levels {
    let modules: BTreeSet<ModulePath> = files
        .iter()
        .flat_map(|f| (1..=f.module.len()).map(|n| f.module[..n].to_vec()))
        .collect();
    let mut levels = Levels::new();
    for file in files {
        for target in named(file, &modules) {
            let common = file
                .module
                .iter()
                .zip(&target)
                .take_while(|(a, b)| a == b)
                .count();
            // A module using its parent or its own children is no edge between siblings.
            if common < file.module.len() && common < target.len() {
                levels
                    .entry(file.module[..common].to_vec())
                    .or_default()
                    .entry(file.module[common].clone())
                    .or_default()
                    .insert(target[common].clone());
            }
        }
    }
    levels
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

fn cycles(levels: &Levels) -> Vec<String> {
    let mut found = Vec::new();
    for (parent, graph) in levels {
        for module in graph.keys() {
            if let Some(cycle) = cycle_from(module, graph, &mut vec![module.clone()]) {
                let within = if parent.is_empty() {
                    "crate".to_string()
                } else {
                    parent.join("::")
                };
                found.push(format!("in {within}: {}", cycle.join(" -> ")));
                break;
            }
        }
    }
    found
}

fn source(module: &str, code: &str) -> Source {
    Source {
        module: module.split("::").map(str::to_string).collect(),
        code: code_of(code),
    }
}

#[test]
fn no_module_imports_a_sibling_that_imports_it() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &[],
        &mut files,
    );
    let levels = levels(&files);
    assert!(
        levels[&Vec::new()]["app"].contains("content"),
        "the import reading works at the top: {levels:?}"
    );
    let water = vec!["water".to_string(), "tracker".to_string()];
    assert!(
        levels[&water]["browser"].contains("state"),
        "and inside a feature: {levels:?}"
    );
    let found = cycles(&levels);
    assert!(found.is_empty(), "import cycles: {}", found.join("; "));
}

#[test]
fn the_reading_finds_grouped_plain_and_relative_imports() {
    let modules = [
        "ui",
        "device",
        "clock",
        "water",
        "water::log",
        "water::goal",
    ]
    .map(|m| m.split("::").map(str::to_string).collect::<ModulePath>())
    .into();
    let file = source(
        "water::goal",
        "use crate::{ui::PageMeta, device::{self, Key}};\nlet x = crate::clock::now(); // crate::app\nuse super::log::Entry;",
    );
    let found: Vec<String> = named(&file, &modules)
        .into_iter()
        .map(|m| m.join("::"))
        .collect();
    assert_eq!(found, ["clock", "device", "ui", "water::log"]);
}

#[test]
fn a_cycle_inside_a_feature_is_found() {
    let files = [
        source("water", "mod state; mod browser;"),
        source("water::state", "fn save() { super::browser::save() }"),
        source("water::browser", "use super::state::Water;"),
        source("water::browser::files", "use crate::water::state::Water;"),
    ];
    let found = cycles(&levels(&files));
    assert_eq!(found, ["in water: browser -> state -> browser"]);
    // A parent using its children, and children their parent, is no cycle.
    let files = [
        source("water", "use state::Water; mod state;"),
        source("water::state", "use super::GLASS;"),
    ];
    assert!(cycles(&levels(&files)).is_empty());
}
