//! One kill point: a copy of the synced inbox with replies queued in it, an innbox
//! process killed at a chosen moment, fresh processes resuming until the outbox is
//! drained.

use super::pty::Terminal;
use super::rig::Rig;
use innbox::domain::ThreadKey;
use innbox::sim::World;
use innbox::store::{DB_FILE, OutboxEntry, OutboxState, Store};
use jiff::Timestamp;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Safety net for every wait; a wait normally ends within a second or two.
const WAIT: Duration = Duration::from_secs(60);
/// How often a wait looks again: a kill lands within this of its moment.
const POLL: Duration = Duration::from_millis(2);
/// Longer than the outbox's two-minute settle window (README): set back by this, an
/// unknown reply reads as if that time had passed since its outcome became unknown.
const SETTLE_WINDOW_PASSED_MS: i64 = 3 * 60 * 1000;
/// Resuming ends within this many processes, or the outbox is stuck.
const MAX_RESUMES: usize = 5;

/// The moment the first process is killed.
#[derive(Clone, Copy, Debug)]
pub enum Kill {
    /// This long after it started.
    After(Duration),
    /// Once every queued fault has hit: a request they hold has reached the simulator.
    FaultsUsed,
    /// Once the simulator holds the point's reply with this index (in queue order).
    Shown(usize),
}

/// Which process resumes after the kill.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resumer {
    Sync,
    /// The inbox in a terminal, quit with `q` once the outbox is drained.
    Inbox,
}

pub struct Point<'r> {
    rig: &'r Rig,
    pub name: String,
    data: PathBuf,
    store: Store,
    /// In the order they were queued.
    pub replies: Vec<OutboxEntry>,
}

impl<'r> Point<'r> {
    /// A copy of the inbox with `count` replies queued to each thread of `plan`,
    /// interleaved across threads as a user answering several guests would.
    pub fn new(rig: &'r Rig, name: &str, plan: &[(ThreadKey, usize)]) -> Self {
        let data = rig.copy_of_the_inbox(name);
        let mut store = Store::open_in(&data).unwrap();
        let mut replies = Vec::new();
        for round in 1..=plan.iter().map(|(_, count)| *count).max().unwrap_or(0) {
            for (index, (key, _)) in plan.iter().enumerate().filter(|(_, (_, count))| round <= *count) {
                let body = format!("[{name} t{index} #{round}] Check-in is from {} PM.", round + 2);
                replies.push(store.enqueue_reply(key, &body, Timestamp::now()).unwrap());
            }
        }
        Self { rig, name: name.to_owned(), data, store, replies }
    }

    /// Starts `innbox sync`, kills it (SIGKILL) at `kill`, and returns whether it was
    /// still running then.
    pub fn kill_sync(&self, kill: Kill) -> bool {
        let started = Instant::now();
        let mut child = self.rig.innbox(&self.data, "sync").spawn().unwrap();
        let moment_came = || match kill {
            Kill::After(after) => started.elapsed() >= after,
            Kill::FaultsUsed => self.rig.sim.faults_pending() == 0,
            Kill::Shown(index) => self.shown(&self.replies[index].body),
        };
        loop {
            if child.try_wait().unwrap().is_some() {
                return false;
            }
            if moment_came() {
                child.kill().unwrap();
                child.wait().unwrap();
                return true;
            }
            if started.elapsed() > WAIT {
                child.kill().unwrap();
                panic!("{}: {kill:?} never came", self.name);
            }
            std::thread::sleep(POLL);
        }
    }

    /// Runs `innbox sync` to its end and returns how long it took.
    pub fn run_sync(&self) -> Duration {
        let started = Instant::now();
        let mut child = self.rig.innbox(&self.data, "sync").spawn().unwrap();
        child.wait().unwrap();
        started.elapsed()
    }

    /// Resumes with fresh processes until no reply is queued, sending or unknown, or
    /// until `MAX_RESUMES` gave up (the verdict counts what is left as not sent);
    /// returns how many it took. Before every resume but the first, and before the
    /// inbox takes over, the settle window of unknown replies is made to pass.
    pub fn resume_until_drained(&self, resumer: Resumer) -> usize {
        for resumes in 0..MAX_RESUMES {
            let rows = self.outbox();
            if !rows.iter().any(pending) {
                return resumes;
            }
            // The inbox checks unknown replies once and then waits for its next poll,
            // so it takes over only once none is `sending` (left by a killed process).
            let inbox = resumer == Resumer::Inbox && !rows.iter().any(|r| r.state == OutboxState::Sending);
            if resumes > 0 || inbox {
                self.let_the_settle_window_pass();
            }
            if inbox {
                self.run_side_by_side(&[Resumer::Inbox]);
            } else {
                self.run_sync();
            }
        }
        MAX_RESUMES
    }

    /// Starts the `resumers` on the point's store at once and waits for them: each
    /// sync to its end, then the inbox until the outbox is drained.
    pub fn run_side_by_side(&self, resumers: &[Resumer]) {
        let mut inboxes = Vec::new();
        let mut syncs = Vec::new();
        for resumer in resumers {
            match resumer {
                Resumer::Inbox => {
                    inboxes.push(Terminal::spawn(self.rig.inbox_in_a_terminal(&self.data), 40, 140))
                }
                Resumer::Sync => syncs.push(self.rig.innbox(&self.data, "sync").spawn().unwrap()),
            }
        }
        for mut sync in syncs {
            sync.wait().unwrap();
        }
        if inboxes.is_empty() {
            return;
        }
        let started = Instant::now();
        while self.outbox().iter().any(pending) {
            assert!(started.elapsed() < WAIT, "{}: the inbox did not drain {:#?}", self.name, self.outbox());
            std::thread::sleep(POLL * 10);
        }
        for mut inbox in inboxes {
            inbox.type_keys("q");
            let status = inbox.wait_for_exit(WAIT);
            assert!(status.success(), "{}: the inbox exited with {status:?}", self.name);
        }
    }

    /// Stands in for two minutes passing: the outbox's own timestamps move back.
    fn let_the_settle_window_pass(&self) {
        let connection = rusqlite::Connection::open(self.data.join(DB_FILE)).unwrap();
        connection.busy_timeout(WAIT).unwrap();
        connection
            .execute(
                "UPDATE outbox SET updated_at = updated_at - ?1 WHERE state = 'unknown'",
                [SETTLE_WINDOW_PASSED_MS],
            )
            .unwrap();
    }

    pub fn outbox(&self) -> Vec<OutboxEntry> {
        self.replies.iter().map(|r| self.store.outbox_entry(r.id).unwrap()).collect()
    }

    /// Whether the simulator holds `body` in any thread.
    fn shown(&self, body: &str) -> bool {
        let world = self.rig.sim.world();
        world.accounts.iter().flat_map(|a| &a.threads).flat_map(|t| &t.messages).any(|m| m.body == body)
    }

    /// The simulator's ground truth now.
    pub fn world(&self) -> World {
        self.rig.sim.world()
    }
}

fn pending(entry: &OutboxEntry) -> bool {
    matches!(entry.state, OutboxState::Queued | OutboxState::Sending | OutboxState::Unknown)
}
