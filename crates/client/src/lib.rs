//! rmux-client: runs one command against the server and, when the server says so, becomes
//! the attached client: the user's terminal in raw mode, input events to the server, frames
//! from the server drawn within what the terminal can show.
//!
//! The caller (the `rmux` binary) finds or starts the server and hands over a connected
//! socket; everything after that is here.

mod attached;
mod control;
mod input;
mod screen;
mod session;
mod sgr;
mod terminfo;
mod tty;

pub use control::run as run_control;
pub use session::{Next, Outcome, run_command};
pub use terminfo::capabilities as terminfo_capabilities;

/// For tests that check what the client writes against another emulator.
#[doc(hidden)]
pub use screen::Screen;
