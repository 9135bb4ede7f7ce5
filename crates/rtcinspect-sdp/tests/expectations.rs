//! Hand-verified expectations for a selection of real and RFC descriptions under
//! `testdata/sdp/`: codecs, payload types, clock rates, channels, extmap IDs, SSRCs,
//! rids and simulcast, candidates, fingerprints, keys, each value read off the file
//! by eye and written here.
#![allow(clippy::unwrap_used)]

use std::path::Path;

use rtcinspect_sdp::attr::{
    AddressKind, CandidateType, Crypto, Direction, HashFunction, Lifetime, Mki, Setup, TcpType,
};
use rtcinspect_sdp::{ErrorKind, LineEnding, Sdp};

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/sdp")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// (payload type, encoding, clock rate, channels) of every codec of a section.
fn codecs(sdp: &Sdp<'_>, media: usize) -> Vec<(u8, String, u32, Option<u16>)> {
    sdp.resolve(media)
        .unwrap()
        .codecs()
        .map(|c| {
            (
                c.payload_type,
                c.encoding.to_owned(),
                c.clock_rate,
                c.channels,
            )
        })
        .collect()
}

fn c(pt: u8, enc: &str, clock: u32, ch: Option<u16>) -> (u8, String, u32, Option<u16>) {
    (pt, enc.to_owned(), clock, ch)
}

#[test]
fn rfc8866_section5_example() {
    let text = read("rfc8866-s5-example.sdp");
    let sdp = Sdp::parse_strict(&text).unwrap();
    let o = sdp.origin().unwrap().unwrap();
    assert_eq!(
        (o.username, o.session_id, o.session_version, o.address),
        ("jdoe", "3724394400", "3724394405", "198.51.100.1")
    );
    assert_eq!(sdp.session_name(), Some("Call to John Smith"));
    assert_eq!(sdp.session().information(), Some("SDP Offer #1"));
    assert_eq!(sdp.uri(), Some("http://www.jdoe.example.com/home.html"));
    assert_eq!(
        sdp.emails().collect::<Vec<_>>(),
        ["Jane Doe <jane@jdoe.example.com>"]
    );
    assert_eq!(sdp.phones().collect::<Vec<_>>(), ["+1 617 555-6011"]);
    let t = sdp.timings().next().unwrap().unwrap();
    assert_eq!((t.start, t.stop), (0, 0));
    assert_eq!(sdp.media_count(), 3);
    let ports: Vec<u16> = sdp
        .media()
        .map(|m| m.media_line().unwrap().unwrap().port)
        .collect();
    assert_eq!(ports, [49170, 49180, 51372]);
    // PT 0 without rtpmap: PCMU from the RFC 3551 table.
    assert_eq!(codecs(&sdp, 0), [c(0, "PCMU", 8000, Some(1))]);
    assert!(sdp.resolve(0).unwrap().codec(0).unwrap().from_static_table);
    assert_eq!(codecs(&sdp, 2), [c(99, "h263-1998", 90000, None)]);
    // The video section's own c= overrides the session's.
    assert_eq!(
        sdp.resolve(2).unwrap().connection().unwrap().address,
        "2001:db8::2"
    );
    assert_eq!(
        sdp.resolve(0).unwrap().connection().unwrap().address,
        "198.51.100.1"
    );
    assert!(sdp.lines().iter().all(|l| l.ending() == LineEnding::CrLf));
}

