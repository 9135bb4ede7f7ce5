//! Zero-copy parsers and writers for the binary wire formats of real-time media.
//!
//! | module | format | specification |
//! |---|---|---|
//! | [`rtp`] | RTP fixed header, CSRCs, header extensions, payload descriptors | RFC 3550 §5.1, RFC 8285 |
//! | [`rtcp`] | RTCP compound and reduced-size packets, feedback, XR | RFC 3550 §6, 4585, 5104, 3611, 5506, 8888 |
//! | [`stun`] | STUN messages and attributes, ICE and TURN attributes, FINGERPRINT and MESSAGE-INTEGRITY checks | RFC 8489, 5389, 3489, 8445, 8656 |
//! | [`demux`] | first-byte classification of a UDP payload | RFC 7983, RFC 9443, RFC 5761 |
//! | [`turn`] | TURN ChannelData over UDP and TCP | RFC 8656 §12 |
//! | [`dtls`] | DTLS record headers, handshake headers, hellos, certificates, alerts | RFC 6347, RFC 9147, RFC 5764 |
//!
//! # Design
//!
//! Every packet type is a *view*: a thin wrapper around a buffer `T: AsRef<[u8]>`.
//! A view is built with one checked constructor (`new_checked`) that validates every
//! length once; after it succeeds no accessor can fail or panic. When the buffer is
//! also `AsMut<[u8]>`, setters edit fields in place. Lists (CSRCs, header extensions,
//! packets of a compound, report blocks, NACK pairs...) are borrowing iterators; nothing
//! in the parsing path allocates.
//!
//! Writers emit into a caller-provided `&mut [u8]` and return the number of bytes
//! written, filling in computed fields (lengths, counts, padding) themselves. With the
//! `alloc` feature each writer also has a convenience that appends to a `Vec<u8>`.
//!
//! Errors are small `Copy` enums that say what was wrong and where.
//!
//! The crate is `no_std` and has no required dependency; the `alloc` feature adds `Vec`
//! conveniences and `std` (a default) implies `alloc`. The `stun-crypto` feature (a
//! default) brings CRC-32, HMAC-SHA1/SHA256 and MD5 from `crc32fast` and RustCrypto for
//! the STUN FINGERPRINT and MESSAGE-INTEGRITY checks and writers.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

#[cfg(feature = "alloc")]
#[allow(unused_extern_crates)] // Used by the `Vec` conveniences of the writers.
extern crate alloc;
#[cfg(feature = "std")]
#[allow(unused_extern_crates)]
extern crate std;

mod bytes;

pub mod demux;
pub mod dtls;
pub mod entries;
pub mod rtcp;
pub mod rtp;
pub mod stun;
pub mod turn;

pub use bytes::{BufferTooSmall, EmitError};

/// The README's examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
struct ReadmeDoctests;
