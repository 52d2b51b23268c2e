//! The cash ledger's entries, their canonical encoding and hash chain, and
//! the expected contents of a drawer.
//!
//! Every drawer has its own chain: entries are numbered 1, 2, 3 ... without
//! gaps, and each entry's hash is SHA-256 over the previous entry's hash and
//! the entry's canonical encoding (every field, in a fixed order, each
//! length-prefixed so that no two entries encode alike). Changing any byte
//! of any stored field changes that entry's hash; [`verify_chain`] names the
//! first entry that no longer matches. A correction is a new entry that
//! points at the one it reverses; nothing is edited or deleted.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::Timestamp;
use crate::cash::Count;

/// The hash before a drawer's first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// How a sale was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Notes and coins, into the drawer.
    Cash,
    /// A card terminal; its reference is recorded.
    Card,
    /// A voucher code.
    Voucher,
    /// Complimentary: no money, a reason and a lead.
    Comp,
}

impl Method {
    /// Every method, in the report's order.
    pub const ALL: [Method; 4] = [Method::Cash, Method::Card, Method::Voucher, Method::Comp];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Cash => "cash",
            Method::Card => "card",
            Method::Voucher => "voucher",
            Method::Comp => "comp",
        }
    }

    /// Parses a stored or typed name.
    pub fn parse(text: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str().eq_ignore_ascii_case(text.trim()))
    }
}

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// The opening float of a shift, counted by denomination.
    Float,
    /// A ticket sold (or an amount owed settled), by any method.
    Sale,
    /// The cash rounding of a sale paid in cash (signed).
    Rounding,
    /// Money given back for an earlier sale (negative; points at it).
    Refund,
    /// An earlier sale cancelled as a mistake (negative; points at it).
    Void,
    /// Cash put into the drawer with a reason.
    PayIn,
    /// Cash taken out of the drawer with a reason (negative).
    PayOut,
    /// Cash taken to the safe, with a bag number and a witness (negative).
    Deposit,
    /// The closing count of a shift, by denomination (not a movement).
    Count,
    /// Counted minus expected at a close (signed; not a movement).
    Difference,
}

impl EntryKind {
    /// Every kind.
    pub const ALL: [EntryKind; 10] = [
        EntryKind::Float,
        EntryKind::Sale,
        EntryKind::Rounding,
        EntryKind::Refund,
        EntryKind::Void,
        EntryKind::PayIn,
        EntryKind::PayOut,
        EntryKind::Deposit,
        EntryKind::Count,
        EntryKind::Difference,
    ];

    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Float => "float",
            EntryKind::Sale => "sale",
            EntryKind::Rounding => "rounding",
            EntryKind::Refund => "refund",
            EntryKind::Void => "void",
            EntryKind::PayIn => "pay_in",
            EntryKind::PayOut => "pay_out",
            EntryKind::Deposit => "deposit",
            EntryKind::Count => "count",
            EntryKind::Difference => "difference",
        }
    }

    /// Parses a stored name.
    pub fn parse(text: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

/// One ledger entry, as stored and as hashed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The drawer (the desk installation's id).
    pub drawer: String,
    /// Its number in the drawer's chain, from 1, without gaps.
    pub seq: i64,
    /// A globally unique id.
    pub uid: String,
    /// The business day it belongs to (`YYYY-MM-DD`, the desk's local date).
    pub day: String,
    /// When it was booked.
    pub at: Timestamp,
    /// The cash shift it was booked in.
    pub shift: String,
    /// The volunteer who booked it.
    pub operator: String,
    /// What it records.
    pub kind: EntryKind,
    /// How a sale (or its reversal) was paid.
    pub method: Option<Method>,
    /// The amount in minor units, signed as it moves money: positive into
    /// the drawer or the takings, negative out (refunds, pay-outs, deposits).
    pub amount: i64,
    /// The ISO 4217 code.
    pub currency: String,
    /// The sale's receipt number.
    pub receipt: Option<String>,
    /// The ticket type sold.
    pub ticket_type: Option<String>,
    /// The attendee's globally unique id, for sales.
    pub attendee: Option<String>,
    /// The card terminal's reference, the voucher code, or a deposit's bag number.
    pub reference: Option<String>,
    /// Why (pay in, pay out, refund, void, comp, a difference's note).
    pub reason: Option<String>,
    /// Who witnessed a deposit.
    pub witness: Option<String>,
    /// The lead who allowed it.
    pub lead: Option<String>,
    /// The uid of the entry this one reverses (a sale, or its rounding).
    pub reverses: Option<String>,
    /// The denominations counted (float and closing count).
    pub count: Option<Count>,
    /// Cash handed over, for a cash sale.
    pub tendered: Option<i64>,
    /// Change given back, for a cash sale.
    pub change: Option<i64>,
    /// The previous entry's hash (the genesis hash for the first).
    pub prev_hash: String,
    /// SHA-256 over `prev_hash` and the canonical encoding, in hex.
    pub hash: String,
}

