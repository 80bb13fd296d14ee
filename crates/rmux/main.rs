//! rmux: a terminal multiplexer. This is the command line: global flags, then a command
//! for the server (starting one when needed), or the hidden `__server` entry point the
//! command line uses to start a detached server.

mod cli;
mod connect;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match cli::run(args) {
        Ok(status) => ExitCode::from(u8::try_from(status).unwrap_or(1)),
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::FAILURE
        }
    }
}
