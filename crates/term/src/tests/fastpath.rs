//! The fast paths (printable ASCII runs, CSI and ESC sequences read
//! without `vte`, rows packed into history from their trace) against the
//! slow ones they stand in for.

use super::*;
use crate::{Color, Size};

/// Everything a caller can see of a terminal, history included.
fn state(t: &mut Terminal) -> String {
    let all = CaptureOptions {
        start: Some(i64::MIN),
        escapes: true,
        keep_trailing: true,
        ..Default::default()
    };
    let wraps: Vec<bool> = (-(t.history_len() as i64)..i64::from(t.size().rows))
        .filter_map(|y| t.row(y).map(|r| r.wrapped()))
        .collect();
    let seen = format!(
        "{}\n{:?}\n{:?}\n{:?}\n{wraps:?}",
        t.capture(&all),
        t.cursor(),
        t.modes(),
        t.title(),
    );
    format!("{seen}\n{:?}\n{:?}", t.take_replies(), t.take_events())
}

/// Feeds `input` at once, and one byte per `feed` (which cuts every
/// sequence, so `vte` reads them all), and compares.
fn same_as_bytewise(cols: u16, rows: u16, input: &[u8]) -> Terminal {
    let size = Size { cols, rows };
    let mut whole = Terminal::new(size, 100);
    whole.feed(input);
    let mut bytewise = Terminal::new(size, 100);
    for b in input {
        bytewise.feed(std::slice::from_ref(b));
    }
    assert_eq!(state(&mut whole), state(&mut bytewise), "input {input:?}");
    whole.check_invariants().unwrap();
    whole
}

#[test]
fn direct_sequences_read_as_vte_reads_them() {
    let cases: &[&[u8]] = &[
        b"\x1b[1;31mred\x1b[0m plain \x1b[m\x1b[;1;;4mx",
        b"\x1b[38;5;141mx\x1b[48;2;1;2;3my\x1b[38:2::9:8:7mz\x1b[4:3mw",
        b"\x1b[99999999;1mbig\x1b[2;99999H",
        // More parameters than vte keeps: ignored.
        b"\x1b[1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;31mx",
        b"\x1b[1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;1;31mx",
        // Controls and DEL inside a sequence are executed / ignored.
        b"ab\x1b[3\r1mc\x1b[1\x7f;2Hd\x1b[2\x08Ce",
        b"\x1b[?25l\x1b[?1049h\x1b[2J\x1bM\x1b[?1049lx\x1b[?25h",
        b"\x1b[?2004$p\x1b[4$p\x1b[2 q\x1b[>c\x1b[6n\x1b[!p",
        b"\x1b[?1;?2hx\x1b[1?hy\x1b[1$$$pz\x1b[ $q",
        b"\x1b(0lqk\x1b(B\x1b)0\x0eq\x0f\x1b(Aa#",
        b"\x1b7\x1b[5;5Hx\x1b8y\x1bDz\x1bE\x1bHw\x1b#8",
        b"\x1bkname\x1b\\after\x1bkname2\x07more",
        b"\x1b]2;title\x07\x1b]0;t2\x1b\\x\x1bP$qm\x1b\\",
        b"\x1b[\x1b[31mx\x1b\x1b[32my\x1b[1\x1b[33mz",
        b"\x1b[;m\x1b[:mx\x1b[1:m",
        b"\x1b[38;5;300mx\x1b[38;5my\x1b[38;2;1;2mz\x1b[1;38;5;9;4mw",
        b"\x1b[58;5;3mu\x1b[38;7;1mv\x1b[48;2;1;2;3;4mt\x1b[38;5;9;48;5;10ms",
        b"\x1b[38;2;1;2;300mx\x1b[38;2;1;2;3mq\x1b[38;m\x1b[48;5;;1mr",
    ];
    for case in cases {
        same_as_bytewise(20, 5, case);
    }
}

#[test]
fn direct_sgr_is_undone_when_it_cannot_finish() {
    // The plain SGR reader applies codes as it reads them; a 38 found
    // later hands the sequence to the general reader from the start.
    let t = same_as_bytewise(20, 5, b"\x1b[1;4;38;5;9mx");
    let cell = t.row(0).unwrap().cell(0);
    assert_eq!(cell.style.fg, Color::Indexed(9));
    assert!(cell.style.attrs.contains(crate::Attrs::BOLD));
}

#[test]
fn ascii_run_split_across_feeds() {
    let mut t = Terminal::new(Size { cols: 10, rows: 3 }, 10);
    t.feed(b"hello ");
    t.feed(b"wor");
    t.feed(b"ld!");
    assert_eq!(text(&t), "hello worl\nd!");
    assert_eq!(cursor(&t), (2, 1));
    t.check_invariants().unwrap();
}

