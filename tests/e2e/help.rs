//! Help inside the program: answered by the command line itself, with no server running
//! and none started.

use crate::harness::Env;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn help_works_without_a_server_and_starts_none() {
    let env = Env::new();
    for flag in ["--help", "-h"] {
        let out = env.run(&[flag]);
        assert!(out.status.success(), "{flag}: {}", stderr(&out));
        let text = stdout(&out);
        assert!(text.starts_with("usage: rmux [-2CDlNuVv]"), "{text}");
        assert!(text.contains("rmux help COMMAND"), "{text}");
    }
    let out = env.run(&["help"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    // Every command of list-commands is there, with a description.
    for line in text.lines().filter(|l| l.starts_with("  ")) {
        let words: Vec<&str> = line.split_whitespace().collect();
        assert!(words.len() >= 2, "a command without a description: {line}");
    }
    for name in ["new-session (new)", "split-window (splitw)", "resurrect"] {
        assert!(text.contains(name), "{name} missing from:\n{text}");
    }
    assert!(
        !env.socket().exists(),
        "help must not start a server ({})",
        env.socket().display()
    );
}

#[test]
fn help_for_one_command_is_its_usage_and_description() {
    let env = Env::new();
    let by_help = env.run(&["help", "split-window"]);
    assert!(by_help.status.success(), "{}", stderr(&by_help));
    let text = stdout(&by_help);
    assert!(
        text.starts_with("usage: split-window (splitw) [-bdefhIPvZ]"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 2, "{text}");
    // By alias, and as `<command> --help`: the same text.
    assert_eq!(stdout(&env.run(&["help", "splitw"])), text);
    assert_eq!(stdout(&env.run(&["split-window", "--help"])), text);
    assert_eq!(stdout(&env.run(&["splitw", "--help"])), text);
    assert!(!env.socket().exists(), "help must not start a server");
}

#[test]
fn help_for_an_unknown_command_fails_like_tmux() {
    let env = Env::new();
    let out = env.run(&["help", "split-windw"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "unknown command: split-windw (did you mean split-window?)\n"
    );
    assert!(stdout(&out).is_empty());
    let out = env.run(&["help", "frobnicate"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "unknown command: frobnicate\n");
    let out = env.run(&["help", "a", "b"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn help_lists_what_the_server_lists() {
    let env = Env::new();
    env.ok(&["new", "-d"]);
    let listed = env.ok(&["list-commands"]);
    let help = stdout(&env.run(&["help"]));
    for line in listed.lines() {
        let name = line.split(' ').next().unwrap_or("");
        let usage = stdout(&env.run(&["help", name]));
        assert!(
            // list-commands ends a command without flags in a space; help does not.
            usage.starts_with(&format!("usage: {}\n", line.trim_end())),
            "help {name}: {usage}"
        );
        assert!(help.contains(&format!("  {name}")), "{name}");
    }
}

/// `C-b ?` lists the keys with their notes in the pane; `C-b /` then a key says what
/// that key does in the status line: as in tmux.
#[test]
fn keys_help_and_describe_key_as_in_tmux() {
    use crate::harness::{PROMPT, Tmux};
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    let mut ours = env.spawn(100, 24, &["new", "-s", "k"]);
    let mut theirs = tmux.spawn(100, 24, &["new", "-s", "k"]);
    for t in [&mut theirs, &mut ours] {
        t.wait_text(PROMPT);
        t.prefix(b"/");
        t.wait_bottom("the key prompt", "key");
        t.send(b"d");
        t.wait_bottom("the key described", "C-b d Detach the current client");
        // The message goes by itself after display-time.
        t.wait_bottom("the status line back", "[k]");
        t.prefix(b"?");
        t.wait("the keys listed", |ls| {
            ls.first()
                .is_some_and(|l| l.starts_with("C-b C-b     Send the prefix key"))
        });
    }
    assert_eq!(ours.lines()[..23], theirs.lines()[..23]);
}

const HINT: &str = "C-b d detach · C-b c new window · C-b % split · C-b ? keys";

/// A newcomer with no configuration file sees the keys to start with in the status line
/// when their first session starts, where status-right stands: the session and its
/// windows stay in sight.
#[test]
fn first_run_hint_for_a_newcomer() {
    use crate::harness::PROMPT;
    let env = Env::new();
    env.without_config();
    let t = env.spawn(100, 24, &["new", "-s", "h"]);
    t.wait("the first-run hint beside the session", |ls| {
        ls.last()
            .is_some_and(|l| l.starts_with("[h] 0:") && l.trim_end().ends_with(HINT))
    });
    t.wait_text(PROMPT);
    // It goes after a few seconds, and status-right is back.
    t.wait("the status line without it", |ls| {
        ls.last()
            .is_some_and(|l| l.starts_with("[h]") && !l.contains("new window"))
    });
}

/// The hint uses the prefix really bound, and `first-run-hint off` keeps it away.
#[test]
fn first_run_hint_follows_the_prefix_and_the_option() {
    let env = Env::new();
    env.without_config();
    env.ok(&["new", "-d", "-s", "h"]);
    env.ok(&["set", "-g", "prefix", "C-a"]);
    let t = env.spawn(100, 24, &["attach", "-t", "h"]);
    t.wait("the hint with C-a", |ls| {
        ls.last()
            .is_some_and(|l| l.trim_end().ends_with(&HINT.replace("C-b", "C-a")))
    });
    drop(t);
    env.ok(&["kill-server"]);

    let env = Env::new();
    env.without_config();
    env.ok(&["new", "-d", "-s", "h"]);
    env.ok(&["set", "-s", "first-run-hint", "off"]);
    let t = env.spawn(100, 24, &["attach", "-t", "h"]);
    t.wait_bottom("the status line", "[h]");
    assert!(!String::from_utf8_lossy(&t.raw()).contains("new window"));
}

/// Someone with a configuration file (every other test's home has an empty one) never
/// sees it.
#[test]
fn no_first_run_hint_once_a_config_exists() {
    let env = Env::new();
    let t = env.spawn(100, 24, &["new", "-s", "h"]);
    t.wait_bottom("the status line", "[h]");
    assert!(!String::from_utf8_lossy(&t.raw()).contains("new window"));
}
