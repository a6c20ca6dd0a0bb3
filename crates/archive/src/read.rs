//! The reader: end record, central directory, local headers, inflate, checks. Untrusted
//! input: every offset is bounds-checked, and nothing is inflated past what the limits allow.

use std::collections::BTreeSet;

use miniz_oxide::inflate::{decompress_to_vec_with_limit, TINFLStatus};

use crate::crc32::crc32;
use crate::format::*;
use crate::names;
use crate::{Entry, Limits, ZipError};

pub fn read_zip(bytes: &[u8], limits: &Limits) -> Result<Vec<Entry>, ZipError> {
    let eocd = find_eocd(bytes)?;
    let end = Eocd::parse(bytes, eocd)?;
    if end.count > limits.max_entries {
        return Err(ZipError::TooManyEntries { count: end.count, limit: limits.max_entries });
    }
    // Bytes before the archive (a self-extractor stub, or a zip glued to another file) shift
    // every stored offset by the same amount; the end record tells us by how much.
    let cd_end = end.cd_offset.checked_add(end.cd_size).filter(|&e| e <= eocd);
    let Some(cd_end) = cd_end else {
        return Err(corrupt(None, "the central directory lies outside the file"));
    };
    let base = eocd - cd_end;
    let central = &bytes[..eocd];

    let mut entries = Vec::new();
    let mut seen = BTreeSet::new();
    let mut total = 0usize;
    let mut at = base + end.cd_offset;
    for _ in 0..end.count {
        let record = Central::parse(central, at)?;
        at = record.next;
        let name = names::decode(record.name, record.flags & FLAG_UTF8 != 0)?;
        let Some(path) = names::file_path(&name)? else {
            continue;
        };
        if [record.compressed, record.size, record.offset].contains(&ZIP64_MARK) {
            return Err(ZipError::Zip64 { entry: Some(name) });
        }
        if record.flags & FLAG_ENCRYPTED != 0 {
            return Err(ZipError::Encrypted { entry: name });
        }
        if record.method != METHOD_STORED && record.method != METHOD_DEFLATE {
            return Err(ZipError::UnsupportedMethod { entry: name, method: record.method });
        }
        if !seen.insert(path.clone()) {
            return Err(ZipError::Duplicate { entry: name });
        }
        // Budget by the declared size before touching the data; inflating never goes past
        // the declared size, so the total never goes past the limit.
        let size = record.size as usize;
        total = match total.checked_add(size).filter(|&t| t <= limits.max_total_bytes) {
            Some(t) => t,
            None => return Err(ZipError::TooLarge { entry: name, limit: limits.max_total_bytes }),
        };
        let raw = local_data(bytes, base, &record).ok_or_else(|| corrupt(Some(&name), "its data lies outside the file"))?;
        let data = match record.method {
            METHOD_STORED if raw.len() == size => raw.to_vec(),
            METHOD_STORED => return Err(corrupt(Some(&name), "it is stored with two different sizes")),
            _ => inflate(raw, size, &name)?,
        };
        if crc32(&data) != record.crc {
            return Err(ZipError::CrcMismatch { entry: name });
        }
        entries.push(Entry { path, data });
    }
    Ok(entries)
}

fn corrupt(entry: Option<&str>, reason: &'static str) -> ZipError {
    ZipError::Corrupt { entry: entry.map(str::to_owned), reason }
}

/// The end record's position: scanning back from the end over a comment of up to 64 KiB.
/// An end record whose comment reaches exactly to the end of the file wins; failing that,
/// the last one found (some tools pad the file, or the comment length is off).
fn find_eocd(bytes: &[u8]) -> Result<usize, ZipError> {
    let last = bytes.len().checked_sub(EOCD_LEN).ok_or(ZipError::NotAZip)?;
    let first = last.saturating_sub(usize::from(u16::MAX));
    let mut fallback = None;
    for pos in (first..=last).rev() {
        if u32_at(bytes, pos) != Some(EOCD_SIG) {
            continue;
        }
        let comment = u16_at(bytes, pos + 20).map_or(0, usize::from);
        if pos + EOCD_LEN + comment == bytes.len() {
            return Ok(pos);
        }
        fallback.get_or_insert(pos);
    }
    fallback.ok_or(ZipError::NotAZip)
}

struct Eocd {
    count: usize,
    cd_size: usize,
    cd_offset: usize,
}

