//! The scenario taken out of the page: a zip of a real Alembic project (the files as edited,
//! in a folder named after the project) whose `alembic.ini` points at a SQLite file of the
//! same name as the database download, so real `alembic` continues where the page stopped.

use crate::ini_edit;
use crate::project::Project;

/// A name safe for a file and a folder: letters, digits, `-` and `_`.
pub fn file_stem(name: &str) -> String {
    let stem: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect();
    if stem.is_empty() {
        "playground".into()
    } else {
        stem
    }
}

/// The zip to download, and what in it differs from the project.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Export {
    pub zip: Vec<u8>,
    /// One line per value written differently from the project's file:
    /// `alembic.ini key: old → new` (`(not set)` when the file did not set it).
    pub changes: Vec<String>,
}

/// What the page says after an export: one line per change, old → new.
pub fn note(changes: &[String]) -> String {
    if changes.is_empty() {
        return "Exported: every file as it is here.".into();
    }
    format!("Exported, changed so that alembic runs in the unzipped folder:\n{}", changes.join("\n"))
}

/// The project as a zip, in a folder named after it: every file as it is in the project,
/// byte for byte, but `alembic.ini`'s values that would not work in the unzipped folder (see
/// `alembic_ini`). A file path that would unpack outside that folder (`..`, absolute, a
/// drive letter) or is too long for a file system is refused by the archive writer, with the
/// path in the message.
pub fn project_zip(name: &str, files: &[(String, String)]) -> Result<Export, String> {
    let stem = file_stem(name);
    let project = Project { name: name.to_string(), files: files.to_vec(), database: None };
    let mut changes = Vec::new();
    let entries: Vec<archive::Entry> = files
        .iter()
        .map(|(path, text)| {
            let data = if path == "alembic.ini" { alembic_ini(&project, text, &stem, &mut changes) } else { text.clone() };
            archive::Entry { path: format!("{stem}/{path}"), data: data.into_bytes() }
        })
        .collect();
    let zip = archive::write_zip(&entries).map_err(|e| format!("cannot export the project: {e}"))?;
    Ok(Export { zip, changes })
}

