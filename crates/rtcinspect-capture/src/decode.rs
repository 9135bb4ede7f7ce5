//! The decoder pipeline: link layer → IPv4/IPv6 (+ fragment reassembly) → UDP / TCP
//! (+ reassembly and framing).

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::ops::Range;

use crate::frag::{self, Outcome};
use crate::ip::{self, PROTO_TCP, PROTO_UDP};
use crate::link::{self, Network};
use crate::tcp::{self, FlowKey, Reassembler};
use crate::{Damage, DamageReason, Datagram, Diagnostics, LinkType, Transport};

/// One captured frame, as a source hands it to the [`Decoder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame<'a> {
    /// Frame number, from 1.
    pub number: u64,
    /// Capture time, nanoseconds since the Unix epoch.
    pub timestamp_ns: i64,
    /// Interface ID or index.
    pub interface: u32,
    /// Link type of the interface.
    pub link_type: LinkType,
    /// The captured bytes.
    pub data: &'a [u8],
    /// The frame's length on the wire (larger than `data.len()` when the snap length
    /// cut it).
    pub original_len: u32,
    /// Where the frame's record starts in the file (0 for live captures), for damage
    /// reports.
    pub offset: u64,
}

/// What the decoder does with TCP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum TcpMode {
    /// Reassemble each direction and deliver the messages framed by RFC 4571 or by
    /// the STUN/ChannelData length (the default).
    #[default]
    Framed,
    /// Deliver every segment's payload as it is, without reassembly (what tshark
    /// shows per frame).
    Segments,
    /// Ignore TCP.
    Off,
}

/// Limits and behaviour of a [`Decoder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DecoderConfig {
    /// What to do with TCP.
    pub tcp: TcpMode,
    /// How long (capture time) a fragmented datagram may wait for its fragments.
    pub fragment_timeout_ns: i64,
    /// How many fragmented datagrams may wait at once.
    pub max_fragment_datagrams: usize,
    /// How many bytes waiting fragmented datagrams may hold between them.
    pub max_fragment_bytes: usize,
    /// How many TCP directions are followed at once (the least recently seen is
    /// dropped for a new one).
    pub max_tcp_flows: usize,
    /// How many bytes TCP directions may buffer between them.
    pub max_tcp_bytes: usize,
    /// With [`TcpMode::Framed`]: deliver TCP streams that are neither RFC 4571 nor
    /// STUN framed (SIP, HTTP, WebSocket...) as in-order chunks, datagrams with
    /// [`Datagram::stream`] set (default true). Off, their bytes are only counted.
    pub tcp_streams: bool,
}

impl Default for DecoderConfig {
    fn default() -> Self {
        DecoderConfig {
            tcp: TcpMode::Framed,
            fragment_timeout_ns: 30_000_000_000,
            max_fragment_datagrams: 256,
            max_fragment_bytes: 2 << 20,
            max_tcp_flows: 1024,
            max_tcp_bytes: 4 << 20,
            tcp_streams: true,
        }
    }
}

impl DecoderConfig {
    /// Sets [`tcp`](Self::tcp).
    pub fn tcp_mode(mut self, mode: TcpMode) -> Self {
        self.tcp = mode;
        self
    }

    /// Sets [`tcp_streams`](Self::tcp_streams).
    pub fn tcp_streams(mut self, on: bool) -> Self {
        self.tcp_streams = on;
        self
    }

    /// Sets [`fragment_timeout_ns`](Self::fragment_timeout_ns).
    pub fn fragment_timeout_ns(mut self, ns: i64) -> Self {
        self.fragment_timeout_ns = ns;
        self
    }

    /// Sets [`max_fragment_datagrams`](Self::max_fragment_datagrams) and
    /// [`max_fragment_bytes`](Self::max_fragment_bytes).
    pub fn fragment_pool(mut self, datagrams: usize, bytes: usize) -> Self {
        self.max_fragment_datagrams = datagrams;
        self.max_fragment_bytes = bytes;
        self
    }

    /// Sets [`max_tcp_flows`](Self::max_tcp_flows) and
    /// [`max_tcp_bytes`](Self::max_tcp_bytes).
    pub fn tcp_bounds(mut self, flows: usize, bytes: usize) -> Self {
        self.max_tcp_flows = flows;
        self.max_tcp_bytes = bytes;
        self
    }
}

