//! The copy-mode commands (`send-keys -X <command>`), with tmux's names.

use rmux_term::Terminal;

use super::search::{self, Search};
use super::text::{Class, class, line_chars, line_length, range_text, text_length};
use super::{CopyMode, Jump, Marks, Pos, Way};

/// What the server must do after a command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyCommand {
    Stay,
    /// Leave copy mode.
    Exit,
    /// Keep `text` as a paste buffer (appended to the newest with `append`) unless
    /// `!buffer` (the pipe commands), pipe it to `pipe` if given, and leave the mode if
    /// `exit`.
    Copy {
        text: String,
        exit: bool,
        append: bool,
        buffer: bool,
        pipe: Option<String>,
    },
}

/// Run one copy-mode command on `mode`; `separators` is the word-separators option.
pub fn run(
    mode: &mut CopyMode,
    term: &Terminal,
    name: &str,
    args: &[String],
    separators: &str,
) -> Result<CopyCommand, String> {
    mode.follow(term);
    mode.generation += 1;
    if clears_marks(name, mode.vi) {
        mode.marks = None;
    }
    let rows = term.size().rows;
    let arg = args.first().map(String::as_str).unwrap_or("");
    match name {
        "cancel" => return Ok(CopyCommand::Exit),
        "cursor-up" => cursor_up(mode, term),
        "cursor-down" => cursor_down(mode, term),
        "cursor-left" => mode.cx = mode.cx.saturating_sub(1),
        "cursor-right" => {
            let len = line_length(term, mode.cursor(term).line);
            mode.cx = (mode.cx + 1).min(len.max(1).min(term.size().cols.saturating_sub(1)));
        }
        "start-of-line" => mode.cx = 0,
        // Past the last character, as tmux puts it.
        "end-of-line" => mode.cx = past_text(term, mode.cursor(term).line),
        "back-to-indentation" => {
            let chars = line_chars(term, mode.cursor(term).line);
            let first = chars
                .iter()
                .position(|c| *c != ' ' && *c != '\0')
                .unwrap_or(0);
            mode.cx = u16::try_from(first).unwrap_or(0);
        }
        "scroll-up" => scroll(mode, term, 1, Way::Backward),
        "scroll-down" => scroll(mode, term, 1, Way::Forward),
        "page-up" => scroll(mode, term, usize::from(rows), Way::Backward),
        "page-down" => scroll(mode, term, usize::from(rows), Way::Forward),
        "halfpage-up" => scroll(mode, term, usize::from(rows / 2).max(1), Way::Backward),
        "halfpage-down" => scroll(mode, term, usize::from(rows / 2).max(1), Way::Forward),
        "history-top" => {
            mode.offset = term.history_len();
            mode.cy = 0;
            mode.cx = 0;
        }
        "history-bottom" => {
            mode.offset = 0;
            mode.cy = rows.saturating_sub(1);
            mode.cx = line_length(term, mode.cursor(term).line);
        }
        "top-line" => mode.cy = 0,
        "middle-line" => mode.cy = rows / 2,
        "bottom-line" => mode.cy = rows.saturating_sub(1),
        "begin-selection" => {
            mode.anchor = Some(mode.cursor(term));
            mode.stopped = None;
        }
        "clear-selection" => {
            mode.anchor = None;
            mode.stopped = None;
            mode.rectangle = false;
        }
        "rectangle-toggle" => mode.rectangle = !mode.rectangle,
        "other-end" => {
            if let Some(anchor) = mode.anchor {
                mode.anchor = Some(mode.cursor(term));
                mode.show_line(term, anchor.line);
                mode.cx = anchor.col;
            }
        }
        "select-line" => {
            let line = mode.cursor(term).line;
            mode.anchor = Some(Pos { line, col: 0 });
            mode.cx = past_text(term, line);
        }
        "select-word" => select_word(mode, term, separators),
        "next-word" => word(mode, term, separators, Motion::NextStart, false),
        "next-word-end" => word(mode, term, separators, Motion::NextEnd, false),
        "previous-word" => word(mode, term, separators, Motion::PreviousStart, false),
        "next-space" => word(mode, term, separators, Motion::NextStart, true),
        "next-space-end" => word(mode, term, separators, Motion::NextEnd, true),
        "previous-space" => word(mode, term, separators, Motion::PreviousStart, true),
        "next-paragraph" => paragraph(mode, term, Way::Forward),
        "previous-paragraph" => paragraph(mode, term, Way::Backward),
        "goto-line" => {
            let n: usize = arg.parse().map_err(|_| format!("invalid line: {arg}"))?;
            mode.offset = n.min(term.history_len());
            mode.cy = 0;
        }
        "set-mark" => mode.mark = Some(mode.cursor(term)),
        "jump-to-mark" => {
            if let Some(mark) = mode.mark.replace(mode.cursor(term)) {
                mode.show_line(term, mark.line);
                mode.cx = mark.col;
            }
        }
        "search-forward" | "search-backward" => {
            let way = if name == "search-forward" {
                Way::Forward
            } else {
                Way::Backward
            };
            search(mode, term, Search::new(arg, way, false))?;
        }
        "search-forward-incremental" | "search-backward-incremental" => {
            incremental(mode, term, arg, name == "search-forward-incremental");
        }
        "search-forward-text" | "search-backward-text" => {
            let way = if name.starts_with("search-forward") {
                Way::Forward
            } else {
                Way::Backward
            };
            search(mode, term, Search::new(arg, way, true))?;
        }
        "search-again" | "search-reverse" => {
            if let Some(s) = mode.search.clone() {
                let way = match (name, s.way) {
                    ("search-reverse", Way::Forward) => Way::Backward,
                    ("search-reverse", Way::Backward) => Way::Forward,
                    (_, w) => w,
                };
                go_to_match(mode, term, &s, way);
            }
        }
        "jump-forward" | "jump-backward" | "jump-to-forward" | "jump-to-backward" => {
            let kind = match name {
                "jump-forward" => Jump::Forward,
                "jump-backward" => Jump::Backward,
                "jump-to-forward" => Jump::ToForward,
                _ => Jump::ToBackward,
            };
            if let Some(c) = arg.chars().next() {
                mode.jump = Some((kind, c));
                jump(mode, term, kind, c);
            }
        }
        "jump-again" | "jump-reverse" => {
            if let Some((kind, c)) = mode.jump {
                let kind = if name == "jump-reverse" {
                    kind.reversed()
                } else {
                    kind
                };
                jump(mode, term, kind, c);
            }
        }
        "refresh-from-pane" | "toggle-position" => {}
        copy if copy.starts_with("copy-")
            || copy.starts_with("append-selection")
            || copy.starts_with("pipe") =>
        {
            return Ok(copy_command(mode, term, copy, arg));
        }
        "rectangle-on" => mode.rectangle = true,
        "rectangle-off" => mode.rectangle = false,
        "stop-selection" => {
            // The selection stays where it is; the cursor moves on alone.
            if mode.anchor.is_some() {
                mode.stopped = Some(mode.cursor(term));
            }
        }
        "next-matching-bracket" => matching_bracket(mode, term, Way::Forward, separators),
        "previous-matching-bracket" => {
            matching_bracket(mode, term, Way::Backward, separators);
        }
        "cursor-down-and-cancel"
        | "halfpage-down-and-cancel"
        | "page-down-and-cancel"
        | "scroll-down-and-cancel" => {
            // The command, then leave once at the bottom (for the cursor, once it
            // cannot go further), as tmux's *-and-cancel.
            let base = name.trim_end_matches("-and-cancel");
            let before = (mode.offset, mode.cursor(term));
            run(mode, term, base, args, separators)?;
            let stuck = (mode.offset, mode.cursor(term)) == before;
            if mode.offset == 0 && (base != "cursor-down" || stuck) {
                return Ok(CopyCommand::Exit);
            }
        }
        other => return Err(format!("unknown copy-mode command: {other}")),
    }
    if mode.exit_at_bottom && mode.offset == 0 && name.contains("down") {
        return Ok(CopyCommand::Exit);
    }
    Ok(CopyCommand::Stay)
}

