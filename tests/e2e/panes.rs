//! Pane and window commands from the command line: logging, synchronised typing, dead
//! panes, alerts, numbering, and moving panes between windows.

use crate::harness::{Env, PROMPT, eventually, piped_pane, wait_file};

fn fmt(env: &Env, target: &str, format: &str) -> String {
    env.ok(&["display", "-p", "-t", target, format])
        .trim_end()
        .to_string()
}

#[test]
fn pipe_pane_logs_output_to_a_file_until_toggled_off() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "p", "-x", "80", "-y", "24"]);
    let log = env.dir.path().join("flask.log");
    let cmd = format!("cat >> {}", log.display());
    env.wait_capture("p", "the prompt", |c| c.contains(PROMPT));
    env.ok(&["pipe-pane", "-o", "-t", "p", &cmd]);
    env.ok(&["send-keys", "-t", "p", "echo logged-line", "Enter"]);
    eventually("the line in the log", || {
        std::fs::read_to_string(&log)
            .ok()
            .filter(|t| t.contains("logged-line"))
            .map(|_| ())
    });
    // -o again closes the pipe: later output stays out of the file.
    env.ok(&["pipe-pane", "-o", "-t", "p", &cmd]);
    env.ok(&["send-keys", "-t", "p", "echo not-logged", "Enter"]);
    env.wait_capture("p", "the second echo", |c| {
        c.lines().any(|l| l == "not-logged")
    });
    // The pipe was closed when pipe-pane returned: nothing printed after it is copied.
    assert_eq!(env.ok(&["display", "-p", "-t", "p", "#{pane_pipe}"]), "0\n");
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(!text.contains("not-logged\r\n"), "{text}");
}

/// As in tmux, the pipe belongs to the pane, not to its program: a program started
/// again there (respawn-pane, a restart policy) goes on feeding the same command, and
/// closing the pipe then still ends the command (no copy of its pipe left open).
#[test]
fn pipe_pane_goes_on_when_the_program_is_started_again() {
    let env = Env::new();
    let log = piped_pane(&env);
    env.ok(&[
        "respawn-pane",
        "-k",
        "-t",
        "p",
        "echo again-$((3+3)); exec cat",
    ]);
    wait_file(&log, "the second program's output", "again-6");
    assert_eq!(fmt(&env, "p", "#{pane_pipe}"), "1");
    env.ok(&["pipe-pane", "-t", "p"]);
    wait_file(&log, "the command ended by the closed pipe", "closed");
}

#[test]
fn synchronize_panes_types_into_every_pane() {
    let env = Env::new();
    let mut t = env.spawn(100, 30, &["new", "-s", "s"]);
    t.wait_text(PROMPT);
    env.ok(&["split-window", "-h", "-t", "s"]);
    env.ok(&["setw", "-t", "s", "synchronize-panes", "on"]);
    t.wait("two prompts", |ls| {
        ls.iter().map(|l| l.matches(PROMPT).count()).sum::<usize>() == 2
    });
    t.line("echo both-$((1+1))");
    for pane in ["s:0.0", "s:0.1"] {
        env.wait_capture(pane, "the echo in each pane", |c| {
            c.lines().any(|l| l == "both-2")
        });
    }
}

#[test]
fn remain_on_exit_keeps_a_dead_pane_until_respawned() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "r", "-x", "80", "-y", "24"]);
    env.ok(&["set", "-g", "remain-on-exit", "on"]);
    env.ok(&["split-window", "-t", "r", "sh -c 'echo bye; exit 3'"]);
    let dead = eventually("the pane to die", || {
        let d = fmt(&env, "r:0.1", "#{pane_dead} #{pane_dead_status}");
        (d == "1 3").then_some(d)
    });
    assert_eq!(dead, "1 3");
    env.wait_capture("r:0.1", "the dead-pane line", |c| {
        c.contains("Pane is dead (status 3, ")
    });
    let out = env.run(&["respawn-pane", "-t", "r:0.1", "echo again; sleep 100"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    env.wait_capture("r:0.1", "the new command's output", |c| c.contains("again"));
    assert_eq!(fmt(&env, "r:0.1", "#{pane_dead}"), "0");
    let live = env.run(&["respawn-pane", "-t", "r:0.1"]);
    assert_eq!(live.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&live.stderr).contains("still active"));
}