/// Where a decoded payload lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Loc {
    /// In the frame.
    Frame(Range<usize>),
    /// In the fragment pool's completed datagram.
    Fragment(Range<usize>),
    /// In a TCP direction's buffer.
    Tcp(tcp::Message),
}

/// A decoded datagram whose payload is not borrowed yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Decoded {
    pub(crate) frame: u64,
    pub(crate) timestamp_ns: i64,
    pub(crate) interface: u32,
    pub(crate) source: SocketAddr,
    pub(crate) destination: SocketAddr,
    pub(crate) transport: Transport,
    pub(crate) loc: Loc,
    pub(crate) truncated: bool,
    pub(crate) stream: bool,
}

/// Turns frames into datagrams: link layer, IP with fragment reassembly, UDP, TCP
/// with reassembly and framing. Sans-IO: sources feed it; tests and fuzzers can too.
///
/// ```
/// use rtcinspect_capture::{Decoder, DecoderConfig, Diagnostics, Frame, LinkType};
///
/// let packet = [
///     0x45, 0, 0, 30, 0, 0, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2, // IPv4
///     0x13, 0x88, 0x13, 0x89, 0, 10, 0, 0, 0xbe, 0xef, // UDP, 2 bytes of payload
/// ];
/// let mut decoder = Decoder::new(DecoderConfig::default());
/// let mut diag = Diagnostics::default();
/// let frame = Frame {
///     number: 1, timestamp_ns: 0, interface: 0, link_type: LinkType::RAW,
///     data: &packet, original_len: packet.len() as u32, offset: 0,
/// };
/// let d = decoder.decode(&frame, &mut diag).unwrap();
/// assert_eq!(d.payload, [0xbe, 0xef]);
/// assert_eq!(d.destination.to_string(), "10.0.0.2:5001");
/// ```
#[derive(Debug)]
pub struct Decoder {
    config: DecoderConfig,
    frags: frag::Pool,
    tcp: Reassembler,
    /// The frame the pending TCP messages belong to.
    tcp_frame: (u64, i64, u32),
}

impl Decoder {
    /// A decoder with these limits.
    pub fn new(config: DecoderConfig) -> Self {
        Decoder {
            config,
            frags: frag::Pool::new(
                config.max_fragment_datagrams,
                config.max_fragment_bytes,
                config.fragment_timeout_ns,
            ),
            tcp: Reassembler::new(
                config.max_tcp_flows,
                config.max_tcp_bytes,
                config.tcp_streams,
            ),
            tcp_frame: (0, 0, 0),
        }
    }

    /// The configuration.
    pub fn config(&self) -> &DecoderConfig {
        &self.config
    }

