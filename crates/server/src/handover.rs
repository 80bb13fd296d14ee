//! The hand-over format of a live upgrade (`server-upgrade`): everything the server
//! holds, for the binary it executes next to carry on with — sessions, windows,
//! layouts, options, key tables, buffers, and each pane's PTY descriptor, program and
//! whole emulator state (screen, history, modes, cursor). Written beside the socket
//! (0600, in the private socket directory), read once by the new server and removed.
//!
//! The framing is the snapshot's (`snapshot::encode_framed`): a magic, then the wire's
//! codec, the version first, so a binary that cannot read it says so before anything
//! is executed (`rmux __server --check FILE`).

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::access::AccessList;
use crate::buffers::Buffers;
use crate::ids::{PaneId, SessionId, WindowId};
use crate::keys::KeyTables;
use crate::model::{Session, Window};
use crate::options::{GlobalOptions, OptionStore};
use crate::prompt::PromptHistory;
use crate::pty::{ExitStatus, SpawnSpec};

/// Bumped whenever the structures below change.
pub const VERSION: u32 = 2;
/// The hand-over of builds before pipe-pane commands were carried: version 2 without its
/// last field. Still read, so those servers can upgrade to this build.
const VERSION_WITHOUT_PIPES: u32 = 1;
const MAGIC: &[u8; 8] = b"RMUXHAND";

/// `Pipes` is `()` for [`VERSION_WITHOUT_PIPES`]: the codec writes nothing for it, so
/// the rest is laid out as that version wrote it.
#[derive(Debug, Serialize, Deserialize)]
pub struct Handover<Pipes = Vec<PipeHandover>> {
    pub version: u32,
    /// The listening socket's descriptor, inherited across `exec`: clients connecting
    /// meanwhile wait in its queue rather than find nobody.
    pub listener: i32,
    pub started: SystemTime,
    pub options: GlobalOptions,
    pub keys: KeyTables,
    pub buffers: Buffers,
    pub access: AccessList,
    pub global_env: Vec<(String, String)>,
    pub global_hidden: Vec<(String, String)>,
    pub messages: VecDeque<(SystemTime, String)>,
    pub config_files: Vec<String>,
    pub prompt_history: PromptHistory,
    pub marked: Option<PaneId>,
    pub ids: crate::server::Ids,
    /// Counters that must keep growing: pane activations, program starts, control
    /// command blocks.
    pub counters: (u64, u64, u64),
    pub group_windows: crate::server::groups::GroupWindows,
    pub sessions: Vec<Session>,
    pub windows: Vec<Window>,
    pub panes: Vec<PaneHandover>,
    pub clients: Vec<Reattach>,
    pub pipes: Pipes,
}

impl<P> Handover<P> {
    /// The same hand-over with `pipes` for its last field.
    fn with_pipes<Q>(self, pipes: Q) -> Handover<Q> {
        Handover {
            version: self.version,
            listener: self.listener,
            started: self.started,
            options: self.options,
            keys: self.keys,
            buffers: self.buffers,
            access: self.access,
            global_env: self.global_env,
            global_hidden: self.global_hidden,
            messages: self.messages,
            config_files: self.config_files,
            prompt_history: self.prompt_history,
            marked: self.marked,
            ids: self.ids,
            counters: self.counters,
            group_windows: self.group_windows,
            sessions: self.sessions,
            windows: self.windows,
            panes: self.panes,
            clients: self.clients,
            pipes,
        }
    }
}

/// A pane's pipe-pane command: the descriptors of its pipes' ends, inherited across
/// `exec` (the command itself is still this process's child).
#[derive(Debug, Serialize, Deserialize)]
pub struct PipeHandover {
    pub pane: PaneId,
    pub to_command: Option<i32>,
    pub from_command: Option<i32>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct PaneHandover {
    pub id: PaneId,
    pub window: WindowId,
    /// The PTY master's descriptor, inherited across `exec`.
    pub fd: i32,
    /// The program, still our child (none once it has exited).
    pub pid: Option<u32>,
    pub spawn: u64,
    /// The emulator's state, packed as a snapshot packs it (`snapshot::compress`).
    pub terminal: Vec<u8>,
    pub size: rmux_term::Size,
    pub title: String,
    pub exited: Option<(ExitStatus, SystemTime)>,
    pub spec: SpawnSpec,
    pub active_stamp: u64,
    pub options: OptionStore,
    pub input_off: bool,
    pub restarts: u32,
    pub last_exit: Option<ExitStatus>,
}

/// A client attached when the server upgraded: it reconnects from the same process
/// (it executes itself anew) and is put back where it was.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Reattach {
    pub pid: u32,
    pub session: SessionId,
    pub readonly: bool,
}

pub fn encode(handover: &Handover) -> Result<Vec<u8>, String> {
    crate::snapshot::encode_framed(MAGIC, handover)
}

