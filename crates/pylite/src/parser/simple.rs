//! Simple statements: expression statements and assignments, imports, `del`, `assert`, ...

use super::{PResult, Parser};
use crate::ast::*;
use crate::token::{Kw, Op, Tok};
use diagnostics::Span;

impl<'a> Parser<'a> {
    /// Simple statements separated by `;`, through the NEWLINE.
    pub(super) fn simple_stmts(&mut self, out: &mut Vec<Stmt>) -> PResult<()> {
        loop {
            let start = self.tok().span;
            let kind = self.small_stmt()?;
            out.push(Stmt { kind, span: start.to(self.prev().span) });
            if !self.eat_op(Op::Semi) || self.peek() == Tok::Newline {
                break;
            }
        }
        match self.peek() {
            Tok::Newline => {
                self.bump();
                Ok(())
            }
            _ => Err(self.invalid()),
        }
    }

    fn small_stmt(&mut self) -> PResult<StmtKind> {
        let t = self.tok();
        let Tok::Keyword(kw) = t.kind else { return self.expr_stmt() };
        let ends = |p: &Self| matches!(p.peek(), Tok::Newline | Tok::Op(Op::Semi));
        Ok(match kw {
            Kw::Pass => {
                self.bump();
                StmtKind::Pass
            }
            Kw::Break => {
                self.bump();
                StmtKind::Break
            }
            Kw::Continue => {
                self.bump();
                StmtKind::Continue
            }
            Kw::Return => {
                self.bump();
                StmtKind::Return(if ends(self) { None } else { Some(self.star_expressions()?) })
            }
            Kw::Raise => {
                self.bump();
                if ends(self) {
                    StmtKind::Raise { exc: None, cause: None }
                } else {
                    let exc = Some(self.expression()?);
                    let cause = if self.eat_kw(Kw::From) { Some(self.expression()?) } else { None };
                    StmtKind::Raise { exc, cause }
                }
            }
            Kw::Assert => {
                self.bump();
                let test = self.expression()?;
                let msg = if self.eat_op(Op::Comma) { Some(self.expression()?) } else { None };
                StmtKind::Assert { test, msg }
            }
            Kw::Del => {
                self.bump();
                let mut targets = Vec::new();
                loop {
                    let e = self.bitor()?;
                    self.check_target(&e, "delete")?;
                    targets.push(e);
                    if !self.eat_op(Op::Comma) || ends(self) {
                        break;
                    }
                }
                StmtKind::Del(targets)
            }
            Kw::Global | Kw::Nonlocal => {
                self.bump();
                let mut names = vec![self.ident()?];
                while self.eat_op(Op::Comma) {
                    names.push(self.ident()?);
                }
                if kw == Kw::Global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Kw::Import => self.import()?,
            Kw::From => self.import_from()?,
            _ => self.expr_stmt()?,
        })
    }

    fn expr_stmt(&mut self) -> PResult<StmtKind> {
        let first = self.star_expressions_or_yield()?;
        if self.at_op(Op::Colon) {
            self.bump();
            if !matches!(first.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
                let msg = match first.kind {
                    ExprKind::Tuple(_) => "only single target (not tuple) can be annotated",
                    ExprKind::List(_) => "only single target (not list) can be annotated",
                    _ => "illegal target for annotation",
                };
                return Err(self.error(msg, first.span));
            }
            let annotation = self.expression()?;
            let value = if self.eat_op(Op::Equal) { Some(self.star_expressions_or_yield()?) } else { None };
            return Ok(StmtKind::AnnAssign { target: first, annotation, value });
        }
        if let Some(op) = self.aug_op() {
            if !matches!(first.kind, ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. }) {
                let what = crate::parser::expr::describe(&first);
                return Err(self.error(format!("'{what}' is an illegal expression for augmented assignment"), first.span));
            }
            self.bump();
            let value = self.star_expressions_or_yield()?;
            return Ok(StmtKind::AugAssign { target: first, op, value });
        }
        if !self.at_op(Op::Equal) {
            return Ok(StmtKind::Expr(first));
        }
        let mut targets = vec![first];
        while self.eat_op(Op::Equal) {
            targets.push(self.star_expressions_or_yield()?);
        }
        let value = targets.pop().expect("at least two");
        for t in &targets {
            self.check_target(t, "assign to here")?;
        }
        Ok(StmtKind::Assign { targets, value })
    }

