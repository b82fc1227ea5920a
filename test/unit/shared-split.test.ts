// The one splitter and pager both platforms use, with their different limits.
import { describe, expect, it } from "vitest";
import { pageBy, splitText } from "../../src/bot/shared/split.js";

describe("splitText", () => {
  it("keeps every character of a hard cut and never halves an emoji or an entity, whatever the limit", () => {
    const text = `${"😀".repeat(30)}&amp;${"x".repeat(40)}`;
    for (let max = 6; max <= 40; max++) {
      const pieces = splitText(text, max);
      expect(pieces.join("")).toBe(text);
      for (const p of pieces) {
        expect(p.length).toBeLessThanOrEqual(max);
        expect(p).not.toMatch(/[\uD800-\uDBFF]$|&(a|am|amp)?$/);
      }
    }
  });
});

describe("splitText and blank paragraphs", () => {
  it("never makes a piece of only spaces (Discord and Slack refuse an empty message) from a blank paragraph between long ones", () => {
    const a = "a".repeat(1999);
    const b = "b".repeat(1999);
    expect(splitText(`${a}\n\n \n\n${b}`, 2000)).toEqual([a, b]);
    expect(splitText(`${a}\n \t \n${b}`, 2000)).toEqual([a, b]);
  });
});

describe("pageBy", () => {
  it("fills each page as far as the platform's limit allows, in order, one item at least", () => {
    const sizes = [3, 4, 2, 9, 1, 1];
    const pages = pageBy(sizes, (page, n) => page.reduce((a, b) => a + b, 0) + n <= 7);
    expect(pages).toEqual([[3, 4], [2], [9], [1, 1]]);
    expect(pageBy([], () => true)).toEqual([]);
  });
});
