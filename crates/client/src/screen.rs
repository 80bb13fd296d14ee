//! The client's copy of its screen, and the bytes that bring the terminal up to date.
//!
//! Frames from the server name only the cells that changed. Each is stored whole
//! (character, width, style, link: nothing of the old cell survives) and then written
//! with the least the terminal needs: a cursor move where the next cell is not where the
//! cursor already is, an SGR change where the look differs, the text. The look is what
//! the terminal can show ([`TerminalFeatures::shown`]), decided by the server from the
//! terminal's terminfo, the environment and the `terminal-*` options.
//!
//! The server sends only cells that differ from what this client shows, so there is no
//! second diff here: a frame costs what it changes, not what the screen holds.

use std::io::{self, Write};
use std::rc::Rc;

use rmux_proto::{self as proto, Color, CursorShape, Feature, Style, TerminalFeatures};

use crate::sgr;

/// One cell as the terminal shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Cell {
    ch: char,
    /// Combining marks after `ch`; rare, so boxed.
    extra: Option<Box<str>>,
    /// 1, 2, or 0 for the right half of a wide character.
    width: u8,
    style: Style,
    link: Option<Rc<str>>,
}

impl Cell {
    fn blank(style: Style) -> Cell {
        Cell {
            ch: ' ',
            extra: None,
            width: 1,
            style,
            link: None,
        }
    }
}

