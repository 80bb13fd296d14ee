//! Expectations from tmux 3.3a: `bind -T test '<name>' display x` then
//! `list-keys -T test` (the name column, before list-keys' quoting), or the error
//! `unknown key: <name>`.

use rmux_proto::{Key, KeyCode, Mods};

use super::{
    BindKey, MouseEvent, MouseKey, MouseLocation, bind_key_name, key_name, normalize,
    parse_bind_key, parse_key,
};

/// (what the user typed, what tmux lists, or None for "unknown key")
const ROUND_TRIPS: &[(&str, Option<&str>)] = &[
    ("C-b", Some("C-b")),
    ("^B", Some("C-b")),
    ("^b", Some("C-b")),
    ("C-B", Some("C-b")),
    ("c-b", Some("C-b")),
    ("M-Left", Some("M-Left")),
    ("C-M-x", Some("M-C-x")),
    ("M-C-x", Some("M-C-x")),
    ("C-M-Left", Some("C-M-Left")),
    ("S-F1", Some("S-F1")),
    ("S-Left", Some("S-Left")),
    ("C-S-Left", Some("C-S-Left")),
    ("Enter", Some("Enter")),
    ("C-m", Some("Enter")),
    ("C-M", Some("Enter")),
    ("^M", Some("Enter")),
    ("Escape", Some("Escape")),
    ("C-[", Some("Escape")),
    ("Space", Some("Space")),
    ("C-Space", Some("C-Space")),
    ("C-@", Some("C-Space")),
    ("BSpace", Some("BSpace")),
    ("C-h", Some("C-h")),
    ("C-?", Some("C-?")),
    ("Tab", Some("Tab")),
    ("C-i", Some("Tab")),
    ("BTab", Some("BTab")),
    ("S-Tab", Some("S-Tab")),
    ("PPage", Some("PPage")),
    ("PageUp", Some("PPage")),
    ("PgUp", Some("PPage")),
    ("NPage", Some("NPage")),
    ("PageDown", Some("NPage")),
    ("pgdn", Some("NPage")),
    ("Home", Some("Home")),
    ("End", Some("End")),
    ("IC", Some("IC")),
    ("Insert", Some("IC")),
    ("DC", Some("DC")),
    ("Delete", Some("DC")),
    ("Up", Some("Up")),
    ("F1", Some("F1")),
    ("F12", Some("F12")),
    ("F13", None),
    ("F20", None),
    ("KP0", Some("KP0")),
    ("KP9", Some("KP9")),
    ("KP/", Some("KP/")),
    ("KP*", Some("KP*")),
    ("KP-", Some("KP-")),
    ("KP+", Some("KP+")),
    ("KPEnter", Some("KPEnter")),
    ("KP.", Some("KP.")),
    ("é", Some("é")),
    ("M-é", Some("M-é")),
    ("C-é", Some("C-é")),
    ("M-C-é", Some("C-M-é")),
    ("日", Some("日")),
    ("C-1", Some("C-1")),
    ("C-!", Some("C-!")),
    ("C-/", Some("C-/")),
    ("C--", Some("C--")),
    ("C-'", Some("C-'")),
    ("C-`", Some("C-`")),
    ("C-;", Some("C-;")),
    ("C-\\", Some("C-\\")),
    ("C-]", Some("C-]")),
    ("C-^", Some("C-^")),
    ("C-_", Some("C-_")),
    ("C-~", None),
    ("C-{", None),
    ("C-|", None),
    ("C-\"", None),
    ("C-$", None),
    ("C-%", None),
    ("C-&", None),
    ("C-*", None),
    ("C-}", None),
    ("C-a", Some("C-a")),
    ("C-z", Some("C-z")),
    ("M-a", Some("M-a")),
    ("M-A", Some("M-A")),
    ("S-a", Some("S-a")),
    ("S-A", Some("S-A")),
    ("C-S-a", Some("S-C-a")),
    ("C-M-S-a", Some("M-S-C-a")),
    ("C-S-M-a", Some("M-S-C-a")),
    ("C-S-b", Some("S-C-b")),
    ("M-;", Some("M-;")),
    ("#", Some("#")),
    ("~", Some("~")),
    ("-", Some("-")),
    ("M--", Some("M--")),
    ("C", Some("C")),
    ("^", Some("^")),
    ("^^", Some("C-^")),
    ("^-", Some("C--")),
    ("^?", Some("C-?")),
    ("^[", Some("Escape")),
    ("^ ", Some("C-Space")),
    ("0x41", Some("A")),
    ("0x1b", Some("Escape")),
    ("0x02", Some("C-b")),
    ("0x00", Some("C-Space")),
    ("0x09", Some("Tab")),
    ("0x0d", Some("Enter")),
    ("0xe9", Some("é")),
    ("0x263a", Some("☺")),
    ("0x80", None),
    ("0x200000", None),
    ("enter", Some("Enter")),
    ("ENTER", Some("Enter")),
    ("space", Some("Space")),
    ("left", Some("Left")),
    ("f1", Some("F1")),
    ("kp0", Some("KP0")),
    ("C-Enter", Some("C-Enter")),
    ("M-Enter", Some("M-Enter")),
    ("C-Tab", Some("C-Tab")),
    ("C-Escape", Some("C-Escape")),
    ("M-Escape", Some("M-Escape")),
    ("C-M-[", Some("M-Escape")),
    ("C-BSpace", Some("C-BSpace")),
    ("M-BSpace", Some("M-BSpace")),
    ("C-Up", Some("C-Up")),
    ("C-F1", Some("C-F1")),
    ("M-C-Space", Some("M-C-@")),
    ("S-C-Space", Some("S-C-@")),
    ("C-M-S-Space", Some("M-S-C-@")),
    ("M-Space", Some("M-Space")),
    ("S-Space", Some("S-Space")),
    ("S-Enter", Some("S-Enter")),
    ("M-C-?", Some("M-C-?")),
    ("M-C-\\", Some("M-C-\\")),
    ("C-M-Enter", Some("C-M-Enter")),
    ("M-Tab", Some("M-Tab")),
    ("C-M-Tab", Some("C-M-Tab")),
    ("S-BTab", Some("S-BTab")),
    ("C-BTab", Some("C-BTab")),
    ("M-C-1", Some("C-M-1")),
    ("S-C-1", Some("C-S-1")),
    ("M-S-C-1", Some("C-M-S-1")),
    ("S-1", Some("S-1")),
    ("S-é", Some("S-é")),
    ("M-^A", None),
    ("C-^A", None),
    ("M-KP0", Some("M-KP0")),
    ("C-KPEnter", Some("C-KPEnter")),
    ("S-KP/", Some("S-KP/")),
    ("C-S-F12", Some("C-S-F12")),
    ("M-DC", Some("M-DC")),
    ("C-M-S-Left", Some("C-M-S-Left")),
    ("S-M-C-Up", Some("C-M-S-Up")),
    ("s-m-c-up", Some("C-M-S-Up")),
    ("None", None),
    ("foo", None),
    ("C-foo", None),
    ("X-", None),
    ("--", None),
    ("C-x-y", None),
    ("M-", None),
    ("C-", None),
    ("c-", None),
    ("", None),
    ("MouseMove", None),
    ("FocusIn", None),
    ("PasteStart", None),
    ("Mouse", None),
];

