#!/usr/bin/env bash
# The staged-release check (.ci/run runs it after `./mvnw verify`; it also runs alone, from any folder):
#   1. makes a throwaway signing key for this run (gpg), nothing else is ever signed with it;
#   2. shows that the release profile refuses to run without MAVEN_GPG_KEY, or with a key that cannot sign, and
#      stages nothing then;
#   3. stages a signed release of a clean copy of the checkout into a temporary folder with the command of
#      RELEASING.md, verifies every signature, and checks the staged files (release/StagedReleaseCheck.java): jar,
#      POM, sources, javadoc and signatures of every published module, Central's POM metadata, Automatic-Module-Name,
#      a starter without classes, a clean BOM, nothing unpublished, and jars byte-identical to the first build's
#      (the checkout's target/ after `./mvnw verify`: two clean builds of one commit);
#   4. builds release/host-check, a host application outside the reactor whose POM is the README's quick start,
#      against the staged folder only: a fresh local repository, the usual cache as a read-only tail WITHOUT
#      dev/modelaccess, and a proof from the host's class path that every model-access jar came from the staging
#      folder. Its test starts on real PostgreSQL and answers one user's dropdown and one admin approval.
# Needs a JDK 21+ as JAVA_HOME (or java on the PATH) and gpg. Keeps its temporary folder when it fails.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/model-access-release-check.XXXXXX")
STARTED=$(date +%s)
trap 'status=$?; if [ $status -eq 0 ]; then rm -rf "$WORK"; else echo "release check FAILED; its files are in $WORK" >&2; fi' EXIT

step() { echo "== release check [$(($(date +%s) - STARTED))s]: $*"; }
fail() { echo "release check: $*" >&2; exit 1; }
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
CACHE="$HOME/.m2/repository"
# The deploy lifecycle installs too: into a throwaway local repository here, never into the shared cache, which
# only serves the build's third-party artifacts, read-only
MVN_FLAGS=(-B -ntp -Dmaven.repo.local="$WORK/build-repository")
[ -d "$CACHE" ] && MVN_FLAGS+=(-Dmaven.repo.local.tail="$CACHE")
RELEASE_VERSION=$(sed -n 's:^  <version>\(.*\)</version>:\1:p' "$ROOT/pom.xml" | head -1)

command -v gpg >/dev/null || fail "gpg is needed to make the throwaway key and verify signatures (apt-get install gnupg)"

step "a throwaway signing key"
export GNUPGHOME="$WORK/gnupg"
mkdir -m 700 "$GNUPGHOME"
PASSPHRASE=$(head -c 24 /dev/urandom | base64)
gpg --batch --quiet --pinentry-mode loopback --passphrase "$PASSPHRASE" \
  --quick-gen-key "model-access release check, throwaway <release-check@modelaccess.invalid>" ed25519 sign 1d 2>/dev/null
FINGERPRINT=$(gpg --batch --with-colons --list-secret-keys | awk -F: '$1 == "fpr" { print $10; exit }')
KEY=$(gpg --batch --pinentry-mode loopback --passphrase "$PASSPHRASE" --armor --export-secret-keys "$FINGERPRINT")