/// What the terminal shows.
pub struct Screen<W: Write> {
    out: W,
    cols: u16,
    rows: u16,
    cells: Vec<Cell>,
    features: TerminalFeatures,
    /// Cells the current frame changed (reused between frames).
    touched: Vec<usize>,
    /// The frame's bytes (reused between frames).
    buf: Vec<u8>,
    /// The terminal's pen while a frame is written; the default between frames.
    pen: Style,
    pen_link: Option<Rc<str>>,
    /// Where the terminal's cursor is, when known.
    at: Option<(u16, u16)>,
    cursor_shape: Option<CursorShape>,
    cursor_color: Option<Color>,
    /// A program changed the cursor's shape or colour: put it back on leaving.
    cursor_changed: (bool, bool),
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        Screen {
            out,
            cols: 0,
            rows: 0,
            cells: Vec::new(),
            features: TerminalFeatures::default(),
            touched: Vec::new(),
            buf: Vec::new(),
            pen: Style::default(),
            pen_link: None,
            at: None,
            cursor_shape: None,
            cursor_color: None,
            cursor_changed: (false, false),
        }
    }

    /// From now on, draw within what the terminal can show.
    pub fn set_features(&mut self, features: TerminalFeatures) {
        self.features = features;
        self.forget();
    }

    /// Apply one frame and bring the terminal up to date, in one write.
    pub fn show(&mut self, frame: &proto::Frame) -> io::Result<()> {
        let mut out = std::mem::take(&mut self.buf);
        out.clear();
        // Synchronized output: terminals that know it show the frame at once, others
        // ignore it.
        out.extend_from_slice(b"\x1b[?2026h\x1b[?25l");
        let (cols, rows) = (frame.size.cols, frame.size.rows);
        if frame.reset || (cols, rows) != (self.cols, self.rows) {
            // Cleared with the default pen: a coloured pen would colour the blank screen.
            out.extend_from_slice(b"\x1b[0m\x1b[H\x1b[2J");
            self.cols = cols;
            self.rows = rows;
            self.cells = vec![Cell::blank(Style::default()); usize::from(cols) * usize::from(rows)];
            self.at = None;
        }
        self.touched.clear();
        for run in &frame.runs {
            self.apply_run(run);
        }
        self.touched.sort_unstable();
        self.touched.dedup();
        let touched = std::mem::take(&mut self.touched);
        for &i in &touched {
            self.draw_cell(i, &mut out);
        }
        self.touched = touched;
        self.end_pen(&mut out);
        if let Some(c) = frame.cursor {
            self.place_cursor(&c, &mut out);
        }
        out.extend_from_slice(b"\x1b[?2026l");
        let written = self.out.write_all(&out).and_then(|()| self.out.flush());
        self.buf = out;
        written
    }

    /// The terminal no longer shows what this screen holds: the next frame starts over.
    pub fn forget(&mut self) {
        self.cols = 0;
        self.rows = 0;
        self.cells.clear();
        self.at = None;
        self.cursor_shape = None;
        self.cursor_color = None;
    }

    /// Write raw bytes (bell, OSC 52) to the terminal at once.
    pub fn passthrough(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.out.flush()
    }

    /// Put back what the panes' programs changed that outlives the screen: the cursor's
    /// shape and colour, only if they were changed (a terminal without them would show
    /// the sequence).
    pub fn release(&mut self) -> io::Result<()> {
        let (shape, colour) = std::mem::take(&mut self.cursor_changed);
        if shape {
            self.passthrough(b"\x1b[0 q")?;
        }
        if colour {
            self.passthrough(b"\x1b]112\x07")?;
        }
        Ok(())
    }

    fn index(&self, x: u16, y: u16) -> Option<usize> {
        (x < self.cols && y < self.rows)
            .then(|| usize::from(y) * usize::from(self.cols) + usize::from(x))
    }

    fn apply_run(&mut self, run: &proto::Run) {
        let link: Option<Rc<str>> = run
            .link
            .as_deref()
            .filter(|u| is_printable(u))
            .map(Rc::from);
        for (x, text, width) in run.cells() {
            let width = width.clamp(1, 2);
            let Some(i) = self.index(x, run.y) else {
                break;
            };
            if width == 2 && x + 1 >= self.cols {
                // A wide character cannot start in the last column.
                self.put(i, Cell::blank(run.style));
                break;
            }
            let printable = is_printable(text);
            let mut chars = text.chars();
            let ch = chars.next().filter(|_| printable).unwrap_or(' ');
            let rest = chars.as_str();
            let cell = Cell {
                ch,
                extra: (printable && !rest.is_empty()).then(|| rest.into()),
                width,
                style: run.style,
                link: link.clone(),
            };
            self.put(i, cell);
            if width == 2 {
                let right = Cell {
                    width: 0,
                    ..Cell::blank(run.style)
                };
                self.put(i + 1, right);
            }
        }
    }

    /// Store a cell. A wide character whose other half it covers is gone on the terminal
    /// too: what is left of it becomes a blank, and is written again.
    fn put(&mut self, i: usize, cell: Cell) {
        let cols = usize::from(self.cols);
        let x = i % cols;
        match self.cells[i].width {
            2 if cell.width != 2 && x + 1 < cols => self.orphan(i + 1),
            0 if cell.width != 0 && x > 0 => self.orphan(i - 1),
            _ => {}
        }
        self.cells[i] = cell;
        self.touched.push(i);
    }

    fn orphan(&mut self, i: usize) {
        let style = self.cells[i].style;
        self.cells[i] = Cell::blank(style);
        self.touched.push(i);
    }

    fn draw_cell(&mut self, i: usize, out: &mut Vec<u8>) {
        let cols = usize::from(self.cols);
        let cell = &self.cells[i];
        if cell.width == 0 {
            return;
        }
        let (x, y) = ((i % cols) as u16, (i / cols) as u16);
        match self.at {
            Some(at) if at == (x, y) => {}
            // Over unchanged cells of the same row: a shorter move than an address.
            Some((ax, ay)) if ay == y && x == ax + 1 => out.extend_from_slice(b"\x1b[C"),
            Some((ax, ay)) if ay == y && x > ax => {
                let _ = write!(out, "\x1b[{}C", x - ax);
            }
            _ => {
                let _ = write!(out, "\x1b[{};{}H", y + 1, x + 1);
            }
        }
        let style = self.features.shown(cell.style);
        sgr::transition(out, &self.pen, &style, self.features.has(Feature::Usstyle));
        self.pen = style;
        let link = cell
            .link
            .clone()
            .filter(|_| self.features.has(Feature::Hyperlinks));
        if link != self.pen_link {
            sgr::hyperlink(out, link.as_deref());
            self.pen_link = link;
        }
        let cell = &self.cells[i];
        let mut utf8 = [0u8; 4];
        out.extend_from_slice(cell.ch.encode_utf8(&mut utf8).as_bytes());
        if let Some(extra) = &cell.extra {
            out.extend_from_slice(extra.as_bytes());
        }
        let next = x + u16::from(cell.width);
        // Past the last column the terminal waits to wrap: where it is, is its business.
        self.at = (next < self.cols).then_some((next, y));
    }

    /// Between frames the pen is the default and no link is open, so nothing the
    /// terminal does on its own (clearing on a resize) takes on a cell's look.
    fn end_pen(&mut self, out: &mut Vec<u8>) {
        if self.pen_link.is_some() {
            sgr::hyperlink(out, None);
            self.pen_link = None;
        }
        if self.pen != Style::default() {
            out.extend_from_slice(b"\x1b[0m");
            self.pen = Style::default();
        }
    }

    fn place_cursor(&mut self, c: &proto::Cursor, out: &mut Vec<u8>) {
        let _ = write!(out, "\x1b[{};{}H", c.y + 1, c.x + 1);
        self.at = Some((c.x, c.y));
        if self.features.has(Feature::Cstyle) && self.cursor_shape != Some(c.shape) {
            let _ = write!(out, "\x1b[{} q", c.shape.decscusr());
            self.cursor_shape = Some(c.shape);
            self.cursor_changed.0 |= c.shape != CursorShape::Default;
        }
        if self.features.has(Feature::Ccolour) && self.cursor_color != Some(c.color) {
            match c.color.to_rgb() {
                Some((r, g, b)) => {
                    let _ = write!(out, "\x1b]12;rgb:{r:02x}/{g:02x}/{b:02x}\x07");
                }
                None => out.extend_from_slice(b"\x1b]112\x07"),
            }
            self.cursor_color = Some(c.color);
            self.cursor_changed.1 |= c.color != Color::Default;
        }
        out.extend_from_slice(b"\x1b[?25h");
    }
}