#[test]
fn chrome_offer_5k() {
    let text = read("chrome-offer-av-data-5k.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    assert_eq!(sdp.media_count(), 3);
    assert_eq!(
        sdp.origin().unwrap().unwrap().session_id,
        "8390878094492400870"
    );
    let audio = sdp.resolve(0).unwrap();
    assert_eq!(
        codecs(&sdp, 0),
        [
            c(111, "opus", 48000, Some(2)),
            c(63, "red", 48000, Some(2)),
            c(9, "G722", 8000, Some(1)),
            c(0, "PCMU", 8000, Some(1)),
            c(8, "PCMA", 8000, Some(1)),
            c(13, "CN", 8000, Some(1)),
            c(110, "telephone-event", 48000, Some(1)),
            c(126, "telephone-event", 8000, Some(1)),
        ]
    );
    let opus = audio.codec(111).unwrap();
    assert_eq!(opus.fmtp.unwrap().raw, "minptime=10;useinbandfec=1");
    assert_eq!(opus.fmtp.unwrap().param("useinbandfec"), Some("1"));
    assert_eq!(
        audio.rtcp_fb(111).map(|f| f.kind).collect::<Vec<_>>(),
        ["transport-cc"]
    );
    let ext: Vec<(u16, &str)> = audio.extensions().map(|e| (e.id, e.uri)).collect();
    assert_eq!(
        ext,
        [
            (1, "urn:ietf:params:rtp-hdrext:ssrc-audio-level"),
            (
                2,
                "http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time"
            ),
            (
                3,
                "http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01"
            ),
            (4, "urn:ietf:params:rtp-hdrext:sdes:mid"),
        ]
    );
    assert!(audio.extmap_allow_mixed()); // session level
    let ssrcs: Vec<_> = audio.ssrcs().collect();
    assert_eq!(ssrcs.len(), 1);
    assert_eq!(
        (ssrcs[0].ssrc, ssrcs[0].cname),
        (2525948176, Some("vq/RADv8BRjPGRpD"))
    );
    assert_eq!(
        ssrcs[0].msid.unwrap().track,
        Some("70c399fc-da57-4f9c-94de-9e47a3fdb018")
    );
    assert_eq!(
        (audio.ice_ufrag(), audio.ice_pwd()),
        (Some("2UR+"), Some("vivtdzDKLcg8UoyAUJd8UqcV"))
    );
    let fp = audio.fingerprint().unwrap();
    assert_eq!(fp.hash_function(), HashFunction::Sha256);
    assert_eq!(fp.bytes().as_slice()[..4], [0x7d, 0xe4, 0x60, 0xe0]);
    assert_eq!(fp.bytes().as_slice().len(), 32);
    assert_eq!(audio.setup(), Some(Setup::Actpass));
    assert_eq!(audio.direction(), Direction::SendRecv);
    assert_eq!((audio.mid(), audio.bundle_tag()), (Some("0"), Some("0")));

    let video = sdp.resolve(1).unwrap();
    assert_eq!(video.payload_types().count(), 23);
    assert_eq!(video.codecs().count(), 23);
    let rtx: Vec<(u8, u8)> = video.rtx_payload_types().collect();
    assert_eq!(
        rtx,
        [
            (97, 96),
            (103, 102),
            (107, 104),
            (109, 108),
            (115, 114),
            (117, 116),
            (40, 39),
            (46, 45),
            (99, 98),
            (101, 100),
            (119, 118)
        ]
    );
    assert_eq!(video.rtx_for(45), Some(46)); // AV1
    let h264 = video.codec(102).unwrap();
    assert_eq!(h264.fmtp.unwrap().param("profile-level-id"), Some("42001f"));
    assert_eq!(
        video
            .rtcp_fb(96)
            .map(|f| (f.kind, f.param))
            .collect::<Vec<_>>(),
        [
            ("goog-remb", None),
            ("transport-cc", None),
            ("ccm", Some("fir")),
            ("nack", None),
            ("nack", Some("pli"))
        ]
    );
    let fec: Vec<&str> = video.fec_codecs().map(|c| c.encoding).collect();
    assert_eq!(fec, ["red", "ulpfec"]);
    assert_eq!(
        video.extension_uri(14),
        Some("urn:ietf:params:rtp-hdrext:toffset")
    );
    assert_eq!(
        video.extension_id("urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id"),
        Some(10)
    );
    assert_eq!(
        video.ssrcs().map(|s| s.ssrc).collect::<Vec<_>>(),
        [715771244, 48573607]
    );
    assert_eq!(video.rtx_ssrc(715771244), Some(48573607));
    assert!(video.is_bundled());
    assert_eq!(video.bundle_tag(), Some("0"));

    let data = sdp.media_at(2).unwrap();
    let m = data.media_line().unwrap().unwrap();
    assert_eq!(
        (m.media, m.proto, m.formats_raw),
        ("application", "UDP/DTLS/SCTP", "webrtc-datachannel")
    );
    assert_eq!(
        data.first::<rtcinspect_sdp::attr::SctpPort>()
            .unwrap()
            .unwrap()
            .0,
        5000
    );
    assert_eq!(
        data.first::<rtcinspect_sdp::attr::MaxMessageSize>()
            .unwrap()
            .unwrap()
            .0,
        262144
    );
    assert!(sdp.lint().is_empty(), "{:?}", sdp.lint());
    // libwebrtc's `a=msid-semantic: WMS …` is the one deviation.
    let findings = sdp.findings();
    assert_eq!(findings.len(), 1);
    assert_eq!((findings[0].line, findings[0].field), (7, "msid-semantic"));
}

#[test]
fn candidates_with_related_addresses_and_tcptype() {
    let text = read("chrome-offer-av-candidates.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let cands: Vec<_> = sdp.resolve(0).unwrap().candidates().collect();
    let first = cands[0];
    assert_eq!(first.foundation, "2749213777");
    assert_eq!(
        (first.component, first.transport, first.priority),
        (1, "udp", 2122194687)
    );
    assert_eq!(
        (first.address, first.port, first.kind),
        ("192.0.2.2", 33195, CandidateType::Host)
    );
    assert_eq!((first.generation(), first.network_id()), (Some(0), Some(1)));
    assert_eq!(first.address_kind(), AddressKind::Ipv4);
    assert_eq!(cands[1].address_kind(), AddressKind::Ipv6);
    let tcp = cands.iter().find(|c| c.transport == "tcp").unwrap();
    assert_eq!((tcp.port, tcp.tcptype), (9, Some(TcpType::Active)));
    let srflx = cands.iter().find(|c| c.kind == CandidateType::Srflx);
    if let Some(s) = srflx {
        assert!(s.raddr.is_some() && s.rport.is_some());
    }
}

#[test]
fn rfc8839_candidates_ipv6_and_related() {
    let text = read("rfc8839-appA-offer-ipv6-link-local.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let r = sdp.resolve(0).unwrap();
    assert_eq!(
        (r.ice_ufrag(), r.ice_pwd()),
        (Some("8hhY"), Some("asd88fgpdd777uzjYhagZg"))
    );
    assert!(r.ice_options().unwrap().has("ice2"));
    let cands: Vec<_> = r.candidates().collect();
    assert_eq!(cands.len(), 2);
    assert_eq!(
        (cands[0].transport, cands[0].address),
        ("UDP", "fe80::6676:baff:fe9c:ee4a")
    );
    assert_eq!(cands[1].kind, CandidateType::Srflx);
    assert_eq!(cands[1].raddr, Some("fe80::6676:baff:fe9c:ee4a"));
    assert_eq!(cands[1].rport, Some(8998));
}

#[test]
fn mdns_candidates() {
    let text = read("chrome-offer-datachannel-candidates-mdns.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let cands: Vec<_> = sdp.resolve(0).unwrap().candidates().collect();
    assert_eq!(
        cands[0].address,
        "920cace5-3a08-4d3e-9932-94b956be1997.local"
    );
    assert_eq!(cands[0].address_kind(), AddressKind::Mdns);
    assert_eq!(cands[0].network_cost(), Some(999));
}

#[test]
fn rfc4568_crypto_with_lifetime_and_mki() {
    let text = read("rfc4568-s6.10-offer-two-crypto-mki.sdp");
    let sdp = Sdp::parse_strict(&text).unwrap();
    let media = sdp.media_at(0).unwrap();
    let cryptos: Vec<Crypto<'_>> = media.typed::<Crypto<'_>>().map(Result::unwrap).collect();
    assert_eq!(cryptos.len(), 2);
    assert_eq!(
        (cryptos[0].tag, cryptos[0].suite),
        (1, "AES_CM_128_HMAC_SHA1_80")
    );
    let key = cryptos[0].key_params().next().unwrap().inline().unwrap();
    assert_eq!(key.key_salt, "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz");
    assert_eq!(key.lifetime, Some(Lifetime::PowerOfTwo(20)));
    assert_eq!(
        key.mki,
        Some(Mki {
            value: "1",
            length: 4
        })
    );
    assert_eq!(cryptos[0].session_params, Some("FEC_ORDER=FEC_SRTP"));
    let keys: Vec<_> = cryptos[1]
        .key_params()
        .map(|k| k.inline().unwrap())
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(
        keys[1].mki,
        Some(Mki {
            value: "2",
            length: 4
        })
    );
}

#[test]
fn rfc8853_simulcast_with_rids() {
    let text = read("rfc8853-s5.6.1-offer.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let video = sdp.resolve(1).unwrap();
    let rids: Vec<_> = video
        .rids()
        .map(|r| (r.id, r.payload_types().collect::<Vec<_>>()))
        .collect();
    assert_eq!(
        rids,
        [("1", vec!["97"]), ("2", vec!["98"]), ("3", vec!["97"])]
    );
    let sc = video.simulcast().unwrap();
    let send: Vec<&str> = sc.send.unwrap().streams().map(|s| s.first().rid).collect();
    assert_eq!(send, ["1", "2"]);
    let recv: Vec<&str> = sc.recv.unwrap().streams().map(|s| s.first().rid).collect();
    assert_eq!(recv, ["3"]);
    assert_eq!(
        video.codec(97).unwrap().fmtp.unwrap().param("max-fs"),
        Some("3600")
    );
}

#[test]
fn firefox_simulcast_three_layers() {
    let text = read("firefox-offer-simulcast-3-layers.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let video = sdp.resolve(1).unwrap();
    assert_eq!(
        video.rids().map(|r| r.id).collect::<Vec<_>>(),
        ["q", "h", "f"]
    );
    let sc = video.simulcast().unwrap();
    assert_eq!(sc.send.unwrap().streams().count(), 3);
    assert!(sc.recv.is_none());
    // Directional extmaps.
    let dd = video.extensions().find(|e| e.id == 8).unwrap();
    assert_eq!(dd.direction, Some(Direction::SendOnly));
    assert_eq!(
        dd.uri,
        "https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension"
    );
}

#[test]
fn sip_phone_lowercase_rtpmap_and_static_types() {
    let text = read("nero-sipps-invite-lowercase-rtpmap.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    assert_eq!(
        codecs(&sdp, 0),
        [
            c(0, "pcmu", 8000, Some(1)),
            c(8, "pcma", 8000, Some(1)),
            c(97, "iLBC", 8000, Some(1)),
            c(2, "G726-32", 8000, Some(1)),
            c(3, "GSM", 8000, Some(1)),
        ]
    );
}

#[test]
fn sdes_keys_in_linphone_invite() {
    let text = read("linphone-invite-savpf-sdes-4-crypto-ipv6-c.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let suites: Vec<&str> = sdp
        .media_at(0)
        .unwrap()
        .typed::<Crypto<'_>>()
        .map(|c| c.unwrap().suite)
        .collect();
    assert_eq!(
        suites,
        [
            "AES_CM_128_HMAC_SHA1_80",
            "AES_CM_128_HMAC_SHA1_32",
            "AES_256_CM_HMAC_SHA1_80",
            "AES_256_CM_HMAC_SHA1_32"
        ]
    );
}

#[test]
fn rfc8829_answer_bundled_section_inherits_transport() {
    // RFC 8829 §7.1 answer A1: the video section is BUNDLEd with the audio one (tag
    // a1) and carries no ICE credentials of its own (RFC 9143 §7.1.3).
    let text = read("rfc8829-s7.1-answer-A1.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let video = sdp.resolve(1).unwrap();
    assert_eq!(video.mid(), Some("v1"));
    assert_eq!(video.bundle_tag(), Some("a1"));
    assert_eq!(video.ice_ufrag(), Some("6sFv"));
    assert_eq!(video.ice_pwd(), Some("cOTZKZNVlO9RSGsEGM63JXT2"));
    assert_eq!(video.setup(), Some(Setup::Active));
    assert_eq!(video.fingerprint().unwrap().hash, "sha-256");
    assert!(sdp.lint().is_empty(), "{:?}", sdp.lint());
}

/// (line, column, field, kind) of every finding.
fn findings(sdp: &Sdp<'_>) -> Vec<(u32, u32, &'static str, ErrorKind)> {
    sdp.findings()
        .into_iter()
        .map(|f| (f.line, f.column, f.field, f.kind))
        .collect()
}

#[test]
fn lenient_parsing_records_what_real_endpoints_send() {
    // An old Chrome through sdp-transform's fixtures: LF endings, a trailing space
    // after `WMS`, no final line ending.
    let text = read("public-sdptransform-chrome-sctp-dtls-26-trailing-space.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    assert_eq!(sdp.to_string(), text);
    assert_eq!(
        findings(&sdp),
        [
            (1, 4, "line ending", ErrorKind::BareLineFeed),
            (6, 21, "line", ErrorKind::TrailingWhitespace),
            (6, 3, "msid-semantic", ErrorKind::Legacy),
            (16, 25, "line ending", ErrorKind::MissingFinalLineEnding),
        ]
    );
    // The value reads without its trailing space.
    assert_eq!(
        sdp.session().attribute("msid-semantic").unwrap().value,
        Some(" WMS")
    );
    // Strict parsing refuses the first violation RFC 8866 does not tolerate.
    let e = Sdp::parse_strict(&text).unwrap_err();
    assert_eq!(
        (e.line, e.column, e.field, e.kind),
        (6, 21, "line", ErrorKind::TrailingWhitespace)
    );

    // Legacy data channel answer.
    let text = read("chrome-answer-to-legacy-sctpmap-offer.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    assert!(findings(&sdp).contains(&(16, 3, "sctpmap", ErrorKind::Legacy)));
    let map = sdp
        .media_at(0)
        .unwrap()
        .first::<rtcinspect_sdp::attr::Sctpmap<'_>>()
        .unwrap()
        .unwrap();
    assert_eq!(
        (map.port, map.protocol, map.streams),
        (5000, "webrtc-datachannel", Some(65535))
    );

    // SDES keys offered with the unsecured RTP/AVP profile (baresip "best effort").
    let text = read("baresip-invite-avp-sdes-best-effort.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    assert_eq!(
        findings(&sdp),
        [
            (17, 3, "crypto", ErrorKind::ProfileMismatch),
            (27, 3, "crypto", ErrorKind::ProfileMismatch)
        ]
    );

    // RFC 8853 §5.6.3's figure starts at o=.
    let text = read("rfc8853-s5.6.3-offer-redundancy-missing-v-line.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    assert_eq!(findings(&sdp), [(1, 1, "v=", ErrorKind::MissingLine)]);
    assert_eq!(
        Sdp::parse_strict(&text).unwrap_err().kind,
        ErrorKind::MissingLine
    );

    // `a=ice-options:google-ice`: '-' is not an ice-char (RFC 8839 §5.6).
    let text = read("public-sdptransform-chrome-2014-jssip-fingerprint-and-crypto.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let f = sdp
        .findings()
        .into_iter()
        .find(|f| f.field == "ice-options")
        .unwrap();
    assert_eq!((f.line, f.column), (18, 21));
    assert!(matches!(
        f.kind,
        ErrorKind::Field(rtcinspect_sdp::FieldError {
            field: "ice-option-tag",
            offset: 6,
            ..
        })
    ));
}

#[test]
fn gstreamer_rtx_and_fec() {
    let text = read("gst-webrtcbin-offer-av-rtx-fec.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let audio = sdp.resolve(0).unwrap();
    assert_eq!(
        codecs(&sdp, 0),
        [
            c(111, "OPUS", 48000, Some(2)),
            c(97, "red", 48000, Some(1)),
            c(98, "ulpfec", 48000, Some(1)),
            c(99, "rtx", 48000, Some(1)),
            c(100, "rtx", 48000, Some(1)),
        ]
    );
    assert_eq!(
        audio.rtx_payload_types().collect::<Vec<_>>(),
        [(99, 111), (100, 97)]
    );
    assert_eq!(
        audio
            .fec_codecs()
            .map(|c| c.payload_type)
            .collect::<Vec<_>>(),
        [97, 98]
    );
    assert_eq!(audio.rtx_ssrc(3866006394), Some(4149686834));
    assert_eq!(
        audio.ssrcs().map(|s| (s.ssrc, s.cname)).collect::<Vec<_>>(),
        [
            (3866006394, Some("user3648088404@host-cdfa4bcc")),
            (4149686834, Some("user3648088404@host-cdfa4bcc")),
        ]
    );
    let video = sdp.resolve(1).unwrap();
    assert_eq!(video.media_line().unwrap().port, 0); // bundled, port 0 in the offer
    assert_eq!(video.rtx_for(101), Some(104)); // RTX for RED
    assert_eq!(
        video.fingerprint().unwrap().bytes().as_slice()[..2],
        [0x33, 0xb8]
    );
}

#[test]
fn aiortc_three_fingerprints_and_end_of_candidates() {
    let text = read("aiortc-offer-av.sdp");
    let sdp = Sdp::parse(&text).unwrap();
    let audio = sdp.resolve(0).unwrap();
    let fps: Vec<(HashFunction<'_>, usize)> = audio
        .fingerprints()
        .map(|f| (f.hash_function(), f.bytes().as_slice().len()))
        .collect();
    assert_eq!(
        fps,
        [
            (HashFunction::Sha256, 32),
            (HashFunction::Sha384, 48),
            (HashFunction::Sha512, 64)
        ]
    );
    let cands: Vec<_> = audio.candidates().collect();
    assert_eq!(cands.len(), 2);
    assert_eq!(cands[0].foundation, "f957a2332b1715da3b0ef8ba684454eb");
    assert_eq!((cands[0].address, cands[0].port), ("192.0.2.2", 40132));
    assert_eq!(cands[1].address_kind(), AddressKind::Ipv6);
    assert!(sdp.media_at(0).unwrap().has_attribute("end-of-candidates"));
    assert_eq!(
        audio.extension_uri(2),
        Some("urn:ietf:params:rtp-hdrext:ssrc-audio-level")
    );
    assert_eq!(codecs(&sdp, 0)[0], c(96, "opus", 48000, Some(2)));
    let video = sdp.resolve(1).unwrap();
    assert_eq!(video.rtx_ssrc(2530176636), Some(1221566163));
}
