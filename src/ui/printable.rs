//! The last check before text reaches the terminal. Provider text is sanitized at
//! ingestion, but a store row may predate that or be written by hand, and config
//! names, errors and typed filters never went through it: the views measure and draw
//! only what [`printable`] returns.

use crate::domain::sanitize::is_invisible_format;
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Zero-width joiner: it means something only between two characters of one grapheme.
const ZWJ: char = '\u{200d}';
/// Tag characters are invisible; only subdivision flags (🏴 + tags) use them.
const TAGS: std::ops::RangeInclusive<char> = '\u{e0020}'..='\u{e007f}';
const BLACK_FLAG: char = '\u{1f3f4}';

/// `text` as one line in which every grapheme moves the cursor by its width: tabs,
/// newlines and other breaking controls become spaces; other controls, bidi and
/// invisible format characters go, and so do combining marks, joiners and variation
/// selectors with nothing to attach to; halfwidth sound marks take their fullwidth
/// form. Borrowed when there is nothing to change.
pub fn printable(text: &str) -> Cow<'_, str> {
    // The common case, checked char by char: everything visible and advancing.
    if text.chars().all(|c| c.width().is_some_and(|w| w > 0) && !is_line_break(c) && !is_sound_mark(c)) {
        return Cow::Borrowed(text);
    }
    // Replaced before segmenting: the fullwidth marks do not join the grapheme before.
    if text.contains(is_sound_mark) {
        let replaced: String = text.chars().map(fullwidth_sound_mark).collect();
        return Cow::Owned(printable(&replaced).into_owned());
    }
    let mut graphemes = text.grapheme_indices(true);
    while let Some((at, grapheme)) = graphemes.next() {
        let first_change = printable_grapheme(grapheme);
        if first_change != grapheme {
            let mut out = String::with_capacity(text.len());
            out.push_str(&text[..at]);
            out.push_str(&first_change);
            out.extend(graphemes.map(|(_, g)| printable_grapheme(g)));
            return Cow::Owned(out);
        }
    }
    Cow::Borrowed(text)
}

/// Marks, joiners and selectors first in a grapheme (text starting with one) have no
/// base and would combine with the cell before; a joiner at the end would join this
/// cell to the next in some terminals.
fn without_loose_ends(grapheme: &str) -> &str {
    grapheme.trim_start_matches(|c: char| c.width() == Some(0)).trim_end_matches(ZWJ)
}

fn printable_grapheme(grapheme: &str) -> Cow<'_, str> {
    if grapheme.chars().all(|c| c.is_whitespace() && (c.is_control() || is_line_break(c))) {
        return Cow::Borrowed(" ");
    }
    let dropped = |c: char| {
        c.is_control() || is_invisible_format(c) || (TAGS.contains(&c) && !grapheme.starts_with(BLACK_FLAG))
    };
    let kept = if grapheme.contains(dropped) {
        Cow::Owned(grapheme.chars().filter(|&c| !dropped(c)).collect())
    } else {
        Cow::Borrowed(grapheme)
    };
    let kept = match kept {
        Cow::Borrowed(kept) => Cow::Borrowed(without_loose_ends(kept)),
        Cow::Owned(kept) => Cow::Owned(without_loose_ends(&kept).to_owned()),
    };
    if kept.width() == 0 { Cow::Borrowed("") } else { kept }
}

/// The halfwidth katakana (semi-)voiced sound marks: ratatui counts them twice
/// (unicode-width already gives them a column), so a line holding one is drawn a
/// column longer than the terminal shows it.
fn is_sound_mark(c: char) -> bool {
    matches!(c, '\u{ff9e}' | '\u{ff9f}')
}

/// The fullwidth forms, which every party measures alike: `ｶﾞ` is drawn `ｶ゛`.
fn fullwidth_sound_mark(c: char) -> char {
    match c {
        '\u{ff9e}' => '\u{309b}',
        '\u{ff9f}' => '\u{309c}',
        c => c,
    }
}

/// Unicode's line and paragraph separators: not controls, but terminals disagree on
/// whether they take a column.
fn is_line_break(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn clean_text_is_borrowed_even_with_emoji_sequences_and_accents() {
        for text in [
            "Yuki Tanaka",
            "東京 · 👍",
            "👩\u{200d}👩\u{200d}👧 ❤\u{fe0f} 🇯🇵",
            "e\u{301}te\u{301}",
            "می\u{200c}خواهم",
        ] {
            assert!(matches!(printable(text), Cow::Borrowed(t) if t == text), "{text:?}");
        }
    }

    #[test]
    fn breaking_controls_become_spaces_and_other_controls_go() {
        assert_eq!(printable("a\tb\r\nc\nd\u{85}e\u{2028}f"), "a b c d e f");
        assert_eq!(printable("a\u{1b}[31mb\u{7}\u{7f}\u{9b}c"), "a[31mbc");
    }

    #[test]
    fn halfwidth_sound_marks_take_their_fullwidth_form() {
        assert_eq!(printable("ｶﾞｲﾄﾞ ﾊﾟ"), "ｶ゛ｲﾄ゛ ﾊ゜");
    }

    #[test]
    fn bidi_and_invisible_format_characters_go() {
        assert_eq!(printable("user\u{202e}gpj.exe\u{2066}x\u{2069}"), "usergpj.exex");
        assert_eq!(printable("\u{feff}Ad\u{200b}min\u{2060}\u{ad}"), "Admin");
    }

    #[test]
    fn marks_joiners_and_selectors_without_a_base_go() {
        assert_eq!(printable("\u{301}\u{200d}\u{fe0f}abc"), "abc");
        assert_eq!(
            printable("\u{200c}\u{bca}x \u{301}\u{bca}"),
            "\u{bca}x \u{301}\u{bca}",
            "a spacing mark stays"
        );
        assert_eq!(printable("\u{200c}a\u{200d} b"), "a b");
        assert_eq!(printable("x\u{e0041}\u{e0042}y"), "xy", "tags smuggle invisible ASCII");
        let england = "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
        assert_eq!(printable(england), england);
    }

    proptest! {
        #[test]
        fn every_grapheme_left_takes_a_column_and_no_control_survives(text in any::<String>()) {
            let clean = printable(&text);
            prop_assert!(!clean.contains(|c: char| c.is_control() || is_invisible_format(c)));
            for grapheme in clean.graphemes(true) {
                prop_assert!(grapheme.width() > 0, "{grapheme:?} takes no column");
                prop_assert!(grapheme.chars().next().and_then(|c| c.width()) != Some(0), "{grapheme:?} has no base");
                prop_assert!(!grapheme.ends_with(ZWJ), "{grapheme:?} ends in a joiner");
            }
        }

        #[test]
        fn printable_text_is_a_borrowed_fixed_point(text in any::<String>()) {
            let once = printable(&text).into_owned();
            prop_assert!(matches!(printable(&once), Cow::Borrowed(_)), "{once:?} changed again");
        }
    }
}
