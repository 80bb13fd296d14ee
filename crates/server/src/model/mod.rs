//! The things the server keeps: sessions hold numbered windows, windows hold a layout of
//! panes, panes hold a PTY and its screen. They refer to each other by id; the `Server`
//! owns them all in maps, so there are no reference cycles and a lookup can fail cleanly.

mod pane;
mod session;
mod window;

pub use pane::{Pane, Restart};
pub use session::Session;
pub use window::{Alerts, Window};
