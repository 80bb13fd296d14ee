//! The command line as scripts use it: tmux's commands, flags and output shapes.

use crate::harness::{Env, PROMPT, eventually};

#[test]
fn detached_sessions_send_keys_and_capture() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "job", "-x", "100", "-y", "30"]);
    env.ok(&[
        "send-keys",
        "-t",
        "job",
        "stty size; echo done-$((6*7))",
        "Enter",
    ]);
    env.wait_capture("job", "stty and echo output", |c| {
        c.lines().any(|l| l == "30 100") && c.lines().any(|l| l == "done-42")
    });
    env.ok(&[
        "new",
        "-d",
        "-s",
        "cmd",
        "-x",
        "40",
        "-y",
        "10",
        "echo from-command; sleep 100",
    ]);
    env.wait_capture("cmd", "the command's output", |c| {
        c.contains("from-command")
    });
    env.ok(&["kill-session", "-t", "cmd"]);
    let ls = env.ok(&["ls"]);
    assert!(ls.starts_with("job: 1 windows (created "), "{ls}");
    assert_eq!(ls.lines().count(), 1, "{ls}");
}

#[test]
fn unnamed_sessions_are_numbered_and_can_be_renamed() {
    let env = Env::new();
    env.ok(&["new", "-d"]);
    env.ok(&["new", "-d"]);
    let names = env.ok(&["ls", "-F", "#{session_name}"]);
    assert_eq!(names, "0\n1\n");
    env.ok(&["rename-session", "-t", "0", "zero"]);
    let out = env.run(&["rename-session", "-t", "1", "zero"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "duplicate session: zero\n"
    );
    // Sorted by name, as tmux lists them.
    assert_eq!(env.ok(&["ls", "-F", "#{session_name}"]), "1\nzero\n");
    // Names that would read as targets are changed as tmux changes them.
    env.ok(&["new", "-d", "-s", "a.b:c"]);
    assert!(env.ok(&["has", "-t", "a_b_c"]).is_empty());
}

#[test]
fn list_commands_print_tmux_shapes() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "shape", "-x", "80", "-y", "24"]);
    let w = env.ok(&["list-windows", "-t", "shape"]);
    assert!(w.starts_with("0: "), "{w}");
    assert!(w.contains("* (1 panes) [80x24] [layout "), "{w}");
    assert!(w.trim_end().ends_with("@0 (active)"), "{w}");
    let p = env.ok(&["list-panes", "-t", "shape"]);
    assert!(p.starts_with("0: [80x24] [history 0/"), "{p}");
    assert!(p.trim_end().ends_with("%0 (active)"), "{p}");
    let d = env.ok(&[
        "display-message",
        "-p",
        "-t",
        "shape",
        "#S:#I.#P #{window_panes}",
    ]);
    assert_eq!(d, "shape:0.0 1\n");
}

#[test]
fn version_and_socket_flags() {
    let env = Env::new();
    let v = env.ok(&["-V"]);
    assert!(v.starts_with("rmux "), "{v}");
    env.ok(&["-L", "other", "new", "-d", "-s", "elsewhere"]);
    assert!(env.ok(&["-L", "other", "ls"]).starts_with("elsewhere:"));
    assert_eq!(env.run(&["ls"]).status.code(), Some(1));
    let path = env.dir.path().join("explicit.sock");
    let p = path.to_str().unwrap();
    env.ok(&["-S", p, "new", "-d", "-s", "bypath"]);
    assert!(env.ok(&["-S", p, "ls"]).starts_with("bypath:"));
    env.ok(&["-S", p, "kill-server"]);
    env.ok(&["-L", "other", "kill-server"]);
}

#[test]
fn config_file_is_read_and_a_missing_one_ignored() {
    let env = Env::new();
    let conf = env.dir.path().join("my.conf");
    std::fs::write(
        &conf,
        "set -g status-left 'CFG '\nset -g history-limit 777\n",
    )
    .unwrap();
    let c = conf.to_str().unwrap();
    env.ok(&["-f", c, "new", "-d", "-s", "conf"]);
    assert_eq!(env.ok(&["show", "-gv", "status-left"]), "CFG \n");
    assert_eq!(env.ok(&["display", "-p", "#{history_limit}"]), "777\n");
    env.ok(&["kill-server"]);
    env.ok(&["-f", "/nonexistent/file.conf", "new", "-d", "-s", "noconf"]);
}

