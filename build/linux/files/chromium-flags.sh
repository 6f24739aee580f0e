# Vores Sted – sourced by Debian's /usr/bin/chromium wrapper (installed as /etc/chromium.d/vores-sted).
# Only for the kiosk session (vores-sted-session sets VORES_STED_KIOSK=1): under cage, Chromium draws as a
# native Wayland client instead of asking for an X server. Every other Chromium on the machine is unchanged.
if [ -n "${VORES_STED_KIOSK:-}" ] && [ -n "${WAYLAND_DISPLAY:-}" ]; then
  CHROMIUM_FLAGS="${CHROMIUM_FLAGS:-} --ozone-platform=wayland"
  export CHROMIUM_FLAGS
fi