/// Move to `target` on the cursor's line as tmux does: forward jumps look right of the
/// cursor (a "to" jump one further, so repeating it moves on), backward jumps left; no
/// match, no move.
fn jump(mode: &mut CopyMode, term: &Terminal, kind: Jump, target: char) {
    let chars = line_chars(term, mode.cursor(term).line);
    let length = text_length(&chars);
    let cx = usize::from(mode.cx);
    let found = match kind {
        Jump::Forward | Jump::ToForward => {
            let from = cx + if kind == Jump::Forward { 1 } else { 2 };
            (from..length).find(|&x| chars.get(x) == Some(&target))
        }
        Jump::Backward | Jump::ToBackward => {
            let skip = if kind == Jump::Backward { 1 } else { 2 };
            let from = cx.saturating_sub(skip);
            (0..=from).rev().find(|&x| chars.get(x) == Some(&target))
        }
    };
    let Some(x) = found else { return };
    let x = match kind {
        Jump::ToForward => x - 1,
        Jump::ToBackward => x + 1,
        Jump::Forward | Jump::Backward => x,
    };
    mode.cx = u16::try_from(x).unwrap_or(mode.cx);
}

fn cursor_up(mode: &mut CopyMode, term: &Terminal) {
    if mode.cy > 0 {
        mode.cy -= 1;
    } else if mode.offset < term.history_len() {
        mode.offset += 1;
    }
    clamp_column(mode, term);
}

