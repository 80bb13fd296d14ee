//! Finding the server: connect to its socket, or start one and wait for it.

use std::io::ErrorKind;
use std::os::fd::OwnedFd;
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};

/// How long a freshly started server may take to listen.
const START_TIMEOUT: Duration = Duration::from_secs(5);

/// A connection to the server at `socket`; when none answers, start one if `may_start`,
/// else `None`.
/// Whether and how to start a server when none answers.
pub struct Start<'a> {
    pub allowed: bool,
    pub config: Option<&'a Path>,
    pub verbosity: u8,
}

/// `private_dir`: the socket is in rmux's own per-user directory (not a `-S` path), which
/// must exist and be safe before a server starts there.
pub fn connect(socket: &Path, private_dir: bool, start: &Start<'_>) -> Result<Option<UnixStream>> {
    if private_dir && let Some(dir) = socket.parent().filter(|d| d.exists()) {
        // Someone else's or an open directory could hold a socket planted to catch us.
        rmux_server::paths::check_socket_dir(dir)?;
    }
    match UnixStream::connect(socket) {
        Ok(s) => return Ok(Some(s)),
        Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::ConnectionRefused) => {}
        Err(e) => {
            return Err(e).with_context(|| format!("error connecting to {}", socket.display()));
        }
    }
    if !start.allowed {
        return Ok(None);
    }
    if private_dir {
        rmux_server::paths::prepare_socket_dir(socket)?;
    }
    let ready = start_server(socket, start)?;
    let deadline = Instant::now() + START_TIMEOUT;
    if let Some(ready) = ready {
        wait_until_closed(&ready, deadline);
    }
    loop {
        match UnixStream::connect(socket) {
            Ok(s) => return Ok(Some(s)),
            // A fresh server listens within a few milliseconds: poll finely.
            Err(_) if Instant::now() < deadline => std::thread::sleep(Duration::from_micros(250)),
            Err(e) => {
                return Err(e)
                    .with_context(|| format!("the server did not start on {}", socket.display()));
            }
        }
    }
}

/// Start the server as a daemon (see `daemon.rs`), with the pipe that says when it
/// listens; a process that already runs threads cannot fork safely and starts
/// `rmux __server` instead.
fn start_server(socket: &Path, start: &Start<'_>) -> Result<Option<OwnedFd>> {
    match crate::daemon::start(socket, start.config, start.verbosity) {
        Ok(ready) => Ok(Some(ready)),
        Err(_) => spawn_server(socket, start).map(|()| None),
    }
}

/// Wait (until `deadline`) for the server to close its end of `ready`: it listens then.
fn wait_until_closed(ready: &OwnedFd, deadline: Instant) {
    let mut byte = [0u8; 1];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let timeout = rustix::event::Timespec {
            tv_sec: i64::try_from(left.as_secs()).unwrap_or(i64::MAX),
            tv_nsec: i64::from(left.subsec_nanos()),
        };
        let mut fds = [rustix::event::PollFd::new(
            ready,
            rustix::event::PollFlags::IN,
        )];
        match rustix::event::poll(&mut fds, Some(&timeout)) {
            Ok(0) => return,
            Ok(_) => match rustix::io::read(ready, &mut byte) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            },
            Err(rustix::io::Errno::INTR) => {}
            Err(_) => return,
        }
    }
}

/// Start `rmux __server` detached from us: no stdio, its own session (it calls setsid).
fn spawn_server(socket: &Path, start: &Start<'_>) -> Result<()> {
    let exe = std::env::current_exe().context("cannot find the rmux executable")?;
    let mut cmd = Command::new(exe);
    cmd.arg("__server")
        .arg("-S")
        .arg(socket)
        .arg("-P")
        .arg(std::process::id().to_string());
    if let Some(c) = start.config {
        cmd.arg("-f").arg(c);
    }
    for _ in 0..start.verbosity {
        cmd.arg("-v");
    }
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let mut child = cmd.spawn().context("cannot start the server")?;
    // The server keeps running after it detaches; reap our child handle in a thread so
    // it never lingers as a zombie while this client runs.
    std::thread::spawn(move || child.wait());
    Ok(())
}
