//! Prints how long share links are (characters after `#`) for the bundled projects, the
//! blog with the v1 fixture's steps and the 60-revision corpus:
//! `cargo run -p share --example link_lengths --release`.

#[path = "../tests/common/mod.rs"]
mod common;

use share::{to_link, Scenario};

fn main() {
    let mut rows: Vec<(String, Scenario)> = Vec::new();
    let migrations = common::repo_root().join("migrations");
    let mut names: Vec<String> =
        std::fs::read_dir(&migrations).expect("migrations/").map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    for name in names {
        rows.push((format!("migrations/{name}"), common::project(&name, &migrations.join(&name), false)));
    }
    rows.push(("blog + 4 steps (the v1 fixture)".into(), common::blog_with_steps()));
    rows.push(("sixty: 60 versions/*.py only".into(), common::project("sixty", &common::sixty_dir(), true)));
    rows.push(("sixty: whole project".into(), common::project("sixty", &common::sixty_dir(), false)));
    rows.push(("sixty: versions as generated (bodies `pass`)".into(), common::sixty_as_generated()));
    for (label, scenario) in rows {
        let text: usize = scenario.files.iter().map(|(p, t)| p.len() + t.len()).sum();
        println!("{label:<44} {:>7} chars ({} files, {text} bytes of paths and text)", to_link(&scenario).len(), scenario.files.len());
    }
}
