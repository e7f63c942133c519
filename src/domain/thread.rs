use jiff::Timestamp;
use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::fmt;

/// The four provider APIs innbox speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ProviderKind {
    Calry,
    #[serde(rename = "hostelmate")]
    HostelMate,
    Trellis,
    Booking,
}

impl ProviderKind {
    pub const ALL: [ProviderKind; 4] = [Self::Calry, Self::HostelMate, Self::Trellis, Self::Booking];

    /// The spelling used in config files, the store and export.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Calry => "calry",
            Self::HostelMate => "hostelmate",
            Self::Trellis => "trellis",
            Self::Booking => "booking",
        }
    }

    /// The vendor's own name, for people.
    pub fn display_name(self) -> &'static str {
        match self {
            Self::Calry => "Calry",
            Self::HostelMate => "Hostel Mate",
            Self::Trellis => "Trellis",
            Self::Booking => "Booking.com",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }
}

impl fmt::Display for ProviderKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A provider's spelling of an enum value with case and punctuation gone:
/// `BOOKING_COM` and `booking.com` are both `bookingcom`.
fn squashed(raw: &str) -> String {
    raw.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Identifies a thread across accounts: the account name plus the provider's thread id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ThreadKey {
    pub account: String,
    pub id: String,
}

impl ThreadKey {
    pub fn new(account: impl Into<String>, id: impl Into<String>) -> Self {
        Self { account: account.into(), id: id.into() }
    }
}

impl fmt::Display for ThreadKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.account, self.id)
    }
}

/// Where a conversation happens. The list is open: providers send values outside
/// their documented enums, and those are kept (lowercased) rather than rejected.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Channel {
    Airbnb,
    Booking,
    Vrbo,
    Email,
    Sms,
    Whatsapp,
    Hostelworld,
    Direct,
    Other(String),
}

impl Channel {
    /// Maps any provider's spelling (`AIRBNB`, `BOOKING_COM`, `BOOKINGCOM`, `whatsapp`...)
    /// onto the unified channel. Empty input means the provider did not say.
    pub fn from_wire(raw: &str) -> Option<Self> {
        let raw = super::sanitize::sanitize_line(raw)?;
        let squashed = squashed(&raw);
        Some(match squashed.as_str() {
            "airbnb" => Self::Airbnb,
            "booking" | "bookingcom" => Self::Booking,
            "vrbo" | "homeaway" => Self::Vrbo,
            "email" | "mail" => Self::Email,
            "sms" | "text" => Self::Sms,
            "whatsapp" => Self::Whatsapp,
            "hostelworld" => Self::Hostelworld,
            "direct" => Self::Direct,
            _ => Self::Other(raw.to_lowercase()),
        })
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Airbnb => "airbnb",
            Self::Booking => "booking",
            Self::Vrbo => "vrbo",
            Self::Email => "email",
            Self::Sms => "sms",
            Self::Whatsapp => "whatsapp",
            Self::Hostelworld => "hostelworld",
            Self::Direct => "direct",
            Self::Other(other) => other,
        }
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Guest {
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reservation {
    pub id: String,
    pub check_in: Option<Date>,
    pub check_out: Option<Date>,
    /// None when the provider does not say.
    pub status: Option<ReservationStatus>,
}

/// Where a booking stands. Providers spell it many ways; unknown values are kept
/// (lowercased), as channels are.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ReservationStatus {
    /// A question or a request to book: nothing is booked yet.
    Inquiry,
    /// Booked but waiting on someone: payment, the host's approval.
    Pending,
    /// Booked. A stay that has started or ended is still a confirmed booking.
    Confirmed,
    Cancelled,
    Other(String),
}

impl ReservationStatus {
    pub fn from_wire(raw: &str) -> Option<Self> {
        let raw = super::sanitize::sanitize_line(raw)?;
        let squashed = squashed(&raw);
        Some(match squashed.as_str() {
            "inquiry" | "enquiry" | "requesttobook" | "request" => Self::Inquiry,
            "pending" | "tentative" | "awaitingpayment" | "unconfirmed" | "onhold" => Self::Pending,
            "confirmed" | "booked" | "accepted" | "new" | "modified" | "checkedin" | "checkedout"
            | "inhouse" => Self::Confirmed,
            "cancelled" | "canceled" | "declined" | "expired" | "noshow" | "denied" => Self::Cancelled,
            _ => Self::Other(raw.to_lowercase()),
        })
    }

