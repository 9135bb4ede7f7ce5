//! Sender reports ([RFC 3550 §6.4.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1)).

use super::report::{REPORT_BLOCK_LEN, ReportBlock, ReportBlocks};
use super::{RawRtcp, RtcpError, RtcpWrite, emit_packet, need_body, packet_type};
use crate::bytes::{self, EmitError, Writer};

/// The sender information of a sender report: when the report was sent, in wallclock
/// (NTP) and media (RTP) time, and what was sent so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct SenderInfo {
    /// NTP timestamp: seconds since 1900 in the high 32 bits, fraction in the low 32.
    pub ntp_timestamp: u64,
    /// The same instant in the RTP timestamp units of the stream.
    pub rtp_timestamp: u32,
    /// Packets sent since the start of transmission (wraps).
    pub packet_count: u32,
    /// Payload octets sent since the start of transmission (wraps).
    pub octet_count: u32,
}

impl SenderInfo {
    /// The middle 32 bits of the NTP timestamp: what receivers echo as LSR.
    #[inline]
    pub fn compact_ntp(&self) -> u32 {
        (self.ntp_timestamp >> 16) as u32
    }
}

/// Length of SSRC + sender info.
const FIXED_LEN: usize = 4 + 20;

/// A sender report, PT 200 ([RFC 3550 §6.4.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.4.1)).
///
/// ```text
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
/// |V=2|P|    RC   |   PT=SR=200   |             length            |
/// |                         SSRC of sender                        |
/// |              NTP timestamp, most significant word             |
/// |             NTP timestamp, least significant word             |
/// |                         RTP timestamp                         |
/// |                     sender's packet count                     |
/// |                      sender's octet count                     |
/// |                 report blocks (RC × 24 bytes)                 |
/// |                  profile-specific extensions                  |
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SenderReport<'a> {
    raw: RawRtcp<'a>,
}

impl<'a> SenderReport<'a> {
    /// Reads the sender report at the start of `buf`.
    pub fn new_checked(buf: &'a [u8]) -> Result<Self, RtcpError> {
        Self::from_raw(RawRtcp::new_checked(buf)?)
    }

    /// Reads a checked packet as a sender report: the body must hold the SSRC, the
    /// sender info and RC report blocks.
    #[inline]
    pub fn from_raw(raw: RawRtcp<'a>) -> Result<Self, RtcpError> {
        let raw = raw.expect_type(packet_type::SR)?;
        let body = raw.body();
        need_body(body, "sender info", 4, 20)?;
        need_body(
            body,
            "report blocks",
            FIXED_LEN,
            usize::from(raw.count()) * REPORT_BLOCK_LEN,
        )?;
        Ok(Self { raw })
    }

    /// SSRC of the sender.
    #[inline]
    pub fn ssrc(&self) -> u32 {
        bytes::u32_at(self.raw.body(), 0)
    }

    /// The sender information.
    #[inline]
    pub fn sender_info(&self) -> SenderInfo {
        let b = self.raw.body();
        SenderInfo {
            ntp_timestamp: bytes::u64_at(b, 4),
            rtp_timestamp: bytes::u32_at(b, 12),
            packet_count: bytes::u32_at(b, 16),
            octet_count: bytes::u32_at(b, 20),
        }
    }

    /// The report count (RC).
    #[inline]
    pub fn report_count(&self) -> u8 {
        self.raw.count()
    }

    /// The report blocks.
    #[inline]
    pub fn report_blocks(&self) -> ReportBlocks<'a> {
        ReportBlocks::first(
            self.raw.body().get(FIXED_LEN..).unwrap_or(&[]),
            usize::from(self.raw.count()),
        )
    }

    /// Profile-specific extension bytes after the report blocks (usually empty).
    #[inline]
    pub fn profile_extensions(&self) -> &'a [u8] {
        let start = FIXED_LEN + usize::from(self.raw.count()) * REPORT_BLOCK_LEN;
        self.raw.body().get(start..).unwrap_or(&[])
    }

    /// The packet as raw header and body.
    #[inline]
    pub fn raw(&self) -> RawRtcp<'a> {
        self.raw
    }
}

/// Writes a [`SenderReport`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SenderReportRepr<'a> {
    /// SSRC of the sender.
    pub ssrc: u32,
    /// The sender information.
    pub sender_info: SenderInfo,
    /// Up to 31 report blocks.
    pub report_blocks: &'a [ReportBlock],
    /// Profile-specific extensions; a multiple of 4 bytes.
    pub profile_extensions: &'a [u8],
    /// Padding bytes to append (0 for none), the count byte included.
    pub padding: u8,
}

impl<'a> SenderReportRepr<'a> {
    /// The fields of a parsed report, with its report blocks collected by the caller
    /// (for instance `sr.report_blocks().collect::<Vec<_>>()`).
    pub fn parse(sr: &SenderReport<'a>, report_blocks: &'a [ReportBlock]) -> Self {
        Self {
            ssrc: sr.ssrc(),
            sender_info: sr.sender_info(),
            report_blocks,
            profile_extensions: sr.profile_extensions(),
            padding: super::padding_count(&sr.raw),
        }
    }

    fn body_len(&self) -> usize {
        FIXED_LEN + self.report_blocks.len() * REPORT_BLOCK_LEN + self.profile_extensions.len()
    }
}

