//! The master side of a pane's PTY as a non-blocking descriptor of our own, so keys can
//! be written straight from the server loop when the PTY has room and a quiet pane's
//! output read there too (no thread hop on the echo path), and nothing ever blocks the
//! loop.

use std::io;
use std::os::fd::{AsRawFd, BorrowedFd, OwnedFd, RawFd};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use anyhow::{Context, Result};
use portable_pty::MasterPty;
use rustix::event::{PollFd, PollFlags, Timespec, poll};
use rustix::io::Errno;
use tokio::io::Interest;
use tokio::io::unix::{AsyncFd, AsyncFdRegisterError};

/// A new PTY of `size`: its master and its slave, both closed on exec.
pub fn open_pty(size: rustix::termios::Winsize) -> io::Result<(OwnedFd, OwnedFd)> {
    use rustix::pty::OpenptFlags;
    let master = rustix::pty::openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY)?;
    rustix::io::fcntl_setfd(&master, rustix::io::FdFlags::CLOEXEC)?;
    rustix::pty::grantpt(&master)?;
    rustix::pty::unlockpt(&master)?;
    let name = rustix::pty::ptsname(&master, Vec::new())?;
    let slave = rustix::fs::open(
        name.as_c_str(),
        rustix::fs::OFlags::RDWR | rustix::fs::OFlags::NOCTTY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )?;
    rustix::termios::tcsetwinsize(&slave, size)?;
    Ok((master, slave))
}

/// Start `cmd` on a PTY: `slave` becomes its standard streams and its controlling
/// terminal, in a session of its own. Between fork and exec only system calls run,
/// none that allocates or locks: the signals a program expects at their defaults
/// (whatever the server's starter ignored), a new session, the terminal made
/// controlling, and every other descriptor closed in one `close_range`, however many
/// panes the server has. (The server's descriptors are all close-on-exec too, so on a
/// kernel without close_range nothing leaks.)
pub fn spawn_on_pty(
    slave: &OwnedFd,
    mut cmd: std::process::Command,
) -> io::Result<std::process::Child> {
    use std::os::unix::process::CommandExt;
    use std::process::Stdio;
    cmd.stdin(Stdio::from(slave.try_clone()?))
        .stdout(Stdio::from(slave.try_clone()?))
        .stderr(Stdio::from(slave.try_clone()?));
    // SAFETY: the closure runs in the child between fork and exec, where only
    // async-signal-safe calls are allowed: it makes system calls only (signal, setsid,
    // ioctl, close_range), allocates nothing and takes no lock.
    #[allow(unsafe_code)]
    unsafe {
        cmd.pre_exec(|| {
            for signal in [
                libc::SIGCHLD,
                libc::SIGHUP,
                libc::SIGINT,
                libc::SIGQUIT,
                libc::SIGTERM,
                libc::SIGALRM,
                libc::SIGTSTP,
                libc::SIGTTIN,
                libc::SIGTTOU,
                libc::SIGWINCH,
                libc::SIGCONT,
                libc::SIGPIPE,
                libc::SIGUSR1,
                libc::SIGUSR2,
            ] {
                libc::signal(signal, libc::SIG_DFL);
            }
            rustix::process::setsid()?;
            rustix::process::ioctl_tiocsctty(BorrowedFd::borrow_raw(0))?;
            libc::syscall(libc::SYS_close_range, 3u32, u32::MAX, 0u32);
            Ok(())
        });
    }
    cmd.spawn()
}

/// A duplicate of a PTY master's descriptor, in non-blocking mode.
pub struct MasterFd(OwnedFd);

/// The server loop watches a quiet pane's PTY for output itself.
impl AsRawFd for MasterFd {
    fn as_raw_fd(&self) -> RawFd {
        self.0.as_raw_fd()
    }
}

