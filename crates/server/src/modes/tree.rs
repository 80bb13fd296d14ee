//! choose-tree: sessions (and their windows) as a list to move through and pick from,
//! with a preview of the selected one below. find-window is the same list filtered to
//! the windows that match.

use std::cell::Cell;

use rmux_proto::{Attrs, Color, Key, KeyCode, Style};
use unicode_width::UnicodeWidthChar;

use super::ModeAction;
use crate::ids::{SessionId, WindowId};
use crate::layout::Rect;
use crate::render::Line;
use crate::server::Server;

/// `-s`: sessions collapsed; `-w`: sessions opened to show their windows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeKind {
    Sessions,
    Windows,
}

/// One row of the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Entry {
    Session(SessionId),
    Window(SessionId, WindowId),
}

#[derive(Clone, Debug)]
pub struct TreeMode {
    kind: TreeKind,
    /// Sessions opened (Windows) or closed (Sessions) against the kind's default.
    toggled: Vec<SessionId>,
    selected: Option<Entry>,
    /// find-window: only windows whose name, title or text contain this.
    filter: Option<String>,
    preview: bool,
    /// First row shown, so the selection stays in view (moved while drawing).
    top: Cell<usize>,
    /// Rows the list had when last drawn (for page up/down).
    page: Cell<usize>,
}

struct Item {
    entry: Entry,
    label: String,
    /// Tree drawing before the label ("+ ", "├─> ", …).
    branch: &'static str,
}

impl TreeMode {
    pub fn new(
        kind: TreeKind,
        server: &Server,
        session: SessionId,
        filter: Option<String>,
    ) -> TreeMode {
        let selected = match kind {
            TreeKind::Sessions => Entry::Session(session),
            TreeKind::Windows => match server.current_window(session) {
                Some(w) => Entry::Window(session, w),
                None => Entry::Session(session),
            },
        };
        let mut mode = TreeMode {
            kind,
            toggled: Vec::new(),
            selected: Some(selected),
            filter,
            preview: true,
            top: Cell::new(0),
            page: Cell::new(10),
        };
        if mode.filter.is_some() {
            // Land on the first matching window, as tmux's find-window does.
            let items = mode.items(server);
            let first_window = items
                .iter()
                .find(|i| matches!(i.entry, Entry::Window(..)))
                .or(items.first());
            mode.selected = first_window.map(|i| i.entry);
        }
        mode
    }

    /// Whether the filter left anything to choose from.
    pub fn is_empty(&self, server: &Server) -> bool {
        self.items(server).is_empty()
    }

    fn expanded(&self, session: SessionId) -> bool {
        let toggled = self.toggled.contains(&session);
        self.filter.is_some() || (self.kind == TreeKind::Windows) != toggled
    }

    fn items(&self, server: &Server) -> Vec<Item> {
        let mut sessions: Vec<_> = server.sessions.values().collect();
        sessions.sort_by(|a, b| a.name.cmp(&b.name));
        let mut items = Vec::new();
        for s in sessions {
            let windows: Vec<(u32, WindowId)> = s
                .windows
                .iter()
                .map(|(i, w)| (*i, *w))
                .filter(|(_, w)| self.matches(server, *w))
                .collect();
            if self.filter.is_some() && windows.is_empty() {
                continue;
            }
            let expanded = self.expanded(s.id);
            let attached = if server.attached_count(s.id) > 0 {
                " (attached)"
            } else {
                ""
            };
            items.push(Item {
                entry: Entry::Session(s.id),
                label: format!("{}: {} windows{attached}", s.name, s.windows.len()),
                branch: if expanded { "- " } else { "+ " },
            });
            if !expanded {
                continue;
            }
            let count = windows.len();
            for (n, (index, w)) in windows.into_iter().enumerate() {
                let Some(win) = server.windows.get(&w) else {
                    continue;
                };
                let flags = crate::formats::FormatTarget {
                    server,
                    winlink: None,
                    client: None,
                    session: Some(s.id),
                    window: Some(w),
                    pane: None,
                }
                .expand_plain("#{window_flags}");
                items.push(Item {
                    entry: Entry::Window(s.id, w),
                    label: format!("{index}: {}{flags}", win.name),
                    branch: if n + 1 == count {
                        "└─> "
                    } else {
                        "├─> "
                    },
                });
            }
        }
        items
    }

