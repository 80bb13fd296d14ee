//! The six figures of issue 5, each measured once for one multiplexer in a fresh world.
//! Each returns named numbers; `report` turns them into the table.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, anyhow, bail};
use portable_pty::CommandBuilder;

use crate::corpus::END_MARKER;
use crate::mux::{Muxer, World, sh_quote};
use crate::procfs;
use crate::tty::{Probe, Tty};

/// Session size for every figure; the attached client's terminal is one row taller so
/// the status line does not shrink the window.
pub const COLS: u16 = 200;
pub const ROWS: u16 = 50;

/// Settings shared by all figures.
pub struct Config {
    pub corpus: PathBuf,
    pub corpus_bytes: u64,
    pub lines_file: PathBuf,
    pub lines_per_window: usize,
    pub history_windows: usize,
    pub sample: PathBuf,
    pub keys: usize,
    pub warmup_keys: usize,
    pub startup_iters: usize,
    pub attach_iters: usize,
    pub flood_windows: usize,
    pub panes_per_window: usize,
    pub verbose: bool,
}

impl Config {
    /// How long the consumption of the corpus may take before we give up.
    fn corpus_limit(&self) -> Duration {
        // At least 0.5 MB/s, and never less than two minutes.
        Duration::from_secs((self.corpus_bytes / 500_000).max(120))
    }

    fn mb(&self) -> f64 {
        self.corpus_bytes as f64 / 1e6
    }
}

