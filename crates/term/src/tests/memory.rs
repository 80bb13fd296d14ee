//! Memory: nothing allocated up front, rows store cells only as far as they
//! are written, the alternate grid only while it is up; and rows that were
//! never written (or were erased) read back exactly as blank rows.

use super::*;
use crate::Size;
use crate::cell::Cell;
use crate::grid::Grid;
use crate::row::Row;
use crate::view::CellView;

const PANE: Size = Size {
    cols: 200,
    rows: 50,
};

fn pane() -> Terminal {
    Terminal::new(PANE, 10_000)
}

/// How many rows of the active screen store any cells.
fn stored_rows(t: &Terminal) -> usize {
    let grid = t.screen.grid();
    (0..usize::from(t.size().rows))
        .filter(|&y| grid.row(y).is_some_and(|r| !r.cells().is_empty()))
        .count()
}

/// Bytes of cells and side tables of a grid (its row bookkeeping aside).
fn cell_bytes(grid: &Grid, rows: u16) -> usize {
    (0..usize::from(rows))
        .filter_map(|y| grid.row(y))
        .map(Row::heap_bytes)
        .sum()
}

/// Every row of the screen reads back as a blank row, through every
/// reader, and the invariants hold.
fn assert_all_blank(t: &Terminal) {
    t.check_invariants().unwrap();
    for y in 0..i64::from(t.size().rows) {
        let row = t.row(y).unwrap();
        assert_eq!(row.text(), "", "row {y}");
        assert!(row.cells().all(|c| c == CellView::BLANK), "row {y}");
        assert_eq!(row.cells().count(), usize::from(t.size().cols));
        for x in 0..=t.size().cols {
            assert_eq!(row.cell(x), CellView::BLANK, "row {y} cell {x}");
        }
    }
}

#[test]
fn a_fresh_pane_allocates_only_row_bookkeeping() {
    let t = pane();
    let bytes = t.heap_bytes();
    println!("fresh 200x50 terminal: {bytes} heap bytes");
    assert!(bytes <= 16 * 1024, "{bytes}");
    assert_eq!(stored_rows(&t), 0);
    assert!(t.screen.alt.is_none(), "no alternate grid until it is used");
    assert_all_blank(&t);
}

#[test]
fn a_prompt_costs_one_short_row() {
    let mut t = pane();
    t.feed(b"IN$ ");
    let bytes = t.heap_bytes();
    println!("200x50 terminal after a prompt: {bytes} heap bytes");
    assert!(bytes <= 24 * 1024, "{bytes}");
    assert_eq!(stored_rows(&t), 1);
    assert_eq!(t.row(0).unwrap().text(), "IN$");
    // Typing grows the row a little at a time, never past the width.
    t.feed("x".repeat(500).as_bytes());
    for y in 0..usize::from(PANE.rows) {
        let row = t.screen.main.row(y).unwrap();
        assert!(row.heap_bytes() <= usize::from(PANE.cols) * std::mem::size_of::<Cell>());
    }
}

#[test]
fn a_full_screen_costs_no_more_than_its_cells() {
    let mut t = pane();
    let line = "y".repeat(usize::from(PANE.cols));
    for y in 0..PANE.rows {
        t.feed(format!("\x1b[{};1H{line}", y + 1).as_bytes());
    }
    let cells = usize::from(PANE.cols) * usize::from(PANE.rows) * std::mem::size_of::<Cell>();
    assert_eq!(cell_bytes(&t.screen.main, PANE.rows), cells);
    let bookkeeping = usize::from(PANE.rows) * std::mem::size_of::<Row>() + 2 * 1024;
    assert!(t.heap_bytes() <= cells + bookkeeping, "{}", t.heap_bytes());
}

#[test]
fn trailing_blanks_cost_nothing() {
    let mut t = pane();
    t.feed(b"short\r\n\x1b[44mblue\x1b[m\r\n");
    let first = t.screen.main.row(0).unwrap().cells().len();
    assert_eq!(first, 5);
    // Erasing to the end of the line forgets what was stored there.
    t.feed(&[b"x".repeat(150).as_slice(), b"\x1b[1;3H\x1b[K"].concat());
    assert_eq!(t.screen.main.row(0).unwrap().cells().len(), 2);
    assert_eq!(t.row(0).unwrap().text(), "sh");
    t.check_invariants().unwrap();
}

#[test]
fn the_alternate_grid_exists_only_while_it_is_up() {
    for (enter, leave) in [
        ("\x1b[?1049h", "\x1b[?1049l"),
        ("\x1b[?1047h", "\x1b[?1047l"),
        ("\x1b[?47h", "\x1b[?47l"),
    ] {
        let mut t = pane();
        t.feed(b"IN$ ");
        let before = t.heap_bytes();
        t.feed(enter.as_bytes());
        assert!(t.screen.alt.is_some(), "{enter}");
        assert_all_blank(&t);
        for y in 1..=PANE.rows {
            t.feed(format!("\x1b[{y};1H\x1b[44m{}\x1b[K\x1b[m", "z".repeat(150)).as_bytes());
        }
        assert!(t.heap_bytes() > before + 150 * 16 * usize::from(PANE.rows));
        t.feed(leave.as_bytes());
        assert!(t.screen.alt.is_none(), "{leave}");
        assert_eq!(t.heap_bytes(), before, "{enter} {leave}");
        assert_eq!(t.row(0).unwrap().text(), "IN$");
        t.check_invariants().unwrap();
    }
}

