//! The mouse through the key tables, as tmux does it (server-client.c): each event
//! becomes a mouse key — `MouseDown1Pane`, `WheelUpStatus`, `MouseDrag1Border`,
//! `DoubleClick1Pane` … — looked up in the client's key table (a pane in copy mode
//! under the mouse uses its copy-mode table), and the command bound to it runs with the
//! mouse's pane and window as its target `=` (`select-pane -t =`, `send-keys -M`).
//! A drag that a command takes over (`copy-mode -M`, `resize-pane -M`,
//! `send-keys -X begin-selection`) is followed here, without the tables, until the
//! button is let go, which sends `MouseDragEnd`. With `mouse off`, events go straight
//! to the program under the mouse if it asked for them.

use std::time::{Duration, Instant};

use rmux_proto::{self as proto, MouseButton, MouseKind};

use crate::ids::{ClientId, PaneId, SessionId, WindowId};
use crate::keyname::{BindKey, MouseEvent, MouseKey, MouseLocation};
use crate::server::Server;

/// tmux's KEYC_CLICK_TIMEOUT: presses closer than this are double and triple clicks.
const CLICK_TIMEOUT: Duration = Duration::from_millis(300);
/// tmux's WINDOW_COPY_DRAG_REPEAT_TIME: a selection dragged to the top or bottom row
/// of its pane scrolls a line this often while the mouse stays there.
const DRAG_REPEAT: Duration = Duration::from_millis(50);

/// Where a mouse event happened: what `-t =` names and what `send-keys -M` sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MouseAt {
    pub event: proto::MouseEvent,
    pub session: SessionId,
    pub location: MouseLocation,
    /// The window under the mouse (the window's entry in the status line, or the
    /// window shown).
    pub window: Option<WindowId>,
    /// The pane under the mouse, or beside the border.
    pub pane: Option<PaneId>,
    /// Not to be sent to a program (a double click, reported after the fact).
    pub ignore: bool,
}

/// What a command took over until the button is let go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drag {
    /// The copy-mode selection's end follows the mouse.
    Selection { pane: PaneId },
    /// A border between panes follows the mouse: the pane before it, whether the
    /// border is vertical, and where the mouse last was along the drag.
    Border {
        pane: PaneId,
        vertical: bool,
        last: u16,
    },
}

/// A client's mouse: the button held, a drag, clicks counted for double and triple.
#[derive(Clone, Debug, Default)]
pub struct MouseState {
    /// Where the last press was, for the start of a drag.
    pressed: Option<proto::MouseEvent>,
    /// The button of the drag under way (tmux's mouse_drag_flag).
    dragging: Option<u8>,
    pub drag: Option<Drag>,
    click: Option<Clicks>,
    /// A double click to report once no third click came (its deadline).
    pending_double: Option<(Instant, MouseAt, u8)>,
    /// A selection dragged to its pane's edge: when it scrolls next, the pane, and
    /// whether up.
    pub edge_scroll: Option<(Instant, PaneId, bool)>,
}

#[derive(Clone, Copy, Debug)]
struct Clicks {
    button: u8,
    /// 1 after a press, 2 after a second one.
    count: u8,
    until: Instant,
}

