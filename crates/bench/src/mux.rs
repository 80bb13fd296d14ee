//! One multiplexer (rmux or tmux) and a private world to run it in: its own socket
//! directory, a throwaway HOME, `/bin/sh` as the shell, no config file. Everything a
//! world starts, it stops: `kill-server`, then the server and the panes by pid.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use portable_pty::CommandBuilder;

use crate::procfs;

/// How long one command line (`new-session`, `capture-pane`, ...) may take.
pub const COMMAND_LIMIT: Duration = Duration::from_secs(30);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Rmux,
    Tmux,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Rmux => "rmux",
            Kind::Tmux => "tmux",
        }
    }

    fn tmpdir_var(self) -> &'static str {
        match self {
            Kind::Rmux => "RMUX_TMPDIR",
            Kind::Tmux => "TMUX_TMPDIR",
        }
    }
}

/// A multiplexer binary.
#[derive(Clone, Debug)]
pub struct Muxer {
    pub kind: Kind,
    pub bin: PathBuf,
}

impl Muxer {
    /// `-V`, run outside any world.
    pub fn version(&self) -> Result<String> {
        let mut cmd = Command::new(&self.bin);
        cmd.arg("-V");
        let out = procfs::run_bounded(cmd, Duration::from_secs(10))?;
        if !out.status.success() {
            bail!("{} -V failed", self.bin.display());
        }
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }
}

/// A private instance of one multiplexer.
pub struct World {
    pub kind: Kind,
    bin: PathBuf,
    dir: tempfile::TempDir,
    server: Option<u32>,
    closed: bool,
}

impl World {
    pub fn new(m: &Muxer) -> Result<World> {
        let dir = tempfile::Builder::new()
            .prefix(&format!("rmux-bench-{}-", m.kind.name()))
            .tempdir()
            .context("create a temporary directory")?;
        for sub in ["home", "tmp", "work"] {
            std::fs::create_dir_all(dir.path().join(sub))
                .with_context(|| format!("create {sub} in the temporary directory"))?;
        }
        Ok(World {
            kind: m.kind,
            bin: m.bin.clone(),
            dir,
            server: None,
            closed: false,
        })
    }

    fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// The snapshot file in this world's home, once there is one (its name carries a
    /// hash of the socket's directory).
    pub fn snapshot_file(&self) -> Option<PathBuf> {
        let dir = self.home().join(".local/state/rmux");
        std::fs::read_dir(dir)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|e| e == "snapshot"))
    }

    /// A path for a marker or timestamp file of this world.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join("work").join(name)
    }

    /// The environment of every process of this world (the same for rmux and tmux).
    pub fn vars(&self) -> Vec<(String, String)> {
        let path = std::env::var("PATH").unwrap_or_else(|_| "/usr/bin:/bin".to_string());
        let tmp = self.dir.path().join("tmp").display().to_string();
        vec![
            (self.kind.tmpdir_var().to_string(), tmp.clone()),
            ("TMPDIR".to_string(), tmp),
            ("HOME".to_string(), self.home().display().to_string()),
            ("SHELL".to_string(), "/bin/sh".to_string()),
            ("LANG".to_string(), "C.UTF-8".to_string()),
            ("TERM".to_string(), "xterm-256color".to_string()),
            ("PATH".to_string(), path),
        ]
    }

    fn global_args(&self) -> [&'static str; 4] {
        ["-f", "/dev/null", "-L", "bench"]
    }

    /// `<mux> -f /dev/null -L bench args…` with this world's environment.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.args(self.global_args())
            .args(args)
            .env_clear()
            .envs(self.vars())
            .current_dir(self.home());
        cmd
    }

    /// Runs a command that must succeed; its standard output.
    pub fn run(&self, args: &[&str]) -> Result<String> {
        let out = procfs::run_bounded(self.command(args), COMMAND_LIMIT)?;
        if !out.status.success() {
            bail!(
                "{} {} failed ({}): {}",
                self.kind.name(),
                args.join(" "),
                out.status,
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Runs a command and returns how long it took (it must succeed).
    pub fn timed(&self, args: &[&str]) -> Result<Duration> {
        let start = Instant::now();
        self.run(args)?;
        Ok(start.elapsed())
    }

    /// A `display -p` format, trimmed.
    pub fn display(&self, target: Option<&str>, format: &str) -> Result<String> {
        let mut args = vec!["display-message", "-p"];
        if let Some(t) = target {
            args.extend(["-t", t]);
        }
        args.push(format);
        Ok(self.run(&args)?.trim().to_string())
    }

    /// The server's pid (`#{pid}`), remembered for the clean-up.
    pub fn server_pid(&mut self) -> Result<u32> {
        if let Some(pid) = self.server {
            return Ok(pid);
        }
        let text = self.display(None, "#{pid}")?;
        let pid: u32 = text
            .parse()
            .map_err(|_| anyhow!("{}: #{{pid}} gave {text:?}", self.kind.name()))?;
        self.server = Some(pid);
        Ok(pid)
    }

    /// The `attach -t target` client, for a PTY.
    pub fn attach_command(&self, target: &str) -> CommandBuilder {
        let mut cmd = CommandBuilder::new(&self.bin);
        cmd.args(self.global_args());
        cmd.args(["attach-session", "-t", target]);
        cmd.env_clear();
        for (k, v) in self.vars() {
            cmd.env(k, v);
        }
        cmd.cwd(self.home());
        cmd
    }

    /// Waits until `capture-pane -p -t target` shows `needle`.
    pub fn wait_capture(&self, target: &str, needle: &str, limit: Duration) -> Result<()> {
        let deadline = Instant::now() + limit;
        loop {
            let text = self.run(&["capture-pane", "-p", "-t", target])?;
            if text.contains(needle) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                bail!(
                    "{}: pane {target} did not show {needle:?} within {limit:?}; it shows:\n{}",
                    self.kind.name(),
                    text.trim_end()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops everything this world started. Safe to call twice.
    pub fn shutdown(&mut self) {
        if self.closed {
            return;
        }
        self.closed = true;
        // Who to stop by pid if `kill-server` does not do it: the server, the panes.
        if self.server.is_none() && self.socket_exists() {
            let _ = self.server_pid();
        }
        let mut panes = Vec::new();
        if self.server.is_some()
            && let Ok(out) = procfs::run_bounded(
                self.command(&["list-panes", "-a", "-F", "#{pane_pid}"]),
                Duration::from_secs(10),
            )
        {
            panes = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.trim().parse::<u32>().ok())
                .collect();
        }
        let _ = procfs::run_bounded(self.command(&["kill-server"]), Duration::from_secs(10));
        if let Some(pid) = self.server
            && !procfs::wait_gone(pid, Duration::from_secs(10))
        {
            eprintln!(
                "warning: {} server {pid} outlived kill-server; stopping it by pid",
                self.kind.name()
            );
            procfs::stop(pid, Duration::from_secs(1));
        }
        for pid in panes {
            if !procfs::wait_gone(pid, Duration::from_millis(500)) {
                procfs::stop(pid, Duration::from_millis(500));
            }
        }
    }

    fn socket_exists(&self) -> bool {
        socket_dir_has_entries(&self.dir.path().join("tmp"))
    }
}

fn socket_dir_has_entries(tmp: &Path) -> bool {
    std::fs::read_dir(tmp)
        .map(|d| {
            d.flatten().any(|e| {
                e.file_name().to_string_lossy().contains("mux-")
                    && std::fs::read_dir(e.path()).is_ok_and(|mut s| s.next().is_some())
            })
        })
        .unwrap_or(false)
}

impl Drop for World {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// Quotes a path for `sh -c`.
pub fn sh_quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}
