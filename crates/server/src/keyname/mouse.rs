//! Mouse key names for bindings: an event, a button and where the mouse was
//! (`MouseDown1Pane`, `WheelUpStatus`, `MouseDrag1Border`).

use rmux_proto::Mods;

/// What the mouse did; buttons are 1 (left) to 3 (right).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum MouseEvent {
    Down(u8),
    Up(u8),
    Drag(u8),
    DragEnd(u8),
    WheelUp,
    WheelDown,
    SecondClick(u8),
    DoubleClick(u8),
    TripleClick(u8),
}

/// Where the mouse was.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum MouseLocation {
    Pane,
    Status,
    StatusLeft,
    StatusRight,
    StatusDefault,
    Border,
}

/// A mouse key of a binding, with the modifiers held.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub struct MouseKey {
    pub event: MouseEvent,
    pub location: MouseLocation,
    pub mods: Mods,
}

/// How an event name continues: with a button digit, or not at all.
#[derive(Clone, Copy)]
enum EventKind {
    Button(fn(u8) -> MouseEvent),
    Plain(MouseEvent),
}

/// Event name prefixes (`MouseDragEnd` before `MouseDrag`, which it starts with).
const EVENTS: [(&str, EventKind); 9] = [
    ("MouseDown", EventKind::Button(MouseEvent::Down)),
    ("MouseUp", EventKind::Button(MouseEvent::Up)),
    ("MouseDragEnd", EventKind::Button(MouseEvent::DragEnd)),
    ("MouseDrag", EventKind::Button(MouseEvent::Drag)),
    ("WheelUp", EventKind::Plain(MouseEvent::WheelUp)),
    ("WheelDown", EventKind::Plain(MouseEvent::WheelDown)),
    ("SecondClick", EventKind::Button(MouseEvent::SecondClick)),
    ("DoubleClick", EventKind::Button(MouseEvent::DoubleClick)),
    ("TripleClick", EventKind::Button(MouseEvent::TripleClick)),
];

const LOCATIONS: [(&str, MouseLocation); 6] = [
    ("Pane", MouseLocation::Pane),
    ("StatusLeft", MouseLocation::StatusLeft),
    ("StatusRight", MouseLocation::StatusRight),
    ("StatusDefault", MouseLocation::StatusDefault),
    ("Status", MouseLocation::Status),
    ("Border", MouseLocation::Border),
];

/// Strips `prefix` from `s` ignoring ASCII case.
fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// Parses a mouse key name without modifiers (case is ignored, as tmux does).
pub(super) fn parse(name: &str) -> Option<MouseKey> {
    for (prefix, kind) in EVENTS {
        let Some(rest) = strip_prefix_ci(name, prefix) else {
            continue;
        };
        let (event, rest) = match kind {
            EventKind::Button(make) => {
                let button = rest.bytes().next().filter(|b| (b'1'..=b'3').contains(b))?;
                (make(button - b'0'), &rest[1..])
            }
            EventKind::Plain(event) => (event, rest),
        };
        let location = LOCATIONS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(rest))?
            .1;
        return Some(MouseKey {
            event,
            location,
            mods: Mods::default(),
        });
    }
    None
}

/// The name of a mouse key without its modifiers.
pub(super) fn name(key: MouseKey) -> String {
    let event = match key.event {
        MouseEvent::Down(b) => format!("MouseDown{b}"),
        MouseEvent::Up(b) => format!("MouseUp{b}"),
        MouseEvent::Drag(b) => format!("MouseDrag{b}"),
        MouseEvent::DragEnd(b) => format!("MouseDragEnd{b}"),
        MouseEvent::WheelUp => "WheelUp".to_string(),
        MouseEvent::WheelDown => "WheelDown".to_string(),
        MouseEvent::SecondClick(b) => format!("SecondClick{b}"),
        MouseEvent::DoubleClick(b) => format!("DoubleClick{b}"),
        MouseEvent::TripleClick(b) => format!("TripleClick{b}"),
    };
    let location = LOCATIONS
        .iter()
        .find(|(_, l)| *l == key.location)
        .map_or("", |(n, _)| n);
    event + location
}

/// tmux's order of mouse keys (its key codes): event kinds in turn, each with its
/// buttons (1, 2, 3), each in every location.
pub(super) fn order(key: MouseKey) -> u64 {
    // tmux keeps nine buttons per kind (1-3 and 6-11); rmux names the first three.
    let (kind, button) = match key.event {
        MouseEvent::Down(b) => (1, b),
        MouseEvent::Up(b) => (2, b),
        MouseEvent::Drag(b) => (3, b),
        MouseEvent::DragEnd(b) => (4, b),
        MouseEvent::WheelUp => (5, 1),
        MouseEvent::WheelDown => (6, 1),
        MouseEvent::SecondClick(b) => (7, b),
        MouseEvent::DoubleClick(b) => (8, b),
        MouseEvent::TripleClick(b) => (9, b),
    };
    let location = match key.location {
        MouseLocation::Pane => 0,
        MouseLocation::Status => 1,
        MouseLocation::StatusLeft => 2,
        MouseLocation::StatusRight => 3,
        MouseLocation::StatusDefault => 4,
        MouseLocation::Border => 5,
    };
    (kind * 9 + u64::from(button.saturating_sub(1))) * 6 + location
}
