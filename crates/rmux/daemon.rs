//! Starting the server as a true daemon, as tmux does: the client forks, the child starts
//! a new session and forks again, and that grandchild is the server. The child exits at
//! once and the client reaps it, so the server is adopted by init (or the nearest
//! subreaper) before the client goes on: a terminal or an IDE that kills the whole
//! process tree of a closed tab cannot take the server with it. No second exec either:
//! the server is this very program, already loaded.

use std::io::Write;
use std::os::fd::OwnedFd;
use std::path::Path;

use anyhow::{Context, Result, bail};

/// Start a server for `socket` in the background and return in the client, with a pipe
/// that reads end-of-file once the server listens (or has given up).
pub fn start(socket: &Path, config: Option<&Path>, verbosity: u8) -> Result<OwnedFd> {
    if !single_threaded() {
        bail!("cannot fork a server from a process with threads");
    }
    let (ready_read, ready_write) = rustix::pipe::pipe_with(rustix::pipe::PipeFlags::CLOEXEC)
        .context("cannot start the server")?;
    // Whatever is buffered would be written twice, once by each process.
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    let starter = std::process::id();
    match fork().context("cannot start the server")? {
        Forked::Child => {
            drop(ready_read);
            let _ = rustix::process::setsid();
            match fork() {
                Ok(Forked::Child) => serve(socket, config, verbosity, starter, ready_write),
                _ => exit_now(0),
            }
        }
        Forked::Parent(pid) => {
            drop(ready_write);
            // The intermediate child exits at once; reap it so it is no zombie.
            let _ = rustix::process::waitpid(Some(pid), rustix::process::WaitOptions::empty());
            Ok(ready_read)
        }
    }
}

/// The grandchild: stdio on /dev/null, then the server until it ends; never returns.
/// It keeps the client's working directory, as tmux's server does.
fn serve(socket: &Path, config: Option<&Path>, verbosity: u8, starter: u32, ready: OwnedFd) -> ! {
    if let Ok(null) = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open("/dev/null")
    {
        let _ = rustix::stdio::dup2_stdin(&null);
        let _ = rustix::stdio::dup2_stdout(&null);
        let _ = rustix::stdio::dup2_stderr(&null);
    }
    let status = match rmux_server::run(rmux_server::ServerConfig {
        socket: socket.to_path_buf(),
        config_file: config.map(Path::to_path_buf),
        verbosity,
        starter: Some(starter),
        resume: None,
        ready: Some(ready),
    }) {
        Ok(()) => 0,
        Err(_) => 1,
    };
    std::process::exit(status)
}

/// Whether this process has one thread: fork copies only the calling thread, so a lock
/// held by another would stay locked forever in the child.
fn single_threaded() -> bool {
    std::fs::read_dir("/proc/self/task").is_ok_and(|tasks| tasks.count() == 1)
}

enum Forked {
    Child,
    Parent(rustix::process::Pid),
}

#[allow(unsafe_code)] // fork(2): see the SAFETY note.
fn fork() -> std::io::Result<Forked> {
    // SAFETY: called only while the process has a single thread (checked above), so the
    // child owns every lock and allocator state it inherits; the child runs ordinary
    // Rust from there, as a freshly started program would.
    let pid = unsafe { libc::fork() };
    match pid {
        -1 => Err(std::io::Error::last_os_error()),
        0 => Ok(Forked::Child),
        pid => rustix::process::Pid::from_raw(pid)
            .map(Forked::Parent)
            .ok_or_else(|| std::io::Error::other("fork returned an invalid pid")),
    }
}

/// Leave at once, without running the parent's exit handlers a second time.
#[allow(unsafe_code)] // _exit(2): see the SAFETY note.
fn exit_now(status: i32) -> ! {
    // SAFETY: _exit takes no pointers and never returns; skipping atexit handlers and
    // buffer flushes is the point (they belong to the process that forked us).
    unsafe { libc::_exit(status) }
}
