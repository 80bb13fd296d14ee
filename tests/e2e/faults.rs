//! Faults the server must survive, one test each: nothing but kill-server takes it down,
//! and what a client, a pane or a peer does is bounded. Each test checks that the
//! server still answers and its panes still work, and where it matters that its
//! descriptors, threads and memory came back to what they were.
//!
//! Tested elsewhere: a client killed mid-frame under a flood and garbage, truncated,
//! oversized and foreign frames (`errors.rs`); a terminal closed under its client
//! (`story.rs`).

use std::io::Write;
use std::os::unix::net::UnixStream;
use std::time::{Duration, Instant};

use crate::harness::{
    Env, PROMPT, ProcStats, WAIT, eventually, is_alive, parent_of, proc_stats, signal, signal_group,
};

/// The server answers and pane `target` runs commands.
fn still_works(env: &Env, target: &str) {
    env.ok(&["send-keys", "-t", target, "echo alive-$((40+2))", "Enter"]);
    env.wait_capture(target, "the pane to keep working", |t| {
        t.lines().any(|l| l.trim_end() == "alive-42")
    });
}

/// Stats once they settle near `baseline` (threads and descriptors of panes just gone
/// take a moment to close): the last reading if they never do.
fn settle(pid: u32, baseline: ProcStats) -> ProcStats {
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let now = proc_stats(pid);
        if (now.fds <= baseline.fds && now.threads <= baseline.threads) || Instant::now() > deadline
        {
            return now;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn assert_nothing_left(pid: u32, before: ProcStats, rss_slack_kib: u64, what: &str) {
    let after = settle(pid, before);
    assert!(
        after.fds <= before.fds,
        "{what}: descriptors {} -> {}",
        before.fds,
        after.fds
    );
    assert!(
        after.threads <= before.threads,
        "{what}: threads {} -> {}",
        before.threads,
        after.threads
    );
    assert!(
        after.rss_kib <= before.rss_kib + rss_slack_kib,
        "{what}: RSS {} KiB -> {} KiB",
        before.rss_kib,
        after.rss_kib
    );
}

#[test]
fn the_server_outlives_the_whole_process_tree_of_its_first_client() {
    let env = Env::new();
    // A shell starts the first client, as a terminal or an IDE would.
    let mut t = env.spawn_shell(100, 30);
    t.wait_text(PROMPT);
    t.line(&format!("{} new -s tree", crate::harness::rmux_bin()));
    t.wait("the session's status line", |ls| {
        ls.last().is_some_and(|l| l.contains("[tree]"))
    });
    let server = env.server_pid();
    let shell = t.pid().expect("the shell's pid");
    // Not a child of the client nor of the shell: adopted by init (or a subreaper).
    let parent = parent_of(server);
    assert_ne!(parent, shell);
    assert_ne!(parent_of(parent), shell, "the server hangs under the shell");
    // The terminal kills its whole tree: the shell's process group and the client's,
    // by id.
    let client = eventually("the client's pid", || {
        env.ok(&["list-clients", "-F", "#{client_pid}"])
            .trim()
            .parse::<u32>()
            .ok()
    });
    let client_group = std::fs::read_to_string(format!("/proc/{client}/stat"))
        .ok()
        .and_then(|s| {
            s.rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().nth(2))
                .and_then(|g| g.parse::<u32>().ok())
        })
        .unwrap_or(client);
    signal_group(shell, "KILL");
    signal_group(client_group, "KILL");
    t.kill();
    eventually("the client to be gone", || {
        env.ok(&["list-clients"]).is_empty().then_some(())
    });
    assert!(is_alive(server));
    still_works(&env, "tree");
}

#[test]
fn a_client_stopped_for_20_seconds_under_a_flood_keeps_the_server_bounded() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "flood", "-x", "120", "-y", "40"]);
    let server = env.server_pid();
    let t = env.spawn(120, 40, &["attach", "-t", "flood"]);
    t.wait_text(PROMPT);
    let before = proc_stats(server);
    // Text, a clipboard write and a bell on every line.
    env.ok(&[
        "send-keys",
        "-t",
        "flood",
        "yes \"$(printf 'flood line \\033]52;c;aGVsbG8=\\a\\a')\"",
        "Enter",
    ]);
    t.wait_text("flood line");
    let client = t.pid().expect("client pid");
    signal(client, "STOP");
    let mut peak = 0;
    let end = Instant::now() + Duration::from_secs(20);
    while Instant::now() < end {
        peak = peak.max(proc_stats(server).rss_kib);
        std::thread::sleep(Duration::from_millis(250));
    }
    env.ok(&["send-keys", "-t", "flood", "C-c", ""]);
    env.ok(&[
        "send-keys",
        "-t",
        "flood",
        "clear; echo newest-$((6*7))",
        "Enter",
    ]);
    env.wait_capture("flood", "the marker in the pane", |c| {
        c.contains("newest-42")
    });
    signal(client, "CONT");
    let shown = Instant::now();
    t.wait_text("newest-42");
    assert!(
        shown.elapsed() < Duration::from_secs(1) + Duration::from_millis(500),
        "the newest screen took {:?}",
        shown.elapsed()
    );
    assert!(
        peak < before.rss_kib + 64 * 1024,
        "server grew from {} KiB to {peak} KiB while a client was stopped",
        before.rss_kib
    );
}

