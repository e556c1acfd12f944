#!/usr/bin/env bash
# Builds the Debian package from a configured, built tree, installs it into a scratch root, checks what it
# contains, runs the installed binary and removes the root again. Usage: package-check.sh BUILD_DIR
set -euo pipefail
build=$(cd "${1:?usage: package-check.sh BUILD_DIR}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; exit 1; }
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb") ($(stat -c %s "$deb") bytes)"

depends=$(dpkg-deb -f "$deb" Depends)
for needed in libqt6sql6-sqlite libqt6sql6-psql qt6-qpa-plugins libqt6core6 libqt6widgets6 libqt6charts6; do
  [[ "$depends" == *"$needed"* ]] || { echo "Depends lacks $needed: $depends" >&2; exit 1; }
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
id=io.github.airm.ResilienceMonitor
for f in usr/bin/ai-resilience-monitor \
         "usr/share/applications/$id.desktop" \
         "usr/share/metainfo/$id.metainfo.xml" \
         "usr/share/icons/hicolor/scalable/apps/$id.svg" \
         "usr/share/icons/hicolor/256x256/apps/$id.png" \
         "usr/share/icons/hicolor/32x32/apps/$id.png" \
         usr/share/man/man1/ai-resilience-monitor.1 \
         usr/lib/systemd/system/ai-resilience-monitor.service \
         usr/share/doc/ai-resilience-monitor/grafana-dashboard.json \
         usr/share/doc/ai-resilience-monitor/copyright; do
  [[ -e "$root/$f" ]] || { echo "missing from the package: $f" >&2; exit 1; }
done

appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml"
version=$("$root/usr/bin/ai-resilience-monitor" --version)
echo "installed binary: $version"
[[ "$version" == "ai-resilience-monitor "* ]] || { echo "unexpected --version output" >&2; exit 1; }
echo "package check passed"
