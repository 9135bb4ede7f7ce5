//! Builders for small captures: frames of every supported link type, pcap files in
//! both byte orders and resolutions, pcapng blocks. Used by the format, damage and
//! property tests.
#![allow(dead_code, unreachable_pub, missing_docs)]
#![allow(clippy::expect_used)] // Test helpers outside `#[test]` functions.

use std::net::{IpAddr, SocketAddr};

use rtcinspect_capture::{DecoderConfig, Event, FileSource, Source};

/// An IPv4 or IPv6 packet carrying UDP (`proto` 17) or a raw transport payload.
pub fn ip_udp(src: SocketAddr, dst: SocketAddr, payload: &[u8]) -> Vec<u8> {
    let mut udp = Vec::new();
    udp.extend_from_slice(&src.port().to_be_bytes());
    udp.extend_from_slice(&dst.port().to_be_bytes());
    udp.extend_from_slice(&((payload.len() + 8) as u16).to_be_bytes());
    udp.extend_from_slice(&[0, 0]);
    udp.extend_from_slice(payload);
    ip(src.ip(), dst.ip(), 17, &udp)
}

/// An IP packet (no fragmentation) with `proto` and `body`.
pub fn ip(src: IpAddr, dst: IpAddr, proto: u8, body: &[u8]) -> Vec<u8> {
    match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => {
            let mut p = vec![0x45, 0];
            p.extend_from_slice(&((20 + body.len()) as u16).to_be_bytes());
            p.extend_from_slice(&[0, 1, 0, 0, 64, proto, 0, 0]);
            p.extend_from_slice(&s.octets());
            p.extend_from_slice(&d.octets());
            p.extend_from_slice(body);
            p
        }
        (IpAddr::V6(s), IpAddr::V6(d)) => {
            let mut p = vec![0x60, 0, 0, 0];
            p.extend_from_slice(&(body.len() as u16).to_be_bytes());
            p.extend_from_slice(&[proto, 64]);
            p.extend_from_slice(&s.octets());
            p.extend_from_slice(&d.octets());
            p.extend_from_slice(body);
            p
        }
        _ => panic!("mixed address families"),
    }
}

/// IPv4 fragments of a UDP datagram, `size` bytes of IP payload each (multiple of 8).
pub fn ipv4_fragments(
    src: SocketAddr,
    dst: SocketAddr,
    payload: &[u8],
    size: usize,
    id: u16,
) -> Vec<Vec<u8>> {
    let whole = ip_udp(src, dst, payload);
    let body = &whole[20..];
    let mut out = vec![];
    for (i, chunk) in body.chunks(size).enumerate() {
        let mut p = whole[..20].to_vec();
        p[2..4].copy_from_slice(&((20 + chunk.len()) as u16).to_be_bytes());
        p[4..6].copy_from_slice(&id.to_be_bytes());
        let more = (i + 1) * size < body.len();
        let field = ((i * size / 8) as u16) | if more { 0x2000 } else { 0 };
        p[6..8].copy_from_slice(&field.to_be_bytes());
        p.extend_from_slice(chunk);
        out.push(p);
    }
    out
}

/// IPv6 fragments (fragment header right after the fixed header).
pub fn ipv6_fragments(
    src: SocketAddr,
    dst: SocketAddr,
    payload: &[u8],
    size: usize,
    id: u32,
) -> Vec<Vec<u8>> {
    let whole = ip_udp(src, dst, payload);
    let body = &whole[40..];
    let mut out = vec![];
    for (i, chunk) in body.chunks(size).enumerate() {
        let mut p = whole[..40].to_vec();
        p[4..6].copy_from_slice(&((8 + chunk.len()) as u16).to_be_bytes());
        p[6] = 44;
        let more = (i + 1) * size < body.len();
        let field = ((i * size) as u16) | u16::from(more);
        p.extend_from_slice(&[17, 0]);
        p.extend_from_slice(&field.to_be_bytes());
        p.extend_from_slice(&id.to_be_bytes());
        p.extend_from_slice(chunk);
        out.push(p);
    }
    out
}

