//! Round trips and every error, with its message.

use super::*;

fn revision_file(rev: &str, down: &str, message: &str, up: &str) -> (String, String) {
    let (revises, down_repr) = if down.is_empty() { (String::new(), "None".to_string()) } else { (down.to_string(), format!("'{down}'")) };
    let text = format!(
        "\"\"\"{message}\n\nRevision ID: {rev}\nRevises: {revises}\nCreate Date: 2025-01-02 03:04:05.678901\n\n\"\"\"\n\
         from typing import Sequence, Union\n\nfrom alembic import op\nimport sqlalchemy as sa\n\n\n\
         # revision identifiers, used by Alembic.\nrevision: str = '{rev}'\n\
         down_revision: Union[str, Sequence[str], None] = {down_repr}\n\
         branch_labels: Union[str, Sequence[str], None] = None\n\
         depends_on: Union[str, Sequence[str], None] = None\n\n\n\
         def upgrade() -> None:\n    \"\"\"Upgrade schema.\"\"\"\n{up}\n\n\n\
         def downgrade() -> None:\n    \"\"\"Downgrade schema.\"\"\"\n    pass\n"
    );
    let slug = message.replace(' ', "_");
    (format!("alembic/versions/{rev}_{slug}.py"), text)
}

fn sample() -> Scenario {
    Scenario {
        name: "blog".into(),
        files: vec![
            ("alembic.ini".into(), "[alembic]\nscript_location = %(here)s/alembic\n".into()),
            revision_file("aaaa00000001", "", "create users", "    op.create_table('users', sa.Column('id', sa.Integer()))"),
            revision_file("bbbb00000002", "aaaa00000001", "add email", "    op.add_column('users', sa.Column('email', sa.String()))"),
        ],
        database: None,
        steps: vec![
            Step::Run { lines: vec!["upgrade head".into()], at_ms: 1_764_000_000_000 },
            Step::Sql("INSERT INTO users (id) VALUES (1)".into()),
            Step::Edit { path: "alembic/versions/bbbb00000002_add_email.py".into(), text: "# edited\n".into() },
            Step::Run { lines: vec!["downgrade -1".into(), "upgrade head".into()], at_ms: 1_763_999_999_000 },
            Step::Production(true),
            Step::Production(false),
            Step::Run { lines: vec![], at_ms: i64::MIN },
            Step::Run { lines: vec![String::new()], at_ms: i64::MAX },
        ],
    }
}

fn round_trip(s: &Scenario) -> String {
    let link = to_link(s);
    assert_eq!(from_link(&link, &Limits::LINK).as_ref(), Ok(s), "{link}");
    link
}

