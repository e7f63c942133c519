//! `innbox export`: the stored threads as JSON Lines on stdout, in the documented
//! contract, with each thread's triage. Reads the store only; no network.

use super::Paths;
use crate::domain::triage::{Triage, TriageRules};
use crate::domain::{Message, Thread};
use crate::store::Store;
use jiff::Timestamp;
use serde::Serialize;
use std::io::Write;
use std::process::ExitCode;

#[derive(Serialize)]
struct ThreadLine<'a> {
    account: &'a str,
    provider: &'a str,
    id: &'a str,
    channel: Option<&'a str>,
    guest: GuestLine<'a>,
    property_id: Option<&'a str>,
    reservation_id: Option<&'a str>,
    check_in: Option<String>,
    check_out: Option<String>,
    reservation_status: Option<&'a str>,
    unread: u32,
    can_reply: bool,
    updated_at: Option<String>,
    needs_reply: bool,
    urgent: bool,
    waiting_since: Option<String>,
    messages: Vec<MessageLine<'a>>,
}

#[derive(Serialize)]
struct GuestLine<'a> {
    name: Option<&'a str>,
    email: Option<&'a str>,
    phone: Option<&'a str>,
}

#[derive(Serialize)]
struct MessageLine<'a> {
    id: &'a str,
    direction: &'a str,
    sender: Option<&'a str>,
    body: &'a str,
    sent_at: Option<String>,
    status: Option<&'a str>,
    automatic: Option<bool>,
    kind: Option<&'a str>,
    attachments: &'a [crate::domain::Attachment],
}

pub fn run(paths: &Paths, account: Option<&str>) -> anyhow::Result<ExitCode> {
    let rules = super::load_triage(paths)?;
    let store = Store::open_in(&paths.data_dir)?;
    super::require_known_account(&store, account)?;
    // One snapshot: a sync writing meanwhile cannot tear the export.
    super::write_stdout(|out| store.read_snapshot(|store| write_lines(store, &rules, account, out)))
}

fn write_lines(
    store: &Store,
    rules: &TriageRules,
    account: Option<&str>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let local_replies = store.local_replies(account)?;
    let now = Timestamp::now();
    for summary in store.thread_summaries(account)? {
        let thread = &summary.thread;
        let messages = store.messages(&thread.key())?;
        let local_reply = local_replies.get(&thread.key()).copied();
        let triage = rules.assess(thread.channel.as_ref(), &messages, local_reply, now);
        let updated_at = thread.updated_at.max(summary.last_message_at);
        // As an io::Error, a closed pipe stays recognisable (see `write_stdout`).
        serde_json::to_writer(&mut *out, &thread_line(thread, updated_at, &triage, &messages))
            .map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn thread_line<'a>(
    thread: &'a Thread,
    updated_at: Option<Timestamp>,
    triage: &Triage,
    messages: &'a [Message],
) -> ThreadLine<'a> {
    let reservation = thread.reservation.as_ref();
    ThreadLine {
        account: &thread.account,
        provider: thread.provider.as_str(),
        id: &thread.id,
        channel: thread.channel.as_ref().map(|c| c.as_str()),
        guest: GuestLine {
            name: thread.guest.name.as_deref(),
            email: thread.guest.email.as_deref(),
            phone: thread.guest.phone.as_deref(),
        },
        property_id: thread.property_id.as_deref(),
        reservation_id: reservation.map(|r| r.id.as_str()),
        check_in: reservation.and_then(|r| r.check_in).map(|d| d.to_string()),
        check_out: reservation.and_then(|r| r.check_out).map(|d| d.to_string()),
        reservation_status: reservation.and_then(|r| r.status.as_ref()).map(|s| s.as_str()),
        unread: thread.unread,
        can_reply: thread.reply.is_allowed(),
        updated_at: updated_at.map(crate::domain::time::format_utc),
        needs_reply: triage.needs_reply,
        urgent: triage.is_urgent(),
        waiting_since: triage.waiting_since.map(crate::domain::time::format_utc),
        messages: messages
            .iter()
            .map(|m| MessageLine {
                id: &m.id,
                direction: m.direction.as_str(),
                sender: m.sender.as_deref(),
                body: &m.body,
                sent_at: m.sent_at.map(crate::domain::time::format_utc),
                status: m.status.as_deref(),
                automatic: m.automatic,
                kind: m.kind.as_deref(),
                attachments: &m.attachments,
            })
            .collect(),
    }
}
