//! The projects bundled from `migrations/` at build time (see `build.rs`).

/// One bundled Alembic project: its README, env.py and revision files as `(path, text)`.
#[derive(Debug, PartialEq, Eq)]
pub struct Scenario {
    pub name: &'static str,
    pub readme: &'static str,
    pub env_py: &'static str,
    pub files: &'static [(&'static str, &'static str)],
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
        assert_eq!(blog.files.len(), 4);
        assert_eq!(blog.files[0].0, "alembic/versions/b10900000001_create_posts.py");
        assert!(blog.readme.starts_with("# blog"));
        assert!(blog.env_py.contains("context.configure"));
    }

    #[test]
    fn unknown_names_fall_back_to_the_blog() {
        assert_eq!(find_or_default("nope").name, "blog");
    }
}
