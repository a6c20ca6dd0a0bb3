//! What the user brings in, made into a project: a zip or a folder of a real Alembic project
//! (`alembic.ini` and its scripts), loose revision files (given the generic template's ini,
//! env.py and script.py.mako), a scenario file (a link too long to share), or a SQLite
//! database file to rehearse against (a copy: the file itself is never written).

use crate::project::Project;

/// A file the user picked: its path (relative to a picked folder) and its bytes.
pub type PickedFile = (String, Vec<u8>);

/// What the picked files turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Imported {
    /// A project, and the files it could not keep (not text: the page keeps text files only).
    Project { project: Project, left_out: Vec<String> },
    /// A scenario file: the text of a share link.
    Scenario(String),
    /// A database file alone: the current project starts again on a copy of it.
    Database { name: String, bytes: Vec<u8> },
}

/// SQLite's file header: how a database file is told from anything else.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";

/// `template` gives loose revision files the rest of a project (alembic.ini, env.py,
/// script.py.mako): the page passes its default bundled scenario.
pub fn import(picked: Vec<PickedFile>, template: &Project) -> Result<Imported, String> {
    if picked.is_empty() {
        return Err("no files were picked".into());
    }
    let mut files = Vec::new();
    let mut name = None;
    for (path, bytes) in picked {
        if path.to_ascii_lowercase().ends_with(".zip") {
            name.get_or_insert_with(|| stem(&path));
            let entries = archive::read_zip(&bytes, &archive::Limits::IMPORT).map_err(|e| format!("{path}: {e}"))?;
            files.extend(entries.into_iter().map(|e| (e.path, e.data)));
        } else {
            files.push((path.replace('\\', "/"), bytes));
        }
    }
    if let [(path, bytes)] = files.as_slice() {
        if bytes.starts_with(b"v1/") || (bytes.first() == Some(&b'v') && path.ends_with(".playground")) {
            let text = String::from_utf8(bytes.clone()).map_err(|_| format!("{path}: not a scenario file"))?;
            return Ok(Imported::Scenario(text));
        }
        if bytes.starts_with(SQLITE_MAGIC) {
            return Ok(Imported::Database { name: base_name(path).to_string(), bytes: bytes.clone() });
        }
    }
    let mut left_out = Vec::new();
    project(files, name, template, &mut left_out).map(|project| Imported::Project { project, left_out })
}

/// The project among `files`: the shallowest `alembic.ini` is its root; without one, every
/// revision file found becomes one of a new project's.
fn project(files: Vec<(String, Vec<u8>)>, name: Option<String>, template: &Project, left_out: &mut Vec<String>) -> Result<Project, String> {
    let ini_root = files
        .iter()
        .filter(|(p, _)| base_name(p) == "alembic.ini")
        .map(|(p, _)| p.strip_suffix("alembic.ini").unwrap_or("").to_string())
        .min_by_key(|root| root.matches('/').count());
    let missing = if name.is_some() { "the archive does not contain it" } else { "the picked files do not contain it" };
    let folder = files.first().and_then(|(p, _)| p.split_once('/')).map(|(d, _)| d.to_string());
    // Loose revision files have no project around them: named for what they are (the
    // picker adds "(imported)").
    let name = name.or(folder).unwrap_or_else(|| "revision files".into());
    let mut project = Project { name, files: Vec::new(), database: None };
    match ini_root {
        Some(root) => {
            for (path, bytes) in files {
                let Some(relative) = path.strip_prefix(root.as_str()) else { continue };
                take(&mut project, relative, bytes, left_out)?;
            }
            if let Some((path, None)) = project.absolute_script_location() {
                let last = path.trim_end_matches(['/', '\\']).rsplit(['/', '\\']).next().unwrap_or_default().to_string();
                return Err(format!(
                    "alembic.ini's script_location {path} is an absolute path and {missing} \
                     (no folder named {last} or ending in a longer part of that path holds env.py or versions/)"
                ));
            }
            if project.revision_files().is_empty() {
                let layout = project.layout();
                return Err(format!("alembic.ini was found, but no revision files in {}/", layout.versions));
            }
        }
        None => {
            project.files = template.other_files();
            for (path, bytes) in files {
                if base_name(&path).ends_with(".py") && !base_name(&path).starts_with("env.py") {
                    let text = text(&path, bytes)?;
                    if text.contains("revision") && text.contains("down_revision") {
                        project.files.push((format!("alembic/versions/{}", base_name(&path)), text));
                    }
                } else if bytes.starts_with(SQLITE_MAGIC) && project.database.is_none() {
                    project.database = Some(bytes);
                }
            }
            if project.revision_files().is_empty() {
                return Err(
                    "no alembic.ini and no revision files (Python files with `revision` and `down_revision`) among the picked files".into(),
                );
            }
        }
    }
    sorting::sort(&mut project.files);
    Ok(project)
}

