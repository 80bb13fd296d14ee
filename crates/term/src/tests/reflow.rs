//! Resize: reflow of main screen and history, clipping of the alternate
//! screen, cursor kept on its text. Expectations checked against tmux 3.3a.

use super::*;
use crate::Size;

fn resize(t: &mut Terminal, cols: u16, rows: u16) {
    t.resize(Size { cols, rows });
}

fn all(t: &Terminal) -> String {
    t.capture(&CaptureOptions {
        start: Some(i64::MIN),
        ..Default::default()
    })
}

#[test]
fn narrower_rewraps_and_pushes_into_history_like_tmux() {
    let mut t = sized(
        40,
        10,
        &format!("{}\r\n{}\r\nccc\r\n", "a".repeat(30), "b".repeat(30)),
    );
    resize(&mut t, 20, 10);
    assert_eq!(t.history_len(), 2);
    assert_eq!(cursor(&t), (0, 3));
    assert_eq!(
        all(&t),
        format!(
            "{}\n{}\n{}\n{}\nccc\n\n\n\n\n\n\n\n",
            "a".repeat(20),
            "a".repeat(10),
            "b".repeat(20),
            "b".repeat(10)
        )
    );
    resize(&mut t, 10, 5);
    assert_eq!(t.history_len(), 4);
    assert_eq!(cursor(&t), (0, 3));
}

#[test]
fn wider_joins_wrapped_rows() {
    let mut t = sized(10, 4, &"0123456789".repeat(3));
    assert_eq!(text(&t), "0123456789\n0123456789\n0123456789");
    resize(&mut t, 30, 4);
    assert_eq!(text(&t), "0123456789".repeat(3));
    assert_eq!(cursor(&t), (29, 0));
    resize(&mut t, 15, 4);
    assert_eq!(all(&t), "012345678901234\n567890123456789\n\n\n\n");
}

#[test]
fn cursor_stays_on_its_text() {
    let mut t = sized(10, 4, "abcdefghijklmno\x1b[2;3H");
    assert_eq!(cursor(&t), (2, 1));
    resize(&mut t, 20, 4);
    assert_eq!(cursor(&t), (12, 0));
    assert_eq!(text(&t), "abcdefghijklmno");
}

#[test]
fn wide_characters_move_to_the_next_row() {
    let mut t = sized(10, 4, "abcd日本語");
    resize(&mut t, 5, 4);
    assert_eq!(all(&t), "abcd\n日本\n語\n\n\n\n");
    assert_eq!(t.history_len(), 2);
}

#[test]
fn shorter_drops_rows_below_the_cursor_first() {
    let mut t = sized(10, 6, "1\r\n2\r\n3\x1b[2;1H");
    resize(&mut t, 10, 3);
    assert_eq!(text(&t), "1\n2\n3");
    assert_eq!(t.history_len(), 0);
    let mut t = sized(10, 4, "1\r\n2\r\n3\r\n4");
    resize(&mut t, 10, 2);
    assert_eq!(text(&t), "3\n4");
    assert_eq!(t.history_len(), 2);
    resize(&mut t, 10, 4);
    assert_eq!(text(&t), "1\n2\n3\n4", "taller pulls history back");
    assert_eq!(cursor(&t), (1, 3));
}

#[test]
fn alternate_screen_is_clipped_and_main_reflowed() {
    let mut t = sized(10, 3, "0123456789abc\x1b[?1049hALTERNATE!");
    resize(&mut t, 5, 3);
    assert_eq!(text(&t), "\n   AL\nTE!");
    t.feed(b"\x1b[?1049l");
    assert_eq!(all(&t), "01234\n56789\nabc\n\n");
    assert_eq!(cursor(&t), (3, 1), "the saved cursor followed its text");
}

#[test]
fn resize_to_zero_is_clamped() {
    let mut t = sized(10, 3, "hello");
    resize(&mut t, 0, 0);
    assert_eq!(t.size(), Size { cols: 1, rows: 1 });
    assert_eq!(cursor(&t), (0, 0));
}

#[test]
fn spaces_at_a_wrap_point_survive() {
    let mut t = sized(
        12,
        6,
        "first line that is long enough to wrap\r\nsecond\r\n",
    );
    resize(&mut t, 30, 6);
    assert_eq!(
        all(&t).lines().next(),
        Some("first line that is long enough")
    );
}

#[test]
fn a_narrower_reflow_of_plain_lines_is_what_printing_at_that_width_gives() {
    // Long plain lines (styled runs, plain and styled spaces, a line that ends in
    // spaces) reflowed from 40 to 15 columns read as the same output printed at 15:
    // the packed text is cut without taking the lines apart into cells.
    let text = "\x1b[1mbold start\x1b[0m then plain text that runs well past the edge\r\n\
                short\r\n\
                spaces   in   the   middle   and   at   the   end      \r\n\
                \x1b[41m    red background    \x1b[0m and after it more words\r\n\
                x\x1b[7m          reverse gap\x1b[0m tail\r\n";
    let all = |t: &Terminal| {
        t.capture(&CaptureOptions {
            start: Some(i64::MIN),
            escapes: true,
            ..Default::default()
        })
    };
    let mut wide = sized(40, 4, text);
    wide.feed(b"\r\n\r\n\r\n\r\n");
    wide.resize(crate::Size { cols: 15, rows: 4 });
    let mut narrow = sized(15, 4, text);
    narrow.feed(b"\r\n\r\n\r\n\r\n");
    assert_eq!(all(&wide), all(&narrow));
    // And back: the wrapped rows join again into what printing at 40 gave.
    let mut back = sized(40, 4, text);
    back.feed(b"\r\n\r\n\r\n\r\n");
    narrow.resize(crate::Size { cols: 40, rows: 4 });
    assert_eq!(all(&narrow), all(&back));
}
