//! A list to pick one item from, each item a command line (choose-buffer pastes a
//! buffer, choose-client detaches a client).

use std::cell::Cell;

use rmux_proto::{Key, KeyCode, Style};

use super::ModeAction;
use crate::layout::Rect;
use crate::render::Line;

#[derive(Clone, Debug)]
pub struct ChooseMode {
    /// `buffer-mode` or `client-mode`.
    name: &'static str,
    /// (what the row says, the command choosing it runs)
    items: Vec<(String, String)>,
    selected: usize,
    top: Cell<usize>,
    page: Cell<usize>,
}

impl ChooseMode {
    pub fn new(name: &'static str, items: Vec<(String, String)>) -> ChooseMode {
        ChooseMode {
            name,
            items,
            selected: 0,
            top: Cell::new(0),
            page: Cell::new(10),
        }
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn key(&mut self, key: Key) -> ModeAction {
        let Some(last) = self.items.len().checked_sub(1) else {
            return ModeAction::Leave;
        };
        let page = self.page.get().max(1);
        let ctrl = key.mods.ctrl;
        match key.code {
            KeyCode::Escape | KeyCode::Char('q') => return ModeAction::Leave,
            KeyCode::Char('c' | 'g') if ctrl => return ModeAction::Leave,
            KeyCode::Enter => {
                // A row that runs nothing (a heading) is not a choice.
                let command = &self.items[self.selected].1;
                if !command.is_empty() {
                    return ModeAction::Run(command.clone());
                }
            }
            KeyCode::Up | KeyCode::Char('k') => {
                self.selected = if self.selected == 0 {
                    last
                } else {
                    self.selected - 1
                };
            }
            KeyCode::Char('p') if ctrl => {
                self.selected = if self.selected == 0 {
                    last
                } else {
                    self.selected - 1
                };
            }
            KeyCode::Down | KeyCode::Char('j') => {
                self.selected = if self.selected == last {
                    0
                } else {
                    self.selected + 1
                };
            }
            KeyCode::Char('n') if ctrl => {
                self.selected = if self.selected == last {
                    0
                } else {
                    self.selected + 1
                };
            }
            KeyCode::PageUp => self.selected = self.selected.saturating_sub(page),
            KeyCode::PageDown => self.selected = (self.selected + page).min(last),
            KeyCode::Home | KeyCode::Char('g') => self.selected = 0,
            KeyCode::End | KeyCode::Char('G') => self.selected = last,
            KeyCode::Char(c) if !ctrl => {
                if let Some(d) = c.to_digit(10).and_then(|d| usize::try_from(d).ok())
                    && let Some(item) = self.items.get(d)
                {
                    return ModeAction::Run(item.1.clone());
                }
            }
            _ => {}
        }
        ModeAction::Stay
    }

    pub fn draw(&self, area: Rect, highlight: Style) -> Vec<Line> {
        let rows = usize::from(area.height);
        self.page.set(rows);
        let mut top = self.top.get();
        if self.selected < top {
            top = self.selected;
        } else if self.selected >= top + rows {
            top = self.selected + 1 - rows;
        }
        self.top.set(top);
        (0..area.height)
            .map(|row| {
                let i = top + usize::from(row);
                let (text, style) = match self.items.get(i) {
                    Some((label, _)) => {
                        let key = if i < 10 {
                            format!("({i}) ")
                        } else {
                            String::new()
                        };
                        let style = if i == self.selected {
                            highlight
                        } else {
                            Style::default()
                        };
                        (format!("{key}{label}"), style)
                    }
                    None => (String::new(), Style::default()),
                };
                Line {
                    y: area.y + row,
                    cells: text
                        .chars()
                        .filter(|c| !c.is_control())
                        .map(|c| (c, style))
                        .collect(),
                    fill: style,
                }
            })
            .collect()
    }
}
