//! What each provider's API lets innbox do with a thread beyond reading it, from
//! the vendors' documentation (shared/PROVIDERS.md, "Capabilities at a glance").
//! Replying depends on the thread too: see `Thread::reply`.

use super::ProviderKind;

/// One thing a provider may allow, and whether it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capability {
    pub what: &'static str,
    pub allowed: bool,
}

/// Besides replying: marking read, tagging "no reply needed", and reading the
/// thread's status or assignee.
pub fn capabilities(provider: ProviderKind) -> [Capability; 3] {
    let booking = provider == ProviderKind::Booking;
    let status = matches!(provider, ProviderKind::HostelMate | ProviderKind::Trellis);
    [
        Capability { what: "mark read", allowed: booking },
        Capability { what: "no-reply tag", allowed: booking },
        Capability { what: "status (read)", allowed: status },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_booking_com_marks_read_and_tags() {
        let allowed = |provider, what| capabilities(provider).iter().any(|c| c.what == what && c.allowed);
        assert!(allowed(ProviderKind::Booking, "mark read"));
        assert!(!allowed(ProviderKind::Calry, "mark read"));
        assert!(!allowed(ProviderKind::Trellis, "no-reply tag"));
        assert!(allowed(ProviderKind::Trellis, "status (read)"));
        assert!(!allowed(ProviderKind::Booking, "status (read)"));
    }
}