#[test]
fn a_thousand_connections_and_two_hundred_attaches_leave_nothing_behind() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "cycles"]);
    let server = env.server_pid();
    // One round first, so what is made once (buffers, the first client's state) is in
    // the baseline.
    let mut t = env.spawn(80, 24, &["attach", "-t", "cycles"]);
    t.wait_text(PROMPT);
    t.prefix(b"d");
    t.wait_exit();
    let before = proc_stats(server);
    for _ in 0..1000 {
        let mut s = UnixStream::connect(env.socket()).expect("connect");
        let hello = rmux_proto::Hello {
            protocol_version: rmux_proto::PROTOCOL_VERSION,
        };
        let _ = s.write_all(&hello.encode());
    }
    for _ in 0..200 {
        let mut t = env.spawn(80, 24, &["attach", "-t", "cycles"]);
        t.wait_text(PROMPT);
        t.prefix(b"d");
        t.wait_exit();
    }
    assert_nothing_left(
        server,
        before,
        4 * 1024,
        "after 1,000 connections and 200 attaches",
    );
    still_works(&env, "cycles");
}

#[test]
fn a_pane_that_ignores_sighup_and_never_reads_is_killed_without_a_trace() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "deaf"]);
    let server = env.server_pid();
    // The pane goes only once the program ignores SIGHUP: killed before its `trap`, the
    // shell would rightly die of the hangup.
    let deaf = |name: &str| {
        let ready = env.home().join(name);
        let command = format!("trap '' HUP; touch {}; exec sleep 1000", ready.display());
        let out = env.ok(&[
            "split-window",
            "-P",
            "-F",
            "#{pane_id} #{pane_pid}",
            &command,
        ]);
        eventually("the program ignoring SIGHUP", || {
            ready.exists().then_some(())
        });
        out
    };
    // A first round puts the reaper thread in the baseline.
    let first = deaf("first-ready");
    let (first_pane, first_pid) = first.trim().split_once(' ').expect("pane and pid");
    env.ok(&["kill-pane", "-t", first_pane]);
    let before = proc_stats(server);
    let out = deaf("second-ready");
    let (pane, pid) = out.trim().split_once(' ').expect("pane and pid");
    // Input it will never read, more than the terminal holds.
    let input = "y".repeat(100_000);
    env.ok(&["send-keys", "-t", pane, "-l", &input]);
    env.ok(&["kill-pane", "-t", pane]);
    assert_nothing_left(server, before, 4 * 1024, "after killing a deaf pane");
    for p in [first_pid, pid] {
        let p: u32 = p.parse().expect("pid");
        assert!(is_alive(p), "the program ignores SIGHUP and lives on");
        signal(p, "KILL");
    }
    still_works(&env, "deaf");
}

