//! A small POSIX extended regular expression engine for `#{s/re/with/:…}` and
//! `#{m/r:…}`, so the server needs no regex dependency.
//!
//! Supported: literals, `.`, bracket expressions with ranges and `[:class:]`, `^`, `$`,
//! groups, `|`, `*` `+` `?` `{m}` `{m,}` `{m,n}`, and the GNU escapes `\w \W \s \S`.
//! A repetition with nothing before it (`*a`, `(+)`) does not compile, as in glibc.
//! Matching backtracks and takes the first match found with greedy quantifiers
//! (Perl's rule) rather than POSIX's leftmost-longest; the two differ only for
//! alternations whose earlier branch is a prefix of a later one (`a|ab`). A step
//! budget bounds the work, so no pattern can hang the server: a search that runs out
//! of budget finds nothing.

use std::cell::Cell;

use super::fnmatch::class_matches;

/// Total matcher steps allowed for one search.
const STEP_BUDGET: u32 = 200_000;

/// Deepest nesting of the backtracking matcher, so that no text can overflow the
/// stack (repetitions of one character are matched in a loop and do not count).
const DEPTH_LIMIT: u32 = 1000;

/// Most quantifiers accepted one after another on the same atom.
const MAX_STACKED_QUANTIFIERS: usize = 8;

/// Largest `{m,n}` count accepted.
const MAX_REPEAT: u32 = 255;

#[derive(Debug)]
enum Node {
    Empty,
    Char(char),
    Any,
    Set(Box<Set>),
    Start,
    End,
    Group(usize, Box<Node>),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat {
        node: Box<Node>,
        min: u32,
        max: Option<u32>,
    },
}

#[derive(Debug, Default)]
struct Set {
    negate: bool,
    ranges: Vec<(char, char)>,
    classes: Vec<String>,
}

impl Set {
    fn contains(&self, c: char, ignore_case: bool) -> bool {
        let hit = |c: char| {
            self.ranges.iter().any(|&(lo, hi)| lo <= c && c <= hi)
                || self.classes.iter().any(|name| class_matches(name, c))
        };
        let found = if ignore_case {
            hit(c) || hit(lower(c)) || hit(upper(c))
        } else {
            hit(c)
        };
        found != self.negate
    }
}