    fn matches(&self, server: &Server, window: WindowId) -> bool {
        let Some(needle) = &self.filter else {
            return true;
        };
        let Some(w) = server.windows.get(&window) else {
            return false;
        };
        if w.name.contains(needle.as_str()) {
            return true;
        }
        w.panes().iter().any(|p| {
            server.panes.get(p).is_some_and(|pane| {
                pane.title.contains(needle.as_str())
                    || pane.term.lock().is_ok_and(|t| {
                        (0..i64::from(t.size().rows))
                            .any(|y| t.row(y).is_some_and(|r| r.text().contains(needle.as_str())))
                    })
            })
        })
    }

    pub fn key(&mut self, key: Key, server: &Server) -> ModeAction {
        let items = self.items(server);
        if items.is_empty() {
            return ModeAction::Leave;
        }
        let last = items.len() - 1;
        let at = self
            .selected
            .and_then(|s| items.iter().position(|i| i.entry == s))
            .unwrap_or(0);
        let ctrl = key.mods.ctrl;
        let mut go = |i: usize| self.selected = Some(items[i.min(last)].entry);
        match key.code {
            KeyCode::Char('c' | 'g') if ctrl => return ModeAction::Leave,
            KeyCode::Escape | KeyCode::Char('q') => return ModeAction::Leave,
            KeyCode::Enter => return ModeAction::Run(choose(items[at].entry)),
            KeyCode::Up | KeyCode::Char('k') => go(if at == 0 { last } else { at - 1 }),
            KeyCode::Char('p') if ctrl => go(if at == 0 { last } else { at - 1 }),
            KeyCode::Down | KeyCode::Char('j') => go(if at == last { 0 } else { at + 1 }),
            KeyCode::Char('n') if ctrl => go(if at == last { 0 } else { at + 1 }),
            KeyCode::PageUp => go(at.saturating_sub(self.page.get().max(1))),
            KeyCode::PageDown => go(at + self.page.get().max(1)),
            KeyCode::Home | KeyCode::Char('g') => go(0),
            KeyCode::End | KeyCode::Char('G') => go(last),
            KeyCode::Char('v') => self.preview = !self.preview,
            KeyCode::Left | KeyCode::Char('-' | 'h') => self.collapse(items[at].entry),
            KeyCode::Right | KeyCode::Char('+' | 'l') => self.expand(items[at].entry),
            KeyCode::Char(c) if !ctrl => {
                if let Some(i) = shortcut_index(c, key.mods.alt)
                    && let Some(item) = items.get(i)
                {
                    return ModeAction::Run(choose(item.entry));
                }
            }
            _ => {}
        }
        ModeAction::Stay
    }

    fn collapse(&mut self, entry: Entry) {
        let session = match entry {
            Entry::Session(s) => s,
            Entry::Window(s, _) => {
                self.selected = Some(Entry::Session(s));
                s
            }
        };
        if self.expanded(session) {
            self.toggle(session);
        }
    }

    fn expand(&mut self, entry: Entry) {
        if let Entry::Session(s) = entry
            && !self.expanded(s)
        {
            self.toggle(s);
        }
    }

    fn toggle(&mut self, session: SessionId) {
        if let Some(i) = self.toggled.iter().position(|s| *s == session) {
            self.toggled.remove(i);
        } else {
            self.toggled.push(session);
        }
    }

