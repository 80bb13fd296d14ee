//! The face rmux shows to programs written for tmux: plugins' `run-shell` scripts, tools
//! like vim-tmux-navigator, fzf's tmux mode, libtmux. They find `$TMUX` (tmux's format:
//! socket, server pid, session id) and a `tmux` on their `PATH` that is rmux, and rmux
//! run under the name `tmux` talks to the server `$TMUX` names and reports itself as the
//! tmux version it is compatible with.

use std::path::{Path, PathBuf};

/// The tmux version rmux answers to (`tmux -V` under that name, `#{version}`).
pub const TMUX_VERSION: &str = "3.3a";

/// Where the `tmux` link for a server's programs lives: beside its socket, as private as
/// the socket's directory.
pub fn shim_dir(socket: &Path) -> PathBuf {
    let mut name = socket.file_name().unwrap_or_default().to_os_string();
    name.push(".bin");
    socket.with_file_name(name)
}

/// Make `shim_dir(socket)/tmux` a link to this program. Errors are logged: without the
/// link, programs find the real tmux (or none), as before.
pub fn install_shim(socket: &Path) {
    let dir = shim_dir(socket);
    let result = (|| -> std::io::Result<()> {
        use std::os::unix::fs::DirBuilderExt;
        match std::fs::DirBuilder::new().mode(0o700).create(&dir) {
            Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => return Err(e),
            _ => {}
        }
        let exe = crate::paths::current_binary()?;
        let link = dir.join("tmux");
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(exe, link)
    })();
    if let Err(e) = result {
        tracing::warn!("cannot make the tmux link in {}: {e}", dir.display());
    }
}

/// Remove the link and its directory (the server is going away).
pub fn remove_shim(socket: &Path) {
    let dir = shim_dir(socket);
    let _ = std::fs::remove_file(dir.join("tmux"));
    let _ = std::fs::remove_dir(dir);
}

/// `$TMUX` / `$RMUX` for programs of `session` (`-1` for none, as tmux writes it).
pub fn tmux_variable(socket: &Path, pid: u32, session: Option<u32>) -> String {
    let session = session.map_or_else(|| "-1".to_string(), |s| s.to_string());
    format!("{},{pid},{session}", socket.display())
}

/// `path` with the shim directory first, unless it is there already.
pub fn path_with_shim(socket: &Path, path: Option<&str>) -> String {
    let dir = shim_dir(socket).display().to_string();
    match path {
        Some(p) if p.split(':').next() == Some(dir.as_str()) => p.to_string(),
        Some(p) if !p.is_empty() => format!("{dir}:{p}"),
        _ => format!("{dir}:/usr/local/bin:/usr/bin:/bin"),
    }
}

/// Set `name` to `value` in an environment list.
pub fn set_var(env: &mut Vec<(String, String)>, name: &str, value: String) {
    env.retain(|(k, _)| k != name);
    env.push((name.to_string(), value));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shim_sits_beside_the_socket_and_goes_first_in_path() {
        let socket = Path::new("/tmp/rmux-1000/default");
        assert_eq!(shim_dir(socket), Path::new("/tmp/rmux-1000/default.bin"));
        assert_eq!(
            path_with_shim(socket, Some("/usr/bin:/bin")),
            "/tmp/rmux-1000/default.bin:/usr/bin:/bin"
        );
        let again = path_with_shim(socket, Some("/tmp/rmux-1000/default.bin:/usr/bin"));
        assert_eq!(again, "/tmp/rmux-1000/default.bin:/usr/bin");
        assert_eq!(
            tmux_variable(socket, 42, None),
            "/tmp/rmux-1000/default,42,-1"
        );
        assert_eq!(
            tmux_variable(socket, 42, Some(3)),
            "/tmp/rmux-1000/default,42,3"
        );
    }
}