/// A TCP segment in an IP packet.
pub fn ip_tcp(src: SocketAddr, dst: SocketAddr, seq: u32, flags: u8, payload: &[u8]) -> Vec<u8> {
    let mut t = Vec::new();
    t.extend_from_slice(&src.port().to_be_bytes());
    t.extend_from_slice(&dst.port().to_be_bytes());
    t.extend_from_slice(&seq.to_be_bytes());
    t.extend_from_slice(&[0, 0, 0, 0, 0x50, flags, 0xff, 0xff, 0, 0, 0, 0]);
    t.extend_from_slice(payload);
    ip(src.ip(), dst.ip(), 6, &t)
}

pub fn ethertype(packet: &[u8]) -> [u8; 2] {
    if packet[0] >> 4 == 6 {
        [0x86, 0xdd]
    } else {
        [0x08, 0x00]
    }
}

/// Ethernet, with VLAN tags (TPID, VID) in order.
pub fn ethernet(packet: &[u8], vlans: &[(u16, u16)]) -> Vec<u8> {
    let mut f = vec![2, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2];
    for (tpid, vid) in vlans {
        f.extend_from_slice(&tpid.to_be_bytes());
        f.extend_from_slice(&vid.to_be_bytes());
    }
    f.extend_from_slice(&ethertype(packet));
    f.extend_from_slice(packet);
    f
}

/// Linux cooked v1.
pub fn sll(packet: &[u8]) -> Vec<u8> {
    let mut f = vec![0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0];
    f.extend_from_slice(&ethertype(packet));
    f.extend_from_slice(packet);
    f
}

/// Linux cooked v2.
pub fn sll2(packet: &[u8]) -> Vec<u8> {
    let mut f = ethertype(packet).to_vec();
    f.extend_from_slice(&[0, 0, 0, 0, 0, 2, 0, 1, 0, 6, 2, 0, 0, 0, 0, 1, 0, 0]);
    f.extend_from_slice(packet);
    f
}

/// BSD loopback with the address family as 4 bytes (caller picks the order).
pub fn bsd(family: [u8; 4], packet: &[u8]) -> Vec<u8> {
    let mut f = family.to_vec();
    f.extend_from_slice(packet);
    f
}

