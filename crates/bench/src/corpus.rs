//! The generated inputs: a mixed "real output" corpus (`ls -l`-like lines, SGR-coloured
//! log lines, long wrapping lines, CJK text), plain 100-character lines for the history
//! figure, and a small sample for the attach figure. Deterministic: the same bytes on
//! every run and every machine.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use anyhow::{Context, Result};

/// The last line of every corpus file; seeing it on a pane means the pane consumed all.
pub const END_MARKER: &str = "rmux-bench: end of corpus";

/// A small xorshift generator: fast, deterministic, good enough for text.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const WORDS: &[&str] = &[
    "request", "handler", "session", "window", "pane", "config", "server", "client", "buffer",
    "render", "status", "update", "connect", "timeout", "value", "error", "index", "cache",
    "worker", "thread", "socket", "message", "layout", "history", "cursor", "compile", "linking",
    "target", "module", "package", "retry", "queue", "flush",
];

const NAMES: &[&str] = &[
    "main.rs",
    "lib.rs",
    "Cargo.toml",
    "README.md",
    "build.log",
    "target",
    "src",
    "tests",
    "server.py",
    "index.html",
    "package.json",
    "node_modules",
    ".gitignore",
    "Makefile",
];

const LEVELS: &[(&str, &str)] = &[
    ("\x1b[32m", "INFO "),
    ("\x1b[33m", "WARN "),
    ("\x1b[1;31m", "ERROR"),
    ("\x1b[2m", "DEBUG"),
    ("\x1b[36m", "TRACE"),
];

const CJK: &[&str] = &[
    "日本語",
    "テキスト",
    "中文",
    "文本",
    "한국어",
    "漢字",
    "表示",
    "終端",
    "多路复用器",
    "ウィンドウ",
    "세션",
    "履歴",
    "画面",
];

fn ls_line(rng: &mut Rng, out: &mut String) {
    let kind = if rng.below(5) == 0 { 'd' } else { '-' };
    let perms = ["rw-r--r--", "rwxr-xr-x", "rw-------", "rwxrwxr-x"][rng.below(4)];
    let size = rng.below(10_000_000);
    let month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul"][rng.below(7)];
    let name = rng.pick(NAMES);
    let coloured = kind == 'd';
    out.push_str(&format!(
        "{kind}{perms} {:>2} user staff {size:>9} {month} {:>2} {:02}:{:02} ",
        1 + rng.below(9),
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
    ));
    if coloured {
        out.push_str(&format!("\x1b[1;34m{name}_{}\x1b[0m\n", rng.below(1000)));
    } else {
        out.push_str(&format!("{name}.{}\n", rng.below(1000)));
    }
}

fn log_line(rng: &mut Rng, out: &mut String) {
    let (sgr, level) = LEVELS[rng.below(LEVELS.len())];
    out.push_str(&format!(
        "\x1b[90m2026-01-{:02}T{:02}:{:02}:{:02}.{:03}Z\x1b[0m {sgr}{level}\x1b[0m \x1b[35m{}::{}\x1b[0m",
        1 + rng.below(28),
        rng.below(24),
        rng.below(60),
        rng.below(60),
        rng.below(1000),
        rng.pick(WORDS),
        rng.pick(WORDS),
    ));
    for _ in 0..4 + rng.below(10) {
        out.push(' ');
        out.push_str(rng.pick(WORDS));
    }
    if rng.below(4) == 0 {
        out.push_str(&format!(
            " \x1b[38;5;{}mid={}\x1b[0m",
            rng.below(256),
            rng.next() % 100_000
        ));
    }
    out.push('\n');
}

fn long_line(rng: &mut Rng, out: &mut String) {
    let target = 300 + rng.below(900);
    let start = out.len();
    while out.len() - start < target {
        out.push_str(rng.pick(WORDS));
        out.push(if rng.below(9) == 0 { '/' } else { ' ' });
    }
    out.push('\n');
}

fn cjk_line(rng: &mut Rng, out: &mut String) {
    for _ in 0..6 + rng.below(20) {
        if rng.below(3) == 0 {
            out.push_str(rng.pick(WORDS));
        } else {
            out.push_str(rng.pick(CJK));
        }
        out.push(' ');
    }
    out.push('\n');
}

/// Writes about `bytes` bytes of mixed output (cut at a line end, then the end marker).
pub fn write_mixed(path: &Path, bytes: u64, seed: u64) -> Result<u64> {
    let file = File::create(path).with_context(|| format!("create {}", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let mut rng = Rng(seed | 1);
    let mut written = 0u64;
    let mut chunk = String::with_capacity(1 << 17);
    let tail = format!("{END_MARKER}\n");
    let budget = bytes.saturating_sub(tail.len() as u64);
    while written < budget {
        chunk.clear();
        while chunk.len() < 1 << 16 {
            match rng.below(20) {
                0..=6 => ls_line(&mut rng, &mut chunk),
                7..=13 => log_line(&mut rng, &mut chunk),
                14..=16 => long_line(&mut rng, &mut chunk),
                _ => cjk_line(&mut rng, &mut chunk),
            }
        }
        let room = (budget - written) as usize;
        let take = if chunk.len() <= room {
            chunk.len()
        } else {
            // Cut after the last complete line that fits.
            chunk[..room].rfind('\n').map_or(0, |i| i + 1)
        };
        w.write_all(&chunk.as_bytes()[..take])
            .with_context(|| format!("write {}", path.display()))?;
        written += take as u64;
        if take < chunk.len() {
            break;
        }
    }
    w.write_all(tail.as_bytes())
        .with_context(|| format!("write {}", path.display()))?;
    written += tail.len() as u64;
    w.flush()
        .with_context(|| format!("write {}", path.display()))?;
    Ok(written)
}

/// `count` lines of exactly 100 characters (plus the newline), each different.
pub fn write_lines(path: &Path, count: usize) -> Result<u64> {
    let file = File::create(path).with_context(|| format!("create {}", path.display()))?;
    let mut w = BufWriter::with_capacity(1 << 20, file);
    let alphabet = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    let mut line = Vec::with_capacity(101);
    let mut written = 0u64;
    for i in 0..count {
        line.clear();
        line.extend_from_slice(format!("{i:08} ").as_bytes());
        let mut k = i.wrapping_mul(7);
        while line.len() < 100 {
            line.push(alphabet[k % alphabet.len()]);
            k = k.wrapping_add(1 + i % 5);
        }
        line.push(b'\n');
        w.write_all(&line)
            .with_context(|| format!("write {}", path.display()))?;
        written += line.len() as u64;
    }
    w.flush()
        .with_context(|| format!("write {}", path.display()))?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corpus_has_the_asked_size_and_ends_with_the_marker() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("c");
        let n = write_mixed(&p, 200_000, 7).unwrap();
        let text = std::fs::read_to_string(&p).unwrap();
        assert_eq!(text.len() as u64, n);
        assert!(n <= 200_000 && n > 190_000, "{n}");
        assert!(text.ends_with(&format!("\n{END_MARKER}\n")));
        let l = dir.path().join("l");
        assert_eq!(write_lines(&l, 10).unwrap(), 1010);
        let lines = std::fs::read_to_string(&l).unwrap();
        assert!(lines.lines().all(|x| x.len() == 100));
    }
}
