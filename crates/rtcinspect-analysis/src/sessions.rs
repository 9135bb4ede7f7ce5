//! Sessions: groups ICE pairs, DTLS associations, streams and SDP into WebRTC / VoIP
//! sessions (ufrag pairs, shared 5-tuples under BUNDLE, SDP addresses, SIP Call-ID)
//! and sets their `session` indices.
//!
//! (To be built: see the owner's task. This stub groups nothing.)

use crate::engine::Shared;
use crate::report::Report;

/// Fills `report.sessions` and the `session` fields.
pub(crate) fn group(_report: &mut Report, _shared: &Shared) {}
