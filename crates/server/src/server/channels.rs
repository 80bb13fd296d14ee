//! The channels of wait-for: queues blocked until a signal, and channels held as locks.
//! A signal nobody waits for is kept, so a later wait returns at once (as in tmux).

use std::collections::{HashMap, VecDeque};

use super::Server;
use super::queue::QueueId;
use crate::cmd::ChannelOp;

#[derive(Debug, Default)]
pub struct Channel {
    /// Signalled while nobody waited.
    woken: bool,
    locked: bool,
    waiters: Vec<QueueId>,
    lockers: VecDeque<QueueId>,
}

impl Channel {
    fn unused(&self) -> bool {
        !self.woken && !self.locked && self.waiters.is_empty() && self.lockers.is_empty()
    }
}

#[derive(Debug, Default)]
pub struct Channels(HashMap<String, Channel>);

/// What the calling queue does after a channel operation.
pub enum ChannelOutcome {
    GoOn,
    Wait,
    Fail(String),
}

impl Server {
    /// Apply `op` to channel `name` for queue `id`; the queues it releases run on.
    pub(super) fn channel_op(&mut self, id: QueueId, name: &str, op: ChannelOp) -> ChannelOutcome {
        let channel = self.channels.0.entry(name.to_string()).or_default();
        let mut released = Vec::new();
        let outcome = match op {
            ChannelOp::Wait if channel.woken => {
                channel.woken = false;
                ChannelOutcome::GoOn
            }
            ChannelOp::Wait => {
                channel.waiters.push(id);
                ChannelOutcome::Wait
            }
            ChannelOp::Signal => {
                if channel.waiters.is_empty() {
                    channel.woken = true;
                }
                released.append(&mut channel.waiters);
                ChannelOutcome::GoOn
            }
            ChannelOp::Lock if channel.locked => {
                channel.lockers.push_back(id);
                ChannelOutcome::Wait
            }
            ChannelOp::Lock => {
                channel.locked = true;
                ChannelOutcome::GoOn
            }
            ChannelOp::Unlock if !channel.locked => {
                ChannelOutcome::Fail(format!("channel {name} not locked"))
            }
            ChannelOp::Unlock => {
                // The lock passes to the next queue in line (it stays locked), if any.
                match channel.lockers.pop_front() {
                    Some(next) => released.push(next),
                    None => channel.locked = false,
                }
                ChannelOutcome::GoOn
            }
        };
        if channel.unused() {
            self.channels.0.remove(name);
        }
        for q in released {
            self.release_queue(q);
        }
        outcome
    }

    /// Signal a channel from the server itself (a popup closed).
    pub(super) fn signal_channel(&mut self, name: &str) {
        let Some(channel) = self.channels.0.get_mut(name) else {
            return;
        };
        let released = std::mem::take(&mut channel.waiters);
        if channel.unused() {
            self.channels.0.remove(name);
        }
        for q in released {
            self.release_queue(q);
        }
    }

    /// A queue that is gone waits for nothing: take it out of every channel. A lock it
    /// was waiting for passes it by; a lock it held stays held, as in tmux.
    pub(super) fn forget_channel_queue(&mut self, id: QueueId) {
        for channel in self.channels.0.values_mut() {
            channel.waiters.retain(|q| *q != id);
            channel.lockers.retain(|q| *q != id);
        }
        self.channels.0.retain(|_, c| !c.unused());
    }
}
