//! Bad input of every kind gets a clear message and a non-zero status, and loses
//! nothing: the server and every pane keep running.

use std::io::{Read, Write};
use std::os::unix::fs::PermissionsExt;
use std::os::unix::net::UnixStream;
use std::time::Duration;

use crate::harness::{Env, PROMPT, eventually};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn error_messages_and_exit_codes_match_tmux() {
    let env = Env::new();
    let socket = env.socket();
    let out = env.run(&["ls"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!("no server running on {}\n", socket.display())
    );
    let out = env.run(&["kill-server"]);
    assert_eq!(out.status.code(), Some(1));

    env.ok(&["new", "-d", "-s", "belajar"]);
    let cases: &[(&[&str], &str)] = &[
        (&["attach", "-t", "nosuch"], "can't find session: nosuch\n"),
        (
            &["kill-session", "-t", "nosuch"],
            "can't find session: nosuch\n",
        ),
        (&["frobnicate"], "unknown command: frobnicate\n"),
        (
            &["new", "-d", "-s", "belajar"],
            "duplicate session: belajar\n",
        ),
        (
            &["new", "-s", "tty-less"],
            "open terminal failed: not a terminal\n",
        ),
        (&["attach"], "open terminal failed: not a terminal\n"),
        (
            &["new-session", "-Z"],
            "command new-session: unknown flag -Z\n",
        ),
        (
            &["ls", "extra"],
            "command list-sessions: too many arguments (need at most 0)\n",
        ),
        (
            &["rename-session"],
            "command rename-session: too few arguments (need at least 1)\n",
        ),
        (
            &["has-session", "-t", "nosuch"],
            "can't find session: nosuch\n",
        ),
    ];
    for (args, message) in cases {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(1), "rmux {args:?}");
        assert_eq!(stderr(&out), *message, "rmux {args:?}");
    }
    env.ok(&["has-session", "-t", "belajar"]);
    assert!(env.ok(&["ls"]).starts_with("belajar:"));
}

#[test]
fn nesting_is_refused_unless_rmux_is_unset() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "outer"]);
    let inside = format!("{},1,0", env.socket().display());
    let mut t = env.spawn_with(
        80,
        24,
        &["new", "-s", "inner"],
        &[("RMUX", inside.as_str())],
    );
    assert_eq!(t.wait_exit(), 1);
    assert!(
        t.text()
            .contains("sessions should be nested with care, unset $RMUX to force"),
        "{}",
        t.text()
    );
}

/// Connect and greet the server as a client of protocol `version` would.
fn greet(env: &Env, version: u32) -> (UnixStream, [u8; 8]) {
    let mut s = UnixStream::connect(env.socket()).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let hello = rmux_proto::Hello {
        protocol_version: version,
    };
    s.write_all(&hello.encode()).unwrap();
    let mut theirs = [0u8; 8];
    s.read_exact(&mut theirs).expect("server greeting");
    (s, theirs)
}

/// After whatever the test did, the server still answers and its pane still works.
fn server_is_fine(env: &Env) {
    env.ok(&["send-keys", "-t", "victim", "echo still-$((40+2))", "Enter"]);
    env.wait_capture("victim", "the pane to keep working", |t| {
        t.lines().any(|l| l == "still-42")
    });
}

#[test]
fn garbage_oversized_frames_and_old_clients_leave_the_server_running() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "victim"]);

    // Not a greeting at all.
    let mut s = UnixStream::connect(env.socket()).unwrap();
    s.write_all(b"GET / HTTP/1.1\r\n\r\n garbage \x00\xff\xfe")
        .unwrap();
    drop(s);
    server_is_fine(&env);

    // A greeting, then a frame claiming 4 GB.
    let (mut s, _) = greet(&env, rmux_proto::PROTOCOL_VERSION);
    // The server may hang up at once: write errors are expected.
    let _ = s.write_all(&u32::MAX.to_le_bytes());
    let _ = s.write_all(&[0u8; 64]);
    let mut rest = Vec::new();
    let _ = s.read_to_end(&mut rest);
    server_is_fine(&env);

    // A greeting, then a well-sized frame of nonsense.
    let (mut s, _) = greet(&env, rmux_proto::PROTOCOL_VERSION);
    let _ = s.write_all(&[8, 0, 0, 0, 250, 251, 252, 253, 254, 255, 1, 2]);
    let _ = s.read_to_end(&mut rest);
    server_is_fine(&env);

    // A client of another protocol version learns ours, and is let go.
    let (mut s, theirs) = greet(&env, 999);
    let hello = rmux_proto::Hello::decode(&theirs).unwrap();
    assert_eq!(hello.protocol_version, rmux_proto::PROTOCOL_VERSION);
    let mut rest = Vec::new();
    s.read_to_end(&mut rest).unwrap();
    assert!(
        rest.is_empty(),
        "server kept talking to a client it cannot understand"
    );
    server_is_fine(&env);
}

