//! Property test: arbitrary bytes at arbitrary sizes, with resizes in
//! between, never panic and keep every invariant.

// Test helpers may fail loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;
use rmux_term::{
    CaptureOptions, Key, KeyCode, Mods, MouseButton, MouseEvent, MouseKind, Size, Terminal,
};

/// Pieces that real output is made of, so random input reaches deep states.
fn fragment() -> impl Strategy<Value = Vec<u8>> {
    let pieces: Vec<&'static [u8]> = vec![
        b"\x1b[",
        b"\x1b]",
        b"\x1bP",
        b"\x1b(0",
        b"\x1b(B",
        b"\x1b7",
        b"\x1b8",
        b"\x1bM",
        b"\x1bD",
        b"\x1bc",
        b"\x1b#8",
        b"\x1b[?1049h",
        b"\x1b[?1049l",
        b"\x1b[?47h",
        b"\x1b[?6h",
        b"\x1b[?7l",
        b"\x1b[4h",
        b"\x1b[2;5r",
        b"\x1b[r",
        b"\x1b[L",
        b"\x1b[3M",
        b"\x1b[@",
        b"\x1b[5P",
        b"\x1b[X",
        b"\x1b[2J",
        b"\x1b[3J",
        b"\x1b[K",
        b"\x1b[1K",
        b"\x1b[S",
        b"\x1b[2T",
        b"\x1b[b",
        b"\x1b[H",
        b"\x1b[99;99H",
        b"\x1b[38;2;1;2;3m",
        b"\x1b[4:3;58;5;9m",
        b"\x1b]8;;x\x07",
        b"\x1b]8;;\x07",
        b"\x1b]2;t\x07",
        b"\r\n",
        b"\n",
        b"\r",
        b"\t",
        b"\x08",
        b"\x0e",
        b"\x0f",
        "日本".as_bytes(),
        "e\u{301}".as_bytes(),
        "\u{1F468}\u{200D}\u{1F469}".as_bytes(),
        b"abcdefghij",
        b"\xf0\x9f",
        b"\xe6",
        b";",
        b"?",
        b"0",
        b"1",
        b"9",
        b"m",
        b"h",
        b"l",
        b"q",
        b"\x1b[2 q",
        b"\x1b[!p",
        b"\x1b[6n",
        b"\x1b[c",
        b"\x1b[Z",
        b"\x1b[3I",
    ];
    prop_oneof![
        3 => proptest::sample::select(pieces).prop_map(|p| p.to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 0..8),
    ]
}

#[derive(Debug, Clone)]
enum Step {
    Feed(Vec<u8>),
    Resize(u16, u16),
    Limit(usize),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => proptest::collection::vec(fragment(), 1..20).prop_map(|v| Step::Feed(v.concat())),
        1 => (0u16..40, 0u16..12).prop_map(|(c, r)| Step::Resize(c, r)),
        1 => (0usize..30).prop_map(Step::Limit),
    ]
}

fn exercise_readers(t: &Terminal) {
    let size = t.size();
    for y in -(t.history_len() as i64)..i64::from(size.rows) {
        let row = t.row(y).expect("row in range");
        assert_eq!(row.width(), size.cols);
        let _ = row.text();
        assert_eq!(row.cells().count(), usize::from(size.cols));
        let _ = row.cell(size.cols);
    }
    assert!(t.row(i64::from(size.rows)).is_none());
    assert!(t.row(-(t.history_len() as i64) - 1).is_none());
    for opts in [
        CaptureOptions::default(),
        CaptureOptions {
            start: Some(i64::MIN),
            end: Some(i64::MAX),
            escapes: true,
            join: true,
            keep_trailing: true,
        },
    ] {
        let _ = t.capture(&opts);
    }
    let mut out = Vec::new();
    t.encode_key(
        Key {
            code: KeyCode::Up,
            mods: Mods::NONE,
        },
        &mut out,
    );
    let ev = MouseEvent {
        kind: MouseKind::Press,
        button: MouseButton::Left,
        col: 5,
        row: 5,
        mods: Mods::NONE,
    };
    let _ = t.encode_mouse(ev, &mut out);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_input_keeps_the_invariants(
        cols in 1u16..40,
        rows in 1u16..12,
        steps in proptest::collection::vec(step(), 1..12),
    ) {
        let mut t = Terminal::new(Size { cols, rows }, 20);
        for s in steps {
            match s {
                Step::Feed(b) => t.feed(&b),
                Step::Resize(c, r) => t.resize(Size { cols: c, rows: r }),
                Step::Limit(l) => t.set_history_limit(l),
            }
            if let Err(e) = t.check_invariants() {
                prop_assert!(false, "{}", e);
            }
            exercise_readers(&t);
        }
    }

    #[test]
    fn feeding_in_pieces_is_feeding_at_once(
        bytes in proptest::collection::vec(fragment(), 1..30).prop_map(|v| v.concat()),
        split in 0usize..64,
    ) {
        let size = Size { cols: 17, rows: 5 };
        let mut whole = Terminal::new(size, 50);
        whole.feed(&bytes);
        let mut parts = Terminal::new(size, 50);
        let at = split.min(bytes.len());
        parts.feed(&bytes[..at]);
        parts.feed(&bytes[at..]);
        let all = CaptureOptions { start: Some(i64::MIN), escapes: true, ..Default::default() };
        prop_assert_eq!(whole.capture(&all), parts.capture(&all));
        prop_assert_eq!(whole.cursor(), parts.cursor());
    }

    /// One byte per `feed` cuts every sequence, so `vte` reads them all;
    /// fed at once, the usual ones are read without it (and text is
    /// written a line at a time). Both must agree.
    #[test]
    fn feeding_byte_by_byte_is_feeding_at_once(
        bytes in proptest::collection::vec(fragment(), 1..40).prop_map(|v| v.concat()),
    ) {
        let size = Size { cols: 13, rows: 4 };
        let mut whole = Terminal::new(size, 50);
        whole.feed(&bytes);
        let mut bytewise = Terminal::new(size, 50);
        for b in &bytes {
            bytewise.feed(std::slice::from_ref(b));
        }
        let all = CaptureOptions { start: Some(i64::MIN), escapes: true, ..Default::default() };
        prop_assert_eq!(whole.capture(&all), bytewise.capture(&all));
        prop_assert_eq!(whole.cursor(), bytewise.cursor());
        prop_assert_eq!(whole.modes(), bytewise.modes());
        prop_assert_eq!(whole.take_replies(), bytewise.take_replies());
    }
}

