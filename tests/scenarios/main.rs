//! Desk stories told through lanyard-api, on real SQLite files, with a fixed clock.

mod checkin; // checking in by search and by scan, refusals, replays, restarts
mod opening; // opening databases: demo on first start, refusing foreign files
mod search; // finding anyone by a few letters, in any script
