#!/usr/bin/env bash
# forge's Debian package, checked as dpkg, a user and the Dockerfile see it. Run by ctest
# (tests/packaging/CMakeLists.txt):
#   deb_test.sh build <build-dir> <deb-dir>               cpack the built binary into <deb-dir>
#   deb_test.sh <check> <deb-dir> <source-dir> <version>  one check of that .deb
set -euo pipefail

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

scratch=$(mktemp -d /tmp/forge-deb-test.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
project=''     # the user's project folder of the check that runs (see in_project)
extra_env=()   # variables that check gives forge

# The one .deb in folder $1.
deb_in() {
  local debs=("$1"/*.deb)
  [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one .deb in $1, found: ${debs[*]}"
  echo "${debs[0]}"
}

# The package names in a Depends value on stdin, one a line, sorted:
# `libc6 (>= 2.34), libfoo1 | libbar1` gives libbar1, libc6, libfoo1.
depends_names() {
  tr ',|' '\n\n' | sed -e 's/([^)]*)//g' -e 's/:[a-z0-9]*[[:space:]]*$//' -e 's/[[:space:]]//g' \
    | { grep -v '^$' || true; } | sort -u
}

# The packages owning the shared libraries that binary $1 links directly, one a line, sorted.
# Merged /usr: dpkg may know a library under /lib or /usr/lib, so each spelling is asked for, in
# one dpkg-query call (each call reads every package's file list).
library_packages() {
  local binary=$1 soname path
  objdump -p "$binary" > "$scratch/headers" || fail "objdump cannot read $binary"
  awk '$1 == "NEEDED" { print $2 }' "$scratch/headers" > "$scratch/needed"
  [ -s "$scratch/needed" ] || fail "$binary needs no shared library: not a dynamic executable?"
  ldd "$binary" > "$scratch/ldd"
  while read -r soname; do
    # `libfoo.so.1 => /path (0x...)`; the dynamic loader itself: `/path/ld-linux-x86-64.so.2 (0x...)`.
    path=$(awk -v so="$soname" '($1 == so && $2 == "=>") { print $3; exit }
                                 substr($1, length($1) - length(so)) == "/" so { print $1; exit }' \
             "$scratch/ldd")
    [ -n "$path" ] || fail "ldd finds no $soname for $binary"
    printf '%s %s\n' "$soname" "$path" "$soname" "$(readlink -f "$path")" \
      "$soname" "${path#/usr}" "$soname" "/usr$path"
  done < "$scratch/needed" > "$scratch/spellings"
  # shellcheck disable=SC2046 # one argument per path
  dpkg-query -S $(cut -d' ' -f2 "$scratch/spellings" | sort -u) > "$scratch/owned" 2> /dev/null \
    || true
  awk 'FILENAME == ARGV[1] {
         if (split($0, part, ": ") == 2) { sub(/[:,].*/, "", part[1]); owner[part[2]] = part[1] }
         next
       }
       !($1 in found) && ($2 in owner) { found[$1] = owner[$2] }
       { seen[$1] = 1 }
       END { for (so in seen) print (so in found) ? found[so] : "MISSING " so }' \
    "$scratch/owned" "$scratch/spellings" | sort -u > "$scratch/library-owners"
  if grep '^MISSING ' "$scratch/library-owners"; then
    fail "no Debian package owns the libraries above"
  fi
  cat "$scratch/library-owners"
}

# The packages that the last stage of Dockerfile $1 installs with apt-get, one a line, sorted.
# Continuation lines are joined and comment lines dropped, as Docker does; every word after
# `apt-get ... install` up to a shell separator that is not an option is a package.
dockerfile_runtime_packages() {
  awk '/^[[:space:]]*#/ { next }
       { if (sub(/\\[[:space:]]*$/, "")) { joined = joined $0 " "; next }
         print joined $0; joined = "" }' "$1" \
    | awk 'toupper($1) == "FROM" { n = 0; next }
           toupper($1) == "RUN" {
             apt = 0; installing = 0
             for (i = 2; i <= NF; i++) {
               word = $i; last = sub(/;$/, "", word)
               if (word ~ /^(&&|\|\||\||;)$/) { apt = 0; installing = 0; continue }
               if (word == "apt-get") apt = 1
               else if (apt && word == "install") installing = 1
               else if (installing && word !~ /^-/) packages[++n] = word
               if (last) { apt = 0; installing = 0 }
             }
           }
           END { for (i = 1; i <= n; i++) print packages[i] }' \
    | sort -u
}