#[test]
fn round_trips_every_step_kind() {
    let link = round_trip(&sample());
    assert!(link.starts_with("v1/"));
    assert!(link[3..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
    assert_eq!(to_link(&sample()), link, "deterministic");
}

#[test]
fn revision_files_are_packed_and_referenced() {
    let bytes = payload::encode(&sample());
    // The template's text is not in the payload; ids are 6 bytes, and the second file's
    // down_revision is a reference to the first file, not its id again.
    assert!(!bytes.windows(11).any(|w| w == b"Revision ID"));
    let id = [0xaa, 0xaa, 0, 0, 0, 1];
    assert_eq!(bytes.windows(6).filter(|w| *w == id).count(), 1);
    let text: usize = sample().files.iter().map(|(p, t)| p.len() + t.len()).sum();
    assert!(bytes.len() * 3 < text, "{} bytes for {text}", bytes.len());
}

#[test]
fn empty_scenario() {
    let link = round_trip(&Scenario::default());
    assert!(link.len() < 10, "{link}");
}

#[test]
fn unicode_and_edge_text() {
    round_trip(&Scenario {
        name: "données — 日本語 🚀".into(),
        files: vec![
            ("alembic/versions/ü.py".into(), "# ünïcödé\n\0\r\n".into()),
            revision_file("cafe", "", "ajouter les élèves", "    op.execute(\"UPDATE t SET x = 'é'\")"),
            ("".into(), "".into()),
        ],
        database: None,
        steps: vec![Step::Sql("SELECT '🚀'".into())],
    });
}

#[test]
fn database_blob_and_empty_database() {
    let mut s = sample();
    s.database = Some((0..=255u8).cycle().take(100_000).collect());
    round_trip(&s);
    s.database = Some(Vec::new());
    round_trip(&s);
}

#[test]
fn merge_revisions_and_odd_headers_round_trip() {
    let (path, text) = revision_file("dddd", "bbbb00000002", "merge", "    pass");
    let merge = text
        .replace("Revises: bbbb00000002", "Revises: aaaa00000001, bbbb00000002")
        .replace("= 'bbbb00000002'", "= ('aaaa00000001', 'bbbb00000002')")
        .replace("branch_labels: Union[str, Sequence[str], None] = None", "branch_labels: Union[str, Sequence[str], None] = ('core',)");
    let mut s = sample();
    s.files.push((path.clone(), merge));
    s.files.push((path, text.replace("Revises: bbbb00000002", "Revises: xyz")));
    s.files.push(("alembic/versions/other.py".into(), revision_file("eeee", "nowhere", "m", "    pass").1));
    round_trip(&s);
}

#[test]
fn accepts_hash_url_and_whitespace() {
    let link = to_link(&sample());
    for pasted in [format!("#{link}"), format!("  {link}\n"), format!("\t#{link} "), format!("https://example.org/play/#{link}")] {
        assert_eq!(from_link(&pasted, &Limits::LINK), Ok(sample()));
    }
}

fn err(link: &str) -> ShareError {
    from_link(link, &Limits::LINK).unwrap_err()
}

#[test]
fn not_a_link() {
    for text in ["", "hello", "v/abc", "1/abc", "vx/abc", "v1abc", "#", "v0/AA", "v01/AA"] {
        assert_eq!(err(text), ShareError::NotALink, "{text:?}");
    }
    assert_eq!(
        ShareError::NotALink.to_string(),
        "this is not a scenario link: a scenario link ends in #v1/ followed by letters, digits, - and _"
    );
}

#[test]
fn newer_version() {
    let e = err("#v2/AAAA");
    assert_eq!(e, ShareError::NewerVersion { version: "2".into() });
    assert_eq!(
        e.to_string(),
        "this scenario was made by a newer version of the playground (format v2); \
         this page reads v1 scenarios: reload the page to get the newest playground"
    );
    assert_eq!(err("v123456789012345678901234567890/x"), ShareError::NewerVersion { version: "123456789012345678901234567890".into() });
}

#[test]
fn invalid_base64_says_where() {
    let link = to_link(&sample());
    let bad = format!("{}%{}", &link[..10], &link[11..]);
    let e = err(&bad);
    assert_eq!(e, ShareError::InvalidBase64 { position: 11, found: Some('%') });
    assert_eq!(e.to_string(), "the link is damaged: character 11 ('%') cannot appear in a scenario link");
    assert_eq!(err("#v1/AAAA+"), ShareError::InvalidBase64 { position: 8, found: Some('+') });
    assert_eq!(err("v1/AAAAA"), ShareError::InvalidBase64 { position: 8, found: None });
    assert_eq!(
        err("v1/AAAAA").to_string(),
        "the link is cut short: it ends in the middle of a byte after character 8; was it copied completely?"
    );
}

#[test]
fn truncated_and_damaged_data() {
    let link = to_link(&sample());
    let cut = &link[..link.len() - 8];
    let e = err(cut);
    assert_eq!(e, ShareError::Truncated);
    assert_eq!(e.to_string(), "the link is cut short: its compressed data stops before the end; was it copied completely?");
    // 0b111: a final block of the reserved type 3.
    let e = err("v1/Bw");
    assert_eq!(e, ShareError::Damaged);
    assert_eq!(e.to_string(), "the link is damaged: its compressed data is not valid");
}

/// A link whose payload is `payload`, whatever it says.
fn link_of(payload: &[u8]) -> String {
    format!("v1/{}", base64url::encode(&deflate::compress(payload)))
}

#[test]
fn zip_bomb_stops_at_the_cap() {
    let bomb = link_of(&vec![b'a'; 5 << 20]);
    assert!(bomb.len() < 10_000, "{}", bomb.len());
    let e = err(&bomb);
    assert_eq!(e, ShareError::TooLarge { cap: 4 << 20 });
    assert_eq!(e.to_string(), "the scenario unpacks to more than 4 MiB, the most this page accepts");
    // Scenario files allow more (and this one is then malformed, not too large).
    assert!(matches!(from_link(&bomb, &Limits::FILE), Err(ShareError::Malformed { .. })));
}

#[test]
fn references_cannot_multiply_the_decoded_size() {
    // One revision with a 200 KB id, and 1,000 files whose down_revision points at it:
    // a small payload that would render to ~400 MB.
    let big = "f".repeat(200_000);
    let mut s = Scenario::default();
    s.files.push(revision_file(&big, "", "root", "    pass"));
    for i in 0..1000 {
        s.files.push(revision_file(&format!("r{i}"), &big, "child", "    pass"));
    }
    let link = to_link(&s);
    assert!(link.len() < 30_000, "{}", link.len());
    assert_eq!(err(&link), ShareError::TooLarge { cap: 4 << 20 });
    let roomy = Limits { max_unpacked_bytes: 1 << 30, ..Limits::FILE };
    assert_eq!(from_link(&link, &roomy).map(|d| d.files.len()), Ok(1001));
}

#[test]
fn empty_lines_cannot_multiply_the_decoded_size() {
    // One Run step with a million empty lines: 1 MB of payload, 24 MB as Strings.
    let s = Scenario { steps: vec![Step::Run { lines: vec![String::new(); 1_000_000], at_ms: 0 }], ..Scenario::default() };
    let link = to_link(&s);
    assert!(link.len() < 5_000, "{}", link.len());
    assert_eq!(err(&link), ShareError::TooLarge { cap: 4 << 20 });
    assert_eq!(from_link(&link, &Limits::FILE), Ok(s));
}

#[test]
fn too_many_files_and_steps() {
    let s = Scenario { files: vec![("a".into(), "".into()); 2001], ..Scenario::default() };
    let e = err(&to_link(&s));
    assert_eq!(e, ShareError::TooManyFiles { count: 2001, max: 2000 });
    assert_eq!(e.to_string(), "the scenario has 2001 files; this page accepts at most 2000");
    assert_eq!(from_link(&to_link(&s), &Limits::FILE), Ok(s));

    let s = Scenario { steps: vec![Step::Production(true); 10_001], ..Scenario::default() };
    let e = err(&to_link(&s));
    assert_eq!(e, ShareError::TooManySteps { count: 10_001, max: 10_000 });
    assert_eq!(e.to_string(), "the scenario has 10001 steps; this page accepts at most 10000");
}

#[test]
fn malformed_payloads_say_where() {
    let cases: &[(&[u8], usize, &str)] = &[
        (b"", 0, "the data ends early"),
        (b"\x05ab", 0, "a length runs past the end of the data"),
        (b"\x02\xff\xfe", 1, "a text is not valid UTF-8"),
        (b"\x00\x09", 1, "a count is larger than the data that follows"),
        (b"\x00\x01\x07", 2, "unknown file kind"),
        (b"\x00\x00\x02", 2, "unknown database marker"),
        (b"\x00\x00\x00\x01\x09", 4, "unknown step kind"),
        (b"\x00\x00\x00\x01\x03\x02", 5, "the production switch is neither 0 nor 1"),
        (b"\x00\x00\x00\x00\x00", 4, "bytes left over after the last step"),
        (b"\x00\x00\x00\x01\x00\x00\xff\xff\xff\xff\xff\xff\xff\xff\xff\x7f", 6, "a number does not fit in 64 bits"),
        (b"\x00\x01\x01\x80\x10", 3, "unknown revision flags"),
        // A revision whose down_revision points at file 0, which is itself a text file.
        (b"\x00\x02\x00\x00\x00\x01\x00\x00\x00\x02\x00\x00\x00\x00\x00\x00\x00\x00", 9, "a reference to a file that is not a revision"),
    ];
    for &(payload, offset, reason) in cases {
        assert_eq!(err(&link_of(payload)), ShareError::Malformed { offset, reason }, "{payload:?}");
    }
    assert_eq!(
        err(&link_of(b"\x00\x00\x00\x00\x00")).to_string(),
        "the scenario data is malformed at byte 4: bytes left over after the last step"
    );
}

/// Python's zlib reads the stream with the dictionary as `zdict`: the format is plain
/// raw DEFLATE with a preset dictionary, readable outside this crate.
#[test]
fn python_zlib_reads_the_stream_with_the_preset_dictionary() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let manifest = env!("CARGO_MANIFEST_DIR");
    let venv = format!("{manifest}/../../.venv/bin/python");
    let python = if std::path::Path::new(&venv).exists() { venv.as_str() } else { "python3" };
    let payload = payload::encode(&sample());
    let script = "import sys, zlib\n\
                  d = open(sys.argv[1], 'rb').read()\n\
                  z = zlib.decompressobj(wbits=-15, zdict=d)\n\
                  out = z.decompress(sys.stdin.buffer.read())\n\
                  assert z.eof and not z.unused_data\n\
                  sys.stdout.buffer.write(out)";
    let mut child = Command::new(python)
        .args(["-c", script, &format!("{manifest}/src/dictionary_v1.txt")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child.stdin.take().unwrap().write_all(&deflate::compress(&payload)).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    assert_eq!(out.stdout, payload);
}

/// The payload decoder on its own (most damaged links stop in base64 or inflate): many
/// mutated payloads, each Ok or Err, never a panic. Deterministic xorshift.
#[test]
fn damaged_payloads_never_panic() {
    let mut s = sample();
    s.database = Some(vec![1, 2, 3]);
    s.files.push(revision_file("cccc", "aaaa00000001", "third", "    pass"));
    let good = payload::encode(&s);
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    let limits = Limits { max_unpacked_bytes: 1 << 16, max_steps: 50, max_files: 50 };
    let mut failures = 0;
    for _ in 0..30_000 {
        let mut bytes = good.clone();
        for _ in 0..1 + next(4) {
            let at = next(bytes.len());
            match next(5) {
                0 => bytes.truncate(at),
                1 => bytes[at] ^= 1 << next(8),
                2 => bytes[at] = next(256) as u8,
                3 => bytes.insert(at, next(256) as u8),
                _ => {
                    bytes.remove(at);
                }
            }
            if bytes.is_empty() {
                break;
            }
        }
        failures += usize::from(payload::decode(&bytes, &limits).is_err());
    }
    assert!(failures > 10_000, "{failures}");
}