    /// Decodes one frame and returns the first datagram it yields. A TCP segment may
    /// complete several messages: get the others with
    /// [`next_message`](Self::next_message) before the next frame.
    pub fn decode<'s>(
        &'s mut self,
        frame: &Frame<'s>,
        diag: &mut Diagnostics,
    ) -> Option<Datagram<'s>> {
        let d = self.decode_frame(frame, diag)?;
        Some(self.datagram(d, frame.data, diag))
    }

    /// The next message the last TCP segment completed, if any.
    pub fn next_message(&mut self, diag: &mut Diagnostics) -> Option<Datagram<'_>> {
        let d = self.pending(diag)?;
        Some(self.datagram(d, &[], diag))
    }

    /// Ends the input: counts fragmented datagrams that never completed and drops
    /// all TCP state.
    pub fn finish(&mut self, diag: &mut Diagnostics) {
        self.frags.finish(diag);
        self.tcp.finish();
    }

    pub(crate) fn pending(&mut self, diag: &mut Diagnostics) -> Option<Decoded> {
        let m = self.tcp.next_message(diag)?;
        let (frame, timestamp_ns, interface) = self.tcp_frame;
        Some(Decoded {
            frame,
            timestamp_ns,
            interface,
            source: m.key.src,
            destination: m.key.dst,
            transport: Transport::Tcp,
            stream: m.stream,
            loc: Loc::Tcp(m),
            truncated: false,
        })
    }

    /// Borrows the payload of `d` (from `frame_data` or the decoder's pools) and
    /// counts the datagram.
    pub(crate) fn datagram<'s>(
        &'s self,
        d: Decoded,
        frame_data: &'s [u8],
        diag: &mut Diagnostics,
    ) -> Datagram<'s> {
        let payload = match &d.loc {
            Loc::Frame(r) => frame_data.get(r.clone()).unwrap_or(&[]),
            Loc::Fragment(r) => self.frags.completed().get(r.clone()).unwrap_or(&[]),
            Loc::Tcp(m) => self.tcp.bytes(m),
        };
        diag.datagrams += 1;
        match d.transport {
            Transport::Udp => diag.udp_datagrams += 1,
            Transport::Tcp => diag.tcp_datagrams += 1,
        }
        if d.truncated {
            diag.truncated_datagrams += 1;
        }
        Datagram {
            frame: d.frame,
            timestamp_ns: d.timestamp_ns,
            interface: d.interface,
            source: d.source,
            destination: d.destination,
            transport: d.transport,
            payload,
            truncated: d.truncated,
            stream: d.stream,
        }
    }

    /// Decodes a frame without borrowing its payload.
    pub(crate) fn decode_frame(
        &mut self,
        frame: &Frame<'_>,
        diag: &mut Diagnostics,
    ) -> Option<Decoded> {
        diag.frames += 1;
        diag.frame_bytes += frame.data.len() as u64;
        let cut = (frame.data.len() as u64) < u64::from(frame.original_len);
        if cut {
            diag.truncated_frames += 1;
        }
        let damage = |diag: &mut Diagnostics, reason| {
            diag.damage(Damage {
                frame: frame.number,
                offset: frame.offset,
                reason,
            })
        };
        let at = match link::decode(frame.link_type, frame.data) {
            Network::Ip(at) => at,
            Network::Other(ethertype) => {
                diag.non_ip_frames.add(ethertype);
                return None;
            }
            Network::Truncated => {
                damage(
                    diag,
                    DamageReason::TruncatedLinkHeader {
                        link_type: frame.link_type,
                    },
                );
                return None;
            }
            Network::Unsupported => {
                diag.unsupported_link_types.add(frame.link_type);
                return None;
            }
        };
        let packet = &frame.data[at..];
        let ip = match ip::parse(packet, cut) {
            Ok(ip) => ip,
            Err(reason) => {
                damage(diag, reason);
                return None;
            }
        };
        if ip.overlong {
            if let Some(reason) = ip.damage(packet) {
                damage(diag, reason);
            }
        }
        if let Some(f) = ip.frag {
            if ip.truncated {
                diag.fragments.truncated += 1;
                return None;
            }
            let outcome = self.frags.insert(
                frag::Fragment {
                    src: ip.src,
                    dst: ip.dst,
                    id: f.id,
                    proto: ip.proto,
                    offset: f.offset,
                    more: f.more,
                    data: &packet[ip.payload.clone()],
                },
                frame.timestamp_ns,
                frame.number,
                frame.offset,
                diag,
            );
            if outcome != Outcome::Complete {
                return None;
            }
            let whole = self.frags.take_completed();
            let (proto, start) = if ip.src.is_ipv6() {
                match ip::extension_headers(ip.proto, &whole, 0, false) {
                    Ok((proto, start, _)) => (proto, start),
                    Err(reason) => {
                        damage(diag, reason);
                        self.frags.put_completed(whole);
                        return None;
                    }
                }
            } else {
                (ip.proto, 0)
            };
            let body = whole.get(start..).unwrap_or(&[]);
            let t = self.transport(frame, ip.src, ip.dst, proto, body, false, diag);
            self.frags.put_completed(whole);
            return Some(shift(t?, start, true));
        }
        let body = &packet[ip.payload.clone()];
        let t = self.transport(frame, ip.src, ip.dst, ip.proto, body, ip.truncated, diag)?;
        Some(shift(t, at + ip.payload.start, false))
    }

    /// Decodes the transport header of `body`; ranges in the result are relative to
    /// `body` (and are shifted by the caller).
    #[allow(clippy::too_many_arguments)]
    fn transport(
        &mut self,
        frame: &Frame<'_>,
        src: IpAddr,
        dst: IpAddr,
        proto: u8,
        body: &[u8],
        truncated: bool,
        diag: &mut Diagnostics,
    ) -> Option<Decoded> {
        let damage = |diag: &mut Diagnostics, reason| {
            diag.damage(Damage {
                frame: frame.number,
                offset: frame.offset,
                reason,
            })
        };
        match proto {
            PROTO_UDP => {
                let Some(h) = body.first_chunk::<8>() else {
                    damage(
                        diag,
                        if truncated {
                            DamageReason::TruncatedHeader { header: "UDP" }
                        } else {
                            DamageReason::BadUdpLength {
                                udp_len: 8,
                                available: body.len(),
                            }
                        },
                    );
                    return None;
                };
                let mut udp_len = usize::from(u16::from_be_bytes([h[4], h[5]]));
                if udp_len == 0 && src.is_ipv6() {
                    udp_len = body.len(); // jumbogram
                }
                // A length past the body is the capture's cut when the frame was cut,
                // else damage (as is a length shorter than the header).
                let (end, cut) = if (8..=body.len()).contains(&udp_len) {
                    (udp_len, false)
                } else if udp_len >= 8 && truncated {
                    (body.len(), true)
                } else {
                    damage(
                        diag,
                        DamageReason::BadUdpLength {
                            udp_len,
                            available: body.len(),
                        },
                    );
                    return None;
                };
                Some(Decoded {
                    frame: frame.number,
                    timestamp_ns: frame.timestamp_ns,
                    interface: frame.interface,
                    source: SocketAddr::new(src, u16::from_be_bytes([h[0], h[1]])),
                    destination: SocketAddr::new(dst, u16::from_be_bytes([h[2], h[3]])),
                    transport: Transport::Udp,
                    loc: Loc::Frame(8..end),
                    truncated: cut,
                    stream: false,
                })
            }
            PROTO_TCP => {
                if self.config.tcp == TcpMode::Off {
                    return None;
                }
                let Some(h) = body.first_chunk::<20>() else {
                    damage(
                        diag,
                        if truncated {
                            DamageReason::TruncatedHeader { header: "TCP" }
                        } else {
                            DamageReason::BadTcpHeaderLength {
                                header_len: 20,
                                available: body.len(),
                            }
                        },
                    );
                    return None;
                };
                let header_len = usize::from(h[12] >> 4) * 4;
                if header_len < 20 || header_len > body.len() {
                    damage(
                        diag,
                        if header_len >= 20 && truncated {
                            DamageReason::TruncatedHeader { header: "TCP" }
                        } else {
                            DamageReason::BadTcpHeaderLength {
                                header_len,
                                available: body.len(),
                            }
                        },
                    );
                    return None;
                }
                let source = SocketAddr::new(src, u16::from_be_bytes([h[0], h[1]]));
                let destination = SocketAddr::new(dst, u16::from_be_bytes([h[2], h[3]]));
                let payload = &body[header_len..];
                if self.config.tcp == TcpMode::Segments {
                    if payload.is_empty() {
                        return None;
                    }
                    return Some(Decoded {
                        frame: frame.number,
                        timestamp_ns: frame.timestamp_ns,
                        interface: frame.interface,
                        source,
                        destination,
                        transport: Transport::Tcp,
                        loc: Loc::Frame(header_len..body.len()),
                        truncated,
                        stream: false,
                    });
                }
                if truncated {
                    // Bytes missing from the stream: the reassembly sees a gap.
                    return None;
                }
                let seq = u32::from_be_bytes([h[4], h[5], h[6], h[7]]);
                let flags = tcp::Flags {
                    syn: h[13] & 0x02 != 0,
                    rst: h[13] & 0x04 != 0,
                };
                self.tcp.segment(
                    FlowKey {
                        src: source,
                        dst: destination,
                    },
                    seq,
                    flags,
                    payload,
                    frame.number,
                    diag,
                );
                self.tcp_frame = (frame.number, frame.timestamp_ns, frame.interface);
                self.pending(diag)
            }
            other => {
                diag.other_transports.add(other);
                None
            }
        }
    }
}

/// Moves a frame-relative range by `by`; for reassembled fragments the range is in
/// the pool's datagram instead.
fn shift(mut d: Decoded, by: usize, fragment: bool) -> Decoded {
    if let Loc::Frame(r) = &d.loc {
        let r = r.start + by..r.end + by;
        d.loc = if fragment {
            Loc::Fragment(r)
        } else {
            Loc::Frame(r)
        };
    }
    d
}

/// A UDP datagram read by [`fast_udp`]: addresses and where its payload is in the
/// frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FastUdp {
    pub(crate) source: SocketAddr,
    pub(crate) destination: SocketAddr,
    /// Payload start, relative to the frame.
    pub(crate) start: usize,
    /// Payload end, relative to the frame.
    pub(crate) end: usize,
}

/// The common case without the general machinery: an untagged Ethernet, Linux cooked
/// (SLL, SLL2) or raw IP frame carrying an IPv4 packet that is not a fragment, or an
/// IPv6 packet without extension headers, whole in the frame, carrying a UDP datagram
/// whose length fits.
///
/// Anything else — VLAN tags, other link types, fragments, extension headers, TCP,
/// zero lengths (offload, jumbograms), an IP packet or UDP datagram the snap length cut, and every kind
/// of damage — gives `None` and takes the general path, [`Decoder::decode_frame`],
/// which yields the same datagram and the same counts for every frame this accepts
/// (checked by the property test in `file.rs`). It touches no decoder state: such a
/// frame reaches neither the fragment pool nor TCP reassembly.
#[inline]
pub(crate) fn fast_udp(link: LinkType, frame: &[u8]) -> Option<FastUdp> {
    let at = match link {
        LinkType::ETHERNET => match frame.get(12..14)? {
            [0x08, 0x00] | [0x86, 0xdd] => 14,
            _ => return None,
        },
        LinkType::LINUX_SLL => match frame.get(14..16)? {
            [0x08, 0x00] | [0x86, 0xdd] => 16,
            _ => return None,
        },
        LinkType::LINUX_SLL2 => match frame.first_chunk::<2>()? {
            [0x08, 0x00] | [0x86, 0xdd] => 20,
            _ => return None,
        },
        LinkType::RAW
        | LinkType::DLT_RAW
        | LinkType::DLT_RAW_OPENBSD
        | LinkType::IPV4
        | LinkType::IPV6 => 0,
        _ => return None,
    };
    let p = frame.get(at..)?;
    // As in the general path, the version nibble decides, not the EtherType.
    let (src, dst, body_start, body) = match p.first()? >> 4 {
        4 => {
            let h = p.first_chunk::<20>()?;
            let header_len = usize::from(h[0] & 0x0f) * 4;
            let total_len = usize::from(u16::from_be_bytes([h[2], h[3]]));
            let fragment = u16::from_be_bytes([h[6], h[7]]) & 0x3fff != 0;
            if header_len < 20 || total_len < header_len || fragment || h[9] != ip::PROTO_UDP {
                return None;
            }
            let src = IpAddr::V4(Ipv4Addr::new(h[12], h[13], h[14], h[15]));
            let dst = IpAddr::V4(Ipv4Addr::new(h[16], h[17], h[18], h[19]));
            (src, dst, header_len, p.get(header_len..total_len)?)
        }
        6 => {
            let h = p.first_chunk::<40>()?;
            let payload_len = usize::from(u16::from_be_bytes([h[4], h[5]]));
            if payload_len == 0 || h[6] != ip::PROTO_UDP {
                return None;
            }
            let src = IpAddr::V6(Ipv6Addr::from(*h[8..].first_chunk::<16>()?));
            let dst = IpAddr::V6(Ipv6Addr::from(*h[24..].first_chunk::<16>()?));
            (src, dst, 40, p.get(40..40 + payload_len)?)
        }
        _ => return None,
    };
    let u = body.first_chunk::<8>()?;
    let udp_len = usize::from(u16::from_be_bytes([u[4], u[5]]));
    if udp_len < 8 || udp_len > body.len() {
        return None;
    }
    let start = at + body_start;
    Some(FastUdp {
        source: SocketAddr::new(src, u16::from_be_bytes([u[0], u[1]])),
        destination: SocketAddr::new(dst, u16::from_be_bytes([u[2], u[3]])),
        start: start + 8,
        end: start + udp_len,
    })
}
