#!/usr/bin/env bash
# Regenerates the pictures the README shows, in docs/images/, with the `backprop` command itself.
# Usage: scripts/pictures.sh   (from anywhere; about two minutes, most of it the check's 1000 epochs on dl4j)
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
images="$root/docs/images"
article="$root/examples/article"
mkdir -p "$images"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# The loss curve of the demo: the article's network, 1000 epochs of per-sample SGD, seed 1.
"$root/backprop" demo --plot "$images/loss.png" >/dev/null

# The article's network after that training (its spec and the four people, seed 1), with its weights.
"$root/backprop" train --model "$article/spec.json" --data "$article/people.csv" \
  --lr 0.1 --epochs 1000 --batch-size 1 --seed 1 --out "$work/trained.json" >/dev/null
"$root/backprop" draw --model "$work/trained.json" --out "$images/article-network.svg"

# How far every other installed backend (dl4j, reference-textbook) is from reference, parameter by
# parameter, relative as in the check table, in the gradients and after 1000 epochs.
"$root/backprop" check --model "$article/spec.json" --data "$article/people.csv" --epochs 1000 \
  --plot "$images/check-differences.png" >/dev/null

ls -l "$images"
