//! Instants in UTC and the clock they come from.
//!
//! Business logic never calls the system clock: it asks a [`Clock`], which
//! hosts provide and tests fix, so that every recorded time is exact in tests.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::CoreError;

/// An instant, in milliseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Formats as RFC 3339 in UTC with milliseconds, the form stored in `_at` columns.
    pub fn to_rfc3339(self) -> String {
        let nanos = i128::from(self.0) * 1_000_000;
        match OffsetDateTime::from_unix_timestamp_nanos(nanos) {
            Ok(t) => {
                let (y, mo, d) = (t.year(), u8::from(t.month()), t.day());
                let (h, mi, s, ms) = (t.hour(), t.minute(), t.second(), t.millisecond());
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{ms:03}Z")
            }
            // Out of the representable range: cannot come from a real clock.
            Err(_) => format!("@{}ms", self.0),
        }
    }

    /// Parses the RFC 3339 form written by [`Timestamp::to_rfc3339`].
    pub fn parse_rfc3339(text: &str) -> Result<Self, CoreError> {
        let t = OffsetDateTime::parse(text, &Rfc3339)
            .map_err(|_| CoreError::BadTimestamp { text: text.to_owned() })?;
        let millis = t.unix_timestamp_nanos() / 1_000_000;
        i64::try_from(millis).map(Timestamp).map_err(|_| CoreError::BadTimestamp { text: text.to_owned() })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

/// Where the current time comes from.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current instant, on the wall clock (which a person can set).
    fn now(&self) -> Timestamp;

    /// Milliseconds on a clock that only moves forward, at the pace of real
    /// time, whatever is done to the wall clock; its origin means nothing.
    /// Rules that a wrong or moved wall clock must not bend (a PIN lock, a
    /// lead's grant) measure their durations with it.
    fn monotonic_millis(&self) -> i64;

    /// The desk's offset from UTC at `at`, in minutes: which local date a
    /// moment belongs to (the cash box's business day). UTC unless the
    /// clock knows better.
    fn utc_offset_minutes(&self, _at: Timestamp) -> i32 {
        0
    }
}

/// A clock for tests: it returns a set instant, advanced by hand.
#[derive(Debug)]
pub struct FixedClock {
    wall: AtomicI64,
    monotonic: AtomicI64,
}

impl FixedClock {
    /// A clock stopped at `at`.
    pub fn new(at: Timestamp) -> Self {
        FixedClock { wall: AtomicI64::new(at.0), monotonic: AtomicI64::new(0) }
    }

    /// Lets `millis` of time pass: both clocks move.
    pub fn advance(&self, millis: i64) {
        self.wall.fetch_add(millis, Ordering::SeqCst);
        self.monotonic.fetch_add(millis.max(0), Ordering::SeqCst);
    }

    /// Sets the wall clock forward (or, negative, back) by `millis` without
    /// any time passing: what a person changing the desk's clock does.
    pub fn jump(&self, millis: i64) {
        self.wall.fetch_add(millis, Ordering::SeqCst);
    }
}

impl Clock for FixedClock {
    fn now(&self) -> Timestamp {
        Timestamp(self.wall.load(Ordering::SeqCst))
    }

    fn monotonic_millis(&self) -> i64 {
        self.monotonic.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_with_milliseconds() {
        let t = Timestamp(1_795_338_123_456);
        let text = t.to_rfc3339();
        assert_eq!(text, "2026-11-22T09:02:03.456Z");
        assert_eq!(Timestamp::parse_rfc3339(&text), Ok(t));
    }

    #[test]
    fn fixed_clock_advances_only_when_told() {
        let clock = FixedClock::new(Timestamp(1000));
        assert_eq!(clock.now(), Timestamp(1000));
        clock.advance(500);
        assert_eq!((clock.now(), clock.monotonic_millis()), (Timestamp(1500), 500));
        clock.jump(-10_000);
        assert_eq!(
            (clock.now(), clock.monotonic_millis()),
            (Timestamp(-8500), 500),
            "a jump is not time passing"
        );
    }
}
