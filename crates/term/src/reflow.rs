//! Resizing: the main screen and its history reflow like tmux's (soft-wrapped
//! rows are joined and re-split at the new width, the cursor stays on its
//! text); the alternate screen is clipped.
//!
//! tmux's order is kept: first the height changes (rows below the cursor are
//! dropped, then rows go to or come back from the history), then the width.
//! After a reflow the screen shows the last `rows` lines of history + screen,
//! as in tmux, so a narrower pane may push lines into the history.

use std::collections::VecDeque;

use crate::Size;
use crate::cell::{Cell, Extra, Extras, SPACER};
use crate::grid::Grid;
use crate::history::{CompactLine, HistExtra, History, Line, PlainJoin};
use crate::row::Row;
use crate::screen::CursorState;

pub(crate) fn resize_main(
    grid: Grid,
    history: &mut History,
    cur: &mut CursorState,
    size: Size,
    stamp: &mut u64,
) -> Grid {
    let old_cols = grid.cols();
    let mut rows = grid.into_rows();
    resize_height(&mut rows, Some(history), cur, old_cols, size.rows, stamp);
    if size.cols != old_cols {
        rows = reflow(rows, history, cur, size, stamp);
    }
    for row in &mut rows {
        *stamp += 1;
        row.stamp = *stamp;
    }
    Grid::from_rows(size.cols, rows)
}

/// The alternate screen: no history, no reflow, rows cut or padded.
pub(crate) fn resize_clipped(
    grid: Grid,
    cur: &mut CursorState,
    size: Size,
    stamp: &mut u64,
) -> Grid {
    let old_cols = grid.cols();
    let mut rows = grid.into_rows();
    resize_height(&mut rows, None, cur, old_cols, size.rows, stamp);
    for row in &mut rows {
        row.set_width(size.cols);
        *stamp += 1;
        row.stamp = *stamp;
    }
    clamp_cursor(cur, size);
    Grid::from_rows(size.cols, rows)
}

fn clamp_cursor(cur: &mut CursorState, size: Size) {
    if cur.x >= size.cols {
        cur.x = size.cols - 1;
    }
    cur.pending_wrap &= cur.x == size.cols - 1;
    cur.y = cur.y.min(size.rows - 1);
}

fn resize_height(
    rows: &mut Vec<Row>,
    mut history: Option<&mut History>,
    cur: &mut CursorState,
    cols: u16,
    new_rows: u16,
    stamp: &mut u64,
) {
    let old = rows.len();
    let new = usize::from(new_rows);
    let cy = usize::from(cur.y).min(old.saturating_sub(1));
    if new < old {
        let mut needed = old - new;
        // Rows below the cursor go first, whatever they hold.
        let below = (old - 1 - cy).min(needed);
        rows.truncate(old - below);
        needed -= below;
        // Then rows from the top, into the history if there is one.
        for row in rows.drain(..needed) {
            if let Some(h) = history.as_deref_mut() {
                h.push(&row);
            }
        }
        cur.y = (cy - needed) as u16;
    } else if new > old {
        let mut needed = new - old;
        if let Some(h) = history {
            let mut back = Vec::new();
            while needed > 0 {
                let Some(line) = h.pop_newest() else {
                    break;
                };
                *stamp += 1;
                let mut row = Row::new(cols, *stamp);
                line.view().decode_into(&mut row);
                back.push(row);
                needed -= 1;
            }
            cur.y = (cy + back.len()) as u16;
            back.reverse();
            rows.splice(0..0, back);
        }
        for _ in 0..needed {
            *stamp += 1;
            rows.push(Row::new(cols, *stamp));
        }
    }
}

/// One logical line (rows joined across soft wraps) being collected.
#[derive(Default)]
struct Logical {
    cells: Vec<Cell>,
    extras: Extras,
}

impl Logical {
    fn clear(&mut self) {
        self.cells.clear();
        self.extras.clear();
    }

    fn push_line(&mut self, line: Line<'_>) {
        let start = self.cells.len();
        for (mut cell, extra) in line.cells() {
            cell.extra = add_extra(&mut self.extras, &extra);
            self.cells.push(cell);
        }
        // Cells written beyond the last visible one (spaces) are text too.
        let used = usize::from(line.used()).max(line.len());
        while self.cells.len() < start + used {
            self.cells.push(Cell::BLANK);
        }
    }
}

fn add_extra(extras: &mut Extras, e: &HistExtra<'_>) -> u16 {
    if e.tail.is_empty() && e.link == 0 && e.underline_color == Default::default() {
        return 0;
    }
    let id = extras.push(Extra {
        underline_color: e.underline_color,
        link: e.link,
        ..Extra::default()
    });
    if e.tail.is_empty() {
        id
    } else {
        extras.push_with_tail(id, e.tail)
    }
}

/// Where the cursor is in reflowed output: (line index, column, pending wrap).
struct CursorOut {
    line: usize,
    x: usize,
    pending: bool,
}

