//! Feedback messages ([RFC 4585 §6](https://www.rfc-editor.org/rfc/rfc4585#section-6)):
//! transport-layer (RTPFB, PT 205) and payload-specific (PSFB, PT 206).
//!
//! Both share one layout: the common header with the feedback message type (FMT) in
//! the count field, the SSRC of the packet sender, the SSRC of the media source, then
//! feedback control information (FCI) whose format the FMT decides. The views here
//! read the common part; [`RtpFeedback::fci`] and [`PayloadFeedback::fci`] read the FCI
//! on demand into a typed value. Unknown FMTs are values, not errors.
//!
//! ```
//! use rtcinspect_wire::rtcp::fb::{FeedbackRepr, NackPair, NackRepr, RtpFeedbackFci};
//! use rtcinspect_wire::rtcp::{RtcpPacket, RtcpWrite};
//!
//! // Sequence numbers 100, 101 and 116 lost: one pair, PID 100, BLP bits 0 and 15.
//! let pairs = [NackPair { pid: 100, blp: 0x8001 }];
//! let nack = FeedbackRepr { sender_ssrc: 1, media_ssrc: 2, fci: NackRepr { pairs: &pairs }, padding: 0 };
//! let mut buf = [0u8; 16];
//! let len = nack.emit(&mut buf)?;
//!
//! let Ok(RtcpPacket::RtpFeedback(fb)) = RtcpPacket::parse(&buf[..len]) else { panic!() };
//! assert_eq!(fb.media_ssrc(), 2);
//! let Ok(RtpFeedbackFci::Nack(nack)) = fb.fci() else { panic!() };
//! assert!(nack.lost_sequence_numbers().eq([100, 101, 116]));
//! # Ok::<(), rtcinspect_wire::EmitError>(())
//! ```

use super::{RawRtcp, RtcpError, RtcpWrite, emit_packet, need_body, packet_type};
use crate::bytes::{self, EmitError};

mod ccfb;
mod fir;
mod nack;
mod remb;
mod rpsi;
mod sli;
mod tmmb;
mod twcc;

pub use ccfb::*;
pub use fir::{Fir, FirEntries, FirEntry, FirRepr};
pub use nack::{LostSequenceNumbers, Nack, NackPair, NackPairs, NackRepr, pack_nack};
pub use remb::{Remb, RembRepr, RembSsrcs};
pub use rpsi::{Rpsi, RpsiRepr};
pub use sli::{Sli, SliEntries, SliEntry, SliRepr};
pub use tmmb::{Tmmb, TmmbEntries, TmmbEntry, TmmbRepr};
pub use twcc::*;

/// Feedback message types of transport-layer feedback, PT 205
/// ([IANA "FMT Values for RTPFB Payload Types"](https://www.iana.org/assignments/rtp-parameters/rtp-parameters.xhtml#rtp-parameters-8)).
pub mod rtpfb_fmt {
    /// Generic NACK ([RFC 4585 §6.2.1](https://www.rfc-editor.org/rfc/rfc4585#section-6.2.1)).
    pub const NACK: u8 = 1;
    /// Temporary maximum media stream bit rate request ([RFC 5104 §4.2.1](https://www.rfc-editor.org/rfc/rfc5104#section-4.2.1)).
    pub const TMMBR: u8 = 3;
    /// Temporary maximum media stream bit rate notification ([RFC 5104 §4.2.2](https://www.rfc-editor.org/rfc/rfc5104#section-4.2.2)).
    pub const TMMBN: u8 = 4;
    /// RTCP rapid resynchronisation request ([RFC 6051](https://www.rfc-editor.org/rfc/rfc6051)).
    pub const SR_REQ: u8 = 5;
    /// Rapid acquisition of multicast sessions ([RFC 6285](https://www.rfc-editor.org/rfc/rfc6285)).
    pub const RAMS: u8 = 6;
    /// Third-party loss report ([RFC 6642](https://www.rfc-editor.org/rfc/rfc6642)).
    pub const TLLEI: u8 = 7;
    /// ECN feedback ([RFC 6679](https://www.rfc-editor.org/rfc/rfc6679)).
    pub const ECN: u8 = 8;
    /// Media pause/resume ([RFC 7728](https://www.rfc-editor.org/rfc/rfc7728)).
    pub const PAUSE_RESUME: u8 = 9;
    /// Delay budget information ([3GPP TS 26.114](https://www.3gpp.org/DynaReport/26114.htm)).
    pub const DBI: u8 = 10;
    /// RTP congestion control feedback ([RFC 8888](https://www.rfc-editor.org/rfc/rfc8888)).
    pub const CCFB: u8 = 11;
    /// Transport-wide congestion control feedback
    /// ([draft-holmer-rmcat-transport-wide-cc-extensions-01 §3.1](https://datatracker.ietf.org/doc/html/draft-holmer-rmcat-transport-wide-cc-extensions-01#section-3.1)).
    pub const TRANSPORT_CC: u8 = 15;
}

