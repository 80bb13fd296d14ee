//! What an attached client should see right now: its session's current window (panes
//! and borders), the status line or a prompt/message in its place, and the cursor.

use rmux_proto::{Color, Cursor, CursorShape, Style};
use rmux_term as term;

use super::Server;
use crate::ids::{ClientId, SessionId, WindowId};
use crate::layout::Rect;
use crate::modes::Mode;
use crate::render::{Mark, PanePlacement, Scene};

impl Server {
    pub fn scene(&self, client: ClientId) -> Option<Scene> {
        let c = self.clients.get(&client)?;
        let a = c.attached.as_ref()?;
        let size = c.size()?;
        let session = a.session;
        let lines = self.status_lines(Some(session)).min(size.rows);
        let top = if self.status_at_top(Some(session)) {
            lines
        } else {
            0
        };
        let window_area = self.window_area(client)?;
        let mut scene = Scene {
            size,
            ..Scene::default()
        };
        if let Some(window) = self.current_window(session) {
            self.place_window(window, window_area, &mut scene);
            if let Some(Mode::DisplayPanes(_)) = &a.mode {
                self.place_pane_numbers(session, window, window_area, &mut scene);
            }
        }
        let status_y = if top > 0 { 0 } else { size.rows - lines };
        if lines > 0 {
            // Expanding the status formats is the dearest part of a frame: reuse the
            // last status line until something it may show has changed.
            // A panned window shows its offset there (`#{window_offset_x}`).
            let offset = self
                .current_window(session)
                .and_then(|w| self.client_offset(client, w))
                .filter(|o| o.0);
            let key = (self.status_generation, size.cols, status_y, offset);
            let mut cache = a.status_cache.borrow_mut();
            let status = match cache.as_ref() {
                Some((k, l)) if *k == key => l.clone(),
                _ => {
                    let l = crate::status::status_lines(self, client, status_y, size.cols);
                    *cache = Some((key, l.clone()));
                    l
                }
            };
            scene.lines.extend(status);
        }
        if let Some(prompt_cursor) =
            crate::status::overlay(self, client, status_y, size, &mut scene)
        {
            scene.cursor = Some(prompt_cursor);
        }
        if let Some(popup) = self.popup_view(client) {
            scene.cursor = popup.cursor;
            scene.overlay = Some(crate::render::Overlay {
                placement: Some(popup.placement),
                marks: popup.marks,
            });
        }
        if let Some(marks) = self.menu_marks(client) {
            scene.cursor = None;
            scene.overlay = Some(crate::render::Overlay {
                placement: None,
                marks,
            });
        }
        Some(scene)
    }

    /// Where a client shows its session's window: its terminal less the status lines.
    pub fn window_area(&self, client: ClientId) -> Option<Rect> {
        let c = self.clients.get(&client)?;
        let session = c.attached.as_ref()?.session;
        let size = c.size()?;
        let lines = self.status_lines(Some(session)).min(size.rows);
        let top = if self.status_at_top(Some(session)) {
            lines
        } else {
            0
        };
        Some(Rect {
            x: 0,
            y: top,
            width: size.cols,
            height: size.rows - lines,
        })
    }

    /// Where a pane is on a client's screen (its window's top-left corner at the window
    /// area's), for placing popups next to it.
    pub fn pane_rect_on(&self, client: ClientId, pane: crate::ids::PaneId) -> Rect {
        let area = self.window_area(client).unwrap_or_default();
        let rect = self
            .panes
            .get(&pane)
            .and_then(|p| self.windows.get(&p.window))
            .and_then(|w| w.layout.rect(pane.0))
            .unwrap_or_default();
        Rect {
            x: area.x + rect.x,
            y: area.y + rect.y,
            ..rect
        }
    }

