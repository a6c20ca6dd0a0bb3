//! Token kinds produced by the lexer; token text is always read back through its span.

use diagnostics::Span;

/// Hard keywords of Python 3.11 (soft keywords like `match` lex as names).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kw {
    False,
    None,
    True,
    And,
    As,
    Assert,
    Async,
    Await,
    Break,
    Class,
    Continue,
    Def,
    Del,
    Elif,
    Else,
    Except,
    Finally,
    For,
    From,
    Global,
    If,
    Import,
    In,
    Is,
    Lambda,
    Nonlocal,
    Not,
    Or,
    Pass,
    Raise,
    Return,
    Try,
    While,
    With,
    Yield,
}

impl Kw {
    pub fn from_str(s: &str) -> Option<Kw> {
        Some(match s {
            "False" => Kw::False,
            "None" => Kw::None,
            "True" => Kw::True,
            "and" => Kw::And,
            "as" => Kw::As,
            "assert" => Kw::Assert,
            "async" => Kw::Async,
            "await" => Kw::Await,
            "break" => Kw::Break,
            "class" => Kw::Class,
            "continue" => Kw::Continue,
            "def" => Kw::Def,
            "del" => Kw::Del,
            "elif" => Kw::Elif,
            "else" => Kw::Else,
            "except" => Kw::Except,
            "finally" => Kw::Finally,
            "for" => Kw::For,
            "from" => Kw::From,
            "global" => Kw::Global,
            "if" => Kw::If,
            "import" => Kw::Import,
            "in" => Kw::In,
            "is" => Kw::Is,
            "lambda" => Kw::Lambda,
            "nonlocal" => Kw::Nonlocal,
            "not" => Kw::Not,
            "or" => Kw::Or,
            "pass" => Kw::Pass,
            "raise" => Kw::Raise,
            "return" => Kw::Return,
            "try" => Kw::Try,
            "while" => Kw::While,
            "with" => Kw::With,
            "yield" => Kw::Yield,
            _ => return None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Name,
    Keyword(Kw),
    Number,
    /// One string literal including prefix and quotes; decoded by `string_lit`.
    String,
    Newline,
    Indent,
    Dedent,
    EndMarker,
    /// A token the lexer already reported (e.g. an unterminated string); parses as an error node.
    Error,
    /// A character Python has no token for (`$`, `?`, `!`); the parser reports it.
    Unknown,
    Op(Op),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    LPar,
    RPar,
    LSqb,
    RSqb,
    LBrace,
    RBrace,
    Colon,
    Comma,
    Semi,
    Plus,
    Minus,
    Star,
    Slash,
    VBar,
    Amper,
    Less,
    Greater,
    Equal,
    Dot,
    Percent,
    Tilde,
    Circumflex,
    At,
    EqEqual,
    NotEqual,
    LessEqual,
    GreaterEqual,
    LeftShift,
    RightShift,
    DoubleStar,
    DoubleSlash,
    Arrow,
    Ellipsis,
    ColonEqual,
    PlusEqual,
    MinEqual,
    StarEqual,
    SlashEqual,
    PercentEqual,
    AmperEqual,
    VBarEqual,
    CircumflexEqual,
    LeftShiftEqual,
    RightShiftEqual,
    DoubleStarEqual,
    DoubleSlashEqual,
    AtEqual,
}

impl Op {
    /// Longest operator at the start of `b`, with its length in bytes.
    pub fn scan(b: &[u8]) -> Option<(Op, usize)> {
        let at = |i: usize| b.get(i).copied().unwrap_or(0);
        let (c0, c1, c2) = (at(0), at(1), at(2));
        let three = match (c0, c1, c2) {
            (b'*', b'*', b'=') => Some(Op::DoubleStarEqual),
            (b'/', b'/', b'=') => Some(Op::DoubleSlashEqual),
            (b'<', b'<', b'=') => Some(Op::LeftShiftEqual),
            (b'>', b'>', b'=') => Some(Op::RightShiftEqual),
            (b'.', b'.', b'.') => Some(Op::Ellipsis),
            _ => None,
        };
        if let Some(op) = three {
            return Some((op, 3));
        }
        let two = match (c0, c1) {
            (b'=', b'=') => Some(Op::EqEqual),
            (b'!', b'=') => Some(Op::NotEqual),
            (b'<', b'>') => Some(Op::NotEqual),
            (b'<', b'=') => Some(Op::LessEqual),
            (b'>', b'=') => Some(Op::GreaterEqual),
            (b'<', b'<') => Some(Op::LeftShift),
            (b'>', b'>') => Some(Op::RightShift),
            (b'*', b'*') => Some(Op::DoubleStar),
            (b'/', b'/') => Some(Op::DoubleSlash),
            (b'-', b'>') => Some(Op::Arrow),
            (b':', b'=') => Some(Op::ColonEqual),
            (b'+', b'=') => Some(Op::PlusEqual),
            (b'-', b'=') => Some(Op::MinEqual),
            (b'*', b'=') => Some(Op::StarEqual),
            (b'/', b'=') => Some(Op::SlashEqual),
            (b'%', b'=') => Some(Op::PercentEqual),
            (b'&', b'=') => Some(Op::AmperEqual),
            (b'|', b'=') => Some(Op::VBarEqual),
            (b'^', b'=') => Some(Op::CircumflexEqual),
            (b'@', b'=') => Some(Op::AtEqual),
            _ => None,
        };
        if let Some(op) = two {
            return Some((op, 2));
        }
        let one = match c0 {
            b'(' => Op::LPar,
            b')' => Op::RPar,
            b'[' => Op::LSqb,
            b']' => Op::RSqb,
            b'{' => Op::LBrace,
            b'}' => Op::RBrace,
            b':' => Op::Colon,
            b',' => Op::Comma,
            b';' => Op::Semi,
            b'+' => Op::Plus,
            b'-' => Op::Minus,
            b'*' => Op::Star,
            b'/' => Op::Slash,
            b'|' => Op::VBar,
            b'&' => Op::Amper,
            b'<' => Op::Less,
            b'>' => Op::Greater,
            b'=' => Op::Equal,
            b'.' => Op::Dot,
            b'%' => Op::Percent,
            b'~' => Op::Tilde,
            b'^' => Op::Circumflex,
            b'@' => Op::At,
            _ => return None,
        };
        Some((one, 1))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: Tok,
    pub span: Span,
}
