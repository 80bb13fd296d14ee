//! Shell-style pattern matching for `#{m:pattern,string}`, as `fnmatch(3)` with no
//! flags: `*`, `?`, bracket expressions (`[a-z]`, `[!x]`, `[^x]`, `[[:digit:]]`) and
//! backslash escapes; `/` and leading dots are not special.

/// Whether `text` matches `pattern` as a whole.
pub fn fnmatch(pattern: &str, text: &str, ignore_case: bool) -> bool {
    let fold = |c: char| {
        if ignore_case {
            c.to_lowercase().next().unwrap_or(c)
        } else {
            c
        }
    };
    let p: Vec<char> = pattern.chars().map(fold).collect();
    let t: Vec<char> = text.chars().map(fold).collect();
    matches(&p, &t)
}

/// Iterative matcher with one backtrack point for the last `*`: linear in practice and
/// never exponential, whatever the pattern.
fn matches(p: &[char], t: &[char]) -> bool {
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        let step = match p.get(pi) {
            Some('*') => {
                star = Some((pi, ti));
                pi += 1;
                continue;
            }
            Some('?') => Some(1),
            Some('[') => match bracket(p, pi, t[ti]) {
                Some((true, len)) => Some(len),
                Some((false, _)) => None,
                None => ('[' == t[ti]).then_some(1),
            },
            Some('\\') if pi + 1 < p.len() => (p[pi + 1] == t[ti]).then_some(2),
            Some(&c) => (c == t[ti]).then_some(1),
            None => None,
        };
        match step {
            Some(len) => {
                pi += len;
                ti += 1;
            }
            None => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).unwrap_or_default().iter().all(|&c| c == '*')
}

/// Matches `c` against the bracket expression starting at `p[at]` (a `[`). Returns
/// whether it matched and the pattern length used; `None` if the bracket is not
/// closed, in which case the `[` is an ordinary character.
fn bracket(p: &[char], at: usize, c: char) -> Option<(bool, usize)> {
    let mut i = at + 1;
    let negate = matches!(p.get(i), Some('!' | '^'));
    if negate {
        i += 1;
    }
    let mut matched = false;
    let mut first = true;
    loop {
        let &lo = p.get(i)?;
        if lo == ']' && !first {
            break;
        }
        first = false;
        if lo == '[' && p.get(i + 1) == Some(&':') {
            let end =
                (i + 2..p.len().saturating_sub(1)).find(|&j| p[j] == ':' && p[j + 1] == ']')?;
            let name: String = p[i + 2..end].iter().collect();
            matched |= class_matches(&name, c);
            i = end + 2;
            continue;
        }
        let (lo, next) = if lo == '\\' {
            (*p.get(i + 1)?, i + 2)
        } else {
            (lo, i + 1)
        };
        if p.get(next) == Some(&'-') && p.get(next + 1).is_some_and(|&h| h != ']') {
            let (hi, after) = match p.get(next + 1)? {
                '\\' => (*p.get(next + 2)?, next + 3),
                &h => (h, next + 2),
            };
            matched |= lo <= c && c <= hi;
            i = after;
        } else {
            matched |= lo == c;
            i = next;
        }
    }
    Some((matched != negate, i + 1 - at))
}

/// POSIX character classes (`[:alpha:]` and friends).
pub(super) fn class_matches(name: &str, c: char) -> bool {
    match name {
        "alpha" => c.is_alphabetic(),
        "digit" => c.is_ascii_digit(),
        "alnum" => c.is_alphanumeric(),
        "upper" => c.is_uppercase(),
        "lower" => c.is_lowercase(),
        "space" => c.is_whitespace(),
        "blank" => c == ' ' || c == '\t',
        "punct" => c.is_ascii_punctuation(),
        "print" => !c.is_control(),
        "graph" => !c.is_control() && !c.is_whitespace(),
        "cntrl" => c.is_control(),
        "xdigit" => c.is_ascii_hexdigit(),
        _ => false,
    }
}
