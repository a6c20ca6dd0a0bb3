//! Everything the CLI reads from disk for the engine: `alembic.ini`, `env.py`, the revision
//! files of each version location, and the SQLite file named by `sqlalchemy.url`.

use std::path::{Path, PathBuf};

use engine::config::IniFile;
use engine::database::{Connector, Database, DatabaseError};
use engine::env_py::{EnvOptions, EnvPyError};
use engine::operations::modules::ProjectModules;
use engine::project::{ProjectConfig, ProjectError};
use engine::script::ScriptSource;

pub struct Project {
    pub ini: IniFile,
    pub config: ProjectConfig,
    /// `env.py` read statically; its error surfaces only for commands that run the environment.
    pub env: Result<EnvOptions, EnvPyError>,
}

#[derive(Debug, thiserror::Error)]
pub enum FilesError {
    #[error(transparent)]
    Project(#[from] ProjectError),
    #[error("Path doesn't exist: {0}.  Please use the 'init' command to create a new scripts folder.")]
    NoScriptLocation(String),
    #[error("could not read {path}: {error}")]
    Read { path: String, error: std::io::Error },
    #[error("{0}")]
    Config(#[from] engine::config::ConfigError),
    /// A FIFO, socket or device where a file is read: opening it could block forever.
    #[error("{path} is not a regular file ({kind}); refusing to read it")]
    NotRegular { path: String, kind: &'static str },
}

/// What a non-regular file is, for the message.
fn kind_name(kind: std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else if kind.is_dir() {
        "a directory"
    } else {
        "not a file"
    }
}

/// Refuses what is not a regular file (following symlinks) before it is opened.
fn ensure_regular(path: &Path) -> Result<(), FilesError> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(FilesError::NotRegular { path: path.display().to_string(), kind: kind_name(meta.file_type()) }),
        _ => Ok(()),
    }
}

/// Reads a text file with plain `read` calls until end of file. Revision files are small, so
/// this skips the `statx` + `lseek` that `fs::read_to_string` makes for its size hint: two
/// system calls in six, which shows on a 5,000-file project.
/// `scratch` is reused from file to file; the text is copied out at its exact size.
fn read_with(path: &Path, scratch: &mut Vec<u8>) -> Result<String, FilesError> {
    use std::io::Read;
    let fail = |error: std::io::Error| FilesError::Read { path: path.display().to_string(), error };
    let mut file = std::fs::File::open(path).map_err(fail)?;
    let bytes = scratch;
    if bytes.len() < 8192 {
        bytes.resize(8192, 0);
    }
    let mut len = 0;
    loop {
        if len == bytes.len() {
            bytes.resize(len * 2, 0);
        }
        match file.read(&mut bytes[len..]) {
            Ok(0) => break,
            Ok(n) => len += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(fail(e)),
        }
    }
    String::from_utf8(bytes[..len].to_vec()).map_err(|e| fail(std::io::Error::new(std::io::ErrorKind::InvalidData, e)))
}

impl Project {
    pub fn open(ini_path: &str, section: &str) -> Result<Project, FilesError> {
        let path = Path::new(ini_path);
        ensure_regular(path)?;
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            // Alembic reports a missing file the same way as a missing section.
            Err(_) => return Err(ProjectError::NoSection(ini_path.to_string(), section.to_string()).into()),
        };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let here = absolute.parent().map(|p| p.display().to_string()).unwrap_or_default();
        let ini = IniFile::parse(ini_path, &text, &here)?;
        let config = ProjectConfig::from_ini(ini_path, &ini, section)?;
        if !Path::new(&config.script_location).exists() {
            return Err(FilesError::NoScriptLocation(config.script_location.clone()));
        }
        let env_path = Path::new(&config.script_location).join("env.py");
        ensure_regular(&env_path)?;
        let env = match std::fs::read_to_string(&env_path) {
            Ok(text) => EnvOptions::from_env_py(&env_path.display().to_string(), &text),
            Err(_) => Ok(EnvOptions::default()),
        };
        Ok(Project { ini, config, env })
    }

    /// Revision files of every version location, with resolved absolute paths (what Alembic's
    /// `Path:` shows). Missing locations are skipped, as Alembic does.
    pub fn script_source(&self) -> Result<ScriptSource, FilesError> {
        let mut locations = Vec::new();
        for location in &self.config.version_locations {
            // Resolve the directory once; only symlinked files need resolving on their own.
            let Ok(dir) = std::fs::canonicalize(location) else { continue };
            // Alembic walks subdirectories (top-down, sorted, `__pycache__` skipped) only with
            // `recursive_version_locations`; each directory's files are sorted on their own.
            let dirs = if self.config.recursive_version_locations { walk(&dir) } else { vec![dir] };
            for dir in dirs {
                locations.push(read_all(revision_paths(&dir)?)?);
            }
        }
        Ok(ScriptSource { locations })
    }

