//! IPv4 and IPv6 headers, IPv6 extension headers, and the fragment information
//! reassembly needs.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::ops::Range;

use crate::DamageReason;

/// IP protocol number of TCP.
pub(crate) const PROTO_TCP: u8 = 6;
/// IP protocol number of UDP.
pub(crate) const PROTO_UDP: u8 = 17;

/// Where a fragment goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FragInfo {
    /// Identification (16 bits for IPv4, 32 for IPv6).
    pub(crate) id: u32,
    /// Offset of this fragment's data in the datagram, in bytes.
    pub(crate) offset: usize,
    /// More fragments follow.
    pub(crate) more: bool,
}

/// An IP packet, its header read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct IpPacket {
    pub(crate) src: IpAddr,
    pub(crate) dst: IpAddr,
    /// The transport protocol (for an IPv6 fragment: the next header of the
    /// fragment header).
    pub(crate) proto: u8,
    /// The payload (transport header on, or fragment data), relative to the start of
    /// the IP header, within the captured bytes.
    pub(crate) payload: Range<usize>,
    /// The captured bytes end before the packet does.
    pub(crate) truncated: bool,
    /// Present when the packet is a fragment.
    pub(crate) frag: Option<FragInfo>,
    /// The header declares more bytes than the frame holds although the capture did
    /// not cut it: the packet is read with the bytes there are (as tshark does) and
    /// the damage ([`IpPacket::damage`], rebuilt off the hot path) is counted.
    pub(crate) overlong: bool,
}

impl IpPacket {
    /// The damage of an [`overlong`](Self::overlong) packet, rebuilt from its header;
    /// `packet` is what was given to [`parse`].
    #[cold]
    #[inline(never)]
    pub(crate) fn damage(&self, packet: &[u8]) -> Option<DamageReason> {
        if !self.overlong {
            return None;
        }
        let available = packet.len();
        let field = |at: usize| {
            packet
                .get(at..at + 2)
                .map_or(0, |b| usize::from(u16::from_be_bytes([b[0], b[1]])))
        };
        Some(if self.src.is_ipv4() {
            DamageReason::BadIpv4TotalLength {
                total_len: field(2),
                available,
            }
        } else {
            DamageReason::BadIpv6Length {
                needed: 40 + field(4),
                available,
            }
        })
    }
}

/// Reads the IP header at the start of `packet` (captured bytes from the IP header
/// to the end of the frame). `cut` is true when the capture cut the frame short.
#[inline]
pub(crate) fn parse(packet: &[u8], cut: bool) -> Result<IpPacket, DamageReason> {
    match packet.first().map(|b| b >> 4) {
        Some(4) => ipv4(packet, cut),
        Some(6) => ipv6(packet, cut),
        Some(v) => Err(DamageReason::BadIpVersion(v)),
        None => Err(DamageReason::TruncatedHeader { header: "IP" }),
    }
}

fn ipv4(p: &[u8], cut: bool) -> Result<IpPacket, DamageReason> {
    let Some(h) = p.first_chunk::<20>() else {
        return Err(if cut {
            DamageReason::TruncatedHeader { header: "IPv4" }
        } else {
            DamageReason::BadIpv4HeaderLength {
                header_len: 20,
                available: p.len(),
            }
        });
    };
    let header_len = usize::from(h[0] & 0x0f) * 4;
    if header_len < 20 || header_len > p.len() {
        return Err(if header_len >= 20 && cut {
            DamageReason::TruncatedHeader { header: "IPv4" }
        } else {
            DamageReason::BadIpv4HeaderLength {
                header_len,
                available: p.len(),
            }
        });
    }
    let mut total_len = usize::from(u16::from_be_bytes([h[2], h[3]]));
    if total_len == 0 {
        // Segmentation offload: the kernel had not filled it in yet.
        total_len = p.len();
    }
    if total_len < header_len {
        return Err(DamageReason::BadIpv4TotalLength {
            total_len,
            available: p.len(),
        });
    }
    let (end, truncated, overlong) = if total_len <= p.len() {
        (total_len, false, false)
    } else {
        (p.len(), cut, !cut)
    };
    let flags_offset = u16::from_be_bytes([h[6], h[7]]);
    let more = flags_offset & 0x2000 != 0;
    let offset = usize::from(flags_offset & 0x1fff) * 8;
    let frag = (more || offset != 0).then_some(FragInfo {
        id: u32::from(u16::from_be_bytes([h[4], h[5]])),
        offset,
        more,
    });
    Ok(IpPacket {
        src: IpAddr::V4(Ipv4Addr::new(h[12], h[13], h[14], h[15])),
        dst: IpAddr::V4(Ipv4Addr::new(h[16], h[17], h[18], h[19])),
        proto: h[9],
        payload: header_len..end,
        truncated,
        frag,
        overlong,
    })
}