/// Binding-only names: mouse keys, Any and user keys.
const BINDING_ONLY: &[(&str, Option<&str>)] = &[
    ("Any", Some("Any")),
    ("User0", Some("User0")),
    ("User999", Some("User999")),
    ("User1000", None),
    ("C-User1", Some("C-User1")),
    ("M-Any", None),
    ("MouseDown1Pane", Some("MouseDown1Pane")),
    ("WheelUpPane", Some("WheelUpPane")),
    ("wheeluppane", Some("WheelUpPane")),
    ("MouseDrag1Border", Some("MouseDrag1Border")),
    ("C-MouseDown1Pane", Some("C-MouseDown1Pane")),
    ("M-S-MouseDown1Pane", Some("M-S-MouseDown1Pane")),
    ("DoubleClick1Pane", Some("DoubleClick1Pane")),
    ("MouseDown1Status", Some("MouseDown1Status")),
    ("MouseDown1StatusLeft", Some("MouseDown1StatusLeft")),
    ("MouseDown1StatusRight", Some("MouseDown1StatusRight")),
    ("MouseDown1StatusDefault", Some("MouseDown1StatusDefault")),
    ("MouseDragEnd3Pane", Some("MouseDragEnd3Pane")),
    ("SecondClick1Pane", Some("SecondClick1Pane")),
    ("MouseUp1Border", Some("MouseUp1Border")),
    ("WheelDownBorder", Some("WheelDownBorder")),
    ("TripleClick3StatusLeft", Some("TripleClick3StatusLeft")),
    ("MouseDragEnd1Border", Some("MouseDragEnd1Border")),
    ("C-WheelDownStatus", Some("C-WheelDownStatus")),
    ("MouseDrag3Border", Some("MouseDrag3Border")),
    ("MouseMovePane", None),
    ("MouseDown4Pane", None),
    ("MouseDown1", None),
];

