//! The story rmux exists for: start a session, run a server in it, detach, close the
//! terminal, come back, and find everything still there.

use crate::harness::{Env, PROMPT, eventually, free_port, http_get};

#[test]
fn http_server_survives_detach_and_closed_terminal() {
    if std::process::Command::new("python3")
        .arg("-V")
        .output()
        .is_err()
    {
        eprintln!("note: python3 is not installed; skipping the HTTP server story");
        return;
    }
    let env = Env::new();
    let www = env.home().join("www");
    std::fs::create_dir_all(&www).unwrap();
    std::fs::write(www.join("index.html"), "<h1>halo-belajar</h1>\n").unwrap();
    let port = free_port();

    let mut tty = env.spawn(100, 30, &["new", "-s", "belajar"]);
    tty.wait_text(PROMPT);
    tty.wait_bottom("session name in the status line", "[belajar] 0:");
    tty.line(&format!(
        "cd {} && python3 -m http.server {port} --bind 127.0.0.1",
        www.display()
    ));
    tty.wait_text(&format!("port {port}"));

    // C-b d: the client leaves, restoring the terminal, and says why.
    tty.prefix(b"d");
    assert_eq!(tty.wait_exit(), 0);
    let text = tty.text();
    assert!(
        text.contains("[detached (from session belajar)]"),
        "no detach message:\n{text}"
    );
    tty.with_screen(|t| {
        assert!(!t.modes().alt_screen, "client left the alternate screen on");
        assert!(t.cursor().visible, "client left the cursor hidden");
    });
    let raw = String::from_utf8_lossy(&tty.raw()).into_owned();
    let restored = raw.rfind("\x1b[?1049l").expect("alternate screen left");
    assert!(
        raw[restored..].contains("[detached (from session belajar)]"),
        "the message must come after the terminal is restored"
    );

    let body = eventually("an HTTP answer after detach", || http_get(port));
    assert!(body.contains("halo-belajar"), "{body}");
    let ls = env.ok(&["ls"]);
    assert!(ls.starts_with("belajar: 1 windows (created "), "{ls}");

    // Attach, then close the terminal itself: the server must not care.
    let tty = env.spawn(100, 30, &["attach", "-t", "belajar"]);
    tty.wait_text("\"GET / HTTP/1.0\" 200");
    tty.hang_up();
    let body = eventually("an HTTP answer after the terminal closed", || {
        http_get(port)
    });
    assert!(body.contains("halo-belajar"));

    // Tomorrow: attach again, the log (two requests) is there.
    let mut tty = env.spawn(100, 30, &["attach"]);
    tty.wait("both request log lines", |ls| {
        ls.iter()
            .filter(|l| l.contains("\"GET / HTTP/1.0\" 200"))
            .count()
            >= 2
    });
    tty.send(b"\x03");
    tty.wait("the prompt after C-c", |ls| {
        ls.iter().any(|l| l.trim_end() == PROMPT)
    });
    tty.prefix(b"d");
    assert_eq!(tty.wait_exit(), 0);
}

#[test]
fn two_clients_see_the_same_pane_and_the_window_follows_the_latest() {
    let env = Env::new();
    let mut a = env.spawn(100, 30, &["new", "-s", "duo"]);
    a.wait_text(PROMPT);
    let mut b = env.spawn(80, 24, &["attach", "-t", "duo"]);
    b.wait_text(PROMPT);
    a.line("echo from-a");
    b.wait_line("from-a");
    // a typed last, so the window is a's size.
    a.wait_line("from-a");
    // Now b types: the window takes b's size (80x24: 23 rows above the status line).
    b.line("stty size");
    b.wait_line("23 80");
    // a is larger than the window now: the rest of a's screen is edged and filled with
    // dots, as tmux shows it.
    a.wait("23 80 beside the window's edge", |ls| {
        ls.iter()
            .any(|l| l.starts_with("23 80 ") && l.ends_with("│···················"))
    });
    let clients = env.ok(&["list-clients"]);
    assert_eq!(clients.lines().count(), 2, "{clients}");
    b.prefix(b"d");
    assert_eq!(b.wait_exit(), 0);
    a.line("echo still-a");
    a.wait_line("still-a");
    a.prefix(b"d");
    assert_eq!(a.wait_exit(), 0);
}

