import { describe, expect, it } from "vitest";
import { companyKey } from "../../src/pipeline/dedupe/company-key.js";
import { placesCompatible, placesOf } from "../../src/pipeline/dedupe/copy-identity.js";
import { analyzeTitle, sameRole, titleKey, titleSimilarity } from "../../src/pipeline/dedupe/title-key.js";

const inBerlin = { names: ["berlin"], countries: ["DE"] };
const nowhere = { names: [], countries: [] };

describe("companyKey", () => {
  it.each([
    ["Dorfner GmbH & Co. KG", "Dorfner"],
    ["SAP SE", "SAP"],
    ["Bosch (Schweiz) AG", "BOSCH"],
    ["FERCHAU GmbH Niederlassung Nürnberg City", "Ferchau GmbH"],
    ["Randstad Deutschland GmbH & Co. KG", "Randstad"],
    ["EMW, Inc.", "EMW"],
    ["Antal Sp. z o.o.", "Antal"],
    ["KoBiS gGmbH", "KoBiS"],
    ["Human One GmbH Personaldienstleistungen", "Human One Personaldienstleistungen"],
    ["The Boring Company", "Boring Company"],
    ["Würth Elektronik eiSos GmbH & Co. KG", "Wurth Elektronik eiSos"],
  ])("%s and %s are one company", (a, b) => {
    expect(companyKey(a)).toBe(companyKey(b));
  });

  it("keeps different companies apart and never returns an empty key", () => {
    expect(companyKey("SAP Fioneer GmbH")).not.toBe(companyKey("SAP SE"));
    expect(companyKey("Deutsche Bahn AG")).not.toBe(companyKey("Deutsche Post AG"));
    expect(companyKey("AG")).toBe("ag");
  });
});

describe("titleKey", () => {
  it.each([
    ["Backend Engineer (m/w/d)", "Backend Engineer (f/m/x) - Berlin"],
    ["Backend Engineer (all genders) | Remote", "Backend-Engineer"],
    ["Softwareentwickler*in Java", "Softwareentwickler (m/w/d) Java"],
    ["Softwareentwickler:innen Java", "SoftwareentwicklerIn Java (Vollzeit/Teilzeit)"],
    ["Kaufmann/-frau für Büromanagement (m/w/d)", "Kauffrau / Kaufmann für Büromanagement"],
    ["Verkäufer in Berlin (m/w/d) ab sofort", "Verkäufer (w/m/d)"],
    ["Sachbearbeiter:in Buchhaltung (Ref. 12345)", "Sachbearbeiter Buchhaltung #4711"],
    ["Senior Java Developer", "Sr. Java Developer"],
    ["Pflegefachkraft (m/w/d) in Vollzeit", "Pflegefachkraft m|w|d"],
    ["Lagerarbeiter m-w-d", "Lagerarbeiter (d/m/w) 100% remote"],
  ])("%s ~ %s", (a, b) => {
    expect(titleKey(a, inBerlin)).toBe(titleKey(b, inBerlin));
  });

  it("strips a place the title names even when the copy itself does not say where it is", () => {
    expect(titleKey("Mechatroniker (m/w/d) – Bamberg", nowhere)).toBe(
      titleKey("Mechatroniker (m/w/d)", nowhere),
    );
    expect(analyzeTitle("Metzger/in für unsere Zentrale in Scheßlitz gesucht", nowhere)).toEqual({
      key: "gesucht metzger unsere zentrale",
      places: ["schesslitz"],
    });
    // A big city abroad after a dash is not taken for a place name of a German title.
    expect(titleKey("Engineer - Mobile", nowhere)).toBe("engineer mobile");
  });

  it("keeps the words that make a different job", () => {
    expect(titleKey("Senior Java Developer", inBerlin)).not.toBe(titleKey("Junior Java Developer", inBerlin));
    expect(titleKey("Backend Engineer", inBerlin)).not.toBe(titleKey("Frontend Engineer", inBerlin));
    expect(titleKey("C++ Developer", inBerlin)).toBe("c++ developer");
    expect(titleKey("Verkäufer 20 Wochenstunden", inBerlin)).not.toBe(
      titleKey("Verkäufer 15 Wochenstunden", inBerlin),
    );
  });

  it("takes an added or dropped word as a reworded copy, a swapped word or another level as another role", () => {
    const key = (t: string) => titleKey(t, inBerlin);
    expect(sameRole(key("Backend Engineer"), key("Backend Engineer Platform (m/w/d)"), 0.5)).toBe(true);
    expect(sameRole(key("Chef de Rang (m/w/d)"), key("Commis de Rang (m/w/d)"), 0.5)).toBe(false);
    expect(sameRole(key("Chef de Rang"), key("Chef de Partie"), 0.5)).toBe(false);
    expect(
      sameRole(
        key("Account Executive, Enterprise Germany"),
        key("Account Executive, Enterprise Frankfurt"),
        0.5,
      ),
    ).toBe(false);
    expect(sameRole(key("CDT Analyst"), key("CDT Analyst II"), 0.5)).toBe(false);
    expect(sameRole(key("Engineer"), key("Cloud Infrastructure Security Engineer"), 0.5)).toBe(false);
  });

  it("measures title similarity by role words, pay figures aside", () => {
    expect(titleSimilarity("backend engineer", "backend engineer")).toBe(1);
    expect(titleSimilarity("backend engineer", "backend engineer payments")).toBeCloseTo(2 / 3);
    expect(titleSimilarity("backend engineer", "engineer frontend")).toBeCloseTo(1 / 3);
    expect(titleSimilarity("000 5 altenpflegerin", "000 5 pflegefachkraft")).toBe(0);
  });
});

describe("places", () => {
  const at = (...cities: Array<[string, string?]>) =>
    placesOf({
      locations: cities.map(([city, postalCode]) => ({
        city,
        country: "DE",
        ...(postalCode ? { postalCode } : {}),
      })),
    });
  const country = (c: string) => placesOf({ locations: [{ country: c }] });

  it("knows one city under its names and tells neighbouring towns apart", () => {
    expect(placesCompatible(at(["Munich"]), at(["München"]))).toBe(true);
    expect(placesCompatible(at(["Frankfurt"]), at(["Frankfurt am Main"]))).toBe(true);
    expect(placesCompatible(at(["Berlin"]), at(["Berlin-Mitte"]))).toBe(true);
    expect(placesCompatible(at(["Bamberg"]), at(["Bischberg"]))).toBe(false);
    expect(placesCompatible(at(["Bamberg"]), at(["Nürnberg"], ["Bamberg"]))).toBe(true);
  });

  it("tells branches in one city apart by postal code, and lets a copy without a city fit its country", () => {
    expect(placesCompatible(at(["Forchheim", "91301"]), at(["Forchheim", "91302"]))).toBe(false);
    expect(placesCompatible(at(["Forchheim", "91301"]), at(["Forchheim"]))).toBe(true);
    expect(placesCompatible(at(["Forchheim"]), country("DE"))).toBe(true);
    expect(placesCompatible(at(["Forchheim"]), country("AT"))).toBe(false);
    expect(placesCompatible(placesOf({ locations: [] }), at(["Forchheim"]))).toBe(true);
  });
});
