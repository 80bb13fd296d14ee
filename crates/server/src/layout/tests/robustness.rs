//! No input panics, and every layout an operation leaves behind tiles its
//! window: each cell is inside exactly one pane or is a drawn border.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

use super::super::*;

/// A small deterministic generator, so failures replay.
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
}

fn check_tiles(layout: &Layout, context: &str) {
    let (w, h) = layout.size();
    let mut owner = vec![0u8; usize::from(w) * usize::from(h)];
    for (pane, r) in layout.panes() {
        assert!(
            r.width >= 1 && r.height >= 1,
            "{context}: pane {pane} empty {r:?}"
        );
        for y in r.y..r.y + r.height {
            for x in r.x..r.x + r.width {
                assert!(
                    x < w && y < h,
                    "{context}: pane {pane} outside {w}x{h}: {r:?}"
                );
                owner[usize::from(y) * usize::from(w) + usize::from(x)] += 1;
            }
        }
    }
    for cell in layout.borders() {
        owner[usize::from(cell.y) * usize::from(w) + usize::from(cell.x)] += 1;
    }
    assert!(
        owner.iter().all(|&n| n == 1),
        "{context}: not tiled\n{}",
        layout.to_tmux_string()
    );
    let again = Layout::from_tmux_string(&layout.to_tmux_string(), layout.pane_order())
        .expect("own string parses");
    assert_eq!(again.to_tmux_string(), layout.to_tmux_string(), "{context}");
    assert_eq!(again.panes(), layout.panes(), "{context}");
}

fn random_op(layout: &mut Layout, rng: &mut Rng, next_id: &mut PaneId) -> String {
    let order = layout.pane_order().to_vec();
    let pane = order[rng.below(order.len() as u64) as usize];
    let dirs = [
        Direction::Left,
        Direction::Right,
        Direction::Up,
        Direction::Down,
    ];
    let dir = dirs[rng.below(4) as usize];
    match rng.below(10) {
        0..=2 => {
            let split = if rng.below(2) == 0 {
                SplitDirection::Horizontal
            } else {
                SplitDirection::Vertical
            };
            let size = match rng.below(3) {
                0 => SplitSize::Half,
                1 => SplitSize::Cells(rng.below(90) as u16),
                _ => SplitSize::Percent(rng.below(120) as u16),
            };
            let (before, full) = (rng.below(3) == 0, rng.below(4) == 0);
            if layout
                .split(pane, *next_id, split, size, before, full)
                .is_ok()
            {
                *next_id += 1;
            }
            format!("split {pane} {split:?} {size:?} {before} {full}")
        }
        3 => {
            layout.remove(pane);
            format!("remove {pane}")
        }
        4 => {
            let (w, h) = (rng.below(130) as u16, rng.below(50) as u16);
            layout.resize(w, h);
            format!("resize {w} {h}")
        }
        5 => {
            let amount = rng.below(40) as u16;
            layout.resize_pane(pane, dir, amount);
            format!("resize_pane {pane} {dir:?} {amount}")
        }
        6 => {
            let (w, h) = (rng.below(100) as u16, rng.below(40) as u16);
            layout.set_pane_size(pane, Some(w), Some(h));
            format!("set_pane_size {pane} {w} {h}")
        }
        7 => {
            let preset = Preset::ALL[rng.below(5) as usize];
            let (mw, mh) = (rng.below(100) as u16, rng.below(40) as u16);
            layout.apply_preset(preset, mw, mh, order[0]);
            format!("preset {preset:?} {mw} {mh}")
        }
        8 => {
            let other = order[rng.below(order.len() as u64) as usize];
            layout.swap(pane, other);
            layout.rotate(rng.below(2) == 0);
            layout.spread_evenly(other);
            format!("swap/rotate/spread {pane} {other}")
        }
        _ => {
            let neighbour = layout.neighbour(pane, dir, &|p| u64::from(p));
            assert_ne!(neighbour, Some(pane));
            format!("neighbour {pane} {dir:?}")
        }
    }
}

#[test]
fn random_operations_keep_the_window_tiled() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for round in 0..300 {
        let (w, h) = (1 + rng.below(120) as u16, 1 + rng.below(45) as u16);
        let mut layout = Layout::new(0, w, h);
        let mut next_id = 1;
        let mut history = vec![format!("new {w} {h}")];
        for _ in 0..40 {
            let before = format!(
                "[{} order {:?}]",
                layout.to_tmux_string(),
                layout.pane_order()
            );
            history.push(before);
            history.push(random_op(&mut layout, &mut rng, &mut next_id));
            // tmux's tiled preset leaves rows narrower than their panes when
            // a window is too narrow for its columns; such trees are as
            // tmux makes them and are not checked cell by cell.
            if !layout.sizes_add_up(layout.root) {
                continue;
            }
            check_tiles(&layout, &format!("round {round}: {}", history.join(" / ")));
        }
    }
}

