//! The expansion engine: walks a template, replaces `#{…}`, `#(…)` and the short
//! aliases, and applies modifiers. A port of the semantics of tmux 3.3a's
//! `format_expand1` and `format_replace`, written afresh.

use chrono::{DateTime, Local};

use super::colour::{ColourSpec, colour_to_rgb, parse_colour};
use super::modifiers::{self, Modifier};
use super::scan::{choose, skip, strip_escapes};
use super::time::{ctime, local_from_timestamp, pretty_time, strftime};
use super::width::{format_width, pad_left, pad_right, trim_left, trim_right};
use super::{FormatContext, LoopKind, expr, fnmatch, is_true, regex};

/// Nesting limit of expansions, as tmux's `FORMAT_LOOP_LIMIT`.
const DEPTH_LIMIT: u32 = 100;
/// Total expansions allowed for one template; tmux bounds this by time instead.
const WORK_LIMIT: u32 = 100_000;
/// Longest result of one expansion, in bytes.
const OUTPUT_LIMIT: usize = 1 << 20;
/// tmux runs strftime into an 8 KiB buffer and gives up on longer results.
const STRFTIME_LIMIT: usize = 8192;
/// Widest trim or pad accepted; larger requests are ignored.
const MAX_WIDTH: i64 = 10_000;

/// How an expansion runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Flags {
    /// Run strftime over each template before expanding it.
    time: bool,
    /// Do not run `#(…)` jobs (inside a job's own command and output).
    no_jobs: bool,
}

impl Flags {
    pub(crate) const NONE: Flags = Flags {
        time: false,
        no_jobs: false,
    };
    pub(crate) const TIME: Flags = Flags {
        time: true,
        no_jobs: false,
    };
}

/// The modifiers of one block, sorted into what they ask for.
#[derive(Default)]
struct Plan<'m> {
    compare: Option<&'m Modifier>,
    substitutions: Vec<&'m Modifier>,
    expression: Option<&'m Modifier>,
    limit: i64,
    marker: Option<String>,
    pad: i64,
    time: Option<TimeStyle>,
    basename: bool,
    dirname: bool,
    quote_shell: bool,
    quote_style: bool,
    literal: bool,
    character: bool,
    colour: bool,
    length: bool,
    width: bool,
    expand: bool,
    expand_time: bool,
    loop_over: Option<LoopKind>,
    name_exists: Option<LoopKind>,
    search: bool,
}

/// How `#{t:…}` shows a time.
#[derive(Clone)]
enum TimeStyle {
    Ctime,
    Pretty,
    Strftime(String),
}

/// One expansion of a template against a context.
pub(crate) struct Expander<'a> {
    ctx: &'a dyn FormatContext,
    now: DateTime<Local>,
    depth: u32,
    work: u32,
}

impl<'a> Expander<'a> {
    pub(crate) fn new(ctx: &'a dyn FormatContext, now: DateTime<Local>) -> Self {
        Expander {
            ctx,
            now,
            depth: 0,
            work: 0,
        }
    }

    pub(crate) fn run(&mut self, template: &str, flags: Flags) -> String {
        self.expand1(template, flags)
    }

    /// Expands one template (a whole option, a branch, an argument).
    pub(crate) fn expand1(&mut self, fmt: &str, flags: Flags) -> String {
        if fmt.is_empty() || self.depth >= DEPTH_LIMIT || self.work >= WORK_LIMIT {
            return String::new();
        }
        self.work += 1;
        self.depth += 1;
        let result = if flags.time && fmt.contains('%') {
            let timed = strftime(fmt, self.now);
            if timed.len() >= STRFTIME_LIMIT {
                String::new()
            } else {
                self.walk(&timed, flags)
            }
        } else {
            self.walk(fmt, flags)
        };
        self.depth -= 1;
        cap(result)
    }

