//! The projects bundled from `migrations/` at build time (see `build.rs`): the page's
//! catalogue, handed to the workspace.

pub use playground::scenarios::{Catalogue, Scenario, DEFAULT};

include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

// Native only: it reads `migrations/` from disk.
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;

    #[test]
    fn every_project_in_migrations_is_bundled_byte_for_byte() {
        let names: Vec<&str> = SCENARIOS.iter().map(|s| s.name).collect();
        for expected in ["blog", "blog_plain_alter", "fail_halfway", "labels_depends_on", "no_downgrade", "team_branches"] {
            assert!(names.contains(&expected), "{expected} missing from {names:?}");
        }
        let blog = playground::scenarios::find(SCENARIOS, "blog").unwrap();
        let paths: Vec<String> = blog.files().into_iter().map(|(p, _)| p).collect();
        assert_eq!(
            &paths[..4],
            ["alembic.ini", "alembic/env.py", "alembic/script.py.mako", "alembic/versions/b10900000001_create_posts.py"]
        );
        // Byte for byte what is in migrations/, and the same table the layer's tests build.
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/");
        for s in SCENARIOS {
            for (path, text) in s.files() {
                assert_eq!(std::fs::read_to_string(format!("{root}{}/{path}", s.name)).unwrap(), text, "{} {path}", s.name);
            }
        }
        assert_eq!(SCENARIOS, playground::scenarios::from_migrations_dir());
    }
}
