//! Call arguments, parameter lists (`def`, `lambda`) and subscript slices.

use super::{PResult, Parser};
use crate::ast::*;
use crate::token::{Kw, Op, Tok};

impl<'a> Parser<'a> {
    /// After `(`: positional args (with `*x`) and keywords (with `**x`), through `)`.
    pub(super) fn call_args(&mut self) -> PResult<(Vec<Expr>, Vec<Keyword>)> {
        let mut args = Vec::new();
        let mut keywords: Vec<Keyword> = Vec::new();
        while !self.at_op(Op::RPar) {
            let start = self.tok().span;
            if self.at_op(Op::DoubleStar) {
                self.bump();
                let value = self.expression()?;
                let span = start.to(value.span);
                keywords.push(Keyword { name: None, value, span });
            } else if self.peek() == Tok::Name && self.peek_at(1) == Tok::Op(Op::Equal) {
                let name = self.ident()?;
                self.bump();
                let value = self.expression()?;
                let span = start.to(value.span);
                keywords.push(Keyword { name: Some(name), value, span });
            } else {
                let star = self.at_op(Op::Star);
                let mut e = if star { self.star_expression()? } else { self.named_expression()? };
                if !star && (self.at_kw(Kw::For) || self.at_kw(Kw::Async)) {
                    let span = e.span;
                    e = self.comprehension(CompKind::Generator, e, None, span)?;
                }
                if self.at_op(Op::Equal) {
                    let span = e.span.to(self.tok().span);
                    return Err(self.error("expression cannot contain assignment, perhaps you meant \"==\"?", span));
                }
                if star && keywords.iter().any(|k| k.name.is_none()) {
                    return Err(self.error("iterable argument unpacking follows keyword argument unpacking", e.span));
                }
                if !star && !keywords.is_empty() {
                    let msg = if keywords.iter().any(|k| k.name.is_none()) {
                        "positional argument follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument"
                    };
                    return Err(self.error(msg, e.span));
                }
                args.push(e);
            }
            if !self.eat_op(Op::Comma) {
                let last = keywords
                    .last()
                    .filter(|k| args.last().is_none_or(|a| k.span.start > a.span.start))
                    .map(|k| &k.value)
                    .or_else(|| args.last())
                    .expect("one argument was parsed");
                let (span, is_name) = (last.span, matches!(last.kind, ExprKind::Name(_)));
                self.expect_closer_after(Op::RPar, span, is_name)?;
                return Ok((args, keywords));
            }
        }
        self.bump();
        Ok((args, keywords))
    }

    /// Parameters up to (not including) `closer`; annotations only in `def`.
    pub(super) fn params(&mut self, closer: Op, annotations: bool) -> PResult<Vec<Param>> {
        let mut params: Vec<Param> = Vec::new();
        let mut kind = ParamKind::Normal;
        let mut seen_default = false;
        while !self.at_op(closer) {
            let start = self.tok().span;
            if self.at_op(Op::Slash) {
                self.bump();
                if kind != ParamKind::Normal || params.is_empty() {
                    return Err(self.error("at least one argument must precede /", start));
                }
                params.iter_mut().for_each(|p| p.kind = ParamKind::PositionalOnly);
            } else if self.at_op(Op::DoubleStar) {
                self.bump();
                let p = self.param(ParamKind::VarKeywords, annotations, start)?;
                params.push(p);
            } else if self.at_op(Op::Star) {
                self.bump();
                if kind == ParamKind::KeywordOnly {
                    return Err(self.error("* argument may appear only once", start));
                }
                if self.peek() == Tok::Name {
                    let p = self.param(ParamKind::VarArgs, annotations, start)?;
                    params.push(p);
                }
                kind = ParamKind::KeywordOnly;
            } else {
                let p = self.param(kind, annotations, start)?;
                if p.default.is_some() {
                    seen_default = true;
                } else if seen_default && kind == ParamKind::Normal {
                    return Err(self.error("non-default argument follows default argument", p.span));
                }
                params.push(p);
            }
            if !self.eat_op(Op::Comma) {
                break;
            }
        }
        Ok(params)
    }

    fn param(&mut self, kind: ParamKind, annotations: bool, start: diagnostics::Span) -> PResult<Param> {
        let name = self.ident()?;
        let annotation = if annotations && self.eat_op(Op::Colon) { Some(self.expression()?) } else { None };
        let default = if matches!(kind, ParamKind::Normal | ParamKind::KeywordOnly) && self.eat_op(Op::Equal) {
            Some(self.expression()?)
        } else {
            None
        };
        Ok(Param { name, kind, annotation, default, span: start.to(self.prev().span) })
    }

    /// Inside `[...]`: one slice or index, or a tuple of them.
    pub(super) fn slices(&mut self) -> PResult<Expr> {
        let first = self.slice()?;
        if !self.at_op(Op::Comma) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            if self.at_op(Op::RSqb) {
                break;
            }
            items.push(self.slice()?);
        }
        let span = items[0].span.to(self.prev().span);
        Ok(Expr { kind: ExprKind::Tuple(items), span })
    }

    fn slice(&mut self) -> PResult<Expr> {
        let start = self.tok().span;
        let lower = if self.at_op(Op::Colon) {
            None
        } else {
            let e = self.star_named_expression()?;
            if !self.at_op(Op::Colon) {
                return Ok(e);
            }
            Some(Box::new(e))
        };
        self.bump();
        let bound = |p: &mut Self| -> PResult<Option<Box<Expr>>> {
            if matches!(p.peek(), Tok::Op(Op::Colon | Op::Comma | Op::RSqb)) {
                Ok(None)
            } else {
                Ok(Some(Box::new(p.expression()?)))
            }
        };
        let upper = bound(self)?;
        let step = if self.eat_op(Op::Colon) { bound(self)? } else { None };
        Ok(Expr { kind: ExprKind::Slice { lower, upper, step }, span: start.to(self.prev().span) })
    }
}
