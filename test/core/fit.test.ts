import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { factsOf } from "../../src/core/facts.js";
import { fitAt, fitFor } from "../../src/core/fit.js";
import { ROLES } from "../../src/core/roles.js";
import { headphones } from "../helpers/arbitraries.js";

describe("fitAt", () => {
  it("says of a model's facts exactly what fitFor says of the headphone, measured notes or not", () => {
    fc.assert(
      fc.property(headphones(8), fc.array(fc.boolean(), { maxLength: 16 }), (hs, measured) => {
        // Some notes derived from a measured curve: their words say "measured".
        let k = 0;
        const withMeasured = hs.map((h) => ({
          ...h,
          character: h.character.map((n) => (measured[k++] ? { ...n, measured: true } : n)),
        }));
        const facts = factsOf(withMeasured);
        withMeasured.forEach((h, i) => {
          for (const role of ROLES) expect(fitAt(facts, i, role)).toEqual(fitFor(h, role));
        });
      }),
      { numRuns: 300 },
    );
  });
});
