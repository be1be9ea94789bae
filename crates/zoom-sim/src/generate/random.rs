//! The random and time helpers every generator uses: Zoom-style IDs, picks and shares from a
//! seeded `fastrand::Rng`, hex and digit strings, and seconds turned into timestamps. Nothing here
//! keeps state: each generator owns its own `Rng`, derived from the seed, so that one part's
//! random stream does not depend on another's.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use fastrand::Rng;
use jiff::Timestamp;

pub(crate) const DAY: i64 = 86_400;
pub(crate) const YEAR: i64 = 365 * DAY;

/// A Zoom-style ID: 16 random bytes in unpadded base64url (22 characters).
pub(crate) fn zoom_id(rng: &mut Rng) -> String {
    URL_SAFE_NO_PAD.encode(rng.u128(..).to_le_bytes())
}

pub(crate) fn ts(second: i64) -> Timestamp {
    Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH)
}

pub(crate) fn pick<'a, T>(rng: &mut Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// Uniform in `[lo, hi]` (seconds).
pub(crate) fn between(rng: &mut Rng, lo: i64, hi: i64) -> i64 {
    if hi <= lo { lo } else { rng.i64(lo..=hi) }
}

pub(crate) fn percent(rng: &mut Rng, p: u32) -> bool {
    rng.u32(0..100) < p
}

pub(crate) fn digits(rng: &mut Rng, n: usize) -> String {
    (0..n).map(|_| char::from(b'0' + rng.u8(0..10))).collect()
}

/// Appends `n` random lowercase hex digits to `out`.
pub(crate) fn push_hex(rng: &mut Rng, out: &mut String, n: usize) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut bits = 0u64;
    for k in 0..n {
        if k % 16 == 0 {
            bits = rng.u64(..);
        }
        out.push(char::from(HEX[usize::try_from(bits & 0xf).unwrap_or(0)]));
        bits >>= 4;
    }
}

/// A lower-case UUID (`eff76542-ac52-4c78-bd90-67f968bab16f`).
pub(crate) fn uuid(rng: &mut Rng) -> String {
    let mut hex = String::with_capacity(32);
    push_hex(rng, &mut hex, 32);
    format!(
        "{}-{}-4{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[16..20],
        &hex[20..32]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_look_like_zoom_ids() {
        let mut rng = Rng::with_seed(1);
        let id = zoom_id(&mut rng);
        assert_eq!(id.len(), 22);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        );
    }

    #[test]
    fn uuids_have_the_five_groups() {
        let mut rng = Rng::with_seed(3);
        let id = uuid(&mut rng);
        assert_eq!(id.len(), 36);
        assert_eq!(
            id.split('-').map(str::len).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
    }
}
