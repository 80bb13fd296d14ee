//! Control mode (`-C`) against tmux's: the same commands through `rmux -C` and `tmux -C`
//! give the same transcript, line for line, once the time, the command numbers and the
//! client's pid are set aside.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::harness::{Env, Tmux, WAIT, rmux_bin};

/// A control client: its stdin, and its stdout line by line.
struct Control {
    child: Child,
    stdin: Option<ChildStdin>,
    lines: mpsc::Receiver<String>,
}

impl Control {
    fn start(mut cmd: Command) -> Control {
        cmd.stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = cmd.spawn().expect("control client");
        let stdin = child.stdin.take();
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Control {
            child,
            stdin,
            lines,
        }
    }

    fn next_line(&self, deadline: Instant) -> Option<String> {
        let left = deadline.saturating_duration_since(Instant::now());
        self.lines.recv_timeout(left).ok()
    }

    /// Lines up to and including the one `done` accepts.
    fn read_until(&self, done: impl Fn(&str) -> bool) -> Vec<String> {
        let deadline = Instant::now() + WAIT;
        let mut got = Vec::new();
        while let Some(line) = self.next_line(deadline) {
            let end = done(&line);
            got.push(line);
            if end {
                return got;
            }
        }
        panic!("control client stopped answering; so far: {got:#?}");
    }

    /// Send a line, then a marker command, and read up to the marker's block: what the
    /// line caused, its notifications included, is in between.
    fn exchange(&mut self, line: &str, n: usize) -> Vec<String> {
        let marker = format!("sync-{n}");
        let stdin = self.stdin.as_mut().expect("stdin open");
        // One write, so both lines arrive in one read, as tmux reads them together.
        stdin
            .write_all(format!("{line}\ndisplay -p {marker}\n").as_bytes())
            .expect("write");
        let mut got = self.read_until(|l| l == marker);
        got.extend(self.read_until(|l| l.starts_with("%end ")));
        got
    }

    /// Close stdin: what comes until the client exits, and its status.
    fn finish(mut self) -> (Vec<String>, Option<i32>) {
        drop(self.stdin.take());
        let deadline = Instant::now() + WAIT;
        let mut rest = Vec::new();
        while let Some(line) = self.next_line(deadline) {
            rest.push(line);
        }
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return (rest, status.code());
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
        (rest, None)
    }
}

/// Time and number of blocks, and client names, differ from run to run.
fn normalise(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            let mut words: Vec<String> = l.split(' ').map(str::to_string).collect();
            if ["%begin", "%end", "%error"].contains(&words[0].as_str()) && words.len() == 4 {
                words[1] = "T".into();
                words[2] = "N".into();
            }
            for w in &mut words {
                if w.starts_with("client-") {
                    *w = "client-PID".into();
                }
            }
            words.join(" ")
        })
        .collect()
}

/// A control client attached to session `s`, made by `setup` in rmux or in tmux, once
/// its attach block and `%session-changed` have come.
fn attach_control(rmux: bool, env: &Env, tmux: &Tmux, setup: &[&str]) -> (Control, Vec<String>) {
    let mut cmd = if rmux {
        env.ok(setup);
        let mut c = Command::new(rmux_bin());
        c.env_clear().envs(env.vars());
        c
    } else {
        tmux.ok(setup);
        let mut c = Command::new("tmux");
        c.arg("-S")
            .arg(&tmux.socket)
            .args(["-f", "/dev/null"])
            .env_clear()
            .envs(env.vars());
        c
    };
    cmd.args(["-C", "attach", "-t", "s"]);
    let control = Control::start(cmd);
    let first = control.read_until(|l| l.starts_with("%session-changed"));
    (control, first)
}

/// The transcript of `lines` sent one by one to a control client of a session `s`
/// holding one quiet pane.
fn transcript(rmux: bool, env: &Env, tmux: &Tmux, lines: &[&str]) -> Vec<String> {
    let setup: &[&str] = &[
        "new",
        "-d",
        "-s",
        "s",
        "-n",
        "main",
        "-x",
        "80",
        "-y",
        "24",
        "sleep 600",
    ];
    // The attach block and the session-changed notification come first.
    let (mut control, mut out) = attach_control(rmux, env, tmux, setup);
    for (n, line) in lines.iter().enumerate() {
        out.push(format!("> {line}"));
        out.extend(control.exchange(line, n));
    }
    let (rest, status) = control.finish();
    out.extend(rest);
    out.push(format!("exit status {status:?}"));
    normalise(&out)
}

