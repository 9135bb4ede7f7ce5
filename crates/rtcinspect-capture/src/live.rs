//! Live capture on Linux: a cooked AF_PACKET socket (`socket2`), a classic BPF
//! filter compiled from a [`Filter`], kernel timestamps and the socket's drop
//! counter from `recvmsg` control messages (`nix`). No system library is needed to
//! build or run; capturing needs root or `CAP_NET_RAW`.
//!
//! Frames are read from the network header on (`SOCK_DGRAM`), whatever the
//! interface's link layer, so `any` works like `tcpdump -i any`. Outgoing copies on
//! the loopback interface are dropped by the filter (they come back as incoming).

use std::io::IoSliceMut;
use std::os::fd::AsRawFd;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use nix::sys::socket::{self, ControlMessageOwned, MsgFlags, SockaddrStorage, sockopt};
use socket2::{Domain, Protocol, SockFilter, Socket, Type};

use crate::decode::{Decoder, DecoderConfig, Frame, Loc};
use crate::diag::InterfaceInfo;
use crate::{Clock, Diagnostics, Event, Filter, LinkType, Source, SourceError};

/// `ETH_P_ALL`, in network byte order as `socket(2)` wants it.
const ETH_P_ALL_BE: i32 = 0x0300;

/// What to capture and how.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct LiveConfig {
    /// Interface name, or `any`.
    pub interface: String,
    /// Capture filter.
    pub filter: Filter,
    /// Put the interface in promiscuous mode (through `ip link set … promisc on`,
    /// undone when the source is dropped if it was off before).
    pub promiscuous: bool,
    /// Largest frame kept; longer frames are cut and their datagrams marked
    /// truncated.
    pub snap_len: usize,
    /// Socket receive buffer, bytes (the kernel doubles it and caps it at
    /// `net.core.rmem_max`).
    pub buffer_size: usize,
    /// Stop after this long (`None`: until [`LiveSource::stop_handle`] is used).
    pub duration: Option<Duration>,
    /// Decoder limits.
    pub decoder: DecoderConfig,
}

impl LiveConfig {
    /// Capture on `interface` (or `any`) without filter.
    pub fn new(interface: impl Into<String>) -> Self {
        LiveConfig {
            interface: interface.into(),
            filter: Filter::all(),
            promiscuous: false,
            snap_len: 262_144,
            buffer_size: 4 << 20,
            duration: None,
            decoder: DecoderConfig::default(),
        }
    }

    /// Sets the filter.
    pub fn filter(mut self, filter: Filter) -> Self {
        self.filter = filter;
        self
    }

    /// Sets promiscuous mode.
    pub fn promiscuous(mut self, on: bool) -> Self {
        self.promiscuous = on;
        self
    }

    /// Sets the capture duration.
    pub fn duration(mut self, d: Option<Duration>) -> Self {
        self.duration = d;
        self
    }

    /// Sets the decoder configuration.
    pub fn decoder(mut self, config: DecoderConfig) -> Self {
        self.decoder = config;
        self
    }
}

/// A live capture from a Linux interface.
#[derive(Debug)]
pub struct LiveSource {
    socket: Socket,
    buf: Vec<u8>,
    cmsg: Vec<u8>,
    decoder: Decoder,
    diag: Diagnostics,
    stop: Arc<AtomicBool>,
    deadline: Option<Instant>,
    frames: u64,
    tcp_pending: bool,
    damage_reported: u64,
    announced: bool,
    ifindex: u32,
    promisc: Option<Promisc>,
}

/// Stops a [`LiveSource`] from another thread: its `next_event` returns `Ok(None)`
/// within about 100 ms.
#[derive(Debug, Clone)]
pub struct StopHandle(Arc<AtomicBool>);

