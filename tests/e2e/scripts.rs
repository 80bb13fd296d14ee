//! Scripts of the kind tools run (libtmux, plugins): the same commands against rmux and
//! a tmux server, and the same output and exit status from both, command by command.

use crate::harness::{Env, Tmux};

/// Run each command in both; every stdout, stderr and success must agree.
pub fn same_answers(commands: &[&[&str]]) {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    for args in commands {
        let ours = env.run(args);
        let theirs = tmux.run(args);
        let show = |o: &std::process::Output| {
            (
                o.status.success(),
                String::from_utf8_lossy(&o.stdout).into_owned(),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        };
        assert_eq!(
            show(&ours),
            show(&theirs),
            "{args:?} (rmux left, tmux right)"
        );
    }
}

#[test]
fn windows_move_next_to_others_and_numbers_are_indexes() {
    let list: &[&str] = &["lsw", "-F", "#I:#W#F"];
    same_answers(&[
        &["new", "-d", "-n", "a", "-x", "80", "-y", "24"],
        &["neww", "-d", "-n", "b"],
        &["neww", "-d", "-n", "c"],
        &["neww", "-d", "-t", "6", "-n", "g"],
        &["neww", "-t", "1"],
        &["neww", "-t", ":0"],
        list,
        &["movew", "-a", "-s", ":c", "-t", ":a"],
        list,
        &["movew", "-b", "-s", ":g", "-t", ":a"],
        list,
        &["neww", "-a", "-t", ":b", "-n", "h"],
        list,
        &["movew", "-s", ":h", "-t", ":0"],
    ]);
}

#[test]
fn zoomed_splits_and_window_sizes_without_clients() {
    let panes: &[&str] = &[
        "lsp",
        "-F",
        "#{pane_id} #{pane_active} #{pane_width}x#{pane_height} #{window_zoomed_flag} \
         #{pane_left},#{pane_top} #{pane_at_left}#{pane_at_right}#{pane_at_top}#{pane_at_bottom}",
    ];
    // A pane split off under a zoom with -d is never laid out in tmux (it reports 0,0):
    // its size is compared, not its place.
    let sizes: &[&str] = &["lsp", "-F", "#{pane_id} #{pane_width}x#{pane_height}"];
    let size: &[&str] = &["display", "-p", "#{window_width}x#{window_height}"];
    same_answers(&[
        &["new", "-d", "-x", "80", "-y", "24"],
        &[
            "splitw",
            "-Z",
            "-d",
            "-P",
            "-F",
            "#{pane_id} #{pane_height}",
        ],
        sizes,
        &["resize-pane", "-Z"],
        panes,
        &[
            "splitw",
            "-h",
            "-Z",
            "-P",
            "-F",
            "#{pane_id} #{pane_height}",
        ],
        panes,
        &["resize-window", "-y", "50"],
        size,
        &["resize-window", "-a"],
        size,
        &["resize-window", "-x", "30", "-y", "10"],
        &["resize-window", "-A"],
        size,
    ]);
}

#[test]
fn options_and_access_answer_as_in_tmux() {
    same_answers(&[
        &["new", "-d"],
        &["server-access", "-l"],
        &["server-access", "-a", "nobody"],
        &["server-access", "-a", "nobody"],
        &["server-access", "-r", "nobody"],
        &["server-access", "-l"],
        &["server-access", "-d", "nobody"],
        &["server-access", "-d", "nobody"],
        &["server-access", "-a", "no such user here"],
        &["server-access", "-d", "root"],
        &["server-access"],
        &["server-access", "-ad", "nobody"],
    ]);
}
