//! Search normalisation and the in-memory attendee index.
//!
//! Folding makes case, accents and common transliterations irrelevant:
//! "José Núñez" is indexed as `jose nunez`, "Müller" as both `muller` and
//! `mueller`, "Łukasz" as `lukasz`, "Bjørn" as `bjorn`. Words are matched by
//! prefix in any order; runs of CJK characters (which have no spaces between
//! words) are matched by any substring, so `小明` finds "王小明".
//!
//! The index lives in memory and is rebuilt from the store at start-up; it
//! owns no data that is not also in the store.

use std::collections::HashMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::AttendeeId;

/// Folds text for matching: compatibility decomposition, combining marks
/// removed, letters without a decomposition mapped by hand, lowercase.
pub fn fold(text: &str) -> String {
    fold_with(text, Umlauts::Drop)
}

/// How German umlauts are folded: `ü` as `u` (drop the dots) or as `ue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Umlauts {
    Drop,
    Expand,
}

fn fold_with(text: &str, umlauts: Umlauts) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if umlauts == Umlauts::Expand {
            let expanded = match ch {
                'ä' | 'Ä' => Some("ae"),
                'ö' | 'Ö' => Some("oe"),
                'ü' | 'Ü' => Some("ue"),
                _ => None,
            };
            if let Some(e) = expanded {
                out.push_str(e);
                continue;
            }
        }
        for d in std::iter::once(ch).nfkd() {
            if is_combining_mark(d) {
                continue;
            }
            match d {
                'ł' | 'Ł' | 'ŀ' | 'Ŀ' => out.push('l'),
                'ø' | 'Ø' => out.push('o'),
                'đ' | 'Đ' | 'ð' | 'Ð' => out.push('d'),
                'ħ' | 'Ħ' => out.push('h'),
                'ı' => out.push('i'),
                'æ' | 'Æ' => out.push_str("ae"),
                'œ' | 'Œ' => out.push_str("oe"),
                'ß' | 'ẞ' => out.push_str("ss"),
                'þ' | 'Þ' => out.push_str("th"),
                'ς' => out.push('σ'),
                other => out.extend(other.to_lowercase()),
            }
        }
    }
    out
}

/// True for characters of scripts written without spaces between words.
pub fn is_cjk(ch: char) -> bool {
    matches!(ch as u32,
        0x3040..=0x30FF      // Hiragana, Katakana
        | 0x3400..=0x4DBF    // CJK Extension A
        | 0x4E00..=0x9FFF    // CJK Unified Ideographs
        | 0xAC00..=0xD7AF    // Hangul syllables
        | 0xF900..=0xFAFF    // CJK Compatibility Ideographs
        | 0x20000..=0x3134F) // CJK Extensions B to G
}

/// Splits folded text into words: runs of letters and digits, with runs of
/// CJK characters kept as words of their own.
fn words(folded: &str) -> impl Iterator<Item = &str> {
    let mut rest = folded;
    std::iter::from_fn(move || {
        let start = rest.find(char::is_alphanumeric)?;
        rest = &rest[start..];
        let first_cjk = rest.chars().next().is_some_and(is_cjk);
        let end = rest
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric() || is_cjk(c) != first_cjk)
            .map_or(rest.len(), |(i, _)| i);
        let (word, tail) = rest.split_at(end);
        rest = tail;
        Some(word)
    })
}

/// Every word to index for `text`, including the umlaut-expanded spelling.
pub fn index_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = words(&fold(text)).map(str::to_owned).collect();
    if text.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü')) {
        for w in words(&fold_with(text, Umlauts::Expand)) {
            if !out.iter().any(|o| o == w) {
                out.push(w.to_owned());
            }
        }
    }
    out
}

/// How strongly a field counts when it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldWeight {
    /// Name parts and nickname: what the desk types most.
    Name = 3,
    /// Codes typed or scanned: a full match is decisive.
    Code = 2,
    /// Affiliation, e-mail and the like.
    Other = 1,
}

/// How a query word matched an indexed word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Quality {
    /// One edit away (a typo), only when nothing matched otherwise.
    Typo = 1,
    Substring = 2,
    Prefix = 3,
    Exact = 5,
}

/// One search result: the attendee and a score (higher is better).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The attendee found.
    pub id: AttendeeId,
    /// Sum over the query's words of match quality times field weight.
    pub score: u32,
}

/// Who has a word, and in which kind of field: (dense attendee slot, field weight).
type Postings = Vec<(u32, u8)>;

/// A word of the index with its postings and its length in characters.
#[derive(Debug)]
struct Word {
    text: Box<str>,
    chars: usize,
    postings: Postings,
}

