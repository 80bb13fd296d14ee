//! Waiting for pane programs that outlive their terminal. A program whose pane was
//! killed while it ignores SIGHUP keeps running; rather than a thread per such program
//! blocked in `wait`, one reaper thread polls them all and reports each exit.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Mutex, OnceLock};
use std::time::Duration;

use portable_pty::Child;

use crate::pty::ExitStatus;

/// How often lingering programs are checked.
const POLL: Duration = Duration::from_millis(100);

type Report = Box<dyn FnOnce(ExitStatus) + Send>;

struct Lingering {
    child: Box<dyn Child + Send + Sync>,
    report: Report,
}

/// A program usually exits a moment after its terminal closes: how long the caller
/// looks before handing it to the reaper.
const GRACE: Duration = Duration::from_millis(20);

/// Report `child`'s exit through `report`: at once if it exits within [`GRACE`], else
/// when the reaper sees it go.
pub fn reap(mut child: Box<dyn Child + Send + Sync>, report: Report) {
    let deadline = std::time::Instant::now() + GRACE;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            report(exit_status(&status));
            return;
        }
        if std::time::Instant::now() >= deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let lingering = Lingering { child, report };
    match reaper() {
        Some(tx) => {
            if let Err(mpsc::SendError(l)) = tx.send(lingering) {
                wait_here(l);
            }
        }
        None => wait_here(lingering),
    }
}

/// Leave `child` to the reaper thread at once: nobody waits here for its report.
pub fn reap_later(child: Box<dyn Child + Send + Sync>, report: Report) {
    let lingering = Lingering { child, report };
    let lingering = match reaper() {
        Some(tx) => match tx.send(lingering) {
            Ok(()) => return,
            Err(mpsc::SendError(l)) => l,
        },
        None => lingering,
    };
    // No reaper thread: a thread of its own, never the caller (the server's loop).
    let _ = std::thread::Builder::new()
        .name("reap".to_string())
        .spawn(move || wait_here(lingering));
}

/// Without a reaper thread, wait in the caller's.
fn wait_here(mut l: Lingering) {
    let status = l.child.wait().map_or(
        ExitStatus {
            code: 1,
            signal: None,
        },
        |s| exit_status(&s),
    );
    (l.report)(status);
}

/// The reaper thread, started the first time a program lingers.
fn reaper() -> Option<Sender<Lingering>> {
    static REAPER: OnceLock<Option<Mutex<Sender<Lingering>>>> = OnceLock::new();
    REAPER
        .get_or_init(|| {
            let (tx, rx) = mpsc::channel();
            std::thread::Builder::new()
                .name("reaper".into())
                .spawn(move || run(&rx))
                .ok()
                .map(|_| Mutex::new(tx))
        })
        .as_ref()
        .and_then(|m| m.lock().ok().map(|tx| tx.clone()))
}

fn run(rx: &Receiver<Lingering>) {
    let mut waiting: Vec<Lingering> = Vec::new();
    loop {
        // Nothing to look at: sleep until something comes, not a wake-up every POLL.
        let next = if waiting.is_empty() {
            rx.recv().map_err(|_| RecvTimeoutError::Disconnected)
        } else {
            rx.recv_timeout(POLL)
        };
        match next {
            Ok(l) => waiting.push(l),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) if waiting.is_empty() => return,
            Err(RecvTimeoutError::Disconnected) => std::thread::sleep(POLL),
        }
        let mut i = 0;
        while i < waiting.len() {
            match waiting[i].child.try_wait() {
                Ok(None) => i += 1,
                done => {
                    let l = waiting.swap_remove(i);
                    let status = match done {
                        Ok(Some(s)) => exit_status(&s),
                        _ => ExitStatus {
                            code: 1,
                            signal: None,
                        },
                    };
                    (l.report)(status);
                }
            }
        }
    }
}

fn exit_status(s: &portable_pty::ExitStatus) -> ExitStatus {
    ExitStatus {
        code: s.exit_code(),
        signal: s.signal().map(str::to_owned),
    }
}
