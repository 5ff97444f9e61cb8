#!/bin/sh
# setup.sh — the two quick-start commands of the README.
#
#   ./setup.sh run    install what is missing, build, start mldrill
#   ./setup.sh test   install what is missing, build with sanitizers,
#                     run the whole test suite
#
# Missing Debian packages are installed with apt-get (through sudo when not
# root).  Builds go to build/ (run) and build-test/ (test).
set -eu
cd "$(dirname "$0")"

PACKAGES="gcc libc6-dev pkg-config meson ninja-build libcjson-dev libopenblas-dev
liblapacke-dev libffi-dev libseccomp-dev libedit-dev libsqlite3-dev libcmocka-dev
libmd-dev libdw-dev libelf-dev"

install_missing() {
    missing=""
    for p in $PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
            missing="$missing $p"
    done
    [ -z "$missing" ] && return 0
    echo "setup.sh: installing$missing"
    if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}

configure() {    # configure DIR [meson options...]
    dir=$1
    shift
    if [ -f "$dir/build.ninja" ]; then
        meson configure "$dir" "$@" >/dev/null
    else
        meson setup "$dir" "$@"
    fi
}

case "${1:-}" in
run)
    shift
    install_missing
    configure build -Dtests=false
    ninja -C build
    exec build/src/mldrill "$@"
    ;;
test)
    shift
    install_missing
    configure build-test -Dtests=true -Db_sanitize=address,undefined -Db_lundef=false
    ninja -C build-test
    exec meson test -C build-test --print-errorlogs --num-processes 2 "$@"
    ;;
*)
    echo "usage: ./setup.sh run [mldrill arguments] | ./setup.sh test [meson test arguments]" >&2
    exit 2
    ;;
esac