fn cursor_down(mode: &mut CopyMode, term: &Terminal) {
    if mode.cy + 1 < term.size().rows {
        mode.cy += 1;
    } else if mode.offset > 0 {
        mode.offset -= 1;
    }
    clamp_column(mode, term);
}

fn clamp_column(mode: &mut CopyMode, term: &Terminal) {
    let len = line_length(term, mode.cursor(term).line);
    mode.cx = mode.cx.min(len);
}

fn scroll(mode: &mut CopyMode, term: &Terminal, lines: usize, way: Way) {
    match way {
        Way::Backward => mode.offset = (mode.offset + lines).min(term.history_len()),
        Way::Forward => mode.offset = mode.offset.saturating_sub(lines),
    }
}

/// The column just past the text of `line`, kept on the screen.
fn past_text(term: &Terminal, line: usize) -> u16 {
    line_length(term, line).min(term.size().cols.saturating_sub(1))
}

fn copy_command(mode: &mut CopyMode, term: &Terminal, name: &str, arg: &str) -> CopyCommand {
    let exit = name.ends_with("-and-cancel");
    let keep_selection = name.ends_with("-no-clear");
    let piped = name.starts_with("copy-pipe") || name.starts_with("pipe");
    let pipe = piped.then(|| arg.to_string()).filter(|a| !a.is_empty());
    let text = if name.contains("end-of-line") {
        let here = mode.cursor(term);
        let end = Pos {
            line: here.line,
            col: u16::MAX,
        };
        range_text(term, mode, here, end)
    } else {
        match mode.selection(term) {
            Some((start, end)) => range_text(term, mode, start, end),
            None => String::new(),
        }
    };
    if !keep_selection {
        mode.anchor = None;
    }
    CopyCommand::Copy {
        text,
        exit,
        append: name.starts_with("append-selection"),
        buffer: !name.starts_with("pipe"),
        pipe,
    }
}

/// next-matching-bracket and previous-matching-bracket as tmux's: on a bracket (an
/// opening one going forward, a closing one backward), to its match; with emacs keys
/// the character after (before) the cursor is tried too, then it moves as next-word-end
/// (previous-word) does with the brackets as separators; with vi keys forward looks
/// along the line, and a closing bracket goes back to its opening one.
fn matching_bracket(mode: &mut CopyMode, term: &Terminal, way: Way, separators: &str) {
    const OPEN: [char; 3] = ['{', '[', '('];
    const CLOSE: [char; 3] = ['}', ']', ')'];
    let here = mode.cursor(term);
    let chars = line_chars(term, here.line);
    let length = text_length(&chars);
    if length == 0 {
        return;
    }
    let at = |i: usize| chars.get(i).copied().unwrap_or(' ');
    let mut px = usize::from(here.col);
    match way {
        Way::Forward => {
            if mode.vi && CLOSE.contains(&at(px)) {
                return matching_bracket(mode, term, Way::Backward, separators);
            }
            if !OPEN.contains(&at(px)) {
                if mode.vi {
                    match (px..length).find(|&i| OPEN.contains(&at(i))) {
                        Some(i) => px = i,
                        None => return,
                    }
                } else if px < length && OPEN.contains(&at(px + 1)) {
                    px += 1;
                } else {
                    let seps = format!("{separators}{{[(");
                    return word(mode, term, &seps, Motion::NextEnd, false);
                }
            }
        }
        Way::Backward => {
            if !CLOSE.contains(&at(px)) {
                if !mode.vi && px > 0 && CLOSE.contains(&at(px - 1)) {
                    px -= 1;
                } else {
                    if !mode.vi {
                        let seps = format!("{separators}}}])");
                        word(mode, term, &seps, Motion::PreviousStart, false);
                    }
                    return;
                }
            }
        }
    }
    let found = at(px);
    let i = OPEN
        .iter()
        .chain(CLOSE.iter())
        .position(|c| *c == found)
        .unwrap_or(0);
    let other = if i < 3 { CLOSE[i] } else { OPEN[i - 3] };
    if let Some(pos) = walk_to_match(
        term,
        Pos {
            line: here.line,
            col: u16::try_from(px).unwrap_or(0),
        },
        found,
        other,
        way,
    ) {
        mode.scroll_to(term, pos);
    }
}

