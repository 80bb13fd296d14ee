//! Copy mode: scrolling back through history, searching, selecting and copying, with
//! emacs and vi keys, while the program keeps printing.

use crate::harness::{Env, PROMPT, Tty, eventually};

fn attached_with_history(env: &Env) -> Tty {
    let mut t = env.spawn(80, 24, &["new", "-s", "c"]);
    t.wait_text(PROMPT);
    t.line("seq 1 300");
    t.wait_line("300");
    t
}

#[test]
fn page_up_search_select_and_copy_with_emacs_keys() {
    let env = Env::new();
    let mut t = attached_with_history(&env);
    t.prefix(b"[");
    t.wait("the position indicator", |ls| {
        ls[0].ends_with("[0/277]") || ls[0].contains("[0/")
    });
    t.send(b"\x1b[5~"); // PageUp
    t.wait("a page back", |ls| ls[0].contains("[23/"));
    // C-r: search up for 142.
    t.send(b"\x12");
    t.wait_bottom("the search prompt", "(search up)");
    t.line("142");
    t.wait("142 on screen", |ls| {
        ls.iter().any(|l| l.trim_end() == "142")
    });
    // Select from 142 to the end of 143 and copy with M-w.
    t.send(b"\x00"); // C-Space
    t.send(b"\x0e"); // C-n
    t.send(b"\x05"); // C-e
    t.send(b"\x1bw"); // M-w
    t.wait("copy mode left", |ls| !ls[0].contains('['));
    let buffer = eventually("the paste buffer", || {
        let out = env.run(&["show-buffer"]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    });
    assert_eq!(buffer, "142\n143");
    // The window name says the pane was in a mode while it was.
    let name = env.ok(&["display", "-p", "-t", "c", "#{pane_in_mode}"]);
    assert_eq!(name, "0\n");
}

#[test]
fn vi_keys_and_output_arriving_under_the_view() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "v", "-x", "80", "-y", "24"]);
    env.ok(&["set", "-g", "mode-keys", "vi"]);
    let mut t = env.spawn(80, 24, &["attach", "-t", "v"]);
    t.wait_text(PROMPT);
    t.line("for i in $(seq 1 60); do echo row-$i; done");
    t.wait_line("row-60");
    t.prefix(b"[");
    t.wait("copy mode", |ls| ls[0].contains("[0/"));
    t.send(b"g"); // history-top
    t.wait("the top of the history", |ls| {
        ls.iter().any(|l| l.starts_with("IN$ for i"))
    });
    // While we look, the program prints more: the view stays on the same text.
    env.ok(&["send-keys", "-t", "v", "echo more-output", "Enter"]);
    env.wait_capture("v", "the new output in the pane", |c| {
        c.lines().any(|l| l == "more-output")
    });
    t.wait("the view unmoved", |ls| {
        ls.iter().any(|l| l.starts_with("IN$ for i"))
    });
    t.send(b"jV"); // down a line, select it
    t.send(b"\r"); // copy and leave
    t.wait("copy mode left", |ls| ls.iter().any(|l| l == "more-output"));
    assert_eq!(env.ok(&["show-buffer"]), "row-1\n");
}

#[test]
fn scrollback_survives_detach_and_can_be_read_after_attach() {
    let env = Env::new();
    let mut t = attached_with_history(&env);
    t.prefix(b"d");
    assert_eq!(t.wait_exit(), 0);
    let mut t = env.spawn(80, 24, &["attach"]);
    t.wait_line("300");
    t.prefix(b"[");
    t.send(b"\x1b<"); // M-<: the top of the history
    t.wait("the first lines again", |ls| {
        ls.iter().any(|l| l.trim_end() == "1")
    });
    t.send(b"q");
    t.wait("back at the bottom", |ls| {
        ls.iter().any(|l| l.trim_end() == "300")
    });
    // capture-pane reaches the same history.
    let all = env.ok(&["capture-pane", "-p", "-S", "-", "-t", "c"]);
    assert!(all.lines().any(|l| l == "1") && all.lines().any(|l| l == "300"));
}

