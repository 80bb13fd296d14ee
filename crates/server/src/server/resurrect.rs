//! Resurrection: the server writes a snapshot of its sessions (`snapshot.rs`) every
//! `snapshot-interval` seconds when something changed (the text captured and written
//! by a thread of its own, so the loop never waits for it), and at kill-server and
//! SIGTERM; `resurrect` (or `resurrect on` at start) makes the sessions again, each
//! pane showing what it showed, a marker line, then a fresh shell (or its command, for
//! a pane with a restart policy, or every command with `resurrect-commands on`).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Instant, SystemTime};

use rmux_term::Size;

use super::Server;
use super::spawn::{NewPane, SplitPlacement};
use crate::ids::{PaneId, SessionId};
use crate::layout::{Layout, SplitDirection, SplitSize};
use crate::pty::SharedTerminal;
use crate::snapshot::{self, PaneSnap, SessionSnap, Snapshot, WindowSnap};

/// A snapshot to finish (its panes' text read) and write, for the worker thread.
type Job = (Plan, std::path::PathBuf);

/// When the last snapshot was taken, and of what (so an unchanged server writes none).
#[derive(Default)]
pub struct SnapshotState {
    last: Option<Instant>,
    generation: u64,
    /// The worker is writing one now.
    busy: Arc<AtomicBool>,
    /// The thread that reads the panes' text and writes the file, beside the loop: one
    /// for the server's life once started, so the loop never waits and no thread comes
    /// and goes.
    worker: Option<std::sync::mpsc::Sender<Job>>,
    /// The worker could not be started, or stopped: no snapshots but the last.
    worker_failed: bool,
    /// Names of the sessions this server has had: a carried session of the same name
    /// was replaced and is carried no more.
    replaced: std::collections::HashSet<String>,
}

/// A snapshot without its panes' text, and where that text is to be read from.
struct Plan {
    snapshot: Snapshot,
    terms: Vec<(usize, usize, usize, SharedTerminal)>,
    /// Sessions of the carried snapshot not to keep (see `with_carried`).
    replaced: std::collections::HashSet<String>,
}

/// A pane's whole emulator state, packed (the screen is locked only while it is
/// encoded; compression happens after).
fn capture(term: &SharedTerminal) -> Vec<u8> {
    let plain = {
        let Ok(t) = term.lock() else {
            return Vec::new();
        };
        rmux_proto::encode_value(&*t)
    };
    match plain {
        Ok(plain) => snapshot::compress(&plain),
        Err(e) => {
            tracing::warn!("a screen not kept in the snapshot: {e}");
            Vec::new()
        }
    }
}

impl Plan {
    fn fill(mut self) -> Snapshot {
        for (s, w, p, term) in self.terms {
            let screen = capture(&term);
            if let Some(pane) = self
                .snapshot
                .sessions
                .get_mut(s)
                .and_then(|s| s.windows.get_mut(w))
                .and_then(|w| w.panes.get_mut(p))
            {
                pane.screen = screen;
            }
        }
        self.snapshot
    }
}

impl Server {
    /// This server's snapshot file, if snapshots are on.
    fn snapshot_path(&self) -> Option<std::path::PathBuf> {
        if self.server_number("snapshot-interval") <= 0 {
            return None;
        }
        snapshot::path(&self.socket)
    }

    fn snapshot_plan(&mut self) -> Plan {
        let saved = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let mut sessions = Vec::new();
        let mut terms = Vec::new();
        for sid in self.sessions_by_name() {
            let Some(s) = self.sessions.get(&sid) else {
                continue;
            };
            let mut windows = Vec::new();
            for (&index, wid) in &s.windows {
                let Some(w) = self.windows.get(wid) else {
                    continue;
                };
                let order = w.panes();
                let mut panes = Vec::new();
                for (i, pid) in order.iter().enumerate() {
                    let Some(p) = self.panes.get(pid) else {
                        continue;
                    };
                    terms.push((sessions.len(), windows.len(), i, p.term.clone()));
                    panes.push(PaneSnap {
                        cwd: crate::formats::current_path(p),
                        command: p.spec.command.clone(),
                        restart: self.pane_option(*pid, "restart").to_string(),
                        running: crate::formats::current_command(p),
                        screen: Vec::new(),
                        title: p.title.clone(),
                        options: p.options.clone(),
                    });
                }
                windows.push(WindowSnap {
                    index,
                    name: w.name.clone(),
                    named: !self.window_flag(Some(*wid), "automatic-rename"),
                    layout: w.layout.to_tmux_string(),
                    active: order.iter().position(|p| *p == w.active).unwrap_or(0),
                    panes,
                    options: w.options.clone(),
                });
            }
            sessions.push(SessionSnap {
                name: s.name.clone(),
                cwd: s.cwd.display().to_string(),
                current: s.current,
                windows,
                options: s.options.clone(),
            });
        }
        self.snapshot
            .replaced
            .extend(self.sessions.values().map(|s| s.name.clone()));
        let buffers = if self.server_flag("resurrect-buffers") {
            self.buffers
                .iter()
                .map(|b| snapshot::BufferSnap {
                    name: b.name.clone(),
                    data: b.data.clone(),
                    automatic: b.automatic,
                })
                .collect()
        } else {
            Vec::new()
        };
        Plan {
            snapshot: Snapshot {
                version: snapshot::VERSION,
                saved,
                sessions,
                buffers,
            },
            terms,
            replaced: self.snapshot.replaced.clone(),
        }
    }

