//! Attendees: the people an event expects, and the role each one has.

use serde::{Deserialize, Serialize};
use std::fmt;

use crate::{AttendeeId, BadgeCode, CoreError};

/// What a person is at the event; it decides the band printed on the badge.
///
/// The six built-in roles cover most community conferences; an event may
/// add its own (`Custom`), written in lowercase letters, digits and dashes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Role {
    /// A ticket holder with no other role.
    Attendee,
    /// Gives a talk, a tutorial or a keynote.
    Speaker,
    /// Works for a sponsor.
    Sponsor,
    /// A volunteer working the event.
    Staff,
    /// One of the organisers.
    Organizer,
    /// Press and media.
    Press,
    /// A role the event defined itself.
    Custom(String),
}

impl Role {
    /// Reads a role name; the built-in names are matched without regard to case.
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        let name = raw.trim().to_lowercase();
        Ok(match name.as_str() {
            "attendee" => Role::Attendee,
            "speaker" => Role::Speaker,
            "sponsor" => Role::Sponsor,
            "staff" | "volunteer" => Role::Staff,
            "organizer" | "organiser" => Role::Organizer,
            "press" => Role::Press,
            _ => {
                let valid = !name.is_empty()
                    && name.len() <= 30
                    && name.chars().all(|c| c.is_alphanumeric() || c == '-');
                if !valid {
                    return Err(CoreError::BadRole(raw.to_owned()));
                }
                Role::Custom(name)
            }
        })
    }

    /// The stored, lowercase name of the role.
    pub fn as_str(&self) -> &str {
        match self {
            Role::Attendee => "attendee",
            Role::Speaker => "speaker",
            Role::Sponsor => "sponsor",
            Role::Staff => "staff",
            Role::Organizer => "organizer",
            Role::Press => "press",
            Role::Custom(name) => name,
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Role> for String {
    fn from(role: Role) -> String {
        role.as_str().to_owned()
    }
}

impl TryFrom<String> for Role {
    type Error = CoreError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Role::parse(&value)
    }
}

/// The interest categories of an event until its badge template defines
/// its own (green science, blue web, purple games, ...).
pub const DEFAULT_INTERESTS: [&str; 6] = ["science", "web", "games", "data", "devops", "education"];

/// Whether a ticket is good for entry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// Paid or free, good for entry.
    #[default]
    Valid,
    /// Cancelled or refunded in the source system: refused at the desk.
    Cancelled,
}

impl TicketStatus {
    /// Reads a stored status.
    pub fn parse(raw: &str) -> Result<Self, CoreError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "valid" => Ok(TicketStatus::Valid),
            "cancelled" | "canceled" => Ok(TicketStatus::Cancelled),
            _ => Err(CoreError::BadStatus(raw.to_owned())),
        }
    }

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            TicketStatus::Valid => "valid",
            TicketStatus::Cancelled => "cancelled",
        }
    }
}

/// An attendee about to be added to an event (from the demo generator, an
/// import or a walk-in registration).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAttendee {
    /// The name as it is printed and shown, in its own script and order.
    pub display_name: String,
    /// Given name(s).
    pub given_name: String,
    /// Family name(s).
    pub family_name: String,
    /// What friends call them, if anything.
    pub nickname: String,
    /// Contact e-mail; may be empty.
    pub email: String,
    /// Company, university or community.
    pub affiliation: String,
    /// City they come from.
    pub hometown: String,
    /// Country (ISO 3166 alpha-2 where known).
    pub country: String,
    /// Name of the ticket type ("Conference", "Student", ...).
    pub ticket_type: String,
    /// Their role at the event.
    pub role: Role,
    /// Keys of the event's interest categories.
    pub interests: Vec<String>,
    /// The opaque code on their badge.
    pub badge_code: BadgeCode,
    /// Money still owed, in minor units of the event's currency.
    pub amount_due_cents: i64,
    /// A note for the desk, shown at check-in.
    pub note: String,
    /// The order this ticket belongs to in the source system.
    pub order_code: String,
    /// The ticket's id in the source system; re-imports update by it.
    pub external_id: Option<String>,
    /// The secret printed on the source system's ticket; it works as a scan code.
    pub ticket_secret: Option<String>,
    /// Whether the ticket is good for entry.
    pub status: TicketStatus,
}

/// An attendee as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// Row id.
    pub id: AttendeeId,
    /// Everything else, as given when the attendee was added or last changed.
    #[serde(flatten)]
    pub details: NewAttendee,
    /// The reference printed on their source-system ticket (Tito's
    /// "ABCD-1", pretix's "ABC12-1"); it works as a typed code. Only imports
    /// set it, so a correction at the desk never loses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket_reference: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_roles_parse_in_any_case_and_custom_ones_are_kept() {
        assert_eq!(Role::parse("Speaker"), Ok(Role::Speaker));
        assert_eq!(Role::parse("Organiser"), Ok(Role::Organizer));
        assert_eq!(Role::parse("keynote-host"), Ok(Role::Custom("keynote-host".into())));
        assert!(Role::parse("two words").is_err());
        assert!(Role::parse("").is_err());
    }
}
