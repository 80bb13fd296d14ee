//! Descriptors kept open across `exec` for a live upgrade (`server-upgrade`): the
//! listening socket and every pane's PTY master. The old server marks them to be
//! inherited and names them in the hand-over; the new one takes them back by number.
//! The only place outside `pty_io.rs` and the daemon's fork that needs `unsafe`: a
//! descriptor known only by its number.

use std::os::fd::{BorrowedFd, FromRawFd, OwnedFd, RawFd};

/// Whether `fd` stays open across exec.
pub fn set_inherited(fd: RawFd, inherited: bool) {
    // SAFETY: callers pass descriptors this process holds open (the server's listening
    // socket, a pane's PTY master) for the whole call; the borrow only changes a flag.
    #[allow(unsafe_code)]
    let borrowed = unsafe { BorrowedFd::borrow_raw(fd) };
    let flags = if inherited {
        rustix::io::FdFlags::empty()
    } else {
        rustix::io::FdFlags::CLOEXEC
    };
    if let Err(e) = rustix::io::fcntl_setfd(borrowed, flags) {
        tracing::warn!("cannot change descriptor {fd}'s flags: {e}");
    }
}

/// Take ownership of descriptor `fd`, inherited from the server this one replaced,
/// and close it again on the next exec. Fails if it is not open.
pub fn take(fd: RawFd) -> std::io::Result<OwnedFd> {
    rustix::io::fcntl_getfd(
        // SAFETY: only borrowed to ask whether it is open at all.
        #[allow(unsafe_code)]
        unsafe {
            BorrowedFd::borrow_raw(fd)
        },
    )?;
    // SAFETY: the hand-over names this descriptor as inherited across exec for this
    // process alone to own (a socket or a PTY master); nothing else here holds it, and
    // it was just seen open.
    #[allow(unsafe_code)]
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    rustix::io::fcntl_setfd(&owned, rustix::io::FdFlags::CLOEXEC)?;
    Ok(owned)
}
