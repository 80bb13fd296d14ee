//! Answers queued for the program.

use super::*;

fn replies(input: &str) -> String {
    String::from_utf8(screen(input).take_replies()).unwrap()
}

#[test]
fn device_attributes() {
    assert_eq!(replies("\x1b[c"), "\x1b[?1;2c");
    assert_eq!(replies("\x1b[0c"), "\x1b[?1;2c");
    assert_eq!(replies("\x1b[>c"), "\x1b[>84;0;0c");
}

#[test]
fn device_status_and_cursor_position() {
    assert_eq!(replies("\x1b[5n"), "\x1b[0n");
    assert_eq!(replies("\x1b[3;7H\x1b[6n"), "\x1b[3;7R");
    assert_eq!(replies("\x1b[2;4r\x1b[?6h\x1b[2;2H\x1b[6n"), "\x1b[2;2R");
    assert_eq!(replies("\x1b[3;7H\x1b[?6n"), "\x1b[?3;7R");
}

#[test]
fn xtversion() {
    let r = replies("\x1b[>q");
    assert!(
        r.starts_with("\x1bP>|rmux ") && r.ends_with("\x1b\\"),
        "{r:?}"
    );
}

#[test]
fn decrqm_reports_modes() {
    assert_eq!(replies("\x1b[?2004$p"), "\x1b[?2004;2$y");
    assert_eq!(replies("\x1b[?2004h\x1b[?2004$p"), "\x1b[?2004;1$y");
    assert_eq!(replies("\x1b[?1049h\x1b[?1049$p"), "\x1b[?1049;1$y");
    assert_eq!(replies("\x1b[?2026$p"), "\x1b[?2026;2$y");
    assert_eq!(replies("\x1b[?12345$p"), "\x1b[?12345;0$y");
    assert_eq!(replies("\x1b[4h\x1b[4$p"), "\x1b[4;1$y");
}

#[test]
fn decrqss() {
    assert_eq!(replies("\x1bP$qBAD\x1b\\"), "\x1bP0$r\x1b\\");
    assert_eq!(replies("\x1b[2;4r\x1bP$qr\x1b\\"), "\x1bP1$r2;4r\x1b\\");
    assert_eq!(replies("\x1b[1;31m\x1bP$qm\x1b\\"), "\x1bP1$r0;1;31m\x1b\\");
    assert_eq!(replies("\x1b[4 q\x1bP$q q\x1b\\"), "\x1bP1$r4 q\x1b\\");
}

#[test]
fn take_replies_empties_the_queue() {
    let mut t = screen("\x1b[c");
    assert!(!t.take_replies().is_empty());
    assert!(t.take_replies().is_empty());
}
