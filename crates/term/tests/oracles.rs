//! tmux as the oracle, without tmux: the expectations of tmux's own
//! `regress/input-*.sh` tests, and tmux 3.3a's `capture-pane` output for the
//! acceptance suite's B cases (both in `tests/data/`, see `import.py`).

// Test helpers may fail loudly on malformed test data.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rmux_term::{CaptureOptions, Size, Terminal};
use serde_json::Value;

fn input(case: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    for seg in case["input"].as_array().into_iter().flatten() {
        let hex = seg[0].as_str().unwrap_or("");
        let bytes: Vec<u8> = (0..hex.len() / 2)
            .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
            .collect();
        for _ in 0..seg[1].as_u64().unwrap_or(1) {
            out.extend_from_slice(&bytes);
        }
    }
    out
}

fn term(case: &Value, bytes: &[u8]) -> Terminal {
    let size = Size {
        cols: case["width"].as_u64().unwrap() as u16,
        rows: case["height"].as_u64().unwrap() as u16,
    };
    let mut t = Terminal::new(size, 2000);
    t.feed(bytes);
    t
}

/// Like the acceptance harness: tabs expanded, trailing blanks and empty
/// lines dropped.
fn norm(s: &str) -> Vec<String> {
    let mut lines: Vec<String> = s
        .split('\n')
        .map(|l| {
            let mut o = String::new();
            for c in l.chars() {
                if c == '\t' {
                    o.push(' ');
                    while !o.chars().count().is_multiple_of(8) {
                        o.push(' ');
                    }
                } else {
                    o.push(c);
                }
            }
            o.trim_end().to_owned()
        })
        .collect();
    while lines.last().is_some_and(|l| l.is_empty()) {
        lines.pop();
    }
    lines
}

/// Where a `@` printed after the input lands, as (x, y) in cells.
fn marker(case: &Value, bytes: &[u8]) -> Option<(usize, usize)> {
    let mut b = bytes.to_vec();
    b.extend_from_slice(b"\x1b[0m@");
    let t = term(case, &b);
    for y in 0..t.size().rows {
        let row = t.row(i64::from(y))?;
        for x in 0..row.width() {
            if row.cell(x).ch == '@' {
                return Some((usize::from(x), usize::from(y)));
            }
        }
    }
    None
}

/// Cases where rmux differs from the recorded expectation on purpose.
const REGRESS_DIFFERENCES: &[(&str, &str)] = &[(
    "malformed-malformed-dcs",
    "the expected text is tmux 3.4's DECRQSS answer (\\eP0$r\\e\\) echoed back by the \
     pane's tty; there is no tty here, so the answer is checked in the unit tests instead",
)];

#[test]
fn tmux_regress_expectations() {
    let data: Value =
        serde_json::from_str(include_str!("data/regress.json")).expect("regress.json");
    let mut failures = Vec::new();
    let mut matches = 0;
    let cases = data["cases"].as_array().expect("cases");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let bytes = input(case);
        let t = term(case, &bytes);
        let mut problems = Vec::new();
        if let Some(expect) = case["expect"].as_str() {
            let got = t.capture(&CaptureOptions::default());
            if norm(expect) != norm(&got) {
                problems.push(format!(
                    "text: expected {:?}, got {:?}",
                    norm(expect),
                    norm(&got)
                ));
            }
        }
        if let Some(cur) = case["cursor"].as_str() {
            let mut it = cur.split(',').map(|v| v.parse::<usize>().unwrap());
            let (mut cx, mut cy) = (it.next().unwrap(), it.next().unwrap());
            if cx >= case["width"].as_u64().unwrap() as usize {
                (cx, cy) = (0, cy + 1);
            }
            let got = marker(case, &bytes);
            if got != Some((cx, cy)) {
                problems.push(format!("cursor: expected {cx},{cy}, marker at {got:?}"));
            }
        }
        let known = REGRESS_DIFFERENCES.iter().find(|(n, _)| *n == name);
        let status = match (problems.is_empty(), known) {
            (true, _) => "match",
            (false, Some(_)) => "differs (known)",
            (false, None) => "FAIL",
        };
        println!("{status:16} {name} {}", problems.join("; "));
        if problems.is_empty() {
            matches += 1;
        }
        if !problems.is_empty() && known.is_none() {
            failures.push(name.to_owned());
        }
    }
    println!("{matches} of {} cases match", cases.len());
    assert!(failures.is_empty(), "unexplained differences: {failures:?}");
}

#[test]
fn tmux_golden_captures() {
    let data: Value =
        serde_json::from_str(include_str!("data/emulation.json")).expect("emulation.json");
    let mut failures = Vec::new();
    let cases = data["cases"].as_array().expect("cases");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let t = term(case, &input(case));
        let plain = t.capture(&CaptureOptions::default());
        let escaped = t.capture(&CaptureOptions {
            escapes: true,
            ..Default::default()
        });
        let mut problems = Vec::new();
        if plain != case["plain"].as_str().unwrap() {
            problems.push(format!("-p: expected {:?}, got {plain:?}", case["plain"]));
        }
        if escaped != case["escaped"].as_str().unwrap() {
            problems.push(format!(
                "-p -e: expected {:?}, got {escaped:?}",
                case["escaped"]
            ));
        }
        println!(
            "{:6} {name} {}",
            if problems.is_empty() { "match" } else { "FAIL" },
            problems.join("; ")
        );
        if !problems.is_empty() {
            failures.push(name.to_owned());
        }
    }
    println!(
        "{} of {} cases match",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "differences: {failures:?}");
}
