//! Reference tests: `tests/cases.txt` (hand-written scenarios) and
//! `tests/random_cases.txt` (seeded random operation sequences) were recorded
//! from real tmux 3.3a (see their headers); each case replays its steps here
//! and compares, after every
//! step, the panes (list-panes order and geometry), `#{window_layout}`, the
//! pane `select-pane -L/-R/-U/-D` picks, and the drawn borders with the
//! cells coloured as active.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use std::collections::HashMap;

use super::*;

/// Hand-written scenarios, and random operation sequences (seeded) replayed
/// the same way.
const CASES: &str = include_str!("tests/cases.txt");
const RANDOM_CASES: &str = include_str!("tests/random_cases.txt");

/// The window's state beside the layout that tmux keeps and the steps need:
/// pane ids, activation order, and the size set by resize-window.
struct Replay {
    layout: Option<Layout>,
    next_id: PaneId,
    manual_size: Option<(u16, u16)>,
    saved: HashMap<String, String>,
    recency: HashMap<PaneId, u64>,
    next_point: u64,
    active: PaneId,
    last: Option<PaneId>,
    /// main-pane-width and -height: window options, so they persist.
    main_size: (u16, u16),
}

/// What a step produced, in the recorded file's words.
enum Outcome {
    State,
    Error(String),
    Neighbour(Option<PaneId>),
    Borders(PaneId),
    Nothing,
}

impl Replay {
    fn new() -> Replay {
        Replay {
            layout: None,
            next_id: 0,
            manual_size: None,
            saved: HashMap::new(),
            recency: HashMap::new(),
            next_point: 0,
            active: 0,
            last: None,
            main_size: (80, 24),
        }
    }

    fn layout(&mut self) -> &mut Layout {
        self.layout.as_mut().expect("case starts with new")
    }

    /// tmux's `window_set_active_pane`.
    fn set_active(&mut self, pane: PaneId) {
        if pane == self.active {
            return;
        }
        self.last = Some(self.active);
        self.active = pane;
        self.recency.insert(pane, self.next_point);
        self.next_point += 1;
    }

    /// tmux's `window_lost_pane`.
    fn lose_pane(&mut self, pane: PaneId) {
        let order = self.layout().pane_order().to_vec();
        if pane == self.active {
            let index = order.iter().position(|&p| p == pane).expect("pane");
            self.active = match self.last.take() {
                Some(last) => last,
                None if index > 0 => order[index - 1],
                None => order[index + 1],
            };
        } else if Some(pane) == self.last {
            self.last = None;
        }
    }

    fn fit_to_manual_size(&mut self) {
        if let Some((w, h)) = self.manual_size {
            self.layout().resize(w, h);
        }
    }

    fn pane(&mut self, arg: &str) -> Result<PaneId, String> {
        let pane: PaneId = arg.parse().expect("pane number");
        if self.layout().contains(pane) {
            Ok(pane)
        } else {
            Err(format!("can't find pane: %{pane}"))
        }
    }

    fn step(&mut self, line: &str) -> Outcome {
        match self.try_step(line) {
            Ok(outcome) => outcome,
            Err(message) => Outcome::Error(message),
        }
    }

