//! The check-in rule: who may be checked in, and what a refusal says.
//!
//! The store enforces "one active check-in per attendee" with a unique
//! index as a last line of defence; this module decides first and explains.

use serde::{Deserialize, Serialize};

use crate::{AttendeeId, DeskName, OperatorName, Timestamp};

/// A recorded arrival: who arrived, when, at which desk, and who let them in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    /// The attendee who arrived.
    pub attendee_id: AttendeeId,
    /// When the desk confirmed the arrival.
    pub at: Timestamp,
    /// The desk that did it.
    pub desk: DeskName,
    /// The volunteer at that desk.
    pub operator: OperatorName,
}

/// Why a check-in was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CheckInRefusal {
    /// The attendee already arrived; the first arrival is returned so the
    /// desk can say when, where and by whom.
    AlreadyCheckedIn(CheckIn),
}

/// Decides whether an attendee may be checked in now, given their current
/// (not undone) check-in if there is one.
pub fn decide(existing: Option<&CheckIn>) -> Result<(), CheckInRefusal> {
    match existing {
        Some(first) => Err(CheckInRefusal::AlreadyCheckedIn(first.clone())),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_check_in_is_refused_with_the_first_arrival() {
        let first = CheckIn {
            attendee_id: AttendeeId(7),
            at: Timestamp(1_000),
            desk: DeskName::parse("Desk 1").expect("valid desk name"),
            operator: OperatorName::parse("Anna").expect("valid operator"),
        };
        assert_eq!(decide(None), Ok(()));
        assert_eq!(decide(Some(&first)), Err(CheckInRefusal::AlreadyCheckedIn(first.clone())));
    }
}
