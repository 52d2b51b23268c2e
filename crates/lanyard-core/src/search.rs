//! Search normalisation and the in-memory attendee index.
//!
//! Folding makes case, accents and common transliterations irrelevant:
//! "José Núñez" is indexed as `jose nunez`, "Müller" as both `muller` and
//! `mueller`, "Łukasz" as `lukasz`, "Bjørn" as `bjorn`. Invisible characters
//! (zero-width spaces and joiners, bidi controls) are dropped, and Hangul
//! stays in composed syllables. Words are matched by prefix in any order;
//! runs of CJK characters (which have no spaces between words) are matched
//! by any substring, so `小明` finds "王小明" and `민준` finds "김민준".
//!
//! Names in other scripts are also found as a volunteer types them on a
//! Latin keyboard (issue 8): each word of a name in Cyrillic, Greek,
//! Armenian, Georgian, Han or kana is indexed with its Latin spellings, each
//! Hebrew or Arabic word with its consonant skeletons (`translit` makes
//! them), as extra words of the same attendee in dictionaries of their
//! own. A match through a spelling scores one field weight less than the
//! same match of the word as written (a skeleton, which says less, a
//! level lower still), so that names in the typed script come first: `olga` lists Latin Olga before Ольга, `Ольга` lists Ольга
//! before Latin Olga (a typed Cyrillic, Greek, Armenian, Georgian or kana
//! word is spelled too).
//!
//! The index lives in memory and is rebuilt from the store at start-up; it
//! owns no data that is not also in the store. It must answer every query
//! of a 100,000-attendee event within a millisecond (issue 7), so each query
//! touches only the posting lists of the words it matches, never a
//! per-attendee array per word, and a one-word query stops at the first
//! match level that fills the screen.

use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap};
use std::ops::Range;

use crate::hash::{Keyed, tail_le};
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

use crate::AttendeeId;
use crate::translit::{self, Spelled};

/// Folds text for matching: compatibility decomposition, combining marks
/// removed, letters without a decomposition mapped by hand, lowercase.
/// Hangul syllables are kept whole (conjoining jamo are composed), and
/// zero-width and bidi control characters are dropped.
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
    fold_into(text, umlauts, &mut out);
    out
}

/// Appends the folding of `text` to `out`.
fn fold_into(text: &str, umlauts: Umlauts, out: &mut String) {
    let start = out.len();
    let mut jamo = false;
    let mut rest = text;
    while !rest.is_empty() {
        // ASCII has no decomposition: runs of it are copied at once, which
        // keeps the build of a large event fast (codes and e-mail addresses
        // are ASCII, and so are many names).
        let ascii = rest.bytes().position(|b| !b.is_ascii()).unwrap_or(rest.len());
        if ascii > 0 {
            let at = out.len();
            out.push_str(&rest[..ascii]);
            out[at..].make_ascii_lowercase();
            rest = &rest[ascii..];
            continue;
        }
        let Some(ch) = rest.chars().next() else { break };
        rest = &rest[ch.len_utf8()..];
        // A zero-width space pasted inside a name would otherwise split a
        // word in two (issue 8).
        if is_invisible(ch) {
            continue;
        }
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
        // Decomposed into jamo, a syllable is no longer CJK and the name
        // could not be found by a substring (issue 8).
        if is_hangul_syllable(ch) {
            out.push(ch);
            continue;
        }
        decompose_compatible(ch, |d| {
            if is_combining_mark(d) {
                return;
            }
            jamo |= is_conjoining_jamo(d);
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
        });
    }
    if jamo {
        let composed = compose_hangul(&out[start..]);
        out.truncate(start);
        out.push_str(&composed);
    }
}

/// Zero-width characters, joiners and bidi controls: they change how text
/// is drawn, never which letters it has.
pub(crate) fn is_invisible(ch: char) -> bool {
    matches!(ch,
        '\u{00AD}'                 // soft hyphen
        | '\u{061C}'               // Arabic letter mark
        | '\u{200B}'..='\u{200F}'  // zero-width space, non-joiner, joiner, LRM, RLM
        | '\u{202A}'..='\u{202E}'  // bidi embeddings and overrides
        | '\u{2060}'..='\u{2064}'  // word joiner, invisible operators
        | '\u{2066}'..='\u{2069}'  // bidi isolates
        | '\u{FEFF}') // zero-width no-break space (byte-order mark)
}

const HANGUL_BASE: u32 = 0xAC00;
const HANGUL_COUNT: u32 = 11_172;
const LEAD_BASE: u32 = 0x1100;
const VOWEL_BASE: u32 = 0x1161;
const TRAIL_BASE: u32 = 0x11A7;
const VOWELS: u32 = 21;
const TRAILS: u32 = 28;

fn is_hangul_syllable(ch: char) -> bool {
    (HANGUL_BASE..HANGUL_BASE + HANGUL_COUNT).contains(&(ch as u32))
}

fn is_conjoining_jamo(ch: char) -> bool {
    matches!(ch as u32, 0x1100..=0x11FF)
}

/// Composes conjoining jamo into syllables (the Hangul part of NFC), so
/// that text typed or stored as jamo matches text stored as syllables.
fn compose_hangul(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last: Option<char> = None;
    for ch in text.chars() {
        if let Some(prev) = last {
            if let Some(joined) = compose_jamo(prev, ch) {
                last = Some(joined);
                continue;
            }
            out.push(prev);
        }
        last = Some(ch);
    }
    out.extend(last);
    out
}

/// A leading consonant and a vowel, or a syllable without a final and a
/// final consonant, as one syllable.
fn compose_jamo(a: char, b: char) -> Option<char> {
    let (a, b) = (a as u32, b as u32);
    if (LEAD_BASE..LEAD_BASE + 19).contains(&a) && (VOWEL_BASE..VOWEL_BASE + VOWELS).contains(&b) {
        return char::from_u32(HANGUL_BASE + ((a - LEAD_BASE) * VOWELS + (b - VOWEL_BASE)) * TRAILS);
    }
    let syllable_without_final =
        (HANGUL_BASE..HANGUL_BASE + HANGUL_COUNT).contains(&a) && (a - HANGUL_BASE).is_multiple_of(TRAILS);
    if syllable_without_final && (TRAIL_BASE + 1..TRAIL_BASE + TRAILS).contains(&b) {
        return char::from_u32(a + (b - TRAIL_BASE));
    }
    None
}

/// A person's name as a key that ignores case, accents and word order:
/// "García, María" and "maria garcia" give the same key. Used to notice
/// that a walk-in or an imported row may be someone already registered.
pub fn name_key(name: &str) -> Vec<String> {
    let mut words: Vec<String> = fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect();
    words.sort();
    words
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

/// Where the words of folded text are: runs of letters and digits, with
/// runs of CJK characters kept as words of their own.
fn word_ranges(folded: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || {
        let rest = &folded[at..];
        let start = at + rest.find(is_letter_or_digit)?;
        let rest = &folded[start..];
        let first_cjk = rest.chars().next().is_some_and(is_cjk);
        let end = rest
            .char_indices()
            .find(|&(_, c)| !is_letter_or_digit(c) || is_cjk(c) != first_cjk)
            .map_or(folded.len(), |(i, _)| start + i);
        at = end;
        Some(start..end)
    })
}

/// `char::is_alphanumeric`, with the common ASCII case answered first.
fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { c.is_alphanumeric() }
}

/// Splits folded text into words (see `word_ranges`).
fn words(folded: &str) -> impl Iterator<Item = &str> {
    word_ranges(folded).map(move |r| &folded[r])
}

fn has_umlaut(text: &str) -> bool {
    text.chars().any(|c| matches!(c, 'ä' | 'ö' | 'ü' | 'Ä' | 'Ö' | 'Ü'))
}

/// Every word to index for `text`, including the umlaut-expanded spelling.
pub fn index_words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = words(&fold(text)).map(str::to_owned).collect();
    if has_umlaut(text) {
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

impl FieldWeight {
    /// The index keeps one dictionary per weight, strongest first.
    const ALL: [FieldWeight; 3] = [FieldWeight::Name, FieldWeight::Code, FieldWeight::Other];

    fn dict(self) -> usize {
        match self {
            FieldWeight::Name => 0,
            FieldWeight::Code => 1,
            FieldWeight::Other => 2,
        }
    }
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

/// Where an indexed word, or a form of a typed one, comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    /// The word as written, folded.
    Written,
    /// A Latin spelling of a word in another script (`translit`).
    Spelled,
    /// A consonant skeleton of a Hebrew or Arabic word, or of a typed Latin
    /// word, which matches only skeletons.
    Skeleton,
}

impl Source {
    /// The dictionary of this source's words in fields of `weight`.
    fn dict(self, weight: FieldWeight) -> usize {
        self as usize * FieldWeight::ALL.len() + weight.dict()
    }
}

impl From<Spelled> for Source {
    fn from(kind: Spelled) -> Self {
        match kind {
            Spelled::Latin => Source::Spelled,
            Spelled::Skeleton => Source::Skeleton,
        }
    }
}

/// The score of a match: quality times field weight, doubled, less one
/// weight when a spelling or skeleton takes part (on either side), so that
/// a name ranks after the same match of a name in the typed script and
/// before the next weaker match of it (a spelled exact match, 9 per
/// weight, beats a written prefix, 6).
fn score(quality: Quality, weight: FieldWeight, written: bool) -> u32 {
    (2 * quality as u32 - u32::from(!written)) * weight as u32
}

/// A skeleton says less than a spelling (`nu`, `no` and `noa` are all
/// `n`), so its matches count a level lower: a whole skeleton as a spelled
/// prefix, a prefix of one as a spelled substring. `nu` lists Núñez before
/// נועה, `noa` lists Noah before נועה.
fn skeleton_quality(quality: Quality) -> Quality {
    match quality {
        Quality::Exact => Quality::Prefix,
        Quality::Prefix => Quality::Substring,
        other => other,
    }
}

/// A typed word and the forms it is looked up in.
#[derive(Debug, Clone)]
struct Term {
    /// The word, folded.
    text: String,
    /// Its Latin spellings, for a word in Cyrillic, Greek, Armenian,
    /// Georgian or kana.
    spelled: Vec<String>,
    /// Its consonant skeleton, for a Latin word.
    skeleton: Option<String>,
}

/// A skeleton shorter than this matches only whole skeletons: `noa` is
/// `n`, which would otherwise find every Hebrew name starting with נ.
const SKELETON_PREFIX: usize = 2;

/// The words of a query, each once, sorted. Each word typed (see
/// `translit::chunks`) is folded; when it folds to one word, its
/// spellings come along.
fn terms(query: &str) -> Vec<Term> {
    let mut terms: Vec<Term> = Vec::new();
    for chunk in translit::chunks(query) {
        let folded = fold(chunk);
        let mut found = words(&folded).peekable();
        let Some(first) = found.next() else { continue };
        let spelled = if found.peek().is_none() { translit::query_spellings(chunk) } else { Vec::new() };
        for w in std::iter::once(first).chain(found) {
            terms.push(Term {
                text: w.to_owned(),
                spelled: spelled.clone(),
                skeleton: translit::skeleton(w),
            });
        }
    }
    terms.sort_by(|a, b| a.text.cmp(&b.text));
    terms.dedup_by(|a, b| a.text == b.text);
    terms
}

/// One search result: the attendee and a score (higher is better).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The attendee found.
    pub id: AttendeeId,
    /// Sum over the query's words of match quality times field weight.
    pub score: u32,
}

