/** The settings `config.yaml` holds (config.ts reads and writes them; the CLI names them). */
export const CONFIG_KEYS = ["source", "own", "budget", "target", "measurements"] as const;
export type ConfigKey = (typeof CONFIG_KEYS)[number];
