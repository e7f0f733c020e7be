/**
 * The three roles, and the peak SPL each role's chain must be able to reach:
 * documented assumptions, overridable with --target-spl. Each is a listening
 * level plus the peaks above it: capability ceilings, not levels to listen at
 * (NIOSH's limit is 85 dBA for 8 hours, halving for every 3 dB more).
 */
export const ROLES = ["tracking", "mixing", "mastering"] as const;
export type Role = (typeof ROLES)[number];

export interface Target {
  splDb: number;
  why: string;
}

export const ROLE_TARGETS: Record<Role, Target> = {
  tracking: {
    splDb: 105,
    why: "a loud, compressed cue mix: about 95 dB SPL with 10 dB of peaks; for a drummer or a loud live room, set a higher target with --target-spl",
  },
  mixing: {
    splDb: 103,
    why: "a calibrated 83 dB SPL reference (pink noise at −20 dBFS, K-20) plus 20 dB of peaks to full scale",
  },
  mastering: {
    splDb: 110,
    why: "the K-20 reference (83 dB SPL at −20 dBFS) plus headroom for brief loud checks: 110 dB SPL peaks, the loud-listening ceiling NwAvGuy sizes headphone amplifiers for",
  },
};

/** check-amp without --role judges for mixing, the middle case. */
export const DEFAULT_ROLE: Role = "mixing";
