//! Counters and diagnostics: everything a source noticed, bounded.

use std::collections::BTreeMap;

use crate::{Damage, LinkType};

/// How many [`Damage`] records [`Diagnostics::damage`](Diagnostics#structfield.damage) keeps (all are counted).
pub const MAX_DAMAGE_RECORDS: usize = 1000;
/// How many interfaces [`Diagnostics::interfaces`] describes; packets on further
/// interfaces are still decoded when their link type is known.
pub const MAX_INTERFACES: usize = 256;
/// How many bytes of Decryption Secrets [`Diagnostics::secrets`] keeps.
pub const MAX_SECRETS_BYTES: usize = 1 << 20;
/// How many distinct keys each per-type counter map keeps; the rest add to `other`.
const MAX_MAP_KEYS: usize = 64;

/// Everything a source counted: frames, datagrams, damage, what it could not decode,
/// reassembly, interfaces, kernel drops. Bounded whatever the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Diagnostics {
    /// Packet records or blocks read (frames), damaged ones included.
    pub frames: u64,
    /// Bytes of frame data read.
    pub frame_bytes: u64,
    /// Datagrams delivered.
    pub datagrams: u64,
    /// Of those, over UDP.
    pub udp_datagrams: u64,
    /// Of those, over TCP.
    pub tcp_datagrams: u64,
    /// Delivered datagrams marked truncated (snap length).
    pub truncated_datagrams: u64,
    /// Frames whose captured length was shorter than their original length.
    pub truncated_frames: u64,
    /// All damage found (also the ones not kept in `damage`).
    pub damage_count: u64,
    /// The first [`MAX_DAMAGE_RECORDS`] damage records.
    pub damage: Vec<Damage>,
    /// Frames of link types this crate does not decode, by link type.
    pub unsupported_link_types: CountMap<LinkType>,
    /// Frames whose link layer carried something other than IPv4/IPv6 (ARP, LLDP...),
    /// by EtherType.
    pub non_ip_frames: CountMap<u16>,
    /// IP packets whose transport is neither UDP nor TCP (ICMP, SCTP...), by protocol
    /// number (the last next-header value for IPv6).
    pub other_transports: CountMap<u8>,
    /// IP fragment reassembly.
    pub fragments: FragmentStats,
    /// TCP reassembly and framing.
    pub tcp: TcpStats,
    /// Interfaces seen (pcapng IDBs, the pcap header's link type, live interfaces).
    pub interfaces: Vec<InterfaceInfo>,
    /// pcapng Decryption Secrets Blocks, kept for later SRTP/DTLS work, up to
    /// [`MAX_SECRETS_BYTES`] in all.
    pub secrets: Vec<Secrets>,
    /// Decryption Secrets Blocks not kept because of the bound.
    pub secrets_dropped: u64,
    /// pcapng Name Resolution Blocks read.
    pub name_resolution_blocks: u64,
    /// pcapng blocks of other or unknown types, skipped.
    pub skipped_blocks: u64,
    /// pcapng sections (Section Header Blocks) read.
    pub sections: u64,
    /// Packets the kernel dropped (live capture: the socket's receive queue
    /// overflowed), as last reported.
    pub kernel_drops: u64,
    /// Frames a live capture's filter let through but that were dropped because the
    /// frame was larger than the receive buffer (cut; counted, marked truncated).
    pub live_truncated: u64,
}

impl Diagnostics {
    /// The next damage after the first `reported` ones, counting it as reported.
    /// Damage past the kept list is counted and skipped.
    pub(crate) fn next_unreported(&self, reported: &mut u64) -> Option<Damage> {
        while self.damage_count > *reported {
            let i = *reported as usize;
            *reported += 1;
            if let Some(d) = self.damage.get(i) {
                return Some(*d);
            }
        }
        None
    }

    pub(crate) fn damage(&mut self, d: Damage) {
        self.damage_count += 1;
        if self.damage.len() < MAX_DAMAGE_RECORDS {
            self.damage.push(d);
        }
    }

    pub(crate) fn add_secrets(&mut self, kind: u32, data: &[u8]) {
        let used: usize = self.secrets.iter().map(|s| s.data.len()).sum();
        if used + data.len() <= MAX_SECRETS_BYTES {
            self.secrets.push(Secrets {
                kind,
                data: data.to_vec(),
            });
        } else {
            self.secrets_dropped += 1;
        }
    }
}

/// A counter per key, with a bounded number of keys; counts for keys beyond the
/// bound go to [`other`](CountMap::other).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountMap<K: Ord> {
    counts: BTreeMap<K, u64>,
    other: u64,
}

impl<K: Ord> Default for CountMap<K> {
    fn default() -> Self {
        CountMap {
            counts: BTreeMap::new(),
            other: 0,
        }
    }
}

