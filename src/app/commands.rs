//! The `:` commands: one row each in `COMMANDS`, with what runs it and what
//! completes its arguments. A new command is one more row.

use super::effect::Effect;
use super::facets;
use super::state::AppState;

/// Runs a command with its arguments; the error becomes a notice.
type Run = fn(&mut AppState, &[String], &mut Vec<Effect>) -> Result<(), String>;
/// Candidates for the argument being typed, given the arguments before it.
type Complete = fn(&AppState, &[String], &str) -> Vec<String>;

pub(super) struct Command {
    pub name: &'static str,
    /// What it does, with its arguments, for the help.
    pub about: &'static str,
    pub run: Run,
    pub complete: Complete,
}

pub(super) const COMMANDS: &[Command] = &[
    Command {
        name: "filter",
        about: "account= channel= property= phase=: narrow the list (alone: all)",
        run: facets::run,
        complete: facets::complete,
    },
    Command { name: "help", about: "every key and command", run: help, complete: no_arguments },
    Command { name: "quit", about: "quit innbox", run: quit, complete: no_arguments },
];

/// Every command and what it does, for the help overlay.
pub fn commands() -> impl Iterator<Item = (String, &'static str)> {
    COMMANDS.iter().map(|c| (format!(":{}", c.name), c.about))
}

/// The command `name` stands for: its full name or a prefix of only one (`:q`).
pub(super) fn find(name: &str) -> Result<&'static Command, String> {
    let mut matching = COMMANDS.iter().filter(|c| c.name.starts_with(name));
    match (COMMANDS.iter().find(|c| c.name == name), matching.next(), matching.next()) {
        (Some(exact), _, _) => Ok(exact),
        (None, Some(only), None) if !name.is_empty() => Ok(only),
        _ => {
            let names: Vec<_> = COMMANDS.iter().map(|c| c.name).collect();
            Err(format!("unknown command :{name}; commands: {}", names.join(", ")))
        }
    }
}

/// Command names starting with `prefix`.
pub(super) fn names_starting(prefix: &str) -> Vec<String> {
    COMMANDS.iter().filter(|c| c.name.starts_with(prefix)).map(|c| c.name.to_owned()).collect()
}

/// Splits a command line into words at whitespace; double quotes keep spaces in
/// one word (`property="Palm Court"`) and are dropped.
pub(super) fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                word.get_or_insert_default();
            }
            c if c.is_whitespace() && !quoted => words.extend(word.take()),
            c => word.get_or_insert_default().push(c),
        }
    }
    words.extend(word);
    words
}

/// Where the word being typed at the end of `line` starts (after the last space
/// outside quotes).
pub(super) fn last_word_start(line: &str) -> usize {
    let mut quoted = false;
    let mut start = 0;
    for (index, c) in line.char_indices() {
        match c {
            '"' => quoted = !quoted,
            c if c.is_whitespace() && !quoted => start = index + c.len_utf8(),
            _ => {}
        }
    }
    start
}

fn help(state: &mut AppState, _: &[String], _: &mut Vec<Effect>) -> Result<(), String> {
    state.help_open = true;
    Ok(())
}

fn quit(state: &mut AppState, _: &[String], _: &mut Vec<Effect>) -> Result<(), String> {
    state.quit = true;
    Ok(())
}

fn no_arguments(_: &AppState, _: &[String], _: &str) -> Vec<String> {
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_at_spaces_and_quotes_keep_them() {
        assert_eq!(
            words(" filter  channel=sms property=\"Palm Court\" "),
            ["filter", "channel=sms", "property=Palm Court"]
        );
        assert_eq!(last_word_start("filter property=\"Palm Co"), 7);
        assert_eq!(last_word_start("filter "), 7);
        assert_eq!(last_word_start("fil"), 0);
    }

    #[test]
    fn a_command_is_found_by_its_name_or_a_prefix_of_only_it() {
        assert_eq!(find("filter").unwrap().name, "filter");
        assert_eq!(find("q").unwrap().name, "quit");
        assert_eq!(find("fitler").err().unwrap(), "unknown command :fitler; commands: filter, help, quit");
        assert!(find("").is_err());
    }
}