/// The rank of a slot whose attendee was removed or replaced.
const DEAD: u32 = u32::MAX;

/// The slots of the attendees having a word, ascending. Most words (codes,
/// the personal part of an e-mail address) belong to one attendee only, so
/// that case needs no allocation of its own.
#[derive(Debug)]
enum Postings {
    One(u32),
    Many(Vec<u32>),
}

impl Postings {
    fn as_slice(&self) -> &[u32] {
        match self {
            Postings::One(slot) => std::slice::from_ref(slot),
            Postings::Many(slots) => slots,
        }
    }

    /// Adds a slot; slots only grow, so the list stays sorted.
    fn push(&mut self, slot: u32) {
        match self {
            Postings::One(first) => *self = Postings::Many(vec![*first, slot]),
            Postings::Many(slots) => slots.push(slot),
        }
    }

    /// Renumbers the slots after a compaction, dropping dead ones; false
    /// when none is left.
    fn renumber(&mut self, new_slot: &[u32]) -> bool {
        let mut slots: Vec<u32> =
            self.as_slice().iter().map(|&s| new_slot[s as usize]).filter(|&s| s != DEAD).collect();
        *self = match slots.len() {
            0 => return false,
            1 => Postings::One(slots[0]),
            _ => {
                slots.shrink_to_fit();
                Postings::Many(slots)
            }
        };
        true
    }
}

/// A word of the index with the attendees having it.
#[derive(Debug)]
struct Entry {
    /// The first eight bytes of `text` (`head8`): binary searches compare
    /// them before following the pointer to the text, which in a dictionary
    /// of 200,000 codes is a cache miss each time.
    head: u64,
    text: Box<str>,
    postings: Postings,
}

impl Entry {
    fn new(text: Box<str>, postings: Postings) -> Self {
        Entry { head: head8(&text), text, postings }
    }

    fn cmp_key(&self, key: &Key) -> Ordering {
        self.head.cmp(&key.head).then_with(|| (*self.text).cmp(key.text))
    }

    fn starts_with(&self, key: &Key) -> bool {
        if key.text.len() <= 8 {
            self.head & key.mask == key.head
        } else {
            self.head == key.head && self.text.starts_with(key.text)
        }
    }
}

/// A text looked up in a dictionary, with its head computed once. Words
/// hold no NUL (it is not a letter), so the zeros that pad a short head
/// cannot be confused with text.
#[derive(Debug)]
struct Key<'a> {
    text: &'a str,
    head: u64,
    /// Selects the bytes of `head` that `text` has.
    mask: u64,
}

impl<'a> Key<'a> {
    fn new(text: &'a str) -> Self {
        let mask = if text.len() >= 8 { u64::MAX } else { !(u64::MAX >> (8 * text.len())) };
        Key { text, head: head8(text), mask }
    }
}

/// The words of one source found in fields of one weight. Keeping one
/// dictionary per weight lets a one-word query read the name matches first
/// and stop there, without walking the many codes and e-mail words that
/// share a first letter; keeping spellings apart keeps them from being
/// counted as written.
#[derive(Debug, Default)]
struct Dict {
    /// Latin, Greek, Cyrillic, Arabic, Hebrew... words, sorted by text, so
    /// that a prefix is a contiguous run found by binary search.
    words: Vec<Entry>,
    /// Words added since `words` was last merged, sorted likewise; searched
    /// beside it.
    recent: Vec<Entry>,
    /// CJK words in insertion order; found through `cjk_by_char`.
    cjk: Vec<Entry>,
    /// CJK word -> its position in `cjk`.
    cjk_at: HashMap<Box<str>, u32, Keyed>,
    /// For each CJK character, the CJK words containing it.
    cjk_by_char: HashMap<char, Vec<u32>, Keyed>,
}

impl Dict {
    fn add_cjk(&mut self, text: &str, slot: u32) {
        if let Some(&at) = self.cjk_at.get(text) {
            self.cjk[at as usize].postings.push(slot);
            return;
        }
        let at = self.cjk.len() as u32;
        self.cjk.push(Entry::new(text.into(), Postings::One(slot)));
        self.cjk_at.insert(text.into(), at);
        let mut seen: Vec<char> = Vec::new();
        for ch in text.chars() {
            if !seen.contains(&ch) {
                seen.push(ch);
                self.cjk_by_char.entry(ch).or_default().push(at);
            }
        }
    }

    /// The entry of a (non-CJK) word, in `words` or `recent`.
    fn find_mut(&mut self, word: &str) -> Option<&mut Entry> {
        let key = Key::new(word);
        match self.words.binary_search_by(|e| e.cmp_key(&key)) {
            Ok(i) => Some(&mut self.words[i]),
            Err(_) => match self.recent.binary_search_by(|e| e.cmp_key(&key)) {
                Ok(i) => Some(&mut self.recent[i]),
                Err(_) => None,
            },
        }
    }

    /// Adds new words (in neither list yet). A few go to `recent`, so that a
    /// walk-in does not move the 200,000 entries of `words` for its badge
    /// code; a batch, or a full `recent`, costs one merge over everything.
    fn add_new_words(&mut self, new: HashMap<Box<str>, (u128, Postings), Keyed>) {
        if new.is_empty() {
            return;
        }
        let mut new: Vec<(u128, Entry)> = new
            .into_iter()
            .map(|(text, (head, postings))| (head, Entry { head: (head >> 64) as u64, text, postings }))
            .collect();
        sort_by_text(&mut new, |e| e.0, |e| &e.1.text, |_, _| Ordering::Equal);
        let new: Vec<Entry> = new.into_iter().map(|(_, e)| e).collect();
        let recent = merge_sorted(std::mem::take(&mut self.recent), new);
        if recent.len() <= RECENT_WORDS && recent.len() * 8 <= self.words.len() {
            self.recent = recent;
        } else {
            self.words = merge_sorted(std::mem::take(&mut self.words), recent);
        }
    }

    /// The CJK words containing `term`, by how well they match it.
    fn cjk_matches(&self, term: &str) -> [Vec<&Entry>; 3] {
        let mut found: [Vec<&Entry>; 3] = Default::default();
        // The rarest character of the term narrows the words to check.
        let mut rarest: Option<&Vec<u32>> = None;
        for ch in term.chars() {
            let Some(list) = self.cjk_by_char.get(&ch) else { return found };
            if rarest.is_none_or(|r| list.len() < r.len()) {
                rarest = Some(list);
            }
        }
        for &at in rarest.into_iter().flatten() {
            let entry = &self.cjk[at as usize];
            let kind = if *entry.text == *term {
                0
            } else if entry.text.starts_with(term) {
                1
            } else if entry.text.contains(term) {
                2
            } else {
                continue;
            };
            found[kind].push(entry);
        }
        found
    }

    /// Adds the groups of words matching `term`, exactly, by prefix
    /// (when `prefixes`) or, for CJK, by substring, scored by `score`.
    fn find<'a>(
        &'a self,
        term: &str,
        score: impl Fn(Quality) -> u32,
        prefixes: bool,
        groups: &mut Vec<Group<'a>>,
    ) {
        if term.starts_with(is_cjk) {
            let [exact, prefix, substring] = self.cjk_matches(term);
            for (entries, quality) in
                [(exact, Quality::Exact), (prefix, Quality::Prefix), (substring, Quality::Substring)]
            {
                if !entries.is_empty() {
                    groups.push(Group { score: score(quality), entries: Entries::Picked(entries) });
                }
            }
            return;
        }
        let key = Key::new(term);
        for words in [&self.words, &self.recent] {
            let lo = words.partition_point(|e| e.cmp_key(&key).is_lt());
            let hi = lo + words[lo..].partition_point(|e| e.starts_with(&key));
            let mut from = lo;
            if lo < hi && *words[lo].text == *term {
                groups
                    .push(Group { score: score(Quality::Exact), entries: Entries::Run(&words[lo..lo + 1]) });
                from = lo + 1;
            }
            if prefixes && from < hi {
                groups.push(Group { score: score(Quality::Prefix), entries: Entries::Run(&words[from..hi]) });
            }
        }
    }

    /// Drops dead slots and renumbers the others (see `SearchIndex::compact`).
    fn renumber(&mut self, new_slot: &[u32]) {
        self.words.retain_mut(|e| e.postings.renumber(new_slot));
        self.recent.retain_mut(|e| e.postings.renumber(new_slot));
        self.words = merge_sorted(std::mem::take(&mut self.words), std::mem::take(&mut self.recent));
        let mut cjk = std::mem::take(&mut self.cjk);
        cjk.retain_mut(|e| e.postings.renumber(new_slot));
        self.cjk_at.clear();
        self.cjk_by_char.clear();
        for entry in cjk {
            let slots = entry.postings.as_slice();
            self.add_cjk(&entry.text, slots[0]);
            let at = self.cjk.len() - 1;
            self.cjk[at].postings = entry.postings;
        }
    }
}

