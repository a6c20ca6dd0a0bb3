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
    /// Keyword lookup by length and first byte, then one comparison: most names are not
    /// keywords, and a `match` on strings compares against every arm.
    pub fn lookup(s: &[u8]) -> Option<Kw> {
        let cands: &[(&[u8], Kw)] = match (s.len(), *s.first()?) {
            (2, b'a') => &[(b"as", Kw::As)],
            (2, b'i') => &[(b"if", Kw::If), (b"in", Kw::In), (b"is", Kw::Is)],
            (2, b'o') => &[(b"or", Kw::Or)],
            (3, b'a') => &[(b"and", Kw::And)],
            (3, b'd') => &[(b"def", Kw::Def), (b"del", Kw::Del)],
            (3, b'f') => &[(b"for", Kw::For)],
            (3, b'n') => &[(b"not", Kw::Not)],
            (3, b't') => &[(b"try", Kw::Try)],
            (4, b'N') => &[(b"None", Kw::None)],
            (4, b'T') => &[(b"True", Kw::True)],
            (4, b'e') => &[(b"elif", Kw::Elif), (b"else", Kw::Else)],
            (4, b'f') => &[(b"from", Kw::From)],
            (4, b'p') => &[(b"pass", Kw::Pass)],
            (4, b'w') => &[(b"with", Kw::With)],
            (5, b'F') => &[(b"False", Kw::False)],
            (5, b'a') => &[(b"async", Kw::Async), (b"await", Kw::Await)],
            (5, b'b') => &[(b"break", Kw::Break)],
            (5, b'c') => &[(b"class", Kw::Class)],
            (5, b'r') => &[(b"raise", Kw::Raise)],
            (5, b'w') => &[(b"while", Kw::While)],
            (5, b'y') => &[(b"yield", Kw::Yield)],
            (6, b'a') => &[(b"assert", Kw::Assert)],
            (6, b'e') => &[(b"except", Kw::Except)],
            (6, b'g') => &[(b"global", Kw::Global)],
            (6, b'i') => &[(b"import", Kw::Import)],
            (6, b'l') => &[(b"lambda", Kw::Lambda)],
            (6, b'r') => &[(b"return", Kw::Return)],
            (7, b'f') => &[(b"finally", Kw::Finally)],
            (8, b'c') => &[(b"continue", Kw::Continue)],
            (8, b'n') => &[(b"nonlocal", Kw::Nonlocal)],
            _ => return None,
        };
        cands.iter().find(|(text, _)| *text == s).map(|&(_, kw)| kw)
    }

    #[cfg(test)]
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

#[cfg(test)]
#[test]
fn lookup_agrees_with_the_keyword_table() {
    let words = "False None True and as assert async await break class continue def del elif else except \
                 finally for from global if import in is lambda nonlocal not or pass raise return try while \
                 with yield";
    for w in words.split_whitespace() {
        assert_eq!(Kw::lookup(w.as_bytes()), Kw::from_str(w), "{w}");
        assert!(Kw::lookup(w.as_bytes()).is_some(), "{w}");
    }
    for w in ["", "a", "IF", "none", "match", "iff", "de", "passs", "_", "ifx"] {
        assert_eq!(Kw::lookup(w.as_bytes()), None, "{w}");
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