/// From the bracket `found` at `from`, the place of the `other` that balances it.
fn walk_to_match(term: &Terminal, from: Pos, found: char, other: char, way: Way) -> Option<Pos> {
    let lines = term.history_len() + usize::from(term.size().rows);
    let mut depth = 1usize;
    let mut line = from.line;
    let mut row = line_chars(term, line);
    let mut col = usize::from(from.col);
    loop {
        match way {
            Way::Forward => {
                col += 1;
                while col >= row.len() {
                    line += 1;
                    if line >= lines {
                        return None;
                    }
                    row = line_chars(term, line);
                    col = 0;
                }
            }
            Way::Backward => {
                while col == 0 {
                    line = line.checked_sub(1)?;
                    row = line_chars(term, line);
                    col = row.len();
                }
                col -= 1;
            }
        }
        match row.get(col) {
            Some(c) if *c == found => depth += 1,
            Some(c) if *c == other => {
                depth -= 1;
                if depth == 0 {
                    return Some(Pos {
                        line,
                        col: u16::try_from(col).unwrap_or(0),
                    });
                }
            }
            _ => {}
        }
    }
}

fn select_word(mode: &mut CopyMode, term: &Terminal, separators: &str) {
    let here = mode.cursor(term);
    let chars = line_chars(term, here.line);
    let at = usize::from(here.col);
    let Some(&c) = chars.get(at) else { return };
    let kind = class(c, separators);
    let start = chars[..at]
        .iter()
        .rposition(|x| class(*x, separators) != kind)
        .map_or(0, |i| i + 1);
    let end = chars[at..]
        .iter()
        .position(|x| class(*x, separators) != kind)
        .map_or(chars.len(), |i| at + i);
    mode.anchor = Some(Pos {
        line: here.line,
        col: u16::try_from(start).unwrap_or(0),
    });
    // On the word's last character with vi keys (which copy it), just after it with
    // emacs keys (which copy up to the cursor), as tmux leaves it.
    let last = if mode.vi { end.saturating_sub(1) } else { end };
    mode.cx = u16::try_from(last)
        .unwrap_or(0)
        .min(term.size().cols.saturating_sub(1));
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Motion {
    NextStart,
    NextEnd,
    PreviousStart,
}

/// Move by words (`space_only`: by runs of non-blanks, vi's W/B/E).
fn word(mode: &mut CopyMode, term: &Terminal, separators: &str, motion: Motion, space_only: bool) {
    let seps = if space_only { "" } else { separators };
    let cls = |c: char| class(c, seps);
    let rows = usize::from(term.size().rows);
    let last_line = term.history_len() + rows - 1;
    let mut pos = mode.cursor(term);
    let mut chars = line_chars(term, pos.line);
    let at = |chars: &[char], p: Pos| chars.get(usize::from(p.col)).copied().unwrap_or(' ');
    // Step one cell at a time across lines; a line end counts as a space.
    let step = |pos: &mut Pos, chars: &mut Vec<char>, forward: bool| -> bool {
        if forward {
            if usize::from(pos.col) + 1 < chars.len() {
                pos.col += 1;
                return true;
            }
            if pos.line >= last_line {
                return false;
            }
            pos.line += 1;
            pos.col = 0;
        } else {
            if pos.col > 0 {
                pos.col -= 1;
                return true;
            }
            if pos.line == 0 {
                return false;
            }
            pos.line -= 1;
            *chars = line_chars(term, pos.line);
            pos.col = u16::try_from(chars.len().saturating_sub(1)).unwrap_or(0);
            return true;
        }
        *chars = line_chars(term, pos.line);
        true
    };
    match motion {
        Motion::NextStart => {
            let start = cls(at(&chars, pos));
            while cls(at(&chars, pos)) == start && start != Class::Space {
                if !step(&mut pos, &mut chars, true) {
                    break;
                }
            }
            while cls(at(&chars, pos)) == Class::Space {
                if !step(&mut pos, &mut chars, true) {
                    break;
                }
            }
        }
        Motion::NextEnd => {
            // vi keys land on the word's last character (so start one further on);
            // emacs keys just after it, as tmux's grid_reader does.
            if mode.vi {
                step(&mut pos, &mut chars, true);
            }
            while cls(at(&chars, pos)) == Class::Space {
                if !step(&mut pos, &mut chars, true) {
                    break;
                }
            }
            let kind = cls(at(&chars, pos));
            loop {
                let mut next = pos;
                let mut next_chars = chars.clone();
                if !step(&mut next, &mut next_chars, true)
                    || next.line != pos.line
                    || cls(at(&next_chars, next)) != kind
                {
                    break;
                }
                pos = next;
                chars = next_chars;
            }
            if !mode.vi {
                if pos.col + 1 < term.size().cols {
                    pos.col += 1;
                } else if pos.line < last_line {
                    pos = Pos {
                        line: pos.line + 1,
                        col: 0,
                    };
                }
            }
        }
        Motion::PreviousStart => {
            step(&mut pos, &mut chars, false);
            while cls(at(&chars, pos)) == Class::Space {
                if !step(&mut pos, &mut chars, false) {
                    break;
                }
            }
            let kind = cls(at(&chars, pos));
            while pos.col > 0
                && cls(at(
                    &chars,
                    Pos {
                        col: pos.col - 1,
                        ..pos
                    },
                )) == kind
            {
                pos.col -= 1;
            }
        }
    }
    mode.show_line(term, pos.line);
    mode.cx = pos.col;
}

fn paragraph(mode: &mut CopyMode, term: &Terminal, way: Way) {
    let rows = usize::from(term.size().rows);
    let last = term.history_len() + rows - 1;
    let mut line = mode.cursor(term).line;
    let blank = |l: usize| line_length(term, l) == 0;
    loop {
        match way {
            Way::Forward if line < last => line += 1,
            Way::Backward if line > 0 => line -= 1,
            _ => break,
        }
        if blank(line) {
            break;
        }
    }
    mode.show_line(term, line);
    mode.cx = 0;
}

fn search(mode: &mut CopyMode, term: &Terminal, s: Search) -> Result<(), String> {
    if s.text.is_empty() {
        return Ok(());
    }
    let way = s.way;
    mode.search = Some(s.clone());
    // No match is no error: the count shows it, as in tmux.
    go_to_match(mode, term, &s, way);
    Ok(())
}

/// Move the cursor to the next match in `way` (round the whole text with wrap-search)
/// and show the matches; false if there is none.
fn go_to_match(mode: &mut CopyMode, term: &Terminal, s: &Search, way: Way) -> bool {
    // With emacs keys a forward search starts at the cursor (it was left after the
    // last match); with vi keys after it, as tmux's window_copy_search.
    let from = (mode.cursor(term), !mode.vi);
    let scan = search::scan(term, s, from, way, mode.wrap_search);
    let found = scan.hit;
    mode.marks = Some(Marks {
        count: scan.count,
        more: scan.more,
        current: found,
    });
    match found {
        // Going forward with emacs keys the cursor goes just after the match, as tmux
        // puts it.
        Some((_, end)) if way == Way::Forward && !mode.vi => {
            let cols = term.size().cols;
            let after = if end.col + 1 < cols {
                Pos {
                    col: end.col + 1,
                    ..end
                }
            } else {
                Pos {
                    line: end.line + 1,
                    col: 0,
                }
            };
            mode.scroll_to(term, after);
            true
        }
        Some((start, _)) => {
            mode.scroll_to(term, start);
            true
        }
        None => false,
    }
}

/// An incremental search step, as tmux's prompt sends them: `=text` (the text changed:
/// search again from where the search started), `+text` / `-text` (the next match down
/// or up). An empty text just marks the start.
fn incremental(mode: &mut CopyMode, term: &Terminal, arg: &str, forward: bool) {
    let mut chars = arg.chars();
    let prefix = chars.next();
    let text: String = chars.collect();
    if text.is_empty() {
        mode.search_start = Some((mode.offset, mode.cx, mode.cy));
        mode.marks = None;
        return;
    }
    let changed = mode.search.as_ref().is_none_or(|s| s.text != text);
    match mode.search_start {
        Some((offset, cx, cy)) if changed => {
            mode.offset = offset.min(term.history_len());
            mode.cx = cx;
            mode.cy = cy;
        }
        None => mode.search_start = Some((mode.offset, mode.cx, mode.cy)),
        Some(_) => {}
    }
    let way = match (prefix, forward) {
        (Some('+'), _) | (Some('='), true) => Way::Forward,
        (Some('-'), _) | (Some('='), false) => Way::Backward,
        _ => return,
    };
    let s = Search::new(&text, way, true);
    mode.search = Some(s.clone());
    go_to_match(mode, term, &s, way);
}

/// Whether a command hides the last search's matches before it runs, as tmux's table
/// says: every command that changes the selection or searches again, and with emacs
/// keys every move too.
fn clears_marks(name: &str, vi: bool) -> bool {
    const NEVER: &[&str] = &[
        "copy-pipe-no-clear",
        "copy-selection-no-clear",
        "pipe-no-clear",
        "toggle-position",
    ];
    const MOVES: &[&str] = &[
        "bottom-line",
        "cursor-down",
        "cursor-left",
        "cursor-right",
        "cursor-up",
        "end-of-line",
        "goto-line",
        "halfpage-down",
        "halfpage-up",
        "history-bottom",
        "history-top",
        "jump-again",
        "jump-backward",
        "jump-forward",
        "jump-reverse",
        "jump-to-backward",
        "jump-to-forward",
        "middle-line",
        "next-paragraph",
        "next-space",
        "next-space-end",
        "next-word",
        "next-word-end",
        "other-end",
        "page-down",
        "page-up",
        "previous-paragraph",
        "previous-space",
        "previous-word",
        "scroll-down",
        "scroll-up",
        "start-of-line",
        "top-line",
    ];
    if NEVER.contains(&name) {
        return false;
    }
    if MOVES.contains(&name) {
        return !vi;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use rmux_term::Size;

    fn term_with(lines: &[&str], rows: u16) -> Terminal {
        let mut t = Terminal::new(Size { cols: 20, rows }, 100);
        let text = lines.join("\r\n");
        t.feed(text.as_bytes());
        t
    }

    fn go(mode: &mut CopyMode, t: &Terminal, cmd: &str, arg: &str) -> CopyCommand {
        let args = if arg.is_empty() {
            vec![]
        } else {
            vec![arg.to_string()]
        };
        run(mode, t, cmd, &args, " -_.").unwrap()
    }

    #[test]
    fn scrolling_back_into_history_and_copying_a_selection() {
        let lines: Vec<String> = (1..=10).map(|i| format!("line {i}")).collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let t = term_with(&refs, 4);
        assert_eq!(t.history_len(), 6);
        let mut m = CopyMode::new(&t, false);
        go(&mut m, &t, "history-top", "");
        assert_eq!(m.indicator(&t), "[6/6]");
        go(&mut m, &t, "begin-selection", "");
        go(&mut m, &t, "cursor-down", "");
        go(&mut m, &t, "end-of-line", "");
        let CopyCommand::Copy { text, exit, .. } = go(&mut m, &t, "copy-selection-and-cancel", "")
        else {
            panic!("no copy");
        };
        assert_eq!(text, "line 1\nline 2");
        assert!(exit);
    }

    #[test]
    fn search_finds_text_above_and_wraps() {
        let t = term_with(&["alpha", "beta", "gamma", "delta", "beta two"], 3);
        let mut m = CopyMode::new(&t, false);
        go(&mut m, &t, "search-backward", "beta");
        assert_eq!(m.cursor(&t), Pos { line: 4, col: 0 });
        go(&mut m, &t, "search-again", "");
        assert_eq!(m.cursor(&t), Pos { line: 1, col: 0 });
        assert!(m.offset > 0, "the view scrolled back to show the match");
        // Forward with emacs keys from the start of a match: that match, the cursor
        // left after it (tmux's answer too).
        go(&mut m, &t, "search-reverse", "");
        assert_eq!(m.cursor(&t), Pos { line: 1, col: 4 });
    }

    #[test]
    fn words_and_lines() {
        let t = term_with(&["foo bar-baz  qux"], 3);
        let mut m = CopyMode::new(&t, false);
        go(&mut m, &t, "start-of-line", "");
        m.cy = 0;
        go(&mut m, &t, "next-word", "");
        assert_eq!(m.cx, 4);
        go(&mut m, &t, "next-word-end", "");
        assert_eq!(m.cx, 7, "just after the word, with emacs keys");
        go(&mut m, &t, "select-line", "");
        let CopyCommand::Copy { text, .. } = go(&mut m, &t, "copy-selection", "") else {
            panic!("no copy");
        };
        assert_eq!(text, "foo bar-baz  qux");
    }

    #[test]
    fn the_view_stays_on_its_text_while_output_arrives() {
        let mut t = term_with(&["a", "b", "c", "d", "e"], 3);
        let mut m = CopyMode::new(&t, false);
        go(&mut m, &t, "scroll-up", "");
        let before = m.top(&t);
        t.feed(b"\r\nf\r\ng");
        m.follow(&t);
        assert_eq!(m.top(&t), before);
    }

    #[test]
    fn leaving_at_the_bottom_with_exit_flag() {
        let t = term_with(&["a", "b", "c", "d", "e"], 3);
        let mut m = CopyMode::new(&t, true);
        go(&mut m, &t, "scroll-up", "");
        assert_eq!(go(&mut m, &t, "scroll-down", ""), CopyCommand::Exit);
    }

    #[test]
    fn jumps_move_along_the_line_like_tmux() {
        let t = term_with(&["hello world foo"], 3);
        let mut m = CopyMode::new(&t, false);
        m.cy = 0;
        m.cx = 0;
        go(&mut m, &t, "jump-forward", "o");
        assert_eq!(m.cx, 4);
        go(&mut m, &t, "jump-again", "");
        assert_eq!(m.cx, 7);
        go(&mut m, &t, "jump-reverse", "");
        assert_eq!(m.cx, 4);
        // "to" jumps stop beside the character, and repeating them moves on.
        go(&mut m, &t, "jump-to-forward", "o");
        assert_eq!(m.cx, 6);
        go(&mut m, &t, "jump-again", "");
        assert_eq!(m.cx, 12);
        go(&mut m, &t, "jump-to-backward", "l");
        assert_eq!(m.cx, 10);
        go(&mut m, &t, "jump-backward", "h");
        assert_eq!(m.cx, 0);
        // No match: no move.
        go(&mut m, &t, "jump-forward", "z");
        assert_eq!(m.cx, 0);
        // With emacs keys the last cell is left out; with vi keys it is taken, a blank
        // inside the text too. Past the text, blanks go.
        for (vi, copied) in [(false, "ello"), (true, "ello ")] {
            m.vi = vi;
            m.cx = 0;
            go(&mut m, &t, "jump-to-forward", "w");
            go(&mut m, &t, "begin-selection", "");
            go(&mut m, &t, "jump-backward", "e");
            let CopyCommand::Copy { text, .. } = go(&mut m, &t, "copy-selection", "") else {
                panic!("no copy");
            };
            assert_eq!(text, copied);
        }
        go(&mut m, &t, "begin-selection", "");
        m.cx = 19;
        let CopyCommand::Copy { text, .. } = go(&mut m, &t, "copy-selection", "") else {
            panic!("no copy");
        };
        // vi keys past the end of the text take the line's newline.
        assert_eq!(text, "ello world foo\n");
    }

    #[test]
    fn unknown_commands_say_so() {
        let t = term_with(&["a"], 3);
        let mut m = CopyMode::new(&t, false);
        assert!(run(&mut m, &t, "frobnicate", &[], "").is_err());
    }
}
