namespace CommitmentTracker.Contracts.Api;

/// <summary>Body of <c>POST /api/keys</c>.</summary>
/// <param name="Name">What the key is for, e.g. who holds it.</param>
/// <param name="Roles">One or more of admin, liaison, country-lead, reader.</param>
/// <param name="Organisation">OGP or OCP: required for liaisons, rejected otherwise.</param>
/// <param name="MemberScope">Member codes a country lead may act for: required for country leads, rejected otherwise.</param>
/// <param name="ExpiresAt">When the key stops working; a year from now when left out. Must be in the future.</param>
public sealed record CreateApiKeyRequest(string? Name, IReadOnlyList<string>? Roles, string? Organisation, IReadOnlyList<string>? MemberScope, DateTimeOffset? ExpiresAt);

/// <summary>An issued key, without its secret.</summary>
public sealed record ApiKeyResponse(
    string Id,
    string Name,
    IReadOnlyList<string> Roles,
    string? Organisation,
    IReadOnlyList<string> MemberScope,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt);

/// <summary>The answer to <c>POST /api/keys</c>: the only time the secret is shown.</summary>
public sealed record CreatedApiKeyResponse(ApiKeyResponse Key, string Secret);

/// <summary>
/// The answer to <c>GET /api/me</c>: who the API takes the caller to be, whatever authenticated it (API key or bearer
/// token). <c>Id</c> is the key id or the token's subject; <c>Members</c> is a country lead's member scope.
/// </summary>
public sealed record CallerResponse(string Id, string Name, IReadOnlyList<string> Roles, string? Organisation, IReadOnlyList<string> Members);
