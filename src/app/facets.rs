//! `:filter key=value …`: narrows the list by account, channel, property and stay
//! phase. Different facets must all match; a facet given twice matches either
//! value. Matching a thread allocates nothing: it runs over 100k threads on every
//! refilter.

use super::effect::Effect;
use super::state::AppState;
use crate::domain::stay::{StayPhase, stay_phase};
use crate::domain::{Channel, Thread};
use jiff::civil::Date;
use std::collections::BTreeSet;

/// The facet names, as `:filter` takes and completes them.
const NAMES: [&str; 4] = ["account", "channel", "property", "phase"];

/// The facets in force; empty lets every thread through.
#[derive(Debug, Default, Clone)]
pub struct Facets {
    /// Lowercased, matched as substrings.
    accounts: Vec<String>,
    properties: Vec<String>,
    channels: Vec<Channel>,
    phases: Vec<StayPhase>,
    /// As the list pane shows them: "channel=airbnb · property=palm".
    label: String,
}

impl Facets {
    /// Parses `:filter`'s arguments: `name=value` each, or nothing / `clear`.
    pub fn parse(args: &[String]) -> Result<Self, String> {
        let mut facets = Self::default();
        if matches!(args, [only] if only == "clear") {
            return Ok(facets);
        }
        // "channel=airbnb,sms · account=lake": each facet once, in the order typed.
        let mut shown: Vec<(String, Vec<&str>)> = Vec::new();
        for arg in args {
            let Some((name, value)) = arg.split_once('=') else {
                return Err(format!("`{arg}` is not a filter; write name=value, e.g. channel=airbnb"));
            };
            let (name, value) = (name.trim().to_lowercase(), value.trim());
            if value.is_empty() {
                return Err(format!("`{name}=` needs a value, e.g. {name}={}", example(&name)));
            }
            match name.as_str() {
                "account" => facets.accounts.push(value.to_lowercase()),
                "property" => facets.properties.push(value.to_lowercase()),
                // Any provider spelling: Airbnb, booking.com, WhatsApp.
                "channel" => facets.channels.push(
                    Channel::from_wire(value).ok_or_else(|| format!("`channel={value}` names no channel"))?,
                ),
                "phase" => facets.phases.push(StayPhase::parse(&value.to_lowercase()).ok_or_else(|| {
                    let phases: Vec<_> = StayPhase::ALL.iter().map(|p| p.as_str()).collect();
                    format!("unknown phase `{value}`; phases are {}", phases.join(", "))
                })?),
                _ => return Err(format!("unknown filter `{name}=`; filters are {}", NAMES.join(", "))),
            }
            match shown.iter_mut().find(|(shown, _)| *shown == name) {
                Some((_, values)) => values.push(value),
                None => shown.push((name, vec![value])),
            }
        }
        let shown: Vec<_> =
            shown.iter().map(|(name, values)| format!("{name}={}", values.join(","))).collect();
        facets.label = shown.join(" · ");
        Ok(facets)
    }

    pub fn is_empty(&self) -> bool {
        self.label.is_empty()
    }

    /// The facets as typed, for the list pane; empty when none.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Whether `thread` passes, with stays placed on `today` (the user's date).
    pub fn admits(&self, thread: &Thread, today: Date) -> bool {
        let any = |needles: &[String], fields: &[Option<&str>]| {
            needles.is_empty()
                || needles
                    .iter()
                    .any(|needle| fields.iter().flatten().any(|field| contains_folded(field, needle)))
        };
        // Cheapest first: the text comparisons run only on threads the others let by.
        (self.channels.is_empty() || thread.channel.as_ref().is_some_and(|c| self.channels.contains(c)))
            && (self.phases.is_empty()
                || stay_phase(thread.reservation.as_ref(), today).is_some_and(|p| self.phases.contains(&p)))
            && any(&self.accounts, &[Some(&thread.account)])
            && any(&self.properties, &[thread.property_name.as_deref(), thread.property_id.as_deref()])
    }
}

fn example(name: &str) -> &'static str {
    match name {
        "channel" => "airbnb",
        "account" => "lakeside",
        "phase" => "in-house",
        _ => "palm",
    }
}

/// Whether `field` holds `needle` (already lowercase), ignoring case, without
/// allocating: the `/` filter's name match uses it too, on every thread per keystroke.
pub(super) fn contains_folded(field: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if needle.is_ascii() {
        let needle = needle.as_bytes();
        return field.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle));
    }
    field.char_indices().any(|(start, _)| {
        let mut rest = field[start..].chars().flat_map(char::to_lowercase);
        needle.chars().all(|n| rest.next() == Some(n))
    })
}

impl AppState {
    /// Today in the user's time zone, where stay phases are told.
    pub(super) fn today(&self) -> Date {
        self.now.to_zoned(self.time_zone.clone()).date()
    }
}

