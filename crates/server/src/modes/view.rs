//! View mode: text a command printed when run from a key (`C-b ?` lists the keys), shown
//! over the window to read and scroll, as tmux shows it.

use std::cell::Cell;

use rmux_proto::{Key, KeyCode, Style};

use super::ModeAction;
use crate::layout::Rect;
use crate::render::Line;

#[derive(Clone, Debug)]
pub struct ViewMode {
    lines: Vec<String>,
    top: usize,
    /// Rows shown when last drawn, for paging.
    page: Cell<usize>,
}

impl ViewMode {
    pub fn new(text: &str) -> ViewMode {
        ViewMode {
            lines: text.lines().map(str::to_string).collect(),
            top: 0,
            page: Cell::new(10),
        }
    }

    fn last_top(&self) -> usize {
        self.lines.len().saturating_sub(self.page.get())
    }

    pub fn key(&mut self, key: Key) -> ModeAction {
        let page = self.page.get().max(1);
        match key.code {
            KeyCode::Char('q') | KeyCode::Escape => return ModeAction::Leave,
            KeyCode::Char('c' | 'g') if key.mods.ctrl => return ModeAction::Leave,
            KeyCode::Up | KeyCode::Char('k') => self.top = self.top.saturating_sub(1),
            KeyCode::Char('p') if key.mods.ctrl => self.top = self.top.saturating_sub(1),
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Enter => self.top += 1,
            KeyCode::Char('n') if key.mods.ctrl => self.top += 1,
            KeyCode::PageUp => self.top = self.top.saturating_sub(page),
            KeyCode::PageDown | KeyCode::Char(' ') => self.top += page,
            KeyCode::Home | KeyCode::Char('g') => self.top = 0,
            KeyCode::End | KeyCode::Char('G') => self.top = self.last_top(),
            _ => {}
        }
        self.top = self.top.min(self.last_top());
        ModeAction::Stay
    }

    /// The rows of `area`, with `[top/total]` at the top right in `indicator` style.
    pub fn draw(&self, area: Rect, indicator: Style) -> Vec<Line> {
        self.page.set(usize::from(area.height));
        let mut out = Vec::new();
        for row in 0..area.height {
            let text = self
                .lines
                .get(self.top + usize::from(row))
                .map(String::as_str)
                .unwrap_or("");
            let mut cells: Vec<(char, Style)> = text
                .chars()
                .filter(|c| !c.is_control())
                .map(|c| (c, Style::default()))
                .collect();
            if row == 0 {
                // tmux writes the text into a screen and counts as copy mode does: the
                // lines above the bottom screenful are history, the position is how far
                // up from the bottom the view is.
                let history = self.lines.len().saturating_sub(usize::from(area.height));
                let mark = format!("[{}/{history}]", history.saturating_sub(self.top));
                let width = usize::from(area.width);
                let at = width.saturating_sub(mark.chars().count());
                cells.resize(at, (' ', Style::default()));
                cells.extend(mark.chars().map(|c| (c, indicator)));
            }
            out.push(Line {
                y: area.y + row,
                cells,
                fill: Style::default(),
            });
        }
        out
    }
}
