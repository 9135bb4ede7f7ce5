//! WebSocket (RFC 6455 §5): frames out of a TCP byte stream, client frames unmasked,
//! fragmented messages joined (bounded); text messages are handed back.

/// Message bytes kept at most; longer messages are skipped and counted.
pub(crate) const MAX_MESSAGE: usize = 256 * 1024;

/// What one direction's frame reader produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum WsEvent {
    /// A complete text message.
    Text(Vec<u8>),
    /// A message that could not be kept: too long, or compressed (RSV1,
    /// permessage-deflate) — reason.
    Skipped(&'static str),
    /// A close frame.
    Close,
}

/// One direction of a WebSocket connection.
#[derive(Debug, Default)]
pub(crate) struct WsReader {
    /// Payload bytes still to skip of a frame not kept.
    skip: u64,
    /// The text message being joined from fragments.
    partial: Vec<u8>,
    /// Whether a fragmented text message is in progress (and kept).
    in_text: bool,
    /// Whether a fragmented message is in progress but skipped.
    in_skipped: bool,
}

impl WsReader {
    /// Reads the frames at the start of `buf`; returns the bytes used (whole frames,
    /// and bytes of skipped frames) and the events.
    pub(crate) fn read(&mut self, buf: &[u8], out: &mut Vec<WsEvent>) -> usize {
        let mut at = 0;
        loop {
            if self.skip > 0 {
                let n = (self.skip.min((buf.len() - at) as u64)) as usize;
                self.skip -= n as u64;
                at += n;
                if self.skip > 0 {
                    return at;
                }
            }
            let b = &buf[at..];
            let Some(&[b0, b1]) = b.first_chunk::<2>() else {
                return at;
            };
            let fin = b0 & 0x80 != 0;
            let rsv1 = b0 & 0x40 != 0;
            let opcode = b0 & 0x0f;
            let masked = b1 & 0x80 != 0;
            let (len, mut h) = match b1 & 0x7f {
                126 => match b.get(2..4) {
                    Some(&[x, y]) => (u64::from(u16::from_be_bytes([x, y])), 4),
                    _ => return at,
                },
                127 => match b.get(2..10).and_then(|s| <[u8; 8]>::try_from(s).ok()) {
                    Some(x) => (u64::from_be_bytes(x), 10),
                    None => return at,
                },
                n => (u64::from(n), 2),
            };
            let key = if masked {
                let Some(k) = b.get(h..h + 4).and_then(|s| <[u8; 4]>::try_from(s).ok()) else {
                    return at;
                };
                h += 4;
                Some(k)
            } else {
                None
            };
            let control = opcode & 0x08 != 0;
            let keep = match opcode {
                0x1 => !rsv1,
                0x0 => self.in_text,
                _ => false,
            };
            let too_long = (self.partial.len() as u64).saturating_add(len) > MAX_MESSAGE as u64;
            if !keep || too_long {
                // Skip the payload as it arrives, without buffering it.
                if opcode == 0x1 || (opcode == 0x0 && (self.in_text || self.in_skipped)) {
                    if opcode == 0x1 || self.in_text {
                        out.push(WsEvent::Skipped(if rsv1 && opcode == 0x1 {
                            "compressed message"
                        } else {
                            "message too long"
                        }));
                    }
                    self.partial.clear();
                    self.in_text = false;
                    self.in_skipped = !fin;
                }
                if opcode == 0x8 {
                    out.push(WsEvent::Close);
                }
                if !control && opcode > 0x2 {
                    // Reserved non-control opcode: nothing more can be trusted.
                    self.in_text = false;
                }
                at += h;
                self.skip = len;
                continue;
            }
            let Ok(len) = usize::try_from(len) else {
                return at;
            };
            let Some(payload) = b.get(h..h + len) else {
                return at;
            };
            let start = self.partial.len();
            self.partial.extend_from_slice(payload);
            if let Some(k) = key {
                for (i, x) in self.partial[start..].iter_mut().enumerate() {
                    *x ^= k[i % 4];
                }
            }
            at += h + len;
            if fin {
                self.in_text = false;
                out.push(WsEvent::Text(std::mem::take(&mut self.partial)));
            } else {
                self.in_text = true;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    /// RFC 6455 §5.7 examples, byte for byte.
    #[test]
    fn rfc6455_examples() {
        let mut r = WsReader::default();
        let mut out = vec![];
        // A single-frame unmasked text message "Hello".
        let unmasked = [0x81, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
        // A single-frame masked text message "Hello".
        let masked = [
            0x81, 0x85, 0x37, 0xfa, 0x21, 0x3d, 0x7f, 0x9f, 0x4d, 0x51, 0x58,
        ];
        // A fragmented unmasked text message: "Hel" then "lo".
        let frag = [0x01, 0x03, 0x48, 0x65, 0x6c, 0x80, 0x02, 0x6c, 0x6f];
        // Unmasked ping with "Hello" between the fragments (control frames may
        // interleave, §5.4).
        let ping = [0x89, 0x05, 0x48, 0x65, 0x6c, 0x6c, 0x6f];
        let mut all = vec![];
        all.extend_from_slice(&unmasked);
        all.extend_from_slice(&masked);
        all.extend_from_slice(&frag[..5]);
        all.extend_from_slice(&ping);
        all.extend_from_slice(&frag[5..]);
        // Fed one byte at a time, as a TCP stream may cut it.
        let mut buf = vec![];
        for b in all {
            buf.push(b);
            let used = r.read(&buf, &mut out);
            buf.drain(..used);
        }
        assert!(buf.is_empty());
        let hello = WsEvent::Text(b"Hello".to_vec());
        assert_eq!(out, vec![hello.clone(), hello.clone(), hello]);
    }

    #[test]
    fn long_and_compressed_are_skipped() {
        let mut r = WsReader::default();
        let mut out = vec![];
        // 64-bit length of 300000 (over the bound), binary data skipped as it comes.
        let mut f = vec![0x81, 127];
        f.extend_from_slice(&300_000u64.to_be_bytes());
        assert_eq!(r.read(&f, &mut out), 10);
        assert_eq!(out, vec![WsEvent::Skipped("message too long")]);
        let chunk = vec![b'a'; 100_000];
        for _ in 0..3 {
            assert_eq!(r.read(&chunk, &mut out), 100_000);
        }
        // RSV1: permessage-deflate.
        out.clear();
        assert_eq!(r.read(&[0xc1, 0x01, 0x00, 0x88, 0x00], &mut out), 5);
        assert_eq!(
            out,
            vec![WsEvent::Skipped("compressed message"), WsEvent::Close]
        );
    }
}
