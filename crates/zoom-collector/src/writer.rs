//! The store's run writer on its own thread: SQLite is synchronous, the fetch is not. Records
//! cross a bounded channel, so a slow disk slows the fetch instead of filling memory.

use std::path::{Path, PathBuf};

use inventory_model::Record;
use inventory_store::{EncodedRecord, RequestTally, RunEnd, RunInfo, RunIssue, RunStart, Store};
use jiff::Timestamp;
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

use crate::FetchError;

/// Records buffered between the fetch and the database.
const CHANNEL_CAPACITY: usize = 1024;

enum Message {
    Put(Box<EncodedRecord>),
    Issue(RunIssue),
    /// What the next run starts from: see `inventory_store::RunWriter::set_cursor` and the
    /// methods beside it. Committed with the run, like the records.
    Keep(Keep),
    Finish(RunEnd),
    Abandon,
}

/// What a run keeps for the next one (the account is the sink's).
pub(crate) enum Keep {
    Cursor {
        source: String,
        position: String,
    },
    Detail {
        item: String,
        list_hash: String,
        read_at: Timestamp,
        detail: Option<String>,
    },
    MeetingRead {
        uuid: String,
        start_time: Timestamp,
    },
    ForgetMeetingsBefore(Timestamp),
    Requests(RequestTally),
}

/// Handle to the open run. Dropping it without [`RunSink::finish`] rolls the run back.
pub(crate) struct RunSink {
    sender: mpsc::Sender<Message>,
    thread: JoinHandle<Result<Option<RunInfo>, inventory_store::Error>>,
    path: PathBuf,
    run_id: i64,
}

/// Opens (creating or migrating) the database and closes it again, so that a path that cannot
/// hold an inventory is reported before any request is made.
pub(crate) async fn check_database(path: &Path) -> Result<(), FetchError> {
    let db_path = path.to_owned();
    tokio::task::spawn_blocking(move || Store::open(&db_path).map(drop))
        .await
        .map_err(|_| FetchError::WriterGone)?
        .map_err(|source| FetchError::Store {
            path: path.to_owned(),
            source,
        })
}

/// Deletes the database at `path` if it holds no run: a fetch that created it and failed
/// before storing anything leaves nothing behind. Best effort: the fetch's own error is the one
/// to report.
pub(crate) async fn discard_if_unused(path: &Path) {
    let db_path = path.to_owned();
    let discarded = tokio::task::spawn_blocking(move || {
        Store::open(&db_path).and_then(Store::discard_if_unused)
    })
    .await;
    match discarded {
        Ok(Ok(true)) => tracing::debug!(path = %path.display(), "deleted the unused database"),
        Ok(Ok(false)) => {}
        Ok(Err(error)) => tracing::warn!(
            path = %path.display(),
            "could not delete the database this failed fetch created: {error}"
        ),
        Err(_) => tracing::warn!(path = %path.display(), "could not delete the unused database"),
    }
}