/// Watch `fd` for output from the server loop; on failure, `fd` comes back with the error.
pub fn watch(fd: MasterFd) -> Result<AsyncFd<MasterFd>, (MasterFd, io::Error)> {
    // SAFETY: the descriptor is owned by `fd`, which the AsyncFd owns from here on, so it
    // stays open for as long as it is registered.
    #[allow(unsafe_code)]
    let registered = unsafe { AsyncFd::register_with_interest(fd, Interest::READABLE) };
    registered.map_err(AsyncFdRegisterError::into_parts)
}

impl MasterFd {
    /// Duplicate `master`'s descriptor and make the (shared) file non-blocking.
    pub fn from_master(master: &dyn MasterPty) -> Result<MasterFd> {
        let raw = master.as_raw_fd().context("the PTY has no descriptor")?;
        // SAFETY: `raw` is `master`'s descriptor, open for as long as `master` lives,
        // which is beyond this call; the borrow only lives to duplicate it.
        #[allow(unsafe_code)]
        let borrowed = unsafe { BorrowedFd::borrow_raw(raw) };
        let fd =
            rustix::io::fcntl_dupfd_cloexec(borrowed, 0).context("cannot duplicate the PTY")?;
        let flags = rustix::fs::fcntl_getfl(&fd).context("cannot read the PTY's flags")?;
        rustix::fs::fcntl_setfl(&fd, flags | rustix::fs::OFlags::NONBLOCK)
            .context("cannot make the PTY non-blocking")?;
        Ok(MasterFd(fd))
    }

    pub fn try_clone(&self) -> Result<MasterFd> {
        Ok(MasterFd(
            rustix::io::fcntl_dupfd_cloexec(&self.0, 0).context("cannot duplicate the PTY")?,
        ))
    }

