//! Restart policies (rmux's own `restart` pane option, like `docker run --restart`): a
//! program that ends is started again in the same pane, which keeps its screen and
//! history, after a delay that doubles while it keeps dying, until it dies too often.

use std::time::{Duration, Instant};

use super::Server;
use crate::ids::PaneId;
use crate::pty::ExitStatus;

/// A program that ran this long before dying starts again after the first delay.
const RAN_LONG_ENOUGH: Duration = Duration::from_secs(60);

/// What a pane's restart policy makes of its program's end.
pub enum AfterExit {
    /// No policy for this end: the pane goes (or stays) as remain-on-exit says.
    Nothing,
    /// It starts again later; the pane stays.
    Restarting,
    /// It died too often: the pane stays, dead.
    GivenUp,
}

impl Server {
    /// A pane's program ended: apply its restart policy.
    pub fn restart_after_exit(&mut self, pane: PaneId, status: &ExitStatus) -> AfterExit {
        let failed = status.code != 0 || status.signal.is_some();
        let wanted = match self.pane_option(pane, "restart") {
            "always" => true,
            "on-failure" => failed,
            _ => false,
        };
        let number = |name: &str| self.pane_option(pane, name).parse::<u64>().unwrap_or(0);
        let (base, max) = (number("restart-delay"), number("restart-max-delay"));
        let (limit, within) = (number("restart-limit"), number("restart-limit-time"));
        let Some(p) = self.panes.get_mut(&pane) else {
            return AfterExit::Nothing;
        };
        p.restart.last_exit = Some(status.clone());
        if !wanted {
            return AfterExit::Nothing;
        }
        let now = Instant::now();
        let r = &mut p.restart;
        r.deaths.push_back(now);
        while r
            .deaths
            .front()
            .is_some_and(|t| now.duration_since(*t) > Duration::from_secs(within))
        {
            r.deaths.pop_front();
        }
        let how = match &status.signal {
            Some(sig) => format!("was stopped by a signal ({sig})"),
            None => format!("exited with status {}", status.code),
        };
        if limit > 0 && r.deaths.len() as u64 >= limit {
            r.at = None;
            let deaths = r.deaths.len();
            let line =
                format!("Pane {how}; it died {deaths} times in {within}s, so it is not restarted");
            self.pane_line(pane, &line);
            let message = format!("pane {pane} died {deaths} times in {within}s: not restarted");
            self.tell_window_clients(pane, &message);
            return AfterExit::GivenUp;
        }
        let delay = if r.count == 0 || p.started.elapsed() >= RAN_LONG_ENOUGH {
            Duration::from_secs(base)
        } else {
            (r.delay * 2)
                .max(Duration::from_secs(1))
                .min(Duration::from_secs(max))
        };
        r.delay = delay;
        r.at = Some(now + delay);
        let line = format!(
            "Pane {how}, restarting in {}s (restart {})",
            delay.as_secs(),
            r.count + 1
        );
        self.pane_line(pane, &line);
        AfterExit::Restarting
    }

    /// A line of the server's own at the bottom of a pane, on a fresh line.
    fn pane_line(&mut self, pane: PaneId, text: &str) {
        if let Some(p) = self.panes.get(&pane)
            && let Ok(mut t) = p.term.lock()
        {
            let rows = t.size().rows;
            t.feed(format!("\x1b[0m\x1b[{rows};1H\r\n{text}").as_bytes());
        }
    }

    /// A status-line message for the clients showing a pane's window.
    fn tell_window_clients(&mut self, pane: PaneId, text: &str) {
        let Some(window) = self.panes.get(&pane).map(|p| p.window) else {
            return;
        };
        let clients: Vec<_> = self
            .clients
            .values()
            .filter(|c| c.session().and_then(|s| self.current_window(s)) == Some(window))
            .map(|c| c.id)
            .collect();
        for c in clients {
            let delay = self.display_time(c);
            self.show_message(c, text, delay);
        }
    }

    /// When the next restart is due, if any.
    pub fn next_restart(&self) -> Option<Instant> {
        self.panes.values().filter_map(|p| p.restart.at).min()
    }

    /// Start again the programs whose delay is over.
    pub fn due_restarts(&mut self, now: Instant) {
        let due: Vec<PaneId> = self
            .panes
            .values()
            .filter(|p| p.restart.at.is_some_and(|t| t <= now))
            .map(|p| p.id)
            .collect();
        for pane in due {
            if let Err(e) = self.restart_now(pane) {
                self.tell_window_clients(pane, &format!("pane {pane} not restarted: {e}"));
                if let Some(p) = self.panes.get_mut(&pane) {
                    p.restart.at = None;
                }
            }
        }
    }

    /// The same command, directory and environment again, its output going on below
    /// what the pane shows.
    fn restart_now(&mut self, pane: PaneId) -> Result<(), String> {
        let p = self.panes.get(&pane).ok_or("no such pane")?;
        let window = p.window;
        let mut spec = p.spec.clone();
        spec.size = p.size;
        let term = p.term.clone();
        if let Ok(mut t) = term.lock() {
            // Whatever modes the last program left on, the next starts from the usual.
            t.feed(b"\x1b[0m\x1b[?1049l\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?2004l\x1b[?25h\r\n");
        }
        self.start_again(pane, spec, Some(term))?;
        if let Some(p) = self.panes.get_mut(&pane) {
            p.restart.count += 1;
            p.restart.at = None;
        }
        self.redraw_window(window);
        Ok(())
    }
}