impl RunSink {
    /// Opens the database and the run; fails at once if another fetch is writing.
    pub(crate) async fn open(
        path: &Path,
        start: RunStart,
        account_id: String,
    ) -> Result<RunSink, FetchError> {
        let (sender, mut receiver) = mpsc::channel::<Message>(CHANNEL_CAPACITY);
        let (ready_tx, ready_rx) = oneshot::channel();
        let db_path = path.to_owned();
        let thread = tokio::task::spawn_blocking(move || {
            let mut store = match Store::open(&db_path) {
                Ok(store) => store,
                Err(error) => {
                    let _ = ready_tx.send(Err(error));
                    return Ok(None);
                }
            };
            let mut run = match store.begin_run(start) {
                Ok(run) => run,
                Err(error) => {
                    let _ = ready_tx.send(Err(error));
                    return Ok(None);
                }
            };
            let _ = ready_tx.send(Ok(run.run_id()));
            // Whatever is waiting, at once: a full channel then frees all its room with one
            // wake-up of the fetch, not one per record.
            let mut batch = Vec::with_capacity(CHANNEL_CAPACITY);
            while receiver.blocking_recv_many(&mut batch, CHANNEL_CAPACITY) > 0 {
                for message in batch.drain(..) {
                    match message {
                        Message::Put(record) => run.put_encoded(&record)?,
                        Message::Issue(issue) => run.record_issue(&issue)?,
                        Message::Keep(keep) => keep_for_next_run(&mut run, &account_id, keep)?,
                        Message::Finish(end) => return run.finish(end).map(Some),
                        Message::Abandon => return run.abandon().map(|()| None),
                    }
                }
            }
            // The fetch went away without finishing: dropping `run` rolls it back.
            Ok(None)
        });
        let store_error = |source| FetchError::Store {
            path: path.to_owned(),
            source,
        };
        let run_id = ready_rx
            .await
            .map_err(|_| FetchError::WriterGone)?
            .map_err(store_error)?;
        Ok(RunSink {
            sender,
            thread,
            path: path.to_owned(),
            run_id,
        })
    }

    pub(crate) fn run_id(&self) -> i64 {
        self.run_id
    }

    /// A cheap handle for concurrent sources.
    pub(crate) fn handle(&self) -> SinkHandle {
        SinkHandle {
            sender: self.sender.clone(),
        }
    }

    /// Commits the run.
    pub(crate) async fn finish(self, end: RunEnd) -> Result<RunInfo, FetchError> {
        self.close(Message::Finish(end))
            .await?
            .ok_or(FetchError::WriterGone)
    }

    /// Rolls the run back entirely: the database is left as it was before the fetch.
    pub(crate) async fn abandon(self) -> Result<(), FetchError> {
        self.close(Message::Abandon).await.map(|_| ())
    }

    async fn close(self, last: Message) -> Result<Option<RunInfo>, FetchError> {
        let RunSink {
            sender,
            thread,
            path,
            ..
        } = self;
        // If the writer already stopped, its own error is the one to report, below.
        let _ = sender.send(last).await;
        drop(sender);
        match thread.await {
            Ok(result) => result.map_err(|source| FetchError::Store { path, source }),
            Err(_) => Err(FetchError::WriterGone),
        }
    }
}

/// What sources hold to store records and issues.
#[derive(Clone)]
pub(crate) struct SinkHandle {
    sender: mpsc::Sender<Message>,
}

impl SinkHandle {
    /// Stores a record; `false` if the writer has stopped (its error surfaces at finish). The
    /// record is encoded here, off the writer's thread, which SQLite keeps busy enough.
    pub(crate) async fn put(&self, record: Record) -> bool {
        let encoded = EncodedRecord::new(&record);
        self.sender
            .send(Message::Put(Box::new(encoded)))
            .await
            .is_ok()
    }

    pub(crate) async fn issue(&self, issue: RunIssue) -> bool {
        self.sender.send(Message::Issue(issue)).await.is_ok()
    }

    /// Keeps something for the next run; `false` if the writer has stopped.
    pub(crate) async fn keep(&self, keep: Keep) -> bool {
        self.sender.send(Message::Keep(keep)).await.is_ok()
    }
}

fn keep_for_next_run(
    run: &mut inventory_store::RunWriter<'_>,
    account_id: &str,
    keep: Keep,
) -> Result<(), inventory_store::Error> {
    match keep {
        Keep::Cursor { source, position } => run.set_cursor(account_id, &source, &position),
        Keep::Detail {
            item,
            list_hash,
            read_at,
            detail,
        } => run.put_detail(account_id, &item, &list_hash, read_at, detail.as_deref()),
        Keep::MeetingRead { uuid, start_time } => {
            run.mark_meeting_read(account_id, &uuid, start_time)
        }
        Keep::ForgetMeetingsBefore(before) => run.forget_meetings_before(account_id, before),
        Keep::Requests(tally) => run.record_requests(account_id, tally),
    }
}
