//! Every file format variant and link type, on captures built byte by byte: what
//! each frame delivers, its timestamp, interface and truncation.

mod common;

use common::*;
use rtcinspect_capture::{
    DecoderConfig, Event, FileFormat, FileSource, LinkType, Source, SourceError,
};

fn udp4() -> Vec<u8> {
    ip_udp(addr("10.0.0.1:5000"), addr("10.0.0.2:6000"), b"hello")
}

fn udp6() -> Vec<u8> {
    ip_udp(addr("[fd00::1]:5000"), addr("[fd00::2]:6000"), b"hello6")
}

#[test]
fn pcap_byte_orders_and_resolutions() {
    for be in [false, true] {
        for nanos in [false, true] {
            let frame = ethernet(&udp4(), &[]);
            let len = frame.len() as u32;
            let file = pcap(be, nanos, 1, 65535, &[(1_700_000_000, 123_456, frame, len)]);
            let (got, source) = read_all(&file, DecoderConfig::default());
            assert_eq!(
                source.format(),
                FileFormat::Pcap {
                    nanosecond: nanos,
                    big_endian: be
                }
            );
            assert_eq!(got.len(), 1, "be {be} ns {nanos}");
            let d = &got[0];
            let frac_ns = if nanos { 123_456 } else { 123_456_000 };
            assert_eq!(d.ts, 1_700_000_000 * 1_000_000_000 + frac_ns);
            assert_eq!(
                (d.src, d.dst),
                (addr("10.0.0.1:5000"), addr("10.0.0.2:6000"))
            );
            assert_eq!(d.payload, b"hello");
            assert!(!d.truncated);
            assert_eq!(
                source.diagnostics().interfaces[0].link_type,
                LinkType::ETHERNET
            );
        }
    }
}

#[test]
fn snap_length_marks_truncated() {
    let frame = ethernet(
        &ip_udp(addr("10.0.0.1:1"), addr("10.0.0.2:2"), &[7; 100]),
        &[],
    );
    let orig = frame.len() as u32;
    let cut = frame[..14 + 20 + 8 + 40].to_vec();
    let file = pcap(false, false, 1, 82, &[(1, 0, cut, orig)]);
    let (got, source) = read_all(&file, DecoderConfig::default());
    assert_eq!(got.len(), 1);
    assert!(got[0].truncated);
    assert_eq!(got[0].payload, [7; 40]);
    assert_eq!(source.diagnostics().truncated_frames, 1);
    assert_eq!(source.diagnostics().truncated_datagrams, 1);
}

#[test]
fn every_link_type() {
    let v4 = udp4();
    let v6 = udp6();
    let cases: Vec<(u32, Vec<u8>)> = vec![
        (1, ethernet(&v4, &[])),
        (1, ethernet(&v6, &[(0x8100, 10)])),
        (1, ethernet(&v4, &[(0x88a8, 100), (0x8100, 10)])),
        (1, ethernet(&v6, &[(0x9100, 1), (0x88a8, 2), (0x8100, 3)])),
        (113, sll(&v4)),
        (113, sll(&v6)),
        (276, sll2(&v4)),
        (276, sll2(&v6)),
        (0, bsd(2u32.to_le_bytes(), &v4)),
        (0, bsd(2u32.to_be_bytes(), &v4)),
        (0, bsd(10u32.to_le_bytes(), &v6)),
        (0, bsd(30u32.to_be_bytes(), &v6)),
        (0, bsd(28u32.to_le_bytes(), &v6)),
        (108, bsd(2u32.to_be_bytes(), &v4)),
        (108, bsd(24u32.to_be_bytes(), &v6)),
        (12, v4.clone()),
        (14, v6.clone()),
        (101, v4.clone()),
        (101, v6.clone()),
        (228, v4.clone()),
        (229, v6.clone()),
    ];
    for (link, frame) in cases {
        let len = frame.len() as u32;
        let file = pcap(false, false, link, 65535, &[(5, 0, frame, len)]);
        let (got, _) = read_all(&file, DecoderConfig::default());
        assert_eq!(got.len(), 1, "link type {link}");
        assert_eq!(got[0].src.port(), 5000, "link type {link}");
        assert!(got[0].payload.starts_with(b"hello"), "link type {link}");
    }
}

