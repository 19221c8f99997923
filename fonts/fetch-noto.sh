#!/bin/sh
# Fetches the Noto fallback fonts of fonts/ again, from the packages they were taken from,
# and checks that they are the files in the repository (whole files, not subset).
#   NotoSansSymbols2-Regular.ttf, NotoSansSymbols-Regular.ttf, NotoSansMath-Regular.ttf:
#     Debian package fonts-noto-core 20201225-1 (/usr/share/fonts/truetype/noto/)
#   NotoEmoji-Regular.ttf (monochrome Noto Emoji 3.006, weight 400):
#     npm package @expo-google-fonts/noto-emoji 0.4.7 (400Regular/NotoEmoji_400Regular.ttf)
# Needs apt-get (after apt-get update), dpkg-deb, npm and sha256sum.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
apt-get download fonts-noto-core=20201225-1
dpkg-deb -x fonts-noto-core_20201225-1_all.deb deb
npm pack --silent @expo-google-fonts/noto-emoji@0.4.7
tar xzf expo-google-fonts-noto-emoji-0.4.7.tgz
mkdir out
for f in NotoSansSymbols2-Regular.ttf NotoSansSymbols-Regular.ttf NotoSansMath-Regular.ttf; do
    cp deb/usr/share/fonts/truetype/noto/$f out/$f
done
cp package/400Regular/NotoEmoji_400Regular.ttf out/NotoEmoji-Regular.ttf
cd out
cat > SHA256SUMS <<'SUMS'
876598db5f1e3bef2bc77c4d94c5b0d5d2c1620be4878a06f18fb5434e331688  NotoSansSymbols2-Regular.ttf
24b615ceb7d50a2c09060664ca9e24a160c9beb6bfca0563e8359369a4bc0993  NotoSansSymbols-Regular.ttf
8242bd1e55368b27e32455260754cf9aa58f3ad7ea80664b66c21f1b09910d6c  NotoSansMath-Regular.ttf
24aaa2a20c9c06ffe9bf04284bfd1f14376a329d10122f902abe2770817eb504  NotoEmoji-Regular.ttf
SUMS
sha256sum -c SHA256SUMS
cp NotoSansSymbols2-Regular.ttf NotoSansSymbols-Regular.ttf NotoSansMath-Regular.ttf NotoEmoji-Regular.ttf "$here"/
