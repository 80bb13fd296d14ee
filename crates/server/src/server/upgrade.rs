//! A live upgrade (`server-upgrade`): the running server executes the rmux binary now
//! on disk in its own process, handing it every PTY by descriptor and the whole state
//! in the hand-over format (`handover.rs`). Programs in panes notice nothing: same PTY,
//! same parent, no SIGHUP, and output that arrives meanwhile waits in the PTY for the
//! new server. Attached clients see their connection close while the server's process
//! lives on, execute themselves anew and are put back where they were.

use std::os::fd::RawFd;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::Server;
use crate::handover::{self, Handover, PaneHandover, PipeHandover, Reattach};
use crate::model::Pane;
use crate::pty::{self, PaneFlags};

/// How long reads under way may take to finish before the upgrade gives up.
const FREEZE_WAIT: Duration = Duration::from_secs(2);
/// How long the new binary may take to prove it can read the state.
const CHECK_WAIT: Duration = Duration::from_secs(20);
/// How long a client that was attached has to come back and be put where it was.
const REATTACH_WAIT: Duration = Duration::from_secs(60);

impl Server {
    /// Hand everything to the rmux binary on disk and become it. Returns only when that
    /// cannot be done, with the reason; the server then carries on as it was.
    pub fn upgrade(&mut self) -> Result<(), String> {
        let binary = crate::paths::current_binary()
            .map_err(|e| format!("cannot find rmux's binary: {e}"))?;
        let listener = self
            .listener_fd
            .ok_or("the server has no listening socket")?;
        if !pty::freeze_readers(Instant::now() + FREEZE_WAIT) {
            return Err("a pane's output could not be paused; try again".to_string());
        }
        let path = handover::path(&self.socket);
        let result = self.hand_over(&binary, listener, &path);
        pty::thaw_readers();
        let _ = std::fs::remove_file(&path);
        result
    }

    fn hand_over(&mut self, binary: &Path, listener: RawFd, path: &Path) -> Result<(), String> {
        let (state, mut fds) = self.handover(listener)?;
        let bytes = handover::encode(&state)?;
        crate::snapshot::write(path, &bytes)
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        check_binary(binary, &self.socket, path)?;
        // What pipe-pane commands are still to be given goes to them before the exec
        // ends the threads that write it.
        let deadline = Instant::now() + FREEZE_WAIT;
        for pane in self.panes.values_mut() {
            if let Some(pipe) = pane.pipe.as_mut()
                && !pipe.drain(&pane.pty, deadline)
            {
                tracing::warn!(
                    "pane {}: pipe-pane's command is behind; output lost",
                    pane.id
                );
            }
        }
        fds.push(listener);
        for fd in &fds {
            crate::inherit::set_inherited(*fd, true);
        }
        tracing::info!("upgrading: executing {}", binary.display());
        let err = std::process::Command::new(binary)
            .arg("__server")
            .arg("-S")
            .arg(&self.socket)
            .arg("--resume")
            .arg(path)
            .exec();
        for fd in &fds {
            crate::inherit::set_inherited(*fd, false);
        }
        for pane in self.panes.values_mut() {
            pane.reconnect_pipe();
        }
        Err(format!("cannot execute {}: {err}", binary.display()))
    }