impl StopHandle {
    /// Asks the source to stop.
    pub fn stop(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

impl LiveSource {
    /// Opens the capture. Fails with [`SourceError::PermissionDenied`] without root
    /// or `CAP_NET_RAW`, [`SourceError::NoSuchInterface`] for an unknown name.
    pub fn open(config: LiveConfig) -> Result<Self, SourceError> {
        let ifindex = if config.interface == "any" {
            0
        } else {
            nix::net::if_::if_nametoindex(config.interface.as_str())
                .map_err(|_| SourceError::NoSuchInterface(config.interface.clone()))?
        };
        let loopback = nix::net::if_::if_nametoindex("lo").unwrap_or(0);
        let program = config.filter.to_bpf_for(ifindex, loopback).map_err(|e| {
            SourceError::Io(std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
        })?;
        let socket = Socket::new(
            Domain::PACKET,
            Type::DGRAM,
            Some(Protocol::from(ETH_P_ALL_BE)),
        )
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::PermissionDenied {
                SourceError::PermissionDenied {
                    action: "live capture (an AF_PACKET socket)",
                }
            } else {
                SourceError::Io(e)
            }
        })?;
        // Reject everything, drain what arrived before the filter, then filter.
        socket.attach_filter(&[SockFilter::new(0x06, 0, 0, 0)])?;
        socket.set_nonblocking(true)?;
        let mut scratch = [std::mem::MaybeUninit::<u8>::uninit(); 64];
        while socket.recv(&mut scratch).is_ok() {}
        socket.set_nonblocking(false)?;
        let filter: Vec<SockFilter> = program
            .iter()
            .map(|&(code, jt, jf, k)| SockFilter::new(code, jt, jf, k))
            .collect();
        socket.attach_filter(&filter)?;
        socket.set_recv_buffer_size(config.buffer_size)?;
        socket.set_read_timeout(Some(Duration::from_millis(100)))?;
        socket::setsockopt(&socket, sockopt::ReceiveTimestampns, &true)
            .map_err(std::io::Error::from)?;
        socket::setsockopt(&socket, sockopt::RxqOvfl, &1).map_err(std::io::Error::from)?;
        let promisc = if config.promiscuous && ifindex != 0 {
            Some(Promisc::enable(&config.interface)?)
        } else {
            None
        };
        let mut diag = Diagnostics::default();
        diag.interfaces.push(InterfaceInfo {
            id: ifindex,
            link_type: LinkType::RAW,
            snap_len: config.snap_len as u32,
            ts_units_per_sec: 1_000_000_000,
            ts_offset_sec: 0,
            frames: 0,
            statistics: None,
        });
        Ok(LiveSource {
            socket,
            buf: vec![0; config.snap_len.max(64)],
            cmsg: nix::cmsg_space!(nix::sys::time::TimeSpec, u32),
            decoder: Decoder::new(config.decoder),
            diag,
            stop: Arc::new(AtomicBool::new(false)),
            deadline: config.duration.map(|d| Instant::now() + d),
            frames: 0,
            tcp_pending: false,
            damage_reported: 0,
            announced: false,
            ifindex,
            promisc,
        })
    }

    /// A handle that stops the capture from another thread.
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(self.stop.clone())
    }

    /// Receives one frame into `buf`, or `None` on timeout.
    fn receive(&mut self) -> Result<Option<Received>, SourceError> {
        let mut iov = [IoSliceMut::new(&mut self.buf)];
        let msg = match socket::recvmsg::<SockaddrStorage>(
            self.socket.as_raw_fd(),
            &mut iov,
            Some(&mut self.cmsg),
            MsgFlags::MSG_TRUNC,
        ) {
            Ok(m) => m,
            Err(nix::errno::Errno::EAGAIN | nix::errno::Errno::EINTR) => return Ok(None),
            Err(e) => return Err(SourceError::Io(e.into())),
        };
        let mut ts = None;
        let mut drops = None;
        if let Ok(cmsgs) = msg.cmsgs() {
            for c in cmsgs {
                match c {
                    ControlMessageOwned::ScmTimestampns(t) => {
                        ts = Some(t.tv_sec() * 1_000_000_000 + t.tv_nsec());
                    }
                    ControlMessageOwned::RxqOvfl(n) => drops = Some(n),
                    _ => {}
                }
            }
        }
        let (ifindex, ethertype) = msg
            .address
            .as_ref()
            .and_then(|a| a.as_link_addr())
            .map_or((0, 0), |l| (l.ifindex() as u32, u16::from_be(l.protocol())));
        let original = msg.bytes;
        if let Some(n) = drops {
            self.diag.kernel_drops = u64::from(n);
        }
        let kept = original.min(self.buf.len());
        let ts = ts.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as i64)
        });
        Ok(Some(Received {
            kept,
            original: original.min(u32::MAX as usize) as u32,
            ts,
            ifindex,
            ethertype,
        }))
    }
}