impl RtcpWrite for SenderReportRepr<'_> {
    fn buffer_len(&self) -> usize {
        super::HEADER_LEN + self.body_len() + usize::from(self.padding)
    }

    fn emit(&self, buf: &mut [u8]) -> Result<usize, EmitError> {
        bytes::check_max("report count", self.report_blocks.len(), 0x1f)?;
        emit_packet(
            buf,
            self.report_blocks.len() as u8,
            packet_type::SR,
            self.body_len(),
            self.padding,
            |w: &mut Writer<'_>| {
                w.u32(self.ssrc)?;
                w.u64(self.sender_info.ntp_timestamp)?;
                w.u32(self.sender_info.rtp_timestamp)?;
                w.u32(self.sender_info.packet_count)?;
                w.u32(self.sender_info.octet_count)?;
                for block in self.report_blocks {
                    block.write(w)?;
                }
                Ok(w.put(self.profile_extensions)?)
            },
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SR from SSRC 0x902f9e2e with one report block, written out field by field.
    const SR_ONE_BLOCK: [u8; 52] = [
        0x81, 0xc8, 0x00, 0x0c, // V=2 P=0 RC=1, PT=200, length 12 (52 bytes)
        0x90, 0x2f, 0x9e, 0x2e, // SSRC of sender
        0xda, 0x8b, 0xd1, 0xfc, // NTP seconds 0xda8bd1fc
        0xdd, 0xdd, 0xa0, 0x5a, // NTP fraction 0xdddda05a
        0xaa, 0xf4, 0xed, 0xd5, // RTP timestamp
        0x00, 0x00, 0x00, 0x01, // packet count 1
        0x00, 0x00, 0x00, 0x02, // octet count 2
        0xbc, 0x5e, 0x9a, 0x40, // report block: SSRC
        0x00, 0x00, 0x00, 0x00, // fraction lost 0, cumulative lost 0
        0x00, 0x00, 0x46, 0xe1, // extended highest sequence 0x46e1
        0x00, 0x00, 0x01, 0x11, // jitter 273
        0x09, 0xf3, 0x64, 0x32, // LSR
        0x00, 0x02, 0x4a, 0x79, // DLSR 0x24a79 / 65536 s = 2.29 s
    ];

    #[test]
    fn deconstruct() {
        let sr = SenderReport::new_checked(&SR_ONE_BLOCK).unwrap();
        assert_eq!(sr.ssrc(), 0x902f_9e2e);
        let info = sr.sender_info();
        assert_eq!(info.ntp_timestamp, 0xda8b_d1fc_dddd_a05a);
        assert_eq!(info.compact_ntp(), 0xd1fc_dddd);
        assert_eq!(info.rtp_timestamp, 0xaaf4_edd5);
        assert_eq!(info.packet_count, 1);
        assert_eq!(info.octet_count, 2);
        assert_eq!(sr.report_count(), 1);
        let blocks: Vec<_> = sr.report_blocks().collect();
        assert_eq!(
            blocks,
            [ReportBlock {
                ssrc: 0xbc5e_9a40,
                fraction_lost: 0,
                cumulative_lost: 0,
                extended_highest_sequence: 0x46e1,
                jitter: 273,
                last_sr: 0x09f3_6432,
                delay_since_last_sr: 0x0002_4a79,
            }]
        );
        assert!(sr.profile_extensions().is_empty());
    }

    #[test]
    fn construct_and_round_trip() {
        let sr = SenderReport::new_checked(&SR_ONE_BLOCK).unwrap();
        let blocks: Vec<_> = sr.report_blocks().collect();
        let repr = SenderReportRepr::parse(&sr, &blocks);
        assert_eq!(repr.buffer_len(), 52);
        let mut out = [0u8; 52];
        assert_eq!(repr.emit(&mut out), Ok(52));
        assert_eq!(out, SR_ONE_BLOCK);
    }

    #[test]
    fn report_count_beyond_length() {
        // RC=2 but the length only covers one block.
        let mut buf = SR_ONE_BLOCK;
        buf[0] = 0x82;
        assert_eq!(
            SenderReport::new_checked(&buf),
            Err(RtcpError::Truncated {
                field: "report blocks",
                offset: 28,
                needed: 48,
                available: 24,
            })
        );
        // An SR too short for its sender info.
        assert!(matches!(
            SenderReport::new_checked(&[0x80, 0xc8, 0x00, 0x01, 0, 0, 0, 1]),
            Err(RtcpError::Truncated {
                field: "sender info",
                ..
            })
        ));
        // Another packet type.
        assert_eq!(
            SenderReport::new_checked(&[0x80, 0xc9, 0x00, 0x01, 0, 0, 0, 1]),
            Err(RtcpError::WrongPacketType {
                expected: 200,
                found: 201
            })
        );
    }

    #[test]
    fn too_many_blocks() {
        let blocks = [ReportBlock::default(); 32];
        let repr = SenderReportRepr {
            report_blocks: &blocks,
            ..Default::default()
        };
        let mut out = [0u8; 1024];
        assert!(matches!(
            repr.emit(&mut out),
            Err(EmitError::FieldOverflow { max: 31, .. })
        ));
    }
}