    fn try_step(&mut self, line: &str) -> Result<Outcome, String> {
        let args: Vec<&str> = line.split_whitespace().collect();
        let number = |i: usize| -> u16 { args[i].parse().expect("number") };
        match args[0] {
            "new" => {
                self.layout = Some(Layout::new(0, number(1), number(2)));
                self.next_id = 1;
                // The first pane is activated once, taking activation point 0.
                self.active = 0;
                self.recency.insert(0, 0);
                self.next_point = 1;
            }
            "split" => self.split(&args)?,
            "kill" => {
                let pane = self.pane(args[1])?;
                self.lose_pane(pane);
                assert!(self.layout().remove(pane) || self.layout().pane_count() == 1);
            }
            "resize" => {
                self.manual_size = Some((number(1), number(2)));
                self.fit_to_manual_size();
            }
            "rp" => {
                let pane = self.pane(args[1])?;
                let dir = direction(args[2]);
                let amount = number(3);
                self.layout().resize_pane(pane, dir, amount);
            }
            "rpx" | "rpy" => self.set_size(&args)?,
            "layout" => self.preset(&args),
            "spread" => {
                let pane = self.pane(args[1])?;
                self.layout().spread_evenly(pane);
            }
            "swap" => {
                let (a, b) = (self.pane(args[1])?, self.pane(args[2])?);
                self.layout().swap(a, b);
                self.set_active(b);
            }
            "rotate" => self.rotate(args[1] == "U"),
            "save" => {
                let text = self.layout().to_tmux_string();
                self.saved.insert(args[1].to_string(), text);
                return Ok(Outcome::Nothing);
            }
            "restore" => {
                let text = self.saved[args[1]].clone();
                self.apply(&text)?;
            }
            "apply" => self.apply(line.split_once(' ').expect("string").1)?,
            "nb" => {
                let pane = self.pane(args[1])?;
                self.set_active(pane);
                let recency = self.recency.clone();
                let found = self
                    .layout()
                    .neighbour(pane, direction(args[2]), &|p| recency[&p]);
                if let Some(found) = found {
                    self.set_active(found);
                }
                return Ok(Outcome::Neighbour(found));
            }
            "borders" => {
                let pane = self.pane(args[1])?;
                self.set_active(pane);
                return Ok(Outcome::Borders(pane));
            }
            other => panic!("unknown step {other}"),
        }
        Ok(Outcome::State)
    }

    fn split(&mut self, args: &[&str]) -> Result<(), String> {
        let target = self.pane(args[1])?;
        let mut dir = SplitDirection::Vertical;
        let (mut size, mut before, mut full) = (SplitSize::Half, false, false);
        let mut rest = args[2..].iter();
        while let Some(&flag) = rest.next() {
            match flag {
                "-h" => dir = SplitDirection::Horizontal,
                "-v" => dir = SplitDirection::Vertical,
                "-b" => before = true,
                "-f" => full = true,
                "-l" => {
                    let value = rest.next().expect("size");
                    size = match value.strip_suffix('%') {
                        Some(percent) => SplitSize::Percent(percent.parse().expect("%")),
                        None => SplitSize::Cells(value.parse().expect("cells")),
                    };
                }
                other => panic!("unknown split flag {other}"),
            }
        }
        let new = self.next_id;
        match self.layout().split(target, new, dir, size, before, full) {
            Ok(()) => {
                self.next_id += 1;
                self.set_active(new);
                Ok(())
            }
            Err(error) => Err(error.to_string()),
        }
    }

    fn set_size(&mut self, args: &[&str]) -> Result<(), String> {
        let pane = self.pane(args[1])?;
        let (w, h) = self.layout().size();
        let whole = if args[0] == "rpx" { w } else { h };
        let value = match args[2].strip_suffix('%') {
            Some(percent) => (u32::from(whole) * percent.parse::<u32>().expect("%") / 100) as u16,
            None => args[2].parse().expect("size"),
        };
        if args[0] == "rpx" {
            self.layout().set_pane_size(pane, Some(value), None);
        } else {
            self.layout().set_pane_size(pane, None, Some(value));
        }
        Ok(())
    }

    fn preset(&mut self, args: &[&str]) {
        let preset = Preset::lookup(args[1]).expect("preset name");
        if let Some([w, h]) = args.get(2..4) {
            self.main_size = (w.parse().expect("w"), h.parse().expect("h"));
        }
        let (main_w, main_h) = self.main_size;
        let first = self.layout().pane_order()[0];
        self.layout().apply_preset(preset, main_w, main_h, first);
        self.fit_to_manual_size();
    }

    fn rotate(&mut self, upward: bool) {
        self.layout().rotate(upward);
        let order = self.layout().pane_order().to_vec();
        let index = order
            .iter()
            .position(|&p| p == self.active)
            .expect("active");
        let next = if upward {
            order[(index + 1) % order.len()]
        } else {
            order[(index + order.len() - 1) % order.len()]
        };
        self.set_active(next);
    }

    fn apply(&mut self, text: &str) -> Result<(), String> {
        let order = self.layout().pane_order().to_vec();
        match Layout::from_tmux_string(text, &order) {
            Ok(layout) => {
                self.layout = Some(layout);
                self.fit_to_manual_size();
                Ok(())
            }
            Err(error) => Err(format!("{error}: {text}")),
        }
    }
}