/// One frame as `recvmsg` gave it.
struct Received {
    /// Bytes kept in the buffer.
    kept: usize,
    /// Length on the wire.
    original: u32,
    /// Kernel timestamp, ns since the Unix epoch.
    ts: i64,
    /// Interface index.
    ifindex: u32,
    /// EtherType from the link-layer address.
    ethertype: u16,
}

impl Source for LiveSource {
    fn next_event(&mut self) -> Result<Option<Event<'_>>, SourceError> {
        loop {
            if !self.announced {
                self.announced = true;
                if let Some(info) = self.diag.interfaces.first() {
                    return Ok(Some(Event::Interface(*info)));
                }
            }
            if let Some(d) = self.diag.next_unreported(&mut self.damage_reported) {
                return Ok(Some(Event::Damage(d)));
            }
            if self.tcp_pending {
                if let Some(d) = self.decoder.pending(&mut self.diag) {
                    return Ok(Some(Event::Datagram(self.decoder.datagram(
                        d,
                        &[],
                        &mut self.diag,
                    ))));
                }
                self.tcp_pending = false;
            }
            if self.stop.load(Ordering::Relaxed)
                || self.deadline.is_some_and(|d| Instant::now() >= d)
            {
                self.decoder.finish(&mut self.diag);
                return Ok(None);
            }
            let Some(Received {
                kept,
                original,
                ts,
                ifindex,
                ethertype,
            }) = self.receive()?
            else {
                continue;
            };
            if ethertype != 0x0800 && ethertype != 0x86dd {
                self.diag.frames += 1;
                self.diag.non_ip_frames.add(ethertype);
                continue;
            }
            if kept < original as usize {
                self.diag.live_truncated += 1;
            }
            self.frames += 1;
            if let Some(info) = self.diag.interfaces.first_mut() {
                info.frames += 1;
            }
            let frame = Frame {
                number: self.frames,
                timestamp_ns: ts,
                interface: ifindex,
                link_type: LinkType::RAW,
                data: &self.buf[..kept],
                original_len: original,
                offset: 0,
            };
            if let Some(d) = self.decoder.decode_frame(&frame, &mut self.diag) {
                self.tcp_pending = matches!(d.loc, Loc::Tcp(_));
                return Ok(Some(Event::Datagram(self.decoder.datagram(
                    d,
                    &self.buf[..kept],
                    &mut self.diag,
                ))));
            }
        }
    }

    fn diagnostics(&self) -> &Diagnostics {
        &self.diag
    }

    fn clock(&self) -> Clock {
        Clock::Live
    }
}

impl LiveSource {
    /// The interface index captured on (0 for `any`).
    pub fn interface_index(&self) -> u32 {
        self.ifindex
    }

    /// Whether promiscuous mode was switched on by this source.
    pub fn promiscuous(&self) -> bool {
        self.promisc.as_ref().is_some_and(|p| p.restore)
    }
}

/// Promiscuous mode through iproute2, undone on drop when this source turned it on.
#[derive(Debug)]
struct Promisc {
    interface: String,
    restore: bool,
}

impl Promisc {
    fn enable(interface: &str) -> Result<Self, SourceError> {
        let flags = std::fs::read_to_string(format!("/sys/class/net/{interface}/flags"))
            .unwrap_or_default();
        let flags = u32::from_str_radix(flags.trim().trim_start_matches("0x"), 16).unwrap_or(0);
        if flags & 0x100 != 0 {
            return Ok(Promisc {
                interface: interface.to_string(),
                restore: false,
            });
        }
        let status = std::process::Command::new("ip")
            .args(["link", "set", "dev", interface, "promisc", "on"])
            .status()
            .map_err(|e| {
                SourceError::Io(std::io::Error::other(format!(
                    "running `ip link` for promiscuous mode: {e}"
                )))
            })?;
        if !status.success() {
            return Err(SourceError::PermissionDenied {
                action: "promiscuous mode (`ip link set dev IF promisc on`)",
            });
        }
        Ok(Promisc {
            interface: interface.to_string(),
            restore: true,
        })
    }
}

impl Drop for Promisc {
    fn drop(&mut self) {
        if self.restore {
            let _ = std::process::Command::new("ip")
                .args(["link", "set", "dev", &self.interface, "promisc", "off"])
                .status();
        }
    }
}
