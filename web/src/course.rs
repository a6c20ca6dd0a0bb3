//! The course bundled from `lessons/` at build time (see `build.rs`), read by the layer's
//! course reader (`playground::lessons::course`, the CLI's too), once, when first asked; and
//! the learner's progress in the browser's storage.

use std::rc::Rc;

use playground::lessons::course::Course;
use playground::lessons::progress::Progress;
use playground::project::Project;

use crate::browser;
use crate::scenarios::SCENARIOS;

include!(concat!(env!("OUT_DIR"), "/lessons.rs"));

const PROGRESS: &str = "alembic-playground:lessons";

thread_local! {
    static COURSE: Rc<Result<Course, String>> = Rc::new(read());
}

fn read() -> Result<Course, String> {
    let files: Vec<(String, String)> = LESSON_FILES.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect();
    let bundled = |name: &str| playground::scenarios::find(SCENARIOS, name).map(Project::bundled);
    Course::from_files(&files, &bundled).map_err(|e| e.to_string())
}

/// The course, read on first use.
pub fn course() -> Rc<Result<Course, String>> {
    COURSE.with(Rc::clone)
}

/// Progress as stored (nothing stored or no storage: a first visit).
pub fn load_progress() -> Progress {
    Progress::parse(&browser::get(false, PROGRESS).ok().flatten().unwrap_or_default())
}

pub fn save_progress(p: &Progress) {
    // Progress is a convenience: a browser that refuses storage still runs the lessons.
    let _ = browser::set(false, PROGRESS, &p.to_text());
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    #[test]
    fn the_bundled_course_is_the_repositorys() {
        let bundled = super::course();
        let bundled = bundled.as_ref().as_ref().unwrap();
        let disk = playground::lessons::course::Course::of_repository().unwrap();
        assert_eq!(bundled.lessons.len(), disk.lessons.len());
        for (a, b) in bundled.lessons.iter().zip(&disk.lessons) {
            assert_eq!((&a.id, &a.lesson), (&b.id, &b.lesson));
            let mut files = a.project.files.clone();
            files.sort();
            let mut disk_files = b.project.files.clone();
            disk_files.sort();
            assert_eq!(files, disk_files, "{}", a.id);
        }
    }
}
