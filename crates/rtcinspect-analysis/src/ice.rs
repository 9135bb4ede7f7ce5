//! ICE and TURN: STUN transactions, candidate pairs, TURN allocations, permissions,
//! channel bindings; unwraps Send/Data indications.
//!
//! Requests are matched to responses by (undirected outer 5-tuple, transaction ID) in
//! a bounded in-flight table. A transaction unanswered for [`TRANSACTION_TIMEOUT_NS`]
//! of capture time expires (counted as a timeout on its pair); when the table is full
//! and nothing has expired the new transaction is dropped and counted.
//!
//! A candidate pair is keyed by the directed outer 5-tuple of its requests and, for
//! checks relayed through TURN, the peer address: it is seen from the side sending
//! the checks, so both agents' checks on one 5-tuple make two pairs.

use std::collections::HashMap;
use std::net::SocketAddr;

use rtcinspect_wire::stun::{Attribute, Class, Message, Method, StunError};

use crate::context::{Flow, Packet, TurnRelayRef};
use crate::engine::{Config, Shared};
use crate::report::{
    At, CandidatePairReport, ChannelBindingReport, Count, Finding, FlowReport, IceReport, Severity,
    Stat, TurnAllocationReport,
};

/// How long (capture time) a request may wait for its response before it counts as
/// unanswered: RFC 8489 §6.2.1's 39.5 s is for plain STUN, but ICE agents give up on
/// a check much sooner (libwebrtc: a connection is dead after 5 s without a
/// response); 10 s covers every retransmission schedule seen in practice.
pub(crate) const TRANSACTION_TIMEOUT_NS: i64 = 10_000_000_000;

/// RFC 7675 §5.1: consent expires 30 s after the last response to a consent check.
const CONSENT_TIMEOUT_NS: i64 = 30_000_000_000;

/// Chromium's DTLS-in-STUN attribute (draft-hancke-webrtc-sped: a DTLS packet
/// carried in Binding requests and responses).
const DTLS_IN_STUN: u16 = 0xc070;

/// Expired transactions are swept at most this often (capture time).
const SWEEP_EVERY_NS: i64 = 1_000_000_000;

/// Longest USERNAME or REALM kept (bytes); longer ones are cut at a char boundary.
const MAX_TEXT: usize = 128;

/// Permissions, channel bindings and error codes kept per allocation / pair.
const MAX_PER_ALLOCATION: usize = 64;
const MAX_ERROR_CODES: usize = 16;

/// Transaction key: undirected outer 5-tuple and the 128-bit transaction ID (magic
/// cookie included, so RFC 3489 messages match too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct TxKey {
    flow: Flow,
    id: [u8; 16],
}

/// Candidate pair key: directed outer 5-tuple of the checks, whether they were
/// relayed through TURN, and the TURN peer (unknown for ChannelData on a channel
/// whose binding was not seen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct PairKey {
    flow: Flow,
    relayed: bool,
    peer: Option<SocketAddr>,
}

#[derive(Debug, Clone, Copy)]
enum TxKind {
    /// A Binding request: a connectivity check or a plain STUN binding.
    Binding { pair: PairKey, use_candidate: bool },
    /// A TURN request on the allocation whose client 5-tuple is `client`.
    Turn {
        client: Flow,
        method: Method,
        /// CreatePermission / ChannelBind: the (first) peer.
        peer: Option<SocketAddr>,
        /// ChannelBind: the channel.
        channel: Option<u16>,
    },
}

#[derive(Debug, Clone, Copy)]
struct Tx {
    kind: TxKind,
    /// Capture time of the first transmission.
    first_ns: i64,
    /// Capture time of the last transmission.
    last_ns: i64,
    /// Transmissions (1 + retransmissions).
    sends: u32,
    /// A response was seen.
    answered: bool,
}

