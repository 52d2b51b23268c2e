//! The demo event: a deterministic crowd of international attendees.
//!
//! The name lists come from `assets/demo/names.json`, embedded at compile
//! time. The same seed always gives the same attendees, badge codes
//! included, so tests and screenshots can rely on them.

use serde::Deserialize;
use std::collections::HashSet;

use crate::search::fold;
use crate::{BadgeCode, CoreError, NewAttendee, Role, TicketStatus};

/// The seed used by `lanyard demo` and the first start of the app.
pub const DEFAULT_SEED: u64 = 2026;

/// How many attendees the default demo event has.
pub const DEFAULT_COUNT: usize = 320;

const NAMES_JSON: &str = include_str!("../../../assets/demo/names.json");

/// A generated event: its name and its attendees.
#[derive(Debug, Clone)]
pub struct DemoEvent {
    /// The event's name.
    pub name: String,
    /// Attendees in generation order.
    pub attendees: Vec<NewAttendee>,
}

#[derive(Debug, Deserialize)]
struct Lists {
    event_name: String,
    showcase: Vec<Showcase>,
    cultures: Vec<Culture>,
    affiliations: Vec<String>,
    interests: Vec<String>,
    ticket_types: Vec<Weighted<String>>,
    roles: Vec<WeightedRole>,
    notes: Vec<String>,
}

/// A fixed person at the head of the demo list, so that demos and tests
/// can rely on names such as "José Núñez" being there.
#[derive(Debug, Deserialize)]
struct Showcase {
    culture: String,
    given: String,
    family: String,
}

#[derive(Debug, Deserialize)]
struct Culture {
    key: String,
    country: String,
    order: NameOrder,
    given: Vec<String>,
    family: Vec<String>,
    cities: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum NameOrder {
    GivenFamily,
    FamilyGiven,
    FamilyGivenJoined,
}

#[derive(Debug, Deserialize)]
struct Weighted<T> {
    name: T,
    weight: u32,
}

#[derive(Debug, Deserialize)]
struct WeightedRole {
    role: String,
    weight: u32,
}

/// SplitMix64: a tiny, well-mixed generator, enough for synthetic data.
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        // n is small (list lengths), so the modulo bias is negligible.
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn weighted<'a, T>(&mut self, items: &'a [T], weight: impl Fn(&T) -> u32) -> &'a T {
        let total: u32 = items.iter().map(&weight).sum();
        let mut roll = (self.next() % u64::from(total.max(1))) as u32;
        for item in items {
            let w = weight(item);
            if roll < w {
                return item;
            }
            roll -= w;
        }
        &items[items.len() - 1]
    }
}