    /// Copies `fmt` to the result, replacing what starts with `#`. A block that fails
    /// ends the walk: the rest of the template is dropped, as in tmux.
    fn walk(&mut self, fmt: &str, flags: Flags) -> String {
        let b = fmt.as_bytes();
        let mut out = String::with_capacity(fmt.len());
        let mut i = 0;
        while i < b.len() && out.len() <= OUTPUT_LIMIT {
            if b[i] != b'#' {
                let next = fmt[i..].find('#').map_or(b.len(), |j| i + j);
                out.push_str(&fmt[i..next]);
                i = next;
                continue;
            }
            let Some(&ch) = b.get(i + 1) else {
                out.push('#');
                break;
            };
            match ch {
                b'(' => {
                    let Some(close) = closing_paren(b, i + 2) else {
                        break;
                    };
                    out.push_str(&self.job(&fmt[i + 2..close], flags));
                    i = close + 1;
                }
                b'{' => {
                    let Some(close) = skip(fmt, i, b"}") else {
                        break;
                    };
                    if !self.replace(&fmt[i + 2..close], flags, &mut out) {
                        break;
                    }
                    i = close + 1;
                }
                b'[' | b'#' => {
                    // A run of #s ending in [ opens a style: left for the drawing code.
                    let (mut p, mut n) = if ch == b'[' { (i + 1, 1) } else { (i + 2, 2) };
                    while b.get(p) == Some(&b'#') {
                        p += 1;
                        n += 1;
                    }
                    if b.get(p) == Some(&b'[') {
                        out.push_str(&fmt[i..=i + n]);
                        i = p + 1;
                    } else {
                        out.push('#');
                        i += 2;
                    }
                }
                b'}' | b',' => {
                    out.push(char::from(ch));
                    i += 2;
                }
                _ => match alias(ch) {
                    Some(name) => {
                        if !self.replace(name, flags, &mut out) {
                            break;
                        }
                        i += 2;
                    }
                    None => {
                        out.push('#');
                        i += 1;
                    }
                },
            }
        }
        out
    }

    /// The output of `#(command)`, itself expanded (without jobs or strftime).
    fn job(&mut self, command: &str, flags: Flags) -> String {
        if flags.no_jobs {
            return String::new();
        }
        let inner = Flags {
            time: false,
            no_jobs: true,
        };
        let command = self.expand1(command, inner);
        match self.ctx.job(&command) {
            Some(output) => self.expand1(&output, inner),
            None => String::new(),
        }
    }

    /// Expands one `#{key}` into `out`; false if it failed.
    fn replace(&mut self, key: &str, flags: Flags, out: &mut String) -> bool {
        let (list, copy) = match modifiers::parse(self, key, flags) {
            Some((list, offset)) => (list, key.get(offset..).unwrap_or_default()),
            None => (Vec::new(), key),
        };
        let plan = plan(&list);
        let Some(mut value) = self.value(&plan, copy, flags) else {
            return false;
        };
        if plan.expand {
            value = self.expand1(&value, flags);
        } else if plan.expand_time {
            value = self.expand1(
                &value,
                Flags {
                    time: true,
                    ..flags
                },
            );
        }
        for sub in &plan.substitutions {
            let pattern = self.expand1(&sub.args[0], flags);
            let with = self.expand1(&sub.args[1], flags);
            let ignore_case = sub.args.get(2).is_some_and(|f| f.contains('i'));
            if let Some(new) = regex::regsub(&pattern, &with, &value, ignore_case, OUTPUT_LIMIT) {
                value = new;
            }
        }
        value = apply_limit(value, plan.limit, plan.marker.as_deref());
        if plan.pad > 0 {
            value = pad_right(&value, plan.pad.unsigned_abs() as usize);
        } else if plan.pad < 0 {
            value = pad_left(&value, plan.pad.unsigned_abs() as usize);
        }
        if plan.length {
            value = value.len().to_string();
        }
        if plan.width {
            value = format_width(&value).to_string();
        }
        out.push_str(&value);
        true
    }

