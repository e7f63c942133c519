//! Copying to the clipboard through the terminal: OSC 52 (`ESC ] 52 ; c ; <base64>
//! BEL`), which works over ssh and needs no display server. Terminals ignore long
//! ones (xterm and others cap them near 100 kB), so the text is cut before that.
//! tmux passes them on with `set -g set-clipboard on`.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use std::io::Write;

/// The most text one copy takes: base64 makes it 100,000 bytes.
pub const MAX_COPY_BYTES: usize = 75_000;

/// `text` cut to what one copy can carry (at a character boundary), and whether it was cut.
pub fn capped(text: &str) -> (&str, bool) {
    if text.len() <= MAX_COPY_BYTES {
        return (text, false);
    }
    let mut end = MAX_COPY_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    (&text[..end], true)
}

/// The escape sequence that puts `text` on the system clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(text))
}

/// Writes the copy to the terminal; the run loop calls this, as it owns the terminal.
pub fn copy(terminal: &mut impl Write, text: &str) -> std::io::Result<()> {
    terminal.write_all(osc52(text).as_bytes())?;
    terminal.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_in_base64() {
        assert_eq!(osc52("Door code 4471"), "\x1b]52;c;RG9vciBjb2RlIDQ0NzE=\x07");
        assert_eq!(osc52("ア"), "\x1b]52;c;44Ki\x07", "UTF-8 bytes");
        let mut terminal = Vec::new();
        copy(&mut terminal, "hi").unwrap();
        assert_eq!(terminal, b"\x1b]52;c;aGk=\x07");
    }

    #[test]
    fn long_text_is_cut_at_a_character_boundary() {
        assert_eq!(capped("short"), ("short", false));
        let long = "é".repeat(MAX_COPY_BYTES); // two bytes each
        let (cut, was_cut) = capped(&long);
        assert!(was_cut);
        assert_eq!(cut.len(), MAX_COPY_BYTES);
        let odd = format!("a{long}");
        assert_eq!(capped(&odd).0.len(), MAX_COPY_BYTES - 1, "not inside the é");
        assert!(osc52(capped(&odd).0).len() <= 100_010);
    }
}
