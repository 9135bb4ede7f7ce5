//! Capture filters: a small subset of the pcap-filter language (`udp`, `tcp`, `ip`,
//! `ip6`, `[src|dst] host ADDR`, `[udp|tcp] [src|dst] port N`, `portrange A-B`,
//! `and`/`&&`, `or`/`||`, `not`/`!`, parentheses; juxtaposed terms are joined by
//! `and`), compiled to classic BPF for the kernel (live capture over a cooked
//! AF_PACKET socket: the program sees the IP header at offset 0) and also
//! evaluated in user space on decoded datagrams.
//!
//! As in libpcap, port tests look at the IPv6 fixed header's next header only (no
//! extension headers), and never match non-first IPv4 fragments.
//!
//! ```
//! use rtcinspect_capture::Filter;
//!
//! let f: Filter = "udp and (port 3478 or portrange 10000-20000) and not host 10.0.0.9".parse().unwrap();
//! assert!(f.matches_parts("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap(), 17, 50000, 3478));
//! assert!(!f.matches_parts("10.0.0.9".parse().unwrap(), "10.0.0.2".parse().unwrap(), 17, 50000, 3478));
//! assert!(f.to_bpf().unwrap().len() < 100);
//! assert!("port".parse::<Filter>().is_err());
//! ```

use std::fmt;
use std::net::IpAddr;
use std::str::FromStr;

/// A parsed capture filter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filter {
    expr: Expr,
}

/// Which address or port a term looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Src,
    Dst,
    Either,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Expr {
    True,
    Proto(u8),
    Ip4,
    Ip6,
    Host(Dir, IpAddr),
    Port(Option<u8>, Dir, u16, u16),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    Not(Box<Expr>),
}

/// Why a filter expression was not understood.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FilterError {
    /// A word that is not part of the supported language, at this word index.
    Unexpected {
        /// The word.
        token: String,
        /// Its position (0-based word index).
        at: usize,
    },
    /// The expression ended where something more was needed.
    UnexpectedEnd,
    /// A host that is not an IPv4 or IPv6 address, or a port that is not a number.
    BadValue(String),
    /// The compiled program has a jump longer than classic BPF allows.
    TooComplex,
}

impl fmt::Display for FilterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FilterError::Unexpected { token, at } => write!(
                f,
                "filter word {} ({token:?}) is not understood; supported: udp, tcp, ip, ip6, [src|dst] host ADDR, [udp|tcp] [src|dst] port N, portrange A-B, and, or, not, ( )",
                at + 1
            ),
            FilterError::UnexpectedEnd => write!(f, "the filter expression ends too early"),
            FilterError::BadValue(v) => write!(f, "{v:?} is not an IP address or port number"),
            FilterError::TooComplex => write!(f, "the filter is too complex for classic BPF"),
        }
    }
}

impl std::error::Error for FilterError {}

impl FromStr for Filter {
    type Err = FilterError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let spaced = s
            .replace('(', " ( ")
            .replace(')', " ) ")
            .replace('!', " ! ");
        let tokens: Vec<&str> = spaced.split_whitespace().collect();
        let mut p = Parser { tokens, at: 0 };
        if p.tokens.is_empty() {
            return Ok(Filter { expr: Expr::True });
        }
        let expr = p.or()?;
        if let Some(t) = p.peek() {
            return Err(FilterError::Unexpected {
                token: t.to_string(),
                at: p.at,
            });
        }
        Ok(Filter { expr })
    }
}

