//! The client's copy of its screen: frames from the server are applied to a ratatui
//! [`Buffer`], and the cells a frame changed are written to the terminal in one write.
//!
//! The server sends only cells that differ from what this client shows, so there is no
//! second diff here: a frame costs what it changes, not what the screen holds.

use std::io::{self, Write};
use std::num::NonZeroU16;

use crossterm::{cursor, queue, terminal};
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use rmux_proto as proto;

/// What the terminal shows.
pub struct Screen<W: Write> {
    backend: CrosstermBackend<W>,
    screen: Buffer,
    cursor_shape: Option<proto::CursorShape>,
    /// Cells the current frame changed, in drawing order (reused between frames).
    touched: Vec<(u16, u16)>,
}

impl<W: Write> Screen<W> {
    pub fn new(out: W) -> Screen<W> {
        Screen {
            backend: CrosstermBackend::new(out),
            screen: Buffer::empty(Rect::default()),
            cursor_shape: None,
            touched: Vec::new(),
        }
    }

    /// Apply one frame and bring the terminal up to date.
    pub fn show(&mut self, frame: &proto::Frame) -> io::Result<()> {
        let area = Rect::new(0, 0, frame.size.cols, frame.size.rows);
        let out = &mut self.backend;
        // Synchronized output: terminals that know it show the frame at once, others ignore it.
        out.write_all(b"\x1b[?2026h")?;
        queue!(out, cursor::Hide)?;
        let redraw = area != self.screen.area || frame.reset;
        if redraw {
            queue!(out, terminal::Clear(terminal::ClearType::All))?;
            self.screen = Buffer::empty(area);
        }
        self.touched.clear();
        for run in &frame.runs {
            apply_run(&mut self.screen, run, &mut self.touched);
        }
        let screen = &self.screen;
        if redraw {
            self.backend.draw(
                screen
                    .content
                    .iter()
                    .enumerate()
                    .filter(|(_, c)| c.diff_option != CellDiffOption::Skip)
                    .map(|(i, c)| {
                        let (x, y) = screen.pos_of(i);
                        (x, y, c)
                    }),
            )?;
        } else {
            self.backend.draw(
                self.touched
                    .iter()
                    .filter_map(|&(x, y)| screen.cell((x, y)).map(|c| (x, y, c))),
            )?;
        }
        let out = &mut self.backend;
        if let Some(c) = frame.cursor {
            queue!(out, cursor::MoveTo(c.x, c.y))?;
            if self.cursor_shape != Some(c.shape) {
                queue!(out, cursor_style(c.shape))?;
                self.cursor_shape = Some(c.shape);
            }
            queue!(out, cursor::Show)?;
        }
        out.write_all(b"\x1b[?2026l")?;
        Write::flush(out)
    }

    /// The terminal no longer shows what this screen holds: the next frame starts over.
    pub fn forget(&mut self) {
        self.screen = Buffer::empty(Rect::default());
    }

    /// Write raw bytes (bell, OSC 52) to the terminal at once.
    pub fn passthrough(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.backend.write_all(bytes)?;
        Write::flush(&mut self.backend)
    }
}

fn apply_run(buf: &mut Buffer, run: &proto::Run, touched: &mut Vec<(u16, u16)>) {
    let style = convert_style(run.style);
    let y = run.y;
    if y >= buf.area.height {
        return;
    }
    for (x, text, width) in run.cells() {
        if x >= buf.area.width {
            break;
        }
        let wide = width >= 2 && x + 1 < buf.area.width;
        if let Some(cell) = buf.cell_mut((x, y)) {
            touched.push((x, y));
            cell.set_symbol(text).set_style(style);
            cell.diff_option = match NonZeroU16::new(u16::from(width)) {
                Some(w) if wide => CellDiffOption::ForcedWidth(w),
                _ => CellDiffOption::None,
            };
        }
        if wide && let Some(next) = buf.cell_mut((x + 1, y)) {
            // The right half of a wide character: nothing of its own to draw.
            next.reset();
            next.set_style(style);
            next.diff_option = CellDiffOption::Skip;
        }
    }
}

fn convert_color(c: proto::Color) -> Color {
    match c {
        proto::Color::Default => Color::Reset,
        proto::Color::Indexed(n) => Color::Indexed(n),
        proto::Color::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

fn convert_style(s: proto::Style) -> Style {
    use proto::Attrs as A;
    let mut m = Modifier::empty();
    let pairs = [
        (A::BOLD, Modifier::BOLD),
        (A::DIM, Modifier::DIM),
        (A::ITALIC, Modifier::ITALIC),
        (A::UNDERLINE, Modifier::UNDERLINED),
        (A::DOUBLE_UNDERLINE, Modifier::UNDERLINED),
        (A::CURLY_UNDERLINE, Modifier::UNDERLINED),
        (A::DOTTED_UNDERLINE, Modifier::UNDERLINED),
        (A::DASHED_UNDERLINE, Modifier::UNDERLINED),
        (A::BLINK, Modifier::SLOW_BLINK),
        (A::REVERSE, Modifier::REVERSED),
        (A::HIDDEN, Modifier::HIDDEN),
        (A::STRIKE, Modifier::CROSSED_OUT),
    ];
    for (a, modifier) in pairs {
        if s.attrs.contains(a) {
            m |= modifier;
        }
    }
    Style::default()
        .fg(convert_color(s.fg))
        .bg(convert_color(s.bg))
        .underline_color(convert_color(s.underline_color))
        .add_modifier(m)
}

fn cursor_style(shape: proto::CursorShape) -> cursor::SetCursorStyle {
    use cursor::SetCursorStyle as S;
    use proto::CursorShape as P;
    match shape {
        P::Default => S::DefaultUserShape,
        P::BlinkingBlock => S::BlinkingBlock,
        P::Block => S::SteadyBlock,
        P::BlinkingUnderline => S::BlinkingUnderScore,
        P::Underline => S::SteadyUnderScore,
        P::BlinkingBar => S::BlinkingBar,
        P::Bar => S::SteadyBar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proto::{Frame, Run, Size};

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
            style: proto::Style::default(),
            text: text.into(),
            glyphs: vec![],
        }
    }

    /// A writer the test can read back.
    #[derive(Clone, Default)]
    struct Shared(std::rc::Rc<std::cell::RefCell<Vec<u8>>>);
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
        assert_eq!(s.screen[(9, 0)].symbol(), "b");
    }
}
