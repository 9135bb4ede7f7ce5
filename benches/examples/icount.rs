//! Runs one benchmark's work many times, for instruction counts under
//! `valgrind --tool=callgrind` (repeatable where wall-clock time on a shared machine
//! is not):
//!
//! ```text
//! cargo build --release -p rtcinspect-benches --example icount
//! valgrind --tool=callgrind target/release/examples/icount rtcinspect audio-172 100000
//! valgrind --tool=callgrind target/release/examples/icount stun-types binding-request-ice 100000
//! valgrind --tool=callgrind target/release/examples/icount tls-parser client-hello 100000
//! ```
#![allow(clippy::print_stdout)]

use std::hint::black_box;

use bytes::Bytes;
use rtcinspect_benches::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (which, shape) = (args[1].as_str(), args[2].as_str());
    let n: u64 = args.get(3).and_then(|s| s.parse().ok()).unwrap_or(100_000);
    if shape == "client-hello" {
        let bytes = dtls::dtls_client_hello();
        let work = match which {
            "rtcinspect" => dtls::dtls_rtcinspect,
            "tls-parser" => dtls::dtls_tls_parser,
            "webrtc-rs" => dtls::dtls_webrtc_rs,
            _ => panic!("unknown implementation {which}"),
        };
        let mut sum = 0u64;
        for _ in 0..n {
            sum ^= work(black_box(&bytes));
        }
        println!("{sum}");
        return;
    }
    let bytes = match shape {
        "audio-172" => rtp_audio_172(),
        "video-1200" => rtp_video_1200(),
        "sr-sdes" => rtcp_sr_sdes(),
        "rr-nack-pli-remb" => rtcp_rr_nack_pli_remb(),
        "twcc-100" => rtcp_twcc_100(),
        "binding-request-ice" => stun::stun_binding_request(),
        other => panic!("unknown shape {other}"),
    };
    let rtp = shape.starts_with("audio") || shape.starts_with("video");
    if shape.starts_with("binding") {
        let shared = Bytes::from(bytes.clone());
        let mut sum = 0u64;
        for _ in 0..n {
            sum ^= match which {
                "rtcinspect" => stun::stun_rtcinspect(black_box(&bytes)),
                "webrtc-rs" => stun::stun_webrtc_rs(black_box(&shared)),
                "stun-types" => stun::stun_stun_types(black_box(&bytes)),
                _ => panic!("unknown implementation {which}"),
            };
        }
        println!("{sum}");
        return;
    }
    let shared = Bytes::from(bytes.clone());
    let mut sum = 0u64;
    for _ in 0..n {
        sum ^= match (which, rtp) {
            ("rtcinspect", true) => rtp_rtcinspect(black_box(&bytes)),
            ("rtcinspect", false) => rtcp_rtcinspect(black_box(&bytes)),
            ("webrtc-rs", true) => incumbents::rtp_webrtc_rs(black_box(&shared)),
            ("webrtc-rs", false) => incumbents::rtcp_webrtc_rs(black_box(&shared)),
            ("gstreamer", true) => incumbents::rtp_rtp_types(black_box(&bytes)),
            ("gstreamer", false) => incumbents::rtcp_rtcp_types(black_box(&bytes)),
            _ => panic!("unknown implementation {which}"),
        };
    }
    println!("{sum}");
}
