#!/usr/bin/env bash
# Adds an EF Core migration for EVERY provider of a service (SQLite, SQL Server and PostgreSQL have separate migration sets).
# usage: services/add-migration.sh <ActionPlans|Tagging|Engagement|Notifications|ApiKeys> <MigrationName>
# ApiKeys is the key store of the embedded host and the gateway; it lives in gateway/CommitmentTracker.Edge.
set -euo pipefail
service=${1:?service name, e.g. ActionPlans}
name=${2:?migration name, e.g. AddCommitments}
root=$(cd "$(dirname "$0")/.." && pwd)
project="$root/services/CommitmentTracker.$service"
output="Data/Migrations"
context_suffix="${service}Db"
if [ "$service" = ApiKeys ]; then
  project="$root/gateway/CommitmentTracker.Edge"
  context_suffix="ApiKeyDb"
fi
[ -d "$project" ] || { echo "no service project at $project" >&2; exit 2; }
cd "$root"
dotnet tool restore >/dev/null
dotnet build "$project" -v q -nologo
for provider in Sqlite SqlServer Postgres; do
  dotnet ef migrations add "$name" --no-build --project "$project" \
    --context "${provider}${context_suffix}" \
    --output-dir "$output/$provider"
done
