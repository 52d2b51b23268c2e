//! Finding people: prefixes in any order, accents, transliterations, scripts.

use lanyard_tests::{TestDesk, walk_in};

fn names(t: &TestDesk, query: &str) -> Vec<String> {
    t.desk.search(query).expect("search").into_iter().map(|c| c.display_name).collect()
}

#[test]
fn search_folds_accents_and_transliterations() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let cases = [
        ("jose nu", "José Núñez"),
        ("nunez jose", "José Núñez"),
        ("muller", "Jürgen Müller"),
        ("mueller", "Jürgen Müller"),
        ("zoe lef", "Zoë Lefèvre"),
        ("lukasz", "Łukasz Wójcik"),
        ("bjorn oster", "Bjørn Østergaard"),
        ("小明", "王小明"),
        ("ελενη", "Ελένη Παπαδοπούλου"),
        ("алена", "Алёна Смирнова"),
        ("山田", "山田太郎"),
        ("נועה", "נועה כהן"),
    ];
    for (query, want) in cases {
        let found = names(&t, query);
        assert!(found.iter().any(|n| n == want), "{query:?} should find {want:?}, found {found:?}");
    }
}

#[test]
fn search_returns_at_most_a_screenful_best_first() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let found = t.desk.search("a").expect("search");
    assert!(found.len() <= 12, "a screenful at most, got {}", found.len());
    let jose = names(&t, "jose");
    let whole_word = |n: &String| n.split(' ').any(|w| w == "José");
    let first_prefix_only = jose.iter().position(|n| !whole_word(n)).unwrap_or(jose.len());
    assert!(jose[..first_prefix_only].iter().all(whole_word), "exact word matches come first: {jose:?}");
    assert!(first_prefix_only > 0, "someone is called José: {jose:?}");
}

#[test]
fn search_by_badge_code() {
    let t = TestDesk::demo("Desk 1", "Anna");
    let jose = &t.desk.search("jose nunez").expect("search")[0];
    let by_code = t.desk.search(&jose.badge_code.to_lowercase()).expect("search");
    assert_eq!(by_code.first().map(|c| c.id), Some(jose.id));
}

#[test]
fn nothing_matches_gibberish_or_blank() {
    let t = TestDesk::demo("Desk 1", "Anna");
    assert!(names(&t, "qqqxxz").is_empty());
    assert!(names(&t, "   ").is_empty());
}

#[test]
fn names_in_other_scripts_are_found_as_typed_on_a_latin_keyboard_issue_8() {
    let t = TestDesk::demo("Desk 1", "Anna");
    // The demo event has Cyrillic, Greek, Chinese, kana, Arabic and Hebrew
    // names; these walk-ins add a family name in kana, Armenian and Georgian.
    for (name, key) in [("さとう はなこ", "w1"), ("Արամ Սարգսյան", "w2"), ("გიორგი ბერიძე", "w3")]
    {
        t.desk.register_walk_in(&walk_in(name, key)).expect("walk-in");
    }
    // Each query typed on a Latin keyboard, and part of a name it must find.
    let cases = [
        ("olga", "Ольга"),
        ("giorgos", "Γιώργος"),
        ("wang xiao", "王小明"),
        ("xiaoming", "王小明"),
        ("sato", "さとう"),
        ("sakura", "さくら"),
        ("aram sargsyan", "Սարգսյան"),
        ("giorgi beridze", "ბერიძე"),
        ("layla mansour", "ليلى منصور"),
        ("leila", "ليلى"),
        ("noa cohen", "נועה כהן"),
    ];
    for (query, want) in cases {
        let found = names(&t, query);
        assert!(found.iter().any(|n| n.contains(want)), "{query:?} should find {want:?}, found {found:?}");
    }
}

#[test]
fn names_in_the_typed_script_come_first_issue_8() {
    let t = TestDesk::demo("Desk 1", "Anna");
    t.desk.register_walk_in(&walk_in("Olga Berg", "w1")).expect("walk-in");
    let latin = |n: &String| n == "Olga Berg";
    let cyrillic = |n: &String| n.contains("Ольга");

    let typed_latin = names(&t, "olga");
    let (l, c) = (typed_latin.iter().position(latin), typed_latin.iter().position(cyrillic));
    assert!(l.is_some() && c.is_some() && l < c, "typing olga lists Olga Berg first: {typed_latin:?}");

    let typed_cyrillic = names(&t, "Ольга");
    let (l, c) = (typed_cyrillic.iter().position(latin), typed_cyrillic.iter().position(cyrillic));
    assert!(l.is_some() && c.is_some() && c < l, "typing Ольга lists Ольга first: {typed_cyrillic:?}");
}
