//! Key, paste, mouse and focus encoding.

use super::*;
use crate::{Key, KeyCode, Mods, MouseButton, MouseEvent, MouseKind};

fn key(t: &Terminal, code: KeyCode, mods: Mods) -> Vec<u8> {
    let mut out = Vec::new();
    t.encode_key(Key { code, mods }, &mut out);
    out
}

const NONE: Mods = Mods::NONE;
const CTRL: Mods = Mods {
    shift: false,
    alt: false,
    ctrl: true,
};
const ALT: Mods = Mods {
    shift: false,
    alt: true,
    ctrl: false,
};
const SHIFT: Mods = Mods {
    shift: true,
    alt: false,
    ctrl: false,
};

#[test]
fn plain_and_control_characters() {
    let t = screen("");
    assert_eq!(key(&t, KeyCode::Char('a'), NONE), b"a");
    assert_eq!(key(&t, KeyCode::Char('é'), NONE), "é".as_bytes());
    assert_eq!(key(&t, KeyCode::Char('a'), CTRL), b"\x01");
    assert_eq!(key(&t, KeyCode::Char('Z'), CTRL), b"\x1a");
    assert_eq!(key(&t, KeyCode::Char(' '), CTRL), b"\x00");
    assert_eq!(key(&t, KeyCode::Char('@'), CTRL), b"\x00");
    assert_eq!(key(&t, KeyCode::Char('['), CTRL), b"\x1b");
    assert_eq!(key(&t, KeyCode::Char('\\'), CTRL), b"\x1c");
    assert_eq!(key(&t, KeyCode::Char(']'), CTRL), b"\x1d");
    assert_eq!(key(&t, KeyCode::Char('^'), CTRL), b"\x1e");
    assert_eq!(key(&t, KeyCode::Char('_'), CTRL), b"\x1f");
    assert_eq!(key(&t, KeyCode::Char('?'), CTRL), b"\x7f");
    assert_eq!(key(&t, KeyCode::Char('x'), ALT), b"\x1bx");
    assert_eq!(
        key(&t, KeyCode::Char('c'), Mods { alt: true, ..CTRL }),
        b"\x1b\x03"
    );
}

#[test]
fn named_keys() {
    let t = screen("");
    assert_eq!(key(&t, KeyCode::Enter, NONE), b"\r");
    assert_eq!(key(&t, KeyCode::Enter, ALT), b"\x1b\r");
    assert_eq!(key(&t, KeyCode::Tab, NONE), b"\t");
    assert_eq!(key(&t, KeyCode::Tab, SHIFT), b"\x1b[Z");
    assert_eq!(key(&t, KeyCode::BackTab, NONE), b"\x1b[Z");
    assert_eq!(key(&t, KeyCode::Backspace, NONE), b"\x7f");
    assert_eq!(key(&t, KeyCode::Escape, NONE), b"\x1b");
    assert_eq!(key(&t, KeyCode::Home, NONE), b"\x1b[1~");
    assert_eq!(key(&t, KeyCode::End, NONE), b"\x1b[4~");
    assert_eq!(key(&t, KeyCode::Insert, NONE), b"\x1b[2~");
    assert_eq!(key(&t, KeyCode::Delete, NONE), b"\x1b[3~");
    assert_eq!(key(&t, KeyCode::PageUp, NONE), b"\x1b[5~");
    assert_eq!(key(&t, KeyCode::PageDown, NONE), b"\x1b[6~");
    assert_eq!(key(&t, KeyCode::F(1), NONE), b"\x1bOP");
    assert_eq!(key(&t, KeyCode::F(4), NONE), b"\x1bOS");
    assert_eq!(key(&t, KeyCode::F(5), NONE), b"\x1b[15~");
    assert_eq!(key(&t, KeyCode::F(12), NONE), b"\x1b[24~");
    assert_eq!(key(&t, KeyCode::F(13), NONE), b"");
}

#[test]
fn cursor_keys_follow_decckm() {
    let t = screen("");
    assert_eq!(key(&t, KeyCode::Up, NONE), b"\x1b[A");
    assert_eq!(key(&t, KeyCode::Left, NONE), b"\x1b[D");
    let t = screen("\x1b[?1h");
    assert_eq!(key(&t, KeyCode::Up, NONE), b"\x1bOA");
    assert_eq!(key(&t, KeyCode::Right, NONE), b"\x1bOC");
}

#[test]
fn modified_keys_use_xterm_forms() {
    let t = screen("\x1b[?1h");
    assert_eq!(key(&t, KeyCode::Up, SHIFT), b"\x1b[1;2A");
    assert_eq!(key(&t, KeyCode::Right, ALT), b"\x1b[1;3C");
    assert_eq!(key(&t, KeyCode::Left, CTRL), b"\x1b[1;5D");
    assert_eq!(
        key(
            &t,
            KeyCode::Down,
            Mods {
                shift: true,
                alt: true,
                ctrl: true
            }
        ),
        b"\x1b[1;8B"
    );
    assert_eq!(key(&t, KeyCode::F(1), CTRL), b"\x1b[1;5P");
    assert_eq!(key(&t, KeyCode::F(5), SHIFT), b"\x1b[15;2~");
    assert_eq!(key(&t, KeyCode::Delete, CTRL), b"\x1b[3;5~");
    assert_eq!(key(&t, KeyCode::Home, SHIFT), b"\x1b[1;2~");
    assert_eq!(key(&t, KeyCode::PageUp, ALT), b"\x1b[5;3~");
}

