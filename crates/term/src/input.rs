//! What the pane's program expects for a key, a paste, a mouse event or a
//! focus change, under its current modes (as tmux sends them to a pane).

use std::io::Write as _;

use crate::modes::{Modes, MouseEncoding, MouseMode};

pub use rmux_types::{Key, KeyCode, Mods, MouseButton, MouseEvent, MouseKind};

/// The C0 byte for Ctrl plus `c`, if there is one.
fn control_byte(c: char) -> Option<u8> {
    Some(match c {
        'a'..='z' => c as u8 - b'a' + 1,
        'A'..='Z' => c as u8 - b'A' + 1,
        '@' | ' ' | '2' => 0,
        '[' | '3' => 0x1b,
        '\\' | '4' => 0x1c,
        ']' | '5' => 0x1d,
        '^' | '6' | '~' => 0x1e,
        '_' | '7' | '/' | '-' => 0x1f,
        '?' | '8' => 0x7f,
        _ => return None,
    })
}

/// Final byte and whether the key takes the `CSI 1;m X` / `ESC O X` form
/// (true) or the `CSI n;m ~` form (false, with `n`).
enum Special {
    Letter(u8),
    Tilde(u8),
}

fn special(code: KeyCode) -> Option<Special> {
    Some(match code {
        KeyCode::Up => Special::Letter(b'A'),
        KeyCode::Down => Special::Letter(b'B'),
        KeyCode::Right => Special::Letter(b'C'),
        KeyCode::Left => Special::Letter(b'D'),
        // tmux-256color's khome/kend are \E[1~ and \E[4~.
        KeyCode::Home => Special::Tilde(1),
        KeyCode::End => Special::Tilde(4),
        KeyCode::Insert => Special::Tilde(2),
        KeyCode::Delete => Special::Tilde(3),
        KeyCode::PageUp => Special::Tilde(5),
        KeyCode::PageDown => Special::Tilde(6),
        KeyCode::F(1) => Special::Letter(b'P'),
        KeyCode::F(2) => Special::Letter(b'Q'),
        KeyCode::F(3) => Special::Letter(b'R'),
        KeyCode::F(4) => Special::Letter(b'S'),
        KeyCode::F(5) => Special::Tilde(15),
        KeyCode::F(6) => Special::Tilde(17),
        KeyCode::F(7) => Special::Tilde(18),
        KeyCode::F(8) => Special::Tilde(19),
        KeyCode::F(9) => Special::Tilde(20),
        KeyCode::F(10) => Special::Tilde(21),
        KeyCode::F(11) => Special::Tilde(23),
        KeyCode::F(12) => Special::Tilde(24),
        _ => return None,
    })
}