/// An in-memory inverted index from folded words to attendees.
///
/// Latin, Greek, Cyrillic, Arabic and Hebrew words sit in a sorted list
/// searched by prefix with binary search; CJK words are found through the
/// characters they contain and matched by substring. Attendees occupy dense
/// slots so that scoring uses plain arrays.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Sorted by text.
    words: Vec<Word>,
    /// CJK words, unsorted; `cjk_by_char` points into it.
    cjk: Vec<Word>,
    /// For each CJK character, the CJK words containing it.
    cjk_by_char: HashMap<char, Vec<u32>>,
    /// Slot -> attendee, folded display name (the tie-breaker), and liveness.
    slots: Vec<Slot>,
    /// Attendee -> slot.
    slot_of: HashMap<AttendeeId, u32>,
}

#[derive(Debug)]
struct Slot {
    id: AttendeeId,
    sort_key: String,
    alive: bool,
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of attendees indexed.
    pub fn len(&self) -> usize {
        self.slot_of.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.slot_of.is_empty()
    }

    /// Builds an index in one go from many attendees (faster than inserting
    /// one by one). Each item gives the id, display name and weighted fields.
    pub fn build<'a, I>(items: I) -> Self
    where
        I: IntoIterator<Item = (AttendeeId, &'a str, Vec<(&'a str, FieldWeight)>)>,
    {
        let mut latin: HashMap<String, Postings> = HashMap::new();
        let mut cjk: HashMap<String, Postings> = HashMap::new();
        let mut index = SearchIndex::new();
        for (id, display, fields) in items {
            let slot = index.new_slot(id, display);
            for (text, weight) in fields {
                for w in index_words(text) {
                    let target = if w.chars().next().is_some_and(is_cjk) { &mut cjk } else { &mut latin };
                    target.entry(w).or_default().push((slot, weight as u8));
                }
            }
        }
        index.words = latin.into_iter().map(|(w, p)| Word::new(w, p)).collect();
        index.words.sort_unstable_by(|a, b| a.text.cmp(&b.text));
        for (w, p) in cjk {
            index.push_cjk(Word::new(w, p));
        }
        index
    }

    fn new_slot(&mut self, id: AttendeeId, display: &str) -> u32 {
        let slot = self.slots.len() as u32;
        self.slots.push(Slot { id, sort_key: fold(display), alive: true });
        self.slot_of.insert(id, slot);
        slot
    }

    fn push_cjk(&mut self, word: Word) {
        let at = self.cjk.len() as u32;
        let mut seen: Vec<char> = Vec::new();
        for ch in word.text.chars() {
            if !seen.contains(&ch) {
                seen.push(ch);
                self.cjk_by_char.entry(ch).or_default().push(at);
            }
        }
        self.cjk.push(word);
    }

    /// Adds (or replaces) one attendee.
    pub fn insert(&mut self, id: AttendeeId, display: &str, fields: &[(&str, FieldWeight)]) {
        self.remove(id);
        let slot = self.new_slot(id, display);
        for &(text, weight) in fields {
            for w in index_words(text) {
                let posting = (slot, weight as u8);
                if w.chars().next().is_some_and(is_cjk) {
                    match self.cjk.iter_mut().find(|c| *c.text == *w) {
                        Some(existing) => existing.postings.push(posting),
                        None => self.push_cjk(Word::new(w, vec![posting])),
                    }
                    continue;
                }
                match self.words.binary_search_by(|k| k.text.as_ref().cmp(w.as_str())) {
                    Ok(i) => self.words[i].postings.push(posting),
                    Err(i) => self.words.insert(i, Word::new(w, vec![posting])),
                }
            }
        }
    }

    /// Removes an attendee from the index (its slot stays, marked dead).
    pub fn remove(&mut self, id: AttendeeId) {
        if let Some(slot) = self.slot_of.remove(&id) {
            self.slots[slot as usize].alive = false;
        }
    }

    /// The best `limit` attendees matching every word of `query`, best first.
    ///
    /// Words match by prefix (CJK by substring). When that finds nobody,
    /// words of five letters or more may also match with one typo (one
    /// letter added, removed, changed, or two neighbours swapped).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let folded = fold(query);
        let mut terms: Vec<&str> = words(&folded).collect();
        terms.sort_unstable();
        terms.dedup();
        if terms.is_empty() {
            return Vec::new();
        }
        let exact = self.search_terms(&terms, false, limit);
        if !exact.is_empty() {
            return exact;
        }
        self.search_terms(&terms, true, limit)
    }

    fn search_terms(&self, terms: &[&str], typos: bool, limit: usize) -> Vec<Hit> {
        let n = self.slots.len();
        let mut total = vec![0u32; n];
        let mut best = vec![0u32; n];
        for (i, term) in terms.iter().enumerate() {
            best.iter_mut().for_each(|b| *b = 0);
            self.match_term(term, &mut best);
            if typos && term.chars().count() >= 5 {
                self.match_typos(term, &mut best);
            }
            let mut any = false;
            for (t, b) in total.iter_mut().zip(&best) {
                *t = if *b == 0 || (i > 0 && *t == 0) { 0 } else { *t + b };
                any |= *t > 0;
            }
            if !any {
                return Vec::new();
            }
        }
        let mut hits: Vec<(u32, u32)> = total
            .iter()
            .enumerate()
            .filter(|&(slot, &score)| score > 0 && self.slots[slot].alive)
            .map(|(slot, &score)| (slot as u32, score))
            .collect();
        let order = |a: &(u32, u32), b: &(u32, u32)| {
            let (sa, sb) = (&self.slots[a.0 as usize], &self.slots[b.0 as usize]);
            b.1.cmp(&a.1).then_with(|| sa.sort_key.cmp(&sb.sort_key)).then(sa.id.cmp(&sb.id))
        };
        if hits.len() > limit && limit > 0 {
            hits.select_nth_unstable_by(limit - 1, order);
            hits.truncate(limit);
        }
        hits.sort_by(order);
        hits.truncate(limit);
        hits.into_iter().map(|(slot, score)| Hit { id: self.slots[slot as usize].id, score }).collect()
    }

    /// Raises `best[slot]` for every attendee having a word one edit away from `term`.
    fn match_typos(&self, term: &str, best: &mut [u32]) {
        let term: Vec<char> = term.chars().collect();
        let mut buffer: Vec<char> = Vec::with_capacity(term.len() + 1);
        for word in &self.words {
            if word.chars + 1 < term.len() || word.chars > term.len() + 1 {
                continue;
            }
            // One edit leaves one of the first two letters in place (or swaps them).
            let mut first = word.text.chars();
            let (w0, w1) = (first.next(), first.next());
            let (t0, t1) = (Some(term[0]), term.get(1).copied());
            if w0 != t0 && w1 != t1 && w0 != t1 && w1 != t0 {
                continue;
            }
            buffer.clear();
            buffer.extend(word.text.chars());
            if !within_one_edit(&term, &buffer) {
                continue;
            }
            for &(slot, weight) in &word.postings {
                let b = &mut best[slot as usize];
                *b = (*b).max(Quality::Typo as u32 * u32::from(weight));
            }
        }
    }

    /// Raises `best[slot]` to the best score of one query word for every attendee it matches.
    fn match_term(&self, term: &str, best: &mut [u32]) {
        let mut offer = |postings: &Postings, quality: Quality| {
            for &(slot, weight) in postings {
                let b = &mut best[slot as usize];
                *b = (*b).max(quality as u32 * u32::from(weight));
            }
        };
        let start = self.words.partition_point(|w| w.text.as_ref() < term);
        for word in self.words[start..].iter().take_while(|w| w.text.starts_with(term)) {
            let quality = if word.text.len() == term.len() { Quality::Exact } else { Quality::Prefix };
            offer(&word.postings, quality);
        }
        if !term.chars().any(is_cjk) {
            return;
        }
        // The rarest character of the term narrows the CJK words to check.
        let candidates =
            term.chars().filter_map(|ch| self.cjk_by_char.get(&ch)).min_by_key(|list| list.len());
        let Some(candidates) = candidates else { return };
        if term.chars().any(|ch| !self.cjk_by_char.contains_key(&ch)) {
            return;
        }
        for &at in candidates {
            let word = &self.cjk[at as usize];
            let quality = if *word.text == *term {
                Quality::Exact
            } else if word.text.starts_with(term) {
                Quality::Prefix
            } else if word.text.contains(term) {
                Quality::Substring
            } else {
                continue;
            };
            offer(&word.postings, quality);
        }
    }
}

