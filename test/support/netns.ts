// Hosts made of Linux network namespaces for multi-host drills: each host is a namespace with one
// veth into a bridge in the root namespace, which plays the services machine. PostgreSQL and Redis
// listen on 127.0.0.1 only, so the services side reaches them through TCP forwarders bound to the
// bridge address (what the hosts see as the database and Redis machine). Needs root (CAP_NET_ADMIN);
// `namespacesUnavailable()` says why not where it cannot run.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { childEnv } from "./cli.js";

function ip(...args: string[]): string {
  return execFileSync("ip", args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Why namespaces cannot be made here (not root, no `ip`, no CAP_NET_ADMIN), or undefined when they can. */
export function namespacesUnavailable(): string | undefined {
  const probe = `jsprobe-${randomBytes(3).toString("hex")}`;
  try {
    ip("netns", "add", probe);
    ip("netns", "del", probe);
    return undefined;
  } catch (err) {
    const detail = (err as { stderr?: Buffer | string }).stderr?.toString().trim() || String(err);
    return `cannot create network namespaces (needs root with CAP_NET_ADMIN and iproute2): ${detail}`;
  }
}

/** A process started inside a host. */
export interface HostProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Everything it wrote to stdout so far. */
  stdout(): string;
  exited: Promise<number | null>;
}

export interface Host {
  name: string;
  /** The namespace's name (`ip netns exec <netns> …`). */
  netns: string;
  /** The host's address on the bridge. */
  address: string;
  /** Start `command` in this host with exactly `env` (plus PATH/TMPDIR, see childEnv). */
  spawn(command: string, args: readonly string[], env: Record<string, string>, cwd: string): HostProcess;
  /**
   * Power cut: SIGKILL every process in the namespace. The link stays up, so the kernel's closing
   * of their connections reaches the other side at once; with the link down those sockets retry
   * for minutes and keep the namespace alive after it is deleted.
   */
  kill(): void;
}

export interface HostNetwork {
  /** The services side's address on the bridge (forwarders and stand-ins listen here). */
  services: string;
  hosts: Map<string, Host>;
  /** Kill every process in every host, delete the namespaces and the bridge. Safe to call twice. */
  remove(): void;
}

function pidsIn(netns: string): number[] {
  try {
    return ip("netns", "pids", netns)
      .split(/\s+/)
      .filter(Boolean)
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0);
  } catch {
    return [];
  }
}

function killAll(netns: string): void {
  for (const pid of pidsIn(netns)) {
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}

/** A /24 in 10.0.0.0/8 that no interface on this machine uses yet. */
function freeSubnet(): string {
  const used = ip("-4", "-o", "addr", "show");
  for (;;) {
    const b = randomBytes(2);
    const subnet = `10.${200 + (b[0]! % 50)}.${b[1]! % 250}`;
    if (!used.includes(` ${subnet}.`)) return subnet;
  }
}

/** Make one namespace per name, each joined to a fresh bridge; the root namespace is `services`. */
export function createHostNetwork(names: readonly string[]): HostNetwork {
  const id = randomBytes(3).toString("hex");
  const subnet = freeSubnet();
  const bridge = `jsb${id}`;
  const services = `${subnet}.1`;
  const hosts = new Map<string, Host>();
  const made: string[] = [];
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    for (const ns of made) {
      killAll(ns);
      try {
        ip("netns", "del", ns);
      } catch {
        // Deleted already.
      }
    }
    try {
      ip("link", "del", bridge);
    } catch {
      // Never made.
    }
  };
  try {
    ip("link", "add", bridge, "type", "bridge");
    ip("addr", "add", `${services}/24`, "dev", bridge);
    ip("link", "set", bridge, "up");
    names.forEach((name, i) => {
      const netns = `js${id}-${name}`;
      const outside = `jsv${id}${i}`;
      const inside = `jsp${id}${i}`;
      const address = `${subnet}.${i + 2}`;
      ip("netns", "add", netns);
      made.push(netns);
      ip("link", "add", outside, "type", "veth", "peer", "name", inside);
      ip("link", "set", inside, "netns", netns);
      ip("link", "set", outside, "master", bridge);
      ip("link", "set", outside, "up");
      ip("-n", netns, "link", "set", "lo", "up");
      ip("-n", netns, "addr", "add", `${address}/24`, "dev", inside);
      ip("-n", netns, "link", "set", inside, "up");
      hosts.set(name, {
        name,
        netns,
        address,
        spawn: (command, args, env, cwd) => {
          const child = spawn("ip", ["netns", "exec", netns, command, ...args], {
            cwd,
            env: childEnv(env),
            stdio: ["ignore", "pipe", "pipe"],
          });
          let out = "";
          let err = "";
          child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
          child.stderr?.on("data", (d: Buffer) => (err += d.toString()));
          const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
          return { child, stdout: () => out, stderr: () => err, exited };
        },
        kill: () => killAll(netns),
      });
    });
  } catch (err) {
    remove();
    throw err;
  }
  return { services, hosts, remove };
}

/** A TCP forwarder: connections to `host`:(a free port) are piped to `target`. */
export interface Forwarder {
  port: number;
  close(): Promise<void>;
}

export async function startForwarder(
  host: string,
  target: { host: string; port: number },
): Promise<Forwarder> {
  const open = new Set<net.Socket>();
  const server = net.createServer((down) => {
    const up = net.connect(target.port, target.host);
    for (const s of [down, up]) {
      open.add(s);
      s.on("close", () => open.delete(s));
    }
    // Either side going away (a killed host's RST included) ends the other.
    down.on("error", () => up.destroy());
    up.on("error", () => down.destroy());
    down.pipe(up).pipe(down);
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, host, resolve);
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    close: async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
