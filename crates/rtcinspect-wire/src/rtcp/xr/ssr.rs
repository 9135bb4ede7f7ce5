//! Statistics Summary report block ([RFC 3611 §4.6](https://www.rfc-editor.org/rfc/rfc3611#section-4.6)).

use crate::bytes::{self, EmitError, Writer};

/// Contents length: the constant block length 9, in bytes.
pub(crate) const BODY_LEN: usize = 36;

/// What the TTL/Hop Limit fields of a Statistics Summary block report: the 2-bit ToH
/// flag ([RFC 3611 §4.6](https://www.rfc-editor.org/rfc/rfc3611#section-4.6)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TtlOrHopLimit {
    /// 0: the four TTL/HL fields report nothing (and must be zero).
    #[default]
    NotReported,
    /// 1: they report IPv4 TTL values.
    Ipv4Ttl,
    /// 2: they report IPv6 Hop Limit values.
    Ipv6HopLimit,
    /// 3: "undefined and MUST NOT be used"; kept so the block reads and writes back.
    Undefined,
}

impl TtlOrHopLimit {
    /// The flag from its 2-bit value (higher bits ignored).
    #[inline]
    pub fn from_bits(v: u8) -> Self {
        match v & 0x03 {
            0 => Self::NotReported,
            1 => Self::Ipv4Ttl,
            2 => Self::Ipv6HopLimit,
            _ => Self::Undefined,
        }
    }

    /// The 2-bit value.
    #[inline]
    pub fn bits(self) -> u8 {
        match self {
            Self::NotReported => 0,
            Self::Ipv4Ttl => 1,
            Self::Ipv6HopLimit => 2,
            Self::Undefined => 3,
        }
    }
}

/// A Statistics Summary block, BT 6
/// ([RFC 3611 §4.6](https://www.rfc-editor.org/rfc/rfc3611#section-4.6)): loss,
/// duplicate, jitter and TTL/Hop Limit statistics over a sequence number range.
///
/// ```text
/// |     BT=6      |L|D|J|ToH|rsvd.|       block length = 9        |
/// |                        SSRC of source                         |
/// |          begin_seq            |             end_seq           |
/// |                        lost_packets                           |
/// |                        dup_packets                            |
/// |                         min_jitter                            |
/// |                         max_jitter                            |
/// |                         mean_jitter                           |
/// |                         dev_jitter                            |
/// | min_ttl_or_hl | max_ttl_or_hl |mean_ttl_or_hl | dev_ttl_or_hl |
/// ```
///
/// The flags say which fields carry a report; the others MUST be zero, and a receiver
/// MUST ignore a block where they are not ([`is_consistent`](Self::is_consistent)).
/// Decoded eagerly, all fields as on the wire; also the writer of the block (the three
/// reserved bits are written as zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct StatisticsSummary {
    /// SSRC of the source reported on.
    pub ssrc: u32,
    /// First sequence number of the range.
    pub begin_seq: u16,
    /// Last sequence number of the range plus one.
    pub end_seq: u16,
    /// L: [`lost_packets`](Self::lost_packets) carries a report.
    pub loss_reported: bool,
    /// D: [`dup_packets`](Self::dup_packets) carries a report.
    pub duplicates_reported: bool,
    /// J: the four jitter fields carry reports.
    pub jitter_reported: bool,
    /// ToH: what the four TTL/HL fields report, if anything.
    pub ttl_or_hop_limit: TtlOrHopLimit,
    /// Packets lost in the range.
    pub lost_packets: u32,
    /// Duplicate packets in the range.
    pub dup_packets: u32,
    /// Minimum relative transit time between two packets, in RTP timestamp units.
    pub min_jitter: u32,
    /// Maximum relative transit time between two packets.
    pub max_jitter: u32,
    /// Mean relative transit time, rounded to the nearest RTP timestamp unit.
    pub mean_jitter: u32,
    /// Standard deviation of the relative transit time.
    pub dev_jitter: u32,
    /// Minimum TTL or Hop Limit of data packets in the range.
    pub min_ttl_or_hl: u8,
    /// Maximum TTL or Hop Limit.
    pub max_ttl_or_hl: u8,
    /// Mean TTL or Hop Limit, rounded to the nearest integer.
    pub mean_ttl_or_hl: u8,
    /// Standard deviation of the TTL or Hop Limit.
    pub dev_ttl_or_hl: u8,
}