#[test]
fn switch_client_and_kill_session_while_attached() {
    let env = Env::new();
    env.ok(&["new", "-d", "-s", "one"]);
    env.ok(&["new", "-d", "-s", "two"]);
    let mut t = env.spawn(80, 24, &["attach", "-t", "one"]);
    t.wait_bottom("session one in the status line", "[one]");
    env.ok(&["switch-client", "-t", "two"]);
    t.wait_bottom("session two in the status line", "[two]");
    let clients = env.ok(&["list-clients", "-F", "#{client_session}"]);
    assert_eq!(clients, "two\n");
    env.ok(&["kill-session", "-t", "two"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(t.text().contains("[exited]"), "{}", t.text());
    assert!(env.ok(&["ls"]).starts_with("one:"));
}

#[test]
fn detach_client_from_the_command_line() {
    let env = Env::new();
    let mut t = env.spawn(80, 24, &["new", "-s", "away"]);
    t.wait_text(PROMPT);
    env.ok(&["detach-client", "-s", "away"]);
    assert_eq!(t.wait_exit(), 0);
    assert!(t.text().contains("[detached (from session away)]"));
    eventually("the session to stay", || {
        env.ok(&["ls"]).starts_with("away:").then_some(())
    });
}

#[test]
fn racing_clients_start_one_server() {
    let env = Env::new();
    let children: Vec<_> = (0..4)
        .map(|i| {
            let name = format!("race{i}");
            let mut cmd = std::process::Command::new(crate::harness::rmux_bin());
            cmd.args(["new", "-d", "-s", &name])
                .env_clear()
                .envs(env.vars())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for c in children {
        let out = crate::harness::wait_output(c, crate::harness::WAIT);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let names = env.ok(&["ls", "-F", "#{session_name}"]);
    assert_eq!(
        names.lines().count(),
        4,
        "all four sessions in one server: {names}"
    );
    // Servers are the rmux processes of this test that lead their own session (clients
    // run in ours), found by the private socket directory in their environment.
    let marker = format!("RMUX_TMPDIR={}", env.tmpdir().display());
    let servers = std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            let comm = std::fs::read_to_string(e.path().join("comm")).unwrap_or_default();
            let environ = std::fs::read(e.path().join("environ")).unwrap_or_default();
            let stat = std::fs::read_to_string(e.path().join("stat")).unwrap_or_default();
            let leader = crate::harness::stat_fields(&stat)
                .get(3)
                .is_some_and(|sid| e.file_name().to_str() == Some(sid));
            comm.trim() == "rmux"
                && leader
                && environ.split(|b| *b == 0).any(|v| v == marker.as_bytes())
        })
        .count();
    assert_eq!(servers, 1, "more than one server process for one socket");
}

#[test]
fn verbose_server_writes_a_log() {
    let env = Env::new();
    let dir = env.dir.path().join("logs");
    std::fs::create_dir_all(&dir).unwrap();
    let mut cmd = std::process::Command::new(crate::harness::rmux_bin());
    cmd.args(["-v", "new", "-d", "-s", "logged"])
        .env_clear()
        .envs(env.vars())
        .current_dir(&dir);
    assert!(cmd.status().unwrap().success());
    let logs: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(logs.len(), 1, "one log file");
    let name = logs[0].file_name().to_string_lossy().into_owned();
    assert!(
        name.starts_with("rmux-server-") && name.ends_with(".log"),
        "{name}"
    );
    let text = std::fs::read_to_string(logs[0].path()).unwrap();
    assert!(text.contains("server started"), "{text}");
}

#[test]
fn new_session_with_a_start_directory_and_attach_if_exists() {
    let env = Env::new();
    let dir = env.dir.path().join("project");
    std::fs::create_dir_all(&dir).unwrap();
    let d = dir.to_str().unwrap();
    env.ok(&["new", "-d", "-s", "proj", "-c", d, "-n", "editor"]);
    env.wait_capture("proj", "the shell", |c| c.contains(PROMPT));
    env.ok(&["send-keys", "-t", "proj", "pwd", "Enter"]);
    env.wait_capture("proj", "the start directory", |c| c.lines().any(|l| l == d));
    assert_eq!(env.ok(&["lsw", "-t", "proj", "-F", "#W"]), "editor\n");
    // -A attaches to an existing session instead of failing as a duplicate.
    let mut t = env.spawn(80, 24, &["new", "-A", "-s", "proj"]);
    t.wait("the existing session", |ls| {
        ls.iter().any(|l| l == d) && ls.last().is_some_and(|l| l.starts_with("[proj]"))
    });
    t.prefix(b"d");
    assert_eq!(t.wait_exit(), 0);
    assert_eq!(env.ok(&["ls", "-F", "#S"]), "proj\n");
    // start-server with no session: the server does not linger.
    env.ok(&["kill-server"]);
    env.ok(&["start-server"]);
}

#[test]
fn wait_for_channels_order_scripts_as_in_tmux() {
    let env = Env::new();
    let tmux = crate::harness::Tmux::new(&env, "ref");
    env.ok(&["new", "-d", "-s", "w"]);
    tmux.ok(&["new", "-d", "-s", "w"]);
    // A waiter holds on until the signal; the server serves others meanwhile.
    let waiter = std::process::Command::new(crate::harness::rmux_bin())
        .args(["wait-for", "done"])
        .env_clear()
        .envs(env.vars())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    env.ok(&["set-buffer", "-b", "seen", "x"]);
    env.ok(&["wait-for", "-S", "done"]);
    let out = crate::harness::wait_output(waiter, crate::harness::WAIT);
    assert!(out.status.success(), "{out:?}");
    // A signal nobody waited for is kept for the next waiter; errors as tmux's.
    for args in [
        &["wait-for", "-S", "early"][..],
        &["wait-for", "early"],
        &["wait-for", "-L", "lock"],
        &["wait-for", "-U", "lock"],
    ] {
        env.ok(args);
        tmux.ok(args);
    }
    let ours = env.run(&["wait-for", "-U", "lock"]);
    let theirs = tmux.run(&["wait-for", "-U", "lock"]);
    assert_eq!(ours.status.code(), theirs.status.code());
    assert_eq!(ours.stderr, theirs.stderr);
    assert_eq!(
        String::from_utf8_lossy(&ours.stderr),
        "channel lock not locked\n"
    );
}

#[test]
fn clear_history_and_capture_into_a_named_buffer() {
    let env = Env::new();
    env.ok(&[
        "new",
        "-d",
        "-s",
        "h",
        "-x",
        "80",
        "-y",
        "10",
        "seq 1 100; exec cat",
    ]);
    eventually("history", || {
        (env.ok(&["display", "-p", "-t", "h", "#{history_size}"]) != "0\n").then_some(())
    });
    env.ok(&["capture-pane", "-t", "h", "-b", "shot"]);
    assert!(env.ok(&["show-buffer", "-b", "shot"]).contains("100"));
    env.ok(&["clear-history", "-t", "h"]);
    assert_eq!(
        env.ok(&["display", "-p", "-t", "h", "#{history_size}"]),
        "0\n"
    );
    assert!(
        !env.ok(&["capture-pane", "-p", "-S", "-", "-t", "h"])
            .contains("\n1\n")
    );
}

/// Every format variable of tmux 3.3a reads the same in rmux, on the same windows and
/// panes, except what differs by nature (process ids, times, the socket) or by design
/// (history_limit's default and history_bytes, which README explains).
#[test]
fn every_tmux_format_variable_expands_as_in_tmux() {
    let env = Env::new();
    let tmux = crate::harness::Tmux::new(&env, "ref");
    let names: Vec<&str> = include_str!("../../crates/server/src/format_variables.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect();
    let differ_by_nature = [
        "pid",
        "pane_pid",
        "socket_path",
        "history_limit",
        "history_bytes",
        "history_all_bytes",
        "pane_tty",
        "start_time",
        "session_created",
        "session_activity",
        "window_activity",
        "pane_current_path",
        "pane_start_path",
        "session_path",
    ];
    env.ok(&["-f", "/dev/null", "start-server"]);
    for args in [
        &["new", "-d", "-s", "s0", "-x", "80", "-y", "24"][..],
        &["new-window", "-t", "s0"],
        &["split-window", "-t", "s0"],
        &["select-window", "-t", "s0:0"],
    ] {
        env.ok(args);
        tmux.ok(args);
    }
    let format: String = names
        .iter()
        .map(|n| format!("{n}=#{{{n}}}"))
        .collect::<Vec<_>>()
        .join("\t");
    let read = |out: String| -> Vec<String> {
        out.trim_end_matches('\n')
            .split('\t')
            .map(str::to_string)
            .collect()
    };
    let differences = |ours: &[String], theirs: &[String]| -> Vec<String> {
        ours.iter()
            .zip(theirs)
            .filter(|(a, b)| a != b)
            .filter(|(a, _)| {
                let name = a.split('=').next().unwrap_or_default();
                !differ_by_nature.contains(&name)
            })
            .map(|(a, b)| format!("rmux {a:?} tmux {b:?}"))
            .collect()
    };
    // The shells must be up in both and have drawn their prompts (pane_current_command,
    // cursor_x, ...): compare until they agree or the time is up.
    let deadline = std::time::Instant::now() + crate::harness::WAIT;
    let differences = loop {
        let ours = read(env.ok(&["display", "-p", "-t", "s0:1.1", &format]));
        let theirs = read(tmux.ok(&["display", "-p", "-t", "s0:1.1", &format]));
        assert_eq!(ours.len(), names.len());
        let found = differences(&ours, &theirs);
        if found.is_empty() || std::time::Instant::now() > deadline {
            break found;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}

/// The flags a usage string names: `[-abc]`, `[-t target]`, `[-L|-S|-U]`.
fn usage_flags(usage: &str) -> std::collections::BTreeSet<char> {
    let mut flags = std::collections::BTreeSet::new();
    for group in usage.split('[').skip(1) {
        let group = group.split(']').next().unwrap_or_default();
        if !group.starts_with('-') {
            continue;
        }
        if group.contains(' ') {
            flags.extend(group.chars().nth(1));
        } else {
            for part in group.split('|') {
                flags.extend(part.trim_start_matches('-').chars());
            }
        }
    }
    flags
}

/// Every command of `tmux list-commands` exists in rmux under the same name and alias,
/// taking every flag tmux's takes (rmux may take more: some of tmux 3.4's).
#[test]
fn every_tmux_command_exists_with_its_flags() {
    let env = Env::new();
    let tmux = crate::harness::Tmux::new(&env, "ref");
    let format = "#{command_list_name}|#{command_list_alias}|#{command_list_usage}";
    let table = |out: String| -> std::collections::BTreeMap<String, (String, String)> {
        out.lines()
            .filter_map(|l| {
                let mut f = l.splitn(3, '|');
                Some((
                    f.next()?.to_string(),
                    (f.next()?.to_string(), f.next()?.to_string()),
                ))
            })
            .collect()
    };
    let theirs = table(tmux.ok(&["start-server", ";", "list-commands", "-F", format]));
    let ours = table(env.ok(&["list-commands", "-F", format]));
    assert!(theirs.len() >= 90, "{theirs:?}");
    let mut problems = Vec::new();
    for (name, (alias, usage)) in &theirs {
        let Some((our_alias, our_usage)) = ours.get(name) else {
            problems.push(format!("{name}: missing"));
            continue;
        };
        if alias != our_alias {
            problems.push(format!("{name}: alias {our_alias:?}, tmux {alias:?}"));
        }
        let missing: String = usage_flags(usage)
            .difference(&usage_flags(our_usage))
            .filter(|f| !(name == "refresh-client" && matches!(f, 'A' | 'B')))
            .collect();
        if !missing.is_empty() {
            problems.push(format!("{name}: lacks -{missing}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every default key binding of tmux is made the same way in rmux: `list-keys` prints
/// the same lines (tmux's order, names, quoting and blocks).
#[test]
fn every_tmux_default_key_is_bound_the_same_way() {
    let env = Env::new();
    let tmux = crate::harness::Tmux::new(&env, "ref");
    let squeeze = |out: String| -> Vec<String> {
        out.lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    };
    let theirs = squeeze(tmux.ok(&["list-keys"]));
    let ours = squeeze(env.ok(&["-f", "/dev/null", "list-keys"]));
    assert_eq!(theirs.len(), 255);
    // The bindings whose command rmux lacks: `bind-key [-r] -T table key command …`.
    let expected: Vec<&String> = theirs.iter().collect();
    let ours: Vec<&String> = ours.iter().collect();
    assert_eq!(ours, expected);
    // One table alone prints exactly as tmux prints it, padding included.
    let exact = |out: String| out.lines().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        exact(env.ok(&["list-keys", "-T", "prefix"])),
        exact(tmux.ok(&["list-keys", "-T", "prefix"]))
    );
}

/// set-environment -F/-h, show-environment of hidden variables, new-window -e and
/// split-window -Z behave as in tmux.
#[test]
fn environment_flags_and_pane_variables_as_in_tmux() {
    let env = Env::new();
    let tmux = crate::harness::Tmux::new(&env, "ref");
    let both = |args: &[&str]| -> (String, String) {
        let ours = env.run(args);
        let theirs = tmux.run(args);
        assert_eq!(ours.status.code(), theirs.status.code(), "{args:?}");
        (
            String::from_utf8_lossy(&ours.stdout).into_owned(),
            String::from_utf8_lossy(&theirs.stdout).into_owned(),
        )
    };
    for args in [
        &["new", "-d", "-s", "s", "-x", "80", "-y", "24"][..],
        &["set-environment", "-F", "FMT", "#{session_name}-x"],
        &["set-environment", "-h", "HID", "secret"],
        &["set-environment", "-gh", "GHID", "gsecret"],
        &["show-environment", "FMT"],
        &["show-environment", "-h"],
        &["show-environment", "-gh"],
        &["show-environment", "HID"],
        &[
            "new-window",
            "-d",
            "-e",
            "FOO=bar",
            "-e",
            "BAZ=qux",
            "-t",
            "s",
            "echo $FOO-$BAZ-$HID-end; exec cat",
        ],
        &["split-window", "-Z", "-t", "s:0"],
        &[
            "display",
            "-p",
            "-t",
            "s:0",
            "#{window_zoomed_flag} #{window_panes}",
        ],
    ] {
        let (ours, theirs) = both(args);
        assert_eq!(ours, theirs, "{args:?}");
    }
    let shown = |t: &dyn Fn() -> String| {
        eventually("the new window's variables", || {
            let text = t();
            text.contains("-end").then_some(text)
        })
    };
    let ours = shown(&|| env.ok(&["capture-pane", "-p", "-t", "s:1"]));
    let theirs = shown(&|| tmux.ok(&["capture-pane", "-p", "-t", "s:1"]));
    assert_eq!(ours.lines().next(), Some("bar-qux--end"));
    assert_eq!(ours.lines().next(), theirs.lines().next());
}

/// server-access, as tmux 3.3: another user is refused with tmux's message until added,
/// then lets in, then refused again once removed. Needs root (to be another user).
#[test]
fn server_access_lets_another_user_in_and_out() {
    use std::process::Command;
    if crate::harness::current_uid() != 0 {
        eprintln!("SKIPPED: server_access_lets_another_user_in_and_out runs only as root");
        return;
    }
    let env = Env::new();
    // A socket the other user can reach: a world-readable directory, a writable socket.
    let shared = env.tmpdir().join("shared");
    std::fs::create_dir_all(&shared).expect("shared dir");
    let mode = |p: &std::path::Path, m: u32| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(m)).expect("chmod");
    };
    let root = env.tmpdir().parent().expect("test root").to_path_buf();
    for dir in [&root, &env.tmpdir(), &shared] {
        mode(dir, 0o755);
    }
    let socket = shared.join("s");
    let socket = socket.to_str().expect("utf-8 path");
    env.ok(&["-S", socket, "new", "-d", "-s", "shared"]);
    mode(std::path::Path::new(socket), 0o777);
    let as_nobody = || {
        let child = Command::new("runuser")
            .args([
                "-u",
                "nobody",
                "--",
                crate::harness::rmux_bin(),
                "-S",
                socket,
            ])
            .arg("ls")
            .env_clear()
            .env("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("runuser");
        crate::harness::wait_output(child, crate::harness::WAIT)
    };
    let refused = as_nobody();
    assert!(!refused.status.success());
    assert_eq!(
        String::from_utf8_lossy(&refused.stderr),
        "access not allowed\n"
    );
    env.ok(&["-S", socket, "server-access", "-a", "nobody"]);
    assert_eq!(
        env.ok(&["-S", socket, "server-access", "-l"]),
        "nobody (W)\n"
    );
    let allowed = as_nobody();
    assert!(allowed.status.success(), "{allowed:?}");
    assert!(String::from_utf8_lossy(&allowed.stdout).starts_with("shared: 1 windows"));
    env.ok(&["-S", socket, "server-access", "-d", "nobody"]);
    assert!(!as_nobody().status.success());
    env.ok(&["-S", socket, "kill-server"]);
}
