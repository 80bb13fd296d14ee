//! Windows, panes, layouts and the status line through a real attached client, with
//! tmux's default keys, compared with what tmux draws where it matters.

use crate::harness::{Env, PROMPT, Tty, WAIT, require_tmux};

/// A client attached to a fresh session `t`, prompt on screen.
fn attached(env: &Env, cols: u16, rows: u16) -> Tty {
    let t = env.spawn(cols, rows, &["new", "-s", "t"]);
    t.wait_text(PROMPT);
    t
}

fn prompts(lines: &[String]) -> usize {
    lines.iter().map(|l| l.matches(PROMPT).count()).sum()
}

/// Panes in the current window of session `t`.
fn panes(env: &Env) -> usize {
    env.ok(&["display", "-p", "-t", "t", "#{window_panes}"])
        .trim()
        .parse()
        .unwrap_or(0)
}

fn wait_panes(env: &Env, n: usize) {
    crate::harness::eventually(&format!("{n} panes"), || (panes(env) == n).then_some(()));
}

fn status(lines: &[String]) -> String {
    lines.last().cloned().unwrap_or_default()
}

#[test]
fn split_keys_draw_borders_and_move_focus() {
    let env = Env::new();
    let mut t = attached(&env, 80, 24);
    t.prefix(b"%");
    t.wait("two prompts side by side", |ls| prompts(ls) == 2);
    t.wait("a vertical border", |ls| ls[5].contains('│'));
    t.line("echo RIGHT");
    t.wait("RIGHT in the right pane", |ls| {
        ls.iter().any(|l| l.find("RIGHT").is_some_and(|c| c > 40))
    });
    t.prefix(b"\x1b[D"); // C-b Left
    t.line("echo LEFT");
    t.wait("LEFT in the left pane", |ls| {
        ls.iter().any(|l| l.starts_with("LEFT"))
    });
    t.prefix(b"\"");
    wait_panes(&env, 3);
    t.wait("a horizontal border with a tee", |ls| {
        ls.iter().any(|l| l.contains("───┤"))
    });
    // C-b ; goes back to the pane used before, C-b o to the next.
    t.prefix(b";");
    t.line("echo BACK");
    t.wait("BACK in the upper left pane", |ls| {
        ls.iter().take(11).any(|l| l.starts_with("BACK"))
    });
    let panes = env.ok(&[
        "list-panes",
        "-t",
        "t",
        "-F",
        "#{pane_index}#{?pane_active,*,}",
    ]);
    assert_eq!(panes, "0*\n1\n2\n", "{panes}");
    t.prefix(b"o");
    // The key is taken in a moment after it is typed: wait for its effect.
    crate::harness::eventually("C-b o to move to the next pane", || {
        let panes = env.ok(&[
            "list-panes",
            "-t",
            "t",
            "-F",
            "#{pane_index}#{?pane_active,*,}",
        ]);
        (panes == "0\n1*\n2\n").then_some(())
    });
}

#[test]
fn zoom_shows_z_and_kill_pane_asks_first() {
    let env = Env::new();
    let mut t = attached(&env, 80, 24);
    t.prefix(b"%");
    t.wait("two panes", |ls| prompts(ls) == 2);
    t.prefix(b"z");
    t.wait("the zoomed pane alone, Z in the status line", |ls| {
        prompts(ls) == 1 && status(ls).contains("0:bash*Z")
    });
    t.prefix(b"z");
    t.wait("both panes again", |ls| prompts(ls) == 2);
    t.prefix(b"x");
    t.wait("the kill-pane question", |ls| {
        status(ls).starts_with("kill-pane 1? (y/n)")
    });
    t.send(b"n");
    t.wait("the status line back", |ls| {
        status(ls).starts_with("[t] 0:")
    });
    assert_eq!(
        env.ok(&["display", "-p", "-t", "t", "#{window_panes}"]),
        "2\n"
    );
    t.prefix(b"x");
    t.wait("the question again", |ls| status(ls).contains("(y/n)"));
    t.send(b"y");
    t.wait("one pane", |ls| prompts(ls) == 1 && !ls[3].contains('│'));
}

