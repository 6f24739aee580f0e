#!/usr/bin/env bash
# Vores Sted – installs the Chromium kiosk on Debian 12 / Raspberry Pi OS (bookworm), once, for good.
#
#   sudo build/linux/install.sh --public-key <key> [--display cage|x11] [--node <path>] [--dry-run]
#
# Run it from a built checkout (npm ci && npm run build). It installs for the dedicated user vores-sted:
#   - apt packages: chromium, cage (or a minimal Xorg + unclutter with --display x11), curl, usbguard,
#     espeak-ng and alsa-utils (read-aloud: offline speech, played with aplay)
#   - the app in /opt/vores-sted/app (dist, content, bin, production node_modules)
#   - /etc/vores-sted/config.json with the municipality's public key (trustedKeys) for USB content updates
#   - vores-sted.service (systemd, hardened, watchdog, restarts for ever) on tty1
#   - Chromium's managed policy (only http://127.0.0.1:8350, no downloads, printing, devtools …)
#   - USB sticks mounted for the kiosk with noexec,nosuid,nodev; USBGuard blocks anything with a keyboard
# It is idempotent: a second run changes nothing and says so. --dry-run prints the plan and changes nothing.
# --key may be the base64 line `vores-sted keys new` prints, or the path of vores-sted-public.pem.
#
# For tests and image builds: --root <dir> installs the files under <dir> as if it were /, and skips what
# needs the live system (apt, users, starting services); --source <dir> names the built checkout.
set -euo pipefail

readonly APP_USER=vores-sted
readonly MIN_NODE_MAJOR=20
readonly MIN_NODE_MINOR=19
readonly KIOSK_PORT=8350

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
files="$here/files"
source_dir="$(cd "$here/../.." && pwd)"
dry_run=0
root=""
display=cage
node_bin=""
public_key=""
changes=0

usage() {
  cat <<'TEXT'
Brug / usage: sudo build/linux/install.sh --public-key <nøgle|vores-sted-public.pem> [tilvalg]
  --public-key <k>   kommunens offentlige nøgle: base64-linjen fra "vores-sted keys new" eller stien til
                     vores-sted-public.pem (kan udelades, når config.json allerede har en nøgle)
  --display cage|x11 skærmserver: cage (Wayland, standard) eller x11 (Xorg + unclutter)
  --node <sti>       Node.js ≥ 20.19 (standard: node i PATH)
  --dry-run          vis planen uden at ændre noget / print the plan, change nothing
  --root <mappe>     installér filerne under <mappe> (test, image-bygning); springer apt, brugere og start over
  --source <mappe>   den byggede kopi af projektet (standard: to mapper over dette script)
TEXT
}

# shellcheck source-path=SCRIPTDIR
# shellcheck source=common.sh
. "$(dirname "$0")/common.sh"

while [ $# -gt 0 ]; do
  case "$1" in
    --public-key) public_key="${2:-}"; shift 2 ;;
    --display) display="${2:-}"; shift 2 ;;
    --node) node_bin="${2:-}"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    --root) root="${2:-}"; shift 2 ;;
    --source) source_dir="${2:-}"; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; die "ukendt tilvalg / unknown option: $1" 2 ;;
  esac
done

case "$display" in
  cage | x11) ;;
  *) die "--display skal være cage eller x11 / must be cage or x11" 2 ;;
esac
if [ -n "$root" ]; then
  [ -d "$root" ] || die "--root $root findes ikke / does not exist" 2
  root="$(cd "$root" && pwd)"
fi
[ -d "$source_dir" ] || die "--source $source_dir findes ikke / does not exist" 2
source_dir="$(cd "$source_dir" && pwd)"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Installs one file if it differs (content or mode) from what is there: "=" unchanged, "~" (re)written.
put() {
  local src="$1" dest="$2" mode="$3" target="$root$2"
  if [ -f "$target" ] && cmp -s "$src" "$target" && [ "$(stat -c '%a' "$target")" = "${mode#0}" ]; then
    say "= $dest"
    return 0
  fi
  changes=$((changes + 1))
  say "~ $dest"
  if [ "$dry_run" -eq 0 ]; then
    install -D -m "$mode" "$src" "$target"
  fi
}

