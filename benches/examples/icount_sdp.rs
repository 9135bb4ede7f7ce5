//! Runs one SDP benchmark's work many times, for instruction counts under
//! `valgrind --tool=callgrind`:
//!
//! ```text
//! cargo build --release -p rtcinspect-benches --example icount_sdp
//! valgrind --tool=callgrind target/release/examples/icount_sdp rtcinspect parse 2000
//! ```
#![allow(clippy::print_stdout)]

use std::hint::black_box;

use rtcinspect_benches::sdp::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (which, work) = (args[1].as_str(), args[2].as_str());
    let n: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(2000);
    if which == "part" {
        let sdp = rtcinspect_sdp::Sdp::parse(CHROME_OFFER_5K).unwrap_or_else(|e| panic!("{e}"));
        let mut sum = 0u64;
        for _ in 0..n {
            let sdp = black_box(&sdp);
            for i in 0..sdp.media_count() {
                let Some(r) = sdp.resolve(i) else { continue };
                sum ^= match work {
                    "new" => u64::from(r.mid().is_some()),
                    "codecs" => r.codecs().map(|c| u64::from(c.clock_rate)).sum(),
                    "fb" => r
                        .payload_types()
                        .map(|pt| r.rtcp_fb(pt).count() as u64)
                        .sum(),
                    "fmtp" => r
                        .codecs()
                        .map(|c| c.fmtp.map_or(0, |f| f.params().count() as u64))
                        .sum(),
                    "ext" => r.extensions().map(|e| u64::from(e.id)).sum(),
                    "ssrc" => r.ssrcs().map(|s| u64::from(s.ssrc)).sum(),
                    "rest" => {
                        u64::from(
                            r.fingerprint()
                                .map_or(0, |f| f.bytes().as_slice().len() as u64)
                                as u8,
                        ) + u64::from(r.is_bundled())
                            + r.ice_ufrag().map_or(0, |u| u.len() as u64)
                            + r.rids().count() as u64
                            + u64::from(r.setup().is_some())
                    }
                    _ => panic!("unknown part"),
                };
            }
        }
        println!("{sum}");
        return;
    }
    let f: fn(&str) -> u64 = match (which, work) {
        ("rtcinspect", "parse") => parse_rtcinspect,
        ("rtcinspect", "resolve") => resolve_rtcinspect,
        ("micro", "rtcp-fb") => |t| {
            let v = std::hint::black_box(t.get(..0).map_or("96 nack pli", |_| "96 nack pli"));
            rtcinspect_sdp::attr::RtcpFb::parse(Some(v)).map_or(0, |f| f.kind.len() as u64)
        },
        ("micro", "rtpmap") => |t| {
            let v = std::hint::black_box(
                t.get(..0)
                    .map_or("111 opus/48000/2", |_| "111 opus/48000/2"),
            );
            rtcinspect_sdp::attr::Rtpmap::parse(Some(v)).map_or(0, |f| f.encoding.len() as u64)
        },
        // The parse alone, without reading the model.
        ("rtcinspect", "split") => {
            |t| rtcinspect_sdp::Sdp::parse(t).map_or(0, |s| s.lines().len() as u64)
        }
        ("webrtc-rs", "parse") => parse_webrtc_rs,
        ("webrtc-rs", "resolve") => resolve_webrtc_rs,
        ("sdp-types", "parse") => parse_sdp_types,
        ("sdp-types", "resolve") => resolve_sdp_types,
        _ => panic!("usage: icount_sdp rtcinspect|webrtc-rs|sdp-types parse|resolve [n]"),
    };
    let mut sum = 0u64;
    for _ in 0..n {
        sum ^= f(black_box(CHROME_OFFER_5K));
    }
    println!("{sum}");
}
