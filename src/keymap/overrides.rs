//! The config's `[keys]` overrides applied to the defaults: an action named there
//! gets exactly the keys given, every other action keeps its defaults. Mistakes are
//! errors naming the line and column and what to do.

use super::{Context, KEY_NAMES_HELP, Key, Row};

/// A config value and where it was written ("line 3, column 8").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub at: String,
}

/// `action = keys`, in `[keys]` (context None: wherever the action is bound) or in
/// `[keys.CONTEXT]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub context: Option<Context>,
    pub action: Located<String>,
    pub keys: Vec<Located<String>>,
}

pub(super) fn apply(rows: &mut Vec<Row>, one: &Override) -> Result<(), String> {
    let action = one.action.value.as_str();
    let at = &one.action.at;
    if !rows.iter().any(|r| r.name == action) {
        let mut names: Vec<&str> = Vec::new();
        for row in rows {
            if !names.contains(&row.name) {
                names.push(row.name);
            }
        }
        return Err(format!("{at}: unknown action `{action}` in [keys]; actions are {}", names.join(", ")));
    }
    let keys = one
        .keys
        .iter()
        .map(|k| {
            Key::parse(&k.value).ok_or_else(|| {
                format!("{}: unknown key `{}` for `{action}`; {KEY_NAMES_HELP}", k.at, k.value)
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    match one.context {
        Some(context) => {
            let typed = keys.iter().zip(&one.keys).find(|(k, _)| context.is_typing() && k.is_typed_text());
            if let Some((_, written)) = typed {
                return Err(format!(
                    "{}: `{}` would be typed as text in [keys.{}], not pressed; give `{action}` a key \
                     with ctrl- or alt-, or a named key like f2",
                    written.at,
                    written.value,
                    context.name()
                ));
            }
            bind_in(rows, context, action, keys, at)
        }
        None => {
            bind_everywhere(rows, action, &keys, at);
            Ok(())
        }
    }
}

/// `[keys.CONTEXT] action = keys`: the action's rows lose that context to one new
/// row with these keys.
fn bind_in(
    rows: &mut Vec<Row>,
    context: Context,
    action: &str,
    keys: Vec<Key>,
    at: &str,
) -> Result<(), String> {
    let Some(first) = rows.iter().position(|r| r.name == action && r.contexts.contains(&context)) else {
        let contexts: Vec<_> = Context::ALL
            .into_iter()
            .filter(|c| rows.iter().any(|r| r.name == action && r.contexts.contains(c)))
            .map(|c| format!("[keys.{}]", c.name()))
            .collect();
        return Err(format!(
            "{at}: `{action}` does nothing in [keys.{}]; it belongs in [keys] or {}",
            context.name(),
            contexts.join(", ")
        ));
    };
    let row = Row { contexts: vec![context], keys, set_at: Some(at.to_owned()), ..rows[first].clone() };
    for other in rows.iter_mut().filter(|r| r.name == action) {
        other.contexts.retain(|c| *c != context);
    }
    rows.insert(first, row);
    rows.retain(|r| !r.contexts.is_empty());
    Ok(())
}

/// `[keys] action = keys`: every row of the action gets these keys, except that
/// plain characters are left out where they would be typed as text.
fn bind_everywhere(rows: &mut Vec<Row>, action: &str, keys: &[Key], at: &str) {
    let mut index = 0;
    while index < rows.len() {
        let row = &mut rows[index];
        index += 1;
        if row.name != action {
            continue;
        }
        row.keys = keys.to_vec();
        row.set_at = Some(at.to_owned());
        let (typing, other): (Vec<_>, Vec<_>) = row.contexts.iter().partition(|c| c.is_typing());
        if typing.is_empty() || !keys.iter().any(|k| k.is_typed_text()) {
            continue;
        }
        let untyped = keys.iter().copied().filter(|k| !k.is_typed_text()).collect();
        let typing_row = Row { contexts: typing, keys: untyped, ..row.clone() };
        row.contexts = other;
        rows.insert(index, typing_row);
        index += 1;
    }
    rows.retain(|r| !r.contexts.is_empty());
}

/// A key that would do two things in one context is refused, naming the override
/// that made it so.
pub(super) fn check_no_key_twice(rows: &[Row]) -> Result<(), String> {
    for context in Context::ALL {
        let here: Vec<&Row> = rows.iter().filter(|r| r.contexts.contains(&context)).collect();
        for (i, first) in here.iter().enumerate() {
            for second in &here[i + 1..] {
                if first.action == second.action {
                    continue;
                }
                let Some(key) = first.keys.iter().find(|k| second.keys.contains(k)) else { continue };
                let at = second.set_at.as_ref().or(first.set_at.as_ref()).map_or("[keys]", String::as_str);
                return Err(format!(
                    "{at}: `{key}` would do both {} and {} in [keys.{}]; give one of them another key",
                    first.name,
                    second.name,
                    context.name()
                ));
            }
        }
    }
    Ok(())
}
