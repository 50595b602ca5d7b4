#!/usr/bin/env bash
# Builds the EAR and the Liberty server, starts the local stack (PostgreSQL, Redis, Kafka, SMTP)
# and Liberty with the EAR, waits until /health/ready is UP, prints the URLs and stays up until
# Ctrl-C. Needs only a JDK 17+. Extra arguments go to devstack's Main (see devstack/README.md).
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -DskipTests install
./mvnw -q -pl devstack dependency:build-classpath \
  -Dmdep.outputFile=target/run.classpath -Dmdep.includeScope=runtime
# The launcher runs in its own JVM (not inside Maven), so Ctrl-C reaches its shutdown hook directly.
exec java -cp "devstack/target/classes:$(cat devstack/target/run.classpath)" \
  dev.keystone.devstack.Main run --wlp server-config/target/liberty/wlp --server keystone "$@"
