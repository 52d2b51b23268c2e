//! Every Tauri command is registered, listed in build.rs and granted in the
//! capability file; the shell has no file-system or shell plugin and a strict CSP.

use lanyard_tests::workspace_root;
use serde_json::Value;
use std::collections::BTreeSet;

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("{start:?} not found")) + start.len();
    let to = text[from..].find(end).unwrap_or_else(|| panic!("{end:?} not found after {start:?}"));
    &text[from..from + to]
}

fn words(list: &str, strip: &str) -> BTreeSet<String> {
    list.split(',')
        .map(|w| w.trim().trim_matches('"').trim_start_matches(strip).to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

#[test]
fn commands_are_registered_listed_and_granted_alike() {
    let root = workspace_root().join("src-tauri");
    let build = std::fs::read_to_string(root.join("build.rs")).expect("build.rs");
    let main = std::fs::read_to_string(root.join("src/main.rs")).expect("main.rs");
    let listed = words(between(&build, "COMMANDS: &[&str] = &[", "]"), "");
    let handled = words(between(&main, "generate_handler![", "]"), "commands::");
    let capability: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("capabilities/desk.json")).expect("capability"),
    )
    .expect("capability is JSON");
    // Besides the app's own commands, the window may only listen to the
    // engine's change events (lanyard://changed).
    let core_events = ["core:event:allow-listen", "core:event:allow-unlisten"];
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("plain permission"))
        .collect();
    for p in permissions.iter().filter(|p| p.starts_with("core:")) {
        assert!(
            core_events.contains(p),
            "{p}: the window may use no core permission but listening to events"
        );
    }
    let granted: BTreeSet<String> = permissions
        .iter()
        .filter(|p| !p.starts_with("core:"))
        .map(|p| p.trim_start_matches("allow-").replace('-', "_"))
        .collect();
    assert!(!listed.is_empty());
    assert_eq!(listed, handled, "build.rs COMMANDS and generate_handler! list the same commands");
    assert_eq!(listed, granted, "each command is granted in capabilities/desk.json, and nothing else");
}

#[test]
fn the_shell_has_no_fs_or_shell_plugin_and_a_strict_csp() {
    let root = workspace_root().join("src-tauri");
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
    for plugin in ["tauri-plugin-fs", "tauri-plugin-shell"] {
        assert!(!manifest.contains(plugin), "src-tauri must not use {plugin}");
    }
    let conf: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("tauri.conf.json")).expect("conf"))
            .expect("JSON");
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP is set");
    assert!(csp.contains("default-src 'self'"), "CSP: {csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "CSP allows unsafe code: {csp}");
    assert!(conf["build"].get("devUrl").is_none(), "no devUrl: the binary must carry its UI");
}
