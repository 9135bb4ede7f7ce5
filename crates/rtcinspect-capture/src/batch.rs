//! Batches: the events of a capture file read ahead of their use, with the bytes they
//! borrow, so that reading and analysis can run on two threads ([`ReadAhead`]).
//!
//! A batch owns the read buffer its datagrams were cut from. The reader never moves
//! bytes it has handed out (see `reader.rs`, lending mode): when a record no longer
//! fits, the buffer is retired whole into the batch and reading goes on in a spare
//! one. Payloads that are not in the read buffer (reassembled IP fragments, TCP
//! messages, the rare record that straddles a swap) are copied into the batch. So a
//! batch costs no copy of the common datagram, and a consumer sees exactly the events
//! [`Source::next_event`] would have given, in the same order.

use std::io::Read;
use std::net::{Ipv4Addr, SocketAddr};
use std::ops::Range;
use std::sync::mpsc::{Receiver, SyncSender, TryRecvError, sync_channel};

use crate::file::{FastRecord, FileSource};
use crate::{
    Clock, Damage, Datagram, Diagnostics, Event, FileFormat, InterfaceInfo, InterfaceStatistics,
    Source, SourceError, Transport,
};

/// A batch ends once this many bytes were copied into it...
const MAX_COPIED: usize = 1 << 20;
/// ... or it holds this many events (a bound for records of a few bytes: a lending
/// read buffer of 1 MiB holds about 4,500 records of small RTP packets).
const MAX_ITEMS: usize = 24 * 1024;

/// One event, 48 bytes: a datagram over IPv4 in place, anything else (IPv6
/// addresses, events other than datagrams) through a side table. Small items matter:
/// the consumer reads them on another core.
#[derive(Debug, Clone, Copy, Default)]
struct Item {
    frame: u64,
    timestamp_ns: i64,
    /// Offset of the payload in the buffer (or in `copied` with [`COPIED`]).
    start: u32,
    len: u32,
    interface: u32,
    /// IPv4 source and destination; with [`WIDE`] or [`OTHER`], an index into the
    /// side table in `src`.
    src: u32,
    dst: u32,
    src_port: u16,
    dst_port: u16,
    flags: u8,
}

const COPIED: u8 = 1;
const WIDE: u8 = 2;
const OTHER: u8 = 4;
const TCP: u8 = 8;
const TRUNCATED: u8 = 16;
const STREAM: u8 = 32;

/// Events other than datagrams.
#[derive(Debug, Clone, Copy)]
enum Other {
    Damage(Damage),
    Interface(InterfaceInfo),
    InterfaceStatistics(InterfaceStatistics),
    /// The secrets are the item's bytes.
    DecryptionSecrets(u32),
}