/// Text that can go to the terminal as it is: no control characters, which could
/// start an escape sequence of their own.
fn is_printable(text: &str) -> bool {
    !text.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proto::{Attrs, Frame, Run, Size};

    fn frame(id: u64, runs: Vec<Run>) -> Frame {
        Frame {
            id,
            size: Size { cols: 10, rows: 2 },
            reset: false,
            runs,
            cursor: None,
        }
    }

    fn run(x: u16, y: u16, text: &str) -> Run {
        Run {
            x,
            y,
            style: Style::default(),
            text: text.into(),
            glyphs: vec![],
            link: None,
        }
    }

    /// A writer the test can read back.
    #[derive(Clone, Default)]
    struct Shared(Rc<std::cell::RefCell<Vec<u8>>>);
    impl Write for Shared {
        fn write(&mut self, b: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
    impl Shared {
        fn take(&self) -> String {
            String::from_utf8_lossy(&std::mem::take(&mut *self.0.borrow_mut())).into_owned()
        }
    }

    #[test]
    fn a_frame_writes_only_its_cells() {
        let out = Shared::default();
        let mut s = Screen::new(out.clone());
        s.show(&frame(1, vec![run(0, 0, "hello")])).unwrap();
        assert!(out.take().contains("hello"));
        // The server sends only what changed; the client writes just that.
        s.show(&frame(2, vec![run(4, 0, "O")])).unwrap();
        let second = out.take();
        assert!(second.contains('O'));
        assert!(
            !second.contains("hell"),
            "unchanged cells rewritten: {second:?}"
        );
    }

    #[test]
    fn runs_outside_the_screen_are_ignored() {
        let mut s = Screen::new(Vec::new());
        s.show(&frame(1, vec![run(8, 0, "abcdef"), run(0, 9, "x")]))
            .unwrap();
        assert_eq!(s.cells[9].ch, 'b');
    }

    #[test]
    fn a_cell_drawn_over_loses_every_attribute_it_had() {
        let out = Shared::default();
        let mut s = Screen::new(out.clone());
        s.set_features(TerminalFeatures::everything());
        let styled = Run {
            style: Style {
                attrs: Attrs::BOLD | Attrs::ITALIC | Attrs::REVERSE | Attrs::STRIKE,
                ..Style::default()
            },
            ..run(0, 0, "ABC")
        };
        s.show(&frame(1, vec![styled])).unwrap();
        out.take();
        s.show(&frame(2, vec![run(0, 0, "abc")])).unwrap();
        // The pen is back to the default after every frame: plain text needs no SGR.
        let second = out.take();
        assert!(
            second.contains("abc") && !second.contains('m'),
            "{second:?}"
        );
        assert_eq!(s.cells[0].style, Style::default());
    }

    #[test]
    fn control_characters_from_the_wire_never_reach_the_terminal() {
        let out = Shared::default();
        let mut s = Screen::new(out.clone());
        let evil = Run {
            link: Some("http://x/\x1b]52;c;AAAA\x07".into()),
            ..run(0, 0, "\x1b[2J")
        };
        s.set_features(TerminalFeatures::everything());
        s.show(&frame(1, vec![])).unwrap();
        out.take();
        s.show(&frame(2, vec![evil])).unwrap();
        let bytes = out.take();
        assert!(!bytes.contains("52;c"), "{bytes:?}");
        assert!(!bytes.contains("\x1b[2J"), "{bytes:?}");
    }
}
