#!/bin/sh
# Entrypoint of the locally built TEST image, behaving like the official image's: HiveMQ's
# allow-all extension is removed unless HIVEMQ_ALLOW_ALL_CLIENTS is "true" (the image default).
set -e
if [ "${HIVEMQ_ALLOW_ALL_CLIENTS}" != "true" ]; then
  echo "Disabling allow all extension"
  rm -rf /opt/hivemq/extensions/hivemq-allow-all-extension
fi
exec "$@"