#[test]
fn window_keys_create_switch_rename_and_kill() {
    let env = Env::new();
    let mut t = attached(&env, 80, 24);
    t.line("echo W0");
    t.prefix(b"c");
    t.wait("window 1", |ls| status(ls).contains("0:bash- 1:bash*"));
    t.line("echo W1");
    t.prefix(b"c");
    t.wait("window 2", |ls| status(ls).contains("2:bash*"));
    t.prefix(b"0");
    t.wait("window 0 shown", |ls| ls.iter().any(|l| l == "W0"));
    t.prefix(b"l");
    t.wait("back to window 2 (last)", |ls| {
        status(ls).contains("2:bash*")
    });
    t.prefix(b"n");
    t.wait("next wraps to 0", |ls| status(ls).contains("0:bash*"));
    t.prefix(b"p");
    t.wait("previous wraps to 2", |ls| status(ls).contains("2:bash*"));
    // C-b ' asks for an index.
    t.prefix(b"'");
    t.wait("the index prompt", |ls| status(ls).starts_with("index"));
    t.line("1");
    t.wait("window 1 shown", |ls| ls.iter().any(|l| l == "W1"));
    // C-b , renames, and the name sticks (automatic-rename goes off).
    t.prefix(b",");
    t.wait("the rename prompt", |ls| {
        status(ls).starts_with("(rename-window) bash")
    });
    t.send(b"\x7f\x7f\x7f\x7f");
    t.line("editor");
    t.wait("the new name", |ls| status(ls).contains("1:editor*"));
    // C-b & asks with the window's name.
    t.prefix(b"&");
    t.wait("the kill-window question", |ls| {
        status(ls).starts_with("kill-window editor? (y/n)")
    });
    t.send(b"y");
    t.wait("window 1 gone", |ls| {
        status(ls).starts_with("[t]") && !status(ls).contains("1:editor")
    });
    let list = env.ok(&["list-windows", "-t", "t", "-F", "#I"]);
    assert_eq!(list, "0\n2\n");
}

#[test]
fn layouts_cycle_and_survive_detach_and_attach() {
    let env = Env::new();
    let mut t = attached(&env, 100, 30);
    for key in [b"%", b"\"", b"%"] {
        t.prefix(key);
    }
    wait_panes(&env, 4);
    let layout = |env: &Env| env.ok(&["display", "-p", "-t", "t", "#{window_layout}"]);
    let before = layout(&env);
    t.prefix(b" ");
    let even_h = crate::harness::eventually("even-horizontal", || {
        let l = layout(&env);
        (l != before && l.contains('{') && !l.contains('[')).then_some(l)
    });
    t.prefix(b"\x1b5"); // M-5: tiled
    let tiled = crate::harness::eventually("tiled", || {
        let l = layout(&env);
        (l.contains('[') && l.contains('{')).then_some(l)
    });
    // Pane texts stay put through layout changes.
    t.line("echo MARK-ACTIVE");
    t.wait("the text in the active pane", |ls| {
        ls.iter()
            .any(|l| l.contains("MARK-ACTIVE") && !l.contains("echo"))
    });
    t.prefix(b"d");
    assert_eq!(t.wait_exit(), 0);
    let t = env.spawn(100, 30, &["attach", "-t", "t"]);
    t.wait("four panes again", |ls| prompts(ls) >= 4);
    t.wait_text("MARK-ACTIVE");
    assert_eq!(layout(&env), tiled);
    // A saved layout string restores the layout.
    env.ok(&["select-layout", "-t", "t", even_h.trim()]);
    assert_eq!(layout(&env), even_h);
}

#[test]
fn resize_keys_repeat_without_the_prefix() {
    let env = Env::new();
    let mut t = attached(&env, 80, 24);
    t.prefix(b"%");
    t.wait("two panes", |ls| prompts(ls) == 2);
    let width = |env: &Env| env.ok(&["display", "-p", "-t", "t", "#{pane_width}"]);
    assert_eq!(width(&env), "39\n");
    // C-b C-Left, then Left twice more within repeat-time: three cells.
    t.prefix(b"\x1b[1;5D");
    t.send(b"\x1b[1;5D");
    t.send(b"\x1b[1;5D");
    crate::harness::eventually("the pane to grow by 3", || {
        (width(&env) == "42\n").then_some(())
    });
    // The repeat window must close before the prefix means the prefix again.
    crate::harness::eventually("the key table back to root", || {
        (env.ok(&["display", "-p", "#{client_key_table}"]) == "root\n").then_some(())
    });
    // M-Right by 5.
    t.prefix(b"\x1b[1;3C");
    crate::harness::eventually("the pane to shrink by 5", || {
        (width(&env) == "37\n").then_some(())
    });
}

