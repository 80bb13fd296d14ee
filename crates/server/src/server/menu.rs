//! Menus (display-menu, after tmux's menu.c): a boxed list over one client's screen,
//! chosen from with the keys (arrows, `j`/`k`, an item's own key, Enter) or the mouse
//! (the item under a button let go). The chosen item's command runs for that client,
//! where the menu was opened; the command that opened it waits until it closes.

use rmux_proto::{Attrs, Key, KeyCode, MouseKind, Style};

use super::Server;
use crate::ids::{ClientId, PaneId};
use crate::mouse::MouseAt;
use crate::render::Mark;

/// One row of a menu.
#[derive(Clone, Debug)]
pub enum MenuItem {
    Separator,
    Entry {
        /// The text shown, its key (if any) set right.
        text: String,
        key: Option<Key>,
        key_label: Option<String>,
        command: String,
        /// Its name began with `-`: shown dim, not chosen.
        disabled: bool,
    },
}

impl MenuItem {
    fn selectable(&self) -> bool {
        matches!(
            self,
            MenuItem::Entry {
                disabled: false,
                ..
            }
        )
    }
}

pub struct Menu {
    pub client: ClientId,
    pub id: PaneId,
    pub x: u16,
    pub y: u16,
    /// The width of the widest item (the box is 4 wider).
    pub width: u16,
    pub title: String,
    pub items: Vec<MenuItem>,
    pub choice: Option<usize>,
    /// Opened by a mouse binding: the mouse chooses, and commands run where it was.
    pub mouse: Option<MouseAt>,
    /// -O: a release outside or on nothing keeps it open.
    pub stay_open: bool,
}

/// The channel the command that opened a menu waits on.
pub fn channel_name(id: PaneId) -> String {
    format!("\u{1}menu-{id}")
}

/// Text with its `#[…]` style directives taken out.
pub fn without_styles(text: &str) -> String {
    let mut plain = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[") {
        plain.push_str(&rest[..at]);
        match rest[at..].find(']') {
            Some(end) => rest = &rest[at + end + 1..],
            None => rest = "",
        }
    }
    plain.push_str(rest);
    plain
}

/// The text of a title or item as tmux's format_draw shows it here: `#[align=centre]`
/// and `#[align=right]` place it, other style directives are left out. Returns the
/// columns before the text and the text, cut to `width`.
fn placed(text: &str, width: usize) -> (usize, Vec<char>) {
    let mut align = "left";
    let mut plain = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[") {
        plain.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(end) = after.find(']') else {
            rest = "";
            break;
        };
        for part in after[..end].split([',', ' ']) {
            if let Some(a) = part.strip_prefix("align=") {
                align = match a {
                    "centre" | "center" => "centre",
                    "right" => "right",
                    _ => "left",
                };
            }
        }
        rest = &after[end + 1..];
    }
    plain.push_str(rest);
    let chars: Vec<char> = plain.chars().take(width).collect();
    let pad = width - chars.len();
    let before = match align {
        "centre" => pad / 2,
        "right" => pad,
        _ => 0,
    };
    (before, chars)
}

/// As [`placed`], padded with spaces to `width`.
fn aligned(text: &str, width: usize) -> Vec<char> {
    let (before, chars) = placed(text, width);
    let mut out = vec![' '; before];
    out.extend(chars);
    out.resize(width, ' ');
    out
}

impl Menu {
    /// The box's width and height.
    pub fn size(&self) -> (u16, u16) {
        let rows = u16::try_from(self.items.len()).unwrap_or(u16::MAX);
        (self.width + 4, rows.saturating_add(2))
    }

    fn step(&mut self, down: bool) {
        let n = self.items.len();
        if n == 0 {
            return;
        }
        let start = self.choice;
        let mut at = start;
        for _ in 0..n {
            at = Some(match (at, down) {
                (None, true) => 0,
                (None, false) => n - 1,
                (Some(i), true) => (i + 1) % n,
                (Some(i), false) => (i + n - 1) % n,
            });
            if at
                .and_then(|i| self.items.get(i))
                .is_some_and(MenuItem::selectable)
            {
                self.choice = at;
                return;
            }
        }
    }

