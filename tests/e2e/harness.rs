//! The end-to-end harness: the real `rmux` binary in a pseudo-terminal of a fixed size,
//! its output read back through `rmux-term` to get the screen a user would see.
//!
//! Every test gets its own `RMUX_TMPDIR` and `HOME` (a bash whose prompt is `IN$ `), waits
//! for what it expects with a deadline instead of sleeping, and stops what it started:
//! the server with `kill-server`, its PTY children by pid.

use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use rmux_term::{Size, Terminal};

/// How long any single wait may take before the test fails.
pub const WAIT: Duration = Duration::from_secs(15);

pub const PROMPT: &str = "IN$";

/// A private rmux world: socket directory, home, environment.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub socket_name: String,
}

impl Env {
    pub fn new() -> Env {
        let dir = tempfile::Builder::new()
            .prefix("rmux-e2e-")
            .tempdir()
            .expect("temporary directory");
        let home = dir.path().join("home");
        std::fs::create_dir_all(home.join(".config")).expect("home");
        std::fs::write(
            home.join(".bashrc"),
            "PS1='IN$ '\nPROMPT_COMMAND=\nunset HISTFILE\nbind 'set enable-bracketed-paste off' 2>/dev/null\n",
        )
        .expect("bashrc");
        std::fs::write(home.join(".bash_profile"), ". ~/.bashrc\n").expect("profile");
        // A configuration file, empty: a user who has one is past the first-run hint, so
        // the status line the tests compare with tmux's is tmux's. (tmux reads it too.)
        std::fs::create_dir_all(home.join(".config/tmux")).expect("config dir");
        std::fs::write(Env::empty_config(&home), "").expect("config");
        std::fs::create_dir_all(dir.path().join("tmp")).expect("tmp");
        Env {
            dir,
            socket_name: "default".to_string(),
        }
    }

    /// The empty configuration file every test's home has (see [`Env::new`]).
    fn empty_config(home: &std::path::Path) -> PathBuf {
        home.join(".config/tmux/tmux.conf")
    }

