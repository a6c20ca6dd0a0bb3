//! Expressions: precedence levels from the ternary down to atoms and trailers.

use super::{PResult, Parser};
use crate::ast::*;
use crate::number::{self, Value};
use crate::token::{Kw, Op, Tok};
use diagnostics::Span;

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

/// Binary operators handled by precedence climbing, tightest last.
fn binop(t: Tok) -> Option<(BinOp, u8)> {
    let Tok::Op(op) = t else { return None };
    Some(match op {
        Op::VBar => (BinOp::BitOr, 1),
        Op::Circumflex => (BinOp::BitXor, 2),
        Op::Amper => (BinOp::BitAnd, 3),
        Op::LeftShift => (BinOp::LShift, 4),
        Op::RightShift => (BinOp::RShift, 4),
        Op::Plus => (BinOp::Add, 5),
        Op::Minus => (BinOp::Sub, 5),
        Op::Star => (BinOp::Mult, 6),
        Op::Slash => (BinOp::Div, 6),
        Op::DoubleSlash => (BinOp::FloorDiv, 6),
        Op::Percent => (BinOp::Mod, 6),
        Op::At => (BinOp::MatMult, 6),
        _ => return None,
    })
}

/// Can `t`, after a primary, continue a larger expression (an operator of a lower level)?
fn continues_operand(t: Tok) -> bool {
    match t {
        Tok::Op(op) => {
            binop(t).is_some()
                || matches!(op, Op::DoubleStar | Op::EqEqual | Op::NotEqual | Op::Less | Op::LessEqual | Op::Greater | Op::GreaterEqual)
        }
        Tok::Keyword(k) => matches!(k, Kw::In | Kw::Not | Kw::Is | Kw::And | Kw::Or | Kw::If),
        _ => false,
    }
}

/// What CPython calls an expression in "cannot assign to ..." messages.
pub(super) fn describe(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Str { .. } | ExprKind::Int(_) | ExprKind::BigInt(_) | ExprKind::Float(_) | ExprKind::Imaginary(_) => "literal",
        ExprKind::FString(_) => "f-string expression",
        ExprKind::NoneLit => "None",
        ExprKind::True => "True",
        ExprKind::False => "False",
        ExprKind::Ellipsis => "ellipsis",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::BoolOp { .. } | ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::Lambda(_) => "lambda",
        ExprKind::Dict(_) => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::Tuple(_) => "tuple",
        ExprKind::List(_) => "list",
        ExprKind::Comprehension { kind: CompKind::Generator, .. } => "generator expression",
        ExprKind::Comprehension { kind: CompKind::List, .. } => "list comprehension",
        ExprKind::Comprehension { kind: CompKind::Set, .. } => "set comprehension",
        ExprKind::Comprehension { kind: CompKind::Dict, .. } => "dict comprehension",
        ExprKind::Await(_) => "await expression",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::NamedExpr { .. } => "named expression",
        ExprKind::Starred(_) => "starred",
        _ => "expression",
    }
}

impl<'a> Parser<'a> {
    /// Can the current token start an expression? (Used to end tuples and spot missing commas.)
    pub(super) fn starts_expr(&self) -> bool {
        match self.peek() {
            Tok::Name | Tok::Number | Tok::String | Tok::Error => true,
            Tok::Keyword(k) => matches!(k, Kw::None | Kw::True | Kw::False | Kw::Not | Kw::Lambda | Kw::Await | Kw::Yield),
            Tok::Op(op) => matches!(op, Op::LPar | Op::LSqb | Op::LBrace | Op::Minus | Op::Plus | Op::Tilde | Op::Star | Op::Ellipsis),
            _ => false,
        }
    }

