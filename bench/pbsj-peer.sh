#!/usr/bin/env bash
# pbs-client as a peer of the shared benchmark harness (contract of its peers.d/command.sh):
#   pbsj-peer.sh --version | init REPO | backup REPO LABEL PATH | restore REPO LABEL DIR | stats REPO
#
# Local mode (default): REPO is a datastore directory written by the client itself.
# Server mode: set PBSJ_BENCH_SERVER=<user@realm!token@host:port> and PBS_PASSWORD / PBS_FINGERPRINT;
# REPO's last path component names a datastore that must exist on that server
# (e.g. created with bin/pbs-manager datastore create tree /srv/bench/tree).
#
# Labels (a1, a2, ...) map to snapshots of one backup group per repository, so the second
# backup of a path builds on the first as PBS clients do. The mapping is kept beside REPO.
set -euo pipefail
HERE=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
CLIENT=${PBSJ_CLIENT:-$HERE/../bin/pbs-client}

repository() {
    local repo=$1
    if [[ -n ${PBSJ_BENCH_SERVER:-} ]]; then
        echo "${PBSJ_BENCH_SERVER}:$(basename "$repo")"
    else
        echo "$repo"
    fi
}

labels_dir() {
    echo "$1.labels"
}

case ${1:-} in
    --version)
        "$CLIENT" version | head -1
        ;;
    init)
        repo=$2
        mkdir -p "$(labels_dir "$repo")"
        [[ -n ${PBSJ_BENCH_SERVER:-} ]] || mkdir -p "$repo/.chunks"
        ;;
    backup)
        repo=$2 label=$3 path=$4
        abs=$(readlink -f "$path")
        name=$(basename "$abs")
        extra=()
        if [[ -d $abs ]]; then
            spec="root.pxar:$abs" archive=root.pxar
            # split archives, reusing the payload of files whose metadata did not change
            extra=(--change-detection-mode "${PBSJ_BENCH_CHANGE_DETECTION:-metadata}")
        else
            spec="disk.img:$abs" archive=disk.img
        fi
        # one snapshot per second at most: wait for the next second if needed
        time=$(date +%s)
        last=$(cat "$(labels_dir "$repo")/.last" 2>/dev/null || echo 0)
        if (( time <= last )); then time=$((last + 1)); fi
        "$CLIENT" backup "$spec" "${extra[@]}" --repository "$(repository "$repo")" --backup-id bench --backup-time "$time" >/dev/null
        echo "$time" > "$(labels_dir "$repo")/.last"
        echo "host/bench/$time $archive $name" > "$(labels_dir "$repo")/$label"
        ;;
    restore)
        repo=$2 label=$3 dir=$4
        read -r snap archive name < "$(labels_dir "$repo")/$label"
        time=${snap##*/}
        snapshot="host/bench/$(date -u -d "@$time" +%Y-%m-%dT%H:%M:%SZ)"
        "$CLIENT" restore "$snapshot" "$archive" "$dir/$name" --repository "$(repository "$repo")" >/dev/null
        ;;
    stats)
        repo=$2
        if [[ -d $repo/.chunks ]]; then
            echo "chunks=$(find "$repo/.chunks" -type f | wc -l)"
        fi
        ;;
    *)
        echo "usage: $0 --version | init REPO | backup REPO LABEL PATH | restore REPO LABEL DIR | stats REPO" >&2
        exit 2
        ;;
esac
