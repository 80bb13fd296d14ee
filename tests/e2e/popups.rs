//! Popups: a command in a box over a client's screen, drawn where tmux draws it, taking
//! the keys, and the command that opened it waiting until it closes.

use crate::harness::{Env, PROMPT, Tmux, Tty};

/// A session `t` in rmux and in a tmux beside it, each with an 80x24 client at its
/// prompt: rmux's client, tmux's server and client.
pub fn side_by_side(env: &Env) -> (Tty, Tmux, Tty) {
    let ours = env.spawn(80, 24, &["new", "-s", "t"]);
    ours.wait_text(PROMPT);
    let tmux = Tmux::new(env, "ref");
    let theirs = tmux.spawn(80, 24, &["new", "-s", "t"]);
    theirs.wait_text(PROMPT);
    (ours, tmux, theirs)
}

/// The box rows of a screen (those holding a box corner or side).
fn box_rows(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| l.contains(['┌', '│', '└', '╭', '╰']) && !l.starts_with('['))
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn wait_box(t: &Tty, text: &str) -> Vec<String> {
    t.wait(&format!("a popup showing {text}"), |ls| {
        ls.iter().any(|l| l.contains(text)) && ls.iter().any(|l| l.contains('└') || l.contains('╰'))
    });
    box_rows(&t.lines())
}

/// The same popup in rmux and tmux: the same box, title and text in the same cells;
/// keys typed go to its program; the command that opened it returns when it closes.
#[test]
fn a_popup_runs_a_command_and_closes_as_in_tmux() {
    let env = Env::new();
    let (ours, tmux, theirs) = side_by_side(&env);
    let got = env.home().join("got");
    let script = format!("echo in-popup; read x; echo \"$x\" > {}", got.display());
    let args = [
        "display-popup",
        "-T",
        " hello ",
        "-w",
        "40",
        "-h",
        "10",
        "-E",
        script.as_str(),
    ];
    std::thread::scope(|s| {
        let opener = s.spawn(|| env.run(&args));
        let tmux_opener = s.spawn(|| tmux.run(&args));
        let ours_box = wait_box(&ours, "in-popup");
        let theirs_box = wait_box(&theirs, "in-popup");
        assert_eq!(ours_box, theirs_box, "rmux's popup (left) and tmux's");
        assert!(ours_box[0].starts_with("                   ┌─ hello ───"));
        let mut ours = ours;
        ours.send(b"typed\r");
        let out = opener.join().expect("the opener");
        assert!(out.status.success(), "display-popup -E returns once closed");
        assert_eq!(
            std::fs::read_to_string(&got).unwrap_or_default(),
            "typed\n",
            "the keys went to the popup's program"
        );
        ours.wait("the popup gone", |ls| box_rows(ls).is_empty());
        let mut theirs = theirs;
        theirs.send(b"x\r");
        assert!(tmux_opener.join().expect("tmux's opener").status.success());
    });
}

/// Without -E a popup stays once its command is done, until Escape; -C closes one from
/// a script; placement flags put it where tmux puts it.
#[test]
fn a_popup_stays_until_escape_and_is_placed_as_in_tmux() {
    let env = Env::new();
    let (mut ours, tmux, theirs) = side_by_side(&env);
    let args = [
        "display-popup",
        "-w",
        "30",
        "-h",
        "6",
        "-x",
        "5",
        "-y",
        "20",
        "-b",
        "rounded",
        "echo placed",
    ];
    std::thread::scope(|s| {
        let opener = s.spawn(|| env.run(&args));
        let tmux_opener = s.spawn(|| tmux.run(&args));
        let ours_box = wait_box(&ours, "placed");
        assert_eq!(ours_box, wait_box(&theirs, "placed"));
        assert!(ours_box[0].starts_with("     ╭───"));
        ours.send(b"\x1b");
        ours.wait("the popup gone", |ls| box_rows(ls).is_empty());
        assert!(opener.join().expect("the opener").status.success());
        tmux.ok(&["display-popup", "-C"]);
        assert!(tmux_opener.join().expect("tmux's opener").status.success());
    });
    // A long-running popup closed by a script.
    std::thread::scope(|s| {
        let opener = s.spawn(|| env.run(&["display-popup", "-E", "sleep 30"]));
        ours.wait("the popup", |ls| !box_rows(ls).is_empty());
        env.ok(&["display-popup", "-C"]);
        assert!(opener.join().expect("the opener").status.success());
        ours.wait("the popup gone", |ls| box_rows(ls).is_empty());
    });
}
