//! A pane's pseudo-terminal: the child process, the thread that reads its output into the
//! pane's screen, and the thread that writes input to it, so the server loop never blocks
//! on a PTY.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc as std_mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use portable_pty::{Child, MasterPty, PtySize};
use rmux_term::{Size, Terminal};
use tokio::sync::Notify;
use tokio::sync::mpsc::UnboundedSender;

use crate::event::Event;
use crate::ids::PaneId;
use crate::pty_io::{MasterFd, PaneInput};

/// Bytes read from a PTY at a time: the loop reads a quiet pane into a small buffer; a
/// flood (see `FLOOD_READ`) goes to the reader thread, which reads in large chunks (large
/// reads keep the syscall count low under floods; small ones keep idle panes cheap).
const READ_QUIET: usize = 4 * 1024;
const READ_CHUNK: usize = 64 * 1024;

/// A pane's environment, shared by the panes that started with the same.
pub type Environment = Arc<[(String, String)]>;

/// What to run in a new pane.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SpawnSpec {
    /// `None` runs `shell` as a login shell; `Some(cmd)` runs `shell -c cmd`.
    pub command: Option<String>,
    pub shell: String,
    pub cwd: PathBuf,
    /// Shared by the panes started with the same environment (see `Server::spawn_spec`).
    pub env: Environment,
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
    closing: Arc<Closing>,
}

/// Raised when the pane is destroyed: whoever reads its PTY lets go of it, so the last
/// descriptor closes and the program's terminal hangs up, as it does in tmux, even for
/// a program that ignores SIGHUP.
#[derive(Default)]
struct Closing {
    closed: AtomicBool,
    wake: Notify,
}

impl Closing {
    fn is_closed(&self) -> bool {
        self.closed.load(Ordering::Acquire)
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        self.closing.closed.store(true, Ordering::Release);
        self.closing.wake.notify_one();
    }
}

/// Copies of a pane's output, shared with whoever reads the PTY: for pipe-pane (a
/// bounded queue: a pipe command slower than the pane loses output rather than growing
/// the server) and for control-mode clients (`%output`, taken by the loop each turn).
pub type Tee = Arc<Mutex<Copies>>;

#[derive(Default)]
pub struct Copies {
    pipe: Option<std_mpsc::SyncSender<Vec<u8>>>,
    control: Option<Vec<u8>>,
}

/// Output kept for control clients between two turns of the loop at most; past it a
/// flood's output is dropped for them (the screen still has it).
const CONTROL_COPY_MAX: usize = 4 * 1024 * 1024;

/// Chunks of output waiting for a pipe-pane command at most.
pub const TEE_CHUNKS: usize = 256;

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

/// Start `spec` in a new PTY. Output is parsed into the returned terminal by the server
/// loop while the pane is quiet and by the pane's reader thread while it floods (see
/// `watch_quiet`); `dirty` is raised and `Event::PaneOutput` sent when new output arrives, and
/// `Event::PaneExited` when the process is gone.
pub fn spawn(
    pane: PaneId,
    spawn_id: u64,
    spec: &SpawnSpec,
    flags: PaneFlags,
    events: UnboundedSender<Event>,
) -> Result<(Pty, SharedTerminal)> {
    spawn_into(pane, spawn_id, spec, flags, events, None)
}