/// Named results of one measurement.
pub type Metrics = Vec<(&'static str, f64)>;

fn size_args() -> [String; 4] {
    ["-x".into(), COLS.to_string(), "-y".into(), ROWS.to_string()]
}

/// `new-session -d -s b -x 200 -y 50 [command]`.
fn new_session(w: &World, command: Option<&str>) -> Result<()> {
    let size = size_args();
    let mut args = vec!["new-session", "-d", "-s", "b"];
    args.extend(size.iter().map(String::as_str));
    if let Some(c) = command {
        args.push(c);
    }
    w.run(&args).map(drop)
}

/// Nanoseconds since the epoch written by `date +%s%N` in a pane.
fn read_ns(path: &Path) -> Result<u128> {
    let text = std::fs::read_to_string(path).with_context(|| format!("read {}", path.display()))?;
    text.trim()
        .parse()
        .map_err(|_| anyhow!("{}: not a timestamp: {text:?}", path.display()))
}

fn touch(path: &Path) -> Result<()> {
    std::fs::write(path, b"").with_context(|| format!("create {}", path.display()))
}

/// A pane script: wait for `go`, then time `body` with in-pane timestamps into t0/t1,
/// then mark `done` and stay (so the session outlives the command).
fn gated_timed(go: &Path, t0: &Path, t1: &Path, done: &Path, body: &str) -> String {
    format!(
        "while [ ! -e {go} ]; do sleep 0.01; done; date +%s%N > {t0}; {body}; date +%s%N > {t1}; touch {done}; exec cat",
        go = sh_quote(go),
        t0 = sh_quote(t0),
        t1 = sh_quote(t1),
        done = sh_quote(done),
    )
}

fn elapsed_secs(t0: &Path, t1: &Path) -> Result<f64> {
    let (a, b) = (read_ns(t0)?, read_ns(t1)?);
    if b <= a {
        bail!("the pane's clock went backwards");
    }
    Ok((b - a) as f64 / 1e9)
}

/// Figure 1: `cat` of the corpus in a detached 200x50 session.
pub fn detached(m: &Muxer, cfg: &Config) -> Result<Metrics> {
    let mut w = World::new(m)?;
    let (go, t0, t1, done) = (w.file("go"), w.file("t0"), w.file("t1"), w.file("done"));
    let body = format!("cat {}", sh_quote(&cfg.corpus));
    new_session(&w, Some(&gated_timed(&go, &t0, &t1, &done, &body)))?;
    let pid = w.server_pid()?;
    let cpu0 = procfs::cpu_ticks(pid)?;
    touch(&go)?;
    procfs::wait_file(&done, cfg.corpus_limit(), "the pane to finish the cat")?;
    let secs = elapsed_secs(&t0, &t1)?;
    // The pane must really have consumed everything: its screen shows the last line.
    w.wait_capture("b", END_MARKER, Duration::from_secs(30))?;
    let cpu1 = procfs::cpu_ticks(pid)?;
    let cpu_ms = (cpu1 - cpu0) as f64 * procfs::ms_per_tick();
    w.shutdown();
    Ok(vec![
        ("detached_mbps", cfg.mb() / secs),
        ("detached_cpu_ms_per_mb", cpu_ms / cfg.mb()),
    ])
}

/// Figure 1's ceiling: the same `cat` through a bare PTY drained by this program.
pub fn bare_pty(cfg: &Config) -> Result<f64> {
    let dir = tempfile::Builder::new()
        .prefix("rmux-bench-pty-")
        .tempdir()
        .context("create a temporary directory")?;
    let (t0, t1) = (dir.path().join("t0"), dir.path().join("t1"));
    let script = format!(
        "date +%s%N > {}; cat {}; date +%s%N > {}",
        sh_quote(&t0),
        sh_quote(&cfg.corpus),
        sh_quote(&t1)
    );
    let mut cmd = CommandBuilder::new("/bin/sh");
    cmd.args(["-c", &script]);
    cmd.env("LANG", "C.UTF-8");
    cmd.cwd(dir.path());
    let mut tty = Tty::spawn(cmd, COLS, ROWS, false, None)?;
    tty.wait_exit(cfg.corpus_limit())?;
    let secs = elapsed_secs(&t0, &t1)?;
    let got = tty.bytes();
    if got < cfg.corpus_bytes / 2 {
        bail!("the bare PTY delivered only {got} bytes");
    }
    Ok(cfg.mb() / secs)
}

/// Attaches a client in a 200x51 terminal and waits until its status line is drawn.
fn attach(w: &World) -> Result<Tty> {
    let tty = Tty::spawn(
        w.attach_command("b"),
        COLS,
        ROWS + 1,
        true,
        Some(Probe::RowNotBlank { row: ROWS }),
    )?;
    tty.wait_hit(Duration::from_secs(15), "the attached client's status line")
        .with_context(|| format!("{} attach", w.kind.name()))?;
    Ok(tty)
}

/// Figure 2: the same `cat` with a client attached; bytes the client wrote.
pub fn attached(m: &Muxer, cfg: &Config) -> Result<Metrics> {
    let mut w = World::new(m)?;
    let (go, t0, t1, done) = (w.file("go"), w.file("t0"), w.file("t1"), w.file("done"));
    let body = format!("cat {}", sh_quote(&cfg.corpus));
    new_session(&w, Some(&gated_timed(&go, &t0, &t1, &done, &body)))?;
    let pid = w.server_pid()?;
    let mut tty = attach(&w)?;
    tty.wait_quiet(Duration::from_millis(200), Duration::from_secs(10))?;
    // Drain only from here on: parsing would slow the drain.
    tty.set_parse(false);
    let bytes0 = tty.bytes();
    let cpu0 = procfs::cpu_ticks(pid)?;
    touch(&go)?;
    procfs::wait_file(&done, cfg.corpus_limit(), "the pane to finish the cat")?;
    let secs = elapsed_secs(&t0, &t1)?;
    w.wait_capture("b", END_MARKER, Duration::from_secs(30))?;
    // The client's last frames.
    tty.wait_quiet(Duration::from_millis(300), Duration::from_secs(30))?;
    let client = (tty.bytes() - bytes0) as f64;
    let cpu1 = procfs::cpu_ticks(pid)?;
    let cpu_ms = (cpu1 - cpu0) as f64 * procfs::ms_per_tick();
    tty.close();
    w.shutdown();
    Ok(vec![
        ("attached_mbps", cfg.mb() / secs),
        ("attached_client_mb", client / 1e6),
        (
            "attached_client_pct",
            client / cfg.corpus_bytes as f64 * 100.0,
        ),
        ("attached_cpu_ms_per_mb", cpu_ms / cfg.mb()),
    ])
}

/// Where the echo pane is flooded from, for figure 3.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flood {
    Idle,
    SameWindow,
    OtherWindow,
}

impl Flood {
    pub fn label(self) -> &'static str {
        match self {
            Flood::Idle => "idle",
            Flood::SameWindow => "same-window flood",
            Flood::OtherWindow => "other-window flood",
        }
    }
}

fn flood_command(cfg: &Config, gate: Option<&Path>) -> String {
    let wait = gate.map_or(String::new(), |g| {
        format!("while [ ! -e {} ]; do sleep 0.1; done; ", sh_quote(g))
    });
    format!("{wait}while :; do cat {}; done", sh_quote(&cfg.corpus))
}

