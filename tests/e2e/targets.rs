//! Targets (`-t`) resolve as tmux resolves them: the same structure is built in both,
//! and each target must name the same session, window and pane (or fail alike).

use std::process::Command;

use crate::harness::Env;

/// Run the same command on rmux and on a tmux server at `sock`; (status, stdout, stderr).
fn both(env: &Env, sock: &str, args: &[&str]) -> ((i32, String), (i32, String)) {
    let ours = env.run(args);
    let theirs = Command::new("tmux")
        .args(["-S", sock, "-f", "/dev/null"])
        .args(args)
        .envs(env.vars())
        .env_remove("TMUX")
        .output()
        .unwrap();
    let view = |o: &std::process::Output| {
        let mut s = String::from_utf8_lossy(&o.stdout).into_owned();
        s.push_str(&String::from_utf8_lossy(&o.stderr));
        (o.status.code().unwrap_or(-1), s)
    };
    (view(&ours), view(&theirs))
}

#[test]
fn targets_resolve_like_tmux() {
    if Command::new("tmux").arg("-V").output().is_err() {
        eprintln!("note: tmux is not installed; skipping the target comparison");
        return;
    }
    let env = Env::new();
    let sock = env.dir.path().join("tmux.sock").display().to_string();
    let setup: &[&[&str]] = &[
        &[
            "new", "-d", "-s", "alpha", "-n", "editor", "-x", "80", "-y", "24",
        ],
        &["new-window", "-d", "-t", "alpha", "-n", "logs"],
        &["new-window", "-d", "-t", "alpha:5", "-n", "server"],
        &["split-window", "-d", "-t", "alpha:logs"],
        &["split-window", "-d", "-h", "-t", "alpha:logs.1"],
        &["new", "-d", "-s", "beta", "-x", "80", "-y", "24"],
        &["new", "-d", "-s", "betamax", "-x", "80", "-y", "24"],
        &[
            "new", "-d", "-s", "gamma", "-n", "logs", "-x", "80", "-y", "24",
        ],
    ];
    for cmd in setup {
        let ((a, ao), (b, bo)) = both(&env, &sock, cmd);
        assert_eq!((a, b), (0, 0), "{cmd:?}: rmux {ao:?} tmux {bo:?}");
    }
    let targets = [
        "alpha",
        "alpha:",
        "alpha:1",
        "alpha:logs",
        "alpha:log",
        "alpha:l*",
        "alpha:5",
        "alpha:server",
        "alpha:1.2",
        "alpha:logs.0",
        "alpha:1.-1",
        "alpha:1.+",
        "alpha:{last}",
        "alpha:{end}",
        "alpha:^",
        "alpha:$",
        "alpha:=logs",
        "alpha:=log",
        "gam",
        "gamma:logs",
        "bet",
        "beta",
        "betamax",
        "=beta",
        "nosuch",
        "alpha:9",
        "alpha:1.7",
        "%0",
        "%2",
        "@1",
        "$1",
        "%99",
        "@99",
        "$99",
        "alpha:1.{top}",
        "alpha:1.{bottom}",
        "alpha:1.{left}",
        "alpha:1.{right}",
        "alpha:1.{next}",
        "alpha:1.{previous}",
        "alpha:1.{last}",
        "alpha:1.top",
        "alpha:1.bottom-right",
        "alpha:+",
        "alpha:-2",
        ":1",
        ":logs.1",
        ".1",
        "logs",
        "editor",
        "server.0",
        "alpha:*o*",
        "gamma:",
        "alpha.b",
        "a*",
    ];
    let format = "#{session_name}:#{window_index}.#{pane_index}";
    let mut report = Vec::new();
    let mut mismatches = 0;
    for t in targets {
        // pipe-pane with no command does nothing but fails on a bad target, unlike
        // display-message, which carries on with what it found.
        let (ours, theirs) = both(&env, &sock, &["pipe-pane", "-t", t]);
        let (ours, theirs) = if ours.0 == 0 && theirs.0 == 0 {
            both(&env, &sock, &["display", "-p", "-t", t, format])
        } else {
            (ours, theirs)
        };
        let ok = ours == theirs;
        if !ok {
            mismatches += 1;
        }
        report.push(format!(
            "{} {t:<18} rmux {:?} tmux {:?}",
            if ok { "same" } else { "DIFF" },
            ours,
            theirs
        ));
    }
    let _ = Command::new("tmux")
        .args(["-S", &sock, "kill-server"])
        .status();
    println!("{}", report.join("\n"));
    assert_eq!(
        mismatches,
        0,
        "targets resolved differently:\n{}",
        report.join("\n")
    );
}

#[test]
fn every_tmux_option_and_hook_exists_with_tmux_s_default() {
    crate::harness::require_tmux();
    let env = Env::new();
    let sock = env.dir.path().join("tmux.sock").display().to_string();
    let ((a, _), (b, _)) = both(&env, &sock, &["new", "-d", "-s", "o"]);
    assert_eq!((a, b), (0, 0));
    // rmux's deliberate differences (README): a larger history by default.
    let differs_on_purpose = ["history-limit "];
    // rmux's own options, which tmux does not have.
    let ours_only = [
        "tmux-compat ",
        "restart",
        "snapshot-interval ",
        "resurrect",
        "first-run-hint ",
    ];
    let mut compared = 0;
    let mut diffs = Vec::new();
    for listing in [
        &["show", "-s"][..],
        &["show", "-g"][..],
        &["show", "-gw"][..],
        &["show-hooks", "-g"][..],
        &["show-hooks", "-gw"][..],
    ] {
        let (ours, theirs) = both(&env, &sock, listing);
        let ours: Vec<&str> = ours.1.lines().collect();
        let theirs: Vec<&str> = theirs.1.lines().collect();
        for line in &theirs {
            if differs_on_purpose.iter().any(|p| line.starts_with(p)) {
                continue;
            }
            compared += 1;
            if !ours.contains(line) {
                diffs.push(format!("{listing:?}: tmux has {line:?}, rmux does not"));
            }
        }
        for line in &ours {
            let known = theirs.contains(line)
                || differs_on_purpose
                    .iter()
                    .chain(&ours_only)
                    .any(|p| line.starts_with(p));
            if !known {
                diffs.push(format!("{listing:?}: rmux has {line:?}, tmux does not"));
            }
        }
    }
    let _ = Command::new("tmux")
        .args(["-S", &sock, "kill-server"])
        .status();
    assert!(compared > 150, "only {compared} options compared");
    assert!(
        diffs.is_empty(),
        "options differ from tmux:\n{}",
        diffs.join("\n")
    );
}
