//! Checks a reply before it is queued. Blockers stop it (an empty body, a
//! variable left unfilled, a thread that cannot be answered, an SMS longer than
//! the channel takes); warnings ask first (an access code, wifi password or
//! address sent to a reservation that is not confirmed; an SMS of several
//! segments). Pure: the inbox and `innbox send` both ask it.

mod sensitive;
mod sms;

pub use sensitive::{Sensitive, find_sensitive};
pub use sms::{SmsEncoding, SmsLength, sms_length};

use super::placeholders::{is_variable, placeholders};
use super::{Channel, Thread};

/// The longest SMS innbox sends, in segments; carriers and gateways refuse or
/// split longer ones unpredictably.
pub const SMS_MAX_SEGMENTS: usize = 10;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Findings {
    pub blockers: Vec<String>,
    pub warnings: Vec<String>,
}

impl Findings {
    pub fn is_clear(&self) -> bool {
        self.blockers.is_empty() && self.warnings.is_empty()
    }
}

/// Everything worth saying about sending `body` to `thread`.
pub fn check(body: &str, thread: &Thread) -> Findings {
    let mut findings = Findings::default();
    if let Some(reason) = thread.reply.blocked_reason() {
        findings.blockers.push(format!("this thread cannot be answered: {reason}"));
    }
    if body.trim().is_empty() {
        findings.blockers.push("the reply is empty".into());
        return findings;
    }
    findings.blockers.extend(unfilled(body));
    if let Some(why) = not_confirmed(thread) {
        for kind in find_sensitive(body) {
            findings.warnings.push(format!("{} in a reply to {why}", kind.describe()));
        }
    }
    if thread.channel == Some(Channel::Sms) {
        check_sms(body, &mut findings);
    }
    findings
}

/// One blocker per saved-reply variable still in the text.
fn unfilled(body: &str) -> Vec<String> {
    let mut names: Vec<&str> = placeholders(body).map(|(_, name)| name).filter(|n| is_variable(n)).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            format!("{{{name}}} is not filled in (innbox has no value for it here): write it in or remove it")
        })
        .collect()
}

/// Why the thread's reservation does not count as confirmed, or None if it is.
fn not_confirmed(thread: &Thread) -> Option<String> {
    match thread.reservation.as_ref().map(|r| &r.status) {
        None => Some("a thread with no reservation".into()),
        Some(None) => Some("a reservation whose status is unknown".into()),
        Some(Some(status)) if status.is_confirmed() => None,
        Some(Some(status)) => Some(format!("a reservation that is not confirmed ({status})")),
    }
}

fn check_sms(body: &str, findings: &mut Findings) {
    let SmsLength { encoding, segments } = sms_length(body);
    let why = match encoding {
        SmsEncoding::Gsm7 => "",
        SmsEncoding::Ucs2 => {
            ", as it has characters outside the GSM alphabet (accents, emoji, non-Latin scripts)"
        }
    };
    if segments > SMS_MAX_SEGMENTS {
        findings.blockers.push(format!(
            "the SMS is {segments} segments long{why}; the most innbox sends is {SMS_MAX_SEGMENTS}: shorten it"
        ));
    } else if segments > 1 {
        findings.warnings.push(format!("the SMS is {segments} segments long{why}; each is billed"));
    }
}

#[cfg(test)]
pub(crate) mod tests;
