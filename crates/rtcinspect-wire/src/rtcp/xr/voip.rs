//! VoIP Metrics report block ([RFC 3611 §4.7](https://www.rfc-editor.org/rfc/rfc3611#section-4.7)).

use crate::bytes::{self, EmitError, Writer};

/// Contents length: the constant block length 8, in bytes.
pub(crate) const BODY_LEN: usize = 32;

/// Packet loss concealment, the 2 high bits of the receiver configuration byte
/// ([RFC 3611 §4.7.6](https://www.rfc-editor.org/rfc/rfc3611#section-4.7.6)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum PacketLossConcealment {
    /// 00: no information.
    #[default]
    Unspecified,
    /// 01: silence is inserted in place of lost packets.
    Disabled,
    /// 10: an enhanced interpolation algorithm.
    Enhanced,
    /// 11: a simple replay or interpolation algorithm.
    Standard,
}

/// Jitter buffer mode, bits 2–3 of the receiver configuration byte
/// ([RFC 3611 §4.7.6](https://www.rfc-editor.org/rfc/rfc3611#section-4.7.6)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
#[non_exhaustive]
pub enum JitterBufferAdaptive {
    /// 00: unknown.
    #[default]
    Unknown,
    /// 01: reserved.
    Reserved,
    /// 10: fixed size.
    NonAdaptive,
    /// 11: size adjusted to the jitter.
    Adaptive,
}

/// The receiver configuration byte of a VoIP Metrics block
/// ([RFC 3611 §4.7.6](https://www.rfc-editor.org/rfc/rfc3611#section-4.7.6)).
///
/// ```text
///  0 1 2 3 4 5 6 7
/// |PLC|JBA|JB rate|
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RxConfig {
    /// Packet loss concealment (PLC).
    pub plc: PacketLossConcealment,
    /// Jitter buffer adaptive (JBA).
    pub jba: JitterBufferAdaptive,
    /// Jitter buffer adjustment rate J, 0 to 15 (adjustment time = 2 × J × frame size;
    /// 0 is unknown).
    pub jb_rate: u8,
}

impl From<u8> for RxConfig {
    fn from(v: u8) -> Self {
        let plc = match v >> 6 {
            0 => PacketLossConcealment::Unspecified,
            1 => PacketLossConcealment::Disabled,
            2 => PacketLossConcealment::Enhanced,
            _ => PacketLossConcealment::Standard,
        };
        let jba = match (v >> 4) & 0x03 {
            0 => JitterBufferAdaptive::Unknown,
            1 => JitterBufferAdaptive::Reserved,
            2 => JitterBufferAdaptive::NonAdaptive,
            _ => JitterBufferAdaptive::Adaptive,
        };
        Self {
            plc,
            jba,
            jb_rate: v & 0x0f,
        }
    }
}

impl RxConfig {
    /// The byte on the wire; fails if [`jb_rate`](Self::jb_rate) does not fit 4 bits.
    pub fn encode(self) -> Result<u8, EmitError> {
        bytes::check_max("JB rate", usize::from(self.jb_rate), 0x0f)?;
        let plc = match self.plc {
            PacketLossConcealment::Unspecified => 0,
            PacketLossConcealment::Disabled => 1,
            PacketLossConcealment::Enhanced => 2,
            PacketLossConcealment::Standard => 3,
        };
        let jba = match self.jba {
            JitterBufferAdaptive::Unknown => 0,
            JitterBufferAdaptive::Reserved => 1,
            JitterBufferAdaptive::NonAdaptive => 2,
            JitterBufferAdaptive::Adaptive => 3,
        };
        Ok((plc << 6) | (jba << 4) | self.jb_rate)
    }
}

