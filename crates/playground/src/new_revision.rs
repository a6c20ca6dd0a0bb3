//! `alembic revision -m "message"` in the page: a fresh 12-hex id, `down_revision` = the
//! current head(s) (a tuple when there are several: a merge), the file named as Alembic's
//! default `file_template` names it, and the body of the generic `script.py.mako`.

/// Alembic's `Create Date:` layout (`datetime.now()`, here in UTC) for Unix milliseconds:
/// `2024-03-01 09:00:00.123000`, written by the share codec's one formatter.
pub fn create_date(at_ms: i64) -> String {
    share::format_create_date(at_ms.saturating_mul(1_000))
}

/// Python's `repr` of a string (the template writes ids with it).
fn repr(s: &str) -> String {
    format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
}

/// The new file's `(path, text)`, in `versions_dir`, revising `heads`; `note` (comment lines)
/// goes at the top of `upgrade()`. The text is the share codec's rendering of Alembic's
/// generic template (the newest of `share::Revision`'s templates): one writer of the file.
pub fn render(versions_dir: &str, id: &str, message: &str, heads: &[String], create_date: &str, note: &str) -> (String, String) {
    let down_revision = match heads {
        [] => "None".to_string(),
        [one] => repr(one),
        many => format!("({})", many.iter().map(|h| repr(h)).collect::<Vec<_>>().join(", ")),
    };
    let slug = share::slug(message);
    let name = if slug.is_empty() { format!("{id}_.py") } else { format!("{id}_{slug}.py") };
    let dir = versions_dir.trim_end_matches('/');
    let path = if dir.is_empty() { name } else { format!("{dir}/{name}") };
    let note: String = note.lines().map(|l| format!("    {l}\n")).collect();
    let file = share::Revision {
        template: 0,
        message: message.to_string(),
        revision: id.to_string(),
        down_revision,
        branch_labels: "None".into(),
        depends_on: "None".into(),
        create_date: create_date.to_string(),
        imports: String::new(),
        upgrade: share::Body { docstring: true, text: format!("{note}    pass"), ..share::Body::default() },
        downgrade: share::Body { docstring: true, text: "    pass".into(), ..share::Body::default() },
        path: Some(path.clone()),
    };
    let text = file.render(&file.down_revision);
    (path, text)
}

/// The comment a follow-up revision starts with: the edit of an applied revision, line by line.
pub fn follow_up_note(revision: &str, applied: &str, edited: &str) -> String {
    use crate::safety::{line_diff, DiffTag};
    let mut note = format!("# Moved here from an edit of {revision}: Alembic never re-runs an applied revision.\n");
    for (tag, line) in line_diff(applied, edited).iter().filter(|(t, _)| *t != DiffTag::Same) {
        note.push_str(&format!("# {} {line}\n", if *tag == DiffTag::Added { '+' } else { '-' }));
    }
    note
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_date_is_alembics_layout() {
        assert_eq!(create_date(1_709_283_600_123), "2024-03-01 09:00:00.123000");
    }
    use engine::script::load_script;

    #[test]
    fn slugs_as_alembic_makes_them() {
        assert_eq!(share::slug("Add users table!"), "add_users_table");
        assert_eq!(
            share::slug("a very long message that goes on and on past forty characters"),
            "a_very_long_message_that_goes_on_and_on_"
        );
        assert_eq!(share::slug(""), "");
        // Python's \w is Unicode: `re.findall(r"\w+", "café über")` keeps the letters.
        assert_eq!(share::slug("Café über"), "café_über");
    }

    #[test]
    fn a_new_revision_loads_and_revises_the_heads() {
        let (path, text) =
            render("alembic/versions", "1a2b3c4d5e6f", "add email", &["b10900000004".into()], "2024-03-01 09:00:00.000000", "");
        assert_eq!(path, "alembic/versions/1a2b3c4d5e6f_add_email.py");
        let s = load_script(&path, &text).unwrap();
        assert_eq!(
            (s.revision.as_str(), s.down_revisions.as_slice(), s.doc()),
            ("1a2b3c4d5e6f", &["b10900000004".to_string()][..], "add email")
        );
        assert!(text.contains("Revises: b10900000004\nCreate Date: 2024-03-01 09:00:00.000000\n"));
        let (_, merge) = render("v", "ffffffffffff", "merge", &["a".into(), "b".into()], "d", "");
        assert!(merge.contains("down_revision: Union[str, Sequence[str], None] = ('a', 'b')"));
        assert_eq!(load_script("v/x.py", &merge).unwrap().down_revisions, ["a", "b"]);
        let (_, base) = render("v", "ffffffffffff", "first", &[], "d", &follow_up_note("a", "x\n", "y\n"));
        assert!(base.contains("= None\nbranch_labels"));
        assert!(base.contains("    \"\"\"Upgrade schema.\"\"\"\n    # Moved here from an edit of a: Alembic never re-runs an applied revision.\n    # - x\n    # + y\n    pass\n"), "{base}");
    }
}