    /// The menu's cells: tmux's single box, the title on the top edge, each item
    /// between a space on either side, the chosen one in `selected`.
    pub fn marks(&self, selected: Style) -> Vec<Mark> {
        let (w, h) = self.size();
        let plain = Style::default();
        // The box and title first: the rows below are drawn over its sides.
        let (before, title) = placed(&self.title, usize::from(w.saturating_sub(4)));
        let rect = crate::layout::Rect {
            x: self.x,
            y: self.y,
            width: w,
            height: h,
        };
        let mut marks =
            super::popup::box_marks(rect, super::popup::BoxLines::SINGLE, plain, &title, before);
        let mut put = |x: u16, y: u16, ch: char, style: Style| {
            marks.push(Mark {
                x: self.x + x,
                y: self.y + y,
                ch,
                style,
            });
        };
        let width = usize::from(self.width);
        for (i, item) in self.items.iter().enumerate() {
            let y = u16::try_from(i + 1).unwrap_or(u16::MAX);
            match item {
                MenuItem::Separator => {
                    put(0, y, '├', plain);
                    for x in 1..w - 1 {
                        put(x, y, '─', plain);
                    }
                    put(w - 1, y, '┤', plain);
                }
                MenuItem::Entry {
                    text,
                    key_label,
                    disabled,
                    ..
                } => {
                    let style = if self.choice == Some(i) && !disabled {
                        selected
                    } else if *disabled {
                        Style {
                            attrs: plain.attrs | Attrs::DIM,
                            ..plain
                        }
                    } else {
                        plain
                    };
                    let mut cells = aligned(text, width);
                    if let Some(label) = key_label {
                        let label: Vec<char> = format!("({label})").chars().collect();
                        let from = width.saturating_sub(label.len());
                        for (c, ch) in cells[from..].iter_mut().zip(label) {
                            *c = ch;
                        }
                    }
                    put(1, y, ' ', plain);
                    for (x, ch) in (2..).zip(cells) {
                        put(x, y, ch, style);
                    }
                    put(w - 2, y, ' ', plain);
                }
            }
        }
        marks
    }
}

/// What a key or mouse event did to a menu.
enum Outcome {
    Stay,
    Close,
    Choose(usize),
}

impl Server {
    pub fn open_menu(&mut self, menu: Menu) -> PaneId {
        let id = menu.id;
        let client = menu.client;
        self.menus.insert(client, menu);
        self.redraw_client(client);
        id
    }

    /// An id for a new menu's channel (from the pane counter, so unique).
    pub fn menu_id(&mut self) -> PaneId {
        PaneId(self.ids.pane.next())
    }

    pub fn close_menu(&mut self, client: ClientId) {
        if let Some(menu) = self.menus.remove(&client) {
            self.signal_channel(&channel_name(menu.id));
            self.redraw_client(client);
        }
    }

    /// Menus whose client left go with it.
    pub fn close_orphan_menus(&mut self) {
        let orphans: Vec<ClientId> = self
            .menus
            .keys()
            .filter(|c| self.clients.get(c).is_none_or(|c| c.attached.is_none()))
            .copied()
            .collect();
        for c in orphans {
            self.close_menu(c);
        }
    }

