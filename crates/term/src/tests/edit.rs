//! Erase, insert, delete, scroll, scroll regions, DECALN, resets.

use super::*;
use crate::Color;

#[test]
fn erase_in_line() {
    assert_eq!(text(&screen("abcdef\x1b[1;3H\x1b[K")), "ab");
    assert_eq!(text(&screen("abcdef\x1b[1;3H\x1b[1K")), "   def");
    assert_eq!(text(&screen("abcdef\x1b[1;3H\x1b[2K")), "");
}

#[test]
fn erase_in_display() {
    let fill = "aaa\r\nbbb\r\nccc";
    assert_eq!(text(&screen(&format!("{fill}\x1b[2;2H\x1b[J"))), "aaa\nb");
    assert_eq!(
        text(&screen(&format!("{fill}\x1b[2;2H\x1b[1J"))),
        "\n  b\nccc"
    );
    assert_eq!(text(&screen(&format!("{fill}\x1b[2J"))), "");
}

#[test]
fn ed2_keeps_the_screen_in_history_and_ed3_clears_it() {
    let t = screen("one\r\ntwo\x1b[2J");
    assert_eq!(t.history_len(), 2);
    assert_eq!(t.row(-2).unwrap().text(), "one");
    let t = screen("one\r\ntwo\x1b[2J\x1b[3J");
    assert_eq!(t.history_len(), 0);
}

#[test]
fn erase_uses_the_current_background() {
    let t = screen("\x1b[41m\x1b[2K");
    assert_eq!(t.row(0).unwrap().cell(7).style.bg, Color::Indexed(1));
    let t = screen("abc\r\x1b[44m\x1b[2X");
    assert_eq!(t.row(0).unwrap().cell(1).style.bg, Color::Indexed(4));
    assert_eq!(text(&t), "  c");
}

#[test]
fn insert_and_delete_characters() {
    assert_eq!(text(&screen("abcdef\r\x1b[2C\x1b[2@")), "ab  cdef");
    assert_eq!(text(&screen("abcdef\r\x1b[2C\x1b[2P")), "abef");
    assert_eq!(text(&screen("abcdef\r\x1b[2C\x1b[99P")), "ab");
    assert_eq!(text(&screen("abcdef\r\x1b[2C\x1b[2X")), "ab  ef");
}

#[test]
fn insert_and_delete_lines() {
    let fill = "1\r\n2\r\n3\r\n4\r\n5";
    assert_eq!(
        text(&screen(&format!("{fill}\x1b[2;1H\x1b[L"))),
        "1\n\n2\n3\n4"
    );
    assert_eq!(text(&screen(&format!("{fill}\x1b[2;1H\x1b[2M"))), "1\n4\n5");
    let t = screen(&format!("{fill}\x1b[2;4r\x1b[2;1H\x1b[L\x1b[r"));
    assert_eq!(text(&t), "1\n\n2\n3\n5", "IL stays in the region");
}

#[test]
fn scroll_up_and_down() {
    let fill = "1\r\n2\r\n3\r\n4\r\n5";
    assert_eq!(text(&screen(&format!("{fill}\x1b[2S"))), "3\n4\n5");
    assert_eq!(text(&screen(&format!("{fill}\x1b[2T"))), "\n\n1\n2\n3");
}

#[test]
fn linefeed_at_region_bottom_scrolls_the_region_only() {
    let t = screen("1\r\n2\r\n3\r\n4\r\n5\x1b[2;4r\x1b[4;1H\nX\x1b[r");
    assert_eq!(text(&t), "1\n3\n4\nX\n5");
    assert_eq!(t.history_len(), 1, "tmux keeps region scrolls too");
    assert_eq!(t.row(-1).unwrap().text(), "2");
}

#[test]
fn reverse_index_at_top_scrolls_down() {
    let t = screen("1\r\n2\x1b[H\x1bMX");
    assert_eq!(text(&t), "X\n1\n2");
}

#[test]
fn ind_and_nel() {
    assert_eq!(text(&screen("ab\x1bDc")), "ab\n  c");
    assert_eq!(text(&screen("ab\x1bEc")), "ab\nc");
}

#[test]
fn bad_scroll_region_is_ignored() {
    let t = screen("\x1b[4;2r");
    assert_eq!(t.row(0).map(|r| r.width()), Some(20));
    let t = screen("\x1b[3;3HX\x1b[4;2rY");
    assert_eq!(text(&t), "\n\n  XY", "cursor not homed");
}

#[test]
fn decaln_fills_with_e() {
    let t = sized(3, 2, "\x1b#8");
    assert_eq!(text(&t), "EEE\nEEE");
    assert_eq!(cursor(&t), (0, 0));
}

#[test]
fn ris_resets_modes_and_screen() {
    let mut t = screen("\x1b[?1h\x1b[?2004h\x1b[31mabc\x1b]2;t\x07");
    t.feed(b"\x1bcX");
    assert_eq!(text(&t), "X");
    assert!(!t.modes().app_cursor);
    assert!(!t.modes().bracketed_paste);
    assert_eq!(t.row(0).unwrap().cell(0).style.fg, Color::Default);
    assert_eq!(t.title(), "t", "the title survives, as in tmux");
}

#[test]
fn reset_api_keeps_size_and_limit() {
    let mut t = sized(7, 3, "abc");
    t.set_history_limit(42);
    t.reset();
    assert_eq!(t.size(), crate::Size { cols: 7, rows: 3 });
    assert_eq!(t.history_limit(), 42);
}

#[test]
fn decstr_soft_reset_keeps_text() {
    let t = screen("abc\x1b[4h\x1b[?6h\x1b[31m\x1b[!pX");
    assert!(!t.modes().insert);
    assert!(!t.modes().origin);
    assert_eq!(t.row(0).unwrap().cell(0).ch, 'X');
    assert_eq!(t.row(0).unwrap().cell(0).style.fg, Color::Default);
}

#[test]
fn insert_mode_shifts_text() {
    assert_eq!(text(&screen("abc\r\x1b[4hXY\x1b[4lZ")), "XYZbc");
}

#[test]
fn autowrap_off_overwrites_last_column() {
    let t = sized(5, 2, "\x1b[?7labcdefg");
    assert_eq!(text(&t), "abcdg");
    assert_eq!(cursor(&t), (4, 0));
}

#[test]
fn rep_repeats_the_last_ascii_character() {
    assert_eq!(text(&screen("a\x1b[3b")), "aaaa");
    assert_eq!(
        text(&sized(5, 2, "a\x1b[99b")),
        "aaaaa",
        "never past the line"
    );
    assert_eq!(text(&screen("日\x1b[2b")), "日", "not wide characters");
}

#[test]
fn lnm_makes_linefeed_return() {
    assert_eq!(text(&screen("\x1b[20hab\ncd")), "ab\ncd");
    assert!(screen("\x1b[20h").modes().newline);
}