impl StatisticsSummary {
    /// Reads the contents of a Statistics Summary block: exactly 36 bytes.
    pub(crate) fn parse(type_specific: u8, body: &[u8]) -> Option<Self> {
        (body.len() == BODY_LEN).then(|| Self {
            ssrc: bytes::u32_at(body, 0),
            begin_seq: bytes::u16_at(body, 4),
            end_seq: bytes::u16_at(body, 6),
            loss_reported: type_specific & 0x80 != 0,
            duplicates_reported: type_specific & 0x40 != 0,
            jitter_reported: type_specific & 0x20 != 0,
            ttl_or_hop_limit: TtlOrHopLimit::from_bits(type_specific >> 3),
            lost_packets: bytes::u32_at(body, 8),
            dup_packets: bytes::u32_at(body, 12),
            min_jitter: bytes::u32_at(body, 16),
            max_jitter: bytes::u32_at(body, 20),
            mean_jitter: bytes::u32_at(body, 24),
            dev_jitter: bytes::u32_at(body, 28),
            min_ttl_or_hl: bytes::u8_at(body, 32),
            max_ttl_or_hl: bytes::u8_at(body, 33),
            mean_ttl_or_hl: bytes::u8_at(body, 34),
            dev_ttl_or_hl: bytes::u8_at(body, 35),
        })
    }

    /// The type-specific byte: `L D J ToH ToH 0 0 0`.
    #[inline]
    pub fn type_specific(&self) -> u8 {
        (u8::from(self.loss_reported) << 7)
            | (u8::from(self.duplicates_reported) << 6)
            | (u8::from(self.jitter_reported) << 5)
            | (self.ttl_or_hop_limit.bits() << 3)
    }

    /// Whether every field the flags mark as unreported is zero. RFC 3611 §4.6: "The
    /// receiver MUST ignore any Statistics Summary Report Block with a non-zero value
    /// in any field flagged as unreported."
    pub fn is_consistent(&self) -> bool {
        let jitter = [
            self.min_jitter,
            self.max_jitter,
            self.mean_jitter,
            self.dev_jitter,
        ];
        let ttl = [
            self.min_ttl_or_hl,
            self.max_ttl_or_hl,
            self.mean_ttl_or_hl,
            self.dev_ttl_or_hl,
        ];
        (self.loss_reported || self.lost_packets == 0)
            && (self.duplicates_reported || self.dup_packets == 0)
            && (self.jitter_reported || jitter.iter().all(|&v| v == 0))
            && (self.ttl_or_hop_limit != TtlOrHopLimit::NotReported || ttl.iter().all(|&v| v == 0))
    }

    /// The lost packet count, if the L flag says it is reported.
    #[inline]
    pub fn lost(&self) -> Option<u32> {
        self.loss_reported.then_some(self.lost_packets)
    }

    /// The duplicate packet count, if the D flag says it is reported.
    #[inline]
    pub fn duplicates(&self) -> Option<u32> {
        self.duplicates_reported.then_some(self.dup_packets)
    }