build() {
  local build_dir=$1 deb_dir=$2
  [ -x "$build_dir/forge" ] || fail "$build_dir/forge is not built"
  rm -rf "$deb_dir"
  mkdir -p "$deb_dir"
  local started=$SECONDS
  if ! (cd "$build_dir" && cpack -G DEB -B "$deb_dir" --config CPackConfig.cmake) \
      > "$deb_dir/cpack.log" 2>&1; then
    cat "$deb_dir/cpack.log"
    fail "cpack failed"
  fi
  local deb
  deb=$(deb_in "$deb_dir")
  echo "built $deb ($(stat -c %s "$deb") bytes) in $((SECONDS - started)) s"
  dpkg-deb --info "$deb"
  dpkg-deb --contents "$deb"
  rm -rf "$deb_dir/_CPack_Packages"
}

DependsAreTheLibraryPackagesDpkgShlibdepsFinds() {
  local deb depends
  deb=$(deb_in "$1")
  depends=$(dpkg-deb --field "$deb" Depends)
  echo "Depends: $depends"
  depends_names <<< "$depends" > "$scratch/depends"
  local pattern
  for pattern in '^libc6$' '^libstdc\+\+6$' '^libpqxx-' '^libmysqlcppconn' '^libsqlite3-' \
      '^libyaml-cpp' '^libssl3$' '^libpg-query'; do
    grep -Eq "$pattern" "$scratch/depends" || fail "Depends names no package matching $pattern"
  done
  # Exactly the packages owning the libraries the packaged binary and the driver modules it
  # carries link (each named as itself or as a name it provides, as its shlibs file says), and
  # the libraries forge loads by name (below): computed, not written by hand. The modules are the
  # build tree's (<build>/embedded), the deb folder being <build>/packaging-test.
  dpkg-deb -x "$deb" "$scratch/root"
  local elf modules=()
  mapfile -t modules < <(find "$(dirname "$1")/embedded" -maxdepth 1 -name 'forge-*.so' | sort)
  # The two drivers, and libpq's libldap stand-in where the build made one.
  local module_names
  module_names=$(printf '%s\n' "${modules[@]##*/}" | grep -v '^forge-ldap-standin\.so$' | tr '\n' ' ')
  [ "$module_names" = "forge-mysql.so forge-postgres.so " ] \
    || fail "expected the two embedded driver modules, found: ${modules[*]}"
  for elf in "$scratch/root/usr/bin/forge" "${modules[@]}"; do
    library_packages "$elf"
  done > "$scratch/linked"
  # And the two libraries forge loads by name: libcrypto (to hash), libpg_query (to lint).
  local crypto pg_query
  # awk reads to the end: leaving early would kill ldconfig with SIGPIPE, failing the pipeline.
  crypto=$(ldconfig -p | awk '$1 == "libcrypto.so.3" && !found { print $NF; found = 1 }')
  [ -n "$crypto" ] || fail "ldconfig knows no libcrypto.so.3"
  pg_query=$(ldconfig -p | awk '$1 ~ /^libpg_query\.so\./ && !found { print $NF; found = 1 }')
  [ -n "$pg_query" ] || fail "ldconfig knows no libpg_query.so"
  { cat "$scratch/linked"
    for loaded in "$crypto" "$pg_query"; do
      dpkg-query -S "$(readlink -f "$loaded")" | sed 's/[:,].*//'
    done; } | sort -u > "$scratch/owners"
  local owner name
  while read -r owner; do
    echo "$owner $owner"
    dpkg-query -W -f='${Provides}' "$owner" | depends_names | sed "s/\$/ $owner/"
  done < "$scratch/owners" > "$scratch/names"
  while read -r name; do
    owner=$(awk -v name="$name" '$1 == name { print $2; exit }' "$scratch/names")
    [ -n "$owner" ] || fail "Depends names $name, which owns no library that forge links"
    echo "$owner"
  done < "$scratch/depends" | sort -u > "$scratch/depended"
  diff "$scratch/depended" "$scratch/owners" \
    || fail "the packages owning libraries that forge links (>) are not all in Depends (<)"
}

