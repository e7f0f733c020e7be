/**
 * The HTML pages in a real browser: headless Chromium renders each one, the
 * screenshot must not be blank (in light and in dark), and the DOM the browser
 * built must hold the SVG elements the page promises.
 */
import { accessSync, constants, readFileSync, rmSync, writeFileSync } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import puppeteer, { type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curveCsv, curveTree, SHAPES } from "../helpers/curves.js";
import { backgroundOf, decodePng, inkedPixels } from "../helpers/png.js";
import { runCli } from "../helpers/run-cli.js";

const LAUNCH_MS = 60_000;
const dirs: string[] = [];
let browser: Browser;

/** A Chromium installed on the system (Debian's chromium, or Chrome), found on PATH. */
function systemChromium(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["chromium", "chromium-browser", "google-chrome"]) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

/**
 * The browser: $CHROMIUM if set; else the Chromium build that
 * @sparticuz/chromium ships inside its npm package (Linux x64), so a fresh
 * machine needs nothing installed by hand; else a system Chromium.
 */
async function launch(): Promise<Browser> {
  const options = {
    timeout: LAUNCH_MS,
    // As root there is no sandbox; the rest keeps Chromium off the network.
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  };
  const chosen = process.env.CHROMIUM;
  if (chosen) return puppeteer.launch({ ...options, executablePath: chosen, headless: true });
  let bundled: unknown;
  if (process.platform === "linux" && process.arch === "x64") {
    try {
      const { default: chromium } = await import("@sparticuz/chromium");
      // That build is Chromium's headless shell.
      return await puppeteer.launch({
        ...options,
        executablePath: await chromium.executablePath(),
        headless: "shell",
      });
    } catch (e) {
      bundled = e;
    }
  }
  const system = systemChromium();
  if (!system) {
    throw new Error(
      `no browser for the HTML tests: ${bundled ? `the npm package's Chromium failed (${bundled}) and ` : ""}no chromium on PATH (set CHROMIUM to a browser)`,
    );
  }
  return puppeteer.launch({ ...options, executablePath: system, headless: true });
}

