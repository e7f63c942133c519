//! Guest text is hostile until it passes through here. Providers call these once,
//! at ingestion, so nothing downstream (store, UI, export) sees control sequences.

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// C1 String Terminator.
const ST: char = '\u{9c}';

/// Cleans a message body: drops terminal control sequences (ESC/CSI/OSC/DCS and the
/// other string sequences, in 7-bit and C1 form), C0 controls other than `\n` and
/// `\t`, DEL, C1 controls, bidi controls and invisible format characters; turns
/// `\r\n` and lone `\r` into `\n`.
pub fn sanitize_text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            ESC => skip_escape(&mut chars),
            '\u{9b}' => skip_csi(&mut chars),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => skip_string(&mut chars),
            c if c.is_control() || is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Cleans a one-line field (names, subjects, property names): as [`sanitize_text`],
/// then whitespace runs (including newlines) collapse to one space. Empty means absent.
pub fn sanitize_line(raw: &str) -> Option<String> {
    let line = collapse_whitespace(&sanitize_text(raw));
    (!line.is_empty()).then_some(line)
}

/// Every run of whitespace, newlines included, as one space; no space at either end.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An open-enum value (a status, a kind) as innbox keeps it: cleaned, lowercased,
/// and absent when empty.
pub fn sanitize_enum(raw: &str) -> Option<String> {
    sanitize_line(raw).map(|value| value.to_lowercase())
}

/// Bidi embedding, override and isolate controls, plus the invisible marks: they
/// can make a message read differently from what it says.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{61c}' | '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// Format characters that show nothing and join nothing: bidi controls, zero-width
/// space, word joiner, BOM, soft hyphen and their kin. Hidden text hides in them, and
/// terminals disagree on their width. Joiners (ZWJ, ZWNJ) and variation selectors
/// are not among them: emoji, Persian and Indic text need those.
pub fn is_invisible_format(c: char) -> bool {
    is_bidi_control(c)
        || matches!(
            c,
            '\u{ad}'
                | '\u{180e}'
                | '\u{200b}'
                | '\u{2060}'..='\u{2064}'
                | '\u{206a}'..='\u{206f}'
                | '\u{feff}'
                | '\u{fff9}'..='\u{fffb}'
                | '\u{1bca0}'..='\u{1bca3}'
                | '\u{1d173}'..='\u{1d17a}'
                | '\u{e0001}'
        )
}

type Chars<'a> = std::iter::Peekable<std::str::Chars<'a>>;

/// Called after ESC: consumes the rest of the sequence, whatever its kind.
fn skip_escape(chars: &mut Chars<'_>) {
    match chars.next() {
        Some('[') => skip_csi(chars),
        Some(']' | 'P' | 'X' | '^' | '_') => skip_string(chars),
        // nF sequences: intermediates then one final byte, e.g. `ESC ( B`.
        Some(c) if ('\u{20}'..='\u{2f}').contains(&c) => {
            while chars.next_if(|c| ('\u{20}'..='\u{2f}').contains(c)).is_some() {}
            chars.next();
        }
        // Two-character sequences such as `ESC c` (reset): the final byte is gone already.
        _ => {}
    }
}

/// CSI: parameter bytes, intermediate bytes, then one final byte in `@`..=`~`.
fn skip_csi(chars: &mut Chars<'_>) {
    for c in chars.by_ref() {
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
        if !('\u{20}'..='\u{3f}').contains(&c) {
            // Not a valid CSI byte: the sequence is broken, stop eating text.
            return;
        }
    }
}

/// OSC, DCS, SOS, PM, APC: everything up to BEL, `ESC \` or ST. An unterminated one
/// runs to the end, as a terminal would swallow it.
fn skip_string(chars: &mut Chars<'_>) {
    while let Some(c) = chars.next() {
        match c {
            BEL | ST => return,
            ESC if chars.peek() == Some(&'\\') => {
                chars.next();
                return;
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn csi_sequences_are_removed_and_text_kept() {
        assert_eq!(sanitize_text("\u{1b}[2J\u{1b}[31mHello\u{1b}[0m!"), "Hello!");
        assert_eq!(sanitize_text("a\u{9b}1;2Hb"), "ab");
    }

    #[test]
    fn osc_and_dcs_strings_are_removed_with_either_terminator() {
        assert_eq!(sanitize_text("x\u{1b}]0;pwned\u{7}y"), "xy");
        assert_eq!(sanitize_text("x\u{1b}]8;;http://evil\u{1b}\\link\u{1b}]8;;\u{1b}\\y"), "xlinky");
        assert_eq!(sanitize_text("x\u{1b}Pq#0;2;0;0;0\u{1b}\\y"), "xy");
        assert_eq!(sanitize_text("x\u{9d}title\u{9c}y"), "xy");
    }

    #[test]
    fn other_escapes_lose_their_final_byte() {
        assert_eq!(sanitize_text("a\u{1b}cb"), "ab");
        assert_eq!(sanitize_text("a\u{1b}(Bb"), "ab");
    }

    #[test]
    fn controls_and_bidi_are_dropped_but_newlines_and_tabs_stay() {
        assert_eq!(sanitize_text("a\u{0}b\u{7f}c\u{85}d\te\nf"), "abcd\te\nf");
        assert_eq!(sanitize_text("user\u{202e}gpj.exe"), "usergpj.exe");
        assert_eq!(sanitize_text("\u{2066}x\u{2069}"), "x");
    }

    #[test]
    fn invisible_format_characters_are_dropped_but_joiners_stay() {
        assert_eq!(sanitize_text("\u{feff}Ad\u{200b}min\u{2060}\u{ad}"), "Admin");
        assert_eq!(
            sanitize_text("👩\u{200d}👧 ❤\u{fe0f} می\u{200c}خواهم"),
            "👩\u{200d}👧 ❤\u{fe0f} می\u{200c}خواهم"
        );
    }

    #[test]
    fn line_endings_are_normalized() {
        assert_eq!(sanitize_text("Hi,\r\n\r\nBye\rNow"), "Hi,\n\nBye\nNow");
    }

    #[test]
    fn emoji_cjk_and_joiners_survive() {
        let text = "Genevieve reacted 👍 · 東京 · 👩‍👩‍👧 · café";
        assert_eq!(sanitize_text(text), text);
    }

    #[test]
    fn lines_collapse_whitespace_and_empty_is_absent() {
        assert_eq!(sanitize_line("  Maria\r\n Garcia\u{1b}[1m "), Some("Maria Garcia".into()));
        assert_eq!(sanitize_line("\u{1b}[2J \n"), None);
    }

    proptest! {
        #[test]
        fn output_never_holds_a_control_or_bidi_char(raw in any::<String>()) {
            let clean = sanitize_text(&raw);
            prop_assert!(clean.chars().all(|c| c == '\n' || c == '\t' || !(c.is_control() || is_invisible_format(c))));
        }

        #[test]
        fn clean_text_is_a_fixed_point(raw in any::<String>()) {
            let once = sanitize_text(&raw);
            prop_assert_eq!(sanitize_text(&once), once.clone());
        }
    }
}
