/**
 * Fit labels: how well a headphone suits a role, judged from the guide's
 * criteria on what the catalog says of the model itself (never from its place
 * in a ranking, and never from the user's source: the drive verdict is shown
 * beside the label). Pure.
 *
 *   tracking:  closed-back isolation and comfort; a lift that helps performers
 *              is welcome, neutrality is not required. Open-back: avoid.
 *   mixing:    an open-back reference whose colouration is known; a closed-back
 *              is a workable, if coloured, reference for rough mixes.
 *   mastering: a transparent open-back with low distortion and resolution;
 *              never the closed-back you track with.
 */
import type { Role } from "./roles.js";
import type { CharacterTag, Headphone } from "./types.js";

export const FITS = ["excellent", "good", "workable", "avoid"] as const;
export type Fit = (typeof FITS)[number];

/** A fit and the guide's reason for it, in a few words. */
export interface FitJudgement {
  fit: Fit;
  reason: string;
}

/** 0 is best: the order rankings sort by before the score. */
export function fitOrder(fit: Fit): number {
  return FITS.indexOf(fit);
}

/** Tilts strong enough to mislead mixing and mastering decisions (the guide's DT 990 PRO example). */
const STRONG_TILTS: readonly CharacterTag[] = ["treble-lift", "bright", "bass-lift", "v-shaped"];
/** Mild, known colourations an engineer accounts for (the guide's HD 650 example). */
const MILD_TILTS: readonly CharacterTag[] = ["warm", "dark", "mid-forward"];

function tagsOf(h: Headphone): Set<CharacterTag> {
  const tags = new Set<CharacterTag>();
  for (const note of h.character) for (const t of note.tags) tags.add(t);
  return tags;
}

/** The tilt words of a model, for reasons: "slightly warm", "treble lift". */
function tiltWords(tags: Set<CharacterTag>, which: readonly CharacterTag[]): string[] {
  return which.filter((t) => tags.has(t)).map((t) => t.replace("-", " "));
}

const step = (fit: Fit, by: number): Fit =>
  FITS[Math.min(FITS.length - 1, Math.max(0, fitOrder(fit) + by))] as Fit;

function trackingFit(h: Headphone, tags: Set<CharacterTag>): FitJudgement {
  if (h.back === "open")
    return { fit: "avoid", reason: "open-back: the click and cue mix bleed into the microphone" };
  if (h.back === "semi-open")
    return { fit: "workable", reason: "semi-open: some of the cue mix leaks into the microphone" };
  const pluses: string[] = [];
  if ((h.isolationDb !== null && h.isolationDb >= 15) || tags.has("isolating"))
    pluses.push("isolates well");
  if (tags.has("comfortable") || (h.weightGrams !== null && h.weightGrams <= 300))
    pluses.push(tags.has("comfortable") ? "comfortable for long takes" : "light");
  if (tags.has("presence-lift")) pluses.push("a presence lift performers hear themselves in");
  else if (tags.has("bass-lift")) pluses.push("a fuller low end performers like");
  const minuses: string[] = [];
  if (tags.has("clamping")) minuses.push("a strong clamp");
  if (h.weightGrams !== null && h.weightGrams > 400) minuses.push(`heavy (${h.weightGrams} g)`);
  let fit: Fit = pluses.length >= 2 ? "excellent" : "good";
  if (minuses.length > 0) fit = step(fit, 1);
  const why = ["closed-back", ...pluses].join(", ");
  return { fit, reason: minuses.length ? `${why}; but ${minuses.join(" and ")}` : why };
}

function mixingFit(h: Headphone, tags: Set<CharacterTag>): FitJudgement {
  const strong = tiltWords(tags, STRONG_TILTS);
  const mild = tiltWords(tags, MILD_TILTS);
  if (h.back === "closed") {
    const colour = strong.length ? ` (${strong.join(", ")})` : "";
    return {
      fit: "workable",
      reason: `closed-back: a workable, if coloured${colour}, reference for rough mixes`,
    };
  }
  const base = h.back === "open" ? "open-back reference" : "semi-open reference";
  if (strong.length > 0)
    return {
      fit: "workable",
      reason: `${base}, but ${strong.join(" and ")}: mixes may not translate; account for it`,
    };
  const virtues = [
    tags.has("neutral") ? "described as neutral" : null,
    tags.has("low-distortion") ? "low distortion" : null,
    tags.has("detailed") ? "detailed" : null,
    tags.has("wide-image") ? "a wide image" : null,
  ].filter((v): v is string => v !== null);
  const tilt = mild.length ? `; ${mild.join(", ")}: account for it` : "";
  if (h.back === "open" && virtues.length >= 2 && mild.length === 0)
    return { fit: "excellent", reason: `${base}: ${virtues.join(", ")}` };
  return {
    fit: "good",
    reason: `${base}${virtues.length ? `: ${virtues.join(", ")}` : ""}${tilt}`,
  };
}

function masteringFit(h: Headphone, tags: Set<CharacterTag>): FitJudgement {
  if (h.back === "closed")
    return {
      fit: "avoid",
      reason:
        "closed-back: colours the sound and restricts space, so mastering decisions translate poorly",
    };
  const strong = tiltWords(tags, STRONG_TILTS);
  if (h.back === "semi-open")
    return { fit: "workable", reason: "semi-open: not the transparent open-back mastering wants" };
  if (strong.length > 0)
    return {
      fit: "workable",
      reason: `open-back, but ${strong.join(" and ")}: a coloured tool for mastering`,
    };
  const virtues = [
    tags.has("detailed") ? "high resolution" : null,
    tags.has("low-distortion") ? "low distortion" : null,
    tags.has("neutral") ? "described as neutral" : null,
  ].filter((v): v is string => v !== null);
  const calibrated = h.calibration.length > 0;
  if (virtues.length === 0)
    return {
      fit: "workable",
      reason:
        "open-back, but no sourced evidence of the resolution and low distortion mastering needs",
    };
  const reason = `open-back: ${virtues.join(", ")}${calibrated ? ", calibration profile available" : ""}`;
  const fit: Fit = virtues.length + (calibrated ? 1 : 0) >= 2 ? "excellent" : "good";
  return { fit, reason };
}

/** How well headphone h suits a role, and why. */
export function fitFor(h: Headphone, role: Role): FitJudgement {
  const tags = tagsOf(h);
  switch (role) {
    case "tracking":
      return trackingFit(h, tags);
    case "mixing":
      return mixingFit(h, tags);
    case "mastering":
      return masteringFit(h, tags);
  }
}

/** Whether a fit is good enough to rely on for the role. */
export function serves(fit: Fit): boolean {
  return fit === "excellent" || fit === "good";
}