# Unpacks the .deb in folder $1 into $scratch/root, as `dpkg -i` would lay it out.
unpack() {
  dpkg -x "$(deb_in "$1")" "$scratch/root"
}

# Runs "$@" in folder $project with a clean environment (plus $extra_env), the package's
# /usr/bin first on PATH.
in_project() {
  (cd "$project" && env -i PATH="$scratch/root/usr/bin:/usr/bin:/bin" HOME="$project" \
    ${extra_env[@]+"${extra_env[@]}"} "$@")
}

# Writes unit $1 (name) with up section $2 into $project/migrations.
add_unit() {
  mkdir -p "$project/migrations"
  printf -- '-- forge:up\n%s\n' "$2" > "$project/migrations/$1.sql"
}

# The line number of the first line of $scratch/out matching $1.
line_of() {
  grep -n -m1 -- "$1" "$scratch/out" | cut -d: -f1
}

InstalledForgeMigratesASqliteProject() {
  local version=$3 forge=$scratch/root/usr/bin/forge
  local completion=$scratch/root/usr/share/bash-completion/completions/forge
  unpack "$1"
  [ -x "$forge" ] || fail "the package has no /usr/bin/forge"
  file "$forge" | grep -q ', stripped' \
    || fail "the packaged forge is not stripped: $(file "$forge")"
  local size
  size=$(stat -c %s "$forge")
  echo "packaged forge: $size bytes"
  [ "$size" -lt 20000000 ] || fail "the packaged forge is $size bytes: debug information or tests?"
  [ -f "$completion" ] || fail "the package has no bash completion"
  bash -c 'source "$1" && complete -p forge' _ "$completion" | grep -q -- '-F _forge forge' \
    || fail "sourcing the packaged completion does not register it for forge"

  project=$scratch/project extra_env=()
  add_unit 20240101000000-create-users 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);'
  add_unit 20240102000000-add-name 'ALTER TABLE users ADD COLUMN name TEXT;'
  [ "$(in_project sh -c 'command -v forge')" = "$forge" ] \
    || fail "forge on PATH is not the packaged one"
  local said
  said=$(in_project forge --version)
  [ "$said" = "forge $version" ] || fail "forge --version says '$said', not 'forge $version'"
  in_project forge db:migrate --url sqlite:db/app.sqlite3 || fail "forge db:migrate failed"
  in_project forge db:migrate:status --url sqlite:db/app.sqlite3 > "$scratch/status" \
    || fail "forge db:migrate:status failed"
  cat "$scratch/status"
  printf 'up 20240101000000-create-users\nup 20240102000000-add-name\n' | diff - "$scratch/status" \
    || fail "db:migrate:status does not show both units up"
  sqlite3 "$project/db/app.sqlite3" "SELECT name FROM pragma_table_info('users') ORDER BY cid" \
    | tr '\n' ' ' | grep -qx 'id email name ' || fail "the users table is not as the units made it"

  # The driver modules the binary carries load: PostgreSQL's parser lints a unit (no server
  # needed), and a MySQL URL with no server behind it fails to connect (exit 3), not to load its
  # driver.
  add_unit 20240103000000-index 'CREATE INDEX users_email ON users (email);'
  local code=0
  in_project forge lint --dialect postgres > "$scratch/out" 2>&1 || code=$?
  cat "$scratch/out"
  grep -qi 'concurrently' "$scratch/out" || fail "the packaged forge's PostgreSQL lint did not run"
  ! grep -q 'cannot load' "$scratch/out" || fail "the packaged forge cannot load its driver"
  code=0
  in_project forge db:migrate:status --url mysql://nobody@127.0.0.1:9/none > "$scratch/out" 2>&1 \
    || code=$?
  cat "$scratch/out"
  ! grep -q 'cannot load' "$scratch/out" || fail "the packaged forge cannot load its MySQL driver"
  [ "$code" -eq 3 ] || fail "status on a MySQL URL with no server exited $code, not 3"
}

