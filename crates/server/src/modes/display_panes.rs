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

/// The marks that draw `text` (digits and `:`) centred in `rect`: large, one block per
/// filled glyph cell, if it fits; else small, in the colour as text.
pub fn big_text_marks(text: &str, rect: Rect, colour: Color) -> Vec<Mark> {
    let widths: Vec<u16> = text.chars().map(digits::glyph_width).collect();
    let big_width: u16 =
        widths.iter().sum::<u16>() + u16::try_from(widths.len()).unwrap_or(0).saturating_sub(1);
    let len = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    let mut marks = Vec::new();
    if rect.width >= big_width && rect.height >= digits::HEIGHT {
        let mut x = rect.x + (rect.width - big_width) / 2;
        let y0 = rect.y + (rect.height - digits::HEIGHT) / 2;
        let block = Style {
            bg: colour,
            ..Style::default()
        };
        for (ch, w) in text.chars().zip(widths) {
            for dy in 0..digits::HEIGHT {
                for dx in 0..w {
                    if digits::glyph_filled(ch, dx, dy) {
                        marks.push(Mark {
                            x: x + dx,
                            y: y0 + dy,
                            ch: ' ',
                            style: block,
                        });
                    }
                }
            }
            x += w + 1;
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

/// The marks that draw pane `number` over it, in the active or the other colour.
pub fn number_marks(number: u32, rect: Rect, active: bool, colours: (u8, u8)) -> Vec<Mark> {
    let colour = Color::Indexed(if active { colours.0 } else { colours.1 });
    big_text_marks(&number.to_string(), rect, colour)
}
