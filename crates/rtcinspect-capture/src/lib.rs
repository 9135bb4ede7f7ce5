//! Timestamped UDP and TCP datagrams out of packet captures.
//!
//! `rtcinspect-capture` turns a pcap or pcapng file (from a path, from standard input,
//! from anything that implements [`std::io::Read`]) or a live Linux interface into a
//! stream of [`Datagram`]s: frame number, capture timestamp in nanoseconds, interface,
//! source and destination socket addresses, transport, and the payload as a borrowed
//! slice. It knows no RTP: what the payload is, is the next layer's question
//! ([`rtcinspect_wire::demux::classify`]).
//!
//! ```text
//!  FileSource (pcap, pcapng)  ─┐                 ┌─ link: Ethernet (+802.1Q/802.1ad), SLL, SLL2,
//!  LiveSource (AF_PACKET)     ─┴─ Frame ─ Decoder ┤         NULL/LOOP, raw IPv4/IPv6
//!                                                 ├─ IPv4 (options), IPv6 (extension headers),
//!                                                 │  fragments reassembled in a bounded pool
//!                                                 └─ UDP; TCP reassembled per direction and framed
//!                                                    by RFC 4571 or by STUN/ChannelData lengths,
//!                                                    or handed out as in-order stream chunks
//!                                                    (SIP, HTTP, WebSocket)
//! ```
//!
//! ```
//! use rtcinspect_capture::{Event, FileSource, Source, Transport};
//!
//! # fn main() -> Result<(), rtcinspect_capture::SourceError> {
//! // A pcap file (little-endian, microseconds) with one Ethernet/IPv4/UDP frame.
//! let mut file = vec![];
//! file.extend_from_slice(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
//! file.extend_from_slice(&[0xff, 0xff, 0, 0, 1, 0, 0, 0]); // snap length, Ethernet
//! let frame: Vec<u8> = [
//!     &[0u8; 12][..], &[0x08, 0x00],                                       // Ethernet
//!     &[0x45, 0, 0, 32, 0, 0, 0, 0, 64, 17, 0, 0, 127, 0, 0, 1, 127, 0, 0, 1], // IPv4
//!     &[0x13, 0x88, 0x13, 0x89, 0, 12, 0, 0],                                // UDP 5000 -> 5001
//!     b"ping",
//! ].concat();
//! file.extend_from_slice(&[1, 0, 0, 0, 7, 0, 0, 0]); // 1 s + 7 µs
//! file.extend_from_slice(&(frame.len() as u32).to_le_bytes());
//! file.extend_from_slice(&(frame.len() as u32).to_le_bytes());
//! file.extend_from_slice(&frame);
//!
//! let mut source = FileSource::new(&file[..])?;
//! while let Some(event) = source.next_event()? {
//!     if let Event::Datagram(d) = event {
//!         assert_eq!(d.frame, 1);
//!         assert_eq!(d.timestamp_ns, 1_000_007_000);
//!         assert_eq!(d.transport, Transport::Udp);
//!         assert_eq!(d.source.port(), 5000);
//!         assert_eq!(d.payload, b"ping");
//!     }
//! }
//! assert_eq!(source.diagnostics().datagrams, 1);
//! # Ok(())
//! # }
//! ```
//!
//! # Bounds
//!
//! Memory does not grow with the capture: the file is read through one buffer that
//! starts at 64 KiB and doubles while reads fill it, up to [`READ_BUFFER_LEN`] bytes
//! plus room for one record of at most [`MAX_RECORD_LEN`];
//! IP fragments wait in a pool of at most [`DecoderConfig::max_fragment_bytes`];
//! TCP streams keep at most [`DecoderConfig::max_tcp_bytes`] between them in at most
//! [`DecoderConfig::max_tcp_flows`] directions; the lists in [`Diagnostics`] are capped
//! ([`MAX_DAMAGE_RECORDS`], [`MAX_INTERFACES`], [`MAX_SECRETS_BYTES`]). No length
//! read from a file sizes an allocation without one of these bounds, and nothing
//! panics on any input (fuzzed: `fuzz/fuzz_targets/pcap.rs`).
//!
//! # Damage
//!
//! A damaged file is read as far as it can be: a truncated last record, a record or
//! block whose length runs past the file or is impossible, bad IP or UDP lengths,
//! a reassembly pool that overflows — each becomes a [`Damage`] with the frame number,
//! the byte offset and a [`DamageReason`] whose `Display` reads as a sentence; the
//! reader then looks for the next plausible record or block and goes on.
#![forbid(unsafe_code)]

mod batch;
mod decode;
mod diag;
mod error;
mod file;
mod filter;
mod frag;
mod ip;
mod link;
#[cfg(target_os = "linux")]
mod live;
mod reader;
mod tcp;

