//! Link layers: from a frame to the network-layer packet it carries.

use std::fmt;

/// A link-layer header type, as numbered by the
/// [tcpdump.org registry](https://www.tcpdump.org/linktypes.html) (`LINKTYPE_*`).
///
/// Unknown values are values, not errors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct LinkType(pub u16);

impl LinkType {
    /// `LINKTYPE_NULL`: BSD loopback, a 4-byte address family in the byte order of
    /// the machine that captured.
    pub const NULL: LinkType = LinkType(0);
    /// `LINKTYPE_ETHERNET`.
    pub const ETHERNET: LinkType = LinkType(1);
    /// `DLT_RAW` as numbered on most systems: raw IPv4 or IPv6.
    pub const DLT_RAW: LinkType = LinkType(12);
    /// `DLT_RAW` as numbered on OpenBSD.
    pub const DLT_RAW_OPENBSD: LinkType = LinkType(14);
    /// `LINKTYPE_RAW`: raw IPv4 or IPv6.
    pub const RAW: LinkType = LinkType(101);
    /// `LINKTYPE_LOOP`: OpenBSD loopback, the address family in network byte order.
    pub const LOOP: LinkType = LinkType(108);
    /// `LINKTYPE_LINUX_SLL`: Linux cooked capture v1 (`tcpdump -i any`).
    pub const LINUX_SLL: LinkType = LinkType(113);
    /// `LINKTYPE_IPV4`.
    pub const IPV4: LinkType = LinkType(228);
    /// `LINKTYPE_IPV6`.
    pub const IPV6: LinkType = LinkType(229);
    /// `LINKTYPE_NFLOG`: Linux netfilter log messages (what `iptables -j NFLOG` hands
    /// to `tcpdump -i nflog:N`).
    pub const NFLOG: LinkType = LinkType(239);
    /// `LINKTYPE_LINUX_SLL2`: Linux cooked capture v2.
    pub const LINUX_SLL2: LinkType = LinkType(276);

    /// The registry name (`ETHERNET`, `LINUX_SLL`...), or `None` for types this
    /// crate does not name.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            LinkType::NULL => "NULL",
            LinkType::ETHERNET => "ETHERNET",
            LinkType::DLT_RAW | LinkType::DLT_RAW_OPENBSD | LinkType::RAW => "RAW",
            LinkType::LOOP => "LOOP",
            LinkType::LINUX_SLL => "LINUX_SLL",
            LinkType::IPV4 => "IPV4",
            LinkType::IPV6 => "IPV6",
            LinkType::LINUX_SLL2 => "LINUX_SLL2",
            LinkType::NFLOG => "NFLOG",
            LinkType(105) => "IEEE802_11",
            LinkType(127) => "IEEE802_11_RADIOTAP",
            _ => return None,
        })
    }

    /// Whether this crate decodes frames of this type.
    pub fn is_supported(self) -> bool {
        matches!(
            self,
            LinkType::NULL
                | LinkType::ETHERNET
                | LinkType::DLT_RAW
                | LinkType::DLT_RAW_OPENBSD
                | LinkType::RAW
                | LinkType::LOOP
                | LinkType::LINUX_SLL
                | LinkType::IPV4
                | LinkType::IPV6
                | LinkType::LINUX_SLL2
                | LinkType::NFLOG
        )
    }
}

impl fmt::Display for LinkType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "{name} ({})", self.0),
            None => write!(f, "link type {}", self.0),
        }
    }
}

/// EtherType of IPv4.
pub(crate) const ETHERTYPE_IPV4: u16 = 0x0800;
/// EtherType of IPv6.
pub(crate) const ETHERTYPE_IPV6: u16 = 0x86dd;

/// What the link layer carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Network {
    /// IPv4 or IPv6 (decided by the version nibble) at this offset.
    Ip(usize),
    /// Something else, by EtherType (or 0 when there is none, such as an unknown
    /// BSD address family).
    Other(u16),
    /// The frame is shorter than its link header.
    Truncated,
    /// The link type is not decoded.
    Unsupported,
}

/// Reads the link header of `frame` and says where the IP packet starts.
#[inline]
pub(crate) fn decode(link: LinkType, frame: &[u8]) -> Network {
    match link {
        LinkType::ETHERNET => ethernet(frame),
        LinkType::LINUX_SLL => ethertype_at(frame, 14, 16),
        LinkType::LINUX_SLL2 => ethertype_at(frame, 0, 20),
        LinkType::RAW
        | LinkType::DLT_RAW
        | LinkType::DLT_RAW_OPENBSD
        | LinkType::IPV4
        | LinkType::IPV6 => {
            if frame.is_empty() {
                Network::Truncated
            } else {
                Network::Ip(0)
            }
        }
        LinkType::NULL | LinkType::LOOP => bsd_loopback(frame),
        LinkType::NFLOG => nflog(frame),
        _ => Network::Unsupported,
    }
}

fn ethernet(frame: &[u8]) -> Network {
    let mut at = 12;
    // At most 4 VLAN tags (802.1Q 0x8100, 802.1ad 0x88a8, old QinQ 0x9100).
    for _ in 0..5 {
        let Some(&[hi, lo]) = frame.get(at..at + 2).and_then(|s| s.first_chunk::<2>()) else {
            return Network::Truncated;
        };
        match u16::from_be_bytes([hi, lo]) {
            0x8100 | 0x88a8 | 0x9100 => at += 4,
            ETHERTYPE_IPV4 | ETHERTYPE_IPV6 => return Network::Ip(at + 2),
            other => return Network::Other(other),
        }
    }
    Network::Other(0x8100)
}