/// Events of a capture file and the bytes they borrow, filled by
/// [`FileSource::read_batch`]. Reuse one (or a few) for the whole file: their buffers
/// go back to the reader.
#[derive(Debug, Default)]
pub struct Batch {
    buffer: Vec<u8>,
    copied: Vec<u8>,
    items: Vec<Item>,
    /// Addresses of datagrams that are not IPv4.
    wide: Vec<(SocketAddr, SocketAddr)>,
    others: Vec<Other>,
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Batch::default()
    }

    /// The number of events.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    #[inline]
    fn bytes(&self, item: &Item) -> &[u8] {
        let from = if item.flags & COPIED != 0 {
            &self.copied
        } else {
            &self.buffer
        };
        let start = item.start as usize;
        from.get(start..start + item.len as usize).unwrap_or(&[])
    }

    /// Event `i`, as the source gave it.
    #[inline]
    pub fn event(&self, i: usize) -> Option<Event<'_>> {
        let item = self.items.get(i)?;
        if item.flags & OTHER != 0 {
            return Some(match *self.others.get(item.src as usize)? {
                Other::Damage(d) => Event::Damage(d),
                Other::Interface(i) => Event::Interface(i),
                Other::InterfaceStatistics(s) => Event::InterfaceStatistics(s),
                Other::DecryptionSecrets(kind) => Event::DecryptionSecrets {
                    kind,
                    data: self.bytes(item),
                },
            });
        }
        let (source, destination) = if item.flags & WIDE != 0 {
            *self.wide.get(item.src as usize)?
        } else {
            (
                SocketAddr::from((Ipv4Addr::from_bits(item.src), item.src_port)),
                SocketAddr::from((Ipv4Addr::from_bits(item.dst), item.dst_port)),
            )
        };
        Some(Event::Datagram(Datagram {
            frame: item.frame,
            timestamp_ns: item.timestamp_ns,
            interface: item.interface,
            source,
            destination,
            transport: if item.flags & TCP != 0 {
                Transport::Tcp
            } else {
                Transport::Udp
            },
            payload: self.bytes(item),
            truncated: item.flags & TRUNCATED != 0,
            stream: item.flags & STREAM != 0,
        }))
    }

    /// The events in order.
    pub fn events(&self) -> impl Iterator<Item = Event<'_>> + '_ {
        (0..self.items.len()).filter_map(|i| self.event(i))
    }

    /// An item for `bytes`, in the read buffer at `buffer` (addresses) when they are
    /// there, else copied.
    #[inline]
    fn item(&mut self, bytes: &[u8], buffer: &Range<usize>) -> Item {
        let at = bytes.as_ptr() as usize;
        let len = bytes.len();
        if at >= buffer.start && at + len <= buffer.end {
            if let (Ok(start), Ok(len)) = (u32::try_from(at - buffer.start), u32::try_from(len)) {
                return Item {
                    start,
                    len,
                    ..Item::default()
                };
            }
        }
        let mut item = Item {
            flags: COPIED,
            ..Item::default()
        };
        if let (Ok(start), Ok(len)) = (u32::try_from(self.copied.len()), u32::try_from(len)) {
            self.copied.extend_from_slice(bytes);
            item.start = start;
            item.len = len;
        }
        item
    }

    /// Puts a datagram's addresses in `item`: IPv4 in place, others in the side table.
    #[inline]
    fn addresses(&mut self, item: &mut Item, source: SocketAddr, destination: SocketAddr) {
        match (source, destination) {
            (SocketAddr::V4(s), SocketAddr::V4(d)) => {
                item.src = s.ip().to_bits();
                item.dst = d.ip().to_bits();
                item.src_port = s.port();
                item.dst_port = d.port();
            }
            (s, d) => {
                item.src = self.wide.len() as u32;
                self.wide.push((s, d));
                item.flags |= WIDE;
            }
        }
    }

    /// A datagram of the fast path, its payload in the read buffer.
    #[inline]
    fn push_fast(&mut self, r: &FastRecord) {
        let mut item = Item {
            frame: r.number,
            timestamp_ns: r.timestamp_ns,
            start: (r.at + r.udp.start) as u32,
            len: (r.udp.end - r.udp.start) as u32,
            interface: r.interface,
            ..Item::default()
        };
        self.addresses(&mut item, r.udp.source, r.udp.destination);
        self.items.push(item);
    }

    fn datagram(&mut self, d: &Datagram<'_>, buffer: &Range<usize>) -> Item {
        let mut item = self.item(d.payload, buffer);
        item.frame = d.frame;
        item.timestamp_ns = d.timestamp_ns;
        item.interface = d.interface;
        self.addresses(&mut item, d.source, d.destination);
        if d.transport == Transport::Tcp {
            item.flags |= TCP;
        }
        if d.truncated {
            item.flags |= TRUNCATED;
        }
        if d.stream {
            item.flags |= STREAM;
        }
        item
    }

    fn other(&mut self, other: Other, bytes: &[u8], buffer: &Range<usize>) -> Item {
        let mut item = self.item(bytes, buffer);
        item.src = self.others.len() as u32;
        self.others.push(other);
        item.flags |= OTHER;
        item
    }
}

