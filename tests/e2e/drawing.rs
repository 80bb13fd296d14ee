//! What the user's terminal shows, read by a terminal that is not rmux: rmux's client
//! runs in a tmux pane, and tmux's `capture-pane -e` reports every cell it was drawn,
//! with its attributes. The same bytes printed straight into a tmux pane are the
//! reference: through rmux, the outer terminal must show exactly that.

use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::harness::{Env, eventually, require_tmux, rmux_bin, wait_output};

/// A tmux server on a private socket, its one pane running `command`.
struct Outer {
    socket: PathBuf,
    vars: Vec<(String, String)>,
}

impl Outer {
    fn start(env: &Env, name: &str, command: &str, extra: &[(&str, &str)]) -> Outer {
        let socket = env.dir.path().join(format!("{name}.sock"));
        let mut vars = env.vars();
        vars.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        let outer = Outer { socket, vars };
        outer.tmux(&[
            "-f",
            "/dev/null",
            "new",
            "-d",
            "-x",
            "100",
            "-y",
            "30",
            command,
        ]);
        outer
    }

    fn tmux(&self, args: &[&str]) -> String {
        let mut cmd = Command::new("tmux");
        cmd.arg("-S")
            .arg(&self.socket)
            .args(args)
            .env_clear()
            .envs(self.vars.iter().cloned())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let out = wait_output(cmd.spawn().expect("run tmux"), Duration::from_secs(10));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// The pane's cells as tmux shows them, attributes as SGR.
    fn capture(&self) -> String {
        self.tmux(&["capture-pane", "-e", "-p"])
    }

    fn capture_plain(&self) -> String {
        self.tmux(&["capture-pane", "-p"])
    }

    /// Wait until the pane shows `needle`; the `-e` capture at that moment.
    fn wait_for(&self, needle: &str) -> String {
        eventually(&format!("{needle:?} on the outer terminal"), || {
            self.capture_plain()
                .contains(needle)
                .then(|| self.capture())
        })
    }
}

impl Drop for Outer {
    fn drop(&mut self) {
        self.tmux(&["kill-server"]);
    }
}

/// rmux attached in a tmux pane, its terminal described by `vars`.
fn rmux_in_tmux(env: &Env, vars: &str) -> Outer {
    let command = format!("env {vars} {} new -s t", rmux_bin());
    let outer = Outer::start(env, "outer", &command, &[]);
    outer.wait_for("IN$");
    outer
}

/// The line of `capture` holding `label`, from the label on, without the SGR tmux
/// appends after the last character (it changes no cell).
fn line_of<'a>(capture: &'a str, label: &str) -> &'a str {
    let line = capture
        .lines()
        .find_map(|l| l.find(label).map(|i| &l[i..]))
        .unwrap_or("");
    without_trailing_sgr(line)
}

/// The whole line holding `needle`, without trailing SGR.
fn whole_line<'a>(capture: &'a str, needle: &str) -> &'a str {
    without_trailing_sgr(capture.lines().find(|l| l.contains(needle)).unwrap_or(""))
}

fn without_trailing_sgr(mut line: &str) -> &str {
    while let Some(start) = line.rfind('\x1b')
        && line[start..].ends_with('m')
        && !line[start..].contains(|c: char| c != '\x1b' && !"[;:0123456789m".contains(c))
    {
        line = &line[..start];
    }
    line
}

#[test]
fn styled_text_drawn_over_with_plain_text_is_plain_on_the_outer_terminal() {
    require_tmux();
    let env = Env::new();
    let outer = rmux_in_tmux(&env, "-u TMUX TERM=xterm-256color COLORTERM=truecolor");
    env.ok(&[
        "send-keys",
        "-t",
        "t",
        r"clear; printf '\e[1;3;4;7;9mABCDEFGHIJ\e[0m'; sleep 0.4; printf '\rabc''defghij\n'",
        "Enter",
    ]);
    let shown = outer.wait_for("abcdefghij");
    let line = whole_line(&shown, "abcdefghij");
    assert_eq!(
        line, "abcdefghij",
        "the outer terminal kept attributes:\n{shown}"
    );
    // A styled screen cleared and drawn again plain.
    env.ok(&[
        "send-keys",
        "-t",
        "t",
        r"printf '\e[41;1;5;53;4:3mSTY''LED\e[m'; sleep 0.3; clear; echo plain-''after-clear",
        "Enter",
    ]);
    let shown = outer.wait_for("plain-after-clear\n");
    assert!(!shown.contains("STYLED"), "{shown}");
    assert_eq!(
        whole_line(&shown, "plain-after-clear"),
        "plain-after-clear",
        "{shown}"
    );
}

/// Each attribute and colour, one per line, printed by a script.
const ATTRIBUTES: &str = r#"for a in 1 2 3 4 4:2 4:3 4:4 4:5 5 7 8 9 53 31 91 101 38:5:196 38:5:244 38:2:255:128:0 48:2:10:20:200 '4:3;58:2::255:0:0'; do printf 'attr %s: \e[%smXX\e[m\n' "$a" "$a"; done; echo end-of-attributes"#;

#[test]
fn every_attribute_reaches_the_outer_terminal_as_tmux_shows_it() {
    require_tmux();
    let env = Env::new();
    std::fs::write(env.home().join("attrs.sh"), ATTRIBUTES).expect("script");
    // The reference: the script straight in a tmux pane.
    let direct = Outer::start(&env, "direct", "bash --norc", &[]);
    direct.tmux(&["send-keys", "clear; bash ~/attrs.sh", "Enter"]);
    let want = direct.wait_for("end-of-attributes\n");
    // Through rmux, in a tmux pane (the outer terminal answers as tmux: everything).
    let outer = rmux_in_tmux(&env, "TERM=tmux-256color");
    env.ok(&["send-keys", "-t", "t", "clear; bash ~/attrs.sh", "Enter"]);
    let got = outer.wait_for("end-of-attributes\n");
    for line in want.lines().filter(|l| l.contains("attr ")) {
        let label = &line[line.find("attr ").unwrap_or(0)..];
        let label = &label[..label.find(':').unwrap_or(0) + 1];
        assert_eq!(
            line_of(&got, label),
            line_of(&want, label),
            "{label} through rmux differs from tmux"
        );
    }
}

#[test]
fn a_256_colour_terminal_gets_the_nearest_colours_as_in_tmux() {
    require_tmux();
    let env = Env::new();
    std::fs::write(env.home().join("attrs.sh"), ATTRIBUTES).expect("script");
    let outer = rmux_in_tmux(&env, "-u TMUX -u COLORTERM TERM=xterm-256color");
    env.ok(&["send-keys", "-t", "t", "clear; bash ~/attrs.sh", "Enter"]);
    let got = outer.wait_for("end-of-attributes\n");
    // tmux 3.3a on xterm-256color: 24-bit colour to the nearest of 256, underline styles
    // to a plain underline, underline colour and overline dropped.
    let cases = [
        ("attr 38:2:255:128:0:", "38;5;208m"),
        ("attr 48:2:10:20:200:", "48;5;20m"),
        ("attr 4:3:", "\x1b[4mXX"),
    ];
    for (label, sgr) in cases {
        let line = line_of(&got, label);
        assert!(
            line.contains(sgr),
            "{label} shown as {line:?}, want {sgr:?}"
        );
    }
    let overline = line_of(&got, "attr 53:");
    assert_eq!(overline, "attr 53: XX", "overline kept");
}