struct Parser<'a> {
    tokens: Vec<&'a str>,
    at: usize,
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a str> {
        self.tokens.get(self.at).copied()
    }

    fn next(&mut self) -> Result<&'a str, FilterError> {
        let t = self.peek().ok_or(FilterError::UnexpectedEnd)?;
        self.at += 1;
        Ok(t)
    }

    fn or(&mut self) -> Result<Expr, FilterError> {
        let mut e = self.and()?;
        while matches!(self.peek(), Some("or" | "||")) {
            self.at += 1;
            e = Expr::Or(Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }

    fn and(&mut self) -> Result<Expr, FilterError> {
        let mut e = self.not()?;
        loop {
            match self.peek() {
                Some("and" | "&&") => self.at += 1,
                // Juxtaposition: `udp port 5000` is `udp and port 5000`.
                Some(t) if !matches!(t, "or" | "||" | ")") => {}
                _ => return Ok(e),
            }
            e = Expr::And(Box::new(e), Box::new(self.not()?));
        }
    }

    fn not(&mut self) -> Result<Expr, FilterError> {
        if matches!(self.peek(), Some("not" | "!")) {
            self.at += 1;
            return Ok(Expr::Not(Box::new(self.not()?)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, FilterError> {
        let at = self.at;
        let t = self.next()?;
        let unexpected = |t: &str| FilterError::Unexpected {
            token: t.to_string(),
            at,
        };
        match t {
            "(" => {
                let e = self.or()?;
                match self.next()? {
                    ")" => Ok(e),
                    t => Err(unexpected(t)),
                }
            }
            "ip" => Ok(Expr::Ip4),
            "ip6" => Ok(Expr::Ip6),
            "udp" | "tcp" => {
                let proto = if t == "udp" { 17 } else { 6 };
                match self.peek() {
                    Some("port" | "portrange" | "src" | "dst") if self.port_follows() => {
                        self.port(Some(proto))
                    }
                    _ => Ok(Expr::Proto(proto)),
                }
            }
            "src" | "dst" | "host" | "port" | "portrange" => {
                self.at -= 1;
                if self.port_follows() {
                    self.port(None)
                } else {
                    self.host()
                }
            }
            t => Err(unexpected(t)),
        }
    }

    fn port_follows(&self) -> bool {
        let mut i = self.at;
        if matches!(self.tokens.get(i), Some(&("src" | "dst"))) {
            i += 1;
        }
        matches!(self.tokens.get(i), Some(&("port" | "portrange")))
    }

    fn dir(&mut self) -> Dir {
        match self.peek() {
            Some("src") => {
                self.at += 1;
                Dir::Src
            }
            Some("dst") => {
                self.at += 1;
                Dir::Dst
            }
            _ => Dir::Either,
        }
    }

    fn host(&mut self) -> Result<Expr, FilterError> {
        let dir = self.dir();
        let at = self.at;
        match self.next()? {
            "host" => {}
            t => {
                return Err(FilterError::Unexpected {
                    token: t.to_string(),
                    at,
                });
            }
        }
        let v = self.next()?;
        let addr = v
            .parse()
            .map_err(|_| FilterError::BadValue(v.to_string()))?;
        Ok(Expr::Host(dir, addr))
    }

    fn port(&mut self, proto: Option<u8>) -> Result<Expr, FilterError> {
        let dir = self.dir();
        let kind = self.next()?;
        let v = self.next()?;
        let bad = || FilterError::BadValue(v.to_string());
        let (lo, hi) = if kind == "portrange" {
            let (a, b) = v.split_once('-').ok_or_else(bad)?;
            (
                a.parse::<u16>().map_err(|_| bad())?,
                b.parse::<u16>().map_err(|_| bad())?,
            )
        } else {
            let p: u16 = v.parse().map_err(|_| bad())?;
            (p, p)
        };
        Ok(Expr::Port(proto, dir, lo.min(hi), lo.max(hi)))
    }
}

impl Filter {
    /// A filter that lets everything through.
    pub fn all() -> Self {
        Filter { expr: Expr::True }
    }

    /// Whether a packet with these addresses, IP protocol and ports passes
    /// (ports are ignored for protocols other than UDP and TCP).
    pub fn matches_parts(
        &self,
        src: IpAddr,
        dst: IpAddr,
        proto: u8,
        sport: u16,
        dport: u16,
    ) -> bool {
        eval(&self.expr, src, dst, proto, sport, dport)
    }

    /// Whether a datagram passes.
    pub fn matches(&self, d: &crate::Datagram<'_>) -> bool {
        let proto = match d.transport {
            crate::Transport::Udp => 17,
            crate::Transport::Tcp => 6,
        };
        self.matches_parts(
            d.source.ip(),
            d.destination.ip(),
            proto,
            d.source.port(),
            d.destination.port(),
        )
    }

    /// Compiles the filter to classic BPF instructions `(code, jt, jf, k)` for a
    /// cooked (`SOCK_DGRAM`) packet socket: the IP header at offset 0, the EtherType
    /// in the ancillary protocol field. `prologue` restricts the interface (by
    /// index, 0 for all) and drops outgoing copies on the loopback interface
    /// `loopback` (they come back as incoming).
    pub fn to_bpf(&self) -> Result<Vec<(u16, u8, u8, u32)>, FilterError> {
        self.to_bpf_for(0, 0)
    }

    /// [`to_bpf`](Self::to_bpf) with an interface restriction and the loopback
    /// interface whose outgoing copies are dropped (0: none).
    pub fn to_bpf_for(
        &self,
        ifindex: u32,
        loopback: u32,
    ) -> Result<Vec<(u16, u8, u8, u32)>, FilterError> {
        let mut c = Compiler::default();
        let accept = c.label();
        let reject = c.label();
        if ifindex != 0 {
            let next = c.label();
            c.load(LD_W_ABS, AD_IFINDEX);
            c.jeq(ifindex, next, reject);
            c.place(next);
        }
        if loopback != 0 {
            let outgoing = c.label();
            let next = c.label();
            c.load(LD_W_ABS, AD_PKTTYPE);
            c.jeq(4, outgoing, next); // PACKET_OUTGOING
            c.place(outgoing);
            c.load(LD_W_ABS, AD_IFINDEX);
            c.jeq(loopback, reject, next);
            c.place(next);
        }
        let expr = expand(&self.expr);
        c.emit(&expr, accept, reject);
        c.place(accept);
        c.ret(0x0004_0000);
        c.place(reject);
        c.ret(0);
        c.finish()
    }
}

fn eval(e: &Expr, src: IpAddr, dst: IpAddr, proto: u8, sport: u16, dport: u16) -> bool {
    let ev = |e| eval(e, src, dst, proto, sport, dport);
    match e {
        Expr::True => true,
        Expr::Proto(p) => proto == *p,
        Expr::Ip4 => src.is_ipv4(),
        Expr::Ip6 => src.is_ipv6(),
        Expr::Host(dir, a) => match dir {
            Dir::Src => src == *a,
            Dir::Dst => dst == *a,
            Dir::Either => src == *a || dst == *a,
        },
        Expr::Port(p, dir, lo, hi) => {
            let in_range = |port: u16| (*lo..=*hi).contains(&port);
            matches!(proto, 6 | 17)
                && p.is_none_or(|p| p == proto)
                && match dir {
                    Dir::Src => in_range(sport),
                    Dir::Dst => in_range(dport),
                    Dir::Either => in_range(sport) || in_range(dport),
                }
        }
        Expr::And(a, b) => ev(a) && ev(b),
        Expr::Or(a, b) => ev(a) || ev(b),
        Expr::Not(a) => !ev(a),
    }
}

// ---- classic BPF ----

const LD_W_ABS: u16 = 0x20;
const LD_H_ABS: u16 = 0x28;
const LD_B_ABS: u16 = 0x30;
const LD_H_IND: u16 = 0x48;
const LDX_MSH: u16 = 0xb1;
const JEQ: u16 = 0x15;
const JGE: u16 = 0x35;
const JGT: u16 = 0x25;
const JSET: u16 = 0x45;
const JA: u16 = 0x05;
const RET: u16 = 0x06;
const AD_OFF: u32 = 0xffff_f000;
const AD_PROTOCOL: u32 = AD_OFF;
const AD_PKTTYPE: u32 = AD_OFF + 4;
const AD_IFINDEX: u32 = AD_OFF + 8;

/// A test on the packet, the leaves the compiler emits.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Atom {
    EtherType(u16),
    /// `ldb [9]` (IPv4 protocol) or `ldb [6]` (IPv6 next header) equals.
    ByteAt(u32, u8),
    /// 32-bit word at offset equals.
    WordAt(u32, u32),
    /// IPv4: not a non-first fragment.
    V4FirstFragment,
    /// IPv4 port at +0 or +2 after the header is in the range.
    V4Port(u32, u16, u16),
    /// IPv6 port (at 40 + 0 or 2) is in the range.
    V6Port(u32, u16, u16),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Tree {
    True,
    Atom(Atom),
    And(Box<Tree>, Box<Tree>),
    Or(Box<Tree>, Box<Tree>),
    Not(Box<Tree>),
}

fn and(a: Tree, b: Tree) -> Tree {
    Tree::And(Box::new(a), Box::new(b))
}

fn or(a: Tree, b: Tree) -> Tree {
    Tree::Or(Box::new(a), Box::new(b))
}

fn atom(a: Atom) -> Tree {
    Tree::Atom(a)
}

/// Rewrites the filter into tests on bytes of the packet.
fn expand(e: &Expr) -> Tree {
    let v4 = || atom(Atom::EtherType(0x0800));
    let v6 = || atom(Atom::EtherType(0x86dd));
    let v4_proto = |p: u8| and(v4(), atom(Atom::ByteAt(9, p)));
    let v6_proto = |p: u8| and(v6(), atom(Atom::ByteAt(6, p)));
    match e {
        Expr::True => Tree::True,
        Expr::Ip4 => v4(),
        Expr::Ip6 => v6(),
        Expr::Proto(p) => or(v4_proto(*p), v6_proto(*p)),
        Expr::Host(dir, addr) => {
            let (src, dst) = match dir {
                Dir::Src => (true, false),
                Dir::Dst => (false, true),
                Dir::Either => (true, true),
            };
            let (ver, words, src_at, dst_at): (Tree, Vec<u32>, u32, u32) = match addr {
                IpAddr::V4(a) => (v4(), vec![u32::from(*a)], 12, 16),
                IpAddr::V6(a) => (
                    v6(),
                    a.octets()
                        .chunks(4)
                        .map(|c| u32::from_be_bytes([c[0], c[1], c[2], c[3]]))
                        .collect(),
                    8,
                    24,
                ),
            };
            let addr_at = |base: u32| {
                words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| atom(Atom::WordAt(base + 4 * i as u32, *w)))
                    .reduce(and)
                    .unwrap_or(Tree::True)
            };
            let test = match (src, dst) {
                (true, true) => or(addr_at(src_at), addr_at(dst_at)),
                (true, false) => addr_at(src_at),
                _ => addr_at(dst_at),
            };
            and(ver, test)
        }
        Expr::Port(p, dir, lo, hi) => {
            let protos = |ver: &dyn Fn(u8) -> Tree| match p {
                Some(p) => ver(*p),
                None => or(ver(17), ver(6)),
            };
            let ports = |mk: &dyn Fn(u32) -> Atom| match dir {
                Dir::Src => atom(mk(0)),
                Dir::Dst => atom(mk(2)),
                Dir::Either => or(atom(mk(0)), atom(mk(2))),
            };
            let four = and(
                and(protos(&v4_proto), atom(Atom::V4FirstFragment)),
                ports(&|at| Atom::V4Port(at, *lo, *hi)),
            );
            let six = and(protos(&v6_proto), ports(&|at| Atom::V6Port(at, *lo, *hi)));
            or(four, six)
        }
        Expr::And(a, b) => and(expand(a), expand(b)),
        Expr::Or(a, b) => or(expand(a), expand(b)),
        Expr::Not(a) => Tree::Not(Box::new(expand(a))),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Label(usize);

#[derive(Debug, Clone, Copy)]
enum Target {
    None,
    Label(Label),
}

#[derive(Debug, Default)]
struct Compiler {
    /// Instructions, with jump targets as labels until `finish`.
    code: Vec<(u16, Target, Target, u32)>,
    labels: Vec<Option<usize>>,
}

impl Compiler {
    fn label(&mut self) -> Label {
        self.labels.push(None);
        Label(self.labels.len() - 1)
    }

    fn place(&mut self, l: Label) {
        self.labels[l.0] = Some(self.code.len());
    }

    fn load(&mut self, code: u16, k: u32) {
        self.code.push((code, Target::None, Target::None, k));
    }

    fn jump(&mut self, code: u16, k: u32, t: Label, f: Label) {
        self.code
            .push((code, Target::Label(t), Target::Label(f), k));
    }

    fn jeq(&mut self, k: u32, t: Label, f: Label) {
        self.jump(JEQ, k, t, f);
    }

    fn ja(&mut self, to: Label) {
        self.code.push((JA, Target::Label(to), Target::None, 0));
    }

    fn ret(&mut self, k: u32) {
        self.load(RET, k);
    }

    fn range(&mut self, lo: u16, hi: u16, t: Label, f: Label) {
        if lo == hi {
            self.jeq(u32::from(lo), t, f);
        } else {
            let ge = self.label();
            self.jump(JGE, u32::from(lo), ge, f);
            self.place(ge);
            self.jump(JGT, u32::from(hi), f, t);
        }
    }

    fn emit(&mut self, tree: &Tree, t: Label, f: Label) {
        match tree {
            Tree::True => self.ja(t),
            Tree::Not(a) => self.emit(a, f, t),
            Tree::And(a, b) => {
                let mid = self.label();
                self.emit(a, mid, f);
                self.place(mid);
                self.emit(b, t, f);
            }
            Tree::Or(a, b) => {
                let mid = self.label();
                self.emit(a, t, mid);
                self.place(mid);
                self.emit(b, t, f);
            }
            Tree::Atom(a) => match *a {
                Atom::EtherType(e) => {
                    self.load(LD_W_ABS, AD_PROTOCOL);
                    self.jeq(u32::from(e), t, f);
                }
                Atom::ByteAt(at, v) => {
                    self.load(LD_B_ABS, at);
                    self.jeq(u32::from(v), t, f);
                }
                Atom::WordAt(at, v) => {
                    self.load(LD_W_ABS, at);
                    self.jeq(v, t, f);
                }
                Atom::V4FirstFragment => {
                    self.load(LD_H_ABS, 6);
                    self.jump(JSET, 0x1fff, f, t);
                }
                Atom::V4Port(at, lo, hi) => {
                    self.load(LDX_MSH, 0);
                    self.load(LD_H_IND, at);
                    self.range(lo, hi, t, f);
                }
                Atom::V6Port(at, lo, hi) => {
                    self.load(LD_H_ABS, 40 + at);
                    self.range(lo, hi, t, f);
                }
            },
        }
    }

    fn finish(self) -> Result<Vec<(u16, u8, u8, u32)>, FilterError> {
        let labels = self.labels;
        let rel = |from: usize, t: Target| -> Result<u32, FilterError> {
            match t {
                Target::None => Ok(0),
                Target::Label(l) => {
                    let to = labels
                        .get(l.0)
                        .copied()
                        .flatten()
                        .ok_or(FilterError::TooComplex)?;
                    to.checked_sub(from + 1)
                        .map(|d| d as u32)
                        .ok_or(FilterError::TooComplex)
                }
            }
        };
        let mut out = Vec::with_capacity(self.code.len());
        for (i, &(code, jt, jf, k)) in self.code.iter().enumerate() {
            if code == JA {
                out.push((code, 0, 0, rel(i, jt)?));
                continue;
            }
            let small = |d: u32| u8::try_from(d).map_err(|_| FilterError::TooComplex);
            out.push((code, small(rel(i, jt)?)?, small(rel(i, jf)?)?, k));
        }
        if out.len() > 4096 {
            return Err(FilterError::TooComplex);
        }
        Ok(out)
    }
}

/// Runs a classic BPF program over `packet` as a cooked packet socket would, with
/// these ancillary values; returns the accepted length (0: rejected). A reference
/// for tests; loads outside the packet reject, as in the kernel.
#[cfg(test)]
pub(crate) fn run_bpf(
    prog: &[(u16, u8, u8, u32)],
    packet: &[u8],
    ethertype: u16,
    pkttype: u32,
    ifindex: u32,
) -> u32 {
    let (mut a, mut x, mut pc) = (0u32, 0u32, 0usize);
    let load = |at: u32, n: usize| -> Option<u32> {
        match at {
            AD_PROTOCOL => Some(u32::from(ethertype)),
            AD_PKTTYPE => Some(pkttype),
            AD_IFINDEX => Some(ifindex),
            _ => {
                let at = at as usize;
                let b = packet.get(at..at.checked_add(n)?)?;
                Some(b.iter().fold(0u32, |acc, &v| (acc << 8) | u32::from(v)))
            }
        }
    };
    while let Some(&(code, jt, jf, k)) = prog.get(pc) {
        pc += 1;
        let jump = |cond: bool| usize::from(if cond { jt } else { jf });
        match code {
            LD_W_ABS => match load(k, 4) {
                Some(v) => a = v,
                None => return 0,
            },
            LD_H_ABS => match load(k, 2) {
                Some(v) => a = v,
                None => return 0,
            },
            LD_B_ABS => match load(k, 1) {
                Some(v) => a = v,
                None => return 0,
            },
            LD_H_IND => match load(x.wrapping_add(k), 2) {
                Some(v) => a = v,
                None => return 0,
            },
            LDX_MSH => match load(k, 1) {
                Some(v) => x = (v & 0xf) * 4,
                None => return 0,
            },
            JEQ => pc += jump(a == k),
            JGE => pc += jump(a >= k),
            JGT => pc += jump(a > k),
            JSET => pc += jump(a & k != 0),
            JA => pc += k as usize,
            RET => return k,
            _ => return 0,
        }
    }
    0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v4_udp(src: [u8; 4], dst: [u8; 4], sport: u16, dport: u16, frag: u16) -> Vec<u8> {
        let mut p = vec![0x46, 0, 0, 36, 0, 0, 0, 0, 64, 17, 0, 0];
        p[6..8].copy_from_slice(&frag.to_be_bytes());
        p.extend_from_slice(&src);
        p.extend_from_slice(&dst);
        p.extend_from_slice(&[0; 4]); // options
        p.extend_from_slice(&sport.to_be_bytes());
        p.extend_from_slice(&dport.to_be_bytes());
        p.extend_from_slice(&[0, 8, 0, 0]);
        p
    }

    fn v6_tcp(src: IpAddr, dst: IpAddr, sport: u16, dport: u16) -> Vec<u8> {
        let mut p = vec![0x60, 0, 0, 0, 0, 20, 6, 64];
        for a in [src, dst] {
            if let IpAddr::V6(a) = a {
                p.extend_from_slice(&a.octets());
            }
        }
        p.extend_from_slice(&sport.to_be_bytes());
        p.extend_from_slice(&dport.to_be_bytes());
        p.extend_from_slice(&[0; 16]);
        p
    }

    /// The kernel program and the user-space evaluation agree.
    #[test]
    fn bpf_agrees_with_eval() {
        let filters = [
            "",
            "udp",
            "tcp",
            "ip6",
            "not udp",
            "host 10.0.0.1",
            "src host 10.0.0.1",
            "dst host fd00::2",
            "port 3478",
            "udp dst port 5000",
            "tcp port 443 or udp src port 3478",
            "portrange 10000-20000 and not host 10.0.0.9",
            "(udp || tcp) && !(port 22)",
        ];
        let a4: IpAddr = "10.0.0.1".parse().unwrap();
        let b4: IpAddr = "10.0.0.9".parse().unwrap();
        let a6: IpAddr = "fd00::2".parse().unwrap();
        let b6: IpAddr = "fd00::3".parse().unwrap();
        // (frame, EtherType, source, destination, IP protocol, source port, destination port)
        type Case = (Vec<u8>, u16, IpAddr, IpAddr, u8, u16, u16);
        let packets: Vec<Case> = vec![
            (
                v4_udp([10, 0, 0, 1], [10, 0, 0, 9], 3478, 5000, 0),
                0x0800,
                a4,
                b4,
                17,
                3478,
                5000,
            ),
            (
                v4_udp([10, 0, 0, 9], [10, 0, 0, 1], 15000, 22, 0),
                0x0800,
                b4,
                a4,
                17,
                15000,
                22,
            ),
            (v6_tcp(a6, b6, 443, 50000), 0x86dd, a6, b6, 6, 443, 50000),
            (v6_tcp(b6, a6, 22, 12000), 0x86dd, b6, a6, 6, 22, 12000),
        ];
        for f in filters {
            let filter: Filter = f.parse().unwrap();
            let prog = filter.to_bpf().unwrap();
            for (p, et, s, d, proto, sp, dp) in &packets {
                let kernel = run_bpf(&prog, p, *et, 0, 1) != 0;
                let user = filter.matches_parts(*s, *d, *proto, *sp, *dp);
                assert_eq!(kernel, user, "filter {f:?} on {s}:{sp} -> {d}:{dp}");
            }
        }
    }

    #[test]
    fn prologue_and_fragments() {
        let filter: Filter = "udp port 5000".parse().unwrap();
        let prog = filter.to_bpf_for(3, 1).unwrap();
        let p = v4_udp([127, 0, 0, 1], [127, 0, 0, 1], 1, 5000, 0);
        assert_ne!(run_bpf(&prog, &p, 0x0800, 0, 3), 0);
        assert_eq!(run_bpf(&prog, &p, 0x0800, 0, 2), 0, "other interface");
        let any = filter.to_bpf_for(0, 1).unwrap();
        assert_eq!(run_bpf(&any, &p, 0x0800, 4, 1), 0, "outgoing on loopback");
        assert_ne!(run_bpf(&any, &p, 0x0800, 4, 2), 0, "outgoing elsewhere");
        let later = v4_udp([127, 0, 0, 1], [127, 0, 0, 1], 1, 5000, 185);
        assert_eq!(
            run_bpf(&prog, &later, 0x0800, 0, 3),
            0,
            "non-first fragment"
        );
    }

    #[test]
    fn errors() {
        assert!(matches!(
            "udp and".parse::<Filter>(),
            Err(FilterError::UnexpectedEnd)
        ));
        assert!(matches!(
            "host nowhere".parse::<Filter>(),
            Err(FilterError::BadValue(_))
        ));
        assert!(matches!(
            "ether host 1".parse::<Filter>(),
            Err(FilterError::Unexpected { at: 0, .. })
        ));
        assert!(matches!(
            "(udp".parse::<Filter>(),
            Err(FilterError::UnexpectedEnd)
        ));
    }
}