fn lower(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

fn upper(c: char) -> char {
    c.to_uppercase().next().unwrap_or(c)
}

/// A compiled expression.
#[derive(Debug)]
pub(super) struct Regex {
    root: Node,
    groups: usize,
    ignore_case: bool,
}

/// Where a match and its groups are, in chars of the searched text.
pub(super) struct Match {
    pub start: usize,
    pub end: usize,
    groups: Vec<Option<(usize, usize)>>,
}

impl Match {
    /// Group `i` (0 is the whole match).
    pub fn group(&self, i: usize) -> Option<(usize, usize)> {
        if i == 0 {
            Some((self.start, self.end))
        } else {
            self.groups.get(i - 1).copied().flatten()
        }
    }
}

impl Regex {
    /// Compiles `pattern`; `None` where `regcomp` would fail.
    pub fn new(pattern: &str, ignore_case: bool) -> Option<Regex> {
        let mut p = Parser {
            chars: pattern.chars().collect(),
            pos: 0,
            groups: 0,
            depth: 0,
        };
        let root = p.alternation()?;
        if p.pos != p.chars.len() {
            return None;
        }
        Some(Regex {
            root,
            groups: p.groups,
            ignore_case,
        })
    }

    /// The first match in `text`, trying each start position in turn. `^` matches at
    /// the start of `text` only.
    pub fn search(&self, text: &[char]) -> Option<Match> {
        let m = Matcher {
            re: self,
            text,
            steps: Cell::new(0),
            depth: Cell::new(0),
        };
        for start in 0..=text.len() {
            let mut caps = vec![None; self.groups];
            let mut end = None;
            let found = m.node(&self.root, start, &mut caps, &mut |pos, _| {
                end = Some(pos);
                true
            });
            if found {
                let end = end?;
                return Some(Match {
                    start,
                    end,
                    groups: caps,
                });
            }
            if m.out_of_steps() {
                return None;
            }
        }
        None
    }
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    groups: usize,
    depth: u32,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn alternation(&mut self) -> Option<Node> {
        self.depth += 1;
        if self.depth > 100 {
            return None;
        }
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            branches.push(self.concat()?);
        }
        self.depth -= 1;
        Some(if branches.len() == 1 {
            branches.pop()?
        } else {
            Node::Alt(branches)
        })
    }

    fn concat(&mut self) -> Option<Node> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            let atom = self.quantifiers(atom)?;
            items.push(atom);
        }
        Some(match items.len() {
            0 => Node::Empty,
            1 => items.pop()?,
            _ => Node::Concat(items),
        })
    }

    fn quantifiers(&mut self, mut atom: Node) -> Option<Node> {
        // Stacked quantifiers (`a**`) are legal but pointless; a long stack is refused
        // rather than nested without bound.
        for _ in 0..MAX_STACKED_QUANTIFIERS {
            let (min, max) = match self.peek() {
                Some('*') => (0, None),
                Some('+') => (1, None),
                Some('?') => (0, Some(1)),
                Some('{') => match self.interval() {
                    Some(bounds) => bounds,
                    None => return Some(atom),
                },
                _ => return Some(atom),
            };
            if !matches!(self.peek(), Some('{')) {
                self.pos += 1;
            }
            atom = Node::Repeat {
                node: Box::new(atom),
                min,
                max,
            };
        }
        None
    }

    /// `{m}`, `{m,}`, `{m,n}` or `{,n}` at the current position, consumed; `None`
    /// (nothing consumed) if the brace does not open an interval.
    fn interval(&mut self) -> Option<(u32, Option<u32>)> {
        let rest: String = self.chars.get(self.pos + 1..)?.iter().collect();
        let close = rest.find('}')?;
        let body = rest.get(..close)?;
        let number = |s: &str| -> Option<u32> {
            if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            s.parse::<u32>().ok().filter(|&n| n <= MAX_REPEAT)
        };
        let bounds = match body.split_once(',') {
            None => {
                let n = number(body)?;
                (n, Some(n))
            }
            Some((lo, "")) => (number(lo)?, None),
            Some(("", hi)) => (0, Some(number(hi)?)),
            Some((lo, hi)) => (number(lo)?, Some(number(hi)?)),
        };
        if bounds.1.is_some_and(|hi| hi < bounds.0) {
            return None;
        }
        self.pos += body.chars().count() + 2;
        Some(bounds)
    }

    fn atom(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.pos += 1;
        Some(match c {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '(' => {
                self.groups += 1;
                let index = self.groups - 1;
                let inner = self.alternation()?;
                if self.peek() != Some(')') {
                    return None;
                }
                self.pos += 1;
                Node::Group(index, Box::new(inner))
            }
            '[' => Node::Set(Box::new(self.bracket()?)),
            '\\' => self.escape()?,
            // A repetition with nothing to repeat is an error, as in glibc.
            '*' | '+' | '?' => return None,
            _ => Node::Char(c),
        })
    }

    fn escape(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.pos += 1;
        let class = |name: &str, negate: bool| {
            Node::Set(Box::new(Set {
                negate,
                ranges: Vec::new(),
                classes: vec![name.to_string()],
            }))
        };
        Some(match c {
            'w' => Node::Set(Box::new(Set {
                negate: false,
                ranges: vec![('_', '_')],
                classes: vec!["alnum".into()],
            })),
            'W' => Node::Set(Box::new(Set {
                negate: true,
                ranges: vec![('_', '_')],
                classes: vec!["alnum".into()],
            })),
            's' => class("space", false),
            'S' => class("space", true),
            _ => Node::Char(c),
        })
    }

    /// A bracket expression after its `[`. Backslash is an ordinary character here,
    /// as POSIX says.
    fn bracket(&mut self) -> Option<Set> {
        let mut set = Set::default();
        if self.peek() == Some('^') {
            set.negate = true;
            self.pos += 1;
        }
        let mut first = true;
        loop {
            let c = self.peek()?;
            if c == ']' && !first {
                self.pos += 1;
                return Some(set);
            }
            first = false;
            if c == '[' && matches!(self.chars.get(self.pos + 1), Some(':' | '=' | '.')) {
                let kind = self.chars[self.pos + 1];
                let start = self.pos + 2;
                let end = (start..self.chars.len().saturating_sub(1))
                    .find(|&j| self.chars[j] == kind && self.chars[j + 1] == ']')?;
                let name: String = self.chars[start..end].iter().collect();
                self.pos = end + 2;
                if kind == ':' {
                    set.classes.push(name);
                } else {
                    let ch = name.chars().next()?;
                    set.ranges.push((ch, ch));
                }
                continue;
            }
            self.pos += 1;
            let is_range =
                self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&h| h != ']');
            if is_range {
                let hi = *self.chars.get(self.pos + 1)?;
                if hi < c {
                    return None;
                }
                set.ranges.push((c, hi));
                self.pos += 2;
            } else {
                set.ranges.push((c, c));
            }
        }
    }
}

