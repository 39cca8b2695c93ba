#!/bin/sh
# Prints raw and gzip -9 sizes of the given files and their gzip total (end of the wasm build).
total=0
for f in "$@"; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9c "$f" | wc -c)
  total=$((total + gz))
  printf 'pepite size: %-28s %8d bytes, %7d gzip\n' "$(basename "$f")" "$raw" "$gz"
done
printf 'pepite size: %-28s %8s        %7d gzip\n' "total" "" "$total"