fn reflow(
    rows: Vec<Row>,
    history: &mut History,
    cur: &mut CursorState,
    size: Size,
    stamp: &mut u64,
) -> Vec<Row> {
    let new_cols = usize::from(size.cols);
    let mut lines: VecDeque<CompactLine> = history.take_all();
    let cursor_line = lines.len() + usize::from(cur.y);
    lines.extend(rows.iter().map(CompactLine::encode));
    drop(rows);

    let mut out: Vec<CompactLine> = Vec::new();
    let mut logical = Logical::default();
    let mut plain = PlainJoin::default();
    // The packed lines of the logical line being gathered, and which holds the cursor.
    let mut pending: Vec<CompactLine> = Vec::new();
    let mut cursor_in = None;
    let mut cursor_out = None;
    let cursor_x = usize::from(cur.x) + usize::from(cur.pending_wrap);
    let total = lines.len();
    for (i, line) in lines.into_iter().enumerate() {
        let view = line.view();
        let ends = !view.wrapped() || i + 1 == total;
        if pending.is_empty()
            && i != cursor_line
            && !view.wrapped()
            && usize::from(view.used()).max(view.len()) <= new_cols
        {
            // A line of its own that fits the new width is the same line there: it
            // moves as it is (most of a history), never taken apart.
            out.push(line);
            continue;
        }
        if i == cursor_line {
            cursor_in = Some(pending.len());
        }
        pending.push(line);
        if !ends {
            continue;
        }
        if cursor_in.is_none() && plain.join(&pending) {
            plain.split(new_cols, &mut out);
        } else {
            let mut cursor_offset = None;
            for (k, line) in pending.iter().enumerate() {
                if cursor_in == Some(k) {
                    cursor_offset = Some(logical.cells.len() + cursor_x);
                }
                logical.push_line(line.view());
            }
            let at = split(&logical, new_cols, cursor_offset, &mut out);
            cursor_out = cursor_out.or(at);
            logical.clear();
            cursor_in = None;
        }
        pending.clear();
    }

    let screen_rows = usize::from(size.rows);
    let first_visible = out.len().saturating_sub(screen_rows);
    let mut visible = out.split_off(first_visible);
    for line in out {
        history.push_line(line);
    }
    let limit = history.limit();
    history.set_limit(limit);

    let cursor = cursor_out.unwrap_or(CursorOut {
        line: first_visible,
        x: 0,
        pending: false,
    });
    cur.y = cursor
        .line
        .saturating_sub(first_visible)
        .min(screen_rows - 1) as u16;
    cur.x = cursor.x.min(new_cols - 1) as u16;
    cur.pending_wrap = cursor.pending && cursor.x >= new_cols - 1;

    let mut result: Vec<Row> = visible
        .drain(..)
        .map(|line| {
            *stamp += 1;
            let mut row = Row::new(size.cols, *stamp);
            line.view().decode_into(&mut row);
            row
        })
        .collect();
    while result.len() < screen_rows {
        *stamp += 1;
        result.push(Row::new(size.cols, *stamp));
    }
    result
}

/// Splits a logical line into rows of `cols`, appending them to `out`.
/// Returns where `cursor` (an offset into the logical line) ended up.
fn split(
    logical: &Logical,
    cols: usize,
    cursor: Option<usize>,
    out: &mut Vec<CompactLine>,
) -> Option<CursorOut> {
    let cells = &logical.cells;
    let mut found = None;
    let mut start = 0;
    loop {
        let mut row = Row::new(cols as u16, 0);
        let mut x = 0;
        let mut i = start;
        while i < cells.len() {
            let Some(&cell) = cells.get(i) else { break };
            let wide = cell.is_wide();
            let w = if wide { 2 } else { 1 };
            if x + w > cols {
                if x == 0 {
                    // A wide character on a one-column screen: keep a blank.
                    put(&mut row, x, Cell::BLANK, logical);
                    x += 1;
                    i += 2;
                }
                break;
            }
            if cell.is_spacer() && !wide {
                // An orphan right half: keep the column as a blank.
                let mut blank = cell;
                blank.flags &= !SPACER;
                blank.ch = ' ';
                put(&mut row, x, blank, logical);
            } else {
                put(&mut row, x, cell, logical);
            }
            if wide && let Some(&right) = cells.get(i + 1) {
                put(&mut row, x + 1, right, logical);
            }
            x += w;
            i += w;
        }
        row.used = x as u16;
        let last = i >= cells.len();
        row.wrapped = !last;
        if let Some(c) = cursor
            && found.is_none()
            && (c < i || last)
        {
            let col = c.saturating_sub(start);
            found = Some(CursorOut {
                line: out.len(),
                x: col,
                pending: col >= cols,
            });
        }
        out.push(CompactLine::encode(&row));
        if last {
            return found;
        }
        start = i;
    }
}

fn put(row: &mut Row, x: usize, mut cell: Cell, logical: &Logical) {
    if let Some(e) = logical.extras.get(cell.extra) {
        cell.extra = row.extras.copy_from(&logical.extras, e);
    } else {
        cell.extra = 0;
    }
    if let Some(slot) = row.cell_mut(x) {
        *slot = cell;
    }
}
