//! `#{e|op|flags|precision:a,b}` arithmetic. Operands are read as C's `strtod` reads
//! them (so `0x10`, `1e3` and ` 7` are numbers); without the `f` flag both operands and
//! the result are truncated to integers, with C's conversion quirks (dividing by zero
//! gives the most negative 64-bit integer, as tmux prints on x86).

/// Precision beyond this is clamped: tmux would happily print a million digits.
const MAX_PRECISION: i64 = 1000;

#[derive(Clone, Copy)]
enum Op {
    Add,
    Subtract,
    Multiply,
    Divide,
    Modulus,
    Equal,
    NotEqual,
    Greater,
    GreaterEqual,
    Less,
    LessEqual,
}

fn operator(s: &str) -> Option<Op> {
    Some(match s {
        "+" => Op::Add,
        "-" => Op::Subtract,
        "*" => Op::Multiply,
        "/" => Op::Divide,
        "%" | "m" => Op::Modulus,
        "==" => Op::Equal,
        "!=" => Op::NotEqual,
        ">" => Op::Greater,
        ">=" => Op::GreaterEqual,
        "<" => Op::Less,
        "<=" => Op::LessEqual,
        _ => return None,
    })
}

/// Evaluates with the modifier's arguments (`[op, flags, precision]`) and the two
/// already expanded operands; `None` when tmux's would fail (and expand to nothing).
pub(super) fn evaluate(args: &[String], left: &str, right: &str) -> Option<String> {
    let op = operator(args.first()?)?;
    let float = args.get(1).is_some_and(|f| f.contains('f'));
    let mut precision: i64 = if float { 2 } else { 0 };
    if let Some(p) = args.get(2) {
        precision = strtonum(p)?;
    }
    let (mut a, mut b) = (strtod(left)?, strtod(right)?);
    if !float {
        a = c_truncate(a) as f64;
        b = c_truncate(b) as f64;
    }
    let result = match op {
        Op::Add => a + b,
        Op::Subtract => a - b,
        Op::Multiply => a * b,
        Op::Divide => a / b,
        Op::Modulus => a % b,
        Op::Equal => bool_value((a - b).abs() < 1e-9),
        Op::NotEqual => bool_value((a - b).abs() > 1e-9),
        Op::Greater => bool_value(a > b),
        Op::GreaterEqual => bool_value(a >= b),
        Op::Less => bool_value(a < b),
        Op::LessEqual => bool_value(a <= b),
    };
    let result = if float {
        result
    } else {
        c_truncate(result) as f64
    };
    // printf's "%.*f" with a negative precision means the default, six.
    let precision = if precision < 0 {
        6
    } else {
        precision.min(MAX_PRECISION)
    };
    if result.is_nan() {
        // glibc's printf spelling, sign included.
        return Some(
            if result.is_sign_negative() {
                "-nan"
            } else {
                "nan"
            }
            .to_string(),
        );
    }
    Some(format!("{result:.prec$}", prec = precision as usize))
}

fn bool_value(b: bool) -> f64 {
    if b { 1.0 } else { 0.0 }
}

/// C's `(long long)` of a double on x86: truncation toward zero, and the most negative
/// value for NaN and anything out of range.
fn c_truncate(v: f64) -> i64 {
    // 2^63 is exactly representable, and is the first value out of range.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if v.is_nan() || !(-LIMIT..LIMIT).contains(&v) {
        i64::MIN
    } else {
        v.trunc() as i64
    }
}

/// An integer as `strtonum` accepts it: optional sign and digits, nothing else.
fn strtonum(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok().filter(|v| i32::try_from(*v).is_ok())
}

/// C's `strtod` over the whole string: leading white space, a sign, then a decimal or
/// hexadecimal number, `inf`/`infinity` or `nan`; the empty string is 0 (strtod reads
/// nothing and stops at the end). Anything left over makes it invalid.
pub(super) fn strtod(s: &str) -> Option<f64> {
    let t = s.trim_start_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c']);
    if t.is_empty() {
        return if s.is_empty() { Some(0.0) } else { None };
    }
    let (negative, body) = match t.as_bytes()[0] {
        b'-' => (true, &t[1..]),
        b'+' => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = body.to_ascii_lowercase();
    let value = if lower == "inf" || lower == "infinity" {
        f64::INFINITY
    } else if lower == "nan" {
        f64::NAN
    } else if let Some(hex) = lower.strip_prefix("0x") {
        parse_hex_float(hex)?
    } else {
        parse_decimal_float(body)?
    };
    Some(if negative { -value } else { value })
}

fn parse_decimal_float(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let mut i = b.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut mantissa_digits = i;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let frac = b
            .get(i..)
            .map_or(0, |r| r.iter().take_while(|c| c.is_ascii_digit()).count());
        mantissa_digits += frac;
        i += frac;
    }
    if mantissa_digits == 0 || i != b.len() && !matches!(b.get(i), Some(b'e' | b'E')) {
        return None;
    }
    if i < b.len() {
        let exp = &s[i + 1..];
        let digits = exp.strip_prefix(['-', '+']).unwrap_or(exp);
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
    }
    s.parse::<f64>().ok()
}

fn parse_hex_float(s: &str) -> Option<f64> {
    let (mantissa, exponent) = match s.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (s, None),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let mut value = 0.0f64;
    for c in int_part.chars() {
        value = value * 16.0 + f64::from(c.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for c in frac_part.chars() {
        value += f64::from(c.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    if let Some(e) = exponent {
        let digits = e.strip_prefix(['-', '+']).unwrap_or(e);
        if digits.is_empty() || !digits.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let e: i32 = e.parse().unwrap_or(if e.starts_with('-') {
            i32::MIN
        } else {
            i32::MAX
        });
        value *= 2f64.powi(e);
    }
    Some(value)
}
