//! Property tests: arbitrary text and bytes never panic (and whatever parses writes
//! back byte for byte); descriptions built with the builder parse strictly back to the
//! values they were built from.
#![allow(clippy::unwrap_used)]

mod common;

use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_sdp::attr::{Direction, Setup};
use rtcinspect_sdp::{MediaBuilder, Sdp, SdpBuilder};

/// One line that looks like SDP: a type letter, `=`, and a value made of SDP-ish
/// pieces; with CRLF, LF or (rarely) a lone CR ending.
fn sdp_line() -> impl Strategy<Value = String> {
    let letter = prop_oneof![
        8 => prop::sample::select(vec!['v', 'o', 's', 'i', 'u', 'e', 'p', 'c', 'b', 't', 'r', 'z', 'k', 'a', 'm']),
        1 => prop::char::range('a', 'z'),
        1 => any::<char>(),
    ];
    let piece = prop_oneof![
        prop::sample::select(vec![
            "rtpmap:",
            "fmtp:",
            "rtcp-fb:",
            "extmap:",
            "ssrc:",
            "ssrc-group:",
            "mid:",
            "group:",
            "msid:",
            "rid:",
            "simulcast:",
            "candidate:",
            "fingerprint:",
            "setup:",
            "crypto:",
            "ice-ufrag:",
            "ice-pwd:",
            "ice-options:",
            "remote-candidates:",
            "rtcp:",
            "sctpmap:",
            "ptime:",
            "content:",
            "identity:",
            "tls-id:",
            "sendrecv",
            "rtcp-mux",
            "IN IP4 ",
            "audio ",
            "video ",
            "UDP/TLS/RTP/SAVPF ",
            "RTP/AVP ",
            "typ ",
            "host ",
            "raddr ",
            "rport ",
            "send ",
            "recv ",
            "pt=",
            "BUNDLE ",
            "FID ",
            "sha-256 ",
            "AB:CD",
            "inline:",
            "|2^20|1:4",
            "~",
            ";",
            ",",
            "/",
            " ",
            "  ",
            "0",
            "96",
            "111",
            "127",
            "128",
            "65536",
            "4294967296",
            "90000",
            "opus/48000/2",
            "apt=96",
            "-",
            ".local",
            "::1",
            "\t",
        ])
        .prop_map(str::to_owned),
        "[a-zA-Z0-9 :/;,=~.+-]{0,6}",
        any::<String>().prop_map(|s| s.chars().take(4).collect()),
    ];
    let ending = prop_oneof![8 => Just("\r\n"), 3 => Just("\n"), 1 => Just("\r"), 1 => Just("")];
    (letter, vec(piece, 0..8), ending)
        .prop_map(|(l, pieces, e)| format!("{l}={}{e}", pieces.concat()))
}