/// A VoIP Metrics block, BT 7
/// ([RFC 3611 §4.7](https://www.rfc-editor.org/rfc/rfc3611#section-4.7)): loss and
/// discard, burst, delay, signal, call quality, configuration and jitter buffer
/// metrics of one voice stream.
///
/// ```text
/// |     BT=7      |   reserved    |       block length = 8        |
/// |                        SSRC of source                         |
/// |   loss rate   | discard rate  | burst density |  gap density  |
/// |       burst duration          |         gap duration          |
/// |     round trip delay          |       end system delay        |
/// | signal level  |  noise level  |     RERL      |     Gmin      |
/// |   R factor    | ext. R factor |    MOS-LQ     |    MOS-CQ     |
/// |   RX config   |   reserved    |          JB nominal           |
/// |          JB maximum           |          JB abs max           |
/// ```
///
/// Decoded eagerly, every field as on the wire (the signal and noise levels are the
/// signed integers §4.7.4 specifies); helpers turn the fixed-point and "127 =
/// unavailable" encodings into values. Also the writer of the block (the two reserved
/// bytes are written as zero).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct VoipMetrics {
    /// SSRC of the source reported on.
    pub ssrc: u32,
    /// Fraction of packets lost since the start of reception, in 1/256 (§4.7.1).
    pub loss_rate: u8,
    /// Fraction of packets discarded by the jitter buffer, in 1/256 (§4.7.1).
    pub discard_rate: u8,
    /// Fraction of packets lost or discarded within bursts, in 1/256 (§4.7.2).
    pub burst_density: u8,
    /// Fraction of packets lost or discarded within gaps, in 1/256 (§4.7.2).
    pub gap_density: u8,
    /// Mean burst duration, in milliseconds (§4.7.2).
    pub burst_duration: u16,
    /// Mean gap duration, in milliseconds (§4.7.2).
    pub gap_duration: u16,
    /// Most recent round trip time between RTP interfaces, in milliseconds (§4.7.3).
    pub round_trip_delay: u16,
    /// Most recent end system delay, in milliseconds; 0 if unknown (§4.7.3).
    pub end_system_delay: u16,
    /// Speech signal level relative to 0 dBm0, in dB, signed; 127 is unavailable
    /// (§4.7.4).
    pub signal_level: i8,
    /// Silence background noise level relative to 0 dBm0, in dB, signed; 127 is
    /// unavailable (§4.7.4).
    pub noise_level: i8,
    /// Residual echo return loss, in dB; 127 is unavailable (§4.7.4).
    pub rerl: u8,
    /// Gap threshold: received packets that end a burst; 16 recommended, never 0
    /// (§4.7.6).
    pub gmin: u8,
    /// R factor, 0 to 100; 127 is unavailable (§4.7.5).
    pub r_factor: u8,
    /// External R factor, 0 to 100; 127 is unavailable (§4.7.5).
    pub ext_r_factor: u8,
    /// MOS for listening quality × 10, 10 to 50; 127 is unavailable (§4.7.5).
    pub mos_lq: u8,
    /// MOS for conversational quality × 10, 10 to 50; 127 is unavailable (§4.7.5).
    pub mos_cq: u8,
    /// Receiver configuration: PLC, jitter buffer mode and rate (§4.7.6).
    pub rx_config: RxConfig,
    /// Current nominal jitter buffer delay, in milliseconds (§4.7.7).
    pub jb_nominal: u16,
    /// Current maximum jitter buffer delay, in milliseconds (§4.7.7).
    pub jb_maximum: u16,
    /// Absolute maximum jitter buffer delay, in milliseconds (§4.7.7).
    pub jb_abs_max: u16,
}

impl VoipMetrics {
    /// The value of the signal, noise, RERL, R factor and MOS fields that means
    /// "unavailable".
    pub const UNAVAILABLE: u8 = 127;

    /// Reads the contents of a VoIP Metrics block: exactly 32 bytes.
    pub(crate) fn parse(body: &[u8]) -> Option<Self> {
        (body.len() == BODY_LEN).then(|| Self {
            ssrc: bytes::u32_at(body, 0),
            loss_rate: bytes::u8_at(body, 4),
            discard_rate: bytes::u8_at(body, 5),
            burst_density: bytes::u8_at(body, 6),
            gap_density: bytes::u8_at(body, 7),
            burst_duration: bytes::u16_at(body, 8),
            gap_duration: bytes::u16_at(body, 10),
            round_trip_delay: bytes::u16_at(body, 12),
            end_system_delay: bytes::u16_at(body, 14),
            signal_level: bytes::u8_at(body, 16) as i8,
            noise_level: bytes::u8_at(body, 17) as i8,
            rerl: bytes::u8_at(body, 18),
            gmin: bytes::u8_at(body, 19),
            r_factor: bytes::u8_at(body, 20),
            ext_r_factor: bytes::u8_at(body, 21),
            mos_lq: bytes::u8_at(body, 22),
            mos_cq: bytes::u8_at(body, 23),
            rx_config: RxConfig::from(bytes::u8_at(body, 24)),
            // Byte 25 is reserved.
            jb_nominal: bytes::u16_at(body, 26),
            jb_maximum: bytes::u16_at(body, 28),
            jb_abs_max: bytes::u16_at(body, 30),
        })
    }

    /// [`loss_rate`](Self::loss_rate) as a fraction in `0.0..1.0`.
    #[inline]
    pub fn loss_fraction(&self) -> f64 {
        f64::from(self.loss_rate) / 256.0
    }

