//! What every tracker is given with a packet.

use std::net::SocketAddr;

use rtcinspect_capture::Transport;

use crate::report::{At, TurnRelay};

/// A directed 5-tuple.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Flow {
    /// Source.
    pub src: SocketAddr,
    /// Destination.
    pub dst: SocketAddr,
    /// UDP or TCP.
    pub transport: Transport,
}

impl Flow {
    /// The same 5-tuple the other way.
    pub fn reversed(self) -> Flow {
        Flow {
            src: self.dst,
            dst: self.src,
            transport: self.transport,
        }
    }

    /// The 5-tuple with its ends in a fixed order, for both directions alike.
    pub fn undirected(self) -> Flow {
        if self.src <= self.dst {
            self
        } else {
            self.reversed()
        }
    }
}

/// One datagram as the trackers see it: after TURN unwrapping, `payload` is the inner
/// payload and `turn` says how it was relayed; `flow` stays the outer 5-tuple.
#[derive(Debug, Clone, Copy)]
pub struct Packet<'a> {
    /// Frame number in the capture.
    pub frame: u64,
    /// Capture time, ns since the Unix epoch.
    pub timestamp_ns: i64,
    /// The 5-tuple the capture saw.
    pub flow: Flow,
    /// TURN channel or indication the payload was relayed in.
    pub turn: Option<TurnRelayRef>,
    /// The payload (inner payload when relayed).
    pub payload: &'a [u8],
    /// True when the capture cut the frame short.
    pub truncated: bool,
}

/// TURN relay information without allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TurnRelayRef {
    /// ChannelData channel number, `None` for Send/Data indications.
    pub channel: Option<u16>,
    /// The peer address, when known.
    pub peer: Option<SocketAddr>,
}

impl TurnRelayRef {
    /// The report form.
    pub fn to_report(self) -> TurnRelay {
        TurnRelay {
            channel: self.channel,
            peer: self.peer,
        }
    }
}

impl Packet<'_> {
    /// Frame and time for the report.
    pub fn at(&self) -> At {
        At {
            frame: self.frame,
            time: seconds(self.timestamp_ns),
        }
    }
}

/// Nanoseconds since the Unix epoch as Unix seconds.
pub(crate) fn seconds(ns: i64) -> f64 {
    ns as f64 / 1e9
}