    /// `a, *b, c` as in an expression statement or `return`; a tuple when there is a comma.
    pub(super) fn star_expressions(&mut self) -> PResult<Expr> {
        let first = self.star_expression()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if !self.starts_expr() {
                break;
            }
            items.push(self.star_expression()?);
        }
        let span = items[0].span.to(self.prev().span);
        Ok(Expr { kind: ExprKind::Tuple(items), span })
    }

    pub(super) fn star_expressions_or_yield(&mut self) -> PResult<Expr> {
        if self.at_kw(Kw::Yield) {
            return self.yield_expr();
        }
        self.star_expressions()
    }

    pub(super) fn yield_expr(&mut self) -> PResult<Expr> {
        let kw = self.bump();
        self.needs_context_check = true;
        if let Some(scope) = self.scopes.last_mut() {
            scope.has_yield = true;
        }
        if self.eat_kw(Kw::From) {
            let e = self.expression()?;
            let span = kw.span.to(e.span);
            return Ok(Expr { kind: ExprKind::YieldFrom(bx(e)), span });
        }
        if !self.starts_expr() {
            return Ok(Expr { kind: ExprKind::Yield(None), span: kw.span });
        }
        let e = self.star_expressions()?;
        let span = kw.span.to(e.span);
        Ok(Expr { kind: ExprKind::Yield(Some(bx(e))), span })
    }

    pub(super) fn star_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            let star = self.bump();
            let e = self.bitor()?;
            let span = star.span.to(e.span);
            return Ok(Expr { kind: ExprKind::Starred(bx(e)), span });
        }
        self.expression()
    }

    pub(super) fn star_named_expression(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            return self.star_expression();
        }
        self.named_expression()
    }

    /// `name := value` or an expression.
    pub(super) fn named_expression(&mut self) -> PResult<Expr> {
        if self.peek() == Tok::Name && self.peek_at(1) == Tok::Op(Op::ColonEqual) {
            let name = self.bump();
            self.bump();
            let value = self.expression()?;
            let target = Expr { kind: ExprKind::Name(self.text(name.span).into()), span: name.span };
            let span = name.span.to(value.span);
            return Ok(Expr { kind: ExprKind::NamedExpr { target: bx(target), value: bx(value) }, span });
        }
        self.expression()
    }

    /// Python's `expression`: a ternary, a lambda, or a disjunction.
    pub(super) fn expression(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.expression_inner();
        self.leave();
        r
    }

    fn expression_inner(&mut self) -> PResult<Expr> {
        let body = match self.peek() {
            Tok::Keyword(Kw::Lambda) => return self.lambda(),
            // Prefix operators take the full precedence chain.
            Tok::Keyword(Kw::Not | Kw::Await) | Tok::Op(Op::Minus | Op::Plus | Op::Tilde) => self.disjunction()?,
            // Fast path (most expressions in revision files are a bare primary such as
            // `sa.Column(...)` or `'id'`): parse the primary first and only climb the
            // precedence levels when an operator follows, instead of descending ten levels
            // and returning the node through each of them.
            _ => {
                let e = self.primary()?;
                if !continues_operand(self.peek()) {
                    return Ok(e);
                }
                self.disjunction_from(e)?
            }
        };
        if !self.at_kw(Kw::If) {
            return Ok(body);
        }
        self.bump();
        let test = self.disjunction()?;
        if !self.eat_kw(Kw::Else) {
            return Err(self.error("expected 'else' after 'if' expression", body.span.to(test.span)));
        }
        let orelse = self.expression()?;
        let span = body.span.to(orelse.span);
        Ok(Expr { kind: ExprKind::IfExp { test: bx(test), body: bx(body), orelse: bx(orelse) }, span })
    }

    fn lambda(&mut self) -> PResult<Expr> {
        let kw = self.bump();
        let params = self.params(Op::Colon, false)?;
        self.expect_op(Op::Colon)?;
        let (body, is_generator) = self.in_scope(super::ScopeCtx::default(), Self::expression)?;
        let span = kw.span.to(body.span);
        let def = FunctionDef {
            name: Ident { name: "<lambda>".into(), span },
            params,
            returns: None,
            body: vec![Stmt { span: body.span, kind: StmtKind::Return(Some(body)) }],
            decorators: Vec::new(),
            span,
            is_async: false,
            is_generator,
        };
        Ok(Expr { kind: ExprKind::Lambda(std::sync::Arc::new(def)), span })
    }

    pub(super) fn disjunction(&mut self) -> PResult<Expr> {
        let first = self.conjunction()?;
        self.bool_chain(first, Kw::Or, BoolOp::Or, Self::conjunction)
    }

    /// `disjunction` whose leftmost primary was already parsed (see `expression_inner`).
    fn disjunction_from(&mut self, primary: Expr) -> PResult<Expr> {
        let base = self.power_from(primary)?;
        let operand = self.binary_from(base, 1)?;
        let cmp = self.comparison_from(operand)?;
        let first = self.bool_chain(cmp, Kw::And, BoolOp::And, Self::inversion)?;
        self.bool_chain(first, Kw::Or, BoolOp::Or, Self::conjunction)
    }

    fn conjunction(&mut self) -> PResult<Expr> {
        let first = self.inversion()?;
        self.bool_chain(first, Kw::And, BoolOp::And, Self::inversion)
    }

    fn bool_chain(&mut self, first: Expr, kw: Kw, op: BoolOp, next: fn(&mut Self) -> PResult<Expr>) -> PResult<Expr> {
        if !self.at_kw(kw) {
            return Ok(first);
        }
        let mut values = vec![first];
        while self.eat_kw(kw) {
            values.push(next(self)?);
        }
        let span = values[0].span.to(values[values.len() - 1].span);
        Ok(Expr { kind: ExprKind::BoolOp { op, values }, span })
    }

    fn inversion(&mut self) -> PResult<Expr> {
        if !self.at_kw(Kw::Not) {
            return self.comparison();
        }
        let kw = self.bump();
        self.enter()?;
        let operand = self.inversion();
        self.leave();
        let operand = operand?;
        let span = kw.span.to(operand.span);
        Ok(Expr { kind: ExprKind::UnaryOp { op: UnaryOp::Not, operand: bx(operand) }, span })
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let left = self.bitor()?;
        self.comparison_from(left)
    }

    fn comparison_from(&mut self, left: Expr) -> PResult<Expr> {
        let mut ops = Vec::new();
        let mut comparators = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Op(Op::EqEqual) => CmpOp::Eq,
                Tok::Op(Op::NotEqual) => CmpOp::NotEq,
                Tok::Op(Op::Less) => CmpOp::Lt,
                Tok::Op(Op::LessEqual) => CmpOp::LtE,
                Tok::Op(Op::Greater) => CmpOp::Gt,
                Tok::Op(Op::GreaterEqual) => CmpOp::GtE,
                Tok::Keyword(Kw::In) => CmpOp::In,
                Tok::Keyword(Kw::Is) if self.peek_at(1) == Tok::Keyword(Kw::Not) => {
                    self.bump();
                    CmpOp::IsNot
                }
                Tok::Keyword(Kw::Is) => CmpOp::Is,
                Tok::Keyword(Kw::Not) if self.peek_at(1) == Tok::Keyword(Kw::In) => {
                    self.bump();
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.bump();
            ops.push(op);
            comparators.push(self.bitor()?);
        }
        if ops.is_empty() {
            return Ok(left);
        }
        let span = left.span.to(comparators[comparators.len() - 1].span);
        Ok(Expr { kind: ExprKind::Compare { left: bx(left), ops, comparators }, span })
    }

    /// `|` and everything tighter, down to unary operators.
    pub(super) fn bitor(&mut self) -> PResult<Expr> {
        self.binary(1)
    }

    fn binary(&mut self, min_prec: u8) -> PResult<Expr> {
        let left = self.factor()?;
        self.binary_from(left, min_prec)
    }

    /// Binary operators after an already parsed left operand (a factor).
    fn binary_from(&mut self, mut left: Expr, min_prec: u8) -> PResult<Expr> {
        while let Some((op, prec)) = binop(self.peek()) {
            if prec < min_prec {
                break;
            }
            self.wrap()?;
            self.bump();
            let right = self.binary(prec + 1)?;
            let span = left.span.to(right.span);
            left = Expr { kind: ExprKind::BinOp { left: bx(left), op, right: bx(right) }, span };
        }
        Ok(left)
    }

    fn factor(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            Tok::Op(Op::Minus) => UnaryOp::Neg,
            Tok::Op(Op::Plus) => UnaryOp::Pos,
            Tok::Op(Op::Tilde) => UnaryOp::Invert,
            _ => return self.power(),
        };
        let t = self.bump();
        self.enter()?;
        let operand = self.factor();
        self.leave();
        let operand = operand?;
        let span = t.span.to(operand.span);
        Ok(Expr { kind: ExprKind::UnaryOp { op, operand: bx(operand) }, span })
    }

    fn power(&mut self) -> PResult<Expr> {
        let base = if self.at_kw(Kw::Await) {
            let kw = self.bump();
            self.needs_context_check = true;
            let e = self.primary()?;
            let span = kw.span.to(e.span);
            Expr { kind: ExprKind::Await(bx(e)), span }
        } else {
            self.primary()?
        };
        self.power_from(base)
    }

    /// `** exponent` after an already parsed base.
    fn power_from(&mut self, base: Expr) -> PResult<Expr> {
        if !self.eat_op(Op::DoubleStar) {
            return Ok(base);
        }
        self.enter()?;
        let exp = self.factor();
        self.leave();
        let exp = exp?;
        let span = base.span.to(exp.span);
        Ok(Expr { kind: ExprKind::BinOp { left: bx(base), op: BinOp::Pow, right: bx(exp) }, span })
    }

    /// An atom followed by `.name`, `(args)` and `[index]` trailers.
    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            if matches!(self.peek(), Tok::Op(Op::Dot | Op::LPar | Op::LSqb)) {
                self.wrap()?;
            }
            match self.peek() {
                Tok::Op(Op::Dot) => {
                    self.bump();
                    let attr = self.ident()?;
                    let span = e.span.to(attr.span);
                    e = Expr { kind: ExprKind::Attribute { value: bx(e), attr }, span };
                }
                Tok::Op(Op::LPar) => {
                    self.bump();
                    let (args, keywords) = self.call_args()?;
                    let span = e.span.to(self.prev().span);
                    e = Expr { kind: ExprKind::Call { func: bx(e), args, keywords }, span };
                }
                Tok::Op(Op::LSqb) => {
                    self.bump();
                    let index = self.slices()?;
                    self.expect_closer(Op::RSqb, &index)?;
                    let span = e.span.to(self.prev().span);
                    e = Expr { kind: ExprKind::Subscript { value: bx(e), index: bx(index) }, span };
                }
                _ => return Ok(e),
            }
        }
    }

    /// Expects `closer` after `last`; "Perhaps you forgot a comma?" when another expression follows.
    pub(super) fn expect_closer(&mut self, closer: Op, last: &Expr) -> PResult<()> {
        self.expect_closer_after(closer, last.span, matches!(last.kind, ExprKind::Name(_)))
    }

    /// `expect_closer` given only the last item's span and whether it is a plain name.
    pub(super) fn expect_closer_after(&mut self, closer: Op, last: Span, last_is_name: bool) -> PResult<()> {
        if self.eat_op(closer) {
            return Ok(());
        }
        if self.peek() == Tok::Error {
            return Err(self.invalid());
        }
        if self.starts_expr() && !(self.peek() == Tok::String && last_is_name) {
            let span = last.to(self.tok().span);
            return Err(self.error("invalid syntax. Perhaps you forgot a comma?", span));
        }
        Err(self.invalid())
    }

    fn atom(&mut self) -> PResult<Expr> {
        let t = self.tok();
        let kind = match t.kind {
            Tok::Name => ExprKind::Name(self.text(t.span).to_string()),
            Tok::Number => self.number(t.span),
            Tok::String => return self.strings(),
            Tok::Error => ExprKind::Error,
            Tok::Keyword(Kw::None) => ExprKind::NoneLit,
            Tok::Keyword(Kw::True) => ExprKind::True,
            Tok::Keyword(Kw::False) => ExprKind::False,
            Tok::Op(Op::Ellipsis) => ExprKind::Ellipsis,
            Tok::Op(Op::LPar) => return self.paren(),
            Tok::Op(Op::LSqb) => return self.list(),
            Tok::Op(Op::LBrace) => return self.brace(),
            _ => return Err(self.invalid()),
        };
        self.bump();
        Ok(Expr { kind, span: t.span })
    }

    fn number(&mut self, span: Span) -> ExprKind {
        match number::value(self.text(span)) {
            Value::Int(v) => ExprKind::Int(v),
            Value::BigInt(s) => ExprKind::BigInt(s),
            Value::Float(f) => ExprKind::Float(f),
            Value::Imaginary(f) => {
                self.unsupported("imaginary literal", span);
                ExprKind::Imaginary(f)
            }
        }
    }
}
