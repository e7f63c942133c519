//! Privacy mode's masking: what could identify a guest or open their door is hidden
//! from the screen (a screen share, a colleague behind you) until it is revealed.
//! Masked are emails, phone numbers (7 or more digits, with spaces, dashes, dots,
//! parentheses or a leading +), runs of 4 or more digits (door codes, PINs, booking
//! numbers), and words with such a run in them (wifi passwords like `Sunset2024` or
//! `2291-sea-15`, whole).
//! Kept are times (15:00), dates (2026-11-21, 21.11.2026, Nov 21 2026, 2026年11月21日)
//! and prices (€120, 1.200 EUR). A year on its own is masked: it cannot be told from
//! a code. Each hidden thing becomes one fixed placeholder, so not even its length shows.

use regex::{Captures, Regex};
use std::borrow::Cow;
use std::sync::LazyLock;

/// What a code, phone number or code-like word becomes.
pub const MASK: &str = "•••";
/// What an email address becomes: still reads as an address.
pub const EMAIL_MASK: &str = "•••@•••";

/// How many digits make a number a phone number, masked whole.
const PHONE_DIGITS: usize = 7;
/// How many digits in a row make a code.
const CODE_DIGITS: usize = 4;

const MONTH: &str = r"\b(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december)\.?";
const CURRENCY: &str = r"(?:\p{Sc}|(?:EUR|USD|GBP|CHF|AUD|CAD|JPY|SEK|NOK|DKK|PLN|CZK|HUF)\b)";
/// An amount: with thousands grouped (1.200, 1 200, 1,200) or not, and cents.
const AMOUNT: &str = r"(?:\d{1,3}(?:[.,'’ ]\d{3})+|\d+)(?:[.,]\d{1,2})?";

/// One pass finds every candidate; leftmost wins, and at one place the first
/// alternative that matches: a date or a price is recognised before its digits
/// could count as a number.
static CANDIDATES: LazyLock<Regex> = LazyLock::new(|| {
    let email = r"[\p{Latin}\d.%+_\-]+@[\p{Latin}\d\-]+(?:\.[\p{Latin}\d\-]+)*\.\p{Latin}{2,}";
    let dates = [
        r"\d{4}[\-/]\d{1,2}[\-/]\d{1,2}".to_owned(),
        r"\d{1,2}[./\-]\d{1,2}[./\-](?:\d{4}|\d{2})".to_owned(),
        r"\d{4}年\d{1,2}月(?:\d{1,2}日)?".to_owned(),
        format!(r"{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"),
        format!(r"\d{{1,2}}(?:st|nd|rd|th)?\.?\s+{MONTH},?\s+\d{{4}}"),
        format!(r"{MONTH},?\s+\d{{4}}"),
    ];
    let price = format!(r"\p{{Sc}}\s?{AMOUNT}|{AMOUNT}\s?{CURRENCY}");
    // A word of Latin letters, digits, `_` and `-` with a code in it, letters before or
    // after: a password like `Sunset2024` or `2291-sea-15`.
    let w = r"[\p{Latin}\d_\-]";
    let code = format!(r"\d{{{CODE_DIGITS}}}");
    let word = format!(r"{w}*\p{{Latin}}{w}*{code}{w}*|{w}*{code}{w}*\p{{Latin}}{w}*");
    // Digit groups joined by one space, dash or dot, or parentheses; a leading + or (.
    let number = r"(?:\+|\()?\d+(?:(?:[ .\-]|\)[ .\-]?|[ .\-]?\()\d+)*";
    let pattern = format!(
        "(?P<email>{email})|(?P<date>{})|(?P<price>{price})|(?P<word>{word})|(?P<number>{number})",
        dates.join("|")
    );
    Regex::new(&pattern).expect("the privacy pattern compiles")
});

/// `text` with emails, phone numbers and codes replaced by placeholders. Borrowed
/// when there is nothing to hide, which is cheap to find out for most text.
pub fn mask(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_numeric() || c == '@') {
        return Cow::Borrowed(text);
    }
    let mut masked = String::new();
    let mut copied = 0;
    for found in CANDIDATES.captures_iter(text) {
        let Some(hidden) = hidden(&found) else { continue };
        let whole = found.get(0).expect("a match");
        masked.push_str(&text[copied..whole.start()]);
        masked.push_str(&hidden);
        copied = whole.end();
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    masked.push_str(&text[copied..]);
    Cow::Owned(masked)
}

/// What a candidate shows as, or None when it stays as it is.
fn hidden(found: &Captures<'_>) -> Option<Cow<'static, str>> {
    if found.name("email").is_some() {
        return Some(Cow::Borrowed(EMAIL_MASK));
    }
    if found.name("price").is_some() {
        return None;
    }
    if found.name("word").is_some() {
        return Some(Cow::Borrowed(MASK));
    }
    if let Some(date) = found.name("date") {
        return if is_date(date.as_str()) { None } else { masked_number(date.as_str()) };
    }
    masked_number(found.get(0)?.as_str())
}

/// A phone number is hidden whole; otherwise each run of 4 or more digits is.
fn masked_number(number: &str) -> Option<Cow<'static, str>> {
    let is_separator = |c: char| !c.is_numeric();
    let groups = || number.split(is_separator).filter(|group| !group.is_empty());
    if groups().map(|group| group.chars().count()).sum::<usize>() >= PHONE_DIGITS {
        return Some(Cow::Borrowed(MASK));
    }
    if !groups().any(|group| group.chars().count() >= CODE_DIGITS) {
        return None;
    }
    let mut masked = String::new();
    let mut group = String::new();
    for c in number.chars().chain(std::iter::once(' ')) {
        if c.is_numeric() {
            group.push(c);
            continue;
        }
        masked.push_str(if group.chars().count() >= CODE_DIGITS { MASK } else { &group });
        group.clear();
        masked.push(c);
    }
    masked.pop(); // the space that ended the last group
    Some(Cow::Owned(masked))
}

/// Whether a date-shaped match is a real calendar date: "12-34-5678" is a phone
/// number. Dates written with a month's name or in 年/月 are taken as they are.
fn is_date(text: &str) -> bool {
    if text.chars().any(|c| c.is_alphabetic()) {
        return true;
    }
    let numbers: Vec<u32> =
        text.split(|c: char| !c.is_ascii_digit()).filter_map(|n| n.parse().ok()).collect();
    let day = |n: u32| (1..=31).contains(&n);
    let month = |n: u32| (1..=12).contains(&n);
    match numbers[..] {
        [year, m, d] if year >= 1000 => month(m) && day(d),
        // Day first or month first: either way one of them is a month.
        [a, b, _] => day(a) && day(b) && (month(a) || month(b)),
        _ => false,
    }
}

#[cfg(test)]
#[path = "privacy_tests.rs"]
mod tests;
