//! Key names as tmux 3.3a spells them (`C-b`, `M-Left`, `BSpace`, `MouseDown1Pane`),
//! for `bind-key`, `send-keys`, `list-keys` and the `prefix` option.
//!
//! rmux keys are [`rmux_proto::Key`]: a code and three modifier flags, with control
//! keys as the character plus `ctrl` (`C-b` is `Char('b')` with ctrl, as the client
//! sends it). tmux instead folds control letters into ASCII control codes, which makes
//! some names the same key; [`parse_key`] follows that folding so every spelling tmux
//! accepts gives the key tmux would bind:
//!
//! - `C-m` and `^M` are `Enter`, `C-i` is `Tab`, `C-[` is `Escape` (tmux's `send-keys
//!   C-m` sends `\r` too). Bindings should compare [`normalize`]d keys, so a client that
//!   reports Ctrl+M as `Char('m')` with ctrl still finds a binding on `Enter`.
//! - `C-B` is `C-b`; `C-@` is `C-Space`; `C-?` is `Char('?')` with ctrl (tmux's 0x7f,
//!   which a terminal's Backspace never produces: tmux turns that into `BSpace`).
//! - Control is only valid with letters, `@[\]^_ ?` and the characters tmux keeps as
//!   `C-` keys (`!#()+,-./0-9:;<=>'\``); `C-~` and friends are unknown keys, as in tmux.
//!
//! Mouse events and tmux's `Any` and `UserN` keys exist only in bindings, so they live
//! in [`BindKey`] beside ordinary keys.

// The module keeps tmux's whole surface (every modifier, key and quoting helper) even
// where the server does not call it yet; the checks are made in this module's tests,
// and without this the server build would fail on each item whose caller is still to
// come.
#![allow(dead_code, unused_imports)]

mod mouse;
mod names;

#[cfg(test)]
mod tests;

use rmux_proto::{Key, KeyCode, Mods};

pub use mouse::{MouseEvent, MouseKey, MouseLocation};

/// Highest `UserN` key tmux has.
const MAX_USER_KEY: u32 = 999;

/// Characters tmux keeps as `C-x` keys instead of folding them into control codes.
const CTRL_KEEPS: &str = "!#()+,-./0123456789:;<=>'`";

/// What a key binding can be bound to.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum BindKey {
    Key(Key),
    Mouse(MouseKey),
    /// `Any`: any key that has no binding of its own.
    Any,
    /// `User0`…`User999`: keys defined by the `user-keys` option.
    User {
        index: u32,
        mods: Mods,
    },
}

/// Parses a key name as `send-keys` and `bind-key` accept it; `None` for a name tmux
/// calls an unknown key (including mouse and other binding-only names).
pub fn parse_key(s: &str) -> Option<Key> {
    match parse_bind_key(s)? {
        BindKey::Key(key) => Some(key),
        _ => None,
    }
}

/// Parses a key name, including the mouse and other names only bindings use.
pub fn parse_bind_key(s: &str) -> Option<BindKey> {
    if s.eq_ignore_ascii_case("Any") {
        return Some(BindKey::Any);
    }
    if let Some(hex) = s.strip_prefix("0x") {
        return parse_hex(hex).map(BindKey::Key);
    }
    let (mut mods, rest) = modifiers(s)?;
    if rest.is_empty() {
        return None;
    }
    let mut chars = rest.chars();
    let (first, second) = (chars.next()?, chars.next());
    let code = if second.is_none() {
        if first.is_ascii_control() {
            return None;
        }
        KeyCode::Char(first)
    } else if let Some(code) = names::code_by_name(rest) {
        code
    } else if let Some(mouse) = mouse::parse(rest) {
        return Some(BindKey::Mouse(MouseKey { mods, ..mouse }));
    } else if let Some(index) = user_key(rest) {
        return Some(BindKey::User { index, mods });
    } else {
        return None;
    };
    let key = if mods.ctrl {
        apply_ctrl(code, &mut mods)?
    } else {
        code
    };
    Some(BindKey::Key(Key { code: key, mods }))
}

