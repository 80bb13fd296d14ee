//! The soak: rmux under churn for a long time (issue 10). Windows with flooding panes
//! come and go, panes are split and killed, clients attach, read and detach, all the
//! while; at the end the server must hold the descriptors and threads it held at the
//! start, and no more memory than its panes' histories explain.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};

use crate::mux::{Muxer, World};
use crate::procfs;
use crate::tty::Tty;

/// What the server held at one moment.
#[derive(Clone, Copy, Debug)]
struct Held {
    fds: usize,
    threads: usize,
    rss_kib: u64,
    /// What its panes' screens and histories take (`#{history_bytes}` summed).
    history_kib: u64,
    windows: usize,
}

fn held(world: &mut World) -> Result<Held> {
    let pid = world.server_pid()?;
    let fds = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .context("the server's descriptors")?
        .count();
    let status =
        std::fs::read_to_string(format!("/proc/{pid}/status")).context("the server's status")?;
    let threads = status
        .lines()
        .find_map(|l| l.strip_prefix("Threads:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0);
    let history: u64 = world
        .run(&["list-panes", "-a", "-F", "#{history_bytes}"])?
        .lines()
        .filter_map(|l| l.trim().parse::<u64>().ok())
        .sum();
    let windows = world.run(&["list-windows", "-a"])?.lines().count();
    Ok(Held {
        fds,
        threads,
        rss_kib: procfs::rss_kib(pid)?,
        history_kib: history / 1024,
        windows,
    })
}

/// Run the soak for `minutes` against `rmux`; prints what was held at the start and end.
pub fn run(rmux: &Muxer, minutes: u64) -> Result<()> {
    let mut world = World::new(rmux)?;
    let result = soak(&mut world, minutes);
    world.shutdown();
    result
}

fn soak(world: &mut World, minutes: u64) -> Result<()> {
    world.run(&["new-session", "-d", "-s", "soak", "-x", "160", "-y", "48"])?;
    world.run(&["set", "-g", "history-limit", "5000"])?;
    let flood = "sh -c 'yes soak-flood-line | head -c 3000000; exec cat'";
    // Warm up: one round of everything, so what is made once is in the start figures.
    churn(world, flood, 0)?;
    let start = held(world)?;
    println!("start: {start:?}");
    let deadline = Instant::now() + Duration::from_secs(minutes * 60);
    let mut round = 1u64;
    let mut peak_rss = start.rss_kib;
    while Instant::now() < deadline {
        churn(world, flood, round)?;
        let now = held(world)?;
        peak_rss = peak_rss.max(now.rss_kib);
        if round.is_multiple_of(20) {
            println!("round {round}: {now:?}");
        }
        round += 1;
    }
    // Back to as many windows as at the start, the newest kept.
    let ids = world.run(&["list-windows", "-t", "soak", "-F", "#{window_id}"])?;
    let ids: Vec<&str> = ids.lines().collect();
    for id in ids
        .iter()
        .skip(1)
        .take(ids.len().saturating_sub(start.windows))
    {
        world.run(&["kill-window", "-t", id])?;
    }
    std::thread::sleep(Duration::from_secs(2));
    let end = held(world)?;
    println!("end after {round} rounds: {end:?}; peak RSS {peak_rss} KiB");
    let rss_allowed = start.rss_kib + end.history_kib + 8 * 1024;
    println!(
        "descriptors {} -> {}, threads {} -> {}, RSS {} -> {} KiB (allowed {rss_allowed} KiB: start + histories + 8 MiB)",
        start.fds, end.fds, start.threads, end.threads, start.rss_kib, end.rss_kib
    );
    if end.fds > start.fds || end.threads > start.threads || end.rss_kib > rss_allowed {
        anyhow::bail!("the soak ended holding more than it started with");
    }
    Ok(())
}

/// One round: a new flooding window, a split killed again, a client that attaches,
/// waits for a frame and detaches, and the oldest window gone past five.
fn churn(world: &mut World, flood: &str, round: u64) -> Result<()> {
    world.run(&["new-window", "-d", "-t", "soak", flood])?;
    world.run(&["split-window", "-d", "-t", "soak:0", "cat"])?;
    world.run(&["kill-pane", "-t", "soak:0.1"])?;
    if round.is_multiple_of(3) {
        let mut client = Tty::spawn(world.attach_command("soak"), 120, 40, false, None)?;
        client.wait_quiet(Duration::from_millis(100), Duration::from_secs(10))?;
        client.send(b"\x02d")?;
        client.wait_exit(Duration::from_secs(10))?;
        client.close();
    }
    let windows = world.run(&["list-windows", "-t", "soak", "-F", "#{window_index}"])?;
    let indexes: Vec<&str> = windows.lines().filter(|w| *w != "0").collect();
    if indexes.len() > 5
        && let Some(oldest) = indexes.first()
    {
        world.run(&["kill-window", "-t", &format!("soak:{oldest}")])?;
    }
    Ok(())
}
