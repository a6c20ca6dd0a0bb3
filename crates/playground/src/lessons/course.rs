//! The course: every lesson folder (`NN-id/lesson.json` and `story.md`, with any file a
//! `write` move names), in the order of the folder names, each with its project: a folder of
//! `projects/` beside the lessons, or a bundled project (`migrations/`). A lesson's id is its
//! folder name without the number. The files come in as `(path, text)` — read from disk by the
//! CLI and the tests, bundled into the page by web/build.rs — and are read by this one code.

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

/// The folder's files: `(path relative to the course folder, text)`.
pub type Files<'a> = &'a [(String, String)];

fn text<'a>(files: Files<'a>, path: &str) -> Option<&'a str> {
    files.iter().find(|(p, _)| p == path).map(|(_, t)| t.as_str())
}

impl Course {
    /// A lesson by id, or by its 1-based number in the course.
    pub fn find(&self, key: &str) -> Option<&CourseLesson> {
        match key.parse::<usize>() {
            Ok(n) => self.lessons.get(n.checked_sub(1)?),
            Err(_) => self.lessons.iter().find(|l| l.id == key),
        }
    }

    /// Every lesson of `files`; a project not in `projects/` is asked of `bundled`.
    pub fn from_files(files: Files, bundled: &dyn Fn(&str) -> Option<Project>) -> Result<Course, CourseError> {
        let mut dirs: Vec<&str> = files.iter().filter_map(|(p, _)| p.strip_suffix("/lesson.json")).filter(|d| !d.contains('/')).collect();
        sorting::sort(&mut dirs);
        let mut lessons = Vec::new();
        for dir in dirs {
            let id = dir.split_once('-').filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit())).map_or(dir, |(_, id)| id).to_string();
            let lesson = read_lesson(files, dir)?;
            let prefix = format!("projects/{}/", lesson.project);
            let own: Vec<(String, String)> =
                files.iter().filter_map(|(p, t)| p.strip_prefix(&prefix).map(|rel| (rel.to_string(), t.clone()))).collect();
            let project = if own.is_empty() {
                bundled(&lesson.project).ok_or_else(|| CourseError {
                    path: format!("{dir}/lesson.json"),
                    message: format!("no project named {:?} in projects/ or among the bundled ones", lesson.project),
                })?
            } else {
                Project { name: lesson.project.clone(), files: own, database: None }
            };
            lessons.push(CourseLesson { id, project, lesson });
        }
        Ok(Course { lessons })
    }

    /// The course of this repository: `lessons/`, with `migrations/` as the bundled projects.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn of_repository() -> Result<Course, CourseError> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        Course::load(&root.join("lessons"), &root.join("migrations"))
    }

    /// A course folder on disk; projects not in its `projects/` come from `migrations_dir`.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn load(lessons_dir: &std::path::Path, migrations_dir: &std::path::Path) -> Result<Course, CourseError> {
        let files = read_tree(lessons_dir).map_err(|message| CourseError { path: lessons_dir.display().to_string(), message })?;
        let bundled = |name: &str| -> Option<Project> {
            let files = read_tree(&migrations_dir.join(name)).ok()?;
            let files: Vec<(String, String)> =
                files.into_iter().filter(|(p, _)| [".ini", ".py", ".mako"].iter().any(|e| p.ends_with(e))).collect();
            (!files.is_empty()).then(|| Project { name: name.to_string(), files, database: None })
        };
        Course::from_files(&files, &bundled)
    }
}

/// lesson.json with its story and the files its `write` moves name read in.
fn read_lesson(files: Files, dir: &str) -> Result<Lesson, CourseError> {
    let path = format!("{dir}/lesson.json");
    let err = |message: String| CourseError { path: path.clone(), message };
    let json = text(files, &path).unwrap_or_default();
    let mut lesson: Lesson = serde_json::from_str(json).map_err(|e| err(format!("line {}, column {}: {e}", e.line(), e.column())))?;
    if lesson.story.is_empty() {
        lesson.story = text(files, &format!("{dir}/story.md")).unwrap_or_default().to_string();
    }
    for mv in lesson.start.iter_mut().chain(lesson.solution.iter_mut()) {
        if let Move::Write { text: body, file: file @ Some(_), .. } = mv {
            let name = file.take().unwrap_or_default();
            *body =
                text(files, &format!("{dir}/{name}")).ok_or_else(|| err(format!("{name}: no such file beside lesson.json")))?.to_string();
        }
    }
    if lesson.goal.is_empty() || lesson.solution.is_empty() || lesson.par == 0 {
        return Err(err("a lesson needs a goal, a solution and a par of at least 1".into()));
    }
    Ok(lesson)
}

/// Every text file under `root` (no `__pycache__`, no databases), as `(relative path, text)`.
#[cfg(not(target_arch = "wasm32"))]
fn read_tree(root: &std::path::Path) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
            let path = entry.map_err(|e| e.to_string())?.path();
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if path.is_dir() {
                if name != "__pycache__" {
                    stack.push(path);
                }
            } else if [".json", ".md", ".ini", ".py", ".mako", ".txt"].iter().any(|ext| name.ends_with(ext)) {
                let rel = path.strip_prefix(root).map_err(|e| e.to_string())?.to_string_lossy().replace('\\', "/");
                out.push((rel, std::fs::read_to_string(&path).map_err(|e| format!("{name}: {e}"))?));
            }
        }
    }
    sorting::sort(&mut out);
    Ok(out)
}
