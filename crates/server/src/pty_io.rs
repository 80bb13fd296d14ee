//! The master side of a pane's PTY as a non-blocking descriptor of our own, so keys can
//! be written straight from the server loop when the PTY has room (no thread hop on the
//! echo path), and nothing ever blocks the loop when it has not.

use std::io;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::{Context, Result};
use portable_pty::MasterPty;
use rustix::event::{PollFd, PollFlags, poll};
use rustix::io::Errno;

/// A duplicate of a PTY master's descriptor, in non-blocking mode.
pub struct MasterFd(OwnedFd);

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

    fn wait(&self, flags: PollFlags) -> io::Result<()> {
        let mut fds = [PollFd::new(&self.0, flags)];
        match poll(&mut fds, None) {
            Ok(_) | Err(Errno::INTR) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Read what is there, waiting until something is; 0 at end of file. EIO (the
    /// program's side closed) is an error, as for a blocking read.
    pub fn read(&self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            match rustix::io::read(&self.0, &mut *buf) {
                Ok(n) => return Ok(n),
                Err(Errno::AGAIN) => self.wait(PollFlags::IN)?,
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
                Err(Errno::AGAIN) => self.wait(PollFlags::OUT)?,
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

/// Input for a pane's program: written at once when nothing is queued and the PTY has
/// room, else queued for the pane's writer thread, in order.
#[derive(Clone)]
pub struct PaneInput {
    fd: Arc<MasterFd>,
    queue: mpsc::Sender<Vec<u8>>,
    /// Chunks queued and not yet fully written.
    pending: Arc<AtomicUsize>,
}

impl PaneInput {
    /// The input side and the receiving end for the writer thread.
    pub fn new(fd: MasterFd) -> (PaneInput, mpsc::Receiver<Vec<u8>>) {
        let (queue, rx) = mpsc::channel();
        let input = PaneInput {
            fd: Arc::new(fd),
            queue,
            pending: Arc::new(AtomicUsize::new(0)),
        };
        (input, rx)
    }

    pub fn send(&self, mut bytes: Vec<u8>) {
        if bytes.is_empty() {
            return;
        }
        if self.pending.load(Ordering::Acquire) == 0 {
            let n = self.fd.write_now(&bytes);
            if n == bytes.len() {
                return;
            }
            bytes.drain(..n);
        }
        self.pending.fetch_add(1, Ordering::AcqRel);
        if self.queue.send(bytes).is_err() {
            self.pending.fetch_sub(1, Ordering::AcqRel);
        }
    }

    /// The writer thread: write queued chunks in order until the queue closes or the
    /// PTY fails.
    pub fn drain(&self, rx: &mpsc::Receiver<Vec<u8>>) {
        while let Ok(bytes) = rx.recv() {
            let ok = self.fd.write_all(&bytes).is_ok();
            self.pending.fetch_sub(1, Ordering::AcqRel);
            if !ok {
                return;
            }
        }
    }
}
