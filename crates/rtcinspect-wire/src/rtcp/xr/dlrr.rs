//! DLRR report block ([RFC 3611 §4.5](https://www.rfc-editor.org/rfc/rfc3611#section-4.5)).

use crate::bytes::{self, EmitError, Writer};

/// Length of one sub-block: SSRC, LRR, DLRR.
const ENTRY_LEN: usize = 12;

/// One DLRR sub-block: the answer to the last Receiver Reference Time block received
/// from one participant
/// ([RFC 3611 §4.5](https://www.rfc-editor.org/rfc/rfc3611#section-4.5)).
///
/// ```text
/// |                 SSRC_n (SSRC of receiver n)                   |
/// |                         last RR (LRR)                         |
/// |                   delay since last RR (DLRR)                  |
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DlrrEntry {
    /// The participant whose RRTR block is answered.
    pub ssrc: u32,
    /// Middle 32 bits of the NTP timestamp of that RRTR block (LRR), 0 if none was
    /// received.
    pub last_rr: u32,
    /// Delay between receiving that RRTR block and sending this one (DLRR), in units of
    /// 1/65536 s; 0 if none was received.
    pub delay_since_last_rr: u32,
}

impl DlrrEntry {
    /// The round trip time seen by participant [`ssrc`](Self::ssrc), who received this
    /// sub-block at `arrival` (the middle 32 bits of its NTP clock): `A − LRR − DLRR` in
    /// units of 1/65536 s, computed modulo 2^32 as RFC 3611 §4.5 and RFC 3550 §6.4.1 do.
    /// `None` when LRR is 0 (no RRTR block was received).
    #[inline]
    pub fn round_trip(&self, arrival: u32) -> Option<u32> {
        (self.last_rr != 0).then(|| {
            arrival
                .wrapping_sub(self.last_rr)
                .wrapping_sub(self.delay_since_last_rr)
        })
    }
}

/// A DLRR block, BT 5 ([RFC 3611 §4.5](https://www.rfc-editor.org/rfc/rfc3611#section-4.5)):
/// one or more [`DlrrEntry`] sub-blocks.
///
/// ```text
/// |     BT=5      |   reserved    |         block length          |
/// |                 SSRC_1 (SSRC of first receiver)               | sub-
/// |                         last RR (LRR)                         | block
/// |                   delay since last RR (DLRR)                  |   1
/// :                               ...                             :
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dlrr<'a> {
    body: &'a [u8],
}

impl<'a> Dlrr<'a> {
    /// Reads the contents of a DLRR block: a non-empty multiple of 12 bytes.
    pub(crate) fn parse(body: &'a [u8]) -> Option<Self> {
        (!body.is_empty() && body.len() % ENTRY_LEN == 0).then_some(Self { body })
    }

    /// The sub-blocks, in order.
    #[inline]
    pub fn entries(&self) -> DlrrEntries<'a> {
        DlrrEntries::new(self.body)
    }
}

/// Iterator over the sub-blocks of a DLRR block ([RFC 3611 §4.5](https://www.rfc-editor.org/rfc/rfc3611#section-4.5)).
pub type DlrrEntries<'a> = crate::entries::Entries<'a, DlrrEntry>;

impl crate::entries::FixedEntry for DlrrEntry {
    const LEN: usize = ENTRY_LEN;

    #[inline]
    fn read(bytes: &[u8]) -> Self {
        Self {
            ssrc: bytes::u32_at(bytes, 0),
            last_rr: bytes::u32_at(bytes, 4),
            delay_since_last_rr: bytes::u32_at(bytes, 8),
        }
    }
}

/// Writes a [`Dlrr`] block ([RFC 3611 §4.5](https://www.rfc-editor.org/rfc/rfc3611#section-4.5); use with
/// [`super::XrBlockRepr::Dlrr`]); the reserved byte is written as zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DlrrRepr<'a> {
    /// The sub-blocks; at least one (RFC 3611 §4.5: "one or more").
    pub entries: &'a [DlrrEntry],
}