/// The echo pane: raw mode, no line-discipline echo, `cat` writes back each byte.
fn echo_command(ready: &Path) -> String {
    format!("stty raw -echo; touch {}; exec cat", sh_quote(ready))
}

/// Types `warmup + keys` printable bytes one at a time into the echo pane (window 0,
/// pane 0, at the top left of the client's screen, `width` columns wide) and times each
/// until the client's screen shows it. Latencies in ms, warm-up dropped.
fn echo_latencies(
    tty: &Tty,
    width: u16,
    cfg: &Config,
    per_key: Duration,
    seed: u64,
) -> Result<Vec<f64>> {
    let mut lat = Vec::with_capacity(cfg.keys);
    let mut rng = seed | 1;
    let width = usize::from(width.max(1));
    for i in 0..cfg.warmup_keys + cfg.keys {
        let ch = char::from(b'a' + (i % 26) as u8);
        let (row, col) = (i / width, i % width);
        let probe = Probe::Cell {
            row: u16::try_from(row).context("too many keys for the pane")?,
            col: u16::try_from(col).context("too many keys for the pane")?,
            ch,
        };
        if row >= usize::from(ROWS) {
            bail!("too many keys for the pane");
        }
        tty.arm(probe);
        let sent = Instant::now();
        tty.send(&[ch as u8])?;
        let seen = tty.wait_hit(per_key, &format!("the echo of key {i} ({ch:?})"))?;
        if i >= cfg.warmup_keys {
            lat.push(seen.saturating_duration_since(sent).as_secs_f64() * 1e3);
        }
        // 5-15 ms between keys, jittered so we do not beat with a frame timer.
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        std::thread::sleep(Duration::from_micros(5_000 + rng % 10_000));
    }
    Ok(lat)
}

/// For `-v`: how the slow keys are spread (count over thresholds, the worst five with
/// their position in the sequence).
fn describe(who: &str, what: &str, lat: &[f64]) {
    let over = |ms: f64| lat.iter().filter(|&&l| l > ms).count();
    let mut worst: Vec<(usize, f64)> = lat.iter().copied().enumerate().collect();
    worst.sort_by(|a, b| b.1.total_cmp(&a.1));
    let worst: Vec<String> = worst
        .iter()
        .take(5)
        .map(|(i, l)| format!("#{i}: {l:.1}"))
        .collect();
    eprintln!(
        "    {who} {what}: {} keys, >2 ms: {}, >10 ms: {}, >100 ms: {}, >1 s: {}; worst (ms) {}",
        lat.len(),
        over(2.0),
        over(10.0),
        over(100.0),
        over(1000.0),
        worst.join(", ")
    );
}

fn pane_width(w: &World, target: &str) -> Result<u16> {
    let text = w.display(Some(target), "#{pane_width}")?;
    text.parse()
        .map_err(|_| anyhow!("{}: #{{pane_width}} gave {text:?}", w.kind.name()))
}

/// Figure 3: echo latency, idle or while another pane/window floods.
pub fn echo(m: &Muxer, cfg: &Config, flood: Flood, seed: u64) -> Result<Metrics> {
    let w = World::new(m)?;
    let ready = w.file("ready");
    new_session(&w, Some(&echo_command(&ready)))?;
    match flood {
        Flood::Idle => {}
        Flood::SameWindow => {
            w.run(&[
                "split-window",
                "-d",
                "-h",
                "-t",
                "b:0",
                &flood_command(cfg, None),
            ])?;
        }
        Flood::OtherWindow => {
            w.run(&["new-window", "-d", "-t", "b:", &flood_command(cfg, None)])?;
        }
    }
    procfs::wait_file(&ready, Duration::from_secs(10), "the echo pane")?;
    let width = pane_width(&w, "b:0.0")?;
    let tty = attach(&w)?;
    std::thread::sleep(Duration::from_millis(300));
    let mut lat = echo_latencies(&tty, width, cfg, Duration::from_secs(5), seed)
        .with_context(|| format!("{} echo, {}", w.kind.name(), flood.label()))?;
    if cfg.verbose {
        describe(w.kind.name(), flood.label(), &lat);
    }
    drop(tty);
    drop(w);
    let (p50, p99) = (percentile(&mut lat, 50.0), percentile(&mut lat, 99.0));
    Ok(match flood {
        Flood::Idle => vec![("echo_idle_p50", p50), ("echo_idle_p99", p99)],
        Flood::SameWindow => vec![("echo_pane_p50", p50), ("echo_pane_p99", p99)],
        Flood::OtherWindow => vec![("echo_window_p50", p50), ("echo_window_p99", p99)],
    })
}

