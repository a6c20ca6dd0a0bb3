//! Zips made by other tools (Python's zipfile, Info-ZIP; see data/make_fixtures.py): each read
//! to the exact entries, or refused with the exact error.

use std::path::PathBuf;

use archive::{read_zip, write_zip, Entry, Limits, ZipError};

const FILES: [&str; 4] =
    ["alembic.ini", "migrations/env.py", "migrations/script.py.mako", "migrations/versions/1a2b3c4d5e6f_create_users.py"];

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(data_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn read(name: &str) -> Result<Vec<Entry>, ZipError> {
    read_zip(&fixture(name), &Limits::IMPORT)
}

/// The project files under `prefix`, as the fixtures hold them.
fn project(prefix: &str) -> Vec<Entry> {
    FILES.iter().map(|f| Entry::new(format!("{prefix}{f}"), std::fs::read(data_dir().join("proj").join(f)).unwrap())).collect()
}

/// Same text as BIG_SQL in make_fixtures.py.
fn big_sql() -> Vec<u8> {
    (0..5000).map(|i| format!("INSERT INTO users VALUES ({i}, 'user {i}');\n")).collect::<String>().into_bytes()
}

const UNICODE_NAME: &str = "migrations/versions/ünïcødé_revisión.py";
const UNICODE_DATA: &str = "# ünïcødé ✓\n";

/// Flag bit 3 in the first local header: the fixture really uses data descriptors.
fn first_entry_has_descriptor(zip: &[u8]) -> bool {
    zip[6] & 0x08 != 0
}

#[test]
fn python_deflated() {
    let mut want = project("");
    want.push(Entry::new("empty.txt", ""));
    want.push(Entry::new("data/big.sql", big_sql()));
    assert_eq!(read("py_deflated.zip").unwrap(), want);
}

#[test]
fn python_stored_with_a_utf8_name() {
    let mut want = project("");
    want.push(Entry::new(UNICODE_NAME, UNICODE_DATA));
    assert_eq!(read("py_stored.zip").unwrap(), want);
}

#[test]
fn python_data_descriptors() {
    let zip = fixture("py_descriptor.zip");
    assert!(first_entry_has_descriptor(&zip));
    // The local header leaves CRC and sizes zero; only the central directory has them.
    assert_eq!(zip[14..26], [0; 12]);
    assert_eq!(read_zip(&zip, &Limits::IMPORT).unwrap(), project(""));
}

#[test]
fn finder_directories_and_macos_junk_are_skipped() {
    let want = vec![
        Entry::new("proj/alembic.ini", std::fs::read(data_dir().join("proj/alembic.ini")).unwrap()),
        Entry::new("proj/migrations/env.py", std::fs::read(data_dir().join("proj/migrations/env.py")).unwrap()),
    ];
    assert_eq!(read("finder.zip").unwrap(), want);
}

#[test]
fn github_download_with_a_comment() {
    let zip = fixture("github.zip");
    assert!(zip.ends_with(b"0123456789abcdef0123456789abcdef01234567"));
    assert_eq!(read_zip(&zip, &Limits::IMPORT).unwrap(), project("repo-main/"));
}

#[test]
fn bytes_before_the_archive() {
    assert!(fixture("prepended.zip").starts_with(b"#!/bin/sh"));
    assert_eq!(read("prepended.zip").unwrap(), project("")[..2]);
}

#[test]
fn windows_backslashes_and_cp437_name() {
    let mut want = project("proj/")[..2].to_vec();
    want.push(Entry::new("proj/café.txt", b"caf\xe9\n".to_vec()));
    assert_eq!(read("windows_cp437.zip").unwrap(), want);
}

/// Info-ZIP writes the UTF-8 name without the UTF-8 flag; it is read as UTF-8 all the same.
fn infozip_entries() -> Vec<Entry> {
    let mut want = project("proj/");
    want.push(Entry::new("proj/migrations/versions/café.py", "# café\n"));
    want
}

#[test]
fn infozip() {
    assert_eq!(read("infozip.zip").unwrap(), infozip_entries());
}

#[test]
fn infozip_to_a_pipe_uses_data_descriptors() {
    let zip = fixture("infozip_stream.zip");
    // The first entry is the directory, written before zip knew it could not seek.
    assert!(zip.windows(4).filter(|w| *w == b"PK\x07\x08").count() >= 5);
    assert_eq!(read_zip(&zip, &Limits::IMPORT).unwrap(), infozip_entries());
}

#[test]
fn infozip_encrypted() {
    let err = read("infozip_encrypted.zip").unwrap_err();
    assert_eq!(err, ZipError::Encrypted { entry: "proj/alembic.ini".into() });
    assert_eq!(err.to_string(), "entry \"proj/alembic.ini\" is encrypted (password-protected); re-zip without a password");
}

#[test]
fn bzip2_is_refused_by_name() {
    let err = read("bzip2.zip").unwrap_err();
    assert_eq!(err, ZipError::UnsupportedMethod { entry: "migrations/env.py".into(), method: 12 });
    assert_eq!(
        err.to_string(),
        "entry \"migrations/env.py\" uses compression method 12 (bzip2), which is not supported; \
         re-zip with standard deflate"
    );
}

#[test]
fn zip_slip_is_refused_by_name() {
    let err = read("zip_slip.zip").unwrap_err();
    assert_eq!(err, ZipError::UnsafePath { entry: "../evil.py".into(), reason: "it contains a \"..\" component" });
    assert_eq!(err.to_string(), "entry \"../evil.py\" has an unsafe path: it contains a \"..\" component; refusing to unpack it");
}

#[test]
fn zip64_is_refused() {
    let err = read("zip64.zip").unwrap_err();
    assert_eq!(err, ZipError::Zip64 { entry: None });
    assert_eq!(err.to_string(), "this zip is too large: it uses ZIP64 (over 4 GiB or 65,535 entries), which is not supported");
}

/// What our writer makes of the fixtures' files; make_fixtures.py checks the committed copy
/// with Python's zipfile. `ARCHIVE_BLESS=1` rewrites it.
#[test]
fn ours_zip_is_current() {
    let mut entries = project("");
    entries.push(Entry::new(UNICODE_NAME, UNICODE_DATA));
    entries.push(Entry::new("empty.txt", ""));
    entries.push(Entry::new("data/big.sql", big_sql()));
    let zip = write_zip(&entries).unwrap();
    assert_eq!(read_zip(&zip, &Limits::IMPORT).unwrap(), entries);
    let path = data_dir().join("ours.zip");
    if std::env::var_os("ARCHIVE_BLESS").is_some() {
        std::fs::write(&path, &zip).unwrap();
    }
    assert!(fixture("ours.zip") == zip, "ours.zip is stale: rerun with ARCHIVE_BLESS=1");
}
