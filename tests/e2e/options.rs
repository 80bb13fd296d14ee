//! Options act as they act in tmux: each test sets the same option in rmux and in a tmux
//! server, does the same thing in both, and compares what follows.

use std::time::{Duration, Instant};

use crate::harness::{Env, PROMPT, Tmux, Tty, WAIT, eventually, is_alive};

/// The same command in rmux and tmux; both must succeed. (rmux's stdout, tmux's stdout).
fn both(env: &Env, tmux: &Tmux, args: &[&str]) -> (String, String) {
    (env.ok(args), tmux.ok(args))
}

/// Wait until `format` reads the same in both and satisfies `pred`; that value.
fn agree(
    env: &Env,
    tmux: &Tmux,
    target: &str,
    format: &str,
    pred: impl Fn(&str) -> bool,
) -> String {
    let deadline = Instant::now() + WAIT;
    loop {
        let (a, b) = both(env, tmux, &["display", "-p", "-t", target, format]);
        if a == b && pred(&a) {
            return a.trim_end().to_string();
        }
        assert!(
            Instant::now() < deadline,
            "{format}: rmux {a:?}, tmux {b:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn buffer_limit_and_command_alias_as_in_tmux() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    both(
        &env,
        &tmux,
        &["new", "-d", "-s", "a", "-x", "80", "-y", "24"],
    );
    both(&env, &tmux, &["set", "-g", "buffer-limit", "2"]);
    for text in ["one", "two", "three"] {
        both(&env, &tmux, &["set-buffer", text]);
    }
    let (ours, theirs) = both(&env, &tmux, &["list-buffers", "-F", "#{buffer_sample}"]);
    assert_eq!(ours, theirs);
    assert_eq!(ours, "three\ntwo\n");

    both(
        &env,
        &tmux,
        &["set", "-s", "command-alias[10]", "zz=display-message -p"],
    );
    let (ours, theirs) = both(&env, &tmux, &["zz", "hello #{session_name}"]);
    assert_eq!(ours, theirs);
    assert_eq!(ours, "hello a\n");
}

#[test]
fn other_pane_sizes_shape_the_main_layouts_as_in_tmux() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    both(
        &env,
        &tmux,
        &["new", "-d", "-s", "a", "-x", "100", "-y", "30"],
    );
    for _ in 0..3 {
        both(&env, &tmux, &["split-window", "-d", "-t", "a"]);
    }
    let geometry = "#{pane_left},#{pane_top} #{pane_width}x#{pane_height}";
    for (option, value, layout) in [
        ("other-pane-width", "30", "main-vertical"),
        ("other-pane-height", "7", "main-horizontal"),
        ("main-pane-width", "20", "main-vertical"),
    ] {
        both(&env, &tmux, &["set", "-w", "-t", "a", option, value]);
        both(&env, &tmux, &["select-layout", "-t", "a", layout]);
        let (ours, theirs) = both(&env, &tmux, &["list-panes", "-t", "a", "-F", geometry]);
        assert_eq!(ours, theirs, "{option} {value} with {layout}");
    }
}

#[test]
fn flag_options_read_as_numbers_in_formats() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    both(&env, &tmux, &["new", "-d", "-s", "a"]);
    let format = "#{synchronize-panes} #{?synchronize-panes,sync,alone} #{remain-on-exit} \
                  #{status} #{mouse} #{E:pane-active-border-style}";
    assert_eq!(
        agree(&env, &tmux, "a", format, |_| true),
        "0 alone off on 0 fg=green"
    );
    both(
        &env,
        &tmux,
        &["set", "-w", "-t", "a", "synchronize-panes", "on"],
    );
    assert_eq!(
        agree(&env, &tmux, "a", format, |_| true),
        "1 sync off on 0 fg=red"
    );
}

