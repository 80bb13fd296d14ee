//! Running copy-mode commands on a pane and acting on what they ask: leave the mode, keep
//! the copied text as a paste buffer, hand it to the clipboard or a command.

use std::io::Write;
use std::process::{Command, Stdio};

use super::Server;
use crate::copy::{self, CopyCommand};
use crate::ids::PaneId;

impl Server {
    /// `send-keys -X name args…` for a pane in copy mode.
    pub fn copy_command(
        &mut self,
        pane: PaneId,
        name: &str,
        args: &[String],
    ) -> Result<(), String> {
        let separators = self.session_option(None, "word-separators").to_string();
        let p = self.panes.get_mut(&pane).ok_or("no such pane")?;
        let window = p.window;
        let vi = self.window_option(Some(window), "mode-keys") == "vi";
        let wrap = self.window_flag(Some(window), "wrap-search");
        let p = self.panes.get_mut(&pane).ok_or("no such pane")?;
        let Some(mode) = p.copy.as_mut() else {
            return Err("not in a mode".to_string());
        };
        mode.vi = vi;
        mode.wrap_search = wrap;
        let outcome = {
            let t = p
                .term
                .lock()
                .map_err(|_| "pane is unavailable".to_string())?;
            copy::run(mode, &t, name, args, &separators)?
        };
        match outcome {
            CopyCommand::Stay => {}
            CopyCommand::Exit => p.copy = None,
            CopyCommand::Copy {
                text,
                exit,
                append,
                buffer,
                pipe,
            } => {
                if exit {
                    p.copy = None;
                }
                self.keep_copied(text, append, buffer, pipe, pane);
            }
        }
        self.redraw_window(window);
        Ok(())
    }

    fn keep_copied(
        &mut self,
        text: String,
        append: bool,
        buffer: bool,
        pipe: Option<String>,
        pane: PaneId,
    ) {
        if text.is_empty() {
            return;
        }
        if !buffer {
            // pipe, pipe-and-cancel: to the command alone.
        } else if append && let Some(newest) = self.buffers.newest().cloned() {
            self.buffers
                .set(Some(&newest.name), format!("{}{text}", newest.data));
        } else {
            self.buffers.add(text.clone());
        }
        if buffer && self.server_option("set-clipboard") != "off" {
            self.set_clients_clipboard(text.as_bytes());
        }
        if let Some(command) = pipe {
            let shell = self.session_option(None, "default-shell").to_string();
            let cwd = self.panes.get(&pane).map(|p| p.spec.cwd.clone());
            let mut cmd = Command::new(shell);
            cmd.arg("-c")
                .arg(&command)
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            if let Some(dir) = cwd {
                cmd.current_dir(dir);
            }
            if let Ok(mut child) = cmd.spawn() {
                let stdin = child.stdin.take();
                std::thread::spawn(move || {
                    if let Some(mut stdin) = stdin {
                        let _ = stdin.write_all(text.as_bytes());
                    }
                    let _ = child.wait();
                });
            }
        }
    }
}
