//! Live upgrade (`server-upgrade`, rmux's own): the server's process executes the rmux
//! binary on disk and carries on with every pane — same server pid, same programs,
//! screens and history intact, an attached client still attached and drawing (checked
//! on the outer terminal's cells with a `vt100` parser) — and a binary that cannot read
//! the state leaves the old server running.

use std::io::{Read, Write};
use std::os::unix::net::UnixStream;
use std::process::{Command, Stdio};

use crate::harness::{
    Env, eventually, free_port, http_get, is_alive, piped_pane, rmux_bin, wait_file, wait_output,
};

/// Every pane's id and program pid.
fn pane_pids(env: &Env) -> String {
    env.ok(&["list-panes", "-a", "-F", "#{pane_id} #{pane_pid}"])
}

/// What the outer terminal shows, read from the client's bytes by another emulator.
fn outer_screen(raw: &[u8]) -> String {
    let mut parser = vt100::Parser::new(30, 100, 0);
    parser.process(raw);
    parser.screen().contents()
}

#[test]
fn server_upgrade_keeps_every_program_screen_and_client() {
    let env = Env::new();
    let port = free_port();
    let serve = format!("exec python3 -m http.server {port} --bind 127.0.0.1");
    env.ok(&["new", "-d", "-s", "web", "-x", "100", "-y", "29", &serve]);
    eventually("the server answering", || http_get(port));
    env.ok(&[
        "new-window",
        "-t",
        "web",
        "seq 1 1500; PS1='counted> ' exec sh",
    ]);
    // The shell's prompt too: the history compared below must not gain a line after
    // it was taken.
    env.wait_capture("web:1", "the count's end and the prompt", |t| {
        t.contains("1500\ncounted>")
    });
    let history = env.ok(&["capture-pane", "-p", "-S", "-", "-t", "web:1"]);
    assert!(history.contains("\n1\n2\n3\n") || history.starts_with("1\n"));

    let mut tty = env.spawn(100, 30, &["attach", "-t", "web"]);
    tty.wait_text("[web]");
    let client = tty.pid().expect("the client's pid").to_string();
    eventually("the client listed", || {
        env.ok(&["list-clients", "-F", "#{client_pid}"])
            .contains(&client)
            .then_some(())
    });
    let server = env.server_pid();
    let panes = pane_pids(&env);
    // A job running across the upgrade ends after it: it must not stay a zombie.
    env.ok(&["run-shell", "-b", "sleep 0.5"]);

    env.ok(&["server-upgrade"]);

    assert_eq!(env.server_pid(), server, "the same server process");
    assert_eq!(
        pane_pids(&env),
        panes,
        "the same programs in the same panes"
    );
    assert_eq!(
        env.ok(&["capture-pane", "-p", "-S", "-", "-t", "web:1"]),
        history,
        "the history is intact"
    );
    eventually("the server answering again", || http_get(port));
    // Both requests' log lines: the second was read by the new server.
    env.wait_capture("web:0", "two log lines", |t| {
        t.matches("GET / HTTP").count() >= 2
    });
    eventually("the same client attached again", || {
        let clients = env.ok(&["list-clients", "-F", "#{client_pid} #{session_name}"]);
        (clients.trim() == format!("{client} web")).then_some(())
    });
    tty.line("echo drawn-$((6*7))");
    eventually("the client drawing the new output", || {
        outer_screen(&tty.raw())
            .lines()
            .any(|l| l.trim_end() == "drawn-42")
            .then_some(())
    });
    assert!(
        is_alive(tty.pid().expect("pid")),
        "the client process lives on"
    );
    eventually("no zombie left by the job", || {
        (zombie_children(server) == 0).then_some(())
    });
}

/// pipe-pane's command is carried across an upgrade: output from before reaches it,
/// output printed after it (read by the new server) too, and closing the pipe then ends
/// the command.
#[test]
fn pipe_pane_goes_on_across_an_upgrade() {
    let env = Env::new();
    let log = piped_pane(&env);
    let server = env.server_pid();

    env.ok(&["server-upgrade"]);

    assert_eq!(env.server_pid(), server, "the same server process");
    assert_eq!(env.ok(&["display", "-p", "-t", "p", "#{pane_pipe}"]), "1\n");
    env.ok(&["send-keys", "-t", "p", "echo after-$((2+2))", "Enter"]);
    wait_file(&log, "the output after the upgrade", "after-4");
    env.ok(&["pipe-pane", "-t", "p"]);
    wait_file(&log, "the command ended by the closed pipe", "closed");
}