impl Word {
    fn new(text: String, postings: Postings) -> Self {
        let chars = text.chars().count();
        Word { text: text.into_boxed_str(), chars, postings }
    }
}

/// True when `a` becomes `b` by at most one insertion, deletion,
/// substitution, or swap of two neighbouring letters.
fn within_one_edit(a: &[char], b: &[char]) -> bool {
    let prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[prefix..], &b[prefix..]);
    match (a.len(), b.len()) {
        (0, 0) | (1, 0) | (0, 1) => true,
        (la, lb) if la == lb => {
            a[1..] == b[1..] || (la >= 2 && a[0] == b[1] && a[1] == b[0] && a[2..] == b[2..])
        }
        (la, lb) if la == lb + 1 => a[1..] == *b,
        (la, lb) if lb == la + 1 => *a == b[1..],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_removes_case_accents_and_special_letters() {
        let cases = [
            ("José Núñez", "jose nunez"),
            ("Zoë", "zoe"),
            ("Łukasz", "lukasz"),
            ("Bjørn", "bjorn"),
            ("Straße", "strasse"),
            ("Ærøskøbing", "aeroskobing"),
            ("ΟΔΥΣΣΕΑΣ", "οδυσσεασ"),
            ("Ἀθηνᾶ", "αθηνα"),
            ("Ёжиков", "ежиков"),
            ("ＡＢＣ", "abc"),
        ];
        for (input, want) in cases {
            assert_eq!(fold(input), want, "fold({input:?})");
        }
    }

    #[test]
    fn umlauts_are_indexed_both_dropped_and_expanded() {
        assert_eq!(index_words("Jürgen Müller"), ["jurgen", "muller", "juergen", "mueller"]);
    }

    #[test]
    fn cjk_runs_are_words_of_their_own() {
        assert_eq!(index_words("Li Wei 李伟"), ["li", "wei", "李伟"]);
        assert_eq!(index_words("山田太郎"), ["山田太郎"]);
    }

    fn sample() -> SearchIndex {
        let people: [(i64, &str, &str); 6] = [
            (1, "José Núñez", "Python Software Verein"),
            (2, "Jürgen Müller", "Univ. Wien"),
            (3, "王小明", "清华大学"),
            (4, "Zoë Ωμέγα", "Athens"),
            (5, "Josephine Baker", "Le Wagon"),
            (6, "Łukasz Bjørn", "Kraków"),
        ];
        SearchIndex::build(people.iter().map(|&(id, name, aff)| {
            (AttendeeId(id), name, vec![(name, FieldWeight::Name), (aff, FieldWeight::Other)])
        }))
    }

    fn ids(index: &SearchIndex, q: &str) -> Vec<i64> {
        index.search(q, 10).into_iter().map(|h| h.id.0).collect()
    }

    #[test]
    fn finds_by_prefix_in_any_order_ignoring_accents() {
        let index = sample();
        assert_eq!(ids(&index, "jose nu"), [1]);
        assert_eq!(ids(&index, "nu jose"), [1]);
        assert_eq!(ids(&index, "muller"), [2]);
        assert_eq!(ids(&index, "mueller"), [2]);
        assert_eq!(ids(&index, "zoe"), [4]);
        assert_eq!(ids(&index, "ωμεγα"), [4]);
        assert_eq!(ids(&index, "lukasz"), [6]);
        assert_eq!(ids(&index, "bjorn"), [6]);
        assert_eq!(ids(&index, "krakow"), [6]);
    }

    #[test]
    fn cjk_names_match_any_substring() {
        let index = sample();
        assert_eq!(ids(&index, "小明"), [3]);
        assert_eq!(ids(&index, "王"), [3]);
        assert_eq!(ids(&index, "大学"), [3]);
    }

    #[test]
    fn exact_words_rank_before_prefixes() {
        let index = sample();
        // "jose" is a whole word of José's name but only a prefix of Josephine's.
        assert_eq!(ids(&index, "jose"), [1, 5]);
    }

    #[test]
    fn every_query_word_must_match() {
        let index = sample();
        assert!(ids(&index, "jose baker nobody").is_empty());
        assert!(ids(&index, "   ").is_empty());
    }

    #[test]
    fn one_typo_is_forgiven_in_long_words_when_nothing_else_matches() {
        let index = sample();
        assert_eq!(ids(&index, "nunes"), [1], "substitution");
        assert_eq!(ids(&index, "lukas"), [6], "a prefix of lukasz, no typo needed");
        assert_eq!(ids(&index, "lkuasz"), [6], "swapped neighbours");
        assert_eq!(ids(&index, "jurgenn"), [2], "insertion");
        assert!(ids(&index, "nanzz").is_empty(), "two edits are too many");
        assert!(ids(&index, "zoa").is_empty(), "short words get no typo allowance");
    }

    #[test]
    fn edit_distance_one_covers_the_four_kinds_of_typo() {
        let c = |s: &str| s.chars().collect::<Vec<_>>();
        assert!(within_one_edit(&c("muller"), &c("muller")));
        assert!(within_one_edit(&c("muller"), &c("mullr")));
        assert!(within_one_edit(&c("muller"), &c("mueller")), "one insertion");
        assert!(!within_one_edit(&c("muler"), &c("mueller")), "two insertions");
        assert!(within_one_edit(&c("muler"), &c("muller")));
        assert!(within_one_edit(&c("mulelr"), &c("muller")));
        assert!(within_one_edit(&c("mullex"), &c("muller")));
        assert!(!within_one_edit(&c("mxllex"), &c("muller")));
    }

    #[test]
    fn insert_and_remove_keep_the_index_consistent() {
        let mut index = sample();
        index.insert(AttendeeId(9), "Ana Núñez", &[("Ana Núñez", FieldWeight::Name)]);
        assert_eq!(ids(&index, "nunez"), [9, 1]);
        index.remove(AttendeeId(1));
        assert_eq!(ids(&index, "nunez"), [9]);
        assert_eq!(index.len(), 6);
    }
}
