#!/bin/bash
# Container health check without curl/wget: a raw HTTP/1.0 request over bash's /dev/tcp.
# The runtime image is mcr.microsoft.com/dotnet/aspnet:10.0-noble (full Ubuntu 24.04, not chiseled),
# which has bash and coreutils but no curl or wget.
# Usage: healthcheck [path] [port]   (defaults: /alive, $HEALTHCHECK_PORT or 8080). Exit 0 on HTTP 200.
set -u
path="${1:-/alive}"
port="${2:-${HEALTHCHECK_PORT:-8080}}"
exec 3<>"/dev/tcp/127.0.0.1/${port}" || exit 1
printf 'GET %s HTTP/1.0\r\nHost: localhost\r\nConnection: close\r\n\r\n' "${path}" >&3
IFS=' ' read -r -t 5 _ status _ <&3 || exit 1
[[ "${status}" == "200" ]]
