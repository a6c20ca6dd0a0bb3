//! Why a link or scenario file could not be read, in words for the person who pasted it.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// No `v<digits>/` prefix.
    NotALink,
    /// `v2/…` and later: made by a newer playground.
    NewerVersion {
        version: String,
    },
    /// A character outside base64url (`found`) at `position`, or the text ends mid-byte
    /// (`found` = None) after `position` characters. Counted from 1 in the link after `#`.
    InvalidBase64 {
        position: usize,
        found: Option<char>,
    },
    /// The compressed data stops before its end.
    Truncated,
    /// The compressed data is not valid DEFLATE, or has bytes after its end.
    Damaged,
    /// The scenario unpacks to more than `cap` bytes.
    TooLarge {
        cap: usize,
    },
    TooManyFiles {
        count: u64,
        max: usize,
    },
    TooManySteps {
        count: u64,
        max: usize,
    },
    /// The unpacked payload breaks the v1 layout at byte `offset`.
    Malformed {
        offset: usize,
        reason: &'static str,
    },
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::NotALink => {
                write!(f, "this is not a scenario link: a scenario link ends in #v1/ followed by letters, digits, - and _")
            }
            ShareError::NewerVersion { version } => write!(
                f,
                "this scenario was made by a newer version of the playground (format v{version}); \
                 this page reads v1 scenarios: reload the page to get the newest playground"
            ),
            ShareError::InvalidBase64 { position, found: Some(c) } => {
                write!(f, "the link is damaged: character {position} ({c:?}) cannot appear in a scenario link")
            }
            ShareError::InvalidBase64 { position, found: None } => {
                write!(f, "the link is cut short: it ends in the middle of a byte after character {position}; was it copied completely?")
            }
            ShareError::Truncated => {
                write!(f, "the link is cut short: its compressed data stops before the end; was it copied completely?")
            }
            ShareError::Damaged => {
                write!(f, "the link is damaged: its compressed data is not valid")
            }
            ShareError::TooLarge { cap } => {
                write!(f, "the scenario unpacks to more than {}, the most this page accepts", Bytes(*cap))
            }
            ShareError::TooManyFiles { count, max } => {
                write!(f, "the scenario has {count} files; this page accepts at most {max}")
            }
            ShareError::TooManySteps { count, max } => {
                write!(f, "the scenario has {count} steps; this page accepts at most {max}")
            }
            ShareError::Malformed { offset, reason } => {
                write!(f, "the scenario data is malformed at byte {offset}: {reason}")
            }
        }
    }
}

impl std::error::Error for ShareError {}

/// A byte count as people read it: "4 MiB", "1500 bytes".
struct Bytes(usize);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: usize = 1 << 20;
        const KIB: usize = 1 << 10;
        match self.0 {
            n if n >= MIB && n % MIB == 0 => write!(f, "{} MiB", n / MIB),
            n if n >= KIB && n % KIB == 0 => write!(f, "{} KiB", n / KIB),
            n => write!(f, "{n} bytes"),
        }
    }
}
