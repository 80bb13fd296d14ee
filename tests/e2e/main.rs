//! End-to-end tests of the `rmux` binary: real server, real client, real PTYs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod harness;

mod architecture;
mod assets;
mod cli;
mod control;
mod copy;
mod drawing;
mod errors;
mod faults;
mod help;
mod idle;
mod links;
mod menus;
mod options;
mod panes;
mod plugins;
mod popups;
mod prompts;
mod restart;
mod resurrect;
mod scripts;
mod story;
mod targets;
mod upgrade;
mod windows;
