//! Stand-in for the key-name module while it is being written.
#![allow(dead_code)]

use rmux_proto::{Key, KeyCode, Mods};

pub fn parse_key(s: &str) -> Option<Key> {
    let mut mods = Mods::default();
    let mut rest = s;
    loop {
        if let Some(r) = rest.strip_prefix("C-") {
            mods.ctrl = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("M-") {
            mods.alt = true;
            rest = r;
        } else if let Some(r) = rest.strip_prefix("S-") {
            mods.shift = true;
            rest = r;
        } else {
            break;
        }
    }
    let code = match rest {
        "Enter" => KeyCode::Enter,
        "Space" => KeyCode::Char(' '),
        "Escape" => KeyCode::Escape,
        "BSpace" => KeyCode::Backspace,
        "Tab" => KeyCode::Tab,
        "BTab" => KeyCode::BackTab,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "Home" => KeyCode::Home,
        "End" => KeyCode::End,
        "PPage" | "PageUp" | "PgUp" => KeyCode::PageUp,
        "NPage" | "PageDown" | "PgDn" => KeyCode::PageDown,
        "IC" | "Insert" => KeyCode::Insert,
        "DC" | "Delete" => KeyCode::Delete,
        f if f.len() > 1 && f.starts_with('F') => KeyCode::F(f[1..].parse().ok()?),
        other => {
            let mut chars = other.chars();
            let c = chars.next()?;
            if chars.next().is_some() {
                return None;
            }
            KeyCode::Char(c)
        }
    };
    Some(Key { code, mods })
}

pub fn key_name(key: Key) -> String {
    let mut s = String::new();
    if key.mods.ctrl {
        s.push_str("C-");
    }
    if key.mods.alt {
        s.push_str("M-");
    }
    if key.mods.shift {
        s.push_str("S-");
    }
    match key.code {
        KeyCode::Char(' ') => s.push_str("Space"),
        KeyCode::Char(c) => s.push(c),
        KeyCode::Enter => s.push_str("Enter"),
        KeyCode::Tab => s.push_str("Tab"),
        KeyCode::BackTab => s.push_str("BTab"),
        KeyCode::Backspace => s.push_str("BSpace"),
        KeyCode::Escape => s.push_str("Escape"),
        KeyCode::Up => s.push_str("Up"),
        KeyCode::Down => s.push_str("Down"),
        KeyCode::Left => s.push_str("Left"),
        KeyCode::Right => s.push_str("Right"),
        KeyCode::Home => s.push_str("Home"),
        KeyCode::End => s.push_str("End"),
        KeyCode::PageUp => s.push_str("PPage"),
        KeyCode::PageDown => s.push_str("NPage"),
        KeyCode::Insert => s.push_str("IC"),
        KeyCode::Delete => s.push_str("DC"),
        KeyCode::F(n) => s.push_str(&format!("F{n}")),
        KeyCode::Keypad(c) => s.push_str(&format!("KP{c}")),
    }
    s
}