    /// Write a snapshot now, waiting for it (the server is about to go).
    pub fn snapshot_now(&mut self) {
        let Some(path) = self.snapshot_path() else {
            return;
        };
        if self.sessions.is_empty() {
            return;
        }
        write_plan(self.snapshot_plan(), &path);
    }

    /// Keep the sessions of the snapshot a previous server left (the server does this at
    /// start): that file is put aside unread (see `carried_path`), so a big one costs
    /// neither start-up time nor memory.
    pub fn carry_last_snapshot(&mut self) {
        if let Some(path) = self.snapshot_path().filter(|p| p.exists()) {
            // The last server's snapshot holds every session it carried too, so it
            // replaces an older file put aside.
            if let Err(e) = std::fs::rename(&path, carried_path(&path)) {
                tracing::warn!("the last snapshot is not kept: {e}");
            }
        }
    }

    /// The thread that writes snapshots, started when the first one is due: a server
    /// that lives less than an interval (a script's, a test's) never has one.
    fn snapshot_worker(&mut self) -> Option<&std::sync::mpsc::Sender<Job>> {
        if self.snapshot.worker.is_none() && !self.snapshot.worker_failed {
            let (tx, rx) = std::sync::mpsc::channel::<Job>();
            let busy = Arc::clone(&self.snapshot.busy);
            let spawned = std::thread::Builder::new()
                .name("snapshot".to_string())
                .spawn(move || {
                    for (plan, path) in rx {
                        write_plan(plan, &path);
                        busy.store(false, Ordering::Release);
                    }
                });
            match spawned {
                Ok(_) => self.snapshot.worker = Some(tx),
                Err(e) => {
                    tracing::warn!("no snapshots while running: {e}");
                    self.snapshot.worker_failed = true;
                }
            }
        }
        self.snapshot.worker.as_ref()
    }

    /// Something a snapshot keeps changed since the last one (or none was taken yet):
    /// pane output, or the structure.
    fn snapshot_changed(&self) -> bool {
        let since = self.snapshot.last;
        since.is_none()
            || self.snapshot.generation != self.state_generation()
            || self
                .panes
                .values()
                .any(|p| p.last_output.is_some_and(|t| since.is_none_or(|s| t > s)))
    }

    /// A snapshot will be due at some tick: the ticks must go on until it is written.
    pub(super) fn snapshot_due_sometime(&self) -> bool {
        !self.snapshot.worker_failed
            && !self.sessions.is_empty()
            && self.server_number("snapshot-interval") > 0
            && self.snapshot_changed()
    }

    /// Once a second: a snapshot in the background when the interval is over and
    /// something changed since the last.
    pub fn snapshot_tick(&mut self) {
        let Some(path) = self.snapshot_path() else {
            return;
        };
        if self.snapshot.worker_failed {
            return;
        }
        let interval = u64::try_from(self.server_number("snapshot-interval")).unwrap_or(0);
        // The first one an interval after the start, as every later one: a server that
        // comes and goes in a moment (a script, a test) writes none but its last.
        let state = &mut self.snapshot;
        if state.last.is_none() {
            state.last = Some(Instant::now());
            return;
        }
        if state.busy.load(Ordering::Acquire)
            || state.last.is_some_and(|t| t.elapsed().as_secs() < interval)
            || self.sessions.is_empty()
        {
            return;
        }
        if !self.snapshot_changed() {
            return;
        }
        self.snapshot.last = Some(Instant::now());
        self.snapshot.generation = self.state_generation();
        let plan = self.snapshot_plan();
        self.snapshot.busy.store(true, Ordering::Release);
        let sent = self
            .snapshot_worker()
            .is_some_and(|w| w.send((plan, path)).is_ok());
        if !sent {
            self.snapshot.busy.store(false, Ordering::Release);
            self.snapshot.worker = None;
            self.snapshot.worker_failed = true;
        }
    }

