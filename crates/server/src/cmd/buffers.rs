//! Paste buffer commands: list-buffers, show-buffer, set-buffer, delete-buffer,
//! paste-buffer, save-buffer and load-buffer.

use super::{Args, CmdEntry, CmdResult, Ctx, Flow, Kind, Pending, Then};
use crate::jobs::{Done, Job};

pub static LIST_BUFFERS: CmdEntry = CmdEntry {
    name: "list-buffers",
    alias: Some("lsb"),
    flags: "F:f:",
    args: (0, Some(0)),
    usage: "[-F format] [-f filter]",
    exec: exec_list,
};

pub static SHOW_BUFFER: CmdEntry = CmdEntry {
    name: "show-buffer",
    alias: Some("showb"),
    flags: "b:",
    args: (0, Some(0)),
    usage: "[-b buffer-name]",
    exec: exec_show,
};

pub static SET_BUFFER: CmdEntry = CmdEntry {
    name: "set-buffer",
    alias: Some("setb"),
    flags: "ab:t:n:w",
    args: (0, Some(1)),
    usage: "[-aw] [-b buffer-name] [-n new-buffer-name] [-t target-client] data",
    exec: exec_set,
};

pub static DELETE_BUFFER: CmdEntry = CmdEntry {
    name: "delete-buffer",
    alias: Some("deleteb"),
    flags: "b:",
    args: (0, Some(0)),
    usage: "[-b buffer-name]",
    exec: exec_delete,
};

pub static PASTE_BUFFER: CmdEntry = CmdEntry {
    name: "paste-buffer",
    alias: Some("pasteb"),
    flags: "db:prs:t:",
    args: (0, Some(0)),
    usage: "[-dpr] [-s separator] [-b buffer-name] [-t target-pane]",
    exec: exec_paste,
};

pub static SAVE_BUFFER: CmdEntry = CmdEntry {
    name: "save-buffer",
    alias: Some("saveb"),
    flags: "ab:",
    args: (1, Some(1)),
    usage: "[-a] [-b buffer-name] path",
    exec: exec_save,
};

pub static LOAD_BUFFER: CmdEntry = CmdEntry {
    name: "load-buffer",
    alias: Some("loadb"),
    flags: "b:t:w",
    args: (1, Some(1)),
    usage: "[-b buffer-name] [-t target-client] path",
    exec: exec_load,
};

fn no_buffer(name: Option<&str>) -> String {
    match name {
        Some(n) => format!("unknown buffer: {n}"),
        None => "no buffers".to_string(),
    }
}

/// The text of the named (or newest) buffer.
fn buffer_data(ctx: &Ctx<'_>, name: Option<&str>) -> Result<String, String> {
    ctx.server
        .buffers
        .find(name)
        .map(|b| b.data.clone())
        .ok_or_else(|| no_buffer(name))
}

fn exec_list(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let template = args.get('F').unwrap_or(crate::formats::LIST_BUFFERS);
    let base = ctx.formats();
    let lines: Vec<String> = ctx
        .server
        .buffers
        .iter()
        .filter_map(|b| {
            let f = crate::formats::WithBuffer {
                base: &base,
                buffer: b,
            };
            super::filter_passes(&f, args.get('f')).then(|| f.expand_plain(template))
        })
        .collect();
    for l in lines {
        ctx.print(&l);
    }
    Ok(Flow::Continue)
}

fn exec_show(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.get('b');
    let data = buffer_data(ctx, name)?;
    // The text as it is, without a newline added, as tmux prints it.
    ctx.out.push_str(&data);
    Ok(Flow::Continue)
}

fn exec_set(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.get('b');
    if let Some(new) = args.get('n') {
        if !ctx.server.buffers.rename(name, new) {
            return Err(no_buffer(name));
        }
        return Ok(Flow::Continue);
    }
    let data = args.arg(0).unwrap_or("").to_string();
    let data = match (args.has('a'), ctx.server.buffers.find(name)) {
        (true, Some(old)) => format!("{}{data}", old.data),
        _ => data,
    };
    ctx.server.buffers.set(name, data);
    Ok(Flow::Continue)
}

fn exec_delete(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.get('b');
    if ctx.server.buffers.delete(name) {
        Ok(Flow::Continue)
    } else {
        Err(no_buffer(name))
    }
}

fn exec_paste(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let found = ctx.target(args, 't', Kind::Pane)?;
    let name = args.get('b');
    let Some(buffer) = ctx.server.buffers.find(name).cloned() else {
        // tmux pastes nothing, silently, when there is no buffer.
        return Ok(Flow::Continue);
    };
    let separator = args
        .get('s')
        .unwrap_or(if args.has('r') { "\n" } else { "\r" });
    let text = buffer.data.replace('\n', separator);
    if let Some(p) = ctx.server.panes.get(&found.pane) {
        let mut bytes = Vec::new();
        if args.has('p') {
            if let Ok(t) = p.term.lock() {
                t.encode_paste(&text, &mut bytes);
            }
        } else {
            bytes.extend_from_slice(text.as_bytes());
        }
        p.pty.write(bytes);
    }
    if args.has('d') {
        ctx.server.buffers.delete(Some(&buffer.name));
    }
    Ok(Flow::Continue)
}

fn exec_save(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let name = args.get('b');
    let data = buffer_data(ctx, name)?;
    let path = args.arg(0).unwrap_or("-");
    if path == "-" {
        ctx.out.push_str(&data);
        return Ok(Flow::Continue);
    }
    // A job writes it: the path may be a FIFO nobody reads yet.
    Ok(Flow::Wait(Pending {
        job: Job::Write {
            path: super::expand_path(ctx, path),
            data: data.into_bytes(),
            append: args.has('a'),
        },
        then: Then::SaveBuffer,
    }))
}

pub fn finish_save(done: Done) -> CmdResult {
    match done {
        Done::Write(Err(e)) => Err(e),
        _ => Ok(Flow::Continue),
    }
}

fn exec_load(ctx: &mut Ctx<'_>, args: &Args) -> CmdResult {
    let path = super::expand_path(ctx, args.arg(0).unwrap_or(""));
    Ok(Flow::Wait(Pending {
        job: Job::Read(vec![path]),
        then: Then::LoadBuffer {
            name: args.get('b').map(str::to_string),
        },
    }))
}

pub fn finish_load(ctx: &mut Ctx<'_>, name: Option<String>, done: Done) -> CmdResult {
    let Done::Read(mut results) = done else {
        return Ok(Flow::Continue);
    };
    let data = results
        .pop()
        .unwrap_or_else(|| Err("nothing read".into()))?;
    ctx.server
        .buffers
        .set(name.as_deref(), String::from_utf8_lossy(&data).into_owned());
    Ok(Flow::Continue)
}