    /// [`discard_rate`](Self::discard_rate) as a fraction in `0.0..1.0`.
    #[inline]
    pub fn discard_fraction(&self) -> f64 {
        f64::from(self.discard_rate) / 256.0
    }

    /// The signal level in dB relative to 0 dBm0, `None` when unavailable (127).
    #[inline]
    pub fn signal_level_db(&self) -> Option<i8> {
        (self.signal_level != 127).then_some(self.signal_level)
    }

    /// The noise level in dB relative to 0 dBm0, `None` when unavailable (127).
    #[inline]
    pub fn noise_level_db(&self) -> Option<i8> {
        (self.noise_level != 127).then_some(self.noise_level)
    }

    /// The residual echo return loss in dB, `None` when unavailable (127).
    #[inline]
    pub fn rerl_db(&self) -> Option<u8> {
        (self.rerl != Self::UNAVAILABLE).then_some(self.rerl)
    }

    /// The R factor, `None` when unavailable or outside 0 to 100 (RFC 3611 §4.7.5:
    /// such values "MUST be ignored by the receiving system").
    #[inline]
    pub fn r_factor_value(&self) -> Option<u8> {
        (self.r_factor <= 100).then_some(self.r_factor)
    }

    /// The external R factor, `None` when unavailable or outside 0 to 100.
    #[inline]
    pub fn ext_r_factor_value(&self) -> Option<u8> {
        (self.ext_r_factor <= 100).then_some(self.ext_r_factor)
    }

    /// MOS-LQ on its 1 to 5 scale, `None` when unavailable or outside 10 to 50.
    #[inline]
    pub fn mos_lq_value(&self) -> Option<f64> {
        mos(self.mos_lq)
    }

    /// MOS-CQ on its 1 to 5 scale, `None` when unavailable or outside 10 to 50.
    #[inline]
    pub fn mos_cq_value(&self) -> Option<f64> {
        mos(self.mos_cq)
    }

    pub(crate) fn write_body(&self, w: &mut Writer<'_>) -> Result<(), EmitError> {
        let rx_config = self.rx_config.encode()?;
        w.u32(self.ssrc)?;
        w.put(&[
            self.loss_rate,
            self.discard_rate,
            self.burst_density,
            self.gap_density,
        ])?;
        w.u16(self.burst_duration)?;
        w.u16(self.gap_duration)?;
        w.u16(self.round_trip_delay)?;
        w.u16(self.end_system_delay)?;
        w.put(&[
            self.signal_level as u8,
            self.noise_level as u8,
            self.rerl,
            self.gmin,
            self.r_factor,
            self.ext_r_factor,
            self.mos_lq,
            self.mos_cq,
            rx_config,
            0,
        ])?;
        w.u16(self.jb_nominal)?;
        w.u16(self.jb_maximum)?;
        w.u16(self.jb_abs_max)?;
        Ok(())
    }
}