/// How many new words `Dict::recent` holds before they are merged into
/// `Dict::words`: small enough that searching it costs nothing to speak of.
const RECENT_WORDS: usize = 2048;

/// Two sorted lists of distinct words as one.
fn merge_sorted(a: Vec<Entry>, b: Vec<Entry>) -> Vec<Entry> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for entry in a {
        while let Some(n) =
            b.next_if(|n| n.head.cmp(&entry.head).then_with(|| n.text.cmp(&entry.text)).is_lt())
        {
            merged.push(n);
        }
        merged.push(entry);
    }
    merged.extend(b);
    merged
}

/// A set of words that match one query word equally well.
#[derive(Debug)]
struct Group<'a> {
    /// Match quality times field weight.
    score: u32,
    entries: Entries<'a>,
}

#[derive(Debug)]
enum Entries<'a> {
    /// A run of the sorted dictionary (the words with a given prefix).
    Run(&'a [Entry]),
    /// Words picked one by one (CJK substrings, typos).
    Picked(Vec<&'a Entry>),
}

impl Group<'_> {
    fn for_each_list(&self, mut f: impl FnMut(&[u32])) {
        match &self.entries {
            Entries::Run(run) => run.iter().for_each(|e| f(e.postings.as_slice())),
            Entries::Picked(picked) => picked.iter().for_each(|e| f(e.postings.as_slice())),
        }
    }

    /// How many postings the group has, counting no further than `cap`.
    fn postings_up_to(&self, cap: usize) -> usize {
        let mut total = 0;
        let mut add = |e: &Entry| {
            total += e.postings.as_slice().len();
            total > cap
        };
        match &self.entries {
            Entries::Run(run) => _ = run.iter().any(&mut add),
            Entries::Picked(picked) => _ = picked.iter().any(|e| add(e)),
        }
        total
    }
}

/// An in-memory inverted index from folded words to attendees.
///
/// Words sit in one dictionary per source (as written, spelled, skeleton)
/// and field weight: Latin, Greek, Cyrillic, Arabic and Hebrew words in a
/// sorted list searched by prefix with binary search, CJK words found
/// through the characters they contain and matched by substring. Attendees occupy slots numbered in the order they
/// were added, so posting lists are sorted; `rank` orders the slots by
/// folded display name and id, the tie-breaker of results.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// One dictionary per `Source` and `FieldWeight` (`Source::dict`). An
    /// attendee's word is posted once per source, in the dictionary of the
    /// strongest field holding it, since only the best match of a word
    /// counts.
    dicts: [Dict; 9],
    /// Slot -> attendee.
    slots: Vec<Slot>,
    /// Slot -> position in the order of results with equal scores, or
    /// `DEAD` once the attendee was removed or replaced.
    rank: Vec<u32>,
    /// Live slots sorted by (folded display name, id); `rank` is the inverse.
    order: Vec<u32>,
    /// Attendee -> slot.
    slot_of: HashMap<AttendeeId, u32, Keyed>,
    /// Dead slots still in posting lists; compacted away when they grow many.
    dead: usize,
}

#[derive(Debug)]
struct Slot {
    id: AttendeeId,
    sort_key: Box<str>,
    /// A hash of what was indexed, so that refreshing an attendee whose
    /// searchable fields did not change costs nothing.
    fingerprint: u64,
}

/// A 64-bit hash of what is indexed for an attendee. It is compared only
/// with the same attendee's previous one (never used as a table key), so a
/// fast hash does; SipHash cost a tenth of the build.
fn fingerprint(display: &str, fields: &[(&str, FieldWeight)]) -> u64 {
    let mut h = Mix(0x243F_6A88_85A3_08D3);
    h.text(display);
    for &(text, weight) in fields {
        h.word(weight as u64);
        h.text(text);
    }
    h.0
}

/// A multiply-and-rotate hash over 8-byte chunks.
struct Mix(u64);

impl Mix {
    fn word(&mut self, w: u64) {
        self.0 = (self.0 ^ w).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(29) ^ (self.0 >> 17);
    }

    fn text(&mut self, text: &str) {
        self.word(text.len() as u64);
        let mut chunks = text.as_bytes().chunks_exact(8);
        for chunk in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(chunk);
            self.word(u64::from_le_bytes(b));
        }
        self.word(tail_le(chunks.remainder()));
    }
}

/// Remembers how texts with non-ASCII letters fold and split into words:
/// given names, family names and affiliations repeat across thousands of
/// attendees, and decomposing their letters one by one was most of a build.
#[derive(Debug, Default)]
struct FoldCache<'a> {
    at: HashMap<&'a str, Folded, Keyed>,
    text: String,
    /// Word ranges, relative to the start of their text's `all`.
    words: Vec<Range<usize>>,
    /// Spellings of words in other scripts (`translit`): where each is in
    /// `text`, and its source.
    spelled: Vec<(Range<usize>, Source)>,
}

/// Where a cached folding is.
#[derive(Debug, Clone)]
struct Folded {
    /// The folding (umlauts dropped), in `FoldCache::text`.
    dropped: Range<usize>,
    /// It and, for umlauts, the expanded spelling after a space.
    all: Range<usize>,
    /// Its words, in `FoldCache::words`.
    words: Range<usize>,
    /// Its spellings, in `FoldCache::spelled`.
    spelled: Range<usize>,
}

impl<'a> FoldCache<'a> {
    /// Past this many texts the cache starts again, which bounds its memory
    /// when names are mostly distinct.
    const CAPACITY: usize = 1 << 16;

    fn fold(&mut self, text: &'a str) -> Folded {
        if let Some(folded) = self.at.get(text) {
            return folded.clone();
        }
        if self.at.len() >= Self::CAPACITY {
            self.at.clear();
            self.text.clear();
            self.words.clear();
            self.spelled.clear();
        }
        let start = self.text.len();
        fold_into(text, Umlauts::Drop, &mut self.text);
        let dropped = start..self.text.len();
        if has_umlaut(text) {
            self.text.push(' ');
            fold_into(text, Umlauts::Expand, &mut self.text);
        }
        let first_word = self.words.len();
        self.words.extend(word_ranges(&self.text[start..]));
        let all = start..self.text.len();
        let first_spelled = self.spelled.len();
        for (kind, word) in translit::spellings(text) {
            self.text.push(' ');
            let at = self.text.len();
            self.text.push_str(&word);
            self.spelled.push((at..self.text.len(), kind.into()));
        }
        let folded = Folded {
            dropped,
            all,
            words: first_word..self.words.len(),
            spelled: first_spelled..self.spelled.len(),
        };
        self.at.insert(text, folded.clone());
        folded
    }

    /// The folding of an attendee's display name, the tie-breaker of results.
    fn sort_key(&mut self, display: &'a str) -> Box<str> {
        if display.is_ascii() {
            return display.to_ascii_lowercase().into();
        }
        let folded = self.fold(display);
        self.text[folded.dropped].into()
    }
}

/// The first bytes of a text as an integer, in the text's order.
fn head8(s: &str) -> u64 {
    match s.as_bytes().first_chunk::<8>() {
        Some(b) => u64::from_be_bytes(*b),
        None => s.bytes().enumerate().fold(0, |v, (i, b)| v | u64::from(b) << (56 - 8 * i)),
    }
}

fn head16(s: &str) -> u128 {
    s.bytes().take(16).enumerate().fold(0, |v, (i, b)| v | u128::from(b) << (120 - 8 * i))
}

/// One word of an attendee: its beginning as an integer (for sorting), where
/// it is in the folded text, and its dictionary.
type Found = (u64, Range<usize>, usize);

/// Collects the words of one attendee's fields into `buf`, with the
/// spellings of names, each once per source with the strongest weight it
/// appears with.
fn attendee_words<'a>(
    fields: &[(&'a str, FieldWeight)],
    cache: &mut FoldCache<'a>,
    buf: &mut String,
    found: &mut Vec<Found>,
) {
    buf.clear();
    found.clear();
    for &(text, weight) in fields {
        let start = buf.len();
        if text.is_ascii() {
            // Codes and e-mail addresses: folding is lowercasing, and words
            // are runs of ASCII letters and digits.
            buf.push_str(text);
            buf[start..].make_ascii_lowercase();
            let bytes = &buf.as_bytes()[start..];
            let mut i = 0;
            while i < bytes.len() {
                let from =
                    i + bytes[i..].iter().position(u8::is_ascii_alphanumeric).unwrap_or(bytes.len() - i);
                let to = from
                    + bytes[from..]
                        .iter()
                        .position(|b| !b.is_ascii_alphanumeric())
                        .unwrap_or(bytes.len() - from);
                if from < to {
                    found.push((
                        head8(&buf[start + from..start + to]),
                        start + from..start + to,
                        Source::Written.dict(weight),
                    ));
                }
                i = to;
            }
        } else {
            let folded = cache.fold(text);
            buf.push_str(&cache.text[folded.all]);
            for r in &cache.words[folded.words] {
                let range = start + r.start..start + r.end;
                found.push((head8(&buf[range.clone()]), range, Source::Written.dict(weight)));
            }
            // Only names are spelled: an affiliation in another script is
            // rarely looked for from a Latin keyboard, and its spellings
            // would crowd out names' (`x` finding every 大学 as `daxue`).
            if weight == FieldWeight::Name {
                for (r, source) in &cache.spelled[folded.spelled] {
                    buf.push(' ');
                    let at = buf.len();
                    buf.push_str(&cache.text[r.clone()]);
                    found.push((head8(&buf[at..]), at..buf.len(), source.dict(weight)));
                }
            }
        }
        buf.push(' ');
    }
    let text = buf.as_str();
    found.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| text[a.1.clone()].cmp(&text[b.1.clone()])).then(a.2.cmp(&b.2))
    });
    // Sorted by dictionary, a word's sources come in order, each with its
    // strongest weight first.
    let source = |dict: usize| dict / FieldWeight::ALL.len();
    found.dedup_by(|later, earlier| {
        later.0 == earlier.0
            && source(later.2) == source(earlier.2)
            && text[later.1.clone()] == text[earlier.1.clone()]
    });
}

