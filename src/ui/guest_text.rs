//! A guest's name, email and phone as innbox shows them: one function each, so
//! whatever hides them (a privacy mask) wraps them in one place. What they return
//! is still made printable where it is drawn.

use crate::domain::guest_match::{email_key, phone_key};

/// What an absent, empty or placeholder contact shows as.
pub const NOT_GIVEN: &str = "none given";

pub fn name(name: Option<&str>) -> String {
    match name.map(str::trim) {
        Some(name) if !name.is_empty() => name.to_owned(),
        _ => "(no name)".into(),
    }
}

pub fn email(email: Option<&str>) -> String {
    match email.filter(|e| email_key(e).is_some()) {
        Some(email) => email.trim().to_owned(),
        None => NOT_GIVEN.into(),
    }
}

/// A placeholder such as `+1 000-000-0000` is no phone.
pub fn phone(phone: Option<&str>) -> String {
    match phone.filter(|p| phone_key(p).is_some()) {
        Some(phone) => phone.trim().to_owned(),
        None => NOT_GIVEN.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_empty_and_placeholder_contacts_read_none_given() {
        assert_eq!(name(Some("  ")), "(no name)");
        assert_eq!(name(Some("Ana Lima")), "Ana Lima");
        assert_eq!(email(Some("")), NOT_GIVEN);
        assert_eq!(email(None), NOT_GIVEN);
        assert_eq!(email(Some(" ana@x.com")), "ana@x.com");
        assert_eq!(phone(Some("+1 000-000-0000")), NOT_GIVEN);
        assert_eq!(phone(Some("+351 912 345 678")), "+351 912 345 678");
    }
}