fn ipv6(p: &[u8], cut: bool) -> Result<IpPacket, DamageReason> {
    let Some(h) = p.first_chunk::<40>() else {
        return Err(if cut {
            DamageReason::TruncatedHeader { header: "IPv6" }
        } else {
            DamageReason::BadIpv6Length {
                needed: 40,
                available: p.len(),
            }
        });
    };
    let payload_len = usize::from(u16::from_be_bytes([h[4], h[5]]));
    // A payload length of 0 is a jumbogram (or offload): take the frame's length.
    let declared_end = if payload_len == 0 {
        p.len()
    } else {
        40 + payload_len
    };
    let (end, truncated, overlong) = if declared_end <= p.len() {
        (declared_end, false, false)
    } else {
        (p.len(), cut, !cut)
    };
    let mut src = [0u8; 16];
    src.copy_from_slice(&h[8..24]);
    let mut dst = [0u8; 16];
    dst.copy_from_slice(&h[24..40]);
    let (proto, at, frag) = extension_headers(h[6], &p[..end], 40, truncated)?;
    Ok(IpPacket {
        src: IpAddr::V6(Ipv6Addr::from(src)),
        dst: IpAddr::V6(Ipv6Addr::from(dst)),
        proto,
        payload: at..end,
        truncated,
        frag,
        overlong,
    })
}

/// Walks IPv6 extension headers (hop-by-hop, routing, destination options,
/// fragment, AH) from `at`, with `next` the next-header value that points at it.
/// Returns the transport protocol, where it starts, and the fragment header's
/// information (the walk stops after a fragment header of a non-first fragment, whose
/// data is not headers; reassembly walks the rest again).
pub(crate) fn extension_headers(
    mut next: u8,
    p: &[u8],
    mut at: usize,
    truncated: bool,
) -> Result<(u8, usize, Option<FragInfo>), DamageReason> {
    let mut frag = None;
    for _ in 0..16 {
        let len = match next {
            0 | 43 | 60 => match p.get(at + 1) {
                Some(&l) => (usize::from(l) + 1) * 8,
                None => return Err(ext_error(at + 2, p.len(), truncated)),
            },
            51 => match p.get(at + 1) {
                Some(&l) => (usize::from(l) + 2) * 4,
                None => return Err(ext_error(at + 2, p.len(), truncated)),
            },
            44 => {
                let Some(f) = p.get(at..at + 8) else {
                    return Err(ext_error(at + 8, p.len(), truncated));
                };
                let off_m = u16::from_be_bytes([f[2], f[3]]);
                let info = FragInfo {
                    id: u32::from_be_bytes([f[4], f[5], f[6], f[7]]),
                    offset: usize::from(off_m & 0xfff8),
                    more: off_m & 1 != 0,
                };
                next = f[0];
                at += 8;
                if info.offset != 0 || info.more {
                    // The rest is fragment data: headers after this one are in
                    // the first fragment and are walked after reassembly.
                    return Ok((next, at, Some(info)));
                }
                // An atomic fragment (offset 0, no more): just a header.
                frag = None;
                continue;
            }
            _ => return Ok((next, at, frag)),
        };
        if at + len > p.len() {
            return Err(ext_error(at + len, p.len(), truncated));
        }
        next = p[at];
        at += len;
    }
    Ok((next, at, frag))
}

