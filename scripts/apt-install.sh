# Sourced by the setup scripts: apt_install TAG PACKAGE... installs missing Debian packages when root; otherwise
# prints the exact command to run and exits 3. Nothing to do when no package is named. Needs setup-step.sh sourced
# first: each apt-get is retried once, then reported with the tail of its output.
apt_install() {
  local tag=$1; shift
  [ $# -gt 0 ] || return 0
  if [ "$(id -u)" = 0 ]; then
    echo "[$tag] apt-get install $*"
    export DEBIAN_FRONTEND=noninteractive
    setup_step "$tag" apt-get update -qq
    # Postinst scripts that try to start systemd units are refused harmlessly without systemd.
    setup_step "$tag" apt-get install -y -qq --no-install-recommends "$@"
  else
    echo "[$tag] missing system packages: $*" >&2
    echo "[$tag] run: sudo apt-get install -y --no-install-recommends $*" >&2
    exit 3
  fi
}
