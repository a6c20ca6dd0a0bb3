//! Our writer read back by our reader, and zips from our writer damaged in one known way each.

use archive::{read_zip, write_zip, Entry, Limits, ZipError};

fn read(zip: &[u8]) -> Result<Vec<Entry>, ZipError> {
    read_zip(zip, &Limits::IMPORT)
}

/// Deterministic noise, which DEFLATE cannot shrink.
fn noise(len: usize, mut seed: u64) -> Vec<u8> {
    (0..len)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

fn u16_at(zip: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([zip[at], zip[at + 1]])
}

fn set_u16(zip: &mut [u8], at: usize, value: u16) {
    zip[at..at + 2].copy_from_slice(&value.to_le_bytes());
}

fn set_u32(zip: &mut [u8], at: usize, value: u32) {
    zip[at..at + 4].copy_from_slice(&value.to_le_bytes());
}

/// Where the central directory starts, from the end record (our zips have no comment).
fn central(zip: &[u8]) -> usize {
    let at = zip.len() - 22 + 16;
    u32::from_le_bytes(zip[at..at + 4].try_into().unwrap()) as usize
}

fn one(path: &str, data: &[u8]) -> Vec<u8> {
    write_zip(&[Entry::new(path, data)]).unwrap()
}

/// A zip whose entries carry names the writer refuses (another tool's zip): written under
/// placeholders of the same length, then the names patched in where they are stored.
fn raw_names(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let placeholders: Vec<String> = entries.iter().enumerate().map(|(i, (name, _))| format!("{i:0>width$}", width = name.len())).collect();
    let mut zip =
        write_zip(&entries.iter().zip(&placeholders).map(|((_, data), p)| Entry::new(p.as_str(), *data)).collect::<Vec<_>>()).unwrap();
    for ((name, _), placeholder) in entries.iter().zip(&placeholders) {
        let mut at = 0;
        while let Some(found) = zip[at..].windows(placeholder.len()).position(|w| w == placeholder.as_bytes()) {
            zip[at + found..at + found + name.len()].copy_from_slice(name.as_bytes());
            at += found + name.len();
        }
    }
    zip
}

const SCRIPT: &[u8] = b"def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n";

#[test]
fn empty_zip_is_just_the_end_record() {
    let zip = write_zip(&[]).unwrap();
    assert_eq!(zip, b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0");
    assert_eq!(read(&zip).unwrap(), []);
}

#[test]
fn round_trip_keeps_order_and_bytes() {
    let entries = vec![
        Entry::new("alembic.ini", "[alembic]\nscript_location = migrations\n"),
        Entry::new("migrations/versions/abc_first.py", SCRIPT),
        Entry::new("empty.txt", ""),
        Entry::new("blob.bin", noise(5000, 7)),
    ];
    let zip = write_zip(&entries).unwrap();
    assert_eq!(read(&zip).unwrap(), entries);
    // Deterministic, and stamped 1980-01-01 00:00 (DOS time 0, date 0x0021).
    assert_eq!(write_zip(&entries).unwrap(), zip);
    assert_eq!(zip[10..14], [0, 0, 0x21, 0]);
}

#[test]
fn unicode_names_set_the_utf8_flag() {
    let entries = vec![Entry::new("ascii.py", "a"), Entry::new("ünïcødé/файл.py", "b"), Entry::new("日本語.txt", "c")];
    let zip = write_zip(&entries).unwrap();
    assert_eq!(read(&zip).unwrap(), entries);
    let cd = central(&zip);
    let flags: Vec<u16> = (0..3)
        .scan(cd, |at, _| {
            let flags = u16_at(&zip, *at + 8);
            *at += 46 + usize::from(u16_at(&zip, *at + 28));
            Some(flags)
        })
        .collect();
    assert_eq!(flags, [0, 0x800, 0x800]);
    assert_eq!(u16_at(&zip, 6), 0); // the local header agrees
}

#[test]
fn large_compressible_file_is_deflated() {
    let data: Vec<u8> = (0..40_000).flat_map(|i| format!("INSERT INTO t VALUES ({i}, 'row {}');\n", i % 97).into_bytes()).collect();
    assert!(data.len() > 1 << 20);
    let zip = one("data.sql", &data);
    assert_eq!(u16_at(&zip, 8), 8, "method");
    assert!(zip.len() < data.len() / 10, "{} of {}", zip.len(), data.len());
    assert_eq!(read(&zip).unwrap(), [Entry::new("data.sql", data)]);
}

#[test]
fn incompressible_file_is_stored() {
    let data = noise(10_000, 3);
    let zip = one("blob.bin", &data);
    assert_eq!(u16_at(&zip, 8), 0, "method");
    assert_eq!(read(&zip).unwrap(), [Entry::new("blob.bin", data)]);
}

#[test]
fn every_small_size_round_trips() {
    // Inflating to exactly the declared size is the edge the reader's limit sits on.
    for len in 0..700 {
        let data: Vec<u8> = SCRIPT.iter().copied().cycle().take(len).chain(noise(len % 13, len as u64 + 1)).collect();
        let entries = [Entry::new("f", data)];
        assert_eq!(read(&write_zip(&entries).unwrap()).unwrap(), entries, "len {len}");
    }
}

#[test]
fn limits_on_entries_and_total_size() {
    let entries: Vec<Entry> = (0..5).map(|i| Entry::new(format!("{i}.py"), SCRIPT)).collect();
    let zip = write_zip(&entries).unwrap();
    let total = 5 * SCRIPT.len();
    let exact = Limits { max_entries: 5, max_total_bytes: total };
    assert_eq!(read_zip(&zip, &exact).unwrap(), entries);
    assert_eq!(read_zip(&zip, &Limits { max_entries: 4, ..exact }), Err(ZipError::TooManyEntries { count: 5, limit: 4 }));
    let err = read_zip(&zip, &Limits { max_total_bytes: total - 1, ..exact }).unwrap_err();
    assert_eq!(err, ZipError::TooLarge { entry: "4.py".into(), limit: total - 1 });
    assert_eq!(
        ZipError::TooLarge { entry: "big.sql".into(), limit: 256 << 20 }.to_string(),
        "unpacking entry \"big.sql\" would go past the limit of 256 MiB unpacked in total"
    );
}

#[test]
fn declared_size_bounds_inflation() {
    let data = vec![b'a'; 1 << 20];
    let mut zip = one("bomb.txt", &data);
    let cd = central(&zip);
    // Declared smaller than the data: inflation stops at the declared size.
    set_u32(&mut zip, cd + 24, 1000);
    assert_eq!(
        read(&zip),
        Err(ZipError::Corrupt { entry: Some("bomb.txt".into()), reason: "it unpacks to more bytes than its header says" })
    );
    // Declared past the limit: refused before inflating anything.
    set_u32(&mut zip, cd + 24, 0xFFFF_FFF0);
    assert_eq!(read(&zip), Err(ZipError::TooLarge { entry: "bomb.txt".into(), limit: 256 << 20 }));
    // Declared larger than the data: caught after inflating.
    set_u32(&mut zip, cd + 24, (1 << 20) + 1);
    assert_eq!(
        read(&zip),
        Err(ZipError::Corrupt { entry: Some("bomb.txt".into()), reason: "it unpacks to fewer bytes than its header says" })
    );
}

#[test]
fn crc_is_checked() {
    let mut zip = one("a.bin", &noise(100, 9));
    zip[30 + 5] ^= 1; // a data byte, after the 30-byte header and the 5-byte name
    assert_eq!(read(&zip), Err(ZipError::CrcMismatch { entry: "a.bin".into() }));
    assert_eq!(ZipError::CrcMismatch { entry: "a.bin".into() }.to_string(), "entry \"a.bin\" is damaged: its CRC-32 check failed");
}

#[test]
fn damaged_deflate_data() {
    let mut zip = one("a.py", &SCRIPT.repeat(20));
    let cd = central(&zip);
    set_u32(&mut zip, cd + 20, 3); // only the stream's first three bytes are the entry's
    assert_eq!(read(&zip), Err(ZipError::Corrupt { entry: Some("a.py".into()), reason: "its compressed data is damaged" }));
}

#[test]
fn encryption_other_methods_and_zip64_are_refused() {
    let zip = one("a.py", SCRIPT);
    let cd = central(&zip);

    let mut encrypted = zip.clone();
    set_u16(&mut encrypted, cd + 8, 1);
    assert_eq!(read(&encrypted), Err(ZipError::Encrypted { entry: "a.py".into() }));

    let mut deflate64 = zip.clone();
    set_u16(&mut deflate64, cd + 10, 9);
    let err = read(&deflate64).unwrap_err();
    assert_eq!(err, ZipError::UnsupportedMethod { entry: "a.py".into(), method: 9 });
    assert_eq!(
        err.to_string(),
        "entry \"a.py\" uses compression method 9 (deflate64), which is not supported; re-zip with standard deflate"
    );
    set_u16(&mut deflate64, cd + 10, 14);
    assert!(read(&deflate64).unwrap_err().to_string().contains("method 14 (LZMA)"));

    let mut zip64 = zip.clone();
    set_u32(&mut zip64, cd + 24, 0xFFFF_FFFF);
    assert_eq!(read(&zip64), Err(ZipError::Zip64 { entry: Some("a.py".into()) }));

    let mut split = zip.clone();
    let eocd = zip.len() - 22;
    set_u16(&mut split, eocd + 4, 1);
    assert_eq!(read(&split), Err(ZipError::Split));
}

#[test]
fn unsafe_and_duplicate_names_are_refused() {
    for (name, reason) in [
        ("/etc/passwd", "it is an absolute path"),
        ("\\\\server\\share\\x.py", "it is an absolute path"),
        ("C:\\Windows\\x.py", "it starts with a drive letter"),
        ("migrations/../../x.py", "it contains a \"..\" component"),
        ("..\\x.py", "it contains a \"..\" component"),
    ] {
        assert_eq!(read(&raw_names(&[(name, SCRIPT)])), Err(ZipError::UnsafePath { entry: name.into(), reason }));
    }
    let zip = raw_names(&[("a/b.py", b"1"), ("a\\b.py", b"2")]);
    assert_eq!(read(&zip), Err(ZipError::Duplicate { entry: "a\\b.py".into() }));
}

#[test]
fn not_a_zip() {
    for bytes in [&b""[..], b"PK", b"hello, world", b"\x1f\x8b\x08\0\0\0\0\0\0\x03", &[0; 100]] {
        assert_eq!(read(bytes), Err(ZipError::NotAZip));
    }
    assert_eq!(ZipError::NotAZip.to_string(), "this file is not a zip archive, or it was cut off (no end-of-central-directory record)");
}

#[test]
fn comment_and_trailing_bytes() {
    let entries = [Entry::new("a.py", SCRIPT)];
    let zip = write_zip(&entries).unwrap();
    let eocd = zip.len() - 22;

    // A comment holding a false end-record signature, which the scan must pass over.
    let comment = b"made by hand PK\x05\x06 not an end record";
    let mut commented = zip.clone();
    set_u16(&mut commented, eocd + 20, comment.len() as u16);
    commented.extend_from_slice(comment);
    assert_eq!(read(&commented).unwrap(), entries);

    // Padding after the end record (its comment length does not reach the end).
    let mut padded = zip.clone();
    padded.extend_from_slice(&[0; 100]);
    assert_eq!(read(&padded).unwrap(), entries);

    // Bytes before the archive shift every offset.
    let mut prefixed = b"MZ stub".to_vec();
    prefixed.extend_from_slice(&zip);
    assert_eq!(read(&prefixed).unwrap(), entries);
}

#[test]
fn data_past_the_end_is_refused() {
    let mut zip = one("a.bin", &noise(100, 1));
    let cd = central(&zip);
    set_u32(&mut zip, cd + 20, 5000);
    set_u32(&mut zip, cd + 24, 5000);
    assert_eq!(read(&zip), Err(ZipError::Corrupt { entry: Some("a.bin".into()), reason: "its data lies outside the file" }));
}

#[test]
fn the_writer_refuses_what_the_reader_refuses() {
    for (path, reason) in [
        ("../evil.sh", "it contains a \"..\" component"),
        ("a/../../evil.sh", "it contains a \"..\" component"),
        ("/etc/passwd", "it is an absolute path"),
        ("\\\\server\\share", "it is an absolute path"),
        ("C:/x.py", "it starts with a drive letter"),
    ] {
        assert_eq!(write_zip(&[Entry::new(path, "x")]), Err(ZipError::UnsafePath { entry: path.into(), reason }), "{path}");
    }
    for path in ["", "a\0b", "dir/", ".", "./"] {
        assert!(matches!(write_zip(&[Entry::new(path, "x")]), Err(ZipError::InvalidName { .. })), "{path:?}");
    }
    let long = "x".repeat(70_000);
    let err = write_zip(&[Entry::new(long.as_str(), "x")]).unwrap_err().to_string();
    assert!(err.contains("it is longer than 4,096 bytes") && err.len() < 300, "{err}");
    assert!(write_zip(&[Entry::new("a".repeat(256), "x")]).is_err());
    assert!(write_zip(&[Entry::new("a".repeat(255), "x")]).is_ok());
    // Normalised as the reader normalises: `\` as `/`, `.` and empty components dropped.
    let zip = write_zip(&[Entry::new("a\\.//b.py", "x")]).unwrap();
    assert_eq!(read_zip(&zip, &Limits::IMPORT).unwrap(), vec![Entry::new("a/b.py", "x")]);
    assert_eq!(write_zip(&[Entry::new("a/b", "x"), Entry::new("a//b", "y")]), Err(ZipError::Duplicate { entry: "a/b".into() }));
}
