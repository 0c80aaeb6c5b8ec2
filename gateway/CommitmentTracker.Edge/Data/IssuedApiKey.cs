namespace CommitmentTracker.Edge.Data;

/// <summary>An issued API key. The secret itself is never stored: only its SHA-256 hash, which is also how it is found.</summary>
internal sealed class IssuedApiKey
{
    public required string Id { get; set; }
    public required string Name { get; set; }

    /// <summary>Lowercase hex SHA-256 of the secret.</summary>
    public required string SecretHash { get; set; }

    /// <summary>Space-separated roles (a handful at most; read with the row).</summary>
    public required string Roles { get; set; }

    public string? Organisation { get; set; }

    /// <summary>Space-separated member codes a country lead may act for.</summary>
    public required string MemberScope { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>Revoked keys stay as a record of who had access; they stop working at once.</summary>
    public DateTime? RevokedAt { get; set; }
}
