//! The files under `assets/` stay true: the example configuration loads without an
//! error and does in rmux what the same lines do in tmux; the demo app compiles; the
//! README's pictures are drawn from their captures and show what the README says.

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

/// A capture of the README's pictures, as `tmux capture-pane -e` wrote it.
fn picture_capture(scene: &str) -> String {
    let path = repo(&format!("assets/pictures/{scene}.ansi"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of a capture without its escape sequences.
fn plain(capture: &str) -> String {
    let mut out = String::new();
    let mut chars = capture.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\x1b' && chars.peek() == Some(&'[') {
            // A CSI ends at its final byte.
            for f in chars.by_ref().skip(1) {
                if ('@'..='~').contains(&f) {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn each_picture_is_what_render_py_draws_from_its_capture() {
    let dir = repo("assets/pictures");
    let mut captures: Vec<_> = std::fs::read_dir(&dir)
        .expect("assets/pictures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ansi"))
        .collect();
    captures.sort();
    assert!(
        captures.len() >= 2,
        "the split and search captures: {captures:?}"
    );
    for capture in captures {
        let svg = capture.with_extension("svg");
        let committed = std::fs::read_to_string(&svg)
            .unwrap_or_else(|e| panic!("{} (run assets/pictures/make.sh): {e}", svg.display()));
        // Not assert_eq: a page of SVG helps nobody; the file names and the fix do.
        assert!(
            render(&capture) == committed,
            "{} is not what render.py draws from {}: run `assets/pictures/make.sh \
             target/release/rmux` (or render.py alone, after changing only it)",
            svg.display(),
            capture.display()
        );
    }
}

#[test]
fn the_split_picture_shows_the_readme_story() {
    let text = plain(&picture_capture("split"));
    let status = text.lines().last().expect("a status line");
    assert!(
        status.starts_with("[belajar] 0:"),
        "status line: {status:?}"
    );
    assert!(
        text.lines().filter(|l| l.contains('│')).count() > 10,
        "a vertical border between two panes:\n{text}"
    );
    for shown in [
        "Serving Flask app 'assets/demo/app.py'",
        "GET / HTTP/1.1\" 200",
        "curl -s localhost:",
        "Halo! request 2,",
    ] {
        assert!(text.contains(shown), "{shown:?} in:\n{text}");
    }
}

#[test]
fn the_search_picture_highlights_the_word_searched_for() {
    let capture = picture_capture("search");
    // Each match is drawn in a colour or reversed: an SGR just before the word that
    // sets a background (4x, 10x, 48;…) or reverse (7).
    let highlighted = capture
        .match_indices("m404")
        .filter(|(at, _)| {
            let sgr_start = capture[..*at].rfind("\x1b[").expect("an SGR");
            capture[sgr_start + 2..*at].split(';').any(|p| {
                p == "7" || p == "48" || (p.len() == 2 && p.starts_with('4')) || p.starts_with("10")
            })
        })
        .count();
    assert!(highlighted >= 2, "highlighted matches of 404:\n{capture:?}");
    assert!(plain(&capture).contains("results)"), "the search's count");
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
