//! "Possibly the same guest": two threads whose guests have the same name and
//! the same email or phone. The store keeps each thread's normalized name, email
//! and phone (written with the thread, indexed) so a lookup costs an index seek.

use super::{Channel, Guest, ProviderKind, ThreadKey};
use jiff::Timestamp;

/// Fewer digits than this is no phone number (an extension, a typo).
const MIN_PHONE_DIGITS: usize = 7;

/// A guest's identity as matching compares it; `None` where a field cannot match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GuestKeys {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl GuestKeys {
    pub fn of(guest: &Guest) -> Self {
        Self {
            name: guest.name.as_deref().and_then(name_key),
            email: guest.email.as_deref().and_then(email_key),
            phone: guest.phone.as_deref().and_then(phone_key),
        }
    }
}

/// Why two threads are thought to be one guest's: the name always, plus these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MatchReason {
    pub email: bool,
    pub phone: bool,
}

/// Another thread whose guest is possibly this thread's guest.
#[derive(Debug, Clone, PartialEq)]
pub struct SameGuest {
    pub key: ThreadKey,
    pub provider: ProviderKind,
    pub channel: Option<Channel>,
    pub guest_name: Option<String>,
    /// The property's name, else its id.
    pub property: Option<String>,
    pub last_activity: Option<Timestamp>,
    pub reason: MatchReason,
    /// The user said it is not the same guest; shown so it can be taken back.
    pub unlinked: bool,
}

/// Case, accents and spacing folded: "  JOSÉ  da Silva" and "José Da Silva" match.
pub fn name_key(name: &str) -> Option<String> {
    let mut key = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            fold_into(c, &mut key);
        }
    }
    (!key.is_empty()).then_some(key)
}

/// Emails compare without case; an empty one or one without `@` is none.
pub fn email_key(email: &str) -> Option<String> {
    let email = email.trim();
    (email.len() > 2 && email.contains('@')).then(|| email.to_lowercase())
}

/// Digits only. Too short, or a placeholder whose number is one digit repeated
/// (`+1 000-000-0000`, `0000000`), is none.
pub fn phone_key(phone: &str) -> Option<String> {
    let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
    let number = &digits.as_bytes()[digits.len().saturating_sub(MIN_PHONE_DIGITS)..];
    let placeholder = number.iter().all(|&d| d == number[0]);
    (digits.len() >= MIN_PHONE_DIGITS && !placeholder).then_some(digits)
}

/// Latin letters with accents, lowercased, and what they fold to.
/// Each is indexed from its block's first letter: U+00E0 and U+0100.
const LATIN_1: &[u8; 32] = b"aaaaaaaceeeeiiiidnooooo/ouuuuyty";
const LATIN_EXTENDED_A: &[u8; 128] =
    b"aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiiiiijjkkkllllllllllnnnnnnnnnoooooooorrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Pushes `c` (lowercase) without its accent: precomposed Latin letters fold to
/// their base, combining marks go, curly apostrophes become straight.
fn fold_into(c: char, out: &mut String) {
    match c {
        '\u{300}'..='\u{36f}' => {}
        '’' | '‘' | 'ʼ' => out.push('\''),
        'ß' => out.push_str("ss"),
        'æ' => out.push_str("ae"),
        'þ' => out.push_str("th"),
        'œ' => out.push_str("oe"),
        'ĳ' => out.push_str("ij"),
        '\u{e0}'..='\u{ff}' if c != '÷' => out.push(char::from(LATIN_1[c as usize - 0xe0])),
        '\u{100}'..='\u{17f}' => out.push(char::from(LATIN_EXTENDED_A[c as usize - 0x100])),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_accents_and_spacing() {
        assert_eq!(name_key("  JOSÉ  da\tSilva "), Some("jose da silva".into()));
        assert_eq!(name_key("Jose\u{301} Da Silva"), name_key("José da Silva"), "decomposed accents");
        assert_eq!(name_key("Łukasz Żółć"), Some("lukasz zolc".into()));
        assert_eq!(name_key("Mehmet Yılmaz"), Some("mehmet yilmaz".into()));
        assert_eq!(name_key("Straße Ærø"), Some("strasse aero".into()));
        assert_eq!(name_key("James O’Connor"), name_key("james o'connor"));
        assert_eq!(name_key("高橋 結衣"), Some("高橋 結衣".into()), "other scripts are kept");
        assert_eq!(name_key("   "), None);
    }

    #[test]
    fn every_latin_letter_folds_to_one_ascii_letter() {
        for c in ('\u{e0}'..='\u{17f}').filter(|c| c.is_lowercase() && !"ßæþœĳ÷".contains(*c)) {
            let mut folded = String::new();
            fold_into(c, &mut folded);
            assert!(folded.len() == 1 && folded.is_ascii(), "{c} folds to {folded:?}");
        }
        let mut folded = String::new();
        "éčňů".chars().for_each(|c| fold_into(c, &mut folded));
        assert_eq!(folded, "ecnu");
    }

    #[test]
    fn emails_ignore_case_and_empty_ones_are_none() {
        assert_eq!(email_key(" Ana@X.com "), Some("ana@x.com".into()));
        assert_eq!(email_key(""), None);
        assert_eq!(email_key("  "), None);
        assert_eq!(email_key("not given"), None);
    }

    #[test]
    fn phones_are_digits_and_placeholders_are_none() {
        assert_eq!(phone_key("+351 912-345 678"), Some("351912345678".into()));
        assert_eq!(phone_key("+1 000-000-0000"), None);
        assert_eq!(phone_key("0000000"), None);
        assert_eq!(phone_key("+44 7777 777777"), None, "one digit repeated");
        assert_eq!(phone_key("12345"), None, "too short");
        assert_eq!(phone_key("call me"), None);
    }

    #[test]
    fn keys_of_a_guest() {
        let guest = Guest {
            name: Some("Ana Lima".into()),
            email: Some("".into()),
            phone: Some("+55 11 91234-5678".into()),
        };
        let keys = GuestKeys::of(&guest);
        assert_eq!(
            keys,
            GuestKeys { name: Some("ana lima".into()), email: None, phone: Some("5511912345678".into()) }
        );
    }
}
