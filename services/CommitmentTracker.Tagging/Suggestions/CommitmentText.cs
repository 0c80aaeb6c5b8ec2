using System.Security.Cryptography;
using System.Text;

namespace CommitmentTracker.Tagging.Suggestions;

/// <summary>
/// What the rules look at: a commitment's title, full text and OGP's policy-area flags, and the names that are never
/// evidence (its lead and supporting institutions, the action plan's theme), which are masked in the text.
/// </summary>
internal sealed record CommitmentText(
    string Title,
    string? FullText,
    IReadOnlyList<string> PolicyAreas,
    string? LeadInstitution = null,
    string? SupportingInstitutions = null,
    string? Theme = null)
{
    public const string TitleField = "title";
    public const string FullTextField = "fullText";
    public const string PolicyAreasField = "policyAreas";

    /// <summary>
    /// A stable hash of the title, full text and flags: what makes a change a text change (confirmed tags are flagged,
    /// rejected suggestions may come back). The institutions and theme only mask words, so they are not part of it.
    /// </summary>
    public string Hash()
    {
        var text = string.Join('\u001f', [Title, FullText ?? string.Empty, .. PolicyAreas.Order(StringComparer.Ordinal)]);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
