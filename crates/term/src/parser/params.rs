//! CSI parameters as `vte` hands them over (values grouped with their `:`
//! sub-parameters), in a type this crate can also fill itself when it reads
//! a sequence without `vte` (see `direct`).

/// At most this many values, counting sub-parameters (as `vte`).
pub(super) const MAX: usize = 32;

#[derive(Clone, Copy)]
pub(super) struct Params {
    vals: [u16; MAX],
    /// At the first value of each parameter: how many values it has (1 +
    /// its sub-parameters); 0 elsewhere.
    group: [u8; MAX],
    len: usize,
    /// Values in the parameter being read.
    open: u8,
}

impl Default for Params {
    fn default() -> Params {
        Params {
            vals: [0; MAX],
            group: [0; MAX],
            len: 0,
            open: 0,
        }
    }
}

impl Params {
    /// A copy of what `vte` collected.
    pub(super) fn from_vte(params: &vte::Params) -> Params {
        let mut p = Params::default();
        for group in params.iter() {
            let Some((last, subs)) = group.split_last() else {
                continue;
            };
            for &v in subs {
                p.extend(v);
            }
            p.push(*last);
        }
        p
    }

    pub(super) fn is_full(&self) -> bool {
        self.len >= MAX
    }

    /// Ends the current parameter with `v` (`;` or the final byte).
    pub(super) fn push(&mut self, v: u16) {
        self.add(v);
        self.open = 0;
    }

    /// Adds `v` as a value followed by a sub-parameter (`:`).
    pub(super) fn extend(&mut self, v: u16) {
        self.add(v);
    }

    fn add(&mut self, v: u16) {
        let start = self.len - usize::from(self.open);
        if let (Some(slot), Some(count)) = (self.vals.get_mut(self.len), self.group.get_mut(start))
        {
            *slot = v;
            *count = self.open + 1;
            self.open += 1;
            self.len += 1;
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Each parameter with its sub-parameters.
    pub(super) fn iter(&self) -> impl Iterator<Item = &[u16]> + '_ {
        let mut at = 0;
        std::iter::from_fn(move || {
            if at >= self.len {
                return None;
            }
            let n = usize::from(*self.group.get(at)?).max(1);
            let group = self.vals.get(at..at + n)?;
            at += n;
            Some(group)
        })
    }
}

impl std::fmt::Debug for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
