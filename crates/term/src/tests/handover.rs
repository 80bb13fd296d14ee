//! The whole state, serialised and read back (a live upgrade hands it to the next
//! server): the same screen, history, modes, cursor and styles, and it carries on the same.

use super::*;

fn round_trip(t: &Terminal) -> Terminal {
    let json = serde_json::to_string(t).expect("serialise");
    serde_json::from_str(&json).expect("read back")
}

fn everything(t: &Terminal) -> String {
    t.capture(&CaptureOptions {
        start: Some(i64::MIN),
        escapes: true,
        ..CaptureOptions::default()
    })
}

#[test]
fn a_terminal_reads_back_as_it_was_and_carries_on_the_same() {
    let mut t = sized(20, 5, "");
    for n in 0..40 {
        t.feed(format!("\x1b[1;3{}mline {n}\x1b[0m e\u{301}\u{4e2d}\r\n", n % 8).as_bytes());
    }
    t.feed(b"\x1b]8;;http://x\x07link\x1b]8;;\x07\x1b[?1h\x1b[?1000h\x1b[?2004h\x1b[2;4r");
    t.feed(b"\x1b[?1049h\x1b[3;5Halternate\x1b[5 q\x1b]2;title\x07");
    let mut back = round_trip(&t);
    assert_eq!(everything(&back), everything(&t));
    assert_eq!(back.history_len(), t.history_len());
    assert_eq!(back.modes(), t.modes());
    assert_eq!(back.cursor(), t.cursor());
    assert_eq!(back.details(), t.details());
    let more = b"\x1b[?1049l\x1b[4;1Hafter\r\nand more\r\n";
    t.feed(more);
    back.feed(more);
    assert_eq!(everything(&back), everything(&t));
    assert_eq!(back.cursor(), t.cursor());
}

#[test]
fn a_row_side_table_is_written_as_before_it_moved_out_of_line() {
    // Snapshots and live upgrades read what an older rmux wrote: the same fields.
    use crate::cell::Extras;
    let mut extras = Extras::default();
    assert_eq!(
        serde_json::to_string(&extras).expect("json"),
        r#"{"items":[],"text":""}"#
    );
    let id = extras.push_with_tail(0, "\u{301}");
    let json = serde_json::to_string(&extras).expect("json");
    assert!(
        json.starts_with(r#"{"items":[{"tail_start":0,"tail_len":2,"#),
        "{json}"
    );
    let back: Extras = serde_json::from_str(&json).expect("read back");
    assert_eq!(back, extras);
    assert_eq!(back.tail_of(id), "\u{301}");
}
