//! A small W3C WebDriver client over HTTP, and the WebKitWebDriver process
//! it talks to. One driver process per session: it starts the app with the
//! environment given (database path, desk name) and is stopped afterwards.

use anyhow::{Context, Result, anyhow, bail};
use base64::Engine;
use serde_json::{Value, json};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The W3C key for an element reference.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The Enter key, for `send_keys`.
pub const ENTER: &str = "\u{E007}";

/// The Tab key, for `send_keys`.
pub const TAB: &str = "\u{E004}";

/// The Escape key, for `send_keys`.
pub const ESCAPE: &str = "\u{E00C}";

/// The down-arrow key, for `send_keys`.
pub const ARROW_DOWN: &str = "\u{E015}";

/// The Control key, held for a shortcut in [`Session::chord`].
pub const CONTROL: &str = "\u{E009}";

/// The Alt key, held for a shortcut in [`Session::chord`].
pub const ALT: &str = "\u{E00A}";

/// The app binary under test.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("LANYARD_E2E_APP")
        .map(PathBuf::from)
        .unwrap_or_else(|| lanyard_tests::workspace_root().join("target/debug/lanyard-desktop"));
    assert!(
        path.is_file(),
        "the app binary {} is missing: build it first (scripts/check does)",
        path.display()
    );
    path
}

/// A running WebKitWebDriver with one session on the app.
pub struct Session {
    base: String,
    id: String,
    driver: Child,
    agent: ureq::Agent,
}