/// The slot of `a` orders before the slot of `b` among equal scores.
fn by_name(slots: &[Slot], a: u32, b: u32) -> Ordering {
    let (a, b) = (&slots[a as usize], &slots[b as usize]);
    text_order(&a.sort_key, &b.sort_key).then(a.id.cmp(&b.id))
}

/// Sorts by text, then by `then`. `head` gives the text's first 16 bytes as
/// an integer (`head16`); those are sorted in a key array, and whole texts
/// are compared only within runs of equal beginnings: comparing 300,000
/// words through their pointers cost a fifth of a build in cache misses.
fn sort_by_text<T>(
    items: &mut Vec<T>,
    head: impl Fn(&T) -> u128,
    text: impl Fn(&T) -> &str,
    then: impl Fn(&T, &T) -> Ordering,
) {
    let mut keys: Vec<(u128, u32)> = items.iter().enumerate().map(|(i, t)| (head(t), i as u32)).collect();
    keys.sort_unstable();
    let mut start = 0;
    while start < keys.len() {
        let end = start + keys[start..].partition_point(|k| k.0 == keys[start].0);
        if end - start > 1 {
            keys[start..end].sort_unstable_by(|a, b| {
                let (a, b) = (&items[a.1 as usize], &items[b.1 as usize]);
                text(a).cmp(text(b)).then_with(|| then(a, b))
            });
        }
        start = end;
    }
    let mut taken: Vec<Option<T>> = std::mem::take(items).into_iter().map(Some).collect();
    items.extend(keys.iter().filter_map(|k| taken[k.1 as usize].take()));
}

