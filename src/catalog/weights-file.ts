/**
 * The weights file (`--rules FILE`): a user's adjustments to the weights the
 * role profiles give the ranking rules, e.g.
 *
 *   mastering:
 *     weights: { calibration: 3, image: 0 }
 *
 * Validated with the same schema library as catalogs; unknown roles and rules
 * are errors with a did-you-mean.
 */
import { z } from "zod";
import type { Profile } from "../core/profiles.js";
import { RULES_BY_NAME } from "../core/rank.js";
import { ROLES, type Role } from "../core/roles.js";
import { CatalogError, type CatalogIssue } from "../errors.js";
import { formatPath, parseYamlLocated } from "./load.js";
import { decodeCatalogBytes, readBounded } from "./read.js";
import { suggest } from "./suggest.js";

const ruleNames = [...RULES_BY_NAME.keys()];

export const weightsFileSchema = z.partialRecord(
  z.enum(ROLES),
  z.strictObject({
    weights: z.record(
      z.string().refine((name) => RULES_BY_NAME.has(name), {
        error: (issue) => {
          const near = suggest(String(issue.input), ruleNames);
          return `unknown rule "${String(issue.input)}"${near ? `: did you mean ${near}?` : ""} (rules: ${ruleNames.join(", ")})`;
        },
      }),
      z.number().min(0).max(10),
    ),
  }),
);
export type WeightsFile = z.infer<typeof weightsFileSchema>;

/** A weights file is a few lines; anything this big is not one. */
export const MAX_WEIGHTS_BYTES = 1024 * 1024;

export async function loadWeightsFile(path: string, name: string): Promise<WeightsFile> {
  const fail = (issues: CatalogIssue[]) =>
    new CatalogError(issues, "see README: Adjusting the rules", "the rules file");
  const read = readBounded(path, MAX_WEIGHTS_BYTES, "a YAML rules file");
  if ("message" in read) throw fail([{ file: name, path: "", message: read.message }]);
  const decoded = decodeCatalogBytes(
    read.bytes,
    name,
    "the file is empty; expected roles with `weights:` (see README: Adjusting the rules)",
  );
  if ("issue" in decoded) throw fail([decoded.issue]);
  const text = decoded.text;
  const yaml = parseYamlLocated(text, 100);
  if (!yaml.ok) throw fail([{ file: name, path: "", ...yaml.error }]);
  const parsed = weightsFileSchema.safeParse(yaml.value);
  if (!parsed.success) {
    throw fail(
      parsed.error.issues.map((i) => ({
        file: name,
        ...yaml.locate(i.path as (string | number)[]),
        path: formatPath(i.path),
        message: i.code === "invalid_key" ? (i.issues[0]?.message ?? i.message) : i.message,
      })),
    );
  }
  return parsed.data;
}

/** The profiles with the user's weights laid over ours (new objects; ours are untouched). */
export function applyWeights(
  base: Record<Role, Profile>,
  file: WeightsFile,
): Record<Role, Profile> {
  const out = {} as Record<Role, Profile>;
  for (const role of ROLES) {
    out[role] = {
      ...base[role],
      weights: { ...base[role].weights, ...(file[role]?.weights ?? {}) },
    };
  }
  return out;
}