/// Feedback message types of payload-specific feedback, PT 206
/// ([IANA "FMT Values for PSFB Payload Types"](https://www.iana.org/assignments/rtp-parameters/rtp-parameters.xhtml#rtp-parameters-9)).
pub mod psfb_fmt {
    /// Picture loss indication ([RFC 4585 §6.3.1](https://www.rfc-editor.org/rfc/rfc4585#section-6.3.1)).
    pub const PLI: u8 = 1;
    /// Slice loss indication ([RFC 4585 §6.3.2](https://www.rfc-editor.org/rfc/rfc4585#section-6.3.2)).
    pub const SLI: u8 = 2;
    /// Reference picture selection indication ([RFC 4585 §6.3.3](https://www.rfc-editor.org/rfc/rfc4585#section-6.3.3)).
    pub const RPSI: u8 = 3;
    /// Full intra request ([RFC 5104 §4.3.1](https://www.rfc-editor.org/rfc/rfc5104#section-4.3.1)).
    pub const FIR: u8 = 4;
    /// Temporal-spatial trade-off request ([RFC 5104 §4.3.2](https://www.rfc-editor.org/rfc/rfc5104#section-4.3.2)).
    pub const TSTR: u8 = 5;
    /// Temporal-spatial trade-off notification ([RFC 5104 §4.3.3](https://www.rfc-editor.org/rfc/rfc5104#section-4.3.3)).
    pub const TSTN: u8 = 6;
    /// Video back channel message ([RFC 5104 §4.3.4](https://www.rfc-editor.org/rfc/rfc5104#section-4.3.4)).
    pub const VBCM: u8 = 7;
    /// Payload-specific third-party loss report ([RFC 6642](https://www.rfc-editor.org/rfc/rfc6642)).
    pub const PSLEI: u8 = 8;
    /// Region of interest ([3GPP TS 26.114](https://www.3gpp.org/DynaReport/26114.htm)).
    pub const ROI: u8 = 9;
    /// Layer refresh request ([RFC 9627](https://www.rfc-editor.org/rfc/rfc9627)).
    pub const LRR: u8 = 10;
    /// Application layer feedback, REMB among others ([RFC 4585 §6.4](https://www.rfc-editor.org/rfc/rfc4585#section-6.4)).
    pub const AFB: u8 = 15;
}

/// Length of the two SSRCs that start every feedback message body.
const SSRCS_LEN: usize = 8;
/// Offset of the FCI from the start of the packet.
const FCI_OFFSET: usize = super::HEADER_LEN + SSRCS_LEN;