/// Waits past the server's first idle second and reads its RSS in KiB: rmux parses its
/// default key bindings then, and a reading before it would leave them out.
fn settled_rss(pid: u32) -> Result<u64> {
    std::thread::sleep(Duration::from_millis(1500));
    procfs::rss_kib(pid)
}

/// Figure 4: RSS idle, then 10 windows with 50,000 100-character lines of history each.
pub fn memory(m: &Muxer, cfg: &Config) -> Result<Metrics> {
    let mut w = World::new(m)?;
    new_session(&w, None)?;
    let pid = w.server_pid()?;
    let idle = settled_rss(pid)?;
    let idle_anon = procfs::anon_kib(pid)?;
    w.run(&["set-option", "-g", "history-limit", "100000"])?;
    let go = w.file("go");
    let mut dones = Vec::new();
    for i in 1..=cfg.history_windows {
        let done = w.file(&format!("done{i}"));
        let cmd = format!(
            "while [ ! -e {go} ]; do sleep 0.05; done; cat {lines}; touch {done}; exec cat",
            go = sh_quote(&go),
            lines = sh_quote(&cfg.lines_file),
            done = sh_quote(&done),
        );
        w.run(&["new-window", "-d", "-t", "b:", &cmd])?;
        dones.push(done);
    }
    let empty = settled_rss(pid)?;
    touch(&go)?;
    for d in &dones {
        procfs::wait_file(d, Duration::from_secs(600), "a history window to fill")?;
    }
    // The last lines must have reached the panes' screens before we count.
    let last = format!("{:08} ", cfg.lines_per_window + usize::from(ROWS) - 2);
    let mut history = 0usize;
    for i in 1..=cfg.history_windows {
        let target = format!("b:{i}");
        w.wait_capture(&target, &last, Duration::from_secs(60))?;
        let h = w.display(
            Some(&target),
            "#{history_size} #{pane_width}x#{pane_height}",
        )?;
        if cfg.verbose && i == 1 {
            eprintln!(
                "    {} window 1: history_size, pane size = {h}",
                w.kind.name()
            );
        }
        history += h
            .split_whitespace()
            .next()
            .and_then(|s| s.parse::<usize>().ok())
            .ok_or_else(|| anyhow!("#{{history_size}} gave {h:?}"))?;
    }
    let nominal = cfg.history_windows * cfg.lines_per_window;
    if history.abs_diff(nominal) > nominal / 100 {
        eprintln!(
            "warning: {} holds {history} history lines, expected {nominal}",
            w.kind.name()
        );
    }
    let full = settled_rss(pid)?;
    w.shutdown();
    let per_line = (full.saturating_sub(idle) * 1024) as f64 / nominal as f64;
    Ok(vec![
        ("mem_idle_mib", idle as f64 / 1024.0),
        ("mem_idle_anon_mib", idle_anon as f64 / 1024.0),
        ("mem_empty_windows_mib", empty as f64 / 1024.0),
        ("mem_full_mib", full as f64 / 1024.0),
        ("mem_bytes_per_line", per_line),
    ])
}

/// Figure 5a: `new -d` + `kill-server`, median of `startup_iters`.
pub fn startup(m: &Muxer, cfg: &Config) -> Result<Metrics> {
    let mut w = World::new(m)?;
    let mut times = Vec::new();
    let size = size_args();
    let mut args = vec!["new-session", "-d", "-s", "b"];
    args.extend(size.iter().map(String::as_str));
    for _ in 0..cfg.startup_iters {
        let new = w.timed(&args)?;
        // Untimed: who to wait for.
        let pid = w.display(None, "#{pid}")?;
        let kill = w.timed(&["kill-server"])?;
        times.push((new + kill).as_secs_f64() * 1e3);
        if let Ok(pid) = pid.parse::<u32>()
            && !procfs::wait_gone(pid, Duration::from_secs(5))
        {
            procfs::stop(pid, Duration::from_secs(1));
            bail!("{} server {pid} outlived kill-server", w.kind.name());
        }
    }
    w.shutdown();
    Ok(vec![("startup_ms", percentile(&mut times, 50.0))])
}

