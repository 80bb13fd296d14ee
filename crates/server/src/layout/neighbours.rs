//! `select-pane -L/-R/-U/-D`: which pane lies next to another (tmux
//! `window_pane_find_left` and friends).
//!
//! A candidate sits across the border from the pane's edge (or across the
//! window, wrapping round, when the pane touches the window's edge) and
//! overlaps the pane's span, its end cell included. Among candidates the
//! most recently active wins; ties go to the first in pane order.

use super::{Direction, Layout, PaneId, Rect};

impl Layout {
    /// The pane `select-pane` moves to from `pane` in `dir`, if any.
    /// `recency` gives each pane's last activation (tmux's active_point),
    /// larger for more recent.
    pub fn neighbour(
        &self,
        pane: PaneId,
        dir: Direction,
        recency: &dyn Fn(PaneId) -> u64,
    ) -> Option<PaneId> {
        let from = self.rect(pane)?;
        let (wsx, wsy) = self.size();
        let (wsx, wsy) = (u32::from(wsx), u32::from(wsy));
        let (x, y) = (u32::from(from.x), u32::from(from.y));
        let (w, h) = (u32::from(from.width), u32::from(from.height));
        // The cell line a neighbour must start or end on, and the span of
        // the pane it must overlap.
        let edge = match dir {
            Direction::Left if x == 0 => wsx + 1,
            Direction::Left => x,
            Direction::Right if x + w + 1 >= wsx => 0,
            Direction::Right => x + w + 1,
            Direction::Up if y == 0 => wsy + 1,
            Direction::Up => y,
            Direction::Down if y + h + 1 >= wsy => 0,
            Direction::Down => y + h + 1,
        };
        let (start, end) = match dir {
            Direction::Left | Direction::Right => (y, y + h),
            Direction::Up | Direction::Down => (x, x + w),
        };
        let mut best: Option<(PaneId, u64)> = None;
        for (other, rect) in self.panes() {
            if other == pane || !touches(&rect, dir, edge) {
                continue;
            }
            let (other_start, other_len) = match dir {
                Direction::Left | Direction::Right => (rect.y, rect.height),
                Direction::Up | Direction::Down => (rect.x, rect.width),
            };
            let other_start = u32::from(other_start);
            // tmux's unsigned "end" wraps for an empty pane; such a pane
            // never overlaps anything here.
            let Some(other_end) = (other_start + u32::from(other_len)).checked_sub(1) else {
                continue;
            };
            let overlaps = (other_start < start && other_end > end)
                || (other_start >= start && other_start <= end)
                || (other_end >= start && other_end <= end);
            if !overlaps {
                continue;
            }
            let point = recency(other);
            if best.is_none_or(|(_, best_point)| point > best_point) {
                best = Some((other, point));
            }
        }
        best.map(|(other, _)| other)
    }
}

/// Whether `rect` lies on the far side of the border at `edge`.
fn touches(rect: &Rect, dir: Direction, edge: u32) -> bool {
    let (x, y) = (u32::from(rect.x), u32::from(rect.y));
    let (w, h) = (u32::from(rect.width), u32::from(rect.height));
    match dir {
        Direction::Left => x + w + 1 == edge,
        Direction::Right => x == edge,
        Direction::Up => y + h + 1 == edge,
        Direction::Down => y == edge,
    }
}
