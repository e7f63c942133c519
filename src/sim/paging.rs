//! Offset paging (Hostel Mate, Trellis) and Booking.com's opaque page ids.

use std::collections::HashMap;

/// `limit` (1..=100, else `default`) and `offset` (default 0) from a query.
pub(crate) fn limit_offset(
    q: &HashMap<String, String>,
    default: usize,
) -> Result<(usize, usize), &'static str> {
    let limit = match q.get("limit").map(|v| v.parse::<usize>()) {
        None => default,
        Some(Ok(n)) if (1..=100).contains(&n) => n,
        Some(_) => return Err("limit must be an integer between 1 and 100"),
    };
    let offset = match q.get("offset").map(|v| v.parse::<usize>()) {
        None => 0,
        Some(Ok(n)) => n,
        Some(Err(_)) => return Err("offset must be a non-negative integer"),
    };
    Ok((limit, offset))
}

/// A UUID-looking page id for `offset` within `scope` (a property or a
/// conversation). It is an offset in disguise, so new activity shifts pages,
/// as the Booking.com docs warn.
pub(crate) fn page_id(scope: &str, offset: usize) -> String {
    format!("{:08x}-0000-1000-8000-{:012x}", fnv32(scope), offset)
}

/// The offset a page id stands for, if it was made for this scope.
pub(crate) fn parse_page_id(scope: &str, id: &str) -> Option<usize> {
    let (head, tail) = id.split_once("-0000-1000-8000-")?;
    let ok = u32::from_str_radix(head, 16).ok()? == fnv32(scope) && tail.len() == 12;
    ok.then(|| usize::from_str_radix(tail, 16).ok()).flatten()
}

fn fnv32(s: &str) -> u32 {
    s.bytes().fold(0x811c_9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_ids_round_trip_within_their_scope() {
        let id = page_id("8011234", 50);
        assert_eq!(id.len(), 36);
        assert_eq!(parse_page_id("8011234", &id), Some(50));
        assert_eq!(parse_page_id("8011235", &id), None);
        assert_eq!(parse_page_id("8011234", "garbage"), None);
    }

    #[test]
    fn limits() {
        let q = |l: &str| HashMap::from([("limit".to_string(), l.to_string())]);
        assert_eq!(limit_offset(&HashMap::new(), 20), Ok((20, 0)));
        assert_eq!(limit_offset(&q("100"), 20), Ok((100, 0)));
        assert!(limit_offset(&q("0"), 20).is_err());
        assert!(limit_offset(&q("101"), 20).is_err());
        assert!(limit_offset(&q("ten"), 20).is_err());
    }
}