/// The order of `str`, comparing the first eight bytes as one integer
/// first, which spares most calls to `memcmp`.
fn text_order(a: &str, b: &str) -> Ordering {
    head8(a).cmp(&head8(b)).then_with(|| a.cmp(b))
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
        let mut index = SearchIndex::new();
        index.insert_many(items);
        index
    }

    /// Adds (or replaces) one attendee.
    pub fn insert(&mut self, id: AttendeeId, display: &str, fields: &[(&str, FieldWeight)]) {
        self.insert_many([(id, display, fields.to_vec())]);
    }

    /// Adds (or replaces) many attendees, as after a change feed or an
    /// import: one pass over the dictionaries for the whole batch, not one
    /// per attendee. An attendee whose display name and fields are the same
    /// as indexed is left as it is. When an id comes twice, the last wins.
    pub fn insert_many<'a, I>(&mut self, items: I)
    where
        I: IntoIterator<Item = (AttendeeId, &'a str, Vec<(&'a str, FieldWeight)>)>,
    {
        // New words with their first 16 bytes, taken while the word is at
        // hand: reading 300,000 scattered words again to sort them is slow.
        let mut new_words: [HashMap<Box<str>, (u128, Postings), Keyed>; 9] = Default::default();
        let mut added: Vec<u32> = Vec::new();
        let mut buf = String::new();
        let mut found = Vec::new();
        let mut cache = FoldCache::default();
        let mut items = items.into_iter();
        let mut seen = 0usize;
        while let Some((id, display, fields)) = items.next() {
            // Growing a map of 300,000 words step by step rehashes it many
            // times; after a sample of a large batch, room is made for all.
            seen += 1;
            if seen == 4096 {
                let rest = items.size_hint().0;
                for new in &mut new_words {
                    new.reserve(new.len() * rest / seen);
                }
                self.slot_of.reserve(rest);
            }
            let print = fingerprint(display, &fields);
            if let Some(&old) = self.slot_of.get(&id) {
                if self.slots[old as usize].fingerprint == print {
                    continue;
                }
                self.rank[old as usize] = DEAD;
                self.dead += 1;
            }
            let slot = self.slots.len() as u32;
            let sort_key = cache.sort_key(display);
            attendee_words(&fields, &mut cache, &mut buf, &mut found);
            self.slots.push(Slot { id, sort_key, fingerprint: print });
            self.rank.push(DEAD);
            self.slot_of.insert(id, slot);
            added.push(slot);
            for (_, range, d) in &found {
                let word = &buf[range.clone()];
                let dict = &mut self.dicts[*d];
                if word.starts_with(is_cjk) {
                    dict.add_cjk(word, slot);
                } else if let Some(entry) = dict.find_mut(word) {
                    entry.postings.push(slot);
                } else if let Some((_, postings)) = new_words[*d].get_mut(word) {
                    postings.push(slot);
                } else {
                    new_words[*d].insert(word.into(), (head16(word), Postings::One(slot)));
                }
            }
        }
        for (dict, new) in self.dicts.iter_mut().zip(new_words) {
            dict.add_new_words(new);
        }
        if !added.is_empty() {
            self.rerank(added);
        }
        self.compact_when_worth_it();
    }

    /// Removes an attendee from the index (its slot stays, marked dead,
    /// until a compaction).
    pub fn remove(&mut self, id: AttendeeId) {
        self.remove_many([id]);
    }

    /// Removes many attendees; ids not in the index are ignored.
    pub fn remove_many<I: IntoIterator<Item = AttendeeId>>(&mut self, ids: I) {
        for id in ids {
            if let Some(slot) = self.slot_of.remove(&id) {
                self.rank[slot as usize] = DEAD;
                self.dead += 1;
            }
        }
        self.compact_when_worth_it();
    }

    /// Merges the added slots into the order of names and renumbers ranks:
    /// one sort of the batch and one pass over everyone.
    fn rerank(&mut self, mut added: Vec<u32>) {
        let slots = &self.slots;
        // A slot replaced later in the same batch is already dead.
        added.retain(|&s| self.slot_of.get(&slots[s as usize].id) == Some(&s));
        let mut keyed: Vec<(&str, AttendeeId, u32)> =
            added.iter().map(|&s| (&*slots[s as usize].sort_key, slots[s as usize].id, s)).collect();
        sort_by_text(&mut keyed, |k| head16(k.0), |k| k.0, |a, b| a.1.cmp(&b.1));
        let added: Vec<u32> = keyed.into_iter().map(|k| k.2).collect();
        let rank = &self.rank;
        let mut kept = std::mem::take(&mut self.order);
        kept.retain(|&s| rank[s as usize] != DEAD);
        // Where each added slot goes, by binary search: comparing it with
        // every name instead took milliseconds for one walk-in.
        let mut order = Vec::with_capacity(kept.len() + added.len());
        let mut from = 0;
        for a in added {
            let at = from + kept[from..].partition_point(|&s| by_name(slots, s, a).is_lt());
            order.extend_from_slice(&kept[from..at]);
            order.push(a);
            from = at;
        }
        order.extend_from_slice(&kept[from..]);
        for (r, &slot) in order.iter().enumerate() {
            self.rank[slot as usize] = r as u32;
        }
        self.order = order;
    }

    /// Compacts once dead slots make up a third of all slots, so that
    /// posting lists stay at most half as long again as needed while a
    /// compaction (about as costly as a build) stays rare.
    fn compact_when_worth_it(&mut self) {
        if self.dead >= 1024 && self.dead * 2 > self.slot_of.len() {
            self.compact();
        }
    }

    /// Drops dead slots from every posting list. Live slots are renumbered
    /// in their old order, so posting lists stay sorted.
    fn compact(&mut self) {
        let mut new_slot = vec![DEAD; self.slots.len()];
        let old_slots = std::mem::take(&mut self.slots);
        let old_rank = std::mem::take(&mut self.rank);
        for (old, slot) in old_slots.into_iter().enumerate() {
            if old_rank[old] != DEAD {
                new_slot[old] = self.slots.len() as u32;
                self.rank.push(old_rank[old]);
                self.slots.push(slot);
            }
        }
        self.order = self.order.iter().map(|&s| new_slot[s as usize]).filter(|&s| s != DEAD).collect();
        for (i, &slot) in self.order.iter().enumerate() {
            self.rank[slot as usize] = i as u32;
        }
        self.slot_of.clear();
        self.slot_of.extend(self.slots.iter().enumerate().map(|(i, s)| (s.id, i as u32)));
        for dict in &mut self.dicts {
            dict.renumber(&new_slot);
        }
        self.dead = 0;
    }

    /// The best `limit` attendees matching every word of `query`, best first.
    ///
    /// Words match by prefix (CJK by substring), as written or through
    /// the spellings of either side. When that finds nobody, words of five
    /// letters or more may also match with one typo (one letter added,
    /// removed, changed, or two neighbours swapped).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let terms = terms(query);
        if terms.is_empty() || limit == 0 {
            return Vec::new();
        }
        let mut matches: Vec<Vec<Group>> = terms.iter().map(|t| self.matches(t)).collect();
        if matches.iter().all(|m| !m.is_empty()) {
            let hits = self.best(&matches, limit);
            if !hits.is_empty() {
                return hits;
            }
        }
        let mut typos = false;
        for (term, groups) in terms.iter().zip(&mut matches) {
            if term.text.chars().count() >= 5 {
                let before = groups.len();
                self.add_typos(&term.text, groups);
                typos |= groups.len() > before;
            }
        }
        // Without a typo match the second pass would repeat the first.
        if !typos || matches.iter().any(Vec::is_empty) {
            return Vec::new();
        }
        self.best(&matches, limit)
    }

    /// The words matching one query word, grouped by score: the word as
    /// typed and its spellings in the written and spelled dictionaries,
    /// its skeleton in the skeleton ones.
    fn matches(&self, term: &Term) -> Vec<Group<'_>> {
        let mut groups = Vec::new();
        for weight in FieldWeight::ALL {
            for source in [Source::Written, Source::Spelled] {
                let dict = &self.dicts[source.dict(weight)];
                let written = source == Source::Written;
                dict.find(&term.text, |q| score(q, weight, written), true, &mut groups);
                for spelled in &term.spelled {
                    dict.find(spelled, |q| score(q, weight, false), true, &mut groups);
                }
            }
            if let Some(skeleton) = &term.skeleton {
                let dict = &self.dicts[Source::Skeleton.dict(weight)];
                let prefixes = skeleton.len() >= SKELETON_PREFIX;
                dict.find(skeleton, |q| score(skeleton_quality(q), weight, false), prefixes, &mut groups);
            }
        }
        groups
    }

    /// Adds the words one edit away from `term`, as written or spelled
    /// (CJK words have no typos, skeletons are too short for them).
    fn add_typos<'a>(&'a self, term: &str, groups: &mut Vec<Group<'a>>) {
        if term.starts_with(is_cjk) {
            return;
        }
        for weight in FieldWeight::ALL {
            for source in [Source::Written, Source::Spelled] {
                let dict = &self.dicts[source.dict(weight)];
                let mut entries = one_edit_away(&dict.words, term);
                entries.extend(one_edit_away(&dict.recent, term));
                if !entries.is_empty() {
                    let score = score(Quality::Typo, weight, source == Source::Written);
                    groups.push(Group { score, entries: Entries::Picked(entries) });
                }
            }
        }
    }

    /// The best `limit` live attendees matching every term, best first.
    fn best(&self, matches: &[Vec<Group>], limit: usize) -> Vec<Hit> {
        match matches {
            [one] => self.best_of_one(one, limit),
            _ => self.best_of_many(matches, limit),
        }
    }

    /// For one query word an attendee's score is its best group's, so the
    /// groups are read best first and reading stops once `limit`
    /// attendees are found: "m" reads the names starting with m, not the
    /// codes and e-mail words.
    fn best_of_one(&self, groups: &[Group], limit: usize) -> Vec<Hit> {
        let mut groups: Vec<&Group> = groups.iter().collect();
        groups.sort_by_key(|g| Reverse(g.score));
        // (rank, slot, score) of the attendees found, best first.
        let mut taken: Vec<(u32, u32, u32)> = Vec::with_capacity(limit);
        let mut next = 0;
        while next < groups.len() && taken.len() < limit {
            let score = groups[next].score;
            let room = limit - taken.len();
            // The `room` best-ranked attendees of this score; the heap's top is the worst of them.
            let mut heap: BinaryHeap<(u32, u32)> = BinaryHeap::with_capacity(room + 1);
            while next < groups.len() && groups[next].score == score {
                groups[next].for_each_list(|list| {
                    for &slot in list {
                        let rank = self.rank[slot as usize];
                        if rank == DEAD
                            || heap.len() == room && heap.peek().is_some_and(|&(worst, _)| rank >= worst)
                        {
                            continue;
                        }
                        // An attendee already found scored better; one already in the heap came
                        // through another word of the same score.
                        if taken.iter().any(|t| t.1 == slot) || heap.iter().any(|h| h.1 == slot) {
                            continue;
                        }
                        heap.push((rank, slot));
                        if heap.len() > room {
                            heap.pop();
                        }
                    }
                });
                next += 1;
            }
            taken.extend(heap.into_sorted_vec().into_iter().map(|(rank, slot)| (rank, slot, score)));
        }
        taken.into_iter().map(|(_, slot, score)| Hit { id: self.slots[slot as usize].id, score }).collect()
    }

    /// Broad queries (`example org`) often have more than `limit`
    /// attendees scoring the most possible for every word, and then the
    /// first of them in name order are the answer. Walking that order and
    /// looking each attendee up in the few best posting lists finds them
    /// without reading the lists whole. None when that is not cheaper or
    /// does not find `limit` of them within the attendees it may look at.
    fn best_in_name_order(&self, matches: &[Vec<Group>], limit: usize) -> Option<Vec<Hit>> {
        /// More lists per word and the lookups cost more than reading them.
        const LISTS: usize = 4;
        /// At most this many attendees are looked up before giving up.
        const PROBES: usize = 1024;
        let everyone = self.order.len().max(1) as f64;
        let mut top_score = 0;
        let mut share = 1.0;
        let mut tops: Vec<Vec<&[u32]>> = Vec::with_capacity(matches.len());
        for groups in matches {
            let best = groups.iter().map(|g| g.score).max()?;
            top_score += best;
            let mut lists: Vec<&[u32]> = Vec::new();
            for g in groups.iter().filter(|g| g.score == best) {
                let entries: &mut dyn Iterator<Item = &Entry> = match &g.entries {
                    Entries::Run(run) if run.len() <= LISTS => &mut run.iter(),
                    Entries::Picked(picked) if picked.len() <= LISTS => &mut picked.iter().copied(),
                    _ => return None,
                };
                lists.extend(entries.map(|e| e.postings.as_slice()));
                if lists.len() > LISTS {
                    return None;
                }
            }
            share *= lists.iter().map(|l| l.len()).sum::<usize>() as f64 / everyone;
            tops.push(lists);
        }
        // Expected look-ups for `limit` finds, with a margin for words that go together less
        // often than chance.
        let probes = 4.0 * limit as f64 / share;
        if probes > PROBES as f64 {
            return None;
        }
        let mut hits = Vec::with_capacity(limit);
        for &slot in self.order.iter().take(PROBES) {
            if self.rank[slot as usize] == DEAD {
                continue;
            }
            if tops.iter().all(|lists| lists.iter().any(|l| l.binary_search(&slot).is_ok())) {
                hits.push(Hit { id: self.slots[slot as usize].id, score: top_score });
                if hits.len() == limit {
                    return Some(hits);
                }
            }
        }
        None
    }

    /// The best attendees for several query words: in name order when that
    /// is cheap, else over each word's best groups when that finds enough,
    /// else over all groups.
    fn best_of_many(&self, matches: &[Vec<Group>], limit: usize) -> Vec<Hit> {
        if let Some(hits) = self.best_in_name_order(matches, limit) {
            return hits;
        }
        // Nobody scores more than the sum of each word's best group, and
        // whoever does is in all of those groups. When they are `limit` or
        // more, they are the answer, found without reading the weaker
        // groups: for `s d`, the names starting with s and d, not the
        // 100,000 order codes starting with d. Otherwise the groups read
        // widen a score level at a time, for the word through which an
        // attendee outside them could score the most, until `limit`
        // attendees score more than anyone outside could: for `e o`, the
        // Greek and Cyrillic names spelled with an e have no O'Brien among
        // them, and the names written with an e do.
        /// Widenings tried before reading every group; each must read less
        /// than a quarter of the postings of all groups to be worth it.
        const WIDENINGS: usize = 2;
        let levels: Vec<Vec<u32>> = matches
            .iter()
            .map(|groups| {
                let mut scores: Vec<u32> = groups.iter().map(|g| g.score).collect();
                scores.sort_unstable_by(|a, b| b.cmp(a));
                scores.dedup();
                scores
            })
            .collect();
        let most: u32 = levels.iter().filter_map(|l| l.first()).sum();
        let mut depth = vec![0usize; matches.len()];
        let mut sums = Sums::new(self.slots.len());
        for pass in 0..=WIDENINGS {
            // The most an attendee outside the groups read could score, and
            // the word it would fall short in.
            let outside = (0..matches.len())
                .filter_map(|i| levels[i].get(depth[i] + 1).map(|&next| (most - levels[i][0] + next, i)))
                .max();
            let Some((bound, widen)) = outside else { break };
            let read: Vec<Vec<&Group>> = matches
                .iter()
                .zip(&levels)
                .zip(&depth)
                .map(|((groups, l), &d)| groups.iter().filter(|g| g.score >= l[d]).collect())
                .collect();
            if pass > 0 && !self.worth_reading(&read, matches) {
                break;
            }
            let hits = self.sum_scores(&read, limit, &mut sums);
            if hits.len() == limit && hits[limit - 1].score > bound {
                return hits;
            }
            depth[widen] += 1;
        }
        let all: Vec<Vec<&Group>> = matches.iter().map(|groups| groups.iter().collect()).collect();
        self.sum_scores(&all, limit, &mut sums)
    }

    /// True when the groups `read` hold less than a quarter of the postings
    /// of all groups, counting no further than needed to tell.
    fn worth_reading(&self, read: &[Vec<&Group>], all: &[Vec<Group>]) -> bool {
        let cost: usize = read.iter().flatten().map(|g| g.postings_up_to(usize::MAX)).sum();
        let enough = 4 * cost;
        let mut total = 0;
        for g in all.iter().flatten() {
            total += g.postings_up_to(enough - total.min(enough));
            if total > enough {
                return true;
            }
        }
        false
    }

    /// Scores are summed in one array indexed by slot; only slots in posting
    /// lists are touched. The word with the fewest postings goes first and
    /// sets the candidates; each further word keeps those it matches too.
    fn sum_scores(&self, matches: &[Vec<&Group>], limit: usize, sums: &mut Sums) -> Vec<Hit> {
        // Words whose groups hold fewer words are usually rarer: counting
        // them first gives a low cap for counting the others.
        let entries = |groups: &Vec<&Group>| -> usize {
            groups
                .iter()
                .map(|g| match &g.entries {
                    Entries::Run(run) => run.len(),
                    Entries::Picked(picked) => picked.len(),
                })
                .sum()
        };
        let mut by_length: Vec<usize> = (0..matches.len()).collect();
        by_length.sort_by_key(|&i| entries(&matches[i]));
        let mut cost: Vec<(usize, usize)> = Vec::with_capacity(matches.len());
        let mut cap = usize::MAX;
        for i in by_length {
            let mut total = 0;
            for g in &matches[i] {
                total += g.postings_up_to(cap.saturating_sub(total));
                if total > cap {
                    break;
                }
            }
            cap = cap.min(total);
            cost.push((total, i));
        }
        cost.sort_unstable();

        let Sums { total, best } = sums;
        let mut candidates: Vec<u32> = Vec::new();
        for g in &matches[cost[0].1] {
            g.for_each_list(|list| {
                for &slot in list {
                    if self.rank[slot as usize] == DEAD {
                        continue;
                    }
                    let t = &mut total[slot as usize];
                    if *t == 0 {
                        candidates.push(slot);
                    }
                    *t = (*t).max(g.score);
                }
            });
        }
        // Sorted by slot once a long list needs it, candidates are found in
        // long lists by galloping.
        let mut sorted = false;
        for &(_, i) in &cost[1..] {
            if candidates.is_empty() {
                return Vec::new();
            }
            for g in &matches[i] {
                let score = g.score as u8;
                g.for_each_list(|list| {
                    // A list much longer than the candidates (`example`
                    // in every e-mail address) is searched for each of them.
                    if list.len() > 8 * candidates.len() {
                        if !sorted {
                            candidates.sort_unstable();
                            sorted = true;
                        }
                        gallop(list, &candidates, |slot| {
                            let b = &mut best[slot as usize];
                            *b = (*b).max(score);
                        });
                        return;
                    }
                    for &slot in list {
                        if total[slot as usize] != 0 {
                            let b = &mut best[slot as usize];
                            *b = (*b).max(score);
                        }
                    }
                });
            }
            candidates.retain(|&slot| {
                let b = std::mem::take(&mut best[slot as usize]);
                let t = &mut total[slot as usize];
                *t = if b == 0 { 0 } else { *t + u32::from(b) };
                *t != 0
            });
        }
        // When many candidates share the top score (`example org`), the
        // first of them in the order of names are the answer, and walking
        // that order finds them sooner than ranking every candidate.
        let top = candidates.iter().map(|&s| total[s as usize]).max().unwrap_or(0);
        let at_top = candidates.iter().filter(|&&s| total[s as usize] == top).count();
        let hits = if at_top >= limit && limit * self.order.len() / at_top < candidates.len() / 2 {
            self.order
                .iter()
                .filter(|&&slot| total[slot as usize] == top)
                .take(limit)
                .map(|&slot| Hit { id: self.slots[slot as usize].id, score: top })
                .collect()
        } else {
            // The `limit` best by (score, then rank); the heap's top is the worst of them.
            let mut heap: BinaryHeap<Reverse<(u32, Reverse<u32>, u32)>> =
                BinaryHeap::with_capacity(limit + 1);
            for &slot in &candidates {
                let key = (total[slot as usize], Reverse(self.rank[slot as usize]), slot);
                if heap.len() < limit {
                    heap.push(Reverse(key));
                } else if heap.peek().is_some_and(|worst| key > worst.0) {
                    heap.pop();
                    heap.push(Reverse(key));
                }
            }
            heap.into_sorted_vec()
                .into_iter()
                .map(|Reverse((score, _, slot))| Hit { id: self.slots[slot as usize].id, score })
                .collect()
        };
        // The candidates left are the only slots with a total.
        for &slot in &candidates {
            total[slot as usize] = 0;
        }
        hits
    }
}

