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
        &["new", "-d", "-s", "origin", "-x", "80", "-y", "24"],
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
