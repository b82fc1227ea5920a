// The outbound policy on its own: which URLs the workers may fetch, with an injected resolver so
// public-looking names can be made to answer with the addresses an attacker would use.
import type { LookupAddress } from "node:dns";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/config.js";
import { HttpError } from "../../src/pipeline/sources/http.js";
import {
  createOutboundPolicy,
  isSpecialAddress,
  NOT_ALLOWED,
  type ResolveHost,
} from "../../src/pipeline/sources/outbound-policy.js";
import { outboundPolicyFor } from "../../src/pipeline/sources/registry.js";

/** A resolver answering from a table, like DNS under an attacker's control. */
function table(entries: Record<string, string[]>): ResolveHost {
  return (host) => {
    const list = entries[host];
    if (!list)
      return Promise.reject(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" }));
    return Promise.resolve(list.map((address) => ({ address, family: address.includes(":") ? 6 : 4 })));
  };
}

const REFUSED: Array<[string, string]> = [
  ["loopback", "127.0.0.1"],
  ["loopback elsewhere in 127/8", "127.8.9.10"],
  ["IPv6 loopback", "::1"],
  ["10/8", "10.1.2.3"],
  ["172.16/12", "172.16.0.1"],
  ["172.16/12, upper end", "172.31.255.254"],
  ["192.168/16", "192.168.1.10"],
  ["CGNAT 100.64/10", "100.64.0.1"],
  ["cloud metadata", "169.254.169.254"],
  ["IPv6 unique local fd00::/8", "fd00::1"],
  ["IPv6 link-local", "fe80::1"],
  ["IPv4-mapped loopback", "::ffff:127.0.0.1"],
  ["IPv4-mapped public address", "::ffff:8.8.8.8"],
  ["unspecified", "0.0.0.0"],
  ["IPv6 unspecified", "::"],
  ["multicast", "224.0.0.1"],
  ["IPv6 multicast", "ff02::1"],
  ["broadcast", "255.255.255.255"],
];

async function refusal(p: Promise<void>): Promise<HttpError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(HttpError);
  const e = err as HttpError;
  expect(e.code).toBe("http_refused");
  expect(e.retryable).toBe(false);
  // The refusal names no address and nothing any server said.
  expect(e.message).toBe(NOT_ALLOWED);
  expect(e.userMessage).toBe(NOT_ALLOWED);
  return e;
}

