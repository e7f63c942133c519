//! The `[keys]` table: `action = "key"` or `action = ["key", …]`, in `[keys]` for
//! wherever the action is bound and in `[keys.CONTEXT]` for one context. Read from
//! the spanned document, so every mistake names its line and column.

use super::position;
use crate::keymap::{Context, Keymap, Located, Override};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The keymap the config asks for; the defaults when it has no `[keys]`.
pub fn keymap(text: &str) -> Result<Keymap, String> {
    let document = DeTable::parse(text).map_err(|e| e.message().to_owned())?;
    let Some(keys) = document.get_ref().get("keys") else {
        return Ok(Keymap::default());
    };
    let at = |span: std::ops::Range<usize>| position(text, span.start);
    let DeValue::Table(table) = keys.get_ref() else {
        return Err(format!("{}: `keys` must be a table, like [keys] send = \"ctrl-s\"", at(keys.span())));
    };
    let mut overrides = Vec::new();
    let mut per_context = Vec::new();
    for (name, value) in table {
        match value.get_ref() {
            DeValue::Table(inner) => {
                let context =
                    Context::ALL.into_iter().find(|c| c.name() == name.get_ref()).ok_or_else(|| {
                        let names: Vec<_> = Context::ALL.iter().map(|c| c.name()).collect();
                        format!(
                            "{}: unknown key table [keys.{}]; the tables are [keys.{}]",
                            at(name.span()),
                            name.get_ref(),
                            names.join("], [keys.")
                        )
                    })?;
                for (action, keys) in inner {
                    per_context.push(one(Some(context), action, keys, &at)?);
                }
            }
            _ => overrides.push(one(None, name, value, &at)?),
        }
    }
    // Context tables refine what `[keys]` sets, wherever they are written.
    overrides.extend(per_context);
    Keymap::with_overrides(&overrides)
}

fn one(
    context: Option<Context>,
    action: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    at: &impl Fn(std::ops::Range<usize>) -> String,
) -> Result<Override, String> {
    let wrong = || {
        format!(
            "{}: `{}` takes a key or a list of keys, like \"ctrl-s\" or [\"ctrl-s\", \"f2\"]",
            at(value.span()),
            action.get_ref()
        )
    };
    let key = |value: &Spanned<DeValue<'_>>| match value.get_ref() {
        DeValue::String(key) => Ok(Located { value: key.to_string(), at: at(value.span()) }),
        _ => Err(wrong()),
    };
    let keys = match value.get_ref() {
        DeValue::Array(array) => array.iter().map(key).collect::<Result<_, _>>()?,
        _ => vec![key(value)?],
    };
    Ok(Override {
        context,
        action: Located { value: action.get_ref().to_string(), at: at(action.span()) },
        keys,
    })
}