# A folder with owner and mode; the owner only on the live system (the user does not exist under --root).
folder() {
  local dest="$1" mode="$2" owner="$3" target="$root$1"
  if [ -d "$target" ] && [ "$(stat -c '%a' "$target")" = "${mode#0}" ] && { ! live || [ "$(stat -c '%U' "$target")" = "$owner" ]; }; then
    say "= $dest/"
    return 0
  fi
  changes=$((changes + 1))
  say "~ $dest/"
  if [ "$dry_run" -eq 0 ]; then
    install -d -m "$mode" "$target"
    if live; then chown "$owner:$owner" "$target"; fi
  fi
}

# ---------------------------------------------------------------------------------------------- checks
if [ "$dry_run" -eq 1 ]; then
  say "vores-sted install: plan (--dry-run – intet ændres / nothing is changed)"
else
  say "vores-sted install"
fi
if live && [ "$dry_run" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
  die "kør som root: sudo $0 … / run as root" 2
fi

if [ -z "$node_bin" ]; then node_bin="$(command -v node || true)"; fi
if [ -z "$node_bin" ] || [ ! -x "$node_bin" ]; then die "Node.js findes ikke – installér Node.js ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR} eller nyere (se docs/install.md) / Node.js not found" 3; fi
node_version="$("$node_bin" --version)"
node_version="${node_version#v}"
IFS=. read -r node_major node_minor _ <<<"$node_version"
if [ "$node_major" -lt "$MIN_NODE_MAJOR" ] || { [ "$node_major" -eq "$MIN_NODE_MAJOR" ] && [ "$node_minor" -lt "$MIN_NODE_MINOR" ]; }; then
  die "Node.js $node_version er for gammel – kiosken kræver ${MIN_NODE_MAJOR}.${MIN_NODE_MINOR} eller nyere (se docs/install.md) / Node.js too old" 3
fi
node_bin="$(readlink -f "$node_bin")"
say "= node $node_version ($node_bin)"

for needed in dist/electron/kiosk/start.js dist/electron/cli/vores-sted.js dist/renderer/index.html content/manifest.json bin/vores-sted.js package.json; do
  [ -e "$source_dir/$needed" ] || die "$source_dir/$needed mangler – kør først: npm ci && npm run build / build first" 3
done

# The public key, checked and written the way the kiosk reads it: base64 of the raw 32-byte Ed25519 key.
key_text=""
if [ -n "$public_key" ]; then
  if [ -f "$public_key" ]; then key_text="$(cat "$public_key")"; else key_text="$public_key"; fi
fi
config_path=/etc/vores-sted/config.json
existing_config=""
if [ -f "$root$config_path" ]; then existing_config="$root$config_path"; fi
# shellcheck disable=SC2016 # JavaScript, not shell
if ! "$node_bin" -e '
  const fs = require("node:fs");
  const crypto = require("node:crypto");
  const [existingPath, keyText] = process.argv.slice(1);
  const fail = (da, en) => { process.stderr.write(`install.sh: ${da} / ${en}\n`); process.exit(2); };
  let config = {};
  if (existingPath) {
    try { config = JSON.parse(fs.readFileSync(existingPath, "utf8").replace(/^\uFEFF/, "")); }
    catch { fail(`${existingPath} er ikke gyldig JSON – ret filen eller flyt den væk`, "the existing config is not valid JSON"); }
  }
  if (keyText) {
    let raw;
    try {
      const text = keyText.trim();
      const key = text.startsWith("-----BEGIN") ? crypto.createPublicKey(text)
        : crypto.createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: Buffer.from(text, "base64").toString("base64url") }, format: "jwk" });
      if (key.asymmetricKeyType !== "ed25519") throw new Error("not ed25519");
      raw = Buffer.from(key.export({ format: "jwk" }).x, "base64url").toString("base64");
    } catch { fail("--public-key er ikke en offentlig Vores Sted-nøgle (base64-linjen eller vores-sted-public.pem)", "not a Vores Sted public key"); }
    config.bundles ??= {};
    config.bundles.trustedKeys ??= [];
    if (!config.bundles.trustedKeys.includes(raw)) config.bundles.trustedKeys.push(raw);
  }
  if (!config.bundles?.trustedKeys?.length) fail("--public-key mangler: lav nøgler med \"npx vores-sted keys new\" (se docs/install.md)", "--public-key is missing");
  config.port ??= 8350;
  config.dataDir ??= "/var/lib/vores-sted";
  config.logs ??= { dir: "/var/log/vores-sted" };
  // A public kiosk never runs the staff editor (IT may turn it on in the file by hand).
  config.editor ??= { enabled: false };
  fs.writeFileSync(process.argv[3], JSON.stringify(config, null, 2) + "\n");
' "$existing_config" "$key_text" "$work/config.json"; then
  exit 2
