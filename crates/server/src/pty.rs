//! A pane's pseudo-terminal: the child process, the thread that reads its output into the
//! pane's screen, and the thread that writes input to it, so the server loop never blocks
//! on a PTY.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result};
use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};
use rmux_term::{Size, Terminal};
use tokio::sync::mpsc::UnboundedSender;

use crate::event::Event;
use crate::ids::PaneId;
use crate::pty_io::{MasterFd, PaneInput};

/// Bytes read from a PTY at a time: a quiet pane reads into a small buffer, which grows
/// to the large one the first time output fills it (large reads keep the syscall count
/// low under floods; small ones keep idle panes cheap).
const READ_FIRST: usize = 4 * 1024;
const READ_CHUNK: usize = 64 * 1024;

/// What to run in a new pane.
#[derive(Clone, Debug)]
pub struct SpawnSpec {
    /// `None` runs `shell` as a login shell; `Some(cmd)` runs `shell -c cmd`.
    pub command: Option<String>,
    pub shell: String,
    pub cwd: PathBuf,
    pub env: Vec<(String, String)>,
    pub size: Size,
    pub history_limit: usize,
}

/// The server's handle on a running pane process.
pub struct Pty {
    master: Box<dyn MasterPty + Send>,
    input: PaneInput,
    pid: Option<u32>,
    /// Where a copy of the output goes (pipe-pane), read by the reader thread.
    tee: Tee,
    /// Which start of the pane this is: events from an older process are ignored.
    pub spawn: u64,
}

/// A copy of a pane's output for pipe-pane, shared with the reader thread.
pub type Tee = Arc<Mutex<Option<std_mpsc::Sender<Vec<u8>>>>>;

/// The screen a PTY's output is parsed into, shared by the reader thread and the server.
pub type SharedTerminal = Arc<Mutex<Terminal>>;

/// What the reader thread tells the server without taking the screen's lock.
#[derive(Clone, Debug, Default)]
pub struct PaneFlags {
    /// The screen changed since the server last looked.
    pub dirty: Arc<AtomicBool>,
    /// The program rang the bell, set a title or the clipboard: events wait in the screen.
    pub events: Arc<AtomicBool>,
}

/// Start `spec` in a new PTY. Output is parsed on a reader thread into the returned
/// terminal; `dirty` is raised and `Event::PaneOutput` sent when new output arrives, and
/// `Event::PaneExited` when the process is gone.
pub fn spawn(
    pane: PaneId,
    spawn_id: u64,
    spec: &SpawnSpec,
    flags: PaneFlags,
    events: UnboundedSender<Event>,
) -> Result<(Pty, SharedTerminal)> {
    let size = PtySize {
        rows: spec.size.rows.max(1),
        cols: spec.size.cols.max(1),
        pixel_width: 0,
        pixel_height: 0,
    };
    let pair = native_pty_system()
        .openpty(size)
        .context("cannot open a pseudo-terminal")?;
    let mut cmd = match &spec.command {
        None => CommandBuilder::new_default_prog(),
        Some(line) => {
            let mut c = CommandBuilder::new(&spec.shell);
            c.arg("-c");
            c.arg(line);
            c
        }
    };
    cmd.env_clear();
    for (k, v) in &spec.env {
        cmd.env(k, v);
    }
    // new_default_prog runs $SHELL (from the env above) as a login shell.
    cmd.env("SHELL", &spec.shell);
    cmd.cwd(&spec.cwd);
    let mut child = pair.slave.spawn_command(cmd).with_context(|| {
        format!(
            "cannot run {}",
            spec.command.as_deref().unwrap_or(&spec.shell)
        )
    })?;
    // Our copy of the slave must go, or the reader never sees end-of-file.
    drop(pair.slave);
    let pid = child.process_id();
    let master_fd = MasterFd::from_master(&*pair.master)?;
    let reader = master_fd.try_clone()?;
    let terminal = Arc::new(Mutex::new(Terminal::new(spec.size, spec.history_limit)));
    let (input, input_rx) = PaneInput::new(master_fd);

    let writer = input.clone();
    std::thread::Builder::new()
        .name(format!("pane-{}-in", pane.0))
        .spawn(move || writer.drain(&input_rx))
        .context("cannot start a pane thread")?;

    let term = Arc::clone(&terminal);
    let replies = input.clone();
    let tee: Tee = Arc::new(Mutex::new(None));
    let reader_tee = Arc::clone(&tee);
    std::thread::Builder::new()
        .name(format!("pane-{}-out", pane.0))
        .spawn(move || {
            let out = Output {
                term: &term,
                replies: &replies,
                tee: &reader_tee,
                flags: &flags,
                events: &events,
            };
            read_loop(pane, reader, &out);
            let status = child
                .wait()
                .map(|s| ExitStatus {
                    code: s.exit_code(),
                    signal: s.signal().map(str::to_owned),
                })
                .unwrap_or(ExitStatus {
                    code: 1,
                    signal: None,
                });
            let _ = events.send(Event::PaneExited(pane, spawn_id, status));
        })
        .context("cannot start a pane thread")?;

    Ok((
        Pty {
            master: pair.master,
            input,
            pid,
            tee,
            spawn: spawn_id,
        },
        terminal,
    ))
}