    /// A key for a client's menu. Returns false when it has none.
    pub fn menu_key(&mut self, client: ClientId, key: Key) -> bool {
        let Some(menu) = self.menus.get_mut(&client) else {
            return false;
        };
        let plain = key.mods.is_empty();
        let ctrl = |c: char| key.mods.ctrl && !key.mods.alt && key.code == KeyCode::Char(c);
        let pressed = crate::keyname::normalize(key);
        let own = menu.items.iter().position(|item| {
            matches!(item, MenuItem::Entry { key: Some(k), disabled: false, .. }
                if crate::keyname::normalize(*k) == pressed)
        });
        let outcome = if let Some(i) = own {
            Outcome::Choose(i)
        } else {
            match key.code {
                KeyCode::Up if plain => {
                    menu.step(false);
                    Outcome::Stay
                }
                KeyCode::Char('k') if plain => {
                    menu.step(false);
                    Outcome::Stay
                }
                KeyCode::Down | KeyCode::Tab if plain => {
                    menu.step(true);
                    Outcome::Stay
                }
                KeyCode::Char('j') if plain => {
                    menu.step(true);
                    Outcome::Stay
                }
                KeyCode::Enter => menu.choice.map_or(Outcome::Close, Outcome::Choose),
                KeyCode::Escape | KeyCode::Char('q') if plain => Outcome::Close,
                _ if ctrl('c') || ctrl('g') => Outcome::Close,
                KeyCode::Backspace => Outcome::Close,
                _ => Outcome::Stay,
            }
        };
        self.menu_outcome(client, outcome);
        true
    }

    /// A mouse event from a client with a menu: the item under a button let go is
    /// chosen, as in tmux; a menu opened from the keyboard closes on any button but the
    /// first. Returns false when it has none.
    pub fn menu_mouse(&mut self, client: ClientId, m: rmux_proto::MouseEvent) -> bool {
        let Some(menu) = self.menus.get_mut(&client) else {
            return false;
        };
        let release = m.kind == MouseKind::Release;
        if menu.mouse.is_none() {
            let outcome = if m.button != rmux_proto::MouseButton::Left && !release {
                Outcome::Close
            } else {
                Outcome::Stay
            };
            self.menu_outcome(client, outcome);
            return true;
        }
        let (w, _) = menu.size();
        let rows = menu.items.len();
        let inside = m.col >= menu.x
            && m.col < menu.x + w
            && m.row > menu.y
            && usize::from(m.row - menu.y) <= rows;
        let wheel_or_drag = matches!(
            m.kind,
            MouseKind::WheelUp | MouseKind::WheelDown | MouseKind::Drag | MouseKind::Move
        );
        let outcome = if !inside {
            let close = if menu.stay_open {
                !release && !wheel_or_drag
            } else {
                release
            };
            menu.choice = None;
            if close { Outcome::Close } else { Outcome::Stay }
        } else {
            let at = usize::from(m.row - menu.y - 1);
            let chosen = if menu.stay_open {
                !wheel_or_drag
            } else {
                release
            };
            if chosen {
                match menu.choice {
                    Some(i) => Outcome::Choose(i),
                    None => Outcome::Close,
                }
            } else {
                menu.choice =
                    Some(at).filter(|i| menu.items.get(*i).is_some_and(MenuItem::selectable));
                Outcome::Stay
            }
        };
        self.menu_outcome(client, outcome);
        true
    }

    fn menu_outcome(&mut self, client: ClientId, outcome: Outcome) {
        match outcome {
            Outcome::Stay => self.redraw_client(client),
            Outcome::Close => self.close_menu(client),
            Outcome::Choose(i) => {
                let Some(menu) = self.menus.get(&client) else {
                    return;
                };
                let command = match menu.items.get(i) {
                    Some(MenuItem::Entry {
                        command,
                        disabled: false,
                        ..
                    }) => Some(command.clone()),
                    _ => None,
                };
                let (stay, mouse) = (menu.stay_open, menu.mouse);
                match command {
                    Some(line) => {
                        self.close_menu(client);
                        self.run_client_command_at(client, &line, mouse);
                    }
                    None if stay => {}
                    None => self.close_menu(client),
                }
            }
        }
    }

    /// The cells of a client's menu, if it has one.
    pub fn menu_marks(&self, client: ClientId) -> Option<Vec<Mark>> {
        let menu = self.menus.get(&client)?;
        let session = self.clients.get(&client).and_then(|c| c.session());
        let window = session.and_then(|s| self.current_window(s));
        Some(menu.marks(self.option_style(session, window, "mode-style")))
    }
}
