/**
 * The three roles, and the peak SPL each role must reach: documented assumptions, overridable with
 * --target-spl. Each is a listening level plus the peaks above it.
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
    why: "a loud, compressed cue mix: about 95 dB SPL with 10 dB of peaks, for a singer or drummer over a loud room",
  },
  mixing: {
    splDb: 103,
    why: "a calibrated 83 dB SPL reference (pink noise at −20 dBFS, K-20) plus 20 dB of peaks to full scale",
  },
  mastering: {
    splDb: 110,
    why: "a 90 dB SPL audit level at −20 dBFS for low-level detail and noise, plus 20 dB of full-dynamic-range peaks",
  },
};

/** check-amp without --role judges for mixing, the middle case. */
export const DEFAULT_ROLE: Role = "mixing";
