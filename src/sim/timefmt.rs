//! How each provider writes a timestamp on the wire.

use jiff::Timestamp;
use jiff::tz::{self, TimeZone};

use super::world::TimeStyle;

/// `2024-07-05T22:24:34.000Z` (Booking.com, and Calry's Zulu style).
pub(crate) fn zulu_millis(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

/// `2026-03-01T09:00:00Z` (Trellis).
pub(crate) fn zulu_seconds(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `2026-03-01T09:00:00.000000+00:00` (Hostel Mate, a Python backend).
pub(crate) fn python_utc(ts: Timestamp) -> String {
    ts.strftime("%Y-%m-%dT%H:%M:%S%.6f+00:00").to_string()
}

/// Calry: whatever the PMS behind the integration account writes.
pub(crate) fn calry(ts: Timestamp, style: TimeStyle) -> String {
    match style {
        TimeStyle::Zulu => zulu_millis(ts),
        TimeStyle::NoZone => ts.to_zoned(TimeZone::UTC).strftime("%Y-%m-%dT%H:%M:%S").to_string(),
        TimeStyle::Plus2 => {
            ts.to_zoned(TimeZone::fixed(tz::offset(2))).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        let ts: Timestamp = "2025-01-13T23:40:49Z".parse().unwrap();
        assert_eq!(zulu_millis(ts), "2025-01-13T23:40:49.000Z");
        assert_eq!(zulu_seconds(ts), "2025-01-13T23:40:49Z");
        assert_eq!(python_utc(ts), "2025-01-13T23:40:49.000000+00:00");
        assert_eq!(calry(ts, TimeStyle::NoZone), "2025-01-13T23:40:49");
        assert_eq!(calry(ts, TimeStyle::Plus2), "2025-01-14T01:40:49+02:00");
        for s in [calry(ts, TimeStyle::Plus2), python_utc(ts), zulu_millis(ts)] {
            assert_eq!(s.parse::<Timestamp>().unwrap(), ts, "{s}");
        }
    }
}
