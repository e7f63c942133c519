//! Times and labels as people read them.

use crate::domain::Channel;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::TimeZone;

/// How long ago, in the fewest characters: `now`, `5m`, `3h`, `6d`, then the date.
pub fn ago(now: Timestamp, then: Timestamp, tz: &TimeZone) -> String {
    let seconds = now.duration_since(then).as_secs();
    match seconds {
        s if s < 60 => "now".into(),
        s if s < 3_600 => format!("{}m", s / 60),
        s if s < 86_400 => format!("{}h", s / 3_600),
        s if s < 7 * 86_400 => format!("{}d", s / 86_400),
        _ => short_date(then.to_zoned(tz.clone()).date(), now.to_zoned(tz.clone()).date()),
    }
}

/// A message's time: the clock today, else the date and clock.
pub fn message_time(then: Timestamp, now: Timestamp, tz: &TimeZone) -> String {
    let (then, today) = (then.to_zoned(tz.clone()), now.to_zoned(tz.clone()).date());
    let clock = then.strftime("%H:%M");
    if then.date() == today {
        clock.to_string()
    } else {
        format!("{} {clock}", short_date(then.date(), today))
    }
}

/// `Jul 5`, or `Jul 5 2024` outside the current year.
pub fn short_date(date: Date, today: Date) -> String {
    if date.year() == today.year() {
        date.strftime("%b %-d").to_string()
    } else {
        date.strftime("%b %-d %Y").to_string()
    }
}

/// The channel as a person names it.
pub fn channel(channel: Option<&Channel>) -> String {
    match channel {
        Some(Channel::Airbnb) => "Airbnb".into(),
        Some(Channel::Booking) => "Booking.com".into(),
        Some(Channel::Vrbo) => "Vrbo".into(),
        Some(Channel::Email) => "Email".into(),
        Some(Channel::Sms) => "SMS".into(),
        Some(Channel::Whatsapp) => "WhatsApp".into(),
        Some(Channel::Hostelworld) => "Hostelworld".into(),
        Some(Channel::Direct) => "Direct".into(),
        Some(Channel::Other(other)) => other.clone(),
        None => "unknown channel".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn ages_shrink_to_a_few_characters() {
        let now = at("2026-11-21T12:00:00Z");
        let ago = |s| ago(now, at(s), &TimeZone::UTC);
        assert_eq!(ago("2026-11-21T11:59:30Z"), "now");
        assert_eq!(ago("2026-11-21T11:55:00Z"), "5m");
        assert_eq!(ago("2026-11-21T09:00:00Z"), "3h");
        assert_eq!(ago("2026-11-18T12:00:00Z"), "3d");
        assert_eq!(ago("2026-07-05T12:00:00Z"), "Jul 5");
        assert_eq!(ago("2024-07-05T12:00:00Z"), "Jul 5 2024");
    }

    #[test]
    fn message_times_drop_the_date_today() {
        let now = at("2026-11-21T12:00:00Z");
        assert_eq!(message_time(at("2026-11-21T08:05:00Z"), now, &TimeZone::UTC), "08:05");
        assert_eq!(message_time(at("2026-11-20T22:24:00Z"), now, &TimeZone::UTC), "Nov 20 22:24");
    }
}
