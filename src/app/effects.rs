//! Carries out `Effect`s away from the UI task and answers with `Msg`s. Reads run
//! freely; writes (drafts, replies, read marks) go through one ordered writer, so
//! a draft saved while typing can never land after the reply that consumed it.

use super::triage_writes::{self, Retriage};
use super::{Effect, LoadedThread, LoopEffect, Msg};
use crate::domain::{Tag, TagWish, ThreadKey};
use crate::store::{INDEX_CHUNK, SharedStore, Store, StoreError};
use crate::sync::{SyncEngine, SyncEvent, queue_reply};
use jiff::Timestamp;
use std::sync::Arc;
use tokio::sync::mpsc::error::TryRecvError;
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};
use tokio::sync::oneshot;

pub struct Executor {
    store: SharedStore,
    msgs: UnboundedSender<Msg>,
    writes: UnboundedSender<Write>,
    writer: tokio::task::JoinHandle<()>,
}

/// Enough threads for the first screens of the tallest terminal, and a few page-downs.
const FIRST_SCREEN_THREADS: usize = 200;

/// The effects that change the store, applied one after another.
enum Write {
    SaveDraft {
        key: ThreadKey,
        body: String,
    },
    QueueReply {
        key: ThreadKey,
        body: String,
    },
    RetryReply {
        id: i64,
        account: String,
    },
    MarkRead(ThreadKey),
    SetNoReplyNeeded {
        key: ThreadKey,
        on: bool,
    },
    SetSameGuest {
        thread: ThreadKey,
        other: ThreadKey,
        same: bool,
    },
    Snooze {
        key: ThreadKey,
        until: Option<Timestamp>,
    },
    SetDone {
        key: ThreadKey,
        done: bool,
    },
    /// Triages again, between the other writes, what other rules triaged.
    Retriage,
    /// Makes searchable what an interrupted sync wrote, between the other writes.
    IndexBacklog,
    Barrier(oneshot::Sender<()>), // answered once every write before it has landed
}

impl Executor {
    pub fn new(store: SharedStore, engine: Arc<SyncEngine>, msgs: UnboundedSender<Msg>) -> Self {
        let (writes, queue) = unbounded_channel();
        let writer = tokio::spawn(write_in_order(queue, store.clone(), engine, msgs.clone()));
        Self { store, msgs, writes, writer }
    }

    /// Waits until every write asked for so far has landed.
    pub async fn finish(self) {
        drop(self.writes);
        let _ = self.writer.await;
    }

    /// Waits until every write asked for so far has landed, and goes on taking writes.
    pub async fn writes_landed(&self) {
        let (landed, wait) = oneshot::channel();
        if self.writes.send(Write::Barrier(landed)).is_ok() {
            let _ = wait.await;
        }
    }

    /// What the first frame needs: the cached inbox, drafts, account states, the outbox.
    pub fn load_initial(&self) {
        // A screenful first: at 100k threads the whole list takes a few hundred ms.
        self.read(
            |s| s.inbox_threads(Some(FIRST_SCREEN_THREADS)),
            Msg::FirstThreadsLoaded,
            "the thread list",
        );
        self.run(Effect::LoadThreads);
        self.run(Effect::CountOutbox);
        self.write(Write::Retriage);
        self.write(Write::IndexBacklog);
        self.read(|s| s.drafts(), Msg::DraftsLoaded, "the drafts");
        self.read(|s| s.account_statuses(), Msg::AccountsLoaded, "the accounts' sync state");
    }

