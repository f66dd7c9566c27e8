#!/usr/bin/env bash
# System packages for the integration tier: Debian's PyTorch (CPU) for the PyTorch example, and Slurm 22.05 with munge
# for the Slurm launcher (the tests start and stop their own cluster on localhost; see test/support/slurm-cluster.ts).
# Without root, prints the exact command and exits 3.
set -euo pipefail
source "$(dirname "$0")/setup-step.sh"
source "$(dirname "$0")/apt-install.sh"
need=()
/usr/bin/python3 -c 'import torch' >/dev/null 2>&1 || need+=(python3-torch)
# The Debian package names of the daemons and client tools the Slurm tests run.
for pair in slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client munged:munge; do
  bin=${pair%%:*}; pkg=${pair#*:}
  command -v "$bin" >/dev/null 2>&1 || [ -x "/usr/sbin/$bin" ] || need+=("$pkg")
done
apt_install setup-integration "${need[@]}"
# munge's postinst creates the key; make sure of it (a key is what lets slurmctld and slurmd trust each other).
if [ "$(id -u)" = 0 ] && [ ! -s /etc/munge/munge.key ]; then
  echo "[setup-integration] creating /etc/munge/munge.key"
  runuser -u munge -- mungekey --create --keyfile=/etc/munge/munge.key
fi
echo "[setup-integration] ready: $(/usr/bin/python3 -c 'import torch; print("torch", torch.__version__)'), slurm $(dpkg-query -W -f='${Version}' slurm-client 2>/dev/null || echo missing)"
