#!/bin/sh
# Makes the Windows and macOS icons from toktrace.png (256 x 256), the one drawn icon: jpackage wants
# an .ico on Windows and an .icns on macOS. Both are kept in git, so a build on those systems needs
# neither tool; run this again after changing the PNG. Needs ImageMagick's convert and png2icns
# (Debian: apt-get install imagemagick icnsutils).
set -eu
cd "$(dirname "$0")"
png=toktrace.png
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Windows: one file with every size Explorer and the Start menu ask for
convert "$png" -define icon:auto-resize=256,128,64,48,32,24,16 windows/resources/toktrace.ico

# macOS: png2icns takes one 32-bit PNG per size; 256 is the largest the source has, and scaling it
# up would only blur it
for size in 16 32 48 128 256; do
  convert "$png" -resize "${size}x${size}" "PNG32:$tmp/$size.png"
done
png2icns macos/resources/toktrace.icns "$tmp/16.png" "$tmp/32.png" "$tmp/48.png" "$tmp/128.png" "$tmp/256.png" >/dev/null
