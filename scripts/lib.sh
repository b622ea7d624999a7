# Shared helpers for the scripts in this folder. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
export PATH="$TOOLS/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"

step() { printf '\n==> %s\n' "$*"; }
now() { date +%s; }
took() { printf '    (%ss)\n' "$(( $(now) - $1 ))"; }

# The wasm-bindgen version Cargo.lock pins: the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' "$ROOT/Cargo.lock"
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root to run: $*" >&2; return 1; fi
}

APT_UPDATED=0
apt_install() {
  if [ "$APT_UPDATED" = 0 ]; then as_root apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

pg_bindir() {
  local d
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && { echo "$d"; return 0; }; done
  return 1
}

# The session cookie (name=value) of a demo person signed in at BASE: `demo_session BASE LOGIN`.
demo_session() {
  curl -s -o /dev/null -D - -X POST "$1/api/accounts/login" \
    -H "Origin: $1" -H 'Accept: application/json' \
    --data-urlencode "login=$2" --data-urlencode 'password=passerelle-demo' \
    | awk -F'[ ;]' 'tolower($1) == "set-cookie:" && $2 ~ /^passerelle_session=/ { print $2 }'
}

# A release passerelle for the benches: `bench_server PORT` builds the server, fills a temporary
# data directory with the demo data (`--scale large` on top unless SCALE=small), serves it on
# 127.0.0.1:PORT and waits until it is ready. Sets BIN, DATA, PID and BASE; the caller's EXIT trap
# should `kill $PID; rm -rf "$DATA"`.
bench_server() {
  cargo build -q -p server --bin passerelle --profile server-release
  BIN="$ROOT/target/server-release/passerelle"
  DATA="$(mktemp -d)"
  export PASSERELLE_DATA_DIR="$DATA" LEPTOS_SITE_ADDR="127.0.0.1:$1" RUST_LOG=warn
  local t; t=$(now)
  if [ "${SCALE:-large}" = large ]; then
    "$BIN" demo-data --scale large >/dev/null
  else
    "$BIN" demo-data >/dev/null
  fi
  echo "demo data (${SCALE:-large}): $(( $(now) - t )) s"
  "$BIN" serve >"$DATA/server.log" 2>&1 &
  PID=$!
  BASE="http://127.0.0.1:$1"
  for _ in $(seq 100); do curl -fs "$BASE/ready" >/dev/null && return 0; sleep 0.2; done
  echo "bench_server: passerelle did not start (log: $DATA/server.log)" >&2
  return 1
}
