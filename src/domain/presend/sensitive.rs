//! Finds what must not reach a guest before their booking is confirmed: door,
//! lockbox, gate and other access codes, wifi passwords, and street addresses.
//! Heuristics: a code is a code word with a value after it, not the mere mention
//! ("the door code arrives at noon" names no code).

use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Sensitive {
    AccessCode,
    WifiPassword,
    Address,
}

impl Sensitive {
    pub fn describe(self) -> &'static str {
        match self {
            Self::AccessCode => "a door or access code",
            Self::WifiPassword => "a wifi password",
            Self::Address => "a street address",
        }
    }
}

/// `<thing> code`, `password`, `PIN`..., then an optional `:`, `=` or `is`, then the value.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?ix)\b(?P<mention>
            (?:(?P<wifi>wi-?fi|wlan|internet|network)|door|front\s+door|key|key\s?box|key\s?safe|lock\s?box
               |gate|access|entry|entrance|keypad|building|alarm|garage|safe|lock)
            \s+(?:code|pin|password|passcode|combination|combo)
            |password|passcode|pin\s+code|pin)\b
        (?P<separator>\s*(?:[:=]|\bis\b|\bwill\s+be\b))?
        \s*["'“‘(]?(?P<value>[\p{L}\p{N}][\p{L}\p{N}\-_\#*!@$]*)"#,
    )
    .expect("a valid regex")
});

/// A wifi mention shortly before a bare "password": "WiFi: Lakeside, password: ...".
static WIFI_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:wi-?fi|wlan|internet)\b[^.\n]{0,60}$").expect("a valid regex"));

/// Words that follow "the code is" without being a code.
const NOT_A_VALUE: &[&str] = &[
    "a",
    "an",
    "the",
    "on",
    "in",
    "at",
    "by",
    "to",
    "for",
    "from",
    "with",
    "under",
    "not",
    "also",
    "only",
    "still",
    "now",
    "being",
    "below",
    "above",
    "attached",
    "inside",
    "written",
    "taped",
    "sent",
    "coming",
    "available",
    "changed",
    "printed",
    "same",
    "needed",
    "required",
    "provided",
    "included",
    "shown",
    "posted",
    "listed",
    "your",
    "our",
    "my",
    "their",
    "this",
    "that",
    "there",
    "here",
    "what",
    "case",
    "different",
    "unique",
    "personal",
    "valid",
    "active",
    "ready",
    "going",
    "usually",
    "always",
    "just",
];

/// A house number, one to four capitalised words, and a street word: "12 Harbour Road".
static NUMBER_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b\d{1,5}[A-Za-z]?,?\s+(?:\p{Lu}[\p{L}'.\-]*\s+){1,4}(?i:street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|blvd|way|court|ct|place|pl|square|sq|terrace|close|crescent|highway|hwy|parkway|row|quay|embankment|hill|gardens)\b",
    )
    .expect("a valid regex")
});

/// Street first and number after, as much of Europe writes it: "Keizersgracht 123",
/// "Hauptstraße 5", "Calle Mayor 12", "12 rue de Rivoli".
static STREET_FIRST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b\p{Lu}[\p{L}\-]*(?i:straße|strasse|str\.|gracht|weg|gasse|laan|straat|plein|allee|platz|kade)\s+\d{1,5}[a-z]?\b|\b(?:Rue|Calle|Via|Avenida|Rua|Piazza|Plaza|Carrer)\s+(?:[\p{L}'\-]+\s+){0,3}\d{1,5}\b|\b\d{1,5},?\s+(?i:rue|calle|rua|avenida|piazza|carrer)\s+\p{L}",
    )
    .expect("a valid regex")
});

/// What sensitive kinds `text` holds, each once, in a fixed order.
pub fn find_sensitive(text: &str) -> Vec<Sensitive> {
    let mut found = Vec::new();
    for captures in CODE.captures_iter(text) {
        let value = &captures["value"];
        let has_digit = value.chars().any(|c| c.is_ascii_digit());
        let is_value = has_digit
            || (captures.name("separator").is_some()
                && value.chars().count() >= 3
                && !NOT_A_VALUE.contains(&value.to_lowercase().as_str()));
        if !is_value {
            continue;
        }
        let mention = captures.name("mention").expect("always matched");
        let wifi = captures.name("wifi").is_some()
            || (mention.as_str().eq_ignore_ascii_case("password")
                && WIFI_BEFORE.is_match(&text[..mention.start()]));
        found.push(if wifi { Sensitive::WifiPassword } else { Sensitive::AccessCode });
    }
    if NUMBER_FIRST.is_match(text) || STREET_FIRST.is_match(text) {
        found.push(Sensitive::Address);
    }
    found.sort();
    found.dedup();
    found
}

#[cfg(test)]
mod tests {
    use super::Sensitive::{AccessCode, Address, WifiPassword};
    use super::*;

    #[test]
    fn codes_with_a_value_are_found() {
        for text in [
            "The door code is 4821.",
            "Lockbox code: 1234#",
            "key box code 0420, it's on the left",
            "Gate code = A7B9",
            "Your access code will be 55-21",
            "PIN 9981 for the keypad",
            "the building code is 'TULIP'",
        ] {
            assert_eq!(find_sensitive(text), [AccessCode], "{text}");
        }
    }

    #[test]
    fn wifi_passwords_are_found() {
        for text in [
            "WiFi password: sunnyday2024",
            "The wi-fi password is BeachHouse",
            "Wifi network: Lakeside-Guest, password: pinecone77",
            "WLAN password is Seeblick",
        ] {
            assert_eq!(find_sensitive(text), [WifiPassword], "{text}");
        }
    }

    #[test]
    fn mentions_without_a_code_are_not_codes() {
        for text in [
            "Check-in is at 15:00.",
            "Check-in is from 4 PM, the lockbox code arrives at noon.",
            "The wifi password is on the fridge.",
            "I'll send the door code tomorrow morning.",
            "The door code is not working? Try pressing # first.",
            "Your code is the same as last time.",
            "Please keep your PIN private.",
            "Room 4 is on the second floor, 2 minutes from the station.",
            "We have 2 parking spaces on the road behind the house.",
            "Breakfast is served from 7:30 to 10:00.",
        ] {
            assert_eq!(find_sensitive(text), [], "{text}");
        }
    }

    #[test]
    fn street_addresses_are_found() {
        for text in [
            "We're at 12 Harbour Road, the blue door.",
            "Address: 1600 Pennsylvania Avenue",
            "221B Baker St, London",
            "Keizersgracht 123, Amsterdam",
            "Hauptstraße 5 in Berlin",
            "Calle Mayor 12, Madrid",
            "au 12 rue de Rivoli",
        ] {
            assert_eq!(find_sensitive(text), [Address], "{text}");
        }
    }

    #[test]
    fn each_kind_is_reported_once_in_order() {
        let text = "12 Harbour Road. Door code 1234, lockbox code 5678, wifi password: x7x7x7";
        assert_eq!(find_sensitive(text), [AccessCode, WifiPassword, Address]);
    }
}