#[derive(Debug, Default)]
struct PairState {
    transport: &'static str,
    local: Option<SocketAddr>,
    remote: Option<SocketAddr>,
    turn_flow: Option<Flow>,
    username: Option<String>,
    role: Option<&'static str>,
    role_changes: u64,
    tie_breaker: Option<u64>,
    requests: u64,
    retransmissions: u64,
    responses: u64,
    errors: u64,
    timeouts: u64,
    error_codes: Vec<u16>,
    rtt: Option<Stat>,
    use_candidate: bool,
    nominated_at: Option<At>,
    first: Option<At>,
    first_success: Option<At>,
    last: Option<At>,
    last_ns: i64,
    last_success: Option<At>,
    last_success_ns: Option<i64>,
    consent_checks: u64,
    consent_interval: Option<Stat>,
    last_consent_ns: Option<i64>,
    role_conflicts: u64,
    dtls_in_stun: u64,
}

#[derive(Debug, Default)]
struct Allocation {
    transport: &'static str,
    relayed: Vec<SocketAddr>,
    mapped: Option<SocketAddr>,
    allocate_requests: u64,
    allocate_successes: u64,
    errors: Vec<(u16, u64)>,
    lifetime_s: Option<u32>,
    refreshes: u64,
    refresh_successes: u64,
    permission_requests: u64,
    permissions: Vec<SocketAddr>,
    channel_binds: u64,
    channels: Vec<(u16, SocketAddr)>,
    channel_data: u64,
    channel_data_bytes: u64,
    send_indications: u64,
    data_indications: u64,
    realm: Option<String>,
    username: Option<String>,
    first: Option<At>,
    last: Option<At>,
    deallocated: Option<At>,
    dropped: u64,
}

/// All ICE and TURN state.
#[derive(Debug, Default)]
pub(crate) struct IceTracker {
    max: usize,
    transactions: HashMap<TxKey, Tx>,
    pairs: HashMap<PairKey, PairState>,
    allocations: HashMap<Flow, Allocation>,
    last_sweep_ns: i64,
    now_ns: i64,
    unmatched_responses: u64,
    duplicate_responses: u64,
    /// Permissions and channel bindings held by all allocations together.
    relay_entries: usize,
    dropped: u64,
    transactions_dropped: u64,
}

impl IceTracker {
    pub(crate) fn new(config: &Config) -> Self {
        IceTracker {
            max: config.max_ice_entries.max(1),
            ..IceTracker::default()
        }
    }

