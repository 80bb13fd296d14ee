//! The snapshot format (resurrection): what the server keeps of its sessions so they
//! can be made again after the server is gone — names, windows and their layouts,
//! each pane's directory, command, restart policy and the text it showed (with its
//! text, wrapped rows joined). No environment, no paste buffers.
//!
//! On disk: a magic, then the wire's codec (`rmux_proto::encode_value`). Files are written whole to a temporary name and
//! renamed, mode 0600 in a 0700 directory; one of another version, or corrupt, is
//! refused with a reason, never half-read.

use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Bumped whenever the structures below change.
pub const VERSION: u32 = 1;
const MAGIC: &[u8; 8] = b"RMUXSNAP";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub version: u32,
    /// When it was taken, seconds since the epoch.
    pub saved: u64,
    pub sessions: Vec<SessionSnap>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSnap {
    pub name: String,
    pub cwd: String,
    /// Index of its current window.
    pub current: u32,
    pub windows: Vec<WindowSnap>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WindowSnap {
    pub index: u32,
    pub name: String,
    /// The name was given (automatic-rename off), not taken from the program.
    pub named: bool,
    /// tmux's layout string (`select-layout` takes it back).
    pub layout: String,
    /// Which pane (in layout order) was active.
    pub active: usize,
    pub panes: Vec<PaneSnap>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaneSnap {
    pub cwd: String,
    /// The command it was started with (`None`: the shell).
    pub command: Option<String>,
    /// Its `restart` policy (`off` when none).
    pub restart: String,
    /// What its program ran as when the snapshot was taken (for the marker line).
    pub running: String,
    /// Its last history lines and screen, wrapped rows joined.
    pub text: String,
}

pub fn encode(snapshot: &Snapshot) -> Result<Vec<u8>, String> {
    encode_framed(MAGIC, snapshot)
}

pub fn decode(bytes: &[u8]) -> Result<Snapshot, String> {
    decode_framed(MAGIC, VERSION, bytes)
}

/// A file of this format: `magic`, then `value` in the wire's codec. The value's first
/// field must be its version (a `u32`), which [`decode_framed`] checks first.
pub fn encode_framed<T: Serialize>(magic: &[u8; 8], value: &T) -> Result<Vec<u8>, String> {
    let mut out = magic.to_vec();
    let body =
        rmux_proto::encode_value(value).map_err(|e| format!("cannot encode the state: {e}"))?;
    out.extend(body);
    Ok(out)
}

/// Read back what [`encode_framed`] wrote with `magic`, if it is of `version`.
pub fn decode_framed<T: serde::de::DeserializeOwned>(
    magic: &[u8; 8],
    version: u32,
    bytes: &[u8],
) -> Result<T, String> {
    let body = bytes
        .strip_prefix(magic.as_slice())
        .ok_or("not a file of rmux's state")?;
    // The version comes first: check it before reading anything shaped otherwise.
    let (found, _): (u32, usize) =
        rmux_proto::decode_value(body).map_err(|e| format!("corrupt state: {e}"))?;
    if found != version {
        return Err(format!(
            "state of version {found}, this rmux reads version {version}"
        ));
    }
    let (value, used): (T, usize) =
        rmux_proto::decode_value(body).map_err(|e| format!("corrupt state: {e}"))?;
    if used != body.len() {
        return Err("corrupt state: trailing bytes".to_string());
    }
    Ok(value)
}

/// Where snapshots live: `$XDG_STATE_HOME/rmux`, else `~/.local/state/rmux`.
pub fn dir() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|v| !v.is_empty())
                .map(|h| PathBuf::from(h).join(".local/state"))
        })?;
    Some(state.join("rmux"))
}

/// The snapshot of the server on socket `name`.
pub fn path(name: &str) -> Option<PathBuf> {
    Some(dir()?.join(format!("{name}.snapshot")))
}

/// Write `bytes` to `path` whole: a temporary file beside it, then a rename.
pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent)?;
    }
    // A name of its own per write: the background writer and kill-server's may overlap.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let tmp = path.with_extension(format!("tmp{}-{nanos}", std::process::id()));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&tmp)?;
    let written = f
        .write_all(bytes)
        .and_then(|()| std::fs::rename(&tmp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

pub fn read(path: &Path) -> Result<Snapshot, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        Snapshot {
            version: VERSION,
            saved: 1_800_000_000,
            sessions: vec![SessionSnap {
                name: "belajar".into(),
                cwd: "/home/u".into(),
                current: 1,
                windows: vec![WindowSnap {
                    index: 1,
                    name: "flask".into(),
                    named: true,
                    layout: "b25f,80x24,0,0,2".into(),
                    active: 0,
                    panes: vec![PaneSnap {
                        cwd: "/home/u/app".into(),
                        command: Some("flask run".into()),
                        restart: "on-failure".into(),
                        running: "flask".into(),
                        text: "\u{1b}[1mbold\u{1b}[0m\nplain".into(),
                    }],
                }],
            }],
        }
    }

    #[test]
    fn round_trip() {
        let s = sample();
        assert_eq!(decode(&encode(&s).unwrap()).unwrap(), s);
    }

    #[test]
    fn other_versions_and_corruption_are_refused() {
        let mut s = sample();
        s.version = VERSION + 1;
        let err = decode(&encode(&s).unwrap()).unwrap_err();
        assert!(err.contains("version"), "{err}");
        let mut bytes = encode(&sample()).unwrap();
        bytes.truncate(bytes.len() / 2);
        assert!(decode(&bytes).unwrap_err().contains("corrupt"));
        assert!(decode(b"garbage").is_err());
    }

    #[test]
    fn written_whole_and_private() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state/rmux/default.snapshot");
        write(&path, &encode(&sample()).unwrap()).unwrap();
        assert_eq!(read(&path).unwrap(), sample());
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600);
        assert_eq!(mode(path.parent().unwrap()), 0o700);
    }
}