#[test]
fn display_panes_and_choose_tree_select() {
    let env = Env::new();
    let mut t = attached(&env, 80, 24);
    t.prefix(b"%");
    t.wait("two panes", |ls| prompts(ls) == 2);
    t.prefix(b"q");
    t.send(b"0");
    crate::harness::eventually("pane 0 selected by its number", || {
        (env.ok(&["display", "-p", "-t", "t", "#P"]) == "0\n").then_some(())
    });
    t.prefix(b"c");
    t.wait("window 1", |ls| status(ls).contains("1:bash*"));
    t.prefix(b"w");
    t.wait("the tree", |ls| {
        ls.iter().any(|l| l.starts_with("(0) - t: 2 windows"))
    });
    t.send(b"\x1b[A"); // Up: window 0
    t.send(b"\r");
    t.wait("window 0 chosen", |ls| status(ls).contains("0:bash*"));
    t.prefix(b"s");
    t.wait("the session list", |ls| {
        ls.iter().any(|l| l.starts_with("(0) + t: 2 windows"))
    });
    t.send(b"q");
    t.wait("the tree closed", |ls| prompts(ls) == 2);
}

#[test]
fn status_line_matches_tmux_defaults() {
    let env = Env::new();
    let t = attached(&env, 100, 20);
    // The window is named after its shell once the shell runs (automatic-rename).
    t.wait("the window named after its shell", |ls| {
        status(ls).starts_with("[t] 0:bash* ")
    });
    let line = status(&t.lines());
    let host = env.ok(&["display", "-p", "#{host}"]);
    let right = format!("\"{}\"", host.trim());
    assert!(line.contains(&right), "{line:?} lacks {right}");
    let styled = t.with_screen(|s| s.row(19).map(|r| r.cell(0).style));
    let style = styled.unwrap();
    assert_eq!(style.bg, rmux_term::Color::Indexed(2), "green status line");
    assert_eq!(style.fg, rmux_term::Color::Indexed(0));
    env.ok(&["set", "-g", "status-position", "top"]);
    t.wait("the status line on top", |ls| {
        ls[0].starts_with("[t] 0:bash*")
    });
    env.ok(&["set", "-g", "status", "off"]);
    t.wait("no status line", |ls| {
        !ls.iter().any(|l| l.starts_with("[t]"))
    });
}

/// The screen a client draws, the status line cut to the session and window number (its
/// clock, and the window name tmux shows for a moment while its shell starts, vary).
fn screen_without_clock(t: &Tty) -> Vec<String> {
    let mut ls = t.lines();
    if let Some(last) = ls.last_mut() {
        *last = last.chars().take("[t] 0:".len()).collect();
    }
    ls
}

/// The same commands given to rmux and tmux must give the same borders and layout.
fn compare_with_tmux(commands: &[&[&str]], panes: usize) {
    compare_with_tmux_showing(commands, panes, panes);
}

