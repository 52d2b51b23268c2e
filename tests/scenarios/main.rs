//! Desk stories told through lanyard-api, on real SQLite files, with a fixed clock.

mod backup; // verified private backups, the last twenty kept, restores that refuse bad files
mod cash; // the cash box through a whole day, and its ledger's protections
mod checkin; // checking in by search and by scan, refusals, replays, restarts
mod cli; // the real `lanyard` binary: pipes, codes resolved by the api
mod codes; // the codes on pretix, Tito and Eventbrite tickets, scanned, typed and searched
mod desk_work; // walk-ins, corrections, the live view, the CSV export
mod engine; // many callers at once, the write path, shifts, the change feed, unique ids
mod faults; // a full disk, a held lock, a file moved away or made unwritable: plain words, nothing partial
mod fuzz_corpora; // the fuzz targets' committed corpora, replayed on stable
mod import; // CSV exports of pretix, Tito, Eventbrite and hand-mapped files
mod leads; // leads' PINs, undoing check-ins, the lock-out
mod opening; // opening databases: demo on first start, refusing foreign files
mod privileges; // every lead's action refused without a lead
mod search; // finding anyone by a few letters, in any script
