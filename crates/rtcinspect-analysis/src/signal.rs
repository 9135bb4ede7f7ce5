//! Signalling: SDP from `--sdp` files and from cleartext signalling in the capture
//! (SIP over UDP/TCP, HTTP `application/sdp` bodies, WebSocket JSON messages), paired
//! as offer/answer; and [`SdpContext`], what the other trackers ask of the SDP known.
//!
//! (To be built: see the owner's task. This stub compiles and reports nothing.)

use crate::context::{Flow, Packet};
use crate::engine::{Config, Shared};
use crate::report::{MediaKind, SdpReport};

/// A codec as SDP describes it for a payload type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SdpCodec {
    /// Encoding name as written (`opus`, `VP8`, `rtx`...).
    pub(crate) name: String,
    /// Clock rate, Hz.
    pub(crate) clock_rate: u32,
    /// The m-section's media.
    pub(crate) media: MediaKind,
    /// For `rtx`: the payload type it retransmits (`apt`).
    pub(crate) apt: Option<u8>,
    /// The m-section's MID.
    pub(crate) mid: Option<String>,
}

/// The SDP known so far, indexed for the trackers' questions.
#[derive(Debug, Default)]
pub(crate) struct SdpContext {
    dropped: u64,
}

impl SdpContext {
    pub(crate) fn new(_max: usize) -> Self {
        SdpContext::default()
    }

    /// The codec for payload type `pt` on `flow` (SDP whose connection address and
    /// port match an end of the flow, else any SDP of the capture that maps `pt`,
    /// else the SSRC's m-section).
    pub(crate) fn codec(&self, _flow: Flow, _ssrc: u32, _pt: u8) -> Option<SdpCodec> {
        None
    }

    /// The `a=extmap` URI for extension `id` on `flow`.
    pub(crate) fn extmap(&self, _flow: Flow, _id: u8) -> Option<&str> {
        None
    }

    /// The primary SSRC of an RTX SSRC from `a=ssrc-group:FID`.
    pub(crate) fn rtx_primary(&self, _rtx_ssrc: u32) -> Option<u32> {
        None
    }

    /// The MID of the m-section announcing `ssrc`.
    pub(crate) fn mid_of_ssrc(&self, _ssrc: u32) -> Option<&str> {
        None
    }

    /// Every `a=fingerprint` (algorithm, value) known, for the DTLS check; empty when
    /// no SDP is known.
    pub(crate) fn fingerprints(&self) -> Vec<(String, String)> {
        Vec::new()
    }

    /// SDP not kept because the table was full.
    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}

/// Finds SDP in signalling.
#[derive(Debug, Default)]
pub(crate) struct SignalTracker {}

impl SignalTracker {
    pub(crate) fn new(_config: &Config) -> Self {
        SignalTracker::default()
    }

    /// A `--sdp` file.
    pub(crate) fn add_sdp_file(&mut self, _name: &str, _text: &str, _shared: &mut Shared) -> bool {
        false
    }

    /// A datagram the demultiplexer did not recognise: SIP, HTTP, WebSocket, or
    /// nothing. Returns the protocol name when it was signalling.
    pub(crate) fn on_other(
        &mut self,
        _p: &Packet<'_>,
        _shared: &mut Shared,
    ) -> Option<&'static str> {
        None
    }

    pub(crate) fn snapshot(&self, _shared: &Shared) -> Vec<SdpReport> {
        Vec::new()
    }
}
