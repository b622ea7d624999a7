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
