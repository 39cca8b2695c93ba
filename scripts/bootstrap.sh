#!/usr/bin/env bash
# Installs what the project needs and is missing: Debian packages (apt-get) and npm devDependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_packages=(
  cmake g++ make pkg-config clang libclang-rt-14-dev  # native build, fuzzers (libFuzzer, ASan, UBSan)
  emscripten nlohmann-json3-dev catch2                # wasm build, JSON, tests
  libboost1.81-dev libsqlite3-dev sqlite3             # collector (Boost.Beast/Asio: HTTP)
  postgresql libpq-dev                                # collector on PostgreSQL (--db postgresql://…) and its tests
  nginx openssl                                       # tests of deploy/nginx.conf (TLS, balancer)
  libssl-dev python3                                  # collector: token hashes, webhook signatures and https://; the Python snippet test
  chromium fonts-dejavu-core                          # end-to-end tests (DejaVu: Latin, Arabic, Hebrew)
  fonts-vlgothic                                      # Japanese cards in the end-to-end tests (2.2 MB)
  wrk curl                                            # collector load benchmark
  php-cli                                             # the token snippets of docs/platforms.md (tested)
  nodejs npm
)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
# A machine may already have Node.js and npm outside Debian's packages: keep those.
if command -v node >/dev/null && command -v npm >/dev/null; then
  filtered=()
  for p in "${missing[@]}"; do [[ $p == nodejs || $p == npm ]] || filtered+=("$p"); done
  missing=("${filtered[@]}")
fi
if ((${#missing[@]})); then
  echo "bootstrap: installing Debian packages: ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}"
fi

# npm devDependencies (playwright-core drives Debian's /usr/bin/chromium; no browser download).
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  echo "bootstrap: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi
