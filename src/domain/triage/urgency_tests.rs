use super::*;
use std::sync::LazyLock;

/// Compiled once: the Unicode-aware built-ins take a while to build in a debug build.
static DEFAULTS: LazyLock<UrgencyRules> = LazyLock::new(UrgencyRules::default);

fn rules_matching(rules: &UrgencyRules, text: &str) -> Vec<String> {
    rules.matches(std::iter::once(("m1", text))).into_iter().map(|m| m.rule).collect()
}

fn builtin(text: &str) -> Vec<String> {
    rules_matching(&DEFAULTS, text)
}

#[track_caller]
fn assert_rule(rule: &str, texts: &[&str]) {
    for text in texts {
        assert!(
            builtin(text).iter().any(|r| r == rule),
            "{rule:?} should match {text:?}: {:?}",
            builtin(text)
        );
    }
}

#[track_caller]
fn assert_calm(texts: &[&str]) {
    for text in texts {
        assert_eq!(builtin(text), Vec::<String>::new(), "{text:?} is not urgent");
    }
}

#[test]
fn every_default_rule_matches_its_plain_words() {
    assert_rule("leak", &["There is a leak", "the tap is LEAKING", "leaky roof"]);
    assert_rule("flood", &["the bathroom flooded", "Flooding in the hall", "water everywhere!"]);
    assert_rule("fire", &["FIRE", "there's a fire in the kitchen", "the pan caught on fire"]);
    assert_rule("smoke", &["I smell smoke", "the oven is smoking", "smoky hallway"]);
    assert_rule("gas", &["it smells of gas", "Gas leak?"]);
    assert_rule("broken", &["the window is broken", "the glass broke", "mirror smashed"]);
    assert_rule("injured", &["my son is injured", "an injury", "he is bleeding", "call an ambulance"]);
    assert_rule("police", &["I called the police", "our bags were stolen", "there was a break-in"]);
    assert_rule("emergency", &["EMERGENCY", "it's urgent", "please call urgently"]);
}

#[test]
fn the_phrase_rules_match_their_common_variants() {
    assert_rule(
        "locked out",
        &[
            "we are locked out",
            "I locked myself out",
            "Locked   out again",
            "we can't get in",
            "we cannot get into the apartment",
            "we can’t get inside",
        ],
    );
    assert_rule(
        "door code not working",
        &[
            "the door code doesn't work",
            "The code you sent is not working",
            "keypad won't open",
            "lockbox code didn’t work",
            "the lock box isn't opening",
            "pin stopped working",
            "the code doesn't seem to work",
        ],
    );
    assert_rule(
        "key not working",
        &[
            "key doesn't work",
            "the key card is not working",
            "the door won't open",
            "the door is not opening",
            "our keys dont work",
            "the lock won't turn",
        ],
    );
    assert_rule(
        "no hot water",
        &[
            "no hot water",
            "we have no warm water",
            "there isn't any hot water",
            "hot water is not working",
            "the boiler stopped working",
        ],
    );
    assert_rule(
        "no heat",
        &["no heating", "No heat in the bedroom", "the heater won't turn on", "radiators are not working"],
    );
    assert_rule(
        "no power",
        &["no power", "power outage", "the power went out", "electricity is off", "blackout"],
    );
}

#[test]
fn word_boundaries_and_known_false_friends_keep_calm_messages_calm() {
    assert_calm(&[
        "Can we light the fireplace?",
        "Is there a fire pit?",
        "The Fire TV stick asks for a login",
        "Where is the nearest gas station?",
        "Is it a non-smoking flat?",
        "Can we smoke on the balcony?",
        "the gasket looks fine",
        "the apartment works perfectly",
        "the key is under the mat, works great",
        "the wifi code doesn't work",
        "Not urgent, but where are the towels?",
        "sorry for my broken english",
        "we'll take a break in the garden",
        "Thanks for the leaflet",
        "Great, the code works!",
    ]);
}

#[test]
fn a_false_friend_does_not_hide_a_real_match_after_it() {
    assert_eq!(builtin("The wifi code works but the door code doesn't work"), ["door code not working"]);
    assert_eq!(builtin("gas station nearby? Also we smell gas"), ["gas"]);
    assert_eq!(builtin("we're at the door but the code isn't working"), ["door code not working"]);
}

#[test]
fn the_first_match_of_each_rule_is_reported_with_its_message() {
    let messages = [("a", "Hello"), ("b", "There is a Leak"), ("c", "leak again, and a fire")];
    let found = DEFAULTS.matches(messages.iter().copied());
    let found: Vec<_> =
        found.iter().map(|m| (m.rule.as_str(), m.text.as_str(), m.message_id.as_str())).collect();
    assert_eq!(found, [("leak", "Leak", "b"), ("fire", "fire", "c")]);
}

#[test]
fn user_words_match_whole_words_ignoring_case_spacing_and_apostrophes() {
    let mut rules = UrgencyRules::default();
    rules.add_word("pipe burst").unwrap();
    rules.add_word("wasp*").unwrap();
    rules.add_word("can't breathe").unwrap();
    rules.add_word("c/o").unwrap();
    rules.add_word("水漏れ").unwrap();
    assert_eq!(rules_matching(&rules, "A PIPE\n burst!"), ["pipe burst"]);
    assert_eq!(rules_matching(&rules, "wasps in the attic"), ["wasp*"]);
    assert_eq!(rules_matching(&rules, "I can’t breathe"), ["can't breathe"]);
    assert_eq!(rules_matching(&rules, "send it c/o the office"), ["c/o"]);
    assert_eq!(rules_matching(&rules, "お風呂で水漏れがあります"), ["水漏れ"], "no word gaps in Japanese");
    assert!(rules_matching(&rules, "the pipe bursting").is_empty(), "whole words only without `*`");
    assert!(rules_matching(&rules, "a waspish remark about pipes").iter().all(|r| r == "wasp*"));
    assert_eq!(rules.add_word("  * ").unwrap_err(), "is empty; give a word or phrase");
}

#[test]
fn user_regexes_ignore_case_and_may_name_a_skip_group() {
    let mut rules = UrgencyRules::default();
    rules.add_regex(r"\bno (wifi|internet)\b").unwrap();
    rules.add_regex(r"(?P<skip>mould-free)|\bmou?ld\b").unwrap();
    rules.add_regex(r"(?-i)\bSOS\b").unwrap();
    assert_eq!(rules_matching(&rules, "No WiFi since noon"), [r"\bno (wifi|internet)\b"]);
    assert!(rules_matching(&rules, "is the flat mould-free?").is_empty());
    assert_eq!(rules_matching(&rules, "mold on the wall").len(), 1);
    assert!(rules_matching(&rules, "sos").is_empty(), "(?-i) turns case back on");
    let err = rules.add_regex("(unclosed").unwrap_err();
    assert_eq!(err, "is not a valid regex: unclosed group");
}

#[test]
fn an_ignored_default_no_longer_matches_and_a_typo_is_an_error() {
    let mut rules = UrgencyRules::default();
    rules.ignore("broken").unwrap();
    rules.ignore("Locked Out").unwrap();
    assert!(builtin("the chair is broken").contains(&"broken".to_owned()));
    assert!(rules_matching(&rules, "the chair is broken, we are locked out").is_empty());
    let err = rules.ignore("brokn").unwrap_err();
    assert!(err.starts_with("no built-in rule is named \"brokn\" (they are: leak, flood, fire,"), "{err}");
    assert!(rules.ignore("broken").is_err(), "already off");
}

#[test]
fn user_rules_never_ignore_themselves() {
    let mut rules = UrgencyRules::default();
    rules.add_word("fire").unwrap();
    rules.ignore("fire").unwrap();
    assert_eq!(rules_matching(&rules, "fire!"), ["fire"], "the user's own `fire` stays");
}

#[test]
fn hostile_text_is_matched_without_panicking() {
    let rules = &*DEFAULTS;
    for text in ["", "é", "🔥🔥🔥 fire 🔥", "wi-fi code é", &"x".repeat(100_000), "non-smoking\u{0301}"]
    {
        let _ = rules_matching(rules, text);
    }
    assert_eq!(builtin("🔥 fire 🔥"), ["fire"]);
}