#[test]
fn mouse_wheel_scrolls_when_mouse_is_on() {
    let env = Env::new();
    let mut t = attached_with_history(&env);
    env.ok(&["set", "-g", "mouse", "on"]);
    // SGR mouse: wheel up at column 10, row 5.
    eventually("mouse reporting turned on", || {
        String::from_utf8_lossy(&t.raw())
            .contains("\x1b[?1006h")
            .then_some(())
    });
    // As tmux's WheelUpPane binding: the first turn enters copy mode, the next scroll.
    t.send(b"\x1b[<64;10;5M");
    t.wait("copy mode from the wheel", |ls| ls[0].contains("[0/"));
    t.send(b"\x1b[<64;10;5M");
    t.wait("five lines up", |ls| ls[0].contains("[5/"));
    t.send(b"\x1b[<65;10;5M");
    t.wait("back at the bottom, out of copy mode", |ls| {
        !ls[0].contains('[')
    });
}

#[test]
fn mouse_clicks_the_status_line_and_drags_borders() {
    let env = Env::new();
    let mut t = env.spawn(80, 24, &["new", "-s", "c"]);
    t.wait_text(PROMPT);
    env.ok(&["set", "-g", "mouse", "on"]);
    env.ok(&["new-window", "-t", "c"]);
    t.wait("window 1", |ls| {
        ls.last().is_some_and(|l| l.contains("1:bash*"))
    });
    eventually("mouse reporting turned on", || {
        String::from_utf8_lossy(&t.raw())
            .contains("\x1b[?1006h")
            .then_some(())
    });
    // "[c] 0:bash- 1:bash*": window 0 is at columns 4..10; click column 6 of the last row.
    t.send(b"\x1b[<0;7;24M\x1b[<0;7;24m");
    t.wait("window 0 chosen by a click", |ls| {
        ls.last().is_some_and(|l| l.contains("0:bash*"))
    });
    env.ok(&["split-window", "-h", "-t", "c"]);
    let width = || env.ok(&["display", "-p", "-t", "c:0.0", "#{pane_width}"]);
    assert_eq!(width(), "40\n");
    // Drag the border (column 40, 0-based) three columns right.
    t.send(b"\x1b[<0;41;5M");
    t.send(b"\x1b[<32;42;5M\x1b[<32;43;5M\x1b[<32;44;5M");
    t.send(b"\x1b[<0;44;5m");
    eventually("the left pane 3 wider", || {
        (width() == "43\n").then_some(())
    });
}

