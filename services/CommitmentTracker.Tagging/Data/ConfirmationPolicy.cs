namespace CommitmentTracker.Tagging.Data;

/// <summary>How many liaisons must approve a tag before it is confirmed.</summary>
internal static class ConfirmationPolicy
{
    /// <summary>One liaison of either organisation.</summary>
    public const string OneLiaison = "one-liaison";
    /// <summary>One liaison of OGP and one of OCP.</summary>
    public const string BothOrganisations = "both-organisations";

    public static bool IsValid(string? value) => value is OneLiaison or BothOrganisations;
}