impl Entry {
    /// The canonical encoding the hash covers: a version line, then every
    /// field in a fixed order as `name=<length>:<value>` (or `name=~` when
    /// absent), one per line.
    pub fn canonical(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(512);
        out.extend_from_slice(b"lanyard-cash-entry-v1\n");
        let mut field = |name: &str, value: Option<&str>| {
            out.extend_from_slice(name.as_bytes());
            out.push(b'=');
            match value {
                Some(v) => {
                    out.extend_from_slice(v.len().to_string().as_bytes());
                    out.push(b':');
                    out.extend_from_slice(v.as_bytes());
                }
                None => out.push(b'~'),
            }
            out.push(b'\n');
        };
        let number = |n: Option<i64>| n.map(|n| n.to_string());
        field("drawer", Some(&self.drawer));
        field("seq", Some(&self.seq.to_string()));
        field("uid", Some(&self.uid));
        field("day", Some(&self.day));
        field("at", Some(&self.at.0.to_string()));
        field("shift", Some(&self.shift));
        field("operator", Some(&self.operator));
        field("kind", Some(self.kind.as_str()));
        field("method", self.method.map(Method::as_str));
        field("amount", Some(&self.amount.to_string()));
        field("currency", Some(&self.currency));
        field("receipt", self.receipt.as_deref());
        field("ticket_type", self.ticket_type.as_deref());
        field("attendee", self.attendee.as_deref());
        field("reference", self.reference.as_deref());
        field("reason", self.reason.as_deref());
        field("witness", self.witness.as_deref());
        field("lead", self.lead.as_deref());
        field("reverses", self.reverses.as_deref());
        field("count", self.count.as_ref().map(Count::canonical).as_deref());
        field("tendered", number(self.tendered).as_deref());
        field("change", number(self.change).as_deref());
        field("prev_hash", Some(&self.prev_hash));
        out
    }

    /// The hash this entry should carry.
    pub fn compute_hash(&self) -> String {
        let digest = Sha256::digest(self.canonical());
        digest.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// Sets `prev_hash` and `hash` to follow `prev` (a drawer's last hash).
    pub fn seal(&mut self, prev: &str) {
        prev.clone_into(&mut self.prev_hash);
        self.hash = self.compute_hash();
    }

    /// How the entry changes the cash in the drawer: floats, pay-ins,
    /// pay-outs, deposits, rounding, and cash sales and their reversals.
    /// Counts and differences record, they do not move money.
    pub fn cash_effect(&self) -> i64 {
        match self.kind {
            EntryKind::Float
            | EntryKind::Rounding
            | EntryKind::PayIn
            | EntryKind::PayOut
            | EntryKind::Deposit => self.amount,
            EntryKind::Sale | EntryKind::Refund | EntryKind::Void if self.method == Some(Method::Cash) => {
                self.amount
            }
            _ => 0,
        }
    }
}

/// The cash a drawer should hold after `entries` (one shift's):
/// opening float + cash sales − cash refunds and voids + paid in − paid out
/// − deposits ± rounding.
pub fn expected_cash<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> i64 {
    entries.into_iter().map(Entry::cash_effect).fold(0, i64::saturating_add)
}

/// A chain that verified: how many entries and its last number and hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainSummary {
    /// Entries checked.
    pub entries: usize,
    /// The last entry's number (0 for an empty drawer).
    pub last_seq: i64,
    /// The last entry's hash (the genesis hash for an empty drawer).
    pub last_hash: String,
}