impl DlrrRepr<'_> {
    pub(crate) fn body_len(&self) -> usize {
        self.entries.len() * ENTRY_LEN
    }

    pub(crate) fn write_body(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        if self.entries.is_empty() {
            return Err(EmitError::InvalidValue {
                field: "DLRR sub-block count",
                value: 0,
            });
        }
        for e in self.entries {
            w.u32(e.ssrc)?;
            w.u32(e.last_rr)?;
            w.u32(e.delay_since_last_rr)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpError;
    use crate::rtcp::xr::{ExtendedReport, XrBlockKind, XrBlockRepr};

    /// A DLRR block answering two receivers.
    const DLRR_TWO: [u8; 28] = [
        0x05, 0x00, 0x00, 0x06, // BT=5, reserved, block length 6 (2 × 3 words)
        0x11, 0x11, 0x11, 0x11, // SSRC_1
        0x2d, 0x00, 0x12, 0x34, // LRR_1
        0x00, 0x01, 0x80, 0x00, // DLRR_1: 0x18000 / 65536 = 1.5 s
        0x22, 0x22, 0x22, 0x22, // SSRC_2
        0x00, 0x00, 0x00, 0x00, // LRR_2: no RRTR received from it
        0x00, 0x00, 0x00, 0x00, // DLRR_2
    ];

    #[test]
    fn deconstruct_and_emit() {
        let dlrr = Dlrr::parse(&DLRR_TWO[4..]).unwrap();
        let entries: Vec<_> = dlrr.entries().collect();
        assert_eq!(
            entries,
            [
                DlrrEntry {
                    ssrc: 0x1111_1111,
                    last_rr: 0x2d00_1234,
                    delay_since_last_rr: 0x0001_8000,
                },
                DlrrEntry {
                    ssrc: 0x2222_2222,
                    last_rr: 0,
                    delay_since_last_rr: 0,
                },
            ]
        );
        let mut out = [0u8; 28];
        let repr = XrBlockRepr::Dlrr(DlrrRepr { entries: &entries });
        assert_eq!(repr.buffer_len(), 28);
        assert_eq!(repr.emit(&mut out), Ok(28));
        assert_eq!(out, DLRR_TWO);
    }

    #[test]
    fn round_trip_time() {
        // RRTR sent at compact NTP 0x2d00_1234; the answer left 1.5 s later
        // (DLRR 0x18000); it arrives back at LRR + 1.5 s + 0.25 s (0x4000): the
        // round trip is 0x4000 = 0.25 s.
        let e = DlrrEntry {
            ssrc: 1,
            last_rr: 0x2d00_1234,
            delay_since_last_rr: 0x0001_8000,
        };
        assert_eq!(
            e.round_trip(0x2d00_1234 + 0x0001_8000 + 0x4000),
            Some(0x4000)
        );
        // Across the 2^32 wrap of the compact clock: LRR 0xffff_f000, DLRR 0x1000,
        // arrival 0x0000_1000 -> 0x1000 - 0xffff_f000 - 0x1000 = 0x1000 (mod 2^32).
        let e = DlrrEntry {
            ssrc: 1,
            last_rr: 0xffff_f000,
            delay_since_last_rr: 0x1000,
        };
        assert_eq!(e.round_trip(0x0000_1000), Some(0x1000));
        assert_eq!(DlrrEntry::default().round_trip(5), None);
    }

    #[test]
    fn length_errors() {
        // RFC 3611 §4.5: one or more 3-word sub-blocks. A block of 2 words is neither.
        let buf = [
            0x80, 0xcf, 0x00, 0x04, // XR, length 4 (20 bytes)
            0x00, 0x00, 0x00, 0x01, // SSRC
            0x05, 0x00, 0x00, 0x02, // DLRR, block length 2
            0x11, 0x11, 0x11, 0x11, //
            0x00, 0x00, 0x00, 0x00, //
        ];
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        assert_eq!(
            xr.blocks().next().unwrap().parse(),
            Err(RtcpError::InvalidValue {
                field: "DLRR block length",
                offset: 10,
                value: 2
            })
        );
        // An empty DLRR block (block length 0) is not "one or more" sub-blocks.
        let buf = [
            0x80, 0xcf, 0x00, 0x02, // XR, length 2 (12 bytes)
            0x00, 0x00, 0x00, 0x01, // SSRC
            0x05, 0x00, 0x00, 0x00, // DLRR, block length 0
        ];
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        assert!(matches!(
            xr.blocks().next().unwrap().parse(),
            Err(RtcpError::InvalidValue { value: 0, .. })
        ));
        // And the writer refuses to write one.
        let mut out = [0u8; 16];
        assert_eq!(
            XrBlockRepr::Dlrr(DlrrRepr { entries: &[] }).emit(&mut out),
            Err(EmitError::InvalidValue {
                field: "DLRR sub-block count",
                value: 0
            })
        );
        // Through the packet parser the sub-blocks come out typed.
        let mut buf = [0u8; 36];
        buf[..8].copy_from_slice(&[0x80, 0xcf, 0x00, 0x08, 0, 0, 0, 1]);
        buf[8..].copy_from_slice(&DLRR_TWO);
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        let Ok(XrBlockKind::Dlrr(dlrr)) = xr.blocks().next().unwrap().parse() else {
            panic!()
        };
        assert_eq!(dlrr.entries().len(), 2);
    }
}
