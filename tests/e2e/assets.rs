//! The files under `assets/` stay true: the example configuration loads without an
//! error and does in rmux what the same lines do in tmux; the demo app compiles; the
//! pictures' renderer draws what a capture says.

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

/// `python3 assets/pictures/render.py <capture>`: the SVG it draws.
fn render(capture: &std::path::Path) -> String {
    let out = std::process::Command::new("python3")
        .arg(repo("assets/pictures/render.py"))
        .arg(capture)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "render.py {}: {}",
        capture.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("render.py writes UTF-8")
}

#[test]
fn render_py_draws_bold_256_and_rgb_colours() {
    let dir = tempfile::tempdir().expect("temporary directory");
    let capture = dir.path().join("styles.ansi");
    std::fs::write(
        &capture,
        "a \x1b[1mbold\x1b[0m \x1b[38;5;196mred\x1b[0m \x1b[38;2;1;2;3mrgb\x1b[0m \
         \x1b[48;5;22mbg\x1b[0m\n",
    )
    .expect("write");
    let svg = render(&capture);
    for drawn in [
        r##"font-weight="bold">bold<"##,
        r##"fill="#ff0000">red<"##,
        r##"fill="#010203">rgb<"##,
        r##"fill="#005f00"/>"##,
    ] {
        assert!(svg.contains(drawn), "{drawn} in:\n{svg}");
    }
    assert_eq!(render(&capture), svg, "the same capture, the same picture");
}