#[test]
fn scroll_on_clear_and_alternate_screen_keep_what_tmux_keeps() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    // A clear screen after 50 lines: with scroll-on-clear (the default) what was on the
    // screen moves into the history.
    let clear = "seq 1 50; printf '\\033[H\\033[2J'; echo done; exec sleep 100";
    both(
        &env,
        &tmux,
        &["new", "-d", "-s", "a", "-x", "80", "-y", "24", clear],
    );
    agree(&env, &tmux, "a", "#{history_size}", |v| v.trim() != "0");
    let (ours, theirs) = both(&env, &tmux, &["capture-pane", "-p", "-S", "-", "-t", "a"]);
    assert_eq!(ours, theirs, "history after a clear");
    assert!(ours.contains("\n50\n"), "{ours}");

    both(&env, &tmux, &["set", "-g", "scroll-on-clear", "off"]);
    both(&env, &tmux, &["set", "-g", "alternate-screen", "off"]);
    let alt = "seq 1 30; printf '\\033[H\\033[2J'; printf 'main\\n\\033[?1049hinalt\\n\\033[?1049l'; \
               echo done; exec sleep 100";
    both(
        &env,
        &tmux,
        &["new", "-d", "-s", "b", "-x", "80", "-y", "24", alt],
    );
    agree(&env, &tmux, "b", "#{cursor_y}", |v| v.trim() == "3");
    let (ours, theirs) = both(&env, &tmux, &["capture-pane", "-p", "-S", "-", "-t", "b"]);
    assert_eq!(ours, theirs, "alternate-screen off and scroll-on-clear off");
    assert!(ours.contains("inalt"), "{ours}");
}

#[test]
fn allow_rename_lets_a_program_name_its_window() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    let named = "printf '\\033kfromapp\\033\\\\'; exec sleep 100";
    both(&env, &tmux, &["new", "-d", "-s", "off", named]);
    assert_eq!(
        agree(&env, &tmux, "off", "#{window_name}", |v| v.trim()
            == "sleep"),
        "sleep"
    );
    both(&env, &tmux, &["set", "-g", "allow-rename", "on"]);
    both(&env, &tmux, &["new", "-d", "-s", "on", named]);
    assert_eq!(
        agree(&env, &tmux, "on", "#{window_name}", |v| v.trim()
            == "fromapp"),
        "fromapp"
    );
    assert_eq!(
        agree(&env, &tmux, "on", "#{automatic-rename}", |_| true),
        "0",
        "a program's name turns automatic-rename off for the window"
    );
}

/// A client of `session` attached in a terminal, rmux's or tmux's, shown its prompt.
fn client(t: Tty) -> Tty {
    t.wait_text(PROMPT);
    t
}

#[test]
fn detach_on_destroy_off_moves_the_client_on() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    both(&env, &tmux, &["new", "-d", "-s", "other"]);
    let _ours = client(env.spawn(80, 24, &["new", "-s", "doomed"]));
    let _theirs = client(tmux.spawn(80, 24, &["new", "-s", "doomed"]));
    both(&env, &tmux, &["set", "-g", "detach-on-destroy", "off"]);
    both(&env, &tmux, &["kill-session", "-t", "doomed"]);
    let sessions = eventually("the clients to move to the other session", || {
        let (a, b) = both(&env, &tmux, &["list-clients", "-F", "#{client_session}"]);
        (a == b && a == "other\n").then_some(a)
    });
    assert_eq!(sessions, "other\n");
}

#[test]
fn unattached_sessions_and_servers_go_when_told_to() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "stays"]);
    env.ok(&["set", "-g", "destroy-unattached", "on"]);
    let mut t = client(env.spawn(80, 24, &["new", "-s", "goes"]));
    env.ok(&["detach-client", "-s", "goes"]);
    t.wait_exit();
    eventually("session goes to be destroyed", || {
        (!env.run(&["has-session", "-t", "goes"]).status.success()).then_some(())
    });
    // `stays` was never attached, so it was never left: it stays.
    env.ok(&["has-session", "-t", "stays"]);

    env.ok(&["set", "-g", "destroy-unattached", "off"]);
    env.ok(&["set", "-s", "exit-unattached", "on"]);
    let server = env.server_pid();
    let mut t = client(env.spawn(80, 24, &["attach", "-t", "stays"]));
    env.ok(&["detach-client", "-s", "stays"]);
    t.wait_exit();
    eventually("the server to exit with its last client", || {
        (!is_alive(server)).then_some(())
    });
}

