//! The `#()` commands of status lines: each runs as a job, at most once a second and
//! only when a status line is drawn, and the line shows its last output meanwhile, as in
//! tmux. The loop never waits for one.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::{Duration, Instant};

use super::Server;
use super::queue::Waiter;
use crate::jobs::{Done, Job};

/// A command is run again no sooner than this after its last start.
const RERUN: Duration = Duration::from_secs(1);

/// Distinct `#()` commands remembered; past this the oldest are forgotten.
const MAX_COMMANDS: usize = 256;

#[derive(Debug)]
struct Entry {
    /// The last line of its last output.
    output: Option<String>,
    started: Instant,
    running: bool,
}

/// `#()` outputs by command, filled in by jobs.
#[derive(Debug, Default)]
pub struct StatusJobs {
    entries: RefCell<HashMap<String, Entry>>,
    /// Commands a status line asked for while it was drawn, to start afterwards.
    wanted: RefCell<Vec<String>>,
}

impl StatusJobs {
    /// What `#(command)` shows now; asks for a new run when the last one is old.
    pub fn output(&self, command: &str) -> String {
        let mut entries = self.entries.borrow_mut();
        let now = Instant::now();
        match entries.get(command) {
            Some(e) => {
                if !e.running && now.duration_since(e.started) >= RERUN {
                    self.wanted.borrow_mut().push(command.to_string());
                }
                match &e.output {
                    Some(out) => out.clone(),
                    None if e.running && now.duration_since(e.started) >= RERUN => {
                        format!("<'{command}' not ready>")
                    }
                    None => String::new(),
                }
            }
            None => {
                if entries.len() >= MAX_COMMANDS {
                    entries.clear();
                }
                entries.insert(
                    command.to_string(),
                    Entry {
                        output: None,
                        started: now,
                        running: false,
                    },
                );
                self.wanted.borrow_mut().push(command.to_string());
                String::new()
            }
        }
    }
}

impl Server {
    /// Start the `#()` jobs the last status lines asked for.
    pub fn start_status_jobs(&mut self) {
        let wanted = std::mem::take(&mut *self.status_jobs.wanted.borrow_mut());
        for command in wanted {
            {
                let mut entries = self.status_jobs.entries.borrow_mut();
                let Some(e) = entries.get_mut(&command) else {
                    continue;
                };
                if e.running {
                    continue;
                }
                e.running = true;
                e.started = Instant::now();
            }
            let job = Job::Shell {
                shell: self.session_option(None, "default-shell").to_string(),
                line: command.clone(),
                cwd: std::env::current_dir().unwrap_or_else(|_| "/".into()),
                env: self.job_environment(&self.global_env.clone()),
                delay: Duration::ZERO,
            };
            let id = self.jobs.start(job);
            self.queues.waiters.insert(id, Waiter::Status(command));
        }
    }

    pub(super) fn status_job_done(&mut self, command: &str, done: Done) {
        let Done::Shell { output, error, .. } = done else {
            return;
        };
        let text = match error {
            Some(_) => format!("<'{command}' didn't start>"),
            None => {
                let text = String::from_utf8_lossy(&output);
                text.lines().last().unwrap_or("").to_string()
            }
        };
        let mut entries = self.status_jobs.entries.borrow_mut();
        let Some(e) = entries.get_mut(command) else {
            return;
        };
        e.running = false;
        if e.output.as_deref() != Some(text.as_str()) {
            e.output = Some(text);
            drop(entries);
            self.status_generation += 1;
            self.redraw_all();
        }
    }

    /// The environment a job runs with: `env` (the caller's or the global one), with
    /// `$TMUX`/`$RMUX` naming this server and a `tmux` on `PATH` that is rmux, so the
    /// scripts of tmux plugins talk to us.
    /// What a job sees: the caller's environment with the global one's values as they
    /// are now over it (a config's `set-environment -g` reaches the `run-shell` lines
    /// after it, as in tmux, where jobs get the global environment).
    pub fn job_environment(&self, env: &[(String, String)]) -> Vec<(String, String)> {
        let mut env = env.to_vec();
        for (k, v) in &self.global_env {
            crate::tmux_face::set_var(&mut env, k, v.clone());
        }
        let session = self.best_session().map(|s| s.0);
        let value = crate::tmux_face::tmux_variable(&self.socket, self.pid, session);
        crate::tmux_face::set_var(&mut env, "RMUX", value.clone());
        crate::tmux_face::set_var(&mut env, "TMUX", value);
        let path = env
            .iter()
            .find(|(k, _)| k == "PATH")
            .map(|(_, v)| v.clone());
        let path = crate::tmux_face::path_with_shim(&self.socket, path.as_deref());
        crate::tmux_face::set_var(&mut env, "PATH", path);
        env
    }
}