#[test]
fn unsupported_link_types_are_counted_by_type() {
    let file = pcap(
        false,
        false,
        147,
        65535,
        &[(1, 0, vec![1, 2, 3], 3), (2, 0, vec![4], 1)],
    );
    let (got, source) = read_all(&file, DecoderConfig::default());
    assert!(got.is_empty());
    let diag = source.diagnostics();
    assert_eq!(diag.unsupported_link_types.get(LinkType(147)), 2);
    assert_eq!(diag.frames, 2);
    // ARP over Ethernet: not IP, counted by EtherType.
    let mut arp = vec![0u8; 12];
    arp.extend_from_slice(&[0x08, 0x06, 0, 1]);
    let file = pcap(false, false, 1, 65535, &[(1, 0, arp, 16)]);
    let (_, source) = read_all(&file, DecoderConfig::default());
    assert_eq!(source.diagnostics().non_ip_frames.get(0x0806), 1);
}

#[test]
fn pcapng_sections_interfaces_and_blocks() {
    let le = Ng { be: false };
    let be = Ng { be: true };
    let mut file = vec![];
    // Section 1, little-endian: Ethernet (µs default) and raw IP with nanoseconds
    // and an offset of 100 s; NRB, DSB, unknown block, ISB.
    file.extend(le.shb());
    file.extend(le.idb(1, 65535, &[]));
    file.extend(le.idb(101, 0, &[(9, vec![9]), (14, 100i64.to_le_bytes().to_vec())]));
    file.extend(le.nrb());
    file.extend(le.dsb(0x544c_534b, b"CLIENT_RANDOM 00 11\n"));
    file.extend(le.block(0x0000_0bad, b"custom"));
    file.extend(le.block(0x7777_0001, b"unknown block"));
    let f1 = ethernet(&udp4(), &[]);
    file.extend(le.epb(0, 1_500_000_000_000_001, &f1, f1.len() as u32));
    file.extend(le.epb(1, 2_000_000_000, &udp6(), udp6().len() as u32));
    file.extend(le.isb(0, 1_500_000_000_000_002, 10, 3));
    // Section 2, big-endian: SLL2 with power-of-two resolution (2^20 per second),
    // and a simple packet block on interface 0 (snap length 60 cuts it).
    file.extend(be.shb());
    file.extend(be.idb(276, 60, &[(9, vec![0x80 | 20])]));
    let f3 = sll2(&udp4());
    file.extend(be.epb(0, 3 << 20, &f3, f3.len() as u32));
    let f4 = sll2(&ip_udp(
        addr("10.0.0.1:5000"),
        addr("10.0.0.2:6000"),
        &[9; 100],
    ));
    file.extend(be.spb(&f4, f4.len() as u32));

    let mut source = FileSource::new(&file[..]).unwrap();
    assert_eq!(source.format(), FileFormat::PcapNg);
    let mut interfaces = vec![];
    let mut secrets = vec![];
    let mut stats = vec![];
    let mut got = vec![];
    while let Some(event) = source.next_event().unwrap() {
        match event {
            Event::Interface(i) => interfaces.push((i.id, i.link_type)),
            Event::DecryptionSecrets { kind, data } => secrets.push((kind, data.to_vec())),
            Event::InterfaceStatistics(s) => stats.push(s),
            Event::Datagram(d) => got.push((
                d.frame,
                d.interface,
                d.timestamp_ns,
                d.payload.len(),
                d.truncated,
            )),
            _ => {}
        }
    }
    assert_eq!(
        interfaces,
        vec![
            (0, LinkType::ETHERNET),
            (1, LinkType::RAW),
            (2, LinkType::LINUX_SLL2)
        ]
    );
    assert_eq!(
        secrets,
        vec![(0x544c_534b, b"CLIENT_RANDOM 00 11\n".to_vec())]
    );
    assert_eq!(stats.len(), 1);
    assert_eq!(stats[0].received, Some(10));
    assert_eq!(stats[0].interface_dropped, Some(3));
    assert_eq!(
        got,
        vec![
            (1, 0, 1_500_000_000_000_001_000, 5, false),
            (2, 1, 102_000_000_000, 6, false),
            (3, 2, 3_000_000_000, 5, false),
            // 60 bytes kept of the SPB: 20 SLL2 + 20 IPv4 + 8 UDP + 12 payload.
            // The Simple Packet Block has no timestamp: it takes frame 3's.
            (4, 2, 3_000_000_000, 12, true),
        ]
    );
    let diag = source.diagnostics();
    assert_eq!(diag.sections, 2);
    assert_eq!(diag.name_resolution_blocks, 1);
    assert_eq!(diag.skipped_blocks, 2);
    assert_eq!(diag.secrets.len(), 1);
    assert_eq!(
        diag.interfaces[0].statistics.map(|s| s.os_dropped),
        Some(None)
    );
    assert_eq!(diag.interfaces[0].frames, 1);
    assert_eq!(diag.damage_count, 0);
}

