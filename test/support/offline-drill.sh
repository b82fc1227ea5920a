#!/usr/bin/env bash
# The hermetic drill (issue #16): `npm test` with a developer's real settings present — an OpenAI key,
# Slack and Discord tokens, base URLs of the real services, in the environment and in ./.env — passes
# unchanged and sends nothing off the machine. Run as root on Linux (network namespaces):
#
#   sudo bash test/support/offline-drill.sh [vitest args…]
#
# The suite runs in a network namespace of its own with its own Redis and PostgreSQL on its loopback.
# The namespace's only other interface is a veth whose far end sits in a second, empty namespace;
# every name lookup (resolv.conf points there) and every connection to any address but loopback goes
# out through it and is captured by tcpdump on the far end. The drill fails when the suite fails or
# when a single packet left. ARP and IPv6 are off on the veth, so a quiet suite sends nothing at all.
# Needs: ip, tcpdump, redis-server, PostgreSQL's initdb/pg_ctl (Debian's postgresql package), and
# `npm ci` done (the namespace has no registry).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" -eq 0 ] || { echo "offline-drill: run as root (it creates network namespaces)" >&2; exit 2; }
for tool in ip tcpdump redis-server; do
  command -v "$tool" >/dev/null || { echo "offline-drill: needs $tool" >&2; exit 2; }
done
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$PGBIN" ] || { echo "offline-drill: needs PostgreSQL (initdb, pg_ctl)" >&2; exit 2; }

id=$$
ns="jsoff$id"
sink="jssink$id"
work=$(mktemp -d /tmp/jobscout-offline.XXXXXX)
chmod 755 "$work"
pgdata="$work/pg"
envfile_made=""
cleanup() {
  set +e
  [ -n "${tcpdump_pid:-}" ] && kill "$tcpdump_pid" 2>/dev/null && wait "$tcpdump_pid" 2>/dev/null
  ip netns exec "$ns" su postgres -c "$PGBIN/pg_ctl -D $pgdata -m immediate stop" >/dev/null 2>&1
  ip netns exec "$ns" redis-cli -p 6379 shutdown nosave >/dev/null 2>&1
  ip netns pids "$ns" 2>/dev/null | xargs -r kill -9 2>/dev/null
  ip netns pids "$sink" 2>/dev/null | xargs -r kill -9 2>/dev/null
  ip netns del "$ns" 2>/dev/null
  ip netns del "$sink" 2>/dev/null
  rm -rf "/etc/netns/$ns"
  [ -n "$envfile_made" ] && rm -f .env
  cp "$pgdata/log" /tmp/offline-drill-pg.log 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

# Two namespaces joined by a veth: the suite's, and an empty one that only listens.
ip netns add "$ns"
ip netns add "$sink"
ip link add "vo$id" type veth peer name "vs$id"
ip link set "vo$id" netns "$ns"
ip link set "vs$id" netns "$sink"
for n in "$ns" "$sink"; do
  ip netns exec "$n" sysctl -qw net.ipv6.conf.all.disable_ipv6=1 net.ipv6.conf.default.disable_ipv6=1
  ip netns exec "$n" ip link set lo up
done
ip netns exec "$ns" ip link set "vo$id" arp off up
ip netns exec "$ns" ip addr add 10.253.0.2/24 dev "vo$id"
ip netns exec "$ns" ip route add default via 10.253.0.1 dev "vo$id" onlink
ip netns exec "$sink" ip link set "vs$id" arp off up
ip netns exec "$sink" ip addr add 10.253.0.1/24 dev "vs$id"
# Name lookups go to the sink too (ip netns exec mounts /etc/netns/<ns>/resolv.conf over /etc's).
mkdir -p "/etc/netns/$ns"
echo "nameserver 10.253.0.1" >"/etc/netns/$ns/resolv.conf"

capture() {
  : >"$work/tcpdump.log"
  ip netns exec "$sink" tcpdump -i "vs$id" -n -l -U -w "$work/$1.pcap" 2>"$work/tcpdump.log" &
  tcpdump_pid=$!
  for _ in $(seq 1 50); do grep -q "listening on" "$work/tcpdump.log" 2>/dev/null && break; sleep 0.1; done
}
stop_capture() {
  sleep 1
  kill "$tcpdump_pid" 2>/dev/null && wait "$tcpdump_pid" 2>/dev/null || true
  tcpdump_pid=""
  tcpdump -n -r "$work/$1.pcap" 2>/dev/null | wc -l
}

# First prove the trap catches what it must: a name lookup and a connection to a public address.
capture control
ip netns exec "$ns" node -e '
  require("node:dns").lookup("api.openai.com", () => {});
  require("node:net").connect(443, "162.159.140.245").on("error", () => {});
  setTimeout(() => process.exit(0), 1500);'
caught=$(stop_capture control)
if [ "$caught" -eq 0 ]; then
  echo "offline-drill: the control lookup and connection left no packet: the trap does not work" >&2
  exit 2
fi
echo "offline-drill: control: a lookup and a connection were caught ($caught packets)"
capture left

# The namespace's own Redis and PostgreSQL, on its loopback (the addresses the suite uses).
ip netns exec "$ns" redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
  --logfile "$work/redis.log"
mkdir -p "$pgdata" && chown postgres "$pgdata"
ip netns exec "$ns" su postgres -c "$PGBIN/initdb -D $pgdata -A trust -U postgres" >/dev/null
ip netns exec "$ns" su postgres -c \
  "$PGBIN/pg_ctl -D $pgdata -o '-c listen_addresses=127.0.0.1 -c port=5432 -k $pgdata' -l $pgdata/log -w start" \
  >/dev/null
ip netns exec "$ns" psql -h 127.0.0.1 -U postgres -c "CREATE DATABASE test" >/dev/null
ip netns exec "$ns" psql -h 127.0.0.1 -U postgres -c "CREATE ROLE \"$(id -un)\" SUPERUSER LOGIN" >/dev/null

# A developer's settings, in the environment and in ./.env (a .env of the person's own is kept).
secrets=(
  OPENAI_API_KEY=sk-offline-drill-0000000000000000
  OPENAI_BASE_URL=https://api.openai.com/v1
  SLACK_BOT_TOKEN=xoxb-0000-offline-drill
  SLACK_SIGNING_SECRET=offline-drill-signing-secret
  SLACK_APP_TOKEN=xapp-0-offline-drill
  DISCORD_TOKEN=offline.drill.token
  LLAMA_CLOUD_API_KEY=llx-offline-drill
  LANGCHAIN_TRACING_V2=true
  LANGSMITH_API_KEY=lsv2-offline-drill
)
if [ ! -e .env ]; then
  printf '%s\n' "${secrets[@]}" >.env
  envfile_made=1
fi

rc=0
start=$SECONDS
ip netns exec "$ns" env "${secrets[@]}" npm test -- "$@" || rc=$?
echo "offline-drill: npm test exited $rc after $((SECONDS - start)) s"

left=$(stop_capture left)
if [ "$left" -ne 0 ]; then
  echo "offline-drill: $left packet(s) left the namespace — the first ones:" >&2
  tcpdump -n -r "$work/left.pcap" 2>/dev/null | head -20 >&2
  rc=1
else
  echo "offline-drill: no packet left the namespace"
fi
exit $rc
