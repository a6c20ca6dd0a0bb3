//! Why a zip could not be read, in words a user can act on.

use std::fmt;

/// A zip the reader refuses. Entry names are the names as stored in the zip (decoded), so
/// the user can find the entry in their archive tool.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-central-directory record: not a zip, or cut off before its end.
    NotAZip,
    /// A ZIP64 archive or entry (over 4 GiB or 65,535 entries); `entry` is `None` when the
    /// archive as a whole is ZIP64.
    Zip64 {
        entry: Option<String>,
    },
    /// A multi-part (spanned/split) archive.
    Split,
    TooManyEntries {
        count: usize,
        limit: usize,
    },
    /// Unpacking `entry` would take the total past `limit` bytes.
    TooLarge {
        entry: String,
        limit: usize,
    },
    UnsupportedMethod {
        entry: String,
        method: u16,
    },
    Encrypted {
        entry: String,
    },
    /// Absolute path, drive letter or `..` (zip-slip).
    UnsafePath {
        entry: String,
        reason: &'static str,
    },
    /// A name that cannot be a file path (empty, NUL, bad UTF-8).
    InvalidName {
        entry: String,
        reason: &'static str,
    },
    /// Two entries unpack to the same path; which one wins would be a guess.
    Duplicate {
        entry: String,
    },
    CrcMismatch {
        entry: String,
    },
    /// Structural damage; `entry` is `None` when it is not about one entry.
    Corrupt {
        entry: Option<String>,
        reason: &'static str,
    },
}

impl fmt::Display for ZipError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ZipError::NotAZip => write!(f, "this file is not a zip archive, or it was cut off (no end-of-central-directory record)"),
            ZipError::Zip64 { entry: Some(entry) } => {
                write!(f, "entry \"{entry}\" is too large: it uses ZIP64 (over 4 GiB), which is not supported")
            }
            ZipError::Zip64 { entry: None } => {
                write!(f, "this zip is too large: it uses ZIP64 (over 4 GiB or 65,535 entries), which is not supported")
            }
            ZipError::Split => write!(f, "this zip is split into several parts (a spanned archive); join the parts into one zip first"),
            ZipError::TooManyEntries { count, limit } => {
                write!(f, "this zip has {count} entries, more than the limit of {limit}")
            }
            ZipError::TooLarge { entry, limit } => {
                write!(f, "unpacking entry \"{entry}\" would go past the limit of {} unpacked in total", Bytes(*limit))
            }
            ZipError::UnsupportedMethod { entry, method } => {
                write!(f, "entry \"{entry}\" uses compression method {method}")?;
                if let Some(name) = method_name(*method) {
                    write!(f, " ({name})")?;
                }
                write!(f, ", which is not supported; re-zip with standard deflate")
            }
            ZipError::Encrypted { entry } => write!(f, "entry \"{entry}\" is encrypted (password-protected); re-zip without a password"),
            ZipError::UnsafePath { entry, reason } => {
                write!(f, "entry \"{entry}\" has an unsafe path: {reason}; refusing to unpack it")
            }
            ZipError::InvalidName { entry, reason } => {
                write!(f, "entry \"{entry}\" has an invalid name: {reason}")
            }
            ZipError::Duplicate { entry } => {
                write!(f, "entry \"{entry}\" appears more than once in this zip")
            }
            ZipError::CrcMismatch { entry } => write!(f, "entry \"{entry}\" is damaged: its CRC-32 check failed"),
            ZipError::Corrupt { entry: Some(entry), reason } => {
                write!(f, "this zip is damaged: entry \"{entry}\": {reason}")
            }
            ZipError::Corrupt { entry: None, reason } => write!(f, "this zip is damaged: {reason}"),
        }
    }
}

impl std::error::Error for ZipError {}

/// Names of the methods people meet in practice, so the message says more than a number.
fn method_name(method: u16) -> Option<&'static str> {
    Some(match method {
        1..=6 => "a pre-deflate method",
        9 => "deflate64",
        12 => "bzip2",
        14 => "LZMA",
        93 => "Zstandard",
        95 => "xz",
        98 => "PPMd",
        99 => "AES encryption",
        _ => return None,
    })
}

/// A byte count as people say it: "256 MiB" when exact, else bytes.
struct Bytes(usize);

impl fmt::Display for Bytes {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: usize = 1 << 20;
        if self.0 >= MIB && self.0.is_multiple_of(MIB) {
            write!(f, "{} MiB", self.0 / MIB)
        } else {
            write!(f, "{} bytes", self.0)
        }
    }
}
