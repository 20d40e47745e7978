#!/bin/sh
# readme-command.sh N [README] -- print the Nth command of the README's
# quick start (the Nth ```sh block under "## Quick start"), one line:
# what .ci/run runs and tests/readme.sh checks, so both use the
# README's words and not a copy of them.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
n=$1
readme=${2:-$(dirname "$0")/../README.md}
awk -v n="$n" '
    /^## / { inside = ($0 == "## Quick start") }
    inside && /^```sh$/ { block++; next }
    inside && /^```$/ { if (block == n) exit; next }
    inside && block == n { print }
' "$readme"
