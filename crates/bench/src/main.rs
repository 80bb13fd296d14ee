//! rmux-bench: rmux and tmux side by side on identical work, in alternating runs, each
//! in a private world (issue 5). Prints the machine, both versions and a table of
//! medians, ratios and goals. A benchmark, not a test: see README.md.

mod corpus;
mod figures;
mod growth;
mod mux;
mod procfs;
mod report;
mod soak;
mod state;
mod tty;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;

use crate::figures::{Config, Flood, Metrics};
use crate::mux::{Kind, Muxer};
use crate::report::Results;

#[derive(Parser, Debug)]
#[command(
    name = "rmux-bench",
    about = "rmux against tmux on identical work: throughput, echo latency, memory, start-up"
)]
struct Args {
    /// What to compare against: `tmux`, or `none` for the rmux column only.
    #[arg(long, default_value = "tmux")]
    vs: String,
    /// The rmux binary (default: the `rmux` beside this program, else target/release/rmux).
    #[arg(long)]
    rmux: Option<PathBuf>,
    /// The tmux binary.
    #[arg(long, default_value = "tmux")]
    tmux: PathBuf,
    /// Runs per multiplexer and figure (alternating rmux, tmux, ...). Default 5, quick 2.
    #[arg(long)]
    runs: Option<usize>,
    /// Only these figures (1-7; repeat or separate with commas).
    #[arg(long, value_delimiter = ',')]
    only: Vec<u8>,
    /// A fast smoke run: 5 MB corpus, 2 runs, fewer keys and lines.
    #[arg(long)]
    quick: bool,
    /// Size of the generated corpus in MB (default 50, quick 5).
    #[arg(long)]
    size_mb: Option<u64>,
    /// Keys timed per echo measurement (default 300, quick 60).
    #[arg(long)]
    keys: Option<usize>,
    /// Print more about each run.
    #[arg(short, long)]
    verbose: bool,
    /// Instead of the figures: rmux alone under churn for this many minutes, then what
    /// its server holds compared with the start.
    #[arg(long)]
    soak: Option<u64>,
}