/// The mouse goes through the key tables as in tmux: a drag selects and copies, a double
/// click copies a word, a triple click a line; the same events in a tmux client copy
/// the same text. Mouse keys can be rebound.
#[test]
fn mouse_bindings_select_and_copy_as_in_tmux() {
    let env = Env::new();
    let tmux = crate::harness::Tmux::new(&env, "ref");
    let text = "printf 'alpha beta gamma\\ndelta epsilon\\n'; exec cat";
    env.ok(&["new", "-d", "-s", "m", "-x", "80", "-y", "24", text]);
    tmux.ok(&["new", "-d", "-s", "m", "-x", "80", "-y", "24", text]);
    for args in [
        &["set", "-g", "mouse", "on"][..],
        &["set", "-g", "status", "off"],
    ] {
        env.ok(args);
        tmux.ok(args);
    }
    let mut ours = env.spawn(80, 24, &["attach", "-t", "m"]);
    let mut theirs = tmux.spawn(80, 24, &["attach", "-t", "m"]);
    for t in [&ours, &theirs] {
        t.wait_text("delta epsilon");
        eventually("mouse reporting turned on", || {
            String::from_utf8_lossy(&t.raw())
                .contains("\x1b[?1006h")
                .then_some(())
        });
    }
    let newest = |run: &dyn Fn(&[&str]) -> std::process::Output| {
        eventually("a new paste buffer", || {
            let out = run(&["show-buffer"]);
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        })
    };
    // Drag from "beta" (column 7, row 1) to "gam" (column 14) and let go.
    for t in [&mut ours, &mut theirs] {
        t.send(b"\x1b[<0;7;1M\x1b[<32;9;1M\x1b[<32;14;1M\x1b[<0;14;1m");
    }
    let ours_drag = newest(&|a| env.run(a));
    let theirs_drag = newest(&|a| tmux.run(a));
    assert_eq!(ours_drag, theirs_drag);
    assert_eq!(ours_drag, "beta ga");
    // Presses closer than 300 ms count as one double or triple click, whatever came
    // between, in both: let that time pass before each group of clicks.
    let clicks_apart = || std::thread::sleep(std::time::Duration::from_millis(400));
    let clicks = [
        // A double click on "epsilon" copies the word (after tmux's 0.3 s pause).
        (
            &b"\x1b[<0;9;2M\x1b[<0;9;2m\x1b[<0;9;2M\x1b[<0;9;2m"[..],
            "epsilon",
        ),
        // A triple click copies the line.
        (
            &b"\x1b[<0;3;1M\x1b[<0;3;1m\x1b[<0;3;1M\x1b[<0;3;1m\x1b[<0;3;1M\x1b[<0;3;1m"[..],
            "alpha beta gamma",
        ),
    ];
    for (events, copied) in clicks {
        env.ok(&["delete-buffer"]);
        tmux.ok(&["delete-buffer"]);
        clicks_apart();
        for t in [&mut ours, &mut theirs] {
            t.send(events);
        }
        let ours_copy = newest(&|a| env.run(a));
        assert_eq!(ours_copy, newest(&|a| tmux.run(a)));
        assert_eq!(ours_copy, copied);
    }
    // The line the triple click copied reached the terminal's clipboard, and pasted
    // into another pane it arrives exactly.
    let osc = format!("\x1b]52;c;{}", base64(b"alpha beta gamma"));
    eventually("the clipboard sequence", || {
        String::from_utf8_lossy(&ours.raw())
            .contains(&osc)
            .then_some(())
    });
    let got = env.home().join("got");
    let cat = format!("cat > {}", got.display());
    env.ok(&["split-window", "-d", "-t", "m", &cat]);
    env.ok(&["paste-buffer", "-t", "m:.1"]);
    env.ok(&["send-keys", "-t", "m:.1", "Enter", "C-d"]);
    let pasted = eventually("the pasted line in the file", || {
        std::fs::read_to_string(&got)
            .ok()
            .filter(|f| f.ends_with('\n'))
    });
    assert_eq!(pasted, "alpha beta gamma\n");
    // Rebound, the wheel runs what the user says.
    env.ok(&["bind", "-n", "WheelUpPane", "set", "-g", "@wheel", "turned"]);
    ours.send(b"\x1b[<64;5;5M");
    eventually("the rebound wheel", || {
        (env.ok(&["show", "-gv", "@wheel"]) == "turned\n").then_some(())
    });
}

