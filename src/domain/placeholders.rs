//! Saved-reply variables: the names a template may use, and the one scanner that
//! finds `{name}` in text, shared by filling templates and by the pre-send check.

use std::ops::Range;

/// Every variable a template may use, in the order the README lists them.
pub const VARIABLES: &[&str] = &[
    "guest_first_name",
    "property",
    "check_in",
    "check_in_time",
    "check_out",
    "check_out_time",
    "nights",
    "account",
];

pub fn is_variable(name: &str) -> bool {
    VARIABLES.contains(&name)
}

/// Each `{name}` in `text` (lowercase letters and `_`), with its byte range.
/// Other braces (`{ }`, `{Name}`, JSON) are plain text.
pub fn placeholders(text: &str) -> impl Iterator<Item = (Range<usize>, &str)> {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(open) = text[from..].find('{').map(|i| from + i) {
            let name_len = text[open + 1..].find(|c: char| !(c.is_ascii_lowercase() || c == '_'));
            from = open + 1;
            if let Some(len) = name_len.filter(|&len| len > 0)
                && text[open + 1 + len..].starts_with('}')
            {
                let end = open + 1 + len + 1;
                from = end;
                return Some((open..end, &text[open + 1..end - 1]));
            }
        }
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_lowercase_names_in_braces_only() {
        let text = "Hi {guest_first_name}, {Name} { x } {} {{check_in}} {nights";
        let found: Vec<_> = placeholders(text).map(|(range, name)| (&text[range], name)).collect();
        assert_eq!(found, [("{guest_first_name}", "guest_first_name"), ("{check_in}", "check_in")]);
    }

    #[test]
    fn knows_the_documented_variables() {
        assert!(is_variable("check_out_time"));
        assert!(!is_variable("guest_name"));
    }
}
