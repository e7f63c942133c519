//! The `:` command line and `:filter`, driven through `update` as the app is.

mod support;

use innbox::app::AppState;
use innbox::keymap::Context;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use support::drive::{code, drive, inbox, key, shift_tab, typing};

/// Opens the command line and types `text` (a trailing `\n` runs it).
fn command(state: &mut AppState, text: &str) {
    drive(state, [key(':')]);
    drive(state, typing(text));
}

fn tab(state: &mut AppState) {
    drive(state, [code(KeyCode::Tab)]);
}

fn line(state: &AppState) -> &str {
    state.command_line().text()
}

fn candidates(state: &AppState) -> Vec<String> {
    state.command_line().candidates().map(|(c, _)| c.to_vec()).unwrap_or_default()
}

/// The guests of the listed threads, in list order.
fn listed(state: &AppState) -> Vec<String> {
    state.visible_rows(usize::MAX).map(|r| r.summary.thread.guest.name.clone().unwrap_or_default()).collect()
}

fn notice(state: &AppState) -> String {
    state.notice().map(|n| n.text.clone()).unwrap_or_default()
}

#[test]
fn colon_opens_the_command_line_and_esc_closes_it() {
    let mut state = inbox();
    drive(&mut state, [key(':')]);
    assert_eq!(state.context(), Context::CommandLine);
    drive(&mut state, typing("filt"));
    assert_eq!(line(&state), "filt");
    drive(&mut state, [code(KeyCode::Esc)]);
    assert_eq!(state.context(), Context::List);
    assert_eq!(state.visible_count(), 20);
    // Typed letters went to the line, not to the list's keys.
    assert!(!state.should_quit());
}

#[test]
fn tab_completes_a_lone_candidate_and_cycles_through_several() {
    let mut state = inbox();
    command(&mut state, "fil");
    tab(&mut state);
    assert_eq!(line(&state), "filter ");
    tab(&mut state);
    assert_eq!(candidates(&state), ["account=", "channel=", "property=", "phase=", "clear"]);
    assert_eq!(line(&state), "filter account=");
    tab(&mut state);
    assert_eq!(line(&state), "filter channel=");
    drive(&mut state, [shift_tab()]);
    assert_eq!(line(&state), "filter account=");
    drive(&mut state, [shift_tab()]);
    assert_eq!(line(&state), "filter clear");
    drive(&mut state, [code(KeyCode::Esc)]);
    command(&mut state, "filter phase=");
    tab(&mut state);
    assert_eq!(
        candidates(&state),
        ["phase=checked-out", "phase=in-house", "phase=inquiry", "phase=upcoming"]
    );
    // Typing ends the cycle; the next Tab completes what is typed now.
    drive(&mut state, [code(KeyCode::Backspace)]);
    assert!(candidates(&state).is_empty());
}

#[test]
fn values_complete_from_the_loaded_threads() {
    let mut state = inbox();
    command(&mut state, "filter channel=");
    tab(&mut state);
    let channels = ["airbnb", "booking", "direct", "email", "hostelworld", "sms", "vrbo", "whatsapp"];
    assert_eq!(candidates(&state), channels.map(|c| format!("channel={c}")));
    drive(&mut state, [code(KeyCode::Esc)]);

    command(&mut state, "filter channel=sms account=har");
    tab(&mut state);
    assert_eq!(line(&state), "filter channel=sms account=\"Harbour Hostel\" ");
    drive(&mut state, [code(KeyCode::Esc)]);

    // A value with spaces is quoted, and a quoted value completes too.
    command(&mut state, "filter property=\"villa a");
    tab(&mut state);
    assert_eq!(line(&state), "filter property=\"Villa Azul\" ");
}

#[test]
fn up_and_down_walk_this_sessions_commands() {
    let mut state = inbox();
    command(&mut state, "filter channel=sms\n");
    command(&mut state, "filter account=lake\n");
    command(&mut state, "fil");
    let up = || code(KeyCode::Up);
    drive(&mut state, [up()]);
    assert_eq!(line(&state), "filter account=lake");
    drive(&mut state, [up(), up()]);
    assert_eq!(line(&state), "filter channel=sms");
    drive(&mut state, [code(KeyCode::Down)]);
    assert_eq!(line(&state), "filter account=lake");
    drive(&mut state, [code(KeyCode::Down)]);
    assert_eq!(line(&state), "fil", "past the newest, what was typed comes back");
}

#[test]
fn an_unknown_command_says_which_commands_there_are() {
    let mut state = inbox();
    command(&mut state, "fitler channel=sms\n");
    assert_eq!(notice(&state), "unknown command :fitler; commands: filter, help, quit");
    assert_eq!(state.context(), Context::List);
    assert_eq!(state.visible_count(), 20);
}