    /// The value of a block before trimming and padding; `None` if it failed.
    fn value(&mut self, plan: &Plan<'_>, copy: &str, flags: Flags) -> Option<String> {
        if plan.literal {
            return Some(copy.to_string());
        }
        if plan.character {
            let n = self.expand1(copy, flags);
            return Some(match n.parse::<u8>() {
                Ok(c @ 32..=126) if n.bytes().all(|b| b.is_ascii_digit()) => {
                    char::from(c).to_string()
                }
                _ => String::new(),
            });
        }
        if plan.colour {
            let name = self.expand1(copy, flags);
            let rgb = match parse_colour(&name) {
                Some(ColourSpec::Colour(c)) => colour_to_rgb(c),
                _ => None,
            };
            return Some(
                rgb.map(|(r, g, b)| format!("{r:02x}{g:02x}{b:02x}"))
                    .unwrap_or_default(),
            );
        }
        if let Some(kind) = plan.loop_over {
            return Some(self.each(kind, copy, flags));
        }
        if let Some(kind) = plan.name_exists {
            return Some(self.name_exists(kind, copy, flags));
        }
        if plan.search {
            // Searching pane contents is not supported: nothing is ever found.
            return Some("0".to_string());
        }
        if let Some(cmp) = plan.compare {
            return self.compare(cmp, copy, flags);
        }
        if let Some(condition) = copy.strip_prefix('?') {
            return self.conditional(plan, condition, flags);
        }
        if let Some(e) = plan.expression {
            let Some((left, right)) = choose(copy) else {
                return Some(String::new());
            };
            let left = self.expand1(left, flags);
            let right = self.expand1(right, flags);
            return Some(expr::evaluate(&e.args, &left, &right).unwrap_or_default());
        }
        if copy.contains("#{") {
            return Some(self.expand1(copy, flags));
        }
        Some(self.find(plan, copy).unwrap_or_default())
    }

    /// `#{?cond,then,else}`: the condition is a variable if one has that name, else a
    /// format whose expansion must differ from its text to count.
    fn conditional(&mut self, plan: &Plan<'_>, rest: &str, flags: Flags) -> Option<String> {
        let comma = skip(rest, 0, b",")?;
        let condition = &rest[..comma];
        let found = match self.find(plan, condition) {
            Some(v) => v,
            None => {
                let expanded = self.expand1(condition, flags);
                if expanded == condition {
                    String::new()
                } else {
                    expanded
                }
            }
        };
        let (then, otherwise) = choose(&rest[comma + 1..])?;
        let branch = if is_true(&found) { then } else { otherwise };
        Some(self.expand1(branch, flags))
    }

    fn compare(&mut self, cmp: &Modifier, copy: &str, flags: Flags) -> Option<String> {
        let (left, right) = choose(copy)?;
        let left = self.expand1(left, flags);
        let right = self.expand1(right, flags);
        let truth = match cmp.name.as_str() {
            "||" => is_true(&left) || is_true(&right),
            "&&" => is_true(&left) && is_true(&right),
            "==" => left == right,
            "!=" => left != right,
            "<" => left < right,
            ">" => left > right,
            "<=" => left <= right,
            ">=" => left >= right,
            "m" => matches(cmp, &left, &right),
            _ => false,
        };
        Some(if truth { "1" } else { "0" }.to_string())
    }

    /// `#{S:…}`, `#{W:…}`, `#{P:…}`: the format expanded for each element, the second
    /// alternative (if any) for the current one.
    fn each(&mut self, kind: LoopKind, copy: &str, flags: Flags) -> String {
        let (all, current) = match choose(copy) {
            Some((all, current)) => (all, Some(current)),
            None => (copy, None),
        };
        let mut out = String::new();
        for item in self.ctx.children(kind) {
            let fmt = match current {
                Some(current) if item.current => current,
                _ => all,
            };
            let mut child = Expander {
                ctx: &*item.ctx,
                now: self.now,
                depth: self.depth,
                work: self.work,
            };
            out.push_str(&child.expand1(fmt, flags));
            self.work = child.work;
            if out.len() > OUTPUT_LIMIT {
                break;
            }
        }
        out
    }