impl<R: Read> FileSource<R> {
    /// Reads the next events into `batch` (replacing what it held; its buffer is
    /// reused): the events [`Source::next_event`] would give, in order, until the read
    /// buffer is full or the input ends. Returns false at the end of the input (the
    /// batch then holds the last events, possibly none). On an I/O error the batch
    /// holds the events read before it.
    ///
    /// Once called, the source reads in lending mode for good (`next_event` still
    /// works, and gives the same events).
    pub fn read_batch(&mut self, batch: &mut Batch) -> Result<bool, SourceError> {
        self.reader.lend();
        self.reader.give_spare(std::mem::take(&mut batch.buffer));
        batch.items.clear();
        batch.copied.clear();
        batch.wide.clear();
        batch.others.clear();
        // Only a swap during the last call can have retired a buffer holding this
        // batch's bytes: one left from direct `next_event` calls holds none.
        if let Some(old) = self.reader.take_retired() {
            self.reader.give_spare(old);
        }
        loop {
            if batch.items.len() >= MAX_ITEMS || batch.copied.len() >= MAX_COPIED {
                // Retire the buffer now (its unconsumed bytes are copied into a spare:
                // rare, only batches of tiny or copied datagrams end here).
                self.reader.retire();
                batch.buffer = self.reader.take_retired().unwrap_or_default();
                return Ok(true);
            }
            // The common record straight into an item (the fast path reads no more
            // input, so the buffer stays).
            if let Some(r) = self.next_fast() {
                batch.push_fast(&r);
                continue;
            }
            let buffer = self.reader.address_range();
            let item = match self.next_event() {
                Ok(Some(event)) => match event {
                    Event::Datagram(d) => batch.datagram(&d, &buffer),
                    Event::Damage(d) => batch.other(Other::Damage(d), &[], &buffer),
                    Event::Interface(i) => batch.other(Other::Interface(i), &[], &buffer),
                    Event::InterfaceStatistics(s) => {
                        batch.other(Other::InterfaceStatistics(s), &[], &buffer)
                    }
                    Event::DecryptionSecrets { kind, data } => {
                        batch.other(Other::DecryptionSecrets(kind), data, &buffer)
                    }
                },
                // Reading is over: the batch takes the buffer its events are in.
                end => {
                    let end = end.map(|_| false);
                    batch.buffer = self
                        .reader
                        .take_retired()
                        .unwrap_or_else(|| self.reader.take_buffer());
                    return end;
                }
            };
            batch.items.push(item);
            // The buffer this batch borrows from was retired: the batch is complete.
            if let Some(old) = self.reader.take_retired() {
                batch.buffer = old;
                return Ok(true);
            }
        }
    }
}

/// What the reading thread sends.
#[derive(Debug)]
enum Message {
    /// A batch, with the counts so far now and then.
    Batch(Batch, Option<Box<Diagnostics>>),
    End(Box<Diagnostics>),
    Failed(SourceError, Box<Diagnostics>),
}

/// A capture file read on a thread of its own, ahead of its consumer, in batches
/// (a few read buffers in flight at most): a [`Source`] giving exactly the events of
/// the [`FileSource`] it wraps, while the consumer's work overlaps the reading and
/// decoding.
///
/// [`Source::diagnostics`] is exact once `next_event` has returned `Ok(None)` (or an
/// error); while reading it is refreshed with a batch every [`DIAGNOSTICS_EVERY`] or
/// so, and may be a batch ahead of or that long behind the events returned so far.
#[derive(Debug)]
pub struct ReadAhead {
    batches: Receiver<Message>,
    recycle: SyncSender<Batch>,
    current: Batch,
    next: usize,
    diagnostics: Diagnostics,
    format: FileFormat,
    finished: bool,
}

/// How often the reading thread sends its counts along with a batch.
pub const DIAGNOSTICS_EVERY: std::time::Duration = std::time::Duration::from_millis(100);

/// Batches waiting between the threads at most (with the one being filled and the
/// one being read, three batches exist at most).
const IN_FLIGHT: usize = 1;

impl ReadAhead {
    /// Starts reading `source` on a new thread. The thread ends at the end of the
    /// input, on an error, or soon after the `ReadAhead` is dropped.
    pub fn spawn<R: Read + Send + 'static>(mut source: FileSource<R>) -> std::io::Result<Self> {
        let (to_consumer, batches) = sync_channel::<Message>(IN_FLIGHT);
        let (recycle, recycled) = sync_channel::<Batch>(IN_FLIGHT + 2);
        let diagnostics = source.diagnostics().clone();
        let format = source.format();
        std::thread::Builder::new()
            .name("rtcinspect-read".to_owned())
            .spawn(move || {
                let mut made = 0usize;
                let mut last_counts = std::time::Instant::now();
                loop {
                    // A batch back from the consumer, or a new one while fewer than
                    // the bound exist; else wait for one.
                    let mut batch = match recycled.try_recv() {
                        Ok(b) => b,
                        Err(TryRecvError::Empty) if made < IN_FLIGHT + 2 => {
                            made += 1;
                            Batch::new()
                        }
                        Err(TryRecvError::Empty) => match recycled.recv() {
                            Ok(b) => b,
                            Err(_) => return,
                        },
                        Err(TryRecvError::Disconnected) => return,
                    };
                    let result = source.read_batch(&mut batch);
                    let counts = (last_counts.elapsed() >= DIAGNOSTICS_EVERY).then(|| {
                        last_counts = std::time::Instant::now();
                        Box::new(source.diagnostics().clone())
                    });
                    if !batch.is_empty() && to_consumer.send(Message::Batch(batch, counts)).is_err()
                    {
                        return;
                    }
                    let diag = || Box::new(source.diagnostics().clone());
                    let last = match result {
                        Ok(true) => continue,
                        Ok(false) => Message::End(diag()),
                        Err(e) => Message::Failed(e, diag()),
                    };
                    let _ = to_consumer.send(last);
                    return;
                }
            })?;
        Ok(ReadAhead {
            batches,
            recycle,
            current: Batch::new(),
            next: 0,
            diagnostics,
            format,
            finished: false,
        })
    }

    /// The format of the file.
    pub fn format(&self) -> FileFormat {
        self.format
    }
}

