//! clock-mode: a large clock over the active pane until a key is pressed (`C-b t`).

use rmux_proto::{Color, Key, Style};

use super::ModeAction;
use super::display_panes::big_text_marks;
use crate::layout::Rect;
use crate::render::Mark;

#[derive(Clone, Debug)]
pub struct ClockMode;

impl ClockMode {
    pub fn key(&mut self, _key: Key) -> ModeAction {
        ModeAction::Leave
    }
}

/// The marks of a clock over `rect`: the pane blanked, the time in large digits.
pub fn clock_marks(rect: Rect, colour: Color, twelve_hour: bool) -> Vec<Mark> {
    let now = chrono::Local::now();
    let text = if twelve_hour {
        now.format("%l:%M").to_string().trim().to_string()
    } else {
        now.format("%H:%M").to_string()
    };
    let mut marks = Vec::with_capacity(usize::from(rect.width) * usize::from(rect.height));
    for y in rect.y..rect.y + rect.height {
        for x in rect.x..rect.x + rect.width {
            marks.push(Mark {
                x,
                y,
                ch: ' ',
                style: Style::default(),
            });
        }
    }
    marks.extend(big_text_marks(&text, rect, colour));
    marks
}