/// `alembic.ini` for the unzipped folder: `sqlalchemy.url` is the database downloaded beside
/// it (`<stem>.sqlite`), and an absolute `script_location` that import found in the project
/// (written by `alembic init` on another machine) is that folder relative to the ini. The
/// rest of the text is kept as written.
fn alembic_ini(project: &Project, ini: &str, stem: &str, changes: &mut Vec<String>) -> String {
    let mut text = ini.to_string();
    let mut set = |key: &str, value: String| {
        let (edited, old) = ini_edit::set_value(&text, "alembic", key, &value);
        if old.as_deref() != Some(value.as_str()) {
            changes.push(format!("alembic.ini {key}: {} → {value}", old.as_deref().unwrap_or("(not set)")));
            text = edited;
        }
    };
    if let Some((_, Some(folder))) = project.absolute_script_location() {
        // `%` starts an interpolation in configparser: a folder's own `%` is written `%%`.
        set("script_location", format!("%(here)s/{}", folder.replace('%', "%%")));
    }
    set("sqlalchemy.url", format!("sqlite:///%(here)s/{stem}.sqlite"));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The zip's entries as (path, bytes).
    fn unzip(export: &Export) -> Vec<(String, Vec<u8>)> {
        let entries = archive::read_zip(&export.zip, &archive::Limits::IMPORT).unwrap();
        entries.into_iter().map(|e| (e.path, e.data)).collect()
    }

    fn ini_of(export: &Export) -> String {
        let (_, data) = unzip(export).into_iter().find(|(p, _)| p.ends_with("/alembic.ini")).unwrap();
        String::from_utf8(data).unwrap()
    }

    fn blog() -> Vec<(String, String)> {
        crate::project::Project::bundled(crate::scenarios::bundled("blog").unwrap()).files
    }

    #[test]
    fn the_ini_points_at_the_downloaded_database_and_says_so() {
        let ini = "[alembic]\n# where the scripts are\nscript_location = %(here)s/alembic\nsqlalchemy.url = postgresql://x/y\n\n[loggers]\nkeys = root\n";
        let export = project_zip("blog", &[("alembic.ini".into(), ini.into())]).unwrap();
        assert_eq!(ini_of(&export), ini.replace("postgresql://x/y", "sqlite:///%(here)s/blog.sqlite"));
        assert_eq!(
            note(&export.changes),
            "Exported, changed so that alembic runs in the unzipped folder:\n\
             alembic.ini sqlalchemy.url: postgresql://x/y → sqlite:///%(here)s/blog.sqlite"
        );
        // Not set before: added to [alembic], and said so.
        let export = project_zip("s", &[("alembic.ini".into(), "[alembic]\nscript_location = a\n[x]\n".into())]).unwrap();
        assert_eq!(ini_of(&export), "[alembic]\nsqlalchemy.url = sqlite:///%(here)s/s.sqlite\nscript_location = a\n[x]\n");
        assert_eq!(export.changes[0], "alembic.ini sqlalchemy.url: (not set) → sqlite:///%(here)s/s.sqlite");
        assert_eq!(file_stem("my app!"), "my_app_");
    }

    #[test]
    fn an_export_of_an_export_changes_nothing() {
        let first = project_zip("blog", &blog()).unwrap();
        let files: Vec<(String, String)> =
            unzip(&first).into_iter().map(|(p, d)| (p.strip_prefix("blog/").unwrap().to_string(), String::from_utf8(d).unwrap())).collect();
        let second = project_zip("blog", &files).unwrap();
        assert_eq!(second.changes, Vec::<String>::new());
        assert_eq!(note(&second.changes), "Exported: every file as it is here.");
        assert_eq!(second.zip, first.zip);
    }

    #[test]
    fn files_the_engine_does_not_use_are_kept_byte_for_byte() {
        let mut files = blog();
        let others = [
            ("transcript.json", "{\"commands\": [\"upgrade head\"]}"),
            ("README.md", "# Blog\r\n\r\nWindows line endings, no newline at the end"),
            ("setup.cfg", "[metadata]\nname = blog\n"),
            ("blog/__init__.py", ""),
            ("blog/models/post.py", "class Post: ...\n"),
        ];
        files.extend(others.iter().map(|(p, t)| (p.to_string(), t.to_string())));
        let entries = unzip(&project_zip("blog", &files).unwrap());
        for (path, text) in files.iter().filter(|(p, _)| p != "alembic.ini") {
            let found = entries.iter().find(|(p, _)| *p == format!("blog/{path}")).map(|(_, d)| d.as_slice());
            assert_eq!(found, Some(text.as_bytes()), "{path}");
        }
        assert_eq!(entries.len(), files.len());
    }

    #[test]
    fn an_absolute_script_location_found_in_the_project_is_written_relative_to_the_ini() {
        let mut files = blog();
        let ini = &mut files.iter_mut().find(|(p, _)| p == "alembic.ini").unwrap().1;
        let written = ini.clone();
        *ini = ini.replace("script_location = %(here)s/alembic", "script_location = /home/ana/work/blog/alembic");
        let export = project_zip("blog", &files).unwrap();
        assert_eq!(
            export.changes,
            [
                "alembic.ini script_location: /home/ana/work/blog/alembic → %(here)s/alembic",
                "alembic.ini sqlalchemy.url: sqlite:///%(here)s/test.db → sqlite:///%(here)s/blog.sqlite",
            ]
        );
        assert_eq!(ini_of(&export), written.replace("sqlite:///%(here)s/test.db", "sqlite:///%(here)s/blog.sqlite"));
        // A relative one, or an absolute one that names no folder of the project, is kept.
        for location in ["alembic", "/srv/elsewhere/migrations"] {
            let files: Vec<(String, String)> =
                files.iter().map(|(p, t)| (p.clone(), t.replace("/home/ana/work/blog/alembic", location))).collect();
            let export = project_zip("blog", &files).unwrap();
            assert!(ini_of(&export).contains(&format!("script_location = {location}\n")), "{location}");
            assert_eq!(export.changes.len(), 1, "{location}");
        }
    }

    #[test]
    fn paths_that_would_unpack_outside_the_folder_are_refused() {
        let file = |path: &str| vec![("alembic.ini".to_string(), "[alembic]\n".to_string()), (path.to_string(), "x".to_string())];
        for (path, why) in [
            ("blog/../../../../outside/evil.sh", "unsafe path: it contains a \"..\" component"),
            ("..\\evil.sh", "unsafe path: it contains a \"..\" component"),
            ("a/../b.py", "unsafe path: it contains a \"..\" component"),
        ] {
            let err = project_zip("blog", &file(path)).unwrap_err();
            assert!(err.starts_with("cannot export the project: entry \"blog/"), "{path}: {err}");
            assert!(err.contains(why), "{path}: {err}");
        }
        // A 70,000-byte path, and a 300-byte file name: refused, not a panic.
        let long = "a/".repeat(35_000);
        let err = project_zip("blog", &file(&long)).unwrap_err();
        assert!(err.contains("it is longer than 4,096 bytes") && err.len() < 400, "{err}");
        let err = project_zip("blog", &file(&format!("alembic/{}.py", "n".repeat(300)))).unwrap_err();
        assert!(err.contains("longer than 255 bytes"), "{err}");
        // Redundant `.` and empty components are normalised; two names for one file are refused.
        let entries =
            archive::read_zip(&project_zip("blog", &file("alembic/./versions//a.py")).unwrap().zip, &archive::Limits::IMPORT).unwrap();
        assert_eq!(entries[1].path, "blog/alembic/versions/a.py");
        let mut files = file("alembic/a.py");
        files.push(("alembic//a.py".into(), "y".into()));
        assert!(project_zip("blog", &files).unwrap_err().contains("more than once"));
    }
}
