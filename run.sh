#!/usr/bin/env bash
# Builds the EAR and the Liberty server, starts the local stack (PostgreSQL, Redis, Kafka, SMTP)
# and Liberty with the EAR, waits until /health/ready is UP, prints the URLs and stays up until
# Ctrl-C. Needs only a JDK 17+.
set -euo pipefail
cd "$(dirname "$0")"
./mvnw -q -DskipTests install
exec ./mvnw -q -pl devstack exec:exec@run