fn mos(v: u8) -> Option<f64> {
    (10..=50).contains(&v).then(|| f64::from(v) / 10.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rtcp::RtcpError;
    use crate::rtcp::xr::{ExtendedReport, XrBlockKind, XrBlockRepr};

    /// A VoIP Metrics block. The loss, discard, burst and gap values are those of the
    /// worked example in RFC 3611 §4.7.2 (64 packets, 10 ms apart, Gmin 16).
    const VM: [u8; 36] = [
        0x07, 0x00, 0x00, 0x08, // BT=7, reserved, block length 8
        0x0b, 0xad, 0xf0, 0x0d, // SSRC of source
        0x0c, 0x0c, 0x54,
        0x0a, // loss rate 12 (5 %), discard rate 12, burst density 84 (33 %), gap density 10 (4 %)
        0x00, 0x78, 0x02, 0x08, // burst duration 120 ms, gap duration 520 ms
        0x00, 0x96, 0x00, 0x3c, // round trip delay 150 ms, end system delay 60 ms
        0xec, 0xc4, 0x7f,
        0x10, // signal -20 dBm0 (0xec), noise -60 dBm0 (0xc4), RERL unavailable (127), Gmin 16
        0x57, 0x7f, 0x29,
        0x28, // R factor 87, ext. R factor unavailable, MOS-LQ 4.1, MOS-CQ 4.0
        0xf4, 0x00, 0x00,
        0x28, // RX config 11|11|0100: PLC standard, JBA adaptive, JB rate 4; reserved; JB nominal 40 ms
        0x00, 0x50, 0x00, 0xc8, // JB maximum 80 ms, JB abs max 200 ms
    ];

    fn expected() -> VoipMetrics {
        VoipMetrics {
            ssrc: 0x0bad_f00d,
            loss_rate: 12,
            discard_rate: 12,
            burst_density: 84,
            gap_density: 10,
            burst_duration: 120,
            gap_duration: 520,
            round_trip_delay: 150,
            end_system_delay: 60,
            signal_level: -20,
            noise_level: -60,
            rerl: 127,
            gmin: 16,
            r_factor: 87,
            ext_r_factor: 127,
            mos_lq: 41,
            mos_cq: 40,
            rx_config: RxConfig {
                plc: PacketLossConcealment::Standard,
                jba: JitterBufferAdaptive::Adaptive,
                jb_rate: 4,
            },
            jb_nominal: 40,
            jb_maximum: 80,
            jb_abs_max: 200,
        }
    }

    #[test]
    fn deconstruct_and_emit() {
        let vm = VoipMetrics::parse(&VM[4..]).unwrap();
        assert_eq!(vm, expected());
        // 12/256 = 0.046875: the "5 %" of the RFC's example.
        assert_eq!(vm.loss_fraction(), 0.046_875);
        assert_eq!(vm.discard_fraction(), 0.046_875);
        assert_eq!(vm.signal_level_db(), Some(-20));
        assert_eq!(vm.noise_level_db(), Some(-60));
        assert_eq!(vm.rerl_db(), None);
        assert_eq!(vm.r_factor_value(), Some(87));
        assert_eq!(vm.ext_r_factor_value(), None);
        assert_eq!(vm.mos_lq_value(), Some(4.1));
        assert_eq!(vm.mos_cq_value(), Some(4.0));
        let mut out = [0u8; 36];
        assert_eq!(XrBlockRepr::VoipMetrics(vm).emit(&mut out), Ok(36));
        assert_eq!(out, VM);
    }

    #[test]
    fn rx_config_values() {
        // Every PLC and JBA code of §4.7.6, and the rate in the low nibble.
        for (byte, plc, jba, rate) in [
            (
                0x00,
                PacketLossConcealment::Unspecified,
                JitterBufferAdaptive::Unknown,
                0,
            ),
            (
                0x5f,
                PacketLossConcealment::Disabled,
                JitterBufferAdaptive::Reserved,
                15,
            ),
            (
                0xa1,
                PacketLossConcealment::Enhanced,
                JitterBufferAdaptive::NonAdaptive,
                1,
            ),
            (
                0xf0,
                PacketLossConcealment::Standard,
                JitterBufferAdaptive::Adaptive,
                0,
            ),
        ] {
            let rx = RxConfig::from(byte);
            assert_eq!(
                rx,
                RxConfig {
                    plc,
                    jba,
                    jb_rate: rate
                }
            );
            assert_eq!(rx.encode(), Ok(byte));
        }
        let rx = RxConfig {
            jb_rate: 16,
            ..RxConfig::default()
        };
        assert_eq!(
            rx.encode(),
            Err(EmitError::FieldOverflow {
                field: "JB rate",
                value: 16,
                max: 15
            })
        );
    }

    #[test]
    fn out_of_range_quality_values_are_ignored() {
        // §4.7.5: values other than 127 and the valid range MUST be ignored.
        let vm = VoipMetrics {
            r_factor: 101,
            mos_lq: 9,
            mos_cq: 51,
            signal_level: 127,
            ..expected()
        };
        assert_eq!(vm.r_factor_value(), None);
        assert_eq!(vm.mos_lq_value(), None);
        assert_eq!(vm.mos_cq_value(), None);
        assert_eq!(vm.signal_level_db(), None);
    }

    #[test]
    fn through_the_packet_and_length_error() {
        let mut buf = vec![0x80, 0xcf, 0x00, 0x0a, 0, 0, 0, 1];
        buf.extend_from_slice(&VM);
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        assert_eq!(
            xr.blocks().next().unwrap().parse(),
            Ok(XrBlockKind::VoipMetrics(expected()))
        );
        // Block length 9 (one word too many) is not §4.7's constant 8.
        let mut buf = vec![0x80, 0xcf, 0x00, 0x0b, 0, 0, 0, 1];
        buf.extend_from_slice(&VM);
        buf[11] = 9;
        buf.extend_from_slice(&[0; 4]);
        let xr = ExtendedReport::new_checked(&buf).unwrap();
        assert_eq!(
            xr.blocks().next().unwrap().parse(),
            Err(RtcpError::InvalidValue {
                field: "VoIP Metrics block length",
                offset: 10,
                value: 9
            })
        );
    }
}
