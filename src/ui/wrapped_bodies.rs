//! Message bodies wrapped once per width and kept. The history is drawn every frame
//! and measured on every scroll; a long thread or a long body must not be wrapped
//! again each time. Keyed by the text itself, so an edited body is wrapped afresh.
//! Privacy mode's masking runs here, before wrapping, and is kept with it.

use crate::domain::privacy::mask;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Past this much cached body text the cache starts over.
const MAX_CACHED_BYTES: usize = 16 << 20;

#[derive(Default)]
struct Cache {
    width: usize,
    bytes: usize,
    /// Bodies as written, and masked: privacy mode shows both at once.
    plain: HashMap<Box<str>, Rc<[String]>>,
    masked: HashMap<Box<str>, Rc<[String]>>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

/// `body`, masked when `masked`, wrapped to `width` columns by [`super::wrap::wrap`].
pub fn wrapped(body: &str, width: usize, masked: bool) -> Rc<[String]> {
    CACHE.with_borrow_mut(|cache| {
        if cache.width != width || cache.bytes > MAX_CACHED_BYTES {
            *cache = Cache { width, ..Cache::default() };
        }
        let bodies = if masked { &mut cache.masked } else { &mut cache.plain };
        if let Some(lines) = bodies.get(body) {
            return Rc::clone(lines);
        }
        let text = if masked { mask(body) } else { body.into() };
        let lines: Rc<[String]> = super::wrap::wrap(&text, width).into();
        bodies.insert(body.into(), Rc::clone(&lines));
        cache.bytes += body.len();
        lines
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_body_at_the_same_width_is_wrapped_once() {
        let first = wrapped("the quick brown fox", 9, false);
        assert!(Rc::ptr_eq(&first, &wrapped("the quick brown fox", 9, false)));
        assert_eq!(&*first, ["the quick", "brown fox"]);
        assert_eq!(&*wrapped("the quick brown fox", 20, false), ["the quick brown fox"]);
        assert_eq!(&*wrapped("the quick brown cat", 9, false), ["the quick", "brown cat"]);
    }

    #[test]
    fn masked_bodies_are_masked_before_wrapping_and_kept_apart() {
        let body = "call +44 7700 900123 now";
        assert_eq!(&*wrapped(body, 12, true), ["call ••• now"]);
        assert_eq!(&*wrapped(body, 12, false), ["call +44", "7700 900123", "now"]);
        assert!(Rc::ptr_eq(&wrapped(body, 12, true), &wrapped(body, 12, true)));
    }
}