    /// The rows of `area` (screen coordinates): the list, then the preview.
    pub fn draw(&self, server: &Server, area: Rect, highlight: Style) -> Vec<Line> {
        let items = self.items(server);
        let at = self
            .selected
            .and_then(|s| items.iter().position(|i| i.entry == s))
            .unwrap_or(0);
        let height = usize::from(area.height);
        let show_preview = self.preview && height >= 8;
        let list_rows = if show_preview { height / 2 } else { height };
        self.page.set(list_rows);
        let mut top = self.top.get();
        if at < top {
            top = at;
        } else if at >= top + list_rows {
            top = at + 1 - list_rows;
        }
        self.top.set(top);
        let mut lines = Vec::new();
        for row in 0..list_rows {
            let y = area.y + u16::try_from(row).unwrap_or(0);
            let Some(item) = items.get(top + row) else {
                lines.push(text_line(y, "", Style::default()));
                continue;
            };
            let n = top + row;
            let key = shortcut_name(n)
                .map(|k| format!("({k}) "))
                .unwrap_or_default();
            let text = format!("{key}{}{}", item.branch, item.label);
            let style = if n == at { highlight } else { Style::default() };
            lines.push(text_line(y, &text, style));
        }
        if show_preview && let Some(item) = items.get(at) {
            let top = area.y + u16::try_from(list_rows).unwrap_or(0);
            lines.extend(preview(
                server,
                item.entry,
                top,
                area.height - top + area.y,
                area.width,
            ));
        }
        lines
    }
}

/// The command that picks an entry.
fn choose(entry: Entry) -> String {
    match entry {
        Entry::Session(s) => format!("switch-client -t '{s}'"),
        Entry::Window(_, w) => format!("switch-client -t '{w}'"),
    }
}

/// Rows 0-9 are chosen with their digit, the next ones with M-a, M-b, …
fn shortcut_name(row: usize) -> Option<String> {
    match row {
        0..=9 => Some(row.to_string()),
        10..=35 => {
            let c = char::from(b'a' + u8::try_from(row - 10).ok()?);
            Some(format!("M-{c}"))
        }
        _ => None,
    }
}

fn shortcut_index(c: char, alt: bool) -> Option<usize> {
    match (c, alt) {
        ('0'..='9', false) => c.to_digit(10).and_then(|d| usize::try_from(d).ok()),
        ('a'..='z', true) => Some(usize::from(u8::try_from(c).ok()? - b'a') + 10),
        _ => None,
    }
}

fn text_line(y: u16, text: &str, style: Style) -> Line {
    Line {
        y,
        cells: text.chars().map(|c| (c, style)).collect(),
        fill: style,
    }
}

/// A separator naming the entry, then the top rows of its active pane.
fn preview(server: &Server, entry: Entry, y: u16, height: u16, width: u16) -> Vec<Line> {
    let (session, window) = match entry {
        Entry::Session(s) => (s, server.current_window(s)),
        Entry::Window(s, w) => (s, Some(w)),
    };
    let name = server
        .sessions
        .get(&session)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let index = window
        .and_then(|w| server.sessions.get(&session).and_then(|s| s.index_of(w)))
        .map(|i| format!(":{i}"))
        .unwrap_or_default();
    let title = format!(" {name}{index} ");
    let border = Style {
        fg: Color::Default,
        attrs: Attrs::default(),
        ..Style::default()
    };
    let w = usize::from(width);
    let mut sep: Vec<(char, Style)> = vec![('─', border); w];
    let title_at = w.saturating_sub(title.chars().count()) / 2;
    for (i, c) in title.chars().enumerate() {
        if let Some(cell) = sep.get_mut(title_at + i) {
            *cell = (c, border);
        }
    }
    let mut lines = vec![Line {
        y,
        cells: sep,
        fill: border,
    }];
    let pane = window.and_then(|w| server.active_pane(w));
    let term = pane
        .and_then(|p| server.panes.get(&p))
        .map(|p| p.term.clone());
    for row in 1..height {
        let text = term
            .as_ref()
            .and_then(|t| {
                t.lock()
                    .ok()
                    .and_then(|t| t.row(i64::from(row - 1)).map(|r| r.text()))
            })
            .unwrap_or_default();
        let clipped: String = clip(&text, w);
        lines.push(text_line(y + row, &clipped, Style::default()));
    }
    lines
}

fn clip(text: &str, width: usize) -> String {
    let mut used = 0;
    text.chars()
        .take_while(|c| {
            used += c.width().unwrap_or(0);
            used <= width
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_round_trip() {
        assert_eq!(shortcut_name(3).as_deref(), Some("3"));
        assert_eq!(shortcut_name(10).as_deref(), Some("M-a"));
        assert_eq!(shortcut_index('3', false), Some(3));
        assert_eq!(shortcut_index('a', true), Some(10));
        assert_eq!(shortcut_index('a', false), None);
        assert_eq!(shortcut_name(36), None);
    }
}
