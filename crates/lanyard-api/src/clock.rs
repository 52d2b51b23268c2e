//! The real clock, for hosts. Tests use `lanyard_core::FixedClock`.

use lanyard_core::{Clock, Timestamp};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The system's wall clock, in UTC.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let millis = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        Timestamp(i64::try_from(millis).unwrap_or(i64::MAX))
    }

    fn monotonic_millis(&self) -> i64 {
        static ORIGIN: OnceLock<Instant> = OnceLock::new();
        let origin = ORIGIN.get_or_init(Instant::now);
        i64::try_from(origin.elapsed().as_millis()).unwrap_or(i64::MAX)
    }

    /// The system's time zone (`TZ`, else /etc/localtime), read once; UTC
    /// when it cannot be read.
    fn utc_offset_minutes(&self, at: Timestamp) -> i32 {
        static ZONE: OnceLock<jiff::tz::TimeZone> = OnceLock::new();
        let zone = ZONE.get_or_init(jiff::tz::TimeZone::system);
        jiff::Timestamp::from_millisecond(at.0).map_or(0, |t| zone.to_offset(t).seconds() / 60)
    }
}