/// A pcap file: (seconds, fraction, captured bytes, original length) records.
pub fn pcap(
    big_endian: bool,
    nanos: bool,
    link: u32,
    snap: u32,
    records: &[(u32, u32, Vec<u8>, u32)],
) -> Vec<u8> {
    let w32 = |v: u32| {
        if big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let w16 = |v: u16| {
        if big_endian {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    };
    let mut f = vec![];
    f.extend_from_slice(&w32(if nanos { 0xa1b2_3c4d } else { 0xa1b2_c3d4 }));
    f.extend_from_slice(&w16(2));
    f.extend_from_slice(&w16(4));
    f.extend_from_slice(&w32(0));
    f.extend_from_slice(&w32(0));
    f.extend_from_slice(&w32(snap));
    f.extend_from_slice(&w32(link));
    for (s, frac, data, orig) in records {
        f.extend_from_slice(&w32(*s));
        f.extend_from_slice(&w32(*frac));
        f.extend_from_slice(&w32(data.len() as u32));
        f.extend_from_slice(&w32(*orig));
        f.extend_from_slice(data);
    }
    f
}

/// pcapng block writer for one byte order.
#[derive(Clone, Copy)]
pub struct Ng {
    pub be: bool,
}

impl Ng {
    pub fn u32(self, v: u32) -> [u8; 4] {
        if self.be {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }

    pub fn u16(self, v: u16) -> [u8; 2] {
        if self.be {
            v.to_be_bytes()
        } else {
            v.to_le_bytes()
        }
    }

    /// A block of `kind` with `body` (padded to 4 bytes).
    pub fn block(self, kind: u32, body: &[u8]) -> Vec<u8> {
        let mut b = body.to_vec();
        while b.len() % 4 != 0 {
            b.push(0);
        }
        let len = 12 + b.len() as u32;
        let mut out = self.u32(kind).to_vec();
        out.extend_from_slice(&self.u32(len));
        out.extend_from_slice(&b);
        out.extend_from_slice(&self.u32(len));
        out
    }

    /// Options: (code, value) pairs, then opt_endofopt.
    pub fn options(self, opts: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut out = vec![];
        for (code, v) in opts {
            out.extend_from_slice(&self.u16(*code));
            out.extend_from_slice(&self.u16(v.len() as u16));
            out.extend_from_slice(v);
            while out.len() % 4 != 0 {
                out.push(0);
            }
        }
        if !opts.is_empty() {
            out.extend_from_slice(&[0, 0, 0, 0]);
        }
        out
    }

    pub fn shb(self) -> Vec<u8> {
        let mut body = self.u32(0x1a2b_3c4d).to_vec();
        body.extend_from_slice(&self.u16(1));
        body.extend_from_slice(&self.u16(0));
        body.extend_from_slice(&[0xff; 8]);
        self.block(0x0a0d_0d0a, &body)
    }

    pub fn idb(self, link: u16, snap: u32, opts: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut body = self.u16(link).to_vec();
        body.extend_from_slice(&[0, 0]);
        body.extend_from_slice(&self.u32(snap));
        body.extend_from_slice(&self.options(opts));
        self.block(1, &body)
    }

    pub fn epb(self, iface: u32, ts: u64, data: &[u8], orig: u32) -> Vec<u8> {
        let mut body = self.u32(iface).to_vec();
        body.extend_from_slice(&self.u32((ts >> 32) as u32));
        body.extend_from_slice(&self.u32(ts as u32));
        body.extend_from_slice(&self.u32(data.len() as u32));
        body.extend_from_slice(&self.u32(orig));
        body.extend_from_slice(data);
        while body.len() % 4 != 0 {
            body.push(0);
        }
        self.block(6, &body)
    }

    pub fn spb(self, data: &[u8], orig: u32) -> Vec<u8> {
        let mut body = self.u32(orig).to_vec();
        body.extend_from_slice(data);
        self.block(3, &body)
    }

    pub fn isb(self, iface: u32, ts: u64, recv: u64, drop: u64) -> Vec<u8> {
        let mut body = self.u32(iface).to_vec();
        body.extend_from_slice(&self.u32((ts >> 32) as u32));
        body.extend_from_slice(&self.u32(ts as u32));
        let v = |x: u64| {
            if self.be {
                x.to_be_bytes().to_vec()
            } else {
                x.to_le_bytes().to_vec()
            }
        };
        body.extend_from_slice(&self.options(&[(4, v(recv)), (5, v(drop))]));
        self.block(5, &body)
    }

    pub fn dsb(self, kind: u32, secrets: &[u8]) -> Vec<u8> {
        let mut body = self.u32(kind).to_vec();
        body.extend_from_slice(&self.u32(secrets.len() as u32));
        body.extend_from_slice(secrets);
        self.block(10, &body)
    }

    pub fn nrb(self) -> Vec<u8> {
        // One IPv4 record (type 1): 127.0.0.1 "localhost", then nrb_record_end.
        let mut rec = b"\x7f\x00\x00\x01localhost\x00".to_vec();
        let len = rec.len() as u16;
        while rec.len() % 4 != 0 {
            rec.push(0);
        }
        let mut body = self.u16(1).to_vec();
        body.extend_from_slice(&self.u16(len));
        body.extend_from_slice(&rec);
        body.extend_from_slice(&[0, 0, 0, 0]);
        self.block(4, &body)
    }
}

/// One delivered datagram, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Owned {
    pub frame: u64,
    pub ts: i64,
    pub interface: u32,
    pub src: SocketAddr,
    pub dst: SocketAddr,
    pub tcp: bool,
    pub payload: Vec<u8>,
    pub truncated: bool,
}

/// Reads a whole capture from bytes: datagrams and the source (for diagnostics).
pub fn read_all(bytes: &[u8], config: DecoderConfig) -> (Vec<Owned>, FileSource<&[u8]>) {
    let mut source = FileSource::with_config(bytes, config).expect("opens");
    let mut out = vec![];
    while let Some(event) = source.next_event().expect("reads") {
        if let Event::Datagram(d) = event {
            out.push(Owned {
                frame: d.frame,
                ts: d.timestamp_ns,
                interface: d.interface,
                src: d.source,
                dst: d.destination,
                tcp: d.transport == rtcinspect_capture::Transport::Tcp,
                payload: d.payload.to_vec(),
                truncated: d.truncated,
            });
        }
    }
    (out, source)
}

pub fn addr(s: &str) -> SocketAddr {
    s.parse().expect("socket address")
}