use std::net::SocketAddr;

pub use batch::{Batch, DIAGNOSTICS_EVERY, ReadAhead};
pub use decode::{Decoder, DecoderConfig, Frame, TcpMode};
pub use diag::{
    CountMap, Diagnostics, FragmentStats, InterfaceInfo, InterfaceStatistics, MAX_DAMAGE_RECORDS,
    MAX_INTERFACES, MAX_SECRETS_BYTES, Secrets, TcpStats,
};
pub use error::{Damage, DamageReason, SourceError};
pub use file::{FileFormat, FileSource, MAX_RECORD_LEN, READ_BUFFER_LEN};
pub use filter::{Filter, FilterError};
pub use link::LinkType;
#[cfg(target_os = "linux")]
pub use live::{LiveConfig, LiveSource, StopHandle};

/// The transport protocol a [`Datagram`] came over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Transport {
    /// A UDP datagram's payload.
    Udp,
    /// A message framed out of a TCP stream (RFC 4571 length prefix removed, or a
    /// STUN/ChannelData message framed by its own length), a chunk of an unframed
    /// stream ([`Datagram::stream`]), or, with [`TcpMode::Segments`], one segment's
    /// payload.
    Tcp,
}

impl Transport {
    /// `"udp"` or `"tcp"`.
    pub fn name(self) -> &'static str {
        match self {
            Transport::Udp => "udp",
            Transport::Tcp => "tcp",
        }
    }
}

/// One datagram: what the analysis is fed.
///
/// The payload borrows from the source's read buffer (or, for reassembled IP
/// fragments and TCP messages, from the decoder's bounded pools), so it lives until
/// the next call to [`Source::next_event`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Datagram<'a> {
    /// The frame number, counted from 1 as tshark does (every packet record or
    /// packet block of the file, whatever it holds). For a reassembled IP datagram or
    /// a TCP message it is the frame that completed it.
    pub frame: u64,
    /// Capture time, nanoseconds since the Unix epoch (pcapng `if_tsoffset` applied).
    pub timestamp_ns: i64,
    /// The interface: pcapng interface ID (0 for pcap), or the Linux interface index
    /// for a live capture.
    pub interface: u32,
    /// Source address and port.
    pub source: SocketAddr,
    /// Destination address and port.
    pub destination: SocketAddr,
    /// UDP or TCP.
    pub transport: Transport,
    /// The payload: the UDP payload, or one framed TCP message.
    pub payload: &'a [u8],
    /// True when the capture cut the frame short (snap length): `payload` is a prefix
    /// of what was sent.
    pub truncated: bool,
    /// True for a chunk of a TCP stream that is neither RFC 4571 nor STUN framed
    /// (SIP, HTTP, WebSocket...; see [`DecoderConfig::tcp_streams`]): `payload` is
    /// the next in-order bytes of the direction, not one message. Message
    /// boundaries are the reader's to find.
    pub stream: bool,
}

/// What a [`Source`] yields next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Event<'a> {
    /// A datagram.
    Datagram(Datagram<'a>),
    /// Something in the input could not be read; it is also counted in
    /// [`Diagnostics::damage`](crate::Diagnostics#structfield.damage).
    Damage(Damage),
    /// A pcapng Interface Description Block, or the interface of a live capture.
    Interface(InterfaceInfo),
    /// A pcapng Interface Statistics Block (also kept in [`InterfaceInfo::statistics`]).
    InterfaceStatistics(InterfaceStatistics),
    /// A pcapng Decryption Secrets Block (also kept, bounded, in
    /// [`Diagnostics::secrets`] for later SRTP/DTLS work).
    DecryptionSecrets {
        /// The secrets type (`0x544c534b` TLS key log, `0x57474b4c` WireGuard...).
        kind: u32,
        /// The secrets as stored.
        data: &'a [u8],
    },
}

/// Which clock the timestamps of a [`Source`] come from: the only thing that tells a
/// file from a live capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Clock {
    /// Timestamps recorded in a capture file.
    Recorded,
    /// Timestamps taken by the kernel as frames arrive.
    Live,
}

/// A source of datagrams: a capture file or a live interface.
///
/// Both are read the same way; only [`Source::clock`] tells them apart.
pub trait Source {
    /// The next event, `Ok(None)` at the end of the input (a live source ends only
    /// when stopped or its deadline passes). Damage in the input is not an error: it
    /// is an [`Event::Damage`], and reading goes on. Errors are I/O failures.
    fn next_event(&mut self) -> Result<Option<Event<'_>>, SourceError>;

    /// What has been counted so far.
    fn diagnostics(&self) -> &Diagnostics;

    /// Where the timestamps come from.
    fn clock(&self) -> Clock;
}
