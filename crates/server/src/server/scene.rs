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
        let window_area = Rect {
            x: 0,
            y: top,
            width: size.cols,
            height: size.rows - lines,
        };
        let mut scene = Scene {
            size,
            ..Scene::default()
        };
        if let Some(window) = self.current_window(session) {
            match &a.mode {
                Some(Mode::Tree(tree)) => {
                    let style = self.option_style(Some(session), Some(window), "mode-style");
                    scene.lines.extend(tree.draw(self, window_area, style));
                }
                Some(Mode::Choose(choose)) => {
                    let style = self.option_style(Some(session), Some(window), "mode-style");
                    scene.lines.extend(choose.draw(window_area, style));
                }
                Some(Mode::View(view)) => {
                    let style = self.option_style(Some(session), Some(window), "mode-style");
                    scene.lines.extend(view.draw(window_area, style));
                }
                Some(Mode::Clock(_)) => {
                    self.place_window(window, window_area, &mut scene);
                    self.place_clock(session, window, window_area, &mut scene);
                }
                Some(Mode::DisplayPanes(_)) => {
                    self.place_window(window, window_area, &mut scene);
                    self.place_pane_numbers(session, window, window_area, &mut scene);
                }
                None => self.place_window(window, window_area, &mut scene),
            }
        }
        let status_y = if top > 0 { 0 } else { size.rows - lines };
        if lines > 0 {
            // Expanding the status formats is the dearest part of a frame: reuse the
            // last status line until something it may show has changed.
            let key = (self.status_generation, size.cols, status_y);
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
        Some(scene)
    }

    fn place_window(&self, window: WindowId, area: Rect, scene: &mut Scene) {
        let Some(w) = self.windows.get(&window) else {
            return;
        };
        let clip = |r: Rect| Rect {
            x: area.x + r.x.min(area.width),
            y: area.y + r.y.min(area.height),
            width: r.width.min(area.width.saturating_sub(r.x)),
            height: r.height.min(area.height.saturating_sub(r.y)),
        };
        let placements: Vec<(crate::ids::PaneId, Rect)> = if w.zoomed {
            vec![(w.active, w.full_rect())]
        } else {
            w.layout
                .panes()
                .into_iter()
                .map(|(p, r)| (crate::ids::PaneId(p), r))
                .collect()
        };
        // Only copy mode uses mode-style here; parsing it is not free.
        let in_copy_mode = placements
            .iter()
            .any(|(p, _)| self.panes.get(p).is_some_and(|p| p.copy.is_some()));
        let mode_style = if in_copy_mode {
            self.option_style(None, Some(window), "mode-style")
        } else {
            Style::default()
        };
        for (pane, rect) in placements {
            let Some(p) = self.panes.get(&pane) else {
                continue;
            };
            let r = clip(rect);
            let mut placement = PanePlacement {
                pane,
                term: p.term.clone(),
                x: r.x,
                y: r.y,
                width: r.width,
                height: r.height,
                scroll: 0,
                decoration: 0,
                highlights: Vec::new(),
                highlight_style: mode_style,
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
                        copy_decorations(copy, &t, &mut placement, scene, mode_style);
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
                && cx < r.width
                && cy < r.height
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
        if !w.zoomed {
            let active_style = self.border_style(window, "pane-active-border-style");
            let other_style = self.border_style(window, "pane-border-style");
            for &(b, active) in w.borders().iter() {
                if b.x >= area.width || b.y >= area.height {
                    continue;
                }
                let style = if active { active_style } else { other_style };
                scene.marks.push(Mark {
                    x: area.x + b.x,
                    y: area.y + b.y,
                    ch: b.ch,
                    style,
                });
            }
        }
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

    /// clock-mode: the active pane hidden under a large clock.
    fn place_clock(&self, session: SessionId, window: WindowId, area: Rect, scene: &mut Scene) {
        let Some(w) = self.windows.get(&window) else {
            return;
        };
        let rect = if w.zoomed {
            w.full_rect()
        } else {
            w.layout.rect(w.active.0).unwrap_or_default()
        };
        let shown = Rect {
            x: area.x + rect.x,
            y: area.y + rect.y,
            ..rect
        };
        let colour = self
            .option_style(Some(session), Some(window), "clock-mode-colour")
            .bg;
        let twelve = self.window_option(Some(window), "clock-mode-style") == "12";
        scene
            .marks
            .extend(crate::modes::clock_marks(shown, colour, twelve));
        scene.cursor = None;
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
fn copy_decorations(
    copy: &crate::copy::CopyMode,
    term: &term::Terminal,
    placement: &mut PanePlacement,
    scene: &mut Scene,
    style: Style,
) {
    placement.scroll = copy.offset;
    placement.decoration = copy.generation.wrapping_add(1);
    let top = copy.top(term);
    if let Some((start, end)) = copy.selection(term) {
        for dy in 0..placement.height {
            let line = top + usize::from(dy);
            if line < start.line || line > end.line {
                continue;
            }
            let last = placement.width.saturating_sub(1);
            let (from, to) = if copy.rectangle {
                (start.col.min(end.col), start.col.max(end.col))
            } else {
                (
                    if line == start.line { start.col } else { 0 },
                    if line == end.line { end.col } else { last },
                )
            };
            placement.highlights.push((dy, from, to.min(last)));
        }
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
                style,
            });
        }
    }
}