    pub(crate) fn write_body(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        w.u32(self.ssrc)?;
        w.u16(self.begin_seq)?;
        w.u16(self.end_seq)?;
        w.u32(self.lost_packets)?;
        w.u32(self.dup_packets)?;
        w.u32(self.min_jitter)?;
        w.u32(self.max_jitter)?;
        w.u32(self.mean_jitter)?;
        w.u32(self.dev_jitter)?;
        w.put(&[
            self.min_ttl_or_hl,
            self.max_ttl_or_hl,
            self.mean_ttl_or_hl,
            self.dev_ttl_or_hl,
        ])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpError;
    use crate::rtcp::xr::{ExtendedReport, XrBlockKind, XrBlockRepr};

    /// A Statistics Summary block with L, J and ToH=1 (IPv4 TTL) set, D clear.
    const SSR: [u8; 40] = [
        0x06, 0xa8, 0x00, 0x09, // BT=6; 1010 1000 = L=1 D=0 J=1 ToH=01 rsvd=000; length 9
        0xca, 0xfe, 0xba, 0xbe, // SSRC of source
        0x03, 0xe8, 0x07, 0xd0, // begin_seq 1000, end_seq 2000
        0x00, 0x00, 0x00, 0x0c, // lost_packets 12
        0x00, 0x00, 0x00, 0x00, // dup_packets 0 (D=0: unreported, so zero)
        0x00, 0x00, 0x00, 0x02, // min_jitter 2
        0x00, 0x00, 0x01, 0x2c, // max_jitter 300
        0x00, 0x00, 0x00, 0x50, // mean_jitter 80
        0x00, 0x00, 0x00, 0x28, // dev_jitter 40
        0x38, 0x40, 0x3c, 0x02, // TTL min 56, max 64, mean 60, dev 2
    ];

    fn expected() -> StatisticsSummary {
        StatisticsSummary {
            ssrc: 0xcafe_babe,
            begin_seq: 1000,
            end_seq: 2000,
            loss_reported: true,
            duplicates_reported: false,
            jitter_reported: true,
            ttl_or_hop_limit: TtlOrHopLimit::Ipv4Ttl,
            lost_packets: 12,
            dup_packets: 0,
            min_jitter: 2,
            max_jitter: 300,
            mean_jitter: 80,
            dev_jitter: 40,
            min_ttl_or_hl: 56,
            max_ttl_or_hl: 64,
            mean_ttl_or_hl: 60,
            dev_ttl_or_hl: 2,
        }
    }

    #[test]
    fn deconstruct_and_emit() {
        let ssr = StatisticsSummary::parse(SSR[1], &SSR[4..]).unwrap();
        assert_eq!(ssr, expected());
        assert!(ssr.is_consistent());
        assert_eq!(ssr.lost(), Some(12));
        assert_eq!(ssr.duplicates(), None);
        assert_eq!(ssr.type_specific(), 0xa8);
        let mut out = [0u8; 40];
        assert_eq!(XrBlockRepr::StatisticsSummary(ssr).emit(&mut out), Ok(40));
        assert_eq!(out, SSR);
    }

    #[test]
    fn flags_and_consistency() {
        // Every ToH value, and the reserved bits ignored: 0x1f = ToH 3, rsvd 111.
        assert_eq!(
            TtlOrHopLimit::from_bits(0x1f >> 3),
            TtlOrHopLimit::Undefined
        );
        for v in 0..4 {
            assert_eq!(TtlOrHopLimit::from_bits(v).bits(), v);
        }
        let ssr = StatisticsSummary::parse(0x47, &SSR[4..]).unwrap();
        // 0x47 = 0100 0111: D only, ToH 0, reserved 111.
        assert!(!ssr.loss_reported && ssr.duplicates_reported && !ssr.jitter_reported);
        assert_eq!(ssr.ttl_or_hop_limit, TtlOrHopLimit::NotReported);
        // Lost count 12 with L=0 is a block the receiver MUST ignore.
        assert!(!ssr.is_consistent());
        // Written back the reserved bits are zero.
        assert_eq!(ssr.type_specific(), 0x40);
    }

    #[test]
    fn length_error() {
        // Block length 8 instead of RFC 3611 §4.6's constant 9.
        let mut buf = vec![0x80, 0xcf, 0x00, 0x0a, 0, 0, 0, 1];
        buf.extend_from_slice(&SSR[..36]);
        buf[11] = 8;
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        assert_eq!(
            xr.blocks().next().unwrap().parse(),
            Err(RtcpError::InvalidValue {
                field: "Statistics Summary block length",
                offset: 10,
                value: 8
            })
        );
        // The right length parses.
        let mut buf = vec![0x80, 0xcf, 0x00, 0x0b, 0, 0, 0, 1];
        buf.extend_from_slice(&SSR);
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        assert_eq!(
            xr.blocks().next().unwrap().parse(),
            Ok(XrBlockKind::StatisticsSummary(expected()))
        );
    }
}