/// The first entry of a drawer's chain that does not match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainBreak {
    /// The drawer.
    pub drawer: String,
    /// The entry's number as stored.
    pub seq: i64,
    /// What is wrong with it, in words.
    pub problem: String,
}

impl std::fmt::Display for ChainBreak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "drawer {} entry {}: {}", self.drawer, self.seq, self.problem)
    }
}

/// Checks one drawer's entries, in the order of their numbers: numbered
/// 1, 2, 3 ... without gaps, each pointing at the previous hash, each hash
/// matching its fields.
pub fn verify_chain(drawer: &str, entries: &[Entry]) -> Result<ChainSummary, ChainBreak> {
    let mut prev = GENESIS_HASH.to_owned();
    let mut expected_seq = 1;
    for e in entries {
        let broken = |problem: String| ChainBreak { drawer: drawer.to_owned(), seq: e.seq, problem };
        if e.drawer != drawer {
            return Err(broken(format!("belongs to drawer {}", e.drawer)));
        }
        if e.seq != expected_seq {
            return Err(broken(format!(
                "expected entry number {expected_seq}: entries are missing or repeated"
            )));
        }
        if e.prev_hash != prev {
            return Err(broken("does not follow the entry before it (previous hash differs)".to_owned()));
        }
        if e.compute_hash() != e.hash {
            return Err(broken("its contents were changed after it was booked (hash differs)".to_owned()));
        }
        prev.clone_from(&e.hash);
        expected_seq += 1;
    }
    Ok(ChainSummary { entries: entries.len(), last_seq: expected_seq - 1, last_hash: prev })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// An entry with the given kind, method and amount; everything else plain.
    pub(crate) fn entry(seq: i64, kind: EntryKind, method: Option<Method>, amount: i64) -> Entry {
        Entry {
            drawer: "d1".into(),
            seq,
            uid: format!("uid-{seq}"),
            day: "2026-12-01".into(),
            at: Timestamp(1_764_000_000_000 + seq),
            shift: "s1".into(),
            operator: "Ana".into(),
            kind,
            method,
            amount,
            currency: "EUR".into(),
            receipt: None,
            ticket_type: None,
            attendee: None,
            reference: None,
            reason: None,
            witness: None,
            lead: None,
            reverses: None,
            count: None,
            tendered: None,
            change: None,
            prev_hash: String::new(),
            hash: String::new(),
        }
    }

    pub(crate) fn chain(mut entries: Vec<Entry>) -> Vec<Entry> {
        let mut prev = GENESIS_HASH.to_owned();
        for e in &mut entries {
            e.seal(&prev);
            prev.clone_from(&e.hash);
        }
        entries
    }

    #[test]
    fn a_sealed_chain_verifies_and_names_a_changed_entry() {
        let entries = chain(vec![
            entry(1, EntryKind::Float, None, 10_000),
            entry(2, EntryKind::Sale, Some(Method::Cash), 2_500),
            entry(3, EntryKind::Sale, Some(Method::Card), 2_500),
            entry(4, EntryKind::Deposit, None, -5_000),
        ]);
        let summary = verify_chain("d1", &entries).expect("intact");
        assert_eq!((summary.entries, summary.last_seq), (4, 4));
        assert_eq!(expected_cash(&entries), 10_000 + 2_500 - 5_000);

        let mut changed = entries.clone();
        changed[1].amount = 250;
        let err = verify_chain("d1", &changed).expect_err("changed");
        assert_eq!(err.seq, 2);
        assert!(err.problem.contains("changed"), "{err}");

        let mut gap = entries.clone();
        gap.remove(2);
        assert_eq!(verify_chain("d1", &gap).expect_err("gap").seq, 4);
    }

    #[test]
    fn absent_and_empty_fields_encode_differently() {
        let mut a = entry(1, EntryKind::PayIn, None, 100);
        let mut b = a.clone();
        a.reason = None;
        b.reason = Some(String::new());
        assert_ne!(a.canonical(), b.canonical());
        // A value cannot spill into the next field.
        let mut c = entry(1, EntryKind::PayIn, None, 100);
        let mut d = c.clone();
        c.reason = Some("x\nwitness=1:y".into());
        d.reason = Some("x".into());
        d.witness = Some("y".into());
        assert_ne!(c.canonical(), d.canonical());
    }
}
