//! The status-line prompt as a user types at it, beside tmux: answers, several questions
//! in turn, and the history Up brings back.

use crate::harness::{Env, PROMPT, Tmux, Tty, eventually};

fn client(t: Tty) -> Tty {
    t.wait_text(PROMPT);
    t
}

/// The one client of a server, by name (its tty), for `command-prompt -t`.
fn client_name(out: String) -> String {
    out.lines().next().unwrap_or_default().to_string()
}

#[test]
fn answers_questions_and_history_as_in_tmux() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    let mut ours = client(env.spawn(100, 24, &["new", "-s", "p"]));
    let mut theirs = client(tmux.spawn(100, 24, &["new", "-s", "p"]));
    for t in [&mut ours, &mut theirs] {
        t.prefix(b":");
        t.wait_bottom("the command prompt", ":");
        t.send(b"rename-window 'first one'\r");
    }
    let name = |out: String| out.trim_end().to_string();
    eventually("both windows renamed", || {
        let a = name(env.ok(&["display", "-p", "-t", "p", "#W"]));
        let b = name(tmux.ok(&["display", "-p", "-t", "p", "#W"]));
        (a == "first one" && b == a).then_some(())
    });
    // Up brings the last line back; edited, it runs again and joins the history.
    for t in [&mut ours, &mut theirs] {
        t.prefix(b":");
        t.wait_bottom("the command prompt", ":");
        t.send(b"\x1b[A");
        t.wait("the last command back", |ls| {
            ls.last()
                .is_some_and(|l| l.contains("rename-window 'first one'"))
        });
        t.send(b"\x08\x08\x08\x08two'\r");
    }
    eventually("both windows renamed again", || {
        let a = name(env.ok(&["display", "-p", "-t", "p", "#W"]));
        let b = name(tmux.ok(&["display", "-p", "-t", "p", "#W"]));
        (a == "first two" && b == a).then_some(())
    });
    let history = env.ok(&["show-prompt-history"]);
    assert_eq!(history, tmux.ok(&["show-prompt-history"]));
    assert!(
        history.contains("2: rename-window 'first two'"),
        "{history}"
    );
    assert_eq!(
        env.ok(&["show-prompt-history", "-T", "command"]),
        tmux.ok(&["show-prompt-history", "-T", "command"])
    );
    let bad = env.run(&["show-prompt-history", "-T", "nosuch"]);
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "invalid type: nosuch\n"
    );

    // Two questions, each answer one argument wherever it goes.
    let template = "rename-session -- '%1' ; rename-window -- '%2'";
    env.ok(&[
        "command-prompt",
        "-t",
        &client_name(env.ok(&["list-clients", "-F", "#{client_name}"])),
        "-p",
        "session,window",
        "-I",
        ",win",
        template,
    ]);
    ours.wait("the first question", |ls| {
        ls.last().is_some_and(|l| l.trim_end() == "session")
    });
    ours.send(b"s p\r");
    ours.wait("the second question, with its initial text", |ls| {
        ls.last().is_some_and(|l| l.starts_with("window win"))
    });
    ours.send(b" 2\r");
    eventually("the session and window renamed", || {
        let got = env.ok(&["display", "-p", "-t", "s p", "#S/#W"]);
        (got == "s p/win 2\n").then_some(())
    });
    env.ok(&["clear-prompt-history"]);
    assert!(!env.ok(&["show-prompt-history"]).contains("1:"));
}