#[test]
fn hostile_layout_strings_never_panic() {
    let valid = "d67e,80x24,0,0{40x24,0,0,0,39x24,41,0[39x12,41,0,1,39x11,41,13,2]}";
    let mut inputs: Vec<String> = [
        "",
        "8205",
        "zzzz,80x24,0,0,0",
        "0x1,",
        "ffff,",
        "b25d,",
        ",,,,,",
        "b25d,80x24,0,0,0,",
        "0000,0x0,0,0,0",
        "99999999999999999999,1x1,0,0",
        "b25d,80x24,0,0,0",
        "😀😀😀😀😀,1",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    inputs.push(format!("{}{}", "[".repeat(5000), "]".repeat(5000)));
    let mut rng = Rng(7);
    let bytes = valid.as_bytes();
    for _ in 0..4000 {
        let mut body: Vec<u8> = bytes[5..].to_vec();
        for _ in 0..1 + rng.below(4) {
            let at = rng.below(body.len() as u64) as usize;
            match rng.below(3) {
                0 => body[at] = b"0123456789x,{}[]"[rng.below(16) as usize],
                1 => {
                    body.remove(at);
                }
                _ => body.insert(at, b"0123456789x,{}[]"[rng.below(16) as usize]),
            }
        }
        let body = String::from_utf8_lossy(&body).into_owned();
        let with_sum = format!("{:04x},{body}", super::super::tmux_string::checksum(&body));
        inputs.push(with_sum);
    }
    for input in &inputs {
        for panes in [
            &[][..],
            &[5][..],
            &[5, 6][..],
            &[5, 6, 7][..],
            &[1, 2, 3, 4][..],
        ] {
            if let Ok(layout) = Layout::from_tmux_string(input, panes) {
                assert_eq!(layout.pane_count(), panes.len(), "{input}");
                let (w, h) = layout.size();
                if w <= 200 && h <= 200 {
                    let _ = layout.borders();
                }
            }
        }
    }
}

#[test]
fn checksum_matches_tmux() {
    assert_eq!(super::super::tmux_string::checksum("80x24,0,0,0"), 0xb25d);
    let layout = Layout::new(0, 80, 24);
    assert_eq!(layout.to_tmux_string(), "b25d,80x24,0,0,0");
}

#[test]
fn edge_cases_refuse_cleanly() {
    let mut layout = Layout::new(0, 80, 24);
    let h = SplitDirection::Horizontal;
    assert_eq!(
        layout.split(9, 1, h, SplitSize::Half, false, false),
        Err(LayoutError::UnknownPane)
    );
    assert_eq!(
        layout.split(0, 0, h, SplitSize::Half, false, false),
        Err(LayoutError::PaneExists)
    );
    assert!(
        !layout.remove(0),
        "the last pane stays: its window closes instead"
    );
    assert!(!layout.remove(7));
    layout.resize_pane(7, Direction::Left, 3);
    layout.set_pane_size(7, Some(3), Some(3));
    layout.swap(0, 7);
    layout.spread_evenly(7);
    assert_eq!(layout.neighbour(7, Direction::Left, &|_| 0), None);
    assert_eq!(layout.neighbour(0, Direction::Left, &|_| 0), None);
    assert_eq!(layout.to_tmux_string(), "b25d,80x24,0,0,0");
    assert_eq!(Preset::lookup("t"), Some(Preset::Tiled));
    assert_eq!(Preset::lookup("main"), None);
    assert_eq!(Preset::lookup("even-v"), Some(Preset::EvenVertical));
}

#[test]
fn main_pane_of_zero_gets_one_cell() {
    // tmux 3.3a draws a 0-wide main pane for main-pane-width 0; rmux keeps
    // every pane at least one cell.
    let mut layout = Layout::new(0, 120, 40);
    let v = SplitDirection::Vertical;
    layout
        .split(0, 1, v, SplitSize::Half, false, false)
        .expect("split");
    layout
        .split(1, 2, v, SplitSize::Half, false, false)
        .expect("split");
    layout.apply_preset(Preset::MainVertical, 0, 0, 0);
    assert_eq!(
        layout.rect(0),
        Some(Rect {
            x: 0,
            y: 0,
            width: 1,
            height: 40
        })
    );
    assert_eq!(
        layout.rect(1),
        Some(Rect {
            x: 2,
            y: 0,
            width: 118,
            height: 19
        })
    );
}
