/**
 * The HTML pages in a real browser: headless Chromium renders each one, the
 * screenshot must not be blank (in light and in dark), and the DOM the browser
 * built must hold the SVG elements the page promises. Each launch is bounded.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { curveCsv, curveTree, SHAPES } from "../helpers/curves.js";
import { backgroundOf, decodePng, inkedPixels } from "../helpers/png.js";
import { runCli } from "../helpers/run-cli.js";

const CHROMIUM = process.env.CHROMIUM ?? "chromium";
const LAUNCH_MS = 60_000;
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function chromium(args: string[]): string {
  const profile = mkdtempSync(join(tmpdir(), "hpadvise-chromium-"));
  dirs.push(profile);
  try {
    return execFileSync(
      CHROMIUM,
      [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { timeout: LAUNCH_MS, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] },
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") {
      throw new Error(`${CHROMIUM} is not installed: .ci/run installs Debian's chromium package`);
    }
    throw e;
  }
}

function screenshot(page: string, dark: boolean) {
  const png = join(mkdtempSync(join(tmpdir(), "hpadvise-shot-")), "shot.png");
  dirs.push(join(png, ".."));
  chromium([
    ...(dark ? ["--blink-settings=preferredColorScheme=0"] : []),
    `--screenshot=${png}`,
    "--window-size=1000,1400",
    pathToFileURL(page).href,
  ]);
  return decodePng(readFileSync(png));
}

const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

function expectDrawn(page: string) {
  for (const dark of [false, true]) {
    const image = screenshot(page, dark);
    expect(image.width).toBe(1000);
    const share = inkedPixels(image) / (image.width * image.height);
    // Text, axes and curves: a blank or unstyled page has next to none.
    expect(share, dark ? "dark" : "light").toBeGreaterThan(0.02);
    const bg = luminance(backgroundOf(image));
    if (dark) expect(bg).toBeLessThan(60);
    else expect(bg).toBeGreaterThan(200);
  }
}

/** The DOM as the browser built it: count of each element name. */
function domCounts(page: string, names: string[]): Record<string, number> {
  const dom = chromium(["--dump-dom", pathToFileURL(page).href]);
  return Object.fromEntries(
    names.map((n) => [n, (dom.match(new RegExp(`<${n}[\\s>]`, "g")) ?? []).length]),
  );
}

const tree = curveTree({
  "lab/data/over-ear/shelf.csv": curveCsv(SHAPES.bassShelf),
  "lab/data/over-ear/peak.csv": curveCsv(SHAPES.peak),
  "targets/flat.csv": curveCsv(SHAPES.flat),
});
dirs.push(tree);

describe("HTML pages in headless Chromium", { timeout: 6 * LAUNCH_MS }, () => {
  it("fr analyze: the curve over its target, the error, and the EQ", async () => {
    const page = join(tree, "fr.html");
    const r = await runCli([
      "fr",
      "analyze",
      join(tree, "lab/data/over-ear/shelf.csv"),
      "--target",
      join(tree, "targets/flat.csv"),
      "--html",
      page,
    ]);
    expect(r.code).toBe(0);
    expectDrawn(page);
    expect(domCounts(page, ["svg", "polyline", "polygon", "script", "img"])).toEqual({
      svg: 4,
      // target, curve; error, smoothed error; EQ curve, the filters; target, corrected
      polyline: 8,
      polygon: 1,
      script: 0,
      img: 0,
    });
  });

  it("fr analyze: the peaks and dips, and the filters as a table", async () => {
    const page = join(tree, "peak.html");
    const args = [
      "fr",
      "analyze",
      join(tree, "lab/data/over-ear/peak.csv"),
      "--target",
      join(tree, "targets/flat.csv"),
    ];
    const r = await runCli([...args, "--html", page, "--json"]);
    expect(r.code).toBe(0);
    const { peq, peaks } = JSON.parse(r.stdout);
    const dom = chromium(["--dump-dom", pathToFileURL(page).href]);
    expect(peaks.length).toBeGreaterThan(0);
    expect(dom).toMatch(/<th>Peaks<\/th><td>\+\d+\.\d dB at 3\.0 kHz/);
    expect(dom).toMatch(/<th>Dips<\/th><td>none over 1 dB<\/td>/);
    const table = dom.match(/<table class="peq">(.*?)<\/table>/s)?.[1] ?? "";
    // A header row, then one row per filter, as --json and --peq give them.
    expect((table.match(/<tr>/g) ?? []).length).toBe(peq.filters.length + 1);
    peq.filters.forEach((f: { type: string; fcHz: number }) => {
      expect(table).toContain(`<td>${f.type}</td><td>${f.fcHz}</td>`);
    });
  });

  it("check-amp --headphone: one headroom bar per source, the role's target marked", async () => {
    const page = join(tree, "amp.html");
    const r = await runCli([
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--role",
      "mastering",
      "--html",
      page,
      "--json",
    ]);
    expect(r.code).toBe(0);
    const sources = JSON.parse(r.stdout).checks.length;
    expectDrawn(page);
    const html = readFileSync(page, "utf8");
    expect(html).toMatch(/mastering target \(110 dB SPL\)/);
    expect(domCounts(page, ["svg", "rect", "line"])).toMatchObject({ svg: 1, rect: sources });
    expect((html.match(/class="mark target"/g) ?? []).length).toBe(1);
  });

  it("compare: the models side by side, with their curves", async () => {
    const catalog = join(tree, "catalog.yaml");
    writeFileSync(
      catalog,
      ["shelf", "peak"]
        .map(
          (id) => `  - id: ${id}-cans
    brand: Example
    model: ${id}
    back: open
    driver: dynamic
    frequencyResponse: { file: lab/data/over-ear/${id}.csv, rig: over-ear, source: lab }`,
        )
        .join("\n")
        .replace(/^/, "headphones:\n"),
    );
    const page = join(tree, "compare.html");
    const r = await runCli([
      "compare",
      "shelf-cans",
      "peak-cans",
      "--catalog",
      catalog,
      "--html",
      page,
    ]);
    expect(r.code).toBe(0);
    expectDrawn(page);
    expect(domCounts(page, ["svg", "polyline", "table"])).toEqual({
      svg: 1,
      polyline: 2,
      table: 1,
    });
  });
});
