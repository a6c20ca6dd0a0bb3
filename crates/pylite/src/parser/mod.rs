//! Recursive-descent parser over the token vector: cursor helpers, error reporting and recovery.

mod args;
mod context;
mod display;
mod expr;
mod fstring;
mod simple;
mod stmt;

use crate::ast::Module;
use crate::lexer::{self, Lexed};
use crate::token::{Kw, Op, Tok, Token};
use diagnostics::{Diagnostic, Span};

/// Recursion the expression parser accepts: the lexer already stops at 100 nested brackets;
/// this also bounds `- - - ... x`, `not not ...`, `a ** b ** ...` and nested ternaries.
/// A nesting level costs a few KB of stack (13 KB in debug builds), and wasm has 1 MB.
const MAX_DEPTH: usize = 110;

/// Nodes wrapped around a left operand (`a + b + ...`, `a.b.c(...)[...]`) per statement.
/// Bounds the tree depth, so dropping, cloning and dumping a tree cannot exhaust the stack.
const MAX_WRAPS: usize = 5_000;

/// Depth of nested statement bodies, where each `elif` nests one level (as in Python's `ast`):
/// bounds the statement tree's depth for the same reason.
const MAX_STMT_DEPTH: usize = 1_000;

/// A syntax error was reported; the caller resynchronises at the next statement.
#[derive(Debug)]
pub(crate) struct Fail;

pub(crate) type PResult<T> = Result<T, Fail>;

pub(crate) struct Parser<'a> {
    src: &'a str,
    tokens: Vec<Token>,
    pos: usize,
    errors: Vec<Diagnostic>,
    depth: usize,
    wraps: usize,
    stmt_depth: usize,
    unclosed_at: Option<u32>,
    /// The lexer already said "too many nested parentheses": do not say it again.
    too_deep_reported: bool,
    /// The function, lambda and class bodies being parsed, innermost last.
    scopes: Vec<ScopeCtx>,
    /// A `yield`, `await` or `async` comprehension was seen: `context::check` runs after parsing.
    needs_context_check: bool,
}

/// A body being parsed: whether it is an `async def`'s, a class's, and whether it yields.
#[derive(Clone, Copy, Default)]
struct ScopeCtx {
    is_async: bool,
    is_class: bool,
    has_yield: bool,
}

thread_local! {
    /// The token buffer of the previous parse on this thread. Reusing it matters for speed:
    /// a fresh multi-KB allocation per file makes glibc's malloc consolidate all the small
    /// chunks the previous file's tree freed (measured: ~10% of parse time).
    static TOKENS: std::cell::Cell<Vec<Token>> = const { std::cell::Cell::new(Vec::new()) };
}

/// Buffers above this many tokens are not kept for reuse, so one huge file does not pin memory.
const KEEP_TOKENS: usize = 1 << 16;

pub(crate) fn parse_module(src: &str) -> (Module, Vec<Diagnostic>) {
    let buf = TOKENS.with(|t| t.take());
    let Lexed { tokens, errors, unclosed_at } = lexer::tokenize_into(src, buf);
    let too_deep_reported = errors.iter().any(|d| d.message == "too many nested parentheses");
    let mut p = Parser {
        src,
        tokens,
        pos: 0,
        errors: Vec::new(),
        depth: 0,
        wraps: 0,
        stmt_depth: 0,
        unclosed_at,
        too_deep_reported,
        scopes: Vec::new(),
        needs_context_check: false,
    };
    let body = p.module_body();
    if p.tokens.capacity() <= KEEP_TOKENS {
        TOKENS.with(|t| t.set(std::mem::take(&mut p.tokens)));
    }
    let mut all = errors;
    all.extend(p.errors);
    let module = Module { body };
    if p.needs_context_check {
        context::check(&module, &mut all);
    }
    // Report in source order, lexer and parser findings interleaved.
    sorting::sort_by_key(&mut all, |d| d.primary_span().map_or(u32::MAX, |s| s.start));
    (module, all)
}

impl<'a> Parser<'a> {
    fn tok(&self) -> Token {
        self.tokens[self.pos.min(self.tokens.len() - 1)]
    }

    fn peek(&self) -> Tok {
        self.tok().kind
    }

    fn peek_at(&self, n: usize) -> Tok {
        self.tokens[(self.pos + n).min(self.tokens.len() - 1)].kind
    }