/// `:filter`: replaces the facets in force and filters the list again.
pub(super) fn run(state: &mut AppState, args: &[String], effects: &mut Vec<Effect>) -> Result<(), String> {
    state.facets = Facets::parse(args)?;
    state.refilter(effects);
    Ok(())
}

/// Candidates for `word`, the argument being typed: facet names, then values from
/// the loaded threads.
pub(super) fn complete(state: &AppState, _before: &[String], word: &str) -> Vec<String> {
    let Some((name, value)) = word.split_once('=') else {
        let word = word.to_lowercase();
        return NAMES
            .iter()
            .chain(&["clear"])
            .filter(|n| n.starts_with(&word))
            .map(|n| facet_word(n))
            .collect();
    };
    let value = value.to_lowercase();
    let mut values = BTreeSet::new();
    let mut offer = |candidate: &str| {
        if contains_folded(candidate, &value) && !values.contains(candidate) {
            values.insert(candidate.to_owned());
        }
    };
    match name.to_lowercase().as_str() {
        "account" => state.accounts().iter().for_each(|a| offer(&a.name)),
        "channel" => {
            state.threads.iter().filter_map(|s| s.thread.channel.as_ref()).for_each(|c| offer(c.as_str()))
        }
        "property" => state
            .threads
            .iter()
            .filter_map(|s| s.thread.property_name.as_deref().or(s.thread.property_id.as_deref()))
            .for_each(offer),
        "phase" => StayPhase::ALL.iter().for_each(|p| offer(p.as_str())),
        _ => {}
    }
    values.into_iter().map(|v| format!("{name}={}", quoted(&v))).collect()
}

fn facet_word(name: &str) -> String {
    if name == "clear" { name.to_owned() } else { format!("{name}=") }
}

/// A value with spaces is quoted, so the command line reads it as one argument.
fn quoted(value: &str) -> String {
    if value.contains(char::is_whitespace) { format!("\"{value}\"") } else { value.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{Guest, ProviderKind, ReplyAbility};

    fn thread(
        account: &str,
        channel: &str,
        property_name: Option<&str>,
        property_id: Option<&str>,
    ) -> Thread {
        Thread {
            account: account.into(),
            provider: ProviderKind::Booking,
            id: "1".into(),
            channel: Channel::from_wire(channel),
            guest: Guest::default(),
            property_id: property_id.map(Into::into),
            property_name: property_name.map(Into::into),
            reservation: None,
            subject: None,
            unread: 0,
            reply: ReplyAbility::Allowed,
            updated_at: None,
        }
    }

    fn facets(args: &[&str]) -> Facets {
        Facets::parse(&args.iter().map(|a| (*a).to_owned()).collect::<Vec<_>>()).unwrap()
    }

    fn admits(args: &[&str], thread: &Thread) -> bool {
        facets(args).admits(thread, "2026-11-21".parse().unwrap())
    }

    #[test]
    fn property_matches_name_or_id_ignoring_case_in_any_script() {
        let chateau = thread("Alps", "booking", Some("CHÂTEAU Blanc"), Some("8011234"));
        assert!(admits(&["property=château"], &chateau));
        assert!(admits(&["property=801123"], &chateau));
        assert!(!admits(&["property=chalet"], &chateau));
        assert!(admits(&["property=ÂTEAU b"], &chateau), "a non-ASCII needle folds too");
        assert!(!admits(&["property=x"], &thread("Alps", "booking", None, None)));
    }

    #[test]
    fn channels_take_any_provider_spelling_and_accounts_match_in_part() {
        let airbnb = thread("Lakeside Rentals", "AIRBNB", None, None);
        assert!(admits(&["channel=Airbnb"], &airbnb));
        assert!(!admits(&["channel=air"], &airbnb), "a channel is named whole");
        assert!(admits(&["account=SIDE"], &airbnb));
        assert!(!admits(&["account=side", "channel=sms"], &airbnb));
        assert!(admits(&["channel=sms", "channel=airbnb"], &airbnb));
        assert!(admits(&[], &airbnb) && facets(&["clear"]).is_empty());
    }

    #[test]
    fn phases_are_told_on_today() {
        let mut stay = thread("Lakeside Rentals", "airbnb", None, None);
        assert!(admits(&["phase=inquiry"], &stay), "no reservation: an inquiry");
        stay.reservation = Some(crate::domain::Reservation {
            id: "r".into(),
            check_in: "2026-11-20".parse().ok(),
            check_out: "2026-11-22".parse().ok(),
            status: None,
        });
        assert!(admits(&["phase=In-House"], &stay));
        assert!(admits(&["phase=upcoming", "phase=in-house"], &stay));
        assert!(!admits(&["phase=upcoming"], &stay));
        assert!(!admits(&["phase=checked-out", "channel=airbnb"], &stay));
        let err = Facets::parse(&["phase=later".to_owned()]).unwrap_err();
        assert_eq!(err, "unknown phase `later`; phases are inquiry, upcoming, in-house, checked-out");
    }
}