#[test]
fn a_client_killed_mid_stream_loses_nothing() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "victim", "-x", "120", "-y", "40"]);
    let mut t = env.spawn(120, 40, &["attach", "-t", "victim"]);
    t.wait_text(PROMPT);
    t.line("seq 1 3000000 | while read n; do echo line-$n; done");
    t.wait_text("line-");
    t.kill();
    // The flood goes on in the pane without anyone attached.
    let last = |c: &str| {
        c.lines()
            .filter_map(|l| {
                l.strip_prefix("line-")
                    .and_then(|n| n.trim().parse::<u64>().ok())
            })
            .max()
            .unwrap_or(0)
    };
    let seen = last(&env.ok(&["capture-pane", "-p", "-t", "victim"]));
    env.wait_capture("victim", "the flood to go on", |c| last(c) > seen);
    env.ok(&["send-keys", "-t", "victim", "C-c", ""]);
    env.wait_capture("victim", "the prompt after C-c", |c| {
        c.lines().any(|l| l.trim_end() == PROMPT)
    });
    server_is_fine(&env);
    let clients = env.ok(&["list-clients"]);
    assert!(
        clients.is_empty(),
        "a dead client is still listed: {clients}"
    );
}

#[test]
fn an_unsafe_socket_directory_is_refused() {
    let env = Env::new();
    let dir = env.socket().parent().unwrap().to_path_buf();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let out = env.run(&["new", "-d", "-s", "x"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("unsafe permissions"), "{err}");
    assert!(err.contains(&dir.display().to_string()), "{err}");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700)).unwrap();
    env.ok(&["new", "-d", "-s", "x"]);
}

#[test]
fn a_stale_socket_is_replaced() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "first"]);
    let socket = env.socket();
    // Kill the server without letting it clean up: its socket stays behind.
    let pid: u32 = env.ok(&["display", "-p", "#{pid}"]).trim().parse().unwrap();
    crate::harness::signal(pid, "KILL");
    eventually("the server to die", || {
        (!std::path::Path::new(&format!("/proc/{pid}")).exists()).then_some(())
    });
    assert!(socket.exists());
    let out = env.run(&["ls"]);
    assert_eq!(out.status.code(), Some(1));
    env.ok(&["new", "-d", "-s", "second"]);
    assert!(env.ok(&["ls"]).starts_with("second:"));
}

#[test]
fn a_bad_config_line_is_reported_and_the_rest_still_applies() {
    let env = Env::new();
    let conf = env.dir.path().join("bad.conf");
    std::fs::write(
        &conf,
        "set -g status-left 'OK '\nfrobnicate --please\nset -g history-limit 4242\nset -g no-such-option 1\nset -g status-right R\n",
    )
    .unwrap();
    let c = conf.to_str().unwrap();
    env.ok(&["new", "-d", "-s", "cfg"]);
    let out = env.run(&["source-file", c]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains(&format!("{c}:2: unknown command: frobnicate")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{c}:4: invalid option: no-such-option")),
        "{err}"
    );
    assert_eq!(env.ok(&["show", "-gv", "status-left"]), "OK \n");
    assert_eq!(env.ok(&["show", "-gv", "history-limit"]), "4242\n");
    assert_eq!(env.ok(&["show", "-gv", "status-right"]), "R\n");
    // Starting a server with it works too; the errors wait for the first client.
    env.ok(&["kill-server"]);
    env.ok(&["-f", c, "new", "-d", "-s", "again"]);
    assert_eq!(env.ok(&["show", "-gv", "history-limit"]), "4242\n");
    let t = env.spawn(100, 24, &["attach"]);
    t.wait("the config errors in the status line", |ls| {
        ls.last()
            .is_some_and(|l| l.contains("unknown command: frobnicate"))
    });
}

/// A mistyped command or session name is answered with the likely one.
#[test]
fn typos_are_answered_with_what_was_likely_meant() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "belajar"]);
    let err = |args: &[&str]| {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(1), "rmux {args:?}");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    assert_eq!(
        err(&["split-windw"]),
        "unknown command: split-windw (did you mean split-window?)\n"
    );
    assert_eq!(
        err(&["attach", "-t", "belajr"]),
        "can't find session: belajr (did you mean belajar?)\n"
    );
    assert_eq!(
        err(&["kill-session", "-t", "nothing-like-it"]),
        "can't find session: nothing-like-it\n"
    );
}
