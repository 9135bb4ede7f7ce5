//! Errors (the input cannot be read at all) and damage (part of it cannot).

use std::fmt;

use crate::LinkType;

/// Why a source could not be opened or read any further.
///
/// Damage inside a capture is not an error: it is a [`Damage`], and reading goes on.
#[derive(Debug)]
#[non_exhaustive]
pub enum SourceError {
    /// Reading the input (or the socket) failed.
    Io(std::io::Error),
    /// The input does not start with a pcap or pcapng magic number.
    NotACapture {
        /// The first bytes of the input (fewer when it is shorter).
        magic: [u8; 4],
        /// How many of them there were.
        len: usize,
    },
    /// Live capture needs root or `CAP_NET_RAW`.
    PermissionDenied {
        /// What was being done.
        action: &'static str,
    },
    /// No interface of that name.
    NoSuchInterface(String),
    /// Live capture is not available on this platform.
    Unsupported(&'static str),
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SourceError::Io(e) => write!(f, "reading the capture failed: {e}"),
            SourceError::NotACapture { magic, len } => {
                write!(f, "not a pcap or pcapng capture: it starts with")?;
                if *len == 0 {
                    return write!(f, " nothing (empty input)");
                }
                for b in &magic[..(*len).min(4)] {
                    write!(f, " {b:02x}")?;
                }
                Ok(())
            }
            SourceError::PermissionDenied { action } => write!(
                f,
                "{action} needs root or the CAP_NET_RAW capability \
                 (run as root, or `sudo setcap cap_net_raw+ep <binary>`)"
            ),
            SourceError::NoSuchInterface(name) => write!(f, "no network interface named {name:?}"),
            SourceError::Unsupported(what) => write!(f, "{what} is not supported on this platform"),
        }
    }
}

impl std::error::Error for SourceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SourceError::Io(e) => Some(e),
            _ => None,
        }
    }
}

impl From<std::io::Error> for SourceError {
    fn from(e: std::io::Error) -> Self {
        SourceError::Io(e)
    }
}

/// One place where the input could not be read: which frame, where in the file, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Damage {
    /// The frame number (tshark's numbering) the damage is in or, for damage between
    /// records, the number the next frame would have had.
    pub frame: u64,
    /// Byte offset in the file (for live captures: 0).
    pub offset: u64,
    /// What was wrong.
    pub reason: DamageReason,
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "frame {} (byte {}): {}",
            self.frame, self.offset, self.reason
        )
    }
}

/// What was wrong with a part of the input. `Display` reads as a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DamageReason {
    /// The input ended inside a record or block header or body.
    TruncatedRecord {
        /// Bytes the record needed.
        needed: u64,
        /// Bytes that were left.
        available: u64,
    },
    /// A pcap record says it holds more bytes than any record may (the snap length
    /// of the file, at most [`MAX_RECORD_LEN`](crate::MAX_RECORD_LEN)).
    ImpossibleRecordLength {
        /// The captured length the record header gives.
        caplen: u32,
        /// The largest the reader accepts here.
        limit: u32,
    },
    /// A pcap record's captured length is larger than its original length.
    CaptureLongerThanOriginal {
        /// Captured length.
        caplen: u32,
        /// Original length.
        origlen: u32,
    },
    /// A pcapng block length that cannot be (under 12, not a multiple of 4, or too
    /// large).
    ImpossibleBlockLength {
        /// The block type.
        block_type: u32,
        /// The length it gives.
        length: u32,
    },
    /// The trailing length of a pcapng block differs from the leading one.
    BlockLengthMismatch {
        /// The block type.
        block_type: u32,
        /// Leading length.
        length: u32,
        /// Trailing length.
        trailing: u32,
    },
    /// pcap-parser could not parse a pcapng block whose framing was fine.
    BadBlock {
        /// The block type.
        block_type: u32,
    },
    /// A packet block names an interface no Interface Description Block described.
    UnknownInterface {
        /// The interface ID.
        interface: u32,
    },
    /// Bytes were skipped to find the next plausible record or block after damage.
    Resynchronised {
        /// How many bytes were skipped.
        skipped: u64,
    },
    /// After damage no plausible record or block was found in the rest of the input
    /// that could be searched.
    LostSync,
    /// A frame too short for its link-layer header.
    TruncatedLinkHeader {
        /// The link type.
        link_type: LinkType,
    },
    /// An IPv4 header length (IHL) under 5 or beyond the frame.
    BadIpv4HeaderLength {
        /// Header length in bytes (IHL × 4).
        header_len: usize,
        /// Bytes in the frame from the IP header on.
        available: usize,
    },
    /// An IPv4 total length smaller than its header, or (for an untruncated frame)
    /// larger than the frame.
    BadIpv4TotalLength {
        /// The total length field.
        total_len: usize,
        /// Bytes in the frame from the IP header on.
        available: usize,
    },
    /// An IPv6 payload length beyond the frame, or an extension header that runs
    /// past it.
    BadIpv6Length {
        /// Bytes the header or payload length asked for.
        needed: usize,
        /// Bytes in the frame from the IPv6 header on.
        available: usize,
    },
    /// The version nibble is neither 4 nor 6 where an IP packet was expected.
    BadIpVersion(u8),
    /// A UDP length under 8 or beyond the IP payload.
    BadUdpLength {
        /// The UDP length field.
        udp_len: usize,
        /// Bytes of IP payload.
        available: usize,
    },
    /// A TCP data offset under 5 or beyond the segment.
    BadTcpHeaderLength {
        /// Header length in bytes.
        header_len: usize,
        /// Bytes of IP payload.
        available: usize,
    },
    /// An IP or transport header cut off by the snap length.
    TruncatedHeader {
        /// Which header.
        header: &'static str,
    },
    /// A fragment was dropped because the reassembly pool was full.
    FragmentPoolFull,
    /// A fragmented datagram would be larger than 65535 bytes (or fragments
    /// disagree about its end).
    BadFragment,
    /// A partly reassembled datagram waited longer than the timeout and was dropped.
    FragmentTimeout {
        /// How many bytes it had received.
        received: usize,
    },
    /// A TCP direction buffered more than its bound; its buffered data was dropped
    /// and framing starts again at the next message boundary that can be found.
    TcpBufferOverflow,
}