#[test]
fn a_program_exiting_with_input_queued_leaves_no_thread_spinning() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "spin"]);
    let server = env.server_pid();
    let before = proc_stats(server);
    let pane = env.ok(&[
        "split-window",
        "-P",
        "-F",
        "#{pane_id}",
        "stty raw -echo; head -c 20000 >/dev/null",
    ]);
    env.ok(&["send-keys", "-t", pane.trim(), "-l", &"z".repeat(100_000)]);
    eventually("the pane to close", || {
        (env.ok(&["display", "-p", "-t", "spin", "#{window_panes}"])
            .trim()
            == "1")
            .then_some(())
    });
    let after = settle(server, before);
    let cpu = after.cpu_ticks;
    std::thread::sleep(Duration::from_secs(1));
    let spent = proc_stats(server).cpu_ticks - cpu;
    assert!(
        spent < 20,
        "the idle server spent {spent} ticks in a second"
    );
    assert!(after.threads <= before.threads, "{before:?} -> {after:?}");
    still_works(&env, "spin");
}

#[test]
fn three_hundred_splits_and_a_hundred_windows_come_and_go() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "churn", "-x", "200", "-y", "60"]);
    let server = env.server_pid();
    env.ok(&["split-window", "-d", "cat"]);
    env.ok(&["kill-pane", "-t", "churn:0.1"]);
    let before = proc_stats(server);
    for _ in 0..300 {
        env.ok(&["split-window", "-d", "cat"]);
        env.ok(&["kill-pane", "-t", "churn:0.1"]);
    }
    for _ in 0..100 {
        env.ok(&["new-window", "-d", "-t", "churn:9", "cat"]);
        env.ok(&["kill-window", "-t", "churn:9"]);
    }
    assert_nothing_left(server, before, 8 * 1024, "after 300 splits and 100 windows");
    still_works(&env, "churn");
}

#[test]
fn a_deleted_socket_comes_back_on_sigusr1() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "usr1"]);
    let server = env.server_pid();
    std::fs::remove_file(env.socket()).expect("remove the socket");
    assert_eq!(env.run(&["ls"]).status.code(), Some(1));
    signal(server, "USR1");
    eventually("the socket to be back", || {
        env.socket().exists().then_some(())
    });
    assert!(env.ok(&["ls"]).starts_with("usr1:"));
    still_works(&env, "usr1");
}

#[test]
fn sigterm_hangs_up_the_panes_removes_the_socket_and_restores_the_clients() {
    let env = Env::new();
    let mark = env.dir.path().join("got-hup");
    let pane_cmd = format!(
        "trap 'echo hup > {}; exit' HUP; echo waiting; while :; do sleep 0.1; done",
        mark.display()
    );
    env.ok(&["new", "-d", "-s", "term", &pane_cmd]);
    let server = env.server_pid();
    let mut t = env.spawn(80, 24, &["attach", "-t", "term"]);
    t.wait_text("waiting");
    signal(server, "TERM");
    assert_eq!(t.wait_exit(), 0);
    t.wait_text("[server exited]");
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    assert!(
        raw.contains("\x1b[?1049l"),
        "the client left the alternate screen"
    );
    eventually("the server to exit", || (!is_alive(server)).then_some(()));
    assert!(!env.socket().exists(), "the socket was left behind");
    eventually("the pane's program to get SIGHUP", || {
        mark.exists().then_some(())
    });
}