/// As [`spawn`], the output going on in `terminal` when given (a pane restarted by its
/// restart policy keeps its screen and history).
pub fn spawn_into(
    pane: PaneId,
    spawn_id: u64,
    spec: &SpawnSpec,
    flags: PaneFlags,
    events: UnboundedSender<Event>,
    terminal: Option<SharedTerminal>,
) -> Result<(Pty, SharedTerminal)> {
    let size = rustix::termios::Winsize {
        ws_row: spec.size.rows.max(1),
        ws_col: spec.size.cols.max(1),
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let (master, slave) = crate::pty_io::open_pty(size).context("cannot open a pseudo-terminal")?;
    let child = crate::pty_io::spawn_on_pty(&slave, command(pane, spec)).with_context(|| {
        format!(
            "cannot run {}",
            spec.command.as_deref().unwrap_or(&spec.shell)
        )
    })?;
    // Our copy of the slave must go, or the reader never sees end-of-file.
    drop(slave);
    let master = Box::new(crate::pty_adopt::OwnMaster(master));
    let terminal = terminal
        .unwrap_or_else(|| Arc::new(Mutex::new(Terminal::new(spec.size, spec.history_limit))));
    let pty = start_io(
        pane,
        spawn_id,
        master,
        Some(Box::new(child)),
        Arc::clone(&terminal),
        flags,
        events,
    )?;
    Ok((pty, terminal))
}

/// What runs in a new pane: `spec`'s command through the shell, or the shell itself as
/// a login shell; in exactly `spec`'s environment and directory (else the home
/// directory, else `/`, as tmux falls back). A shell that cannot be run gives way to
/// /bin/sh, as tmux's does.
fn command(pane: PaneId, spec: &SpawnSpec) -> std::process::Command {
    use std::os::unix::process::CommandExt;
    let shell = if crate::options::suitable_shell(&spec.shell) {
        spec.shell.as_str()
    } else {
        "/bin/sh"
    };
    let mut cmd = std::process::Command::new(shell);
    match &spec.command {
        Some(line) => {
            cmd.arg("-c").arg(line);
        }
        None => {
            let name = shell.rsplit('/').next().unwrap_or(shell);
            cmd.arg0(format!("-{name}"));
        }
    }
    cmd.env_clear();
    cmd.envs(spec.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    cmd.env("SHELL", shell);
    let pane_id = format!("%{}", pane.0);
    cmd.env("RMUX_PANE", &pane_id);
    if spec.env.iter().any(|(k, _)| k == "TMUX") {
        cmd.env("TMUX_PANE", &pane_id);
    }
    let home = spec
        .env
        .iter()
        .find(|(k, _)| k == "HOME")
        .map(|(_, v)| std::path::Path::new(v.as_str()));
    let dir = [Some(spec.cwd.as_path()), home]
        .into_iter()
        .flatten()
        .find(|d| d.is_dir())
        .unwrap_or(std::path::Path::new("/"));
    cmd.current_dir(dir);
    cmd
}

/// Take over a PTY and its program from the server this one replaced (a live
/// upgrade): `master` was inherited across `exec`, `pid` (none once the program has
/// exited) is still our child. Its output goes on into `terminal`, the screen the old
/// server handed over.
pub fn adopt(
    pane: PaneId,
    spawn_id: u64,
    master: std::os::fd::OwnedFd,
    pid: Option<u32>,
    terminal: SharedTerminal,
    flags: PaneFlags,
    events: UnboundedSender<Event>,
) -> Result<Pty> {
    let child = pid.map(|pid| {
        Box::new(crate::pty_adopt::AdoptedChild::new(pid)) as Box<dyn Child + Send + Sync>
    });
    start_io(
        pane,
        spawn_id,
        Box::new(crate::pty_adopt::OwnMaster(master)),
        child,
        terminal,
        flags,
        events,
    )
}

/// Start reading `master` into `terminal` and writing input to it; `child` is waited
/// for when the output ends (none: the program is already gone).
fn start_io(
    pane: PaneId,
    spawn_id: u64,
    master: Box<dyn MasterPty + Send>,
    child: Option<Box<dyn Child + Send + Sync>>,
    terminal: SharedTerminal,
    flags: PaneFlags,
    events: UnboundedSender<Event>,
) -> Result<Pty> {
    let pid = child.as_ref().and_then(|c| c.process_id());
    let master_fd = MasterFd::from_master(&*master)?;
    let reader = master_fd.try_clone()?;
    let watched = master_fd.try_clone()?;
    let input = PaneInput::new(master_fd, format!("pane-{}-in", pane.0));

    let tee: Tee = Arc::new(Mutex::new(Copies::default()));
    let closing = Arc::new(Closing::default());
    let out = Output {
        pane,
        closing: Arc::clone(&closing),
        term: terminal,
        replies: input.clone(),
        tee: Arc::clone(&tee),
        flags,
        events: events.clone(),
    };
    let back = Arc::new(Notify::new());
    let start = ReaderStart {
        name: format!("pane-{}-out", pane.0),
        reader,
        out: out.clone(),
        back: Arc::clone(&back),
        child,
        exited: Box::new(move |status| {
            let _ = events.send(Event::PaneExited(pane, spawn_id, status));
        }),
    };
    let mut reader = ReaderThreadHandle {
        start: Some(start),
        turns: None,
    };
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => {
            runtime.spawn(watch_quiet(watched, out, reader, back));
        }
        // No loop to watch from (never so in the server): the thread reads everything.
        Err(_) => {
            reader.turn();
        }
    }

    Ok(Pty {
        master,
        input,
        pid,
        tee,
        spawn: spawn_id,
        closing,
    })
}

/// What a pane's reader thread needs, kept until the thread is first needed.
struct ReaderStart {
    name: String,
    reader: MasterFd,
    out: Output,
    back: Arc<Notify>,
    child: Option<Box<dyn Child + Send + Sync>>,
    exited: Box<dyn FnOnce(ExitStatus) + Send>,
}

impl ReaderStart {
    /// Start the thread; the sender of its turns.
    fn spawn(self) -> std_mpsc::Sender<()> {
        let (tx, turns) = std_mpsc::channel();
        let ReaderStart {
            name,
            reader,
            out,
            back,
            child,
            exited,
        } = self;
        let spawned = std::thread::Builder::new().name(name).spawn(move || {
            // Let go of the PTY before waiting: a program that outlives its pane must
            // see its terminal hang up.
            read_floods(reader, out, &turns, &back);
            if let Some(child) = child {
                crate::reaper::reap(child, exited);
            }
        });
        if let Err(e) = spawned {
            tracing::warn!("cannot start a pane's reader thread: {e}");
        }
        tx
    }

    /// The pane is destroyed before its thread ever ran: let go of the PTY and leave the
    /// program to the reaper, with no thread started just to wait for it.
    fn abandon(self) {
        drop(self.reader);
        if let Some(child) = self.child {
            crate::reaper::reap_later(child, self.exited);
        }
    }
}

/// A pane's reader thread, started the first time the loop hands it the PTY (a flood,
/// the end of the output): a pane that stays quiet never has one, which is most panes.
struct ReaderThreadHandle {
    start: Option<ReaderStart>,
    /// The running thread's turns (made when it starts).
    turns: Option<std_mpsc::Sender<()>>,
}

impl ReaderThreadHandle {
    /// Hand the PTY to the thread; false once the thread is gone.
    fn turn(&mut self) -> bool {
        if let Some(start) = self.start.take() {
            self.turns = Some(start.spawn());
        }
        self.turns.as_ref().is_some_and(|t| t.send(()).is_ok())
    }
}

impl Drop for ReaderThreadHandle {
    fn drop(&mut self) {
        if let Some(start) = self.start.take() {
            start.abandon();
        }
    }
}

thread_local! {
    /// The loop's buffer for reading quiet panes (see `watch_quiet`).
    static QUIET_BUF: std::cell::RefCell<Vec<u8>> = std::cell::RefCell::new(vec![0u8; READ_QUIET]);
}

/// How a pane's process ended.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ExitStatus {
    pub code: u32,
    pub signal: Option<String>,
}