    /// One STUN message. For a TURN Send or Data indication, returns the DATA
    /// attribute's bytes and the relay information so the engine analyses them.
    pub(crate) fn on_stun<'a>(
        &mut self,
        p: &Packet<'a>,
        shared: &mut Shared,
    ) -> Option<(&'a [u8], TurnRelayRef)> {
        let msg = match Message::new_checked(p.payload) {
            Ok(m) => m,
            Err(e) => {
                shared.malformed(stun_reason(&e));
                return None;
            }
        };
        self.now_ns = self.now_ns.max(p.timestamp_ns);
        if p.timestamp_ns.saturating_sub(self.last_sweep_ns) >= SWEEP_EVERY_NS {
            self.sweep(p.timestamp_ns);
        }
        let method = msg.method();
        match msg.class() {
            Class::Request => self.on_request(p, &msg, method),
            Class::SuccessResponse | Class::ErrorResponse => self.on_response(p, &msg, shared),
            Class::Indication => return self.on_indication(p, &msg, method, shared),
        }
        None
    }

    fn on_request(&mut self, p: &Packet<'_>, msg: &Message<'_>, method: Method) {
        let key = TxKey {
            flow: p.flow.undirected(),
            id: msg.classic_transaction_id(),
        };
        let relayed = p.turn.is_some();
        // Retransmission: same transaction ID on the same 5-tuple.
        if let Some(tx) = self.transactions.get_mut(&key) {
            tx.sends = tx.sends.saturating_add(1);
            tx.last_ns = p.timestamp_ns;
            match tx.kind {
                TxKind::Binding { pair, .. } => {
                    if let Some(ps) = self.pairs.get_mut(&pair) {
                        ps.retransmissions += 1;
                        ps.last = Some(p.at());
                        ps.last_ns = p.timestamp_ns;
                    }
                }
                TxKind::Turn { client, .. } => {
                    if let Some(a) = self.allocations.get_mut(&client) {
                        a.last = Some(p.at());
                    }
                }
            }
            return;
        }
        let kind = match method {
            Method::Binding | Method::GoogPing => {
                let pk = PairKey {
                    flow: p.flow,
                    relayed: p.turn.is_some(),
                    peer: p.turn.and_then(|t| t.peer),
                };
                let use_candidate = self.on_check(p, msg, pk);
                match use_candidate {
                    Some(u) => TxKind::Binding {
                        pair: pk,
                        use_candidate: u,
                    },
                    None => return,
                }
            }
            Method::Allocate
            | Method::Refresh
            | Method::CreatePermission
            | Method::ChannelBind
            | Method::Connect
            | Method::ConnectionBind
                if !relayed =>
            {
                match self.on_turn_request(p, msg, method) {
                    Some(kind) => kind,
                    None => return,
                }
            }
            _ => return,
        };
        self.insert_tx(
            key,
            Tx {
                kind,
                first_ns: p.timestamp_ns,
                last_ns: p.timestamp_ns,
                sends: 1,
                answered: false,
            },
        );
    }

    /// A new Binding request: updates (or creates) its pair. Returns whether it has
    /// USE-CANDIDATE, or `None` when the pair table is full.
    fn on_check(&mut self, p: &Packet<'_>, msg: &Message<'_>, pk: PairKey) -> Option<bool> {
        let mut username = None;
        let mut role = None;
        let mut use_candidate = false;
        let mut dtls = false;
        for raw in msg.attributes() {
            dtls |= raw.type_code() == DTLS_IN_STUN;
            match raw.decode() {
                Ok(Attribute::Username(u)) => username = Some(u),
                Ok(Attribute::IceControlling(t)) => role = Some(("controlling", t)),
                Ok(Attribute::IceControlled(t)) => role = Some(("controlled", t)),
                Ok(Attribute::UseCandidate) => use_candidate = true,
                _ => {}
            }
        }
        if !self.pairs.contains_key(&pk) {
            if self.pairs.len() >= self.max {
                self.dropped += 1;
                return None;
            }
            let (local, remote, turn_flow) = self.pair_ends(p);
            self.pairs.insert(
                pk,
                PairState {
                    transport: p.flow.transport.name(),
                    local,
                    remote,
                    turn_flow,
                    ..PairState::default()
                },
            );
        }
        let ps = self.pairs.get_mut(&pk)?;
        ps.requests += 1;
        let at = p.at();
        ps.first.get_or_insert(at);
        ps.last = Some(at);
        ps.last_ns = p.timestamp_ns;
        if let Some(u) = username {
            if ps.username.as_deref() != Some(cut(u)) {
                ps.username = Some(cut(u).to_owned());
            }
        }
        if let Some((r, t)) = role {
            if ps.role.is_some_and(|old| old != r) {
                ps.role_changes += 1;
            }
            ps.role = Some(r);
            ps.tie_breaker = Some(t);
        }
        if use_candidate {
            ps.use_candidate = true;
        }
        ps.dtls_in_stun += u64::from(dtls);
        // Checks once the pair is nominated and working: consent freshness (RFC 7675).
        if ps.nominated_at.is_some() {
            ps.consent_checks += 1;
            if let Some(prev) = ps.last_consent_ns {
                let gap = p.timestamp_ns.saturating_sub(prev) as f64 / 1e6;
                ps.consent_interval
                    .get_or_insert_with(Stat::default)
                    .add(gap);
            }
            ps.last_consent_ns = Some(p.timestamp_ns);
        }
        Some(use_candidate)
    }

    /// The ends of a pair as ICE candidates: for a relayed check, the TURN relayed
    /// address on the client's side and the peer on the other.
    fn pair_ends(&self, p: &Packet<'_>) -> (Option<SocketAddr>, Option<SocketAddr>, Option<Flow>) {
        let Some(turn) = p.turn else {
            return (Some(p.flow.src), Some(p.flow.dst), None);
        };
        // Client to server (Send, ChannelData): the allocation is keyed by this flow.
        if let Some(a) = self.allocations.get(&p.flow) {
            let relayed = a.relayed.first().copied().or(Some(p.flow.src));
            return (relayed, turn.peer, Some(p.flow));
        }
        let back = p.flow.reversed();
        if let Some(a) = self.allocations.get(&back) {
            let relayed = a.relayed.first().copied().or(Some(back.src));
            return (turn.peer, relayed, Some(back));
        }
        (Some(p.flow.src), turn.peer, Some(p.flow))
    }

    fn on_turn_request(
        &mut self,
        p: &Packet<'_>,
        msg: &Message<'_>,
        method: Method,
    ) -> Option<TxKind> {
        let client = p.flow;
        if !self.allocations.contains_key(&client) {
            if self.allocations.len() >= self.max {
                self.dropped += 1;
                return None;
            }
            self.allocations.insert(
                client,
                Allocation {
                    transport: p.flow.transport.name(),
                    ..Allocation::default()
                },
            );
        }
        let a = self.allocations.get_mut(&client)?;
        let at = p.at();
        a.first.get_or_insert(at);
        a.last = Some(at);
        let mut peer = None;
        let mut channel = None;
        let mut lifetime = None;
        for raw in msg.attributes() {
            match raw.decode() {
                Ok(Attribute::Username(u)) if a.username.as_deref() != Some(cut(u)) => {
                    a.username = Some(cut(u).to_owned());
                }
                Ok(Attribute::Realm(r)) if a.realm.as_deref() != Some(cut(r)) => {
                    a.realm = Some(cut(r).to_owned());
                }
                Ok(Attribute::XorPeerAddress(x)) if peer.is_none() => peer = Some(x),
                Ok(Attribute::ChannelNumber(c)) => channel = Some(c),
                Ok(Attribute::Lifetime(l)) => lifetime = Some(l),
                _ => {}
            }
        }
        match method {
            Method::Allocate => a.allocate_requests += 1,
            Method::Refresh => {
                a.refreshes += 1;
                if lifetime == Some(0) {
                    a.deallocated.get_or_insert(at);
                }
            }
            Method::CreatePermission => a.permission_requests += 1,
            Method::ChannelBind => a.channel_binds += 1,
            _ => {}
        }
        Some(TxKind::Turn {
            client,
            method,
            peer,
            channel,
        })
    }

    fn insert_tx(&mut self, key: TxKey, tx: Tx) {
        if self.transactions.len() >= self.max {
            self.sweep(tx.first_ns);
        }
        if self.transactions.len() >= self.max {
            // Answered transactions are kept only to recognise late copies: give
            // their room to the new request.
            self.transactions.retain(|_, t| !t.answered);
        }
        if self.transactions.len() >= self.max {
            self.transactions_dropped += 1;
            self.dropped += 1;
            return;
        }
        self.transactions.insert(key, tx);
    }

    /// Removes transactions whose last transmission is older than the timeout,
    /// counting unanswered ones as timeouts on their pairs.
    fn sweep(&mut self, now_ns: i64) {
        self.last_sweep_ns = now_ns;
        let pairs = &mut self.pairs;
        self.transactions.retain(|_, tx| {
            if now_ns.saturating_sub(tx.last_ns) < TRANSACTION_TIMEOUT_NS {
                return true;
            }
            if !tx.answered {
                if let TxKind::Binding { pair, .. } = tx.kind {
                    if let Some(ps) = pairs.get_mut(&pair) {
                        ps.timeouts += 1;
                    }
                }
            }
            false
        });
    }

    fn on_response(&mut self, p: &Packet<'_>, msg: &Message<'_>, sh: &mut Shared) {
        let key = TxKey {
            flow: p.flow.undirected(),
            id: msg.classic_transaction_id(),
        };
        let Some(tx) = self.transactions.get_mut(&key) else {
            self.unmatched_responses += 1;
            return;
        };
        if tx.answered {
            // A second copy of a response (the request was retransmitted, or the
            // response duplicated): counted once.
            self.duplicate_responses += 1;
            return;
        }
        tx.answered = true;
        let tx = *tx;
        let success = msg.class() == Class::SuccessResponse;
        let mut code = None;
        let mut relayed: [Option<SocketAddr>; 2] = [None, None];
        let mut mapped = None;
        let mut lifetime = None;
        let mut dtls = false;
        for raw in msg.attributes() {
            dtls |= raw.type_code() == DTLS_IN_STUN;
            match raw.decode() {
                Ok(Attribute::ErrorCode(e)) => code = Some(e.code),
                Ok(Attribute::XorRelayedAddress(x)) => {
                    if relayed[0].is_none() {
                        relayed[0] = Some(x);
                    } else if relayed[1].is_none() {
                        relayed[1] = Some(x);
                    }
                }
                Ok(Attribute::XorMappedAddress(x)) => mapped = Some(x),
                Ok(Attribute::Lifetime(l)) => lifetime = Some(l),
                _ => {}
            }
        }
        let at = p.at();
        match tx.kind {
            TxKind::Binding {
                pair,
                use_candidate,
            } => {
                let mut nominated_now = false;
                if let Some(ps) = self.pairs.get_mut(&pair) {
                    ps.dtls_in_stun += u64::from(dtls);
                    if success {
                        ps.responses += 1;
                        ps.first_success.get_or_insert(at);
                        ps.last_success = Some(at);
                        ps.last_success_ns = Some(p.timestamp_ns);
                        // Karn: no RTT from a retransmitted request (which copy is
                        // answered is not known).
                        if tx.sends == 1 {
                            let rtt = p.timestamp_ns.saturating_sub(tx.first_ns) as f64 / 1e6;
                            ps.rtt.get_or_insert_with(Stat::default).add(rtt);
                        }
                        if use_candidate && ps.nominated_at.is_none() {
                            ps.nominated_at = Some(at);
                            ps.last_consent_ns = Some(tx.first_ns);
                            nominated_now = true;
                        }
                    } else {
                        ps.errors += 1;
                        if let Some(c) = code {
                            if !ps.error_codes.contains(&c)
                                && ps.error_codes.len() < MAX_ERROR_CODES
                            {
                                ps.error_codes.push(c);
                            }
                            if c == 487 {
                                ps.role_conflicts += 1;
                            }
                            if c == 487 && ps.role_conflicts == 1 {
                                sh.findings.push(
                                    at,
                                    Severity::Warning,
                                    "ice-role-conflict",
                                    None,
                                    format!(
                                        "487 Role Conflict from {} to a check by {} ({}): both agents claimed the same ICE role",
                                        p.flow.src,
                                        p.flow.dst,
                                        ps.role.unwrap_or("role unknown"),
                                    ),
                                );
                            }
                        }
                    }
                }
                // The controlled agent's checks on the same 5-tuple use the pair the
                // controlling agent nominated.
                if nominated_now {
                    let back = PairKey {
                        flow: pair.flow.reversed(),
                        relayed: pair.relayed,
                        peer: pair.peer,
                    };
                    if let Some(other) = self.pairs.get_mut(&back) {
                        if other.nominated_at.is_none() {
                            other.nominated_at = Some(at);
                            other.last_consent_ns = other.last.map(|_| p.timestamp_ns);
                        }
                    }
                }
            }
            TxKind::Turn {
                client,
                method,
                peer,
                channel,
            } => {
                let Some(a) = self.allocations.get_mut(&client) else {
                    return;
                };
                a.last = Some(at);
                if !success {
                    let c = code.unwrap_or(0);
                    let mut first_of_code = false;
                    if let Some(e) = a.errors.iter_mut().find(|e| e.0 == c) {
                        e.1 += 1;
                    } else if a.errors.len() < MAX_ERROR_CODES {
                        a.errors.push((c, 1));
                        first_of_code = true;
                    }
                    // 401 (no credentials yet) and 438 (stale nonce) are part of
                    // the normal long-term credential exchange. One finding per
                    // allocation and code.
                    if first_of_code && !matches!(c, 401 | 438) {
                        sh.findings.push(
                            at,
                            Severity::Warning,
                            "turn-error",
                            None,
                            format!(
                                "TURN {} error {} from {} to {}",
                                method.name().unwrap_or("request"),
                                c,
                                p.flow.src,
                                p.flow.dst
                            ),
                        );
                    }
                    return;
                }
                match method {
                    Method::Allocate => {
                        a.allocate_successes += 1;
                        for r in relayed.into_iter().flatten() {
                            if !a.relayed.contains(&r) && a.relayed.len() < 4 {
                                a.relayed.push(r);
                            }
                        }
                        if mapped.is_some() {
                            a.mapped = mapped;
                        }
                        if lifetime.is_some() {
                            a.lifetime_s = lifetime;
                        }
                    }
                    Method::Refresh => {
                        a.refresh_successes += 1;
                        match lifetime {
                            Some(0) => {
                                a.deallocated.get_or_insert(at);
                            }
                            Some(l) => a.lifetime_s = Some(l),
                            None => {}
                        }
                    }
                    Method::CreatePermission => {
                        if let Some(peer) = peer {
                            push_capped(
                                &mut a.permissions,
                                peer,
                                &mut a.dropped,
                                &mut self.relay_entries,
                                self.max,
                            );
                        }
                    }
                    Method::ChannelBind => {
                        if let (Some(c), Some(peer)) = (channel, peer) {
                            if let Some(b) = a.channels.iter_mut().find(|b| b.0 == c) {
                                b.1 = peer;
                            } else if a.channels.len() < MAX_PER_ALLOCATION
                                && self.relay_entries < self.max
                            {
                                a.channels.push((c, peer));
                                self.relay_entries += 1;
                            } else {
                                a.dropped += 1;
                            }
                            // A channel binding installs a permission too.
                            push_capped(
                                &mut a.permissions,
                                peer,
                                &mut a.dropped,
                                &mut self.relay_entries,
                                self.max,
                            );
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn on_indication<'a>(
        &mut self,
        p: &Packet<'a>,
        msg: &Message<'a>,
        method: Method,
        sh: &mut Shared,
    ) -> Option<(&'a [u8], TurnRelayRef)> {
        if p.turn.is_some() {
            return None;
        }
        let relayed = match msg.relayed_data()? {
            Ok(r) => r,
            Err(e) => {
                sh.malformed(stun_reason(&e));
                return None;
            }
        };
        let client = if method == Method::Send {
            p.flow
        } else {
            p.flow.reversed()
        };
        if let Some(a) = self.allocations.get_mut(&client) {
            a.last = Some(p.at());
            if method == Method::Send {
                a.send_indications += 1;
            } else {
                a.data_indications += 1;
            }
        }
        Some((
            relayed.data,
            TurnRelayRef {
                channel: None,
                peer: Some(relayed.peer),
            },
        ))
    }

    /// One ChannelData message (counted against its allocation).
    pub(crate) fn on_channel_data(&mut self, p: &Packet<'_>, _channel: u16, len: usize) {
        let a = match self.allocations.get_mut(&p.flow) {
            Some(a) => a,
            None => match self.allocations.get_mut(&p.flow.reversed()) {
                Some(a) => a,
                None => return,
            },
        };
        a.channel_data += 1;
        a.channel_data_bytes += len as u64;
    }

    /// Whether this 5-tuple (either direction) carries a TURN allocation: a datagram
    /// on it starting with 0x40-0x7F is ChannelData even where RFC 7983 would say
    /// QUIC (coturn binds channels up to 0x7FFF, the RFC 5766 range).
    pub(crate) fn is_turn_flow(&self, flow: Flow) -> bool {
        self.allocations.contains_key(&flow) || self.allocations.contains_key(&flow.reversed())
    }

    /// The peer bound to `channel` on this 5-tuple (either direction), if a
    /// ChannelBind was seen.
    pub(crate) fn channel_peer(&self, flow: Flow, channel: u16) -> Option<SocketAddr> {
        let a = self
            .allocations
            .get(&flow)
            .or_else(|| self.allocations.get(&flow.reversed()))?;
        a.channels.iter().find(|b| b.0 == channel).map(|b| b.1)
    }

    /// Whether a pair had checks but never an answer, long enough ago to give up.
    fn failed(&self, ps: &PairState) -> bool {
        ps.requests > 0
            && ps.responses == 0
            && (self.now_ns.saturating_sub(ps.last_ns) >= TRANSACTION_TIMEOUT_NS
                || ps.timeouts + ps.errors >= ps.requests)
    }

    pub(crate) fn snapshot(&self, _shared: &Shared) -> IceReport {
        let mut keys: Vec<&PairKey> = self.pairs.keys().collect();
        keys.sort_by(|a, b| {
            let fa = self.pairs.get(a).and_then(|p| p.first).map(|f| f.frame);
            let fb = self.pairs.get(b).and_then(|p| p.first).map(|f| f.frame);
            fa.cmp(&fb).then(a.cmp(b))
        });
        // Transactions still waiting that have already timed out, per pair.
        let mut pending: HashMap<PairKey, u64> = HashMap::new();
        for t in self.transactions.values() {
            if let TxKind::Binding { pair, .. } = t.kind {
                if !t.answered && self.now_ns.saturating_sub(t.last_ns) >= TRANSACTION_TIMEOUT_NS {
                    *pending.entry(pair).or_insert(0) += 1;
                }
            }
        }
        let mut pairs = Vec::with_capacity(keys.len());
        for k in keys {
            let Some(ps) = self.pairs.get(k) else {
                continue;
            };
            let state = if ps.responses > 0 {
                "succeeded"
            } else if self.failed(ps) {
                "failed"
            } else {
                "in-progress"
            };
            let pending_timeouts = pending.get(k).copied().unwrap_or(0);
            pairs.push(CandidatePairReport {
                local: ps.local,
                remote: ps.remote,
                transport: ps.transport.to_owned(),
                username: ps.username.clone(),
                role: ps.role.map(str::to_owned),
                tie_breaker: ps.tie_breaker,
                requests: ps.requests,
                retransmissions: ps.retransmissions,
                responses: ps.responses,
                errors: ps.errors,
                error_codes: ps.error_codes.clone(),
                rtt_ms: ps.rtt,
                nominated: ps.use_candidate || ps.nominated_at.is_some(),
                state: state.to_owned(),
                first: ps.first,
                first_success: ps.first_success,
                last: ps.last,
                consent_checks: ps.consent_checks,
                session: None,
                use_candidate: ps.use_candidate,
                nominated_at: ps.nominated_at,
                last_success: ps.last_success,
                timeouts: ps.timeouts + pending_timeouts,
                role_changes: ps.role_changes,
                role_conflicts: ps.role_conflicts,
                dtls_in_stun: ps.dtls_in_stun,
                consent_interval_ms: ps.consent_interval,
                turn: ps.turn_flow.map(|f| FlowReport {
                    a: Some(f.src),
                    b: Some(f.dst),
                    transport: f.transport.name().to_owned(),
                }),
                peer: k.peer,
            });
        }
        let mut clients: Vec<(&Flow, &Allocation)> = self.allocations.iter().collect();
        clients.sort_by_key(|(f, a)| (a.first.map(|x| x.frame), **f));
        let turn = clients
            .into_iter()
            .map(|(f, a)| TurnAllocationReport {
                client: Some(f.src),
                server: Some(f.dst),
                transport: a.transport.to_owned(),
                relayed: a.relayed.first().copied(),
                mapped: a.mapped,
                allocate_requests: a.allocate_requests,
                allocate_successes: a.allocate_successes,
                errors: a
                    .errors
                    .iter()
                    .map(|(c, n)| Count {
                        name: c.to_string(),
                        count: *n,
                    })
                    .collect(),
                lifetime_s: a.lifetime_s,
                refreshes: a.refreshes,
                permissions: a.permissions.clone(),
                channels: a
                    .channels
                    .iter()
                    .map(|(c, p)| ChannelBindingReport {
                        channel: *c,
                        peer: Some(*p),
                    })
                    .collect(),
                channel_data: a.channel_data,
                indications: a.send_indications + a.data_indications,
                realm: a.realm.clone(),
                username: a.username.clone(),
                relayed_addresses: a.relayed.clone(),
                refresh_successes: a.refresh_successes,
                permission_requests: a.permission_requests,
                channel_binds: a.channel_binds,
                channel_data_bytes: a.channel_data_bytes,
                send_indications: a.send_indications,
                data_indications: a.data_indications,
                first: a.first,
                last: a.last,
                deallocated: a.deallocated,
                dropped: a.dropped,
            })
            .collect();
        IceReport {
            pairs,
            turn,
            unmatched_responses: self.unmatched_responses,
            duplicate_responses: self.duplicate_responses,
            transactions_in_flight: self.transactions.values().filter(|t| !t.answered).count()
                as u64,
            transactions_dropped: self.transactions_dropped,
        }
    }

    /// Findings only known from the whole state: pairs that never got an answer.
    pub(crate) fn end_findings(&self) -> Vec<Finding> {
        let mut out = Vec::new();
        let mut keys: Vec<(&PairKey, &PairState)> = self.pairs.iter().collect();
        keys.sort_by_key(|(k, p)| (p.first.map(|f| f.frame), **k));
        for (_, ps) in keys {
            // Only ICE checks (with USERNAME): a plain Binding request without an
            // answer is often a keep-alive (oRTP, NAT bindings).
            if ps.responses == 0 && ps.username.is_some() && self.failed(ps) {
                let who = match (ps.local, ps.remote) {
                    (Some(l), Some(r)) => format!("{l} to {r}"),
                    _ => "a pair".to_owned(),
                };
                let detail = if ps.errors > 0 {
                    format!("{} error responses ({:?})", ps.errors, ps.error_codes)
                } else {
                    "no response".to_owned()
                };
                out.push(Finding {
                    at: ps.first.unwrap_or_default(),
                    severity: Severity::Warning,
                    kind: "ice-failure".to_owned(),
                    ssrc: None,
                    message: format!(
                        "ICE checks from {who} failed: {} requests ({} retransmissions), {detail}",
                        ps.requests, ps.retransmissions
                    ),
                });
            }
            // Consent: checks kept going unanswered for 30 s on a nominated pair.
            if let (Some(_), Some(ok_ns)) = (ps.nominated_at, ps.last_success_ns) {
                if ps.last_ns.saturating_sub(ok_ns) >= CONSENT_TIMEOUT_NS {
                    out.push(Finding {
                        at: ps.last_success.unwrap_or_default(),
                        severity: Severity::Error,
                        kind: "ice-consent-expired".to_owned(),
                        ssrc: None,
                        message: format!(
                            "ICE consent expired on {} to {}: checks went unanswered for {:.1} s after the last response (RFC 7675: 30 s)",
                            ps.local.map_or_else(|| "?".to_owned(), |a| a.to_string()),
                            ps.remote.map_or_else(|| "?".to_owned(), |a| a.to_string()),
                            ps.last_ns.saturating_sub(ok_ns) as f64 / 1e9
                        ),
                    });
                }
            }
        }
        out
    }

    pub(crate) fn dropped(&self) -> u64 {
        self.dropped
    }
}

/// Adds `v` to a permission list unless it is there, the list is full, or the
/// allocations together hold `max` entries (`total`).
fn push_capped(
    list: &mut Vec<SocketAddr>,
    v: SocketAddr,
    dropped: &mut u64,
    total: &mut usize,
    max: usize,
) {
    if list.contains(&v) {
        return;
    }
    if list.len() < MAX_PER_ALLOCATION && *total < max {
        list.push(v);
        *total += 1;
    } else {
        *dropped += 1;
    }
}

/// `s` cut to at most [`MAX_TEXT`] bytes at a char boundary.
fn cut(s: &str) -> &str {
    if s.len() <= MAX_TEXT {
        return s;
    }
    let mut end = MAX_TEXT;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// A short stable reason for a STUN message that could not be read.
fn stun_reason(e: &StunError) -> &'static str {
    match e {
        StunError::Truncated { .. } => "stun: truncated",
        StunError::InvalidValue { .. } => "stun: invalid header value",
        StunError::AttributeLength { .. } => "stun: bad attribute length",
        StunError::InvalidUtf8 { .. } => "stun: attribute not UTF-8",
        StunError::MissingAttribute { .. } => "stun: missing DATA or XOR-PEER-ADDRESS",
        _ => "stun: malformed",
    }
}