impl<K: Ord + Copy> CountMap<K> {
    pub(crate) fn add(&mut self, key: K) {
        if let Some(n) = self.counts.get_mut(&key) {
            *n += 1;
        } else if self.counts.len() < MAX_MAP_KEYS {
            self.counts.insert(key, 1);
        } else {
            self.other += 1;
        }
    }

    /// The count for `key`.
    pub fn get(&self, key: K) -> u64 {
        self.counts.get(&key).copied().unwrap_or(0)
    }

    /// Keys and counts, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (K, u64)> + '_ {
        self.counts.iter().map(|(k, v)| (*k, *v))
    }

    /// Counts of keys beyond the bound.
    pub fn other(&self) -> u64 {
        self.other
    }

    /// All counts added up.
    pub fn total(&self) -> u64 {
        self.counts.values().sum::<u64>() + self.other
    }
}

/// IP fragment reassembly counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct FragmentStats {
    /// Fragments received (IPv4 and IPv6).
    pub fragments: u64,
    /// Datagrams completed.
    pub reassembled: u64,
    /// Datagrams dropped after the timeout.
    pub timed_out: u64,
    /// Fragments dropped because the pool was full.
    pub pool_full: u64,
    /// Fragments dropped as inconsistent (over 65535 bytes, conflicting ends).
    pub bad: u64,
    /// Fragments overlapping data already received (kept; later bytes win).
    pub overlaps: u64,
    /// Fragments cut by the snap length (dropped: the datagram cannot complete).
    pub truncated: u64,
    /// Datagrams still incomplete at the end of the input.
    pub incomplete_at_end: u64,
}

/// TCP reassembly and framing counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct TcpStats {
    /// Segments with payload seen.
    pub segments: u64,
    /// Segments (or parts) that repeated bytes already received.
    pub retransmissions: u64,
    /// Segments that arrived ahead of a gap and were held.
    pub out_of_order: u64,
    /// Gaps given up on (data never arrived, or buffers full): framing restarted.
    pub gaps: u64,
    /// Messages framed by the RFC 4571 length prefix.
    pub rfc4571_messages: u64,
    /// Messages framed by the STUN or ChannelData length.
    pub stun_messages: u64,
    /// Bytes of streams not recognised as RFC 4571 or STUN/ChannelData (and not
    /// delivered as stream chunks), or skipped while looking for a message boundary
    /// (capture started mid-stream).
    pub unframed_bytes: u64,
    /// Chunks of unframed streams delivered
    /// ([`DecoderConfig::tcp_streams`](crate::DecoderConfig::tcp_streams)).
    pub stream_chunks: u64,
    /// Bytes in those chunks.
    pub stream_bytes: u64,
    /// Stream directions dropped to keep within the flow bound.
    pub flows_evicted: u64,
    /// Buffers dropped to keep within the byte bound.
    pub overflows: u64,
}

/// An interface of a capture.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct InterfaceInfo {
    /// Interface ID within the file (pcapng: counted from 0 in each section, but
    /// numbered here across sections, as tshark does), or the Linux interface index.
    pub id: u32,
    /// Link type.
    pub link_type: LinkType,
    /// Snap length (0: none given).
    pub snap_len: u32,
    /// Timestamp units per second.
    pub ts_units_per_sec: u64,
    /// Seconds added to every timestamp (`if_tsoffset`).
    pub ts_offset_sec: i64,
    /// Frames seen on it.
    pub frames: u64,
    /// Its last Interface Statistics Block, if any.
    pub statistics: Option<InterfaceStatistics>,
}

/// A pcapng Interface Statistics Block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct InterfaceStatistics {
    /// Interface ID, numbered as in [`InterfaceInfo::id`].
    pub interface: u32,
    /// When the statistics were taken, nanoseconds since the Unix epoch.
    pub timestamp_ns: i64,
    /// `isb_ifrecv`: packets received by the interface.
    pub received: Option<u64>,
    /// `isb_ifdrop`: packets the interface dropped.
    pub interface_dropped: Option<u64>,
    /// `isb_osdrop`: packets the operating system dropped.
    pub os_dropped: Option<u64>,
    /// `isb_filteraccept`: packets the filter accepted.
    pub filter_accepted: Option<u64>,
    /// `isb_usrdeliv`: packets delivered to the user.
    pub delivered: Option<u64>,
}

/// Decryption secrets from a pcapng Decryption Secrets Block.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Secrets {
    /// The secrets type (`0x544c534b`: TLS key log, also used for DTLS).
    pub kind: u32,
    /// The secrets as stored.
    pub data: Vec<u8>,
}
