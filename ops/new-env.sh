#!/usr/bin/env bash
# Writes the .env docker-compose.yml reads: .env.example with its three secrets generated
# (POSTGRES_PASSWORD, ABM_LINKS_SECRET, ABM_CODEC_KEY). Edit the rest afterwards if you like
# (ABM_MAIL_POSTAL_ADDRESS, ABM_PUBLIC_URL, the first admin).
#
#   ops/new-env.sh          writes .env next to docker-compose.yml
#   ops/new-env.sh FILE     writes FILE instead (CI validates the compose file with one)
#
# It never overwrites: the codec key decrypts payloads Temporal already keeps, the links secret
# verifies links already sent, and a new PostgreSQL password does not reach an existing volume.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/.env}"

if [ -e "$out" ]; then
  echo "$out exists, left as it is (its keys belong to data already stored). To start afresh: remove it, and the volume with docker compose down -v." >&2
  exit 1
fi

# base64 of 32 random bytes: the apps refuse shorter keys (the codec wants exactly 32).
key() {
  if command -v openssl >/dev/null 2>&1; then openssl rand -base64 32; else head -c 32 /dev/urandom | base64; fi
}
# Hex, so that the password means the same in every place it is pasted (JDBC, Temporal's YAML, psql).
password() {
  if command -v openssl >/dev/null 2>&1; then openssl rand -hex 24; else head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n'; fi
}

umask 077
tmp="$(mktemp "$out.XXXXXX")"
trap 'rm -f "$tmp"' EXIT
while IFS= read -r line || [ -n "$line" ]; do
  case "$line" in
    POSTGRES_PASSWORD=) echo "POSTGRES_PASSWORD=$(password)" ;;
    ABM_LINKS_SECRET=) echo "ABM_LINKS_SECRET=$(key)" ;;
    ABM_CODEC_KEY=) echo "ABM_CODEC_KEY=$(key)" ;;
    *) printf '%s\n' "$line" ;;
  esac
done <"$root/.env.example" >"$tmp"
mv "$tmp" "$out"
trap - EXIT
echo "Wrote $out with generated POSTGRES_PASSWORD, ABM_LINKS_SECRET and ABM_CODEC_KEY (keep it: it is the only copy)."
