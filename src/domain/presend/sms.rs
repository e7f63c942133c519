//! How many SMS segments a text costs. GSM-7 texts take 160 characters in one
//! segment and 153 per segment once split; anything outside GSM-7 turns the whole
//! text into UCS-2: 70 UTF-16 units in one segment, 67 once split.

/// The GSM 03.38 default alphabet (without the escape character).
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// Its extension table: each costs two units (escape + character).
const GSM7_EXTENDED: &str = "^{}\\[~]|€\u{c}";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmsEncoding {
    Gsm7,
    Ucs2,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SmsLength {
    pub encoding: SmsEncoding,
    pub segments: usize,
}

pub fn sms_length(text: &str) -> SmsLength {
    let gsm_units: Option<usize> = text
        .chars()
        .map(|c| {
            if GSM7_BASIC.contains(c) {
                Some(1)
            } else if GSM7_EXTENDED.contains(c) {
                Some(2)
            } else {
                None
            }
        })
        .sum();
    let (encoding, units, single, split) = match gsm_units {
        Some(units) => (SmsEncoding::Gsm7, units, 160, 153),
        None => (SmsEncoding::Ucs2, text.encode_utf16().count(), 70, 67),
    };
    let segments = match units {
        0 => 0,
        units if units <= single => 1,
        units => units.div_ceil(split),
    };
    SmsLength { encoding, segments }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(text: &str) -> (SmsEncoding, usize) {
        let length = sms_length(text);
        (length.encoding, length.segments)
    }

    #[test]
    fn gsm7_fits_160_in_one_segment_and_153_per_segment_after() {
        assert_eq!(segments(&"a".repeat(160)), (SmsEncoding::Gsm7, 1));
        assert_eq!(segments(&"a".repeat(161)), (SmsEncoding::Gsm7, 2));
        assert_eq!(segments(&"a".repeat(306)), (SmsEncoding::Gsm7, 2));
        assert_eq!(segments(&"a".repeat(307)), (SmsEncoding::Gsm7, 3));
        assert_eq!(segments("Grüße aus Köln, à bientôt? No: ô is not GSM-7").0, SmsEncoding::Ucs2);
        assert_eq!(segments("Grüße aus Köln, à demain").0, SmsEncoding::Gsm7);
    }

    #[test]
    fn extension_characters_cost_two() {
        assert_eq!(segments(&"€".repeat(80)), (SmsEncoding::Gsm7, 1));
        assert_eq!(segments(&"€".repeat(81)), (SmsEncoding::Gsm7, 2));
    }

    #[test]
    fn one_character_outside_gsm7_makes_it_ucs2() {
        assert_eq!(segments(&"a".repeat(70)), (SmsEncoding::Gsm7, 1));
        let with_emoji = format!("{}🙂", "a".repeat(68)); // the emoji is two UTF-16 units
        assert_eq!(segments(&with_emoji), (SmsEncoding::Ucs2, 1));
        assert_eq!(segments(&format!("{with_emoji}a")), (SmsEncoding::Ucs2, 2));
        assert_eq!(segments(&"é".repeat(134)), (SmsEncoding::Gsm7, 1), "é is in GSM-7");
        assert_eq!(segments(&"ê".repeat(134)), (SmsEncoding::Ucs2, 2));
        assert_eq!(segments(&"ê".repeat(135)), (SmsEncoding::Ucs2, 3));
    }

    #[test]
    fn nothing_costs_nothing() {
        assert_eq!(segments(""), (SmsEncoding::Gsm7, 0));
    }
}