/// Where a pane's output goes, whoever reads it.
#[derive(Clone)]
struct Output {
    pane: PaneId,
    closing: Arc<Closing>,
    term: SharedTerminal,
    replies: PaneInput,
    tee: Tee,
    flags: PaneFlags,
    events: UnboundedSender<Event>,
}

/// Bytes parsed per hold of the screen's lock: the server loop, which may want the
/// screen to draw it, never waits long behind a flood.
const FEED_SLICE: usize = 16 * 1024;

impl Output {
    /// Parse `bytes` into the screen, answer the program's queries, copy them for
    /// pipe-pane and tell the loop. False once the server is gone.
    fn take(&self, bytes: &[u8]) -> bool {
        for slice in bytes.chunks(FEED_SLICE) {
            let (answer, pending) = {
                let Ok(mut t) = self.term.lock() else {
                    return false;
                };
                t.feed(slice);
                (t.take_replies(), t.has_pending_events())
            };
            self.replies.send(answer);
            if pending {
                self.flags.events.store(true, Ordering::Release);
            }
        }
        if let Ok(mut tee) = self.tee.lock() {
            if let Some(tx) = tee.pipe.as_ref() {
                let _ = tx.try_send(bytes.to_vec());
            }
            if let Some(copy) = tee.control.as_mut() {
                let room = CONTROL_COPY_MAX.saturating_sub(copy.len());
                copy.extend_from_slice(bytes.get(..room.min(bytes.len())).unwrap_or(bytes));
            }
        }
        self.flags.dirty.swap(true, Ordering::AcqRel)
            || self.events.send(Event::PaneOutput(self.pane)).is_ok()
    }
}

