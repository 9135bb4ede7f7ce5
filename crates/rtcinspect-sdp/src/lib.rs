//! Zero-copy SDP ([RFC 8866](https://www.rfc-editor.org/rfc/rfc8866)): a lossless
//! borrowed model, typed WebRTC attributes parsed on demand, a resolved view per media
//! section, lints, and a writer.
//!
//! ```
//! use rtcinspect_sdp::{Lint, LintKind, Sdp, attr::{Attr, Rtpmap}};
//!
//! let text = "v=0\r\n\
//!     o=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n\
//!     s=-\r\n\
//!     t=0 0\r\n\
//!     a=group:BUNDLE 0\r\n\
//!     m=audio 9 UDP/TLS/RTP/SAVPF 111 0\r\n\
//!     c=IN IP4 0.0.0.0\r\n\
//!     a=mid:0\r\n\
//!     a=rtpmap:111 opus/48000/2\r\n\
//!     a=x-unknown:kept as it is\r\n";
//! let sdp = Sdp::parse(text)?;
//! assert_eq!(sdp.to_string(), text); // byte for byte
//!
//! let audio = sdp.media_at(0).unwrap();
//! let opus = audio.first::<Rtpmap>().unwrap()?;
//! assert_eq!((opus.payload_type, opus.encoding, opus.channels()), (111, "opus", Some(2)));
//! assert!(matches!(audio.attribute("x-unknown").unwrap().typed(), Ok(Attr::Other(_))));
//!
//! // The inspector's view: payload type 0 is PCMU from the RFC 3551 static table.
//! let resolved = sdp.resolve(0).unwrap();
//! let pcmu = resolved.codec(0).unwrap();
//! assert_eq!((pcmu.encoding, pcmu.clock_rate, pcmu.from_static_table), ("PCMU", 8000, true));
//! assert!(resolved.is_bundled());
//! // DTLS (`UDP/TLS/...`) without a fingerprint: the lint names the m= line.
//! let lints = sdp.lint();
//! assert!(matches!(lints[..], [Lint { line: 6, kind: LintKind::MissingFingerprint }]));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Design
//!
//! * **Model.** [`Sdp`] is two vectors sized once: the [`Line`]s (text, ending, type,
//!   attribute name classified once) and the span of each media section. Parsing finds
//!   line ends with `memchr` and classifies each line by its first bytes; every field
//!   grammar (origin, media line, each attribute) is a nom parser run on demand.
//! * **Lenient and strict.** [`Sdp::parse`] accepts what real endpoints send (bare LF,
//!   trailing spaces, missing `s=`, legacy attributes, unsecured profiles with DTLS
//!   attributes) and [`Sdp::findings`] lists each deviation with line, column and
//!   field; [`Sdp::parse_strict`] refuses the first one.
//! * **Typed attributes** ([`attr`]) borrow from the line: [`Section::typed`],
//!   [`attr::Attribute::typed`].
//! * **Resolved view** ([`ResolvedMedia`]): payload types to codecs (with the RFC 3551
//!   [static table](statics)), RTX/FEC associations, extensions, SSRCs, rids, simulcast,
//!   ICE, DTLS and BUNDLE, session-level defaults applied, without allocating.
//! * **Lints** ([`Sdp::lint`]) cross lines and sections.
//! * **Writers**: the model back to bytes ([`Sdp::write_to`], `Display`), and
//!   [`SdpBuilder`] for descriptions built in code.
//!
//! The crate is `no_std` with `alloc` (the model needs its two vectors); the `std`
//! feature (default) only turns on runtime CPU feature detection in `memchr`.
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_auto_cfg))]

extern crate alloc;

pub mod attr;
mod check;
mod error;
pub mod fields;
mod grammar;
mod line;
mod lint;
pub mod resolve;
mod sdp;
pub mod statics;
mod write;

pub use error::{BufferTooSmall, BuildError, ErrorKind, FieldError, FieldErrorKind, SdpError};
pub use line::{Line, LineEnding, LineKind};
pub use lint::{Lint, LintKind};
pub use resolve::{Codec, ResolvedMedia, RtcpFbs, SsrcInfo};
pub use sdp::{Mode, Sdp, Section};
pub use write::{MediaBuilder, SdpBuilder};
