namespace CommitmentTracker.Engagement.Data;

/// <summary>A registry country name an admin mapped to a member; it wins over the shipped table and the settings.</summary>
internal sealed class CountryAlias
{
    /// <summary>The name as compared (<see cref="Ocds.CountryNames.Key"/>).</summary>
    public required string Key { get; set; }
    public required string Name { get; set; }
    public required string MemberCode { get; set; }
    public required string EnteredBy { get; set; }
    public DateTime EnteredAt { get; set; }
}