impl fmt::Display for DamageReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            DamageReason::TruncatedRecord { needed, available } => write!(
                f,
                "the file ends inside a record: it needed {needed} bytes, {available} were left"
            ),
            DamageReason::ImpossibleRecordLength { caplen, limit } => write!(
                f,
                "the record header gives a captured length of {caplen} bytes, more than the {limit} a record may have"
            ),
            DamageReason::CaptureLongerThanOriginal { caplen, origlen } => write!(
                f,
                "the record's captured length ({caplen}) is larger than its original length ({origlen})"
            ),
            DamageReason::ImpossibleBlockLength { block_type, length } => write!(
                f,
                "block type {block_type:#010x} gives an impossible length of {length} bytes"
            ),
            DamageReason::BlockLengthMismatch {
                block_type,
                length,
                trailing,
            } => write!(
                f,
                "block type {block_type:#010x} starts with length {length} but ends with {trailing}"
            ),
            DamageReason::BadBlock { block_type } => {
                write!(
                    f,
                    "block type {block_type:#010x} could not be parsed; skipped"
                )
            }
            DamageReason::UnknownInterface { interface } => write!(
                f,
                "the packet names interface {interface}, which no Interface Description Block described"
            ),
            DamageReason::Resynchronised { skipped } => {
                write!(f, "skipped {skipped} bytes to the next plausible record")
            }
            DamageReason::LostSync => {
                write!(
                    f,
                    "no plausible record follows; the rest of the input was not read"
                )
            }
            DamageReason::TruncatedLinkHeader { link_type } => {
                write!(f, "the frame is too short for its {link_type} header")
            }
            DamageReason::BadIpv4HeaderLength {
                header_len,
                available,
            } => write!(
                f,
                "the IPv4 header length is {header_len} bytes, with {available} bytes in the frame"
            ),
            DamageReason::BadIpv4TotalLength {
                total_len,
                available,
            } => write!(
                f,
                "the IPv4 total length is {total_len} bytes, with {available} bytes in the frame"
            ),
            DamageReason::BadIpv6Length { needed, available } => write!(
                f,
                "the IPv6 packet needs {needed} bytes, with {available} bytes in the frame"
            ),
            DamageReason::BadIpVersion(v) => write!(f, "IP version {v} is neither 4 nor 6"),
            DamageReason::BadUdpLength { udp_len, available } => write!(
                f,
                "the UDP length is {udp_len}, with {available} bytes of IP payload"
            ),
            DamageReason::BadTcpHeaderLength {
                header_len,
                available,
            } => write!(
                f,
                "the TCP header length is {header_len} bytes, with {available} bytes of IP payload"
            ),
            DamageReason::TruncatedHeader { header } => {
                write!(f, "the {header} header is cut off by the snap length")
            }
            DamageReason::FragmentPoolFull => {
                write!(f, "an IP fragment was dropped: the reassembly pool is full")
            }
            DamageReason::BadFragment => write!(
                f,
                "an IP fragment was dropped: it would make a datagram over 65535 bytes or disagrees about where it ends"
            ),
            DamageReason::FragmentTimeout { received } => write!(
                f,
                "a fragmented IP datagram was dropped after the reassembly timeout with {received} bytes received"
            ),
            DamageReason::TcpBufferOverflow => write!(
                f,
                "a TCP stream buffered more than its bound; its buffered bytes were dropped"
            ),
        }
    }
}
