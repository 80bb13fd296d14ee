//! An idle server sleeps: with nothing attached and every pane quiet it makes no
//! wake-ups of its own (tmux's does not either), and still notices when a program
//! starts in a pane.

use std::time::{Duration, Instant};

use crate::harness::{Env, PROMPT, WAIT, eventually};

/// The server's voluntary context switches: each is a wake-up from a wait.
fn wake_ups(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    status
        .lines()
        .find_map(|l| l.strip_prefix("voluntary_ctxt_switches:"))
        .and_then(|v| v.trim().parse().ok())
        .expect("voluntary_ctxt_switches")
}

/// Wait until the server goes `quiet` without waking (the measuring window is the
/// condition; the deadline bounds the wait for it).
fn wait_asleep(pid: u32, quiet: Duration) {
    let deadline = Instant::now() + WAIT + Duration::from_secs(10);
    loop {
        let before = wake_ups(pid);
        std::thread::sleep(quiet);
        if wake_ups(pid) == before {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the idle server kept waking up ({} wake-ups)",
            wake_ups(pid)
        );
    }
}

#[test]
fn an_idle_server_sleeps_and_still_names_windows_after_their_programs() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "idle"]);
    env.ok(&["set", "-s", "snapshot-interval", "0"]);
    env.wait_capture("idle", "the prompt", |t| t.contains(PROMPT));
    let pid = env.server_pid();
    // Longer than the once-a-second work ever waits between turns.
    wait_asleep(pid, Duration::from_millis(2500));
    // Asleep, a program started in a pane still names its window.
    env.ok(&["send-keys", "-t", "idle", "sleep 30", "Enter"]);
    eventually("the window named after sleep", || {
        let name = env.ok(&["display", "-p", "-t", "idle", "#{window_name}"]);
        (name.trim() == "sleep").then_some(())
    });
    // And once it shows nothing more, the server sleeps again.
    wait_asleep(pid, Duration::from_millis(2500));
}

/// The bottom row of what the outer terminal shows, read from the client's bytes by
/// another emulator.
fn outer_status(raw: &[u8], cols: u16, rows: u16) -> String {
    let mut parser = vt100::Parser::new(rows, cols, 0);
    parser.process(raw);
    parser
        .screen()
        .rows(0, cols)
        .last()
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

/// Attached and idle, the server wakes for its status line's interval alone (tmux's
/// wakes every `status-interval`, 15 s), not every second; and the status line's clock
/// still moves on that timer with nothing else happening.
#[test]
fn an_attached_idle_server_wakes_for_the_status_interval_only() {
    let env = Env::new();
    let tty = env.spawn(80, 24, &["new", "-s", "a"]);
    tty.wait_text(PROMPT);
    env.ok(&["set", "-s", "snapshot-interval", "0"]);
    let pid = env.server_pid();
    wait_asleep(pid, Duration::from_millis(2500));

    env.ok(&["set", "-g", "status-interval", "1"]);
    env.ok(&["set", "-g", "status-right", "%H:%M:%S"]);
    let first = eventually("the seconds in the status line", || {
        let line = outer_status(&tty.raw(), 80, 24);
        line.ends_with(|c: char| c.is_ascii_digit()).then_some(line)
    });
    eventually("the status clock moving on its own", || {
        (outer_status(&tty.raw(), 80, 24) != first).then_some(())
    });
}