fn ethertype_at(frame: &[u8], at: usize, header_len: usize) -> Network {
    if frame.len() < header_len {
        return Network::Truncated;
    }
    match u16::from_be_bytes([frame[at], frame[at + 1]]) {
        ETHERTYPE_IPV4 | ETHERTYPE_IPV6 => Network::Ip(header_len),
        other => Network::Other(other),
    }
}

fn bsd_loopback(frame: &[u8]) -> Network {
    let Some(&family) = frame.first_chunk::<4>() else {
        return Network::Truncated;
    };
    // The address family is in the capturing machine's byte order (NULL) or network
    // order (LOOP); either way, read it both ways. 2: AF_INET; 10 (Linux), 24
    // (NetBSD, OpenBSD), 28 (FreeBSD), 30 (Darwin): AF_INET6.
    let le = u32::from_le_bytes(family);
    let be = u32::from_be_bytes(family);
    let known = |af: u32| matches!(af, 2 | 10 | 24 | 28 | 30);
    if known(le) || known(be) {
        Network::Ip(4)
    } else {
        Network::Other(0)
    }
}

/// NFLOG: a 4-byte header (address family, version, resource ID), then TLVs whose
/// 16-bit length and type are in the capturing host's byte order, each padded to 4
/// bytes; type 9 (NFULA_PAYLOAD) is the IP packet. Most captures come from
/// little-endian hosts; when the TLV chain does not hold together read that way, it
/// is read big-endian (a big-endian host's capture, as tshark reads it from a
/// big-endian pcapng section).
fn nflog(frame: &[u8]) -> Network {
    match nflog_tlvs(frame, u16::from_le_bytes) {
        Network::Ip(at) => Network::Ip(at),
        le => match nflog_tlvs(frame, u16::from_be_bytes) {
            Network::Ip(at) => Network::Ip(at),
            _ => le,
        },
    }
}

fn nflog_tlvs(frame: &[u8], read: fn([u8; 2]) -> u16) -> Network {
    let mut at = 4;
    if frame.len() < at {
        return Network::Truncated;
    }
    while let Some(&[l0, l1, t0, t1]) = frame.get(at..).and_then(|s| s.first_chunk::<4>()) {
        let len = usize::from(read([l0, l1]));
        let kind = read([t0, t1]) & 0x7fff;
        if len < 4 {
            return Network::Truncated;
        }
        if kind == 9 {
            // The payload may be cut by the snap length; the IP layer says so.
            return Network::Ip(at + 4);
        }
        if at + len > frame.len() {
            return Network::Truncated;
        }
        at += (len + 3) & !3;
    }
    Network::Other(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ethernet_vlan_stack() {
        let mut f = vec![0u8; 12];
        f.extend_from_slice(&[0x88, 0xa8, 0, 1, 0x81, 0x00, 0, 2, 0x86, 0xdd, 0x60]);
        assert_eq!(decode(LinkType::ETHERNET, &f), Network::Ip(22));
        assert_eq!(decode(LinkType::ETHERNET, &f[..15]), Network::Truncated);
        let mut arp = vec![0u8; 12];
        arp.extend_from_slice(&[0x08, 0x06]);
        assert_eq!(decode(LinkType::ETHERNET, &arp), Network::Other(0x0806));
    }

    #[test]
    fn bsd_loopback_both_orders() {
        assert_eq!(decode(LinkType::NULL, &[2, 0, 0, 0, 0x45]), Network::Ip(4));
        assert_eq!(decode(LinkType::NULL, &[0, 0, 0, 30, 0x60]), Network::Ip(4));
        assert_eq!(decode(LinkType::LOOP, &[0, 0, 0, 24, 0x60]), Network::Ip(4));
        assert_eq!(decode(LinkType::LOOP, &[0, 0, 0, 7]), Network::Other(0));
        assert_eq!(decode(LinkType::NULL, &[2, 0]), Network::Truncated);
    }

    #[test]
    fn nflog_payload_tlv() {
        // header, a 8-byte TLV of type 1, then the payload TLV.
        let f = [
            2, 0, 0, 5, 8, 0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0, 0x45, 0, 0, 0, 0,
        ];
        assert_eq!(decode(LinkType::NFLOG, &f), Network::Ip(16));
        assert_eq!(decode(LinkType::NFLOG, &f[..12]), Network::Other(0));
        // The same written by a big-endian host: TLV lengths and types swapped.
        let be = [
            2, 0, 0, 5, 0, 8, 0, 1, 0, 0, 0, 0, 0, 9, 0, 9, 0x45, 0, 0, 0, 0,
        ];
        assert_eq!(decode(LinkType::NFLOG, &be), Network::Ip(16));
    }

    #[test]
    fn cooked() {
        let mut sll = vec![0u8; 14];
        sll.extend_from_slice(&[0x08, 0x00]);
        assert_eq!(decode(LinkType::LINUX_SLL, &sll), Network::Ip(16));
        let mut sll2 = vec![0x86, 0xdd];
        sll2.resize(20, 0);
        assert_eq!(decode(LinkType::LINUX_SLL2, &sll2), Network::Ip(20));
        assert_eq!(decode(LinkType(147), &sll2), Network::Unsupported);
    }
}
