//! Hostile text: a corpus of strings that have broken terminals, a proptest strategy
//! that mixes them with arbitrary text, and the check that a drawn buffer holds only
//! printable text.

use proptest::prelude::*;
use ratatui::buffer::Buffer;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `default` cases, or as many as `PROPTEST_CASES` asks for.
pub fn cases(default: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(default);
    ProptestConfig { cases, ..ProptestConfig::default() }
}

/// Named hostile strings, each something a guest, a PMS or a broken proxy has sent.
pub fn corpus() -> Vec<(&'static str, String)> {
    [
        ("CSI", "\u{1b}[2J\u{1b}[31mred\u{1b}[0m\u{1b}[10;10H"),
        ("OSC 8", "\u{1b}]8;;https://evil.example/\u{1b}\\click me\u{1b}]8;;\u{1b}\\"),
        ("OSC 52", "\u{1b}]52;c;cm0gLXJmIH4K\u{7}copied"),
        ("OSC title", "\u{1b}]0;pwned\u{9c}title"),
        ("DCS", "\u{1b}Pq#0;2;0;0;0#0~~@@\u{1b}\\sixel"),
        ("C0", "a\rb\u{8}c\td\u{7f}e\u{0}f\u{7}g\u{b}h\u{c}i"),
        ("C1", "j\u{85}k\u{9b}31ml\u{90}dcs\u{9c}m"),
        ("bidi", "\u{202e}gpj.exe\u{202a}a\u{202b}b\u{202c}\u{202d}c\u{2066}d\u{2067}e\u{2068}f\u{2069}"),
        ("marks", "\u{200e}L\u{200f}R\u{61c}A"),
        ("zero width", "Ad\u{200b}m\u{200c}i\u{200d}n\u{feff}\u{2060}!"),
        ("replaced", "caf\u{fffd} \u{fffd}\u{fffd}"),
        ("family", "👩\u{200d}👩\u{200d}👧 ok"),
        ("VS16", "❤\u{fe0f} ❤ ☀\u{fe0f}"),
        ("flags", "🇯🇵🇫🇷 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}"),
        ("CJK", "漢字かなカナ한국어"),
        ("combining", "e\u{301}\u{302}\u{303}z\u{336}\u{336}"),
        ("bare marks", "\u{301}\u{20dd}\u{fe0f}\u{200d}start"),
        ("tags", "x\u{e0041}\u{e0042}y"),
        ("separators", "one\u{2028}two\u{2029}three"),
    ]
    .into_iter()
    .map(|(name, text)| (name, text.to_owned()))
    .chain([("long word", format!("https://example.com/{}", "verylongpath".repeat(30)))])
    .collect()
}

/// Characters that are never printable on their own, for the strategy to mix in.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
        (0x7fu32..0xa0).prop_map(|c| char::from_u32(c).unwrap()),
        prop::sample::select(vec![
            '\u{61c}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{200f}',
            '\u{202a}',
            '\u{202b}',
            '\u{202c}',
            '\u{202d}',
            '\u{202e}',
            '\u{2060}',
            '\u{2066}',
            '\u{2067}',
            '\u{2068}',
            '\u{2069}',
            '\u{feff}',
            '\u{fe0f}',
            '\u{301}',
            '\u{ad}',
            '\u{2028}',
            '\u{e0041}',
            '\u{fffd}',
            '漢',
            '👍',
            '\u{1f3f4}',
            '\u{1f1ef}',
            '\u{ff9e}',
            'ｶ',
        ]),
    ]
}

/// Hostile text: corpus pieces, hostile characters and arbitrary text, mixed.
pub fn hostile() -> impl Strategy<Value = String> {
    let corpus: Vec<String> = corpus().into_iter().map(|(_, text)| text).collect();
    let piece = prop_oneof![
        prop::sample::select(corpus),
        hostile_char().prop_map(String::from),
        prop::collection::vec(hostile_char(), 1..6).prop_map(String::from_iter),
        any::<String>(),
        "[a-z ]{1,12}",
    ];
    prop::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

/// Bidi controls: they reorder what the terminal shows.
const BIDI: &[char] = &[
    '\u{61c}', '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}',
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];
/// Invisible format characters, none of which may be drawn.
const INVISIBLE: &[char] =
    &['\u{ad}', '\u{180e}', '\u{200b}', '\u{2060}', '\u{2061}', '\u{2064}', '\u{feff}'];
/// Joiners and variation selectors: drawn only after a visible character of their cell.
const ATTACHED: &[char] = &['\u{200c}', '\u{200d}', '\u{fe0e}', '\u{fe0f}'];
const ZWJ: char = '\u{200d}';

/// Why `symbol`, one cell of a frame, could corrupt the terminal; None when it cannot.
pub fn unprintable(symbol: &str) -> Option<&'static str> {
    let first = symbol.chars().next()?;
    if symbol.chars().any(char::is_control) {
        Some("a control character (C0, DEL or C1)")
    } else if symbol.contains(BIDI) {
        Some("a bidi control")
    } else if symbol.contains(INVISIBLE) {
        Some("an invisible format character")
    } else if symbol.contains(|c| ('\u{e0000}'..='\u{e007f}').contains(&c)) && first != '\u{1f3f4}' {
        Some("tag characters outside a flag")
    } else if symbol.contains(['\u{2028}', '\u{2029}']) {
        Some("a line or paragraph separator")
    } else if ATTACHED.contains(&first) || symbol.ends_with(ZWJ) {
        Some("a joiner or selector with nothing to join")
    } else if first.width() == Some(0) {
        Some("a mark with no base, which combines with the cell before")
    } else if symbol.width() == 0 {
        Some("a cell that does not move the cursor")
    } else {
        None
    }
}

/// The first cell of `buffer` that holds something unprintable, and why.
pub fn first_unprintable(buffer: &Buffer) -> Option<String> {
    let area = buffer.area;
    (area.top()..area.bottom()).flat_map(|y| (area.left()..area.right()).map(move |x| (x, y))).find_map(
        |(x, y)| {
            let symbol = buffer[(x, y)].symbol();
            unprintable(symbol).map(|why| format!("({x}, {y}) {symbol:?}: {why}"))
        },
    )
}