fn ext_error(needed: usize, available: usize, truncated: bool) -> DamageReason {
    if truncated {
        DamageReason::TruncatedHeader {
            header: "IPv6 extension",
        }
    } else {
        DamageReason::BadIpv6Length { needed, available }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4(total: u16, ihl: u8, frag: u16) -> Vec<u8> {
        let mut p = vec![
            0x40 | ihl,
            0,
            0,
            0,
            0x12,
            0x34,
            0,
            0,
            64,
            17,
            0,
            0,
            10,
            0,
            0,
            1,
            10,
            0,
            0,
            2,
        ];
        p[2..4].copy_from_slice(&total.to_be_bytes());
        p[6..8].copy_from_slice(&frag.to_be_bytes());
        p.resize(usize::from(ihl) * 4, 1); // options
        p.resize(usize::from(total).max(p.len()), 0xaa);
        p
    }

    #[test]
    fn ipv4_options_and_padding() {
        let mut p = v4(40, 6, 0);
        p.extend_from_slice(&[0; 6]); // Ethernet padding
        let ip = parse(&p, false).unwrap();
        assert_eq!(ip.payload, 24..40);
        assert_eq!(ip.proto, PROTO_UDP);
        assert!(ip.frag.is_none());
    }

    #[test]
    fn ipv4_damage() {
        assert!(matches!(
            parse(&v4(40, 4, 0), false),
            Err(DamageReason::BadIpv4HeaderLength { header_len: 16, .. })
        ));
        // Total length 40 in a frame of 30 bytes the capture did not cut: read with
        // the 30 bytes there are, the damage noted (tshark dissects it the same way).
        let p = v4(40, 5, 0);
        let short = parse(&p[..30], false).unwrap();
        assert_eq!(short.payload, 20..30);
        assert!(!short.truncated);
        assert!(matches!(
            short.damage(&p[..30]),
            Some(DamageReason::BadIpv4TotalLength {
                total_len: 40,
                available: 30
            })
        ));
        let cut = parse(&p[..30], true).unwrap();
        assert!(cut.truncated);
        assert_eq!(cut.payload, 20..30);
        assert!(matches!(
            parse(&[0x35], false),
            Err(DamageReason::BadIpVersion(3))
        ));
    }

    #[test]
    fn ipv4_fragment() {
        let ip = parse(&v4(40, 5, 0x2000 | 185), false).unwrap();
        assert_eq!(
            ip.frag,
            Some(FragInfo {
                id: 0x1234,
                offset: 1480,
                more: true
            })
        );
    }

    #[test]
    fn ipv6_extension_chain() {
        let mut p = vec![0x60, 0, 0, 0, 0, 0, 0, 64];
        p.extend_from_slice(&[0; 32]);
        // hop-by-hop (8) -> destination options (16) -> fragment (8, first) -> UDP
        p.extend_from_slice(&[60, 0, 0, 0, 0, 0, 0, 0]);
        p.extend_from_slice(&[44, 1]);
        p.extend_from_slice(&[0; 14]);
        p.extend_from_slice(&[17, 0, 0, 1, 0xde, 0xad, 0xbe, 0xef]);
        p.extend_from_slice(&[0xbb; 8]);
        let len = (p.len() - 40) as u16;
        p[4..6].copy_from_slice(&len.to_be_bytes());
        let ip = parse(&p, false).unwrap();
        assert_eq!(ip.proto, PROTO_UDP);
        assert_eq!(ip.payload, 72..80);
        assert_eq!(
            ip.frag,
            Some(FragInfo {
                id: 0xdeadbeef,
                offset: 0,
                more: true
            })
        );
        // An extension header that runs past the packet.
        p[41] = 9;
        assert!(matches!(
            parse(&p, false),
            Err(DamageReason::BadIpv6Length { .. })
        ));
    }
}
