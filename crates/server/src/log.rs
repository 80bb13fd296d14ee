//! The server's log (`rmux -v`): one line per event, to a file, with no subscriber
//! framework behind it (the server stays small when nobody asks for a log).

use std::fmt::Write as _;
use std::fs::File;
use std::io::Write;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Instant;

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Level, Metadata, Subscriber};

/// Writes events at or above a level to a file.
pub struct FileLog {
    file: Mutex<File>,
    level: Level,
    started: Instant,
    next_span: AtomicU64,
}

impl FileLog {
    pub fn new(file: File, level: Level) -> FileLog {
        FileLog {
            file: Mutex::new(file),
            level,
            started: Instant::now(),
            next_span: AtomicU64::new(1),
        }
    }
}

/// Collects an event's message and fields as `message key=value …`.
struct Line(String);

impl Visit for Line {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            let _ = write!(self.0, " {value:?}");
        } else {
            let _ = write!(self.0, " {}={value:?}", field.name());
        }
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            let _ = write!(self.0, " {value}");
        } else {
            let _ = write!(self.0, " {}={value}", field.name());
        }
    }
}

impl Subscriber for FileLog {
    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        *metadata.level() <= self.level
    }

    fn new_span(&self, _span: &Attributes<'_>) -> Id {
        Id::from_u64(self.next_span.fetch_add(1, Ordering::Relaxed))
    }

    fn record(&self, _span: &Id, _values: &Record<'_>) {}

    fn record_follows_from(&self, _span: &Id, _follows: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let meta = event.metadata();
        let elapsed = self.started.elapsed();
        let mut line = Line(format!(
            "{}.{:06} {} {}:",
            elapsed.as_secs(),
            elapsed.subsec_micros(),
            meta.level(),
            meta.target()
        ));
        event.record(&mut line);
        line.0.push('\n');
        if let Ok(mut f) = self.file.lock() {
            let _ = f.write_all(line.0.as_bytes());
        }
    }

    fn enter(&self, _span: &Id) {}

    fn exit(&self, _span: &Id) {}
}