#[test]
fn keypad_follows_deckpam() {
    let t = screen("");
    assert_eq!(key(&t, KeyCode::Keypad('5'), NONE), b"5");
    assert_eq!(key(&t, KeyCode::Keypad('\r'), NONE), b"\r");
    let t = screen("\x1b=");
    assert_eq!(key(&t, KeyCode::Keypad('0'), NONE), b"\x1bOp");
    assert_eq!(key(&t, KeyCode::Keypad('9'), NONE), b"\x1bOy");
    assert_eq!(key(&t, KeyCode::Keypad('\r'), NONE), b"\x1bOM");
    assert_eq!(key(&t, KeyCode::Keypad('+'), NONE), b"\x1bOk");
    assert_eq!(key(&t, KeyCode::Keypad('-'), NONE), b"\x1bOm");
    assert_eq!(key(&t, KeyCode::Keypad('*'), NONE), b"\x1bOj");
    assert_eq!(key(&t, KeyCode::Keypad('/'), NONE), b"\x1bOo");
    assert_eq!(key(&t, KeyCode::Keypad('.'), NONE), b"\x1bOn");
    assert_eq!(key(&t, KeyCode::Keypad('='), NONE), b"\x1bOX");
}

#[test]
fn paste_is_bracketed_on_request() {
    let mut out = Vec::new();
    screen("").encode_paste("hi\n", &mut out);
    assert_eq!(out, b"hi\n");
    out.clear();
    screen("\x1b[?2004h").encode_paste("hi", &mut out);
    assert_eq!(out, b"\x1b[200~hi\x1b[201~");
}

#[test]
fn focus_only_when_asked() {
    let mut out = Vec::new();
    assert!(!screen("").encode_focus(true, &mut out));
    assert!(out.is_empty());
    let t = screen("\x1b[?1004h");
    assert!(t.encode_focus(true, &mut out));
    assert!(t.encode_focus(false, &mut out));
    assert_eq!(out, b"\x1b[I\x1b[O");
}

fn mouse(
    t: &Terminal,
    kind: MouseKind,
    button: MouseButton,
    col: u16,
    row: u16,
) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let ev = MouseEvent {
        kind,
        button,
        col,
        row,
        mods: Mods::NONE,
    };
    t.encode_mouse(ev, &mut out).then_some(out)
}

#[test]
fn mouse_needs_a_mode() {
    let t = screen("");
    assert_eq!(mouse(&t, MouseKind::Press, MouseButton::Left, 0, 0), None);
}

#[test]
fn mouse_default_encoding() {
    let t = screen("\x1b[?1000h");
    assert_eq!(
        mouse(&t, MouseKind::Press, MouseButton::Left, 2, 3),
        Some(b"\x1b[M #$".to_vec())
    );
    assert_eq!(
        mouse(&t, MouseKind::Release, MouseButton::Left, 2, 3),
        Some(b"\x1b[M##$".to_vec())
    );
    assert_eq!(
        mouse(&t, MouseKind::WheelUp, MouseButton::None, 0, 0),
        Some(b"\x1b[M`!!".to_vec())
    );
    assert_eq!(mouse(&t, MouseKind::Drag, MouseButton::Left, 1, 1), None);
    assert_eq!(
        mouse(&t, MouseKind::Press, MouseButton::Left, 300, 0),
        None,
        "too far to encode"
    );
}

#[test]
fn mouse_sgr_and_motion_modes() {
    let t = screen("\x1b[?1002h\x1b[?1006h");
    assert_eq!(
        mouse(&t, MouseKind::Press, MouseButton::Right, 9, 4),
        Some(b"\x1b[<2;10;5M".to_vec())
    );
    assert_eq!(
        mouse(&t, MouseKind::Release, MouseButton::Right, 9, 4),
        Some(b"\x1b[<2;10;5m".to_vec())
    );
    assert_eq!(
        mouse(&t, MouseKind::Drag, MouseButton::Left, 300, 4),
        Some(b"\x1b[<32;301;5M".to_vec())
    );
    assert_eq!(mouse(&t, MouseKind::Move, MouseButton::None, 1, 1), None);
    let t = screen("\x1b[?1003h\x1b[?1006h");
    assert_eq!(
        mouse(&t, MouseKind::Move, MouseButton::None, 1, 1),
        Some(b"\x1b[<35;2;2M".to_vec())
    );
}

#[test]
fn mouse_modifiers_urxvt_and_utf8() {
    let t = screen("\x1b[?1000h\x1b[?1006h");
    let mut out = Vec::new();
    let ev = MouseEvent {
        kind: MouseKind::Press,
        button: MouseButton::Left,
        col: 0,
        row: 0,
        mods: Mods {
            shift: true,
            alt: true,
            ctrl: true,
        },
    };
    assert!(t.encode_mouse(ev, &mut out));
    assert_eq!(out, b"\x1b[<28;1;1M");
    let t = screen("\x1b[?1000h\x1b[?1015h");
    assert_eq!(
        mouse(&t, MouseKind::Press, MouseButton::Middle, 4, 5),
        Some(b"\x1b[33;5;6M".to_vec())
    );
    let t = screen("\x1b[?1000h\x1b[?1005h");
    let mut expect = b"\x1b[M ".to_vec();
    expect.extend_from_slice("\u{12d}".as_bytes());
    expect.push(b'!');
    assert_eq!(
        mouse(&t, MouseKind::Press, MouseButton::Left, 268, 0),
        Some(expect)
    );
}

#[test]
fn x10_mode_reports_presses_only() {
    let t = screen("\x1b[?9h");
    assert!(mouse(&t, MouseKind::Press, MouseButton::Left, 0, 0).is_some());
    assert_eq!(mouse(&t, MouseKind::Release, MouseButton::Left, 0, 0), None);
}
