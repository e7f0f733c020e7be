/**
 * Where the user's own files live: $XDG_CONFIG_HOME/hpadvise, else
 * ~/.config/hpadvise. Read from the context's environment (never os.homedir),
 * so tests that give no HOME never see a real user's files.
 */
import { join } from "node:path";

export function configDir(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.XDG_CONFIG_HOME) return join(env.XDG_CONFIG_HOME, "hpadvise");
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, ".config", "hpadvise") : undefined;
}

/** `config.yaml`: your source, what you own, your budget. */
export function configFile(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const dir = configDir(env);
  return dir && join(dir, "config.yaml");
}

/** `catalog.yaml`: the personal catalog `add` and `measure --save` write. */
export function personalCatalogFile(
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  const dir = configDir(env);
  return dir && join(dir, "catalog.yaml");
}
