#!/usr/bin/env bash
# The SHA-256 of the PDF and the web edition of the example and of every report fixture under
# tests/fixtures/ (each alone, and the example under each fixture profile), as the release
# build renders them: `tests/hashes.sh > tests/golden/hashes.txt` records them, `tests/hashes.sh
# --compare` says which differ from the record. A move that changes no behaviour changes none.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${BOKSLUT:-target/release/bokslut}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
list() {
  echo examples/delarsbokslut-2020-syd-it.toml
  find tests/fixtures -path tests/fixtures/profiles -prune -o \( -name '*.toml' -o -name '*.json' \) -print | sort
}
hash_of() { sha256sum "$1" | cut -c1-16; }
{
  while read -r input; do
    name=$(echo "$input" | tr '/' '_')
    if "$bin" render "$input" --format pdf,html -o "$out/$name.pdf" >/dev/null 2>&1; then
      echo "$input pdf $(hash_of "$out/$name.pdf") html $(hash_of "$out/$name.html")"
    else
      echo "$input fails"
    fi
  done < <(list)
  for profile in tests/fixtures/profiles/*/profil.toml; do
    name=$(echo "$profile" | tr '/' '_')
    "$bin" render examples/delarsbokslut-2020-syd-it.toml --profile "$profile" --format pdf,html \
      -o "$out/$name.pdf" >/dev/null 2>&1
    echo "example with $profile pdf $(hash_of "$out/$name.pdf") html $(hash_of "$out/$name.html")"
  done
} > "$out/hashes.txt"
if [ "${1:-}" = --compare ]; then
  diff tests/golden/hashes.txt "$out/hashes.txt" && echo "hashes: all $(wc -l < "$out/hashes.txt") the same"
else
  cat "$out/hashes.txt"
fi