/// How long a flood's reader thread waits for more before the loop takes the PTY back.
const QUIET: Duration = Duration::from_millis(500);

/// A read this large is a flood: an echo or a prompt is a few bytes, and a PTY gives
/// at most about 4 KiB per read however much is waiting.
const FLOOD_READ: usize = 2 * 1024;
/// Output the loop reads in one burst before it hands the PTY to the thread: a flood
/// competing for the CPU with others may arrive in short reads.
const FLOOD_BYTES: usize = 8 * 1024;
/// Reads this close together belong to one burst.
const BURST_GAP: Duration = Duration::from_millis(5);

/// The output of a pane's current burst, as the loop reads it.
#[derive(Default)]
struct Burst {
    bytes: usize,
    last: Option<Instant>,
}

impl Burst {
    /// Count `n` bytes read at `now`; the burst's size so far.
    fn add(&mut self, n: usize, now: Instant) -> usize {
        if self.last.is_none_or(|t| now.duration_since(t) > BURST_GAP) {
            self.bytes = 0;
        }
        self.last = Some(now);
        self.bytes += n;
        self.bytes
    }
}

/// How much lower than the server loop the reader thread of a flooding pane runs (nice).
/// With both cores busy (a flood and the program making it) the loop and the client
/// still get a core promptly when a key arrives; an idle machine gives the reader all it
/// wants anyway. At 3 the loop still waited behind 50 flooding panes' readers (figure 6:
/// echo median 3.5 ms, p99 16-35 ms); at 10, 0.9 and 5-6 ms, with the same throughput
/// on an idle machine. (Only raising is allowed unprivileged, so a reader that has
/// flooded once stays lowered.)
const FLOOD_NICENESS: i32 = 10;

/// The loop's side of a pane's output: while the pane is quiet, the server loop reads
/// its PTY itself, so a typed key's echo reaches the screen with no thread in between.
/// A read of `FLOOD_READ`, or a burst of `FLOOD_BYTES`, is a flood: the PTY goes
/// to the reader thread, which parses beside the loop, and comes back when the flood
/// has been quiet for `QUIET`.
/// At end of file the thread takes over for good, to reap the program.
///
/// A function returning an `async move` block, not an `async fn`: an async fn moves its
/// arguments into locals and the future keeps room for both (about 300 bytes more in
/// every pane's task); the block uses what it captured in place.
#[allow(clippy::manual_async_fn)] // the async fn form is what costs the 300 bytes
fn watch_quiet(
    mut fd: MasterFd,
    out: Output,
    mut reader: ReaderThreadHandle,
    back: Arc<Notify>,
) -> impl std::future::Future<Output = ()> {
    async move {
        loop {
            let mut burst = Burst::default();
            let watched = match crate::pty_io::watch(fd) {
                Ok(w) => w,
                Err((_, e)) => {
                    tracing::debug!("pane {}: the thread reads everything: {e}", out.pane.0);
                    reader.turn();
                    return;
                }
            };
            let flood = loop {
                let ready = tokio::select! {
                    ready = watched.readable() => ready,
                    () = out.closing.wake.notified() => return,
                };
                let Ok(mut ready) = ready else {
                    break false;
                };
                // One buffer for every quiet pane: the loop reads one at a time, and never
                // holds it across an await.
                let read = QUIET_BUF.with_borrow_mut(|buf| {
                    ready
                        .try_io(|w| w.get_ref().read_now(buf))
                        .map(|r| r.map(|n| (n, n > 0 && out.take(&buf[..n]))))
                });
                match read {
                    Err(_would_block) => {}
                    Ok(Ok((n, taken))) if n > 0 => {
                        if n < READ_QUIET {
                            // A short read took all there was, and more output raises the
                            // readiness again: no read just to hear "nothing more".
                            ready.clear_ready();
                        }
                        if !taken {
                            return;
                        }
                        if n >= FLOOD_READ || burst.add(n, Instant::now()) >= FLOOD_BYTES {
                            break true;
                        }
                    }
                    // End of file or EIO: the program's side is closed.
                    Ok(_) => break false,
                }
            };
            // Unwatched while the thread reads, or every read of a flood would wake the loop.
            fd = watched.into_inner();
            if !reader.turn() || !flood {
                return;
            }
            tokio::select! {
                () = back.notified() => {}
                () = out.closing.wake.notified() => return,
            }
        }
    }
}

