#!/usr/bin/env bash
# Prints a dev bearer token for the local stack, signed with the key pair ./run.sh generated in
# .keystone/data/jwt (KEYSTONE_DATA_DIR moves it). A customer's subject is the customer id.
#   ./token.sh admin alice
#   curl -H "Authorization: Bearer $(./token.sh customer 42)" localhost:9080/api/products/1
set -euo pipefail
cd "$(dirname "$0")"
if [ $# -ne 2 ]; then
  echo "Usage: ./token.sh admin|customer <subject>" >&2
  exit 1
fi
exec ./mvnw -q -pl devstack exec:java -Dexec.args="token $1 $2"
