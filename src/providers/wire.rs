//! Serde helpers for the shapes every provider gets wrong somewhere: ids that are
//! strings or numbers, booleans that are strings, and lists with broken items.

use crate::domain::sanitize::sanitize_line;
use serde::Deserialize;
use serde::de::{DeserializeOwned, Deserializer};
use serde_json::Value;

/// An id sent as `"123"` or `123`; always kept as a string.
pub fn id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::String(s) => Ok(s),
        Value::Number(n) => Ok(n.to_string()),
        other => Err(serde::de::Error::custom(format!("expected a string or number id, got {other}"))),
    }
}

/// The text of an id value found by hand in untyped JSON.
pub fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An optional id; null, missing and empty all mean absent.
pub fn opt_id<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

/// An optional string that tolerates numbers and booleans in its place.
pub fn opt_text<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::String(s)) => Some(s),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::Bool(b)) => Some(b.to_string()),
        _ => None,
    })
}

/// A flag sent as `true` or `"true"` (Booking's `ok`).
pub fn opt_flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        Some(Value::Bool(b)) => Some(b),
        Some(Value::String(s)) => s.trim().parse::<bool>().ok(),
        _ => None,
    })
}

/// One decoded list item and the fingerprint of its raw JSON.
pub struct Item<T> {
    pub value: T,
    pub fingerprint: String,
}

/// Decodes each list item on its own so one broken thread does not hide the rest.
/// Returns the good items and one line per skipped item.
pub fn decode_items<T: DeserializeOwned>(what: &str, items: Vec<Value>) -> (Vec<Item<T>>, Vec<String>) {
    let mut good = Vec::with_capacity(items.len());
    let mut skipped = Vec::new();
    for (index, raw) in items.into_iter().enumerate() {
        let fingerprint = fingerprint(&raw);
        let label = raw.get("id").or_else(|| raw.get("conversation_id")).map(|id| id.to_string());
        match serde_json::from_value(raw) {
            Ok(value) => good.push(Item { value, fingerprint }),
            // serde quotes the offending value, which is provider text.
            Err(e) => skipped.push(
                sanitize_line(&format!(
                    "skipped {what} {} that innbox cannot read: {e}",
                    label.unwrap_or_else(|| format!("#{}", index + 1))
                ))
                .unwrap_or_default(),
            ),
        }
    }
    (good, skipped)
}

/// A stable fingerprint of a JSON value (FNV-1a over its canonical text), used as a
/// sync cursor: an unchanged list row means the thread need not be fetched again.
pub fn fingerprint(value: &Value) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in value.to_string().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Row {
        #[serde(deserialize_with = "id")]
        id: String,
        #[serde(default, deserialize_with = "opt_id")]
        other: Option<String>,
        #[serde(default, deserialize_with = "opt_flag")]
        ok: Option<bool>,
    }

    #[test]
    fn ids_arrive_as_strings_or_numbers() {
        let rows: Vec<Row> =
            serde_json::from_str(r#"[{"id":"5375328"},{"id":5443830,"other":12},{"id":"x","other":""}]"#)
                .unwrap();
        let ids: Vec<_> = rows.iter().map(|r| (r.id.as_str(), r.other.as_deref())).collect();
        assert_eq!(ids, [("5375328", None), ("5443830", Some("12")), ("x", None)]);
    }

    #[test]
    fn flags_arrive_as_booleans_or_strings() {
        let rows: Vec<Row> =
            serde_json::from_str(r#"[{"id":1,"ok":"true"},{"id":2,"ok":false},{"id":3}]"#).unwrap();
        let flags: Vec<_> = rows.iter().map(|r| r.ok).collect();
        assert_eq!(flags, [Some(true), Some(false), None]);
    }

    #[test]
    fn broken_items_are_skipped_and_named() {
        let items = serde_json::from_str(r#"[{"id":1},{"id":{"nested":true}},{"id":3}]"#).unwrap();
        let (good, skipped) = decode_items::<Row>("thread", items);
        assert_eq!(good.len(), 2);
        assert_eq!(skipped.len(), 1);
        assert!(skipped[0].starts_with("skipped thread {\"nested\":true}"), "{skipped:?}");
    }

    #[test]
    fn fingerprints_change_with_content_only() {
        let a = serde_json::json!({"id": 1, "unread": 2});
        assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
        assert_ne!(fingerprint(&a), fingerprint(&serde_json::json!({"id": 1, "unread": 3})));
    }
}