/// A row's cells, owned.
fn cells_of(t: &Terminal, y: i64) -> (Vec<String>, bool) {
    let r = t.row(y).expect("row in range");
    (r.cells().map(|c| format!("{c:?}")).collect(), r.wrapped())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// However a row was written, it reads back from the history as it was
    /// on screen (rows are packed from a trace of their writes when they
    /// can be, cell by cell otherwise).
    #[test]
    fn rows_read_back_from_history_as_they_were(
        cols in 1u16..40,
        rows in 1u16..8,
        bytes in proptest::collection::vec(fragment(), 1..30).prop_map(|v| v.concat()),
    ) {
        let mut t = Terminal::new(Size { cols, rows }, 100);
        t.feed(&bytes);
        // Back to the main screen, no region, no origin mode: the line feeds
        // below push every row into the history.
        t.feed(b"\x1b[?1049l\x1b[?47l\x1b[?6l\x1b[r");
        let rows = t.size().rows;
        let before: Vec<_> = (0..i64::from(rows)).map(|y| cells_of(&t, y)).collect();
        let n = t.history_len();
        t.feed(format!("\x1b[{rows};1H").as_bytes());
        t.feed(&vec![b'\n'; usize::from(rows)]);
        prop_assert_eq!(t.history_len(), n + usize::from(rows));
        for (k, row) in before.iter().enumerate() {
            prop_assert_eq!(&cells_of(&t, k as i64 - i64::from(rows)), row);
        }
    }
}

/// The inputs the emulator's fuzzer kept (`fuzz/seeds/feed`, and `fuzz/corpus/feed`
/// after a local run) replay here in the fuzz target's layout: two bytes of size, then
/// chunks, `0xFF a b` resizing between them; the invariants hold after every chunk.
#[test]
fn the_fuzz_corpus_replays() {
    // The committed seeds (fuzz/seeds) always; a local fuzzing run's corpus too.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let entries: Vec<std::fs::DirEntry> = ["seeds", "corpus"]
        .iter()
        .filter_map(|d| std::fs::read_dir(root.join(d).join("feed")).ok())
        .flat_map(|e| e.flatten())
        .collect();
    let size = |a: u8, b: u8| rmux_term::Size {
        cols: u16::from(a % 120),
        rows: u16::from(b % 50),
    };
    for entry in entries {
        let Ok(data) = std::fs::read(entry.path()) else {
            continue;
        };
        let [a, b, rest @ ..] = data.as_slice() else {
            continue;
        };
        let mut t = Terminal::new(size(*a, *b), 64);
        for (i, chunk) in rest.split(|&c| c == 0xff).enumerate() {
            match chunk {
                [a, b, more @ ..] if i > 0 => {
                    t.resize(size(*a, *b));
                    t.feed(more);
                }
                other => t.feed(other),
            }
            if let Err(e) = t.check_invariants() {
                panic!("{}: {e}", entry.path().display());
            }
        }
        exercise_readers(&t);
    }
}
