//! Entry names: bytes to text (UTF-8 or CP437), zip-slip checks, and which entries to skip.

use crate::error::ZipError;

/// CP437 bytes 0x80..=0xFF (the original IBM PC set, what DOS-era zips and some Windows tools
/// write when the UTF-8 flag is off). 0x00..=0x7F are taken as ASCII.
const CP437_HIGH: &str = concat!(
    "ÇüéâäàåçêëèïîìÄÅ",
    "ÉæÆôöòûùÿÖÜ¢£¥₧ƒ",
    "áíóúñÑªº¿⌐¬½¼¡«»",
    "░▒▓│┤╡╢╖╕╣║╗╝╜╛┐",
    "└┴┬├─┼╞╟╚╔╩╦╠═╬╧",
    "╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀",
    "αßΓπΣσµτΦΘΩδ∞φε∩",
    "≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\u{a0}",
);

/// The name as text. With the UTF-8 flag (bit 11) it must be UTF-8. Without it, a name that
/// is valid UTF-8 is still taken as UTF-8: macOS Finder and Info-ZIP on Unix write UTF-8
/// names without setting the flag, and CP437 text that happens to be valid multi-byte UTF-8
/// is rare. Anything else is CP437.
pub fn decode(raw: &[u8], utf8_flag: bool) -> Result<String, ZipError> {
    match std::str::from_utf8(raw) {
        Ok(text) => Ok(text.to_owned()),
        Err(_) if utf8_flag => Err(ZipError::InvalidName {
            entry: String::from_utf8_lossy(raw).into_owned(),
            reason: "it is marked as UTF-8 but is not valid UTF-8",
        }),
        Err(_) => Ok(raw.iter().map(|&b| cp437(b)).collect()),
    }
}

fn cp437(b: u8) -> char {
    if b < 0x80 {
        char::from(b)
    } else {
        CP437_HIGH.chars().nth(usize::from(b - 0x80)).unwrap_or('\u{FFFD}')
    }
}

/// The path to unpack `name` to, or `None` for entries that are not project files
/// (directories, macOS Finder's `__MACOSX/`, `._*` AppleDouble files and `.DS_Store`).
/// `\` counts as a separator (old Windows tools write it); empty and `.` components are
/// dropped. Unsafe names are refused rather than cleaned, since an archive carrying them is
/// not one a user meant to import.
pub fn file_path(name: &str) -> Result<Option<String>, ZipError> {
    let (slashed, parts) = checked_parts(name)?;
    let Some(&last) = parts.last() else {
        return Ok(None);
    };
    let junk = parts.contains(&"__MACOSX") || last.starts_with("._") || last == ".DS_Store";
    if slashed.ends_with('/') || junk {
        return Ok(None);
    }
    Ok(Some(parts.join("/")))
}

/// The longest path, and path component, a written or read entry may have: what Linux
/// (`PATH_MAX`, `NAME_MAX`) and most unzip tools accept.
pub const MAX_PATH_BYTES: usize = 4096;
pub const MAX_COMPONENT_BYTES: usize = 255;

/// The path an entry is written under: normalised as reading normalises it (`\` as `/`,
/// empty and `.` components dropped), refused where reading refuses it, and never empty.
pub fn entry_path(name: &str) -> Result<String, ZipError> {
    let (slashed, parts) = checked_parts(name)?;
    if parts.is_empty() || slashed.ends_with('/') {
        return Err(ZipError::InvalidName { entry: name.to_owned(), reason: "it names no file" });
    }
    Ok(parts.join("/"))
}

/// The checks both directions share: no empty name, NUL, absolute path, drive letter, `..`
/// or over-long path; returns the name with `/` separators and its real components.
fn checked_parts(name: &str) -> Result<(String, Vec<&str>), ZipError> {
    let invalid = |reason| ZipError::InvalidName { entry: shown(name), reason };
    let unsafe_path = |reason| ZipError::UnsafePath { entry: shown(name), reason };
    if name.is_empty() {
        return Err(invalid("it is empty"));
    }
    if name.contains('\0') {
        return Err(invalid("it contains a NUL character"));
    }
    if name.len() > MAX_PATH_BYTES {
        return Err(invalid("it is longer than 4,096 bytes"));
    }
    let name_slashed = name.replace('\\', "/");
    if name_slashed.starts_with('/') {
        return Err(unsafe_path("it is an absolute path"));
    }
    let bytes = name_slashed.as_bytes();
    if bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':' {
        return Err(unsafe_path("it starts with a drive letter"));
    }
    let parts: Vec<&str> = name.split(['/', '\\']).filter(|part| !part.is_empty() && *part != ".").collect();
    if parts.contains(&"..") {
        return Err(unsafe_path("it contains a \"..\" component"));
    }
    if parts.iter().any(|p| p.len() > MAX_COMPONENT_BYTES) {
        return Err(invalid("one of its folder or file names is longer than 255 bytes"));
    }
    Ok((name_slashed, parts))
}

/// A name as an error message shows it: at most 200 characters.
fn shown(name: &str) -> String {
    match name.char_indices().nth(200) {
        Some((at, _)) => format!("{}…", &name[..at]),
        None => name.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_and_cp437() {
        assert_eq!(decode(b"caf\xc3\xa9.py", true).unwrap(), "café.py");
        assert_eq!(decode(b"caf\xc3\xa9.py", false).unwrap(), "café.py");
        assert_eq!(decode(b"caf\x82.py", false).unwrap(), "café.py");
        assert_eq!(decode(b"\x80\x9b\xe1\xff", false).unwrap(), "Ç¢ß\u{a0}");
        assert!(matches!(decode(b"caf\x82.py", true), Err(ZipError::InvalidName { .. })));
        assert_eq!(CP437_HIGH.chars().count(), 128);
    }

    #[test]
    fn paths() {
        assert_eq!(file_path("a/b.py").unwrap().as_deref(), Some("a/b.py"));
        assert_eq!(file_path("a\\b.py").unwrap().as_deref(), Some("a/b.py"));
        assert_eq!(file_path("./a//b.py").unwrap().as_deref(), Some("a/b.py"));
        assert_eq!(file_path("a/").unwrap(), None);
        assert_eq!(file_path("./").unwrap(), None);
        assert_eq!(file_path("__MACOSX/a/._b.py").unwrap(), None);
        assert_eq!(file_path("a/._b.py").unwrap(), None);
        assert_eq!(file_path("a/.DS_Store").unwrap(), None);
        assert_eq!(file_path("a/.env").unwrap().as_deref(), Some("a/.env"));
        for bad in ["../evil.py", "a/../../evil.py", "a\\..\\evil.py", "/etc/passwd", "\\x", "C:x", "c:\\x"] {
            assert!(matches!(file_path(bad), Err(ZipError::UnsafePath { .. })), "{bad}");
        }
        assert!(matches!(file_path(""), Err(ZipError::InvalidName { .. })));
        assert!(matches!(file_path("a\0b"), Err(ZipError::InvalidName { .. })));
    }
}
