//! Arbitrary file bytes through the whole reader and decoder (pcap or pcapng,
//! framed TCP), and the same bytes as one frame of every link type: nothing panics,
//! the counters agree with what was delivered, frame numbers never go back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rtcinspect_capture::{
    Decoder, DecoderConfig, Diagnostics, Event, FileSource, Frame, LinkType, Source, TcpMode,
};

fuzz_target!(|data: &[u8]| {
    for mode in [TcpMode::Framed, TcpMode::Segments] {
        // Small pools so that the bounds are reached.
        let config = DecoderConfig::default()
            .tcp_mode(mode)
            .fragment_pool(4, 64 * 1024)
            .tcp_bounds(4, 256 * 1024);
        let Ok(mut source) = FileSource::with_config(data, config) else {
            return;
        };
        let (mut datagrams, mut last_frame) = (0u64, 0u64);
        while let Ok(Some(event)) = source.next_event() {
            if let Event::Datagram(d) = event {
                datagrams += 1;
                assert!(d.frame >= last_frame, "frame numbers go forward");
                last_frame = d.frame;
            }
        }
        let diag = source.diagnostics();
        assert_eq!(diag.datagrams, datagrams);
        assert!(diag.damage.len() as u64 <= diag.damage_count);
        assert!(diag.udp_datagrams + diag.tcp_datagrams == diag.datagrams);
    }
    // The same bytes as a frame of each supported link type.
    let mut decoder = Decoder::new(DecoderConfig::default().tcp_mode(TcpMode::Framed));
    let mut diag = Diagnostics::default();
    for (i, link) in [0u16, 1, 12, 101, 108, 113, 228, 229, 239, 276]
        .into_iter()
        .enumerate()
    {
        let frame = Frame {
            number: i as u64 + 1,
            timestamp_ns: 0,
            interface: 0,
            link_type: LinkType(link),
            data,
            original_len: data.len() as u32 + u32::from(link % 2 == 0),
            offset: 0,
        };
        if let Some(d) = decoder.decode(&frame, &mut diag) {
            assert!(d.payload.len() <= data.len());
        }
        while decoder.next_message(&mut diag).is_some() {}
    }
});