/// Children of `pid` that exited and were not waited for.
fn zombie_children(pid: u32) -> usize {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return 0;
    };
    let children: Vec<String> = tasks
        .flatten()
        .filter_map(|t| std::fs::read_to_string(t.path().join("children")).ok())
        .flat_map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    children
        .iter()
        .filter(|child| {
            std::fs::read_to_string(format!("/proc/{child}/stat")).is_ok_and(|s| {
                s.rsplit(')')
                    .next()
                    .is_some_and(|rest| rest.trim_start().starts_with('Z'))
            })
        })
        .count()
}

/// Put `contents` at `path` as an executable, whole: written beside it, then renamed.
fn install(path: &std::path::Path, contents: &[u8]) {
    let tmp = path.with_extension("new");
    std::fs::write(&tmp, contents).expect("write");
    std::fs::set_permissions(&tmp, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .expect("chmod");
    std::fs::rename(&tmp, path).expect("rename");
}

/// Start the server from a copy of rmux (so the test can replace the binary on disk);
/// the copy's path.
fn start_from_copy(env: &Env, session: &str) -> std::path::PathBuf {
    let copy = env.dir.path().join("rmux-copy");
    install(&copy, &std::fs::read(rmux_bin()).expect("read rmux"));
    // Another test's process, between its fork and exec, may still hold the descriptor
    // the copy was written through: the copy cannot run until it lets go.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    let started = loop {
        let spawned = Command::new(&copy)
            .args(["new", "-d", "-s", session, "sleep 600"])
            .env_clear()
            .envs(env.vars())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn();
        match spawned {
            Ok(child) => break child,
            Err(e)
                if e.raw_os_error() == Some(rustix::io::Errno::TXTBSY.raw_os_error())
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => panic!("start the copy: {e}"),
        }
    };
    let out = wait_output(started, std::time::Duration::from_secs(20));
    assert!(out.status.success(), "{out:?}");
    copy
}

/// The binary the server's process runs now.
fn server_exe(env: &Env) -> String {
    std::fs::read_link(format!("/proc/{}/exe", env.server_pid()))
        .expect("the server's binary")
        .display()
        .to_string()
}

#[test]
fn a_client_of_another_protocol_may_ask_for_the_upgrade() {
    let env = Env::new();
    let copy = start_from_copy(&env, "old");
    // A new build in its place: the running server's binary is now a deleted file.
    install(&copy, &std::fs::read(rmux_bin()).expect("read rmux"));
    assert!(server_exe(&env).ends_with(" (deleted)"));
    let server = env.server_pid();
    let panes = pane_pids(&env);
    let mut stream = UnixStream::connect(env.socket()).expect("connect");
    // A greeting of a protocol this server does not speak, then the pinned request.
    stream.write_all(b"RMUX\xe7\x03\x00\x00").expect("greet");
    let mut theirs = [0u8; 8];
    stream
        .read_exact(&mut theirs)
        .expect("the server's greeting");
    assert_eq!(&theirs[..4], b"RMUX");
    stream.write_all(b"RMUXUPGR").expect("ask");
    let mut why = String::new();
    let _ = stream.read_to_string(&mut why);
    assert_eq!(why, "", "the upgrade was refused");
    assert_eq!(env.server_pid(), server);
    assert_eq!(pane_pids(&env), panes);
    assert_eq!(
        server_exe(&env),
        copy.display().to_string(),
        "runs the new binary"
    );

    // Without the request, a client of another version is told what to run.
    let mut stream = UnixStream::connect(env.socket()).expect("connect");
    stream.write_all(b"RMUX\xe7\x03\x00\x00").expect("greet");
    stream
        .read_exact(&mut theirs)
        .expect("the server's greeting");
    drop(stream);
    assert!(rmux_proto::Hello::mismatch_message(4, 999).contains("rmux server-upgrade"));
}

#[test]
fn a_binary_that_cannot_take_over_leaves_the_server_running() {
    let env = Env::new();
    // The server's binary is replaced by a program that cannot read the state (as a
    // broken build would be).
    let copy = start_from_copy(&env, "keep");
    let server = env.server_pid();
    let panes = pane_pids(&env);
    install(
        &copy,
        b"#!/bin/sh\necho 'cannot read this state' >&2\nexit 1\n",
    );

    let out = env.run(&["server-upgrade"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot take over: cannot read this state"),
        "{err}"
    );
    assert_eq!(env.server_pid(), server, "the old server runs on");
    assert_eq!(pane_pids(&env), panes);
    env.ok(&[
        "new-window",
        "-t",
        "keep",
        "echo still-serving; exec sleep 600",
    ]);
    env.wait_capture("keep:1", "the new window's output", |t| {
        t.contains("still-serving")
    });
}
