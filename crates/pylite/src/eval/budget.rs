//! The two budgets' accounting: work (steps) charged for what operators and builtins do
//! inside, in proportion to its size, and bytes charged before anything is allocated.
//!
//! Costs: an element compared, or a value written by `repr`, is one step; copying elements
//! (iteration, `*`, `+`, slicing, `list()`) is one step per [`ELEMENTS_PER_STEP`]; text
//! scanned, searched or copied is one step per [`BYTES_PER_UNIT`] bytes; `len` is one step.
//! Memory: a string costs its length in bytes, a container [`VALUE_SIZE`] per element (a
//! dict entry two), charged when it is built; a result's size is computed (or bounded, for
//! `repr`) before it is allocated, so a small script can never make a huge value.

use super::value::{Meter, Stop, BYTES_PER_UNIT};
use super::{EvalError, Interpreter};

/// The size of one element of a list, tuple or dict (a `Value`).
pub(crate) const VALUE_SIZE: u64 = std::mem::size_of::<super::Value>() as u64;

/// Element copies per step.
pub(crate) const ELEMENTS_PER_STEP: u64 = 16;

fn mib(bytes: u64) -> String {
    if bytes >= 1 << 20 && bytes.is_multiple_of(1 << 20) {
        format!("{} MiB", bytes >> 20)
    } else {
        format!("{bytes} bytes")
    }
}

impl Interpreter<'_> {
    /// `units` steps of work; fails once the step budget is spent.
    pub(crate) fn work(&mut self, units: u64) -> Result<(), EvalError> {
        self.steps = self.steps.saturating_add(units);
        if self.steps > self.budget {
            return Err(self.steps_exceeded());
        }
        Ok(())
    }

    /// Copying `n` elements.
    pub(crate) fn copy_work(&mut self, n: usize) -> Result<(), EvalError> {
        self.work(n as u64 / ELEMENTS_PER_STEP)
    }

    /// Scanning `n` bytes of text.
    pub(crate) fn scan_work(&mut self, n: usize) -> Result<(), EvalError> {
        self.work((n / BYTES_PER_UNIT) as u64)
    }

    fn steps_exceeded(&self) -> EvalError {
        EvalError::new("step-budget-exceeded", format!("evaluation exceeded its step budget of {} steps", self.budget), self.stmt_span)
            .with_help("a loop that never ends? revision files must finish in bounded work")
    }

    fn memory_exceeded(&self) -> EvalError {
        EvalError::new(
            "memory-budget-exceeded",
            format!("evaluation exceeded its memory budget of {}", mib(self.memory_budget)),
            self.stmt_span,
        )
        .with_help("a value that grows without bound? revision files build small strings and lists")
    }

    /// Charges `bytes` about to be allocated (a string of that length); fails, before the
    /// allocation, when the memory budget would be exceeded. Also charges copying them.
    pub(crate) fn alloc_bytes(&mut self, bytes: usize) -> Result<(), EvalError> {
        self.charge(bytes as u64)?;
        self.scan_work(bytes)
    }

    /// Charges a container of `n` elements about to be built (and copying them).
    pub(crate) fn alloc_items(&mut self, n: usize) -> Result<(), EvalError> {
        self.charge((n as u64).saturating_mul(VALUE_SIZE))?;
        self.copy_work(n)
    }

    fn charge(&mut self, bytes: u64) -> Result<(), EvalError> {
        let used = self.memory_used.saturating_add(bytes);
        if used > self.memory_budget {
            return Err(self.memory_exceeded());
        }
        self.memory_used = used;
        Ok(())
    }

    /// A walk over values (comparison, search, `repr`) within what is left of both budgets;
    /// its work is charged as steps. `Stop`s become the budget errors, or Python's
    /// RecursionError for containers nested too deep to compare.
    pub(crate) fn metered<T>(&mut self, f: impl FnOnce(&mut Meter) -> Result<T, Stop>) -> Result<T, EvalError> {
        let work = self.budget.saturating_sub(self.steps);
        let bytes = usize::try_from(self.memory_budget.saturating_sub(self.memory_used)).unwrap_or(usize::MAX);
        let mut m = Meter { work, bytes };
        let r = f(&mut m);
        self.steps += work - m.work;
        r.map_err(|stop| match stop {
            Stop::Work => {
                self.steps = self.budget.saturating_add(1);
                self.steps_exceeded()
            }
            Stop::Bytes => self.memory_exceeded(),
            Stop::Depth => EvalError::new("eval-error", "RecursionError: maximum recursion depth exceeded in comparison", self.stmt_span)
                .catchable("RecursionError"),
        })
    }

    /// Python's `==` within the budgets (numbers and the like compare for free: the
    /// expression's own step covers them).
    pub(crate) fn eq(&mut self, a: &super::Value, b: &super::Value) -> Result<bool, EvalError> {
        if is_scalar(a) || is_scalar(b) {
            return Ok(super::value::eq_in(a, b, &mut Meter { work: 1, bytes: 0 }, 0).unwrap_or(false));
        }
        self.metered(|m| super::value::eq_in(a, b, m, 0))
    }

    /// Python's ordering within the budgets.
    pub(crate) fn cmp(&mut self, a: &super::Value, b: &super::Value) -> Result<Option<std::cmp::Ordering>, EvalError> {
        if is_scalar(a) || is_scalar(b) {
            return Ok(super::value::cmp_in(a, b, &mut Meter { work: 1, bytes: 0 }, 0).unwrap_or(None));
        }
        self.metered(|m| super::value::cmp_in(a, b, m, 0))
    }

    /// `repr(v)` (or `str(v)`), its length bounded by the memory left and charged.
    pub(crate) fn text(&mut self, v: &super::Value, repr: bool) -> Result<String, EvalError> {
        use super::value::Builtin;
        use super::Value;
        let out = match v {
            Value::Str(s) if !repr => {
                self.alloc_bytes(s.len())?;
                return Ok(s.to_string());
            }
            Value::Host(h) if !repr && h.str().is_some() => {
                let s = h.str().unwrap_or_default();
                self.alloc_bytes(s.len())?;
                return Ok(s);
            }
            Value::Instance(i) if cfg!(feature = "stdlib") && super::stdlib::enums::member(i).is_some() => {
                let s = super::stdlib::enums::member_text(i, repr).unwrap_or_default();
                self.alloc_bytes(s.len())?;
                return Ok(s);
            }
            Value::Builtin(b) if !repr => match &**b {
                Builtin::ExcInstance(_, msg) => {
                    self.alloc_bytes(msg.len())?;
                    return Ok(msg.clone());
                }
                _ => self.metered(|m| {
                    let mut out = String::new();
                    super::value::write_repr(v, &mut out, 0, m).map(|()| out)
                })?,
            },
            _ => self.metered(|m| {
                let mut out = String::new();
                super::value::write_repr(v, &mut out, 0, m).map(|()| out)
            })?,
        };
        // Bounded by the memory left: this cannot fail for lack of memory, only records it.
        self.charge(out.len() as u64)?;
        Ok(out)
    }
}

/// Not a container or text: compared in constant time.
fn is_scalar(v: &super::Value) -> bool {
    use super::Value;
    !matches!(v, Value::Str(_) | Value::Bytes(_) | Value::Tuple(_) | Value::List(_) | Value::Dict(_) | Value::Set(_))
}
