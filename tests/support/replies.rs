//! Saved replies for the TUI tests: a templates dir as the store of a user's
//! config would hold it, and the stay times of their `[replies]` table.

use super::drive::{feed, inbox};
use innbox::app::{AppState, Msg};
use innbox::config::{ReplySettings, StayTimes};
use innbox::replies::{Template, Templates};
use jiff::civil::time;

pub const DIR: &str = "/home/ana/.config/innbox/templates";

pub fn templates() -> Templates {
    Templates {
        templates: vec![
            Template::new(
                "check-in-details",
                "Hi {guest_first_name}! Check-in at {property} is from {check_in_time} on {check_in}; check-out by {check_out_time} on {check_out} ({nights} nights).",
            ),
            Template::new("door-code", "The door code is 4821. See you soon!"),
            Template::new(
                "late-checkout",
                "Hi {guest_first_name}, a late check-out on {check_out} is fine until 13:00.",
            ),
            Template::new("thanks-for-staying", "Thank you for staying at {property}, {guest_first_name}!"),
            Template::new("wifi-typo", "The wifi is {wifi_name}."),
        ],
        dir: Some(DIR.into()),
        errors: Vec::new(),
    }
}

pub fn settings() -> ReplySettings {
    let times = StayTimes { check_in: Some(time(15, 0, 0, 0)), check_out: Some(time(11, 0, 0, 0)) };
    ReplySettings { times, ..ReplySettings::default() }
}

/// The fixture inbox with these stay times and templates loaded.
pub fn inbox_with_templates() -> AppState {
    let mut state = inbox().with_reply_settings(settings());
    feed(&mut state, Msg::TemplatesLoaded(templates()));
    state
}

/// The names the picker lists, best first.
pub fn listed(state: &AppState) -> Vec<String> {
    let view = state.picker().expect("the picker is open");
    view.matches.iter().map(|(template, _)| template.name.clone()).collect()
}
