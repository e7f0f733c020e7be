#!/usr/bin/env node
// A synthetic catalog for benchmarks: N headphones and M sources with realistic
// values, valid against the schema, deterministic for a given seed.
//
//   node scripts/gen-catalog.mjs --headphones 10000 --sources 1000 --out .bench/catalog-10k.json
//
// Written as JSON (JSON is YAML, and hpadvise reads JSON catalogs on a fast path).
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    headphones: { type: "string", default: "10000" },
    sources: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    out: { type: "string", default: ".bench/catalog.json" },
  },
});

/** mulberry32: small, fast, deterministic. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = rng(Number(values.seed));
const pick = (list) => list[Math.floor(random() * list.length)];
const between = (lo, hi, digits = 0) => Number((lo + random() * (hi - lo)).toFixed(digits));

const BRANDS = [
  "Acme Audio",
  "Studioline",
  "Northfield",
  "Ravel",
  "Kestrel",
  "Monitorworks",
  "Harlow",
  "Vantor",
];
const TAGS = [
  "neutral",
  "warm",
  "bright",
  "treble-lift",
  "bass-lift",
  "presence-lift",
  "wide-image",
  "low-distortion",
  "detailed",
  "isolating",
  "comfortable",
];
const ref = { sheet: { document: "synthetic benchmark data (scripts/gen-catalog.mjs)" } };

function headphone(i) {
  const back = pick(["open", "open", "closed", "closed", "semi-open"]);
  const driver = random() < 0.2 ? "planar" : "dynamic";
  const ohms = pick([16, 24, 32, 38, 47, 55, 62, 80, 150, 250, 300, 470, 600]);
  const perMw = random() < 0.5;
  const entry = {
    id: `syn-hp-${String(i).padStart(6, "0")}`,
    brand: pick(BRANDS),
    model: `Model ${i}`,
    back,
    driver,
    refs: ref,
    impedance: { ohms, kind: "maker", ref: "sheet" },
    sensitivity: perMw
      ? { value: between(88, 112, 1), unit: "dB/mW", kind: "maker", ref: "sheet" }
      : { value: between(92, 122, 1), unit: "dB/V", kind: "maker", ref: "sheet" },
    weightGrams: { value: between(150, 550), kind: "maker", ref: "sheet" },
    priceUsd: { value: between(49, 4999), kind: "maker", ref: "sheet" },
    character: [{ tags: [pick(TAGS), pick(TAGS)], text: "synthetic character note", ref: "sheet" }],
  };
  if (random() < 0.4)
    entry.impedanceRange = {
      minOhms: ohms,
      maxOhms: ohms * between(1, 2.5, 2),
      kind: "measured",
      ref: "sheet",
    };
  if (back === "closed" && random() < 0.5)
    entry.isolationDb = { value: between(5, 25, 1), kind: "measured", ref: "sheet" };
  if (random() < 0.5)
    entry.thdPercent = { value: between(0.01, 0.5, 2), kind: "maker", ref: "sheet" };
  if (random() < 0.3) entry.calibration = [{ vendor: "sonarworks", ref: "sheet" }];
  return entry;
}

function source(i) {
  const type = pick(["interface", "amplifier", "amplifier", "dongle", "computer"]);
  const outputs = [];
  if (random() < 0.5) {
    outputs.push({
      value: between(20, 2000),
      unit: "mW",
      loadOhms: 32,
      kind: "maker",
      ref: "sheet",
    });
    outputs.push({
      value: between(1, 12, 2),
      unit: "Vrms",
      loadOhms: 300,
      kind: "maker",
      ref: "sheet",
    });
  } else {
    outputs.push({ value: between(0, 22, 1), unit: "dBu", kind: "maker", ref: "sheet" });
  }
  return {
    id: `syn-src-${String(i).padStart(5, "0")}`,
    brand: pick(BRANDS),
    model: `Source ${i}`,
    type,
    refs: ref,
    outputImpedanceOhms: { value: between(0.1, 50, 1), kind: "maker", ref: "sheet" },
    outputs,
    priceUsd: { value: between(9, 3000), kind: "maker", ref: "sheet" },
  };
}

const headphones = Array.from({ length: Number(values.headphones) }, (_, i) => headphone(i + 1));
const sources = Array.from({ length: Number(values.sources) }, (_, i) => source(i + 1));
mkdirSync(dirname(values.out), { recursive: true });
writeFileSync(values.out, JSON.stringify({ headphones, sources }));
process.stdout.write(`${values.out}: ${headphones.length} headphones, ${sources.length} sources\n`);