fi
configured_port="$("$node_bin" -e 'process.stdout.write(String(JSON.parse(require("node:fs").readFileSync(process.argv[1], "utf8")).port))' "$work/config.json")"
if [ "$configured_port" != "$KIOSK_PORT" ]; then
  say "! config.json har port $configured_port, men Chromiums politik tillader kun $KIOSK_PORT – ret politikken eller porten / port differs from the browser policy"
fi
# The kiosk's own check of the file (schema, keys), exactly as the kiosk will read it.
if ! VORES_STED_LOG_LEVEL=silent "$node_bin" "$source_dir/bin/vores-sted.js" check-config --config "$work/config.json" >"$work/check-config.txt" 2>&1; then
  cat "$work/check-config.txt" >&2
  die "config.json blev afvist af check-config / rejected by check-config" 2
fi

# ------------------------------------------------------------------------------------------ packages
# espeak-ng (with its Danish and English voices) and alsa-utils (aplay): read-aloud, see docs/install.md section 6.
packages=(chromium curl usbguard dbus libpam-systemd fonts-dejavu-core espeak-ng alsa-utils)
if [ "$display" = cage ]; then
  packages+=(cage)
else
  packages+=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils unclutter)
fi
missing=()
for package in "${packages[@]}"; do
  if [ "$package" = chromium ] && { [ -x /usr/bin/chromium ] || [ -x /usr/bin/chromium-browser ]; }; then continue; fi
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' || missing+=("$package")
done
if [ "${#missing[@]}" -eq 0 ]; then
  say "= apt: ${packages[*]}"
else
  if live; then changes=$((changes + 1)); fi
  run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi

# ---------------------------------------------------------------------------------------- user, dirs
if ! getent group render >/dev/null; then run groupadd --system render; fi
if id -u "$APP_USER" >/dev/null 2>&1; then
  say "= user $APP_USER"
else
  if live; then changes=$((changes + 1)); fi
  run useradd --system --user-group --home-dir /var/lib/vores-sted --no-create-home --shell /usr/sbin/nologin --comment "Vores Sted kiosk" "$APP_USER"
fi
folder /var/lib/vores-sted 0750 "$APP_USER"
folder /var/log/vores-sted 0750 "$APP_USER"

# ------------------------------------------------------------------------------------------------ app
# A fingerprint of what would be copied; the copy is replaced only when it changed, and then atomically.
fingerprint="$(
  cd "$source_dir"
  {
    find dist content bin -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum
    sha256sum package.json
    if [ -f package-lock.json ]; then sha256sum package-lock.json; fi
  } | sha256sum | cut -d' ' -f1
)"
app=/opt/vores-sted/app
if [ -f "$root$app/.fingerprint" ] && [ "$(cat "$root$app/.fingerprint")" = "$fingerprint" ]; then
  say "= $app/ (${fingerprint:0:12})"
else
  changes=$((changes + 1))
  say "~ $app/ (${fingerprint:0:12})"
  if [ "$dry_run" -eq 0 ]; then
    staging="$root/opt/vores-sted/app.new"
    rm -rf "$staging"
    install -d -m 0755 "$staging"
    cp -a "$source_dir/dist" "$source_dir/content" "$source_dir/bin" "$source_dir/package.json" "$staging/"
    if [ -f "$source_dir/package-lock.json" ]; then cp -a "$source_dir/package-lock.json" "$staging/"; fi
    if [ -d "$source_dir/node_modules" ]; then
      cp -a "$source_dir/node_modules" "$staging/"
      # Offline: npm only deletes what the lock file marks as dev-only.
      if [ -f "$staging/package-lock.json" ]; then
        (cd "$staging" && PATH="$(dirname "$node_bin"):$PATH" npm prune --omit=dev --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null)
      fi
    fi
    rm -rf "$staging/content/sources"
    printf '%s\n' "$fingerprint" >"$staging/.fingerprint"
    chmod -R go-w "$staging"
    rm -rf "$root/opt/vores-sted/app.old"
    if [ -d "$root$app" ]; then mv "$root$app" "$root/opt/vores-sted/app.old"; fi
    mv "$staging" "$root$app"
    rm -rf "$root/opt/vores-sted/app.old"
  fi
fi

for script in vores-sted-display vores-sted-session vores-sted-usb; do
  put "$files/$script" "/opt/vores-sted/libexec/$script" 0755
done
put "$files/vores-sted-cli" /usr/local/bin/vores-sted 0755