    /// Carries out `effect`, or hands it back if it is the run loop's own.
    pub fn run(&self, effect: Effect) -> Option<LoopEffect> {
        match effect {
            Effect::LoadThreads => {
                self.read(|s| s.inbox_threads(None), Msg::ThreadsLoaded, "the thread list")
            }
            Effect::LoadChangedThreads(keys) => self.read(
                move |s| s.inbox_threads_by_key(&keys),
                Msg::ThreadsRefreshed,
                "the changed threads",
            ),
            Effect::LoadThread(key) => self.read(
                move |s| load_thread(s, &key),
                |loaded| Msg::ThreadLoaded(Box::new(loaded)),
                "the thread",
            ),
            Effect::Search(query) => {
                let matches_of = query.clone();
                self.read(
                    move |s| s.search(&matches_of),
                    move |matches| Msg::SearchResult { query, matches },
                    "search",
                )
            }
            Effect::CountOutbox => self.read(|s| s.undelivered_count(), Msg::OutboxCount, "the outbox"),
            Effect::LoadTemplates(dir) => {
                let msgs = self.msgs.clone();
                tokio::spawn(async move {
                    let _ = msgs
                        .send(Msg::TemplatesLoaded(crate::replies::Templates::load_off_thread(dir).await));
                });
            }
            Effect::FindSameGuest(key) => {
                let of = key.clone();
                self.read(
                    move |s| s.same_guest(&of),
                    move |matches| Msg::SameGuest { key, matches },
                    "the guest's other threads",
                )
            }
            Effect::SetSameGuest { thread, other, same } => {
                self.write(Write::SetSameGuest { thread, other, same })
            }
            Effect::SaveDraft { key, body } => self.write(Write::SaveDraft { key, body }),
            Effect::QueueReply { key, body } => self.write(Write::QueueReply { key, body }),
            Effect::RetryReply { id, account } => self.write(Write::RetryReply { id, account }),
            Effect::MarkRead(key) => self.write(Write::MarkRead(key)),
            Effect::OpenLinks(links) => self.open_links(links),
            Effect::Snooze { key, until } => self.write(Write::Snooze { key, until }),
            Effect::SetDone { key, done } => {
                self.write(Write::SetDone { key: key.clone(), done });
                self.write(Write::SetNoReplyNeeded { key, on: done });
            }
            Effect::Loop(own) => return Some(own),
        }
        None
    }

    /// Starts the browser on each link, off the UI task.
    fn open_links(&self, links: Vec<String>) {
        let msgs = self.msgs.clone();
        let report = move |reason| drop(msgs.send(Msg::Failed(reason)));
        tokio::task::spawn_blocking(move || super::browser::open_all(&links, report));
    }

    fn write(&self, write: Write) {
        // The writer lives as long as the app; a send fails only while quitting.
        let _ = self.writes.send(write);
    }

    fn read<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
        to_msg: impl FnOnce(T) -> Msg + Send + 'static,
        what: &'static str,
    ) {
        let (store, msgs) = (self.store.clone(), self.msgs.clone());
        tokio::spawn(async move {
            let msg = match store.run(work).await {
                Ok(value) => to_msg(value),
                Err(e) => Msg::Failed(format!("Could not load {what}: {e}")),
            };
            let _ = msgs.send(msg);
        });
    }
}

fn load_thread(store: &mut Store, key: &ThreadKey) -> Result<LoadedThread, StoreError> {
    Ok(LoadedThread {
        thread: store.thread(key)?,
        messages: store.messages(key)?,
        replies: store.pending_replies(key)?,
    })
}