    /// `#{N:name}` (a window of the session has this name) and `#{N/s:name}` (a
    /// session has).
    fn name_exists(&mut self, kind: LoopKind, copy: &str, flags: Flags) -> String {
        let name = self.expand1(copy, flags);
        let var = if kind == LoopKind::Sessions {
            "session_name"
        } else {
            "window_name"
        };
        let found = self
            .ctx
            .children(kind)
            .iter()
            .any(|item| item.ctx.var(var).as_deref() == Some(name.as_str()));
        if found { "1" } else { "0" }.to_string()
    }

    /// Looks a variable up and applies the modifiers that act on a found value.
    fn find(&self, plan: &Plan<'_>, key: &str) -> Option<String> {
        let found = self.ctx.var(key)?;
        if let Some(style) = &plan.time {
            return self.time_string(style, &found);
        }
        let mut value = found;
        if plan.basename {
            value = basename(&value);
        }
        if plan.dirname {
            value = dirname(&value);
        }
        if plan.quote_shell {
            value = quote_shell(&value);
        }
        if plan.quote_style {
            value = value.replace('#', "##");
        }
        Some(value)
    }

    fn time_string(&self, style: &TimeStyle, value: &str) -> Option<String> {
        if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let seconds: i64 = value.parse().ok().filter(|&t| t != 0)?;
        let t = local_from_timestamp(seconds)?;
        Some(match style {
            TimeStyle::Ctime => ctime(t),
            TimeStyle::Pretty => pretty_time(t, self.now),
            TimeStyle::Strftime(fmt) => strftime(fmt, t),
        })
    }
}

/// Sorts a modifier list into a plan; later modifiers override earlier ones.
fn plan(list: &[Modifier]) -> Plan<'_> {
    let mut plan = Plan::default();
    for m in list {
        let first_arg = m.args.first().map(String::as_str);
        match m.name.as_str() {
            "m" | "<" | ">" | "||" | "&&" | "==" | "!=" | "<=" | ">=" => plan.compare = Some(m),
            "C" => plan.search = true,
            "s" if m.args.len() >= 2 => plan.substitutions.push(m),
            "=" if !m.args.is_empty() => {
                plan.limit = first_arg.and_then(parse_width).unwrap_or(0);
                if let Some(marker) = m.args.get(1) {
                    plan.marker = Some(marker.clone());
                }
            }
            "p" if !m.args.is_empty() => plan.pad = first_arg.and_then(parse_width).unwrap_or(0),
            "e" if (1..=3).contains(&m.args.len()) => plan.expression = Some(m),
            "l" => plan.literal = true,
            "a" => plan.character = true,
            "b" => plan.basename = true,
            "c" => plan.colour = true,
            "d" => plan.dirname = true,
            "n" => plan.length = true,
            "w" => plan.width = true,
            "E" => plan.expand = true,
            "T" => plan.expand_time = true,
            "S" => plan.loop_over = Some(LoopKind::Sessions),
            "W" => plan.loop_over = Some(LoopKind::Windows),
            "P" => plan.loop_over = Some(LoopKind::Panes),
            "N" => {
                let sessions = first_arg.is_some_and(|f| f.contains('s') && !f.contains('w'));
                plan.name_exists = Some(if sessions {
                    LoopKind::Sessions
                } else {
                    LoopKind::Windows
                });
            }
            "t" => {
                plan.time = Some(match (first_arg, m.args.get(1)) {
                    (Some(f), _) if f.contains('p') => TimeStyle::Pretty,
                    (Some(f), Some(fmt)) if f.contains('f') => {
                        TimeStyle::Strftime(strip_escapes(fmt))
                    }
                    _ => TimeStyle::Ctime,
                });
            }
            "q" => match first_arg {
                None => plan.quote_shell = true,
                Some(f) if f.contains('e') || f.contains('h') => plan.quote_style = true,
                Some(_) => {}
            },
            _ => {}
        }
    }
    plan
}