# ------------------------------------------------------------------------------------------- config
session_type=wayland
if [ "$display" = x11 ]; then session_type=x11; fi
cat >"$work/environment" <<EOF
# Vores Sted – written by build/linux/install.sh; read by vores-sted.service and /usr/local/bin/vores-sted.
VORES_STED_NODE=$node_bin
VORES_STED_DISPLAY=$display
XDG_SESSION_TYPE=$session_type
EOF
put "$work/environment" /etc/vores-sted/environment 0644
put "$work/config.json" "$config_path" 0644

# ------------------------------------------------------------------------------- system integration
put "$files/vores-sted.service" /etc/systemd/system/vores-sted.service 0644
put "$files/vores-sted-usb@.service" /etc/systemd/system/vores-sted-usb@.service 0644
put "$files/90-vores-sted-usb.rules" /etc/udev/rules.d/90-vores-sted-usb.rules 0644
put "$files/pam-vores-sted" /etc/pam.d/vores-sted 0644
put "$files/chromium-policy.json" /etc/chromium/policies/managed/vores-sted.json 0644
put "$files/chromium-flags.sh" /etc/chromium.d/vores-sted 0644

# USBGuard: IT's own exceptions first, then the policy, then the devices connected right now.
{
  if [ -f "$root/etc/vores-sted/usb-allow.conf" ]; then
    echo "# From /etc/vores-sted/usb-allow.conf (IT's exceptions):"
    grep -v '^[[:space:]]*\(#\|$\)' "$root/etc/vores-sted/usb-allow.conf" || true
  fi
  cat "$files/usbguard-rules.conf"
  if live && command -v usbguard >/dev/null 2>&1; then usbguard generate-policy 2>/dev/null || true; fi
} >"$work/usbguard-rules.conf"
if live && command -v usbguard >/dev/null 2>&1; then
  while IFS= read -r device; do
    say "! USBGuard vil blokere denne enhed med tastatur ved næste genstart / will block this keyboard device: $device"
  done < <(usbguard generate-policy 2>/dev/null | grep '03:01:01' | sed -E 's/.* name "([^"]*)".*/\1/' || true)
fi
usbguard_rules=/etc/usbguard/rules.conf
if [ -f "$root$usbguard_rules" ] && ! grep -q 'Vores Sted – USBGuard policy' "$root$usbguard_rules" && [ ! -f "$root$usbguard_rules.vores-sted-orig" ]; then
  changes=$((changes + 1))
  say "~ $usbguard_rules.vores-sted-orig (the original policy, restored by uninstall.sh)"
  if [ "$dry_run" -eq 0 ]; then cp -a "$root$usbguard_rules" "$root$usbguard_rules.vores-sted-orig"; fi
fi
put "$work/usbguard-rules.conf" "$usbguard_rules" 0600

# ---------------------------------------------------------------------------------------- services
if live; then
  if [ "$changes" -gt 0 ]; then
    run systemctl daemon-reload
    run udevadm control --reload
  fi
  if systemctl is-enabled --quiet display-manager.service 2>/dev/null; then
    # A desktop login screen would fight the kiosk for tty1 and the screen.
    if [ "$dry_run" -eq 0 ]; then touch /etc/vores-sted/display-manager-was-enabled; fi
    run systemctl disable display-manager.service
  fi
  for unit in vores-sted.service usbguard.service; do
    if systemctl is-enabled --quiet "$unit" 2>/dev/null; then say "= enabled $unit"; else run systemctl enable "$unit"; fi
  done
  if [ "$changes" -gt 0 ] && systemctl is-active --quiet vores-sted.service 2>/dev/null; then run systemctl restart vores-sted.service; fi
else
  if [ "$(systemctl --root="$root" is-enabled vores-sted.service 2>/dev/null || true)" = enabled ]; then
    say "= enabled vores-sted.service"
  else
    changes=$((changes + 1))
    say "~ enable vores-sted.service"
    if [ "$dry_run" -eq 0 ]; then systemctl --root="$root" --quiet enable vores-sted.service; fi
  fi
fi

# ------------------------------------------------------------------------------------------- done
if [ "$changes" -eq 0 ]; then
  say "Intet at ændre – Vores Sted er installeret. / Nothing to change."
elif [ "$dry_run" -eq 1 ]; then
  say "$changes ændring(er) ville blive lavet. / $changes change(s) would be made."
else
  say "Færdig: $changes ændring(er). Start kiosken med: sudo reboot / Done; reboot to start the kiosk."
fi
