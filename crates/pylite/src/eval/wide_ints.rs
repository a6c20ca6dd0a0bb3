//! Integer constants whose arithmetic passes beyond 64 bits on the way to a value that fits:
//! `2**63 - 1`, `-(2**63)` (MLflow's `_BIGINT_MAX`/`_BIGINT_MIN`). Python has unbounded
//! integers; pylite's are 64-bit, so when such an expression overflows it is computed again
//! in 128 bits, from its literals alone, and kept if the result fits. Anything else still
//! raises `OverflowError`. The CLI's build only (`stdlib`): the page has no room for it.

use crate::ast::{BinOp, Expr, ExprKind, UnaryOp};

/// The value of `e` computed in 128 bits, when `e` is made of integer literals and `+ - * **
/// // % << >>` and unary `-`/`+`, and the result fits in 64 bits.
pub(crate) fn fold(e: &Expr) -> Option<i64> {
    wide(e).and_then(|v| i64::try_from(v).ok())
}

fn wide(e: &Expr) -> Option<i128> {
    match &e.kind {
        ExprKind::Int(v) => Some(i128::from(*v)),
        ExprKind::UnaryOp { op: UnaryOp::Neg, operand } => wide(operand)?.checked_neg(),
        ExprKind::UnaryOp { op: UnaryOp::Pos, operand } => wide(operand),
        ExprKind::BinOp { left, op, right } => {
            let (a, b) = (wide(left)?, wide(right)?);
            match op {
                BinOp::Add => a.checked_add(b),
                BinOp::Sub => a.checked_sub(b),
                BinOp::Mult => a.checked_mul(b),
                BinOp::Pow => a.checked_pow(u32::try_from(b).ok()?),
                // Python's floor division and modulo round towards negative infinity.
                BinOp::FloorDiv if b != 0 => Some(a.div_euclid(b) - i128::from(b < 0 && a.rem_euclid(b) != 0)),
                BinOp::Mod if b != 0 => Some(a - b * (a.div_euclid(b) - i128::from(b < 0 && a.rem_euclid(b) != 0))),
                BinOp::LShift => a.checked_shl(u32::try_from(b).ok()?).filter(|v| v >> b == a),
                BinOp::RShift => Some(a >> u32::try_from(b).ok()?.min(127)),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::eval::tests::run;

    fn value(expr: &str) -> Result<String, String> {
        let out = run(&format!("from alembic import op\nop.out({expr})\n"))?;
        Ok(out[0]["out(".len()..out[0].len() - 1].to_string())
    }

    #[cfg(feature = "stdlib")]
    #[test]
    fn constants_through_128_bits_that_end_in_64() {
        assert_eq!(value("2**63 - 1").as_deref(), Ok("9223372036854775807"));
        assert_eq!(value("-(2**63)").as_deref(), Ok("-9223372036854775808"));
        assert_eq!(value("(1 << 64) // 2**2 - 2**62").as_deref(), Ok("0"));
        assert_eq!(value("-(2**64) % 7 + (2**64) // -3 + 6148914691236517206").as_deref(), Ok("5"));
    }

    #[test]
    fn what_does_not_fit_is_still_an_overflow() {
        assert!(value("2**64").unwrap_err().contains("OverflowError"));
        assert!(value("-(2**63) - 1").unwrap_err().contains("OverflowError"));
    }
}
