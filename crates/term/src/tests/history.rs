//! Scrollback: limits, row views, memory per line.

use super::*;
use crate::Size;

fn lines(n: usize, width: usize) -> String {
    (0..n)
        .map(|i| {
            let head = format!("{i:06} ");
            format!("{head}{}\r\n", "x".repeat(width - head.len()))
        })
        .collect()
}

#[test]
fn history_is_bounded_like_tmux() {
    let mut t = Terminal::new(Size { cols: 20, rows: 5 }, 100);
    t.feed(lines(1000, 10).as_bytes());
    assert!(t.history_len() <= 100);
    assert!(t.history_len() >= 90, "tmux drops a tenth at a time");
    t.set_history_limit(10);
    assert_eq!(t.history_len(), 10);
    assert_eq!(t.row(-1).unwrap().text(), "000995 xxx");
    t.clear_history();
    assert_eq!(t.history_len(), 0);
    assert!(t.row(-1).is_none());
}

#[test]
fn zero_limit_keeps_nothing() {
    let mut t = Terminal::new(Size { cols: 20, rows: 2 }, 0);
    t.feed(lines(10, 10).as_bytes());
    assert_eq!(t.history_len(), 0);
}

#[test]
fn history_rows_keep_styles_and_wide_chars() {
    let t = sized(
        10,
        1,
        "\x1b[31mred\x1b[m 日本\x1b]8;;u\x07L\x1b]8;;\x07e\u{301}\r\n",
    );
    let r = t.row(-1).unwrap();
    assert_eq!(r.text(), "red 日本Le\u{301}");
    assert_eq!(r.cell(0).style.fg, crate::Color::Indexed(1));
    assert_eq!(r.cell(4).width, 2);
    assert_eq!(r.cell(5).width, 0);
    assert_eq!(r.cell(8).link, Some("u"));
    assert_eq!(r.cell(9).extra, "\u{301}");
    assert_eq!(r.cell(15).ch, ' ');
    let views: Vec<_> = r.cells().collect();
    assert_eq!(views.len(), 10);
    assert_eq!(views[8], r.cell(8));
}

fn bytes_per_line(cols: u16) -> usize {
    let n = 10_000;
    let mut t = Terminal::new(Size { cols, rows: 24 }, n);
    t.feed(lines(n + 24, 100).as_bytes());
    assert!(t.history_len() > n * 9 / 10);
    t.screen.history.heap_bytes() / t.history_len()
}

#[test]
fn a_100_character_line_costs_at_most_250_bytes_whatever_the_width() {
    let narrow = bytes_per_line(100);
    let wide = bytes_per_line(200);
    println!("history bytes per 100-char line: {narrow} (100 cols), {wide} (200 cols)");
    assert!(narrow <= 250, "{narrow}");
    assert!(wide <= 250, "{wide}");
}

#[test]
fn clear_from_the_top_left_keeps_the_screen_in_history_unless_told_not_to() {
    // tmux-256color's `clear` is \E[H\E[J: with scroll-on-clear the screen scrolls away.
    let mut t = screen("one\r\ntwo\r\n");
    t.feed(b"\x1b[H\x1b[J");
    assert_eq!(
        t.history_len(),
        2,
        "the two lines written, as tmux moves them"
    );
    let mut off = screen("");
    off.set_settings(crate::Settings {
        scroll_on_clear: false,
        ..crate::Settings::default()
    });
    off.feed(b"one\r\ntwo\r\n\x1b[H\x1b[J\x1b[2J");
    assert_eq!(off.history_len(), 0);
    // Clearing from elsewhere than the top left only erases.
    let mut mid = screen("one\r\ntwo\r\n");
    mid.feed(b"\x1b[2;1H\x1b[J");
    assert_eq!(mid.history_len(), 0);
}

#[test]
fn without_alternate_screen_the_program_stays_on_the_main_screen() {
    let mut t = screen("main text");
    t.set_settings(crate::Settings {
        alternate_screen: false,
        ..crate::Settings::default()
    });
    t.feed(b"\x1b[?1049h");
    assert!(!t.modes().alt_screen);
    assert!(t.row(0).is_some_and(|r| r.text().starts_with("main text")));
}
