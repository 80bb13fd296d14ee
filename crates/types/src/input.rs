//! What a user did: a key with its modifiers, or a mouse event.

/// Derives shared by the input types: they are map keys and cross the wire.
macro_rules! input_type {
    ($item:item) => {
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
        $item
    };
}

input_type! {
    pub struct Key {
        pub code: KeyCode,
        pub mods: Mods,
    }
}

input_type! {
    pub enum KeyCode {
        Char(char),
        Enter,
        Tab,
        BackTab,
        Backspace,
        Escape,
        Up,
        Down,
        Left,
        Right,
        Home,
        End,
        PageUp,
        PageDown,
        Insert,
        Delete,
        /// F1..F12 (others are ignored by the encoder).
        F(u8),
        /// A key of the numeric keypad: `'0'..='9'`, `'.'`, `'+'`, `'-'`, `'*'`, `'/'`,
        /// `'='`, and `'\r'` for Enter.
        Keypad(char),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Mods {
    pub shift: bool,
    pub alt: bool,
    pub ctrl: bool,
}

impl Mods {
    pub const NONE: Mods = Mods {
        shift: false,
        alt: false,
        ctrl: false,
    };

    pub const fn is_empty(&self) -> bool {
        !self.shift && !self.alt && !self.ctrl
    }

    /// xterm's modifier parameter: 1 + shift + 2·alt + 4·ctrl.
    pub const fn xterm_param(&self) -> u8 {
        1 + self.shift as u8 + 2 * self.alt as u8 + 4 * self.ctrl as u8
    }
}

input_type! {
    /// A mouse event, 0-based; the coordinates are the outer terminal's on the way from
    /// a client and the pane's once the server has placed it.
    pub struct MouseEvent {
        pub kind: MouseKind,
        pub button: MouseButton,
        pub col: u16,
        pub row: u16,
        pub mods: Mods,
    }
}

input_type! {
    pub enum MouseKind {
        Press,
        Release,
        Drag,
        Move,
        WheelUp,
        WheelDown,
    }
}

input_type! {
    pub enum MouseButton {
        Left,
        Middle,
        Right,
        None,
    }
}
