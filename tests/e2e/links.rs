//! Linked windows and session groups: one window in several sessions (or at several
//! indexes of one), and sessions that share their windows, against tmux's answers and
//! through attached clients.

use crate::harness::{Env, PROMPT};
use crate::scripts::same_answers;

#[test]
fn a_window_linked_into_two_sessions_answers_as_in_tmux() {
    let where_: &[&str] = &[
        "display",
        "-p",
        "-t",
        "@0",
        "#{session_name} #{window_index} #{window_linked} #{window_linked_sessions} \
         #{window_linked_sessions_list}",
    ];
    same_answers(&[
        &["new", "-d", "-s", "zzz-old", "-x", "80", "-y", "24"],
        &["new", "-d", "-s", "aaa-recent"],
        &["link-window", "-s", "@0", "-t", "aaa-recent"],
        // The most recently used session holding the window is the one targets name.
        where_,
        &[
            "display",
            "-p",
            "-t",
            "%0",
            "#{session_name} #{window_index}",
        ],
        &[
            "lsw",
            "-a",
            "-F",
            "#{session_name}:#{window_index} #{window_id}",
        ],
        &[
            "lsp",
            "-a",
            "-F",
            "#{session_name}:#{window_index}.#{pane_index}",
        ],
        &["link-window", "-s", "@0", "-t", "aaa-recent:1"],
        &["unlink-window", "-t", "zzz-old:0"],
        where_,
        &["unlink-window", "-t", "aaa-recent:1"],
        &["unlink-window", "-t", "aaa-recent:0"],
        &["ls", "-F", "#{session_name} #{session_windows}"],
        // With -k the last link goes and the window with it; a session left without
        // windows ends.
        &["unlink-window", "-k", "-t", "aaa-recent:0"],
        &["ls", "-F", "#{session_name} #{session_windows}"],
    ]);
}

#[test]
fn a_window_linked_twice_into_one_session_is_found_at_the_current_index() {
    let index: &[&str] = &["display", "-p", "-t", "@0", "#{window_index}"];
    same_answers(&[
        &["new", "-d", "-s", "dup", "-x", "80", "-y", "24"],
        &["neww", "-d", "-t", "dup", "-n", "other"],
        &["link-window", "-d", "-s", "dup:0", "-t", "dup:5"],
        &["lsw", "-F", "#{window_index} #{window_id} #{window_active}"],
        &["select-window", "-t", "dup:5"],
        index,
        &["select-window", "-t", "dup:0"],
        index,
        &["select-window", "-t", "dup:1"],
        index,
        &["link-window", "-s", "dup:0", "-t", "dup:5"],
        &["link-window", "-s", "dup:1", "-t", "dup:5"],
        &["link-window", "-k", "-s", "dup:1", "-t", "dup:5"],
        &["lsw", "-F", "#{window_index} #{window_id} #{window_active}"],
    ]);
}

#[test]
fn grouped_sessions_share_windows_as_in_tmux() {
    // After the group is made, tmux has spent window and pane ids on the first window
    // it makes for a grouped session and then throws away; rmux makes none, so ids
    // are not compared from there on.
    let windows: &[&str] = &[
        "lsw",
        "-a",
        "-F",
        "#{session_name} #{window_index} #{window_name} #{window_active} \
         #{session_group} #{session_group_size} #{session_group_list} #{window_linked}",
    ];
    same_answers(&[
        &[
            "new", "-d", "-s", "origin", "-n", "first", "-x", "80", "-y", "24",
        ],
        &["new", "-d", "-t", "origin", "-s", "grouped"],
        &["new", "-d", "-t", "origin"],
        &[
            "ls",
            "-F",
            "#{session_name} #{session_grouped} #{session_group}",
        ],
        &["neww", "-d", "-t", "origin", "-n", "second"],
        windows,
        &["select-window", "-t", "grouped:1"],
        windows,
        &["kill-window", "-t", "grouped:1"],
        windows,
        &["link-window", "-s", "origin:0", "-t", "grouped:"],
        &["unlink-window", "-t", "grouped:0"],
        &["new", "-d", "-t", "origin", "-n", "name"],
        &["kill-session", "-t", "origin"],
        windows,
        // A group made by name alone: its one session keeps its own window.
        &["new", "-d", "-t", "nosuch", "-s", "lone"],
        &[
            "display",
            "-p",
            "-t",
            "lone",
            "#{session_grouped} #{session_group}",
        ],
        &["unlink-window", "-k", "-t", "grouped:0"],
        &[
            "ls",
            "-F",
            "#{session_name} #{session_windows} #{session_group}",
        ],
    ]);
}