fn direction(arg: &str) -> Direction {
    match arg {
        "L" => Direction::Left,
        "R" => Direction::Right,
        "U" => Direction::Up,
        "D" => Direction::Down,
        other => panic!("bad direction {other}"),
    }
}

fn state_line(layout: &Layout) -> String {
    let panes: Vec<String> = layout
        .panes()
        .iter()
        .map(|(id, r)| format!("{id} {} {} {} {}", r.x, r.y, r.width, r.height))
        .collect();
    format!("= {} | {}", panes.join(";"), layout.to_tmux_string())
}

/// The borders drawn (`|…|` rows) and the active-coloured cells (`*…*`
/// rows, `#` for active) as the recorder writes them.
fn border_rows(layout: &Layout, active: PaneId) -> (Vec<String>, Vec<String>) {
    let (w, h) = layout.size();
    let mut chars = vec![vec![' '; usize::from(w)]; usize::from(h)];
    let mut mask = vec![vec!['.'; usize::from(w)]; usize::from(h)];
    for cell in layout.borders() {
        chars[usize::from(cell.y)][usize::from(cell.x)] = cell.ch;
        if layout.border_is_active(&cell, active) {
            mask[usize::from(cell.y)][usize::from(cell.x)] = '#';
        }
    }
    let rows = chars
        .iter()
        .map(|r| format!("|{}|", r.iter().collect::<String>()))
        .collect();
    let mask = mask
        .iter()
        .map(|r| format!("*{}*", r.iter().collect::<String>()))
        .collect();
    (rows, mask)
}

struct Case<'a> {
    name: &'a str,
    lines: Vec<&'a str>,
}

fn cases() -> Vec<Case<'static>> {
    let mut cases: Vec<Case<'static>> = Vec::new();
    for line in CASES.lines().chain(RANDOM_CASES.lines()) {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix("case ") {
            cases.push(Case {
                name,
                lines: Vec::new(),
            });
        } else {
            cases.last_mut().expect("case header").lines.push(line);
        }
    }
    cases
}

/// Replays one case; returns the number of recorded facts compared.
fn replay(case: &Case<'_>) -> Result<usize, String> {
    let mut replay = Replay::new();
    let mut checked = 0;
    let mut lines = case.lines.iter().peekable();
    while let Some(step) = lines.next() {
        let outcome = replay.step(step);
        let here = |what: &str| format!("case {}, step `{step}`: {what}", case.name);
        match outcome {
            Outcome::Nothing => continue,
            Outcome::Borders(active) => {
                let layout = replay.layout.as_ref().expect("layout");
                let expected = lines.next().ok_or_else(|| here("no state"))?;
                if state_line(layout) != *expected {
                    return Err(here(&format!("{} != {expected}", state_line(layout))));
                }
                let (rows, mask) = border_rows(layout, active);
                for (kind, got) in [("borders", rows), ("active", mask)] {
                    for (row, got) in got.iter().enumerate() {
                        let want = lines.next().ok_or_else(|| here("missing row"))?;
                        if got != want {
                            return Err(here(&format!("{kind} row {row}:\n{got}\n{want}")));
                        }
                    }
                }
                checked += 2;
                continue;
            }
            _ => {}
        }
        let got = match outcome {
            Outcome::State => state_line(replay.layout.as_ref().expect("layout")),
            Outcome::Error(message) => format!("! {message}"),
            Outcome::Neighbour(found) => {
                format!("> {}", found.map_or("-".to_string(), |p| p.to_string()))
            }
            Outcome::Borders(_) | Outcome::Nothing => unreachable!(),
        };
        let want = lines.next().ok_or_else(|| here("no recorded result"))?;
        if got != *want {
            return Err(here(&format!("\n got: {got}\nwant: {want}")));
        }
        checked += 1;
    }
    Ok(checked)
}

#[test]
fn identical_to_recorded_tmux() {
    let mut failures = Vec::new();
    let mut checked = 0;
    let all = cases();
    for case in &all {
        match replay(case) {
            Ok(n) => checked += n,
            Err(message) => failures.push(message),
        }
    }
    assert!(
        all.len() > 170 && checked > 2000,
        "only {checked} facts in {} cases",
        all.len()
    );
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        all.len(),
        { failures.join("\n\n") }
    );
}

#[path = "tests/robustness.rs"]
mod robustness;