/// Checks the common feedback layout and returns the packet.
fn check_common(raw: RawRtcp<'_>, expected: u8) -> Result<RawRtcp<'_>, RtcpError> {
    let raw = raw.expect_type(expected)?;
    need_body(
        raw.body(),
        "SSRC of packet sender and media source",
        0,
        SSRCS_LEN,
    )?;
    Ok(raw)
}

macro_rules! common_accessors {
    () => {
        /// The feedback message type (the 5-bit count field).
        #[inline]
        pub fn fmt(&self) -> u8 {
            self.raw.count()
        }

        /// SSRC of the packet sender.
        #[inline]
        pub fn sender_ssrc(&self) -> u32 {
            bytes::u32_at(self.raw.body(), 0)
        }

        /// SSRC of the media source the feedback is about (0 where the FCI names the
        /// sources instead, as in FIR, TMMBR and REMB). RFC 8888 feedback (RTPFB FMT
        /// 11) has no such field: these are the first 4 bytes of its first report
        /// block, the SSRC of the first RTP stream reported on, when it has one.
        #[inline]
        pub fn media_ssrc(&self) -> u32 {
            bytes::u32_at(self.raw.body(), 4)
        }

        /// The feedback control information, undecoded.
        #[inline]
        pub fn fci_bytes(&self) -> &'a [u8] {
            self.raw.body().get(SSRCS_LEN..).unwrap_or(&[])
        }

        /// The packet as raw header and body.
        #[inline]
        pub fn raw(&self) -> RawRtcp<'a> {
            self.raw
        }
    };
}

/// Transport-layer feedback, PT 205 ([RFC 4585 §6.2](https://www.rfc-editor.org/rfc/rfc4585#section-6.2)).
///
/// ```text
/// |V=2|P|   FMT   |    PT=205     |          length               |
/// |                  SSRC of packet sender                        |
/// |                  SSRC of media source                         |
/// :            Feedback Control Information (FCI)                 :
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RtpFeedback<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> RtpFeedback<'a> {
    /// Reads the transport-layer feedback packet at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as transport-layer feedback: the body must hold both
    /// SSRCs. The FCI is read by [`fci`](Self::fci).
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        Ok(Self {
            raw: check_common(raw, packet_type::RTPFB)?,
        })
    }

    common_accessors!();

    /// Reads the FCI as the FMT says. Error offsets count from the start of the packet.
    #[inline]
    pub fn fci(&self) -> Result<RtpFeedbackFci<'a>, RtcpError> {
        let fci = self.fci_bytes();
        let shift = |e: RtcpError| e.shifted(FCI_OFFSET);
        Ok(match self.fmt() {
            rtpfb_fmt::NACK => RtpFeedbackFci::Nack(Nack::parse(fci).map_err(shift)?),
            rtpfb_fmt::TMMBR => RtpFeedbackFci::Tmmbr(Tmmb::parse(fci).map_err(shift)?),
            rtpfb_fmt::TMMBN => RtpFeedbackFci::Tmmbn(Tmmb::parse(fci).map_err(shift)?),
            rtpfb_fmt::TRANSPORT_CC => {
                RtpFeedbackFci::TransportCc(TransportCc::parse(fci).map_err(shift)?)
            }
            rtpfb_fmt::CCFB => {
                // RFC 8888 has no media source SSRC: the reports start right after
                // the sender SSRC.
                let reports = self.raw.body().get(4..).unwrap_or(&[]);
                RtpFeedbackFci::CongestionControl(
                    CongestionControlFeedback::parse(reports)
                        .map_err(|e| e.shifted(super::HEADER_LEN + 4))?,
                )
            }
            fmt => RtpFeedbackFci::Other { fmt, fci },
        })
    }
}

