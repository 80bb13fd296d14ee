//! The snapshot format (resurrection): what the server keeps of its sessions so they
//! can be made again after the server is gone — names, windows and their layouts,
//! each pane's directory, command, restart policy and what it showed: its emulator's
//! whole screen and history with every attribute, compressed. No environment; paste
//! buffers only with `resurrect-buffers on`.
//!
//! On disk: a magic, then the wire's codec (`rmux_proto::encode_value`). Files are written whole to a temporary name and
//! renamed, mode 0600 in a 0700 directory; one of another version, or corrupt, is
//! refused with a reason, never half-read.

use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::options::OptionStore;

/// Bumped whenever the structures below change.
pub const VERSION: u32 = 2;
const MAGIC: &[u8; 8] = b"RMUXSNAP";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snapshot {
    pub version: u32,
    /// When it was taken, seconds since the epoch.
    pub saved: u64,
    pub sessions: Vec<SessionSnap>,
    /// Paste buffers, most recent first (`resurrect-buffers on`; else none).
    pub buffers: Vec<BufferSnap>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BufferSnap {
    pub name: String,
    pub data: String,
    /// Named by rmux (`buffer0`…), not by the user.
    pub automatic: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSnap {
    pub name: String,
    pub cwd: String,
    /// Index of its current window.
    pub current: u32,
    pub windows: Vec<WindowSnap>,
    /// Options set on it.
    pub options: OptionStore,
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
    /// Options set on it.
    pub options: OptionStore,
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
    pub title: String,
    /// Options set on it alone (`set -p`).
    pub options: OptionStore,
    /// Its emulator's state (`rmux_term::Terminal`: screen, history, attributes),
    /// in the wire's codec, LZ4-compressed (see [`compress`]).
    pub screen: Vec<u8>,
}

/// A pane's emulator, encoded in the wire's codec, as a snapshot keeps it.
pub fn compress(plain: &[u8]) -> Vec<u8> {
    lz4_flex::compress_prepend_size(plain)
}

/// A pane's emulator back from what [`compress`] kept.
pub fn unpack_screen(bytes: &[u8]) -> Result<rmux_term::Terminal, String> {
    let plain =
        lz4_flex::decompress_size_prepended(bytes).map_err(|e| format!("corrupt screen: {e}"))?;
    let (term, used) = rmux_proto::decode_value::<rmux_term::Terminal>(&plain)
        .map_err(|e| format!("corrupt screen: {e}"))?;
    if used != plain.len() {
        return Err("corrupt screen: trailing bytes".to_string());
    }
    Ok(term)
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

/// The version of what [`encode_framed`] wrote with `magic` (it comes first).
pub fn framed_version(magic: &[u8; 8], bytes: &[u8]) -> Result<u32, String> {
    let body = bytes
        .strip_prefix(magic.as_slice())
        .ok_or("not a file of rmux's state")?;
    let (found, _): (u32, usize) =
        rmux_proto::decode_value(body).map_err(|e| format!("corrupt state: {e}"))?;
    Ok(found)
}

/// Read back what [`encode_framed`] wrote with `magic`, if it is of `version`.
pub fn decode_framed<T: serde::de::DeserializeOwned>(
    magic: &[u8; 8],
    version: u32,
    bytes: &[u8],
) -> Result<T, String> {
    // The version comes first: check it before reading anything shaped otherwise.
    let found = framed_version(magic, bytes)?;
    let body = bytes
        .strip_prefix(magic.as_slice())
        .ok_or("not a file of rmux's state")?;
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

/// The snapshot of the server listening on `socket`. A socket in the usual directory
/// (`/tmp/rmux-<uid>`) keeps its plain name, `default.snapshot`; any other socket's
/// name carries a hash of its directory, so two servers of one name in different
/// directories (another `RMUX_TMPDIR`, `-S`) never write over each other's snapshot.
/// The hash is of the path alone, so the same socket finds its file after a reboot.
pub fn path(socket: &Path) -> Option<PathBuf> {
    let usual = crate::paths::socket_dir([None; 3], rustix::process::getuid().as_raw());
    Some(dir()?.join(file_name(socket, &usual)?))
}

fn file_name(socket: &Path, usual_dir: &Path) -> Option<String> {
    let name = socket.file_name()?.to_str()?;
    let dir_of_socket = socket.parent()?;
    Some(if dir_of_socket == usual_dir {
        format!("{name}.snapshot")
    } else {
        let hash = fnv1a(dir_of_socket.as_os_str().as_bytes());
        format!("{name}-{hash:016x}.snapshot")
    })
}

/// FNV-1a, 64 bits: fixed by its definition, so a file name made from it stays the
/// same across builds (std's hashers promise no such thing).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
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
                        screen: pack_screen(&sample_screen()).unwrap(),
                        title: "vm".into(),
                        options: OptionStore::default(),
                    }],
                    options: OptionStore::default(),
                }],
                options: OptionStore::default(),
            }],
            buffers: Vec::new(),
        }
    }

    fn pack_screen(term: &rmux_term::Terminal) -> Result<Vec<u8>, String> {
        Ok(compress(
            &rmux_proto::encode_value(term).map_err(|e| e.to_string())?,
        ))
    }

    fn sample_screen() -> rmux_term::Terminal {
        let mut t = rmux_term::Terminal::new(rmux_term::Size { cols: 20, rows: 3 }, 50);
        t.feed(b"\x1b[1mbold\x1b[0m\r\nplain\r\nthree\r\nfour");
        t
    }

    #[test]
    fn a_screen_is_kept_whole_and_compressed() {
        let mut t = rmux_term::Terminal::new(rmux_term::Size { cols: 80, rows: 24 }, 20_000);
        for n in 0..10_000 {
            t.feed(format!("\x1b[32m{n:>6}\x1b[0m GET /index.html 200\r\n").as_bytes());
        }
        let packed = pack_screen(&t).unwrap();
        let back = unpack_screen(&packed).unwrap();
        let all = |t: &rmux_term::Terminal| {
            t.capture(&rmux_term::CaptureOptions {
                start: Some(i64::MIN),
                escapes: true,
                ..Default::default()
            })
        };
        assert_eq!(all(&back), all(&t));
        assert!(packed.len() < 150_000, "{} bytes", packed.len());
        assert!(unpack_screen(&packed[..packed.len() / 2]).is_err());
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
    fn one_file_per_socket() {
        let usual = Path::new("/tmp/rmux-1000");
        let name = |s: &str| file_name(Path::new(s), usual).unwrap();
        assert_eq!(name("/tmp/rmux-1000/default"), "default.snapshot");
        assert_eq!(name("/tmp/rmux-1000/work"), "work.snapshot");
        let elsewhere = name("/run/user/1000/rmux-1000/default");
        assert!(elsewhere.starts_with("default-") && elsewhere.ends_with(".snapshot"));
        assert_ne!(elsewhere, name("/srv/rmux-1000/default"));
        // Fixed by FNV-1a's definition: a rebuilt rmux finds the same file.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
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
