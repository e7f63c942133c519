//! Fills a template's variables with one thread's facts. A variable with no value
//! here (no check-in date, no time in the config) stays as written, for the
//! pre-send check to stop.

use crate::config::ReplySettings;
use crate::domain::Thread;
use crate::domain::placeholders::placeholders;
use jiff::civil::{Date, Time};

pub fn fill(body: &str, thread: &Thread, settings: &ReplySettings) -> String {
    let mut filled = String::with_capacity(body.len());
    let mut from = 0;
    for (range, name) in placeholders(body) {
        if let Some(value) = value_of(name, thread, settings) {
            filled.push_str(&body[from..range.start]);
            filled.push_str(&value);
            from = range.end;
        }
    }
    filled.push_str(&body[from..]);
    filled
}

fn value_of(name: &str, thread: &Thread, settings: &ReplySettings) -> Option<String> {
    let stay = thread.reservation.as_ref();
    let (check_in, check_out) = (stay.and_then(|r| r.check_in), stay.and_then(|r| r.check_out));
    let times = || settings.times_for(thread.property_name.as_deref(), thread.property_id.as_deref());
    match name {
        "guest_first_name" => first_name(thread.guest.name.as_deref()?),
        "property" => thread.property_name.clone().or_else(|| thread.property_id.clone()),
        "check_in" => check_in.map(date),
        "check_out" => check_out.map(date),
        "check_in_time" => times().check_in.map(time),
        "check_out_time" => times().check_out.map(time),
        "nights" => {
            let nights = check_in?.until(check_out?).ok()?.get_days();
            (nights > 0).then(|| nights.to_string())
        }
        "account" => Some(thread.account.clone()),
        _ => None,
    }
}

/// The first word of a name; Chinese, Japanese and Korean names put the family
/// name first, so those stay whole rather than greet someone by their surname.
fn first_name(name: &str) -> Option<String> {
    let family_first = name.chars().any(|c| {
        matches!(c, '\u{3040}'..='\u{30ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{ac00}'..='\u{d7af}')
    });
    if family_first {
        Some(name.trim().to_owned())
    } else {
        name.split_whitespace().next().map(str::to_owned)
    }
}

/// "Sunday 22 November": the weekday helps a guest more than the year.
fn date(date: Date) -> String {
    date.strftime("%A %-d %B").to_string()
}

fn time(time: Time) -> String {
    time.strftime("%H:%M").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::StayTimes;
    use crate::domain::Channel;
    use crate::domain::presend::tests::thread as sample;
    use jiff::civil::time as civil_time;

    fn thread() -> Thread {
        let mut thread = sample(Channel::Airbnb);
        thread.guest.name = Some("Yuki  Tanaka".into());
        thread
    }

    fn settings() -> ReplySettings {
        let times =
            StayTimes { check_in: Some(civil_time(15, 0, 0, 0)), check_out: Some(civil_time(11, 0, 0, 0)) };
        let mut settings = ReplySettings { times, ..ReplySettings::default() };
        let late = StayTimes { check_in: Some(civil_time(16, 30, 0, 0)), check_out: None };
        settings.properties.insert("Lakeside Cabin 3".into(), late);
        settings
    }

    #[test]
    fn every_variable_is_filled_from_the_thread_and_the_config() {
        let body = "Hi {guest_first_name}! {property}: {check_in} {check_in_time} to {check_out} {check_out_time}, {nights} nights ({account}). {other} {Name}";
        assert_eq!(
            fill(body, &thread(), &settings()),
            "Hi Yuki! Lakeside Cabin 3: Sunday 22 November 16:30 to Thursday 26 November 11:00, 4 nights (Lakeside Rentals). {other} {Name}"
        );
    }

    #[test]
    fn family_first_names_stay_whole() {
        let named = |name: &str| {
            let mut thread = thread();
            thread.guest.name = Some(name.into());
            fill("{guest_first_name}", &thread, &settings())
        };
        assert_eq!(named("渡辺 美咲"), "渡辺 美咲");
        assert_eq!(named("김민준"), "김민준");
        assert_eq!(named("Álvaro García"), "Álvaro");
    }

    #[test]
    fn what_the_thread_lacks_stays_as_a_variable() {
        let mut bare = thread();
        bare.guest.name = None;
        bare.property_name = None;
        bare.reservation = None;
        let body =
            "Hi {guest_first_name}, {property} from {check_in} for {nights} nights at {check_out_time}";
        assert_eq!(
            fill(body, &bare, &ReplySettings::default()),
            "Hi {guest_first_name}, p-3 from {check_in} for {nights} nights at {check_out_time}"
        );
    }
}