impl Session {
    /// Starts a driver on a free port and opens the app in a new session.
    pub fn start(app: &Path, env: &[(&str, &Path)]) -> Result<Session> {
        if std::env::var_os("DISPLAY").is_none() {
            bail!("no DISPLAY: run the end-to-end tests under xvfb-run (scripts/check does)");
        }
        let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
        let log = std::fs::File::create(std::env::temp_dir().join(format!("lanyard-webdriver-{port}.log")))?;
        let mut command = Command::new("WebKitWebDriver");
        command
            .arg(format!("--port={port}"))
            .env("TAURI_WEBVIEW_AUTOMATION", "true")
            .stdin(Stdio::null())
            .stdout(log.try_clone()?)
            .stderr(log);
        for (key, value) in env {
            command.env(key, value);
        }
        let driver = command.spawn().context("start WebKitWebDriver (Debian package webkit2gtk-driver)")?;
        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(60)).build();
        let base = format!("http://127.0.0.1:{port}");
        let mut session = Session { base, id: String::new(), driver, agent };
        session.wait_for_driver()?;
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "webkitgtk:browserOptions": { "binary": app, "args": [] }
        }}});
        let created = session.post("/session", &caps)?;
        session.id =
            created["sessionId"].as_str().ok_or_else(|| anyhow!("no session id in {created}"))?.to_owned();
        Ok(session)
    }

    fn wait_for_driver(&self) -> Result<()> {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if self.agent.get(&format!("{}/status", self.base)).call().is_ok() {
                return Ok(());
            }
            if Instant::now() > deadline {
                bail!("WebKitWebDriver did not answer on {}", self.base);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn url(&self, path: &str) -> String {
        if self.id.is_empty() {
            format!("{}{path}", self.base)
        } else {
            format!("{}/session/{}{path}", self.base, self.id)
        }
    }

    fn answer(result: Result<ureq::Response, ureq::Error>) -> Result<Value> {
        let response = match result {
            Ok(r) => r,
            Err(ureq::Error::Status(code, r)) => {
                let body = r.into_string().unwrap_or_default();
                bail!("WebDriver answered {code}: {body}");
            }
            Err(e) => return Err(e.into()),
        };
        let body: Value = response.into_json()?;
        Ok(body["value"].clone())
    }

    fn post(&self, path: &str, body: &Value) -> Result<Value> {
        let url = if path == "/session" { format!("{}/session", self.base) } else { self.url(path) };
        Self::answer(self.agent.post(&url).send_json(body.clone()))
    }

    fn get(&self, path: &str) -> Result<Value> {
        Self::answer(self.agent.get(&self.url(path)).call())
    }

    /// Finds all elements matching a CSS selector (possibly none).
    pub fn find_all(&self, css: &str) -> Result<Vec<String>> {
        let found = self.post("/elements", &json!({ "using": "css selector", "value": css }))?;
        Ok(found
            .as_array()
            .map(|a| a.iter().filter_map(|e| e[ELEMENT].as_str().map(str::to_owned)).collect())
            .unwrap_or_default())
    }

    /// Waits until an element matching `css` exists and returns it.
    pub fn wait_for(&self, css: &str) -> Result<String> {
        self.wait_until(css, |_| true)
    }

    /// Waits until an element matching `css` has text satisfying `ok`.
    pub fn wait_until(&self, css: &str, ok: impl Fn(&str) -> bool) -> Result<String> {
        let deadline = Instant::now() + Duration::from_secs(15);
        let mut last = String::new();
        loop {
            for element in self.find_all(css)? {
                let text = self.text(&element).unwrap_or_default();
                if ok(&text) {
                    return Ok(element);
                }
                last = text;
            }
            if Instant::now() > deadline {
                let shot = lanyard_tests::workspace_root().join("target/e2e/failure.png");
                let saved = self.screenshot(&shot).map_or_else(
                    |e| format!("no screenshot: {e}"),
                    |()| format!("screenshot in {}", shot.display()),
                );
                bail!("timed out waiting for {css:?} (last text seen: {last:?}; {saved})");
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The visible text of an element.
    pub fn text(&self, element: &str) -> Result<String> {
        Ok(self.get(&format!("/element/{element}/text"))?.as_str().unwrap_or_default().to_owned())
    }

    /// An attribute of an element.
    pub fn attribute(&self, element: &str, name: &str) -> Result<Option<String>> {
        Ok(self.get(&format!("/element/{element}/attribute/{name}"))?.as_str().map(str::to_owned))
    }

    /// A DOM property of an element (such as an input's `value`).
    pub fn property(&self, element: &str, name: &str) -> Result<String> {
        Ok(self.get(&format!("/element/{element}/property/{name}"))?.as_str().unwrap_or_default().to_owned())
    }

    /// Runs a script in the page and returns its result.
    pub fn execute(&self, script: &str) -> Result<Value> {
        self.post("/execute/sync", &json!({ "script": script, "args": [] }))
    }

    /// Waits until the element with this `data-testid` has the keyboard focus
    /// (autofocus runs a little after the element appears).
    pub fn wait_for_focus(&self, testid: &str) -> Result<String> {
        let element = self.wait_for(&format!("[data-testid={testid}]"))?;
        let script =
            format!("return document.activeElement && document.activeElement.dataset.testid === '{testid}';");
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.execute(&script)? != Value::Bool(true) {
            if Instant::now() > deadline {
                bail!("{testid} never got the focus");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(element)
    }

    /// Clicks an element.
    pub fn click(&self, element: &str) -> Result<()> {
        self.post(&format!("/element/{element}/click"), &json!({}))?;
        Ok(())
    }

    /// Types into an element.
    pub fn send_keys(&self, element: &str, text: &str) -> Result<()> {
        self.post(&format!("/element/{element}/value"), &json!({ "text": text }))?;
        Ok(())
    }

    /// Types `text` into whatever has the focus, key by key, as a keyboard
    /// (or a scanner, which is one) does: W3C actions, not an element's
    /// "send keys", which would focus the element first.
    pub fn keys(&self, text: &str) -> Result<()> {
        let actions: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                let key = c.to_string();
                [json!({ "type": "keyDown", "value": key }), json!({ "type": "keyUp", "value": key })]
            })
            .collect();
        self.perform_keys(actions)
    }

    /// Presses `key` with `modifier` held (`CONTROL` and "p"), on whatever has the focus.
    pub fn chord(&self, modifier: &str, key: &str) -> Result<()> {
        self.perform_keys(vec![
            json!({ "type": "keyDown", "value": modifier }),
            json!({ "type": "keyDown", "value": key }),
            json!({ "type": "keyUp", "value": key }),
            json!({ "type": "keyUp", "value": modifier }),
        ])
    }

    fn perform_keys(&self, actions: Vec<Value>) -> Result<()> {
        let body = json!({ "actions": [{ "type": "key", "id": "keyboard", "actions": actions }] });
        self.post("/actions", &body)?;
        Ok(())
    }

    /// Resizes the window (its outer size; the page reads `innerWidth` and `innerHeight`).
    pub fn set_window_size(&self, width: u32, height: u32) -> Result<()> {
        self.post("/window/rect", &json!({ "width": width, "height": height }))?;
        Ok(())
    }

    /// The `data-testid` of the element that has the keyboard focus, or the tag name if it has none.
    pub fn focused(&self) -> Result<String> {
        let v = self.execute(
            "const e = document.activeElement; return e ? (e.dataset.testid || e.tagName.toLowerCase()) : '';",
        )?;
        Ok(v.as_str().unwrap_or_default().to_owned())
    }

    /// Saves a PNG screenshot of the window.
    ///
    /// WebKitWebDriver takes it after the window's next paint. Drawn
    /// without compositing (decision 0013), WebKit paints only what
    /// changes, so a screen at rest would keep the request waiting for
    /// ever: a one-pixel mark in the corner, nearly transparent, changes
    /// colour at every frame until the screenshot is taken.
    pub fn screenshot(&self, path: &Path) -> Result<()> {
        self.execute(
            "const m = document.createElement('div'); m.id = '__lanyard_paint';\
             m.style.cssText = 'position:fixed;left:0;top:0;width:1px;height:1px;opacity:0.02;pointer-events:none;z-index:2147483647';\
             document.body.append(m); let n = 0;\
             const tick = () => { if (!m.isConnected) return; m.style.background = (n++ % 2) ? '#000' : '#fff'; requestAnimationFrame(tick); };\
             requestAnimationFrame(tick);",
        )?;
        let encoded = self.get("/screenshot");
        self.execute("document.getElementById('__lanyard_paint')?.remove();")?;
        let encoded = encoded?;
        let png = base64::engine::general_purpose::STANDARD.decode(encoded.as_str().unwrap_or_default())?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, png)?;
        Ok(())
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        // Close the session (and with it the app), also when the test failed.
        if !self.id.is_empty() {
            let _ = self.agent.delete(&self.url("")).call();
        }
        // SIGTERM lets the driver stop its own children; SIGKILL only if it hangs.
        let _ = Command::new("kill").arg("-TERM").arg(self.driver.id().to_string()).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.driver.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}
