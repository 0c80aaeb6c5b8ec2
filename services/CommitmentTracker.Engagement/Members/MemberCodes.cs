namespace CommitmentTracker.Engagement.Members;

/// <summary>Member codes: ISO alpha-3, or 4 letters for local members; stored upper case.</summary>
internal static class MemberCodes
{
    public static bool IsValid(string? code) => code is { Length: 3 or 4 } && code.All(char.IsAsciiLetter);

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();
}
