//! Unit tests per sequence family, through a tiny helper.

mod basics;
mod capture;
mod cursor;
mod edit;
mod fastpath;
#[cfg(feature = "serde")]
mod handover;
mod history;
mod input;
mod memory;
mod modes;
mod osc;
mod reflow;
mod replies;
mod sgr;
mod stamps;
mod unicode;

use crate::{CaptureOptions, Terminal};

/// A 20x5 terminal that has been fed `input`.
pub(crate) fn screen(input: &str) -> Terminal {
    sized(20, 5, input)
}

pub(crate) fn sized(cols: u16, rows: u16, input: &str) -> Terminal {
    let mut t = Terminal::new(crate::Size { cols, rows }, 100);
    t.feed(input.as_bytes());
    t
}

/// Screen text, one line per row, trailing blanks and empty rows trimmed.
pub(crate) fn text(t: &Terminal) -> String {
    let mut s = t.capture(&CaptureOptions::default());
    while s.ends_with("\n\n") {
        s.pop();
    }
    s.trim_end_matches('\n').to_owned()
}

/// (col, row) of the cursor.
pub(crate) fn cursor(t: &Terminal) -> (u16, u16) {
    let c = t.cursor();
    (c.col, c.row)
}