#[test]
fn very_long_and_odd_names_are_taken_or_refused_cleanly() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "names"]);
    let long = "n".repeat(10_000);
    env.ok(&["new", "-d", "-s", &long]);
    env.ok(&["new", "-d", "-s", "a:b.c"]);
    env.ok(&["new", "-d", "-s", "new\nline\x1b[31m"]);
    env.ok(&["rename-window", "-t", "names", "tab\there\u{1}"]);
    let ls = env.ok(&["ls", "-F", "#{session_name}"]);
    assert!(ls.lines().any(|l| l == long), "the long name");
    assert!(ls.lines().any(|l| l == "a_b_c"), "{ls}");
    assert!(ls.lines().any(|l| l == "new\\nline\\033[31m"), "{ls}");
    assert_eq!(ls.lines().count(), 4, "no name spilled over a line: {ls}");
    assert_eq!(
        env.ok(&["display", "-p", "-t", "names", "#{window_name}"]),
        "tab\\there\\001\n"
    );
    let out = env.run(&["new", "-d", "-s", ""]);
    assert_eq!(out.status.code(), Some(1));
    still_works(&env, "names");
}

#[test]
fn send_keys_with_a_one_megabyte_argument_arrives_whole() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "big"]);
    let file = env.dir.path().join("received");
    env.ok(&[
        "send-keys",
        "-t",
        "big",
        &format!("stty -icanon -echo; head -c 1048576 > {}", file.display()),
        "Enter",
    ]);
    env.wait_capture("big", "the command to start", |c| c.contains("head -c"));
    // No exec takes a 1 MB argument: send the command as a client would.
    let payload = "k".repeat(1024 * 1024);
    let status = send_command(&env, &["send-keys", "-t", "big", "-l", &payload]);
    assert_eq!(status, 0);
    eventually("a megabyte in the file", || {
        (std::fs::metadata(&file).map(|m| m.len()).unwrap_or(0) == 1024 * 1024).then_some(())
    });
    env.ok(&["send-keys", "-t", "big", "stty sane", "Enter"]);
    still_works(&env, "big");
}

/// Run a command over the socket as the CLI does; its exit status.
fn send_command(env: &Env, argv: &[&str]) -> i32 {
    use rmux_proto::{ClientMessage, CommandRequest, Hello, ServerMessage};
    let mut s = UnixStream::connect(env.socket()).expect("connect");
    s.set_read_timeout(Some(WAIT)).expect("timeout");
    let hello = Hello {
        protocol_version: rmux_proto::PROTOCOL_VERSION,
    };
    s.write_all(&hello.encode()).expect("hello");
    let mut theirs = [0u8; rmux_proto::HELLO_LEN];
    std::io::Read::read_exact(&mut s, &mut theirs).expect("greeting");
    let request = CommandRequest {
        argv: argv.iter().map(|a| a.as_bytes().to_vec()).collect(),
        cwd: b"/".to_vec(),
        env: env
            .vars()
            .into_iter()
            .map(|(k, v)| (k.into_bytes(), v.into_bytes()))
            .collect(),
        terminal: None,
        control: 0,
    };
    rmux_proto::write_message(&mut s, &ClientMessage::Command(request)).expect("send");
    loop {
        match rmux_proto::read_message::<ServerMessage, _>(&mut s) {
            Ok(Some(ServerMessage::Exit { status })) => return status,
            Ok(Some(_)) => {}
            other => panic!("no exit status: {other:?}"),
        }
    }
}

#[test]
fn capture_pane_from_far_before_the_history_starts_at_its_top() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "far"]);
    env.ok(&["send-keys", "-t", "far", "seq 1 50", "Enter"]);
    env.wait_capture("far", "the numbers", |c| c.lines().any(|l| l == "50"));
    let out = env.ok(&[
        "capture-pane",
        "-p",
        "-t",
        "far",
        "-S",
        "-999999999",
        "-E",
        "999999999",
    ]);
    assert!(out.lines().any(|l| l == "1"), "{out}");
    let out = env.run(&["capture-pane", "-p", "-t", "far", "-S", "-", "-E", "-"]);
    assert!(out.status.success());
    still_works(&env, "far");
}