beforeAll(async () => {
  browser = await launch();
}, LAUNCH_MS);
afterAll(async () => {
  await browser?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function screenshot(page: string, dark: boolean) {
  const tab = await browser.newPage();
  try {
    await tab.setViewport({ width: 1000, height: 1400 });
    await tab.emulateMediaFeatures([
      { name: "prefers-color-scheme", value: dark ? "dark" : "light" },
    ]);
    await tab.goto(pathToFileURL(page).href);
    return decodePng(Buffer.from(await tab.screenshot({ type: "png" })));
  } finally {
    await tab.close();
  }
}

const luminance = ([r, g, b]: [number, number, number]) => 0.2126 * r + 0.7152 * g + 0.0722 * b;

async function expectDrawn(page: string) {
  for (const dark of [false, true]) {
    const image = await screenshot(page, dark);
    expect(image.width).toBe(1000);
    const share = inkedPixels(image) / (image.width * image.height);
    // Text, axes and curves: a blank or unstyled page has next to none.
    expect(share, dark ? "dark" : "light").toBeGreaterThan(0.02);
    const bg = luminance(backgroundOf(image));
    if (dark) expect(bg).toBeLessThan(60);
    else expect(bg).toBeGreaterThan(200);
  }
}

/** The DOM as the browser built it, as HTML. */
async function dumpDom(page: string): Promise<string> {
  const tab = await browser.newPage();
  try {
    await tab.goto(pathToFileURL(page).href);
    return await tab.content();
  } finally {
    await tab.close();
  }
}

/** The DOM as the browser built it: count of each element name. */
async function domCounts(page: string, names: string[]): Promise<Record<string, number>> {
  const dom = await dumpDom(page);
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

describe("HTML pages in headless Chromium", { timeout: LAUNCH_MS }, () => {
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
    await expectDrawn(page);
    expect(await domCounts(page, ["svg", "polyline", "polygon", "script", "img"])).toEqual({
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
    const dom = await dumpDom(page);
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
    await expectDrawn(page);
    const html = readFileSync(page, "utf8");
    expect(html).toMatch(/mastering target \(110 dB SPL\)/);
    expect(await domCounts(page, ["svg", "rect", "line"])).toMatchObject({ svg: 1, rect: sources });
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
    await expectDrawn(page);
    expect(await domCounts(page, ["svg", "polyline", "table"])).toEqual({
      svg: 1,
      polyline: 2,
      table: 1,
    });
  });
});

describe("check-amp's page in a browser: names, values and rounding (issue 25)", {
  timeout: 4 * LAUNCH_MS,
}, () => {
  it("no name clipped at the left edge, no value over a name, the terminal's rounding", async () => {
    const catalog = join(tree, "long-names.yaml");
    writeFileSync(
      catalog,
      `sources:
  - id: long-amp
    brand: Extremely Long Brand Name Industries
    model: Desk Headphone Amplifier Deluxe Edition Mark Two
    type: amplifier
    outputs: [{ value: 0.2, unit: Vrms, kind: user }]
    outputImpedanceOhms: { value: 1, kind: user }
`,
    );
    const page = join(tree, "amp-long.html");
    const args = [
      "check-amp",
      "--headphone",
      "ath-m50x",
      "--role",
      "mastering",
      "--catalog",
      catalog,
    ];
    expect((await runCli([...args, "--html", page])).code).toBe(0);
    const terminal = (await runCli(args, { columns: 160 })).stdout;
    const html = readFileSync(page, "utf8");
    // Each row: its full name (title) and the value drawn beside its bar.
    const rows = html
      .split('<text class="name"')
      .slice(1)
      .map((chunk) => ({
        name: /<title>([^<]*)<\/title>/.exec(chunk)?.[1] ?? "",
        value: /class="value"[^>]*>([^<]*)</.exec(chunk)?.[1] ?? null,
      }));
    const json = JSON.parse((await runCli([...args, "--json"])).stdout);
    expect(rows.map((r) => r.name)).toEqual(
      json.checks.map((c: { source: { name: string } }) => escapeName(c.source.name)),
    );
    json.checks.forEach((c: { source: { id: string } }, i: number) => {
      const line = terminal.split("\n").find((l) => l.startsWith(`${c.source.id} `));
      const value = rows[i]?.value;
      if (value !== null && value !== undefined) expect(line).toContain(` ${value}`);
    });
    // Measured where the browser lays the text out.
    const probe = join(tree, "amp-probe.html");
    writeFileSync(
      probe,
      html.replace(
        "</body>",
        `<script>
const box = (e) => e.getBoundingClientRect();
const svg = box(document.querySelector("svg"));
const names = [...document.querySelectorAll("text.name")].map(box);
const values = [...document.querySelectorAll("text.value")].map(box);
const bars = [...document.querySelectorAll("rect.bar")].map(box);
const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
document.body.insertAdjacentHTML("beforeend", "<pre id=layout>" + JSON.stringify({
  nameLeft: Math.min(...names.map((n) => n.left - svg.left)),
  nameRight: Math.max(...names.map((n) => n.right)),
  barLeft: Math.min(...bars.map((b) => b.left)),
  overlaps: values.filter((v) => names.some((n) => hit(v, n))).length,
}) + "</pre>");
</script></body>`,
      ),
    );
    const dom = await dumpDom(probe);
    const layout = JSON.parse(/<pre id="layout">([^<]*)<\/pre>/.exec(dom)?.[1] ?? "null");
    expect(layout.nameLeft).toBeGreaterThanOrEqual(0);
    expect(layout.nameRight).toBeLessThanOrEqual(layout.barLeft);
    expect(layout.overlaps).toBe(0);
  });
});

const escapeName = (s: string) =>
  s.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
