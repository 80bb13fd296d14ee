//! Menus: tmux's default menus drawn as tmux draws them, chosen with the keys and with
//! the mouse, and display-menu from a script.

use crate::harness::{Env, PROMPT, Tty};
use crate::popups::side_by_side;

/// The rows of a menu box on screen.
fn menu_rows(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .filter(|l| l.contains(['┌', '│', '├', '└']))
        .map(|l| l.trim_end().to_string())
        .collect()
}

fn wait_menu(t: &Tty, item: &str) -> Vec<String> {
    t.wait(&format!("a menu with {item}"), |ls| {
        ls.iter().any(|l| l.contains(item)) && ls.iter().any(|l| l.contains('└'))
    });
    menu_rows(&t.lines())
}

fn panes(env: &Env) -> String {
    env.ok(&["display", "-p", "-t", "t", "#{window_panes}"])
}

/// `C-b >` opens tmux's pane menu, cell for cell as tmux draws it; an item's key
/// chooses it, the arrows and Enter choose too, Escape closes.
#[test]
fn the_pane_menu_is_tmuxs_and_chosen_with_keys() {
    let env = Env::new();
    let (mut ours, _tmux, mut theirs) = side_by_side(&env);
    ours.prefix(b">");
    theirs.prefix(b">");
    let menu = wait_menu(&ours, "Horizontal Split");
    assert_eq!(
        menu,
        wait_menu(&theirs, "Horizontal Split"),
        "rmux (left), tmux"
    );
    assert_eq!(menu[0], "┌────────0 (%0)────────┐");
    // Its own key: v splits.
    ours.send(b"v");
    crate::harness::eventually("two panes", || (panes(&env) == "2\n").then_some(()));
    ours.wait("the menu closed", |ls| {
        menu_rows(ls).iter().all(|l| !l.contains("Split"))
    });
    // Down from the first item, then Enter: the second item (Vertical Split) again.
    ours.prefix(b">");
    wait_menu(&ours, "Horizontal Split");
    ours.send(b"\x1b[B\r");
    crate::harness::eventually("three panes", || (panes(&env) == "3\n").then_some(()));
    ours.prefix(b">");
    wait_menu(&ours, "Horizontal Split");
    ours.send(b"\x1b");
    ours.wait("the menu closed", |ls| {
        !ls.iter().any(|l| l.contains("Horizontal Split"))
    });
    assert_eq!(panes(&env), "3\n", "Escape chose nothing");
    theirs.send(b"\x1b");
}

/// With the mouse on, the right button opens the pane menu where it was pressed; the
/// item the button is let go on is chosen, as in tmux.
#[test]
fn a_right_click_menu_is_chosen_with_the_mouse() {
    let env = Env::new();
    let mut ours = env.spawn(80, 24, &["new", "-s", "t"]);
    ours.wait_text(PROMPT);
    env.ok(&["set", "-g", "mouse", "on"]);
    // The client has asked its terminal for the mouse (SGR reports) before any click.
    crate::harness::eventually("the client's mouse on", || {
        String::from_utf8_lossy(&ours.raw())
            .contains("\x1b[?1006h")
            .then_some(())
    });
    // Right button down at column 10, row 5 (1-based, SGR mouse).
    ours.send(b"\x1b[<2;10;5M");
    let menu = wait_menu(&ours, "Vertical Split");
    assert!(menu[0].starts_with("┌────────0 (%0)"), "{menu:?}");
    let row = ours
        .lines()
        .iter()
        .position(|l| l.contains("Vertical Split"))
        .expect("the item's row");
    assert_eq!(row, 6, "the menu's top edge is on the row clicked");
    // Dragged down onto "Vertical Split" and let go there.
    let at = format!("12;{}", row + 1);
    ours.send(format!("\x1b[<34;{at}M").as_bytes());
    ours.send(format!("\x1b[<2;{at}m").as_bytes());
    crate::harness::eventually("two panes", || (panes(&env) == "2\n").then_some(()));
    assert!(
        env.ok(&["display", "-p", "-t", "t", "#{window_layout}"])
            .contains('['),
        "a vertical split puts the panes one above the other"
    );
    // Let go outside the menu: nothing is chosen. (A left click first, so the right
    // button's next press is not a double click.)
    ours.send(b"\x1b[<0;70;20M\x1b[<0;70;20m");
    ours.send(b"\x1b[<2;10;5M");
    wait_menu(&ours, "Vertical Split");
    ours.send(b"\x1b[<2;70;20m");
    ours.wait("the menu closed", |ls| {
        !ls.iter().any(|l| l.contains("Vertical Split"))
    });
    assert_eq!(panes(&env), "2\n");
}

/// display-menu from a script waits until the menu closes; it is drawn as tmux draws
/// it; its items' commands run for the client, and an item named `-…` cannot be chosen.
#[test]
fn display_menu_from_a_script_waits_for_a_choice() {
    let env = Env::new();
    let (mut ours, tmux, mut theirs) = side_by_side(&env);
    let args = [
        "display-menu",
        "-T",
        "Pick",
        "-x",
        "0",
        "-y",
        "10",
        "On",
        "n",
        "set -g @picked on",
        "",
        "-Off",
        "o",
        "set -g @picked off",
    ];
    std::thread::scope(|s| {
        let opener = s.spawn(|| env.run(&args));
        let tmux_opener = s.spawn(|| tmux.run(&args));
        let menu = wait_menu(&ours, "Off");
        assert_eq!(menu, wait_menu(&theirs, "Off"), "rmux (left), tmux");
        assert_eq!(menu[0], "┌─Pick───┐");
        ours.send(b"o");
        ours.send(b"n");
        let out = opener.join().expect("the opener");
        assert!(out.status.success(), "display-menu returns once closed");
        theirs.send(b"\x1b");
        assert!(tmux_opener.join().expect("tmux's opener").status.success());
    });
    assert_eq!(env.ok(&["show", "-gv", "@picked"]), "on\n");
}
