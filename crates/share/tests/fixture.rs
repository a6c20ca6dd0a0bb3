//! The frozen v1 fixture: a link made when v1 shipped must decode, unchanged, forever.
//!
//! NEVER regenerate `tests/data/v1_blog.link`: it proves old links keep decoding. If this
//! test fails, the decoder (or the dictionary) changed what v1 means; fix that instead. (Or
//! `migrations/blog` changed: then compare with the blog as it was when the fixture was
//! made, git show <commit>:migrations/blog/..., never by re-encoding.)

mod common;

use std::path::PathBuf;

use share::{from_link, to_link, Limits};

fn fixture_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/v1_blog.link")
}

#[test]
fn v1_blog_fixture_decodes_to_the_blog_with_its_steps() {
    let link = std::fs::read_to_string(fixture_path()).expect("tests/data/v1_blog.link");
    assert!(link.starts_with("v1/"));
    assert_eq!(from_link(&link, &Limits::LINK), Ok(common::blog_with_steps()));
    assert_eq!(from_link(&format!("#{}", link.trim()), &Limits::FILE), Ok(common::blog_with_steps()));
}

/// How the fixture was made, once: `cargo test -p share --test fixture -- --ignored`.
/// Refuses to overwrite it.
#[test]
#[ignore = "writes the frozen fixture once; never regenerate it"]
fn write_v1_blog_fixture() {
    let path = fixture_path();
    assert!(!path.exists(), "{} exists: it is frozen, never regenerate it", path.display());
    std::fs::write(&path, to_link(&common::blog_with_steps()) + "\n").unwrap();
}
