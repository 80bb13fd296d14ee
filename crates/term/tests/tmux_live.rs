//! Differential test against a live tmux: the same bytes go into a detached
//! tmux pane and into a `Terminal`; `capture-pane -p -e` (screen and
//! history) and the cursor position must agree. Prints one line per case and
//! the number of matches. Skipped, with a note, when tmux is not installed.
//! Differences are asserted only against tmux 3.3a, the reference version.

// Test helpers may fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use rmux_term::{CaptureOptions, Size, Terminal};

struct Case {
    name: &'static str,
    bytes: Vec<u8>,
    cols: u16,
    rows: u16,
    /// Sizes to resize to, in order, after the bytes are in.
    resizes: Vec<(u16, u16)>,
}

fn case(name: &'static str, s: &str, cols: u16, rows: u16) -> Case {
    Case {
        name,
        bytes: s.as_bytes().to_vec(),
        cols,
        rows,
        resizes: Vec::new(),
    }
}

fn resized(name: &'static str, s: &str, cols: u16, rows: u16, to: &[(u16, u16)]) -> Case {
    Case {
        resizes: to.to_vec(),
        ..case(name, s, cols, rows)
    }
}

fn lines(n: usize, width: usize) -> String {
    (0..n)
        .map(|i| format!("{i:03}{}\n", "x".repeat(width.saturating_sub(3))))
        .collect()
}