#[test]
fn fragments_reassembled() {
    let payload: Vec<u8> = (0..3000u32).map(|i| i as u8).collect();
    let mut records = vec![];
    let mut frags4 = ipv4_fragments(
        addr("10.0.0.1:5000"),
        addr("10.0.0.2:6000"),
        &payload,
        1480,
        77,
    );
    frags4.swap(0, 2); // out of order
    let frags6 = ipv6_fragments(
        addr("[fd00::1]:5000"),
        addr("[fd00::2]:6000"),
        &payload,
        1232,
        0xdead,
    );
    for (i, f) in frags4.into_iter().chain(frags6).enumerate() {
        let frame = ethernet(&f, &[]);
        let len = frame.len() as u32;
        records.push((i as u32, 0, frame, len));
    }
    let file = pcap(false, false, 1, 65535, &records);
    let (got, source) = read_all(&file, DecoderConfig::default());
    assert_eq!(got.len(), 2);
    assert_eq!(got[0].frame, 3);
    assert_eq!(got[0].payload, payload);
    assert_eq!(got[1].frame, 6);
    assert_eq!(got[1].payload, payload);
    assert_eq!(got[1].src, addr("[fd00::1]:5000"));
    assert_eq!(source.diagnostics().fragments.reassembled, 2);
}

#[test]
fn tcp_framed_in_a_file() {
    let c = addr("10.0.0.1:40000");
    let s = addr("10.0.0.2:443");
    let mut stun = vec![0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42];
    stun.extend_from_slice(&[1; 12]);
    let mut rtp = vec![0x80, 0x6f];
    rtp.resize(172, 0x55);
    let mut stream = vec![];
    for m in [&stun, &rtp, &rtp] {
        stream.extend_from_slice(&(m.len() as u16).to_be_bytes());
        stream.extend_from_slice(m);
    }
    let segs = [
        ip_tcp(c, s, 1000, 0x02, &[]),                     // SYN
        ip_tcp(c, s, 1001, 0x18, &stream[..100]),          // STUN + part of RTP
        ip_tcp(c, s, 1001 + 200, 0x18, &stream[200..]),    // ahead of a gap
        ip_tcp(c, s, 1001 + 100, 0x18, &stream[100..200]), // fills it
        ip_tcp(c, s, 1001, 0x18, &stream[..100]),          // retransmission
    ];
    let records: Vec<_> = segs
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let f = ethernet(p, &[]);
            let l = f.len() as u32;
            (i as u32, 0, f, l)
        })
        .collect();
    let file = pcap(false, false, 1, 65535, &records);
    let (got, source) = read_all(&file, DecoderConfig::default());
    let payloads: Vec<_> = got
        .iter()
        .map(|d| (d.frame, d.tcp, d.payload.clone()))
        .collect();
    assert_eq!(
        payloads,
        vec![(2, true, stun), (4, true, rtp.clone()), (4, true, rtp)]
    );
    let tcp = source.diagnostics().tcp;
    assert_eq!(tcp.rfc4571_messages, 3);
    assert_eq!(tcp.retransmissions, 1);
    assert_eq!(tcp.out_of_order, 1);
}

#[test]
fn not_a_capture() {
    for bytes in [&b""[..], b"GIF89a", b"\x00\x01\x02\x03\x04"] {
        let err = FileSource::new(bytes).unwrap_err();
        assert!(matches!(err, SourceError::NotACapture { .. }), "{err}");
        assert!(err.to_string().starts_with("not a pcap or pcapng capture"));
    }
}

#[test]
fn reads_from_a_pipe_in_small_pieces() {
    // A reader that returns at most 7 bytes per call, like a slow pipe.
    struct Pipe<'a>(&'a [u8]);
    impl std::io::Read for Pipe<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = buf.len().min(7).min(self.0.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }
    let frame = ethernet(&udp4(), &[]);
    let len = frame.len() as u32;
    let records: Vec<_> = (0..50).map(|i| (i, 0, frame.clone(), len)).collect();
    let file = pcap(false, false, 1, 65535, &records);
    let mut source = FileSource::new(Pipe(&file)).unwrap();
    let mut n = 0;
    while let Some(e) = source.next_event().unwrap() {
        if let Event::Datagram(d) = e {
            assert_eq!(d.payload, b"hello");
            n += 1;
        }
    }
    assert_eq!(n, 50);
}
