//! The check-in rule: who may be checked in, and what a refusal says.
//!
//! The store enforces "one active check-in per attendee" with a unique
//! index as a last line of defence; this module decides first and explains.

use serde::{Deserialize, Serialize};

use crate::{AttendeeId, DeskName, NewAttendee, OperatorName, TicketStatus, Timestamp};

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
    /// The ticket was cancelled in the source system.
    Cancelled,
    /// Money is still owed, in minor units of the event's currency.
    AmountDue(i64),
}

/// Decides whether an attendee may be checked in now, given their current
/// (not undone) check-in if there is one. A duplicate is reported first (it
/// is the most useful thing to tell), then a cancelled ticket, then money due.
pub fn decide(attendee: &NewAttendee, existing: Option<&CheckIn>) -> Result<(), CheckInRefusal> {
    if let Some(first) = existing {
        return Err(CheckInRefusal::AlreadyCheckedIn(first.clone()));
    }
    if attendee.status == TicketStatus::Cancelled {
        return Err(CheckInRefusal::Cancelled);
    }
    if attendee.amount_due_cents > 0 {
        return Err(CheckInRefusal::AmountDue(attendee.amount_due_cents));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attendee() -> NewAttendee {
        crate::demo::generate(1, 1).expect("demo data").attendees.remove(0)
    }

    #[test]
    fn second_check_in_is_refused_with_the_first_arrival() {
        let a = attendee();
        let first = CheckIn {
            attendee_id: AttendeeId(7),
            at: Timestamp(1_000),
            desk: DeskName::parse("Desk 1").expect("valid desk name"),
            operator: OperatorName::parse("Anna").expect("valid operator"),
        };
        assert_eq!(decide(&a, None), Ok(()));
        assert_eq!(decide(&a, Some(&first)), Err(CheckInRefusal::AlreadyCheckedIn(first.clone())));
    }

    #[test]
    fn cancelled_tickets_and_money_due_are_refused() {
        let mut a = attendee();
        a.amount_due_cents = 2500;
        assert_eq!(decide(&a, None), Err(CheckInRefusal::AmountDue(2500)));
        a.status = TicketStatus::Cancelled;
        assert_eq!(decide(&a, None), Err(CheckInRefusal::Cancelled), "cancelled wins over money due");
    }
}
