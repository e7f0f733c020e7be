/**
 * Unit conversions. Pure functions; every name carries its units.
 *
 * Sensitivity: a headphone's SPL for 1 mW and for 1 Vrms differ by the power
 * that 1 Vrms drives into its impedance, P = V²/Z. At 1 Vrms into Z ohms the
 * power is 1000/Z mW, so dB/V = dB/mW + 10·log10(1000 / Z).
 */

/** dB SPL at 1 Vrms, from dB SPL at 1 mW and the nominal impedance. */
export function dbPerVFromDbPerMw(dbPerMw: number, impedanceOhms: number): number {
  return dbPerMw + 10 * Math.log10(1000 / impedanceOhms);
}

/** dB SPL at 1 mW, from dB SPL at 1 Vrms and the nominal impedance. */
export function dbPerMwFromDbPerV(dbPerV: number, impedanceOhms: number): number {
  return dbPerV - 10 * Math.log10(1000 / impedanceOhms);
}

/** 0 dBu is 0.7746 Vrms (1 mW into 600 ohm). */
export const DBU_REFERENCE_VRMS = Math.sqrt(0.6);

export function vrmsFromDbu(dbu: number): number {
  return DBU_REFERENCE_VRMS * 10 ** (dbu / 20);
}

export function vrmsFromDbv(dbv: number): number {
  return 10 ** (dbv / 20);
}

/** Voltage across a load dissipating `powerMw`. */
export function vrmsFromPower(powerMw: number, loadOhms: number): number {
  return Math.sqrt((powerMw / 1000) * loadOhms);
}

export function powerMwFromVrms(vrms: number, loadOhms: number): number {
  return ((vrms * vrms) / loadOhms) * 1000;
}

export function currentMaFromVrms(vrms: number, loadOhms: number): number {
  return (vrms / loadOhms) * 1000;
}

/** Level in dB of a voltage ratio. */
export function dbFromVoltageRatio(ratio: number): number {
  return 20 * Math.log10(ratio);
}

/** Microvolts (rms) from dBu / dBV noise figures. */
export function microvoltsFromNoise(value: number, unit: "uV" | "dBu" | "dBV"): number {
  if (unit === "uV") return value;
  return (unit === "dBu" ? vrmsFromDbu(value) : vrmsFromDbv(value)) * 1e6;
}