/// Standard base64, to find an OSC 52 sequence in a client's output.
fn base64(data: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(A[((n >> (18 - 6 * i)) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// 5,000 numbered lines; a search finds one far back, it is selected and copied with
/// the keys of one table; the buffer is what tmux copies with the same keys, the outer
/// terminal is given it (OSC 52), and pasted into another pane it arrives exactly.
fn search_select_copy_paste(
    vi: bool,
    search_keys: &[u8],
    query: &str,
    select_keys: &[(&[u8], &str)],
) {
    let env = Env::new();
    let tmux = crate::harness::Tmux::new(&env, "ref");
    let mut copied = Vec::new();
    for rmux in [true, false] {
        let who = if rmux { "rmux" } else { "tmux" };
        let run = |args: &[&str]| if rmux { env.ok(args) } else { tmux.ok(args) };
        run(&["new", "-d", "-s", "c", "-x", "100", "-y", "30"]);
        run(&["set", "-g", "history-limit", "10000"]);
        run(&["set", "-g", "mode-keys", if vi { "vi" } else { "emacs" }]);
        run(&["set", "-g", "set-clipboard", "on"]);
        // A window made after the limit is raised keeps 5,000 lines.
        run(&["neww", "-t", "c:1"]);
        run(&["killw", "-t", "c:0"]);
        let mut t = if rmux {
            env.spawn(100, 30, &["attach", "-t", "c"])
        } else {
            tmux.spawn(100, 30, &["attach", "-t", "c"])
        };
        t.wait_text(PROMPT);
        t.line("seq -f 'line-%g end' 1 5000");
        t.wait_line("line-5000 end");
        t.prefix(b"[");
        t.wait(&format!("{who}: copy mode"), |ls| ls[0].contains("[0/"));
        t.send(search_keys);
        t.wait_bottom(&format!("{who}: the search prompt"), "(search up)");
        t.line(query);
        t.wait(&format!("{who}: the match on screen"), |ls| {
            ls.iter().any(|l| l.trim_end() == "line-4217 end")
        });
        // One key at a time, each seen done (copy_cursor_x, selection_present) before
        // the next: tmux takes keys that come together for a paste (assume-paste-time).
        for (keys, after) in select_keys {
            t.send(keys);
            if !after.is_empty() {
                eventually(&format!("{who}: {after} after {keys:?}"), || {
                    let now = run(&["display", "-p", "#{copy_cursor_x} #{selection_present}"]);
                    (now.trim() == *after).then_some(())
                });
            }
        }
        let buffer = eventually(&format!("{who}: the copied text"), || {
            let out = if rmux {
                env.run(&["show-buffer"])
            } else {
                tmux.run(&["show-buffer"])
            };
            out.status
                .success()
                .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
        });
        if rmux {
            let osc = format!("\x1b]52;c;{}", base64(buffer.as_bytes()));
            eventually("the clipboard sequence to the terminal", || {
                String::from_utf8_lossy(&t.raw())
                    .contains(&osc)
                    .then_some(())
            });
            // Pasted into a pane running cat, it arrives exactly.
            let got = env.home().join("got");
            env.ok(&[
                "split-window",
                "-d",
                "-t",
                "c",
                &format!("cat > {}", got.display()),
            ]);
            env.ok(&["paste-buffer", "-t", "c:.1"]);
            env.ok(&["send-keys", "-t", "c:.1", "Enter", "C-d"]);
            let file = eventually("the pasted text in the file", || {
                std::fs::read_to_string(&got)
                    .ok()
                    .filter(|f| f.ends_with('\n'))
            });
            assert_eq!(file, format!("{buffer}\n"));
        }
        copied.push(buffer);
        drop(t);
    }
    assert_eq!(copied[0], copied[1], "rmux's copy (left), tmux's");
}

#[test]
fn a_regex_search_select_and_copy_arrive_exactly_with_vi_keys() {
    // `?` searches up with a regular expression; 0, Space, $ and Enter copy the line.
    search_select_copy_paste(
        true,
        b"?",
        "line-42[1]7 e.d",
        &[(b"0", "0 0"), (b" ", "0 1"), (b"$", "13 1"), (b"\r", "")],
    );
}

#[test]
fn a_search_select_and_copy_arrive_exactly_with_emacs_keys() {
    // C-r searches up as you type; C-a, C-Space, C-e and M-w copy the line.
    search_select_copy_paste(
        false,
        b"\x12",
        "line-4217 end",
        &[
            (b"\x01", "0 0"),
            (b"\x00", "0 1"),
            (b"\x05", "13 1"),
            (b"\x1bw", ""),
        ],
    );
}

/// A selection dragged to the pane's top row scrolls the view back a line at a time
/// while the mouse stays there (tmux's drag repeat), and letting go copies from the
/// text that scrolled into view.
#[test]
fn a_selection_dragged_to_the_top_row_scrolls_back() {
    let env = Env::new();
    env.ok(&[
        "new",
        "-d",
        "-s",
        "m",
        "-x",
        "80",
        "-y",
        "24",
        "seq 1 300; exec cat",
    ]);
    env.ok(&["set", "-g", "mouse", "on"]);
    env.ok(&["set", "-g", "status", "off"]);
    let mut t = env.spawn(80, 24, &["attach", "-t", "m"]);
    t.wait_text("300");
    eventually("mouse reporting turned on", || {
        String::from_utf8_lossy(&t.raw())
            .contains("\x1b[?1006h")
            .then_some(())
    });
    // The top row shows 277 (300 lines, the last 23 and the cursor's blank line).
    let top: u32 = t.lines()[0]
        .trim()
        .parse()
        .expect("a number on the top row");
    // Press on row 12, drag to the top row and stay there.
    t.send(b"\x1b[<0;2;12M\x1b[<32;2;8M\x1b[<32;2;1M");
    eventually("the view scrolled back several lines", || {
        let pos: u32 = env
            .ok(&["display", "-p", "-t", "m", "#{scroll_position}"])
            .trim()
            .parse()
            .unwrap_or(0);
        (pos >= 5).then_some(())
    });
    t.send(b"\x1b[<0;2;1m");
    let copied = eventually("the copy", || {
        let out = env.run(&["show-buffer"]);
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    });
    let first: u32 = copied
        .lines()
        .next()
        .and_then(|l| l.trim().parse().ok())
        .expect("the copy starts with a number");
    assert!(
        first + 5 <= top,
        "the copy starts at {first}, above {top}: {copied:?}"
    );
}

/// Emacs C-r searches as the text is typed, C-r again goes to the next match up, C-s
/// down, Backspace searches the shorter text from where the search began: each screen
/// as tmux's.
#[test]
fn incremental_search_follows_the_typing_as_in_tmux() {
    let env = Env::new();
    let tmux = crate::harness::Tmux::new(&env, "ref");
    let mut screens: Vec<Vec<String>> = Vec::new();
    for rmux in [true, false] {
        let who = if rmux { "rmux" } else { "tmux" };
        let run = |args: &[&str]| if rmux { env.ok(args) } else { tmux.ok(args) };
        let fill = "seq -f 'line-%g' 1 500; exec cat";
        run(&["new", "-d", "-s", "c", "-x", "80", "-y", "20", fill]);
        run(&["set", "-g", "mode-keys", "emacs"]);
        // tmux takes keys closer than assume-paste-time for a paste (and drops them in
        // copy mode); a loaded machine can bunch a test's keys that closely.
        if !rmux {
            run(&["set", "-g", "assume-paste-time", "0"]);
        }
        let mut t = if rmux {
            env.spawn(80, 20, &["attach", "-t", "c"])
        } else {
            tmux.spawn(80, 20, &["attach", "-t", "c"])
        };
        t.wait_text("line-500");
        t.prefix(b"[");
        t.wait(&format!("{who}: copy mode"), |ls| ls[0].contains("[0/"));
        t.send(b"\x12");
        let status = |ls: &[String]| ls.last().cloned().unwrap_or_default();
        t.wait(&format!("{who}: the prompt"), |ls| {
            status(ls).starts_with("(search up)")
        });
        let mut typed = String::new();
        for c in "line-42".chars() {
            typed.push(c);
            t.send(c.to_string().as_bytes());
            let want = format!("(search up) {typed}");
            t.wait(&format!("{who}: {want}"), |ls| {
                status(ls).trim_end() == want
            });
        }
        // Each step: the key, then the screen once the cursor has moved (tmux takes
        // keys that come together for a paste, so one at a time).
        let place = || {
            run(&[
                "display",
                "-p",
                "#{copy_cursor_x},#{copy_cursor_y},#{scroll_position}",
            ])
        };
        let mut frames = Vec::new();
        for keys in [&b"\x12"[..], b"\x12", b"\x13", b"\x7f"] {
            let before = place();
            t.send(keys);
            eventually(&format!("{who}: the cursor moved by {keys:?}"), || {
                (place() != before).then_some(())
            });
            t.wait(&format!("{who}: the count"), |ls| {
                ls[0].contains("results)")
            });
            frames.push(place());
            frames.extend(t.lines().into_iter().take(19));
        }
        screens.push(frames);
        run(&["kill-server"]);
    }
    assert_eq!(screens[0], screens[1], "rmux's screens (left), tmux's");
}