    /// Wait until the descriptor is ready for `flags`; false when `timeout` passed first.
    /// A hang-up (the program's side closed) with nothing to read or room to write is
    /// an error: waiting again would return at once, forever.
    fn wait(&self, flags: PollFlags, timeout: Option<Duration>) -> io::Result<bool> {
        let mut fds = [PollFd::new(&self.0, flags)];
        let timeout = timeout.map(|t| Timespec {
            tv_sec: i64::try_from(t.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(t.subsec_nanos()),
        });
        match poll(&mut fds, timeout.as_ref()) {
            Ok(0) => Ok(false),
            Ok(_) => {
                let got = fds[0].revents();
                if got.intersects(PollFlags::HUP | PollFlags::ERR | PollFlags::NVAL)
                    && !got.intersects(flags)
                {
                    return Err(io::Error::from(io::ErrorKind::BrokenPipe));
                }
                Ok(true)
            }
            Err(Errno::INTR) => Ok(true),
            Err(e) => Err(e.into()),
        }
    }

    /// Read what is there, waiting up to `quiet` for something; `None` if nothing came,
    /// `Some(0)` at end of file. EIO (the program's side closed) is an error, as for a
    /// blocking read.
    pub fn read_within(&self, buf: &mut [u8], quiet: Duration) -> io::Result<Option<usize>> {
        loop {
            match rustix::io::read(&self.0, &mut *buf) {
                Ok(n) => return Ok(Some(n)),
                Err(Errno::AGAIN) => {
                    if !self.wait(PollFlags::IN, Some(quiet))? {
                        return Ok(None);
                    }
                }
                Err(Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Read what is there without waiting (`WouldBlock` when nothing is).
    pub fn read_now(&self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match rustix::io::read(&self.0, &mut *buf) {
                Ok(n) => return Ok(n),
                Err(Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Write all of `bytes`, waiting for room as needed.
    pub fn write_all(&self, mut bytes: &[u8]) -> io::Result<()> {
        while !bytes.is_empty() {
            match rustix::io::write(&self.0, bytes) {
                Ok(n) => bytes = &bytes[n..],
                Err(Errno::AGAIN) => {
                    self.wait(PollFlags::OUT, None)?;
                }
                Err(Errno::INTR) => {}
                Err(e) => return Err(e.into()),
            }
        }
        Ok(())
    }

    /// Write what fits now without waiting; how much was written.
    fn write_now(&self, bytes: &[u8]) -> usize {
        rustix::io::write(&self.0, bytes).unwrap_or_default()
    }
}

/// Input queued for a program that does not read it is kept up to this much; more is
/// dropped (a paste into a program that never reads must not grow the server).
pub const MAX_PENDING_INPUT: usize = 16 * 1024 * 1024;

/// Input for a pane's program: written at once when nothing is queued and the PTY has
/// room, else queued for the pane's writer thread, in order. The thread starts the
/// first time something is queued: a program that always reads never needs one.
#[derive(Clone)]
pub struct PaneInput {
    fd: Arc<MasterFd>,
    /// The writer thread's queue, made (and the thread started) the first time input
    /// has to wait: most panes never need either.
    queue: Arc<OnceLock<mpsc::Sender<Vec<u8>>>>,
    /// Bytes queued and not yet written.
    pending: Arc<AtomicUsize>,
    /// The writer thread's name.
    name: Arc<str>,
}

impl PaneInput {
    /// The input side of `fd`; its writer thread will be called `name`.
    pub fn new(fd: MasterFd, name: String) -> PaneInput {
        PaneInput {
            fd: Arc::new(fd),
            queue: Arc::new(OnceLock::new()),
            pending: Arc::new(AtomicUsize::new(0)),
            name: name.into(),
        }
    }

    /// The writer thread's queue, the thread started if it is not running yet.
    fn queue(&self) -> &mpsc::Sender<Vec<u8>> {
        self.queue.get_or_init(|| {
            let (tx, rx) = mpsc::channel();
            let writer = self.writer();
            let spawned = std::thread::Builder::new()
                .name(self.name.to_string())
                .spawn(move || writer.drain(&rx));
            if let Err(e) = spawned {
                // The queue's other end is gone with the closure: sends fail and the
                // input is dropped, as for a program that went away.
                tracing::warn!("cannot start a pane's writer thread: {e}");
            }
            tx
        })
    }

    pub fn send(&self, mut bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        let queued = self.pending.load(Ordering::Acquire);
        if queued == 0 {
            let n = self.fd.write_now(&bytes);
            if n == bytes.len() {
                return;
            }
            bytes.drain(..n);
        }
        if queued + bytes.len() > MAX_PENDING_INPUT {
            tracing::debug!(
                bytes = bytes.len(),
                "input dropped: the program is not reading"
            );
            return;
        }
        let len = bytes.len();
        self.pending.fetch_add(len, Ordering::AcqRel);
        if self.queue().send(bytes).is_err() {
            self.pending.fetch_sub(len, Ordering::AcqRel);
        }
    }

    /// What the writer thread needs: no sender of the queue, so the queue closes and the
    /// thread ends (closing its descriptor) once every `PaneInput` of the pane is gone.
    fn writer(&self) -> PaneWriter {
        PaneWriter {
            fd: Arc::clone(&self.fd),
            pending: Arc::clone(&self.pending),
        }
    }
}

/// The writer thread's side of a pane's input.
pub struct PaneWriter {
    fd: Arc<MasterFd>,
    pending: Arc<AtomicUsize>,
}

impl PaneWriter {
    /// The writer thread: write queued chunks in order until the queue closes or the
    /// PTY fails.
    pub fn drain(&self, rx: &mpsc::Receiver<Vec<u8>>) {
        while let Ok(bytes) = rx.recv() {
            let ok = self.fd.write_all(&bytes).is_ok();
            self.pending.fetch_sub(bytes.len(), Ordering::AcqRel);
            if !ok {
                // The program is gone: what is still queued is for nobody.
                while let Ok(rest) = rx.try_recv() {
                    self.pending.fetch_sub(rest.len(), Ordering::AcqRel);
                }
                return;
            }
        }
    }
}
