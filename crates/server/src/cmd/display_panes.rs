//! display-panes: show each pane's number over it for a while; a digit selects that pane.

use std::time::{Duration, Instant};

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};
use crate::modes::{DisplayPanes, Mode};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "display-panes",
    alias: Some("displayp"),
    flags: "bd:Nt:",
    args: (0, Some(1)),
    usage: "[-bN] [-d duration] [-t target-client] [template]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let (client, session) = match args.get('t') {
        Some(t) => {
            let client = super::find_client(ctx, t)?;
            let session = ctx.server.clients.get(&client).and_then(|c| c.session());
            (client, session.ok_or("no current client")?)
        }
        None => super::attached_session(ctx)?,
    };
    let window = ctx
        .server
        .current_window(session)
        .ok_or("no current window")?;
    let millis = match args.get('d') {
        Some(d) => d
            .parse::<u64>()
            .map_err(|_| format!("invalid duration: {d}"))?,
        None => ctx
            .server
            .session_number(Some(session), "display-panes-time")
            .unsigned_abs(),
    };
    let base: u32 = ctx
        .server
        .window_option(Some(window), "pane-base-index")
        .parse()
        .unwrap_or(0);
    let panes = ctx
        .server
        .windows
        .get(&window)
        .map(|w| w.panes())
        .unwrap_or_default()
        .into_iter()
        .enumerate()
        .map(|(i, p)| (base + u32::try_from(i).unwrap_or(0), p))
        .collect();
    let until = Instant::now() + Duration::from_millis(millis);
    if let Some(a) = ctx.server.attached_mut(client) {
        a.mode = Some(Mode::DisplayPanes(DisplayPanes { until, panes }));
        a.needs_render = true;
    }
    Ok(Flow::Continue)
}
