//! Command queues, as tmux's cmd-queue.c: every command runs from a queue that belongs to
//! whoever asked (a command-line client, an attached client's key or prompt, the
//! configuration). A command that needs a job (a shell command, a file) makes its queue
//! wait; the loop goes on serving everyone else, and the queue resumes when the job's
//! result arrives. Commands that run other commands (`if-shell`, `source-file`, `{ … }`
//! blocks) queue them right after themselves rather than running them from inside.

use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::rc::Rc;

use rmux_proto::{ServerMessage, TerminalInfo};

use super::Server;
use super::channels::ChannelOutcome;
use crate::cmd::{self, Ctx, Current, Flow, Item, Pending, Then};
use crate::ids::ClientId;
use crate::jobs::{Done, Job, JobId};

/// Output is sent to a command-line client in pieces no larger than this.
const OUTPUT_CHUNK: usize = 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QueueId(u64);

/// Who a queue's commands run for, and in what context.
#[derive(Clone, Debug, Default)]
pub struct Caller {
    pub client: Option<ClientId>,
    pub current: Current,
    pub cwd: PathBuf,
    pub env: Vec<(String, String)>,
    pub terminal: Option<TerminalInfo>,
}

/// Where a queue's output and errors go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `rmux <command>`: output and errors to the client's stdout and stderr as they
    /// come, then its exit status.
    CommandLine,
    /// A key binding or the prompt of an attached client: errors in its status line,
    /// output in a view to read.
    Client,
    /// The configuration: errors kept for the first client that attaches.
    Config,
    /// Work that goes on after its caller has its answer (`if-shell -b`): errors logged.
    Detached,
    /// A control-mode client: each command's output and errors between `%begin` and
    /// `%end` (or `%error`); 0 for its command line, 1 for the lines it sends.
    Control(u8),
}

/// One queue of commands.
#[derive(Debug)]
pub struct Queue {
    caller: Caller,
    origin: Origin,
    /// Commands to run, each with its group: an error skips the rest of its group.
    items: VecDeque<(u64, Item)>,
    next_group: u64,
    /// The command waiting for a job: its group and where it was read.
    waiting: Option<(u64, Item)>,
    /// Held until the configuration is loaded (the client that started the server).
    held: bool,
    failed: bool,
    /// An exit status a command chose (run-shell passes its command's on).
    status: Option<i32>,
    errors: Vec<String>,
    output: String,
}

/// Who is waiting for a job.
#[derive(Debug)]
pub enum Waiter {
    Queue(QueueId, Then),
    /// A `#()` of a status line, by its command.
    Status(String),
    /// Nobody (`run-shell -b`).
    Nobody,
}

/// The queues of a server and the jobs they wait for.
#[derive(Debug, Default)]
pub struct Queues {
    queues: HashMap<QueueId, Queue>,
    next: u64,
    pub waiters: HashMap<JobId, Waiter>,
    /// The configuration's queue while it runs.
    config: Option<QueueId>,
    /// The client that started the server: its commands wait for the configuration.
    pub starter: Option<ClientId>,
    /// The process id of that client, until it connects.
    pub starter_pid: Option<u32>,
}

impl Server {
    /// Queue command groups for `caller` and run them as far as they go.
    pub fn enqueue(&mut self, caller: Caller, origin: Origin, groups: Vec<Vec<Item>>) -> QueueId {
        self.queues.next += 1;
        let id = QueueId(self.queues.next);
        let held = matches!(origin, Origin::CommandLine | Origin::Control(0))
            && self.queues.config.is_some()
            && caller.client.is_some()
            && caller.client == self.queues.starter;
        let mut queue = Queue {
            caller,
            origin,
            items: VecDeque::new(),
            next_group: 0,
            waiting: None,
            held,
            failed: false,
            status: None,
            errors: Vec::new(),
            output: String::new(),
        };
        for group in groups {
            queue.next_group += 1;
            let g = queue.next_group;
            queue.items.extend(group.into_iter().map(|item| (g, item)));
        }
        if origin == Origin::Config {
            self.queues.config = Some(id);
        }
        self.queues.queues.insert(id, queue);
        self.run_queue(id);
        id
    }

    /// Run `id`'s commands until it waits, is held, or is done.
    fn run_queue(&mut self, id: QueueId) {
        loop {
            let Some(q) = self.queues.queues.get_mut(&id) else {
                return;
            };
            if q.held || q.waiting.is_some() {
                return;
            }
            let Some((group, item)) = q.items.pop_front() else {
                self.finish_queue(id);
                return;
            };
            let (argv, blocks) = (item.argv.clone(), item.blocks.clone());
            self.run_item(id, group, item, |ctx| cmd::run(ctx, &argv, &blocks));
        }
    }

