//! Zip archives of Alembic projects, read and written: a small, careful subset of the format.
//!
//! Reading takes what macOS Finder, Windows Explorer, Info-ZIP `zip`, Python's `zipfile` and
//! GitHub's "Download ZIP" produce: stored and DEFLATE entries, data descriptors, comments,
//! bytes before the archive. It refuses everything else (other methods, encryption, ZIP64,
//! multi-part archives, unsafe paths) with a message naming the entry, and never unpacks more
//! than [`Limits`] allow. Writing is deterministic. DEFLATE is `miniz_oxide`; the container,
//! CRC-32 and names are here, because the `zip` crate is too large for the wasm page.

#![forbid(unsafe_code)]

mod crc32;
mod error;
mod format;
mod names;
mod read;
mod write;

pub use error::ZipError;

/// One file of an archive: its `/`-separated relative path and its bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub data: Vec<u8>,
}

impl Entry {
    pub fn new(path: impl Into<String>, data: impl Into<Vec<u8>>) -> Entry {
        Entry { path: path.into(), data: data.into() }
    }
}

/// Bounds on what reading an untrusted zip may cost.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Entries in the central directory, skipped ones included.
    pub max_entries: usize,
    /// Unpacked bytes of all kept files together.
    pub max_total_bytes: usize,
}

impl Limits {
    /// For projects users import: far above any real Alembic project, far below a zip bomb.
    pub const IMPORT: Limits = Limits { max_entries: 10_000, max_total_bytes: 256 << 20 };
}

/// Files of a zip, in central-directory order; directory entries skipped.
///
/// Also skipped: macOS junk (`__MACOSX/`, `._*` AppleDouble files, `.DS_Store`). Paths use
/// `/` (a stored `\` is read as `/`), with empty and `.` components dropped. Names are UTF-8
/// when flagged so, or when they are valid UTF-8 (Finder and Info-ZIP do not set the flag),
/// else CP437. Sizes and CRC-32 come from the central directory and are checked.
pub fn read_zip(bytes: &[u8], limits: &Limits) -> Result<Vec<Entry>, ZipError> {
    read::read_zip(bytes, limits)
}

/// A zip of `entries` (DEFLATE when it is smaller, else stored), deterministic: fixed
/// timestamp 1980-01-01 00:00, no extra fields, UTF-8 flag set when a name is not ASCII;
/// files are mode 0644.
///
/// Paths are normalised as reading normalises them (`\` as `/`, empty and `.` components
/// dropped) and refused as reading refuses them (`..`, absolute, drive letter, NUL, over
/// 4,096 bytes or a component over 255): whoever unzips the archive writes only inside its
/// folder. Also refused: two entries with the same path, and what needs ZIP64 (a file or
/// archive of 4 GiB or more, more than 65,534 entries).
pub fn write_zip(entries: &[Entry]) -> Result<Vec<u8>, ZipError> {
    write::write_zip(entries)
}