describe("outbound policy", () => {
  const resolve = table({
    "jobs.example.com": ["93.184.216.34"],
    "careers.evil.example": ["127.0.0.1"],
    "meta.evil.example": ["169.254.169.254"],
    "mixed.evil.example": ["93.184.216.34", "10.0.0.7"],
    "v6.evil.example": ["fd12:3456::1"],
    "intranet.corp": ["10.20.0.5"],
    "wiki.corp": ["10.30.0.9"],
  });
  const policy = createOutboundPolicy({ resolve });

  it.each(REFUSED)("refuses %s (%s) as a URL host", async (_name, address) => {
    const host = address.includes(":") ? `[${address}]` : address;
    await refusal(policy.check(`http://${host}/jobs`));
    expect(isSpecialAddress(address)).toBe(true);
  });

  it.each(REFUSED)("refuses a public-looking name resolving to %s (%s)", async (_name, address) => {
    const p = createOutboundPolicy({ resolve: table({ "careers.example.org": [address] }) });
    await refusal(p.check("https://careers.example.org/jobs/"));
  });

  it("refuses a name when any one of its addresses is private", async () => {
    await refusal(policy.check("https://mixed.evil.example/"));
    await refusal(policy.check("https://meta.evil.example/latest/meta-data/"));
    await refusal(policy.check("https://v6.evil.example/"));
  });

  it("allows public addresses on the default ports only, unless a port is allowed", async () => {
    await expect(policy.check("https://jobs.example.com/careers")).resolves.toBeUndefined();
    await expect(policy.check("http://93.184.216.34/")).resolves.toBeUndefined();
    await expect(policy.check("http://[2606:4700::1111]/")).resolves.toBeUndefined();
    await refusal(policy.check("http://jobs.example.com:6379/"));
    await refusal(policy.check("ftp://jobs.example.com/"));
    await refusal(policy.check("file:///etc/passwd"));
    const withPort = createOutboundPolicy({ resolve, allowedPorts: [8443] });
    await expect(withPort.check("https://jobs.example.com:8443/")).resolves.toBeUndefined();
  });

  it("lets a self-hoster allow intranet hosts by name, address or CIDR (any port)", async () => {
    const p = createOutboundPolicy({ resolve, allowPrivate: ["intranet.corp", "10.30.0.0/16", "127.0.0.1"] });
    await expect(p.check("http://intranet.corp:8080/jobs")).resolves.toBeUndefined();
    await expect(p.check("http://wiki.corp/careers")).resolves.toBeUndefined();
    await expect(p.check("http://127.0.0.1:4000/")).resolves.toBeUndefined();
    await refusal(p.check("http://127.0.0.2/"));
    await refusal(p.check("http://10.20.0.5/"));
    // An allowed address is allowed whatever name leads to it: the address is what was allowed.
    await expect(p.check("http://careers.evil.example:4000/")).resolves.toBeUndefined();
    await refusal(p.check("http://meta.evil.example/"));
  });

  it("lets a self-hoster allow a whole intranet domain (*.hr.corp) and an IPv6 range, a blank entry allowing nothing", async () => {
    const p = createOutboundPolicy({
      resolve: table({
        "jobs.hr.corp": ["10.40.0.1"],
        "hr.corp": ["10.40.0.2"],
        "v6.evil.example": ["fd12:3456::1"],
      }),
      allowPrivate: ["*.HR.corp", " ", "fd12:3456::/32"],
    });
    await expect(p.check("http://jobs.hr.corp:8080/jobs")).resolves.toBeUndefined();
    await refusal(p.check("http://hr.corp/")); // the wildcard names the subdomains only
    await expect(p.check("http://v6.evil.example/")).resolves.toBeUndefined();
    await expect(p.check("http://[fd12:3456::9]:9000/")).resolves.toBeUndefined();
    await refusal(p.check("http://[fd12:3457::1]/"));
    await refusal(p.check("http://10.0.0.1/"));
  });

  it("refuses a name that resolves to no address, when checked and at connect time, and one of another family", async () => {
    const p = createOutboundPolicy({
      resolve: table({ "empty.example": [], "v6only.example": ["2606:4700::1111"] }),
    });
    await refusal(p.check("https://empty.example/jobs"));
    const connect = (host: string, options: { family?: number; all?: boolean }) =>
      new Promise<{ code: string | undefined; message: string | undefined; address: unknown }>((r) =>
        p.lookup(host, options, (err, address) => r({ code: err?.code, message: err?.message, address })),
      );
    expect(await connect("empty.example", {})).toEqual({
      code: "EADDRNOTALLOWED",
      message: NOT_ALLOWED,
      address: "",
    });
    expect(await connect("v6only.example", { family: 4 })).toEqual({
      code: "EADDRNOTALLOWED",
      message: NOT_ALLOWED,
      address: "",
    });
    expect(await connect("v6only.example", { family: 6, all: true })).toEqual({
      code: undefined,
      message: undefined,
      address: [{ address: "2606:4700::1111", family: 6 }],
    });
    expect(await connect("unknown.example", {})).toEqual({
      code: "http_network",
      message: "unknown.example could not be resolved",
      address: "",
    });
    expect(isSpecialAddress("not-an-address")).toBe(true);
  });

  it("trusts the operator's base URLs by origin, including a {company} template", async () => {
    const p = createOutboundPolicy({
      resolve,
      trustedBaseUrls: [
        "http://127.0.0.1:4010",
        "http://careers.evil.example:9000/{company}",
        "https://{company}.intranet.corp",
      ],
    });
    await expect(p.check("http://127.0.0.1:4010/api/job-board-api")).resolves.toBeUndefined();
    await expect(p.check("http://careers.evil.example:9000/acme")).resolves.toBeUndefined();
    await expect(p.check("https://acme.intranet.corp/xml")).resolves.toBeUndefined();
    // Another port of the same host is not what the operator configured.
    await refusal(p.check("http://127.0.0.1:6379/"));
    await refusal(p.check("http://careers.evil.example/"));
  });

  it("refuses at connect time what the name resolves to then (no DNS-rebinding window)", async () => {
    let calls = 0;
    const rebinding: ResolveHost = () =>
      Promise.resolve([{ address: calls++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }]);
    const p = createOutboundPolicy({ resolve: rebinding });
    await expect(p.check("https://rebind.example/")).resolves.toBeUndefined();
    const got = await new Promise<{ err: NodeJS.ErrnoException | null; all: LookupAddress[] | string }>((r) =>
      p.lookup("rebind.example", { all: true }, (err, all) => r({ err, all })),
    );
    expect(got.err?.message).toBe(NOT_ALLOWED);
    const ok = await new Promise<{ err: NodeJS.ErrnoException | null; address: LookupAddress[] | string }>(
      (r) => policy.lookup("jobs.example.com", {}, (err, address) => r({ err, address })),
    );
    expect(ok).toEqual({ err: null, address: "93.184.216.34" });
  });

  it("from config: trusts the job sources' base URLs, not the chat model's, and reads the allow-list", async () => {
    const config = loadConfig(
      {
        GREENHOUSE_BASE_URL: "http://127.0.0.1:4010",
        PERSONIO_BASE_URL: "http://127.0.0.1:4020/personio/{company}",
        OPENAI_BASE_URL: "http://127.0.0.1:11434/v1",
        JOBSCOUT_ALLOW_PRIVATE_HOSTS: "10.9.0.0/16",
        JOBSCOUT_ALLOWED_PORTS: "8443",
      },
      "/tmp",
    );
    const p = outboundPolicyFor(config, resolve);
    await expect(p.check("http://127.0.0.1:4010/v1/boards/acme/jobs")).resolves.toBeUndefined();
    await expect(p.check("http://127.0.0.1:4020/personio/acme/xml")).resolves.toBeUndefined();
    await refusal(p.check("http://127.0.0.1:11434/api/tags"));
    await expect(p.check("http://10.9.8.7:9000/")).resolves.toBeUndefined();
    await expect(p.check("https://jobs.example.com:8443/")).resolves.toBeUndefined();
  });
});
