//! Privacy mode on screen: short texts (list previews, senders, a guest's phone and email)
//! masked once and kept, so a frame does not run the masking patterns again. Message
//! bodies are masked before wrapping, in `wrapped_bodies`.

use crate::app::AppState;
use crate::domain::privacy::mask;
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::HashMap;

/// Past this many texts the cache starts over: a few screens' worth of list rows.
const MAX_CACHED: usize = 4096;

thread_local! {
    /// Text → its masked form; None when masking changes nothing.
    static MASKED: RefCell<HashMap<Box<str>, Option<Box<str>>>> = RefCell::default();
}

/// `text` as the screen shows it: masked while privacy mode is on.
pub fn on_screen<'a>(state: &AppState, text: &'a str) -> Cow<'a, str> {
    if state.privacy_mode() { masked(text) } else { Cow::Borrowed(text) }
}

/// `text` masked, from the cache when it was masked before.
pub fn masked(text: &str) -> Cow<'_, str> {
    MASKED.with_borrow_mut(|cache| {
        if let Some(masked) = cache.get(text) {
            return masked.as_deref().map_or(Cow::Borrowed(text), |m| Cow::Owned(m.to_owned()));
        }
        if cache.len() >= MAX_CACHED {
            cache.clear();
        }
        let masked = mask(text);
        cache.insert(text.into(), matches!(masked, Cow::Owned(_)).then(|| Box::from(&*masked)));
        masked
    })
}
