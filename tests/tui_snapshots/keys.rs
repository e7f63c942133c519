//! The `:` command line and a remapped keymap, as drawn.

use super::support::drive::{code, drive, inbox, key, typing};
use super::support::screen::draw;
use innbox::config::Config;
use ratatui::crossterm::event::KeyCode;

#[test]
fn command_line_cycling_through_completions() {
    let mut state = inbox();
    drive(&mut state, [key(':')]);
    drive(&mut state, typing("filter channel="));
    // The first Tab takes the first candidate, the second the next one.
    drive(&mut state, [code(KeyCode::Tab), code(KeyCode::Tab)]);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn list_narrowed_by_facets() {
    let mut state = inbox();
    drive(&mut state, [key(':')]);
    drive(&mut state, typing("filter channel=airbnb channel=vrbo account=lakeside\n"));
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn help_after_a_remap() {
    let config = Config::parse_str(
        "[keys]\nsend = \"ctrl-x\"\nback = [\"esc\", \"b\"]\n[keys.list]\nmove_down = [\"w\", \"down\"]\n",
    )
    .unwrap();
    let mut state = inbox().with_keymap(config.keymap);
    drive(&mut state, [key('?')]);
    insta::assert_snapshot!(draw(&state));
}
