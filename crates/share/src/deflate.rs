//! Raw DEFLATE (RFC 1951) against the frozen v1 preset dictionary, and a bounded inflate.
//!
//! The dictionary holds what Alembic projects always contain (the generic `alembic.ini`,
//! `env.py`, `script.py.mako`, the `op.`/`sa.` vocabulary), so a link pays only for what
//! differs. The stream is what zlib writes after `deflateSetDictionary` on a raw stream:
//! Python reads it with `zlib.decompressobj(wbits=-15, zdict=DICTIONARY)`.

use miniz_oxide::deflate::core::{compress_to_output, CompressionStrategy, CompressorOxide, TDEFLFlush, TDEFLStatus};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use miniz_oxide::DataFormat;

use crate::ShareError;

/// Frozen forever with format v1: changing one byte breaks every v1 link.
pub const DICTIONARY: &[u8] = include_bytes!("dictionary_v1.txt");

/// miniz's "uber" level: the most thorough match search. Links are small, time is not.
const LEVEL: u8 = 10;

pub fn compress(payload: &[u8]) -> Vec<u8> {
    let mut compressor = CompressorOxide::with_params(DataFormat::Raw, LEVEL, CompressionStrategy::Default, 15);
    // Prime the window: compress the dictionary, sync-flush to a byte boundary and drop that
    // output. What follows is a stream of its own whose matches may reach into the dictionary.
    let (status, _) = compress_to_output(&mut compressor, DICTIONARY, TDEFLFlush::Sync, |_| true);
    debug_assert_eq!(status, TDEFLStatus::Okay);
    let mut out = Vec::new();
    let (status, _) = compress_to_output(&mut compressor, payload, TDEFLFlush::Finish, |bytes| {
        out.extend_from_slice(bytes);
        true
    });
    debug_assert_eq!(status, TDEFLStatus::Done);
    out
}

/// Inflates `data`, never holding more than the dictionary plus `cap` bytes: a small link
/// that unpacks to gigabytes stops at `cap`.
pub fn inflate(data: &[u8], cap: usize) -> Result<Vec<u8>, ShareError> {
    // The output buffer starts with the dictionary, so back-references can reach into it;
    // it grows by doubling up to the cap.
    let limit = DICTIONARY.len().saturating_add(cap);
    let mut buf = DICTIONARY.to_vec();
    buf.resize(limit.min(DICTIONARY.len() + 64 * 1024), 0);
    let mut out_pos = DICTIONARY.len();
    let mut input = data;
    let mut decompressor = Box::<DecompressorOxide>::default();
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    loop {
        let (status, read, written) = decompress(&mut decompressor, input, &mut buf, out_pos, flags);
        out_pos += written;
        input = input.get(read..).ok_or(ShareError::Damaged)?;
        match status {
            TINFLStatus::Done if input.is_empty() => break,
            TINFLStatus::Done => return Err(ShareError::Damaged),
            TINFLStatus::HasMoreOutput if buf.len() >= limit => return Err(ShareError::TooLarge { cap }),
            TINFLStatus::HasMoreOutput => {
                let grown = buf.len().saturating_mul(2).min(limit);
                buf.resize(grown, 0);
            }
            TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => return Err(ShareError::Truncated),
            _ => return Err(ShareError::Damaged),
        }
    }
    buf.truncate(out_pos);
    buf.drain(..DICTIONARY.len());
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_uses_the_dictionary() {
        let text = &DICTIONARY[DICTIONARY.len() - 2000..];
        let packed = compress(text);
        assert!(packed.len() < 40, "a dictionary excerpt costs a few back-references: {}", packed.len());
        assert_eq!(inflate(&packed, 1 << 20).unwrap(), text);
        assert_eq!(inflate(&compress(b""), 0).unwrap(), b"");
    }

    #[test]
    fn stops_at_the_cap() {
        let zeros = vec![0u8; 1 << 20];
        let packed = compress(&zeros);
        assert!(packed.len() < 2000);
        assert_eq!(inflate(&packed, (1 << 20) - 1), Err(ShareError::TooLarge { cap: (1 << 20) - 1 }));
        assert_eq!(inflate(&packed, 1 << 20).unwrap().len(), 1 << 20);
    }

    #[test]
    fn truncated_damaged_and_trailing_bytes() {
        let packed = compress(b"upgrade head, then downgrade -1, then upgrade head again");
        assert_eq!(inflate(&packed[..packed.len() - 1], 1000), Err(ShareError::Truncated));
        assert_eq!(inflate(&[], 1000), Err(ShareError::Truncated));
        let mut longer = packed.clone();
        longer.push(0);
        assert_eq!(inflate(&longer, 1000), Err(ShareError::Damaged));
        // Block type 3 is reserved.
        assert_eq!(inflate(&[0b111], 1000), Err(ShareError::Damaged));
    }
}