    /// Make again every session of the snapshot that does not exist now. Returns the
    /// names made.
    pub fn resurrect(&mut self) -> Result<Vec<String>, String> {
        let path = snapshot::path(&self.socket).ok_or("no place for snapshots (no HOME)")?;
        // This server's own snapshot holds the carried sessions; before it wrote one,
        // they are in the file put aside at its start.
        let path = [path.clone(), carried_path(&path)]
            .into_iter()
            .find(|p| p.exists())
            .ok_or_else(|| format!("no snapshot: {}", path.display()))?;
        let snap = snapshot::read(&path)?;
        let restart_all = self.server_flag("resurrect-commands");
        let when = chrono::DateTime::from_timestamp(i64::try_from(snap.saved).unwrap_or(0), 0)
            .map(|t| {
                t.with_timezone(&chrono::Local)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            })
            .unwrap_or_default();
        // Oldest first, so the most recent is the newest again; none replaces a buffer
        // made since.
        for b in snap.buffers.iter().rev() {
            if b.automatic {
                self.buffers.add(b.data.clone());
            } else if self.buffers.get(&b.name).is_none() {
                self.buffers.set(Some(&b.name), b.data.clone());
            }
        }
        let mut made = Vec::new();
        for s in &snap.sessions {
            if self.session_by_name(&s.name).is_some() || s.windows.is_empty() {
                continue;
            }
            match self.resurrect_session(s, &when, restart_all) {
                Ok(()) => made.push(s.name.clone()),
                Err(e) => tracing::warn!("cannot resurrect {}: {e}", s.name),
            }
        }
        Ok(made)
    }

    fn resurrect_session(
        &mut self,
        s: &SessionSnap,
        when: &str,
        restart_all: bool,
    ) -> Result<(), String> {
        let mut session: Option<SessionId> = None;
        for w in &s.windows {
            let size = layout_size(&w.layout).unwrap_or(Size { cols: 80, rows: 24 });
            let mut panes = w.panes.iter();
            let Some(first) = panes.next() else {
                continue;
            };
            let name = w.named.then(|| w.name.clone());
            let window = match session {
                None => {
                    let id = self.create_session(
                        Some(s.name.clone()),
                        Some((name, new_pane(first, when, restart_all))),
                        size,
                        s.cwd.clone().into(),
                        Vec::new(),
                    )?;
                    session = Some(id);
                    // The first window goes to its saved index.
                    let sess = self.sessions.get_mut(&id).ok_or("session gone")?;
                    if let Some((&at, &wid)) = sess.windows.iter().next()
                        && at != w.index
                    {
                        sess.windows.remove(&at);
                        sess.windows.insert(w.index, wid);
                        sess.current = w.index;
                    }
                    sess.windows.get(&w.index).copied().ok_or("window gone")?
                }
                Some(id) => self.create_window(
                    id,
                    Some(w.index),
                    name,
                    new_pane(first, when, restart_all),
                    false,
                )?,
            };
            // The window's saved size (clients that attach size it as usual).
            self.resize_window(window, size);
            let mut last = self.active_pane(window).ok_or("no pane")?;
            let mut made = vec![last];
            set_policy(self, last, first);
            for p in panes {
                // Each split halves the tallest pane so far; the saved layout then puts
                // them where they were.
                let tallest = self.windows.get(&window).and_then(|win| {
                    win.layout
                        .panes()
                        .into_iter()
                        .max_by_key(|(_, r)| r.height)
                        .map(|(id, _)| PaneId(id))
                });
                let split = self.split_pane(
                    tallest.unwrap_or(last),
                    SplitDirection::Vertical,
                    SplitSize::Half,
                    SplitPlacement::default(),
                    new_pane(p, when, restart_all),
                    false,
                );
                match split {
                    Ok(pane) => last = pane,
                    Err(e) => {
                        tracing::warn!("{}: a pane not made again: {e}", s.name);
                        break;
                    }
                }
                set_policy(self, last, p);
                made.push(last);
            }
            // The saved layout, fitted to the window as select-layout fits one.
            if let Some(win) = self.windows.get_mut(&window) {
                let order = win.layout.pane_order().to_vec();
                if let Ok(layout) = Layout::from_tmux_string(&w.layout, &order) {
                    let (cols, rows) = win.size();
                    win.layout = layout;
                    win.layout.resize(cols, rows);
                }
            }
            if let Some(win) = self.windows.get_mut(&window) {
                win.options = w.options.clone();
            }
            self.apply_layout(window);
            if let Some(&active) = made.get(w.active) {
                self.activate_pane(active);
            }
        }
        if let Some(id) = session
            && let Some(sess) = self.sessions.get_mut(&id)
        {
            sess.options = s.options.clone();
            if sess.windows.contains_key(&s.current) {
                sess.current = s.current;
            }
        }
        self.changed();
        Ok(())
    }
}

