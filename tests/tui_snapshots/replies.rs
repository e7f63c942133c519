//! Saved replies on screen: the template picker and the pre-send warnings.

use super::support::drive::{ctrl, drive, inbox, key, select_guest, typing};
use super::support::replies::{DIR, inbox_with_templates};
use super::support::screen::draw;
use innbox::app::Msg;
use innbox::replies::Templates;

#[test]
fn template_picker_narrowed_with_a_preview() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Yuki Tanaka"));
    drive(&mut state, [key('t')]);
    drive(&mut state, typing("ch"));
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn template_picker_marks_an_unknown_variable_and_what_is_not_filled() {
    // No stay times in the config: the times stay as variables in the preview.
    let mut state = inbox();
    let mut templates = super::support::replies::templates();
    templates.errors.push(format!("cannot read {DIR}/notes.md: permission denied"));
    super::support::drive::feed(&mut state, Msg::TemplatesLoaded(templates));
    select_guest(&mut state, Some("Priya Natarajan"));
    drive(&mut state, [key('t')]);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn template_picker_with_no_templates_says_where_to_put_them() {
    let mut state = inbox();
    let none = Templates { dir: Some(DIR.into()), ..Templates::default() };
    super::support::drive::feed(&mut state, Msg::TemplatesLoaded(none));
    drive(&mut state, [key('t')]);
    insta::assert_snapshot!(draw(&state));
}

#[test]
fn pre_send_warnings() {
    let mut state = inbox_with_templates();
    select_guest(&mut state, Some("Priya Natarajan"));
    drive(&mut state, [key('r')]);
    let long =
        "Hi Priya! The lockbox code is 2580 and the wifi password is lakeside77. We're at 12 Harbour Road. ";
    drive(&mut state, typing(&long.repeat(2)));
    drive(&mut state, [ctrl('s')]);
    insta::assert_snapshot!(draw(&state));
}

/// Snapshots record text only: the matched letters and the unfilled variables carry
/// their meaning in style.
#[test]
fn matched_letters_are_underlined_and_unfilled_variables_red() {
    use ratatui::style::{Color, Modifier};
    let mut state = inbox();
    super::support::drive::feed(&mut state, Msg::TemplatesLoaded(super::support::replies::templates()));
    select_guest(&mut state, Some("Priya Natarajan"));
    drive(&mut state, [key('t')]);
    drive(&mut state, typing("cid"));
    let backend = draw(&state);
    let buffer = backend.buffer();
    let row_of = |text: &str| {
        (0..buffer.area.height)
            .find(|&y| {
                (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<String>().contains(text)
            })
            .unwrap_or_else(|| panic!("{text} is on screen"))
    };
    let line = |y: u16| (0..buffer.area.width).map(|x| buffer[(x, y)].symbol()).collect::<Vec<_>>();
    let y = row_of("▸ check-in-details");
    let start = line(y).iter().position(|s| *s == "▸").unwrap() as u16 + 2;
    let underlined: String = "check-in-details"
        .chars()
        .enumerate()
        .filter(|(i, _)| buffer[(start + *i as u16, y)].modifier.contains(Modifier::UNDERLINED))
        .map(|(_, c)| c)
        .collect();
    assert_eq!(underlined, "cid", "c(heck)-i(n)-d(etails)");
    let y = row_of("{check_in_time}");
    let x = line(y).join("").find("{check_in_time}").unwrap();
    let x = line(y).join("")[..x].chars().count() as u16;
    assert_eq!(buffer[(x, y)].fg, Color::Red);
    assert_eq!(buffer[(x.saturating_sub(2), y)].fg, Color::Reset, "the filled text around it is plain");
}
