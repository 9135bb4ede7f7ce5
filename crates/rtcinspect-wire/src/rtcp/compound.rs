//! Compound RTCP ([RFC 3550 §6.1](https://www.rfc-editor.org/rfc/rfc3550#section-6.1))
//! and reduced-size RTCP ([RFC 5506 §3](https://www.rfc-editor.org/rfc/rfc5506#section-3)).

use core::fmt;

use super::{RawRtcp, RtcpError, RtcpPacket, RtcpWrite, packet_type};
use crate::bytes::EmitError;

/// Iterator over the packets of an RTCP datagram.
///
/// Yields each packet as a typed [`RtcpPacket`] or a [`CompoundError`]. A packet
/// whose header can be trusted (version 2, length within the datagram) but whose
/// content is wrong yields an error and iteration goes on with the next packet; a
/// header that cannot be trusted ends the iteration, and the bytes left are counted in
/// [`Findings::trailing_bytes`] (SRTCP's encrypted part and trailer end up there).
///
/// Deviations from the compound rules of RFC 3550 §6.1 are not errors:
/// [`Compound::findings`] reports them.
///
/// ```
/// use rtcinspect_wire::rtcp::{Compound, Finding, RtcpPacket};
///
/// // A reduced-size (RFC 5506) datagram: one PLI, no report first.
/// let pli = [0x81, 0xce, 0x00, 0x02, 0, 0, 0, 1, 0, 0, 0, 2];
/// let mut compound = Compound::new(&pli);
/// assert!(matches!(compound.next(), Some(Ok(RtcpPacket::PayloadFeedback(_)))));
/// assert!(compound.next().is_none());
/// let findings = compound.findings();
/// assert!(findings.reduced_size());
/// assert!(findings.contains(Finding::FirstNotReport));
/// ```
#[derive(Debug, Clone)]
pub struct Compound<'a> {
    buf: &'a [u8],
    offset: usize,
    index: usize,
    done: bool,
}

impl<'a> Compound<'a> {
    /// Iterates over the packets of `buf`, a whole UDP payload of RTCP.
    #[inline]
    pub fn new(buf: &'a [u8]) -> Self {
        Self {
            buf,
            offset: 0,
            index: 0,
            done: false,
        }
    }

    /// Walks the whole datagram and returns what it found; see [`Findings`].
    pub fn check(buf: &'a [u8]) -> Findings {
        Self::new(buf).findings()
    }

    /// What a walk over the whole datagram finds, whatever this iterator has read so
    /// far (the findings are computed in a pass of their own, so iterating costs
    /// nothing extra).
    pub fn findings(&self) -> Findings {
        let mut f = Findings::default();
        let mut padded_packet = false;
        let mut has_cname = false;
        let mut c = Self::new(self.buf);
        while let Some(item) = c.next() {
            let Ok(packet) = item else {
                f.errors += 1;
                if c.done {
                    break;
                }
                f.packets += 1;
                continue;
            };
            let raw = packet.raw();
            let pt = raw.packet_type();
            let is_report = matches!(pt, packet_type::SR | packet_type::RR);
            if f.packets == 0 && !is_report {
                f.set(Finding::FirstNotReport);
            }
            f.has_report |= is_report;
            if padded_packet {
                f.set(Finding::PaddingNotLast);
            }
            padded_packet = raw.has_padding();
            f.packets += 1;
            if let RtcpPacket::Sdes(sdes) = packet {
                has_cname |= sdes.cname().is_some();
                if sdes.has_nonzero_chunk_padding() {
                    f.set(Finding::SdesPaddingNotNull);
                }
            }
        }
        f.trailing_bytes = self.buf.len().saturating_sub(c.offset);
        if f.packets > 0 && !f.reduced_size() && !has_cname {
            f.set(Finding::MissingCname);
        }
        f
    }

    /// Bytes read so far.
    pub fn offset(&self) -> usize {
        self.offset
    }
}