    /// The part of `window` a client shows (`#{window_offset_x}`): whether the window is
    /// bigger than the client, and the offset of what is shown.
    pub fn client_offset(&self, client: ClientId, window: WindowId) -> Option<(bool, u16, u16)> {
        let area = self.window_area(client)?;
        let w = self.windows.get(&window)?;
        let (cols, rows) = w.size();
        let view = self.viewport(w, &self.placements(w), area);
        Some((cols > area.width || rows > area.height, view.ox, view.oy))
    }

    /// Each pane shown and its rectangle in the window (the active one alone if zoomed).
    fn placements(&self, w: &crate::model::Window) -> Vec<(crate::ids::PaneId, Rect)> {
        if w.zoomed {
            vec![(w.active, w.full_rect())]
        } else {
            w.layout
                .panes()
                .into_iter()
                .map(|(p, r)| (crate::ids::PaneId(p), r))
                .collect()
        }
    }

    fn place_window(&self, window: WindowId, area: Rect, scene: &mut Scene) {
        let Some(w) = self.windows.get(&window) else {
            return;
        };
        let placements = self.placements(w);
        let view = self.viewport(w, &placements, area);
        // Only copy mode uses these styles here; parsing them is not free.
        let in_copy_mode = placements
            .iter()
            .any(|(p, _)| self.panes.get(p).is_some_and(|p| p.copy.is_some()));
        let styles = if in_copy_mode {
            CopyStyles {
                selection: self.option_style(None, Some(window), "mode-style"),
                found: self.option_style(None, Some(window), "copy-mode-match-style"),
                current: self.option_style(None, Some(window), "copy-mode-current-match-style"),
            }
        } else {
            CopyStyles::default()
        };
        for (pane, rect) in placements {
            let Some(p) = self.panes.get(&pane) else {
                continue;
            };
            let Some((r, skip_x, skip_y)) = view.show(rect) else {
                continue;
            };
            if let Some(mode) = p.modes.last() {
                let covers = self.place_mode(mode, window, r, scene);
                if pane == w.active {
                    scene.cursor = None;
                }
                if covers {
                    continue;
                }
            }
            let mut placement = PanePlacement {
                pane,
                term: p.term.clone(),
                x: r.x,
                y: r.y,
                width: r.width,
                height: r.height,
                skip_x,
                skip_y,
                scroll: 0,
                decoration: 0,
                highlights: Vec::new(),
                must_wait: false,
            };
            let active = pane == w.active;
            placement.must_wait = active;
            // Other panes' screens are read only when not busy (see View::compose), so
            // only the active pane and a pane in copy mode are locked here.
            let cursor = if active || p.copy.is_some() {
                let Ok(t) = p.term.lock() else { continue };
                match &p.copy {
                    Some(copy) => {
                        copy_decorations(copy, &t, &mut placement, scene, &styles);
                        Some((copy.cx, copy.cy, CursorShape::Default, Color::Default))
                    }
                    None => {
                        let cur = t.cursor();
                        cur.visible.then(|| {
                            let (shape, color) = self.cursor_look(pane, cur.shape, cur.color);
                            (cur.col, cur.row, shape, color)
                        })
                    }
                }
            } else {
                None
            };
            if pane == w.active
                && let Some((cx, cy, shape, color)) = cursor
                && let Some(cx) = cx.checked_sub(skip_x).filter(|x| *x < r.width)
                && let Some(cy) = cy.checked_sub(skip_y).filter(|y| *y < r.height)
            {
                scene.cursor = Some(Cursor {
                    x: r.x + cx,
                    y: r.y + cy,
                    shape,
                    color,
                });
            }
            scene.panes.push(placement);
        }
        // The styles are formats: expanded only for a window with borders or an edge.
        let other_style =
            std::cell::LazyCell::new(|| self.border_style(window, "pane-border-style"));
        let borders = w.borders();
        if !w.zoomed && !borders.is_empty() {
            let active_style = self.border_style(window, "pane-active-border-style");
            for &(b, active) in borders.iter() {
                let Some((x, y)) = view.cell(b.x, b.y) else {
                    continue;
                };
                let style = if active { active_style } else { *other_style };
                scene.marks.push(Mark {
                    x,
                    y,
                    ch: b.ch,
                    style,
                });
            }
        }
        // Where the window is smaller than the client, tmux draws its edge as a border
        // and fills the rest: fill-character, else a middle dot.
        let (cols, rows) = w.size();
        if cols - view.ox < area.width || rows - view.oy < area.height {
            let fill = self
                .window_option(Some(window), "fill-character")
                .chars()
                .next()
                .filter(|c| unicode_width::UnicodeWidthChar::width(*c) == Some(1))
                .unwrap_or('·');
            let inner: std::collections::HashSet<(u16, u16)> =
                borders.iter().map(|(b, _)| (b.x, b.y)).collect();
            for y in 0..area.height {
                for x in 0..area.width {
                    let (wx, wy) = (x + view.ox, y + view.oy);
                    let ch = match (wx.cmp(&cols), wy.cmp(&rows)) {
                        (std::cmp::Ordering::Less, std::cmp::Ordering::Less) => continue,
                        // Where a pane border meets the edge, they join.
                        (std::cmp::Ordering::Equal, std::cmp::Ordering::Less) => {
                            if inner.contains(&(wx.wrapping_sub(1), wy)) {
                                '┤'
                            } else {
                                '│'
                            }
                        }
                        (std::cmp::Ordering::Less, std::cmp::Ordering::Equal) => {
                            if inner.contains(&(wx, wy.wrapping_sub(1))) {
                                '┴'
                            } else {
                                '─'
                            }
                        }
                        (std::cmp::Ordering::Equal, std::cmp::Ordering::Equal) => '┘',
                        _ => fill,
                    };
                    scene.marks.push(Mark {
                        x: area.x + x,
                        y: area.y + y,
                        ch,
                        style: *other_style,
                    });
                }
            }
        }
    }

