//! Invariants 1 to 4 of ARCHITECTURE.md, checked on `cargo metadata` and the sources.

use lanyard_tests::workspace_root;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::process::Command;

const GUI: &[&str] = &["tauri", "wry", "tao", "gtk", "webkit", "webkit2gtk", "javascriptcore-rs", "gdk"];

type Graph = (HashMap<String, BTreeSet<String>>, Vec<String>);

/// The resolved dependency graph (package name -> names of its normal
/// dependencies) and the workspace members, read once per test binary.
fn normal_dependency_graph() -> &'static Graph {
    static GRAPH: std::sync::OnceLock<Graph> = std::sync::OnceLock::new();
    GRAPH.get_or_init(read_graph)
}

fn read_graph() -> Graph {
    let output = Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked"])
        .current_dir(workspace_root())
        .output()
        .expect("run cargo metadata");
    assert!(output.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    let meta: Value = serde_json::from_slice(&output.stdout).expect("metadata is JSON");
    let names: HashMap<&str, &str> = meta["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| (p["id"].as_str().expect("id"), p["name"].as_str().expect("name")))
        .collect();
    let mut graph: HashMap<String, BTreeSet<String>> = HashMap::new();
    for node in meta["resolve"]["nodes"].as_array().expect("resolve nodes") {
        let from = names[node["id"].as_str().expect("node id")].to_owned();
        let deps = graph.entry(from).or_default();
        for dep in node["deps"].as_array().expect("deps") {
            let normal = dep["dep_kinds"].as_array().expect("dep kinds").iter().any(|k| k["kind"].is_null());
            if normal {
                deps.insert(names[dep["pkg"].as_str().expect("pkg")].to_owned());
            }
        }
    }
    let members = meta["workspace_members"]
        .as_array()
        .expect("members")
        .iter()
        .map(|id| names[id.as_str().expect("member id")].to_owned())
        .collect();
    (graph, members)
}

fn reachable(graph: &HashMap<String, BTreeSet<String>>, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![start.to_owned()];
    while let Some(name) = stack.pop() {
        for dep in graph.get(&name).into_iter().flatten() {
            if seen.insert(dep.clone()) {
                stack.push(dep.clone());
            }
        }
    }
    seen
}

#[test]
fn crates_under_crates_never_depend_on_the_gui_stack() {
    let (graph, members) = normal_dependency_graph();
    let crates: Vec<&String> =
        members.iter().filter(|m| workspace_root().join("crates").join(m).is_dir()).collect();
    assert!(crates.len() >= 4, "found the domain crates: {crates:?}");
    // A control: the check does see the GUI stack where it really is.
    assert!(reachable(graph, "lanyard-desktop").contains("wry"), "the shell reaches wry");
    for name in crates {
        let bad: Vec<String> = reachable(graph, name)
            .into_iter()
            .filter(|d| GUI.iter().any(|g| d == g || d.starts_with(&format!("{g}-"))))
            .collect();
        assert!(bad.is_empty(), "{name} must not depend on the GUI stack, but reaches {bad:?}");
    }
}

#[test]
fn hosts_reach_the_store_only_through_the_api() {
    let (graph, _) = normal_dependency_graph();
    for host in ["lanyard-cli", "lanyard-desktop"] {
        let direct = graph.get(host).expect("host is in the workspace");
        assert!(direct.contains("lanyard-api"), "{host} depends on lanyard-api");
        for forbidden in ["lanyard-store", "lanyard-badges", "rusqlite", "printpdf"] {
            assert!(!direct.contains(forbidden), "{host} must not depend on {forbidden} directly");
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            if !matches!(path.file_name().and_then(|n| n.to_str()), Some("target" | "gen" | "node_modules")) {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn sql_lives_only_in_the_store() {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    for file in files.iter().filter(|f| !f.starts_with(root.join("crates/lanyard-store"))) {
        let text = std::fs::read_to_string(file).expect("read");
        assert!(
            !text.contains("rusqlite"),
            "{} mentions rusqlite: SQL lives in lanyard-store",
            file.display()
        );
    }
}

#[test]
fn only_the_ui_api_folder_imports_tauri() {
    let root = workspace_root().join("ui/src");
    let mut stack = vec![root.clone()];
    let mut checked = 0;
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read ui dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if !path.extension().is_some_and(|e| e == "ts" || e == "svelte") {
                continue;
            }
            checked += 1;
            let text = std::fs::read_to_string(&path).expect("read");
            if text.contains("@tauri-apps/") {
                assert!(
                    path.starts_with(root.join("api")),
                    "{} imports @tauri-apps: only ui/src/api may",
                    path.display()
                );
            }
        }
    }
    assert!(checked > 3, "the UI sources were found");
}

#[test]
fn pdf_libraries_live_only_in_the_badge_crate() {
    // printpdf is also allowed in lanyard-documents, the crate for printed
    // documents other than badges (receipts, the cash report; decision 0009);
    // qrcode and image stay in the badge crate alone.
    let (graph, members) = normal_dependency_graph();
    for member in members.iter().filter(|m| m.as_str() != "lanyard-badges") {
        let direct = graph.get(member).expect("member in the graph");
        for library in ["printpdf", "qrcode", "image"] {
            if library == "printpdf" && member == "lanyard-documents" {
                continue;
            }
            assert!(!direct.contains(library), "{member} uses {library}: it belongs in lanyard-badges");
        }
    }
    assert!(
        graph.get("lanyard-badges").is_some_and(|d| d.contains("printpdf")),
        "a control: the badge crate uses printpdf"
    );
    assert!(
        graph
            .get("lanyard-documents")
            .is_some_and(|d| d.contains("printpdf") && d.contains("lanyard-badges")),
        "a control: the document crate uses printpdf, and the badge crate for fonts and shaping"
    );
}
