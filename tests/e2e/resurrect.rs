//! Resurrection (rmux's own): after `kill-server`, `rmux resurrect` makes the sessions
//! again with their windows, layouts, directories and the text each pane showed; a
//! snapshot is also written by itself while the server runs.

use crate::harness::{Env, eventually};

/// The one file of rmux's state directory whose name ends in `.{ext}`, if there is one.
fn state_file(env: &Env, ext: &str) -> Option<std::path::PathBuf> {
    let dir = env.home().join(".local/state/rmux");
    let mut found: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    assert!(found.len() <= 1, "more than one .{ext} file: {found:?}");
    found.pop()
}

fn panes(env: &Env) -> String {
    env.ok(&[
        "list-panes",
        "-a",
        "-F",
        "#{session_name}:#{window_index}.#{pane_index} #{pane_current_path} #{pane_width}x#{pane_height}",
    ])
}

#[test]
fn kill_server_then_resurrect_brings_the_sessions_back() {
    let env = Env::new();
    let home = env.home();
    let (a, b) = (home.join("app"), home.join("logs"));
    std::fs::create_dir_all(&a).expect("dir");
    std::fs::create_dir_all(&b).expect("dir");
    let (a, b) = (a.display().to_string(), b.display().to_string());
    env.ok(&[
        "new", "-d", "-s", "belajar", "-c", &a, "-x", "100", "-y", "30",
    ]);
    env.ok(&[
        "send-keys",
        "-t",
        "belajar",
        "seq -f 'line-%g' 1 1500",
        "Enter",
    ]);
    env.wait_capture("belajar", "the last line", |t| t.contains("line-1500"));
    env.ok(&["split-window", "-h", "-t", "belajar", "-c", &b]);
    env.ok(&[
        "new-window",
        "-d",
        "-t",
        "belajar:3",
        "-n",
        "logs",
        "-c",
        &b,
    ]);
    env.ok(&["rename-window", "-t", "belajar:0", "web"]);
    env.ok(&["set", "-w", "-t", "belajar:3", "monitor-activity", "on"]);
    env.ok(&["set", "-t", "belajar", "status-left", "[kept]"]);
    env.ok(&["new", "-d", "-s", "other", "-x", "80", "-y", "24"]);
    // Colours are kept with the text.
    env.ok(&[
        "send-keys",
        "-t",
        "other",
        "printf '\\033[1;31mred-bold\\033[0m plain\\n'",
        "Enter",
    ]);
    env.wait_capture("other", "the coloured line", |t| {
        t.contains("red-bold plain")
    });
    // Buffers are kept when asked for.
    env.ok(&["set", "-s", "resurrect-buffers", "on"]);
    env.ok(&["set-buffer", "-b", "notes", "kept across the kill"]);
    let windows = |env: &Env| {
        env.ok(&[
            "list-windows",
            "-a",
            "-F",
            "#{session_name}:#{window_index} #{window_name} #{window_layout}",
        ])
    };
    let before = (windows(&env), panes(&env));
    env.ok(&["kill-server"]);
    env.ok(&["resurrect"]);
    assert_eq!((windows(&env), panes(&env)), before);
    assert_eq!(
        env.ok(&["show", "-wv", "-t", "belajar:3", "monitor-activity"]),
        "on\n"
    );
    assert_eq!(
        env.ok(&["show", "-v", "-t", "belajar", "status-left"]),
        "[kept]\n"
    );
    assert_eq!(
        env.ok(&["show-buffer", "-b", "notes"]),
        "kept across the kill"
    );
    let coloured = env.ok(&["capture-pane", "-p", "-e", "-t", "other"]);
    assert!(
        coloured.contains("\x1b[1m\x1b[31mred-bold\x1b[0m"),
        "{coloured:?}"
    );
    // The text: the last 1,000 lines (and more) of the history are there again, then
    // the marker line.
    let text = env.ok(&["capture-pane", "-p", "-J", "-t", "belajar:0.0", "-S", "-"]);
    for n in 500..=1500 {
        assert!(
            text.contains(&format!("line-{n}\n")),
            "line-{n} lost:\n{text}"
        );
    }
    assert!(text.contains("--- restored from "), "{text}");
    // Running sessions are left alone: a second resurrect makes nothing twice.
    env.ok(&["resurrect"]);
    assert_eq!(panes(&env), before.1);
}

#[test]
fn a_snapshot_is_written_while_the_server_runs() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "s"]);
    env.ok(&["set", "-s", "snapshot-interval", "1"]);
    let file = eventually("the snapshot file", || state_file(&env, "snapshot"));
    // Off: nothing is written, and resurrect says there is nothing.
    std::fs::remove_file(&file).expect("remove");
    env.ok(&["set", "-s", "snapshot-interval", "0"]);
    env.ok(&["kill-server"]);
    assert!(!file.exists());
    let out = env.run(&["resurrect"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no snapshot"), "{err}");
}

#[test]
fn a_new_server_keeps_the_sessions_it_has_not_resurrected() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "belajar"]);
    env.ok(&["kill-server"]);
    // After a reboot, a new session first: its snapshots keep `belajar` for later.
    env.ok(&["new", "-d", "-s", "fresh"]);
    // The last snapshot is put aside unread: a big one costs the new server nothing.
    let aside = state_file(&env, "carried").expect("the last snapshot put aside");
    assert_eq!(state_file(&env, "snapshot"), None);
    env.ok(&["set", "-s", "snapshot-interval", "1"]);
    let file = eventually("a snapshot by the new server", || {
        state_file(&env, "snapshot")
    });
    env.ok(&["kill-server"]);
    env.ok(&["resurrect"]);
    let sessions = env.ok(&["ls", "-F", "#{session_name}"]);
    assert_eq!(sessions, "belajar\nfresh\n");
    // Every session put aside exists again: the next snapshot lets the file go.
    env.ok(&["set", "-s", "snapshot-interval", "1"]);
    eventually("nothing left to carry", || (!aside.exists()).then_some(()));
    assert!(file.exists());
}

#[test]
fn servers_of_one_name_in_two_directories_keep_their_own_snapshots() {
    // Two `default` sockets (another RMUX_TMPDIR, or -S) under one HOME: each server's
    // snapshot is its own, so neither resurrects the other's sessions.
    let env = Env::new();
    let sockets = ["a", "b"].map(|d| {
        let dir = env.tmpdir().join(d);
        std::fs::create_dir_all(&dir).expect("dir");
        dir.join("default").display().to_string()
    });
    for (socket, session) in sockets.iter().zip(["first", "second"]) {
        env.ok(&["-S", socket, "new", "-d", "-s", session]);
        env.ok(&["-S", socket, "kill-server"]);
    }
    for (socket, session) in sockets.iter().zip(["first", "second"]) {
        env.ok(&["-S", socket, "resurrect"]);
        let sessions = env.ok(&["-S", socket, "ls", "-F", "#{session_name}"]);
        assert_eq!(sessions, format!("{session}\n"));
    }
}
