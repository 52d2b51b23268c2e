//! The baseline for memory measurements: a Tauri v2 window on an empty page,
//! with Lanyard's configuration but no desk, no database and no UI code.
//! `scripts/measure-desktop` compares the desk's idle memory with this.

use tauri::WebviewUrl;

fn main() {
    let mut context = tauri::generate_context!();
    if let Some(window) = context.config_mut().app.windows.first_mut() {
        window.url = WebviewUrl::App("empty.html".into());
        window.title = "Empty Tauri window".into();
    }
    if let Err(e) = tauri::Builder::default().run(context) {
        eprintln!("empty_window: {e}");
        std::process::exit(1);
    }
}
