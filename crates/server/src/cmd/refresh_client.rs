//! refresh-client: redraw a client from scratch (`-S`: just the status line).

use super::{Args, CmdEntry, CmdResult, Ctx, Flow};

pub static ENTRY: CmdEntry = CmdEntry {
    name: "refresh-client",
    alias: Some("refresh"),
    flags: "A:B:cC:Df:F:lLRSt:U",
    args: (0, Some(1)),
    usage: "[-cDlLRSU] [-C XxY] [-f flags] [-t target-client] [adjustment]",
    exec,
};

fn exec(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let client = match args.get('t') {
        Some(t) => super::find_client(ctx, t)?,
        None => super::current_client(ctx).ok_or("no current client")?,
    };
    if let Some(a) = ctx
        .server
        .clients
        .get_mut(&client)
        .and_then(|c| c.attached.as_mut())
    {
        if !args.has('S') {
            a.view.invalidate();
        }
        a.needs_render = true;
    }
    Ok(Flow::Continue)
}