async fn write_in_order(
    mut queue: UnboundedReceiver<Write>,
    store: SharedStore,
    engine: Arc<SyncEngine>,
    msgs: UnboundedSender<Msg>,
) {
    let mut indexing = false;
    let mut retriage = Retriage::default();
    loop {
        // Background work goes on a chunk at a time only while no other write waits.
        let write = if indexing || retriage.running {
            match queue.try_recv() {
                Ok(write) => write,
                Err(TryRecvError::Empty) if retriage.running => {
                    retriage.chunk(&store, &msgs).await;
                    continue;
                }
                Err(TryRecvError::Empty) => {
                    indexing = index_chunk(&store, &msgs).await;
                    continue;
                }
                Err(TryRecvError::Disconnected) => break,
            }
        } else {
            match queue.recv().await {
                Some(write) => write,
                None => break,
            }
        };
        let msg = match write {
            Write::SaveDraft { key, body } => store
                .run(move |s| s.save_draft(&key, &body, Timestamp::now()))
                .await
                .err()
                .map(|e| Msg::Failed(format!("Could not save the draft: {e}"))),
            Write::MarkRead(key) => {
                queue_tag(&store, &engine, key, "mark read", |s, key, now| {
                    s.mark_read(key)?;
                    s.queue_read_mark(key, now)
                })
                .await
            }
            Write::SetNoReplyNeeded { key, on } => {
                let wish = TagWish { tag: Tag::NoReplyNeeded, on, up_to: None };
                queue_tag(&store, &engine, key, "mark the thread", move |s, key, now| {
                    s.queue_tag(key, wish, now)
                })
                .await
            }
            // Answered with the matches as stored now, after any lookup already on its way.
            Write::SetSameGuest { thread, other, same } => Some(
                match store
                    .run(move |s| {
                        s.set_same_guest(&thread, &other, same)?;
                        Ok(Msg::SameGuest { matches: s.same_guest(&thread)?, key: thread })
                    })
                    .await
                {
                    Ok(msg) => msg,
                    Err(e) => Msg::Failed(format!("Could not record whether the guests are the same: {e}")),
                },
            ),
            Write::QueueReply { key, body } => Some(match queue_reply(&store, key.clone(), &body).await {
                Ok(entry) => {
                    let draft_key = key.clone();
                    if let Err(e) = store.run(move |s| s.delete_draft(&draft_key)).await {
                        tracing::warn!("cannot delete the draft of {key}: {e}");
                    }
                    wake(&engine, &key.account);
                    Msg::ReplyQueued(entry)
                }
                Err(e) => Msg::ReplyRejected { key, body, reason: e.to_string() },
            }),
            Write::IndexBacklog => {
                indexing = true;
                None
            }
            Write::Snooze { key, until } => triage_writes::snooze(&store, key, until).await,
            Write::SetDone { key, done } => triage_writes::set_done(&store, key, done).await,
            Write::Retriage => {
                retriage.running = true;
                None
            }
            Write::Barrier(landed) => {
                let _ = landed.send(());
                None
            }
            Write::RetryReply { id, account } => {
                match store.run(move |s| s.retry_reply(id, Timestamp::now())).await {
                    Ok(Some(entry)) => {
                        wake(&engine, &account);
                        Some(Msg::Sync(SyncEvent::Outbox(entry)))
                    }
                    Ok(None) => None,
                    Err(e) => Some(Msg::Failed(format!("Could not retry the reply: {e}"))),
                }
            }
        };
        if let Some(msg) = msg {
            let _ = msgs.send(msg);
        }
    }
}

/// Indexes one chunk of the search backlog; whether there may be more.
async fn index_chunk(store: &SharedStore, msgs: &UnboundedSender<Msg>) -> bool {
    match store.run(|s| s.index_backlog(INDEX_CHUNK)).await {
        Ok(indexed) => indexed > 0,
        Err(e) => {
            let _ = msgs.send(Msg::Failed(format!("Could not make new messages searchable: {e}")));
            false
        }
    }
}

/// Commits a tag change with `queue` (whether the provider is to be told) and
/// wakes the worker that tells it.
async fn queue_tag(
    store: &SharedStore,
    engine: &SyncEngine,
    key: ThreadKey,
    what: &str,
    queue: impl FnOnce(&mut Store, &ThreadKey, Timestamp) -> Result<bool, StoreError> + Send + 'static,
) -> Option<Msg> {
    let account = key.account.clone();
    match store.run(move |s| queue(s, &key, Timestamp::now())).await {
        Ok(queued) => {
            if queued {
                wake(engine, &account);
            }
            None
        }
        Err(e) => Some(Msg::Failed(format!("Could not {what}: {e}"))),
    }
}

fn wake(engine: &SyncEngine, account: &str) {
    if let Some(worker) = engine.worker(account) {
        worker.wake();
    }
}
