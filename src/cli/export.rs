//! `innbox export`: the stored threads as JSON Lines on stdout, in the documented
//! contract. Reads the store only; no network.

use super::Paths;
use crate::domain::{Message, Thread};
use crate::store::Store;
use serde::Serialize;
use std::io::{BufWriter, ErrorKind, Write};
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
    unread: u32,
    can_reply: bool,
    updated_at: Option<String>,
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
    let store = Store::open_in(&paths.data_dir)?;
    if let Some(account) = account {
        let known: Vec<String> = store.account_statuses()?.into_iter().map(|a| a.name).collect();
        if !known.iter().any(|name| name == account) {
            anyhow::bail!(
                "no account named '{account}' in the inbox (known: {}); run `innbox sync` first",
                known.join(", ")
            );
        }
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    match write_lines(&store, account, &mut out).and_then(|()| out.flush().map_err(anyhow::Error::from)) {
        Err(e) if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == ErrorKind::BrokenPipe) => {
            Ok(ExitCode::SUCCESS) // `innbox export | head` closed the pipe: that is fine
        }
        other => other.map(|()| ExitCode::SUCCESS),
    }
}

fn write_lines(store: &Store, account: Option<&str>, out: &mut impl Write) -> anyhow::Result<()> {
    for summary in store.thread_summaries(account)? {
        let messages = store.messages(&summary.thread.key())?;
        let updated_at = summary.thread.updated_at.max(summary.last_message_at);
        // As an io::Error, a closed pipe stays recognisable (see `run`).
        serde_json::to_writer(&mut *out, &thread_line(&summary.thread, updated_at, &messages))
            .map_err(std::io::Error::from)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

fn thread_line<'a>(
    thread: &'a Thread,
    updated_at: Option<jiff::Timestamp>,
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
        unread: thread.unread,
        can_reply: thread.reply.is_allowed(),
        updated_at: updated_at.map(crate::domain::time::format_utc),
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