    /// Everything the next server needs, and the descriptors it inherits.
    fn handover(&self, listener: RawFd) -> Result<(Handover, Vec<RawFd>), String> {
        let mut fds = Vec::new();
        let mut panes = Vec::new();
        let mut pipes = Vec::new();
        for p in self.panes.values() {
            if let Some(pipe) = &p.pipe {
                let (to_command, from_command) = pipe.fds();
                fds.extend(to_command.into_iter().chain(from_command));
                pipes.push(PipeHandover {
                    pane: p.id,
                    to_command,
                    from_command,
                });
            }
            let fd = p
                .pty
                .master_fd()
                .ok_or_else(|| format!("pane {} has no PTY descriptor", p.id))?;
            fds.push(fd);
            let terminal = {
                let t = p
                    .term
                    .lock()
                    .map_err(|_| format!("pane {}'s screen is poisoned", p.id))?;
                rmux_proto::encode_value(&*t)
                    .map_err(|e| format!("cannot encode pane {}'s screen: {e}", p.id))?
            };
            let terminal = crate::snapshot::compress(&terminal);
            panes.push(PaneHandover {
                id: p.id,
                window: p.window,
                fd,
                pid: if p.exited.is_some() {
                    None
                } else {
                    p.pty.pid()
                },
                spawn: p.pty.spawn,
                terminal,
                size: p.size,
                title: p.title.clone(),
                exited: p.exited.clone(),
                spec: p.spec.clone(),
                active_stamp: p.active_stamp,
                options: p.options.clone(),
                input_off: p.input_off,
                restarts: p.restart.count,
                last_exit: p.restart.last_exit.clone(),
            });
        }
        let clients = self
            .clients
            .values()
            .filter(|c| c.control.is_none())
            .filter_map(|c| {
                let a = c.attached.as_ref()?;
                Some(Reattach {
                    pid: c.peer_pid,
                    session: a.session,
                    readonly: a.readonly,
                })
            })
            .collect();
        let state = Handover {
            version: handover::VERSION,
            listener,
            started: self.started,
            options: self.options.clone(),
            keys: self.keys.clone(),
            buffers: self.buffers.clone(),
            access: self.access.clone(),
            global_env: self.global_env.clone(),
            global_hidden: self.global_hidden.clone(),
            messages: self.messages.clone(),
            config_files: self.config_files.clone(),
            prompt_history: self.prompt_history.clone(),
            marked: self.marked,
            ids: self.ids.clone(),
            counters: (self.active_counter, self.spawns, self.command_number),
            group_windows: self.group_windows.clone(),
            sessions: self.sessions.values().cloned().collect(),
            windows: self.windows.values().cloned().collect(),
            panes,
            clients,
            pipes,
        };
        Ok((state, fds))
    }

    /// Carry on from the state a replaced server handed over (see [`Server::upgrade`]).
    pub fn resume(&mut self, state: Handover) {
        self.started = state.started;
        self.options = state.options;
        self.keys = state.keys;
        self.buffers = state.buffers;
        self.access = state.access;
        self.global_env = state.global_env;
        self.global_hidden = state.global_hidden;
        self.messages = state.messages;
        self.config_files = state.config_files;
        self.prompt_history = state.prompt_history;
        self.marked = state.marked;
        self.ids = state.ids;
        (self.active_counter, self.spawns, self.command_number) = state.counters;
        self.group_windows = state.group_windows;
        self.sessions = state.sessions.into_iter().map(|s| (s.id, s)).collect();
        self.windows = state.windows.into_iter().map(|w| (w.id, w)).collect();
        let deadline = Instant::now() + REATTACH_WAIT;
        self.reattach = state.clients.into_iter().map(|c| (c, deadline)).collect();
        let mut lost = Vec::new();
        for p in state.panes {
            let (id, window) = (p.id, p.window);
            match self.adopt_pane(p) {
                Some(pane) => {
                    self.panes.insert(id, pane);
                    self.apply_pane_settings(id);
                }
                None => lost.push((id, window)),
            }
        }
        for (pane, window) in lost {
            self.remove_from_window(pane, window);
        }
        for pipe in state.pipes {
            self.adopt_pipe(pipe);
        }
        self.reap_strays();
    }

    /// The pane `p` describes, its program and PTY taken over (or, failing that, its
    /// command started again); none if not even that can be done.
    fn adopt_pane(&mut self, p: PaneHandover) -> Option<Pane> {
        let master = crate::inherit::take(p.fd);
        let term = match crate::snapshot::unpack_screen(&p.terminal) {
            Ok(t) => t,
            // Checked before the exec; should it fail now, the pane lives on blank.
            Err(e) => {
                tracing::warn!("pane {}: screen not restored: {e}", p.id);
                rmux_term::Terminal::new(p.size, p.spec.history_limit)
            }
        };
        let term = Arc::new(Mutex::new(term));
        let flags = PaneFlags::default();
        let adopted = master.map_err(anyhow::Error::from).and_then(|master| {
            pty::adopt(
                p.id,
                p.spawn,
                master,
                p.pid,
                Arc::clone(&term),
                flags.clone(),
                self.events.clone(),
            )
        });
        let pty = match adopted {
            Ok(pty) => pty,
            Err(e) => {
                // The program cannot be reached: it gets a fresh start in the same pane.
                tracing::warn!(
                    "pane {}: cannot take its PTY over ({e:#}); starting again",
                    p.id
                );
                self.spawns += 1;
                match pty::spawn_into(
                    p.id,
                    self.spawns,
                    &p.spec,
                    flags.clone(),
                    self.events.clone(),
                    Some(Arc::clone(&term)),
                ) {
                    Ok((pty, _)) => pty,
                    Err(e) => {
                        tracing::warn!("pane {}: cannot start again: {e:#}", p.id);
                        return None;
                    }
                }
            }
        };
        Some(Pane {
            id: p.id,
            window: p.window,
            pty,
            term,
            flags,
            size: p.size,
            title: p.title,
            exited: p.exited,
            spec: p.spec,
            active_stamp: p.active_stamp,
            last_output: None,
            held_until: None,
            started: Instant::now(),
            copy: None,
            modes: Vec::new(),
            options: p.options,
            input_off: p.input_off,
            restart: crate::model::Restart {
                count: p.restarts,
                last_exit: p.last_exit,
                ..Default::default()
            },
            pipe: None,
        })
    }

