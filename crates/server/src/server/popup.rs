//! Popups (display-popup, after tmux's popup.c): a program in its own PTY drawn in a box
//! over one client's screen, taking that client's keys until it closes. The command
//! that opened it waits until then (`Flow::Channel` on the popup's own channel), so
//! `tmux popup -E fzf; …` goes on once fzf is done, as in tmux.

use rmux_proto::{Key, KeyCode, Style};
use rmux_term::Size;

use super::Server;
use super::spawn::NewPane;
use crate::ids::{ClientId, PaneId, SessionId};
use crate::layout::Rect;
use crate::pty::{self, ExitStatus, PaneFlags, Pty, SharedTerminal};
use crate::render::{Mark, PanePlacement};

/// When a popup closes by itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CloseOn {
    /// Only on Escape or C-c (or display-popup -C).
    Keys,
    /// When its program exits (-E).
    Exit,
    /// When its program exits with status 0 (-EE).
    Success,
}

/// How a popup is to look and behave (the flags of display-popup).
pub struct PopupSpec {
    pub client: ClientId,
    pub session: SessionId,
    /// Where on the client's screen, border included.
    pub rect: Rect,
    /// The border's characters (`popup-border-lines`), `None` for no border.
    pub lines: Option<BoxLines>,
    pub title: String,
    pub border_style: Style,
    pub close: CloseOn,
    pub pane: NewPane,
}

pub struct Popup {
    pub client: ClientId,
    pub rect: Rect,
    lines: Option<BoxLines>,
    title: String,
    border_style: Style,
    close: CloseOn,
    pty: Pty,
    term: SharedTerminal,
    flags: PaneFlags,
    running: bool,
}

/// The characters of a box: corners (top-left, top-right, bottom-left, bottom-right),
/// horizontal and vertical.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoxLines {
    corners: [char; 4],
    horizontal: char,
    vertical: char,
}

impl BoxLines {
    /// tmux's default box (menus).
    pub const SINGLE: BoxLines = BoxLines {
        corners: ['┌', '┐', '└', '┘'],
        horizontal: '─',
        vertical: '│',
    };

    /// tmux's box styles by their option name (`none` is no border).
    pub fn named(name: &str) -> Option<Option<BoxLines>> {
        let make = |c: [char; 4], h, v| {
            Some(Some(BoxLines {
                corners: c,
                horizontal: h,
                vertical: v,
            }))
        };
        match name {
            "single" => Some(Some(BoxLines::SINGLE)),
            "rounded" => make(['╭', '╮', '╰', '╯'], '─', '│'),
            "double" => make(['╔', '╗', '╚', '╝'], '═', '║'),
            "heavy" => make(['┏', '┓', '┗', '┛'], '━', '┃'),
            "simple" => make(['+', '+', '+', '+'], '-', '|'),
            "padded" => make([' '; 4], ' ', ' '),
            "none" => Some(None),
            _ => None,
        }
    }
}

/// The channel the command that opened a popup waits on.
pub fn channel_name(id: PaneId) -> String {
    format!("\u{1}popup-{id}")
}

impl Popup {
    /// Where the program's screen is: inside the border.
    fn inner(&self) -> Rect {
        inner_of(self.rect, self.lines.is_some())
    }

    /// The box and its title, as marks over everything else.
    fn border_marks(&self) -> Vec<Mark> {
        let Some(lines) = self.lines else {
            return Vec::new();
        };
        let room = usize::from(self.rect.width.saturating_sub(4));
        let title: Vec<char> = self.title.chars().take(room).collect();
        box_marks(self.rect, lines, self.border_style, &title, 0)
    }
}

/// A box around `rect` (border included) in `lines`, as tmux's screen_write_box draws
/// it: `title` over the top edge from its third column, `before` columns further in.
pub fn box_marks(
    rect: Rect,
    lines: BoxLines,
    style: Style,
    title: &[char],
    before: usize,
) -> Vec<Mark> {
    let (right, bottom) = (rect.x + rect.width - 1, rect.y + rect.height - 1);
    let mut marks = Vec::new();
    let mut mark = |x, y, ch| marks.push(Mark { x, y, ch, style });
    let title_at = |x: u16| {
        usize::from(x - rect.x)
            .checked_sub(2 + before)
            .and_then(|i| title.get(i).copied())
    };
    for x in rect.x + 1..right {
        mark(x, rect.y, title_at(x).unwrap_or(lines.horizontal));
        mark(x, bottom, lines.horizontal);
    }
    for y in rect.y + 1..bottom {
        mark(rect.x, y, lines.vertical);
        mark(right, y, lines.vertical);
    }
    mark(rect.x, rect.y, lines.corners[0]);
    mark(right, rect.y, lines.corners[1]);
    mark(rect.x, bottom, lines.corners[2]);
    mark(right, bottom, lines.corners[3]);
    marks
}

fn inner_of(rect: Rect, border: bool) -> Rect {
    if border && rect.width > 2 && rect.height > 2 {
        Rect {
            x: rect.x + 1,
            y: rect.y + 1,
            width: rect.width - 2,
            height: rect.height - 2,
        }
    } else {
        rect
    }
}

/// What a client's screen shows of its popup.
pub struct PopupView {
    pub placement: PanePlacement,
    pub marks: Vec<Mark>,
    pub cursor: Option<rmux_proto::Cursor>,
}

