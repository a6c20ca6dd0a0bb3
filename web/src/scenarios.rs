//! The projects bundled from `migrations/` at build time (see `build.rs`).

/// One bundled Alembic project: its README, and its files (alembic.ini, env.py,
/// script.py.mako, revision files) packed by the share codec (`share::to_packed`).
#[derive(Debug, PartialEq, Eq)]
pub struct Scenario {
    pub name: &'static str,
    pub readme: &'static str,
    pub packed: &'static [u8],
}

impl Scenario {
    /// The project's files as `(path, text)`. build.rs packed them with this codec, and a
    /// test opens every one.
    pub fn files(&self) -> Vec<(String, String)> {
        share::from_packed(self.packed, &share::Limits::FILE).map(|s| s.files).unwrap_or_default()
    }
}

include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

/// The scenario the page opens with.
pub const DEFAULT: &str = "blog";

pub fn find(name: &str) -> Option<&'static Scenario> {
    SCENARIOS.iter().find(|s| s.name == name)
}

/// The named scenario, else the default, else the first bundled one.
pub fn find_or_default(name: &str) -> &'static Scenario {
    find(name).or_else(|| find(DEFAULT)).unwrap_or(&SCENARIOS[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_project_in_migrations_is_bundled() {
        let names: Vec<&str> = SCENARIOS.iter().map(|s| s.name).collect();
        for expected in ["blog", "blog_plain_alter", "fail_halfway", "labels_depends_on", "no_downgrade", "team_branches"] {
            assert!(names.contains(&expected), "{expected} missing from {names:?}");
        }
        let blog = find("blog").unwrap();
        let files = blog.files();
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            &paths[..4],
            ["alembic.ini", "alembic/env.py", "alembic/script.py.mako", "alembic/versions/b10900000001_create_posts.py"]
        );
        assert_eq!(paths.len(), 7);
        assert!(blog.readme.starts_with("# blog"));
        // Byte for byte what is in migrations/.
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations/");
        for s in SCENARIOS {
            for (path, text) in s.files() {
                assert_eq!(std::fs::read_to_string(format!("{root}{}/{path}", s.name)).unwrap(), text, "{} {path}", s.name);
            }
        }
    }

    #[test]
    fn unknown_names_fall_back_to_the_blog() {
        assert_eq!(find_or_default("nope").name, "blog");
    }
}
