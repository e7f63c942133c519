//! Host-side automated messages, long texts and hostile strings.
//!
//! Lines end in `\n` here; the Calry generator turns host templates into
//! `\r\n`, as its PMSs send them.

/// The automated messages a host schedules around a stay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Template {
    Confirmation,
    PreArrival,
    DoorCode,
    /// The several-KB house manual, sent instead of `DoorCode` in some threads.
    HouseManual,
    Checkout,
    Review,
}

impl Template {
    /// The name a host would give it in its PMS or extranet.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Template::Confirmation => "Booking confirmation",
            Template::PreArrival => "Pre-arrival information",
            Template::DoorCode => "Check-in instructions",
            Template::HouseManual => "House manual",
            Template::Checkout => "Checkout reminder",
            Template::Review => "Review request",
        }
    }

    pub(crate) fn text(self) -> String {
        match self {
            Template::Confirmation => "Hi {guest},\n\nThank you for booking {property}! Your dates are confirmed. We will be in touch 3 days before your arrival with everything you need for a smooth check-in: address, directions, parking and keys.\n\nLet us know if you have any questions at all.\n\nYour hosts,\n{host}".into(),
            Template::PreArrival => "Hi {guest},\n\nYour trip is coming up! 🎉\n\nThe door code for your booking will be sent on the day of arrival at 11 AM. It only works from 4 PM unless we have approved an earlier check-in, to keep our cleaning crew safe.\n\nOur digital guidebook has everything else (wifi, parking, appliances): https://guide.example.com/{slug}\n\nCheers,\n{host}".into(),
            Template::DoorCode => "Hi {guest},\n\nThe door code during your stay will be {code}. It only works between check-in and check-out time.\n\nHere is the wifi info, since some people have no phone service:\n\n{wifi}\n{pass}\n\n-{host}".into(),
            Template::HouseManual => house_manual(),
            Template::Checkout => "Hi {guest},\n\nWe hope you've had a great stay! Please be reminded that check-out is no later than 11 AM tomorrow. Send us a quick message when you leave so we can tell the cleaners.\n\nCheck-out procedure:\n1) Leave used towels on the floor and used beds unmade.\n2) Put the TV remote back on the stand and log out of your streaming accounts.\n3) Do a final walkthrough for personal belongings.\n4) Close the windows, turn off the lights and lock the door.\n\nSafe travels!\n{host}".into(),
            Template::Review => "Hi {guest}, thanks again for staying with us! If you have a minute, a review would mean a lot to our small business 🙏\n\n{host}".into(),
        }
    }
}

/// Paragraphs of the house manual; together they are several KB.
const MANUAL: [(&str, &str); 12] = [
    (
        "WELCOME",
        "Welcome to {property}! We are so happy to have you. This manual covers everything from the door lock to the recycling schedule, so please take five minutes to read it before you unpack. If anything is unclear, message us here at any time of day; we usually answer within a few minutes between 8 AM and 10 PM.",
    ),
    (
        "ARRIVAL AND KEYS",
        "The smart lock on the front door opens with the code {code}. Press the lock button first, type the code and finish with the check key. The code works from 4 PM on your arrival day until 11 AM on your departure day. A spare physical key is in the lockbox to the left of the door (same code). Please never leave the door on the latch, even for a minute.",
    ),
    (
        "WIFI",
        "Network: {wifi}. Password: {pass}. The router is in the living room cabinet. If the connection drops, switch it off at the back, count to ten and switch it on again. It takes about two minutes to come back. The smart TV is already connected; please log out of your own streaming accounts before you leave.",
    ),
    (
        "KITCHEN",
        "The kitchen is fully equipped: induction hob, oven, microwave, dishwasher, kettle and a capsule coffee machine (a starter pack of capsules is in the top drawer). Induction needs flat-bottomed pans, which you will find under the hob. Please run the dishwasher before you leave rather than leaving dirty dishes in the sink.",
    ),
    (
        "HEATING AND AIR CONDITIONING",
        "Each room has its own thermostat. Heating and cooling switch automatically; 21 degrees is a comfortable setting. Please close the windows while the air conditioning runs, otherwise it shuts itself off after ten minutes to save energy, and it can take a while to restart.",
    ),
    (
        "RUBBISH AND RECYCLING",
        "General waste goes in the grey bin under the sink, packaging in the yellow bag and glass in the box on the balcony. The communal bins are in the courtyard, through the door next to the mailboxes. Collection days are Monday and Thursday; please do not leave bags on the landing.",
    ),
    (
        "QUIET HOURS",
        "The building is home to families and elderly neighbours. Quiet hours are from 10 PM to 8 AM. Parties and events are not allowed, and the number of overnight guests must match the booking. Thank you for helping us stay on good terms with the neighbours.",
    ),
    (
        "PARKING",
        "One parking space (number 4) is reserved for you behind the building. The gate opens with the same code as the front door. Street parking is free after 6 PM and on Sundays; during the day the blue zones are limited to two hours.",
    ),
    (
        "POOL AND GARDEN",
        "The shared pool is open from 9 AM to 8 PM between May and September. Children must be supervised at all times and glass is not allowed near the water. Pool towels are in the basket by the terrace door; please bring them back inside in the evening.",
    ),
    (
        "EMERGENCIES",
        "For fire, police or ambulance call 112. The nearest hospital is ten minutes away by car and the pharmacy on the main square opens until 9 PM. The fuse box is behind the entrance door and the main water valve is under the kitchen sink. A first-aid kit is in the bathroom cabinet.",
    ),
    (
        "CHECK-OUT",
        "Check-out is at 11 AM. Leave used towels on the bathroom floor, empty the fridge, start the dishwasher, close all windows and turn off the lights and air conditioning. Leave the key in the lockbox and make sure the door locks behind you (the light on the lock turns red).",
    ),
    (
        "LOCAL TIPS",
        "Our favourite bakery is two minutes away and opens at 7 AM. The weekly market is on Saturday mornings on the square. For dinner, try the trattoria on the corner or the fish restaurants by the harbour; for a day trip, the coastal path to the lighthouse is a beautiful two-hour walk.",
    ),
];

