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
fn is_cjk(ch: char) -> bool {
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
    Substring = 1,
    Prefix = 2,
    Exact = 4,
}

/// One search result: the attendee and a score (higher is better).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The attendee found.
    pub id: AttendeeId,
    /// Sum over the query's words of match quality times field weight.
    pub score: u32,
}

/// Who has a word, and in which kind of field: (attendee, field weight).
type Postings = Vec<(AttendeeId, u8)>;

/// An in-memory inverted index from folded words to attendees.
///
/// Latin, Greek, Cyrillic, Arabic and Hebrew words sit in a sorted list
/// searched by prefix with binary search; CJK words are few and are scanned
/// for substrings.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Sorted by word; each word lists (attendee, weight) postings.
    words: Vec<(Box<str>, Postings)>,
    /// CJK words, scanned for substrings.
    cjk: Vec<(Box<str>, AttendeeId, u8)>,
    /// Folded display name per attendee, the tie-breaker for equal scores.
    sort_keys: HashMap<AttendeeId, String>,
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of attendees indexed.
    pub fn len(&self) -> usize {
        self.sort_keys.len()
    }

    /// True when nothing is indexed.
    pub fn is_empty(&self) -> bool {
        self.sort_keys.is_empty()
    }

    /// Builds an index in one go from many attendees (faster than inserting
    /// one by one). Each item gives the id, display name and weighted fields.
    pub fn build<'a, I>(items: I) -> Self
    where
        I: IntoIterator<Item = (AttendeeId, &'a str, Vec<(&'a str, FieldWeight)>)>,
    {
        let mut postings: HashMap<String, Postings> = HashMap::new();
        let mut index = SearchIndex::new();
        for (id, display, fields) in items {
            index.sort_keys.insert(id, fold(display));
            for (text, weight) in fields {
                for w in index_words(text) {
                    if w.chars().next().is_some_and(is_cjk) {
                        index.cjk.push((w.into(), id, weight as u8));
                    } else {
                        postings.entry(w).or_default().push((id, weight as u8));
                    }
                }
            }
        }
        index.words = postings.into_iter().map(|(w, p)| (w.into_boxed_str(), p)).collect();
        index.words.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        index
    }

    /// Adds (or replaces) one attendee.
    pub fn insert(&mut self, id: AttendeeId, display: &str, fields: &[(&str, FieldWeight)]) {
        self.remove(id);
        self.sort_keys.insert(id, fold(display));
        for &(text, weight) in fields {
            for w in index_words(text) {
                if w.chars().next().is_some_and(is_cjk) {
                    self.cjk.push((w.into(), id, weight as u8));
                    continue;
                }
                match self.words.binary_search_by(|(k, _)| k.as_ref().cmp(w.as_str())) {
                    Ok(i) => self.words[i].1.push((id, weight as u8)),
                    Err(i) => self.words.insert(i, (w.into(), vec![(id, weight as u8)])),
                }
            }
        }
    }

    /// Removes an attendee from the index.
    pub fn remove(&mut self, id: AttendeeId) {
        if self.sort_keys.remove(&id).is_none() {
            return;
        }
        for (_, postings) in &mut self.words {
            postings.retain(|&(p, _)| p != id);
        }
        self.words.retain(|(_, p)| !p.is_empty());
        self.cjk.retain(|&(_, p, _)| p != id);
    }

    /// The best `limit` attendees matching every word of `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let folded = fold(query);
        let mut terms: Vec<&str> = words(&folded).collect();
        terms.dedup();
        if terms.is_empty() {
            return Vec::new();
        }
        let mut total: HashMap<AttendeeId, u32> = HashMap::new();
        for (n, term) in terms.iter().enumerate() {
            let best = self.match_term(term);
            if n == 0 {
                total = best;
            } else {
                total.retain(|id, score| match best.get(id) {
                    Some(s) => {
                        *score += s;
                        true
                    }
                    None => false,
                });
            }
            if total.is_empty() {
                return Vec::new();
            }
        }
        let mut hits: Vec<Hit> = total.into_iter().map(|(id, score)| Hit { id, score }).collect();
        let key = |id: &AttendeeId| self.sort_keys.get(id).map_or("", String::as_str);
        hits.sort_by(|a, b| {
            b.score.cmp(&a.score).then_with(|| key(&a.id).cmp(key(&b.id))).then(a.id.cmp(&b.id))
        });
        hits.truncate(limit);
        hits
    }

    /// The best score of one query word for every attendee it matches.
    fn match_term(&self, term: &str) -> HashMap<AttendeeId, u32> {
        let mut best: HashMap<AttendeeId, u32> = HashMap::new();
        let mut offer = |id: AttendeeId, quality: Quality, weight: u8| {
            let score = quality as u32 * u32::from(weight);
            let slot = best.entry(id).or_insert(0);
            *slot = (*slot).max(score);
        };
        let start = self.words.partition_point(|(w, _)| w.as_ref() < term);
        for (word, postings) in self.words[start..].iter().take_while(|(w, _)| w.starts_with(term)) {
            let quality = if word.len() == term.len() { Quality::Exact } else { Quality::Prefix };
            for &(id, weight) in postings {
                offer(id, quality, weight);
            }
        }
        if term.chars().any(is_cjk) {
            for (word, id, weight) in &self.cjk {
                let quality = if word.as_ref() == term {
                    Quality::Exact
                } else if word.starts_with(term) {
                    Quality::Prefix
                } else if word.contains(term) {
                    Quality::Substring
                } else {
                    continue;
                };
                offer(*id, quality, *weight);
            }
        }
        best
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
    fn insert_and_remove_keep_the_index_consistent() {
        let mut index = sample();
        index.insert(AttendeeId(9), "Ana Núñez", &[("Ana Núñez", FieldWeight::Name)]);
        assert_eq!(ids(&index, "nunez"), [9, 1]);
        index.remove(AttendeeId(1));
        assert_eq!(ids(&index, "nunez"), [9]);
        assert_eq!(index.len(), 6);
    }
}