# packaging/docker-entrypoint.sh with the packaged forge on PATH, as in the image: it migrates,
# then runs the application in its place; when migrating fails, the application never starts.
EntrypointMigratesThenRunsTheApplication() {
  local entrypoint=$2/packaging/docker-entrypoint.sh
  unpack "$1"
  project=$scratch/app extra_env=(DATABASE_URL=sqlite:db/app.sqlite3 FORGE_WAIT=5)
  add_unit 20240101000000-create-users 'CREATE TABLE users (id INTEGER PRIMARY KEY);'
  # The application says how it was started, who its parent is, and what it sees.
  local application='echo "application started as $0 $*"
    printf "its parent: %s\n" "$(tr "\0" " " < /proc/$PPID/cmdline)"
    forge db:migrate:status'
  in_project "$entrypoint" sh -c "$application" app --port 8080 > "$scratch/out" 2>&1 \
    || { cat "$scratch/out"; fail "the entrypoint failed"; }
  cat "$scratch/out"
  grep -q '^application started as app --port 8080$' "$scratch/out" \
    || fail "the application did not start, or not with its arguments"
  [ -n "$(line_of migrated)" ] || fail "the entrypoint did not migrate"
  [ "$(line_of migrated)" -lt "$(line_of '^application started')" ] \
    || fail "the application started before the migration finished"
  grep -qx 'up 20240101000000-create-users' "$scratch/out" \
    || fail "the unit is not up when the application starts"
  ! grep -q '^its parent: .*docker-entrypoint' "$scratch/out" \
    || fail "the application is not exec'd in the entrypoint's place"

  add_unit 20240102000000-broken 'CREATE TABLE broken (;'
  local code=0
  in_project "$entrypoint" sh -c 'echo application started' > "$scratch/out" 2>&1 || code=$?
  cat "$scratch/out"
  [ "$code" -eq 1 ] || fail "with a failing unit the entrypoint exited $code, not forge's 1"
  ! grep -q 'application started' "$scratch/out" \
    || fail "the application started although migrating failed"

  code=0
  in_project "$entrypoint" > "$scratch/out" 2>&1 || code=$?
  [ "$code" -eq 2 ] || fail "without an application to run, the entrypoint exited $code, not 2"
}

DockerfileRuntimePackagesAreTheDebDepends() {
  local deb source_dir=$2
  deb=$(deb_in "$1")
  dpkg-deb --field "$deb" Depends | depends_names > "$scratch/depends"
  dockerfile_runtime_packages "$source_dir/Dockerfile" > "$scratch/dockerfile"
  echo "Dockerfile runtime packages: $(tr '\n' ' ' < "$scratch/dockerfile")"
  [ -s "$scratch/dockerfile" ] \
    || fail "the Dockerfile's last stage installs no package with apt-get"
  if grep -Ev '^[a-z0-9][a-z0-9+.-]+$' "$scratch/dockerfile"; then
    fail "the words above, in the Dockerfile's apt-get install, are not package names"
  fi
  diff "$scratch/depends" "$scratch/dockerfile" \
    || fail "the .deb's Depends (<) and the Dockerfile's runtime packages (>) differ"
}

check=${1:-}
shift || true
case "$check" in
  build) build "$@" ;;
  DependsAreTheLibraryPackagesDpkgShlibdepsFinds | InstalledForgeMigratesASqliteProject \
    | EntrypointMigratesThenRunsTheApplication | DockerfileRuntimePackagesAreTheDebDepends)
    "$check" "$@"
    ;;
  *) fail "usage: deb_test.sh build <build-dir> <deb-dir> | <check> <deb-dir> <source-dir> <ver>" ;;
esac
echo "PASS: $check"
