//! Where the server's socket lives, and the checks that keep other users out of it.
//!
//! `$RMUX_TMPDIR` (else `$TMUX_TMPDIR`, else `$TMPDIR`, else `/tmp`) + `/rmux-<uid>/<name>`;
//! `-S path` names the
//! socket directly. The directory is ours alone: created 0700, refused if another user owns
//! it or anyone else can enter it.

use std::fs;
use std::io;
use std::os::unix::fs::{DirBuilderExt, MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The rmux binary on disk: this process's own, or the file now at its path when it
/// was replaced since (a rebuilt or upgraded rmux; the kernel then names ours
/// "… (deleted)"). A live upgrade executes it; clients execute it to reconnect.
pub fn current_binary() -> io::Result<PathBuf> {
    let exe = fs::read_link("/proc/self/exe").or_else(|_| std::env::current_exe())?;
    let text = exe.to_string_lossy();
    Ok(match text.strip_suffix(" (deleted)") {
        Some(path) => PathBuf::from(path),
        None => exe,
    })
}

/// How the user chose the socket: `-L name`, `-S path`, or neither.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum SocketChoice {
    #[default]
    Default,
    Name(String),
    Path(PathBuf),
}

/// The directory holding this user's sockets, from the environment as given: the
/// first of `$RMUX_TMPDIR`, `$TMUX_TMPDIR` (what tools written for tmux set), `$TMPDIR`.
pub fn socket_dir(tmpdirs: [Option<&str>; 3], uid: u32) -> PathBuf {
    let base = tmpdirs
        .into_iter()
        .flatten()
        .find(|s| !s.is_empty())
        .unwrap_or("/tmp");
    Path::new(base).join(format!("rmux-{uid}"))
}

/// The socket path for `choice`, reading the environment of this process.
pub fn socket_path(choice: &SocketChoice) -> PathBuf {
    match choice {
        SocketChoice::Path(p) => p.clone(),
        SocketChoice::Default => default_dir().join("default"),
        SocketChoice::Name(name) => default_dir().join(name),
    }
}

fn default_dir() -> PathBuf {
    let var = |name: &str| std::env::var(name).ok();
    let (rmux, tmux, tmp) = (var("RMUX_TMPDIR"), var("TMUX_TMPDIR"), var("TMPDIR"));
    socket_dir(
        [rmux.as_deref(), tmux.as_deref(), tmp.as_deref()],
        rustix::process::getuid().as_raw(),
    )
}

/// Make sure the socket's directory exists and is safe: owned by us, nobody else can enter.
pub fn prepare_socket_dir(socket: &Path) -> Result<()> {
    let Some(dir) = socket.parent() else {
        bail!("socket path {} has no directory", socket.display());
    };
    if dir.as_os_str().is_empty() {
        return Ok(());
    }
    match fs::DirBuilder::new().mode(0o700).create(dir) {
        Ok(()) => {}
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(e).with_context(|| format!("cannot create {}", dir.display())),
    }
    check_socket_dir(dir)
}

/// Refuse a directory another user owns or that others can enter.
pub fn check_socket_dir(dir: &Path) -> Result<()> {
    let meta = fs::metadata(dir).with_context(|| format!("cannot access {}", dir.display()))?;
    if !meta.is_dir() {
        bail!("{} is not a directory", dir.display());
    }
    let uid = rustix::process::getuid().as_raw();
    if meta.uid() != uid {
        bail!(
            "directory {} is owned by uid {}, not by you (uid {uid}): refusing to use it",
            dir.display(),
            meta.uid()
        );
    }
    if meta.permissions().mode() & 0o077 != 0 {
        bail!(
            "directory {} has unsafe permissions {:o} (others can enter it): \
             run `chmod 700 {}`",
            dir.display(),
            meta.permissions().mode() & 0o777,
            dir.display()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rmux_tmpdir_wins_then_tmux_tmpdir_then_tmpdir() {
        assert_eq!(
            socket_dir([Some("/run/x"), Some("/run/t"), Some("/var/tmp")], 1000),
            PathBuf::from("/run/x/rmux-1000")
        );
        assert_eq!(
            socket_dir([None, Some("/run/t"), Some("/var/tmp")], 1000),
            PathBuf::from("/run/t/rmux-1000")
        );
        assert_eq!(
            socket_dir([None, None, Some("/var/tmp")], 1000),
            PathBuf::from("/var/tmp/rmux-1000")
        );
        assert_eq!(
            socket_dir([Some(""), None, None], 0),
            PathBuf::from("/tmp/rmux-0")
        );
    }

    #[test]
    fn open_directory_is_refused() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("rmux-test");
        fs::DirBuilder::new().mode(0o755).create(&dir).unwrap();
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
        let err = check_socket_dir(&dir).unwrap_err().to_string();
        assert!(err.contains("unsafe permissions"), "{err}");
        fs::set_permissions(&dir, fs::Permissions::from_mode(0o700)).unwrap();
        check_socket_dir(&dir).unwrap();
    }

    #[test]
    fn prepare_creates_private_directory() {
        let tmp = tempfile::tempdir().unwrap();
        let sock = tmp.path().join("rmux-1").join("default");
        prepare_socket_dir(&sock).unwrap();
        let mode = fs::metadata(sock.parent().unwrap())
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o700);
    }
}