#[test]
fn key_table_sets_the_table_keys_start_in() {
    let env = Env::new();
    let mut t = client(env.spawn(80, 24, &["new", "-s", "k"]));
    env.ok(&["bind", "-T", "mine", "x", "new-window"]);
    env.ok(&["set", "-g", "key-table", "mine"]);
    t.send(b"x");
    eventually("x in the table `mine` to open a window", || {
        (env.ok(&["display", "-p", "-t", "k", "#{session_windows}"]) == "2\n").then_some(())
    });
    env.ok(&["set", "-g", "key-table", "root"]);
    t.send(b"echo typed\r");
    t.wait_text("typed");
}

#[test]
fn status_colours_titles_and_visual_bell_as_in_tmux() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    let ours = client(env.spawn(80, 24, &["new", "-s", "s"]));
    let theirs = client(tmux.spawn(80, 24, &["new", "-s", "s"]));
    for args in [
        ["set", "-g", "status-bg", "red"],
        ["set", "-g", "status-fg", "white"],
        ["set", "-g", "set-titles", "on"],
        ["set", "-g", "set-titles-string", "title:#S"],
        ["set", "-g", "visual-bell", "on"],
    ] {
        both(&env, &tmux, &args);
    }
    let status_style = |t: &Tty| {
        t.with_screen(|s| {
            let c = s.row(23).unwrap().cell(70);
            (c.style.fg, c.style.bg)
        })
    };
    eventually("the status line to turn red in both", || {
        let (a, b) = (status_style(&ours), status_style(&theirs));
        (a == b && a.1 == rmux_term::Color::Indexed(1)).then_some(())
    });
    for t in [&ours, &theirs] {
        eventually("the title to reach the outer terminal", || {
            let raw = String::from_utf8_lossy(&t.raw()).into_owned();
            raw.contains("title:s").then_some(())
        });
    }
    both(
        &env,
        &tmux,
        &["send-keys", "-t", "s", "printf '\\a'", "Enter"],
    );
    for t in [&ours, &theirs] {
        t.wait_text("Bell in current window");
    }
}

#[test]
fn cursor_style_is_the_default_shape() {
    let env = Env::new();
    let t = client(env.spawn(80, 24, &["new", "-s", "c"]));
    env.ok(&["set", "-g", "cursor-style", "bar"]);
    eventually("DECSCUSR 6 for a bar cursor", || {
        t.raw().windows(5).any(|w| w == b"\x1b[6 q").then_some(())
    });
}

#[test]
fn an_options_own_scope_wins_over_the_flags_as_in_tmux() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    both(&env, &tmux, &["new", "-d", "-s", "a"]);
    both(&env, &tmux, &["set", "-p", "buffer-limit", "5"]);
    both(&env, &tmux, &["set", "-p", "status-left", "xx"]);
    both(&env, &tmux, &["set", "-w", "history-limit", "7"]);
    both(
        &env,
        &tmux,
        &["set-hook", "-g", "session-renamed[3]", "display hi"],
    );
    for args in [
        &["show", "-s", "buffer-limit"][..],
        &["show", "-p", "buffer-limit"],
        &["show", "status-left"],
        &["show", "-w", "history-limit"],
        &["show-hooks", "-g", "session-renamed[1]"],
        &["show-hooks", "-g", "session-renamed[3]"],
        &["show", "-g", "status-format[5]"],
        &["show", "-gv", "status-format[7]"],
    ] {
        let (ours, theirs) = both(&env, &tmux, args);
        assert_eq!(ours, theirs, "{args:?}");
    }
}

#[test]
fn default_shell_must_be_a_shell_as_in_tmux() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    both(&env, &tmux, &["new", "-d", "-s", "sh"]);
    for (value, ok) in [
        ("/nonexistent", false),
        ("sh", false),
        ("/etc/passwd", false),
        ("/bin/sh", true),
    ] {
        let ours = env.run(&["set", "-g", "default-shell", value]);
        let theirs = tmux.run(&["set", "-g", "default-shell", value]);
        assert_eq!(ours.status.success(), ok, "{value}");
        assert_eq!(ours.status.code(), theirs.status.code(), "{value}");
        assert_eq!(
            String::from_utf8_lossy(&ours.stderr),
            String::from_utf8_lossy(&theirs.stderr),
            "{value}"
        );
    }
    assert_eq!(
        agree(&env, &tmux, "sh", "#{default-shell}", |_| true),
        "/bin/sh"
    );
}