#[test]
fn control_mode_transcript_is_tmuxs() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    let lines = [
        "list-windows -F '#{window_index} #{window_name} #{window_panes}'",
        "new-window -n second 'sleep 600'",
        "split-window -h 'sleep 600'",
        "resize-pane -Z",
        "resize-pane -Z",
        "display -p '#{window_index}.#{pane_index} #{client_control_mode}'",
        "foo",
        "display -p a ; foo2 ; display -p b",
        "rename-window renamed",
        "select-window -t :0",
        "kill-window -t :1",
        "new-session -d -s other -n other 'sleep 600'",
        "rename-session -t other third",
        "kill-session -t third",
        "refresh-client -C 100x30",
        "list-windows -F '#{window_width}x#{window_height}'",
        "list-clients -F '#{client_name} #{client_control_mode} #{client_flags}'",
        "kill-window -t :1",
    ];
    let ours = transcript(true, &env, &tmux, &lines);
    let theirs = transcript(false, &env, &tmux, &lines);
    if let Some(i) = (0..ours.len().max(theirs.len())).find(|i| ours.get(*i) != theirs.get(*i)) {
        panic!(
            "rmux -C and tmux -C differ at line {i}:\nrmux: {:#?}\ntmux: {:#?}",
            &ours[i.saturating_sub(3)..ours.len().min(i + 4)],
            &theirs[i.saturating_sub(3)..theirs.len().min(i + 4)]
        );
    }
    env.run(&["kill-server"]);
}

/// What a pane prints reaches a control client as tmux's `%output`: the same bytes,
/// escaped the same way, whichever way the lines are cut.
#[test]
fn pane_output_is_escaped_as_tmux_escapes_it() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    let mut results = Vec::new();
    for rmux in [true, false] {
        let setup: &[&str] = &["new", "-d", "-s", "s", "-n", "w", "cat"];
        let (mut control, _) = attach_control(rmux, &env, &tmux, setup);
        let mut seen = control.exchange(r"send-keys -t s -l 'tab	é\ \\'", 0);
        seen.extend(control.exchange("send-keys -t s Enter", 1));
        // cat's echo of the line and its copy of it: two of each.
        let mut data: String = seen
            .iter()
            .filter_map(|l| l.strip_prefix("%output %0 "))
            .collect();
        let deadline = Instant::now() + WAIT;
        while data.matches("\\015\\012").count() < 2 {
            let line = control
                .next_line(deadline)
                .unwrap_or_else(|| panic!("no more output; so far {data:?}"));
            if let Some(rest) = line.strip_prefix("%output %0 ") {
                data.push_str(rest);
            }
        }
        let (rest, status) = control.finish();
        assert_eq!(rest.last().map(String::as_str), Some("%exit"));
        results.push((data, status));
    }
    assert_eq!(results[0], results[1], "rmux (left) and tmux (right)");
    assert_eq!(
        results[0].0,
        "tab\\011\u{e9}\\134 \\134\\134\\015\\012".repeat(2)
    );
    env.run(&["kill-server"]);
}

/// A session whose pane floods, and a control client of it (after `setup`, if given)
/// stopped so it reads nothing: the client, the server's pid and the client's.
fn stalled_client_of_a_flood(env: &Env, setup: Option<&str>) -> (Control, u32, u32) {
    env.ok(&["new", "-d", "-s", "s", "-n", "w", "sleep 600"]);
    let server: u32 = env
        .ok(&["display", "-p", "#{pid}"])
        .trim()
        .parse()
        .expect("pid");
    let mut cmd = Command::new(rmux_bin());
    cmd.env_clear()
        .envs(env.vars())
        .args(["-C", "attach", "-t", "s"]);
    let mut control = Control::start(cmd);
    control.read_until(|l| l.starts_with("%session-changed"));
    if let Some(line) = setup {
        control.exchange(line, 1);
    }
    let client = control.child.id();
    crate::harness::signal(client, "STOP");
    env.ok(&[
        "respawn-pane",
        "-k",
        "-t",
        "s",
        "yes 0123456789abcdefghijklmnopqrstuvwxyz",
    ]);
    (control, server, client)
}

