//! Figure 8 (rmux alone: tmux keeps no state past its server): the cost of what rmux
//! keeps at 10 sessions x 10 panes x 10,000 lines of history — the snapshot on disk,
//! the loop's responsiveness while snapshots are written beside it, `kill-server`
//! (which writes the last one itself), `resurrect`, and a live upgrade.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::figures::{Metrics, percentile};
use crate::mux::{Muxer, World, sh_quote};
use crate::procfs;

const SESSIONS: usize = 10;
const PANES: usize = 10;
const LINES: u32 = 10_000;

pub fn state(m: &Muxer) -> Result<Metrics> {
    let mut w = World::new(m)?;
    fill(&w)?;
    let pid = w.server_pid()?;
    // The loop's answers while nothing is written, then while a snapshot is written
    // every second (a pane printing meanwhile, so each is due).
    w.run(&["set-option", "-s", "snapshot-interval", "0"])?;
    let quiet = round_trips(&w, Duration::from_secs(3))?;
    w.run(&["set-option", "-s", "snapshot-interval", "1"])?;
    w.run(&[
        "new-window",
        "-d",
        "-t",
        "s0:9",
        "while :; do date; sleep 0.2; done",
    ])?;
    let snapshots = round_trips(&w, Duration::from_secs(5))?;
    let Some(file) = w.snapshot_file() else {
        bail!("no snapshot was written");
    };
    w.run(&["kill-window", "-t", "s0:9"])?;
    let upgrade = w.timed(&["server-upgrade"])?.as_secs_f64() * 1e3;
    if w.display(None, "#{pid}")? != pid.to_string() {
        bail!("the server's pid changed in the upgrade");
    }
    let kill = w.timed(&["kill-server"])?.as_secs_f64() * 1e3;
    procfs::wait_gone(pid, Duration::from_secs(10));
    let bytes = std::fs::metadata(&file)
        .with_context(|| format!("the snapshot {}", file.display()))?
        .len();
    let started = Instant::now();
    w.run(&["resurrect"])?;
    let resurrect = started.elapsed().as_secs_f64() * 1e3;
    let panes = w.run(&["list-panes", "-a", "-F", "x"])?.lines().count();
    if panes != SESSIONS * PANES {
        bail!("resurrect made {panes} panes of {}", SESSIONS * PANES);
    }
    w.shutdown();
    let (mut quiet, mut snapshots) = (quiet, snapshots);
    Ok(vec![
        ("state_snapshot_mb", bytes as f64 / 1e6),
        ("state_rtt_quiet_p99_ms", percentile(&mut quiet, 99.0)),
        (
            "state_rtt_snapshots_p99_ms",
            percentile(&mut snapshots, 99.0),
        ),
        ("state_kill_ms", kill),
        ("state_resurrect_ms", resurrect),
        ("state_upgrade_ms", upgrade),
    ])
}

/// 10 sessions of 10 panes (tiled), each pane's history holding 10,000 lines (rmux's
/// default history-limit).
fn fill(w: &World) -> Result<()> {
    let done = |s: usize, p: usize| w.file(&format!("filled-{s}-{p}"));
    let pane = |s: usize, p: usize| {
        format!(
            "seq -f 'line %g of the log: 127.0.0.1 GET /index.html 200' 1 {LINES}; touch {}; exec cat",
            sh_quote(&done(s, p))
        )
    };
    for s in 0..SESSIONS {
        let name = format!("s{s}");
        w.run(&[
            "new-session",
            "-d",
            "-s",
            &name,
            "-x",
            "200",
            "-y",
            "50",
            &pane(s, 0),
        ])?;
        for p in 1..PANES {
            w.run(&["split-window", "-d", "-t", &name, &pane(s, p)])?;
            w.run(&["select-layout", "-t", &name, "tiled"])?;
        }
    }
    for s in 0..SESSIONS {
        for p in 0..PANES {
            procfs::wait_file(&done(s, p), Duration::from_secs(120), "a pane's history")?;
        }
    }
    Ok(())
}

/// Round trips of `display-message -p` (milliseconds) for `span`.
fn round_trips(w: &World, span: Duration) -> Result<Vec<f64>> {
    let end = Instant::now() + span;
    let mut times = Vec::new();
    while Instant::now() < end {
        times.push(w.timed(&["display-message", "-p", "x"])?.as_secs_f64() * 1e3);
    }
    Ok(times)
}