type Caps = Vec<Option<(usize, usize)>>;

/// The continuation of a match: called with where the matched part ends.
type Cont<'k> = &'k mut dyn FnMut(usize, &mut Caps) -> bool;

struct Matcher<'a> {
    re: &'a Regex,
    text: &'a [char],
    steps: Cell<u32>,
    depth: Cell<u32>,
}

impl Matcher<'_> {
    fn char_eq(&self, a: char, b: char) -> bool {
        a == b || (self.re.ignore_case && lower(a) == lower(b))
    }

    fn out_of_steps(&self) -> bool {
        self.steps.get() > STEP_BUDGET
    }

    /// Matches `node` at `pos`, then calls `k` with the end; true as soon as `k` is.
    fn node(&self, node: &Node, pos: usize, caps: &mut Caps, k: Cont<'_>) -> bool {
        self.steps.set(self.steps.get() + 1);
        if self.out_of_steps() || self.depth.get() >= DEPTH_LIMIT {
            return false;
        }
        self.depth.set(self.depth.get() + 1);
        let matched = self.node_inner(node, pos, caps, k);
        self.depth.set(self.depth.get() - 1);
        matched
    }

    /// Whether a node that matches exactly one character matches `c`; `None` for
    /// other nodes.
    fn single(&self, node: &Node, c: char) -> Option<bool> {
        match node {
            Node::Char(want) => Some(self.char_eq(*want, c)),
            Node::Any => Some(true),
            Node::Set(set) => Some(set.contains(c, self.re.ignore_case)),
            _ => None,
        }
    }

    fn node_inner(&self, node: &Node, pos: usize, caps: &mut Caps, k: Cont<'_>) -> bool {
        match node {
            Node::Empty => k(pos, caps),
            Node::Char(c) => match self.text.get(pos) {
                Some(&t) if self.char_eq(*c, t) => k(pos + 1, caps),
                _ => false,
            },
            Node::Any => pos < self.text.len() && k(pos + 1, caps),
            Node::Set(set) => match self.text.get(pos) {
                Some(&t) if set.contains(t, self.re.ignore_case) => k(pos + 1, caps),
                _ => false,
            },
            Node::Start => pos == 0 && k(pos, caps),
            Node::End => pos == self.text.len() && k(pos, caps),
            Node::Group(i, inner) => self.group(*i, inner, pos, caps, k),
            Node::Concat(items) => self.sequence(items, pos, caps, k),
            Node::Alt(branches) => branches
                .iter()
                .any(|branch| self.node(branch, pos, caps, k)),
            Node::Repeat { node, min, max } => {
                let bounds = Bounds {
                    min: *min,
                    max: *max,
                };
                self.repeat(node, bounds, 0, pos, caps, k)
            }
        }
    }

    fn group(&self, i: usize, inner: &Node, pos: usize, caps: &mut Caps, k: Cont<'_>) -> bool {
        self.node(inner, pos, caps, &mut |end, caps: &mut Caps| {
            let saved = caps.get(i).copied().flatten();
            if let Some(slot) = caps.get_mut(i) {
                *slot = Some((pos, end));
            }
            if k(end, caps) {
                return true;
            }
            if let Some(slot) = caps.get_mut(i) {
                *slot = saved;
            }
            false
        })
    }

    fn sequence(&self, items: &[Node], pos: usize, caps: &mut Caps, k: Cont<'_>) -> bool {
        match items.split_first() {
            None => k(pos, caps),
            Some((first, rest)) => self.node(first, pos, caps, &mut |p, caps: &mut Caps| {
                self.sequence(rest, p, caps, k)
            }),
        }
    }

    /// Greedy repetition: one more iteration first, then stopping here. An iteration
    /// that matched nothing ends the loop once the minimum is reached, so `(a*)*`
    /// terminates.
    fn repeat(
        &self,
        node: &Node,
        bounds: Bounds,
        count: u32,
        pos: usize,
        caps: &mut Caps,
        k: Cont<'_>,
    ) -> bool {
        if count == 0 && self.single(node, ' ').is_some() {
            return self.repeat_single(node, bounds, pos, caps, k);
        }
        if bounds.max.is_none_or(|max| count < max) {
            let more = self.node(node, pos, caps, &mut |p, caps: &mut Caps| {
                if p == pos && count >= bounds.min {
                    return false;
                }
                self.repeat(node, bounds, count + 1, p, caps, k)
            });
            if more {
                return true;
            }
        }
        count >= bounds.min && k(pos, caps)
    }

    /// Greedy repetition of a one-character node, as a loop: take as many as possible,
    /// then give them back one at a time.
    fn repeat_single(
        &self,
        node: &Node,
        bounds: Bounds,
        pos: usize,
        caps: &mut Caps,
        k: Cont<'_>,
    ) -> bool {
        let max = bounds.max.map_or(usize::MAX, |m| m as usize);
        let available = self.text.get(pos..).unwrap_or_default();
        let taken = available
            .iter()
            .take(max)
            .take_while(|&&c| self.single(node, c) == Some(true))
            .count();
        let min = bounds.min as usize;
        if taken < min {
            return false;
        }
        for n in (min..=taken).rev() {
            self.steps.set(self.steps.get() + 1);
            if self.out_of_steps() {
                return false;
            }
            if k(pos + n, caps) {
                return true;
            }
        }
        false
    }
}

