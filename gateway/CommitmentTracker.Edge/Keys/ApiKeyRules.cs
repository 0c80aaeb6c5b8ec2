using CommitmentTracker.ServiceDefaults;
using CommitmentTracker.ServiceDefaults.Security;
using CommitmentTracker.Contracts.Api;
using System.Text.RegularExpressions;

using CommitmentTracker.Edge.Data;

namespace CommitmentTracker.Edge.Keys;

/// <summary>What a key may hold; checked when it is issued.</summary>
internal static partial class ApiKeyRules
{
    public const int MaxNameLength = 100;
    public const int MaxMembers = 200;
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(365);

    public static Dictionary<string, string[]> Validate(CreateApiKeyRequest request, DateTimeOffset now, out IssuedApiKey? key)
    {
        key = null;
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > MaxNameLength)
        {
            errors["name"] = [$"name is required, at most {MaxNameLength} characters."];
        }

        var roles = (request.Roles ?? []).Select(r => r?.Trim().ToLowerInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count == 0 || roles.Any(r => !Roles.All.Contains(r)))
        {
            errors["roles"] = [$"roles must hold one or more of: {string.Join(", ", Roles.All)}."];
        }

        var organisation = string.IsNullOrWhiteSpace(request.Organisation) ? null : request.Organisation.Trim().ToUpperInvariant();
        if (roles.Contains(Roles.Liaison) && (organisation is null || !Organisations.All.Contains(organisation)))
        {
            errors["organisation"] = [$"A liaison's key needs organisation {string.Join(" or ", Organisations.All)}."];
        }
        else if (!roles.Contains(Roles.Liaison) && organisation is not null)
        {
            errors["organisation"] = ["organisation is only for liaisons' keys."];
        }

        var members = (request.MemberScope ?? []).Select(m => m?.Trim().ToUpperInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Contains(Roles.CountryLead) && (members.Count is 0 or > MaxMembers || members.Any(m => !MemberCode().IsMatch(m))))
        {
            errors["memberScope"] = [$"A country lead's key needs memberScope: 1 to {MaxMembers} member codes (letters, digits, '-', up to 10)."];
        }
        else if (!roles.Contains(Roles.CountryLead) && members.Count > 0)
        {
            errors["memberScope"] = ["memberScope is only for country leads' keys."];
        }

        var expiresAt = request.ExpiresAt ?? now.Add(DefaultLifetime);
        if (expiresAt <= now)
        {
            errors["expiresAt"] = ["expiresAt must be in the future."];
        }

        if (errors.Count == 0)
        {
            key = new IssuedApiKey
            {
                Id = ApiKeySecrets.NewId(),
                Name = name,
                SecretHash = string.Empty,
                Roles = string.Join(' ', roles),
                Organisation = organisation,
                MemberScope = string.Join(' ', members),
                CreatedBy = string.Empty,
                CreatedAt = now.UtcDateTime,
                ExpiresAt = expiresAt.UtcDateTime,
            };
        }

        return errors;
    }

    public static string[] Split(string values) => values.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    public static ApiKeyResponse ToResponse(this IssuedApiKey key) => new(
        key.Id,
        key.Name,
        Split(key.Roles),
        key.Organisation,
        Split(key.MemberScope),
        key.CreatedBy,
        key.CreatedAt.AsUtc(),
        key.ExpiresAt.AsUtc(),
        key.RevokedAt.AsUtc());

    [GeneratedRegex("^[A-Z0-9-]{1,10}$", RegexOptions.CultureInvariant)]
    private static partial Regex MemberCode();
}