#[test]
fn short_commands_run_help_and_quit() {
    let mut state = inbox();
    command(&mut state, "help\n");
    assert!(state.help_open());
    drive(&mut state, [code(KeyCode::Esc)]);
    command(&mut state, "q\n");
    assert!(state.should_quit());
}

#[test]
fn each_facet_narrows_the_list() {
    let cases: [(&str, &[&str]); 7] = [
        // Today is 2026-11-21 in the fixture.
        ("phase=in-house", &["James O'Connor", "Lukas Becker"]),
        ("phase=inquiry account=lakeside", &["李娜", "Priya Natarajan", "Oliver Wright"]),
        ("account=harbour", &["Lukas Becker", "Chloé Dubois", "", "Sven Olsen"]),
        ("channel=SMS", &["Priya Natarajan"]),
        ("channel=Booking.com account=harbour", &[""]),
        ("property=\"CABIN 3\"", &["Yuki Tanaka", "Priya Natarajan"]),
        ("property=azul", &["Chinedu Okafor", "Grace Liu"]),
    ];
    for (facets, guests) in cases {
        let mut state = inbox();
        command(&mut state, &format!("filter {facets}\n"));
        assert_eq!(listed(&state), *guests, "{facets}");
        assert_eq!(notice(&state), "", "{facets}");
    }
}

#[test]
fn a_repeated_facet_matches_either_value() {
    let mut state = inbox();
    command(&mut state, "filter channel=sms channel=whatsapp\n");
    assert_eq!(listed(&state), ["李娜", "Priya Natarajan"]);
    assert_eq!(state.facets().label(), "channel=sms,whatsapp");
}

#[test]
fn facets_combine_with_the_text_filter_and_clear_on_their_own() {
    let mut state = inbox();
    command(&mut state, "filter account=lakeside\n");
    assert_eq!(state.visible_count(), 7);
    drive(&mut state, [key('/')]);
    drive(&mut state, typing("cabin 1"));
    drive(&mut state, [code(KeyCode::Enter)]);
    assert_eq!(listed(&state), ["Emma Johansson", "李娜", "Mia & Noah Fischer"]);
    // Esc clears the text first, then the facets.
    drive(&mut state, [code(KeyCode::Esc)]);
    assert_eq!(state.visible_count(), 7);
    drive(&mut state, [code(KeyCode::Esc)]);
    assert_eq!(state.visible_count(), 20);

    command(&mut state, "filter channel=email\n");
    assert_eq!(state.visible_count(), 3);
    command(&mut state, "filter\n");
    assert_eq!(state.visible_count(), 20);
    command(&mut state, "filter channel=email\n");
    command(&mut state, "filter clear\n");
    assert_eq!(state.visible_count(), 20);
}

#[test]
fn a_mistake_in_filter_says_what_and_changes_nothing() {
    let mut state = inbox();
    command(&mut state, "filter channel=sms\n");
    for (typed, says) in [
        (
            "filter chanel=sms",
            ":filter: unknown filter `chanel=`; filters are account, channel, property, phase",
        ),
        ("filter airbnb", ":filter: `airbnb` is not a filter; write name=value, e.g. channel=airbnb"),
        ("filter account=", ":filter: `account=` needs a value, e.g. account=lakeside"),
    ] {
        command(&mut state, &format!("{typed}\n"));
        assert_eq!(notice(&state), says);
        assert_eq!(listed(&state), ["Priya Natarajan"], "{typed}");
    }
}

#[test]
fn a_remapped_key_opens_the_command_line() {
    let keys = innbox::config::Config::parse_str("[keys]\ncommand = [\";\", \"ctrl-k\"]\n").unwrap().keymap;
    let mut state = inbox().with_keymap(keys);
    drive(&mut state, [KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL)]);
    assert_eq!(state.context(), Context::CommandLine);
    drive(&mut state, [code(KeyCode::Esc), key(':')]);
    assert_eq!(state.context(), Context::List);
}

#[test]
fn a_paste_into_the_command_line_is_cleaned_and_runs() {
    let mut state = inbox();
    drive(&mut state, [key(':')]);
    support::drive::feed(&mut state, innbox::app::Msg::Paste("filter channel=sms\u{1b}[31m\n".into()));
    assert_eq!(line(&state), "filter channel=sms");
    drive(&mut state, [code(KeyCode::Enter)]);
    assert_eq!(listed(&state), ["Priya Natarajan"]);
}