#[test]
fn ascii_run_ending_in_the_middle_of_an_escape() {
    let mut t = Terminal::new(Size { cols: 20, rows: 3 }, 10);
    t.feed(b"abc\x1b[3");
    t.feed(b"1mdef\x1b");
    t.feed(b"[0mghi");
    assert_eq!(text(&t), "abcdefghi");
    let row = t.row(0).unwrap();
    assert_eq!(row.cell(2).style.fg, Color::Default);
    assert_eq!(row.cell(3).style.fg, Color::Indexed(1));
    assert_eq!(row.cell(6).style.fg, Color::Default);
    same_as_bytewise(20, 3, b"abc\x1b[31mdef\x1b[0mghi");
}

#[test]
fn wrap_in_the_middle_of_a_run() {
    let t = same_as_bytewise(5, 3, b"abcdefghijkl");
    assert_eq!(text(&t), "abcde\nfghij\nkl");
    assert!(t.row(0).unwrap().wrapped());
    assert!(t.row(1).unwrap().wrapped());
    // Without autowrap the run piles up in the last column.
    let t = same_as_bytewise(5, 3, b"\x1b[?7labcdefgh");
    assert_eq!(text(&t), "abcdh");
}

#[test]
fn insert_mode_shifts_what_is_there() {
    let t = same_as_bytewise(10, 2, b"world\r\x1b[4hhello \x1b[4l!");
    assert_eq!(text(&t), "hello !orl");
}

#[test]
fn line_drawing_is_not_plain_ascii() {
    let t = same_as_bytewise(10, 2, b"\x1b(0lqqk\x1b(Bq\x0e\x1b)0x\x0fx");
    assert_eq!(t.row(0).unwrap().text(), "┌──┐q│x");
}

#[test]
fn wide_characters_after_ascii() {
    let t = same_as_bytewise(6, 3, "ab日本語cd".as_bytes());
    assert_eq!(text(&t), "ab日本\n語cd");
    let row = t.row(0).unwrap();
    assert_eq!(row.cell(2).width, 2);
    assert_eq!(row.cell(3).width, 0);
    // A wide character that does not fit in the last column wraps whole.
    let t = same_as_bytewise(5, 3, "abcd日x".as_bytes());
    assert_eq!(text(&t), "abcd\n日x");
}

#[test]
fn utf8_split_invalid_and_overlong() {
    let cases: &[&[u8]] = &[
        "日本".as_bytes(),
        b"\xe6\x97",
        b"a\xe6\x97b\xc3\xa9\xf0\x9f\x98\x80c",
        b"\xc0\xaf\xe0\x80\xaf\xed\xa0\x80\xf4\x90\x80\x80\xf8x",
        b"\xe6\x97\x1b[1m\xa5",
    ];
    for case in cases {
        same_as_bytewise(12, 3, case);
    }
}

/// A row's cells, owned.
fn cells_of(t: &Terminal, y: i64) -> (Vec<String>, bool) {
    let r = t.row(y).unwrap();
    let cells = r.cells().map(|c| format!("{c:?}")).collect();
    (cells, r.wrapped())
}

/// Every row that scrolls into history reads back as it was on screen,
/// whichever way it was packed (from its trace or cell by cell).
#[test]
fn history_rows_are_the_rows_that_scrolled_off() {
    let lines: &[&[u8]] = &[
        b"plain text",
        b"\x1b[31mred\x1b[m and \x1b[1;44mbold on blue\x1b[m",
        b"\x1b[44mblue bg to the end\x1b[K\x1b[m",
        b"tab\tstops\x1b[5Cskip \x1b[7mrev\x1b[m   ",
        b"\x1b[7m   \x1b[m",
        "日本語 text \x1b[32m中文\x1b[m".as_bytes(),
        b"overwrite\rOVER",
        b"back\x08\x08ck",
        b"\x1b]8;;http://x\x07link\x1b]8;;\x07 e\xcc\x81",
        b"\x1b(0lqk\x1b(B",
        b"\x1b[4hins\rX\x1b[4l",
        b"long line that wraps around the edge of the screen and more",
        b"\x1b[3X\x1b[2P\x1b[1@x",
        b"",
    ];
    for cols in [7u16, 20, 80] {
        let mut t = Terminal::new(Size { cols, rows: 4 }, 1000);
        for (i, line) in lines.iter().cycle().take(lines.len() * 3).enumerate() {
            t.feed(line);
            let before: Vec<_> = (0..4).map(|y| cells_of(&t, y)).collect();
            let n = t.history_len();
            // Four line feeds at the bottom push every row up.
            t.feed(b"\x1b[4;1H\n\n\n\n");
            assert_eq!(t.history_len(), n + 4, "line {i}");
            for (k, row) in before.iter().enumerate() {
                assert_eq!(&cells_of(&t, k as i64 - 4), row, "line {i} row {k}");
            }
            t.check_invariants().unwrap();
            t.feed(b"\x1b[H");
        }
    }
}