fn find_in_path(prog: &Path) -> Option<PathBuf> {
    if prog.components().count() > 1 {
        return prog.is_file().then(|| prog.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(prog))
        .find(|p| p.is_file())
}

/// A binary's path as the report shows it: relative to the current directory when it is
/// below it (so a pasted report names no machine's layout), else the file name.
fn shown(bin: &Path) -> String {
    let rel = std::env::current_dir()
        .ok()
        .and_then(|d| bin.strip_prefix(d).ok().map(Path::to_path_buf));
    match rel {
        Some(r) => r.display().to_string(),
        None if bin.starts_with("/usr") || bin.starts_with("/bin") => bin.display().to_string(),
        None => bin.file_name().map_or_else(
            || bin.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        ),
    }
}

fn default_rmux() -> Result<PathBuf> {
    let beside = std::env::current_exe()
        .ok()
        .and_then(|e| e.parent().map(|d| d.join("rmux")));
    let candidates = beside
        .into_iter()
        .chain(std::env::var_os("CARGO_TARGET_DIR").map(|d| PathBuf::from(d).join("release/rmux")))
        .chain([PathBuf::from("target/release/rmux")]);
    for c in candidates {
        if c.is_file() {
            return Ok(c);
        }
    }
    bail!("no rmux binary found: run `cargo build --release` first, or pass --rmux PATH")
}

fn main() {
    if let Err(e) = real_main() {
        eprintln!("rmux-bench: {e:#}");
        std::process::exit(1);
    }
}

fn real_main() -> Result<()> {
    let args = Args::parse();
    let machine = procfs::machine();
    let runs = args.runs.unwrap_or(if args.quick { 2 } else { 5 }).max(1);
    let figures: Vec<u8> = if args.only.is_empty() {
        (1..=9).collect()
    } else {
        args.only.clone()
    };
    if let Some(f) = figures.iter().find(|f| !(1..=9).contains(*f)) {
        bail!("--only {f}: figures are 1 to 9");
    }

    let rmux_bin = match &args.rmux {
        Some(p) => p.clone(),
        None => default_rmux()?,
    };
    let rmux_bin = std::fs::canonicalize(&rmux_bin)
        .with_context(|| format!("rmux binary {}", rmux_bin.display()))?;
    let rmux = Muxer {
        kind: Kind::Rmux,
        bin: rmux_bin,
    };
    let rmux_version = rmux.version()?;
    if let Some(minutes) = args.soak {
        println!("# rmux soak: {minutes} minutes, {rmux_version}");
        return soak::run(&rmux, minutes);
    }

    let mut notes = Vec::new();
    let tmux = match args.vs.as_str() {
        "none" => None,
        "tmux" => match find_in_path(&args.tmux) {
            Some(bin) => {
                let m = Muxer {
                    kind: Kind::Tmux,
                    bin,
                };
                match m.version() {
                    Ok(v) => Some((m, v)),
                    Err(e) => {
                        notes.push(format!("tmux does not run ({e:#}): tmux column skipped"));
                        None
                    }
                }
            }
            None => {
                notes.push(format!(
                    "{} not found: tmux column skipped",
                    args.tmux.display()
                ));
                None
            }
        },
        other => bail!("--vs {other}: only `tmux` or `none`"),
    };

    let size_mb = args
        .size_mb
        .unwrap_or(if args.quick { 5 } else { 50 })
        .max(1);
    let keys = args.keys.unwrap_or(if args.quick { 60 } else { 300 });
    let lines_per_window = if args.quick { 10_000 } else { 50_000 };

    // Inputs, generated once for all runs.
    let data = tempfile::Builder::new()
        .prefix("rmux-bench-data-")
        .tempdir()
        .context("create a temporary directory")?;
    let started = Instant::now();
    let corpus = data.path().join("corpus.txt");
    let corpus_bytes = corpus::write_mixed(&corpus, size_mb * 1_000_000, 0x5eed_1234)?;
    let sample = data.path().join("sample.txt");
    corpus::write_mixed(&sample, 300_000, 0x0a77_ac11)?;
    let lines_file = data.path().join("lines.txt");
    corpus::write_lines(
        &lines_file,
        lines_per_window + usize::from(figures::ROWS) - 1,
    )?;
    let cfg = Config {
        corpus,
        corpus_bytes,
        lines_file,
        lines_per_window,
        history_windows: 10,
        sample,
        keys,
        warmup_keys: if args.quick { 10 } else { 30 },
        startup_iters: if args.quick { 5 } else { 10 },
        attach_iters: if args.quick { 3 } else { 5 },
        flood_windows: 10,
        panes_per_window: 5,
        verbose: args.verbose,
    };

    println!("# rmux-bench");
    println!();
    println!(
        "- machine: {} CPUs, {}, Linux {}",
        machine.cpus, machine.model, machine.kernel
    );
    println!("- load average at start: {}", machine.load);
    println!("- rmux: {} ({})", rmux_version, shown(&rmux.bin));
    match &tmux {
        Some((m, v)) => println!("- tmux: {v} ({})", shown(&m.bin)),
        None => println!("- tmux: skipped"),
    }
    println!(
        "- runs: {runs} per multiplexer, alternating; corpus {:.1} MB (generated in {:.1} s); {} keys per echo figure after {} warm-up; session {}x{}, client {}x{}",
        corpus_bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        cfg.keys,
        cfg.warmup_keys,
        figures::COLS,
        figures::ROWS,
        figures::COLS,
        figures::ROWS + 1
    );
    for n in &notes {
        println!("- note: {n}");
    }
    println!();

    let mut muxers = vec![&rmux];
    if let Some((m, _)) = &tmux {
        muxers.push(m);
    }
    let mut res = Results::default();
    for &fig in &figures {
        for run in 0..runs {
            let seed = 0x9e37_79b9_u64.wrapping_mul(run as u64 + 1);
            let mut detached: Vec<(Kind, f64)> = Vec::new();
            for m in &muxers {
                // tmux keeps nothing past its server: figure 8 is rmux's alone.
                if fig == 8 && m.kind != Kind::Rmux {
                    continue;
                }
                let t = Instant::now();
                let out: Result<Metrics> = match fig {
                    1 => figures::detached(m, &cfg),
                    2 => figures::attached(m, &cfg),
                    3 => {
                        let mut all = Vec::new();
                        let mut err = None;
                        for flood in [Flood::Idle, Flood::SameWindow, Flood::OtherWindow] {
                            match figures::echo(m, &cfg, flood, seed) {
                                Ok(v) => all.extend(v),
                                Err(e) => {
                                    err = Some(e);
                                    break;
                                }
                            }
                        }
                        match err {
                            Some(e) if all.is_empty() => Err(e),
                            Some(e) => {
                                res.errors.push(format!(
                                    "figure 3, run {}, {}: {e:#}",
                                    run + 1,
                                    m.kind.name()
                                ));
                                Ok(all)
                            }
                            None => Ok(all),
                        }
                    }
                    4 => figures::memory(m, &cfg),
                    5 => figures::startup(m, &cfg).and_then(|mut v| {
                        v.extend(figures::attach_time(m, &cfg)?);
                        Ok(v)
                    }),
                    6 => figures::many_panes(m, &cfg, seed),
                    7 => figures::copy_mode(m, &cfg),
                    8 => state::state(m),
                    _ => growth::growth(m),
                };
                match out {
                    Ok(v) => {
                        if let Some(&(_, mbps)) = v.iter().find(|(k, _)| *k == "detached_mbps") {
                            detached.push((m.kind, mbps));
                        }
                        eprintln!(
                            "figure {fig} run {}/{runs} {}: {} ({:.1} s)",
                            run + 1,
                            m.kind.name(),
                            v.iter()
                                .map(|(k, x)| format!("{k}={x:.3}"))
                                .collect::<Vec<_>>()
                                .join(" "),
                            t.elapsed().as_secs_f64()
                        );
                        res.add(m.kind, &v);
                    }
                    Err(e) => {
                        eprintln!(
                            "figure {fig} run {}/{runs} {}: ERROR {e:#}",
                            run + 1,
                            m.kind.name()
                        );
                        res.errors.push(format!(
                            "figure {fig}, run {}, {}: {e:#}",
                            run + 1,
                            m.kind.name()
                        ));
                    }
                }
            }
            if fig == 1 {
                match figures::bare_pty(&cfg) {
                    Ok(pty) => {
                        eprintln!("figure 1 run {}/{runs} bare PTY: {pty:.1} MB/s", run + 1);
                        res.pty.push(pty);
                        for (kind, mbps) in detached {
                            res.add(kind, &[("detached_pct_pty", mbps / pty * 100.0)]);
                        }
                    }
                    Err(e) => res
                        .errors
                        .push(format!("figure 1, run {}, bare PTY: {e:#}", run + 1)),
                }
            }
        }
    }

    println!("{}", report::table(&res, tmux.is_some()));
    println!("- load average at end: {}", procfs::load_average());
    println!(
        "- MB = 10^6 bytes; times in ms; ratio = rmux/tmux for rates, tmux/rmux for times and sizes, so > 1 always means rmux is better; \"met?\" judges the medians."
    );
    if !res.errors.is_empty() {
        println!();
        println!("Errors ({}):", res.errors.len());
        for e in &res.errors {
            println!("- {}", e.replace('\n', "\n    "));
        }
    }
    Ok(())
}