/// The reader thread: for each turn the loop hands it, read and parse until the output
/// has been quiet for `QUIET`, then hand the PTY back. Once the loop has stopped watching
/// (end of file, or it could not watch), read here until the end. Returns, dropping its
/// descriptor, at end of file or when the pane is destroyed.
fn read_floods(reader: MasterFd, out: Output, turns: &std_mpsc::Receiver<()>, back: &Notify) {
    let mut thread = ReaderThread {
        reader,
        out,
        buf: Vec::new(),
        lowered: false,
    };
    while turns.recv().is_ok() {
        if !thread.pump(true) {
            return;
        }
        back.notify_one();
    }
    thread.pump(false);
}

/// Raised while a live upgrade takes every pane's screen: reader threads read nothing
/// meanwhile (the loop, which reads quiet panes, is busy with the upgrade itself).
static FROZEN: AtomicBool = AtomicBool::new(false);
/// Reader threads between a read and the end of its parsing.
static READING: AtomicUsize = AtomicUsize::new(0);
/// How often a frozen reader thread looks whether it may read again.
const FROZEN_PAUSE: Duration = Duration::from_millis(5);

/// A reader thread's read and parse under way (none may start while frozen).
struct Reading;

impl Reading {
    fn start() -> Option<Reading> {
        // Counted before the flag is looked at, both sequentially consistent: either the
        // freezer sees this read, or this read sees the flag.
        READING.fetch_add(1, Ordering::SeqCst);
        if FROZEN.load(Ordering::SeqCst) {
            READING.fetch_sub(1, Ordering::SeqCst);
            return None;
        }
        Some(Reading)
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        READING.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Stop every reader thread and wait (until `deadline`) for reads under way to be
/// parsed, so each screen holds all the output read from its PTY; false if one is still
/// reading at the deadline (then nothing is frozen). The loop's own reads of quiet panes
/// stop by themselves while the caller, the loop, does not return to them.
pub fn freeze_readers(deadline: Instant) -> bool {
    FROZEN.store(true, Ordering::SeqCst);
    while READING.load(Ordering::SeqCst) > 0 {
        if Instant::now() >= deadline {
            thaw_readers();
            return false;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    true
}

pub fn thaw_readers() {
    FROZEN.store(false, Ordering::SeqCst);
}

struct ReaderThread {
    reader: MasterFd,
    out: Output,
    buf: Vec<u8>,
    lowered: bool,
}

impl ReaderThread {
    /// Read and parse until the output has been quiet for `QUIET` (true, only if
    /// `until_quiet`), or until the end of the output, of the pane or of the server
    /// (false).
    fn pump(&mut self, until_quiet: bool) -> bool {
        self.buf.resize(READ_CHUNK, 0);
        if until_quiet && !self.lowered {
            // A turn is a flood.
            self.lowered = true;
            let _ = rustix::process::setpriority_process(
                Some(rustix::thread::gettid()),
                FLOOD_NICENESS,
            );
        }
        loop {
            if self.out.closing.is_closed() {
                return false;
            }
            let Some(_reading) = Reading::start() else {
                // A live upgrade is taking the screens: what is read now would be lost.
                std::thread::sleep(FROZEN_PAUSE);
                continue;
            };
            match self.reader.read_within(&mut self.buf, QUIET) {
                Ok(None) if until_quiet => return true,
                Ok(None) => {}
                Ok(Some(0)) => return false,
                Ok(Some(n)) => {
                    if !self.out.take(&self.buf[..n]) {
                        return false;
                    }
                }
                // EIO once the child side is closed: the same as end-of-file for us.
                Err(_) => return false,
            }
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

    /// The master's descriptor, which a live upgrade hands to the next server.
    pub fn master_fd(&self) -> Option<std::os::fd::RawFd> {
        self.master.as_raw_fd()
    }

    /// The terminal device the program has (`#{pane_tty}`).
    pub fn tty_name(&self) -> Option<std::path::PathBuf> {
        self.master.tty_name()
    }

    /// Send a copy of everything the program prints to `tx` (None stops it).
    pub fn set_tee(&self, tx: Option<std_mpsc::SyncSender<Vec<u8>>>) {
        if let Ok(mut t) = self.tee.lock() {
            t.pipe = tx;
        }
    }

    /// Stop keeping a copy of the output for control clients.
    pub fn stop_control_copy(&self) {
        if let Ok(mut t) = self.tee.lock() {
            t.control = None;
        }
    }

    /// The output since the last call, for control clients; copying goes on (it
    /// starts with the first call).
    pub fn take_control_copy(&self) -> Vec<u8> {
        self.tee
            .lock()
            .ok()
            .map(|mut t| std::mem::take(t.control.get_or_insert_with(Vec::new)))
            .unwrap_or_default()
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

#[cfg(test)]
mod tests {
    use super::*;
    use rmux_term::CaptureOptions;
    use tokio::time::{Duration as TokioDuration, timeout};

    /// What the pane printed, read back from its screen and history.
    fn printed(term: &SharedTerminal) -> Vec<String> {
        let Ok(t) = term.lock() else {
            return Vec::new();
        };
        let text = t.capture(&CaptureOptions {
            start: Some(i64::MIN),
            ..CaptureOptions::default()
        });
        text.lines()
            .map(str::to_owned)
            .filter(|l| !l.is_empty())
            .collect()
    }

    #[test]
    fn a_burst_is_output_in_reads_close_together() {
        let t0 = Instant::now();
        let mut burst = Burst::default();
        assert_eq!(burst.add(100, t0), 100);
        assert_eq!(burst.add(100, t0 + Duration::from_millis(2)), 200);
        // A pause longer than the gap starts a new burst.
        assert_eq!(burst.add(50, t0 + Duration::from_millis(20)), 50);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn output_survives_hand_offs_between_loop_and_thread() {
        // Quiet (the loop reads), a flood (the thread reads), quiet again (the loop reads
        // once the flood has been quiet for `QUIET`), then the end: every line, once, in
        // order.
        let script = "echo before; sleep 0.2; seq 1 30000; sleep 0.8; echo after; sleep 0.2";
        let spec = SpawnSpec {
            command: Some(script.to_string()),
            shell: "/bin/sh".to_string(),
            cwd: std::env::temp_dir(),
            env: vec![("PATH".to_string(), "/usr/bin:/bin".to_string())].into(),
            size: Size { cols: 40, rows: 10 },
            history_limit: 100_000,
        };
        let flags = PaneFlags::default();
        let (events, mut rx) = tokio::sync::mpsc::unbounded_channel();
        let Ok((_pty, term)) = spawn(PaneId(1), 1, &spec, flags.clone(), events) else {
            panic!("cannot start {script}");
        };
        let mut outputs = 0;
        loop {
            match timeout(TokioDuration::from_secs(20), rx.recv()).await {
                Ok(Some(Event::PaneOutput(_))) => {
                    outputs += 1;
                    flags.dirty.store(false, Ordering::Release);
                }
                Ok(Some(Event::PaneExited(_, _, status))) => {
                    assert_eq!(status.code, 0);
                    break;
                }
                Ok(Some(_)) => {}
                Ok(None) | Err(_) => panic!("the pane did not finish"),
            }
        }
        assert!(outputs > 2, "output arrived in {outputs} events");
        let mut expected = vec!["before".to_string()];
        expected.extend((1..=30000).map(|n| n.to_string()));
        expected.push("after".to_string());
        assert_eq!(printed(&term), expected);
    }
}
