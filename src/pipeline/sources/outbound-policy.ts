// Which addresses the workers may fetch from. URLs of tracked boards, feeds and career pages come
// from chat users and from other sites (sitemaps, robots.txt, redirects), so without this a chat
// account could make the workers read internal services (SSRF): loopback, the private network, the
// cloud's metadata endpoint. Checked before each request, again inside the socket's DNS lookup (a
// name that answers differently the second time cannot slip through), and on every redirect hop.
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { HttpError } from "./http.js";

/** Every address a host name resolves to. */
export type ResolveHost = (hostname: string) => Promise<LookupAddress[]>;

/** Options for {@link createOutboundPolicy}. */
export interface OutboundPolicyOptions {
  /**
   * `JOBSCOUT_ALLOW_PRIVATE_HOSTS`: host names (`careers.intranet`, `*.corp.example`), addresses or
   * CIDRs (`10.1.0.0/16`) a self-hoster tracks on purpose; allowed on any port.
   */
  allowPrivate?: readonly string[] | undefined;
  /** The operator's `*_BASE_URL` settings: their origins are trusted as configured (`{company}` matches any label). */
  trustedBaseUrls?: readonly string[] | undefined;
  /** `JOBSCOUT_ALLOWED_PORTS`: ports besides 80 and 443 that public hosts may be fetched on. */
  allowedPorts?: readonly number[] | undefined;
  /** Name resolution; tests inject one. @defaultValue every address `dns.lookup` returns */
  resolve?: ResolveHost | undefined;
}

export interface OutboundPolicy {
  /** Refuse (non-retryable `http_refused`) a URL whose scheme, port or any resolved address is not allowed. */
  check(url: string | URL): Promise<void>;
  /** `lookup` for `http.request`: the same resolver, refusing the same addresses at connect time. */
  readonly lookup: LookupFunction;
}

/** What a refused request tells anyone: nothing about the address or what answered there. */
export const NOT_ALLOWED = "this address is not allowed";

const refused = (detail: string): HttpError =>
  new HttpError("http_refused", NOT_ALLOWED, { retryable: false, cause: new Error(detail) });

const SPECIAL_V4: Array<[string, number]> = [
  ["0.0.0.0", 8], // "this network", 0.0.0.0
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT; also Alibaba's metadata address
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local; cloud metadata 169.254.169.254
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];
const SPECIAL_V6: Array<[string, number]> = [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96], // NAT64: an IPv4 address in disguise
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7], // unique local (fd00:ec2::254 is AWS's metadata address)
  ["fe80::", 10],
  ["fec0::", 10],
  ["ff00::", 8],
];

function blockList(v4: Array<[string, number]>, v6: Array<[string, number]>): BlockList {
  const list = new BlockList();
  for (const [net, bits] of v4) list.addSubnet(net, bits, "ipv4");
  for (const [net, bits] of v6) list.addSubnet(net, bits, "ipv6");
  return list;
}

const special = blockList(SPECIAL_V4, SPECIAL_V6);
// Kept apart: BlockList also matches every IPv4 address against an IPv4-mapped IPv6 rule.
const mapped = blockList([], [["::ffff:0:0", 96]]);

/** Whether an address is one the workers must not reach unless allowed: private, loopback, link-local, metadata, multicast, unspecified, mapped. */
export function isSpecialAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return special.check(address, "ipv4");
  if (family === 6) return special.check(address, "ipv6") || mapped.check(address, "ipv6");
  return true;
}

const bare = (hostname: string): string => hostname.replace(/^\[|\]$/g, "").toLowerCase();
const portOf = (u: URL): number => (u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80);

interface Trusted {
  protocol: string;
  host: string;
  /** `{company}.jobs.personio.de` trusts every `*.jobs.personio.de`. */
  suffix: boolean;
  port: number;
}

function trustedOf(base: string): Trusted | undefined {
  try {
    const u = new URL(base.replace(/\{company\}/g, "company-placeholder"));
    const host = bare(u.hostname);
    const suffix = host.startsWith("company-placeholder.");
    return {
      protocol: u.protocol,
      host: suffix ? host.slice("company-placeholder".length) : host,
      suffix,
      port: portOf(u),
    };
  } catch {
    return undefined;
  }
}

const defaultResolve: ResolveHost = (hostname) =>
  new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

export function createOutboundPolicy(o: OutboundPolicyOptions = {}): OutboundPolicy {
  const resolve = o.resolve ?? defaultResolve;
  const ports = new Set([80, 443, ...(o.allowedPorts ?? [])]);
  const trusted = (o.trustedBaseUrls ?? []).map(trustedOf).filter((t): t is Trusted => !!t);
  const names: string[] = [];
  const allowedNets = new BlockList();
  for (const raw of o.allowPrivate ?? []) {
    const entry = raw.trim().toLowerCase();
    const [net = "", bits] = entry.split("/");
    const family = isIP(bare(net));
    if (family === 0) {
      if (entry) names.push(entry);
      continue;
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    allowedNets.addSubnet(bare(net), bits === undefined ? (family === 4 ? 32 : 128) : Number(bits), type);
  }

  const listed = (host: string): boolean =>
    names.some((n) => (n.startsWith("*.") ? host.endsWith(n.slice(1)) : host === n));
  const trustedHost = (host: string, t: Trusted): boolean =>
    t.suffix ? host.endsWith(t.host) : host === t.host;
  const addressAllowed = (address: string): boolean =>
    !isSpecialAddress(address) || allowedNets.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
  const allowListed = (address: string): boolean =>
    allowedNets.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");

  const addressesOf = async (host: string): Promise<LookupAddress[]> => {
    if (isIP(host)) return [{ address: host, family: isIP(host) }];
    try {
      return await resolve(host);
    } catch (err) {
      throw new HttpError("http_network", `${host} could not be resolved`, { retryable: true, cause: err });
    }
  };

  return {
    async check(input) {
      const u = typeof input === "string" ? new URL(input) : input;
      if (u.protocol !== "http:" && u.protocol !== "https:") throw refused(`scheme ${u.protocol}`);
      const host = bare(u.hostname);
      const port = portOf(u);
      const origin = trusted.some(
        (t) => t.protocol === u.protocol && t.port === port && trustedHost(host, t),
      );
      if (origin || listed(host)) return;
      const addresses = await addressesOf(host);
      if (addresses.length === 0) throw refused(`${host} resolves to nothing`);
      // Every address must pass: a name answering with one public and one private address is refused.
      const bad = addresses.find((a) => !addressAllowed(a.address));
      if (bad) throw refused(`${host} resolves to ${bad.address}`);
      if (!ports.has(port) && !addresses.every((a) => allowListed(a.address)))
        throw refused(`port ${port} of ${host}`);
    },
    lookup: (hostname, options, callback) => {
      const host = bare(hostname);
      addressesOf(host).then(
        (all) => {
          const wanted = all.filter((a) => !options.family || a.family === options.family);
          // The port was checked before connecting; here only the addresses matter.
          const named = listed(host) || trusted.some((t) => trustedHost(host, t));
          const bad = named ? undefined : wanted.find((a) => !addressAllowed(a.address));
          if (bad || wanted.length === 0) {
            const err = refused(`${host} resolves to ${bad?.address ?? "nothing"} at connect time`);
            callback(Object.assign(err, { code: "EADDRNOTALLOWED" }), "", 4);
          } else if (options.all) callback(null, wanted);
          else callback(null, wanted[0]?.address ?? "", wanted[0]?.family ?? 4);
        },
        (err: NodeJS.ErrnoException) => callback(err, "", 4),
      );
    },
  };
}