    /// This home as a newcomer's: no configuration file at all.
    pub fn without_config(&self) {
        std::fs::remove_file(Env::empty_config(&self.home())).expect("remove the config");
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    pub fn tmpdir(&self) -> PathBuf {
        self.dir.path().join("tmp")
    }

    /// Where the server's socket is.
    pub fn socket(&self) -> PathBuf {
        let uid = current_uid();
        self.tmpdir()
            .join(format!("rmux-{uid}"))
            .join(&self.socket_name)
    }

    /// The variables every rmux process of this test runs with.
    pub fn vars(&self) -> Vec<(String, String)> {
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".to_string());
        vec![
            ("RMUX_TMPDIR".into(), self.tmpdir().display().to_string()),
            ("HOME".into(), self.home().display().to_string()),
            ("SHELL".into(), "/bin/bash".into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("TERM".into(), "xterm-256color".into()),
            ("PATH".into(), path),
        ]
    }

    /// `rmux args…` without a terminal, bounded in time.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(rmux_bin());
        cmd.args(args)
            .env_clear()
            .envs(self.vars())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let child = cmd.spawn().expect("run rmux");
        wait_output(child, WAIT)
    }

    /// `rmux args…` that must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "rmux {args:?} failed ({:?}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Wait until `capture-pane` of `target` satisfies `pred`.
    pub fn wait_capture(&self, target: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let out = self.run(&["capture-pane", "-p", "-t", target]);
            let text = String::from_utf8_lossy(&out.stdout).into_owned();
            if out.status.success() && pred(&text) {
                return text;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; pane {target} shows:\n{text}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// A terminal of `cols`x`rows` running `rmux args…`.
    pub fn spawn(&self, cols: u16, rows: u16, args: &[&str]) -> Tty {
        self.spawn_with(cols, rows, args, &[])
    }

    /// A terminal running an interactive bash (prompt `IN$ `) in this environment.
    pub fn spawn_shell(&self, cols: u16, rows: u16) -> Tty {
        let mut cmd = CommandBuilder::new("bash");
        cmd.args(["--login", "-i"]);
        cmd.env_clear();
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
        cmd.cwd(self.home());
        Tty::spawn(cmd, cols, rows)
    }

    pub fn spawn_with(&self, cols: u16, rows: u16, args: &[&str], extra: &[(&str, &str)]) -> Tty {
        let mut cmd = CommandBuilder::new(rmux_bin());
        cmd.args(args);
        cmd.env_clear();
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
        for (k, v) in extra {
            cmd.env(k, v);
        }
        cmd.cwd(self.home());
        Tty::spawn(cmd, cols, rows)
    }
}

impl Env {
    /// A terminal running a tmux client on a private socket, with the same environment,
    /// for side-by-side comparisons.
    pub fn spawn_tmux(&self, cols: u16, rows: u16, socket: &str) -> Tty {
        let mut cmd = CommandBuilder::new("tmux");
        cmd.args(["-S", socket, "-f", "/dev/null", "new", "-s", "t"]);
        cmd.env_clear();
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
        cmd.cwd(self.home());
        Tty::spawn(cmd, cols, rows)
    }
}

/// A tmux server on a private socket in the test's directory, with the test's
/// environment and no configuration file: the reference rmux is compared with. Dropping
/// it stops the server.
pub struct Tmux {
    pub socket: PathBuf,
    vars: Vec<(String, String)>,
}

impl Tmux {
    pub fn new(env: &Env, name: &str) -> Tmux {
        require_tmux();
        Tmux {
            socket: env.dir.path().join(format!("{name}.sock")),
            vars: env.vars(),
        }
    }

    /// `tmux args…` without a terminal, bounded in time.
    pub fn run(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new("tmux");
        cmd.arg("-S")
            .arg(&self.socket)
            .args(["-f", "/dev/null"])
            .args(args)
            .env_clear()
            .envs(self.vars.iter().cloned())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        wait_output(cmd.spawn().expect("run tmux"), WAIT)
    }

    /// `tmux args…` that must succeed; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed ({:?}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A terminal running a tmux client of this server.
    pub fn spawn(&self, cols: u16, rows: u16, args: &[&str]) -> Tty {
        let mut cmd = CommandBuilder::new("tmux");
        cmd.arg("-S");
        cmd.arg(&self.socket);
        cmd.args(["-f", "/dev/null"]);
        cmd.args(args);
        cmd.env_clear();
        for (k, v) in &self.vars {
            cmd.env(k, v);
        }
        Tty::spawn(cmd, cols, rows)
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        // Stop every server this test started (the default one, and any on a socket of
        // its own under the test's directory, even when the test failed half-way);
        // their panes go with them.
        let mut sockets = vec![None];
        sockets.extend(sockets_under(&self.tmpdir()).into_iter().map(Some));
        for socket in sockets {
            let mut cmd = Command::new(rmux_bin());
            if let Some(s) = &socket {
                cmd.arg("-S").arg(s);
            }
            cmd.arg("kill-server")
                .env_clear()
                .envs(self.vars())
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            if let Ok(child) = cmd.spawn() {
                let _ = wait_output(child, Duration::from_secs(5));
            }
        }
    }
}

/// The Unix sockets in `dir` and below.
fn sockets_under(dir: &std::path::Path) -> Vec<PathBuf> {
    use std::os::unix::fs::FileTypeExt;
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for e in entries.flatten() {
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_socket() {
            found.push(e.path());
        } else if kind.is_dir() {
            found.extend(sockets_under(&e.path()));
        }
    }
    found
}

/// Tests that compare with tmux need it: without it they would prove nothing, so they
/// fail, loudly, rather than pass.
pub fn require_tmux() {
    let found = Command::new("tmux")
        .arg("-V")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        found,
        "tmux is not installed: this test compares rmux with tmux and cannot run without it \
         (.ci/run installs it; on Debian: apt-get install tmux)"
    );
}

pub fn rmux_bin() -> &'static str {
    env!("CARGO_BIN_EXE_rmux")
}

pub fn current_uid() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("Uid:"))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|u| u.parse().ok())
        .unwrap_or(0)
}

/// Wait for a child with a deadline; kill it (by pid) if it overstays. Its output is
/// read while it runs, so a child printing more than a pipe holds cannot stall.
pub fn wait_output(mut child: std::process::Child, limit: Duration) -> Output {
    let drain = |pipe: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut data = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut data);
            }
            data
        })
    };
    let stdout = drain(
        child
            .stdout
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let stderr = drain(
        child
            .stderr
            .take()
            .map(|p| Box::new(p) as Box<dyn Read + Send>),
    );
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                let err = stderr.join().unwrap_or_default();
                panic!(
                    "rmux did not finish within {limit:?}: stderr {}",
                    String::from_utf8_lossy(&err)
                );
            }
        }
    };
    Output {
        status,
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    }
}

/// A pseudo-terminal with a program in it and the screen it draws.
pub struct Tty {
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<Terminal>>,
    /// Everything the program wrote, for tests that count bytes or look for sequences.
    raw: Arc<Mutex<Vec<u8>>>,
    eof: Arc<Mutex<bool>>,
}