#[test]
fn killed_panes_leave_no_threads_or_descriptors_behind() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "lk", "-x", "80", "-y", "24"]);
    let pid = fmt(&env, "lk", "#{pid}");
    let count = |what: &str| {
        std::fs::read_dir(format!("/proc/{pid}/{what}")).map_or(0, |d| {
            d.flatten()
                // The reaper thread starts with the first program it waits for and
                // stays for the server's life: not a pane's.
                .filter(|e| {
                    std::fs::read_to_string(e.path().join("comm"))
                        .map_or(true, |c| c.trim() != "reaper")
                })
                .count()
        })
    };
    let before = (count("task"), count("fd"));
    // At most as many as before: `before` may still hold the descriptor of the command
    // connection that just asked for the pid, which the server closes a moment later.
    let no_more = move |now: (usize, usize)| now.0 <= before.0 && now.1 <= before.1;
    // A long-lived server sees thousands of panes come and go.
    for _ in 0..5 {
        env.ok(&["split-window", "-d", "-t", "lk", "sleep 100"]);
        env.ok(&["kill-pane", "-t", "lk:0.1"]);
    }
    env.ok(&["split-window", "-d", "-t", "lk", "echo bye"]);
    eventually("the panes' threads and descriptors to go", || {
        no_more((count("task"), count("fd"))).then_some(())
    });
    // A program that ignores SIGHUP still loses its terminal with its pane, as in tmux:
    // this one stops when writing to it fails.
    env.ok(&[
        "split-window",
        "-d",
        "-t",
        "lk",
        "trap '' HUP; while echo x; do sleep 0.05; done",
    ]);
    let program = fmt(&env, "lk:0.1", "#{pane_pid}");
    env.ok(&["kill-pane", "-t", "lk:0.1"]);
    eventually("the program of a killed pane to lose its terminal", || {
        let stat = std::fs::read_to_string(format!("/proc/{program}/stat")).unwrap_or_default();
        // Gone, or a zombie waiting to be reaped.
        (stat.is_empty() || stat.contains(") Z ")).then_some(())
    });
    eventually("its reader to go too", || {
        no_more((count("task"), count("fd"))).then_some(())
    });
}

#[test]
fn activity_and_bell_flag_windows_in_the_list() {
    let env = Env::new();
    let t = env.spawn(100, 30, &["new", "-s", "a"]);
    t.wait_text(PROMPT);
    env.ok(&["new-window", "-d", "-t", "a"]);
    env.ok(&["new-window", "-d", "-t", "a"]);
    env.ok(&["setw", "-g", "monitor-activity", "on"]);
    env.ok(&["send-keys", "-t", "a:1", "echo busy", "Enter"]);
    env.ok(&["send-keys", "-t", "a:2", "printf '\\a'", "Enter"]);
    t.wait("the # and ! flags", |ls| {
        ls.last()
            .is_some_and(|l| l.contains("1:bash#") && l.contains("2:bash#!"))
    });
    env.ok(&["select-window", "-t", "a:2"]);
    t.wait("flags cleared on the window looked at", |ls| {
        ls.last()
            .is_some_and(|l| l.contains("2:bash*") && !l.contains("2:bash#"))
    });
}

#[test]
fn base_index_and_renumbering() {
    let env = Env::new();
    let conf = env.dir.path().join("base.conf");
    std::fs::write(&conf, "set -g base-index 1\nset -g renumber-windows on\n").unwrap();
    env.ok(&["-f", conf.to_str().unwrap(), "new", "-d", "-s", "b"]);
    env.ok(&["new-window", "-d", "-t", "b"]);
    env.ok(&["new-window", "-d", "-t", "b"]);
    assert_eq!(env.ok(&["lsw", "-t", "b", "-F", "#I"]), "1\n2\n3\n");
    env.ok(&["kill-window", "-t", "b:2"]);
    assert_eq!(env.ok(&["lsw", "-t", "b", "-F", "#I"]), "1\n2\n");
    env.ok(&["set", "-g", "renumber-windows", "off"]);
    env.ok(&["new-window", "-d", "-t", "b:7"]);
    env.ok(&["move-window", "-r", "-t", "b"]);
    assert_eq!(env.ok(&["lsw", "-t", "b", "-F", "#I"]), "1\n2\n3\n");
}

