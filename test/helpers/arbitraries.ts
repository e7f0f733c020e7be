/** fast-check generators of valid headphones, sources and role profiles, for property tests. */
import fc from "fast-check";
import { backSchema, characterTagSchema, driverSchema } from "../../src/catalog/schema.js";
import type { RoleProfile } from "../../src/core/rank.js";
import { RULES } from "../../src/core/rank.js";
import { ROLES } from "../../src/core/roles.js";
import type { Headphone, Source } from "../../src/core/types.js";
import { type HeadphoneSpec, makeHeadphone, makeSource, vrms } from "./factories.js";

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
/** Coarse values, so that ties (and the tie-breaks on price and id) are common. */
const step = (min: number, max: number, by: number) =>
  fc.integer({ min: Math.ceil(min / by), max: Math.floor(max / by) }).map((n) => n * by);

export const headphoneSpec: fc.Arbitrary<HeadphoneSpec> = fc.record({
  back: fc.constantFrom(...backSchema.options),
  driver: fc.constantFrom(...driverSchema.options),
  impedanceOhms: maybe(fc.constantFrom(16, 32, 38, 62, 150, 250, 300, 600)),
  sensitivity: maybe(
    fc.record({
      value: step(85, 115, 5),
      unit: fc.constantFrom("dB/mW" as const, "dB/V" as const),
    }),
  ),
  maxInputMw: maybe(step(50, 1000, 50)),
  weightGrams: maybe(step(150, 500, 50)),
  priceUsd: maybe(step(50, 2000, 250)),
  isolationDb: maybe(step(0, 30, 5)),
  thdPercent: maybe(fc.constantFrom(0.02, 0.05, 0.1, 0.5)),
  character: fc.array(
    fc.record({
      tags: fc.uniqueArray(fc.constantFrom(...characterTagSchema.options), { maxLength: 3 }),
      text: fc.constant("t"),
    }),
    { maxLength: 2 },
  ),
  calibration: fc.boolean(),
  calibrationHeadroomDb: maybe(fc.constantFrom(3, 6.5, 9)),
});

/** Headphones with distinct ids. */
export const headphones = (maxLength: number): fc.Arbitrary<Headphone[]> =>
  fc
    .array(headphoneSpec, { maxLength })
    .map((specs) =>
      specs.map((spec, i) => makeHeadphone({ ...spec, id: `hp-${(i * 7919) % 1009}` })),
    );

/** Sources to drive them: a weak interface preset (tracking's stand-in) and amplifiers to fix it. */
export const sources: fc.Arbitrary<Source[]> = fc
  .array(fc.record({ volts: step(0.5, 8, 0.5), zo: step(0, 10, 1), price: step(100, 900, 100) }), {
    maxLength: 3,
  })
  .map((amps) => [
    makeSource({
      id: "interface",
      type: "interface",
      outputs: [vrms(0.5)],
      outputImpedanceOhms: 10,
    }),
    ...amps.map((a, i) =>
      makeSource({
        id: `amp-${i}`,
        outputs: [vrms(a.volts)],
        outputImpedanceOhms: a.zo,
        priceUsd: a.price,
      }),
    ),
  ]);

/** Any weights for any rules: off (0), negative, fractional. */
export const profile: fc.Arbitrary<RoleProfile> = fc
  .uniqueArray(
    fc.record({
      name: fc.constantFrom(...RULES.map((r) => r.name)),
      weight: fc.constantFrom(0, 1, 2, 0.5, 1.5, -1, 0.3),
    }),
    { selector: (w) => w.name },
  )
  .map((list) => ({ weights: Object.fromEntries(list.map((w) => [w.name, w.weight])) }));

export const role = fc.constantFrom(...ROLES);