/// Figure 5b: from spawning `attach` to a complete first frame (pane text as
/// `capture-pane` has it, and a status line), for a full screen with history.
pub fn attach_time(m: &Muxer, cfg: &Config) -> Result<Metrics> {
    let w = World::new(m)?;
    let ready = w.file("ready");
    let cmd = format!(
        "cat {}; touch {}; exec cat",
        sh_quote(&cfg.sample),
        sh_quote(&ready)
    );
    new_session(&w, Some(&cmd))?;
    procfs::wait_file(&ready, Duration::from_secs(30), "the attach pane")?;
    w.wait_capture("b", END_MARKER, Duration::from_secs(30))?;
    let captured = w.run(&["capture-pane", "-p", "-t", "b"])?;
    let mut rows: Vec<String> = captured
        .lines()
        .map(|l| l.trim_end_matches(' ').to_string())
        .collect();
    rows.resize(usize::from(ROWS), String::new());
    let mut times = Vec::new();
    for _ in 0..cfg.attach_iters {
        let probe = Probe::Frame {
            rows: rows.clone(),
            status: ROWS,
        };
        let mut tty = Tty::spawn(w.attach_command("b"), COLS, ROWS + 1, true, Some(probe))?;
        let seen = tty
            .wait_hit(Duration::from_secs(15), "the first complete frame")
            .with_context(|| format!("{} attach", w.kind.name()))?;
        times.push(seen.saturating_duration_since(tty.spawned).as_secs_f64() * 1e3);
        tty.close();
        // Let the server notice the client went away.
        std::thread::sleep(Duration::from_millis(100));
    }
    drop(w);
    Ok(vec![("attach_ms", percentile(&mut times, 50.0))])
}

/// Figure 6: 10 windows x 5 panes flooding; echo latency in window 0, server CPU, RSS.
pub fn many_panes(m: &Muxer, cfg: &Config, seed: u64) -> Result<Metrics> {
    let mut w = World::new(m)?;
    let ready = w.file("ready");
    let go = w.file("go");
    new_session(&w, Some(&echo_command(&ready)))?;
    let pid = w.server_pid()?;
    // Identical history work for both (rmux's default; tmux's is 2000).
    w.run(&["set-option", "-g", "history-limit", "10000"])?;
    let flood = flood_command(cfg, Some(&go));
    for win in 1..=cfg.flood_windows {
        let target = format!("b:{win}");
        w.run(&["new-window", "-d", "-t", &target, &flood])?;
        for p in 1..cfg.panes_per_window {
            let dir = if p % 2 == 1 { "-v" } else { "-h" };
            w.run(&["split-window", "-d", dir, "-t", &target, &flood])?;
        }
        // Even out the panes where the layout command exists.
        let _ = w.run(&["select-layout", "-t", &target, "tiled"]);
    }
    let panes = w
        .run(&["list-panes", "-a", "-F", "#{pane_pid}"])?
        .lines()
        .count();
    let want = cfg.flood_windows * cfg.panes_per_window + 1;
    if panes != want {
        bail!("{}: {panes} panes, wanted {want}", w.kind.name());
    }
    procfs::wait_file(&ready, Duration::from_secs(10), "the echo pane")?;
    let width = pane_width(&w, "b:0.0")?;
    let tty = attach(&w)?;
    let before = settled_rss(pid)?;
    touch(&go)?;
    std::thread::sleep(Duration::from_secs(1));
    let (cpu0, t0) = (procfs::cpu_ticks(pid)?, Instant::now());
    let mut lat = echo_latencies(&tty, width, cfg, Duration::from_secs(30), seed)
        .with_context(|| format!("{} echo with {} panes flooding", w.kind.name(), panes - 1))?;
    if cfg.verbose {
        describe(w.kind.name(), "with 50 panes flooding", &lat);
    }
    let (cpu1, t1) = (procfs::cpu_ticks(pid)?, Instant::now());
    let after = procfs::rss_kib(pid)?;
    let peak = procfs::hwm_kib(pid)?;
    drop(tty);
    w.shutdown();
    let cpu_pct =
        (cpu1 - cpu0) as f64 * procfs::ms_per_tick() / (t1 - t0).as_secs_f64().max(1e-3) / 10.0;
    Ok(vec![
        ("many_p50", percentile(&mut lat, 50.0)),
        ("many_p99", percentile(&mut lat, 99.0)),
        ("many_cpu_pct", cpu_pct),
        ("many_rss_before_mib", before as f64 / 1024.0),
        ("many_rss_after_mib", after as f64 / 1024.0),
        ("many_rss_peak_mib", peak as f64 / 1024.0),
    ])
}

