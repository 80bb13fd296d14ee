//! One client connection: the greeting, then a reader that turns frames into events for
//! the server loop and a writer that sends what the loop queues.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use rmux_proto::{
    ClientMessage, FrameDecoder, HELLO_LEN, Hello, PROTOCOL_VERSION, UPGRADE_REQUEST,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::UnixStream;
use tokio::net::unix::{OwnedReadHalf, OwnedWriteHalf};
use tokio::sync::mpsc::{self, UnboundedReceiver, UnboundedSender};
use tokio::task::JoinSet;

use crate::event::Event;
use crate::ids::ClientId;

/// How long a new connection may take to greet us, and then to send its command.
const HELLO_TIMEOUT: Duration = Duration::from_secs(5);
const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);
/// A connection's first message (its command, arguments and environment) may be this
/// big; later ones (a paste) up to the protocol's limit.
const FIRST_MESSAGE_LIMIT: usize = 4 * 1024 * 1024;
/// Messages of one connection the loop may have waiting before its reader pauses.
const MESSAGES_IN_FLIGHT: usize = 256;
const READ_BUFFER: usize = 64 * 1024;

/// The queue of encoded messages to a client, and how many of their bytes are not yet
/// written (what a client that does not read makes the server hold).
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub tx: UnboundedSender<Vec<u8>>,
    pub backlog: Arc<AtomicUsize>,
}

/// Start serving a connection; returns the queue for messages to the client. The tasks
/// are added to `tasks` so the server can let them finish writing before it exits.
pub fn start(
    id: ClientId,
    stream: UnixStream,
    events: UnboundedSender<Event>,
    tasks: &mut JoinSet<()>,
) -> Outgoing {
    let (tx, rx) = mpsc::unbounded_channel();
    let backlog = Arc::new(AtomicUsize::new(0));
    let written = Arc::clone(&backlog);
    tasks.spawn(async move {
        let reason = match serve(id, stream, &events, rx, written).await {
            Ok(()) => "closed".to_string(),
            Err(e) => e,
        };
        let _ = events.send(Event::Disconnected(id, reason));
    });
    Outgoing { tx, backlog }
}

async fn serve(
    id: ClientId,
    stream: UnixStream,
    events: &UnboundedSender<Event>,
    outgoing: UnboundedReceiver<Vec<u8>>,
    backlog: Arc<AtomicUsize>,
) -> Result<(), String> {
    let (mut rd, mut wr) = stream.into_split();
    let mut theirs = [0u8; HELLO_LEN];
    match tokio::time::timeout(HELLO_TIMEOUT, rd.read_exact(&mut theirs)).await {
        Ok(Ok(_)) => {}
        Ok(Err(e)) => return Err(format!("no greeting: {e}")),
        Err(_) => return Err("no greeting in time".to_string()),
    }
    let hello = Hello::decode(&theirs).map_err(|e| e.to_string())?;
    let ours = Hello {
        protocol_version: PROTOCOL_VERSION,
    };
    wr.write_all(&ours.encode())
        .await
        .map_err(|e| format!("cannot greet: {e}"))?;
    if hello.protocol_version != PROTOCOL_VERSION {
        // The client sees our version and tells its user what to do, which may be to
        // ask for the one thing two versions can always do: a live upgrade.
        let mut request = [0u8; HELLO_LEN];
        if let Ok(Ok(_)) = tokio::time::timeout(HELLO_TIMEOUT, rd.read_exact(&mut request)).await
            && request == UPGRADE_REQUEST
        {
            let (tx, rx) = tokio::sync::oneshot::channel();
            if events.send(Event::UpgradeRequest(id, tx)).is_ok()
                && let Ok(why) = rx.await
            {
                let _ = wr.write_all(why.as_bytes()).await;
            }
        }
        return Err(format!(
            "client speaks protocol {}, we speak {PROTOCOL_VERSION}",
            hello.protocol_version
        ));
    }
    let writer = tokio::spawn(write_loop(wr, outgoing, backlog));
    let result = read_loop(id, rd, events).await;
    writer.abort();
    result
}

async fn read_loop(
    id: ClientId,
    mut rd: OwnedReadHalf,
    events: &UnboundedSender<Event>,
) -> Result<(), String> {
    let mut decoder = FrameDecoder::new();
    decoder.set_limit(FIRST_MESSAGE_LIMIT);
    let mut first = true;
    let command_deadline = tokio::time::Instant::now() + COMMAND_TIMEOUT;
    // Each message holds a permit until the loop has handled it: a client sending
    // faster than the loop serves it waits, and nothing queues without bound.
    let permits = std::sync::Arc::new(tokio::sync::Semaphore::new(MESSAGES_IN_FLIGHT));
    let mut buf = vec![0u8; READ_BUFFER];
    loop {
        let n = if first {
            match tokio::time::timeout_at(command_deadline, rd.read(&mut buf)).await {
                Ok(r) => r.map_err(|e| e.to_string())?,
                Err(_) => return Err("no command in time".to_string()),
            }
        } else {
            rd.read(&mut buf).await.map_err(|e| e.to_string())?
        };
        if n == 0 {
            return Ok(());
        }
        decoder.push(&buf[..n]);
        loop {
            match decoder.next_message::<ClientMessage>() {
                Ok(Some(msg)) => {
                    if first {
                        first = false;
                        decoder.set_limit(rmux_proto::MAX_FRAME_LEN);
                    }
                    let Ok(permit) = std::sync::Arc::clone(&permits).acquire_owned().await else {
                        return Ok(());
                    };
                    if events.send(Event::Message(id, msg, permit)).is_err() {
                        return Ok(());
                    }
                }
                Ok(None) => break,
                Err(e) => return Err(format!("bad message: {e}")),
            }
        }
    }
}

/// Writes queued frames; an empty buffer means "close after this".
async fn write_loop(
    mut wr: OwnedWriteHalf,
    mut outgoing: UnboundedReceiver<Vec<u8>>,
    backlog: Arc<AtomicUsize>,
) {
    while let Some(bytes) = outgoing.recv().await {
        if bytes.is_empty() {
            break;
        }
        if wr.write_all(&bytes).await.is_err() {
            return;
        }
        backlog.fetch_sub(bytes.len(), Ordering::AcqRel);
    }
    let _ = wr.shutdown().await;
}
