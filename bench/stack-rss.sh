#!/usr/bin/env bash
# Resident memory (RSS) of a running local stack: every process under the devstack launcher
# (./run.sh, or ./run.sh --cluster) and its Liberty servers, grouped by what it is, and the total.
# Run it in a second shell while the stack is up; it reads /proc only. PostgreSQL's processes share
# its buffers, which each one's RSS counts again: its line is an upper bound.
set -euo pipefail
launcher=$(pgrep -f 'dev.keystone.devstack.Main run' | head -1 || true)
if [ -z "$launcher" ]; then
  echo "no running stack (start ./run.sh or ./run.sh --cluster first)" >&2
  exit 1
fi
descendants() {
  local pid=$1
  echo "$pid"
  for child in $(ps -o pid= --ppid "$pid"); do
    descendants "$child"
  done
}
# Liberty detaches from its launcher (server start): found by the launcher's --wlp directory
wlp=$(tr '\0' '\n' < "/proc/$launcher/cmdline" | sed -n '/^--wlp$/{n;p}')
liberty=""
if [ -n "$wlp" ]; then
  case "$wlp" in
    /*) ;;
    *) wlp="$(readlink "/proc/$launcher/cwd")/$wlp" ;;
  esac
  liberty=$(pgrep -f "$(realpath "$wlp")/bin/tools/ws-javaagent.jar" || true)
fi
declare -A rss count
for pid in $(descendants "$launcher") $liberty; do
  [ -r "/proc/$pid/status" ] || continue
  kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
  [ -n "$kb" ] || continue
  cmd=$(tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null || true)
  case "$cmd" in
    *devstack.Main*) kind="launcher" ;;
    *greenmail*) kind="smtp (GreenMail)" ;;
    *kafka.Kafka*) kind="kafka" ;;
    *ws-javaagent.jar*) kind="liberty" ;;
    *redis-sentinel* | *sentinel*) kind="redis sentinel" ;;
    *redis-server*) kind="redis" ;;
    *postgres*) kind="postgresql (all processes)" ;;
    *) kind="other" ;;
  esac
  rss[$kind]=$(( ${rss[$kind]:-0} + kb ))
  count[$kind]=$(( ${count[$kind]:-0} + 1 ))
done
total=0
for kind in "${!rss[@]}"; do
  printf '%-28s %3d processes %8d MiB\n' "$kind" "${count[$kind]}" $(( rss[$kind] / 1024 ))
  total=$(( total + rss[$kind] ))
done | sort
for kind in "${!rss[@]}"; do total=$(( total + rss[$kind] )); done
printf '%-28s %17d MiB\n' "total" $(( total / 1024 ))
