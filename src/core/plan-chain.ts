/**
 * The guide's signal chain for one headphone in one role: what drives it must
 * reach the role's peaks, and for the tone-critical roles keep the response
 * (an output-impedance shift over 1 dB is audible) and, for mastering, be a
 * dedicated headphone amplifier ("a dedicated headphone amplifier is part of
 * the signal chain, not an accessory"). Pure.
 */
import { AUDIBLE_DEVIATION_DB, type Verdict } from "./amp.js";
import { type CheckOptions, check, type DriveNeeds, judgeAgainst, needsOf } from "./drive.js";
import { fixed } from "./format.js";
import { ROLE_TARGETS, type Role } from "./roles.js";
import type { Headphone, Source } from "./types.js";

/** The guide's own words for why the amplifier is a step, not an option. */
export const GUIDE_AMPLIFIER =
  "the guide: “a dedicated headphone amplifier is part of the signal chain, not an accessory”, and at the mixing and mastering level a high-quality DAC and amplifier “is not an optional upgrade”";

/** Roles whose tone an output-impedance shift spoils. */
const TONE_CRITICAL: readonly Role[] = ["mixing", "mastering"];

export function isDedicated(s: Source): boolean {
  return s.type === "amplifier";
}

export function optionsFor(role: Role): CheckOptions {
  return { targetSplDb: ROLE_TARGETS[role].splDb, role };
}

/**
 * The response shift this source's output impedance causes on this headphone,
 * as the check works it out (null when it cannot), kept per headphone and
 * output impedance: many sources share one, and the search asks often.
 */
const SHIFTS = new WeakMap<Headphone, Map<number, number | null>>();
export function shiftDb(h: Headphone, s: Source): number | null {
  const zo = s.outputImpedanceOhms;
  if (zo === null) return null;
  let byZo = SHIFTS.get(h);
  if (!byZo) {
    byZo = new Map();
    SHIFTS.set(h, byZo);
  }
  if (!byZo.has(zo)) byZo.set(zo, check(h, s, optionsFor("mixing")).frDeviationDb);
  return byZo.get(zo) ?? null;
}

/** What keeps a chain from being the one the guide wants, or null when it is. */
export type Gap = "drive" | "dedicated" | "shift";

/**
 * Whether `s` drives `h` for `role` as the guide wants; the verdict is the
 * check's. The cheapest test first: a source that is no dedicated amplifier
 * is not a mastering chain whatever its response shift.
 */
function gapOf(h: Headphone, role: Role, s: Source, verdict: Verdict): Gap | null {
  if (verdict !== "ok") return "drive";
  if (role === "mastering" && !isDedicated(s)) return "dedicated";
  if (TONE_CRITICAL.includes(role) && shifts(h, s)) return "shift";
  return null;
}

/**
 * Whether the shift is audible. It only grows with the output impedance, so
 * once the check has found one output impedance within 1 dB, every lower one
 * is too, and once one is audible, every higher one is: the search asks for
 * many amplifiers, and each check builds its whole explanation.
 */
const AUDIBLE = new WeakMap<Headphone, { quietUpTo: number; audibleFrom: number }>();
function shifts(h: Headphone, s: Source): boolean {
  const zo = s.outputImpedanceOhms;
  if (zo === null) return false;
  let known = AUDIBLE.get(h);
  if (!known) {
    known = { quietUpTo: Number.NEGATIVE_INFINITY, audibleFrom: Number.POSITIVE_INFINITY };
    AUDIBLE.set(h, known);
  }
  if (zo <= known.quietUpTo) return false;
  if (zo >= known.audibleFrom) return true;
  const audible = (shiftDb(h, s) ?? 0) > AUDIBLE_DEVIATION_DB;
  if (audible) known.audibleFrom = zo;
  else known.quietUpTo = zo;
  return audible;
}

/** The gap to name to the user: an audible shift is the more telling reason on a source that is no amplifier. */
export function gapToSay(h: Headphone, s: Source, gap: Gap): Gap {
  return gap === "dedicated" && shifts(h, s) ? "shift" : gap;
}

/**
 * Verdicts and gaps per headphone, source and role, worked out once: the plan
 * searches the same pairs for what it buys now and for each step to save for.
 */
interface Judged {
  verdict: Verdict;
  gap: Gap | null;
}
const JUDGED = new WeakMap<
  Headphone,
  { needs: DriveNeeds; bySource: WeakMap<Source, Partial<Record<Role, Judged>>> }
>();
function judged(h: Headphone, role: Role, s: Source): Judged {
  let mine = JUDGED.get(h);
  if (!mine) {
    mine = { needs: needsOf(h), bySource: new WeakMap() };
    JUDGED.set(h, mine);
  }
  let byRole = mine.bySource.get(s);
  if (!byRole) {
    byRole = {};
    mine.bySource.set(s, byRole);
  }
  let j = byRole[role];
  if (!j) {
    const verdict = judgeAgainst(mine.needs, s, optionsFor(role)).verdict;
    j = { verdict, gap: gapOf(h, role, s, verdict) };
    byRole[role] = j;
  }
  return j;
}

export function verdictOf(h: Headphone, role: Role, s: Source): Verdict {
  return judged(h, role, s).verdict;
}

/** What keeps `s` from driving `h` for `role` as the guide wants (null: nothing). */
export function gapOn(h: Headphone, role: Role, s: Source): Gap | null {
  return judged(h, role, s).gap;
}

/** Why the user's source is not the chain the guide wants, in a clause. */
export function gapText(h: Headphone, role: Role, s: Source, gap: Gap): string {
  if (gap === "shift")
    return `your ${s.name}'s ${fixed(s.outputImpedanceOhms ?? 0, 0)} Ω output impedance shifts the ${h.name}'s response by ${fixed(shiftDb(h, s) ?? 0)} dB across its impedance curve, audible for ${role}`;
  if (gap === "dedicated")
    return `your ${s.name} reaches ${role} peaks, but it is no dedicated headphone amplifier`;
  const c = check(h, s, optionsFor(role));
  const target = `${role} peaks (${ROLE_TARGETS[role].splDb} dB SPL)`;
  if (c.headroomDb !== null && c.headroomDb < 0)
    return `your ${s.name} leaves it ${Math.abs(c.headroomDb).toFixed(1)} dB short of ${target}`;
  return `your ${s.name} leaves it only ${(c.headroomDb ?? 0).toFixed(1)} dB of headroom for ${target}, within the spread of real units`;
}
