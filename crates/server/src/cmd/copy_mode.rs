//! copy-mode: look back through a pane's history, select and copy (`C-b [`).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind};
use crate::copy::CopyMode;

pub static ENTRY: CmdEntry = CmdEntry {
    name: "copy-mode",
    alias: None,
    flags: "eHMqs:t:u",
    args: (0, Some(0)),
    usage: "[-eHMqu] [-s src-pane] [-t target-pane]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    if args.has('M') {
        // Copy mode in the pane under the mouse, a selection following the mouse from
        // where the drag began.
        let at = ctx.current.mouse.ok_or("no mouse target")?;
        let pane = at.pane.ok_or("no mouse target")?;
        ctx.server.enter_copy_mode(pane, args.has('e'));
        ctx.server.copy_cursor_to_mouse(pane, &at);
        ctx.server.copy_command(pane, "begin-selection", &[])?;
        ctx.server
            .start_drag(ctx.client, crate::mouse::Drag::Selection { pane });
        return Ok(Flow::Continue);
    }
    let found = ctx.target(args, 't', Kind::Pane)?;
    if args.has('q') {
        ctx.server.leave_copy_mode(found.pane);
        return Ok(Flow::Continue);
    }
    let page_up = args.has('u');
    ctx.server.enter_copy_mode(found.pane, args.has('e'));
    if page_up {
        ctx.server.copy_command(found.pane, "page-up", &[])?;
    }
    Ok(Flow::Continue)
}

impl crate::server::Server {
    /// Put a pane in copy mode (nothing changes if it already is).
    pub fn enter_copy_mode(&mut self, pane: crate::ids::PaneId, exit_at_bottom: bool) {
        let Some(p) = self.panes.get_mut(&pane) else {
            return;
        };
        if p.copy.is_none()
            && let Ok(t) = p.term.lock()
        {
            p.copy = Some(Box::new(CopyMode::new(&t, exit_at_bottom)));
        }
        let window = p.window;
        self.redraw_window(window);
    }

    pub fn leave_copy_mode(&mut self, pane: crate::ids::PaneId) {
        if let Some(p) = self.panes.get_mut(&pane)
            && p.copy.take().is_some()
        {
            let window = p.window;
            self.redraw_window(window);
        }
    }
}