pub(crate) fn encode_key(modes: &Modes, key: Key, out: &mut Vec<u8>) {
    let mods = key.mods;
    if let Some(sp) = special(key.code) {
        encode_special(modes, key.code, sp, mods, out);
        return;
    }
    let alt = |out: &mut Vec<u8>| {
        if mods.alt {
            out.push(0x1b);
        }
    };
    match key.code {
        KeyCode::Char(c) => {
            alt(out);
            match control_byte(c).filter(|_| mods.ctrl) {
                Some(b) => out.push(b),
                None => {
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
            }
        }
        KeyCode::Enter => {
            alt(out);
            out.push(b'\r');
        }
        KeyCode::Tab if mods.shift => out.extend_from_slice(b"\x1b[Z"),
        KeyCode::Tab => {
            alt(out);
            out.push(b'\t');
        }
        KeyCode::BackTab => out.extend_from_slice(b"\x1b[Z"),
        KeyCode::Backspace => {
            alt(out);
            out.push(0x7f);
        }
        KeyCode::Escape => {
            alt(out);
            out.push(0x1b);
        }
        KeyCode::Keypad(c) => encode_keypad(modes, c, mods, out),
        _ => tracing::debug!(?key, "key with no encoding"),
    }
}

fn encode_special(modes: &Modes, code: KeyCode, sp: Special, mods: Mods, out: &mut Vec<u8>) {
    match sp {
        Special::Letter(f) if mods.is_empty() => {
            let is_arrow = matches!(
                code,
                KeyCode::Up | KeyCode::Down | KeyCode::Left | KeyCode::Right
            );
            if is_arrow && !modes.app_cursor {
                out.extend_from_slice(&[0x1b, b'[', f]);
            } else {
                out.extend_from_slice(&[0x1b, b'O', f]);
            }
        }
        Special::Letter(f) => {
            let _ = write!(out, "\x1b[1;{}{}", mods.xterm_param(), char::from(f));
        }
        Special::Tilde(n) if mods.is_empty() => {
            let _ = write!(out, "\x1b[{n}~");
        }
        Special::Tilde(n) => {
            let _ = write!(out, "\x1b[{n};{}~", mods.xterm_param());
        }
    }
}

fn encode_keypad(modes: &Modes, c: char, mods: Mods, out: &mut Vec<u8>) {
    let app = match c {
        '0'..='9' => Some(b'p' + (c as u8 - b'0')),
        '.' => Some(b'n'),
        '+' => Some(b'k'),
        '-' => Some(b'm'),
        '*' => Some(b'j'),
        '/' => Some(b'o'),
        '=' => Some(b'X'),
        '\r' | '\n' => Some(b'M'),
        _ => None,
    };
    match app {
        Some(f) if modes.app_keypad => out.extend_from_slice(&[0x1b, b'O', f]),
        _ => encode_key(
            modes,
            Key {
                code: if c == '\r' || c == '\n' {
                    KeyCode::Enter
                } else {
                    KeyCode::Char(c)
                },
                mods,
            },
            out,
        ),
    }
}

pub(crate) fn encode_paste(modes: &Modes, text: &str, out: &mut Vec<u8>) {
    if modes.bracketed_paste {
        out.extend_from_slice(b"\x1b[200~");
        out.extend_from_slice(text.as_bytes());
        out.extend_from_slice(b"\x1b[201~");
    } else {
        out.extend_from_slice(text.as_bytes());
    }
}

pub(crate) fn encode_focus(modes: &Modes, focused: bool, out: &mut Vec<u8>) -> bool {
    if !modes.focus_events {
        return false;
    }
    out.extend_from_slice(if focused { b"\x1b[I" } else { b"\x1b[O" });
    true
}

fn wanted(mode: MouseMode, kind: MouseKind, button: MouseButton) -> bool {
    match kind {
        MouseKind::Press | MouseKind::WheelUp | MouseKind::WheelDown => mode != MouseMode::Off,
        MouseKind::Release => {
            matches!(mode, MouseMode::Normal | MouseMode::Button | MouseMode::Any)
        }
        MouseKind::Drag => {
            matches!(mode, MouseMode::Button | MouseMode::Any) && button != MouseButton::None
        }
        MouseKind::Move => mode == MouseMode::Any,
    }
}

pub(crate) fn encode_mouse(modes: &Modes, ev: MouseEvent, out: &mut Vec<u8>) -> bool {
    if !wanted(modes.mouse, ev.kind, ev.button) {
        return false;
    }
    let sgr = modes.mouse_encoding == MouseEncoding::Sgr;
    let button_code: u32 = match ev.button {
        MouseButton::Left => 0,
        MouseButton::Middle => 1,
        MouseButton::Right => 2,
        MouseButton::None => 3,
    };
    let mut b: u32 = match ev.kind {
        MouseKind::Press => button_code,
        // Only SGR says which button was released.
        MouseKind::Release if sgr => button_code,
        MouseKind::Release => 3,
        MouseKind::Drag => button_code + 32,
        MouseKind::Move => 3 + 32,
        MouseKind::WheelUp => 64,
        MouseKind::WheelDown => 65,
    };
    if modes.mouse != MouseMode::X10 {
        b += 4 * u32::from(ev.mods.shift)
            + 8 * u32::from(ev.mods.alt)
            + 16 * u32::from(ev.mods.ctrl);
    }
    let (x, y) = (u32::from(ev.col) + 1, u32::from(ev.row) + 1);
    match modes.mouse_encoding {
        MouseEncoding::Sgr => {
            let end = if ev.kind == MouseKind::Release {
                'm'
            } else {
                'M'
            };
            let _ = write!(out, "\x1b[<{b};{x};{y}{end}");
        }
        MouseEncoding::Urxvt => {
            let _ = write!(out, "\x1b[{};{x};{y}M", b + 32);
        }
        MouseEncoding::Utf8 => {
            let (Some(cb), Some(cx), Some(cy)) = (
                char::from_u32(b + 32),
                char::from_u32(x + 32).filter(|_| x + 32 < 0x800),
                char::from_u32(y + 32).filter(|_| y + 32 < 0x800),
            ) else {
                return false;
            };
            out.extend_from_slice(b"\x1b[M");
            for c in [cb, cx, cy] {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
        MouseEncoding::Default => {
            // One byte per value: positions past 223 cannot be sent.
            let (Ok(cb), Ok(cx), Ok(cy)) = (
                u8::try_from(b + 32),
                u8::try_from(x + 32),
                u8::try_from(y + 32),
            ) else {
                return false;
            };
            out.extend_from_slice(&[0x1b, b'[', b'M', cb, cx, cy]);
        }
    }
    true
}
