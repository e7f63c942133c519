//! Every provider timestamp shape, parsed in one place and normalized to UTC.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::TimeZone;

/// Parses `2024-07-05T22:24:34.000Z`, `2025-01-13T23:40:49` (no zone: treated as UTC),
/// `2026-03-01T09:00:00+02:00` and the same with a space instead of `T`.
/// Returns None for anything else rather than failing the whole page.
pub fn parse_timestamp(raw: &str) -> Option<Timestamp> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if let Ok(ts) = raw.parse::<Timestamp>() {
        return Some(ts);
    }
    if let Ok(civil) = raw.parse::<DateTime>() {
        return civil.to_zoned(TimeZone::UTC).ok().map(|zoned| zoned.timestamp());
    }
    raw.parse::<Date>().ok().and_then(|date| date.to_zoned(TimeZone::UTC).ok()).map(|zoned| zoned.timestamp())
}

/// Parses a calendar date, also accepting a full timestamp (some providers send
/// `2026-04-10T15:00:00` where a date is documented).
pub fn parse_date(raw: &str) -> Option<Date> {
    let raw = raw.trim();
    raw.get(..10).and_then(|prefix| prefix.parse::<Date>().ok())
}

/// RFC 3339 in UTC ending in `Z`, the one format innbox writes.
pub fn format_utc(ts: Timestamp) -> String {
    ts.to_string()
}

pub fn to_millis(ts: Timestamp) -> i64 {
    ts.as_millisecond()
}

pub fn from_millis(ms: i64) -> Option<Timestamp> {
    Timestamp::from_millisecond(ms).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(raw: &str) -> String {
        parse_timestamp(raw).map(format_utc).unwrap_or_default()
    }

    #[test]
    fn zulu_timestamps_keep_their_instant() {
        assert_eq!(utc("2024-07-05T22:24:34.000Z"), "2024-07-05T22:24:34Z");
        assert_eq!(utc("2020-12-11T11:21:17.177Z"), "2020-12-11T11:21:17.177Z");
    }

    #[test]
    fn zone_less_timestamps_are_utc() {
        assert_eq!(utc("2025-01-13T23:40:49"), "2025-01-13T23:40:49Z");
        assert_eq!(utc("2025-01-13 23:40:49"), "2025-01-13T23:40:49Z");
    }

    #[test]
    fn offsets_are_normalized_to_utc() {
        assert_eq!(utc("2026-03-01T09:00:00+02:00"), "2026-03-01T07:00:00Z");
        assert_eq!(utc("2026-03-01T23:30:00-05:00"), "2026-03-02T04:30:00Z");
    }

    #[test]
    fn garbage_is_none_not_a_panic() {
        for raw in ["", "yesterday", "2024-13-45T99:00:00Z", "12345"] {
            assert_eq!(parse_timestamp(raw), None, "{raw}");
        }
    }

    #[test]
    fn dates_accept_a_datetime_prefix() {
        assert_eq!(parse_date("2026-04-10").map(|d| d.to_string()), Some("2026-04-10".into()));
        assert_eq!(parse_date("2026-04-10T15:00:00Z").map(|d| d.to_string()), Some("2026-04-10".into()));
        assert_eq!(parse_date("soon"), None);
    }

    #[test]
    fn millis_round_trip() {
        let ts = parse_timestamp("2020-12-11T11:21:17.177Z").unwrap();
        assert_eq!(from_millis(to_millis(ts)), Some(ts));
    }
}
