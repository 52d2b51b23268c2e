//! End-to-end journeys in the real Lanyard window, driven through WebDriver
//! (Debian's WebKitWebDriver) under Xvfb.
//!
//! Run through `scripts/check`, which builds the app and runs this binary
//! under `xvfb-run`; `LANYARD_E2E_APP` names the app binary.

mod cash; // the cash box: prices, a counted float, a cash sale with change and its badge, a pay-out, a blind close a lead approves, the report
mod desk; // the check-in journey, the duplicate warning, a restart, imports, a lead's unlock, saving badges as a PDF
mod driver; // a small W3C WebDriver client and the driver process
mod measured; // issue 9 measured: keys and in-app time for a scan with printing on check-in, by name, the focus journey, keypress to paint at 50,000, a name in a script not yet shown
mod morning; // the volunteer's first morning (issue 9): scans never lost, namesakes, clicks, duplicates, money owed, the next step, screen sizes
mod opening; // a mistyped database path is explained, nothing is created there
mod print; // badges through a real CUPS queue (cups-pdf), the reprint guard, refusals
