//! Link lengths are properties of the format (deterministic, not timing). Figures for all
//! cases: `cargo run -p share --example link_lengths --release`.

mod common;

use share::{from_link, to_link, Limits};

#[test]
fn blog_with_a_few_actions_fits_in_1000_characters() {
    let scenario = common::blog_with_steps();
    let link = to_link(&scenario);
    assert!(link.len() <= 1000, "{} characters", link.len());
    assert_eq!(from_link(&link, &Limits::LINK), Ok(scenario));
}

/// The issue's goal, "60 real revision files ≤ 2,600 characters (lz-string needs about
/// 12,000)", holds for the 60 files exactly as `alembic revision` wrote them (lz-string:
/// 14,734).
#[test]
fn sixty_revision_files_as_generated_fit_in_2600_characters() {
    let scenario = common::sixty_as_generated();
    let link = to_link(&scenario);
    assert!(link.len() <= 2_600, "{} characters", link.len());
    assert_eq!(from_link(&link, &Limits::LINK), Ok(scenario));
}

/// With realistic bodies (autogenerate-style, 78 KB of files) lz-string needs 29,858
/// characters, not ~12,000, and 2,600 is out of reach of any DEFLATE link: the files
/// without bodies already take ~2,270 (random 48-bit ids, microsecond dates and messages
/// do not compress). v1 gets 4.4 times shorter than lz-string (6,714 when written); this
/// guards that against regressions.
#[test]
fn sixty_real_revision_files_with_bodies() {
    let versions = common::project("sixty", &common::sixty_dir(), true);
    let link = to_link(&versions);
    assert!(link.len() <= 7_000, "{} characters", link.len());
    assert_eq!(from_link(&link, &Limits::LINK), Ok(versions));

    let whole = common::project("sixty", &common::sixty_dir(), false);
    let link = to_link(&whole);
    assert!(link.len() <= 7_300, "{} characters", link.len());
    assert_eq!(from_link(&link, &Limits::LINK), Ok(whole));
}
