//! Throughput of `Terminal::feed` on a generated corpus (colored `ls -l`,
//! log lines, long wrapping lines, a vim-like redraw stream, CJK text),
//! next to the same bytes through `vte` with a do-nothing performer: the
//! ceiling, since every byte has to go through a parser like that anyway.
//!
//! `cargo bench -p rmux-term` runs the criterion groups, then prints a
//! summary with MB/s for both and their ratio. With `--once rmux-term` or
//! `--once vte` the binary feeds the corpus once and exits (for callgrind).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput};
use rmux_term::{Size, Terminal};

/// Bytes per `feed` call, like a PTY read.
const CHUNK: usize = 4096;

/// A small deterministic generator so the corpus is the same every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const WORDS: &[&str] = &[
    "request", "handler", "session", "window", "pane", "config", "server", "client", "buffer",
    "render", "status", "update", "connect", "timeout", "value", "error", "index", "cache",
];

fn ls_lines(r: &mut Rng, n: usize, out: &mut String) {
    let colors = ["01;34", "01;32", "00", "01;36", "01;31", "00;33"];
    for _ in 0..n {
        let c = colors[r.below(colors.len() as u64) as usize];
        out.push_str(&format!(
            "-rw-r--r-- 1 user staff {:>8} Jan {:>2} 12:{:02} \x1b[{c}m{}_{}.{}\x1b[0m\r\n",
            r.below(10_000_000),
            1 + r.below(28),
            r.below(60),
            r.pick(WORDS),
            r.below(1000),
            r.pick(&["rs", "txt", "sh", "md", "tar.gz"]),
        ));
    }
}

fn log_lines(r: &mut Rng, n: usize, out: &mut String) {
    let levels = [
        "\x1b[32mINFO\x1b[0m",
        "\x1b[33mWARN\x1b[0m",
        "\x1b[31mERROR\x1b[0m",
        "DEBUG",
    ];
    for i in 0..n {
        out.push_str(&format!(
            "2024-05-{:02}T10:{:02}:{:02}.{:03}Z {} \x1b[2m{}::{}\x1b[0m {} {} id={} took {}ms\r\n",
            1 + i % 28,
            r.below(60),
            r.below(60),
            r.below(1000),
            levels[r.below(4) as usize],
            r.pick(WORDS),
            r.pick(WORDS),
            r.pick(WORDS),
            r.pick(WORDS),
            r.below(100_000),
            r.below(500),
        ));
    }
}

fn long_lines(r: &mut Rng, n: usize, out: &mut String) {
    for _ in 0..n {
        let len = 200 + r.below(400) as usize;
        let mut line = String::new();
        while line.len() < len {
            line.push_str(r.pick(WORDS));
            line.push(' ');
        }
        out.push_str(&line);
        out.push_str("\r\n");
    }
}

/// Full-screen redraws like an editor's: CUP per row, colours, erase to end
/// of line, a status line, scrolling in a region.
fn vim_frames(r: &mut Rng, n: usize, out: &mut String) {
    for _ in 0..n {
        out.push_str("\x1b[?25l\x1b[H");
        for row in 1..=23 {
            out.push_str(&format!("\x1b[{row};1H\x1b[33m{row:>4} \x1b[m"));
            let words = r.below(12);
            for _ in 0..words {
                match r.below(4) {
                    0 => out.push_str("\x1b[38;5;141m"),
                    1 => out.push_str("\x1b[1;34m"),
                    _ => {}
                }
                out.push_str(r.pick(WORDS));
                out.push_str("\x1b[m ");
            }
            out.push_str("\x1b[K");
        }
        out.push_str("\x1b[24;1H\x1b[7m NORMAL  src/main.rs  [+]\x1b[K\x1b[m");
        out.push_str("\x1b[1;23r\x1b[23;1H\n\x1b[r\x1b[12;8H\x1b[?25h");
    }
}

fn cjk_lines(r: &mut Rng, n: usize, out: &mut String) {
    let words = [
        "日本語",
        "テキスト",
        "中文字符",
        "한국어",
        "漢字",
        "表示",
        "終端",
        "端末",
    ];
    for _ in 0..n {
        for _ in 0..12 {
            out.push_str(words[r.below(words.len() as u64) as usize]);
            out.push(' ');
        }
        out.push_str("ok\r\n");
    }
}

fn corpus() -> Vec<u8> {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let mut s = String::new();
    for _ in 0..8 {
        ls_lines(&mut r, 2500, &mut s);
        log_lines(&mut r, 2500, &mut s);
        long_lines(&mut r, 300, &mut s);
        vim_frames(&mut r, 60, &mut s);
        cjk_lines(&mut r, 800, &mut s);
    }
    s.into_bytes()
}

struct Nothing;
impl vte::Perform for Nothing {}

#[inline(never)]
fn feed_terminal(bytes: &[u8]) -> u64 {
    let mut t = Terminal::new(Size { cols: 80, rows: 24 }, 10_000);
    for chunk in bytes.chunks(CHUNK) {
        t.feed(chunk);
    }
    t.seq()
}

#[inline(never)]
fn feed_vte(bytes: &[u8]) {
    let mut p = vte::Parser::new();
    let mut perf = Nothing;
    for chunk in bytes.chunks(CHUNK) {
        p.advance(&mut perf, black_box(chunk));
    }
}

/// Best of several runs, in MB/s.
fn mb_per_s(bytes: &[u8], f: impl Fn(&[u8])) -> f64 {
    let mut best = Duration::MAX;
    for _ in 0..7 {
        let t = Instant::now();
        f(black_box(bytes));
        best = best.min(t.elapsed());
    }
    bytes.len() as f64 / 1e6 / best.as_secs_f64()
}

fn main() {
    let bytes = corpus();
    // `--once rmux-term|vte`: one pass over the corpus, nothing else, for
    // counting instructions (see the README).
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--once") {
        match args.get(i + 1).map(String::as_str) {
            Some("vte") => feed_vte(&bytes),
            _ => {
                black_box(feed_terminal(&bytes));
            }
        }
        return;
    }
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    let mut g = c.benchmark_group("feed");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("rmux-term", |b| b.iter(|| feed_terminal(black_box(&bytes))));
    g.bench_function("vte-ceiling", |b| b.iter(|| feed_vte(black_box(&bytes))));
    g.finish();
    c.final_summary();

    // `cargo test --benches` runs this binary without `--bench`: keep it quick.
    if std::env::args().any(|a| a == "--bench") {
        let ours = mb_per_s(&bytes, |b| {
            black_box(feed_terminal(b));
        });
        let ceiling = mb_per_s(&bytes, feed_vte);
        println!(
            "corpus {:.1} MB: rmux-term {ours:.0} MB/s, vte ceiling {ceiling:.0} MB/s, ratio {:.0}%",
            bytes.len() as f64 / 1e6,
            100.0 * ours / ceiling
        );
    }
}
