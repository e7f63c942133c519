//! Word wrapping by display width: CJK and emoji take two columns, joined emoji
//! stay whole. Text is made [`printable`] before it is measured, so the widths
//! computed here are the columns the terminal moves by.

use super::printable::printable;
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

const TAB: &str = "    ";

/// Wraps `text` to `width` columns. Paragraph breaks (`\n`) are kept; words longer
/// than a line are split between graphemes. Never returns an empty list.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        wrap_paragraph(&printable(&paragraph.replace('\t', TAB)), width, &mut lines);
    }
    // A mark joined to a space is cut from it when words split at spaces; at the
    // start of a line it has no base.
    lines
        .into_iter()
        .map(|line| match printable(&line) {
            Cow::Borrowed(_) => line,
            Cow::Owned(clean) => clean,
        })
        .collect()
}

fn wrap_paragraph(paragraph: &str, width: usize, lines: &mut Vec<String>) {
    let mut line = String::new();
    let mut line_width = 0;
    // Words keep their trailing space (and punctuation stays with its word); a run
    // without spaces wider than a line (CJK, URLs) is split between graphemes.
    for word in paragraph.split_inclusive(' ') {
        let visible = word.trim_end_matches(' ').width();
        if line_width + visible > width && !line.trim().is_empty() {
            lines.push(std::mem::take(&mut line).trim_end().to_owned());
            line_width = 0;
        }
        if line_width + visible <= width {
            line.push_str(word);
            line_width += word.width();
            continue;
        }
        for grapheme in word.graphemes(true) {
            let grapheme_width = grapheme.width();
            if line_width + grapheme_width > width && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_width = 0;
            }
            line.push_str(grapheme);
            line_width += grapheme_width;
        }
    }
    lines.push(line.trim_end().to_owned());
}

/// Cuts `text` to at most `width` columns, ending with `…` when it had to cut.
pub fn truncate(text: &str, width: usize) -> String {
    let text = printable(text);
    if text.width() <= width {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for grapheme in text.graphemes(true) {
        let w = grapheme.width();
        if used + w + 1 > width {
            break;
        }
        out.push_str(grapheme);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn words_wrap_at_the_width_and_paragraphs_stay() {
        assert_eq!(wrap("the quick brown fox", 9), ["the quick", "brown fox"]);
        assert_eq!(wrap("directions, parking and keys", 11), ["directions,", "parking and", "keys"]);
        assert_eq!(wrap("a\n\nb", 10), ["a", "", "b"]);
    }

    #[test]
    fn wide_characters_count_two_columns() {
        assert_eq!(wrap("東京駅からの行き方", 8), ["東京駅か", "らの行き", "方"]);
        assert_eq!(wrap("ok 👍👍👍", 5), ["ok", "👍👍", "👍"]);
    }

    #[test]
    fn joined_emoji_are_never_split() {
        let family = "👩\u{200d}👩\u{200d}👧";
        assert_eq!(wrap(&format!("{family}{family}"), 3), [family, family]);
    }

    #[test]
    fn long_words_split_and_truncation_marks_the_cut() {
        assert_eq!(wrap("https://example.com/abcdef", 10), ["https://ex", "ample.com/", "abcdef"]);
        assert_eq!(truncate("Genevieve DiFilippo", 10), "Genevieve…");
        assert_eq!(truncate("東京駅", 5), "東京…");
        assert_eq!(truncate("short", 10), "short");
    }

    #[test]
    fn only_printable_text_is_measured_and_returned() {
        assert_eq!(wrap("a\u{1b}[2Jb\u{202e}c d\te", 80), ["a[2Jbc d    e"]);
        assert_eq!(truncate("\u{301}Maria\u{200b} Garcia", 7), "Maria …");
        assert_eq!(wrap("ok \u{301}\u{dd8}x", 3), ["ok", "\u{dd8}x"], "no line starts with a bare mark");
    }

    proptest! {
        #[test]
        fn no_line_is_wider_than_asked(text in "\\PC{0,200}", width in 2usize..60) {
            for line in wrap(&text, width) {
                // A single grapheme wider than the line cannot be helped.
                let lone_grapheme = line.graphemes(true).count() == 1;
                prop_assert!(line.width() <= width || lone_grapheme, "{line:?} is wider than {width}");
            }
        }
    }
}