#[test]
fn names_round_trip_like_tmux() {
    let mut failures = Vec::new();
    for (typed, listed) in ROUND_TRIPS.iter().chain(BINDING_ONLY) {
        let got = parse_bind_key(typed).map(bind_key_name);
        if got.as_deref() != *listed {
            failures.push(format!("{typed:?}: got {got:?}, want {listed:?}"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} mismatches:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn key(code: KeyCode, ctrl: bool, alt: bool, shift: bool) -> Key {
    Key {
        code,
        mods: Mods { ctrl, alt, shift },
    }
}

#[test]
fn keys_are_what_the_client_sends() {
    assert_eq!(
        parse_key("C-b"),
        Some(key(KeyCode::Char('b'), true, false, false))
    );
    assert_eq!(
        parse_key("C-B"),
        Some(key(KeyCode::Char('b'), true, false, false))
    );
    assert_eq!(
        parse_key("C-m"),
        Some(key(KeyCode::Enter, false, false, false))
    );
    assert_eq!(
        parse_key("M-C-m"),
        Some(key(KeyCode::Enter, false, true, false))
    );
    assert_eq!(
        parse_key("C-Space"),
        Some(key(KeyCode::Char(' '), true, false, false))
    );
    assert_eq!(
        parse_key("Space"),
        Some(key(KeyCode::Char(' '), false, false, false))
    );
    assert_eq!(
        parse_key("BSpace"),
        Some(key(KeyCode::Backspace, false, false, false))
    );
    assert_eq!(
        parse_key("0x7f"),
        Some(key(KeyCode::Backspace, false, false, false))
    );
    assert_eq!(
        parse_key("KPEnter"),
        Some(key(KeyCode::Keypad('\r'), false, false, false))
    );
    assert_eq!(
        parse_key("PgUp"),
        Some(key(KeyCode::PageUp, false, false, false))
    );
    assert_eq!(
        parse_key("M-Left"),
        Some(key(KeyCode::Left, false, true, false))
    );
    assert_eq!(parse_key("MouseDown1Pane"), None);
    assert_eq!(
        parse_bind_key("M-MouseDown3Pane"),
        Some(BindKey::Mouse(MouseKey {
            event: MouseEvent::Down(3),
            location: MouseLocation::Pane,
            mods: Mods {
                alt: true,
                ..Mods::default()
            }
        }))
    );
}

#[test]
fn client_keys_print_and_normalize() {
    // What a client may send for Ctrl+M, Ctrl+Shift+B or Ctrl+@.
    assert_eq!(
        normalize(key(KeyCode::Char('m'), true, false, false)),
        key(KeyCode::Enter, false, false, false)
    );
    assert_eq!(
        normalize(key(KeyCode::Char('B'), true, false, false)),
        key(KeyCode::Char('b'), true, false, false)
    );
    assert_eq!(
        normalize(key(KeyCode::Char('@'), true, false, false)),
        key(KeyCode::Char(' '), true, false, false)
    );
    assert_eq!(key_name(key(KeyCode::Char('B'), true, false, false)), "C-b");
    assert_eq!(
        key_name(key(KeyCode::Char('m'), true, false, false)),
        "Enter"
    );
    assert_eq!(
        key_name(key(KeyCode::Keypad('='), false, false, false)),
        "KP="
    );
    assert_eq!(key_name(key(KeyCode::F(20), false, false, true)), "S-F20");
    assert_eq!(key_name(key(KeyCode::Char('~'), true, false, false)), "C-~");
    // Every key prints to something that parses back to it, when tmux has a name.
    for (typed, listed) in ROUND_TRIPS {
        if listed.is_some() {
            let k = parse_key(typed);
            assert_eq!(k.map(key_name).and_then(|n| parse_key(&n)), k, "{typed}");
        }
    }
}