impl Server {
    /// Open a popup for a client, its program started. Returns its id (the channel its
    /// command waits on is named after it).
    pub fn open_popup(&mut self, spec: PopupSpec) -> Result<PaneId, String> {
        let border = spec.lines.is_some();
        let inner = inner_of(spec.rect, border);
        let mut start = self.spawn_spec(
            spec.session,
            &spec.pane,
            Size {
                cols: inner.width.max(1),
                rows: inner.height.max(1),
            },
        );
        // A popup keeps no history: it is a view, not a pane.
        start.history_limit = 0;
        let id = PaneId(self.ids.pane.next());
        self.spawns += 1;
        let flags = PaneFlags::default();
        let (pty, term) = pty::spawn(id, self.spawns, &start, flags.clone(), self.events.clone())
            .map_err(|e| format!("{e:#}"))?;
        self.popups.insert(
            id,
            Popup {
                client: spec.client,
                rect: spec.rect,
                lines: spec.lines,
                title: spec.title,
                border_style: spec.border_style,
                close: spec.close,
                pty,
                term,
                flags,
                running: true,
            },
        );
        self.redraw_client(spec.client);
        Ok(id)
    }

    /// The popup a client shows, if any.
    pub fn popup_of(&self, client: ClientId) -> Option<PaneId> {
        self.popups
            .iter()
            .find(|(_, p)| p.client == client)
            .map(|(id, _)| *id)
    }

    /// Close a popup: its program is hung up and the command that opened it goes on.
    pub fn close_popup(&mut self, id: PaneId) {
        let Some(popup) = self.popups.remove(&id) else {
            return;
        };
        popup.pty.hang_up();
        self.signal_channel(&channel_name(id));
        self.redraw_client(popup.client);
    }

    /// Popups whose client left go with it.
    pub fn close_orphan_popups(&mut self) {
        let orphans: Vec<PaneId> = self
            .popups
            .iter()
            .filter(|(_, p)| {
                self.clients
                    .get(&p.client)
                    .is_none_or(|c| c.attached.is_none())
            })
            .map(|(id, _)| *id)
            .collect();
        for id in orphans {
            self.close_popup(id);
        }
    }

    /// New output in a popup: nothing to pick up but a redraw of its client.
    pub fn popup_output(&mut self, id: PaneId) -> bool {
        let Some(p) = self.popups.get(&id) else {
            return false;
        };
        p.flags
            .dirty
            .store(false, std::sync::atomic::Ordering::Release);
        if p.flags
            .events
            .swap(false, std::sync::atomic::Ordering::AcqRel)
            && let Ok(mut t) = p.term.lock()
        {
            // Titles and bells of a popup's program concern no window.
            let _ = t.take_events();
        }
        let client = p.client;
        self.redraw_client(client);
        true
    }

    /// A popup's program is gone: it closes if its flags say so, else stays to be read
    /// until Escape or C-c.
    pub fn popup_exited(&mut self, id: PaneId, spawn: u64, status: &ExitStatus) -> bool {
        let Some(p) = self.popups.get_mut(&id) else {
            return false;
        };
        if p.pty.spawn != spawn {
            return true;
        }
        p.running = false;
        let close = match p.close {
            CloseOn::Keys => false,
            CloseOn::Exit => true,
            CloseOn::Success => status.code == 0 && status.signal.is_none(),
        };
        let client = p.client;
        if close {
            self.close_popup(id);
        } else {
            self.redraw_client(client);
        }
        true
    }

    /// A key from a client with a popup: the popup's, every key (the prefix too), as in
    /// tmux. Returns false when the client has none.
    pub fn popup_key(&mut self, client: ClientId, key: Key) -> bool {
        let Some(id) = self.popup_of(client) else {
            return false;
        };
        let Some(p) = self.popups.get(&id) else {
            return false;
        };
        let escape = key.mods.is_empty() && key.code == KeyCode::Escape;
        let ctrl_c = key.code == KeyCode::Char('c') && key.mods.ctrl && !key.mods.alt;
        if (p.close == CloseOn::Keys || !p.running) && (escape || ctrl_c) {
            self.close_popup(id);
            return true;
        }
        if p.running {
            let mut bytes = Vec::new();
            if let Ok(t) = p.term.lock() {
                t.encode_key(key, &mut bytes);
            }
            p.pty.write(bytes);
        }
        true
    }

    /// What `client` shows of its popup.
    pub fn popup_view(&self, client: ClientId) -> Option<PopupView> {
        let id = self.popup_of(client)?;
        let p = self.popups.get(&id)?;
        let inner = p.inner();
        let cursor = p.term.lock().ok().and_then(|t| {
            let c = t.cursor();
            (c.visible && c.col < inner.width && c.row < inner.height).then_some(
                rmux_proto::Cursor {
                    x: inner.x + c.col,
                    y: inner.y + c.row,
                    shape: c.shape,
                    color: c.color,
                },
            )
        });
        Some(PopupView {
            placement: PanePlacement::whole(
                id,
                p.term.clone(),
                inner.x,
                inner.y,
                inner.width,
                inner.height,
            ),
            marks: p.border_marks(),
            cursor,
        })
    }

    /// Every popup's program hung up (the server is going).
    pub fn hang_up_popups(&mut self) {
        for (_, p) in std::mem::take(&mut self.popups) {
            p.pty.hang_up();
        }
    }
}
