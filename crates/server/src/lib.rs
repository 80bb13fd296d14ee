//! rmux-server: the long-lived process that owns sessions, windows, panes and their
//! PTYs, runs commands, and renders each attached client's screen.
//!
//! Data flow: each pane's output is parsed into its `rmux_term::Terminal` by the server
//! loop while the pane is quiet and by the pane's reader thread while it floods, raising
//! an event; the one server loop (`serve`) handles events, client messages and
//! commands, and composes frames for attached clients (`render`).

mod access;
mod buffers;
#[cfg(test)]
mod cheatsheets;
mod client;
mod cmd;
mod conn;
mod control;
mod copy;
mod event;
mod formats;
#[doc(hidden)]
pub mod fuzzing;
mod handover;
pub mod help;
mod ids;
mod inherit;
mod input;
mod jobs;
mod keys;
mod log;
pub mod man;
mod model;
mod modes;
mod mouse;
mod names;
mod options;
mod pane_pipe;
pub mod paths;
mod prompt;
mod pty;
mod pty_adopt;
mod pty_io;
mod reaper;
mod render;
mod serve;
mod server;
mod snapshot;
mod status;
mod termfeatures;
pub mod tmux_face;

mod layout;

mod keyname;

mod cmdline;
mod format;

pub use cmd::starts_server;
pub use handover::check as check_handover;
pub use serve::{ServerConfig, run};
