#!/usr/bin/env bash
# Certificates for the Orleans ports (Workshops:Cluster:Tls): a private certificate authority
# for one cluster, a certificate for its servers and, on request, more (the CLI, an operator).
#
#   deploy/cluster-certs.sh DIR          DIR/ca.crt + ca.key (once), DIR/tls.crt + tls.key (the servers)
#   deploy/cluster-certs.sh DIR NAME     DIR/NAME.crt + NAME.key, issued by the same authority
#
# Every certificate allows server and client authentication: a silo accepts connections and
# opens them. Names are not checked (silos reach each other by IP); the authority is. Keep
# ca.key off the servers: whoever holds it can make certificates the cluster lets in.
# Needs openssl. Nothing here is committed (deploy/cluster-tls/ is in .gitignore).
set -Eeuo pipefail

DIR=${1:?usage: $0 DIR [NAME]}
NAME=${2:-tls}
DAYS=${WORKSHOPS_CERT_DAYS:-825}
command -v openssl >/dev/null 2>&1 || { echo "cluster-certs: openssl is needed" >&2; exit 1; }
mkdir -p "$DIR"
umask 077

if [ ! -f "$DIR/ca.key" ]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/CN=Workshops cluster CA" \
    -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
    -keyout "$DIR/ca.key" -out "$DIR/ca.crt" 2>/dev/null
  chmod 644 "$DIR/ca.crt"
  echo "new authority: $DIR/ca.crt (its key $DIR/ca.key: keep it off the servers)"
fi

[ ! -f "$DIR/$NAME.crt" ] || { echo "cluster-certs: $DIR/$NAME.crt exists; remove it to issue a new one" >&2; exit 1; }
extensions=$(mktemp)
trap 'rm -f "$extensions" "$DIR/$NAME.csr"' EXIT
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\n' > "$extensions"
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -subj "/CN=workshops-$NAME" \
  -keyout "$DIR/$NAME.key" -out "$DIR/$NAME.csr" 2>/dev/null
openssl x509 -req -in "$DIR/$NAME.csr" -CA "$DIR/ca.crt" -CAkey "$DIR/ca.key" -CAcreateserial -sha256 \
  -days "$DAYS" -extfile "$extensions" -out "$DIR/$NAME.crt" 2>/dev/null
chmod 644 "$DIR/$NAME.crt"
echo "issued: $DIR/$NAME.crt, key $DIR/$NAME.key"
echo "SHA-256 thumbprint (for AllowedThumbprints): $(openssl x509 -in "$DIR/$NAME.crt" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d :)"
