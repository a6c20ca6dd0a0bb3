//! The writer: one local header + data per entry, then the central directory and end record.
//! Deterministic: the same entries always give the same bytes.

use miniz_oxide::deflate::compress_to_vec;

use crate::crc32::crc32;
use crate::format::*;
use crate::{names, Entry, ZipError};

/// 1980-01-01 00:00 in MS-DOS form (date: day 1 | month 1 << 5 | years since 1980 << 9),
/// the earliest a zip can say: no clock, no time zone, same bytes every time.
const DOS_TIME: u16 = 0;
const DOS_DATE: u16 = 1 | (1 << 5);
/// Version 2.0 (needed for deflate); "made by" Unix so the attributes below are read as a mode.
const VERSION_NEEDED: u16 = 20;
const VERSION_MADE_BY: u16 = (3 << 8) | 20;
/// A regular file, rw-r--r--, in the high half as Unix tools expect.
const EXTERNAL_ATTRS: u32 = 0o100_644 << 16;
/// miniz's default level: good ratio on source text without the slow end of the scale.
const LEVEL: u8 = 6;

/// See [`crate::write_zip`].
pub fn write_zip(entries: &[Entry]) -> Result<Vec<u8>, ZipError> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for entry in entries {
        let path = names::entry_path(&entry.path)?;
        if !seen.insert(path.clone()) {
            return Err(ZipError::Duplicate { entry: path });
        }
        let name = path.as_bytes();
        let name_len = u16::try_from(name.len()).expect("entry_path bounds names to 4,096 bytes");
        let flags = if path.is_ascii() { 0 } else { FLAG_UTF8 };
        let deflated = compress_to_vec(&entry.data, LEVEL);
        let (method, body) =
            if deflated.len() < entry.data.len() { (METHOD_DEFLATE, deflated.as_slice()) } else { (METHOD_STORED, entry.data.as_slice()) };
        let too_big = || ZipError::Zip64 { entry: Some(path.clone()) };
        let size = u32::try_from(entry.data.len()).ok().filter(|&s| s != ZIP64_MARK).ok_or_else(too_big)?;
        let compressed = u32::try_from(body.len()).map_err(|_| too_big())?;
        let offset = u32::try_from(out.len()).ok().filter(|&o| o != ZIP64_MARK).ok_or_else(too_big)?;
        let crc = crc32(&entry.data);

        // Fields shared by the local header and the central record, from "version needed".
        let mut common = Vec::with_capacity(26);
        for field in [VERSION_NEEDED, flags, method, DOS_TIME, DOS_DATE] {
            common.extend_from_slice(&field.to_le_bytes());
        }
        for field in [crc, compressed, size] {
            common.extend_from_slice(&field.to_le_bytes());
        }
        common.extend_from_slice(&name_len.to_le_bytes());
        common.extend_from_slice(&0u16.to_le_bytes()); // extra length

        out.extend_from_slice(&LOCAL_SIG.to_le_bytes());
        out.extend_from_slice(&common);
        out.extend_from_slice(name);
        out.extend_from_slice(body);

        central.extend_from_slice(&CENTRAL_SIG.to_le_bytes());
        central.extend_from_slice(&VERSION_MADE_BY.to_le_bytes());
        central.extend_from_slice(&common);
        for field in [0u16, 0, 0] {
            // comment length, disk number, internal attributes
            central.extend_from_slice(&field.to_le_bytes());
        }
        central.extend_from_slice(&EXTERNAL_ATTRS.to_le_bytes());
        central.extend_from_slice(&offset.to_le_bytes());
        central.extend_from_slice(name);
    }
    let whole = || ZipError::Zip64 { entry: None };
    let count = u16::try_from(entries.len()).ok().filter(|&c| c != u16::MAX).ok_or_else(whole)?;
    let cd_offset = u32::try_from(out.len()).map_err(|_| whole())?;
    let cd_size = u32::try_from(central.len()).map_err(|_| whole())?;
    out.extend_from_slice(&central);
    out.extend_from_slice(&EOCD_SIG.to_le_bytes());
    for field in [0u16, 0, count, count] {
        // this disk, disk with the central directory, entries here, entries in total
        out.extend_from_slice(&field.to_le_bytes());
    }
    out.extend_from_slice(&cd_size.to_le_bytes());
    out.extend_from_slice(&cd_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes()); // comment length
    Ok(out)
}
