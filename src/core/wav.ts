/**
 * A test tone as a WAV file's bytes: 16-bit PCM, a whole number of cycles
 * (so a player looping it does not click), both channels alike. Pure.
 */

export interface ToneSpec {
  frequencyHz: number;
  /** Peak level relative to full scale: 0 is a full-scale sine. */
  levelDbfs: number;
  seconds: number;
  sampleRate?: number;
  channels?: number;
}

export function sineWav(spec: ToneSpec): Uint8Array {
  const rate = spec.sampleRate ?? 48_000;
  const channels = spec.channels ?? 2;
  const cyclesWanted = Math.max(1, Math.round(spec.frequencyHz * spec.seconds));
  const frames = Math.round((cyclesWanted * rate) / spec.frequencyHz);
  const amplitude = 32767 * 10 ** (spec.levelDbfs / 20);
  const dataBytes = frames * channels * 2;
  const bytes = new Uint8Array(44 + dataBytes);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, "RIFF");
  view.setUint32(4, 36 + dataBytes, true);
  text(8, "WAVE");
  text(12, "fmt ");
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, channels, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * channels * 2, true);
  view.setUint16(32, channels * 2, true);
  view.setUint16(34, 16, true);
  text(36, "data");
  view.setUint32(40, dataBytes, true);
  const step = (2 * Math.PI * spec.frequencyHz) / rate;
  for (let f = 0; f < frames; f++) {
    const sample = Math.round(amplitude * Math.sin(step * f));
    for (let c = 0; c < channels; c++) view.setInt16(44 + (f * channels + c) * 2, sample, true);
  }
  return bytes;
}
