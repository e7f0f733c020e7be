/**
 * Role profiles as data: which rules apply to a role and with what weight,
 * and the guide's general advice for it. Users can adjust weights with
 * `--rules FILE`; a weight of 0 turns a rule off.
 */
import type { RoleProfile } from "./rank.js";
import type { Role } from "./roles.js";

export interface Profile extends RoleProfile {
  /** Shown once, briefly, under the table. */
  advice: string[];
}

export const PROFILES: Record<Role, Profile> = {
  tracking: {
    weights: {
      filters: 1,
      budget: 1,
      "closed-back": 1,
      isolation: 1,
      comfort: 1,
      "performer-tuning": 2,
      drive: 1,
    },
    advice: [
      "Isolation and comfort come first: a take lost to click bleed cannot be fixed in post.",
      "Neutrality is not required here; a consistent sound that keeps the performer confident is.",
    ],
  },
  mixing: {
    weights: {
      filters: 1,
      budget: 1,
      "open-back": 2,
      neutrality: 1.5,
      "low-distortion": 1,
      image: 1,
      resolution: 0.5,
      calibration: 0.5,
      comfort: 0.5,
      drive: 1,
    },
    advice: [
      "Know your headphone's colouration and account for it; a flattering low end makes you cut bass you should keep.",
      "Flat on paper is not flat in use: reference your mixes on speakers and on consumer earphones.",
    ],
  },
  mastering: {
    weights: {
      filters: 1,
      budget: 1,
      "open-back": 4,
      "low-distortion": 2,
      resolution: 2,
      neutrality: 1.5,
      calibration: 1.5,
      image: 0.5,
      drive: 1.5,
      crossfeed: 1,
    },
    advice: [
      "Do not master on the closed-back you track with: it colours the sound and restricts the sense of space.",
      "Calibrate (e.g. Sonarworks SoundID Reference), add crossfeed, and drive it from a dedicated amplifier.",
      "Measurements are made on artificial ears: check translation on speakers and consumer earphones.",
    ],
  },
};