/// Nearest-rank percentile (sorts `v`); the median averages the middle pair.
pub fn percentile(v: &mut [f64], p: f64) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    if (p - 50.0).abs() < f64::EPSILON && v.len().is_multiple_of(2) {
        let m = v.len() / 2;
        return (v[m - 1] + v[m]) / 2.0;
    }
    let rank = ((p / 100.0) * v.len() as f64).ceil() as usize;
    v[rank.clamp(1, v.len()) - 1]
}

/// Figure 7: copy mode over 100,000 lines of history, each step timed from the key or
/// command until the client's screen shows its result (a search with no match, and the
/// copy, until the command that ran it returns: their screen does not change).
pub fn copy_mode(m: &Muxer, _cfg: &Config) -> Result<Metrics> {
    const LINES: u32 = 100_000;
    let mut w = World::new(m)?;
    new_session(&w, None)?;
    w.run(&["set-option", "-g", "history-limit", "110000"])?;
    // A window made after the limit was raised keeps every line; cat keeps it open.
    let fill = format!("echo TOP-MARK; seq -f 'line-%g' 1 {LINES}; exec cat");
    w.run(&["new-window", "-t", "b:1", &fill])?;
    w.run(&["kill-window", "-t", "b:0"])?;
    let last = format!("line-{LINES}");
    w.wait_capture("b", &last, Duration::from_secs(60))?;
    let tty = attach(&w)?;
    tty.wait_quiet(Duration::from_millis(200), Duration::from_secs(10))?;
    let limit = Duration::from_secs(30);
    let shown = |probe: Probe, what: &str, act: &dyn Fn() -> Result<()>| -> Result<f64> {
        tty.arm(probe);
        let sent = Instant::now();
        act()?;
        let seen = tty.wait_hit(limit, what)?;
        Ok(seen.saturating_duration_since(sent).as_secs_f64() * 1e3)
    };
    let enter = shown(
        Probe::RowHas {
            row: 0,
            text: "[0/".to_string(),
        },
        "copy mode's position indicator",
        &|| tty.send(b"\x02["),
    )?;
    let search_top = shown(
        Probe::RowHas {
            row: 0,
            text: "TOP-MARK".to_string(),
        },
        "the match at the top",
        &|| {
            w.run(&["send-keys", "-t", "b", "-X", "search-backward", "TOP-MARK"])
                .map(drop)
        },
    )?;
    w.run(&["send-keys", "-t", "b", "-X", "history-bottom"])?;
    let search_none = w
        .timed(&[
            "send-keys",
            "-t",
            "b",
            "-X",
            "search-backward",
            "NOWHERE-TO-BE-FOUND",
        ])?
        .as_secs_f64()
        * 1e3;
    w.run(&["send-keys", "-t", "b", "-X", "history-bottom"])?;
    tty.wait_quiet(Duration::from_millis(100), Duration::from_secs(10))?;
    let history_top = shown(
        Probe::RowHas {
            row: 0,
            text: "TOP-MARK".to_string(),
        },
        "the top of the history",
        &|| {
            w.run(&["send-keys", "-t", "b", "-X", "history-top"])
                .map(drop)
        },
    )?;
    w.run(&["send-keys", "-t", "b", "-X", "begin-selection"])?;
    w.run(&["send-keys", "-t", "b", "-X", "history-bottom"])?;
    let select_all = w
        .timed(&["send-keys", "-t", "b", "-X", "copy-selection"])?
        .as_secs_f64()
        * 1e3;
    let copied = w.run(&["show-buffer"])?;
    if !copied.contains(&last) {
        bail!("{}: the copy lacks the last line", w.kind.name());
    }
    drop(tty);
    w.shutdown();
    Ok(vec![
        ("copy_enter_ms", enter),
        ("copy_search_top_ms", search_top),
        ("copy_search_none_ms", search_none),
        ("copy_history_top_ms", history_top),
        ("copy_select_all_ms", select_all),
    ])
}

#[cfg(test)]
mod tests {
    use super::percentile;

    #[test]
    fn percentiles_are_nearest_rank_and_the_median_averages() {
        let mut v: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(percentile(&mut v, 99.0), 99.0);
        assert_eq!(percentile(&mut v, 50.0), 50.5);
        let mut odd = vec![3.0, 1.0, 2.0];
        assert_eq!(percentile(&mut odd, 50.0), 2.0);
        assert!(percentile(&mut [], 50.0).is_nan());
    }
}
