#!/usr/bin/env bash
# Prints a dev bearer token for the local stack: RS256, valid for one hour, signed with the private key
# ./run.sh generated in .keystone/data/jwt (KEYSTONE_DATA_DIR moves it). Run ./run.sh once first; the stack
# need not be running. A customer's subject is the customer id.
# It signs with openssl and starts neither Maven nor a JVM (well under 0.1 s); without openssl it runs
# devstack's `Main token` with java on the classes ./run.sh built (about 0.5 s). The header and claims
# (iss, aud, sub, upn, groups, iat, exp, jti) are byte for byte those of dev.keystone.devstack.DevTokens,
# which devstack's TokenScriptTest checks.
#   ./token.sh admin alice
#   curl -H "Authorization: Bearer $(./token.sh customer 42)" localhost:9080/api/products/1
set -euo pipefail
cd "$(dirname "$0")"

usage() {
  echo "Usage: ./token.sh admin|customer <subject>" >&2
  exit 1
}
[ $# -eq 2 ] || usage
role=$1
subject=$2
case $role in admin | customer) ;; *) usage ;; esac

# Must match JwtKeys.DEV_ISSUER / DEV_AUDIENCE and DevTokens' default lifetime.
issuer=https://keystone.local/devstack
audience=keystone-api
lifetime=3600

data=${KEYSTONE_DATA_DIR:-.keystone/data}
key=$data/jwt/private-key.pem
if [ ! -f "$key" ]; then
  case $data in /*) abs=$data ;; *) abs=$PWD/$data ;; esac
  echo "No token signing key in $abs/jwt: run ./run.sh once first (it generates the key pair)." >&2
  exit 1
fi
if [ ! -r "$key" ]; then
  echo "Cannot read $key (it is mode 600: run token.sh as the user who ran ./run.sh)." >&2
  exit 1
fi

if ! command -v openssl >/dev/null 2>&1; then
  # No openssl: the same token from devstack's own code, on the classes ./run.sh built (no Maven).
  if [ -d devstack/target/classes ]; then
    cp=devstack/target/classes
    [ -f devstack/target/run.classpath ] && cp=$cp:$(cat devstack/target/run.classpath)
    exec java -cp "$cp" dev.keystone.devstack.Main token "$role" "$subject"
  fi
  echo "token.sh needs openssl, or devstack built by ./run.sh (devstack/target/classes)." >&2
  exit 1
fi

# A JSON string as DevTokens writes it: " and \ escaped, control characters as \u00xx, the rest as is.
json() {
  local LC_ALL=C s=$1 out='' c i
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  if [[ $s == *[$'\001'-$'\037']* ]]; then
    for ((i = 0; i < ${#s}; i++)); do
      c=${s:i:1}
      if [[ $c == [$'\001'-$'\037'] ]]; then
        printf -v c '\\u%04x' "'$c"
      fi
      out+=$c
    done
    s=$out
  fi
  printf '"%s"' "$s"
}

b64url() {
  openssl base64 -A | tr '+/' '-_' | tr -d '='
}

if [ -r /proc/sys/kernel/random/uuid ]; then
  read -r jti </proc/sys/kernel/random/uuid
else
  hex=$(openssl rand -hex 16)
  jti=${hex:0:8}-${hex:8:4}-4${hex:13:3}-a${hex:17:3}-${hex:20:12}
fi
iat=${EPOCHSECONDS:-$(date +%s)}
sub=$(json "$subject")

header='{"alg":"RS256","typ":"JWT"}'
claims="{\"iss\":$(json "$issuer"),\"aud\":$(json "$audience"),\"sub\":$sub,\"upn\":$sub"
claims+=",\"groups\":[$(json "$role")],\"iat\":$iat,\"exp\":$((iat + lifetime)),\"jti\":\"$jti\"}"

input=$(printf '%s' "$header" | b64url).$(printf '%s' "$claims" | b64url)
signature=$(printf '%s' "$input" | openssl dgst -sha256 -sign "$key" -binary | b64url)
[ -n "$signature" ] || { echo "openssl could not sign with $key." >&2; exit 1; }
printf '%s.%s\n' "$input" "$signature"
