//! Reference tests: byte streams recorded from real programs in an 80x24
//! tmux pane (`tests/ref/<name>/input.bin`), replayed into a `Terminal`.
//!
//! `expected.txt` (screen text and cursor) and `expected-e.txt` (with
//! attributes, `capture-pane -e` style) are what rmux produces; set
//! `RMUX_BLESS=1` to rewrite them. `tmux.txt`, `tmux-e.txt` and
//! `tmux-cursor.txt` are what tmux 3.3a showed when the stream was recorded:
//! the expectations must agree with them, so a bad bless cannot go unseen.

// Test helpers may fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use rmux_term::{CaptureOptions, Size, Terminal};

fn render(input: &[u8]) -> (String, String) {
    let mut t = Terminal::new(Size { cols: 80, rows: 24 }, 2000);
    t.feed(input);
    let plain = t.capture(&CaptureOptions::default());
    let c = t.cursor();
    let escaped = t.capture(&CaptureOptions {
        escapes: true,
        ..Default::default()
    });
    (format!("{plain}cursor {},{}\n", c.col, c.row), escaped)
}

fn read(dir: &Path, name: &str) -> Option<String> {
    std::fs::read_to_string(dir.join(name)).ok()
}

#[test]
fn recorded_programs_replay_like_tmux() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ref");
    let bless = std::env::var_os("RMUX_BLESS").is_some();
    let mut dirs: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    let mut failures = Vec::new();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read(dir.join("input.bin")).unwrap();
        let (plain, escaped) = render(&input);
        if bless {
            std::fs::write(dir.join("expected.txt"), &plain).unwrap();
            std::fs::write(dir.join("expected-e.txt"), &escaped).unwrap();
        }
        let mut problems = Vec::new();
        if read(&dir, "expected.txt").as_deref() != Some(plain.as_str()) {
            problems.push("screen differs from expected.txt");
        }
        if read(&dir, "expected-e.txt").as_deref() != Some(escaped.as_str()) {
            problems.push("attributes differ from expected-e.txt");
        }
        if let (Some(t), Some(c)) = (read(&dir, "tmux.txt"), read(&dir, "tmux-cursor.txt")) {
            let (x, y) = c.trim().split_once(',').unwrap();
            let x = x.parse::<u16>().unwrap().min(79);
            if format!("{t}cursor {x},{y}\n") != plain {
                problems.push("screen differs from tmux's");
            }
        }
        if read(&dir, "tmux-e.txt").is_some_and(|t| t != escaped) {
            problems.push("attributes differ from tmux's");
        }
        println!(
            "{name:20} {}",
            if problems.is_empty() { "ok" } else { "FAIL" }
        );
        for p in &problems {
            println!("    {p}");
        }
        if !problems.is_empty() {
            failures.push(name);
        }
    }
    assert!(failures.is_empty(), "reference tests failed: {failures:?}");
}