/// Generates `count` attendees from `seed`.
pub fn generate(seed: u64, count: usize) -> Result<DemoEvent, CoreError> {
    let lists: Lists = serde_json::from_str(NAMES_JSON).map_err(|e| CoreError::BadDemoData(e.to_string()))?;
    if lists.cultures.iter().any(|c| c.given.is_empty() || c.family.is_empty() || c.cities.is_empty())
        || lists.affiliations.is_empty()
        || lists.ticket_types.is_empty()
        || lists.roles.is_empty()
    {
        return Err(CoreError::BadDemoData("a list is empty".into()));
    }
    let roles: Vec<(Role, u32)> = lists
        .roles
        .iter()
        .map(|r| Role::parse(&r.role).map(|role| (role, r.weight)))
        .collect::<Result<_, _>>()?;

    let mut rng = Rng(seed);
    let mut codes = HashSet::new();
    let mut attendees = Vec::with_capacity(count);
    for n in 0..count {
        let (culture, given, family) = match lists.showcase.get(n) {
            Some(s) => {
                let culture = lists.cultures.iter().find(|c| c.key == s.culture).ok_or_else(|| {
                    CoreError::BadDemoData(format!("showcase culture {:?} is not defined", s.culture))
                })?;
                (culture, s.given.clone(), s.family.clone())
            }
            None => {
                let culture = rng.pick(&lists.cultures);
                (culture, rng.pick(&culture.given).clone(), rng.pick(&culture.family).clone())
            }
        };
        let display_name = match culture.order {
            NameOrder::GivenFamily => format!("{given} {family}"),
            NameOrder::FamilyGiven => format!("{family} {given}"),
            NameOrder::FamilyGivenJoined => format!("{family}{given}"),
        };
        let ascii: String = fold(&format!("{given}.{family}"))
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        let email =
            if ascii.len() > 3 { format!("{ascii}{n}@example.org") } else { format!("guest{n}@example.org") };
        let (role, _) = rng.weighted(&roles, |r| r.1).clone();
        let ticket_type = match role {
            Role::Speaker | Role::Staff | Role::Organizer | Role::Press => "Complimentary".to_owned(),
            Role::Sponsor => "Sponsor pass".to_owned(),
            _ => rng.weighted(&lists.ticket_types, |t| t.weight).name.clone(),
        };
        let mut interests = Vec::new();
        for interest in &lists.interests {
            if rng.below(4) == 0 {
                interests.push(interest.clone());
            }
        }
        let badge_code = loop {
            let code = BadgeCode::from_random(rng.next());
            if codes.insert(code.clone()) {
                break code;
            }
        };
        let note = if rng.below(12) == 0 { rng.pick(&lists.notes).clone() } else { String::new() };
        // Past the showcase, a few people still owe money or hold a
        // cancelled ticket, so that the desk's refusals can be tried.
        let showcase = n < lists.showcase.len();
        let roll = rng.below(40);
        let amount_due_cents = if !showcase && roll == 0 { 2500 } else { 0 };
        let status = if !showcase && roll == 1 { TicketStatus::Cancelled } else { TicketStatus::Valid };
        let order_code = format!("D{:05}", 10_000 + n * 7);
        attendees.push(NewAttendee {
            display_name,
            given_name: given,
            family_name: family,
            nickname: String::new(),
            email,
            affiliation: rng.pick(&lists.affiliations).clone(),
            hometown: rng.pick(&culture.cities).clone(),
            country: culture.country.clone(),
            ticket_type,
            role,
            interests,
            badge_code,
            amount_due_cents,
            note,
            order_code,
            external_id: None,
            ticket_secret: None,
            status,
        });
    }
    Ok(DemoEvent { name: lists.event_name, attendees })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_the_same_event() {
        let a = generate(DEFAULT_SEED, 50).expect("demo data is valid");
        let b = generate(DEFAULT_SEED, 50).expect("demo data is valid");
        assert_eq!(a.attendees, b.attendees);
        let c = generate(DEFAULT_SEED + 1, 50).expect("demo data is valid");
        assert_ne!(a.attendees, c.attendees, "another seed must give other people");
    }

    #[test]
    fn the_showcase_people_come_first() {
        let event = generate(DEFAULT_SEED, 20).expect("demo data is valid");
        let names: Vec<&str> = event.attendees.iter().take(3).map(|a| a.display_name.as_str()).collect();
        assert_eq!(names, ["José Núñez", "Jürgen Müller", "王小明"]);
    }

    #[test]
    fn default_demo_covers_many_scripts_and_roles() {
        let event = generate(DEFAULT_SEED, DEFAULT_COUNT).expect("demo data is valid");
        assert!(event.attendees.len() >= 300);
        let names: String = event.attendees.iter().map(|a| a.display_name.as_str()).collect();
        let has = |range: std::ops::RangeInclusive<u32>| names.chars().any(|c| range.contains(&(c as u32)));
        assert!(has(0x00C0..=0x017F), "Latin with accents");
        assert!(has(0x0370..=0x03FF), "Greek");
        assert!(has(0x0400..=0x04FF), "Cyrillic");
        assert!(has(0x4E00..=0x9FFF), "CJK ideographs");
        assert!(has(0xAC00..=0xD7AF), "Hangul");
        assert!(has(0x0600..=0x06FF), "Arabic");
        assert!(has(0x0590..=0x05FF), "Hebrew");
        assert!(has(0x0900..=0x097F), "Devanagari");
        assert!(has(0x0B80..=0x0BFF), "Tamil");
        assert!(has(0x0E00..=0x0E7F), "Thai");
        assert!(has(0x10A0..=0x10FF), "Georgian");
        assert!(
            event.attendees.iter().any(|a| a.country == "IN" && a.display_name.is_ascii()),
            "Indian names in Latin letters, as most are registered"
        );
        for role in [Role::Speaker, Role::Staff, Role::Sponsor] {
            assert!(event.attendees.iter().any(|a| a.role == role), "some {role}");
        }
        let codes: HashSet<_> = event.attendees.iter().map(|a| &a.badge_code).collect();
        assert_eq!(codes.len(), event.attendees.len(), "badge codes are unique");
    }
}