    /// Which part of the window a client of `area`'s size sees: all of it when it fits,
    /// else the part around the active pane's cursor, as tmux pans.
    fn viewport(
        &self,
        w: &crate::model::Window,
        placements: &[(crate::ids::PaneId, Rect)],
        area: Rect,
    ) -> Viewport {
        let (cols, rows) = w.size();
        let mut view = Viewport { area, ox: 0, oy: 0 };
        if cols <= area.width && rows <= area.height {
            return view;
        }
        let Some((_, rect)) = placements.iter().find(|(p, _)| *p == w.active) else {
            return view;
        };
        let cursor = self.panes.get(&w.active).and_then(|p| {
            if let Some(copy) = &p.copy {
                return Some((copy.cx, copy.cy));
            }
            let t = p.term.lock().ok()?;
            let c = t.cursor();
            c.visible.then_some((c.col, c.row))
        });
        let Some((cx, cy)) = cursor else {
            return view;
        };
        let pan = |c: u16, shown: u16, whole: u16| {
            if whole <= shown || c < shown {
                0
            } else if c > whole - shown {
                whole - shown
            } else {
                c - shown / 2
            }
        };
        view.ox = pan(rect.x + cx, area.width, cols);
        view.oy = pan(rect.y + cy, area.height, rows);
        view
    }
}

/// The window's cells a client shows: those from (`ox`, `oy`) on, at `area`.
struct Viewport {
    area: Rect,
    ox: u16,
    oy: u16,
}

impl Viewport {
    /// Where window cell (x, y) is on the client, if it is shown.
    fn cell(&self, x: u16, y: u16) -> Option<(u16, u16)> {
        let x = x.checked_sub(self.ox).filter(|x| *x < self.area.width)?;
        let y = y.checked_sub(self.oy).filter(|y| *y < self.area.height)?;
        Some((self.area.x + x, self.area.y + y))
    }