/// A trim or pad width: an integer, zero when invalid or too wide.
fn parse_width(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok().filter(|n| n.abs() <= MAX_WIDTH)
}

/// `#{=N:…}` and `#{=/N/marker:…}`: keep N columns from the left (negative: from
/// the right), marking a cut with the marker.
fn apply_limit(value: String, limit: i64, marker: Option<&str>) -> String {
    if limit == 0 {
        return value;
    }
    let cols = limit.unsigned_abs() as usize;
    let trimmed = if limit > 0 {
        trim_left(&value, cols)
    } else {
        trim_right(&value, cols)
    };
    match marker {
        Some(marker) if trimmed != value => {
            if limit > 0 {
                trimmed + marker
            } else {
                format!("{marker}{trimmed}")
            }
        }
        _ => trimmed,
    }
}

/// `#{m:pattern,string}` with its `r` (regular expression) and `i` (ignore case) flags.
fn matches(cmp: &Modifier, pattern: &str, text: &str) -> bool {
    let flags = cmp.args.first().map(String::as_str).unwrap_or_default();
    let ignore_case = flags.contains('i');
    if flags.contains('r') {
        regex::Regex::new(pattern, ignore_case).is_some_and(|re| re.is_match(text))
    } else {
        fnmatch::fnmatch(pattern, text, ignore_case)
    }
}

/// A result cut to [`OUTPUT_LIMIT`] bytes (on a character boundary), so no template
/// can grow without bound however its parts multiply.
fn cap(mut s: String) -> String {
    if s.len() > OUTPUT_LIMIT {
        let mut cut = OUTPUT_LIMIT;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s.truncate(cut);
    }
    s
}

/// The variable a one-letter alias (`#S`) stands for.
fn alias(c: u8) -> Option<&'static str> {
    Some(match c {
        b'D' => "pane_id",
        b'F' => "window_flags",
        b'H' => "host",
        b'I' => "window_index",
        b'P' => "pane_index",
        b'S' => "session_name",
        b'T' => "pane_title",
        b'W' => "window_name",
        b'h' => "host_short",
        _ => return None,
    })
}

/// The `)` closing a `#(` whose command starts at `from`, counting nested parentheses.
fn closing_paren(b: &[u8], from: usize) -> Option<usize> {
    let mut depth = 1;
    for (i, &c) in b.iter().enumerate().skip(from) {
        match c {
            b'(' => depth += 1,
            b')' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// POSIX `basename`: the last path component, ignoring trailing slashes.
fn basename(path: &str) -> String {
    if path.is_empty() {
        return ".".to_string();
    }
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".to_string();
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_string()
}

/// POSIX `dirname`: everything before the last path component.
fn dirname(path: &str) -> String {
    let trimmed = path.trim_end_matches('/');
    if trimmed.is_empty() {
        return if path.is_empty() { "." } else { "/" }.to_string();
    }
    match trimmed.rfind('/') {
        None => ".".to_string(),
        Some(i) => {
            let parent = trimmed[..i].trim_end_matches('/');
            if parent.is_empty() {
                "/".to_string()
            } else {
                parent.to_string()
            }
        }
    }
}

/// `#{q:…}`: a backslash before each character a shell would treat specially.
fn quote_shell(s: &str) -> String {
    const SPECIAL: &str = "|&;<>()$`\\\"'*?[# =%";
    let mut out = String::with_capacity(s.len() * 2);
    for c in s.chars() {
        if SPECIAL.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
