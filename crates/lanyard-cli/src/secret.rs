//! PINs at the command line, and text from the data made safe to print.
//!
//! A PIN is never taken as a visible argument while a person sits at a
//! terminal (`ps` and the shell history would show it): at a terminal it is
//! asked for without echo; a script passes it in `LANYARD_PIN` (or
//! `LANYARD_NEW_PIN`) or on standard input. Names and other data printed to
//! the terminal have their control characters (C0, C1, ANSI escapes) and
//! bidi controls escaped, so a name cannot rewrite the screen or reorder the
//! line around it.

use anyhow::Context;
use lanyard_api::dto::LeadAuth;
use std::io::{BufRead, IsTerminal};

/// The lead named on the command line, whose PIN is read when needed.
#[derive(Debug)]
pub struct Lead {
    /// `--lead`.
    pub name: Option<String>,
    /// `--pin`, refused at a terminal.
    pub pin_flag: Option<String>,
}

impl Lead {
    /// The lead's name and PIN, or `None` when no lead was named (the api
    /// then refuses a lead's action with `lead_required`).
    pub fn auth(&self) -> anyhow::Result<Option<LeadAuth>> {
        let Some(name) = &self.name else { return Ok(None) };
        let pin = read_secret("LANYARD_PIN", self.pin_flag.as_deref(), &format!("PIN of {name}: "))?;
        Ok(Some(LeadAuth::pin(name, &pin)))
    }
}

/// The PIN of a new lead: asked twice at a terminal, else from
/// `LANYARD_NEW_PIN` or standard input.
pub fn new_pin(name: &str) -> anyhow::Result<String> {
    let pin = read_secret("LANYARD_NEW_PIN", None, &format!("new PIN for {name} (6 to 12 digits): "))?;
    if std::io::stdin().is_terminal() && std::env::var_os("LANYARD_NEW_PIN").is_none() {
        let again = rpassword::prompt_password("the same PIN again: ").context("cannot read the PIN")?;
        anyhow::ensure!(again == pin, "the two PINs differ: nothing was changed");
    }
    Ok(pin)
}

fn read_secret(env: &str, flag: Option<&str>, prompt: &str) -> anyhow::Result<String> {
    let terminal = std::io::stdin().is_terminal();
    if let Some(pin) = flag {
        anyhow::ensure!(
            !terminal,
            "do not type a PIN on the command line (others can read it): leave --pin out and type it when asked"
        );
        return Ok(pin.to_owned());
    }
    if let Ok(pin) = std::env::var(env) {
        return Ok(pin);
    }
    if terminal {
        return rpassword::prompt_password(prompt).context("cannot read the PIN");
    }
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).context("cannot read the PIN from standard input")?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// `text` with control and bidi characters escaped for a terminal.
pub fn shown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let bidi = matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{061c}');
        if c.is_control() || bidi {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_drive_the_terminal() {
        assert_eq!(shown("José Núñez"), "José Núñez");
        assert_eq!(shown("محمد"), "محمد");
        assert_eq!(shown("Eve\u{1b}[2J\u{1b}[31m"), "Eve\\u{1b}[2J\\u{1b}[31m");
        assert_eq!(shown("x\u{9b}31m"), "x\\u{9b}31m", "a C1 control sequence introducer");
        assert_eq!(shown("a\u{202e}evil"), "a\\u{202e}evil");
        assert_eq!(shown("line\nbreak"), "line\\u{a}break");
    }
}
