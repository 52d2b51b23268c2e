//! Fuzz target `search_query`: the body is `lanyard_tests::fuzz::search_query`, which the
//! stable test suite also runs over this target's committed corpus.
#![no_main]

libfuzzer_sys::fuzz_target!(init: lanyard_tests::fuzz::prepare(), |data: &[u8]| lanyard_tests::fuzz::search_query(data));