pub fn decode(bytes: &[u8]) -> Result<Handover, String> {
    if crate::snapshot::framed_version(MAGIC, bytes)? == VERSION_WITHOUT_PIPES {
        return crate::snapshot::decode_framed::<Handover<()>>(MAGIC, VERSION_WITHOUT_PIPES, bytes)
            .map(|old| Handover {
                version: VERSION,
                ..old.with_pipes(Vec::new())
            });
    }
    crate::snapshot::decode_framed(MAGIC, VERSION, bytes)
}

/// Where the hand-over of the server on `socket` is written.
pub fn path(socket: &Path) -> PathBuf {
    let mut name = socket.as_os_str().to_owned();
    name.push(".upgrade");
    PathBuf::from(name)
}

pub fn read(path: &Path) -> Result<Handover, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// `rmux __server --check FILE`: whether this binary can take over from the state in
/// `path` (run by the old server before it executes this binary).
pub fn check(path: &Path) -> Result<String, String> {
    let handover = read(path)?;
    for pane in &handover.panes {
        crate::snapshot::unpack_screen(&pane.terminal)
            .map_err(|e| format!("pane %{}: {e}", pane.id.0))?;
    }
    Ok(format!(
        "{} sessions, {} windows, {} panes",
        handover.sessions.len(),
        handover.windows.len(),
        handover.panes.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Handover {
        let mut term = rmux_term::Terminal::new(rmux_term::Size { cols: 20, rows: 4 }, 100);
        term.feed(b"one\r\ntwo\r\nthree\r\nfour\r\nfive");
        Handover {
            version: VERSION,
            listener: 7,
            started: SystemTime::UNIX_EPOCH,
            options: GlobalOptions::new(),
            keys: KeyTables::with_defaults(),
            buffers: Buffers::new(50),
            access: AccessList::default(),
            global_env: vec![("A".into(), "1".into())],
            global_hidden: Vec::new(),
            messages: VecDeque::new(),
            config_files: Vec::new(),
            prompt_history: PromptHistory::new(100),
            marked: None,
            ids: crate::server::Ids::default(),
            counters: (1, 2, 3),
            group_windows: Default::default(),
            sessions: Vec::new(),
            windows: Vec::new(),
            panes: vec![PaneHandover {
                id: PaneId(3),
                window: WindowId(1),
                fd: 12,
                pid: Some(4321),
                spawn: 2,
                terminal: crate::snapshot::compress(&rmux_proto::encode_value(&term).unwrap()),
                size: rmux_term::Size { cols: 20, rows: 4 },
                title: "t".into(),
                exited: None,
                spec: SpawnSpec {
                    command: Some("flask run".into()),
                    shell: "/bin/sh".into(),
                    cwd: "/".into(),
                    env: Vec::new().into(),
                    size: rmux_term::Size { cols: 20, rows: 4 },
                    history_limit: 100,
                },
                active_stamp: 1,
                options: OptionStore::default(),
                input_off: false,
                restarts: 0,
                last_exit: None,
            }],
            clients: vec![Reattach {
                pid: 99,
                session: SessionId(0),
                readonly: false,
            }],
            pipes: vec![PipeHandover {
                pane: PaneId(3),
                to_command: Some(13),
                from_command: None,
            }],
        }
    }

    #[test]
    fn round_trip_and_check() {
        let bytes = encode(&sample()).unwrap();
        let back = decode(&bytes).unwrap();
        assert_eq!(back.panes[0].pid, Some(4321));
        assert_eq!(back.clients[0].pid, 99);
        assert_eq!(back.counters, (1, 2, 3));
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.upgrade");
        crate::snapshot::write(&path, &bytes).unwrap();
        assert_eq!(check(&path).unwrap(), "0 sessions, 0 windows, 1 panes");
    }

    #[test]
    fn the_hand_over_of_a_build_before_pipes_is_read() {
        let before = Handover {
            version: VERSION_WITHOUT_PIPES,
            ..sample().with_pipes(())
        };
        let back = decode(&encode_any(&before)).unwrap();
        assert_eq!(back.version, VERSION);
        assert_eq!(back.panes[0].pid, Some(4321));
        assert_eq!(back.clients[0].pid, 99);
        assert!(back.pipes.is_empty());
        let now = decode(&encode(&sample()).unwrap()).unwrap();
        assert_eq!(now.pipes[0].to_command, Some(13));
    }

    fn encode_any<P: Serialize>(h: &Handover<P>) -> Vec<u8> {
        crate::snapshot::encode_framed(MAGIC, h).unwrap()
    }

    #[test]
    fn other_versions_and_corruption_are_refused_before_anything_runs() {
        let mut h = sample();
        h.version = VERSION + 1;
        assert!(
            decode(&encode(&h).unwrap())
                .unwrap_err()
                .contains("version")
        );
        let mut bytes = encode(&sample()).unwrap();
        bytes.truncate(bytes.len() - 10);
        assert!(decode(&bytes).unwrap_err().contains("corrupt"));
        // A snapshot is not a hand-over.
        assert!(decode(b"RMUXSNAP\x01").is_err());
    }
}
