//! The named keys of tmux's key table (`F1`, `PPage`, `KP/`, …) and their aliases.

use rmux_proto::KeyCode;

/// Names that parse to a key, matched without regard to case. The first name of each
/// key is the one printed.
const NAMES: [(&str, KeyCode); 56] = [
    ("F1", KeyCode::F(1)),
    ("F2", KeyCode::F(2)),
    ("F3", KeyCode::F(3)),
    ("F4", KeyCode::F(4)),
    ("F5", KeyCode::F(5)),
    ("F6", KeyCode::F(6)),
    ("F7", KeyCode::F(7)),
    ("F8", KeyCode::F(8)),
    ("F9", KeyCode::F(9)),
    ("F10", KeyCode::F(10)),
    ("F11", KeyCode::F(11)),
    ("F12", KeyCode::F(12)),
    ("IC", KeyCode::Insert),
    ("Insert", KeyCode::Insert),
    ("DC", KeyCode::Delete),
    ("Delete", KeyCode::Delete),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("NPage", KeyCode::PageDown),
    ("PageDown", KeyCode::PageDown),
    ("PgDn", KeyCode::PageDown),
    ("PPage", KeyCode::PageUp),
    ("PageUp", KeyCode::PageUp),
    ("PgUp", KeyCode::PageUp),
    ("Tab", KeyCode::Tab),
    ("BTab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("BSpace", KeyCode::Backspace),
    ("Enter", KeyCode::Enter),
    ("Escape", KeyCode::Escape),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("KP/", KeyCode::Keypad('/')),
    ("KP*", KeyCode::Keypad('*')),
    ("KP-", KeyCode::Keypad('-')),
    ("KP7", KeyCode::Keypad('7')),
    ("KP8", KeyCode::Keypad('8')),
    ("KP9", KeyCode::Keypad('9')),
    ("KP+", KeyCode::Keypad('+')),
    ("KP4", KeyCode::Keypad('4')),
    ("KP5", KeyCode::Keypad('5')),
    ("KP6", KeyCode::Keypad('6')),
    ("KP1", KeyCode::Keypad('1')),
    ("KP2", KeyCode::Keypad('2')),
    ("KP3", KeyCode::Keypad('3')),
    ("KPEnter", KeyCode::Keypad('\r')),
    ("KP0", KeyCode::Keypad('0')),
    ("KP.", KeyCode::Keypad('.')),
    // Not in tmux's table, but rmux's key codes have them; printed, never parsed
    // differently from tmux (tmux rejects these names).
    ("KP=", KeyCode::Keypad('=')),
    ("F13", KeyCode::F(13)),
    ("F14", KeyCode::F(14)),
    ("F15", KeyCode::F(15)),
    ("F16", KeyCode::F(16)),
    ("F17", KeyCode::F(17)),
];

/// How many entries of [`NAMES`] tmux itself accepts.
const TMUX_NAMES: usize = 50;

/// The key a (multi-character) name stands for.
pub(super) fn code_by_name(name: &str) -> Option<KeyCode> {
    NAMES[..TMUX_NAMES]
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, code)| *code)
}

/// The printed name of a key code without modifiers.
pub(super) fn code_name(code: KeyCode) -> String {
    if let Some((name, _)) = NAMES.iter().find(|(_, c)| *c == code) {
        return (*name).to_string();
    }
    match code {
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Keypad(c) => format!("KP{c}"),
        // Every other code is in the table.
        _ => String::new(),
    }
}