    pub fn as_str(&self) -> &str {
        match self {
            Self::Inquiry => "inquiry",
            Self::Pending => "pending",
            Self::Confirmed => "confirmed",
            Self::Cancelled => "cancelled",
            Self::Other(other) => other,
        }
    }

    pub fn is_confirmed(&self) -> bool {
        *self == Self::Confirmed
    }
}

impl fmt::Display for ReservationStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether innbox can answer a thread, and if not, what to tell the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReplyAbility {
    Allowed,
    /// Borrowed when it is one of the few fixed reasons: 100k threads then hold no copies.
    Blocked(Cow<'static, str>),
}

impl ReplyAbility {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Self::Allowed)
    }

    pub fn blocked_reason(&self) -> Option<&str> {
        match self {
            Self::Allowed => None,
            Self::Blocked(reason) => Some(reason.as_ref()),
        }
    }
}

/// One guest conversation as innbox models it, whatever provider it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Thread {
    pub account: String,
    pub provider: ProviderKind,
    pub id: String,
    pub channel: Option<Channel>,
    pub guest: Guest,
    pub property_id: Option<String>,
    pub property_name: Option<String>,
    pub reservation: Option<Reservation>,
    /// Email subject where the provider has one; Calry needs it to answer email threads.
    pub subject: Option<String>,
    pub unread: u32,
    pub reply: ReplyAbility,
    pub updated_at: Option<Timestamp>,
}

impl Thread {
    pub fn key(&self) -> ThreadKey {
        ThreadKey::new(self.account.clone(), self.id.clone())
    }

    /// Whether `key` names this thread; no key is built, for scans of 100k threads.
    pub fn is(&self, key: &ThreadKey) -> bool {
        self.account == key.account && self.id == key.id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_spellings_map_to_one_channel() {
        for raw in ["BOOKING", "BOOKING_COM", "BookingCom", "booking.com"] {
            assert_eq!(Channel::from_wire(raw), Some(Channel::Booking), "{raw}");
        }
        assert_eq!(Channel::from_wire("HOSTELWORLD"), Some(Channel::Hostelworld));
        assert_eq!(Channel::from_wire("WHATSAPP"), Some(Channel::Whatsapp));
    }

    #[test]
    fn unknown_channels_are_kept_lowercased() {
        assert_eq!(Channel::from_wire("MESSENGER"), Some(Channel::Other("messenger".into())));
        assert_eq!(Channel::from_wire("  "), None);
        assert_eq!(
            Channel::from_wire("TIKTOK\u{1b}[31m"),
            Some(Channel::Other("tiktok".into())),
            "sanitized"
        );
    }

    #[test]
    fn reservation_statuses_map_to_one_status() {
        for (raw, status) in [
            ("CONFIRMED", ReservationStatus::Confirmed),
            ("checked_out", ReservationStatus::Confirmed),
            ("Request to book", ReservationStatus::Inquiry),
            ("AWAITING_PAYMENT", ReservationStatus::Pending),
            ("canceled", ReservationStatus::Cancelled),
            ("OWNER_HOLD", ReservationStatus::Other("owner_hold".into())),
        ] {
            assert_eq!(ReservationStatus::from_wire(raw), Some(status), "{raw}");
        }
        assert_eq!(ReservationStatus::from_wire(" "), None);
        assert!(ReservationStatus::Confirmed.is_confirmed());
        assert!(!ReservationStatus::Pending.is_confirmed());
    }

    #[test]
    fn provider_kind_round_trips_through_its_config_spelling() {
        for kind in ProviderKind::ALL {
            assert_eq!(ProviderKind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(ProviderKind::parse("airbnb"), None);
    }
}
