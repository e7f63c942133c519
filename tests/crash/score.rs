//! The harness's score: each point's replies against the simulator's ground truth
//! and the outbox's rows, and the tally over many points.

use super::point::Point;
use innbox::domain::ThreadKey;
use innbox::sim::{Direction, World};
use innbox::store::{OutboxEntry, OutboxState};

/// What went wrong at one point; all empty when every reply arrived once, in order.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Not in its thread when resuming ended.
    pub lost: Vec<String>,
    /// In its thread more than once.
    pub duplicated: Vec<String>,
    /// Threads whose replies arrived in another order than queued.
    pub misordered: Vec<String>,
    /// Rows that did not end `sent`.
    pub not_sent: Vec<OutboxEntry>,
}

impl Verdict {
    /// Judges `replies` (in the order queued) by `world`, and `rows`, their outbox
    /// rows at the end.
    pub fn of(world: &World, replies: &[OutboxEntry], rows: Vec<OutboxEntry>) -> Self {
        let mut verdict = Verdict::default();
        for key in unique(replies.iter().map(|r| &r.key)) {
            let queued: Vec<&str> =
                replies.iter().filter(|r| &r.key == key).map(|r| r.body.as_str()).collect();
            let arrived = arrivals(world, key, &queued);
            for body in &queued {
                match arrived.iter().filter(|b| *b == body).count() {
                    0 => verdict.lost.push(body.to_string()),
                    1 => {}
                    _ => verdict.duplicated.push(body.to_string()),
                }
            }
            let first_arrivals = unique(arrived.iter().copied());
            let in_queue_order: Vec<&str> =
                queued.iter().copied().filter(|b| first_arrivals.contains(b)).collect();
            if first_arrivals != in_queue_order {
                verdict.misordered.push(format!("{key}: queued {queued:?}, arrived {arrived:?}"));
            }
        }
        verdict.not_sent = rows.into_iter().filter(|r| r.state != OutboxState::Sent).collect();
        verdict
    }

    fn is_clean(&self) -> bool {
        self.lost.is_empty()
            && self.duplicated.is_empty()
            && self.misordered.is_empty()
            && self.not_sent.is_empty()
    }
}

/// The messages of thread `key` sent as one of `bodies`, oldest first.
fn arrivals<'w>(world: &'w World, key: &ThreadKey, bodies: &[&str]) -> Vec<&'w str> {
    let thread = world
        .accounts
        .iter()
        .find(|a| a.name == key.account)
        .and_then(|a| a.threads.iter().find(|t| t.id == key.id))
        .expect("the thread is in the simulator");
    thread
        .messages
        .iter()
        .filter(|m| m.direction == Direction::Outbound && bodies.contains(&m.body.as_str()))
        .map(|m| m.body.as_str())
        .collect()
}

/// `items` without repeats, each where it first came.
fn unique<T: PartialEq>(items: impl IntoIterator<Item = T>) -> Vec<T> {
    let mut seen = Vec::new();
    for item in items {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen
}

#[derive(Default)]
pub struct Tally {
    points: usize,
    replies: usize,
    /// Kills that hit a running process (the others came after it had finished).
    killed_running: usize,
    /// Replies that a kill left `sending`: their request may or may not have left.
    sending_at_kill: usize,
    /// Replies sent more than once by innbox: each time, the provider had not stored
    /// the earlier attempt (or the thread would show a duplicate).
    attempted_again: usize,
    resumes: usize,
    lost: usize,
    duplicated: usize,
    misordered: usize,
    not_sent: usize,
    problems: Vec<String>,
}

impl Tally {
    /// Scores `point` once drained. `at_kill` is its outbox right after the kill.
    pub fn record(&mut self, point: &Point, killed_running: bool, at_kill: &[OutboxEntry], resumes: usize) {
        let rows = point.outbox();
        self.attempted_again += rows.iter().filter(|r| r.attempts > 1).count();
        let verdict = Verdict::of(&point.world(), &point.replies, rows);
        if !verdict.is_clean() {
            self.problems.push(format!("{}: {verdict:#?}", point.name));
        }
        let Verdict { lost, duplicated, misordered, not_sent } = verdict;
        self.points += 1;
        self.replies += point.replies.len();
        self.killed_running += usize::from(killed_running);
        self.sending_at_kill += at_kill.iter().filter(|r| r.state == OutboxState::Sending).count();
        self.resumes += resumes;
        self.lost += lost.len();
        self.duplicated += duplicated.len();
        self.misordered += misordered.len();
        self.not_sent += not_sent.len();
    }

    /// Prints the score (`--nocapture` shows it) and fails on any lost, duplicated,
    /// misordered or unsent reply.
    pub fn assert_clean(&self, what: &str) {
        eprintln!(
            "{what}: {} points, {} killed a running process ({} replies left sending, {} attempted again), \
             {} replies, {} resuming processes: {} lost, {} duplicated, {} out of order, {} not ending sent",
            self.points,
            self.killed_running,
            self.sending_at_kill,
            self.attempted_again,
            self.replies,
            self.resumes,
            self.lost,
            self.duplicated,
            self.misordered,
            self.not_sent
        );
        assert!(self.problems.is_empty(), "{what}:\n{}", self.problems.join("\n"));
    }
}
