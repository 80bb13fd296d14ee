//! Work that must not hold up the server loop: shell commands (`run-shell`, `if-shell`,
//! `#()`), reading and writing files (`source-file`, `load-buffer`, `save-buffer`, which
//! may name a FIFO). Each job runs on the runtime beside the loop, reads its pipes while
//! the command runs, and reports once with [`Event::JobDone`]; whoever started it (a
//! command queue, the status line) picks the result up there. As tmux's job.c.

use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

use tokio::io::AsyncReadExt;
use tokio::sync::mpsc::UnboundedSender;

use crate::event::Event;

/// Output kept of one job; more is read and dropped, so a chatty command neither blocks
/// on a full pipe nor grows the server.
pub const MAX_OUTPUT: usize = 16 * 1024 * 1024;

/// A file read for a command is at most this big.
pub const MAX_FILE: u64 = 64 * 1024 * 1024;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct JobId(pub u64);

/// What to do.
#[derive(Debug)]
pub enum Job {
    /// `shell -c line` in `cwd` with exactly `env`, after `delay`.
    Shell {
        shell: String,
        line: String,
        cwd: PathBuf,
        env: Vec<(String, String)>,
        delay: Duration,
    },
    /// Read whole files, in order.
    Read(Vec<PathBuf>),
    /// Write (or append to) a file.
    Write {
        path: PathBuf,
        data: Vec<u8>,
        append: bool,
    },
}

/// How a job went.
#[derive(Debug)]
pub enum Done {
    Shell {
        /// The exit status, or `None` if the command could not run or died by a signal.
        status: Option<i32>,
        /// stdout then stderr, as tmux shows a job's output.
        output: Vec<u8>,
        /// Why it could not run.
        error: Option<String>,
    },
    Read(Vec<Result<Vec<u8>, String>>),
    Write(Result<(), String>),
}

/// Starts jobs and numbers them.
#[derive(Debug)]
pub struct Jobs {
    next: u64,
    events: UnboundedSender<Event>,
}

impl Jobs {
    pub fn new(events: UnboundedSender<Event>) -> Jobs {
        Jobs { next: 0, events }
    }

    /// Start `job` beside the loop; its result comes back as `Event::JobDone`.
    pub fn start(&mut self, job: Job) -> JobId {
        self.next += 1;
        let id = JobId(self.next);
        let events = self.events.clone();
        let run = async move {
            let done = run(job).await;
            let _ = events.send(Event::JobDone(id, done));
        };
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(run);
            }
            // Outside a runtime (unit tests of commands): run to completion here.
            Err(_) => {
                if let Ok(rt) = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                {
                    rt.block_on(run);
                }
            }
        }
        id
    }
}

async fn run(job: Job) -> Done {
    match job {
        Job::Shell {
            shell,
            line,
            cwd,
            env,
            delay,
        } => {
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            shell_job(&shell, &line, &cwd, &env).await
        }
        Job::Read(paths) => {
            let mut out = Vec::with_capacity(paths.len());
            for p in paths {
                out.push(read_file(&p).await);
            }
            Done::Read(out)
        }
        Job::Write { path, data, append } => Done::Write(write_file(&path, &data, append).await),
    }
}

async fn shell_job(
    shell: &str,
    line: &str,
    cwd: &std::path::Path,
    env: &[(String, String)],
) -> Done {
    let mut cmd = tokio::process::Command::new(shell);
    cmd.arg("-c")
        .arg(line)
        .current_dir(cwd)
        .env_clear()
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(false);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => {
            return Done::Shell {
                status: None,
                output: Vec::new(),
                error: Some(format!("{shell}: {e}")),
            };
        }
    };
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let (out, err) = tokio::join!(drain(stdout), drain(stderr));
    let status = child.wait().await.ok().and_then(|s| s.code());
    let mut output = out;
    output.extend_from_slice(&err[..err.len().min(MAX_OUTPUT.saturating_sub(output.len()))]);
    Done::Shell {
        status,
        output,
        error: None,
    }
}

/// Read a pipe to its end, keeping at most [`MAX_OUTPUT`] bytes.
async fn drain<R: tokio::io::AsyncRead + Unpin>(pipe: Option<R>) -> Vec<u8> {
    let Some(mut pipe) = pipe else {
        return Vec::new();
    };
    let mut kept = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        match pipe.read(&mut buf).await {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let room = MAX_OUTPUT.saturating_sub(kept.len());
                kept.extend_from_slice(&buf[..n.min(room)]);
            }
        }
    }
    kept
}

async fn read_file(path: &std::path::Path) -> Result<Vec<u8>, String> {
    if let Some(read) = read_at_once(path) {
        return read;
    }
    let file = tokio::fs::File::open(path)
        .await
        .map_err(|e| describe(path, &e))?;
    let mut data = Vec::new();
    file.take(MAX_FILE + 1)
        .read_to_end(&mut data)
        .await
        .map_err(|e| describe(path, &e))?;
    if data.len() as u64 > MAX_FILE {
        return Err(format!("{}: file is too big", path.display()));
    }
    Ok(data)
}

/// A regular file or `/dev/null` (`-f /dev/null`) is read here, on the loop: what a
/// command reads is nearly always one of those (a config file, a buffer's file), and
/// its read takes less than the hand-offs to and from tokio's file thread. Anything
/// else (a FIFO, a terminal) may wait for a writer, so it is left to that thread
/// (`None`). Opened without blocking, and looked at again once open, so a FIFO put in
/// the file's place meanwhile cannot hold the loop.
fn read_at_once(path: &std::path::Path) -> Option<Result<Vec<u8>, String>> {
    use std::io::Read;
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::metadata(path) {
        // Most often a config file that is not there: said at once.
        Err(e) => return Some(Err(describe(path, &e))),
        Ok(meta) if !reads_at_once(&meta) => return None,
        Ok(_) => {}
    }
    let file = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(nonblocking_flag())
        .open(path)
    {
        Ok(f) => f,
        Err(e) => return Some(Err(describe(path, &e))),
    };
    if !reads_at_once(&file.metadata().ok()?) {
        return None;
    }
    let mut data = Vec::new();
    if let Err(e) = file.take(MAX_FILE + 1).read_to_end(&mut data) {
        return Some(Err(describe(path, &e)));
    }
    if data.len() as u64 > MAX_FILE {
        return Some(Err(format!("{}: file is too big", path.display())));
    }
    Some(Ok(data))
}

fn reads_at_once(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::{FileTypeExt, MetadataExt};
    let null = meta.file_type().is_char_device()
        && rustix::fs::major(meta.rdev()) == 1
        && rustix::fs::minor(meta.rdev()) == 3;
    meta.is_file() || null
}

fn nonblocking_flag() -> i32 {
    i32::try_from(rustix::fs::OFlags::NONBLOCK.bits()).unwrap_or(0)
}

async fn write_file(path: &std::path::Path, data: &[u8], append: bool) -> Result<(), String> {
    use tokio::io::AsyncWriteExt;
    let mut file = tokio::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .append(append)
        .truncate(!append)
        .open(path)
        .await
        .map_err(|e| describe(path, &e))?;
    file.write_all(data).await.map_err(|e| describe(path, &e))?;
    file.flush().await.map_err(|e| describe(path, &e))
}

/// `path: No such file or directory`, as tmux words file errors.
pub fn describe(path: &std::path::Path, e: &std::io::Error) -> String {
    let text = e.to_string();
    let text = text.split(" (os error").next().unwrap_or(&text).to_string();
    format!("{}: {text}", path.display())
}
