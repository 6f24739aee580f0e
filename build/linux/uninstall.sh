#!/usr/bin/env bash
# Vores Sted – removes what build/linux/install.sh installed.
#
#   sudo build/linux/uninstall.sh [--keep-data] [--dry-run]
#
# Stops and removes the kiosk service, the app, the USB mounting, the Chromium policy and the USBGuard
# policy (the original policy is restored if there was one; otherwise USBGuard is switched off), and the
# user vores-sted with its data. --keep-data keeps /etc/vores-sted (config), /var/lib/vores-sted (installed
# content) and the user. apt packages stay installed; the script prints the command to remove them.
# Idempotent: a second run finds nothing to remove. --root <dir> works on <dir> as if it were / (tests).
set -euo pipefail

readonly APP_USER=vores-sted
dry_run=0
keep_data=0
root=""
changes=0

# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=1; shift ;;
    --keep-data) keep_data=1; shift ;;
    --root) root="${2:-}"; shift 2 ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) die "ukendt tilvalg / unknown option: $1" 2 ;;
  esac
done
if [ -n "$root" ]; then
  [ -d "$root" ] || die "--root $root findes ikke / does not exist" 2
  root="$(cd "$root" && pwd)"
fi
if live && [ "$dry_run" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
  die "kør som root: sudo $0 … / run as root" 2
fi

# Removes a file, link or folder if it is there.
remove() {
  local dest="$1" target="$root$1"
  if [ ! -e "$target" ] && [ ! -L "$target" ]; then
    say "= $dest (findes ikke / absent)"
    return 0
  fi
  changes=$((changes + 1))
  say "~ rm $dest"
  if [ "$dry_run" -eq 0 ]; then rm -rf "$target"; fi
}

if [ "$dry_run" -eq 1 ]; then
  say "vores-sted uninstall: plan (--dry-run – intet ændres / nothing is changed)"
else
  say "vores-sted uninstall"
fi

# ---------------------------------------------------------------------------------------- services
if live; then
  if systemctl cat vores-sted.service >/dev/null 2>&1; then
    changes=$((changes + 1))
    run systemctl disable --now vores-sted.service
  fi
  while IFS= read -r unit; do
    [ -n "$unit" ] && run systemctl stop "$unit"
  done < <(systemctl list-units --plain --no-legend 'vores-sted-usb@*.service' 2>/dev/null | cut -d' ' -f1)
elif [ -e "$root/etc/systemd/system/vores-sted.service" ]; then
  changes=$((changes + 1))
  say "~ disable vores-sted.service"
  if [ "$dry_run" -eq 0 ]; then systemctl --root="$root" --quiet disable vores-sted.service; fi
fi

# ---------------------------------------------------------------------------------------- files
remove /etc/systemd/system/vores-sted.service
remove /etc/systemd/system/vores-sted-usb@.service
remove /etc/udev/rules.d/90-vores-sted-usb.rules
remove /etc/pam.d/vores-sted
remove /etc/chromium/policies/managed/vores-sted.json
remove /etc/chromium.d/vores-sted
remove /usr/local/bin/vores-sted
remove /opt/vores-sted

# USBGuard: back to the policy from before the install, or off if there was none (an empty policy with
# USBGuard's implicit "block" would block every new device).
usbguard_rules=/etc/usbguard/rules.conf
if [ -f "$root$usbguard_rules.vores-sted-orig" ]; then
  changes=$((changes + 1))
  say "~ $usbguard_rules (the original policy)"
  if [ "$dry_run" -eq 0 ]; then mv "$root$usbguard_rules.vores-sted-orig" "$root$usbguard_rules"; fi
elif [ -f "$root$usbguard_rules" ] && grep -q 'Vores Sted – USBGuard policy' "$root$usbguard_rules"; then
  remove "$usbguard_rules"
  if live && systemctl is-enabled --quiet usbguard.service 2>/dev/null; then run systemctl disable --now usbguard.service; fi
fi

display_manager_marker=/etc/vores-sted/display-manager-was-enabled
if live && [ -f "$display_manager_marker" ]; then
  run systemctl enable display-manager.service
fi

if [ "$keep_data" -eq 1 ]; then
  say "= /etc/vores-sted, /var/lib/vores-sted, /var/log/vores-sted og brugeren $APP_USER beholdes (--keep-data)"
  remove "$display_manager_marker"
else
  remove /etc/vores-sted
  remove /var/lib/vores-sted
  remove /var/log/vores-sted
  if id -u "$APP_USER" >/dev/null 2>&1; then
    if live; then changes=$((changes + 1)); fi
    run userdel "$APP_USER"
  fi
fi

if live && [ "$changes" -gt 0 ]; then
  run systemctl daemon-reload
  run udevadm control --reload
fi

if [ "$changes" -eq 0 ]; then
  say "Intet at fjerne – Vores Sted er ikke installeret. / Nothing to remove."
elif [ "$dry_run" -eq 1 ]; then
  say "$changes ændring(er) ville blive lavet. / $changes change(s) would be made."
else
  say "Vores Sted er fjernet. Pakkerne kan fjernes med: sudo apt-get purge cage usbguard unclutter (og chromium, hvis den ikke bruges til andet)"
fi