fn cases() -> Vec<Case> {
    let mut v = vec![
        case("print-plain", "hello world", 20, 5),
        case("wrap-pending", "abcdefghij", 10, 4),
        case("wrap-pending-then-cr", "abcdefghij\rX", 10, 4),
        case("wrap-pending-cub", "abcdefghij\x1b[DX", 10, 4),
        case("wrap-pending-bs", "abcdefghij\x08X", 10, 4),
        case("wrap-pending-ech", "abcdefghij\x1b[X\x1b[@\x1b[PY", 10, 4),
        case(
            "wrap-pending-el",
            "abcdefghij\x1b[KZ\x1b[2;1Habcdefghij\x1b[1KY",
            10,
            4,
        ),
        case("wrap-long-line", &"0123456789".repeat(5), 10, 4),
        case("bs-across-wrap", "abcdefghijk\x08\x08X", 10, 4),
        case("wide-at-edge", "abcdefghi日X", 10, 4),
        case("wide-overwrite-left", "日本\r\x1b[CX", 10, 4),
        case("wide-overwrite-right", "日本\rX", 10, 4),
        case("wide-dch", "日本語\r\x1b[C\x1b[P", 10, 4),
        case("wide-ich", "日本語\r\x1b[3C\x1b[@", 10, 4),
        case("wide-ech-half", "日本語\r\x1b[C\x1b[X", 10, 4),
        case("wide-insert-mode", "abcdefgh\r\x1b[4h日\x1b[4l", 10, 4),
        case("combining", "e\u{301}a\u{300}\u{316}x", 10, 4),
        case("combining-after-wrap", "abcdefghij\u{301}X", 10, 4),
        case("emoji-zwj", "\u{1F468}\u{200D}\u{1F469}X", 10, 4),
        case("emoji-vs16", "\u{2764}\u{FE0F}X", 10, 4),
        case("cjk-wrap", &"日本語".repeat(5), 10, 4),
        case("tabs", "a\tb\tc\td", 30, 4),
        case("tab-at-pending-wrap", "abcdefg\tX", 7, 3),
        case("tab-stops-set", "\x1b[3g\x1b[5G\x1bH\r\tX\tY", 20, 4),
        case("cht-cbt", "\x1b[2IX\x1b[ZY", 40, 4),
        case("cup-clamp", "\x1b[99;99HX\x1b[0;0HY", 10, 4),
        case(
            "pending-wrap-then-moves",
            "abcdefg\x1b[AX\x1b[2;1Habcdefg\x1b[BY\x1b[4;1Habcdefg\x1b[CZ\x1b[5;1Habcdefg\x1b[0AW\x1b[6;1Habcdefg\x1b[6GV",
            7,
            8,
        ),
        case(
            "cuu-below-region",
            "\x1b[4;5r\x1b[6;1H\x1b[3FA\x1b[1;1H\x1b[9BB",
            13,
            6,
        ),
        case("cuu-cud-clamp", "\x1b[3;3H\x1b[9AX\x1b[9BY", 10, 4),
        case("cnl-cpl", "\x1b[3;5H\x1b[EA\x1b[2FB", 10, 5),
        case("hpa-vpa", "\x1b[5`A\x1b[3dB\x1b[2aC\x1b[eD", 10, 5),
        case("decsc-charset", "\x1b(0\x1b7\x1b(Bq\x1b8q", 10, 4),
        case("csi-s-u", "ab\x1b[s\x1b[3;3Hcd\x1b[uef", 10, 4),
        case(
            "origin-mode",
            "\x1b[2;4r\x1b[?6h\x1b[1;1HA\x1b[9;1HB\x1b[?6l\x1b[1;1HC",
            10,
            6,
        ),
        case(
            "stbm-ri-top",
            "1\n2\n3\n4\x1b[2;3r\x1b[2;1H\x1bMX\x1b[r",
            10,
            5,
        ),
        case(
            "stbm-history",
            "11111\n22222\n33333\n44444\n55555\x1b[2;4r\x1b[4;1H\nX\nY\x1b[r",
            10,
            5,
        ),
        case("su-sd", "1\n2\n3\n4\x1b[2S\x1b[1T", 10, 5),
        case("su-region", "1\n2\n3\n4\n5\x1b[2;4r\x1b[2S\x1b[r", 10, 5),
        case(
            "il-dl-outside-region",
            "1\n2\n3\n4\n5\x1b[2;3r\x1b[5;1H\x1b[L\x1b[1;1H\x1b[M\x1b[r",
            10,
            5,
        ),
        case("il-moves-to-col0", "abc\x1b[1;3H\x1b[LX", 10, 4),
        case(
            "ed0-ed1",
            "aaaa\nbbbb\ncccc\x1b[2;2H\x1b[1J\x1b[3;3H\x1b[0J",
            10,
            4,
        ),
        case("ed2-scroll-on-clear", "one\ntwo\x1b[2Jthree", 10, 4),
        case("ed3", "1\n2\n3\n4\n5\n6\x1b[3J", 10, 3),
        case("el-bce", "\x1b[41mab\x1b[K\x1b[m\nx\x1b[44m\x1b[1K", 10, 4),
        case("ech-bce", "abcdef\r\x1b[42m\x1b[3X\x1b[m", 10, 4),
        case("rep", "ab\x1b[3b\x1b[b", 10, 4),
        case("rep-wide", "日\x1b[2b", 10, 4),
        case("decaln", "\x1b#8", 5, 3),
        case("insert-mode", "abcdef\r\x1b[4hXY\x1b[4l", 10, 4),
        case("autowrap-off", "\x1b[?7labcdefghijklm\x1b[?7h", 10, 4),
        case("lnm", "\x1b[20habc\ndef\x1b[20l", 10, 4),
        case("ind-nel-ri", "a\x1bDb\x1bEc\x1bMd", 10, 4),
        case("vt-ff", "a\x0bb\x0cc", 10, 4),
        case(
            "pending-wrap-survives-lf",
            "abcdef\x0bX\x1b[2;1Hghijkl\x1bDY\x1b[5;1Hmnopqr\x1bMZ",
            6,
            6,
        ),
        case("ris", "abc\x1b[31m\x1bcX", 10, 4),
        case("decstr", "\x1b[31m\x1b[2;3r\x1b[!pX", 10, 4),
        case(
            "sgr-16",
            "\x1b[31mA\x1b[91mB\x1b[41mC\x1b[101mD\x1b[39;49mE",
            20,
            3,
        ),
        case(
            "sgr-256-vs-16",
            "\x1b[38;5;1mA\x1b[31mB\x1b[48;5;9mC\x1b[101mD",
            20,
            3,
        ),
        case(
            "sgr-colon-rgb",
            "\x1b[38:2:1:2:3mA\x1b[48:2::4:5:6mB\x1b[38:5:200mC",
            20,
            3,
        ),
        case(
            "sgr-attrs",
            "\x1b[1;2;3;4;5;7;8;9mA\x1b[22mB\x1b[23;24mC\x1b[25;27;28;29mD",
            20,
            3,
        ),
        case(
            "sgr-underline-styles",
            "\x1b[4:1mA\x1b[4:2mB\x1b[4:3mC\x1b[4:4mD\x1b[4:5mE\x1b[4:0mF",
            20,
            3,
        ),
        case(
            "sgr-underline-color",
            "\x1b[4;58;5;3mA\x1b[58:2::9:8:7mB\x1b[59mC\x1b[24mD",
            20,
            3,
        ),
        case("sgr-overline", "\x1b[53mA\x1b[55mB", 20, 3),
        case(
            "sgr-reset-empty",
            "\x1b[1;31mA\x1b[mB\x1b[1m\x1b[0mC",
            20,
            3,
        ),
        case(
            "sgr-bad-params",
            "\x1b[38;5mA\x1b[38;2;1mB\x1b[38;5;300mC\x1b[99mD",
            20,
            3,
        ),
        case("sgr-across-lines", "\x1b[32mab\ncd\x1b[m", 20, 3),
        case("sgr-trailing-bg", "ab\x1b[44m  \x1b[m", 20, 3),
        case("acs", "\x1b(0lqk\x1b(B \x0e\x1b)0x\x0fy", 20, 3),
        case("osc-title", "\x1b]2;title\x07\x1b]0;t2\x1b\\X", 20, 3),
        case(
            "osc-hyperlink",
            "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ plain",
            20,
            3,
        ),
        case("osc-unterminated-cancel", "a\x1b]2;abc\x18b", 20, 3),
        case("dcs-ignored", "a\x1bP1$tq\x1b\\b", 20, 3),
        case(
            "apc-pm-sos",
            "a\x1b_x\x1b\\b\x1b^y\x1b\\c\x1bXz\x1b\\d",
            20,
            3,
        ),
        case("csi-private-unknown", "a\x1b[?999hb\x1b[>1;2xc", 20, 3),
        case("c0-ignored", "a\x00b\x01c\x7fd", 20, 3),
        case("can-aborts-csi", "a\x1b[3\x18Xb", 20, 3),
        case("esc-in-csi", "a\x1b[3\x1b[CX", 20, 3),
        case("alt-47", "main\x1b[?47halt\x1b[?47lX", 10, 4),
        case("alt-1047", "main\x1b[?1047halt\x1b[?1047lX", 10, 4),
        case(
            "alt-1049-cursor",
            "main\x1b[2;3H\x1b[?1049h\x1b[4;4Halt\x1b[?1049lX",
            10,
            4,
        ),
        case("alt-stays-alt", "main\x1b[?1049halt", 10, 4),
        case(
            "alt-no-history",
            "\x1b[?1049h1\n2\n3\n4\n5\n6\x1b[?1049l",
            10,
            3,
        ),
        case("history-scroll", &lines(30, 8), 10, 5),
        case("history-wrapped", &lines(12, 25), 10, 5),
        case(
            "history-colored",
            &"\x1b[31mred\x1b[m plain\n".repeat(8),
            10,
            3,
        ),
        case("malformed-utf8", "a\u{0}\x1b[m\u{7f}", 10, 3),
    ];
    let text =
        "first line that is long enough to wrap\nsecond\n\x1b[31mred text here\x1b[m and more\n$ ";
    v.extend([
        resized("resize-narrower", text, 30, 6, &[(12, 6)]),
        resized("resize-wider", text, 12, 6, &[(30, 6)]),
        resized("resize-narrow-wide", text, 30, 6, &[(9, 6), (25, 6)]),
        resized("resize-shorter", text, 30, 6, &[(30, 3)]),
        resized("resize-taller", &lines(10, 8), 10, 4, &[(10, 8)]),
        resized("resize-both", &lines(10, 25), 30, 5, &[(12, 8), (40, 3)]),
        resized(
            "resize-cursor-mid",
            "abcdefghijklmnopqrstuvwxyz\x1b[1;5H",
            10,
            5,
            &[(20, 5)],
        ),
        resized(
            "resize-wide-chars",
            "日本語のテキストです\n",
            12,
            4,
            &[(7, 4), (13, 4)],
        ),
        resized(
            "resize-alt",
            "main text\x1b[?1049halt text",
            20,
            4,
            &[(5, 4)],
        ),
        resized(
            "resize-alt-back",
            "main text here\x1b[?1049halt\x1b[?1049l",
            20,
            4,
            &[(5, 4)],
        ),
    ]);
    v.push(Case {
        bytes: b"a\xff\xc3b\xe6\x97c\xf0\x9f\x98d\xed\xa0\x80e".to_vec(),
        ..case("malformed-utf8-bytes", "", 20, 3)
    });
    v.push(Case {
        bytes: b"a\x84b\x9bc\xc2\x85d".to_vec(),
        ..case("c1-bytes", "", 20, 3)
    });
    v
}