/// A control client that stops reading while its pane floods does not grow the server
/// without bound: past a backlog it is told it is too far behind (tmux's words) and let
/// go, and the server and the pane carry on.
#[test]
fn a_stalled_control_client_is_let_go_and_the_server_stays_bounded() {
    let env = Env::new();
    let (control, server, client) = stalled_client_of_a_flood(&env, None);
    // The server lets the client go once it holds the limit for it (16 MiB); until then,
    // and for a while of flood after, it never holds much more.
    let mut peak = 0;
    crate::harness::eventually("the stalled client to be let go", || {
        peak = peak.max(crate::harness::proc_stats(server).rss_kib);
        let clients = env.ok(&["list-clients", "-F", "#{client_pid}"]);
        (!clients.contains(&client.to_string())).then_some(())
    });
    let until = Instant::now() + Duration::from_secs(1);
    while Instant::now() < until {
        peak = peak.max(crate::harness::proc_stats(server).rss_kib);
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(peak < 128 * 1024, "server RSS reached {peak} KiB");
    crate::harness::signal(client, "CONT");
    let (rest, status) = control.finish();
    assert_eq!(
        rest.last().map(String::as_str),
        Some("%exit too far behind")
    );
    assert_eq!(status, Some(0));
    // The server and the pane carry on.
    env.ok(&["display", "-p", "-t", "s", "#{pane_current_command}"]);
    env.ok(&["kill-server"]);
}

/// With `pause-after`, output comes as `%extended-output`, as tmux sends it; a client
/// that stops reading while its pane floods has the pane paused (`%pause`) rather than
/// being let go, the server stays bounded, and `refresh-client -A %N:continue` brings
/// the output back (`%continue`).
#[test]
fn pause_after_pauses_a_flooding_pane_for_a_slow_client() {
    let env = Env::new();
    let tmux = Tmux::new(&env, "ref");
    // The line format, beside tmux's (the age, in milliseconds, set aside).
    let mut formats = Vec::new();
    for rmux in [true, false] {
        let setup: &[&str] = &["new", "-d", "-s", "s", "-x", "80", "-y", "24", "cat"];
        let (mut control, _) = attach_control(rmux, &env, &tmux, setup);
        control.exchange("refresh-client -f pause-after=5", 1);
        let stdin = control.stdin.as_mut().expect("stdin");
        stdin
            .write_all(b"send-keys -t s -l hello\n")
            .expect("write");
        let line = control
            .read_until(|l| l.starts_with("%extended-output") && l.ends_with("hello"))
            .pop()
            .unwrap_or_default();
        let masked: Vec<&str> = line
            .split(' ')
            .enumerate()
            .filter(|(i, _)| *i != 2)
            .map(|(_, w)| w)
            .collect();
        formats.push(masked.join(" "));
        drop(control.finish());
        if rmux {
            env.ok(&["kill-server"]);
        } else {
            tmux.ok(&["kill-server"]);
        }
    }
    assert_eq!(formats[0], formats[1], "rmux (left), tmux");
    assert_eq!(formats[0], "%extended-output %0 : hello");

    let (mut control, server, client) =
        stalled_client_of_a_flood(&env, Some("refresh-client -f pause-after=1"));
    let pane = env.ok(&["display", "-p", "-t", "s", "#{pane_id}"]);
    let pane = pane.trim().to_string();
    // Flooding well past what lets a client without pause-after go (16 MiB).
    let mut peak = 0;
    let until = Instant::now() + Duration::from_secs(3);
    while Instant::now() < until {
        peak = peak.max(crate::harness::proc_stats(server).rss_kib);
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(peak < 128 * 1024, "server RSS reached {peak} KiB");
    let clients = env.ok(&["list-clients", "-F", "#{client_pid}"]);
    assert!(
        clients.contains(&client.to_string()),
        "the client is still there"
    );
    crate::harness::signal(client, "CONT");
    let pause = format!("%pause {pane}");
    control.read_until(|l| l == pause);
    let stdin = control.stdin.as_mut().expect("stdin");
    stdin
        .write_all(format!("refresh-client -A '{pane}:continue'\n").as_bytes())
        .expect("write");
    let resumed = format!("%continue {pane}");
    control.read_until(|l| l == resumed);
    let output = format!("%extended-output {pane} ");
    control.read_until(|l| l.starts_with(&output));
    env.ok(&["kill-server"]);
    drop(control.finish());
}