/// The FCI of a transport-layer feedback message, by FMT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RtpFeedbackFci<'a> {
    /// Generic NACK, FMT 1.
    Nack(Nack<'a>),
    /// TMMBR, FMT 3.
    Tmmbr(Tmmb<'a>),
    /// TMMBN, FMT 4.
    Tmmbn(Tmmb<'a>),
    /// Transport-wide congestion control feedback, FMT 15.
    TransportCc(TransportCc<'a>),
    /// RFC 8888 congestion control feedback, FMT 11.
    CongestionControl(CongestionControlFeedback<'a>),
    /// Any other FMT, undecoded.
    Other {
        /// The feedback message type.
        fmt: u8,
        /// The FCI bytes.
        fci: &'a [u8],
    },
}

/// Payload-specific feedback, PT 206 ([RFC 4585 §6.3](https://www.rfc-editor.org/rfc/rfc4585#section-6.3)).
///
/// Same layout as [`RtpFeedback`]; application layer feedback (FMT 15) that starts
/// with `REMB` is read as [`Remb`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayloadFeedback<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> PayloadFeedback<'a> {
    /// Reads the payload-specific feedback packet at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as payload-specific feedback: the body must hold both
    /// SSRCs. The FCI is read by [`fci`](Self::fci).
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        Ok(Self {
            raw: check_common(raw, packet_type::PSFB)?,
        })
    }

    common_accessors!();

    /// Reads the FCI as the FMT says. Error offsets count from the start of the packet.
    #[inline]
    pub fn fci(&self) -> Result<PayloadFeedbackFci<'a>, RtcpError> {
        let fci = self.fci_bytes();
        let shift = |e: RtcpError| e.shifted(FCI_OFFSET);
        Ok(match self.fmt() {
            // RFC 4585 §6.3.1: PLI has no FCI. Some senders append bytes anyway; they
            // stay readable through `fci_bytes`.
            psfb_fmt::PLI => PayloadFeedbackFci::Pli,
            psfb_fmt::SLI => PayloadFeedbackFci::Sli(Sli::parse(fci).map_err(shift)?),
            psfb_fmt::RPSI => PayloadFeedbackFci::Rpsi(Rpsi::parse(fci).map_err(shift)?),
            psfb_fmt::FIR => PayloadFeedbackFci::Fir(Fir::parse(fci).map_err(shift)?),
            psfb_fmt::AFB if fci.starts_with(remb::REMB_ID) => {
                PayloadFeedbackFci::Remb(Remb::parse(fci).map_err(shift)?)
            }
            psfb_fmt::AFB => PayloadFeedbackFci::Afb(fci),
            fmt => PayloadFeedbackFci::Other { fmt, fci },
        })
    }
}

/// The FCI of a payload-specific feedback message, by FMT.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PayloadFeedbackFci<'a> {
    /// Picture loss indication, FMT 1 (no FCI).
    Pli,
    /// Slice loss indication, FMT 2.
    Sli(Sli<'a>),
    /// Reference picture selection indication, FMT 3.
    Rpsi(Rpsi<'a>),
    /// Full intra request, FMT 4.
    Fir(Fir<'a>),
    /// Receiver estimated maximum bitrate: application layer feedback (FMT 15) that
    /// starts with `REMB`.
    Remb(Remb<'a>),
    /// Other application layer feedback, FMT 15, undecoded.
    Afb(&'a [u8]),
    /// Any other FMT, undecoded.
    Other {
        /// The feedback message type.
        fmt: u8,
        /// The FCI bytes.
        fci: &'a [u8],
    },
}

/// An FCI that [`FeedbackRepr`] can write: it knows its packet type, FMT and length.
///
/// Implemented by the `…Repr` types of this module; implement it to write an FCI this
/// crate does not know.
pub trait FciWrite {
    /// [`packet_type::RTPFB`] or [`packet_type::PSFB`].
    fn packet_type(&self) -> u8;
    /// The feedback message type.
    fn fmt(&self) -> u8;
    /// Bytes of FCI; with the 8 bytes of SSRCs a multiple of 4.
    fn fci_len(&self) -> usize;
    /// Writes the FCI into `out`, which is exactly [`fci_len`](FciWrite::fci_len) long.
    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError>;
}

/// Writes a feedback message: the two SSRCs, then an FCI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct FeedbackRepr<F> {
    /// SSRC of the packet sender.
    pub sender_ssrc: u32,
    /// SSRC of the media source (0 where the FCI names the sources).
    pub media_ssrc: u32,
    /// The feedback control information.
    pub fci: F,
    /// Padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl<F: FciWrite> RtcpWrite for FeedbackRepr<F> {
    fn buffer_len(&self) -> usize {
        FCI_OFFSET + self.fci.fci_len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        let fci_len = self.fci.fci_len();
        emit_packet(
            buf,
            self.fci.fmt(),
            self.fci.packet_type(),
            SSRCS_LEN + fci_len,
            self.padding,
            |w| {
                w.u32(self.sender_ssrc)?;
                w.u32(self.media_ssrc)?;
                let start = w.position();
                w.zeros(fci_len)?;
                let out = w.written_mut().get_mut(start..).unwrap_or_default();
                self.fci.write_fci(out)
            },
        )
    }
}

/// An FCI written as given: the way to write an FMT this crate does not decode, or a
/// PLI (`fmt` 1 with empty `fci`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RawFciRepr<'a> {
    /// [`packet_type::RTPFB`] or [`packet_type::PSFB`].
    pub packet_type: u8,
    /// The feedback message type.
    pub fmt: u8,
    /// The FCI bytes; a multiple of 4.
    pub fci: &'a [u8],
}

impl RawFciRepr<'_> {
    /// A picture loss indication (no FCI).
    pub const PLI: RawFciRepr<'static> = RawFciRepr {
        packet_type: packet_type::PSFB,
        fmt: psfb_fmt::PLI,
        fci: &[],
    };
}

impl FciWrite for RawFciRepr<'_> {
    fn packet_type(&self) -> u8 {
        self.packet_type
    }

    fn fmt(&self) -> u8 {
        self.fmt
    }

    fn fci_len(&self) -> usize {
        self.fci.len()
    }

    fn write_fci(&self, out: &mut [u8]) -> Result<(), EmitError> {
        crate::bytes::Writer::new(out).put(self.fci)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A PLI from Chrome: sender SSRC 1, media SSRC 0x1a2b3c4d, no FCI.
    const PLI: [u8; 12] = [
        0x81, 0xce, 0x00, 0x02, // FMT=1 PT=206 length 2
        0x00, 0x00, 0x00, 0x01, // sender SSRC
        0x1a, 0x2b, 0x3c, 0x4d, // media SSRC
    ];

    #[test]
    fn pli() {
        let fb = PayloadFeedback::new_checked(&PLI).unwrap();
        assert_eq!(fb.fmt(), psfb_fmt::PLI);
        assert_eq!(fb.sender_ssrc(), 1);
        assert_eq!(fb.media_ssrc(), 0x1a2b_3c4d);
        assert_eq!(fb.fci(), Ok(PayloadFeedbackFci::Pli));
        let repr = FeedbackRepr {
            sender_ssrc: 1,
            media_ssrc: 0x1a2b_3c4d,
            fci: RawFciRepr::PLI,
            padding: 0,
        };
        let mut out = [0u8; 12];
        assert_eq!(repr.emit(&mut out), Ok(12));
        assert_eq!(out, PLI);
    }

    #[test]
    fn unknown_fmt_is_a_value() {
        // RTPFB FMT 5 (RTCP-SR-REQ) has no FCI.
        let buf = [0x85, 0xcd, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2];
        let fb = RtpFeedback::new_checked(&buf).unwrap();
        assert_eq!(fb.fci(), Ok(RtpFeedbackFci::Other { fmt: 5, fci: &[] }));
    }

    #[test]
    fn missing_media_ssrc() {
        let buf = [0x81, 0xce, 0x00, 0x01, 0, 0, 0, 1];
        assert_eq!(
            PayloadFeedback::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "SSRC of packet sender and media source",
                offset: 4,
                needed: 8,
                available: 4
            })
        );
    }
}
