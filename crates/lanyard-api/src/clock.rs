//! The real clock, for hosts. Tests use `lanyard_core::FixedClock`.

use lanyard_core::{Clock, Timestamp};
use std::time::{SystemTime, UNIX_EPOCH};

/// The system's wall clock, in UTC.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let millis = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        Timestamp(i64::try_from(millis).unwrap_or(i64::MAX))
    }
}