    /// Take over a pane's pipe-pane command from the replaced server: its pipes' ends
    /// (the command, its child still, is reaped with the strays below).
    fn adopt_pipe(&mut self, pipe: PipeHandover) {
        let take = |fd: Option<i32>| match fd.map(crate::inherit::take).transpose() {
            Ok(fd) => fd,
            Err(e) => {
                tracing::warn!("pane {}: pipe-pane's descriptor lost: {e}", pipe.pane);
                None
            }
        };
        let (to_command, from_command) = (take(pipe.to_command), take(pipe.from_command));
        let Some(pane) = self.panes.get_mut(&pipe.pane) else {
            return;
        };
        match crate::pane_pipe::PanePipe::start(&pane.pty, to_command, from_command) {
            Ok(p) => pane.pipe = Some(p),
            Err(e) => tracing::warn!("pane {}: pipe-pane stopped: {e}", pipe.pane),
        }
    }

    /// Children of the replaced server that no pane holds (a popup's program, a job, a
    /// pipe-pane command, all cut off by the exec) are still ours: the reaper waits for
    /// them, so none stays a zombie.
    fn reap_strays(&self) {
        let panes: std::collections::HashSet<u32> =
            self.panes.values().filter_map(|p| p.pty.pid()).collect();
        for pid in own_children() {
            if !panes.contains(&pid) {
                crate::reaper::reap_later(
                    Box::new(crate::pty_adopt::AdoptedChild::new(pid)),
                    Box::new(|_| {}),
                );
            }
        }
    }

    /// The client process `pid` comes back after an upgrade: where it was, if it was
    /// attached then.
    pub fn take_reattach(&mut self, pid: u32) -> Option<Reattach> {
        let now = Instant::now();
        self.reattach.retain(|(_, until)| *until > now);
        let at = self.reattach.iter().position(|(r, _)| r.pid == pid)?;
        Some(self.reattach.swap_remove(at).0)
    }
}

/// This process's children, from every thread's `/proc` list (threads of the replaced
/// server started some; after the exec they are all the main thread's).
fn own_children() -> Vec<u32> {
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return Vec::new();
    };
    let mut pids = Vec::new();
    for task in tasks.flatten() {
        if let Ok(list) = std::fs::read_to_string(task.path().join("children")) {
            pids.extend(
                list.split_whitespace()
                    .filter_map(|p| p.parse::<u32>().ok()),
            );
        }
    }
    pids.sort_unstable();
    pids.dedup();
    pids
}

/// Run `binary --check` on the hand-over: the old server executes it only once it has
/// shown it can read the state.
fn check_binary(binary: &Path, socket: &Path, path: &Path) -> Result<(), String> {
    let deadline = Instant::now() + CHECK_WAIT;
    let mut child = loop {
        let spawned = std::process::Command::new(binary)
            .arg("__server")
            .arg("-S")
            .arg(socket)
            .arg("--check")
            .arg(path)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn();
        match spawned {
            Ok(child) => break child,
            // A binary just written (an install in progress, or its writer's descriptor
            // still held by a process between fork and exec) cannot run for a moment.
            Err(e)
                if e.raw_os_error() == Some(rustix::io::Errno::TXTBSY.raw_os_error())
                    && Instant::now() < deadline =>
            {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(e) => return Err(format!("cannot run {}: {e}", binary.display())),
        }
    };
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(2)),
            Ok(None) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "{} took too long to read the state",
                    binary.display()
                ));
            }
            Err(e) => return Err(format!("cannot wait for {}: {e}", binary.display())),
        }
    };
    if status.success() {
        return Ok(());
    }
    let mut why = String::new();
    if let Some(mut err) = child.stderr.take() {
        let _ = std::io::Read::read_to_string(&mut err, &mut why);
    }
    Err(format!(
        "the new rmux ({}) cannot take over: {}",
        binary.display(),
        why.trim()
    ))
}