/// Where a server puts the snapshot the previous server left: its sessions not made
/// again are read from there into each snapshot this server writes (`with_carried`), so
/// starting a session after a reboot does not lose the others before `resurrect`.
fn carried_path(path: &std::path::Path) -> std::path::PathBuf {
    path.with_extension("carried")
}

/// Finish `plan` (each pane's screen is locked only while its text is read), add the
/// carried sessions and write it to `path`.
fn write_plan(mut plan: Plan, path: &std::path::Path) {
    let replaced = std::mem::take(&mut plan.replaced);
    let mut snap = plan.fill();
    let carried_all = with_carried(&mut snap, &replaced, path);
    write_snapshot(&snap, path);
    if carried_all {
        // Every session put aside exists again: nothing is left to carry.
        let _ = std::fs::remove_file(carried_path(path));
    }
}

/// Add the sessions of the snapshot put aside at start that this server never had. Read
/// for each write and dropped after it: the memory is the writer's only while it
/// writes. True when a file was put aside and none of its sessions is left to carry.
fn with_carried(
    snap: &mut Snapshot,
    replaced: &std::collections::HashSet<String>,
    path: &std::path::Path,
) -> bool {
    let carried = carried_path(path);
    if !carried.exists() {
        return false;
    }
    match snapshot::read(&carried) {
        Ok(old) => {
            let before = snap.sessions.len();
            snap.sessions.extend(
                old.sessions
                    .into_iter()
                    .filter(|s| !replaced.contains(&s.name)),
            );
            snap.sessions.len() == before
        }
        Err(e) => {
            tracing::warn!("carried sessions not kept: {e}");
            false
        }
    }
}

fn write_snapshot(snap: &Snapshot, path: &std::path::Path) {
    match snapshot::encode(snap) {
        Ok(bytes) => {
            if let Err(e) = snapshot::write(path, &bytes) {
                tracing::warn!("cannot write the snapshot {}: {e}", path.display());
            }
        }
        Err(e) => tracing::warn!("{e}"),
    }
}

/// The `WxH` a layout string starts with (after its checksum).
fn layout_size(layout: &str) -> Option<Size> {
    let dims = layout.split(',').nth(1)?;
    let (w, h) = dims.split_once('x')?;
    Some(Size {
        cols: w.parse().ok()?,
        rows: h.parse().ok()?,
    })
}

/// What a program may have asked of its terminal that the one starting now has not:
/// the alternate screen left, mouse, paste, focus and key modes off, a plain pen and
/// the whole screen to scroll.
const FRESH_MODES: &str = "\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1005l\
\x1b[?1015l\x1b[?2004l\x1b[?1004l\x1b[?1l\x1b>\x1b[?25h\x1b[r\x1b[0m";

/// A resurrected pane: its saved screen and history, a marker, then a shell (or its
/// command again).
fn new_pane(p: &PaneSnap, when: &str, restart_all: bool) -> NewPane {
    let shown = match snapshot::unpack_screen(&p.screen) {
        Ok(mut term) => {
            // The marker goes below what the program left, after the last line it wrote.
            let size = term.size();
            term.feed(FRESH_MODES.as_bytes());
            let last = (0..i64::from(size.rows))
                .rev()
                .find(|y| term.row(*y).is_some_and(|r| !r.text().trim().is_empty()));
            let at = last.map_or(0, |y| y + 1);
            let place = if at >= i64::from(size.rows) {
                format!("\x1b[{};1H\r\n", size.rows)
            } else {
                format!("\x1b[{};1H", at + 1)
            };
            term.feed(place.as_bytes());
            Some(term)
        }
        Err(e) => {
            tracing::warn!("a pane's screen not restored: {e}");
            None
        }
    };
    let marker = format!(
        "--- restored from {when}; was running: {} ---\r\n",
        p.running
    );
    let shown = shown.map(|mut term| {
        term.feed(marker.as_bytes());
        std::sync::Arc::new(std::sync::Mutex::new(term))
    });
    let again = p.restart != "off" || restart_all;
    NewPane {
        command: p.command.clone().filter(|_| again),
        cwd: Some(p.cwd.clone().into()),
        env: Vec::new(),
        shown,
    }
}

/// A resurrected pane's own options, title and restart policy.
fn set_policy(server: &mut Server, pane: PaneId, p: &PaneSnap) {
    if let Some(made) = server.panes.get_mut(&pane) {
        made.options = p.options.clone();
        made.title = p.title.clone();
    }
    if p.restart != "off"
        && let (Some(d), Some(pane)) =
            (crate::options::find("restart"), server.panes.get_mut(&pane))
    {
        pane.options.set(d, p.restart.clone());
    }
}