/// Cases where rmux differs from tmux 3.3a on purpose, and why.
const KNOWN: &[(&str, &str)] = &[
    (
        "osc-hyperlink",
        "tmux 3.3a drops OSC 8; rmux keeps links and writes them back in capture -e as tmux 3.4 does",
    ),
    (
        "wide-overwrite-left",
        "tmux 3.3a leaves a wide character whole when its right half is overwritten; rmux blanks \
         it (as xterm does) so a two-column cell is always followed by its right half",
    ),
    (
        "wide-dch",
        "same: DCH starting on the right half of a wide character",
    ),
    (
        "wide-ich",
        "same: ICH starting on the right half of a wide character",
    ),
    (
        "wide-ech-half",
        "same: ECH starting on the right half of a wide character",
    ),
    (
        "cht-cbt",
        "tmux 3.3a ignores CHT (CSI I); rmux implements it as xterm does, as the issue asks",
    ),
    (
        "decstr",
        "tmux 3.3a ignores DECSTR (CSI ! p); rmux does the soft reset, as the issue asks",
    ),
    (
        "malformed-utf8-bytes",
        "tmux 3.3a drops malformed UTF-8; rmux shows one U+FFFD per bad sequence like tmux 3.4+ \
         (tmux's own regress test expects that)",
    ),
    (
        "c1-bytes",
        "same: a stray byte that cannot start UTF-8 shows as U+FFFD",
    ),
    (
        "resize-alt",
        "tmux 3.3a reflows the main screen only when the alternate screen is left; rmux reflows \
         it at once, so lines pushed into the history show up earlier (screens are the same)",
    ),
    (
        "il-dl-outside-region",
        "IL on the last row outside the scroll region: tmux 3.3a's line move has nothing to move \
         and never clears the row; rmux blanks it as an insertion must",
    ),
];

