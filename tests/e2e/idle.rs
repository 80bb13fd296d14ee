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
