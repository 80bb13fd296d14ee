//! display-panes: every pane's number drawn large over it; pressing a number selects that
//! pane, any other key (or the display-panes-time running out) ends it.

use std::time::Instant;

use rmux_proto::{Color, Key, KeyCode, Style};

use super::{ModeAction, digits};
use crate::ids::PaneId;
use crate::layout::Rect;
use crate::render::Mark;

#[derive(Clone, Debug)]
pub struct DisplayPanes {
    pub until: Instant,
    /// Pane index -> pane, as numbered on screen.
    pub panes: Vec<(u32, PaneId)>,
}

impl DisplayPanes {
    pub fn key(&mut self, key: Key) -> ModeAction {
        if let KeyCode::Char(c) = key.code
            && let Some(d) = c.to_digit(10)
            && let Some((_, pane)) = self.panes.iter().find(|(i, _)| *i == d)
        {
            return ModeAction::Run(format!("select-pane -t {pane}"));
        }
        ModeAction::Leave
    }
}

/// The marks that draw `number` centred in `rect` (screen coordinates), large if it fits.
pub fn number_marks(number: u32, rect: Rect, active: bool, colours: (u8, u8)) -> Vec<Mark> {
    let colour = Color::Indexed(if active { colours.0 } else { colours.1 });
    let text = number.to_string();
    let len = u16::try_from(text.len()).unwrap_or(1);
    let mut marks = Vec::new();
    let big_width = len * (digits::WIDTH + 1) - 1;
    if rect.width >= big_width && rect.height >= digits::HEIGHT {
        let x0 = rect.x + (rect.width - big_width) / 2;
        let y0 = rect.y + (rect.height - digits::HEIGHT) / 2;
        let block = Style {
            bg: colour,
            ..Style::default()
        };
        for (i, ch) in text.chars().enumerate() {
            let d = ch.to_digit(10).unwrap_or(0);
            let dx = u16::try_from(i).unwrap_or(0) * (digits::WIDTH + 1);
            for y in 0..digits::HEIGHT {
                for x in 0..digits::WIDTH {
                    if digits::filled(d, x, y) {
                        marks.push(Mark {
                            x: x0 + dx + x,
                            y: y0 + y,
                            ch: ' ',
                            style: block,
                        });
                    }
                }
            }
        }
    } else if rect.width >= len && rect.height >= 1 {
        let x0 = rect.x + (rect.width - len) / 2;
        let y0 = rect.y + rect.height / 2;
        let style = Style {
            fg: colour,
            ..Style::default()
        };
        for (i, ch) in text.chars().enumerate() {
            marks.push(Mark {
                x: x0 + u16::try_from(i).unwrap_or(0),
                y: y0,
                ch,
                style,
            });
        }
    }
    marks
}
