//! rmux: a terminal multiplexer. This is the command line: global flags, then a command
//! for the server (starting one when needed), or the hidden `__server` entry point the
//! command line uses to start a detached server.

mod cli;
mod connect;
mod daemon;
mod upgrade;

use std::process::ExitCode;

fn main() -> ExitCode {
    // Arguments need not be UTF-8 (a file name, a pasted byte): never panic on them.
    let args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    match cli::run(args) {
        Ok(status) => ExitCode::from(u8::try_from(status).unwrap_or(1)),
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::FAILURE
        }
    }
}
