use super::*;

fn masked(text: &str) -> String {
    mask(text).into_owned()
}

#[test]
fn codes_phones_and_emails_are_hidden() {
    let cases = [
        ("The door code is 4471.", "The door code is •••."),
        ("PIN: 0000", "PIN: •••"),
        ("lockbox 1234, gate 98765", "lockbox •••, gate •••"),
        ("Wifi password: Sunset2024!", "Wifi password: •••!"),
        ("wifi: 2024beach", "wifi: •••"),
        ("Call me on +44 7700 900123 please", "Call me on ••• please"),
        ("(555) 123-4567", "•••"),
        ("06 12 34 56 78", "•••"),
        ("0612.34.56.78", "•••"),
        ("+351912345678", "•••"),
        ("12-34-5678", "•••"),
        ("Mail ana.silva@example.com.", "Mail •••@•••."),
        ("josé.garcía@correo.es", "•••@•••"),
        ("Reservation HW-288114", "Reservation •••"),
        ("the password is 2291-sea-15 (on the router)", "the password is ••• (on the router)"),
        ("ID AB-1234-CD, 1500m away", "ID •••, ••• away"),
        ("Cabin 3 1234", "Cabin 3 •••"),
        ("(1234)", "(•••)"),
        ("We stayed in 2025", "We stayed in •••"),
    ];
    for (text, expected) in cases {
        assert_eq!(masked(text), expected, "{text}");
    }
}

#[test]
fn unicode_text_around_codes_is_kept() {
    assert_eq!(masked("コードは4471です"), "コードは•••です");
    assert_eq!(masked("暗証番号は１２３４です"), "暗証番号は•••です", "fullwidth digits");
    assert_eq!(masked("👍 4471 👍"), "👍 ••• 👍");
    assert_eq!(masked("メールはana@example.comです"), "メールは•••@•••です");
    assert_eq!(masked("Код от двери: 5580"), "Код от двери: •••");
}

#[test]
fn times_dates_prices_and_small_numbers_stay() {
    let kept = [
        "Check-in is from 15:00, check-out by 11:00.",
        "Our flight lands at 18:40, around 21.00 we arrive",
        "on 2026-11-21",
        "2026/11/21",
        "21.11.2026 or 21/11/26",
        "11/21/2026",
        "Nov 21, 2026",
        "21 November 2026",
        "21st Dec 2026",
        "December 2026",
        "2026年11月21日",
        "€120",
        "€1 200 for the week",
        "1.200,50 EUR",
        "$99.99",
        "120 €",
        "We are 2 adults and 1 child (5 years old)",
        "flight JL123",
        "Room 12B, 3.5 km from the station",
        "4 nights, 3 guests",
    ];
    for text in kept {
        assert_eq!(masked(text), text);
    }
}

#[test]
fn text_with_nothing_to_hide_is_borrowed() {
    assert!(matches!(mask("See you at the cabin!"), Cow::Borrowed(_)));
    assert!(matches!(mask("Check-in from 15:00"), Cow::Borrowed(_)));
    assert!(matches!(mask("code 4471"), Cow::Owned(_)));
}

#[test]
fn masking_twice_changes_nothing_more() {
    for text in ["code 4471, call +44 7700 900123 or ana@example.com", "Sunset2024"] {
        let once = masked(text);
        assert_eq!(masked(&once), once);
    }
}

#[test]
fn a_date_shape_that_is_no_date_counts_as_a_number() {
    assert_eq!(masked("2026-13-40"), "•••");
    assert_eq!(masked("45.67.89"), "45.67.89", "six digits, no run of four");
}

proptest::proptest! {
    #[test]
    fn any_text_masks_without_panicking_and_leaves_no_long_digit_run(text in "[0-9a-zé +\\-.()@€:/年]{0,40}") {
        let once = masked(&text);
        proptest::prop_assert_eq!(masked(&once), once.clone());
        // Only kept dates can still hold 4 digits in a row.
        let long_run = once.split(|c: char| !c.is_ascii_digit()).any(|run| run.len() >= 4);
        proptest::prop_assert!(!long_run || is_date_somewhere(&once), "{} -> {}", text, once);
    }
}

fn is_date_somewhere(text: &str) -> bool {
    CANDIDATES
        .captures_iter(text)
        .any(|found| found.name("date").is_some_and(|d| is_date(d.as_str())) || found.name("price").is_some())
}