impl Tty {
    fn spawn(cmd: CommandBuilder, cols: u16, rows: u16) -> Tty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let child = pair.slave.spawn_command(cmd).expect("spawn rmux in a pty");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        let screen = Arc::new(Mutex::new(Terminal::new(Size { cols, rows }, 1000)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let eof = Arc::new(Mutex::new(false));
        let (s, r, e) = (screen.clone(), raw.clone(), eof.clone());
        let replies = pair.master.take_writer().ok();
        std::thread::spawn(move || {
            let mut replies = replies;
            let mut buf = [0u8; 65536];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        r.lock().unwrap().extend_from_slice(&buf[..n]);
                        let answer = {
                            let mut t = s.lock().unwrap();
                            t.feed(&buf[..n]);
                            t.take_replies()
                        };
                        // Answer the program's queries (cursor position...) as a terminal does.
                        if let (false, Some(w)) = (answer.is_empty(), replies.as_mut()) {
                            let _ = w.write_all(&answer);
                        }
                    }
                }
            }
            *e.lock().unwrap() = true;
        });
        Tty {
            master: Some(pair.master),
            writer: Some(writer),
            child,
            screen,
            raw,
            eof,
        }
    }

    /// The screen's rows as text (trailing blanks trimmed).
    pub fn lines(&self) -> Vec<String> {
        let t = self.screen.lock().unwrap();
        (0..i64::from(t.size().rows))
            .map(|y| t.row(y).map(|r| r.text()).unwrap_or_default())
            .collect()
    }

    pub fn text(&self) -> String {
        self.lines().join("\n")
    }

    /// Look at the screen while holding it still.
    pub fn with_screen<T>(&self, f: impl FnOnce(&Terminal) -> T) -> T {
        f(&self.screen.lock().unwrap())
    }

    pub fn raw(&self) -> Vec<u8> {
        self.raw.lock().unwrap().clone()
    }

    /// Wait until the screen satisfies `pred`; fail with the screen otherwise.
    pub fn wait(&self, what: &str, pred: impl Fn(&[String]) -> bool) {
        let deadline = Instant::now() + WAIT;
        loop {
            let lines = self.lines();
            if pred(&lines) {
                return;
            }
            if Instant::now() > deadline {
                let raw = self.raw();
                let tail =
                    String::from_utf8_lossy(&raw[raw.len().saturating_sub(600)..]).into_owned();
                panic!(
                    "timed out waiting for {what}; screen:\n{}\nlast output: {tail:?}",
                    lines.join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait until some line contains `needle`.
    /// Wait until the bottom line (the status line, a prompt or a message) starts with
    /// `start`.
    pub fn wait_bottom(&self, what: &str, start: &str) {
        self.wait(what, |ls| ls.last().is_some_and(|l| l.starts_with(start)));
    }

    pub fn wait_text(&self, needle: &str) {
        self.wait(&format!("{needle:?} on screen"), |ls| {
            ls.iter().any(|l| l.contains(needle))
        });
    }

    /// Wait for a line that is exactly `line` (after trimming).
    pub fn wait_line(&self, line: &str) {
        self.wait(&format!("a line {line:?}"), |ls| {
            ls.iter().any(|l| l.trim_end() == line)
        });
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("terminal is open");
        w.write_all(bytes).expect("write to the pty");
        w.flush().expect("flush the pty");
    }

    /// Type a line and press Enter.
    pub fn line(&mut self, text: &str) {
        self.send(text.as_bytes());
        self.send(b"\r");
    }

    /// The prefix (C-b) then `key`.
    pub fn prefix(&mut self, key: &[u8]) {
        self.send(b"\x02");
        self.send(key);
    }

    pub fn resize(&mut self, cols: u16, rows: u16) {
        // Our screen first, as a terminal window is resized before its program hears
        // of it: a frame drawn for the new size must never be read at the old one.
        self.screen.lock().unwrap().resize(Size { cols, rows });
        self.master
            .as_ref()
            .expect("terminal is open")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize");
    }

    /// Wait for the program to exit; its exit code.
    pub fn wait_exit(&mut self) -> u32 {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                // Let the reader drain what was written before the exit.
                let drained = Instant::now() + Duration::from_secs(2);
                while !*self.eof.lock().unwrap() && Instant::now() < drained {
                    std::thread::sleep(Duration::from_millis(5));
                }
                return status.exit_code();
            }
            if Instant::now() > deadline {
                panic!("rmux client did not exit; screen:\n{}", self.text());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Kill the program in the terminal (by pid), as a crash or `kill -9` would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Close the terminal as a user closing the window does: the program gets SIGHUP
    /// (sent by pid, as the kernel would on hang-up) and its terminal goes away.
    pub fn hang_up(mut self) {
        if let Some(pid) = self.child.process_id() {
            signal(pid, "HUP");
        }
        self.writer = None;
        self.master = None;
        let deadline = Instant::now() + WAIT;
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("the client did not exit when its terminal closed");
    }
}

impl Drop for Tty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A TCP port nobody listens on right now.
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    l.local_addr().expect("addr").port()
}

/// `GET /` on localhost; the body, or None if nothing answers.
pub fn http_get(port: u16) -> Option<String> {
    use std::net::TcpStream;
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(3))).ok()?;
    s.write_all(b"GET / HTTP/1.0\r\nHost: localhost\r\n\r\n")
        .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

/// Poll `f` until it returns Some, for at most [`WAIT`].
pub fn eventually<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(v) = f() {
            return v;
        }
        if Instant::now() > deadline {
            panic!("timed out waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The text of the file at `path` once it contains `needle`.
pub fn wait_file(path: &std::path::Path, what: &str, needle: &str) -> String {
    eventually(what, || {
        std::fs::read_to_string(path)
            .ok()
            .filter(|t| t.contains(needle))
    })
}

/// Session `p` whose pane is piped (pipe-pane) to a command appending to the returned
/// log, and `closed` once its input ends; `before-2` has reached the log.
pub fn piped_pane(env: &Env) -> std::path::PathBuf {
    env.ok(&["new", "-d", "-s", "p", "-x", "80", "-y", "24"]);
    let log = env.dir.path().join("pane.log");
    let cmd = format!("cat >> {0}; echo closed >> {0}", log.display());
    env.wait_capture("p", "the prompt", |c| c.contains(PROMPT));
    env.ok(&["pipe-pane", "-t", "p", &cmd]);
    env.ok(&["send-keys", "-t", "p", "echo before-$((1+1))", "Enter"]);
    wait_file(&log, "the output before", "before-2");
    log
}

/// What the kernel says about a process: descriptors, threads, resident memory, CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProcStats {
    pub fds: usize,
    pub threads: usize,
    pub rss_kib: u64,
    /// User + system CPU time, in clock ticks.
    pub cpu_ticks: u64,
}

pub fn proc_stats(pid: u32) -> ProcStats {
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .map(|d| d.count())
        .unwrap_or(0);
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| -> u64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let after_comm: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name.
    let tick = |i: usize| -> u64 { after_comm.get(i).and_then(|v| v.parse().ok()).unwrap_or(0) };
    ProcStats {
        fds,
        threads: field("Threads:") as usize,
        rss_kib: field("VmRSS:"),
        cpu_ticks: tick(11) + tick(12),
    }
}

/// The parent of a process.
pub fn parent_of(pid: u32) -> u32 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    stat.rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

pub fn is_alive(pid: u32) -> bool {
    std::path::Path::new(&format!("/proc/{pid}")).exists()
}

/// Send `signal` (a name: TERM, KILL, STOP, CONT, USR1, HUP) to a process by pid.
/// Sent with the system call, not the `kill` program: procps-ng 4.0.2's reads
/// `kill -KILL -PGID` as `kill(-1, SIGKILL)`, every process of the user.
pub fn signal(pid: u32, signal: &str) {
    if let Some((pid, sig)) = pid_and_signal(pid, signal) {
        let _ = rustix::process::kill_process(pid, sig);
    }
}

/// Send `signal` to every process of a process group.
pub fn signal_group(pgid: u32, signal: &str) {
    if let Some((pgid, sig)) = pid_and_signal(pgid, signal) {
        let _ = rustix::process::kill_process_group(pgid, sig);
    }
}

fn pid_and_signal(
    pid: u32,
    signal: &str,
) -> Option<(rustix::process::Pid, rustix::process::Signal)> {
    use rustix::process::Signal;
    let sig = match signal {
        "TERM" => Signal::TERM,
        "KILL" => Signal::KILL,
        "STOP" => Signal::STOP,
        "CONT" => Signal::CONT,
        "USR1" => Signal::USR1,
        "HUP" => Signal::HUP,
        _ => return None,
    };
    // Never 0 or 1: those would reach the caller's group or init.
    let pid = i32::try_from(pid).ok().filter(|p| *p > 1)?;
    Some((rustix::process::Pid::from_raw(pid)?, sig))
}

impl Env {
    /// The server's pid.
    pub fn server_pid(&self) -> u32 {
        self.ok(&["display", "-p", "#{pid}"])
            .trim()
            .parse()
            .expect("the server's pid")
    }
}

impl Tty {
    /// The program running in the terminal.
    pub fn pid(&self) -> Option<u32> {
        self.child.process_id()
    }
}

/// The fields of a `/proc/<pid>/stat` text after the command name (which may hold
/// spaces and parentheses): state, ppid, pgrp, session, ...
pub fn stat_fields(stat: &str) -> Vec<&str> {
    stat.rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect()
}
