//! Bracketed displays — tuples, lists, dicts, sets, comprehensions — and assignment target lists.

use super::{PResult, Parser};
use crate::ast::*;
use crate::token::{Kw, Op};
use diagnostics::Span;

fn bx(e: Expr) -> Box<Expr> {
    Box::new(e)
}

impl<'a> Parser<'a> {
    pub(super) fn paren(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if self.eat_op(Op::RPar) {
            return Ok(Expr { kind: ExprKind::Tuple(Vec::new()), span: open.span.to(self.prev().span) });
        }
        if self.at_kw(Kw::Yield) {
            let e = self.yield_expr()?;
            self.expect_closer(Op::RPar, &e)?;
            return Ok(e);
        }
        let first = self.star_named_expression()?;
        if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
            let e = self.comprehension(CompKind::Generator, first, None, open.span)?;
            self.expect_closer(Op::RPar, &e)?;
            return Ok(Expr { span: open.span.to(self.prev().span), ..e });
        }
        if !self.at_op(Op::Comma) {
            self.expect_closer(Op::RPar, &first)?;
            return Ok(first);
        }
        let items = self.rest_of_sequence(first, Op::RPar)?;
        Ok(Expr { kind: ExprKind::Tuple(items), span: open.span.to(self.prev().span) })
    }

    /// After the first item of a display: `, item, item,` and the closer.
    fn rest_of_sequence(&mut self, first: Expr, closer: Op) -> PResult<Vec<Expr>> {
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(closer) {
                break;
            }
            items.push(self.star_named_expression()?);
        }
        let last = items.last().expect("non-empty");
        let (span, is_name) = (last.span, matches!(last.kind, ExprKind::Name(_)));
        self.expect_closer_after(closer, span, is_name)?;
        Ok(items)
    }

    pub(super) fn list(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if self.eat_op(Op::RSqb) {
            return Ok(Expr { kind: ExprKind::List(Vec::new()), span: open.span.to(self.prev().span) });
        }
        let first = self.star_named_expression()?;
        if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
            let e = self.comprehension(CompKind::List, first, None, open.span)?;
            self.expect_closer(Op::RSqb, &e)?;
            return Ok(Expr { span: open.span.to(self.prev().span), ..e });
        }
        let items = self.rest_of_sequence(first, Op::RSqb)?;
        Ok(Expr { kind: ExprKind::List(items), span: open.span.to(self.prev().span) })
    }

    pub(super) fn brace(&mut self) -> PResult<Expr> {
        let open = self.bump();
        if self.eat_op(Op::RBrace) {
            return Ok(Expr { kind: ExprKind::Dict(Vec::new()), span: open.span.to(self.prev().span) });
        }
        let first_key = if self.eat_op(Op::DoubleStar) { None } else { Some(self.star_named_expression()?) };
        if !self.at_op(Op::Colon) && first_key.is_some() {
            let Some(key) = first_key else { unreachable!("checked above") };
            // A set display or set comprehension.
            if self.at_kw(Kw::For) || self.at_kw(Kw::Async) {
                let e = self.comprehension(CompKind::Set, key, None, open.span)?;
                self.expect_closer(Op::RBrace, &e)?;
                return Ok(Expr { span: open.span.to(self.prev().span), ..e });
            }
            let items = self.rest_of_sequence(key, Op::RBrace)?;
            return Ok(Expr { kind: ExprKind::Set(items), span: open.span.to(self.prev().span) });
        }
        let mut items = Vec::new();
        let mut key = first_key;
        loop {
            let value = if key.is_some() {
                self.expect_op(Op::Colon)?;
                self.expression()?
            } else {
                self.bitor()?
            };
            if items.is_empty() && key.is_some() && (self.at_kw(Kw::For) || self.at_kw(Kw::Async)) {
                let k = key.take().expect("checked");
                let e = self.comprehension(CompKind::Dict, k, Some(value), open.span)?;
                self.expect_closer(Op::RBrace, &e)?;
                return Ok(Expr { span: open.span.to(self.prev().span), ..e });
            }
            items.push(DictItem { key, value });
            if !self.eat_op(Op::Comma) || self.at_op(Op::RBrace) {
                break;
            }
            key = if self.eat_op(Op::DoubleStar) { None } else { Some(self.expression()?) };
        }
        let last = &items.last().expect("non-empty").value;
        let (span, is_name) = (last.span, matches!(last.kind, ExprKind::Name(_)));
        self.expect_closer_after(Op::RBrace, span, is_name)?;
        Ok(Expr { kind: ExprKind::Dict(items), span: open.span.to(self.prev().span) })
    }

    /// `for target in iter if cond ...` clauses after `element`.
    pub(super) fn comprehension(&mut self, kind: CompKind, element: Expr, value: Option<Expr>, open: Span) -> PResult<Expr> {
        let mut generators = Vec::new();
        loop {
            let is_async = self.at_kw(Kw::Async);
            if is_async {
                self.bump();
                self.needs_context_check = true;
            }
            if !self.at_kw(Kw::For) {
                break;
            }
            self.bump();
            let target = self.target_list()?;
            self.check_target(&target, "assign to")?;
            if !self.eat_kw(Kw::In) {
                return Err(self.invalid());
            }
            let iter = self.disjunction()?;
            let mut ifs = Vec::new();
            while self.eat_kw(Kw::If) {
                ifs.push(self.disjunction()?);
            }
            generators.push(Generator { target, iter, ifs, is_async });
        }
        let span = open.to(self.prev().span);
        Ok(Expr { kind: ExprKind::Comprehension { kind, element: bx(element), value: value.map(bx), generators }, span })
    }

    /// Targets of `for` and comprehensions: `a, (b, c), *d` — stops before `in`.
    pub(super) fn target_list(&mut self) -> PResult<Expr> {
        let first = self.target_list_single()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if !self.starts_expr() {
                break;
            }
            items.push(self.target_list_single()?);
        }
        let span = items[0].span.to(self.prev().span);
        Ok(Expr { kind: ExprKind::Tuple(items), span })
    }

    pub(super) fn target_list_single(&mut self) -> PResult<Expr> {
        if self.at_op(Op::Star) {
            let star = self.bump();
            let e = self.bitor()?;
            let span = star.span.to(e.span);
            return Ok(Expr { kind: ExprKind::Starred(bx(e)), span });
        }
        self.bitor()
    }
}