/// Calls `found` for each of the sorted `wanted` that the sorted `list`
/// holds, stepping through `list` in doubling strides: a few steps per
/// wanted slot when `list` is much longer.
fn gallop(list: &[u32], wanted: &[u32], mut found: impl FnMut(u32)) {
    let mut lo = 0;
    for &slot in wanted {
        let mut step = 1;
        let mut hi = lo;
        while hi < list.len() && list[hi] < slot {
            lo = hi + 1;
            hi += step;
            step *= 2;
        }
        let hi = hi.min(list.len());
        lo += list[lo..hi].partition_point(|&x| x < slot);
        if lo == list.len() {
            return;
        }
        if list[lo] == slot {
            found(slot);
        }
    }
}

/// The per-slot sums of `SearchIndex::sum_scores`, zero between calls, so
/// that the passes of one query share them.
#[derive(Debug)]
struct Sums {
    /// Slot -> score so far.
    total: Vec<u32>,
    /// Slot -> the best score of the word being counted.
    best: Vec<u8>,
}

impl Sums {
    fn new(slots: usize) -> Self {
        Sums { total: vec![0; slots], best: vec![0; slots] }
    }
}

/// The words of a sorted dictionary one edit away from `term` (one letter
/// added, removed, changed, or two neighbours swapped). Instead of testing
/// every word, it looks up the candidates: removals and swaps are single
/// lookups; for a change or an addition at position i it walks the letters
/// that follow the term's first i letters in the dictionary, a range that
/// narrows quickly as i grows.
fn one_edit_away<'a>(words: &'a [Entry], term: &str) -> Vec<&'a Entry> {
    let chars: Vec<(usize, char)> = term.char_indices().collect();
    let mut found: Vec<usize> = Vec::new();
    let mut probe = String::with_capacity(term.len() + 4);
    let mut look_up = |range: Range<usize>, probe: &str| {
        let key = Key::new(probe);
        if let Ok(i) = words[range.clone()].binary_search_by(|e| e.cmp_key(&key)) {
            found.push(range.start + i);
        }
    };
    for (i, &(at, ch)) in chars.iter().enumerate() {
        let after = at + ch.len_utf8();
        probe.clear();
        probe.push_str(&term[..at]);
        probe.push_str(&term[after..]);
        look_up(0..words.len(), &probe);
        if let Some(&(_, next)) = chars.get(i + 1).filter(|&&(_, next)| next != ch) {
            probe.clear();
            probe.push_str(&term[..at]);
            probe.push(next);
            probe.push(ch);
            probe.push_str(&term[after + next.len_utf8()..]);
            look_up(0..words.len(), &probe);
        }
    }
    let (mut lo, mut hi) = (0, words.len());
    for i in 0..=chars.len() {
        let at = chars.get(i).map_or(term.len(), |c| c.0);
        let prefix = &term[..at];
        let key = Key::new(prefix);
        lo += words[lo..hi].partition_point(|e| e.cmp_key(&key).is_lt());
        hi = lo + words[lo..hi].partition_point(|e| e.starts_with(&key));
        let mut pos = lo;
        while pos < hi {
            let text = &words[pos].text;
            let Some(x) = text[at..].chars().next() else {
                pos += 1;
                continue;
            };
            let with_x = Key::new(&text[..at + x.len_utf8()]);
            let end = pos + words[pos..hi].partition_point(|e| e.starts_with(&with_x));
            if let Some(&(_, ch)) = chars.get(i).filter(|c| c.1 != x) {
                probe.clear();
                probe.push_str(prefix);
                probe.push(x);
                probe.push_str(&term[at + ch.len_utf8()..]);
                look_up(pos..end, &probe);
            }
            probe.clear();
            probe.push_str(prefix);
            probe.push(x);
            probe.push_str(&term[at..]);
            look_up(pos..end, &probe);
            pos = end;
        }
        if lo == hi {
            break;
        }
    }
    found.sort_unstable();
    found.dedup();
    found.into_iter().map(|i| &words[i]).collect()
}

