//! What wakes the server loop up besides a new connection.

use rmux_proto::ClientMessage;

use crate::ids::{ClientId, PaneId};
use crate::jobs::{Done, JobId};
use crate::pty::ExitStatus;

#[derive(Debug)]
pub enum Event {
    /// A pane's screen changed (sent once until the server looks at the pane again).
    PaneOutput(PaneId),
    /// A pane's process (of the given spawn of that pane) is gone and its output read.
    PaneExited(PaneId, u64, ExitStatus),
    /// A client said something; the permit lets its reader read on once dropped.
    Message(ClientId, ClientMessage, tokio::sync::OwnedSemaphorePermit),
    /// A client's connection closed or broke; `reason` is for the log.
    Disconnected(ClientId, String),
    /// A job (shell command, file read or write) finished.
    JobDone(JobId, Done),
    /// A client of another protocol version asked for a live upgrade; why it cannot be
    /// done goes back on the channel (on success the server's process is replaced).
    UpgradeRequest(ClientId, tokio::sync::oneshot::Sender<String>),
}
