//! Zip record signatures, fixed sizes and flag bits (PKWARE APPNOTE.TXT, section 4).

pub const LOCAL_SIG: u32 = 0x0403_4b50;
pub const CENTRAL_SIG: u32 = 0x0201_4b50;
pub const EOCD_SIG: u32 = 0x0605_4b50;
pub const ZIP64_LOCATOR_SIG: u32 = 0x0706_4b50;

/// Fixed parts of the records, before their variable-length name/extra/comment.
pub const LOCAL_LEN: usize = 30;
pub const CENTRAL_LEN: usize = 46;
pub const EOCD_LEN: usize = 22;
pub const ZIP64_LOCATOR_LEN: usize = 20;

/// General-purpose flag bits.
pub const FLAG_ENCRYPTED: u16 = 1 << 0;
pub const FLAG_UTF8: u16 = 1 << 11;

pub const METHOD_STORED: u16 = 0;
pub const METHOD_DEFLATE: u16 = 8;

/// A 32-bit size or offset of this value means "see the ZIP64 extra field".
pub const ZIP64_MARK: u32 = 0xFFFF_FFFF;