fn sdp_like() -> impl Strategy<Value = String> {
    vec(sdp_line(), 0..24).prop_map(|lines| {
        let mut s = String::from("v=0\r\n");
        s.extend(lines);
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        common::check_text(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..400)) {
        common::check_text(&String::from_utf8_lossy(&bytes));
    }

    #[test]
    fn sdp_like_text_round_trips(text in sdp_like()) {
        prop_assert!(common::check_text(&text));
    }
}

/// Payload type, encoding, clock rate, channels, fmtp.
type CodecSpec = (u8, String, u32, Option<u16>, Option<String>);

/// Values to build a media section from.
#[derive(Debug, Clone)]
struct MediaSpec {
    kind: &'static str,
    port: u16,
    mid: String,
    codecs: Vec<CodecSpec>,
    extmaps: Vec<(u16, String)>,
    ssrcs: Vec<(u32, String)>,
    ufrag: String,
    pwd: String,
    fingerprint: Vec<u8>,
    setup: Setup,
    direction: Direction,
}

fn media_spec(index: usize) -> impl Strategy<Value = MediaSpec> {
    let codecs = prop::sample::subsequence((96u8..=127).collect::<Vec<_>>(), 1..6)
        .prop_flat_map(|pts| {
            let n = pts.len();
            (
                Just(pts),
                vec("[A-Za-z][A-Za-z0-9-]{0,8}", n),
                vec(prop::sample::select(vec![8000u32, 16000, 48000, 90000]), n),
                vec(prop::option::of(1u16..=8), n),
                vec(
                    prop::option::of("[a-z-]{1,8}=[0-9a-f]{1,6}(;[a-z-]{1,8}=[0-9]{1,3}){0,2}"),
                    n,
                ),
            )
        })
        .prop_map(|(pts, names, clocks, channels, fmtps)| {
            pts.into_iter()
                .zip(names)
                .zip(clocks)
                .zip(channels)
                .zip(fmtps)
                .map(|((((pt, n), c), ch), f)| (pt, n, c, ch, f))
                .collect::<Vec<_>>()
        });
    let extmaps =
        prop::sample::subsequence((1u16..=14).collect::<Vec<_>>(), 0..5).prop_flat_map(|ids| {
            let n = ids.len();
            (Just(ids), vec("urn:[a-z]{1,8}:[a-z-]{1,12}", n))
        });
    (
        prop::sample::select(vec!["audio", "video"]),
        1u16..,
        codecs,
        extmaps,
        vec((any::<u32>(), "[A-Za-z0-9+/]{1,16}"), 0..3),
        "[A-Za-z0-9+/]{4,12}",
        "[A-Za-z0-9+/]{22,32}",
        vec(any::<u8>(), 32),
        prop::sample::select(vec![
            Setup::Active,
            Setup::Passive,
            Setup::Actpass,
            Setup::Holdconn,
        ]),
        prop::sample::select(vec![
            Direction::SendRecv,
            Direction::SendOnly,
            Direction::RecvOnly,
            Direction::Inactive,
        ]),
    )
        .prop_map(
            move |(
                kind,
                port,
                codecs,
                (ids, uris),
                ssrcs,
                ufrag,
                pwd,
                fingerprint,
                setup,
                direction,
            )| {
                let mut ssrcs: Vec<(u32, String)> = ssrcs;
                ssrcs.dedup_by_key(|s| s.0);
                MediaSpec {
                    kind,
                    port,
                    mid: format!("m{index}"),
                    codecs,
                    extmaps: ids.into_iter().zip(uris).collect(),
                    ssrcs,
                    ufrag,
                    pwd,
                    fingerprint,
                    setup,
                    direction,
                }
            },
        )
}

fn build(session_id: u64, name: &str, media: &[MediaSpec]) -> String {
    let mids: Vec<&str> = media.iter().map(|m| m.mid.as_str()).collect();
    let mut b = SdpBuilder::new("-", session_id, 2, "IN", "IP4", "127.0.0.1").session_name(name);
    if !mids.is_empty() {
        b = b.attribute("group", Some(&format!("BUNDLE {}", mids.join(" "))));
    }
    for m in media {
        let mut mb = MediaBuilder::new(m.kind, m.port, "UDP/TLS/RTP/SAVPF")
            .connection("IN", "IP4", "0.0.0.0")
            .ice_credentials(&m.ufrag, &m.pwd)
            .fingerprint("sha-256", &m.fingerprint)
            .setup(m.setup)
            .mid(&m.mid)
            .direction(m.direction);
        for (id, uri) in &m.extmaps {
            mb = mb.extmap(*id, uri);
        }
        for (pt, enc, clock, ch, fmtp) in &m.codecs {
            mb = mb.codec(*pt, enc, *clock, *ch, fmtp.as_deref());
            mb = mb.rtcp_fb(Some(*pt), "nack", Some("pli"));
        }
        for (ssrc, cname) in &m.ssrcs {
            mb = mb.ssrc(*ssrc, "cname", Some(cname));
        }
        b = b.media(mb);
    }
    b.build().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn built_descriptions_parse_back(
        session_id in any::<u64>(),
        name in "[A-Za-z0-9 -]{1,20}",
        media in (0usize..4).prop_flat_map(|n| (0..n).map(media_spec).collect::<Vec<_>>()),
    ) {
        let name = name.trim().to_owned();
        prop_assume!(!name.is_empty());
        let text = build(session_id, &name, &media);
        let sdp = Sdp::parse_strict(&text).unwrap();
        prop_assert!(sdp.findings().is_empty(), "{:?}", sdp.findings());
        prop_assert_eq!(sdp.to_string(), text.clone());
        let o = sdp.origin().unwrap().unwrap();
        prop_assert_eq!(o.session_id_u64(), Some(session_id));
        prop_assert_eq!(sdp.session_name(), Some(name.as_str()));
        prop_assert_eq!(sdp.media_count(), media.len());
        for (i, spec) in media.iter().enumerate() {
            let r = sdp.resolve(i).unwrap();
            let m = r.media_line().unwrap();
            prop_assert_eq!((m.media, m.port, m.proto), (spec.kind, spec.port, "UDP/TLS/RTP/SAVPF"));
            prop_assert_eq!(r.mid(), Some(spec.mid.as_str()));
            prop_assert!(r.is_bundled());
            prop_assert_eq!((r.ice_ufrag(), r.ice_pwd()), (Some(spec.ufrag.as_str()), Some(spec.pwd.as_str())));
            let fp = r.fingerprint().unwrap().bytes();
            prop_assert_eq!(fp.as_slice(), &spec.fingerprint[..]);
            prop_assert_eq!(r.setup(), Some(spec.setup));
            prop_assert_eq!(r.direction(), spec.direction);
            let codecs: Vec<_> = r.codecs().collect();
            prop_assert_eq!(codecs.len(), spec.codecs.len());
            for (c, (pt, enc, clock, ch, fmtp)) in codecs.iter().zip(&spec.codecs) {
                prop_assert_eq!(c.payload_type, *pt);
                prop_assert_eq!(c.encoding, enc.as_str());
                prop_assert_eq!(c.clock_rate, *clock);
                let expected_channels = ch.or((spec.kind == "audio").then_some(1));
                prop_assert_eq!(c.channels, expected_channels);
                prop_assert_eq!(c.fmtp.map(|f| f.raw), fmtp.as_deref());
                prop_assert_eq!(r.rtcp_fb(*pt).count(), 1);
            }
            let ext: Vec<(u16, &str)> = r.extensions().map(|e| (e.id, e.uri)).collect();
            let expected: Vec<(u16, &str)> = spec.extmaps.iter().map(|(i, u)| (*i, u.as_str())).collect();
            prop_assert_eq!(ext, expected);
            let ssrcs: Vec<(u32, Option<&str>)> = r.ssrcs().map(|s| (s.ssrc, s.cname)).collect();
            let expected: Vec<(u32, Option<&str>)> = spec.ssrcs.iter().map(|(s, c)| (*s, Some(c.as_str()))).collect();
            prop_assert_eq!(ssrcs, expected);
        }
        prop_assert!(sdp.lint().is_empty(), "{:?}", sdp.lint());
    }
}
