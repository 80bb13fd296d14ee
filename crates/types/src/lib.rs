//! rmux-types: the values the emulator, the wire and the client all speak of, defined
//! once so that no conversion between two copies of the same idea can drop a bit.
//!
//! Colours and styles (what a cell looks like), keys and mouse events (what a user did),
//! cursor shapes. Pure data and pure functions: no I/O, no other rmux crate.

mod color;
mod cursor;
mod features;
mod input;
mod style;

pub use color::{Color, ColorDepth, xterm_rgb};
pub use cursor::CursorShape;
pub use features::{Feature, TerminalFeatures};
pub use input::{Key, KeyCode, Mods, MouseButton, MouseEvent, MouseKind};
pub use style::{Attrs, Style, Underline};
