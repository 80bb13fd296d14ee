//! Change tracking: row stamps and seq.

use super::*;

fn stamps(t: &Terminal) -> Vec<u64> {
    (0..i64::from(t.size().rows))
        .map(|y| t.row(y).unwrap().stamp())
        .collect()
}

#[test]
fn only_changed_rows_get_new_stamps() {
    let mut t = screen("a\r\nb\r\nc");
    let before = stamps(&t);
    t.feed(b"\x1b[2;1HX");
    let after = stamps(&t);
    assert_eq!(before[0], after[0]);
    assert_ne!(before[1], after[1]);
    assert_eq!(before[2], after[2]);
}

#[test]
fn scrolling_moves_stamps_with_rows() {
    let mut t = sized(5, 3, "a\r\nb\r\nc");
    let before = stamps(&t);
    t.feed(b"\r\n");
    let after = stamps(&t);
    assert_eq!(after[0], before[1]);
    assert_eq!(after[1], before[2]);
    assert!(!before.contains(&after[2]), "the new row has a fresh stamp");
}

#[test]
fn stamps_are_never_reused() {
    let mut t = sized(5, 3, "");
    let mut seen = std::collections::HashSet::new();
    for i in 0..200 {
        t.feed(format!("{i}\r\n\x1b[2;1H\x1b[K{i}\x1b[3;1H").as_bytes());
        for (y, s) in stamps(&t).into_iter().enumerate() {
            let text = t.row(y as i64).unwrap().text();
            if !seen.insert(s) {
                continue;
            }
            let _ = text;
        }
    }
    // Equal stamps at the same y must mean equal content.
    let mut by_stamp = std::collections::HashMap::new();
    let mut t = sized(5, 3, "");
    for i in 0..100 {
        t.feed(format!("x{i}\r\n").as_bytes());
        for y in 0..3 {
            let r = t.row(y).unwrap();
            let prev = by_stamp.insert(r.stamp(), r.text());
            if let Some(p) = prev {
                assert_eq!(p, r.text());
            }
        }
    }
}

#[test]
fn seq_grows_on_visible_changes() {
    let mut t = screen("");
    let s0 = t.seq();
    t.feed(b"x");
    let s1 = t.seq();
    assert!(s1 > s0);
    t.feed(b"\x1b[3;3H");
    let s2 = t.seq();
    assert!(s2 > s1, "cursor moves count");
    t.feed(b"\x1b[?25l");
    assert!(t.seq() > s2, "modes count");
}

#[test]
fn alt_screen_switch_restamps() {
    let mut t = screen("main");
    let main = stamps(&t);
    t.feed(b"\x1b[?1049h");
    let alt = stamps(&t);
    t.feed(b"\x1b[?1049l");
    let back = stamps(&t);
    for y in 0..main.len() {
        assert_ne!(main[y], alt[y]);
        assert_ne!(alt[y], back[y]);
    }
}

#[test]
fn history_rows_have_their_own_stamps() {
    let t = sized(5, 2, "1\r\n2\r\n3\r\n4");
    let a = t.row(-1).unwrap().stamp();
    let b = t.row(-2).unwrap().stamp();
    assert_ne!(a, b);
    assert!(!stamps(&t).contains(&a));
}
