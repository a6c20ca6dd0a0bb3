//! A scenario as a share link (`#v1/...`) and a scenario file: what a user saw, replayable.
//!
//! Format v1, frozen once shipped: `v1/` + base64url without padding (`base64url.rs`) of
//! raw DEFLATE (RFC 1951) primed with the preset dictionary `src/dictionary_v1.txt`
//! (`deflate.rs`) of the payload whose byte layout `payload.rs` documents. Revision files
//! travel as their parts when they render back exactly from Alembic's template
//! (`revision.rs`). A scenario file holds the same text as a link and is read with
//! [`Limits::FILE`].
//!
//! Reading is for untrusted input: bounded memory, every error a [`ShareError`], no panics.

mod base64url;
mod date;
mod deflate;
mod error;
mod payload;
mod revision;

pub use error::ShareError;
// The one writer of a new revision file as Alembic writes it (the page's `revision -m`).
/// Alembic's `Create Date:` text for microseconds since 1970: the one writer of that layout
/// (revision files packed here, and the page's `revision -m`).
pub use date::format as format_create_date;
pub use revision::{slug, Body, Revision};

/// Everything needed to replay what the user saw.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Scenario {
    /// What the picker shows: a bundled scenario's name or an imported project's.
    pub name: String,
    /// Every text file of the project at the start, paths relative to the project root
    /// ("alembic.ini", "alembic/env.py", "alembic/script.py.mako", "alembic/versions/x.py").
    pub files: Vec<(String, String)>,
    /// A SQLite database file to start from (imported); None = an empty database.
    pub database: Option<Vec<u8>>,
    /// What the user did, in order.
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// Command lines run as one command (console line, button, confirmed downgrade, drift
    /// fix), at the page's clock (Unix ms): the applied record stores the time.
    Run { lines: Vec<String>, at_ms: i64 },
    /// An ad-hoc SQL statement from the SQL box (seed data).
    Sql(String),
    /// A revision file written (an edit, a new revision, a revert): its whole new text.
    Edit { path: String, text: String },
    /// The environment switch: true = production.
    Production(bool),
}

/// How much a reader accepts before giving up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes the payload may inflate to. Rebuilt revision files (and 24 bytes per
    /// command line) count against a second allowance of the same size.
    pub max_unpacked_bytes: usize,
    pub max_steps: usize,
    pub max_files: usize,
}

impl Limits {
    /// For a pasted link.
    pub const LINK: Limits = Limits { max_unpacked_bytes: 4 << 20, max_steps: 10_000, max_files: 2_000 };
    /// For a downloaded scenario file, which may carry a database.
    pub const FILE: Limits = Limits { max_unpacked_bytes: 64 << 20, max_steps: 100_000, max_files: 20_000 };
}

const PREFIX: &str = "v1/";

/// The link's fragment (the part after `#`): `v1/<base64url>`. Deterministic: the same
/// scenario always gives the same link.
pub fn to_link(s: &Scenario) -> String {
    format!("{PREFIX}{}", base64url::encode(&to_packed(s)))
}

/// A v1 link's bytes before base64url: for scenarios kept in a program rather than in a URL
/// (the page's bundled ones), a quarter smaller than the link text.
pub fn to_packed(s: &Scenario) -> Vec<u8> {
    deflate::compress(&payload::encode(s))
}

/// Reads what [`to_packed`] wrote.
pub fn from_packed(packed: &[u8], limits: &Limits) -> Result<Scenario, ShareError> {
    let bytes = deflate::inflate(packed, limits.max_unpacked_bytes)?;
    payload::decode(&bytes, limits)
}

/// Reads a link's fragment or a scenario file's text. Accepts it with or without the `#`
/// (or a whole URL: what follows its `#`), with whitespace around it.
pub fn from_link(fragment: &str, limits: &Limits) -> Result<Scenario, ShareError> {
    let text = fragment.trim();
    let text = text.split_once('#').map_or(text, |(_, after)| after);
    let (digits, data) = text
        .strip_prefix('v')
        .and_then(|rest| rest.split_once('/'))
        .filter(|(digits, _)| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .ok_or(ShareError::NotALink)?;
    if digits != "1" {
        // v0, v01: never written by anyone.
        return Err(match digits.trim_start_matches('0') {
            "" | "1" => ShareError::NotALink,
            _ => ShareError::NewerVersion { version: digits.to_string() },
        });
    }
    let packed = base64url::decode(data).map_err(|base64url::BadChar(at)| {
        // Characters before `at` are all from the alphabet (ASCII): byte index = char index.
        let before = "v/".len() + digits.len() + at;
        match data[at..].chars().next() {
            Some(c) => ShareError::InvalidBase64 { position: before + 1, found: Some(c) },
            None => ShareError::InvalidBase64 { position: before, found: None },
        }
    })?;
    from_packed(&packed, limits)
}

#[cfg(test)]
mod tests;
