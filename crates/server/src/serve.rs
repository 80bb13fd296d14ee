//! The server process: the socket, the one loop that owns all state, and how it ends.

use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use tokio::net::UnixListener;
use tokio::signal::unix::{SignalKind, signal};
use tokio::sync::mpsc;
use tokio::task::JoinSet;

use crate::server::Server;

/// How the server was asked to start.
#[derive(Debug)]
pub struct ServerConfig {
    pub socket: PathBuf,
    /// `-f file`; `None` reads the default files if they exist.
    pub config_file: Option<PathBuf>,
    /// `-v`: write a log, `rmux-server-<pid>.log` in the starting directory (`-vv`: more).
    pub verbosity: u8,
    /// The process that started the server: its first command waits for the
    /// configuration to be loaded, as in tmux.
    pub starter: Option<u32>,
    /// A live upgrade: carry on from the state the replaced server left in this file
    /// (with its socket and PTYs already open in this process).
    pub resume: Option<PathBuf>,
    /// Closed once the socket listens (or the server gives up): the client that started
    /// this server waits for that rather than trying to connect again and again.
    pub ready: Option<std::os::fd::OwnedFd>,
}

/// A server with no session and no client this long after starting gives up.
const IDLE_START: Duration = Duration::from_secs(5);
/// How long new connections wait after an accept failed (out of descriptors).
const ACCEPT_PAUSE: Duration = Duration::from_millis(500);
/// How long clients get to read their last messages when the server exits.
const DRAIN: Duration = Duration::from_secs(1);

/// Run the server until its last session ends. Call this in a fresh process: it becomes a
/// session leader and builds its own runtime.
pub fn run(config: ServerConfig) -> Result<()> {
    // Detach from the caller's terminal session, so closing it does not reach us.
    let _ = rustix::process::setsid();
    if config.verbosity > 0 {
        start_log(config.verbosity)?;
    }
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the runtime")?;
    let result = runtime.block_on(serve(config));
    // A job may be stuck on a FIFO nobody opens: do not wait for it to leave.
    runtime.shutdown_background();
    result
}

async fn serve(mut config: ServerConfig) -> Result<()> {
    let ready = config.ready.take();
    let (mut listener, resumed) = match &config.resume {
        Some(path) => {
            let state = crate::handover::read(path).map_err(|e| anyhow::anyhow!(e))?;
            let _ = std::fs::remove_file(path);
            (inherited_listener(state.listener)?, Some(state))
        }
        None => match bind(&config.socket)? {
            Some(listener) => (listener, None),
            // Another server won the race to start; the caller will talk to it.
            None => return Ok(()),
        },
    };
    drop(ready);
    crate::tmux_face::install_shim(&config.socket);
    let (events, mut rx) = mpsc::unbounded_channel();
    let mut server = Server::new(config.socket.clone(), events.clone());
    server.listener_fd = Some(listener.as_raw_fd());
    server.queues.starter_pid = config.starter;
    server.carry_last_snapshot();
    match resumed {
        Some(state) => {
            server.resume(state);
            tracing::info!("carrying on from the server this one replaced");
        }
        None => server.load_config(config.config_file.as_deref()),
    }
    let mut tasks = JoinSet::new();
    let mut terminate = signal(SignalKind::terminate()).context("cannot handle SIGTERM")?;
    let mut hangup = signal(SignalKind::hangup()).context("cannot handle SIGHUP")?;
    let mut usr1 = signal(SignalKind::user_defined1()).context("cannot handle SIGUSR1")?;
    // The first tick a second from now, not at once: the first command is answered
    // before the once-a-second work (and the default key bindings it parses) is done.
    let mut ticker = tokio::time::interval_at(
        tokio::time::Instant::now() + Duration::from_secs(1),
        Duration::from_secs(1),
    );
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
    let started = Instant::now();
    // After a failed accept (out of descriptors), stop accepting for a while rather
    // than fail again at once, forever; everything else is served meanwhile.
    let mut accept_paused: Option<Instant> = None;

    let mut ticking = true;
    loop {
        // A ticker that slept starts again a second from now, not at once: its first
        // tick must not land in the turn of the key or output that woke the server.
        let wants_tick = server.wants_tick();
        if wants_tick && !ticking {
            ticker.reset();
        }
        ticking = wants_tick;
        let wake = server.next_wake();
        let accepting = accept_paused.is_none_or(|t| Instant::now() >= t);
        let wake = match (wake, accept_paused.filter(|_| !accepting)) {
            (Some(w), Some(a)) => Some(w.min(a)),
            (w, a) => w.or(a),
        };
        tokio::select! {
            ev = rx.recv() => {
                if let Some(ev) = ev {
                    server.handle_event(ev);
                }
            }
            accepted = listener.accept(), if accepting => match accepted {
                Ok((stream, _)) => {
                    accept_paused = None;
                    server.accept(stream, &events, &mut tasks);
                }
                Err(e) => {
                    tracing::warn!("accept failed, pausing new connections: {e}");
                    accept_paused = Some(Instant::now() + ACCEPT_PAUSE);
                }
            },
            () = sleep_until(wake), if wake.is_some() => {}
            _ = ticker.tick(), if ticking => server.tick(),
            _ = terminate.recv() => server.kill_server(),
            // We have no terminal; a SIGHUP is someone asking us to carry on.
            _ = hangup.recv() => {}
            // tmux's way to get back a socket someone deleted: listen on it anew.
            _ = usr1.recv() => match rebind(&config.socket) {
                Ok(fresh) => {
                    listener = fresh;
                    server.listener_fd = Some(listener.as_raw_fd());
                }
                Err(e) => tracing::warn!("cannot recreate the socket: {e:#}"),
            },
            Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
        }
        while let Ok(ev) = rx.try_recv() {
            server.handle_event(ev);
        }
        server.flush_control_output();
        server.observe_changes();
        server.run_pending_hooks();
        server.expire(Instant::now());
        server.render_clients(Instant::now());
        server.start_status_jobs();
        if server.exiting {
            break;
        }
        if server.sessions.is_empty() && server.clients.is_empty() && started.elapsed() > IDLE_START
        {
            break;
        }
    }
    drop(listener);
    let _ = std::fs::remove_file(&config.socket);
    crate::tmux_face::remove_shim(&config.socket);
    // The clients hear the end first (`kill-server`'s caller its exit status, once the
    // socket is gone): their connections close as soon as what is queued is written,
    // before the panes are torn down.
    server.clients.clear();
    let _ = tokio::time::timeout(DRAIN, async { while tasks.join_next().await.is_some() {} }).await;
    drop(server);
    drop(events);
    Ok(())
}

