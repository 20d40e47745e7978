#!/bin/sh
# readme.sh -- the README's two quick-start commands: each one line;
# the first installs every Debian package configure asks for and runs
# apt-get as root where there is no sudo (sudo absent from PATH) and
# through sudo where there is; .ci/run runs both word for word.
#
# Copyright (C) 2026 the capsim authors.
# SPDX-License-Identifier: GPL-3.0-or-later
srcdir=${srcdir:-.}
readme=$srcdir/README.md
status=0
fail() { echo "readme: FAIL: $*" >&2; status=1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

sh "$srcdir/tests/readme-command.sh" 1 "$readme" >"$tmp/c1"
sh "$srcdir/tests/readme-command.sh" 2 "$readme" >"$tmp/c2"
[ "$(wc -l <"$tmp/c1")" -eq 1 ] || fail "the first command is not one line"
[ "$(wc -l <"$tmp/c2")" -eq 1 ] || fail "the second command is not one line"
c1=$(cat "$tmp/c1")
[ "$(cat "$tmp/c2")" = "autoreconf -fi && ./configure && make -j2 check" ] ||
    fail "the second command is '$(cat "$tmp/c2")'"

# Every package configure names as missing (but the optional MPI and
# fuzzing ones) is in the first command's apt-get install.
packages=$(sed -n '/fuzzing/!s/.*(Debian packages*: \([^)]*\)).*/\1/p' \
           "$srcdir/configure.ac" | grep -v openmpi | tr ', ' '\n\n' |
           grep -v '^$' | sort -u)
[ -n "$packages" ] || fail "no Debian packages found in configure.ac"
for p in $packages build-essential autoconf automake libtool pkg-config; do
    case " $c1 " in
    *" $p "*) ;;
    *) fail "the first command does not install $p" ;;
    esac
done

# The apt-get part of the first command, run with stand-ins for apt-get
# and sudo: where PATH has no sudo (root in a container), apt-get runs
# directly; where it has one, apt-get runs through it.
apt_part=${c1%% && autoreconf*}
[ "$apt_part" != "$c1" ] || fail "the first command has no '&& autoreconf'"
mkdir "$tmp/nosudo" "$tmp/sudo"
for d in nosudo sudo; do
    printf '#!/bin/sh\necho "apt-get $*" >>"%s/log"\n' "$tmp/$d" \
        >"$tmp/$d/apt-get"
    chmod +x "$tmp/$d/apt-get"
done
printf '#!/bin/sh\necho "sudo $1" >>"%s/log"\nexec "$@"\n' "$tmp/sudo" \
    >"$tmp/sudo/sudo"
chmod +x "$tmp/sudo/sudo"
for d in nosudo sudo; do
    if ! PATH=$tmp/$d /bin/sh -c "$apt_part" >"$tmp/$d/out" 2>&1; then
        fail "with PATH ${d}: the apt-get part failed: $(cat "$tmp/$d/out")"
        continue
    fi
    grep -q "^apt-get update$" "$tmp/$d/log" ||
        fail "with PATH ${d}: no apt-get update"
    grep -q "^apt-get install -y .*build-essential" "$tmp/$d/log" ||
        fail "with PATH ${d}: no apt-get install -y"
done
[ "$(grep -c '^sudo apt-get$' "$tmp/sudo/log" 2>/dev/null)" -eq 2 ] ||
    fail "with sudo in PATH, apt-get does not run twice through sudo"
grep -q "^sudo" "$tmp/nosudo/log" 2>/dev/null &&
    fail "without sudo in PATH, something ran sudo"

# CI runs the README's commands, extracted, not a copy.
if [ -f "$srcdir/.ci/run" ]; then
    for n in 1 2; do
        grep -q "readme-command.sh $n" "$srcdir/.ci/run" ||
            fail ".ci/run does not run the README's command $n"
    done
fi
[ "$status" -eq 0 ] && echo "readme: both quick-start commands check out"
exit $status