#[test]
fn break_join_swap_and_rotate_panes() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "m", "-x", "100", "-y", "30"]);
    env.ok(&["split-window", "-h", "-t", "m"]);
    env.ok(&["split-window", "-v", "-t", "m"]);
    let ids = |t: &str| env.ok(&["list-panes", "-t", t, "-F", "#{pane_id}"]);
    let before = ids("m:0");
    assert_eq!(before.lines().count(), 3);
    env.ok(&["swap-pane", "-s", "m:0.0", "-t", "m:0.2"]);
    let swapped: Vec<String> = ids("m:0").lines().map(String::from).collect();
    let orig: Vec<String> = before.lines().map(String::from).collect();
    assert_eq!(
        swapped,
        vec![orig[2].clone(), orig[1].clone(), orig[0].clone()]
    );
    env.ok(&["rotate-window", "-t", "m:0"]);
    assert_eq!(ids("m:0").lines().count(), 3);
    env.ok(&["break-pane", "-d", "-s", "m:0.1"]);
    assert_eq!(ids("m:0").lines().count(), 2);
    assert_eq!(ids("m:1").lines().count(), 1);
    env.ok(&["join-pane", "-h", "-s", "m:1.0", "-t", "m:0.0"]);
    assert_eq!(ids("m:0").lines().count(), 3);
    assert_eq!(env.run(&["lsw", "-t", "m:1"]).status.code(), Some(1));
    // A layout still tiles the window.
    let layout = fmt(&env, "m:0", "#{window_layout}");
    assert!(layout.contains("100x30"), "{layout}");
}

#[test]
fn status_line_options_change_what_is_shown() {
    let env = Env::new();
    let t = env.spawn(100, 20, &["new", "-s", "o"]);
    t.wait_text(PROMPT);
    env.ok(&["set", "-g", "status-left", "#[fg=red]<#S>#[default] "]);
    env.ok(&["set", "-g", "status-right", "R:#{window_panes}"]);
    env.ok(&["setw", "-g", "window-status-current-format", "[#I #W]"]);
    t.wait("the new status line", |ls| {
        ls.last()
            .is_some_and(|l| l.starts_with("<o> [0 bash]") && l.ends_with("R:1"))
    });
    let red = t.with_screen(|s| s.row(19).map(|r| r.cell(0).style.fg));
    assert_eq!(red, Some(rmux_term::Color::Indexed(1)));
}

#[test]
fn a_pane_program_gets_its_terminal_and_nothing_else_of_the_server() {
    let env = Env::new();
    // Started by a shell that ignores SIGHUP and SIGINT (nohup, a script): the
    // server inherits that, its panes' programs must not.
    let started = std::process::Command::new("sh")
        .args([
            "-c",
            "trap '' HUP INT; exec \"$0\" new -d -s fds 'exec sleep 100'",
        ])
        .arg(crate::harness::rmux_bin())
        .env_clear()
        .envs(env.vars())
        .status()
        .expect("start the server");
    assert!(started.success());
    // Many panes, so the server holds many descriptors a program could inherit.
    for _ in 0..20 {
        env.ok(&["split-window", "-d", "-t", "fds", "exec sleep 100"]);
        env.ok(&["select-layout", "-t", "fds", "tiled"]);
    }
    let pid = fmt(&env, "fds:0.0", "#{pane_pid}");
    let fds: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .expect("fds")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(fds.len(), 3, "only its terminal: {fds:?}");
    let tty = fmt(&env, "fds:0.0", "#{pane_tty}");
    for fd in ["0", "1", "2"] {
        let target = std::fs::read_link(format!("/proc/{pid}/fd/{fd}")).expect("link");
        assert_eq!(target.to_string_lossy(), tty.trim(), "fd {fd}");
    }
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("status");
    let mask = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| u64::from_str_radix(v.trim(), 16).ok())
            .expect("a signal mask")
    };
    // Bit n-1 is signal n: SIGHUP and SIGINT are back to their defaults.
    assert_eq!(mask("SigIgn:") & 0b11, 0, "{status}");
    assert_eq!(mask("SigBlk:"), 0, "{status}");
    // Its own session, with the pane's terminal as the controlling one.
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("stat");
    assert_eq!(
        crate::harness::stat_fields(&stat).get(3).copied(),
        Some(pid.trim()),
        "session id: {stat}"
    );
}