/// Keeps every text file as it is, whether the engine reads it or not (a README, a
/// `setup.cfg`, the application's package: export gives them back), and the first SQLite
/// database file as the database to start from. A file the engine reads (`.py`, `.ini`,
/// `.mako`) that is not UTF-8 is an error naming it; other files that are not text are left
/// out and listed, and caches and folder metadata (`__pycache__`, `.git`, `.DS_Store`)
/// skipped.
fn take(project: &mut Project, path: &str, bytes: Vec<u8>, left_out: &mut Vec<String>) -> Result<(), String> {
    if bytes.starts_with(SQLITE_MAGIC) {
        if project.database.is_none() {
            project.database = Some(bytes);
        } else {
            left_out.push(path.to_string());
        }
        return Ok(());
    }
    if path.split('/').any(|part| part == "__pycache__" || part == ".git" || part == ".DS_Store") {
        return Ok(());
    }
    let lower = path.to_ascii_lowercase();
    let read_by_engine = [".py", ".ini", ".mako"].iter().any(|ext| lower.ends_with(ext));
    if !read_by_engine && std::str::from_utf8(&bytes).is_err() {
        left_out.push(path.to_string());
        return Ok(());
    }
    project.files.push((path.to_string(), text(path, bytes)?));
    Ok(())
}

fn text(path: &str, bytes: Vec<u8>) -> Result<String, String> {
    String::from_utf8(bytes).map_err(|e| format!("{path}: not UTF-8 text (byte {})", e.utf8_error().valid_up_to()))
}