/// Leading `^` (control) and `C-` `M-` `S-` prefixes; the rest of the name.
fn modifiers(s: &str) -> Option<(Mods, &str)> {
    let mut mods = Mods::default();
    let mut rest = s;
    if rest.len() > 1
        && let Some(after) = rest.strip_prefix('^')
    {
        mods.ctrl = true;
        rest = after;
    }
    while rest.as_bytes().get(1) == Some(&b'-') {
        match rest.as_bytes()[0] {
            b'C' | b'c' => mods.ctrl = true,
            b'M' | b'm' => mods.alt = true,
            b'S' | b's' => mods.shift = true,
            _ => return None,
        }
        rest = &rest[2..];
    }
    Some((mods, rest))
}

/// Folds control into the key where tmux does: letters and `@[\]^_` become control
/// codes (so `C-m` is `Enter`), other characters keep the flag or are invalid.
fn apply_ctrl(code: KeyCode, mods: &mut Mods) -> Option<KeyCode> {
    let KeyCode::Char(c) = code else {
        return Some(code);
    };
    if !c.is_ascii() || CTRL_KEEPS.contains(c) {
        return Some(code);
    }
    let folded = match c {
        'a'..='z' | 'A'..='Z' | '@' | '[' | '\\' | ']' | '^' | '_' | ' ' | '?' => c,
        _ => return None,
    };
    match control_code_key(folded) {
        Some(special) => {
            mods.ctrl = false;
            Some(special)
        }
        None => Some(KeyCode::Char(canonical_ctrl_char(folded))),
    }
}

/// The special key a control character is (`C-m` → `Enter`), if it is one.
fn control_code_key(c: char) -> Option<KeyCode> {
    match c.to_ascii_lowercase() {
        'i' => Some(KeyCode::Tab),
        'm' => Some(KeyCode::Enter),
        '[' => Some(KeyCode::Escape),
        _ => None,
    }
}

/// The character rmux keeps for a folded control key: lower case, `@` as space.
fn canonical_ctrl_char(c: char) -> char {
    match c {
        '@' => ' ',
        _ => c.to_ascii_lowercase(),
    }
}

/// A key given as `0xNN`: a character or control code.
fn parse_hex(hex: &str) -> Option<Key> {
    let digits: String = hex.chars().take_while(char::is_ascii_hexdigit).collect();
    let n = u32::from_str_radix(digits.get(..digits.len().min(8))?, 16).ok()?;
    let plain = |code| {
        Some(Key {
            code,
            mods: Mods::default(),
        })
    };
    let ctrl = |c| {
        Some(Key {
            code: KeyCode::Char(c),
            mods: Mods {
                ctrl: true,
                ..Mods::default()
            },
        })
    };
    match n {
        0 => ctrl(' '),
        9 => plain(KeyCode::Tab),
        13 => plain(KeyCode::Enter),
        27 => plain(KeyCode::Escape),
        1..=26 => ctrl(char::from(b'a' + (n as u8) - 1)),
        28..=31 => ctrl(char::from(b'\\' + (n as u8) - 28)),
        0x7f => plain(KeyCode::Backspace),
        0x80..=0x9f => None,
        _ if n > 0x1f_ffff => None,
        _ => plain(KeyCode::Char(char::from_u32(n)?)),
    }
}

fn user_key(s: &str) -> Option<u32> {
    let digits = s.strip_prefix("User")?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|&n| n <= MAX_USER_KEY)
}

/// The key tmux would bind for this one: `C-m` → `Enter`, `C-B` → `C-b`, and so on.
/// Compare normalized keys when looking bindings up.
pub fn normalize(key: Key) -> Key {
    let mut mods = key.mods;
    if !mods.ctrl {
        return key;
    }
    match key.code {
        KeyCode::Char(c) if c.is_ascii() => match apply_ctrl(key.code, &mut mods) {
            Some(code) => Key { code, mods },
            None => key,
        },
        _ => key,
    }
}

/// Whether a normalized key is one tmux holds as a control code (`C-b`); tmux prints
/// those with their other modifiers first (`M-C-b`, but `C-M-Left`).
fn is_control_code(key: Key) -> bool {
    key.mods.ctrl
        && matches!(
            key.code,
            KeyCode::Char('a'..='z' | ' ' | '\\' | ']' | '^' | '_' | '?')
        )
}

