//! Figure 9: work that grows — a resize with 100,000 lines of history, capture-pane of
//! all of it, and 200 panes in 20 windows (memory, list-panes -a, attach and
//! select-window until the frame shows), for rmux and tmux alike.

use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};

use crate::figures::{Metrics, percentile};
use crate::mux::{Muxer, World};
use crate::procfs;
use crate::tty::{Probe, Tty};

const LINES: u32 = 100_000;
const COLS: u16 = 200;
const NARROW: u16 = 120;
const ROWS: u16 = 50;
/// The end of the status line, so a probe can tell which width a frame was drawn at.
const STATUS_END: &str = "R-END";
const WINDOWS: usize = 20;
const PANES: usize = 10;

pub fn growth(m: &Muxer) -> Result<Metrics> {
    let mut out = history(m)?;
    out.extend(many_panes(m)?);
    out.extend(many_clients(m)?);
    Ok(out)
}

/// Clients attached to one session while its pane floods for `FLOOD_SECS`.
const CLIENTS: usize = 10;
const FLOOD_SECS: u64 = 3;

/// 10 clients on one session while its pane floods: the server's CPU over the flood,
/// the most any client was sent, the server's RSS after (nothing queued without bound).
fn many_clients(m: &Muxer) -> Result<Metrics> {
    let mut w = World::new(m)?;
    let done = w.file("flooded");
    new_session(&w, "exec sh")?;
    let mut clients = Vec::new();
    for _ in 0..CLIENTS {
        let tty = Tty::spawn(
            w.attach_command("b"),
            COLS,
            ROWS + 1,
            false,
            Some(Probe::RowNotBlank { row: ROWS }),
        )?;
        clients.push(tty);
    }
    // Unparsed, a probe cannot see the screen: wait until each has had its first frame.
    for tty in &clients {
        tty.wait_quiet(Duration::from_millis(200), Duration::from_secs(20))?;
    }
    let pid = w.server_pid()?;
    let before: Vec<u64> = clients.iter().map(Tty::bytes).collect();
    let cpu0 = procfs::cpu_ticks(pid)?;
    let started = Instant::now();
    let flood = format!(
        "timeout {FLOOD_SECS} sh -c 'while :; do seq 1 100000; done'; touch {}",
        crate::mux::sh_quote(&done)
    );
    w.run(&["send-keys", "-t", "b", &flood, "Enter"])?;
    procfs::wait_file(
        &done,
        Duration::from_secs(FLOOD_SECS + 30),
        "the end of the flood",
    )?;
    let cpu1 = procfs::cpu_ticks(pid)?;
    let secs = started.elapsed().as_secs_f64();
    let cpu_pct = (cpu1 - cpu0) as f64 * procfs::ms_per_tick() / (secs * 1e3) * 100.0;
    for tty in &clients {
        tty.wait_quiet(Duration::from_millis(300), Duration::from_secs(30))?;
    }
    let sent = clients
        .iter()
        .zip(&before)
        .map(|(t, b)| t.bytes().saturating_sub(*b))
        .max()
        .unwrap_or(0);
    let rss = procfs::rss_kib(pid)? as f64 / 1024.0;
    drop(clients);
    w.shutdown();
    Ok(vec![
        ("grow_10c_cpu_pct", cpu_pct),
        ("grow_10c_client_mb", sent as f64 / 1e6),
        ("grow_10c_rss_mib", rss),
    ])
}

fn new_session(w: &World, command: &str) -> Result<()> {
    let (cols, rows) = (COLS.to_string(), ROWS.to_string());
    w.run(&[
        "new-session",
        "-d",
        "-s",
        "b",
        "-x",
        &cols,
        "-y",
        &rows,
        command,
    ])?;
    w.run(&["set-option", "-g", "status-right", STATUS_END])?;
    Ok(())
}

/// An attached client, and how long until its screen satisfied `probe` (ms).
fn attach(w: &World, cols: u16, probe: Probe) -> Result<(Tty, f64)> {
    let tty = Tty::spawn(w.attach_command("b"), cols, ROWS + 1, true, Some(probe))?;
    let seen = tty
        .wait_hit(Duration::from_secs(30), "the attached client's first frame")
        .with_context(|| format!("{} attach", w.kind.name()))?;
    let ms = seen.saturating_duration_since(tty.spawned).as_secs_f64() * 1e3;
    Ok((tty, ms))
}

/// The status line's last cell at `cols`: the frame was drawn at that width.
fn drawn_at(cols: u16) -> Probe {
    Probe::Cell {
        row: ROWS,
        col: cols - 1,
        ch: 'D',
    }
}