/// True when `a` becomes `b` by at most one insertion, deletion,
/// substitution, or swap of two neighbouring letters.
#[cfg(test)]
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

    #[test]
    fn hangul_stays_in_syllables_so_substrings_find_the_name_issue_8() {
        assert_eq!(fold("김민준"), "김민준", "syllables are not split into jamo");
        // The same name typed as conjoining jamo (as some keyboards and
        // macOS file names store it) folds to the same syllables.
        let jamo = "\u{1100}\u{1175}\u{11B7}\u{1106}\u{1175}\u{11AB}\u{110C}\u{116E}\u{11AB}";
        assert_eq!(fold(jamo), "김민준");
        let index = SearchIndex::build([
            (AttendeeId(1), "김민준", vec![("김민준", FieldWeight::Name)]),
            (AttendeeId(2), "이서연", vec![("이서연", FieldWeight::Name)]),
            (AttendeeId(3), jamo, vec![(jamo, FieldWeight::Name)]),
        ]);
        assert_eq!(ids(&index, "민준"), [1, 3], "a given name inside the joined name");
        assert_eq!(ids(&index, "김"), [1, 3]);
        assert_eq!(ids(&index, "서연"), [2]);
        assert_eq!(
            ids(&index, "\u{1106}\u{1175}\u{11AB}\u{110C}\u{116E}\u{11AB}"),
            [1, 3],
            "a query typed as jamo"
        );
    }

    #[test]
    fn zero_width_and_bidi_characters_do_not_split_words_issue_8() {
        assert_eq!(fold("a\u{200B}b\u{200C}c\u{200D}d\u{2060}e\u{FEFF}f"), "abcdef");
        assert_eq!(fold("\u{202B}x\u{202A}y\u{202C}\u{202D}z\u{202E}"), "xyz");
        assert_eq!(fold("\u{2066}p\u{2067}q\u{2068}r\u{2069}\u{200E}s\u{200F}"), "pqrs");
        let index = SearchIndex::build([
            (AttendeeId(1), "Jo\u{200B}sé Núñez", vec![("Jo\u{200B}sé Núñez", FieldWeight::Name)]),
            (
                AttendeeId(2),
                "\u{2067}נועה כהן\u{2069}",
                vec![("\u{2067}נועה כהן\u{2069}", FieldWeight::Name)],
            ),
            (AttendeeId(3), "José Pérez", vec![("José Pérez", FieldWeight::Name)]),
        ]);
        assert_eq!(ids(&index, "jose nunez"), [1], "a zero-width space inside a stored name");
        assert_eq!(ids(&index, "jo\u{200D}se"), [1, 3], "a joiner inside the typed query");
        assert_eq!(ids(&index, "\u{202B}perez\u{202C}"), [3], "bidi embedding around the query");
        assert_eq!(ids(&index, "נועה"), [2], "an isolate around a stored right-to-left name");
    }

    fn people_of_many_scripts() -> SearchIndex {
        let people: [(i64, &str); 16] = [
            (1, "Ольга Смирнова"),
            (2, "Γιώργος Παπαδόπουλος"),
            (3, "王小明"),
            (4, "さとう はなこ"),
            (5, "Արամ Սարգսյան"),
            (6, "გიორგი ბერიძე"),
            (7, "محمد الحسيني"),
            (8, "נועה כהן"),
            (9, "Сергей Щукин"),
            (10, "Юлия Хабарова"),
            (11, "Χριστίνα Θεοδώρου"),
            (12, "فاطمة حداد"),
            (13, "מיכל פרידמן"),
            (14, "欧阳丽娟"),
            (15, "Дмитрий Кузнецов"),
            (16, "ليلى منصور"),
        ];
        SearchIndex::build(
            people.iter().map(|&(id, name)| (AttendeeId(id), name, vec![(name, FieldWeight::Name)])),
        )
    }

    #[test]
    fn names_in_other_scripts_are_found_as_typed_on_a_latin_keyboard_issue_8() {
        let index = people_of_many_scripts();
        // Each query, the script and scheme it tries, and who it must find.
        let cases: &[(&str, &str, &[i64])] = &[
            ("olga", "Cyrillic", &[1]),
            ("olga smirnova", "Cyrillic", &[1]),
            ("sergey shchukin", "Cyrillic, English scheme", &[9]),
            ("sergei schukin", "Cyrillic, й as i, щ as sch", &[9]),
            ("sergej", "Cyrillic, й as j", &[9]),
            ("yulia khabarova", "Cyrillic, я as a", &[10]),
            ("iuliia habarova", "Cyrillic, passport scheme, х as h", &[10]),
            ("julia", "Cyrillic, German scheme", &[10]),
            ("dmitry kuznetsov", "Cyrillic, short ий", &[15]),
            ("dmitrii", "Cyrillic, passport ий", &[15]),
            ("giorgos", "Greek", &[2]),
            ("yiorgos papadopoulos", "Greek, γ as y", &[2]),
            ("christina", "Greek, χ as ch", &[11]),
            ("hristina theodorou", "Greek, χ as h, θ as th", &[11]),
            ("aram sargsyan", "Armenian", &[5]),
            ("giorgi beridze", "Georgian", &[6]),
            ("wang xiao", "Han, pinyin syllables", &[3]),
            ("xiaoming", "Han, joined", &[3]),
            ("wangxiaoming", "Han, whole name", &[3]),
            ("ouyang", "Han, two-character family name", &[14]),
            ("sato", "kana, long vowel dropped", &[4]),
            ("satou hanako", "kana, Hepburn", &[4]),
            ("satoh", "kana, passport oh", &[4]),
            ("mohammed", "Arabic skeleton", &[7]),
            ("muhammad al husseini", "Arabic skeleton, article apart", &[7]),
            ("alhusseini", "Arabic skeleton, article joined", &[7]),
            ("fatima haddad", "Arabic skeleton", &[12]),
            ("leila mansour", "Arabic skeleton, ي as a vowel", &[16]),
            ("layla", "Arabic skeleton, ي as y", &[16]),
            ("noa cohen", "Hebrew skeleton", &[8]),
            ("kohen", "Hebrew skeleton", &[8]),
            ("michal friedman", "Hebrew skeleton, כ as kh, פ as f", &[13]),
        ];
        for (query, what, want) in cases {
            assert_eq!(ids(&index, query), *want, "{query:?} ({what})");
        }
    }

    #[test]
    fn spellings_do_not_find_unrelated_names() {
        let index = people_of_many_scripts();
        for query in ["olgx", "georgios", "wang zhao", "satu", "karim", "noam"] {
            assert!(ids(&index, query).is_empty(), "{query:?} finds {:?}", ids(&index, query));
        }
        // Skeletons are ambiguous by nature: Mahmoud (محمود) and Mohammed
        // (محمد) share `mhmd`, as their unvowelled spellings nearly do.
        assert_eq!(ids(&index, "mahmoud"), [7]);
    }

    #[test]
    fn names_in_the_typed_script_rank_first() {
        let people: [(i64, &str); 8] = [
            (1, "Olga Smith"),
            (2, "Ольга Смирнова"),
            (3, "Sato Kenji"),
            (4, "さとう けんじ"),
            (5, "Olgaard Berg"),
            (6, "Giorgos Pappas"),
            (7, "Γιώργος Παππάς"),
            (8, "Noa Levi"),
        ];
        let index = SearchIndex::build(
            people.iter().map(|&(id, name)| (AttendeeId(id), name, vec![(name, FieldWeight::Name)])),
        );
        assert_eq!(
            ids(&index, "olga"),
            [1, 2, 5],
            "Latin first, then the whole Cyrillic name, then a prefix"
        );
        assert_eq!(ids(&index, "Ольга"), [2, 1, 5], "Cyrillic first, then as spelled");
        assert_eq!(ids(&index, "sato"), [3, 4]);
        assert_eq!(ids(&index, "さとう"), [4, 3]);
        assert_eq!(ids(&index, "giorgos"), [6, 7]);
        assert_eq!(ids(&index, "Γιώργος"), [7, 6]);
        let olga = index.search("olga", 3);
        assert!(olga[0].score > olga[1].score && olga[1].score > olga[2].score, "{olga:?}");
    }

    #[test]
    fn spellings_follow_walk_ins_replacements_and_removals() {
        let mut index = people_of_many_scripts();
        index.insert(AttendeeId(40), "Ольга Петрова", &[("Ольга Петрова", FieldWeight::Name)]);
        assert_eq!(ids(&index, "olga"), [40, 1], "a walk-in's spellings, in the order of names");
        index.insert(AttendeeId(1), "Olga Smirnova", &[("Olga Smirnova", FieldWeight::Name)]);
        assert_eq!(ids(&index, "olga"), [1, 40], "written Olga now ranks first");
        let cyrillic = index.search("ольга смирнова", 10);
        let latin = index.search("olga smirnova", 10);
        assert_eq!(cyrillic.iter().map(|h| h.id.0).collect::<Vec<_>>(), [1], "found through the spelling");
        assert!(cyrillic[0].score < latin[0].score, "the old Cyrillic name is gone: {cyrillic:?}");
        index.remove(AttendeeId(40));
        assert_eq!(ids(&index, "olga"), [1]);
    }

    #[test]
    fn batches_insert_replace_and_remove_like_one_by_one() {
        let mut index = sample();
        index.insert_many([
            (AttendeeId(9), "Ana Núñez", vec![("Ana Núñez", FieldWeight::Name)]),
            (AttendeeId(10), "Ana Lopez", vec![("Ana Lopez", FieldWeight::Name)]),
            (AttendeeId(9), "Ana Núñez García", vec![("Ana Núñez García", FieldWeight::Name)]),
            (
                AttendeeId(1),
                "José Núñez",
                vec![("José Núñez", FieldWeight::Name), ("JN1", FieldWeight::Code)],
            ),
        ]);
        assert_eq!(index.len(), 8);
        assert_eq!(ids(&index, "ana"), [10, 9]);
        assert_eq!(ids(&index, "garcia"), [9], "the last of two items for one id wins");
        assert_eq!(ids(&index, "jn1"), [1], "a replaced attendee has its new fields");
        assert!(ids(&index, "python").is_empty(), "and no longer its old ones");
        index.remove_many([AttendeeId(9), AttendeeId(10), AttendeeId(77)]);
        assert_eq!(index.len(), 6);
        assert!(ids(&index, "ana").is_empty());
    }

    #[test]
    fn refreshing_an_unchanged_attendee_adds_no_slot() {
        let mut index = sample();
        let slots = index.slots.len();
        index.insert(
            AttendeeId(2),
            "Jürgen Müller",
            &[("Jürgen Müller", FieldWeight::Name), ("Univ. Wien", FieldWeight::Other)],
        );
        assert_eq!(index.slots.len(), slots, "same display name and fields: nothing to redo");
        index.insert(AttendeeId(2), "Jürgen Müller", &[("Jürgen Müller", FieldWeight::Name)]);
        assert_eq!(index.slots.len(), slots + 1);
        assert!(ids(&index, "wien").is_empty());
    }

    #[test]
    fn one_edit_lookups_find_what_a_scan_finds() {
        let words: Vec<String> = crate::demo::generate(3, 400)
            .expect("demo data is valid")
            .attendees
            .iter()
            .flat_map(|a| [a.display_name.clone(), a.email.clone(), a.affiliation.clone()])
            .flat_map(|t| index_words(&t))
            .filter(|w| !w.starts_with(is_cjk))
            .collect();
        let index = SearchIndex::build(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (AttendeeId(i as i64), w.as_str(), vec![(w.as_str(), FieldWeight::Name)])),
        );
        let dict = &index.dicts[0].words;
        let mut rng = Rng(11);
        for word in words.iter().step_by(7) {
            let term = typo(&mut rng, word);
            let term_chars: Vec<char> = term.chars().collect();
            let mut want: Vec<&str> = dict
                .iter()
                .map(|e| &*e.text)
                .filter(|w| *w != term && within_one_edit(&term_chars, &w.chars().collect::<Vec<_>>()))
                .collect();
            want.sort_unstable();
            let got: Vec<&str> = one_edit_away(dict, &term).into_iter().map(|e| &*e.text).collect();
            assert_eq!(got, want, "words one edit away from {term:?}");
        }
    }

    #[test]
    fn names_in_devanagari_tamil_thai_and_georgian_are_found_as_typed() {
        // The demo event has them as a conference in India, Thailand or
        // Georgia would: the given name typed whole, then the family
        // name's first letters (vowel signs and tone marks as typed).
        let everyone = people(crate::demo::DEFAULT_SEED, crate::demo::DEFAULT_COUNT, 1);
        let index = SearchIndex::build(everyone.iter().map(item));
        let scripts: [(&str, std::ops::RangeInclusive<char>); 4] = [
            ("Devanagari", '\u{0900}'..='\u{097F}'),
            ("Tamil", '\u{0B80}'..='\u{0BFF}'),
            ("Thai", '\u{0E00}'..='\u{0E7F}'),
            ("Georgian", '\u{10A0}'..='\u{10FF}'),
        ];
        for (script, range) in scripts {
            let of_script: Vec<&Person> =
                everyone.iter().filter(|p| p.1.chars().any(|c| range.contains(&c))).collect();
            assert!(of_script.len() >= 3, "the demo has people written in {script}");
            for (id, name, _) in of_script {
                let (given, family) = name.split_once(' ').expect("given and family names");
                let typed = format!("{given} {}", family.chars().take(2).collect::<String>());
                assert!(
                    index.search(&typed, 12).iter().any(|h| h.id == *id),
                    "{script}: {typed:?} finds {name}"
                );
            }
        }
    }

    /// A tiny deterministic generator for the tests' queries.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % n.max(1) as u64) as usize
        }
    }

    /// `word` with one letter removed, changed, added or swapped with the next.
    fn typo(rng: &mut Rng, word: &str) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        let at = rng.below(chars.len());
        match rng.below(4) {
            0 if chars.len() > 1 => {
                chars.remove(at);
            }
            1 => chars[at] = ['a', 'e', 'x', 'ö', 'λ'][rng.below(5)],
            2 => chars.insert(at, ['n', 'z', 'é'][rng.below(3)]),
            _ if at + 1 < chars.len() => chars.swap(at, at + 1),
            _ => chars.push('s'),
        }
        chars.into_iter().collect()
    }

    /// An attendee as the desk indexes one: display name and weighted fields.
    type Person = (AttendeeId, String, Vec<(String, FieldWeight)>);

    fn people(seed: u64, count: usize, first_id: i64) -> Vec<Person> {
        let mut out: Vec<Person> = crate::demo::generate(seed, count)
            .expect("demo data is valid")
            .attendees
            .into_iter()
            .enumerate()
            .map(|(i, a)| {
                let fields = vec![
                    (a.display_name.clone(), FieldWeight::Name),
                    (a.given_name, FieldWeight::Name),
                    (a.family_name, FieldWeight::Name),
                    (a.badge_code.as_str().to_owned(), FieldWeight::Code),
                    (a.order_code, FieldWeight::Code),
                    (a.email, FieldWeight::Other),
                    (a.affiliation, FieldWeight::Other),
                ];
                (AttendeeId(first_id + i as i64), a.display_name, fields)
            })
            .collect();
        out.push((
            AttendeeId(first_id - 1),
            "Jo\u{200B}sé Nú\u{200D}ñez".into(),
            vec![("Jo\u{200B}sé Nú\u{200D}ñez".into(), FieldWeight::Name)],
        ));
        out
    }

    fn item(p: &Person) -> (AttendeeId, &str, Vec<(&str, FieldWeight)>) {
        (p.0, p.1.as_str(), p.2.iter().map(|(t, w)| (t.as_str(), *w)).collect())
    }

    /// An indexed word: its text and letters, field weight and source.
    type Word = (String, Vec<char>, FieldWeight, Source);

    /// Each attendee's folded display name and indexed words.
    type Indexed = Vec<(AttendeeId, String, Vec<Word>)>;

    fn indexed(people: &[Person]) -> Indexed {
        people
            .iter()
            .map(|(id, display, fields)| {
                let words = fields
                    .iter()
                    .flat_map(|(t, w)| {
                        let written = index_words(t).into_iter().map(|x| (x, Source::Written));
                        let spellings =
                            if *w == FieldWeight::Name { translit::spellings(t) } else { Vec::new() };
                        let spelled = spellings.into_iter().map(|(k, x)| (x, Source::from(k)));
                        written.chain(spelled).map(|(x, source)| (x.chars().collect(), x, *w, source))
                    })
                    .map(|(chars, x, w, source)| (x, chars, w, source))
                    .collect();
                (*id, fold(display), words)
            })
            .collect()
    }

    /// How well one form of a typed word matches an indexed word, the
    /// slow way.
    fn quality(form: &str, word: &str, prefixes: bool) -> Option<Quality> {
        if word == form {
            Some(Quality::Exact)
        } else if prefixes && word.starts_with(form) {
            Some(Quality::Prefix)
        } else if form.starts_with(is_cjk) && word.contains(form) {
            Some(Quality::Substring)
        } else {
            None
        }
    }

    /// The documented ranking, computed the slow way: every attendee, every
    /// word, every query word.
    fn reference(people: &Indexed, query: &str, limit: usize) -> Vec<Hit> {
        let terms = terms(query);
        if terms.is_empty() {
            return Vec::new();
        }
        let pass = |typos: bool| {
            let mut hits: Vec<(String, Hit)> = Vec::new();
            'people: for (id, sort_key, indexed) in people {
                let mut total = 0;
                for term in &terms {
                    let term_chars: Vec<char> = term.text.chars().collect();
                    let mut best = 0;
                    for (word, chars, weight, source) in indexed {
                        let mut consider = |quality: Option<Quality>, written: bool| {
                            if let Some(q) = quality {
                                best = best.max(score(q, *weight, written));
                            }
                        };
                        if *source == Source::Skeleton {
                            if let Some(skeleton) = &term.skeleton {
                                let q = quality(skeleton, word, skeleton.len() >= SKELETON_PREFIX);
                                consider(q.map(skeleton_quality), false);
                            }
                            continue;
                        }
                        let written = *source == Source::Written;
                        consider(quality(&term.text, word, true), written);
                        for spelled in &term.spelled {
                            consider(quality(spelled, word, true), false);
                        }
                        if typos && term_chars.len() >= 5 && within_one_edit(&term_chars, chars) {
                            consider(Some(Quality::Typo), written);
                        }
                    }
                    if best == 0 {
                        continue 'people;
                    }
                    total += best;
                }
                hits.push((sort_key.clone(), Hit { id: *id, score: total }));
            }
            hits.sort_by(|a, b| {
                b.1.score.cmp(&a.1.score).then_with(|| a.0.cmp(&b.0)).then(a.1.id.cmp(&b.1.id))
            });
            hits.into_iter().take(limit).map(|(_, h)| h).collect::<Vec<_>>()
        };
        let plain = pass(false);
        if plain.is_empty() { pass(true) } else { plain }
    }

    /// Queries of every kind, drawn from the attendees' own words.
    fn queries(people: &[Person], rng: &mut Rng) -> Vec<String> {
        let mut out: Vec<String> = [
            "a",
            "e",
            "o",
            "m",
            "d",
            "1",
            "jo",
            "ex",
            "jose",
            "jose nu",
            "nu jo",
            "maria garcia",
            "mueller",
            "müller",
            "小明",
            "王",
            "山田",
            "민준",
            "김민준",
            "алена",
            "ελενη",
            "محمد",
            "נועה",
            "olga",
            "ольга",
            "giorgos",
            "γιωργος",
            "wang xiao",
            "xiaoming",
            "sato",
            "さくら",
            "sakura",
            "yulia",
            "sergei",
            "dmitrii",
            "mohammed",
            "fatima al",
            "al husseini",
            "noa cohen",
            "kohen",
            "mizrahi",
            "m",
            "mh",
            "example.org",
            "pydesk",
            "qqqxz",
            "nunes",
            "mueler",
            "garcai",
            "lukasz wojcki",
            "jose nunez python software",
            "jo\u{200D}se",
            "",
            "  ",
            "x y z",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..120 {
            let (_, _, fields) = &people[rng.below(people.len())];
            let (text, _) = &fields[rng.below(fields.len())];
            let words = index_words(text);
            if words.is_empty() {
                continue;
            }
            let word = &words[rng.below(words.len())];
            let cut: String = word.chars().take(1 + rng.below(word.chars().count())).collect();
            out.push(match rng.below(5) {
                0 => cut,
                1 => typo(rng, word),
                2 => format!("{cut} {}", words[rng.below(words.len())]),
                3 => text.clone(),
                _ => {
                    let other = rng.below(words.len());
                    format!("{} {cut}", typo(rng, &words[other]))
                }
            });
        }
        out
    }

    fn assert_like_reference(index: &SearchIndex, live: &[Person], queries: &[String]) {
        assert_eq!(index.len(), live.len());
        let live = indexed(live);
        for q in queries {
            let want = reference(&live, q, 12);
            assert_eq!(index.search(q, 12), want, "query {q:?}");
            assert_eq!(index.search(q, 1), want[..want.len().min(1)], "query {q:?}, one result");
        }
    }

    #[test]
    fn results_are_those_of_the_documented_ranking() {
        let mut rng = Rng(7);
        let mut live = people(5, 1_000, 1_000);
        let queries = queries(&live, &mut rng);
        let index = SearchIndex::build(live.iter().map(item));
        assert_like_reference(&index, &live, &queries);

        // One by one, in batches, replaced, removed: the same results.
        let mut index = SearchIndex::new();
        for p in &live[..200] {
            let (id, display, fields) = item(p);
            index.insert(id, display, &fields);
        }
        index.insert_many(live[200..].iter().map(item));
        assert_like_reference(&index, &live, &queries);

        let newcomers = people(6, 300, 10_000);
        index.insert_many(newcomers.iter().map(item));
        live.extend(newcomers);
        for p in live.iter_mut().step_by(9) {
            p.1 = format!("{} Neumann", p.1);
            p.2.push(("Neumann".into(), FieldWeight::Name));
        }
        index.insert_many(live.iter().step_by(9).map(item));
        let gone: Vec<AttendeeId> = live.iter().skip(3).step_by(11).map(|p| p.0).collect();
        index.remove_many(gone.iter().copied());
        live.retain(|p| !gone.contains(&p.0));
        let mut queries = queries;
        queries.extend(["neumann", "neu jo", "neuman"].map(String::from));
        assert_like_reference(&index, &live, &queries);
    }

    #[test]
    fn walk_ins_added_one_by_one_are_found_like_the_others() {
        let mut rng = Rng(13);
        let mut live = people(10, 800, 1);
        let mut index = SearchIndex::build(live.iter().map(item));
        let walk_ins = people(12, 40, 5_000);
        for p in &walk_ins {
            let (id, display, fields) = item(p);
            index.insert(id, display, &fields);
        }
        assert!(
            index.dicts.iter().any(|d| !d.recent.is_empty()),
            "their new words wait beside the dictionary"
        );
        let queries = queries(&walk_ins, &mut rng);
        live.extend(walk_ins);
        assert_like_reference(&index, &live, &queries);
    }

    #[test]
    fn compaction_drops_dead_slots_and_keeps_results() {
        let mut rng = Rng(9);
        let mut live = people(8, 1_100, 1);
        let queries = queries(&live, &mut rng);
        let mut index = SearchIndex::build(live.iter().map(item));
        // Replacing everyone twice leaves more dead slots than live ones.
        for round in 0..2 {
            for p in &mut live {
                p.2.push((format!("round{round}"), FieldWeight::Other));
            }
            index.insert_many(live.iter().map(item));
        }
        assert!(index.slots.len() < 2 * live.len(), "a compaction ran: {} slots", index.slots.len());
        assert_like_reference(&index, &live, &queries);
        assert_eq!(ids(&index, "round1").len(), 10);
    }
}
