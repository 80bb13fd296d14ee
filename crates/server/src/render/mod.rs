//! Per-client rendering: the server composes each attached client's screen (panes,
//! borders, status line, overlays) and sends only the cells that differ from what that
//! client already has.
//!
//! ```text
//!  Scene (what should be on screen, built from server state)
//!    └─ View::compose ── pane rows whose stamp moved, borders, lines ──> diff vs View.cells
//!                                                          └──> proto::Frame (changed runs)
//! ```
//! Pane rows are skipped cheaply by comparing the row stamps `rmux-term` keeps; everything
//! else is small and simply re-diffed every frame.

mod scene;
mod view;

pub use scene::{Line, Mark, Overlay, PanePlacement, Scene};
pub use view::View;

#[cfg(test)]
mod drawing_tests;
