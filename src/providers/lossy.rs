//! Provider text that is not quite text: invalid UTF-8 in a body, and JSON escapes
//! of lone UTF-16 surrogates (`"\uD800"`, which serde_json rightly refuses). Both
//! become U+FFFD, so one bad byte costs one character instead of a whole page.

use std::borrow::Cow;

/// A response body as text; invalid sequences become U+FFFD.
pub fn utf8(body: Vec<u8>) -> String {
    String::from_utf8(body).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// `json` with every `\u` escape of an unpaired surrogate replaced by `\uFFFD`.
/// Borrowed when there is none, which is nearly always.
pub fn json_surrogates(json: &str) -> Cow<'_, str> {
    let bytes = json.as_bytes();
    let mut repaired: Option<String> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(at) = bytes.get(from..).and_then(|rest| rest.iter().position(|&b| b == b'\\')) {
        let at = from + at;
        from = match unicode_escape(bytes, at) {
            Some(0xD800..=0xDBFF) if matches!(unicode_escape(bytes, at + 6), Some(0xDC00..=0xDFFF)) => {
                at + 12
            }
            Some(0xD800..=0xDFFF) => {
                let out = repaired.get_or_insert_with(|| String::with_capacity(json.len()));
                out.push_str(&json[copied..at]);
                out.push_str("\\uFFFD");
                copied = at + 6;
                at + 6
            }
            // Any other escape, `\\` included, is two bytes; hex digits are plain text.
            _ => at + 2,
        };
    }
    match repaired {
        Some(mut out) => {
            out.push_str(&json[copied..]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(json),
    }
}

/// The code unit of a `\uXXXX` escape starting at `at`.
fn unicode_escape(bytes: &[u8], at: usize) -> Option<u32> {
    let escape = bytes.get(at..at + 6)?;
    if escape[..2] != *b"\\u" {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(&escape[2..]).ok()?, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn text(json: &str) -> String {
        serde_json::from_str(&json_surrogates(json)).unwrap()
    }

    #[test]
    fn invalid_utf8_costs_one_character() {
        assert_eq!(utf8(b"caf\xc3\xa9 \xff\xfeok \xe6\xbc".to_vec()), "café \u{fffd}\u{fffd}ok \u{fffd}");
        assert_eq!(utf8("東京 👍".as_bytes().to_vec()), "東京 👍");
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        assert_eq!(text(r#""a\uD800b""#), "a\u{fffd}b");
        assert_eq!(text(r#""a\udc00\ud83d""#), "a\u{fffd}\u{fffd}");
        assert_eq!(text(r#""\uD83D\uD83D\uDC4D""#), "\u{fffd}👍", "a high surrogate before a pair");
    }

    #[test]
    fn pairs_other_escapes_and_escaped_backslashes_are_left_alone() {
        let json = r#"{"a":"\uD83D\uDC4D \u00e9 \\uD800 \" \\","b":"\u"}"#;
        assert!(matches!(json_surrogates(json), Cow::Borrowed(_)));
        assert!(matches!(json_surrogates(r"\uD8"), Cow::Borrowed(_)), "cut short: serde_json's to refuse");
        assert_eq!(text(r#""\uD83D\uDC4D \u00e9 \\uD800""#), "👍 é \\uD800");
    }

    proptest! {
        #[test]
        fn any_escaped_code_units_decode_after_repair(
            pieces in prop::collection::vec(
                prop_oneof![any::<u16>().prop_map(|unit| format!("\\u{unit:04x}")), "[a-z]{0,3}", Just(r"\\".into())],
                0..20,
            )
        ) {
            let literal = pieces.concat();
            let decoded: Result<String, _> = serde_json::from_str(&json_surrogates(&format!("\"{literal}\"")));
            prop_assert!(decoded.is_ok(), "{literal}: {decoded:?}");
        }
    }
}
