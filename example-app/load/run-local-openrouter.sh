#!/usr/bin/env bash
# OpenRouter's stand-in for trying the example app offline, on 127.0.0.1:PORT (default 8089): ExampleOpenRouter,
# test-support's LocalOpenRouter with the example's answers (models, key checks, chat completions).
#
#   example-app/load/run-local-openrouter.sh [PORT]
#
# Runs the built classes (the example app's jar for the libraries, through Spring Boot's PropertiesLauncher, and
# the test classes): build them first with ./mvnw -B -ntp -q -pl example-app -am package -DskipTests
# Settings (environment): JAR (the built example app), JAVA_HOME.
set -euo pipefail

cd "$(dirname "$0")/../.."
JAR=${JAR:-$(ls example-app/target/model-access-example-app-*.jar 2>/dev/null | grep -v original | head -1 || true)}
for built in "$JAR" example-app/target/test-classes/dev/modelaccess/example/ExampleOpenRouter.class \
  test-support/target/classes/dev/modelaccess/testsupport/openrouter/LocalOpenRouter.class; do
  [ -n "$built" ] && [ -f "$built" ] || {
    echo "not built (${built:-no example app jar}): ./mvnw -B -ntp -q -pl example-app -am package -DskipTests" >&2
    exit 1
  }
done
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$JAR" \
  -Dloader.path=example-app/target/test-classes,test-support/target/classes \
  -Dloader.main=dev.modelaccess.example.ExampleOpenRouter \
  org.springframework.boot.loader.launch.PropertiesLauncher "${1:-8089}"
