import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { textWidth, wrapLines } from "../../src/render/text.js";

describe("textWidth agrees with string-width (how terminals count cells)", () => {
  it.each([
    "hd800s",
    "Sennheiser HD 800 S",
    "300 Ω",
    "104 dB/mW (= 115 dB/V)",
    "—",
    "██████····",
    "        │■■■     ",
    "très détaillé, équilibré",
    "出力音圧レベル 99dB/mW",
    "최대 입력",
    "🎧 headphones",
    "e\u0301",
    "\u001b[32mok\u001b[39m",
    "Ａｂｃ",
    "𠀀 (outside the BMP, wide)",
    "tab\there",
    "",
  ])("%j", (text) => {
    expect(textWidth(text)).toBe(stringWidth(text));
  });
});

describe("wrapLines", () => {
  it.each([
    [
      "open-back; very low distortion in measurements",
      20,
      ["open-back; very low", "distortion in", "measurements"],
    ],
    ["short", 20, ["short"]],
    ["a\nb c", 20, ["a", "b c"]],
    ["abcdefghijkl", 5, ["abcde", "fghij", "kl"]],
  ] as const)("%j at %i columns", (text, width, lines) => {
    expect(wrapLines(text, width)).toEqual(lines);
    for (const l of wrapLines(text, width)) expect(textWidth(l)).toBeLessThanOrEqual(width);
  });
});
