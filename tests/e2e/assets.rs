//! The files under `assets/` stay true: the example configuration loads without an
//! error and does in rmux what the same lines do in tmux; the demo app compiles.

use crate::harness::{Env, Tmux};

fn repo(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn the_example_config_loads_and_means_what_it_means_in_tmux() {
    let env = Env::new();
    let conf = repo("assets/rmux.conf");
    let text = std::fs::read_to_string(&conf).expect("assets/rmux.conf");
    // Everything but rmux's own lines, for tmux.
    let tmux_conf = env.dir.path().join("for-tmux.conf");
    let shared: String = text
        .lines()
        .filter(|l| !l.starts_with("set -g restart"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&tmux_conf, shared).expect("write");
    let conf = conf.display().to_string();
    let ours = env.run(&["-f", &conf, "new", "-d", "-s", "c", "-x", "80", "-y", "24"]);
    assert!(
        ours.status.success() && ours.stderr.is_empty(),
        "rmux: {}",
        String::from_utf8_lossy(&ours.stderr)
    );
    let tmux = Tmux::new(&env, "ref");
    let theirs = tmux.run(&[
        "source-file",
        &tmux_conf.display().to_string(),
        ";",
        "new",
        "-d",
        "-s",
        "c",
        "-x",
        "80",
        "-y",
        "24",
    ]);
    // tmux has no server yet for source-file alone: start one, then load.
    if !theirs.status.success() {
        tmux.ok(&["new", "-d", "-s", "c", "-x", "80", "-y", "24"]);
        tmux.ok(&["source-file", &tmux_conf.display().to_string()]);
    }
    for listing in [
        &["show", "-g", "mouse"][..],
        &["show", "-g", "base-index"],
        &["show", "-gw", "pane-base-index"],
        &["show", "-gw", "mode-keys"],
        &["show", "-g", "history-limit"],
        &["show", "-g", "status-style"],
        &["show", "-g", "status-right"],
        &["list-keys", "-T", "copy-mode-vi", "v"],
        &["list-keys", "-T", "prefix", "|"],
        &["list-keys", "-T", "prefix", "r"],
    ] {
        assert_eq!(
            env.ok(listing),
            tmux.ok(listing),
            "{listing:?} (rmux left, tmux right)"
        );
    }
    assert_eq!(env.ok(&["show", "-gv", "restart-max-delay"]), "30\n");
}

#[test]
fn the_demo_app_compiles() {
    let app = repo("assets/demo/app.py");
    let out = std::process::Command::new("python3")
        .args(["-m", "py_compile"])
        .arg(&app)
        .env(
            "PYTHONPYCACHEPREFIX",
            std::env::temp_dir().join("rmux-pycache"),
        )
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
