/**
 * Writing the user's files safely: whole (a temporary file renamed over the
 * old one, so a reader sees the old file or the new, never half of one), and
 * one writer at a time (a lock file), so two processes adding at once both
 * land instead of one losing the other's change.
 */
import {
  closeSync,
  mkdirSync,
  openSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname } from "node:path";
import { HpAdviseError } from "../errors.js";

/** A lock older than this was left by a process that died; it is taken over. */
const STALE_LOCK_MS = 10_000;
const WAIT_MS = 15_000;

export function writeFileAtomic(path: string, text: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, text, { flush: true });
    renameSync(temp, path);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never written.
    }
    throw e;
  }
}

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Take `path`.lock, waiting for another writer to finish; returns the release.
 * Hold it across read, change and write, so no writer's change is lost.
 */
export function lockFile(path: string): () => void {
  mkdirSync(dirname(path), { recursive: true });
  const lock = `${path}.lock`;
  const started = Date.now();
  for (;;) {
    try {
      closeSync(openSync(lock, "wx"));
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        if (Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS) unlinkSync(lock);
      } catch {
        // Released meanwhile: try again.
      }
      if (Date.now() - started > WAIT_MS) {
        throw new HpAdviseError(`${path} is locked by another hpadvise (${lock})`, {
          hint: `if no other hpadvise is running, delete ${lock}`,
        });
      }
      sleep(10 + Math.random() * 20);
    }
  }
  return () => {
    try {
      unlinkSync(lock);
    } catch {
      // Taken over as stale by another process: nothing to release.
    }
  };
}