impl MouseState {
    /// When a pending double click is due.
    pub fn deadline(&self) -> Option<Instant> {
        let scroll = self.edge_scroll.map(|(t, _, _)| t);
        match (self.pending_double.map(|(t, _, _)| t), scroll) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

fn button_number(b: MouseButton) -> Option<u8> {
    match b {
        MouseButton::Left => Some(1),
        MouseButton::Middle => Some(2),
        MouseButton::Right => Some(3),
        MouseButton::None => None,
    }
}

impl Server {
    pub fn client_mouse(&mut self, client: ClientId, m: proto::MouseEvent) {
        // A menu takes the mouse; over a popup the panes underneath get nothing.
        if self.menu_mouse(client, m) || self.popup_of(client).is_some() {
            return;
        }
        let Some(session) = self.clients.get(&client).and_then(|c| c.session()) else {
            return;
        };
        let Some(at) = self.mouse_at(client, session, m) else {
            // Let go off the screen's panes and status line: the drag ends there.
            if m.kind == MouseKind::Release
                && let Some(a) = self.attached_mut(client)
            {
                a.mouse.dragging = None;
                a.mouse.drag = None;
                a.mouse.edge_scroll = None;
            }
            return;
        };
        if !self.session_flag(Some(session), "mouse") {
            // Straight to the program under the mouse, if it asked for the mouse.
            if at.location == MouseLocation::Pane {
                self.mouse_to_pane(&at);
            }
            return;
        }
        let now = Instant::now();
        let Some(state) = self.attached_mut(client).map(|a| &mut a.mouse) else {
            return;
        };
        let step = next_step(state, m, at, now);
        match step {
            Step::Nothing => {}
            Step::Update(drag) => self.drag_update(client, drag, &at),
            Step::Key(event) => self.mouse_key(client, event, at),
            Step::DragStart(b) => {
                // A drag starts where the button went down.
                let start = self
                    .attached_mut(client)
                    .and_then(|a| a.mouse.pressed)
                    .and_then(|p| self.mouse_at(client, session, p))
                    .unwrap_or(at);
                self.mouse_key(client, MouseEvent::Drag(b), start);
            }
        }
    }

    /// A double click whose time has come (no third click followed); a selection held
    /// at a pane's edge scrolls on.
    pub fn expire_mouse(&mut self, now: Instant) {
        let scrolls: Vec<(ClientId, PaneId, bool)> = self
            .clients
            .iter_mut()
            .filter_map(|(id, c)| {
                let state = &mut c.attached.as_mut()?.mouse;
                let (t, pane, up) = state.edge_scroll?;
                (now >= t).then(|| {
                    state.edge_scroll = Some((now + DRAG_REPEAT, pane, up));
                    (*id, pane, up)
                })
            })
            .collect();
        for (client, pane, up) in scrolls {
            if self
                .copy_command(pane, if up { "cursor-up" } else { "cursor-down" }, &[])
                .is_err()
            {
                // The pane left copy mode: nothing more to scroll.
                if let Some(a) = self.attached_mut(client) {
                    a.mouse.edge_scroll = None;
                }
            }
        }
        let due: Vec<(ClientId, MouseAt, u8)> = self
            .clients
            .iter_mut()
            .filter_map(|(id, c)| {
                let state = &mut c.attached.as_mut()?.mouse;
                let (t, at, b) = state.pending_double?;
                (now >= t).then(|| {
                    state.pending_double = None;
                    (*id, at, b)
                })
            })
            .collect();
        for (client, at, b) in due {
            self.mouse_key(
                client,
                MouseEvent::DoubleClick(b),
                MouseAt { ignore: true, ..at },
            );
        }
    }

    /// Run what `event` at `at` is bound to in the client's table; an unbound event in
    /// a pane goes to its program, as in tmux.
    fn mouse_key(&mut self, client: ClientId, event: MouseEvent, at: MouseAt) {
        let key = BindKey::Mouse(MouseKey {
            event,
            location: at.location,
            mods: at.event.mods,
        });
        let Some(a) = self.clients.get(&client).and_then(|c| c.attached.as_ref()) else {
            return;
        };
        let default = self
            .session_option(Some(at.session), "key-table")
            .to_string();
        let table = a.key_table.clone();
        let copy_table = at
            .pane
            .and_then(|p| self.panes.get(&p))
            .filter(|p| p.copy.is_some())
            .map(|p| {
                if self.window_option(Some(p.window), "mode-keys") == "vi" {
                    "copy-mode-vi"
                } else {
                    "copy-mode"
                }
            });
        let table = match copy_table {
            Some(copy) if table == default => copy.to_string(),
            _ => table,
        };
        let binding = self
            .keys
            .lookup_bind(&table, key)
            .or_else(|| self.keys.lookup_bind(&default, key))
            .cloned();
        if table != default
            && let Some(a) = self.attached_mut(client)
        {
            a.key_table = default;
            a.repeat_until = None;
        }
        match binding {
            Some(b) => self.run_client_command_at(client, &b.command, Some(at)),
            None if at.location == MouseLocation::Pane => self.mouse_to_pane(&at),
            None => {}
        }
    }

    /// Where on the client's screen `m` is: status line, border or pane.
    fn mouse_at(
        &self,
        client: ClientId,
        session: SessionId,
        m: proto::MouseEvent,
    ) -> Option<MouseAt> {
        let size = self.clients.get(&client)?.size()?;
        let lines = self.status_lines(Some(session)).min(size.rows);
        let status_top = self.status_at_top(Some(session));
        let status_rows = if status_top {
            0..lines
        } else {
            size.rows - lines..size.rows
        };
        let window = self.current_window(session);
        let base = MouseAt {
            event: m,
            session,
            location: MouseLocation::StatusDefault,
            window,
            pane: None,
            ignore: false,
        };
        if status_rows.contains(&m.row) {
            let (location, window) = match crate::status::status_hit(self, client, m.col, size.cols)
            {
                crate::status::StatusHit::Window(w) => (MouseLocation::Status, Some(w)),
                crate::status::StatusHit::Left => (MouseLocation::StatusLeft, window),
                crate::status::StatusHit::Right => (MouseLocation::StatusRight, window),
                crate::status::StatusHit::Other => (MouseLocation::StatusDefault, window),
            };
            return Some(MouseAt {
                location,
                window,
                ..base
            });
        }
        let window = window?;
        let w = self.windows.get(&window)?;
        let area = self.window_area(client)?;
        let (ox, oy) = self
            .client_offset(client, window)
            .map_or((0, 0), |(_, x, y)| (x, y));
        let x = m.col.checked_sub(area.x)? + ox;
        let y = m.row.checked_sub(area.y)? + oy;
        if w.zoomed {
            let (cols, rows) = w.size();
            return (x < cols && y < rows).then_some(MouseAt {
                location: MouseLocation::Pane,
                pane: Some(w.active),
                ..base
            });
        }
        let panes = w.layout.panes();
        // On a border: just right of or below a pane (tmux tries borders first).
        let border = panes.iter().find(|(_, r)| {
            (r.x + r.width == x && r.y <= y + 1 && r.y + r.height >= y)
                || (r.y + r.height == y && r.x <= x + 1 && r.x + r.width >= x)
        });
        if let Some((p, _)) = border {
            return Some(MouseAt {
                location: MouseLocation::Border,
                pane: Some(PaneId(*p)),
                ..base
            });
        }
        let (p, _) = panes
            .iter()
            .find(|(_, r)| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)?;
        Some(MouseAt {
            location: MouseLocation::Pane,
            pane: Some(PaneId(*p)),
            ..base
        })
    }

    /// send-keys -M, and an unbound event in a pane: the event as the program asked
    /// for it (its own coordinates), if it asked for the mouse at all.
    pub fn mouse_to_pane(&mut self, at: &MouseAt) {
        if at.ignore {
            return;
        }
        let Some((pane, rect)) = at
            .pane
            .and_then(|p| Some((p, self.pane_rect_on_client(p)?)))
        else {
            return;
        };
        let Some(p) = self.panes.get(&pane) else {
            return;
        };
        if p.copy.is_some() {
            return;
        }
        let ev = rmux_term::MouseEvent {
            col: at.event.col.saturating_sub(rect.0),
            row: at.event.row.saturating_sub(rect.1),
            ..at.event
        };
        let mut bytes = Vec::new();
        if p.term.lock().is_ok_and(|t| t.encode_mouse(ev, &mut bytes)) {
            p.pty.write(bytes);
        }
    }

    /// The client-screen column and row of a pane's top-left cell (its window shown
    /// whole or panned); used only for the pane under a mouse event.
    fn pane_rect_on_client(&self, pane: PaneId) -> Option<(u16, u16)> {
        let p = self.panes.get(&pane)?;
        let w = self.windows.get(&p.window)?;
        let session = self.session_of_window(p.window)?;
        let client = self
            .attached_clients(session)
            .max_by_key(|c| c.activity)
            .map(|c| c.id)?;
        let area = self.window_area(client)?;
        let (ox, oy) = self
            .client_offset(client, p.window)
            .map_or((0, 0), |(_, x, y)| (x, y));
        let r = if w.zoomed {
            w.full_rect()
        } else {
            w.layout.rect(pane.0)?
        };
        Some((
            (area.x + r.x).saturating_sub(ox),
            (area.y + r.y).saturating_sub(oy),
        ))
    }

    /// A command took over the drag under way (copy-mode -M, resize-pane -M).
    pub fn start_drag(&mut self, client: Option<ClientId>, drag: Drag) {
        if let Some(a) = client.and_then(|c| self.attached_mut(c)) {
            a.mouse.drag = Some(drag);
        }
    }

    /// The mouse moved with its button down, in a drag a command took over.
    fn drag_update(&mut self, client: ClientId, drag: Drag, at: &MouseAt) {
        match drag {
            Drag::Selection { pane } => {
                self.copy_cursor_to_mouse(pane, at);
                // At the pane's top or bottom row the view scrolls, a line now and
                // every DRAG_REPEAT while the mouse stays, as in tmux.
                let edge = self.pane_rect_on_client(pane).and_then(|(_, y)| {
                    let rows = self.panes.get(&pane)?.size.rows;
                    let row = at.event.row.checked_sub(y)?;
                    match row {
                        0 => Some(true),
                        r if r + 1 == rows => Some(false),
                        _ => None,
                    }
                });
                if let Some(up) = edge {
                    let _ =
                        self.copy_command(pane, if up { "cursor-up" } else { "cursor-down" }, &[]);
                }
                if let Some(a) = self.attached_mut(client) {
                    a.mouse.edge_scroll = edge.map(|up| (Instant::now() + DRAG_REPEAT, pane, up));
                }
            }
            Drag::Border {
                pane,
                vertical,
                last,
            } => {
                let Some(area) = self.window_area(client) else {
                    return;
                };
                let now = if vertical {
                    at.event.col.saturating_sub(area.x)
                } else {
                    at.event.row.saturating_sub(area.y)
                };
                if now == last {
                    return;
                }
                let direction = match (vertical, now > last) {
                    (true, true) => crate::layout::Direction::Right,
                    (true, false) => crate::layout::Direction::Left,
                    (false, true) => crate::layout::Direction::Down,
                    (false, false) => crate::layout::Direction::Up,
                };
                let window = self.panes.get(&pane).map(|p| p.window);
                if let Some(w) = window.and_then(|w| self.windows.get_mut(&w)) {
                    w.layout.resize_pane(pane.0, direction, now.abs_diff(last));
                }
                if let Some(w) = window {
                    self.apply_layout(w);
                }
                if let Some(a) = self.attached_mut(client) {
                    a.mouse.drag = Some(Drag::Border {
                        pane,
                        vertical,
                        last: now,
                    });
                }
            }
        }
    }

    /// resize-pane -M: the border under the mouse follows it until the button is up.
    pub fn start_border_drag(&mut self, client: Option<ClientId>, at: &MouseAt) {
        let (Some(client), Some(pane)) = (client, at.pane) else {
            return;
        };
        let Some(area) = self.window_area(client) else {
            return;
        };
        let Some(r) = self
            .panes
            .get(&pane)
            .and_then(|p| self.windows.get(&p.window))
            .and_then(|w| w.layout.rect(pane.0))
        else {
            return;
        };
        let (x, y) = (
            at.event.col.saturating_sub(area.x),
            at.event.row.saturating_sub(area.y),
        );
        let vertical = r.x + r.width == x;
        let last = if vertical { x } else { y };
        self.start_drag(
            Some(client),
            Drag::Border {
                pane,
                vertical,
                last,
            },
        );
    }

    /// Put a pane's copy-mode cursor where a mouse event was.
    pub fn copy_cursor_to_mouse(&mut self, pane: PaneId, at: &MouseAt) {
        if let Some((x, y)) = self.pane_rect_on_client(pane) {
            let col = at.event.col.saturating_sub(x);
            let row = at.event.row.saturating_sub(y);
            self.copy_cursor_to(pane, col, row);
        }
    }

    /// Put a pane's copy-mode cursor at a cell of its view (the mouse's).
    pub fn copy_cursor_to(&mut self, pane: PaneId, col: u16, row: u16) {
        let Some(p) = self.panes.get_mut(&pane) else {
            return;
        };
        let size = p.size;
        let window = p.window;
        if let Some(copy) = p.copy.as_mut() {
            copy.cx = col.min(size.cols.saturating_sub(1));
            copy.cy = row.min(size.rows.saturating_sub(1));
            copy.generation += 1;
        }
        self.redraw_window(window);
    }
}

/// What an event means, given the client's mouse so far.
enum Step {
    Nothing,
    /// A drag a command took over moves on.
    Update(Drag),
    /// A mouse key to look up.
    Key(MouseEvent),
    /// The first motion with a button down: `MouseDrag` where the button went down.
    DragStart(u8),
}

/// tmux's reading of a mouse event (server_client_check_mouse): presses counted into
/// double and triple clicks, motion with a button down a drag (taken over or not), a
/// release the end of a drag or a button coming up.
fn next_step(state: &mut MouseState, m: proto::MouseEvent, at: MouseAt, now: Instant) -> Step {
    match m.kind {
        MouseKind::Move => Step::Nothing,
        MouseKind::Drag => match (state.dragging, state.drag) {
            (Some(_), Some(drag)) => Step::Update(drag),
            (Some(b), None) => Step::Key(MouseEvent::Drag(b)),
            (None, _) => {
                let b = button_number(m.button)
                    .or_else(|| state.pressed.and_then(|p| button_number(p.button)));
                match b {
                    Some(b) => {
                        state.dragging = Some(b);
                        Step::DragStart(b)
                    }
                    None => Step::Nothing,
                }
            }
        },
        MouseKind::WheelUp => Step::Key(MouseEvent::WheelUp),
        MouseKind::WheelDown => Step::Key(MouseEvent::WheelDown),
        MouseKind::Release => {
            if let Some(b) = state.dragging.take() {
                state.drag = None;
                state.edge_scroll = None;
                Step::Key(MouseEvent::DragEnd(b))
            } else {
                match state.pressed.and_then(|p| button_number(p.button)) {
                    Some(b) => Step::Key(MouseEvent::Up(b)),
                    None => Step::Nothing,
                }
            }
        }
        MouseKind::Press => {
            let Some(b) = button_number(m.button) else {
                return Step::Nothing;
            };
            state.pressed = Some(m);
            let event = match state.click {
                Some(c) if c.button == b && now < c.until && c.count == 1 => {
                    state.click = Some(Clicks {
                        button: b,
                        count: 2,
                        until: now + CLICK_TIMEOUT,
                    });
                    // The double click is reported once no third click came.
                    state.pending_double = Some((now + CLICK_TIMEOUT, at, b));
                    MouseEvent::SecondClick(b)
                }
                Some(c) if c.button == b && now < c.until && c.count == 2 => {
                    state.click = None;
                    state.pending_double = None;
                    MouseEvent::TripleClick(b)
                }
                _ => {
                    state.pending_double = None;
                    state.click = Some(Clicks {
                        button: b,
                        count: 1,
                        until: now + CLICK_TIMEOUT,
                    });
                    MouseEvent::Down(b)
                }
            };
            Step::Key(event)
        }
    }
}