/// Where tmux sorts a key in `list-keys`: by its key code. Characters come by code
/// point (control keys as their C0 code, `Enter` as 13), then tmux's special keys in
/// its order, each modifier above all of those (meta, then ctrl, then shift).
pub fn sort_code(key: Key) -> u64 {
    /// tmux's KEYC_BASE, and where its special keys start after the mouse keys.
    const BASE: u64 = 0x10_e000;
    const SPECIAL: u64 = BASE + 0x1000;
    let key = normalize(key);
    let mut mods = key.mods;
    let base = match key.code {
        KeyCode::Char(c) if is_control_code(key) => {
            mods.ctrl = false;
            match c {
                ' ' => 0,
                '?' => 127,
                c => u64::from(c as u32 & 0x1f),
            }
        }
        KeyCode::Char(c) => u64::from(c as u32),
        KeyCode::Enter => 13,
        KeyCode::Tab => 9,
        KeyCode::Escape => 27,
        KeyCode::Backspace => SPECIAL,
        KeyCode::F(n) => SPECIAL + u64::from(n),
        KeyCode::Insert => SPECIAL + 13,
        KeyCode::Delete => SPECIAL + 14,
        KeyCode::Home => SPECIAL + 15,
        KeyCode::End => SPECIAL + 16,
        KeyCode::PageDown => SPECIAL + 17,
        KeyCode::PageUp => SPECIAL + 18,
        KeyCode::BackTab => SPECIAL + 19,
        KeyCode::Up => SPECIAL + 20,
        KeyCode::Down => SPECIAL + 21,
        KeyCode::Left => SPECIAL + 22,
        KeyCode::Right => SPECIAL + 23,
        KeyCode::Keypad(c) => {
            let order = "/*-789+456123\r0.";
            SPECIAL + 24 + order.chars().position(|k| k == c).unwrap_or(0) as u64
        }
    };
    let flag = |on: bool, bit: u32| if on { 1u64 << bit } else { 0 };
    base | flag(mods.alt, 44) | flag(mods.ctrl, 45) | flag(mods.shift, 46)
}

/// Where tmux sorts anything a binding can be bound to: keys by [`sort_code`], the
/// mouse keys and `Any` among tmux's special keys, `UserN` after them.
pub fn bind_sort_code(key: BindKey) -> u64 {
    const BASE: u64 = 0x10_e000;
    let flag = |on: bool, bit: u32| if on { 1u64 << bit } else { 0 };
    let mods = |m: Mods| flag(m.alt, 44) | flag(m.ctrl, 45) | flag(m.shift, 46);
    match key {
        BindKey::Key(k) => sort_code(k),
        BindKey::Any => BASE + 2,
        BindKey::Mouse(m) => (BASE + 8 + mouse::order(m)) | mods(m.mods),
        BindKey::User { index, mods: m } => (0x10_f000 + u64::from(index)) | mods(m),
    }
}

/// The binding key normalized as lookups compare it.
pub fn normalize_bind(key: BindKey) -> BindKey {
    match key {
        BindKey::Key(k) => BindKey::Key(normalize(k)),
        other => other,
    }
}

/// tmux's canonical spelling of a key, as `list-keys` prints it (before quoting).
pub fn key_name(key: Key) -> String {
    let key = normalize(key);
    let mut out = String::new();
    if is_control_code(key) {
        let KeyCode::Char(c) = key.code else {
            return out;
        };
        let only_ctrl = !key.mods.alt && !key.mods.shift;
        if key.mods.alt {
            out.push_str("M-");
        }
        if key.mods.shift {
            out.push_str("S-");
        }
        out.push_str("C-");
        match c {
            ' ' if only_ctrl => out.push_str("Space"),
            ' ' => out.push('@'),
            _ => out.push(c),
        }
        return out;
    }
    push_mods(&mut out, key.mods);
    out.push_str(&names::code_name(key.code));
    out
}

/// `C-`, `M-`, `S-` in tmux's order.
fn push_mods(out: &mut String, mods: Mods) {
    if mods.ctrl {
        out.push_str("C-");
    }
    if mods.alt {
        out.push_str("M-");
    }
    if mods.shift {
        out.push_str("S-");
    }
}

/// The name of anything a binding can be bound to.
pub fn bind_key_name(key: BindKey) -> String {
    match key {
        BindKey::Key(key) => key_name(key),
        BindKey::Mouse(mouse) => {
            let mut out = String::new();
            push_mods(&mut out, mouse.mods);
            out.push_str(&mouse::name(mouse));
            out
        }
        BindKey::Any => "Any".to_string(),
        BindKey::User { index, mods } => {
            let mut out = String::new();
            push_mods(&mut out, mods);
            out.push_str(&format!("User{index}"));
            out
        }
    }
}
