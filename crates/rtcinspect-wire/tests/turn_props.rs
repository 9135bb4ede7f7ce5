//! Property tests for [`rtcinspect_wire::turn`]: arbitrary bytes never panic (and
//! whatever parses writes back byte for byte), `ChannelDataRepr -> emit -> parse`
//! gives back the same fields, and a TCP stream of padded messages frames back into
//! the same messages.

mod common;

use proptest::collection::vec;
use proptest::prelude::*;
use rtcinspect_wire::turn::{
    ChannelData, ChannelDataRepr, ChannelDataStream, ChannelNumber, StreamFrame, frame_len,
};

fn repr(number: u16, data: &[u8], padded: bool) -> ChannelDataRepr<'_> {
    if padded {
        ChannelDataRepr::padded(number, data)
    } else {
        ChannelDataRepr::unpadded(number, data)
    }
}

proptest! {
    #[test]
    fn arbitrary_bytes_never_panic(bytes in vec(any::<u8>(), 0..64)) {
        common::turn_walk(&bytes);
        let _ = frame_len(&bytes);
    }

    /// Arbitrary bytes behind a ChannelData first byte, to reach the length checks.
    #[test]
    fn arbitrary_messages_never_panic(first in 0x40u8..0x80, bytes in vec(any::<u8>(), 0..64)) {
        let mut m = vec![first];
        m.extend_from_slice(&bytes);
        common::turn_walk(&m);
    }

    #[test]
    fn round_trip(number in 0x4000u16..0x8000, data in vec(any::<u8>(), 0..300), padded in any::<bool>()) {
        let r = repr(number, &data, padded);
        let mut buf = Vec::new();
        let len = r.emit_vec(&mut buf).unwrap();
        prop_assert_eq!(len, r.buffer_len());
        prop_assert_eq!(buf.len() % 4 == 0, padded || data.len() % 4 == 0);
        let m = ChannelData::new_checked(&buf[..]).unwrap();
        prop_assert_eq!(m.channel_number(), ChannelNumber(number));
        prop_assert_eq!(m.data(), &data[..]);
        prop_assert_eq!(ChannelDataRepr::parse(&m), r);
        prop_assert_eq!(m.channel_number().is_reserved(), number >= 0x5000);
    }

    #[test]
    fn tcp_stream_frames_back(
        messages in vec((0x4000u16..0x5000, vec(any::<u8>(), 0..40)), 0..6),
        cut in any::<prop::sample::Index>(),
    ) {
        let mut stream = Vec::new();
        for (number, data) in &messages {
            ChannelDataRepr::padded(*number, data).emit_vec(&mut stream).unwrap();
        }
        let frames: Vec<_> = ChannelDataStream::new(&stream).collect();
        prop_assert_eq!(frames.len(), messages.len());
        for (frame, (number, data)) in frames.iter().zip(&messages) {
            let Ok(StreamFrame::ChannelData(m)) = frame else { panic!("{frame:?}") };
            prop_assert_eq!(m.channel_number().value(), *number);
            prop_assert_eq!(m.data(), &data[..]);
        }
        // Cut anywhere: whole messages before the cut, then at most one error, and the
        // remainder starts on a message boundary.
        let at = if stream.is_empty() { 0 } else { cut.index(stream.len() + 1) };
        let mut frames = ChannelDataStream::new(&stream[..at]);
        let whole = frames.by_ref().take_while(Result::is_ok).count();
        prop_assert!(whole <= messages.len());
        prop_assert!(frames.next().is_none());
        let rest = frames.remainder();
        prop_assert!(stream[at - rest.len()..].starts_with(rest));
    }
}
