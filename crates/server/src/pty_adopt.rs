//! A pane's PTY master held by its descriptor (one this server opened, or one inherited
//! across `exec` from the server this one replaced by `server-upgrade`), and a program
//! taken over in such an upgrade, still our child though another process image started
//! it. These stand where portable-pty's own types would.

use std::os::fd::{AsRawFd, OwnedFd, RawFd};

use anyhow::{Context, Result, anyhow};
use portable_pty::{Child, ChildKiller, MasterPty, PtySize};
use rustix::process::{Pid, WaitOptions};

/// The master side of a PTY.
pub struct OwnMaster(pub OwnedFd);

impl MasterPty for OwnMaster {
    fn resize(&self, size: PtySize) -> Result<()> {
        let ws = rustix::termios::Winsize {
            ws_row: size.rows,
            ws_col: size.cols,
            ws_xpixel: size.pixel_width,
            ws_ypixel: size.pixel_height,
        };
        rustix::termios::tcsetwinsize(&self.0, ws).context("cannot resize the PTY")
    }

    fn get_size(&self) -> Result<PtySize> {
        let ws = rustix::termios::tcgetwinsize(&self.0).context("cannot read the PTY's size")?;
        Ok(PtySize {
            rows: ws.ws_row,
            cols: ws.ws_col,
            pixel_width: ws.ws_xpixel,
            pixel_height: ws.ws_ypixel,
        })
    }

    // The server reads and writes through its own duplicates (`pty_io::MasterFd`).
    fn try_clone_reader(&self) -> Result<Box<dyn std::io::Read + Send>> {
        Err(anyhow!("a pane's PTY is read through its descriptor"))
    }

    fn take_writer(&self) -> Result<Box<dyn std::io::Write + Send>> {
        Err(anyhow!("a pane's PTY is written through its descriptor"))
    }

    fn process_group_leader(&self) -> Option<i32> {
        rustix::termios::tcgetpgrp(&self.0)
            .ok()
            .map(Pid::as_raw_nonzero)
            .map(i32::from)
    }

    fn as_raw_fd(&self) -> Option<RawFd> {
        Some(self.0.as_raw_fd())
    }

    fn tty_name(&self) -> Option<std::path::PathBuf> {
        rustix::pty::ptsname(&self.0, Vec::new())
            .ok()
            .map(|name| std::path::PathBuf::from(name.to_string_lossy().into_owned()))
    }
}

/// A program the replaced server started: still our child, so waited for as any other.
#[derive(Debug)]
pub struct AdoptedChild {
    pid: u32,
}

impl AdoptedChild {
    pub fn new(pid: u32) -> AdoptedChild {
        AdoptedChild { pid }
    }

    fn wait_with(&self, options: WaitOptions) -> std::io::Result<Option<portable_pty::ExitStatus>> {
        use std::os::unix::process::ExitStatusExt;
        let pid = i32::try_from(self.pid)
            .ok()
            .and_then(Pid::from_raw)
            .ok_or_else(|| std::io::Error::other("bad pid"))?;
        match rustix::process::waitpid(Some(pid), options) {
            Ok(Some((_, status))) => Ok(Some(portable_pty::ExitStatus::from(
                std::process::ExitStatus::from_raw(status.as_raw()),
            ))),
            Ok(None) => Ok(None),
            // Collected before the hand-over (the old server's reaper was quicker than
            // the exec): gone, with nothing more to say how.
            Err(rustix::io::Errno::CHILD) => Ok(Some(portable_pty::ExitStatus::with_exit_code(0))),
            Err(e) => Err(e.into()),
        }
    }
}

impl ChildKiller for AdoptedChild {
    fn kill(&mut self) -> std::io::Result<()> {
        let pid = i32::try_from(self.pid)
            .ok()
            .and_then(Pid::from_raw)
            .ok_or_else(|| std::io::Error::other("bad pid"))?;
        rustix::process::kill_process(pid, rustix::process::Signal::HUP).map_err(Into::into)
    }

    fn clone_killer(&self) -> Box<dyn ChildKiller + Send + Sync> {
        Box::new(AdoptedChild { pid: self.pid })
    }
}

impl Child for AdoptedChild {
    fn try_wait(&mut self) -> std::io::Result<Option<portable_pty::ExitStatus>> {
        self.wait_with(WaitOptions::NOHANG)
    }

    fn wait(&mut self) -> std::io::Result<portable_pty::ExitStatus> {
        self.wait_with(WaitOptions::empty())?
            .ok_or_else(|| std::io::Error::other("waitpid returned no status"))
    }

    fn process_id(&self) -> Option<u32> {
        Some(self.pid)
    }
}
