//! Differential test against the `vt100` crate on generated sequences from
//! a vocabulary both emulators are meant to agree on: the screen's text,
//! colours, bold/italic/underline/inverse and the cursor must match.

// Test helpers may fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use rmux_term::{Attrs, Color, Size, Terminal, Underline};

fn token(_rows: u8) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z ]{1,12}",
        1 => Just("\r\n".to_owned()),
        1 => Just("\r".to_owned()),
        1 => Just("\n".to_owned()),
        // No tab: at a pending wrap tmux's tab does nothing (the next
        // character still wraps), vt100's cancels the wrap. The live tmux
        // test covers tabs.
        // Backspace after a character: at the left edge of a continued row
        // tmux (like xterm's reverse wrap) goes back up; vt100 does not.
        1 => Just("x\x08".to_owned()),
        1 => (1u8..30, 1u8..12).prop_map(|(r, c)| format!("\x1b[{r};{c}H")),
        1 => (0u8..4, proptest::sample::select(vec!['C', 'D', 'G', 'E', 'F']))
            .prop_map(|(n, f)| format!("\x1b[{n}{f}")),
        // A CR first: with a wrap pending, tmux's CUU/CUD/VPA cancel it and
        // vt100's keep it (the live tmux test covers that case).
        1 => (0u8..4, proptest::sample::select(vec!['A', 'B', 'd']))
            .prop_map(|(n, f)| format!("\r\x1b[{n}{f}")),
        1 => (0u8..3, proptest::sample::select(vec!['J', 'K']))
            .prop_map(|(n, f)| format!("\x1b[{n}{f}")),
        // No IL/DL: outside the scroll region every emulator does its own
        // thing (tmux's is covered by the live tmux test).
        1 => (0u8..5, proptest::sample::select(vec!['X', '@', 'P', 'S', 'T']))
            .prop_map(|(n, f)| format!("\x1b[{n}{f}")),
        2 => proptest::sample::select(vec![
            "0", "1", "3", "4", "7", "22", "23", "24", "27", "31", "42", "39", "49", "93", "104",
            "38;5;123", "48;5;17", "38;2;10;20;30", "48;2;200;100;0", "1;4;35",
        ]).prop_map(|p| format!("\x1b[{p}m")),
        // Scroll regions: CUU/CUD from below a region, regions past the screen
        // and the cursor after DECSTBM all differ between vt100 and tmux
        // (the live tmux test covers regions), so the only region used is
        // the whole screen.
        1 => Just("\x1b[r\x1b[H".to_owned()),
        // Not ESC D / ESC E: the vt100 crate does not implement IND and NEL.
        1 => proptest::sample::select(vec!["\x1b[r", "\x1bM", "\x1b7", "\x1b8"])
            .prop_map(str::to_owned),
    ]
}

fn vt_color(c: vt100::Color) -> Color {
    match c {
        vt100::Color::Default => Color::Default,
        vt100::Color::Idx(n) => Color::Indexed(n),
        vt100::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn compare(input: &str, cols: u16, rows: u16) -> Result<(), String> {
    let mut ours = Terminal::new(Size { cols, rows }, 100);
    ours.feed(input.as_bytes());
    let mut theirs = vt100::Parser::new(rows, cols, 100);
    theirs.process(input.as_bytes());
    let screen = theirs.screen();
    for y in 0..rows {
        let row = ours.row(i64::from(y)).unwrap();
        for x in 0..cols {
            let a = row.cell(x);
            let b = screen.cell(y, x).unwrap();
            let b_text = if b.has_contents() { b.contents() } else { " " };
            let a_text = format!("{}{}", a.ch, a.extra);
            // Erased cells differ by design: vt100 keeps the whole pen in them
            // and does not scroll in the background colour; tmux keeps only
            // the background, and uses it for new rows too (BCE). So blank
            // cells are compared by text only.
            let blank = !b.has_contents() && a.ch == ' ';
            let same = a_text == b_text
                && (blank
                    || (a.style.fg == vt_color(b.fgcolor())
                        && a.style.bg == vt_color(b.bgcolor())
                        && a.style.attrs.contains(Attrs::BOLD) == b.bold()
                        && a.style.attrs.contains(Attrs::ITALIC) == b.italic()
                        && (a.style.underline != Underline::None) == b.underline()
                        && a.style.attrs.contains(Attrs::REVERSE) == b.inverse()));
            if !same {
                return Err(format!("cell {x},{y}: rmux {a:?}, vt100 {b:?}"));
            }
        }
    }
    let c = ours.cursor();
    let (vy, vx) = screen.cursor_position();
    // vt100 reports the pending-wrap position one past the last column.
    if (c.col, c.row) != (vx.min(cols - 1), vy) {
        return Err(format!("cursor: rmux {},{} vt100 {vx},{vy}", c.col, c.row));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn agrees_with_vt100(
        (rows, tokens) in (3u8..10).prop_flat_map(|r| (Just(r), proptest::collection::vec(token(r), 1..40))),
        cols in 5u16..30,
    ) {
        let input = tokens.concat();
        let rows = u16::from(rows);
        if let Err(e) = compare(&input, cols, rows) {
            prop_assert!(false, "{:?} at {}x{}: {}", input, cols, rows, e);
        }
    }
}
