//! The sans-IO analysis engine of rtcinspect.
//!
//! An [`Analyzer`] is fed [`Datagram`]s (with their capture timestamps) and
//! capture [`Event`]s; it never reads a clock, a file or a socket, so files, live
//! captures and tests drive it the same way. [`Analyzer::snapshot`] returns an owned,
//! serde-serialisable [`Report`] at any moment.
//!
//! Every datagram is classified with the RFC 7983 demultiplexer; TURN ChannelData and
//! Send/Data indications are unwrapped so relayed media is analysed too (keeping the
//! outer 5-tuple, as Wireshark does). Work per packet is O(1); memory is
//! proportional to streams, never to packets: every table keyed by input values is
//! capped and what is dropped is counted in [`report::Limits`].
//!
//! ```text
//!  Datagram ─ demux ─┬─ RTP  ─ rtp::RtpTracker   (sequence, loss, jitter, media, extensions)
//!                    ├─ RTCP ─ rtcp::RtcpTracker (SR/RR, feedback, RTT)
//!                    ├─ STUN ─ ice::IceTracker   (transactions, pairs, TURN; unwraps Data)
//!                    ├─ TURN ChannelData ─ unwrapped, fed back in
//!                    ├─ DTLS ─ dtls::DtlsTracker (handshakes, fingerprints, alerts)
//!                    └─ other ─ signal::SignalTracker (SDP in SIP, HTTP, WebSocket)
//! ```
#![forbid(unsafe_code)]

mod context;
pub mod decode;
mod dtls;
mod engine;
mod fasthash;
mod findings;
mod ice;
pub mod report;
mod rtcp;
mod rtp;
mod series;
mod sessions;
mod signal;

pub use context::{Flow, Packet};
pub use engine::{Analyzer, Config};
pub use report::Report;

pub use rtcinspect_capture::{Datagram, Event, Transport};