impl Eocd {
    fn parse(bytes: &[u8], pos: usize) -> Result<Eocd, ZipError> {
        let short = || corrupt(None, "the end-of-central-directory record is cut off");
        let field16 = |off| u16_at(bytes, pos + off).ok_or_else(short);
        let field32 = |off| u32_at(bytes, pos + off).ok_or_else(short);
        let locator = pos.checked_sub(ZIP64_LOCATOR_LEN);
        if locator.and_then(|l| u32_at(bytes, l)) == Some(ZIP64_LOCATOR_SIG) {
            return Err(ZipError::Zip64 { entry: None });
        }
        let (disk, cd_disk) = (field16(4)?, field16(6)?);
        let (on_disk, count) = (field16(8)?, field16(10)?);
        let (cd_size, cd_offset) = (field32(12)?, field32(16)?);
        if on_disk == u16::MAX || count == u16::MAX || cd_size == ZIP64_MARK || cd_offset == ZIP64_MARK {
            return Err(ZipError::Zip64 { entry: None });
        }
        if disk != 0 || cd_disk != 0 || on_disk != count {
            return Err(ZipError::Split);
        }
        Ok(Eocd { count: count.into(), cd_size: cd_size as usize, cd_offset: cd_offset as usize })
    }
}

/// One central-directory record: the fields we use, and where the next record starts.
struct Central<'a> {
    flags: u16,
    method: u16,
    crc: u32,
    compressed: u32,
    size: u32,
    offset: u32,
    name: &'a [u8],
    next: usize,
}

impl<'a> Central<'a> {
    /// `bytes` ends where the end record starts, so a record cannot run into it.
    fn parse(bytes: &'a [u8], at: usize) -> Result<Central<'a>, ZipError> {
        let short = || corrupt(None, "the central directory is cut off or damaged");
        let field16 = |off| u16_at(bytes, at + off).ok_or_else(short);
        let field32 = |off| u32_at(bytes, at + off).ok_or_else(short);
        if field32(0)? != CENTRAL_SIG {
            return Err(short());
        }
        let name_len = usize::from(field16(28)?);
        let variable = name_len + usize::from(field16(30)?) + usize::from(field16(32)?);
        let name_at = at + CENTRAL_LEN;
        let next = name_at + variable;
        if next > bytes.len() {
            return Err(short());
        }
        Ok(Central {
            flags: field16(8)?,
            method: field16(10)?,
            crc: field32(16)?,
            compressed: field32(20)?,
            size: field32(24)?,
            offset: field32(42)?,
            name: &bytes[name_at..name_at + name_len],
            next,
        })
    }
}

/// The entry's compressed bytes. The local header's own name and extra lengths place the
/// data (they may differ from the central ones); sizes come from the central directory, which
/// is right even when the local header left them zero (flag bit 3, data descriptor).
fn local_data<'a>(bytes: &'a [u8], base: usize, record: &Central<'_>) -> Option<&'a [u8]> {
    let at = base.checked_add(record.offset as usize)?;
    if u32_at(bytes, at)? != LOCAL_SIG {
        return None;
    }
    let name_len = usize::from(u16_at(bytes, at.checked_add(26)?)?);
    let extra_len = usize::from(u16_at(bytes, at.checked_add(28)?)?);
    let start = at.checked_add(LOCAL_LEN + name_len + extra_len)?;
    bytes.get(start..start.checked_add(record.compressed as usize)?)
}

/// Raw DEFLATE, never producing more than `size` bytes (the output grows as needed, so a
/// false large size costs nothing up front).
fn inflate(raw: &[u8], size: usize, name: &str) -> Result<Vec<u8>, ZipError> {
    // Some writers store an empty file as deflate with no data at all.
    if size == 0 && raw.is_empty() {
        return Ok(Vec::new());
    }
    match decompress_to_vec_with_limit(raw, size) {
        Ok(data) if data.len() == size => Ok(data),
        Ok(_) => Err(corrupt(Some(name), "it unpacks to fewer bytes than its header says")),
        Err(e) if e.status == TINFLStatus::HasMoreOutput => Err(corrupt(Some(name), "it unpacks to more bytes than its header says")),
        Err(_) => Err(corrupt(Some(name), "its compressed data is damaged")),
    }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at.checked_add(2)?)?.try_into().ok()?))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at.checked_add(4)?)?.try_into().ok()?))
}