struct Tmux {
    socket: String,
    dir: PathBuf,
}

impl Tmux {
    fn cmd(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .env_remove("TMUX")
            .env("TMUX_TMPDIR", &self.dir)
            .args(["-L", &self.socket, "-f", "/dev/null"])
            .args(args)
            .output()
            .expect("run tmux")
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.cmd(&["kill-server"]);
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn onlcr(b: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(b.len());
    for &c in b {
        if c == b'\n' {
            out.push(b'\r');
        }
        out.push(c);
    }
    out
}

fn wait_for(path: &Path) -> bool {
    let end = Instant::now() + Duration::from_secs(10);
    while Instant::now() < end {
        if path.exists() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

struct Result {
    screen: String,
    history: String,
    cursor: (u16, u16),
}

fn ours(c: &Case) -> Result {
    let mut t = Terminal::new(
        Size {
            cols: c.cols,
            rows: c.rows,
        },
        2000,
    );
    t.feed(&onlcr(&c.bytes));
    for &(cols, rows) in &c.resizes {
        t.resize(Size { cols, rows });
    }
    let cur = t.cursor();
    Result {
        screen: t.capture(&CaptureOptions {
            escapes: true,
            ..Default::default()
        }),
        history: t.capture(&CaptureOptions {
            escapes: true,
            start: Some(i64::MIN),
            ..Default::default()
        }),
        cursor: (cur.col, cur.row),
    }
}

fn theirs(tmux: &Tmux, c: &Case, i: usize) -> Result {
    let input = tmux.dir.join(format!("{i}.bin"));
    let done = tmux.dir.join(format!("{i}.done"));
    std::fs::write(&input, &c.bytes).unwrap();
    let session = format!("c{i}");
    let shell = format!(
        "cat '{}'; touch '{}'; exec sleep 600",
        input.display(),
        done.display()
    );
    let (cols, rows) = (c.cols.to_string(), c.rows.to_string());
    let out = tmux.cmd(&[
        "new", "-d", "-s", &session, "-x", &cols, "-y", &rows, &shell,
    ]);
    assert!(out.status.success(), "tmux new: {out:?}");
    assert!(wait_for(&done), "pane of {} did not finish", c.name);
    let target = format!("{session}:");
    for &(cols, rows) in &c.resizes {
        let (x, y) = (cols.to_string(), rows.to_string());
        let out = tmux.cmd(&["resize-window", "-t", &target, "-x", &x, "-y", &y]);
        assert!(out.status.success(), "tmux resize-window: {out:?}");
    }
    let cap = |extra: &[&str]| {
        let mut args = vec!["capture-pane", "-p", "-e", "-t", &target];
        args.extend_from_slice(extra);
        String::from_utf8_lossy(&tmux.cmd(&args).stdout).into_owned()
    };
    let fmt = tmux.cmd(&["display", "-p", "-t", &target, "#{cursor_x},#{cursor_y}"]);
    let fmt = String::from_utf8_lossy(&fmt.stdout);
    let mut xy = fmt
        .trim()
        .split(',')
        .map(|v| v.parse::<u16>().unwrap_or(u16::MAX));
    let r = Result {
        screen: cap(&[]),
        history: cap(&["-S", "-"]),
        cursor: (xy.next().unwrap_or(0), xy.next().unwrap_or(0)),
    };
    let _ = tmux.cmd(&["kill-session", "-t", &session]);
    r
}

#[test]
fn differential_against_live_tmux() {
    let version = match Command::new("tmux").arg("-V").output() {
        Ok(o) if o.status.success() => String::from_utf8_lossy(&o.stdout).trim().to_owned(),
        _ => {
            println!("note: tmux not found, differential test against tmux skipped");
            return;
        }
    };
    let unique = format!(
        "rmux-term-diff-{}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos())
    );
    let dir = std::env::temp_dir().join(&unique);
    std::fs::create_dir_all(&dir).unwrap();
    let tmux = Tmux {
        socket: unique,
        dir,
    };
    // A session that outlives the cases keeps the server up between them.
    let out = tmux.cmd(&["new", "-d", "-s", "keep", "exec sleep 600"]);
    assert!(out.status.success(), "tmux did not start: {out:?}");

    let cases = cases();
    let mut matches = 0;
    let mut unexplained = Vec::new();
    println!("{:<28} result", "case");
    for (i, c) in cases.iter().enumerate() {
        let a = ours(c);
        let b = theirs(&tmux, c, i);
        // tmux reports the pending-wrap position as one past the last column.
        let cols = c.resizes.last().map_or(c.cols, |r| r.0);
        let b_cursor = (b.cursor.0.min(cols - 1), b.cursor.1);
        let mut why = Vec::new();
        if a.screen != b.screen {
            why.push(format!("screen: tmux {:?} rmux {:?}", b.screen, a.screen));
        }
        if a.history != b.history {
            why.push(format!(
                "history: tmux {:?} rmux {:?}",
                b.history, a.history
            ));
        }
        if a.cursor != b_cursor {
            why.push(format!("cursor: tmux {b_cursor:?} rmux {:?}", a.cursor));
        }
        let known = KNOWN.iter().find(|(n, _)| *n == c.name);
        if why.is_empty() {
            matches += 1;
            println!("{:<28} match", c.name);
        } else if let Some((_, reason)) = known {
            println!("{:<28} differs on purpose: {reason}", c.name);
        } else {
            println!("{:<28} DIFFERS {}", c.name, why.join("; "));
            unexplained.push(c.name);
        }
    }
    println!("{matches} of {} cases match {version}", cases.len());
    if version == "tmux 3.3a" {
        assert!(
            unexplained.is_empty(),
            "unexplained differences: {unexplained:?}"
        );
    } else if !unexplained.is_empty() {
        println!("note: differences not asserted: the reference is tmux 3.3a, not {version}");
    }
}