    /// The project's own `.py` files under the `prepend_sys_path` roots, for the imports of
    /// revision files: regular files only (FIFOs, sockets and devices are skipped unread),
    /// not inside hidden directories, `__pycache__`, virtual environments or the version
    /// locations; at most [`MAX_MODULE_FILES`] files of at most [`MAX_MODULE_BYTES`] each,
    /// [`MAX_MODULE_DEPTH`] directories deep.
    pub fn python_modules(&self) -> ProjectModules {
        let versions: Vec<PathBuf> = self.config.version_locations.iter().filter_map(|l| std::fs::canonicalize(l).ok()).collect();
        let mut files = Vec::new();
        for root in &self.config.prepend_sys_path {
            let mut todo = vec![(PathBuf::from(root), String::from(root.trim_end_matches('/')), 0usize)];
            while let Some((dir, shown, depth)) = todo.pop() {
                let Ok(entries) = std::fs::read_dir(&dir) else { continue };
                let mut entries: Vec<_> = entries.flatten().collect();
                entries.sort_by_key(|e| e.file_name());
                for entry in entries {
                    if files.len() >= MAX_MODULE_FILES {
                        break;
                    }
                    let name = entry.file_name().to_string_lossy().to_string();
                    let path = entry.path();
                    let Ok(meta) = std::fs::metadata(&path) else { continue };
                    let shown = format!("{shown}/{name}");
                    if meta.is_dir() {
                        let skip = name.starts_with('.')
                            || matches!(name.as_str(), "__pycache__" | "node_modules" | "site-packages" | "venv" | "target")
                            || depth + 1 > MAX_MODULE_DEPTH
                            || std::fs::canonicalize(&path).is_ok_and(|c| versions.contains(&c));
                        if !skip {
                            todo.push((path, shown, depth + 1));
                        }
                    } else if meta.is_file() && name.ends_with(".py") && meta.len() <= MAX_MODULE_BYTES {
                        let mut scratch = Vec::new();
                        if let Ok(text) = read_with(&path, &mut scratch) {
                            files.push((shown, text));
                        }
                    }
                }
            }
        }
        ProjectModules::new(&self.config.prepend_sys_path, files)
    }
}

/// How many of the project's `.py` files imports may find, at most.
pub const MAX_MODULE_FILES: usize = 2_000;
/// A project module larger than this is not read (revision helpers are a few KB).
pub const MAX_MODULE_BYTES: u64 = 1 << 20;
/// How deep below a `sys.path` root modules are looked for.
pub const MAX_MODULE_DEPTH: usize = 12;

/// `dir` and its subdirectories, depth first, each level sorted by name.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = vec![dir.to_path_buf()];
    let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.flatten().filter(|e| e.file_type().is_ok_and(|t| t.is_dir())).map(|e| e.path()).collect())
        .unwrap_or_default();
    subdirs.sort();
    for sub in subdirs {
        if !sub.file_name().is_some_and(|n| n.to_string_lossy().ends_with("__pycache__")) {
            out.extend(walk(&sub));
        }
    }
    out
}

/// The `*.py` files directly in `dir`. A `*.py` that is a FIFO, socket or device (or a
/// symlink to one) is refused: reading it would block or never end.
fn revision_paths(dir: &Path) -> Result<Vec<PathBuf>, FilesError> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Ok(Vec::new()) };
    let mut paths = Vec::new();
    for entry in entries.flatten() {
        let Ok(kind) = entry.file_type() else { continue };
        let name = entry.file_name();
        if kind.is_dir() || !name.to_string_lossy().ends_with(".py") {
            continue;
        }
        if kind.is_symlink() {
            let Ok(p) = std::fs::canonicalize(entry.path()) else { continue };
            match std::fs::metadata(&p) {
                Ok(meta) if meta.is_file() => paths.push(p),
                Ok(meta) if !meta.is_dir() => {
                    return Err(FilesError::NotRegular { path: entry.path().display().to_string(), kind: kind_name(meta.file_type()) })
                }
                _ => continue,
            }
        } else if kind.is_file() {
            paths.push(dir.join(&name));
        } else {
            return Err(FilesError::NotRegular { path: entry.path().display().to_string(), kind: kind_name(kind) });
        }
    }
    Ok(paths)
}