    /// The part of window rectangle `r` shown: where on the client, and how many of its
    /// columns and rows are cut off at the left and top.
    fn show(&self, r: Rect) -> Option<(Rect, u16, u16)> {
        let left = r.x.max(self.ox);
        let top = r.y.max(self.oy);
        let right = (r.x + r.width).min(self.ox + self.area.width);
        let bottom = (r.y + r.height).min(self.oy + self.area.height);
        if left >= right || top >= bottom {
            return None;
        }
        let shown = Rect {
            x: self.area.x + left - self.ox,
            y: self.area.y + top - self.oy,
            width: right - left,
            height: bottom - top,
        };
        Some((shown, left - r.x, top - r.y))
    }
}

impl Server {
    /// display-panes: each pane's number over it, the active one in its own colour.
    fn place_pane_numbers(
        &self,
        session: SessionId,
        window: WindowId,
        area: Rect,
        scene: &mut Scene,
    ) {
        let Some(w) = self.windows.get(&window) else {
            return;
        };
        let colour = |name: &str| match self.option_style(Some(session), Some(window), name).bg {
            Color::Indexed(n) => n,
            _ => 4,
        };
        let colours = (
            colour("display-panes-active-colour"),
            colour("display-panes-colour"),
        );
        let base: u32 = self
            .window_option(Some(window), "pane-base-index")
            .parse()
            .unwrap_or(0);
        for (i, (pane, rect)) in w.layout.panes().into_iter().enumerate() {
            let shown = Rect {
                x: area.x + rect.x,
                y: area.y + rect.y,
                ..rect
            };
            let number = base + u32::try_from(i).unwrap_or(0);
            let active = pane == w.active.0;
            scene
                .marks
                .extend(crate::modes::number_marks(number, shown, active, colours));
        }
    }

    /// A pane's mode drawn where the pane is shown. Returns whether it covers the
    /// pane (the clock is drawn over what the pane shows).
    fn place_mode(&self, mode: &Mode, window: WindowId, shown: Rect, scene: &mut Scene) -> bool {
        let session = self.session_of_window(window);
        let style = || self.option_style(session, Some(window), "mode-style");
        // The modes draw whole rows from the left; they are placed in the pane's cells.
        let at_origin = Rect {
            x: 0,
            y: shown.y,
            ..shown
        };
        let lines = match mode {
            Mode::Tree(tree) => tree.draw(self, at_origin, style()),
            Mode::Choose(choose) => choose.draw(at_origin, style()),
            Mode::View(view) => view.draw(at_origin, style()),
            Mode::Clock(_) => {
                let colour = self
                    .option_style(session, Some(window), "clock-mode-colour")
                    .bg;
                let twelve = self.window_option(Some(window), "clock-mode-style") == "12";
                scene
                    .marks
                    .extend(crate::modes::clock_marks(shown, colour, twelve));
                return false;
            }
            Mode::DisplayPanes(_) => return false,
        };
        for line in lines {
            let mut x = 0;
            let mut cells = line.cells.into_iter();
            while x < shown.width {
                let (ch, style) = cells.next().unwrap_or((' ', line.fill));
                let wide = unicode_width::UnicodeWidthChar::width(ch)
                    .unwrap_or(1)
                    .max(1);
                // A wide character that would cross the pane's edge is left out.
                let ch = if usize::from(x) + wide > usize::from(shown.width) {
                    ' '
                } else {
                    ch
                };
                scene.marks.push(Mark {
                    x: shown.x + x,
                    y: line.y,
                    ch,
                    style,
                });
                x += u16::try_from(wide).unwrap_or(1);
            }
        }
        true
    }

