//! Modes: alternate screen, keypad/cursor keys, mouse, paste, focus, sync.

use super::*;
use crate::{MouseEncoding, MouseMode};

#[test]
fn alternate_screen_1049_saves_the_cursor() {
    let t = screen("main\x1b[2;3H\x1b[?1049h\x1b[4;4Halt");
    assert!(t.modes().alt_screen);
    assert_eq!(text(&t), "\n\n\n   alt");
    let mut t = t;
    t.feed(b"\x1b[?1049lX");
    assert_eq!(text(&t), "main\n  X");
}

#[test]
fn alternate_screen_47_keeps_the_cursor_where_it_is() {
    let t = screen("main\x1b[?47h\x1b[3;3Halt\x1b[?47lX");
    assert_eq!(text(&t), "main\n\n     X");
}

#[test]
fn alternate_screen_never_feeds_history() {
    let t = sized(5, 2, "\x1b[?1049h1\r\n2\r\n3\r\n4\x1b[?1049l");
    assert_eq!(t.history_len(), 0);
}

#[test]
fn alternate_screen_starts_blank_each_time() {
    let t = screen("\x1b[?1049hold\x1b[?1049l\x1b[?1049h");
    assert_eq!(text(&t), "");
}

#[test]
fn private_modes_toggle() {
    let on = screen("\x1b[?1h\x1b=\x1b[?2004h\x1b[?1004h\x1b[?2026h\x1b[4h\x1b[?7l");
    let m = on.modes();
    assert!(m.app_cursor && m.app_keypad && m.bracketed_paste && m.focus_events);
    assert!(m.sync_output && m.insert && !m.autowrap);
    let off = screen("\x1b[?1h\x1b=\x1b[?2004h\x1b[?1l\x1b>\x1b[?2004l");
    let m = off.modes();
    assert!(!m.app_cursor && !m.app_keypad && !m.bracketed_paste);
}

#[test]
fn mouse_modes_and_encodings() {
    assert_eq!(screen("\x1b[?9h").modes().mouse, MouseMode::X10);
    assert_eq!(screen("\x1b[?1000h").modes().mouse, MouseMode::Normal);
    assert_eq!(screen("\x1b[?1002h").modes().mouse, MouseMode::Button);
    assert_eq!(screen("\x1b[?1003h").modes().mouse, MouseMode::Any);
    assert_eq!(
        screen("\x1b[?1003h\x1b[?1000l").modes().mouse,
        MouseMode::Off
    );
    assert_eq!(
        screen("\x1b[?1006h").modes().mouse_encoding,
        MouseEncoding::Sgr
    );
    assert_eq!(
        screen("\x1b[?1005h").modes().mouse_encoding,
        MouseEncoding::Utf8
    );
    assert_eq!(
        screen("\x1b[?1015h").modes().mouse_encoding,
        MouseEncoding::Urxvt
    );
    let t = screen("\x1b[?1006h\x1b[?1006l");
    assert_eq!(t.modes().mouse_encoding, MouseEncoding::Default);
}

#[test]
fn several_modes_in_one_sequence() {
    let m = screen("\x1b[?1000;1006;2004h").modes();
    assert_eq!(m.mouse, MouseMode::Normal);
    assert_eq!(m.mouse_encoding, MouseEncoding::Sgr);
    assert!(m.bracketed_paste);
}

#[test]
fn dec_line_drawing_and_shift_out() {
    let t = screen("\x1b(0lqk\x1b(B x\x0e\x1b)0q\x0fq");
    let r = t.row(0).unwrap();
    assert_eq!(r.text(), "┌─┐ x─q");
    let cap = t.capture(&CaptureOptions::default());
    assert_eq!(
        cap.lines().next(),
        Some("lqk xqq"),
        "capture keeps the letters, as tmux"
    );
}

#[test]
fn uk_charset() {
    assert_eq!(text(&screen("\x1b(A#\x1b(B#")), "£#");
}
