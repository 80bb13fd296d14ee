//! A tmux user's plugins, unmodified (tests/fixtures, with their licences), loaded by
//! rmux and by tmux from the same home directory: the same options, key bindings and
//! status line come out of both.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::{Env, Tmux, WAIT, wait_output};

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn copy(from: &Path, to: &Path) {
    std::fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
}

/// Start tmux's server reading the home directory's configuration (Tmux::run always
/// passes `-f /dev/null`, which is only right for servers without one).
fn start_tmux(env: &Env, tmux: &Tmux) {
    let mut cmd = Command::new("tmux");
    cmd.arg("-S")
        .arg(&tmux.socket)
        .args(["new", "-d", "-s", "t", "-x", "120", "-y", "40"])
        .env_clear()
        .envs(env.vars())
        .current_dir(env.home())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let out = wait_output(cmd.spawn().expect("tmux"), WAIT);
    assert!(out.status.success(), "tmux new: {out:?}");
}

/// Wait until the plugin has applied itself in both: `show -g` holds `marker`.
fn applied(env: &Env, tmux: &Tmux, marker: &str) {
    let deadline = Instant::now() + WAIT;
    loop {
        let (ours, theirs) = (env.ok(&["show", "-g"]), tmux.ok(&["show", "-g"]));
        if ours.contains(marker) && theirs.contains(marker) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the plugin never applied itself (no {marker:?});\nrmux:\n{ours}\ntmux:\n{theirs}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Numbers vary between two servers started seconds apart (uptime, clock): each run of
/// digits becomes one `#`, and runs of blanks one space (a number one digit longer moves
/// what follows it).
fn mask_digits(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c.is_ascii_digit() { '#' } else { c };
        if (c == '#' || c == ' ') && out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    out
}

/// The lines of `args`' output in both, with `skip` lines left out and digits masked,
/// once both have settled on the same answer (a plugin applies itself in jobs that run
/// after the server starts).
fn settled(env: &Env, tmux: &Tmux, args: &[&str], skip: &dyn Fn(&str) -> bool) {
    let shape = |out: String| -> Vec<String> {
        out.lines()
            .filter(|l| !skip(l))
            .map(|l| mask_digits(&l.split_whitespace().collect::<Vec<_>>().join(" ")))
            .collect()
    };
    let deadline = Instant::now() + WAIT;
    loop {
        let (ours, theirs) = (shape(env.ok(args)), shape(tmux.ok(args)));
        if ours == theirs {
            return;
        }
        if Instant::now() > deadline {
            let only = |a: &[String], b: &[String]| -> Vec<String> {
                a.iter().filter(|l| !b.contains(l)).cloned().collect()
            };
            panic!(
                "{args:?} differ\nonly rmux: {:#?}\nonly tmux: {:#?}",
                only(&ours, &theirs),
                only(&theirs, &ours)
            );
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The bottom row of an attached client of each, digits masked, once they agree.
fn same_status_line(env: &Env, tmux: &Tmux) {
    let ours = env.spawn(120, 40, &["attach", "-t", "t"]);
    let theirs = tmux.spawn(120, 40, &["attach", "-t", "t"]);
    let bottom =
        |t: &crate::harness::Tty| mask_digits(t.lines().last().map(String::as_str).unwrap_or(""));
    let deadline = Instant::now() + WAIT;
    loop {
        let (a, b) = (bottom(&ours), bottom(&theirs));
        if a == b && !a.trim().is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "status lines\nrmux: {a:?}\ntmux: {b:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Programs a plugin left behind (a loop that outlives its server by up to a minute):
/// by pid, those whose command line names this test's directory.
fn stop_leftovers(env: &Env) {
    let dir = env.dir.path().to_string_lossy().into_owned();
    let Ok(procs) = std::fs::read_dir("/proc") else {
        return;
    };
    for p in procs.flatten() {
        let Some(pid) = p.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let cmdline = std::fs::read(p.path().join("cmdline")).unwrap_or_default();
        if pid != std::process::id() && String::from_utf8_lossy(&cmdline).contains(&dir) {
            crate::harness::signal(pid, "KILL");
        }
    }
}

/// Start both servers from the home directory prepared, wait for the plugin (`marker`
/// in `show -g`), and compare options (`show -g` without `skip_global` lines), key
/// bindings and the status line; then stop both and what the plugin left running.
fn same_as_tmux(env: &Env, tmux: &Tmux, marker: &str, skip_global: &dyn Fn(&str) -> bool) {
    env.ok(&["new", "-d", "-s", "t", "-x", "120", "-y", "40"]);
    start_tmux(env, tmux);
    applied(env, tmux, marker);
    settled(env, tmux, &["show", "-g"], skip_global);
    // The restart options are rmux's own.
    settled(env, tmux, &["show", "-gw"], &|l| l.starts_with("restart"));
    // rmux's own server options.
    settled(env, tmux, &["show", "-s"], &|l| {
        [
            "tmux-compat",
            "snapshot-interval",
            "resurrect",
            "first-run-hint",
        ]
        .iter()
        .any(|o| l.starts_with(o))
    });
    settled(env, tmux, &["list-keys"], &|_| false);
    same_status_line(env, tmux);
    env.run(&["kill-server"]);
    tmux.run(&["kill-server"]);
    stop_leftovers(env);
}

#[test]
fn tmux_sensible_applies_as_in_tmux() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    copy(
        &fixture("tmux-sensible/sensible.tmux"),
        &env.home().join("sensible.tmux"),
    );
    std::fs::write(env.home().join(".tmux.conf"), "run-shell ~/sensible.tmux\n").expect("config");
    // sensible raises history-limit only from tmux's default, 2000; rmux's is 10000.
    same_as_tmux(&env, &tmux, "display-time 4000", &|l| {
        l.starts_with("history-limit")
    });
}

#[test]
fn oh_my_tmux_applies_as_in_tmux() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    for f in [".tmux.conf", ".tmux.conf.local"] {
        copy(&fixture(&format!("oh-my-tmux/{f}")), &env.home().join(f));
    }
    same_as_tmux(
        &env,
        &tmux,
        "status-left \"#[fg=#080808,bg=#ffff00,bold] ❐ #S",
        &|_| false,
    );
}