    fn bump(&mut self) -> Token {
        let t = self.tok();
        if self.pos < self.tokens.len() - 1 {
            self.pos += 1;
        }
        t
    }

    /// The token before the current one (for "expected ':'" positions).
    fn prev(&self) -> Token {
        self.tokens[self.pos.saturating_sub(1)]
    }

    fn at_op(&self, op: Op) -> bool {
        self.peek() == Tok::Op(op)
    }

    fn eat_op(&mut self, op: Op) -> bool {
        let hit = self.at_op(op);
        if hit {
            self.bump();
        }
        hit
    }

    fn at_kw(&self, kw: Kw) -> bool {
        self.peek() == Tok::Keyword(kw)
    }

    fn eat_kw(&mut self, kw: Kw) -> bool {
        let hit = self.at_kw(kw);
        if hit {
            self.bump();
        }
        hit
    }

    fn text(&self, span: Span) -> &'a str {
        &self.src[span.range()]
    }

    fn report(&mut self, d: Diagnostic) {
        // Everything after a never-closed bracket was joined into one line: noise.
        if let (Some(at), Some(span)) = (self.unclosed_at, d.primary_span()) {
            if span.start >= at && d.code != "unsupported" {
                return;
            }
        }
        self.errors.push(d);
    }

    fn error(&mut self, msg: impl Into<String>, span: Span) -> Fail {
        self.report(lexer::syntax_error(msg, span));
        Fail
    }

    fn indentation_error(&mut self, msg: impl Into<String>, span: Span) {
        self.report(Diagnostic::error("indentation-error", msg).with_label(span, "here"));
    }

    /// "invalid syntax" at the current token, unless the lexer already reported it.
    fn invalid(&mut self) -> Fail {
        let t = self.tok();
        if t.kind == Tok::Error {
            return Fail;
        }
        self.error("invalid syntax", t.span)
    }

    fn expect_op(&mut self, op: Op) -> PResult<Token> {
        if self.at_op(op) {
            Ok(self.bump())
        } else {
            Err(self.invalid())
        }
    }

    fn unsupported(&mut self, what: &str, span: Span) {
        self.report(
            Diagnostic::error("unsupported", format!("not supported in revision files: '{what}'"))
                .with_label(span, "valid Python, but not supported here"),
        );
    }

    /// Parses a function, lambda or class body in its own scope; returns whether it yields.
    fn in_scope<T>(&mut self, ctx: ScopeCtx, body: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<(T, bool)> {
        self.scopes.push(ctx);
        let r = body(self);
        let ctx = self.scopes.pop().unwrap_or_default();
        Ok((r?, ctx.has_yield))
    }

    /// Inside an `async def` (not in a class or function nested in it)?
    fn in_async_function(&self) -> bool {
        self.scopes.last().is_some_and(|s| s.is_async && !s.is_class)
    }

    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            if self.too_deep_reported {
                return Err(Fail);
            }
            self.too_deep_reported = true;
            let span = self.tok().span;
            return Err(self.error("too many nested parentheses", span));
        }
        Ok(())
    }

    fn wrap(&mut self) -> PResult<()> {
        self.wraps += 1;
        if self.wraps > MAX_WRAPS {
            let span = self.tok().span;
            return Err(self.error("expression too complex to parse", span));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    /// Skips to the start of the next statement after an error: past the NEWLINE, and past
    /// an indented block that belonged to the failed header (parsed, so its errors show too).
    fn recover(&mut self) {
        loop {
            match self.peek() {
                Tok::EndMarker | Tok::Dedent => return,
                Tok::Newline => {
                    self.bump();
                    break;
                }
                Tok::Indent => break,
                _ => {
                    self.bump();
                }
            }
        }
        if self.peek() == Tok::Indent {
            self.bump();
            self.block_body();
        }
    }

    /// Skips a line and its indented block without parsing them (a `match` statement).
    fn skip_statement(&mut self) {
        while !matches!(self.peek(), Tok::Newline | Tok::EndMarker) {
            self.bump();
        }
        self.bump();
        if self.peek() != Tok::Indent {
            return;
        }
        let mut level = 0usize;
        loop {
            match self.bump().kind {
                Tok::Indent => level += 1,
                Tok::Dedent => {
                    level -= 1;
                    if level == 0 {
                        return;
                    }
                }
                Tok::EndMarker => return,
                _ => {}
            }
        }
    }
}