impl Source for ReadAhead {
    #[inline]
    fn next_event(&mut self) -> Result<Option<Event<'_>>, SourceError> {
        while self.next >= self.current.len() {
            if self.finished {
                return Ok(None);
            }
            match self.batches.recv() {
                Ok(Message::Batch(b, counts)) => {
                    if let Some(counts) = counts {
                        self.diagnostics = *counts;
                    }
                    let done = std::mem::replace(&mut self.current, b);
                    // The reader may be gone (it has finished): the batch is dropped.
                    let _ = self.recycle.try_send(done);
                    self.next = 0;
                }
                Ok(Message::End(diag)) => {
                    self.diagnostics = *diag;
                    self.finished = true;
                }
                Ok(Message::Failed(e, diag)) => {
                    self.diagnostics = *diag;
                    self.finished = true;
                    return Err(e);
                }
                Err(_) => {
                    // The thread is gone without a last word (it panicked).
                    self.finished = true;
                    return Err(SourceError::Io(std::io::Error::other(
                        "the capture reading thread stopped",
                    )));
                }
            }
        }
        let i = self.next;
        self.next += 1;
        Ok(self.current.event(i))
    }

    fn diagnostics(&self) -> &Diagnostics {
        &self.diagnostics
    }

    fn clock(&self) -> Clock {
        Clock::Recorded
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn all_events(source: &mut impl Source) -> (Vec<String>, String) {
        let mut events = vec![];
        let end = loop {
            match source.next_event() {
                Ok(Some(e)) => events.push(format!("{e:?}")),
                other => break format!("{other:?}"),
            }
        };
        (events, end)
    }

    /// A capture read on its own thread gives the events, end and diagnostics of
    /// the same capture read directly: a real call, a damaged copy, a TCP-framed one.
    #[test]
    fn read_ahead_is_the_file_source() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/captures");
        for name in [
            "chrome-vp8.pcap",
            "formats/damaged-cut-mid-record.pcap",
            "formats/tcp-impaired-rx.pcap",
        ] {
            let bytes = std::fs::read(dir.join(name)).unwrap();
            let mut direct = FileSource::new(&bytes[..]).unwrap();
            let expected = (all_events(&mut direct), direct.diagnostics().clone());
            let mut ahead =
                ReadAhead::spawn(FileSource::new(std::io::Cursor::new(bytes)).unwrap()).unwrap();
            let got = all_events(&mut ahead);
            assert_eq!((got, ahead.diagnostics().clone()), expected, "{name}");
            // After the end it stays at the end.
            assert!(ahead.next_event().unwrap().is_none());
        }
    }

    /// Many batches in flight: a capture of 40,000 small UDP datagrams (a few read
    /// buffers' worth) arrives whole and in order.
    #[test]
    fn read_ahead_many_batches() {
        let mut file = vec![0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        file.extend_from_slice(&[0xff, 0xff, 0, 0, 101, 0, 0, 0]); // raw IP
        for i in 0u32..40_000 {
            let mut ip = vec![
                0x45, 0, 0, 48, 0, 0, 0x40, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
            ];
            ip.extend_from_slice(&[0x13, 0x88, 0x13, 0x89, 0, 28, 0, 0]);
            ip.extend_from_slice(&i.to_be_bytes());
            ip.extend_from_slice(&[0x55; 16]);
            file.extend_from_slice(&(1_700_000_000 + i / 1000).to_le_bytes());
            file.extend_from_slice(&(i % 1000 * 1000).to_le_bytes());
            file.extend_from_slice(&(ip.len() as u32).to_le_bytes());
            file.extend_from_slice(&(ip.len() as u32).to_le_bytes());
            file.extend_from_slice(&ip);
        }
        let mut ahead =
            ReadAhead::spawn(FileSource::new(std::io::Cursor::new(file)).unwrap()).unwrap();
        let mut n = 0u32;
        while let Some(event) = ahead.next_event().unwrap() {
            let Event::Datagram(d) = event else {
                panic!("{event:?}")
            };
            assert_eq!(d.payload[..4], n.to_be_bytes());
            assert_eq!(d.frame, u64::from(n) + 1);
            n += 1;
        }
        assert_eq!(n, 40_000);
        assert_eq!(ahead.diagnostics().udp_datagrams, 40_000);
    }
}