impl<'a> Iterator for Compound<'a> {
    type Item = Result<RtcpPacket<'a>, CompoundError>;

    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        let rest = self.buf.get(self.offset..).unwrap_or(&[]);
        if rest.is_empty() {
            self.done = true;
            return None;
        }
        let at = self.offset;
        let index = self.index;
        let wrap = |error| CompoundError {
            index,
            offset: at,
            error,
        };
        let raw = match RawRtcp::new_checked(rest) {
            Ok(raw) => raw,
            Err(error @ RtcpError::InvalidPadding { .. }) => {
                // The length can still be trusted: skip this packet only.
                self.offset += (usize::from(crate::bytes::u16_at(rest, 2)) + 1) * 4;
                self.index += 1;
                return Some(Err(wrap(error)));
            }
            Err(error) => {
                self.done = true;
                return Some(Err(wrap(error)));
            }
        };
        self.offset += raw.len();
        self.index += 1;
        Some(RtcpPacket::from_raw(raw).map_err(wrap))
    }
}

impl core::iter::FusedIterator for Compound<'_> {}

/// An RTCP packet that could not be read, with where it is in its datagram.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CompoundError {
    /// Index of the packet in the datagram, from 0.
    pub index: usize,
    /// Offset of the packet's first byte in the datagram.
    pub offset: usize,
    /// What was wrong; its offsets count from the packet's first byte.
    pub error: RtcpError,
}

impl fmt::Display for CompoundError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "RTCP packet {} at byte {}: {}",
            self.index, self.offset, self.error
        )
    }
}

impl core::error::Error for CompoundError {
    fn source(&self) -> Option<&(dyn core::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// A deviation from the rules for compound packets that does not stop parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Finding {
    /// The first packet is not SR or RR (RFC 3550 §6.1); expected of reduced-size
    /// RTCP (RFC 5506), see [`Findings::reduced_size`].
    FirstNotReport,
    /// A compound with a report has no SDES CNAME (RFC 3550 §6.1).
    MissingCname,
    /// A packet other than the last has the P bit set (RFC 3550 §6.4.1: only the last
    /// packet of a compound may be padded).
    PaddingNotLast,
    /// An SDES chunk is padded with non-null octets (RFC 3550 §6.5; webrtc-rs writes
    /// the padding length there).
    SdesPaddingNotNull,
}

impl Finding {
    const ALL: [Finding; 4] = [
        Finding::FirstNotReport,
        Finding::MissingCname,
        Finding::PaddingNotLast,
        Finding::SdesPaddingNotNull,
    ];

    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::FirstNotReport => "first packet is not a sender or receiver report",
            Self::MissingCname => "compound has no SDES CNAME",
            Self::PaddingNotLast => "a packet other than the last is padded",
            Self::SdesPaddingNotNull => "SDES chunk padding is not null octets",
        })
    }
}

/// What a [`Compound`] found about its datagram as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Findings {
    bits: u8,
    /// Packets whose header could be read.
    pub packets: usize,
    /// Packets that yielded an error.
    pub errors: usize,
    /// Bytes after the last packet whose header could be read (an SRTCP encrypted
    /// part and trailer, or garbage).
    pub trailing_bytes: usize,
    has_report: bool,
}

impl Findings {
    /// Whether `finding` was found.
    pub fn contains(&self, finding: Finding) -> bool {
        self.bits & finding.bit() != 0
    }

    /// Every finding, in a fixed order.
    pub fn iter(&self) -> impl Iterator<Item = Finding> + '_ {
        Finding::ALL.into_iter().filter(|f| self.contains(*f))
    }

    /// Whether nothing was found: a well-formed compound.
    pub fn is_clean(&self) -> bool {
        self.bits == 0 && self.errors == 0 && self.trailing_bytes == 0
    }

    /// Whether the datagram is reduced-size RTCP (RFC 5506): it has packets but no
    /// sender or receiver report.
    pub fn reduced_size(&self) -> bool {
        self.packets > 0 && !self.has_report
    }

    fn set(&mut self, finding: Finding) {
        self.bits |= finding.bit();
    }
}