/// As [`compare_with_tmux`], for a window where only `prompts` of its panes' prompts are
/// on the client's screen.
fn compare_with_tmux_showing(commands: &[&[&str]], panes: usize, prompts_shown: usize) {
    require_tmux();
    let env = Env::new();
    let ours = attached(&env, 120, 40);
    let sock = env.dir.path().join("tmux.sock");
    let sock = sock.to_str().unwrap().to_string();
    let theirs = env.spawn_tmux(120, 40, &sock);
    theirs.wait_text(PROMPT);
    let tmux = |args: &[&str]| {
        let out = std::process::Command::new("tmux")
            .args(["-S", &sock])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    for c in commands {
        env.ok(c);
        tmux(c);
    }
    wait_panes(&env, panes);
    ours.wait(&format!("{prompts_shown} prompts in rmux"), |ls| {
        prompts(ls) == prompts_shown
    });
    theirs.wait(&format!("{prompts_shown} prompts in tmux"), |ls| {
        prompts(ls) == prompts_shown
    });
    // The active pane's border is green in both.
    let greens = |t: &Tty| {
        t.with_screen(|s| {
            let mut n = Vec::new();
            for y in 0..39 {
                let row = s.row(y).unwrap();
                for x in 0..120 {
                    let c = row.cell(x);
                    if "│─┼├┤┬┴".contains(c.ch) && c.style.fg == rmux_term::Color::Indexed(2)
                    {
                        n.push((x, y));
                    }
                }
            }
            n
        })
    };
    // Both may still be drawing (a prompt shows before the last layout change lands):
    // wait for the screens to agree, and show the last difference if they never do.
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        let a = screen_without_clock(&ours).join("\n");
        let b = screen_without_clock(&theirs).join("\n");
        let same_borders = greens(&ours) == greens(&theirs);
        if (a == b && same_borders) || std::time::Instant::now() > deadline {
            tmux(&["kill-server"]);
            assert_eq!(a, b, "rmux and tmux draw the layout differently");
            assert!(same_borders, "active border cells differ");
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn four_panes_look_like_tmux() {
    compare_with_tmux(
        &[
            &["split-window", "-h"],
            &["split-window", "-v"],
            &["select-pane", "-L"],
            &["split-window", "-v"],
        ],
        4,
    );
}

#[test]
fn six_panes_look_like_tmux() {
    compare_with_tmux(
        &[
            &["split-window", "-h"],
            &["split-window", "-v"],
            &["split-window", "-h"],
            &["select-pane", "-t", "0"],
            &["split-window", "-v", "-l", "30%"],
            &["split-window", "-h"],
            &["resize-pane", "-U", "3"],
            &["select-pane", "-t", "4"],
        ],
        6,
    );
}

#[test]
fn a_window_smaller_than_the_client_is_edged_and_filled_like_tmux() {
    compare_with_tmux(
        &[
            &["resize-window", "-x", "60", "-y", "20"],
            &["split-window", "-h"],
            &["split-window", "-v"],
        ],
        3,
    );
}

#[test]
fn a_window_larger_than_the_client_is_panned_like_tmux() {
    // The active pane's cursor is below the client's last row: the view follows it,
    // and the status line says where it is ([0,31]).
    compare_with_tmux_showing(
        &[
            &["resize-window", "-x", "110", "-y", "70"],
            &["split-window", "-v", "-l", "20"],
        ],
        2,
        1,
    );
}

#[test]
fn tiled_and_main_layouts_look_like_tmux() {
    compare_with_tmux(
        &[
            &["split-window", "-h"],
            &["split-window", "-v"],
            &["split-window", "-h"],
            &["split-window", "-v"],
            &["select-layout", "main-vertical"],
            &["select-layout", "tiled"],
        ],
        5,
    );
}

#[test]
fn clock_messages_and_suspend() {
    let env = Env::new();
    let mut t = attached(&env, 80, 24);
    t.prefix(b"t");
    t.wait("the clock's blocks", |_| {
        t.with_screen(|s| {
            (0..23).any(|y| {
                let row = s.row(y).unwrap();
                (0..80).any(|x| row.cell(x).style.bg == rmux_term::Color::Indexed(4))
            })
        })
    });
    t.send(b"q");
    t.wait("the prompt back", |ls| prompts(ls) == 1);
    env.ok(&["display-message", "hello-log"]);
    assert!(env.ok(&["show-messages"]).contains(": hello-log"));
    t.prefix(b"d");
    assert_eq!(t.wait_exit(), 0);
    // C-b C-z from a client started by a shell with job control: stopped, then `fg`.
    let mut sh = env.spawn_shell(80, 24);
    sh.wait_text(PROMPT);
    sh.line(&format!("{} attach -t t", crate::harness::rmux_bin()));
    sh.wait("the client attached", |ls| status(ls).starts_with("[t]"));
    sh.prefix(b"\x1a");
    sh.wait("the job stopped", |ls| {
        ls.iter().any(|l| l.contains("Stopped"))
    });
    sh.line("fg");
    sh.wait("the screen drawn again", |ls| status(ls).starts_with("[t]"));
    sh.prefix(b"d");
    sh.wait("back in the shell", |ls| {
        ls.iter().any(|l| l.contains("[detached"))
    });
}

#[test]
fn read_only_clients_only_watch() {
    let env = Env::new();
    let mut owner = attached(&env, 80, 24);
    let mut watcher = env.spawn(80, 24, &["attach", "-r", "-t", "t"]);
    watcher.wait_text(PROMPT);
    watcher.line("echo from-watcher");
    watcher.prefix(b"c"); // new-window: not allowed for a read-only client
    owner.line("echo from-owner");
    watcher.wait_line("from-owner");
    let text = env.ok(&["capture-pane", "-p", "-t", "t"]);
    assert!(!text.contains("from-watcher"), "{text}");
    assert_eq!(env.ok(&["lsw", "-t", "t", "-F", "#I"]), "0\n");
    watcher.prefix(b"d");
    assert_eq!(watcher.wait_exit(), 0);
    owner.prefix(b"d");
    assert_eq!(owner.wait_exit(), 0);
}

#[test]
fn choose_buffer_pastes_and_aliases_work() {
    let env = Env::new();
    let mut t = attached(&env, 80, 24);
    env.ok(&["set-buffer", "-b", "mine", "echo pasted-$((2+3))"]);
    t.prefix(b"=");
    t.wait("the buffer list", |ls| {
        ls.iter().any(|l| l.starts_with("(0) mine: "))
    });
    t.send(b"\r");
    t.send(b"\r");
    t.wait_line("pasted-5");
    env.ok(&["split-pane", "-h", "-t", "t"]);
    assert_eq!(
        env.ok(&["display", "-p", "-t", "t", "#{window_panes}"]),
        "2\n"
    );
}

/// The pane ids of window `t:0` in layout order.
fn pane_order(env: &Env) -> Vec<String> {
    env.ok(&["list-panes", "-t", "t:0", "-F", "#{pane_id}"])
        .lines()
        .map(String::from)
        .collect()
}

#[test]
fn rearranging_keys_rotate_swap_break_spread_and_find() {
    let env = Env::new();
    let mut t = attached(&env, 100, 30);
    env.ok(&["set", "-g", "repeat-time", "0"]);
    env.ok(&["split-window", "-h", "-t", "t"]);
    env.ok(&["split-window", "-v", "-t", "t"]);
    let start = pane_order(&env);
    // C-b C-o rotates forward, C-b M-o back.
    t.prefix(b"\x0f");
    let rotated = crate::harness::eventually("C-b C-o", || {
        let now = pane_order(&env);
        (now != start).then_some(now)
    });
    // As tmux: every pane moves one place up the list.
    assert_eq!(
        rotated,
        vec![start[1].clone(), start[2].clone(), start[0].clone()]
    );
    t.prefix(b"\x1bo");
    crate::harness::eventually("C-b M-o", || (pane_order(&env) == start).then_some(()));
    // C-b { swaps the active pane with the previous one, C-b } with the next.
    env.ok(&["select-pane", "-t", "t:0.1"]);
    t.prefix(b"{");
    crate::harness::eventually("C-b {", || {
        (pane_order(&env) == vec![start[1].clone(), start[0].clone(), start[2].clone()])
            .then_some(())
    });
    t.prefix(b"}");
    crate::harness::eventually("C-b }", || (pane_order(&env) == start).then_some(()));
    // C-b M-1 even-horizontal, C-b M-2 even-vertical, C-b E spreads.
    let layout = || env.ok(&["display", "-p", "-t", "t:0", "#{window_layout}"]);
    t.prefix(b"\x1b1");
    crate::harness::eventually("C-b M-1", || {
        let l = layout();
        (l.contains('{') && !l.contains('[')).then_some(())
    });
    t.prefix(b"\x1b2");
    crate::harness::eventually("C-b M-2", || {
        let l = layout();
        (l.contains('[') && !l.contains('{')).then_some(())
    });
    env.ok(&["resize-pane", "-t", "t:0.0", "-D", "4"]);
    let uneven = layout();
    t.prefix(b"E");
    crate::harness::eventually("C-b E", || (layout() != uneven).then_some(()));
    // C-b ! breaks the active pane out into a new window.
    t.prefix(b"!");
    crate::harness::eventually("C-b !", || {
        (env.ok(&["lsw", "-t", "t", "-F", "#I"]) == "0\n1\n").then_some(())
    });
    // C-b f finds a window by text shown in it.
    env.ok(&["send-keys", "-t", "t:0", "echo needle-in-window-0", "Enter"]);
    env.wait_capture("t:0", "the needle", |c| c.contains("needle-in-window-0\n"));
    t.prefix(b"f");
    t.wait("the find prompt", |ls| {
        status(ls).starts_with("(find-window)")
    });
    t.line("needle-in");
    t.wait("the matching window listed", |ls| {
        ls.iter().any(|l| l.contains("0: bash"))
    });
    t.send(b"\r");
    t.wait("window 0 chosen", |ls| status(ls).contains("0:bash*"));
}

/// tmux's modes belong to the pane: a script starts them with no client attached, and
/// `#{pane_mode}` says which; keys sent with no client to act for leave them be.
#[test]
fn modes_started_by_a_script_belong_to_the_pane() {
    let mode: &[&str] = &["display", "-p", "-t", "%0", "#{pane_in_mode} #{pane_mode}"];
    crate::scripts::same_answers(&[
        &["new", "-d", "-x", "80", "-y", "24"],
        &["choose-buffer", "-t", "%0"],
        mode,
        &["choose-client", "-t", "%0"],
        mode,
        &["choose-tree", "-t", "%0"],
        mode,
        &["send-keys", "-t", "%0", "q"],
        mode,
        &["find-window", "-t", "%0", "zzzz"],
        &["customize-mode", "-t", "%0"],
        mode,
        &["clock-mode", "-t", "%0"],
        mode,
        &["set-buffer", "hello"],
        &["choose-buffer", "-t", "%0"],
        mode,
        &[
            "choose-tree",
            "-t",
            "%0",
            "-Z",
            "-F",
            "#{session_name}",
            "-f",
            "#{?session_attached,1,0}",
            "-O",
            "name",
            "-r",
        ],
        mode,
    ]);
}

/// A chooser opened in one pane of a split covers that pane only; the clock a script
/// starts in the other pane shows beside it, and each leaves on its own.
#[test]
fn a_chooser_covers_only_its_pane() {
    let env = Env::new();
    let mut t = attached(&env, 80, 24);
    t.line("echo LEFT-SIDE");
    t.wait("the left pane's text", |ls| {
        ls.iter().any(|l| l.starts_with("LEFT-SIDE"))
    });
    t.prefix(b"%");
    t.wait("the right pane's prompt", |ls| ls[0].contains("│IN$"));
    t.prefix(b"w");
    t.wait("the tree in the right pane", |ls| {
        ls[0].find("(0) - t: 1 windows").is_some_and(|c| c > 40)
    });
    assert!(
        t.lines().iter().any(|l| l.starts_with("LEFT-SIDE")),
        "the left pane still shows its text"
    );
    assert_eq!(
        env.ok(&["display", "-p", "-t", "t:0.1", "#{pane_mode}"]),
        "tree-mode\n"
    );
    env.ok(&["clock-mode", "-t", "t:0.0"]);
    // The clock's digits are cells painted in clock-mode-colour (blue) in the left pane.
    t.wait("the clock in the left pane", |_| {
        t.with_screen(|s| {
            (0..23).any(|y| {
                s.row(y).is_some_and(|r| {
                    (0..40).any(|x| r.cell(x).style.bg == rmux_term::Color::Indexed(4))
                })
            })
        })
    });
    t.send(b"q");
    t.wait("the tree closed, the clock still there", |ls| {
        !ls[0].contains("(0) - t:") && ls.iter().any(|l| l.ends_with("IN$") || l.contains("│IN$"))
    });
    assert_eq!(
        env.ok(&["display", "-p", "-t", "t:0.0", "#{pane_mode}"]),
        "clock-mode\n"
    );
}

/// `C-b C` lists the options and key bindings; choosing one prompts with its value,
/// as tmux's options mode does, and what is typed sets it.
#[test]
fn customize_mode_sets_an_option() {
    let env = Env::new();
    let mut t = attached(&env, 100, 30);
    t.prefix(b"C");
    t.wait("the options list", |ls| {
        ls[0].starts_with("(0) Server Options")
    });
    assert!(t.lines()[2].starts_with("(2)   buffer-limit: 50"));
    t.send(b"\x1b[B\x1b[B\r");
    t.wait("the prompt with the value", |ls| {
        status(ls).starts_with("(buffer-limit) 50")
    });
    t.send(b"\x7f\x7f77\r");
    crate::harness::eventually("buffer-limit set", || {
        (env.ok(&["show", "-sv", "buffer-limit"]) == "77\n").then_some(())
    });
}