/// How a pane's process ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExitStatus {
    pub code: u32,
    pub signal: Option<String>,
}

/// Where the reader thread puts what it reads.
struct Output<'a> {
    term: &'a Mutex<Terminal>,
    replies: &'a PaneInput,
    tee: &'a Tee,
    flags: &'a PaneFlags,
    events: &'a UnboundedSender<Event>,
}

/// Bytes parsed per hold of the screen's lock: the server loop, which may want the
/// screen to draw it, never waits long behind a flood.
const FEED_SLICE: usize = 16 * 1024;

/// How much lower than the server loop the reader thread of a flooding pane runs (nice).
/// With both cores busy (a flood and the program making it) the loop and the client
/// still get a core promptly when a key arrives; an idle machine gives the reader all it
/// wants anyway. A pane that has never flooded keeps its reader at the loop's priority,
/// so its echo is not queued behind other panes' floods. (Only raising is allowed
/// unprivileged, so a reader that has flooded once stays lowered.)
const FLOOD_NICENESS: i32 = 3;

fn read_loop(pane: PaneId, reader: MasterFd, out: &Output<'_>) {
    let mut lowered = false;
    let mut buf = vec![0u8; READ_FIRST];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) => return,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            // EIO once the child side is closed: the same as end-of-file for us.
            Err(_) => return,
        };
        let bytes = &buf[..n];
        for slice in bytes.chunks(FEED_SLICE) {
            let (answer, pending) = {
                let Ok(mut t) = out.term.lock() else { return };
                t.feed(slice);
                (t.take_replies(), t.has_pending_events())
            };
            out.replies.send(answer);
            if pending {
                out.flags.events.store(true, Ordering::Release);
            }
        }
        if let Ok(tee) = out.tee.lock()
            && let Some(tx) = tee.as_ref()
        {
            let _ = tx.send(bytes.to_vec());
        }
        if n == buf.len() && buf.len() < READ_CHUNK {
            buf.resize(READ_CHUNK, 0);
        } else if n >= READ_FIRST && !lowered {
            lowered = true;
            let _ = rustix::process::setpriority_process(
                Some(rustix::thread::gettid()),
                FLOOD_NICENESS,
            );
        }
        if !out.flags.dirty.swap(true, Ordering::AcqRel)
            && out.events.send(Event::PaneOutput(pane)).is_err()
        {
            return;
        }
    }
}

impl Pty {
    /// Send bytes to the program; never blocks.
    pub fn write(&self, bytes: Vec<u8>) {
        self.input.send(bytes);
    }

    /// Tell the program its terminal has a new size (it gets SIGWINCH).
    pub fn resize(&self, size: Size) {
        let _ = self.master.resize(PtySize {
            rows: size.rows.max(1),
            cols: size.cols.max(1),
            pixel_width: 0,
            pixel_height: 0,
        });
    }

    pub fn pid(&self) -> Option<u32> {
        self.pid
    }

    /// Send a copy of everything the program prints to `tx` (None stops it).
    pub fn set_tee(&self, tx: Option<std_mpsc::Sender<Vec<u8>>>) {
        if let Ok(mut t) = self.tee.lock() {
            *t = tx;
        }
    }

    pub fn has_tee(&self) -> bool {
        self.tee.lock().is_ok_and(|t| t.is_some())
    }

    /// A sender for bytes to the program, for pipe-pane -I.
    pub fn input_sender(&self) -> PaneInput {
        self.input.clone()
    }

    /// The process group in the foreground of the terminal (what the user is running).
    pub fn foreground_pid(&self) -> Option<u32> {
        self.master
            .process_group_leader()
            .and_then(|p| u32::try_from(p).ok())
    }

    /// Hang up the pane's process group, as closing a terminal does.
    pub fn hang_up(&self) {
        if let Some(pid) = self.pid.and_then(|p| i32::try_from(p).ok())
            && let Some(pid) = rustix::process::Pid::from_raw(pid)
        {
            let _ = rustix::process::kill_process_group(pid, rustix::process::Signal::HUP);
        }
    }
}