/// The server has no terminal: with `-v` it logs to a file, as tmux does.
fn start_log(verbosity: u8) -> Result<()> {
    let name = format!("rmux-server-{}.log", std::process::id());
    let file = std::fs::File::create(&name).with_context(|| format!("cannot create {name}"))?;
    let level = if verbosity > 1 {
        tracing::Level::TRACE
    } else {
        tracing::Level::DEBUG
    };
    tracing::subscriber::set_global_default(crate::log::FileLog::new(file, level))
        .map_err(|e| anyhow::anyhow!("cannot start the log: {e}"))?;
    tracing::info!("rmux {} server started", env!("CARGO_PKG_VERSION"));
    Ok(())
}

async fn sleep_until(wake: Option<Instant>) {
    if let Some(w) = wake {
        tokio::time::sleep_until(w.into()).await;
    }
}

/// The listening socket the replaced server left open at descriptor `fd`.
fn inherited_listener(fd: i32) -> Result<UnixListener> {
    let owned = crate::inherit::take(fd).context("the inherited socket is not open")?;
    let std_listener = std::os::unix::net::UnixListener::from(owned);
    std_listener.set_nonblocking(true)?;
    Ok(UnixListener::from_std(std_listener)?)
}

/// Listen on `socket` again (after SIGUSR1), replacing whatever is at that path.
fn rebind(socket: &Path) -> Result<UnixListener> {
    if let Some(dir) = socket.parent() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    }
    match std::fs::remove_file(socket) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            return Err(e).with_context(|| format!("cannot remove {}", socket.display()));
        }
        _ => {}
    }
    let std_listener = std::os::unix::net::UnixListener::bind(socket)
        .with_context(|| format!("cannot listen on {}", socket.display()))?;
    std_listener.set_nonblocking(true)?;
    Ok(UnixListener::from_std(std_listener)?)
}

/// Bind the socket, unless a live server already has it. A stale socket (nothing behind
/// it) is replaced. The socket's directory is locked meanwhile, so two servers starting at once end
/// up as one.
fn bind(socket: &Path) -> Result<Option<UnixListener>> {
    // The client checked (and created) a private directory before starting us.
    let dir = socket.parent().unwrap_or(Path::new("."));
    let lock = rustix::fs::open(
        dir,
        rustix::fs::OFlags::RDONLY | rustix::fs::OFlags::DIRECTORY | rustix::fs::OFlags::CLOEXEC,
        rustix::fs::Mode::empty(),
    )
    .with_context(|| format!("cannot open {}", dir.display()))?;
    rustix::fs::flock(&lock, rustix::fs::FlockOperation::LockExclusive)
        .with_context(|| format!("cannot lock {}", dir.display()))?;
    if socket.exists() {
        if std::os::unix::net::UnixStream::connect(socket).is_ok() {
            return Ok(None);
        }
        std::fs::remove_file(socket)
            .with_context(|| format!("cannot remove stale socket {}", socket.display()))?;
    }
    let std_listener = std::os::unix::net::UnixListener::bind(socket)
        .with_context(|| format!("cannot listen on {}", socket.display()))?;
    std_listener.set_nonblocking(true)?;
    let listener = UnixListener::from_std(std_listener)?;
    drop(lock);
    Ok(Some(listener))
}