fn house_manual() -> String {
    let mut s = String::from("Hi {guest},\n\nHere is our complete house manual for your stay.\n");
    for (title, body) in MANUAL {
        s.push_str(&format!("\n{title}\n{body}\n"));
    }
    s.push_str("\nEnjoy your stay!\n{host}");
    s
}

/// A long multi-paragraph guest complaint (English).
pub(crate) const LONG_COMPLAINT: &str = "Hello,\n\nI'm sorry to write such a long message, but I want to explain everything clearly so you understand the situation.\n\nWhen we arrived yesterday evening the apartment had clearly not been cleaned properly. There were crumbs on the kitchen counter, the bins had not been emptied and one of the beds still had used sheets on it. We were exhausted after a twelve-hour journey with two children and had to remake the bed ourselves before we could sleep.\n\nThis morning we also noticed that the shower drains very slowly and the water in the bathroom sink is only lukewarm. The bedroom window does not close completely, so the street noise is very loud and it gets cold at night. We tried the thermostat as described in the manual but nothing changed.\n\nWe chose your place because of the excellent reviews and we were really looking forward to this holiday. I'm sure this is not your usual standard, so I would appreciate it if someone could come today to clean properly and look at the shower, the hot water and the window. We are out between 10 AM and 4 PM if that makes it easier.\n\nIf this cannot be fixed today, I would like to discuss a partial refund for the first night.\n\nThank you for your understanding,\n";

/// Guest names that try to take over the terminal.
pub(crate) const HOSTILE_NAMES: [&str; 3] = [
    "Mallory \u{1b}[2J\u{1b}[31mOwned",
    "\u{202e}Eve Reversed\u{202c}",
    "Trudy\u{9b}31m\u{7f} Null\u{0}byte",
];

/// Guest messages with escape sequences, C1 controls, DEL, NUL and bidi overrides.
pub(crate) const HOSTILE_BODIES: [&str; 3] = [
    "Hi!\u{1b}]0;pwned\u{7} Is breakfast included?\u{1b}[2J\u{1b}[31m",
    "Room key\u{0} lost\u{7f}\u{7f}, please call\r\nme back \u{9b}1;31m now",
    "\u{202e}!kcab em llac esaelP\u{202c} (our phone shows this backwards)",
];

/// Airbnb sends reactions as plain guest text, quoting the message.
pub(crate) fn reaction(guest_first: &str, host: &str, quoted: &str) -> String {
    let flat = quoted.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut quote: String = flat.chars().take(100).collect();
    if quote.len() < flat.len() {
        quote.push('…');
    }
    format!("{guest_first} reacted 👍 to {host}’s message \"{quote}\"")
}