#[test]
fn sizes_from_one_by_one_to_ten_thousand_square_are_taken_or_clamped() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "tiny", "-x", "1", "-y", "1"]);
    env.ok(&["new", "-d", "-s", "huge", "-x", "10000", "-y", "10000"]);
    let server = env.server_pid();
    assert!(
        proc_stats(server).rss_kib < 256 * 1024,
        "a big blank window is cheap"
    );
    // A client whose terminal says 65535x65535.
    let mut t = env.spawn(80, 24, &["new", "-s", "wide"]);
    t.wait_text(PROMPT);
    t.resize(65535, 65535);
    std::thread::sleep(Duration::from_millis(200));
    t.resize(1, 1);
    t.resize(100, 30);
    still_works(&env, "wide");
    assert!(
        proc_stats(server).rss_kib < 512 * 1024,
        "RSS {} KiB after a 65535x65535 client",
        proc_stats(server).rss_kib
    );
    assert_eq!(
        env.ok(&[
            "display",
            "-p",
            "-t",
            "tiny",
            "#{window_width}x#{window_height}"
        ]),
        "1x1\n"
    );
    assert_eq!(
        env.ok(&[
            "display",
            "-p",
            "-t",
            "huge",
            "#{window_width}x#{window_height}"
        ]),
        "10000x10000\n"
    );
}

#[test]
fn a_file_that_sources_itself_stops_with_an_error_naming_it() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "loop"]);
    let conf = env.dir.path().join("self.conf");
    std::fs::write(&conf, format!("source-file {}\n", conf.display())).expect("conf");
    let out = env.run(&["source-file", conf.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("too many nested files") && err.contains("self.conf"),
        "{err}"
    );
    still_works(&env, "loop");
}

/// `rmux args…` started in the background: a command that waits on something.
fn start_waiting(env: &Env, args: &[&str]) -> std::process::Child {
    std::process::Command::new(crate::harness::rmux_bin())
        .args(args)
        .env_clear()
        .envs(env.vars())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start rmux")
}

/// While a command waits on `what`, the server answers everyone else at once.
fn answers_meanwhile(env: &Env, what: &str) {
    std::thread::sleep(Duration::from_millis(100));
    let start = Instant::now();
    env.ok(&["ls"]);
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "the server waited for {what}"
    );
}

#[test]
fn run_shell_and_a_fifo_block_only_their_caller() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "jobs"]);
    let slow = start_waiting(&env, &["run-shell", "sleep 3; echo slept"]);
    answers_meanwhile(&env, "run-shell");
    still_works(&env, "jobs");
    // save-buffer into a FIFO nobody reads yet.
    let fifo = env.dir.path().join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .is_ok_and(|s| s.success())
    );
    let fifo_path = fifo.to_str().expect("path");
    env.ok(&["set-buffer", "into the fifo"]);
    let save = start_waiting(&env, &["save-buffer", fifo_path]);
    answers_meanwhile(&env, "the FIFO to be read");
    let read = std::fs::read_to_string(&fifo).expect("read the fifo");
    assert_eq!(read, "into the fifo");
    let out = crate::harness::wait_output(save, WAIT);
    assert!(out.status.success());
    // load-buffer from a FIFO nobody writes yet: a regular file is read on the loop,
    // this must not be.
    let load = start_waiting(&env, &["load-buffer", "-b", "piped", fifo_path]);
    answers_meanwhile(&env, "the FIFO to be written");
    std::fs::write(&fifo, "out of the fifo").expect("write the fifo");
    let out = crate::harness::wait_output(load, WAIT);
    assert!(out.status.success());
    assert_eq!(env.ok(&["show-buffer", "-b", "piped"]), "out of the fifo");
    let out = crate::harness::wait_output(slow, WAIT);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "slept\n");
    // More output than a pipe holds, from a command that waits on nothing.
    let big = env.ok(&["run-shell", "head -c 300000 /dev/zero | tr '\\0' a"]);
    assert_eq!(big.len(), 300_000);
}

