//! The course: every lesson of a folder (`lessons/NN-id/lesson.json` and `story.md`), in the
//! order of their folder names, each with its project's files (a folder of
//! `lessons/projects/` or of `migrations/`). A lesson's id is its folder name without the
//! number.

use std::path::{Path, PathBuf};

use super::format::{Lesson, Move};
use crate::project::Project;

pub struct CourseLesson {
    pub id: String,
    pub lesson: Lesson,
    pub project: Project,
}

pub struct Course {
    pub lessons: Vec<CourseLesson>,
}

/// Why a lesson cannot be read: its file and, for JSON, the line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CourseError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for CourseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl Course {
    /// A lesson by id, or by its 1-based number in the course.
    pub fn find(&self, key: &str) -> Option<&CourseLesson> {
        match key.parse::<usize>() {
            Ok(n) => self.lessons.get(n.checked_sub(1)?),
            Err(_) => self.lessons.iter().find(|l| l.id == key),
        }
    }

    /// The course of this repository: `lessons/`, with `migrations/` beside it.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of_repository() -> Result<Course, CourseError> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        Course::load(&root.join("lessons"), &root.join("migrations"))
    }

    /// Every lesson folder of `lessons_dir` (those holding a lesson.json), in name order.
    pub fn load(lessons_dir: &Path, migrations_dir: &Path) -> Result<Course, CourseError> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(lessons_dir)
            .map_err(|e| CourseError { path: lessons_dir.display().to_string(), message: e.to_string() })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.join("lesson.json").is_file())
            .collect();
        dirs.sort();
        let mut lessons = Vec::new();
        for dir in dirs {
            let name = dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let id =
                name.split_once('-').filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit())).map_or(name.as_str(), |(_, id)| id).to_string();
            let lesson = read_lesson(&dir)?;
            let project_dir = [lessons_dir.join("projects").join(&lesson.project), migrations_dir.join(&lesson.project)]
                .into_iter()
                .find(|p| p.is_dir())
                .ok_or_else(|| CourseError {
                    path: dir.join("lesson.json").display().to_string(),
                    message: format!("no project named {:?} in lessons/projects/ or migrations/", lesson.project),
                })?;
            let files = project_files(&project_dir).map_err(|message| CourseError { path: project_dir.display().to_string(), message })?;
            lessons.push(CourseLesson { id, project: Project { name: lesson.project.clone(), files, database: None }, lesson });
        }
        Ok(Course { lessons })
    }
}

/// lesson.json with its story and the files its `write` moves name read in.
pub fn read_lesson(dir: &Path) -> Result<Lesson, CourseError> {
    let path = dir.join("lesson.json");
    let err = |message: String| CourseError { path: path.display().to_string(), message };
    let text = std::fs::read_to_string(&path).map_err(|e| err(e.to_string()))?;
    let mut lesson: Lesson = serde_json::from_str(&text).map_err(|e| err(format!("line {}, column {}: {e}", e.line(), e.column())))?;
    if lesson.story.is_empty() {
        lesson.story = std::fs::read_to_string(dir.join("story.md")).unwrap_or_default();
    }
    for mv in lesson.start.iter_mut().chain(lesson.solution.iter_mut()) {
        if let Move::Write { text, file: file @ Some(_), .. } = mv {
            let name = file.take().unwrap_or_default();
            if name.contains("..") || name.starts_with('/') {
                return Err(err(format!("{name}: a lesson's files are beside lesson.json")));
            }
            *text = std::fs::read_to_string(dir.join(&name)).map_err(|e| err(format!("{name}: {e}")))?;
        }
    }
    if lesson.goal.is_empty() || lesson.solution.is_empty() || lesson.par == 0 {
        return Err(err("a lesson needs a goal, a solution and a par of at least 1".into()));
    }
    Ok(lesson)
}

/// The project's text files (ini, Python, templates) as `(path relative to the project, text)`.
fn project_files(root: &Path) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<PathBuf> =
            std::fs::read_dir(&dir).map_err(|e| e.to_string())?.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for path in entries {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if path.is_dir() {
                if name != "__pycache__" {
                    stack.push(path);
                }
            } else if [".ini", ".py", ".mako"].iter().any(|ext| name.ends_with(ext)) {
                let rel = path.strip_prefix(root).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?));
            }
        }
    }
    out.sort();
    Ok(out)
}
