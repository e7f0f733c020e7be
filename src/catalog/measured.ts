/**
 * Measured tags for the ranking: each catalog entry that points to a curve
 * (`frequencyResponse`) is analysed against the target curve, and its measured
 * colouration note (core/fr.ts `measuredNote`) is added to its character, so
 * the neutrality rule and the fit labels judge it from the measurement, not
 * from reviewers' words (core/facts.ts `colouration`). An entry measured on
 * another rig than the target's keeps its described character, with a warning.
 */
import { analyzeFr, compareRigs, measuredNote } from "../core/fr.js";
import type { Catalog, Headphone } from "../core/types.js";
import { type CurveFile, readCurve } from "./curve.js";

export interface MeasuredCatalog {
  catalog: Catalog;
  /** One line per entry whose curve could not be judged against the target. */
  warnings: string[];
}

/** The catalog with a measured note on each entry whose curve is on the target's rig. */
export function withMeasuredTags(catalog: Catalog, target: CurveFile): MeasuredCatalog {
  const warnings: string[] = [];
  const measured = (h: Headphone): Headphone => {
    const ref = h.frequencyResponse;
    if (ref === null) return h;
    // A catalog's curve path is absolute once loaded; its rig is the entry's word.
    const curve = readCurve("/", ref.file, ref.rig, true);
    if (compareRigs(curve.rig, target.rig) === "different") {
      warnings.push(
        `${h.id}: its curve ${ref.file} was measured on the ${curve.rig} rig, but the target ${target.file} is for the ${target.rig} rig; its described character is used`,
      );
      return h;
    }
    const note = measuredNote(analyzeFr(curve, target), ref.file);
    return { ...h, character: [...h.character.filter((n) => n.measured !== true), note] };
  };
  const headphones = catalog.headphones.map(measured);
  return { catalog: { ...catalog, headphones }, warnings };
}
