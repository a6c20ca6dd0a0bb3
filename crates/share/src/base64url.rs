//! Base64url without padding (RFC 4648 §5): the alphabet that survives in a URL fragment.

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        // 1 byte → 2 characters, 2 → 3, 3 → 4.
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    out
}

/// Where decoding stopped: the byte index of the offending character, or the text's length
/// when it ends in the middle of a byte.
#[derive(Debug, PartialEq, Eq)]
pub struct BadChar(pub usize);

/// Only the alphabet, no padding. The unused low bits of the last character are ignored, so
/// a link cut short reads as truncated data rather than as a bad character.
pub fn decode(text: &str) -> Result<Vec<u8>, BadChar> {
    let text = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for (c, chunk) in text.chunks(4).enumerate() {
        let mut n = 0u32;
        for (i, &ch) in chunk.iter().enumerate() {
            n |= u32::from(value(ch).ok_or(BadChar(c * 4 + i))?) << (18 - 6 * i);
        }
        if chunk.len() == 1 {
            // 6 bits: not a whole byte.
            return Err(BadChar(text.len()));
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    Ok(out)
}

fn value(ch: u8) -> Option<u8> {
    Some(match ch {
        b'A'..=b'Z' => ch - b'A',
        b'a'..=b'z' => ch - b'a' + 26,
        b'0'..=b'9' => ch - b'0' + 52,
        b'-' => 62,
        b'_' => 63,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc4648_vectors_without_padding() {
        for (plain, coded) in
            [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")]
        {
            assert_eq!(encode(plain.as_bytes()), coded);
            assert_eq!(decode(coded).unwrap(), plain.as_bytes());
        }
    }

    #[test]
    fn url_safe_alphabet_round_trips_every_byte() {
        let bytes: Vec<u8> = (0..=255).chain((0..=255).rev()).collect();
        let coded = encode(&bytes);
        assert!(coded.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode(&coded).unwrap(), bytes);
        assert_eq!(encode(&[0xfb, 0xff]), "-_8");
    }

    #[test]
    fn rejects_and_locates_bad_input() {
        assert_eq!(decode("Zm9v+mFy"), Err(BadChar(4)));
        assert_eq!(decode("Zm9vY"), Err(BadChar(5)), "5 characters cannot be whole bytes");
        assert_eq!(decode("Zm9v="), Err(BadChar(4)));
        assert_eq!(decode("Zm=v"), Err(BadChar(2)));
        assert_eq!(decode("Zh"), Ok(b"f".to_vec()), "unused bits are ignored");
        assert_eq!(decode("Zm9vé"), Err(BadChar(4)));
    }
}