    /// Run one command (or its continuation) of `id` and take in its result; for a
    /// control client, between its `%begin` and `%end`/`%error`.
    fn run_item(
        &mut self,
        id: QueueId,
        group: u64,
        item: Item,
        f: impl FnOnce(&mut Ctx<'_>) -> cmd::CmdResult,
    ) {
        let block = self.control_block(id);
        let outcome = self.with_ctx(id, item.depth, f);
        self.sync_groups();
        let failed = outcome.as_ref().is_some_and(|o| o.result.is_err());
        self.after(id, group, item, outcome);
        if let Some(block) = block {
            self.control_end(block, failed);
        }
    }

    /// A `%begin` line before a control client's command.
    fn control_block(&mut self, id: QueueId) -> Option<super::control::Block> {
        let q = self.queues.queues.get(&id)?;
        let Origin::Control(flags) = q.origin else {
            return None;
        };
        let client = q.caller.client?;
        Some(self.control_begin(client, flags))
    }

    /// Run `f` with a command context made from `id`'s caller, then take back what it
    /// changed: the caller's context, its output, the commands it queued.
    fn with_ctx(
        &mut self,
        id: QueueId,
        depth: u8,
        f: impl FnOnce(&mut Ctx<'_>) -> cmd::CmdResult,
    ) -> Option<Outcome> {
        let q = self.queues.queues.get_mut(&id)?;
        let caller = std::mem::take(&mut q.caller);
        let mut ctx = Ctx {
            server: self,
            client: caller.client,
            current: caller.current,
            cwd: caller.cwd,
            env: caller.env,
            terminal: caller.terminal,
            out: String::new(),
            insert: Vec::new(),
            depth,
            exit_status: None,
        };
        let result = f(&mut ctx);
        let Ctx {
            client,
            current,
            cwd,
            env,
            terminal,
            out,
            insert,
            exit_status,
            ..
        } = ctx;
        let q = self.queues.queues.get_mut(&id)?;
        q.caller = Caller {
            client,
            current,
            cwd,
            env,
            terminal,
        };
        if exit_status.is_some() {
            q.status = exit_status;
        }
        // Commands a command queued run right after it, in order, each group its own.
        for group in insert.into_iter().rev() {
            q.next_group += 1;
            let g = q.next_group;
            for item in group.into_iter().rev() {
                q.items.push_front((g, item));
            }
        }
        Some(Outcome { result, out })
    }

    /// What a command's result means for its queue.
    fn after(&mut self, id: QueueId, group: u64, item: Item, outcome: Option<Outcome>) {
        let Some(Outcome { result, out }) = outcome else {
            return;
        };
        self.queue_output(id, &out);
        if matches!(result, Ok(Flow::Continue | Flow::Attach { .. })) {
            self.queue_after_hook(id, &item);
        }
        match result {
            Ok(Flow::Continue) => {}
            Ok(Flow::Attach { session, readonly }) => self.queue_attach(id, session, readonly),
            Ok(Flow::Wait(Pending { job, then })) => {
                let job_id = self.jobs.start(job);
                self.queues.waiters.insert(job_id, Waiter::Queue(id, then));
                if let Some(q) = self.queues.queues.get_mut(&id) {
                    q.waiting = Some((group, item));
                }
            }
            Ok(Flow::Channel(name, op)) => match self.channel_op(id, &name, op) {
                ChannelOutcome::GoOn => self.queue_after_hook(id, &item),
                ChannelOutcome::Wait => {
                    if let Some(q) = self.queues.queues.get_mut(&id) {
                        q.waiting = Some((group, item));
                    }
                }
                ChannelOutcome::Fail(e) => self.queue_error(id, group, item.source.as_ref(), &e),
            },
            Err(e) => self.queue_error(id, group, item.source.as_ref(), &e),
        }
    }

    /// A queue waiting on a channel may go on.
    pub(super) fn release_queue(&mut self, id: QueueId) {
        let Some((_, item)) = self
            .queues
            .queues
            .get_mut(&id)
            .and_then(|q| q.waiting.take())
        else {
            return;
        };
        self.queue_after_hook(id, &item);
        self.run_queue(id);
    }

    /// Forget a queue nobody will see the end of.
    fn drop_queue(&mut self, id: QueueId) {
        self.queues.queues.remove(&id);
        self.forget_channel_queue(id);
    }

    /// A command succeeded: its `after-` hook's commands run right after it.
    fn queue_after_hook(&mut self, id: QueueId, item: &Item) {
        let Some(name) = item
            .argv
            .first()
            .and_then(|n| cmd::lookup(n).ok())
            .map(|e| e.name)
        else {
            return;
        };
        let hook = format!("after-{name}");
        if crate::options::find_hook(&hook).is_none() {
            return;
        }
        let Some(q) = self.queues.queues.get(&id) else {
            return;
        };
        let target = super::hooks::HookTarget {
            client: q.caller.client,
            session: q.caller.current.session,
            window: q.caller.current.window,
            pane: q.caller.current.pane,
        };
        let commands = self.hook_commands(&hook, &target);
        if commands.is_empty() {
            return;
        }
        let groups = self.hook_groups(&commands);
        let Some(q) = self.queues.queues.get_mut(&id) else {
            return;
        };
        for group in groups.into_iter().rev() {
            q.next_group += 1;
            let g = q.next_group;
            for hook_item in group.into_iter().rev() {
                q.items.push_front((g, hook_item));
            }
        }
    }

    /// A job is done: give its result to whoever waits for it.
    pub fn job_done(&mut self, job: JobId, done: Done) {
        match self.queues.waiters.remove(&job) {
            Some(Waiter::Queue(id, then)) => self.resume_queue(id, then, done),
            Some(Waiter::Status(command)) => self.status_job_done(&command, done),
            Some(Waiter::Nobody) | None => {}
        }
    }

    fn resume_queue(&mut self, id: QueueId, then: Then, done: Done) {
        let Some((group, item)) = self
            .queues
            .queues
            .get_mut(&id)
            .and_then(|q| q.waiting.take())
        else {
            return;
        };
        self.run_item(id, group, item, |ctx| cmd::resume(ctx, then, done));
        self.run_queue(id);
    }

    fn queue_output(&mut self, id: QueueId, out: &str) {
        if out.is_empty() {
            return;
        }
        let Some(q) = self.queues.queues.get_mut(&id) else {
            return;
        };
        match q.origin {
            Origin::CommandLine => {
                let client = q.caller.client;
                let sent = client
                    .and_then(|c| self.clients.get(&c))
                    .is_some_and(|c| send_chunked(c, out));
                if !sent {
                    // The client is gone: nobody to run the rest for.
                    self.drop_queue(id);
                }
            }
            Origin::Client => q.output.push_str(out),
            Origin::Control(_) => {
                if let Some(c) = q.caller.client {
                    let mut text = out.to_string();
                    if !text.ends_with('\n') {
                        text.push('\n');
                    }
                    self.control_write(c, text);
                }
            }
            Origin::Config | Origin::Detached => {}
        }
    }

    fn queue_error(&mut self, id: QueueId, group: u64, source: Option<&(Rc<str>, usize)>, e: &str) {
        let Some(q) = self.queues.queues.get_mut(&id) else {
            return;
        };
        q.failed = true;
        q.items.retain(|(g, _)| *g != group);
        if e.is_empty() {
            return;
        }
        let message = match source {
            Some((file, line)) => format!("{file}:{line}: {e}"),
            None => e.to_string(),
        };
        match q.origin {
            Origin::CommandLine => {
                if let Some(c) = q.caller.client.and_then(|c| self.clients.get(&c)) {
                    c.send(&ServerMessage::Stderr(format!("{message}\n")));
                }
            }
            Origin::Client => q.errors.push(message),
            Origin::Control(_) => {
                if let Some(c) = q.caller.client {
                    self.control_write(c, format!("{message}\n"));
                }
            }
            Origin::Config => self.config_errors.push(message),
            Origin::Detached => tracing::info!("{message}"),
        }
    }

    fn queue_attach(&mut self, id: QueueId, session: crate::ids::SessionId, readonly: bool) {
        let Some(q) = self.queues.queues.get_mut(&id) else {
            return;
        };
        // Later commands act on the session just attached to.
        q.caller.current = Current {
            session: Some(session),
            window: None,
            pane: None,
            mouse: None,
        };
        let (origin, client) = (q.origin, q.caller.client);
        let Some(client) = client else {
            return;
        };
        match origin {
            Origin::CommandLine | Origin::Control(_)
                if self
                    .clients
                    .get(&client)
                    .is_some_and(|c| c.attached.is_none()) =>
            {
                self.attach_client(client, session, readonly);
                self.show_config_errors(client);
                if origin == Origin::CommandLine {
                    self.show_first_run_hint(client);
                }
            }
            Origin::CommandLine | Origin::Client | Origin::Control(_) => {
                self.switch_client(client, session);
            }
            Origin::Config | Origin::Detached => {}
        }
    }

    /// The queue ran its last command: answer its caller.
    fn finish_queue(&mut self, id: QueueId) {
        let Some(q) = self.queues.queues.remove(&id) else {
            return;
        };
        match q.origin {
            // A control client whose command line did not attach it leaves after it.
            Origin::CommandLine | Origin::Control(0) => {
                let Some(c) = q.caller.client.and_then(|c| self.clients.get_mut(&c)) else {
                    return;
                };
                if c.attached.is_none() {
                    let status = q.status.unwrap_or(i32::from(q.failed));
                    c.finish(&ServerMessage::Exit { status });
                }
            }
            Origin::Client => {
                let Some(client) = q.caller.client else {
                    return;
                };
                if !q.errors.is_empty() {
                    let delay = self.display_time(client);
                    self.show_message(client, &q.errors.join("; "), delay);
                } else if !q.output.is_empty() {
                    // Output of a command run from a key is shown to read in the client's
                    // pane, as tmux does.
                    let pane = self
                        .clients
                        .get(&client)
                        .and_then(|c| c.session())
                        .and_then(|s| self.current_window(s))
                        .and_then(|w| self.active_pane(w));
                    if let Some(pane) = pane {
                        let view = crate::modes::ViewMode::new(&q.output);
                        self.enter_mode(pane, crate::modes::Mode::View(view));
                    }
                }
            }
            Origin::Config => {
                self.queues.config = None;
                // `set -g resurrect on` in the configuration: the sessions of the last
                // snapshot come back as the server starts.
                if self.server_flag("resurrect")
                    && let Err(e) = self.resurrect()
                {
                    self.config_errors.push(format!("resurrect: {e}"));
                }
                // The client that started the server may go on now.
                let held: Vec<QueueId> = self
                    .queues
                    .queues
                    .iter()
                    .filter(|(_, q)| q.held)
                    .map(|(id, _)| *id)
                    .collect();
                for h in held {
                    if let Some(q) = self.queues.queues.get_mut(&h) {
                        q.held = false;
                    }
                    self.run_queue(h);
                }
            }
            Origin::Detached | Origin::Control(_) => {}
        }
    }

    /// A client's connection closed: its command-line queue has no one to answer.
    pub fn forget_queues_of(&mut self, client: ClientId) {
        let gone: Vec<QueueId> = self
            .queues
            .queues
            .iter()
            .filter(|(_, q)| {
                matches!(q.origin, Origin::CommandLine | Origin::Control(_))
                    && q.caller.client == Some(client)
            })
            .map(|(id, _)| *id)
            .collect();
        for id in gone {
            self.drop_queue(id);
        }
    }

    /// Start a job nobody waits for (`run-shell -b`).
    pub fn start_background_job(&mut self, job: Job) {
        let id = self.jobs.start(job);
        self.queues.waiters.insert(id, Waiter::Nobody);
    }

    /// Start a job whose continuation runs later in a queue of its own (`if-shell -b`),
    /// for `caller` (attached: its errors go to its status line).
    pub fn start_detached(&mut self, caller: Caller, attached: bool, pending: Pending) {
        let origin = if attached {
            Origin::Client
        } else {
            Origin::Detached
        };
        self.queues.next += 1;
        let id = QueueId(self.queues.next);
        let queue = Queue {
            caller,
            origin,
            items: VecDeque::new(),
            next_group: 1,
            waiting: Some((1, Item::new(Vec::new()))),
            held: false,
            failed: false,
            status: None,
            errors: Vec::new(),
            output: String::new(),
        };
        self.queues.queues.insert(id, queue);
        let job = self.jobs.start(pending.job);
        self.queues
            .waiters
            .insert(job, Waiter::Queue(id, pending.then));
    }
}

struct Outcome {
    result: cmd::CmdResult,
    out: String,
}

/// Send `text` to a client as stdout, in bounded pieces; false if it is gone.
fn send_chunked(c: &crate::client::Client, text: &str) -> bool {
    let mut rest = text;
    while !rest.is_empty() {
        let mut end = rest.len().min(OUTPUT_CHUNK);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        if !c.send(&ServerMessage::Stdout(rest[..end].to_string())) {
            return false;
        }
        rest = &rest[end..];
    }
    true
}