    fn aug_op(&self) -> Option<BinOp> {
        let Tok::Op(op) = self.peek() else { return None };
        Some(match op {
            Op::PlusEqual => BinOp::Add,
            Op::MinEqual => BinOp::Sub,
            Op::StarEqual => BinOp::Mult,
            Op::AtEqual => BinOp::MatMult,
            Op::SlashEqual => BinOp::Div,
            Op::DoubleSlashEqual => BinOp::FloorDiv,
            Op::PercentEqual => BinOp::Mod,
            Op::DoubleStarEqual => BinOp::Pow,
            Op::LeftShiftEqual => BinOp::LShift,
            Op::RightShiftEqual => BinOp::RShift,
            Op::VBarEqual => BinOp::BitOr,
            Op::CircumflexEqual => BinOp::BitXor,
            Op::AmperEqual => BinOp::BitAnd,
            _ => return None,
        })
    }

    /// Checks an assignment/deletion target; `verb` is "assign to", "assign to here" or "delete".
    pub(super) fn check_target(&mut self, e: &Expr, verb: &str) -> PResult<()> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } | ExprKind::Error => Ok(()),
            ExprKind::Starred(inner) if verb != "delete" => self.check_target(inner, verb),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                items.iter().try_for_each(|i| self.check_target(i, verb.trim_end_matches(" here")))
            }
            _ => {
                let what = crate::parser::expr::describe(e);
                let msg = match verb.strip_suffix(" here") {
                    Some(v) => format!("cannot {v} {what} here. Maybe you meant '==' instead of '='?"),
                    None => format!("cannot {verb} {what}"),
                };
                Err(self.error(msg, e.span))
            }
        }
    }

    pub(super) fn ident(&mut self) -> PResult<Ident> {
        if self.peek() != Tok::Name {
            return Err(self.invalid());
        }
        let t = self.bump();
        Ok(Ident { name: self.text(t.span).to_string(), span: t.span })
    }

    fn dotted_name(&mut self) -> PResult<(String, Span)> {
        let first = self.ident()?;
        let (mut name, mut span) = (first.name, first.span);
        while self.at_op(Op::Dot) {
            self.bump();
            let part = self.ident()?;
            name.push('.');
            name.push_str(&part.name);
            span = span.to(part.span);
        }
        Ok((name, span))
    }

    fn import(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut names = Vec::new();
        loop {
            let (name, span) = self.dotted_name()?;
            let asname = if self.eat_kw(Kw::As) { Some(self.ident()?) } else { None };
            let span = asname.as_ref().map_or(span, |a| span.to(a.span));
            names.push(Alias { name, asname, span });
            if !self.eat_op(Op::Comma) {
                return Ok(StmtKind::Import(names));
            }
        }
    }

    fn import_from(&mut self) -> PResult<StmtKind> {
        self.bump();
        let mut level = 0;
        loop {
            match self.peek() {
                Tok::Op(Op::Dot) => level += 1,
                Tok::Op(Op::Ellipsis) => level += 3,
                _ => break,
            }
            self.bump();
        }
        let module = if level == 0 || !self.at_kw(Kw::Import) { Some(self.dotted_name()?.0) } else { None };
        if !self.eat_kw(Kw::Import) {
            return Err(self.invalid());
        }
        if self.at_op(Op::Star) {
            let t = self.bump();
            return Ok(StmtKind::ImportFrom { module, names: vec![Alias { name: "*".into(), asname: None, span: t.span }], level });
        }
        let parens = self.eat_op(Op::LPar);
        let mut names = Vec::new();
        loop {
            let name = self.ident()?;
            let asname = if self.eat_kw(Kw::As) { Some(self.ident()?) } else { None };
            let span = asname.as_ref().map_or(name.span, |a| name.span.to(a.span));
            names.push(Alias { name: name.name, asname, span });
            if !self.at_op(Op::Comma) {
                break;
            }
            self.bump();
            if !parens && self.peek() == Tok::Newline {
                let at = self.tok().span;
                return Err(self.error("trailing comma not allowed without surrounding parentheses", at));
            }
            if parens && self.at_op(Op::RPar) {
                break;
            }
        }
        if parens {
            self.expect_op(Op::RPar)?;
        }
        Ok(StmtKind::ImportFrom { module, names, level })
    }
}