/// Writes `packets` back to back into `buf` and returns the total length.
pub fn emit_compound(packets: &[&dyn RtcpWrite], buf: &mut [u8]) -> Result<usize, EmitError> {
    let needed: usize = packets.iter().map(|p| p.buffer_len()).sum();
    if needed > buf.len() {
        return Err(EmitError::BufferTooSmall {
            needed,
            available: buf.len(),
        });
    }
    let mut at = 0;
    for p in packets {
        at += p.emit(buf.get_mut(at..).unwrap_or_default())?;
    }
    Ok(at)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::{ReceiverReportRepr, SdesChunkRepr, SdesItem, SdesItemType, SdesRepr};

    fn rr_sdes() -> Vec<u8> {
        let items = [SdesItem {
            item_type: SdesItemType::Cname,
            value: b"x",
        }];
        let chunks = [SdesChunkRepr {
            ssrc: 1,
            items: &items,
        }];
        let rr = ReceiverReportRepr {
            ssrc: 1,
            ..Default::default()
        };
        let sdes = SdesRepr {
            chunks: &chunks,
            padding: 0,
        };
        let mut buf = vec![0u8; 64];
        let len = emit_compound(&[&rr, &sdes], &mut buf).unwrap();
        buf.truncate(len);
        buf
    }

    #[test]
    fn clean_compound() {
        let buf = rr_sdes();
        // RR: 8 bytes; SDES: 4 + 4 SSRC + 3 item + 1 end = 12 bytes.
        assert_eq!(buf.len(), 20);
        let mut c = Compound::new(&buf);
        assert!(matches!(c.next(), Some(Ok(RtcpPacket::ReceiverReport(_)))));
        assert!(matches!(c.next(), Some(Ok(RtcpPacket::Sdes(_)))));
        assert!(c.next().is_none());
        let f = c.findings();
        assert!(f.is_clean(), "{f:?}");
        assert_eq!(f.packets, 2);
        assert!(!f.reduced_size());
    }

    #[test]
    fn bad_packet_does_not_hide_the_next() {
        let mut buf = rr_sdes();
        // Corrupt the RR: RC=1 with no report block; its length is still right.
        buf[0] = 0x81;
        let items: Vec<_> = Compound::new(&buf).collect();
        assert_eq!(items.len(), 2);
        assert_eq!(
            items[0],
            Err(CompoundError {
                index: 0,
                offset: 0,
                error: RtcpError::Truncated {
                    field: "report blocks",
                    offset: 8,
                    needed: 24,
                    available: 0
                }
            })
        );
        assert!(matches!(items[1], Ok(RtcpPacket::Sdes(_))));
        assert_eq!(
            items[0].unwrap_err().to_string(),
            "RTCP packet 0 at byte 0: report blocks at byte 8 needs 24 bytes, 0 remain"
        );
    }

    #[test]
    fn untrusted_length_stops_and_counts_trailing_bytes() {
        let mut buf = rr_sdes();
        // An SRTCP-like tail: 10 bytes of garbage after the compound.
        buf.extend_from_slice(&[0xc5, 0x11, 0xff, 0xff, 1, 2, 3, 4, 5, 6]);
        let items: Vec<_> = Compound::new(&buf).collect();
        assert_eq!(items.len(), 3);
        assert!(matches!(
            items[2],
            Err(CompoundError {
                index: 2,
                offset: 20,
                error: RtcpError::UnsupportedVersion(3)
            })
        ));
        let f = Compound::check(&buf);
        assert_eq!(f.trailing_bytes, 10);
        assert_eq!(f.errors, 1);
    }

    #[test]
    fn findings() {
        // SDES first, no report, and a padded packet that is not the last.
        let buf = [
            0xa1, 0xca, 0x00, 0x03, // SDES, SC=1, P bit, 16 bytes
            0, 0, 0, 1, 0, 0, 0, 0, // chunk: SSRC 1, no items, end + 3 null octets
            0, 0, 0, 4, // padding, count 4
            0x80, 0xcb, 0x00, 0x00, // BYE SC=0
        ];
        let f = Compound::check(&buf);
        assert!(f.contains(Finding::FirstNotReport));
        assert!(f.contains(Finding::PaddingNotLast));
        assert!(f.reduced_size());
        assert!(!f.contains(Finding::MissingCname));
        // An RR alone: a report without CNAME.
        let f = Compound::check(&[0x80, 0xc9, 0x00, 0x01, 0, 0, 0, 1]);
        assert_eq!(f.iter().collect::<Vec<_>>(), [Finding::MissingCname]);
    }
}
