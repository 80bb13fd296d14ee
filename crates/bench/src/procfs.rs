//! What /proc says about a process (RSS, CPU time, process group), the machine, and
//! stopping processes by pid. Never by name.

use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use rustix::process::{Pid, Signal};

/// Fields of /proc/<pid>/stat after the command name (index 0 is the state).
fn stat_fields(pid: u32) -> Result<Vec<String>> {
    let path = format!("/proc/{pid}/stat");
    let text = std::fs::read_to_string(&path).with_context(|| format!("read {path}"))?;
    let after = text
        .rfind(')')
        .map(|i| &text[i + 1..])
        .ok_or_else(|| anyhow!("{path}: no command name"))?;
    Ok(after.split_whitespace().map(str::to_string).collect())
}

/// utime + stime of a process (all its threads), in clock ticks.
pub fn cpu_ticks(pid: u32) -> Result<u64> {
    let f = stat_fields(pid)?;
    let field = |i: usize| -> Result<u64> {
        f.get(i)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| anyhow!("/proc/{pid}/stat: field {i} missing"))
    };
    Ok(field(11)? + field(12)?)
}

/// Milliseconds of CPU per clock tick.
pub fn ms_per_tick() -> f64 {
    1000.0 / rustix::param::clock_ticks_per_second().max(1) as f64
}

/// A `VmXxx:` line of /proc/<pid>/status, in KiB.
fn status_kib(pid: u32, key: &str) -> Result<u64> {
    let path = format!("/proc/{pid}/status");
    let text = std::fs::read_to_string(&path).with_context(|| format!("read {path}"))?;
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.split_whitespace().next())
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| anyhow!("{path}: no {key}"))
}

/// Resident set size in KiB.
pub fn rss_kib(pid: u32) -> Result<u64> {
    status_kib(pid, "VmRSS:")
}

/// The resident memory that is the process's own (heap, stacks, written data), in
/// KiB: RSS without the pages of its binary and libraries, which the page cache
/// shares with every other process running them.
pub fn anon_kib(pid: u32) -> Result<u64> {
    status_kib(pid, "RssAnon:")
}

/// Peak resident set size in KiB.
pub fn hwm_kib(pid: u32) -> Result<u64> {
    status_kib(pid, "VmHWM:")
}

/// The process exists and is not a zombie.
pub fn alive(pid: u32) -> bool {
    match stat_fields(pid) {
        Ok(f) => f.first().is_some_and(|s| s != "Z" && s != "X"),
        Err(_) => false,
    }
}

fn pgrp(pid: u32) -> Option<u32> {
    stat_fields(pid).ok()?.get(2)?.parse().ok()
}

fn signal(pid: u32, sig: Signal) {
    if let Some(p) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
        let _ = rustix::process::kill_process(p, sig);
    }
}

/// Stops `pid` (and its process group when it leads one, as a pane's shell does: that
/// takes its foreground job with it): SIGTERM, then SIGKILL if it lingers.
pub fn stop(pid: u32, grace: Duration) {
    if pid <= 1 || !alive(pid) {
        return;
    }
    let leads_group = pgrp(pid) == Some(pid);
    let send = |sig: Signal| {
        if leads_group {
            if let Some(p) = i32::try_from(pid).ok().and_then(Pid::from_raw) {
                let _ = rustix::process::kill_process_group(p, sig);
            }
        } else {
            signal(pid, sig);
        }
    };
    send(Signal::TERM);
    if !wait_gone(pid, grace) {
        send(Signal::KILL);
        wait_gone(pid, Duration::from_secs(2));
    }
}

/// Waits until `pid` is gone; false if it is still there after `limit`.
pub fn wait_gone(pid: u32, limit: Duration) -> bool {
    let deadline = Instant::now() + limit;
    while alive(pid) {
        if Instant::now() >= deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    true
}

/// Runs a command to completion with a deadline, capturing its output; kills it (by pid)
/// if it overstays.
pub fn run_bounded(mut cmd: Command, limit: Duration) -> Result<Output> {
    let child: Child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("spawn {:?}", cmd.get_program()))?;
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.context("wait for a command"),
        Err(_) => {
            signal(pid, Signal::KILL);
            bail!("{cmd:?} did not finish within {limit:?}")
        }
    }
}

/// Waits until `path` exists.
pub fn wait_file(path: &Path, limit: Duration, what: &str) -> Result<()> {
    let deadline = Instant::now() + limit;
    while !path.exists() {
        if Instant::now() >= deadline {
            bail!("timed out after {limit:?} waiting for {what}");
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    Ok(())
}

/// The machine, for the report's header.
pub struct Machine {
    pub cpus: usize,
    pub model: String,
    pub load: String,
    pub kernel: String,
}

pub fn machine() -> Machine {
    let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .map(|l| l.trim_start_matches([' ', '\t', ':']).trim().to_string())
        })
        .unwrap_or_else(|| "unknown".to_string());
    Machine {
        cpus,
        model,
        load: load_average(),
        kernel: std::fs::read_to_string("/proc/sys/kernel/osrelease")
            .map(|s| s.trim().to_string())
            .unwrap_or_default(),
    }
}

/// The 1, 5 and 15 minute load averages.
pub fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".to_string())
}
