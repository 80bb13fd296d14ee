//! Restart policies (rmux's own `restart` option and `-R`): a server killed with SIGKILL
//! comes back under `on-failure` and stays down under `off`; a crash loop is given up.

use crate::harness::{Env, eventually, free_port, http_get};

fn display(env: &Env, target: &str, format: &str) -> String {
    env.ok(&["display", "-p", "-t", target, format])
        .trim()
        .to_string()
}

#[test]
fn a_killed_server_comes_back_under_on_failure() {
    let env = Env::new();
    let port = free_port();
    let serve = format!("exec python3 -m http.server {port} --bind 127.0.0.1");
    env.ok(&["new", "-d", "-s", "web", "-R", "on-failure", &serve]);
    eventually("the server answering", || http_get(port));
    let first: u32 = display(&env, "web", "#{pane_pid}").parse().expect("pid");
    // The log line the request left stays on the pane's screen across the restart.
    env.wait_capture("web", "the request's log line", |t| {
        t.contains("GET / HTTP")
    });
    crate::harness::signal(first, "KILL");
    env.wait_capture("web", "the restart line", |t| {
        t.contains("restarting in 1s (restart 1)")
    });
    eventually("the server answering again", || {
        let pid: u32 = display(&env, "web", "#{pane_pid}").parse().ok()?;
        (pid != first).then(|| http_get(port)).flatten()
    });
    assert_eq!(display(&env, "web", "#{pane_restarts}"), "1");
    assert_eq!(display(&env, "web", "#{pane_dead}"), "0");
    let screen = env.ok(&["capture-pane", "-p", "-t", "web"]);
    assert!(
        screen.contains("GET / HTTP"),
        "the old log is kept:\n{screen}"
    );

    // Under `off` (the default) the same kill ends it: the session goes with its pane.
    env.ok(&[
        "new",
        "-d",
        "-s",
        "plain",
        &serve.replace(&port.to_string(), &free_port().to_string()),
    ]);
    let pid: u32 = eventually("the second server's pid", || {
        display(&env, "plain", "#{pane_pid}").parse().ok()
    });
    crate::harness::signal(pid, "KILL");
    eventually("the unrestarted session gone", || {
        (!env.run(&["has-session", "-t", "plain"]).status.success()).then_some(())
    });
}

#[test]
fn a_crash_loop_is_given_up() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "keep"]);
    // No wait between restarts, so the loop is quick: five deaths within the window.
    env.ok(&["set", "-g", "restart-delay", "0"]);
    env.ok(&["set", "-g", "restart-max-delay", "0"]);
    env.ok(&[
        "new",
        "-d",
        "-s",
        "loop",
        "-R",
        "on-failure",
        "echo trying; exit 3",
    ]);
    env.wait_capture("loop", "the policy giving up", |t| {
        t.contains("it died 5 times in 10s, so it is not restarted")
    });
    assert_eq!(display(&env, "loop", "#{pane_dead}"), "1");
    assert_eq!(display(&env, "loop", "#{pane_restarts}"), "4");
    assert_eq!(display(&env, "loop", "#{pane_last_exit_status}"), "3");
    // A program that exits 0 is not restarted under on-failure; `always` restarts it.
    env.ok(&["new", "-d", "-s", "ok", "-R", "on-failure", "exit 0"]);
    eventually("the session of a program that succeeded gone", || {
        (!env.run(&["has-session", "-t", "ok"]).status.success()).then_some(())
    });
    let bad = env.run(&["new", "-d", "-s", "x", "-R", "sometimes", "true"]);
    assert!(!bad.status.success());
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr).trim(),
        "restart unknown value: sometimes"
    );
}
