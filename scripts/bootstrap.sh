#!/usr/bin/env bash
# Installs what signoff needs and is missing. Idempotent; prints nothing when
# everything is present; on failure names what is wrong and the command that
# fixes it, and exits 3 (infrastructure). `signoff doctor` checks the same list
# (src/tools/registry.ts).
#   Debian packages (slapd, Dovecot, Apache, Chromium, poppler, …) — needs root
#   Node >= 22.12 (project-local Node 24 from the npm registry when the system one is older)
#   npm packages (npm ci when node_modules is missing or older than the lock file)
#   k6, pinned, built from its Go module into .tools/bin
#   an unprivileged user for the sandbox daemons when running as root
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TOOLS=$ROOT/.tools
NODE_VERSION=24.21.0
K6_VERSION=v2.2.0
GO_MIN=1.25
SANDBOX_USER=signoff
# Keep in step with the `install` entries of src/tools/registry.ts.
DEBIAN_PACKAGES=(slapd ldap-utils dovecot-core dovecot-imapd dovecot-lmtpd dovecot-ldap apache2 chromium fonts-liberation fonts-dejavu-core poppler-utils openssl ca-certificates)

say() { printf 'bootstrap: %s\n' "$*" >&2; }
fail() {
  say "$1"
  [ $# -lt 2 ] || say "fix: $2"
  exit 3
}
# Anything unexpected still ends loud and with the infrastructure exit code.
trap 'rc=$?; say "failed (exit $rc) at line $LINENO: $BASH_COMMAND"; exit 3' ERR
mkdir -p "$TOOLS/bin"

# --- Debian packages --------------------------------------------------------
installed=$(dpkg-query -W -f='${Package} ${db:Status-Status}\n' "${DEBIAN_PACKAGES[@]}" 2>/dev/null || true)
missing=()
for p in "${DEBIAN_PACKAGES[@]}"; do
  grep -qx "$p installed" <<<"$installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" -eq 0 ] ||
    fail "missing Debian packages: ${missing[*]}" "sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}"
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  log=$(mktemp)
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >"$log" 2>&1 ||
    { cat "$log" >&2; fail "apt-get could not install: ${missing[*]}" "apt-get update && apt-get install -y ${missing[*]}"; }
  rm -f "$log"
  # The packages start system services we do not use; the sandbox runs its own.
  for svc in slapd dovecot apache2; do
    (service "$svc" stop >/dev/null 2>&1 || true)
  done
fi

# --- Node -------------------------------------------------------------------
node_ok() { "$1" -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>22||(a===22&&b>=12)?0:1)' 2>/dev/null; }
if [ ! -x "$TOOLS/bin/node" ] || ! node_ok "$TOOLS/bin/node"; then
  system_node=$(command -v node || true)
  if [ -n "$system_node" ] && node_ok "$system_node"; then
    ln -sf "$system_node" "$TOOLS/bin/node"
  else
    command -v npm >/dev/null || fail "npm is needed to fetch Node $NODE_VERSION and there is none" "apt-get install -y nodejs npm"
    case $(uname -m) in
      x86_64) arch=x64 ;;
      aarch64) arch=arm64 ;;
      *) fail "no Node build for $(uname -m)" "install Node >= 22.12 and put it on PATH" ;;
    esac
    say "installing Node $NODE_VERSION into .tools/node (system Node is $(node --version 2>/dev/null || echo missing))"
    npm install --prefix "$TOOLS/node" --no-save --no-audit --no-fund --loglevel=error "node-linux-$arch@$NODE_VERSION" >/dev/null ||
      fail "could not fetch node-linux-$arch@$NODE_VERSION from the npm registry" "check the network / npm registry settings, then npm run bootstrap"
    ln -sf "../node/node_modules/node-linux-$arch/bin/node" "$TOOLS/bin/node"
    node_ok "$TOOLS/bin/node" || fail "the Node in .tools/bin does not run" "rm -rf .tools/node .tools/bin/node && npm run bootstrap"
  fi
fi
# Everything below (npm itself, whose shebang is `env node`) runs on that Node.
export PATH="$TOOLS/bin:$PATH"

# --- npm packages -------------------------------------------------------------
esbuild_ok() { node -e "require('esbuild').transformSync('let a: number = 1', { loader: 'ts' })" >/dev/null 2>&1; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci on Node $(node --version))"
  npm ci --no-audit --no-fund --loglevel=error >/dev/null ||
    fail "npm ci failed (output above)" "fix package.json / package-lock.json, then npm run bootstrap"
fi
# esbuild's binary comes from its optional platform package; its install script
# (allowed in package.json "allowScripts", which npm 12 enforces) only verifies it.
if ! esbuild_ok; then
  say "esbuild does not run; rebuilding it (npm rebuild esbuild)"
  npm rebuild esbuild --loglevel=error >/dev/null 2>&1 || true
  esbuild_ok || fail "esbuild does not run (is its platform package @esbuild/linux-* installed?)" "rm -rf node_modules && npm ci"
fi

# --- k6 ---------------------------------------------------------------------
if ! "$TOOLS/bin/k6" version 2>/dev/null | grep -q "k6 $K6_VERSION "; then
  GO=$(command -v go || echo /usr/local/go/bin/go)
  [ -x "$GO" ] || fail "Go >= $GO_MIN is needed to build k6 $K6_VERSION and there is none (Debian's golang is too old)" \
    "install Go >= $GO_MIN into /usr/local/go (https://go.dev/doc/install), then npm run bootstrap"
  say "building k6 $K6_VERSION from go.k6.io/k6/v2 into .tools/bin with $("$GO" version | cut -d' ' -f3) (takes a few minutes once)"
  # `go install mod@version` also asks the proxy for the module's version list,
  # which the proxy does not serve for this module; a throw-away module that
  # requires the pinned version builds the same binary.
  build=$(mktemp -d)
  trap 'rm -rf "$build"' EXIT
  printf 'module signoff.local/k6build\n\ngo %s\n\nrequire go.k6.io/k6/v2 %s\n' "$GO_MIN" "$K6_VERSION" >"$build/go.mod"
  printf '//go:build tools\n\npackage tools\n\nimport _ "go.k6.io/k6/v2"\n' >"$build/tools.go"
  export GOPROXY=${GOPROXY_K6:-https://proxy.golang.org} GOFLAGS=-mod=mod
  (cd "$build" && "$GO" mod tidy && "$GO" build -trimpath -o "$TOOLS/bin/k6.partial" go.k6.io/k6/v2) >"$build/log" 2>&1 ||
    { tail -n 30 "$build/log" >&2; fail "building k6 $K6_VERSION failed (last lines above)" "check the network to $GOPROXY, then npm run bootstrap"; }
  # Move into place only when complete, so an interrupted build never leaves a broken k6.
  mv "$TOOLS/bin/k6.partial" "$TOOLS/bin/k6"
  "$TOOLS/bin/k6" version 2>/dev/null | grep -q "k6 $K6_VERSION " || fail "the k6 just built does not report $K6_VERSION" "rm .tools/bin/k6 && npm run bootstrap"
fi

# --- sandbox user -------------------------------------------------------------
if [ "$(id -u)" -eq 0 ] && ! id -u "$SANDBOX_USER" >/dev/null 2>&1; then
  say "creating the unprivileged system user '$SANDBOX_USER' for the sandbox daemons"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$SANDBOX_USER"
fi
exit 0