/// 100,000 lines of 130 columns (each wraps at 120): the client narrowed to 120
/// columns and widened back, each until the frame at the new width shows; then
/// `capture-pane -p -S -` of it all.
fn history(m: &Muxer) -> Result<Metrics> {
    let mut w = World::new(m)?;
    let fill = format!(
        "seq -f 'line-%08g GET /api/v1/items?page=1 HTTP/1.1 200 0.003s user-agent=curl/8.5.0 \
         referer=-- host=example.internal upstream=10.0.0.7:8080 bytes=5123' 1 {LINES}; exec cat"
    );
    new_session(&w, "exec cat")?;
    w.run(&["set-option", "-g", "history-limit", "110000"])?;
    w.run(&["new-window", "-t", "b:1", &fill])?;
    w.run(&["kill-window", "-t", "b:0"])?;
    w.wait_capture("b", &format!("line-{LINES:08}"), Duration::from_secs(60))?;
    let (tty, _) = attach(&w, COLS, drawn_at(COLS))?;
    tty.wait_quiet(Duration::from_millis(200), Duration::from_secs(10))?;
    let resize = |cols: u16| -> Result<f64> {
        tty.arm(drawn_at(cols));
        let sent = Instant::now();
        tty.resize(cols, ROWS + 1)?;
        let seen = tty.wait_hit(Duration::from_secs(30), "the frame at the new width")?;
        Ok(seen.saturating_duration_since(sent).as_secs_f64() * 1e3)
    };
    let narrow = resize(NARROW)?;
    tty.wait_quiet(Duration::from_millis(200), Duration::from_secs(10))?;
    let wide = resize(COLS)?;
    drop(tty);
    let mut captures = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let text = w.run(&["capture-pane", "-p", "-S", "-", "-t", "b"])?;
        captures.push(t.elapsed().as_secs_f64() * 1e3);
        if !text.contains(&format!("line-{LINES:08}")) {
            bail!("{}: the capture lacks the last line", w.kind.name());
        }
    }
    w.shutdown();
    Ok(vec![
        ("grow_resize_narrow_ms", narrow),
        ("grow_resize_wide_ms", wide),
        ("grow_capture_all_ms", percentile(&mut captures, 50.0)),
    ])
}

/// 200 panes in 20 windows, each showing which it is.
fn many_panes(m: &Muxer) -> Result<Metrics> {
    let mut w = World::new(m)?;
    let pane = |win: usize, p: usize| format!("echo W{win}P{p}; exec cat");
    new_session(&w, &pane(0, 0))?;
    for win in 0..WINDOWS {
        if win > 0 {
            w.run(&["new-window", "-t", &format!("b:{win}"), &pane(win, 0)])?;
        }
        for p in 1..PANES {
            w.run(&[
                "split-window",
                "-d",
                "-t",
                &format!("b:{win}"),
                &pane(win, p),
            ])?;
            w.run(&["select-layout", "-t", &format!("b:{win}"), "tiled"])?;
        }
    }
    let last = WINDOWS - 1;
    // `split-window -d` puts each new pane after the first: the last made is pane 1.
    w.wait_capture(
        &format!("b:{last}.1"),
        &format!("W{last}P{}", PANES - 1),
        Duration::from_secs(30),
    )?;
    let pid = w.server_pid()?;
    std::thread::sleep(Duration::from_millis(300));
    let rss = procfs::rss_kib(pid)? as f64 / 1024.0;
    let anon = procfs::anon_kib(pid)? as f64 / 1024.0;
    let mut lists = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let text = w.run(&["list-panes", "-a"])?;
        lists.push(t.elapsed().as_secs_f64() * 1e3);
        if text.lines().count() != WINDOWS * PANES {
            bail!(
                "{}: list-panes -a gave {} panes",
                w.kind.name(),
                text.lines().count()
            );
        }
    }
    // A new pane's cost should not grow with the panes there already.
    let mut spawns = Vec::new();
    for i in 0..5 {
        let window = format!("b:{}", 100 + i);
        let t = Instant::now();
        w.run(&["new-window", "-d", "-t", &window, "exec cat"])?;
        spawns.push(t.elapsed().as_secs_f64() * 1e3);
        w.run(&["kill-window", "-t", &window])?;
    }
    let shows = |win: usize| Probe::RowHas {
        row: 0,
        text: format!("W{win}P0"),
    };
    let (tty, attach_ms) = attach(&w, COLS, shows(last))?;
    tty.wait_quiet(Duration::from_millis(200), Duration::from_secs(10))?;
    let mut selects = Vec::new();
    for win in [3, 11, 7, 15, 0] {
        tty.arm(shows(win));
        let sent = Instant::now();
        w.run(&["select-window", "-t", &format!("b:{win}")])?;
        let seen = tty.wait_hit(Duration::from_secs(10), "the selected window")?;
        selects.push(seen.saturating_duration_since(sent).as_secs_f64() * 1e3);
    }
    drop(tty);
    w.shutdown();
    Ok(vec![
        ("grow_200_rss_mib", rss),
        ("grow_200_anon_mib", anon),
        ("grow_200_list_ms", percentile(&mut lists, 50.0)),
        ("grow_200_new_window_ms", percentile(&mut spawns, 50.0)),
        ("grow_200_attach_ms", attach_ms),
        ("grow_200_select_ms", percentile(&mut selects, 50.0)),
    ])
}
