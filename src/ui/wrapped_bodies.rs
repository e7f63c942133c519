//! Message bodies wrapped once per width and kept. The history is drawn every frame
//! and measured on every scroll; a long thread or a long body must not be wrapped
//! again each time. Keyed by the text itself, so an edited body is wrapped afresh.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Past this much cached body text the cache starts over.
const MAX_CACHED_BYTES: usize = 16 << 20;

#[derive(Default)]
struct Cache {
    width: usize,
    bytes: usize,
    bodies: HashMap<Box<str>, Rc<[String]>>,
}

thread_local! {
    static CACHE: RefCell<Cache> = RefCell::default();
}

/// `body` wrapped to `width` columns by [`super::wrap::wrap`].
pub fn wrapped(body: &str, width: usize) -> Rc<[String]> {
    CACHE.with_borrow_mut(|cache| {
        if cache.width != width || cache.bytes > MAX_CACHED_BYTES {
            *cache = Cache { width, ..Cache::default() };
        }
        if let Some(lines) = cache.bodies.get(body) {
            return Rc::clone(lines);
        }
        let lines: Rc<[String]> = super::wrap::wrap(body, width).into();
        cache.bytes += body.len();
        cache.bodies.insert(body.into(), Rc::clone(&lines));
        lines
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_body_at_the_same_width_is_wrapped_once() {
        let first = wrapped("the quick brown fox", 9);
        assert!(Rc::ptr_eq(&first, &wrapped("the quick brown fox", 9)));
        assert_eq!(&*first, ["the quick", "brown fox"]);
        assert_eq!(&*wrapped("the quick brown fox", 20), ["the quick brown fox"]);
        assert_eq!(&*wrapped("the quick brown cat", 9), ["the quick", "brown cat"]);
    }
}
