#!/bin/sh
# copyright.sh -- every source file carries the copyright and licence lines.
#
# COPYING holds the licence (GPL-3.0-or-later); each file the project
# writes says so near its top, as Debian and an adopting NHS body need:
#   Copyright (C) YEAR the capsim authors.
#   SPDX-License-Identifier: GPL-3.0-or-later
# Exits 1 naming each file without them.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later

test_name=copyright
srcdir=${srcdir:-.}
fail=0
for f in $(cd "$srcdir" && find model include tests plots -type f \
               \( -name '*.[ch]' -o -name '*.sh' -o -name '*.py' \
                  -o -name '*.gp' \) | sort) \
         configure.ac Makefile.am .ci/run; do
    [ -e "$srcdir/$f" ] || continue
    head=$(head -n 100 "$srcdir/$f")
    case $head in
        *"Copyright (C) "[0-9][0-9][0-9][0-9]" the capsim authors."*) ;;
        *) echo "$test_name: $f: no copyright line in its opening comment"
           fail=1; continue ;;
    esac
    case $head in
        *"SPDX-License-Identifier: GPL-3.0-or-later"*) ;;
        *) echo "$test_name: $f: no SPDX-License-Identifier line"; fail=1 ;;
    esac
done
[ "$fail" = 0 ] && echo "$test_name: every source file names its copyright and licence"
exit $fail