    /// The cursor's shape and colour: the program's, else the pane's `cursor-style` and
    /// `cursor-colour`.
    fn cursor_look(
        &self,
        pane: crate::ids::PaneId,
        shape: CursorShape,
        color: Color,
    ) -> (CursorShape, Color) {
        let shape = if shape == CursorShape::Default {
            let n = match self.pane_option(pane, "cursor-style") {
                "blinking-block" => 1,
                "block" => 2,
                "blinking-underline" => 3,
                "underline" => 4,
                "blinking-bar" => 5,
                "bar" => 6,
                _ => 0,
            };
            CursorShape::from_decscusr(n).unwrap_or_default()
        } else {
            shape
        };
        let color = match (
            color,
            crate::format::parse_colour(self.pane_option(pane, "cursor-colour")),
        ) {
            (Color::Default, Some(crate::format::ColourSpec::Colour(c))) => c,
            (c, _) => c,
        };
        (shape, color)
    }

    /// A border style option of `window`, a format expanded for its active pane (the
    /// default active style says yellow in copy mode, red with synchronize-panes).
    fn border_style(&self, window: WindowId, name: &str) -> Style {
        let value = self.window_option(Some(window), name);
        let spec = if value.contains("#{") {
            let pane = self.active_pane(window);
            let target = crate::formats::FormatTarget {
                server: self,
                winlink: None,
                client: None,
                session: self.session_of_window(window),
                window: Some(window),
                pane,
            };
            target.expand_plain(value)
        } else {
            value.to_string()
        };
        crate::format::style::parse_style(&spec, Style::default()).unwrap_or_default()
    }

    /// A style option (or a colour option, read as a background) as a style.
    pub fn option_style(
        &self,
        session: Option<SessionId>,
        window: Option<WindowId>,
        name: &str,
    ) -> Style {
        let value = match crate::options::find(name).map(|d| d.scope) {
            Some(crate::options::Scope::Window) => self.window_option(window, name),
            _ => self.session_option(session, name),
        };
        let spec = if matches!(
            crate::options::find(name).map(|d| d.kind),
            Some(crate::options::Kind::Colour)
        ) {
            format!("bg={value}")
        } else {
            value.to_string()
        };
        crate::format::style::parse_style(&spec, Style::default()).unwrap_or_default()
    }
}

/// Copy mode: which history the pane shows, the selection, and `[offset/history]` at
/// its top right.
/// The styles copy mode draws with: the selection (mode-style), the matches of the last
/// search, and the one the cursor is on.
#[derive(Default)]
struct CopyStyles {
    selection: Style,
    found: Style,
    current: Style,
}

fn copy_decorations(
    copy: &crate::copy::CopyMode,
    term: &term::Terminal,
    placement: &mut PanePlacement,
    scene: &mut Scene,
    styles: &CopyStyles,
) {
    placement.scroll = copy.offset;
    placement.decoration = copy.generation.wrapping_add(1);
    let top = copy.top(term);
    let last = placement.width.saturating_sub(1);
    // Rows of the pane (a panned window shows from skip_y down).
    let rows = placement.height + placement.skip_y;
    let mut span = |start: crate::copy::Pos, end: crate::copy::Pos, rect: bool, style| {
        for dy in 0..rows {
            let line = top + usize::from(dy);
            if line < start.line || line > end.line {
                continue;
            }
            let (from, to) = if rect {
                (start.col.min(end.col), start.col.max(end.col))
            } else {
                (
                    if line == start.line { start.col } else { 0 },
                    if line == end.line { end.col } else { last },
                )
            };
            placement.highlights.push((dy, from, to.min(last), style));
        }
    };
    for (start, end, current) in copy.visible_matches(term) {
        let style = if current {
            styles.current
        } else {
            styles.found
        };
        span(start, end, false, style);
    }
    if let Some((start, end)) = copy.selection(term) {
        span(start, end, copy.rectangle, styles.selection);
    }
    let indicator = copy.indicator(term);
    let len = u16::try_from(indicator.chars().count()).unwrap_or(u16::MAX);
    if len <= placement.width {
        let x0 = placement.x + placement.width - len;
        for (i, ch) in indicator.chars().enumerate() {
            scene.marks.push(Mark {
                x: x0 + u16::try_from(i).unwrap_or(0),
                y: placement.y,
                ch,
                style: styles.selection,
            });
        }
    }
}
