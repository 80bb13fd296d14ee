//! The separators between panes as tmux 3.3a draws them (screen-redraw.c,
//! pane-border-lines single, pane-border-status off, pane-border-indicators
//! colour).
//!
//! A pane's border is the ring of cells around it, corners included. A cell
//! is drawn as a border when some pane claims it; its character joins the
//! neighbouring border cells (the window's own edges count as borders, so
//! lines run straight into them). With exactly two panes side by side (or
//! one above the other) each pane claims only half of the separator, so the
//! active colour marks the half next to the active pane.

use super::{BorderCell, Layout, PaneId, Rect};

/// Where a cell lies relative to one pane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Place {
    Inside,
    Outside,
    Border,
}

/// Which of the two-pane special cases applies (tmux
/// `screen_redraw_two_panes`): two panes, the second in pane order right of
/// (or below) the first.
#[derive(Clone, Copy, Debug, Default)]
struct TwoPanes {
    side_by_side: bool,
    stacked: bool,
}

impl Layout {
    /// Every border cell inside the window, row by row.
    pub fn borders(&self) -> Vec<BorderCell> {
        let map = BorderMap::new(self);
        let mut out = Vec::new();
        for y in 0..map.height {
            for x in 0..map.width {
                if map.inside_pane(x, y) || !map.is_border(x, y) {
                    continue;
                }
                if let Some(ch) = map.character(x, y) {
                    out.push(BorderCell {
                        x: x as u16,
                        y: y as u16,
                        ch,
                    });
                }
            }
        }
        out
    }

    /// Whether tmux draws this border cell with pane-active-border-style
    /// when `active` is the active pane: the cell is on the active pane's
    /// border (only the active pane's half of it with two panes).
    pub fn border_is_active(&self, cell: &BorderCell, active: PaneId) -> bool {
        let Some(rect) = self.rect(active) else {
            return false;
        };
        let two = two_panes(&self.panes());
        place(&rect, i64::from(cell.x), i64::from(cell.y), two) == Place::Border
    }
}

fn two_panes(panes: &[(PaneId, Rect)]) -> TwoPanes {
    match panes {
        [_, (_, second)] => TwoPanes {
            side_by_side: second.x != 0,
            stacked: second.y != 0,
        },
        _ => TwoPanes::default(),
    }
}

/// Where (px, py) lies relative to the pane at `rect` (tmux
/// `screen_redraw_pane_border`).
fn place(rect: &Rect, px: i64, py: i64, two: TwoPanes) -> Place {
    let (x, y) = (i64::from(rect.x), i64::from(rect.y));
    let (w, h) = (i64::from(rect.width), i64::from(rect.height));
    let (ex, ey) = (x + w, y + h);
    if px >= x && px < ex && py >= y && py < ey {
        return Place::Inside;
    }
    if two.side_by_side {
        // Each pane claims its half of the one separator column.
        if x == 0 && px == w && py <= h / 2 {
            return Place::Border;
        }
        if x != 0 && px == x - 1 && py > h / 2 {
            return Place::Border;
        }
    } else if py >= y - 1 && py <= ey && ((x != 0 && px == x - 1) || px == ex) {
        return Place::Border;
    }
    if two.stacked {
        if y == 0 && py == h && px <= w / 2 {
            return Place::Border;
        }
        if y != 0 && py == y - 1 && px > w / 2 {
            return Place::Border;
        }
    } else if px >= x - 1 && px <= ex && ((y != 0 && py == y - 1) || py == ey) {
        return Place::Border;
    }
    Place::Outside
}

/// Which cells of the window (and the row and column just past it) are
/// borders, worked out once so each cell's character is a few lookups.
struct BorderMap {
    width: u32,
    height: u32,
    /// (width + 1) x (height + 1): the window plus its right and bottom edge.
    border: Vec<bool>,
    inside: Vec<bool>,
}

impl BorderMap {
    fn new(layout: &Layout) -> BorderMap {
        let (width, height) = layout.size();
        let (width, height) = (u32::from(width), u32::from(height));
        let panes = layout.panes();
        let two = two_panes(&panes);
        let stride = width as usize + 1;
        let cells = stride * (height as usize + 1);
        let mut border = vec![false; cells];
        let mut inside = vec![false; cells];
        for py in 0..=height {
            for px in 0..=width {
                let index = py as usize * stride + px as usize;
                if px == width || py == height {
                    border[index] = true;
                    continue;
                }
                // The first pane with an opinion decides, as in tmux.
                for (_, rect) in &panes {
                    match place(rect, i64::from(px), i64::from(py), two) {
                        Place::Outside => continue,
                        Place::Inside => inside[index] = true,
                        Place::Border => border[index] = true,
                    }
                    break;
                }
            }
        }
        BorderMap {
            width,
            height,
            border,
            inside,
        }
    }

    fn index(&self, x: u32, y: u32) -> Option<usize> {
        (x <= self.width && y <= self.height)
            .then(|| y as usize * (self.width as usize + 1) + x as usize)
    }

    fn is_border(&self, x: u32, y: u32) -> bool {
        self.index(x, y).is_some_and(|i| self.border[i])
    }

    fn inside_pane(&self, x: u32, y: u32) -> bool {
        self.index(x, y).is_some_and(|i| self.inside[i])
    }

    /// The line-drawing character joining (x, y) to the border cells around
    /// it (tmux `screen_redraw_type_of_cell`); off the window's left and top
    /// edges counts as border.
    fn character(&self, x: u32, y: u32) -> Option<char> {
        let left = x == 0 || self.is_border(x - 1, y);
        let right = self.is_border(x + 1, y);
        let up = y == 0 || self.is_border(x, y - 1);
        let down = self.is_border(x, y + 1);
        let ch = match (left, right, up, down) {
            (true, true, true, true) => '┼',
            (true, true, true, false) => '┴',
            (true, true, false, true) => '┬',
            (true, true, false, false) => '─',
            (true, false, true, true) => '┤',
            (true, false, true, false) => '┘',
            (true, false, false, true) => '┐',
            (false, true, true, true) => '├',
            (false, true, true, false) => '└',
            (false, true, false, true) => '┌',
            (false, false, true, true) => '│',
            _ => return None,
        };
        Some(ch)
    }
}