fn base_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn stem(path: &str) -> String {
    let name = base_name(path);
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blog() -> Project {
        Project::bundled(crate::scenarios::bundled("blog").unwrap())
    }

    fn import(picked: Vec<PickedFile>) -> Result<Imported, String> {
        super::import(picked, &blog())
    }

    fn blog_files(prefix: &str) -> Vec<PickedFile> {
        let p = blog();
        p.files.into_iter().map(|(path, t)| (format!("{prefix}{path}"), t.into_bytes())).collect()
    }

    #[test]
    fn a_folder_with_alembic_ini_is_a_project() {
        let mut picked = blog_files("myapp/");
        picked.push(("myapp/alembic/__pycache__/env.cpython-311.pyc".into(), vec![0xff, 0]));
        picked.push(("myapp/app.db".into(), b"SQLite format 3\0rest".to_vec()));
        let Imported::Project { project: p, .. } = import(picked).unwrap() else { panic!() };
        assert_eq!(p.name, "myapp");
        assert_eq!(p.revision_files().len(), 4);
        assert_eq!(p.file("alembic.ini"), blog().file("alembic.ini"));
        assert!(p.database.is_some());
    }

    #[test]
    fn a_zip_of_a_project_is_a_project() {
        let entries: Vec<archive::Entry> = blog_files("repo-main/").into_iter().map(|(path, data)| archive::Entry { path, data }).collect();
        let zip = archive::write_zip(&entries).unwrap();
        let Imported::Project { project: p, .. } = import(vec![("repo-main.zip".into(), zip)]).unwrap() else { panic!() };
        assert_eq!((p.name.as_str(), p.revision_files().len()), ("repo-main", 4));
    }

    #[test]
    fn files_the_engine_does_not_use_are_kept_as_they_are() {
        let kept = [
            ("myapp/transcript.json", b"{\"steps\": []}".to_vec()),
            ("myapp/README.md", b"# My app\r\n".to_vec()),
            ("myapp/setup.cfg", b"[metadata]\nname = myapp\n".to_vec()),
            ("myapp/myapp/__init__.py", Vec::new()),
            ("myapp/myapp/models.py", b"class Post: ...\n".to_vec()),
            ("myapp/LICENSE", b"MIT".to_vec()),
        ];
        let mut picked = blog_files("myapp/");
        picked.extend(kept.iter().map(|(p, b)| (p.to_string(), b.clone())));
        picked.push(("myapp/docs/logo.png".into(), vec![0x89, b'P', b'N', b'G', 0xff, 0]));
        picked.push(("myapp/.git/HEAD".into(), b"ref: refs/heads/main\n".to_vec()));
        let folder_pick = vec![("myapp/.DS_Store".to_string(), vec![0, 0, 0, 1, b'B', b'u', 0xff])];
        let entries: Vec<archive::Entry> = picked.into_iter().map(|(path, data)| archive::Entry { path, data }).collect();
        let zip = archive::write_zip(&entries).unwrap();
        let Imported::Project { project: p, left_out } = import(vec![("myapp.zip".into(), zip)]).unwrap() else { panic!() };
        for (path, bytes) in &kept {
            let path = path.strip_prefix("myapp/").unwrap();
            assert_eq!(p.file(path).map(str::as_bytes), Some(bytes.as_slice()), "{path}");
        }
        assert_eq!(p.files.len(), blog().files.len() + kept.len());
        assert_eq!(left_out, ["docs/logo.png"]);
        // A folder picked on macOS carries Finder's .DS_Store: skipped, not listed.
        let picked = blog_files("myapp/").into_iter().chain(folder_pick).collect();
        let Imported::Project { left_out, .. } = import(picked).unwrap() else { panic!() };
        assert_eq!(left_out, Vec::<String>::new());
        // A file the engine reads must be text.
        let err = import(vec![("a/alembic.ini".into(), b"[alembic]\n".to_vec()), ("a/env.py".into(), vec![0xff])]).unwrap_err();
        assert_eq!(err, "env.py: not UTF-8 text (byte 0)");
    }

    /// The blog zipped under `prefix`, its alembic.ini saying `script_location = {location}`.
    fn zip_with_script_location(prefix: &str, location: &str) -> Vec<PickedFile> {
        let entries = blog_files(prefix)
            .into_iter()
            .map(|(path, data)| {
                let data = if path.ends_with("alembic.ini") {
                    String::from_utf8(data)
                        .unwrap()
                        .replace("script_location = %(here)s/alembic", &format!("script_location = {location}"))
                        .into_bytes()
                } else {
                    data
                };
                archive::Entry { path, data }
            })
            .collect::<Vec<_>>();
        vec![("blog.zip".into(), archive::write_zip(&entries).unwrap())]
    }

    #[test]
    fn an_absolute_script_location_is_found_in_the_archive() {
        for (prefix, location) in [
            ("", "/home/ana/work/blog/alembic"),
            ("blog/", "/home/ana/work/blog/alembic"),
            ("", r"C:\Users\ana\blog\alembic"),
            ("", "C:/Users/ana/blog/alembic/"),
        ] {
            let Imported::Project { project: p, .. } = import(zip_with_script_location(prefix, location)).unwrap() else { panic!() };
            assert!(p.file("alembic.ini").unwrap().contains(location), "the ini is kept as written");
            assert_eq!(p.layout().versions, "alembic/versions", "{prefix} {location}");
            assert_eq!(p.revision_files().len(), 4);
            assert_eq!(p.env_py().unwrap().0, "alembic/env.py");
            assert_eq!(p.absolute_script_location(), Some((location.to_string(), Some("alembic".to_string()))));
        }
    }

    #[test]
    fn the_longest_trailing_part_of_an_absolute_path_wins() {
        // alembic.ini at the top, the scripts one folder down, and a decoy `alembic/`.
        let mut picked: Vec<PickedFile> = blog_files("").into_iter().map(|(p, b)| (p.replace("alembic/", "blog/alembic/"), b)).collect();
        picked.push(("alembic/env.py".into(), b"# not this one".to_vec()));
        let ini = &mut picked.iter_mut().find(|(p, _)| p == "alembic.ini").unwrap().1;
        *ini = String::from_utf8(ini.clone()).unwrap().replace("%(here)s/alembic", "/srv/blog/alembic").into_bytes();
        let Imported::Project { project: p, .. } = import(picked).unwrap() else { panic!() };
        assert_eq!((p.layout().script_location.as_str(), p.revision_files().len()), ("blog/alembic", 4));
    }

    #[test]
    fn an_absolute_script_location_not_in_the_archive_is_refused() {
        let err = import(zip_with_script_location("", "/home/ana/work/blog/migrations")).unwrap_err();
        assert_eq!(
            err,
            "alembic.ini's script_location /home/ana/work/blog/migrations is an absolute path and the archive does not contain it \
             (no folder named migrations or ending in a longer part of that path holds env.py or versions/)"
        );
    }

    #[test]
    fn loose_revision_files_get_the_generic_template() {
        let picked: Vec<PickedFile> =
            blog_files("").into_iter().filter(|(p, _)| p.contains("versions/")).map(|(p, b)| (base_name(&p).to_string(), b)).collect();
        let Imported::Project { project: p, .. } = import(picked).unwrap() else { panic!() };
        assert_eq!(p.revision_files().len(), 4);
        assert!(p.env_py().is_some());
        assert_eq!(p.name, "revision files", "the picker shows \"revision files (imported)\"");
    }

    #[test]
    fn a_database_file_or_a_scenario_file_alone() {
        let db = import(vec![("prod.sqlite".into(), b"SQLite format 3\0...".to_vec())]).unwrap();
        assert!(matches!(db, Imported::Database { ref name, .. } if name == "prod.sqlite"));
        assert_eq!(import(vec![("x.playground".into(), b"v1/abc".to_vec())]).unwrap(), Imported::Scenario("v1/abc".into()));
    }

    #[test]
    fn nothing_usable_says_what_was_missing() {
        let err = import(vec![("notes.txt".into(), b"hello".to_vec())]).unwrap_err();
        assert!(err.starts_with("no alembic.ini and no revision files"), "{err}");
        let err = import(vec![("bad.zip".into(), b"PK nonsense".to_vec())]).unwrap_err();
        assert!(err.starts_with("bad.zip: "), "{err}");
        let mut picked = blog_files("");
        picked.retain(|(p, _)| !p.contains("versions/"));
        assert_eq!(import(picked).unwrap_err(), "alembic.ini was found, but no revision files in alembic/versions/");
    }
}