#[test]
fn a_reset_frees_the_alternate_grid() {
    let mut t = pane();
    t.feed(b"\x1b[?1049hfull screen\x1bc");
    assert!(t.screen.alt.is_none());
    assert!(!t.modes().alt_screen);
    assert_all_blank(&t);
    assert!(t.heap_bytes() <= 16 * 1024);
}

#[test]
fn the_alternate_screen_starts_erased_with_the_background() {
    // tmux erases the alternate screen with the current background.
    let mut t = sized(10, 3, "main\x1b[41m\x1b[?1049h");
    let row = t.row(2).unwrap();
    assert_eq!(row.cell(9).style.bg, crate::Color::Indexed(1));
    t.feed(b"\x1b[m\x1b[?1049l");
    assert_eq!(text(&t), "main");
    assert_eq!(t.row(2).unwrap().cell(9), CellView::BLANK);
}

#[test]
fn a_resize_of_never_written_rows_stores_nothing() {
    let mut t = pane();
    for (cols, rows) in [(80, 24), (300, 70), (1, 1), (120, 40), (200, 50)] {
        t.resize(Size { cols, rows });
        assert_eq!(stored_rows(&t), 0, "{cols}x{rows}");
        assert_eq!(t.history_len(), 0, "{cols}x{rows}");
        assert_all_blank(&t);
    }
    assert!(t.heap_bytes() <= 16 * 1024, "{}", t.heap_bytes());
    // In the alternate screen too.
    t.feed(b"\x1b[?1049h");
    t.resize(Size {
        cols: 100,
        rows: 30,
    });
    assert_eq!(stored_rows(&t), 0);
    assert_all_blank(&t);
}

#[test]
fn a_reflow_stores_only_the_rows_with_text() {
    let mut t = sized(40, 10, &format!("{}\r\nshort", "a".repeat(30)));
    let all = |t: &Terminal| {
        let opts = CaptureOptions {
            start: Some(i64::MIN),
            ..Default::default()
        };
        t.capture(&opts).trim_end_matches('\n').to_owned()
    };
    let with_text = |t: &Terminal| {
        (0..i64::from(t.size().rows))
            .filter(|&y| !t.row(y).unwrap().text().is_empty())
            .count()
    };
    t.resize(Size { cols: 20, rows: 10 });
    let a = "a".repeat(30);
    assert_eq!(all(&t), format!("{}\n{}\nshort", &a[..20], &a[20..]));
    assert_eq!(stored_rows(&t), with_text(&t));
    t.resize(Size { cols: 60, rows: 12 });
    assert_eq!(all(&t), format!("{a}\nshort"));
    assert_eq!(stored_rows(&t), with_text(&t));
    // The stored cells stop at the text, whatever the width.
    let rows = &t.screen.main;
    let lens: Vec<_> = (0..12)
        .map(|y| rows.row(y).unwrap().cells().len())
        .collect();
    assert!(lens.contains(&30) && lens.contains(&5), "{lens:?}");
    assert!(lens.iter().all(|&n| [0, 5, 30].contains(&n)), "{lens:?}");
    t.check_invariants().unwrap();
}

#[test]
fn erasing_unwritten_rows_stores_nothing() {
    let mut t = pane();
    for seq in [
        "\x1b[2J",
        "\x1b[J",
        "\x1b[1J",
        "\x1b[3J",
        "\x1b[K",
        "\x1b[1K",
        "\x1b[2K",
        "\x1b[5X",
        "\x1b[5P",
        "\x1b[5@",
        "\x1b[3L",
        "\x1b[3M",
        "\x1b[10;5H\x1b[1J",
        "\x1b[50;200H\x1b[J",
        "\x1b[25;100H\x1b[2K\x1b[50X\x1b[20P\x1b[20@",
    ] {
        t.feed(seq.as_bytes());
        assert_eq!(stored_rows(&t), 0, "{seq:?}");
    }
    assert_all_blank(&t);
    // Erasing with a background colour stores the coloured cells, as it
    // must; they read back coloured, and the rest blank.
    t.feed(b"\x1b[3;1H\x1b[42m\x1b[K\x1b[m");
    assert_eq!(stored_rows(&t), 1);
    let row = t.row(2).unwrap();
    assert!(row.cells().all(|c| c.style.bg == crate::Color::Indexed(2)));
    assert_eq!(t.row(3).unwrap().cell(0), CellView::BLANK);
}

