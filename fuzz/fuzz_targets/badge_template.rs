//! Fuzz target `badge_template`: the body is `lanyard_tests::fuzz::badge_template`, which the
//! stable test suite also runs over this target's committed corpus.
#![no_main]

libfuzzer_sys::fuzz_target!(init: lanyard_tests::fuzz::prepare(), |data: &[u8]| lanyard_tests::fuzz::badge_template(data));