#[test]
fn output_larger_than_a_frame_reaches_the_caller() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "hist", "-x", "120", "-y", "30"]);
    env.ok(&["set", "-g", "history-limit", "250000"]);
    env.ok(&["new-window", "-t", "hist:1"]);
    let line = "x".repeat(100);
    env.ok(&[
        "send-keys",
        "-t",
        "hist:1",
        &format!("yes {line} | head -n 200000; echo done-$((1+1))"),
        "Enter",
    ]);
    env.wait_capture("hist:1", "the end of the output", |c| c.contains("done-2"));
    let out = env.run(&["capture-pane", "-p", "-t", "hist:1", "-S", "-"]);
    assert!(out.status.success());
    let lines = out
        .stdout
        .split(|b| *b == b'\n')
        .filter(|l| *l == line.as_bytes())
        .count();
    assert_eq!(lines, 200_000, "every line of a 20 MB history came back");
}

#[test]
fn an_endless_osc_string_and_a_bell_flood_do_not_grow_the_server() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "osc", "-x", "100", "-y", "30"]);
    let server = env.server_pid();
    let t = env.spawn(100, 30, &["attach", "-t", "osc"]);
    t.wait_text(PROMPT);
    let before = proc_stats(server);
    env.ok(&[
        "send-keys",
        "-t",
        "osc",
        "printf '\\033]2;'; head -c 64000000 /dev/zero | tr '\\0' x; printf '\\a'; echo osc-$((2+3))",
        "Enter",
    ]);
    env.wait_capture("osc", "the end of the string", |c| c.contains("osc-5"));
    let after_osc = proc_stats(server);
    env.ok(&[
        "send-keys",
        "-t",
        "osc",
        "timeout 3 yes $'\\a' >/dev/null & timeout 3 sh -c 'while :; do printf \"\\a\"; done'; echo bells-$((3+4))",
        "Enter",
    ]);
    env.wait_capture("osc", "the bells to stop", |c| c.contains("bells-7"));
    let after_bells = proc_stats(server);
    for (what, after) in [("an endless OSC", after_osc), ("a bell flood", after_bells)] {
        assert!(
            after.rss_kib < before.rss_kib + 32 * 1024,
            "{what}: RSS {} KiB -> {} KiB",
            before.rss_kib,
            after.rss_kib
        );
    }
    still_works(&env, "osc");
}

#[test]
fn running_out_of_descriptors_does_not_busy_loop_the_server() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "fds"]);
    let server = env.server_pid();
    let limit = proc_stats(server).fds + 4;
    // The soft limit only: lowering the hard one could not be undone.
    let set_limit = |n: &str| {
        std::process::Command::new("prlimit")
            .args(["--pid", &server.to_string(), &format!("--nofile={n}:")])
            .status()
            .is_ok_and(|s| s.success())
    };
    assert!(
        set_limit(&limit.to_string()),
        "prlimit is needed for this test"
    );
    let mut held = Vec::new();
    for _ in 0..20 {
        if let Ok(s) = UnixStream::connect(env.socket()) {
            held.push(s);
        }
    }
    let cpu = proc_stats(server).cpu_ticks;
    std::thread::sleep(Duration::from_secs(2));
    let spent = proc_stats(server).cpu_ticks - cpu;
    assert!(
        spent < 50,
        "the server spent {spent} ticks in 2 s out of descriptors"
    );
    drop(held);
    assert!(set_limit("1024"));
    still_works(&env, "fds");
}

#[test]
fn arguments_and_environment_that_are_not_utf8_do_not_panic() {
    use std::os::unix::ffi::OsStrExt;
    let env = Env::new();
    let bad = std::ffi::OsStr::from_bytes(b"a\xffb");
    let out = std::process::Command::new(crate::harness::rmux_bin())
        .args(["new", "-d", "-s"])
        .arg(bad)
        .env_clear()
        .envs(env.vars())
        .env("BAD", bad)
        .output()
        .expect("run rmux");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = std::process::Command::new(crate::harness::rmux_bin())
        .arg("ls")
        .env_clear()
        .envs(env.vars())
        .env("BAD", bad)
        .output()
        .expect("run rmux");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("a\u{fffd}b:"));
}
