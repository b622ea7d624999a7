//! The shape of the code (issue #12): no import cycle between the Rust files of `app/src` and
//! `server/src`. A file that names `crate::…`, `super::…` or `self::…` items depends on the file
//! that defines them (the nearest module file of the path); two files that depend on each other,
//! directly or through others, are a cycle. It reads paths in the source text (not what macros
//! expand to), so it errs on the side of seeing a dependency.
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The module path of a file under `root` (`ssr/db.rs` → [ssr, db]; `ssr/mod.rs` → [ssr]).
fn module_of(root: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if matches!(
        parts.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        parts.pop();
    }
    parts
}

/// The file defining module `path` (or its nearest enclosing module that has a file).
fn file_of(root: &Path, path: &[String]) -> Option<PathBuf> {
    for n in (0..=path.len()).rev() {
        let candidates = if n == 0 {
            vec![root.join("lib.rs"), root.join("main.rs")]
        } else {
            let base = path[..n].iter().fold(root.to_path_buf(), |b, p| b.join(p));
            vec![base.with_extension("rs"), base.join("mod.rs")]
        };
        if let Some(f) = candidates.into_iter().find(|c| c.is_file()) {
            return Some(f);
        }
    }
    None
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Every `crate::…`, `super::…` or `self::…` path of the source, as (keyword, segments), with
/// one level of `{a, b::c}` groups expanded.
fn paths_in(src: &str) -> Vec<(String, Vec<String>)> {
    let text: String = src
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let chars: Vec<char> = text.chars().collect();
    let mut out = vec![];
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !is_ident(chars[i - 1]);
        let keyword = ["crate", "super", "self"].into_iter().find(|k| {
            starts_word
                && chars[i..].starts_with(&k.chars().collect::<Vec<_>>())
                && chars[i + k.len()..].starts_with(&[':', ':'])
        });
        let Some(keyword) = keyword else {
            i += 1;
            continue;
        };
        let mut j = i + keyword.len();
        let mut segments = vec![];
        let mut groups: Vec<Vec<String>> = vec![];
        while chars[j..].starts_with(&[':', ':']) {
            j += 2;
            if chars.get(j) == Some(&'{') {
                let end = (j..chars.len())
                    .find(|&k| chars[k] == '}')
                    .unwrap_or(chars.len());
                let inner: String = chars[j + 1..end].iter().collect();
                for item in inner.split(',') {
                    let item: Vec<String> = item
                        .trim()
                        .split("::")
                        .map(|s| s.split_whitespace().next().unwrap_or("").to_string())
                        .filter(|s| !s.is_empty() && s != "self" && s != "*")
                        .collect();
                    groups.push(item);
                }
                j = end;
                break;
            }
            let start = j;
            while j < chars.len() && is_ident(chars[j]) {
                j += 1;
            }
            if j == start {
                break;
            }
            segments.push(chars[start..j].iter().collect::<String>());
        }
        if groups.is_empty() {
            out.push((keyword.to_string(), segments));
        } else {
            for g in groups {
                let mut s = segments.clone();
                s.extend(g);
                out.push((keyword.to_string(), s));
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// Files and the files each depends on.
fn graph(roots: &[PathBuf]) -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for root in roots {
        let mut files = vec![];
        rust_files(root, &mut files);
        for file in files {
            let here = module_of(root, &file);
            let src = std::fs::read_to_string(&file).unwrap_or_default();
            for (keyword, segments) in paths_in(&src) {
                let mut module: Vec<String> = match keyword.as_str() {
                    "crate" => vec![],
                    "super" => here[..here.len().saturating_sub(1)].to_vec(),
                    _ => here.clone(),
                };
                let mut segments = segments.as_slice();
                while segments.first().map(String::as_str) == Some("super") {
                    module.pop();
                    segments = &segments[1..];
                }
                module.extend(segments.iter().cloned());
                if let Some(target) = file_of(root, &module)
                    && target != file
                {
                    edges.entry(file.clone()).or_default().insert(target);
                }
            }
        }
    }
    edges
}

/// The groups of files that depend on each other (strongly connected, more than one file).
fn cycles(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    let nodes: Vec<&PathBuf> = edges.keys().collect();
    let reach = |from: &PathBuf| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from.clone()];
        while let Some(n) = todo.pop() {
            for m in edges.get(&n).into_iter().flatten() {
                if seen.insert(m.clone()) {
                    todo.push(m.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&PathBuf, BTreeSet<PathBuf>> =
        nodes.iter().map(|n| (*n, reach(n))).collect();
    let mut done = BTreeSet::new();
    let mut out = vec![];
    for n in &nodes {
        if done.contains(*n) || !reachable[n].contains(*n) {
            continue;
        }
        let group: Vec<PathBuf> = nodes
            .iter()
            .filter(|m| {
                reachable[n].contains(**m) && reachable.get(**m).is_some_and(|r| r.contains(*n))
            })
            .map(|m| (*m).clone())
            .collect();
        done.extend(group.iter().cloned());
        if group.len() > 1 {
            out.push(group);
        }
    }
    out
}

#[test]
fn no_file_depends_on_itself_through_others() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let roots = [repo.join("app/src"), repo.join("server/src")];
    let edges = graph(&roots);
    assert!(
        edges.len() > 50,
        "the checker reads the sources ({})",
        edges.len()
    );
    let found = cycles(&edges);
    let show = |g: &Vec<PathBuf>| {
        g.iter()
            .map(|p| p.strip_prefix(repo).unwrap().display().to_string())
            .collect::<Vec<_>>()
            .join(" ↔ ")
    };
    assert!(
        found.is_empty(),
        "import cycles:\n{}",
        found.iter().map(show).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_checker_sees_a_cycle() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src");
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("lib.rs"), "pub mod a;\n").unwrap();
    std::fs::write(root.join("a/mod.rs"), "pub mod b;\npub mod c;\n").unwrap();
    std::fs::write(
        root.join("a/b.rs"),
        "use super::c::{Thing, other};\npub struct B;\n",
    )
    .unwrap();
    std::fs::write(
        root.join("a/c.rs"),
        "pub struct Thing;\nfn f() -> crate::a::b::B { todo!() }\n",
    )
    .unwrap();
    let found = cycles(&graph(std::slice::from_ref(&root)));
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0], vec![root.join("a/b.rs"), root.join("a/c.rs")]);
    std::fs::write(
        root.join("a/c.rs"),
        "pub struct Thing;\n// crate::a::b::B in a comment\n",
    )
    .unwrap();
    assert!(cycles(&graph(&[root])).is_empty());
}

/// The layers of `app/src`, lowest first: a module imports only modules of lower layers (and its
/// own files). `i` is the generated translations; `lib.rs` (the router) sits on top.
const LAYERS: &[&[&str]] = &[
    &["error", "locale", "countries", "i"],
    &["fields", "words"],
    &["ssr"],
    &["actor", "audit"],
    &["uploads"],
    &["ui"],
    &["mail", "drafts"],
    &["accounts", "home"],
    &["organisations", "staff"],
    &["accreditation", "extranet", "partners"],
    &["layout", "modules", "routes"],
];

/// The top-level module of a file of `app/src` (`accounts/api.rs` → accounts; `lib.rs` → lib).
fn top_module(root: &Path, file: &Path) -> String {
    module_of(root, file)
        .first()
        .cloned()
        .unwrap_or_else(|| "lib".to_string())
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// Module-level imports that go sideways or down-up, as "from → to (file)".
fn wrong_way(root: &Path) -> Vec<String> {
    let edges = graph(&[root.to_path_buf()]);
    let mut out = vec![];
    for (from, targets) in &edges {
        let m = top_module(root, from);
        for to in targets {
            let n = top_module(root, to);
            // lib.rs is the router on top, but also holds the crate-root names every module
            // uses (`AppError`, the generated `i18n`, `label!`): not an upward import.
            if m == n || m == "lib" || n == "lib" {
                continue;
            }
            let ok = matches!((layer_of(&m), layer_of(&n)), (Some(a), Some(b)) if b < a);
            if !ok {
                out.push(format!(
                    "{m} → {n} ({} imports {})",
                    from.strip_prefix(root).unwrap().display(),
                    to.strip_prefix(root).unwrap().display()
                ));
            }
        }
    }
    out
}

#[test]
fn modules_import_only_the_layers_below_them() {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let root = repo.join("app/src");
    let mut modules = vec![];
    for e in std::fs::read_dir(&root).unwrap().flatten() {
        let name = e
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".rs")
            .to_string();
        if name != "lib" {
            modules.push(name);
        }
    }
    let unplaced: Vec<_> = modules.iter().filter(|m| layer_of(m).is_none()).collect();
    assert!(
        unplaced.is_empty(),
        "modules without a layer in LAYERS: {unplaced:?}"
    );
    let wrong = wrong_way(&root);
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_layer_check_sees_an_upward_import() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("src");
    std::fs::create_dir_all(root.join("fields")).unwrap();
    std::fs::write(root.join("lib.rs"), "pub mod fields;\npub mod accounts;\n").unwrap();
    std::fs::write(root.join("fields/mod.rs"), "use crate::accounts::Thing;\n").unwrap();
    std::fs::write(
        root.join("accounts.rs"),
        "pub struct Thing;\nuse crate::fields::*;\n",
    )
    .unwrap();
    let wrong = wrong_way(&root);
    assert_eq!(wrong.len(), 1, "{wrong:?}");
    assert!(wrong[0].starts_with("fields → accounts"), "{wrong:?}");
}