/// Reads files on all cores: on a large project the system calls dominate.
fn read_all(paths: Vec<PathBuf>) -> Result<Vec<(String, String)>, FilesError> {
    let read_chunk = |chunk: &[PathBuf]| -> Result<Vec<(String, String)>, FilesError> {
        let mut scratch = Vec::new();
        chunk.iter().map(|p| Ok((p.display().to_string(), read_with(p, &mut scratch)?))).collect()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    if threads < 2 || paths.len() < 256 {
        return read_chunk(&paths);
    }
    let chunk = paths.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = paths.chunks(chunk).map(|c| scope.spawn(move || read_chunk(c))).collect();
        let mut files = Vec::with_capacity(paths.len());
        for h in handles {
            files.extend(h.join().expect("reader threads do not panic")?);
        }
        Ok(files)
    })
}

/// Opens the SQLite file of `sqlalchemy.url` on first use (creating it, as SQLAlchemy's
/// pysqlite driver does).
pub struct FileDatabase {
    url: Option<String>,
    version_table: String,
    db: Option<Database>,
}

impl FileDatabase {
    pub fn new(url: Option<String>, version_table: String) -> FileDatabase {
        FileDatabase { url, version_table, db: None }
    }
}

/// `sqlite:///relative.db`, `sqlite:////absolute.db`, `sqlite://` / `sqlite:///:memory:`.
fn sqlite_path(url: &str) -> Option<&str> {
    let rest = url.strip_prefix("sqlite")?;
    let rest = rest.strip_prefix("+pysqlite").unwrap_or(rest);
    let rest = rest.strip_prefix("://")?;
    let path = rest.strip_prefix('/').unwrap_or(rest);
    Some(path.split('?').next().unwrap_or(path))
}

impl Connector for FileDatabase {
    fn connect(&mut self) -> Result<&mut Database, DatabaseError> {
        if self.db.is_none() {
            let url = self.url.clone().unwrap_or_default();
            let path = sqlite_path(&url).ok_or_else(|| DatabaseError::Sqlite {
                kind: "sqlalchemy.exc.ArgumentError",
                message: format!("only SQLite URLs are supported here, not '{url}'"),
            })?;
            let conn = if path.is_empty() || path == ":memory:" {
                rusqlite::Connection::open_in_memory()
            } else {
                rusqlite::Connection::open(path)
            }
            .map_err(|_| DatabaseError::Open { path: path.to_string() })?;
            self.db = Some(Database::new(conn, url, self.version_table.clone()));
        }
        Ok(self.db.as_mut().expect("just opened"))
    }
}

/// `check --seed FILE.sql`: the seed's text.
pub fn read_text(path: &str) -> Result<String, FilesError> {
    std::fs::read_to_string(path).map_err(|error| FilesError::Read { path: path.to_string(), error })
}

/// `check --against-copy`: the bytes of the database file of `sqlalchemy.url`, read once;
/// the check runs on an in-memory copy and never opens the file for writing.
pub fn read_database_copy(url: Option<&str>) -> Result<Vec<u8>, String> {
    let url = url.unwrap_or_default();
    let path = sqlite_path(url).ok_or_else(|| format!("only SQLite URLs are supported here, not '{url}'"))?;
    if path.is_empty() || path == ":memory:" {
        return Err(format!("--against-copy needs a database file; sqlalchemy.url is '{url}'"));
    }
    std::fs::read(path).map_err(|e| format!("could not read the database {path}: {e}"))
}

/// `check --junit FILE`.
pub fn write_text(path: &str, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("could not write {path}: {e}"))
}

/// The directory holding the ini file, resolved, for showing project paths relative to it.
pub fn project_root(ini_path: &str) -> String {
    let dir = Path::new(ini_path).parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::canonicalize(dir).map(|p| p.display().to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::sqlite_path;

    #[test]
    fn sqlite_urls() {
        assert_eq!(sqlite_path("sqlite:///test.db"), Some("test.db"));
        assert_eq!(sqlite_path("sqlite:////tmp/x/test.db"), Some("/tmp/x/test.db"));
        assert_eq!(sqlite_path("sqlite://"), Some(""));
        assert_eq!(sqlite_path("sqlite+pysqlite:///:memory:"), Some(":memory:"));
        assert_eq!(sqlite_path("postgresql://u@h/db"), None);
    }
}