#[derive(Clone, Copy)]
struct Bounds {
    min: u32,
    max: Option<u32>,
}

/// Replaces every match of `pattern` in `text` with `with`, where `\0`…`\9` stand for
/// the groups, following tmux's `regsub`: an empty match next to the previous match is
/// skipped, and a pattern anchored with `^` is applied once. `None` if the pattern does
/// not compile.
pub(super) fn regsub(pattern: &str, with: &str, text: &str, ignore_case: bool) -> Option<String> {
    if text.is_empty() {
        return Some(String::new());
    }
    let re = Regex::new(pattern, ignore_case)?;
    let chars: Vec<char> = text.chars().collect();
    let end = chars.len();
    let mut out = String::with_capacity(text.len());
    let (mut start, mut last) = (0, 0);
    let mut empty = false;
    while start <= end {
        let Some(m) = re.search(chars.get(start..).unwrap_or_default()) else {
            out.extend(chars.get(start..end).unwrap_or_default());
            break;
        };
        out.extend(chars.get(last..start + m.start).unwrap_or_default());
        if empty || start + m.start != last || m.start != m.end {
            expand_replacement(&mut out, with, chars.get(start..).unwrap_or_default(), &m);
            last = start + m.end;
            start += m.end;
            empty = false;
        } else {
            last = start + m.end;
            start += m.end + 1;
            empty = true;
        }
        if pattern.starts_with('^') {
            out.extend(chars.get(start..end).unwrap_or_default());
            break;
        }
    }
    Some(out)
}

/// Appends the replacement for one match. A reference to a group that matched nothing
/// leaves the digit itself, as tmux does.
fn expand_replacement(out: &mut String, with: &str, text: &[char], m: &Match) {
    let mut chars = with.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some(next) = chars.next() else { break };
        if let Some(d) = next.to_digit(10)
            && let Some((from, to)) = m.group(d as usize).filter(|(from, to)| from != to)
        {
            out.extend(text.get(from..to).unwrap_or_default());
            continue;
        }
        out.push(next);
    }
}
