//! Samples per (multiplexer, metric) and the table: median (min–max) per column, the
//! ratio oriented so that > 1 means rmux is better, the goal of issue 5 and whether the
//! medians meet it.

use std::collections::BTreeMap;

use crate::mux::Kind;

#[derive(Default)]
pub struct Results {
    samples: BTreeMap<(Kind, &'static str), Vec<f64>>,
    /// The bare-PTY ceiling has no multiplexer.
    pub pty: Vec<f64>,
    pub errors: Vec<String>,
}

impl Results {
    pub fn add(&mut self, kind: Kind, metrics: &[(&'static str, f64)]) {
        for &(key, v) in metrics {
            self.samples.entry((kind, key)).or_default().push(v);
        }
    }

    pub fn get(&self, kind: Kind, key: &str) -> &[f64] {
        self.samples
            .iter()
            .find(|((k, name), _)| *k == kind && *name == key)
            .map_or(&[], |(_, v)| v.as_slice())
    }
}

#[derive(Clone, Copy)]
enum Better {
    Higher,
    Lower,
    /// No comparison (the ceiling, context figures).
    Neither,
}

#[derive(Clone, Copy)]
enum Goal {
    None,
    /// rmux at least this many times better than tmux.
    Times(f64),
    /// rmux's median at most this.
    AtMost(f64),
    /// rmux's median at least this.
    AtLeast(f64),
    /// rmux no worse than tmux.
    NotWorse,
    /// At most a value and at most a fraction of tmux's.
    AtMostAndTimes(f64, f64),
}

struct Row {
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    better: Better,
    goal: Goal,
}

const fn row(
    key: &'static str,
    label: &'static str,
    unit: &'static str,
    better: Better,
    goal: Goal,
) -> Row {
    Row {
        key,
        label,
        unit,
        better,
        goal,
    }
}

const ROWS: &[Row] = &[
    row(
        "detached_mbps",
        "1 throughput, detached",
        "MB/s",
        Better::Higher,
        Goal::Times(4.0),
    ),
    row(
        "pty_mbps",
        "1 bare PTY (ceiling, no multiplexer)",
        "MB/s",
        Better::Neither,
        Goal::None,
    ),
    row(
        "detached_pct_pty",
        "1 detached as % of bare PTY",
        "%",
        Better::Higher,
        Goal::AtLeast(50.0),
    ),
    row(
        "detached_cpu_ms_per_mb",
        "1 server CPU per MB, detached",
        "ms",
        Better::Lower,
        Goal::None,
    ),
    row(
        "attached_mbps",
        "2 throughput, attached",
        "MB/s",
        Better::Higher,
        Goal::Times(4.0),
    ),
    row(
        "attached_client_mb",
        "2 bytes written by the client",
        "MB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "attached_client_pct",
        "2 client bytes as % of output",
        "%",
        Better::Lower,
        Goal::AtMost(5.0),
    ),
    row(
        "attached_cpu_ms_per_mb",
        "2 server CPU per MB, attached",
        "ms",
        Better::Lower,
        Goal::None,
    ),
    row(
        "echo_idle_p50",
        "3 echo idle, median",
        "ms",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "echo_idle_p99",
        "3 echo idle, p99",
        "ms",
        Better::Lower,
        Goal::None,
    ),
    row(
        "echo_pane_p50",
        "3 echo, same-window pane floods, median",
        "ms",
        Better::Lower,
        Goal::AtMost(1.0),
    ),
    row(
        "echo_pane_p99",
        "3 echo, same-window pane floods, p99",
        "ms",
        Better::Lower,
        Goal::AtMost(2.0),
    ),
    row(
        "echo_window_p50",
        "3 echo, other window floods, median",
        "ms",
        Better::Lower,
        Goal::AtMost(1.0),
    ),
    row(
        "echo_window_p99",
        "3 echo, other window floods, p99",
        "ms",
        Better::Lower,
        Goal::AtMost(2.0),
    ),
    row(
        "mem_idle_mib",
        "4 server RSS, one idle pane",
        "MiB",
        Better::Lower,
        Goal::AtMost(4.0),
    ),
    row(
        "mem_idle_anon_mib",
        "4 of it the server's own (RssAnon)",
        "MiB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "mem_empty_windows_mib",
        "4 RSS + 10 empty windows, limit 100000",
        "MiB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "mem_full_mib",
        "4 RSS with 500,000 history lines",
        "MiB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "mem_bytes_per_line",
        "4 bytes per 100-char history line",
        "B",
        Better::Lower,
        Goal::AtMostAndTimes(250.0, 4.0),
    ),
    row(
        "startup_ms",
        "5 new -d + kill-server",
        "ms",
        Better::Lower,
        Goal::AtMost(5.0),
    ),
    row(
        "attach_ms",
        "5 attach to first full frame",
        "ms",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "many_p50",
        "6 50 panes flood: echo median",
        "ms",
        Better::Lower,
        Goal::None,
    ),
    row(
        "many_p99",
        "6 50 panes flood: echo p99",
        "ms",
        Better::Lower,
        Goal::AtMost(10.0),
    ),
    row(
        "many_cpu_pct",
        "6 50 panes flood: server CPU",
        "%",
        Better::Lower,
        Goal::None,
    ),
    row(
        "many_rss_before_mib",
        "6 50 panes: RSS before flood",
        "MiB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "many_rss_after_mib",
        "6 50 panes: RSS after flood",
        "MiB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "many_rss_peak_mib",
        "6 50 panes: peak RSS (VmHWM)",
        "MiB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "copy_enter_ms",
        "7 copy mode at 100,000 lines: enter",
        "ms",
        Better::Lower,
        Goal::AtMostAndTimes(50.0, 1.0),
    ),
    row(
        "copy_search_top_ms",
        "7 search matching only at the top",
        "ms",
        Better::Lower,
        Goal::AtMostAndTimes(50.0, 1.0),
    ),
    row(
        "copy_search_none_ms",
        "7 search matching nothing",
        "ms",
        Better::Lower,
        Goal::AtMostAndTimes(50.0, 1.0),
    ),
    row(
        "copy_history_top_ms",
        "7 history-top",
        "ms",
        Better::Lower,
        Goal::AtMostAndTimes(50.0, 1.0),
    ),
    row(
        "copy_select_all_ms",
        "7 select the whole history and copy",
        "ms",
        Better::Lower,
        Goal::AtMostAndTimes(50.0, 1.0),
    ),
    row(
        "state_snapshot_mb",
        "8 100 panes x 10,000 lines: snapshot on disk",
        "MB",
        Better::Neither,
        Goal::None,
    ),
    row(
        "state_rtt_quiet_p99_ms",
        "8 command round trip p99, no snapshots",
        "ms",
        Better::Neither,
        Goal::None,
    ),
    row(
        "state_rtt_snapshots_p99_ms",
        "8 command round trip p99, a snapshot a second",
        "ms",
        Better::Neither,
        Goal::None,
    ),
    row(
        "state_kill_ms",
        "8 kill-server (writes the last snapshot)",
        "ms",
        Better::Neither,
        Goal::None,
    ),
    row(
        "state_resurrect_ms",
        "8 resurrect (100 panes, 100 shells started)",
        "ms",
        Better::Neither,
        Goal::None,
    ),
    row(
        "state_upgrade_ms",
        "8 server-upgrade (every pane kept)",
        "ms",
        Better::Neither,
        Goal::None,
    ),
    row(
        "grow_resize_narrow_ms",
        "9 100,000 lines: client 200 -> 120 columns, to frame",
        "ms",
        Better::Lower,
        Goal::AtMostAndTimes(50.0, 1.0),
    ),
    row(
        "grow_resize_wide_ms",
        "9 100,000 lines: client 120 -> 200 columns, to frame",
        "ms",
        Better::Lower,
        Goal::AtMostAndTimes(50.0, 1.0),
    ),
    row(
        "grow_capture_all_ms",
        "9 capture-pane -p -S - of 100,000 lines",
        "ms",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "grow_200_rss_mib",
        "9 200 panes in 20 windows: server RSS",
        "MiB",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "grow_200_anon_mib",
        "9 of it the server's own (RssAnon)",
        "MiB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "grow_200_list_ms",
        "9 200 panes: list-panes -a",
        "ms",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "grow_200_new_window_ms",
        "9 200 panes: new-window -d",
        "ms",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "grow_200_attach_ms",
        "9 200 panes: attach to first frame",
        "ms",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "grow_200_select_ms",
        "9 200 panes: select-window to frame",
        "ms",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "grow_10c_cpu_pct",
        "9 10 clients, one pane floods 3 s: server CPU",
        "%",
        Better::Lower,
        Goal::NotWorse,
    ),
    row(
        "grow_10c_client_mb",
        "9 10 clients: most bytes sent to one client",
        "MB",
        Better::Lower,
        Goal::None,
    ),
    row(
        "grow_10c_rss_mib",
        "9 10 clients: server RSS after the flood",
        "MiB",
        Better::Lower,
        Goal::NotWorse,
    ),
];

pub fn median(v: &[f64]) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    let mut s = v.to_vec();
    Some(crate::figures::percentile(&mut s, 50.0))
}

fn num(v: f64) -> String {
    let a = v.abs();
    if a >= 1000.0 {
        format!("{v:.0}")
    } else if a >= 100.0 {
        format!("{v:.1}")
    } else if a >= 10.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    }
}

fn cell(v: &[f64]) -> String {
    match median(v) {
        None => "—".to_string(),
        Some(m) if v.len() == 1 => num(m),
        Some(m) => {
            let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
            let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            format!("{} ({}–{})", num(m), num(lo), num(hi))
        }
    }
}

fn goal_text(g: Goal, unit: &str, better: Better) -> String {
    let unit = if unit == "%" {
        "%".to_string()
    } else {
        format!(" {unit}")
    };
    match g {
        Goal::None => "—".to_string(),
        Goal::Times(x) => format!("≥ {x}× tmux"),
        Goal::AtMost(x) => format!("≤ {x}{unit}"),
        Goal::AtLeast(x) => format!("≥ {x}{unit}"),
        Goal::NotWorse => match better {
            Better::Higher => "≥ tmux".to_string(),
            _ => "≤ tmux".to_string(),
        },
        Goal::AtMostAndTimes(x, t) => format!("≤ {x}{unit} and ≤ 1/{t} of tmux"),
    }
}

/// > 1 means rmux is better.
fn ratio(better: Better, r: Option<f64>, t: Option<f64>) -> Option<f64> {
    let (r, t) = (r?, t?);
    match better {
        Better::Higher if t > 0.0 => Some(r / t),
        Better::Lower if r > 0.0 => Some(t / r),
        _ => None,
    }
}

fn met(g: Goal, better: Better, r: Option<f64>, t: Option<f64>) -> &'static str {
    let yes = |b: bool| if b { "yes" } else { "NO" };
    let Some(rv) = r else { return "—" };
    match g {
        Goal::None => "—",
        Goal::AtMost(x) => yes(rv <= x),
        Goal::AtLeast(x) => yes(rv >= x),
        Goal::Times(x) => ratio(better, r, t).map_or("—", |q| yes(q >= x)),
        Goal::NotWorse => ratio(better, r, t).map_or("—", |q| yes(q >= 1.0)),
        Goal::AtMostAndTimes(x, times) => match ratio(better, r, t) {
            Some(q) => yes(rv <= x && q >= times),
            None => yes(rv <= x),
        },
    }
}

/// The table, in Markdown.
pub fn table(res: &Results, with_tmux: bool) -> String {
    let mut out = String::new();
    out.push_str(
        "| figure | unit | rmux median (min–max) | tmux median (min–max) | ratio (>1 = rmux better) | goal | met? |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|\n");
    for r in ROWS {
        let (rs, ts) = if r.key == "pty_mbps" {
            (res.pty.as_slice(), res.pty.as_slice())
        } else {
            (res.get(Kind::Rmux, r.key), res.get(Kind::Tmux, r.key))
        };
        if rs.is_empty() && ts.is_empty() {
            continue;
        }
        let (rm, tm) = (median(rs), if with_tmux { median(ts) } else { None });
        let q = ratio(r.better, rm, tm).map_or("—".to_string(), |q| format!("{q:.2}×"));
        let tcell = if with_tmux {
            cell(ts)
        } else {
            "(skipped)".to_string()
        };
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            r.label,
            r.unit,
            cell(rs),
            tcell,
            q,
            goal_text(r.goal, r.unit, r.better),
            met(r.goal, r.better, rm, tm),
        ));
    }
    out
}
