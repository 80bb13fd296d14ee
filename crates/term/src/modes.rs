//! Terminal modes a program can switch, as the caller sees them.

/// Which mouse events the program asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MouseMode {
    #[default]
    Off,
    /// Mode 9: presses only.
    X10,
    /// Mode 1000: presses and releases (and the wheel).
    Normal,
    /// Mode 1002: also motion while a button is down.
    Button,
    /// Mode 1003: all motion.
    Any,
}

/// How mouse coordinates are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum MouseEncoding {
    #[default]
    Default,
    /// Mode 1005.
    Utf8,
    /// Mode 1006.
    Sgr,
    /// Mode 1015.
    Urxvt,
}

pub use rmux_types::CursorShape;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Modes {
    /// DECCKM (`?1`): cursor keys send `ESC O x`.
    pub app_cursor: bool,
    /// DECKPAM / DECKPNM.
    pub app_keypad: bool,
    /// `?2004`.
    pub bracketed_paste: bool,
    pub mouse: MouseMode,
    pub mouse_encoding: MouseEncoding,
    /// `?1004`.
    pub focus_events: bool,
    /// `?47` / `?1047` / `?1049`.
    pub alt_screen: bool,
    /// `?2026`: the program is in the middle of a frame.
    pub sync_output: bool,
    /// IRM (`4`).
    pub insert: bool,
    /// DECOM (`?6`).
    pub origin: bool,
    /// DECAWM (`?7`), on by default.
    pub autowrap: bool,
    /// LNM (`20`): line feed also returns the carriage.
    pub newline: bool,
}

impl Default for Modes {
    fn default() -> Modes {
        Modes {
            app_cursor: false,
            app_keypad: false,
            bracketed_paste: false,
            mouse: MouseMode::Off,
            mouse_encoding: MouseEncoding::Default,
            focus_events: false,
            alt_screen: false,
            sync_output: false,
            insert: false,
            origin: false,
            autowrap: true,
            newline: false,
        }
    }
}