#[test]
fn terminal_resize_reaches_the_program() {
    let env = Env::new();
    let mut t = env.spawn(90, 30, &["new", "-s", "rs"]);
    t.wait_text(PROMPT);
    t.line("stty size");
    t.wait_line("29 90");
    t.resize(120, 40);
    // Typing before the new size has reached the server would race the resize.
    t.wait("status line across the new width", |ls| {
        ls.last().is_some_and(|l| l.len() > 100)
    });
    t.line("clear; stty size");
    t.wait_line("39 120");
    t.prefix(b"d");
    assert_eq!(t.wait_exit(), 0);
}

/// A terminal resized before anything was typed in it: the client must still tell the
/// server (its SIGWINCH does not wait for the first key).
#[test]
fn a_resize_before_the_first_key_reaches_the_server() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "rk", "-x", "90", "-y", "29"]);
    let mut t = env.spawn(90, 30, &["attach", "-t", "rk"]);
    t.wait_bottom("the status line", "[rk]");
    t.resize(120, 40);
    eventually("the window at the terminal's new size", || {
        (env.ok(&[
            "display",
            "-p",
            "-t",
            "rk",
            "#{window_width}x#{window_height}",
        ])
        .trim()
            == "120x39")
            .then_some(())
    });
}

#[test]
fn a_flood_ends_with_its_last_lines_on_screen_and_typing_echoes() {
    let env = Env::new();
    let mut t = env.spawn(80, 24, &["new", "-s", "fl"]);
    t.wait_text(PROMPT);
    // A flood's output is taken in once per frame; its tail, a title set at its end
    // and the first key typed after it must all still arrive.
    t.line("seq 1 200000; printf '\\033]2;%s\\033\\\\' flood-title; echo flood-done");
    t.wait_line("flood-done");
    t.wait("the end of the flood above the marker", |ls| {
        ls.iter().any(|l| l == "200000")
    });
    eventually("the title set after the flood", || {
        (env.ok(&["display", "-p", "#{pane_title}"]).trim() == "flood-title").then_some(())
    });
    t.send(b"echo after");
    t.wait_text("IN$ echo after");
    t.send(b"\r");
    t.wait_line("after");
    t.prefix(b"d");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn prefix_twice_sends_the_prefix_to_the_program() {
    let env = Env::new();
    let mut t = env.spawn(80, 24, &["new", "-s", "cb"]);
    t.wait_text(PROMPT);
    // `od` shows what it reads: C-b C-b must arrive as one 0x02 byte.
    t.line("od -An -tx1 -N1");
    eventually("od to be reading", || {
        (env.ok(&["display", "-p", "-t", "cb", "#{pane_current_command}"])
            .trim()
            == "od")
            .then_some(())
    });
    // The line discipline hands over the byte at the end of the line.
    t.prefix(b"\x02");
    t.send(b"\r");
    t.wait_line(" 02");
    t.prefix(b"d");
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn exiting_the_last_shell_ends_client_and_server() {
    let env = Env::new();
    let mut t = env.spawn(80, 24, &["new", "-s", "bye"]);
    t.wait_text(PROMPT);
    t.line("exit");
    assert_eq!(t.wait_exit(), 0);
    assert!(t.text().contains("[exited]"), "{}", t.text());
    eventually("the server to exit", || {
        (!env.socket().exists()).then_some(())
    });
    let out = env.run(&["ls"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn lock_hands_the_terminal_to_lock_command_and_comes_back() {
    let env = Env::new();
    let mut t = env.spawn(80, 24, &["new", "-s", "lk"]);
    t.wait_text(PROMPT);
    env.ok(&[
        "set",
        "-g",
        "lock-command",
        "printf 'LOCKED; press enter'; read x",
    ]);
    for lock in [&["lock-session", "-t", "lk"][..], &["lock-server"]] {
        env.ok(lock);
        t.wait_text("LOCKED; press enter");
        // Keys go to the lock command, not to the pane.
        t.send(b"echo typed-while-locked\r");
        t.wait_bottom("the session drawn again", "[lk]");
        let shown = env.ok(&["capture-pane", "-p", "-t", "lk"]);
        assert!(!shown.contains("typed-while-locked"), "{shown}");
    }
    t.prefix(b"d");
    assert_eq!(t.wait_exit(), 0);
}