step "a clean copy of the checkout"
mkdir "$WORK/src"
if git -C "$ROOT" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  # Tracked and new files as they are in the work tree, nothing ignored (no target/)
  (cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
    [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf -) | tar -C "$WORK/src" -xf -
else
  tar -C "$ROOT" --exclude='./.git' --exclude='target' -cf - . | tar -C "$WORK/src" -xf -
fi
cd "$WORK/src"

step "the release profile refuses to run without MAVEN_GPG_KEY"
if env -u MAVEN_GPG_KEY -u MAVEN_GPG_PASSPHRASE ./mvnw "${MVN_FLAGS[@]}" -P release -DskipTests \
  -DaltDeploymentRepository="staging::file://$WORK/no-key" deploy >"$WORK/no-key.log" 2>&1; then
  fail "a release without MAVEN_GPG_KEY succeeded (see $WORK/no-key.log)"
fi
grep -q "set MAVEN_GPG_KEY" "$WORK/no-key.log" || fail "the failure without a key does not name MAVEN_GPG_KEY ($WORK/no-key.log)"
[ ! -e "$WORK/no-key" ] || fail "a release without a key staged files into $WORK/no-key"

step "the release profile refuses a key that cannot sign, and stages nothing"
if MAVEN_GPG_KEY="not a key" MAVEN_GPG_PASSPHRASE="" ./mvnw "${MVN_FLAGS[@]}" -P release -DskipTests \
  -DaltDeploymentRepository="staging::file://$WORK/bad-key" deploy >"$WORK/bad-key.log" 2>&1; then
  fail "a release with an unusable key succeeded (see $WORK/bad-key.log)"
fi
[ ! -e "$WORK/bad-key" ] || fail "a release with an unusable key staged files into $WORK/bad-key"
grep -n "ERROR.*gpg" "$WORK/bad-key.log" | head -2 || true

step "staging a signed release: ./mvnw -P release -DskipTests -DaltDeploymentRepository=staging::file://… deploy"
STAGING="$WORK/staging"
MAVEN_GPG_KEY="$KEY" MAVEN_GPG_PASSPHRASE="$PASSPHRASE" ./mvnw "${MVN_FLAGS[@]}" -P release -DskipTests \
  -DaltDeploymentRepository="staging::file://$STAGING" deploy >"$WORK/stage.log" 2>&1 \
  || { tail -40 "$WORK/stage.log"; fail "staging the release failed"; }

step "verifying every signature against the throwaway key"
signatures=0
while IFS= read -r -d '' asc; do
  gpg --batch --status-fd 1 --verify "$asc" "${asc%.asc}" 2>/dev/null | grep -q "VALIDSIG $FINGERPRINT" \
    || fail "bad signature: $asc"
  signatures=$((signatures + 1))
done < <(find "$STAGING" -name '*.asc' -print0)
[ "$signatures" -gt 0 ] || fail "no signature was staged"
echo "$signatures signatures verified"
# Every staged jar and POM is signed (the metadata and checksums are the repository's, not signed)
while IFS= read -r -d '' file; do
  [ -f "$file.asc" ] || fail "not signed: $file"
done < <(find "$STAGING" \( -name '*.jar' -o -name '*.pom' \) -print0)

step "checking the staged modules"
compare=()
if [ -f "$ROOT/core/target/model-access-core-$RELEASE_VERSION.jar" ]; then
  compare=(--compare-with-checkout-jars)
else
  echo "(no jars of a first build in $ROOT: run ./mvnw verify first to compare two builds byte for byte)"
fi
"$JAVA" "$ROOT/release/StagedReleaseCheck.java" "$STAGING" "$ROOT" "${compare[@]}"

step "a host outside the reactor, resolving model-access from the staged folder only"
HOST="$WORK/host"
cp -r "$ROOT/release/host-check" "$HOST"
cp -r "$ROOT/mvnw" "$ROOT/.mvn" "$HOST/"
# The usual cache serves third-party artifacts read-only, minus dev/modelaccess (an earlier `install` may have put
# model-access there): a symlinked copy of its folders without that one
TAIL="$WORK/tail"
mkdir -p "$TAIL/dev"
if [ -d "$CACHE" ]; then
  for entry in "$CACHE"/*; do [ "$(basename "$entry")" = dev ] || ln -s "$entry" "$TAIL/"; done
  for entry in "$CACHE"/dev/*; do
    [ -e "$entry" ] && [ "$(basename "$entry")" != modelaccess ] && ln -s "$entry" "$TAIL/dev/"
  done
fi
FRESH="$WORK/m2"
HOST_FLAGS=(-B -ntp -Dmaven.repo.local="$FRESH" -Dmaven.repo.local.tail="$TAIL"
  -Dmodelaccess.staging.url="file://$STAGING" -Dmodelaccess.fresh.repository="$FRESH")
(cd "$HOST" && ./mvnw "${HOST_FLAGS[@]}" verify >"$WORK/host.log" 2>&1) \
  || { tail -60 "$WORK/host.log"; fail "the host application failed against the staged release"; }
grep -E "Tests run:.*Fail" "$WORK/host.log" | tail -1 || true

step "proving where the host's model-access jars came from"
(cd "$HOST" && ./mvnw "${HOST_FLAGS[@]}" -q dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/host-classpath.txt" >"$WORK/host-classpath.log" 2>&1) \
  || { tail -20 "$WORK/host-classpath.log"; fail "the host's class path could not be listed"; }
found=0
for jar in $(tr ':' '\n' <"$WORK/host-classpath.txt" | grep '/dev/modelaccess/'); do
  case "$jar" in "$FRESH"/*) ;; *) fail "$jar did not come from the staged release" ;; esac
  grep -q ">model-access-staging=" "$(dirname "$jar")/_remote.repositories" \
    || fail "$jar is not recorded as downloaded from the staging repository"
  found=$((found + 1))
done
for artifact in core openrouter jooq crypto-tink spring-boot-autoconfigure spring-boot-starter test-support; do
  grep -q "/model-access-$artifact-[^/]*\.jar" "$WORK/host-classpath.txt" \
    || fail "model-access-$artifact is not on the host's class path"
done
if [ -d "$FRESH/dev/modelaccess" ] && find "$FRESH/dev/modelaccess" -name 'maven-metadata-local.xml' | grep -q .; then
  fail "a model-access artifact was installed locally into the fresh repository"
fi
echo "$found model-access jars on the host's class path, all from the staged folder"

step "done: the staged release is complete, signed and adoptable"
