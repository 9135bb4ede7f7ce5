//! Writes the synthesized fuzz seeds (`fuzz/corpus/pcap/synth-*`): run with
//! `cargo test -p rtcinspect-capture --test seeds -- --ignored`. The other seeds
//! there are small captures copied from `testdata/captures`.

mod common;

use common::*;

fn frames(link_frames: Vec<Vec<u8>>) -> Vec<(u32, u32, Vec<u8>, u32)> {
    link_frames
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let l = f.len() as u32;
            (1_700_000_000 + i as u32, 0, f, l)
        })
        .collect()
}

#[test]
#[ignore = "writes files into fuzz/corpus"]
fn write_fuzz_seeds() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/corpus/pcap");
    let a = addr("10.0.0.1:5000");
    let b = addr("10.0.0.2:6000");
    let a6 = addr("[fd00::1]:5000");
    let b6 = addr("[fd00::2]:6000");
    let payload: Vec<u8> = (0..2000u32).map(|i| i as u8).collect();
    let mut frag_frames: Vec<Vec<u8>> = ipv4_fragments(a, b, &payload, 800, 1)
        .iter()
        .map(|p| ethernet(p, &[(0x8100, 5)]))
        .collect();
    frag_frames.extend(
        ipv6_fragments(a6, b6, &payload, 800, 2)
            .iter()
            .map(|p| sll2(p)),
    );
    let mut files: Vec<(&str, Vec<u8>)> = vec![
        (
            "synth-fragments.pcap",
            pcap(false, false, 1, 65535, &frames(frag_frames[..3].to_vec())),
        ),
        (
            "synth-sll2-fragments6.pcap",
            pcap(true, true, 276, 65535, &frames(frag_frames[3..].to_vec())),
        ),
        (
            "synth-null-be.pcap",
            pcap(
                true,
                false,
                0,
                65535,
                &frames(vec![bsd(30u32.to_be_bytes(), &ip_udp(a6, b6, b"x"))]),
            ),
        ),
        (
            "synth-loop-sll.pcap",
            pcap(
                false,
                true,
                113,
                65535,
                &frames(vec![sll(&ip_udp(a, b, b"y"))]),
            ),
        ),
    ];
    let mut stream = vec![];
    let mut stun = vec![0, 1, 0, 0, 0x21, 0x12, 0xa4, 0x42];
    stun.extend_from_slice(&[3; 12]);
    let mut rtp = vec![0x80, 0x60];
    rtp.resize(60, 1);
    for m in [&stun, &rtp] {
        stream.extend_from_slice(&(m.len() as u16).to_be_bytes());
        stream.extend_from_slice(m);
    }
    let tcp = vec![
        ethernet(&ip_tcp(a, b, 9, 0x02, &[]), &[]),
        ethernet(&ip_tcp(a, b, 10 + 30, 0x18, &stream[30..]), &[]),
        ethernet(&ip_tcp(a, b, 10, 0x18, &stream[..30]), &[]),
    ];
    files.push((
        "synth-tcp-rfc4571.pcap",
        pcap(false, false, 1, 65535, &frames(tcp)),
    ));
    let le = Ng { be: false };
    let be = Ng { be: true };
    let mut ng = le.shb();
    ng.extend(le.idb(1, 65535, &[(9, vec![9]), (14, 5i64.to_le_bytes().to_vec())]));
    ng.extend(le.nrb());
    ng.extend(le.dsb(0x544c_534b, b"CLIENT_RANDOM 00 11\n"));
    let f = ethernet(&ip_udp(a, b, b"z"), &[]);
    ng.extend(le.epb(0, 7, &f, f.len() as u32));
    ng.extend(le.isb(0, 8, 1, 0));
    ng.extend(be.shb());
    ng.extend(be.idb(101, 64, &[(9, vec![0x80 | 10])]));
    let raw = ip_udp(a6, b6, &[5; 80]);
    ng.extend(be.spb(&raw, raw.len() as u32));
    files.push(("synth-sections.pcapng", ng));
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}
