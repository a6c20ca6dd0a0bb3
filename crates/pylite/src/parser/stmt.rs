//! Statements: the module body, blocks, compound statements and simple statements.

use super::MAX_STMT_DEPTH;
use super::{PResult, Parser};
use crate::ast::*;
use crate::token::{Kw, Op, Tok};
use diagnostics::Span;

impl<'a> Parser<'a> {
    pub(super) fn module_body(&mut self) -> Vec<Stmt> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::EndMarker => return body,
                // Only left behind by recovery (a dedent without its indent).
                Tok::Dedent | Tok::Newline => {
                    self.bump();
                }
                _ => self.statement(&mut body),
            }
        }
    }

    /// Statements of an indented block, up to and including its DEDENT.
    pub(super) fn block_body(&mut self) -> Vec<Stmt> {
        let mut body = Vec::new();
        loop {
            match self.peek() {
                Tok::EndMarker => return body,
                Tok::Dedent => {
                    self.bump();
                    return body;
                }
                Tok::Newline => {
                    self.bump();
                }
                _ => self.statement(&mut body),
            }
        }
    }

    fn statement(&mut self, out: &mut Vec<Stmt>) {
        let start = self.tok().span;
        self.wraps = 0;
        if self.peek() == Tok::Indent {
            let t = self.bump();
            self.indentation_error("unexpected indent", t.span);
            // Parse the stray block anyway so its own errors are reported too.
            out.extend(self.block_body());
            return;
        }
        let result = match self.peek() {
            Tok::Keyword(Kw::If | Kw::For | Kw::While | Kw::With | Kw::Def | Kw::Class | Kw::Try | Kw::Async) | Tok::Op(Op::At) => {
                self.compound(start).map(|kind| {
                    let span = start.to(self.prev().span);
                    out.push(Stmt { kind, span });
                })
            }
            Tok::Name if self.text(start) == "match" && self.looks_like_match() => {
                self.unsupported("match", start);
                self.skip_statement();
                out.push(Stmt { kind: StmtKind::Error, span: start });
                Ok(())
            }
            _ => self.simple_stmts(out),
        };
        if result.is_err() {
            self.recover();
            out.push(Stmt { kind: StmtKind::Error, span: start.to(self.prev().span) });
        }
    }

    /// `match x:` — a soft keyword, so only a line that ends with `:` counts.
    fn looks_like_match(&self) -> bool {
        if matches!(self.peek_at(1), Tok::Op(Op::Equal | Op::Dot | Op::Colon | Op::Comma) | Tok::Newline) {
            return false;
        }
        let mut i = self.pos;
        while !matches!(self.tokens[i].kind, Tok::Newline | Tok::EndMarker) {
            i += 1;
        }
        i > self.pos && self.tokens[i - 1].kind == Tok::Op(Op::Colon)
    }

    fn compound(&mut self, start: Span) -> PResult<StmtKind> {
        match self.peek() {
            Tok::Keyword(Kw::If) => self.if_stmt(),
            Tok::Keyword(Kw::For) => self.for_stmt(),
            Tok::Keyword(Kw::While) => self.while_stmt(),
            Tok::Keyword(Kw::With) => self.with_stmt(),
            Tok::Keyword(Kw::Def) => self.funcdef(Vec::new(), start, false).map(|f| StmtKind::FunctionDef(std::sync::Arc::new(f))),
            Tok::Keyword(Kw::Class) => self.classdef(Vec::new()),
            Tok::Keyword(Kw::Try) => self.try_stmt(),
            Tok::Keyword(Kw::Async) => {
                self.bump();
                match self.peek() {
                    Tok::Keyword(Kw::Def) => self.funcdef(Vec::new(), start, true).map(|f| StmtKind::FunctionDef(std::sync::Arc::new(f))),
                    Tok::Keyword(Kw::For) => self.async_statement(start, "for", Self::for_stmt),
                    Tok::Keyword(Kw::With) => self.async_statement(start, "with", Self::with_stmt),
                    _ => Err(self.invalid()),
                }
            }
            _ => self.decorated(start),
        }
    }

    fn decorated(&mut self, start: Span) -> PResult<StmtKind> {
        let mut decorators = Vec::new();
        while self.at_op(Op::At) {
            self.bump();
            decorators.push(self.named_expression()?);
            if self.peek() != Tok::Newline {
                return Err(self.invalid());
            }
            self.bump();
        }
        match self.peek() {
            Tok::Keyword(Kw::Def) => self.funcdef(decorators, start, false).map(|f| StmtKind::FunctionDef(std::sync::Arc::new(f))),
            Tok::Keyword(Kw::Class) => self.classdef(decorators),
            Tok::Keyword(Kw::Async) => {
                self.bump();
                if !self.at_kw(Kw::Def) {
                    return Err(self.invalid());
                }
                self.funcdef(decorators, start, true).map(|f| StmtKind::FunctionDef(std::sync::Arc::new(f)))
            }
            _ => Err(self.invalid()),
        }
    }

    /// `async for` / `async with`: parsed as the plain statement (an `async def`'s body never
    /// runs here); outside an `async def` it is CPython's compile-time error.
    fn async_statement(&mut self, start: Span, what: &str, parse: fn(&mut Self) -> PResult<StmtKind>) -> PResult<StmtKind> {
        let kind = parse(self)?;
        if !self.in_async_function() {
            let span = start.to(self.prev().span);
            self.error(format!("'async {what}' outside async function"), span);
        }
        Ok(kind)
    }

    /// `:` then a block; `what` names the header for "expected an indented block after ...".
    fn suite(&mut self, what: &str, header: Span) -> PResult<Vec<Stmt>> {
        if !self.at_op(Op::Colon) {
            if self.peek() == Tok::Newline {
                let at = self.prev().span.end as usize;
                return Err(self.error("expected ':'", Span::point(at)));
            }
            return Err(self.invalid());
        }
        self.bump();
        if self.peek() != Tok::Newline {
            let mut body = Vec::new();
            self.simple_stmts(&mut body)?;
            return Ok(body);
        }
        let newline = self.bump();
        if self.peek() != Tok::Indent {
            let span = if self.peek() == Tok::EndMarker { newline.span } else { self.tok().span };
            let line = crate::lexer::line_of(self.src, header.start as usize);
            self.indentation_error(format!("expected an indented block after {what} on line {line}"), span);
            return Ok(Vec::new());
        }
        self.bump();
        self.stmt_depth += 1;
        let body = self.block_body();
        self.stmt_depth -= 1;
        Ok(body)
    }

    /// `if`/`elif`/`else`; the `elif` chain is parsed in a loop (no recursion per `elif`)
    /// and folded into nested `If`s.
    fn if_stmt(&mut self) -> PResult<StmtKind> {
        let mut arms = Vec::new();
        let saved = self.stmt_depth;
        let result = loop {
            let kw = self.bump();
            let test = match self.named_expression() {
                Ok(t) => t,
                Err(e) => break Err(e),
            };
            let what = if self.text(kw.span) == "if" { "'if' statement" } else { "'elif' statement" };
            if self.stmt_depth > MAX_STMT_DEPTH {
                break Err(self.error("too many nested blocks and 'elif' branches", kw.span));
            }
            let body = match self.suite(what, kw.span) {
                Ok(b) => b,
                Err(e) => break Err(e),
            };
            arms.push((kw.span, test, body));
            // Each `elif` becomes an `If` inside the previous one's `orelse`.
            self.stmt_depth += 1;
            if !self.at_kw(Kw::Elif) {
                break self.else_block();
            }
        };
        self.stmt_depth = saved;
        let mut orelse = result?;
        let end = self.prev().span;
        let (_, test, body) = arms.remove(0);
        while let Some((start, test, body)) = arms.pop() {
            orelse = vec![Stmt { kind: StmtKind::If { test, body, orelse }, span: start.to(end) }];
        }
        Ok(StmtKind::If { test, body, orelse })
    }

    fn else_block(&mut self) -> PResult<Vec<Stmt>> {
        if !self.at_kw(Kw::Else) {
            return Ok(Vec::new());
        }
        let kw = self.bump();
        self.suite("'else' statement", kw.span)
    }

    fn for_stmt(&mut self) -> PResult<StmtKind> {
        let kw = self.bump();
        let target = self.target_list()?;
        self.check_target(&target, "assign to")?;
        if !self.eat_kw(Kw::In) {
            return Err(self.invalid());
        }
        let iter = self.star_expressions()?;
        let body = self.suite("'for' statement", kw.span)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::For { target, iter, body, orelse })
    }

    fn while_stmt(&mut self) -> PResult<StmtKind> {
        let kw = self.bump();
        let test = self.named_expression()?;
        let body = self.suite("'while' statement", kw.span)?;
        let orelse = self.else_block()?;
        Ok(StmtKind::While { test, body, orelse })
    }

    fn with_stmt(&mut self) -> PResult<StmtKind> {
        let kw = self.bump();
        let mut items = Vec::new();
        if self.at_op(Op::LPar) && self.parenthesised_with() {
            self.bump();
            while !self.at_op(Op::RPar) {
                items.push(self.with_item()?);
                if !self.eat_op(Op::Comma) {
                    break;
                }
            }
            self.expect_op(Op::RPar)?;
        } else {
            loop {
                items.push(self.with_item()?);
                if !self.eat_op(Op::Comma) {
                    break;
                }
            }
        }
        let body = self.suite("'with' statement", kw.span)?;
        Ok(StmtKind::With { items, body })
    }

    /// `with (a as b, c):` — the closing parenthesis is directly followed by `:`.
    fn parenthesised_with(&self) -> bool {
        let mut depth = 0usize;
        let mut i = self.pos;
        loop {
            match self.tokens[i].kind {
                Tok::Op(Op::LPar | Op::LSqb | Op::LBrace) => depth += 1,
                Tok::Op(Op::RPar | Op::RSqb | Op::RBrace) => {
                    depth -= 1;
                    if depth == 0 {
                        return self.tokens[i + 1].kind == Tok::Op(Op::Colon);
                    }
                }
                Tok::Newline | Tok::EndMarker => return false,
                _ => {}
            }
            i += 1;
        }
    }

    fn with_item(&mut self) -> PResult<WithItem> {
        let context = self.expression()?;
        let target = if self.eat_kw(Kw::As) {
            let t = self.target_list_single()?;
            self.check_target(&t, "assign to")?;
            Some(t)
        } else {
            None
        };
        let span = target.as_ref().map_or(context.span, |t| context.span.to(t.span));
        Ok(WithItem { context, target, span })
    }

    fn funcdef(&mut self, decorators: Vec<Expr>, start: Span, is_async: bool) -> PResult<FunctionDef> {
        let kw = self.bump();
        let name = self.ident()?;
        self.expect_op(Op::LPar)?;
        let params = self.params(Op::RPar, true)?;
        self.expect_op(Op::RPar)?;
        let returns = if self.eat_op(Op::Arrow) { Some(self.expression()?) } else { None };
        let ctx = super::ScopeCtx { is_async, ..Default::default() };
        let (body, is_generator) = self.in_scope(ctx, |p| p.suite("function definition", kw.span))?;
        Ok(FunctionDef { name, params, returns, body, decorators, span: start.to(self.prev().span), is_async, is_generator })
    }

    fn classdef(&mut self, decorators: Vec<Expr>) -> PResult<StmtKind> {
        let kw = self.bump();
        let name = self.ident()?;
        let (mut bases, mut keywords) = (Vec::new(), Vec::new());
        if self.at_op(Op::LPar) {
            self.bump();
            (bases, keywords) = self.call_args()?;
        }
        let ctx = super::ScopeCtx { is_class: true, ..Default::default() };
        let (body, _) = self.in_scope(ctx, |p| p.suite("class definition", kw.span))?;
        Ok(StmtKind::ClassDef { name, bases, keywords, body, decorators })
    }

    fn try_stmt(&mut self) -> PResult<StmtKind> {
        let kw = self.bump();
        let body = self.suite("'try' statement", kw.span)?;
        let mut handlers = Vec::new();
        while self.at_kw(Kw::Except) {
            let ex = self.bump();
            if self.at_op(Op::Star) {
                let star = self.bump();
                self.unsupported("except*", star.span);
            }
            let (mut kind, mut name) = (None, None);
            if !self.at_op(Op::Colon) {
                let k = self.expression()?;
                if self.at_op(Op::Comma) {
                    return Err(self.error("multiple exception types must be parenthesized", k.span));
                }
                kind = Some(k);
                if self.eat_kw(Kw::As) {
                    name = Some(self.ident()?);
                }
            }
            let hbody = self.suite("'except' statement", ex.span)?;
            handlers.push(ExceptHandler { kind, name, body: hbody, span: ex.span.to(self.prev().span) });
        }
        let orelse = if handlers.is_empty() { Vec::new() } else { self.else_block()? };
        let has_finally = self.at_kw(Kw::Finally);
        let finalbody = if has_finally {
            let f = self.bump();
            self.suite("'finally' statement", f.span)?
        } else {
            Vec::new()
        };
        if handlers.is_empty() && !has_finally {
            let span = self.tok().span;
            return Err(self.error("expected 'except' or 'finally' block", span));
        }
        Ok(StmtKind::Try { body, handlers, orelse, finalbody })
    }
}
