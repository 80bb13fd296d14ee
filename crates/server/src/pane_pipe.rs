//! pipe-pane's plumbing: the command's ends of the pipes and the threads that move bytes
//! through them (the pane's output to the command; with `-I`, the command's output to
//! the pane). The pane keeps its own copy of each end, so the pipe outlives what the
//! threads are attached to: a program started again in the pane (respawn-pane, a restart
//! policy) keeps feeding the same command, as in tmux, and a live upgrade hands the ends
//! to the next server, whose threads take over where the old ones stopped.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsFd, AsRawFd, OwnedFd, RawFd};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Instant;

use crate::pty::{self, Pty};
use crate::pty_io::PaneInput;

/// A pane's pipe to a command.
pub struct PanePipe {
    /// The write end of the command's standard input: the pane's output goes there.
    to_command: Option<OwnedFd>,
    /// The read end of the command's standard output (`-I`): it goes to the pane.
    from_command: Option<OwnedFd>,
    /// Disconnected once the writer thread has written what it was given and stopped.
    writer_done: Option<mpsc::Receiver<()>>,
    /// Where the reader thread sends what the command prints: the program in the pane
    /// now (it changes when the program is started again).
    input: Option<Arc<Mutex<PaneInput>>>,
}

impl PanePipe {
    /// Connect the command's ends to the pane whose PTY is `pty`.
    pub fn start(
        pty: &Pty,
        to_command: Option<OwnedFd>,
        from_command: Option<OwnedFd>,
    ) -> std::io::Result<PanePipe> {
        let mut pipe = PanePipe {
            to_command,
            from_command,
            writer_done: None,
            input: None,
        };
        pipe.attach(pty)?;
        Ok(pipe)
    }

    /// Move bytes between the command and `pty`: a new writer thread for the output (the
    /// old one, if any, ends with the tee it read from), and the reader's target changed.
    pub fn attach(&mut self, pty: &Pty) -> std::io::Result<()> {
        if let Some(to) = &self.to_command {
            let mut sink = File::from(to.as_fd().try_clone_to_owned()?);
            let (tx, rx) = mpsc::sync_channel::<Vec<u8>>(pty::TEE_CHUNKS);
            let (done_tx, done_rx) = mpsc::channel::<()>();
            std::thread::Builder::new()
                .name("pipe-pane".to_string())
                .spawn(move || {
                    let _done = done_tx;
                    while let Ok(bytes) = rx.recv() {
                        if sink.write_all(&bytes).is_err() {
                            break;
                        }
                    }
                })?;
            pty.set_tee(Some(tx));
            self.writer_done = Some(done_rx);
        }
        if let Some(from) = &self.from_command {
            match &self.input {
                Some(input) => {
                    if let Ok(mut target) = input.lock() {
                        *target = pty.input_sender();
                    }
                }
                None => {
                    let mut source = File::from(from.as_fd().try_clone_to_owned()?);
                    let input = Arc::new(Mutex::new(pty.input_sender()));
                    let target = Arc::clone(&input);
                    std::thread::Builder::new()
                        .name("pipe-pane -I".to_string())
                        .spawn(move || {
                            let mut buf = [0u8; 4096];
                            while let Ok(n) = source.read(&mut buf) {
                                if n == 0 {
                                    break;
                                }
                                if let Ok(target) = target.lock() {
                                    target.send(buf[..n].to_vec());
                                }
                            }
                        })?;
                    self.input = Some(input);
                }
            }
        }
        Ok(())
    }

    /// Stop copying `pty`'s output and wait (until `deadline`) for what is queued to
    /// reach the command; the ends stay open. False if the command did not take it all
    /// in time (it then loses the rest, as a command slower than the pane does).
    pub fn drain(&mut self, pty: &Pty, deadline: Instant) -> bool {
        pty.set_tee(None);
        let Some(done) = self.writer_done.take() else {
            return true;
        };
        let left = deadline.saturating_duration_since(Instant::now());
        matches!(
            done.recv_timeout(left),
            Err(mpsc::RecvTimeoutError::Disconnected)
        )
    }

    /// The descriptors of the command's ends (to the command, from it).
    pub fn fds(&self) -> (Option<RawFd>, Option<RawFd>) {
        (
            self.to_command.as_ref().map(AsRawFd::as_raw_fd),
            self.from_command.as_ref().map(AsRawFd::as_raw_fd),
        )
    }
}
