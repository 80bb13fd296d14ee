//! The user's input events (crossterm) as protocol messages.

use crossterm::event::{
    Event, KeyCode as CtKey, KeyEvent, KeyEventKind, KeyModifiers, MouseButton as CtButton,
    MouseEvent as CtMouse, MouseEventKind,
};
use rmux_proto::{
    ClientMessage, Input, Key, KeyCode, Mods, MouseButton, MouseEvent, MouseKind, Size,
};

/// The messages for every terminal event that can be read now, without waiting.
pub fn pending() -> anyhow::Result<Vec<ClientMessage>> {
    use anyhow::Context;
    let mut out = Vec::new();
    while crossterm::event::poll(std::time::Duration::ZERO).context("reading the terminal")? {
        let event = crossterm::event::read().context("reading the terminal")?;
        out.extend(translate(event));
    }
    Ok(out)
}

/// What to send for one terminal event, if anything.
pub fn translate(event: Event) -> Option<ClientMessage> {
    match event {
        Event::Key(key) => translate_key(key).map(|k| ClientMessage::Input(Input::Key(k))),
        Event::Paste(text) => Some(ClientMessage::Input(Input::Paste(text))),
        Event::Mouse(m) => translate_mouse(m).map(|m| ClientMessage::Input(Input::Mouse(m))),
        Event::FocusGained => Some(ClientMessage::Input(Input::Focus { gained: true })),
        Event::FocusLost => Some(ClientMessage::Input(Input::Focus { gained: false })),
        Event::Resize(cols, rows) => Some(ClientMessage::Resize(Size { cols, rows })),
    }
}

fn mods(m: KeyModifiers) -> Mods {
    Mods {
        shift: m.contains(KeyModifiers::SHIFT),
        alt: m.contains(KeyModifiers::ALT),
        ctrl: m.contains(KeyModifiers::CONTROL),
    }
}

fn translate_key(key: KeyEvent) -> Option<Key> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let mut mods = mods(key.modifiers);
    let code = match key.code {
        CtKey::Char(c) => {
            // The character already carries the shift ('A', '%'); a separate shift flag
            // would make `C-b %` read as `C-b S-%`.
            mods.shift = false;
            KeyCode::Char(c)
        }
        CtKey::Enter => KeyCode::Enter,
        CtKey::Tab => KeyCode::Tab,
        CtKey::BackTab => {
            mods.shift = false;
            KeyCode::BackTab
        }
        CtKey::Backspace => KeyCode::Backspace,
        CtKey::Esc => KeyCode::Escape,
        CtKey::Up => KeyCode::Up,
        CtKey::Down => KeyCode::Down,
        CtKey::Left => KeyCode::Left,
        CtKey::Right => KeyCode::Right,
        CtKey::Home => KeyCode::Home,
        CtKey::End => KeyCode::End,
        CtKey::PageUp => KeyCode::PageUp,
        CtKey::PageDown => KeyCode::PageDown,
        CtKey::Insert => KeyCode::Insert,
        CtKey::Delete => KeyCode::Delete,
        CtKey::F(n) => KeyCode::F(n),
        CtKey::Null => {
            // NUL is what C-Space and C-@ send.
            mods.ctrl = true;
            KeyCode::Char(' ')
        }
        _ => return None,
    };
    Some(Key { code, mods })
}

fn translate_mouse(m: CtMouse) -> Option<MouseEvent> {
    let button = |b: CtButton| match b {
        CtButton::Left => MouseButton::Left,
        CtButton::Middle => MouseButton::Middle,
        CtButton::Right => MouseButton::Right,
    };
    let (kind, button) = match m.kind {
        MouseEventKind::Down(b) => (MouseKind::Press, button(b)),
        MouseEventKind::Up(b) => (MouseKind::Release, button(b)),
        MouseEventKind::Drag(b) => (MouseKind::Drag, button(b)),
        MouseEventKind::Moved => (MouseKind::Move, MouseButton::None),
        MouseEventKind::ScrollUp => (MouseKind::WheelUp, MouseButton::None),
        MouseEventKind::ScrollDown => (MouseKind::WheelDown, MouseButton::None),
        MouseEventKind::ScrollLeft | MouseEventKind::ScrollRight => return None,
    };
    Some(MouseEvent {
        kind,
        button,
        col: m.column,
        row: m.row,
        mods: mods(m.modifiers),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_and_shifted_keys() {
        let ctrl_b = KeyEvent::new(CtKey::Char('b'), KeyModifiers::CONTROL);
        assert_eq!(
            translate_key(ctrl_b),
            Some(Key {
                code: KeyCode::Char('b'),
                mods: Mods {
                    ctrl: true,
                    ..Mods::default()
                }
            })
        );
        let percent = KeyEvent::new(CtKey::Char('%'), KeyModifiers::SHIFT);
        assert_eq!(
            translate_key(percent),
            Some(Key {
                code: KeyCode::Char('%'),
                mods: Mods::default()
            })
        );
    }

    #[test]
    fn resize_becomes_resize() {
        assert_eq!(
            translate(Event::Resize(100, 30)),
            Some(ClientMessage::Resize(Size {
                cols: 100,
                rows: 30
            }))
        );
    }
}