#[test]
fn cells_skipped_over_read_blank_whatever_was_there_before() {
    // A row keeps its memory when erased; what it held must not come back
    // when a later write skips over it (tab, cursor motion, every path that
    // writes), so the screen is as if the old text had never been there.
    let writes = [
        "\tx",
        "\x1b[5Gx",
        "\x1b[5Gé",
        "\x1b[5G日",
        "\x1b[5G\x1b[4hx",
        "\x1b[5G\x1b(0q",
        "\x1b[5G\x1b[31mx",
        "\x1b[5G\x1b]8;;u\x07x",
        "\x1b[5G\x1b[4:3;58;5;9mx",
        "\x1b[6G\u{301}",
        "\x1b[5G\x1b[2@",
        "\x1b[5G\x1b[41m\x1b[2X",
    ];
    for write in writes {
        for erase in ["\r\x1b[K", "\r\x1b[2K", "\x1b[2J\x1b[H", "\x1b[S\x1b[3;1H"] {
            let input = format!("{erase}{write}");
            let fresh = sized(20, 3, &input);
            let t = sized(20, 3, &format!("abcdefghijkl{input}"));
            for y in 0..3 {
                let (got, want) = (t.row(y).unwrap(), fresh.row(y).unwrap());
                assert!(got.cells().eq(want.cells()), "{input:?} row {y}");
                assert_eq!(got.text(), want.text(), "{input:?} row {y}");
            }
            t.check_invariants().unwrap();
        }
    }
}

#[test]
fn scroll_regions_over_unwritten_rows_store_nothing() {
    let mut t = pane();
    t.feed(b"\x1b[5;40r");
    for seq in [
        "\x1b[40;1H\n\n\n",
        "\x1b[5;1H\x1bM\x1bM",
        "\x1b[7S",
        "\x1b[9T",
    ] {
        t.feed(seq.as_bytes());
        assert_eq!(stored_rows(&t), 0, "{seq:?}");
    }
    // Rows leaving the region's top went to the history, as in tmux:
    // blank there too.
    assert_eq!(t.history_len(), 10);
    assert_eq!(t.row(-1).unwrap().text(), "");
    assert_all_blank(&t);
    // One written row moves through the region; it alone stores cells.
    t.feed(b"\x1b[10;1Hmoving\x1b[3S\x1b[5T\x1b[40;1H\n");
    assert_eq!(stored_rows(&t), 1);
    assert_eq!(t.row(10).unwrap().text(), "moving");
    t.feed(b"\x1b[r");
    t.check_invariants().unwrap();
}

#[test]
fn blank_rows_pack_into_the_history_as_headers() {
    let mut t = Terminal::new(Size { cols: 200, rows: 5 }, 10_000);
    let n = 5_000;
    t.feed("\r\n".repeat(n).as_bytes());
    assert_eq!(t.history_len(), n - 4);
    let per_line = t.screen.history.heap_bytes() / t.history_len();
    println!("history bytes per blank line: {per_line}");
    // A header and an index entry (and the unused end of the last chunk),
    // nothing per column.
    assert!(per_line <= 64, "{per_line}");
    assert_eq!(stored_rows(&t), 0);
    for y in [-1, -2, -(t.history_len() as i64)] {
        let row = t.row(y).unwrap();
        assert_eq!(row.text(), "");
        assert!(row.cells().all(|c| c == CellView::BLANK));
    }
    // Back on the screen when it grows taller, still unstored.
    t.resize(Size {
        cols: 200,
        rows: 40,
    });
    assert_eq!(stored_rows(&t), 0);
    assert_all_blank(&t);
}

#[test]
fn erase_and_scroll_with_a_background_read_back_coloured() {
    let mut t = sized(10, 3, "ab\x1b[44m\x1b[2J\x1b[S\x1b[2;4H\x1b[2X\x1b[m");
    for y in 0..3 {
        let row = t.row(y).unwrap();
        assert!(
            row.cells().all(|c| c.style.bg == crate::Color::Indexed(4)),
            "row {y}"
        );
    }
    t.feed(b"\x1b[2;1H\x1b[3P\x1b[2@");
    // Default blanks come in at both ends.
    let row = t.row(1).unwrap();
    let bg: Vec<_> = row.cells().map(|c| c.style.bg).collect();
    let (default, blue) = (crate::Color::Default, crate::Color::Indexed(4));
    assert_eq!(
        bg,
        [[default; 2].as_slice(), &[blue; 7], &[default]].concat()
    );
    t.check_invariants().unwrap();
}

#[test]
fn a_little_history_costs_a_little() {
    let mut t = pane();
    t.feed("$ ls\r\nsome output\r\n".repeat(30).as_bytes());
    assert_eq!(t.history_len(), 11);
    let bytes = t.screen.history.heap_bytes();
    println!("history of 11 short lines: {bytes} heap bytes");
    assert!(bytes <= 8 * 1024, "{bytes}");
}

#[test]
fn a_row_keeps_its_side_table_out_of_line() {
    // Every row of every screen has one, and most never hold an entry.
    let size = std::mem::size_of::<Row>();
    assert!(size <= 88, "a row is {size} bytes");
}