/// Two clients, one on each session of a group: a window made from one appears in the
/// other's status line, and each keeps its own current window.
#[test]
fn a_session_group_shows_the_same_windows_to_each_client() {
    let env = Env::new();
    let a = env.spawn(80, 24, &["new", "-s", "origin"]);
    a.wait_text(PROMPT);
    env.ok(&["new", "-d", "-t", "origin", "-s", "mirror"]);
    let mut b = env.spawn(80, 24, &["attach", "-t", "mirror"]);
    b.wait_text(PROMPT);
    b.wait("mirror's status line", |ls| {
        ls.last()
            .is_some_and(|l| l.starts_with("[mirror]") && l.contains("0:bash*"))
    });
    env.ok(&["neww", "-d", "-t", "origin:", "-n", "shared"]);
    b.wait("the new window in mirror's window list", |ls| {
        ls.last().is_some_and(|l| l.contains("1:shared"))
    });
    // mirror goes to the new window; origin stays where it was.
    b.prefix(b"n");
    b.wait("mirror on window 1", |ls| {
        ls.last().is_some_and(|l| l.contains("1:shared*"))
    });
    a.wait("origin still on window 0", |ls| {
        ls.last()
            .is_some_and(|l| l.contains("0:bash*") && l.contains("1:shared "))
    });
    b.line("echo FROM-MIRROR");
    // The window is the same: what mirror typed is on origin's window 1 too.
    let shown = env.wait_capture("origin:1", "mirror's line in origin:1", |t| {
        t.contains("FROM-MIRROR")
    });
    assert!(shown.contains("FROM-MIRROR"));
}

/// Two clients of different sizes on one session: each window-size rule sizes the
/// window as tmux sizes it (latest, largest, smallest, manual), and aggressive-resize
/// counts only the clients showing the window.
#[test]
fn window_size_rules_with_two_clients_are_tmuxs() {
    use crate::harness::Tmux;
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    let size = |out: String| out.trim().to_string();
    env.ok(&["new", "-d", "-s", "t", "-x", "100", "-y", "30"]);
    env.ok(&["neww", "-d", "-t", "t:"]);
    tmux.ok(&["new", "-d", "-s", "t", "-x", "100", "-y", "30"]);
    tmux.ok(&["neww", "-d", "-t", "t:"]);
    let ours_small = env.spawn(80, 24, &["attach", "-t", "t"]);
    ours_small.wait_text(PROMPT);
    let theirs_small = tmux.spawn(80, 24, &["attach", "-t", "t"]);
    theirs_small.wait_text(PROMPT);
    let ours_big = env.spawn(120, 40, &["attach", "-t", "t"]);
    ours_big.wait_text(PROMPT);
    let theirs_big = tmux.spawn(120, 40, &["attach", "-t", "t"]);
    theirs_big.wait_text(PROMPT);
    let window = [
        "display",
        "-p",
        "-t",
        "t:0",
        "#{window_width}x#{window_height}",
    ];
    for rule in ["largest", "smallest", "latest", "manual"] {
        env.ok(&["set", "-g", "window-size", rule]);
        tmux.ok(&["set", "-g", "window-size", rule]);
        if rule == "manual" {
            env.ok(&["resize-window", "-t", "t:0", "-x", "90", "-y", "20"]);
            tmux.ok(&["resize-window", "-t", "t:0", "-x", "90", "-y", "20"]);
        }
        let theirs = size(tmux.ok(&window));
        crate::harness::eventually(&format!("window-size {rule}: tmux says {theirs}"), || {
            (size(env.ok(&window)) == theirs).then_some(())
        });
    }
    // aggressive-resize: only the clients showing a window count. The small client
    // moves to a session grouped with t, on its other window.
    for run in
        [&|a: &[&str]| env.ok(a), &|a: &[&str]| tmux.ok(a)] as [&dyn Fn(&[&str]) -> String; 2]
    {
        // (tmux 3.3a's server dies making a grouped session while a window is sized
        // manually, so the rule changes first.)
        run(&["set", "-g", "window-size", "smallest"]);
        run(&["new", "-d", "-t", "t", "-s", "u"]);
        run(&["set", "-g", "aggressive-resize", "on"]);
    }
    for run in
        [&|a: &[&str]| env.ok(a), &|a: &[&str]| tmux.ok(a)] as [&dyn Fn(&[&str]) -> String; 2]
    {
        let clients = run(&["lsc", "-F", "#{client_width} #{client_tty}"]);
        let small = clients
            .lines()
            .find_map(|l| l.strip_prefix("80 "))
            .expect("the small client")
            .to_string();
        run(&["switch-client", "-c", &small, "-t", "u:1"]);
        // resize-window made t:0 manual on its own; it follows the rule again.
        run(&["set", "-w", "-u", "-t", "t:0", "window-size"]);
    }
    for w in ["t:0", "t:1"] {
        let window = ["display", "-p", "-t", w, "#{window_width}x#{window_height}"];
        crate::harness::eventually(&format!("{w} sized as tmux sizes it"), || {
            let theirs = size(tmux.ok(&window));
            (size(env.ok(&window)) == theirs).then_some(())
        });
    }
    assert_eq!(
        size(tmux.ok(&[
            "display",
            "-p",
            "-t",
            "t:0",
            "#{window_width}x#{window_height}"
        ])),
        "120x39",
        "tmux sizes t:0 for the big client alone"
    );
    drop((ours_small, theirs_small, ours_big, theirs_big));
}
